/* kefu-sqlite-store-backup.c: online backups of the database, and restoring one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "kefu-sqlite-store-private.h"

/* Pages copied per step, between cancellation checks. */
#define BACKUP_STEP_PAGES (1024)
/* How long a restore waits for the database it replaces, in milliseconds. */
#define RESTORE_LOCK_TIMEOUT (200)

static gboolean
set_io_error (int          saved_errno,
              const char  *format,
              const char  *path,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO, format,
               display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
fsync_path (const char  *path,
            gboolean     directory,
            GError     **error)
{
  int fd = g_open (path, directory ? O_RDONLY | O_DIRECTORY : O_RDWR, 0);
  int saved_errno;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      return set_io_error (saved_errno, _("“%s” could not be saved to disk: %s"), path, error);
    }

  close (fd);

  return TRUE;
}

/* Copies every page of @source into @destination. */
static gboolean
copy_database (sqlite3       *source,
               sqlite3       *destination,
               GCancellable  *cancellable,
               GError       **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (destination, "main", source, "main");
  int rc;

  if (backup == NULL)
    return _kefu_sqlite_set_error (destination, sqlite3_errcode (destination), error);

  do
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          sqlite3_backup_finish (backup);
          return !g_cancellable_set_error_if_cancelled (cancellable, error);
        }
      rc = sqlite3_backup_step (backup, BACKUP_STEP_PAGES);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    return _kefu_sqlite_set_error (destination, rc, error);

  return TRUE;
}

/* Copies @source into the file at @path, which must exist and be empty. */
static gboolean
write_copy (sqlite3       *source,
            const char    *path,
            GCancellable  *cancellable,
            GError       **error)
{
  sqlite3 *destination = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (path, &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      _kefu_sqlite_set_error (destination, rc, error);
      sqlite3_close (destination);
      return FALSE;
    }

  ok = copy_database (source, destination, cancellable, error);
  rc = sqlite3_close (destination);
  if (ok && rc != SQLITE_OK)
    ok = _kefu_sqlite_set_error (NULL, rc, error);

  return ok && fsync_path (path, FALSE, error);
}

/* Reader thread: a consistent snapshot, while the writer goes on writing. */
static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KefuSqliteConnection *conn = _kefu_sqlite_store_get_connection (source_object);
  const char *destination = task_data;
  GError *error = NULL;
  int fd;

  /* O_EXCL: an existing file is never overwritten, even by a race. */
  fd = g_open (destination, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (destination);

      if (saved_errno == EEXIST)
        g_task_return_new_error (task, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                                 _("“%s” already exists. Choose another name for the backup."),
                                 display);
      else
        g_task_return_new_error (task, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                                 _("The backup “%s” cannot be created: %s"),
                                 display, g_strerror (saved_errno));
      return;
    }
  close (fd);

  if (!write_copy (conn->db, destination, cancellable, &error))
    {
      g_unlink (destination);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * kefu_sqlite_store_backup_async:
 * @destination: a file that does not exist yet
 *
 * Writes a consistent copy of the database to @destination while the store
 * stays in use. An existing @destination is refused, never overwritten.
 */
void
kefu_sqlite_store_backup_async (KefuSqliteStore     *self,
                                const char          *destination,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (KEFU_IS_SQLITE_STORE (self));
  g_return_if_fail (destination != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_sqlite_store_backup_async);
  g_task_set_task_data (task, g_strdup (destination), g_free);
  KEFU_STORE_GET_IFACE (self)->run (KEFU_STORE (self), KEFU_STORE_THREAD_READ, task, backup_thread);
}

/**
 * kefu_sqlite_store_backup_finish:
 *
 * Returns: %TRUE when the backup is complete and on disk; otherwise %FALSE
 *   with %KEFU_STORE_ERROR_INVALID (the destination exists) or
 *   %KEFU_STORE_ERROR_IO, and no file left behind
 */
gboolean
kefu_sqlite_store_backup_finish (KefuSqliteStore  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char *backup;
  char *path;
} RestoreData;

static void
restore_data_free (RestoreData *restore_data)
{
  g_free (restore_data->backup);
  g_free (restore_data->path);
  g_free (restore_data);
}

/* Opens @backup read-only and checks it is a whole Kefu database. */
static KefuSqliteConnection *
open_valid_backup (const char  *backup,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (backup);
  g_autofree char *absolute = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *immutable_uri = NULL;
  g_autoptr (GError) local_error = NULL;
  KefuSqliteConnection *conn;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int version = 0;
  int rc;

  if (!_kefu_sqlite_inspect (backup, TRUE, &version, &local_error) || version == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR,
                   local_error ? local_error->code : KEFU_STORE_ERROR_CORRUPT,
                   _("“%s” is not a usable Kefu backup: %s"), display,
                   local_error ? local_error->message : _("it is empty."));
      return NULL;
    }

  absolute = g_canonicalize_filename (backup, NULL);
  uri = g_filename_to_uri (absolute, NULL, NULL);
  immutable_uri = g_strconcat (uri, "?immutable=1", NULL);
  conn = _kefu_sqlite_connection_open (immutable_uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error);
  if (conn == NULL)
    return NULL;

  rc = sqlite3_prepare_v2 (conn->db, "PRAGMA integrity_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (!ok)
    {
      _kefu_sqlite_connection_close (conn);
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT,
                   _("The backup “%s” is damaged. Choose another backup."), display);
      return NULL;
    }

  return conn;
}

