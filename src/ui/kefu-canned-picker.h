/* kefu-canned-picker.h: a quick, searchable list of canned replies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_CANNED_PICKER (kefu_canned_picker_get_type ())
G_DECLARE_FINAL_TYPE (KefuCannedPicker, kefu_canned_picker, KEFU, CANNED_PICKER, GtkPopover)

GtkWidget  *kefu_canned_picker_new       (void);
void        kefu_canned_picker_set_store (KefuCannedPicker *self,
                                          KefuStore        *store);
void        kefu_canned_picker_reload    (KefuCannedPicker *self);
GListModel *kefu_canned_picker_get_model (KefuCannedPicker *self);
gboolean    kefu_canned_picker_choose    (KefuCannedPicker *self,
                                          gint64            id);

G_END_DECLS
