/* kefu-report.c: turning two periods' store facts into the dashboard's figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The definitions of every figure are in kefu-report.h.
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "kefu-business-hours.h"
#include "kefu-report.h"

#define DAY (G_USEC_PER_SEC * G_GINT64_CONSTANT (86400))
#define MINUTE (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))

/* Longer periods are drawn in weeks, so a chart keeps a readable number of bars. */
#define MAX_DAILY_BUCKETS (62)

G_DEFINE_BOXED_TYPE (KefuReport, kefu_report, kefu_report_ref, kefu_report_unref)

static void
period_free (KefuReportPeriod *period)
{
  if (period == NULL)
    return;
  g_clear_pointer (&period->facts, kefu_report_facts_free);
  g_clear_pointer (&period->bucket_starts, g_array_unref);
  g_clear_pointer (&period->new_per_bucket, g_array_unref);
  g_clear_pointer (&period->backlog, g_array_unref);
  g_clear_pointer (&period->agents, g_array_unref);
  g_free (period);
}

KefuReport *
kefu_report_ref (KefuReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kefu_report_unref (KefuReport *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->time_zone);
  period_free (self->current);
  period_free (self->previous);
  g_free (self);
}

/**
 * kefu_report_dup_time_zone:
 *
 * Returns: (transfer full): the shop's zone, in which days and hours are counted
 */
GTimeZone *
kefu_report_dup_time_zone (KefuReport *self)
{
  GTimeZone *tz = NULL;

  if (self->time_zone != NULL && self->time_zone[0] != '\0')
    tz = g_time_zone_new_identifier (self->time_zone);
  if (tz == NULL)
    tz = g_time_zone_new_local ();
  return tz;
}

/**
 * kefu_report_format_local:
 * @format: a g_date_time_format() format
 *
 * Returns: (transfer full): @when in the shop's zone, or "" for 0
 */
char *
kefu_report_format_local (KefuReport *self,
                          gint64      when,
                          const char *format)
{
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (when == 0)
    return g_strdup ("");
  tz = kefu_report_dup_time_zone (self);
  utc = g_date_time_new_from_unix_utc (when / G_USEC_PER_SEC);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, format);
}

double
kefu_report_period_robot_share (const KefuReportPeriod *period)
{
  return period->new_tickets > 0 ? (double)period->robot_resolved / period->new_tickets : 0.0;
}

double
kefu_report_period_handoff_rate (const KefuReportPeriod *period)
{
  return period->robot_tickets > 0 ? (double)period->handed_off / period->robot_tickets : 0.0;
}

gint64
kefu_report_period_average_call (const KefuReportPeriod *period)
{
  return period->calls > 0 ? period->call_time / period->calls : 0;
}

guint
kefu_report_period_n_buckets (const KefuReportPeriod *period)
{
  return period->bucket_starts->len - 1;
}

guint
kefu_report_period_new_in_bucket (const KefuReportPeriod *period,
                                  guint                   bucket,
                                  KefuChannelKind         channel)
{
  g_return_val_if_fail (bucket < kefu_report_period_n_buckets (period), 0);
  g_return_val_if_fail ((guint)channel < KEFU_REPORT_N_CHANNELS, 0);

  return g_array_index (period->new_per_bucket, guint, bucket * KEFU_REPORT_N_CHANNELS + channel);
}

/* The local midnights (or Mondays) cutting [from, to) into buckets. */
static GArray *
make_buckets (GTimeZone *tz,
              gint64     from,
              gint64     to,
              gboolean   weekly)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (from / G_USEC_PER_SEC);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);
  GDate date;
  int y, m, d;

  g_array_append_val (starts, from);
  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  for (;;)
    {
      g_autoptr (GDateTime) midnight = NULL;
      gint64 start;

      if (weekly)
        g_date_add_days (&date, 8 - g_date_get_weekday (&date));
      else
        g_date_add_days (&date, 1);
      midnight = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                                  g_date_get_day (&date), 0, 0, 0);
      start = g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
      if (start >= to)
        break;
      if (start > g_array_index (starts, gint64, starts->len - 1))
        g_array_append_val (starts, start);
    }
  g_array_append_val (starts, to);
  return starts;
}

/* The bucket @when falls in; @when must be in [from, to). */
static guint
bucket_of (GArray *starts,
           gint64  when)
{
  guint lo = 0, hi = starts->len - 1;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (starts, gint64, mid) <= when)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* The ⌈p·n⌉-th smallest (nearest rank), with @values sorted. */
