/* kefu-email-smtp.h: handing one message to the account's SMTP server (libetpan, blocking).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-email-config.h"

G_BEGIN_DECLS

gboolean kefu_email_smtp_check (const KefuEmailConfig  *config,
                                const char             *password,
                                GError                **error);
gboolean kefu_email_smtp_send  (const KefuEmailConfig  *config,
                                const char             *password,
                                const char             *from,
                                const char * const     *recipients,
                                GBytes                 *message,
                                GError                **error);

G_END_DECLS
