/* kefu-phone-channel.c: the phone channel: a SIP line whose calls become ticket messages.
 *
 * One sofia-sip user agent per account, registered to its registrar or, in
 * direct mode, listening for desk phones and PBXs that call it. Incoming
 * calls ring (signal "incoming-call") until answered, declined, or the ring
 * timeout sends them to voicemail; every call ends as a message in the
 * customer's ticket through the router.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-phone-channel.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/sip_tag.h>
#include <string.h>
#include <unistd.h>

#include "kefu-account-secret.h"
#include "kefu-account.h"
#include "kefu-phone-call-log.h"
#include "kefu-phone-call-private.h"
#include "kefu-phone-config.h"
#include "kefu-phone-enums.h"
#include "kefu-sip-registration.h"
#include "kefu-sip-stack.h"
#include "kefu-store-reports.h"

struct _KefuPhoneChannel
{
  GObject parent_instance;

  /* owned */
  KefuRouter          *router;
  KefuAccount         *account;
  KefuPhoneConfig     *config;
  KefuSipStack        *stack;
  KefuSipRegistration *registration;
  GListStore          *calls;
  GTask               *start_task;
  GCancellable        *cancellable;
  char                *media_address;
  KefuPhoneMenuFunc    menu_func;
  gpointer             menu_data;
  GDestroyNotify       menu_destroy;

  KefuChannelStatus    status;
};

static void kefu_phone_channel_iface_init (KefuChannelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KefuPhoneChannel, kefu_phone_channel, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KEFU_TYPE_CHANNEL, kefu_phone_channel_iface_init))

enum
{
  PROP_0,
  PROP_ROUTER,
  PROP_ACCOUNT,
  PROP_STATE,
  PROP_STATUS_MESSAGE,
  N_PROPS
};

enum
{
  INCOMING_CALL,
  CALL_LOGGED,
  CALL_REJECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_state (KefuPhoneChannel *self,
           KefuChannelState  state,
           const char       *message)
{
  kefu_channel_set_state (KEFU_CHANNEL (self), &self->status, state, message);
}

/* ---- call log ---------------------------------------------------------- */

typedef struct
{
  KefuPhoneChannel *channel;
  KefuPhoneCall    *call;
} LogData;

static void
log_data_free (LogData *data)
{
  g_clear_object (&data->channel);
  g_clear_object (&data->call);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LogData, log_data_free)

static void
remove_call (KefuPhoneChannel *self,
             KefuPhoneCall    *call)
{
  guint position;

  if (g_list_store_find (self->calls, call, &position))
    g_list_store_remove (self->calls, position);
}

/* reports (#7): what the Reports page counts of a call (missed calls,
 * call length), kept beside its message. */
static void
record_call_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!kefu_store_record_call_finish (KEFU_STORE (object), result, &error))
    g_debug ("Call record not kept: %s", error->message);
}

static void
record_call (KefuRouter    *router,
             KefuPhoneCall *call,
             gint64         message_id)
{
  KefuPhoneCallOutcome outcome = kefu_phone_call_get_outcome (call);
  g_autoptr (GEnumClass) outcomes = g_type_class_ref (KEFU_TYPE_PHONE_CALL_OUTCOME);
  GEnumValue *value = g_enum_get_value (outcomes, outcome);
  gboolean answered = outcome == KEFU_PHONE_CALL_OUTCOME_ANSWERED;

  kefu_store_record_call_async (kefu_router_get_store (router), message_id,
                                kefu_phone_call_get_direction (call) == KEFU_PHONE_CALL_INCOMING,
                                value != NULL ? value->value_nick : "",
                                kefu_phone_call_get_started_at (call),
                                answered ? kefu_phone_call_get_answered_at (call) : 0,
                                kefu_phone_call_get_ended_at (call),
                                NULL, record_call_cb, NULL);
}

