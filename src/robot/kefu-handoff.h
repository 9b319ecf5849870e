/* kefu-handoff.h: noticing that a customer asks for a person.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The knowledge-base tag that marks the group whose answer is a hand-off. */
#define KEFU_HANDOFF_TAG "handoff"

gboolean kefu_handoff_is_requested (const char *folded_text);

G_END_DECLS
