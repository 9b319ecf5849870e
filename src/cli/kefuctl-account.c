/* kefuctl-account.c: `kefuctl account`: add, list, test, trust and remove channel accounts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "kefuctl-context.h"

#include "kefu-account-secret.h"
#include "kefu-email-channel.h"
#include "kefu-email-config.h"
#include "kefu-enums.h"
#include "kefu-store-email.h"

#define MAX_PASSWORD 4096

/* The password comes on standard input, never on the command line (where
 * `ps` and the shell's history would show it). */
static char *
read_password (GError **error)
{
  char buffer[MAX_PASSWORD];
  gsize length;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("Give the password on standard input, for example: echo -n PASSWORD | kefuctl account …"));
      return NULL;
    }
  length = strcspn (buffer, "\r\n");
  buffer[length] = '\0';

  return g_strdup (buffer);
}

static void
forget_password (char *password)
{
  if (password == NULL)
    return;
  memset (password, 0, strlen (password));
  g_free (password);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (char, forget_password)

static GPtrArray *
list_accounts (KefuctlContext  *context,
               GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  KefuStore *store = kefuctl_context_get_store (context);

  kefu_store_list_accounts_async (store, context->cancellable, kefuctl_result_cb, &result);

  return kefu_store_list_accounts_finish (store, kefuctl_wait (&result), error);
}

static KefuAccount *
find_account (KefuctlContext  *context,
              const char      *id_text,
              GError         **error)
{
  g_autoptr (GPtrArray) accounts = list_accounts (context, error);
  guint64 id = 0;

  if (accounts == NULL)
    return NULL;

  if (!g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE, _("“%s” is not an account number."), id_text);
      return NULL;
    }

  for (guint i = 0; i < accounts->len; i++)
    if (kefu_account_get_id (g_ptr_array_index (accounts, i)) == (gint64)id)
      return g_object_ref (g_ptr_array_index (accounts, i));

  g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_NOT_FOUND, _("There is no account %s."), id_text);

  return NULL;
}

static gboolean
parse_port (const char  *text,
            guint       *port,
            GError     **error)
{
  guint64 value;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, 65535, &value, NULL))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE, _("“%s” is not a port number."), text);
      return FALSE;
    }
  *port = (guint)value;

  return TRUE;
}

static gboolean
parse_security (const char         *text,
                KefuEmailSecurity  *security,
                GError            **error)
{
  if (text == NULL || kefu_email_security_from_string (text, security))
    return TRUE;

  g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
               _("“%s” is not a security setting: use tls, starttls or none."), text);

  return FALSE;
}