static void
receive_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (LogData) data = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuDelivery) delivery = NULL;
  const char *recording = kefu_phone_call_get_recording (data->call);

  delivery = kefu_router_receive_finish (KEFU_ROUTER (object), result, &error);
  if (delivery == NULL)
    g_debug ("Call %s could not be stored: %s", kefu_phone_call_get_call_id (data->call), error->message);
  else if (delivery->message_id > 0)
    record_call (KEFU_ROUTER (object), data->call, delivery->message_id);

  if (recording != NULL)
    g_unlink (recording);

  g_signal_emit (data->channel, signals[CALL_LOGGED], 0, data->call,
                 delivery != NULL ? delivery->ticket_id : (gint64) 0);
  remove_call (data->channel, data->call);
}

static void
log_call (LogData *data,
          GBytes  *recording)
{
  g_autoptr (KefuInbound) inbound = NULL;

  if (kefu_phone_call_get_call_id (data->call) == NULL || kefu_phone_call_get_remote_number (data->call) == NULL)
    {
      g_signal_emit (data->channel, signals[CALL_LOGGED], 0, data->call, (gint64) 0);
      remove_call (data->channel, data->call);
      log_data_free (data);
      return;
    }

  inbound = kefu_phone_call_log_build (data->call, kefu_account_get_id (data->channel->account), recording);
  kefu_router_receive_async (data->channel->router, inbound, NULL, receive_cb, data);
}

static void
recording_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LogData *data = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    bytes = g_bytes_new_take (contents, length);
  else
    g_debug ("Voicemail recording unreadable: %s", error->message);

  log_call (data, bytes != NULL && length > 0 ? bytes : NULL);
}

static void
on_call_ended (KefuPhoneCall *call,
               gpointer       user_data)
{
  KefuPhoneChannel *self = user_data;
  LogData *data = g_new0 (LogData, 1);
  const char *recording = kefu_phone_call_get_recording (call);

  data->channel = g_object_ref (self);
  data->call = g_object_ref (call);

  if (recording != NULL && g_file_test (recording, G_FILE_TEST_EXISTS))
    {
      g_autoptr (GFile) file = g_file_new_for_path (recording);

      g_file_load_contents_async (file, NULL, recording_loaded_cb, data);
      return;
    }

  log_call (data, NULL);
}

/* ---- voicemail --------------------------------------------------------- */

typedef struct
{
  KefuPhoneChannel *channel;
  KefuPhoneCall    *call;
  char             *greeting;
} VoicemailData;

static void
voicemail_data_free (VoicemailData *data)
{
  g_clear_object (&data->channel);
  g_clear_object (&data->call);
  if (data->greeting != NULL)
    g_unlink (data->greeting);
  g_free (data->greeting);
  g_free (data);
}

static void
start_voicemail (VoicemailData *data,
                 const char    *greeting)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *record = NULL;
  int fd;

  fd = g_file_open_tmp ("kefu-voicemail-XXXXXX.ogg", &record, &error);
  if (fd < 0)
    {
      g_debug ("No room for a voicemail: %s", error->message);
      _kefu_phone_call_reject (data->call, SIP_480_TEMPORARILY_UNAVAILABLE, KEFU_PHONE_CALL_OUTCOME_MISSED);
      return;
    }
  close (fd);

  if (!_kefu_phone_call_answer_voicemail (data->call, greeting, record,
                                          data->channel->config->voicemail_max_seconds, &error))
    {
      g_debug ("Voicemail failed: %s", error->message);
      g_unlink (record);
    }
}

static void
espeak_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VoicemailData *data = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error))
    {
      g_debug ("espeak-ng failed, voicemail without greeting: %s", error->message);
      g_clear_pointer (&data->greeting, g_free);
    }

  if (kefu_phone_call_get_state (data->call) == KEFU_PHONE_CALL_STATE_RINGING)
    start_voicemail (data, data->greeting);
  voicemail_data_free (data);
}

