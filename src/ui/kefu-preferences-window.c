/* kefu-preferences-window.c: the Preferences window, one page per feature.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-preferences-window.h"

/* Each feature declares its page constructor in its own header, included
 * here, and adds one line to the table below. Pages appear in this order. */

/* business hours, holidays, SLA (reports, #8) */
#include "kefu-hours-prefs-page.h"
/* robot settings and rule editor (robot, #10) */
#include "kefu-robot-prefs-page.h"

static const KefuPrefsPageNew page_constructors[] = {
  kefu_hours_prefs_page_new,
  kefu_robot_prefs_page_new,
  NULL,
};

struct _KefuPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;
};

G_DEFINE_FINAL_TYPE (KefuPreferencesWindow, kefu_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
kefu_preferences_window_class_init (KefuPreferencesWindowClass *klass)
{
}

static void
kefu_preferences_window_init (KefuPreferencesWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 640);
  gtk_window_set_modal (GTK_WINDOW (self), FALSE);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), TRUE);
}

/**
 * kefu_preferences_window_new:
 * @transient_for: (nullable): the main window
 * @store: (nullable): the open store
 * @runtime: (nullable): the running channels and robot
 *
 * Returns: (transfer floating): a window with every feature's page
 */
GtkWidget *
kefu_preferences_window_new (GtkWindow   *transient_for,
                             KefuStore   *store,
                             KefuRuntime *runtime)
{
  KefuPreferencesWindow *self;

  g_return_val_if_fail (transient_for == NULL || GTK_IS_WINDOW (transient_for), NULL);
  g_return_val_if_fail (store == NULL || KEFU_IS_STORE (store), NULL);
  g_return_val_if_fail (runtime == NULL || KEFU_IS_RUNTIME (runtime), NULL);

  self = g_object_new (KEFU_TYPE_PREFERENCES_WINDOW,
                       "transient-for", transient_for,
                       NULL);

  for (guint i = 0; i < G_N_ELEMENTS (page_constructors); i++)
    {
      AdwPreferencesPage *page;

      if (page_constructors[i] == NULL)
        continue;
      page = page_constructors[i] (store, runtime);
      if (page != NULL)
        adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
    }

  return GTK_WIDGET (self);
}
