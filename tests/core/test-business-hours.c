/* test-business-hours.c: working-time arithmetic over weekends, holidays and DST.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-business-hours.h"

#define HOUR (G_USEC_PER_SEC * G_GINT64_CONSTANT (3600))
#define MINUTE (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))

/* The instant of a local wall-clock time in @zone. */
static gint64
at (const char *zone,
    int         year,
    int         month,
    int         day,
    int         hour,
    int         minute)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr (GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, year, month, day, hour, minute, 0);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

#define SH(y, mo, d, h, mi) at ("Asia/Shanghai", y, mo, d, h, mi)
#define NY(y, mo, d, h, mi) at ("America/New_York", y, mo, d, h, mi)

/* Monday to Friday 09:00–18:00 in Shanghai. */
static KefuBusinessHours *
office_hours (void)
{
  g_autoptr (GError) error = NULL;
  KefuBusinessHours *hours = kefu_business_hours_new ("Asia/Shanghai");

  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_FRIDAY; day++)
    {
      kefu_business_hours_add_interval (hours, day, 9 * 60, 18 * 60, &error);
      g_assert_no_error (error);
    }
  return hours;
}

static void
test_always_open (void)
{
  g_autoptr (KefuBusinessHours) hours = kefu_business_hours_new ("Asia/Shanghai");
  gint64 t = SH (2026, 1, 3, 23, 0);

  g_assert_true (kefu_business_hours_is_always_open (hours));
  g_assert_true (kefu_business_hours_is_open (hours, t));
  g_assert_cmpint (kefu_business_hours_next_open (hours, t), ==, t);
  g_assert_cmpint (kefu_business_hours_elapsed (hours, t, t + 5 * HOUR), ==, 5 * HOUR);
  g_assert_cmpint (kefu_business_hours_elapsed (hours, t, t - HOUR), ==, 0);
  g_assert_cmpint (kefu_business_hours_add (hours, t, 30 * MINUTE), ==, t + 30 * MINUTE);
}

static void
test_weekend (void)
{
  g_autoptr (KefuBusinessHours) hours = office_hours ();

  g_assert_false (kefu_business_hours_is_always_open (hours));
  /* Friday 17:00 → Monday 10:00: one hour on Friday, one on Monday. */
  g_assert_cmpint (kefu_business_hours_elapsed (hours, SH (2026, 1, 2, 17, 0), SH (2026, 1, 5, 10, 0)),
                   ==, 2 * HOUR);
  /* Saturday to Sunday: nothing. */
  g_assert_cmpint (kefu_business_hours_elapsed (hours, SH (2026, 1, 3, 9, 0), SH (2026, 1, 4, 20, 0)),
                   ==, 0);
  /* A whole week: five nine-hour days. */
  g_assert_cmpint (kefu_business_hours_elapsed (hours, SH (2026, 1, 5, 0, 0), SH (2026, 1, 12, 0, 0)),
                   ==, 45 * HOUR);
  g_assert_false (kefu_business_hours_is_open (hours, SH (2026, 1, 3, 12, 0)));
  g_assert_true (kefu_business_hours_is_open (hours, SH (2026, 1, 5, 9, 0)));
  g_assert_false (kefu_business_hours_is_open (hours, SH (2026, 1, 5, 18, 0)));
  g_assert_cmpint (kefu_business_hours_next_open (hours, SH (2026, 1, 3, 12, 0)), ==, SH (2026, 1, 5, 9, 0));
  g_assert_cmpint (kefu_business_hours_next_open (hours, SH (2026, 1, 5, 8, 59)), ==, SH (2026, 1, 5, 9, 0));
  /* Due times: 1 h after Friday 17:30 is Monday 09:30; 9 h after Monday 09:00 is 18:00. */
  g_assert_cmpint (kefu_business_hours_add (hours, SH (2026, 1, 2, 17, 30), HOUR), ==, SH (2026, 1, 5, 9, 30));
  g_assert_cmpint (kefu_business_hours_add (hours, SH (2026, 1, 5, 9, 0), 9 * HOUR), ==, SH (2026, 1, 5, 18, 0));
  g_assert_cmpint (kefu_business_hours_add (hours, SH (2026, 1, 4, 3, 0), 10 * HOUR), ==, SH (2026, 1, 6, 10, 0));
}

