/* test-email-serve.c: `kefuctl serve` killed with SIGKILL in the middle of an ingest loses and repeats nothing.
 *
 * Runs under tests/peers/keyring-run.sh; kefuctl inherits the keyring's
 * D-Bus session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "kefu-email-peers.h"
#include "kefu-store-email.h"
#include "kefu-test-util.h"

#define N_MESSAGES 1000

static GSubprocess *
spawn_serve (const char *db)
{
  /* GLib writes debug lines to stdout and messages to stderr: read both. */
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr (GError) error = NULL;
  GSubprocess *serve;

  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "kefu-email", TRUE);
  serve = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KEFUCTL"), "--db", db, "serve", NULL);
  g_assert_no_error (error);

  return serve;
}

/* Reads the log of @serve until a line holds @needle; returns that line. */
static char *
wait_for_line (GDataInputStream *log,
               const char       *needle)
{
  for (;;)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (log, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        g_error ("kefuctl serve ended before “%s”", needle);
      g_test_message ("serve: %s", line);
      if (strstr (line, needle) != NULL)
        return g_steal_pointer (&line);
    }
}

static guint
count_tickets (KefuStore *store)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);
  g_autoptr (KefuTicketSpine) spine = NULL;

  kefu_store_list_ticket_spine_async (store, query, 100, NULL, kefu_test_result_cb, &result);
  spine = kefu_store_list_ticket_spine_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return spine->total;
}

/* The account is added the way a person would: kefuctl, password on stdin. */
static gint64
add_account_with_kefuctl (const char    *db,
                          KefuMailPeers *peers)
{
  g_autoptr (GSubprocess) add = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", peers->imap_port);
  g_autofree char *out = NULL;
  guint64 id = 0;

  add = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                          g_getenv ("KEFUCTL"), "--db", db, "account", "add-email",
                          "--name", "Support", "--address", "alice@example.test",
                          "--imap-host", "127.0.0.1", "--imap-port", port, "--imap-security", "none",
                          "--smtp-port", "25", "--smtp-security", "none", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (add, "alicepw\n", NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (add));
  g_assert_true (g_ascii_string_to_unsigned (g_strstrip (out), 10, 1, G_MAXINT64, &id, NULL));

  return (gint64)id;
}

static void
test_kill_during_ingest (void)
{
  KefuMailPeers peers;
  g_autofree char *db = kefu_test_temp_db_path ();
  g_autoptr (KefuSqliteStore) sqlite = NULL;
  g_autoptr (GSubprocess) first = NULL;
  g_autoptr (GSubprocess) second = NULL;
  g_autoptr (GDataInputStream) log = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GHashTable) settings = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *key = NULL;
  gint64 account_id;
  gint64 started;

  kefu_mail_peers_start (&peers, FALSE);
  account_id = add_account_with_kefuctl (db, &peers);

  kefu_mail_deliver (&peers, "alice@example.test", "customer{i}@example.org", "Order question {i}",
                     NULL, N_MESSAGES);

  /* Killed right after its first batch committed, with the rest in flight. */
  started = g_get_monotonic_time ();
  first = spawn_serve (db);
  log = g_data_input_stream_new (g_subprocess_get_stdout_pipe (first));
  line = wait_for_line (log, "Stored up to UID");
  g_subprocess_send_signal (first, SIGKILL);
  g_subprocess_wait (first, NULL, NULL);
  g_clear_object (&log);
  g_clear_pointer (&line, g_free);

  second = spawn_serve (db);
  log = g_data_input_stream_new (g_subprocess_get_stdout_pipe (second));
  line = wait_for_line (log, "Stored up to UID " G_STRINGIFY (N_MESSAGES) " ");
  g_test_message ("%d messages in %.1f s including a kill and a restart", N_MESSAGES,
                  (g_get_monotonic_time () - started) / 1e6);
  g_subprocess_send_signal (second, SIGTERM);
  g_subprocess_wait (second, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 0);

  sqlite = kefu_test_open_store (db);
  /* Each message came from its own customer: one ticket each, exactly. */
  g_assert_cmpuint (count_tickets (KEFU_STORE (sqlite)), ==, N_MESSAGES);

  kefu_store_list_settings_async (KEFU_STORE (sqlite), NULL, kefu_test_result_cb, &result);
  settings = kefu_store_list_settings_finish (KEFU_STORE (sqlite), kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  key = g_strdup_printf ("email.%" G_GINT64_FORMAT ".uid", account_id);
  g_assert_true (g_str_has_suffix (g_hash_table_lookup (settings, key), ":" G_STRINGIFY (N_MESSAGES)));

  kefu_sqlite_store_close (sqlite);
  kefu_mail_peers_stop (&peers);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/email/serve/kill-during-ingest", test_kill_during_ingest);

  return g_test_run ();
}
