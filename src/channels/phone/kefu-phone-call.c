/* kefu-phone-call.c: one phone call, incoming or outgoing, and its state machine.
 *
 * Every media decision is taken on nua_i_state (where sofia hands over the
 * remote SDP); a re-INVITE on the call's own handle is hold or resume, never
 * a new call (PHONE.md §4.3). The call ends only once its audio has stopped,
 * so a voicemail recording is complete when "ended" is emitted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-phone-call-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/sip_tag.h>
#include <sofia-sip/soa_tag.h>
#include <sofia-sip/url.h>

#include "kefu-channel.h"
#include "kefu-phone-enums.h"
#include "kefu-phone-media.h"

struct _KefuPhoneCall
{
  GObject parent_instance;

  /* owned */
  KefuSipStack           *stack;
  nua_handle_t           *handle;
  KefuPhoneMedia         *media;
  KefuPhoneSdpResult     *negotiated;
  char                  **codecs;
  char                   *media_address;
  char                   *bind_address;
  char                   *audio_source;
  char                   *audio_sink;
  char                   *call_id;
  char                   *remote_uri;
  char                   *remote_number;
  char                   *remote_name;
  char                   *local_uri;
  char                   *reason;
  char                   *recording;
  GString                *dtmf;
  guint                   max_duration_id;

  guint                   latency;
  KefuPhoneCallDirection  direction;
  KefuPhoneCallState      state;
  KefuPhoneCallOutcome    outcome;
  gint64                  started_at;     /* wall clock, µs */
  gint64                  answered_at;
  gint64                  ended_at;
  gint64                  setup_started;  /* monotonic, µs */
  gint64                  setup_time;     /* INVITE to 200 OK, µs */
  gboolean                voicemail;
  gboolean                muted;
  gboolean                held;
  gboolean                remote_held;
  gboolean                ending;
};

