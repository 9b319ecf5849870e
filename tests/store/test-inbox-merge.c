/* test-inbox-merge.c: merging tickets and customers and undoing it, merge
 * suggestions, a ticket's events, and the global search with filters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-store-chat.h"
#include "kefu-store-inbox.h"
#include "kefu-test-util.h"

static KefuDelivery *
receive (KefuTestFixture  *fixture,
         KefuChannelKind   channel,
         KefuIdentityKind  kind,
         const char       *sender,
         const char       *name,
         const char       *subject,
         const char       *text,
         const char       *external_id)
{
  g_autoptr (KefuInbound) inbound = kefu_inbound_new (channel, kind, sender);

  inbound->sender_name = g_strdup (name);
  inbound->subject = g_strdup (subject);
  inbound->text = g_strdup (text);
  inbound->external_id = g_strdup (external_id);
  if (channel == KEFU_CHANNEL_KIND_EMAIL)
    {
      inbound->thread_keys = g_new0 (char *, 2);
      inbound->thread_keys[0] = g_strdup (external_id);
    }

  return kefu_test_receive (fixture->router, inbound);
}

static GPtrArray *
events_of (KefuStore *store,
           gint64     ticket_id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *events;

  kefu_store_list_events_async (store, ticket_id, NULL, kefu_test_result_cb, &result);
  events = kefu_store_list_events_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return events;
}

static gboolean
has_event (GPtrArray  *events,
           const char *kind,
           const char *detail)
{
  for (guint i = 0; i < events->len; i++)
    {
      KefuTicketEvent *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (event->kind, kind) == 0 && g_strcmp0 (event->detail, detail) == 0)
        return TRUE;
    }

  return FALSE;
}

static KefuSearchResults *
search (KefuStore  *store,
        const char *text)
{
  g_autoptr (KefuSearchQuery) query = kefu_search_query_parse (text);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  KefuSearchResults *results;

  kefu_store_search_async (store, query, 10, NULL, kefu_test_result_cb, &result);
  results = kefu_store_search_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return results;
}

static void
test_merge_tickets (KefuTestFixture *fixture,
                    gconstpointer    user_data)
{
  g_autoptr (KefuDelivery) first = NULL;
  g_autoptr (KefuDelivery) second = NULL;
  g_autoptr (KefuDelivery) later = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (KefuTicket) source = NULL;
  g_autoptr (KefuTicket) target = NULL;
  g_autoptr (KefuSearchResults) found = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *number = NULL;
  gint64 merge_id;

  first = receive (fixture, KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "amy@example.org", "Amy",
                   "Teapot", "Where is my teapot?", "<a1@example.org>");
  /* Resolved, so that the next mail in a new thread opens a ticket of its own. */
  {
    g_autoptr (KefuTicketChange) change = kefu_ticket_change_new (first->ticket_id, 0);
    g_autoptr (KefuTicket) resolved = NULL;

    change->what = KEFU_TICKET_CHANGE_STATUS;
    change->status = KEFU_TICKET_STATUS_RESOLVED;
    kefu_store_update_ticket_async (fixture->store, change, NULL, kefu_test_result_cb, &result);
    resolved = kefu_store_update_ticket_finish (fixture->store, kefu_test_wait (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
  }
  second = receive (fixture, KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "amy@example.org", "Amy",
                    "Teapot again", "Still no teapot, 茶壶还没到", "<a2@example.org>");
  /* Two threads, two tickets. */
  g_assert_cmpint (first->ticket_id, !=, second->ticket_id);

  kefu_store_merge_tickets_async (fixture->store, second->ticket_id, first->ticket_id, 0, NULL,
                                  kefu_test_result_cb, &result);
  merge_id = kefu_store_merge_tickets_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (merge_id, >, 0);
  g_clear_object (&result);

  messages = kefu_test_list_messages (fixture->store, first->ticket_id);
  g_assert_cmpuint (messages->len, ==, 2);
  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = kefu_test_list_messages (fixture->store, second->ticket_id);
  g_assert_cmpuint (messages->len, ==, 0);
  g_clear_pointer (&messages, g_ptr_array_unref);

  source = kefu_test_get_ticket (fixture->store, second->ticket_id);
  target = kefu_test_get_ticket (fixture->store, first->ticket_id);
  g_assert_cmpint (kefu_ticket_get_status (source), ==, KEFU_TICKET_STATUS_CLOSED);
  /* Open work joined a resolved ticket: it is open again. */
  g_assert_cmpint (kefu_ticket_get_status (target), ==, KEFU_TICKET_STATUS_OPEN);
  g_assert_cmpint (kefu_ticket_get_message_count (target), ==, 2);
  g_assert_cmpint (kefu_ticket_get_message_count (source), ==, 0);

  /* The closed one links to the survivor in its history. */
  events = events_of (fixture->store, second->ticket_id);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, kefu_ticket_get_number (target));
  g_assert_true (has_event (events, "merged", number));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* The moved message is found in its new ticket. */
  found = search (fixture->store, "茶壶");
  g_assert_cmpuint (found->messages->len, ==, 1);
  g_assert_cmpint (((KefuSearchHit *) g_ptr_array_index (found->messages, 0))->ticket_id, ==, first->ticket_id);
  g_clear_pointer (&found, kefu_search_results_free);

  /* A reply in the merged-away thread joins the survivor. */
  {
    g_autoptr (KefuInbound) inbound = kefu_inbound_new (KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "amy@example.org");

    inbound->subject = g_strdup ("Re: Teapot again");
    inbound->text = g_strdup ("Any news?");
    inbound->external_id = g_strdup ("<a3@example.org>");
    inbound->thread_keys = g_new0 (char *, 2);
    inbound->thread_keys[0] = g_strdup ("<a2@example.org>");
    later = kefu_test_receive (fixture->router, inbound);
    g_assert_cmpint (later->ticket_id, ==, first->ticket_id);
  }

  /* Undo: the two messages that moved go back; the later one stays. */
  kefu_store_unmerge_tickets_async (fixture->store, merge_id, NULL, kefu_test_result_cb, &result);
  g_assert_cmpint (kefu_store_unmerge_tickets_finish (fixture->store, kefu_test_wait (&result), &error), ==,
                   second->ticket_id);
  g_assert_no_error (error);
  g_clear_object (&result);

  messages = kefu_test_list_messages (fixture->store, second->ticket_id);
  g_assert_cmpuint (messages->len, ==, 1);
  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = kefu_test_list_messages (fixture->store, first->ticket_id);
  g_assert_cmpuint (messages->len, ==, 2);
  g_clear_object (&source);
  source = kefu_test_get_ticket (fixture->store, second->ticket_id);
  g_assert_cmpint (kefu_ticket_get_status (source), ==, KEFU_TICKET_STATUS_NEW);
  g_clear_object (&target);
  target = kefu_test_get_ticket (fixture->store, first->ticket_id);
  /* Amy wrote to it since the merge: it stays open, not resolved again. */
  g_assert_cmpint (kefu_ticket_get_status (target), ==, KEFU_TICKET_STATUS_OPEN);

  /* Undone twice is an error a person can read, not a crash. */
  kefu_store_unmerge_tickets_async (fixture->store, merge_id, NULL, kefu_test_result_cb, &result);
  g_assert_cmpint (kefu_store_unmerge_tickets_finish (fixture->store, kefu_test_wait (&result), &error), ==, 0);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Into itself: refused. */
  kefu_store_merge_tickets_async (fixture->store, first->ticket_id, first->ticket_id, 0, NULL,
                                  kefu_test_result_cb, &result);
  g_assert_cmpint (kefu_store_merge_tickets_finish (fixture->store, kefu_test_wait (&result), &error), ==, 0);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID);
}

