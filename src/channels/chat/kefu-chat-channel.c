/* kefu-chat-channel.c: the web chat channel: visitors' frames in, agents' replies out.
 *
 * Each valid frame from a #KefuChatSession becomes one router or store
 * call. A visitor's message goes to kefu_router_receive_async() with its
 * client id as the external id, so a resend after a reconnect comes back
 * as a duplicate and is acknowledged, never stored twice. Agents' (and,
 * later, the robot's) replies arrive through #KefuRouter::queued, go to
 * every open socket of that visitor and are marked sent; a visitor who is
 * away gets them with the history on its next hello.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kefu-account.h"
#include "kefu-chat-channel.h"
#include "kefu-chat-config.h"
#include "kefu-chat-server.h"
#include "kefu-chat-visitor.h"
#include "kefu-store-chat.h"
#include "kefu-store-reports.h"

struct _KefuChatChannel
{
  GObject           parent_instance;

  /* owned */
  KefuRouter       *router;
  KefuAccount      *account;
  KefuChatConfig   *config;
  KefuChatServer   *server;
  GCancellable     *cancellable;
  KefuChannelStatus status;
  gboolean          agents_available;
  gulong            queued_handler;
  gulong            changed_handler;

  /* visitors' messages waiting for the next group commit */
  GPtrArray        *batch_inbounds;   /* KefuInbound */
  GPtrArray        *batch_calls;      /* Call */
  guint             batch_source;
};

/* Messages stored in one transaction at most; a batch is flushed when the
 * main loop is idle, so a lone message waits for nothing. */
#define MAX_BATCH 200

static void kefu_chat_channel_iface_init (KefuChannelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KefuChatChannel, kefu_chat_channel, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KEFU_TYPE_CHANNEL, kefu_chat_channel_iface_init))

enum {
  PROP_0,
  PROP_ROUTER,
  PROP_ACCOUNT,
  PROP_AGENTS_AVAILABLE,
  PROP_PORT,
  PROP_STATE,
  PROP_STATUS_MESSAGE,
  N_PROPS = PROP_STATE
};

enum {
  VISITOR_TYPING,
  HANDOFF_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What an async store or router call needs when it comes back. */
typedef struct
{
  KefuChatChannel *channel;
  KefuChatSession *session;
  char            *client_id;
} Call;

static Call *
call_new (KefuChatChannel *channel,
          KefuChatSession *session,
          const char      *client_id)
{
  Call *call = g_new0 (Call, 1);

  call->channel = g_object_ref (channel);
  call->session = session ? g_object_ref (session) : NULL;
  call->client_id = g_strdup (client_id);

  return call;
}

static void
call_free (Call *call)
{
  g_clear_object (&call->channel);
  g_clear_object (&call->session);
  g_free (call->client_id);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static KefuStore *
get_store (KefuChatChannel *self)
{
  return kefu_router_get_store (self->router);
}

static void
set_state (KefuChatChannel  *self,
           KefuChannelState  state,
           const char       *message)
{
  kefu_channel_set_state (KEFU_CHANNEL (self), &self->status, state, message);
}

static void
send_unavailable (KefuChatSession *session,
                  const char      *client_id)
{
  g_autoptr (GError) error = NULL;

  g_set_error (&error, KEFU_CHAT_PROTOCOL_ERROR, KEFU_CHAT_PROTOCOL_ERROR_UNAVAILABLE,
               _("Your message could not be saved. It will be sent again."));
  kefu_chat_session_send_error (session, error, client_id);
}

static void
send_invalid (KefuChatSession *session,
              const char      *message)
{
  g_autoptr (GError) error = NULL;

  g_set_error_literal (&error, KEFU_CHAT_PROTOCOL_ERROR, KEFU_CHAT_PROTOCOL_ERROR_INVALID, message);
  kefu_chat_session_send_error (session, error, NULL);
}

static void
event_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!kefu_store_chat_add_event_finish (KEFU_STORE (object), result, &error))
    g_message ("Could not record a chat event: %s", error->message);
}

