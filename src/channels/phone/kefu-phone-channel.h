/* kefu-phone-channel.h: the phone channel: a SIP line whose calls become ticket messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-channel.h"
#include "kefu-phone-call.h"

G_BEGIN_DECLS

/**
 * KefuPhoneMenuFunc:
 * @call: the call in the voice menu
 * @digit: the key the caller pressed
 *
 * The voice robot's seam: returns the text to speak for @digit (for example
 * opening hours from the knowledge base), or %NULL when the key means
 * nothing there.
 *
 * Returns: (transfer full) (nullable): text to speak
 */
typedef char *(*KefuPhoneMenuFunc) (KefuPhoneCall *call,
                                    char           digit,
                                    gpointer       user_data);

#define KEFU_TYPE_PHONE_CHANNEL (kefu_phone_channel_get_type ())
G_DECLARE_FINAL_TYPE (KefuPhoneChannel, kefu_phone_channel, KEFU, PHONE_CHANNEL, GObject)

KefuPhoneCall *kefu_phone_channel_call                (KefuPhoneChannel  *self,
                                                       const char        *number_or_uri,
                                                       GError           **error);
GListModel    *kefu_phone_channel_get_calls           (KefuPhoneChannel  *self);
guint          kefu_phone_channel_get_sip_port        (KefuPhoneChannel  *self);
guint          kefu_phone_channel_get_registrations   (KefuPhoneChannel  *self);
void           kefu_phone_channel_set_menu_func       (KefuPhoneChannel  *self,
                                                       KefuPhoneMenuFunc  func,
                                                       gpointer           user_data,
                                                       GDestroyNotify     destroy);

G_END_DECLS
