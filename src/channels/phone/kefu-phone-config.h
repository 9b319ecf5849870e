/* kefu-phone-config.h: one SIP account's settings, as kept in its account row's JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  KEFU_SIP_TRANSPORT_UDP,
  KEFU_SIP_TRANSPORT_TCP,
  KEFU_SIP_TRANSPORT_TLS,
} KefuSipTransport;

/* Everything but the password, which lives in libsecret (kefu-account-secret.h).
 * An account without a registrar is in direct mode: it listens on
 * bind_address:bind_port and takes calls addressed to it. */
typedef struct
{
  char             *registrar;          /* "sip:pbx.example:5060", NULL: direct mode */
  char             *user;               /* "100" */
  char             *auth_user;          /* NULL: same as user */
  char             *display_name;
  KefuSipTransport  transport;
  char             *outbound_proxy;     /* "sip:proxy.example;lr", or NULL */
  char             *stun_server;        /* kept for the UI; not used yet */
  char             *bind_address;       /* "0.0.0.0" */
  guint             bind_port;          /* 0: any free port */
  char             *media_address;      /* address written in SDP c=, NULL: bind or local */
  guint             register_expires;   /* seconds asked of the registrar */
  guint             ring_timeout;       /* seconds before voicemail; 0: ring until the caller gives up */
  gboolean          auto_answer;        /* headless desks (kefuctl serve) */
  gboolean          voicemail;
  char             *voicemail_greeting;       /* text spoken by espeak-ng */
  char             *voicemail_greeting_file;  /* or a recorded WAV */
  char             *voicemail_language;       /* espeak-ng voice, "en" */
  guint             voicemail_max_seconds;
  char            **codecs;             /* preference: "opus", "G722", "PCMA", "PCMU" */
  guint             jitter_latency;     /* milliseconds */
  char             *audio_source;       /* gst-launch description; NULL: autoaudiosrc */
  char             *audio_sink;         /* gst-launch description; NULL: autoaudiosink */
} KefuPhoneConfig;

KefuPhoneConfig *kefu_phone_config_new            (void);
KefuPhoneConfig *kefu_phone_config_new_from_json  (const char             *json,
                                                   GError                **error);
char            *kefu_phone_config_to_json        (const KefuPhoneConfig  *self);
gboolean         kefu_phone_config_validate       (const KefuPhoneConfig  *self,
                                                   GError                **error);
gboolean         kefu_phone_config_is_direct      (const KefuPhoneConfig  *self);
/* runtime: what kefuctl account add-sip and the account editor share */
void             kefu_phone_config_fill_defaults  (KefuPhoneConfig        *self);
char            *kefu_phone_config_dup_address    (const KefuPhoneConfig  *self);
const char      *kefu_phone_config_get_auth_user  (const KefuPhoneConfig  *self);
gboolean         kefu_sip_transport_from_string   (const char             *text,
                                                   KefuSipTransport       *transport);
const char      *kefu_sip_transport_to_string     (KefuSipTransport        transport);
void             kefu_phone_config_free           (KefuPhoneConfig        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuPhoneConfig, kefu_phone_config_free)

G_END_DECLS