static void
test_holidays (void)
{
  g_autoptr (KefuBusinessHours) hours = office_hours ();
  GDate national_day;

  /* Thursday 1 October 2026 is a holiday. */
  g_date_clear (&national_day, 1);
  g_date_set_dmy (&national_day, 1, 10, 2026);
  kefu_business_hours_add_holiday (hours, &national_day);

  /* Wednesday 17:00 → Friday 10:00: one hour each side of the holiday. */
  g_assert_cmpint (kefu_business_hours_elapsed (hours, SH (2026, 9, 30, 17, 0), SH (2026, 10, 2, 10, 0)),
                   ==, 2 * HOUR);
  g_assert_false (kefu_business_hours_is_open (hours, SH (2026, 10, 1, 12, 0)));
  g_assert_cmpint (kefu_business_hours_next_open (hours, SH (2026, 9, 30, 18, 0)), ==, SH (2026, 10, 2, 9, 0));
  g_assert_cmpint (kefu_business_hours_add (hours, SH (2026, 9, 30, 17, 0), 2 * HOUR), ==, SH (2026, 10, 2, 10, 0));
}

static void
test_split_day_and_midnight (void)
{
  g_autoptr (KefuBusinessHours) hours = kefu_business_hours_new ("Asia/Shanghai");
  g_autoptr (GError) error = NULL;

  /* Monday 09–12 and 13–18 (added out of order), and a night shift
   * Monday 20:00–24:00 running on into Tuesday 00:00–02:00. */
  g_assert_true (kefu_business_hours_add_interval (hours, G_DATE_MONDAY, 13 * 60, 18 * 60, &error));
  g_assert_true (kefu_business_hours_add_interval (hours, G_DATE_MONDAY, 9 * 60, 12 * 60, &error));
  g_assert_true (kefu_business_hours_add_interval (hours, G_DATE_MONDAY, 20 * 60, 24 * 60, &error));
  g_assert_true (kefu_business_hours_add_interval (hours, G_DATE_TUESDAY, 0, 2 * 60, &error));
  g_assert_no_error (error);

  g_assert_cmpint (kefu_business_hours_elapsed (hours, SH (2026, 1, 5, 11, 0), SH (2026, 1, 5, 14, 0)),
                   ==, 2 * HOUR);
  g_assert_cmpint (kefu_business_hours_elapsed (hours, SH (2026, 1, 5, 23, 0), SH (2026, 1, 6, 1, 0)),
                   ==, 2 * HOUR);
  g_assert_true (kefu_business_hours_is_open (hours, SH (2026, 1, 6, 0, 0)));
  g_assert_false (kefu_business_hours_is_open (hours, SH (2026, 1, 5, 12, 30)));
  g_assert_cmpint (kefu_business_hours_add (hours, SH (2026, 1, 5, 11, 30), HOUR), ==, SH (2026, 1, 5, 13, 30));
  g_assert_cmpint (kefu_business_hours_add (hours, SH (2026, 1, 5, 23, 30), HOUR), ==, SH (2026, 1, 6, 0, 30));

  /* Overlaps and nonsense are refused. */
  g_assert_false (kefu_business_hours_add_interval (hours, G_DATE_MONDAY, 11 * 60, 14 * 60, &error));
  g_assert_error (error, KEFU_BUSINESS_HOURS_ERROR, KEFU_BUSINESS_HOURS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kefu_business_hours_add_interval (hours, G_DATE_FRIDAY, 10 * 60, 10 * 60, &error));
  g_assert_error (error, KEFU_BUSINESS_HOURS_ERROR, KEFU_BUSINESS_HOURS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kefu_business_hours_add_interval (hours, G_DATE_FRIDAY, 0, 24 * 60 + 1, &error));
  g_assert_error (error, KEFU_BUSINESS_HOURS_ERROR, KEFU_BUSINESS_HOURS_ERROR_INVALID);
}

