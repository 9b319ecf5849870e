/* test-knowledge-base.c: kb.json loads as it is; JSON and CSV round-trip; the store keeps it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-knowledge-base.h"
#include "kefu-store-kb.h"
#include "kefu-test-util.h"

static KefuKnowledgeBase *
load_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpora", "robot", "kb.json", NULL);
  g_autoptr (KefuKnowledgeBase) knowledge_base = kefu_knowledge_base_new ();
  g_autoptr (GError) error = NULL;

  kefu_knowledge_base_load_file (knowledge_base, path, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&knowledge_base);
}

static void
assert_same (KefuKnowledgeBase *a,
             KefuKnowledgeBase *b)
{
  g_assert_cmpuint (kefu_knowledge_base_get_n_entries (a), ==, kefu_knowledge_base_get_n_entries (b));
  for (guint i = 0; i < kefu_knowledge_base_get_n_entries (a); i++)
    {
      const KefuKbEntry *x = kefu_knowledge_base_get_entry (a, i);
      const KefuKbEntry *y = kefu_knowledge_base_get_entry (b, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->group, ==, y->group);
      g_assert_cmpstr (x->lang, ==, y->lang);
      g_assert_cmpstr (x->question, ==, y->question);
      g_assert_cmpstr (x->answer, ==, y->answer);
      g_assert_true (g_strv_equal ((const char *const *)x->alternates, (const char *const *)y->alternates));
      g_assert_true (g_strv_equal ((const char *const *)x->tags, (const char *const *)y->tags));
      g_assert_cmpint (x->enabled, ==, y->enabled);
    }
}

static void
test_load_sample (void)
{
  g_autoptr (KefuKnowledgeBase) knowledge_base = load_sample ();
  g_autoptr (GPtrArray) groups = kefu_knowledge_base_dup_groups (knowledge_base);
  const KefuKbEntry *entry;

  g_assert_cmpuint (kefu_knowledge_base_get_n_entries (knowledge_base), ==, 60);
  g_assert_cmpuint (groups->len, ==, 28);

  entry = kefu_knowledge_base_lookup (knowledge_base, "faq-020");
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->group, ==, "refund-policy");
  g_assert_cmpstr (entry->lang, ==, "en");
  g_assert_cmpuint (g_strv_length (entry->alternates), ==, 3);
  g_assert_true (kefu_kb_entry_has_tag (entry, "refunds"));
}

static void
test_pick_language (void)
{
  g_autoptr (KefuKnowledgeBase) knowledge_base = load_sample ();

  /* The same language, the other Chinese script, then English. */
  g_assert_cmpstr (kefu_knowledge_base_pick (knowledge_base, "refund-policy", "zh-Hant")->id, ==, "faq-022");
  g_assert_cmpstr (kefu_knowledge_base_pick (knowledge_base, "exchange", "zh-Hant")->id, ==, "faq-024");
  g_assert_cmpstr (kefu_knowledge_base_pick (knowledge_base, "customs-duties", "zh-Hans")->id, ==, "faq-016");
  g_assert_cmpstr (kefu_knowledge_base_pick (knowledge_base, "allergies", "zh-Hans")->id, ==, "faq-047");
  g_assert_cmpstr (kefu_knowledge_base_pick (knowledge_base, "invoice-fapiao", "en")->id, ==, "faq-031");
  g_assert_cmpstr (kefu_knowledge_base_pick (knowledge_base, "exchange", "fr")->id, ==, "faq-023");
  g_assert_null (kefu_knowledge_base_pick (knowledge_base, "no-such-group", "en"));
}

static void
test_json_round_trip (void)
{
  g_autoptr (KefuKnowledgeBase) knowledge_base = load_sample ();
  g_autoptr (KefuKnowledgeBase) again = kefu_knowledge_base_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  KefuKbEntry *entry;

  entry = kefu_kb_entry_copy (kefu_knowledge_base_get_entry (knowledge_base, 0));
  entry->enabled = FALSE;
  kefu_knowledge_base_take_entry (knowledge_base, entry);

  json = kefu_knowledge_base_to_json (knowledge_base);
  kefu_knowledge_base_load_json (again, json, -1, &error);
  g_assert_no_error (error);
  assert_same (knowledge_base, again);
  g_assert_false (kefu_knowledge_base_get_entry (again, 0)->enabled);
}

