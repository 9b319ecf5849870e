/* kefu-email-config.h: one mail account's settings, as kept in its account row's JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  KEFU_EMAIL_SECURITY_TLS,        /* TLS from the first byte (IMAPS 993, SMTPS 465) */
  KEFU_EMAIL_SECURITY_STARTTLS,   /* plain, then STARTTLS before login */
  KEFU_EMAIL_SECURITY_NONE,       /* only allowed on loopback (tests, a local relay) */
} KefuEmailSecurity;

/* Everything but the password, which lives in libsecret (kefu-account-secret.h). */
typedef struct
{
  char              *imap_host;
  guint              imap_port;
  KefuEmailSecurity  imap_security;
  char              *smtp_host;
  guint              smtp_port;
  KefuEmailSecurity  smtp_security;
  char              *user;
  char              *folder;              /* "INBOX" */
  char              *display_name;        /* "Tea Shop Support" */
  char              *signature;           /* plain text, appended to replies */
  guint              first_sync_days;     /* how far back the first connection imports */
  guint              poll_interval;       /* seconds between polls when IDLE is missing */
  char             **trusted_certificates; /* SHA-256 fingerprints the owner accepted */
  gboolean           auto_acknowledge;
  char              *acknowledge_template;  /* {ticket} {subject} {name} */
  gboolean           out_of_hours;
  char              *out_of_hours_template;
  guint              auto_reply_period;   /* seconds: at most one auto-reply per sender */
  guint              send_delay;          /* seconds a reply waits before it goes: undo send */
} KefuEmailConfig;

KefuEmailConfig *kefu_email_config_new            (void);
KefuEmailConfig *kefu_email_config_new_from_json  (const char             *json,
                                                   GError                **error);
char            *kefu_email_config_to_json        (const KefuEmailConfig  *self);
gboolean         kefu_email_config_validate       (const KefuEmailConfig  *self,
                                                   GError                **error);
gboolean         kefu_email_config_trusts         (const KefuEmailConfig  *self,
                                                   const char             *fingerprint);
/* runtime: what kefuctl account add-email and the account editor share */
void             kefu_email_config_fill_defaults  (KefuEmailConfig        *self,
                                                   const char             *address);
guint            kefu_email_security_default_port (gboolean                imap,
                                                   KefuEmailSecurity       security);
gboolean         kefu_email_security_from_string  (const char             *text,
                                                   KefuEmailSecurity      *security);
const char      *kefu_email_security_to_string    (KefuEmailSecurity       security);
gboolean         kefu_email_host_is_loopback      (const char             *host);
void             kefu_email_config_free           (KefuEmailConfig        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuEmailConfig, kefu_email_config_free)

G_END_DECLS
