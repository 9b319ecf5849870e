/* kefu-store-inbox-merge.c: merging tickets and customers, a ticket's events,
 * and the global search, as the inbox asks for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kefu-store-inbox.h"

#define STORE_IFACE(store) KEFU_STORE_GET_IFACE (store)

/* Search answers as you type: a handful of each kind is enough. */
#define MAX_SEARCH_LIMIT 50

typedef struct
{
  gint64 source_id;
  gint64 target_id;
  gint64 agent_id;
} MergeData;

static gboolean
check_implemented (gpointer   vfunc,
                   GError   **error)
{
  if (vfunc != NULL)
    return TRUE;

  g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
               _("This database cannot merge or search yet. Upgrade Kefu and try again."));
  return FALSE;
}

static gpointer
id_result (gint64 id)
{
  if (id <= 0)
    return NULL;

  return g_memdup2 (&id, sizeof id);
}

static gint64
id_finish (KefuStore     *self,
           GAsyncResult  *result,
           GError       **error)
{
  g_autofree gint64 *id = kefu_store_job_finish (self, result, error);

  return id != NULL ? *id : 0;
}

static void
merge_async (KefuStore           *self,
             KefuStoreJob         job,
             gint64               source_id,
             gint64               target_id,
             gint64               agent_id,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  MergeData *data = g_new0 (MergeData, 1);

  data->source_id = source_id;
  data->target_id = target_id;
  data->agent_id = agent_id;
  kefu_store_write_async (self, job, data, g_free, g_free, cancellable, callback, user_data);
}

static gpointer
merge_tickets_job (KefuStore     *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  MergeData *merge = data;

  if (!check_implemented (STORE_IFACE (store)->merge_tickets, error))
    return NULL;
  if (merge->source_id == merge->target_id)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("A ticket cannot be merged into itself. Choose another ticket."));
      return NULL;
    }

  return id_result (STORE_IFACE (store)->merge_tickets (store, merge->source_id, merge->target_id,
                                                        merge->agent_id, g_get_real_time (), error));
}

/**
 * kefu_store_merge_tickets_async:
 * @source_id: the ticket merged away: its messages move, it is closed
 * @target_id: the ticket that keeps the conversation
 * @agent_id: who merges, for both tickets' history; 0: nobody
 *
 * Moves the messages and thread keys of @source_id into @target_id, adds
 * its tags to @target_id, and closes @source_id with an event naming
 * @target_id. Later mail in the source's thread lands in the target.
 */
void
kefu_store_merge_tickets_async (KefuStore           *self,
                                gint64               source_id,
                                gint64               target_id,
                                gint64               agent_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  merge_async (self, merge_tickets_job, source_id, target_id, agent_id, cancellable, callback, user_data);
}

/**
 * kefu_store_merge_tickets_finish:
 *
 * Returns: the merge's id, for kefu_store_unmerge_tickets_async(); 0 on error
 */
gint64
kefu_store_merge_tickets_finish (KefuStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return id_finish (self, result, error);
}

static gpointer
unmerge_tickets_job (KefuStore     *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  MergeData *merge = data;

  if (!check_implemented (STORE_IFACE (store)->unmerge_tickets, error))
    return NULL;

  return id_result (STORE_IFACE (store)->unmerge_tickets (store, merge->source_id, g_get_real_time (), error));
}

/**
 * kefu_store_unmerge_tickets_async:
 * @merge_id: what kefu_store_merge_tickets_finish() returned
 *
 * Undoes a ticket merge: the messages that moved go back, and the source
 * ticket has its status again. Messages that arrived since stay.
 */
void
kefu_store_unmerge_tickets_async (KefuStore           *self,
                                  gint64               merge_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  merge_async (self, unmerge_tickets_job, merge_id, 0, 0, cancellable, callback, user_data);
}

/**
 * kefu_store_unmerge_tickets_finish:
 *
 * Returns: the id of the ticket separated again; 0 on error
 */
gint64
kefu_store_unmerge_tickets_finish (KefuStore     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return id_finish (self, result, error);
}

static gpointer
merge_customers_job (KefuStore     *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  MergeData *merge = data;

  if (!check_implemented (STORE_IFACE (store)->merge_customers, error))
    return NULL;
  if (merge->source_id == merge->target_id)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("A customer cannot be merged with themselves. Choose another customer."));
      return NULL;
    }

  return id_result (STORE_IFACE (store)->merge_customers (store, merge->source_id, merge->target_id,
                                                          g_get_real_time (), error));
}

/**
 * kefu_store_merge_customers_async:
 * @source_id: the customer merged away
 * @target_id: the customer that keeps everything
 *
 * Moves the addresses, numbers, chat visitors and tickets of @source_id to
 * @target_id, adds its notes to the target's, and removes @source_id. The
 * merge is kept so that kefu_store_unmerge_customers_async() can separate
 * the two again.
 */
void
kefu_store_merge_customers_async (KefuStore           *self,
                                  gint64               source_id,
                                  gint64               target_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  merge_async (self, merge_customers_job, source_id, target_id, 0, cancellable, callback, user_data);
}

/**
 * kefu_store_merge_customers_finish:
 *
 * Returns: the merge's id; 0 on error
 */
gint64
kefu_store_merge_customers_finish (KefuStore     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return id_finish (self, result, error);
}

