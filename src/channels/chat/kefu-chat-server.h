/* kefu-chat-server.h: the HTTP server: widget files, /demo and the WebSocket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-chat-config.h"
#include "kefu-chat-session.h"

G_BEGIN_DECLS

#define KEFU_CHAT_WEBSOCKET_PATH "/kefu/ws"

#define KEFU_TYPE_CHAT_SERVER (kefu_chat_server_get_type ())
G_DECLARE_FINAL_TYPE (KefuChatServer, kefu_chat_server, KEFU, CHAT_SERVER, GObject)

KefuChatServer *kefu_chat_server_new            (const KefuChatConfig *config);
gboolean        kefu_chat_server_start          (KefuChatServer       *self,
                                                 GError              **error);
void            kefu_chat_server_stop           (KefuChatServer       *self);
guint           kefu_chat_server_get_port       (KefuChatServer       *self);
GPtrArray      *kefu_chat_server_get_sessions   (KefuChatServer       *self);

G_END_DECLS
