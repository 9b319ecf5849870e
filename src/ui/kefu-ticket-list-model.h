/* kefu-ticket-list-model.h: a ticket list that pages from the store as rows come into view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TICKET_LIST_PAGE_SIZE 100

#define KEFU_TYPE_TICKET_LIST_MODEL (kefu_ticket_list_model_get_type ())
G_DECLARE_FINAL_TYPE (KefuTicketListModel, kefu_ticket_list_model, KEFU, TICKET_LIST_MODEL, GObject)

KefuTicketListModel *kefu_ticket_list_model_new               (KefuStore           *store,
                                                               const KefuQuery     *query);
KefuStore           *kefu_ticket_list_model_get_store         (KefuTicketListModel *self);
const KefuQuery     *kefu_ticket_list_model_get_query         (KefuTicketListModel *self);
void                 kefu_ticket_list_model_set_query         (KefuTicketListModel *self,
                                                               const KefuQuery     *query);
gboolean             kefu_ticket_list_model_get_loading       (KefuTicketListModel *self);
const char          *kefu_ticket_list_model_get_error_message (KefuTicketListModel *self);
guint                kefu_ticket_list_model_get_pages_loaded  (KefuTicketListModel *self);
int                  kefu_ticket_list_model_find_ticket       (KefuTicketListModel *self,
                                                               gint64               ticket_id);
void                 kefu_ticket_list_model_reload            (KefuTicketListModel *self);

G_END_DECLS
