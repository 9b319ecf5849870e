/* kefu-store-harness.c: the store a conformance test runs against: SQLite or PostgreSQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "kefu-store-harness.h"

gboolean
kefu_store_harness_is_pg (void)
{
  return g_getenv ("KEFU_TEST_PG") != NULL;
}

const char *
kefu_store_harness_backend (void)
{
  return kefu_store_harness_is_pg () ? "postgresql" : "sqlite";
}

static PGconn *
connect_or_fail (const char *conninfo)
{
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect to the test PostgreSQL (%s): %s", conninfo, PQerrorMessage (conn));

  return conn;
}

/* Runs @sql on @conninfo; any failure fails the test. */
void
kefu_store_harness_admin_exec (const char *conninfo,
                               const char *sql)
{
  PGconn *conn = connect_or_fail (conninfo);
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("Test SQL failed (%s): %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* A new, empty schema owned by the test role: an empty database to Kefu (see tests/lib). */
char *
kefu_store_harness_new_database (void)
{
  return kefu_test_pg_conninfo_new ();
}

KefuStore *
kefu_store_harness_open (const char  *location,
                         GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (kefu_pg_store_is_uri (location) || strchr (location, '=') != NULL)
    {
      kefu_pg_store_open_async (location, NULL, kefu_test_result_cb, &result);
      return (KefuStore *)kefu_pg_store_open_finish (kefu_test_wait (&result), error);
    }

  kefu_sqlite_store_open_async (location, NULL, kefu_test_result_cb, &result);
  return (KefuStore *)kefu_sqlite_store_open_finish (kefu_test_wait (&result), error);
}

void
kefu_store_harness_close (KefuStore *store)
{
  if (KEFU_IS_PG_STORE (store))
    kefu_pg_store_close (KEFU_PG_STORE (store));
  else
    kefu_sqlite_store_close (KEFU_SQLITE_STORE (store));
}

void
kefu_store_fixture_set_up (KefuStoreFixture *fixture,
                           gconstpointer     user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->location = kefu_store_harness_is_pg ()
                      ? kefu_store_harness_new_database ()
                      : kefu_test_temp_db_path ();
  fixture->store = kefu_store_harness_open (fixture->location, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
  if (KEFU_IS_PG_STORE (fixture->store))
    fixture->pg = KEFU_PG_STORE (fixture->store);
  else
    fixture->sqlite = KEFU_SQLITE_STORE (fixture->store);
  fixture->router = kefu_router_new (fixture->store);
  kefu_router_set_default_region (fixture->router, "CN");
}

void
kefu_store_fixture_close (KefuStoreFixture *fixture)
{
  kefu_store_harness_close (fixture->store);
}

void
kefu_store_fixture_tear_down (KefuStoreFixture *fixture,
                              gconstpointer     user_data)
{
  g_clear_object (&fixture->router);
  kefu_store_fixture_close (fixture);
  g_clear_object (&fixture->store);
  fixture->sqlite = NULL;
  fixture->pg = NULL;
  g_clear_pointer (&fixture->location, g_free);
}

/* The first column of the first row of @sql, read beside the store. */
gint64
kefu_store_fixture_count (KefuStoreFixture *fixture,
                          const char       *sql)
{
  gint64 count;

  if (fixture->pg != NULL)
    {
      PGconn *conn = connect_or_fail (fixture->location);
      PGresult *result = PQexec (conn, sql);

      if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
        g_error ("Test SQL failed (%s): %s", sql, PQerrorMessage (conn));
      count = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      PQclear (result);
      PQfinish (conn);
    }
  else
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open_v2 (fixture->location, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      count = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }

  return count;
}
