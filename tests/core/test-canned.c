/* test-canned.c: canned replies: their variables, and keeping them in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-canned.h"
#include "kefu-store-inbox.h"
#include "kefu-test-util.h"

static void
test_expand_variables (void)
{
  KefuCannedContext context = { "王芳", 1024, "Li Wei" };
  g_autofree char *text = NULL;

  text = kefu_canned_expand ("Hello {{customer.name}}, about {{ ticket.number }}: thanks! {{agent.name}}", &context);
  g_assert_cmpstr (text, ==, "Hello 王芳, about #1024: thanks! Li Wei");
}

static void
test_expand_fallback (void)
{
  KefuCannedContext context = { NULL, 0, "" };
  g_autofree char *with_fallback = NULL;
  g_autofree char *without = NULL;

  with_fallback = kefu_canned_expand ("Hi {{customer.name|there}}, {{agent.name | the team}}", &context);
  g_assert_cmpstr (with_fallback, ==, "Hi there, the team");
  /* Unknown values without a fallback vanish; so does NULL context. */
  without = kefu_canned_expand ("Hi {{customer.name}}!", NULL);
  g_assert_cmpstr (without, ==, "Hi !");
}

static void
test_expand_untouched (void)
{
  KefuCannedContext context = { "Amy", 7, "Bo" };
  const char *cases[][2] = {
    /* unknown variables and stray braces stay as typed */
    { "{{order.id}} and {{customer.name}}", "{{order.id}} and Amy" },
    { "open {{ without close", "open {{ without close" },
    { "}} {{}} {{", "}} {{}} {{" },
    { "", "" },
    { "{{ticket.number}}{{ticket.number}}", "#7#7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = kefu_canned_expand (cases[i][0], &context);

      g_assert_cmpstr (text, ==, cases[i][1]);
    }
}

static void
test_matches (void)
{
  g_autoptr (KefuCannedReply) reply = kefu_canned_reply_new (1, "Refund on its way", "退款已经提交。", 0);

  g_assert_true (kefu_canned_reply_matches (reply, NULL));
  g_assert_true (kefu_canned_reply_matches (reply, "REFUND"));
  g_assert_true (kefu_canned_reply_matches (reply, "退款"));
  g_assert_false (kefu_canned_reply_matches (reply, "shipping"));
}

static KefuCannedReply *
save (KefuStore   *store,
      gint64       id,
      const char  *title,
      const char  *body,
      GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_store_save_canned_reply_async (store, id, title, body, NULL, kefu_test_result_cb, &result);

  return kefu_store_save_canned_reply_finish (store, kefu_test_wait (&result), error);
}

static GPtrArray *
list (KefuStore *store)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *replies;

  kefu_store_list_canned_replies_async (store, NULL, kefu_test_result_cb, &result);
  replies = kefu_store_list_canned_replies_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return replies;
}

static void
test_store (KefuTestFixture *fixture,
            gconstpointer    user_data)
{
  g_autoptr (KefuCannedReply) thanks = NULL;
  g_autoptr (KefuCannedReply) refund = NULL;
  g_autoptr (KefuCannedReply) edited = NULL;
  g_autoptr (KefuCannedReply) refused = NULL;
  g_autoptr (GPtrArray) replies = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *huge = g_strnfill (KEFU_CANNED_MAX_BODY + 1, 'x');

  thanks = save (fixture->store, 0, "Thanks", "Thank you, {{customer.name}}!", &error);
  g_assert_no_error (error);
  refund = save (fixture->store, 0, "  Refund\n", "The refund for {{ticket.number}} is on its way.", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kefu_canned_reply_get_title (refund), ==, "Refund");

  /* By title, case-insensitively. */
  replies = list (fixture->store);
  g_assert_cmpuint (replies->len, ==, 2);
  g_assert_cmpstr (kefu_canned_reply_get_title (g_ptr_array_index (replies, 0)), ==, "Refund");

  edited = save (fixture->store, kefu_canned_reply_get_id (thanks), "Thanks", "Many thanks!", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_canned_reply_get_id (edited), ==, kefu_canned_reply_get_id (thanks));
  g_assert_cmpstr (kefu_canned_reply_get_body (edited), ==, "Many thanks!");

  /* Empty, too long, or gone: refused, nothing written. */
  refused = save (fixture->store, 0, "   ", "text", &error);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);
  refused = save (fixture->store, 0, "Huge", huge, &error);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  refused = save (fixture->store, 999999, "Gone", "text", &error);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  kefu_store_delete_canned_reply_async (fixture->store, kefu_canned_reply_get_id (refund), NULL,
                                        kefu_test_result_cb, &result);
  g_assert_true (kefu_store_delete_canned_reply_finish (fixture->store, kefu_test_wait (&result), &error));
  g_assert_no_error (error);

  after = list (fixture->store);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (kefu_canned_reply_get_body (g_ptr_array_index (after, 0)), ==, "Many thanks!");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/canned/expand-variables", test_expand_variables);
  g_test_add_func ("/core/canned/expand-fallback", test_expand_fallback);
  g_test_add_func ("/core/canned/expand-untouched", test_expand_untouched);
  g_test_add_func ("/core/canned/matches", test_matches);
  KEFU_TEST_ADD ("/core/canned/store", test_store);

  return g_test_run ();
}
