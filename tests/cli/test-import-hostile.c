/* test-import-hostile.c: every archive in tests/corpora/import fails cleanly.
 *
 * Each must make `kefuctl import` exit 4 with a message that names the
 * problem, and leave the database without a single ticket or customer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "kefu-test-util.h"

/* What the message must say, per file; see tests/corpora/README.md. */
static const struct {
  const char *file;
  const char *says;
} expected[] = {
  { "bad-attachment-hash.json", "does not match its data" },
  { "dangling-customer.json", "tickets[1].customer_id refers to customer 7" },
  { "deep-nesting.json", "nested more than" },
  { "duplicate-ticket-ids.json", "tickets[1].id 1 is used twice" },
  { "empty.json", "empty" },
  { "huge-field.json", "tickets[0].messages[0].text is too long" },
  { "invalid-utf8.json", "not valid UTF-8" },
  { "missing-ticket.json", "tickets[1].messages[0].ticket_id refers to ticket 999" },
  { "negative-id.json", "tickets[1].id is out of range" },
  { "nested-in-field.json", "tickets[1].subject must be text" },
  { "newer-version.json", "version 2" },
  { "not-json.json", "not JSON" },
  { "nul-escape.json", "NUL" },
  { "overflowing-number.json", "number too large" },
  { "trailing-data.json", "after its end" },
  { "truncated.json", "cut short" },
  { "unknown-enum.json", "tickets[1].status is “in-progress”" },
  { "wrong-top-level.json", "not an object" },
  { "wrong-type.json", "tickets[1].subject must be text" },
};

static int
kefuctl (char       **out,
         char       **err,
         const char  *db,
         const char  *command,
         const char  *arg,
         const char  *arg2)
{
  const char *argv[] = { g_getenv ("KEFUCTL"), "--db", db, command, arg, arg2, NULL };
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));

  return WEXITSTATUS (wait_status);
}

static guint
count (const char *db,
       const char *command,
       const char *option)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (kefuctl (&out, &err, db, command, "--json", option), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  return json_array_get_length (json_node_get_array (json_parser_get_root (parser)));
}

static void
test_hostile (gconstpointer data)
{
  const char *path = data;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "hostile", NULL);
  g_autofree char *db = g_build_filename (dir, "import.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *says = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (g_str_equal (expected[i].file, name))
      says = expected[i].says;
  if (says == NULL)
    g_error ("%s has no expected message in test-import-hostile.c", name);

  g_mkdir_with_parents (dir, 0700);

  g_assert_cmpint (kefuctl (&out, &err, db, "import", path, NULL), ==, 4);
  g_test_message ("%s: %s", name, err);
  g_assert_true (g_str_has_prefix (err, "kefuctl: "));
  g_assert_nonnull (strstr (err, says));
  g_assert_null (strstr (err, "CRITICAL"));
  g_assert_cmpstr (out, ==, "");

  g_assert_cmpuint (count (db, "tickets", "--view=all"), ==, 0);
  g_assert_cmpuint (count (db, "customers", "--limit=0"), ==, 0);
}

static void
add_corpus (const char *dir,
            GPtrArray  *paths)
{
  g_autoptr (GDir) entries = NULL;
  g_autoptr (GError) error = NULL;
  const char *name;

  g_assert_nonnull (dir);
  entries = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (entries)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_corpus (g_getenv ("KEFU_IMPORT_CORPUS"), paths);
  add_corpus (g_getenv ("KEFU_IMPORT_CORPUS_GENERATED"), paths);
  g_ptr_array_sort (paths, compare_paths);

  /* Every corpus file has a case, and every case a file. */
  g_assert_cmpuint (paths->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *test_path = g_strdup_printf ("/cli/import-hostile/%s", name);

      g_test_add_data_func (test_path, path, test_hostile);
    }

  return g_test_run ();
}