static gint64
nearest_rank (GArray *values,
              guint   percent)
{
  guint rank;

  if (values->len == 0)
    return KEFU_REPORT_NO_TIME;
  rank = (values->len * percent + 99) / 100;
  return g_array_index (values, gint64, MAX (rank, 1) - 1);
}

static int
compare_load (gconstpointer a,
              gconstpointer b)
{
  const KefuReportAgentLoad *x = a, *y = b;

  if (x->assigned != y->assigned)
    return x->assigned > y->assigned ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

static KefuReportAgentLoad *
agent_load (GArray          *agents,
            KefuReportFacts *facts,
            gint64           agent_id)
{
  KefuReportAgentLoad load = { 0 };

  for (guint i = 0; i < agents->len; i++)
    if (g_array_index (agents, KefuReportAgentLoad, i).agent_id == agent_id)
      return &g_array_index (agents, KefuReportAgentLoad, i);
  load.agent_id = agent_id;
  load.name = kefu_report_facts_agent_name (facts, agent_id);
  if (load.name == NULL)
    load.name = kefu_report_facts_intern (facts, "?");
  g_array_append_val (agents, load);
  return &g_array_index (agents, KefuReportAgentLoad, agents->len - 1);
}

/* Weekday (Monday = 0) and hour of @when in @tz. */
static void
local_weekday_hour (GTimeZone *tz,
                    gint64     when,
                    guint     *weekday,
                    guint     *hour)
{
  gint64 secs = when / G_USEC_PER_SEC - (when % G_USEC_PER_SEC < 0);
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, secs);
  gint64 local = secs + (interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0);
  gint64 days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  gint64 in_day = local - days * 86400;

  /* 1 January 1970 was a Thursday (3 days after Monday). */
  *weekday = (guint)(((days % 7) + 7 + 3) % 7);
  *hour = (guint)(in_day / 3600);
}

