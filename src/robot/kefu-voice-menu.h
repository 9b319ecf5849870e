/* kefu-voice-menu.h: what the phone's voice menu reads: knowledge-base answers by key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-knowledge-base.h"

G_BEGIN_DECLS

/* An entry tagged "phone-menu-3" is read when the caller presses 3; the
 * other entries of its group give the answer in the caller's language. */
#define KEFU_VOICE_MENU_TAG_PREFIX "phone-menu-"

char       *kefu_voice_menu_text        (KefuKnowledgeBase *knowledge_base,
                                         char               digit,
                                         const char        *lang);
const char *kefu_voice_menu_caller_lang (const char        *number,
                                         const char        *fallback);

G_END_DECLS
