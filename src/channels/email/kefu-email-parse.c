/* kefu-email-parse.c: a MIME message as it came from the server, turned into a KefuInbound.
 *
 * GMime does the MIME, RFC 2047/2231 and charset work; this file only decides
 * which part is the text, which the HTML copy and which are attachments, and
 * never gives up on a message: whatever cannot be parsed is kept as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kefu-email-autoreply.h"
#include "kefu-email-bounce.h"
#include "kefu-email-html.h"
#include "kefu-email-parse.h"

#define MAX_PARTS        500
#define MAX_DEPTH        20
#define MAX_ATTACHMENTS  100

typedef struct
{
  GString   *text;
  GString   *html;
  GPtrArray *attachments;   /* KefuInboundAttachment */
  guint      parts;
} Collect;

static GMimeParserOptions *parser_options;

/* Mail that says GB2312 or GBK is nearly always GBK or GB18030 (which contain
 * GB2312), and Big5 mail uses the HKSCS additions: decode with the superset
 * so that no character is lost. */
static const struct {
  const char *label;
  const char *superset;
} charset_supersets[] = {
  { "gb2312", "GB18030" },
  { "gbk", "GB18030" },
  { "x-gbk", "GB18030" },
  { "euc-cn", "GB18030" },
  { "cp936", "GB18030" },
  { "big5", "BIG5-HKSCS" },
  { "x-big5", "BIG5-HKSCS" },
  { "iso-8859-1", "windows-1252" },
  { "us-ascii", "windows-1252" },
  { "ks_c_5601-1987", "CP949" },
  { "shift_jis", "CP932" },
};

/**
 * kefu_email_mime_init:
 *
 * Initialises GMime once per process. Thread-safe.
 */
void
kefu_email_mime_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      static const char *fallback[] = { "UTF-8", "GB18030", "BIG5-HKSCS", "windows-1252", NULL };

      g_mime_init ();
      parser_options = g_mime_parser_options_new ();
      g_mime_parser_options_set_fallback_charsets (parser_options, fallback);
      g_mime_parser_options_set_rfc2047_compliance_mode (parser_options, GMIME_RFC_COMPLIANCE_LOOSE);
      g_mime_parser_options_set_parameter_compliance_mode (parser_options, GMIME_RFC_COMPLIANCE_LOOSE);
      g_mime_parser_options_set_address_compliance_mode (parser_options, GMIME_RFC_COMPLIANCE_LOOSE);
      g_once_init_leave (&initialised, 1);
    }
}

static GBytes *
part_data (GMimePart *part)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  g_autoptr (GMimeStream) stream = NULL;
  GByteArray *array;

  if (content == NULL)
    return g_bytes_new (NULL, 0);

  stream = g_mime_stream_mem_new ();
  g_mime_data_wrapper_write_to_stream (content, stream);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));

  return g_bytes_new (array->data, array->len);
}

static char *
part_text (GMimeTextPart *part)
{
  const char *charset = g_mime_text_part_get_charset (part);
  char *text;

  for (guint i = 0; charset != NULL && i < G_N_ELEMENTS (charset_supersets); i++)
    if (g_ascii_strcasecmp (charset, charset_supersets[i].label) == 0)
      {
        g_mime_text_part_set_charset (part, charset_supersets[i].superset);
        break;
      }

  /* Undeclared 8-bit text: GMime guesses from the fallback charsets. */
  if (charset == NULL)
    {
      g_autoptr (GBytes) data = part_data (GMIME_PART (part));
      gsize size;
      const char *bytes = g_bytes_get_data (data, &size);

      if (g_utf8_validate_len (bytes ? bytes : "", size, NULL))
        return g_strndup (bytes ? bytes : "", size);

      return g_mime_utils_decode_8bit (parser_options, bytes, size);
    }

  text = g_mime_text_part_get_text (part);
  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (text, -1);

      g_free (text);
      text = valid;
    }

  return text;
}

static void collect_object (Collect *collect, GMimeObject *object, guint depth);

