/* test-rules.c: rules match on channel, account, words, patterns, tags and hours, and round-trip as JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-rules.h"
#include "kefu-test-util.h"

static const char rules_json[] =
  "[ { \"name\": \"Closed\", \"when\": { \"hours\": \"closed\", \"channels\": [\"chat\"] },"
  "    \"then\": [ { \"reply\": \"Hi {name}, we open at 9:00 (ticket {ticket}).\" }, { \"tag\": \"after-hours\" } ] },"
  "  { \"name\": \"Invoices\", \"when\": { \"words\": [\"發票\", \"invoice\"] },"
  "    \"then\": [ { \"assign\": 7 }, { \"priority\": \"high\" } ] },"
  "  { \"name\": \"Order number\", \"when\": { \"pattern\": \"LT\\\\d{8}-\\\\d{4}\", \"accounts\": [2] },"
  "    \"then\": [ { \"tag\": \"has-order\" }, { \"status\": \"pending\" } ] },"
  "  { \"name\": \"VIP\", \"stop\": true, \"when\": { \"tags\": [\"vip\"] },"
  "    \"then\": [ { \"notify\": \"A VIP wrote\" }, { \"handoff\": \"VIPs get a person\" } ] },"
  "  { \"name\": \"After VIP\", \"when\": {}, \"then\": [ { \"tag\": \"seen\" } ] },"
  "  { \"name\": \"Off\", \"enabled\": false, \"then\": [ { \"tag\": \"never\" } ] } ]";

static KefuBusinessHours *
office_hours (void)
{
  g_autoptr (KefuBusinessHours) hours = kefu_business_hours_new ("UTC");
  g_autoptr (GError) error = NULL;

  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_FRIDAY; day++)
    {
      kefu_business_hours_add_interval (hours, day, 9 * 60, 18 * 60, &error);
      g_assert_no_error (error);
    }

  return g_steal_pointer (&hours);
}

static gint64
utc (int hour)
{
  /* Monday 23 November 2026. */
  g_autoptr (GDateTime) time = g_date_time_new_utc (2026, 11, 23, hour, 0, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static char *
evaluate (KefuRules           *rules,
          const KefuRuleInput *input)
{
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GArray) actions = kefu_rules_evaluate (rules, input, &names);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "", (const char *)g_ptr_array_index (names, i));
  g_string_append_printf (text, ":%u", actions->len);

  return g_string_free (text, FALSE);
}

/* Which rules @input matches and how many actions they give, as "A,B:n". */
static void
assert_evaluates (KefuRules           *rules,
                  const KefuRuleInput *input,
                  const char          *expected)
{
  g_autofree char *result = evaluate (rules, input);

  g_assert_cmpstr (result, ==, expected);
}

static void
test_conditions (void)
{
  g_autoptr (KefuRules) rules = kefu_rules_new ();
  g_autoptr (KefuBusinessHours) hours = office_hours ();
  g_autoptr (GError) error = NULL;
  const char *const vip[] = { "vip", NULL };
  KefuRuleInput input = { KEFU_CHANNEL_KIND_CHAT, 0, "hello", NULL, utc (10), hours };

  kefu_rules_load_json (rules, rules_json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kefu_rules_get_n_rules (rules), ==, 6);

  assert_evaluates (rules, &input, "After VIP:1");

  /* Outside hours on chat; not on email. */
  input.now = utc (20);
  assert_evaluates (rules, &input, "Closed,After VIP:3");
  input.channel = KEFU_CHANNEL_KIND_EMAIL;
  assert_evaluates (rules, &input, "After VIP:1");
  /* No timetable: always open. */
  input.channel = KEFU_CHANNEL_KIND_CHAT;
  input.hours = NULL;
  assert_evaluates (rules, &input, "After VIP:1");

  /* Words: whole English words, Chinese folded from traditional. */
  input.text = "请问可以开发票吗";
  assert_evaluates (rules, &input, "Invoices,After VIP:3");
  input.text = "Please send the INVOICE";
  assert_evaluates (rules, &input, "Invoices,After VIP:3");
  input.text = "invoices are late";
  assert_evaluates (rules, &input, "After VIP:1");

  /* A pattern, on one account only. */
  input.text = "about LT20261123-0042";
  assert_evaluates (rules, &input, "After VIP:1");
  input.account_id = 2;
  assert_evaluates (rules, &input, "Order number,After VIP:3");

  /* Tags, and a rule that stops the rest. */
  input.tags = vip;
  assert_evaluates (rules, &input, "Order number,VIP:4");
}

