/* kefu-phone-media.c: one call's audio: a GStreamer rtpbin pipeline with RTCP and DTMF.
 *
 * The RTP and RTCP sockets are bound before any SDP is written and shared by
 * the udpsrc and udpsink of each, so media leaves from the advertised ports
 * (symmetric RTP). The far end's audio is decoded into a tee feeding the
 * audio sink and, when asked, an Ogg/Opus recorder; RFC 4733 telephone-events
 * are decoded by rtpdtmfdepay and announced as "dtmf".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-phone-media.h"

#include <glib/gi18n-lib.h>
#include <gst/gst.h>
#include <stdio.h>

#include "kefu-channel.h"

#define DTMF_TONE_MS   160
#define DTMF_GAP_MS    80
#define STOP_WAIT_MS   1500

struct _KefuPhoneMedia
{
  GObject parent_instance;

  /* owned */
  GSocket    *rtp_socket;
  GSocket    *rtcp_socket;
  char       *source_description;
  char       *sink_description;
  char       *record_path;
  GstElement *pipeline;
  GTask      *stop_task;
  GString    *dtmf_queue;
  guint       dtmf_timeout_id;
  guint       stop_timeout_id;
  guint       bus_watch_id;

  /* borrowed, owned by the pipeline */
  GstElement *audio_depay;
  GstElement *dtmf_depay;
  GstElement *dtmf_src;
  GstElement *volume;
  GstElement *valve;
  GstElement *rtp_sink;
  GstElement *rtcp_sink;

  guint       rtp_port;
  guint       latency;
  guint       pt;
  guint       dtmf_pt;
  guint       clock_rate;
  char       *encoding_name;
  gboolean    dtmf_active;
  gboolean    stopping;
};

G_DEFINE_FINAL_TYPE (KefuPhoneMedia, kefu_phone_media, G_TYPE_OBJECT)

enum
{
  DTMF,
  SOURCE_FINISHED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

int
kefu_phone_dtmf_event_from_char (char digit)
{
  if (digit >= '0' && digit <= '9')
    return digit - '0';
  if (digit == '*')
    return 10;
  if (digit == '#')
    return 11;
  if (digit >= 'A' && digit <= 'D')
    return 12 + digit - 'A';
  if (digit >= 'a' && digit <= 'd')
    return 12 + digit - 'a';

  return -1;
}

char
kefu_phone_dtmf_event_to_char (int event)
{
  static const char digits[] = "0123456789*#ABCD";

  if (event < 0 || event > 15)
    return '\0';

  return digits[event];
}

static GSocket *
bind_udp (GInetAddress  *address,
          guint          port,
          GError       **error)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GSocketAddress) socket_address = NULL;

  socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_DATAGRAM,
                         G_SOCKET_PROTOCOL_UDP, error);
  if (socket == NULL)
    return NULL;

  socket_address = g_inet_socket_address_new (address, port);
  if (!g_socket_bind (socket, socket_address, FALSE, error))
    return NULL;

  return g_steal_pointer (&socket);
}

/**
 * kefu_phone_media_new:
 * @bind_address: the local address for RTP, "0.0.0.0" for every interface
 *
 * Binds an even RTP port and the RTCP port above it.
 *
 * Returns: (transfer full): the media, or %NULL with @error set
 */
KefuPhoneMedia *
kefu_phone_media_new (const char  *bind_address,
                      GError     **error)
{
  g_autoptr (KefuPhoneMedia) self = g_object_new (KEFU_TYPE_PHONE_MEDIA, NULL);
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string (bind_address);

  if (address == NULL)
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                   _("“%s” is not an IP address to receive calls on."), bind_address);
      return NULL;
    }

  for (guint attempt = 0; attempt < 50; attempt++)
    {
      guint port = 2 * g_random_int_range (10000, 30000);
      g_autoptr (GSocket) rtp = bind_udp (address, port, NULL);
      g_autoptr (GSocket) rtcp = NULL;

      if (rtp == NULL)
        continue;
      rtcp = bind_udp (address, port + 1, NULL);
      if (rtcp == NULL)
        continue;

      self->rtp_socket = g_steal_pointer (&rtp);
      self->rtcp_socket = g_steal_pointer (&rtcp);
      self->rtp_port = port;

      return g_steal_pointer (&self);
    }

  g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                       _("No free network port for the call’s audio."));

  return NULL;
}

