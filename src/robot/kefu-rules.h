/* kefu-rules.h: the shop's rules, run in order on every inbound message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-rule.h"

G_BEGIN_DECLS

#define KEFU_TYPE_RULES (kefu_rules_get_type ())
G_DECLARE_FINAL_TYPE (KefuRules, kefu_rules, KEFU, RULES, GObject)

KefuRules *kefu_rules_new         (void);
gboolean   kefu_rules_load_json   (KefuRules           *self,
                                   const char          *json,
                                   GError             **error);
char      *kefu_rules_to_json     (KefuRules           *self);
guint      kefu_rules_get_n_rules (KefuRules           *self);
KefuRule  *kefu_rules_get_rule    (KefuRules           *self,
                                   guint                position);
GArray    *kefu_rules_evaluate    (KefuRules           *self,
                                   const KefuRuleInput *input,
                                   GPtrArray          **matched_names);

G_END_DECLS
