/* kefu-fts-tokenizer.c: the "kefu" FTS5 tokenizer for English and Chinese text.
 *
 * Text is NFKC-normalised and case-folded. Runs of letters and digits are
 * words (SQLite's porter tokenizer wraps this one and stems them). Runs of
 * CJK characters have no spaces between words, so they are folded from
 * traditional to simplified Chinese with OpenCC and indexed as overlapping
 * bigrams ("申请退款" → 申请 请退 退款), plus the run's last character so a
 * one-character prefix query still finds it. Offsets are always those of the
 * original text, so highlighting works on what was stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <opencc.h>
#include <string.h>

#include "kefu-fts-tokenizer.h"

/* Longer runs are cut into pieces of this many characters. */
#define MAX_CJK_RUN   (512)
/* Longer words are cut: nobody searches for them, and FTS5 keys stay small. */
#define MAX_WORD_BYTES (128)

typedef int (*TokenFunc) (void       *ctx,
                          int         tflags,
                          const char *token,
                          int         n_token,
                          int         start,
                          int         end);

/* One per connection: OpenCC is not documented as thread-safe, and a
 * connection only ever runs on one thread at a time. */
typedef struct
{
  opencc_t converter;
  gboolean converter_tried;
} TokenizerContext;

static void
tokenizer_context_free (void *data)
{
  TokenizerContext *context = data;

  if (context->converter != NULL && context->converter != (opencc_t)-1)
    opencc_close (context->converter);
  g_free (context);
}

gboolean
kefu_fts_is_cjk (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  if (script != G_UNICODE_SCRIPT_HAN &&
      script != G_UNICODE_SCRIPT_HIRAGANA &&
      script != G_UNICODE_SCRIPT_KATAKANA)
    return FALSE;

  return g_unichar_isalpha (c);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static int
emit_word (const char *text,
           int         start,
           int         end,
           void       *ctx,
           TokenFunc   token_func)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  char ascii[MAX_WORD_BYTES];
  const char *token;
  gsize length = end - start;
  gboolean is_ascii = length <= MAX_WORD_BYTES;

  for (gsize i = 0; is_ascii && i < length; i++)
    {
      if ((guchar)text[start + i] >= 0x80)
        is_ascii = FALSE;
      else
        ascii[i] = g_ascii_tolower (text[start + i]);
    }

  if (is_ascii)
    {
      token = ascii;
    }
  else
    {
      normal = g_utf8_normalize (text + start, length, G_NORMALIZE_NFKC);
      if (normal == NULL)
        return SQLITE_OK;
      folded = g_utf8_casefold (normal, -1);
      length = strlen (folded);
      if (length > MAX_WORD_BYTES)
        length = g_utf8_find_prev_char (folded, folded + MAX_WORD_BYTES + 1) - folded;
      token = folded;
    }

  if (length == 0)
    return SQLITE_OK;

  return token_func (ctx, 0, token, (int)length, start, end);
}

/* Folds a run of CJK characters; returns NULL when the folded text does not
 * keep one character per original character (offsets would not map). */
static char *
fold_cjk (TokenizerContext *context,
          const char       *run,
          gsize             length,
          guint             n_chars)
{
  g_autofree char *normal = g_utf8_normalize (run, length, G_NORMALIZE_NFKC);
  char *converted;
  char *result;

  if (normal == NULL || (guint)g_utf8_strlen (normal, -1) != n_chars)
    return NULL;

  if (context != NULL && !context->converter_tried)
    {
      context->converter_tried = TRUE;
      context->converter = opencc_open ("t2s.json");
      if (context->converter == (opencc_t)-1)
        g_debug ("OpenCC t2s is not available; traditional Chinese will not fold: %s",
                 opencc_error ());
    }

  if (context == NULL || context->converter == NULL || context->converter == (opencc_t)-1)
    return g_steal_pointer (&normal);

  converted = opencc_convert_utf8 (context->converter, normal, strlen (normal));
  if (converted == NULL)
    return g_steal_pointer (&normal);

  if (g_utf8_validate (converted, -1, NULL) && (guint)g_utf8_strlen (converted, -1) == n_chars)
    result = g_strdup (converted);
  else
    result = g_steal_pointer (&normal);
  opencc_convert_utf8_free (converted);

  return result;
}

