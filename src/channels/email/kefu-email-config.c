/* kefu-email-config.c: reading, writing and checking a mail account's settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kefu-channel.h"
#include "kefu-email-config.h"

static const char * const security_names[] = { "tls", "starttls", "none" };

gboolean
kefu_email_security_from_string (const char        *text,
                                 KefuEmailSecurity *security)
{
  for (guint i = 0; i < G_N_ELEMENTS (security_names); i++)
    if (g_strcmp0 (text, security_names[i]) == 0)
      {
        *security = (KefuEmailSecurity)i;
        return TRUE;
      }

  return FALSE;
}

const char *
kefu_email_security_to_string (KefuEmailSecurity security)
{
  if ((guint)security >= G_N_ELEMENTS (security_names))
    return "tls";

  return security_names[security];
}

/**
 * kefu_email_host_is_loopback:
 *
 * Whether @host names this computer, where an unencrypted connection
 * cannot be overheard.
 */
gboolean
kefu_email_host_is_loopback (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

KefuEmailConfig *
kefu_email_config_new (void)
{
  KefuEmailConfig *self = g_new0 (KefuEmailConfig, 1);

  self->imap_port = 993;
  self->imap_security = KEFU_EMAIL_SECURITY_TLS;
  self->smtp_port = 465;
  self->smtp_security = KEFU_EMAIL_SECURITY_TLS;
  self->folder = g_strdup ("INBOX");
  self->first_sync_days = 14;
  self->poll_interval = 60;
  self->trusted_certificates = g_new0 (char *, 1);
  self->auto_reply_period = 24 * 3600;
  self->send_delay = 5;

  return self;
}

void
kefu_email_config_free (KefuEmailConfig *self)
{
  if (self == NULL)
    return;

  g_free (self->imap_host);
  g_free (self->smtp_host);
  g_free (self->user);
  g_free (self->folder);
  g_free (self->display_name);
  g_free (self->signature);
  g_strfreev (self->trusted_certificates);
  g_free (self->acknowledge_template);
  g_free (self->out_of_hours_template);
  g_free (self);
}

static char *
dup_string (JsonObject *object,
            const char *name,
            const char *fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return g_strdup (fallback);

  return g_strdup (json_node_get_string (node));
}

static guint
get_uint (JsonObject *object,
          const char *name,
          guint       fallback,
          guint       max)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  value = json_node_get_int (node);

  return value < 0 ? fallback : (guint)MIN (value, (gint64)max);
}

static gboolean
get_bool (JsonObject *object,
          const char *name,
          gboolean    fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;

  return json_node_get_boolean (node);
}

static KefuEmailSecurity
get_security (JsonObject        *object,
              const char        *name,
              KefuEmailSecurity  fallback)
{
  g_autofree char *text = dup_string (object, name, NULL);
  KefuEmailSecurity security = fallback;

  if (text != NULL)
    kefu_email_security_from_string (text, &security);

  return security;
}

/**
 * kefu_email_config_new_from_json:
 * @json: the account row's config
 *
 * Missing members take their defaults; a value of the wrong type is ignored.
 *
 * Returns: (transfer full): the settings, or %NULL if @json is not an object
 */
KefuEmailConfig *
kefu_email_config_new_from_json (const char  *json,
                                 GError     **error)
{
  g_autoptr (KefuEmailConfig) self = kefu_email_config_new ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *root;
  JsonNode *trusted;

  if (!json_parser_load_from_data (parser, json && *json ? json : "{}", -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                   _("The mail account's settings are damaged. Set the account up again."));
      return NULL;
    }
  object = json_node_get_object (root);

  self->imap_host = dup_string (object, "imap-host", NULL);
  self->imap_port = get_uint (object, "imap-port", self->imap_port, 65535);
  self->imap_security = get_security (object, "imap-security", self->imap_security);
  self->smtp_host = dup_string (object, "smtp-host", self->imap_host);
  self->smtp_port = get_uint (object, "smtp-port", self->smtp_port, 65535);
  self->smtp_security = get_security (object, "smtp-security", self->smtp_security);
  self->user = dup_string (object, "user", NULL);
  g_free (self->folder);
  self->folder = dup_string (object, "folder", "INBOX");
  self->display_name = dup_string (object, "display-name", NULL);
  self->signature = dup_string (object, "signature", NULL);
  self->first_sync_days = get_uint (object, "first-sync-days", self->first_sync_days, 3650);
  self->poll_interval = MAX (1, get_uint (object, "poll-interval", self->poll_interval, 86400));
  self->auto_acknowledge = get_bool (object, "auto-acknowledge", FALSE);
  self->acknowledge_template = dup_string (object, "acknowledge-template", NULL);
  self->out_of_hours = get_bool (object, "out-of-hours", FALSE);
  self->out_of_hours_template = dup_string (object, "out-of-hours-template", NULL);
  self->auto_reply_period = get_uint (object, "auto-reply-period", self->auto_reply_period, G_MAXINT);
  self->send_delay = get_uint (object, "send-delay", self->send_delay, 600);

  trusted = json_object_get_member (object, "trusted-certificates");
  if (trusted != NULL && JSON_NODE_HOLDS_ARRAY (trusted))
    {
      JsonArray *array = json_node_get_array (trusted);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array) && i < 16; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
      g_strfreev (self->trusted_certificates);
      self->trusted_certificates = g_strv_builder_end (builder);
    }

  return g_steal_pointer (&self);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/**
 * kefu_email_config_to_json:
 *
 * Returns: (transfer full): the settings as a JSON object, without any secret
 */
