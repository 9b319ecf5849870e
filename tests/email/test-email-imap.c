/* test-email-imap.c: mail delivered to a real Dovecot becomes ticket messages, fast and exactly once.
 *
 * Runs under tests/peers/keyring-run.sh: the password is in a private,
 * unlocked gnome-keyring, as it would be on a desktop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-channel-registry.h"
#include "kefu-email-channel.h"
#include "kefu-email-peers.h"
#include "kefu-store-email.h"
#include "kefu-test-util.h"

typedef struct
{
  KefuTestFixture  base;
  KefuMailPeers    peers;
  KefuChannel     *channel;
  guint            received;
  gint64           last_received_at;
} Fixture;

static void
on_received (KefuRouter   *router,
             KefuDelivery *delivery,
             Fixture      *fixture)
{
  fixture->received++;
  fixture->last_received_at = g_get_monotonic_time ();
}

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  kefu_test_fixture_set_up (&fixture->base, NULL);
  kefu_mail_peers_start (&fixture->peers, GPOINTER_TO_INT (user_data));
  g_signal_connect (fixture->base.router, "received", G_CALLBACK (on_received), fixture);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  user_data)
{
  if (fixture->channel != NULL)
    kefu_channel_stop (fixture->channel);
  g_clear_object (&fixture->channel);
  kefu_mail_peers_stop (&fixture->peers);
  kefu_test_fixture_tear_down (&fixture->base, NULL);
}

static KefuAccount *
get_account (Fixture *fixture,
             gint64   id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GError) error = NULL;

  kefu_store_list_accounts_async (fixture->base.store, NULL, kefu_test_result_cb, &result);
  accounts = kefu_store_list_accounts_finish (fixture->base.store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len; i++)
    if (kefu_account_get_id (g_ptr_array_index (accounts, i)) == id)
      return g_object_ref (g_ptr_array_index (accounts, i));

  g_assert_not_reached ();
}

static gboolean
channel_online (gpointer data)
{
  Fixture *fixture = data;

  return kefu_channel_get_state (fixture->channel) == KEFU_CHANNEL_STATE_ONLINE;
}

static void
start_channel (Fixture *fixture,
               gint64   account_id)
{
  g_autoptr (KefuAccount) account = get_account (fixture, account_id);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GType type = kefu_channel_registry_lookup (KEFU_CHANNEL_KIND_EMAIL);

  g_assert_true (type == KEFU_TYPE_EMAIL_CHANNEL);
  fixture->channel = g_object_new (type, "router", fixture->base.router, "account", account, NULL);
  kefu_channel_start_async (fixture->channel, NULL, kefu_test_result_cb, &result);
  kefu_channel_start_finish (fixture->channel, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  if (!kefu_mail_wait_for (channel_online, fixture, 10000))
    {
      g_autofree char *message = kefu_channel_dup_status_message (fixture->channel);

      g_error ("The channel did not come online: %s", message);
    }
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

  return count->fixture->received >= count->count;
}

static guint
count_tickets (Fixture *fixture)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);
  g_autoptr (KefuTicketSpine) spine = NULL;

  kefu_store_list_ticket_spine_async (fixture->base.store, query, 100, NULL, kefu_test_result_cb, &result);
  spine = kefu_store_list_ticket_spine_finish (fixture->base.store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return spine->total;
}

/* Issue #3: a mail sent to the support address is a ticket within 2 s (IDLE). */
static void
test_idle_within_two_seconds (Fixture       *fixture,
                              gconstpointer  user_data)
{
  gint64 id = kefu_mail_add_account (fixture->base.store, &fixture->peers, "alice@example.test", "alicepw", NULL);
  Count one = { fixture, 1 };
  gint64 sent_at;

  start_channel (fixture, id);
  /* The first sync of an empty mailbox is done once the channel waits in IDLE. */
  g_usleep (300 * 1000);

  sent_at = g_get_monotonic_time ();
  kefu_mail_deliver (&fixture->peers, "alice@example.test", "Wang Fang <wang.fang@example.cn>",
                     "Where is my order?", NULL, 1);
  g_assert_true (kefu_mail_wait_for (received_at_least, &one, 5000));
  g_test_message ("delivered to ticket in %.0f ms (including the LMTP delivery)",
                  (fixture->last_received_at - sent_at) / 1000.0);
  g_assert_cmpint (fixture->last_received_at - sent_at, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (count_tickets (fixture), ==, 1);
}

/* A restart neither loses nor repeats: old mail is read once by the first
 * sync, and after a restart only what is new. */
static void
test_restart_exactly_once (Fixture       *fixture,
                           gconstpointer  user_data)
{
  gint64 id = kefu_mail_add_account (fixture->base.store, &fixture->peers, "alice@example.test", "alicepw", NULL);
  Count first = { fixture, 12 };
  Count second = { fixture, 17 };

  kefu_mail_deliver (&fixture->peers, "alice@example.test", "cust{i}@example.org", "Question {i}", NULL, 12);
  start_channel (fixture, id);
  g_assert_true (kefu_mail_wait_for (received_at_least, &first, 10000));

  kefu_channel_stop (fixture->channel);
  g_clear_object (&fixture->channel);
  kefu_mail_deliver (&fixture->peers, "alice@example.test", "later{i}@example.org", "Later {i}", NULL, 5);

  start_channel (fixture, id);
  g_assert_true (kefu_mail_wait_for (received_at_least, &second, 10000));
  /* Give a duplicate every chance to show up. */
  g_usleep (500 * 1000);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (fixture->received, ==, 17);
  g_assert_cmpuint (count_tickets (fixture), ==, 17);
}

static void
expect_test_error (KefuAccount  *account,
                   const char   *password,
                   int           code,
                   const char   *words)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;

  kefu_email_channel_test_async (account, password, NULL, kefu_test_result_cb, &result);
  summary = kefu_email_channel_test_finish (kefu_test_wait (&result), NULL, &error);
  if (code < 0)
    {
      g_assert_no_error (error);
      g_assert_nonnull (strstr (summary, words));
      return;
    }
  g_assert_error (error, KEFU_CHANNEL_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_null (strstr (error->message, password));
}

static KefuAccount *
account_with (Fixture    *fixture,
              const char *extra)
{
  g_autofree char *json = kefu_mail_account_json (&fixture->peers, "alice@example.test", extra);
  KefuAccountFields fields = { 0 };

  fields.id = 1;
  fields.kind = KEFU_CHANNEL_KIND_EMAIL;
  fields.name = "Support";
  fields.address = "alice@example.test";
  fields.config = json;
  fields.enabled = TRUE;

  return kefu_account_new (&fields);
}

/* "Test connection" says what is wrong in words, never with the password. */
static void
test_connection_errors (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr (KefuAccount) good = account_with (fixture, NULL);
  g_autoptr (KefuAccount) no_folder = account_with (fixture, "\"folder\": \"Archive/2019\"");
  g_autofree char *unreachable_extra = g_strdup_printf ("\"imap-port\": %u", kefu_mail_free_port ());
  g_autoptr (KefuAccount) unreachable = NULL;

  /* A later member wins in JSON-GLib, so this replaces the working port. */
  unreachable = account_with (fixture, unreachable_extra);

  expect_test_error (good, "alicepw", -1, "Connected");
  expect_test_error (good, "not-the-password", KEFU_CHANNEL_ERROR_AUTH_FAILED, "user name or password");
  expect_test_error (no_folder, "alicepw", KEFU_CHANNEL_ERROR_REJECTED, "“Archive/2019” does not exist");
  expect_test_error (unreachable, "alicepw", KEFU_CHANNEL_ERROR_UNREACHABLE, "cannot be reached");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/email/imap/idle-within-two-seconds", Fixture, GINT_TO_POINTER (FALSE),
              set_up, test_idle_within_two_seconds, tear_down);
  g_test_add ("/email/imap/restart-exactly-once", Fixture, GINT_TO_POINTER (FALSE),
              set_up, test_restart_exactly_once, tear_down);
  g_test_add ("/email/imap/connection-errors", Fixture, GINT_TO_POINTER (TRUE),
              set_up, test_connection_errors, tear_down);

  return g_test_run ();
}
