/* kefu-text.h: making untrusted text safe to store and show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits on what one message may carry; longer text is cut, never refused. */
#define KEFU_TEXT_MAX_SUBJECT   (998)
#define KEFU_TEXT_MAX_NAME      (200)
#define KEFU_TEXT_MAX_BODY      (1024 * 1024)
#define KEFU_TEXT_MAX_HTML      (4 * 1024 * 1024)
#define KEFU_TEXT_MAX_KEY       (998)
#define KEFU_TEXT_MAX_FILENAME  (200)
#define KEFU_TEXT_PREVIEW_CHARS (140)

char *kefu_text_clean         (const char *text,
                               gsize       max_bytes);
char *kefu_text_clean_line    (const char *text,
                               gsize       max_bytes);
char *kefu_text_preview       (const char *text);
char *kefu_text_safe_filename (const char *filename);

G_END_DECLS
