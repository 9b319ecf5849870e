/* kefu-message-row.h: one entry of a conversation: a message, a reply, a note, an event.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_MESSAGE_ROW (kefu_message_row_get_type ())
G_DECLARE_FINAL_TYPE (KefuMessageRow, kefu_message_row, KEFU, MESSAGE_ROW, GtkWidget)

GtkWidget   *kefu_message_row_new         (KefuMessage    *message);
KefuMessage *kefu_message_row_get_message (KefuMessageRow *self);

G_END_DECLS