guint
kefu_phone_media_get_rtp_port (KefuPhoneMedia *self)
{
  g_return_val_if_fail (KEFU_IS_PHONE_MEDIA (self), 0);

  return self->rtp_port;
}

/**
 * kefu_phone_media_set_audio:
 * @source: (nullable): a gst-launch description of the microphone, or %NULL for autoaudiosrc
 * @sink: (nullable): a gst-launch description of the speaker, or %NULL for autoaudiosink
 *
 * Headless runs and tests pass files or test tones here.
 */
void
kefu_phone_media_set_audio (KefuPhoneMedia *self,
                            const char     *source,
                            const char     *sink)
{
  g_return_if_fail (KEFU_IS_PHONE_MEDIA (self));

  g_free (self->source_description);
  self->source_description = g_strdup (source);
  g_free (self->sink_description);
  self->sink_description = g_strdup (sink);
}

/* Records what the far end says into an Ogg/Opus file at @path. */
void
kefu_phone_media_set_record_path (KefuPhoneMedia *self,
                                  const char     *path)
{
  g_return_if_fail (KEFU_IS_PHONE_MEDIA (self));

  g_free (self->record_path);
  self->record_path = g_strdup (path);
}

void
kefu_phone_media_set_latency (KefuPhoneMedia *self,
                              guint           milliseconds)
{
  g_return_if_fail (KEFU_IS_PHONE_MEDIA (self));

  self->latency = milliseconds;
}

static GstCaps *
on_request_pt_map (GstElement *rtpbin,
                   guint       session,
                   guint       pt,
                   gpointer    user_data)
{
  KefuPhoneMedia *self = user_data;

  if (pt == self->pt)
    return gst_caps_new_simple ("application/x-rtp",
                                "media", G_TYPE_STRING, "audio",
                                "clock-rate", G_TYPE_INT, self->clock_rate,
                                "encoding-name", G_TYPE_STRING, self->encoding_name,
                                "payload", G_TYPE_INT, pt,
                                NULL);
  if (self->dtmf_pt != 0 && pt == self->dtmf_pt)
    return gst_caps_new_simple ("application/x-rtp",
                                "media", G_TYPE_STRING, "audio",
                                "clock-rate", G_TYPE_INT, 8000,
                                "encoding-name", G_TYPE_STRING, "TELEPHONE-EVENT",
                                "payload", G_TYPE_INT, pt,
                                NULL);

  /* Anything else the far end sends (comfort noise, another codec) is dropped. */
  return NULL;
}

/* Streaming thread: rtpbin found a new (SSRC, PT) stream. A new SSRC for the
 * same payload replaces the old one (the far end restarted its stream). */
static void
on_pad_added (GstElement *rtpbin,
              GstPad     *pad,
              gpointer    user_data)
{
  KefuPhoneMedia *self = user_data;
  g_autofree char *name = gst_pad_get_name (pad);
  g_autoptr (GstPad) sink = NULL;
  g_autoptr (GstPad) peer = NULL;
  guint session, ssrc, pt;

  if (sscanf (name, "recv_rtp_src_%u_%u_%u", &session, &ssrc, &pt) != 3)
    return;

  if (pt == self->pt)
    sink = gst_element_get_static_pad (self->audio_depay, "sink");
  else if (self->dtmf_depay != NULL && pt == self->dtmf_pt)
    sink = gst_element_get_static_pad (self->dtmf_depay, "sink");
  else
    return;

  peer = gst_pad_get_peer (sink);
  if (peer != NULL)
    gst_pad_unlink (peer, sink);

  if (gst_pad_link (pad, sink) != GST_PAD_LINK_OK)
    g_debug ("Could not link %s", name);
}

static gboolean
emit_source_finished (gpointer user_data)
{
  KefuPhoneMedia *self = user_data;

  if (!self->stopping)
    g_signal_emit (self, signals[SOURCE_FINISHED], 0);

  return G_SOURCE_REMOVE;
}

