/* kefu-agent.c: a person at the shop who answers tickets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-agent.h"

struct _KefuAgent
{
  GObject          parent_instance;

  KefuAgentFields  fields;
  char            *name;
  char            *email;
};

G_DEFINE_FINAL_TYPE (KefuAgent, kefu_agent, G_TYPE_OBJECT)

static void
kefu_agent_finalize (GObject *object)
{
  KefuAgent *self = (KefuAgent *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (kefu_agent_parent_class)->finalize (object);
}

static void
kefu_agent_class_init (KefuAgentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kefu_agent_finalize;
}

static void
kefu_agent_init (KefuAgent *self)
{
}

/**
 * kefu_agent_new:
 * @fields: the agent's values; strings are copied
 *
 * Returns: (transfer full): a read-only agent. Any thread.
 */
KefuAgent *
kefu_agent_new (const KefuAgentFields *fields)
{
  KefuAgent *self;

  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (KEFU_TYPE_AGENT, NULL);
  self->fields = *fields;
  self->fields.name = self->name = g_strdup (fields->name ? fields->name : "");
  self->fields.email = self->email = g_strdup (fields->email);

  return self;
}

#define AGENT_GETTER(type, name) \
  type kefu_agent_get_##name (KefuAgent *self) \
  { \
    g_return_val_if_fail (KEFU_IS_AGENT (self), (type)0); \
    return self->fields.name; \
  }

AGENT_GETTER (gint64, id)
AGENT_GETTER (const char *, name)
AGENT_GETTER (const char *, email)
AGENT_GETTER (KefuAgentRole, role)
AGENT_GETTER (gint64, created_at)
