/* kefu-customers-page.c: every customer, searchable, beside one's profile.
 *
 * The list pages from the store by key (newest customer first, PAGE_SIZE at
 * a time) as the person scrolls to its end; a search starts it over with
 * the store's full-text match on names, companies and addresses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kefu-customer-profile.h"
#include "kefu-customers-page.h"

#define PAGE_SIZE 100

struct _KefuCustomersPage
{
  GtkWidget            parent_instance;

  /* template widgets */
  AdwLeaflet          *leaflet;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  KefuCustomerProfile *profile;
  GtkSearchEntry      *search_entry;

  /* owned */
  KefuStore           *store;
  GListStore          *customers;
  GtkSingleSelection  *selection;
  GCancellable        *cancellable;
  char                *text;

  gboolean             loading;
  gboolean             exhausted;
};

G_DEFINE_FINAL_TYPE (KefuCustomersPage, kefu_customers_page, GTK_TYPE_WIDGET)

static void
update_stack (KefuCustomersPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->customers));

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack, self->loading ? "loading" : "empty");
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KefuCustomersPage *self = user_data;
  g_autoptr (GPtrArray) customers = NULL;
  g_autoptr (GError) error = NULL;

  customers = kefu_store_list_customers_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (error != NULL)
    {
      g_debug ("Customers not listed: %s", error->message);
      self->exhausted = TRUE;
      update_stack (self);
      return;
    }

  self->exhausted = customers->len < PAGE_SIZE;
  g_list_store_splice (self->customers, g_list_model_get_n_items (G_LIST_MODEL (self->customers)), 0,
                       customers->pdata, customers->len);
  update_stack (self);
}

static void
load_more (KefuCustomersPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->customers));
  gint64 before_id = 0;

  if (self->store == NULL || self->loading || self->exhausted)
    return;

  if (n_items > 0)
    {
      g_autoptr (KefuCustomer) last = g_list_model_get_item (G_LIST_MODEL (self->customers), n_items - 1);

      before_id = kefu_customer_get_id (last);
    }

  self->loading = TRUE;
  kefu_store_list_customers_async (self->store, self->text, before_id, PAGE_SIZE,
                                   self->cancellable, list_cb, self);
  update_stack (self);
}

static void
reload (KefuCustomersPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = FALSE;
  self->exhausted = FALSE;
  g_list_store_remove_all (self->customers);
  load_more (self);
}

static void
on_edge_reached (KefuCustomersPage *self,
                 GtkPositionType    position,
                 GtkScrolledWindow *scroller)
{
  if (position == GTK_POS_BOTTOM)
    load_more (self);
}

static void
on_search_changed (KefuCustomersPage *self,
                   GtkSearchEntry    *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  kefu_customers_page_search (self, text);
}

static void
on_selection_changed (KefuCustomersPage  *self,
                      guint               position,
                      guint               n_items,
                      GtkSingleSelection *selection)
{
  KefuCustomer *customer = gtk_single_selection_get_selected_item (selection);

  if (customer == NULL)
    return;

  kefu_customer_profile_set_customer_id (self->profile, kefu_customer_get_id (customer));
  /* Narrow, the profile takes the place of the list. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "profile");
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KefuCustomersPage *self = KEFU_CUSTOMERS_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

typedef struct
{
  KefuCustomersPage *self;
  gint64             customer_id;
} Refresh;

/* The list is newest customer first (by id): where @customer_id belongs,
 * or -1 when it is past the loaded pages. */
static int
find_position (KefuCustomersPage *self,
               gint64             customer_id,
               gboolean          *found)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->customers));

  *found = FALSE;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (KefuCustomer) old = g_list_model_get_item (G_LIST_MODEL (self->customers), i);

      if (kefu_customer_get_id (old) == customer_id)
        {
          *found = TRUE;
          return i;
        }
      if (kefu_customer_get_id (old) < customer_id)
        return i;
    }

  return self->exhausted ? (int) n_items : -1;
}

static void
get_customer_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree Refresh *refresh = user_data;
  KefuCustomersPage *self = refresh->self;
  g_autoptr (KefuCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;
  gboolean found;
  int position;

  customer = kefu_store_get_customer_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A customer merged into another is gone; one separated again is back. */
  position = find_position (self, refresh->customer_id, &found);
  if (g_error_matches (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND))
    {
      if (found)
        g_list_store_remove (self->customers, position);
      update_stack (self);
      return;
    }
  if (error != NULL || position < 0 || (!found && self->text != NULL && *self->text != '\0'))
    return;

  g_list_store_splice (self->customers, position, found ? 1 : 0, (gpointer *) &customer, 1);
  update_stack (self);
}