static int
emit_cjk_run (TokenizerContext *context,
              const char       *text,
              const int        *starts,
              guint             n_chars,
              int               run_end,
              gboolean          query,
              void             *ctx,
              TokenFunc         token_func)
{
  g_autofree char *folded = NULL;
  const char *chars[MAX_CJK_RUN + 1];
  int rc;

  folded = fold_cjk (context, text + starts[0], run_end - starts[0], n_chars);
  if (folded == NULL)
    {
      /* Unfoldable: index each character on its own. */
      for (guint i = 0; i < n_chars; i++)
        {
          int end = i + 1 < n_chars ? starts[i + 1] : run_end;

          rc = token_func (ctx, 0, text + starts[i], end - starts[i], starts[i], end);
          if (rc != SQLITE_OK)
            return rc;
        }
      return SQLITE_OK;
    }

  chars[0] = folded;
  for (guint i = 1; i <= n_chars; i++)
    chars[i] = g_utf8_next_char (chars[i - 1]);

  if (n_chars == 1)
    return token_func (ctx, 0, chars[0], chars[1] - chars[0], starts[0], run_end);

  for (guint i = 0; i + 1 < n_chars; i++)
    {
      int end = i + 2 < n_chars ? starts[i + 2] : run_end;

      rc = token_func (ctx, 0, chars[i], chars[i + 2] - chars[i], starts[i], end);
      if (rc != SQLITE_OK)
        return rc;
    }

  /* A query of two or more characters is made of bigrams only, so it
   * matches wherever they occur in a document. */
  if (query)
    return SQLITE_OK;

  return token_func (ctx, FTS5_TOKEN_COLOCATED, chars[n_chars - 1],
                     chars[n_chars] - chars[n_chars - 1], starts[n_chars - 1], run_end);
}

static int
tokenize (TokenizerContext *context,
          void             *ctx,
          gboolean          query,
          const char       *text,
          int               n_text,
          TokenFunc         token_func)
{
  int starts[MAX_CJK_RUN];
  int p = 0;
  int rc = SQLITE_OK;

  while (p < n_text && rc == SQLITE_OK)
    {
      gunichar c = g_utf8_get_char_validated (text + p, n_text - p);
      int start = p;

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          p++;
          continue;
        }

      if (kefu_fts_is_cjk (c))
        {
          guint n_chars = 0;

          while (p < n_text && n_chars < MAX_CJK_RUN)
            {
              c = g_utf8_get_char_validated (text + p, n_text - p);
              if (c == (gunichar)-1 || c == (gunichar)-2 || !kefu_fts_is_cjk (c))
                break;
              starts[n_chars++] = p;
              p = g_utf8_next_char (text + p) - text;
            }
          rc = emit_cjk_run (context, text, starts, n_chars, p, query, ctx, token_func);
        }
      else if (is_word_char (c))
        {
          while (p < n_text)
            {
              c = g_utf8_get_char_validated (text + p, n_text - p);
              if (c == (gunichar)-1 || c == (gunichar)-2 || !is_word_char (c) || kefu_fts_is_cjk (c))
                break;
              p = g_utf8_next_char (text + p) - text;
            }
          rc = emit_word (text, start, p, ctx, token_func);
        }
      else
        {
          p = g_utf8_next_char (text + p) - text;
        }
    }

  return rc;
}

static int
tokenizer_create (void                *user_data,
                  const char         **args,
                  int                  n_args,
                  Fts5Tokenizer      **tokenizer)
{
  /* Every table on this connection shares the connection's context. */
  *tokenizer = user_data;

  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *ctx,
                    int            flags,
                    const char    *text,
                    int            n_text,
                    TokenFunc      token_func)
{
  return tokenize ((TokenizerContext *)tokenizer, ctx, (flags & FTS5_TOKENIZE_QUERY) != 0,
                   text, n_text, token_func);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api;
}

