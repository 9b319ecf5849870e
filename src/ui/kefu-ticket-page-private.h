/* kefu-ticket-page-private.h: what the ticket page's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-ticket-page.h"

G_BEGIN_DECLS

void _kefu_ticket_page_class_init_actions (GtkWidgetClass *widget_class);
void _kefu_ticket_page_init_shortcuts     (KefuTicketPage *self);

G_END_DECLS