static gboolean
add_email (KefuctlContext  *context,
           int              argc,
           char           **argv,
           GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (KefuEmailConfig) config = kefu_email_config_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) stored = NULL;
  g_autoptr (char) password = NULL;
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  g_autofree char *imap_port = NULL;
  g_autofree char *imap_security = NULL;
  g_autofree char *smtp_port = NULL;
  g_autofree char *smtp_security = NULL;
  g_autofree char *first_sync = NULL;
  g_autofree char *poll = NULL;
  g_autofree char *send_delay = NULL;
  g_autofree char *json = NULL;
  g_autofree char *label = NULL;
  gboolean disabled = FALSE;
  KefuAccountFields fields = { 0 };
  KefuStore *store;
  gint64 id;
  guint64 number;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("What Kefu calls the account (“Support”)"), N_("NAME") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("The mailbox's address (support@shop.example)"), N_("ADDRESS") },
    { "imap-host", 0, 0, G_OPTION_ARG_STRING, &config->imap_host, N_("Incoming mail server"), N_("HOST") },
    { "imap-port", 0, 0, G_OPTION_ARG_STRING, &imap_port, N_("Its port (default 993 with TLS, else 143)"), N_("PORT") },
    { "imap-security", 0, 0, G_OPTION_ARG_STRING, &imap_security, N_("tls (default), starttls, or none (this computer only)"), N_("SECURITY") },
    { "smtp-host", 0, 0, G_OPTION_ARG_STRING, &config->smtp_host, N_("Outgoing mail server (default: the incoming one)"), N_("HOST") },
    { "smtp-port", 0, 0, G_OPTION_ARG_STRING, &smtp_port, N_("Its port (default 465 with TLS, else 587)"), N_("PORT") },
    { "smtp-security", 0, 0, G_OPTION_ARG_STRING, &smtp_security, N_("tls (default), starttls, or none (this computer only)"), N_("SECURITY") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &config->user, N_("Login name (default: the address)"), N_("USER") },
    { "folder", 0, 0, G_OPTION_ARG_STRING, &config->folder, N_("Folder to read (default INBOX)"), N_("FOLDER") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &config->display_name, N_("Sender name on replies"), N_("TEXT") },
    { "signature", 0, 0, G_OPTION_ARG_STRING, &config->signature, N_("Added below every reply"), N_("TEXT") },
    { "first-sync-days", 0, 0, G_OPTION_ARG_STRING, &first_sync, N_("How many days of old mail the first connection imports (default 14)"), N_("DAYS") },
    { "poll-interval", 0, 0, G_OPTION_ARG_STRING, &poll, N_("Seconds between checks when the server cannot announce mail (default 60)"), N_("SECONDS") },
    { "send-delay", 0, 0, G_OPTION_ARG_STRING, &send_delay, N_("Seconds a reply can still be undone before it goes (default 5)"), N_("SECONDS") },
    { "auto-acknowledge", 0, 0, G_OPTION_ARG_NONE, &config->auto_acknowledge, N_("Answer new conversations with their ticket number"), NULL },
    { "out-of-hours", 0, 0, G_OPTION_ARG_NONE, &config->out_of_hours, N_("Send a notice when mail arrives outside business hours"), NULL },
    { "disabled", 0, 0, G_OPTION_ARG_NONE, &disabled, N_("Add it switched off"), NULL },
    { NULL }
  };

  g_clear_pointer (&config->folder, g_free);
  options = kefuctl_context_new_options (context, "account add-email",
                                         _("Adds a shared mailbox. The password is read from standard input "
                                           "and kept in the keyring, never in the database."), entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 0, error))
    return FALSE;

  if (address == NULL || strchr (address, '@') == NULL)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE, _("Give the mailbox's address with --address."));
      return FALSE;
    }
  kefu_email_config_fill_defaults (config, address);
  if (!parse_security (imap_security, &config->imap_security, error) ||
      !parse_security (smtp_security, &config->smtp_security, error))
    return FALSE;
  config->imap_port = kefu_email_security_default_port (TRUE, config->imap_security);
  config->smtp_port = kefu_email_security_default_port (FALSE, config->smtp_security);
  if (!parse_port (imap_port, &config->imap_port, error) || !parse_port (smtp_port, &config->smtp_port, error))
    return FALSE;
  if (first_sync != NULL && g_ascii_string_to_unsigned (first_sync, 10, 0, 3650, &number, NULL))
    config->first_sync_days = (guint)number;
  if (poll != NULL && g_ascii_string_to_unsigned (poll, 10, 1, 86400, &number, NULL))
    config->poll_interval = (guint)number;
  if (send_delay != NULL && g_ascii_string_to_unsigned (send_delay, 10, 0, 600, &number, NULL))
    config->send_delay = (guint)number;
  if (!kefu_email_config_validate (config, error))
    return FALSE;

  password = read_password (error);
  if (password == NULL)
    return FALSE;

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_CREATE, error))
    return FALSE;
  store = kefuctl_context_get_store (context);

  json = kefu_email_config_to_json (config);
  fields.kind = KEFU_CHANNEL_KIND_EMAIL;
  fields.name = name ? name : address;
  fields.address = address;
  fields.config = json;
  fields.enabled = !disabled;
  kefu_store_insert_account_async (store, &fields, context->cancellable, kefuctl_result_cb, &result);
  id = kefu_store_insert_account_finish (store, kefuctl_wait (&result), error);
  if (id <= 0)
    return FALSE;

  label = g_strdup_printf ("Kefu: %s", address);
  kefu_account_secret_store_async (id, label, password, context->cancellable, kefuctl_result_cb, &stored);
  if (!kefu_account_secret_store_finish (kefuctl_wait (&stored), error))
    {
      g_autoptr (GAsyncResult) deleted = NULL;

      /* No account without its password: take the row back out. */
      kefu_store_delete_account_async (store, id, NULL, kefuctl_result_cb, &deleted);
      kefu_store_delete_account_finish (store, kefuctl_wait (&deleted), NULL);
      return FALSE;
    }

  g_print ("%" PRId64 "\n", id);

  return TRUE;
}

