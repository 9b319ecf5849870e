/* kefu-kb-page.h: the Knowledge Base page: the robot's questions and answers, edited by the shop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kefu-kb-editor.h"
#include "kefu-knowledge-base.h"
#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_KB_PAGE (kefu_kb_page_get_type ())
G_DECLARE_FINAL_TYPE (KefuKbPage, kefu_kb_page, KEFU, KB_PAGE, GtkWidget)

GtkWidget         *kefu_kb_page_new                (void);
KefuStore         *kefu_kb_page_get_store          (KefuKbPage        *self);
void               kefu_kb_page_set_store          (KefuKbPage        *self,
                                                    KefuStore         *store);
void               kefu_kb_page_reload             (KefuKbPage        *self);
KefuKnowledgeBase *kefu_kb_page_get_knowledge_base (KefuKbPage        *self);
gboolean           kefu_kb_page_get_busy           (KefuKbPage        *self);
guint              kefu_kb_page_get_n_shown        (KefuKbPage        *self);
void               kefu_kb_page_set_search_text    (KefuKbPage        *self,
                                                    const char        *text);
KefuKbEditor      *kefu_kb_page_get_editor         (KefuKbPage        *self);
void               kefu_kb_page_save_entry         (KefuKbPage        *self,
                                                    const KefuKbEntry *entry);
void               kefu_kb_page_import_file        (KefuKbPage        *self,
                                                    GFile             *file);
void               kefu_kb_page_export_file        (KefuKbPage        *self,
                                                    GFile             *file);
void               kefu_kb_page_try                (KefuKbPage        *self,
                                                    const char        *question);
const char        *kefu_kb_page_get_try_result     (KefuKbPage        *self);

G_END_DECLS
