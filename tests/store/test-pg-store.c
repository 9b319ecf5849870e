/* test-pg-store.c: what only the PostgreSQL store has: migrating once, refusing, errors in words.
 *
 * Runs under tests/peers/postgres-run.sh only (KEFU_TEST_PG set).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "kefu-store-harness.h"

static gint64
count_in (const char *conninfo,
          const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;
  gint64 count;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  count = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  PQfinish (conn);

  return count;
}

/* An empty database gets every migration, recorded once each. */
static void
test_from_empty (void)
{
  g_autofree char *conninfo = kefu_store_harness_new_database ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuStore) store = kefu_store_harness_open (conninfo, &error);
  g_autofree char *count_sql = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (kefu_pg_store_get_schema_version (KEFU_PG_STORE (store)), ==,
                   kefu_pg_store_get_newest_version ());
  g_assert_cmpint (kefu_pg_store_get_newest_version (), >=, 8);
  g_assert_cmpint (count_in (conninfo, "SELECT max (version) FROM kefu_migrations"), ==,
                   kefu_pg_store_get_newest_version ());
  kefu_store_harness_close (store);
  g_clear_object (&store);

  /* Opening again migrates nothing. */
  count_sql = g_strdup ("SELECT count (*) FROM kefu_migrations");
  {
    gint64 before = count_in (conninfo, count_sql);

    store = kefu_store_harness_open (conninfo, &error);
    g_assert_no_error (error);
    g_assert_cmpint (count_in (conninfo, count_sql), ==, before);
    kefu_store_harness_close (store);
  }
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray *results = user_data;

  g_ptr_array_add (results, g_object_ref (result));
}

/* Desktops starting together: each migration runs once, behind the lock. */
static void
test_migrate_once (void)
{
  g_autofree char *conninfo = kefu_store_harness_new_database ();
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) versions = NULL;
  guint n_migrations;

  for (guint i = 0; i < 4; i++)
    kefu_pg_store_open_async (conninfo, NULL, on_opened, results);
  while (results->len < 4)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < results->len; i++)
    {
      g_autoptr (GError) error = NULL;
      KefuPgStore *store = kefu_pg_store_open_finish (g_ptr_array_index (results, i), &error);

      g_assert_no_error (error);
      g_assert_cmpint (kefu_pg_store_get_schema_version (store), ==, kefu_pg_store_get_newest_version ());
      g_ptr_array_add (stores, store);
    }

  /* One row per migration file: a second run would have failed on the key. */
  n_migrations = (guint)count_in (conninfo, "SELECT count (*) FROM kefu_migrations");
  g_assert_cmpuint (n_migrations, ==,
                    (guint)count_in (conninfo, "SELECT count (DISTINCT version) FROM kefu_migrations"));
  g_assert_cmpuint (n_migrations, >=, 5);

  for (guint i = 0; i < stores->len; i++)
    kefu_pg_store_close (g_ptr_array_index (stores, i));
}

/* A database from a newer Kefu is refused and left as it was. */
static void
test_newer_schema (void)
{
  g_autofree char *conninfo = kefu_store_harness_new_database ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuStore) store = kefu_store_harness_open (conninfo, &error);
  g_autoptr (KefuStore) refused = NULL;
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  kefu_store_harness_close (store);
  kefu_store_harness_admin_exec (conninfo,
                                 "INSERT INTO kefu_migrations (version, name, applied_at)"
                                 " VALUES (9999, '9999-from-the-future.sql', 0)");

  refused = kefu_store_harness_open (conninfo, &error);
  g_assert_null (refused);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NEWER_SCHEMA);
  expected = g_strdup_printf ("schema 9999; this version understands up to %d",
                              kefu_pg_store_get_newest_version ());
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "newer version of Kefu"));
  g_assert_cmpint (count_in (conninfo, "SELECT max (version) FROM kefu_migrations"), ==, 9999);
}

/* Somebody else's database is not Kefu's to fill. */
static void
test_not_kefu (void)
{
  g_autofree char *conninfo = kefu_store_harness_new_database ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuStore) store = NULL;

  kefu_store_harness_admin_exec (conninfo, "CREATE TABLE invoices (id integer PRIMARY KEY)");

  store = kefu_store_harness_open (conninfo, &error);
  g_assert_null (store);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "not Kefu’s"));
  g_assert_cmpint (count_in (conninfo, "SELECT count (*) FROM pg_tables WHERE schemaname = current_schema ()"), ==, 1);
}

