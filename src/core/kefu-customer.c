/* kefu-customer.c: a person the shop talks to, with every way to reach them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-customer.h"
#include "kefu-identity.h"

struct _KefuCustomer
{
  GObject             parent_instance;

  KefuCustomerFields  fields;
  GPtrArray          *identities;
  char               *name;
  char               *company;
  char               *notes;
  char               *language;
};

G_DEFINE_FINAL_TYPE (KefuCustomer, kefu_customer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COMPANY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kefu_customer_finalize (GObject *object)
{
  KefuCustomer *self = (KefuCustomer *)object;

  g_clear_pointer (&self->identities, g_ptr_array_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (kefu_customer_parent_class)->finalize (object);
}

static void
kefu_customer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KefuCustomer *self = KEFU_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COMPANY:
      g_value_set_string (value, self->company);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_customer_class_init (KefuCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kefu_customer_finalize;
  object_class->get_property = kefu_customer_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPANY] = g_param_spec_string ("company", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kefu_customer_init (KefuCustomer *self)
{
}

/**
 * kefu_customer_new:
 * @fields: the customer's values; strings are copied
 * @identities: (nullable) (element-type KefuIdentity): referenced
 *
 * Returns: (transfer full): a read-only customer. Any thread.
 */
KefuCustomer *
kefu_customer_new (const KefuCustomerFields *fields,
                   GPtrArray                *identities)
{
  KefuCustomer *self;

  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (KEFU_TYPE_CUSTOMER, NULL);
  self->fields = *fields;
  self->fields.name = self->name = g_strdup (fields->name ? fields->name : "");
  self->fields.company = self->company = g_strdup (fields->company);
  self->fields.notes = self->notes = g_strdup (fields->notes);
  self->fields.language = self->language = g_strdup (fields->language);
  self->identities = identities ? g_ptr_array_ref (identities)
                                : g_ptr_array_new_with_free_func (g_object_unref);

  return self;
}

#define CUSTOMER_GETTER(type, name) \
  type kefu_customer_get_##name (KefuCustomer *self) \
  { \
    g_return_val_if_fail (KEFU_IS_CUSTOMER (self), (type)0); \
    return self->fields.name; \
  }

CUSTOMER_GETTER (gint64, id)
CUSTOMER_GETTER (const char *, name)
CUSTOMER_GETTER (const char *, company)
CUSTOMER_GETTER (const char *, notes)
CUSTOMER_GETTER (const char *, language)
CUSTOMER_GETTER (guint, ticket_count)
CUSTOMER_GETTER (gint64, created_at)
CUSTOMER_GETTER (gint64, updated_at)
CUSTOMER_GETTER (gint64, last_contact_at)

/**
 * kefu_customer_get_identities:
 *
 * Returns: (transfer none) (element-type KefuIdentity): every identity, oldest first
 */
GPtrArray *
kefu_customer_get_identities (KefuCustomer *self)
{
  g_return_val_if_fail (KEFU_IS_CUSTOMER (self), NULL);

  return self->identities;
}

/**
 * kefu_customer_find_identity:
 *
 * Returns: (transfer none) (nullable): the oldest identity of @kind
 */
KefuIdentity *
kefu_customer_find_identity (KefuCustomer     *self,
                             KefuIdentityKind  kind)
{
  g_return_val_if_fail (KEFU_IS_CUSTOMER (self), NULL);

  for (guint i = 0; i < self->identities->len; i++)
    {
      KefuIdentity *identity = g_ptr_array_index (self->identities, i);

      if (kefu_identity_get_kind (identity) == kind)
        return identity;
    }

  return NULL;
}
