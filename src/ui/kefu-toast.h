/* kefu-toast.h: short notices in the window's toast overlay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

gboolean kefu_toast_show       (GtkWidget  *widget,
                                AdwToast   *toast);
gboolean kefu_toast_show_error (GtkWidget  *widget,
                                const char *message);

G_END_DECLS
