/* kefu-email-bounce.h: recognising delivery status notifications (bounces, RFC 3464).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-email-gmime.h"

G_BEGIN_DECLS

gboolean kefu_email_bounce_detect (GMimeMessage  *message,
                                   char         **original_message_id,
                                   char         **reason);

G_END_DECLS
