/* test-robot.c: the robot on a real router and store: answers chat, suggests or sends mail, hands off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-robot.h"
#include "kefu-store-kb.h"
#include "kefu-test-util.h"

typedef struct
{
  KefuSqliteStore *sqlite;
  KefuStore       *store;
  KefuRouter      *router;
  KefuRobot       *robot;

  gboolean         handled;
  gint64           ticket_id;
  int              outcome;
  GPtrArray       *notifications;
} Fixture;

static void
set_setting (Fixture    *fixture,
             const char *key,
             const char *value)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  kefu_store_set_setting_async (fixture->store, key, value, NULL, kefu_test_result_cb, &result);
  kefu_store_set_setting_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
}

static void
load_robot (Fixture *fixture)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  kefu_robot_load_async (fixture->robot, NULL, kefu_test_result_cb, &result);
  kefu_robot_load_finish (fixture->robot, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
}

static void
on_handled (KefuRobot       *robot,
            gint64           ticket_id,
            int              outcome,
            const KefuMatch *match,
            Fixture         *fixture)
{
  fixture->handled = TRUE;
  fixture->ticket_id = ticket_id;
  fixture->outcome = outcome;
}

static void
on_notify_agents (KefuRobot  *robot,
                  gint64      ticket_id,
                  const char *text,
                  Fixture    *fixture)
{
  g_ptr_array_add (fixture->notifications, g_strdup (text));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autofree char *kb_path = g_test_build_filename (G_TEST_DIST, "corpora", "robot", "kb.json", NULL);
  g_autofree char *kb_json = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  fixture->sqlite = kefu_test_open_store (path);
  fixture->store = KEFU_STORE (fixture->sqlite);
  fixture->router = kefu_router_new (fixture->store);
  fixture->notifications = g_ptr_array_new_with_free_func (g_free);

  /* The knowledge base goes through the store, as the app's does. */
  g_file_get_contents (kb_path, &kb_json, NULL, &error);
  g_assert_no_error (error);
  kefu_store_put_kb_entries_async (fixture->store, kb_json, TRUE, NULL, kefu_test_result_cb, &result);
  kefu_store_put_kb_entries_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  fixture->robot = kefu_robot_new (fixture->router);
  g_signal_connect (fixture->robot, "handled", G_CALLBACK (on_handled), fixture);
  g_signal_connect (fixture->robot, "notify-agents", G_CALLBACK (on_notify_agents), fixture);
  load_robot (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->robot);
  g_clear_object (&fixture->router);
  kefu_sqlite_store_close (fixture->sqlite);
  g_clear_object (&fixture->sqlite);
  g_clear_pointer (&fixture->notifications, g_ptr_array_unref);
}

/* Delivers @inbound and waits until the robot is done with it. */
static int
receive (Fixture     *fixture,
         KefuInbound *inbound)
{
  g_autoptr (KefuDelivery) delivery = NULL;

  fixture->handled = FALSE;
  delivery = kefu_test_receive (fixture->router, inbound);
  while (!fixture->handled)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (fixture->ticket_id, ==, delivery->ticket_id);

  return fixture->outcome;
}

static KefuInbound *
chat (const char *text)
{
  KefuInbound *inbound = kefu_inbound_new (KEFU_CHANNEL_KIND_CHAT, KEFU_IDENTITY_KIND_CHAT, "visitor-7f3a");

  inbound->text = g_strdup (text);

  return inbound;
}

static KefuDirection
direction_at (GPtrArray *messages,
              guint      i)
{
  return kefu_message_get_direction (g_ptr_array_index (messages, i));
}

static const char *
text_at (GPtrArray *messages,
         guint      i)
{
  return kefu_message_get_text (g_ptr_array_index (messages, i));
}

