/* test-reports-page.c: the Reports page in the real window on the shop week, with screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/peers/gui-run.sh (Xvfb, private session bus). Screenshots
 * land in $KEFU_SCREENSHOT_DIR: reports-light.png, reports-dark.png,
 * reports-bottom.png (scrolled to the end), reports-table.png (every chart
 * switched to its table), then reports-hours.png (the business hours page
 * of Preferences, changed as a person would) and reports-after-hours.png
 * (the report in the new hours).
 */

#include "config.h"

#include "kefu-i18n.h"

#include "kefu-application.h"
#include "kefu-archive.h"
#include "kefu-chart-view.h"
#include "kefu-hours-prefs-page.h"
#include "kefu-preferences-window.h"
#include "kefu-reports-page.h"
#include "kefu-test-ui.h"
#include "kefu-test-util.h"
#include "kefu-window.h"

#define MINUTE (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))
#define HOUR (60 * MINUTE)

typedef enum
{
  STEP_WINDOW,
  STEP_SHOW,
  STEP_REPORT,
  STEP_SHOT_LIGHT,
  STEP_SHOT_DARK,
  STEP_SHOT_BOTTOM,
  STEP_TABLE,
  STEP_SHOT_TABLE,
  STEP_PREFS,
  STEP_HOURS_LOADED,
  STEP_HOURS_CHANGED,
  STEP_HOURS_STORED,
  STEP_HOURS_REPORTED,
  STEP_SHOT_HOURS,
  STEP_DONE,
} Step;

static const char *const step_names[] = {
  "window shown", "reports shown", "report computed", "light screenshot",
  "dark screenshot", "bottom screenshot", "tables shown", "table screenshot", "preferences shown",
  "business hours loaded", "business hours changed", "business hours stored",
  "report in the new hours", "hours screenshots", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (step_names) == STEP_DONE + 1);

typedef struct
{
  KefuTestDrive       ui;
  KefuReportsPage    *page;
  const char         *prefix;
  guint               ticks_while_loading;
  GtkWidget          *prefs;
  KefuHoursPrefsPage *hours;
  GHashTable         *settings;      /* as stored after the change */
} Drive;

static void
settings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Drive *drive = user_data;
  g_autoptr (GError) error = NULL;

  drive->settings = kefu_store_list_settings_finish (KEFU_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

/* The remove button of Monday's only interval: the last suffix of its row. */
static GtkWidget *
remove_button_of (GtkDropDown *closing)
{
  GtkWidget *widget = GTK_WIDGET (closing);

  while (widget != NULL && !GTK_IS_BUTTON (widget))
    widget = gtk_widget_get_next_sibling (widget);
  return widget;
}

/* The @n-th (from 0) widget of @type under @widget, depth first. */
static GtkWidget *
find_nth_type (GtkWidget *widget,
               GType      type,
               guint     *n)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (*n)-- == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth_type (child, type, n);

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

/* The page's own scrolled window: the tallest one (drop-downs have some too). */
static GtkAdjustment *
tallest_adjustment (GtkWidget     *widget,
                    GtkAdjustment *best)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

      if (best == NULL || gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_upper (best))
        best = adjustment;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    best = tallest_adjustment (child, best);
  return best;
}

