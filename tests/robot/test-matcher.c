/* test-matcher.c: the matcher answers what it knows, in the customer's language, and abstains otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-robot-eval.h"
#include "kefu-test-util.h"

static KefuMatcher *
sample_matcher (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpora", "robot", "kb.json", NULL);
  g_autoptr (KefuKnowledgeBase) knowledge_base = kefu_knowledge_base_new ();
  g_autoptr (GError) error = NULL;

  kefu_knowledge_base_load_file (knowledge_base, path, &error);
  g_assert_no_error (error);

  return kefu_matcher_new (knowledge_base);
}

static void
assert_stem (const char *a,
             const char *b)
{
  g_autofree char *x = kefu_text_stem (a);
  g_autofree char *y = kefu_text_stem (b);

  g_assert_cmpstr (x, ==, y);
}

static void
test_stem (void)
{
  assert_stem ("parcels", "parcel");
  assert_stem ("shipped", "shipping");
  assert_stem ("ship", "shipping");
  assert_stem ("stored", "store");
  assert_stem ("refunds", "refunded");
  assert_stem ("deliveries", "delivery");
  assert_stem ("cancellation", "cancel");
  g_assert_true (kefu_text_is_stopword ("the"));
  g_assert_false (kefu_text_is_stopword ("refund"));
}

static char *
join_terms (KefuTextAnalyzer *analyzer,
            const char       *text)
{
  g_autoptr (GArray) terms = kefu_text_analyzer_terms (analyzer, text);
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < terms->len; i++)
    {
      if (i > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, g_array_index (terms, KefuTerm, i).text);
    }

  return g_string_free (joined, FALSE);
}

static void
test_analyzer (void)
{
  g_autoptr (KefuTextAnalyzer) analyzer = kefu_text_analyzer_new ();
  g_autofree char *simplified = join_terms (analyzer, "运费怎么算");
  g_autofree char *traditional = join_terms (analyzer, "運費怎麼算");
  g_autofree char *order = join_terms (analyzer, "Order LT20261231-0001 is LATE");
  g_autofree char *wide = join_terms (analyzer, "ＲＥＦＵＮＤ");

  g_assert_cmpstr (simplified, ==, traditional);
  g_assert_cmpstr (order, ==, "order late");
  g_assert_cmpstr (wide, ==, "refund");

  g_assert_cmpstr (kefu_text_analyzer_guess_language (analyzer, "请问运费多少"), ==, "zh-Hans");
  g_assert_cmpstr (kefu_text_analyzer_guess_language (analyzer, "請問運費多少"), ==, "zh-Hant");
  g_assert_cmpstr (kefu_text_analyzer_guess_language (analyzer, "How much is delivery?"), ==, "en");
  g_assert_cmpstr (kefu_text_analyzer_guess_language (analyzer, "PayPal可以用吗"), ==, "zh-Hans");
  g_assert_null (kefu_text_analyzer_guess_language (analyzer, "👍 123"));
}

static void
test_noise (void)
{
  g_autofree char *stripped = NULL;
  const char email[] =
    "Hi there,\n"
    "\n"
    "Could you tell me when my parcel will arrive? See https://example.test/orders/1\n"
    "\n"
    "Kind regards,\n"
    "Sam Lee\n"
    "Lee Trading Ltd. | sam@example.test\n"
    "\n"
    "On Mon, 2 Nov 2026, Lotus Tea House wrote:\n"
    "> Thank you for your order!\n";

  stripped = kefu_text_strip_noise (email);
  g_assert_cmpstr (stripped, ==, "Could you tell me when my parcel will arrive? See");
  g_clear_pointer (&stripped, g_free);

  /* A greeting alone is all there is. */
  stripped = kefu_text_strip_noise ("Hello!");
  g_assert_cmpstr (stripped, ==, "Hello!");
}

static KefuMatch *
match (KefuMatcher *matcher,
       const char  *text)
{
  KefuMatch *result = kefu_matcher_match (matcher, text);

  g_test_message ("%s → %s %s (confidence %.2f, margin %.2f)", text,
                  result->outcome == KEFU_MATCH_ANSWER ? "answer" :
                  result->outcome == KEFU_MATCH_HANDOFF ? "hand-off" : "abstain",
                  result->entry ? result->entry->id : "-", result->confidence, result->margin);

  return result;
}

static void
assert_answer (KefuMatcher *matcher,
               const char  *text,
               const char  *entry_id)
{
  g_autoptr (KefuMatch) result = match (matcher, text);

  g_assert_cmpint (result->outcome, ==, KEFU_MATCH_ANSWER);
  g_assert_cmpstr (result->entry->id, ==, entry_id);
  g_assert_cmpfloat (result->confidence, >, 0);
  g_assert_cmpfloat (result->confidence, <=, 1);
}

