/* test-upgrade.c: a database of the first release, upgraded, reports what a fresh one does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test writes the shop week into a database made by migration 0001
 * alone, with the columns the first release had, then opens it with the
 * current store: every later migration runs, including the ones that fill
 * what reports read (0005's reply counts, 0009's tag copies). Every CSV the
 * Reports page exports must then match, byte for byte, the ones made from
 * the same week imported into a fresh database.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "kefu-report-csv.h"
#include "kefu-report-fixture.h"
#include "kefu-sqlite-store-private.h"
#include "kefu-store-resources.h"

#define FIRST_MIGRATION "/io/github/kefu/Kefu/store/migrations/0001-initial.sql"

static gint64
iso_us (JsonObject *object,
        const char *member)
{
  const char *text;
  g_autoptr (GDateTime) when = NULL;

  if (!json_object_has_member (object, member) || json_object_get_null_member (object, member))
    return 0;
  text = json_object_get_string_member (object, member);
  when = g_date_time_new_from_iso8601 (text, NULL);
  g_assert_nonnull (when);
  return g_date_time_to_unix (when) * G_USEC_PER_SEC;
}

static void
bind_text_member (sqlite3_stmt *stmt,
                  int           column,
                  JsonObject   *object,
                  const char   *member)
{
  if (!json_object_has_member (object, member) || json_object_get_null_member (object, member))
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, json_object_get_string_member (object, member), -1, SQLITE_TRANSIENT);
}

static void
bind_int_member (sqlite3_stmt *stmt,
                 int           column,
                 JsonObject   *object,
                 const char   *member)
{
  if (!json_object_has_member (object, member) || json_object_get_null_member (object, member))
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, json_object_get_int_member (object, member));
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  return stmt;
}

static void
step (sqlite3      *db,
      sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_assert_cmpstr (sqlite3_errmsg (db), ==, "");
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
insert_agents (sqlite3   *db,
               JsonArray *agents)
{
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO agents (id, name, email, role, created_at)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5)");

  for (guint i = 0; i < json_array_get_length (agents); i++)
    {
      JsonObject *agent = json_array_get_object_element (agents, i);

      bind_int_member (stmt, 1, agent, "id");
      bind_text_member (stmt, 2, agent, "name");
      bind_text_member (stmt, 3, agent, "email");
      bind_text_member (stmt, 4, agent, "role");
      sqlite3_bind_int64 (stmt, 5, iso_us (agent, "created_at"));
      step (db, stmt);
    }
  sqlite3_finalize (stmt);
}

static void
insert_customers (sqlite3   *db,
                  JsonArray *customers)
{
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO customers (id, name, created_at, updated_at)"
                                    " VALUES (?1, ?2, ?3, ?4)");
  sqlite3_stmt *identity = prepare (db, "INSERT INTO identities (id, customer_id, kind, value, display, created_at)"
                                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");

  for (guint i = 0; i < json_array_get_length (customers); i++)
    {
      JsonObject *customer = json_array_get_object_element (customers, i);
      JsonArray *identities = json_object_get_array_member (customer, "identities");

      bind_int_member (stmt, 1, customer, "id");
      bind_text_member (stmt, 2, customer, "name");
      sqlite3_bind_int64 (stmt, 3, iso_us (customer, "created_at"));
      sqlite3_bind_int64 (stmt, 4, iso_us (customer, "updated_at"));
      step (db, stmt);
      for (guint j = 0; j < json_array_get_length (identities); j++)
        {
          JsonObject *row = json_array_get_object_element (identities, j);

          bind_int_member (identity, 1, row, "id");
          bind_int_member (identity, 2, row, "customer_id");
          bind_text_member (identity, 3, row, "kind");
          bind_text_member (identity, 4, row, "value");
          bind_text_member (identity, 5, row, "display");
          sqlite3_bind_int64 (identity, 6, iso_us (row, "created_at"));
          step (db, identity);
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (identity);
}

static void
insert_tickets (sqlite3   *db,
                JsonArray *tickets)
{
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO tickets (id, number, subject, status, priority, channel,"
                                    " customer_id, assignee_id, created_at, updated_at, first_response_at,"
                                    " resolved_at, version)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  sqlite3_stmt *tag = prepare (db, "INSERT OR IGNORE INTO tags (name) VALUES (?1)");
  sqlite3_stmt *ticket_tag = prepare (db, "INSERT INTO ticket_tags (ticket_id, tag_id)"
                                          " SELECT ?1, id FROM tags WHERE name = ?2");
  sqlite3_stmt *message = prepare (db, "INSERT INTO messages (id, ticket_id, direction, channel, agent_id,"
                                       " author_name, text, external_id, delivery_state, created_at, updated_at)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");

  for (guint i = 0; i < json_array_get_length (tickets); i++)
    {
      JsonObject *ticket = json_array_get_object_element (tickets, i);
      JsonArray *tags = json_object_get_array_member (ticket, "tags");
      JsonArray *messages = json_object_get_array_member (ticket, "messages");
      gint64 id = json_object_get_int_member (ticket, "id");

      sqlite3_bind_int64 (stmt, 1, id);
      bind_int_member (stmt, 2, ticket, "number");
      bind_text_member (stmt, 3, ticket, "subject");
      bind_text_member (stmt, 4, ticket, "status");
      bind_text_member (stmt, 5, ticket, "priority");
      bind_text_member (stmt, 6, ticket, "channel");
      bind_int_member (stmt, 7, ticket, "customer_id");
      bind_int_member (stmt, 8, ticket, "assignee_id");
      sqlite3_bind_int64 (stmt, 9, iso_us (ticket, "created_at"));
      sqlite3_bind_int64 (stmt, 10, iso_us (ticket, "updated_at"));
      sqlite3_bind_int64 (stmt, 11, iso_us (ticket, "first_response_at"));
      sqlite3_bind_int64 (stmt, 12, iso_us (ticket, "resolved_at"));
      bind_int_member (stmt, 13, ticket, "version");
      step (db, stmt);

      for (guint j = 0; j < json_array_get_length (tags); j++)
        {
          const char *name = json_array_get_string_element (tags, j);

          sqlite3_bind_text (tag, 1, name, -1, SQLITE_TRANSIENT);
          step (db, tag);
          sqlite3_bind_int64 (ticket_tag, 1, id);
          sqlite3_bind_text (ticket_tag, 2, name, -1, SQLITE_TRANSIENT);
          step (db, ticket_tag);
        }

      for (guint j = 0; j < json_array_get_length (messages); j++)
        {
          JsonObject *row = json_array_get_object_element (messages, j);

          bind_int_member (message, 1, row, "id");
          sqlite3_bind_int64 (message, 2, id);
          bind_text_member (message, 3, row, "direction");
          bind_text_member (message, 4, row, "channel");
          bind_int_member (message, 5, row, "agent_id");
          bind_text_member (message, 6, row, "author_name");
          bind_text_member (message, 7, row, "text");
          bind_text_member (message, 8, row, "external_id");
          bind_text_member (message, 9, row, "delivery_state");
          sqlite3_bind_int64 (message, 10, iso_us (row, "created_at"));
          sqlite3_bind_int64 (message, 11, iso_us (row, "updated_at"));
          step (db, message);
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (tag);
  sqlite3_finalize (ticket_tag);
  sqlite3_finalize (message);
}

static void
insert_settings (sqlite3    *db,
                 JsonObject *settings)
{
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO settings (key, value) VALUES (?1, ?2)");
  g_autoptr (GList) keys = json_object_get_members (settings);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      sqlite3_bind_text (stmt, 1, l->data, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, json_object_get_string_member (settings, l->data), -1, SQLITE_TRANSIENT);
      step (db, stmt);
    }
  sqlite3_finalize (stmt);
}

/* The shop week in a database as the first release made it. */
static void
write_first_release_db (const char *path)
{
  g_autofree char *archive_path = g_test_build_filename (G_TEST_DIST, "corpora", "reports",
                                                         "shop-week.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) migration = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *pragmas = NULL;
  KefuSqliteConnection *conn;
  JsonObject *root;

  json_parser_load_from_file (parser, archive_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  migration = g_resource_lookup_data (kefu_store_get_resource (), FIRST_MIGRATION,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  sql = g_strndup (g_bytes_get_data (migration, NULL), g_bytes_get_size (migration));
  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 1;",
                             KEFU_SQLITE_APPLICATION_ID);

  conn = _kefu_sqlite_connection_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (_kefu_sqlite_exec (conn, "BEGIN", &error));
  g_assert_true (_kefu_sqlite_exec (conn, sql, &error));
  g_assert_true (_kefu_sqlite_exec (conn, pragmas, &error));
  insert_agents (conn->db, json_object_get_array_member (root, "agents"));
  insert_customers (conn->db, json_object_get_array_member (root, "customers"));
  insert_tickets (conn->db, json_object_get_array_member (root, "tickets"));
  insert_settings (conn->db, json_object_get_object_member (root, "settings"));
  g_assert_true (_kefu_sqlite_exec (conn, "COMMIT", &error));
  g_assert_no_error (error);
  _kefu_sqlite_connection_close (conn);
}

static KefuReport *
compute (KefuStore *store,
         gint64     from,
         gint64     to,
         int        channel)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  KefuReport *report;

  kefu_report_compute_async (store, from, to, channel, KEFU_REPORT_FACTS_SUBJECTS, NULL,
                             kefu_test_result_cb, &result);
  report = kefu_report_compute_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_same_reports (KefuStore *fresh,
                     KefuStore *upgraded,
                     gint64     from,
                     gint64     to,
                     int        channel)
{
  g_autoptr (KefuReport) expected = compute (fresh, from, to, channel);
  g_autoptr (KefuReport) actual = compute (upgraded, from, to, channel);

  /* Tickets still waiting are measured against now: use one now. */
  actual->made_at = expected->made_at;
  g_assert_cmpuint (actual->current->new_tickets, ==, expected->current->new_tickets);
  for (guint i = 0; i < KEFU_REPORT_CSV_N_FILES; i++)
    {
      g_autofree char *want = kefu_report_csv_build (expected, i);
      g_autofree char *got = kefu_report_csv_build (actual, i);

      g_test_message ("%s", kefu_report_csv_file_name (i));
      g_assert_cmpstr (got, ==, want);
    }
}

static void
test_from_first_release (ReportFixture *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autoptr (KefuSqliteStore) upgraded = NULL;

  write_first_release_db (path);
  upgraded = kefu_test_open_store (path);
  g_assert_cmpint (kefu_sqlite_store_get_schema_version (upgraded), ==, _kefu_sqlite_migrations_newest ());
  /* Ratings and call records came with later releases. */
  report_fixture_add_ratings_and_calls (KEFU_STORE (upgraded));

  assert_same_reports (fixture->store, KEFU_STORE (upgraded), fixture->from, fixture->to,
                       KEFU_REPORT_ALL_CHANNELS);
  assert_same_reports (fixture->store, KEFU_STORE (upgraded), fixture->from, fixture->to,
                       KEFU_CHANNEL_KIND_CHAT);
  /* January to April, in weeks: every ticket of the archive. */
  assert_same_reports (fixture->store, KEFU_STORE (upgraded), report_fixture_local (1, 1, 0, 0),
                       report_fixture_local (4, 1, 0, 0), KEFU_REPORT_ALL_CHANNELS);

  kefu_sqlite_store_close (upgraded);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  REPORT_TEST_ADD ("/reports/upgrade/from-first-release", test_from_first_release);

  return g_test_run ();
}
