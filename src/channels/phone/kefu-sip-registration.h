/* kefu-sip-registration.h: keeps one SIP account registered, with refresh and backoff.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-channel.h"
#include "kefu-sip-stack.h"

G_BEGIN_DECLS

#define KEFU_TYPE_SIP_REGISTRATION (kefu_sip_registration_get_type ())
G_DECLARE_FINAL_TYPE (KefuSipRegistration, kefu_sip_registration, KEFU, SIP_REGISTRATION, GObject)

KefuSipRegistration *kefu_sip_registration_new            (KefuSipStack        *stack,
                                                           const char          *registrar,
                                                           const char          *aor,
                                                           const char          *user,
                                                           const char          *auth_user,
                                                           const char          *password,
                                                           guint                expires);
void                 kefu_sip_registration_start          (KefuSipRegistration *self);
void                 kefu_sip_registration_stop           (KefuSipRegistration *self);
gboolean             kefu_sip_registration_handle_event   (KefuSipRegistration *self,
                                                           nua_event_t          event,
                                                           int                  status,
                                                           const char          *phrase,
                                                           nua_handle_t        *nh,
                                                           const sip_t         *sip);
KefuChannelState     kefu_sip_registration_get_state      (KefuSipRegistration *self);
const char          *kefu_sip_registration_get_status_message (KefuSipRegistration *self);
guint                kefu_sip_registration_get_count      (KefuSipRegistration *self);
gboolean             kefu_sip_registration_get_fatal      (KefuSipRegistration *self);

G_END_DECLS
