/* kefu-robot-prefs-page.c: the robot's page in Preferences: on or off, thresholds, mail accounts, rules.
 *
 * Everything here is a store setting the robot reads (kefu-store-kb.h,
 * kefu-robot.h): "robot-enabled", "robot-min-confidence",
 * "robot-min-margin", "robot-email-auto-send" (account ids, comma
 * separated) and "robot-rules" (a JSON array, kefu-rule.c). Each change is
 * written at once; when the write lands the running robot reloads, so the
 * next message meets the new settings.
 *
 * The rule list is edited as the JSON the robot reads, one rule per row:
 * add, edit (KefuRuleEditor), move up or down, delete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-account.h"
#include "kefu-robot.h"
#include "kefu-robot-prefs-page.h"
#include "kefu-rule-editor.h"
#include "kefu-store-email.h"
#include "kefu-store-kb.h"
#include "kefu-toast.h"

struct _KefuRobotPrefsPage
{
  AdwPreferencesPage  parent_instance;

  /* template widgets */
  GtkSpinButton      *confidence_spin;
  AdwPreferencesGroup *email_group;
  GtkSwitch          *enabled_switch;
  GtkSpinButton      *margin_spin;
  GtkWidget          *no_email_row;
  GtkWidget          *no_rules_row;
  AdwPreferencesGroup *rules_group;

  /* owned */
  KefuStore          *store;
  KefuRuntime        *runtime;
  GCancellable       *cancellable;
  GHashTable         *settings;       /* key → value, as last read */
  GPtrArray          *accounts;       /* KefuAccount, email only */
  GPtrArray          *agents;         /* KefuAgent */
  JsonArray          *rules;          /* the rules as the robot reads them */
  GPtrArray          *rule_rows;      /* borrowed rows, in order */
  GPtrArray          *email_rows;     /* borrowed rows */
  GHashTable         *auto_send;      /* account id (gint64 *) set */

  /* borrowed */
  KefuRuleEditor     *editor;

  int                 editing;        /* the rule the editor changes, -1: new */
  guint               pending_loads;
  guint               busy;
  gboolean            loaded;
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (KefuRobotPrefsPage, kefu_robot_prefs_page, ADW_TYPE_PREFERENCES_PAGE)

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  KefuRobotPrefsPage *self = user_data;
  g_autoptr (GError) error = NULL;

  if (!kefu_store_set_setting_finish (KEFU_STORE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy--;
  if (error != NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  if (self->runtime != NULL)
    kefu_runtime_reload_robot (self->runtime);
}

static void
write_setting (KefuRobotPrefsPage *self,
               const char         *key,
               const char         *value)
{
  if (self->store == NULL || self->syncing || !self->loaded)
    return;

  g_hash_table_replace (self->settings, g_strdup (key), g_strdup (value));
  self->busy++;
  kefu_store_set_setting_async (self->store, key, value, self->cancellable, write_cb, self);
}

static double
read_threshold (KefuRobotPrefsPage *self,
                const char         *key,
                double              fallback)
{
  const char *text = g_hash_table_lookup (self->settings, key);
  char *end = NULL;
  double value;

  if (text == NULL)
    return fallback;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || value < 0 || value > 1)
    return fallback;

  return value;
}

static void
on_enabled_changed (KefuRobotPrefsPage *self)
{
  write_setting (self, KEFU_ROBOT_SETTING_ENABLED, gtk_switch_get_active (self->enabled_switch) ? "true" : "false");
}

static void
on_threshold_changed (KefuRobotPrefsPage *self,
                      GtkSpinButton      *spin)
{
  char value[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (value, sizeof value, "%.2f", gtk_spin_button_get_value (spin) / 100.0);
  write_setting (self,
                 spin == self->confidence_spin ? KEFU_STORE_SETTING_ROBOT_MIN_CONFIDENCE
                                               : KEFU_STORE_SETTING_ROBOT_MIN_MARGIN,
                 value);
}

/* Email accounts: auto-send or suggest. */

static void
write_auto_send (KefuRobotPrefsPage *self)
{
  g_autoptr (GString) value = g_string_new (NULL);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      gint64 id = kefu_account_get_id (g_ptr_array_index (self->accounts, i));

      if (!g_hash_table_contains (self->auto_send, &id))
        continue;
      if (value->len > 0)
        g_string_append_c (value, ',');
      g_string_append_printf (value, "%" G_GINT64_FORMAT, id);
    }

  write_setting (self, KEFU_ROBOT_SETTING_EMAIL_AUTO_SEND, value->str);
}

static void
on_auto_send_changed (GtkSwitch          *toggle,
                      GParamSpec         *pspec,
                      KefuRobotPrefsPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toggle), "account-id"));

  if (self->syncing)
    return;

  if (gtk_switch_get_active (toggle))
    g_hash_table_add (self->auto_send, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->auto_send, &id);
  write_auto_send (self);
}

