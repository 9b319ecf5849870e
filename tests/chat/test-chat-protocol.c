/* test-chat-protocol.c: the chat server against a real WebSocket client, hostile ones too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "chat-test-client.h"
#include "kefu-channel-registry.h"
#include "kefu-chat-channel.h"

#define TOKEN_A "0123456789abcdef0123456789abcdef"
#define TOKEN_B "fedcba9876543210fedcba9876543210"
#define ORIGIN  "https://shop.example"

/* Small limits so that each one is quick to hit. */
#define CONFIG \
  "{\"port\": 0, \"origins\": [\"" ORIGIN "\"], \"shop-name\": \"Tea <b>House</b>\"," \
  " \"color\": \"#aa3300\", \"greeting\": \"Hi!\", \"max-text-length\": 100," \
  " \"max-frame-size\": 8192, \"max-image-size\": 1024, \"max-connections-per-ip\": 5," \
  " \"visitor-burst\": 30, \"visitor-per-minute\": 60, \"ip-burst\": 200, \"ip-per-minute\": 600}"

typedef struct
{
  char            *path;
  KefuSqliteStore *sqlite;
  KefuStore       *store;
  KefuRouter      *router;
  KefuAccount     *account;
  KefuChannel     *channel;
  guint            port;
} Fixture;

static void
start_channel (Fixture *fixture)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GType type = kefu_channel_registry_lookup (KEFU_CHANNEL_KIND_CHAT);

  g_assert_true (g_type_is_a (type, KEFU_TYPE_CHANNEL));
  fixture->channel = g_object_new (type, "router", fixture->router, "account", fixture->account, NULL);
  kefu_channel_start_async (fixture->channel, NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_channel_start_finish (fixture->channel, kefu_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kefu_channel_get_state (fixture->channel), ==, KEFU_CHANNEL_STATE_ONLINE);
  fixture->port = kefu_chat_channel_get_port (KEFU_CHAT_CHANNEL (fixture->channel));
  g_assert_cmpuint (fixture->port, >, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->path = kefu_test_temp_db_path ();
  fixture->sqlite = kefu_test_open_store (fixture->path);
  fixture->store = KEFU_STORE (fixture->sqlite);
  fixture->router = kefu_router_new (fixture->store);
  fixture->account = chat_test_add_account (fixture->store, user_data ? user_data : CONFIG);
  start_channel (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->channel != NULL)
    kefu_channel_stop (fixture->channel);
  g_clear_object (&fixture->channel);
  chat_test_spin (20);
  g_clear_object (&fixture->account);
  g_clear_object (&fixture->router);
  kefu_sqlite_store_close (fixture->sqlite);
  g_clear_object (&fixture->sqlite);
  g_free (fixture->path);
}

static ChatClient *
connect_visitor (Fixture    *fixture,
                 const char *token)
{
  g_autoptr (GError) error = NULL;
  ChatClient *client = chat_client_connect (fixture->port, ORIGIN, &error);

  g_assert_no_error (error);
  if (token != NULL)
    chat_client_hello (client, token);

  return client;
}

static gint64
send_message (ChatClient *client,
              const char *client_id,
              const char *text,
              gboolean    expect_duplicate)
{
  g_autoptr (JsonObject) ack = NULL;
  const char *ref;

  chat_client_send (client, "{\"type\":\"message\",\"id\":\"%s\",\"text\":\"%s\"}", client_id, text);
  ack = chat_client_wait (client, "ack");
  g_assert_cmpstr (json_object_get_string_member (ack, "id"), ==, client_id);
  g_assert_cmpint (json_object_get_boolean_member (ack, "duplicate"), ==, expect_duplicate);
  ref = json_object_get_string_member (ack, "message");
  g_assert_true (ref[0] == 'm');

  return g_ascii_strtoll (ref + 1, NULL, 10);
}

static char *
query (Fixture    *fixture,
       const char *sql)
{
  return chat_test_query (fixture->path, sql);
}

static void
wait_for_query (Fixture    *fixture,
                const char *sql,
                const char *expected)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  g_autofree char *value = NULL;

  while (TRUE)
    {
      g_free (value);
      value = query (fixture, sql);
      if (g_strcmp0 (value, expected) == 0 || g_get_monotonic_time () > deadline)
        break;
      chat_test_spin (20);
    }
  g_assert_cmpstr (value, ==, expected);
}

