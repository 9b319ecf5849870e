/* kefu-email-autoreply.h: when Kefu may answer automatically (RFC 3834), and with what.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-email-gmime.h"

G_BEGIN_DECLS

gboolean  kefu_email_autoreply_is_automatic (GMimeMessage *message,
                                             const char   *sender);
gboolean  kefu_email_autoreply_sender_ok    (const char   *sender);
char     *kefu_email_autoreply_fill         (const char   *template_text,
                                             gint64        ticket_number,
                                             const char   *subject,
                                             const char   *name);

G_END_DECLS