/* Scrolls the Reports page to its end (the heat map, tags, agents) or back. */
static void
scroll_to (Drive    *drive,
           gboolean  end)
{
  GtkAdjustment *adjustment = tallest_adjustment (GTK_WIDGET (drive->page), NULL);

  g_assert_nonnull (adjustment);
  gtk_adjustment_set_value (adjustment, end ? gtk_adjustment_get_upper (adjustment) : 0.0);
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
      drive->page = KEFU_REPORTS_PAGE (kefu_test_find_widget (GTK_WIDGET (drive->ui.window), KEFU_TYPE_REPORTS_PAGE));
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
      g_assert_cmpuint (report->current->missed_calls, ==, 2);
      g_assert_cmpint (kefu_report_period_average_call (report->current), ==, 4 * MINUTE);
      return TRUE;

    case STEP_SHOT_LIGHT:
      return kefu_test_drive_shot_light (&drive->ui, drive->prefix, "light");

    case STEP_SHOT_DARK:
      if (!kefu_test_drive_shot_dark (&drive->ui, drive->prefix, "dark"))
        return FALSE;
      scroll_to (drive, TRUE);
      return TRUE;

    case STEP_SHOT_BOTTOM:
      if (!kefu_test_drive_settle (&drive->ui, 10))
        return FALSE;
      kefu_test_drive_save_shot (&drive->ui, drive->prefix, "bottom");
      scroll_to (drive, FALSE);
      return TRUE;

    case STEP_TABLE:
      show_tables (GTK_WIDGET (drive->page));
      return TRUE;

    case STEP_SHOT_TABLE:
      if (!kefu_test_drive_settle (&drive->ui, 10))
        return FALSE;
      kefu_test_drive_save_shot (&drive->ui, drive->prefix, "table");
      return TRUE;

    case STEP_PREFS:
      drive->prefs = kefu_preferences_window_new (GTK_WINDOW (drive->ui.window),
                                                  kefu_application_get_store (drive->ui.app), NULL);
      gtk_window_set_default_size (GTK_WINDOW (drive->prefs), 720, 1100);
      gtk_window_present (GTK_WINDOW (drive->prefs));
      drive->hours = KEFU_HOURS_PREFS_PAGE (kefu_test_find_widget (drive->prefs, KEFU_TYPE_HOURS_PREFS_PAGE));
      g_assert_nonnull (drive->hours);
      return TRUE;

    case STEP_HOURS_LOADED:
      if (!kefu_hours_prefs_page_get_loaded (drive->hours) || !gtk_widget_get_mapped (drive->prefs))
        return FALSE;
      /* The fixture's shop: Asia/Shanghai, Monday to Friday 09:00–18:00. */
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kefu_hours_prefs_page_get_zone_row (drive->hours))),
                       ==, "Asia/Shanghai");
      for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
        g_assert_cmpuint (kefu_hours_prefs_page_get_n_ranges (drive->hours, day), ==, day <= G_DATE_FRIDAY ? 1 : 0);
      g_assert_cmpuint (gtk_drop_down_get_selected (kefu_hours_prefs_page_get_range_time (drive->hours, G_DATE_MONDAY,
                                                                                          0, TRUE)),
                        ==, 18 * 4);
      g_assert_cmpfloat (gtk_spin_button_get_value (kefu_hours_prefs_page_get_sla_spin (drive->hours, FALSE)), ==, 4.0);
      return TRUE;

    case STEP_HOURS_CHANGED:
      /* Monday closed, Tuesday until 20:00, Wednesday 4 March a holiday,
       * first responses due within half an hour: as a person would. */
      click (remove_button_of (kefu_hours_prefs_page_get_range_time (drive->hours, G_DATE_MONDAY, 0, TRUE)));
      g_assert_cmpuint (kefu_hours_prefs_page_get_n_ranges (drive->hours, G_DATE_MONDAY), ==, 0);
      gtk_drop_down_set_selected (kefu_hours_prefs_page_get_range_time (drive->hours, G_DATE_TUESDAY, 0, TRUE), 20 * 4);
      gtk_editable_set_text (GTK_EDITABLE (kefu_hours_prefs_page_get_holiday_row (drive->hours)), "2026-03-04");
      g_signal_emit_by_name (kefu_hours_prefs_page_get_holiday_row (drive->hours), "apply");
      g_assert_cmpuint (kefu_hours_prefs_page_get_n_holidays (drive->hours), ==, 1);
      gtk_spin_button_set_value (kefu_hours_prefs_page_get_sla_spin (drive->hours, FALSE), 0.5);
      return TRUE;

    case STEP_HOURS_STORED:
      if (kefu_hours_prefs_page_get_busy (drive->hours))
        return FALSE;
      if (drive->settings == NULL)
        {
          if (drive->ui.settle++ == 0)
            kefu_store_list_settings_async (kefu_application_get_store (drive->ui.app), NULL, settings_cb, drive);
          return FALSE;
        }
      g_assert_cmpstr (g_hash_table_lookup (drive->settings, "business-hours"), ==,
                       "{\"time_zone\":\"Asia/Shanghai\",\"week\":{"
                       "\"tue\":[[\"09:00\",\"20:00\"]],\"wed\":[[\"09:00\",\"18:00\"]],"
                       "\"thu\":[[\"09:00\",\"18:00\"]],\"fri\":[[\"09:00\",\"18:00\"]]},"
                       "\"holidays\":[\"2026-03-04\"]}");
      g_assert_cmpstr (g_hash_table_lookup (drive->settings, "sla.first-response-minutes"), ==, "30");
      return TRUE;

    case STEP_HOURS_REPORTED:
      /* The page computes again when the settings change. In the new
       * hours: first responses T1 0, T6 0 (a holiday), T4 30 min (Friday
       * 17:30–18:00; Monday is closed), T2 1 h (Tuesday 9–10); resolutions
       * T1 0, T3 5 min, T2 2 h, T6 7 h (Thursday 9–16). */
      report = kefu_reports_page_get_report (drive->page);
      if (report == NULL || kefu_reports_page_get_loading (drive->page) ||
          report->sla_first_response != 30 * MINUTE)
        return FALSE;
      g_assert_cmpint (report->current->first_response_median, ==, 0);
      g_assert_cmpint (report->current->first_response_p90, ==, HOUR);
      g_assert_cmpint (report->current->resolution_median, ==, 5 * MINUTE);
      g_assert_cmpint (report->current->resolution_p90, ==, 7 * HOUR);
      /* Over 30 min: T2 (1 h) and T5, never answered. */
      g_assert_cmpuint (report->current->first_response_breaches, ==, 2);
      /* Tuesday's row open, for the screenshot. */
      {
        guint n = 1;

        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_nth_type (drive->prefs, ADW_TYPE_EXPANDER_ROW, &n)),
                                       TRUE);
      }
      return TRUE;

    case STEP_SHOT_HOURS:
      if (!kefu_test_drive_settle (&drive->ui, 10))
        return FALSE;
      {
        g_autofree char *name = g_strdup_printf ("%s-hours.png", drive->prefix);

        kefu_test_save_snapshot (drive->prefs, name);
      }
      kefu_test_drive_save_shot (&drive->ui, drive->prefix, "after-hours");
      gtk_window_destroy (GTK_WINDOW (drive->prefs));
      g_clear_pointer (&drive->settings, g_hash_table_unref);
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
  g_clear_object (&result);
  /* The week's calls (as kefu-report-fixture.h): two answered, 6 and 2
   * min, and two missed. */
  {
    const gint64 messages[] = { 14, 30, 31, 32 };
    const gboolean incoming[] = { TRUE, TRUE, TRUE, FALSE };
    const gint64 started[] = { shanghai (3, 6, 17) + 30 * MINUTE, shanghai (3, 6, 18) + 5 * MINUTE,
                               shanghai (3, 7, 10), shanghai (3, 7, 11) };
    const gint64 length[] = { 6 * MINUTE, 0, 0, 2 * MINUTE };

    for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
      {
        kefu_store_record_call_async (KEFU_STORE (store), messages[i], incoming[i],
                                      length[i] > 0 ? "answered" : "missed", started[i],
                                      length[i] > 0 ? started[i] : 0, started[i] + length[i],
                                      NULL, kefu_test_result_cb, &result);
        g_assert_true (kefu_store_record_call_finish (KEFU_STORE (store), kefu_test_wait (&result), &error));
        g_assert_no_error (error);
        g_clear_object (&result);
      }
  }
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