static void
add_event (KefuChatChannel *self,
           gint64           ticket_id,
           const char      *kind,
           JsonBuilder     *detail)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (detail);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  kefu_store_chat_add_event_async (get_store (self), ticket_id, kind, text,
                                   self->cancellable, event_cb, NULL);
}

static void
mark_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!kefu_store_chat_mark_sent_finish (KEFU_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not mark a chat reply as sent: %s", error->message);
}

static gboolean
needs_marking (KefuMessage *message)
{
  return kefu_message_get_direction (message) != KEFU_DIRECTION_IN &&
         kefu_message_get_delivery_state (message) == KEFU_DELIVERY_STATE_QUEUED;
}

/* Sends @message to every open socket of its visitor; only the visitor the
 * router addressed ever receives it. */
static gboolean
deliver (KefuChatChannel *self,
         KefuMessage     *message)
{
  const char *visitor = kefu_message_get_recipient (message);
  gboolean delivered = FALSE;
  GPtrArray *sessions;

  if (self->server == NULL || visitor == NULL || !kefu_chat_message_is_visible (message))
    return FALSE;

  sessions = kefu_chat_server_get_sessions (self->server);
  for (guint i = 0; i < sessions->len; i++)
    {
      KefuChatSession *session = g_ptr_array_index (sessions, i);

      if (g_strcmp0 (kefu_chat_session_get_visitor (session), visitor) == 0)
        delivered |= kefu_chat_session_deliver (session, message);
    }

  if (delivered && needs_marking (message))
    kefu_store_chat_mark_sent_async (get_store (self), kefu_message_get_id (message),
                                     self->cancellable, mark_sent_cb, NULL);

  return delivered;
}

static void
on_router_queued (KefuRouter  *router,
                  KefuMessage *message,
                  gpointer     user_data)
{
  KefuChatChannel *self = user_data;

  if (kefu_message_get_channel (message) == KEFU_CHANNEL_KIND_CHAT)
    deliver (self, message);
}

static void
history_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (Call) call = user_data;
  g_autoptr (KefuChatHistory) history = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *frame = NULL;

  history = kefu_store_chat_load_history_finish (KEFU_STORE (object), result, &error);
  if (history == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_message ("Could not load a chat history: %s", error->message);
          send_unavailable (call->session, NULL);
        }
      return;
    }

  if (history->ticket_id > 0)
    kefu_chat_session_set_ticket_id (call->session, history->ticket_id);

  frame = kefu_chat_frame_history (history->messages);
  kefu_chat_session_send (call->session, frame);

  /* Replies written while the visitor was away reach it now. */
  for (guint i = 0; i < history->messages->len; i++)
    {
      KefuMessage *message = g_ptr_array_index (history->messages, i);

      kefu_chat_session_mark_delivered (call->session, kefu_message_get_id (message));
      if (needs_marking (message) && kefu_chat_session_is_open (call->session))
        kefu_store_chat_mark_sent_async (KEFU_STORE (object),
                                         kefu_message_get_id (message),
                                         call->channel->cancellable, mark_sent_cb, NULL);
    }
}

static void
send_history (KefuChatChannel *self,
              KefuChatSession *session)
{
  kefu_store_chat_load_history_async (get_store (self), kefu_chat_session_get_visitor (session),
                                      self->cancellable, history_cb, call_new (self, session, NULL));
}

static void
add_email_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!kefu_store_chat_add_email_finish (KEFU_STORE (object), result, &error))
    g_message ("Could not keep a chat visitor’s e-mail address: %s", error->message);
}

static void
add_rating_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (Call) call = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *reply = NULL;

  if (kefu_store_add_rating_finish (KEFU_STORE (object), result, &error) == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_message ("Could not store a chat rating: %s", error->message);
          send_unavailable (call->session, NULL);
        }
      return;
    }

  reply = kefu_chat_frame_simple ("rated");
  kefu_chat_session_send (call->session, reply);
}

