/* kefu-ticket-row.h: one ticket in the list: who, what, when, where, how far along.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-ticket-item.h"

G_BEGIN_DECLS

#define KEFU_TYPE_TICKET_ROW (kefu_ticket_row_get_type ())
G_DECLARE_FINAL_TYPE (KefuTicketRow, kefu_ticket_row, KEFU, TICKET_ROW, GtkWidget)

GtkWidget      *kefu_ticket_row_new      (void);
KefuTicketItem *kefu_ticket_row_get_item (KefuTicketRow  *self);
void            kefu_ticket_row_set_item (KefuTicketRow  *self,
                                          KefuTicketItem *item);

G_END_DECLS
