/* kefu-phone-config.c: read, check and write a SIP account's JSON settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-phone-config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kefu-channel.h"

static const char *default_codecs[] = { "opus", "G722", "PCMA", "PCMU", NULL };

KefuPhoneConfig *
kefu_phone_config_new (void)
{
  KefuPhoneConfig *self = g_new0 (KefuPhoneConfig, 1);

  self->transport = KEFU_SIP_TRANSPORT_UDP;
  self->bind_address = g_strdup ("0.0.0.0");
  self->register_expires = 300;
  self->ring_timeout = 30;
  self->voicemail = TRUE;
  self->voicemail_language = g_strdup ("en");
  self->voicemail_max_seconds = 120;
  self->codecs = g_strdupv ((char **) default_codecs);
  self->jitter_latency = 60;

  return self;
}

void
kefu_phone_config_free (KefuPhoneConfig *self)
{
  if (self == NULL)
    return;

  g_free (self->registrar);
  g_free (self->user);
  g_free (self->auth_user);
  g_free (self->display_name);
  g_free (self->outbound_proxy);
  g_free (self->stun_server);
  g_free (self->bind_address);
  g_free (self->media_address);
  g_free (self->voicemail_greeting);
  g_free (self->voicemail_greeting_file);
  g_free (self->voicemail_language);
  g_strfreev (self->codecs);
  g_free (self->audio_source);
  g_free (self->audio_sink);
  g_free (self);
}

gboolean
kefu_sip_transport_from_string (const char       *text,
                                KefuSipTransport *transport)
{
  if (g_strcmp0 (text, "udp") == 0)
    *transport = KEFU_SIP_TRANSPORT_UDP;
  else if (g_strcmp0 (text, "tcp") == 0)
    *transport = KEFU_SIP_TRANSPORT_TCP;
  else if (g_strcmp0 (text, "tls") == 0)
    *transport = KEFU_SIP_TRANSPORT_TLS;
  else
    return FALSE;

  return TRUE;
}

const char *
kefu_sip_transport_to_string (KefuSipTransport transport)
{
  switch (transport)
    {
    case KEFU_SIP_TRANSPORT_TCP:
      return "tcp";
    case KEFU_SIP_TRANSPORT_TLS:
      return "tls";
    case KEFU_SIP_TRANSPORT_UDP:
    default:
      return "udp";
    }
}

static void
set_string (JsonObject  *object,
            const char  *member,
            char       **field)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return;

  g_free (*field);
  *field = g_strdup (json_node_get_string (node));
  if (**field == '\0')
    g_clear_pointer (field, g_free);
}

static gboolean
set_uint (JsonObject  *object,
          const char  *member,
          guint        max,
          guint       *field,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL)
    return TRUE;

  value = json_node_get_value_type (node) == G_TYPE_INT64 ? json_node_get_int (node) : -1;
  if (value < 0 || value > max)
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                   /* Translators: %s is a setting's name, %u its largest value */
                   _("The phone setting “%s” must be a number from 0 to %u."), member, max);
      return FALSE;
    }

  *field = value;
  return TRUE;
}

static void
set_bool (JsonObject *object,
          const char *member,
          gboolean   *field)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    *field = json_node_get_boolean (node);
}

/**
 * kefu_phone_config_new_from_json:
 * @json: the account row's config, or %NULL for the defaults
 *
 * Returns: (transfer full): the settings, or %NULL with @error set
 */