static void
go_to_voicemail (KefuPhoneChannel *self,
                 KefuPhoneCall    *call)
{
  const KefuPhoneConfig *config = self->config;
  VoicemailData *data = g_new0 (VoicemailData, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  const char *text;
  int fd;

  data->channel = g_object_ref (self);
  data->call = g_object_ref (call);

  if (config->voicemail_greeting_file != NULL)
    {
      start_voicemail (data, config->voicemail_greeting_file);
      voicemail_data_free (data);
      return;
    }

  text = config->voicemail_greeting != NULL
         ? config->voicemail_greeting
         : _("Sorry, nobody can take your call right now. Please leave a message after the tone.");
  fd = g_file_open_tmp ("kefu-greeting-XXXXXX.wav", &data->greeting, &error);
  if (fd >= 0)
    {
      close (fd);
      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                  &error, "espeak-ng", "-v", config->voicemail_language,
                                  "-w", data->greeting, "--", text, NULL);
    }
  if (process == NULL)
    {
      g_debug ("No spoken greeting (%s); voicemail starts silent", error->message);
      g_clear_pointer (&data->greeting, g_free);
      start_voicemail (data, NULL);
      voicemail_data_free (data);
      return;
    }

  g_subprocess_wait_check_async (process, NULL, espeak_cb, data);
}

static gboolean
on_ring_timeout (gpointer user_data)
{
  KefuPhoneCall *call = user_data;
  KefuPhoneChannel *self = g_object_get_data (G_OBJECT (call), "kefu-phone-channel");

  if (self == NULL || kefu_phone_call_get_state (call) != KEFU_PHONE_CALL_STATE_RINGING)
    return G_SOURCE_REMOVE;

  if (self->config->voicemail)
    go_to_voicemail (self, call);
  else
    _kefu_phone_call_reject (call, SIP_480_TEMPORARILY_UNAVAILABLE, KEFU_PHONE_CALL_OUTCOME_MISSED);

  return G_SOURCE_REMOVE;
}

static void
on_call_dtmf (KefuPhoneCall *call,
              char           digit,
              gpointer       user_data)
{
  KefuPhoneChannel *self = user_data;
  g_autofree char *text = NULL;

  if (self->menu_func == NULL || kefu_phone_call_get_recording (call) == NULL)
    return;

  text = self->menu_func (call, digit, self->menu_data);
  g_debug ("Voice menu %c: %s", digit, text ? text : "(nothing)");
}

/* ---- SIP events -------------------------------------------------------- */

static gboolean
has_live_call (KefuPhoneChannel *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->calls)); i++)
    {
      g_autoptr (KefuPhoneCall) call = g_list_model_get_item (G_LIST_MODEL (self->calls), i);

      if (kefu_phone_call_get_state (call) != KEFU_PHONE_CALL_STATE_ENDED)
        return TRUE;
    }

  return FALSE;
}

static void
track_call (KefuPhoneChannel *self,
            KefuPhoneCall    *call)
{
  g_object_set_data (G_OBJECT (call), "kefu-phone-channel", self);
  g_signal_connect_object (call, "ended", G_CALLBACK (on_call_ended), self, 0);
  g_signal_connect_object (call, "dtmf-received", G_CALLBACK (on_call_dtmf), self, 0);
  g_list_store_append (self->calls, call);
}

static void
reject_invite (KefuPhoneChannel *self,
               nua_handle_t     *nh,
               int               status,
               const char       *phrase,
               const char       *reason)
{
  g_autofree char *warning = g_strdup_printf ("399 kefu \"%s\"", reason);

  g_debug ("Rejecting INVITE: %d %s (%s)", status, phrase, reason);
  nua_respond (nh, status, phrase, SIPTAG_WARNING_STR (warning), TAG_END ());
  nua_handle_destroy (nh);
  g_signal_emit (self, signals[CALL_REJECTED], 0, status, reason);
}

