/* test-phone-register.c: registration against a real kamailio on 127.0.0.1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "phone-test-channel.h"

#include <string.h>

typedef KefuTestFixture Fixture;

static char *
registrar_config (guint port,
                  guint expires)
{
  return g_strdup_printf ("{\"registrar\": \"sip:127.0.0.1:%u\", \"user\": \"agent\","
                          " \"bind-address\": \"127.0.0.1\", \"register-expires\": %u,"
                          " \"codecs\": [\"PCMU\", \"PCMA\"]}", port, expires);
}

static gboolean
registered_twice (gpointer data)
{
  return kefu_phone_channel_get_registrations (data) >= 2;
}

static void
test_register_refresh (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *dir = g_dir_make_tmp ("kefu-phone-XXXXXX", NULL);
  guint port = phone_test_free_port (1);
  PhonePeer *kamailio = phone_test_kamailio_start (dir, port, TRUE);
  g_autofree char *config = registrar_config (port, 4);
  g_autoptr (KefuPhoneChannel) channel = phone_test_channel_new (fixture, config);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  g_setenv ("KEFU_TEST_ACCOUNT_PASSWORD", "secret", TRUE);
  g_assert_true (phone_test_channel_start (channel, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kefu_channel_get_state (KEFU_CHANNEL (channel)), ==, KEFU_CHANNEL_STATE_ONLINE);
  message = kefu_channel_dup_status_message (KEFU_CHANNEL (channel));
  g_assert_nonnull (strstr (message, "sip:agent@127.0.0.1"));
  g_assert_true (phone_test_peer_log_has (kamailio, "REGISTER sip:agent@127.0.0.1"));

  /* Expires 4 s: nua must refresh before the registrar forgets us. */
  g_assert_true (phone_test_wait_for (registered_twice, channel, 8000));
  g_assert_cmpint (kefu_channel_get_state (KEFU_CHANNEL (channel)), ==, KEFU_CHANNEL_STATE_ONLINE);

  phone_test_channel_stop (channel);
  g_assert_cmpint (kefu_channel_get_state (KEFU_CHANNEL (channel)), ==, KEFU_CHANNEL_STATE_OFFLINE);
  phone_test_peer_stop (kamailio);
}

static void
test_register_wrong_password (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *dir = g_dir_make_tmp ("kefu-phone-XXXXXX", NULL);
  guint port = phone_test_free_port (1);
  PhonePeer *kamailio = phone_test_kamailio_start (dir, port, TRUE);
  g_autofree char *config = registrar_config (port, 60);
  g_autoptr (KefuPhoneChannel) channel = phone_test_channel_new (fixture, config);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  g_setenv ("KEFU_TEST_ACCOUNT_PASSWORD", "not-the-password", TRUE);
  g_assert_false (phone_test_channel_start (channel, &error));
  g_assert_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_AUTH_FAILED);
  g_assert_cmpint (kefu_channel_get_state (KEFU_CHANNEL (channel)), ==, KEFU_CHANNEL_STATE_ERROR);
  message = kefu_channel_dup_status_message (KEFU_CHANNEL (channel));
  g_assert_nonnull (strstr (message, "password is wrong"));

  phone_test_channel_stop (channel);
  phone_test_peer_stop (kamailio);
}

static void
test_register_unreachable (Fixture       *fixture,
                           gconstpointer  user_data)
{
  guint port = phone_test_free_port (1);
  g_autofree char *config = registrar_config (port, 60);
  g_autoptr (KefuPhoneChannel) channel = phone_test_channel_new (fixture, config);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  g_setenv ("KEFU_TEST_ACCOUNT_PASSWORD", "secret", TRUE);
  g_assert_false (phone_test_channel_start (channel, &error));
  g_assert_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE);
  message = kefu_channel_dup_status_message (KEFU_CHANNEL (channel));
  g_assert_nonnull (strstr (message, "trying again"));

  phone_test_channel_stop (channel);
}

static void
test_config_invalid (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (KefuPhoneChannel) channel = phone_test_channel_new (fixture, "{\"registrar\": \"pbx.example\"}");
  g_autoptr (GError) error = NULL;

  g_assert_false (phone_test_channel_start (channel, &error));
  g_assert_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL);
  g_assert_cmpint (kefu_channel_get_state (KEFU_CHANNEL (channel)), ==, KEFU_CHANNEL_STATE_ERROR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  KEFU_TEST_ADD ("/phone/register/refresh", test_register_refresh);
  KEFU_TEST_ADD ("/phone/register/wrong-password", test_register_wrong_password);
  KEFU_TEST_ADD ("/phone/register/unreachable", test_register_unreachable);
  KEFU_TEST_ADD ("/phone/config/invalid", test_config_invalid);

  return g_test_run ();
}