static gboolean
list (KefuctlContext  *context,
      int              argc,
      char           **argv,
      GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (KefuctlTable) table = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for programs"), NULL },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "account list", _("Lists the channel accounts."), entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 0, error) ||
      !kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;

  accounts = list_accounts (context, error);
  if (accounts == NULL)
    return FALSE;

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < accounts->len; i++)
        {
          KefuAccount *account = g_ptr_array_index (accounts, i);
          g_autoptr (JsonParser) parser = json_parser_new ();

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, kefu_account_get_id (account));
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, kefu_enum_to_nick (KEFU_TYPE_CHANNEL_KIND, kefu_account_get_kind (account)));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, kefu_account_get_name (account));
          json_builder_set_member_name (builder, "address");
          json_builder_add_string_value (builder, kefu_account_get_address (account));
          json_builder_set_member_name (builder, "enabled");
          json_builder_add_boolean_value (builder, kefu_account_get_enabled (account));
          if (json_parser_load_from_data (parser, kefu_account_get_config (account), -1, NULL))
            {
              json_builder_set_member_name (builder, "config");
              json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      kefuctl_print_json (root);
      return TRUE;
    }

  if (accounts->len == 0)
    {
      g_print ("%s\n", _("No accounts."));
      return TRUE;
    }

  table = kefuctl_table_new (6, _(">ID"), _("KIND"), C_("column", "NAME"), C_("column", "ADDRESS"), _("SERVER"), _("ENABLED"));
  for (guint i = 0; i < accounts->len; i++)
    {
      KefuAccount *account = g_ptr_array_index (accounts, i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, kefu_account_get_id (account));
      g_autoptr (KefuEmailConfig) config = NULL;
      g_autofree char *server = NULL;

      if (kefu_account_get_kind (account) == KEFU_CHANNEL_KIND_EMAIL &&
          (config = kefu_email_config_new_from_json (kefu_account_get_config (account), NULL)) != NULL)
        server = g_strdup_printf ("%s:%u (%s)", config->imap_host ? config->imap_host : "?", config->imap_port,
                                  kefu_email_security_to_string (config->imap_security));

      kefuctl_table_add_row (table, id, kefu_enum_to_nick (KEFU_TYPE_CHANNEL_KIND, kefu_account_get_kind (account)),
                             kefu_account_get_name (account), kefu_account_get_address (account),
                             server ? server : "", kefu_account_get_enabled (account) ? _("yes") : _("no"));
    }
  kefuctl_table_print (table);

  return TRUE;
}

static gboolean
test (KefuctlContext  *context,
      int              argc,
      char           **argv,
      GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (KefuAccount) account = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) tested = NULL;
  g_autoptr (char) password = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *summary = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean stdin_password = FALSE;
  const GOptionEntry entries[] = {
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &stdin_password, N_("Try the password on standard input instead of the saved one"), NULL },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "account test ID",
                                         _("Logs in to the account's servers and says in words what works and what does not."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 1, 1, error) ||
      !kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;

  account = find_account (context, argv[argc - 1], error);
  if (account == NULL)
    return FALSE;

  if (stdin_password)
    password = read_password (error);
  else
    {
      kefu_account_secret_lookup_async (kefu_account_get_id (account), context->cancellable, kefuctl_result_cb, &result);
      password = kefu_account_secret_lookup_finish (kefuctl_wait (&result), error);
    }
  if (password == NULL)
    return FALSE;

  kefu_email_channel_test_async (account, password, context->cancellable, kefuctl_result_cb, &tested);
  summary = kefu_email_channel_test_finish (kefuctl_wait (&tested), &fingerprint, &local_error);
  if (summary == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      if (fingerprint != NULL)
        g_printerr (_("To trust this certificate: kefuctl account trust %s %s\n"), argv[argc - 1], fingerprint);
      return FALSE;
    }

  g_print ("%s\n", summary);
  if (fingerprint != NULL)
    g_print (_("Certificate fingerprint (SHA-256): %s\n"), fingerprint);

  return TRUE;
}