/* A file source (a greeting) ended: keep the call up, tell the owner. */
static GstPadProbeReturn
on_source_event (GstPad          *pad,
                 GstPadProbeInfo *info,
                 gpointer         user_data)
{
  KefuPhoneMedia *self = user_data;
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);

  if (GST_EVENT_TYPE (event) != GST_EVENT_EOS || self->stopping)
    return GST_PAD_PROBE_OK;

  g_idle_add_full (G_PRIORITY_DEFAULT, emit_source_finished, g_object_ref (self), g_object_unref);

  return GST_PAD_PROBE_DROP;
}

static void
finish_stop (KefuPhoneMedia *self)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->stop_task);

  g_clear_handle_id (&self->stop_timeout_id, g_source_remove);
  g_clear_handle_id (&self->bus_watch_id, g_source_remove);
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);

  if (task != NULL)
    g_task_return_boolean (task, TRUE);
}

static gboolean
on_stop_timeout (gpointer user_data)
{
  KefuPhoneMedia *self = user_data;

  self->stop_timeout_id = 0;
  g_debug ("No end of stream within %d ms; stopping anyway", STOP_WAIT_MS);
  finish_stop (self);

  return G_SOURCE_REMOVE;
}

static gboolean
on_recorder_done (gpointer user_data)
{
  KefuPhoneMedia *self = user_data;

  if (self->stop_task != NULL)
    finish_stop (self);

  return G_SOURCE_REMOVE;
}

/* Streaming thread: the recording is complete once its file got EOS. */
static GstPadProbeReturn
on_recorder_event (GstPad          *pad,
                   GstPadProbeInfo *info,
                   gpointer         user_data)
{
  KefuPhoneMedia *self = user_data;

  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_EOS)
    g_idle_add_full (G_PRIORITY_DEFAULT, on_recorder_done, g_object_ref (self), g_object_unref);

  return GST_PAD_PROBE_OK;
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  KefuPhoneMedia *self = user_data;

  switch ((int) GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_EOS:
      if (self->stop_task != NULL)
        finish_stop (self);
      break;

    case GST_MESSAGE_ERROR:
      {
        g_autoptr (GError) error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &error, &debug);
        g_debug ("Pipeline error from %s: %s (%s)", GST_OBJECT_NAME (GST_MESSAGE_SRC (message)),
                 error->message, debug ? debug : "");
        if (self->stop_task != NULL)
          finish_stop (self);
        else
          g_signal_emit (self, signals[FAILED], 0, error->message);
      }
      break;

    case GST_MESSAGE_ELEMENT:
      {
        const GstStructure *structure = gst_message_get_structure (message);
        int number;
        gboolean start;

        if (structure == NULL || !gst_structure_has_name (structure, "dtmf-event") ||
            GST_MESSAGE_SRC (message) != GST_OBJECT (self->dtmf_depay))
          break;
        if (gst_structure_get_boolean (structure, "start", &start) && !start)
          break;
        if (gst_structure_get_int (structure, "number", &number) &&
            kefu_phone_dtmf_event_to_char (number) != '\0')
          g_signal_emit (self, signals[DTMF], 0, kefu_phone_dtmf_event_to_char (number));
      }
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

static GstElement *
make (const char  *factory,
      GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                 /* Translators: %s is a GStreamer element name */
                 _("The audio part “%s” is missing; install the GStreamer plugins Kefu needs."), factory);

  return element;
}

static GstElement *
make_bin (const char  *description,
          const char  *fallback,
          GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  GstElement *bin;

  bin = gst_parse_bin_from_description (description != NULL ? description : fallback, TRUE, &local_error);
  if (bin == NULL)
    g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                 _("The audio device setting “%s” does not work: %s"),
                 description != NULL ? description : fallback, local_error->message);

  return bin;
}

static gboolean
link_chain (GError     **error,
            GstElement  *first,
            ...)
{
  va_list args;
  GstElement *previous = first;
  GstElement *next;
  gboolean ok = TRUE;

  va_start (args, first);
  while ((next = va_arg (args, GstElement *)) != NULL)
    {
      if (ok && !gst_element_link (previous, next))
        {
          g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                       _("Could not connect the audio parts %s and %s."),
                       GST_OBJECT_NAME (previous), GST_OBJECT_NAME (next));
          ok = FALSE;
        }
      previous = next;
    }
  va_end (args);

  return ok;
}

