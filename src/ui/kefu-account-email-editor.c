/* kefu-account-email-editor.c: a shared mailbox's servers, login and signature, with a connection test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kefu-account-editor.h"

#include "kefu-account-secret.h"
#include "kefu-email-channel.h"
#include "kefu-email-config.h"

#define KEFU_TYPE_ACCOUNT_EMAIL_EDITOR (kefu_account_email_editor_get_type ())
G_DECLARE_FINAL_TYPE (KefuAccountEmailEditor, kefu_account_email_editor, KEFU, ACCOUNT_EMAIL_EDITOR, KefuAccountEditor)

struct _KefuAccountEmailEditor
{
  KefuAccountEditor parent_instance;

  /* widgets */
  AdwEntryRow     *name_row;
  AdwEntryRow     *address_row;
  AdwEntryRow     *display_name_row;
  AdwEntryRow     *imap_host_row;
  AdwEntryRow     *imap_port_row;
  AdwComboRow     *imap_security_row;
  AdwEntryRow     *folder_row;
  AdwEntryRow     *smtp_host_row;
  AdwEntryRow     *smtp_port_row;
  AdwComboRow     *smtp_security_row;
  AdwEntryRow     *user_row;
  AdwEntryRow     *password_row;
  AdwEntryRow     *signature_row;
  AdwEntryRow     *days_row;
  AdwActionRow    *test_row;
  GtkWidget       *test_button;
  GtkWidget       *trust_button;

  /* owned */
  KefuEmailConfig *config;
  char            *fingerprint;   /* of the certificate the last test did not trust */
};

G_DEFINE_FINAL_TYPE (KefuAccountEmailEditor, kefu_account_email_editor, KEFU_TYPE_ACCOUNT_EDITOR)

/* In the order of KefuEmailSecurity. */
static const char *security_labels[] = {
  N_("TLS"),
  N_("STARTTLS"),
  N_("None (this computer only)"),
  NULL,
};

static void
replace (char       **field,
         char        *value)
{
  g_free (*field);
  *field = value;
}

/* The config as the rows say, or NULL with @error set. */
static KefuEmailConfig *
read_config (KefuAccountEmailEditor  *self,
             char                   **address,
             GError                 **error)
{
  g_autofree char *json = kefu_email_config_to_json (self->config);
  g_autoptr (KefuEmailConfig) config = kefu_email_config_new_from_json (json, error);

  if (config == NULL)
    return NULL;

  *address = kefu_account_editor_dup_text (self->address_row);
  if (*address == NULL || strchr (*address, '@') == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Give the mailbox’s address, such as support@shop.example."));
      return NULL;
    }

  replace (&config->display_name, kefu_account_editor_dup_text (self->display_name_row));
  replace (&config->imap_host, kefu_account_editor_dup_text (self->imap_host_row));
  replace (&config->smtp_host, kefu_account_editor_dup_text (self->smtp_host_row));
  replace (&config->folder, kefu_account_editor_dup_text (self->folder_row));
  replace (&config->user, kefu_account_editor_dup_text (self->user_row));
  replace (&config->signature, kefu_account_editor_dup_text (self->signature_row));
  config->imap_security = adw_combo_row_get_selected (self->imap_security_row);
  config->smtp_security = adw_combo_row_get_selected (self->smtp_security_row);
  config->imap_port = kefu_email_security_default_port (TRUE, config->imap_security);
  config->smtp_port = kefu_email_security_default_port (FALSE, config->smtp_security);
  kefu_email_config_fill_defaults (config, *address);

  if (!kefu_account_editor_parse_number (self->imap_port_row, 1, 65535, &config->imap_port, error) ||
      !kefu_account_editor_parse_number (self->smtp_port_row, 1, 65535, &config->smtp_port, error) ||
      !kefu_account_editor_parse_number (self->days_row, 0, 3650, &config->first_sync_days, error) ||
      !kefu_email_config_validate (config, error))
    return NULL;

  return g_steal_pointer (&config);
}

static KefuAccount *
build_account (KefuAccountEmailEditor  *self,
               char                   **json,
               GError                 **error)
{
  g_autoptr (KefuEmailConfig) config = NULL;
  g_autofree char *address = NULL;
  g_autofree char *name = kefu_account_editor_dup_text (self->name_row);
  KefuAccountFields fields = { 0 };

  config = read_config (self, &address, error);
  if (config == NULL)
    return NULL;

  *json = kefu_email_config_to_json (config);
  kefu_account_editor_fill_fields (KEFU_ACCOUNT_EDITOR (self), KEFU_CHANNEL_KIND_EMAIL, &fields);
  fields.name = name != NULL ? name : address;
  fields.address = address;
  fields.config = *json;

  return kefu_account_new (&fields);
}

/* Testing the connection: with the password typed, or the saved one. */

static void
set_test_result (KefuAccountEmailEditor *self,
                 const char             *text)
{
  adw_action_row_set_subtitle (self->test_row, text);
  gtk_widget_set_sensitive (self->test_button, TRUE);
}