static void
fill_email_accounts (KefuRobotPrefsPage *self)
{
  for (guint i = 0; i < self->email_rows->len; i++)
    adw_preferences_group_remove (self->email_group, g_ptr_array_index (self->email_rows, i));
  g_ptr_array_set_size (self->email_rows, 0);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      KefuAccount *account = g_ptr_array_index (self->accounts, i);
      gint64 id = kefu_account_get_id (account);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kefu_account_get_name (account));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kefu_account_get_address (account));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), g_hash_table_contains (self->auto_send, &id));
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Send confident answers"), -1);
      gtk_widget_set_tooltip_text (toggle, _("Send confident answers"));
      g_object_set_data (G_OBJECT (toggle), "account-id", GSIZE_TO_POINTER ((gsize)id));
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_auto_send_changed), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (self->email_group, row);
      g_ptr_array_add (self->email_rows, row);
    }

  gtk_widget_set_visible (self->no_email_row, self->accounts->len == 0);
}

/* Rules. */

static JsonObject *
rule_object (KefuRobotPrefsPage *self,
             guint               position)
{
  JsonNode *node = json_array_get_element (self->rules, position);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A line saying what the rule does, e.g. "Add tag “vip” · Hand off". */
static char *
summarize_rule (JsonObject *rule)
{
  g_autoptr (GString) out = g_string_new (NULL);
  JsonNode *then = rule != NULL ? json_object_get_member (rule, "then") : NULL;
  JsonArray *actions = then != NULL && JSON_NODE_HOLDS_ARRAY (then) ? json_node_get_array (then) : NULL;

  for (guint i = 0; actions != NULL && i < json_array_get_length (actions); i++)
    {
      JsonNode *node = json_array_get_element (actions, i);
      JsonObject *action = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *piece = NULL;

      if (action == NULL)
        continue;
      if (json_object_has_member (action, "reply"))
        piece = g_strdup (_("Reply"));
      else if (json_object_has_member (action, "tag"))
        /* Translators: %s is a tag */
        piece = g_strdup_printf (_("Add tag “%s”"), json_object_get_string_member_with_default (action, "tag", ""));
      else if (json_object_has_member (action, "priority"))
        piece = g_strdup (_("Set priority"));
      else if (json_object_has_member (action, "status"))
        piece = g_strdup (_("Set status"));
      else if (json_object_has_member (action, "assign"))
        piece = g_strdup (_("Assign"));
      else if (json_object_has_member (action, "handoff"))
        piece = g_strdup (_("Hand off"));
      else if (json_object_has_member (action, "notify"))
        piece = g_strdup (_("Notify"));
      if (piece == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append (out, piece);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkWidget *
rule_button (const char *icon_name,
             const char *label,
             const char *action_name,
             guint       position,
             gboolean    sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", position);
  gtk_widget_set_sensitive (button, sensitive);

  return button;
}

static void
fill_rules (KefuRobotPrefsPage *self)
{
  guint n_rules = json_array_get_length (self->rules);

  for (guint i = 0; i < self->rule_rows->len; i++)
    adw_preferences_group_remove (self->rules_group, g_ptr_array_index (self->rule_rows, i));
  g_ptr_array_set_size (self->rule_rows, 0);

  for (guint i = 0; i < n_rules; i++)
    {
      JsonObject *rule = rule_object (self, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *summary = summarize_rule (rule);
      const char *name = rule != NULL ? json_object_get_string_member_with_default (rule, "name", "") : "";

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      if (rule != NULL && !json_object_get_boolean_member_with_default (rule, "enabled", TRUE))
        gtk_widget_add_css_class (row, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 rule_button ("go-up-symbolic", _("Move Up"), "rules.move-up", i, i > 0));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 rule_button ("go-down-symbolic", _("Move Down"), "rules.move-down", i, i + 1 < n_rules));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 rule_button ("document-edit-symbolic", _("Edit Rule"), "rules.edit", i, TRUE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 rule_button ("user-trash-symbolic", _("Delete Rule"), "rules.delete", i, TRUE));
      adw_preferences_group_add (self->rules_group, row);
      g_ptr_array_add (self->rule_rows, row);
    }

  gtk_widget_set_visible (self->no_rules_row, n_rules == 0);
}

static void
write_rules (KefuRobotPrefsPage *self)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *json = NULL;

  json_node_set_array (root, self->rules);
  json = json_to_string (root, FALSE);
  fill_rules (self);
  write_setting (self, KEFU_STORE_SETTING_ROBOT_RULES, json);
}

static void
on_rule_saved (KefuRobotPrefsPage *self,
               JsonNode           *rule)
{
  kefu_robot_prefs_page_save_rule (self, self->editing, rule);
}

static void
open_editor (KefuRobotPrefsPage *self,
             int                 position)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));

  self->editing = position;
  self->editor = kefu_rule_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->accounts, self->agents);
  g_object_add_weak_pointer (G_OBJECT (self->editor), (gpointer *)&self->editor);
  if (position >= 0)
    kefu_rule_editor_set_rule (self->editor, json_array_get_element (self->rules, position));
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (on_rule_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->editor));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (KEFU_ROBOT_PREFS_PAGE (widget), -1);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KefuRobotPrefsPage *self = KEFU_ROBOT_PREFS_PAGE (widget);
  guint position = g_variant_get_uint32 (parameter);

  if (position < json_array_get_length (self->rules))
    open_editor (self, position);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KefuRobotPrefsPage *self = KEFU_ROBOT_PREFS_PAGE (widget);
  guint position = g_variant_get_uint32 (parameter);

  if (position >= json_array_get_length (self->rules))
    return;

  json_array_remove_element (self->rules, position);
  write_rules (self);
}