static void
handle_invite (KefuPhoneChannel *self,
               nua_handle_t     *nh,
               const sip_t      *sip)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuPhoneSdpResult) offer = NULL;
  g_autofree char *sdp = NULL;
  g_autoptr (KefuPhoneCall) call = NULL;
  gboolean busy = has_live_call (self);

  if (sip == NULL || sip->sip_from == NULL || sip->sip_call_id == NULL)
    {
      reject_invite (self, nh, SIP_400_BAD_REQUEST, "missing From or Call-ID");
      return;
    }

  if (sip->sip_payload != NULL && sip->sip_payload->pl_data != NULL)
    sdp = g_strndup (sip->sip_payload->pl_data, MIN (sip->sip_payload->pl_len, 65536));
  offer = kefu_phone_sdp_negotiate (sdp, (const char * const *) self->config->codecs, &error);
  if (offer == NULL)
    {
      if (g_error_matches (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL))
        reject_invite (self, nh, SIP_400_BAD_REQUEST, error->message);
      else
        reject_invite (self, nh, SIP_488_NOT_ACCEPTABLE, error->message);
      return;
    }

  call = _kefu_phone_call_new_incoming (self->stack, nh, sip, self->config, self->media_address,
                                        g_steal_pointer (&offer));
  track_call (self, call);

  if (busy)
    {
      /* One call at a time, like a desk phone; the caller hears busy, the ticket says missed. */
      _kefu_phone_call_reject (call, SIP_486_BUSY_HERE, KEFU_PHONE_CALL_OUTCOME_MISSED);
      return;
    }

  g_signal_emit (self, signals[INCOMING_CALL], 0, call);
  if (kefu_phone_call_get_state (call) != KEFU_PHONE_CALL_STATE_RINGING)
    return;

  if (self->config->auto_answer)
    {
      if (!kefu_phone_call_answer (call, &error))
        g_debug ("Auto-answer failed: %s", error->message);
      return;
    }

  if (self->config->ring_timeout > 0)
    g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, self->config->ring_timeout, on_ring_timeout,
                                g_object_ref (call), g_object_unref);
}

static void
on_sip_event (nua_event_t   event,
              int           status,
              const char   *phrase,
              nua_handle_t *nh,
              const sip_t  *sip,
              tagi_t        tags[],
              gpointer      user_data)
{
  KefuPhoneChannel *self = user_data;
  KefuPhoneCall *call = nh != NULL ? (KefuPhoneCall *) nua_handle_magic (nh) : NULL;

  if (self->registration != NULL &&
      kefu_sip_registration_handle_event (self->registration, event, status, phrase, nh, sip))
    return;

  if (call != NULL)
    {
      /* A re-INVITE on a call's own handle is hold or resume, not a new call. */
      _kefu_phone_call_handle_event (call, event, status, phrase, sip, tags);
      return;
    }

  if (event == nua_i_invite)
    handle_invite (self, nh, sip);
  else
    g_debug ("SIP event %s %d %s", nua_event_name (event), status, phrase ? phrase : "");
}

/* ---- start and stop ---------------------------------------------------- */

/* "sip:pbx.example:5070;transport=udp" → "pbx.example:5070" */
static char *
registrar_hostport (const char *registrar)
{
  const char *start = strchr (registrar, ':') + 1;
  const char *end = start + strcspn (start, ";?>");

  return g_strndup (start, end - start);
}

static char *
registrar_host (const char *registrar)
{
  g_autofree char *hostport = registrar_hostport (registrar);
  char *colon;

  if (hostport[0] == '[')
    {
      char *close_bracket = strchr (hostport, ']');

      return close_bracket ? g_strndup (hostport + 1, close_bracket - hostport - 1) : g_strdup (hostport);
    }
  colon = strchr (hostport, ':');

  return colon != NULL ? g_strndup (hostport, colon - hostport) : g_strdup (hostport);
}

/* The address the far end can send audio to: the setting, the bound
 * address, or the one this machine would use to reach the registrar. */
