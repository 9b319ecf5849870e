/* kefu-email-outbox.c: replies out over SMTP, in order, retried with backoff; RFC 3834 auto-replies.
 *
 * A reply the router stored as queued waits a few seconds (the undo-send
 * window), then goes out; the store then says sent, or failed with the
 * server's words for a final refusal. A temporary failure keeps it queued
 * with the reason shown and tries again later, and a restart resends what
 * is still queued.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kefu-business-hours.h"
#include "kefu-email-autoreply.h"
#include "kefu-email-channel-private.h"
#include "kefu-email-compose.h"
#include "kefu-email-smtp.h"
#include "kefu-store-email.h"

#define MAX_RETRY_DELAY 600

static KefuStore *
get_store (KefuEmailChannel *self)
{
  return kefu_router_get_store (self->router);
}

static const char *
own_address (KefuEmailChannel *self)
{
  const char *address = kefu_account_get_address (self->account);

  return address && *address ? address : self->config->user;
}

/* Sending: one message, from the store's rows to the SMTP server. */

typedef struct
{
  KefuEmailChannel *self;
  KefuMessage      *message;
  KefuTicket       *ticket;
  KefuEmailDraft   *draft;
  KefuEmailConfig  *config;
  char             *password;
  GPtrArray        *pending;     /* KefuAttachment still to load */
} Send;

static void
send_free (Send *send)
{
  g_clear_object (&send->self);
  g_clear_object (&send->message);
  g_clear_object (&send->ticket);
  g_clear_pointer (&send->draft, kefu_email_draft_free);
  g_clear_pointer (&send->config, kefu_email_config_free);
  if (send->password != NULL)
    memset (send->password, 0, strlen (send->password));
  g_free (send->password);
  g_clear_pointer (&send->pending, g_ptr_array_unref);
  g_free (send);
}

static void
smtp_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Send *send = task_data;
  g_autoptr (GMimeMessage) mime = kefu_email_compose (send->draft);
  g_autoptr (GBytes) bytes = kefu_email_compose_to_bytes (mime);
  const char *recipients[] = { send->draft->to, NULL };
  GError *error = NULL;

  /* Auto-replies go with an empty envelope sender, so that nothing answers them (RFC 3834). */
  if (!kefu_email_smtp_send (send->config, send->password,
                             send->draft->auto_submitted ? "" : send->draft->from_address,
                             recipients, bytes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_smtp (GTask *task)
{
  Send *send = g_task_get_task_data (task);
  g_autofree char *json = kefu_email_config_to_json (send->self->config);

  send->config = kefu_email_config_new_from_json (json, NULL);
  send->password = g_strdup (send->self->password);
  g_task_run_in_thread (task, smtp_thread);
}

static void load_next_attachment (GTask *task);

static void
attachment_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  KefuAttachment *attachment = g_ptr_array_index (send->pending, 0);
  g_autoptr (GBytes) data = NULL;
  KefuInboundAttachment *copy;
  GError *error = NULL;

  data = kefu_store_get_attachment_data_finish (KEFU_STORE (object), result, &error);
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  copy = kefu_inbound_attachment_new (kefu_attachment_get_filename (attachment),
                                      kefu_attachment_get_mime_type (attachment), data);
  g_ptr_array_add (send->draft->attachments, copy);
  g_ptr_array_remove_index (send->pending, 0);

  load_next_attachment (g_steal_pointer (&task));
}

static void
load_next_attachment (GTask *task)
{
  Send *send = g_task_get_task_data (task);

  if (send->pending->len == 0)
    {
      run_smtp (task);
      return;
    }

  kefu_store_get_attachment_data_async (get_store (send->self),
                                        kefu_attachment_get_hash (g_ptr_array_index (send->pending, 0)),
                                        g_task_get_cancellable (task), attachment_cb, task);
}

static void
messages_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  KefuEmailChannel *self = send->self;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GStrvBuilder) references = g_strv_builder_new ();
  KefuEmailDraft *draft;
  GPtrArray *attachments;
  GError *error = NULL;
  const char *subject;

  messages = kefu_store_list_messages_finish (KEFU_STORE (object), result, &error);
  if (messages == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  draft = send->draft = kefu_email_draft_new ();
  draft->from_address = g_strdup (own_address (self));
  draft->from_name = g_strdup (self->config->display_name);
  draft->to = g_strdup (kefu_message_get_recipient (send->message));
  subject = kefu_message_get_subject (send->message);
  draft->subject = kefu_email_compose_subject (subject ? subject : kefu_ticket_get_subject (send->ticket),
                                               kefu_ticket_get_number (send->ticket));
  draft->text = g_strdup (kefu_message_get_text (send->message));
  draft->signature = g_strdup (self->config->signature);
  /* A stable id: a resend after a crash is the same message to the customer. */
  draft->message_id = g_strdup_printf ("kefu.%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT "%s",
                                       kefu_ticket_get_id (send->ticket),
                                       kefu_message_get_id (send->message),
                                       strrchr (draft->from_address, '@') ? strrchr (draft->from_address, '@')
                                                                          : "@kefu.invalid");

  /* The conversation so far, so that every mail program threads it. */
  for (guint i = 0; i < messages->len; i++)
    {
      KefuMessage *message = g_ptr_array_index (messages, i);
      const char *id = kefu_message_get_external_id (message);

      if (kefu_message_get_id (message) == kefu_message_get_id (send->message))
        break;
      if (id == NULL || kefu_message_get_channel (message) != KEFU_CHANNEL_KIND_EMAIL)
        continue;
      g_strv_builder_add (references, id);
      if (kefu_message_get_direction (message) == KEFU_DIRECTION_IN)
        {
          g_free (draft->in_reply_to);
          draft->in_reply_to = g_strdup (id);
        }
    }
  draft->references = g_strv_builder_end (references);

  if (draft->to == NULL)
    {
      g_task_return_new_error (task, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                               _("The reply has no recipient address."));
      return;
    }

  attachments = kefu_message_get_attachments (send->message);
  send->pending = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    g_ptr_array_add (send->pending, g_object_ref (g_ptr_array_index (attachments, i)));

  load_next_attachment (g_steal_pointer (&task));
}

