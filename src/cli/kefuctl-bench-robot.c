/* kefuctl-bench-robot.c: `kefuctl bench robot`: how fast the matcher indexes and answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a knowledge base of --entries entries (10,000 by default) out of
 * the words of a real one (the sample tea shop's, or --kb FILE), half in
 * English and half in Chinese, indexes it and times the matcher on
 * --messages messages made the same way (or the "q" of every line of
 * --dataset FILE). The aim is under 2 ms per message.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "kefu-matcher.h"
#include "kefuctl-context.h"

typedef struct
{
  GPtrArray *words;    /* English words of the sample */
  GPtrArray *hanzi;    /* Han characters of the sample */
  GRand     *rand;
} Vocabulary;

static void
vocabulary_clear (Vocabulary *vocabulary)
{
  g_clear_pointer (&vocabulary->words, g_ptr_array_unref);
  g_clear_pointer (&vocabulary->hanzi, g_ptr_array_unref);
  g_clear_pointer (&vocabulary->rand, g_rand_free);
}

static void
collect (Vocabulary *vocabulary,
         GHashTable *seen,
         const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *start = p;

      if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN)
        {
          p = g_utf8_next_char (p);
          if (g_hash_table_add (seen, g_strndup (start, p - start)))
            g_ptr_array_add (vocabulary->hanzi, g_strndup (start, p - start));
        }
      else if (g_ascii_isalpha (*p))
        {
          while (g_ascii_isalpha (*p))
            p++;
          if (g_hash_table_add (seen, g_ascii_strdown (start, p - start)))
            g_ptr_array_add (vocabulary->words, g_ascii_strdown (start, p - start));
        }
      else
        {
          p = g_utf8_next_char (p);
        }
    }
}

/* Words in real text follow Zipf's law: a few are everywhere, most are
 * rare. Picks an index with probability about 1 / (rank + 1). */
static guint
zipf_index (GRand *rand,
            guint  n)
{
  guint index = (guint)exp (g_rand_double (rand) * log (n + 1.0)) - 1;

  return MIN (index, n - 1);
}

/* A sentence of @n_words: English words, or Han characters in pairs. */
static char *
make_text (Vocabulary *vocabulary,
           gboolean    chinese,
           guint       n_words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      if (chinese)
        {
          for (guint c = 0; c < 2; c++)
            g_string_append (text, g_ptr_array_index (vocabulary->hanzi,
                                                      zipf_index (vocabulary->rand, vocabulary->hanzi->len)));
        }
      else
        {
          if (i > 0)
            g_string_append_c (text, ' ');
          g_string_append (text, g_ptr_array_index (vocabulary->words,
                                                    zipf_index (vocabulary->rand, vocabulary->words->len)));
          /* Product and place names, so the vocabulary grows with the base. */
          if (g_rand_int_range (vocabulary->rand, 0, 8) == 0)
            g_string_append_printf (text, " item%u", g_rand_int_range (vocabulary->rand, 0, 20000));
        }
    }
  g_string_append_c (text, chinese ? 0xFF1F : '?');

  return g_string_free (text, FALSE);
}

static KefuKbEntry *
make_entry (Vocabulary *vocabulary,
            guint       i)
{
  gboolean chinese = i % 2 == 1;
  g_autofree char *id = g_strdup_printf ("bench-%05u", i);
  g_autofree char *group = g_strdup_printf ("group-%05u", i / 2);
  g_autofree char *question = make_text (vocabulary, chinese, g_rand_int_range (vocabulary->rand, 4, 10));
  g_autofree char *answer = make_text (vocabulary, chinese, g_rand_int_range (vocabulary->rand, 25, 60));
  KefuKbEntry *entry = kefu_kb_entry_new (id, group, chinese ? "zh-Hans" : "en", question, answer);

  g_strfreev (entry->alternates);
  entry->alternates = g_new0 (char *, 4);
  for (guint a = 0; a < 3; a++)
    entry->alternates[a] = make_text (vocabulary, chinese, g_rand_int_range (vocabulary->rand, 4, 10));

  return entry;
}

static GPtrArray *
load_questions (const char  *path,
                GError     **error)
{
  g_autofree char *data = NULL;
  g_auto (GStrv) lines = NULL;
  GPtrArray *questions = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (path, &data, NULL, error))
    {
      g_ptr_array_unref (questions);
      return NULL;
    }

  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (*g_strstrip (lines[i]) == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;
      root = json_parser_get_root (parser);
      if (JSON_NODE_HOLDS_OBJECT (root) && json_object_has_member (json_node_get_object (root), "q"))
        g_ptr_array_add (questions, g_strdup (json_object_get_string_member (json_node_get_object (root), "q")));
    }

  return questions;
}

/* CPU time of this thread, in microseconds: on a busy machine wall-clock
 * time also counts the other programs. */
static gint64
cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);

  return (gint64)now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