static char *
find_media_address (const KefuPhoneConfig *config)
{
  g_autoptr (GInetAddress) bind = g_inet_address_new_from_string (config->bind_address);
  g_autofree char *host = NULL;
  g_autoptr (GInetAddress) target = NULL;
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GSocketAddress) remote = NULL;
  g_autoptr (GSocketAddress) local = NULL;

  if (config->media_address != NULL)
    return g_strdup (config->media_address);
  if (bind != NULL && !g_inet_address_get_is_any (bind))
    return g_strdup (config->bind_address);

  if (config->registrar != NULL)
    {
      host = registrar_host (config->registrar);
      target = g_inet_address_new_from_string (host);
    }
  if (target == NULL)
    return g_strdup ("127.0.0.1");

  /* Connecting a UDP socket sends nothing; it only picks the route. */
  socket = g_socket_new (g_inet_address_get_family (target), G_SOCKET_TYPE_DATAGRAM,
                         G_SOCKET_PROTOCOL_UDP, NULL);
  remote = g_inet_socket_address_new (target, 5060);
  if (socket == NULL || !g_socket_connect (socket, remote, NULL, NULL) ||
      (local = g_socket_get_local_address (socket, NULL)) == NULL)
    return g_strdup ("127.0.0.1");

  return g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
}

static char *
make_bind_url (const KefuPhoneConfig *config)
{
  g_autofree char *port = config->bind_port > 0 ? g_strdup_printf ("%u", config->bind_port) : g_strdup ("*");
  gboolean v6 = strchr (config->bind_address, ':') != NULL;
  const char *host = g_str_equal (config->bind_address, "0.0.0.0") ? "*" : config->bind_address;

  return g_strdup_printf ("sip:%s%s%s:%s%s", v6 ? "[" : "", host, v6 ? "]" : "", port,
                          config->transport == KEFU_SIP_TRANSPORT_TCP ? ";transport=tcp" : "");
}

static void
on_registration_changed (KefuSipRegistration *registration,
                         gpointer             user_data)
{
  KefuPhoneChannel *self = user_data;
  KefuChannelState state = kefu_sip_registration_get_state (registration);
  const char *message = kefu_sip_registration_get_status_message (registration);
  g_autoptr (GTask) task = NULL;

  set_state (self, state, message);

  if (self->start_task == NULL || state == KEFU_CHANNEL_STATE_CONNECTING)
    return;

  task = g_steal_pointer (&self->start_task);
  if (state == KEFU_CHANNEL_STATE_ONLINE)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, KEFU_CHANNEL_ERROR,
                             kefu_sip_registration_get_fatal (registration)
                             ? KEFU_CHANNEL_ERROR_AUTH_FAILED : KEFU_CHANNEL_ERROR_UNREACHABLE,
                             "%s", message);
}

static gboolean
start_stack (KefuPhoneChannel  *self,
             const char        *password,
             GError           **error)
{
  const KefuPhoneConfig *config = self->config;
  g_autofree char *bind_url = make_bind_url (config);
  g_autofree char *from = NULL;
  g_autofree char *user = NULL;
  g_autofree char *hostport = NULL;

  g_free (self->media_address);
  self->media_address = find_media_address (config);

  user = g_strdup (config->user != NULL ? config->user : "kefu");
  if (config->registrar != NULL)
    hostport = registrar_hostport (config->registrar);
  else if (config->bind_port > 0)
    hostport = g_strdup_printf ("%s:%u", self->media_address, config->bind_port);
  else
    hostport = g_strdup (self->media_address);

  if (config->display_name != NULL)
    {
      g_autofree char *quoted = g_strescape (config->display_name, NULL);

      from = g_strdup_printf ("\"%s\" <sip:%s@%s>", quoted, user, hostport);
    }
  else
    from = g_strdup_printf ("<sip:%s@%s>", user, hostport);

  self->stack = kefu_sip_stack_new (bind_url, from, config->outbound_proxy, on_sip_event, self, error);
  if (self->stack == NULL)
    return FALSE;

  if (kefu_phone_config_is_direct (config))
    {
      g_autofree char *message = g_strdup_printf (_("Taking calls directly at sip:%s@%s."), user, hostport);

      set_state (self, KEFU_CHANNEL_STATE_ONLINE, message);
      return TRUE;
    }

  {
    g_autofree char *aor = g_strdup_printf ("sip:%s@%s", user, hostport);

    self->registration = kefu_sip_registration_new (self->stack, config->registrar, aor, user,
                                                    kefu_phone_config_get_auth_user (config),
                                                    password, config->register_expires);
  }
  g_signal_connect_object (self->registration, "changed", G_CALLBACK (on_registration_changed), self, 0);
  kefu_sip_registration_start (self->registration);

  return TRUE;
}

