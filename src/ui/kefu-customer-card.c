/* kefu-customer-card.c: who the customer is and every way to reach them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kefu-customer-card.h"
#include "kefu-ui-format.h"

struct _KefuCustomerCard
{
  GtkWidget     parent_instance;

  /* template widgets */
  AdwAvatar    *avatar;
  GtkLabel     *company_label;
  GtkBox       *identities_box;
  GtkLabel     *last_contact_label;
  GtkLabel     *name_label;
  GtkLabel     *tickets_label;

  /* owned */
  KefuCustomer *customer;
};

G_DEFINE_FINAL_TYPE (KefuCustomerCard, kefu_customer_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CUSTOMER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
identity_kind_label (KefuIdentityKind kind)
{
  switch (kind)
    {
    case KEFU_IDENTITY_KIND_PHONE:
      return C_("identity", "Phone");
    case KEFU_IDENTITY_KIND_CHAT:
      return C_("identity", "Chat visitor");
    case KEFU_IDENTITY_KIND_EMAIL:
    default:
      return C_("identity", "Email");
    }
}

static void
clear_identities (KefuCustomerCard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->identities_box))) != NULL)
    gtk_box_remove (self->identities_box, child);
}

static void
add_identity (KefuCustomerCard *self,
              KefuIdentity     *identity)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *image = gtk_image_new_from_icon_name (kefu_ui_identity_icon_name (kefu_identity_get_kind (identity)));
  GtkWidget *label = gtk_label_new (NULL);
  const char *display = kefu_identity_get_display (identity);

  if (display == NULL || *display == '\0')
    display = kefu_identity_get_value (identity);

  gtk_widget_set_tooltip_text (image, identity_kind_label (kefu_identity_get_kind (identity)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  identity_kind_label (kefu_identity_get_kind (identity)),
                                  -1);
  gtk_label_set_text (GTK_LABEL (label), display);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (self->identities_box, box);
}

/* Names and companies are what customers typed: set as text, never markup. */
static void
update (KefuCustomerCard *self)
{
  GPtrArray *identities;
  const char *company;
  g_autofree char *tickets = NULL;
  g_autofree char *when = NULL;
  g_autofree char *last = NULL;
  guint count;

  clear_identities (self);
  if (self->customer == NULL)
    {
      adw_avatar_set_text (self->avatar, NULL);
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->company_label, "");
      gtk_label_set_text (self->tickets_label, "");
      gtk_label_set_text (self->last_contact_label, "");
      return;
    }

  adw_avatar_set_text (self->avatar, kefu_customer_get_name (self->customer));
  gtk_label_set_text (self->name_label, kefu_customer_get_name (self->customer));

  company = kefu_customer_get_company (self->customer);
  gtk_label_set_text (self->company_label, company != NULL ? company : "");
  gtk_widget_set_visible (GTK_WIDGET (self->company_label), company != NULL && *company != '\0');

  identities = kefu_customer_get_identities (self->customer);
  for (guint i = 0; identities != NULL && i < identities->len; i++)
    add_identity (self, g_ptr_array_index (identities, i));
  gtk_widget_set_visible (GTK_WIDGET (self->identities_box), identities != NULL && identities->len > 0);

  count = kefu_customer_get_ticket_count (self->customer);
  tickets = g_strdup_printf (ngettext ("%u ticket", "%u tickets", count), count);
  gtk_label_set_text (self->tickets_label, tickets);

  when = kefu_ui_format_relative_time (kefu_customer_get_last_contact_at (self->customer), g_get_real_time ());
  if (*when != '\0')
    /* Translators: %s is a time such as "5 min", "Yesterday" or a date */
    last = g_strdup_printf (_("Last contact: %s"), when);
  gtk_label_set_text (self->last_contact_label, last != NULL ? last : "");
  gtk_widget_set_visible (GTK_WIDGET (self->last_contact_label), last != NULL);
}

static void
kefu_customer_card_dispose (GObject *object)
{
  KefuCustomerCard *self = KEFU_CUSTOMER_CARD (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_CUSTOMER_CARD);
  /* GTK 4.8 only disposes the template children that have a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->customer);

  G_OBJECT_CLASS (kefu_customer_card_parent_class)->dispose (object);
}

static void
kefu_customer_card_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KefuCustomerCard *self = KEFU_CUSTOMER_CARD (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_customer_card_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KefuCustomerCard *self = KEFU_CUSTOMER_CARD (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER:
      kefu_customer_card_set_customer (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_customer_card_class_init (KefuCustomerCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_customer_card_dispose;
  object_class->get_property = kefu_customer_card_get_property;
  object_class->set_property = kefu_customer_card_set_property;

  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         KEFU_TYPE_CUSTOMER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-customer-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerCard, avatar);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerCard, company_label);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerCard, identities_box);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerCard, last_contact_label);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, KefuCustomerCard, tickets_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "customercard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kefu_customer_card_init (KefuCustomerCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kefu_customer_card_new (void)
{
  return g_object_new (KEFU_TYPE_CUSTOMER_CARD, NULL);
}

/**
 * kefu_customer_card_get_customer:
 *
 * Returns: (transfer none) (nullable): the customer shown
 */
KefuCustomer *
kefu_customer_card_get_customer (KefuCustomerCard *self)
{
  g_return_val_if_fail (KEFU_IS_CUSTOMER_CARD (self), NULL);

  return self->customer;
}

void
kefu_customer_card_set_customer (KefuCustomerCard *self,
                                 KefuCustomer     *customer)
{
  g_return_if_fail (KEFU_IS_CUSTOMER_CARD (self));
  g_return_if_fail (customer == NULL || KEFU_IS_CUSTOMER (customer));

  if (!g_set_object (&self->customer, customer))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}
