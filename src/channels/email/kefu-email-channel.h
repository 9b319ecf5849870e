/* kefu-email-channel.h: a shared mailbox as a KefuChannel: IMAP in, SMTP out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-channel.h"

G_BEGIN_DECLS

#define KEFU_TYPE_EMAIL_CHANNEL (kefu_email_channel_get_type ())
G_DECLARE_FINAL_TYPE (KefuEmailChannel, kefu_email_channel, KEFU, EMAIL_CHANNEL, GObject)

void     kefu_email_channel_test_async  (KefuAccount          *account,
                                         const char           *password,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
char    *kefu_email_channel_test_finish (GAsyncResult         *result,
                                         char                **fingerprint,
                                         GError              **error);

G_END_DECLS
