/* kefu-welcome-window.h: the first start: explore a sample shop or set up your own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_WELCOME_WINDOW (kefu_welcome_window_get_type ())
G_DECLARE_FINAL_TYPE (KefuWelcomeWindow, kefu_welcome_window, KEFU, WELCOME_WINDOW, AdwWindow)

void         kefu_welcome_window_maybe_show        (GtkWindow         *parent,
                                                    KefuStore         *store,
                                                    GSettings         *settings);
GtkWidget   *kefu_welcome_window_new               (GtkWindow         *parent,
                                                    GSettings         *settings);
char        *kefu_welcome_window_get_sample_path   (void);
GSubprocess *kefu_welcome_window_get_sample_process (KefuWelcomeWindow *self);

G_END_DECLS
