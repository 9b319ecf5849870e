/* kefu-pg-store.c: KefuStore on a shared PostgreSQL database: threads, opening, transactions.
 *
 * One writer thread owns the write connection and runs write jobs in order;
 * two reader threads each own a connection of their own. Both pools are
 * exclusive, so a connection never changes thread. A connection the server
 * dropped is reconnected before the next job. The vfuncs live in
 * kefu-pg-store-{tickets,customers,messages,email,kb,inbox,reports,merge,search}.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kefu-pg-store-private.h"

#define N_READERS (2)

struct _KefuPgStore
{
  GObject parent_instance;

  /* owned */
  char             *conninfo;         /* may hold a password: never logged */
  int               schema_version;
  GMutex            pools_lock;       /* guards writer_pool, reader_pool, closed */
  GThreadPool      *writer_pool;
  GThreadPool      *reader_pool;
  gboolean          closed;
  KefuPgConnection *writer;           /* used on the writer thread only */
  GMutex            readers_lock;     /* guards readers */
  GPtrArray        *readers;          /* KefuPgConnection, one per reader thread */
};

static void kefu_pg_store_iface_init (KefuStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KefuPgStore, kefu_pg_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KEFU_TYPE_STORE, kefu_pg_store_iface_init))

/* The connection of the store thread running now (reader or writer). */
static GPrivate current_connection;

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Job;

static gboolean
unref_task_cb (gpointer user_data)
{
  g_object_unref (user_data);

  return G_SOURCE_REMOVE;
}

/* The last reference to a task may hold the last reference to the store,
 * whose finalize waits for the pools: it goes back to the task's context. */
static void
job_free (Job *job)
{
  GSource *source = g_idle_source_new ();
  GMainContext *context = g_task_get_context (job->task);

  g_source_set_callback (source, unref_task_cb, job->task, NULL);
  g_source_set_static_name (source, "[kefu] pg store job done");
  g_source_attach (source, context);
  g_source_unref (source);
  g_free (job);
}