/* A wrong password is said in words, and the password is in none of them. */
static void
test_wrong_password (void)
{
  g_autofree char *conninfo = g_strdup_printf ("%s password=Sesame-Wrong-42", g_getenv ("KEFU_TEST_PG"));
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuStore) store = kefu_store_harness_open (conninfo, &error);

  g_assert_null (store);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "refused the user name or password"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_null (strstr (error->message, "Sesame"));
}

/* libpq quotes a malformed address back, password and all: Kefu does not. */
static void
test_malformed_address (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuStore) store = kefu_store_harness_open ("postgresql://kefu:Sesame%zz42@127.0.0.1/kefu", &error);

  g_assert_null (store);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not valid"));
  g_assert_null (strstr (error->message, "Sesame"));
}

static void
test_no_password (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuStore) store = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("PGPASSWORD"));

  g_unsetenv ("PGPASSWORD");
  g_setenv ("PGPASSFILE", "/nonexistent/pgpass", TRUE);
  store = kefu_store_harness_open (g_getenv ("KEFU_TEST_PG"), &error);
  g_setenv ("PGPASSWORD", saved, TRUE);

  g_assert_null (store);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "needs a password"));
}

/* Nothing listening: the server cannot be reached, in words. */
static void
test_unreachable (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuStore) store =
    kefu_store_harness_open ("postgresql://kefu@127.0.0.1:1/kefu?connect_timeout=2", &error);

  g_assert_null (store);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1:1"));
}

static void
test_no_database (void)
{
  g_autofree char *conninfo = g_strdup_printf ("%s dbname=no_such_team", g_getenv ("KEFU_TEST_PG"));

  /* (A schema of the test database would not do: this one is missing.) */
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuStore) store = kefu_store_harness_open (conninfo, &error);

  g_assert_null (store);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no such database"));
}

static KefuTicket *
get_ticket (KefuStore *store,
            gint64     ticket_id,
            GError   **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_store_get_ticket_async (store, ticket_id, NULL, kefu_test_result_cb, &result);

  return kefu_store_get_ticket_finish (store, kefu_test_wait (&result), error);
}

/* Two desktops on one database see each other's tickets, and a server
 * that drops the connections costs one failed read, not the store. */
static void
test_two_desktops (void)
{
  g_autofree char *conninfo = kefu_store_harness_new_database ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuStore) a = kefu_store_harness_open (conninfo, &error);
  g_autoptr (KefuStore) b = NULL;
  g_autoptr (KefuRouter) router = NULL;
  g_autoptr (KefuInbound) inbound = kefu_test_email ("wang@example.cn", "退款", "我想申请退款");
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GPtrArray) found = NULL;
  gboolean recovered = FALSE;

  g_assert_no_error (error);
  b = kefu_store_harness_open (conninfo, &error);
  g_assert_no_error (error);

  router = kefu_router_new (a);
  kefu_router_set_default_region (router, "CN");
  delivery = kefu_test_receive (router, inbound);

  ticket = get_ticket (b, delivery->ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kefu_ticket_get_subject (ticket), ==, "退款");
  found = kefu_test_search (b, "退款");
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_object (&ticket);

  /* The server drops every connection of the stores. */
  kefu_store_harness_admin_exec (g_getenv ("KEFU_TEST_PG_ADMIN"),
                                 "SELECT pg_terminate_backend (pid) FROM pg_stat_activity"
                                 " WHERE application_name = 'Kefu'");

  for (guint i = 0; i < 6 && !recovered; i++)
    {
      g_clear_error (&error);
      ticket = get_ticket (b, delivery->ticket_id, &error);
      if (ticket != NULL)
        recovered = TRUE;
      else
        g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_UNREACHABLE);
      g_clear_object (&ticket);
    }
  g_assert_true (recovered);

  kefu_store_harness_close (b);
  kefu_store_harness_close (a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!kefu_store_harness_is_pg ())
    g_error ("test-pg-store needs a PostgreSQL: run it through tests/peers/postgres-run.sh");

  g_test_add_func ("/store/pg/from-empty", test_from_empty);
  g_test_add_func ("/store/pg/migrate-once", test_migrate_once);
  g_test_add_func ("/store/pg/newer-schema", test_newer_schema);
  g_test_add_func ("/store/pg/not-kefu", test_not_kefu);
  g_test_add_func ("/store/pg/wrong-password", test_wrong_password);
  g_test_add_func ("/store/pg/malformed-address", test_malformed_address);
  g_test_add_func ("/store/pg/no-password", test_no_password);
  g_test_add_func ("/store/pg/unreachable", test_unreachable);
  g_test_add_func ("/store/pg/no-database", test_no_database);
  g_test_add_func ("/store/pg/two-desktops", test_two_desktops);

  return g_test_run ();
}
