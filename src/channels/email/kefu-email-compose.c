/* kefu-email-compose.c: Kefu's replies and auto-replies as MIME messages (GMime).
 *
 * Replies carry what makes the customer's answer find its ticket again:
 * our own Message-ID, In-Reply-To and References of the conversation, and
 * the ticket number in the subject.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-email-compose.h"
#include "kefu-email-parse.h"

KefuEmailDraft *
kefu_email_draft_new (void)
{
  KefuEmailDraft *self = g_new0 (KefuEmailDraft, 1);

  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_inbound_attachment_free);

  return self;
}

void
kefu_email_draft_free (KefuEmailDraft *self)
{
  if (self == NULL)
    return;

  g_free (self->from_address);
  g_free (self->from_name);
  g_free (self->to);
  g_free (self->subject);
  g_free (self->text);
  g_free (self->signature);
  g_free (self->message_id);
  g_free (self->in_reply_to);
  g_strfreev (self->references);
  g_ptr_array_unref (self->attachments);
  g_free (self);
}

/**
 * kefu_email_compose_message_id:
 * @from_address: the account's address; its domain ends the id
 *
 * Returns: (transfer full): a new, unique Message-ID without <>
 */
char *
kefu_email_compose_message_id (const char *from_address)
{
  const char *at = from_address ? strrchr (from_address, '@') : NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("kefu.%s@%s", uuid, at && at[1] ? at + 1 : "kefu.invalid");
}

/**
 * kefu_email_compose_subject:
 *
 * Returns: (transfer full): "Re: @subject [#N]", without doubling "Re:"
 *   or the number
 */
char *
kefu_email_compose_subject (const char *subject,
                            gint64      ticket_number)
{
  g_autofree char *tag = g_strdup_printf ("[#%" G_GINT64_FORMAT "]", ticket_number);
  const char *base = subject && *subject ? subject : "";
  GString *out = g_string_new (NULL);

  if (g_ascii_strncasecmp (base, "Re:", 3) != 0)
    g_string_append (out, "Re: ");
  g_string_append (out, base);
  if (ticket_number > 0 && strstr (base, tag) == NULL)
    g_string_append_printf (out, "%s%s", out->len > 4 ? " " : "", tag);

  return g_string_free (out, FALSE);
}

static GMimeObject *
text_part (const char *text)
{
  GMimeTextPart *part = g_mime_text_part_new_with_subtype ("plain");

  g_mime_text_part_set_text (part, text);
  g_mime_text_part_set_charset (part, "utf-8");
  g_mime_part_set_content_encoding (GMIME_PART (part),
                                    g_mime_part_get_best_content_encoding (GMIME_PART (part),
                                                                           GMIME_ENCODING_CONSTRAINT_7BIT));

  return GMIME_OBJECT (part);
}

static GMimeObject *
attachment_part (KefuInboundAttachment *attachment)
{
  g_autoptr (GMimeStream) stream = NULL;
  g_autoptr (GMimeDataWrapper) content = NULL;
  GMimeContentType *type = g_mime_content_type_parse (NULL, attachment->mime_type ? attachment->mime_type
                                                                               : "application/octet-stream");
  GMimePart *part = g_mime_part_new_with_type (g_mime_content_type_get_media_type (type),
                                               g_mime_content_type_get_media_subtype (type));
  gsize size;
  const guint8 *data = g_bytes_get_data (attachment->data, &size);

  g_object_unref (type);
  stream = g_mime_stream_mem_new_with_buffer ((const char *)data, size);
  content = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);
  g_mime_part_set_content (part, content);
  g_mime_part_set_filename (part, attachment->filename ? attachment->filename : "attachment");
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);

  return GMIME_OBJECT (part);
}

static char *
bracketed (const char *id)
{
  return g_strdup_printf ("<%s>", id);
}

/**
 * kefu_email_compose:
 *
 * Any thread.
 *
 * Returns: (transfer full): the message, ready to send
 */
GMimeMessage *
kefu_email_compose (KefuEmailDraft *draft)
{
  GMimeMessage *message;
  GMimeObject *object;
  g_autofree char *body = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  kefu_email_mime_init ();

  message = g_mime_message_new (TRUE);
  object = GMIME_OBJECT (message);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, draft->from_name, draft->from_address);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO, NULL, draft->to);
  g_mime_message_set_subject (message, draft->subject ? draft->subject : "", "utf-8");
  g_mime_message_set_date (message, now);
  g_mime_message_set_message_id (message, draft->message_id);

  if (draft->in_reply_to != NULL)
    {
      g_autofree char *value = bracketed (draft->in_reply_to);

      g_mime_object_set_header (object, "In-Reply-To", value, NULL);
    }
  if (draft->references != NULL && draft->references[0] != NULL)
    {
      GString *value = g_string_new (NULL);

      for (guint i = 0; draft->references[i] != NULL; i++)
        g_string_append_printf (value, "%s<%s>", i ? " " : "", draft->references[i]);
      g_mime_object_set_header (object, "References", value->str, NULL);
      g_string_free (value, TRUE);
    }
  if (draft->auto_submitted)
    {
      /* RFC 3834: say it is automatic, and ask other responders to stay quiet. */
      g_mime_object_set_header (object, "Auto-Submitted", "auto-replied", NULL);
      g_mime_object_set_header (object, "X-Auto-Response-Suppress", "All", NULL);
      g_mime_object_set_header (object, "Precedence", "auto_reply", NULL);
    }

  body = draft->signature && *draft->signature
         ? g_strdup_printf ("%s\n\n-- \n%s\n", draft->text ? draft->text : "", draft->signature)
         : g_strdup_printf ("%s\n", draft->text ? draft->text : "");

  if (draft->attachments->len == 0)
    {
      GMimeObject *text = text_part (body);

      g_mime_message_set_mime_part (message, text);
      g_object_unref (text);
    }
  else
    {
      GMimeMultipart *mixed = g_mime_multipart_new_with_subtype ("mixed");
      GMimeObject *text = text_part (body);

      g_mime_multipart_add (mixed, text);
      g_object_unref (text);
      for (guint i = 0; i < draft->attachments->len; i++)
        {
          GMimeObject *part = attachment_part (g_ptr_array_index (draft->attachments, i));

          g_mime_multipart_add (mixed, part);
          g_object_unref (part);
        }
      g_mime_message_set_mime_part (message, GMIME_OBJECT (mixed));
      g_object_unref (mixed);
    }

  return message;
}

/**
 * kefu_email_compose_to_bytes:
 *
 * Returns: (transfer full): @message as SMTP wants it (CRLF line ends)
 */
GBytes *
kefu_email_compose_to_bytes (GMimeMessage *message)
{
  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new ();
  g_autoptr (GMimeFormatOptions) options = g_mime_format_options_clone (NULL);
  GByteArray *array;

  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);
  g_mime_object_write_to_stream (GMIME_OBJECT (message), options, stream);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));

  return g_bytes_new (array->data, array->len);
}
