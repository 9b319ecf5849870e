/* kefu-email-tls.h: is the mail server's certificate one we may trust?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libetpan/libetpan.h>

#include "kefu-email-config.h"

G_BEGIN_DECLS

/* A certificate the system does not trust; the message carries the
 * fingerprint so that a person can compare it and trust it. */
#define KEFU_EMAIL_TLS_ERROR (kefu_email_tls_error_quark ())

typedef enum
{
  KEFU_EMAIL_TLS_ERROR_UNTRUSTED,
} KefuEmailTlsError;

GQuark   kefu_email_tls_error_quark     (void);
void     kefu_email_tls_set_server_name (struct mailstream_ssl_context *context,
                                         void                          *host);
gboolean kefu_email_tls_check           (mailstream                    *stream,
                                         const char                    *host,
                                         guint                          port,
                                         const KefuEmailConfig         *config,
                                         char                         **fingerprint,
                                         GError                       **error);

G_END_DECLS
