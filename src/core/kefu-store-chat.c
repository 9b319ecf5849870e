/* kefu-store-chat.c: what the chat channel reads and writes through the store.
 *
 * Built only on the store's existing vfuncs: a visitor is a chat identity
 * whose value is the SHA-256 of its token (the token itself is never
 * stored), its conversation is its customer's open chat ticket, and what
 * the widget adds to a ticket (page, language, hand-off, rating, e-mail) is
 * an event on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-identity-normalize.h"
#include "kefu-store-chat.h"

#define STORE_IFACE(store) KEFU_STORE_GET_IFACE (store)
#define MAX_HISTORY 500

typedef struct
{
  gint64  id;
  char   *visitor;
  char   *kind;
  char   *detail;
} JobData;

static void
job_data_free (JobData *data)
{
  g_free (data->visitor);
  g_free (data->kind);
  g_free (data->detail);
  g_free (data);
}

void
kefu_chat_history_free (KefuChatHistory *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_free (self);
}

static gpointer
load_history_job (KefuStore     *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  JobData *job_data = data;
  g_autoptr (KefuChatHistory) history = g_new0 (KefuChatHistory, 1);
  GError *local_error = NULL;

  STORE_IFACE (store)->find_identity (store, KEFU_IDENTITY_KIND_CHAT, job_data->visitor,
                                      &history->customer_id, &local_error);
  if (local_error == NULL && history->customer_id > 0)
    history->ticket_id = STORE_IFACE (store)->find_open_ticket (store, history->customer_id,
                                                                KEFU_CHANNEL_KIND_CHAT, &local_error);
  if (local_error == NULL && history->ticket_id > 0)
    history->messages = STORE_IFACE (store)->list_messages (store, history->ticket_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (history->messages == NULL)
    history->messages = g_ptr_array_new_with_free_func (g_object_unref);
  if (history->messages->len > MAX_HISTORY)
    g_ptr_array_remove_range (history->messages, 0, history->messages->len - MAX_HISTORY);

  return g_steal_pointer (&history);
}

/**
 * kefu_store_chat_load_history_async:
 * @visitor: the visitor's identity value (the hash of its token)
 *
 * Reads the visitor's open chat ticket and its messages (the last 500),
 * notes included: the channel leaves them out. A visitor that never wrote
 * gets an empty history.
 */
void
kefu_store_chat_load_history_async (KefuStore           *self,
                                    const char          *visitor,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  JobData *data = g_new0 (JobData, 1);

  g_return_if_fail (KEFU_IS_STORE (self));
  g_return_if_fail (visitor != NULL);

  data->visitor = g_strdup (visitor);
  kefu_store_read_async (self, load_history_job, data, (GDestroyNotify)job_data_free,
                         (GDestroyNotify)kefu_chat_history_free, cancellable, callback, user_data);
}

/**
 * kefu_store_chat_load_history_finish:
 *
 * Returns: (transfer full): the history, or %NULL with @error set
 */
