/* kefu-store-email.c: the email channel's async store calls: accounts, its outbox, bounces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kefu-store-email.h"

#define STORE_IFACE(store) KEFU_STORE_GET_IFACE (store)

typedef struct
{
  KefuAccountFields fields;   /* strings owned below */
  char             *name;
  char             *address;
  char             *config;
  gint64            id;
  KefuChannelKind   channel;
  KefuDeliveryState state;
  char             *reason;
  char             *external_id;
} EmailData;

static void
email_data_free (EmailData *data)
{
  g_free (data->name);
  g_free (data->address);
  g_free (data->config);
  g_free (data->reason);
  g_free (data->external_id);
  g_free (data);
}

static EmailData *
email_data_new_fields (const KefuAccountFields *fields)
{
  EmailData *data = g_new0 (EmailData, 1);

  data->fields = *fields;
  data->fields.name = data->name = g_strdup (fields->name);
  data->fields.address = data->address = g_strdup (fields->address);
  data->fields.config = data->config = g_strdup (fields->config);

  return data;
}

static gint64 *
boxed_id (gint64 id)
{
  gint64 *box = g_new (gint64, 1);

  *box = id;

  return box;
}

static gint64
finish_id (KefuStore     *self,
           GAsyncResult  *result,
           GError       **error)
{
  g_autofree gint64 *box = kefu_store_job_finish (self, result, error);

  return box != NULL ? *box : -1;
}

static gpointer
list_accounts_job (KefuStore     *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return STORE_IFACE (store)->list_accounts (store, error);
}

/**
 * kefu_store_list_accounts_async:
 *
 * Lists every configured channel account (a reader thread).
 */
void
kefu_store_list_accounts_async (KefuStore           *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  kefu_store_read_async (self, list_accounts_job, NULL, NULL, (GDestroyNotify)g_ptr_array_unref,
                         cancellable, callback, user_data);
}

/**
 * kefu_store_list_accounts_finish:
 *
 * Returns: (transfer container) (element-type KefuAccount): the accounts
 */
