/* test-email-smtp.c: replies go out through a real Postfix, thread back, and auto-replies never loop.
 *
 * Runs under tests/peers/keyring-run.sh. Postfix hands every message to
 * Dovecot, so "the customer's mailbox" is a real IMAP mailbox too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-channel-registry.h"
#include "kefu-email-peers.h"
#include "kefu-store-email.h"
#include "kefu-test-util.h"

typedef struct
{
  KefuTestFixture  base;
  KefuMailPeers    peers;
  GPtrArray       *channels;
  GPtrArray       *deliveries;   /* KefuDelivery */
} Fixture;

static void
on_received (KefuRouter   *router,
             KefuDelivery *delivery,
             Fixture      *fixture)
{
  g_ptr_array_add (fixture->deliveries, kefu_delivery_copy (delivery));
}

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  kefu_test_fixture_set_up (&fixture->base, NULL);
  kefu_mail_peers_start (&fixture->peers, TRUE);
  fixture->channels = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->deliveries = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_delivery_free);
  g_signal_connect (fixture->base.router, "received", G_CALLBACK (on_received), fixture);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  user_data)
{
  for (guint i = 0; i < fixture->channels->len; i++)
    kefu_channel_stop (g_ptr_array_index (fixture->channels, i));
  g_clear_pointer (&fixture->channels, g_ptr_array_unref);
  g_clear_pointer (&fixture->deliveries, g_ptr_array_unref);
  kefu_mail_peers_stop (&fixture->peers);
  kefu_test_fixture_tear_down (&fixture->base, NULL);
}

static gboolean
channel_online (gpointer data)
{
  return kefu_channel_get_state (data) == KEFU_CHANNEL_STATE_ONLINE;
}

static void
start_account (Fixture    *fixture,
               const char *user,
               const char *password,
               const char *extra)
{
  gint64 id = kefu_mail_add_account (fixture->base.store, &fixture->peers, user, password, extra);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) started = NULL;
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GError) error = NULL;
  KefuChannel *channel = NULL;

  kefu_store_list_accounts_async (fixture->base.store, NULL, kefu_test_result_cb, &result);
  accounts = kefu_store_list_accounts_finish (fixture->base.store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len; i++)
    if (kefu_account_get_id (g_ptr_array_index (accounts, i)) == id)
      channel = g_object_new (kefu_channel_registry_lookup (KEFU_CHANNEL_KIND_EMAIL),
                              "router", fixture->base.router,
                              "account", g_ptr_array_index (accounts, i), NULL);
  g_assert_nonnull (channel);
  g_ptr_array_add (fixture->channels, channel);

  kefu_channel_start_async (channel, NULL, kefu_test_result_cb, &started);
  kefu_channel_start_finish (channel, kefu_test_wait (&started), &error);
  g_assert_no_error (error);
  g_assert_true (kefu_mail_wait_for (channel_online, channel, 10000));
}

typedef struct
{
  Fixture *fixture;
  guint    count;
} Count;

static gboolean
received_at_least (gpointer data)
{
  Count *count = data;

  return count->fixture->deliveries->len >= count->count;
}

static KefuMessage *
find_reply (Fixture *fixture,
            gint64   ticket_id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GError) error = NULL;

  kefu_store_list_messages_async (fixture->base.store, ticket_id, NULL, kefu_test_result_cb, &result);
  messages = kefu_store_list_messages_finish (fixture->base.store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < messages->len; i++)
    if (kefu_message_get_direction (g_ptr_array_index (messages, i)) == KEFU_DIRECTION_OUT)
      return g_object_ref (g_ptr_array_index (messages, i));

  return NULL;
}

typedef struct
{
  Fixture *fixture;
  gint64   ticket_id;
} Sent;

static gboolean
reply_sent (gpointer data)
{
  Sent *sent = data;
  g_autoptr (KefuMessage) reply = find_reply (sent->fixture, sent->ticket_id);

  return reply != NULL && kefu_message_get_delivery_state (reply) == KEFU_DELIVERY_STATE_SENT;
}

static char *
header_value (const char *message,
              const char *name)
{
  g_autofree char *needle = g_strdup_printf ("\n%s: ", name);
  const char *start = strstr (message, needle);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (needle);
  end = strstr (start, "\r\n");

  return g_strndup (start, end ? (gsize)(end - start) : strlen (start));
}

/* Issue #3: Kefu's reply reaches the customer's mailbox with the right
 * threading headers, and the customer's answer to it lands in the same ticket. */
