/* test-migrations.c: opening creates, migrates and refuses what is not ours, untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "kefu-sqlite-store-private.h"
#include "kefu-test-util.h"

static const char *const tables[] = {
  "accounts", "agents", "attachment_blobs", "attachments", "customers", "customers_fts",
  "events", "identities", "identities_fts", "messages", "messages_fts", "messages_search", "settings",
  "tags", "thread_keys", "ticket_tags", "tickets", "tickets_fts",
};

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);

  return db;
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static GError *
open_error (const char *path)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuSqliteStore) store = NULL;
  GError *error = NULL;

  kefu_sqlite_store_open_async (path, NULL, kefu_test_result_cb, &result);
  store = kefu_sqlite_store_open_finish (kefu_test_wait (&result), &error);
  g_assert_null (store);
  g_assert_nonnull (error);

  return error;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
assert_file_unchanged (const char *path,
                       GBytes     *before)
{
  g_autoptr (GBytes) after = read_file (path);

  g_assert_true (g_bytes_equal (before, after));
}

static void
create_store (const char *path)
{
  g_autoptr (KefuSqliteStore) store = kefu_test_open_store (path);

  kefu_sqlite_store_close (store);
}

static gpointer
insert_orphan_ticket_job (KefuStore     *store,
                          gpointer       data,
                          GCancellable  *cancellable,
                          GError       **error)
{
  KefuTicketFields fields = { 0 };

  fields.subject = "Orphan";
  fields.customer_id = 4242;
  if (KEFU_STORE_GET_IFACE (store)->insert_ticket (store, &fields, error) == 0)
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
test_from_empty (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autoptr (KefuSqliteStore) store = kefu_test_open_store (path);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *journal_mode = NULL;
  sqlite3 *db;

  /* Every migration applied: the newest number in the resource. */
  g_assert_cmpint (kefu_sqlite_store_get_schema_version (store), ==, _kefu_sqlite_migrations_newest ());
  g_assert_cmpstr (kefu_sqlite_store_get_path (store), ==, path);

  /* Foreign keys are enforced: a ticket of a customer who does not exist is refused. */
  kefu_store_write_async (KEFU_STORE (store), insert_orphan_ticket_job, NULL, NULL, NULL,
                          NULL, kefu_test_result_cb, &result);
  g_assert_null (kefu_store_job_finish (KEFU_STORE (store), kefu_test_wait (&result), &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID);

  kefu_sqlite_store_close (store);

  db = raw_open (path);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM sqlite_schema WHERE name = '%s'",
                                              tables[i]);
      g_assert_cmpint (raw_int (db, sql), ==, 1);
    }
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, _kefu_sqlite_migrations_newest ());
  g_assert_cmpint (raw_int (db, "PRAGMA application_id"), ==, 0x4B656675);
  journal_mode = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (raw_int (db, "SELECT count (*) FROM tickets"), ==, 0);
  sqlite3_close (db);
}

static gpointer
insert_customer_job (KefuStore     *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  KefuCustomerFields fields = { 0 };
  gint64 id;

  fields.name = "Kept";
  id = KEFU_STORE_GET_IFACE (store)->insert_customer (store, &fields, error);

  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

static void
test_reopen (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autoptr (KefuSqliteStore) store = kefu_test_open_store (path);
  g_autoptr (KefuSqliteStore) again = NULL;
  g_autoptr (KefuCustomer) customer = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gint64 *id = NULL;

  kefu_store_write_async (KEFU_STORE (store), insert_customer_job, NULL, NULL, g_free,
                          NULL, kefu_test_result_cb, &result);
  id = kefu_store_job_finish (KEFU_STORE (store), kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  kefu_sqlite_store_close (store);
  g_clear_object (&result);

  again = kefu_test_open_store (path);
  g_assert_cmpint (kefu_sqlite_store_get_schema_version (again), ==, _kefu_sqlite_migrations_newest ());
  kefu_store_get_customer_async (KEFU_STORE (again), *id, NULL, kefu_test_result_cb, &result);
  customer = kefu_store_get_customer_finish (KEFU_STORE (again), kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kefu_customer_get_name (customer), ==, "Kept");
  kefu_sqlite_store_close (again);
}

static void
test_newer_schema (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db;

  create_store (path);
  db = raw_open (path);
  raw_exec (db, "PRAGMA user_version = 99");
  sqlite3_close (db);
  before = read_file (path);

  error = open_error (path);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version of Kefu"));
  assert_file_unchanged (path, before);
}

static void
test_random_bytes (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (1234);
  guint8 junk[65536];

  for (gsize i = 0; i < sizeof junk; i++)
    junk[i] = g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, (const char *)junk, sizeof junk, &error);
  g_assert_no_error (error);
  before = read_file (path);

  error = open_error (path);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT);
  assert_file_unchanged (path, before);

  /* Short text files too. */
  g_clear_error (&error);
  g_clear_pointer (&before, g_bytes_unref);
  g_file_set_contents (path, "hello\n", -1, &error);
  g_assert_no_error (error);
  before = read_file (path);
  error = open_error (path);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT);
  assert_file_unchanged (path, before);
}