G_DEFINE_FINAL_TYPE (KefuPhoneCall, kefu_phone_call, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DIRECTION,
  PROP_STATE,
  PROP_OUTCOME,
  PROP_REMOTE_NUMBER,
  PROP_REMOTE_NAME,
  PROP_MUTED,
  PROP_HELD,
  PROP_REMOTE_HELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  DTMF_RECEIVED,
  ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_state (KefuPhoneCall      *self,
           KefuPhoneCallState  state)
{
  if (self->state == state)
    return;

  g_debug ("Call %s: %s", self->call_id ? self->call_id : "?",
           kefu_enum_to_nick (KEFU_TYPE_PHONE_CALL_STATE, state));
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_outcome (KefuPhoneCall        *self,
             KefuPhoneCallOutcome  outcome)
{
  if (self->outcome != KEFU_PHONE_CALL_OUTCOME_NONE || outcome == KEFU_PHONE_CALL_OUTCOME_NONE)
    return;

  self->outcome = outcome;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
}

static void
on_media_dtmf (KefuPhoneMedia *media,
               char            digit,
               gpointer        user_data)
{
  KefuPhoneCall *self = user_data;

  if (self->dtmf->len < 256)
    g_string_append_c (self->dtmf, digit);
  g_signal_emit (self, signals[DTMF_RECEIVED], 0, digit);
}

static void
on_media_failed (KefuPhoneMedia *media,
                 const char     *message,
                 gpointer        user_data)
{
  KefuPhoneCall *self = user_data;

  g_free (self->reason);
  self->reason = g_strdup (message);
  kefu_phone_call_hangup (self);
}

static gboolean
create_media (KefuPhoneCall  *self,
              GError        **error)
{
  if (self->media != NULL)
    return TRUE;

  self->media = kefu_phone_media_new (self->bind_address, error);
  if (self->media == NULL)
    return FALSE;

  kefu_phone_media_set_audio (self->media, self->audio_source, self->audio_sink);
  kefu_phone_media_set_latency (self->media, self->latency);
  g_signal_connect_object (self->media, "dtmf", G_CALLBACK (on_media_dtmf), self, 0);
  g_signal_connect_object (self->media, "failed", G_CALLBACK (on_media_failed), self, 0);

  return TRUE;
}

static char *
clean_display_name (const char *display)
{
  g_autofree char *copy = NULL;

  if (display == NULL)
    return NULL;

  copy = g_strdup (display);
  g_strstrip (copy);
  if (copy[0] == '"' && strlen (copy) >= 2 && copy[strlen (copy) - 1] == '"')
    {
      copy[strlen (copy) - 1] = '\0';
      memmove (copy, copy + 1, strlen (copy));
      g_strstrip (copy);
    }
  if (*copy == '\0')
    return NULL;

  return g_steal_pointer (&copy);
}

static void
take_party (KefuPhoneCall       *self,
            const sip_addr_t    *remote,
            const sip_addr_t    *local)
{
  su_home_t home[1] = { SU_HOME_INIT (home) };

  if (remote != NULL)
    {
      char *uri = url_as_string (home, remote->a_url);

      g_free (self->remote_uri);
      self->remote_uri = g_strdup (uri);
      g_free (self->remote_number);
      self->remote_number = g_strdup (remote->a_url->url_user != NULL ? remote->a_url->url_user
                                                                      : remote->a_url->url_host);
      g_free (self->remote_name);
      self->remote_name = clean_display_name (remote->a_display);
    }
  if (local != NULL)
    {
      char *uri = url_as_string (home, local->a_url);

      g_free (self->local_uri);
      self->local_uri = g_strdup (uri);
    }

  su_home_deinit (home);
}

static void
init_common (KefuPhoneCall         *self,
             KefuSipStack          *stack,
             const KefuPhoneConfig *config,
             const char            *media_address)
{
  self->stack = g_object_ref (stack);
  self->codecs = g_strdupv (config->codecs);
  self->media_address = g_strdup (media_address);
  self->bind_address = g_strdup (config->bind_address);
  self->audio_source = g_strdup (config->audio_source);
  self->audio_sink = g_strdup (config->audio_sink);
  self->latency = config->jitter_latency;
  self->started_at = g_get_real_time ();
  self->setup_started = g_get_monotonic_time ();
}

/**
 * _kefu_phone_call_new_incoming:
 * @offer: (transfer full): the negotiated offer of the INVITE
 *
 * Takes over @nh, which the channel got with nua_i_invite.
 */
KefuPhoneCall *
_kefu_phone_call_new_incoming (KefuSipStack          *stack,
                               nua_handle_t          *nh,
                               const sip_t           *sip,
                               const KefuPhoneConfig *config,
                               const char            *media_address,
                               KefuPhoneSdpResult    *offer)
{
  KefuPhoneCall *self = g_object_new (KEFU_TYPE_PHONE_CALL, NULL);

  init_common (self, stack, config, media_address);
  self->direction = KEFU_PHONE_CALL_INCOMING;
  self->state = KEFU_PHONE_CALL_STATE_RINGING;
  self->handle = nh;
  nua_handle_bind (nh, (nua_hmagic_t *) self);
  self->negotiated = offer;
  if (sip != NULL && sip->sip_call_id != NULL)
    self->call_id = g_strdup (sip->sip_call_id->i_id);
  if (sip != NULL)
    take_party (self, sip->sip_from, sip->sip_to);

  nua_respond (nh, SIP_180_RINGING, TAG_END ());

  return self;
}

/**
 * _kefu_phone_call_new_outgoing:
 * @target_uri: "sip:100@pbx.example"
 *
 * Returns: (transfer full): the call, dialing, or %NULL with @error set
 */
KefuPhoneCall *
_kefu_phone_call_new_outgoing (KefuSipStack          *stack,
                               const char            *target_uri,
                               const KefuPhoneConfig *config,
                               const char            *media_address,
                               GError               **error)
{
  g_autoptr (KefuPhoneCall) self = g_object_new (KEFU_TYPE_PHONE_CALL, NULL);
  g_autofree char *offer = NULL;

  init_common (self, stack, config, media_address);
  self->direction = KEFU_PHONE_CALL_OUTGOING;
  self->state = KEFU_PHONE_CALL_STATE_DIALING;
  self->remote_uri = g_strdup (target_uri);

  if (!create_media (self, error))
    return NULL;

  offer = kefu_phone_sdp_build_offer (self->media_address,
                                      kefu_phone_media_get_rtp_port (self->media),
                                      (const char * const *) self->codecs,
                                      KEFU_PHONE_SDP_SENDRECV);
  self->handle = nua_handle (kefu_sip_stack_get_nua (stack), (nua_hmagic_t *) self,
                             SIPTAG_TO_STR (target_uri), TAG_END ());
  if (self->handle == NULL)
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                   _("“%s” is not an address Kefu can call."), target_uri);
      return NULL;
    }
  nua_invite (self->handle,
              SOATAG_USER_SDP_STR (offer),
              SOATAG_RTP_SORT (SOA_RTP_SORT_REMOTE),
              SOATAG_RTP_SELECT (SOA_RTP_SELECT_ALL),
              TAG_END ());

  return g_steal_pointer (&self);
}

