/* kefu-account-editor.c: what the account editors share: the window, saving, the password.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kefu-account-editor.h"

#include "kefu-account-secret.h"
#include "kefu-store-email.h"

typedef struct
{
  /* widgets */
  AdwToastOverlay *toasts;
  GtkWidget       *save_button;

  /* owned */
  KefuStore       *store;
  KefuRuntime     *runtime;
  KefuAccount     *account;
  GCancellable    *cancellable;
} KefuAccountEditorPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KefuAccountEditor, kefu_account_editor, ADW_TYPE_WINDOW)

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KefuAccountEditor *self = KEFU_ACCOUNT_EDITOR (widget);
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);

  if (gtk_widget_get_sensitive (priv->save_button))
    KEFU_ACCOUNT_EDITOR_GET_CLASS (self)->save (self);
}

static void
kefu_account_editor_dispose (GObject *object)
{
  KefuAccountEditor *self = KEFU_ACCOUNT_EDITOR (object);
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->store);
  g_clear_object (&priv->runtime);
  g_clear_object (&priv->account);

  G_OBJECT_CLASS (kefu_account_editor_parent_class)->dispose (object);
}

static void
kefu_account_editor_finalize (GObject *object)
{
  KefuAccountEditor *self = KEFU_ACCOUNT_EDITOR (object);
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);

  g_clear_object (&priv->cancellable);

  G_OBJECT_CLASS (kefu_account_editor_parent_class)->finalize (object);
}

static void
kefu_account_editor_class_init (KefuAccountEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_account_editor_dispose;
  object_class->finalize = kefu_account_editor_finalize;

  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
kefu_account_editor_init (KefuAccountEditor *self)
{
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}

/**
 * kefu_account_editor_set_account:
 * @runtime: (nullable): restarts the account's channel after saving
 * @account: (nullable): the account to edit, or %NULL to add one
 *
 * Called once by each editor's constructor, before it builds its rows.
 */
void
kefu_account_editor_set_account (KefuAccountEditor *self,
                                 KefuStore         *store,
                                 KefuRuntime       *runtime,
                                 KefuAccount       *account)
{
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);

  g_return_if_fail (KEFU_IS_ACCOUNT_EDITOR (self));
  g_return_if_fail (KEFU_IS_STORE (store));

  g_set_object (&priv->store, store);
  g_set_object (&priv->runtime, runtime);
  g_set_object (&priv->account, account);
}

/**
 * kefu_account_editor_get_account:
 *
 * Returns: (transfer none) (nullable): the account being edited, or %NULL
 *   for a new one
 */
KefuAccount *
kefu_account_editor_get_account (KefuAccountEditor *self)
{
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);

  g_return_val_if_fail (KEFU_IS_ACCOUNT_EDITOR (self), NULL);

  return priv->account;
}

/**
 * kefu_account_editor_get_cancellable:
 *
 * Returns: (transfer none): cancelled when the editor goes away
 */
GCancellable *
kefu_account_editor_get_cancellable (KefuAccountEditor *self)
{
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);

  g_return_val_if_fail (KEFU_IS_ACCOUNT_EDITOR (self), NULL);

  return priv->cancellable;
}

/**
 * kefu_account_editor_get_toasts:
 *
 * Returns: (transfer none): the overlay over the page, once set up
 */
AdwToastOverlay *
kefu_account_editor_get_toasts (KefuAccountEditor *self)
{
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);

  g_return_val_if_fail (KEFU_IS_ACCOUNT_EDITOR (self), NULL);

  return priv->toasts;
}

/**
 * kefu_account_editor_setup:
 *
 * Gives the editor a header bar with Cancel and Save (the editor.save
 * action, also Ctrl+S) over a preferences page.
 *
 * Returns: (transfer none): the page to fill
 */
