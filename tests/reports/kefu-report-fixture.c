/* kefu-report-fixture.c: loading the shop week into a fresh store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-archive.h"
#include "kefu-report-fixture.h"

gint64
report_fixture_local (int month,
                      int day,
                      int hour,
                      int minute)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GDateTime) dt = g_date_time_new (tz, 2026, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

typedef struct
{
  gint64 ticket_id;
  int    score;
  gint64 created_at;
} Rating;

static gpointer
insert_ratings_job (KefuStore     *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Rating ratings[] = {
    { 5, 5, report_fixture_local (3, 2, 12, 0) },
    { 6, 4, report_fixture_local (3, 3, 11, 5) },
    { 10, 2, report_fixture_local (3, 5, 16, 10) },
    { 3, 5, report_fixture_local (2, 24, 13, 5) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
    if (KEFU_STORE_GET_IFACE (store)->insert_rating (store, ratings[i].ticket_id, ratings[i].score,
                                                     "ok", ratings[i].created_at, error) == 0)
      return NULL;
  return GINT_TO_POINTER (TRUE);
}

typedef struct
{
  gint64      message_id;
  gboolean    incoming;
  const char *outcome;
  int         day, hour, minute;
  int         answered_after;   /* seconds after the start, or -1 */
  int         length;           /* seconds from answer (or start) to end */
} Call;

/* Through the store's public API, as the phone channel records them. */
static void
record_calls (KefuStore *store)
{
  const Call calls[] = {
    { 14, TRUE, "answered", 6, 17, 30, 20, 360 },
    { 30, TRUE, "missed", 6, 18, 5, -1, 30 },
    { 31, TRUE, "voicemail", 7, 10, 0, -1, 45 },
    { 32, FALSE, "answered", 7, 11, 0, 30, 120 },
    { 15, FALSE, "answered", 9, 9, 29, 60, 600 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;
      gint64 started = report_fixture_local (3, calls[i].day, calls[i].hour, calls[i].minute);
      gint64 answered = calls[i].answered_after >= 0 ? started + calls[i].answered_after * G_USEC_PER_SEC : 0;
      gint64 ended = (answered != 0 ? answered : started) + calls[i].length * G_USEC_PER_SEC;

      kefu_store_record_call_async (store, calls[i].message_id, calls[i].incoming, calls[i].outcome,
                                    started, answered, ended, NULL, kefu_test_result_cb, &result);
      g_assert_true (kefu_store_record_call_finish (store, kefu_test_wait (&result), &error));
      g_assert_no_error (error);
    }
}

/* What the archive does not hold: the week's ratings and call records. */
void
report_fixture_add_ratings_and_calls (KefuStore *store)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  kefu_store_write_async (store, insert_ratings_job, NULL, NULL, NULL, NULL,
                          kefu_test_result_cb, &result);
  g_assert_nonnull (kefu_store_job_finish (store, kefu_test_wait (&result), &error));
  g_assert_no_error (error);

  record_calls (store);
}

void
report_fixture_set_up (ReportFixture *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *archive_path = g_test_build_filename (G_TEST_DIST, "corpora", "reports",
                                                         "shop-week.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (archive_path);
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  fixture->path = kefu_test_temp_db_path ();
  fixture->sqlite = kefu_test_open_store (fixture->path);
  fixture->store = KEFU_STORE (fixture->sqlite);
  fixture->from = report_fixture_local (3, 2, 0, 0);
  fixture->to = report_fixture_local (3, 9, 0, 0);

  stream = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  kefu_archive_import_async (fixture->store, G_INPUT_STREAM (stream), NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_archive_import_finish (fixture->store, kefu_test_wait (&result), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  report_fixture_add_ratings_and_calls (fixture->store);
}

void
report_fixture_tear_down (ReportFixture *fixture,
                          gconstpointer  user_data)
{
  kefu_sqlite_store_close (fixture->sqlite);
  g_clear_object (&fixture->sqlite);
  g_free (fixture->path);
}

KefuReport *
report_fixture_compute (ReportFixture *fixture,
                        gint64         from,
                        gint64         to,
                        int            channel)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  KefuReport *report;

  kefu_report_compute_async (fixture->store, from, to, channel, KEFU_REPORT_FACTS_SUBJECTS, NULL,
                             kefu_test_result_cb, &result);
  report = kefu_report_compute_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* The fixture's week, every channel. */
KefuReport *
report_fixture_compute_week (ReportFixture *fixture)
{
  return report_fixture_compute (fixture, fixture->from, fixture->to, KEFU_REPORT_ALL_CHANNELS);
}