static void
test_reply_threads_back (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr (KefuOutbound) outbound = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuMessage) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *delivered = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *in_reply_to = NULL;
  g_autofree char *references = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *expected_subject = NULL;
  g_autofree char *answer = NULL;
  KefuDelivery *first;
  KefuDelivery *second;
  Count one = { fixture, 1 };
  Count two = { fixture, 2 };
  Sent sent = { fixture, 0 };

  start_account (fixture, "alice@example.test", "alicepw", "\"signature\": \"Tea Shop — Alice\"");

  kefu_mail_deliver_raw (&fixture->peers, "alice@example.test",
                         "From: Bob <bob@example.test>\r\nTo: alice@example.test\r\n"
                         "Subject: The kettle leaks\r\nMessage-ID: <first-1@example.test>\r\n\r\n"
                         "My new kettle leaks. Can you help?\r\n");
  g_assert_true (kefu_mail_wait_for (received_at_least, &one, 10000));
  first = g_ptr_array_index (fixture->deliveries, 0);
  g_assert_true (first->ticket_created);

  outbound = kefu_outbound_new (first->ticket_id, KEFU_DIRECTION_OUT, "We are sending a new kettle today.");
  kefu_router_send_async (fixture->base.router, outbound, NULL, kefu_test_result_cb, &result);
  stored = kefu_router_send_finish (fixture->base.router, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  sent.ticket_id = first->ticket_id;
  g_assert_true (kefu_mail_wait_for (reply_sent, &sent, 15000));

  delivered = kefu_mail_fetch_last (&fixture->peers, "bob@example.test", "bobpw", "kettle", 10000);
  g_assert_nonnull (delivered);
  g_test_message ("%s", delivered);

  subject = header_value (delivered, "Subject");
  in_reply_to = header_value (delivered, "In-Reply-To");
  references = header_value (delivered, "References");
  message_id = header_value (delivered, "Message-Id");
  if (message_id == NULL)
    message_id = header_value (delivered, "Message-ID");
  {
    g_autoptr (GAsyncResult) got = NULL;
    g_autoptr (KefuTicket) ticket = NULL;

    kefu_store_get_ticket_async (fixture->base.store, first->ticket_id, NULL, kefu_test_result_cb, &got);
    ticket = kefu_store_get_ticket_finish (fixture->base.store, kefu_test_wait (&got), &error);
    g_assert_no_error (error);
    expected_subject = g_strdup_printf ("Re: The kettle leaks [#%" G_GINT64_FORMAT "]", kefu_ticket_get_number (ticket));
  }
  g_assert_cmpstr (subject, ==, expected_subject);
  g_assert_cmpstr (in_reply_to, ==, "<first-1@example.test>");
  g_assert_cmpstr (references, ==, "<first-1@example.test>");
  g_assert_nonnull (message_id);
  g_assert_nonnull (strstr (delivered, "Tea Shop Support <alice@example.test>"));
  g_assert_nonnull (strstr (delivered, "We are sending a new kettle today."));
  g_assert_nonnull (strstr (delivered, "--=20\r\nTea Shop =E2=80=94 Alice"));

  /* The customer answers the reply; only its headers tie it to the ticket. */
  answer = g_strdup_printf ("From: Bob <bob@example.test>\r\nTo: alice@example.test\r\n"
                            "Subject: Thanks!\r\nMessage-ID: <second-2@example.test>\r\n"
                            "In-Reply-To: %s\r\nReferences: <first-1@example.test> %s\r\n\r\n"
                            "Thank you, it arrived.\r\n", message_id, message_id);
  kefu_mail_deliver_raw (&fixture->peers, "alice@example.test", answer);
  g_assert_true (kefu_mail_wait_for (received_at_least, &two, 10000));
  second = g_ptr_array_index (fixture->deliveries, 1);
  g_assert_false (second->ticket_created);
  g_assert_cmpint (second->ticket_id, ==, first->ticket_id);
}

static guint
count_mail (Fixture    *fixture,
            const char *user,
            const char *password)
{
  g_autofree char *command = g_strdup_printf ("curl -sS imap://127.0.0.1:%u/INBOX -u '%s:%s' -X 'SEARCH ALL'",
                                              fixture->peers.imap_port, user, password);
  g_autofree char *out = NULL;
  g_auto (GStrv) words = NULL;

  g_spawn_command_line_sync (command, &out, NULL, NULL, NULL);
  words = g_strsplit (g_strstrip (out ? out : ""), " ", -1);

  return g_strv_length (words) >= 2 ? g_strv_length (words) - 2 : 0;
}