/* A running Kefu keeps its database open; in WAL mode every open connection
 * holds a shared lock on the file, so an exclusive lock fails while one
 * runs. A damaged file in the way is no reason to refuse: it is replaced. */
static gboolean
check_not_in_use (const char  *path,
                  GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, RESTORE_LOCK_TIMEOUT);
      rc = sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                             " SELECT count (*) FROM sqlite_schema;", NULL, NULL, NULL);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
  sqlite3_close (db);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_LOCKED,
                   _("“%s” is in use by a running Kefu. Quit Kefu, then restore the backup."),
                   display);
      return FALSE;
    case SQLITE_OK:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return TRUE;
    default:
      return _kefu_sqlite_set_error (NULL, rc, error);
    }
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreData *restore_data = task_data;
  g_autofree char *dir = g_path_get_dirname (restore_data->path);
  g_autofree char *temp_path = g_build_filename (dir, ".kefu-restore-XXXXXX", NULL);
  KefuSqliteConnection *conn;
  GError *error = NULL;
  int fd;

  conn = open_valid_backup (restore_data->backup, &error);
  if (conn == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!check_not_in_use (restore_data->path, &error))
    {
      _kefu_sqlite_connection_close (conn);
      g_task_return_error (task, error);
      return;
    }

  /* The copy is made beside the target and renamed over it: the target is
   * either the old database or the whole backup, never half of one. */
  fd = g_mkstemp_full (temp_path, O_RDWR, 0600);
  if (fd < 0)
    {
      set_io_error (errno, _("The database cannot be restored into “%s”: %s"), dir, &error);
      _kefu_sqlite_connection_close (conn);
      g_task_return_error (task, error);
      return;
    }
  close (fd);

  if (!write_copy (conn->db, temp_path, cancellable, &error))
    {
      _kefu_sqlite_connection_close (conn);
      g_unlink (temp_path);
      g_task_return_error (task, error);
      return;
    }
  _kefu_sqlite_connection_close (conn);

  /* The old database's write-ahead log must not be replayed into the new one. */
  for (guint i = 0; i < 3; i++)
    {
      static const char *const suffixes[] = { "-wal", "-shm", "-journal" };
      g_autofree char *stale = g_strconcat (restore_data->path, suffixes[i], NULL);

      g_unlink (stale);
    }

  if (g_rename (temp_path, restore_data->path) != 0)
    {
      set_io_error (errno, _("The database “%s” cannot be replaced: %s"), restore_data->path, &error);
      g_unlink (temp_path);
      g_task_return_error (task, error);
      return;
    }

  if (!fsync_path (dir, TRUE, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * kefu_sqlite_store_restore_async:
 * @backup: a backup made by kefu_sqlite_store_backup_async()
 * @path: the database to replace (or create)
 *
 * Replaces the database at @path with @backup, atomically. Refused, with
 * @path untouched, when @backup is not a whole Kefu database of a schema
 * this Kefu knows, or when a running Kefu has @path open.
 */
void
kefu_sqlite_store_restore_async (const char          *backup,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  RestoreData *restore_data;

  g_return_if_fail (backup != NULL);
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_sqlite_store_restore_async);
  restore_data = g_new0 (RestoreData, 1);
  restore_data->backup = g_strdup (backup);
  restore_data->path = g_strdup (path);
  g_task_set_task_data (task, restore_data, (GDestroyNotify)restore_data_free);

  /* One job with no store behind it: no chain can starve GLib's pool. */
  g_task_run_in_thread (task, restore_thread);
}

/**
 * kefu_sqlite_store_restore_finish:
 *
 * Returns: %TRUE when @path now holds the backup; otherwise %FALSE with
 *   %KEFU_STORE_ERROR_CORRUPT or %KEFU_STORE_ERROR_NEWER_SCHEMA (the backup
 *   is refused), %KEFU_STORE_ERROR_LOCKED (Kefu has @path open) or
 *   %KEFU_STORE_ERROR_IO, and @path as it was
 */
gboolean
kefu_sqlite_store_restore_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