static void
move_rule (KefuRobotPrefsPage *self,
           guint               from,
           guint               to)
{
  g_autoptr (JsonArray) moved = json_array_new ();
  guint n_rules = json_array_get_length (self->rules);

  if (from >= n_rules || to >= n_rules || from == to)
    return;

  /* JsonArray has no insert: build the new order. */
  for (guint i = 0; i < n_rules; i++)
    {
      guint source = i;

      if (i == to)
        source = from;
      else if (from < to && i >= from && i < to)
        source = i + 1;
      else if (from > to && i > to && i <= from)
        source = i - 1;
      json_array_add_element (moved, json_node_copy (json_array_get_element (self->rules, source)));
    }

  json_array_unref (self->rules);
  self->rules = g_steal_pointer (&moved);
  write_rules (self);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  guint position = g_variant_get_uint32 (parameter);

  if (position > 0)
    move_rule (KEFU_ROBOT_PREFS_PAGE (widget), position, position - 1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  guint position = g_variant_get_uint32 (parameter);

  move_rule (KEFU_ROBOT_PREFS_PAGE (widget), position, position + 1);
}

/* Loading: settings, email accounts and agents, in parallel. */

static void
apply_loaded (KefuRobotPrefsPage *self)
{
  const char *value;
  g_auto (GStrv) ids = NULL;

  self->syncing = TRUE;

  value = g_hash_table_lookup (self->settings, KEFU_ROBOT_SETTING_ENABLED);
  gtk_switch_set_active (self->enabled_switch, value == NULL || g_strcmp0 (value, "false") != 0);
  gtk_spin_button_set_value (self->confidence_spin,
                             100 * read_threshold (self, KEFU_STORE_SETTING_ROBOT_MIN_CONFIDENCE,
                                                   KEFU_MATCHER_DEFAULT_MIN_CONFIDENCE));
  gtk_spin_button_set_value (self->margin_spin,
                             100 * read_threshold (self, KEFU_STORE_SETTING_ROBOT_MIN_MARGIN,
                                                   KEFU_MATCHER_DEFAULT_MIN_MARGIN));

  g_hash_table_remove_all (self->auto_send);
  ids = g_strsplit (g_hash_table_lookup (self->settings, KEFU_ROBOT_SETTING_EMAIL_AUTO_SEND) ?: "", ",", -1);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gint64 id;

      if (g_ascii_string_to_signed (g_strstrip (ids[i]), 10, 1, G_MAXINT64, &id, NULL))
        g_hash_table_add (self->auto_send, g_memdup2 (&id, sizeof id));
    }
  fill_email_accounts (self);

  g_clear_pointer (&self->rules, json_array_unref);
  value = g_hash_table_lookup (self->settings, KEFU_STORE_SETTING_ROBOT_RULES);
  if (value != NULL && *value != '\0')
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, value, -1, NULL) &&
          JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
        self->rules = json_array_ref (json_node_get_array (json_parser_get_root (parser)));
    }
  if (self->rules == NULL)
    self->rules = json_array_new ();
  fill_rules (self);

  self->syncing = FALSE;
  self->loaded = TRUE;
}

