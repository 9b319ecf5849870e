/* kefu-search-dialog.c: the global search (Ctrl+K) over tickets, messages and customers.
 *
 * Results come as you type: the text is parsed into words and filters
 * (kefu-search-query.c) and searched on a store reader thread. A newer
 * keystroke cancels the search on its way, and an answer for older text is
 * dropped, so what is shown always matches what is typed. Choosing a result
 * opens it in the window and closes the search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-search-dialog.h"
#include "kefu-store-inbox.h"
#include "kefu-ui-format.h"

#define MAX_RESULTS 8

typedef enum
{
  RESULT_TICKET,
  RESULT_MESSAGE,
  RESULT_CUSTOMER,
} ResultKind;

struct _KefuSearchDialog
{
  AdwWindow          parent_instance;

  /* widgets */
  GtkSearchEntry    *entry;
  GtkListBox        *list;
  GtkStack          *stack;
  AdwStatusPage     *empty_page;

  /* owned */
  KefuStore         *store;
  GCancellable      *cancellable;
  KefuSearchResults *results;
  char              *asked;       /* the text of the search on its way */
  char              *answered;    /* the text the results are for */

  guint              serial;
  gboolean           loading;
};

G_DEFINE_FINAL_TYPE (KefuSearchDialog, kefu_search_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  KefuSearchDialog *self;
  guint             serial;
  char             *text;
} Request;

static void
request_free (Request *request)
{
  g_free (request->text);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static GtkWidget *
section_header (const char *title)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);

  return label;
}

static void
add_result (KefuSearchDialog *self,
            ResultKind        kind,
            gint64            id,
            const char       *icon_name,
            const char       *title,
            const char       *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Everything shown here came from customers: plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL && *title != '\0' ? title : _("(No subject)"));
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_title_lines (row, 2);
  adw_action_row_set_subtitle_lines (row, 2);
  adw_action_row_add_prefix (row, gtk_image_new_from_icon_name (icon_name));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "kefu-result-kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (row), "kefu-result-id", g_memdup2 (&id, sizeof id), g_free);
  gtk_list_box_append (self->list, GTK_WIDGET (row));
}

static void
add_section (KefuSearchDialog *self,
             const char       *title)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), section_header (title));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_append (self->list, row);
}

static void
show_results (KefuSearchDialog *self)
{
  KefuSearchResults *results = self->results;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (results == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }
  if (results->tickets->len == 0 && results->messages->len == 0 && results->customers->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (results->tickets->len > 0)
    add_section (self, _("Tickets"));
  for (guint i = 0; i < results->tickets->len; i++)
    {
      KefuTicket *ticket = g_ptr_array_index (results->tickets, i);
      g_autofree char *number = kefu_ui_format_ticket_number (kefu_ticket_get_number (ticket));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", number,
                                                   kefu_ticket_get_customer_name (ticket) ? kefu_ticket_get_customer_name (ticket) : "",
                                                   kefu_ui_status_label (kefu_ticket_get_status (ticket)));

      add_result (self, RESULT_TICKET, kefu_ticket_get_id (ticket),
                  kefu_ui_channel_icon_name (kefu_ticket_get_channel (ticket)),
                  kefu_ticket_get_subject (ticket), subtitle);
    }

  if (results->messages->len > 0)
    add_section (self, _("Messages"));
  for (guint i = 0; i < results->messages->len; i++)
    {
      KefuSearchHit *hit = g_ptr_array_index (results->messages, i);
      g_autofree char *number = kefu_ui_format_ticket_number (hit->ticket_number);
      g_autofree char *snippet = kefu_ui_clip_text (hit->snippet, 300);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", number, hit->author ? hit->author : "",
                                                   hit->subject ? hit->subject : "");

      add_result (self, RESULT_MESSAGE, hit->ticket_id, "mail-unread-symbolic", snippet, subtitle);
    }

  if (results->customers->len > 0)
    add_section (self, _("Customers"));
  for (guint i = 0; i < results->customers->len; i++)
    {
      KefuCustomer *customer = g_ptr_array_index (results->customers, i);
      GPtrArray *identities = kefu_customer_get_identities (customer);
      const char *first = identities != NULL && identities->len > 0
                          ? kefu_identity_get_value (g_ptr_array_index (identities, 0)) : NULL;

      add_result (self, RESULT_CUSTOMER, kefu_customer_get_id (customer), "avatar-default-symbolic",
                  kefu_customer_get_name (customer), first);
    }

  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (Request) request = user_data;
  KefuSearchDialog *self = request->self;
  g_autoptr (KefuSearchResults) results = NULL;
  g_autoptr (GError) error = NULL;

  results = kefu_store_search_finish (KEFU_STORE (object), result, &error);
  /* Typed on since: this answer is for text no longer there. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || request->serial != self->serial)
    return;

  self->loading = FALSE;
  if (error != NULL)
    {
      adw_status_page_set_description (self->empty_page, error->message);
      g_clear_pointer (&self->results, kefu_search_results_free);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  g_clear_pointer (&self->results, kefu_search_results_free);
  self->results = g_steal_pointer (&results);
  g_free (self->answered);
  self->answered = g_strdup (request->text);
  adw_status_page_set_description (self->empty_page, _("Try other words, or fewer filters."));
  show_results (self);
}

static void
start_search (KefuSearchDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr (KefuSearchQuery) query = NULL;
  Request *request;

  if (g_strcmp0 (text, self->asked) == 0)
    return;
  g_free (self->asked);
  self->asked = g_strdup (text);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->serial++;

  query = kefu_search_query_parse (text);
  if (self->store == NULL || kefu_search_query_is_empty (query))
    {
      self->loading = FALSE;
      g_clear_pointer (&self->results, kefu_search_results_free);
      g_free (self->answered);
      self->answered = g_strdup (text);
      show_results (self);
      return;
    }

  self->loading = TRUE;
  request = g_new0 (Request, 1);
  request->self = self;
  request->serial = self->serial;
  request->text = g_strdup (text);
  kefu_store_search_async (self->store, query, MAX_RESULTS, self->cancellable, search_cb, request);
}

static void
on_search_changed (KefuSearchDialog *self)
{
  start_search (self);
}

static void
open_result (KefuSearchDialog *self,
             GtkListBoxRow    *row)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  ResultKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kefu-result-kind"));
  gint64 *id = g_object_get_data (G_OBJECT (row), "kefu-result-id");

  if (parent == NULL || id == NULL)
    return;

  if (kind == RESULT_CUSTOMER)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-customer", "x", *id);
  else
    {
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-view", "s", "inbox");
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-ticket", "x", *id);
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_row_activated (KefuSearchDialog *self,
                  GtkListBoxRow    *row)
{
  open_result (self, row);
}

/* Enter in the entry opens the first result. */
static void
on_activate (KefuSearchDialog *self)
{
  kefu_search_dialog_activate_first (self);
}

