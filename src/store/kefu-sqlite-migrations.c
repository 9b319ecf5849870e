/* kefu-sqlite-migrations.c: checking a database file and bringing its schema up to date.
 *
 * Migrations are numbered SQL resources (migrations/NNNN-name.sql), forward
 * only; each runs in its own transaction together with PRAGMA user_version.
 * A file is inspected read-only before anything writes to it, so a foreign,
 * damaged or newer database is refused without being touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kefu-sqlite-store-private.h"
#include "kefu-store-migrations-private.h"
#include "kefu-store-resources.h"

#define MIGRATIONS_PATH "/io/github/kefu/Kefu/store/migrations"

/**
 * _kefu_sqlite_migrations_newest:
 *
 * Returns: the schema version this Kefu writes
 */
int
_kefu_sqlite_migrations_newest (void)
{
  static gsize newest_plus_one;

  return _kefu_store_migrations_newest (MIGRATIONS_PATH, &newest_plus_one);
}

static gboolean
query_int (KefuSqliteConnection  *conn,
           const char            *sql,
           gint64                *value,
           GError               **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (conn->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }

  _kefu_sqlite_set_error (conn->db, rc, error);
  sqlite3_finalize (stmt);

  return FALSE;
}

static gboolean
set_newer_schema_error (int      version,
                        GError **error)
{
  g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NEWER_SCHEMA,
               _("This database was written by a newer version of Kefu (schema %d; this version understands up to %d). Update Kefu to open it."),
               version, _kefu_sqlite_migrations_newest ());
  return FALSE;
}

static gboolean
set_not_kefu_error (const char  *path,
                    GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT,
               _("“%s” is not a Kefu database. Choose another file, or move it away to start a new one."),
               display);
  return FALSE;
}

/**
 * _kefu_sqlite_inspect:
 * @immutable: open @path as an immutable file (a backup nobody writes)
 * @version: (out): the file's schema version, 0 for an empty file
 *
 * Checks, reading only, that @path is a Kefu database this Kefu can open:
 * a SQLite file, with Kefu's application id (or empty), and a schema that is
 * not newer than ours. A missing or empty file passes with version 0.
 */
gboolean
_kefu_sqlite_inspect (const char  *path,
                      gboolean     immutable,
                      int         *version,
                      GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  KefuSqliteConnection *conn;
  g_autofree char *absolute = NULL;
  g_autofree char *uri = NULL;
  char header[100];
  GStatBuf st;
  gint64 application_id = 0;
  gint64 user_version = 0;
  gint64 n_tables = 0;
  gboolean ok;
  FILE *file;
  gsize n_read;

  *version = 0;

  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                   _("The database cannot be read: %s"), g_strerror (errno));
      return FALSE;
    }
  if (st.st_size == 0)
    return TRUE;

  /* The header says whether this is SQLite at all, before SQLite opens it. */
  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                   _("The database cannot be read: %s"), g_strerror (errno));
      return FALSE;
    }
  n_read = fread (header, 1, sizeof header, file);
  fclose (file);
  if (n_read < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    return set_not_kefu_error (path, error);

  /* URIs need an absolute path. */
  absolute = g_canonicalize_filename (path, NULL);
  uri = g_filename_to_uri (absolute, NULL, NULL);
  if (uri == NULL)
    return set_not_kefu_error (path, error);
  if (immutable)
    {
      g_autofree char *plain = g_steal_pointer (&uri);
      uri = g_strconcat (plain, "?immutable=1", NULL);
    }

  conn = _kefu_sqlite_connection_open (uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error);
  if (conn == NULL)
    return FALSE;

  ok = query_int (conn, "PRAGMA application_id", &application_id, error) &&
       query_int (conn, "PRAGMA user_version", &user_version, error) &&
       query_int (conn, "SELECT count(*) FROM sqlite_schema", &n_tables, error);
  _kefu_sqlite_connection_close (conn);
  if (!ok)
    return FALSE;

  if (application_id != KEFU_SQLITE_APPLICATION_ID && (application_id != 0 || n_tables > 0))
    return set_not_kefu_error (path, error);
  if (user_version > _kefu_sqlite_migrations_newest ())
    return set_newer_schema_error ((int)CLAMP (user_version, 0, G_MAXINT), error);
  if (user_version < 0)
    return set_not_kefu_error (path, error);

  *version = (int)user_version;

  return TRUE;
}

static gboolean
apply_migration (KefuSqliteConnection      *conn,
                 const KefuStoreMigration  *migration,
                 GError                   **error)
{
  g_autofree char *resource_path = g_build_path ("/", MIGRATIONS_PATH, migration->name, NULL);
  g_autofree char *pragmas = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  gint64 current = 0;
  GError *local_error = NULL;

  bytes = g_resource_lookup_data (kefu_store_get_resource (), resource_path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                   "Migration %s is missing: %s", migration->name, local_error->message);
      g_clear_error (&local_error);
      return FALSE;
    }
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* BEGIN IMMEDIATE takes the write lock first, so two Kefus starting at
   * once cannot both migrate; the version is read again under the lock. */
  if (!_kefu_sqlite_exec (conn, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!query_int (conn, "PRAGMA user_version", &current, error))
    goto failed;
  if (current > _kefu_sqlite_migrations_newest ())
    {
      set_newer_schema_error ((int)CLAMP (current, 0, G_MAXINT), error);
      goto failed;
    }
  if (current >= migration->version)
    return _kefu_sqlite_exec (conn, "COMMIT", error);

  g_debug ("Applying migration %s", migration->name);
  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                             KEFU_SQLITE_APPLICATION_ID, migration->version);
  if (!_kefu_sqlite_exec (conn, sql, error) ||
      !_kefu_sqlite_exec (conn, pragmas, error) ||
      !_kefu_sqlite_exec (conn, "COMMIT", error))
    goto failed;

  return TRUE;

failed:
  sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * _kefu_sqlite_migrate:
 * @conn: the write connection
 * @version: (out): the schema version afterwards
 *
 * Applies every migration the database has not seen. Also proves that the
 * database can be written now: a database another program holds is
 * reported as %KEFU_STORE_ERROR_LOCKED here rather than on the first save.
 */
gboolean
_kefu_sqlite_migrate (KefuSqliteConnection  *conn,
                      int                   *version,
                      GError               **error)
{
  g_autoptr (GArray) migrations = _kefu_store_migrations_list (MIGRATIONS_PATH);
  gint64 current = 0;

  if (!_kefu_sqlite_exec (conn, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!query_int (conn, "PRAGMA user_version", &current, error))
    {
      sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (!_kefu_sqlite_exec (conn, "COMMIT", error))
    return FALSE;
  if (current > _kefu_sqlite_migrations_newest ())
    return set_newer_schema_error ((int)CLAMP (current, 0, G_MAXINT), error);

  for (guint i = 0; i < migrations->len; i++)
    {
      const KefuStoreMigration *migration = &g_array_index (migrations, KefuStoreMigration, i);

      if (migration->version <= current)
        continue;
      if (!apply_migration (conn, migration, error))
        return FALSE;
    }

  *version = _kefu_sqlite_migrations_newest ();

  return TRUE;
}
