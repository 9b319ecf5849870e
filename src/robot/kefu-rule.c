/* kefu-rule.c: one rule: when an inbound message looks like this, do that.
 *
 * A rule as JSON (the setting "robot-rules" holds a list of them):
 *
 *   { "name": "Out of hours", "enabled": true, "stop": false,
 *     "when": { "channels": ["chat", "email"], "accounts": [2],
 *               "words": ["invoice", "发票"], "pattern": "LT\\d{8}",
 *               "tags": ["vip"], "hours": "closed" },
 *     "then": [ { "reply": "Hello {name}, we open at 9:00." },
 *               { "tag": "after-hours" }, { "priority": "high" },
 *               { "assign": 3 }, { "status": "pending" },
 *               { "handoff": "asked for the owner" }, { "notify": "VIP wrote" } ] }
 *
 * Every condition present must hold; within a list, any item will do.
 * Words are matched whole (English) or as substrings (Chinese), after the
 * same folding as the matcher (case, width, traditional → simplified).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kefu-enums.h"
#include "kefu-rule.h"

/* Bounds on one rule, so a broken setting cannot eat the robot. */
#define MAX_ITEMS      (256)
#define MAX_TEXT_BYTES (8 * 1024)

struct _KefuRule
{
  gatomicrefcount  ref_count;

  char            *name;
  gboolean         enabled;
  gboolean         stop;

  guint            channels;        /* bit per KefuChannelKind; 0: any */
  GArray          *accounts;        /* gint64; empty: any */
  GPtrArray       *words;           /* folded; empty: any */
  char            *pattern;
  GRegex          *regex;
  GPtrArray       *tags;            /* empty: any */
  KefuRuleHours    hours;

  GArray          *actions;         /* KefuRuleAction */
};

G_DEFINE_BOXED_TYPE (KefuRule, kefu_rule, kefu_rule_ref, kefu_rule_unref)
G_DEFINE_QUARK (kefu-rule-error-quark, kefu_rule_error)

static const char *const action_names[] = {
  [KEFU_RULE_ACTION_REPLY] = "reply",
  [KEFU_RULE_ACTION_TAG] = "tag",
  [KEFU_RULE_ACTION_PRIORITY] = "priority",
  [KEFU_RULE_ACTION_ASSIGN] = "assign",
  [KEFU_RULE_ACTION_STATUS] = "status",
  [KEFU_RULE_ACTION_HANDOFF] = "handoff",
  [KEFU_RULE_ACTION_NOTIFY] = "notify",
};

static const char *const hours_names[] = {
  [KEFU_RULE_HOURS_ANY] = "any",
  [KEFU_RULE_HOURS_OPEN] = "open",
  [KEFU_RULE_HOURS_CLOSED] = "closed",
};

static void
clear_action (gpointer data)
{
  KefuRuleAction *action = data;

  g_clear_pointer (&action->text, g_free);
}

static KefuRule *
kefu_rule_new (void)
{
  KefuRule *self = g_new0 (KefuRule, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->enabled = TRUE;
  self->accounts = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->words = g_ptr_array_new_with_free_func (g_free);
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->actions = g_array_new (FALSE, TRUE, sizeof (KefuRuleAction));
  g_array_set_clear_func (self->actions, clear_action);

  return self;
}

KefuRule *
kefu_rule_ref (KefuRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
kefu_rule_unref (KefuRule *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->name);
  g_array_unref (self->accounts);
  g_ptr_array_unref (self->words);
  g_free (self->pattern);
  g_clear_pointer (&self->regex, g_regex_unref);
  g_ptr_array_unref (self->tags);
  g_array_unref (self->actions);
  g_free (self);
}

static gboolean
invalid (GError     **error,
         const char  *name,
         const char  *what)
{
  g_set_error (error, KEFU_RULE_ERROR, KEFU_RULE_ERROR_INVALID,
               /* Translators: %1$s is a rule's name, %2$s what is wrong with it */
               _("The rule “%1$s” is not valid: %2$s"), name ? name : "?", what);
  return FALSE;
}

static const char *
get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

  return g_utf8_casefold (normal ? normal : text, -1);
}