AdwPreferencesPage *
kefu_account_editor_setup (KefuAccountEditor *self,
                           GtkWindow         *parent,
                           const char        *title)
{
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *page = adw_preferences_page_new ();

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 680);

  priv->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (priv->save_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), priv->save_button);

  gtk_widget_set_vexpand (page, TRUE);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), overlay);
  adw_window_set_content (ADW_WINDOW (self), box);
  priv->toasts = ADW_TOAST_OVERLAY (overlay);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (priv->save_button), "editor.save");

  return ADW_PREFERENCES_PAGE (page);
}

/**
 * kefu_account_editor_add_password:
 *
 * Returns: (transfer none): a new password row at the end of @group; empty
 *   keeps the saved password of an account being edited
 */
AdwEntryRow *
kefu_account_editor_add_password (KefuAccountEditor   *self,
                                  AdwPreferencesGroup *group)
{
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);
  GtkWidget *row = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 priv->account != NULL ? _("Password (leave empty to keep)") : _("Password"));
  adw_preferences_group_add (group, row);

  return ADW_ENTRY_ROW (row);
}

/**
 * kefu_account_editor_fill_fields:
 *
 * Sets @fields' id, kind, enabled and created_at: those of the account
 * being edited, or those of a new, enabled account.
 */
void
kefu_account_editor_fill_fields (KefuAccountEditor *self,
                                 KefuChannelKind    kind,
                                 KefuAccountFields *fields)
{
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);

  fields->id = priv->account != NULL ? kefu_account_get_id (priv->account) : 0;
  fields->kind = kind;
  fields->enabled = priv->account != NULL ? kefu_account_get_enabled (priv->account) : TRUE;
  fields->created_at = priv->account != NULL ? kefu_account_get_created_at (priv->account) : g_get_real_time ();
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KefuAccountEditor *self = user_data;
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);
  g_autoptr (GError) error = NULL;

  if (kefu_account_editor_save_finish (result, &error) == 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (priv->save_button, TRUE);
      kefu_account_editor_toast (self, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * kefu_account_editor_save:
 * @password: (nullable): a new password, or %NULL to keep the saved one
 *
 * Saves the account with kefu_account_editor_save_async(); the editor
 * closes when done or shows what went wrong.
 */
void
kefu_account_editor_save (KefuAccountEditor       *self,
                          const KefuAccountFields *fields,
                          const char              *password)
{
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);

  g_return_if_fail (KEFU_IS_ACCOUNT_EDITOR (self));

  gtk_widget_set_sensitive (priv->save_button, FALSE);
  kefu_account_editor_save_async (priv->store, priv->runtime, fields, password,
                                  priv->cancellable, save_cb, self);
}

/**
 * kefu_account_editor_add_entry:
 * @text: (nullable): what it holds at first
 *
 * Returns: (transfer none): a new entry row at the end of @group
 */
AdwEntryRow *
kefu_account_editor_add_entry (AdwPreferencesGroup *group,
                               const char          *title,
                               const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_preferences_group_add (group, row);

  return ADW_ENTRY_ROW (row);
}

/**
 * kefu_account_editor_add_choice:
 * @choices: translated labels, %NULL-terminated
 *
 * Returns: (transfer none): a new combo row at the end of @group
 */
AdwComboRow *
kefu_account_editor_add_choice (AdwPreferencesGroup *group,
                                const char          *title,
                                const char *const   *choices,
                                guint                selected)
{
  g_autoptr (GtkStringList) model = gtk_string_list_new (choices);
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  adw_preferences_group_add (group, row);

  return ADW_COMBO_ROW (row);
}

/**
 * kefu_account_editor_dup_text:
 *
 * Returns: (transfer full) (nullable): the row's text without surrounding
 *   spaces, or %NULL when empty
 */
char *
kefu_account_editor_dup_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* A whole number from @row, between @min and @max; an empty row keeps @value. */
gboolean
kefu_account_editor_parse_number (AdwEntryRow  *row,
                                  guint         min,
                                  guint         max,
                                  guint        *value,
                                  GError      **error)
{
  g_autofree char *text = kefu_account_editor_dup_text (row);
  guint64 number;

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &number, NULL))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: "Port" takes a number from 1 to 65535. */
                   _("“%s” takes a number from %u to %u."),
                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), min, max);
      return FALSE;
    }
  *value = (guint)number;

  return TRUE;
}

