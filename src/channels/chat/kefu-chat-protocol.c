/* kefu-chat-protocol.c: the widget's JSON frames, parsed, validated and built.
 *
 * Version 1. Every frame is one JSON object with a "type". The widget
 * sends hello first (its token, page, language), then message, typing,
 * history, handoff, feedback, rating, contact and ping; Kefu answers with
 * welcome, ack, message, history, typing, handoff, error and pong. README.md
 * beside this file lists the fields. Anything else gets an error frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kefu-attachment.h"
#include "kefu-chat-protocol.h"

#define MAX_ID_LENGTH      64
#define MAX_PAGE_LENGTH    2048
#define MAX_LANG_LENGTH    35
#define MAX_NAME_LENGTH    200
#define MAX_EMAIL_LENGTH   254
#define MAX_COMMENT_LENGTH 2000

G_DEFINE_QUARK (kefu-chat-protocol-error-quark, kefu_chat_protocol_error)

static const char *error_codes[] = {
  [KEFU_CHAT_PROTOCOL_ERROR_MALFORMED] = "malformed",
  [KEFU_CHAT_PROTOCOL_ERROR_INVALID] = "invalid",
  [KEFU_CHAT_PROTOCOL_ERROR_TOO_LARGE] = "too-large",
  [KEFU_CHAT_PROTOCOL_ERROR_VERSION] = "version",
  [KEFU_CHAT_PROTOCOL_ERROR_NOT_READY] = "not-ready",
  [KEFU_CHAT_PROTOCOL_ERROR_RATE_LIMITED] = "rate-limited",
  [KEFU_CHAT_PROTOCOL_ERROR_UNAVAILABLE] = "unavailable",
};

static const struct {
  const char        *name;
  KefuChatFrameType  type;
} frame_types[] = {
  { "hello", KEFU_CHAT_FRAME_HELLO },
  { "message", KEFU_CHAT_FRAME_MESSAGE },
  { "typing", KEFU_CHAT_FRAME_TYPING },
  { "history", KEFU_CHAT_FRAME_HISTORY },
  { "handoff", KEFU_CHAT_FRAME_HANDOFF },
  { "feedback", KEFU_CHAT_FRAME_FEEDBACK },
  { "rating", KEFU_CHAT_FRAME_RATING },
  { "contact", KEFU_CHAT_FRAME_CONTACT },
  { "ping", KEFU_CHAT_FRAME_PING },
};

static const char *image_types[] = { "image/png", "image/jpeg", "image/gif", "image/webp" };

/**
 * kefu_chat_protocol_error_code:
 *
 * Returns: the "code" an error frame carries for a #KefuChatProtocolError
 */
const char *
kefu_chat_protocol_error_code (int code)
{
  if (code < 0 || code >= (int)G_N_ELEMENTS (error_codes))
    return "invalid";

  return error_codes[code];
}

void
kefu_chat_frame_free (KefuChatFrame *self)
{
  if (self == NULL)
    return;

  g_free (self->token);
  g_free (self->page);
  g_free (self->language);
  g_free (self->name);
  g_free (self->email);
  g_free (self->client_id);
  g_free (self->text);
  g_free (self->image_name);
  g_free (self->image_type);
  g_clear_pointer (&self->image, g_bytes_unref);
  g_free (self->message_ref);
  g_free (self->comment);
  g_free (self);
}

static gboolean
invalid (GError     **error,
         const char  *field)
{
  /* Translators: %s is the name of a field in a chat frame, such as "token" */
  g_set_error (error, KEFU_CHAT_PROTOCOL_ERROR, KEFU_CHAT_PROTOCOL_ERROR_INVALID,
               _("The chat frame has a bad “%s”."), field);

  return FALSE;
}

/* A string member: absent is fine unless @required; anything else that is
 * not a string of at most @max_chars characters is invalid. */
