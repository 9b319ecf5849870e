/* kefu-sqlite-store-reports.c: the aggregate reads reports make, and ratings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every query here is a range of an index: tickets by created_at, older
 * open tickets by resolved_at (migration 0005), tags by their ticket's
 * created_at and calls by started_at (0009). What a report needs of a
 * ticket's messages is kept on the ticket by 0005's triggers.
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "kefu-enums.h"
#include "kefu-sqlite-store-private.h"
#include "kefu-store-reports.h"
#include "kefu-text.h"

#define CONN(store) _kefu_sqlite_store_get_connection (KEFU_SQLITE_STORE (store))

#define MAX_TAGS (10)

/* Binds ?1 = from, ?2 = to, ?3 = channel nick or NULL for all channels. */
static void
bind_period (KefuSqliteStmt *stmt,
             gint64          from,
             gint64          to,
             int             channel)
{
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  if (channel == KEFU_REPORT_ALL_CHANNELS)
    sqlite3_bind_null (stmt, 3);
  else
    _kefu_sqlite_bind_nick (stmt, 3, KEFU_TYPE_CHANNEL_KIND, channel);
}

static gboolean
finish_rows (KefuSqliteConnection  *conn,
             int                    rc,
             GError               **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  return _kefu_sqlite_set_error (conn->db, rc, error);
}

static gboolean
read_tickets (KefuSqliteConnection  *conn,
              KefuReportFacts       *facts,
              gboolean               subjects,
              GError               **error)
{
  /* Without subjects, every column is in the tickets_created index. */
  static const char sql[] =
    "SELECT t.id, 0, '', t.channel, t.status, coalesce (t.assignee_id, 0),"
    " t.created_at, t.resolved_at, t.first_agent_reply_at, t.agent_reply_count, t.robot_message_count"
    " FROM tickets t INDEXED BY tickets_created"
    " WHERE t.created_at >= ?1 AND t.created_at < ?2 AND (?3 IS NULL OR t.channel = ?3)"
    " ORDER BY t.created_at, t.id";
  static const char subjects_sql[] =
    "SELECT t.id, t.number, t.subject, t.channel, t.status, coalesce (t.assignee_id, 0),"
    " t.created_at, t.resolved_at, t.first_agent_reply_at, t.agent_reply_count, t.robot_message_count"
    " FROM tickets t INDEXED BY tickets_created"
    " WHERE t.created_at >= ?1 AND t.created_at < ?2 AND (?3 IS NULL OR t.channel = ?3)"
    " ORDER BY t.created_at, t.id";
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, subjects ? subjects_sql : sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_period (stmt, facts->from, facts->to, facts->channel);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KefuReportTicket ticket = { 0 };

      ticket.id = sqlite3_column_int64 (stmt, 0);
      ticket.number = sqlite3_column_int64 (stmt, 1);
      ticket.subject = subjects ? kefu_report_facts_intern (facts, _kefu_sqlite_column_text (stmt, 2)) : "";
      ticket.channel = _kefu_sqlite_column_nick (stmt, 3, KEFU_TYPE_CHANNEL_KIND, KEFU_CHANNEL_KIND_EMAIL);
      ticket.status = _kefu_sqlite_column_nick (stmt, 4, KEFU_TYPE_TICKET_STATUS, KEFU_TICKET_STATUS_OPEN);
      ticket.assignee_id = sqlite3_column_int64 (stmt, 5);
      ticket.created_at = sqlite3_column_int64 (stmt, 6);
      ticket.resolved_at = sqlite3_column_int64 (stmt, 7);
      ticket.first_response_at = sqlite3_column_int64 (stmt, 8);
      ticket.agent_messages = (guint)sqlite3_column_int64 (stmt, 9);
      ticket.robot_messages = (guint)sqlite3_column_int64 (stmt, 10);
      g_array_append_val (facts->tickets, ticket);
    }
  return finish_rows (conn, rc, error);
}

