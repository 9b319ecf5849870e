/* test-chat-restart.c: killing the chat server mid-conversation loses and duplicates nothing.
 *
 * The server runs in its own process (chat-test-server) and is killed
 * with SIGKILL while a visitor's messages are in flight. The visitor then
 * does what the widget does: reconnects with the same token and resends
 * every message it has no ack for. Each message must be stored exactly
 * once, every acknowledged one must have survived, and a reply written
 * while the server was down must reach the visitor after the restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "chat-test-client.h"

#define TOKEN    "00112233445566778899aabbccddeeff"
#define ORIGIN   "https://shop.example"
#define MESSAGES 40

static GSubprocess *
start_server (const char *db_path,
              guint      *port)
{
  g_autofree char *server = g_test_build_filename (G_TEST_BUILT, "chat", "chat-test-server", NULL);
  g_autofree char *config = g_strdup_printf ("{\"port\": %u, \"origins\": [\"" ORIGIN "\"],"
                                             " \"visitor-burst\": 1000, \"ip-burst\": 1000}", *port);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr (GError) error = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, server, db_path, config, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "port "));
  *port = (guint)g_ascii_strtoull (line + 5, NULL, 10);

  return g_steal_pointer (&process);
}

static void
kill_server (GSubprocess *process)
{
  g_autoptr (GError) error = NULL;

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
}

/* Reads every frame that arrived, noting acknowledged client ids. */
static void
collect_acks (ChatClient *client,
              GHashTable *acked)
{
  JsonObject *frame;

  while ((frame = g_queue_pop_head (&client->frames)) != NULL)
    {
      if (g_str_equal (json_object_get_string_member (frame, "type"), "ack"))
        g_hash_table_add (acked, g_strdup (json_object_get_string_member (frame, "id")));
      json_object_unref (frame);
    }
}

static void
agent_reply_while_down (const char *db_path)
{
  g_autoptr (KefuSqliteStore) sqlite = kefu_test_open_store (db_path);
  g_autoptr (KefuRouter) router = kefu_router_new (KEFU_STORE (sqlite));
  g_autofree char *ticket = chat_test_query (db_path, "SELECT id FROM tickets");
  g_autoptr (KefuOutbound) outbound = kefu_outbound_new (g_ascii_strtoll (ticket, NULL, 10),
                                                        KEFU_DIRECTION_OUT, "Written while the server was down");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuMessage) message = NULL;
  g_autoptr (GError) error = NULL;

  kefu_router_send_async (router, outbound, NULL, kefu_test_result_cb, &result);
  message = kefu_router_send_finish (router, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_message_get_delivery_state (message), ==, KEFU_DELIVERY_STATE_QUEUED);
  kefu_sqlite_store_close (sqlite);
}

static void
test_kill_mid_conversation (void)
{
  g_autofree char *db_path = kefu_test_temp_db_path ();
  g_autoptr (GHashTable) acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GSubprocess) server = NULL;
  g_autoptr (ChatClient) client = NULL;
  g_autoptr (JsonObject) history = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *distinct = NULL;
  guint port = 0;
  guint acked_before_kill;
  JsonArray *messages;
  gboolean reply_seen = FALSE;

  /* Create the schema first so the server and this test agree on it. */
  {
    g_autoptr (KefuSqliteStore) sqlite = kefu_test_open_store (db_path);

    kefu_sqlite_store_close (sqlite);
  }

  server = start_server (db_path, &port);
  client = chat_client_connect (port, ORIGIN, &error);
  g_assert_no_error (error);
  chat_client_hello (client, TOKEN);

  /* A burst of messages, and the server dies after the first few acks. */
  for (guint i = 0; i < MESSAGES; i++)
    chat_client_send (client, "{\"type\":\"message\",\"id\":\"c%u\",\"text\":\"message %u\"}", i, i);
  while (g_hash_table_size (acked) < 3)
    {
      chat_test_spin (1);
      collect_acks (client, acked);
    }
  kill_server (server);
  g_clear_object (&server);
  chat_client_wait_closed (client);
  collect_acks (client, acked);
  acked_before_kill = g_hash_table_size (acked);
  g_test_message ("%u of %u messages acknowledged before the kill", acked_before_kill, MESSAGES);

  /* Every acknowledged message is committed. */
  count = chat_test_query (db_path, "SELECT count(*) FROM messages WHERE direction = 'in'");
  g_assert_cmpuint (g_ascii_strtoull (count, NULL, 10), >=, acked_before_kill);
  g_clear_pointer (&count, g_free);

  agent_reply_while_down (db_path);

  server = start_server (db_path, &port);
  g_clear_pointer (&client, chat_client_free);
  client = chat_client_connect (port, ORIGIN, &error);
  g_assert_no_error (error);
  chat_client_send (client, "{\"type\":\"hello\",\"v\":1,\"token\":\"" TOKEN "\"}");
  history = chat_client_wait (client, "history");
  messages = json_object_get_array_member (history, "messages");
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);

      if (g_str_equal (json_object_get_string_member (message, "from"), "agent"))
        reply_seen = g_str_equal (json_object_get_string_member (message, "text"),
                                  "Written while the server was down");
    }
  g_assert_true (reply_seen);

  /* The widget resends whatever it has no ack for; resend everything. */
  g_hash_table_remove_all (acked);
  for (guint i = 0; i < MESSAGES; i++)
    chat_client_send (client, "{\"type\":\"message\",\"id\":\"c%u\",\"text\":\"message %u\"}", i, i);
  while (g_hash_table_size (acked) < MESSAGES)
    {
      chat_test_spin (1);
      collect_acks (client, acked);
    }

  count = chat_test_query (db_path, "SELECT count(*) FROM messages WHERE direction = 'in'");
  distinct = chat_test_query (db_path, "SELECT count(DISTINCT text) FROM messages WHERE direction = 'in'");
  g_assert_cmpstr (count, ==, G_STRINGIFY (MESSAGES));
  g_assert_cmpstr (distinct, ==, G_STRINGIFY (MESSAGES));
  chat_test_assert_query (db_path, "SELECT count(*) FROM tickets", "1");

  /* The reply is marked sent once the visitor has it. */
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *state = chat_test_query (db_path, "SELECT delivery_state FROM messages WHERE direction = 'out'");

      if (g_str_equal (state, "sent"))
        break;
      chat_test_spin (10);
    }
  chat_test_assert_query (db_path, "SELECT delivery_state FROM messages WHERE direction = 'out'", "sent");

  kill_server (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chat/restart/kill-mid-conversation", test_kill_mid_conversation);

  return g_test_run ();
}