static void
test_origin (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *own = g_strdup_printf ("http://127.0.0.1:%u", fixture->port);
  g_autoptr (ChatClient) allowed = chat_client_connect (fixture->port, ORIGIN, &error);
  g_autoptr (ChatClient) self_hosted = NULL;
  ChatClient *refused;

  g_assert_no_error (error);
  g_assert_nonnull (allowed);

  /* The /demo page is served by Kefu itself. */
  self_hosted = chat_client_connect (fixture->port, own, &error);
  g_assert_no_error (error);

  refused = chat_client_connect (fixture->port, "https://evil.example", &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_clear_error (&error);

  refused = chat_client_connect (fixture->port, "https://shop.example.evil.example", &error);
  g_assert_null (refused);
  g_clear_error (&error);

  refused = chat_client_connect (fixture->port, NULL, &error);
  g_assert_null (refused);
  g_clear_error (&error);
}

static void
test_welcome (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr (ChatClient) client = connect_visitor (fixture, NULL);
  g_autoptr (JsonObject) welcome = NULL;
  g_autoptr (JsonObject) history = NULL;

  chat_client_send (client, "{\"type\":\"hello\",\"v\":1,\"token\":\"%s\"}", TOKEN_A);
  welcome = chat_client_wait (client, "welcome");
  g_assert_cmpint (json_object_get_int_member (welcome, "v"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (welcome, "shop"), ==, "Tea <b>House</b>");
  g_assert_cmpstr (json_object_get_string_member (welcome, "color"), ==, "#aa3300");
  g_assert_cmpstr (json_object_get_string_member (welcome, "greeting"), ==, "Hi!");
  g_assert_true (json_object_get_boolean_member (welcome, "available"));
  g_assert_cmpint (json_object_get_int_member (welcome, "max_text"), ==, 100);
  history = chat_client_wait (client, "history");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (history, "messages")), ==, 0);

  /* A second hello on the same socket is refused. */
  chat_client_send (client, "{\"type\":\"hello\",\"v\":1,\"token\":\"%s\"}", TOKEN_B);
  json_object_unref (chat_client_wait_error (client, "invalid"));
}

static void
test_hello_first (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (ChatClient) client = connect_visitor (fixture, NULL);
  g_autoptr (JsonObject) error = NULL;

  chat_client_send (client, "{\"type\":\"message\",\"id\":\"c1\",\"text\":\"hi\"}");
  error = chat_client_wait_error (client, "not-ready");
  g_assert_cmpstr (json_object_get_string_member (error, "id"), ==, "c1");
  chat_test_assert_query (fixture->path, "SELECT count(*) FROM messages", "0");
}