static gboolean
read_open_at_start (KefuSqliteConnection  *conn,
                    KefuReportFacts       *facts,
                    GError               **error)
{
  /* Two ranges of one index rather than an OR the planner might scan. */
  static const char sql[] =
    "SELECT resolved_at FROM tickets INDEXED BY tickets_resolved"
    " WHERE resolved_at = 0 AND created_at < ?1 AND (?3 IS NULL OR channel = ?3) AND ?2 = ?2"
    " UNION ALL "
    "SELECT resolved_at FROM tickets INDEXED BY tickets_resolved"
    " WHERE resolved_at >= ?1 AND created_at < ?1 AND (?3 IS NULL OR channel = ?3)";
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_period (stmt, facts->from, facts->to, facts->channel);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 resolved_at = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (facts->open_at_start, resolved_at);
    }
  return finish_rows (conn, rc, error);
}

static gboolean
read_tags (KefuSqliteConnection  *conn,
           KefuReportFacts       *facts,
           GError               **error)
{
  /* ticket_tags carries its ticket's created_at and channel (0009), so
   * each tag's count is one range of a covering index: no sort of every
   * use, no probe per ticket (75 → 7 ms of CPU on 150,000 uses). */
  static const char sql[] =
    "WITH c AS MATERIALIZED"
    " (SELECT g.name AS name,"
    "   (SELECT count (*) FROM ticket_tags tt INDEXED BY ticket_tags_created"
    "    WHERE tt.tag_id = g.id AND tt.created_at >= ?1 AND tt.created_at < ?2"
    "    AND (?3 IS NULL OR tt.channel = ?3)) AS uses"
    "  FROM tags g)"
    " SELECT name, uses FROM c WHERE uses > 0 ORDER BY uses DESC, name LIMIT ?4";
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_period (stmt, facts->from, facts->to, facts->channel);
  sqlite3_bind_int (stmt, 4, MAX_TAGS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KefuReportCount tag;

      tag.name = kefu_report_facts_intern (facts, _kefu_sqlite_column_text (stmt, 0));
      tag.count = (guint)sqlite3_column_int64 (stmt, 1);
      g_array_append_val (facts->tags, tag);
    }
  return finish_rows (conn, rc, error);
}

static gboolean
read_calls (KefuSqliteConnection  *conn,
            KefuReportFacts       *facts,
            GError               **error)
{
  static const char sql[] =
    "SELECT coalesce (sum (answered_at > 0), 0),"
    " coalesce (sum (incoming <> 0 AND answered_at = 0), 0),"
    " coalesce (sum (CASE WHEN answered_at > 0 AND ended_at > answered_at"
    "                THEN ended_at - answered_at ELSE 0 END), 0)"
    " FROM calls INDEXED BY calls_started WHERE started_at >= ?1 AND started_at < ?2";
  g_autoptr (KefuSqliteStmt) stmt = NULL;
  int rc;

  /* Only the phone channel has calls. */
  if (facts->channel != KEFU_REPORT_ALL_CHANNELS && facts->channel != KEFU_CHANNEL_KIND_PHONE)
    return TRUE;

  stmt = _kefu_sqlite_prepare (conn, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, facts->from);
  sqlite3_bind_int64 (stmt, 2, facts->to);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      facts->calls = (guint)sqlite3_column_int64 (stmt, 0);
      facts->missed_calls = (guint)sqlite3_column_int64 (stmt, 1);
      facts->call_time = sqlite3_column_int64 (stmt, 2);
      rc = sqlite3_step (stmt);
    }
  return finish_rows (conn, rc, error);
}

static gboolean
read_ratings (KefuSqliteConnection  *conn,
              KefuReportFacts       *facts,
              GError               **error)
{
  static const char sql[] =
    "SELECT r.score, count (*) FROM ratings r JOIN tickets t ON t.id = r.ticket_id"
    " WHERE r.created_at >= ?1 AND r.created_at < ?2 AND (?3 IS NULL OR t.channel = ?3)"
    " GROUP BY r.score";
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_period (stmt, facts->from, facts->to, facts->channel);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int score = sqlite3_column_int (stmt, 0);

      if (score >= 1 && score <= 5)
        facts->ratings[score - 1] = (guint)sqlite3_column_int64 (stmt, 1);
    }
  return finish_rows (conn, rc, error);
}