static gboolean
read_strings (KefuRule    *self,
              JsonObject  *when,
              const char  *member,
              GPtrArray   *into,
              gboolean     folded,
              GError     **error)
{
  JsonNode *node = json_object_get_member (when, member);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) > MAX_ITEMS)
    return invalid (error, self->name, member);

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *value = get_string (json_array_get_element (array, i));

      if (value == NULL || *value == '\0' || strlen (value) > MAX_TEXT_BYTES)
        return invalid (error, self->name, member);
      g_ptr_array_add (into, folded ? fold (value) : g_strdup (value));
    }

  return TRUE;
}

static gboolean
read_when (KefuRule    *self,
           JsonObject  *when,
           GError     **error)
{
  JsonNode *node;
  const char *text;

  node = json_object_get_member (when, "channels");
  if (node != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return invalid (error, self->name, "channels");
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array) && i < MAX_ITEMS; i++)
        {
          int channel;

          if (!kefu_enum_from_nick (KEFU_TYPE_CHANNEL_KIND, get_string (json_array_get_element (array, i)), &channel))
            return invalid (error, self->name, "channels");
          self->channels |= 1u << channel;
        }
    }

  node = json_object_get_member (when, "accounts");
  if (node != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return invalid (error, self->name, "accounts");
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array) && i < MAX_ITEMS; i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          gint64 account;

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_INT64)
            return invalid (error, self->name, "accounts");
          account = json_node_get_int (item);
          g_array_append_val (self->accounts, account);
        }
    }

  if (!read_strings (self, when, "words", self->words, TRUE, error) ||
      !read_strings (self, when, "tags", self->tags, FALSE, error))
    return FALSE;

  text = get_string (json_object_get_member (when, "pattern"));
  if (text != NULL)
    {
      g_autoptr (GError) regex_error = NULL;

      self->pattern = g_strdup (text);
      self->regex = g_regex_new (text, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &regex_error);
      if (self->regex == NULL)
        return invalid (error, self->name, regex_error->message);
    }

  text = get_string (json_object_get_member (when, "hours"));
  if (text != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (hours_names); i++)
        if (g_str_equal (text, hours_names[i]))
          break;
      if (i == G_N_ELEMENTS (hours_names))
        return invalid (error, self->name, "hours");
      self->hours = i;
    }

  return TRUE;
}

static gboolean
read_action (KefuRule    *self,
             JsonNode    *node,
             GError     **error)
{
  KefuRuleAction action = { 0, };
  JsonObject *object;
  JsonNode *value;
  guint kind;

  if (!JSON_NODE_HOLDS_OBJECT (node) || json_object_get_size (json_node_get_object (node)) != 1)
    return invalid (error, self->name, _("each action has one kind"));
  object = json_node_get_object (node);

  for (kind = 0; kind < G_N_ELEMENTS (action_names); kind++)
    if (json_object_has_member (object, action_names[kind]))
      break;
  if (kind == G_N_ELEMENTS (action_names))
    return invalid (error, self->name, _("unknown action"));

  action.kind = kind;
  value = json_object_get_member (object, action_names[kind]);
  switch (action.kind)
    {
    case KEFU_RULE_ACTION_REPLY:
    case KEFU_RULE_ACTION_TAG:
    case KEFU_RULE_ACTION_NOTIFY:
      if (get_string (value) == NULL || *get_string (value) == '\0' || strlen (get_string (value)) > MAX_TEXT_BYTES)
        return invalid (error, self->name, action_names[kind]);
      action.text = g_strdup (get_string (value));
      break;
    case KEFU_RULE_ACTION_HANDOFF:
      action.text = g_strdup (get_string (value));
      break;
    case KEFU_RULE_ACTION_PRIORITY:
    case KEFU_RULE_ACTION_STATUS:
      {
        int number;

        if (!kefu_enum_from_nick (kind == KEFU_RULE_ACTION_PRIORITY ? KEFU_TYPE_PRIORITY : KEFU_TYPE_TICKET_STATUS,
                                  get_string (value), &number))
          return invalid (error, self->name, action_names[kind]);
        action.number = number;
      }
      break;
    case KEFU_RULE_ACTION_ASSIGN:
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
        return invalid (error, self->name, action_names[kind]);
      action.number = json_node_get_int (value);
      break;
    default:
      g_assert_not_reached ();
    }

  g_array_append_val (self->actions, action);

  return TRUE;
}

/**
 * kefu_rule_new_from_json:
 *
 * Returns: (transfer full) (nullable): the rule, or %NULL with
 *   %KEFU_RULE_ERROR_INVALID
 */
