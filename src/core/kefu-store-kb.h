/* kefu-store-kb.h: the robot's knowledge base in the store, so the app and the team share it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Entries cross this seam as JSON in kb.json's format (an array of objects
 * with id, group, lang, question, alternates, answer, tags and, when false,
 * enabled): the core does not know the robot's types, and the format is the
 * one import and export already speak. src/robot turns it into a
 * KefuKnowledgeBase (kefu_knowledge_base_load_json()).
 */

#pragma once

#include "kefu-store.h"

G_BEGIN_DECLS

/* Store settings the robot reads; values are strings. */
#define KEFU_STORE_SETTING_ROBOT_RULES          "robot-rules"
#define KEFU_STORE_SETTING_ROBOT_MIN_CONFIDENCE "robot-min-confidence"
#define KEFU_STORE_SETTING_ROBOT_MIN_MARGIN     "robot-min-margin"

void      kefu_store_list_kb_entries_async  (KefuStore            *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
char     *kefu_store_list_kb_entries_finish (KefuStore            *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void      kefu_store_put_kb_entries_async   (KefuStore            *self,
                                             const char           *json,
                                             gboolean              replace_all,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean  kefu_store_put_kb_entries_finish  (KefuStore            *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void      kefu_store_delete_kb_entry_async  (KefuStore            *self,
                                             const char           *id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean  kefu_store_delete_kb_entry_finish (KefuStore            *self,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
