/* kefu-customer-profile.c: one customer: who they are, notes, and every ticket.
 *
 * Name, company and notes are edited in place and saved together; the
 * identities (addresses, numbers, chat visitors) come from the channels and
 * are shown as they are. The history lists the customer's tickets across
 * every channel, newest first; activating one opens it in the Inbox.
 * Customers who may be the same person (an address given in chat, the same
 * phone number, the same name) are offered for merging; merged profiles are
 * listed and can be separated again by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kefu-customer-profile.h"
#include "kefu-store-inbox.h"
#include "kefu-toast.h"
#include "kefu-ui-format.h"

/* A history longer than this is a job for search. */
#define MAX_HISTORY 200

struct _KefuCustomerProfile
{
  GtkWidget      parent_instance;

  /* template widgets */
  AdwEntryRow   *company_row;
  GtkListBox    *history_list;
  GtkBox        *identities_box;
  GtkListBox    *merges_list;
  GtkWidget     *merges_group;
  AdwEntryRow   *name_row;
  GtkTextView   *notes_view;
  GtkButton     *save_button;
  GtkStack      *stack;
  GtkWidget     *suggestions_group;
  GtkListBox    *suggestions_list;

  /* owned */
  KefuStore     *store;
  KefuCustomer  *customer;
  GListStore    *tickets;
  GCancellable  *cancellable;

  gint64         customer_id;
  gint64         undo_merge_id;
  guint          n_suggestions;
  guint          n_merges;
  gboolean       saving;
  gboolean       merging;
};

G_DEFINE_FINAL_TYPE (KefuCustomerProfile, kefu_customer_profile, GTK_TYPE_WIDGET)

static void
clear_identities (KefuCustomerProfile *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->identities_box))) != NULL)
    gtk_box_remove (self->identities_box, child);
}

static void
show_customer (KefuCustomerProfile *self)
{
  KefuCustomer *customer = self->customer;
  g_autofree char *notes = NULL;
  GPtrArray *identities;

  clear_identities (self);
  if (customer == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, self->customer_id > 0 ? "loading" : "none");
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), kefu_customer_get_name (customer));
  gtk_editable_set_text (GTK_EDITABLE (self->company_row),
                         kefu_customer_get_company (customer) != NULL ? kefu_customer_get_company (customer) : "");
  notes = g_strdup (kefu_customer_get_notes (customer) != NULL ? kefu_customer_get_notes (customer) : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes, -1);

  identities = kefu_customer_get_identities (customer);
  for (guint i = 0; identities != NULL && i < identities->len; i++)
    {
      KefuIdentity *identity = g_ptr_array_index (identities, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      const char *display = kefu_identity_get_display (identity);
      GtkWidget *label = gtk_label_new (display != NULL && *display != '\0' ? display : kefu_identity_get_value (identity));

      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (kefu_ui_identity_icon_name (kefu_identity_get_kind (identity))));
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (self->identities_box, box);
    }

  gtk_stack_set_visible_child_name (self->stack, "customer");
}

static GtkWidget *
create_history_row (gpointer item,
                    gpointer user_data)
{
  KefuTicket *ticket = item;
  g_autofree char *number = kefu_ui_format_ticket_number (kefu_ticket_get_number (ticket));
  g_autofree char *when = kefu_ui_format_date_time (kefu_ticket_get_updated_at (ticket));
  const char *subject = kefu_ticket_get_subject (ticket);
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *status = gtk_label_new (kefu_ui_status_label (kefu_ticket_get_status (ticket)));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", number,
                                               kefu_ui_channel_label (kefu_ticket_get_channel (ticket)), when);

  /* Subjects come from customers: plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 subject != NULL && *subject != '\0' ? subject : _("(No subject)"));
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_add_prefix (row, gtk_image_new_from_icon_name (kefu_ui_channel_icon_name (kefu_ticket_get_channel (ticket))));
  gtk_widget_add_css_class (status, "status-pill");
  gtk_widget_add_css_class (status, kefu_ui_status_css_class (kefu_ticket_get_status (ticket)));
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, status);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "profile.open-ticket");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", kefu_ticket_get_id (ticket));

  return GTK_WIDGET (row);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static const char *
reason_text (KefuMergeReason reason)
{
  switch (reason)
    {
    case KEFU_MERGE_REASON_CHAT_EMAIL:
      return _("Gave this address in chat");
    case KEFU_MERGE_REASON_PHONE:
      return _("Same phone number");
    case KEFU_MERGE_REASON_NAME:
    default:
      return _("Same name");
    }
}

static void
list_suggestions_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  KefuCustomerProfile *self = user_data;
  g_autoptr (GPtrArray) suggestions = NULL;
  g_autoptr (GError) error = NULL;

  suggestions = kefu_store_list_merge_suggestions_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  clear_list (self->suggestions_list);
  self->n_suggestions = 0;
  if (error != NULL)
    g_debug ("Merge suggestions not listed: %s", error->message);

  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    {
      KefuMergeSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Merge"));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", reason_text (suggestion->reason),
                                                   suggestion->detail != NULL ? suggestion->detail : "");
      g_autofree char *label = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), suggestion->customer_name);
      adw_action_row_set_subtitle (row, subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* Translators: %s is a customer's name */
      label = g_strdup_printf (_("Merge %s into this profile"), suggestion->customer_name);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "profile.merge");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", suggestion->customer_id);
      adw_action_row_add_suffix (row, button);
      gtk_list_box_append (self->suggestions_list, GTK_WIDGET (row));
      self->n_suggestions++;
    }

  gtk_widget_set_visible (self->suggestions_group, self->n_suggestions > 0);
}

