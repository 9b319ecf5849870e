/* kefu-email-smtp.c: handing one message to the account's SMTP server (libetpan, blocking).
 *
 * A refusal with a 5xx code is final (KEFU_CHANNEL_ERROR_REJECTED, the
 * message is marked failed); anything else may be retried. The server's own
 * words go into the error, so that the agent sees why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libetpan/libetpan.h>

#include "kefu-channel.h"
#include "kefu-email-smtp.h"
#include "kefu-email-tls.h"

#define NETWORK_TIMEOUT 60

static void
smtp_free (mailsmtp *smtp)
{
  if (smtp->stream != NULL)
    mailsmtp_quit (smtp);
  mailsmtp_free (smtp);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (mailsmtp, smtp_free)

static char *
server_words (mailsmtp *smtp)
{
  g_autofree char *words = g_strdup (smtp->response ? smtp->response : "");

  return g_strdup_printf ("%d %s", smtp->response_code, g_strstrip (words));
}

static gboolean
set_server_error (mailsmtp    *smtp,
                  int          rc,
                  const char  *what,
                  GError     **error)
{
  g_autofree char *words = server_words (smtp);

  if (rc == MAILSMTP_ERROR_STREAM || rc == MAILSMTP_ERROR_CONNECTION_REFUSED)
    g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                 _("The connection to the mail server was lost (%s)."), what);
  else if (smtp->response_code >= 500 && smtp->response_code < 600)
    /* Translators: %1$s is an SMTP step, %2$s the server's own words */
    g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                 _("The mail server refused the message (%1$s): %2$s"), what, words);
  else
    g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                 _("The mail server could not take the message now (%1$s): %2$s"), what, words);

  return FALSE;
}

static mailsmtp *
smtp_open (const KefuEmailConfig  *config,
           const char             *password,
           GError                **error)
{
  g_autoptr (mailsmtp) smtp = mailsmtp_new (0, NULL);
  int rc;

  mailsmtp_set_timeout (smtp, NETWORK_TIMEOUT);

  if (config->smtp_security == KEFU_EMAIL_SECURITY_TLS)
    rc = mailsmtp_ssl_connect_with_callback (smtp, config->smtp_host, config->smtp_port,
                                             kefu_email_tls_set_server_name, config->smtp_host);
  else
    rc = mailsmtp_socket_connect (smtp, config->smtp_host, config->smtp_port);
  if (rc != MAILSMTP_NO_ERROR)
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                   _("The mail server %1$s:%2$u cannot be reached. Check the host name, the port and the network."),
                   config->smtp_host, config->smtp_port);
      return NULL;
    }

  rc = mailesmtp_ehlo (smtp);
  if (rc == MAILSMTP_ERROR_NOT_IMPLEMENTED)
    rc = mailsmtp_helo (smtp);
  if (rc != MAILSMTP_NO_ERROR)
    {
      set_server_error (smtp, rc, "EHLO", error);
      return NULL;
    }

  if (config->smtp_security == KEFU_EMAIL_SECURITY_STARTTLS)
    {
      rc = mailsmtp_socket_starttls_with_callback (smtp, kefu_email_tls_set_server_name, config->smtp_host);
      if (rc != MAILSMTP_NO_ERROR)
        {
          g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                       _("%s does not offer STARTTLS. Choose TLS, or another port."), config->smtp_host);
          return NULL;
        }
      rc = mailesmtp_ehlo (smtp);
      if (rc != MAILSMTP_NO_ERROR)
        {
          set_server_error (smtp, rc, "EHLO", error);
          return NULL;
        }
    }

  if (config->smtp_security != KEFU_EMAIL_SECURITY_NONE &&
      !kefu_email_tls_check (smtp->stream, config->smtp_host, config->smtp_port, config, NULL, error))
    return NULL;

  /* Servers that offer no AUTH (a local relay) take mail without it. */
  if (smtp->auth != MAILSMTP_AUTH_NOT_CHECKED && (smtp->auth & ~MAILSMTP_AUTH_CHECKED) != 0)
    {
      rc = mailsmtp_auth (smtp, config->user, password);
      if (rc != MAILSMTP_NO_ERROR)
        {
          g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_AUTH_FAILED,
                       _("The mail server refused the user name or password for %s."), config->user);
          return NULL;
        }
    }

  return g_steal_pointer (&smtp);
}

/**
 * kefu_email_smtp_check:
 *
 * Connects and logs in, and sends nothing. Blocks.
 */
gboolean
kefu_email_smtp_check (const KefuEmailConfig  *config,
                       const char             *password,
                       GError                **error)
{
  g_autoptr (mailsmtp) smtp = smtp_open (config, password, error);

  return smtp != NULL;
}

/**
 * kefu_email_smtp_send:
 * @from: the envelope sender, or "" for none (auto-replies, RFC 3834)
 * @message: the whole message, CRLF line ends
 *
 * Blocks.
 */
gboolean
kefu_email_smtp_send (const KefuEmailConfig  *config,
                      const char             *password,
                      const char             *from,
                      const char * const     *recipients,
                      GBytes                 *message,
                      GError                **error)
{
  g_autoptr (mailsmtp) smtp = smtp_open (config, password, error);
  gsize size;
  const char *data = g_bytes_get_data (message, &size);
  int rc;

  if (smtp == NULL)
    return FALSE;

  rc = mailsmtp_mail (smtp, from);
  if (rc != MAILSMTP_NO_ERROR)
    return set_server_error (smtp, rc, "MAIL FROM", error);

  for (guint i = 0; recipients[i] != NULL; i++)
    {
      rc = mailsmtp_rcpt (smtp, recipients[i]);
      if (rc != MAILSMTP_NO_ERROR)
        return set_server_error (smtp, rc, "RCPT TO", error);
    }

  rc = mailsmtp_data (smtp);
  if (rc != MAILSMTP_NO_ERROR)
    return set_server_error (smtp, rc, "DATA", error);
  rc = mailsmtp_data_message (smtp, data, size);
  if (rc != MAILSMTP_NO_ERROR)
    return set_server_error (smtp, rc, "DATA", error);

  return TRUE;
}
