/* kefuctl-bench-reports.c: `kefuctl bench reports`: how long the whole dashboard takes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Computes the dashboard (both periods, every figure) several times over the
 * last --days days, exactly as the Reports page does, and prints the
 * fastest, median and slowest run. The target is under 300 ms for 100,000
 * tickets and 1,000,000 messages (`kefuctl demo --tickets 100000`).
 */

#include "config.h"

#include <time.h>

#include <glib/gi18n.h>

#include "kefuctl-context.h"

#include "kefu-report.h"

/* CPU time of the whole process (every thread), in ms: on a loaded
 * machine the wall clock also counts waiting for a core. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

gboolean
kefuctl_bench_reports_run (KefuctlContext  *context,
                           int              argc,
                           char           **argv,
                           GError         **error)
{
  int days = 365;
  int runs = 5;
  const GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Length of the period, ending now (default 365)"), N_("N") },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, N_("How many times to compute it (default 5)"), N_("N") },
    { NULL }
  };
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  guint tickets = 0, previous_tickets = 0;
  KefuStore *store;
  gint64 to, from;

  options = kefuctl_context_new_options (context, "bench reports",
                                         _("Computes the whole Reports dashboard over the last days "
                                           "several times and prints how long it took."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 1, error))
    return FALSE;
  if (days < 1 || days > 3660 || runs < 1 || runs > 1000)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("--days must be 1–3660 and --runs 1–1000."));
      return FALSE;
    }
  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;
  store = kefuctl_context_get_store (context);

  to = g_get_real_time ();
  from = to - days * G_USEC_PER_SEC * G_GINT64_CONSTANT (86400);
  for (int i = 0; i < runs; i++)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (KefuReport) report = NULL;
      gint64 started = g_get_monotonic_time ();
      double cpu_started = cpu_ms ();
      double ms, cpu;

      kefu_report_compute_async (store, from, to, KEFU_REPORT_ALL_CHANNELS, 0, context->cancellable,
                                 kefuctl_result_cb, &result);
      report = kefu_report_compute_finish (store, kefuctl_wait (&result), error);
      if (report == NULL)
        return FALSE;
      ms = (g_get_monotonic_time () - started) / 1000.0;
      cpu = cpu_ms () - cpu_started;
      g_array_append_val (times, ms);
      g_array_append_val (cpu_times, cpu);
      tickets = report->current->new_tickets;
      previous_tickets = report->previous->new_tickets;
    }
  g_array_sort (times, compare_double);
  g_array_sort (cpu_times, compare_double);

  g_print (_("Dashboard over %d days: %u tickets in the period, %u in the one before\n"),
           days, tickets, previous_tickets);
  g_print (_("%d runs: fastest %.1f ms, median %.1f ms, slowest %.1f ms (target: under 300 ms)\n"),
           runs, g_array_index (times, double, 0), g_array_index (times, double, times->len / 2),
           g_array_index (times, double, times->len - 1));
  g_print (_("CPU time: fastest %.1f ms, median %.1f ms\n"),
           g_array_index (cpu_times, double, 0), g_array_index (cpu_times, double, cpu_times->len / 2));
  return TRUE;
}
