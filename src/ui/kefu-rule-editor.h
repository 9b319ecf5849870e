/* kefu-rule-editor.h: the window where one robot rule is written or changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KEFU_TYPE_RULE_EDITOR (kefu_rule_editor_get_type ())
G_DECLARE_FINAL_TYPE (KefuRuleEditor, kefu_rule_editor, KEFU, RULE_EDITOR, AdwWindow)

KefuRuleEditor *kefu_rule_editor_new      (GtkWindow       *parent,
                                           GPtrArray       *accounts,
                                           GPtrArray       *agents);
void            kefu_rule_editor_set_rule (KefuRuleEditor  *self,
                                           JsonNode        *rule);
JsonNode       *kefu_rule_editor_dup_rule (KefuRuleEditor  *self,
                                           GError         **error);

G_END_DECLS