KefuPhoneConfig *
kefu_phone_config_new_from_json (const char  *json,
                                 GError     **error)
{
  g_autoptr (KefuPhoneConfig) self = kefu_phone_config_new ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *transport = NULL;
  JsonObject *object;
  JsonNode *codecs;

  if (json == NULL || *json == '\0')
    return g_steal_pointer (&self);

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                           _("The phone account’s settings are damaged. Set the account up again."));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  set_string (object, "registrar", &self->registrar);
  set_string (object, "user", &self->user);
  set_string (object, "auth-user", &self->auth_user);
  set_string (object, "display-name", &self->display_name);
  set_string (object, "outbound-proxy", &self->outbound_proxy);
  set_string (object, "stun-server", &self->stun_server);
  set_string (object, "bind-address", &self->bind_address);
  set_string (object, "media-address", &self->media_address);
  set_string (object, "voicemail-greeting", &self->voicemail_greeting);
  set_string (object, "voicemail-greeting-file", &self->voicemail_greeting_file);
  set_string (object, "voicemail-language", &self->voicemail_language);
  set_string (object, "audio-source", &self->audio_source);
  set_string (object, "audio-sink", &self->audio_sink);
  set_string (object, "transport", &transport);
  set_bool (object, "auto-answer", &self->auto_answer);
  set_bool (object, "voicemail", &self->voicemail);

  if (!set_uint (object, "bind-port", 65535, &self->bind_port, error) ||
      !set_uint (object, "register-expires", 86400, &self->register_expires, error) ||
      !set_uint (object, "ring-timeout", 600, &self->ring_timeout, error) ||
      !set_uint (object, "voicemail-max-seconds", 3600, &self->voicemail_max_seconds, error) ||
      !set_uint (object, "jitter-latency", 1000, &self->jitter_latency, error))
    return NULL;

  if (transport != NULL && !kefu_sip_transport_from_string (transport, &self->transport))
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                   _("Unknown SIP transport “%s”: use udp, tcp or tls."), transport);
      return NULL;
    }

  codecs = json_object_get_member (object, "codecs");
  if (codecs != NULL && JSON_NODE_HOLDS_ARRAY (codecs))
    {
      JsonArray *array = json_node_get_array (codecs);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array) && i < 16; i++)
        {
          const char *name = json_array_get_string_element (array, i);

          if (name != NULL)
            g_strv_builder_add (builder, name);
        }
      g_strfreev (self->codecs);
      self->codecs = g_strv_builder_end (builder);
    }

  if (self->bind_address == NULL)
    self->bind_address = g_strdup ("0.0.0.0");

  return g_steal_pointer (&self);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_uint (JsonBuilder *builder,
          const char  *member,
          guint        value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

/**
 * kefu_phone_config_to_json:
 *
 * Returns: (transfer full): the settings as a JSON object, without any secret
 */
char *
kefu_phone_config_to_json (const KefuPhoneConfig *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "registrar", self->registrar);
  add_string (builder, "user", self->user);
  add_string (builder, "auth-user", self->auth_user);
  add_string (builder, "display-name", self->display_name);
  add_string (builder, "transport", kefu_sip_transport_to_string (self->transport));
  add_string (builder, "outbound-proxy", self->outbound_proxy);
  add_string (builder, "stun-server", self->stun_server);
  add_string (builder, "bind-address", self->bind_address);
  add_uint (builder, "bind-port", self->bind_port);
  add_string (builder, "media-address", self->media_address);
  add_uint (builder, "register-expires", self->register_expires);
  add_uint (builder, "ring-timeout", self->ring_timeout);
  add_bool (builder, "auto-answer", self->auto_answer);
  add_bool (builder, "voicemail", self->voicemail);
  add_string (builder, "voicemail-greeting", self->voicemail_greeting);
  add_string (builder, "voicemail-greeting-file", self->voicemail_greeting_file);
  add_string (builder, "voicemail-language", self->voicemail_language);
  add_uint (builder, "voicemail-max-seconds", self->voicemail_max_seconds);
  add_uint (builder, "jitter-latency", self->jitter_latency);
  add_string (builder, "audio-source", self->audio_source);
  add_string (builder, "audio-sink", self->audio_sink);
  json_builder_set_member_name (builder, "codecs");
  json_builder_begin_array (builder);
  for (guint i = 0; self->codecs != NULL && self->codecs[i] != NULL; i++)
    json_builder_add_string_value (builder, self->codecs[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * kefu_phone_config_fill_defaults:
 *
 * Direct mode (no registrar) listens on 5060 unless told otherwise, on
 * every address. Shared by `kefuctl account add-sip` and the account editor.
 */
void
kefu_phone_config_fill_defaults (KefuPhoneConfig *self)
{
  if ((self->registrar == NULL || *self->registrar == '\0') && self->bind_port == 0)
    self->bind_port = 5060;
  if (self->bind_address == NULL || *self->bind_address == '\0')
    {
      g_free (self->bind_address);
      self->bind_address = g_strdup ("0.0.0.0");
    }
}

/**
 * kefu_phone_config_dup_address:
 *
 * Returns: (transfer full): the line's address for its account row:
 *   sip:USER@REGISTRAR-HOST, or sip:USER@BIND-ADDRESS:PORT in direct mode
 */
char *
kefu_phone_config_dup_address (const KefuPhoneConfig *self)
{
  if (self->registrar != NULL && *self->registrar != '\0')
    {
      const char *colon = strchr (self->registrar, ':');
      const char *host = colon != NULL ? colon + 1 : self->registrar;

      return g_strdup_printf ("sip:%s@%s", self->user ? self->user : "kefu", host);
    }

  return g_strdup_printf ("sip:%s@%s:%u", self->user ? self->user : "kefu",
                          self->bind_address ? self->bind_address : "0.0.0.0", self->bind_port);
}

gboolean
kefu_phone_config_is_direct (const KefuPhoneConfig *self)
{
  return self->registrar == NULL;
}

const char *
kefu_phone_config_get_auth_user (const KefuPhoneConfig *self)
{
  return self->auth_user != NULL ? self->auth_user : self->user;
}

gboolean
kefu_phone_config_validate (const KefuPhoneConfig  *self,
                            GError                **error)
{
  if (self->registrar != NULL &&
      !g_str_has_prefix (self->registrar, "sip:") && !g_str_has_prefix (self->registrar, "sips:"))
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                   _("The registrar “%s” must start with sip: or sips:."), self->registrar);
      return FALSE;
    }

  if (self->registrar != NULL && self->user == NULL)
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                           _("A phone account with a registrar needs a user name."));
      return FALSE;
    }

  if (self->codecs == NULL || self->codecs[0] == NULL)
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                           _("The phone account allows no audio codec; allow at least PCMA or PCMU."));
      return FALSE;
    }

  return TRUE;
}
