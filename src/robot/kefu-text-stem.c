/* kefu-text-stem.c: English word forms and the words that say nothing.
 *
 * A light suffix stripper in the spirit of Porter's step 1: plurals, -ed,
 * -ing, -ly, -ation, then a final e, so "parcels" ↔ "parcel", "shipped" ↔
 * "shipping" ↔ "ship", "stored" ↔ "store". Both the knowledge base and the
 * message go through it, so a stem need not be a real word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-text-analyzer.h"

/* Words that carry no question: function words, greetings, politeness and
 * chat filler, in English and pinyin-free Chinese. General-purpose, not
 * about any one shop. */
static const char *const stopwords[] = {
  "a", "about", "actually", "after", "again", "all", "already", "also", "am", "an", "and",
  "any", "anyone", "anything", "are", "as", "ask", "asking", "at", "be", "been", "before",
  "being", "best", "but", "by", "can", "cheers", "could", "dear", "did", "do", "does",
  "doing", "done", "for", "from", "get", "getting", "got", "guys", "had", "has", "have",
  "having", "he", "hello", "her", "here", "hey", "hi", "him", "his", "how", "i", "if", "im",
  "in", "into", "is", "it", "its", "ive", "just", "kind", "kindly", "know", "let", "like",
  "me", "madam", "many", "may", "maybe", "much", "must", "my", "myself", "need", "no",
  "not", "now", "of", "ok", "okay", "on", "one", "or", "our", "out", "please", "pls",
  "plz", "really", "regards", "say", "says", "she", "should", "sir", "so", "some",
  "someone", "something", "still", "thank", "thanks", "that", "the", "their", "them",
  "then", "there", "these", "they", "thing", "this", "those", "thx", "to", "too", "u",
  "um", "up", "ur", "us", "very", "want", "was", "we", "well", "were", "what", "when",
  "where", "which", "who", "why", "will", "with", "would", "yes", "yet", "you", "your",
  "youre", "yours",
};

/* Han characters that are grammar, not content: particles, pronouns,
 * "please", "ask". Only as single characters; bigrams keep them. */
static const gunichar stop_chars[] = {
  0x4E00, /* 一 */ 0x4E0B, /* 下 */ 0x4E2A, /* 个 */ 0x4E48, /* 么 */ 0x4E4B, /* 之 */
  0x4E86, /* 了 */ 0x4EC0, /* 什 */ 0x4ED6, /* 他 */ 0x4EEC, /* 们 */ 0x4F60, /* 你 */
  0x5417, /* 吗 */ 0x5427, /* 吧 */ 0x5440, /* 呀 */ 0x5462, /* 呢 */ 0x548C, /* 和 */
  0x54C8, /* 哈 */ 0x554A, /* 啊 */ 0x55EF, /* 嗯 */ 0x5728, /* 在 */ 0x5979, /* 她 */
  0x597D, /* 好 */ 0x5B83, /* 它 */ 0x5C31, /* 就 */ 0x5F88, /* 很 */ 0x6211, /* 我 */
  0x662F, /* 是 */ 0x6709, /* 有 */ 0x7684, /* 的 */ 0x8BF7, /* 请 */ 0x95EE, /* 问 */
  0x8FD9, /* 这 */ 0x90A3, /* 那 */ 0x90FD, /* 都 */ 0x4E5F, /* 也 */ 0x8FD8, /* 还 */
  0x5566, /* 啦 */ 0x54E6, /* 哦 */ 0x5457, /* 呗 */ 0x561B, /* 嘛 */ 0x4EB2, /* 亲 */
  0x5F97, /* 得 */ 0x5730, /* 地 */ 0x7740, /* 着 */ 0x8981, /* 要 */ 0x4F1A, /* 会 */
  0x80FD, /* 能 */ 0x53EF, /* 可 */ 0x4EE5, /* 以 */ 0x600E, /* 怎 */ 0x6837, /* 样 */
  0x8C22, /* 谢 */ 0x60A8, /* 您 */ 0x5BB6, /* 家 */ 0x4E0D, /* 不 */ 0x6CA1, /* 没 */
};

/* Two-character words that only make a sentence a question or point at
 * someone, like "how", "what", "where", "we", "you" among the English
 * stopwords. In simplified characters (text is folded first). */
