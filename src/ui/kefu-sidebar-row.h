/* kefu-sidebar-row.h: one view in the window's sidebar, with its ticket count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KEFU_TYPE_SIDEBAR_ROW (kefu_sidebar_row_get_type ())
G_DECLARE_FINAL_TYPE (KefuSidebarRow, kefu_sidebar_row, KEFU, SIDEBAR_ROW, GtkListBoxRow)

GtkWidget  *kefu_sidebar_row_new           (const char     *view,
                                            const char     *title,
                                            const char     *icon_name);
const char *kefu_sidebar_row_get_view      (KefuSidebarRow *self);
const char *kefu_sidebar_row_get_title     (KefuSidebarRow *self);
int         kefu_sidebar_row_get_count     (KefuSidebarRow *self);
void        kefu_sidebar_row_set_count     (KefuSidebarRow *self,
                                            int             count);

G_END_DECLS