static void
test_dst_new_york (void)
{
  g_autoptr (KefuBusinessHours) hours = kefu_business_hours_new ("America/New_York");
  g_autoptr (GError) error = NULL;

  /* Open around the clock, but as intervals, so days are walked. */
  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    g_assert_true (kefu_business_hours_add_interval (hours, day, 0, 24 * 60, &error));

  /* Sunday 8 March 2026 has 23 hours, Sunday 1 November 25. */
  g_assert_cmpint (kefu_business_hours_elapsed (hours, NY (2026, 3, 7, 0, 0), NY (2026, 3, 9, 0, 0)),
                   ==, 47 * HOUR);
  g_assert_cmpint (kefu_business_hours_elapsed (hours, NY (2026, 10, 31, 0, 0), NY (2026, 11, 2, 0, 0)),
                   ==, 49 * HOUR);
  g_assert_cmpint (kefu_business_hours_elapsed (hours, NY (2026, 10, 31, 0, 0), NY (2026, 11, 2, 0, 0)),
                   ==, NY (2026, 11, 2, 0, 0) - NY (2026, 10, 31, 0, 0));
}

static void
test_dst_office (void)
{
  g_autoptr (KefuBusinessHours) hours = kefu_business_hours_new ("America/New_York");
  g_autoptr (GError) error = NULL;

  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    g_assert_true (kefu_business_hours_add_interval (hours, day, 9 * 60, 17 * 60, &error));

  /* The day the clocks change still has eight working hours 09–17 local. */
  g_assert_cmpint (kefu_business_hours_elapsed (hours, NY (2026, 3, 8, 0, 0), NY (2026, 3, 9, 0, 0)),
                   ==, 8 * HOUR);
  g_assert_cmpint (kefu_business_hours_elapsed (hours, NY (2026, 11, 1, 0, 0), NY (2026, 11, 2, 0, 0)),
                   ==, 8 * HOUR);
  g_assert_true (kefu_business_hours_is_open (hours, NY (2026, 3, 8, 9, 0)));
  g_assert_false (kefu_business_hours_is_open (hours, NY (2026, 3, 8, 8, 59)));
  /* Saturday 16:00 + 2 h = Sunday 10:00, across the spring change. */
  g_assert_cmpint (kefu_business_hours_add (hours, NY (2026, 3, 7, 16, 0), 2 * HOUR), ==, NY (2026, 3, 8, 10, 0));
  /* 09:00 in New York is 14:00 UTC in winter, 13:00 UTC in summer. */
  g_assert_cmpint (NY (2026, 3, 9, 9, 0) % (24 * HOUR), ==, 13 * HOUR);
  g_assert_true (kefu_business_hours_is_open (hours, NY (2026, 1, 5, 9, 0)));
  g_assert_cmpint (NY (2026, 1, 5, 9, 0) % (24 * HOUR), ==, 14 * HOUR);
}

static void
test_time_zone_day_boundary (void)
{
  g_autoptr (KefuBusinessHours) hours = office_hours ();
  /* 01:30 UTC Monday is 09:30 in Shanghai: open. 23:00 UTC Sunday is
   * 07:00 Monday there: closed though it is Monday morning in UTC. */
  g_autoptr (GDateTime) utc_open = g_date_time_new_utc (2026, 1, 5, 1, 30, 0);
  g_autoptr (GDateTime) utc_closed = g_date_time_new_utc (2026, 1, 4, 23, 0, 0);
  g_autoptr (GDateTime) utc_friday = g_date_time_new_utc (2026, 1, 2, 9, 30, 0);

  g_assert_true (kefu_business_hours_is_open (hours, g_date_time_to_unix (utc_open) * G_USEC_PER_SEC));
  g_assert_false (kefu_business_hours_is_open (hours, g_date_time_to_unix (utc_closed) * G_USEC_PER_SEC));
  /* Friday 09:30 UTC is 17:30 in Shanghai: 30 minutes before closing. */
  g_assert_cmpint (kefu_business_hours_elapsed (hours, g_date_time_to_unix (utc_friday) * G_USEC_PER_SEC,
                                                SH (2026, 1, 3, 0, 0)), ==, 30 * MINUTE);
}

