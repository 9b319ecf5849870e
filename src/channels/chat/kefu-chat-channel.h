/* kefu-chat-channel.h: the web chat channel: visitors' frames in, agents' replies out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-channel.h"

G_BEGIN_DECLS

#define KEFU_TYPE_CHAT_CHANNEL (kefu_chat_channel_get_type ())
G_DECLARE_FINAL_TYPE (KefuChatChannel, kefu_chat_channel, KEFU, CHAT_CHANNEL, GObject)

guint    kefu_chat_channel_get_port             (KefuChatChannel *self);
gboolean kefu_chat_channel_get_agents_available (KefuChatChannel *self);
void     kefu_chat_channel_set_agents_available (KefuChatChannel *self,
                                                 gboolean         available);
void     kefu_chat_channel_set_agent_typing     (KefuChatChannel *self,
                                                 gint64           ticket_id,
                                                 gboolean         active);

G_END_DECLS