nua_handle_t *
_kefu_phone_call_get_handle (KefuPhoneCall *self)
{
  return self->handle;
}

static void
media_stopped_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (KefuPhoneCall) self = user_data;

  kefu_phone_media_stop_finish (KEFU_PHONE_MEDIA (object), result, NULL);
  g_clear_object (&self->media);
  g_signal_emit (self, signals[ENDED], 0);
}

/* The dialog is over: stop the audio, then say so. */
static void
end_call (KefuPhoneCall *self)
{
  if (self->state == KEFU_PHONE_CALL_STATE_ENDED)
    return;

  g_clear_handle_id (&self->max_duration_id, g_source_remove);
  self->ended_at = g_get_real_time ();
  if (self->answered_at != 0)
    set_outcome (self, self->voicemail ? KEFU_PHONE_CALL_OUTCOME_VOICEMAIL : KEFU_PHONE_CALL_OUTCOME_ANSWERED);
  else
    set_outcome (self, KEFU_PHONE_CALL_OUTCOME_MISSED);
  set_state (self, KEFU_PHONE_CALL_STATE_ENDED);

  if (self->handle != NULL)
    {
      nua_handle_bind (self->handle, NULL);
      g_clear_pointer (&self->handle, nua_handle_destroy);
    }

  if (self->media != NULL)
    kefu_phone_media_stop_async (self->media, media_stopped_cb, g_object_ref (self));
  else
    g_signal_emit (self, signals[ENDED], 0);
}

static void
apply_remote_sdp (KefuPhoneCall *self,
                  const char    *remote_sdp)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuPhoneSdpResult) result = NULL;
  gboolean remote_held;

  result = kefu_phone_sdp_negotiate (remote_sdp, (const char * const *) self->codecs, &error);
  if (result == NULL)
    {
      g_debug ("Unusable SDP in call %s: %s", self->call_id, error->message);
      g_free (self->reason);
      self->reason = g_strdup (error->message);
      set_outcome (self, KEFU_PHONE_CALL_OUTCOME_FAILED);
      kefu_phone_call_hangup (self);
      return;
    }

  remote_held = result->mode == KEFU_PHONE_SDP_SENDONLY || result->mode == KEFU_PHONE_SDP_INACTIVE;

  if (self->media != NULL && kefu_phone_media_is_running (self->media))
    kefu_phone_media_update_remote (self->media, result);
  else if (self->media != NULL && self->state != KEFU_PHONE_CALL_STATE_ENDED)
    {
      if (!kefu_phone_media_start (self->media, result, &error))
        {
          g_free (self->reason);
          self->reason = g_strdup (error->message);
          set_outcome (self, KEFU_PHONE_CALL_OUTCOME_FAILED);
          kefu_phone_call_hangup (self);
          return;
        }
    }

  if (remote_held != self->remote_held)
    {
      self->remote_held = remote_held;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_HELD]);
    }
  if (self->media != NULL)
    kefu_phone_media_set_sending (self->media, !self->remote_held && !self->held);

  kefu_phone_sdp_result_free (self->negotiated);
  self->negotiated = g_steal_pointer (&result);
}

