/* kefu-phone-call-private.h: what the channel tells a call (its SIP events).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-phone-call.h"
#include "kefu-phone-config.h"
#include "kefu-phone-sdp.h"
#include "kefu-sip-stack.h"

G_BEGIN_DECLS

KefuPhoneCall *_kefu_phone_call_new_incoming  (KefuSipStack          *stack,
                                               nua_handle_t          *nh,
                                               const sip_t           *sip,
                                               const KefuPhoneConfig *config,
                                               const char            *media_address,
                                               KefuPhoneSdpResult    *offer);
KefuPhoneCall *_kefu_phone_call_new_outgoing  (KefuSipStack          *stack,
                                               const char            *target_uri,
                                               const KefuPhoneConfig *config,
                                               const char            *media_address,
                                               GError               **error);
nua_handle_t  *_kefu_phone_call_get_handle    (KefuPhoneCall         *self);
void           _kefu_phone_call_handle_event  (KefuPhoneCall         *self,
                                               nua_event_t            event,
                                               int                    status,
                                               const char            *phrase,
                                               const sip_t           *sip,
                                               tagi_t                 tags[]);
gboolean       _kefu_phone_call_answer_voicemail (KefuPhoneCall      *self,
                                               const char            *greeting_wav,
                                               const char            *record_path,
                                               guint                  max_seconds,
                                               GError               **error);
void           _kefu_phone_call_reject        (KefuPhoneCall         *self,
                                               int                    status,
                                               const char            *phrase,
                                               KefuPhoneCallOutcome   outcome);

G_END_DECLS
