/* kefu-chat-visitor.h: who a visitor is: the hash of its browser's token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kefu_chat_visitor_from_token (const char *token);
char *kefu_chat_visitor_external_id (const char *visitor,
                                     const char *client_id);

G_END_DECLS
