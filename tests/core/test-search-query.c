/* test-search-query.c: what a person types into search, split into words and filters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-search-query.h"

static void
test_words_only (void)
{
  g_autoptr (KefuSearchQuery) query = kefu_search_query_parse ("  teapot   broken ");

  g_assert_cmpstr (query->text, ==, "teapot broken");
  g_assert_null (query->from);
  g_assert_cmpint (query->channel, ==, -1);
  g_assert_cmpint (query->status, ==, -1);
  g_assert_null (query->tags);
  g_assert_cmpint (query->number, ==, 0);
  g_assert_false (kefu_search_query_has_filter (query));
  g_assert_false (kefu_search_query_is_empty (query));
}

static void
test_filters (void)
{
  g_autoptr (KefuSearchQuery) query =
    kefu_search_query_parse ("from:amy@example.org channel:email status:Open tag:vip tag:refund #1024 teapot");

  g_assert_cmpstr (query->text, ==, "teapot");
  g_assert_cmpstr (query->from, ==, "amy@example.org");
  g_assert_cmpint (query->channel, ==, KEFU_CHANNEL_KIND_EMAIL);
  g_assert_cmpint (query->status, ==, KEFU_TICKET_STATUS_OPEN);
  g_assert_cmpuint (g_strv_length (query->tags), ==, 2);
  g_assert_cmpstr (query->tags[0], ==, "vip");
  g_assert_cmpstr (query->tags[1], ==, "refund");
  g_assert_cmpint (query->number, ==, 1024);
  g_assert_true (kefu_search_query_has_filter (query));
}

static void
test_quoted (void)
{
  g_autoptr (KefuSearchQuery) query = kefu_search_query_parse ("from:\"Amy Chen\" \"left warehouse\"");

  g_assert_cmpstr (query->from, ==, "Amy Chen");
  g_assert_cmpstr (query->text, ==, "left warehouse");
}

static void
test_chinese (void)
{
  /* Chinese keys and values, a full-width colon and hash, an ideographic space. */
  g_autoptr (KefuSearchQuery) query = kefu_search_query_parse ("渠道：聊天\xe3\x80\x80状态:待处理 标签:退款 ＃7 来自:王芳 杯子 裂纹");

  g_assert_cmpint (query->channel, ==, KEFU_CHANNEL_KIND_CHAT);
  g_assert_cmpint (query->status, ==, KEFU_TICKET_STATUS_PENDING);
  g_assert_cmpstr (query->tags[0], ==, "退款");
  g_assert_cmpint (query->number, ==, 7);
  g_assert_cmpstr (query->from, ==, "王芳");
  g_assert_cmpstr (query->text, ==, "杯子 裂纹");
}

static void
test_not_filters (void)
{
  /* Unknown keys and values, a time, a URL and a hash tag stay words. */
  g_autoptr (KefuSearchQuery) query =
    kefu_search_query_parse ("status:lost channel:pigeon 12:30 https://shop.example #abc #0 :x");

  g_assert_cmpstr (query->text, ==, "status:lost channel:pigeon 12:30 https://shop.example #abc #0 :x");
  g_assert_false (kefu_search_query_has_filter (query));
}

static void
test_typing (void)
{
  /* A filter still being typed narrows nothing and is not searched for. */
  g_autoptr (KefuSearchQuery) half = kefu_search_query_parse ("tag:");
  g_autoptr (KefuSearchQuery) empty = kefu_search_query_parse ("   ");
  g_autoptr (KefuSearchQuery) none = kefu_search_query_parse (NULL);

  g_assert_true (kefu_search_query_is_empty (half));
  g_assert_true (kefu_search_query_is_empty (empty));
  g_assert_true (kefu_search_query_is_empty (none));
}

static void
test_hostile (void)
{
  /* Invalid UTF-8, an endless quote and a huge input are bounded, never fatal. */
  g_autofree char *huge = g_strnfill (100000, 'a');
  g_autoptr (KefuSearchQuery) bad = kefu_search_query_parse ("from:\"\xff\xfe unterminated tag:x");
  g_autoptr (KefuSearchQuery) big = kefu_search_query_parse (huge);
  g_autoptr (KefuSearchQuery) copy = NULL;

  g_assert_true (g_utf8_validate (bad->from, -1, NULL));
  g_assert_null (bad->tags);
  g_assert_cmpuint (strlen (big->text), <=, 4096);

  copy = kefu_search_query_copy (bad);
  g_assert_cmpstr (copy->from, ==, bad->from);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/search-query/words-only", test_words_only);
  g_test_add_func ("/core/search-query/filters", test_filters);
  g_test_add_func ("/core/search-query/quoted", test_quoted);
  g_test_add_func ("/core/search-query/chinese", test_chinese);
  g_test_add_func ("/core/search-query/not-filters", test_not_filters);
  g_test_add_func ("/core/search-query/typing", test_typing);
  g_test_add_func ("/core/search-query/hostile", test_hostile);

  return g_test_run ();
}