static void
ticket_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  send->ticket = kefu_store_get_ticket_finish (KEFU_STORE (object), result, &error);
  if (send->ticket == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  kefu_store_list_messages_async (KEFU_STORE (object), kefu_ticket_get_id (send->ticket),
                                  cancellable, messages_cb, g_steal_pointer (&task));
}

/**
 * _kefu_email_outbox_send_async:
 *
 * Hands @message to the SMTP server. Main thread; the SMTP talk runs in a
 * worker thread. Does not record the outcome (the outbox does).
 */
void
_kefu_email_outbox_send_async (KefuEmailChannel    *self,
                               KefuMessage         *message,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  Send *send = g_new0 (Send, 1);

  g_task_set_source_tag (task, _kefu_email_outbox_send_async);
  send->self = g_object_ref (self);
  send->message = g_object_ref (message);
  g_task_set_task_data (task, send, (GDestroyNotify)send_free);

  if (self->config == NULL || self->password == NULL)
    {
      g_task_return_new_error (task, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                               _("The mail account is not connected."));
      return;
    }

  kefu_store_get_ticket_async (get_store (self), kefu_message_get_ticket_id (message), cancellable,
                               ticket_cb, g_steal_pointer (&task));
}

gboolean
_kefu_email_outbox_send_finish (KefuEmailChannel  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The queue: one reply at a time, oldest first. */

static void pump (KefuEmailChannel *self);

static void
state_recorded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!kefu_store_job_finish (KEFU_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not record a delivery: %s", error->message);
}

static gboolean
retry_cb (gpointer user_data)
{
  KefuEmailChannel *self = user_data;

  self->retry_source = 0;
  pump (self);

  return G_SOURCE_REMOVE;
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KefuEmailChannel *self = KEFU_EMAIL_CHANNEL (object);
  g_autoptr (KefuMessage) message = user_data;
  g_autoptr (GError) error = NULL;
  Send *send = g_task_get_task_data (G_TASK (result));
  g_autofree char *message_id = send->draft ? g_strdup (send->draft->message_id) : NULL;
  static guint retry_delay = 0;

  self->sending = FALSE;

  if (_kefu_email_outbox_send_finish (self, result, &error))
    {
      g_message ("%s: reply %" G_GINT64_FORMAT " sent", kefu_account_get_name (self->account),
                 kefu_message_get_id (message));
      kefu_store_mark_sent_async (get_store (self), kefu_message_get_id (message),
                                  kefu_message_get_ticket_id (message), message_id,
                                  NULL, state_recorded_cb, NULL);
      retry_delay = 0;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else if (g_error_matches (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED))
    {
      g_message ("%s: reply %" G_GINT64_FORMAT " refused: %s", kefu_account_get_name (self->account),
                 kefu_message_get_id (message), error->message);
      kefu_store_set_delivery_state_async (get_store (self), kefu_message_get_id (message),
                                           KEFU_DELIVERY_STATE_FAILED, error->message,
                                           NULL, state_recorded_cb, NULL);
      retry_delay = 0;
    }
  else
    {
      g_autofree char *reason = NULL;

      retry_delay = CLAMP (retry_delay * 2, 5, MAX_RETRY_DELAY);
      /* Translators: %1$s is why sending failed, %2$u a number of seconds */
      reason = g_strdup_printf (_("%1$s Kefu tries again in %2$u s."), error->message, retry_delay);
      g_message ("%s: reply %" G_GINT64_FORMAT " not sent: %s", kefu_account_get_name (self->account),
                 kefu_message_get_id (message), reason);
      kefu_store_set_delivery_state_async (get_store (self), kefu_message_get_id (message),
                                           KEFU_DELIVERY_STATE_QUEUED, reason,
                                           NULL, state_recorded_cb, NULL);
      g_queue_push_head (&self->outbox, g_steal_pointer (&message));
      self->retry_source = g_timeout_add_seconds (retry_delay, retry_cb, self);
      return;
    }

  pump (self);
}

static void
pump (KefuEmailChannel *self)
{
  KefuMessage *message;
  gint64 due;
  gint64 now = g_get_real_time ();

  if (self->sending || self->retry_source != 0 || g_cancellable_is_cancelled (self->cancellable))
    return;

  message = g_queue_peek_head (&self->outbox);
  if (message == NULL)
    return;

  /* The undo-send window: a reply waits a little after it was written. */
  due = kefu_message_get_created_at (message) + (gint64)self->send_delay * G_USEC_PER_SEC;
  if (due > now)
    {
      self->retry_source = g_timeout_add ((guint)MIN ((due - now) / 1000 + 1, G_MAXUINT), retry_cb, self);
      return;
    }

  g_queue_pop_head (&self->outbox);
  self->sending = TRUE;
  _kefu_email_outbox_send_async (self, message, self->cancellable, sent_cb, message);
}

static void
enqueue (KefuEmailChannel *self,
         KefuMessage      *message)
{
  for (GList *l = self->outbox.head; l != NULL; l = l->next)
    if (kefu_message_get_id (l->data) == kefu_message_get_id (message))
      return;

  g_queue_push_tail (&self->outbox, g_object_ref (message));
  pump (self);
}

static void
ticket_account_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (KefuMessage) message = user_data;
  g_autoptr (GError) error = NULL;
  KefuEmailChannel *self = g_object_get_data (G_OBJECT (message), "kefu-email-channel");
  gint64 account_id;

  account_id = kefu_store_find_ticket_account_finish (KEFU_STORE (object), result, &error);
  if (self == NULL || account_id != kefu_account_get_id (self->account))
    return;

  enqueue (self, message);
}

static gboolean
is_email_reply (KefuMessage *message)
{
  KefuDirection direction = kefu_message_get_direction (message);

  return kefu_message_get_channel (message) == KEFU_CHANNEL_KIND_EMAIL &&
         (direction == KEFU_DIRECTION_OUT || direction == KEFU_DIRECTION_ROBOT) &&
         kefu_message_get_delivery_state (message) == KEFU_DELIVERY_STATE_QUEUED;
}

static void
on_router_queued (KefuRouter       *router,
                  KefuMessage      *message,
                  KefuEmailChannel *self)
{
  if (!is_email_reply (message))
    return;

  if (kefu_message_get_account_id (message) == kefu_account_get_id (self->account))
    enqueue (self, message);
  else if (kefu_message_get_account_id (message) == 0)
    {
      /* No account chosen: the one the customer wrote to answers. */
      g_object_set_data_full (G_OBJECT (message), "kefu-email-channel", g_object_ref (self), g_object_unref);
      kefu_store_find_ticket_account_async (get_store (self), kefu_message_get_ticket_id (message),
                                            self->cancellable, ticket_account_cb, g_object_ref (message));
    }
}

static void
queued_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (KefuEmailChannel) self = user_data;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GError) error = NULL;

  messages = kefu_store_list_queued_finish (KEFU_STORE (object), result, &error);
  if (messages == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _kefu_email_channel_set_state (self, KEFU_CHANNEL_STATE_ERROR, error->message);
      return;
    }

  if (messages->len > 0)
    g_message ("%s: resending %u queued replies", kefu_account_get_name (self->account), messages->len);
  for (guint i = 0; i < messages->len; i++)
    if (is_email_reply (g_ptr_array_index (messages, i)))
      enqueue (self, g_ptr_array_index (messages, i));
}