static gboolean
build_send (KefuPhoneMedia            *self,
            const KefuPhoneSdpResult  *remote,
            GstElement                *rtpbin,
            GError                   **error)
{
  const KefuPhoneCodec *codec = remote->codec;
  GstElement *source, *convert, *resample, *filter, *encoder, *payloader, *mux;
  g_autoptr (GstCaps) caps = NULL;
  g_autoptr (GstPad) source_pad = NULL;

  if ((source = make_bin (self->source_description, "autoaudiosrc", error)) == NULL ||
      (convert = make ("audioconvert", error)) == NULL ||
      (resample = make ("audioresample", error)) == NULL ||
      (filter = make ("capsfilter", error)) == NULL ||
      (self->volume = make ("volume", error)) == NULL ||
      (self->valve = make ("valve", error)) == NULL ||
      (encoder = make (codec->encoder, error)) == NULL ||
      (payloader = make (codec->payloader, error)) == NULL ||
      (mux = make ("rtpdtmfmux", error)) == NULL ||
      (self->dtmf_src = make ("rtpdtmfsrc", error)) == NULL)
    return FALSE;

  caps = gst_caps_new_simple ("audio/x-raw", "rate", G_TYPE_INT, codec->audio_rate,
                              "channels", G_TYPE_INT, 1, NULL);
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (payloader, "pt", remote->pt, NULL);
  if (g_str_equal (codec->name, "opus"))
    g_object_set (encoder, "bitrate", 32000, "audio-type", 2048 /* voice */, NULL);
  g_object_set (self->dtmf_src, "pt", remote->dtmf_pt != 0 ? remote->dtmf_pt : 101, NULL);

  gst_bin_add_many (GST_BIN (self->pipeline), source, convert, resample, filter, self->volume,
                    self->valve, encoder, payloader, mux, self->dtmf_src, NULL);

  source_pad = gst_element_get_static_pad (source, "src");
  if (source_pad != NULL)
    gst_pad_add_probe (source_pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, on_source_event, self, NULL);

  if (!link_chain (error, source, convert, resample, filter, self->volume, self->valve,
                   encoder, payloader, mux, NULL))
    return FALSE;
  if (!gst_element_link (self->dtmf_src, mux) ||
      !gst_element_link_pads (mux, "src", rtpbin, "send_rtp_sink_0") ||
      !gst_element_link_pads (rtpbin, "send_rtp_src_0", self->rtp_sink, "sink") ||
      !gst_element_link_pads (rtpbin, "send_rtcp_src_0", self->rtcp_sink, "sink"))
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                           _("Could not connect the call’s outgoing audio."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
build_receive (KefuPhoneMedia            *self,
               const KefuPhoneSdpResult  *remote,
               GstElement                *rtpbin,
               GError                   **error)
{
  const KefuPhoneCodec *codec = remote->codec;
  GstElement *rtp_src, *rtcp_src, *decoder, *convert, *resample, *tee, *queue, *sink;
  g_autoptr (GstCaps) caps = gst_caps_new_empty_simple ("application/x-rtp");
  g_autoptr (GstCaps) rtcp_caps = gst_caps_new_empty_simple ("application/x-rtcp");

  if ((rtp_src = make ("udpsrc", error)) == NULL ||
      (rtcp_src = make ("udpsrc", error)) == NULL ||
      (self->audio_depay = make (codec->depayloader, error)) == NULL ||
      (decoder = make (codec->decoder, error)) == NULL ||
      (convert = make ("audioconvert", error)) == NULL ||
      (resample = make ("audioresample", error)) == NULL ||
      (tee = make ("tee", error)) == NULL ||
      (queue = make ("queue", error)) == NULL ||
      (sink = make_bin (self->sink_description, "autoaudiosink", error)) == NULL)
    return FALSE;

  g_object_set (rtp_src, "socket", self->rtp_socket, "close-socket", FALSE, "caps", caps, NULL);
  g_object_set (rtcp_src, "socket", self->rtcp_socket, "close-socket", FALSE, "caps", rtcp_caps, NULL);

  gst_bin_add_many (GST_BIN (self->pipeline), rtp_src, rtcp_src, self->audio_depay, decoder,
                    convert, resample, tee, queue, sink, NULL);

  if (!gst_element_link_pads (rtp_src, "src", rtpbin, "recv_rtp_sink_0") ||
      !gst_element_link_pads (rtcp_src, "src", rtpbin, "recv_rtcp_sink_0") ||
      !link_chain (error, self->audio_depay, decoder, convert, resample, tee, queue, sink, NULL))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                             _("Could not connect the call’s incoming audio."));
      return FALSE;
    }

  if (self->record_path != NULL)
    {
      GstElement *rqueue, *rconvert, *rresample, *encoder, *mux, *file;
      g_autoptr (GstPad) file_pad = NULL;

      if ((rqueue = make ("queue", error)) == NULL ||
          (rconvert = make ("audioconvert", error)) == NULL ||
          (rresample = make ("audioresample", error)) == NULL ||
          (encoder = make ("opusenc", error)) == NULL ||
          (mux = make ("oggmux", error)) == NULL ||
          (file = make ("filesink", error)) == NULL)
        return FALSE;
      g_object_set (file, "location", self->record_path, "sync", FALSE, "async", FALSE, NULL);
      file_pad = gst_element_get_static_pad (file, "sink");
      gst_pad_add_probe (file_pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, on_recorder_event, self, NULL);
      g_object_set (encoder, "bitrate", 24000, NULL);
      gst_bin_add_many (GST_BIN (self->pipeline), rqueue, rconvert, rresample, encoder, mux, file, NULL);
      if (!link_chain (error, tee, rqueue, rconvert, rresample, encoder, mux, file, NULL))
        return FALSE;
    }

  if (remote->dtmf_pt != 0)
    {
      GstElement *dtmf_sink;

      if ((self->dtmf_depay = make ("rtpdtmfdepay", error)) == NULL ||
          (dtmf_sink = make ("fakesink", error)) == NULL)
        return FALSE;
      g_object_set (dtmf_sink, "sync", FALSE, "async", FALSE, NULL);
      gst_bin_add_many (GST_BIN (self->pipeline), self->dtmf_depay, dtmf_sink, NULL);
      if (!link_chain (error, self->dtmf_depay, dtmf_sink, NULL))
        return FALSE;
    }

  return TRUE;
}

