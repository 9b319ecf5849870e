/* kefu-window.h: the main window: views, the ticket list and the open ticket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kefu-application.h"
#include "kefu-channels-page.h"
#include "kefu-customers-page.h"
#include "kefu-kb-page.h"
#include "kefu-ticket-list-model.h"
#include "kefu-ticket-page.h"

G_BEGIN_DECLS

#define KEFU_TYPE_WINDOW (kefu_window_get_type ())
G_DECLARE_FINAL_TYPE (KefuWindow, kefu_window, KEFU, WINDOW, AdwApplicationWindow)

KefuWindow          *kefu_window_new                  (KefuApplication *application);
void                 kefu_window_set_store            (KefuWindow      *self,
                                                       KefuStore       *store);
void                 kefu_window_show_store_error     (KefuWindow      *self,
                                                       const GError    *error);
const char          *kefu_window_get_view             (KefuWindow      *self);
KefuTicketListModel *kefu_window_get_ticket_list_model (KefuWindow     *self);
GtkListView         *kefu_window_get_ticket_list      (KefuWindow      *self);
KefuTicketPage      *kefu_window_get_ticket_page      (KefuWindow      *self);
KefuCustomersPage   *kefu_window_get_customers_page   (KefuWindow      *self);
/* robot (#10) */
KefuKbPage          *kefu_window_get_kb_page          (KefuWindow      *self);
KefuChannelsPage    *kefu_window_get_channels_page    (KefuWindow      *self);
gboolean             kefu_window_get_folded           (KefuWindow      *self);
const char          *kefu_window_get_visible_pane     (KefuWindow      *self);
int                  kefu_window_get_view_count       (KefuWindow      *self,
                                                       const char      *view);

G_END_DECLS