/**
 * _kefu_email_outbox_start:
 *
 * Listens for queued replies and resends what a previous run left queued.
 */
void
_kefu_email_outbox_start (KefuEmailChannel *self)
{
  if (self->queued_handler == 0)
    self->queued_handler = g_signal_connect_object (self->router, "queued",
                                                    G_CALLBACK (on_router_queued), self, 0);

  kefu_store_list_queued_async (get_store (self), KEFU_CHANNEL_KIND_EMAIL, kefu_account_get_id (self->account),
                                self->cancellable, queued_cb, g_object_ref (self));
}

void
_kefu_email_outbox_stop (KefuEmailChannel *self)
{
  if (self->router != NULL)
    g_clear_signal_handler (&self->queued_handler, self->router);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_queue_clear_full (&self->outbox, g_object_unref);
}

/* Auto-replies: an acknowledgement, or the out-of-hours notice. */

static void
auto_reply_sent_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("An automatic reply was not sent: %s", error->message);
}

typedef struct
{
  KefuEmailChannel *self;
  KefuEmailParsed  *parsed;     /* only its strings are copied */
  char             *to;
  char             *subject;
  char             *name;
  char             *in_reply_to;
  gint64            ticket_id;
} AutoReply;

static void
auto_reply_free (AutoReply *auto_reply)
{
  g_object_unref (auto_reply->self);
  g_free (auto_reply->to);
  g_free (auto_reply->subject);
  g_free (auto_reply->name);
  g_free (auto_reply->in_reply_to);
  g_free (auto_reply);
}

