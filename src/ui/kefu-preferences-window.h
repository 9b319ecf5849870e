/* kefu-preferences-window.h: the Preferences window, one page per feature.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kefu-runtime.h"
#include "kefu-store.h"

G_BEGIN_DECLS

/* What each feature adds to the window: a page made from the store and the
 * runtime (either may be NULL while the database opens). */
typedef AdwPreferencesPage *(*KefuPrefsPageNew) (KefuStore   *store,
                                                 KefuRuntime *runtime);

#define KEFU_TYPE_PREFERENCES_WINDOW (kefu_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (KefuPreferencesWindow, kefu_preferences_window, KEFU, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *kefu_preferences_window_new (GtkWindow   *transient_for,
                                        KefuStore   *store,
                                        KefuRuntime *runtime);

G_END_DECLS
