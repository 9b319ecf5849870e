/* kefu-ticket-page.h: one ticket: its conversation, with the customer beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-composer.h"
#include "kefu-customer-card.h"
#include "kefu-merge-popover.h"
#include "kefu-router.h"
#include "kefu-store.h"
#include "kefu-ticket-controls.h"

G_BEGIN_DECLS

#define KEFU_TYPE_TICKET_PAGE (kefu_ticket_page_get_type ())
G_DECLARE_FINAL_TYPE (KefuTicketPage, kefu_ticket_page, KEFU, TICKET_PAGE, GtkWidget)

GtkWidget        *kefu_ticket_page_new               (void);
KefuStore        *kefu_ticket_page_get_store         (KefuTicketPage *self);
void              kefu_ticket_page_set_store         (KefuTicketPage *self,
                                                      KefuStore      *store);
gint64            kefu_ticket_page_get_ticket_id     (KefuTicketPage *self);
void              kefu_ticket_page_set_ticket_id     (KefuTicketPage *self,
                                                      gint64          ticket_id);
KefuTicket       *kefu_ticket_page_get_ticket        (KefuTicketPage *self);
GListModel       *kefu_ticket_page_get_messages      (KefuTicketPage *self);
KefuCustomerCard *kefu_ticket_page_get_customer_card (KefuTicketPage *self);
KefuRouter       *kefu_ticket_page_get_router        (KefuTicketPage *self);
void              kefu_ticket_page_set_router        (KefuTicketPage *self,
                                                      KefuRouter     *router);
void              kefu_ticket_page_set_agent         (KefuTicketPage *self,
                                                      gint64          agent_id,
                                                      const char     *agent_name);
KefuComposer     *kefu_ticket_page_get_composer      (KefuTicketPage *self);
KefuTicketControls *kefu_ticket_page_get_controls    (KefuTicketPage *self);
GListModel       *kefu_ticket_page_get_timeline      (KefuTicketPage *self);
KefuMergePopover *kefu_ticket_page_get_merge_popover (KefuTicketPage *self);
gint64            kefu_ticket_page_get_merge_id      (KefuTicketPage *self);

G_END_DECLS