static void
load_done (KefuRobotPrefsPage *self)
{
  if (--self->pending_loads == 0)
    apply_loaded (self);
}

static void
settings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KefuRobotPrefsPage *self = user_data;
  g_autoptr (GHashTable) settings = NULL;
  g_autoptr (GError) error = NULL;

  settings = kefu_store_list_settings_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (settings == NULL)
    kefu_toast_show_error (GTK_WIDGET (self), error->message);
  else
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, settings);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_replace (self->settings, g_strdup (key), g_strdup (value));
    }

  load_done (self);
}

static void
accounts_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KefuRobotPrefsPage *self = user_data;
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GError) error = NULL;

  accounts = kefu_store_list_accounts_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    if (kefu_account_get_kind (g_ptr_array_index (accounts, i)) == KEFU_CHANNEL_KIND_EMAIL)
      g_ptr_array_add (self->accounts, g_object_ref (g_ptr_array_index (accounts, i)));

  load_done (self);
}

static void
agents_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KefuRobotPrefsPage *self = user_data;
  g_autoptr (GPtrArray) agents = NULL;
  g_autoptr (GError) error = NULL;

  agents = kefu_store_list_agents_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  for (guint i = 0; agents != NULL && i < agents->len; i++)
    g_ptr_array_add (self->agents, g_object_ref (g_ptr_array_index (agents, i)));

  load_done (self);
}

static void
kefu_robot_prefs_page_dispose (GObject *object)
{
  KefuRobotPrefsPage *self = (KefuRobotPrefsPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_ROBOT_PREFS_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->runtime);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->agents, g_ptr_array_unref);

  G_OBJECT_CLASS (kefu_robot_prefs_page_parent_class)->dispose (object);
}

static void
kefu_robot_prefs_page_finalize (GObject *object)
{
  KefuRobotPrefsPage *self = (KefuRobotPrefsPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->settings, g_hash_table_unref);
  g_clear_pointer (&self->rules, json_array_unref);
  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);
  g_clear_pointer (&self->email_rows, g_ptr_array_unref);
  g_clear_pointer (&self->auto_send, g_hash_table_unref);

  G_OBJECT_CLASS (kefu_robot_prefs_page_parent_class)->finalize (object);
}

static void
kefu_robot_prefs_page_class_init (KefuRobotPrefsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_robot_prefs_page_dispose;
  object_class->finalize = kefu_robot_prefs_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-robot-prefs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuRobotPrefsPage, confidence_spin);
  gtk_widget_class_bind_template_child (widget_class, KefuRobotPrefsPage, email_group);
  gtk_widget_class_bind_template_child (widget_class, KefuRobotPrefsPage, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, KefuRobotPrefsPage, margin_spin);
  gtk_widget_class_bind_template_child (widget_class, KefuRobotPrefsPage, no_email_row);
  gtk_widget_class_bind_template_child (widget_class, KefuRobotPrefsPage, no_rules_row);
  gtk_widget_class_bind_template_child (widget_class, KefuRobotPrefsPage, rules_group);
  gtk_widget_class_bind_template_callback (widget_class, on_enabled_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_changed);

  gtk_widget_class_install_action (widget_class, "rules.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "rules.edit", "u", edit_action);
  gtk_widget_class_install_action (widget_class, "rules.delete", "u", delete_action);
  gtk_widget_class_install_action (widget_class, "rules.move-up", "u", move_up_action);
  gtk_widget_class_install_action (widget_class, "rules.move-down", "u", move_down_action);
}

