/* kefu-matcher.c: finding the knowledge-base answer to a message, or knowing there is none.
 *
 * Each group (the translations of one answer) is one document with two
 * fields: its questions, alternates and tags, and its answers, which weigh
 * less. A message is scored against every group with BM25F over the
 * analyzer's terms (stemmed English words, Chinese bigrams and characters
 * folded to simplified), so a question in traditional characters finds a
 * group that only has a simplified entry, and a message mixing English and
 * Chinese finds both halves of a group. English words the knowledge base
 * does not know are matched to a known word one edit away (typos), and a
 * short list of general synonyms widens the message a little.
 *
 * The robot then only answers when it is sure: the best group must explain
 * enough of the message (coverage: the share of the message's term weight
 * it matches, with words the knowledge base has never seen weighing most),
 * and be clearly ahead of the runner-up (margin). Otherwise it abstains,
 * and a person answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "kefu-handoff.h"
#include "kefu-matcher.h"

/* BM25 constants: term-frequency saturation and length normalisation. */
#define BM25_K1 (1.2)
#define BM25_B (0.5)
/* How much the answer text counts next to the questions. */
#define ANSWER_WEIGHT (0.7)
/* What each kind of term weighs in a message. */
#define WEIGHT_WORD   (1.0)
#define WEIGHT_BIGRAM (1.0)
#define WEIGHT_CHAR (0.7)
#define WEIGHT_TYPO (0.8)
#define WEIGHT_SYNONYM (0.6)
/* A name the knowledge base does not know ("Nanjing", "Da Hong Pao")
 * hardly changes what is asked. */
#define WEIGHT_UNKNOWN_NAME (0.3)
/* Shorter words are not corrected: too many neighbours. */
#define MIN_TYPO_LENGTH (5)
/* Terms rarer than in (almost) every group; the rest add nothing. */
#define MIN_IDF (0.01)
/* Longer messages are cut to this many terms. */
#define MAX_QUERY_TERMS (400)

typedef struct
{
  guint group;
  float tf_question;
  float tf_answer;
} Posting;

typedef struct
{
  double  idf;
  GArray *postings;   /* Posting, one per group that has the term */
} TermInfo;

typedef struct
{
  char   *name;
  double  length;     /* weighted number of terms */
} GroupInfo;

typedef struct
{
  const char *key;
  double      weight;
  gboolean    proper;
} QueryTerm;

struct _KefuMatcher
{
  GObject            parent_instance;

  /* owned */
  KefuKnowledgeBase *knowledge_base;
  KefuTextAnalyzer  *analyzer;
  GArray            *groups;       /* GroupInfo */
  GHashTable        *terms;        /* key → TermInfo */
  GHashTable        *variants;     /* a word or a word minus one letter → stem */
  GHashTable        *synonyms;     /* key → GPtrArray of the other keys */
  char              *handoff_group;
  double             average_length;
  double             unknown_idf;

  double             min_confidence;
  double             min_margin;
};

G_DEFINE_FINAL_TYPE (KefuMatcher, kefu_matcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MIN_CONFIDENCE,
  PROP_MIN_MARGIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* General equivalences of shop talk, in no shop's words in particular;
 * each line is one set. English words are stemmed when loaded. */
static const char *const synonym_sets[][6] = {
  { "parcel", "package", "packet", NULL },
  { "ship", "deliver", "dispatch", "send", NULL },
  { "cost", "price", "fee", "charge", NULL },
  { "shop", "store", NULL },
  { "buy", "purchase", NULL },
  { "swap", "exchange", "switch", NULL },
  { "broken", "damaged", "cracked", "smashed", "shattered", NULL },
  { "discount", "coupon", "voucher", "promo", NULL },
  { "delete", "remove", "erase", NULL },
  { "present", "gift", NULL },
  { "快递", "物流", "包裹", NULL },
  { "运费", "邮费", NULL },
  { "价格", "价钱", NULL },
  { "购买", "下单", NULL },
  { "礼物", "礼品", NULL },
};

static void
term_info_free (TermInfo *info)
{
  g_array_unref (info->postings);
  g_free (info);
}

static void
group_info_clear (gpointer data)
{
  GroupInfo *group = data;

  g_clear_pointer (&group->name, g_free);
}

static char *
term_key (const KefuTerm *term)
{
  if (term->kind == KEFU_TERM_WORD)
    return kefu_text_stem (term->text);

  return g_strdup (term->text);
}

static void
add_variants (KefuMatcher *self,
              const char  *word,
              const char  *stem)
{
  glong n_chars;

  /* Seen before: its variants are in already. */
  if (g_hash_table_contains (self->variants, word))
    return;
  g_hash_table_insert (self->variants, g_strdup (word), g_strdup (stem));

  n_chars = g_utf8_strlen (word, -1);
  if (n_chars < MIN_TYPO_LENGTH)
    return;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);
      g_autofree char *variant = g_strdup_printf ("\x01%.*s%s", (int)(p - word), word, next);
      if (!g_hash_table_contains (self->variants, variant))
        g_hash_table_insert (self->variants, g_steal_pointer (&variant), g_strdup (stem));
    }
}

