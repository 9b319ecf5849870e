/* test-search.c: full-text search finds English word forms and Chinese words, safely.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "kefu-fts-tokenizer.h"
#include "kefu-store-harness.h"

typedef KefuStoreFixture Fixture;

/* Delivers an e-mail; returns the ticket it opened. */
static gint64
receive (Fixture    *fixture,
         const char *from,
         const char *name,
         const char *subject,
         const char *text)
{
  g_autoptr (KefuInbound) inbound = kefu_test_email (from, subject, text);
  g_autoptr (KefuDelivery) delivery = NULL;

  inbound->sender_name = g_strdup (name);
  delivery = kefu_test_receive (fixture->router, inbound);

  return delivery->ticket_id;
}

static gboolean
results_have (GPtrArray *tickets,
              gint64     ticket_id)
{
  for (guint i = 0; i < tickets->len; i++)
    if (kefu_ticket_get_id (g_ptr_array_index (tickets, i)) == ticket_id)
      return TRUE;

  return FALSE;
}

static void
assert_finds (Fixture    *fixture,
              const char *text,
              gint64      ticket_id)
{
  g_autoptr (GPtrArray) tickets = kefu_test_search (fixture->store, text);

  if (!results_have (tickets, ticket_id))
    g_error ("Searching for “%s” did not find ticket %" PRId64, text, ticket_id);
}

static void
assert_misses (Fixture    *fixture,
               const char *text,
               gint64      ticket_id)
{
  g_autoptr (GPtrArray) tickets = kefu_test_search (fixture->store, text);

  if (results_have (tickets, ticket_id))
    g_error ("Searching for “%s” found ticket %" PRId64, text, ticket_id);
}

static void
test_english_word_forms (Fixture       *fixture,
                         gconstpointer  user_data)
{
  gint64 refunds = receive (fixture, "a@example.com", NULL, "Order 1", "Do you give refunds for sale items?");
  gint64 refunded = receive (fixture, "b@example.com", NULL, "Order 2", "I was never refunded for the broken lamp.");
  gint64 refund = receive (fixture, "c@example.com", NULL, "Refund please", "The box was empty.");
  gint64 other = receive (fixture, "d@example.com", NULL, "Shipping", "Where is my parcel?");

  assert_finds (fixture, "refund", refunds);
  assert_finds (fixture, "refund", refunded);
  assert_finds (fixture, "refund", refund);
  assert_finds (fixture, "refunding", refund);
  assert_finds (fixture, "REFUNDS", refunded);
  assert_misses (fixture, "refund", other);

  /* Terms are ANDed. */
  assert_finds (fixture, "refunded lamp", refunded);
  assert_misses (fixture, "refunded lamp", refunds);
}

static void
test_chinese_words (Fixture       *fixture,
                    gconstpointer  user_data)
{
  gint64 refund = receive (fixture, "e@example.com", NULL, "售后", "我想申请退款，谢谢");
  gint64 invoice = receive (fixture, "f@example.com", NULL, "开票", "请帮我开发票");
  gint64 other = receive (fixture, "g@example.com", NULL, "问候", "你好，在吗？");

  assert_finds (fixture, "退款", refund);
  assert_finds (fixture, "申请退款", refund);
  assert_finds (fixture, "发票", invoice);
  assert_misses (fixture, "退款", invoice);
  assert_misses (fixture, "发票", refund);
  assert_misses (fixture, "退款", other);

  /* One character: a prefix over the bigrams, and the run's last character. */
  assert_finds (fixture, "票", invoice);
  assert_finds (fixture, "退", refund);
  assert_misses (fixture, "票", refund);
}

static void
test_traditional_simplified (Fixture       *fixture,
                             gconstpointer  user_data)
{
  gint64 simplified = receive (fixture, "h@example.com", NULL, "订单", "运费怎么算？");
  gint64 traditional = receive (fixture, "i@example.com", NULL, "訂單", "請問運費多少錢？");

  assert_finds (fixture, "運費", simplified);
  assert_finds (fixture, "运费", traditional);
  assert_finds (fixture, "运费", simplified);
  assert_finds (fixture, "運費", traditional);
  assert_finds (fixture, "订单", traditional);
}

