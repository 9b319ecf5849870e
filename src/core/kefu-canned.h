/* kefu-canned.h: canned replies, and filling in their variables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-core-types.h"

G_BEGIN_DECLS

/* What a canned reply's variables stand for; NULL or 0 when unknown. */
typedef struct
{
  const char *customer_name;
  gint64      ticket_number;
  const char *agent_name;
} KefuCannedContext;

#define KEFU_CANNED_MAX_TITLE 200
#define KEFU_CANNED_MAX_BODY  (64 * 1024)

#define KEFU_TYPE_CANNED_REPLY (kefu_canned_reply_get_type ())
G_DECLARE_FINAL_TYPE (KefuCannedReply, kefu_canned_reply, KEFU, CANNED_REPLY, GObject)

KefuCannedReply *kefu_canned_reply_new            (gint64                    id,
                                                   const char               *title,
                                                   const char               *body,
                                                   gint64                    updated_at);
gint64           kefu_canned_reply_get_id         (KefuCannedReply          *self);
const char      *kefu_canned_reply_get_title      (KefuCannedReply          *self);
const char      *kefu_canned_reply_get_body       (KefuCannedReply          *self);
gint64           kefu_canned_reply_get_updated_at (KefuCannedReply          *self);
gboolean         kefu_canned_reply_matches        (KefuCannedReply          *self,
                                                   const char               *text);

char            *kefu_canned_expand               (const char               *body,
                                                   const KefuCannedContext  *context);

G_END_DECLS