static void
test_json_round_trip (void)
{
  const char *json =
    "{ \"time_zone\": \"Asia/Shanghai\","
    "  \"week\": { \"sat\": [[\"10:00\", \"16:00\"]],"
    "              \"mon\": [[\"13:00\", \"24:00\"], [\"09:00\", \"12:00\"]] },"
    "  \"holidays\": [\"2026-10-02\", \"2026-10-01\"] }";
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuBusinessHours) hours = kefu_business_hours_new_from_json (json, &error);
  g_autoptr (KefuBusinessHours) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (kefu_business_hours_get_time_zone (hours), ==, "Asia/Shanghai");
  text = kefu_business_hours_to_json (hours);
  g_assert_cmpstr (text, ==,
                   "{\"time_zone\":\"Asia/Shanghai\","
                   "\"week\":{\"mon\":[[\"09:00\",\"12:00\"],[\"13:00\",\"24:00\"]],"
                   "\"sat\":[[\"10:00\",\"16:00\"]]},"
                   "\"holidays\":[\"2026-10-01\",\"2026-10-02\"]}");
  again = kefu_business_hours_new_from_json (text, &error);
  g_assert_no_error (error);
  text_again = kefu_business_hours_to_json (again);
  g_assert_cmpstr (text, ==, text_again);

  /* Monday 23:00 → Saturday 11:00: one hour to midnight, one on Saturday. */
  g_assert_cmpint (kefu_business_hours_elapsed (again, SH (2026, 1, 5, 23, 0), SH (2026, 1, 10, 11, 0)),
                   ==, 2 * HOUR);

  /* An empty setting, and an empty object, are always open in the local zone. */
  g_clear_pointer (&hours, kefu_business_hours_unref);
  hours = kefu_business_hours_new_from_json (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kefu_business_hours_is_always_open (hours));
  g_clear_pointer (&hours, kefu_business_hours_unref);
  hours = kefu_business_hours_new_from_json ("{}", &error);
  g_assert_no_error (error);
  g_assert_true (kefu_business_hours_is_always_open (hours));
  g_assert_cmpstr (kefu_business_hours_get_time_zone (hours), ==, "");
}

