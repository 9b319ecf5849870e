/* kefu-store-email.h: what the email channel and `kefuctl account` read and write through the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-store.h"

G_BEGIN_DECLS

void         kefu_store_list_accounts_async        (KefuStore                *self,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
GPtrArray   *kefu_store_list_accounts_finish       (KefuStore                *self,
                                                    GAsyncResult             *result,
                                                    GError                  **error);
void         kefu_store_insert_account_async       (KefuStore                *self,
                                                    const KefuAccountFields  *fields,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
gint64       kefu_store_insert_account_finish      (KefuStore                *self,
                                                    GAsyncResult             *result,
                                                    GError                  **error);
void         kefu_store_update_account_async       (KefuStore                *self,
                                                    const KefuAccountFields  *fields,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
gboolean     kefu_store_update_account_finish      (KefuStore                *self,
                                                    GAsyncResult             *result,
                                                    GError                  **error);
void         kefu_store_delete_account_async       (KefuStore                *self,
                                                    gint64                    account_id,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
gboolean     kefu_store_delete_account_finish      (KefuStore                *self,
                                                    GAsyncResult             *result,
                                                    GError                  **error);
void         kefu_store_list_queued_async          (KefuStore                *self,
                                                    KefuChannelKind           channel,
                                                    gint64                    account_id,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
GPtrArray   *kefu_store_list_queued_finish         (KefuStore                *self,
                                                    GAsyncResult             *result,
                                                    GError                  **error);
void         kefu_store_find_ticket_account_async  (KefuStore                *self,
                                                    gint64                    ticket_id,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
gint64       kefu_store_find_ticket_account_finish (KefuStore                *self,
                                                    GAsyncResult             *result,
                                                    GError                  **error);
void         kefu_store_set_delivery_state_async   (KefuStore                *self,
                                                    gint64                    message_id,
                                                    KefuDeliveryState         state,
                                                    const char               *reason,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
gboolean     kefu_store_set_delivery_state_finish  (KefuStore                *self,
                                                    GAsyncResult             *result,
                                                    GError                  **error);
void         kefu_store_mark_sent_async            (KefuStore                *self,
                                                    gint64                    message_id,
                                                    gint64                    ticket_id,
                                                    const char               *thread_key,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
gboolean     kefu_store_mark_sent_finish           (KefuStore                *self,
                                                    GAsyncResult             *result,
                                                    GError                  **error);
void         kefu_store_record_bounce_async        (KefuStore                *self,
                                                    KefuChannelKind           channel,
                                                    const char               *external_id,
                                                    const char               *reason,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
gint64       kefu_store_record_bounce_finish       (KefuStore                *self,
                                                    GAsyncResult             *result,
                                                    GError                  **error);

G_END_DECLS
