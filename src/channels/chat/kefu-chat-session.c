/* kefu-chat-session.c: one visitor's WebSocket, from hello to close.
 *
 * A session checks everything a frame could do wrong before anyone else
 * sees it: binary frames, rate limits (per address, then per visitor),
 * malformed JSON and bad fields each get an error frame and a log line,
 * and a visitor that keeps flooding is disconnected. What is left is a
 * valid #KefuChatFrame, emitted as #KefuChatSession::frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kefu-chat-session.h"
#include "kefu-chat-visitor.h"

/* Refused frames in a row before the connection is closed. */
#define MAX_REFUSED 50

struct _KefuChatSession
{
  GObject                  parent_instance;

  /* owned */
  SoupWebsocketConnection *connection;
  KefuChatConfig          *config;
  char                    *address;
  char                    *visitor;
  char                    *page;
  char                    *language;
  char                    *name;
  char                    *email;
  GHashTable              *delivered;   /* message ids already on the visitor's screen */
  gint64                   ticket_id;
  gboolean                 closed_sent;
  guint                    refused;

  /* borrowed from the server, which outlives its sessions */
  KefuChatRateLimit       *visitor_limit;
  KefuChatRateLimit       *address_limit;
};

G_DEFINE_FINAL_TYPE (KefuChatSession, kefu_chat_session, G_TYPE_OBJECT)

enum {
  FRAME,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
refuse (KefuChatSession *self,
        const GError    *error,
        const char      *client_id)
{
  /* The log names the address and the reason, never the content. */
  g_message ("Refused a chat frame from %s: %s", self->address,
             error->domain == KEFU_CHAT_PROTOCOL_ERROR ? kefu_chat_protocol_error_code (error->code)
                                                       : error->message);

  kefu_chat_session_send_error (self, error, client_id);

  if (++self->refused > MAX_REFUSED &&
      soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    {
      g_message ("Closing the chat connection of %s: too many refused frames", self->address);
      soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);
    }
}

static void
on_connection_message (SoupWebsocketConnection *connection,
                       int                      type,
                       GBytes                  *message,
                       gpointer                 user_data)
{
  KefuChatSession *self = user_data;
  g_autoptr (KefuChatFrame) frame = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *client_id = NULL;
  KefuChatLimits limits = { self->config->max_text_length, self->config->max_image_size };
  gint64 now = g_get_monotonic_time ();
  gsize length = 0;
  const char *data;

  /* Frames that were already queued when the connection began closing. */
  if (soup_websocket_connection_get_state (connection) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  g_object_ref (self);

  if (!kefu_chat_rate_limit_take (self->address_limit, self->address, now) ||
      (self->visitor != NULL && !kefu_chat_rate_limit_take (self->visitor_limit, self->visitor, now)))
    {
      g_set_error (&error, KEFU_CHAT_PROTOCOL_ERROR, KEFU_CHAT_PROTOCOL_ERROR_RATE_LIMITED,
                   _("You are sending messages too fast. Wait a moment and try again."));
      refuse (self, error, NULL);
      goto out;
    }

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      g_set_error (&error, KEFU_CHAT_PROTOCOL_ERROR, KEFU_CHAT_PROTOCOL_ERROR_MALFORMED,
                   _("The chat frame is not text."));
      refuse (self, error, NULL);
      goto out;
    }

  data = g_bytes_get_data (message, &length);
  frame = kefu_chat_frame_parse (data, length, &limits, &client_id, &error);
  if (frame == NULL)
    {
      refuse (self, error, client_id);
      goto out;
    }

  if (self->visitor == NULL && frame->type != KEFU_CHAT_FRAME_HELLO)
    {
      g_set_error (&error, KEFU_CHAT_PROTOCOL_ERROR, KEFU_CHAT_PROTOCOL_ERROR_NOT_READY,
                   _("The chat must start with hello."));
      refuse (self, error, client_id);
      goto out;
    }

  if (frame->type == KEFU_CHAT_FRAME_HELLO)
    {
      if (self->visitor != NULL)
        {
          g_set_error (&error, KEFU_CHAT_PROTOCOL_ERROR, KEFU_CHAT_PROTOCOL_ERROR_INVALID,
                       _("This chat has already started."));
          refuse (self, error, NULL);
          goto out;
        }
      self->visitor = kefu_chat_visitor_from_token (frame->token);
      self->page = g_strdup (frame->page);
      self->language = g_strdup (frame->language);
      self->name = g_strdup (frame->name);
      self->email = g_strdup (frame->email);
    }
  else if (frame->type == KEFU_CHAT_FRAME_CONTACT)
    {
      if (frame->name != NULL)
        {
          g_free (self->name);
          self->name = g_strdup (frame->name);
        }
      if (frame->email != NULL)
        {
          g_free (self->email);
          self->email = g_strdup (frame->email);
        }
    }

  self->refused = 0;
  g_signal_emit (self, signals[FRAME], 0, frame);

out:
  g_object_unref (self);
}

static void
on_connection_closed (SoupWebsocketConnection *connection,
                      gpointer                 user_data)
{
  KefuChatSession *self = user_data;

  g_signal_emit (self, signals[CLOSED], 0);
}

static void
on_connection_error (SoupWebsocketConnection *connection,
                     GError                  *error,
                     gpointer                 user_data)
{
  KefuChatSession *self = user_data;

  g_debug ("Chat connection of %s: %s", self->address, error->message);
}

static void
kefu_chat_session_dispose (GObject *object)
{
  KefuChatSession *self = (KefuChatSession *)object;

  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
    }
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (kefu_chat_session_parent_class)->dispose (object);
}

