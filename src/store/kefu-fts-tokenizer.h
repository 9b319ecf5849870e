/* kefu-fts-tokenizer.h: the "kefu" FTS5 tokenizer for English and Chinese text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean   kefu_fts_tokenizer_register (sqlite3     *db,
                                        GError     **error);
GPtrArray *kefu_fts_tokenize           (const char  *text,
                                        gboolean     query);
gboolean   kefu_fts_is_cjk             (gunichar     c);

G_END_DECLS
