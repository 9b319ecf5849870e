/* kefu-views.c: the views the sidebar offers, in sidebar order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-views.h"

const KefuViewInfo kefu_views[KEFU_N_VIEWS] = {
  { "inbox", N_("Inbox"), "mail-unread-symbolic", KEFU_VIEW_INBOX,
    N_("New and open tickets appear here.") },
  { "mine", N_("Mine"), "avatar-default-symbolic", KEFU_VIEW_MINE,
    N_("Tickets assigned to you appear here.") },
  { "unassigned", N_("Unassigned"), "system-users-symbolic", KEFU_VIEW_UNASSIGNED,
    N_("Open tickets that nobody has taken appear here.") },
  { "pending", N_("Pending"), "document-open-recent-symbolic", KEFU_VIEW_PENDING,
    N_("Tickets waiting for an answer from the customer appear here.") },
  { "snoozed", N_("Snoozed"), "alarm-symbolic", KEFU_VIEW_SNOOZED,
    N_("Snoozed tickets wait here and come back to the Inbox when their time comes.") },
  { "resolved", N_("Resolved"), "emblem-ok-symbolic", KEFU_VIEW_RESOLVED,
    N_("Resolved tickets appear here.") },
  { "customers", N_("Customers"), "x-office-address-book-symbolic", -1,
    N_("Everyone who wrote, called or chatted with the shop.") },
  { "reports", N_("Reports"), "x-office-presentation-symbolic", -1,
    N_("Reports arrive in a later version of Kefu.") },
  { "knowledge-base", N_("Knowledge Base"), "help-faq-symbolic", -1,
    N_("The questions and answers the robot knows.") },
  { "channels", N_("Channels"), "mail-send-receive-symbolic", -1,
    N_("The mailboxes, website chat and phone lines customers reach the shop through.") },
};

/* The index of the view called @id in kefu_views, or -1. */
int
kefu_view_find (const char *id)
{
  for (guint i = 0; i < KEFU_N_VIEWS; i++)
    if (g_strcmp0 (kefu_views[i].id, id) == 0)
      return (int) i;

  return -1;
}