static void
assert_outcome (KefuMatcher      *matcher,
                const char       *text,
                KefuMatchOutcome  outcome)
{
  g_autoptr (KefuMatch) result = match (matcher, text);

  g_assert_cmpint (result->outcome, ==, outcome);
  if (outcome == KEFU_MATCH_ABSTAIN)
    g_assert_null (result->entry);
}

static void
test_match (void)
{
  g_autoptr (KefuMatcher) matcher = sample_matcher ();

  /* Word forms and typos. */
  assert_answer (matcher, "How much does shiping cost to Nanjing?", "faq-010");
  assert_answer (matcher, "is there any caffiene in the white tea", "faq-045");
  assert_answer (matcher, "My refunds still haven't arrived", "faq-020");
  /* Chinese without spaces, and the customer's script picks the entry. */
  assert_answer (matcher, "退款什么时候能到账啊", "faq-021");
  assert_answer (matcher, "退款要多久才會收到", "faq-022");
  /* A group with only a simplified entry, asked in traditional characters. */
  assert_answer (matcher, "會員積分要怎麼使用", "faq-034");
  /* Mixed English and Chinese. */
  assert_answer (matcher, "我的parcel tracking number在哪里看", "faq-006");
  /* An email: greeting, order number, signature. */
  assert_answer (matcher,
                 "Dear team,\n\nOrder LT20261201-0042: the teapot arrived broken and the box was crushed. "
                 "What should I do?\n\nThanks,\nMaria\nSent from my phone", "faq-025");

  /* Asking for a person wins over everything else. */
  assert_outcome (matcher, "人工", KEFU_MATCH_HANDOFF);
  assert_outcome (matcher, "轉人工謝謝", KEFU_MATCH_HANDOFF);
  assert_outcome (matcher, "I need to speak with a real person about my refund", KEFU_MATCH_HANDOFF);
  assert_outcome (matcher, "agent", KEFU_MATCH_HANDOFF);

  /* Nothing to answer. */
  assert_outcome (matcher, "hello", KEFU_MATCH_ABSTAIN);
  assert_outcome (matcher, "在吗在吗", KEFU_MATCH_ABSTAIN);
  assert_outcome (matcher, "qwertyuiop", KEFU_MATCH_ABSTAIN);
  assert_outcome (matcher, "", KEFU_MATCH_ABSTAIN);
  assert_outcome (matcher, "Will it snow in Beijing tomorrow?", KEFU_MATCH_ABSTAIN);
}