/**
 * kefu_fts_tokenizer_register:
 *
 * Registers the "kefu" tokenizer on @db, with its own OpenCC converter.
 * Call on the thread that owns @db.
 */
gboolean
kefu_fts_tokenizer_register (sqlite3  *db,
                             GError  **error)
{
  static fts5_tokenizer tokenizer = {
    tokenizer_create,
    tokenizer_delete,
    tokenizer_tokenize,
  };
  fts5_api *api = get_fts5_api (db);
  TokenizerContext *context;

  if (api == NULL || api->iVersion < 2)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "This SQLite library has no FTS5 support.");
      return FALSE;
    }

  context = g_new0 (TokenizerContext, 1);
  if (api->xCreateTokenizer (api, "kefu", context, &tokenizer, tokenizer_context_free) != SQLITE_OK)
    {
      tokenizer_context_free (context);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "The search tokenizer could not be registered.");
      return FALSE;
    }

  return TRUE;
}

static int
collect_token (void       *ctx,
               int         tflags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  g_ptr_array_add (ctx, g_strndup (token, n_token));

  return SQLITE_OK;
}

/**
 * kefu_fts_tokenize:
 * @query: tokenize as a query rather than as a document
 *
 * The tokens the tokenizer makes of @text, before stemming; for tests and
 * for building queries. Any thread (it opens its own converter).
 *
 * Returns: (transfer container) (element-type utf8): the tokens
 */
GPtrArray *
kefu_fts_tokenize (const char *text,
                   gboolean    query)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  TokenizerContext *context = g_new0 (TokenizerContext, 1);

  tokenize (context, tokens, query, text, strlen (text), collect_token);
  tokenizer_context_free (context);

  return tokens;
}

/* team (#8): the same tokens for the PostgreSQL store, which indexes them
 * itself (kefu-pg-store-search.c). */
struct _KefuFtsTokenizer
{
  TokenizerContext *context;
};

typedef struct
{
  KefuFtsTokenFunc func;
  gpointer         user_data;
} TokenTrampoline;

static int
trampoline_token (void       *ctx,
                  int         tflags,
                  const char *token,
                  int         n_token,
                  int         start,
                  int         end)
{
  TokenTrampoline *trampoline = ctx;

  trampoline->func (token, n_token, (tflags & FTS5_TOKEN_COLOCATED) != 0, trampoline->user_data);

  return SQLITE_OK;
}

/**
 * kefu_fts_tokenizer_new:
 *
 * A tokenizer with its own OpenCC converter, for one thread at a time.
 *
 * Returns: (transfer full): the tokenizer
 */
KefuFtsTokenizer *
kefu_fts_tokenizer_new (void)
{
  KefuFtsTokenizer *self = g_new0 (KefuFtsTokenizer, 1);

  self->context = g_new0 (TokenizerContext, 1);

  return self;
}

void
kefu_fts_tokenizer_free (KefuFtsTokenizer *self)
{
  if (self == NULL)
    return;
  tokenizer_context_free (self->context);
  g_free (self);
}

/**
 * kefu_fts_tokenizer_run:
 * @query: tokenize as a query rather than as a document
 * @func: called for each token (before stemming); a colocated token takes
 *   the position of the one before it
 *
 * Tokenizes @text exactly as the FTS5 tokenizer does.
 */
void
kefu_fts_tokenizer_run (KefuFtsTokenizer *self,
                        const char       *text,
                        gsize             length,
                        gboolean          query,
                        KefuFtsTokenFunc  func,
                        gpointer          user_data)
{
  TokenTrampoline trampoline = { func, user_data };

  g_return_if_fail (self != NULL);

  if (text == NULL)
    return;
  tokenize (self->context, &trampoline, query, text, (int)MIN (length, (gsize)G_MAXINT), trampoline_token);
}