GPtrArray *
kefu_store_list_accounts_finish (KefuStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
insert_account_job (KefuStore     *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  EmailData *email_data = data;
  gint64 id = STORE_IFACE (store)->insert_account (store, &email_data->fields, error);

  if (id > 0)
    kefu_store_note_config_changed (store, FALSE, TRUE);
  return id > 0 ? boxed_id (id) : NULL;
}

void
kefu_store_insert_account_async (KefuStore               *self,
                                 const KefuAccountFields *fields,
                                 GCancellable            *cancellable,
                                 GAsyncReadyCallback      callback,
                                 gpointer                 user_data)
{
  kefu_store_write_async (self, insert_account_job, email_data_new_fields (fields),
                          (GDestroyNotify)email_data_free, g_free, cancellable, callback, user_data);
}

/**
 * kefu_store_insert_account_finish:
 *
 * Returns: the new account's id, or -1 with @error set
 */
gint64
kefu_store_insert_account_finish (KefuStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_id (self, result, error);
}

static gpointer
update_account_job (KefuStore     *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  EmailData *email_data = data;

  if (!STORE_IFACE (store)->update_account (store, &email_data->fields, error))
    return NULL;
  kefu_store_note_config_changed (store, FALSE, TRUE);
  return GINT_TO_POINTER (1);
}

void
kefu_store_update_account_async (KefuStore               *self,
                                 const KefuAccountFields *fields,
                                 GCancellable            *cancellable,
                                 GAsyncReadyCallback      callback,
                                 gpointer                 user_data)
{
  kefu_store_write_async (self, update_account_job, email_data_new_fields (fields),
                          (GDestroyNotify)email_data_free, NULL, cancellable, callback, user_data);
}

gboolean
kefu_store_update_account_finish (KefuStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kefu_store_job_finish (self, result, error) != NULL;
}

static gpointer
delete_account_job (KefuStore     *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  EmailData *email_data = data;

  if (!STORE_IFACE (store)->delete_account (store, email_data->id, error))
    return NULL;
  kefu_store_note_config_changed (store, FALSE, TRUE);
  return GINT_TO_POINTER (1);
}

void
kefu_store_delete_account_async (KefuStore           *self,
                                 gint64               account_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  EmailData *data = g_new0 (EmailData, 1);

  data->id = account_id;
  kefu_store_write_async (self, delete_account_job, data, (GDestroyNotify)email_data_free, NULL,
                          cancellable, callback, user_data);
}

gboolean
kefu_store_delete_account_finish (KefuStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kefu_store_job_finish (self, result, error) != NULL;
}

static gpointer
list_queued_job (KefuStore     *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  EmailData *email_data = data;

  return STORE_IFACE (store)->list_queued_messages (store, email_data->channel, email_data->id, error);
}

/**
 * kefu_store_list_queued_async:
 * @account_id: the sending account, or 0 for every account
 *
 * Lists the replies still waiting to be delivered on @channel through
 * @account_id (those without an account go through the account their
 * ticket's customer last wrote to), oldest first: what a channel resends
 * after a restart.
 */
void
kefu_store_list_queued_async (KefuStore           *self,
                              KefuChannelKind      channel,
                              gint64               account_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  EmailData *data = g_new0 (EmailData, 1);

  data->channel = channel;
  data->id = account_id;
  kefu_store_read_async (self, list_queued_job, data, (GDestroyNotify)email_data_free,
                         (GDestroyNotify)g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_list_queued_finish:
 *
 * Returns: (transfer container) (element-type KefuMessage): queued replies
 */
GPtrArray *
kefu_store_list_queued_finish (KefuStore     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
find_ticket_account_job (KefuStore     *store,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  EmailData *email_data = data;
  gint64 id = STORE_IFACE (store)->find_ticket_account (store, email_data->id, error);

  return id >= 0 ? boxed_id (id) : NULL;
}

void
kefu_store_find_ticket_account_async (KefuStore           *self,
                                      gint64               ticket_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  EmailData *data = g_new0 (EmailData, 1);

  data->id = ticket_id;
  kefu_store_read_async (self, find_ticket_account_job, data, (GDestroyNotify)email_data_free,
                         g_free, cancellable, callback, user_data);
}

/**
 * kefu_store_find_ticket_account_finish:
 *
 * Returns: the account the ticket's customer last wrote to, 0 for none,
 *   or -1 with @error set
 */
gint64
kefu_store_find_ticket_account_finish (KefuStore     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return finish_id (self, result, error);
}

static gpointer
set_delivery_state_job (KefuStore     *store,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  EmailData *email_data = data;

  if (!STORE_IFACE (store)->set_delivery_state (store, email_data->id, email_data->state,
                                                email_data->reason, error))
    return NULL;

  return GINT_TO_POINTER (1);
}

/**
 * kefu_store_set_delivery_state_async:
 * @reason: (nullable): the peer's words when @state is failed
 *
 * Records how the delivery of a reply went (the writer thread).
 */
void
kefu_store_set_delivery_state_async (KefuStore           *self,
                                     gint64               message_id,
                                     KefuDeliveryState    state,
                                     const char          *reason,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  EmailData *data = g_new0 (EmailData, 1);

  data->id = message_id;
  data->state = state;
  data->reason = g_strdup (reason);
  kefu_store_write_async (self, set_delivery_state_job, data, (GDestroyNotify)email_data_free,
                          NULL, cancellable, callback, user_data);
}

gboolean
kefu_store_set_delivery_state_finish (KefuStore     *self,
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
  EmailData *email_data = data;
  KefuStoreInterface *iface = STORE_IFACE (store);

  if (!iface->set_delivery_state (store, email_data->id, KEFU_DELIVERY_STATE_SENT, NULL, error))
    return NULL;
  if (email_data->external_id != NULL &&
      (!iface->set_external_id (store, email_data->id, email_data->external_id, error) ||
       !iface->insert_thread_key (store, email_data->external_id, email_data->fields.id, error)))
    return NULL;

  return GINT_TO_POINTER (1);
}

/**
 * kefu_store_mark_sent_async:
 * @thread_key: (nullable): the id the peer knows the reply by (its
 *   Message-ID), so that answers to it find @ticket_id
 *
 * Records that the peer accepted a reply (the writer thread).
 */
void
kefu_store_mark_sent_async (KefuStore           *self,
                            gint64               message_id,
                            gint64               ticket_id,
                            const char          *thread_key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  EmailData *data = g_new0 (EmailData, 1);

  data->id = message_id;
  data->fields.id = ticket_id;
  data->external_id = g_strdup (thread_key);
  kefu_store_write_async (self, mark_sent_job, data, (GDestroyNotify)email_data_free,
                          NULL, cancellable, callback, user_data);
}

gboolean
kefu_store_mark_sent_finish (KefuStore     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return kefu_store_job_finish (self, result, error) != NULL;
}

static gpointer
record_bounce_job (KefuStore     *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  EmailData *email_data = data;
  KefuStoreInterface *iface = STORE_IFACE (store);
  GError *local_error = NULL;
  gint64 ticket_id = 0;
  gint64 message_id;

  message_id = iface->find_external_id (store, email_data->channel, email_data->external_id,
                                        &ticket_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (message_id <= 0)
    return boxed_id (0);

  if (!iface->set_delivery_state (store, message_id, KEFU_DELIVERY_STATE_FAILED,
                                  email_data->reason, error) ||
      iface->insert_event (store, ticket_id, 0, "delivery-failed", email_data->reason,
                           g_get_real_time (), error) == 0)
    return NULL;

  return boxed_id (ticket_id);
}

/**
 * kefu_store_record_bounce_async:
 * @external_id: the Message-ID (or other external id) of the reply that
 *   bounced
 * @reason: (nullable): the remote server's words
 *
 * Marks the reply with @external_id failed and notes it on its ticket
 * (the writer thread).
 */
void
kefu_store_record_bounce_async (KefuStore           *self,
                                KefuChannelKind      channel,
                                const char          *external_id,
                                const char          *reason,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  EmailData *data = g_new0 (EmailData, 1);

  data->channel = channel;
  data->external_id = g_strdup (external_id);
  data->reason = g_strdup (reason ? reason : _("The receiving server returned the message."));
  kefu_store_write_async (self, record_bounce_job, data, (GDestroyNotify)email_data_free,
                          g_free, cancellable, callback, user_data);
}

/**
 * kefu_store_record_bounce_finish:
 *
 * Returns: the ticket of the bounced reply, 0 if no stored reply has that
 *   id, or -1 with @error set
 */
gint64
kefu_store_record_bounce_finish (KefuStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_id (self, result, error);
}
