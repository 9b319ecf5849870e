/* test-report.c: every dashboard figure on the hand-computed shop week.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The answers below were worked out by hand from the table in
 * kefu-report-fixture.h; each assertion says how.
 */

#include "config.h"

#include "kefu-report-fixture.h"

#define MINUTE (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))
#define HOUR (60 * MINUTE)

static const KefuReportAgentLoad *
load_at (const KefuReportPeriod *period,
         guint                   i)
{
  g_assert_cmpuint (i, <, period->agents->len);
  return &g_array_index (period->agents, KefuReportAgentLoad, i);
}

static void
test_current_period (ReportFixture *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (KefuReport) report = report_fixture_compute_week (fixture);
  const KefuReportPeriod *p = report->current;
  /* Open at the end of each day Mon…Sun: T0 and T00 open from the start;
   * Mon +T2 (T1 opened and solved) 3; Tue −T2 2; Wed +T6 −T0 2; Thu −T6 1;
   * Fri +T4 2; Sat +T5 3; Sun 3. */
  const guint backlog[] = { 3, 2, 2, 1, 2, 3, 3 };
  const guint new_per_day[7][3] = {
    /* email, chat, phone */
    { 1, 1, 0 },   /* Mon: T1, T2 */
    { 0, 1, 0 },   /* Tue: T3 */
    { 1, 0, 0 },   /* Wed: T6 */
    { 0, 0, 0 },
    { 0, 0, 1 },   /* Fri: T4 */
    { 1, 0, 0 },   /* Sat: T5 */
    { 0, 0, 0 },
  };
  guint heat_total = 0;

  g_assert_cmpstr (report->time_zone, ==, "Asia/Shanghai");
  g_assert_cmpint (report->sla_first_response, ==, 240 * MINUTE);
  g_assert_cmpint (report->sla_resolution, ==, 1440 * MINUTE);

  g_assert_cmpuint (p->new_tickets, ==, 6);
  g_assert_cmpuint (p->new_by_channel[KEFU_CHANNEL_KIND_EMAIL], ==, 3);
  g_assert_cmpuint (p->new_by_channel[KEFU_CHANNEL_KIND_CHAT], ==, 2);
  g_assert_cmpuint (p->new_by_channel[KEFU_CHANNEL_KIND_PHONE], ==, 1);

  g_assert_false (p->weekly);
  g_assert_cmpuint (kefu_report_period_n_buckets (p), ==, 7);
  g_assert_cmpint (g_array_index (p->bucket_starts, gint64, 1), ==, report_fixture_local (3, 3, 0, 0));
  for (guint day = 0; day < 7; day++)
    {
      for (guint channel = 0; channel < 3; channel++)
        g_assert_cmpuint (kefu_report_period_new_in_bucket (p, day, channel), ==, new_per_day[day][channel]);
      g_assert_cmpuint (g_array_index (p->backlog, guint, day), ==, backlog[day]);
    }

  /* First responses in business hours: T1 30 min; T2 Mon 17–18 + Tue 9–10
   * = 2 h; T6 9:00–15:00 = 6 h; T4 Fri 17:30–18 + Mon 9–9:30 = 1 h. Sorted
   * 0.5, 1, 2, 6: median is the 2nd, p90 the ⌈3.6⌉ = 4th. */
  g_assert_cmpuint (p->responded, ==, 4);
  g_assert_cmpint (p->first_response_median, ==, HOUR);
  g_assert_cmpint (p->first_response_p90, ==, 6 * HOUR);
  /* Resolutions: T1 2 h; T2 1 h + 2 h = 3 h; T3 5 min; T6 9 h + 7 h = 16 h.
   * Sorted 5 min, 2 h, 3 h, 16 h. */
  g_assert_cmpuint (p->resolved, ==, 4);
  g_assert_cmpint (p->resolution_median, ==, 2 * HOUR);
  g_assert_cmpint (p->resolution_p90, ==, 16 * HOUR);
  /* First response over 4 h: T6 (6 h) and T5 (never answered, still open).
   * Resolution over 24 h: T4 and T5, still open since March. */
  g_assert_cmpuint (p->first_response_breaches, ==, 2);
  g_assert_cmpuint (p->resolution_breaches, ==, 2);

  /* The robot spoke on T2 (then Emily took over) and T3 (solved alone). */
  g_assert_cmpuint (p->robot_tickets, ==, 2);
  g_assert_cmpuint (p->robot_resolved, ==, 1);
  g_assert_cmpuint (p->handed_off, ==, 1);
  g_assert_cmpfloat_with_epsilon (kefu_report_period_robot_share (p), 1.0 / 6.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kefu_report_period_handoff_rate (p), 0.5, 1e-9);

  /* Ratings 5, 4 and 2 in the week. */
  g_assert_cmpuint (p->rating_count, ==, 3);
  g_assert_cmpfloat_with_epsilon (p->rating_average, 11.0 / 3.0, 1e-9);
  g_assert_cmpuint (p->ratings[0], ==, 0);
  g_assert_cmpuint (p->ratings[1], ==, 1);
  g_assert_cmpuint (p->ratings[2], ==, 0);
  g_assert_cmpuint (p->ratings[3], ==, 1);
  g_assert_cmpuint (p->ratings[4], ==, 1);

  /* Busiest hours, local: Mon 10 and 17, Tue 14, Wed 9, Fri 17, Sat 11. */
  g_assert_cmpuint (p->heat_map[0][10], ==, 1);
  g_assert_cmpuint (p->heat_map[0][17], ==, 1);
  g_assert_cmpuint (p->heat_map[1][14], ==, 1);
  g_assert_cmpuint (p->heat_map[2][9], ==, 1);
  g_assert_cmpuint (p->heat_map[4][17], ==, 1);
  g_assert_cmpuint (p->heat_map[5][11], ==, 1);
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      heat_total += p->heat_map[d][h];
  g_assert_cmpuint (heat_total, ==, 6);

  /* Tags: refund on T1, T2, T5; shipping on T2, T3. */
  g_assert_cmpuint (p->facts->tags->len, ==, 2);
  g_assert_cmpstr (g_array_index (p->facts->tags, KefuReportCount, 0).name, ==, "refund");
  g_assert_cmpuint (g_array_index (p->facts->tags, KefuReportCount, 0).count, ==, 3);
  g_assert_cmpstr (g_array_index (p->facts->tags, KefuReportCount, 1).name, ==, "shipping");
  g_assert_cmpuint (g_array_index (p->facts->tags, KefuReportCount, 1).count, ==, 2);

  /* Calls started in the week: 14 (6 min) and 32 (2 min) answered, 30
   * missed and 31 left a voicemail, so two missed; 15 is next Monday.
   * Average length (6 + 2) / 2 = 4 min. */
  g_assert_cmpuint (p->calls, ==, 2);
  g_assert_cmpuint (p->missed_calls, ==, 2);
  g_assert_cmpint (p->call_time, ==, 8 * MINUTE);
  g_assert_cmpint (kefu_report_period_average_call (p), ==, 4 * MINUTE);

  /* Agents: Emily has T2 and T6 (both solved, 1 + 2 replies); 王芳 has T1
   * (solved, 1 reply) and T4 (open, 1 reply). Equal loads sort by name. */
  g_assert_cmpuint (p->agents->len, ==, 2);
  g_assert_cmpstr (load_at (p, 0)->name, ==, "Emily Chen");
  g_assert_cmpuint (load_at (p, 0)->assigned, ==, 2);
  g_assert_cmpuint (load_at (p, 0)->resolved, ==, 2);
  g_assert_cmpuint (load_at (p, 0)->replies, ==, 3);
  g_assert_cmpstr (load_at (p, 1)->name, ==, "王芳");
  g_assert_cmpuint (load_at (p, 1)->assigned, ==, 2);
  g_assert_cmpuint (load_at (p, 1)->resolved, ==, 1);
  g_assert_cmpuint (load_at (p, 1)->replies, ==, 2);
}