static void
add_attachment (Collect    *collect,
                GMimePart  *part)
{
  GMimeContentType *type = g_mime_object_get_content_type (GMIME_OBJECT (part));
  g_autofree char *mime_type = type ? g_mime_content_type_get_mime_type (type) : NULL;
  g_autoptr (GBytes) data = NULL;
  KefuInboundAttachment *attachment;
  const char *filename;

  if (collect->attachments->len >= MAX_ATTACHMENTS)
    return;

  filename = g_mime_part_get_filename (part);
  data = part_data (part);
  attachment = kefu_inbound_attachment_new (filename ? filename : _("attachment"),
                                            mime_type ? mime_type : "application/octet-stream",
                                            data);
  if (g_mime_part_get_content_id (part) != NULL)
    attachment->content_id = g_strdup (g_mime_part_get_content_id (part));
  g_ptr_array_add (collect->attachments, attachment);
}

static void
add_forwarded (Collect      *collect,
               GMimeMessage *message,
               guint         depth)
{
  InternetAddressList *from = g_mime_message_get_from (message);
  g_autofree char *from_text = from ? internet_address_list_to_string (from, NULL, FALSE) : NULL;
  const char *subject = g_mime_message_get_subject (message);
  GMimeObject *body = g_mime_message_get_mime_part (message);
  Collect inner = { 0 };

  inner.text = g_string_new (NULL);
  inner.html = g_string_new (NULL);
  inner.attachments = collect->attachments;
  inner.parts = collect->parts;
  if (body != NULL)
    collect_object (&inner, body, depth + 1);
  collect->parts = inner.parts;

  if (inner.text->len == 0 && inner.html->len > 0)
    {
      g_autofree char *text = NULL;
      g_autofree char *sanitized = kefu_email_html_sanitize (inner.html->str, inner.html->len, &text);

      g_string_assign (inner.text, text);
    }

  if (collect->text->len > 0)
    g_string_append (collect->text, "\n\n");
  g_string_append_printf (collect->text, "---------- %s ----------\n", _("Forwarded message"));
  if (from_text != NULL && *from_text)
    g_string_append_printf (collect->text, "%s %s\n", _("From:"), from_text);
  if (subject != NULL)
    g_string_append_printf (collect->text, "%s %s\n", _("Subject:"), subject);
  g_string_append_c (collect->text, '\n');
  g_string_append (collect->text, inner.text->str);

  g_string_free (inner.text, TRUE);
  g_string_free (inner.html, TRUE);
}

static void
collect_part (Collect   *collect,
              GMimePart *part)
{
  GMimeObject *object = GMIME_OBJECT (part);
  GMimeContentDisposition *disposition = g_mime_object_get_content_disposition (object);
  gboolean attachment = disposition != NULL && g_mime_content_disposition_is_attachment (disposition);
  GMimeContentType *type = g_mime_object_get_content_type (object);

  if (!attachment && GMIME_IS_TEXT_PART (part) && type != NULL &&
      g_mime_part_get_filename (part) == NULL)
    {
      g_autofree char *text = part_text (GMIME_TEXT_PART (part));

      if (g_mime_content_type_is_type (type, "text", "html"))
        {
          g_string_append (collect->html, text);
          return;
        }
      if (g_mime_content_type_is_type (type, "text", "plain") ||
          g_mime_content_type_is_type (type, "text", "enriched") == FALSE)
        {
          if (collect->text->len > 0)
            g_string_append (collect->text, "\n\n");
          g_string_append (collect->text, text);
          return;
        }
    }

  add_attachment (collect, part);
}

static void
collect_alternative (Collect        *collect,
                     GMimeMultipart *multipart,
                     guint           depth)
{
  GMimeObject *plain = NULL;
  GMimeObject *html = NULL;
  int n = g_mime_multipart_get_count (multipart);

  /* Text is preferred; the HTML copy is kept beside it for display. */
  for (int i = 0; i < n; i++)
    {
      GMimeObject *child = g_mime_multipart_get_part (multipart, i);
      GMimeContentType *type = g_mime_object_get_content_type (child);

      if (type != NULL && g_mime_content_type_is_type (type, "text", "plain") && plain == NULL)
        plain = child;
      else if (type != NULL && g_mime_content_type_is_type (type, "text", "html") && html == NULL)
        html = child;
      else if (GMIME_IS_MULTIPART (child) && html == NULL)
        html = child;   /* multipart/related: HTML with its inline images */
    }

  if (plain != NULL)
    collect_object (collect, plain, depth + 1);
  if (html != NULL)
    {
      Collect inner = *collect;

      /* Only the HTML and the images of the HTML branch are wanted from it. */
      inner.text = plain != NULL ? g_string_new (NULL) : collect->text;
      collect_object (&inner, html, depth + 1);
      collect->parts = inner.parts;
      if (plain != NULL)
        g_string_free (inner.text, TRUE);
    }
  if (plain == NULL && html == NULL && n > 0)
    collect_object (collect, g_mime_multipart_get_part (multipart, n - 1), depth + 1);
}

