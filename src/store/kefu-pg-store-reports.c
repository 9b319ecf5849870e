/* kefu-pg-store-reports.c: the aggregate reads reports make, and ratings (PostgreSQL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every query here is a range of an index from migration 0005: tickets by
 * created_at, older open tickets by resolved_at. What a report needs of a
 * ticket's messages is kept on the ticket by that migration's triggers.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "kefu-enums.h"
#include "kefu-pg-store-private.h"
#include "kefu-store-reports.h"
#include "kefu-text.h"

#define CONN(store) _kefu_pg_store_get_connection (KEFU_PG_STORE (store))

#define MAX_TAGS (10)

/* $1 = from, $2 = to, $3 = channel nick or NULL for all channels. */
static void
add_period (KefuPgParams    *params,
            KefuReportFacts *facts)
{
  _kefu_pg_param_int (params, facts->from);
  _kefu_pg_param_int (params, facts->to);
  if (facts->channel == KEFU_REPORT_ALL_CHANNELS)
    _kefu_pg_param_text (params, NULL);
  else
    _kefu_pg_param_nick (params, KEFU_TYPE_CHANNEL_KIND, facts->channel);
}

static gboolean
read_tickets (KefuPgConnection  *conn,
              KefuReportFacts   *facts,
              gboolean           subjects,
              GError           **error)
{
  static const char sql[] =
    "SELECT t.id, 0, '', t.channel, t.status, coalesce (t.assignee_id, 0),"
    " t.created_at, t.resolved_at, t.first_agent_reply_at, t.agent_reply_count, t.robot_message_count"
    " FROM tickets t"
    " WHERE t.created_at >= $1 AND t.created_at < $2 AND ($3::text IS NULL OR t.channel = $3::text)"
    " ORDER BY t.created_at, t.id";
  static const char subjects_sql[] =
    "SELECT t.id, t.number, t.subject, t.channel, t.status, coalesce (t.assignee_id, 0),"
    " t.created_at, t.resolved_at, t.first_agent_reply_at, t.agent_reply_count, t.robot_message_count"
    " FROM tickets t"
    " WHERE t.created_at >= $1 AND t.created_at < $2 AND ($3::text IS NULL OR t.channel = $3::text)"
    " ORDER BY t.created_at, t.id";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  add_period (&params, facts);
  result = _kefu_pg_query (conn, subjects ? subjects_sql : sql, &params, error);
  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuReportTicket ticket = { 0 };

      ticket.id = _kefu_pg_int (result, row, 0);
      ticket.number = _kefu_pg_int (result, row, 1);
      ticket.subject = subjects ? kefu_report_facts_intern (facts, _kefu_pg_text (result, row, 2)) : "";
      ticket.channel = _kefu_pg_nick (result, row, 3, KEFU_TYPE_CHANNEL_KIND, KEFU_CHANNEL_KIND_EMAIL);
      ticket.status = _kefu_pg_nick (result, row, 4, KEFU_TYPE_TICKET_STATUS, KEFU_TICKET_STATUS_OPEN);
      ticket.assignee_id = _kefu_pg_int (result, row, 5);
      ticket.created_at = _kefu_pg_int (result, row, 6);
      ticket.resolved_at = _kefu_pg_int (result, row, 7);
      ticket.first_response_at = _kefu_pg_int (result, row, 8);
      ticket.agent_messages = (guint)_kefu_pg_int (result, row, 9);
      ticket.robot_messages = (guint)_kefu_pg_int (result, row, 10);
      g_array_append_val (facts->tickets, ticket);
    }

  return TRUE;
}

static gboolean
read_open_at_start (KefuPgConnection  *conn,
                    KefuReportFacts   *facts,
                    GError           **error)
{
  static const char sql[] =
    "SELECT resolved_at FROM tickets"
    " WHERE resolved_at = 0 AND created_at < $1 AND ($3::text IS NULL OR channel = $3::text)"
    " AND $2::bigint = $2::bigint"
    " UNION ALL "
    "SELECT resolved_at FROM tickets"
    " WHERE resolved_at >= $1 AND created_at < $1 AND ($3::text IS NULL OR channel = $3::text)";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  add_period (&params, facts);
  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result); row++)
    {
      gint64 resolved_at = _kefu_pg_int (result, row, 0);

      g_array_append_val (facts->open_at_start, resolved_at);
    }

  return TRUE;
}

static gboolean
read_tags (KefuPgConnection  *conn,
           KefuReportFacts   *facts,
           GError           **error)
{
  /* ticket_tags carries its ticket's created_at and channel (0009). */
  static const char sql[] =
    "SELECT g.name, count (*) AS uses FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id"
    " WHERE tt.created_at >= $1 AND tt.created_at < $2 AND ($3::text IS NULL OR tt.channel = $3::text)"
    " GROUP BY g.id, g.name ORDER BY uses DESC, g.name LIMIT $4";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  add_period (&params, facts);
  _kefu_pg_param_int (&params, MAX_TAGS);
  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuReportCount tag;

      tag.name = kefu_report_facts_intern (facts, _kefu_pg_text (result, row, 0));
      tag.count = (guint)_kefu_pg_int (result, row, 1);
      g_array_append_val (facts->tags, tag);
    }

  return TRUE;
}

