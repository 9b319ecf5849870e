/* kefu-report-content.c: the report's figures and charts, in the user's language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "kefu-report-content.h"

#define MINUTE (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))

void
kefu_report_figure_free (KefuReportFigure *figure)
{
  g_free (figure->label);
  g_free (figure->current);
  g_free (figure->previous);
  g_free (figure->change);
  g_free (figure);
}

/**
 * kefu_report_format_duration:
 *
 * Returns: (transfer full): "2 h 05 min", "45 min", or "—" when unmeasured
 */
char *
kefu_report_format_duration (gint64 duration)
{
  gint64 minutes;

  if (duration == KEFU_REPORT_NO_TIME)
    return g_strdup ("—");
  minutes = (duration + MINUTE / 2) / MINUTE;
  if (minutes < 60)
    /* Translators: a duration in minutes of business time. */
    return g_strdup_printf (ngettext ("%d min", "%d min", (int)minutes), (int)minutes);
  /* Translators: a duration in hours and minutes of business time. */
  return g_strdup_printf (_("%d h %02d min"), (int)(minutes / 60), (int)(minutes % 60));
}

const char *
kefu_report_channel_name (int channel)
{
  switch (channel)
    {
    case KEFU_CHANNEL_KIND_EMAIL:
      return C_("channel", "Email");
    case KEFU_CHANNEL_KIND_CHAT:
      return C_("channel", "Chat");
    case KEFU_CHANNEL_KIND_PHONE:
      return C_("channel", "Phone");
    default:
      return _("All channels");
    }
}

/**
 * kefu_report_format_period:
 *
 * Returns: (transfer full): "2026-03-02 – 2026-03-08" in the shop's zone
 */
char *
kefu_report_format_period (KefuReport *report)
{
  /* The end is exclusive: show the last second's day. */
  g_autofree char *from = kefu_report_format_local (report, report->current->from, "%Y-%m-%d");
  g_autofree char *to = kefu_report_format_local (report, report->current->to - G_USEC_PER_SEC, "%Y-%m-%d");

  return g_strdup_printf ("%s – %s", from, to);
}

static char *
format_change (double current,
               double previous,
               gboolean measured)
{
  double change;

  if (!measured || previous == 0.0)
    return g_strdup ("—");
  change = (current - previous) / previous * 100.0;
  if (fabs (change) < 0.5)
    return g_strdup ("±0%");
  return g_strdup_printf ("%s%.0f%%", change > 0 ? "+" : "−", fabs (change));
}

static void
add_figure (GPtrArray  *figures,
            const char *label,
            char       *current,
            char       *previous,
            char       *change)
{
  KefuReportFigure *figure = g_new0 (KefuReportFigure, 1);

  figure->label = g_strdup (label);
  figure->current = current;
  figure->previous = previous;
  figure->change = change;
  g_ptr_array_add (figures, figure);
}

static void
add_count (GPtrArray  *figures,
           const char *label,
           guint       current,
           guint       previous)
{
  add_figure (figures, label, g_strdup_printf ("%u", current), g_strdup_printf ("%u", previous),
              format_change (current, previous, TRUE));
}

static void
add_duration (GPtrArray  *figures,
              const char *label,
              gint64      current,
              gint64      previous)
{
  add_figure (figures, label, kefu_report_format_duration (current), kefu_report_format_duration (previous),
              format_change (current, previous,
                             current != KEFU_REPORT_NO_TIME && previous != KEFU_REPORT_NO_TIME));
}

static void
add_share (GPtrArray  *figures,
           const char *label,
           double      current,
           double      previous)
{
  add_figure (figures, label, g_strdup_printf ("%.0f%%", current * 100), g_strdup_printf ("%.0f%%", previous * 100),
              format_change (current, previous, TRUE));
}

GPtrArray *
kefu_report_build_figures (KefuReport *report)
{
  GPtrArray *figures = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_report_figure_free);
  const KefuReportPeriod *c = report->current;
  const KefuReportPeriod *p = report->previous;

  add_count (figures, _("New tickets"), c->new_tickets, p->new_tickets);
  add_count (figures, _("Open at the end"), g_array_index (c->backlog, guint, c->backlog->len - 1),
             g_array_index (p->backlog, guint, p->backlog->len - 1));
  add_duration (figures, _("First response, median"), c->first_response_median, p->first_response_median);
  add_duration (figures, _("First response, 90th percentile"), c->first_response_p90, p->first_response_p90);
  add_duration (figures, _("Resolution, median"), c->resolution_median, p->resolution_median);
  add_duration (figures, _("Resolution, 90th percentile"), c->resolution_p90, p->resolution_p90);
  add_count (figures, _("First responses late (SLA)"), c->first_response_breaches, p->first_response_breaches);
  add_count (figures, _("Resolutions late (SLA)"), c->resolution_breaches, p->resolution_breaches);
  add_share (figures, _("Solved by the robot"), kefu_report_period_robot_share (c),
             kefu_report_period_robot_share (p));
  add_share (figures, _("Robot hand-off rate"), kefu_report_period_handoff_rate (c),
             kefu_report_period_handoff_rate (p));
  add_figure (figures, _("Satisfaction"),
              c->rating_count > 0 ? g_strdup_printf ("%.1f / 5", c->rating_average) : g_strdup ("—"),
              p->rating_count > 0 ? g_strdup_printf ("%.1f / 5", p->rating_average) : g_strdup ("—"),
              format_change (c->rating_average, p->rating_average, c->rating_count > 0 && p->rating_count > 0));
  add_count (figures, _("Ratings"), c->rating_count, p->rating_count);
  add_count (figures, _("Answered calls"), c->calls, p->calls);
  add_count (figures, _("Missed calls"), c->missed_calls, p->missed_calls);
  add_duration (figures, _("Average call length"),
                c->calls > 0 ? kefu_report_period_average_call (c) : KEFU_REPORT_NO_TIME,
                p->calls > 0 ? kefu_report_period_average_call (p) : KEFU_REPORT_NO_TIME);
  return figures;
}

