/* kefu-ui-format.h: words, icons and times the widgets share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-store.h"

G_BEGIN_DECLS

const char *kefu_ui_status_label          (KefuTicketStatus  status);
const char *kefu_ui_status_css_class      (KefuTicketStatus  status);
const char *kefu_ui_priority_phrase       (KefuPriority      priority);
const char *kefu_ui_channel_label         (KefuChannelKind   channel);
const char *kefu_ui_channel_icon_name     (KefuChannelKind   channel);
const char *kefu_ui_identity_icon_name    (KefuIdentityKind  kind);
char       *kefu_ui_format_relative_time  (gint64            when,
                                           gint64            now);
char       *kefu_ui_format_date_time      (gint64            when);
char       *kefu_ui_format_ticket_number  (gint64            number);
char       *kefu_ui_clip_text             (const char       *text,
                                           gsize             max_bytes);

G_END_DECLS
