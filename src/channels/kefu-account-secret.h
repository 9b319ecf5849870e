/* kefu-account-secret.h: an account's password, kept in libsecret and nowhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     kefu_account_secret_store_async   (gint64                account_id,
                                            const char           *label,
                                            const char           *password,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean kefu_account_secret_store_finish  (GAsyncResult         *result,
                                            GError              **error);
void     kefu_account_secret_lookup_async  (gint64                account_id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
char    *kefu_account_secret_lookup_finish (GAsyncResult         *result,
                                            GError              **error);
void     kefu_account_secret_clear_async   (gint64                account_id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean kefu_account_secret_clear_finish  (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
