/* kefu-store-inbox.h: what the inbox keeps besides tickets: canned replies, snoozes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-canned.h"
#include "kefu-inbox-records.h"
#include "kefu-search-query.h"
#include "kefu-store.h"

G_BEGIN_DECLS

void             kefu_store_list_canned_replies_async  (KefuStore            *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray       *kefu_store_list_canned_replies_finish (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_save_canned_reply_async    (KefuStore            *self,
                                                        gint64                id,
                                                        const char           *title,
                                                        const char           *body,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
KefuCannedReply *kefu_store_save_canned_reply_finish   (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_delete_canned_reply_async  (KefuStore            *self,
                                                        gint64                id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         kefu_store_delete_canned_reply_finish (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void             kefu_store_snooze_ticket_async        (KefuStore            *self,
                                                        gint64                ticket_id,
                                                        gint64                expected_version,
                                                        gint64                agent_id,
                                                        gint64                until,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
KefuTicket      *kefu_store_snooze_ticket_finish       (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_get_snooze_async           (KefuStore            *self,
                                                        gint64                ticket_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gint64           kefu_store_get_snooze_finish          (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_wake_snoozes_async         (KefuStore            *self,
                                                        gint64                now,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GArray          *kefu_store_wake_snoozes_finish        (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_update_customer_async      (KefuStore            *self,
                                                        gint64                customer_id,
                                                        const char           *name,
                                                        const char           *company,
                                                        const char           *notes,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
KefuCustomer    *kefu_store_update_customer_finish     (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* Merges (kefu-store-inbox-merge.c). */
void             kefu_store_merge_tickets_async        (KefuStore            *self,
                                                        gint64                source_id,
                                                        gint64                target_id,
                                                        gint64                agent_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gint64           kefu_store_merge_tickets_finish       (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_unmerge_tickets_async      (KefuStore            *self,
                                                        gint64                merge_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gint64           kefu_store_unmerge_tickets_finish     (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_merge_customers_async      (KefuStore            *self,
                                                        gint64                source_id,
                                                        gint64                target_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gint64           kefu_store_merge_customers_finish     (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_unmerge_customers_async    (KefuStore            *self,
                                                        gint64                merge_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gint64           kefu_store_unmerge_customers_finish   (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_list_customer_merges_async (KefuStore            *self,
                                                        gint64                customer_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray       *kefu_store_list_customer_merges_finish (KefuStore           *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_list_merge_suggestions_async (KefuStore          *self,
                                                        gint64                customer_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray       *kefu_store_list_merge_suggestions_finish (KefuStore         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* A ticket's events and the global search (kefu-store-inbox-merge.c). */
void             kefu_store_list_events_async          (KefuStore            *self,
                                                        gint64                ticket_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray       *kefu_store_list_events_finish         (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_search_async               (KefuStore            *self,
                                                        const KefuSearchQuery *query,
                                                        guint                 limit,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
KefuSearchResults *kefu_store_search_finish            (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
