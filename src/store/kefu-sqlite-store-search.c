/* kefu-sqlite-store-search.c: turning what a person typed into a safe FTS5 query.
 *
 * User text never reaches FTS5's query syntax: it is split on white space,
 * each term becomes a quoted FTS5 string and the terms are ANDed, so
 * quotes, NEAR(, *, ^ and colons are only ever text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-fts-tokenizer.h"
#include "kefu-sqlite-store-private.h"

#define MAX_QUERY_BYTES (4096)
#define MAX_TERMS       (16)
#define MAX_TERM_CHARS  (128)

static gboolean
is_searchable (gunichar c)
{
  return g_unichar_isalnum (c) || kefu_fts_is_cjk (c);
}

static void
append_term (GString    *expr,
             const char *term,
             const char *term_end)
{
  guint n_chars = 0;
  guint n_searchable = 0;
  gboolean cjk = FALSE;

  if (expr->len > 0)
    g_string_append (expr, " AND ");

  g_string_append_c (expr, '"');
  for (const char *p = term; p < term_end && n_chars < MAX_TERM_CHARS; p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_searchable (c))
        {
          n_searchable++;
          cjk = kefu_fts_is_cjk (c);
        }
      if (*p == '"')
        g_string_append (expr, "\"\"");
      else
        g_string_append_len (expr, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (expr, '"');

  /* One Chinese character is too short for a bigram: look for the bigrams
   * that start with it instead (and a run's last character, indexed alone). */
  if (n_searchable == 1 && cjk)
    g_string_append (expr, " *");
}

/**
 * _kefu_sqlite_match_expression:
 * @text: what a person typed, any bytes
 *
 * Returns: (transfer full) (nullable): an FTS5 MATCH expression, or %NULL
 *   when @text has nothing to search for (only spaces or punctuation)
 */
char *
_kefu_sqlite_match_expression (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr (GString) expr = g_string_new (NULL);
  const char *p;
  guint n_terms = 0;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, MIN (strlen (text), MAX_QUERY_BYTES));
  p = valid;

  while (*p != '\0' && n_terms < MAX_TERMS)
    {
      const char *term;
      gboolean searchable = FALSE;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      term = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        {
          searchable |= is_searchable (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }

      if (!searchable)
        continue;

      append_term (expr, term, p);
      n_terms++;
    }

  if (n_terms == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&expr), FALSE);
}