static void
record_visitor (KefuChatChannel *self,
                KefuChatSession *session,
                gint64           ticket_id)
{
  g_autoptr (JsonBuilder) detail = json_builder_new ();

  json_builder_begin_object (detail);
  json_builder_set_member_name (detail, "page");
  json_builder_add_string_value (detail, kefu_chat_session_get_page (session));
  json_builder_set_member_name (detail, "language");
  json_builder_add_string_value (detail, kefu_chat_session_get_language (session));
  json_builder_end_object (detail);
  add_event (self, ticket_id, "chat-visitor", detail);

  if (kefu_chat_session_get_email (session) != NULL)
    kefu_store_chat_add_email_async (get_store (self), kefu_chat_session_get_visitor (session),
                                     kefu_chat_session_get_email (session),
                                     self->cancellable, add_email_cb, NULL);
}

static void
handle_delivery (Call         *call,
                 KefuDelivery *delivery)
{
  KefuChatChannel *self = call->channel;
  g_autofree char *ack = NULL;

  ack = kefu_chat_frame_ack (call->client_id, delivery->message_id, delivery->duplicate);
  kefu_chat_session_send (call->session, ack);
  kefu_chat_session_mark_delivered (call->session, delivery->message_id);

  if (kefu_chat_session_set_ticket_id (call->session, delivery->ticket_id))
    record_visitor (self, call->session, delivery->ticket_id);

  /* Until the robot answers first, every new chat goes to the agents at
   * once; the widget says whether someone will answer here or by e-mail. */
  if (delivery->ticket_created)
    {
      g_autofree char *handoff = kefu_chat_frame_handoff (self->agents_available);

      kefu_chat_session_send (call->session, handoff);
    }
}

static void
receive_one_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (Call) call = user_data;
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (GError) error = NULL;

  delivery = kefu_router_receive_finish (KEFU_ROUTER (object), result, &error);
  if (delivery == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_message ("Could not store a chat message: %s", error->message);
          send_unavailable (call->session, call->client_id);
        }
      return;
    }

  handle_delivery (call, delivery);
}

typedef struct
{
  GPtrArray *inbounds;   /* KefuInbound */
  GPtrArray *calls;      /* Call */
} Batch;

static void
batch_free (Batch *batch)
{
  g_clear_pointer (&batch->inbounds, g_ptr_array_unref);
  g_clear_pointer (&batch->calls, g_ptr_array_unref);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_free)

static void
receive_batch_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (Batch) batch = user_data;
  g_autoptr (GPtrArray) deliveries = NULL;
  g_autoptr (GError) error = NULL;

  deliveries = kefu_router_receive_many_finish (KEFU_ROUTER (object), result, &error);
  if (deliveries != NULL)
    {
      for (guint i = 0; i < deliveries->len; i++)
        handle_delivery (g_ptr_array_index (batch->calls, i), g_ptr_array_index (deliveries, i));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* One message the store refused must not take the others with it:
   * the batch was rolled back, so each is tried again on its own. */
  g_debug ("A batch of %u chat messages failed (%s); storing them one by one",
           batch->calls->len, error->message);
  for (guint i = 0; i < batch->calls->len; i++)
    {
      Call *call = g_ptr_array_index (batch->calls, i);

      kefu_router_receive_async (KEFU_ROUTER (object), g_ptr_array_index (batch->inbounds, i),
                                 call->channel->cancellable, receive_one_cb,
                                 call_new (call->channel, call->session, call->client_id));
    }
}

static void
flush_batch (KefuChatChannel *self)
{
  Batch *batch;

  g_clear_handle_id (&self->batch_source, g_source_remove);
  if (self->batch_calls->len == 0)
    return;

  batch = g_new0 (Batch, 1);
  batch->inbounds = g_steal_pointer (&self->batch_inbounds);
  batch->calls = g_steal_pointer (&self->batch_calls);
  self->batch_inbounds = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_inbound_free);
  self->batch_calls = g_ptr_array_new_with_free_func ((GDestroyNotify)call_free);

  kefu_router_receive_many_async (self->router, batch->inbounds, NULL, NULL, self->cancellable,
                                  receive_batch_cb, batch);
}