static KefuReportPeriod *
compute_period (KefuReportFacts   *facts,
                KefuBusinessHours *hours,
                GTimeZone         *tz,
                gint64             sla_first_response,
                gint64             sla_resolution,
                gint64             now)
{
  KefuReportPeriod *period = g_new0 (KefuReportPeriod, 1);
  g_autoptr (GArray) first_responses = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) resolutions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) delta = NULL;
  guint n_buckets;
  gint64 open_count = 0;

  period->from = facts->from;
  period->to = facts->to;
  period->weekly = (facts->to - facts->from) > MAX_DAILY_BUCKETS * DAY;
  period->bucket_starts = make_buckets (tz, facts->from, facts->to, period->weekly);
  n_buckets = period->bucket_starts->len - 1;
  period->new_per_bucket = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (period->new_per_bucket, n_buckets * KEFU_REPORT_N_CHANNELS);
  period->backlog = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (period->backlog, n_buckets);
  delta = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (delta, n_buckets);
  period->agents = g_array_new (FALSE, FALSE, sizeof (KefuReportAgentLoad));

  /* Older tickets open when the period began, until they are resolved. */
  for (guint i = 0; i < facts->open_at_start->len; i++)
    {
      gint64 resolved_at = g_array_index (facts->open_at_start, gint64, i);

      open_count++;
      if (resolved_at > 0 && resolved_at < facts->to)
        g_array_index (delta, gint64, bucket_of (period->bucket_starts, resolved_at))--;
    }

  for (guint i = 0; i < facts->tickets->len; i++)
    {
      const KefuReportTicket *ticket = &g_array_index (facts->tickets, KefuReportTicket, i);
      guint bucket = bucket_of (period->bucket_starts, ticket->created_at);
      gboolean resolved = ticket->resolved_at > 0 && ticket->resolved_at >= ticket->created_at;
      guint weekday, hour;
      gint64 waited;

      period->new_tickets++;
      if ((guint)ticket->channel < KEFU_REPORT_N_CHANNELS)
        {
          period->new_by_channel[ticket->channel]++;
          g_array_index (period->new_per_bucket, guint, bucket * KEFU_REPORT_N_CHANNELS + ticket->channel)++;
        }

      g_array_index (delta, gint64, bucket)++;
      if (resolved && ticket->resolved_at < facts->to)
        g_array_index (delta, gint64, bucket_of (period->bucket_starts, ticket->resolved_at))--;

      /* First response, and its SLA: a ticket closed without an agent
       * reply (the robot solved it, or it needed none) breaches nothing. */
      if (ticket->first_response_at > 0)
        {
          waited = kefu_business_hours_elapsed (hours, ticket->created_at, ticket->first_response_at);
          g_array_append_val (first_responses, waited);
          period->responded++;
          if (waited > sla_first_response)
            period->first_response_breaches++;
        }
      else if (!resolved &&
               kefu_business_hours_elapsed (hours, ticket->created_at, now) > sla_first_response)
        period->first_response_breaches++;

      /* Resolution, and its SLA. */
      if (resolved)
        {
          waited = kefu_business_hours_elapsed (hours, ticket->created_at, ticket->resolved_at);
          g_array_append_val (resolutions, waited);
          period->resolved++;
        }
      else
        waited = kefu_business_hours_elapsed (hours, ticket->created_at, now);
      if (waited > sla_resolution)
        period->resolution_breaches++;

      /* The robot. */
      if (ticket->robot_messages > 0)
        {
          period->robot_tickets++;
          if (ticket->agent_messages > 0)
            period->handed_off++;
          else if (resolved)
            period->robot_resolved++;
        }

      local_weekday_hour (tz, ticket->created_at, &weekday, &hour);
      period->heat_map[weekday][hour]++;

      if (ticket->assignee_id > 0)
        {
          KefuReportAgentLoad *load = agent_load (period->agents, facts, ticket->assignee_id);

          load->assigned++;
          if (resolved)
            load->resolved++;
          load->replies += ticket->agent_messages;
        }
    }

  for (guint b = 0; b < n_buckets; b++)
    {
      open_count += g_array_index (delta, gint64, b);
      g_array_index (period->backlog, guint, b) = (guint)MAX (open_count, 0);
    }

  g_array_sort (first_responses, compare_gint64);
  g_array_sort (resolutions, compare_gint64);
  period->first_response_median = nearest_rank (first_responses, 50);
  period->first_response_p90 = nearest_rank (first_responses, 90);
  period->resolution_median = nearest_rank (resolutions, 50);
  period->resolution_p90 = nearest_rank (resolutions, 90);

  for (guint s = 0; s < 5; s++)
    {
      period->ratings[s] = facts->ratings[s];
      period->rating_count += facts->ratings[s];
      period->rating_average += (double)(s + 1) * facts->ratings[s];
    }
  if (period->rating_count > 0)
    period->rating_average /= period->rating_count;

  period->calls = facts->calls;
  period->missed_calls = facts->missed_calls;
  period->call_time = facts->call_time;

  g_array_sort (period->agents, compare_load);
  period->facts = facts;
  return period;
}

static gint64
setting_minutes (GHashTable *settings,
                 const char *key,
                 int         fallback)
{
  const char *text = settings != NULL ? g_hash_table_lookup (settings, key) : NULL;
  guint64 minutes;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 365 * 24 * 60, &minutes, NULL))
    minutes = (guint64)fallback;
  return (gint64)minutes * MINUTE;
}

/**
 * kefu_report_compute:
 * @settings: (nullable): the store's settings ("business-hours", "sla.*")
 * @current: (transfer full): the facts of the period shown
 * @previous: (transfer full): the facts of the period before it
 * @now: the time the report is made, for tickets still waiting
 *
 * Any thread.
 *
 * Returns: (transfer full): the report, or %NULL with
 *   %KEFU_BUSINESS_HOURS_ERROR_INVALID when the business hours are damaged
 */