static void
handle_state (KefuPhoneCall *self,
              int            status,
              tagi_t         tags[])
{
  int callstate = nua_callstate_init;
  const char *remote_sdp = NULL;

  tl_gets (tags,
           NUTAG_CALLSTATE_REF (callstate),
           SOATAG_REMOTE_SDP_STR_REF (remote_sdp),
           TAG_END ());

  g_debug ("Call %s: nua state %s (%d)", self->call_id ? self->call_id : "?",
           nua_callstate_name (callstate), status);

  switch (callstate)
    {
    case nua_callstate_proceeding:
      if (status == 180 || status == 183)
        set_state (self, KEFU_PHONE_CALL_STATE_ALERTING);
      break;

    case nua_callstate_ready:
      if (remote_sdp != NULL)
        apply_remote_sdp (self, remote_sdp);
      if (self->state == KEFU_PHONE_CALL_STATE_ENDED)
        break;
      if (self->answered_at == 0)
        {
          self->answered_at = g_get_real_time ();
          if (self->setup_time == 0)
            self->setup_time = g_get_monotonic_time () - self->setup_started;
        }
      set_state (self, self->held || self->remote_held ? KEFU_PHONE_CALL_STATE_HELD
                                                       : KEFU_PHONE_CALL_STATE_ACTIVE);
      break;

    case nua_callstate_terminated:
      end_call (self);
      break;

    case nua_callstate_init:
    case nua_callstate_authenticating:
    case nua_callstate_calling:
    case nua_callstate_completing:
    case nua_callstate_received:
    case nua_callstate_early:
    case nua_callstate_completed:
    case nua_callstate_terminating:
    default:
      if (remote_sdp != NULL && self->media != NULL && kefu_phone_media_is_running (self->media))
        apply_remote_sdp (self, remote_sdp);
      break;
    }
}

static KefuPhoneCallOutcome
outcome_for_status (int status)
{
  switch (status)
    {
    case 486:
    case 600:
      return KEFU_PHONE_CALL_OUTCOME_BUSY;
    case 603:
      return KEFU_PHONE_CALL_OUTCOME_DECLINED;
    case 408:
    case 480:
    case 487:
      return KEFU_PHONE_CALL_OUTCOME_MISSED;
    default:
      return KEFU_PHONE_CALL_OUTCOME_FAILED;
    }
}

void
_kefu_phone_call_handle_event (KefuPhoneCall *self,
                               nua_event_t    event,
                               int            status,
                               const char    *phrase,
                               const sip_t   *sip,
                               tagi_t         tags[])
{
  if (event == nua_r_invite)
    {
      if (sip != NULL && sip->sip_call_id != NULL && self->call_id == NULL)
        self->call_id = g_strdup (sip->sip_call_id->i_id);
      if (self->direction == KEFU_PHONE_CALL_OUTGOING && self->remote_number == NULL && sip != NULL)
        take_party (self, sip->sip_to, sip->sip_from);
      if (status >= 200 && status < 300 && self->setup_time == 0)
        self->setup_time = g_get_monotonic_time () - self->setup_started;
      if (status >= 300 && self->answered_at == 0)
        {
          g_free (self->reason);
          self->reason = g_strdup_printf ("%d %s", status, phrase);
          set_outcome (self, outcome_for_status (status));
        }
    }
  else if (event == nua_i_state)
    handle_state (self, status, tags);
  /* BYE, CANCEL and re-INVITEs are answered by nua; the nua_i_state that
   * follows them says what changed. */
}

static gboolean
respond_with_media (KefuPhoneCall  *self,
                    GError        **error)
{
  g_autofree char *answer = NULL;

  if (!create_media (self, error))
    return FALSE;

  answer = kefu_phone_sdp_build_answer (self->media_address,
                                        kefu_phone_media_get_rtp_port (self->media),
                                        self->negotiated, KEFU_PHONE_SDP_SENDRECV);
  if (!kefu_phone_media_start (self->media, self->negotiated, error))
    return FALSE;

  self->setup_time = g_get_monotonic_time () - self->setup_started;
  nua_respond (self->handle, SIP_200_OK,
               SOATAG_USER_SDP_STR (answer),
               SOATAG_RTP_SELECT (SOA_RTP_SELECT_COMMON),
               TAG_END ());

  return TRUE;
}

/**
 * kefu_phone_call_answer:
 *
 * Picks up a ringing incoming call; audio flows at once.
 */
gboolean
kefu_phone_call_answer (KefuPhoneCall  *self,
                        GError        **error)
{
  g_return_val_if_fail (KEFU_IS_PHONE_CALL (self), FALSE);

  if (self->state != KEFU_PHONE_CALL_STATE_RINGING || self->handle == NULL)
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                           _("This call is no longer ringing."));
      return FALSE;
    }

  if (!respond_with_media (self, error))
    {
      _kefu_phone_call_reject (self, SIP_500_INTERNAL_SERVER_ERROR, KEFU_PHONE_CALL_OUTCOME_FAILED);
      return FALSE;
    }

  return TRUE;
}

