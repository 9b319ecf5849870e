/* kefu-sqlite-connection.c: one SQLite connection, its statements and its errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kefu-fts-tokenizer.h"
#include "kefu-sqlite-store-private.h"

/**
 * _kefu_sqlite_set_error:
 *
 * Turns a SQLite result code into a #KEFU_STORE_ERROR a person can act on.
 * Every SQLite failure in the store goes through here.
 *
 * Returns: %FALSE, so callers can `return _kefu_sqlite_set_error (…)`
 */
gboolean
_kefu_sqlite_set_error (sqlite3  *db,
                        int       rc,
                        GError  **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  g_debug ("SQLite error %d: %s", rc, detail);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_LOCKED,
                   _("The database is in use by another program. Close the other program and try again."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT,
                   _("The database is damaged or is not a Kefu database. Restore it from a backup."));
      break;
    case SQLITE_FULL:
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                   _("The disk is full. Free some space and try again."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                   _("The database cannot be written. Check the permissions of the file and its folder."));
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                   _("The database cannot be opened. Check that its folder exists and can be written."));
      break;
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("The database refused a value (%s)."), detail);
      break;
    case SQLITE_NOMEM:
    case SQLITE_IOERR:
    default:
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                   _("The database could not be read or written (%s). Check the disk and try again."),
                   detail);
      break;
    }

  return FALSE;
}

void
_kefu_sqlite_stmt_release (KefuSqliteStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/**
 * _kefu_sqlite_connection_open:
 * @flags: SQLITE_OPEN_READONLY or SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
 *   and SQLITE_OPEN_URI when @path is one
 *
 * Opens a connection with Kefu's settings and its search tokenizer. The
 * connection belongs to the calling thread from now on.
 */
KefuSqliteConnection *
_kefu_sqlite_connection_open (const char  *path,
                              int          flags,
                              GError     **error)
{
  KefuSqliteConnection *conn;
  g_autoptr (GError) local_error = NULL;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      _kefu_sqlite_set_error (db, rc, error);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, KEFU_SQLITE_BUSY_TIMEOUT);
  sqlite3_extended_result_codes (db, TRUE);

  if (!kefu_fts_tokenizer_register (db, &local_error))
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                   _("Search cannot work: %s"), local_error->message);
      sqlite3_close (db);
      return NULL;
    }

  conn = g_new0 (KefuSqliteConnection, 1);
  conn->db = db;
  conn->read_only = (flags & SQLITE_OPEN_READONLY) != 0;
  conn->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)sqlite3_finalize);

  return conn;
}

void
_kefu_sqlite_connection_close (KefuSqliteConnection *conn)
{
  if (conn == NULL)
    return;

  g_clear_pointer (&conn->statements, g_hash_table_unref);
  sqlite3_close (conn->db);
  g_free (conn);
}

/**
 * _kefu_sqlite_prepare:
 *
 * Returns: (transfer none): the statement for @sql, prepared once per
 *   connection; release it with g_autoptr (KefuSqliteStmt)
 */
KefuSqliteStmt *
_kefu_sqlite_prepare (KefuSqliteConnection  *conn,
                      const char            *sql,
                      GError               **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (conn->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      g_assert (!sqlite3_stmt_busy (stmt));
      return stmt;
    }

  rc = sqlite3_prepare_v3 (conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  g_hash_table_insert (conn->statements, g_strdup (sql), stmt);

  return stmt;
}

gboolean
_kefu_sqlite_exec (KefuSqliteConnection  *conn,
                   const char            *sql,
                   GError               **error)
{
  int rc = sqlite3_exec (conn->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _kefu_sqlite_set_error (conn->db, rc, error);

  return TRUE;
}

gboolean
_kefu_sqlite_step_done (KefuSqliteConnection  *conn,
                        KefuSqliteStmt        *stmt,
                        GError               **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _kefu_sqlite_set_error (conn->db, rc, error);

  return TRUE;
}

void
_kefu_sqlite_bind_text (KefuSqliteStmt *stmt,
                        int             column,
                        const char     *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

/* Ids of 0 mean "none" in the model and NULL in the database. */
void
_kefu_sqlite_bind_id (KefuSqliteStmt *stmt,
                      int             column,
                      gint64          id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, id);
}

void
_kefu_sqlite_bind_nick (KefuSqliteStmt *stmt,
                        int             column,
                        GType           enum_type,
                        int             value)
{
  sqlite3_bind_text (stmt, column, kefu_enum_to_nick (enum_type, value), -1, SQLITE_STATIC);
}

const char *
_kefu_sqlite_column_text (KefuSqliteStmt *stmt,
                          int             column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

/* A nick the database holds but this Kefu does not know reads as @fallback:
 * a value from the database never aborts. */
int
_kefu_sqlite_column_nick (KefuSqliteStmt *stmt,
                          int             column,
                          GType           enum_type,
                          int             fallback)
{
  int value = fallback;

  kefu_enum_from_nick (enum_type, _kefu_sqlite_column_text (stmt, column), &value);

  return value;
}
