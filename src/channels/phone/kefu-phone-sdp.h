/* kefu-phone-sdp.h: codec table and SDP offer/answer for one audio stream.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One audio codec Kefu can send and receive, with the GStreamer elements for it. */
typedef struct
{
  const char *name;           /* as in SDP rtpmap: "PCMU", "opus" */
  const char *gst_name;       /* encoding-name in RTP caps */
  guint       default_pt;     /* static PT, or the one we offer for dynamic codecs */
  guint       clock_rate;     /* RTP clock (G.722: 8000, RFC 3551) */
  guint       channels;       /* as written in rtpmap, 0: not written */
  guint       audio_rate;     /* raw audio rate the encoder wants */
  const char *encoder;
  const char *payloader;
  const char *depayloader;
  const char *decoder;
} KefuPhoneCodec;

typedef enum
{
  KEFU_PHONE_SDP_INACTIVE,
  KEFU_PHONE_SDP_SENDONLY,
  KEFU_PHONE_SDP_RECVONLY,
  KEFU_PHONE_SDP_SENDRECV,
} KefuPhoneSdpMode;

/* What negotiation settled for the audio stream. */
typedef struct
{
  const KefuPhoneCodec *codec;
  guint                 pt;           /* the PT both sides use for the codec */
  guint                 dtmf_pt;      /* telephone-event PT, 0: none */
  char                 *address;      /* remote RTP address */
  guint                 rtp_port;
  guint                 rtcp_port;
  KefuPhoneSdpMode      mode;         /* the remote's direction */
  gboolean              srtp;         /* the remote asked for RTP/SAVP */
} KefuPhoneSdpResult;

const KefuPhoneCodec *kefu_phone_codec_lookup       (const char             *name);
gboolean              kefu_phone_codec_available    (const KefuPhoneCodec   *codec);

KefuPhoneSdpResult   *kefu_phone_sdp_negotiate      (const char             *remote_sdp,
                                                     const char * const     *preference,
                                                     GError                **error);
char                 *kefu_phone_sdp_build_offer    (const char             *address,
                                                     guint                   rtp_port,
                                                     const char * const     *preference,
                                                     KefuPhoneSdpMode        mode);
char                 *kefu_phone_sdp_build_answer   (const char             *address,
                                                     guint                   rtp_port,
                                                     const KefuPhoneSdpResult *result,
                                                     KefuPhoneSdpMode        mode);
void                  kefu_phone_sdp_result_free    (KefuPhoneSdpResult     *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuPhoneSdpResult, kefu_phone_sdp_result_free)

G_END_DECLS