/* Counts @text's terms into @counts (key → float*), weighted. */
static double
count_terms (KefuMatcher *self,
             GHashTable  *counts,
             const char  *text,
             gboolean     answer)
{
  g_autoptr (GArray) terms = kefu_text_analyzer_terms (self->analyzer, text);
  double length = 0;

  for (guint i = 0; i < terms->len; i++)
    {
      const KefuTerm *term = &g_array_index (terms, KefuTerm, i);
      g_autofree char *key = term_key (term);
      float *tf = g_hash_table_lookup (counts, key);

      if (term->kind == KEFU_TERM_WORD && !answer)
        add_variants (self, term->text, key);

      if (tf == NULL)
        {
          tf = g_new0 (float, 2);
          g_hash_table_insert (counts, g_strdup (key), tf);
        }
      tf[answer ? 1 : 0] += 1;
      length += term->kind == KEFU_TERM_CHAR ? WEIGHT_CHAR : 1.0;
    }

  return length;
}

static void
index_group (KefuMatcher *self,
             guint        group_index,
             GPtrArray   *entries)
{
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GroupInfo *group = &g_array_index (self->groups, GroupInfo, group_index);
  GHashTableIter iter;
  gpointer key, value;
  double length = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      const KefuKbEntry *entry = g_ptr_array_index (entries, i);

      length += count_terms (self, counts, entry->question, FALSE);
      for (guint a = 0; entry->alternates[a] != NULL; a++)
        length += count_terms (self, counts, entry->alternates[a], FALSE);
      for (guint t = 0; entry->tags[t] != NULL; t++)
        if (!g_str_equal (entry->tags[t], KEFU_HANDOFF_TAG))
          length += count_terms (self, counts, entry->tags[t], FALSE);
      length += ANSWER_WEIGHT * count_terms (self, counts, entry->answer, TRUE);
    }
  group->length = length;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TermInfo *info = g_hash_table_lookup (self->terms, key);
      const float *tf = value;
      Posting posting = { group_index, tf[0], tf[1] };

      if (info == NULL)
        {
          info = g_new0 (TermInfo, 1);
          info->postings = g_array_new (FALSE, FALSE, sizeof (Posting));
          g_hash_table_insert (self->terms, g_strdup (key), info);
        }
      g_array_append_val (info->postings, posting);
    }
}

static void
add_synonyms (KefuMatcher *self)
{
  for (guint s = 0; s < G_N_ELEMENTS (synonym_sets); s++)
    {
      g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

      for (guint w = 0; synonym_sets[s][w] != NULL; w++)
        g_ptr_array_add (keys, kefu_text_stem (synonym_sets[s][w]));

      for (guint a = 0; a < keys->len; a++)
        {
          GPtrArray *others = g_hash_table_lookup (self->synonyms, g_ptr_array_index (keys, a));

          if (others == NULL)
            {
              others = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (self->synonyms, g_strdup (g_ptr_array_index (keys, a)), others);
            }
          for (guint b = 0; b < keys->len; b++)
            if (a != b)
              g_ptr_array_add (others, g_strdup (g_ptr_array_index (keys, b)));
        }
    }
}

/**
 * kefu_matcher_rebuild:
 *
 * Indexes the knowledge base again; call it after changing the knowledge
 * base. Takes about a millisecond per hundred entries.
 */
