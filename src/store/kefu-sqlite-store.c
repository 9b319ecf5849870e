/* kefu-sqlite-store.c: KefuStore on a local SQLite file: threads, opening, transactions.
 *
 * One writer thread owns the write connection and runs write jobs in order;
 * three reader threads each own a read-only connection (WAL lets them read
 * while the writer writes). Both pools are exclusive: threads of GLib's
 * shared pool move between pools, and a connection must stay on its thread.
 * The vfuncs live in kefu-sqlite-store-{tickets,customers,messages}.c,
 * backup and restore in kefu-sqlite-store-backup.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kefu-sqlite-store-private.h"

#define N_READERS (3)

struct _KefuSqliteStore
{
  GObject parent_instance;

  /* owned */
  char                 *path;
  int                   schema_version;
  GMutex                pools_lock;       /* guards writer_pool, reader_pool, closed */
  GThreadPool          *writer_pool;
  GThreadPool          *reader_pool;
  gboolean              closed;
  KefuSqliteConnection *writer;           /* used on the writer thread only */
  GMutex                readers_lock;     /* guards readers */
  GPtrArray            *readers;          /* KefuSqliteConnection, one per reader thread */
};

static void kefu_sqlite_store_iface_init (KefuStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KefuSqliteStore, kefu_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KEFU_TYPE_STORE, kefu_sqlite_store_iface_init))

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
 * whose finalize waits for the pools: it must never be dropped on a pool
 * thread, so it goes back to the task's main context. */
static void
job_free (Job *job)
{
  GSource *source = g_idle_source_new ();
  GMainContext *context = g_task_get_context (job->task);

  g_source_set_callback (source, unref_task_cb, job->task, NULL);
  g_source_set_static_name (source, "[kefu] store job done");
  g_source_attach (source, context);
  g_source_unref (source);
  g_free (job);
}

static void
job_run (Job *job)
{
  GTask *task = job->task;

  job->func (task, g_task_get_source_object (task), g_task_get_task_data (task),
             g_task_get_cancellable (task));
}

static void
writer_thread (gpointer data,
               gpointer user_data)
{
  KefuSqliteStore *self = user_data;
  Job *job = data;

  g_private_set (&current_connection, self->writer);
  job_run (job);
  g_private_set (&current_connection, NULL);
  job_free (job);
}

static void
reader_thread (gpointer data,
               gpointer user_data)
{
  KefuSqliteStore *self = user_data;
  KefuSqliteConnection *conn = g_private_get (&current_connection);
  Job *job = data;

  /* Reader threads belong to this store's exclusive pool for their whole
   * life, so the connection opened here stays theirs. */
  if (conn == NULL)
    {
      GError *error = NULL;

      conn = _kefu_sqlite_connection_open (self->path, SQLITE_OPEN_READONLY, &error);
      if (conn == NULL)
        {
          g_task_return_error (job->task, error);
          job_free (job);
          return;
        }
      sqlite3_exec (conn->db, "PRAGMA query_only = ON", NULL, NULL, NULL);

      g_mutex_lock (&self->readers_lock);
      g_ptr_array_add (self->readers, conn);
      g_mutex_unlock (&self->readers_lock);
      g_private_set (&current_connection, conn);
    }

  job_run (job);
  job_free (job);
}

static void
push_job (KefuSqliteStore *self,
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
 * _kefu_sqlite_store_get_connection:
 *
 * Returns: (transfer none): the connection of the calling store thread
 */
KefuSqliteConnection *
_kefu_sqlite_store_get_connection (KefuSqliteStore *self)
{
  KefuSqliteConnection *conn = g_private_get (&current_connection);

  g_assert (conn != NULL);

  return conn;
}

static void
kefu_sqlite_store_run (KefuStore       *store,
                       KefuStoreThread  thread,
                       GTask           *task,
                       GTaskThreadFunc  func)
{
  push_job (KEFU_SQLITE_STORE (store), thread, task, func);
}

static gboolean
run_statement (KefuSqliteStore  *self,
               const char       *sql,
               GError          **error)
{
  KefuSqliteConnection *conn = _kefu_sqlite_store_get_connection (self);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

  return stmt != NULL && _kefu_sqlite_step_done (conn, stmt, error);
}

static gboolean
kefu_sqlite_store_begin (KefuStore  *store,
                         GError    **error)
{
  return run_statement (KEFU_SQLITE_STORE (store), "BEGIN IMMEDIATE", error);
}

static gboolean
kefu_sqlite_store_commit (KefuStore  *store,
                          GError    **error)
{
  return run_statement (KEFU_SQLITE_STORE (store), "COMMIT", error);
}

static void
kefu_sqlite_store_rollback (KefuStore *store)
{
  KefuSqliteConnection *conn = _kefu_sqlite_store_get_connection (KEFU_SQLITE_STORE (store));

  if (!sqlite3_get_autocommit (conn->db))
    sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);
}

static void
kefu_sqlite_store_iface_init (KefuStoreInterface *iface)
{
  iface->run = kefu_sqlite_store_run;
  iface->begin = kefu_sqlite_store_begin;
  iface->commit = kefu_sqlite_store_commit;
  iface->rollback = kefu_sqlite_store_rollback;

  _kefu_sqlite_store_tickets_init (iface);
  _kefu_sqlite_store_customers_init (iface);
  _kefu_sqlite_store_messages_init (iface);
  _kefu_sqlite_store_email_init (iface);
  _kefu_sqlite_store_kb_init (iface);
  _kefu_sqlite_store_inbox_init (iface);
  _kefu_sqlite_store_reports_init (iface);
}

