/* kefuctl-bench.c: `kefuctl bench WHAT`: the benchmarks, one line each in the table below.
 *
 * Benchmarks are not tests (STYLE.md §11): they take real time and print
 * numbers for a person. Each one lives in kefuctl-bench-WHAT.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefuctl-context.h"

static const struct {
  const char         *name;
  KefuctlCommandFunc  run;
  const char         *summary;
} benches[] = {
  { "email", kefuctl_bench_email_run, N_("Ingest a Maildir, beside notmuch new") },
  { "robot", kefuctl_bench_robot_run, N_("Match questions against a knowledge base") },
  { "reports", kefuctl_bench_reports_run, N_("Compute reports on a large database") },
  { "chat", kefuctl_bench_chat_run, N_("Many chat visitors at once") },
  { "phone", kefuctl_bench_phone_run, N_("Calls through the phone channel") },
  { "ui", kefuctl_bench_ui_run, N_("What the window asks for: views, tickets, search keystrokes") },
};

gboolean
kefuctl_bench_run (KefuctlContext  *context,
                   int              argc,
                   char           **argv,
                   GError         **error)
{
  g_autoptr (GString) list = g_string_new (NULL);

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (benches); i++)
      if (g_str_equal (argv[1], benches[i].name))
        return benches[i].run (context, argc - 1, argv + 1, error);

  for (guint i = 0; i < G_N_ELEMENTS (benches); i++)
    g_string_append_printf (list, "\n  %-8s %s", benches[i].name, _(benches[i].summary));
  g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE, _("Which benchmark?%s"), list->str);

  return FALSE;
}
