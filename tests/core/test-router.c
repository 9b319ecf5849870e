/* test-router.c: every message finds its customer and its ticket, exactly once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include "kefu-test-util.h"

typedef KefuTestFixture Fixture;

static guint
count_tickets (Fixture *fixture)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);
  g_autoptr (KefuTicketSpine) spine = NULL;

  kefu_store_list_ticket_spine_async (fixture->store, query, 100, NULL, kefu_test_result_cb, &result);
  spine = kefu_store_list_ticket_spine_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return spine->total;
}

static void
set_status (Fixture          *fixture,
            gint64            ticket_id,
            KefuTicketStatus  status)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuTicketChange) change = kefu_ticket_change_new (ticket_id, 0);
  g_autoptr (KefuTicket) ticket = NULL;

  change->what = KEFU_TICKET_CHANGE_STATUS;
  change->status = status;
  kefu_store_update_ticket_async (fixture->store, change, NULL, kefu_test_result_cb, &result);
  ticket = kefu_store_update_ticket_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_ticket_get_status (ticket), ==, status);
}

static KefuMessage *
send (Fixture       *fixture,
      KefuOutbound  *outbound,
      GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_router_send_async (fixture->router, outbound, NULL, kefu_test_result_cb, &result);

  return kefu_router_send_finish (fixture->router, kefu_test_wait (&result), error);
}

static void
test_new_ticket (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = kefu_test_email ("王小明 <XiaoMing@Example.CN>", "订单 #8812 还没到", "您好，我的订单还没有到。");
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  KefuMessage *message;

  inbound->sender_name = g_strdup ("王小明");
  delivery = kefu_test_receive (fixture->router, inbound);
  g_assert_true (delivery->customer_created);
  g_assert_true (delivery->ticket_created);
  g_assert_false (delivery->duplicate);

  ticket = kefu_test_get_ticket (fixture->store, delivery->ticket_id);
  g_assert_cmpstr (kefu_ticket_get_subject (ticket), ==, "订单 #8812 还没到");
  g_assert_cmpint (kefu_ticket_get_status (ticket), ==, KEFU_TICKET_STATUS_NEW);
  g_assert_cmpint (kefu_ticket_get_channel (ticket), ==, KEFU_CHANNEL_KIND_EMAIL);
  g_assert_cmpstr (kefu_ticket_get_customer_name (ticket), ==, "王小明");
  g_assert_cmpint (kefu_ticket_get_number (ticket), >, 0);

  messages = kefu_test_list_messages (fixture->store, delivery->ticket_id);
  g_assert_cmpuint (messages->len, ==, 1);
  message = g_ptr_array_index (messages, 0);
  g_assert_cmpint (kefu_message_get_direction (message), ==, KEFU_DIRECTION_IN);
  g_assert_cmpstr (kefu_message_get_author_address (message), ==, "xiaoming@example.cn");
  g_assert_cmpstr (kefu_message_get_text (message), ==, "您好，我的订单还没有到。");
}

static void
test_same_customer_any_case (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr (KefuInbound) first = kefu_test_email ("Alice@Example.com", "Refund please", "Hi");
  g_autoptr (KefuInbound) second = kefu_test_email ("alice@EXAMPLE.com", "Another question", "Also…");
  g_autoptr (KefuDelivery) one = kefu_test_receive (fixture->router, first);
  g_autoptr (KefuDelivery) two = kefu_test_receive (fixture->router, second);

  g_assert_cmpint (one->customer_id, ==, two->customer_id);
  g_assert_false (two->customer_created);
  /* Her open ticket on the same channel takes the second message. */
  g_assert_cmpint (one->ticket_id, ==, two->ticket_id);
  g_assert_false (two->ticket_created);
}