static gboolean
get_string (JsonObject  *object,
            const char  *member,
            gboolean     required,
            guint        max_chars,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? invalid (error, member) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, member);

  value = json_node_get_string (node);
  if (strlen (value) > max_chars * 4 || g_utf8_strlen (value, -1) > max_chars)
    {
      /* Translators: %s is the name of a field in a chat frame, such as "text" */
      g_set_error (error, KEFU_CHAT_PROTOCOL_ERROR, KEFU_CHAT_PROTOCOL_ERROR_TOO_LARGE,
                   _("The chat frame’s “%s” is too long."), member);
      return FALSE;
    }
  if (required && *value == '\0')
    return invalid (error, member);

  *out = *value ? g_strdup (value) : NULL;

  return TRUE;
}

static gboolean
get_boolean (JsonObject  *object,
             const char  *member,
             gboolean    *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, member);

  *out = json_node_get_boolean (node);

  return TRUE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *member,
         gint64       min,
         gint64       max,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, member);

  *out = json_node_get_int (node);
  if (*out < min || *out > max)
    return invalid (error, member);

  return TRUE;
}

static gboolean
only_chars (const char *text,
            const char *allowed_punctuation)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (allowed_punctuation, *p) == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
is_token (const char *token)
{
  if (strlen (token) != 32)
    return FALSE;
  for (const char *p = token; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;

  return TRUE;
}

static gboolean
is_email (const char *email)
{
  const char *at = strchr (email, '@');

  return at != NULL && at != email && at[1] != '\0' && strchr (at + 1, '@') == NULL &&
         strpbrk (email, " \t\r\n<>\"") == NULL;
}

static gboolean
parse_hello (JsonObject     *object,
             KefuChatFrame  *frame,
             GError        **error)
{
  gint64 version = 0;

  if (!get_int (object, "v", 0, G_MAXINT, &version, error))
    return FALSE;
  if (version != KEFU_CHAT_PROTOCOL_VERSION)
    {
      g_set_error (error, KEFU_CHAT_PROTOCOL_ERROR, KEFU_CHAT_PROTOCOL_ERROR_VERSION,
                   _("This version of the chat widget is not supported. Reload the page."));
      return FALSE;
    }

  if (!get_string (object, "token", TRUE, 32, &frame->token, error))
    return FALSE;
  if (!is_token (frame->token))
    return invalid (error, "token");

  if (!get_string (object, "page", FALSE, MAX_PAGE_LENGTH, &frame->page, error) ||
      !get_string (object, "lang", FALSE, MAX_LANG_LENGTH, &frame->language, error) ||
      !get_string (object, "name", FALSE, MAX_NAME_LENGTH, &frame->name, error) ||
      !get_string (object, "email", FALSE, MAX_EMAIL_LENGTH, &frame->email, error))
    return FALSE;

  if (frame->page != NULL &&
      !g_str_has_prefix (frame->page, "http://") && !g_str_has_prefix (frame->page, "https://"))
    return invalid (error, "page");
  if (frame->language != NULL && !only_chars (frame->language, "-_"))
    return invalid (error, "lang");
  if (frame->email != NULL && !is_email (frame->email))
    return invalid (error, "email");

  return TRUE;
}

/* The declared type must be an image type we show, and the bytes must
 * start the way that type does. */
static gboolean
image_matches_type (GBytes     *image,
                    const char *type)
{
  gsize size = 0;
  const guchar *data = g_bytes_get_data (image, &size);

  if (g_str_equal (type, "image/png"))
    return size > 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0;
  if (g_str_equal (type, "image/jpeg"))
    return size > 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff;
  if (g_str_equal (type, "image/gif"))
    return size > 6 && memcmp (data, "GIF8", 4) == 0;
  if (g_str_equal (type, "image/webp"))
    return size > 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0;

  return FALSE;
}

static gboolean
parse_image (JsonObject           *object,
             KefuChatFrame        *frame,
             const KefuChatLimits *limits,
             GError              **error)
{
  JsonNode *node = json_object_get_member (object, "image");
  JsonObject *image;
  g_autofree char *data = NULL;
  guchar *decoded;
  gsize size = 0;
  gboolean known = FALSE;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "image");
  image = json_node_get_object (node);

  if (!get_string (image, "name", FALSE, MAX_NAME_LENGTH, &frame->image_name, error) ||
      !get_string (image, "type", TRUE, 64, &frame->image_type, error) ||
      !get_string (image, "data", TRUE, limits->max_image_size / 3 * 4 + 8, &data, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (image_types); i++)
    known |= g_str_equal (frame->image_type, image_types[i]);
  if (!known || !only_chars (data, "+/="))
    return invalid (error, "image");

  decoded = g_base64_decode (data, &size);
  frame->image = g_bytes_new_take (decoded, size);
  if (size > limits->max_image_size)
    {
      g_set_error (error, KEFU_CHAT_PROTOCOL_ERROR, KEFU_CHAT_PROTOCOL_ERROR_TOO_LARGE,
                   _("The image is too large."));
      return FALSE;
    }
  if (!image_matches_type (frame->image, frame->image_type))
    return invalid (error, "image");
  if (frame->image_name == NULL)
    frame->image_name = g_strdup ("image");

  return TRUE;
}

static gboolean
parse_message (JsonObject           *object,
               KefuChatFrame        *frame,
               const KefuChatLimits *limits,
               GError              **error)
{
  if (!get_string (object, "id", TRUE, MAX_ID_LENGTH, &frame->client_id, error))
    return FALSE;
  if (!only_chars (frame->client_id, "-_"))
    return invalid (error, "id");
  if (!get_string (object, "text", FALSE, limits->max_text_length, &frame->text, error) ||
      !parse_image (object, frame, limits, error))
    return FALSE;
  if (frame->text == NULL && frame->image == NULL)
    return invalid (error, "text");

  return TRUE;
}

/**
 * kefu_chat_frame_parse:
 * @data: what the visitor sent, not trusted in any way
 * @client_id: (out) (optional): the message id, when one could be read, so
 *   an error frame can name the message it refuses
 *
 * Returns: (transfer full): the frame, or %NULL with a
 *   #KEFU_CHAT_PROTOCOL_ERROR set
 */
KefuChatFrame *
kefu_chat_frame_parse (const char            *data,
                       gsize                  length,
                       const KefuChatLimits  *limits,
                       char                 **client_id,
                       GError               **error)
{
  g_autoptr (KefuChatFrame) frame = g_new0 (KefuChatFrame, 1);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;
  g_autofree char *type = NULL;
  gboolean known = FALSE;
  gboolean ok = TRUE;
  gint64 score = 0;

  if (length == 0 || !g_utf8_validate_len (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, KEFU_CHAT_PROTOCOL_ERROR, KEFU_CHAT_PROTOCOL_ERROR_MALFORMED,
                   _("The chat frame is not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  if (client_id != NULL)
    {
      JsonNode *id = json_object_get_member (object, "id");

      if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING &&
          strlen (json_node_get_string (id)) <= MAX_ID_LENGTH && only_chars (json_node_get_string (id), "-_"))
        *client_id = g_strdup (json_node_get_string (id));
    }

  if (!get_string (object, "type", TRUE, 32, &type, NULL))
    type = g_strdup ("");
  for (guint i = 0; i < G_N_ELEMENTS (frame_types); i++)
    if (g_str_equal (type, frame_types[i].name))
      {
        frame->type = frame_types[i].type;
        known = TRUE;
      }
  if (!known)
    {
      g_set_error (error, KEFU_CHAT_PROTOCOL_ERROR, KEFU_CHAT_PROTOCOL_ERROR_MALFORMED,
                   _("The chat frame has an unknown type."));
      return NULL;
    }

  switch (frame->type)
    {
    case KEFU_CHAT_FRAME_HELLO:
      ok = parse_hello (object, frame, error);
      break;
    case KEFU_CHAT_FRAME_MESSAGE:
      ok = parse_message (object, frame, limits, error);
      break;
    case KEFU_CHAT_FRAME_TYPING:
      ok = get_boolean (object, "active", &frame->active, error);
      break;
    case KEFU_CHAT_FRAME_FEEDBACK:
      ok = get_string (object, "message", TRUE, MAX_ID_LENGTH, &frame->message_ref, error) &&
           get_boolean (object, "helpful", &frame->helpful, error);
      break;
    case KEFU_CHAT_FRAME_RATING:
      ok = get_int (object, "score", 1, 5, &score, error) &&
           get_string (object, "comment", FALSE, MAX_COMMENT_LENGTH, &frame->comment, error);
      frame->score = (int)score;
      break;
    case KEFU_CHAT_FRAME_CONTACT:
      ok = get_string (object, "email", FALSE, MAX_EMAIL_LENGTH, &frame->email, error) &&
           get_string (object, "name", FALSE, MAX_NAME_LENGTH, &frame->name, error);
      if (ok && frame->email == NULL && frame->name == NULL)
        ok = invalid (error, "email");
      else if (ok && frame->email != NULL && !is_email (frame->email))
        ok = invalid (error, "email");
      break;
    case KEFU_CHAT_FRAME_HISTORY:
    case KEFU_CHAT_FRAME_HANDOFF:
    case KEFU_CHAT_FRAME_PING:
    default:
      break;
    }

  if (!ok)
    return NULL;

  return g_steal_pointer (&frame);
}

static char *
to_json (JsonBuilder *builder)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value ? value : "");
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *member,
             gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static JsonBuilder *
begin_frame (const char *type)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "type", type);

  return builder;
}

