/* kefuctl-chat.c: `kefuctl chat enable|config|show`: the website chat server's settings.
 *
 * The chat server is one account of kind chat in the store's accounts
 * table; its JSON config (KefuChatConfig) holds where it listens, which
 * websites may embed it and how the widget looks. `kefuctl serve` and the
 * app start it from there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-chat-config.h"
#include "kefu-store-email.h"
#include "kefuctl-context.h"

typedef struct
{
  char   *address;
  int     port;
  char  **origins;
  char   *tls_certificate;
  char   *tls_key;
  char   *shop_name;
  char   *color;
  char   *greeting;
  int     max_text_length;
  int     max_image_size;
  int     max_connections_per_ip;
  gboolean plain_http;
  gboolean json;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->address);
  g_strfreev (options->origins);
  g_free (options->tls_certificate);
  g_free (options->tls_key);
  g_free (options->shop_name);
  g_free (options->color);
  g_free (options->greeting);
}

static KefuAccount *
find_chat_account (KefuctlContext  *context,
                   GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) accounts = NULL;

  kefu_store_list_accounts_async (kefuctl_context_get_store (context), context->cancellable,
                                  kefuctl_result_cb, &result);
  accounts = kefu_store_list_accounts_finish (kefuctl_context_get_store (context), kefuctl_wait (&result), error);
  if (accounts == NULL)
    return NULL;

  for (guint i = 0; i < accounts->len; i++)
    {
      KefuAccount *account = g_ptr_array_index (accounts, i);

      if (kefu_account_get_kind (account) == KEFU_CHANNEL_KIND_CHAT)
        return g_object_ref (account);
    }

  return NULL;
}

static gboolean
apply_options (KefuChatConfig  *config,
               const Options   *options,
               GError         **error)
{
  g_autoptr (GError) local_error = NULL;

#define REPLACE(field, value) \
  if ((value) != NULL) { g_free (config->field); config->field = g_strdup (value); }

  REPLACE (address, options->address);
  REPLACE (shop_name, options->shop_name);
  REPLACE (color, options->color);
  REPLACE (greeting, options->greeting);
  REPLACE (tls_certificate, options->tls_certificate);
  REPLACE (tls_key, options->tls_key);
#undef REPLACE

  if (options->plain_http)
    {
      g_clear_pointer (&config->tls_certificate, g_free);
      g_clear_pointer (&config->tls_key, g_free);
    }
  if (options->port >= 0)
    config->port = (guint)options->port;
  if (options->origins != NULL)
    {
      g_strfreev (config->origins);
      config->origins = g_strdupv (options->origins);
    }
  if (options->max_text_length > 0)
    config->max_text_length = (guint)options->max_text_length;
  if (options->max_image_size >= 0)
    config->max_image_size = (guint)options->max_image_size;
  if (options->max_connections_per_ip > 0)
    config->max_connections_per_ip = (guint)options->max_connections_per_ip;

  if (options->port > 65535)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE, _("--port takes a number from 0 to 65535."));
      return FALSE;
    }
  if (!g_hostname_is_ip_address (config->address))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("--address takes an IP address such as 127.0.0.1 or 0.0.0.0, not “%s”."), config->address);
      return FALSE;
    }

  /* What is saved must read back: the same checks as the server's. */
  if (!kefu_chat_config_check (config, &local_error))
    {
      g_set_error_literal (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
print_config (KefuAccount          *account,
              const KefuChatConfig *config,
              gboolean              json)
{
  g_autofree char *origins = g_strjoinv (", ", config->origins);
  const char *scheme = config->tls_certificate ? "https" : "http";
  const char *host = g_str_equal (config->address, "0.0.0.0") || g_str_equal (config->address, "::")
                     ? "YOUR-ADDRESS" : config->address;
  g_autofree char *snippet = kefu_chat_config_dup_embed_snippet (config);

  if (json)
    {
      g_autofree char *text = kefu_chat_config_to_json (config);

      g_print ("%s\n", text);
      return;
    }

  g_print (_("Chat server: %s\n"), kefu_account_get_enabled (account) ? _("enabled") : _("disabled"));
  g_print (_("Listens on: %s://%s:%u\n"), scheme, config->address, config->port);
  g_print (_("Allowed websites: %s\n"), *origins ? origins : _("only Kefu’s own /demo page"));
  g_print (_("Shop name: %s\n"), config->shop_name);
  g_print (_("Colour: %s\n"), config->color);
  g_print (_("Greeting: %s\n"), config->greeting);
  g_print (_("Demo page: %s://%s:%u/demo\n"), scheme, host, config->port);
  g_print (_("Paste this into your website’s pages, before </body>:\n"));
  g_print ("  %s\n", snippet);
}

static gboolean
save (KefuctlContext        *context,
      KefuAccount           *account,
      const KefuChatConfig  *config,
      gboolean               enabled,
      GError               **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *json = kefu_chat_config_to_json (config);
  KefuAccountFields fields = { 0 };

  fields.kind = KEFU_CHANNEL_KIND_CHAT;
  fields.name = account ? kefu_account_get_name (account) : _("Website chat");
  fields.address = NULL;
  fields.config = json;
  fields.enabled = enabled;
  fields.created_at = account ? kefu_account_get_created_at (account) : g_get_real_time ();

  if (account == NULL)
    {
      kefu_store_insert_account_async (kefuctl_context_get_store (context), &fields, context->cancellable,
                                       kefuctl_result_cb, &result);
      return kefu_store_insert_account_finish (kefuctl_context_get_store (context), kefuctl_wait (&result), error) > 0;
    }

  fields.id = kefu_account_get_id (account);
  kefu_store_update_account_async (kefuctl_context_get_store (context), &fields, context->cancellable,
                                   kefuctl_result_cb, &result);
  return kefu_store_update_account_finish (kefuctl_context_get_store (context), kefuctl_wait (&result), error);
}

gboolean
kefuctl_chat_run (KefuctlContext  *context,
                  int              argc,
                  char           **argv,
                  GError         **error)
{
  g_autoptr (GOptionContext) option_context = NULL;
  g_autoptr (KefuAccount) account = NULL;
  g_autoptr (KefuChatConfig) config = NULL;
  Options options = { .port = -1, .max_image_size = -1 };
  const GOptionEntry entries[] = {
    { "address", 0, 0, G_OPTION_ARG_STRING, &options.address,
      N_("Listen on this IP address (127.0.0.1: this computer only; 0.0.0.0: every network)"), N_("IP") },
    { "port", 0, 0, G_OPTION_ARG_INT, &options.port, N_("Listen on this port"), N_("PORT") },
    { "origin", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.origins,
      N_("A website allowed to embed the chat, such as https://shop.example (repeat for more)"), N_("URL") },
    { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_certificate,
      N_("Serve HTTPS with this PEM certificate"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_key, N_("The certificate’s PEM private key"), N_("FILE") },
    { "plain-http", 0, 0, G_OPTION_ARG_NONE, &options.plain_http, N_("Stop serving HTTPS"), NULL },
    { "shop-name", 0, 0, G_OPTION_ARG_STRING, &options.shop_name, N_("The name the widget shows"), N_("NAME") },
    { "color", 0, 0, G_OPTION_ARG_STRING, &options.color, N_("The widget’s colour, such as #3584e4"), N_("COLOR") },
    { "greeting", 0, 0, G_OPTION_ARG_STRING, &options.greeting, N_("The first thing visitors read"), N_("TEXT") },
    { "max-text-length", 0, 0, G_OPTION_ARG_INT, &options.max_text_length,
      N_("The longest message a visitor may send, in characters"), N_("N") },
    { "max-image-size", 0, 0, G_OPTION_ARG_INT, &options.max_image_size,
      N_("The largest image a visitor may send, in bytes (0: none)"), N_("BYTES") },
    { "max-connections-per-ip", 0, 0, G_OPTION_ARG_INT, &options.max_connections_per_ip,
      N_("How many chats one IP address may have open"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print the settings as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GError) local_error = NULL;
  const char *command;
  gboolean ok = FALSE;

  option_context = kefuctl_context_new_options (context, "chat enable|disable|config|show",
                                                _("Sets up the chat server that the widget on your website talks to."),
                                                entries);
  if (!kefuctl_context_parse (context, option_context, &argc, &argv, 1, 1, error))
    goto out;
  command = argv[1];

  if (!g_str_equal (command, "enable") && !g_str_equal (command, "disable") &&
      !g_str_equal (command, "config") && !g_str_equal (command, "show"))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("Unknown chat command “%s”. Use enable, disable, config or show."), command);
      goto out;
    }

  if (!kefuctl_context_open (context, g_str_equal (command, "enable") ? KEFUCTL_OPEN_CREATE : KEFUCTL_OPEN_EXISTING,
                             error))
    goto out;

  account = find_chat_account (context, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }
  if (account == NULL && !g_str_equal (command, "enable"))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_NOT_FOUND,
                   _("The chat server is not set up yet. Run “kefuctl chat enable” first."));
      goto out;
    }

  config = kefu_chat_config_new_from_json (account ? kefu_account_get_config (account) : NULL, error);
  if (config == NULL)
    goto out;

  if (g_str_equal (command, "show"))
    {
      print_config (account, config, options.json);
      ok = TRUE;
      goto out;
    }

  if (!apply_options (config, &options, error) ||
      !save (context, account, config,
             g_str_equal (command, "disable") ? FALSE : g_str_equal (command, "enable") ? TRUE
                                                     : kefu_account_get_enabled (account),
             error))
    goto out;

  g_clear_object (&account);
  account = find_chat_account (context, error);
  if (account == NULL)
    goto out;
  print_config (account, config, options.json);
  ok = TRUE;

out:
  options_clear (&options);

  return ok;
}