static void
job_run (Job              *job,
         KefuPgConnection *conn)
{
  GTask *task = job->task;
  GError *error = NULL;

  if (!_kefu_pg_connection_check (conn, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  job->func (task, g_task_get_source_object (task), g_task_get_task_data (task),
             g_task_get_cancellable (task));
}

static void
writer_thread (gpointer data,
               gpointer user_data)
{
  KefuPgStore *self = user_data;
  Job *job = data;

  /* The open job runs before there is a writer connection. */
  if (self->writer == NULL)
    {
      job->func (job->task, g_task_get_source_object (job->task),
                 g_task_get_task_data (job->task), g_task_get_cancellable (job->task));
      job_free (job);
      return;
    }

  g_private_set (&current_connection, self->writer);
  job_run (job, self->writer);
  g_private_set (&current_connection, NULL);
  job_free (job);
}

static void
reader_thread (gpointer data,
               gpointer user_data)
{
  KefuPgStore *self = user_data;
  KefuPgConnection *conn = g_private_get (&current_connection);
  Job *job = data;

  if (conn == NULL)
    {
      GError *error = NULL;

      conn = _kefu_pg_connection_open (self->conninfo, &error);
      if (conn == NULL)
        {
          g_task_return_error (job->task, error);
          job_free (job);
          return;
        }

      g_mutex_lock (&self->readers_lock);
      g_ptr_array_add (self->readers, conn);
      g_mutex_unlock (&self->readers_lock);
      g_private_set (&current_connection, conn);
    }

  job_run (job, conn);
  job_free (job);
}

static void
push_job (KefuPgStore     *self,
          KefuStoreThread  thread,
          GTask           *task,
          GTaskThreadFunc  func)
{
  g_autoptr (GError) error = NULL;
  Job *job;

  g_mutex_lock (&self->pools_lock);

  if (self->closed)
    {
      g_mutex_unlock (&self->pools_lock);
      g_task_return_new_error (task, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                               _("The database is closed."));
      return;
    }

  job = g_new0 (Job, 1);
  job->task = g_object_ref (task);
  job->func = func;
  g_thread_pool_push (thread == KEFU_STORE_THREAD_WRITE ? self->writer_pool : self->reader_pool,
                      job, &error);

  g_mutex_unlock (&self->pools_lock);

  if (error != NULL)
    {
      g_task_return_new_error (task, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                               _("The database cannot start a thread: %s"), error->message);
      g_object_unref (job->task);
      g_free (job);
    }
}

/**
 * _kefu_pg_store_get_connection:
 *
 * Returns: (transfer none): the connection of the calling store thread
 */
KefuPgConnection *
_kefu_pg_store_get_connection (KefuPgStore *self)
{
  KefuPgConnection *conn = g_private_get (&current_connection);

  g_assert (conn != NULL);

  return conn;
}

static void
kefu_pg_store_run (KefuStore       *store,
                   KefuStoreThread  thread,
                   GTask           *task,
                   GTaskThreadFunc  func)
{
  push_job (KEFU_PG_STORE (store), thread, task, func);
}

static gboolean
kefu_pg_store_begin (KefuStore  *store,
                     GError    **error)
{
  KefuPgConnection *conn = _kefu_pg_store_get_connection (KEFU_PG_STORE (store));

  return _kefu_pg_exec_script (conn, "BEGIN", error);
}

static gboolean
kefu_pg_store_commit (KefuStore  *store,
                      GError    **error)
{
  KefuPgConnection *conn = _kefu_pg_store_get_connection (KEFU_PG_STORE (store));

  return _kefu_pg_exec_script (conn, "COMMIT", error);
}

static void
kefu_pg_store_rollback (KefuStore *store)
{
  KefuPgConnection *conn = _kefu_pg_store_get_connection (KEFU_PG_STORE (store));

  if (PQtransactionStatus (conn->conn) != PQTRANS_IDLE)
    _kefu_pg_exec_script (conn, "ROLLBACK", NULL);
}

static void
kefu_pg_store_iface_init (KefuStoreInterface *iface)
{
  iface->run = kefu_pg_store_run;
  iface->begin = kefu_pg_store_begin;
  iface->commit = kefu_pg_store_commit;
  iface->rollback = kefu_pg_store_rollback;

  _kefu_pg_store_tickets_init (iface);
  _kefu_pg_store_customers_init (iface);
  _kefu_pg_store_messages_init (iface);
  _kefu_pg_store_email_init (iface);
  _kefu_pg_store_kb_init (iface);
  _kefu_pg_store_inbox_init (iface);
  _kefu_pg_store_reports_init (iface);
  _kefu_pg_store_merge_init (iface);
  _kefu_pg_store_search_init (iface);
}

static void
kefu_pg_store_finalize (GObject *object)
{
  KefuPgStore *self = (KefuPgStore *)object;

  kefu_pg_store_close (self);

  g_clear_pointer (&self->readers, g_ptr_array_unref);
  if (self->conninfo != NULL)
    memset (self->conninfo, 0, strlen (self->conninfo));
  g_clear_pointer (&self->conninfo, g_free);
  g_mutex_clear (&self->pools_lock);
  g_mutex_clear (&self->readers_lock);

  G_OBJECT_CLASS (kefu_pg_store_parent_class)->finalize (object);
}

static void
kefu_pg_store_class_init (KefuPgStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kefu_pg_store_finalize;
}

static void
kefu_pg_store_init (KefuPgStore *self)
{
  g_mutex_init (&self->pools_lock);
  g_mutex_init (&self->readers_lock);
  self->readers = g_ptr_array_new ();
}

/**
 * kefu_pg_store_is_uri:
 * @location: what --db or the settings name
 *
 * Returns: whether @location names a PostgreSQL database (a postgresql://
 *   or postgres:// URI) rather than a SQLite file
 */
gboolean
kefu_pg_store_is_uri (const char *location)
{
  return location != NULL &&
         (g_ascii_strncasecmp (location, "postgresql://", strlen ("postgresql://")) == 0 ||
          g_ascii_strncasecmp (location, "postgres://", strlen ("postgres://")) == 0);
}

/* Runs on the writer thread: connects and migrates. */
static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KefuPgStore *self = task_data;
  KefuPgConnection *conn;
  GError *error = NULL;
  int version = 0;

  conn = _kefu_pg_connection_open (self->conninfo, &error);
  if (conn == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!_kefu_pg_migrate (conn, &version, &error))
    {
      _kefu_pg_connection_close (conn);
      g_task_return_error (task, error);
      return;
    }

  self->writer = conn;
  self->schema_version = version;
  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

/**
 * kefu_pg_store_open_async:
 * @conninfo: a libpq connection string or postgresql:// URI
 *
 * Connects to the team database, creating Kefu's schema in an empty
 * database or bringing it up to date. A database that is not Kefu's, or
 * was written by a newer Kefu, is refused (see #KefuStoreError) and left as
 * it was. The password comes from libpq (PGPASSWORD, ~/.pgpass or
 * @conninfo); Kefu never logs or stores it.
 */
void
kefu_pg_store_open_async (const char          *conninfo,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (KefuPgStore) self = NULL;
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (conninfo != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_pg_store_open_async);

  self = g_object_new (KEFU_TYPE_PG_STORE, NULL);
  self->conninfo = g_strdup (conninfo);
  self->writer_pool = g_thread_pool_new (writer_thread, self, 1, TRUE, &error);
  if (self->writer_pool != NULL)
    self->reader_pool = g_thread_pool_new (reader_thread, self, N_READERS, TRUE, &error);
  if (error != NULL)
    {
      g_task_return_new_error (task, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                               _("The database cannot start a thread: %s"), error->message);
      g_clear_error (&error);
      return;
    }

  g_task_set_task_data (task, g_object_ref (self), g_object_unref);
  push_job (self, KEFU_STORE_THREAD_WRITE, task, open_thread);
}

/**
 * kefu_pg_store_open_finish:
 *
 * Returns: (transfer full): the open store, or %NULL with @error set
 */
KefuPgStore *
kefu_pg_store_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kefu_pg_store_get_schema_version:
 *
 * Returns: the schema version of the open database (kefu_migrations)
 */
int
kefu_pg_store_get_schema_version (KefuPgStore *self)
{
  g_return_val_if_fail (KEFU_IS_PG_STORE (self), 0);

  return self->schema_version;
}

/**
 * kefu_pg_store_get_newest_version:
 *
 * Returns: the schema version this Kefu writes on PostgreSQL
 */
int
kefu_pg_store_get_newest_version (void)
{
  return _kefu_pg_migrations_newest ();
}

/**
 * kefu_pg_store_close:
 *
 * Waits for the jobs already queued, stops the store's threads and closes
 * its connections. Later calls fail with %KEFU_STORE_ERROR_IO. Main thread;
 * never from a store job.
 */
void
kefu_pg_store_close (KefuPgStore *self)
{
  GThreadPool *writer_pool;
  GThreadPool *reader_pool;

  g_return_if_fail (KEFU_IS_PG_STORE (self));

  g_mutex_lock (&self->pools_lock);
  writer_pool = g_steal_pointer (&self->writer_pool);
  reader_pool = g_steal_pointer (&self->reader_pool);
  self->closed = TRUE;
  g_mutex_unlock (&self->pools_lock);

  if (reader_pool != NULL)
    g_thread_pool_free (reader_pool, FALSE, TRUE);
  if (writer_pool != NULL)
    g_thread_pool_free (writer_pool, FALSE, TRUE);

  g_mutex_lock (&self->readers_lock);
  for (guint i = 0; self->readers != NULL && i < self->readers->len; i++)
    _kefu_pg_connection_close (g_ptr_array_index (self->readers, i));
  if (self->readers != NULL)
    g_ptr_array_set_size (self->readers, 0);
  g_mutex_unlock (&self->readers_lock);

  g_clear_pointer (&self->writer, _kefu_pg_connection_close);
}