static void
test_chat_answer (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = chat ("how much is the shipping fee? is it free above some amount");
  g_autoptr (GPtrArray) messages = NULL;
  KefuMessage *reply;

  g_assert_cmpint (receive (fixture, inbound), ==, KEFU_ROBOT_OUTCOME_ANSWERED);

  messages = kefu_test_list_messages (fixture->store, fixture->ticket_id);
  g_assert_cmpuint (messages->len, ==, 2);
  reply = g_ptr_array_index (messages, 1);
  g_assert_cmpint (kefu_message_get_direction (reply), ==, KEFU_DIRECTION_ROBOT);
  g_assert_cmpint (kefu_message_get_channel (reply), ==, KEFU_CHANNEL_KIND_CHAT);
  g_assert_cmpint (kefu_message_get_delivery_state (reply), ==, KEFU_DELIVERY_STATE_QUEUED);
  g_assert_true (g_str_has_prefix (kefu_message_get_text (reply), "Shipping within mainland China is free"));
  g_assert_nonnull (strstr (kefu_message_get_text (reply), kefu_robot_get_feedback_question ("en")));
}

static void
test_chat_answer_chinese (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = chat ("退款多久能到賬？");
  g_autoptr (GPtrArray) messages = NULL;

  g_assert_cmpint (receive (fixture, inbound), ==, KEFU_ROBOT_OUTCOME_ANSWERED);
  messages = kefu_test_list_messages (fixture->store, fixture->ticket_id);
  g_assert_cmpuint (messages->len, ==, 2);
  /* Asked in traditional characters: the traditional entry answers. */
  g_assert_true (g_str_has_prefix (text_at (messages, 1), "我們收到退貨"));
  g_assert_nonnull (strstr (text_at (messages, 1), kefu_robot_get_feedback_question ("zh-Hant")));
}

static void
test_chat_handoff (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = chat ("轉人工");
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (KefuTicket) ticket = NULL;

  g_assert_cmpint (receive (fixture, inbound), ==, KEFU_ROBOT_OUTCOME_HANDED_OFF);

  /* No robot answer: a note for the agents and a tag the inbox shows. */
  messages = kefu_test_list_messages (fixture->store, fixture->ticket_id);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpint (direction_at (messages, 0), ==, KEFU_DIRECTION_IN);
  g_assert_cmpint (direction_at (messages, 1), ==, KEFU_DIRECTION_NOTE);
  ticket = kefu_test_get_ticket (fixture->store, fixture->ticket_id);
  g_assert_true (g_strv_contains (kefu_ticket_get_tags (ticket), KEFU_ROBOT_HANDOFF_TAG));
}

static void
test_chat_feedback (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr (KefuInbound) question = chat ("Do you take PayPal?");
  g_autoptr (KefuInbound) answer = chat ("no that didn't help");
  g_autoptr (GPtrArray) messages = NULL;

  g_assert_cmpint (receive (fixture, question), ==, KEFU_ROBOT_OUTCOME_ANSWERED);
  g_assert_cmpint (receive (fixture, answer), ==, KEFU_ROBOT_OUTCOME_HANDED_OFF);
  messages = kefu_test_list_messages (fixture->store, fixture->ticket_id);
  g_assert_cmpuint (messages->len, ==, 4);
  g_assert_cmpint (direction_at (messages, 1), ==, KEFU_DIRECTION_ROBOT);
  g_assert_cmpint (direction_at (messages, 3), ==, KEFU_DIRECTION_NOTE);
}

static void
test_chat_abstain (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = chat ("Will it rain in Hangzhou tomorrow?");
  g_autoptr (GPtrArray) messages = NULL;

  g_assert_cmpint (receive (fixture, inbound), ==, KEFU_ROBOT_OUTCOME_ABSTAINED);
  messages = kefu_test_list_messages (fixture->store, fixture->ticket_id);
  g_assert_cmpuint (messages->len, ==, 1);
}

