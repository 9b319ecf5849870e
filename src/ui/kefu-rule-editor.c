/* kefu-rule-editor.c: the window where one robot rule is written or changed.
 *
 * A rule is kept as the JSON the robot reads (kefu-rule.c has the format);
 * the editor shows one field per condition and one per kind of action, and
 * checks what it writes with kefu_rule_new_from_json() before "saved", so
 * the robot never meets a rule it refuses. Whoever opened it stores it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-account.h"
#include "kefu-agent.h"
#include "kefu-enums.h"
#include "kefu-rule.h"
#include "kefu-rule-editor.h"
#include "kefu-toast.h"

struct _KefuRuleEditor
{
  AdwWindow       parent_instance;

  /* template widgets */
  GtkStringList  *account_list;
  AdwComboRow    *account_row;
  GtkStringList  *assignee_list;
  AdwComboRow    *assignee_row;
  GtkCheckButton *chat_check;
  GtkCheckButton *email_check;
  GtkSwitch      *enabled_switch;
  GtkSwitch      *handoff_switch;
  AdwComboRow    *hours_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *notify_row;
  AdwEntryRow    *pattern_row;
  GtkCheckButton *phone_check;
  AdwComboRow    *priority_row;
  AdwEntryRow    *reply_row;
  AdwComboRow    *status_row;
  GtkSwitch      *stop_switch;
  AdwEntryRow    *tag_row;
  AdwEntryRow    *tags_row;
  AdwEntryRow    *words_row;

  /* owned */
  GArray         *account_ids;    /* gint64, position 0 is "any" */
  GArray         *agent_ids;      /* gint64, position 0 is "keep" */
  char           *handoff_reason;
};

G_DEFINE_FINAL_TYPE (KefuRuleEditor, kefu_rule_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const hours_nicks[] = { "any", "open", "closed" };

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
member_boolean (JsonObject *object,
                const char *name,
                gboolean    fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;

  return json_node_get_boolean (node);
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The strings of @array joined with ", ". */
static char *
join_array (JsonArray *array)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, json_node_get_string (item));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
array_has_nick (JsonArray  *array,
                const char *nick)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (item), nick))
        return TRUE;
    }

  return FALSE;
}

static guint
find_id (GArray *ids,
         gint64  id)
{
  for (guint i = 1; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  return 0;
}

/* Adds the non-empty comma-separated pieces of @text (either comma) as strings. */
static gboolean
add_list (JsonBuilder *builder,
          const char  *member,
          const char  *text)
{
  g_auto (GStrv) parts = g_strsplit (text, "，", -1);
  g_autofree char *joined = g_strjoinv (",", parts);
  g_auto (GStrv) pieces = g_strsplit (joined, ",", -1);
  gboolean begun = FALSE;

  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_strstrip (pieces[i]);
      if (*pieces[i] == '\0')
        continue;
      if (!begun)
        {
          json_builder_set_member_name (builder, member);
          json_builder_begin_array (builder);
          begun = TRUE;
        }
      json_builder_add_string_value (builder, pieces[i]);
    }
  if (begun)
    json_builder_end_array (builder);

  return begun;
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KefuRuleEditor *self = KEFU_RULE_EDITOR (widget);
  g_autoptr (JsonNode) rule = NULL;
  g_autoptr (GError) error = NULL;

  rule = kefu_rule_editor_dup_rule (self, &error);
  if (rule == NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self->name_row), error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, rule);
  gtk_window_close (GTK_WINDOW (self));
}

static void
kefu_rule_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KEFU_TYPE_RULE_EDITOR);

  G_OBJECT_CLASS (kefu_rule_editor_parent_class)->dispose (object);
}

static void
kefu_rule_editor_finalize (GObject *object)
{
  KefuRuleEditor *self = (KefuRuleEditor *)object;

  g_clear_pointer (&self->account_ids, g_array_unref);
  g_clear_pointer (&self->agent_ids, g_array_unref);
  g_clear_pointer (&self->handoff_reason, g_free);

  G_OBJECT_CLASS (kefu_rule_editor_parent_class)->finalize (object);
}

