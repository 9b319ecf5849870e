/* kefu-agent.h: a person at the shop who answers tickets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-core-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64         id;
  const char    *name;
  const char    *email;
  KefuAgentRole  role;
  gint64         created_at;
} KefuAgentFields;

#define KEFU_TYPE_AGENT (kefu_agent_get_type ())
G_DECLARE_FINAL_TYPE (KefuAgent, kefu_agent, KEFU, AGENT, GObject)

KefuAgent     *kefu_agent_new            (const KefuAgentFields *fields);
gint64         kefu_agent_get_id         (KefuAgent *self);
const char    *kefu_agent_get_name       (KefuAgent *self);
const char    *kefu_agent_get_email      (KefuAgent *self);
KefuAgentRole  kefu_agent_get_role       (KefuAgent *self);
gint64         kefu_agent_get_created_at (KefuAgent *self);

G_END_DECLS