static void
test_email_suggest (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = kefu_test_email ("li.wei@example.test", "Broken teapot",
                                                     "Hello,\n\nthe teapot arrived cracked. What should I do?\n\n"
                                                     "Best regards,\nLi Wei");
  g_autoptr (GPtrArray) messages = NULL;

  g_assert_cmpint (receive (fixture, inbound), ==, KEFU_ROBOT_OUTCOME_SUGGESTED);
  messages = kefu_test_list_messages (fixture->store, fixture->ticket_id);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpint (direction_at (messages, 1), ==, KEFU_DIRECTION_NOTE);
  g_assert_nonnull (strstr (text_at (messages, 1), "faq-025"));
}

static void
test_email_auto_send (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (KefuInbound) first = kefu_test_email ("li.wei@example.test", "Refund",
                                                   "How long does a refund take to reach my card?");
  g_autoptr (KefuInbound) second = kefu_test_email ("li.wei@example.test", "Refund again",
                                                    "How long does a refund take to reach my card?");
  g_autoptr (KefuInbound) automatic = kefu_test_email ("li.wei@example.test", "Automatic reply: Refund",
                                                       "I am out of the office until Monday.");
  g_autoptr (GPtrArray) messages = NULL;
  KefuMessage *reply;

  kefu_robot_set_email_auto_send (fixture->robot, 0, TRUE);

  g_assert_cmpint (receive (fixture, first), ==, KEFU_ROBOT_OUTCOME_ANSWERED);
  messages = kefu_test_list_messages (fixture->store, fixture->ticket_id);
  g_assert_cmpuint (messages->len, ==, 2);
  reply = g_ptr_array_index (messages, 1);
  g_assert_cmpint (kefu_message_get_direction (reply), ==, KEFU_DIRECTION_ROBOT);
  g_assert_cmpstr (kefu_message_get_subject (reply), ==, "Re: Refund");
  g_clear_pointer (&messages, g_ptr_array_unref);

  /* Once per ticket until an agent writes: two robots never loop. */
  g_assert_cmpint (receive (fixture, second), ==, KEFU_ROBOT_OUTCOME_SUGGESTED);
  g_assert_cmpint (receive (fixture, automatic), ==, KEFU_ROBOT_OUTCOME_IGNORED);
  messages = kefu_test_list_messages (fixture->store, fixture->ticket_id);
  g_assert_cmpuint (messages->len, ==, 5);
  g_assert_cmpint (direction_at (messages, 3), ==, KEFU_DIRECTION_NOTE);
  g_assert_cmpint (direction_at (messages, 4), ==, KEFU_DIRECTION_IN);
}

