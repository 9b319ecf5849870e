/* kefu-text-analyzer.c: turning a customer's message into terms the matcher can compare.
 *
 * The same ideas as the store's FTS tokenizer (kefu-fts-tokenizer.c), for
 * an index that lives in memory: text is NFKC-normalised and case-folded,
 * Han characters are folded from traditional to simplified with OpenCC and
 * cut into overlapping bigrams plus single characters (Chinese has no
 * spaces), and Latin-script runs are words. Words with digits (order
 * numbers, codes, prices) carry nothing a knowledge base can match and are
 * dropped, as are the words of kefu_text_is_stopword().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <opencc.h>
#include <string.h>

#include "kefu-text-analyzer.h"

/* Longer messages are cut: the question is near the top. */
#define MAX_TEXT_BYTES (16 * 1024)
#define MAX_WORD_BYTES (64)

struct _KefuTextAnalyzer
{
  GObject  parent_instance;

  /* OpenCC is not documented as thread-safe; this guards the converter. */
  GMutex   converter_mutex;
  opencc_t converter;
};

G_DEFINE_FINAL_TYPE (KefuTextAnalyzer, kefu_text_analyzer, G_TYPE_OBJECT)

static void
kefu_text_analyzer_finalize (GObject *object)
{
  KefuTextAnalyzer *self = (KefuTextAnalyzer *)object;

  if (self->converter != (opencc_t)-1)
    opencc_close (self->converter);
  g_mutex_clear (&self->converter_mutex);

  G_OBJECT_CLASS (kefu_text_analyzer_parent_class)->finalize (object);
}

static void
kefu_text_analyzer_class_init (KefuTextAnalyzerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kefu_text_analyzer_finalize;
}

static void
kefu_text_analyzer_init (KefuTextAnalyzer *self)
{
  g_mutex_init (&self->converter_mutex);
  self->converter = opencc_open ("t2s.json");
  if (self->converter == (opencc_t)-1)
    g_debug ("OpenCC t2s is not available; traditional Chinese will not fold: %s", opencc_error ());
}

/**
 * kefu_text_analyzer_new:
 *
 * Returns: (transfer full): an analyzer; it may be used from any thread
 */
KefuTextAnalyzer *
kefu_text_analyzer_new (void)
{
  return g_object_new (KEFU_TYPE_TEXT_ANALYZER, NULL);
}

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN && g_unichar_isalpha (c);
}

/**
 * kefu_text_analyzer_fold:
 *
 * Returns: (transfer full): @text made valid, NFKC-normalised, case-folded
 *   and with traditional Chinese folded to simplified
 */
char *
kefu_text_analyzer_fold (KefuTextAnalyzer *self,
                         const char       *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  const char *p;
  char *converted;
  char *result;
  gsize length;

  g_return_val_if_fail (KEFU_IS_TEXT_ANALYZER (self), NULL);

  if (text == NULL)
    return g_strdup ("");

  length = strlen (text);
  if (length > MAX_TEXT_BYTES)
    length = MAX_TEXT_BYTES;
  valid = g_utf8_make_valid (text, length);
  normal = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (normal ? normal : valid, -1);

  if (self->converter == (opencc_t)-1)
    return g_steal_pointer (&folded);

  /* Nothing for OpenCC to do in plain ASCII, and it is not cheap. */
  for (p = folded; *p != '\0' && (guchar)*p < 0x80; p++)
    ;
  if (*p == '\0')
    return g_steal_pointer (&folded);

  g_mutex_lock (&self->converter_mutex);
  converted = opencc_convert_utf8 (self->converter, folded, strlen (folded));
  g_mutex_unlock (&self->converter_mutex);
  if (converted == NULL)
    return g_steal_pointer (&folded);

  result = g_utf8_validate (converted, -1, NULL) ? g_strdup (converted) : g_steal_pointer (&folded);
  opencc_convert_utf8_free (converted);

  return result;
}

static void
add_term (GArray       *terms,
          const char   *text,
          gsize         length,
          KefuTermKind  kind)
{
  KefuTerm term = { g_strndup (text, length), kind, FALSE };

  g_array_append_val (terms, term);
}

/* Words written with a capital inside a sentence ("to Nanjing", "the
 * Da Hong Pao"): names of places, people and products, which say little
 * about what is asked. Returns them case-folded. */
static GHashTable *
find_proper_words (const char *text)
{
  GHashTable *proper = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean sentence_start = TRUE;
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c) && !is_han (c))
        {
          const char *start = p;
          gboolean capital = g_unichar_isupper (c);
          gboolean all_upper = TRUE;
          guint n_chars = 0;

          while (*p != '\0' && g_unichar_isalpha (g_utf8_get_char (p)) && !is_han (g_utf8_get_char (p)))
            {
              all_upper = all_upper && g_unichar_isupper (g_utf8_get_char (p));
              n_chars++;
              p = g_utf8_next_char (p);
            }
          /* Shouting ("THIS IS THE THIRD TIME") is not a name. */
          if (capital && !sentence_start && (!all_upper || n_chars <= 3))
            g_hash_table_add (proper, g_utf8_casefold (start, p - start));
          sentence_start = FALSE;
          continue;
        }

      if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F)
        sentence_start = TRUE;
      p = g_utf8_next_char (p);
    }

  return proper;
}

