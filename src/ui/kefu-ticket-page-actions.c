/* kefu-ticket-page-actions.c: what can be done to the open ticket, and its keys.
 *
 * The ticket.* actions live on the page; its single-letter shortcuts are
 * managed by the window, so they work wherever the focus is in it except
 * where typing goes (a text field takes its letters first).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-composer.h"
#include "kefu-enums.h"
#include "kefu-ticket-controls.h"
#include "kefu-ticket-page-private.h"

static void
reply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KefuTicketPage *self = KEFU_TICKET_PAGE (widget);

  if (kefu_ticket_page_get_ticket (self) != NULL)
    kefu_composer_start (kefu_ticket_page_get_composer (self), g_str_equal (action_name, "ticket.note"));
}

static void
set_status (KefuTicketPage   *self,
            KefuTicketStatus  status)
{
  kefu_ticket_controls_set_status (kefu_ticket_page_get_controls (self), status);
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (KEFU_TICKET_PAGE (widget),
              g_str_equal (action_name, "ticket.close") ? KEFU_TICKET_STATUS_CLOSED : KEFU_TICKET_STATUS_RESOLVED);
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  int status;

  if (kefu_enum_from_nick (KEFU_TYPE_TICKET_STATUS, g_variant_get_string (parameter, NULL), &status))
    set_status (KEFU_TICKET_PAGE (widget), (KefuTicketStatus) status);
}

static void
set_priority_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  int priority;

  if (kefu_enum_from_nick (KEFU_TYPE_PRIORITY, g_variant_get_string (parameter, NULL), &priority))
    kefu_ticket_controls_set_priority (kefu_ticket_page_get_controls (KEFU_TICKET_PAGE (widget)),
                                       (KefuPriority) priority);
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kefu_ticket_controls_set_assignee (kefu_ticket_page_get_controls (KEFU_TICKET_PAGE (widget)),
                                     g_variant_get_int64 (parameter));
}

static void
tag_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KefuTicketControls *controls = kefu_ticket_page_get_controls (KEFU_TICKET_PAGE (widget));
  const char *tag = g_variant_get_string (parameter, NULL);

  if (g_str_equal (action_name, "ticket.add-tag"))
    kefu_ticket_controls_add_tag (controls, tag);
  else
    kefu_ticket_controls_remove_tag (controls, tag);
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gint64 until = g_variant_get_int64 (parameter);

  if (until >= 0)
    kefu_ticket_controls_snooze (kefu_ticket_page_get_controls (KEFU_TICKET_PAGE (widget)), until);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  kefu_ticket_controls_undo (kefu_ticket_page_get_controls (KEFU_TICKET_PAGE (widget)));
}

void
_kefu_ticket_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "ticket.reply", NULL, reply_action);
  gtk_widget_class_install_action (widget_class, "ticket.note", NULL, reply_action);
  gtk_widget_class_install_action (widget_class, "ticket.resolve", NULL, resolve_action);
  gtk_widget_class_install_action (widget_class, "ticket.close", NULL, resolve_action);
  gtk_widget_class_install_action (widget_class, "ticket.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "ticket.set-priority", "s", set_priority_action);
  gtk_widget_class_install_action (widget_class, "ticket.assign", "x", assign_action);
  gtk_widget_class_install_action (widget_class, "ticket.add-tag", "s", tag_action);
  gtk_widget_class_install_action (widget_class, "ticket.remove-tag", "s", tag_action);
  gtk_widget_class_install_action (widget_class, "ticket.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "ticket.snooze", "x", snooze_action);
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              const char            *action_name)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                                          gtk_named_action_new (action_name)));
}

void
_kefu_ticket_page_init_shortcuts (KefuTicketPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* Managed: the window handles them for the page, in the bubble phase, so
   * a focused text field has already taken its letters. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  gtk_event_controller_set_name (controller, "kefu-ticket-shortcuts");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_r, "ticket.reply");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_n, "ticket.note");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_e, "ticket.resolve");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
