/* test-chat-kefuctl.c: `kefuctl chat` sets the server up and `kefuctl serve` runs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "chat-test-client.h"

#define ORIGIN "https://shop.example"

static char *
kefuctl_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "kefuctl", NULL);
}

static char *
run_kefuctl (int          expected_status,
             const char  *first_arg,
             ...)
{
  g_autofree char *kefuctl = kefuctl_path ();
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  va_list ap;

  g_ptr_array_add (args, kefuctl);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *)args->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, expected_status);

  return out;
}

static void
test_enable_show_config (void)
{
  g_autofree char *db = kefu_test_temp_db_path ();
  g_autofree char *out = NULL;

  out = run_kefuctl (2, "--db", db, "chat", "show", NULL);
  g_clear_pointer (&out, g_free);

  out = run_kefuctl (0, "--db", db, "chat", "enable", "--origin", ORIGIN, "--shop-name", "茶馆", NULL);
  g_assert_nonnull (strstr (out, "http://127.0.0.1:8642"));
  g_assert_nonnull (strstr (out, "<script src=\"http://127.0.0.1:8642/kefu/widget.js\" async></script>"));
  g_clear_pointer (&out, g_free);

  out = run_kefuctl (0, "--db", db, "chat", "config", "--port", "9000", "--color", "#112233", NULL);
  g_assert_nonnull (strstr (out, ":9000"));
  g_clear_pointer (&out, g_free);

  out = run_kefuctl (0, "--db", db, "chat", "show", "--json", NULL);
  g_assert_nonnull (strstr (out, "\"port\" : 9000"));
  g_assert_nonnull (strstr (out, "\"shop-name\" : \"茶馆\""));
  g_assert_nonnull (strstr (out, "\"" ORIGIN "\""));
  g_clear_pointer (&out, g_free);

  /* Refused settings change nothing. */
  out = run_kefuctl (1, "--db", db, "chat", "config", "--color", "red", NULL);
  g_clear_pointer (&out, g_free);
  out = run_kefuctl (1, "--db", db, "chat", "config", "--address", "localhost", NULL);
  g_clear_pointer (&out, g_free);
  out = run_kefuctl (1, "--db", db, "chat", "frobnicate", NULL);
  g_clear_pointer (&out, g_free);
  out = run_kefuctl (0, "--db", db, "chat", "show", "--json", NULL);
  g_assert_nonnull (strstr (out, "\"color\" : \"#112233\""));

  chat_test_assert_query (db, "SELECT count(*) FROM accounts WHERE kind = 'chat'", "1");
}

static void
test_serve (void)
{
  g_autofree char *db = kefu_test_temp_db_path ();
  g_autofree char *kefuctl = kefuctl_path ();
  g_autofree char *port = g_strdup_printf ("%u", chat_test_free_port ());
  g_autofree char *out = run_kefuctl (0, "--db", db, "chat", "enable", "--origin", ORIGIN, "--port", port, NULL);
  g_autoptr (GSubprocess) serve = NULL;
  g_autoptr (ChatClient) client = NULL;
  g_autoptr (JsonObject) ack = NULL;
  g_autoptr (GError) error = NULL;

  serve = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, kefuctl, "--db", db, "serve", NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < 500 && client == NULL; i++)
    {
      g_clear_error (&error);
      client = chat_client_connect (g_ascii_strtoull (port, NULL, 10), ORIGIN, &error);
      if (client == NULL)
        chat_test_spin (20);
    }
  g_assert_no_error (error);

  chat_client_hello (client, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  chat_client_send (client, "{\"type\":\"message\",\"id\":\"k1\",\"text\":\"via kefuctl serve\"}");
  ack = chat_client_wait (client, "ack");
  g_assert_false (json_object_get_boolean_member (ack, "duplicate"));
  chat_test_assert_query (db, "SELECT text FROM messages", "via kefuctl serve");

  g_subprocess_send_signal (serve, SIGTERM);
  g_subprocess_wait (serve, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (serve));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chat/kefuctl/enable-show-config", test_enable_show_config);
  g_test_add_func ("/chat/kefuctl/serve", test_serve);

  return g_test_run ();
}