KefuReport *
kefu_report_compute (GHashTable       *settings,
                     KefuReportFacts  *current,
                     KefuReportFacts  *previous,
                     gint64            now,
                     GError          **error)
{
  g_autoptr (KefuReportFacts) owned_current = current;
  g_autoptr (KefuReportFacts) owned_previous = previous;
  g_autoptr (KefuBusinessHours) hours = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  const char *zone;
  KefuReport *report;
  gint64 prepare_to;

  g_return_val_if_fail (current != NULL && previous != NULL, NULL);

  hours = kefu_business_hours_new_from_json (settings != NULL ? g_hash_table_lookup (settings, KEFU_BUSINESS_HOURS_SETTING) : NULL,
                                             error);
  if (hours == NULL)
    {
      g_prefix_error (error, "%s", _("Reports need the business hours: "));
      return NULL;
    }
  zone = kefu_business_hours_get_time_zone (hours);
  tz = zone[0] != '\0' ? g_time_zone_new_identifier (zone) : g_time_zone_new_local ();
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  /* Work out the openings once for every span the periods measure: from the
   * earlier period's start to a little after now (or after the end). */
  prepare_to = MAX (now, current->to) + DAY;
  prepare_to = MIN (prepare_to, current->to + 400 * DAY);
  kefu_business_hours_prepare (hours, MIN (previous->from, current->from) - DAY, prepare_to);

  report = g_new0 (KefuReport, 1);
  g_atomic_ref_count_init (&report->ref_count);
  report->channel = current->channel;
  report->time_zone = g_strdup (zone);
  report->sla_first_response = setting_minutes (settings, KEFU_REPORT_SLA_FIRST_RESPONSE_SETTING,
                                                KEFU_REPORT_SLA_FIRST_RESPONSE_DEFAULT);
  report->sla_resolution = setting_minutes (settings, KEFU_REPORT_SLA_RESOLUTION_SETTING,
                                            KEFU_REPORT_SLA_RESOLUTION_DEFAULT);
  report->made_at = now;
  report->current = compute_period (g_steal_pointer (&owned_current), hours, tz,
                                    report->sla_first_response, report->sla_resolution, now);
  report->previous = compute_period (g_steal_pointer (&owned_previous), hours, tz,
                                     report->sla_first_response, report->sla_resolution, now);
  return report;
}

/* The two periods are read on two reader threads at once; the
 * arithmetic then runs on a worker thread, never on the caller's. */
typedef struct
{
  gint64           from;
  gint64           to;
  int              channel;
  guint            flags;
  guint            pending;
  GHashTable      *settings;
  KefuReportFacts *current;
  KefuReportFacts *previous;
  GError          *error;
} ComputeData;

typedef struct
{
  gint64    from;
  gint64    to;
  gint64    length;     /* previous only: of the current period */
  gboolean  previous;
  int       channel;
  guint     flags;
} PeriodData;

typedef struct
{
  GHashTable      *settings;   /* only read with the current period */
  KefuReportFacts *facts;
} PeriodResult;

static void
compute_data_free (ComputeData *data)
{
  g_clear_pointer (&data->settings, g_hash_table_unref);
  g_clear_pointer (&data->current, kefu_report_facts_free);
  g_clear_pointer (&data->previous, kefu_report_facts_free);
  g_clear_error (&data->error);
  g_free (data);
}

static void
period_result_free (PeriodResult *result)
{
  g_clear_pointer (&result->settings, g_hash_table_unref);
  g_clear_pointer (&result->facts, kefu_report_facts_free);
  g_free (result);
}

/* The start of the period before [@from, @to): as many local days back
 * when both ends are the shop's midnights (a week across a change of
 * clocks is 167 or 169 hours, the week before it 168), else as long. */
static gint64
previous_start (GHashTable *settings,
                gint64      from,
                gint64      to)
{
  g_autoptr (KefuBusinessHours) hours = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (GDateTime) previous = NULL;
  const char *zone;
  GDate first, last;
  int y, m, d;

  if (from % G_USEC_PER_SEC != 0 || to % G_USEC_PER_SEC != 0)
    return from - (to - from);
  hours = kefu_business_hours_new_from_json (settings != NULL ? g_hash_table_lookup (settings, KEFU_BUSINESS_HOURS_SETTING) : NULL,
                                             NULL);
  zone = hours != NULL ? kefu_business_hours_get_time_zone (hours) : "";
  tz = zone[0] != '\0' ? g_time_zone_new_identifier (zone) : g_time_zone_new_local ();
  if (tz == NULL)
    return from - (to - from);
  {
    g_autoptr (GDateTime) utc_start = g_date_time_new_from_unix_utc (from / G_USEC_PER_SEC);
    g_autoptr (GDateTime) utc_end = g_date_time_new_from_unix_utc (to / G_USEC_PER_SEC);

    if (utc_start == NULL || utc_end == NULL)
      return from - (to - from);
    start = g_date_time_to_timezone (utc_start, tz);
    end = g_date_time_to_timezone (utc_end, tz);
  }
  if (g_date_time_get_hour (start) != 0 || g_date_time_get_minute (start) != 0 ||
      g_date_time_get_second (start) != 0 || g_date_time_get_hour (end) != 0 ||
      g_date_time_get_minute (end) != 0 || g_date_time_get_second (end) != 0)
    return from - (to - from);

  g_date_time_get_ymd (start, &y, &m, &d);
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, d, m, y);
  g_date_time_get_ymd (end, &y, &m, &d);
  g_date_clear (&last, 1);
  g_date_set_dmy (&last, d, m, y);
  g_date_subtract_days (&first, g_date_days_between (&first, &last));
  previous = g_date_time_new (tz, g_date_get_year (&first), g_date_get_month (&first),
                              g_date_get_day (&first), 0, 0, 0);
  if (previous == NULL)
    return from - (to - from);
  return g_date_time_to_unix (previous) * G_USEC_PER_SEC;
}

