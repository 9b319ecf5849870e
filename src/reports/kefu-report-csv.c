/* kefu-report-csv.c: writing the report's numbers as CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kefu-enums.h"
#include "kefu-report-csv.h"

#define MINUTE (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))

static const char *file_names[KEFU_REPORT_CSV_N_FILES] = {
  "summary.csv",
  "new-tickets.csv",
  "backlog.csv",
  "busiest-hours.csv",
  "tags.csv",
  "satisfaction.csv",
  "agents.csv",
  "tickets.csv",
};

static const char *weekday_ids[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

const char *
kefu_report_csv_file_name (KefuReportCsv which)
{
  g_return_val_if_fail (which < KEFU_REPORT_CSV_N_FILES, NULL);

  return file_names[which];
}

/* One text field, quoted when it must be, defused when a spreadsheet would
 * take it for a formula. */
static void
add_text (GString    *csv,
          const char *text)
{
  gboolean formula, quote;

  if (text == NULL)
    text = "";
  formula = text[0] != '\0' && strchr ("=+-@\t", text[0]) != NULL;
  quote = formula || strpbrk (text, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  if (quote)
    g_string_append_c (csv, '"');
}

static void
end_row (GString *csv)
{
  g_string_append (csv, "\r\n");
}

static void
add_sep (GString *csv)
{
  g_string_append_c (csv, ',');
}

static void
add_uint (GString *csv,
          guint64  value)
{
  g_string_append_printf (csv, "%" G_GUINT64_FORMAT, value);
}

static void
add_minutes (GString *csv,
             gint64   duration)
{
  /* Unmeasured stays empty, so it is not read as zero. */
  if (duration == KEFU_REPORT_NO_TIME)
    return;
  g_string_append_printf (csv, "%.1f", (double)duration / MINUTE);
}

static void
add_double (GString *csv,
            double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (csv, g_ascii_formatd (buffer, sizeof buffer, "%.4f", value));
}

typedef void (*AddFigure) (GString                *csv,
                           const KefuReportPeriod *period);

#define FIGURE(name, body) \
  static void name (GString *csv, const KefuReportPeriod *p) { body; }

FIGURE (fig_new, add_uint (csv, p->new_tickets))
FIGURE (fig_new_email, add_uint (csv, p->new_by_channel[KEFU_CHANNEL_KIND_EMAIL]))
FIGURE (fig_new_chat, add_uint (csv, p->new_by_channel[KEFU_CHANNEL_KIND_CHAT]))
FIGURE (fig_new_phone, add_uint (csv, p->new_by_channel[KEFU_CHANNEL_KIND_PHONE]))
FIGURE (fig_backlog_end, add_uint (csv, g_array_index (p->backlog, guint, p->backlog->len - 1)))
FIGURE (fig_responded, add_uint (csv, p->responded))
FIGURE (fig_fr_median, add_minutes (csv, p->first_response_median))
FIGURE (fig_fr_p90, add_minutes (csv, p->first_response_p90))
FIGURE (fig_resolved, add_uint (csv, p->resolved))
FIGURE (fig_res_median, add_minutes (csv, p->resolution_median))
FIGURE (fig_res_p90, add_minutes (csv, p->resolution_p90))
FIGURE (fig_fr_breaches, add_uint (csv, p->first_response_breaches))
FIGURE (fig_res_breaches, add_uint (csv, p->resolution_breaches))
FIGURE (fig_robot, add_uint (csv, p->robot_tickets))
FIGURE (fig_robot_resolved, add_uint (csv, p->robot_resolved))
FIGURE (fig_robot_share, add_double (csv, kefu_report_period_robot_share (p)))
FIGURE (fig_handoff, add_double (csv, kefu_report_period_handoff_rate (p)))
FIGURE (fig_ratings, add_uint (csv, p->rating_count))
FIGURE (fig_rating_avg, add_double (csv, p->rating_average))
FIGURE (fig_calls, add_uint (csv, p->calls))
FIGURE (fig_missed, add_uint (csv, p->missed_calls))
FIGURE (fig_call_avg, add_double (csv, (double)kefu_report_period_average_call (p) / G_USEC_PER_SEC))

static const struct
{
  const char *id;
  AddFigure   add;
} figures[] = {
  { "new_tickets", fig_new },
  { "new_tickets_email", fig_new_email },
  { "new_tickets_chat", fig_new_chat },
  { "new_tickets_phone", fig_new_phone },
  { "backlog_at_end", fig_backlog_end },
  { "tickets_responded", fig_responded },
  { "first_response_median_minutes", fig_fr_median },
  { "first_response_p90_minutes", fig_fr_p90 },
  { "tickets_resolved", fig_resolved },
  { "resolution_median_minutes", fig_res_median },
  { "resolution_p90_minutes", fig_res_p90 },
  { "sla_first_response_breaches", fig_fr_breaches },
  { "sla_resolution_breaches", fig_res_breaches },
  { "robot_tickets", fig_robot },
  { "robot_resolved", fig_robot_resolved },
  { "robot_resolution_share", fig_robot_share },
  { "robot_handoff_rate", fig_handoff },
  { "ratings", fig_ratings },
  { "rating_average", fig_rating_avg },
  { "calls", fig_calls },
  { "missed_calls", fig_missed },
  { "average_call_seconds", fig_call_avg },
};

static void
build_summary (GString    *csv,
               KefuReport *report)
{
  g_string_append (csv, "metric,current,previous\r\n");
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      add_text (csv, figures[i].id);
      add_sep (csv);
      figures[i].add (csv, report->current);
      add_sep (csv);
      figures[i].add (csv, report->previous);
      end_row (csv);
    }
}

