/* test-export.c: the shop week as CSV files and as a PDF turned into images.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>

#include "kefu-chart.h"
#include "kefu-report-content.h"
#include "kefu-report-csv.h"
#include "kefu-report-fixture.h"
#include "kefu-report-pdf.h"

static void
test_csv_summary (ReportFixture *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (KefuReport) report = report_fixture_compute_week (fixture);
  g_autofree char *csv = kefu_report_csv_build (report, KEFU_REPORT_CSV_SUMMARY);

  /* The same numbers as test-report.c, in minutes; unmeasured is empty. */
  g_assert_true (g_str_has_prefix (csv, "metric,current,previous\r\n"
                                        "new_tickets,6,2\r\n"
                                        "new_tickets_email,3,1\r\n"
                                        "new_tickets_chat,2,1\r\n"
                                        "new_tickets_phone,1,0\r\n"
                                        "backlog_at_end,3,2\r\n"
                                        "tickets_responded,4,1\r\n"
                                        "first_response_median_minutes,60.0,60.0\r\n"
                                        "first_response_p90_minutes,360.0,60.0\r\n"
                                        "tickets_resolved,4,2\r\n"
                                        "resolution_median_minutes,120.0,0.0\r\n"
                                        "resolution_p90_minutes,960.0,180.0\r\n"
                                        "sla_first_response_breaches,2,0\r\n"
                                        "sla_resolution_breaches,2,0\r\n"
                                        "robot_tickets,2,1\r\n"
                                        "robot_resolved,1,1\r\n"
                                        "robot_resolution_share,0.1667,0.5000\r\n"
                                        "robot_handoff_rate,0.5000,0.0000\r\n"
                                        "ratings,3,1\r\n"
                                        "rating_average,3.6667,5.0000\r\n"
                                        "calls,2,0\r\n"
                                        "missed_calls,2,0\r\n"
                                        "average_call_seconds,240.0000,0.0000\r\n"));
}

static void
test_csv_tables (ReportFixture *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (KefuReport) report = report_fixture_compute_week (fixture);
  g_autofree char *tags = kefu_report_csv_build (report, KEFU_REPORT_CSV_TAGS);
  g_autofree char *agents = kefu_report_csv_build (report, KEFU_REPORT_CSV_AGENTS);
  g_autofree char *ratings = kefu_report_csv_build (report, KEFU_REPORT_CSV_SATISFACTION);
  g_autofree char *new_tickets = kefu_report_csv_build (report, KEFU_REPORT_CSV_NEW_TICKETS);
  g_autofree char *backlog = kefu_report_csv_build (report, KEFU_REPORT_CSV_BACKLOG);
  g_autofree char *hours = kefu_report_csv_build (report, KEFU_REPORT_CSV_BUSIEST_HOURS);
  g_autofree char *tickets = kefu_report_csv_build (report, KEFU_REPORT_CSV_TICKETS);
  g_auto (GStrv) ticket_lines = g_strsplit (tickets, "\r\n", -1);
  g_auto (GStrv) hour_lines = g_strsplit (hours, "\r\n", -1);

  g_assert_cmpstr (tags, ==, "tag,tickets\r\nrefund,3\r\nshipping,2\r\n");
  g_assert_cmpstr (agents, ==, "agent,assigned,resolved,replies\r\nEmily Chen,2,2,3\r\n王芳,2,1,2\r\n");
  g_assert_cmpstr (ratings, ==, "score,current,previous\r\n1,0,0\r\n2,1,0\r\n3,0,0\r\n4,1,0\r\n5,1,1\r\n");
  g_assert_true (g_str_has_prefix (new_tickets, "start,email,chat,phone,total\r\n"
                                                "2026-03-02T00:00:00+08:00,1,1,0,2\r\n"
                                                "2026-03-03T00:00:00+08:00,0,1,0,1\r\n"));
  g_assert_true (g_str_has_suffix (backlog, "2026-03-09T00:00:00+08:00,3\r\n"));
  /* Monday: one at 10:00, one at 17:00. */
  g_assert_cmpstr (hour_lines[1], ==, "mon,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,1,0,0,0,0,0,0");

  /* Six tickets in opening order, a header, and the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (ticket_lines), ==, 8);
  g_assert_cmpstr (ticket_lines[0], ==,
                   "number,subject,channel,status,assignee,created,first_response,resolved,agent_replies,robot_messages");
  g_assert_cmpstr (ticket_lines[1], ==,
                   "5,T1 退款,email,resolved,王芳,2026-03-02T10:00:00+08:00,2026-03-02T10:30:00+08:00,"
                   "2026-03-02T12:00:00+08:00,1,0");
  /* Quotes doubled, the comma kept inside the quoted field. */
  g_assert_cmpstr (ticket_lines[2], ==,
                   "6,\"T2 \"\"quoted\"\", comma\",chat,resolved,Emily Chen,2026-03-02T17:00:00+08:00,"
                   "2026-03-03T10:00:00+08:00,2026-03-03T11:00:00+08:00,1,1");
  g_assert_cmpstr (ticket_lines[6], ==, "9,T5,email,new,,2026-03-07T11:00:00+08:00,,,0,0");
}