/* Hostile input: invalid UTF-8, a huge message, only punctuation. */
static void
test_hostile (void)
{
  g_autoptr (KefuMatcher) matcher = sample_matcher ();
  g_autoptr (GString) huge = g_string_new ("How much is shipping? ");
  g_autoptr (KefuMatch) invalid = kefu_matcher_match (matcher, "\xff\xfe refund \xc3");
  g_autoptr (KefuMatch) punctuation = kefu_matcher_match (matcher, "?!?!...。。。");
  g_autoptr (KefuMatch) long_match = NULL;
  gint64 start;

  g_assert_nonnull (invalid);
  g_assert_cmpint (punctuation->outcome, ==, KEFU_MATCH_ABSTAIN);

  while (huge->len < 2 * 1024 * 1024)
    g_string_append (huge, "lorem ipsum 包裹 dolor sit amet\n");
  start = g_get_monotonic_time ();
  long_match = kefu_matcher_match (matcher, huge->str);
  g_assert_nonnull (long_match);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_thresholds (void)
{
  g_autoptr (KefuMatcher) matcher = sample_matcher ();
  g_autoptr (KefuMatch) strict = NULL;
  g_autoptr (KefuMatch) loose = NULL;

  kefu_matcher_set_min_confidence (matcher, 1.0);
  strict = kefu_matcher_match (matcher, "How much does shipping cost to Nanjing?");
  g_assert_cmpint (strict->outcome, ==, KEFU_MATCH_ABSTAIN);
  /* Abstaining still says what it would have answered. */
  g_assert_cmpstr (strict->group, ==, "shipping-cost");

  kefu_matcher_set_min_confidence (matcher, 0);
  kefu_matcher_set_min_margin (matcher, 0);
  loose = kefu_matcher_match (matcher, "How much does shipping cost to Nanjing?");
  g_assert_cmpint (loose->outcome, ==, KEFU_MATCH_ANSWER);
}

static void
test_suggest (void)
{
  g_autoptr (KefuMatcher) matcher = sample_matcher ();
  g_autoptr (GPtrArray) entries = kefu_matcher_suggest (matcher, "包裹到哪里了 单号查不到", NULL, 3);

  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (((KefuKbEntry *)g_ptr_array_index (entries, 0))->group, ==, "track-parcel");
  g_assert_cmpstr (((KefuKbEntry *)g_ptr_array_index (entries, 0))->lang, ==, "zh-Hans");
}

static void
test_empty_and_disabled (void)
{
  g_autoptr (KefuKnowledgeBase) knowledge_base = kefu_knowledge_base_new ();
  g_autoptr (KefuMatcher) matcher = kefu_matcher_new (knowledge_base);
  g_autoptr (KefuMatch) nothing = kefu_matcher_match (matcher, "How much is shipping?");
  g_autoptr (KefuMatch) disabled = NULL;
  KefuKbEntry *entry = kefu_kb_entry_new ("s-1", "shipping", "en", "How much is shipping?", "Free.");

  g_assert_cmpint (nothing->outcome, ==, KEFU_MATCH_ABSTAIN);

  entry->enabled = FALSE;
  kefu_knowledge_base_take_entry (knowledge_base, entry);
  kefu_matcher_rebuild (matcher);
  disabled = kefu_matcher_match (matcher, "How much is shipping?");
  g_assert_cmpint (disabled->outcome, ==, KEFU_MATCH_ABSTAIN);
}

static KefuRobotEval *
evaluate (const char *dataset)
{
  g_autoptr (KefuMatcher) matcher = sample_matcher ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpora", "robot", dataset, NULL);
  g_autofree char *data = NULL;
  g_autofree char *summary = NULL;
  g_autoptr (GError) error = NULL;
  KefuRobotEval *eval = kefu_robot_eval_new ();
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  kefu_robot_eval_run_jsonl (eval, matcher, data, length, &error);
  g_assert_no_error (error);

  summary = kefu_robot_eval_format (eval);
  g_test_message ("%s:\n%s", dataset, summary);
  for (guint i = 0; i < eval->misses->len; i++)
    g_test_message ("miss: %s", (const char *)g_ptr_array_index (eval->misses, i));

  return eval;
}

/* The targets of issue #10 on the public development set. */
static void
test_quality_dev (void)
{
  g_autoptr (KefuRobotEval) eval = evaluate ("dev.jsonl");

  g_assert_cmpuint (eval->in_scope, ==, 84);
  g_assert_cmpuint (eval->out_of_scope, ==, 40);
  g_assert_cmpfloat (kefu_robot_eval_accuracy (eval), >=, 0.90);
  g_assert_cmpfloat (kefu_robot_eval_answer_rate (eval), >=, 0.70);
  g_assert_cmpfloat (kefu_robot_eval_wrong_answer_rate (eval), <=, 0.05);
  g_assert_cmpfloat (kefu_robot_eval_handoff_rate (eval), >=, 0.90);
}

/* Questions written apart from the development set, which the matcher
 * was never tuned on. */
static void
test_quality_heldout (void)
{
  g_autoptr (KefuRobotEval) eval = evaluate ("heldout.jsonl");

  g_assert_cmpuint (eval->in_scope, >=, 40);
  g_assert_cmpfloat (kefu_robot_eval_accuracy (eval), >=, 0.90);
  g_assert_cmpfloat (kefu_robot_eval_answer_rate (eval), >=, 0.70);
  g_assert_cmpfloat (kefu_robot_eval_wrong_answer_rate (eval), <=, 0.05);
  g_assert_cmpfloat (kefu_robot_eval_handoff_rate (eval), >=, 0.85);
}

static void
test_eval_format (void)
{
  g_autoptr (KefuRobotEval) eval = kefu_robot_eval_new ();
  g_autofree char *text = NULL;

  eval->in_scope = 84;
  eval->correct = 76;
  eval->wrong = 4;
  eval->out_of_scope = 40;
  eval->handed_off = 37;
  text = kefu_robot_eval_format (eval);
  g_assert_cmpstr (text, ==,
                   "accuracy: 0.950 (76/80 answered in-scope)\n"
                   "answer_rate: 0.952 (80/84 in-scope)\n"
                   "wrong_answer_rate: 0.048 (4/84 in-scope)\n"
                   "handoff_rate: 0.925 (37/40 out-of-scope)\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/robot/matcher/stem", test_stem);
  g_test_add_func ("/robot/matcher/analyzer", test_analyzer);
  g_test_add_func ("/robot/matcher/noise", test_noise);
  g_test_add_func ("/robot/matcher/match", test_match);
  g_test_add_func ("/robot/matcher/hostile", test_hostile);
  g_test_add_func ("/robot/matcher/thresholds", test_thresholds);
  g_test_add_func ("/robot/matcher/suggest", test_suggest);
  g_test_add_func ("/robot/matcher/empty-and-disabled", test_empty_and_disabled);
  g_test_add_func ("/robot/matcher/eval-format", test_eval_format);
  g_test_add_func ("/robot/matcher/quality-dev", test_quality_dev);
  g_test_add_func ("/robot/matcher/quality-heldout", test_quality_heldout);

  return g_test_run ();
}
