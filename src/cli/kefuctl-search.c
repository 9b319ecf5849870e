/* kefuctl-search.c: `kefuctl search`: tickets whose text matches a query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefuctl-context.h"

gboolean
kefuctl_search_run (KefuctlContext  *context,
                    int              argc,
                    char           **argv,
                    GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (KefuQuery) query = NULL;
  g_autoptr (GPtrArray) tickets = NULL;
  g_autofree char *limit_text = NULL;
  gboolean json = FALSE;
  guint limit = 50;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("List at most N tickets (default 50, 0 for all)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for programs"), NULL },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "search QUERY",
                                         _("Finds tickets whose subject, messages or customer match QUERY, in any status. "
                                           "Chinese matches in simplified and traditional characters."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 1, -1, error))
    return FALSE;
  if (limit_text != NULL && !kefuctl_parse_count (limit_text, "--limit", &limit, error))
    return FALSE;

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;

  query = kefu_query_new (KEFU_VIEW_ALL);
  query->text = g_strjoinv (" ", argv + (g_str_equal (argv[1], "--") ? 2 : 1));
  tickets = kefuctl_list_tickets (context, query, limit, error);
  if (tickets == NULL)
    return FALSE;

  kefuctl_print_tickets (tickets, json);

  return TRUE;
}