static void
list_merges_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  KefuCustomerProfile *self = user_data;
  g_autoptr (GPtrArray) merges = NULL;
  g_autoptr (GError) error = NULL;

  merges = kefu_store_list_customer_merges_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  clear_list (self->merges_list);
  self->n_merges = 0;
  if (error != NULL)
    g_debug ("Merged profiles not listed: %s", error->message);

  for (guint i = 0; merges != NULL && i < merges->len; i++)
    {
      KefuCustomerMerge *merge = g_ptr_array_index (merges, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Separate"));
      g_autofree char *when = kefu_ui_format_date_time (merge->created_at);
      g_autofree char *tickets = g_strdup_printf (ngettext ("%u ticket", "%u tickets", merge->n_tickets), merge->n_tickets);
      g_autofree char *subtitle = NULL;
      g_autofree char *label = NULL;

      /* Translators: %1$s is like "3 tickets", %2$s a date and time */
      subtitle = g_strdup_printf (_("%1$s · merged %2$s"), tickets, when);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), merge->source_name);
      adw_action_row_set_subtitle (row, subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* Translators: %s is a customer's name */
      label = g_strdup_printf (_("Separate %s into a profile of their own again"), merge->source_name);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "profile.unmerge");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", merge->id);
      adw_action_row_add_suffix (row, button);
      gtk_list_box_append (self->merges_list, GTK_WIDGET (row));
      self->n_merges++;
    }

  gtk_widget_set_visible (self->merges_group, self->n_merges > 0);
}

static void
load_merges (KefuCustomerProfile *self)
{
  kefu_store_list_merge_suggestions_async (self->store, self->customer_id, self->cancellable,
                                           list_suggestions_cb, self);
  kefu_store_list_customer_merges_async (self->store, self->customer_id, self->cancellable,
                                         list_merges_cb, self);
}

static void
get_customer_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KefuCustomerProfile *self = user_data;
  g_autoptr (KefuCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;

  customer = kefu_store_get_customer_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  g_set_object (&self->customer, customer);
  show_customer (self);
}

static void
list_tickets_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KefuCustomerProfile *self = user_data;
  g_autoptr (GPtrArray) tickets = NULL;
  g_autoptr (GError) error = NULL;

  tickets = kefu_store_list_tickets_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      g_debug ("History of customer %" PRId64 " not listed: %s", self->customer_id, error->message);
      return;
    }

  g_list_store_splice (self->tickets, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tickets)),
                       tickets->pdata, tickets->len);
}

static void
load (KefuCustomerProfile *self)
{
  g_autoptr (KefuQuery) query = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);

  if (self->store == NULL || self->customer_id <= 0)
    return;

  query = kefu_query_new (KEFU_VIEW_ALL);
  query->customer_id = self->customer_id;
  kefu_store_get_customer_async (self->store, self->customer_id, self->cancellable, get_customer_cb, self);
  kefu_store_list_tickets_async (self->store, query, NULL, MAX_HISTORY, self->cancellable, list_tickets_cb, self);
  load_merges (self);
}

