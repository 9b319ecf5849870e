/* kefu-pg-migrations.c: checking a PostgreSQL database and bringing its schema up to date.
 *
 * Migrations are numbered SQL resources (pg/NNNN-name.sql) mirroring the
 * SQLite ones by number, forward only; each runs in its own transaction
 * together with its row in kefu_migrations. A session advisory lock is held
 * from the first look to the last migration, so two desktops starting
 * together migrate once: the second waits, then finds nothing to do.
 * A database with tables but no kefu_migrations, or with a newer schema,
 * is refused without being touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kefu-pg-store-private.h"
#include "kefu-store-migrations-private.h"

#define MIGRATIONS_PATH "/io/github/kefu/Kefu/store/pg"

/**
 * _kefu_pg_migrations_newest:
 *
 * Returns: the schema version this Kefu writes on PostgreSQL
 */
int
_kefu_pg_migrations_newest (void)
{
  static gsize newest_plus_one;

  return _kefu_store_migrations_newest (MIGRATIONS_PATH, &newest_plus_one);
}

/* Reads the schema version: 0 for an empty database. */
static gboolean
inspect (KefuPgConnection  *conn,
         int               *version,
         GError           **error)
{
  static const char sql[] =
    "SELECT to_regclass ('kefu_migrations') IS NOT NULL,"
    " (SELECT count (*) FROM pg_catalog.pg_class c"
    "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    "  WHERE n.nspname = current_schema () AND c.relkind IN ('r', 'v', 'm', 'p', 'f'))";
  static const char version_sql[] = "SELECT coalesce (max (version), 0) FROM kefu_migrations";
  g_autoptr (PGresult) result = _kefu_pg_query (conn, sql, NULL, error);
  g_autofree char *database = NULL;

  if (result == NULL)
    return FALSE;

  if (strcmp (PQgetvalue (result, 0, 0), "t") != 0)
    {
      if (_kefu_pg_int (result, 0, 1) == 0)
        {
          *version = 0;
          return TRUE;
        }
      database = g_strdup (PQdb (conn->conn));
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT,
                   _("The database “%s” already holds tables that are not Kefu’s. Choose an empty database for the team."),
                   database);
      return FALSE;
    }

  *version = (int)_kefu_pg_query_id (conn, version_sql, NULL, error);

  return error == NULL || *error == NULL;
}

static gboolean
apply (KefuPgConnection          *conn,
       const KefuStoreMigration  *migration,
       GError                   **error)
{
  static const char record_sql[] =
    "INSERT INTO kefu_migrations (version, name, applied_at) VALUES ($1, $2, $3)";
  g_autofree char *path = g_build_path ("/", MIGRATIONS_PATH, migration->name, NULL);
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  GError *local_error = NULL;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                   _("Kefu is missing its database migration %s: %s"),
                   migration->name, local_error->message);
      g_clear_error (&local_error);
      return FALSE;
    }
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_debug ("Applying PostgreSQL migration %s", migration->name);
  _kefu_pg_param_int (&params, migration->version);
  _kefu_pg_param_text (&params, migration->name);
  _kefu_pg_param_int (&params, g_get_real_time ());

  if (!_kefu_pg_exec_script (conn, "BEGIN", error))
    return FALSE;
  if (!_kefu_pg_exec_script (conn, sql, error) ||
      !_kefu_pg_exec (conn, record_sql, &params, error) ||
      !_kefu_pg_exec_script (conn, "COMMIT", error))
    {
      _kefu_pg_exec_script (conn, "ROLLBACK", NULL);
      g_prefix_error (error, _("The database could not be brought up to date (%s): "), migration->name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate_locked (KefuPgConnection  *conn,
                int               *version,
                GError           **error)
{
  static const char create_sql[] =
    "CREATE TABLE IF NOT EXISTS kefu_migrations ("
    " version    INTEGER PRIMARY KEY,"
    " name       TEXT    NOT NULL,"
    " applied_at BIGINT  NOT NULL)";
  g_autoptr (GArray) migrations = _kefu_store_migrations_list (MIGRATIONS_PATH);
  int newest = _kefu_pg_migrations_newest ();

  if (!inspect (conn, version, error))
    return FALSE;

  if (*version > newest)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NEWER_SCHEMA,
                   _("This team database was written by a newer version of Kefu (schema %d; this version understands up to %d). Update Kefu on this computer to join the team."),
                   *version, newest);
      return FALSE;
    }

  if (*version == 0 && !_kefu_pg_exec_script (conn, create_sql, error))
    return FALSE;

  for (guint i = 0; i < migrations->len; i++)
    {
      const KefuStoreMigration *migration = &g_array_index (migrations, KefuStoreMigration, i);

      if (migration->version <= *version)
        continue;
      if (!apply (conn, migration, error))
        return FALSE;
      *version = migration->version;
    }

  return TRUE;
}

/**
 * _kefu_pg_migrate:
 * @version: (out): the schema version afterwards
 *
 * Brings the database's schema up to date under the migration lock.
 * Writer connection only.
 */
gboolean
_kefu_pg_migrate (KefuPgConnection  *conn,
                  int               *version,
                  GError           **error)
{
  g_auto (KefuPgParams) params = { 0 };
  gboolean ok;

  _kefu_pg_param_int (&params, KEFU_PG_MIGRATION_LOCK);
  if (!_kefu_pg_exec (conn, "SELECT pg_advisory_lock ($1)", &params, error))
    return FALSE;

  ok = migrate_locked (conn, version, error);

  _kefu_pg_exec (conn, "SELECT pg_advisory_unlock ($1)", &params, NULL);

  return ok;
}