static void
test_csv_round_trip (void)
{
  g_autoptr (KefuKnowledgeBase) knowledge_base = load_sample ();
  g_autoptr (KefuKnowledgeBase) again = kefu_knowledge_base_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = NULL;
  KefuKbEntry *entry;

  /* Commas, quotes and line breaks inside fields. */
  entry = kefu_kb_entry_new ("x-1", "odd", "en", "Is \"this\", a question?", "Line one,\r\nline \"two\"");
  g_strfreev (entry->tags);
  entry->tags = g_strsplit ("a,b|c", "|", -1);
  kefu_knowledge_base_take_entry (knowledge_base, entry);

  csv = kefu_knowledge_base_to_csv (knowledge_base);
  kefu_knowledge_base_load_csv (again, csv, -1, &error);
  g_assert_no_error (error);
  assert_same (knowledge_base, again);
}

static void
test_csv_spreadsheet (void)
{
  g_autoptr (KefuKnowledgeBase) knowledge_base = kefu_knowledge_base_new ();
  g_autoptr (GError) error = NULL;
  const KefuKbEntry *entry;
  /* A byte order mark, columns in another order, an unknown column, no
   * group (each entry its own), a disabled row. */
  const char csv[] =
    "\xef\xbb\xbfQuestion,Answer,ID,Notes,Enabled,Alternates\n"
    "Do you ship to Macau?,Yes.,m-1,internal,yes,\"Macau delivery?\nShip to Macao?\"\n"
    "Old question,Old answer,m-2,,false,\n";

  kefu_knowledge_base_load_csv (knowledge_base, csv, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kefu_knowledge_base_get_n_entries (knowledge_base), ==, 2);
  entry = kefu_knowledge_base_lookup (knowledge_base, "m-1");
  g_assert_cmpstr (entry->group, ==, "m-1");
  g_assert_cmpuint (g_strv_length (entry->alternates), ==, 2);
  g_assert_true (entry->enabled);
  g_assert_false (kefu_knowledge_base_lookup (knowledge_base, "m-2")->enabled);
}

static void
test_invalid (void)
{
  g_autoptr (KefuKnowledgeBase) knowledge_base = load_sample ();
  const char *const bad_json[] = {
    "not json",
    "{\"id\": 1}",
    "[{\"id\": \"a\", \"group\": \"g\", \"lang\": \"en\", \"question\": \"q\"}]",
    "[{\"id\": \"a\", \"group\": \"g\", \"lang\": \"en\", \"question\": \"q\", \"answer\": \"x\", \"tags\": [1]}]",
    "[3]",
  };
  const char *const bad_csv[] = {
    "id,question,answer\nx,\"unterminated,y\n",
    "name,text\na,b\n",
    "id,question,answer\nx,,y\n",
    "id,question,answer\n\xff\xfe,q,a\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_json); i++)
    {
      g_autoptr (GError) error = NULL;
      /* Only the entry without an answer is well-formed but invalid. */
      int code = i == 2 ? KEFU_KB_ERROR_INVALID : KEFU_KB_ERROR_FORMAT;

      g_assert_false (kefu_knowledge_base_load_json (knowledge_base, bad_json[i], -1, &error));
      g_assert_error (error, KEFU_KB_ERROR, code);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_csv); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (kefu_knowledge_base_load_csv (knowledge_base, bad_csv[i], -1, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == KEFU_KB_ERROR);
    }

  /* All or nothing. */
  g_assert_cmpuint (kefu_knowledge_base_get_n_entries (knowledge_base), ==, 60);
}

static char *
list_entries (KefuStore *store)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *json;

  kefu_store_list_kb_entries_async (store, NULL, kefu_test_result_cb, &result);
  json = kefu_store_list_kb_entries_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return json;
}

