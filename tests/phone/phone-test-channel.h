/* phone-test-channel.h: a phone channel for a test, from a JSON config.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-account.h"
#include "kefu-phone-channel.h"
#include "phone-test-peers.h"

G_BEGIN_DECLS

KefuPhoneChannel *phone_test_channel_new   (KefuTestFixture  *fixture,
                                            const char       *config_json);
gboolean          phone_test_channel_start (KefuPhoneChannel *channel,
                                            GError          **error);
void              phone_test_channel_stop  (KefuPhoneChannel *channel);

G_END_DECLS