static gpointer
period_job (KefuStore     *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  PeriodData *period = data;
  PeriodResult *result = g_new0 (PeriodResult, 1);

  /* The previous period's start depends on the shop's zone, which this
   * reader thread reads itself rather than wait for the other one. */
  if (period->previous)
    {
      g_autoptr (GHashTable) settings = KEFU_STORE_GET_IFACE (store)->list_settings (store, error);

      if (settings == NULL)
        {
          period_result_free (result);
          return NULL;
        }
      period->from = previous_start (settings, period->to, period->to + period->length);
    }
  result->facts = kefu_store_report_facts (store, period->from, period->to, period->channel,
                                           period->flags, error);
  if (result->facts == NULL)
    {
      period_result_free (result);
      return NULL;
    }
  return result;
}

static gpointer
settings_job (KefuStore     *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  PeriodResult *result = period_job (store, data, cancellable, error);

  if (result == NULL)
    return NULL;
  result->settings = KEFU_STORE_GET_IFACE (store)->list_settings (store, error);
  if (result->settings == NULL)
    {
      period_result_free (result);
      return NULL;
    }
  return result;
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  GError *error = NULL;
  KefuReport *report;

  report = kefu_report_compute (data->settings, g_steal_pointer (&data->current),
                                g_steal_pointer (&data->previous), g_get_real_time (), &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify)kefu_report_unref);
}

static void
period_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ComputeData *data = g_task_get_task_data (task);
  PeriodResult *period;
  GError *error = NULL;

  period = kefu_store_job_finish (KEFU_STORE (object), result, &error);
  if (period == NULL && data->error == NULL)
    data->error = error;
  else if (period == NULL)
    g_clear_error (&error);
  else if (period->settings != NULL)
    {
      data->settings = g_steal_pointer (&period->settings);
      data->current = g_steal_pointer (&period->facts);
    }
  else
    data->previous = g_steal_pointer (&period->facts);
  g_clear_pointer (&period, period_result_free);

  if (--data->pending > 0)
    return;
  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_run_in_thread (task, compute_thread);
}

/**
 * kefu_report_compute_async:
 * @from: start of the period (µs since the epoch)
 * @to: its end, after @from
 * @channel: a #KefuChannelKind, or %KEFU_REPORT_ALL_CHANNELS
 * @flags: %KEFU_REPORT_FACTS_SUBJECTS to keep each ticket's number and
 *   subject (the CSV ticket list needs them; the dashboard does not)
 *
 * Computes the dashboard for [@from, @to) and the period before it: as many
 * of the shop's days when both ends are its midnights, else as long. Both
 * are read at once on two store reader threads, and the figures are worked
 * out on a worker thread.
 */
void
kefu_report_compute_async (KefuStore           *store,
                           gint64               from,
                           gint64               to,
                           int                  channel,
                           guint                flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  ComputeData *data;
  PeriodData *current, *previous;

  g_return_if_fail (KEFU_IS_STORE (store));
  g_return_if_fail (to > from);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_report_compute_async);
  data = g_new0 (ComputeData, 1);
  data->pending = 2;
  g_task_set_task_data (task, data, (GDestroyNotify)compute_data_free);

  current = g_new0 (PeriodData, 1);
  current->from = from;
  current->to = to;
  current->channel = channel;
  current->flags = flags;
  previous = g_new0 (PeriodData, 1);
  previous->from = from - (to - from);
  previous->to = from;
  previous->length = to - from;
  previous->previous = TRUE;
  previous->channel = channel;
  kefu_store_read_async (store, settings_job, current, g_free, (GDestroyNotify)period_result_free,
                         cancellable, period_cb, g_object_ref (task));
  kefu_store_read_async (store, period_job, previous, g_free, (GDestroyNotify)period_result_free,
                         cancellable, period_cb, g_object_ref (task));
}

/**
 * kefu_report_compute_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
KefuReport *
kefu_report_compute_finish (KefuStore     *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