static gboolean
save_config (KefuctlContext   *context,
             KefuAccount      *account,
             KefuEmailConfig  *config,
             GError          **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *json = kefu_email_config_to_json (config);
  KefuAccountFields fields = { 0 };
  KefuStore *store = kefuctl_context_get_store (context);

  fields.id = kefu_account_get_id (account);
  fields.kind = kefu_account_get_kind (account);
  fields.name = kefu_account_get_name (account);
  fields.address = kefu_account_get_address (account);
  fields.config = json;
  fields.enabled = kefu_account_get_enabled (account);
  kefu_store_update_account_async (store, &fields, context->cancellable, kefuctl_result_cb, &result);

  return kefu_store_update_account_finish (store, kefuctl_wait (&result), error);
}

static gboolean
trust (KefuctlContext  *context,
       int              argc,
       char           **argv,
       GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (KefuAccount) account = NULL;
  g_autoptr (KefuEmailConfig) config = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  options = kefuctl_context_new_options (context, "account trust ID FINGERPRINT",
                                         _("Trusts a mail server certificate that the system does not, after you "
                                           "compared its SHA-256 fingerprint with the one your provider gives."), NULL);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 2, 2, error) ||
      !kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;

  account = find_account (context, argv[argc - 2], error);
  if (account == NULL)
    return FALSE;
  config = kefu_email_config_new_from_json (kefu_account_get_config (account), error);
  if (config == NULL)
    return FALSE;

  g_strv_builder_addv (builder, (const char **)config->trusted_certificates);
  if (!kefu_email_config_trusts (config, argv[argc - 1]))
    g_strv_builder_add (builder, argv[argc - 1]);
  g_strfreev (config->trusted_certificates);
  config->trusted_certificates = g_strv_builder_end (builder);

  return save_config (context, account, config, error);
}

static gboolean
remove_account (KefuctlContext  *context,
                int              argc,
                char           **argv,
                GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (KefuAccount) account = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) cleared = NULL;
  KefuStore *store;

  options = kefuctl_context_new_options (context, "account remove ID",
                                         _("Removes an account and its saved password; its tickets stay."), NULL);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 1, 1, error) ||
      !kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;

  account = find_account (context, argv[argc - 1], error);
  if (account == NULL)
    return FALSE;
  store = kefuctl_context_get_store (context);

  kefu_store_delete_account_async (store, kefu_account_get_id (account), context->cancellable,
                                   kefuctl_result_cb, &result);
  if (!kefu_store_delete_account_finish (store, kefuctl_wait (&result), error))
    return FALSE;

  kefu_account_secret_clear_async (kefu_account_get_id (account), context->cancellable, kefuctl_result_cb, &cleared);

  return kefu_account_secret_clear_finish (kefuctl_wait (&cleared), error);
}

static const struct {
  const char         *name;
  KefuctlCommandFunc  run;
} subcommands[] = {
  { "add-email", add_email },
  { "add-sip", kefuctl_account_add_sip },
  { "list", list },
  { "test", test },
  { "trust", trust },
  { "remove", remove_account },
};

gboolean
kefuctl_account_run (KefuctlContext  *context,
                     int              argc,
                     char           **argv,
                     GError         **error)
{
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].run (context, argc - 1, argv + 1, error);

  g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
               _("Which account command? add-email, add-sip, list, test ID, trust ID FINGERPRINT or remove ID."));

  return FALSE;
}