static gboolean
on_max_duration (gpointer user_data)
{
  KefuPhoneCall *self = user_data;

  self->max_duration_id = 0;
  kefu_phone_call_hangup (self);

  return G_SOURCE_REMOVE;
}

/* Answers a ringing call with @greeting_wav played and the caller recorded. */
gboolean
_kefu_phone_call_answer_voicemail (KefuPhoneCall  *self,
                                   const char     *greeting_wav,
                                   const char     *record_path,
                                   guint           max_seconds,
                                   GError        **error)
{
  g_autofree char *source = NULL;

  if (self->state != KEFU_PHONE_CALL_STATE_RINGING || self->handle == NULL)
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                           _("This call is no longer ringing."));
      return FALSE;
    }

  if (!create_media (self, error))
    return FALSE;

  if (greeting_wav != NULL)
    {
      g_autofree char *quoted = g_strescape (greeting_wav, NULL);

      source = g_strdup_printf ("filesrc location=\"%s\" ! wavparse ! audioconvert ! audioresample ! identity sync=true",
                                quoted);
    }
  else
    source = g_strdup ("audiotestsrc is-live=true wave=silence");
  kefu_phone_media_set_audio (self->media, source, "fakesink sync=false async=false");
  kefu_phone_media_set_record_path (self->media, record_path);
  self->voicemail = TRUE;
  g_free (self->recording);
  self->recording = g_strdup (record_path);

  if (!respond_with_media (self, error))
    {
      _kefu_phone_call_reject (self, SIP_500_INTERNAL_SERVER_ERROR, KEFU_PHONE_CALL_OUTCOME_FAILED);
      return FALSE;
    }

  if (max_seconds > 0)
    self->max_duration_id = g_timeout_add_seconds (max_seconds, on_max_duration, self);

  return TRUE;
}

/* Final answer to a ringing call: 480 (no answer), 486 (busy), 603 (declined)… */
void
_kefu_phone_call_reject (KefuPhoneCall        *self,
                         int                   status,
                         const char           *phrase,
                         KefuPhoneCallOutcome  outcome)
{
  if (self->state != KEFU_PHONE_CALL_STATE_RINGING || self->handle == NULL)
    return;

  set_outcome (self, outcome);
  nua_respond (self->handle, status, phrase, TAG_END ());
}

void
kefu_phone_call_decline (KefuPhoneCall *self)
{
  g_return_if_fail (KEFU_IS_PHONE_CALL (self));

  _kefu_phone_call_reject (self, SIP_603_DECLINE, KEFU_PHONE_CALL_OUTCOME_DECLINED);
}

/* Ends the call whatever its state: CANCEL, BYE or a decline. */
void
kefu_phone_call_hangup (KefuPhoneCall *self)
{
  g_return_if_fail (KEFU_IS_PHONE_CALL (self));

  if (self->handle == NULL || self->state == KEFU_PHONE_CALL_STATE_ENDED || self->ending)
    return;

  self->ending = TRUE;
  switch (self->state)
    {
    case KEFU_PHONE_CALL_STATE_RINGING:
      if (self->answered_at == 0 && self->setup_time == 0)
        {
          self->ending = FALSE;
          kefu_phone_call_decline (self);
          break;
        }
      nua_bye (self->handle, TAG_END ());
      break;
    case KEFU_PHONE_CALL_STATE_DIALING:
    case KEFU_PHONE_CALL_STATE_ALERTING:
      nua_cancel (self->handle, TAG_END ());
      break;
    case KEFU_PHONE_CALL_STATE_ACTIVE:
    case KEFU_PHONE_CALL_STATE_HELD:
      nua_bye (self->handle, TAG_END ());
      break;
    case KEFU_PHONE_CALL_STATE_ENDED:
    default:
      break;
    }
}

/**
 * kefu_phone_call_set_held:
 *
 * Puts the far end on hold (re-INVITE with a=sendonly) or resumes it.
 */