KefuRule *
kefu_rule_new_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr (KefuRule) self = kefu_rule_new ();
  JsonObject *object;
  JsonNode *member;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, NULL, _("a rule is a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);

  self->name = g_strdup (get_string (json_object_get_member (object, "name")));
  if (self->name == NULL || strlen (self->name) > MAX_TEXT_BYTES)
    {
      invalid (error, NULL, _("it has no name"));
      return NULL;
    }

  member = json_object_get_member (object, "enabled");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_BOOLEAN)
    self->enabled = json_node_get_boolean (member);
  member = json_object_get_member (object, "stop");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_BOOLEAN)
    self->stop = json_node_get_boolean (member);

  member = json_object_get_member (object, "when");
  if (member != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (member))
        {
          invalid (error, self->name, "when");
          return NULL;
        }
      if (!read_when (self, json_node_get_object (member), error))
        return NULL;
    }

  member = json_object_get_member (object, "then");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member) ||
      json_array_get_length (json_node_get_array (member)) == 0 ||
      json_array_get_length (json_node_get_array (member)) > MAX_ITEMS)
    {
      invalid (error, self->name, _("it has no actions"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (member)); i++)
    if (!read_action (self, json_array_get_element (json_node_get_array (member), i), error))
      return NULL;

  return g_steal_pointer (&self);
}

/**
 * kefu_rule_to_json:
 *
 * Returns: (transfer full): @self as kefu_rule_new_from_json() reads it
 */