void
kefu_matcher_rebuild (KefuMatcher *self)
{
  g_autoptr (GHashTable) by_group = NULL;
  g_autoptr (GPtrArray) names = NULL;
  GHashTableIter iter;
  gpointer value;
  double total_length = 0;
  double n_groups;

  g_return_if_fail (KEFU_IS_MATCHER (self));

  g_array_set_size (self->groups, 0);
  g_hash_table_remove_all (self->terms);
  g_hash_table_remove_all (self->variants);
  g_clear_pointer (&self->handoff_group, g_free);

  by_group = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
  names = g_ptr_array_new ();
  for (guint i = 0; i < kefu_knowledge_base_get_n_entries (self->knowledge_base); i++)
    {
      const KefuKbEntry *entry = kefu_knowledge_base_get_entry (self->knowledge_base, i);
      GPtrArray *entries;

      if (!entry->enabled)
        continue;
      entries = g_hash_table_lookup (by_group, entry->group);
      if (entries == NULL)
        {
          entries = g_ptr_array_new ();
          g_hash_table_insert (by_group, entry->group, entries);
          g_ptr_array_add (names, entry->group);
        }
      g_ptr_array_add (entries, (gpointer)entry);
      if (self->handoff_group == NULL && kefu_kb_entry_has_tag (entry, KEFU_HANDOFF_TAG))
        self->handoff_group = g_strdup (entry->group);
    }

  for (guint g = 0; g < names->len; g++)
    {
      GroupInfo group = { g_strdup (g_ptr_array_index (names, g)), 0 };

      g_array_append_val (self->groups, group);
      index_group (self, g, g_hash_table_lookup (by_group, group.name));
      total_length += g_array_index (self->groups, GroupInfo, g).length;
    }

  n_groups = MAX (self->groups->len, 1);
  self->average_length = self->groups->len > 0 ? total_length / n_groups : 1;
  self->unknown_idf = log (1 + (n_groups - 1 + 0.5) / (1 + 0.5));

  g_hash_table_iter_init (&iter, self->terms);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TermInfo *info = value;
      double df = info->postings->len;

      info->idf = log (1 + (n_groups - df + 0.5) / (df + 0.5));
    }
}

static void
kefu_matcher_dispose (GObject *object)
{
  KefuMatcher *self = (KefuMatcher *)object;

  g_clear_object (&self->knowledge_base);
  g_clear_object (&self->analyzer);

  G_OBJECT_CLASS (kefu_matcher_parent_class)->dispose (object);
}

static void
kefu_matcher_finalize (GObject *object)
{
  KefuMatcher *self = (KefuMatcher *)object;

  g_clear_pointer (&self->groups, g_array_unref);
  g_clear_pointer (&self->terms, g_hash_table_unref);
  g_clear_pointer (&self->variants, g_hash_table_unref);
  g_clear_pointer (&self->synonyms, g_hash_table_unref);
  g_clear_pointer (&self->handoff_group, g_free);

  G_OBJECT_CLASS (kefu_matcher_parent_class)->finalize (object);
}

static void
kefu_matcher_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KefuMatcher *self = KEFU_MATCHER (object);

  switch (prop_id)
    {
    case PROP_MIN_CONFIDENCE:
      g_value_set_double (value, self->min_confidence);
      break;
    case PROP_MIN_MARGIN:
      g_value_set_double (value, self->min_margin);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_matcher_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KefuMatcher *self = KEFU_MATCHER (object);

  switch (prop_id)
    {
    case PROP_MIN_CONFIDENCE:
      kefu_matcher_set_min_confidence (self, g_value_get_double (value));
      break;
    case PROP_MIN_MARGIN:
      kefu_matcher_set_min_margin (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_matcher_class_init (KefuMatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_matcher_dispose;
  object_class->finalize = kefu_matcher_finalize;
  object_class->get_property = kefu_matcher_get_property;
  object_class->set_property = kefu_matcher_set_property;

  properties[PROP_MIN_CONFIDENCE] =
    g_param_spec_double ("min-confidence", NULL, NULL, 0, 1, KEFU_MATCHER_DEFAULT_MIN_CONFIDENCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_MARGIN] =
    g_param_spec_double ("min-margin", NULL, NULL, 0, 1, KEFU_MATCHER_DEFAULT_MIN_MARGIN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kefu_matcher_init (KefuMatcher *self)
{
  self->analyzer = kefu_text_analyzer_new ();
  self->groups = g_array_new (FALSE, FALSE, sizeof (GroupInfo));
  g_array_set_clear_func (self->groups, group_info_clear);
  self->terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)term_info_free);
  self->variants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->synonyms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  self->min_confidence = KEFU_MATCHER_DEFAULT_MIN_CONFIDENCE;
  self->min_margin = KEFU_MATCHER_DEFAULT_MIN_MARGIN;
  add_synonyms (self);
}

/**
 * kefu_matcher_new:
 * @knowledge_base: what to answer from; indexed now, and again on
 *   kefu_matcher_rebuild()
 *
 * Returns: (transfer full): a matcher. Matching only reads the index, so
 *   one matcher may serve several threads as long as nobody rebuilds it.
 */
KefuMatcher *
kefu_matcher_new (KefuKnowledgeBase *knowledge_base)
{
  KefuMatcher *self;

  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (knowledge_base), NULL);

  self = g_object_new (KEFU_TYPE_MATCHER, NULL);
  self->knowledge_base = g_object_ref (knowledge_base);
  kefu_matcher_rebuild (self);

  return self;
}

/**
 * kefu_matcher_get_knowledge_base:
 *
 * Returns: (transfer none): the knowledge base
 */
KefuKnowledgeBase *
kefu_matcher_get_knowledge_base (KefuMatcher *self)
{
  g_return_val_if_fail (KEFU_IS_MATCHER (self), NULL);

  return self->knowledge_base;
}

double
kefu_matcher_get_min_confidence (KefuMatcher *self)
{
  g_return_val_if_fail (KEFU_IS_MATCHER (self), 0);

  return self->min_confidence;
}

/**
 * kefu_matcher_set_min_confidence:
 * @min_confidence: 0 … 1; below it the matcher abstains
 */
void
kefu_matcher_set_min_confidence (KefuMatcher *self,
                                 double       min_confidence)
{
  g_return_if_fail (KEFU_IS_MATCHER (self));

  min_confidence = CLAMP (min_confidence, 0, 1);
  if (self->min_confidence == min_confidence)
    return;
  self->min_confidence = min_confidence;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_CONFIDENCE]);
}

