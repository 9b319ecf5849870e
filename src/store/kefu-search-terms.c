/* kefu-search-terms.c: what a person typed into a search, as terms; for both stores.
 *
 * Both stores split the text the same way, on white space, and leave out
 * terms without a letter, digit or CJK character; each then quotes the
 * terms in its own query language (FTS5 MATCH, tsquery).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-fts-tokenizer.h"
#include "kefu-search-terms-private.h"

#define MAX_QUERY_BYTES (4096)
#define MAX_TERMS       (16)

/* Whether a term with @c in it can match anything. */
gboolean
_kefu_search_is_searchable (gunichar c)
{
  return g_unichar_isalnum (c) || kefu_fts_is_cjk (c);
}

/* Whether @text (nullable) holds nothing but white space. */
gboolean
_kefu_search_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/**
 * _kefu_search_split_terms:
 * @text: (nullable): what a person typed, any bytes
 *
 * Returns: (transfer full): the searchable terms of @text, valid UTF-8,
 *   at most 16 of them from its first 4 KiB; empty when there are none
 */
GStrv
_kefu_search_split_terms (const char *text)
{
  g_autoptr (GStrvBuilder) terms = g_strv_builder_new ();
  g_autofree char *valid = NULL;
  const char *p;
  guint n_terms = 0;

  if (text == NULL)
    return g_strv_builder_end (terms);

  valid = g_utf8_make_valid (text, MIN (strlen (text), MAX_QUERY_BYTES));
  p = valid;

  while (*p != '\0' && n_terms < MAX_TERMS)
    {
      g_autofree char *copy = NULL;
      const char *term;
      gboolean searchable = FALSE;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      term = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        {
          searchable |= _kefu_search_is_searchable (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }

      if (!searchable)
        continue;

      copy = g_strndup (term, p - term);
      g_strv_builder_add (terms, copy);
      n_terms++;
    }

  return g_strv_builder_end (terms);
}