gboolean
kefuctl_bench_robot_run (KefuctlContext  *context,
                         int              argc,
                         char           **argv,
                         GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (KefuKnowledgeBase) sample = kefu_knowledge_base_new ();
  g_autoptr (KefuKnowledgeBase) knowledge_base = kefu_knowledge_base_new ();
  g_autoptr (KefuMatcher) matcher = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) questions = NULL;
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *kb_path = NULL;
  g_autofree char *dataset = NULL;
  Vocabulary vocabulary = { 0 };
  int entries = 10000;
  int messages = 1000;
  int seed = 1;
  guint answered = 0;
  double total = 0;
  gint64 start;
  gint64 start_cpu;
  double build_ms;
  double build_cpu_ms;
  double match_cpu_ms;
  const GOptionEntry option_entries[] = {
    { "entries", 0, 0, G_OPTION_ARG_INT, &entries, N_("Knowledge-base entries (default 10000)"), N_("N") },
    { "messages", 0, 0, G_OPTION_ARG_INT, &messages, N_("Messages to match (default 1000)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed (default 1)"), N_("S") },
    { "kb", 0, 0, G_OPTION_ARG_FILENAME, &kb_path, N_("Take the words from this knowledge base"), N_("FILE") },
    { "dataset", 0, 0, G_OPTION_ARG_FILENAME, &dataset, N_("Time the questions of this JSON-lines file instead"), N_("FILE") },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "bench robot",
                                         _("Indexes a large generated knowledge base and times the robot's "
                                           "matcher on many messages."),
                                         option_entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 1, error))
    return FALSE;
  if (entries < 2 || entries > 1000000 || messages < 1 || messages > 1000000)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("--entries must be 2–1000000 and --messages 1–1000000."));
      return FALSE;
    }

  if (kb_path == NULL)
    {
      g_autoptr (GBytes) bytes = NULL;
      g_autofree char *source_kb = g_build_filename (g_getenv ("KEFU_SOURCE_DIR") ? g_getenv ("KEFU_SOURCE_DIR") : ".",
                                                     "tests", "corpora", "robot", "kb.json", NULL);

      kb_path = g_steal_pointer (&source_kb);
    }
  if (!kefu_knowledge_base_load_file (sample, kb_path, error))
    {
      g_prefix_error (error, _("Pass the sample knowledge base with --kb: "));
      return FALSE;
    }

  vocabulary.words = g_ptr_array_new_with_free_func (g_free);
  vocabulary.hanzi = g_ptr_array_new_with_free_func (g_free);
  vocabulary.rand = g_rand_new_with_seed (seed);
  for (guint i = 0; i < kefu_knowledge_base_get_n_entries (sample); i++)
    {
      const KefuKbEntry *entry = kefu_knowledge_base_get_entry (sample, i);

      collect (&vocabulary, seen, entry->question);
      collect (&vocabulary, seen, entry->answer);
      for (guint a = 0; entry->alternates[a] != NULL; a++)
        collect (&vocabulary, seen, entry->alternates[a]);
    }
  if (vocabulary.words->len == 0 || vocabulary.hanzi->len == 0)
    {
      vocabulary_clear (&vocabulary);
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("The knowledge base needs English and Chinese text to build a benchmark from."));
      return FALSE;
    }

  for (int i = 0; i < entries; i++)
    kefu_knowledge_base_take_entry (knowledge_base, make_entry (&vocabulary, i));

  start = g_get_monotonic_time ();
  start_cpu = cpu_time ();
  matcher = kefu_matcher_new (knowledge_base);
  build_ms = (g_get_monotonic_time () - start) / 1000.0;
  build_cpu_ms = (cpu_time () - start_cpu) / 1000.0;

  if (dataset != NULL)
    {
      questions = load_questions (dataset, error);
      if (questions == NULL)
        {
          vocabulary_clear (&vocabulary);
          return FALSE;
        }
    }
  else
    {
      questions = g_ptr_array_new_with_free_func (g_free);
      for (int i = 0; i < messages; i++)
        g_ptr_array_add (questions, make_text (&vocabulary, i % 2 == 1, g_rand_int_range (vocabulary.rand, 5, 25)));
    }
  vocabulary_clear (&vocabulary);

  start_cpu = cpu_time ();
  for (int i = 0; i < messages && questions->len > 0; i++)
    {
      g_autoptr (KefuMatch) match = NULL;
      double ms;

      start = g_get_monotonic_time ();
      match = kefu_matcher_match (matcher, g_ptr_array_index (questions, i % questions->len));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      total += ms;
      if (match->outcome != KEFU_MATCH_ABSTAIN)
        answered++;
    }
  match_cpu_ms = (cpu_time () - start_cpu) / 1000.0;
  g_array_sort (times, compare_double);

  g_print (_("entries: %d (%u groups)\n"), entries, (entries + 1) / 2);
  g_print (_("index build: %.0f ms (%.0f ms of CPU time)\n"), build_ms, build_cpu_ms);
  if (times->len > 0)
    {
      g_print (_("messages: %u (%u answered or handed off)\n"), times->len, answered);
      g_print (_("per message: mean %.3f ms (%.3f ms of CPU time), median %.3f ms, 95th percentile %.3f ms, slowest %.3f ms\n"),
               total / times->len, match_cpu_ms / times->len,
               g_array_index (times, double, times->len / 2),
               g_array_index (times, double, (times->len * 95) / 100),
               g_array_index (times, double, times->len - 1));
    }

  return TRUE;
}
