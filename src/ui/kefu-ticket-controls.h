/* kefu-ticket-controls.h: a ticket's status, priority, assignee and tags, editable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_TICKET_CONTROLS (kefu_ticket_controls_get_type ())
G_DECLARE_FINAL_TYPE (KefuTicketControls, kefu_ticket_controls, KEFU, TICKET_CONTROLS, GtkWidget)

GtkWidget  *kefu_ticket_controls_new             (void);
void        kefu_ticket_controls_set_store       (KefuTicketControls *self,
                                                  KefuStore          *store);
void        kefu_ticket_controls_set_ticket      (KefuTicketControls *self,
                                                  KefuTicket         *ticket);
void        kefu_ticket_controls_set_agent_id    (KefuTicketControls *self,
                                                  gint64              agent_id);
void        kefu_ticket_controls_set_status      (KefuTicketControls *self,
                                                  KefuTicketStatus    status);
void        kefu_ticket_controls_set_priority    (KefuTicketControls *self,
                                                  KefuPriority        priority);
void        kefu_ticket_controls_set_assignee    (KefuTicketControls *self,
                                                  gint64              agent_id);
void        kefu_ticket_controls_add_tag         (KefuTicketControls *self,
                                                  const char         *tag);
void        kefu_ticket_controls_remove_tag      (KefuTicketControls *self,
                                                  const char         *tag);
gboolean    kefu_ticket_controls_undo            (KefuTicketControls *self);
void        kefu_ticket_controls_snooze          (KefuTicketControls *self,
                                                  gint64              until);
gint64      kefu_ticket_controls_get_snoozed_until (KefuTicketControls *self);
gboolean    kefu_ticket_controls_get_busy        (KefuTicketControls *self);
const char *kefu_ticket_controls_get_last_error  (KefuTicketControls *self);
GListModel *kefu_ticket_controls_get_agents      (KefuTicketControls *self);

G_END_DECLS