static gpointer
unmerge_customers_job (KefuStore     *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  MergeData *merge = data;

  if (!check_implemented (STORE_IFACE (store)->unmerge_customers, error))
    return NULL;

  return id_result (STORE_IFACE (store)->unmerge_customers (store, merge->source_id, g_get_real_time (), error));
}

/**
 * kefu_store_unmerge_customers_async:
 * @merge_id: a merge from kefu_store_list_customer_merges_async()
 *
 * Separates a merged customer again, with the same id, profile, addresses
 * and tickets it had before the merge.
 */
void
kefu_store_unmerge_customers_async (KefuStore           *self,
                                    gint64               merge_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  merge_async (self, unmerge_customers_job, merge_id, 0, 0, cancellable, callback, user_data);
}

/**
 * kefu_store_unmerge_customers_finish:
 *
 * Returns: the id of the customer separated again; 0 on error
 */
gint64
kefu_store_unmerge_customers_finish (KefuStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return id_finish (self, result, error);
}

static gpointer
list_customer_merges_job (KefuStore     *store,
                          gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  if (!check_implemented (STORE_IFACE (store)->list_customer_merges, error))
    return NULL;

  return STORE_IFACE (store)->list_customer_merges (store, *(gint64 *) data, error);
}

/**
 * kefu_store_list_customer_merges_async:
 *
 * Lists the customers merged into @customer_id, newest first.
 */
void
kefu_store_list_customer_merges_async (KefuStore           *self,
                                       gint64               customer_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  kefu_store_read_async (self, list_customer_merges_job, g_memdup2 (&customer_id, sizeof customer_id), g_free,
                         (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_list_customer_merges_finish:
 *
 * Returns: (transfer full) (element-type KefuCustomerMerge): the merges
 */
GPtrArray *
kefu_store_list_customer_merges_finish (KefuStore     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
list_merge_suggestions_job (KefuStore     *store,
                            gpointer       data,
                            GCancellable  *cancellable,
                            GError       **error)
{
  if (!check_implemented (STORE_IFACE (store)->list_merge_suggestions, error))
    return NULL;

  return STORE_IFACE (store)->list_merge_suggestions (store, *(gint64 *) data, error);
}

/**
 * kefu_store_list_merge_suggestions_async:
 *
 * Lists the customers who may be the same person as @customer_id: one
 * whose address the customer gave in chat (or who gave the customer's in
 * chat), one with the same phone number, one with the same name on
 * another channel.
 */
void
kefu_store_list_merge_suggestions_async (KefuStore           *self,
                                         gint64               customer_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  kefu_store_read_async (self, list_merge_suggestions_job, g_memdup2 (&customer_id, sizeof customer_id), g_free,
                         (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_list_merge_suggestions_finish:
 *
 * Returns: (transfer full) (element-type KefuMergeSuggestion): the suggestions
 */
GPtrArray *
kefu_store_list_merge_suggestions_finish (KefuStore     *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
list_events_job (KefuStore     *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  if (!check_implemented (STORE_IFACE (store)->list_events, error))
    return NULL;

  return STORE_IFACE (store)->list_events (store, *(gint64 *) data, error);
}

/**
 * kefu_store_list_events_async:
 *
 * Lists a ticket's events (assigned, status changed, merged, snoozed…),
 * oldest first.
 */
void
kefu_store_list_events_async (KefuStore           *self,
                              gint64               ticket_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  kefu_store_read_async (self, list_events_job, g_memdup2 (&ticket_id, sizeof ticket_id), g_free,
                         (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_list_events_finish:
 *
 * Returns: (transfer full) (element-type KefuTicketEvent): the events
 */
GPtrArray *
kefu_store_list_events_finish (KefuStore     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

typedef struct
{
  KefuSearchQuery *query;
  guint            limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  kefu_search_query_free (data->query);
  g_free (data);
}

static gpointer
search_job (KefuStore     *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  SearchData *search = data;

  if (!check_implemented (STORE_IFACE (store)->search, error))
    return NULL;
  /* Typing on has made this answer stale: skip the work. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (kefu_search_query_is_empty (search->query))
    return kefu_search_results_new ();

  return STORE_IFACE (store)->search (store, search->query, search->limit, error);
}

/**
 * kefu_store_search_async:
 * @query: from kefu_search_query_parse()
 * @limit: how many tickets, messages and customers at most (each)
 *
 * Searches tickets, messages and customers at once. Runs on a reader
 * thread; cancel it when the person types on.
 */
void
kefu_store_search_async (KefuStore             *self,
                         const KefuSearchQuery *query,
                         guint                  limit,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  SearchData *data;

  g_return_if_fail (KEFU_IS_STORE (self));
  g_return_if_fail (query != NULL);

  data = g_new0 (SearchData, 1);
  data->query = kefu_search_query_copy (query);
  data->limit = CLAMP (limit, 1, MAX_SEARCH_LIMIT);
  kefu_store_read_async (self, search_job, data, (GDestroyNotify) search_data_free,
                         (GDestroyNotify) kefu_search_results_free, cancellable, callback, user_data);
}

/**
 * kefu_store_search_finish:
 *
 * Returns: (transfer full): the results
 */
KefuSearchResults *
kefu_store_search_finish (KefuStore     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}
