/* kefuctl-bench-ui.c: `kefuctl bench ui`: what the window asks the store for,
 * timed on a large database.
 *
 * For each of switching views (the list's spine and first page), opening a
 * ticket (the ticket, its messages and its events) and each keystroke of
 * the global search, it prints how long the answer took on the store's
 * threads and how much CPU time the main thread spent meanwhile: the part
 * that must stay under a frame (16 ms). Targets: 100,000 tickets and
 * 1,000,000 messages (`kefuctl demo --tickets 100000`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include <glib/gi18n.h>

#include "kefuctl-context.h"

#include "kefu-store-inbox.h"

#define PAGE_SIZE 50

typedef struct
{
  const char *what;
  GArray     *wall;      /* double, ms */
  GArray     *main_cpu;  /* double, ms */
} Figure;

/* CPU time of the calling (main) thread, in ms. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
figure_init (Figure     *figure,
             const char *what)
{
  figure->what = what;
  figure->wall = g_array_new (FALSE, FALSE, sizeof (double));
  figure->main_cpu = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
figure_add (Figure *figure,
            gint64  started,
            double  cpu_started)
{
  double wall = (g_get_monotonic_time () - started) / 1000.0;
  double cpu = thread_cpu_ms () - cpu_started;

  g_array_append_val (figure->wall, wall);
  g_array_append_val (figure->main_cpu, cpu);
}

static void
figure_print (Figure *figure)
{
  guint n = figure->wall->len;

  if (n == 0)
    return;
  g_array_sort (figure->wall, compare_double);
  g_array_sort (figure->main_cpu, compare_double);
  /* Translators: a line of `kefuctl bench ui`; %s is what was measured */
  g_print (_("%-22s %4u× answer median %7.1f ms, slowest %7.1f ms; main thread median %.2f ms, slowest %.2f ms\n"),
           figure->what, n,
           g_array_index (figure->wall, double, n / 2), g_array_index (figure->wall, double, n - 1),
           g_array_index (figure->main_cpu, double, n / 2), g_array_index (figure->main_cpu, double, n - 1));
  g_array_unref (figure->wall);
  g_array_unref (figure->main_cpu);
}

static gboolean
bench_views (KefuctlContext  *context,
             KefuStore       *store,
             Figure          *figure,
             GArray          *ticket_ids,
             GError         **error)
{
  static const KefuView views[] = {
    KEFU_VIEW_INBOX, KEFU_VIEW_UNASSIGNED, KEFU_VIEW_PENDING, KEFU_VIEW_SNOOZED, KEFU_VIEW_RESOLVED, KEFU_VIEW_ALL,
  };

  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      {
        g_autoptr (KefuQuery) query = kefu_query_new (views[i]);
        g_autoptr (GAsyncResult) spine_result = NULL;
        g_autoptr (GAsyncResult) page_result = NULL;
        g_autoptr (KefuTicketSpine) spine = NULL;
        g_autoptr (GPtrArray) page = NULL;
        gint64 started = g_get_monotonic_time ();
        double cpu_started = thread_cpu_ms ();

        /* As the list model does: the spine and the first page at once. */
        kefu_store_list_ticket_spine_async (store, query, PAGE_SIZE, context->cancellable,
                                            kefuctl_result_cb, &spine_result);
        kefu_store_list_tickets_async (store, query, NULL, PAGE_SIZE, context->cancellable,
                                       kefuctl_result_cb, &page_result);
        page = kefu_store_list_tickets_finish (store, kefuctl_wait (&page_result), error);
        if (page == NULL)
          return FALSE;
        spine = kefu_store_list_ticket_spine_finish (store, kefuctl_wait (&spine_result), error);
        if (spine == NULL)
          return FALSE;
        figure_add (figure, started, cpu_started);

        for (guint j = 0; round == 0 && j < page->len && ticket_ids->len < 20; j++)
          {
            gint64 id = kefu_ticket_get_id (g_ptr_array_index (page, j));

            g_array_append_val (ticket_ids, id);
          }
      }

  return TRUE;
}