gboolean
kefu_phone_call_set_held (KefuPhoneCall  *self,
                          gboolean        held,
                          GError        **error)
{
  g_autofree char *sdp = NULL;

  g_return_val_if_fail (KEFU_IS_PHONE_CALL (self), FALSE);

  if (self->media == NULL || self->negotiated == NULL || self->handle == NULL ||
      (self->state != KEFU_PHONE_CALL_STATE_ACTIVE && self->state != KEFU_PHONE_CALL_STATE_HELD))
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                           _("Only a call in progress can be put on hold."));
      return FALSE;
    }
  if (self->held == !!held)
    return TRUE;

  self->held = !!held;
  sdp = kefu_phone_sdp_build_answer (self->media_address, kefu_phone_media_get_rtp_port (self->media),
                                     self->negotiated,
                                     held ? KEFU_PHONE_SDP_SENDONLY : KEFU_PHONE_SDP_SENDRECV);
  kefu_phone_media_set_sending (self->media, !held && !self->remote_held);
  nua_invite (self->handle, SOATAG_USER_SDP_STR (sdp), TAG_END ());
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HELD]);

  return TRUE;
}

void
kefu_phone_call_set_muted (KefuPhoneCall *self,
                           gboolean       muted)
{
  g_return_if_fail (KEFU_IS_PHONE_CALL (self));

  if (self->muted == !!muted)
    return;

  self->muted = !!muted;
  if (self->media != NULL)
    kefu_phone_media_set_muted (self->media, self->muted);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
}

/**
 * kefu_phone_call_send_dtmf:
 * @digits: keys to send as RFC 4733 events: 0-9, *, #, A-D
 */
gboolean
kefu_phone_call_send_dtmf (KefuPhoneCall  *self,
                           const char     *digits,
                           GError        **error)
{
  g_return_val_if_fail (KEFU_IS_PHONE_CALL (self), FALSE);

  if (self->media == NULL || self->state != KEFU_PHONE_CALL_STATE_ACTIVE ||
      self->negotiated == NULL || self->negotiated->dtmf_pt == 0)
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                           _("Keypad tones can only be sent in a call whose far end accepts them."));
      return FALSE;
    }

  for (const char *p = digits; *p != '\0'; p++)
    if (!kefu_phone_media_send_dtmf (self->media, *p))
      {
        g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                     _("“%c” is not a keypad key."), *p);
        return FALSE;
      }

  return TRUE;
}

KefuPhoneCallDirection
kefu_phone_call_get_direction (KefuPhoneCall *self)
{
  return self->direction;
}

KefuPhoneCallState
kefu_phone_call_get_state (KefuPhoneCall *self)
{
  return self->state;
}

/* Whether the call has been answered or is over: no longer ringing or dialling. */
gboolean
kefu_phone_call_is_settled (KefuPhoneCall *self)
{
  KefuPhoneCallState state = kefu_phone_call_get_state (self);

  return state == KEFU_PHONE_CALL_STATE_ACTIVE || state == KEFU_PHONE_CALL_STATE_ENDED;
}

KefuPhoneCallOutcome
kefu_phone_call_get_outcome (KefuPhoneCall *self)
{
  return self->outcome;
}

const char *
kefu_phone_call_get_call_id (KefuPhoneCall *self)
{
  return self->call_id;
}

const char *
kefu_phone_call_get_remote_uri (KefuPhoneCall *self)
{
  return self->remote_uri;
}

const char *
kefu_phone_call_get_remote_number (KefuPhoneCall *self)
{
  return self->remote_number;
}

const char *
kefu_phone_call_get_remote_name (KefuPhoneCall *self)
{
  return self->remote_name;
}

const char *
kefu_phone_call_get_local_uri (KefuPhoneCall *self)
{
  return self->local_uri;
}

const char *
kefu_phone_call_get_codec (KefuPhoneCall *self)
{
  return self->negotiated != NULL ? self->negotiated->codec->name : NULL;
}

/* Every key the far end pressed during the call, in order. */
const char *
kefu_phone_call_get_dtmf_received (KefuPhoneCall *self)
{
  return self->dtmf->str;
}

/* Why a call failed or was refused, for a person; or NULL. */
const char *
kefu_phone_call_get_reason (KefuPhoneCall *self)
{
  return self->reason;
}

/* The voicemail's Ogg/Opus file while the call is logged, or NULL. */
const char *
kefu_phone_call_get_recording (KefuPhoneCall *self)
{
  return self->recording;
}

gint64
kefu_phone_call_get_started_at (KefuPhoneCall *self)
{
  return self->started_at;
}

gint64
kefu_phone_call_get_answered_at (KefuPhoneCall *self)
{
  return self->answered_at;
}

gint64
kefu_phone_call_get_ended_at (KefuPhoneCall *self)
{
  return self->ended_at;
}