static void
test_thread_by_key (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr (KefuInbound) question = kefu_test_email ("carol@example.org", "Gift box", "Do you wrap?");
  g_autoptr (KefuDelivery) asked = kefu_test_receive (fixture->router, question);
  g_autoptr (KefuOutbound) reply = kefu_outbound_new (asked->ticket_id, KEFU_DIRECTION_OUT, "Yes, for free.");
  g_autoptr (KefuMessage) sent = NULL;
  g_autoptr (KefuInbound) answer = NULL;
  g_autoptr (KefuDelivery) answered = NULL;
  g_autoptr (GError) error = NULL;

  reply->external_id = g_strdup ("<reply-1@kefu.example>");
  sent = send (fixture, reply, &error);
  g_assert_no_error (error);

  /* A colleague answers from another address, quoting our Message-ID. */
  answer = kefu_test_email ("dave@example.org", "Re: Gift box", "Great, thanks");
  answer->thread_keys = g_strsplit ("<unknown@x> <reply-1@kefu.example>", " ", -1);
  answered = kefu_test_receive (fixture->router, answer);

  g_assert_cmpint (answered->ticket_id, ==, asked->ticket_id);
  g_assert_cmpint (answered->customer_id, !=, asked->customer_id);
}

static void
test_thread_by_number (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr (KefuInbound) question = kefu_test_email ("erin@example.org", "退款", "我想退款");
  g_autoptr (KefuDelivery) asked = kefu_test_receive (fixture->router, question);
  g_autoptr (KefuTicket) ticket = kefu_test_get_ticket (fixture->store, asked->ticket_id);
  g_autofree char *subject = g_strdup_printf ("回复：[#%" PRId64 "] 退款", kefu_ticket_get_number (ticket));
  g_autoptr (KefuInbound) follow_up = kefu_test_email ("erin@example.org", subject, "还没收到钱");
  g_autoptr (KefuInbound) stranger = kefu_test_email ("mallory@example.net", subject, "let me in");
  g_autoptr (KefuDelivery) followed = NULL;
  g_autoptr (KefuDelivery) intruded = NULL;
  g_autoptr (KefuTicket) reopened = NULL;

  set_status (fixture, asked->ticket_id, KEFU_TICKET_STATUS_RESOLVED);

  followed = kefu_test_receive (fixture->router, follow_up);
  g_assert_cmpint (followed->ticket_id, ==, asked->ticket_id);
  g_assert_true (followed->ticket_reopened);
  reopened = kefu_test_get_ticket (fixture->store, asked->ticket_id);
  g_assert_cmpint (kefu_ticket_get_status (reopened), ==, KEFU_TICKET_STATUS_OPEN);

  /* Ticket numbers are easy to guess: a stranger's mail never joins. */
  intruded = kefu_test_receive (fixture->router, stranger);
  g_assert_cmpint (intruded->ticket_id, !=, asked->ticket_id);
  g_assert_true (intruded->ticket_created);
}

static void
test_closed_opens_new (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr (KefuInbound) first = kefu_test_email ("frank@example.org", "Tea sampler", "Which one?");
  g_autoptr (KefuInbound) later = kefu_test_email ("frank@example.org", "New order", "Another thing");
  g_autoptr (KefuDelivery) one = kefu_test_receive (fixture->router, first);
  g_autoptr (KefuDelivery) two = NULL;

  set_status (fixture, one->ticket_id, KEFU_TICKET_STATUS_CLOSED);
  two = kefu_test_receive (fixture->router, later);

  g_assert_cmpint (two->customer_id, ==, one->customer_id);
  g_assert_cmpint (two->ticket_id, !=, one->ticket_id);
  g_assert_true (two->ticket_created);
}

