/* kefu-store-chat.h: what the chat channel reads and writes through the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-store.h"

G_BEGIN_DECLS

/* A visitor's open conversation, as the widget shows it after a reload. */
typedef struct
{
  gint64     customer_id;   /* 0: the visitor never wrote */
  gint64     ticket_id;     /* 0: no open chat ticket */
  GPtrArray *messages;      /* KefuMessage, oldest first */
} KefuChatHistory;

void             kefu_chat_history_free                (KefuChatHistory      *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuChatHistory, kefu_chat_history_free)

void             kefu_store_chat_load_history_async    (KefuStore            *self,
                                                        const char           *visitor,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
KefuChatHistory *kefu_store_chat_load_history_finish   (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_chat_add_event_async       (KefuStore            *self,
                                                        gint64                ticket_id,
                                                        const char           *kind,
                                                        const char           *detail,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         kefu_store_chat_add_event_finish      (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_chat_mark_sent_async       (KefuStore            *self,
                                                        gint64                message_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         kefu_store_chat_mark_sent_finish      (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_chat_add_email_async       (KefuStore            *self,
                                                        const char           *visitor,
                                                        const char           *email,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         kefu_store_chat_add_email_finish      (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