static void
test_csv_export (ReportFixture *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (KefuReport) report = report_fixture_compute_week (fixture);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "csv", "nested", NULL);
  g_autoptr (GFile) directory = g_file_new_for_path (dir);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  kefu_report_export_csv_async (report, directory, NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_report_export_csv_finish (kefu_test_wait (&result), &error));
  g_assert_no_error (error);
  for (guint i = 0; i < KEFU_REPORT_CSV_N_FILES; i++)
    {
      g_autofree char *path = g_build_filename (dir, kefu_report_csv_file_name (i), NULL);
      g_autofree char *contents = NULL;
      g_autofree char *expected = kefu_report_csv_build (report, i);

      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      g_assert_cmpstr (contents, ==, expected);
    }

  /* A folder where a file is cannot be written: a readable error, no crash. */
  g_clear_object (&result);
  {
    g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "blocker", NULL);
    g_autoptr (GFile) bad = NULL;

    g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
    bad = g_file_new_for_path (blocker);
    kefu_report_export_csv_async (report, bad, NULL, kefu_test_result_cb, &result);
    g_assert_false (kefu_report_export_csv_finish (kefu_test_wait (&result), &error));
    g_assert_nonnull (error);
  }
}

static void
test_csv_formula (void)
{
  g_autoptr (KefuReportFacts) current = kefu_report_facts_new (0, G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC, KEFU_REPORT_ALL_CHANNELS);
  g_autoptr (KefuReportFacts) previous = kefu_report_facts_new (G_GINT64_CONSTANT (-86400) * G_USEC_PER_SEC, 0, KEFU_REPORT_ALL_CHANNELS);
  g_autoptr (KefuReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = NULL;
  KefuReportCount tag = { NULL, 1 };

  /* A tag a spreadsheet would run as a formula is written as text. */
  tag.name = kefu_report_facts_intern (current, "=HYPERLINK(\"http://x\")");
  g_array_append_val (current->tags, tag);
  report = kefu_report_compute (NULL, g_steal_pointer (&current), g_steal_pointer (&previous),
                                g_get_real_time (), &error);
  g_assert_no_error (error);
  csv = kefu_report_csv_build (report, KEFU_REPORT_CSV_TAGS);
  g_assert_cmpstr (csv, ==, "tag,tickets\r\n\"'=HYPERLINK(\"\"http://x\"\")\",1\r\n");
}

/* Whether a PNG has pixels that are not white: something was drawn. */
static guint
count_ink (const char *png)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (png);
  guint ink = 0;
  int width, height, stride;
  unsigned char *data;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(guint32 *)(data + y * stride + x * 4);

        if ((pixel & 0xffffff) != 0xffffff)
          ink++;
      }
  cairo_surface_destroy (surface);
  return ink;
}

