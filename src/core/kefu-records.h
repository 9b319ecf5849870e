/* kefu-records.h: plain records that cross threads and layers (boxed, copyable).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-core-types.h"

G_BEGIN_DECLS

/* An attachment as a channel received it, before the store has it. */
typedef struct
{
  char   *filename;     /* as sent; the router makes it safe */
  char   *mime_type;
  char   *content_id;   /* inline images */
  GBytes *data;
} KefuInboundAttachment;

#define KEFU_TYPE_INBOUND_ATTACHMENT (kefu_inbound_attachment_get_type ())
GType                  kefu_inbound_attachment_get_type (void) G_GNUC_CONST;
KefuInboundAttachment *kefu_inbound_attachment_new      (const char *filename,
                                                         const char *mime_type,
                                                         GBytes     *data);
KefuInboundAttachment *kefu_inbound_attachment_copy     (const KefuInboundAttachment *self);
void                   kefu_inbound_attachment_free     (KefuInboundAttachment *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuInboundAttachment, kefu_inbound_attachment_free)

/* What a channel hands the router: one message from a customer. */
typedef struct
{
  KefuChannelKind   channel;
  gint64            account_id;     /* 0: no account (the chat server) */
  char             *external_id;    /* Message-ID, chat client id, SIP Call-ID; dedupes */
  KefuIdentityKind  sender_kind;
  char             *sender;         /* raw address, number or visitor token */
  char             *sender_name;
  char             *subject;
  char             *text;
  char             *html;           /* sanitised by the channel, or NULL */
  char            **thread_keys;    /* In-Reply-To/References, chat session, … */
  GPtrArray        *attachments;    /* KefuInboundAttachment */
  gint64            received_at;    /* 0: now */
} KefuInbound;

#define KEFU_TYPE_INBOUND (kefu_inbound_get_type ())
GType        kefu_inbound_get_type        (void) G_GNUC_CONST;
KefuInbound *kefu_inbound_new             (KefuChannelKind   channel,
                                           KefuIdentityKind  sender_kind,
                                           const char       *sender);
KefuInbound *kefu_inbound_copy            (const KefuInbound *self);
void         kefu_inbound_free            (KefuInbound *self);
void         kefu_inbound_add_attachment  (KefuInbound           *self,
                                           KefuInboundAttachment *attachment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuInbound, kefu_inbound_free)

/* What the UI hands the router: a reply or a note on a ticket. */
typedef struct
{
  gint64          ticket_id;
  KefuDirection   direction;      /* OUT, NOTE or ROBOT */
  int             channel;        /* a KefuChannelKind, or -1 for the ticket's own */
  gint64          account_id;
  gint64          agent_id;
  char           *author_name;
  char           *recipient;      /* normalised identity value, or NULL for the customer's */
  char           *subject;
  char           *text;
  char           *html;
  char           *external_id;    /* set by a channel that must know it before sending */
  GPtrArray      *attachments;    /* KefuInboundAttachment */
  gint64          created_at;     /* 0: now; imports and sample data give their own */
} KefuOutbound;

#define KEFU_TYPE_OUTBOUND (kefu_outbound_get_type ())
GType         kefu_outbound_get_type (void) G_GNUC_CONST;
KefuOutbound *kefu_outbound_new      (gint64         ticket_id,
                                      KefuDirection  direction,
                                      const char    *text);
KefuOutbound *kefu_outbound_copy     (const KefuOutbound *self);
void          kefu_outbound_free     (KefuOutbound *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuOutbound, kefu_outbound_free)

/* Where a received message ended up. A duplicate is a result, not an error. */
typedef struct
{
  gint64   customer_id;
  gint64   ticket_id;
  gint64   message_id;
  gboolean customer_created;
  gboolean ticket_created;
  gboolean ticket_reopened;
  gboolean duplicate;
  guint    attachments_refused;   /* over the size limit; noted on the ticket */
} KefuDelivery;

#define KEFU_TYPE_DELIVERY (kefu_delivery_get_type ())
GType         kefu_delivery_get_type (void) G_GNUC_CONST;
KefuDelivery *kefu_delivery_copy     (const KefuDelivery *self);
void          kefu_delivery_free     (KefuDelivery *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuDelivery, kefu_delivery_free)

