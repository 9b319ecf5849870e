/* kefu-composer.h: where an agent writes a reply or an internal note.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-canned-picker.h"
#include "kefu-router.h"

G_BEGIN_DECLS

#define KEFU_TYPE_COMPOSER (kefu_composer_get_type ())
G_DECLARE_FINAL_TYPE (KefuComposer, kefu_composer, KEFU, COMPOSER, GtkWidget)

GtkWidget     *kefu_composer_new          (void);
KefuRouter    *kefu_composer_get_router   (KefuComposer  *self);
void           kefu_composer_set_router   (KefuComposer  *self,
                                           KefuRouter    *router);
KefuTicket    *kefu_composer_get_ticket   (KefuComposer  *self);
void           kefu_composer_set_ticket   (KefuComposer  *self,
                                           KefuTicket    *ticket);
void           kefu_composer_set_agent    (KefuComposer  *self,
                                           gint64         agent_id,
                                           const char    *agent_name);
gboolean       kefu_composer_get_note     (KefuComposer  *self);
void           kefu_composer_set_note     (KefuComposer  *self,
                                           gboolean       note);
void           kefu_composer_start        (KefuComposer  *self,
                                           gboolean       note);
char          *kefu_composer_dup_text     (KefuComposer  *self);
void           kefu_composer_set_text     (KefuComposer  *self,
                                           const char    *text);
void           kefu_composer_insert_text  (KefuComposer  *self,
                                           const char    *text);
gboolean       kefu_composer_get_sending  (KefuComposer  *self);
KefuCannedPicker *kefu_composer_get_canned_picker (KefuComposer *self);
void           kefu_composer_save_canned  (KefuComposer  *self,
                                           const char    *title);

G_END_DECLS