static void
test_json_invalid (void)
{
  const char *bad[] = {
    "",
    "not json",
    "[1, 2]",
    "{\"time_zone\": \"Mars/Olympus_Mons\"}",
    "{\"time_zone\": 8}",
    "{\"week\": []}",
    "{\"week\": {\"mon\": [[\"25:00\", \"26:00\"]]}}",
    "{\"week\": {\"mon\": [[\"09:00\", \"24:30\"]]}}",
    "{\"week\": {\"mon\": [[\"18:00\", \"09:00\"]]}}",
    "{\"week\": {\"mon\": [[\"09:00\", \"12:00\"], [\"11:00\", \"14:00\"]]}}",
    "{\"week\": {\"mon\": [[\"9h\", \"12:00\"]]}}",
    "{\"week\": {\"mon\": [[540, 720]]}}",
    "{\"week\": {\"mon\": [[\"09:00\"]]}}",
    "{\"week\": {\"funday\": [[\"09:00\", \"12:00\"]]}}",
    "{\"holidays\": [\"2026-02-30\"]}",
    "{\"holidays\": [\"1 October\"]}",
    "{\"holidays\": \"2026-10-01\"}",
    "{\"hours\": {}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KefuBusinessHours) hours = NULL;

      /* The empty string is "not set": always open, not an error. */
      if (bad[i][0] == '\0')
        {
          hours = kefu_business_hours_new_from_json (bad[i], &error);
          g_assert_no_error (error);
          g_assert_nonnull (hours);
          continue;
        }
      hours = kefu_business_hours_new_from_json (bad[i], &error);
      g_test_message ("%s", bad[i]);
      g_assert_null (hours);
      g_assert_error (error, KEFU_BUSINESS_HOURS_ERROR, KEFU_BUSINESS_HOURS_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_prepared_matches_walk (void)
{
  g_autoptr (KefuBusinessHours) hours = office_hours ();
  g_autoptr (KefuBusinessHours) prepared = office_hours ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  gint64 start = SH (2026, 1, 1, 0, 0);
  gint64 end = SH (2026, 4, 1, 0, 0);
  GDate holiday;

  g_date_clear (&holiday, 1);
  g_date_set_dmy (&holiday, 16, 2, 2026);
  kefu_business_hours_add_holiday (hours, &holiday);
  kefu_business_hours_add_holiday (prepared, &holiday);
  kefu_business_hours_prepare (prepared, start, end);

  for (guint i = 0; i < 2000; i++)
    {
      gint64 a = start + (gint64)(g_rand_double (rand) * (end - start));
      gint64 b = a + (gint64)(g_rand_double (rand) * (end - a));

      g_assert_cmpint (kefu_business_hours_elapsed (prepared, a, b), ==,
                       kefu_business_hours_elapsed (hours, a, b));
    }
  /* Outside the prepared span it still answers by walking. */
  g_assert_cmpint (kefu_business_hours_elapsed (prepared, SH (2025, 12, 29, 0, 0), SH (2026, 1, 5, 0, 0)),
                   ==, 45 * HOUR);
}

static void
test_never_open (void)
{
  g_autoptr (KefuBusinessHours) hours = kefu_business_hours_new ("Asia/Shanghai");
  g_autoptr (GError) error = NULL;
  GDate date;

  /* Open only on Mondays, and every Monday of the next years a holiday:
   * the next opening is too far away to find. */
  g_assert_true (kefu_business_hours_add_interval (hours, G_DATE_MONDAY, 0, 60, &error));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 5, 1, 2026);
  for (guint i = 0; i < 52 * 5; i++, g_date_add_days (&date, 7))
    kefu_business_hours_add_holiday (hours, &date);
  g_assert_cmpint (kefu_business_hours_next_open (hours, SH (2026, 1, 5, 0, 0)), ==, G_MAXINT64);
  g_assert_cmpint (kefu_business_hours_add (hours, SH (2026, 1, 5, 0, 0), MINUTE), ==, G_MAXINT64);
  g_assert_cmpint (kefu_business_hours_elapsed (hours, SH (2026, 1, 5, 0, 0), SH (2027, 1, 5, 0, 0)), ==, 0);
  /* The first Monday after the holidays: 5 January 2026 + 260 weeks. */
  g_assert_cmpint (kefu_business_hours_next_open (hours, SH (2030, 12, 25, 0, 0)), ==, SH (2030, 12, 30, 0, 0));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/business-hours/always-open", test_always_open);
  g_test_add_func ("/core/business-hours/weekend", test_weekend);
  g_test_add_func ("/core/business-hours/holidays", test_holidays);
  g_test_add_func ("/core/business-hours/split-day-and-midnight", test_split_day_and_midnight);
  g_test_add_func ("/core/business-hours/dst-new-york", test_dst_new_york);
  g_test_add_func ("/core/business-hours/dst-office", test_dst_office);
  g_test_add_func ("/core/business-hours/time-zone-day-boundary", test_time_zone_day_boundary);
  g_test_add_func ("/core/business-hours/json-round-trip", test_json_round_trip);
  g_test_add_func ("/core/business-hours/json-invalid", test_json_invalid);
  g_test_add_func ("/core/business-hours/prepared-matches-walk", test_prepared_matches_walk);
  g_test_add_func ("/core/business-hours/never-open", test_never_open);

  return g_test_run ();
}
