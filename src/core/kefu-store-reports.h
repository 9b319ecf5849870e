/* kefu-store-reports.h: what reports read from the store, and ratings written to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store answers a report with the compact facts of one period: a row per
 * ticket opened in it (no message bodies), what was still open when it began,
 * tag and rating counts. The arithmetic (business hours, medians, buckets)
 * happens above the store, in src/reports.
 */

#pragma once

#include "kefu-store.h"

G_BEGIN_DECLS

/* All channels, for the @channel arguments below. */
#define KEFU_REPORT_ALL_CHANNELS (-1)

/* Flags of the facts read: the dashboard needs no subjects, which keeps
 * its read to one covering index; the ticket list of an export does. */
#define KEFU_REPORT_FACTS_SUBJECTS (1u << 0)

/* One ticket opened in the period. */
typedef struct
{
  gint64            id;
  gint64            number;             /* with KEFU_REPORT_FACTS_SUBJECTS, else 0 */
  const char       *subject;            /* with KEFU_REPORT_FACTS_SUBJECTS, else "" */
  KefuChannelKind   channel;
  KefuTicketStatus  status;
  gint64            assignee_id;        /* 0: nobody */
  gint64            created_at;
  gint64            first_response_at;  /* first agent reply (direction OUT); 0: none */
  gint64            resolved_at;        /* 0: not resolved */
  guint             agent_messages;     /* direction OUT */
  guint             robot_messages;     /* direction ROBOT */
} KefuReportTicket;

typedef struct
{
  const char *name;
  guint       count;
} KefuReportCount;

typedef struct
{
  gint64      id;
  const char *name;
} KefuReportAgent;

typedef struct _KefuReportFacts KefuReportFacts;

struct _KefuReportFacts
{
  gint64        from;
  gint64        to;
  int           channel;          /* a KefuChannelKind or KEFU_REPORT_ALL_CHANNELS */
  GArray       *tickets;          /* KefuReportTicket opened in [from, to), oldest first */
  GArray       *open_at_start;    /* gint64 resolved_at (0: never) of older tickets open at @from */
  GArray       *tags;             /* KefuReportCount of those tickets, most used first, ≤ 10 */
  GArray       *agents;           /* KefuReportAgent, every agent */
  guint         ratings[5];       /* ratings given in [from, to), by score 1…5 */
  /* Phone calls that started in [from, to), as the phone channel recorded
   * them (kefu_store_record_call_async()); 0 for the email and chat filters. */
  guint         calls;            /* answered, either direction */
  guint         missed_calls;     /* incoming, answered by nobody */
  gint64        call_time;        /* total length of answered calls, µs */
  GStringChunk *strings;
};

#define KEFU_TYPE_REPORT_FACTS (kefu_report_facts_get_type ())

GType            kefu_report_facts_get_type       (void) G_GNUC_CONST;
KefuReportFacts *kefu_report_facts_new            (gint64                from,
                                                   gint64                to,
                                                   int                   channel);
KefuReportFacts *kefu_report_facts_copy           (KefuReportFacts      *self);
void             kefu_report_facts_free           (KefuReportFacts      *self);
const char      *kefu_report_facts_intern         (KefuReportFacts      *self,
                                                   const char           *text);
const char      *kefu_report_facts_agent_name     (KefuReportFacts      *self,
                                                   gint64                agent_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuReportFacts, kefu_report_facts_free)

/* Store-thread half, for jobs that compute on the reader thread they run on. */
KefuReportFacts *kefu_store_report_facts          (KefuStore            *self,
                                                   gint64                from,
                                                   gint64                to,
                                                   int                   channel,
                                                   guint                 flags,
                                                   GError              **error);

void             kefu_store_report_facts_async    (KefuStore            *self,
                                                   gint64                from,
                                                   gint64                to,
                                                   int                   channel,
                                                   guint                 flags,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
KefuReportFacts *kefu_store_report_facts_finish   (KefuStore            *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* A visitor's satisfaction rating of a ticket: @score 1…5, @comment may be NULL. */
void             kefu_store_add_rating_async      (KefuStore            *self,
                                                   gint64                ticket_id,
                                                   int                   score,
                                                   const char           *comment,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gint64           kefu_store_add_rating_finish     (KefuStore            *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* What a report counts of one phone call stored as @message_id: @outcome
 * is a short word ("answered", "missed", "voicemail", …), @answered_at 0
 * when nobody answered. Recording the same message again replaces it. */
void             kefu_store_record_call_async     (KefuStore            *self,
                                                   gint64                message_id,
                                                   gboolean              incoming,
                                                   const char           *outcome,
                                                   gint64                started_at,
                                                   gint64                answered_at,
                                                   gint64                ended_at,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         kefu_store_record_call_finish    (KefuStore            *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