static void
auto_reply_send (AutoReply  *auto_reply,
                 KefuTicket *ticket,
                 gboolean    closed)
{
  KefuEmailChannel *self = auto_reply->self;
  const char *template_text = closed ? self->config->out_of_hours_template : self->config->acknowledge_template;
  g_autoptr (GTask) task = g_task_new (self, self->cancellable, auto_reply_sent_cb, NULL);
  Send *send = g_new0 (Send, 1);
  KefuEmailDraft *draft;
  gint64 number = kefu_ticket_get_number (ticket);

  if (template_text == NULL || *template_text == '\0')
    template_text = closed
      ? _("Thank you for your message. We are closed right now and will answer when we open again. "
          "Your ticket number is {ticket}.")
      : _("Thank you for your message. We have received it and will answer soon. "
          "Your ticket number is {ticket}.");

  send->self = g_object_ref (self);
  draft = send->draft = kefu_email_draft_new ();
  draft->from_address = g_strdup (own_address (self));
  draft->from_name = g_strdup (self->config->display_name);
  draft->to = g_strdup (auto_reply->to);
  draft->subject = kefu_email_compose_subject (auto_reply->subject, number);
  draft->text = kefu_email_autoreply_fill (template_text, number, auto_reply->subject, auto_reply->name);
  draft->signature = g_strdup (self->config->signature);
  draft->message_id = kefu_email_compose_message_id (draft->from_address);
  draft->in_reply_to = g_strdup (auto_reply->in_reply_to);
  if (auto_reply->in_reply_to != NULL)
    draft->references = g_strdupv ((char *[]) { auto_reply->in_reply_to, NULL });
  draft->auto_submitted = TRUE;
  g_task_set_task_data (task, send, (GDestroyNotify)send_free);

  g_message ("%s: %s to ticket %" G_GINT64_FORMAT, kefu_account_get_name (self->account),
             closed ? "out-of-hours notice" : "acknowledgement", number);
  run_smtp (g_steal_pointer (&task));
}