static const char *const stop_bigrams[] = {
  "一下", "一个", "不是", "不能", "为什", "什么", "你们", "可以", "哪里", "哪儿", "如何",
  "怎么", "怎样", "我们", "我的", "是不", "有没", "没有", "能不", "请问", "这个", "那个",
  "他们", "她们", "您好", "你好", "谢谢",
};

static GHashTable *
stop_bigram_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *bigrams = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (stop_bigrams); i++)
        g_hash_table_add (bigrams, (gpointer)stop_bigrams[i]);
      g_once_init_leave (&table, bigrams);
    }

  return table;
}

gboolean
kefu_text_is_stop_bigram (const char *bigram)
{
  return g_hash_table_contains (stop_bigram_table (), bigram);
}

static GHashTable *
stopword_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *words = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (stopwords); i++)
        g_hash_table_add (words, (gpointer)stopwords[i]);
      g_once_init_leave (&table, words);
    }

  return table;
}

gboolean
kefu_text_is_stopword (const char *word)
{
  return g_hash_table_contains (stopword_table (), word);
}

gboolean
kefu_text_is_stop_char (gunichar c)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *chars = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (stop_chars); i++)
        g_hash_table_add (chars, GUINT_TO_POINTER (stop_chars[i]));
      g_once_init_leave (&table, chars);
    }

  return g_hash_table_contains (table, GUINT_TO_POINTER (c));
}

static gboolean
ends_with (const char *word,
           gsize       length,
           const char *suffix)
{
  gsize suffix_length = strlen (suffix);

  return length >= suffix_length && memcmp (word + length - suffix_length, suffix, suffix_length) == 0;
}

static gboolean
is_vowel (char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* "shipp" → "ship", but "fall" and "press" keep their pairs. */
static void
undouble (char  *word,
          gsize *length)
{
  char last;

  if (*length < 3)
    return;
  last = word[*length - 1];
  if (last == word[*length - 2] && !is_vowel (last) && last != 'l' && last != 's' && last != 'z')
    word[--*length] = '\0';
}

static gboolean
has_vowel (const char *word,
           gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (is_vowel (word[i]) || (i > 0 && word[i] == 'y'))
      return TRUE;

  return FALSE;
}

/**
 * kefu_text_stem:
 * @word: a lower-case word
 *
 * Returns: (transfer full): its stem; words with non-ASCII letters are
 *   returned as they are
 */
char *
kefu_text_stem (const char *word)
{
  g_autofree char *stem = g_strdup (word);
  gsize length = strlen (stem);

  for (gsize i = 0; i < length; i++)
    if ((guchar)stem[i] >= 0x80)
      return g_steal_pointer (&stem);

  if (length <= 3)
    return g_steal_pointer (&stem);

  if (ends_with (stem, length, "ies") && length > 4)
    {
      length -= 2;
      stem[length - 1] = 'y';
    }
  else if (ends_with (stem, length, "sses"))
    {
      length -= 2;
    }
  else if (ends_with (stem, length, "s") && !ends_with (stem, length, "ss") &&
           !ends_with (stem, length, "us") && !ends_with (stem, length, "is"))
    {
      length -= 1;
    }
  stem[length] = '\0';

  if (ends_with (stem, length, "ied") && length > 4)
    {
      length -= 2;
      stem[length - 1] = 'y';
      stem[length] = '\0';
    }
  else if (ends_with (stem, length, "ing") && length >= 6 && has_vowel (stem, length - 3))
    {
      length -= 3;
      stem[length] = '\0';
      undouble (stem, &length);
    }
  else if (ends_with (stem, length, "ed") && length >= 5 && has_vowel (stem, length - 2))
    {
      length -= 2;
      stem[length] = '\0';
      undouble (stem, &length);
    }

  if (ends_with (stem, length, "ation") && length >= 9)
    {
      length -= 5;
      stem[length] = '\0';
      undouble (stem, &length);
    }
  else if (ends_with (stem, length, "ly") && length >= 6)
    {
      length -= 2;
      stem[length] = '\0';
    }

  /* British doubling: "cancelled", "travelling". */
  if (ends_with (stem, length, "ell") && length >= 6)
    stem[--length] = '\0';

  if (length > 3 && stem[length - 1] == 'e')
    stem[--length] = '\0';

  return g_steal_pointer (&stem);
}
