/* kefu-chat-server.c: the HTTP server: widget files, /demo and the WebSocket.
 *
 * One libsoup server on the main context. Static files come from the chat
 * library's own GResource (data/web), so `kefuctl serve` needs nothing
 * installed. The WebSocket handshake is checked first by a plain handler
 * on the same path: the Origin must be allowed and the address must not
 * already hold too many connections; otherwise the request is refused
 * before libsoup upgrades it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "kefu-chat-resources.h"
#include "kefu-chat-server.h"

#define RESOURCE_PREFIX "/io/github/kefu/Kefu/web/"
#define LISTEN_BACKLOG  1024

struct _KefuChatServer
{
  GObject            parent_instance;

  KefuChatConfig    *config;
  SoupServer        *server;
  GPtrArray         *sessions;        /* KefuChatSession */
  GHashTable        *per_address;     /* address → open connections */
  KefuChatRateLimit *visitor_limit;
  KefuChatRateLimit *address_limit;
  guint              port;
};

G_DEFINE_FINAL_TYPE (KefuChatServer, kefu_chat_server, G_TYPE_OBJECT)

enum {
  SESSION_OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *path;
  const char *resource;
  const char *content_type;
} files[] = {
  { "/kefu/widget.js", "widget.js", "text/javascript; charset=utf-8" },
  { "/kefu/widget.css", "widget.css", "text/css; charset=utf-8" },
  { "/demo", "demo.html", "text/html; charset=utf-8" },
};

static void
serve_file (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *method = soup_server_message_get_method (msg);

  if (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (g_str_equal (path, files[i].path))
      {
        g_autofree char *resource = g_strconcat (RESOURCE_PREFIX, files[i].resource, NULL);
        g_autoptr (GBytes) bytes = g_resource_lookup_data (kefu_chat_get_resource (), resource,
                                                           G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

        if (bytes == NULL)
          break;

        /* The widget runs on the shop's pages, so its files may be
         * loaded from anywhere; nothing here is private. */
        soup_message_headers_replace (headers, "Access-Control-Allow-Origin", "*");
        soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
        soup_message_headers_replace (headers, "Cache-Control", "no-cache");
        if (g_str_equal (files[i].resource, "demo.html"))
          soup_message_headers_replace (headers, "Content-Security-Policy",
                                        "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                        "img-src 'self' data: blob:; connect-src 'self' ws: wss:");
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, files[i].content_type, SOUP_MEMORY_COPY,
                                          g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
        return;
      }

  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static const char *
remote_address (SoupServerMessage *msg)
{
  const char *host = soup_server_message_get_remote_host (msg);

  return host ? host : "unknown";
}

static guint
connections_of (KefuChatServer *self,
                const char     *address)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, address));
}

/* Runs before libsoup looks at the handshake: setting a status refuses it. */
static void
check_handshake (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  KefuChatServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *origin = soup_message_headers_get_one (headers, "Origin");
  const char *host = soup_message_headers_get_one (headers, "Host");
  const char *address = remote_address (msg);

  if (!kefu_chat_config_allows_origin (self->config, origin, host))
    {
      g_message ("Refused a chat connection from %s: origin not allowed", address);
      soup_server_message_set_status (msg, SOUP_STATUS_FORBIDDEN, NULL);
      return;
    }

  if (connections_of (self, address) >= self->config->max_connections_per_ip)
    {
      g_message ("Refused a chat connection from %s: too many connections", address);
      soup_server_message_set_status (msg, 429, "Too Many Requests");
      return;
    }
}

static void
on_session_closed (KefuChatSession *session,
                   gpointer         user_data)
{
  KefuChatServer *self = user_data;
  const char *address = kefu_chat_session_get_address (session);
  guint count = connections_of (self, address);

  if (count <= 1)
    g_hash_table_remove (self->per_address, address);
  else
    g_hash_table_insert (self->per_address, g_strdup (address), GUINT_TO_POINTER (count - 1));

  g_signal_handlers_disconnect_by_func (session, on_session_closed, self);
  g_ptr_array_remove (self->sessions, session);
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *connection,
              gpointer                 user_data)
{
  KefuChatServer *self = user_data;
  const char *address = remote_address (msg);
  g_autoptr (KefuChatSession) session = NULL;

  session = kefu_chat_session_new (connection, address, self->config,
                                   self->visitor_limit, self->address_limit);
  g_hash_table_insert (self->per_address, g_strdup (address),
                       GUINT_TO_POINTER (connections_of (self, address) + 1));
  g_signal_connect (session, "closed", G_CALLBACK (on_session_closed), self);
  g_ptr_array_add (self->sessions, g_object_ref (session));

  g_signal_emit (self, signals[SESSION_OPENED], 0, session);
}

static void
kefu_chat_server_dispose (GObject *object)
{
  KefuChatServer *self = (KefuChatServer *)object;

  kefu_chat_server_stop (self);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (kefu_chat_server_parent_class)->dispose (object);
}

static void
kefu_chat_server_finalize (GObject *object)
{
  KefuChatServer *self = (KefuChatServer *)object;

  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->per_address, g_hash_table_unref);
  g_clear_pointer (&self->visitor_limit, kefu_chat_rate_limit_free);
  g_clear_pointer (&self->address_limit, kefu_chat_rate_limit_free);
  g_clear_pointer (&self->config, kefu_chat_config_free);

  G_OBJECT_CLASS (kefu_chat_server_parent_class)->finalize (object);
}