static void
test_open_ticket_is_per_channel (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr (KefuInbound) mail = kefu_test_email ("gina@example.org", "Shipping", "How long?");
  g_autoptr (KefuInbound) chat = kefu_inbound_new (KEFU_CHANNEL_KIND_CHAT, KEFU_IDENTITY_KIND_CHAT,
                                                   "0123456789abcdef0123456789abcdef");
  g_autoptr (KefuInbound) chat_again = NULL;
  g_autoptr (KefuDelivery) mailed = kefu_test_receive (fixture->router, mail);
  g_autoptr (KefuDelivery) chatted = NULL;
  g_autoptr (KefuDelivery) chatted_again = NULL;
  g_autoptr (KefuTicket) chat_ticket = NULL;

  chat->text = g_strdup ("hello?");
  chat->thread_keys = g_strsplit ("chat:session-1", " ", -1);
  chatted = kefu_test_receive (fixture->router, chat);
  g_assert_cmpint (chatted->ticket_id, !=, mailed->ticket_id);

  chat_again = kefu_inbound_copy (chat);
  g_free (chat_again->text);
  chat_again->text = g_strdup ("anyone there?");
  chatted_again = kefu_test_receive (fixture->router, chat_again);
  g_assert_cmpint (chatted_again->ticket_id, ==, chatted->ticket_id);

  chat_ticket = kefu_test_get_ticket (fixture->store, chatted->ticket_id);
  g_assert_cmpint (kefu_ticket_get_channel (chat_ticket), ==, KEFU_CHANNEL_KIND_CHAT);
  g_assert_cmpuint (kefu_ticket_get_message_count (chat_ticket), ==, 2);
}

static void
test_duplicate_external_id (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = kefu_test_email ("hank@example.org", "Hello", "Once");
  g_autoptr (KefuDelivery) first = NULL;
  g_autoptr (KefuDelivery) again = NULL;
  g_autoptr (GPtrArray) messages = NULL;

  inbound->external_id = g_strdup ("<once@example.org>");
  first = kefu_test_receive (fixture->router, inbound);
  again = kefu_test_receive (fixture->router, inbound);

  g_assert_false (first->duplicate);
  g_assert_true (again->duplicate);
  g_assert_cmpint (again->message_id, ==, first->message_id);
  g_assert_cmpint (again->ticket_id, ==, first->ticket_id);

  messages = kefu_test_list_messages (fixture->store, first->ticket_id);
  g_assert_cmpuint (messages->len, ==, 1);
}

static void
test_phone_identity (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (KefuInbound) call = kefu_inbound_new (KEFU_CHANNEL_KIND_PHONE, KEFU_IDENTITY_KIND_PHONE, "138 1234 5678");
  g_autoptr (KefuInbound) again = kefu_inbound_new (KEFU_CHANNEL_KIND_PHONE, KEFU_IDENTITY_KIND_PHONE, "+86 138-1234-5678");
  g_autoptr (KefuInbound) withheld = kefu_inbound_new (KEFU_CHANNEL_KIND_PHONE, KEFU_IDENTITY_KIND_PHONE, "anonymous");
  g_autoptr (KefuDelivery) one = NULL;
  g_autoptr (KefuDelivery) two = NULL;
  g_autoptr (KefuDelivery) three = NULL;
  g_autoptr (KefuTicket) ticket = NULL;

  call->text = g_strdup ("Missed call");
  again->text = g_strdup ("Voicemail");
  withheld->text = g_strdup ("Call from a withheld number");
  one = kefu_test_receive (fixture->router, call);
  two = kefu_test_receive (fixture->router, again);
  three = kefu_test_receive (fixture->router, withheld);

  g_assert_cmpint (one->customer_id, ==, two->customer_id);
  g_assert_cmpint (one->ticket_id, ==, two->ticket_id);
  /* A withheld number is still a ticket: nothing is lost. */
  g_assert_cmpint (three->customer_id, !=, one->customer_id);
  g_assert_true (three->ticket_created);

  ticket = kefu_test_get_ticket (fixture->store, one->ticket_id);
  g_assert_cmpstr (kefu_ticket_get_subject (ticket), ==, "Call from +8613812345678");
}

