/* kefu-store.c: the store interface, and the async calls built on its threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "kefu-store.h"

G_DEFINE_QUARK (kefu-store-error-quark, kefu_store_error)
G_DEFINE_INTERFACE (KefuStore, kefu_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The changes of the write job in progress; only the writer thread touches it. */
static GQuark pending_changes_quark;

typedef struct
{
  KefuStoreJob   job;
  gpointer       data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
} JobData;

static void
job_data_free (JobData *job_data)
{
  if (job_data->data_free != NULL)
    g_clear_pointer (&job_data->data, job_data->data_free);
  g_free (job_data);
}

static void
kefu_store_default_init (KefuStoreInterface *iface)
{
  pending_changes_quark = g_quark_from_static_string ("kefu-store-pending-changes");

  /**
   * KefuStore::changed:
   * @changes: what a committed write changed
   *
   * Emitted on the main thread after every write that changed something,
   * and in team mode when another desktop did.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, KEFU_TYPE_CHANGE_SET | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  JobData *job_data = task_data;
  g_autoptr (GError) error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;

  result = job_data->job (KEFU_STORE (source_object), job_data->data, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, job_data->result_free);
}

typedef struct
{
  KefuStore     *store;
  KefuChangeSet *changes;
} EmitData;

static void
emit_data_free (EmitData *emit_data)
{
  g_clear_object (&emit_data->store);
  g_clear_pointer (&emit_data->changes, kefu_change_set_free);
  g_free (emit_data);
}

static gboolean
emit_changed_cb (gpointer user_data)
{
  EmitData *emit_data = user_data;

  g_signal_emit (emit_data->store, signals[CHANGED], 0, emit_data->changes);

  return G_SOURCE_REMOVE;
}

/**
 * kefu_store_emit_changed:
 * @changes: (transfer none): what changed
 *
 * Announces @changes on the main thread. Called after a commit by the write
 * path, and by team stores when another desktop changed something.
 * Any thread.
 */
void
kefu_store_emit_changed (KefuStore     *self,
                         KefuChangeSet *changes)
{
  EmitData *emit_data;
  g_autoptr (GSource) source = NULL;

  g_return_if_fail (KEFU_IS_STORE (self));
  g_return_if_fail (changes != NULL);

  if (kefu_change_set_is_empty (changes))
    return;

  emit_data = g_new0 (EmitData, 1);
  emit_data->store = g_object_ref (self);
  emit_data->changes = kefu_change_set_copy (changes);
  /* Always through a source, never g_main_context_invoke(): invoke runs the
   * handler at once on a worker thread that happens to own the default
   * context, and handlers touch GTK. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_changed_cb, emit_data,
                         (GDestroyNotify)emit_data_free);
  g_source_set_static_name (source, "[kefu] store changed");
  g_source_attach (source, g_main_context_default ());
}

static KefuChangeSet *
steal_pending_changes (KefuStore *self)
{
  return g_object_steal_qdata (G_OBJECT (self), pending_changes_quark);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  KefuStore *self = KEFU_STORE (source_object);
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (self);
  JobData *job_data = task_data;
  g_autoptr (KefuChangeSet) changes = NULL;
  g_autoptr (GError) error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!iface->begin (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = job_data->job (self, job_data->data, cancellable, &error);
  if (error == NULL)
    iface->commit (self, &error);

  changes = steal_pending_changes (self);

  if (error != NULL)
    {
      iface->rollback (self);
      if (result != NULL && job_data->result_free != NULL)
        job_data->result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (changes != NULL)
    kefu_store_emit_changed (self, changes);

  g_task_return_pointer (task, result, job_data->result_free);
}

static void
run_job (KefuStore           *self,
         KefuStoreThread      thread,
         KefuStoreJob         job,
         gpointer             data,
         GDestroyNotify       data_free,
         GDestroyNotify       result_free,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  JobData *job_data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, run_job);
  job_data = g_new0 (JobData, 1);
  job_data->job = job;
  job_data->data = data;
  job_data->data_free = data_free;
  job_data->result_free = result_free;
  g_task_set_task_data (task, job_data, (GDestroyNotify)job_data_free);

  KEFU_STORE_GET_IFACE (self)->run (self, thread, task,
                                    thread == KEFU_STORE_THREAD_WRITE ? write_thread : read_thread);
}

/**
 * kefu_store_read_async:
 * @job: runs on a reader thread with its own connection
 * @data: (transfer full): the job's input, freed with @data_free
 * @result_free: frees the job's result if nobody takes it
 *
 * Runs @job on a reader thread. @job returns a non-%NULL result or sets its
 * error. Finish with kefu_store_job_finish().
 */
void
kefu_store_read_async (KefuStore           *self,
                       KefuStoreJob         job,
                       gpointer             data,
                       GDestroyNotify       data_free,
                       GDestroyNotify       result_free,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  run_job (self, KEFU_STORE_THREAD_READ, job, data, data_free, result_free,
           cancellable, callback, user_data);
}

/**
 * kefu_store_write_async:
 *
 * Runs @job on the writer thread inside one transaction: committed when it
 * returns without error, rolled back otherwise. What it noted with
 * kefu_store_note_change() is announced by #KefuStore::changed after the
 * commit. Finish with kefu_store_job_finish().
 */
void
kefu_store_write_async (KefuStore           *self,
                        KefuStoreJob         job,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  run_job (self, KEFU_STORE_THREAD_WRITE, job, data, data_free, result_free,
           cancellable, callback, user_data);
}

/**
 * kefu_store_job_finish:
 *
 * Returns: (transfer full): the job's result, or %NULL with @error set
 */
gpointer
kefu_store_job_finish (KefuStore     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
append_unique (GArray *ids,
               gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;
  g_array_append_val (ids, id);
}

/**
 * kefu_store_note_change:
 * @ticket_id: a ticket the running write job changed, or 0
 * @customer_id: a customer it changed, or 0
 *
 * Records what the running write job changed, for #KefuStore::changed.
 * Writer thread only.
 */
void
kefu_store_note_change (KefuStore     *self,
                        gint64         ticket_id,
                        gint64         customer_id)
{
  KefuChangeSet *changes;

  changes = g_object_get_qdata (G_OBJECT (self), pending_changes_quark);
  if (changes == NULL)
    {
      changes = kefu_change_set_new ();
      g_object_set_qdata_full (G_OBJECT (self), pending_changes_quark, changes,
                               (GDestroyNotify)kefu_change_set_free);
    }

  if (ticket_id > 0)
    append_unique (changes->ticket_ids, ticket_id);
  if (customer_id > 0)
    append_unique (changes->customer_ids, customer_id);
}

/**
 * kefu_store_note_everything_changed:
 *
 * Records that the running write job changed too much to list (an import).
 * Writer thread only.
 */
void
kefu_store_note_everything_changed (KefuStore *self)
{
  KefuChangeSet *changes;

  kefu_store_note_change (self, 0, 0);
  changes = g_object_get_qdata (G_OBJECT (self), pending_changes_quark);
  changes->everything = TRUE;
}

/**
 * kefu_store_note_config_changed:
 * @settings: a setting or the knowledge base changed
 * @accounts: a channel account was added, edited or removed
 *
 * Records what the running write job changed for the robot and the
 * channels (KefuRuntime). Writer thread only.
 */
void
kefu_store_note_config_changed (KefuStore *self,
                                gboolean   settings,
                                gboolean   accounts)
{
  KefuChangeSet *changes;

  kefu_store_note_change (self, 0, 0);
  changes = g_object_get_qdata (G_OBJECT (self), pending_changes_quark);
  changes->settings |= settings;
  changes->accounts |= accounts;
}

/* The named reads and edits: each is a small job plus its async pair. */

static gpointer
get_ticket_job (KefuStore     *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return KEFU_STORE_GET_IFACE (store)->get_ticket (store, *(gint64 *)data, error);
}

void
kefu_store_get_ticket_async (KefuStore           *self,
                             gint64               ticket_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  kefu_store_read_async (self, get_ticket_job, g_memdup2 (&ticket_id, sizeof ticket_id), g_free,
                         g_object_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_get_ticket_finish:
 *
 * Returns: (transfer full): the ticket, or %NULL with
 *   %KEFU_STORE_ERROR_NOT_FOUND
 */
KefuTicket *
kefu_store_get_ticket_finish (KefuStore     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
find_ticket_number_job (KefuStore     *store,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (store);
  gint64 number = *(gint64 *)data;
  gint64 ticket_id;
  GError *local_error = NULL;

  ticket_id = iface->lookup_ticket_number (store, number, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (ticket_id == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   "There is no ticket #%" PRId64 ".", number);
      return NULL;
    }

  return iface->get_ticket (store, ticket_id, error);
}

void
kefu_store_find_ticket_number_async (KefuStore           *self,
                                     gint64               number,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  kefu_store_read_async (self, find_ticket_number_job, g_memdup2 (&number, sizeof number), g_free,
                         g_object_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_find_ticket_number_finish:
 *
 * Returns: (transfer full): the ticket with that number, or %NULL with
 *   %KEFU_STORE_ERROR_NOT_FOUND
 */
KefuTicket *
kefu_store_find_ticket_number_finish (KefuStore     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

typedef struct
{
  KefuQuery     *query;
  KefuTicketKey  after;
  gboolean       has_after;
  guint          limit;
} ListData;

static void
list_data_free (ListData *list_data)
{
  g_clear_pointer (&list_data->query, kefu_query_free);
  g_free (list_data);
}

static ListData *
list_data_new (const KefuQuery     *query,
               const KefuTicketKey *after,
               guint                limit)
{
  ListData *list_data = g_new0 (ListData, 1);

  list_data->query = kefu_query_copy (query);
  if (after != NULL)
    {
      list_data->after = *after;
      list_data->has_after = TRUE;
    }
  list_data->limit = limit;

  return list_data;
}

static gpointer
list_ticket_spine_job (KefuStore     *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  ListData *list_data = data;

  return KEFU_STORE_GET_IFACE (store)->list_ticket_spine (store, list_data->query,
                                                          list_data->limit, error);
}

void
kefu_store_list_ticket_spine_async (KefuStore           *self,
                                    const KefuQuery     *query,
                                    guint                page_size,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (page_size > 0);

  kefu_store_read_async (self, list_ticket_spine_job, list_data_new (query, NULL, page_size),
                         (GDestroyNotify)list_data_free, (GDestroyNotify)kefu_ticket_spine_free,
                         cancellable, callback, user_data);
}

/**
 * kefu_store_list_ticket_spine_finish:
 *
 * Returns: (transfer full): the list's length and the key ending each page
 */
KefuTicketSpine *
kefu_store_list_ticket_spine_finish (KefuStore     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
list_tickets_job (KefuStore     *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  ListData *list_data = data;

  return KEFU_STORE_GET_IFACE (store)->list_tickets (store, list_data->query,
                                                     list_data->has_after ? &list_data->after : NULL,
                                                     list_data->limit, error);
}

/**
 * kefu_store_list_tickets_async:
 * @after: (nullable): the key of the row before the first one wanted
 *
 * Lists up to @limit tickets matching @query, newest activity first.
 */
void
kefu_store_list_tickets_async (KefuStore           *self,
                               const KefuQuery     *query,
                               const KefuTicketKey *after,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (query != NULL);

  kefu_store_read_async (self, list_tickets_job, list_data_new (query, after, limit),
                         (GDestroyNotify)list_data_free, (GDestroyNotify)g_ptr_array_unref,
                         cancellable, callback, user_data);
}

/**
 * kefu_store_list_tickets_finish:
 *
 * Returns: (transfer container) (element-type KefuTicket): the page
 */
GPtrArray *
kefu_store_list_tickets_finish (KefuStore     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
list_messages_job (KefuStore     *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return KEFU_STORE_GET_IFACE (store)->list_messages (store, *(gint64 *)data, error);
}

void
kefu_store_list_messages_async (KefuStore           *self,
                                gint64               ticket_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  kefu_store_read_async (self, list_messages_job, g_memdup2 (&ticket_id, sizeof ticket_id), g_free,
                         (GDestroyNotify)g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_list_messages_finish:
 *
 * Returns: (transfer container) (element-type KefuMessage): the ticket's
 *   timeline, oldest first
 */
GPtrArray *
kefu_store_list_messages_finish (KefuStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
get_customer_job (KefuStore     *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return KEFU_STORE_GET_IFACE (store)->get_customer (store, *(gint64 *)data, error);
}

void
kefu_store_get_customer_async (KefuStore           *self,
                               gint64               customer_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  kefu_store_read_async (self, get_customer_job, g_memdup2 (&customer_id, sizeof customer_id), g_free,
                         g_object_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_get_customer_finish:
 *
 * Returns: (transfer full): the customer with its identities
 */
KefuCustomer *
kefu_store_get_customer_finish (KefuStore     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

typedef struct
{
  char   *text;
  gint64  before_id;
  guint   limit;
} CustomersData;

static void
customers_data_free (CustomersData *customers_data)
{
  g_free (customers_data->text);
  g_free (customers_data);
}

static gpointer
list_customers_job (KefuStore     *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  CustomersData *customers_data = data;

  return KEFU_STORE_GET_IFACE (store)->list_customers (store, customers_data->text,
                                                       customers_data->before_id,
                                                       customers_data->limit, error);
}

/**
 * kefu_store_list_customers_async:
 * @text: (nullable): full-text filter over names, companies and identities
 * @before_id: list customers with a smaller id (0: from the newest)
 */
void
kefu_store_list_customers_async (KefuStore           *self,
                                 const char          *text,
                                 gint64               before_id,
                                 guint                limit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CustomersData *customers_data = g_new0 (CustomersData, 1);

  customers_data->text = g_strdup (text);
  customers_data->before_id = before_id;
  customers_data->limit = limit;
  kefu_store_read_async (self, list_customers_job, customers_data, (GDestroyNotify)customers_data_free,
                         (GDestroyNotify)g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_list_customers_finish:
 *
 * Returns: (transfer container) (element-type KefuCustomer): newest first
 */
GPtrArray *
kefu_store_list_customers_finish (KefuStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
list_agents_job (KefuStore     *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return KEFU_STORE_GET_IFACE (store)->list_agents (store, error);
}

void
kefu_store_list_agents_async (KefuStore           *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  kefu_store_read_async (self, list_agents_job, NULL, NULL, (GDestroyNotify)g_ptr_array_unref,
                         cancellable, callback, user_data);
}

/**
 * kefu_store_list_agents_finish:
 *
 * Returns: (transfer container) (element-type KefuAgent): every agent
 */
GPtrArray *
kefu_store_list_agents_finish (KefuStore     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
get_attachment_data_job (KefuStore     *store,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return KEFU_STORE_GET_IFACE (store)->get_attachment_data (store, data, error);
}

void
kefu_store_get_attachment_data_async (KefuStore           *self,
                                      const char          *hash,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  kefu_store_read_async (self, get_attachment_data_job, g_strdup (hash), g_free,
                         (GDestroyNotify)g_bytes_unref, cancellable, callback, user_data);
}

/**
 * kefu_store_get_attachment_data_finish:
 *
 * Returns: (transfer full): the attachment's content
 */
GBytes *
kefu_store_get_attachment_data_finish (KefuStore     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
update_ticket_job (KefuStore     *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (store);
  KefuTicketChange *change = data;
  g_autoptr (KefuTicket) ticket = NULL;

  if (!iface->update_ticket (store, change, g_get_real_time (), error))
    return NULL;

  ticket = iface->get_ticket (store, change->ticket_id, error);
  if (ticket == NULL)
    return NULL;

  kefu_store_note_change (store, change->ticket_id, kefu_ticket_get_customer_id (ticket));

  return g_steal_pointer (&ticket);
}

/**
 * kefu_store_update_ticket_async:
 * @change: the edit, with the version it was made against
 *
 * Applies @change unless the ticket moved on since @change's
 * expected_version: then the edit fails with %KEFU_STORE_ERROR_CONFLICT and
 * nothing is written.
 */
void
kefu_store_update_ticket_async (KefuStore              *self,
                                const KefuTicketChange *change,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  kefu_store_write_async (self, update_ticket_job, kefu_ticket_change_copy (change),
                          (GDestroyNotify)kefu_ticket_change_free, g_object_unref,
                          cancellable, callback, user_data);
}

/**
 * kefu_store_update_ticket_finish:
 *
 * Returns: (transfer full): the ticket as it is now
 */
KefuTicket *
kefu_store_update_ticket_finish (KefuStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
set_setting_job (KefuStore     *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  char **key_value = data;

  if (!KEFU_STORE_GET_IFACE (store)->set_setting (store, key_value[0], key_value[1], error))
    return NULL;
  kefu_store_note_config_changed (store, TRUE, FALSE);

  return GINT_TO_POINTER (TRUE);
}

/**
 * kefu_store_set_setting_async:
 * @value: (nullable): the new value, or %NULL to remove the setting
 */
void
kefu_store_set_setting_async (KefuStore           *self,
                              const char          *key,
                              const char          *value,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  char **key_value = g_new0 (char *, 3);

  g_return_if_fail (key != NULL);

  key_value[0] = g_strdup (key);
  key_value[1] = g_strdup (value);
  kefu_store_write_async (self, set_setting_job, key_value, (GDestroyNotify)g_strfreev, NULL,
                          cancellable, callback, user_data);
}

gboolean
kefu_store_set_setting_finish (KefuStore     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return kefu_store_job_finish (self, result, error) != NULL;
}

static gpointer
list_settings_job (KefuStore     *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return KEFU_STORE_GET_IFACE (store)->list_settings (store, error);
}

void
kefu_store_list_settings_async (KefuStore           *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  kefu_store_read_async (self, list_settings_job, NULL, NULL, (GDestroyNotify)g_hash_table_unref,
                         cancellable, callback, user_data);
}

/**
 * kefu_store_list_settings_finish:
 *
 * Returns: (transfer container) (element-type utf8 utf8): every setting
 */
GHashTable *
kefu_store_list_settings_finish (KefuStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}