static void
fail_start (KefuPhoneChannel *self,
            GError           *error)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->start_task);

  set_state (self, KEFU_CHANNEL_STATE_ERROR, error->message);
  if (task != NULL)
    g_task_return_error (task, error);
  else
    g_error_free (error);
}

static void
password_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (KefuPhoneChannel) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *password = kefu_account_secret_lookup_finish (result, &error);

  if (self->start_task == NULL)
    return;

  /* No password saved is fine: a line may need none. */
  if (error != NULL)
    {
      g_debug ("No keyring for the SIP password: %s", error->message);
      g_clear_error (&error);
    }

  if (!start_stack (self, password, &error))
    {
      fail_start (self, g_steal_pointer (&error));
      return;
    }
  if (self->status.state == KEFU_CHANNEL_STATE_ONLINE && self->registration == NULL)
    g_task_return_boolean (g_steal_pointer (&self->start_task), TRUE);
}

static void
kefu_phone_channel_start_async (KefuChannel         *channel,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  KefuPhoneChannel *self = KEFU_PHONE_CHANNEL (channel);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;

  g_task_set_source_tag (task, kefu_phone_channel_start_async);

  if (self->stack != NULL || self->start_task != NULL)
    {
      g_task_return_new_error (task, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                               _("The phone line is already started."));
      return;
    }

  gst_init (NULL, NULL);
  kefu_phone_config_free (self->config);
  self->config = kefu_phone_config_new_from_json (kefu_account_get_config (self->account), &error);
  if (self->config == NULL || !kefu_phone_config_validate (self->config, &error))
    {
      set_state (self, KEFU_CHANNEL_STATE_ERROR, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->config->audio_source == NULL)
    self->config->audio_source = g_strdup (g_getenv ("KEFU_PHONE_AUDIO_SRC"));
  if (self->config->audio_sink == NULL)
    self->config->audio_sink = g_strdup (g_getenv ("KEFU_PHONE_AUDIO_SINK"));

  set_state (self, KEFU_CHANNEL_STATE_CONNECTING, NULL);
  self->start_task = g_steal_pointer (&task);
  g_cancellable_reset (self->cancellable);

  if (kefu_phone_config_is_direct (self->config))
    {
      if (!start_stack (self, NULL, &error))
        fail_start (self, g_steal_pointer (&error));
      else
        g_task_return_boolean (g_steal_pointer (&self->start_task), TRUE);
      return;
    }

  kefu_account_secret_lookup_async (kefu_account_get_id (self->account), self->cancellable,
                                    password_cb, g_object_ref (self));
}

static gboolean
kefu_phone_channel_start_finish (KefuChannel   *channel,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, channel), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
shutdown_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  kefu_sip_stack_shutdown_finish (KEFU_SIP_STACK (object), result, NULL);
}