static gboolean
read_ratings (KefuPgConnection  *conn,
              KefuReportFacts   *facts,
              GError           **error)
{
  static const char sql[] =
    "SELECT r.score, count (*) FROM ratings r JOIN tickets t ON t.id = r.ticket_id"
    " WHERE r.created_at >= $1 AND r.created_at < $2 AND ($3::text IS NULL OR t.channel = $3::text)"
    " GROUP BY r.score";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  add_period (&params, facts);
  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result); row++)
    {
      gint64 score = _kefu_pg_int (result, row, 0);

      if (score >= 1 && score <= 5)
        facts->ratings[score - 1] = (guint)_kefu_pg_int (result, row, 1);
    }

  return TRUE;
}

static gboolean
read_calls (KefuPgConnection  *conn,
            KefuReportFacts   *facts,
            GError           **error)
{
  static const char sql[] =
    "SELECT count (*) FILTER (WHERE answered_at > 0),"
    " count (*) FILTER (WHERE incoming <> 0 AND answered_at = 0),"
    " coalesce (sum (CASE WHEN answered_at > 0 AND ended_at > answered_at"
    "                THEN ended_at - answered_at ELSE 0 END), 0)"
    " FROM calls WHERE started_at >= $1 AND started_at < $2";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  /* Only the phone channel has calls. */
  if (facts->channel != KEFU_REPORT_ALL_CHANNELS && facts->channel != KEFU_CHANNEL_KIND_PHONE)
    return TRUE;

  _kefu_pg_param_int (&params, facts->from);
  _kefu_pg_param_int (&params, facts->to);
  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return FALSE;

  facts->calls = (guint)_kefu_pg_int (result, 0, 0);
  facts->missed_calls = (guint)_kefu_pg_int (result, 0, 1);
  facts->call_time = _kefu_pg_int (result, 0, 2);

  return TRUE;
}

static gboolean
read_agents (KefuPgConnection  *conn,
             KefuReportFacts   *facts,
             GError           **error)
{
  static const char sql[] = "SELECT id, name FROM agents ORDER BY id";
  g_autoptr (PGresult) result = _kefu_pg_query (conn, sql, NULL, error);

  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuReportAgent agent;

      agent.id = _kefu_pg_int (result, row, 0);
      agent.name = kefu_report_facts_intern (facts, _kefu_pg_text (result, row, 1));
      g_array_append_val (facts->agents, agent);
    }

  return TRUE;
}

static KefuReportFacts *
kefu_pg_store_report_facts (KefuStore  *store,
                            gint64      from,
                            gint64      to,
                            int         channel,
                            guint       flags,
                            GError    **error)
{
  KefuPgConnection *conn = CONN (store);
  g_autoptr (KefuReportFacts) facts = kefu_report_facts_new (from, to, channel);

  /* One snapshot for every part. */
  if (!_kefu_pg_exec_script (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return NULL;
  if (!read_tickets (conn, facts, (flags & KEFU_REPORT_FACTS_SUBJECTS) != 0, error) ||
      !read_open_at_start (conn, facts, error) ||
      !read_tags (conn, facts, error) ||
      !read_ratings (conn, facts, error) ||
      !read_calls (conn, facts, error) ||
      !read_agents (conn, facts, error))
    {
      _kefu_pg_exec_script (conn, "ROLLBACK", NULL);
      return NULL;
    }
  if (!_kefu_pg_exec_script (conn, "COMMIT", error))
    return NULL;

  return g_steal_pointer (&facts);
}

static gint64
kefu_pg_store_insert_rating (KefuStore   *store,
                             gint64       ticket_id,
                             int          score,
                             const char  *comment,
                             gint64       created_at,
                             GError     **error)
{
  static const char sql[] =
    "INSERT INTO ratings (ticket_id, score, comment, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
  g_auto (KefuPgParams) params = { 0 };

  if (score < 1 || score > 5)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("A rating must be from 1 to 5, not %d."), score);
      return 0;
    }

  _kefu_pg_param_int (&params, ticket_id);
  _kefu_pg_param_int (&params, score);
  _kefu_pg_param_take_text (&params, comment != NULL ? kefu_text_clean (comment, 4000) : NULL);
  _kefu_pg_param_int (&params, created_at);

  return _kefu_pg_query_id (CONN (store), sql, &params, error);
}

static gboolean
kefu_pg_store_insert_call (KefuStore   *store,
                           gint64       message_id,
                           gboolean     incoming,
                           const char  *outcome,
                           gint64       started_at,
                           gint64       answered_at,
                           gint64       ended_at,
                           GError     **error)
{
  static const char sql[] =
    "INSERT INTO calls (message_id, incoming, outcome, started_at, answered_at, ended_at)"
    " SELECT id, $2, $3, $4, $5, $6 FROM messages WHERE id = $1"
    " ON CONFLICT (message_id) DO UPDATE SET incoming = excluded.incoming,"
    " outcome = excluded.outcome, started_at = excluded.started_at,"
    " answered_at = excluded.answered_at, ended_at = excluded.ended_at";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  _kefu_pg_param_int (&params, message_id);
  _kefu_pg_param_int (&params, incoming ? 1 : 0);
  _kefu_pg_param_take_text (&params, kefu_text_clean (outcome, 32));
  _kefu_pg_param_int (&params, started_at);
  _kefu_pg_param_int (&params, answered_at);
  _kefu_pg_param_int (&params, ended_at);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return FALSE;
  if (g_strcmp0 (PQcmdTuples (result), "0") == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("There is no message %" PRId64 " to keep a call for."), message_id);
      return FALSE;
    }

  return TRUE;
}

void
_kefu_pg_store_reports_init (KefuStoreInterface *iface)
{
  iface->report_facts = kefu_pg_store_report_facts;
  iface->insert_rating = kefu_pg_store_insert_rating;
  iface->insert_call = kefu_pg_store_insert_call;
}
