/* kefu-identity.c: one way to reach a customer (an address, a number, a chat visitor).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-identity.h"

struct _KefuIdentity
{
  GObject             parent_instance;

  KefuIdentityFields  fields;
  char               *value;
  char               *display;
};

G_DEFINE_FINAL_TYPE (KefuIdentity, kefu_identity, G_TYPE_OBJECT)

static void
kefu_identity_finalize (GObject *object)
{
  KefuIdentity *self = (KefuIdentity *)object;

  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->display, g_free);

  G_OBJECT_CLASS (kefu_identity_parent_class)->finalize (object);
}

static void
kefu_identity_class_init (KefuIdentityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kefu_identity_finalize;
}

static void
kefu_identity_init (KefuIdentity *self)
{
}

/**
 * kefu_identity_new:
 * @fields: the identity's values; strings are copied
 *
 * Returns: (transfer full): a read-only identity. Any thread.
 */
KefuIdentity *
kefu_identity_new (const KefuIdentityFields *fields)
{
  KefuIdentity *self;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->value != NULL, NULL);

  self = g_object_new (KEFU_TYPE_IDENTITY, NULL);
  self->fields = *fields;
  self->fields.value = self->value = g_strdup (fields->value);
  self->fields.display = self->display = g_strdup (fields->display ? fields->display : fields->value);

  return self;
}

#define IDENTITY_GETTER(type, name) \
  type kefu_identity_get_##name (KefuIdentity *self) \
  { \
    g_return_val_if_fail (KEFU_IS_IDENTITY (self), (type)0); \
    return self->fields.name; \
  }

IDENTITY_GETTER (gint64, id)
IDENTITY_GETTER (gint64, customer_id)
IDENTITY_GETTER (KefuIdentityKind, kind)
IDENTITY_GETTER (const char *, value)
IDENTITY_GETTER (const char *, display)
IDENTITY_GETTER (gint64, created_at)