static void
on_queued (KefuRouter  *router,
           KefuMessage *message,
           gpointer     user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_outbound_queued (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (KefuInbound) question = kefu_test_email ("ivy@example.org", "Invoice", "Need a fapiao");
  g_autoptr (KefuDelivery) asked = kefu_test_receive (fixture->router, question);
  g_autoptr (KefuOutbound) note = kefu_outbound_new (asked->ticket_id, KEFU_DIRECTION_NOTE, "Check with accounting");
  g_autoptr (KefuOutbound) reply = kefu_outbound_new (asked->ticket_id, KEFU_DIRECTION_OUT, "Sent today.");
  g_autoptr (KefuMessage) noted = NULL;
  g_autoptr (KefuMessage) replied = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GError) error = NULL;
  guint queued = 0;

  g_signal_connect (fixture->router, "queued", G_CALLBACK (on_queued), &queued);

  noted = send (fixture, note, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_message_get_delivery_state (noted), ==, KEFU_DELIVERY_STATE_NONE);
  g_assert_cmpuint (queued, ==, 0);
  ticket = kefu_test_get_ticket (fixture->store, asked->ticket_id);
  g_assert_cmpint (kefu_ticket_get_first_response_at (ticket), ==, 0);
  g_clear_object (&ticket);

  replied = send (fixture, reply, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_message_get_delivery_state (replied), ==, KEFU_DELIVERY_STATE_QUEUED);
  g_assert_cmpstr (kefu_message_get_recipient (replied), ==, "ivy@example.org");
  g_assert_cmpuint (queued, ==, 1);

  ticket = kefu_test_get_ticket (fixture->store, asked->ticket_id);
  g_assert_cmpint (kefu_ticket_get_first_response_at (ticket), >, 0);
  g_assert_cmpint (kefu_ticket_get_status (ticket), ==, KEFU_TICKET_STATUS_OPEN);
}

static void
test_no_recipient (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (KefuInbound) call = kefu_inbound_new (KEFU_CHANNEL_KIND_PHONE, KEFU_IDENTITY_KIND_PHONE, "+44 20 7946 0018");
  g_autoptr (KefuDelivery) called = NULL;
  g_autoptr (KefuOutbound) reply = NULL;
  g_autoptr (KefuMessage) message = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GError) error = NULL;

  call->text = g_strdup ("Missed call");
  called = kefu_test_receive (fixture->router, call);
  reply = kefu_outbound_new (called->ticket_id, KEFU_DIRECTION_OUT, "We called back");
  reply->channel = KEFU_CHANNEL_KIND_EMAIL;

  message = send (fixture, reply, &error);
  g_assert_error (error, KEFU_ROUTER_ERROR, KEFU_ROUTER_ERROR_NO_RECIPIENT);
  g_assert_null (message);

  messages = kefu_test_list_messages (fixture->store, called->ticket_id);
  g_assert_cmpuint (messages->len, ==, 1);
}

static void
test_attachments (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = kefu_test_email ("jack@example.org", "Photos", "Broken teapot");
  g_autoptr (GBytes) photo = g_bytes_new_static ("\x89PNG fake", 9);
  g_autoptr (GBytes) huge = g_bytes_new_take (g_malloc0 (2048), 2048);
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  GPtrArray *attachments;

  kefu_router_set_max_attachment_size (fixture->router, 1024);
  kefu_inbound_add_attachment (inbound, kefu_inbound_attachment_new ("../teapot.png", "image/png", photo));
  kefu_inbound_add_attachment (inbound, kefu_inbound_attachment_new ("same.png", "image/png", photo));
  kefu_inbound_add_attachment (inbound, kefu_inbound_attachment_new ("video.mp4", "video/mp4", huge));
  delivery = kefu_test_receive (fixture->router, inbound);
  g_assert_cmpuint (delivery->attachments_refused, ==, 1);

  messages = kefu_test_list_messages (fixture->store, delivery->ticket_id);
  attachments = kefu_message_get_attachments (g_ptr_array_index (messages, 0));
  g_assert_cmpuint (attachments->len, ==, 2);
  g_assert_cmpstr (kefu_attachment_get_filename (g_ptr_array_index (attachments, 0)), ==, "teapot.png");
  g_assert_cmpstr (kefu_attachment_get_hash (g_ptr_array_index (attachments, 0)), ==,
                   kefu_attachment_get_hash (g_ptr_array_index (attachments, 1)));
  g_assert_cmpint (kefu_attachment_get_size (g_ptr_array_index (attachments, 0)), ==, 9);
}

