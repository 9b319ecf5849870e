/* kefu-ticket-item.h: one position of a ticket list, filled when its page arrives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_TICKET_ITEM (kefu_ticket_item_get_type ())
G_DECLARE_FINAL_TYPE (KefuTicketItem, kefu_ticket_item, KEFU, TICKET_ITEM, GObject)

KefuTicketItem *kefu_ticket_item_new          (guint           position);
guint           kefu_ticket_item_get_position (KefuTicketItem *self);
KefuTicket     *kefu_ticket_item_get_ticket   (KefuTicketItem *self);
void            kefu_ticket_item_set_ticket   (KefuTicketItem *self,
                                               KefuTicket     *ticket);

G_END_DECLS