static void
build_new_tickets (GString    *csv,
                   KefuReport *report)
{
  const KefuReportPeriod *p = report->current;

  g_string_append (csv, "start,email,chat,phone,total\r\n");
  for (guint b = 0; b < kefu_report_period_n_buckets (p); b++)
    {
      g_autofree char *start = kefu_report_format_local (report, g_array_index (p->bucket_starts, gint64, b),
                                                         "%Y-%m-%dT%H:%M:%S%:z");
      guint total = 0;

      add_text (csv, start);
      for (guint c = 0; c < KEFU_REPORT_N_CHANNELS; c++)
        {
          guint n = kefu_report_period_new_in_bucket (p, b, c);

          add_sep (csv);
          add_uint (csv, n);
          total += n;
        }
      add_sep (csv);
      add_uint (csv, total);
      end_row (csv);
    }
}

static void
build_backlog (GString    *csv,
               KefuReport *report)
{
  const KefuReportPeriod *p = report->current;

  g_string_append (csv, "end,open\r\n");
  for (guint b = 0; b < kefu_report_period_n_buckets (p); b++)
    {
      g_autofree char *end = kefu_report_format_local (report, g_array_index (p->bucket_starts, gint64, b + 1),
                                                       "%Y-%m-%dT%H:%M:%S%:z");

      add_text (csv, end);
      add_sep (csv);
      add_uint (csv, g_array_index (p->backlog, guint, b));
      end_row (csv);
    }
}

static void
build_busiest_hours (GString    *csv,
                     KefuReport *report)
{
  g_string_append (csv, "weekday");
  for (guint h = 0; h < 24; h++)
    g_string_append_printf (csv, ",h%02u", h);
  end_row (csv);
  for (guint d = 0; d < 7; d++)
    {
      add_text (csv, weekday_ids[d]);
      for (guint h = 0; h < 24; h++)
        {
          add_sep (csv);
          add_uint (csv, report->current->heat_map[d][h]);
        }
      end_row (csv);
    }
}

static void
build_tags (GString    *csv,
            KefuReport *report)
{
  GArray *tags = report->current->facts->tags;

  g_string_append (csv, "tag,tickets\r\n");
  for (guint i = 0; i < tags->len; i++)
    {
      add_text (csv, g_array_index (tags, KefuReportCount, i).name);
      add_sep (csv);
      add_uint (csv, g_array_index (tags, KefuReportCount, i).count);
      end_row (csv);
    }
}

static void
build_satisfaction (GString    *csv,
                    KefuReport *report)
{
  g_string_append (csv, "score,current,previous\r\n");
  for (guint s = 0; s < 5; s++)
    {
      add_uint (csv, s + 1);
      add_sep (csv);
      add_uint (csv, report->current->ratings[s]);
      add_sep (csv);
      add_uint (csv, report->previous->ratings[s]);
      end_row (csv);
    }
}

static void
build_agents (GString    *csv,
              KefuReport *report)
{
  GArray *agents = report->current->agents;

  g_string_append (csv, "agent,assigned,resolved,replies\r\n");
  for (guint i = 0; i < agents->len; i++)
    {
      const KefuReportAgentLoad *load = &g_array_index (agents, KefuReportAgentLoad, i);

      add_text (csv, load->name);
      add_sep (csv);
      add_uint (csv, load->assigned);
      add_sep (csv);
      add_uint (csv, load->resolved);
      add_sep (csv);
      add_uint (csv, load->replies);
      end_row (csv);
    }
}

