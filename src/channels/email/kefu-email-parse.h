/* kefu-email-parse.h: a MIME message as it came from the server, turned into a KefuInbound.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-email-gmime.h"

#include "kefu-records.h"

G_BEGIN_DECLS

/* What the parser found besides the inbound message itself. */
typedef struct
{
  KefuInbound *inbound;
  gboolean     automatic;            /* RFC 3834 & co.: never auto-reply to it */
  gboolean     bounce;               /* a delivery status notification */
  char        *bounced_message_id;   /* what the bounce is about (no <>), or NULL */
  char        *bounce_reason;        /* the remote server's words, or NULL */
  char        *reply_to;             /* where an auto-reply goes (Reply-To, else From) */
} KefuEmailParsed;

void             kefu_email_mime_init   (void);
KefuEmailParsed *kefu_email_parse       (GBytes          *raw,
                                         gint64           account_id);
KefuEmailParsed *kefu_email_parse_mime  (GMimeMessage    *message,
                                         GBytes          *raw,
                                         gint64           account_id);
void             kefu_email_parsed_free (KefuEmailParsed *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuEmailParsed, kefu_email_parsed_free)

G_END_DECLS
