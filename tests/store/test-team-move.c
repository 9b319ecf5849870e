/* test-team-move.c: kefuctl team migrate and export move a database between SQLite and PostgreSQL.
 *
 * Runs under tests/peers/postgres-run.sh only, with the real kefuctl (KEFUCTL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
kefuctl (Run        *run,
         const char *first,
         ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer)g_getenv ("KEFUCTL"));
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char *const *)args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

/* A schema of its own in the test database, as a URI kefuctl takes. */
static char *
team_uri (const char *password)
{
  g_autofree char *conninfo = kefu_test_pg_conninfo_new ();
  const char *schema = strstr (conninfo, "search_path=") + strlen ("search_path=");
  const char *base = g_getenv ("KEFU_TEST_PG_URI");
  g_autofree char *with_password = NULL;

  g_assert_nonnull (base);
  if (password != NULL)
    with_password = g_strdup_printf ("postgresql://kefu:%s@%s", password, base + strlen ("postgresql://kefu@"));

  return g_strdup_printf ("%s?options=-csearch_path%%3D%s", with_password ? with_password : base, schema);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "team", NULL);
  g_autofree char *local = g_build_filename (dir, "local.db", NULL);
  g_autofree char *back = g_build_filename (dir, "back.db", NULL);
  g_autofree char *uri = team_uri (NULL);
  g_autofree char *sum = NULL;
  g_auto (Run) demo = { 0 };
  g_auto (Run) migrate = { 0 };
  g_auto (Run) again = { 0 };
  g_auto (Run) export = { 0 };
  g_auto (Run) over = { 0 };
  g_auto (Run) found = { 0 };
  g_auto (Run) tickets_local = { 0 };
  g_auto (Run) tickets_back = { 0 };
  const char *line;

  g_mkdir_with_parents (dir, 0700);
  kefuctl (&demo, "--db", local, "demo", NULL);
  g_assert_cmpint (demo.status, ==, 0);

  /* SQLite → an empty team database: every count and the checksum agree. */
  kefuctl (&migrate, "--db", local, "team", "migrate", "--to", uri, NULL);
  g_assert_cmpstr (migrate.err, ==, "");
  g_assert_cmpint (migrate.status, ==, 0);
  g_assert_nonnull (strstr (migrate.out, "Moved 200 tickets"));
  line = strstr (migrate.out, "Both archives have SHA-256 ");
  g_assert_nonnull (line);
  sum = g_strndup (line + strlen ("Both archives have SHA-256 "), 64);

  /* The team database now holds data: a second move is refused. */
  kefuctl (&again, "--db", local, "team", "migrate", "--to", uri, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "empty"));

  /* Search works on the team database, in Chinese too. */
  kefuctl (&found, "--db", uri, "search", "运费", NULL);
  g_assert_cmpint (found.status, ==, 0);
  g_assert_nonnull (strstr (found.out, "SUBJECT"));

  /* And back into a new SQLite file, with the very same archive. */
  kefuctl (&export, "--db", uri, "team", "export", "--to", back, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_nonnull (strstr (export.out, sum));
  kefuctl (&tickets_local, "--db", local, "tickets", NULL);
  kefuctl (&tickets_back, "--db", back, "tickets", NULL);
  g_assert_cmpstr (tickets_local.out, ==, tickets_back.out);

  /* An export never overwrites a file. */
  kefuctl (&over, "--db", uri, "team", "export", "--to", back, NULL);
  g_assert_cmpint (over.status, ==, 1);
  g_assert_nonnull (strstr (over.err, "already exists"));
}

static void
test_wrong_password (void)
{
  g_autofree char *local = g_build_filename (g_get_user_data_dir (), "pw.db", NULL);
  g_autofree char *uri = team_uri ("Sesame-42");
  g_auto (Run) init = { 0 };
  g_auto (Run) migrate = { 0 };

  kefuctl (&init, "--db", local, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  kefuctl (&migrate, "--db", local, "team", "migrate", "--to", uri, NULL);
  g_assert_cmpint (migrate.status, ==, 3);
  g_assert_nonnull (strstr (migrate.err, "refused the user name or password"));
  g_assert_null (strstr (migrate.err, "Sesame"));
  g_assert_null (strstr (migrate.out, "Sesame"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (g_getenv ("KEFU_TEST_PG") == NULL || g_getenv ("KEFUCTL") == NULL)
    g_error ("test-team-move needs KEFUCTL and a PostgreSQL: run it through meson test");

  g_test_add_func ("/store/team/round-trip", test_round_trip);
  g_test_add_func ("/store/team/wrong-password", test_wrong_password);

  return g_test_run ();
}