static gboolean
on_batch_idle (gpointer user_data)
{
  KefuChatChannel *self = user_data;

  self->batch_source = 0;
  flush_batch (self);

  return G_SOURCE_REMOVE;
}

static void
receive_message (KefuChatChannel *self,
                 KefuChatSession *session,
                 KefuChatFrame   *frame)
{
  const char *visitor = kefu_chat_session_get_visitor (session);
  g_autoptr (KefuInbound) inbound = kefu_inbound_new (KEFU_CHANNEL_KIND_CHAT, KEFU_IDENTITY_KIND_CHAT, visitor);

  inbound->account_id = self->account ? kefu_account_get_id (self->account) : 0;
  inbound->external_id = kefu_chat_visitor_external_id (visitor, frame->client_id);
  inbound->sender_name = g_strdup (kefu_chat_session_get_name (session));
  inbound->text = g_strdup (frame->text ? frame->text : "");
  if (frame->image != NULL)
    kefu_inbound_add_attachment (inbound, kefu_inbound_attachment_new (frame->image_name, frame->image_type,
                                                                       frame->image));

  /* Messages that arrive together are stored in one transaction (a group
   * commit); each still gets its own ack, or its own error. */
  g_ptr_array_add (self->batch_inbounds, g_steal_pointer (&inbound));
  g_ptr_array_add (self->batch_calls, call_new (self, session, frame->client_id));
  if (self->batch_calls->len >= MAX_BATCH)
    flush_batch (self);
  else if (self->batch_source == 0)
    self->batch_source = g_idle_add (on_batch_idle, self);
}

static void
ticket_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (Call) call = user_data;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autofree char *frame = NULL;
  KefuTicketStatus status;
  GPtrArray *sessions;

  ticket = kefu_store_get_ticket_finish (KEFU_STORE (object), result, NULL);
  if (ticket == NULL || call->channel->server == NULL)
    return;

  status = kefu_ticket_get_status (ticket);
  if (status != KEFU_TICKET_STATUS_RESOLVED && status != KEFU_TICKET_STATUS_CLOSED)
    return;

  /* The agent closed the chat: the widget offers the rating. */
  frame = kefu_chat_frame_simple ("closed");
  sessions = kefu_chat_server_get_sessions (call->channel->server);
  for (guint i = 0; i < sessions->len; i++)
    {
      KefuChatSession *session = g_ptr_array_index (sessions, i);

      if (kefu_chat_session_get_ticket_id (session) == kefu_ticket_get_id (ticket) &&
          kefu_chat_session_take_closed (session))
        kefu_chat_session_send (session, frame);
    }
}

/* Only tickets a connected visitor is looking at are read again. */
static void
on_store_changed (KefuStore     *store,
                  KefuChangeSet *changes,
                  gpointer       user_data)
{
  KefuChatChannel *self = user_data;
  g_autoptr (GArray) asked = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *sessions;

  if (self->server == NULL)
    return;

  sessions = kefu_chat_server_get_sessions (self->server);
  for (guint i = 0; i < sessions->len; i++)
    {
      gint64 ticket_id = kefu_chat_session_get_ticket_id (g_ptr_array_index (sessions, i));
      gboolean seen = FALSE;

      if (ticket_id == 0 || !(changes->everything || kefu_change_set_has_ticket (changes, ticket_id)))
        continue;
      for (guint j = 0; j < asked->len; j++)
        seen |= g_array_index (asked, gint64, j) == ticket_id;
      if (seen)
        continue;
      g_array_append_val (asked, ticket_id);
      kefu_store_get_ticket_async (store, ticket_id, self->cancellable, ticket_cb, call_new (self, NULL, NULL));
    }
}