double
kefu_matcher_get_min_margin (KefuMatcher *self)
{
  g_return_val_if_fail (KEFU_IS_MATCHER (self), 0);

  return self->min_margin;
}

/**
 * kefu_matcher_set_min_margin:
 * @min_margin: 0 … 1; how far ahead of the runner-up the best group must
 *   be (1 - second / best) for the matcher to answer
 */
void
kefu_matcher_set_min_margin (KefuMatcher *self,
                             double       min_margin)
{
  g_return_if_fail (KEFU_IS_MATCHER (self));

  min_margin = CLAMP (min_margin, 0, 1);
  if (self->min_margin == min_margin)
    return;
  self->min_margin = min_margin;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_MARGIN]);
}

/* The index's key for a message word it may not know: itself, or the
 * known word one typo away. */
static const char *
lookup_word (KefuMatcher *self,
             const char  *word,
             const char  *stem,
             double      *weight)
{
  g_autofree char *variant = NULL;
  const char *found;

  if (g_hash_table_contains (self->terms, stem))
    return NULL;
  if (g_utf8_strlen (word, -1) < MIN_TYPO_LENGTH)
    return NULL;

  /* An extra letter in the message ("adress" ← "address" minus one is the
   * other way round): the message word is a known word minus one letter,
   * or the message word minus one letter is a known word or one of its
   * minus-one-letter variants (swaps and substitutions). */
  variant = g_strconcat ("\x01", word, NULL);
  found = g_hash_table_lookup (self->variants, variant);
  for (const char *p = word; found == NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *shorter = g_strdup_printf ("%.*s%s", (int)(p - word), word, g_utf8_next_char (p));
      g_autofree char *shorter_variant = g_strconcat ("\x01", shorter, NULL);

      found = g_hash_table_lookup (self->variants, shorter);
      if (found == NULL)
        found = g_hash_table_lookup (self->variants, shorter_variant);
    }

  if (found != NULL && g_hash_table_contains (self->terms, found))
    {
      *weight *= WEIGHT_TYPO;
      return found;
    }

  return NULL;
}

static void
add_query_term (GArray     *query,
                GHashTable *seen,
                const char *key,
                double      weight,
                gboolean    proper)
{
  QueryTerm term = { key, weight, proper };
  gpointer position;

  if (g_hash_table_lookup_extended (seen, key, NULL, &position))
    {
      QueryTerm *old = &g_array_index (query, QueryTerm, GPOINTER_TO_UINT (position));

      old->weight = MAX (old->weight, weight);
      return;
    }

  g_hash_table_insert (seen, (gpointer)key, GUINT_TO_POINTER (query->len));
  g_array_append_val (query, term);
}

static gboolean
is_han_key (const char *key)
{
  return g_unichar_get_script (g_utf8_get_char (key)) == G_UNICODE_SCRIPT_HAN;
}

typedef struct
{
  guint  group;
  double score;
  double matched;
} GroupScore;

