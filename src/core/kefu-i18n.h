/* kefu-i18n.h: setting up translations the same way in the app, kefuctl and the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void kefu_i18n_init (void);

G_END_DECLS
