/* kefu-merge-popover.h: choosing the ticket the open one merges into.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_MERGE_POPOVER (kefu_merge_popover_get_type ())
G_DECLARE_FINAL_TYPE (KefuMergePopover, kefu_merge_popover, KEFU, MERGE_POPOVER, GtkPopover)

GtkWidget  *kefu_merge_popover_new        (void);
void        kefu_merge_popover_set_store  (KefuMergePopover *self,
                                           KefuStore        *store);
void        kefu_merge_popover_set_ticket (KefuMergePopover *self,
                                           KefuTicket       *ticket);
void        kefu_merge_popover_search     (KefuMergePopover *self,
                                           const char       *text);
GListModel *kefu_merge_popover_get_model  (KefuMergePopover *self);
gboolean    kefu_merge_popover_get_loading (KefuMergePopover *self);

G_END_DECLS
