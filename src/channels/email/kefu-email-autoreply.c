/* kefu-email-autoreply.c: when Kefu may answer automatically (RFC 3834), and with what.
 *
 * Two auto-responders facing each other must exchange one message, not loop:
 * nothing automatic is ever answered automatically, and what Kefu sends
 * automatically says so (Auto-Submitted: auto-replied).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-email-autoreply.h"

/* Local parts of addresses that are machines, never people (RFC 3834 §2). */
static const char * const robot_local_parts[] = {
  "mailer-daemon", "postmaster", "no-reply", "noreply", "do-not-reply", "donotreply",
  "bounce", "bounces", "listserv", "majordomo", "owner-",
};

/**
 * kefu_email_autoreply_sender_ok:
 *
 * Whether @sender looks like a person that an auto-reply may go to.
 */
gboolean
kefu_email_autoreply_sender_ok (const char *sender)
{
  g_autofree char *lower = NULL;
  const char *at;

  if (sender == NULL || *sender == '\0' || strchr (sender, '@') == NULL)
    return FALSE;

  lower = g_ascii_strdown (sender, -1);
  at = strchr (lower, '@');
  for (guint i = 0; i < G_N_ELEMENTS (robot_local_parts); i++)
    {
      gsize n = strlen (robot_local_parts[i]);

      if (strncmp (lower, robot_local_parts[i], n) == 0 &&
          (robot_local_parts[i][n - 1] == '-' || lower + n == at || lower[n] == '+'))
        return FALSE;
    }
  if (g_str_has_suffix (lower, ".invalid"))
    return FALSE;

  return TRUE;
}

/**
 * kefu_email_autoreply_is_automatic:
 * @sender: (nullable): the address the message came from
 *
 * Whether @message was sent by a program (an auto-reply, a list, a bounce),
 * so that it must not be answered automatically.
 */
gboolean
kefu_email_autoreply_is_automatic (GMimeMessage *message,
                                   const char   *sender)
{
  GMimeObject *object = GMIME_OBJECT (message);
  const char *value;

  value = g_mime_object_get_header (object, "Auto-Submitted");
  while (value != NULL && g_ascii_isspace (*value))
    value++;
  if (value != NULL && g_ascii_strncasecmp (value, "no", 2) != 0)
    return TRUE;

  value = g_mime_object_get_header (object, "Precedence");
  if (value != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (value, -1);

      if (strstr (lower, "bulk") || strstr (lower, "list") || strstr (lower, "junk"))
        return TRUE;
    }

  if (g_mime_object_get_header (object, "List-Id") != NULL ||
      g_mime_object_get_header (object, "List-Unsubscribe") != NULL ||
      g_mime_object_get_header (object, "X-Autoreply") != NULL ||
      g_mime_object_get_header (object, "X-Autorespond") != NULL ||
      g_mime_object_get_header (object, "X-Auto-Response-Suppress") != NULL)
    return TRUE;

  /* An empty Return-Path (<>) is what bounces and auto-replies use. */
  value = g_mime_object_get_header (object, "Return-Path");
  if (value != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (value));

      if (g_str_equal (stripped, "<>") || *stripped == '\0')
        return TRUE;
    }

  return !kefu_email_autoreply_sender_ok (sender);
}

/**
 * kefu_email_autoreply_fill:
 * @template_text: text with {ticket}, {subject} and {name}
 *
 * Returns: (transfer full): the text with the placeholders filled in
 */
char *
kefu_email_autoreply_fill (const char *template_text,
                           gint64      ticket_number,
                           const char *subject,
                           const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template_text ? template_text : ""; *p; )
    {
      if (g_str_has_prefix (p, "{ticket}"))
        {
          g_string_append_printf (out, "%" G_GINT64_FORMAT, ticket_number);
          p += strlen ("{ticket}");
        }
      else if (g_str_has_prefix (p, "{subject}"))
        {
          g_string_append (out, subject ? subject : "");
          p += strlen ("{subject}");
        }
      else if (g_str_has_prefix (p, "{name}"))
        {
          g_string_append (out, name ? name : "");
          p += strlen ("{name}");
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}
