/* kefu-assist-bar.h: the robot's suggestions above the composer, one click to insert.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-kb-editor.h"
#include "kefu-kb-entry.h"
#include "kefu-router.h"

G_BEGIN_DECLS

#define KEFU_TYPE_ASSIST_BAR (kefu_assist_bar_get_type ())
G_DECLARE_FINAL_TYPE (KefuAssistBar, kefu_assist_bar, KEFU, ASSIST_BAR, GtkWidget)

GtkWidget         *kefu_assist_bar_new            (void);
KefuRouter        *kefu_assist_bar_get_router     (KefuAssistBar *self);
void               kefu_assist_bar_set_router     (KefuAssistBar *self,
                                                   KefuRouter    *router);
KefuTicket        *kefu_assist_bar_get_ticket     (KefuAssistBar *self);
void               kefu_assist_bar_set_ticket     (KefuAssistBar *self,
                                                   KefuTicket    *ticket);
guint              kefu_assist_bar_get_n_suggestions (KefuAssistBar *self);
const KefuKbEntry *kefu_assist_bar_get_suggestion (KefuAssistBar *self,
                                                   guint          position);
gboolean           kefu_assist_bar_choose         (KefuAssistBar *self,
                                                   guint          position);
gboolean           kefu_assist_bar_get_abstained  (KefuAssistBar *self);
gboolean           kefu_assist_bar_get_busy       (KefuAssistBar *self);
void               kefu_assist_bar_offer_kb_entry (KefuAssistBar *self,
                                                   const char    *answer);
gboolean           kefu_assist_bar_get_offered    (KefuAssistBar *self);
KefuKbEditor      *kefu_assist_bar_add_kb_entry   (KefuAssistBar *self);

G_END_DECLS
