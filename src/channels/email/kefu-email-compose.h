/* kefu-email-compose.h: Kefu's replies and auto-replies as MIME messages (GMime).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-email-config.h"
#include "kefu-email-gmime.h"
#include "kefu-records.h"

G_BEGIN_DECLS

/* Everything a reply needs, copied on the main thread for the SMTP thread. */
typedef struct
{
  char       *from_address;
  char       *from_name;
  char       *to;
  char       *subject;        /* already carries [#N] */
  char       *text;
  char       *signature;      /* NULL: none */
  char       *message_id;     /* without <> */
  char       *in_reply_to;    /* without <>, or NULL */
  char      **references;     /* without <>, oldest first */
  GPtrArray  *attachments;    /* KefuInboundAttachment */
  gboolean    auto_submitted; /* RFC 3834 auto-reply */
} KefuEmailDraft;

KefuEmailDraft *kefu_email_draft_new            (void);
void            kefu_email_draft_free           (KefuEmailDraft *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuEmailDraft, kefu_email_draft_free)

char           *kefu_email_compose_message_id   (const char     *from_address);
char           *kefu_email_compose_subject      (const char     *subject,
                                                 gint64          ticket_number);
GMimeMessage   *kefu_email_compose              (KefuEmailDraft *draft);
GBytes         *kefu_email_compose_to_bytes     (GMimeMessage   *message);

G_END_DECLS
