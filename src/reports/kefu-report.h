/* kefu-report.h: the dashboard's figures for a period and the one before it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Metric definitions (issue #7 §1). A period is [from, to); its tickets are
 * the ones opened in it (a cohort), whatever happened to them later.
 *
 *  - New tickets: opened in the period, per bucket and channel. Buckets are
 *    local days in the shop's zone (from the "business-hours" setting), or
 *    weeks from Monday when the period is longer than 62 days.
 *  - Backlog: tickets open (opened, not resolved) at the end of each bucket,
 *    counting older tickets still open when the period began.
 *  - First response time: from opening to the first agent reply (a message of
 *    direction OUT; robot replies do not count), in business hours, over the
 *    tickets that got one. Resolution time: opening to resolved_at, in
 *    business hours, over the tickets resolved. Median and 90th percentile
 *    use the nearest rank: the ⌈p·n⌉-th smallest value.
 *  - SLA breaches: tickets whose first response (resolution) took longer than
 *    "sla.first-response-minutes" (default 240) ("sla.resolution-minutes",
 *    default 1440) business minutes, or that still have none and have already
 *    waited that long when the report is made.
 *  - Robot: a ticket it took part in has a message of direction ROBOT. Robot
 *    resolved: such a ticket resolved with no agent reply. Robot share: robot
 *    resolved ÷ new tickets. Hand-off rate: robot tickets with an agent
 *    reply ÷ robot tickets.
 *  - Satisfaction: ratings (1–5) given in the period: count, average and
 *    distribution.
 *  - Busiest hours: tickets opened per local weekday (Monday first) and hour.
 *  - Top tags: the ten tags most used on the period's tickets.
 *  - Calls: the phone channel's call records (kefu_store_record_call_async())
 *    of calls that started in the period: answered (either direction),
 *    missed (incoming, answered by nobody, voicemail included) and the
 *    average length from answer to hang-up. Only the phone channel has calls.
 *  - Agents: per assignee, tickets assigned, resolved and agent replies on them.
 */

#pragma once

#include "kefu-store-reports.h"

G_BEGIN_DECLS

#define KEFU_REPORT_SLA_FIRST_RESPONSE_SETTING "sla.first-response-minutes"
#define KEFU_REPORT_SLA_RESOLUTION_SETTING     "sla.resolution-minutes"
#define KEFU_REPORT_SLA_FIRST_RESPONSE_DEFAULT (240)
#define KEFU_REPORT_SLA_RESOLUTION_DEFAULT     (1440)

#define KEFU_REPORT_N_CHANNELS (3)

/* A duration that could not be measured (no ticket to measure). */
#define KEFU_REPORT_NO_TIME (-1)

typedef struct
{
  gint64      agent_id;
  const char *name;       /* owned by the period's facts */
  guint       assigned;
  guint       resolved;
  guint       replies;
} KefuReportAgentLoad;

typedef struct
{
  gint64           from;
  gint64           to;
  KefuReportFacts *facts;               /* what the figures were made from */

  guint            new_tickets;
  guint            new_by_channel[KEFU_REPORT_N_CHANNELS];
  gboolean         weekly;              /* buckets are weeks, not days */
  GArray          *bucket_starts;       /* gint64, n_buckets + 1 (the last is @to) */
  GArray          *new_per_bucket;      /* guint [bucket * N_CHANNELS + channel] */
  GArray          *backlog;             /* guint per bucket, at its end */

  guint            responded;
  gint64           first_response_median;   /* business µs, or KEFU_REPORT_NO_TIME */
  gint64           first_response_p90;
  guint            resolved;
  gint64           resolution_median;
  gint64           resolution_p90;
  guint            first_response_breaches;
  guint            resolution_breaches;

  guint            robot_tickets;
  guint            robot_resolved;
  guint            handed_off;

  guint            ratings[5];
  guint            rating_count;
  double           rating_average;      /* 0 when nobody rated */

  guint            heat_map[7][24];     /* [weekday, Monday = 0][local hour] */

  guint            calls;
  guint            missed_calls;
  gint64           call_time;

  GArray          *agents;              /* KefuReportAgentLoad, most assigned first */
} KefuReportPeriod;

typedef struct
{
  int                channel;           /* KefuChannelKind or KEFU_REPORT_ALL_CHANNELS */
  char              *time_zone;         /* the shop's zone id, "" for local */
  gint64             sla_first_response;  /* business µs */
  gint64             sla_resolution;
  gint64             made_at;
  KefuReportPeriod  *current;
  KefuReportPeriod  *previous;          /* as many local days just before */
  /*< private >*/
  gatomicrefcount    ref_count;
} KefuReport;

#define KEFU_TYPE_REPORT (kefu_report_get_type ())

GType        kefu_report_get_type          (void) G_GNUC_CONST;
KefuReport  *kefu_report_ref               (KefuReport          *self);
void         kefu_report_unref             (KefuReport          *self);

GTimeZone   *kefu_report_dup_time_zone     (KefuReport          *self);
char        *kefu_report_format_local      (KefuReport          *self,
                                            gint64               when,
                                            const char          *format);

double       kefu_report_period_robot_share   (const KefuReportPeriod *period);
double       kefu_report_period_handoff_rate  (const KefuReportPeriod *period);
gint64       kefu_report_period_average_call  (const KefuReportPeriod *period);
guint        kefu_report_period_n_buckets     (const KefuReportPeriod *period);
guint        kefu_report_period_new_in_bucket (const KefuReportPeriod *period,
                                               guint                   bucket,
                                               KefuChannelKind         channel);

/* Reads settings and both periods' facts on a store reader thread and
 * computes there; only the finished report reaches the main thread. */
void         kefu_report_compute_async     (KefuStore           *store,
                                            gint64               from,
                                            gint64               to,
                                            int                  channel,
                                            guint                flags,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
KefuReport  *kefu_report_compute_finish    (KefuStore           *store,
                                            GAsyncResult        *result,
                                            GError             **error);

/* The arithmetic alone, for tests and the store-thread job: any thread.
 * Takes @current and @previous. */
KefuReport  *kefu_report_compute           (GHashTable          *settings,
                                            KefuReportFacts     *current,
                                            KefuReportFacts     *previous,
                                            gint64               now,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuReport, kefu_report_unref)

G_END_DECLS
