/* test-phone-kefuctl.c: `kefuctl account add-sip` and `kefuctl call` against a real baresip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "phone-test-peers.h"

#include <string.h>

static char *
kefuctl (int          *status,
         const char   *first,
         ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) envp = g_get_environ ();
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KEFUCTL"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "KEFU_PHONE_AUDIO_SRC", "audiotestsrc is-live=true wave=sine freq=1000", TRUE);
  envp = g_environ_setenv (envp, "KEFU_PHONE_AUDIO_SINK", "fakesink sync=false", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *status = WEXITSTATUS (wait_status);
  if (*status != 0)
    g_test_message ("kefuctl: %s", err);

  return out;
}

static void
test_add_sip_and_call (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kefu-phone-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "kefu.db", NULL);
  g_autofree char *wav = phone_test_make_tone_wav (dir, 440, 30);
  guint kefu_port = phone_test_free_port (1);
  guint peer_port = phone_test_free_port (2);
  g_autofree char *kefu_port_text = g_strdup_printf ("%u", kefu_port);
  g_autofree char *target = g_strdup_printf ("sip:+8613700137000@127.0.0.1:%u", peer_port);
  g_autofree char *out = NULL;
  PhonePeer *callee;
  int status;

  g_free (kefuctl (&status, "--db", db, "init", NULL));
  g_assert_cmpint (status, ==, 0);
  out = kefuctl (&status, "--db", db, "account", "add-sip", "--user", "agent", "--bind-address", "127.0.0.1",
                 "--bind-port", kefu_port_text, "--codecs", "PCMU,PCMA", "--name", "Desk", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "1\n");
  g_clear_pointer (&out, g_free);

  out = kefuctl (&status, "--db", db, "account", "list", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "phone"));
  g_clear_pointer (&out, g_free);

  callee = phone_test_baresip_start (dir, peer_port, wav,
                                     "<sip:+8613700137000@127.0.0.1>;regint=0;answermode=auto");
  out = kefuctl (&status, "--db", db, "call", "--seconds", "2", "--dtmf", "7", target, NULL);
  g_assert_cmpint (status, ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "Connected in"));
  g_assert_nonnull (strstr (out, "Call ended: answered. Logged in ticket 1."));
  g_assert_true (phone_test_peer_log_has (callee, "received event: '7'"));
  g_clear_pointer (&out, g_free);

  out = kefuctl (&status, "--db", db, "tickets", NULL);
  g_assert_nonnull (strstr (out, "Call to +8613700137000"));

  phone_test_peer_stop (callee);
}

static void
test_call_without_line (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kefu-phone-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "kefu.db", NULL);
  int status;

  g_free (kefuctl (&status, "--db", db, "init", NULL));
  g_free (kefuctl (&status, "--db", db, "call", "+8613700137000", NULL));
  g_assert_cmpint (status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/phone/kefuctl/add-sip-and-call", test_add_sip_and_call);
  g_test_add_func ("/phone/kefuctl/call-without-line", test_call_without_line);

  return g_test_run ();
}