/* A customer shown in the list changed: only their row is read again. */
static void
on_store_changed (KefuCustomersPage *self,
                  KefuChangeSet     *changes,
                  KefuStore         *store)
{
  if (changes->everything)
    {
      reload (self);
      return;
    }

  for (guint i = 0; i < changes->customer_ids->len; i++)
    {
      Refresh *refresh = g_new0 (Refresh, 1);

      refresh->self = self;
      refresh->customer_id = g_array_index (changes->customer_ids, gint64, i);
      kefu_store_get_customer_async (store, refresh->customer_id, self->cancellable, get_customer_cb, refresh);
    }
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  KefuCustomer *customer = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  KefuIdentity *identity = NULL;
  const char *text = kefu_customer_get_company (customer);
  g_autofree char *tickets = NULL;
  g_autofree char *line = NULL;
  guint count = kefu_customer_get_ticket_count (customer);

  if ((text == NULL || *text == '\0') && kefu_customer_get_identities (customer) != NULL &&
      kefu_customer_get_identities (customer)->len > 0)
    {
      identity = g_ptr_array_index (kefu_customer_get_identities (customer), 0);
      text = kefu_identity_get_display (identity);
      if (text == NULL || *text == '\0')
        text = kefu_identity_get_value (identity);
    }

  tickets = g_strdup_printf (ngettext ("%u ticket", "%u tickets", count), count);
  line = text != NULL && *text != '\0' ? g_strdup_printf ("%s · %s", text, tickets) : g_strdup (tickets);
  gtk_label_set_text (GTK_LABEL (name), kefu_customer_get_name (customer));
  gtk_label_set_text (GTK_LABEL (detail), line);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kefu_customer_get_name (customer), -1);
}

static void
kefu_customers_page_dispose (GObject *object)
{
  KefuCustomersPage *self = KEFU_CUSTOMERS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_CUSTOMERS_PAGE);
  /* GTK 4.8 only disposes the template children that have a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->customers);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kefu_customers_page_parent_class)->dispose (object);
}

static void
kefu_customers_page_finalize (GObject *object)
{
  KefuCustomersPage *self = KEFU_CUSTOMERS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (kefu_customers_page_parent_class)->finalize (object);
}

static void
kefu_customers_page_class_init (KefuCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_customers_page_dispose;
  object_class->finalize = kefu_customers_page_finalize;

  g_type_ensure (KEFU_TYPE_CUSTOMER_PROFILE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuCustomersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomersPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomersPage, profile);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomersPage, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_edge_reached);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);

  gtk_widget_class_install_action (widget_class, "customers.back", NULL, back_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "customerspage");
}

static void
kefu_customers_page_init (KefuCustomersPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->customers = g_list_store_new (KEFU_TYPE_CUSTOMER);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->customers)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_stack (self);
}

GtkWidget *
kefu_customers_page_new (void)
{
  return g_object_new (KEFU_TYPE_CUSTOMERS_PAGE, NULL);
}

void
kefu_customers_page_set_store (KefuCustomersPage *self,
                               KefuStore         *store)
{
  g_return_if_fail (KEFU_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (store == NULL || KEFU_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  kefu_customer_profile_set_store (self->profile, store);
  reload (self);
}

/**
 * kefu_customers_page_get_model:
 *
 * Returns: (transfer none): the #KefuCustomer list, as far as it is loaded
 */
GListModel *
kefu_customers_page_get_model (KefuCustomersPage *self)
{
  g_return_val_if_fail (KEFU_IS_CUSTOMERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->customers);
}

gboolean
kefu_customers_page_get_loading (KefuCustomersPage *self)
{
  g_return_val_if_fail (KEFU_IS_CUSTOMERS_PAGE (self), FALSE);

  return self->loading;
}

/* Lists the customers matching @text (names, companies, addresses); NULL or "": all. */
void
kefu_customers_page_search (KefuCustomersPage *self,
                            const char        *text)
{
  g_return_if_fail (KEFU_IS_CUSTOMERS_PAGE (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  reload (self);
}

/* Selects the customer at @position, whose profile then shows. */
void
kefu_customers_page_select (KefuCustomersPage *self,
                            guint              position)
{
  g_return_if_fail (KEFU_IS_CUSTOMERS_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

/**
 * kefu_customers_page_get_profile:
 *
 * Returns: (transfer none): the selected customer's profile
 */
KefuCustomerProfile *
kefu_customers_page_get_profile (KefuCustomersPage *self)
{
  g_return_val_if_fail (KEFU_IS_CUSTOMERS_PAGE (self), NULL);

  return self->profile;
}

/* Shows @customer_id's profile, found elsewhere (the global search). */
void
kefu_customers_page_show_customer (KefuCustomersPage *self,
                                   gint64             customer_id)
{
  g_return_if_fail (KEFU_IS_CUSTOMERS_PAGE (self));

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  kefu_customer_profile_set_customer_id (self->profile, customer_id);
  /* Also when not folded yet (the page may not be laid out): once narrow,
   * the profile is what shows. */
  adw_leaflet_set_visible_child_name (self->leaflet, "profile");
}