static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  const GroupScore *x = a;
  const GroupScore *y = b;

  return (x->score < y->score) - (x->score > y->score);
}

/* Scores every group and returns them with the @n_best best first, best
 * first; and the message's weight. */
static GArray *
score_groups (KefuMatcher *self,
              const char  *text,
              guint        n_best,
              double      *query_weight)
{
  g_autoptr (GArray) terms = kefu_text_analyzer_terms (self->analyzer, text);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GArray) query = g_array_new (FALSE, FALSE, sizeof (QueryTerm));
  GArray *scores = g_array_sized_new (FALSE, TRUE, sizeof (GroupScore), self->groups->len);
  guint n_original;

  for (guint g = 0; g < self->groups->len; g++)
    {
      GroupScore score = { g, 0, 0 };

      g_array_append_val (scores, score);
    }

  for (guint i = 0; i < terms->len && i < MAX_QUERY_TERMS; i++)
    {
      const KefuTerm *term = &g_array_index (terms, KefuTerm, i);
      char *key = term_key (term);
      double weight = term->kind == KEFU_TERM_CHAR ? WEIGHT_CHAR : term->kind == KEFU_TERM_BIGRAM ? WEIGHT_BIGRAM : WEIGHT_WORD;

      g_ptr_array_add (keys, key);
      if (term->kind == KEFU_TERM_WORD)
        {
          const char *corrected = lookup_word (self, term->text, key, &weight);

          if (corrected != NULL)
            key = (char *)corrected;
        }
      add_query_term (query, seen, key, weight, term->proper);
    }

  /* Synonyms of what the message says, a little weaker, and never counted
   * in the message's weight: they may only help. */
  n_original = query->len;
  for (guint i = 0; i < n_original; i++)
    {
      QueryTerm term = g_array_index (query, QueryTerm, i);
      GPtrArray *others = g_hash_table_lookup (self->synonyms, term.key);

      for (guint s = 0; others != NULL && s < others->len; s++)
        if (g_hash_table_contains (self->terms, g_ptr_array_index (others, s)) &&
            !g_hash_table_contains (seen, g_ptr_array_index (others, s)))
          add_query_term (query, seen, g_ptr_array_index (others, s), -term.weight * WEIGHT_SYNONYM, FALSE);
    }

  *query_weight = 0;
  for (guint i = 0; i < query->len; i++)
    {
      const QueryTerm *term = &g_array_index (query, QueryTerm, i);
      TermInfo *info = g_hash_table_lookup (self->terms, term->key);
      double weight = fabs (term->weight);

      /* A bigram nobody wrote mostly straddles two words ("买两" in
       * "买两盒"); its characters already count on their own. */
      if (term->weight > 0 && (info != NULL || g_utf8_strlen (term->key, -1) != 2 ||
                               !is_han_key (term->key)))
        *query_weight += weight * (info != NULL ? info->idf : self->unknown_idf * (term->proper ? WEIGHT_UNKNOWN_NAME : 1));
      /* A term every group has tells none apart. */
      if (info == NULL || info->idf < MIN_IDF)
        continue;

      for (guint p = 0; p < info->postings->len; p++)
        {
          const Posting *posting = &g_array_index (info->postings, Posting, p);
          const GroupInfo *group = &g_array_index (self->groups, GroupInfo, posting->group);
          GroupScore *score = &g_array_index (scores, GroupScore, posting->group);
          double tf = posting->tf_question + ANSWER_WEIGHT * posting->tf_answer;
          double norm = BM25_K1 * (1 - BM25_B + BM25_B * group->length / self->average_length);
          double gain = weight * info->idf * tf * (BM25_K1 + 1) / (tf + norm);

          score->score += gain;
          /* Coverage counts a term fully when the questions have it, and
           * partly when only the answer does. */
          if (term->weight > 0)
            score->matched += weight * info->idf * (posting->tf_question > 0 ? 1.0 : 0.5);
        }
    }

  /* Only the best few matter: move them to the front, best first,
   * without sorting thousands of groups. */
  for (guint k = 0; k < MIN (n_best, scores->len); k++)
    {
      guint best = k;

      for (guint g = k + 1; g < scores->len; g++)
        if (compare_scores (&g_array_index (scores, GroupScore, g), &g_array_index (scores, GroupScore, best)) < 0)
          best = g;
      if (best != k)
        {
          GroupScore swap = g_array_index (scores, GroupScore, k);

          g_array_index (scores, GroupScore, k) = g_array_index (scores, GroupScore, best);
          g_array_index (scores, GroupScore, best) = swap;
        }
    }

  return scores;
}

