/* kefu-ui-format.c: words, icons and times the widgets share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "kefu-ui-format.h"

/**
 * kefu_ui_status_label:
 *
 * Returns: (transfer none): the translated name of @status, short enough for a pill
 */
const char *
kefu_ui_status_label (KefuTicketStatus status)
{
  switch (status)
    {
    case KEFU_TICKET_STATUS_NEW:
      return C_("ticket status", "New");
    case KEFU_TICKET_STATUS_OPEN:
      return C_("ticket status", "Open");
    case KEFU_TICKET_STATUS_PENDING:
      return C_("ticket status", "Pending");
    case KEFU_TICKET_STATUS_RESOLVED:
      return C_("ticket status", "Resolved");
    case KEFU_TICKET_STATUS_CLOSED:
      return C_("ticket status", "Closed");
    default:
      return "";
    }
}

/* The CSS class of the status pill; style.css colours each one. */
const char *
kefu_ui_status_css_class (KefuTicketStatus status)
{
  switch (status)
    {
    case KEFU_TICKET_STATUS_NEW:
      return "status-new";
    case KEFU_TICKET_STATUS_OPEN:
      return "status-open";
    case KEFU_TICKET_STATUS_PENDING:
      return "status-pending";
    case KEFU_TICKET_STATUS_RESOLVED:
      return "status-resolved";
    case KEFU_TICKET_STATUS_CLOSED:
      return "status-closed";
    default:
      return "status-open";
    }
}

/* The priority as a phrase that stands on its own, for the ticket header. */
const char *
kefu_ui_priority_phrase (KefuPriority priority)
{
  switch (priority)
    {
    case KEFU_PRIORITY_LOW:
      return _("Low priority");
    case KEFU_PRIORITY_NORMAL:
      return _("Normal priority");
    case KEFU_PRIORITY_HIGH:
      return _("High priority");
    case KEFU_PRIORITY_URGENT:
      return _("Urgent");
    default:
      return "";
    }
}

const char *
kefu_ui_channel_label (KefuChannelKind channel)
{
  switch (channel)
    {
    case KEFU_CHANNEL_KIND_EMAIL:
      return C_("channel", "Email");
    case KEFU_CHANNEL_KIND_CHAT:
      return C_("channel", "Chat");
    case KEFU_CHANNEL_KIND_PHONE:
      return C_("channel", "Phone");
    default:
      return "";
    }
}

const char *
kefu_ui_channel_icon_name (KefuChannelKind channel)
{
  switch (channel)
    {
    case KEFU_CHANNEL_KIND_CHAT:
      return "user-available-symbolic";
    case KEFU_CHANNEL_KIND_PHONE:
      return "call-start-symbolic";
    case KEFU_CHANNEL_KIND_EMAIL:
    default:
      return "mail-read-symbolic";
    }
}

const char *
kefu_ui_identity_icon_name (KefuIdentityKind kind)
{
  switch (kind)
    {
    case KEFU_IDENTITY_KIND_PHONE:
      return "call-start-symbolic";
    case KEFU_IDENTITY_KIND_CHAT:
      return "user-available-symbolic";
    case KEFU_IDENTITY_KIND_EMAIL:
    default:
      return "mail-read-symbolic";
    }
}

/**
 * kefu_ui_format_relative_time:
 * @when: microseconds since the epoch (UTC), or 0
 * @now: the same clock's "now"
 *
 * Returns: (transfer full): "now", "5 min", a time today, "Yesterday", a
 *   date, or "" for 0
 */
char *
kefu_ui_format_relative_time (gint64 when,
                              gint64 now)
{
  g_autoptr (GDateTime) then = NULL;
  g_autoptr (GDateTime) today = NULL;
  gint64 minutes;
  int days;

  if (when <= 0)
    return g_strdup ("");

  minutes = (now - when) / G_USEC_PER_SEC / 60;
  if (minutes < 1)
    return g_strdup (C_("relative time", "Now"));
  if (minutes < 60)
    /* Translators: how long ago, abbreviated so it fits a list row */
    return g_strdup_printf (ngettext ("%d min", "%d min", (int) minutes), (int) minutes);

  then = g_date_time_new_from_unix_local (when / G_USEC_PER_SEC);
  today = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  if (then == NULL || today == NULL)
    return g_strdup ("");

  days = g_date_time_get_day_of_year (today) - g_date_time_get_day_of_year (then);
  if (g_date_time_get_year (today) == g_date_time_get_year (then))
    {
      if (days == 0)
        /* Translators: a time today, see g_date_time_format() */
        return g_date_time_format (then, C_("time today", "%H:%M"));
      if (days == 1)
        return g_strdup (C_("relative time", "Yesterday"));
      /* Translators: a date this year, see g_date_time_format() */
      return g_date_time_format (then, C_("date this year", "%b %-d"));
    }

  /* Translators: a date in another year, see g_date_time_format() */
  return g_date_time_format (then, C_("date other year", "%b %-d, %Y"));
}

/**
 * kefu_ui_format_date_time:
 *
 * Returns: (transfer full): @when as a local date and time, for a message header
 */
char *
kefu_ui_format_date_time (gint64 when)
{
  g_autoptr (GDateTime) then = NULL;

  if (when <= 0)
    return g_strdup ("");

  then = g_date_time_new_from_unix_local (when / G_USEC_PER_SEC);
  if (then == NULL)
    return g_strdup ("");

  /* Translators: a message's date and time, see g_date_time_format() */
  return g_date_time_format (then, C_("message time", "%b %-d, %Y %H:%M"));
}

/**
 * kefu_ui_format_ticket_number:
 *
 * Returns: (transfer full): "#123"
 */
char *
kefu_ui_format_ticket_number (gint64 number)
{
  g_autofree char *digits = g_strdup_printf ("%" PRId64, number);

  /* Translators: a ticket's number, as in "#123" */
  return g_strdup_printf (C_("ticket number", "#%s"), digits);
}

/**
 * kefu_ui_clip_text:
 *
 * A GtkLabel lays out all of its text at once, so a huge message body would
 * stall the main thread; this keeps the first @max_bytes on a character
 * boundary and says that the rest was left out.
 *
 * Returns: (transfer full): @text, or its beginning
 */
char *
kefu_ui_clip_text (const char *text,
                   gsize       max_bytes)
{
  const char *end;
  gsize len;

  if (text == NULL)
    return g_strdup ("");

  len = strlen (text);
  if (len <= max_bytes)
    return g_strdup (text);

  end = g_utf8_find_prev_char (text, text + max_bytes + 1);
  if (end == NULL)
    end = text;

  /* Translators: after the beginning of a very long message */
  return g_strdup_printf ("%.*s\n\n%s", (int) (end - text), text, _("[The rest of this message is too long to show here.]"));
}
