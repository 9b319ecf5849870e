/* kefu-phone-call-log.c: a finished call as a message for the router.
 *
 * Every call, whatever its outcome, becomes one message in the customer's
 * ticket: direction, both numbers, start, duration and outcome in words. The
 * SIP Call-ID is the external id, so a call is never stored twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-phone-call-log.h"

#include <glib/gi18n-lib.h>

char *
kefu_phone_call_log_format_duration (gint64 microseconds)
{
  gint64 seconds = MAX (microseconds, 0) / G_USEC_PER_SEC;

  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int) (seconds / 60 % 60), (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static const char *
outcome_text (KefuPhoneCallOutcome outcome)
{
  switch (outcome)
    {
    case KEFU_PHONE_CALL_OUTCOME_ANSWERED:
      return C_("call outcome", "answered");
    case KEFU_PHONE_CALL_OUTCOME_MISSED:
      return C_("call outcome", "missed — call back");
    case KEFU_PHONE_CALL_OUTCOME_DECLINED:
      return C_("call outcome", "declined");
    case KEFU_PHONE_CALL_OUTCOME_VOICEMAIL:
      return C_("call outcome", "voicemail");
    case KEFU_PHONE_CALL_OUTCOME_BUSY:
      return C_("call outcome", "busy");
    case KEFU_PHONE_CALL_OUTCOME_FAILED:
      return C_("call outcome", "failed");
    case KEFU_PHONE_CALL_OUTCOME_NONE:
    default:
      return C_("call outcome", "unknown");
    }
}

static char *
subject_for (KefuPhoneCall *call,
             const char    *who)
{
  if (kefu_phone_call_get_direction (call) == KEFU_PHONE_CALL_OUTGOING)
    return g_strdup_printf (_("Call to %s"), who);

  switch (kefu_phone_call_get_outcome (call))
    {
    case KEFU_PHONE_CALL_OUTCOME_VOICEMAIL:
      return g_strdup_printf (_("Voicemail from %s"), who);
    case KEFU_PHONE_CALL_OUTCOME_MISSED:
      return g_strdup_printf (_("Missed call from %s"), who);
    case KEFU_PHONE_CALL_OUTCOME_ANSWERED:
    case KEFU_PHONE_CALL_OUTCOME_DECLINED:
    case KEFU_PHONE_CALL_OUTCOME_BUSY:
    case KEFU_PHONE_CALL_OUTCOME_FAILED:
    case KEFU_PHONE_CALL_OUTCOME_NONE:
    default:
      return g_strdup_printf (_("Call from %s"), who);
    }
}

/**
 * kefu_phone_call_log_build:
 * @recording: (nullable): the voicemail as Ogg/Opus
 *
 * Returns: (transfer full): the inbound message describing @call
 */
KefuInbound *
kefu_phone_call_log_build (KefuPhoneCall *call,
                           gint64         account_id,
                           GBytes        *recording)
{
  const char *number = kefu_phone_call_get_remote_number (call);
  const char *name = kefu_phone_call_get_remote_name (call);
  const char *who = name != NULL ? name : number;
  gint64 answered = kefu_phone_call_get_answered_at (call);
  gint64 ended = kefu_phone_call_get_ended_at (call);
  g_autoptr (GDateTime) start = g_date_time_new_from_unix_utc (kefu_phone_call_get_started_at (call) / G_USEC_PER_SEC);
  g_autofree char *start_text = g_date_time_format (start, "%Y-%m-%d %H:%M:%S UTC");
  g_autofree char *duration = kefu_phone_call_log_format_duration (answered != 0 ? ended - answered : 0);
  g_autoptr (GString) text = g_string_new (NULL);
  KefuInbound *inbound;

  if (kefu_phone_call_get_direction (call) == KEFU_PHONE_CALL_OUTGOING)
    g_string_append_printf (text, _("Outgoing call to %s"), number);
  else
    g_string_append_printf (text, _("Incoming call from %s"), number);
  if (kefu_phone_call_get_local_uri (call) != NULL)
    g_string_append_printf (text, " (%s)", kefu_phone_call_get_local_uri (call));
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Started: %s"), start_text);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Duration: %s"), duration);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Outcome: %s"), outcome_text (kefu_phone_call_get_outcome (call)));
  g_string_append_c (text, '\n');
  if (kefu_phone_call_get_reason (call) != NULL &&
      kefu_phone_call_get_outcome (call) != KEFU_PHONE_CALL_OUTCOME_ANSWERED)
    {
      g_string_append_printf (text, _("Reason: %s"), kefu_phone_call_get_reason (call));
      g_string_append_c (text, '\n');
    }
  if (*kefu_phone_call_get_dtmf_received (call) != '\0')
    {
      g_string_append_printf (text, _("Keys pressed: %s"), kefu_phone_call_get_dtmf_received (call));
      g_string_append_c (text, '\n');
    }
  if (recording != NULL)
    {
      g_string_append (text, _("The caller’s message is attached."));
      g_string_append_c (text, '\n');
    }

  inbound = kefu_inbound_new (KEFU_CHANNEL_KIND_PHONE, KEFU_IDENTITY_KIND_PHONE, number);
  inbound->account_id = account_id;
  inbound->external_id = g_strdup (kefu_phone_call_get_call_id (call));
  inbound->sender_name = g_strdup (name);
  inbound->subject = subject_for (call, who);
  inbound->text = g_string_free (g_steal_pointer (&text), FALSE);
  inbound->received_at = kefu_phone_call_get_started_at (call);

  if (recording != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (start);
      g_autofree char *stamp = g_date_time_format (local, "%Y%m%d-%H%M%S");
      g_autofree char *filename = g_strdup_printf ("voicemail-%s.ogg", stamp);

      kefu_inbound_add_attachment (inbound, kefu_inbound_attachment_new (filename, "audio/ogg", recording));
    }

  return inbound;
}