char *
kefu_email_config_to_json (const KefuEmailConfig *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "imap-host", self->imap_host);
  add_int (builder, "imap-port", self->imap_port);
  add_string (builder, "imap-security", kefu_email_security_to_string (self->imap_security));
  add_string (builder, "smtp-host", self->smtp_host);
  add_int (builder, "smtp-port", self->smtp_port);
  add_string (builder, "smtp-security", kefu_email_security_to_string (self->smtp_security));
  add_string (builder, "user", self->user);
  add_string (builder, "folder", self->folder);
  add_string (builder, "display-name", self->display_name);
  add_string (builder, "signature", self->signature);
  add_int (builder, "first-sync-days", self->first_sync_days);
  add_int (builder, "poll-interval", self->poll_interval);
  add_bool (builder, "auto-acknowledge", self->auto_acknowledge);
  add_string (builder, "acknowledge-template", self->acknowledge_template);
  add_bool (builder, "out-of-hours", self->out_of_hours);
  add_string (builder, "out-of-hours-template", self->out_of_hours_template);
  add_int (builder, "auto-reply-period", self->auto_reply_period);
  add_int (builder, "send-delay", self->send_delay);
  json_builder_set_member_name (builder, "trusted-certificates");
  json_builder_begin_array (builder);
  for (guint i = 0; self->trusted_certificates && self->trusted_certificates[i]; i++)
    json_builder_add_string_value (builder, self->trusted_certificates[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static gboolean
check_server (const char         *what,
              const char         *host,
              guint               port,
              KefuEmailSecurity   security,
              GError            **error)
{
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                   /* Translators: %s is IMAP or SMTP */
                   _("The %s server is missing. Enter the host name your mail provider gives."), what);
      return FALSE;
    }
  if (port == 0)
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                   _("The %s port is missing."), what);
      return FALSE;
    }
  if (security == KEFU_EMAIL_SECURITY_NONE && !kefu_email_host_is_loopback (host))
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                   _("%s to %s without encryption would send the password in the clear. "
                     "Choose TLS or STARTTLS; “none” is only for this computer."), what, host);
      return FALSE;
    }

  return TRUE;
}

/**
 * kefu_email_config_validate:
 *
 * Checks what can be checked without the network.
 */
gboolean
kefu_email_config_validate (const KefuEmailConfig  *self,
                            GError                **error)
{
  if (!check_server ("IMAP", self->imap_host, self->imap_port, self->imap_security, error) ||
      !check_server ("SMTP", self->smtp_host, self->smtp_port, self->smtp_security, error))
    return FALSE;

  if (self->user == NULL || *self->user == '\0')
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_AUTH_FAILED,
                   _("The user name is missing. It is usually the mailbox's address."));
      return FALSE;
    }
  if (self->folder == NULL || *self->folder == '\0')
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                   _("The folder is missing. Most mailboxes use “INBOX”."));
      return FALSE;
    }

  return TRUE;
}

/**
 * kefu_email_config_fill_defaults:
 * @address: the mailbox's address
 *
 * Fills what the owner left empty the way most providers need it: the
 * folder INBOX, the address as user name, the incoming server as outgoing
 * one. Shared by `kefuctl account add-email` and the account editor.
 */
void
kefu_email_config_fill_defaults (KefuEmailConfig *self,
                                 const char      *address)
{
  if (self->folder == NULL || *self->folder == '\0')
    {
      g_free (self->folder);
      self->folder = g_strdup ("INBOX");
    }
  if ((self->user == NULL || *self->user == '\0') && address != NULL)
    {
      g_free (self->user);
      self->user = g_strdup (address);
    }
  if ((self->smtp_host == NULL || *self->smtp_host == '\0') && self->imap_host != NULL)
    {
      g_free (self->smtp_host);
      self->smtp_host = g_strdup (self->imap_host);
    }
}

/* The usual port: IMAPS 993 or IMAP 143, SMTPS 465 or submission 587. */
guint
kefu_email_security_default_port (gboolean          imap,
                                  KefuEmailSecurity security)
{
  if (imap)
    return security == KEFU_EMAIL_SECURITY_TLS ? 993 : 143;
  return security == KEFU_EMAIL_SECURITY_TLS ? 465 : 587;
}

gboolean
kefu_email_config_trusts (const KefuEmailConfig *self,
                          const char            *fingerprint)
{
  for (guint i = 0; fingerprint && self->trusted_certificates && self->trusted_certificates[i]; i++)
    if (g_ascii_strcasecmp (self->trusted_certificates[i], fingerprint) == 0)
      return TRUE;

  return FALSE;
}