static void
kefu_phone_channel_stop (KefuChannel *channel)
{
  KefuPhoneChannel *self = KEFU_PHONE_CHANNEL (channel);
  g_autoptr (GTask) task = g_steal_pointer (&self->start_task);

  g_cancellable_cancel (self->cancellable);
  if (task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The phone line was stopped."));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->calls)); i++)
    {
      g_autoptr (KefuPhoneCall) call = g_list_model_get_item (G_LIST_MODEL (self->calls), i);

      kefu_phone_call_hangup (call);
    }

  if (self->registration != NULL)
    kefu_sip_registration_stop (self->registration);
  g_clear_object (&self->registration);
  if (self->stack != NULL)
    kefu_sip_stack_shutdown_async (self->stack, shutdown_cb, NULL);
  g_clear_object (&self->stack);

  set_state (self, KEFU_CHANNEL_STATE_OFFLINE, NULL);
}

static void
kefu_phone_channel_send_async (KefuChannel         *channel,
                               KefuMessage         *message,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (channel, cancellable, callback, user_data);

  g_task_set_source_tag (task, kefu_phone_channel_send_async);
  g_task_return_new_error (task, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                           _("A phone line cannot send written replies; call the customer instead."));
}

static gboolean
kefu_phone_channel_send_finish (KefuChannel   *channel,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- public ------------------------------------------------------------ */

/**
 * kefu_phone_channel_call:
 * @number_or_uri: "+86 138 0013 8000", "tel:+8613800138000" or "sip:100@pbx.example"
 *
 * Dials out. The call is logged in the customer's ticket when it ends.
 *
 * Returns: (transfer full): the call, dialing, or %NULL with @error set
 */
KefuPhoneCall *
kefu_phone_channel_call (KefuPhoneChannel  *self,
                         const char        *number_or_uri,
                         GError           **error)
{
  g_autofree char *target = NULL;
  g_autoptr (KefuPhoneCall) call = NULL;

  g_return_val_if_fail (KEFU_IS_PHONE_CHANNEL (self), NULL);
  g_return_val_if_fail (number_or_uri != NULL, NULL);

  if (self->stack == NULL || self->status.state != KEFU_CHANNEL_STATE_ONLINE)
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                           _("The phone line is not connected."));
      return NULL;
    }
  if (has_live_call (self))
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                           _("Finish the current call first."));
      return NULL;
    }

  if (g_str_has_prefix (number_or_uri, "sip:") || g_str_has_prefix (number_or_uri, "sips:"))
    target = g_strdup (number_or_uri);
  else
    {
      const char *number = g_str_has_prefix (number_or_uri, "tel:") ? number_or_uri + 4 : number_or_uri;
      g_autoptr (GString) digits = g_string_new (NULL);

      for (const char *p = number; *p != '\0'; p++)
        if (g_ascii_isdigit (*p) || (*p == '+' && digits->len == 0) || *p == '*' || *p == '#')
          g_string_append_c (digits, *p);

      if (digits->len == 0 || self->config->registrar == NULL)
        {
          g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                       self->config->registrar == NULL
                       ? _("Without a registrar, call a full SIP address such as sip:100@192.0.2.10, not “%s”.")
                       : _("“%s” is not a phone number."), number_or_uri);
          return NULL;
        }
      {
        g_autofree char *hostport = registrar_hostport (self->config->registrar);

        target = g_strdup_printf ("sip:%s@%s", digits->str, hostport);
      }
    }

  call = _kefu_phone_call_new_outgoing (self->stack, target, self->config, self->media_address, error);
  if (call == NULL)
    return NULL;

  track_call (self, call);

  return g_steal_pointer (&call);
}

/**
 * kefu_phone_channel_get_calls:
 *
 * Returns: (transfer none): the #KefuPhoneCall objects ringing, in progress,
 *   or ended but not yet logged
 */
GListModel *
kefu_phone_channel_get_calls (KefuPhoneChannel *self)
{
  g_return_val_if_fail (KEFU_IS_PHONE_CHANNEL (self), NULL);

  return G_LIST_MODEL (self->calls);
}

guint
kefu_phone_channel_get_sip_port (KefuPhoneChannel *self)
{
  g_return_val_if_fail (KEFU_IS_PHONE_CHANNEL (self), 0);

  return self->config != NULL ? self->config->bind_port : 0;
}

/* How often the registrar accepted this line, refreshes included. */
guint
kefu_phone_channel_get_registrations (KefuPhoneChannel *self)
{
  g_return_val_if_fail (KEFU_IS_PHONE_CHANNEL (self), 0);

  return self->registration != NULL ? kefu_sip_registration_get_count (self->registration) : 0;
}