JsonNode *
kefu_rule_to_json (const KefuRule *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, self->enabled);
  json_builder_set_member_name (builder, "stop");
  json_builder_add_boolean_value (builder, self->stop);

  json_builder_set_member_name (builder, "when");
  json_builder_begin_object (builder);
  if (self->channels != 0)
    {
      json_builder_set_member_name (builder, "channels");
      json_builder_begin_array (builder);
      for (int c = KEFU_CHANNEL_KIND_EMAIL; c <= KEFU_CHANNEL_KIND_PHONE; c++)
        if (self->channels & (1u << c))
          json_builder_add_string_value (builder, kefu_enum_to_nick (KEFU_TYPE_CHANNEL_KIND, c));
      json_builder_end_array (builder);
    }
  if (self->accounts->len > 0)
    {
      json_builder_set_member_name (builder, "accounts");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->accounts->len; i++)
        json_builder_add_int_value (builder, g_array_index (self->accounts, gint64, i));
      json_builder_end_array (builder);
    }
  if (self->words->len > 0)
    {
      json_builder_set_member_name (builder, "words");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->words->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (self->words, i));
      json_builder_end_array (builder);
    }
  if (self->pattern != NULL)
    {
      json_builder_set_member_name (builder, "pattern");
      json_builder_add_string_value (builder, self->pattern);
    }
  if (self->tags->len > 0)
    {
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->tags->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (self->tags, i));
      json_builder_end_array (builder);
    }
  if (self->hours != KEFU_RULE_HOURS_ANY)
    {
      json_builder_set_member_name (builder, "hours");
      json_builder_add_string_value (builder, hours_names[self->hours]);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "then");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->actions->len; i++)
    {
      const KefuRuleAction *action = &g_array_index (self->actions, KefuRuleAction, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, action_names[action->kind]);
      switch (action->kind)
        {
        case KEFU_RULE_ACTION_PRIORITY:
          json_builder_add_string_value (builder, kefu_enum_to_nick (KEFU_TYPE_PRIORITY, action->number));
          break;
        case KEFU_RULE_ACTION_STATUS:
          json_builder_add_string_value (builder, kefu_enum_to_nick (KEFU_TYPE_TICKET_STATUS, action->number));
          break;
        case KEFU_RULE_ACTION_ASSIGN:
          json_builder_add_int_value (builder, action->number);
          break;
        case KEFU_RULE_ACTION_HANDOFF:
          if (action->text == NULL)
            {
              json_builder_add_boolean_value (builder, TRUE);
              break;
            }
          G_GNUC_FALLTHROUGH;
        case KEFU_RULE_ACTION_REPLY:
        case KEFU_RULE_ACTION_TAG:
        case KEFU_RULE_ACTION_NOTIFY:
        default:
          json_builder_add_string_value (builder, action->text);
          break;
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

const char *
kefu_rule_get_name (const KefuRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

gboolean
kefu_rule_get_enabled (const KefuRule *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->enabled;
}

/**
 * kefu_rule_get_stop:
 *
 * Whether no later rule runs once this one matched.
 */
gboolean
kefu_rule_get_stop (const KefuRule *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->stop;
}

/**
 * kefu_rule_get_actions:
 *
 * Returns: (transfer none) (element-type KefuRuleAction): the actions
 */
GArray *
kefu_rule_get_actions (const KefuRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->actions;
}

static gboolean
is_word_char_at (const char *text,
                 const char *p)
{
  gunichar c;

  if (p < text || *p == '\0')
    return FALSE;
  c = g_utf8_get_char (p);

  return g_unichar_isalnum (c) && g_unichar_get_script (c) != G_UNICODE_SCRIPT_HAN;
}

/* @word in @text, whole if it starts and ends with a letter of a script
 * that separates words. */
static gboolean
contains_word (const char *text,
               const char *word)
{
  gsize length = strlen (word);

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    {
      const char *before = p > text ? g_utf8_prev_char (p) : NULL;
      gboolean starts_word = is_word_char_at (word, word);
      gboolean ends_word = is_word_char_at (word, g_utf8_prev_char (word + length));

      if (starts_word && before != NULL && is_word_char_at (text, before))
        continue;
      if (ends_word && is_word_char_at (text, p + length))
        continue;
      return TRUE;
    }

  return FALSE;
}

/**
 * kefu_rule_matches:
 * @folded_text: @input's text after kefu_text_analyzer_fold()
 *
 * Whether every condition of @self holds for @input; a disabled rule never
 * matches.
 */
gboolean
kefu_rule_matches (const KefuRule      *self,
                   const KefuRuleInput *input,
                   const char          *folded_text)
{
  gboolean found;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  if (!self->enabled)
    return FALSE;

  if (self->channels != 0 && (self->channels & (1u << input->channel)) == 0)
    return FALSE;

  if (self->accounts->len > 0)
    {
      found = FALSE;
      for (guint i = 0; i < self->accounts->len && !found; i++)
        found = g_array_index (self->accounts, gint64, i) == input->account_id;
      if (!found)
        return FALSE;
    }

  if (self->words->len > 0)
    {
      found = FALSE;
      for (guint i = 0; i < self->words->len && !found; i++)
        found = folded_text != NULL && contains_word (folded_text, g_ptr_array_index (self->words, i));
      if (!found)
        return FALSE;
    }

  if (self->regex != NULL && (input->text == NULL || !g_regex_match (self->regex, input->text, 0, NULL)))
    return FALSE;

  if (self->tags->len > 0)
    {
      found = FALSE;
      for (guint i = 0; i < self->tags->len && !found; i++)
        found = input->tags != NULL && g_strv_contains (input->tags, g_ptr_array_index (self->tags, i));
      if (!found)
        return FALSE;
    }

  if (self->hours != KEFU_RULE_HOURS_ANY)
    {
      gboolean open = input->hours == NULL || kefu_business_hours_is_open (input->hours, input->now);

      if (open != (self->hours == KEFU_RULE_HOURS_OPEN))
        return FALSE;
    }

  return TRUE;
}

/**
 * kefu_rule_fold_words:
 *
 * Folds the rule's words the way @analyzer folds messages, so a word in
 * traditional characters matches a message in simplified ones.
 */
void
kefu_rule_fold_words (KefuRule         *self,
                      KefuTextAnalyzer *analyzer)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->words->len; i++)
    {
      char *folded = kefu_text_analyzer_fold (analyzer, g_ptr_array_index (self->words, i));

      g_free (g_ptr_array_index (self->words, i));
      g_ptr_array_index (self->words, i) = folded;
    }
}

/**
 * kefu_rule_expand_template:
 * @customer_name: (nullable): replaces "{name}"
 * @ticket_number: replaces "{ticket}"; 0 for none
 *
 * Returns: (transfer full): the reply text
 */
char *
kefu_rule_expand_template (const char *template_text,
                           const char *customer_name,
                           gint64      ticket_number)
{
  GString *text = g_string_new (template_text);
  g_autofree char *number = ticket_number > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, ticket_number) : g_strdup ("");

  g_string_replace (text, "{name}", customer_name ? customer_name : "", 0);
  g_string_replace (text, "{ticket}", number, 0);

  return g_string_free (text, FALSE);
}
