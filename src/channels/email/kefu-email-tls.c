/* kefu-email-tls.c: is the mail server's certificate one we may trust?
 *
 * libetpan encrypts but does not verify, so the chain it received is
 * checked against the system's trusted authorities with GIO's TLS database
 * (glib-networking), for the host name we connected to. A certificate the
 * system does not trust is accepted only if its SHA-256 fingerprint is one
 * the owner chose to trust after seeing it (self-signed office servers).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kefu-email-tls.h"

G_DEFINE_QUARK (kefu-email-tls-error-quark, kefu_email_tls_error)

/**
 * kefu_email_tls_set_server_name:
 * @host: (type utf8): the host name, for SNI
 *
 * A libetpan SSL callback: many hosts need SNI to choose their certificate.
 */
void
kefu_email_tls_set_server_name (struct mailstream_ssl_context *context,
                                void                          *host)
{
  mailstream_ssl_set_server_name (context, host);
}

static char *
der_to_pem (const unsigned char *der,
            gsize                length)
{
  g_autofree char *base64 = g_base64_encode (der, length);
  GString *pem = g_string_new ("-----BEGIN CERTIFICATE-----\n");

  for (gsize i = 0; base64[i]; i += 64)
    {
      g_string_append_len (pem, base64 + i, MIN (64, strlen (base64 + i)));
      g_string_append_c (pem, '\n');
    }
  g_string_append (pem, "-----END CERTIFICATE-----\n");

  return g_string_free (pem, FALSE);
}

static char *
format_fingerprint (const unsigned char *der,
                    gsize                length)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_length = sizeof digest;
  GString *text = g_string_new (NULL);

  g_checksum_update (checksum, der, length);
  g_checksum_get_digest (checksum, digest, &digest_length);
  for (gsize i = 0; i < digest_length; i++)
    g_string_append_printf (text, "%s%02X", i ? ":" : "", digest[i]);

  return g_string_free (text, FALSE);
}

/**
 * kefu_email_tls_check:
 * @fingerprint: (out) (optional): the server certificate's SHA-256
 *   fingerprint, as the owner is shown it
 *
 * Call right after the TLS handshake, before sending a password.
 * Blocking-safe: no network.
 */
gboolean
kefu_email_tls_check (mailstream             *stream,
                      const char             *host,
                      guint                   port,
                      const KefuEmailConfig  *config,
                      char                  **fingerprint,
                      GError                **error)
{
  g_autofree char *print = NULL;
  g_autoptr (GString) pem = g_string_new (NULL);
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (GSocketConnectable) identity = NULL;
  g_autoptr (GError) local_error = NULL;
  GTlsDatabase *database;
  GTlsCertificateFlags flags;
  carray *chain = mailstream_get_certificate_chain (stream);

  if (chain == NULL || carray_count (chain) == 0)
    {
      if (chain != NULL)
        carray_free (chain);
      g_set_error (error, KEFU_EMAIL_TLS_ERROR, KEFU_EMAIL_TLS_ERROR_UNTRUSTED,
                   _("%s sent no certificate, so it cannot be trusted."), host);
      return FALSE;
    }

  for (guint i = 0; i < carray_count (chain); i++)
    {
      MMAPString *der = carray_get (chain, i);
      g_autofree char *one = der_to_pem ((const unsigned char *)der->str, der->len);

      if (i == 0)
        print = format_fingerprint ((const unsigned char *)der->str, der->len);
      g_string_append (pem, one);
      mmap_string_free (der);
    }
  carray_free (chain);

  if (fingerprint != NULL)
    *fingerprint = g_strdup (print);

  if (kefu_email_config_trusts (config, print))
    return TRUE;

  certificate = g_tls_certificate_new_from_pem (pem->str, pem->len, &local_error);
  database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  if (certificate != NULL && database != NULL)
    {
      identity = g_network_address_new (host, port);
      flags = g_tls_database_verify_chain (database, certificate,
                                           G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                           identity, NULL, G_TLS_DATABASE_VERIFY_NONE,
                                           NULL, &local_error);
      g_object_unref (database);
      if (local_error == NULL && flags == 0)
        return TRUE;
    }
  else if (database != NULL)
    g_object_unref (database);

  g_set_error (error, KEFU_EMAIL_TLS_ERROR, KEFU_EMAIL_TLS_ERROR_UNTRUSTED,
               _("The certificate of %s is not trusted. If this is your own mail server, "
                 "compare its fingerprint with the one your provider gives and trust it: %s"),
               host, print);

  return FALSE;
}
