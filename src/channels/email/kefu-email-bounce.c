/* kefu-email-bounce.c: recognising delivery status notifications (bounces, RFC 3464).
 *
 * A bounce is about a message Kefu sent: it belongs to that message's ticket
 * as a failed delivery, never to a new ticket from "MAILER-DAEMON".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-email-bounce.h"

typedef struct
{
  gboolean  is_report;
  char     *message_id;
  char     *reason;
} Scan;

static char *
object_text (GMimeObject *object)
{
  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new ();
  GByteArray *array;

  if (GMIME_IS_PART (object) && g_mime_part_get_content (GMIME_PART (object)) != NULL)
    g_mime_data_wrapper_write_to_stream (g_mime_part_get_content (GMIME_PART (object)), stream);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));

  return g_utf8_make_valid ((const char *)array->data, array->len);
}

/* The remote server's own words: Diagnostic-Code, else Status. */
static char *
find_reason (const char *status_text)
{
  g_auto (GStrv) lines = g_strsplit (status_text, "\n", 200);
  char *status = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (g_ascii_strncasecmp (line, "Diagnostic-Code:", 16) == 0)
        {
          const char *value = line + 16;
          const char *semicolon = strchr (value, ';');

          g_free (status);
          return g_strstrip (g_strdup (semicolon ? semicolon + 1 : value));
        }
      if (status == NULL && g_ascii_strncasecmp (line, "Status:", 7) == 0)
        status = g_strstrip (g_strdup (line + 7));
    }

  return status;
}

static char *
headers_message_id (const char *headers)
{
  g_autofree char *text = g_strconcat (headers, "\n\n", NULL);
  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (text, strlen (text));
  g_autoptr (GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_autoptr (GMimeMessage) message = g_mime_parser_construct_message (parser, NULL);

  if (message == NULL || g_mime_message_get_message_id (message) == NULL)
    return NULL;

  return g_strdup (g_mime_message_get_message_id (message));
}

static void
scan_object (Scan        *scan,
             GMimeObject *object,
             guint        depth)
{
  GMimeContentType *type = g_mime_object_get_content_type (object);

  if (depth > 10)
    return;

  if (GMIME_IS_MULTIPART (object))
    {
      for (int i = 0; i < g_mime_multipart_get_count (GMIME_MULTIPART (object)); i++)
        scan_object (scan, g_mime_multipart_get_part (GMIME_MULTIPART (object), i), depth + 1);
    }
  else if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      if (scan->message_id == NULL && inner != NULL && g_mime_message_get_message_id (inner) != NULL)
        scan->message_id = g_strdup (g_mime_message_get_message_id (inner));
    }
  else if (type != NULL && g_mime_content_type_is_type (type, "message", "delivery-status"))
    {
      g_autofree char *text = object_text (object);

      scan->is_report = TRUE;
      if (scan->reason == NULL)
        scan->reason = find_reason (text);
    }
  else if (type != NULL && g_mime_content_type_is_type (type, "text", "rfc822-headers"))
    {
      g_autofree char *text = object_text (object);

      if (scan->message_id == NULL)
        scan->message_id = headers_message_id (text);
    }
}

/**
 * kefu_email_bounce_detect:
 * @original_message_id: (out) (optional): the Message-ID (no <>) the
 *   bounce is about, or %NULL when the report does not say
 * @reason: (out) (optional): the remote server's explanation, or %NULL
 *
 * Returns: whether @message is a delivery status notification
 */
gboolean
kefu_email_bounce_detect (GMimeMessage  *message,
                          char         **original_message_id,
                          char         **reason)
{
  GMimeObject *body = g_mime_message_get_mime_part (message);
  GMimeContentType *type = body ? g_mime_object_get_content_type (body) : NULL;
  Scan scan = { 0 };
  const char *report_type;

  if (type == NULL || !g_mime_content_type_is_type (type, "multipart", "report"))
    return FALSE;
  report_type = g_mime_content_type_get_parameter (type, "report-type");
  if (report_type == NULL || g_ascii_strcasecmp (report_type, "delivery-status") != 0)
    return FALSE;

  scan_object (&scan, body, 0);

  if (original_message_id != NULL)
    *original_message_id = g_steal_pointer (&scan.message_id);
  if (reason != NULL)
    *reason = g_steal_pointer (&scan.reason);
  g_free (scan.message_id);
  g_free (scan.reason);

  return TRUE;
}