static void
collect_object (Collect     *collect,
                GMimeObject *object,
                guint        depth)
{
  if (object == NULL || depth > MAX_DEPTH || ++collect->parts > MAX_PARTS)
    return;

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      GMimeContentType *type = g_mime_object_get_content_type (object);

      if (type != NULL && g_mime_content_type_is_type (type, "multipart", "alternative"))
        {
          collect_alternative (collect, multipart, depth);
          return;
        }
      for (int i = 0; i < g_mime_multipart_get_count (multipart); i++)
        collect_object (collect, g_mime_multipart_get_part (multipart, i), depth + 1);
    }
  else if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      if (inner != NULL)
        add_forwarded (collect, inner, depth);
    }
  else if (GMIME_IS_PART (object))
    collect_part (collect, GMIME_PART (object));
}

static char **
thread_keys (GMimeMessage *message)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  static const char * const headers[] = { "In-Reply-To", "References" };
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
    {
      const char *value = g_mime_object_get_header (GMIME_OBJECT (message), headers[h]);
      GMimeReferences *references;

      if (value == NULL)
        continue;
      references = g_mime_references_parse (parser_options, value);
      if (references == NULL)
        continue;
      for (int i = 0; i < g_mime_references_length (references) && i < 100; i++)
        {
          const char *id = g_mime_references_get_message_id (references, i);

          if (id != NULL && *id && g_hash_table_add (seen, (gpointer)id))
            g_strv_builder_add (builder, id);
        }
      g_mime_references_free (references);
    }

  return g_strv_builder_end (builder);
}

static char *
synthetic_message_id (GBytes *raw)
{
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, raw);

  /* Stable, so a message without Message-ID is still stored once. */
  return g_strdup_printf ("%s@kefu.invalid", hash);
}

static gint64
sane_date (GMimeMessage *message)
{
  GDateTime *date = g_mime_message_get_date (message);
  gint64 usec;
  gint64 now = g_get_real_time ();

  if (date == NULL)
    return 0;
  usec = g_date_time_to_unix (date) * G_USEC_PER_SEC;
  /* A clock far off (or a forged date) must not reorder the inbox. */
  if (usec < now - (gint64)20 * 365 * 24 * 3600 * G_USEC_PER_SEC ||
      usec > now + (gint64)24 * 3600 * G_USEC_PER_SEC)
    return 0;

  return usec;
}

static void
set_sender (KefuEmailParsed *parsed,
            GMimeMessage    *message)
{
  KefuInbound *inbound = parsed->inbound;
  InternetAddressList *lists[] = {
    g_mime_message_get_from (message),
    g_mime_message_get_sender (message),
  };
  InternetAddressList *reply_to = g_mime_message_get_reply_to (message);

  for (guint l = 0; l < G_N_ELEMENTS (lists) && inbound->sender == NULL; l++)
    for (int i = 0; lists[l] != NULL && i < internet_address_list_length (lists[l]); i++)
      {
        InternetAddress *address = internet_address_list_get_address (lists[l], i);

        if (INTERNET_ADDRESS_IS_MAILBOX (address))
          {
            const char *addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address));

            if (addr == NULL || *addr == '\0')
              continue;
            inbound->sender = g_strdup (addr);
            inbound->sender_name = g_strdup (internet_address_get_name (address));
            break;
          }
      }

  if (inbound->sender == NULL)
    {
      const char *return_path = g_mime_object_get_header (GMIME_OBJECT (message), "Return-Path");
      g_autofree char *stripped = g_strstrip (g_strdup (return_path ? return_path : ""));

      if (*stripped == '<')
        memmove (stripped, stripped + 1, strlen (stripped));
      if (*stripped && stripped[strlen (stripped) - 1] == '>')
        stripped[strlen (stripped) - 1] = '\0';
      /* Mail with no sender at all is still kept, under a name that says so. */
      inbound->sender = g_strdup (*stripped ? stripped : "unknown@unknown.invalid");
    }

  for (int i = 0; reply_to != NULL && i < internet_address_list_length (reply_to); i++)
    {
      InternetAddress *address = internet_address_list_get_address (reply_to, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        {
          parsed->reply_to = g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)));
          break;
        }
    }
  if (parsed->reply_to == NULL)
    parsed->reply_to = g_strdup (inbound->sender);
}

