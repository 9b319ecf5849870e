/* kefu-inbox-records.h: records the inbox reads from the store: merges, merge
 * suggestions, a ticket's events, and search results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "kefu-core-types.h"

G_BEGIN_DECLS

/* A customer merged into another, which can be separated again. */
typedef struct
{
  gint64  id;
  gint64  source_id;        /* the customer that was merged away */
  gint64  target_id;        /* the customer that kept everything */
  char   *source_name;
  guint   n_identities;
  guint   n_tickets;
  gint64  created_at;
} KefuCustomerMerge;

void kefu_customer_merge_free (KefuCustomerMerge *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuCustomerMerge, kefu_customer_merge_free)

/* Why two customers may be one person. */
typedef enum
{
  KEFU_MERGE_REASON_CHAT_EMAIL,     /* an address given in chat is the other's */
  KEFU_MERGE_REASON_PHONE,          /* the same phone number */
  KEFU_MERGE_REASON_NAME,           /* the same name on another channel */
} KefuMergeReason;

typedef struct
{
  gint64           customer_id;     /* the other customer */
  char            *customer_name;
  KefuMergeReason  reason;
  char            *detail;          /* the address, number or name they share */
} KefuMergeSuggestion;

void kefu_merge_suggestion_free (KefuMergeSuggestion *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuMergeSuggestion, kefu_merge_suggestion_free)

/* One entry of a ticket's audit trail (events table). */
typedef struct
{
  gint64  id;
  gint64  ticket_id;
  gint64  agent_id;
  char   *agent_name;      /* NULL: the system */
  char   *kind;            /* "status", "assignee", "merged", "snooze", … */
  char   *detail;          /* the new value, or NULL */
  gint64  created_at;
} KefuTicketEvent;

void kefu_ticket_event_free (KefuTicketEvent *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuTicketEvent, kefu_ticket_event_free)

/* A message that matched a search. */
typedef struct
{
  gint64           ticket_id;
  gint64           message_id;
  gint64           ticket_number;
  KefuChannelKind  channel;
  char            *subject;
  char            *author;
  char            *snippet;        /* plain text around the match */
  gint64           created_at;
} KefuSearchHit;

void kefu_search_hit_free (KefuSearchHit *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuSearchHit, kefu_search_hit_free)

typedef struct _KefuSearchResults
{
  GPtrArray *tickets;      /* KefuTicket */
  GPtrArray *messages;     /* KefuSearchHit */
  GPtrArray *customers;    /* KefuCustomer */
} KefuSearchResults;

KefuSearchResults *kefu_search_results_new  (void);
void               kefu_search_results_free (KefuSearchResults *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuSearchResults, kefu_search_results_free)

G_END_DECLS
