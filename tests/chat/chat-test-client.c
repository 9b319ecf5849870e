/* chat-test-client.c: a chat visitor for tests: a libsoup WebSocket client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "chat-test-client.h"

#define WAIT_USEC (10 * G_USEC_PER_SEC)

static void
iterate (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (1000);
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *message,
            gpointer                 user_data)
{
  ChatClient *self = user_data;
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = g_bytes_get_data (message, &length);

  g_assert_cmpint (type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  g_assert_true (json_parser_load_from_data (parser, data, length, NULL));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  g_queue_push_tail (&self->frames, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
}

static void
on_closed (SoupWebsocketConnection *connection,
           gpointer                 user_data)
{
  ChatClient *self = user_data;

  self->closed = TRUE;
  self->close_code = soup_websocket_connection_get_close_code (connection);
}

/**
 * chat_client_connect:
 * @origin: (nullable): the Origin header to send
 *
 * Returns: (transfer full): a connected client, or %NULL with @error set
 *   when the server refused the handshake
 */
ChatClient *
chat_client_connect (guint        port,
                     const char  *origin,
                     GError     **error)
{
  g_autoptr (SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *uri = g_strdup_printf ("ws://127.0.0.1:%u/kefu/ws", port);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr (GAsyncResult) result = NULL;
  SoupWebsocketConnection *connection;
  ChatClient *self;

  if (origin != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Origin", origin);

  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        kefu_test_result_cb, &result);
  connection = soup_session_websocket_connect_finish (session, kefu_test_wait (&result), error);
  if (connection == NULL)
    return NULL;

  self = g_new0 (ChatClient, 1);
  self->session = g_steal_pointer (&session);
  self->connection = connection;
  soup_websocket_connection_set_max_incoming_payload_size (connection, 64 * 1024 * 1024);
  g_signal_connect (connection, "message", G_CALLBACK (on_message), self);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), self);

  return self;
}

void
chat_client_free (ChatClient *self)
{
  if (self == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->connection, self);
  if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&self->connection);
  g_clear_object (&self->session);
  g_queue_clear_full (&self->frames, (GDestroyNotify)json_object_unref);
  g_free (self);
}

void
chat_client_send (ChatClient *self,
                  const char *format,
                  ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  soup_websocket_connection_send_text (self->connection, text);
}

void
chat_client_hello (ChatClient *self,
                   const char *token)
{
  chat_client_send (self, "{\"type\":\"hello\",\"v\":1,\"token\":\"%s\","
                          "\"page\":\"https://shop.example/shoes?id=7\",\"lang\":\"zh-CN\"}", token);
  json_object_unref (chat_client_wait (self, "welcome"));
  json_object_unref (chat_client_wait (self, "history"));
}

static JsonObject *
take_matching (ChatClient *self,
               const char *type,
               const char *code)
{
  for (GList *l = self->frames.head; l != NULL; l = l->next)
    {
      JsonObject *frame = l->data;

      if (g_strcmp0 (json_object_get_string_member (frame, "type"), type) != 0)
        continue;
      if (code != NULL && g_strcmp0 (json_object_get_string_member_with_default (frame, "code", ""), code) != 0)
        continue;
      g_queue_delete_link (&self->frames, l);
      return frame;
    }

  return NULL;
}

/**
 * chat_client_wait:
 *
 * Spins until a frame of @type arrives (earlier frames of other types stay
 * queued) and fails the test after 10 s.
 *
 * Returns: (transfer full): the frame
 */
JsonObject *
chat_client_wait (ChatClient *self,
                  const char *type)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;
  JsonObject *frame;

  while ((frame = take_matching (self, type, NULL)) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("No “%s” frame arrived", type);
      iterate ();
    }

  return frame;
}

JsonObject *
chat_client_wait_error (ChatClient *self,
                        const char *code)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;
  JsonObject *frame;

  while ((frame = take_matching (self, "error", code)) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("No “%s” error frame arrived", code);
      iterate ();
    }

  return frame;
}

/**
 * chat_client_quiet:
 *
 * Returns: %TRUE when no frame of @type arrived within @msec
 */
gboolean
chat_client_quiet (ChatClient *self,
                   const char *type,
                   guint       msec)
{
  JsonObject *frame;

  chat_test_spin (msec);
  frame = take_matching (self, type, NULL);
  if (frame == NULL)
    return TRUE;

  json_object_unref (frame);

  return FALSE;
}

void
chat_client_wait_closed (ChatClient *self)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (!self->closed)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The server did not close the connection");
      iterate ();
    }
}

void
chat_test_spin (guint msec)
{
  gint64 until = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < until)
    iterate ();
}

static gpointer
add_account_job (KefuStore     *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  KefuAccountFields fields = { 0 };
  gint64 id;

  fields.kind = KEFU_CHANNEL_KIND_CHAT;
  fields.name = "Website chat";
  fields.config = data;
  fields.enabled = TRUE;
  fields.created_at = g_get_real_time ();
  id = KEFU_STORE_GET_IFACE (store)->insert_account (store, &fields, error);
  if (id == 0)
    return NULL;
  fields.id = id;

  return kefu_account_new (&fields);
}

/**
 * chat_test_add_account:
 *
 * Returns: (transfer full): a chat account row with @config
 */
KefuAccount *
chat_test_add_account (KefuStore  *store,
                       const char *config)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  KefuAccount *account;

  kefu_store_write_async (store, add_account_job, g_strdup (config), g_free, g_object_unref,
                          NULL, kefu_test_result_cb, &result);
  account = kefu_store_job_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return account;
}

static int
collect_row (void  *user_data,
             int    n_columns,
             char **values,
             char **names)
{
  GString *out = user_data;

  for (int i = 0; i < n_columns; i++)
    {
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append (out, values[i] ? values[i] : "");
    }

  return 0;
}

/**
 * chat_test_query:
 *
 * Reads the database file the way an inspector would, to check what the
 * channel recorded; values are joined with '|'.
 *
 * Returns: (transfer full): the result
 */
char *
chat_test_query (const char *db_path,
                 const char *sql)
{
  g_autoptr (GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, collect_row, out, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * chat_test_free_port:
 *
 * Returns: a loopback port nobody uses right now, for a server that must
 *   come back on the same port after a restart
 */
guint
chat_test_free_port (void)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}
