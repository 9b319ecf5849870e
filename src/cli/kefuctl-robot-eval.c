/* kefuctl-robot-eval.c: `kefuctl robot-eval`: how well the robot answers a labelled set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-robot-eval.h"
#include "kefuctl-context.h"

static gboolean
parse_fraction (const char  *text,
                const char  *option,
                double      *out,
                GError     **error)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    return TRUE;

  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || value < 0 || value > 1)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("%s takes a number from 0 to 1."), option);
      return FALSE;
    }
  *out = value;

  return TRUE;
}

static void
print_json (const KefuRobotEval *eval)
{
  const double fractions[] = {
    kefu_robot_eval_accuracy (eval),
    kefu_robot_eval_answer_rate (eval),
    kefu_robot_eval_wrong_answer_rate (eval),
    kefu_robot_eval_handoff_rate (eval),
  };
  char text[G_N_ELEMENTS (fractions)][G_ASCII_DTOSTR_BUF_SIZE];

  /* Three decimals, as the README shows them; json-glib would print
   * every digit of the double. */
  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
    g_ascii_formatd (text[i], sizeof text[i], "%.3f", fractions[i]);

  g_print ("{\"accuracy\": %s, \"answer_rate\": %s, \"wrong_answer_rate\": %s, \"handoff_rate\": %s,\n"
           " \"in_scope\": %u, \"correct\": %u, \"wrong\": %u, \"out_of_scope\": %u, \"handed_off\": %u}\n",
           text[0], text[1], text[2], text[3],
           eval->in_scope, eval->correct, eval->wrong, eval->out_of_scope, eval->handed_off);
}

gboolean
kefuctl_robot_eval_run (KefuctlContext  *context,
                        int              argc,
                        char           **argv,
                        GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (KefuKnowledgeBase) knowledge_base = NULL;
  g_autoptr (KefuMatcher) matcher = NULL;
  g_autoptr (KefuRobotEval) eval = NULL;
  g_autoptr (GFile) dataset = NULL;
  g_autofree char *data = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *min_confidence_text = NULL;
  g_autofree char *min_margin_text = NULL;
  double min_confidence = KEFU_MATCHER_DEFAULT_MIN_CONFIDENCE;
  double min_margin = KEFU_MATCHER_DEFAULT_MIN_MARGIN;
  gboolean json = FALSE;
  gboolean misses = FALSE;
  gboolean details = FALSE;
  gsize length = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for programs"), NULL },
    { "misses", 0, 0, G_OPTION_ARG_NONE, &misses, N_("Also list every question answered wrongly or handed off"), NULL },
    { "details", 0, 0, G_OPTION_ARG_NONE, &details, N_("Also list every question with the best group, confidence and margin"), NULL },
    { "min-confidence", 0, 0, G_OPTION_ARG_STRING, &min_confidence_text, N_("Answer only above this confidence (0 to 1)"), N_("X") },
    { "min-margin", 0, 0, G_OPTION_ARG_STRING, &min_margin_text, N_("Answer only this far ahead of the runner-up (0 to 1)"), N_("X") },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "robot-eval KB DATASET.jsonl",
                                         _("Runs the robot on every question of DATASET.jsonl with the knowledge "
                                           "base KB (JSON or CSV) and prints its accuracy, answer rate, "
                                           "wrong-answer rate and hand-off rate."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 2, 2, error))
    return FALSE;
  if (!parse_fraction (min_confidence_text, "--min-confidence", &min_confidence, error) ||
      !parse_fraction (min_margin_text, "--min-margin", &min_margin, error))
    return FALSE;

  knowledge_base = kefu_knowledge_base_new ();
  if (!kefu_knowledge_base_load_file (knowledge_base, argv[1], error))
    return FALSE;

  dataset = g_file_new_for_commandline_arg (argv[2]);
  if (!g_file_load_contents (dataset, context->cancellable, &data, &length, NULL, error))
    return FALSE;

  matcher = kefu_matcher_new (knowledge_base);
  kefu_matcher_set_min_confidence (matcher, min_confidence);
  kefu_matcher_set_min_margin (matcher, min_margin);

  eval = kefu_robot_eval_new ();
  if (!kefu_robot_eval_run_jsonl (eval, matcher, data, length, error))
    return FALSE;

  if (json)
    {
      print_json (eval);
      return TRUE;
    }

  summary = kefu_robot_eval_format (eval);
  g_print ("%s", summary);
  if (misses)
    for (guint i = 0; i < eval->misses->len; i++)
      g_print ("miss: %s\n", (const char *)g_ptr_array_index (eval->misses, i));
  if (details)
    for (guint i = 0; i < eval->details->len; i++)
      g_print ("detail: %s\n", (const char *)g_ptr_array_index (eval->details, i));

  return TRUE;
}