static void
kefu_sqlite_store_finalize (GObject *object)
{
  KefuSqliteStore *self = (KefuSqliteStore *)object;

  kefu_sqlite_store_close (self);

  g_clear_pointer (&self->readers, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->pools_lock);
  g_mutex_clear (&self->readers_lock);

  G_OBJECT_CLASS (kefu_sqlite_store_parent_class)->finalize (object);
}

static void
kefu_sqlite_store_class_init (KefuSqliteStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kefu_sqlite_store_finalize;
}

static void
kefu_sqlite_store_init (KefuSqliteStore *self)
{
  g_mutex_init (&self->pools_lock);
  g_mutex_init (&self->readers_lock);
  self->readers = g_ptr_array_new ();
}

/**
 * kefu_sqlite_store_default_path:
 *
 * Returns: (transfer full): where Kefu keeps its database unless told otherwise
 */
char *
kefu_sqlite_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "kefu", "kefu.db", NULL);
}

/* Runs on the writer thread: nothing has written to the file before this. */
static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KefuSqliteStore *self = task_data;
  g_autofree char *dir = g_path_get_dirname (self->path);
  KefuSqliteConnection *conn;
  GError *error = NULL;
  int version = 0;

  if (!_kefu_sqlite_inspect (self->path, FALSE, &version, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_task_return_new_error (task, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                               _("The folder “%s” cannot be created: %s"),
                               display, g_strerror (saved_errno));
      return;
    }

  conn = _kefu_sqlite_connection_open (self->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error);
  if (conn == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!_kefu_sqlite_exec (conn, "PRAGMA journal_mode = WAL", &error) ||
      !_kefu_sqlite_exec (conn, "PRAGMA foreign_keys = ON", &error) ||
      !_kefu_sqlite_exec (conn, "PRAGMA synchronous = NORMAL", &error) ||
      !_kefu_sqlite_migrate (conn, &version, &error))
    {
      _kefu_sqlite_connection_close (conn);
      g_task_return_error (task, error);
      return;
    }

  self->writer = conn;
  self->schema_version = version;
  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

/**
 * kefu_sqlite_store_open_async:
 * @path: the database file; created when missing
 *
 * Opens the database at @path, creating it or bringing its schema up to
 * date. A file that is not a Kefu database, is damaged, was written by a
 * newer Kefu or is locked by another program is refused (see
 * #KefuStoreError) and left exactly as it was.
 */
void
kefu_sqlite_store_open_async (const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (KefuSqliteStore) self = NULL;
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_sqlite_store_open_async);

  self = g_object_new (KEFU_TYPE_SQLITE_STORE, NULL);
  self->path = g_canonicalize_filename (path, NULL);
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
 * kefu_sqlite_store_open_finish:
 *
 * Returns: (transfer full): the open store, or %NULL with @error set
 */
KefuSqliteStore *
kefu_sqlite_store_open_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kefu_sqlite_store_get_path:
 *
 * Returns: (transfer none): the absolute path of the database file. Any thread.
 */
const char *
kefu_sqlite_store_get_path (KefuSqliteStore *self)
{
  g_return_val_if_fail (KEFU_IS_SQLITE_STORE (self), NULL);

  return self->path;
}

/**
 * kefu_sqlite_store_get_schema_version:
 *
 * Returns: the schema version of the open database (PRAGMA user_version)
 */
int
kefu_sqlite_store_get_schema_version (KefuSqliteStore *self)
{
  g_return_val_if_fail (KEFU_IS_SQLITE_STORE (self), 0);

  return self->schema_version;
}

/**
 * kefu_sqlite_store_close:
 *
 * Waits for the jobs already queued, stops the store's threads and closes
 * its connections. Later calls fail with %KEFU_STORE_ERROR_IO. Main thread;
 * never from a store job.
 */
void
kefu_sqlite_store_close (KefuSqliteStore *self)
{
  GThreadPool *writer_pool;
  GThreadPool *reader_pool;

  g_return_if_fail (KEFU_IS_SQLITE_STORE (self));

  g_mutex_lock (&self->pools_lock);
  writer_pool = g_steal_pointer (&self->writer_pool);
  reader_pool = g_steal_pointer (&self->reader_pool);
  self->closed = TRUE;
  g_mutex_unlock (&self->pools_lock);

  /* Readers first: a write job never waits on a read, but both finish
   * what was queued before the connections go. */
  if (reader_pool != NULL)
    g_thread_pool_free (reader_pool, FALSE, TRUE);
  if (writer_pool != NULL)
    g_thread_pool_free (writer_pool, FALSE, TRUE);

  g_mutex_lock (&self->readers_lock);
  for (guint i = 0; self->readers != NULL && i < self->readers->len; i++)
    _kefu_sqlite_connection_close (g_ptr_array_index (self->readers, i));
  if (self->readers != NULL)
    g_ptr_array_set_size (self->readers, 0);
  g_mutex_unlock (&self->readers_lock);

  /* The last connection to close checkpoints the WAL into the file. */
  g_clear_pointer (&self->writer, _kefu_sqlite_connection_close);
}
