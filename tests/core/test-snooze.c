/* test-snooze.c: snoozing tickets and waking them, and editing customers,
 * through the store's inbox calls on a real SQLite store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-store-inbox.h"
#include "kefu-test-util.h"

#define SECOND ((gint64) G_USEC_PER_SEC)

static guint
count_view (KefuStore *store,
            KefuView   view)
{
  g_autoptr (KefuQuery) query = kefu_query_new (view);
  g_autoptr (KefuTicketSpine) spine = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  kefu_store_list_ticket_spine_async (store, query, 100, NULL, kefu_test_result_cb, &result);
  spine = kefu_store_list_ticket_spine_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return spine->total;
}

static KefuTicket *
snooze (KefuStore  *store,
        KefuTicket *ticket,
        gint64      until,
        GError    **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_store_snooze_ticket_async (store, kefu_ticket_get_id (ticket), kefu_ticket_get_version (ticket), 0,
                                  until, NULL, kefu_test_result_cb, &result);

  return kefu_store_snooze_ticket_finish (store, kefu_test_wait (&result), error);
}

static GArray *
wake (KefuStore *store,
      gint64     now)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GArray *woken;

  kefu_store_wake_snoozes_async (store, now, NULL, kefu_test_result_cb, &result);
  woken = kefu_store_wake_snoozes_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return woken;
}

static gint64
get_snooze (KefuStore *store,
            gint64     ticket_id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 until;

  kefu_store_get_snooze_async (store, ticket_id, NULL, kefu_test_result_cb, &result);
  until = kefu_store_get_snooze_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return until;
}

static KefuTicket *
new_ticket (KefuTestFixture *fixture,
            const char      *from)
{
  g_autoptr (KefuInbound) inbound = kefu_test_email (from, "Where is my order?", "Still waiting.");
  g_autoptr (KefuDelivery) delivery = kefu_test_receive (fixture->router, inbound);

  return kefu_test_get_ticket (fixture->store, delivery->ticket_id);
}

static void
test_snooze_and_wake (KefuTestFixture *fixture,
                      gconstpointer    user_data)
{
  g_autoptr (KefuTicket) ticket = new_ticket (fixture, "amy@example.org");
  g_autoptr (KefuTicket) snoozed = NULL;
  g_autoptr (KefuTicket) woken_ticket = NULL;
  g_autoptr (GArray) early = NULL;
  g_autoptr (GArray) woken = NULL;
  g_autoptr (GError) error = NULL;
  gint64 until = g_get_real_time () + 3600 * SECOND;

  snoozed = snooze (fixture->store, ticket, until, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_ticket_get_status (snoozed), ==, KEFU_TICKET_STATUS_PENDING);
  g_assert_cmpint (get_snooze (fixture->store, kefu_ticket_get_id (ticket)), ==, until);

  /* Out of the Inbox and of Pending, in Snoozed only. */
  g_assert_cmpuint (count_view (fixture->store, KEFU_VIEW_INBOX), ==, 0);
  g_assert_cmpuint (count_view (fixture->store, KEFU_VIEW_PENDING), ==, 0);
  g_assert_cmpuint (count_view (fixture->store, KEFU_VIEW_SNOOZED), ==, 1);

  early = wake (fixture->store, until - SECOND);
  g_assert_cmpuint (early->len, ==, 0);

  woken = wake (fixture->store, until);
  g_assert_cmpuint (woken->len, ==, 1);
  g_assert_cmpint (g_array_index (woken, gint64, 0), ==, kefu_ticket_get_id (ticket));
  woken_ticket = kefu_test_get_ticket (fixture->store, kefu_ticket_get_id (ticket));
  g_assert_cmpint (kefu_ticket_get_status (woken_ticket), ==, KEFU_TICKET_STATUS_OPEN);
  g_assert_cmpint (get_snooze (fixture->store, kefu_ticket_get_id (ticket)), ==, 0);
  g_assert_cmpuint (count_view (fixture->store, KEFU_VIEW_INBOX), ==, 1);
  g_assert_cmpuint (count_view (fixture->store, KEFU_VIEW_SNOOZED), ==, 0);
}

