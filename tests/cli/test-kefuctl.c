/* test-kefuctl.c: kefuctl run as a program, on temp databases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

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

/* Runs kefuctl with the arguments up to NULL; returns its exit status. */
static int
kefuctl (Run        *run,
         const char *first,
         ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *program = g_getenv ("KEFUCTL");
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (program);
  g_ptr_array_add (argv, (gpointer)program);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_clear (run);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);

  if (run->status != 0)
    g_test_message ("kefuctl %s… exited %d: %s", first, run->status, run->err);

  return run->status;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_ref (json_parser_get_root (parser));
}

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "kefuctl-tests", NULL);

  g_mkdir_with_parents (dir, 0700);

  return g_build_filename (dir, name, NULL);
}

/* The demo database of the running case (each case has its own temp dirs). */
static const char *
demo_db (void)
{
  static char *path;
  g_auto (Run) run = { 0 };

  g_free (path);
  path = temp_path ("demo.db");
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;

  g_assert_cmpint (kefuctl (&run, "--db", path, "demo", "--tickets", "60", "--seed", "7", NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "60 tickets"));

  return path;
}

static void
test_init (void)
{
  g_autofree char *path = temp_path ("init.db");
  g_auto (Run) run = { 0 };
  g_autoptr (JsonNode) tickets = NULL;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (kefuctl (&run, "init", "--db", path, "--region", "cn", NULL), ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_str_has_prefix (run.out, path));

  /* Twice is fine: init only migrates. */
  g_assert_cmpint (kefuctl (&run, "--db", path, "init", NULL), ==, 0);

  g_assert_cmpint (kefuctl (&run, "--db", path, "tickets", "--json", NULL), ==, 0);
  tickets = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (tickets));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (tickets)), ==, 0);
}

static JsonArray *
list_all (JsonNode   **root,
          const char  *db)
{
  g_auto (Run) run = { 0 };

  g_assert_cmpint (kefuctl (&run, "tickets", "--db", db, "--view", "all", "--limit", "0", "--json", NULL), ==, 0);
  *root = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*root));

  return json_node_get_array (*root);
}

static void
test_demo_tickets (void)
{
  g_autoptr (JsonNode) root = NULL;
  g_auto (Run) run = { 0 };
  g_autoptr (GHashTable) channels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) statuses = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *tickets = list_all (&root, demo_db ());
  guint64 messages = 0;

  g_assert_cmpuint (json_array_get_length (tickets), ==, 60);
  for (guint i = 0; i < json_array_get_length (tickets); i++)
    {
      JsonObject *ticket = json_array_get_object_element (tickets, i);

      g_assert_cmpint (json_object_get_int_member (ticket, "number"), >, 0);
      g_assert_cmpstr (json_object_get_string_member (ticket, "subject"), !=, "");
      g_assert_nonnull (json_object_get_object_member (ticket, "customer"));
      g_hash_table_add (channels, (gpointer)json_object_get_string_member (ticket, "channel"));
      g_hash_table_add (statuses, (gpointer)json_object_get_string_member (ticket, "status"));
      messages += json_object_get_int_member (ticket, "message_count");
    }

  /* All three channels, several statuses, conversations of some length. */
  g_assert_cmpuint (g_hash_table_size (channels), ==, 3);
  g_assert_cmpuint (g_hash_table_size (statuses), >=, 3);
  g_assert_cmpuint (messages, >=, 60 * 5);

  /* The inbox (the default view) is a subset. */
  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "tickets", NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "SUBJECT"));
}

static void
test_ticket (void)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) shown = NULL;
  g_auto (Run) run = { 0 };
  JsonArray *tickets = list_all (&root, demo_db ());
  JsonObject *first = json_array_get_object_element (tickets, 0);
  g_autofree char *number = g_strdup_printf ("%" PRId64, json_object_get_int_member (first, "number"));
  JsonArray *messages;
  JsonObject *ticket;

  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "ticket", number, "--json", NULL), ==, 0);
  shown = parse_json (run.out);
  ticket = json_object_get_object_member (json_node_get_object (shown), "ticket");
  messages = json_object_get_array_member (json_node_get_object (shown), "messages");
  g_assert_cmpstr (json_object_get_string_member (ticket, "subject"), ==, json_object_get_string_member (first, "subject"));
  g_assert_cmpuint (json_array_get_length (messages), ==, json_object_get_int_member (first, "message_count"));
  g_assert_cmpuint (json_array_get_length (messages), >=, 1);
  g_assert_nonnull (json_object_get_object_member (json_node_get_object (shown), "customer"));

  /* People get the subject and every message's text. */
  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "ticket", number, NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, json_object_get_string_member (first, "subject")));
  g_assert_nonnull (strstr (run.out, json_object_get_string_member (json_array_get_object_element (messages, 0), "text")));
}

/* Every ticket search finds holds @word in its subject or a message. */
static void
check_search (const char *word)
{
  g_autoptr (JsonNode) found = NULL;
  g_auto (Run) run = { 0 };
  JsonArray *tickets;

  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "search", word, "--json", "--limit", "0", NULL), ==, 0);
  found = parse_json (run.out);
  tickets = json_node_get_array (found);
  g_assert_cmpuint (json_array_get_length (tickets), >, 0);

  for (guint i = 0; i < json_array_get_length (tickets); i++)
    {
      JsonObject *ticket = json_array_get_object_element (tickets, i);
      g_autofree char *number = g_strdup_printf ("%" PRId64, json_object_get_int_member (ticket, "number"));
      g_autofree char *lower = NULL;

      g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "ticket", number, "--json", NULL), ==, 0);
      lower = g_utf8_strdown (run.out, -1);
      g_assert_nonnull (strstr (lower, word));
    }
}