static void
on_session_frame (KefuChatSession *session,
                  KefuChatFrame   *frame,
                  gpointer         user_data)
{
  KefuChatChannel *self = user_data;
  gint64 ticket_id = kefu_chat_session_get_ticket_id (session);
  g_autoptr (JsonBuilder) detail = NULL;
  g_autofree char *reply = NULL;
  KefuChatLimits limits = { self->config->max_text_length, self->config->max_image_size };

  switch (frame->type)
    {
    case KEFU_CHAT_FRAME_HELLO:
      reply = kefu_chat_frame_welcome (self->config->shop_name, self->config->color,
                                       self->config->greeting, self->agents_available, &limits);
      kefu_chat_session_send (session, reply);
      send_history (self, session);
      break;

    case KEFU_CHAT_FRAME_HISTORY:
      send_history (self, session);
      break;

    case KEFU_CHAT_FRAME_MESSAGE:
      receive_message (self, session, frame);
      break;

    case KEFU_CHAT_FRAME_TYPING:
      if (ticket_id > 0)
        g_signal_emit (self, signals[VISITOR_TYPING], 0, ticket_id, frame->active);
      break;

    case KEFU_CHAT_FRAME_HANDOFF:
      if (ticket_id > 0)
        {
          detail = json_builder_new ();
          json_builder_begin_object (detail);
          json_builder_end_object (detail);
          add_event (self, ticket_id, "chat-handoff", detail);
          g_signal_emit (self, signals[HANDOFF_REQUESTED], 0, ticket_id);
        }
      reply = kefu_chat_frame_handoff (self->agents_available);
      kefu_chat_session_send (session, reply);
      break;

    case KEFU_CHAT_FRAME_FEEDBACK:
      if (ticket_id == 0)
        {
          send_invalid (session, _("There is no answer to rate yet."));
          break;
        }
      detail = json_builder_new ();
      json_builder_begin_object (detail);
      json_builder_set_member_name (detail, "message");
      json_builder_add_string_value (detail, frame->message_ref);
      json_builder_set_member_name (detail, "helpful");
      json_builder_add_boolean_value (detail, frame->helpful);
      json_builder_end_object (detail);
      add_event (self, ticket_id, "chat-feedback", detail);
      break;

    case KEFU_CHAT_FRAME_RATING:
      if (ticket_id == 0)
        {
          send_invalid (session, _("There is no conversation to rate yet."));
          break;
        }
      kefu_store_add_rating_async (get_store (self), ticket_id, frame->score, frame->comment,
                                   self->cancellable, add_rating_cb, call_new (self, session, NULL));
      break;

    case KEFU_CHAT_FRAME_CONTACT:
      /* Before the first message there is no customer yet: the address
       * is kept on the session and added with the first message. */
      if (ticket_id > 0 && frame->email != NULL)
        {
          detail = json_builder_new ();
          json_builder_begin_object (detail);
          json_builder_set_member_name (detail, "email");
          json_builder_add_string_value (detail, frame->email);
          json_builder_end_object (detail);
          add_event (self, ticket_id, "chat-contact", detail);
          kefu_store_chat_add_email_async (get_store (self), kefu_chat_session_get_visitor (session),
                                           frame->email, self->cancellable, add_email_cb, NULL);
        }
      reply = kefu_chat_frame_simple ("contact-saved");
      kefu_chat_session_send (session, reply);
      break;

    case KEFU_CHAT_FRAME_PING:
    default:
      reply = kefu_chat_frame_simple ("pong");
      kefu_chat_session_send (session, reply);
      break;
    }
}

static void
on_session_closed (KefuChatSession *session,
                   gpointer         user_data)
{
  KefuChatChannel *self = user_data;
  gint64 ticket_id = kefu_chat_session_get_ticket_id (session);

  if (ticket_id > 0)
    g_signal_emit (self, signals[VISITOR_TYPING], 0, ticket_id, FALSE);
}

static void
on_server_session_opened (KefuChatServer  *server,
                          KefuChatSession *session,
                          gpointer         user_data)
{
  KefuChatChannel *self = user_data;

  g_signal_connect_object (session, "frame", G_CALLBACK (on_session_frame), self, 0);
  g_signal_connect_object (session, "closed", G_CALLBACK (on_session_closed), self, 0);
}