/* Issue #3: two auto-responders facing each other exchange one message. */
static void
test_auto_replies_do_not_loop (Fixture       *fixture,
                               gconstpointer  user_data)
{
  Count two = { fixture, 2 };

  start_account (fixture, "alice@example.test", "alicepw", "\"auto-acknowledge\": true");
  start_account (fixture, "bob@example.test", "bobpw", "\"auto-acknowledge\": true");

  /* A person writes to alice's shop; alice acknowledges to bob's shop,
   * whose responder must not acknowledge the acknowledgement. */
  kefu_mail_deliver_raw (&fixture->peers, "alice@example.test",
                         "From: bob@example.test\r\nTo: alice@example.test\r\nSubject: Hello\r\n"
                         "Message-ID: <hello-1@example.test>\r\n\r\nHello there.\r\n");

  g_assert_true (kefu_mail_wait_for (received_at_least, &two, 15000));
  /* Time for a loop to show itself, if there were one. */
  {
    gint64 until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < until)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (10000);
      }
  }

  g_assert_cmpuint (fixture->deliveries->len, ==, 2);
  g_assert_cmpuint (count_mail (fixture, "alice@example.test", "alicepw"), ==, 1);
  g_assert_cmpuint (count_mail (fixture, "bob@example.test", "bobpw"), ==, 1);
  {
    g_autofree char *ack = kefu_mail_fetch_last (&fixture->peers, "bob@example.test", "bobpw", "Hello", 1000);

    g_assert_nonnull (strstr (ack, "Auto-Submitted: auto-replied"));
    g_assert_nonnull (strstr (ack, "Your ticket number is"));
  }
}

static gboolean
reply_failed (gpointer data)
{
  Sent *sent = data;
  g_autoptr (KefuMessage) reply = find_reply (sent->fixture, sent->ticket_id);

  return reply != NULL && kefu_message_get_delivery_state (reply) == KEFU_DELIVERY_STATE_FAILED;
}

/* Issue #3: a bounce attaches to the ticket it concerns as a failed
 * delivery, with the remote server's words, and never opens a ticket. */
static void
test_bounce_marks_reply_failed (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr (KefuOutbound) outbound = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuMessage) stored = NULL;
  g_autoptr (KefuMessage) reply = NULL;
  g_autoptr (GError) error = NULL;
  Count one = { fixture, 1 };
  Sent failed = { fixture, 0 };
  KefuDelivery *first;

  start_account (fixture, "alice@example.test", "alicepw", NULL);

  /* Dovecot has no mailbox "nobody": Postfix accepts the reply, Dovecot
   * refuses it, and Postfix returns a DSN to alice. */
  kefu_mail_deliver_raw (&fixture->peers, "alice@example.test",
                         "From: Gone <nobody@example.test>\r\nTo: alice@example.test\r\n"
                         "Subject: Refund\r\nMessage-ID: <gone-1@example.test>\r\n\r\nRefund please.\r\n");
  g_assert_true (kefu_mail_wait_for (received_at_least, &one, 10000));
  first = g_ptr_array_index (fixture->deliveries, 0);

  outbound = kefu_outbound_new (first->ticket_id, KEFU_DIRECTION_OUT, "Your refund is on its way.");
  kefu_router_send_async (fixture->base.router, outbound, NULL, kefu_test_result_cb, &result);
  stored = kefu_router_send_finish (fixture->base.router, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  failed.ticket_id = first->ticket_id;
  g_assert_true (kefu_mail_wait_for (reply_failed, &failed, 30000));
  reply = find_reply (fixture, first->ticket_id);
  g_test_message ("failed: %s", kefu_message_get_delivery_error (reply));
  g_assert_nonnull (strstr (kefu_message_get_delivery_error (reply), "550"));
  /* The bounce itself is not a customer's message. */
  g_assert_cmpuint (fixture->deliveries->len, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/email/smtp/reply-threads-back", Fixture, NULL, set_up, test_reply_threads_back, tear_down);
  g_test_add ("/email/smtp/bounce-marks-reply-failed", Fixture, NULL, set_up, test_bounce_marks_reply_failed, tear_down);
  g_test_add ("/email/smtp/auto-replies-do-not-loop", Fixture, NULL, set_up, test_auto_replies_do_not_loop, tear_down);

  return g_test_run ();
}