/* A group's description is markup: translations may hold < and &. */
void
kefu_account_editor_set_description (AdwPreferencesGroup *group,
                                     const char          *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_group_set_description (group, escaped);
}

void
kefu_account_editor_toast (KefuAccountEditor *self,
                           const char        *text)
{
  KefuAccountEditorPrivate *priv = kefu_account_editor_get_instance_private (self);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (priv->toasts, toast);
}

/* Saving: the row first, then the password, then the channel restarts. */

typedef struct
{
  KefuStore   *store;
  KefuRuntime *runtime;
  char        *password;
  char        *label;
  gint64       id;
  gboolean     inserted;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->runtime);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data->label);
  g_free (data);
}

static void
finish_save (GTask *task)
{
  SaveData *data = g_task_get_task_data (task);

  if (data->runtime != NULL)
    kefu_runtime_restart_account (data->runtime, data->id);
  g_task_return_int (task, data->id);
}

static void
rollback_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  kefu_store_delete_account_finish (KEFU_STORE (object), result, NULL);
}

static void
secret_store_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!kefu_account_secret_store_finish (result, &error))
    {
      /* No new account without its password: take the row back out. */
      if (data->inserted)
        kefu_store_delete_account_async (data->store, data->id, NULL, rollback_cb, NULL);
      g_task_return_error (task, error);
      return;
    }

  finish_save (task);
}

static void
store_password (GTask *task)
{
  SaveData *data = g_task_get_task_data (task);

  /* Takes the caller's reference to @task. */
  if (data->password == NULL || *data->password == '\0')
    {
      finish_save (task);
      g_object_unref (task);
      return;
    }

  /* The account row is written already: closing the editor now must not
   * leave it without its password, so this step is not cancelled. */
  kefu_account_secret_store_async (data->id, data->label, data->password, NULL, secret_store_cb, task);
}

static void
insert_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->id = kefu_store_insert_account_finish (KEFU_STORE (object), result, &error);
  if (data->id <= 0)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  data->inserted = TRUE;
  store_password (task);
}

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!kefu_store_update_account_finish (KEFU_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  store_password (task);
}

/**
 * kefu_account_editor_save_async:
 * @fields: the account; id 0 adds a new one
 * @password: (nullable): a new password for libsecret, or %NULL to keep
 *   the saved one
 *
 * Stores the account row, then the password (a new row is taken back out
 * if the keyring refuses it), then restarts its channel in @runtime.
 */
void
kefu_account_editor_save_async (KefuStore               *store,
                                KefuRuntime             *runtime,
                                const KefuAccountFields *fields,
                                const char              *password,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  GTask *task;
  SaveData *data;

  g_return_if_fail (KEFU_IS_STORE (store));
  g_return_if_fail (fields != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_account_editor_save_async);
  data = g_new0 (SaveData, 1);
  data->store = g_object_ref (store);
  data->runtime = runtime != NULL ? g_object_ref (runtime) : NULL;
  data->password = g_strdup (password);
  data->label = g_strdup_printf ("Kefu: %s", fields->address != NULL ? fields->address : fields->name);
  data->id = fields->id;
  g_task_set_task_data (task, data, (GDestroyNotify)save_data_free);

  if (fields->id > 0)
    kefu_store_update_account_async (store, fields, cancellable, update_cb, task);
  else
    kefu_store_insert_account_async (store, fields, cancellable, insert_cb, task);
}

/**
 * kefu_account_editor_save_finish:
 *
 * Returns: the account's id, or 0 with @error set
 */
gint64
kefu_account_editor_save_finish (GAsyncResult  *result,
                                 GError       **error)
{
  GError *local_error = NULL;
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);

  id = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }

  return id;
}
