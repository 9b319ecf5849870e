/* kefu-rules.c: the shop's rules, run in order on every inbound message.
 *
 * The rules are kept as a JSON list in the store setting "robot-rules"
 * (see kefu-rule.c for one rule). Every enabled rule whose conditions hold
 * adds its actions, in order, until a rule that says "stop" matched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-rules.h"

/* More rules than this in a setting are refused. */
#define MAX_RULES (1000)

struct _KefuRules
{
  GObject           parent_instance;

  /* owned */
  GPtrArray        *rules;      /* KefuRule */
  KefuTextAnalyzer *analyzer;
};

G_DEFINE_FINAL_TYPE (KefuRules, kefu_rules, G_TYPE_OBJECT)

static void
kefu_rules_finalize (GObject *object)
{
  KefuRules *self = (KefuRules *)object;

  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_object (&self->analyzer);

  G_OBJECT_CLASS (kefu_rules_parent_class)->finalize (object);
}

static void
kefu_rules_class_init (KefuRulesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kefu_rules_finalize;
}

static void
kefu_rules_init (KefuRules *self)
{
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_rule_unref);
  self->analyzer = kefu_text_analyzer_new ();
}

/**
 * kefu_rules_new:
 *
 * Returns: (transfer full): no rules
 */
KefuRules *
kefu_rules_new (void)
{
  return g_object_new (KEFU_TYPE_RULES, NULL);
}

/**
 * kefu_rules_load_json:
 * @json: a JSON list of rules, or %NULL or "" for none
 *
 * Replaces the rules; on error they stay as they were.
 */
gboolean
kefu_rules_load_json (KefuRules   *self,
                      const char  *json,
                      GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_rule_unref);
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (KEFU_IS_RULES (self), FALSE);

  if (json == NULL || *json == '\0')
    {
      g_ptr_array_set_size (self->rules, 0);
      return TRUE;
    }

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, KEFU_RULE_ERROR, KEFU_RULE_ERROR_INVALID,
                   _("The robot's rules are not valid JSON: %s"), local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root) || json_array_get_length (json_node_get_array (root)) > MAX_RULES)
    {
      g_set_error (error, KEFU_RULE_ERROR, KEFU_RULE_ERROR_INVALID,
                   _("The robot's rules must be a list of at most %d rules."), MAX_RULES);
      return FALSE;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      KefuRule *rule = kefu_rule_new_from_json (json_array_get_element (array, i), error);

      if (rule == NULL)
        return FALSE;
      kefu_rule_fold_words (rule, self->analyzer);
      g_ptr_array_add (rules, rule);
    }

  g_ptr_array_unref (self->rules);
  self->rules = g_steal_pointer (&rules);

  return TRUE;
}

/**
 * kefu_rules_to_json:
 *
 * Returns: (transfer full): the rules as kefu_rules_load_json() reads them
 */
char *
kefu_rules_to_json (KefuRules *self)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  g_return_val_if_fail (KEFU_IS_RULES (self), NULL);

  for (guint i = 0; i < self->rules->len; i++)
    json_array_add_element (array, kefu_rule_to_json (g_ptr_array_index (self->rules, i)));
  json_node_take_array (root, array);

  return json_to_string (root, TRUE);
}

guint
kefu_rules_get_n_rules (KefuRules *self)
{
  g_return_val_if_fail (KEFU_IS_RULES (self), 0);

  return self->rules->len;
}

/**
 * kefu_rules_get_rule:
 *
 * Returns: (transfer none): the rule at @position
 */
KefuRule *
kefu_rules_get_rule (KefuRules *self,
                     guint      position)
{
  g_return_val_if_fail (KEFU_IS_RULES (self), NULL);
  g_return_val_if_fail (position < self->rules->len, NULL);

  return g_ptr_array_index (self->rules, position);
}

static void
clear_action (gpointer data)
{
  KefuRuleAction *action = data;

  g_clear_pointer (&action->text, g_free);
}

/**
 * kefu_rules_evaluate:
 * @matched_names: (out) (optional) (transfer full) (element-type utf8):
 *   the names of the rules that matched
 *
 * Runs the rules on one inbound message. Thread-safe as long as nobody
 * loads new rules meanwhile.
 *
 * Returns: (transfer full) (element-type KefuRuleAction): copies of the
 *   actions to take, in order
 */
GArray *
kefu_rules_evaluate (KefuRules           *self,
                     const KefuRuleInput *input,
                     GPtrArray          **matched_names)
{
  g_autofree char *folded = NULL;
  GArray *actions = g_array_new (FALSE, TRUE, sizeof (KefuRuleAction));
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_array_set_clear_func (actions, clear_action);

  g_return_val_if_fail (KEFU_IS_RULES (self), actions);
  g_return_val_if_fail (input != NULL, actions);

  folded = kefu_text_analyzer_fold (self->analyzer, input->text);
  for (guint i = 0; i < self->rules->len; i++)
    {
      KefuRule *rule = g_ptr_array_index (self->rules, i);
      GArray *rule_actions;

      if (!kefu_rule_matches (rule, input, folded))
        continue;

      g_ptr_array_add (names, g_strdup (kefu_rule_get_name (rule)));
      rule_actions = kefu_rule_get_actions (rule);
      for (guint a = 0; a < rule_actions->len; a++)
        {
          KefuRuleAction copy = g_array_index (rule_actions, KefuRuleAction, a);

          copy.text = g_strdup (copy.text);
          g_array_append_val (actions, copy);
        }
      if (kefu_rule_get_stop (rule))
        break;
    }

  if (matched_names != NULL)
    *matched_names = names;
  else
    g_ptr_array_unref (names);

  return actions;
}
