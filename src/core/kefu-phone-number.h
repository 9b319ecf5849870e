/* kefu-phone-number.h: phone numbers to E.164, through libphonenumber.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *_kefu_phone_number_to_e164 (const char *number,
                                  const char *default_region);

G_END_DECLS