static void
test_actions (void)
{
  g_autoptr (KefuRules) rules = kefu_rules_new ();
  g_autoptr (GArray) actions = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *reply = NULL;
  const char *const vip[] = { "vip", NULL };
  KefuRuleInput input = { KEFU_CHANNEL_KIND_CHAT, 0, "发票", vip, 0, NULL };
  const KefuRuleAction *action;

  kefu_rules_load_json (rules, rules_json, &error);
  g_assert_no_error (error);
  actions = kefu_rules_evaluate (rules, &input, NULL);
  g_assert_cmpuint (actions->len, ==, 4);

  action = &g_array_index (actions, KefuRuleAction, 0);
  g_assert_cmpint (action->kind, ==, KEFU_RULE_ACTION_ASSIGN);
  g_assert_cmpint (action->number, ==, 7);
  action = &g_array_index (actions, KefuRuleAction, 1);
  g_assert_cmpint (action->kind, ==, KEFU_RULE_ACTION_PRIORITY);
  g_assert_cmpint (action->number, ==, KEFU_PRIORITY_HIGH);
  action = &g_array_index (actions, KefuRuleAction, 2);
  g_assert_cmpint (action->kind, ==, KEFU_RULE_ACTION_NOTIFY);
  g_assert_cmpstr (action->text, ==, "A VIP wrote");
  action = &g_array_index (actions, KefuRuleAction, 3);
  g_assert_cmpint (action->kind, ==, KEFU_RULE_ACTION_HANDOFF);
  g_assert_cmpstr (action->text, ==, "VIPs get a person");

  reply = kefu_rule_expand_template ("Hi {name}, ticket {ticket}.", "Wang", 42);
  g_assert_cmpstr (reply, ==, "Hi Wang, ticket 42.");
}

static void
test_round_trip (void)
{
  g_autoptr (KefuRules) rules = kefu_rules_new ();
  g_autoptr (KefuRules) again = kefu_rules_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  kefu_rules_load_json (rules, rules_json, &error);
  g_assert_no_error (error);
  json = kefu_rules_to_json (rules);
  kefu_rules_load_json (again, json, &error);
  g_assert_no_error (error);
  json_again = kefu_rules_to_json (again);
  g_assert_cmpstr (json, ==, json_again);
  g_assert_cmpuint (kefu_rules_get_n_rules (again), ==, 6);
}

static void
test_invalid (void)
{
  g_autoptr (KefuRules) rules = kefu_rules_new ();
  const char *const bad[] = {
    "{",
    "{}",
    "[ { \"then\": [ { \"tag\": \"x\" } ] } ]",
    "[ { \"name\": \"a\" } ]",
    "[ { \"name\": \"a\", \"then\": [ { \"explode\": true } ] } ]",
    "[ { \"name\": \"a\", \"then\": [ { \"priority\": \"sky-high\" } ] } ]",
    "[ { \"name\": \"a\", \"when\": { \"channels\": [\"fax\"] }, \"then\": [ { \"tag\": \"x\" } ] } ]",
    "[ { \"name\": \"a\", \"when\": { \"pattern\": \"(\" }, \"then\": [ { \"tag\": \"x\" } ] } ]",
    "[ { \"name\": \"a\", \"when\": { \"hours\": \"lunch\" }, \"then\": [ { \"tag\": \"x\" } ] } ]",
    "[ { \"name\": \"a\", \"then\": [ { \"tag\": \"x\", \"reply\": \"y\" } ] } ]",
  };
  g_autoptr (GError) error = NULL;

  kefu_rules_load_json (rules, rules_json, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) bad_error = NULL;

      g_assert_false (kefu_rules_load_json (rules, bad[i], &bad_error));
      g_assert_error (bad_error, KEFU_RULE_ERROR, KEFU_RULE_ERROR_INVALID);
    }

  /* The old rules stay. */
  g_assert_cmpuint (kefu_rules_get_n_rules (rules), ==, 6);

  g_assert_true (kefu_rules_load_json (rules, NULL, &error));
  g_assert_cmpuint (kefu_rules_get_n_rules (rules), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/robot/rules/conditions", test_conditions);
  g_test_add_func ("/robot/rules/actions", test_actions);
  g_test_add_func ("/robot/rules/round-trip", test_round_trip);
  g_test_add_func ("/robot/rules/invalid", test_invalid);

  return g_test_run ();
}