static void
kefu_rule_editor_class_init (KefuRuleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_rule_editor_dispose;
  object_class->finalize = kefu_rule_editor_finalize;

  /**
   * KefuRuleEditor::saved:
   * @rule: the rule as JSON, checked
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-rule-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, account_list);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, account_row);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, assignee_list);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, assignee_row);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, chat_check);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, email_check);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, handoff_switch);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, hours_row);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, notify_row);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, pattern_row);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, phone_check);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, priority_row);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, reply_row);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, stop_switch);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, tag_row);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, KefuRuleEditor, words_row);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
kefu_rule_editor_init (KefuRuleEditor *self)
{
  gint64 none = 0;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->account_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->agent_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (self->account_ids, none);
  g_array_append_val (self->agent_ids, none);
  gtk_string_list_append (self->account_list, _("Any account"));
  gtk_string_list_append (self->assignee_list, _("Keep"));
}

/**
 * kefu_rule_editor_new:
 * @accounts: (nullable) (element-type KefuAccount): the accounts a rule may name
 * @agents: (nullable) (element-type KefuAgent): the agents a rule may assign to
 *
 * Returns: (transfer full): an editor for a new rule; kefu_rule_editor_set_rule()
 *   shows an existing one
 */
KefuRuleEditor *
kefu_rule_editor_new (GtkWindow *parent,
                      GPtrArray *accounts,
                      GPtrArray *agents)
{
  KefuRuleEditor *self = g_object_new (KEFU_TYPE_RULE_EDITOR,
                                       "transient-for", parent,
                                       NULL);

  /* Part of the application, like the window it belongs to. */
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));

  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      KefuAccount *account = g_ptr_array_index (accounts, i);
      gint64 id = kefu_account_get_id (account);
      g_autofree char *label = g_strdup_printf ("%s (%s)", kefu_account_get_name (account),
                                                kefu_account_get_address (account));

      g_array_append_val (self->account_ids, id);
      gtk_string_list_append (self->account_list, label);
    }

  for (guint i = 0; agents != NULL && i < agents->len; i++)
    {
      KefuAgent *agent = g_ptr_array_index (agents, i);
      gint64 id = kefu_agent_get_id (agent);

      g_array_append_val (self->agent_ids, id);
      gtk_string_list_append (self->assignee_list, kefu_agent_get_name (agent));
    }

  return self;
}

/* Fills the fields from @rule, a rule as JSON. */
void
kefu_rule_editor_set_rule (KefuRuleEditor *self,
                           JsonNode       *rule)
{
  JsonObject *object;
  JsonObject *when = NULL;
  JsonArray *then;
  JsonArray *channels;
  JsonArray *accounts;
  g_autofree char *words = NULL;
  g_autofree char *tags = NULL;
  const char *hours;

  g_return_if_fail (KEFU_IS_RULE_EDITOR (self));
  g_return_if_fail (rule != NULL && JSON_NODE_HOLDS_OBJECT (rule));

  object = json_node_get_object (rule);
  if (json_object_has_member (object, "when") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "when")))
    when = json_object_get_object_member (object, "when");
  then = member_array (object, "then");

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), member_string (object, "name") ?: "");
  gtk_switch_set_active (self->enabled_switch, member_boolean (object, "enabled", TRUE));
  gtk_switch_set_active (self->stop_switch, member_boolean (object, "stop", FALSE));

  channels = member_array (when, "channels");
  gtk_check_button_set_active (self->email_check, array_has_nick (channels, "email"));
  gtk_check_button_set_active (self->chat_check, array_has_nick (channels, "chat"));
  gtk_check_button_set_active (self->phone_check, array_has_nick (channels, "phone"));

  accounts = member_array (when, "accounts");
  adw_combo_row_set_selected (self->account_row, 0);
  if (accounts != NULL && json_array_get_length (accounts) > 0)
    adw_combo_row_set_selected (self->account_row,
                                find_id (self->account_ids, json_array_get_int_element (accounts, 0)));

  words = join_array (member_array (when, "words"));
  gtk_editable_set_text (GTK_EDITABLE (self->words_row), words);
  gtk_editable_set_text (GTK_EDITABLE (self->pattern_row), member_string (when, "pattern") ?: "");
  tags = join_array (member_array (when, "tags"));
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags);
  hours = member_string (when, "hours");
  adw_combo_row_set_selected (self->hours_row, 0);
  for (guint i = 0; hours != NULL && i < G_N_ELEMENTS (hours_nicks); i++)
    if (g_str_equal (hours, hours_nicks[i]))
      adw_combo_row_set_selected (self->hours_row, i);

  gtk_editable_set_text (GTK_EDITABLE (self->reply_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->tag_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->notify_row), "");
  adw_combo_row_set_selected (self->priority_row, 0);
  adw_combo_row_set_selected (self->status_row, 0);
  adw_combo_row_set_selected (self->assignee_row, 0);
  gtk_switch_set_active (self->handoff_switch, FALSE);
  g_clear_pointer (&self->handoff_reason, g_free);

  /* One field per kind of action: the last action of a kind wins. */
  for (guint i = 0; then != NULL && i < json_array_get_length (then); i++)
    {
      JsonNode *node = json_array_get_element (then, i);
      JsonObject *action;
      int number;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      action = json_node_get_object (node);
      if (member_string (action, "reply") != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->reply_row), member_string (action, "reply"));
      if (member_string (action, "tag") != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->tag_row), member_string (action, "tag"));
      if (member_string (action, "notify") != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->notify_row), member_string (action, "notify"));
      if (kefu_enum_from_nick (KEFU_TYPE_PRIORITY, member_string (action, "priority"), &number))
        adw_combo_row_set_selected (self->priority_row, number + 1);
      if (kefu_enum_from_nick (KEFU_TYPE_TICKET_STATUS, member_string (action, "status"), &number))
        adw_combo_row_set_selected (self->status_row, number + 1);
      if (json_object_has_member (action, "assign"))
        adw_combo_row_set_selected (self->assignee_row,
                                    find_id (self->agent_ids, json_object_get_int_member (action, "assign")));
      if (json_object_has_member (action, "handoff"))
        {
          gtk_switch_set_active (self->handoff_switch, TRUE);
          g_free (self->handoff_reason);
          self->handoff_reason = g_strdup (member_string (action, "handoff"));
        }
    }
}

