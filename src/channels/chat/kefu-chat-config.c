/* kefu-chat-config.c: the chat server's settings, read from its account's JSON config.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kefu-chat-config.h"

G_DEFINE_BOXED_TYPE (KefuChatConfig, kefu_chat_config, kefu_chat_config_copy, kefu_chat_config_free)

/**
 * kefu_chat_config_new:
 *
 * Returns: (transfer full): the defaults: loopback, the fixed port, no
 *   extra origins, plain HTTP
 */
KefuChatConfig *
kefu_chat_config_new (void)
{
  KefuChatConfig *self = g_new0 (KefuChatConfig, 1);

  self->address = g_strdup (KEFU_CHAT_DEFAULT_ADDRESS);
  self->port = KEFU_CHAT_DEFAULT_PORT;
  self->origins = g_new0 (char *, 1);
  self->shop_name = g_strdup ("");
  self->color = g_strdup ("#3584e4");
  self->greeting = g_strdup ("");
  self->max_frame_size = 1536 * 1024;
  self->max_text_length = 4000;
  self->max_image_size = 1024 * 1024;
  self->max_connections_per_ip = 20;
  self->visitor_burst = 20;
  self->visitor_per_minute = 60;
  self->ip_burst = 60;
  self->ip_per_minute = 300;

  return self;
}

KefuChatConfig *
kefu_chat_config_copy (const KefuChatConfig *self)
{
  KefuChatConfig *copy = g_memdup2 (self, sizeof *self);

  copy->address = g_strdup (self->address);
  copy->origins = g_strdupv (self->origins);
  copy->tls_certificate = g_strdup (self->tls_certificate);
  copy->tls_key = g_strdup (self->tls_key);
  copy->shop_name = g_strdup (self->shop_name);
  copy->color = g_strdup (self->color);
  copy->greeting = g_strdup (self->greeting);

  return copy;
}

void
kefu_chat_config_free (KefuChatConfig *self)
{
  if (self == NULL)
    return;

  g_free (self->address);
  g_strfreev (self->origins);
  g_free (self->tls_certificate);
  g_free (self->tls_key);
  g_free (self->shop_name);
  g_free (self->color);
  g_free (self->greeting);
  g_free (self);
}

static gboolean
is_color (const char *text)
{
  if (text == NULL || strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;

  return TRUE;
}

static void
read_string (JsonObject  *object,
             const char  *member,
             gsize        max_length,
             char       **out)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return;
  value = json_node_get_string (node);
  if (!g_utf8_validate (value, -1, NULL) || strlen (value) > max_length)
    return;

  g_free (*out);
  *out = *value ? g_strdup (value) : NULL;
}

/* Limits stay within [min, max] whatever the file says. */
static void
read_uint (JsonObject *object,
           const char *member,
           guint       min,
           guint       max,
           guint      *out)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return;
  value = json_node_get_int (node);
  *out = (guint)CLAMP (value, (gint64)min, (gint64)max);
}

/**
 * kefu_chat_config_new_from_json:
 * @json: (nullable): the account's config; %NULL or "" gives the defaults
 *
 * Unknown members are ignored and out-of-range numbers are clamped; only a
 * document that is not a JSON object, a malformed colour or a certificate
 * without its key are errors.
 *
 * Returns: (transfer full): the settings, or %NULL with @error set
 */
KefuChatConfig *
kefu_chat_config_new_from_json (const char  *json,
                                GError     **error)
{
  g_autoptr (KefuChatConfig) self = kefu_chat_config_new ();
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonObject *object;
  JsonNode *origins;
  g_autofree char *color = NULL;

  if (json == NULL || *json == '\0')
    return g_steal_pointer (&self);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The chat settings are damaged. Run “kefuctl chat config” to set them again."));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  read_string (object, "address", 255, &self->address);
  if (self->address == NULL)
    self->address = g_strdup (KEFU_CHAT_DEFAULT_ADDRESS);
  read_uint (object, "port", 0, 65535, &self->port);
  read_string (object, "tls-certificate", 4096, &self->tls_certificate);
  read_string (object, "tls-key", 4096, &self->tls_key);
  read_string (object, "shop-name", 200, &self->shop_name);
  read_string (object, "greeting", 1000, &self->greeting);
  read_string (object, "color", 7, &color);
  read_uint (object, "max-frame-size", 4096, 16 * 1024 * 1024, &self->max_frame_size);
  read_uint (object, "max-text-length", 1, 100000, &self->max_text_length);
  read_uint (object, "max-image-size", 0, 10 * 1024 * 1024, &self->max_image_size);
  read_uint (object, "max-connections-per-ip", 1, 100000, &self->max_connections_per_ip);
  read_uint (object, "visitor-burst", 1, 100000, &self->visitor_burst);
  read_uint (object, "visitor-per-minute", 1, 1000000, &self->visitor_per_minute);
  read_uint (object, "ip-burst", 1, 100000, &self->ip_burst);
  read_uint (object, "ip-per-minute", 1, 1000000, &self->ip_per_minute);

  if (self->shop_name == NULL)
    self->shop_name = g_strdup ("");
  if (self->greeting == NULL)
    self->greeting = g_strdup ("");

  if (color != NULL)
    {
      if (!is_color (color))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The chat colour must look like #3584e4."));
          return NULL;
        }
      g_free (self->color);
      self->color = g_steal_pointer (&color);
    }

  if ((self->tls_certificate == NULL) != (self->tls_key == NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("HTTPS needs both a certificate and its private key."));
      return NULL;
    }

  origins = json_object_get_member (object, "origins");
  if (origins != NULL && JSON_NODE_HOLDS_ARRAY (origins))
    {
      JsonArray *array = json_node_get_array (origins);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array) && i < 100; i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
              g_utf8_validate (json_node_get_string (node), -1, NULL))
            g_strv_builder_add (builder, json_node_get_string (node));
        }
      g_strfreev (self->origins);
      self->origins = g_strv_builder_end (builder);
    }

  return g_steal_pointer (&self);
}

