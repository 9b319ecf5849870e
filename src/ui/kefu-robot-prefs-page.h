/* kefu-robot-prefs-page.h: the robot's page in Preferences: on or off, thresholds, mail accounts, rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "kefu-rule-editor.h"
#include "kefu-runtime.h"
#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_ROBOT_PREFS_PAGE (kefu_robot_prefs_page_get_type ())
G_DECLARE_FINAL_TYPE (KefuRobotPrefsPage, kefu_robot_prefs_page, KEFU, ROBOT_PREFS_PAGE, AdwPreferencesPage)

AdwPreferencesPage *kefu_robot_prefs_page_new             (KefuStore          *store,
                                                           KefuRuntime        *runtime);
gboolean            kefu_robot_prefs_page_get_loaded      (KefuRobotPrefsPage *self);
gboolean            kefu_robot_prefs_page_get_busy        (KefuRobotPrefsPage *self);
guint               kefu_robot_prefs_page_get_n_rules     (KefuRobotPrefsPage *self);
JsonNode           *kefu_robot_prefs_page_get_rule        (KefuRobotPrefsPage *self,
                                                           guint               position);
KefuRuleEditor     *kefu_robot_prefs_page_get_rule_editor (KefuRobotPrefsPage *self);
void                kefu_robot_prefs_page_save_rule       (KefuRobotPrefsPage *self,
                                                           int                 position,
                                                           JsonNode           *rule);

G_END_DECLS