static void
test_customer_names (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 wang = receive (fixture, "wang@example.cn", "王小明", "Hello", "Nothing special here.");
  gint64 alice = receive (fixture, "alice@example.com", "Alice Smith", "Question", "Nothing to see.");
  gint64 other = receive (fixture, "bob@example.com", "Bob Jones", "Question", "Nothing to see.");

  assert_finds (fixture, "王小明", wang);
  assert_finds (fixture, "小明", wang);
  assert_finds (fixture, "smith", alice);
  assert_finds (fixture, "Alice Smith", alice);
  assert_misses (fixture, "smith", other);
  assert_misses (fixture, "王小明", alice);

  /* Addresses are part of the customer too. */
  assert_finds (fixture, "alice@example.com", alice);
}

static void
test_subject (Fixture       *fixture,
              gconstpointer  user_data)
{
  gint64 ticket = receive (fixture, "j@example.com", NULL, "Warranty claim", "See attached.");

  assert_finds (fixture, "warranty", ticket);
  assert_finds (fixture, "claims", ticket);
}

static void
test_index_follows_edits (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr (KefuTicketChange) change = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GError) error = NULL;
  gint64 ticket_id = receive (fixture, "m@example.com", NULL, "Lamp flickers", "It blinks.");
  gint64 again;

  change = kefu_ticket_change_new (ticket_id, 0);
  change->what = KEFU_TICKET_CHANGE_SUBJECT;
  change->subject = g_strdup ("发票 for order 88");
  kefu_store_update_ticket_async (fixture->store, change, NULL, kefu_test_result_cb, &result);
  ticket = kefu_store_update_ticket_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  assert_finds (fixture, "发票", ticket_id);
  assert_misses (fixture, "flickers", ticket_id);
  /* Messages stay indexed under their ticket. */
  assert_finds (fixture, "blinks", ticket_id);

  /* A later message on the same ticket is found too. */
  again = receive (fixture, "m@example.com", NULL, "Re: Lamp", "Now it smokes.");
  g_assert_cmpint (again, ==, ticket_id);
  assert_finds (fixture, "smoke", ticket_id);
}

static void
test_no_match (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (GPtrArray) tickets = NULL;

  receive (fixture, "k@example.com", NULL, "Refund", "我想申请退款");
  tickets = kefu_test_search (fixture->store, "xylophone");
  g_assert_cmpuint (tickets->len, ==, 0);
  g_clear_pointer (&tickets, g_ptr_array_unref);
  tickets = kefu_test_search (fixture->store, "发货");
  g_assert_cmpuint (tickets->len, ==, 0);
}

static void
test_hostile_queries (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char *const queries[] = {
    "", " ", "\"", "\"\"", "\"refund", "refund\"", "'", "''", "NEAR(", "NEAR(a b", "NEAR(a, b)",
    "*", "**", "refund*", "*refund", "^", "^refund", "subject:refund", ":", "text:", "a:b:c",
    "AND", "OR", "NOT", "refund AND", "OR refund", "NOT refund", "(", ")", "(refund", "refund)",
    "{", "}", "{subject}: refund", "-", "-refund", "+", "\\", "%", "_", ";", "'; DROP TABLE tickets; --",
    "\xe9\x80", "\xff\xfe", "退\"款", "退*", "\t\n", "\xe3\x80\x80", "ＲＥＦＵＮＤ", "①②③",
  };
  g_autofree char *long_query = NULL;
  g_autofree char *long_word = NULL;
  g_autoptr (GString) many = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *corpus = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *corpus_path = NULL;
  gint64 ticket = receive (fixture, "l@example.com", NULL, "Refund", "A refund please");

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr (GPtrArray) tickets = kefu_test_search (fixture->store, queries[i]);
      g_assert_nonnull (tickets);
    }

  /* Full-width letters are folded by NFKC. */
  assert_finds (fixture, "ＲＥＦＵＮＤ", ticket);
  /* Blank text is no filter at all. */
  assert_finds (fixture, "   ", ticket);
  /* Syntax is only ever text. */
  assert_finds (fixture, "refund*", ticket);
  assert_finds (fixture, "\"refund\"", ticket);
  assert_finds (fixture, "(refund)", ticket);

  long_query = g_strnfill (10000, 'a');
  {
    g_autoptr (GPtrArray) tickets = kefu_test_search (fixture->store, long_query);
    g_assert_cmpuint (tickets->len, ==, 0);
  }
  for (guint i = 0; i < 2000; i++)
    g_string_append (many, "refund \" NEAR( * ^ : ");
  {
    g_autoptr (GPtrArray) tickets = kefu_test_search (fixture->store, many->str);
    g_assert_nonnull (tickets);
  }
  long_word = g_strnfill (10000, '\"');
  {
    g_autoptr (GPtrArray) tickets = kefu_test_search (fixture->store, long_word);
    g_assert_cmpuint (tickets->len, ==, 0);
  }

  /* And every line of the hostile corpus. */
  corpus_path = g_test_build_filename (G_TEST_DIST, "corpora", "search-queries.txt", NULL);
  g_file_get_contents (corpus_path, &corpus, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (corpus, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (GPtrArray) tickets = kefu_test_search (fixture->store, lines[i]);
      g_assert_nonnull (tickets);
    }
}