/**
 * kefu_phone_media_start:
 * @remote: what SDP negotiation settled
 *
 * Builds the pipeline and plays it: audio flows both ways from here on.
 */
gboolean
kefu_phone_media_start (KefuPhoneMedia            *self,
                        const KefuPhoneSdpResult  *remote,
                        GError                   **error)
{
  GstElement *rtpbin;
  g_autoptr (GstBus) bus = NULL;

  g_return_val_if_fail (KEFU_IS_PHONE_MEDIA (self), FALSE);
  g_return_val_if_fail (self->pipeline == NULL, FALSE);

  self->pt = remote->pt;
  self->dtmf_pt = remote->dtmf_pt;
  self->clock_rate = remote->codec->clock_rate;
  self->encoding_name = g_strdup (remote->codec->gst_name);

  self->pipeline = gst_object_ref_sink (gst_pipeline_new ("kefu-call"));
  if ((rtpbin = make ("rtpbin", error)) == NULL ||
      (self->rtp_sink = make ("udpsink", error)) == NULL ||
      (self->rtcp_sink = make ("udpsink", error)) == NULL)
    return FALSE;

  g_object_set (rtpbin, "latency", self->latency, NULL);
  g_signal_connect (rtpbin, "request-pt-map", G_CALLBACK (on_request_pt_map), self);
  g_signal_connect (rtpbin, "pad-added", G_CALLBACK (on_pad_added), self);
  g_object_set (self->rtp_sink, "socket", self->rtp_socket, "close-socket", FALSE,
                "host", remote->address, "port", remote->rtp_port,
                "sync", FALSE, "async", FALSE, NULL);
  g_object_set (self->rtcp_sink, "socket", self->rtcp_socket, "close-socket", FALSE,
                "host", remote->address, "port", remote->rtcp_port,
                "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add_many (GST_BIN (self->pipeline), rtpbin, self->rtp_sink, self->rtcp_sink, NULL);

  if (!build_send (self, remote, rtpbin, error) || !build_receive (self, remote, rtpbin, error))
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_clear_object (&self->pipeline);
      return FALSE;
    }

  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  self->bus_watch_id = gst_bus_add_watch (bus, on_bus_message, self);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                           _("The call’s audio could not start; check the audio devices."));
      g_clear_handle_id (&self->bus_watch_id, g_source_remove);
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_clear_object (&self->pipeline);
      return FALSE;
    }

  g_debug ("Media: %s/%u PT %u (DTMF %u) to %s:%u, RTCP %u, local %u",
           remote->codec->name, remote->codec->clock_rate, remote->pt, remote->dtmf_pt,
           remote->address, remote->rtp_port, remote->rtcp_port, self->rtp_port);

  return TRUE;
}

