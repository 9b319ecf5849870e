/* kefu-store-reports.c: the report facts record and its async store calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kefu-store-reports.h"

G_DEFINE_BOXED_TYPE (KefuReportFacts, kefu_report_facts,
                     kefu_report_facts_copy, kefu_report_facts_free)

/**
 * kefu_report_facts_new:
 *
 * Empty facts of [@from, @to); the store fills them. Any thread.
 *
 * Returns: (transfer full): new facts
 */
KefuReportFacts *
kefu_report_facts_new (gint64 from,
                       gint64 to,
                       int    channel)
{
  KefuReportFacts *self = g_new0 (KefuReportFacts, 1);

  self->from = from;
  self->to = to;
  self->channel = channel;
  self->tickets = g_array_new (FALSE, FALSE, sizeof (KefuReportTicket));
  self->open_at_start = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tags = g_array_new (FALSE, FALSE, sizeof (KefuReportCount));
  self->agents = g_array_new (FALSE, FALSE, sizeof (KefuReportAgent));
  self->strings = g_string_chunk_new (4096);
  return self;
}

KefuReportFacts *
kefu_report_facts_copy (KefuReportFacts *self)
{
  KefuReportFacts *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = kefu_report_facts_new (self->from, self->to, self->channel);
  for (guint i = 0; i < self->tickets->len; i++)
    {
      KefuReportTicket ticket = g_array_index (self->tickets, KefuReportTicket, i);

      ticket.subject = kefu_report_facts_intern (copy, ticket.subject);
      g_array_append_val (copy->tickets, ticket);
    }
  g_array_append_vals (copy->open_at_start, self->open_at_start->data, self->open_at_start->len);
  for (guint i = 0; i < self->tags->len; i++)
    {
      KefuReportCount tag = g_array_index (self->tags, KefuReportCount, i);

      tag.name = kefu_report_facts_intern (copy, tag.name);
      g_array_append_val (copy->tags, tag);
    }
  for (guint i = 0; i < self->agents->len; i++)
    {
      KefuReportAgent agent = g_array_index (self->agents, KefuReportAgent, i);

      agent.name = kefu_report_facts_intern (copy, agent.name);
      g_array_append_val (copy->agents, agent);
    }
  memcpy (copy->ratings, self->ratings, sizeof self->ratings);
  copy->calls = self->calls;
  copy->missed_calls = self->missed_calls;
  copy->call_time = self->call_time;
  return copy;
}

void
kefu_report_facts_free (KefuReportFacts *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->tickets);
  g_array_unref (self->open_at_start);
  g_array_unref (self->tags);
  g_array_unref (self->agents);
  g_string_chunk_free (self->strings);
  g_free (self);
}

/**
 * kefu_report_facts_intern:
 * @text: (nullable): a string to keep for as long as the facts live
 *
 * Returns: (transfer none): a copy owned by @self ("" for %NULL)
 */
const char *
kefu_report_facts_intern (KefuReportFacts *self,
                          const char      *text)
{
  return g_string_chunk_insert_const (self->strings, text != NULL ? text : "");
}

/**
 * kefu_report_facts_agent_name:
 *
 * Returns: (transfer none) (nullable): the name of agent @agent_id
 */
const char *
kefu_report_facts_agent_name (KefuReportFacts *self,
                              gint64           agent_id)
{
  for (guint i = 0; i < self->agents->len; i++)
    if (g_array_index (self->agents, KefuReportAgent, i).id == agent_id)
      return g_array_index (self->agents, KefuReportAgent, i).name;
  return NULL;
}

/**
 * kefu_store_report_facts:
 * @channel: a #KefuChannelKind, or %KEFU_REPORT_ALL_CHANNELS
 *
 * The facts of the tickets opened in [@from, @to). Only on a store thread,
 * inside a job given to kefu_store_read_async().
 *
 * Returns: (transfer full): the facts, or %NULL with @error set
 */
KefuReportFacts *
kefu_store_report_facts (KefuStore  *self,
                         gint64      from,
                         gint64      to,
                         int         channel,
                         guint       flags,
                         GError    **error)
{
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (self);

  if (iface->report_facts == NULL)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("This kind of database cannot make reports yet."));
      return NULL;
    }
  return iface->report_facts (self, from, to, channel, flags, error);
}

typedef struct
{
  gint64 from;
  gint64 to;
  int    channel;
  guint  flags;
} FactsData;

static gpointer
report_facts_job (KefuStore     *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  FactsData *facts_data = data;

  return kefu_store_report_facts (store, facts_data->from, facts_data->to,
                                  facts_data->channel, facts_data->flags, error);
}