static void
test_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KefuAccountEmailEditor *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;

  summary = kefu_email_channel_test_finish (result, &fingerprint, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_pointer (&self->fingerprint, g_free);
  if (summary == NULL && fingerprint != NULL)
    {
      /* The certificate is not trusted: show its fingerprint and offer to trust it. */
      text = g_strdup_printf (_("%s\nCertificate fingerprint (SHA-256): %s\nCompare it with the one your mail provider gives before you trust it."),
                              error->message, fingerprint);
      self->fingerprint = g_steal_pointer (&fingerprint);
    }
  else if (summary == NULL)
    text = g_strdup (error->message);
  else
    text = g_steal_pointer (&summary);

  gtk_widget_set_visible (self->trust_button, self->fingerprint != NULL);
  set_test_result (self, text);
}

static void
test_with_password (KefuAccountEmailEditor *self,
                    const char             *password)
{
  g_autoptr (KefuAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;

  account = build_account (self, &json, &error);
  if (account == NULL)
    {
      set_test_result (self, error->message);
      return;
    }

  kefu_email_channel_test_async (account, password != NULL ? password : "",
                                 kefu_account_editor_get_cancellable (KEFU_ACCOUNT_EDITOR (self)), test_cb, self);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KefuAccountEmailEditor *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *password = kefu_account_secret_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (password == NULL)
    {
      set_test_result (self, error != NULL ? error->message : _("Type the password to test the connection."));
      return;
    }

  test_with_password (self, password);
  memset (password, 0, strlen (password));
}

/* The saved password only goes to the servers and user it was saved for:
 * typing another host must never send it there. */
static gboolean
same_login_as_saved (KefuAccountEmailEditor *self)
{
  g_autoptr (KefuEmailConfig) typed = NULL;
  g_autofree char *address = NULL;

  typed = read_config (self, &address, NULL);

  return typed != NULL &&
         g_ascii_strcasecmp (typed->imap_host, self->config->imap_host) == 0 &&
         g_ascii_strcasecmp (typed->smtp_host, self->config->smtp_host) == 0 &&
         g_strcmp0 (typed->user, self->config->user) == 0;
}

static void
on_test_clicked (GtkButton              *button,
                 KefuAccountEmailEditor *self)
{
  KefuAccountEditor *editor = KEFU_ACCOUNT_EDITOR (self);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  KefuAccount *saved = kefu_account_editor_get_account (editor);

  gtk_widget_set_sensitive (self->test_button, FALSE);
  gtk_widget_set_visible (self->trust_button, FALSE);
  adw_action_row_set_subtitle (self->test_row, _("Connecting…"));
  if (*password != '\0' || saved == NULL)
    test_with_password (self, password);
  else if (same_login_as_saved (self))
    kefu_account_secret_lookup_async (kefu_account_get_id (saved), kefu_account_editor_get_cancellable (editor),
                                      lookup_cb, self);
  else
    set_test_result (self, _("The servers or the user changed: type the password to test the new connection."));
}

static void
on_trust_clicked (GtkButton              *button,
                  KefuAccountEmailEditor *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (self->fingerprint == NULL)
    return;
  g_strv_builder_addv (builder, (const char **)self->config->trusted_certificates);
  if (!kefu_email_config_trusts (self->config, self->fingerprint))
    g_strv_builder_add (builder, self->fingerprint);
  g_strfreev (self->config->trusted_certificates);
  self->config->trusted_certificates = g_strv_builder_end (builder);

  /* Saved with the account; tested again at once. */
  on_test_clicked (NULL, self);
}

/* Saving. */

static void
save (KefuAccountEditor *editor)
{
  KefuAccountEmailEditor *self = KEFU_ACCOUNT_EMAIL_EDITOR (editor);
  g_autoptr (KefuAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  KefuAccountFields fields = { 0 };

  account = build_account (self, &json, &error);
  if (account == NULL)
    {
      kefu_account_editor_toast (KEFU_ACCOUNT_EDITOR (self), error->message);
      return;
    }
  if (kefu_account_editor_get_account (KEFU_ACCOUNT_EDITOR (self)) == NULL && *password == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
      kefu_account_editor_toast (KEFU_ACCOUNT_EDITOR (self), _("Type the mailbox’s password. Kefu keeps it in your keyring, never in its database."));
      return;
    }

  fields.id = kefu_account_get_id (account);
  fields.kind = KEFU_CHANNEL_KIND_EMAIL;
  fields.name = kefu_account_get_name (account);
  fields.address = kefu_account_get_address (account);
  fields.config = json;
  fields.enabled = kefu_account_get_enabled (account);
  fields.created_at = kefu_account_get_created_at (account);

  kefu_account_editor_save (KEFU_ACCOUNT_EDITOR (self), &fields, *password != '\0' ? password : NULL);
}

static void
kefu_account_email_editor_finalize (GObject *object)
{
  KefuAccountEmailEditor *self = KEFU_ACCOUNT_EMAIL_EDITOR (object);

  g_clear_pointer (&self->config, kefu_email_config_free);
  g_clear_pointer (&self->fingerprint, g_free);

  G_OBJECT_CLASS (kefu_account_email_editor_parent_class)->finalize (object);
}

static void
kefu_account_email_editor_class_init (KefuAccountEmailEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kefu_account_email_editor_finalize;

  KEFU_ACCOUNT_EDITOR_CLASS (klass)->save = save;
}

static void
kefu_account_email_editor_init (KefuAccountEmailEditor *self)
{
}

static void
build (KefuAccountEmailEditor *self,
       GtkWindow              *parent)
{
  KefuAccount *account = kefu_account_editor_get_account (KEFU_ACCOUNT_EDITOR (self));
  const char *labels[G_N_ELEMENTS (security_labels)];
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  GtkWidget *buttons;
  g_autofree char *imap_port = g_strdup_printf ("%u", self->config->imap_port);
  g_autofree char *smtp_port = g_strdup_printf ("%u", self->config->smtp_port);
  g_autofree char *days = g_strdup_printf ("%u", self->config->first_sync_days);

  for (guint i = 0; i < G_N_ELEMENTS (security_labels); i++)
    labels[i] = security_labels[i] != NULL ? _(security_labels[i]) : NULL;

  page = kefu_account_editor_setup (KEFU_ACCOUNT_EDITOR (self), parent,
                                    account != NULL ? _("Email Account") : _("Add Email Account"));

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  kefu_account_editor_set_description (group, _("A shared mailbox such as support@ or sales@. Mail that arrives there becomes tickets; replies go out from it."));
  adw_preferences_page_add (page, group);
  self->name_row = kefu_account_editor_add_entry (group, _("Name"),
                                                  account != NULL ? kefu_account_get_name (account) : NULL);
  self->address_row = kefu_account_editor_add_entry (group, _("Address"),
                                                     account != NULL ? kefu_account_get_address (account) : NULL);
  self->display_name_row = kefu_account_editor_add_entry (group, _("Sender Name on Replies"), self->config->display_name);
  self->signature_row = kefu_account_editor_add_entry (group, _("Signature"), self->config->signature);
  self->days_row = kefu_account_editor_add_entry (group, _("Days of Old Mail to Import"), days);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Login"));
  adw_preferences_page_add (page, group);
  self->user_row = kefu_account_editor_add_entry (group, _("User Name (usually the address)"), self->config->user);
  self->password_row = kefu_account_editor_add_password (KEFU_ACCOUNT_EDITOR (self), group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Incoming Mail (IMAP)"));
  adw_preferences_page_add (page, group);
  self->imap_host_row = kefu_account_editor_add_entry (group, _("Server"), self->config->imap_host);
  self->imap_security_row = kefu_account_editor_add_choice (group, _("Security"), labels, self->config->imap_security);
  self->imap_port_row = kefu_account_editor_add_entry (group, _("Port"), imap_port);
  self->folder_row = kefu_account_editor_add_entry (group, _("Folder"), self->config->folder);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Outgoing Mail (SMTP)"));
  adw_preferences_page_add (page, group);
  self->smtp_host_row = kefu_account_editor_add_entry (group, _("Server (empty: the incoming one)"), self->config->smtp_host);
  self->smtp_security_row = kefu_account_editor_add_choice (group, _("Security"), labels, self->config->smtp_security);
  self->smtp_port_row = kefu_account_editor_add_entry (group, _("Port"), smtp_port);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_page_add (page, group);
  self->test_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->test_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->test_row), _("Connection"));
  adw_action_row_set_subtitle (self->test_row, _("Not tested yet"));
  adw_action_row_set_subtitle_lines (self->test_row, 0);
  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  self->test_button = gtk_button_new_with_mnemonic (_("_Test Connection"));
  g_signal_connect (self->test_button, "clicked", G_CALLBACK (on_test_clicked), self);
  self->trust_button = gtk_button_new_with_mnemonic (_("T_rust This Certificate"));
  gtk_widget_add_css_class (self->trust_button, "destructive-action");
  gtk_widget_set_visible (self->trust_button, FALSE);
  g_signal_connect (self->trust_button, "clicked", G_CALLBACK (on_trust_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->test_button);
  gtk_box_append (GTK_BOX (buttons), self->trust_button);
  adw_action_row_add_suffix (self->test_row, buttons);
  adw_preferences_group_add (group, GTK_WIDGET (self->test_row));
}

/**
 * kefu_account_email_editor_new:
 * @account: (nullable): the mail account, or %NULL to add one
 *
 * Returns: (transfer none): the editor, a modal window over @parent
 */
GtkWindow *
kefu_account_email_editor_new (GtkWindow   *parent,
                               KefuStore   *store,
                               KefuRuntime *runtime,
                               KefuAccount *account)
{
  KefuAccountEmailEditor *self = g_object_new (KEFU_TYPE_ACCOUNT_EMAIL_EDITOR, NULL);

  kefu_account_editor_set_account (KEFU_ACCOUNT_EDITOR (self), store, runtime, account);
  if (account != NULL)
    self->config = kefu_email_config_new_from_json (kefu_account_get_config (account), NULL);
  if (self->config == NULL)
    self->config = kefu_email_config_new ();
  build (self, parent);

  return GTK_WINDOW (self);
}