static void
test_bad_hello (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (ChatClient) client = connect_visitor (fixture, NULL);
  const char *bad[] = {
    "{\"type\":\"hello\",\"v\":1,\"token\":\"short\"}",
    "{\"type\":\"hello\",\"v\":1,\"token\":\"0123456789ABCDEF0123456789ABCDEF\"}",
    "{\"type\":\"hello\",\"v\":1,\"token\":\"0123456789abcdef0123456789abcdeg\"}",
    "{\"type\":\"hello\",\"v\":1,\"token\":12345}",
    "{\"type\":\"hello\",\"v\":1}",
    "{\"type\":\"hello\",\"v\":1,\"token\":\"" TOKEN_A "\",\"page\":\"javascript:alert(1)\"}",
    "{\"type\":\"hello\",\"v\":1,\"token\":\"" TOKEN_A "\",\"lang\":\"en<script>\"}",
    "{\"type\":\"hello\",\"v\":1,\"token\":\"" TOKEN_A "\",\"email\":\"not an address\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      chat_client_send (client, "%s", bad[i]);
      json_object_unref (chat_client_wait_error (client, "invalid"));
    }

  chat_client_send (client, "{\"type\":\"hello\",\"v\":2,\"token\":\"%s\"}", TOKEN_A);
  json_object_unref (chat_client_wait_error (client, "version"));

  /* Still usable after all that. */
  chat_client_hello (client, TOKEN_A);
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (ChatClient) client = connect_visitor (fixture, TOKEN_A);
  const char *bad[] = {
    "not json",
    "[1,2,3]",
    "\"hello\"",
    "{}",
    "{\"type\":42}",
    "{\"type\":\"bogus\"}",
    "{\"type\":\"message\"",
    "{\"type\":\"hello\",,}",
    "null",
  };
  const char *invalid[] = {
    "{\"type\":\"message\",\"id\":\"c1\"}",
    "{\"type\":\"message\",\"text\":\"no id\"}",
    "{\"type\":\"message\",\"id\":\"bad id!\",\"text\":\"x\"}",
    "{\"type\":\"message\",\"id\":\"c1\",\"text\":42}",
    "{\"type\":\"message\",\"id\":\"c1\",\"text\":[\"x\"]}",
    "{\"type\":\"typing\"}",
    "{\"type\":\"typing\",\"active\":\"yes\"}",
    "{\"type\":\"rating\",\"score\":9}",
    "{\"type\":\"rating\",\"score\":0}",
    "{\"type\":\"rating\",\"score\":\"5\"}",
    "{\"type\":\"contact\",\"email\":\"nobody\"}",
    "{\"type\":\"contact\"}",
    "{\"type\":\"feedback\",\"message\":\"m1\"}",
  };
  g_autoptr (GString) deep = g_string_new ("{\"type\":\"ping\",\"x\":");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      chat_client_send (client, "%s", bad[i]);
      json_object_unref (chat_client_wait_error (client, "malformed"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      chat_client_send (client, "%s", invalid[i]);
      json_object_unref (chat_client_wait_error (client, "invalid"));
    }

  /* Binary frames are not part of the protocol. */
  soup_websocket_connection_send_binary (client->connection, "\x00\x01\xff", 3);
  json_object_unref (chat_client_wait_error (client, "malformed"));

  /* Deep nesting under the frame limit. */
  for (guint i = 0; i < 3000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 3000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  chat_client_send (client, "%s", deep->str);
  chat_client_send (client, "{\"type\":\"ping\"}");
  json_object_unref (chat_client_wait (client, "pong"));
  g_assert_false (client->closed);
  chat_test_assert_query (fixture->path, "SELECT count(*) FROM messages", "0");
}

static void
test_message_reaches_inbox (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr (ChatClient) client = connect_visitor (fixture, TOKEN_A);
  g_autoptr (JsonObject) handoff = NULL;
  g_autofree char *visitor = NULL;
  gint64 first;

  first = send_message (client, "c1", "Where is my order?", FALSE);
  handoff = chat_client_wait (client, "handoff");
  g_assert_cmpstr (json_object_get_string_member (handoff, "status"), ==, "queued");

  chat_test_assert_query (fixture->path, "SELECT channel, status FROM tickets", "chat|new");
  chat_test_assert_query (fixture->path, "SELECT direction, text FROM messages", "in|Where is my order?");

  /* The identity is the token's hash, never the token. */
  visitor = query (fixture, "SELECT value FROM identities WHERE kind = 'chat'");
  g_assert_cmpuint (strlen (visitor), ==, 64);
  chat_test_assert_query (fixture->path, "SELECT count(*) FROM identities WHERE value LIKE '%" TOKEN_A "%'", "0");

  wait_for_query (fixture, "SELECT detail FROM events WHERE kind = 'chat-visitor'",
                  "{\"page\":\"https://shop.example/shoes?id=7\",\"language\":\"zh-CN\"}");

  /* A resend (after a reconnect) is acknowledged, not stored again. */
  g_assert_cmpint (send_message (client, "c1", "Where is my order?", TRUE), ==, first);
  g_assert_cmpint (send_message (client, "c2", "Hello?", FALSE), >, first);
  chat_test_assert_query (fixture->path, "SELECT count(*) FROM messages", "2");
  chat_test_assert_query (fixture->path, "SELECT count(*) FROM tickets", "1");
  g_assert_true (chat_client_quiet (client, "handoff", 100));
}

static KefuMessage *
agent_reply (Fixture    *fixture,
             const char *text)
{
  g_autofree char *ticket = query (fixture, "SELECT id FROM tickets");
  g_autoptr (KefuOutbound) outbound = kefu_outbound_new (g_ascii_strtoll (ticket, NULL, 10),
                                                        KEFU_DIRECTION_OUT, text);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  KefuMessage *message;

  outbound->author_name = g_strdup ("Li Na");
  kefu_router_send_async (fixture->router, outbound, NULL, kefu_test_result_cb, &result);
  message = kefu_router_send_finish (fixture->router, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return message;
}

static void
test_agent_reply (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (ChatClient) client = connect_visitor (fixture, TOKEN_A);
  g_autoptr (KefuMessage) reply = NULL;
  g_autoptr (JsonObject) frame = NULL;
  g_autofree char *sql = NULL;

  send_message (client, "c1", "Hello", FALSE);
  reply = agent_reply (fixture, "<img src=x onerror=alert(1)> We ship today.");
  frame = chat_client_wait (client, "message");
  g_assert_cmpstr (json_object_get_string_member (frame, "from"), ==, "agent");
  g_assert_cmpstr (json_object_get_string_member (frame, "author"), ==, "Li Na");
  g_assert_cmpstr (json_object_get_string_member (frame, "text"), ==, "<img src=x onerror=alert(1)> We ship today.");

  sql = g_strdup_printf ("SELECT delivery_state FROM messages WHERE id = %" G_GINT64_FORMAT,
                         kefu_message_get_id (reply));
  wait_for_query (fixture, sql, "sent");

  /* Internal notes never reach the visitor. */
  {
    g_autofree char *ticket = query (fixture, "SELECT id FROM tickets");
    g_autoptr (KefuOutbound) note = kefu_outbound_new (g_ascii_strtoll (ticket, NULL, 10),
                                                      KEFU_DIRECTION_NOTE, "secret note");
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (KefuMessage) stored = NULL;

    kefu_router_send_async (fixture->router, note, NULL, kefu_test_result_cb, &result);
    stored = kefu_router_send_finish (fixture->router, kefu_test_wait (&result), NULL);
    g_assert_nonnull (stored);
    g_assert_true (chat_client_quiet (client, "message", 200));
    chat_client_send (client, "{\"type\":\"history\"}");
    frame = (json_object_unref (frame), chat_client_wait (client, "history"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (frame, "messages")), ==, 2);
  }
}

static void
test_isolation (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (ChatClient) a = connect_visitor (fixture, TOKEN_A);
  g_autoptr (ChatClient) b = NULL;
  g_autoptr (KefuMessage) reply = NULL;
  g_autoptr (JsonObject) history = NULL;
  g_autoptr (JsonObject) frame = NULL;

  send_message (a, "c1", "My address is 1 Secret Road", FALSE);
  b = connect_visitor (fixture, NULL);
  chat_client_send (b, "{\"type\":\"hello\",\"v\":1,\"token\":\"%s\"}", TOKEN_B);
  history = chat_client_wait (b, "history");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (history, "messages")), ==, 0);

  /* B reusing A's client id is B's own message, not A's duplicate. */
  g_assert_cmpint (send_message (b, "c1", "Hi", FALSE), >, 0);
  chat_test_assert_query (fixture->path, "SELECT count(*) FROM tickets", "2");

  reply = agent_reply (fixture, "Only for A");
  frame = chat_client_wait (a, "message");
  g_assert_cmpstr (json_object_get_string_member (frame, "text"), ==, "Only for A");
  g_assert_true (chat_client_quiet (b, "message", 200));
}

static void
test_size_limits (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (ChatClient) client = connect_visitor (fixture, TOKEN_A);
  g_autoptr (JsonObject) error = NULL;
  g_autofree char *long_text = g_strnfill (101, 'x');
  g_autofree char *chinese = NULL;
  g_autofree char *big = g_strnfill (9000, 'y');
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  g_autofree char *png64 = g_base64_encode (png, sizeof png);
  g_autofree char *fake64 = g_base64_encode ((const guchar *)"<script>alert(1)</script>", 25);
  g_autofree guchar *huge = g_malloc0 (2000);
  g_autofree char *huge64 = NULL;
  GString *cjk = g_string_new (NULL);

  chat_client_send (client, "{\"type\":\"message\",\"id\":\"long\",\"text\":\"%s\"}", long_text);
  error = chat_client_wait_error (client, "too-large");
  g_assert_cmpstr (json_object_get_string_member (error, "id"), ==, "long");

  /* The limit counts characters, not bytes: 100 Chinese characters fit. */
  for (guint i = 0; i < 100; i++)
    g_string_append (cjk, "运");
  chinese = g_string_free (cjk, FALSE);
  send_message (client, "cjk", chinese, FALSE);

  /* Images: the right magic bytes, under the size limit. */
  chat_client_send (client, "{\"type\":\"message\",\"id\":\"img1\",\"image\":{\"name\":\"a.png\",\"type\":\"image/png\",\"data\":\"%s\"}}", png64);
  json_object_unref (chat_client_wait (client, "ack"));
  chat_test_assert_query (fixture->path, "SELECT filename, mime_type, size FROM attachments", "a.png|image/png|12");

  chat_client_send (client, "{\"type\":\"message\",\"id\":\"img2\",\"image\":{\"name\":\"a.png\",\"type\":\"image/png\",\"data\":\"%s\"}}", fake64);
  json_object_unref (chat_client_wait_error (client, "invalid"));
  chat_client_send (client, "{\"type\":\"message\",\"id\":\"img3\",\"image\":{\"name\":\"a.svg\",\"type\":\"image/svg+xml\",\"data\":\"%s\"}}", png64);
  json_object_unref (chat_client_wait_error (client, "invalid"));
  memcpy (huge, png, sizeof png);
  huge64 = g_base64_encode (huge, 2000);
  chat_client_send (client, "{\"type\":\"message\",\"id\":\"img4\",\"image\":{\"name\":\"b.png\",\"type\":\"image/png\",\"data\":\"%s\"}}", huge64);
  json_object_unref (chat_client_wait_error (client, "too-large"));
  chat_test_assert_query (fixture->path, "SELECT count(*) FROM attachments", "1");

  /* A frame over the limit closes the connection (libsoup drops it without
   * reading the payload), and nothing is stored. */
  chat_client_send (client, "{\"type\":\"message\",\"id\":\"big\",\"text\":\"%s\"}", big);
  chat_client_wait_closed (client);
  g_assert_true (client->close_code == 0 || client->close_code == SOUP_WEBSOCKET_CLOSE_TOO_BIG);
  chat_test_assert_query (fixture->path, "SELECT count(*) FROM messages", "2");
}

static void
test_rate_limits (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (ChatClient) client = connect_visitor (fixture, TOKEN_A);
  g_autoptr (GPtrArray) others = g_ptr_array_new_with_free_func ((GDestroyNotify)chat_client_free);
  g_autoptr (GError) error = NULL;
  guint pongs = 0;

  /* Per visitor: a burst of 30, then one a second. */
  for (guint i = 0; i < 40; i++)
    chat_client_send (client, "{\"type\":\"ping\"}");
  json_object_unref (chat_client_wait_error (client, "rate-limited"));
  for (JsonObject *pong; (pong = g_queue_peek_head (&client->frames)) != NULL || pongs == 0;)
    {
      if (pong == NULL)
        {
          chat_test_spin (10);
          continue;
        }
      if (g_str_equal (json_object_get_string_member (pong, "type"), "pong"))
        pongs++;
      json_object_unref (g_queue_pop_head (&client->frames));
    }
  chat_test_spin (200);
  while (!g_queue_is_empty (&client->frames))
    {
      JsonObject *frame = g_queue_pop_head (&client->frames);

      pongs += g_str_equal (json_object_get_string_member (frame, "type"), "pong");
      json_object_unref (frame);
    }
  g_assert_cmpuint (pongs, <=, 30);
  g_assert_cmpuint (pongs, >=, 25);

  /* Per address: five connections at most. */
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (others, connect_visitor (fixture, NULL));
  g_assert_null (chat_client_connect (fixture->port, ORIGIN, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A closed connection frees its place. */
  g_ptr_array_remove_index (others, 0);
  chat_test_spin (200);
  g_ptr_array_add (others, connect_visitor (fixture, NULL));
}

static void
test_flood_disconnects (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr (ChatClient) client = connect_visitor (fixture, TOKEN_A);

  for (guint i = 0; i < 60; i++)
    chat_client_send (client, "garbage %u", i);
  chat_client_wait_closed (client);
  g_assert_cmpint (client->close_code, ==, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
}

static void
on_visitor_typing (KefuChatChannel *channel,
                   gint64           ticket_id,
                   gboolean         active,
                   gpointer         user_data)
{
  int *state = user_data;

  *state = active ? 1 : 0;
}

static void
test_typing_handoff_rating (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr (ChatClient) client = connect_visitor (fixture, TOKEN_A);
  g_autoptr (JsonObject) frame = NULL;
  g_autofree char *ticket = NULL;
  int typing = -1;

  /* Before there is a conversation a rating has nothing to attach to. */
  chat_client_send (client, "{\"type\":\"rating\",\"score\":5}");
  json_object_unref (chat_client_wait_error (client, "invalid"));

  send_message (client, "c1", "Hello", FALSE);
  json_object_unref (chat_client_wait (client, "handoff"));
  ticket = query (fixture, "SELECT id FROM tickets");

  g_signal_connect (fixture->channel, "visitor-typing", G_CALLBACK (on_visitor_typing), &typing);
  chat_client_send (client, "{\"type\":\"typing\",\"active\":true}");
  while (typing != 1)
    chat_test_spin (10);
  chat_client_send (client, "{\"type\":\"typing\",\"active\":false}");
  while (typing != 0)
    chat_test_spin (10);

  kefu_chat_channel_set_agent_typing (KEFU_CHAT_CHANNEL (fixture->channel), g_ascii_strtoll (ticket, NULL, 10), TRUE);
  frame = chat_client_wait (client, "typing");
  g_assert_true (json_object_get_boolean_member (frame, "active"));

  chat_client_send (client, "{\"type\":\"handoff\"}");
  json_object_unref (chat_client_wait (client, "handoff"));
  wait_for_query (fixture, "SELECT count(*) FROM events WHERE kind = 'chat-handoff'", "1");

  chat_client_send (client, "{\"type\":\"feedback\",\"message\":\"m1\",\"helpful\":false}");
  wait_for_query (fixture, "SELECT detail FROM events WHERE kind = 'chat-feedback'",
                  "{\"message\":\"m1\",\"helpful\":false}");

  chat_client_send (client, "{\"type\":\"rating\",\"score\":4,\"comment\":\"快 <b>fast</b>\"}");
  json_object_unref (chat_client_wait (client, "rated"));
  {
    g_autofree char *expected = g_strconcat (ticket, "|4|快 <b>fast</b>", NULL);

    chat_test_assert_query (fixture->path, "SELECT ticket_id, score, comment FROM ratings", expected);
  }
}

static void
test_closed_offers_rating (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr (ChatClient) client = connect_visitor (fixture, TOKEN_A);
  g_autoptr (KefuTicketChange) change = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ticket_id = NULL;

  send_message (client, "c1", "Thanks, that is all", FALSE);
  ticket_id = query (fixture, "SELECT id FROM tickets");
  g_assert_true (chat_client_quiet (client, "closed", 100));

  change = kefu_ticket_change_new (g_ascii_strtoll (ticket_id, NULL, 10), 0);
  change->what = KEFU_TICKET_CHANGE_STATUS;
  change->status = KEFU_TICKET_STATUS_RESOLVED;
  kefu_store_update_ticket_async (fixture->store, change, NULL, kefu_test_result_cb, &result);
  ticket = kefu_store_update_ticket_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  json_object_unref (chat_client_wait (client, "closed"));
  chat_client_send (client, "{\"type\":\"rating\",\"score\":5}");
  json_object_unref (chat_client_wait (client, "rated"));
  chat_test_assert_query (fixture->path, "SELECT score FROM ratings", "5");
}

static void
test_nobody_available (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr (ChatClient) client = NULL;
  g_autoptr (JsonObject) welcome = NULL;
  g_autoptr (JsonObject) handoff = NULL;

  kefu_chat_channel_set_agents_available (KEFU_CHAT_CHANNEL (fixture->channel), FALSE);
  client = connect_visitor (fixture, NULL);
  chat_client_send (client, "{\"type\":\"hello\",\"v\":1,\"token\":\"%s\",\"name\":\"Wang Fang\"}", TOKEN_A);
  welcome = chat_client_wait (client, "welcome");
  g_assert_false (json_object_get_boolean_member (welcome, "available"));

  send_message (client, "c1", "Is the shop open on Sunday?", FALSE);
  handoff = chat_client_wait (client, "handoff");
  g_assert_cmpstr (json_object_get_string_member (handoff, "status"), ==, "offline");
  chat_test_assert_query (fixture->path, "SELECT name FROM customers", "Wang Fang");

  chat_client_send (client, "{\"type\":\"contact\",\"email\":\"Wang.Fang@Example.COM\"}");
  json_object_unref (chat_client_wait (client, "contact-saved"));
  wait_for_query (fixture, "SELECT value FROM identities WHERE kind = 'email'", "wang.fang@example.com");
  wait_for_query (fixture, "SELECT count(*) FROM events WHERE kind = 'chat-contact'", "1");
}

static void
test_reply_while_away (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr (ChatClient) first = connect_visitor (fixture, TOKEN_A);
  g_autoptr (ChatClient) again = NULL;
  g_autoptr (KefuMessage) reply = NULL;
  g_autoptr (JsonObject) history = NULL;
  g_autofree char *sql = NULL;
  JsonArray *messages;

  send_message (first, "c1", "Hello", FALSE);
  g_clear_pointer (&first, chat_client_free);
  chat_test_spin (100);

  reply = agent_reply (fixture, "Answer while you were away");
  sql = g_strdup_printf ("SELECT delivery_state FROM messages WHERE id = %" G_GINT64_FORMAT,
                         kefu_message_get_id (reply));
  chat_test_spin (100);
  chat_test_assert_query (fixture->path, sql, "queued");

  again = connect_visitor (fixture, NULL);
  chat_client_send (again, "{\"type\":\"hello\",\"v\":1,\"token\":\"%s\"}", TOKEN_A);
  history = chat_client_wait (again, "history");
  messages = json_object_get_array_member (history, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "client_id"), ==, "c1");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 1), "text"), ==,
                   "Answer while you were away");
  wait_for_query (fixture, sql, "sent");
}

