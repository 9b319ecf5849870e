/* kefu-rule.h: one rule: when an inbound message looks like this, do that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kefu-business-hours.h"
#include "kefu-core-types.h"
#include "kefu-text-analyzer.h"

G_BEGIN_DECLS

#define KEFU_RULE_ERROR (kefu_rule_error_quark ())

typedef enum
{
  KEFU_RULE_ERROR_INVALID,   /* the rule's JSON makes no sense; the message says where */
} KefuRuleError;

GQuark kefu_rule_error_quark (void);

typedef enum
{
  KEFU_RULE_HOURS_ANY,
  KEFU_RULE_HOURS_OPEN,      /* only while the shop is open */
  KEFU_RULE_HOURS_CLOSED,    /* only outside business hours and on holidays */
} KefuRuleHours;

typedef enum
{
  KEFU_RULE_ACTION_REPLY,         /* text: a template ({name}, {ticket}) */
  KEFU_RULE_ACTION_TAG,           /* text: a tag to add */
  KEFU_RULE_ACTION_PRIORITY,      /* number: a KefuPriority */
  KEFU_RULE_ACTION_ASSIGN,        /* number: an agent id */
  KEFU_RULE_ACTION_STATUS,        /* number: a KefuTicketStatus */
  KEFU_RULE_ACTION_HANDOFF,       /* text: the reason, or NULL */
  KEFU_RULE_ACTION_NOTIFY,        /* text: what to tell the agents */
} KefuRuleActionKind;

typedef struct
{
  KefuRuleActionKind  kind;
  char               *text;
  gint64              number;
} KefuRuleAction;

/* What a rule is tested against: one inbound message and its ticket. */
typedef struct
{
  KefuChannelKind     channel;
  gint64              account_id;
  const char         *text;          /* subject and body, as received */
  const char *const  *tags;          /* the ticket's tags (the customer's labels), or NULL */
  gint64              now;           /* when it arrived, g_get_real_time () */
  KefuBusinessHours  *hours;         /* NULL: always open */
} KefuRuleInput;

typedef struct _KefuRule KefuRule;

#define KEFU_TYPE_RULE (kefu_rule_get_type ())
GType       kefu_rule_get_type       (void) G_GNUC_CONST;
KefuRule   *kefu_rule_new_from_json  (JsonNode            *node,
                                      GError             **error);
JsonNode   *kefu_rule_to_json        (const KefuRule      *self);
KefuRule   *kefu_rule_ref            (KefuRule            *self);
void        kefu_rule_unref          (KefuRule            *self);
const char *kefu_rule_get_name       (const KefuRule      *self);
gboolean    kefu_rule_get_enabled    (const KefuRule      *self);
gboolean    kefu_rule_get_stop       (const KefuRule      *self);
GArray     *kefu_rule_get_actions    (const KefuRule      *self);
gboolean    kefu_rule_matches        (const KefuRule      *self,
                                      const KefuRuleInput *input,
                                      const char          *folded_text);
void        kefu_rule_fold_words     (KefuRule            *self,
                                      KefuTextAnalyzer    *analyzer);
char       *kefu_rule_expand_template (const char         *template_text,
                                       const char         *customer_name,
                                       gint64              ticket_number);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuRule, kefu_rule_unref)

G_END_DECLS
