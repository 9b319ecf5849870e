/* kefu-account-phone-editor.c: a SIP phone line: registrar, user, password, transport.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-account-editor.h"

#include "kefu-phone-config.h"

#define KEFU_TYPE_ACCOUNT_PHONE_EDITOR (kefu_account_phone_editor_get_type ())
G_DECLARE_FINAL_TYPE (KefuAccountPhoneEditor, kefu_account_phone_editor, KEFU, ACCOUNT_PHONE_EDITOR, KefuAccountEditor)

struct _KefuAccountPhoneEditor
{
  KefuAccountEditor parent_instance;

  /* widgets */
  AdwEntryRow     *name_row;
  AdwEntryRow     *registrar_row;
  AdwEntryRow     *user_row;
  AdwEntryRow     *password_row;
  AdwComboRow     *transport_row;
  AdwEntryRow     *display_name_row;

  /* owned */
  KefuPhoneConfig *config;
};

G_DEFINE_FINAL_TYPE (KefuAccountPhoneEditor, kefu_account_phone_editor, KEFU_TYPE_ACCOUNT_EDITOR)

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
save (KefuAccountEditor *editor)
{
  KefuAccountPhoneEditor *self = KEFU_ACCOUNT_PHONE_EDITOR (editor);
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
      kefu_account_editor_toast (KEFU_ACCOUNT_EDITOR (self), error->message);
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
      kefu_account_editor_toast (KEFU_ACCOUNT_EDITOR (self), error->message);
      return;
    }
  if (kefu_account_editor_get_account (KEFU_ACCOUNT_EDITOR (self)) == NULL && config->registrar != NULL && *password == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
      kefu_account_editor_toast (KEFU_ACCOUNT_EDITOR (self), _("Type the line’s password. Kefu keeps it in your keyring, never in its database."));
      return;
    }

  json = kefu_phone_config_to_json (config);
  address = kefu_phone_config_dup_address (config);
  kefu_account_editor_fill_fields (KEFU_ACCOUNT_EDITOR (self), KEFU_CHANNEL_KIND_PHONE, &fields);
  fields.name = name != NULL ? name : address;
  fields.address = address;
  fields.config = json;

  kefu_account_editor_save (KEFU_ACCOUNT_EDITOR (self), &fields, *password != '\0' ? password : NULL);
}

static void
kefu_account_phone_editor_finalize (GObject *object)
{
  KefuAccountPhoneEditor *self = KEFU_ACCOUNT_PHONE_EDITOR (object);

  g_clear_pointer (&self->config, kefu_phone_config_free);

  G_OBJECT_CLASS (kefu_account_phone_editor_parent_class)->finalize (object);
}

static void
kefu_account_phone_editor_class_init (KefuAccountPhoneEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kefu_account_phone_editor_finalize;

  KEFU_ACCOUNT_EDITOR_CLASS (klass)->save = save;
}

static void
kefu_account_phone_editor_init (KefuAccountPhoneEditor *self)
{
}

static void
build (KefuAccountPhoneEditor *self,
       GtkWindow              *parent)
{
  KefuAccount *account = kefu_account_editor_get_account (KEFU_ACCOUNT_EDITOR (self));
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;

  page = kefu_account_editor_setup (KEFU_ACCOUNT_EDITOR (self), parent,
                                    account != NULL ? _("Phone Line") : _("Add Phone Line"));

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  kefu_account_editor_set_description (group, _("A SIP line from your phone provider or office PBX. Calls ring in Kefu and become tickets; missed calls go to voicemail. Leave the server empty for a desk phone that calls this computer directly."));
  adw_preferences_page_add (page, group);
  self->name_row = kefu_account_editor_add_entry (group, _("Name"),
                                                  account != NULL ? kefu_account_get_name (account) : NULL);
  self->display_name_row = kefu_account_editor_add_entry (group, _("Name Shown to People You Call"), self->config->display_name);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("SIP Account"));
  adw_preferences_page_add (page, group);
  self->registrar_row = kefu_account_editor_add_entry (group, _("Server (sip:pbx.example)"), self->config->registrar);
  self->user_row = kefu_account_editor_add_entry (group, _("User or Extension"), self->config->user);
  self->password_row = kefu_account_editor_add_password (KEFU_ACCOUNT_EDITOR (self), group);
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

  kefu_account_editor_set_account (KEFU_ACCOUNT_EDITOR (self), store, runtime, account);
  if (account != NULL)
    self->config = kefu_phone_config_new_from_json (kefu_account_get_config (account), NULL);
  if (self->config == NULL)
    self->config = kefu_phone_config_new ();
  build (self, parent);

  return GTK_WINDOW (self);
}
