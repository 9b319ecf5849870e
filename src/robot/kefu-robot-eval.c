/* kefu-robot-eval.c: measuring the matcher against labelled questions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kefu-robot-eval.h"

/* Lines longer than this are refused: a dataset is questions, not books. */
#define MAX_LINE_BYTES (256 * 1024)

KefuRobotEval *
kefu_robot_eval_new (void)
{
  KefuRobotEval *self = g_new0 (KefuRobotEval, 1);

  self->misses = g_ptr_array_new_with_free_func (g_free);
  self->details = g_ptr_array_new_with_free_func (g_free);

  return self;
}

void
kefu_robot_eval_free (KefuRobotEval *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->misses, g_ptr_array_unref);
  g_clear_pointer (&self->details, g_ptr_array_unref);
  g_free (self);
}

static char *
one_line (const char *text)
{
  char *line = g_strdup (text);

  g_strdelimit (line, "\r\n\t", ' ');

  return line;
}

/**
 * kefu_robot_eval_add:
 * @expected_group: (nullable): the group that answers @question, or %NULL
 *   when a person should
 * @handoff_group: (nullable): the group whose answer is a hand-off
 */
void
kefu_robot_eval_add (KefuRobotEval   *self,
                     const char      *question,
                     const char      *expected_group,
                     const char      *handoff_group,
                     const KefuMatch *match)
{
  g_autofree char *line = one_line (question);
  const char *answered = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (match != NULL);

  if (match->outcome != KEFU_MATCH_ABSTAIN && match->group != NULL)
    answered = match->group;
  /* A hand-off is only an answer where a person was asked for. */
  if (answered != NULL && g_strcmp0 (answered, handoff_group) == 0 &&
      g_strcmp0 (expected_group, handoff_group) != 0)
    answered = NULL;

  g_ptr_array_add (self->details,
                   g_strdup_printf ("%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%s",
                                    expected_group ? expected_group : "-",
                                    match->group ? match->group : "-",
                                    answered ? answered : "-",
                                    match->confidence, match->coverage, match->margin,
                                    match->score, line));

  if (expected_group != NULL)
    {
      self->in_scope++;
      if (answered == NULL)
        g_ptr_array_add (self->misses,
                         g_strdup_printf ("handed off (best %s, conf %.2f, margin %.2f): want %s: %s",
                                          match->group ? match->group : "-", match->confidence,
                                          match->margin, expected_group, line));
      else if (g_str_equal (answered, expected_group))
        self->correct++;
      else
        {
          self->wrong++;
          g_ptr_array_add (self->misses,
                           g_strdup_printf ("WRONG %s (conf %.2f, margin %.2f): want %s: %s",
                                            answered, match->confidence, match->margin,
                                            expected_group, line));
        }
    }
  else
    {
      self->out_of_scope++;
      if (answered == NULL)
        self->handed_off++;
      else
        g_ptr_array_add (self->misses,
                         g_strdup_printf ("ANSWERED out of scope with %s (conf %.2f, margin %.2f): %s",
                                          answered, match->confidence, match->margin, line));
    }
}

static gboolean
run_line (KefuRobotEval  *self,
          KefuMatcher    *matcher,
          const char     *handoff_group,
          const char     *line,
          guint           line_number,
          GError        **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (KefuMatch) match = NULL;
  JsonObject *object;
  JsonNode *node;
  const char *question;
  const char *expected = NULL;

  if (!json_parser_load_from_data (parser, line, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_FORMAT,
                   _("Line %u of the dataset is not a JSON object."), line_number);
      return FALSE;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  node = json_object_get_member (object, "q");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_FORMAT,
                   _("Line %u of the dataset has no question (“q”)."), line_number);
      return FALSE;
    }
  question = json_node_get_string (node);

  node = json_object_get_member (object, "expect_group");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    expected = json_node_get_string (node);

  match = kefu_matcher_match (matcher, question);
  kefu_robot_eval_add (self, question, expected, handoff_group, match);

  return TRUE;
}

/**
 * kefu_robot_eval_run_jsonl:
 * @data: JSON lines: {"q": …, "lang": …, "expect_group": … or null}
 *
 * Runs @matcher on every line and counts the results into @self. The
 * matcher sees only "q".
 */