static void
on_store_changed (KefuCustomerProfile *self,
                  KefuChangeSet       *changes,
                  KefuStore           *store)
{
  /* Edits in progress are not thrown away by someone else's change. */
  if (self->customer_id > 0 && !self->saving &&
      (changes->everything || kefu_change_set_has_customer (changes, self->customer_id)))
    {
      g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);

      query->customer_id = self->customer_id;
      kefu_store_list_tickets_async (self->store, query, NULL, MAX_HISTORY, self->cancellable, list_tickets_cb, self);
      load_merges (self);
    }
}

/* After a merge or a separation, the addresses shown change: read them
 * again. (Other changes leave the fields alone, which may be being edited.) */
static void
reload_customer (KefuCustomerProfile *self)
{
  if (self->store != NULL && self->customer_id > 0)
    kefu_store_get_customer_async (self->store, self->customer_id, self->cancellable, get_customer_cb, self);
}

static void
unmerge_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (KefuCustomerProfile) self = user_data;
  g_autoptr (GError) error = NULL;

  self->merging = FALSE;
  if (kefu_store_unmerge_customers_finish (KEFU_STORE (object), result, &error) == 0)
    {
      kefu_toast_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  reload_customer (self);
  kefu_toast_show (GTK_WIDGET (self), adw_toast_new (_("Profiles separated")));
}

static void
unmerge (KefuCustomerProfile *self,
         gint64               merge_id)
{
  if (self->store == NULL || merge_id <= 0 || self->merging)
    return;

  self->merging = TRUE;
  kefu_store_unmerge_customers_async (self->store, merge_id, NULL, unmerge_cb, g_object_ref (self));
}

static void
undo_merge_clicked_cb (AdwToast            *toast,
                       KefuCustomerProfile *self)
{
  unmerge (self, self->undo_merge_id);
  self->undo_merge_id = 0;
}

static void
merge_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (KefuCustomerProfile) self = user_data;
  g_autoptr (GError) error = NULL;
  AdwToast *toast;
  gint64 merge_id;

  self->merging = FALSE;
  merge_id = kefu_store_merge_customers_finish (KEFU_STORE (object), result, &error);
  if (merge_id == 0)
    {
      kefu_toast_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  self->undo_merge_id = merge_id;
  reload_customer (self);
  toast = adw_toast_new (_("Profiles merged"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_merge_clicked_cb), self, 0);
  kefu_toast_show (GTK_WIDGET (self), toast);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KefuCustomerProfile *self = KEFU_CUSTOMER_PROFILE (widget);
  gint64 source_id = g_variant_get_int64 (parameter);

  if (self->store == NULL || self->customer_id <= 0 || source_id <= 0 || self->merging)
    return;

  /* Made even if the profile goes away meanwhile: it was asked for. */
  self->merging = TRUE;
  kefu_store_merge_customers_async (self->store, source_id, self->customer_id, NULL, merge_cb,
                                    g_object_ref (self));
}

static void
unmerge_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  unmerge (KEFU_CUSTOMER_PROFILE (widget), g_variant_get_int64 (parameter));
}

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KefuCustomerProfile *self = user_data;
  g_autoptr (KefuCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;

  customer = kefu_store_update_customer_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (error != NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  g_set_object (&self->customer, customer);
  show_customer (self);
  kefu_toast_show (GTK_WIDGET (self), adw_toast_new (_("Customer saved")));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KefuCustomerProfile *self = KEFU_CUSTOMER_PROFILE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *notes = NULL;
  GtkTextIter start;
  GtkTextIter end;

  if (self->store == NULL || self->customer == NULL || self->saving)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  kefu_store_update_customer_async (self->store, self->customer_id,
                                    gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->company_row)),
                                    notes, self->cancellable, update_cb, self);
}

static void
open_ticket_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  /* The ticket opens in the Inbox's ticket pane, whatever view it is in. */
  gtk_widget_activate_action (widget, "win.show-view", "s", "inbox");
  gtk_widget_activate_action_variant (widget, "win.open-ticket", parameter);
}

