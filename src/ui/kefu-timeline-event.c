/* kefu-timeline-event.c: a ticket's events as sentences in its timeline.
 *
 * The store keeps events as a kind and the new value (see
 * kefu-sqlite-store-tickets.c and kefu-sqlite-store-merge.c); this turns
 * the ones a person cares about into one translated line each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-agent.h"
#include "kefu-enums.h"
#include "kefu-timeline-event.h"
#include "kefu-ui-format.h"

static char *
agent_name (GListModel *agents,
            gint64      agent_id)
{
  for (guint i = 0; agents != NULL && i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr (KefuAgent) agent = g_list_model_get_item (agents, i);

      if (kefu_agent_get_id (agent) == agent_id)
        return g_strdup (kefu_agent_get_name (agent));
    }

  return NULL;
}

static char *
number_text (const char *detail)
{
  return kefu_ui_format_ticket_number (detail != NULL ? g_ascii_strtoll (detail, NULL, 10) : 0);
}

/* What happened, without who did it. */
static char *
describe_what (const KefuTicketEvent *event,
               GListModel            *agents)
{
  const char *kind = event->kind;
  const char *detail = event->detail;
  int value;

  if (g_str_equal (kind, "status") && detail != NULL &&
      kefu_enum_from_nick (KEFU_TYPE_TICKET_STATUS, detail, &value))
    /* Translators: %s is a ticket status, like Pending */
    return g_strdup_printf (_("Status changed to %s"), kefu_ui_status_label ((KefuTicketStatus) value));

  if (g_str_equal (kind, "assignee"))
    {
      g_autofree char *name = detail != NULL ? agent_name (agents, g_ascii_strtoll (detail, NULL, 10)) : NULL;

      if (detail == NULL)
        return g_strdup (_("Unassigned"));
      /* Translators: %s is an agent's name */
      return g_strdup_printf (_("Assigned to %s"), name != NULL ? name : _("another agent"));
    }

  if (g_str_equal (kind, "priority") && detail != NULL &&
      kefu_enum_from_nick (KEFU_TYPE_PRIORITY, detail, &value))
    return g_strdup (kefu_ui_priority_phrase ((KefuPriority) value));

  if (g_str_equal (kind, "merged"))
    {
      g_autofree char *number = number_text (detail);

      /* Translators: %s is a ticket number, like #1024 */
      return g_strdup_printf (_("Merged into %s and closed"), number);
    }
  if (g_str_equal (kind, "merged-from"))
    {
      g_autofree char *number = number_text (detail);

      /* Translators: %s is a ticket number, like #1024 */
      return g_strdup_printf (_("Messages of %s merged into this ticket"), number);
    }
  if (g_str_equal (kind, "unmerged") || g_str_equal (kind, "unmerged-from"))
    {
      g_autofree char *number = number_text (detail);

      /* Translators: %s is a ticket number, like #1024 */
      return g_strdup_printf (_("Merge with %s undone"), number);
    }

  if (g_str_equal (kind, "snooze") && detail != NULL)
    {
      g_autofree char *until = kefu_ui_format_date_time (g_ascii_strtoll (detail, NULL, 10));

      /* Translators: %s is a date and time */
      return g_strdup_printf (_("Snoozed until %s"), until);
    }
  if (g_str_equal (kind, "unsnooze"))
    return g_strdup (_("Snooze cancelled"));
  if (g_str_equal (kind, "woke"))
    return g_strdup (_("Back from snooze"));

  return NULL;
}

/**
 * kefu_timeline_event_describe:
 * @agents: (nullable): the #KefuAgent list, to name assignees and authors
 *
 * Returns: (transfer full) (nullable): one line for the timeline, or %NULL
 *   for events the timeline does not show
 */
char *
kefu_timeline_event_describe (const KefuTicketEvent *event,
                              GListModel            *agents)
{
  g_autofree char *what = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  what = describe_what (event, agents);
  if (what == NULL)
    return NULL;

  when = kefu_ui_format_date_time (event->created_at);
  if (event->agent_name != NULL && *event->agent_name != '\0')
    /* Translators: %1$s is what happened, %2$s who did it, %3$s when */
    return g_strdup_printf (_("%1$s · %2$s · %3$s"), what, event->agent_name, when);

  /* Translators: %1$s is what happened, %2$s when */
  return g_strdup_printf (_("%1$s · %2$s"), what, when);
}