static void
add_text_action (JsonBuilder *builder,
                 const char  *kind,
                 const char  *text)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, kind);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

/**
 * kefu_rule_editor_dup_rule:
 *
 * Returns: (transfer full) (nullable): the rule as JSON, or %NULL with
 *   @error saying what to fix
 */
JsonNode *
kefu_rule_editor_dup_rule (KefuRuleEditor  *self,
                           GError         **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) rule = NULL;
  g_autoptr (KefuRule) check = NULL;
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *words = row_text (self->words_row);
  g_autofree char *pattern = row_text (self->pattern_row);
  g_autofree char *tags = row_text (self->tags_row);
  g_autofree char *reply = row_text (self->reply_row);
  g_autofree char *tag = row_text (self->tag_row);
  g_autofree char *notify = row_text (self->notify_row);
  guint account = adw_combo_row_get_selected (self->account_row);
  guint hours = adw_combo_row_get_selected (self->hours_row);
  guint priority = adw_combo_row_get_selected (self->priority_row);
  guint status = adw_combo_row_get_selected (self->status_row);
  guint assignee = adw_combo_row_get_selected (self->assignee_row);

  g_return_val_if_fail (KEFU_IS_RULE_EDITOR (self), NULL);

  if (*name == '\0')
    {
      g_set_error_literal (error, KEFU_RULE_ERROR, KEFU_RULE_ERROR_INVALID, _("Give the rule a name."));
      return NULL;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, gtk_switch_get_active (self->enabled_switch));
  json_builder_set_member_name (builder, "stop");
  json_builder_add_boolean_value (builder, gtk_switch_get_active (self->stop_switch));

  json_builder_set_member_name (builder, "when");
  json_builder_begin_object (builder);
  if (gtk_check_button_get_active (self->email_check) || gtk_check_button_get_active (self->chat_check) ||
      gtk_check_button_get_active (self->phone_check))
    {
      json_builder_set_member_name (builder, "channels");
      json_builder_begin_array (builder);
      if (gtk_check_button_get_active (self->email_check))
        json_builder_add_string_value (builder, "email");
      if (gtk_check_button_get_active (self->chat_check))
        json_builder_add_string_value (builder, "chat");
      if (gtk_check_button_get_active (self->phone_check))
        json_builder_add_string_value (builder, "phone");
      json_builder_end_array (builder);
    }
  if (account > 0 && account < self->account_ids->len)
    {
      json_builder_set_member_name (builder, "accounts");
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, g_array_index (self->account_ids, gint64, account));
      json_builder_end_array (builder);
    }
  add_list (builder, "words", words);
  if (*pattern != '\0')
    {
      json_builder_set_member_name (builder, "pattern");
      json_builder_add_string_value (builder, pattern);
    }
  add_list (builder, "tags", tags);
  if (hours > 0 && hours < G_N_ELEMENTS (hours_nicks))
    {
      json_builder_set_member_name (builder, "hours");
      json_builder_add_string_value (builder, hours_nicks[hours]);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "then");
  json_builder_begin_array (builder);
  if (*reply != '\0')
    add_text_action (builder, "reply", reply);
  if (*tag != '\0')
    add_text_action (builder, "tag", tag);
  if (priority > 0)
    add_text_action (builder, "priority", kefu_enum_to_nick (KEFU_TYPE_PRIORITY, priority - 1));
  if (status > 0)
    add_text_action (builder, "status", kefu_enum_to_nick (KEFU_TYPE_TICKET_STATUS, status - 1));
  if (assignee > 0 && assignee < self->agent_ids->len)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "assign");
      json_builder_add_int_value (builder, g_array_index (self->agent_ids, gint64, assignee));
      json_builder_end_object (builder);
    }
  if (gtk_switch_get_active (self->handoff_switch))
    add_text_action (builder, "handoff", self->handoff_reason);
  if (*notify != '\0')
    add_text_action (builder, "notify", notify);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  rule = json_builder_get_root (builder);
  check = kefu_rule_new_from_json (rule, error);
  if (check == NULL)
    return NULL;

  return g_steal_pointer (&rule);
}
