/* kefu-contact-opener.h: a tel:, sip: or mailto: link opens the customer it names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-window.h"

G_BEGIN_DECLS

void kefu_contact_opener_open (KefuWindow *window,
                               KefuStore  *store,
                               const char *default_region,
                               const char *uri);

G_END_DECLS