static void
test_http_files (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *paths[] = { "/kefu/widget.js", "/kefu/widget.css", "/demo" };
  g_autoptr (SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u%s", fixture->port, paths[i]);
      g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GBytes) body = NULL;
      g_autoptr (GError) error = NULL;

      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, kefu_test_result_cb, &result);
      body = soup_session_send_and_read_finish (session, kefu_test_wait (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpint (soup_message_get_status (msg), ==, 200);
      g_assert_cmpuint (g_bytes_get_size (body), >, 100);
    }

  {
    g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/kefu/../../etc/passwd", fixture->port);
    g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GBytes) body = NULL;

    soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, kefu_test_result_cb, &result);
    body = soup_session_send_and_read_finish (session, kefu_test_wait (&result), NULL);
    g_assert_cmpint (soup_message_get_status (msg), ==, 404);
  }
}

static void
test_bad_config (void)
{
  const char *bad[] = { "not json", "[]", "{\"color\": \"red\"}", "{\"tls-certificate\": \"/x.pem\"}" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = kefu_test_temp_db_path ();
      g_autoptr (KefuSqliteStore) sqlite = kefu_test_open_store (path);
      g_autoptr (KefuRouter) router = kefu_router_new (KEFU_STORE (sqlite));
      g_autoptr (KefuAccount) account = chat_test_add_account (KEFU_STORE (sqlite), bad[i]);
      g_autoptr (KefuChannel) channel = g_object_new (KEFU_TYPE_CHAT_CHANNEL, "router", router,
                                                      "account", account, NULL);
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *message = NULL;

      kefu_channel_start_async (channel, NULL, kefu_test_result_cb, &result);
      g_assert_false (kefu_channel_start_finish (channel, kefu_test_wait (&result), &error));
      g_assert_nonnull (error);
      g_assert_cmpint (kefu_channel_get_state (channel), ==, KEFU_CHANNEL_STATE_ERROR);
      message = kefu_channel_dup_status_message (channel);
      g_assert_nonnull (message);
      kefu_sqlite_store_close (sqlite);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/chat/protocol/origin", test_origin);
  ADD ("/chat/protocol/welcome", test_welcome);
  ADD ("/chat/protocol/hello-first", test_hello_first);
  ADD ("/chat/protocol/bad-hello", test_bad_hello);
  ADD ("/chat/protocol/malformed", test_malformed);
  ADD ("/chat/protocol/message-reaches-inbox", test_message_reaches_inbox);
  ADD ("/chat/protocol/agent-reply", test_agent_reply);
  ADD ("/chat/protocol/isolation", test_isolation);
  ADD ("/chat/protocol/size-limits", test_size_limits);
  ADD ("/chat/protocol/rate-limits", test_rate_limits);
  ADD ("/chat/protocol/flood-disconnects", test_flood_disconnects);
  ADD ("/chat/protocol/typing-handoff-rating", test_typing_handoff_rating);
  ADD ("/chat/protocol/nobody-available", test_nobody_available);
  ADD ("/chat/protocol/closed-offers-rating", test_closed_offers_rating);
  ADD ("/chat/protocol/reply-while-away", test_reply_while_away);
  ADD ("/chat/protocol/http-files", test_http_files);
  g_test_add_func ("/chat/protocol/bad-config", test_bad_config);

  return g_test_run ();
}