static gboolean
put_entries (KefuStore   *store,
             const char  *json,
             gboolean     replace_all,
             GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_store_put_kb_entries_async (store, json, replace_all, NULL, kefu_test_result_cb, &result);
  return kefu_store_put_kb_entries_finish (store, kefu_test_wait (&result), error);
}

static void
test_store (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autoptr (KefuSqliteStore) sqlite = kefu_test_open_store (path);
  KefuStore *store = KEFU_STORE (sqlite);
  g_autoptr (KefuKnowledgeBase) knowledge_base = load_sample ();
  g_autoptr (KefuKnowledgeBase) stored = kefu_knowledge_base_new ();
  g_autoptr (KefuKbEntry) entry = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = kefu_knowledge_base_to_json (knowledge_base);
  g_autofree char *listed = NULL;
  g_autofree char *empty = list_entries (store);

  g_assert_cmpstr (empty, ==, "[]");

  put_entries (store, json, FALSE, &error);
  g_assert_no_error (error);
  listed = list_entries (store);
  kefu_knowledge_base_load_json (stored, listed, -1, &error);
  g_assert_no_error (error);
  assert_same (knowledge_base, stored);

  /* An edit keeps the entry's place; a new entry goes last. */
  entry = kefu_kb_entry_copy (kefu_knowledge_base_lookup (knowledge_base, "faq-001"));
  g_free (entry->answer);
  entry->answer = g_strdup ("Just check out.");
  entry->enabled = FALSE;
  kefu_knowledge_base_take_entry (knowledge_base, g_steal_pointer (&entry));
  kefu_knowledge_base_take_entry (knowledge_base, kefu_kb_entry_new ("new-1", "g", "en", "Q?", "A."));
  g_clear_pointer (&json, g_free);
  json = kefu_knowledge_base_to_json (knowledge_base);
  put_entries (store, json, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&listed, g_free);
  listed = list_entries (store);
  kefu_knowledge_base_clear (stored);
  kefu_knowledge_base_load_json (stored, listed, -1, &error);
  g_assert_no_error (error);
  assert_same (knowledge_base, stored);

  kefu_store_delete_kb_entry_async (store, "new-1", NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_store_delete_kb_entry_finish (store, kefu_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  kefu_store_delete_kb_entry_async (store, "new-1", NULL, kefu_test_result_cb, &result);
  g_assert_false (kefu_store_delete_kb_entry_finish (store, kefu_test_wait (&result), &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Refused as a whole, nothing changes. */
  g_assert_false (put_entries (store, "[{\"id\": \"z\"}]", TRUE, &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (put_entries (store, "{]", TRUE, &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Replacing everything. */
  put_entries (store, "[{\"id\": \"only\", \"group\": \"g\", \"lang\": \"en\", \"question\": \"q\", \"answer\": \"a\"}]",
               TRUE, &error);
  g_assert_no_error (error);
  kefu_knowledge_base_clear (stored);
  g_clear_pointer (&listed, g_free);
  listed = list_entries (store);
  kefu_knowledge_base_load_json (stored, listed, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kefu_knowledge_base_get_n_entries (stored), ==, 1);
  g_assert_true (kefu_knowledge_base_get_entry (stored, 0)->enabled);

  kefu_sqlite_store_close (sqlite);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/robot/knowledge-base/load-sample", test_load_sample);
  g_test_add_func ("/robot/knowledge-base/pick-language", test_pick_language);
  g_test_add_func ("/robot/knowledge-base/json-round-trip", test_json_round_trip);
  g_test_add_func ("/robot/knowledge-base/csv-round-trip", test_csv_round_trip);
  g_test_add_func ("/robot/knowledge-base/csv-spreadsheet", test_csv_spreadsheet);
  g_test_add_func ("/robot/knowledge-base/invalid", test_invalid);
  g_test_add_func ("/robot/knowledge-base/store", test_store);

  return g_test_run ();
}