static void
kefu_robot_prefs_page_init (KefuRobotPrefsPage *self)
{
  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->syncing = FALSE;

  self->cancellable = g_cancellable_new ();
  self->settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
  self->agents = g_ptr_array_new_with_free_func (g_object_unref);
  self->rules = json_array_new ();
  self->rule_rows = g_ptr_array_new ();
  self->email_rows = g_ptr_array_new ();
  self->auto_send = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->editing = -1;
}

/**
 * kefu_robot_prefs_page_new:
 * @store: (nullable): where the settings are kept; %NULL while it opens
 * @runtime: (nullable): whose robot reloads after a change
 *
 * Returns: (transfer floating): the robot's Preferences page
 */
AdwPreferencesPage *
kefu_robot_prefs_page_new (KefuStore   *store,
                           KefuRuntime *runtime)
{
  KefuRobotPrefsPage *self;

  g_return_val_if_fail (store == NULL || KEFU_IS_STORE (store), NULL);
  g_return_val_if_fail (runtime == NULL || KEFU_IS_RUNTIME (runtime), NULL);

  self = g_object_new (KEFU_TYPE_ROBOT_PREFS_PAGE, NULL);
  self->runtime = runtime != NULL ? g_object_ref (runtime) : NULL;
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      self->pending_loads = 3;
      kefu_store_list_settings_async (store, self->cancellable, settings_cb, self);
      kefu_store_list_accounts_async (store, self->cancellable, accounts_cb, self);
      kefu_store_list_agents_async (store, self->cancellable, agents_cb, self);
    }

  return ADW_PREFERENCES_PAGE (self);
}

/* Whether the settings were read and the page shows them. */
gboolean
kefu_robot_prefs_page_get_loaded (KefuRobotPrefsPage *self)
{
  g_return_val_if_fail (KEFU_IS_ROBOT_PREFS_PAGE (self), FALSE);

  return self->loaded;
}

/* Whether a change is on its way to the store. */
gboolean
kefu_robot_prefs_page_get_busy (KefuRobotPrefsPage *self)
{
  g_return_val_if_fail (KEFU_IS_ROBOT_PREFS_PAGE (self), FALSE);

  return self->busy > 0;
}

guint
kefu_robot_prefs_page_get_n_rules (KefuRobotPrefsPage *self)
{
  g_return_val_if_fail (KEFU_IS_ROBOT_PREFS_PAGE (self), 0);

  return json_array_get_length (self->rules);
}

/**
 * kefu_robot_prefs_page_get_rule:
 *
 * Returns: (transfer none): the rule at @position, as JSON
 */
JsonNode *
kefu_robot_prefs_page_get_rule (KefuRobotPrefsPage *self,
                                guint               position)
{
  g_return_val_if_fail (KEFU_IS_ROBOT_PREFS_PAGE (self), NULL);
  g_return_val_if_fail (position < json_array_get_length (self->rules), NULL);

  return json_array_get_element (self->rules, position);
}

/**
 * kefu_robot_prefs_page_get_rule_editor:
 *
 * Returns: (transfer none) (nullable): the rule editor while it is open
 */
KefuRuleEditor *
kefu_robot_prefs_page_get_rule_editor (KefuRobotPrefsPage *self)
{
  g_return_val_if_fail (KEFU_IS_ROBOT_PREFS_PAGE (self), NULL);

  return self->editor;
}

/**
 * kefu_robot_prefs_page_save_rule:
 * @position: the rule to replace, or -1 to add @rule at the end
 * @rule: a rule as JSON, as kefu_rule_editor_dup_rule() makes it
 */
void
kefu_robot_prefs_page_save_rule (KefuRobotPrefsPage *self,
                                 int                 position,
                                 JsonNode           *rule)
{
  g_return_if_fail (KEFU_IS_ROBOT_PREFS_PAGE (self));
  g_return_if_fail (rule != NULL);

  if (position >= 0 && (guint)position < json_array_get_length (self->rules))
    {
      g_autoptr (JsonArray) changed = json_array_new ();

      for (guint i = 0; i < json_array_get_length (self->rules); i++)
        json_array_add_element (changed, json_node_copy (i == (guint)position ? rule
                                                                             : json_array_get_element (self->rules, i)));
      json_array_unref (self->rules);
      self->rules = g_steal_pointer (&changed);
    }
  else
    {
      json_array_add_element (self->rules, json_node_copy (rule));
    }

  write_rules (self);
}