static void
test_refused (KefuTestFixture *fixture,
              gconstpointer    user_data)
{
  g_autoptr (KefuTicket) ticket = new_ticket (fixture, "bob@example.com");
  g_autoptr (KefuTicket) result = NULL;
  g_autoptr (KefuTicketChange) change = NULL;
  g_autoptr (KefuTicket) changed = NULL;
  g_autoptr (GAsyncResult) async = NULL;
  g_autoptr (GError) error = NULL;

  /* The past is no time to come back. */
  result = snooze (fixture->store, ticket, g_get_real_time () - SECOND, &error);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID);
  g_assert_null (result);
  g_clear_error (&error);

  /* Someone else changed it: nothing is snoozed. */
  change = kefu_ticket_change_new (kefu_ticket_get_id (ticket), kefu_ticket_get_version (ticket));
  change->what = KEFU_TICKET_CHANGE_PRIORITY;
  change->priority = KEFU_PRIORITY_HIGH;
  kefu_store_update_ticket_async (fixture->store, change, NULL, kefu_test_result_cb, &async);
  changed = kefu_store_update_ticket_finish (fixture->store, kefu_test_wait (&async), &error);
  g_assert_no_error (error);

  result = snooze (fixture->store, ticket, g_get_real_time () + 60 * SECOND, &error);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CONFLICT);
  g_assert_cmpint (get_snooze (fixture->store, kefu_ticket_get_id (ticket)), ==, 0);
  g_assert_cmpuint (count_view (fixture->store, KEFU_VIEW_SNOOZED), ==, 0);
}

/* The customer wrote while it slept: it is open at once, and waking it
 * later only removes the snooze. */
static void
test_customer_wrote (KefuTestFixture *fixture,
                     gconstpointer    user_data)
{
  g_autoptr (KefuTicket) ticket = new_ticket (fixture, "carol@example.net");
  g_autoptr (KefuTicket) snoozed = NULL;
  g_autoptr (KefuTicket) after = NULL;
  g_autoptr (KefuInbound) again = kefu_test_email ("carol@example.net", "Re: Where is my order?", "Hello?");
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (GArray) woken = NULL;
  g_autoptr (GError) error = NULL;
  gint64 until = g_get_real_time () + 60 * SECOND;

  snoozed = snooze (fixture->store, ticket, until, &error);
  g_assert_no_error (error);
  delivery = kefu_test_receive (fixture->router, again);
  g_assert_cmpint (delivery->ticket_id, ==, kefu_ticket_get_id (ticket));
  g_assert_cmpuint (count_view (fixture->store, KEFU_VIEW_INBOX), ==, 1);
  g_assert_cmpuint (count_view (fixture->store, KEFU_VIEW_SNOOZED), ==, 0);

  woken = wake (fixture->store, until);
  g_assert_cmpuint (woken->len, ==, 1);
  after = kefu_test_get_ticket (fixture->store, kefu_ticket_get_id (ticket));
  g_assert_cmpint (kefu_ticket_get_status (after), ==, KEFU_TICKET_STATUS_OPEN);
  g_assert_cmpint (get_snooze (fixture->store, kefu_ticket_get_id (ticket)), ==, 0);
}

static KefuCustomer *
update_customer (KefuStore   *store,
                 gint64       customer_id,
                 const char  *name,
                 const char  *company,
                 const char  *notes,
                 GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_store_update_customer_async (store, customer_id, name, company, notes, NULL, kefu_test_result_cb, &result);

  return kefu_store_update_customer_finish (store, kefu_test_wait (&result), error);
}

static void
test_customer_edit (KefuTestFixture *fixture,
                    gconstpointer    user_data)
{
  g_autoptr (KefuTicket) ticket = new_ticket (fixture, "li.na@example.cn");
  g_autoptr (KefuCustomer) edited = NULL;
  g_autoptr (KefuCustomer) cleared = NULL;
  g_autoptr (KefuCustomer) refused = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 customer_id = kefu_ticket_get_customer_id (ticket);

  edited = update_customer (fixture->store, customer_id, " 李娜 ", "台北茶行有限公司", "VIP; prefers email.", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kefu_customer_get_name (edited), ==, "李娜");
  g_assert_cmpstr (kefu_customer_get_company (edited), ==, "台北茶行有限公司");
  g_assert_cmpstr (kefu_customer_get_notes (edited), ==, "VIP; prefers email.");

  /* The new company is searchable. */
  kefu_store_list_customers_async (fixture->store, "茶行", 0, 10, NULL, kefu_test_result_cb, &result);
  found = kefu_store_list_customers_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  cleared = update_customer (fixture->store, customer_id, "李娜", "", "", &error);
  g_assert_no_error (error);
  g_assert_null (kefu_customer_get_company (cleared));
  g_assert_null (kefu_customer_get_notes (cleared));

  refused = update_customer (fixture->store, customer_id, "   ", NULL, NULL, &error);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  refused = update_customer (fixture->store, 987654, "Nobody", NULL, NULL, &error);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  KEFU_TEST_ADD ("/core/snooze/snooze-and-wake", test_snooze_and_wake);
  KEFU_TEST_ADD ("/core/snooze/refused", test_refused);
  KEFU_TEST_ADD ("/core/snooze/customer-wrote", test_customer_wrote);
  KEFU_TEST_ADD ("/core/customer-edit/fields", test_customer_edit);

  return g_test_run ();
}