void
kefu_store_report_facts_async (KefuStore           *self,
                               gint64               from,
                               gint64               to,
                               int                  channel,
                               guint                flags,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  FactsData *data = g_new0 (FactsData, 1);

  g_return_if_fail (KEFU_IS_STORE (self));

  data->from = from;
  data->to = to;
  data->channel = channel;
  data->flags = flags;
  kefu_store_read_async (self, report_facts_job, data, g_free,
                         (GDestroyNotify)kefu_report_facts_free,
                         cancellable, callback, user_data);
}

/**
 * kefu_store_report_facts_finish:
 *
 * Returns: (transfer full): the facts, or %NULL with @error set
 */
KefuReportFacts *
kefu_store_report_facts_finish (KefuStore     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

typedef struct
{
  gint64  ticket_id;
  int     score;
  char   *comment;
  gint64  created_at;
} RatingData;

static void
rating_data_free (RatingData *data)
{
  g_free (data->comment);
  g_free (data);
}

static gpointer
add_rating_job (KefuStore     *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (store);
  RatingData *rating = data;
  gint64 id;

  if (iface->insert_rating == NULL)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("This kind of database cannot keep ratings yet."));
      return NULL;
    }
  id = iface->insert_rating (store, rating->ticket_id, rating->score, rating->comment,
                             rating->created_at, error);
  if (id == 0)
    return NULL;
  kefu_store_note_change (store, rating->ticket_id, 0);
  return g_memdup2 (&id, sizeof id);
}

/**
 * kefu_store_add_rating_async:
 * @score: 1 (very unhappy) … 5 (very happy)
 * @comment: (nullable): what the visitor wrote with it
 *
 * Keeps a satisfaction rating of @ticket_id given now. A score outside
 * 1…5 or a ticket that does not exist fails with %KEFU_STORE_ERROR_INVALID.
 */
void
kefu_store_add_rating_async (KefuStore           *self,
                             gint64               ticket_id,
                             int                  score,
                             const char          *comment,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  RatingData *data = g_new0 (RatingData, 1);

  g_return_if_fail (KEFU_IS_STORE (self));

  data->ticket_id = ticket_id;
  data->score = score;
  data->comment = g_strdup (comment);
  data->created_at = g_get_real_time ();
  kefu_store_write_async (self, add_rating_job, data, (GDestroyNotify)rating_data_free,
                          g_free, cancellable, callback, user_data);
}

/**
 * kefu_store_add_rating_finish:
 *
 * Returns: the rating's id, or 0 with @error set
 */
gint64
kefu_store_add_rating_finish (KefuStore     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autofree gint64 *id = kefu_store_job_finish (self, result, error);

  return id != NULL ? *id : 0;
}

typedef struct
{
  gint64    message_id;
  gboolean  incoming;
  char     *outcome;
  gint64    started_at;
  gint64    answered_at;
  gint64    ended_at;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->outcome);
  g_free (data);
}

static gpointer
record_call_job (KefuStore     *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (store);
  CallData *call = data;

  if (iface->insert_call == NULL)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("This kind of database cannot keep call records yet."));
      return NULL;
    }
  if (!iface->insert_call (store, call->message_id, call->incoming, call->outcome,
                           call->started_at, call->answered_at, call->ended_at, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/**
 * kefu_store_record_call_async:
 * @message_id: the message the call was stored as
 * @incoming: whether the customer called
 * @outcome: a short ASCII word: "answered", "missed", "voicemail", …
 * @started_at: when it started ringing (µs since the epoch)
 * @answered_at: when someone answered, or 0
 * @ended_at: when it ended
 *
 * Keeps what reports count of a phone call: missed calls and call length.
 * A message that does not exist fails with %KEFU_STORE_ERROR_INVALID.
 */
void
kefu_store_record_call_async (KefuStore           *self,
                              gint64               message_id,
                              gboolean             incoming,
                              const char          *outcome,
                              gint64               started_at,
                              gint64               answered_at,
                              gint64               ended_at,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  CallData *data;

  g_return_if_fail (KEFU_IS_STORE (self));
  g_return_if_fail (message_id > 0);

  data = g_new0 (CallData, 1);
  data->message_id = message_id;
  data->incoming = incoming;
  data->outcome = g_strdup (outcome != NULL ? outcome : "");
  data->started_at = started_at;
  data->answered_at = MAX (answered_at, 0);
  data->ended_at = MAX (ended_at, 0);
  kefu_store_write_async (self, record_call_job, data, (GDestroyNotify)call_data_free,
                          NULL, cancellable, callback, user_data);
}

/**
 * kefu_store_record_call_finish:
 *
 * Returns: whether the call was kept
 */
gboolean
kefu_store_record_call_finish (KefuStore     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return kefu_store_job_finish (self, result, error) != NULL;
}