static void
build_tickets (GString    *csv,
               KefuReport *report)
{
  KefuReportFacts *facts = report->current->facts;

  g_string_append (csv, "number,subject,channel,status,assignee,created,first_response,resolved,"
                        "agent_replies,robot_messages\r\n");
  for (guint i = 0; i < facts->tickets->len; i++)
    {
      const KefuReportTicket *t = &g_array_index (facts->tickets, KefuReportTicket, i);
      g_autofree char *created = kefu_report_format_local (report, t->created_at, "%Y-%m-%dT%H:%M:%S%:z");
      g_autofree char *responded = kefu_report_format_local (report, t->first_response_at, "%Y-%m-%dT%H:%M:%S%:z");
      g_autofree char *resolved = kefu_report_format_local (report, t->resolved_at, "%Y-%m-%dT%H:%M:%S%:z");

      add_uint (csv, (guint64)t->number);
      add_sep (csv);
      add_text (csv, t->subject);
      add_sep (csv);
      add_text (csv, kefu_enum_to_nick (KEFU_TYPE_CHANNEL_KIND, t->channel));
      add_sep (csv);
      add_text (csv, kefu_enum_to_nick (KEFU_TYPE_TICKET_STATUS, t->status));
      add_sep (csv);
      add_text (csv, t->assignee_id > 0 ? kefu_report_facts_agent_name (facts, t->assignee_id) : "");
      add_sep (csv);
      add_text (csv, created);
      add_sep (csv);
      add_text (csv, responded);
      add_sep (csv);
      add_text (csv, resolved);
      add_sep (csv);
      add_uint (csv, t->agent_messages);
      add_sep (csv);
      add_uint (csv, t->robot_messages);
      end_row (csv);
    }
}

/**
 * kefu_report_csv_build:
 *
 * Any thread.
 *
 * Returns: (transfer full): the text of one CSV file
 */
char *
kefu_report_csv_build (KefuReport    *report,
                       KefuReportCsv  which)
{
  GString *csv = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  switch (which)
    {
    case KEFU_REPORT_CSV_SUMMARY: build_summary (csv, report); break;
    case KEFU_REPORT_CSV_NEW_TICKETS: build_new_tickets (csv, report); break;
    case KEFU_REPORT_CSV_BACKLOG: build_backlog (csv, report); break;
    case KEFU_REPORT_CSV_BUSIEST_HOURS: build_busiest_hours (csv, report); break;
    case KEFU_REPORT_CSV_TAGS: build_tags (csv, report); break;
    case KEFU_REPORT_CSV_SATISFACTION: build_satisfaction (csv, report); break;
    case KEFU_REPORT_CSV_AGENTS: build_agents (csv, report); break;
    case KEFU_REPORT_CSV_TICKETS: build_tickets (csv, report); break;
    case KEFU_REPORT_CSV_N_FILES:
    default:
      g_return_val_if_reached (g_string_free (csv, TRUE));
    }
  return g_string_free (csv, FALSE);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KefuReport *report = task_data;
  GFile *directory = g_object_get_data (G_OBJECT (task), "directory");
  g_autoptr (GError) error = NULL;

  if (!g_file_make_directory_with_parents (directory, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_prefix_error (&error, "%s", _("Could not create the folder for the CSV files: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  for (guint i = 0; i < KEFU_REPORT_CSV_N_FILES; i++)
    {
      g_autofree char *text = kefu_report_csv_build (report, i);
      g_autoptr (GFile) file = g_file_get_child (directory, file_names[i]);

      if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
        {
          g_prefix_error (&error, _("Could not write %s: "), file_names[i]);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * kefu_report_export_csv_async:
 * @directory: where the files go; created if missing, files replaced
 *
 * Writes every file of #KefuReportCsv on a worker thread.
 */
void
kefu_report_export_csv_async (KefuReport          *report,
                              GFile               *directory,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (report != NULL);
  g_return_if_fail (G_IS_FILE (directory));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_report_export_csv_async);
  g_task_set_task_data (task, kefu_report_ref (report), (GDestroyNotify)kefu_report_unref);
  g_object_set_data_full (G_OBJECT (task), "directory", g_object_ref (directory), g_object_unref);
  g_task_run_in_thread (task, export_thread);
}

gboolean
kefu_report_export_csv_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