char *
kefu_chat_frame_simple (const char *type)
{
  g_autoptr (JsonBuilder) builder = begin_frame (type);

  json_builder_end_object (builder);

  return to_json (builder);
}

char *
kefu_chat_frame_welcome (const char           *shop_name,
                         const char           *color,
                         const char           *greeting,
                         gboolean              available,
                         const KefuChatLimits *limits)
{
  g_autoptr (JsonBuilder) builder = begin_frame ("welcome");

  add_int (builder, "v", KEFU_CHAT_PROTOCOL_VERSION);
  add_string (builder, "shop", shop_name);
  add_string (builder, "color", color);
  add_string (builder, "greeting", greeting);
  add_boolean (builder, "available", available);
  add_int (builder, "max_text", limits->max_text_length);
  add_int (builder, "max_image", limits->max_image_size);
  json_builder_end_object (builder);

  return to_json (builder);
}

char *
kefu_chat_frame_ack (const char *client_id,
                     gint64      message_id,
                     gboolean    duplicate)
{
  g_autoptr (JsonBuilder) builder = begin_frame ("ack");
  g_autofree char *ref = g_strdup_printf ("m%" G_GINT64_FORMAT, message_id);

  add_string (builder, "id", client_id);
  add_string (builder, "message", ref);
  add_boolean (builder, "duplicate", duplicate);
  json_builder_end_object (builder);

  return to_json (builder);
}