static void
test_pdf (ReportFixture *fixture,
          gconstpointer  user_data)
{
  g_autoptr (KefuReport) report = report_fixture_compute_week (fixture);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "pdf", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *keep = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  int status;
  guint pages = 0;

  /* Missing poppler-utils is a failure, never a skip. */
  g_assert_nonnull (pdftoppm);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  kefu_report_export_pdf_async (report, "Lotus Tea House 莲心茶舍", file, NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_report_export_pdf_finish (kefu_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  {
    const char *argv[] = { pdftoppm, "-png", "-r", "60", pdf, prefix, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
    g_assert_no_error (error);
  }

  /* Pages are page-1.png, page-2.png, … (zero-padded when there are ten or more). */
  for (guint i = 1; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.png", prefix, i);

      if (!g_file_test (name, G_FILE_TEST_EXISTS))
        break;
      pages++;
      g_test_message ("%s: %u pixels drawn", name, count_ink (name));
      g_assert_cmpuint (count_ink (name), >, 2000);
    }
  /* Heading, figures and charts do not fit on one page. */
  g_assert_cmpuint (pages, >=, 2);

  /* KEFU_TEST_KEEP=DIR keeps the images to look at. */
  keep = g_strdup (g_getenv ("KEFU_TEST_KEEP"));
  if (keep != NULL)
    {
      g_autofree char *script = g_strdup_printf ("cp '%s' '%s'-*.png '%s'/", pdf, prefix, keep);
      const char *sh[] = { "/bin/sh", "-c", script, NULL };

      g_assert_true (g_spawn_sync (NULL, (char **)sh, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   NULL, NULL, NULL, NULL));
    }
}

static void
test_chart_model (ReportFixture *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (KefuReport) report = report_fixture_compute_week (fixture);
  g_autoptr (GPtrArray) charts = kefu_report_build_charts (report);
  g_autoptr (GPtrArray) figures = kefu_report_build_figures (report);
  KefuChart *heat;
  KefuChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  int row, column;

  /* New tickets, backlog, hours, satisfaction, tags and (two agents) workload. */
  g_assert_cmpuint (charts->len, ==, 6);
  g_assert_cmpuint (kefu_chart_get_n_rows (g_ptr_array_index (charts, 0)), ==, 7);
  g_assert_cmpfloat (kefu_chart_get_value (g_ptr_array_index (charts, 0), 0, KEFU_CHANNEL_KIND_CHAT), ==, 1.0);
  g_assert_cmpfloat (kefu_chart_get_value (g_ptr_array_index (charts, 1), 3, 0), ==, 1.0);
  heat = g_ptr_array_index (charts, 2);
  g_assert_cmpuint (kefu_chart_get_n_rows (heat), ==, 7);
  g_assert_cmpuint (kefu_chart_get_n_columns (heat), ==, 24);
  g_assert_cmpfloat (kefu_chart_get_value (heat, 5, 11), ==, 1.0);

  /* Figures: new tickets 6 against 2 is +200%. */
  g_assert_cmpstr (((KefuReportFigure *)g_ptr_array_index (figures, 0))->current, ==, "6");
  g_assert_cmpstr (((KefuReportFigure *)g_ptr_array_index (figures, 0))->change, ==, "+200%");
  g_assert_cmpstr (((KefuReportFigure *)g_ptr_array_index (figures, 2))->current, ==, "1 h 00 min");

  /* Hover: the middle of the plot hits a row; the title does not. */
  g_assert_true (kefu_chart_hit (g_ptr_array_index (charts, 0), 400, 200, 220, 120, &row, &column));
  g_assert_cmpint (row, >=, 0);
  g_assert_false (kefu_chart_hit (g_ptr_array_index (charts, 0), 400, 200, 220, 5, &row, &column));
  g_assert_true (kefu_chart_hit (heat, 400, 200, 390, 170, &row, &column));
  g_assert_cmpint (row, ==, 6);
  g_assert_cmpint (column, ==, 23);

  /* Every chart draws in both styles without a cairo error. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 200);
  cr = cairo_create (surface);
  for (guint i = 0; i < charts->len; i++)
    {
      kefu_chart_style_init_dark (&style);
      kefu_chart_draw (g_ptr_array_index (charts, i), cr, 400, 200, &style, 1, 1);
      kefu_chart_style_init_light (&style);
      kefu_chart_draw (g_ptr_array_index (charts, i), cr, 400, 200, &style, -1, -1);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  REPORT_TEST_ADD ("/reports/csv/summary", test_csv_summary);
  REPORT_TEST_ADD ("/reports/csv/tables", test_csv_tables);
  REPORT_TEST_ADD ("/reports/csv/export", test_csv_export);
  g_test_add_func ("/reports/csv/formula", test_csv_formula);
  REPORT_TEST_ADD ("/reports/pdf/pages", test_pdf);
  REPORT_TEST_ADD ("/reports/chart/model", test_chart_model);

  return g_test_run ();
}