static void
auto_reply_settings_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  AutoReply *auto_reply = user_data;
  KefuTicket *ticket = g_object_get_data (G_OBJECT (object), "kefu-email-auto-reply-ticket");
  g_autoptr (GHashTable) settings = kefu_store_list_settings_finish (KEFU_STORE (object), result, NULL);
  g_autoptr (KefuBusinessHours) hours = NULL;
  const char *json = settings ? g_hash_table_lookup (settings, KEFU_BUSINESS_HOURS_SETTING) : NULL;
  gboolean closed = FALSE;

  if (json != NULL)
    hours = kefu_business_hours_new_from_json (json, NULL);
  if (hours != NULL)
    closed = !kefu_business_hours_is_open (hours, g_get_real_time ());

  if (closed && auto_reply->self->config->out_of_hours)
    auto_reply_send (auto_reply, ticket, TRUE);
  else if (auto_reply->self->config->auto_acknowledge)
    auto_reply_send (auto_reply, ticket, FALSE);

  g_object_set_data (G_OBJECT (object), "kefu-email-auto-reply-ticket", NULL);
  auto_reply_free (auto_reply);
}

static void
auto_reply_ticket_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  AutoReply *auto_reply = user_data;
  KefuTicket *ticket = kefu_store_get_ticket_finish (KEFU_STORE (object), result, NULL);

  if (ticket == NULL)
    {
      auto_reply_free (auto_reply);
      return;
    }

  /* The ticket rides on the store until the settings arrive. */
  g_object_set_data_full (G_OBJECT (object), "kefu-email-auto-reply-ticket", ticket, g_object_unref);
  kefu_store_list_settings_async (KEFU_STORE (object), auto_reply->self->cancellable,
                                  auto_reply_settings_cb, auto_reply);
}

/**
 * _kefu_email_outbox_after_receive:
 *
 * Main thread, after @parsed was stored. Answers a new conversation
 * automatically when the account says so, unless the mail itself was
 * automatic (RFC 3834) or its sender had an auto-reply within the period.
 */
void
_kefu_email_outbox_after_receive (KefuEmailChannel *self,
                                  KefuEmailParsed  *parsed,
                                  KefuDelivery     *delivery)
{
  AutoReply *auto_reply;
  g_autofree char *sender = NULL;
  gint64 now = g_get_real_time ();
  gint64 last;

  if (delivery->duplicate || !delivery->ticket_created || parsed->automatic || parsed->reply_to == NULL ||
      self->config == NULL || (!self->config->auto_acknowledge && !self->config->out_of_hours) ||
      !kefu_email_autoreply_sender_ok (parsed->reply_to))
    return;

  sender = g_ascii_strdown (parsed->reply_to, -1);
  last = GPOINTER_TO_SIZE (g_hash_table_lookup (self->auto_replied, sender)) * G_USEC_PER_SEC;
  if (last > 0 && now - last < (gint64)self->config->auto_reply_period * G_USEC_PER_SEC)
    return;
  g_hash_table_insert (self->auto_replied, g_strdup (sender), GSIZE_TO_POINTER ((gsize)(now / G_USEC_PER_SEC)));

  auto_reply = g_new0 (AutoReply, 1);
  auto_reply->self = g_object_ref (self);
  auto_reply->to = g_strdup (parsed->reply_to);
  auto_reply->subject = g_strdup (parsed->inbound->subject);
  auto_reply->name = g_strdup (parsed->inbound->sender_name);
  auto_reply->in_reply_to = g_strdup (parsed->inbound->external_id);
  auto_reply->ticket_id = delivery->ticket_id;

  kefu_store_get_ticket_async (get_store (self), delivery->ticket_id, self->cancellable,
                               auto_reply_ticket_cb, auto_reply);
}
