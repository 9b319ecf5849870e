/* kefu-customer-profile.c: one customer: who they are, notes, and every ticket.
 *
 * Name, company and notes are edited in place and saved together; the
 * identities (addresses, numbers, chat visitors) come from the channels and
 * are shown as they are. The history lists the customer's tickets across
 * every channel, newest first; activating one opens it in the Inbox.
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
  AdwEntryRow   *name_row;
  GtkTextView   *notes_view;
  GtkButton     *save_button;
  GtkStack      *stack;

  /* owned */
  KefuStore     *store;
  KefuCustomer  *customer;
  GListStore    *tickets;
  GCancellable  *cancellable;

  gint64         customer_id;
  gboolean       saving;
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
    }
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
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, name_row);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, notes_view);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, save_button);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerProfile, stack);

  gtk_widget_class_install_action (widget_class, "profile.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "profile.open-ticket", "x", open_ticket_action);

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
