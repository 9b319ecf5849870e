/* kefuctl-report.c: `kefuctl report`: the dashboard's figures, and its CSV and PDF, without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <time.h>

#include <glib/gi18n.h>

#include "kefuctl-context.h"

#include "kefu-business-hours.h"
#include "kefu-enums.h"
#include "kefu-report-content.h"
#include "kefu-report-csv.h"
#include "kefu-report-pdf.h"
#include "kefu-report.h"

/* A YYYY-MM-DD date as the instant of its local midnight in @tz. */
static gboolean
parse_day (const char  *text,
           GTimeZone   *tz,
           int          add_days,
           const char  *option,
           gint64      *when,
           GError     **error)
{
  g_autoptr (GDateTime) day = NULL;
  g_autoptr (GDateTime) moved = NULL;
  guint y, m, d;
  char tail;

  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 || !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("%s wants a date written YYYY-MM-DD, not “%s”."), option, text);
      return FALSE;
    }
  day = g_date_time_new (tz, y, m, d, 0, 0, 0);
  moved = g_date_time_add_days (day, add_days);
  *when = g_date_time_to_unix (moved) * G_USEC_PER_SEC;
  return TRUE;
}

static gboolean
parse_channel (const char  *text,
               int         *channel,
               GError     **error)
{
  if (text == NULL || g_str_equal (text, "all"))
    {
      *channel = KEFU_REPORT_ALL_CHANNELS;
      return TRUE;
    }
  if (kefu_enum_from_nick (KEFU_TYPE_CHANNEL_KIND, text, channel))
    return TRUE;
  g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
               _("--channel is one of email, chat, phone or all, not “%s”."), text);
  return FALSE;
}

static void
print_figures (KefuReport *report)
{
  g_autoptr (GPtrArray) figures = kefu_report_build_figures (report);
  g_autoptr (KefuctlTable) table = kefuctl_table_new (4, _("Figure"), _("This period"),
                                                      _("Previous period"), _("Change"));
  g_autofree char *period = kefu_report_format_period (report);

  g_print ("%s · %s\n\n", period, kefu_report_channel_name (report->channel));
  for (guint i = 0; i < figures->len; i++)
    {
      KefuReportFigure *figure = g_ptr_array_index (figures, i);

      kefuctl_table_add_row (table, figure->label, figure->current, figure->previous, figure->change);
    }
  kefuctl_table_print (table);
}

gboolean
kefuctl_report_run (KefuctlContext  *context,
                    int              argc,
                    char           **argv,
                    GError         **error)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *channel_text = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *title = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day (default: 29 days before --to)"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day, included (default: today)"), N_("YYYY-MM-DD") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel_text, N_("Only this channel: email, chat or phone"), N_("CHANNEL") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("Write the report as a PDF"), N_("FILE") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, N_("Write every chart's numbers and the tickets as CSV files"), N_("DIR") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Heading of the PDF (e.g. the shop's name)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GHashTable) settings = NULL;
  g_autoptr (KefuBusinessHours) hours = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (KefuReport) report = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *today = NULL;
  KefuStore *store;
  gint64 from, to, started;
  struct timespec cpu_started, cpu_done;
  int channel;

  options = kefuctl_context_new_options (context, "report",
                                         _("Prints the dashboard's figures for a range of days in the shop's "
                                           "time zone, each against the period of the same length before it, "
                                           "and writes them as a PDF report and CSV files."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 0, error))
    return FALSE;
  if (!parse_channel (channel_text, &channel, error))
    return FALSE;

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;
  store = kefuctl_context_get_store (context);

  /* Days are the shop's days: read its time zone first. */
  kefu_store_list_settings_async (store, context->cancellable, kefuctl_result_cb, &result);
  settings = kefu_store_list_settings_finish (store, kefuctl_wait (&result), error);
  if (settings == NULL)
    return FALSE;
  g_clear_object (&result);
  hours = kefu_business_hours_new_from_json (g_hash_table_lookup (settings, KEFU_BUSINESS_HOURS_SETTING), error);
  if (hours == NULL)
    return FALSE;
  tz = kefu_business_hours_get_time_zone (hours)[0] != '\0'
    ? g_time_zone_new_identifier (kefu_business_hours_get_time_zone (hours))
    : g_time_zone_new_local ();

  now = g_date_time_new_now (tz);
  today = g_date_time_format (now, "%Y-%m-%d");
  if (!parse_day (to_text != NULL ? to_text : today, tz, 1, "--to", &to, error))
    return FALSE;
  if (from_text != NULL)
    {
      if (!parse_day (from_text, tz, 0, "--from", &from, error))
        return FALSE;
    }
  else if (!parse_day (to_text != NULL ? to_text : today, tz, -29, "--to", &from, error))
    return FALSE;
  if (from >= to)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE, _("--from must not be after --to."));
      return FALSE;
    }

  started = g_get_monotonic_time ();
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu_started);
  kefu_report_compute_async (store, from, to, channel, csv_path != NULL ? KEFU_REPORT_FACTS_SUBJECTS : 0,
                             context->cancellable, kefuctl_result_cb, &result);
  report = kefu_report_compute_finish (store, kefuctl_wait (&result), error);
  if (report == NULL)
    return FALSE;
  g_clear_object (&result);
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu_done);
  g_debug ("Report computed in %.1f ms (%.1f ms of CPU)", (g_get_monotonic_time () - started) / 1000.0,
           (cpu_done.tv_sec - cpu_started.tv_sec) * 1000.0 + (cpu_done.tv_nsec - cpu_started.tv_nsec) / 1e6);

  print_figures (report);

  if (csv_path != NULL)
    {
      g_autoptr (GFile) directory = g_file_new_for_commandline_arg (csv_path);

      kefu_report_export_csv_async (report, directory, context->cancellable, kefuctl_result_cb, &result);
      if (!kefu_report_export_csv_finish (kefuctl_wait (&result), error))
        return FALSE;
      g_clear_object (&result);
      g_print (_("Wrote the CSV files to %s\n"), csv_path);
    }
  if (pdf_path != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (pdf_path);

      kefu_report_export_pdf_async (report, title, file, context->cancellable, kefuctl_result_cb, &result);
      if (!kefu_report_export_pdf_finish (kefuctl_wait (&result), error))
        return FALSE;
      g_print (_("Wrote the PDF report to %s\n"), pdf_path);
    }

  return TRUE;
}
