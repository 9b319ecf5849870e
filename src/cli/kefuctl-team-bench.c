/* kefuctl-team-bench.c: kefuctl team bench: how fast the inbox and a ticket open on this database.
 *
 * What an agent waits for: a view's first page (its spine and fifty
 * rows) and a ticket with its whole timeline, each through the store's
 * async API as the window asks for them. Run it on a team database over
 * the LAN and on a local file to compare.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "kefuctl-context.h"

#define PAGE_SIZE (50)

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* Sorts @times; then their median and slowest are at hand. */
static void
print_times (const char *what,
             GArray     *times)
{
  qsort (times->data, times->len, sizeof (double), compare_doubles);
  /* Translators: %s is what was measured, e.g. "The inbox's first page". */
  g_print (_("%s: median %.2f ms, slowest %.2f ms\n"), what,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, times->len - 1));
}

/* The inbox's first page, as the ticket list asks for it; returns its tickets. */
static GPtrArray *
open_view (KefuctlContext  *context,
           KefuStore       *store,
           KefuView         view,
           GError         **error)
{
  g_autoptr (KefuQuery) query = kefu_query_new (view);
  g_autoptr (GAsyncResult) spine_result = NULL;
  g_autoptr (GAsyncResult) page_result = NULL;
  g_autoptr (KefuTicketSpine) spine = NULL;

  kefu_store_list_ticket_spine_async (store, query, PAGE_SIZE, context->cancellable,
                                      kefuctl_result_cb, &spine_result);
  spine = kefu_store_list_ticket_spine_finish (store, kefuctl_wait (&spine_result), error);
  if (spine == NULL)
    return NULL;

  kefu_store_list_tickets_async (store, query, NULL, PAGE_SIZE, context->cancellable,
                                 kefuctl_result_cb, &page_result);

  return kefu_store_list_tickets_finish (store, kefuctl_wait (&page_result), error);
}

/* A ticket and its timeline, both asked for at once as the ticket page does. */
static gboolean
open_ticket (KefuctlContext  *context,
             KefuStore       *store,
             gint64           ticket_id,
             GError         **error)
{
  g_autoptr (GAsyncResult) ticket_result = NULL;
  g_autoptr (GAsyncResult) messages_result = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GPtrArray) messages = NULL;

  kefu_store_get_ticket_async (store, ticket_id, context->cancellable, kefuctl_result_cb, &ticket_result);
  kefu_store_list_messages_async (store, ticket_id, context->cancellable, kefuctl_result_cb, &messages_result);
  ticket = kefu_store_get_ticket_finish (store, kefuctl_wait (&ticket_result), error);
  if (ticket == NULL)
    return FALSE;
  messages = kefu_store_list_messages_finish (store, kefuctl_wait (&messages_result), error);

  return messages != NULL;
}

gboolean
kefuctl_team_bench (KefuctlContext  *context,
                    guint            rounds,
                    GError         **error)
{
  g_autoptr (GArray) inbox_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) all_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) ticket_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) warm = NULL;
  KefuStore *store;

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;
  store = kefuctl_context_get_store (context);

  /* The first round opens the reader connections; it is not counted. */
  warm = open_view (context, store, KEFU_VIEW_ALL, error);
  if (warm == NULL)
    return FALSE;
  if (warm->len == 0)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_NOT_FOUND,
                   _("The database has no tickets: there is nothing to measure. Try “kefuctl demo” on an empty database."));
      return FALSE;
    }

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr (GPtrArray) tickets = NULL;
      KefuTicket *ticket;
      gint64 start = g_get_monotonic_time ();
      double ms;

      tickets = open_view (context, store, KEFU_VIEW_INBOX, error);
      if (tickets == NULL)
        return FALSE;
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (inbox_times, ms);
      g_clear_pointer (&tickets, g_ptr_array_unref);

      start = g_get_monotonic_time ();
      tickets = open_view (context, store, KEFU_VIEW_ALL, error);
      if (tickets == NULL)
        return FALSE;
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (all_times, ms);

      ticket = g_ptr_array_index (tickets, i % tickets->len);
      start = g_get_monotonic_time ();
      if (!open_ticket (context, store, kefu_ticket_get_id (ticket), error))
        return FALSE;
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ticket_times, ms);
    }

  print_times (_("The inbox's first page"), inbox_times);
  print_times (_("All tickets, first page"), all_times);
  print_times (_("A ticket with its timeline"), ticket_times);
  g_print (_("%u rounds; a page is a spine and %d rows.\n"), rounds, PAGE_SIZE);

  return TRUE;
}