gboolean
kefu_phone_media_is_running (KefuPhoneMedia *self)
{
  g_return_val_if_fail (KEFU_IS_PHONE_MEDIA (self), FALSE);

  return self->pipeline != NULL && !self->stopping;
}

/**
 * kefu_phone_media_query_latency:
 *
 * Returns: the latency the running pipeline adds (jitter buffer, packet
 *   time, device buffers) as GStreamer reports it, in µs, or -1
 */
gint64
kefu_phone_media_query_latency (KefuPhoneMedia *self)
{
  g_autoptr (GstQuery) query = gst_query_new_latency ();
  gboolean live;
  GstClockTime min_latency, max_latency;

  g_return_val_if_fail (KEFU_IS_PHONE_MEDIA (self), -1);

  if (self->pipeline == NULL || !gst_element_query (self->pipeline, query))
    return -1;
  gst_query_parse_latency (query, &live, &min_latency, &max_latency);

  return GST_TIME_AS_USECONDS (min_latency);
}

/* A re-INVITE may move the far end's audio elsewhere. */
void
kefu_phone_media_update_remote (KefuPhoneMedia           *self,
                                const KefuPhoneSdpResult *remote)
{
  g_return_if_fail (KEFU_IS_PHONE_MEDIA (self));

  if (self->pipeline == NULL)
    return;

  g_object_set (self->rtp_sink, "host", remote->address, "port", remote->rtp_port, NULL);
  g_object_set (self->rtcp_sink, "host", remote->address, "port", remote->rtcp_port, NULL);
}

/* On hold nothing is sent; RTCP keeps the session alive. */
void
kefu_phone_media_set_sending (KefuPhoneMedia *self,
                              gboolean        sending)
{
  g_return_if_fail (KEFU_IS_PHONE_MEDIA (self));

  if (self->valve != NULL)
    g_object_set (self->valve, "drop", !sending, NULL);
}

void
kefu_phone_media_set_muted (KefuPhoneMedia *self,
                            gboolean        muted)
{
  g_return_if_fail (KEFU_IS_PHONE_MEDIA (self));

  if (self->volume != NULL)
    g_object_set (self->volume, "mute", muted, NULL);
}

static void
send_dtmf_event (KefuPhoneMedia *self,
                 int             number,
                 gboolean        start)
{
  g_autoptr (GstPad) pad = gst_element_get_static_pad (self->dtmf_src, "src");
  GstStructure *structure;

  structure = gst_structure_new ("dtmf-event",
                                 "type", G_TYPE_INT, 1,
                                 "method", G_TYPE_INT, 1,
                                 "start", G_TYPE_BOOLEAN, start,
                                 NULL);
  if (start)
    gst_structure_set (structure, "number", G_TYPE_INT, number, "volume", G_TYPE_INT, 25, NULL);

  gst_pad_send_event (pad, gst_event_new_custom (GST_EVENT_CUSTOM_UPSTREAM, structure));
}

static gboolean
on_dtmf_timeout (gpointer user_data)
{
  KefuPhoneMedia *self = user_data;

  self->dtmf_timeout_id = 0;
  if (self->pipeline == NULL || self->dtmf_src == NULL)
    return G_SOURCE_REMOVE;

  if (self->dtmf_active)
    {
      send_dtmf_event (self, 0, FALSE);
      self->dtmf_active = FALSE;
      self->dtmf_timeout_id = g_timeout_add (DTMF_GAP_MS, on_dtmf_timeout, self);
    }
  else if (self->dtmf_queue->len > 0)
    {
      int number = kefu_phone_dtmf_event_from_char (self->dtmf_queue->str[0]);

      g_string_erase (self->dtmf_queue, 0, 1);
      send_dtmf_event (self, number, TRUE);
      self->dtmf_active = TRUE;
      self->dtmf_timeout_id = g_timeout_add (DTMF_TONE_MS, on_dtmf_timeout, self);
    }

  return G_SOURCE_REMOVE;
}