static gboolean
bench_open (KefuctlContext  *context,
            KefuStore       *store,
            Figure          *figure,
            GArray          *ticket_ids,
            GError         **error)
{
  for (guint i = 0; i < ticket_ids->len; i++)
    {
      gint64 id = g_array_index (ticket_ids, gint64, i);
      g_autoptr (GAsyncResult) ticket_result = NULL;
      g_autoptr (GAsyncResult) messages_result = NULL;
      g_autoptr (GAsyncResult) events_result = NULL;
      g_autoptr (KefuTicket) ticket = NULL;
      g_autoptr (GPtrArray) messages = NULL;
      g_autoptr (GPtrArray) events = NULL;
      gint64 started = g_get_monotonic_time ();
      double cpu_started = thread_cpu_ms ();

      /* As the ticket page does: three reads at once. */
      kefu_store_get_ticket_async (store, id, context->cancellable, kefuctl_result_cb, &ticket_result);
      kefu_store_list_messages_async (store, id, context->cancellable, kefuctl_result_cb, &messages_result);
      kefu_store_list_events_async (store, id, context->cancellable, kefuctl_result_cb, &events_result);
      ticket = kefu_store_get_ticket_finish (store, kefuctl_wait (&ticket_result), error);
      if (ticket == NULL)
        return FALSE;
      messages = kefu_store_list_messages_finish (store, kefuctl_wait (&messages_result), error);
      if (messages == NULL)
        return FALSE;
      events = kefu_store_list_events_finish (store, kefuctl_wait (&events_result), error);
      if (events == NULL)
        return FALSE;
      figure_add (figure, started, cpu_started);
    }

  return TRUE;
}

static gboolean
bench_search (KefuctlContext  *context,
              KefuStore       *store,
              const char      *typed,
              Figure          *figure,
              GError         **error)
{
  const char *end = typed;

  /* Each keystroke: parse on the main thread, search on a reader. */
  while (*end != '\0')
    {
      g_autofree char *prefix = NULL;
      g_autoptr (KefuSearchQuery) query = NULL;
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (KefuSearchResults) results = NULL;
      gint64 started;
      double cpu_started;

      end = g_utf8_next_char (end);
      prefix = g_strndup (typed, end - typed);
      started = g_get_monotonic_time ();
      cpu_started = thread_cpu_ms ();
      query = kefu_search_query_parse (prefix);
      kefu_store_search_async (store, query, 8, context->cancellable, kefuctl_result_cb, &result);
      results = kefu_store_search_finish (store, kefuctl_wait (&result), error);
      if (results == NULL)
        return FALSE;
      figure_add (figure, started, cpu_started);
      g_debug ("“%s”: %u tickets, %u messages, %u customers", prefix, results->tickets->len,
               results->messages->len, results->customers->len);
    }

  return TRUE;
}

gboolean
kefuctl_bench_ui_run (KefuctlContext  *context,
                      int              argc,
                      char           **argv,
                      GError         **error)
{
  g_auto (GStrv) queries = NULL;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING_ARRAY, &queries, N_("Text to type into search, one keystroke at a time (repeatable)"), N_("TEXT") },
    { NULL }
  };
  static const char *const default_queries[] = { "refund order", "退款", "from:wang status:open", "#1234", NULL };
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GArray) ticket_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Figure views = { 0 };
  Figure open = { 0 };
  KefuStore *store;

  options = kefuctl_context_new_options (context, "bench ui",
                                         _("Times what the window asks the store for: switching views, "
                                           "opening a ticket and each keystroke of search."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 1, error))
    return FALSE;
  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;
  store = kefuctl_context_get_store (context);

  figure_init (&views, _("view switch"));
  figure_init (&open, _("open a ticket"));
  if (!bench_views (context, store, &views, ticket_ids, error) ||
      !bench_open (context, store, &open, ticket_ids, error))
    return FALSE;
  figure_print (&views);
  figure_print (&open);

  for (guint i = 0; (queries != NULL ? (const char *const *) queries : default_queries)[i] != NULL; i++)
    {
      const char *typed = (queries != NULL ? (const char *const *) queries : default_queries)[i];
      g_autofree char *what = g_strdup_printf (_("search “%s”"), typed);
      Figure search = { 0 };

      figure_init (&search, what);
      if (!bench_search (context, store, typed, &search, error))
        return FALSE;
      figure_print (&search);
    }

  return TRUE;
}
