/* kefu-merge-popover.c: choosing the ticket the open one merges into.
 *
 * It first offers the customer's other tickets, the usual duplicates;
 * typing searches every ticket (words, #1024, from:, …) off the main thread,
 * and an answer to older text is dropped. Choosing one activates
 * ticket.merge-into on the page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kefu-merge-popover.h"
#include "kefu-store-inbox.h"
#include "kefu-ui-format.h"

#define MAX_CANDIDATES 20

struct _KefuMergePopover
{
  GtkPopover      parent_instance;

  /* widgets */
  GtkLabel       *description;
  GtkSearchEntry *entry;
  GtkListBox     *list;
  GtkStack       *stack;

  /* owned */
  KefuStore      *store;
  KefuTicket     *ticket;
  GListStore     *candidates;
  GCancellable   *cancellable;

  gboolean        loading;
};

G_DEFINE_FINAL_TYPE (KefuMergePopover, kefu_merge_popover, GTK_TYPE_POPOVER)

static void
show_candidates (KefuMergePopover *self,
                 GPtrArray        *tickets)
{
  gint64 own_id = self->ticket != NULL ? kefu_ticket_get_id (self->ticket) : 0;

  g_list_store_remove_all (self->candidates);
  for (guint i = 0; tickets != NULL && i < tickets->len; i++)
    {
      KefuTicket *ticket = g_ptr_array_index (tickets, i);

      if (kefu_ticket_get_id (ticket) != own_id)
        g_list_store_append (self->candidates, ticket);
    }

  self->loading = FALSE;
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->candidates)) > 0 ? "list" : "empty");
}

static void
list_tickets_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KefuMergePopover *self = user_data;
  g_autoptr (GPtrArray) tickets = NULL;
  g_autoptr (GError) error = NULL;

  tickets = kefu_store_list_tickets_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_debug ("Merge candidates not listed: %s", error->message);

  show_candidates (self, tickets);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KefuMergePopover *self = user_data;
  g_autoptr (KefuSearchResults) results = NULL;
  g_autoptr (GError) error = NULL;

  results = kefu_store_search_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_debug ("Merge search failed: %s", error->message);

  show_candidates (self, results != NULL ? results->tickets : NULL);
}

static void
reload (KefuMergePopover *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr (KefuSearchQuery) query = kefu_search_query_parse (text);

  /* Only the newest text's answer counts. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->store == NULL || self->ticket == NULL)
    return;

  self->loading = TRUE;
  if (kefu_search_query_is_empty (query))
    {
      g_autoptr (KefuQuery) customer_query = kefu_query_new (KEFU_VIEW_ALL);

      customer_query->customer_id = kefu_ticket_get_customer_id (self->ticket);
      kefu_store_list_tickets_async (self->store, customer_query, NULL, MAX_CANDIDATES,
                                     self->cancellable, list_tickets_cb, self);
    }
  else
    kefu_store_search_async (self->store, query, MAX_CANDIDATES, self->cancellable, search_cb, self);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  KefuTicket *ticket = item;
  g_autofree char *number = kefu_ui_format_ticket_number (kefu_ticket_get_number (ticket));
  g_autofree char *subtitle = NULL;
  const char *subject = kefu_ticket_get_subject (ticket);
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  subtitle = g_strdup_printf ("%s · %s · %s", number, kefu_ticket_get_customer_name (ticket) ? kefu_ticket_get_customer_name (ticket) : "",
                              kefu_ui_status_label (kefu_ticket_get_status (ticket)));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 subject != NULL && *subject != '\0' ? subject : _("(No subject)"));
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_add_prefix (row, gtk_image_new_from_icon_name (kefu_ui_channel_icon_name (kefu_ticket_get_channel (ticket))));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "ticket.merge-into");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", kefu_ticket_get_id (ticket));

  return GTK_WIDGET (row);
}

static void
on_row_activated (KefuMergePopover *self,
                  GtkListBoxRow    *row,
                  GtkListBox       *list)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_search_changed (KefuMergePopover *self,
                   GtkSearchEntry   *entry)
{
  reload (self);
}

static void
on_show (KefuMergePopover *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  reload (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
kefu_merge_popover_dispose (GObject *object)
{
  KefuMergePopover *self = KEFU_MERGE_POPOVER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->ticket);
  g_clear_object (&self->candidates);

  G_OBJECT_CLASS (kefu_merge_popover_parent_class)->dispose (object);
}

static void
kefu_merge_popover_finalize (GObject *object)
{
  KefuMergePopover *self = KEFU_MERGE_POPOVER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kefu_merge_popover_parent_class)->finalize (object);
}

static void
kefu_merge_popover_class_init (KefuMergePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_merge_popover_dispose;
  object_class->finalize = kefu_merge_popover_finalize;
}

static void
kefu_merge_popover_init (KefuMergePopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = gtk_label_new (_("Merge Into Another Ticket"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *empty = gtk_label_new (_("No other tickets found"));

  self->cancellable = g_cancellable_new ();
  self->candidates = g_list_store_new (KEFU_TYPE_TICKET);

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (box), title);

  self->description = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->description, TRUE);
  gtk_label_set_xalign (self->description, 0);
  gtk_label_set_max_width_chars (self->description, 40);
  gtk_widget_add_css_class (GTK_WIDGET (self->description), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->description));

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->entry, "placeholder-text", _("Search tickets, or #number"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search for the ticket to merge into"), -1);
  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tickets to merge into"), -1);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->candidates), create_row, NULL, NULL);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);

  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, scroller, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  gtk_widget_set_size_request (box, 320, -1);
  gtk_popover_set_child (GTK_POPOVER (self), box);
  g_signal_connect (self, "show", G_CALLBACK (on_show), NULL);
}

GtkWidget *
kefu_merge_popover_new (void)
{
  return g_object_new (KEFU_TYPE_MERGE_POPOVER, NULL);
}

void
kefu_merge_popover_set_store (KefuMergePopover *self,
                              KefuStore        *store)
{
  g_return_if_fail (KEFU_IS_MERGE_POPOVER (self));

  g_set_object (&self->store, store);
}

/* The ticket that merges away; the list leaves it out. */
void
kefu_merge_popover_set_ticket (KefuMergePopover *self,
                               KefuTicket       *ticket)
{
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (KEFU_IS_MERGE_POPOVER (self));

  g_set_object (&self->ticket, ticket);
  if (ticket == NULL)
    return;

  number = kefu_ui_format_ticket_number (kefu_ticket_get_number (ticket));
  /* Translators: %1$s and %2$s are both the same ticket number, like #1024 */
  text = g_strdup_printf (_("The messages of %1$s move into the ticket you choose, and %2$s is closed."),
                          number, number);
  gtk_label_set_text (self->description, text);
}

/* Types @text into the search, as a person would. */
void
kefu_merge_popover_search (KefuMergePopover *self,
                           const char       *text)
{
  g_return_if_fail (KEFU_IS_MERGE_POPOVER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  reload (self);
}

/**
 * kefu_merge_popover_get_model:
 *
 * Returns: (transfer none): the #KefuTicket candidates
 */
GListModel *
kefu_merge_popover_get_model (KefuMergePopover *self)
{
  g_return_val_if_fail (KEFU_IS_MERGE_POPOVER (self), NULL);

  return G_LIST_MODEL (self->candidates);
}

gboolean
kefu_merge_popover_get_loading (KefuMergePopover *self)
{
  g_return_val_if_fail (KEFU_IS_MERGE_POPOVER (self), FALSE);

  return self->loading;
}
