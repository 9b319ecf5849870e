/* kefu-ticket.h: one conversation with a customer, as the store last saw it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-core-types.h"

G_BEGIN_DECLS

/* Times are microseconds since the Unix epoch (UTC); 0 means "not yet". */
typedef struct
{
  gint64            id;
  gint64            number;
  const char       *subject;
  KefuTicketStatus  status;
  KefuPriority      priority;
  KefuChannelKind   channel;
  gint64            customer_id;
  const char       *customer_name;
  gint64            assignee_id;
  const char       *assignee_name;
  const char *const *tags;
  const char       *preview;
  guint             message_count;
  gint64            created_at;
  gint64            updated_at;
  gint64            first_response_at;
  gint64            resolved_at;
  gint64            due_at;
  gint64            version;
} KefuTicketFields;

#define KEFU_TYPE_TICKET (kefu_ticket_get_type ())
G_DECLARE_FINAL_TYPE (KefuTicket, kefu_ticket, KEFU, TICKET, GObject)

KefuTicket        *kefu_ticket_new                   (const KefuTicketFields *fields);
gint64             kefu_ticket_get_id                (KefuTicket *self);
gint64             kefu_ticket_get_number            (KefuTicket *self);
const char        *kefu_ticket_get_subject           (KefuTicket *self);
KefuTicketStatus   kefu_ticket_get_status            (KefuTicket *self);
KefuPriority       kefu_ticket_get_priority          (KefuTicket *self);
KefuChannelKind    kefu_ticket_get_channel           (KefuTicket *self);
gint64             kefu_ticket_get_customer_id       (KefuTicket *self);
const char        *kefu_ticket_get_customer_name     (KefuTicket *self);
gint64             kefu_ticket_get_assignee_id       (KefuTicket *self);
const char        *kefu_ticket_get_assignee_name     (KefuTicket *self);
const char *const *kefu_ticket_get_tags              (KefuTicket *self);
const char        *kefu_ticket_get_preview           (KefuTicket *self);
guint              kefu_ticket_get_message_count     (KefuTicket *self);
gint64             kefu_ticket_get_created_at        (KefuTicket *self);
gint64             kefu_ticket_get_updated_at        (KefuTicket *self);
gint64             kefu_ticket_get_first_response_at (KefuTicket *self);
gint64             kefu_ticket_get_resolved_at       (KefuTicket *self);
gint64             kefu_ticket_get_due_at            (KefuTicket *self);
gint64             kefu_ticket_get_version           (KefuTicket *self);
void               kefu_ticket_get_fields            (KefuTicket       *self,
                                                      KefuTicketFields *fields);

G_END_DECLS