/**
 * kefu_phone_media_send_dtmf:
 * @digit: 0-9, *, #, A-D
 *
 * Queues one RFC 4733 telephone-event.
 *
 * Returns: %FALSE if @digit is not a DTMF digit or no call audio runs
 */
gboolean
kefu_phone_media_send_dtmf (KefuPhoneMedia *self,
                            char            digit)
{
  g_return_val_if_fail (KEFU_IS_PHONE_MEDIA (self), FALSE);

  if (kefu_phone_dtmf_event_from_char (digit) < 0 || self->pipeline == NULL || self->stopping)
    return FALSE;

  g_string_append_c (self->dtmf_queue, digit);
  if (self->dtmf_timeout_id == 0)
    self->dtmf_timeout_id = g_idle_add (on_dtmf_timeout, self);

  return TRUE;
}

/**
 * kefu_phone_media_stop_async:
 *
 * Ends the stream so a recording is finalised, then stops the pipeline.
 */
void
kefu_phone_media_stop_async (KefuPhoneMedia      *self,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, kefu_phone_media_stop_async);

  if (self->pipeline == NULL || self->stop_task != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->stopping = TRUE;
  self->stop_task = g_steal_pointer (&task);
  g_clear_handle_id (&self->dtmf_timeout_id, g_source_remove);

  /* Only a recording needs the end of stream to reach its file. */
  if (self->record_path == NULL)
    {
      finish_stop (self);
      return;
    }

  self->stop_timeout_id = g_timeout_add (STOP_WAIT_MS, on_stop_timeout, self);
  gst_element_send_event (self->pipeline, gst_event_new_eos ());
}

gboolean
kefu_phone_media_stop_finish (KefuPhoneMedia  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
kefu_phone_media_dispose (GObject *object)
{
  KefuPhoneMedia *self = (KefuPhoneMedia *) object;

  g_clear_handle_id (&self->dtmf_timeout_id, g_source_remove);
  g_clear_handle_id (&self->stop_timeout_id, g_source_remove);
  g_clear_handle_id (&self->bus_watch_id, g_source_remove);
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  gst_clear_object (&self->pipeline);
  if (self->stop_task != NULL)
    g_task_return_boolean (g_steal_pointer (&self->stop_task), TRUE);

  G_OBJECT_CLASS (kefu_phone_media_parent_class)->dispose (object);
}

static void
kefu_phone_media_finalize (GObject *object)
{
  KefuPhoneMedia *self = (KefuPhoneMedia *) object;

  if (self->rtp_socket != NULL)
    g_socket_close (self->rtp_socket, NULL);
  if (self->rtcp_socket != NULL)
    g_socket_close (self->rtcp_socket, NULL);
  g_clear_object (&self->rtp_socket);
  g_clear_object (&self->rtcp_socket);
  g_free (self->source_description);
  g_free (self->sink_description);
  g_free (self->record_path);
  g_free (self->encoding_name);
  g_string_free (self->dtmf_queue, TRUE);

  G_OBJECT_CLASS (kefu_phone_media_parent_class)->finalize (object);
}

static void
kefu_phone_media_class_init (KefuPhoneMediaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_phone_media_dispose;
  object_class->finalize = kefu_phone_media_finalize;

  /**
   * KefuPhoneMedia::dtmf:
   * @digit: the key the far end pressed ('0'-'9', '*', '#', 'A'-'D')
   */
  signals[DTMF] = g_signal_new ("dtmf", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_CHAR);
  /* The audio source (a greeting file) has played to its end. */
  signals[SOURCE_FINISHED] = g_signal_new ("source-finished", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kefu_phone_media_init (KefuPhoneMedia *self)
{
  self->latency = 60;
  self->dtmf_queue = g_string_new (NULL);
}
