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

/* team (#8): the tokens alone, for the PostgreSQL store */
typedef struct _KefuFtsTokenizer KefuFtsTokenizer;
typedef void (*KefuFtsTokenFunc) (const char *token,
                                  gsize       length,
                                  gboolean    colocated,
                                  gpointer    user_data);

KefuFtsTokenizer *kefu_fts_tokenizer_new  (void);
void              kefu_fts_tokenizer_free (KefuFtsTokenizer *self);
void              kefu_fts_tokenizer_run  (KefuFtsTokenizer *self,
                                           const char       *text,
                                           gsize             length,
                                           gboolean          query,
                                           KefuFtsTokenFunc  func,
                                           gpointer          user_data);

G_END_DECLS