gboolean
kefu_robot_eval_run_jsonl (KefuRobotEval  *self,
                           KefuMatcher    *matcher,
                           const char     *data,
                           gsize           length,
                           GError        **error)
{
  KefuKnowledgeBase *knowledge_base = kefu_matcher_get_knowledge_base (matcher);
  const char *handoff_group = NULL;
  const char *p = data;
  const char *end = data + length;
  guint line_number = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (KEFU_IS_MATCHER (matcher), FALSE);

  for (guint i = 0; i < kefu_knowledge_base_get_n_entries (knowledge_base); i++)
    {
      const KefuKbEntry *entry = kefu_knowledge_base_get_entry (knowledge_base, i);

      if (entry->enabled && kefu_kb_entry_has_tag (entry, "handoff"))
        {
          handoff_group = entry->group;
          break;
        }
    }

  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *line_end = newline ? newline : end;
      g_autofree char *line = NULL;

      line_number++;
      if (line_end - p > MAX_LINE_BYTES)
        {
          g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_FORMAT,
                       _("Line %u of the dataset is too long."), line_number);
          return FALSE;
        }
      line = g_strstrip (g_strndup (p, line_end - p));
      p = newline ? newline + 1 : end;
      if (*line == '\0')
        continue;
      if (!g_utf8_validate (line, -1, NULL))
        {
          g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_FORMAT,
                       _("Line %u of the dataset is not UTF-8 text."), line_number);
          return FALSE;
        }
      if (!run_line (self, matcher, handoff_group, line, line_number, error))
        return FALSE;
    }

  return TRUE;
}

static double
ratio (guint part,
       guint whole)
{
  return whole > 0 ? (double)part / whole : 0;
}

double
kefu_robot_eval_accuracy (const KefuRobotEval *self)
{
  return ratio (self->correct, self->correct + self->wrong);
}

double
kefu_robot_eval_answer_rate (const KefuRobotEval *self)
{
  return ratio (self->correct + self->wrong, self->in_scope);
}

double
kefu_robot_eval_wrong_answer_rate (const KefuRobotEval *self)
{
  return ratio (self->wrong, self->in_scope);
}

double
kefu_robot_eval_handoff_rate (const KefuRobotEval *self)
{
  return ratio (self->handed_off, self->out_of_scope);
}

/**
 * kefu_robot_eval_format:
 *
 * Returns: (transfer full): the four lines of ../shared/robot/README.md
 */
char *
kefu_robot_eval_format (const KefuRobotEval *self)
{
  char accuracy[G_ASCII_DTOSTR_BUF_SIZE];
  char answer_rate[G_ASCII_DTOSTR_BUF_SIZE];
  char wrong_rate[G_ASCII_DTOSTR_BUF_SIZE];
  char handoff_rate[G_ASCII_DTOSTR_BUF_SIZE];

  /* Machine-readable: keys untranslated, a dot as decimal point. */
  g_ascii_formatd (accuracy, sizeof accuracy, "%.3f", kefu_robot_eval_accuracy (self));
  g_ascii_formatd (answer_rate, sizeof answer_rate, "%.3f", kefu_robot_eval_answer_rate (self));
  g_ascii_formatd (wrong_rate, sizeof wrong_rate, "%.3f", kefu_robot_eval_wrong_answer_rate (self));
  g_ascii_formatd (handoff_rate, sizeof handoff_rate, "%.3f", kefu_robot_eval_handoff_rate (self));

  return g_strdup_printf ("accuracy: %s (%u/%u answered in-scope)\n"
                          "answer_rate: %s (%u/%u in-scope)\n"
                          "wrong_answer_rate: %s (%u/%u in-scope)\n"
                          "handoff_rate: %s (%u/%u out-of-scope)\n",
                          accuracy, self->correct, self->correct + self->wrong,
                          answer_rate, self->correct + self->wrong, self->in_scope,
                          wrong_rate, self->wrong, self->in_scope,
                          handoff_rate, self->handed_off, self->out_of_scope);
}