static void
kefu_customer_profile_dispose (GObject *object)
{
  KefuCustomerProfile *self = KEFU_CUSTOMER_PROFILE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_CUSTOMER_PROFILE);
  /* GTK 4.8 only disposes the template children that have a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->customer);
  g_clear_object (&self->tickets);

  G_OBJECT_CLASS (kefu_customer_profile_parent_class)->dispose (object);
}

static void
kefu_customer_profile_finalize (GObject *object)
{
  KefuCustomerProfile *self = KEFU_CUSTOMER_PROFILE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kefu_customer_profile_parent_class)->finalize (object);
}

static void
kefu_customer_profile_class_init (KefuCustomerProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_customer_profile_dispose;
  object_class->finalize = kefu_customer_profile_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-customer-profile.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, company_row);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, history_list);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, identities_box);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, merges_group);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, merges_list);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, name_row);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, notes_view);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, save_button);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, stack);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, suggestions_group);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, suggestions_list);

  gtk_widget_class_install_action (widget_class, "profile.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "profile.open-ticket", "x", open_ticket_action);
  gtk_widget_class_install_action (widget_class, "profile.merge", "x", merge_action);
  gtk_widget_class_install_action (widget_class, "profile.unmerge", "x", unmerge_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "customerprofile");
}

static void
kefu_customer_profile_init (KefuCustomerProfile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->tickets = g_list_store_new (KEFU_TYPE_TICKET);
  gtk_list_box_bind_model (self->history_list, G_LIST_MODEL (self->tickets), create_history_row, NULL, NULL);
  show_customer (self);
}

GtkWidget *
kefu_customer_profile_new (void)
{
  return g_object_new (KEFU_TYPE_CUSTOMER_PROFILE, NULL);
}

void
kefu_customer_profile_set_store (KefuCustomerProfile *self,
                                 KefuStore           *store)
{
  g_return_if_fail (KEFU_IS_CUSTOMER_PROFILE (self));
  g_return_if_fail (store == NULL || KEFU_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  load (self);
}

/* Shows the customer @customer_id once the store has read them; 0: nobody. */
void
kefu_customer_profile_set_customer_id (KefuCustomerProfile *self,
                                       gint64               customer_id)
{
  g_return_if_fail (KEFU_IS_CUSTOMER_PROFILE (self));

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  g_clear_object (&self->customer);
  g_list_store_remove_all (self->tickets);
  show_customer (self);
  load (self);
}

/**
 * kefu_customer_profile_get_customer:
 *
 * Returns: (transfer none) (nullable): the customer, once read
 */
KefuCustomer *
kefu_customer_profile_get_customer (KefuCustomerProfile *self)
{
  g_return_val_if_fail (KEFU_IS_CUSTOMER_PROFILE (self), NULL);

  return self->customer;
}

/**
 * kefu_customer_profile_get_tickets:
 *
 * Returns: (transfer none): the customer's #KefuTicket history, newest first
 */
GListModel *
kefu_customer_profile_get_tickets (KefuCustomerProfile *self)
{
  g_return_val_if_fail (KEFU_IS_CUSTOMER_PROFILE (self), NULL);

  return G_LIST_MODEL (self->tickets);
}

/* Types into the fields (NULL leaves one as it is) and saves, as a person would. */
void
kefu_customer_profile_edit (KefuCustomerProfile *self,
                            const char          *name,
                            const char          *company,
                            const char          *notes)
{
  g_return_if_fail (KEFU_IS_CUSTOMER_PROFILE (self));

  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  if (company != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->company_row), company);
  if (notes != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes, -1);
  gtk_widget_activate_action (GTK_WIDGET (self), "profile.save", NULL);
}

gboolean
kefu_customer_profile_get_saving (KefuCustomerProfile *self)
{
  g_return_val_if_fail (KEFU_IS_CUSTOMER_PROFILE (self), FALSE);

  return self->saving;
}

/* How many customers are offered for merging, and how many were merged in. */
guint
kefu_customer_profile_get_n_suggestions (KefuCustomerProfile *self)
{
  g_return_val_if_fail (KEFU_IS_CUSTOMER_PROFILE (self), 0);

  return self->n_suggestions;
}

guint
kefu_customer_profile_get_n_merges (KefuCustomerProfile *self)
{
  g_return_val_if_fail (KEFU_IS_CUSTOMER_PROFILE (self), 0);

  return self->n_merges;
}

gboolean
kefu_customer_profile_get_merging (KefuCustomerProfile *self)
{
  g_return_val_if_fail (KEFU_IS_CUSTOMER_PROFILE (self), FALSE);

  return self->merging;
}