static KefuChart *
new_tickets_chart (KefuReport *report)
{
  const KefuReportPeriod *p = report->current;
  KefuChart *chart = kefu_chart_new (KEFU_CHART_KIND_STACKED_BAR,
                                     p->weekly ? _("New tickets per week") : _("New tickets per day"));

  for (int c = 0; c < KEFU_REPORT_N_CHANNELS; c++)
    kefu_chart_add_series (chart, kefu_report_channel_name (c));
  for (guint b = 0; b < kefu_report_period_n_buckets (p); b++)
    {
      g_autofree char *label = kefu_report_format_local (report, g_array_index (p->bucket_starts, gint64, b), "%m-%d");
      double values[KEFU_REPORT_N_CHANNELS];

      for (int c = 0; c < KEFU_REPORT_N_CHANNELS; c++)
        values[c] = kefu_report_period_new_in_bucket (p, b, c);
      kefu_chart_add_row (chart, label, values, KEFU_REPORT_N_CHANNELS);
    }
  return chart;
}

static KefuChart *
backlog_chart (KefuReport *report)
{
  const KefuReportPeriod *p = report->current;
  KefuChart *chart = kefu_chart_new (KEFU_CHART_KIND_LINE, _("Open tickets (backlog)"));

  kefu_chart_add_series (chart, _("Open"));
  for (guint b = 0; b < kefu_report_period_n_buckets (p); b++)
    {
      g_autofree char *label = kefu_report_format_local (report, g_array_index (p->bucket_starts, gint64, b), "%m-%d");
      double value = g_array_index (p->backlog, guint, b);

      kefu_chart_add_row (chart, label, &value, 1);
    }
  return chart;
}

static KefuChart *
heat_map_chart (KefuReport *report)
{
  const char *weekdays[7] = {
    C_("weekday", "Mon"), C_("weekday", "Tue"), C_("weekday", "Wed"), C_("weekday", "Thu"),
    C_("weekday", "Fri"), C_("weekday", "Sat"), C_("weekday", "Sun"),
  };
  KefuChart *chart = kefu_chart_new (KEFU_CHART_KIND_HEAT_MAP, _("Busiest hours (new tickets)"));
  char hours[24][4];
  const char *hour_labels[24];

  for (guint h = 0; h < 24; h++)
    {
      g_snprintf (hours[h], sizeof hours[h], "%u", h);
      hour_labels[h] = hours[h];
    }
  kefu_chart_add_series (chart, _("New tickets"));
  kefu_chart_set_columns (chart, hour_labels, 24);
  for (guint d = 0; d < 7; d++)
    {
      double values[24];

      for (guint h = 0; h < 24; h++)
        values[h] = report->current->heat_map[d][h];
      kefu_chart_add_row (chart, weekdays[d], values, 24);
    }
  return chart;
}

static KefuChart *
satisfaction_chart (KefuReport *report)
{
  KefuChart *chart = kefu_chart_new (KEFU_CHART_KIND_BAR, _("Satisfaction ratings"));

  kefu_chart_add_series (chart, _("This period"));
  kefu_chart_add_series (chart, _("Previous period"));
  for (guint s = 0; s < 5; s++)
    {
      g_autofree char *label = g_strdup_printf ("%u ★", s + 1);
      double values[2] = { report->current->ratings[s], report->previous->ratings[s] };

      kefu_chart_add_row (chart, label, values, 2);
    }
  return chart;
}

static KefuChart *
tags_chart (KefuReport *report)
{
  GArray *tags = report->current->facts->tags;
  KefuChart *chart = kefu_chart_new (KEFU_CHART_KIND_BAR, _("Top tags"));

  kefu_chart_add_series (chart, _("Tickets"));
  for (guint i = 0; i < tags->len; i++)
    {
      double value = g_array_index (tags, KefuReportCount, i).count;

      kefu_chart_add_row (chart, g_array_index (tags, KefuReportCount, i).name, &value, 1);
    }
  return chart;
}

static KefuChart *
agents_chart (KefuReport *report)
{
  GArray *agents = report->current->agents;
  KefuChart *chart = kefu_chart_new (KEFU_CHART_KIND_BAR, _("Workload per agent"));

  kefu_chart_add_series (chart, _("Assigned"));
  kefu_chart_add_series (chart, _("Resolved"));
  kefu_chart_add_series (chart, _("Replies"));
  for (guint i = 0; i < agents->len; i++)
    {
      const KefuReportAgentLoad *load = &g_array_index (agents, KefuReportAgentLoad, i);
      double values[3] = { load->assigned, load->resolved, load->replies };

      kefu_chart_add_row (chart, load->name, values, 3);
    }
  return chart;
}

GPtrArray *
kefu_report_build_charts (KefuReport *report)
{
  GPtrArray *charts = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_chart_unref);

  g_ptr_array_add (charts, new_tickets_chart (report));
  g_ptr_array_add (charts, backlog_chart (report));
  g_ptr_array_add (charts, heat_map_chart (report));
  g_ptr_array_add (charts, satisfaction_chart (report));
  g_ptr_array_add (charts, tags_chart (report));
  /* Per-agent workload says nothing in a one-person shop. */
  if (report->current->facts->agents->len > 1 && report->current->agents->len > 0)
    g_ptr_array_add (charts, agents_chart (report));
  return charts;
}