static void
kefu_chat_channel_start_async (KefuChannel         *channel,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  KefuChatChannel *self = KEFU_CHAT_CHANNEL (channel);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;

  g_task_set_source_tag (task, kefu_chat_channel_start_async);

  if (self->server != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  set_state (self, KEFU_CHANNEL_STATE_CONNECTING, NULL);

  g_clear_pointer (&self->config, kefu_chat_config_free);
  self->config = kefu_chat_config_new_from_json (self->account ? kefu_account_get_config (self->account) : NULL,
                                                 &error);
  if (self->config == NULL)
    {
      self->config = kefu_chat_config_new ();
      set_state (self, KEFU_CHANNEL_STATE_ERROR, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->server = kefu_chat_server_new (self->config);
  g_signal_connect_object (self->server, "session-opened", G_CALLBACK (on_server_session_opened), self, 0);
  if (!kefu_chat_server_start (self->server, &error))
    {
      g_clear_object (&self->server);
      set_state (self, KEFU_CHANNEL_STATE_ERROR, error->message);
      g_task_return_new_error (task, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE, "%s", error->message);
      return;
    }

  g_cancellable_reset (self->cancellable);
  self->queued_handler = g_signal_connect_object (self->router, "queued", G_CALLBACK (on_router_queued), self, 0);
  self->changed_handler = g_signal_connect_object (get_store (self), "changed", G_CALLBACK (on_store_changed), self, 0);
  set_state (self, KEFU_CHANNEL_STATE_ONLINE, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
  g_task_return_boolean (task, TRUE);
}

static gboolean
kefu_chat_channel_start_finish (KefuChannel   *channel,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
kefu_chat_channel_stop (KefuChannel *channel)
{
  KefuChatChannel *self = KEFU_CHAT_CHANNEL (channel);

  /* Unacknowledged messages are the widget's to resend. */
  g_clear_handle_id (&self->batch_source, g_source_remove);
  g_ptr_array_set_size (self->batch_inbounds, 0);
  g_ptr_array_set_size (self->batch_calls, 0);
  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->queued_handler, self->router);
  if (self->router != NULL)
    g_clear_signal_handler (&self->changed_handler, get_store (self));
  if (self->server != NULL)
    {
      kefu_chat_server_stop (self->server);
      g_clear_object (&self->server);
    }
  set_state (self, KEFU_CHANNEL_STATE_OFFLINE, NULL);
}

/* A visitor who is away gets the reply with its history when it comes
 * back, so "nobody connected" is not a failure: the reply stays queued. */
static void
kefu_chat_channel_send_async (KefuChannel         *channel,
                              KefuMessage         *message,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  KefuChatChannel *self = KEFU_CHAT_CHANNEL (channel);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, kefu_chat_channel_send_async);
  deliver (self, message);
  g_task_return_boolean (task, TRUE);
}

static gboolean
kefu_chat_channel_send_finish (KefuChannel   *channel,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
kefu_chat_channel_iface_init (KefuChannelInterface *iface)
{
  iface->start_async = kefu_chat_channel_start_async;
  iface->start_finish = kefu_chat_channel_start_finish;
  iface->stop = kefu_chat_channel_stop;
  iface->send_async = kefu_chat_channel_send_async;
  iface->send_finish = kefu_chat_channel_send_finish;
}

static void
kefu_chat_channel_dispose (GObject *object)
{
  KefuChatChannel *self = (KefuChatChannel *)object;

  if (self->router != NULL)
    kefu_chat_channel_stop (KEFU_CHANNEL (self));
  g_clear_object (&self->router);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (kefu_chat_channel_parent_class)->dispose (object);
}

static void
kefu_chat_channel_finalize (GObject *object)
{
  KefuChatChannel *self = (KefuChatChannel *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->batch_inbounds, g_ptr_array_unref);
  g_clear_pointer (&self->batch_calls, g_ptr_array_unref);
  g_clear_pointer (&self->config, kefu_chat_config_free);
  kefu_channel_status_clear (&self->status);

  G_OBJECT_CLASS (kefu_chat_channel_parent_class)->finalize (object);
}

static void
kefu_chat_channel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KefuChatChannel *self = KEFU_CHAT_CHANNEL (object);

  if (kefu_channel_status_get_property (&self->status, pspec, value))
    return;

  switch (prop_id)
    {
    case PROP_ROUTER:
      g_value_set_object (value, self->router);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_AGENTS_AVAILABLE:
      g_value_set_boolean (value, self->agents_available);
      break;
    case PROP_PORT:
      g_value_set_uint (value, kefu_chat_channel_get_port (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_chat_channel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KefuChatChannel *self = KEFU_CHAT_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_ROUTER:
      self->router = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    case PROP_AGENTS_AVAILABLE:
      kefu_chat_channel_set_agents_available (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_chat_channel_class_init (KefuChatChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_chat_channel_dispose;
  object_class->finalize = kefu_chat_channel_finalize;
  object_class->get_property = kefu_chat_channel_get_property;
  object_class->set_property = kefu_chat_channel_set_property;

  kefu_channel_install_properties (object_class, PROP_ROUTER, PROP_ACCOUNT,
                                   PROP_STATE, PROP_STATUS_MESSAGE);
  /**
   * KefuChatChannel:agents-available:
   *
   * Whether a person answers chats now. When not (out of hours, everyone
   * away) the widget asks for an e-mail address instead. The app sets it.
   */
  properties[PROP_AGENTS_AVAILABLE] =
    g_param_spec_boolean ("agents-available", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_AGENTS_AVAILABLE,
                                   properties[PROP_AGENTS_AVAILABLE]);
  g_object_class_install_property (object_class, PROP_PORT, properties[PROP_PORT]);

  /**
   * KefuChatChannel::visitor-typing:
   * @ticket_id: the visitor's ticket
   * @active: whether the visitor is typing
   */
  signals[VISITOR_TYPING] =
    g_signal_new ("visitor-typing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  /**
   * KefuChatChannel::handoff-requested:
   * @ticket_id: the visitor's ticket
   *
   * The visitor pressed "Talk to a person"; the robot stops answering it.
   */
  signals[HANDOFF_REQUESTED] =
    g_signal_new ("handoff-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
kefu_chat_channel_init (KefuChatChannel *self)
{
  self->agents_available = TRUE;
  self->cancellable = g_cancellable_new ();
  self->batch_inbounds = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_inbound_free);
  self->batch_calls = g_ptr_array_new_with_free_func ((GDestroyNotify)call_free);
  self->config = kefu_chat_config_new ();
}

/**
 * kefu_chat_channel_get_port:
 *
 * Returns: the port the server listens on (useful when configured as 0),
 *   or 0 when stopped
 */
guint
kefu_chat_channel_get_port (KefuChatChannel *self)
{
  g_return_val_if_fail (KEFU_IS_CHAT_CHANNEL (self), 0);

  return self->server ? kefu_chat_server_get_port (self->server) : 0;
}

gboolean
kefu_chat_channel_get_agents_available (KefuChatChannel *self)
{
  g_return_val_if_fail (KEFU_IS_CHAT_CHANNEL (self), FALSE);

  return self->agents_available;
}

void
kefu_chat_channel_set_agents_available (KefuChatChannel *self,
                                        gboolean         available)
{
  g_return_if_fail (KEFU_IS_CHAT_CHANNEL (self));

  available = !!available;
  if (self->agents_available == available)
    return;

  self->agents_available = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENTS_AVAILABLE]);
}

/**
 * kefu_chat_channel_set_agent_typing:
 *
 * Shows or hides "typing…" in the widget of @ticket_id's visitor.
 */
void
kefu_chat_channel_set_agent_typing (KefuChatChannel *self,
                                    gint64           ticket_id,
                                    gboolean         active)
{
  g_autofree char *frame = kefu_chat_frame_typing (active);
  GPtrArray *sessions;

  g_return_if_fail (KEFU_IS_CHAT_CHANNEL (self));

  if (self->server == NULL || ticket_id <= 0)
    return;

  sessions = kefu_chat_server_get_sessions (self->server);
  for (guint i = 0; i < sessions->len; i++)
    {
      KefuChatSession *session = g_ptr_array_index (sessions, i);

      if (kefu_chat_session_get_ticket_id (session) == ticket_id)
        kefu_chat_session_send (session, frame);
    }
}