static void
kefu_chat_server_class_init (KefuChatServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_chat_server_dispose;
  object_class->finalize = kefu_chat_server_finalize;

  /**
   * KefuChatServer::session-opened:
   * @session: a new WebSocket, waiting for its hello
   */
  signals[SESSION_OPENED] =
    g_signal_new ("session-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KEFU_TYPE_CHAT_SESSION);
}

static void
kefu_chat_server_init (KefuChatServer *self)
{
  self->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  self->per_address = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

KefuChatServer *
kefu_chat_server_new (const KefuChatConfig *config)
{
  KefuChatServer *self = g_object_new (KEFU_TYPE_CHAT_SERVER, NULL);

  self->config = kefu_chat_config_copy (config);
  self->visitor_limit = kefu_chat_rate_limit_new (config->visitor_burst, config->visitor_per_minute);
  self->address_limit = kefu_chat_rate_limit_new (config->ip_burst, config->ip_per_minute);

  return self;
}

/**
 * kefu_chat_server_start:
 *
 * Binds the configured address and port and starts serving.
 *
 * Returns: %TRUE when listening, or %FALSE with @error set
 */
gboolean
kefu_chat_server_start (KefuChatServer  *self,
                        GError         **error)
{
  g_autoptr (GInetAddress) inet = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GError) local_error = NULL;
  SoupServerListenOptions options = 0;
  GSList *uris;

  g_return_val_if_fail (KEFU_IS_CHAT_SERVER (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  inet = g_inet_address_new_from_string (self->config->address);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address. Set the chat server’s address to one, such as 127.0.0.1."),
                   self->config->address);
      return FALSE;
    }

  if (self->config->tls_certificate != NULL)
    {
      certificate = g_tls_certificate_new_from_files (self->config->tls_certificate,
                                                      self->config->tls_key, &local_error);
      if (certificate == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The chat server’s certificate cannot be used: %s"), local_error->message);
          return FALSE;
        }
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }

  self->server = soup_server_new ("server-header", "Kefu ", NULL);
  if (certificate != NULL)
    soup_server_set_tls_certificate (self->server, certificate);

  soup_server_add_handler (self->server, "/kefu", serve_file, self, NULL);
  soup_server_add_handler (self->server, "/demo", serve_file, self, NULL);
  soup_server_add_handler (self->server, KEFU_CHAT_WEBSOCKET_PATH, check_handshake, self, NULL);
  soup_server_add_websocket_handler (self->server, KEFU_CHAT_WEBSOCKET_PATH, NULL, NULL,
                                     on_websocket, self, NULL);

  /* Our own socket for a long accept queue: after a restart every open
   * widget reconnects at once, and GLib's default backlog of 10 would
   * drop their SYNs and cost each a one-second retransmit. */
  address = g_inet_socket_address_new (inet, self->config->port);
  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &local_error);
  if (socket != NULL)
    {
      g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
      if (!g_socket_bind (socket, address, TRUE, &local_error) ||
          !g_socket_listen (socket, &local_error))
        g_clear_object (&socket);
    }
  if (socket == NULL || !soup_server_listen_socket (self->server, socket, options, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                   _("The chat server cannot listen on %s port %u: %s. Choose another port or stop the program using it."),
                   self->config->address, self->config->port, local_error->message);
      g_clear_object (&self->server);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  self->port = uris != NULL ? (guint)g_uri_get_port (uris->data) : self->config->port;
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  return TRUE;
}

/**
 * kefu_chat_server_stop:
 *
 * Closes every visitor's connection and stops listening.
 */
void
kefu_chat_server_stop (KefuChatServer *self)
{
  g_autoptr (GPtrArray) sessions = NULL;

  g_return_if_fail (KEFU_IS_CHAT_SERVER (self));

  sessions = g_ptr_array_copy (self->sessions, (GCopyFunc)g_object_ref, NULL);
  g_ptr_array_set_free_func (sessions, g_object_unref);
  for (guint i = 0; i < sessions->len; i++)
    {
      KefuChatSession *session = g_ptr_array_index (sessions, i);

      g_signal_handlers_disconnect_by_func (session, on_session_closed, self);
      kefu_chat_session_close (session);
      g_object_run_dispose (G_OBJECT (session));
    }
  g_ptr_array_set_size (self->sessions, 0);
  g_hash_table_remove_all (self->per_address);

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

guint
kefu_chat_server_get_port (KefuChatServer *self)
{
  g_return_val_if_fail (KEFU_IS_CHAT_SERVER (self), 0);

  return self->port;
}

/**
 * kefu_chat_server_get_sessions:
 *
 * Returns: (transfer none) (element-type KefuChatSession): open sessions
 */
GPtrArray *
kefu_chat_server_get_sessions (KefuChatServer *self)
{
  g_return_val_if_fail (KEFU_IS_CHAT_SERVER (self), NULL);

  return self->sessions;
}
