/* test-runtime.c: KefuRuntime runs the accounts and the robot answers through them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "chat-test-client.h"
#include "kefu-chat-channel.h"
#include "kefu-runtime.h"
#include "kefu-store-email.h"
#include "kefu-store-kb.h"

#define TOKEN  "0123456789abcdef0123456789abcdef"
#define ORIGIN "https://shop.example"

typedef struct
{
  KefuTestFixture  base;
  KefuRuntime     *runtime;
  KefuAccount     *account;
} Fixture;

static void
load_kb (KefuStore *store)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "corpora", "robot", "kb.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &json, NULL, &error);
  g_assert_no_error (error);
  kefu_store_put_kb_entries_async (store, json, TRUE, NULL, kefu_test_result_cb, &result);
  kefu_store_put_kb_entries_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *config = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  kefu_test_fixture_set_up (&fixture->base, user_data);
  load_kb (fixture->base.store);
  config = g_strdup_printf ("{\"port\": %u, \"origins\": [\"" ORIGIN "\"]}", chat_test_free_port ());
  fixture->account = chat_test_add_account (fixture->base.store, config);

  fixture->runtime = kefu_runtime_new (fixture->base.router);
  kefu_runtime_start_async (fixture->runtime, NULL, kefu_test_result_cb, &result);
  kefu_runtime_start_finish (fixture->runtime, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  kefu_runtime_stop (fixture->runtime);
  g_clear_object (&fixture->runtime);
  chat_test_spin (20);
  g_clear_object (&fixture->account);
  kefu_test_fixture_tear_down (&fixture->base, user_data);
}

static KefuChannel *
wait_online (Fixture *fixture)
{
  GListModel *channels = kefu_runtime_get_channels (fixture->runtime);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  KefuChannel *channel;

  while (g_list_model_get_n_items (channels) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 1);
  channel = kefu_runtime_lookup_channel (fixture->runtime, kefu_account_get_id (fixture->account));
  g_assert_nonnull (channel);
  while (kefu_channel_get_state (channel) != KEFU_CHANNEL_STATE_ONLINE &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (kefu_channel_get_state (channel), ==, KEFU_CHANNEL_STATE_ONLINE);

  return channel;
}

static ChatClient *
connect_visitor (KefuChannel *channel)
{
  g_autoptr (GError) error = NULL;
  ChatClient *client;

  client = chat_client_connect (kefu_chat_channel_get_port (KEFU_CHAT_CHANNEL (channel)), ORIGIN, &error);
  g_assert_no_error (error);
  chat_client_hello (client, TOKEN);

  return client;
}

/* A visitor's question reaches the robot through the channel the runtime
 * started, and the robot's answer from kb.json comes back over the socket. */
static void
test_robot_answers_chat (Fixture       *fixture,
                         gconstpointer  user_data)
{
  KefuChannel *channel = wait_online (fixture);
  g_autoptr (ChatClient) client = connect_visitor (channel);
  g_autoptr (JsonObject) frame = NULL;
  const char *text;

  chat_client_send (client, "{\"type\":\"message\",\"id\":\"c1\",\"text\":\"%s\"}",
                    "how long does shipping take?");
  json_object_unref (chat_client_wait (client, "ack"));
  frame = chat_client_wait (client, "message");
  g_assert_cmpstr (json_object_get_string_member (frame, "from"), ==, "robot");
  text = json_object_get_string_member (frame, "text");
  g_test_message ("robot: %s", text);
  g_assert_nonnull (strstr (text, "SF Express"));
}

static void
set_enabled (Fixture  *fixture,
             gboolean  enabled)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  KefuAccountFields fields = {
    .id = kefu_account_get_id (fixture->account),
    .kind = kefu_account_get_kind (fixture->account),
    .name = kefu_account_get_name (fixture->account),
    .address = kefu_account_get_address (fixture->account),
    .config = kefu_account_get_config (fixture->account),
    .enabled = enabled,
  };

  kefu_store_update_account_async (fixture->base.store, &fields, NULL, kefu_test_result_cb, &result);
  kefu_store_update_account_finish (fixture->base.store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
}

/* Disabling the account and restarting it stops the channel: the list
 * empties and the port no longer answers; enabling brings it back. */
static void
test_restart_after_disable (Fixture       *fixture,
                            gconstpointer  user_data)
{
  KefuChannel *channel = wait_online (fixture);
  guint port = kefu_chat_channel_get_port (KEFU_CHAT_CHANNEL (channel));
  GListModel *channels = kefu_runtime_get_channels (fixture->runtime);
  g_autoptr (KefuChannel) old = g_object_ref (channel);
  g_autoptr (GError) error = NULL;
  ChatClient *client;

  set_enabled (fixture, FALSE);
  kefu_runtime_restart_account (fixture->runtime, kefu_account_get_id (fixture->account));
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 0);
  g_assert_cmpint (kefu_channel_get_state (old), ==, KEFU_CHANNEL_STATE_OFFLINE);
  chat_test_spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 0);

  client = chat_client_connect (port, ORIGIN, &error);
  g_assert_null (client);
  g_assert_nonnull (error);
  g_clear_error (&error);

  set_enabled (fixture, TRUE);
  kefu_runtime_restart_account (fixture->runtime, kefu_account_get_id (fixture->account));
  channel = wait_online (fixture);
  g_assert_true (channel != old);
  g_assert_cmpuint (kefu_chat_channel_get_port (KEFU_CHAT_CHANNEL (channel)), ==, port);
}

/* A knowledge-base change in the store reaches the running robot by itself. */
static void
test_reload_on_kb_change (Fixture       *fixture,
                          gconstpointer  user_data)
{
  KefuChannel *channel = wait_online (fixture);
  g_autoptr (ChatClient) client = NULL;
  g_autoptr (JsonObject) frame = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const char *entry =
    "[{\"id\": \"zebra\", \"group\": \"zebra\", \"question\": \"Do you sell zebra-striped teapots?\","
    " \"answer\": \"Yes, the zebra teapot is in the Teaware section.\", \"lang\": \"en\"}]";

  kefu_store_put_kb_entries_async (fixture->base.store, entry, FALSE, NULL, kefu_test_result_cb, &result);
  kefu_store_put_kb_entries_finish (fixture->base.store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  chat_test_spin (600);

  client = connect_visitor (channel);
  chat_client_send (client, "{\"type\":\"message\",\"id\":\"c1\",\"text\":\"%s\"}",
                    "do you sell zebra striped teapots");
  json_object_unref (chat_client_wait (client, "ack"));
  frame = chat_client_wait (client, "message");
  g_assert_cmpstr (json_object_get_string_member (frame, "from"), ==, "robot");
  g_assert_true (strstr (json_object_get_string_member (frame, "text"), "zebra teapot") != NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/runtime/robot-answers-chat", Fixture, NULL, fixture_set_up, test_robot_answers_chat, fixture_tear_down);
  g_test_add ("/runtime/restart-after-disable", Fixture, NULL, fixture_set_up, test_restart_after_disable, fixture_tear_down);
  g_test_add ("/runtime/reload-on-kb-change", Fixture, NULL, fixture_set_up, test_reload_on_kb_change, fixture_tear_down);

  return g_test_run ();
}
