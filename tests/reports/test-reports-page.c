/* test-reports-page.c: the Reports page in the real window on the shop week, with screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/peers/gui-run.sh (Xvfb, private session bus). Screenshots
 * land in $KEFU_SCREENSHOT_DIR: reports-light.png, reports-dark.png and
 * reports-table.png (every chart switched to its table).
 */

#include "config.h"

#include "kefu-i18n.h"

#include "kefu-application.h"
#include "kefu-archive.h"
#include "kefu-chart-view.h"
#include "kefu-reports-page.h"
#include "kefu-test-ui.h"
#include "kefu-test-util.h"
#include "kefu-window.h"

typedef enum
{
  STEP_WINDOW,
  STEP_SHOW,
  STEP_REPORT,
  STEP_SHOT_LIGHT,
  STEP_SHOT_DARK,
  STEP_TABLE,
  STEP_SHOT_TABLE,
  STEP_DONE,
} Step;

static const char *const step_names[] = {
  "window shown", "reports shown", "report computed", "light screenshot",
  "dark screenshot", "tables shown", "table screenshot", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (step_names) == STEP_DONE + 1);

typedef struct
{
  KefuTestDrive    ui;
  KefuReportsPage *page;
  const char      *prefix;
  guint            ticks_while_loading;
} Drive;

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
show_tables (GtkWidget *widget)
{
  if (KEFU_IS_CHART_VIEW (widget))
    kefu_chart_view_set_table (KEFU_CHART_VIEW (widget), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    show_tables (child);
}

static gboolean
drive_step (gpointer user_data)
{
  Drive *drive = user_data;
  KefuReport *report;
  GDate first, last;

  switch ((Step) drive->ui.step)
    {
    case STEP_WINDOW:
      return kefu_test_drive_window_shown (&drive->ui) &&
             kefu_application_get_store (drive->ui.app) != NULL;

    case STEP_SHOW:
      gtk_widget_activate_action (GTK_WIDGET (drive->ui.window), "win.show-view", "s", "reports");
      drive->page = KEFU_REPORTS_PAGE (find_type (GTK_WIDGET (drive->ui.window), KEFU_TYPE_REPORTS_PAGE));
      g_assert_nonnull (drive->page);
      if (!gtk_widget_get_mapped (GTK_WIDGET (drive->page)))
        return FALSE;
      /* The fixture's week, 2–8 March 2026, in the shop's zone. */
      g_date_clear (&first, 1);
      g_date_clear (&last, 1);
      g_date_set_dmy (&first, 2, 3, 2026);
      g_date_set_dmy (&last, 8, 3, 2026);
      kefu_reports_page_set_custom (drive->page, &first, &last);
      return TRUE;

    case STEP_REPORT:
      report = kefu_reports_page_get_report (drive->page);
      /* The main loop keeps running while the store thread computes. */
      if (kefu_reports_page_get_loading (drive->page))
        drive->ticks_while_loading++;
      if (report == NULL || kefu_reports_page_get_loading (drive->page))
        return FALSE;
      if (report->current->new_tickets != 6)
        return FALSE;
      /* The page never makes the window wider than the narrowest window. */
      {
        int minimum;

        gtk_widget_measure (GTK_WIDGET (drive->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
        g_assert_cmpint (minimum, <=, 360);
      }
      g_assert_cmpuint (report->previous->new_tickets, ==, 2);
      g_assert_cmpuint (report->current->rating_count, ==, 3);
      return TRUE;

    case STEP_SHOT_LIGHT:
      if (!kefu_test_drive_settle (&drive->ui, 10))
        return FALSE;
      kefu_test_drive_save_shot (&drive->ui, drive->prefix, "light");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      return TRUE;

    case STEP_SHOT_DARK:
      if (!kefu_test_drive_settle (&drive->ui, 5))
        return FALSE;
      kefu_test_drive_save_shot (&drive->ui, drive->prefix, "dark");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
      return TRUE;

    case STEP_TABLE:
      show_tables (GTK_WIDGET (drive->page));
      return TRUE;

    case STEP_SHOT_TABLE:
      if (!kefu_test_drive_settle (&drive->ui, 10))
        return FALSE;
      kefu_test_drive_save_shot (&drive->ui, drive->prefix, "table");
      return TRUE;

    case STEP_DONE:
    default:
      return FALSE;
    }
}

static gint64
shanghai (int month,
          int day,
          int hour)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GDateTime) dt = g_date_time_new (tz, 2026, month, day, hour, 0, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static gpointer
insert_ratings_job (KefuStore     *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  const gint64 tickets[] = { 5, 6, 10, 3 };
  const int scores[] = { 5, 4, 2, 5 };
  const gint64 times[] = { shanghai (3, 2, 12), shanghai (3, 3, 11), shanghai (3, 5, 16), shanghai (2, 24, 13) };

  for (guint i = 0; i < G_N_ELEMENTS (tickets); i++)
    if (KEFU_STORE_GET_IFACE (store)->insert_rating (store, tickets[i], scores[i], NULL, times[i], error) == 0)
      return NULL;
  return GINT_TO_POINTER (TRUE);
}

static char *
fixture_database (void)
{
  g_autofree char *archive = g_test_build_filename (G_TEST_DIST, "..", "corpora", "reports", "shop-week.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (archive);
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (KefuSqliteStore) store = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *path = kefu_test_temp_db_path ();

  store = kefu_test_open_store (path);
  stream = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  kefu_archive_import_async (KEFU_STORE (store), G_INPUT_STREAM (stream), NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_archive_import_finish (KEFU_STORE (store), kefu_test_wait (&result), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  /* Ratings 5, 4 and 2 in the week, 5 before it (as kefu-report-fixture.c). */
  kefu_store_write_async (KEFU_STORE (store), insert_ratings_job, NULL, NULL, NULL, NULL,
                          kefu_test_result_cb, &result);
  g_assert_nonnull (kefu_store_job_finish (KEFU_STORE (store), kefu_test_wait (&result), &error));
  g_assert_no_error (error);
  kefu_sqlite_store_close (store);
  return path;
}

static void
test_page (void)
{
  g_autofree char *path = fixture_database ();
  Drive drive = { 0 };

  drive.prefix = g_getenv ("LANGUAGE") != NULL ? "reports-zh" : "reports";
  kefu_test_drive_run (&drive.ui, path, 1280, 800, 20,
                       drive_step, STEP_DONE, step_names, &drive);
  kefu_test_drive_clear (&drive.ui);
}

int
main (int   argc,
      char *argv[])
{
  /* No isolated dirs: gui-run.sh gives a fresh HOME, and GTK needs the
   * system's icon theme (as tests/ui/test-window.c). */
  kefu_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_setenv ("KEFU_COLOR_SCHEME", "light", TRUE);

  g_test_add_func ("/reports/page/shop-week", test_page);

  return g_test_run ();
}