static void
test_previous_period (ReportFixture *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (KefuReport) report = report_fixture_compute_week (fixture);
  const KefuReportPeriod *p = report->previous;

  g_assert_cmpint (p->from, ==, report_fixture_local (2, 23, 0, 0));
  g_assert_cmpint (p->to, ==, fixture->from);
  /* P1 (email) and P2 (chat). */
  g_assert_cmpuint (p->new_tickets, ==, 2);
  g_assert_cmpuint (p->new_by_channel[KEFU_CHANNEL_KIND_EMAIL], ==, 1);
  g_assert_cmpuint (p->new_by_channel[KEFU_CHANNEL_KIND_CHAT], ==, 1);
  /* T00 and T0 stay open all week; P1 and P2 open and close the same day. */
  for (guint day = 0; day < 7; day++)
    g_assert_cmpuint (g_array_index (p->backlog, guint, day), ==, 2);
  /* P1 answered after 1 h and solved after 3 h; P2 solved at 20:10, after
   * hours, so in 0 business time. Resolutions sorted 0, 3 h. */
  g_assert_cmpuint (p->responded, ==, 1);
  g_assert_cmpint (p->first_response_median, ==, HOUR);
  g_assert_cmpint (p->first_response_p90, ==, HOUR);
  g_assert_cmpint (p->resolution_median, ==, 0);
  g_assert_cmpint (p->resolution_p90, ==, 3 * HOUR);
  g_assert_cmpuint (p->first_response_breaches, ==, 0);
  g_assert_cmpuint (p->resolution_breaches, ==, 0);
  /* The robot solved P2 alone: half the tickets, no hand-off. */
  g_assert_cmpfloat_with_epsilon (kefu_report_period_robot_share (p), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (kefu_report_period_handoff_rate (p), 0.0, 1e-9);
  g_assert_cmpuint (p->rating_count, ==, 1);
  g_assert_cmpfloat_with_epsilon (p->rating_average, 5.0, 1e-9);
  g_assert_cmpuint (p->agents->len, ==, 1);
  g_assert_cmpuint (p->facts->tags->len, ==, 0);
  g_assert_cmpuint (p->calls, ==, 0);
  g_assert_cmpuint (p->missed_calls, ==, 0);
  g_assert_cmpint (kefu_report_period_average_call (p), ==, 0);
}

static void
test_channel_filter (ReportFixture *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (KefuReport) report = report_fixture_compute (fixture, fixture->from, fixture->to,
                                                          KEFU_CHANNEL_KIND_CHAT);
  const KefuReportPeriod *p = report->current;

  /* Chat only: T2 and T3; no older chat ticket was open. */
  g_assert_cmpint (report->channel, ==, KEFU_CHANNEL_KIND_CHAT);
  g_assert_cmpuint (p->new_tickets, ==, 2);
  g_assert_cmpuint (p->new_by_channel[KEFU_CHANNEL_KIND_EMAIL], ==, 0);
  g_assert_cmpuint (g_array_index (p->backlog, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (p->backlog, guint, 6), ==, 0);
  g_assert_cmpuint (p->robot_tickets, ==, 2);
  g_assert_cmpfloat_with_epsilon (kefu_report_period_robot_share (p), 0.5, 1e-9);
  /* Only T2's rating (4) is on a chat ticket. */
  g_assert_cmpuint (p->rating_count, ==, 1);
  g_assert_cmpfloat_with_epsilon (p->rating_average, 4.0, 1e-9);
  /* shipping on T2 and T3, refund on T2 only. */
  g_assert_cmpuint (p->facts->tags->len, ==, 2);
  g_assert_cmpstr (g_array_index (p->facts->tags, KefuReportCount, 0).name, ==, "shipping");
  g_assert_cmpuint (g_array_index (p->facts->tags, KefuReportCount, 0).count, ==, 2);
  /* The previous chat week: P2 only. */
  g_assert_cmpuint (report->previous->new_tickets, ==, 1);
  /* Calls belong to the phone channel only. */
  g_assert_cmpuint (p->calls, ==, 0);
  g_assert_cmpuint (p->missed_calls, ==, 0);
}

static void
test_calls (ReportFixture *fixture,
            gconstpointer  user_data)
{
  g_autoptr (KefuReport) phone = report_fixture_compute (fixture, fixture->from, fixture->to,
                                                         KEFU_CHANNEL_KIND_PHONE);
  g_autoptr (KefuReport) next = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  /* The phone filter sees the same calls as all channels. */
  g_assert_cmpuint (phone->current->calls, ==, 2);
  g_assert_cmpuint (phone->current->missed_calls, ==, 2);
  g_assert_cmpint (kefu_report_period_average_call (phone->current), ==, 4 * MINUTE);

  /* The next week: only 15's callback, 10 min; the week before it is the
   * fixture's week. */
  next = report_fixture_compute (fixture, fixture->to, report_fixture_local (3, 16, 0, 0),
                                 KEFU_REPORT_ALL_CHANNELS);
  g_assert_cmpuint (next->current->calls, ==, 1);
  g_assert_cmpuint (next->current->missed_calls, ==, 0);
  g_assert_cmpint (kefu_report_period_average_call (next->current), ==, 10 * MINUTE);
  g_assert_cmpuint (next->previous->calls, ==, 2);

  /* Recording a call again replaces it: 30 was answered after all. */
  kefu_store_record_call_async (fixture->store, 30, TRUE, "answered", report_fixture_local (3, 6, 18, 5),
                                report_fixture_local (3, 6, 18, 5), report_fixture_local (3, 6, 18, 9),
                                NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_store_record_call_finish (fixture->store, kefu_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_pointer (&phone, kefu_report_unref);
  phone = report_fixture_compute_week (fixture);
  /* 6 + 2 + 4 min over three answered calls. */
  g_assert_cmpuint (phone->current->calls, ==, 3);
  g_assert_cmpuint (phone->current->missed_calls, ==, 1);
  g_assert_cmpint (kefu_report_period_average_call (phone->current), ==, 4 * MINUTE);

  /* A message that does not exist has no call. */
  kefu_store_record_call_async (fixture->store, 999, TRUE, "missed", fixture->from, 0, fixture->from,
                                NULL, kefu_test_result_cb, &result);
  g_assert_false (kefu_store_record_call_finish (fixture->store, kefu_test_wait (&result), &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID);
}

static void
test_empty_range (ReportFixture *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GDateTime) start = g_date_time_new (tz, 2020, 5, 1, 0, 0, 0);
  g_autoptr (GDateTime) end = g_date_time_add_days (start, 1);
  g_autoptr (KefuReport) report = report_fixture_compute (fixture, g_date_time_to_unix (start) * G_USEC_PER_SEC,
                                                          g_date_time_to_unix (end) * G_USEC_PER_SEC,
                                                          KEFU_REPORT_ALL_CHANNELS);
  const KefuReportPeriod *p = report->current;

  g_assert_cmpuint (p->new_tickets, ==, 0);
  g_assert_cmpuint (kefu_report_period_n_buckets (p), ==, 1);
  g_assert_cmpuint (g_array_index (p->backlog, guint, 0), ==, 0);
  g_assert_cmpint (p->first_response_median, ==, KEFU_REPORT_NO_TIME);
  g_assert_cmpint (p->resolution_p90, ==, KEFU_REPORT_NO_TIME);
  g_assert_cmpuint (p->rating_count, ==, 0);
  g_assert_cmpfloat (p->rating_average, ==, 0.0);
  g_assert_cmpfloat (kefu_report_period_robot_share (p), ==, 0.0);
  g_assert_cmpfloat (kefu_report_period_handoff_rate (p), ==, 0.0);
  g_assert_cmpuint (p->agents->len, ==, 0);
  g_assert_cmpuint (report->previous->new_tickets, ==, 0);
}

static void
set_setting (ReportFixture *fixture,
             const char    *key,
             const char    *value)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  kefu_store_set_setting_async (fixture->store, key, value, NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_store_set_setting_finish (fixture->store, kefu_test_wait (&result), &error));
  g_assert_no_error (error);
}

static void
test_time_zone (ReportFixture *fixture,
                gconstpointer  user_data)
{
  g_autoptr (KefuReport) report = NULL;
  const KefuReportPeriod *p;

  /* The same shop run from New York (UTC−5 until 8 March): T1, opened
   * Monday 10:00 in Shanghai, is Sunday 21:00 there, and the week's first
   * local day starts at Sunday 11:00 Shanghai time. Always open, so times
   * are wall-clock: T6's first reply took 6 h, T1's 30 min. */
  set_setting (fixture, "business-hours", "{\"time_zone\": \"America/New_York\"}");
  set_setting (fixture, "sla.first-response-minutes", "60");
  report = report_fixture_compute_week (fixture);
  p = report->current;

  g_assert_cmpstr (report->time_zone, ==, "America/New_York");
  g_assert_cmpint (report->sla_first_response, ==, HOUR);
  g_assert_cmpuint (p->heat_map[6][21], ==, 1);
  g_assert_cmpuint (p->heat_map[0][10], ==, 0);
  g_assert_cmpint (g_array_index (p->bucket_starts, gint64, 1), ==, report_fixture_local (3, 2, 13, 0));
  /* Wall-clock first responses: T1 0.5 h, T2 17 h, T6 6 h, T4 64 h. */
  g_assert_cmpint (p->first_response_median, ==, 6 * HOUR);
  /* Over one hour: T2, T6, T4, and T5 never answered. */
  g_assert_cmpuint (p->first_response_breaches, ==, 4);

  /* Damaged business hours are an error a person can read, not a guess. */
  g_clear_pointer (&report, kefu_report_unref);
  set_setting (fixture, "business-hours", "{\"week\": 5}");
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GError) error = NULL;

    kefu_report_compute_async (fixture->store, fixture->from, fixture->to, KEFU_REPORT_ALL_CHANNELS, 0,
                               NULL, kefu_test_result_cb, &result);
    report = kefu_report_compute_finish (fixture->store, kefu_test_wait (&result), &error);
    g_assert_null (report);
    g_assert_nonnull (error);
  }
}

static gint64
new_york (int month,
          int day,
          int hour)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("America/New_York");
  g_autoptr (GDateTime) dt = g_date_time_new (tz, 2026, month, day, hour, 0, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static void
test_daylight_saving (ReportFixture *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (KefuReport) report = NULL;
  g_autoptr (KefuReport) week = NULL;
  const KefuReportPeriod *p;

  /* A shop in New York open 00:00–03:00 every day. Clocks there go from
   * 02:00 to 03:00 on Sunday 8 March 2026, so that night's opening is two
   * hours long, not three. In New York time: T1 opened Sun 1 Mar 21:00,
   * answered 21:30 (0); T2 Mon 04:00 → 21:00 (0); T6 Tue 20:00 → Wed
   * 02:00 (2 h); T4 Fri 6 Mar 04:30 → Sun 8 Mar 21:30 EDT: Saturday 3 h +
   * Sunday 2 h = 5 h. Sorted 0, 0, 2 h, 5 h. Resolutions: T1 and T2 0,
   * T3 Tue 01:00 → 01:05 (5 min), T6 Wed 3 h + Thu 3 h = 6 h. */
  set_setting (fixture, "business-hours",
               "{\"time_zone\": \"America/New_York\", \"week\": {"
               "\"mon\": [[\"00:00\", \"03:00\"]], \"tue\": [[\"00:00\", \"03:00\"]],"
               "\"wed\": [[\"00:00\", \"03:00\"]], \"thu\": [[\"00:00\", \"03:00\"]],"
               "\"fri\": [[\"00:00\", \"03:00\"]], \"sat\": [[\"00:00\", \"03:00\"]],"
               "\"sun\": [[\"00:00\", \"03:00\"]]}}");
  report = report_fixture_compute_week (fixture);
  p = report->current;
  g_assert_cmpuint (p->responded, ==, 4);
  g_assert_cmpint (p->first_response_median, ==, 0);
  g_assert_cmpint (p->first_response_p90, ==, 5 * HOUR);
  g_assert_cmpint (p->resolution_median, ==, 0);
  g_assert_cmpint (p->resolution_p90, ==, 6 * HOUR);

  /* New York's own week, Monday 2 to Monday 9 March: seven local days,
   * the last one 23 hours long; T4 opened on Friday at 04:00 there. */
  week = report_fixture_compute (fixture, new_york (3, 2, 0), new_york (3, 9, 0), KEFU_REPORT_ALL_CHANNELS);
  p = week->current;
  g_assert_cmpuint (kefu_report_period_n_buckets (p), ==, 7);
  g_assert_cmpint (g_array_index (p->bucket_starts, gint64, 6), ==, new_york (3, 8, 0));
  g_assert_cmpint (g_array_index (p->bucket_starts, gint64, 7) - g_array_index (p->bucket_starts, gint64, 6),
                   ==, 23 * HOUR);
  g_assert_cmpuint (p->heat_map[4][4], ==, 1);
  /* The previous period is the seven local days before, 168 hours long,
   * not 167 hours back from Monday (which would start at 01:00). */
  g_assert_cmpint (week->previous->from, ==, new_york (2, 23, 0));
  g_assert_cmpint (week->previous->to, ==, new_york (3, 2, 0));
  g_assert_cmpuint (kefu_report_period_n_buckets (week->previous), ==, 7);
}

static void
test_weekly_buckets (ReportFixture *fixture,
                     gconstpointer  user_data)
{
  /* 1 January to 1 April: over 62 days, so weeks starting on Mondays. */
  g_autoptr (KefuReport) report = report_fixture_compute (fixture, report_fixture_local (1, 1, 0, 0),
                                                          report_fixture_local (4, 1, 0, 0),
                                                          KEFU_REPORT_ALL_CHANNELS);
  const KefuReportPeriod *p = report->current;
  guint sum = 0;

  g_assert_true (p->weekly);
  /* Thu 1 Jan, then Mondays 5 Jan … 30 Mar: 1 + 13 buckets. */
  g_assert_cmpuint (kefu_report_period_n_buckets (p), ==, 14);
  g_assert_cmpint (g_array_index (p->bucket_starts, gint64, 1), ==, report_fixture_local (1, 5, 0, 0));
  for (guint b = 0; b < kefu_report_period_n_buckets (p); b++)
    for (guint c = 0; c < 3; c++)
      sum += kefu_report_period_new_in_bucket (p, b, c);
  g_assert_cmpuint (sum, ==, 10);
  g_assert_cmpuint (p->new_tickets, ==, 10);
  /* Week of 2 March holds T1, T2, T3, T6, T4, T5. */
  g_assert_cmpuint (kefu_report_period_new_in_bucket (p, 9, KEFU_CHANNEL_KIND_EMAIL), ==, 3);
}

static void
test_rating_api (ReportFixture *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  kefu_store_add_rating_async (fixture->store, 7, 5, "谢谢！\x01", NULL, kefu_test_result_cb, &result);
  id = kefu_store_add_rating_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_clear_object (&result);

  kefu_store_add_rating_async (fixture->store, 7, 6, NULL, NULL, kefu_test_result_cb, &result);
  g_assert_cmpint (kefu_store_add_rating_finish (fixture->store, kefu_test_wait (&result), &error), ==, 0);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A ticket that does not exist. */
  kefu_store_add_rating_async (fixture->store, 999, 3, NULL, NULL, kefu_test_result_cb, &result);
  g_assert_cmpint (kefu_store_add_rating_finish (fixture->store, kefu_test_wait (&result), &error), ==, 0);
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  REPORT_TEST_ADD ("/reports/report/current-period", test_current_period);
  REPORT_TEST_ADD ("/reports/report/previous-period", test_previous_period);
  REPORT_TEST_ADD ("/reports/report/channel-filter", test_channel_filter);
  REPORT_TEST_ADD ("/reports/report/calls", test_calls);
  REPORT_TEST_ADD ("/reports/report/empty-range", test_empty_range);
  REPORT_TEST_ADD ("/reports/report/time-zone", test_time_zone);
  REPORT_TEST_ADD ("/reports/report/daylight-saving", test_daylight_saving);
  REPORT_TEST_ADD ("/reports/report/weekly-buckets", test_weekly_buckets);
  REPORT_TEST_ADD ("/reports/report/rating-api", test_rating_api);

  return g_test_run ();
}