static void
test_rules (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = chat ("I want to order 500 boxes for my company");
  g_autoptr (KefuInbound) vip = chat ("hello again");
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (KefuTicket) ticket = NULL;

  set_setting (fixture, KEFU_STORE_SETTING_ROBOT_RULES,
               "[ { \"name\": \"Big orders\", \"when\": { \"words\": [\"boxes\"], \"channels\": [\"chat\"] },"
               "    \"then\": [ { \"reply\": \"Thank you! Our wholesale team will write to you.\" },"
               "                { \"tag\": \"vip\" }, { \"priority\": \"urgent\" }, { \"notify\": \"Big order\" } ] },"
               "  { \"name\": \"VIPs\", \"when\": { \"tags\": [\"vip\"] }, \"then\": [ { \"handoff\": \"a VIP\" } ] } ]");
  load_robot (fixture);

  g_assert_cmpint (receive (fixture, inbound), ==, KEFU_ROBOT_OUTCOME_ANSWERED);
  messages = kefu_test_list_messages (fixture->store, fixture->ticket_id);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpint (direction_at (messages, 1), ==, KEFU_DIRECTION_ROBOT);
  g_assert_cmpstr (text_at (messages, 1), ==, "Thank you! Our wholesale team will write to you.");
  ticket = kefu_test_get_ticket (fixture->store, fixture->ticket_id);
  g_assert_true (g_strv_contains (kefu_ticket_get_tags (ticket), "vip"));
  g_assert_cmpint (kefu_ticket_get_priority (ticket), ==, KEFU_PRIORITY_URGENT);
  g_assert_cmpuint (fixture->notifications->len, ==, 1);

  /* The ticket now has the tag the second rule looks for. */
  g_assert_cmpint (receive (fixture, vip), ==, KEFU_ROBOT_OUTCOME_HANDED_OFF);
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = chat ("how much is the shipping fee? is it free above some amount");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  set_setting (fixture, KEFU_STORE_SETTING_ROBOT_MIN_CONFIDENCE, "0.99");
  set_setting (fixture, KEFU_STORE_SETTING_ROBOT_MIN_MARGIN, "0.5");
  load_robot (fixture);
  g_assert_cmpfloat (kefu_matcher_get_min_confidence (kefu_robot_get_matcher (fixture->robot)), ==, 0.99);
  g_assert_cmpint (receive (fixture, inbound), ==, KEFU_ROBOT_OUTCOME_ABSTAINED);

  set_setting (fixture, KEFU_ROBOT_SETTING_ENABLED, "false");
  load_robot (fixture);
  g_clear_pointer (&inbound, kefu_inbound_free);
  inbound = chat ("人工");
  g_assert_cmpint (receive (fixture, inbound), ==, KEFU_ROBOT_OUTCOME_IGNORED);

  /* A broken setting is an error, and the robot keeps what it had. */
  set_setting (fixture, KEFU_STORE_SETTING_ROBOT_RULES, "[ { \"name\": 3 } ]");
  kefu_robot_load_async (fixture->robot, NULL, kefu_test_result_cb, &result);
  g_assert_false (kefu_robot_load_finish (fixture->robot, kefu_test_wait (&result), &error));
  g_assert_error (error, KEFU_RULE_ERROR, KEFU_RULE_ERROR_INVALID);
}

static void
count_load_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (kefu_robot_load_finish (KEFU_ROBOT (object), result, &error));
  g_assert_no_error (error);
  (*pending)--;
}

/* Loads overlap when the shop edits quickly; the one started last wins,
 * and the index is built off the main thread. */
static void
test_reload_order (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char one[] = "[{\"id\": \"g1\", \"group\": \"gift-cards\", \"lang\": \"en\","
                            " \"question\": \"Do you sell gift cards?\", \"answer\": \"Yes.\"}]";
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  guint before = kefu_knowledge_base_get_n_entries (kefu_matcher_get_knowledge_base (kefu_robot_get_matcher (fixture->robot)));
  guint pending = 2;

  g_assert_cmpuint (before, >, 1);
  kefu_robot_load_async (fixture->robot, NULL, count_load_cb, &pending);
  kefu_store_put_kb_entries_async (fixture->store, one, TRUE, NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_store_put_kb_entries_finish (fixture->store, kefu_test_wait (&result), &error));
  g_assert_no_error (error);
  kefu_robot_load_async (fixture->robot, NULL, count_load_cb, &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (kefu_knowledge_base_get_n_entries (kefu_matcher_get_knowledge_base (kefu_robot_get_matcher (fixture->robot))), ==, 1);
  g_assert_cmpint (receive (fixture, chat ("Do you sell gift cards?")), ==, KEFU_ROBOT_OUTCOME_ANSWERED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/robot/robot/chat-answer", test_chat_answer);
  ADD ("/robot/robot/chat-answer-chinese", test_chat_answer_chinese);
  ADD ("/robot/robot/chat-handoff", test_chat_handoff);
  ADD ("/robot/robot/chat-feedback", test_chat_feedback);
  ADD ("/robot/robot/chat-abstain", test_chat_abstain);
  ADD ("/robot/robot/email-suggest", test_email_suggest);
  ADD ("/robot/robot/email-auto-send", test_email_auto_send);
  ADD ("/robot/robot/rules", test_rules);
  ADD ("/robot/robot/settings", test_settings);
  ADD ("/robot/robot/reload-order", test_reload_order);

  return g_test_run ();
}
