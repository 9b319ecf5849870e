/* test-chat-widget.c: the widget on /demo in headless Chromium, end to end.
 *
 * Runs the chat channel in this process and widget-e2e.js (playwright-core
 * driving Debian's /usr/bin/chromium) beside it. When the page asks, this
 * side answers through Kefu itself: a robot answer and an agent reply go
 * through kefu_router_send_async(), and the agent's typing through the
 * channel. Screenshots land in the build directory (chat-*.png).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "chat-test-client.h"
#include "kefu-chat-channel.h"

#define CONFIG \
  "{\"port\": %u, \"shop-name\": \"Tea <b>House</b>\", \"color\": \"#aa3300\"," \
  " \"greeting\": \"Hello! Ask us anything about tea, orders and shipping.\"}"

typedef struct
{
  char            *db_path;
  KefuSqliteStore *sqlite;
  KefuRouter      *router;
  KefuChannel     *channel;
  GOutputStream   *to_node;
  gboolean         finished;
} Harness;

static void
reply_through_router (Harness       *harness,
                      KefuDirection  direction,
                      const char    *author,
                      const char    *text)
{
  g_autofree char *ticket = chat_test_query (harness->db_path, "SELECT max(id) FROM tickets");
  g_autoptr (KefuOutbound) outbound = kefu_outbound_new (g_ascii_strtoll (ticket, NULL, 10), direction, text);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuMessage) message = NULL;
  g_autoptr (GError) error = NULL;

  outbound->author_name = g_strdup (author);
  kefu_router_send_async (harness->router, outbound, NULL, kefu_test_result_cb, &result);
  message = kefu_router_send_finish (harness->router, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
}

static void
answer (Harness    *harness,
        const char *line)
{
  g_autoptr (GError) error = NULL;

  g_output_stream_write_all (harness->to_node, line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Harness *harness = user_data;
  GDataInputStream *out = G_DATA_INPUT_STREAM (object);
  g_autofree char *line = g_data_input_stream_read_line_finish (out, result, NULL, NULL);

  if (line == NULL)
    {
      harness->finished = TRUE;
      return;
    }

  g_test_message ("widget-e2e: %s", line);
  if (g_str_equal (line, "need-robot"))
    {
      reply_through_router (harness, KEFU_DIRECTION_ROBOT, "Assistant",
                            "You can track your order under My orders → Shipping.");
      answer (harness, "done-robot\n");
    }
  else if (g_str_equal (line, "need-reply"))
    {
      g_autofree char *ticket = chat_test_query (harness->db_path, "SELECT max(id) FROM tickets");

      kefu_chat_channel_set_agent_typing (KEFU_CHAT_CHANNEL (harness->channel),
                                          g_ascii_strtoll (ticket, NULL, 10), TRUE);
      chat_test_spin (700);
      reply_through_router (harness, KEFU_DIRECTION_OUT, "Li Na",
                            "Your order ships today <b>bold</b> <img src=x onerror=alert(2)>");
      answer (harness, "done-reply\n");
    }

  else if (g_str_equal (line, "need-close"))
    {
      g_autofree char *ticket = chat_test_query (harness->db_path, "SELECT max(id) FROM tickets");
      g_autoptr (KefuTicketChange) change = kefu_ticket_change_new (g_ascii_strtoll (ticket, NULL, 10), 0);
      g_autoptr (GAsyncResult) closed = NULL;
      g_autoptr (KefuTicket) updated = NULL;
      g_autoptr (GError) error = NULL;

      change->what = KEFU_TICKET_CHANGE_STATUS;
      change->status = KEFU_TICKET_STATUS_RESOLVED;
      kefu_store_update_ticket_async (KEFU_STORE (harness->sqlite), change, NULL, kefu_test_result_cb, &closed);
      updated = kefu_store_update_ticket_finish (KEFU_STORE (harness->sqlite), kefu_test_wait (&closed), &error);
      g_assert_no_error (error);
      answer (harness, "done-close\n");
    }
  else if (g_str_equal (line, "need-stop"))
    {
      kefu_channel_stop (harness->channel);
      answer (harness, "stopped\n");
    }
  else if (g_str_equal (line, "need-start"))
    {
      g_autoptr (GAsyncResult) started = NULL;
      g_autoptr (GError) error = NULL;

      kefu_channel_start_async (harness->channel, NULL, kefu_test_result_cb, &started);
      g_assert_true (kefu_channel_start_finish (harness->channel, kefu_test_wait (&started), &error));
      g_assert_no_error (error);
      answer (harness, "started\n");
    }

  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, read_line_cb, harness);
}

static void
test_widget_end_to_end (void)
{
  g_autofree char *peers = g_test_build_filename (G_TEST_DIST, "peers", "chromium-setup.sh", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "chat", "widget-e2e.js", NULL);
  g_autofree char *node_dir = g_test_build_filename (G_TEST_BUILT, "chat", "playwright", NULL);
  g_autofree char *shots = g_test_build_filename (G_TEST_BUILT, "chat", NULL);
  g_autofree char *modules = NULL;
  g_autofree char *base = NULL;
  g_autofree char *home = NULL;
  g_autofree char *config = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) setup = NULL;
  g_autoptr (GSubprocess) node = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (KefuAccount) account = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  Harness harness = { 0 };

  /* The peer: Chromium and playwright-core, or a loud failure. */
  setup = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, peers, node_dir, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (setup, NULL, NULL, &modules, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (setup));
  g_strstrip (modules);

  harness.db_path = kefu_test_temp_db_path ();
  harness.sqlite = kefu_test_open_store (harness.db_path);
  harness.router = kefu_router_new (KEFU_STORE (harness.sqlite));
  config = g_strdup_printf (CONFIG, chat_test_free_port ());
  account = chat_test_add_account (KEFU_STORE (harness.sqlite), config);
  harness.channel = g_object_new (KEFU_TYPE_CHAT_CHANNEL, "router", harness.router, "account", account, NULL);
  kefu_channel_start_async (harness.channel, NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_channel_start_finish (harness.channel, kefu_test_wait (&result), &error));
  g_assert_no_error (error);
  base = g_strdup_printf ("http://127.0.0.1:%u", kefu_chat_channel_get_port (KEFU_CHAT_CHANNEL (harness.channel)));

  /* Chromium writes into $HOME even with its own profile directory. */
  home = g_dir_make_tmp ("kefu-chromium-XXXXXX", &error);
  g_assert_no_error (error);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "NODE_PATH", modules, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  node = g_subprocess_launcher_spawn (launcher, &error, "node", script, base, shots, NULL);
  g_assert_no_error (error);
  harness.to_node = g_subprocess_get_stdin_pipe (node);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (node));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, read_line_cb, &harness);
  while (!harness.finished)
    g_main_context_iteration (NULL, TRUE);

  g_subprocess_wait (node, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (node));
  g_assert_cmpint (g_subprocess_get_exit_status (node), ==, 0);

  /* What the browser did is in the inbox: three visitors wrote, three chat tickets. */
  chat_test_assert_query (harness.db_path, "SELECT count(*) FROM tickets WHERE channel = 'chat'", "3");
  chat_test_assert_query (harness.db_path,
                                    "SELECT count(*) FROM messages WHERE text = '<img src=x onerror=alert(1)>'", "1");
  chat_test_assert_query (harness.db_path,
                                    "SELECT count(*) FROM messages WHERE text = 'Typed while Kefu restarts'", "1");
  chat_test_assert_query (harness.db_path,
                                    "SELECT count(*) FROM events WHERE kind = 'chat-visitor' AND detail LIKE '%/demo%'", "3");

  chat_test_assert_query (harness.db_path, "SELECT score, comment FROM ratings", "4|Quick and <b>kind</b>");

  kefu_channel_stop (harness.channel);
  g_clear_object (&harness.channel);
  g_clear_object (&harness.router);
  kefu_sqlite_store_close (harness.sqlite);
  g_clear_object (&harness.sqlite);
  g_free (harness.db_path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chat/widget/end-to-end", test_widget_end_to_end);

  return g_test_run ();
}