/**
 * kefu_matcher_match:
 * @text: a customer's message (an email's subject and body, a chat line)
 *
 * Finds the entry that answers @text, in the customer's language, or
 * abstains. A request for a person is a %KEFU_MATCH_HANDOFF whatever else
 * the message says. Runs on any thread (see kefu_matcher_new()).
 *
 * Returns: (transfer full): the match
 */
KefuMatch *
kefu_matcher_match (KefuMatcher *self,
                    const char  *text)
{
  g_autofree char *question = NULL;
  g_autofree char *folded = NULL;
  g_autoptr (GArray) scores = NULL;
  g_autoptr (KefuMatch) match = kefu_match_new (KEFU_MATCH_ABSTAIN);
  const GroupScore *best;
  const GroupScore *second;
  double query_weight = 0;
  const KefuKbEntry *entry;

  g_return_val_if_fail (KEFU_IS_MATCHER (self), NULL);

  question = kefu_text_strip_noise (text);
  folded = kefu_text_analyzer_fold (self->analyzer, question);
  match->lang = g_strdup (kefu_text_analyzer_guess_language (self->analyzer, question));

  if (kefu_handoff_is_requested (folded))
    {
      match->outcome = KEFU_MATCH_HANDOFF;
      match->confidence = 1;
      if (self->handoff_group != NULL)
        {
          match->group = g_strdup (self->handoff_group);
          entry = kefu_knowledge_base_pick (self->knowledge_base, self->handoff_group, match->lang);
          match->entry = entry ? kefu_kb_entry_copy (entry) : NULL;
        }
      return g_steal_pointer (&match);
    }

  if (self->groups->len == 0)
    return g_steal_pointer (&match);

  scores = score_groups (self, question, 2, &query_weight);
  best = &g_array_index (scores, GroupScore, 0);
  second = scores->len > 1 ? &g_array_index (scores, GroupScore, 1) : NULL;
  if (best->score <= 0 || query_weight <= 0)
    return g_steal_pointer (&match);

  match->group = g_strdup (g_array_index (self->groups, GroupInfo, best->group).name);
  if (second != NULL && second->score > 0)
    match->second_group = g_strdup (g_array_index (self->groups, GroupInfo, second->group).name);
  match->score = best->score;
  match->coverage = MIN (1.0, best->matched / query_weight);
  match->margin = second != NULL ? 1 - second->score / best->score : 1;
  match->confidence = match->coverage;

  if (match->confidence < self->min_confidence || match->margin < self->min_margin)
    return g_steal_pointer (&match);

  entry = kefu_knowledge_base_pick (self->knowledge_base, match->group, match->lang);
  if (entry == NULL)
    return g_steal_pointer (&match);

  match->entry = kefu_kb_entry_copy (entry);
  match->outcome = g_strcmp0 (match->group, self->handoff_group) == 0 ? KEFU_MATCH_HANDOFF : KEFU_MATCH_ANSWER;

  return g_steal_pointer (&match);
}

/**
 * kefu_matcher_suggest:
 * @lang: (nullable): the language of the entries to return, or %NULL for
 *   the one @text is written in
 * @max_results: at most this many
 *
 * The entries an agent might send in reply to @text, best first, without
 * abstaining: for the composer's suggestions.
 *
 * Returns: (transfer full) (element-type KefuKbEntry): copies of the entries
 */
GPtrArray *
kefu_matcher_suggest (KefuMatcher *self,
                      const char  *text,
                      const char  *lang,
                      guint        max_results)
{
  g_autofree char *question = NULL;
  g_autoptr (GArray) scores = NULL;
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_kb_entry_free);
  double query_weight = 0;

  g_return_val_if_fail (KEFU_IS_MATCHER (self), results);

  question = kefu_text_strip_noise (text);
  if (lang == NULL)
    lang = kefu_text_analyzer_guess_language (self->analyzer, question);

  scores = score_groups (self, question, max_results, &query_weight);
  for (guint i = 0; i < scores->len && results->len < max_results; i++)
    {
      const GroupScore *score = &g_array_index (scores, GroupScore, i);
      const KefuKbEntry *entry;

      if (score->score <= 0)
        break;
      entry = kefu_knowledge_base_pick (self->knowledge_base,
                                        g_array_index (self->groups, GroupInfo, score->group).name, lang);
      if (entry != NULL)
        g_ptr_array_add (results, kefu_kb_entry_copy (entry));
    }

  return results;
}
