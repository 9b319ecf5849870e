/* test-voice-menu.c: the voice menu reads knowledge-base answers by key, in the caller's language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-robot.h"
#include "kefu-store-kb.h"
#include "kefu-test-util.h"
#include "kefu-voice-menu.h"

static const char kb_json[] =
  "[{\"id\": \"h-en\", \"group\": \"hours\", \"lang\": \"en\", \"question\": \"our opening hours\","
  "  \"answer\": \"We are open from 9:00 to 21:00 every day.\", \"tags\": [\"phone-menu-1\"]},"
  " {\"id\": \"h-zh\", \"group\": \"hours\", \"lang\": \"zh-Hans\", \"question\": \"营业时间\","
  "  \"answer\": \"我们每天9:00到21:00营业。\"},"
  " {\"id\": \"h-tw\", \"group\": \"hours\", \"lang\": \"zh-Hant\", \"question\": \"營業時間\","
  "  \"answer\": \"我們每天9:00到21:00營業。\"},"
  " {\"id\": \"a-en\", \"group\": \"address\", \"lang\": \"en\", \"question\": \"our address?\","
  "  \"answer\": \"12 West Lake Road, Hangzhou.\", \"tags\": [\"phone-menu-2\"]},"
  " {\"id\": \"a-zh\", \"group\": \"address\", \"lang\": \"zh-Hans\", \"question\": \"门店地址？\","
  "  \"answer\": \"杭州西湖路12号。\"},"
  " {\"id\": \"x-en\", \"group\": \"sale\", \"lang\": \"en\", \"question\": \"the sale\","
  "  \"answer\": \"The sale is over.\", \"tags\": [\"phone-menu-3\"], \"enabled\": false}]";

static KefuKnowledgeBase *
load_kb (void)
{
  g_autoptr (KefuKnowledgeBase) kb = kefu_knowledge_base_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (kefu_knowledge_base_load_json (kb, kb_json, -1, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&kb);
}

static void
test_answers (void)
{
  g_autoptr (KefuKnowledgeBase) kb = load_kb ();
  g_autofree char *en = kefu_voice_menu_text (kb, '1', "en");
  g_autofree char *zh = kefu_voice_menu_text (kb, '1', "zh-Hans");
  g_autofree char *tw = kefu_voice_menu_text (kb, '1', "zh-Hant");
  g_autofree char *tw_address = kefu_voice_menu_text (kb, '2', "zh-Hant");
  g_autofree char *off = kefu_voice_menu_text (kb, '3', "en");
  g_autofree char *none = kefu_voice_menu_text (kb, '7', "en");
  g_autofree char *hash = kefu_voice_menu_text (kb, '#', "en");

  g_assert_cmpstr (en, ==, "We are open from 9:00 to 21:00 every day.");
  g_assert_cmpstr (zh, ==, "我们每天9:00到21:00营业。");
  g_assert_cmpstr (tw, ==, "我們每天9:00到21:00營業。");
  /* No traditional entry: the simplified one, as for chat and mail. */
  g_assert_cmpstr (tw_address, ==, "杭州西湖路12号。");
  /* A switched-off entry is not read, nor is a key without an entry. */
  g_assert_null (off);
  g_assert_null (none);
  g_assert_null (hash);
}

static void
test_menu (void)
{
  g_autoptr (KefuKnowledgeBase) kb = load_kb ();
  g_autoptr (KefuKnowledgeBase) empty = kefu_knowledge_base_new ();
  g_autofree char *en = kefu_voice_menu_text (kb, '0', "en");
  g_autofree char *zh = kefu_voice_menu_text (kb, '*', "zh-Hans");
  g_autofree char *nothing = kefu_voice_menu_text (empty, '0', "en");

  g_assert_cmpstr (en, ==, "For our opening hours, press 1. For our address, press 2.");
  g_assert_cmpstr (zh, ==, "营业时间，请按 1。 门店地址，请按 2。");
  g_assert_cmpstr (nothing, ==, "Sorry, the phone menu is empty.");
}

static void
test_caller_lang (void)
{
  g_assert_cmpstr (kefu_voice_menu_caller_lang ("+8613800138000", "en"), ==, "zh-Hans");
  g_assert_cmpstr (kefu_voice_menu_caller_lang ("+886912345678", "en"), ==, "zh-Hant");
  g_assert_cmpstr (kefu_voice_menu_caller_lang ("+85291234567", "en"), ==, "zh-Hant");
  g_assert_cmpstr (kefu_voice_menu_caller_lang ("+14155550100", "zh-Hans"), ==, "en");
  g_assert_cmpstr (kefu_voice_menu_caller_lang ("057155501234", "zh-Hans"), ==, "zh-Hans");
  g_assert_cmpstr (kefu_voice_menu_caller_lang (NULL, "zh-Hans"), ==, "zh-Hans");
}

/* The robot answers from the knowledge base it loaded from the store. */
static void
test_robot (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autoptr (KefuSqliteStore) store = kefu_test_open_store (path);
  g_autoptr (KefuRouter) router = kefu_router_new (KEFU_STORE (store));
  g_autoptr (KefuRobot) robot = kefu_robot_new (router);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *us = NULL;
  g_autofree char *cn = NULL;

  before = kefu_robot_dup_voice_menu_text (robot, '1', "+14155550100");
  g_assert_null (before);

  kefu_store_put_kb_entries_async (KEFU_STORE (store), kb_json, TRUE, NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_store_put_kb_entries_finish (KEFU_STORE (store), kefu_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  kefu_robot_load_async (robot, NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_robot_load_finish (robot, kefu_test_wait (&result), &error));
  g_assert_no_error (error);

  us = kefu_robot_dup_voice_menu_text (robot, '1', "+14155550100");
  cn = kefu_robot_dup_voice_menu_text (robot, '1', "+8613800138000");
  g_assert_cmpstr (us, ==, "We are open from 9:00 to 21:00 every day.");
  g_assert_cmpstr (cn, ==, "我们每天9:00到21:00营业。");

  g_clear_object (&robot);
  kefu_sqlite_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/robot/voice-menu/answers", test_answers);
  g_test_add_func ("/robot/voice-menu/menu", test_menu);
  g_test_add_func ("/robot/voice-menu/caller-lang", test_caller_lang);
  g_test_add_func ("/robot/voice-menu/robot", test_robot);

  return g_test_run ();
}