KefuChatHistory *
kefu_store_chat_load_history_finish (KefuStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
add_event_job (KefuStore     *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  JobData *job_data = data;
  g_autoptr (KefuTicket) ticket = STORE_IFACE (store)->get_ticket (store, job_data->id, error);

  if (ticket == NULL)
    return NULL;
  if (STORE_IFACE (store)->insert_event (store, job_data->id, 0, job_data->kind, job_data->detail,
                                         g_get_real_time (), error) == 0)
    return NULL;

  kefu_store_note_change (store, job_data->id, kefu_ticket_get_customer_id (ticket));

  return GINT_TO_POINTER (TRUE);
}

/**
 * kefu_store_chat_add_event_async:
 * @kind: "chat-visitor", "chat-handoff", "chat-rating", …
 * @detail: (nullable): what a person reads in the ticket's history
 *
 * Records something the visitor did on its ticket.
 */
void
kefu_store_chat_add_event_async (KefuStore           *self,
                                 gint64               ticket_id,
                                 const char          *kind,
                                 const char          *detail,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  JobData *data = g_new0 (JobData, 1);

  g_return_if_fail (KEFU_IS_STORE (self));
  g_return_if_fail (ticket_id > 0);
  g_return_if_fail (kind != NULL);

  data->id = ticket_id;
  data->kind = g_strdup (kind);
  data->detail = g_strdup (detail);
  kefu_store_write_async (self, add_event_job, data, (GDestroyNotify)job_data_free, NULL,
                          cancellable, callback, user_data);
}

gboolean
kefu_store_chat_add_event_finish (KefuStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kefu_store_job_finish (self, result, error) != NULL;
}

static gpointer
mark_sent_job (KefuStore     *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  JobData *job_data = data;
  g_autoptr (KefuMessage) message = STORE_IFACE (store)->get_message (store, job_data->id, error);

  if (message == NULL)
    return NULL;
  if (kefu_message_get_delivery_state (message) == KEFU_DELIVERY_STATE_SENT)
    return GINT_TO_POINTER (TRUE);
  if (!STORE_IFACE (store)->set_delivery_state (store, job_data->id, KEFU_DELIVERY_STATE_SENT, NULL, error))
    return NULL;

  kefu_store_note_change (store, kefu_message_get_ticket_id (message), 0);

  return GINT_TO_POINTER (TRUE);
}

/**
 * kefu_store_chat_mark_sent_async:
 *
 * Moves a reply the visitor's widget has received to sent.
 */
void
kefu_store_chat_mark_sent_async (KefuStore           *self,
                                 gint64               message_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  JobData *data = g_new0 (JobData, 1);

  g_return_if_fail (KEFU_IS_STORE (self));

  data->id = message_id;
  kefu_store_write_async (self, mark_sent_job, data, (GDestroyNotify)job_data_free, NULL,
                          cancellable, callback, user_data);
}

gboolean
kefu_store_chat_mark_sent_finish (KefuStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kefu_store_job_finish (self, result, error) != NULL;
}

static gpointer
add_email_job (KefuStore     *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  JobData *job_data = data;
  KefuIdentityFields fields = { 0 };
  g_autofree char *email = NULL;
  gint64 customer_id = 0;
  gint64 owner_id = 0;
  GError *local_error = NULL;

  email = kefu_identity_normalize (KEFU_IDENTITY_KIND_EMAIL, job_data->detail, NULL, error);
  if (email == NULL)
    return NULL;

  STORE_IFACE (store)->find_identity (store, KEFU_IDENTITY_KIND_CHAT, job_data->visitor,
                                      &customer_id, &local_error);
  if (local_error == NULL && customer_id > 0)
    STORE_IFACE (store)->find_identity (store, KEFU_IDENTITY_KIND_EMAIL, email, &owner_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  /* An address another customer already has stays theirs: the agent sees
   * it in the ticket's history and can merge the two by hand. */
  if (customer_id == 0 || owner_id != 0)
    return GINT_TO_POINTER (TRUE);

  fields.customer_id = customer_id;
  fields.kind = KEFU_IDENTITY_KIND_EMAIL;
  fields.value = email;
  fields.display = job_data->detail;
  fields.created_at = g_get_real_time ();
  if (STORE_IFACE (store)->insert_identity (store, &fields, error) == 0)
    return NULL;

  kefu_store_note_change (store, 0, customer_id);

  return GINT_TO_POINTER (TRUE);
}

/**
 * kefu_store_chat_add_email_async:
 * @visitor: the visitor's identity value
 * @email: the address the visitor left, to be answered by e-mail
 *
 * Adds @email to the visitor's customer, unless another customer has it.
 */
void
kefu_store_chat_add_email_async (KefuStore           *self,
                                 const char          *visitor,
                                 const char          *email,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  JobData *data = g_new0 (JobData, 1);

  g_return_if_fail (KEFU_IS_STORE (self));

  data->visitor = g_strdup (visitor);
  data->detail = g_strdup (email);
  kefu_store_write_async (self, add_email_job, data, (GDestroyNotify)job_data_free, NULL,
                          cancellable, callback, user_data);
}

gboolean
kefu_store_chat_add_email_finish (KefuStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kefu_store_job_finish (self, result, error) != NULL;
}