static void
on_stop_search (KefuSearchDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
kefu_search_dialog_dispose (GObject *object)
{
  KefuSearchDialog *self = KEFU_SEARCH_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->results, kefu_search_results_free);

  G_OBJECT_CLASS (kefu_search_dialog_parent_class)->dispose (object);
}

static void
kefu_search_dialog_finalize (GObject *object)
{
  KefuSearchDialog *self = KEFU_SEARCH_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->asked);
  g_free (self->answered);

  G_OBJECT_CLASS (kefu_search_dialog_parent_class)->finalize (object);
}

static void
kefu_search_dialog_class_init (KefuSearchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_search_dialog_dispose;
  object_class->finalize = kefu_search_dialog_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kefu_search_dialog_init (KefuSearchDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *hint = adw_status_page_new ();

  self->cancellable = g_cancellable_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Search"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  g_object_set (self->entry, "placeholder-text", _("Search tickets, messages and customers"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search everything"), -1);
  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "stop-search", G_CALLBACK (on_stop_search), self, G_CONNECT_SWAPPED);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), header);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search results"), -1);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (hint), "system-search-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (hint), _("Search Everything"));
  adw_status_page_set_description (ADW_STATUS_PAGE (hint),
                                   _("Type words to find, or narrow with from:, channel:, status:, tag: and #1234."));
  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
  adw_status_page_set_title (self->empty_page, _("No Results"));
  adw_status_page_set_description (self->empty_page, _("Try other words, or fewer filters."));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, hint, "hint");
  gtk_stack_add_named (self->stack, scroller, "results");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_search_entry_set_key_capture_widget (self->entry, GTK_WIDGET (self));
}

/**
 * kefu_search_dialog_new:
 * @parent: the window results open in
 *
 * Returns: (transfer floating): the search, not yet presented
 */
KefuSearchDialog *
kefu_search_dialog_new (GtkWindow *parent,
                        KefuStore *store)
{
  KefuSearchDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KEFU_IS_STORE (store), NULL);

  self = g_object_new (KEFU_TYPE_SEARCH_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);

  return self;
}

/* Types @text, as a person would; the search starts at once. */
void
kefu_search_dialog_search (KefuSearchDialog *self,
                           const char       *text)
{
  g_return_if_fail (KEFU_IS_SEARCH_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  start_search (self);
}

gboolean
kefu_search_dialog_get_loading (KefuSearchDialog *self)
{
  g_return_val_if_fail (KEFU_IS_SEARCH_DIALOG (self), FALSE);

  return self->loading;
}

/**
 * kefu_search_dialog_get_results:
 *
 * Returns: (transfer none) (nullable): what is shown
 */
const KefuSearchResults *
kefu_search_dialog_get_results (KefuSearchDialog *self)
{
  g_return_val_if_fail (KEFU_IS_SEARCH_DIALOG (self), NULL);

  return self->results;
}

/* The text the shown results are for. */
const char *
kefu_search_dialog_get_answered (KefuSearchDialog *self)
{
  g_return_val_if_fail (KEFU_IS_SEARCH_DIALOG (self), NULL);

  return self->answered;
}

/* Opens the first result, as Enter does; FALSE when there is none. */
gboolean
kefu_search_dialog_activate_first (KefuSearchDialog *self)
{
  g_return_val_if_fail (KEFU_IS_SEARCH_DIALOG (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (child)))
      {
        open_result (self, GTK_LIST_BOX_ROW (child));
        return TRUE;
      }

  return FALSE;
}
