/* kefu-report-fixture.h: the hand-computed shop week every reports test reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/corpora/reports/shop-week.json, imported into a fresh store, plus
 * four ratings. The shop is in Asia/Shanghai, open Monday to Friday
 * 09:00–18:00. The period shown is Monday 2 to Monday 9 March 2026 local
 * time; the previous one 23 February to 2 March. Times below are local.
 *
 *  ticket  channel opened        replies (agent)   robot   resolved      assignee  tags
 *  T00 #1  email   Sat 10 Jan    —                 —       never         —
 *  T0  #2  email   Fri 20 Feb    —                 —       Wed 4 Mar 12  —
 *  P1  #3  email   Tue 24 Feb 10 11:00             —       13:00         王芳
 *  P2  #4  chat    Wed 25 Feb 20 —                 20:00   20:10         —
 *  T1  #5  email   Mon 2 Mar 10  10:30             —       12:00         王芳       refund
 *  T2  #6  chat    Mon 2 Mar 17  Tue 10:00         17:01   Tue 11:00     Emily      refund, shipping
 *  T3  #7  chat    Tue 3 Mar 14  —                 14:00   14:05         —          shipping
 *  T6 #10  email   Wed 4 Mar 09  15:00, Thu 10:00  —       Thu 16:00     Emily
 *  T4  #8  phone   Fri 6 Mar 17:30  Mon 9 Mar 09:30 —      never         王芳
 *  T5  #9  email   Sat 7 Mar 11  —                 —       never         —          refund
 *
 * Ratings: T1 5 (Mon 2 Mar 12:00), T2 4 (Tue 3 Mar 11:05), T6 2 (Thu 5 Mar
 * 16:10), P1 5 (Tue 24 Feb 13:05).
 *
 * Calls, all on T4 (the phone channel logs every call as a message of
 * direction IN, whoever dialled):
 *
 *  message  who       started           answered   ended      length
 *  14       customer  Fri 6 Mar 17:30   17:30:20   17:36:20   6 min
 *  30       customer  Fri 6 Mar 18:05   missed
 *  31       customer  Sat 7 Mar 10:00   voicemail (nobody answered)
 *  32       agent     Sat 7 Mar 11:00   11:00:30   11:02:30   2 min
 *  15       agent     Mon 9 Mar 09:29   09:30      09:40      10 min (next week)
 */

#pragma once

#include "kefu-report.h"
#include "kefu-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  KefuSqliteStore *sqlite;
  KefuStore       *store;
  char            *path;
  gint64           from;      /* Mon 2 Mar 2026 00:00 Shanghai */
  gint64           to;        /* Mon 9 Mar 2026 00:00 Shanghai */
} ReportFixture;

void        report_fixture_set_up       (ReportFixture *fixture,
                                         gconstpointer  user_data);
void        report_fixture_tear_down    (ReportFixture *fixture,
                                         gconstpointer  user_data);
gint64      report_fixture_local        (int            month,
                                         int            day,
                                         int            hour,
                                         int            minute);
void        report_fixture_add_ratings_and_calls (KefuStore *store);
KefuReport *report_fixture_compute      (ReportFixture *fixture,
                                         gint64         from,
                                         gint64         to,
                                         int            channel);
KefuReport *report_fixture_compute_week (ReportFixture *fixture);

#define REPORT_TEST_ADD(path, func) \
  g_test_add ((path), ReportFixture, NULL, report_fixture_set_up, (func), report_fixture_tear_down)

G_END_DECLS
