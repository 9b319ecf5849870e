/* kefu-text-analyzer.h: turning a customer's message into terms the matcher can compare.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  KEFU_TERM_WORD,     /* a Latin-script word, lower case, not yet stemmed */
  KEFU_TERM_BIGRAM,   /* two Han characters in a row, folded to simplified */
  KEFU_TERM_CHAR,     /* one Han character, folded to simplified */
} KefuTermKind;

typedef struct
{
  char         *text;
  KefuTermKind  kind;
  gboolean      proper;   /* capitalised inside a sentence: a name, most likely */
} KefuTerm;

#define KEFU_TYPE_TEXT_ANALYZER (kefu_text_analyzer_get_type ())
G_DECLARE_FINAL_TYPE (KefuTextAnalyzer, kefu_text_analyzer, KEFU, TEXT_ANALYZER, GObject)

KefuTextAnalyzer *kefu_text_analyzer_new             (void);
GArray           *kefu_text_analyzer_terms           (KefuTextAnalyzer *self,
                                                      const char       *text);
char             *kefu_text_analyzer_fold            (KefuTextAnalyzer *self,
                                                      const char       *text);
const char       *kefu_text_analyzer_guess_language  (KefuTextAnalyzer *self,
                                                      const char       *text);

/* kefu-text-noise.c: what is not the question in a message. */
char             *kefu_text_strip_noise              (const char       *text);

/* kefu-text-stem.c: English word forms and words that say nothing. */
char             *kefu_text_stem                     (const char       *word);
gboolean          kefu_text_is_stopword              (const char       *word);
gboolean          kefu_text_is_stop_char             (gunichar          c);
gboolean          kefu_text_is_stop_bigram           (const char       *bigram);

G_END_DECLS
