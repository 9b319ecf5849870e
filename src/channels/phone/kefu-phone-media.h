/* kefu-phone-media.h: one call's audio: a GStreamer rtpbin pipeline with RTCP and DTMF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-phone-sdp.h"

G_BEGIN_DECLS

#define KEFU_TYPE_PHONE_MEDIA (kefu_phone_media_get_type ())
G_DECLARE_FINAL_TYPE (KefuPhoneMedia, kefu_phone_media, KEFU, PHONE_MEDIA, GObject)

KefuPhoneMedia *kefu_phone_media_new              (const char           *bind_address,
                                                   GError              **error);
guint           kefu_phone_media_get_rtp_port     (KefuPhoneMedia       *self);
void            kefu_phone_media_set_audio        (KefuPhoneMedia       *self,
                                                   const char           *source,
                                                   const char           *sink);
void            kefu_phone_media_set_record_path  (KefuPhoneMedia       *self,
                                                   const char           *path);
void            kefu_phone_media_set_latency      (KefuPhoneMedia       *self,
                                                   guint                 milliseconds);
gboolean        kefu_phone_media_start            (KefuPhoneMedia       *self,
                                                   const KefuPhoneSdpResult *remote,
                                                   GError              **error);
gboolean        kefu_phone_media_is_running       (KefuPhoneMedia       *self);
gint64          kefu_phone_media_query_latency    (KefuPhoneMedia       *self);
void            kefu_phone_media_update_remote    (KefuPhoneMedia       *self,
                                                   const KefuPhoneSdpResult *remote);
void            kefu_phone_media_set_sending      (KefuPhoneMedia       *self,
                                                   gboolean              sending);
void            kefu_phone_media_set_muted        (KefuPhoneMedia       *self,
                                                   gboolean              muted);
gboolean        kefu_phone_media_send_dtmf        (KefuPhoneMedia       *self,
                                                   char                  digit);
void            kefu_phone_media_stop_async       (KefuPhoneMedia       *self,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean        kefu_phone_media_stop_finish      (KefuPhoneMedia       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

int             kefu_phone_dtmf_event_from_char   (char                  digit);
char            kefu_phone_dtmf_event_to_char     (int                   event);

G_END_DECLS
