/* kefu-ticket-page-private.h: what the ticket page's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-ticket-page.h"

G_BEGIN_DECLS

void _kefu_ticket_page_class_init_actions (GtkWidgetClass *widget_class);
void _kefu_ticket_page_init_shortcuts     (KefuTicketPage *self);

/* kefu-ticket-page-merge.c */
void   _kefu_ticket_page_class_init_merge    (GtkWidgetClass *widget_class);
gint64 _kefu_ticket_page_get_agent_id        (KefuTicketPage *self);
void   _kefu_ticket_page_set_merge           (KefuTicketPage *self,
                                              gint64          merge_id,
                                              gint64          source_id);

G_END_DECLS