/**
 * kefu_email_parse_mime:
 * @message: a parsed message
 * @raw: (nullable): the bytes it came from, for a stable id when it has no
 *   Message-ID
 *
 * Thread-safe.
 *
 * Returns: (transfer full): the inbound message and what else was found
 */
KefuEmailParsed *
kefu_email_parse_mime (GMimeMessage *message,
                       GBytes       *raw,
                       gint64        account_id)
{
  KefuEmailParsed *parsed = g_new0 (KefuEmailParsed, 1);
  KefuInbound *inbound;
  Collect collect = { 0 };
  const char *message_id;
  const char *subject;

  kefu_email_mime_init ();

  inbound = parsed->inbound = kefu_inbound_new (KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, NULL);
  inbound->account_id = account_id;

  set_sender (parsed, message);

  message_id = g_mime_message_get_message_id (message);
  if (message_id != NULL && *message_id)
    inbound->external_id = g_strdup (message_id);
  else if (raw != NULL)
    inbound->external_id = synthetic_message_id (raw);

  subject = g_mime_message_get_subject (message);
  inbound->subject = g_strdup (subject ? subject : "");
  inbound->thread_keys = thread_keys (message);
  inbound->received_at = sane_date (message);

  collect.text = g_string_new (NULL);
  collect.html = g_string_new (NULL);
  collect.attachments = inbound->attachments;
  collect_object (&collect, g_mime_message_get_mime_part (message), 0);

  if (collect.html->len > 0)
    {
      g_autofree char *html_text = NULL;

      inbound->html = kefu_email_html_sanitize (collect.html->str, collect.html->len, &html_text);
      if (collect.text->len == 0)
        g_string_assign (collect.text, html_text);
    }
  inbound->text = g_string_free (collect.text, FALSE);
  g_string_free (collect.html, TRUE);

  parsed->automatic = kefu_email_autoreply_is_automatic (message, inbound->sender);
  parsed->bounce = kefu_email_bounce_detect (message, &parsed->bounced_message_id, &parsed->bounce_reason);
  if (parsed->bounce)
    parsed->automatic = TRUE;

  return parsed;
}

/**
 * kefu_email_parse:
 * @raw: a whole message as fetched
 *
 * Never fails: mail GMime cannot make sense of is kept as plain text.
 * Thread-safe.
 *
 * Returns: (transfer full): the inbound message and what else was found
 */
KefuEmailParsed *
kefu_email_parse (GBytes *raw,
                  gint64  account_id)
{
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeParser) parser = NULL;
  g_autoptr (GMimeMessage) message = NULL;
  KefuEmailParsed *parsed;
  gsize size;
  const char *data = g_bytes_get_data (raw, &size);

  kefu_email_mime_init ();

  stream = g_mime_stream_mem_new_with_buffer (data ? data : "", size);
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, parser_options);
  if (message != NULL)
    return kefu_email_parse_mime (message, raw, account_id);

  parsed = g_new0 (KefuEmailParsed, 1);
  parsed->inbound = kefu_inbound_new (KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL,
                                      "unknown@unknown.invalid");
  parsed->inbound->account_id = account_id;
  parsed->inbound->external_id = synthetic_message_id (raw);
  parsed->inbound->subject = g_strdup (_("(unreadable message)"));
  parsed->inbound->text = g_utf8_make_valid (data ? data : "", size);
  parsed->automatic = TRUE;
  parsed->reply_to = NULL;

  return parsed;
}

void
kefu_email_parsed_free (KefuEmailParsed *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->inbound, kefu_inbound_free);
  g_free (self->bounced_message_id);
  g_free (self->bounce_reason);
  g_free (self->reply_to);
  g_free (self);
}
