/* kefu-phone-secret.h: a SIP account's password in libsecret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      kefu_phone_secret_lookup_async  (gint64                account_id,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
char     *kefu_phone_secret_lookup_finish (GAsyncResult         *result,
                                           GError              **error);
void      kefu_phone_secret_store_async   (gint64                account_id,
                                           const char           *label,
                                           const char           *password,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean  kefu_phone_secret_store_finish  (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