static void
test_customer_filter (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) customers = NULL;

  receive (fixture, "wang@example.cn", "王小明", "Hi", "Hello");
  receive (fixture, "alice@example.com", "Alice Smith", "Hi", "Hello");

  kefu_store_list_customers_async (fixture->store, "小明", 0, 50, NULL, kefu_test_result_cb, &result);
  customers = kefu_store_list_customers_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 1);
  g_assert_cmpstr (kefu_customer_get_name (g_ptr_array_index (customers, 0)), ==, "王小明");
  g_clear_pointer (&customers, g_ptr_array_unref);
  g_clear_object (&result);

  kefu_store_list_customers_async (fixture->store, "\"NEAR(", 0, 50, NULL, kefu_test_result_cb, &result);
  customers = kefu_store_list_customers_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 0);
}

static gboolean
tokens_equal (const char         *text,
              gboolean            query,
              const char *const  *expected)
{
  g_autoptr (GPtrArray) tokens = kefu_fts_tokenize (text, query);

  if (tokens->len != g_strv_length ((char **)expected))
    return FALSE;
  for (guint i = 0; i < tokens->len; i++)
    if (g_strcmp0 (g_ptr_array_index (tokens, i), expected[i]) != 0)
      return FALSE;

  return TRUE;
}

static void
test_tokenizer (void)
{
  g_assert_true (tokens_equal ("Hello, WORLD!", FALSE, (const char *const[]) { "hello", "world", NULL }));
  g_assert_true (tokens_equal ("ＡＢＣ１２３", FALSE, (const char *const[]) { "abc123", NULL }));
  g_assert_true (tokens_equal ("申请退款", FALSE,
                               (const char *const[]) { "申请", "请退", "退款", "款", NULL }));
  g_assert_true (tokens_equal ("申请退款", TRUE, (const char *const[]) { "申请", "请退", "退款", NULL }));
  g_assert_true (tokens_equal ("運費", FALSE, (const char *const[]) { "运费", "费", NULL }));
  g_assert_true (tokens_equal ("票", TRUE, (const char *const[]) { "票", NULL }));
  g_assert_true (tokens_equal ("退款refund了", FALSE,
                               (const char *const[]) { "退款", "款", "refund", "了", NULL }));
  g_assert_true (tokens_equal ("\xff\xfe ok", FALSE, (const char *const[]) { "ok", NULL }));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/search/tokenizer", test_tokenizer);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, kefu_store_fixture_set_up, func, kefu_store_fixture_tear_down)
  ADD ("/store/search/english-word-forms", test_english_word_forms);
  ADD ("/store/search/chinese-words", test_chinese_words);
  ADD ("/store/search/traditional-simplified", test_traditional_simplified);
  ADD ("/store/search/customer-names", test_customer_names);
  ADD ("/store/search/subject", test_subject);
  ADD ("/store/search/index-follows-edits", test_index_follows_edits);
  ADD ("/store/search/no-match", test_no_match);
  ADD ("/store/search/hostile-queries", test_hostile_queries);
  ADD ("/store/search/customer-filter", test_customer_filter);
#undef ADD

  return g_test_run ();
}
