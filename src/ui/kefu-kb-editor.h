/* kefu-kb-editor.h: the window where one knowledge-base entry is written or changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kefu-kb-entry.h"

G_BEGIN_DECLS

#define KEFU_TYPE_KB_EDITOR (kefu_kb_editor_get_type ())
G_DECLARE_FINAL_TYPE (KefuKbEditor, kefu_kb_editor, KEFU, KB_EDITOR, AdwWindow)

KefuKbEditor *kefu_kb_editor_new       (GtkWindow          *parent,
                                        const KefuKbEntry  *entry);
void          kefu_kb_editor_set_entry (KefuKbEditor       *self,
                                        const KefuKbEntry  *entry);
KefuKbEntry  *kefu_kb_editor_dup_entry (KefuKbEditor       *self,
                                        GError            **error);
gboolean      kefu_kb_editor_get_new   (KefuKbEditor       *self);

G_END_DECLS
