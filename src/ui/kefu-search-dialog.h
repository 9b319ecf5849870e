/* kefu-search-dialog.h: the global search (Ctrl+K) over tickets, messages and customers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kefu-inbox-records.h"
#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_SEARCH_DIALOG (kefu_search_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KefuSearchDialog, kefu_search_dialog, KEFU, SEARCH_DIALOG, AdwWindow)

KefuSearchDialog        *kefu_search_dialog_new          (GtkWindow        *parent,
                                                          KefuStore        *store);
void                     kefu_search_dialog_search       (KefuSearchDialog *self,
                                                          const char       *text);
gboolean                 kefu_search_dialog_get_loading  (KefuSearchDialog *self);
const KefuSearchResults *kefu_search_dialog_get_results  (KefuSearchDialog *self);
const char              *kefu_search_dialog_get_answered (KefuSearchDialog *self);
gboolean                 kefu_search_dialog_activate_first (KefuSearchDialog *self);

G_END_DECLS