/* Microseconds from INVITE to 200 OK (sent or received), 0 if never answered. */
gint64
kefu_phone_call_get_setup_time (KefuPhoneCall *self)
{
  return self->setup_time;
}

/* µs of delay the call's audio pipeline adds, -1 when no audio runs. */
gint64
kefu_phone_call_get_media_latency (KefuPhoneCall *self)
{
  return self->media != NULL ? kefu_phone_media_query_latency (self->media) : -1;
}

gboolean
kefu_phone_call_get_muted (KefuPhoneCall *self)
{
  return self->muted;
}

gboolean
kefu_phone_call_get_held (KefuPhoneCall *self)
{
  return self->held;
}

gboolean
kefu_phone_call_get_remote_held (KefuPhoneCall *self)
{
  return self->remote_held;
}

static void
kefu_phone_call_dispose (GObject *object)
{
  KefuPhoneCall *self = (KefuPhoneCall *) object;

  g_clear_handle_id (&self->max_duration_id, g_source_remove);
  if (self->handle != NULL)
    {
      nua_handle_bind (self->handle, NULL);
      g_clear_pointer (&self->handle, nua_handle_destroy);
    }
  g_clear_object (&self->media);
  g_clear_object (&self->stack);

  G_OBJECT_CLASS (kefu_phone_call_parent_class)->dispose (object);
}

static void
kefu_phone_call_finalize (GObject *object)
{
  KefuPhoneCall *self = (KefuPhoneCall *) object;

  kefu_phone_sdp_result_free (self->negotiated);
  g_strfreev (self->codecs);
  g_free (self->media_address);
  g_free (self->bind_address);
  g_free (self->audio_source);
  g_free (self->audio_sink);
  g_free (self->call_id);
  g_free (self->remote_uri);
  g_free (self->remote_number);
  g_free (self->remote_name);
  g_free (self->local_uri);
  g_free (self->reason);
  g_free (self->recording);
  g_string_free (self->dtmf, TRUE);

  G_OBJECT_CLASS (kefu_phone_call_parent_class)->finalize (object);
}

static void
kefu_phone_call_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KefuPhoneCall *self = KEFU_PHONE_CALL (object);

  switch (prop_id)
    {
    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;
    case PROP_REMOTE_NUMBER:
      g_value_set_string (value, self->remote_number);
      break;
    case PROP_REMOTE_NAME:
      g_value_set_string (value, self->remote_name);
      break;
    case PROP_MUTED:
      g_value_set_boolean (value, self->muted);
      break;
    case PROP_HELD:
      g_value_set_boolean (value, self->held);
      break;
    case PROP_REMOTE_HELD:
      g_value_set_boolean (value, self->remote_held);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_phone_call_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KefuPhoneCall *self = KEFU_PHONE_CALL (object);

  switch (prop_id)
    {
    case PROP_MUTED:
      kefu_phone_call_set_muted (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_phone_call_class_init (KefuPhoneCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_phone_call_dispose;
  object_class->finalize = kefu_phone_call_finalize;
  object_class->get_property = kefu_phone_call_get_property;
  object_class->set_property = kefu_phone_call_set_property;

  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL, KEFU_TYPE_PHONE_CALL_DIRECTION,
                       KEFU_PHONE_CALL_INCOMING, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, KEFU_TYPE_PHONE_CALL_STATE,
                       KEFU_PHONE_CALL_STATE_RINGING, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTCOME] =
    g_param_spec_enum ("outcome", NULL, NULL, KEFU_TYPE_PHONE_CALL_OUTCOME,
                       KEFU_PHONE_CALL_OUTCOME_NONE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOTE_NUMBER] =
    g_param_spec_string ("remote-number", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOTE_NAME] =
    g_param_spec_string ("remote-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MUTED] =
    g_param_spec_boolean ("muted", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HELD] =
    g_param_spec_boolean ("held", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOTE_HELD] =
    g_param_spec_boolean ("remote-held", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KefuPhoneCall::dtmf-received:
   * @digit: the key the far end pressed
   */
  signals[DTMF_RECEIVED] = g_signal_new ("dtmf-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_CHAR);
  /* The call is over and its audio stopped; "outcome" says how it went. */
  signals[ENDED] = g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kefu_phone_call_init (KefuPhoneCall *self)
{
  self->dtmf = g_string_new (NULL);
}