static void
test_merge_customers (KefuTestFixture *fixture,
                      gconstpointer    user_data)
{
  g_autoptr (KefuDelivery) mail = NULL;
  g_autoptr (KefuDelivery) chat = NULL;
  g_autoptr (KefuDelivery) other = NULL;
  g_autoptr (GPtrArray) suggestions = NULL;
  g_autoptr (GPtrArray) merges = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuCustomer) customer = NULL;
  g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);
  g_autoptr (GPtrArray) tickets = NULL;
  KefuMergeSuggestion *suggestion;
  gint64 merge_id;
  gint64 back_id;

  mail = receive (fixture, KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "wang.fang@example.cn", "王芳",
                  "杯子", "杯子有裂纹", "<w1@example.cn>");
  chat = receive (fixture, KEFU_CHANNEL_KIND_CHAT, KEFU_IDENTITY_KIND_CHAT, "visitor-0042", "Visitor 42",
                  NULL, "你好，还是那个杯子", "chat-1");
  other = receive (fixture, KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "bob@example.com", "Bob",
                   "Shirt", "Too small", "<b1@example.com>");
  g_assert_cmpint (mail->customer_id, !=, chat->customer_id);

  /* The visitor leaves Wang Fang's address in chat: already hers, so it
   * stays hers, and the two are suggested for merging. */
  kefu_store_chat_add_event_async (fixture->store, chat->ticket_id, "chat-contact",
                                   "{\"email\":\"Wang.Fang@example.cn\"}", NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_store_chat_add_event_finish (fixture->store, kefu_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  kefu_store_list_merge_suggestions_async (fixture->store, chat->customer_id, NULL, kefu_test_result_cb, &result);
  suggestions = kefu_store_list_merge_suggestions_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (suggestions->len, ==, 1);
  suggestion = g_ptr_array_index (suggestions, 0);
  g_assert_cmpint (suggestion->customer_id, ==, mail->customer_id);
  g_assert_cmpint (suggestion->reason, ==, KEFU_MERGE_REASON_CHAT_EMAIL);
  g_assert_cmpstr (suggestion->detail, ==, "wang.fang@example.cn");
  g_clear_pointer (&suggestions, g_ptr_array_unref);

  /* ...and the other way round. */
  kefu_store_list_merge_suggestions_async (fixture->store, mail->customer_id, NULL, kefu_test_result_cb, &result);
  suggestions = kefu_store_list_merge_suggestions_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (suggestions->len, ==, 1);
  g_assert_cmpint (((KefuMergeSuggestion *) g_ptr_array_index (suggestions, 0))->customer_id, ==, chat->customer_id);

  kefu_store_merge_customers_async (fixture->store, chat->customer_id, mail->customer_id, NULL,
                                    kefu_test_result_cb, &result);
  merge_id = kefu_store_merge_customers_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (merge_id, >, 0);
  g_clear_object (&result);

  /* One profile: both identities, both tickets, one history. */
  kefu_store_get_customer_async (fixture->store, mail->customer_id, NULL, kefu_test_result_cb, &result);
  customer = kefu_store_get_customer_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (kefu_customer_get_identities (customer)->len, ==, 2);
  query->customer_id = mail->customer_id;
  kefu_store_list_tickets_async (fixture->store, query, NULL, 100, NULL, kefu_test_result_cb, &result);
  tickets = kefu_store_list_tickets_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (tickets->len, ==, 2);
  g_clear_pointer (&tickets, g_ptr_array_unref);

  kefu_store_get_customer_async (fixture->store, chat->customer_id, NULL, kefu_test_result_cb, &result);
  g_assert_null (kefu_store_get_customer_finish (fixture->store, kefu_test_wait (&result), &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  /* The next chat message from the visitor lands on the merged profile. */
  {
    g_autoptr (KefuDelivery) again = receive (fixture, KEFU_CHANNEL_KIND_CHAT, KEFU_IDENTITY_KIND_CHAT, "visitor-0042",
                                              "Visitor 42", NULL, "还在吗？", "chat-2");

    g_assert_cmpint (again->customer_id, ==, mail->customer_id);
  }

  /* Separated again by hand, with the same id and what it had. */
  kefu_store_list_customer_merges_async (fixture->store, mail->customer_id, NULL, kefu_test_result_cb, &result);
  merges = kefu_store_list_customer_merges_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (merges->len, ==, 1);
  g_assert_cmpstr (((KefuCustomerMerge *) g_ptr_array_index (merges, 0))->source_name, ==, "Visitor 42");
  g_assert_cmpuint (((KefuCustomerMerge *) g_ptr_array_index (merges, 0))->n_identities, ==, 1);

  kefu_store_unmerge_customers_async (fixture->store, merge_id, NULL, kefu_test_result_cb, &result);
  back_id = kefu_store_unmerge_customers_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (back_id, ==, chat->customer_id);

  g_clear_object (&customer);
  kefu_store_get_customer_async (fixture->store, chat->customer_id, NULL, kefu_test_result_cb, &result);
  customer = kefu_store_get_customer_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (kefu_customer_get_name (customer), ==, "Visitor 42");
  g_assert_cmpuint (kefu_customer_get_identities (customer)->len, ==, 1);
  query->customer_id = chat->customer_id;
  kefu_store_list_tickets_async (fixture->store, query, NULL, 100, NULL, kefu_test_result_cb, &result);
  tickets = kefu_store_list_tickets_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tickets->len, ==, 1);
  g_assert_cmpint (kefu_ticket_get_id (g_ptr_array_index (tickets, 0)), ==, chat->ticket_id);
}

static void
test_search_filters (KefuTestFixture *fixture,
                     gconstpointer    user_data)
{
  g_autoptr (KefuDelivery) amy = NULL;
  g_autoptr (KefuDelivery) wang = NULL;
  g_autoptr (KefuDelivery) chat = NULL;
  g_autoptr (KefuSearchResults) found = NULL;
  g_autoptr (KefuTicketChange) change = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuTicket) tagged = NULL;
  g_autofree char *by_number = NULL;

  amy = receive (fixture, KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "amy@example.org", "Amy Chen",
                 "Teapot refund", "The teapot arrived broken.", "<s1@example.org>");
  wang = receive (fixture, KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "wang.fang@example.cn", "王芳",
                  "退款", "茶壶碎了，我想退款。", "<s2@example.cn>");
  chat = receive (fixture, KEFU_CHANNEL_KIND_CHAT, KEFU_IDENTITY_KIND_CHAT, "visitor-7", "Visitor",
                  NULL, "Do you sell teapot lids?", "chat-7");

  change = kefu_ticket_change_new (wang->ticket_id, 0);
  change->what = KEFU_TICKET_CHANGE_TAGS;
  change->tags = g_strdupv ((char *[]) { "VIP", NULL });
  kefu_store_update_ticket_async (fixture->store, change, NULL, kefu_test_result_cb, &result);
  tagged = kefu_store_update_ticket_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  found = search (fixture->store, "teapot");
  g_assert_cmpuint (found->tickets->len, ==, 2);
  g_assert_cmpuint (found->messages->len, ==, 2);
  g_clear_pointer (&found, kefu_search_results_free);

  found = search (fixture->store, "teapot channel:chat");
  g_assert_cmpuint (found->tickets->len, ==, 1);
  g_assert_cmpint (kefu_ticket_get_id (g_ptr_array_index (found->tickets, 0)), ==, chat->ticket_id);
  g_assert_cmpuint (found->customers->len, ==, 0);
  g_clear_pointer (&found, kefu_search_results_free);

  found = search (fixture->store, "from:amy@example.org");
  g_assert_cmpuint (found->tickets->len, ==, 1);
  g_assert_cmpint (kefu_ticket_get_id (g_ptr_array_index (found->tickets, 0)), ==, amy->ticket_id);
  g_assert_cmpuint (found->customers->len, ==, 1);
  g_clear_pointer (&found, kefu_search_results_free);

  found = search (fixture->store, "茶壶 tag:vip");
  g_assert_cmpuint (found->tickets->len, ==, 1);
  g_assert_cmpint (kefu_ticket_get_id (g_ptr_array_index (found->tickets, 0)), ==, wang->ticket_id);
  g_assert_cmpuint (found->messages->len, ==, 1);
  g_clear_pointer (&found, kefu_search_results_free);

  found = search (fixture->store, "状态:已解决 茶壶");
  g_assert_cmpuint (found->tickets->len, ==, 0);
  g_clear_pointer (&found, kefu_search_results_free);

  by_number = g_strdup_printf ("#%" G_GINT64_FORMAT, kefu_ticket_get_number (tagged));
  found = search (fixture->store, by_number);
  g_assert_cmpuint (found->tickets->len, ==, 1);
  g_assert_cmpint (kefu_ticket_get_id (g_ptr_array_index (found->tickets, 0)), ==, wang->ticket_id);
  g_clear_pointer (&found, kefu_search_results_free);

  /* People by name, in Chinese too. */
  found = search (fixture->store, "王芳");
  g_assert_cmpuint (found->customers->len, ==, 1);
  g_assert_cmpuint (found->tickets->len, ==, 1);
  g_clear_pointer (&found, kefu_search_results_free);

  /* Punctuation finds nothing rather than everything. */
  found = search (fixture->store, "?!");
  g_assert_cmpuint (found->tickets->len, ==, 0);
  g_assert_cmpuint (found->customers->len, ==, 0);
}

static void
test_events (KefuTestFixture *fixture,
             gconstpointer    user_data)
{
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (KefuTicketChange) change = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  delivery = receive (fixture, KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "amy@example.org", "Amy",
                      "Hello", "Hi", "<e1@example.org>");
  change = kefu_ticket_change_new (delivery->ticket_id, 0);
  change->what = KEFU_TICKET_CHANGE_STATUS;
  change->status = KEFU_TICKET_STATUS_PENDING;
  kefu_store_update_ticket_async (fixture->store, change, NULL, kefu_test_result_cb, &result);
  ticket = kefu_store_update_ticket_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  events = events_of (fixture->store, delivery->ticket_id);
  g_assert_true (has_event (events, "created", NULL));
  g_assert_true (has_event (events, "status", "pending"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  KEFU_TEST_ADD ("/store/inbox-merge/tickets", test_merge_tickets);
  KEFU_TEST_ADD ("/store/inbox-merge/customers", test_merge_customers);
  KEFU_TEST_ADD ("/store/inbox-merge/search-filters", test_search_filters);
  KEFU_TEST_ADD ("/store/inbox-merge/events", test_events);

  return g_test_run ();
}
