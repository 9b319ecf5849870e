/* kefu-chat-session.h: one visitor's WebSocket, from hello to close.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "kefu-chat-config.h"
#include "kefu-chat-protocol.h"
#include "kefu-chat-rate-limit.h"

G_BEGIN_DECLS

#define KEFU_TYPE_CHAT_SESSION (kefu_chat_session_get_type ())
G_DECLARE_FINAL_TYPE (KefuChatSession, kefu_chat_session, KEFU, CHAT_SESSION, GObject)

KefuChatSession *kefu_chat_session_new           (SoupWebsocketConnection *connection,
                                                  const char              *address,
                                                  const KefuChatConfig    *config,
                                                  KefuChatRateLimit       *visitor_limit,
                                                  KefuChatRateLimit       *address_limit);
const char      *kefu_chat_session_get_address   (KefuChatSession         *self);
const char      *kefu_chat_session_get_visitor   (KefuChatSession         *self);
const char      *kefu_chat_session_get_page      (KefuChatSession         *self);
const char      *kefu_chat_session_get_language  (KefuChatSession         *self);
const char      *kefu_chat_session_get_name      (KefuChatSession         *self);
const char      *kefu_chat_session_get_email     (KefuChatSession         *self);
gint64           kefu_chat_session_get_ticket_id (KefuChatSession         *self);
gboolean         kefu_chat_session_set_ticket_id (KefuChatSession         *self,
                                                  gint64                   ticket_id);
gboolean         kefu_chat_session_take_closed   (KefuChatSession         *self);
gboolean         kefu_chat_session_is_open       (KefuChatSession         *self);
void             kefu_chat_session_send          (KefuChatSession         *self,
                                                  const char              *frame);
void             kefu_chat_session_send_error    (KefuChatSession         *self,
                                                  const GError            *error,
                                                  const char              *client_id);
gboolean         kefu_chat_session_deliver       (KefuChatSession         *self,
                                                  KefuMessage             *message);
void             kefu_chat_session_mark_delivered (KefuChatSession        *self,
                                                  gint64                   message_id);
void             kefu_chat_session_close         (KefuChatSession         *self);

G_END_DECLS
