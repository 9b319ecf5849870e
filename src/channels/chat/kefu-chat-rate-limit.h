/* kefu-chat-rate-limit.h: token buckets per visitor and per IP address.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KefuChatRateLimit KefuChatRateLimit;

KefuChatRateLimit *kefu_chat_rate_limit_new   (guint              burst,
                                               guint              per_minute);
void               kefu_chat_rate_limit_free  (KefuChatRateLimit *self);
gboolean           kefu_chat_rate_limit_take  (KefuChatRateLimit *self,
                                               const char        *key,
                                               gint64             now);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuChatRateLimit, kefu_chat_rate_limit_free)

G_END_DECLS