/**
 * kefu_chat_config_to_json:
 *
 * Returns: (transfer full): @self as the account's JSON config
 */
char *
kefu_chat_config_to_json (const KefuChatConfig *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "address");
  json_builder_add_string_value (builder, self->address);
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, self->port);
  json_builder_set_member_name (builder, "origins");
  json_builder_begin_array (builder);
  for (guint i = 0; self->origins != NULL && self->origins[i] != NULL; i++)
    json_builder_add_string_value (builder, self->origins[i]);
  json_builder_end_array (builder);
  if (self->tls_certificate != NULL)
    {
      json_builder_set_member_name (builder, "tls-certificate");
      json_builder_add_string_value (builder, self->tls_certificate);
      json_builder_set_member_name (builder, "tls-key");
      json_builder_add_string_value (builder, self->tls_key);
    }
  json_builder_set_member_name (builder, "shop-name");
  json_builder_add_string_value (builder, self->shop_name);
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, self->color);
  json_builder_set_member_name (builder, "greeting");
  json_builder_add_string_value (builder, self->greeting);
  json_builder_set_member_name (builder, "max-frame-size");
  json_builder_add_int_value (builder, self->max_frame_size);
  json_builder_set_member_name (builder, "max-text-length");
  json_builder_add_int_value (builder, self->max_text_length);
  json_builder_set_member_name (builder, "max-image-size");
  json_builder_add_int_value (builder, self->max_image_size);
  json_builder_set_member_name (builder, "max-connections-per-ip");
  json_builder_add_int_value (builder, self->max_connections_per_ip);
  json_builder_set_member_name (builder, "visitor-burst");
  json_builder_add_int_value (builder, self->visitor_burst);
  json_builder_set_member_name (builder, "visitor-per-minute");
  json_builder_add_int_value (builder, self->visitor_per_minute);
  json_builder_set_member_name (builder, "ip-burst");
  json_builder_add_int_value (builder, self->ip_burst);
  json_builder_set_member_name (builder, "ip-per-minute");
  json_builder_add_int_value (builder, self->ip_per_minute);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

/**
 * kefu_chat_config_allows_origin:
 * @origin: (nullable): the request's Origin header
 * @host: (nullable): the request's Host header
 *
 * Browsers always send Origin on a WebSocket handshake; a page served by
 * Kefu itself (/demo) is allowed, so are the configured sites. Anything
 * else, including a missing Origin, is refused.
 */
gboolean
kefu_chat_config_allows_origin (const KefuChatConfig *self,
                                const char           *origin,
                                const char           *host)
{
  if (origin == NULL || *origin == '\0')
    return FALSE;

  for (guint i = 0; self->origins != NULL && self->origins[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->origins[i], origin) == 0)
      return TRUE;

  if (host != NULL && *host != '\0')
    {
      g_autofree char *own_http = g_strconcat ("http://", host, NULL);
      g_autofree char *own_https = g_strconcat ("https://", host, NULL);

      if (g_ascii_strcasecmp (origin, own_http) == 0 || g_ascii_strcasecmp (origin, own_https) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * kefu_chat_config_check:
 *
 * What `kefuctl chat` and the account editor check before saving: the
 * address is an IP address, and the config reads back as the server will
 * read it.
 */
gboolean
kefu_chat_config_check (const KefuChatConfig  *self,
                        GError               **error)
{
  g_autofree char *json = NULL;
  g_autoptr (KefuChatConfig) checked = NULL;

  if (self->address == NULL || !g_hostname_is_ip_address (self->address))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The chat server listens on an IP address such as 127.0.0.1 or 0.0.0.0, not “%s”."),
                   self->address != NULL ? self->address : "");
      return FALSE;
    }

  json = kefu_chat_config_to_json (self);
  checked = kefu_chat_config_new_from_json (json, error);

  return checked != NULL;
}

/**
 * kefu_chat_config_dup_embed_snippet:
 *
 * Returns: (transfer full): the line the shop pastes into its pages
 */
char *
kefu_chat_config_dup_embed_snippet (const KefuChatConfig *self)
{
  const char *scheme = self->tls_certificate != NULL ? "https" : "http";
  const char *host = self->address == NULL || g_str_equal (self->address, "0.0.0.0") ||
                     g_str_equal (self->address, "::") ? "YOUR-ADDRESS" : self->address;

  return g_strdup_printf ("<script src=\"%s://%s:%u/kefu/widget.js\" async></script>", scheme, host, self->port);
}
