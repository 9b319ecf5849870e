/* kefu-window-state.h: the main window's size and who "me" is, kept in GSettings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void   kefu_window_state_restore      (GtkWindow *window,
                                       GSettings *settings);
void   kefu_window_state_save         (GtkWindow *window,
                                       GSettings *settings);
gint64 kefu_window_state_get_agent_id (GSettings *settings);

G_END_DECLS
