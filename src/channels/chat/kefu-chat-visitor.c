/* kefu-chat-visitor.c: who a visitor is: the hash of its browser's token.
 *
 * The widget keeps a 128-bit random token in localStorage and shows it to
 * no one but Kefu. Kefu stores only its SHA-256, as the visitor's chat
 * identity, so a copy of the database does not let anyone read a visitor's
 * conversation through the widget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-chat-visitor.h"

/**
 * kefu_chat_visitor_from_token:
 * @token: 32 hex digits, already validated
 *
 * Returns: (transfer full): the visitor's identity value: 64 hex digits
 */
char *
kefu_chat_visitor_from_token (const char *token)
{
  g_autofree char *salted = g_strconcat ("kefu-chat-visitor:", token, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, salted, -1);
}

/**
 * kefu_chat_visitor_external_id:
 *
 * The store keeps external ids unique per channel; prefixing the client's
 * own message id with the visitor means one visitor can neither collide
 * with nor probe another one's ids.
 *
 * Returns: (transfer full): "chat:<visitor>:<client id>"
 */
char *
kefu_chat_visitor_external_id (const char *visitor,
                               const char *client_id)
{
  return g_strdup_printf ("chat:%s:%s", visitor, client_id);
}
