/* kefu-store-inbox.c: what the inbox keeps besides tickets: canned replies,
 * snoozes, and customer edits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "kefu-store-inbox.h"

#define STORE_IFACE(store) KEFU_STORE_GET_IFACE (store)

typedef struct
{
  gint64  id;
  char   *title;
  char   *body;
} CannedData;

static void
canned_data_free (CannedData *data)
{
  g_free (data->title);
  g_free (data->body);
  g_free (data);
}

static gboolean
check_implemented (KefuStore  *store,
                   gpointer    vfunc,
                   GError    **error)
{
  if (vfunc != NULL)
    return TRUE;

  g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
               _("This database does not keep canned replies."));
  return FALSE;
}

static gpointer
list_canned_replies_job (KefuStore     *store,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  if (!check_implemented (store, STORE_IFACE (store)->list_canned_replies, error))
    return NULL;

  return STORE_IFACE (store)->list_canned_replies (store, error);
}

/**
 * kefu_store_list_canned_replies_async:
 *
 * Lists the canned replies, by title.
 */
void
kefu_store_list_canned_replies_async (KefuStore           *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  kefu_store_read_async (self, list_canned_replies_job, NULL, NULL,
                         (GDestroyNotify)g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_list_canned_replies_finish:
 *
 * Returns: (transfer full) (element-type KefuCannedReply): the replies
 */
GPtrArray *
kefu_store_list_canned_replies_finish (KefuStore     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
save_canned_reply_job (KefuStore     *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  CannedData *canned = data;
  gint64 id;

  if (!check_implemented (store, STORE_IFACE (store)->save_canned_reply, error))
    return NULL;

  id = STORE_IFACE (store)->save_canned_reply (store, canned->id, canned->title, canned->body,
                                               g_get_real_time (), error);
  if (id <= 0)
    return NULL;

  return STORE_IFACE (store)->get_canned_reply (store, id, error);
}

/**
 * kefu_store_save_canned_reply_async:
 * @id: the reply to change, or 0 for a new one
 *
 * Stores a canned reply. A title or body that is empty or too long fails
 * with %KEFU_STORE_ERROR_INVALID.
 */
void
kefu_store_save_canned_reply_async (KefuStore           *self,
                                    gint64               id,
                                    const char          *title,
                                    const char          *body,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  CannedData *data;

  g_return_if_fail (KEFU_IS_STORE (self));

  data = g_new0 (CannedData, 1);
  data->id = id;
  data->title = g_strdup (title);
  data->body = g_strdup (body);
  kefu_store_write_async (self, save_canned_reply_job, data, (GDestroyNotify)canned_data_free,
                          g_object_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_save_canned_reply_finish:
 *
 * Returns: (transfer full): the reply as stored
 */
KefuCannedReply *
kefu_store_save_canned_reply_finish (KefuStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
delete_canned_reply_job (KefuStore     *store,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  if (!check_implemented (store, STORE_IFACE (store)->delete_canned_reply, error))
    return NULL;

  if (!STORE_IFACE (store)->delete_canned_reply (store, *(gint64 *)data, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

void
kefu_store_delete_canned_reply_async (KefuStore           *self,
                                      gint64               id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  kefu_store_write_async (self, delete_canned_reply_job, g_memdup2 (&id, sizeof id), g_free,
                          NULL, cancellable, callback, user_data);
}

gboolean
kefu_store_delete_canned_reply_finish (KefuStore     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return kefu_store_job_finish (self, result, error) != NULL;
}

typedef struct
{
  gint64 ticket_id;
  gint64 expected_version;
  gint64 agent_id;
  gint64 until;
} SnoozeData;

static gpointer
snooze_ticket_job (KefuStore     *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  KefuStoreInterface *iface = STORE_IFACE (store);
  SnoozeData *snooze = data;
  g_autoptr (KefuTicketChange) change = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autofree char *detail = NULL;
  gint64 now = g_get_real_time ();

  if (!check_implemented (store, iface->set_snooze, error))
    return NULL;
  if (snooze->until > 0 && snooze->until <= now)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("That time has already passed. Choose a time in the future."));
      return NULL;
    }

  /* Snoozed, a ticket waits as pending; unsnoozed, it is open again. */
  change = kefu_ticket_change_new (snooze->ticket_id, snooze->expected_version);
  change->what = KEFU_TICKET_CHANGE_STATUS;
  change->status = snooze->until > 0 ? KEFU_TICKET_STATUS_PENDING : KEFU_TICKET_STATUS_OPEN;
  change->agent_id = snooze->agent_id;
  if (!iface->update_ticket (store, change, now, error) ||
      !iface->set_snooze (store, snooze->ticket_id, snooze->until, now, error))
    return NULL;

  detail = snooze->until > 0 ? g_strdup_printf ("%" PRId64, snooze->until) : NULL;
  if (iface->insert_event (store, snooze->ticket_id, snooze->agent_id,
                           snooze->until > 0 ? "snooze" : "unsnooze", detail, now, error) <= 0)
    return NULL;

  ticket = iface->get_ticket (store, snooze->ticket_id, error);
  if (ticket == NULL)
    return NULL;

  kefu_store_note_change (store, snooze->ticket_id, kefu_ticket_get_customer_id (ticket));

  return g_steal_pointer (&ticket);
}

/**
 * kefu_store_snooze_ticket_async:
 * @expected_version: the version the person saw; 0 does not check
 * @agent_id: who snoozes it, for the ticket's history; 0: nobody
 * @until: when it comes back (µs since the epoch), or 0 to wake it now
 *
 * Snoozes a ticket: it waits as pending, out of the Inbox, until @until;
 * kefu_store_wake_snoozes_async() then opens it again. Refused with
 * %KEFU_STORE_ERROR_CONFLICT like any edit of a ticket someone else changed.
 */
void
kefu_store_snooze_ticket_async (KefuStore           *self,
                                gint64               ticket_id,
                                gint64               expected_version,
                                gint64               agent_id,
                                gint64               until,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  SnoozeData *data;

  g_return_if_fail (KEFU_IS_STORE (self));
  g_return_if_fail (until >= 0);

  data = g_new0 (SnoozeData, 1);
  data->ticket_id = ticket_id;
  data->expected_version = expected_version;
  data->agent_id = agent_id;
  data->until = until;
  kefu_store_write_async (self, snooze_ticket_job, data, g_free, g_object_unref,
                          cancellable, callback, user_data);
}

/**
 * kefu_store_snooze_ticket_finish:
 *
 * Returns: (transfer full): the ticket as it is now
 */
KefuTicket *
kefu_store_snooze_ticket_finish (KefuStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
get_snooze_job (KefuStore     *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  gint64 until;

  if (!check_implemented (store, STORE_IFACE (store)->get_snooze, error))
    return NULL;

  until = STORE_IFACE (store)->get_snooze (store, *(gint64 *)data, error);
  if (until < 0)
    return NULL;

  return g_memdup2 (&until, sizeof until);
}

void
kefu_store_get_snooze_async (KefuStore           *self,
                             gint64               ticket_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  kefu_store_read_async (self, get_snooze_job, g_memdup2 (&ticket_id, sizeof ticket_id), g_free,
                         g_free, cancellable, callback, user_data);
}

/**
 * kefu_store_get_snooze_finish:
 *
 * Returns: when the ticket comes back, 0 if it is not snoozed, or -1 with
 *   @error set
 */
gint64
kefu_store_get_snooze_finish (KefuStore     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autofree gint64 *until = kefu_store_job_finish (self, result, error);

  return until != NULL ? *until : -1;
}

static gpointer
wake_snoozes_job (KefuStore     *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  KefuStoreInterface *iface = STORE_IFACE (store);
  gint64 now = *(gint64 *)data;
  g_autoptr (GArray) due = NULL;

  if (!check_implemented (store, iface->list_due_snoozes, error))
    return NULL;

  due = iface->list_due_snoozes (store, now, error);
  if (due == NULL)
    return NULL;

  for (guint i = 0; i < due->len; i++)
    {
      gint64 ticket_id = g_array_index (due, gint64, i);
      g_autoptr (KefuTicket) ticket = iface->get_ticket (store, ticket_id, error);

      if (ticket == NULL)
        return NULL;

      /* A customer who wrote meanwhile already reopened it; only the
       * snooze goes then. */
      if (kefu_ticket_get_status (ticket) == KEFU_TICKET_STATUS_PENDING)
        {
          g_autoptr (KefuTicketChange) change = kefu_ticket_change_new (ticket_id, 0);

          change->what = KEFU_TICKET_CHANGE_STATUS;
          change->status = KEFU_TICKET_STATUS_OPEN;
          if (!iface->update_ticket (store, change, now, error) ||
              iface->insert_event (store, ticket_id, 0, "woke", NULL, now, error) <= 0)
            return NULL;
        }
      if (!iface->set_snooze (store, ticket_id, 0, now, error))
        return NULL;

      kefu_store_note_change (store, ticket_id, kefu_ticket_get_customer_id (ticket));
    }

  return g_steal_pointer (&due);
}

/**
 * kefu_store_wake_snoozes_async:
 * @now: the time to wake for (µs since the epoch); usually g_get_real_time()
 *
 * Opens again every snoozed ticket whose time has come, in one transaction.
 */
void
kefu_store_wake_snoozes_async (KefuStore           *self,
                               gint64               now,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  kefu_store_write_async (self, wake_snoozes_job, g_memdup2 (&now, sizeof now), g_free,
                          (GDestroyNotify)g_array_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_wake_snoozes_finish:
 *
 * Returns: (transfer full) (element-type gint64): the tickets woken
 */
GArray *
kefu_store_wake_snoozes_finish (KefuStore     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

typedef struct
{
  gint64  customer_id;
  char   *name;
  char   *company;
  char   *notes;
} CustomerData;

static void
customer_data_free (CustomerData *data)
{
  g_free (data->name);
  g_free (data->company);
  g_free (data->notes);
  g_free (data);
}

static gpointer
update_customer_job (KefuStore     *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  CustomerData *customer = data;

  if (!check_implemented (store, STORE_IFACE (store)->update_customer, error))
    return NULL;
  if (!STORE_IFACE (store)->update_customer (store, customer->customer_id, customer->name,
                                             customer->company, customer->notes,
                                             g_get_real_time (), error))
    return NULL;

  kefu_store_note_change (store, 0, customer->customer_id);

  return STORE_IFACE (store)->get_customer (store, customer->customer_id, error);
}

/**
 * kefu_store_update_customer_async:
 * @company: (nullable): the company, or %NULL or "" for none
 * @notes: (nullable): the agents' notes, or %NULL or "" for none
 *
 * Changes a customer's name, company and notes. An empty name fails with
 * %KEFU_STORE_ERROR_INVALID.
 */
void
kefu_store_update_customer_async (KefuStore           *self,
                                  gint64               customer_id,
                                  const char          *name,
                                  const char          *company,
                                  const char          *notes,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CustomerData *data;

  g_return_if_fail (KEFU_IS_STORE (self));

  data = g_new0 (CustomerData, 1);
  data->customer_id = customer_id;
  data->name = g_strdup (name);
  data->company = g_strdup (company);
  data->notes = g_strdup (notes);
  kefu_store_write_async (self, update_customer_job, data, (GDestroyNotify)customer_data_free,
                          g_object_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_update_customer_finish:
 *
 * Returns: (transfer full): the customer as stored now
 */
KefuCustomer *
kefu_store_update_customer_finish (KefuStore     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}
