/* kefu-account-phone-editor.c: a SIP phone line: registrar, user, password, transport.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-account-editor.h"

#include "kefu-phone-config.h"

#define KEFU_TYPE_ACCOUNT_PHONE_EDITOR (kefu_account_phone_editor_get_type ())
G_DECLARE_FINAL_TYPE (KefuAccountPhoneEditor, kefu_account_phone_editor, KEFU, ACCOUNT_PHONE_EDITOR, AdwWindow)

struct _KefuAccountPhoneEditor
{
  AdwWindow        parent_instance;

  /* widgets */
  AdwToastOverlay *toasts;
  GtkWidget       *save_button;
  AdwEntryRow     *name_row;
  AdwEntryRow     *registrar_row;
  AdwEntryRow     *user_row;
  AdwEntryRow     *password_row;
  AdwComboRow     *transport_row;
  AdwEntryRow     *display_name_row;

  /* owned */
  KefuStore       *store;
  KefuRuntime     *runtime;
  KefuAccount     *account;
  KefuPhoneConfig *config;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (KefuAccountPhoneEditor, kefu_account_phone_editor, ADW_TYPE_WINDOW)

/* In the order of KefuSipTransport. */
static const char *transport_labels[] = { "UDP", "TCP", "TLS", NULL };

static void
replace (char **field,
         char  *value)
{
  g_free (*field);
  *field = value;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KefuAccountPhoneEditor *self = user_data;
  g_autoptr (GError) error = NULL;

  if (kefu_account_editor_save_finish (result, &error) == 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_sensitive (self->save_button, TRUE);
      kefu_account_editor_toast (self->toasts, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_save_clicked (GtkButton              *button,
                 KefuAccountPhoneEditor *self)
{
  g_autofree char *json = kefu_phone_config_to_json (self->config);
  g_autoptr (KefuPhoneConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = kefu_account_editor_dup_text (self->name_row);
  g_autofree char *address = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  KefuAccountFields fields = { 0 };

  config = kefu_phone_config_new_from_json (json, &error);
  if (config == NULL)
    {
      kefu_account_editor_toast (self->toasts, error->message);
      return;
    }
  g_clear_pointer (&json, g_free);
  replace (&config->registrar, kefu_account_editor_dup_text (self->registrar_row));
  replace (&config->user, kefu_account_editor_dup_text (self->user_row));
  replace (&config->display_name, kefu_account_editor_dup_text (self->display_name_row));
  config->transport = adw_combo_row_get_selected (self->transport_row);
  kefu_phone_config_fill_defaults (config);
  if (!kefu_phone_config_validate (config, &error))
    {
      kefu_account_editor_toast (self->toasts, error->message);
      return;
    }
  if (self->account == NULL && config->registrar != NULL && *password == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
      kefu_account_editor_toast (self->toasts, _("Type the line’s password. Kefu keeps it in your keyring, never in its database."));
      return;
    }

  json = kefu_phone_config_to_json (config);
  address = kefu_phone_config_dup_address (config);
  fields.id = self->account != NULL ? kefu_account_get_id (self->account) : 0;
  fields.kind = KEFU_CHANNEL_KIND_PHONE;
  fields.name = name != NULL ? name : address;
  fields.address = address;
  fields.config = json;
  fields.enabled = self->account != NULL ? kefu_account_get_enabled (self->account) : TRUE;
  fields.created_at = self->account != NULL ? kefu_account_get_created_at (self->account) : g_get_real_time ();

  gtk_widget_set_sensitive (self->save_button, FALSE);
  kefu_account_editor_save_async (self->store, self->runtime, &fields, *password != '\0' ? password : NULL,
                                  self->cancellable, save_cb, self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KefuAccountPhoneEditor *self = KEFU_ACCOUNT_PHONE_EDITOR (widget);

  if (gtk_widget_get_sensitive (self->save_button))
    on_save_clicked (NULL, self);
}

static void
kefu_account_phone_editor_dispose (GObject *object)
{
  KefuAccountPhoneEditor *self = KEFU_ACCOUNT_PHONE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->runtime);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (kefu_account_phone_editor_parent_class)->dispose (object);
}

static void
kefu_account_phone_editor_finalize (GObject *object)
{
  KefuAccountPhoneEditor *self = KEFU_ACCOUNT_PHONE_EDITOR (object);

  g_clear_pointer (&self->config, kefu_phone_config_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kefu_account_phone_editor_parent_class)->finalize (object);
}

static void
kefu_account_phone_editor_class_init (KefuAccountPhoneEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_account_phone_editor_dispose;
  object_class->finalize = kefu_account_phone_editor_finalize;

  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
kefu_account_phone_editor_init (KefuAccountPhoneEditor *self)
{
  self->cancellable = g_cancellable_new ();
}

static void
build (KefuAccountPhoneEditor *self,
       GtkWindow              *parent)
{
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;

  page = kefu_account_editor_setup (ADW_WINDOW (self), parent,
                                    self->account != NULL ? _("Phone Line") : _("Add Phone Line"),
                                    &self->save_button, &self->toasts);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "editor.save");

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  kefu_account_editor_set_description (group, _("A SIP line from your phone provider or office PBX. Calls ring in Kefu and become tickets; missed calls go to voicemail. Leave the server empty for a desk phone that calls this computer directly."));
  adw_preferences_page_add (page, group);
  self->name_row = kefu_account_editor_add_entry (group, _("Name"),
                                                  self->account != NULL ? kefu_account_get_name (self->account) : NULL);
  self->display_name_row = kefu_account_editor_add_entry (group, _("Name Shown to People You Call"), self->config->display_name);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("SIP Account"));
  adw_preferences_page_add (page, group);
  self->registrar_row = kefu_account_editor_add_entry (group, _("Server (sip:pbx.example)"), self->config->registrar);
  self->user_row = kefu_account_editor_add_entry (group, _("User or Extension"), self->config->user);
  self->password_row = ADW_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 self->account != NULL ? _("Password (leave empty to keep)") : _("Password"));
  adw_preferences_group_add (group, GTK_WIDGET (self->password_row));
  self->transport_row = kefu_account_editor_add_choice (group, _("Transport"), transport_labels, self->config->transport);
}

/**
 * kefu_account_phone_editor_new:
 * @account: (nullable): the phone line, or %NULL to add one
 *
 * Returns: (transfer none): the editor, a modal window over @parent
 */
GtkWindow *
kefu_account_phone_editor_new (GtkWindow   *parent,
                               KefuStore   *store,
                               KefuRuntime *runtime,
                               KefuAccount *account)
{
  KefuAccountPhoneEditor *self = g_object_new (KEFU_TYPE_ACCOUNT_PHONE_EDITOR, NULL);

  self->store = g_object_ref (store);
  self->runtime = runtime != NULL ? g_object_ref (runtime) : NULL;
  self->account = account != NULL ? g_object_ref (account) : NULL;
  if (account != NULL)
    self->config = kefu_phone_config_new_from_json (kefu_account_get_config (account), NULL);
  if (self->config == NULL)
    self->config = kefu_phone_config_new ();
  build (self, parent);

  return GTK_WINDOW (self);
}