static void
test_batch_is_atomic (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_inbound_free);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) good_result = NULL;
  g_autoptr (GPtrArray) deliveries = NULL;
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (batch, kefu_test_email ("kim@example.org", "One", "1"));
  g_ptr_array_add (batch, kefu_inbound_new (KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, NULL));
  kefu_router_receive_many_async (fixture->router, batch, "imap-uid", "41", NULL, kefu_test_result_cb, &result);
  deliveries = kefu_router_receive_many_finish (fixture->router, kefu_test_wait (&result), &error);
  g_assert_error (error, KEFU_ROUTER_ERROR, KEFU_ROUTER_ERROR_INVALID);
  g_assert_null (deliveries);
  g_assert_cmpuint (count_tickets (fixture), ==, 0);

  g_ptr_array_remove_index (batch, 1);
  g_clear_error (&error);
  kefu_router_receive_many_async (fixture->router, batch, "imap-uid", "42", NULL, kefu_test_result_cb, &good_result);
  deliveries = kefu_router_receive_many_finish (fixture->router, kefu_test_wait (&good_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deliveries->len, ==, 1);
  g_assert_cmpuint (count_tickets (fixture), ==, 1);
}

static void
on_changed (KefuStore     *store,
            KefuChangeSet *changes,
            gpointer       user_data)
{
  KefuChangeSet **seen = user_data;

  g_clear_pointer (seen, kefu_change_set_free);
  *seen = kefu_change_set_copy (changes);
}

static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = kefu_test_email ("lea@example.org", "Hi", "Hello");
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (KefuChangeSet) seen = NULL;

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), &seen);
  delivery = kefu_test_receive (fixture->router, inbound);
  while (seen == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (kefu_change_set_has_ticket (seen, delivery->ticket_id));
  g_assert_true (kefu_change_set_has_customer (seen, delivery->customer_id));
  g_signal_handlers_disconnect_by_func (fixture->store, on_changed, &seen);
}

/* The two language cases, end to end through the router. */
static void
test_search_both_languages (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr (KefuInbound) english = kefu_test_email ("mona@example.org", "Order 5531", "I was never refunded for the broken cup.");
  g_autoptr (KefuInbound) chinese = kefu_test_email ("nian@example.tw", "運費問題", "請問寄到台北的運費是多少？");
  g_autoptr (KefuDelivery) en = kefu_test_receive (fixture->router, english);
  g_autoptr (KefuDelivery) zh = kefu_test_receive (fixture->router, chinese);
  g_autoptr (GPtrArray) refund = kefu_test_search (fixture->store, "refund");
  g_autoptr (GPtrArray) shipping = kefu_test_search (fixture->store, "运费");

  g_assert_cmpuint (refund->len, ==, 1);
  g_assert_cmpint (kefu_ticket_get_id (g_ptr_array_index (refund, 0)), ==, en->ticket_id);
  g_assert_cmpuint (shipping->len, ==, 1);
  g_assert_cmpint (kefu_ticket_get_id (g_ptr_array_index (shipping, 0)), ==, zh->ticket_id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, kefu_test_fixture_set_up, func, kefu_test_fixture_tear_down)
  ADD ("/core/router/new-ticket", test_new_ticket);
  ADD ("/core/router/same-customer-any-case", test_same_customer_any_case);
  ADD ("/core/router/thread-by-key", test_thread_by_key);
  ADD ("/core/router/thread-by-number", test_thread_by_number);
  ADD ("/core/router/closed-opens-new", test_closed_opens_new);
  ADD ("/core/router/open-ticket-is-per-channel", test_open_ticket_is_per_channel);
  ADD ("/core/router/duplicate-external-id", test_duplicate_external_id);
  ADD ("/core/router/phone-identity", test_phone_identity);
  ADD ("/core/router/outbound-queued", test_outbound_queued);
  ADD ("/core/router/no-recipient", test_no_recipient);
  ADD ("/core/router/attachments", test_attachments);
  ADD ("/core/router/batch-is-atomic", test_batch_is_atomic);
  ADD ("/core/router/changed-signal", test_changed_signal);
  ADD ("/core/router/search-both-languages", test_search_both_languages);
#undef ADD

  return g_test_run ();
}