static void
clear_term (gpointer data)
{
  KefuTerm *term = data;

  g_clear_pointer (&term->text, g_free);
}

static void
add_word (GArray     *terms,
          const char *start,
          const char *end)
{
  g_autofree char *word = NULL;
  gsize length = end - start;

  if (length == 0 || length > MAX_WORD_BYTES)
    return;
  for (const char *p = start; p < end; p++)
    if (g_ascii_isdigit (*p))
      return;

  word = g_strndup (start, length);
  if (kefu_text_is_stopword (word))
    return;

  add_term (terms, word, length, KEFU_TERM_WORD);
}

static void
add_han_run (GArray     *terms,
             const char *start,
             const char *end)
{
  const char *p;

  for (p = start; p < end; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);

      if (!kefu_text_is_stop_char (g_utf8_get_char (p)))
        add_term (terms, p, next - p, KEFU_TERM_CHAR);
      if (next < end)
        {
          g_autofree char *bigram = g_strndup (p, g_utf8_next_char (next) - p);

          if (!kefu_text_is_stop_bigram (bigram))
            add_term (terms, bigram, strlen (bigram), KEFU_TERM_BIGRAM);
        }
    }
}

/**
 * kefu_text_analyzer_terms:
 *
 * Folds @text and cuts it into terms, in order, with repeats. Noise
 * (greetings, signatures, quoted mail, links) is not removed here: see
 * kefu_text_strip_noise().
 *
 * Returns: (transfer full) (element-type KefuTerm): the terms
 */
GArray *
kefu_text_analyzer_terms (KefuTextAnalyzer *self,
                          const char       *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *valid = NULL;
  g_autoptr (GHashTable) proper = NULL;
  GArray *terms;
  const char *p;

  g_return_val_if_fail (KEFU_IS_TEXT_ANALYZER (self), NULL);

  terms = g_array_new (FALSE, FALSE, sizeof (KefuTerm));
  g_array_set_clear_func (terms, clear_term);

  valid = g_utf8_make_valid (text ? text : "", MIN (strlen (text ? text : ""), MAX_TEXT_BYTES));
  proper = find_proper_words (valid);
  folded = kefu_text_analyzer_fold (self, text);
  p = folded;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *start = p;

      if (is_han (c))
        {
          while (*p != '\0' && is_han (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          add_han_run (terms, start, p);
        }
      else if (g_unichar_isalnum (c))
        {
          /* "don't" is one word; apostrophes inside a word are dropped. */
          GString *word = g_string_new (NULL);

          while (*p != '\0')
            {
              gunichar w = g_utf8_get_char (p);
              const char *next = g_utf8_next_char (p);

              if ((w == '\'' || w == 0x2019) && *next != '\0' &&
                  g_unichar_isalnum (g_utf8_get_char (next)) && !is_han (g_utf8_get_char (next)))
                {
                  p = next;
                  continue;
                }
              if (!g_unichar_isalnum (w) || is_han (w))
                break;
              g_string_append_len (word, p, next - p);
              p = next;
            }
          add_word (terms, word->str, word->str + word->len);
          if (terms->len > 0 && g_hash_table_contains (proper, word->str))
            g_array_index (terms, KefuTerm, terms->len - 1).proper = TRUE;
          g_string_free (word, TRUE);
        }
      else
        {
          p = g_utf8_next_char (p);
        }
    }

  return terms;
}

/**
 * kefu_text_analyzer_guess_language:
 *
 * The language a reply to @text should be in: "zh-Hant" when it has Han
 * characters that fold to simplified ones, "zh-Hans" for other Chinese,
 * "en" for Latin script, %NULL when there are no letters at all.
 *
 * Returns: (nullable): a BCP 47 tag
 */
const char *
kefu_text_analyzer_guess_language (KefuTextAnalyzer *self,
                                   const char       *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  guint han = 0;
  guint latin = 0;
  guint latin_words = 0;
  gboolean in_word = FALSE;
  guint changed = 0;
  const char *p;
  const char *q;

  g_return_val_if_fail (KEFU_IS_TEXT_ANALYZER (self), NULL);

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, MIN (strlen (text), MAX_TEXT_BYTES));
  normal = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  if (normal == NULL)
    return NULL;
  for (p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_han (c))
        han++;
      else if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_LATIN && g_unichar_isalpha (c))
        {
          latin++;
          latin_words += in_word ? 0 : 1;
          in_word = TRUE;
          continue;
        }
      in_word = FALSE;
    }

  if (han == 0 && latin == 0)
    return NULL;
  /* A Chinese message often names things in English ("PayPal", "tracking
   * number"); one Han character weighs as much as an English word. */
  if (han < latin_words)
    return "en";

  folded = kefu_text_analyzer_fold (self, normal);
  for (p = normal, q = folded; *p != '\0' && *q != '\0'; p = g_utf8_next_char (p), q = g_utf8_next_char (q))
    {
      gunichar a = g_utf8_get_char (p);

      if (is_han (a) && g_unichar_tolower (a) != g_utf8_get_char (q) && a != g_utf8_get_char (q))
        changed++;
    }

  return changed > 0 ? "zh-Hant" : "zh-Hans";
}
