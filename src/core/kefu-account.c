/* kefu-account.c: a configured channel account (a mailbox, a SIP line, the chat server).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-account.h"

struct _KefuAccount
{
  GObject            parent_instance;

  KefuAccountFields  fields;
  char              *name;
  char              *address;
  char              *config;
};

G_DEFINE_FINAL_TYPE (KefuAccount, kefu_account, G_TYPE_OBJECT)

static void
kefu_account_finalize (GObject *object)
{
  KefuAccount *self = (KefuAccount *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->config, g_free);

  G_OBJECT_CLASS (kefu_account_parent_class)->finalize (object);
}

static void
kefu_account_class_init (KefuAccountClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kefu_account_finalize;
}

static void
kefu_account_init (KefuAccount *self)
{
}

/**
 * kefu_account_new:
 * @fields: the account's values; strings are copied
 *
 * Returns: (transfer full): a read-only account. Any thread.
 */
KefuAccount *
kefu_account_new (const KefuAccountFields *fields)
{
  KefuAccount *self;

  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (KEFU_TYPE_ACCOUNT, NULL);
  self->fields = *fields;
  self->fields.name = self->name = g_strdup (fields->name ? fields->name : "");
  self->fields.address = self->address = g_strdup (fields->address ? fields->address : "");
  self->fields.config = self->config = g_strdup (fields->config ? fields->config : "{}");

  return self;
}

#define ACCOUNT_GETTER(type, name) \
  type kefu_account_get_##name (KefuAccount *self) \
  { \
    g_return_val_if_fail (KEFU_IS_ACCOUNT (self), (type)0); \
    return self->fields.name; \
  }

ACCOUNT_GETTER (gint64, id)
ACCOUNT_GETTER (KefuChannelKind, kind)
ACCOUNT_GETTER (const char *, name)
ACCOUNT_GETTER (const char *, address)
ACCOUNT_GETTER (const char *, config)
ACCOUNT_GETTER (gboolean, enabled)
ACCOUNT_GETTER (gint64, created_at)
