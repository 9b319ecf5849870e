/* kefu-message.h: one entry in a ticket's timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-core-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64             id;
  gint64             ticket_id;
  KefuDirection      direction;
  KefuChannelKind    channel;
  gint64             account_id;      /* 0: none */
  gint64             agent_id;        /* 0: not written by an agent */
  const char        *author_name;
  const char        *author_address;  /* e-mail address, phone number or visitor id */
  const char        *recipient;       /* for replies: the identity value sent to */
  const char        *subject;
  const char        *text;            /* plain text, always present */
  const char        *html;            /* sanitised HTML copy, or NULL */
  const char        *external_id;     /* Message-ID, chat client id, SIP Call-ID */
  KefuDeliveryState  delivery_state;
  const char        *delivery_error;  /* the peer's reason when failed */
  gint64             created_at;
  gint64             updated_at;
} KefuMessageFields;

#define KEFU_TYPE_MESSAGE (kefu_message_get_type ())
G_DECLARE_FINAL_TYPE (KefuMessage, kefu_message, KEFU, MESSAGE, GObject)

KefuMessage       *kefu_message_new                (const KefuMessageFields *fields,
                                                    GPtrArray               *attachments);
gint64             kefu_message_get_id             (KefuMessage *self);
gint64             kefu_message_get_ticket_id      (KefuMessage *self);
KefuDirection      kefu_message_get_direction      (KefuMessage *self);
KefuChannelKind    kefu_message_get_channel        (KefuMessage *self);
gint64             kefu_message_get_account_id     (KefuMessage *self);
gint64             kefu_message_get_agent_id       (KefuMessage *self);
const char        *kefu_message_get_author_name    (KefuMessage *self);
const char        *kefu_message_get_author_address (KefuMessage *self);
const char        *kefu_message_get_recipient      (KefuMessage *self);
const char        *kefu_message_get_subject        (KefuMessage *self);
const char        *kefu_message_get_text           (KefuMessage *self);
const char        *kefu_message_get_html           (KefuMessage *self);
const char        *kefu_message_get_external_id    (KefuMessage *self);
KefuDeliveryState  kefu_message_get_delivery_state (KefuMessage *self);
const char        *kefu_message_get_delivery_error (KefuMessage *self);
gint64             kefu_message_get_created_at     (KefuMessage *self);
gint64             kefu_message_get_updated_at     (KefuMessage *self);
GPtrArray         *kefu_message_get_attachments    (KefuMessage *self);

G_END_DECLS
