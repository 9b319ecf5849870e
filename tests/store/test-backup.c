/* test-backup.c: backups copy everything; restores replace atomically or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "kefu-test-util.h"

static void
fill (KefuSqliteStore *store)
{
  g_autoptr (KefuRouter) router = kefu_router_new (KEFU_STORE (store));

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *from = g_strdup_printf ("customer%u@example.com", i % 7);
      g_autofree char *subject = g_strdup_printf ("Question %u", i);
      g_autoptr (KefuInbound) inbound = kefu_test_email (from, subject, "我想申请退款 — a refund, please");
      g_autoptr (KefuDelivery) delivery = NULL;
      g_autoptr (GBytes) data = g_bytes_new_take (g_strdup_printf ("file %u", i % 3), 6);

      inbound->external_id = g_strdup_printf ("<%u@example.com>", i);
      kefu_inbound_add_attachment (inbound, kefu_inbound_attachment_new ("f.txt", "text/plain", data));
      delivery = kefu_test_receive (router, inbound);
      g_assert_cmpint (delivery->ticket_id, >, 0);
    }
}

static GPtrArray *
all_tickets (KefuSqliteStore *store)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);
  GPtrArray *tickets;

  kefu_store_list_tickets_async (KEFU_STORE (store), query, NULL, 1000, NULL, kefu_test_result_cb, &result);
  tickets = kefu_store_list_tickets_finish (KEFU_STORE (store), kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return tickets;
}

static GPtrArray *
messages_of (KefuSqliteStore *store,
             gint64           ticket_id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *messages;

  kefu_store_list_messages_async (KEFU_STORE (store), ticket_id, NULL, kefu_test_result_cb, &result);
  messages = kefu_store_list_messages_finish (KEFU_STORE (store), kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return messages;
}

static void
assert_same_contents (KefuSqliteStore *a,
                      KefuSqliteStore *b)
{
  g_autoptr (GPtrArray) tickets_a = all_tickets (a);
  g_autoptr (GPtrArray) tickets_b = all_tickets (b);

  g_assert_cmpuint (tickets_a->len, >, 0);
  g_assert_cmpuint (tickets_a->len, ==, tickets_b->len);
  for (guint i = 0; i < tickets_a->len; i++)
    {
      KefuTicket *ta = g_ptr_array_index (tickets_a, i);
      KefuTicket *tb = g_ptr_array_index (tickets_b, i);
      g_autoptr (GPtrArray) ma = messages_of (a, kefu_ticket_get_id (ta));
      g_autoptr (GPtrArray) mb = messages_of (b, kefu_ticket_get_id (tb));

      g_assert_cmpint (kefu_ticket_get_id (ta), ==, kefu_ticket_get_id (tb));
      g_assert_cmpint (kefu_ticket_get_number (ta), ==, kefu_ticket_get_number (tb));
      g_assert_cmpstr (kefu_ticket_get_subject (ta), ==, kefu_ticket_get_subject (tb));
      g_assert_cmpstr (kefu_ticket_get_customer_name (ta), ==, kefu_ticket_get_customer_name (tb));
      g_assert_cmpstr (kefu_ticket_get_preview (ta), ==, kefu_ticket_get_preview (tb));
      g_assert_cmpint (kefu_ticket_get_updated_at (ta), ==, kefu_ticket_get_updated_at (tb));
      g_assert_cmpuint (kefu_ticket_get_message_count (ta), ==, kefu_ticket_get_message_count (tb));
      g_assert_cmpuint (ma->len, ==, mb->len);
      for (guint j = 0; j < ma->len; j++)
        {
          KefuMessage *a_message = g_ptr_array_index (ma, j);
          KefuMessage *b_message = g_ptr_array_index (mb, j);

          g_assert_cmpstr (kefu_message_get_text (a_message), ==, kefu_message_get_text (b_message));
          g_assert_cmpuint (kefu_message_get_attachments (a_message)->len, ==,
                            kefu_message_get_attachments (b_message)->len);
        }
    }
}

static gboolean
backup (KefuSqliteStore  *store,
        const char       *destination,
        GError          **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_sqlite_store_backup_async (store, destination, NULL, kefu_test_result_cb, &result);

  return kefu_sqlite_store_backup_finish (store, kefu_test_wait (&result), error);
}

static gboolean
restore (const char  *backup_path,
         const char  *path,
         GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_sqlite_store_restore_async (backup_path, path, NULL, kefu_test_result_cb, &result);

  return kefu_sqlite_store_restore_finish (kefu_test_wait (&result), error);
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
test_round_trip (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autofree char *backup_path = kefu_test_temp_db_path ();
  g_autofree char *restored_path = kefu_test_temp_db_path ();
  g_autoptr (KefuSqliteStore) store = kefu_test_open_store (path);
  g_autoptr (KefuSqliteStore) restored = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;

  fill (store);

  /* The store stays open and in use while it is backed up. */
  g_assert_true (backup (store, backup_path, &error));
  g_assert_no_error (error);

  g_assert_true (restore (backup_path, restored_path, &error));
  g_assert_no_error (error);

  restored = kefu_test_open_store (restored_path);
  assert_same_contents (store, restored);

  /* The search index came along. */
  found = kefu_test_search (KEFU_STORE (restored), "退款");
  g_assert_cmpuint (found->len, ==, 7);

  kefu_sqlite_store_close (restored);
  kefu_sqlite_store_close (store);
}

