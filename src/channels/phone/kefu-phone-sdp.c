/* kefu-phone-sdp.c: pick a codec from a remote SDP (parsed by sofia-sip) and write ours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-phone-sdp.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gst/gst.h>
#include <sofia-sip/sdp.h>
#include <sofia-sip/su_alloc.h>

#include "kefu-channel.h"

/* Dynamic PTs we offer: Opus 111, telephone-event 101 (what most phones use). */
#define DTMF_PT 101

static const KefuPhoneCodec codecs[] = {
  { "opus", "OPUS", 111, 48000, 2, 48000, "opusenc", "rtpopuspay", "rtpopusdepay", "opusdec" },
  { "G722", "G722", 9, 8000, 0, 16000, "avenc_g722", "rtpg722pay", "rtpg722depay", "avdec_g722" },
  { "PCMA", "PCMA", 8, 8000, 0, 8000, "alawenc", "rtppcmapay", "rtppcmadepay", "alawdec" },
  { "PCMU", "PCMU", 0, 8000, 0, 8000, "mulawenc", "rtppcmupay", "rtppcmudepay", "mulawdec" },
};

const KefuPhoneCodec *
kefu_phone_codec_lookup (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (codecs); i++)
    if (g_ascii_strcasecmp (codecs[i].name, name) == 0)
      return &codecs[i];

  return NULL;
}

static gboolean
element_exists (const char *name)
{
  g_autoptr (GstElementFactory) factory = gst_element_factory_find (name);

  return factory != NULL;
}

/* A codec is offered only if this machine has its GStreamer elements. */
gboolean
kefu_phone_codec_available (const KefuPhoneCodec *codec)
{
  return element_exists (codec->encoder) && element_exists (codec->payloader) &&
         element_exists (codec->depayloader) && element_exists (codec->decoder);
}

void
kefu_phone_sdp_result_free (KefuPhoneSdpResult *self)
{
  if (self == NULL)
    return;
  g_free (self->address);
  g_free (self);
}

static gboolean
rtpmap_matches (const sdp_rtpmap_t   *map,
                const KefuPhoneCodec *codec)
{
  if (map->rm_encoding == NULL)
    return FALSE;
  return g_ascii_strcasecmp (map->rm_encoding, codec->name) == 0 && map->rm_rate == codec->clock_rate;
}

static KefuPhoneSdpMode
mode_from_sdp (unsigned mode)
{
  switch (mode)
    {
    case sdp_sendonly:
      return KEFU_PHONE_SDP_SENDONLY;
    case sdp_recvonly:
      return KEFU_PHONE_SDP_RECVONLY;
    case sdp_inactive:
      return KEFU_PHONE_SDP_INACTIVE;
    case sdp_sendrecv:
    default:
      return KEFU_PHONE_SDP_SENDRECV;
    }
}

/* Our preference decides, among the codecs the remote listed. */
static gboolean
choose_codec (const sdp_media_t     *media,
              const char * const    *preference,
              KefuPhoneSdpResult    *result)
{
  for (guint i = 0; preference != NULL && preference[i] != NULL; i++)
    {
      const KefuPhoneCodec *codec = kefu_phone_codec_lookup (preference[i]);

      if (codec == NULL || !kefu_phone_codec_available (codec))
        continue;

      for (const sdp_rtpmap_t *map = media->m_rtpmaps; map != NULL; map = map->rm_next)
        if (rtpmap_matches (map, codec))
          {
            result->codec = codec;
            result->pt = map->rm_pt;
            return TRUE;
          }
    }

  return FALSE;
}

/**
 * kefu_phone_sdp_negotiate:
 * @remote_sdp: the far end's offer or answer
 * @preference: codec names, most wanted first
 *
 * Returns: (transfer full): the settled stream, or %NULL with
 *   %KEFU_CHANNEL_ERROR_REJECTED (no usable audio: answer 488) or
 *   %KEFU_CHANNEL_ERROR_PROTOCOL (not SDP at all)
 */
KefuPhoneSdpResult *
kefu_phone_sdp_negotiate (const char          *remote_sdp,
                          const char * const  *preference,
                          GError             **error)
{
  g_autoptr (KefuPhoneSdpResult) result = g_new0 (KefuPhoneSdpResult, 1);
  su_home_t home[1] = { SU_HOME_INIT (home) };
  sdp_parser_t *parser;
  sdp_session_t *session;
  const sdp_media_t *audio = NULL;
  const sdp_connection_t *connection;
  const sdp_attribute_t *rtcp;
  gboolean ok = FALSE;

  if (remote_sdp == NULL || *remote_sdp == '\0')
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                           _("The caller sent no session description."));
      return NULL;
    }

  parser = sdp_parse (home, remote_sdp, strlen (remote_sdp), 0);
  session = sdp_session (parser);
  if (session == NULL)
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                   _("The far end sent a broken session description: %s"),
                   sdp_parsing_error (parser) ? sdp_parsing_error (parser) : "?");
      goto out;
    }

  for (const sdp_media_t *media = session->sdp_media; media != NULL; media = media->m_next)
    if (media->m_type == sdp_media_audio && media->m_port != 0 && !media->m_rejected &&
        /* TODO(#5): SRTP (SDES); until then an RTP/SAVP-only offer gets 488. */
        media->m_proto == sdp_proto_rtp)
      {
        audio = media;
        break;
      }

  if (audio == NULL || !choose_codec (audio, preference, result))
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                           _("The far end offers no audio codec Kefu can use (Opus, G.722, PCMA or PCMU)."));
      goto out;
    }

  for (const sdp_rtpmap_t *map = audio->m_rtpmaps; map != NULL; map = map->rm_next)
    if (map->rm_encoding != NULL && g_ascii_strcasecmp (map->rm_encoding, "telephone-event") == 0 &&
        map->rm_rate == 8000)
      result->dtmf_pt = map->rm_pt;

  connection = audio->m_connections != NULL ? audio->m_connections : session->sdp_connection;
  if (connection == NULL || connection->c_address == NULL || audio->m_port > 65535)
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                           _("The far end’s session description has no address for audio."));
      goto out;
    }

  result->address = g_strdup (connection->c_address);
  result->rtp_port = audio->m_port;
  result->rtcp_port = audio->m_port + 1;
  rtcp = sdp_attribute_find (audio->m_attributes, "rtcp");
  if (rtcp != NULL && rtcp->a_value != NULL)
    {
      guint64 port = g_ascii_strtoull (rtcp->a_value, NULL, 10);

      if (port > 0 && port <= 65535)
        result->rtcp_port = port;
    }
  result->mode = mode_from_sdp (audio->m_mode);
  result->srtp = audio->m_proto == sdp_proto_srtp;
  ok = TRUE;

