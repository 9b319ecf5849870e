/* phone-test-channel.c: a phone channel for a test, from a JSON config.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "phone-test-channel.h"

#include "kefu-store-email.h"

/* The account row is stored first: call logs name it. */
KefuPhoneChannel *
phone_test_channel_new (KefuTestFixture *fixture,
                        const char      *config_json)
{
  KefuAccountFields fields = { 0 };
  g_autoptr (KefuAccount) account = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  fields.kind = KEFU_CHANNEL_KIND_PHONE;
  fields.name = "Test line";
  fields.address = "sip:agent@127.0.0.1";
  fields.config = config_json;
  fields.enabled = TRUE;
  kefu_store_insert_account_async (fixture->store, &fields, NULL, kefu_test_result_cb, &result);
  fields.id = kefu_store_insert_account_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (fields.id, >, 0);
  account = kefu_account_new (&fields);

  return g_object_new (KEFU_TYPE_PHONE_CHANNEL, "router", fixture->router, "account", account, NULL);
}

gboolean
phone_test_channel_start (KefuPhoneChannel  *channel,
                          GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_channel_start_async (KEFU_CHANNEL (channel), NULL, kefu_test_result_cb, &result);

  return kefu_channel_start_finish (KEFU_CHANNEL (channel), kefu_test_wait (&result), error);
}

/* Stops the line and gives sofia time to unregister and close its sockets. */
void
phone_test_channel_stop (KefuPhoneChannel *channel)
{
  kefu_channel_stop (KEFU_CHANNEL (channel));
  phone_test_spin (300);
}
