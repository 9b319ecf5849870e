/* kefuctl-tickets.c: `kefuctl tickets`: list the tickets of a view, newest activity first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefuctl-context.h"

#include "kefu-enums.h"
gboolean
kefuctl_tickets_run (KefuctlContext  *context,
                     int              argc,
                     char           **argv,
                     GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (KefuQuery) query = NULL;
  g_autoptr (GPtrArray) tickets = NULL;
  g_autofree char *view_text = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *agent_text = NULL;
  gboolean json = FALSE;
  guint limit = 50;
  guint agent = 0;
  int view = KEFU_VIEW_INBOX;
  const GOptionEntry entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_text, N_("inbox (default), mine, unassigned, pending, resolved or all"), N_("VIEW") },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent_text, N_("The agent whose tickets --view mine lists"), N_("ID") },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("List at most N tickets (default 50, 0 for all)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for programs"), NULL },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "tickets",
                                         _("Lists the tickets of a view, newest activity first."), entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 0, error))
    return FALSE;

  if (view_text != NULL && !kefu_enum_from_nick (KEFU_TYPE_VIEW, view_text, &view))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("There is no view “%s”; choose inbox, mine, unassigned, pending, resolved or all."), view_text);
      return FALSE;
    }
  if (limit_text != NULL && !kefuctl_parse_count (limit_text, "--limit", &limit, error))
    return FALSE;
  if (agent_text != NULL && !kefuctl_parse_count (agent_text, "--agent", &agent, error))
    return FALSE;
  if (view == KEFU_VIEW_MINE && agent == 0)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE, _("--view mine needs --agent ID."));
      return FALSE;
    }

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;

  query = kefu_query_new (view);
  query->agent_id = agent;
  tickets = kefuctl_list_tickets (context, query, limit, error);
  if (tickets == NULL)
    return FALSE;

  kefuctl_print_tickets (tickets, json);

  return TRUE;
}