static void
test_search (void)
{
  check_search ("退款");
  check_search ("refund");
}

static void
test_customers (void)
{
  g_autoptr (JsonNode) root = NULL;
  g_auto (Run) run = { 0 };
  JsonArray *customers;
  gboolean has_chinese = FALSE;
  gboolean has_identity = FALSE;

  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "customers", "--json", "--limit", "0", NULL), ==, 0);
  root = parse_json (run.out);
  customers = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (customers), >=, 10);

  for (guint i = 0; i < json_array_get_length (customers); i++)
    {
      JsonObject *customer = json_array_get_object_element (customers, i);
      const char *name = json_object_get_string_member (customer, "name");

      g_assert_cmpstr (name, !=, "");
      has_chinese |= g_unichar_iswide (g_utf8_get_char (name));
      has_identity |= json_array_get_length (json_object_get_array_member (customer, "identities")) > 0;
    }
  g_assert_true (has_chinese);
  g_assert_true (has_identity);
}

static char *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
test_export_import (void)
{
  g_autofree char *first = temp_path ("first.json");
  g_autofree char *second = temp_path ("second.json");
  g_autofree char *copy = temp_path ("imported.db");
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autoptr (JsonNode) archive = NULL;
  g_auto (Run) run = { 0 };

  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "export", first, NULL), ==, 0);
  g_assert_cmpint (kefuctl (&run, "--db", copy, "import", first, NULL), ==, 0);
  g_assert_cmpint (kefuctl (&run, "--db", copy, "export", second, NULL), ==, 0);

  first_text = read_file (first);
  second_text = read_file (second);
  archive = parse_json (first_text);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (archive), "format"), ==, "kefu-archive");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (archive), "tickets")), ==, 60);
  g_assert_true (g_str_equal (first_text, second_text));

  /* Standard output gives the same bytes. */
  g_assert_cmpint (kefuctl (&run, "--db", copy, "export", NULL), ==, 0);
  g_assert_true (g_str_equal (run.out, first_text));

  /* An archive only goes into an empty database. */
  g_assert_cmpint (kefuctl (&run, "--db", copy, "import", first, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "kefuctl: "));
}

static void
test_backup_restore (void)
{
  g_autofree char *backup = temp_path ("backup.db");
  g_autofree char *restored = temp_path ("restored.db");
  g_autofree char *before = NULL;
  g_auto (Run) run = { 0 };

  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "tickets", "--json", "--view", "all", "--limit", "0", NULL), ==, 0);
  before = g_strdup (run.out);

  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "backup", backup, NULL), ==, 0);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  /* A backup never overwrites. */
  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "backup", backup, NULL), !=, 0);

  g_assert_cmpint (kefuctl (&run, "--db", restored, "restore", backup, NULL), ==, 0);
  g_assert_cmpint (kefuctl (&run, "--db", restored, "tickets", "--json", "--view", "all", "--limit", "0", NULL), ==, 0);
  g_assert_cmpstr (run.out, ==, before);

  /* Replacing a database needs --force. */
  g_assert_cmpint (kefuctl (&run, "--db", restored, "restore", backup, NULL), ==, 1);
  g_assert_cmpint (kefuctl (&run, "--db", restored, "restore", "--force", backup, NULL), ==, 0);
}

static void
test_exit_codes (void)
{
  g_autofree char *corrupt = temp_path ("corrupt.db");
  g_autofree char *missing = temp_path ("missing.db");
  g_autoptr (GError) error = NULL;
  g_auto (Run) run = { 0 };
  char garbage[8192];

  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "ticket", "999999", NULL), ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "kefuctl: "));
  g_assert_cmpstr (run.out, ==, "");

  g_assert_cmpint (kefuctl (&run, "frobnicate", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "kefuctl: "));
  g_assert_cmpint (kefuctl (&run, NULL), ==, 1);
  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "tickets", "--no-such-option", NULL), ==, 1);
  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "tickets", "--view", "someday", NULL), ==, 1);
  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "ticket", "abc", NULL), ==, 1);
  g_assert_cmpint (kefuctl (&run, "--db", demo_db (), "demo", "--tickets", "5", NULL), ==, 1);

  g_assert_cmpint (kefuctl (&run, "--db", missing, "tickets", NULL), ==, 2);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char)(i * 7 + 3);
  g_file_set_contents (corrupt, garbage, sizeof garbage, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefuctl (&run, "--db", corrupt, "tickets", NULL), ==, 3);
  g_assert_true (g_str_has_prefix (run.err, "kefuctl: "));

  g_assert_cmpint (kefuctl (&run, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "Exit status"));
  g_assert_cmpint (kefuctl (&run, "search", "--help", NULL), ==, 0);
  g_assert_cmpint (kefuctl (&run, "--version", NULL), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/kefuctl/init", test_init);
  g_test_add_func ("/cli/kefuctl/demo-tickets", test_demo_tickets);
  g_test_add_func ("/cli/kefuctl/ticket", test_ticket);
  g_test_add_func ("/cli/kefuctl/search", test_search);
  g_test_add_func ("/cli/kefuctl/customers", test_customers);
  g_test_add_func ("/cli/kefuctl/export-import", test_export_import);
  g_test_add_func ("/cli/kefuctl/backup-restore", test_backup_restore);
  g_test_add_func ("/cli/kefuctl/exit-codes", test_exit_codes);

  return g_test_run ();
}