/* Which tickets to list. Lists are always newest activity first. */
typedef struct
{
  KefuView  view;
  gint64    agent_id;      /* for KEFU_VIEW_MINE */
  gint64    customer_id;   /* 0: any customer */
  int       channel;       /* a KefuChannelKind, or -1 for any */
  int       status;        /* a KefuTicketStatus, or -1 for what the view says */
  char     *text;          /* full-text search, or NULL */
} KefuQuery;

#define KEFU_TYPE_QUERY (kefu_query_get_type ())
GType      kefu_query_get_type (void) G_GNUC_CONST;
KefuQuery *kefu_query_new      (KefuView view);
KefuQuery *kefu_query_copy     (const KefuQuery *self);
void       kefu_query_free     (KefuQuery *self);
gboolean   kefu_query_equal    (const KefuQuery *a,
                                const KefuQuery *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuQuery, kefu_query_free)

/* A position in a ticket list: lists page by key, never by OFFSET. */
typedef struct
{
  gint64 updated_at;
  gint64 id;
} KefuTicketKey;

/* The keys of the last row of every page of a list, and its length. */
typedef struct
{
  guint   total;
  guint   page_size;
  GArray *page_ends;       /* KefuTicketKey; page k starts after page_ends[k-1] */
} KefuTicketSpine;

#define KEFU_TYPE_TICKET_SPINE (kefu_ticket_spine_get_type ())
GType            kefu_ticket_spine_get_type (void) G_GNUC_CONST;
KefuTicketSpine *kefu_ticket_spine_new      (guint page_size);
KefuTicketSpine *kefu_ticket_spine_copy     (const KefuTicketSpine *self);
void             kefu_ticket_spine_free     (KefuTicketSpine *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuTicketSpine, kefu_ticket_spine_free)

typedef enum
{
  KEFU_TICKET_CHANGE_STATUS   = 1 << 0,
  KEFU_TICKET_CHANGE_PRIORITY = 1 << 1,
  KEFU_TICKET_CHANGE_ASSIGNEE = 1 << 2,
  KEFU_TICKET_CHANGE_SUBJECT  = 1 << 3,
  KEFU_TICKET_CHANGE_TAGS     = 1 << 4,
  KEFU_TICKET_CHANGE_DUE      = 1 << 5,
} KefuTicketChangeFlags;

/* An edit of a ticket, made against the version its author saw. */
typedef struct
{
  gint64                 ticket_id;
  gint64                 expected_version;   /* 0: do not check (the router's own edits) */
  gint64                 agent_id;           /* who, for the audit trail; 0: the system */
  KefuTicketChangeFlags  what;
  KefuTicketStatus       status;
  KefuPriority           priority;
  gint64                 assignee_id;        /* 0: nobody */
  char                  *subject;
  char                 **tags;
  gint64                 due_at;
} KefuTicketChange;

#define KEFU_TYPE_TICKET_CHANGE (kefu_ticket_change_get_type ())
GType             kefu_ticket_change_get_type (void) G_GNUC_CONST;
KefuTicketChange *kefu_ticket_change_new      (gint64 ticket_id,
                                               gint64 expected_version);
KefuTicketChange *kefu_ticket_change_copy     (const KefuTicketChange *self);
void              kefu_ticket_change_free     (KefuTicketChange *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuTicketChange, kefu_ticket_change_free)

/* What a committed write changed, as the store announces it. */
typedef struct
{
  GArray   *ticket_ids;     /* gint64 */
  GArray   *customer_ids;   /* gint64 */
  gboolean  everything;     /* import, restore: reload all */
  /* runtime: what the robot and the channels reload */
  gboolean  settings;       /* a setting or the knowledge base */
  gboolean  accounts;       /* a channel account added, edited or removed */
} KefuChangeSet;

#define KEFU_TYPE_CHANGE_SET (kefu_change_set_get_type ())
GType          kefu_change_set_get_type     (void) G_GNUC_CONST;
KefuChangeSet *kefu_change_set_new          (void);
KefuChangeSet *kefu_change_set_copy         (const KefuChangeSet *self);
void           kefu_change_set_free         (KefuChangeSet *self);
gboolean       kefu_change_set_is_empty     (const KefuChangeSet *self);
gboolean       kefu_change_set_has_ticket   (const KefuChangeSet *self,
                                             gint64               ticket_id);
gboolean       kefu_change_set_has_customer (const KefuChangeSet *self,
                                             gint64               customer_id);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuChangeSet, kefu_change_set_free)

G_END_DECLS