/**
 * kefu_phone_channel_set_menu_func:
 *
 * Sets the voice robot's seam, asked for each key a caller presses in
 * voicemail.
 */
void
kefu_phone_channel_set_menu_func (KefuPhoneChannel  *self,
                                  KefuPhoneMenuFunc  func,
                                  gpointer           user_data,
                                  GDestroyNotify     destroy)
{
  g_return_if_fail (KEFU_IS_PHONE_CHANNEL (self));

  if (self->menu_destroy != NULL)
    self->menu_destroy (self->menu_data);
  self->menu_func = func;
  self->menu_data = user_data;
  self->menu_destroy = destroy;
}

/* ---- GObject ----------------------------------------------------------- */

static void
kefu_phone_channel_dispose (GObject *object)
{
  KefuPhoneChannel *self = (KefuPhoneChannel *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->calls != NULL)
    g_list_store_remove_all (self->calls);
  g_clear_object (&self->registration);
  g_clear_object (&self->stack);
  g_clear_object (&self->router);
  g_clear_object (&self->account);
  kefu_phone_channel_set_menu_func (self, NULL, NULL, NULL);

  G_OBJECT_CLASS (kefu_phone_channel_parent_class)->dispose (object);
}

static void
kefu_phone_channel_finalize (GObject *object)
{
  KefuPhoneChannel *self = (KefuPhoneChannel *) object;

  g_clear_object (&self->calls);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->config, kefu_phone_config_free);
  g_free (self->media_address);
  kefu_channel_status_clear (&self->status);

  G_OBJECT_CLASS (kefu_phone_channel_parent_class)->finalize (object);
}

static void
kefu_phone_channel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KefuPhoneChannel *self = KEFU_PHONE_CHANNEL (object);

  if (kefu_channel_status_get_property (&self->status, pspec, value))
    return;

  switch (prop_id)
    {
    case PROP_ROUTER:
      g_value_set_object (value, self->router);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_phone_channel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KefuPhoneChannel *self = KEFU_PHONE_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_ROUTER:
      self->router = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_phone_channel_iface_init (KefuChannelInterface *iface)
{
  iface->start_async = kefu_phone_channel_start_async;
  iface->start_finish = kefu_phone_channel_start_finish;
  iface->stop = kefu_phone_channel_stop;
  iface->send_async = kefu_phone_channel_send_async;
  iface->send_finish = kefu_phone_channel_send_finish;
}

static void
kefu_phone_channel_class_init (KefuPhoneChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_phone_channel_dispose;
  object_class->finalize = kefu_phone_channel_finalize;
  object_class->get_property = kefu_phone_channel_get_property;
  object_class->set_property = kefu_phone_channel_set_property;

  kefu_channel_install_properties (object_class, PROP_ROUTER, PROP_ACCOUNT,
                                   PROP_STATE, PROP_STATUS_MESSAGE);

  /**
   * KefuPhoneChannel::incoming-call:
   * @call: a ringing #KefuPhoneCall; answer or decline it, or let it ring out
   */
  signals[INCOMING_CALL] = g_signal_new ("incoming-call", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, KEFU_TYPE_PHONE_CALL);
  /**
   * KefuPhoneChannel::call-logged:
   * @call: the ended call
   * @ticket_id: the ticket its message went to, 0 if it could not be stored
   */
  signals[CALL_LOGGED] = g_signal_new ("call-logged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2, KEFU_TYPE_PHONE_CALL, G_TYPE_INT64);
  /**
   * KefuPhoneChannel::call-rejected:
   * @status: the SIP status sent (488: no usable audio, 400: broken offer)
   * @reason: why, for a person
   */
  signals[CALL_REJECTED] = g_signal_new ("call-rejected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
}

static void
kefu_phone_channel_init (KefuPhoneChannel *self)
{
  self->calls = g_list_store_new (KEFU_TYPE_PHONE_CALL);
  self->cancellable = g_cancellable_new ();
}
