/* kefu-ticket-page-merge.c: merging the open ticket into another, and Undo.
 *
 * The open ticket's messages move into the chosen one, which then opens;
 * a toast offers Undo, which moves them back and opens the first again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kefu-store-inbox.h"
#include "kefu-ticket-page-private.h"
#include "kefu-toast.h"
#include "kefu-ui-format.h"

typedef struct
{
  KefuTicketPage *self;
  gint64          source_id;
  gint64          target_id;
  gint64          target_number;
} Merge;

static void
undo_clicked_cb (AdwToast       *toast,
                 KefuTicketPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "ticket.undo-merge", NULL);
}

static void
merge_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree Merge *merge = user_data;
  KefuTicketPage *self = merge->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  gint64 merge_id;

  merge_id = kefu_store_merge_tickets_finish (KEFU_STORE (object), result, &error);
  if (error != NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self), error->message);
      g_object_unref (self);
      return;
    }

  _kefu_ticket_page_set_merge (self, merge_id, merge->source_id);

  number = kefu_ui_format_ticket_number (merge->target_number);
  /* Translators: %s is a ticket number, like #1024 */
  title = g_strdup_printf (_("Merged into %s"), number);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  kefu_toast_show (GTK_WIDGET (self), toast);

  /* The conversation now lives in the survivor: show it there. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-ticket", "x", merge->target_id);
  if (kefu_ticket_page_get_ticket_id (self) != merge->target_id)
    kefu_ticket_page_set_ticket_id (self, merge->target_id);
  g_object_unref (self);
}

static void
find_target_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree Merge *merge = user_data;
  KefuTicketPage *self = merge->self;
  g_autoptr (KefuTicket) target = NULL;
  g_autoptr (GError) error = NULL;
  gint64 source_id;
  gint64 target_id;

  target = kefu_store_get_ticket_finish (KEFU_STORE (object), result, &error);
  if (target == NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self), error->message);
      g_object_unref (self);
      return;
    }

  merge->target_number = kefu_ticket_get_number (target);
  source_id = merge->source_id;
  target_id = merge->target_id;
  kefu_store_merge_tickets_async (KEFU_STORE (object), source_id, target_id,
                                  _kefu_ticket_page_get_agent_id (self), NULL, merge_cb,
                                  g_steal_pointer (&merge));
}

static void
merge_into_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KefuTicketPage *self = KEFU_TICKET_PAGE (widget);
  KefuStore *store = kefu_ticket_page_get_store (self);
  KefuTicket *ticket = kefu_ticket_page_get_ticket (self);
  gint64 target_id = g_variant_get_int64 (parameter);
  Merge *merge;

  if (store == NULL || ticket == NULL || target_id <= 0 || target_id == kefu_ticket_get_id (ticket))
    return;

  /* The merge is not cancelled with the page: once asked for, it is made. */
  merge = g_new0 (Merge, 1);
  merge->self = g_object_ref (self);
  merge->source_id = kefu_ticket_get_id (ticket);
  merge->target_id = target_id;
  kefu_store_get_ticket_async (store, target_id, NULL, find_target_cb, merge);
}

static void
unmerge_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (KefuTicketPage) self = user_data;
  g_autoptr (GError) error = NULL;
  gint64 source_id;

  source_id = kefu_store_unmerge_tickets_finish (KEFU_STORE (object), result, &error);
  if (error != NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-ticket", "x", source_id);
  if (kefu_ticket_page_get_ticket_id (self) != source_id)
    kefu_ticket_page_set_ticket_id (self, source_id);
}

static void
undo_merge_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KefuTicketPage *self = KEFU_TICKET_PAGE (widget);
  gint64 merge_id = kefu_ticket_page_get_merge_id (self);

  if (merge_id <= 0 || kefu_ticket_page_get_store (self) == NULL)
    return;

  _kefu_ticket_page_set_merge (self, 0, 0);
  kefu_store_unmerge_tickets_async (kefu_ticket_page_get_store (self), merge_id, NULL, unmerge_cb,
                                    g_object_ref (self));
}

void
_kefu_ticket_page_class_init_merge (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "ticket.merge-into", "x", merge_into_action);
  gtk_widget_class_install_action (widget_class, "ticket.undo-merge", NULL, undo_merge_action);
}