static gboolean
read_agents (KefuSqliteConnection  *conn,
             KefuReportFacts       *facts,
             GError               **error)
{
  static const char sql[] = "SELECT id, name FROM agents ORDER BY id";
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KefuReportAgent agent;

      agent.id = sqlite3_column_int64 (stmt, 0);
      agent.name = kefu_report_facts_intern (facts, _kefu_sqlite_column_text (stmt, 1));
      g_array_append_val (facts->agents, agent);
    }
  return finish_rows (conn, rc, error);
}

static KefuReportFacts *
kefu_sqlite_store_report_facts (KefuStore  *store,
                                gint64      from,
                                gint64      to,
                                int         channel,
                                guint       flags,
                                GError    **error)
{
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuReportFacts) facts = kefu_report_facts_new (from, to, channel);

  /* One read transaction, so every part sees the same snapshot. */
  if (!_kefu_sqlite_exec (conn, "BEGIN", error))
    return NULL;
  if (!read_tickets (conn, facts, (flags & KEFU_REPORT_FACTS_SUBJECTS) != 0, error) ||
      !read_open_at_start (conn, facts, error) ||
      !read_tags (conn, facts, error) ||
      !read_ratings (conn, facts, error) ||
      !read_calls (conn, facts, error) ||
      !read_agents (conn, facts, error))
    {
      _kefu_sqlite_exec (conn, "ROLLBACK", NULL);
      return NULL;
    }
  if (!_kefu_sqlite_exec (conn, "COMMIT", error))
    return NULL;

  return g_steal_pointer (&facts);
}

static gint64
kefu_sqlite_store_insert_rating (KefuStore   *store,
                                 gint64       ticket_id,
                                 int          score,
                                 const char  *comment,
                                 gint64       created_at,
                                 GError     **error)
{
  static const char sql[] =
    "INSERT INTO ratings (ticket_id, score, comment, created_at) VALUES (?1, ?2, ?3, ?4)";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = NULL;
  g_autofree char *clean = comment != NULL ? kefu_text_clean (comment, 4000) : NULL;

  if (score < 1 || score > 5)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("A rating must be from 1 to 5, not %d."), score);
      return 0;
    }

  stmt = _kefu_sqlite_prepare (conn, sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_int (stmt, 2, score);
  _kefu_sqlite_bind_text (stmt, 3, clean);
  sqlite3_bind_int64 (stmt, 4, created_at);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (conn->db);
}

static gboolean
kefu_sqlite_store_insert_call (KefuStore   *store,
                               gint64       message_id,
                               gboolean     incoming,
                               const char  *outcome,
                               gint64       started_at,
                               gint64       answered_at,
                               gint64       ended_at,
                               GError     **error)
{
  static const char sql[] =
    "INSERT OR REPLACE INTO calls (message_id, incoming, outcome, started_at, answered_at, ended_at)"
    " SELECT id, ?2, ?3, ?4, ?5, ?6 FROM messages WHERE id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = NULL;
  g_autofree char *clean = kefu_text_clean (outcome, 32);

  stmt = _kefu_sqlite_prepare (conn, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, message_id);
  sqlite3_bind_int (stmt, 2, incoming ? 1 : 0);
  _kefu_sqlite_bind_text (stmt, 3, clean);
  sqlite3_bind_int64 (stmt, 4, started_at);
  sqlite3_bind_int64 (stmt, 5, answered_at);
  sqlite3_bind_int64 (stmt, 6, ended_at);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return FALSE;
  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("There is no message %" PRId64 " to keep a call for."), message_id);
      return FALSE;
    }
  return TRUE;
}

void
_kefu_sqlite_store_reports_init (KefuStoreInterface *iface)
{
  iface->report_facts = kefu_sqlite_store_report_facts;
  iface->insert_rating = kefu_sqlite_store_insert_rating;
  iface->insert_call = kefu_sqlite_store_insert_call;
}