static void
test_damaged_header (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) good = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *data = NULL;
  gsize size;

  /* A Kefu database whose page size field is garbage. */
  create_store (path);
  good = read_file (path);
  data = g_memdup2 (g_bytes_get_data (good, &size), g_bytes_get_size (good));
  data[16] = 0x12;
  data[17] = 0x34;
  g_file_set_contents (path, (const char *)data, size, &error);
  g_assert_no_error (error);
  before = read_file (path);

  error = open_error (path);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT);
  assert_file_unchanged (path, before);
}

static void
test_foreign_sqlite (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autofree char *other_path = kefu_test_temp_db_path ();
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db;

  /* Someone else's database, without an application id. */
  db = raw_open (path);
  raw_exec (db, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT);"
                "INSERT INTO recipes (name) VALUES ('dumplings');");
  sqlite3_close (db);
  before = read_file (path);

  error = open_error (path);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "not a Kefu database"));
  assert_file_unchanged (path, before);

  /* Another application's, by its id, even without tables. */
  g_clear_error (&error);
  g_clear_pointer (&before, g_bytes_unref);
  db = raw_open (other_path);
  raw_exec (db, "PRAGMA application_id = 1234");
  sqlite3_close (db);
  before = read_file (other_path);
  error = open_error (other_path);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT);
  assert_file_unchanged (other_path, before);
}

static void
test_locked (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuSqliteStore) store = NULL;
  sqlite3 *db;

  create_store (path);
  db = raw_open (path);
  raw_exec (db, "BEGIN EXCLUSIVE; INSERT INTO settings (key, value) VALUES ('held', 'yes');");

  error = open_error (path);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_LOCKED);

  raw_exec (db, "ROLLBACK");
  sqlite3_close (db);

  /* Once the other program lets go, the database opens. */
  store = kefu_test_open_store (path);
  kefu_sqlite_store_close (store);
}

static void
test_missing_folder (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "new", "folder", "kefu.db", NULL);
  g_autoptr (KefuSqliteStore) store = kefu_test_open_store (path);

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  kefu_sqlite_store_close (store);
}

static void
test_relative_path (void)
{
  g_autoptr (KefuSqliteStore) store = NULL;
  g_autofree char *expected = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_cmpint (g_chdir (g_get_user_data_dir ()), ==, 0);
  expected = g_build_filename (g_get_user_data_dir (), "relative.db", NULL);

  /* Created, then inspected and reopened, from a path relative to the current folder. */
  create_store ("relative.db");
  store = kefu_test_open_store ("relative.db");
  g_assert_cmpstr (kefu_sqlite_store_get_path (store), ==, expected);
  kefu_sqlite_store_close (store);
}

static void
test_default_path (void)
{
  g_autofree char *path = kefu_sqlite_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "kefu", "kefu.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/migrations/from-empty", test_from_empty);
  g_test_add_func ("/store/migrations/reopen", test_reopen);
  g_test_add_func ("/store/migrations/newer-schema", test_newer_schema);
  g_test_add_func ("/store/migrations/random-bytes", test_random_bytes);
  g_test_add_func ("/store/migrations/damaged-header", test_damaged_header);
  g_test_add_func ("/store/migrations/foreign-sqlite", test_foreign_sqlite);
  g_test_add_func ("/store/migrations/locked", test_locked);
  g_test_add_func ("/store/migrations/missing-folder", test_missing_folder);
  g_test_add_func ("/store/migrations/relative-path", test_relative_path);
  g_test_add_func ("/store/migrations/default-path", test_default_path);

  return g_test_run ();
}
