/* kefu-test-util.c: helpers for tests: temp stores and waiting on async calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <unistd.h>

#include "kefu-pg-store.h"
#include "kefu-test-util.h"

void
kefu_test_result_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Spins the default main context until *@result is set; the caller owns it. */
GAsyncResult *
kefu_test_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* A path in the test's isolated temp dir (G_TEST_OPTION_ISOLATE_DIRS). */
char *
kefu_test_temp_db_path (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("test-%u.db", ++counter);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "kefu-tests", NULL);

  g_mkdir_with_parents (dir, 0700);

  return g_build_filename (dir, name, NULL);
}

KefuSqliteStore *
kefu_test_open_store (const char *path)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  KefuSqliteStore *store;

  kefu_sqlite_store_open_async (path, NULL, kefu_test_result_cb, &result);
  store = kefu_sqlite_store_open_finish (kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

KefuDelivery *
kefu_test_receive (KefuRouter  *router,
                   KefuInbound *inbound)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  KefuDelivery *delivery;

  kefu_router_receive_async (router, inbound, NULL, kefu_test_result_cb, &result);
  delivery = kefu_router_receive_finish (router, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (delivery);

  return delivery;
}

KefuInbound *
kefu_test_email (const char *from,
                 const char *subject,
                 const char *text)
{
  KefuInbound *inbound = kefu_inbound_new (KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, from);

  inbound->subject = g_strdup (subject);
  inbound->text = g_strdup (text);

  return inbound;
}

/* Every ticket matching @text, newest first. */
GPtrArray *
kefu_test_search (KefuStore  *store,
                  const char *text)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);
  GPtrArray *tickets;

  query->text = g_strdup (text);
  kefu_store_list_tickets_async (store, query, NULL, 1000, NULL, kefu_test_result_cb, &result);
  tickets = kefu_store_list_tickets_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (tickets);

  return tickets;
}

/**
 * kefu_test_pg_conninfo_new:
 *
 * team (#8): a new, empty schema of its own in the database of
 * tests/peers/postgres-run.sh, owned by the test role: as good as an empty
 * database for Kefu, which works in its connection's current schema, and
 * a hundred times quicker to make (CREATE DATABASE takes about a second).
 *
 * Returns: (transfer full): a conninfo whose search_path is that schema
 */
char *
kefu_test_pg_conninfo_new (void)
{
  static guint counter;
  const char *base = g_getenv ("KEFU_TEST_PG");
  g_autofree char *name = g_strdup_printf ("kefu_%d_%u", (int)getpid (), ++counter);
  g_autofree char *sql = g_strdup_printf ("CREATE SCHEMA %s", name);
  PGconn *conn;
  PGresult *result;

  g_assert_nonnull (base);
  conn = PQconnectdb (base);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect to the test PostgreSQL: %s", PQerrorMessage (conn));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("Cannot create a test schema: %s", PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);

  return g_strdup_printf ("%s options=-csearch_path=%s", base, name);
}

/* team (#8): under tests/peers/postgres-run.sh the fixture's store is a
 * PostgreSQL one in a fresh schema (fixture->sqlite is then NULL and
 * fixture->path the conninfo), for the suites that run on both stores. */
static void
set_up_pg (KefuTestFixture *fixture)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  fixture->path = kefu_test_pg_conninfo_new ();
  kefu_pg_store_open_async (fixture->path, NULL, kefu_test_result_cb, &result);
  fixture->store = KEFU_STORE (kefu_pg_store_open_finish (kefu_test_wait (&result), &error));
  g_assert_no_error (error);
  fixture->router = kefu_router_new (fixture->store);
  kefu_router_set_default_region (fixture->router, "CN");
}

void
kefu_test_fixture_set_up (KefuTestFixture *fixture,
                          gconstpointer    user_data)
{
  if (g_getenv ("KEFU_TEST_PG") != NULL)
    {
      set_up_pg (fixture);
      return;
    }

  fixture->path = kefu_test_temp_db_path ();
  fixture->sqlite = kefu_test_open_store (fixture->path);
  fixture->store = KEFU_STORE (fixture->sqlite);
  fixture->router = kefu_router_new (fixture->store);
  kefu_router_set_default_region (fixture->router, "CN");
}

void
kefu_test_fixture_tear_down (KefuTestFixture *fixture,
                             gconstpointer    user_data)
{
  g_clear_object (&fixture->router);
  if (fixture->sqlite == NULL)
    {
      /* team (#8): a PostgreSQL store (set_up_pg) */
      kefu_pg_store_close (KEFU_PG_STORE (fixture->store));
      g_clear_object (&fixture->store);
    }
  else
    {
      kefu_sqlite_store_close (fixture->sqlite);
    }
  g_clear_object (&fixture->sqlite);
  g_clear_pointer (&fixture->path, g_free);
}

/* The ticket, asserting that the store has it. */
KefuTicket *
kefu_test_get_ticket (KefuStore *store,
                      gint64     ticket_id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  KefuTicket *ticket;

  kefu_store_get_ticket_async (store, ticket_id, NULL, kefu_test_result_cb, &result);
  ticket = kefu_store_get_ticket_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return ticket;
}

/* The ticket's messages, asserting that listing them works. */
GPtrArray *
kefu_test_list_messages (KefuStore *store,
                         gint64     ticket_id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *messages;

  kefu_store_list_messages_async (store, ticket_id, NULL, kefu_test_result_cb, &result);
  messages = kefu_store_list_messages_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return messages;
}