static void
test_restore_replaces (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autofree char *backup_path = kefu_test_temp_db_path ();
  g_autofree char *target_path = kefu_test_temp_db_path ();
  g_autoptr (KefuSqliteStore) store = kefu_test_open_store (path);
  g_autoptr (KefuSqliteStore) target = NULL;
  g_autoptr (KefuSqliteStore) reopened = NULL;
  g_autoptr (GPtrArray) tickets = NULL;
  g_autoptr (GError) error = NULL;

  fill (store);
  g_assert_true (backup (store, backup_path, &error));
  g_assert_no_error (error);

  /* An empty Kefu database is replaced by the backup when nobody uses it. */
  target = kefu_test_open_store (target_path);
  tickets = all_tickets (target);
  g_assert_cmpuint (tickets->len, ==, 0);

  /* While it is open, the restore is refused. */
  g_assert_false (restore (backup_path, target_path, &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  kefu_sqlite_store_close (target);
  g_assert_true (restore (backup_path, target_path, &error));
  g_assert_no_error (error);

  reopened = kefu_test_open_store (target_path);
  assert_same_contents (store, reopened);
  kefu_sqlite_store_close (reopened);
  kefu_sqlite_store_close (store);
}

static void
test_backup_refuses_existing (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autofree char *backup_path = kefu_test_temp_db_path ();
  g_autoptr (KefuSqliteStore) store = kefu_test_open_store (path);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GError) error = NULL;

  g_file_set_contents (backup_path, "precious", -1, &error);
  g_assert_no_error (error);
  before = read_file (backup_path);

  g_assert_false (backup (store, backup_path, &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID);
  g_assert_true (g_bytes_equal (before, read_file (backup_path)));

  kefu_sqlite_store_close (store);
}

static void
test_restore_refuses_corrupt (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autofree char *backup_path = kefu_test_temp_db_path ();
  g_autofree char *foreign_path = kefu_test_temp_db_path ();
  g_autofree char *damaged_path = kefu_test_temp_db_path ();
  g_autoptr (KefuSqliteStore) store = kefu_test_open_store (path);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) good = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *damaged = NULL;
  gsize size;
  sqlite3 *db = NULL;

  fill (store);
  g_assert_true (backup (store, backup_path, &error));
  g_assert_no_error (error);
  kefu_sqlite_store_close (store);
  before = read_file (path);

  /* Random bytes. */
  g_file_set_contents (foreign_path, "not a database at all, just some text that is long enough", -1, &error);
  g_assert_no_error (error);
  g_assert_false (restore (foreign_path, path, &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (g_bytes_equal (before, read_file (path)));

  /* Someone else's SQLite database. */
  g_unlink (foreign_path);
  g_assert_cmpint (sqlite3_open (foreign_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (text TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (restore (foreign_path, path, &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (g_bytes_equal (before, read_file (path)));

  /* A Kefu backup with pages overwritten in the middle. */
  good = read_file (backup_path);
  damaged = g_memdup2 (g_bytes_get_data (good, &size), g_bytes_get_size (good));
  g_assert_cmpuint (size, >, 4096 * 4);
  memset (damaged + 4096 * 2 + 100, 0x5a, 4096);
  g_file_set_contents (damaged_path, (const char *)damaged, size, &error);
  g_assert_no_error (error);
  g_assert_false (restore (damaged_path, path, &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (g_bytes_equal (before, read_file (path)));

  /* A missing backup. */
  g_assert_false (restore ("/nonexistent/backup.db", path, &error));
  g_assert_nonnull (error);
  g_assert_true (g_bytes_equal (before, read_file (path)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/backup/round-trip", test_round_trip);
  g_test_add_func ("/store/backup/restore-replaces", test_restore_replaces);
  g_test_add_func ("/store/backup/refuses-existing", test_backup_refuses_existing);
  g_test_add_func ("/store/backup/restore-refuses-corrupt", test_restore_refuses_corrupt);

  return g_test_run ();
}
