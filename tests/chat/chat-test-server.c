/* chat-test-server.c: the chat channel alone in a process, for kill -9 tests.
 *
 * usage: chat-test-server DB CONFIG_JSON
 * Prints "port N" once listening, then serves until killed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "chat-test-client.h"
#include "kefu-channel-registry.h"
#include "kefu-chat-channel.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr (KefuSqliteStore) sqlite = NULL;
  g_autoptr (KefuRouter) router = NULL;
  g_autoptr (KefuAccount) account = NULL;
  g_autoptr (KefuChannel) channel = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GError) error = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s DB CONFIG_JSON\n", argv[0]);
      return 1;
    }

  sqlite = kefu_test_open_store (argv[1]);
  router = kefu_router_new (KEFU_STORE (sqlite));
  account = chat_test_add_account (KEFU_STORE (sqlite), argv[2]);
  channel = g_object_new (kefu_channel_registry_lookup (KEFU_CHANNEL_KIND_CHAT),
                          "router", router, "account", account, NULL);
  kefu_channel_start_async (channel, NULL, kefu_test_result_cb, &result);
  if (!kefu_channel_start_finish (channel, kefu_test_wait (&result), &error))
    {
      fprintf (stderr, "chat-test-server: %s\n", error->message);
      return 1;
    }

  printf ("port %u\n", kefu_chat_channel_get_port (KEFU_CHAT_CHANNEL (channel)));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);

  return 0;
}
