/* kefu-test-ui.c: helpers for UI tests: the real window driven step by step, screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-test-ui.h"

/* Saves what @widget shows as $KEFU_SCREENSHOT_DIR/@name (the temp dir
 * without it). */
void
kefu_test_save_snapshot (GtkWidget  *widget,
                         const char *name)
{
  const char *dir = g_getenv ("KEFU_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);

  if (dir == NULL)
    dir = g_get_tmp_dir ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node, &bounds);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s (%dx%d)", path, width, height);
}

/* Saves the window as "@prefix-@variant.png", e.g. "inbox-dark.png". */
void
kefu_test_drive_save_shot (KefuTestDrive *drive,
                           const char    *prefix,
                           const char    *variant)
{
  g_autofree char *name = g_strdup_printf ("%s-%s.png", prefix, variant);

  kefu_test_save_snapshot (GTK_WIDGET (drive->window), name);
}

/* A step that settles, saves "@prefix-@variant.png" in the light style,
 * then switches to the dark one; FALSE while it waits. */
gboolean
kefu_test_drive_shot_light (KefuTestDrive *drive,
                            const char    *prefix,
                            const char    *variant)
{
  if (!kefu_test_drive_settle (drive, 10))
    return FALSE;
  kefu_test_drive_save_shot (drive, prefix, variant);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  return TRUE;
}

/* The step after kefu_test_drive_shot_light(): the dark shot, then back to light. */
gboolean
kefu_test_drive_shot_dark (KefuTestDrive *drive,
                           const char    *prefix,
                           const char    *variant)
{
  if (!kefu_test_drive_settle (drive, 5))
    return FALSE;
  kefu_test_drive_save_shot (drive, prefix, variant);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  return TRUE;
}

/* The first widget of @type under @widget (or @widget itself), depth first. */
GtkWidget *
kefu_test_find_widget (GtkWidget *widget,
                       GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kefu_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Takes the application's window; TRUE once it is on screen. */
gboolean
kefu_test_drive_window_shown (KefuTestDrive *drive)
{
  drive->window = KEFU_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (drive->app)));

  return drive->window != NULL && gtk_widget_get_mapped (GTK_WIDGET (drive->window));
}

/* TRUE once the window is on screen and its ticket list has its first page. */
gboolean
kefu_test_drive_list_loaded (KefuTestDrive *drive)
{
  KefuTicketListModel *model;

  if (!kefu_test_drive_window_shown (drive))
    return FALSE;
  model = kefu_window_get_ticket_list_model (drive->window);

  return model != NULL && !kefu_ticket_list_model_get_loading (model) &&
         kefu_ticket_list_model_get_pages_loaded (model) > 0;
}

/* Counts the step's ticks; TRUE (and the count starts again) once @frames
 * have passed, for the last rows to lay out before a screenshot. */
gboolean
kefu_test_drive_settle (KefuTestDrive *drive,
                        guint          frames)
{
  if (++drive->settle < frames)
    return FALSE;
  drive->settle = 0;

  return TRUE;
}

static gboolean
drive_cb (gpointer user_data)
{
  KefuTestDrive *drive = user_data;

  while (drive->step < drive->n_steps && drive->step_func (drive->user_data))
    {
      drive->step++;
      drive->settle = 0;
    }

  if (drive->step == drive->n_steps)
    {
      gtk_widget_activate_action (GTK_WIDGET (drive->window), "app.quit", NULL);
      return G_SOURCE_REMOVE;
    }

  if (g_get_monotonic_time () > drive->deadline)
    {
      drive->failure = g_strdup_printf ("timed out waiting for: %s", drive->step_names[drive->step]);
      g_application_quit (G_APPLICATION (drive->app));
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* Starts Kefu on @db_path with a @width × @height window and calls
 * @step_func (@user_data) every @interval_ms until step @n_steps (the last,
 * "done") is reached, then quits; a step that takes over a minute fails the
 * test with its name from @step_names. drive->app stays for the caller to
 * look at until kefu_test_drive_clear(). */
void
kefu_test_drive_run (KefuTestDrive      *drive,
                     const char         *db_path,
                     int                 width,
                     int                 height,
                     guint               interval_ms,
                     KefuTestStepFunc    step_func,
                     guint               n_steps,
                     const char *const  *step_names,
                     gpointer            user_data)
{
  g_autoptr (GSettings) settings = g_settings_new ("io.github.kefu.Kefu");
  char *argv[] = { (char *) "kefu", (char *) "--db", (char *) db_path, NULL };
  int status;

  /* The memory backend is shared in the process: this is the size the
   * window opens at. */
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);

  drive->app = kefu_application_new (g_get_monotonic_time ());
  drive->step_func = step_func;
  drive->n_steps = n_steps;
  drive->step_names = step_names;
  drive->user_data = user_data;
  drive->deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  g_timeout_add (interval_ms, drive_cb, drive);

  status = g_application_run (G_APPLICATION (drive->app), G_N_ELEMENTS (argv) - 1, argv);

  g_assert_null (drive->failure);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (drive->step, ==, n_steps);
}

void
kefu_test_drive_clear (KefuTestDrive *drive)
{
  g_clear_object (&drive->app);
  g_clear_pointer (&drive->failure, g_free);
}
