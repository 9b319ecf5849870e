/* kefu-phone-call.h: one phone call, incoming or outgoing, and its state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  KEFU_PHONE_CALL_INCOMING,
  KEFU_PHONE_CALL_OUTGOING,
} KefuPhoneCallDirection;

typedef enum
{
  KEFU_PHONE_CALL_STATE_RINGING,     /* incoming, waiting for an answer */
  KEFU_PHONE_CALL_STATE_DIALING,     /* outgoing, no answer yet */
  KEFU_PHONE_CALL_STATE_ALERTING,    /* outgoing, the far end rings */
  KEFU_PHONE_CALL_STATE_ACTIVE,
  KEFU_PHONE_CALL_STATE_HELD,        /* by us or by the far end */
  KEFU_PHONE_CALL_STATE_ENDED,
} KefuPhoneCallState;

typedef enum
{
  KEFU_PHONE_CALL_OUTCOME_NONE,      /* not ended yet */
  KEFU_PHONE_CALL_OUTCOME_ANSWERED,
  KEFU_PHONE_CALL_OUTCOME_MISSED,
  KEFU_PHONE_CALL_OUTCOME_DECLINED,
  KEFU_PHONE_CALL_OUTCOME_VOICEMAIL,
  KEFU_PHONE_CALL_OUTCOME_BUSY,
  KEFU_PHONE_CALL_OUTCOME_FAILED,
} KefuPhoneCallOutcome;

#define KEFU_TYPE_PHONE_CALL (kefu_phone_call_get_type ())
G_DECLARE_FINAL_TYPE (KefuPhoneCall, kefu_phone_call, KEFU, PHONE_CALL, GObject)

KefuPhoneCallDirection kefu_phone_call_get_direction     (KefuPhoneCall  *self);
KefuPhoneCallState     kefu_phone_call_get_state         (KefuPhoneCall  *self);
gboolean               kefu_phone_call_is_settled        (KefuPhoneCall  *self);
KefuPhoneCallOutcome   kefu_phone_call_get_outcome       (KefuPhoneCall  *self);
const char            *kefu_phone_call_get_call_id       (KefuPhoneCall  *self);
const char            *kefu_phone_call_get_remote_uri    (KefuPhoneCall  *self);
const char            *kefu_phone_call_get_remote_number (KefuPhoneCall  *self);
const char            *kefu_phone_call_get_remote_name   (KefuPhoneCall  *self);
const char            *kefu_phone_call_get_local_uri     (KefuPhoneCall  *self);
const char            *kefu_phone_call_get_codec         (KefuPhoneCall  *self);
const char            *kefu_phone_call_get_dtmf_received (KefuPhoneCall  *self);
const char            *kefu_phone_call_get_reason        (KefuPhoneCall  *self);
const char            *kefu_phone_call_get_recording     (KefuPhoneCall  *self);
gint64                 kefu_phone_call_get_started_at    (KefuPhoneCall  *self);
gint64                 kefu_phone_call_get_answered_at   (KefuPhoneCall  *self);
gint64                 kefu_phone_call_get_ended_at      (KefuPhoneCall  *self);
gint64                 kefu_phone_call_get_setup_time    (KefuPhoneCall  *self);
gint64                 kefu_phone_call_get_media_latency (KefuPhoneCall  *self);
gboolean               kefu_phone_call_get_muted         (KefuPhoneCall  *self);
gboolean               kefu_phone_call_get_held          (KefuPhoneCall  *self);
gboolean               kefu_phone_call_get_remote_held   (KefuPhoneCall  *self);

gboolean               kefu_phone_call_answer            (KefuPhoneCall  *self,
                                                          GError        **error);
void                   kefu_phone_call_decline           (KefuPhoneCall  *self);
void                   kefu_phone_call_hangup            (KefuPhoneCall  *self);
gboolean               kefu_phone_call_set_held          (KefuPhoneCall  *self,
                                                          gboolean        held,
                                                          GError        **error);
void                   kefu_phone_call_set_muted         (KefuPhoneCall  *self,
                                                          gboolean        muted);
gboolean               kefu_phone_call_send_dtmf         (KefuPhoneCall  *self,
                                                          const char     *digits,
                                                          GError        **error);

G_END_DECLS
