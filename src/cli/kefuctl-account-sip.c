/* kefuctl-account-sip.c: `kefuctl account add-sip`: a SIP line, registered or direct.
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
#include "kefu-phone-config.h"
#include "kefu-store-email.h"

static char *
read_sip_password (GError **error)
{
  char buffer[1024];

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("Give the SIP password on standard input, for example: echo -n PASSWORD | kefuctl account add-sip …"));
      return NULL;
    }
  buffer[strcspn (buffer, "\r\n")] = '\0';

  return g_strdup (buffer);
}

static gboolean
parse_number (const char  *text,
              const char  *option,
              guint        max,
              guint       *out,
              GError     **error)
{
  guint64 number;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &number, NULL))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("%s takes a number from 0 to %u."), option, max);
      return FALSE;
    }
  *out = number;

  return TRUE;
}

/**
 * kefuctl_account_add_sip:
 *
 * `kefuctl account add-sip --registrar sip:pbx.example --user 100` (password
 * on standard input, kept in the keyring), or `--bind-port 5060` alone for
 * direct mode. Prints the new account's id.
 */
gboolean
kefuctl_account_add_sip (KefuctlContext  *context,
                         int              argc,
                         char           **argv,
                         GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (KefuPhoneConfig) config = kefu_phone_config_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *name = NULL;
  g_autofree char *transport = NULL;
  g_autofree char *bind_port = NULL;
  g_autofree char *ring_timeout = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *password = NULL;
  g_autofree char *json = NULL;
  g_autofree char *address = NULL;
  g_autofree char *codecs = NULL;
  gboolean disabled = FALSE;
  gboolean no_voicemail = FALSE;
  KefuAccountFields fields = { 0 };
  KefuStore *store;
  gint64 id;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("What Kefu calls the line (“Shop phone”)"), N_("NAME") },
    { "registrar", 0, 0, G_OPTION_ARG_STRING, &config->registrar, N_("The SIP server to register with (sip:pbx.example); leave out for direct mode"), N_("URI") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &config->user, N_("The line's user or extension"), N_("USER") },
    { "auth-user", 0, 0, G_OPTION_ARG_STRING, &config->auth_user, N_("Login name if it differs from the user"), N_("USER") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &config->display_name, N_("Name shown to the people you call"), N_("TEXT") },
    { "transport", 0, 0, G_OPTION_ARG_STRING, &transport, N_("udp (default), tcp or tls"), N_("TRANSPORT") },
    { "outbound-proxy", 0, 0, G_OPTION_ARG_STRING, &config->outbound_proxy, N_("Send every request through this proxy"), N_("URI") },
    { "stun", 0, 0, G_OPTION_ARG_STRING, &config->stun_server, N_("STUN server for calls from behind NAT"), N_("HOST") },
    { "bind-address", 0, 0, G_OPTION_ARG_STRING, &config->bind_address, N_("Local address to listen on (default: all)"), N_("ADDRESS") },
    { "bind-port", 0, 0, G_OPTION_ARG_STRING, &bind_port, N_("Local SIP port (direct mode: where desk phones call)"), N_("PORT") },
    { "register-expires", 0, 0, G_OPTION_ARG_STRING, &expires, N_("Seconds a registration lasts (default 300)"), N_("SECONDS") },
    { "ring-timeout", 0, 0, G_OPTION_ARG_STRING, &ring_timeout, N_("Seconds a call rings before voicemail (default 30)"), N_("SECONDS") },
    { "no-voicemail", 0, 0, G_OPTION_ARG_NONE, &no_voicemail, N_("Let unanswered calls end as missed"), NULL },
    { "voicemail-greeting", 0, 0, G_OPTION_ARG_STRING, &config->voicemail_greeting, N_("Text the voicemail greeting speaks"), N_("TEXT") },
    { "voicemail-greeting-file", 0, 0, G_OPTION_ARG_FILENAME, &config->voicemail_greeting_file, N_("Or a recorded WAV greeting"), N_("FILE") },
    { "codecs", 0, 0, G_OPTION_ARG_STRING, &codecs, N_("Audio codecs, most wanted first (default opus,G722,PCMA,PCMU)"), N_("LIST") },
    { "auto-answer", 0, 0, G_OPTION_ARG_NONE, &config->auto_answer, N_("Answer every call at once (headless desks)"), NULL },
    { "disabled", 0, 0, G_OPTION_ARG_NONE, &disabled, N_("Add it switched off"), NULL },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "account add-sip",
                                         _("Adds a SIP phone line. With --registrar the password is read from "
                                           "standard input and kept in the keyring, never in the database."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 0, error))
    return FALSE;

  if (transport != NULL && !kefu_sip_transport_from_string (transport, &config->transport))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE, _("--transport is udp, tcp or tls."));
      return FALSE;
    }
  if (!parse_number (bind_port, "--bind-port", 65535, &config->bind_port, error) ||
      !parse_number (ring_timeout, "--ring-timeout", 600, &config->ring_timeout, error) ||
      !parse_number (expires, "--register-expires", 86400, &config->register_expires, error))
    return FALSE;
  if (codecs != NULL)
    {
      g_strfreev (config->codecs);
      config->codecs = g_strsplit (codecs, ",", 16);
    }
  kefu_phone_config_fill_defaults (config);
  if (no_voicemail)
    config->voicemail = FALSE;
  if (!kefu_phone_config_validate (config, error))
    return FALSE;

  if (config->registrar != NULL)
    {
      password = read_sip_password (error);
      if (password == NULL)
        return FALSE;
    }

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_CREATE, error))
    return FALSE;
  store = kefuctl_context_get_store (context);

  json = kefu_phone_config_to_json (config);
  address = kefu_phone_config_dup_address (config);
  fields.kind = KEFU_CHANNEL_KIND_PHONE;
  fields.name = name ? name : address;
  fields.address = address;
  fields.config = json;
  fields.enabled = !disabled;
  kefu_store_insert_account_async (store, &fields, context->cancellable, kefuctl_result_cb, &result);
  id = kefu_store_insert_account_finish (store, kefuctl_wait (&result), error);
  if (id <= 0)
    return FALSE;

  if (password != NULL)
    {
      g_autoptr (GAsyncResult) stored = NULL;
      g_autofree char *label = g_strdup_printf ("Kefu: %s", address);

      kefu_account_secret_store_async (id, label, password, context->cancellable, kefuctl_result_cb, &stored);
      memset (password, 0, strlen (password));
      if (!kefu_account_secret_store_finish (kefuctl_wait (&stored), error))
        {
          g_autoptr (GAsyncResult) deleted = NULL;

          /* No line without its password: take the row back out. */
          kefu_store_delete_account_async (store, id, NULL, kefuctl_result_cb, &deleted);
          kefu_store_delete_account_finish (store, kefuctl_wait (&deleted), NULL);
          return FALSE;
        }
    }

  g_print ("%" PRId64 "\n", id);

  return TRUE;
}