out:
  sdp_parser_free (parser);
  su_home_deinit (home);

  return ok ? g_steal_pointer (&result) : NULL;
}

static const char *
mode_attribute (KefuPhoneSdpMode mode)
{
  switch (mode)
    {
    case KEFU_PHONE_SDP_SENDONLY:
      return "a=sendonly\r\n";
    case KEFU_PHONE_SDP_RECVONLY:
      return "a=recvonly\r\n";
    case KEFU_PHONE_SDP_INACTIVE:
      return "a=inactive\r\n";
    case KEFU_PHONE_SDP_SENDRECV:
    default:
      return "a=sendrecv\r\n";
    }
}

static void
append_rtpmap (GString              *sdp,
               const KefuPhoneCodec *codec,
               guint                 pt)
{
  if (codec->channels > 0)
    g_string_append_printf (sdp, "a=rtpmap:%u %s/%u/%u\r\n", pt, codec->name, codec->clock_rate, codec->channels);
  else
    g_string_append_printf (sdp, "a=rtpmap:%u %s/%u\r\n", pt, codec->name, codec->clock_rate);
}

/* sofia's offer/answer engine adds o=, s= and t= to what we write here. */
static GString *
start_sdp (const char *address,
           guint       rtp_port)
{
  GString *sdp = g_string_new ("v=0\r\n");
  const char *family = strchr (address, ':') != NULL ? "IP6" : "IP4";

  g_string_append_printf (sdp, "c=IN %s %s\r\n", family, address);
  g_string_append_printf (sdp, "m=audio %u RTP/AVP", rtp_port);

  return sdp;
}

/**
 * kefu_phone_sdp_build_offer:
 *
 * Returns: (transfer full): an SDP offering every available codec of @preference
 */
char *
kefu_phone_sdp_build_offer (const char         *address,
                            guint               rtp_port,
                            const char * const *preference,
                            KefuPhoneSdpMode    mode)
{
  GString *sdp = start_sdp (address, rtp_port);
  g_autoptr (GPtrArray) offered = g_ptr_array_new ();

  for (guint i = 0; preference != NULL && preference[i] != NULL; i++)
    {
      const KefuPhoneCodec *codec = kefu_phone_codec_lookup (preference[i]);

      if (codec != NULL && kefu_phone_codec_available (codec) &&
          !g_ptr_array_find (offered, codec, NULL))
        {
          g_ptr_array_add (offered, (gpointer) codec);
          g_string_append_printf (sdp, " %u", codec->default_pt);
        }
    }
  g_string_append_printf (sdp, " %u\r\n", DTMF_PT);

  for (guint i = 0; i < offered->len; i++)
    {
      const KefuPhoneCodec *codec = g_ptr_array_index (offered, i);

      append_rtpmap (sdp, codec, codec->default_pt);
      if (g_str_equal (codec->name, "opus"))
        g_string_append_printf (sdp, "a=fmtp:%u useinbandfec=1\r\n", codec->default_pt);
    }
  g_string_append_printf (sdp, "a=rtpmap:%u telephone-event/8000\r\n", DTMF_PT);
  g_string_append_printf (sdp, "a=fmtp:%u 0-15\r\n", DTMF_PT);
  g_string_append_printf (sdp, "a=rtcp:%u\r\n", rtp_port + 1);
  g_string_append (sdp, "a=ptime:20\r\n");
  g_string_append (sdp, mode_attribute (mode));

  return g_string_free (sdp, FALSE);
}

/**
 * kefu_phone_sdp_build_answer:
 *
 * Returns: (transfer full): an SDP answering with exactly the settled codec
 *   (and telephone-event when the offer had it), in the offer's PTs
 */
char *
kefu_phone_sdp_build_answer (const char               *address,
                             guint                     rtp_port,
                             const KefuPhoneSdpResult *result,
                             KefuPhoneSdpMode          mode)
{
  GString *sdp = start_sdp (address, rtp_port);

  g_string_append_printf (sdp, " %u", result->pt);
  if (result->dtmf_pt != 0)
    g_string_append_printf (sdp, " %u", result->dtmf_pt);
  g_string_append (sdp, "\r\n");
  append_rtpmap (sdp, result->codec, result->pt);
  if (result->dtmf_pt != 0)
    {
      g_string_append_printf (sdp, "a=rtpmap:%u telephone-event/8000\r\n", result->dtmf_pt);
      g_string_append_printf (sdp, "a=fmtp:%u 0-15\r\n", result->dtmf_pt);
    }
  g_string_append_printf (sdp, "a=rtcp:%u\r\n", rtp_port + 1);
  g_string_append (sdp, "a=ptime:20\r\n");
  g_string_append (sdp, mode_attribute (mode));

  return g_string_free (sdp, FALSE);
}