/**
 * kefu_chat_message_is_visible:
 *
 * Returns: whether the visitor may see @message: internal notes never
 */
gboolean
kefu_chat_message_is_visible (KefuMessage *message)
{
  switch (kefu_message_get_direction (message))
    {
    case KEFU_DIRECTION_IN:
    case KEFU_DIRECTION_OUT:
    case KEFU_DIRECTION_ROBOT:
    case KEFU_DIRECTION_SYSTEM:
      return TRUE;
    case KEFU_DIRECTION_NOTE:
    default:
      return FALSE;
    }
}

static const char *
sender_of (KefuMessage *message)
{
  switch (kefu_message_get_direction (message))
    {
    case KEFU_DIRECTION_IN:
      return "visitor";
    case KEFU_DIRECTION_ROBOT:
      return "robot";
    case KEFU_DIRECTION_SYSTEM:
      return "system";
    case KEFU_DIRECTION_OUT:
    case KEFU_DIRECTION_NOTE:
    default:
      return "agent";
    }
}

/* The visitor's own client id is the last part of the external id
 * ("chat:<visitor>:<client id>"), so the widget can match its pending copy. */
static void
add_message_members (JsonBuilder *builder,
                     KefuMessage *message)
{
  const char *external_id = kefu_message_get_external_id (message);
  GPtrArray *attachments = kefu_message_get_attachments (message);
  g_autofree char *ref = g_strdup_printf ("m%" G_GINT64_FORMAT, kefu_message_get_id (message));
  KefuDirection direction = kefu_message_get_direction (message);

  add_string (builder, "id", ref);
  add_string (builder, "from", sender_of (message));
  add_string (builder, "text", kefu_message_get_text (message));
  if (direction != KEFU_DIRECTION_IN)
    add_string (builder, "author", kefu_message_get_author_name (message));
  add_int (builder, "ts", kefu_message_get_created_at (message) / 1000);
  if (direction == KEFU_DIRECTION_IN && external_id != NULL && strrchr (external_id, ':') != NULL)
    add_string (builder, "client_id", strrchr (external_id, ':') + 1);

  /* A robot answer offers "Did this help?" and "Talk to a person". */
  if (direction == KEFU_DIRECTION_ROBOT)
    {
      json_builder_set_member_name (builder, "buttons");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, "helpful");
      json_builder_add_string_value (builder, "not-helpful");
      json_builder_add_string_value (builder, "handoff");
      json_builder_end_array (builder);
    }

  if (attachments != NULL && attachments->len > 0)
    {
      json_builder_set_member_name (builder, "attachments");
      json_builder_begin_array (builder);
      for (guint i = 0; i < attachments->len; i++)
        {
          KefuAttachment *attachment = g_ptr_array_index (attachments, i);

          json_builder_begin_object (builder);
          add_string (builder, "name", kefu_attachment_get_filename (attachment));
          add_string (builder, "type", kefu_attachment_get_mime_type (attachment));
          add_int (builder, "size", kefu_attachment_get_size (attachment));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
}

char *
kefu_chat_frame_message (KefuMessage *message)
{
  g_autoptr (JsonBuilder) builder = begin_frame ("message");

  add_message_members (builder, message);
  json_builder_end_object (builder);

  return to_json (builder);
}

/**
 * kefu_chat_frame_history:
 * @messages: (element-type KefuMessage): the conversation, oldest first;
 *   notes are left out
 */
char *
kefu_chat_frame_history (GPtrArray *messages)
{
  g_autoptr (JsonBuilder) builder = begin_frame ("history");

  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      KefuMessage *message = g_ptr_array_index (messages, i);

      if (!kefu_chat_message_is_visible (message))
        continue;
      json_builder_begin_object (builder);
      add_message_members (builder, message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return to_json (builder);
}

char *
kefu_chat_frame_typing (gboolean active)
{
  g_autoptr (JsonBuilder) builder = begin_frame ("typing");

  add_boolean (builder, "active", active);
  json_builder_end_object (builder);

  return to_json (builder);
}

/**
 * kefu_chat_frame_handoff:
 * @available: whether a person will answer here; when not, the widget asks
 *   for an e-mail address
 */
char *
kefu_chat_frame_handoff (gboolean available)
{
  g_autoptr (JsonBuilder) builder = begin_frame ("handoff");

  add_string (builder, "status", available ? "queued" : "offline");
  json_builder_end_object (builder);

  return to_json (builder);
}

char *
kefu_chat_frame_error (const GError *error,
                       const char   *client_id)
{
  g_autoptr (JsonBuilder) builder = begin_frame ("error");

  add_string (builder, "code", error->domain == KEFU_CHAT_PROTOCOL_ERROR
                                 ? kefu_chat_protocol_error_code (error->code) : "unavailable");
  add_string (builder, "message", error->message);
  if (client_id != NULL)
    add_string (builder, "id", client_id);
  json_builder_end_object (builder);

  return to_json (builder);
}
