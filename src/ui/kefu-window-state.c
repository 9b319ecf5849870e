/* kefu-window-state.c: the main window's size and who "me" is, kept in GSettings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function accepts a NULL @settings, for windows made by tests without
 * an application: they then do nothing.
 */

#include "config.h"

#include "kefu-window-state.h"

/* The smallest size GNOME's HIG asks a window to fit. */
#define MIN_WIDTH 360
#define MIN_HEIGHT 294

static gboolean
schema_has_key (GSettings  *settings,
                const char *key)
{
  g_autoptr (GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);

  return schema != NULL && g_settings_schema_has_key (schema, key);
}

void
kefu_window_state_restore (GtkWindow *window,
                           GSettings *settings)
{
  if (settings == NULL)
    return;

  gtk_window_set_default_size (window,
                               MAX (g_settings_get_int (settings, "window-width"), MIN_WIDTH),
                               MAX (g_settings_get_int (settings, "window-height"), MIN_HEIGHT));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (window);
}

void
kefu_window_state_save (GtkWindow *window,
                        GSettings *settings)
{
  gboolean maximized;
  int width;
  int height;

  if (settings == NULL)
    return;

  /* A maximized window keeps the size it will return to. */
  maximized = gtk_window_is_maximized (window);
  if (!maximized)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_boolean (settings, "window-maximized", maximized);
}

/* The agent the Mine view is about; 0 until agents sign in. */
gint64
kefu_window_state_get_agent_id (GSettings *settings)
{
  if (settings == NULL || !schema_has_key (settings, "agent-id"))
    return 0;

  return g_settings_get_int64 (settings, "agent-id");
}
