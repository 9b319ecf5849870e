/* kefu-phone-call-log.h: a finished call as a message for the router.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-phone-call.h"
#include "kefu-router.h"

G_BEGIN_DECLS

KefuInbound *kefu_phone_call_log_build (KefuPhoneCall *call,
                                        gint64         account_id,
                                        GBytes        *recording);
char        *kefu_phone_call_log_format_duration (gint64 microseconds);

G_END_DECLS