static void
kefu_chat_session_finalize (GObject *object)
{
  KefuChatSession *self = (KefuChatSession *)object;

  g_clear_pointer (&self->config, kefu_chat_config_free);
  g_clear_pointer (&self->delivered, g_hash_table_unref);
  g_free (self->address);
  g_free (self->visitor);
  g_free (self->page);
  g_free (self->language);
  g_free (self->name);
  g_free (self->email);

  G_OBJECT_CLASS (kefu_chat_session_parent_class)->finalize (object);
}

static void
kefu_chat_session_class_init (KefuChatSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_chat_session_dispose;
  object_class->finalize = kefu_chat_session_finalize;

  /**
   * KefuChatSession::frame:
   * @frame: (type gpointer): a valid #KefuChatFrame, borrowed
   */
  signals[FRAME] =
    g_signal_new ("frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kefu_chat_session_init (KefuChatSession *self)
{
  self->delivered = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * kefu_chat_session_new:
 * @connection: an open WebSocket
 * @address: the visitor's IP address, for limits and logs
 * @visitor_limit: (transfer none): must outlive the session
 * @address_limit: (transfer none): must outlive the session
 *
 * Returns: (transfer full): a session that waits for hello
 */
KefuChatSession *
kefu_chat_session_new (SoupWebsocketConnection *connection,
                       const char              *address,
                       const KefuChatConfig    *config,
                       KefuChatRateLimit       *visitor_limit,
                       KefuChatRateLimit       *address_limit)
{
  KefuChatSession *self = g_object_new (KEFU_TYPE_CHAT_SESSION, NULL);

  self->connection = g_object_ref (connection);
  self->address = g_strdup (address ? address : "unknown");
  self->config = kefu_chat_config_copy (config);
  self->visitor_limit = visitor_limit;
  self->address_limit = address_limit;

  soup_websocket_connection_set_max_incoming_payload_size (connection, config->max_frame_size);
  soup_websocket_connection_set_keepalive_interval (connection, 30);
  g_signal_connect (connection, "message", G_CALLBACK (on_connection_message), self);
  g_signal_connect (connection, "closed", G_CALLBACK (on_connection_closed), self);
  g_signal_connect (connection, "error", G_CALLBACK (on_connection_error), self);

  return self;
}

const char *
kefu_chat_session_get_address (KefuChatSession *self)
{
  g_return_val_if_fail (KEFU_IS_CHAT_SESSION (self), NULL);

  return self->address;
}

/**
 * kefu_chat_session_get_visitor:
 *
 * Returns: (nullable): the visitor's identity value, once it said hello
 */
const char *
kefu_chat_session_get_visitor (KefuChatSession *self)
{
  g_return_val_if_fail (KEFU_IS_CHAT_SESSION (self), NULL);

  return self->visitor;
}

const char *
kefu_chat_session_get_page (KefuChatSession *self)
{
  g_return_val_if_fail (KEFU_IS_CHAT_SESSION (self), NULL);

  return self->page;
}

const char *
kefu_chat_session_get_language (KefuChatSession *self)
{
  g_return_val_if_fail (KEFU_IS_CHAT_SESSION (self), NULL);

  return self->language;
}

const char *
kefu_chat_session_get_name (KefuChatSession *self)
{
  g_return_val_if_fail (KEFU_IS_CHAT_SESSION (self), NULL);

  return self->name;
}

/**
 * kefu_chat_session_get_email:
 *
 * Returns: (nullable): the address the visitor gave, if any
 */
const char *
kefu_chat_session_get_email (KefuChatSession *self)
{
  g_return_val_if_fail (KEFU_IS_CHAT_SESSION (self), NULL);

  return self->email;
}

gint64
kefu_chat_session_get_ticket_id (KefuChatSession *self)
{
  g_return_val_if_fail (KEFU_IS_CHAT_SESSION (self), 0);

  return self->ticket_id;
}

/**
 * kefu_chat_session_set_ticket_id:
 *
 * Returns: %TRUE when this is a ticket the session did not know yet (so
 *   its page and language are worth recording on it)
 */
gboolean
kefu_chat_session_set_ticket_id (KefuChatSession *self,
                                 gint64           ticket_id)
{
  g_return_val_if_fail (KEFU_IS_CHAT_SESSION (self), FALSE);

  if (self->ticket_id == ticket_id)
    return FALSE;

  self->ticket_id = ticket_id;
  self->closed_sent = FALSE;

  return TRUE;
}

/**
 * kefu_chat_session_take_closed:
 *
 * Returns: %TRUE the first time it is called for the session's current
 *   ticket, so the visitor is offered the rating once
 */
gboolean
kefu_chat_session_take_closed (KefuChatSession *self)
{
  g_return_val_if_fail (KEFU_IS_CHAT_SESSION (self), FALSE);

  if (self->closed_sent)
    return FALSE;

  self->closed_sent = TRUE;

  return TRUE;
}

gboolean
kefu_chat_session_is_open (KefuChatSession *self)
{
  g_return_val_if_fail (KEFU_IS_CHAT_SESSION (self), FALSE);

  return soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN;
}

void
kefu_chat_session_send (KefuChatSession *self,
                        const char      *frame)
{
  g_return_if_fail (KEFU_IS_CHAT_SESSION (self));

  if (kefu_chat_session_is_open (self))
    soup_websocket_connection_send_text (self->connection, frame);
}

void
kefu_chat_session_send_error (KefuChatSession *self,
                              const GError    *error,
                              const char      *client_id)
{
  g_autofree char *frame = kefu_chat_frame_error (error, client_id);

  kefu_chat_session_send (self, frame);
}

void
kefu_chat_session_mark_delivered (KefuChatSession *self,
                                  gint64           message_id)
{
  g_return_if_fail (KEFU_IS_CHAT_SESSION (self));

  g_hash_table_add (self->delivered, g_memdup2 (&message_id, sizeof message_id));
}

/**
 * kefu_chat_session_deliver:
 *
 * Sends @message to the visitor once, however often it is announced.
 *
 * Returns: %TRUE when the visitor has it (now or before)
 */
gboolean
kefu_chat_session_deliver (KefuChatSession *self,
                           KefuMessage     *message)
{
  gint64 id = kefu_message_get_id (message);
  g_autofree char *frame = NULL;

  g_return_val_if_fail (KEFU_IS_CHAT_SESSION (self), FALSE);

  if (g_hash_table_contains (self->delivered, &id))
    return TRUE;
  if (!kefu_chat_session_is_open (self))
    return FALSE;

  frame = kefu_chat_frame_message (message);
  kefu_chat_session_send (self, frame);
  kefu_chat_session_mark_delivered (self, id);

  return TRUE;
}

void
kefu_chat_session_close (KefuChatSession *self)
{
  g_return_if_fail (KEFU_IS_CHAT_SESSION (self));

  if (kefu_chat_session_is_open (self))
    soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
}
