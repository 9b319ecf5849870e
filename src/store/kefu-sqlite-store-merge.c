/* kefu-sqlite-store-merge.c: merging tickets and customers, merge suggestions
 * and a ticket's events in SQLite (0008-inbox-merge.sql).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "kefu-enums.h"
#include "kefu-inbox-records.h"
#include "kefu-sqlite-store-private.h"
#include "kefu-text.h"

#define CONN(store) _kefu_sqlite_store_get_connection (KEFU_SQLITE_STORE (store))

/* A ticket's timeline shows its events; more than this is a machine's doing. */
#define MAX_EVENTS       1000
#define MAX_MERGES       100
#define MAX_SUGGESTIONS  20

/* Runs @sql with ?1 = @id and joins the first column of every row, one per line. */
static char *
join_column (KefuSqliteConnection  *conn,
             const char            *sql,
             gint64                 id,
             guint                 *n_rows,
             GError               **error)
{
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GString) joined = g_string_new (NULL);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n++ > 0)
        g_string_append_c (joined, '\n');
      g_string_append (joined, _kefu_sqlite_column_text (stmt, 0) ? _kefu_sqlite_column_text (stmt, 0) : "");
    }
  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  if (n_rows != NULL)
    *n_rows = n;

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static gboolean
exec_ids (KefuSqliteConnection  *conn,
          const char            *sql,
          gint64                 a,
          gint64                 b,
          GError               **error)
{
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);

  return _kefu_sqlite_step_done (conn, stmt, error);
}

typedef struct
{
  gint64  number;
  gint64  customer_id;
  char   *status;
} TicketHead;

static void
ticket_head_clear (TicketHead *head)
{
  g_clear_pointer (&head->status, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TicketHead, ticket_head_clear)

static gboolean
read_ticket_head (KefuSqliteConnection  *conn,
                  gint64                 ticket_id,
                  TicketHead            *head,
                  GError               **error)
{
  static const char sql[] = "SELECT number, customer_id, status FROM tickets WHERE id = ?1";
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ticket_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Ticket %" PRId64 " does not exist any more. It may have been deleted."), ticket_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _kefu_sqlite_set_error (conn->db, rc, error);

  head->number = sqlite3_column_int64 (stmt, 0);
  head->customer_id = sqlite3_column_int64 (stmt, 1);
  head->status = g_strdup (_kefu_sqlite_column_text (stmt, 2));

  return TRUE;
}

static gboolean
status_is_done (const char *status)
{
  return g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "closed") == 0;
}

/* Recounts a ticket's messages and takes its preview from the newest one,
 * after messages moved in or out. */
static gboolean
refresh_summary (KefuSqliteConnection  *conn,
                 gint64                 ticket_id,
                 gint64                 now,
                 GError               **error)
{
  static const char newest_sql[] =
    "SELECT text FROM messages WHERE ticket_id = ?1 AND direction IN ('in', 'out', 'robot')"
    " ORDER BY created_at DESC, id DESC LIMIT 1";
  static const char update_sql[] =
    "UPDATE tickets SET message_count = (SELECT count (*) FROM messages WHERE ticket_id = ?1),"
    " preview = coalesce (?2, preview), updated_at = max (updated_at, ?3), version = version + 1"
    " WHERE id = ?1";
  g_autoptr (KefuSqliteStmt) newest = _kefu_sqlite_prepare (conn, newest_sql, error);
  g_autoptr (KefuSqliteStmt) update = NULL;
  g_autofree char *preview = NULL;
  int rc;

  if (newest == NULL)
    return FALSE;
  sqlite3_bind_int64 (newest, 1, ticket_id);
  rc = sqlite3_step (newest);
  if (rc == SQLITE_ROW)
    preview = kefu_text_preview (_kefu_sqlite_column_text (newest, 0));
  else if (rc != SQLITE_DONE)
    return _kefu_sqlite_set_error (conn->db, rc, error);

  update = _kefu_sqlite_prepare (conn, update_sql, error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, ticket_id);
  _kefu_sqlite_bind_text (update, 2, preview);
  sqlite3_bind_int64 (update, 3, now);

  return _kefu_sqlite_step_done (conn, update, error);
}

static gboolean
add_event (KefuStore   *store,
           gint64       ticket_id,
           gint64       agent_id,
           const char  *kind,
           gint64       number,
           gint64       now,
           GError     **error)
{
  g_autofree char *detail = g_strdup_printf ("%" PRId64, number);

  return KEFU_STORE_GET_IFACE (store)->insert_event (store, ticket_id, agent_id, kind, detail, now, error) > 0;
}

static gint64
kefu_sqlite_store_merge_tickets (KefuStore   *store,
                                 gint64       source_id,
                                 gint64       target_id,
                                 gint64       agent_id,
                                 gint64       now,
                                 GError     **error)
{
  static const char messages_sql[] = "SELECT id FROM messages WHERE ticket_id = ?1 ORDER BY id";
  static const char keys_sql[] = "SELECT key FROM thread_keys WHERE ticket_id = ?1 ORDER BY key";
  static const char move_messages_sql[] = "UPDATE messages SET ticket_id = ?2 WHERE ticket_id = ?1";
  static const char move_keys_sql[] = "UPDATE thread_keys SET ticket_id = ?2 WHERE ticket_id = ?1";
  static const char tags_sql[] =
    "INSERT INTO ticket_tags (ticket_id, tag_id) SELECT ?2, tag_id FROM ticket_tags WHERE ticket_id = ?1"
    " ON CONFLICT DO NOTHING";
  static const char close_sql[] =
    "UPDATE tickets SET status = 'closed', resolved_at = CASE WHEN resolved_at > 0 THEN resolved_at ELSE ?2 END"
    " WHERE id = ?1";
  static const char reopen_sql[] =
    "UPDATE tickets SET status = 'open', resolved_at = 0 WHERE id = ?1 AND status IN ('resolved', 'closed')";
  static const char record_sql[] =
    "INSERT INTO ticket_merges (source_id, target_id, source_status, target_status, message_ids, thread_keys,"
    " agent_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  KefuSqliteConnection *conn = CONN (store);
  g_auto (TicketHead) source = { 0 };
  g_auto (TicketHead) target = { 0 };
  g_autofree char *message_ids = NULL;
  g_autofree char *thread_keys = NULL;
  g_autoptr (KefuSqliteStmt) stmt = NULL;
  gboolean reopen;
  gint64 merge_id;

  if (!read_ticket_head (conn, source_id, &source, error) ||
      !read_ticket_head (conn, target_id, &target, error))
    return 0;

  /* Open work merged into a finished ticket opens it again. */
  reopen = !status_is_done (source.status) && status_is_done (target.status);

  message_ids = join_column (conn, messages_sql, source_id, NULL, error);
  if (message_ids == NULL)
    return 0;
  thread_keys = join_column (conn, keys_sql, source_id, NULL, error);
  if (thread_keys == NULL)
    return 0;

  /* The search index follows the messages (messages_fts_update). */
  if (!exec_ids (conn, move_messages_sql, source_id, target_id, error) ||
      !exec_ids (conn, move_keys_sql, source_id, target_id, error) ||
      !exec_ids (conn, tags_sql, source_id, target_id, error) ||
      !exec_ids (conn, close_sql, source_id, now, error))
    return 0;
  if (reopen)
    {
      stmt = _kefu_sqlite_prepare (conn, reopen_sql, error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, target_id);
      if (!_kefu_sqlite_step_done (conn, stmt, error))
        return 0;
      g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);
    }

  stmt = _kefu_sqlite_prepare (conn, record_sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, target_id);
  _kefu_sqlite_bind_text (stmt, 3, source.status);
  _kefu_sqlite_bind_text (stmt, 4, target.status);
  _kefu_sqlite_bind_text (stmt, 5, message_ids);
  _kefu_sqlite_bind_text (stmt, 6, thread_keys);
  _kefu_sqlite_bind_id (stmt, 7, agent_id);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;
  merge_id = sqlite3_last_insert_rowid (conn->db);

  if (!refresh_summary (conn, source_id, now, error) ||
      !refresh_summary (conn, target_id, now, error) ||
      !add_event (store, source_id, agent_id, "merged", target.number, now, error) ||
      !add_event (store, target_id, agent_id, "merged-from", source.number, now, error))
    return 0;
  if (reopen &&
      KEFU_STORE_GET_IFACE (store)->insert_event (store, target_id, agent_id, "status", "open", now, error) <= 0)
    return 0;

  kefu_store_note_change (store, source_id, source.customer_id);
  kefu_store_note_change (store, target_id, target.customer_id);

  return merge_id;
}

static gint64
kefu_sqlite_store_unmerge_tickets (KefuStore   *store,
                                   gint64       merge_id,
                                   gint64       now,
                                   GError     **error)
{
  static const char read_sql[] =
    "SELECT source_id, target_id, source_status, message_ids, thread_keys, agent_id, target_status,"
    " (SELECT count (*) FROM messages m WHERE m.ticket_id = ticket_merges.target_id AND m.direction = 'in'"
    "  AND m.created_at >= ticket_merges.created_at)"
    " FROM ticket_merges WHERE id = ?1";
  static const char message_sql[] = "UPDATE messages SET ticket_id = ?2 WHERE id = ?1 AND ticket_id = ?3";
  static const char key_sql[] = "UPDATE thread_keys SET ticket_id = ?2 WHERE key = ?1 AND ticket_id = ?3";
  static const char status_sql[] =
    "UPDATE tickets SET status = ?2,"
    " resolved_at = CASE WHEN ?2 NOT IN ('resolved', 'closed') THEN 0"
    " WHEN resolved_at > 0 THEN resolved_at ELSE updated_at END WHERE id = ?1";
  static const char delete_sql[] = "DELETE FROM ticket_merges WHERE id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, read_sql, error);
  g_auto (TicketHead) source = { 0 };
  g_auto (TicketHead) target = { 0 };
  g_auto (GStrv) message_ids = NULL;
  g_auto (GStrv) thread_keys = NULL;
  g_autofree char *status = NULL;
  g_autofree char *target_status = NULL;
  gint64 new_messages;
  gint64 source_id;
  gint64 target_id;
  gint64 agent_id;
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, merge_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("This merge was already undone."));
      return 0;
    }
  if (rc != SQLITE_ROW)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return 0;
    }
  source_id = sqlite3_column_int64 (stmt, 0);
  target_id = sqlite3_column_int64 (stmt, 1);
  status = g_strdup (_kefu_sqlite_column_text (stmt, 2));
  message_ids = g_strsplit (_kefu_sqlite_column_text (stmt, 3) ? _kefu_sqlite_column_text (stmt, 3) : "", "\n", -1);
  thread_keys = g_strsplit (_kefu_sqlite_column_text (stmt, 4) ? _kefu_sqlite_column_text (stmt, 4) : "", "\n", -1);
  agent_id = sqlite3_column_int64 (stmt, 5);
  target_status = g_strdup (_kefu_sqlite_column_text (stmt, 6));
  new_messages = sqlite3_column_int64 (stmt, 7);
  g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);

  if (!read_ticket_head (conn, source_id, &source, error) ||
      !read_ticket_head (conn, target_id, &target, error))
    return 0;

  for (guint i = 0; message_ids[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (message_ids[i], NULL, 10);

      if (id <= 0)
        continue;
      stmt = _kefu_sqlite_prepare (conn, message_sql, error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, source_id);
      sqlite3_bind_int64 (stmt, 3, target_id);
      if (!_kefu_sqlite_step_done (conn, stmt, error))
        return 0;
      g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);
    }

  for (guint i = 0; thread_keys[i] != NULL; i++)
    {
      if (*thread_keys[i] == '\0')
        continue;
      stmt = _kefu_sqlite_prepare (conn, key_sql, error);
      if (stmt == NULL)
        return 0;
      _kefu_sqlite_bind_text (stmt, 1, thread_keys[i]);
      sqlite3_bind_int64 (stmt, 2, source_id);
      sqlite3_bind_int64 (stmt, 3, target_id);
      if (!_kefu_sqlite_step_done (conn, stmt, error))
        return 0;
      g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);
    }

  stmt = _kefu_sqlite_prepare (conn, status_sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, source_id);
  _kefu_sqlite_bind_text (stmt, 2, status);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;
  g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);

  /* The target goes back to done only if the merge is what opened it:
   * not if the customer wrote to it since. */
  if (status_is_done (target_status) && g_strcmp0 (target.status, "open") == 0 && new_messages == 0)
    {
      stmt = _kefu_sqlite_prepare (conn, status_sql, error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, target_id);
      _kefu_sqlite_bind_text (stmt, 2, target_status);
      if (!_kefu_sqlite_step_done (conn, stmt, error))
        return 0;
      g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);
    }

  stmt = _kefu_sqlite_prepare (conn, delete_sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, merge_id);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;

  if (!refresh_summary (conn, source_id, now, error) ||
      !refresh_summary (conn, target_id, now, error) ||
      !add_event (store, source_id, agent_id, "unmerged", target.number, now, error) ||
      !add_event (store, target_id, agent_id, "unmerged-from", source.number, now, error))
    return 0;

  kefu_store_note_change (store, source_id, source.customer_id);
  kefu_store_note_change (store, target_id, target.customer_id);

  return source_id;
}

typedef struct
{
  char   *name;
  char   *company;
  char   *notes;
  char   *language;
  gint64  created_at;
  gint64  last_contact_at;
} CustomerHead;

static void
customer_head_clear (CustomerHead *head)
{
  g_clear_pointer (&head->name, g_free);
  g_clear_pointer (&head->company, g_free);
  g_clear_pointer (&head->notes, g_free);
  g_clear_pointer (&head->language, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CustomerHead, customer_head_clear)

static gboolean
read_customer_head (KefuSqliteConnection  *conn,
                    gint64                 customer_id,
                    CustomerHead          *head,
                    GError               **error)
{
  static const char sql[] =
    "SELECT name, company, notes, language, created_at, last_contact_at FROM customers WHERE id = ?1";
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("This customer no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _kefu_sqlite_set_error (conn->db, rc, error);

  head->name = g_strdup (_kefu_sqlite_column_text (stmt, 0));
  head->company = g_strdup (_kefu_sqlite_column_text (stmt, 1));
  head->notes = g_strdup (_kefu_sqlite_column_text (stmt, 2));
  head->language = g_strdup (_kefu_sqlite_column_text (stmt, 3));
  head->created_at = sqlite3_column_int64 (stmt, 4);
  head->last_contact_at = sqlite3_column_int64 (stmt, 5);

  return TRUE;
}

static void
note_tickets (KefuStore   *store,
              char *const *ticket_ids,
              gint64       customer_id)
{
  for (guint i = 0; ticket_ids[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (ticket_ids[i], NULL, 10);

      if (id > 0)
        kefu_store_note_change (store, id, customer_id);
    }
}

static gint64
kefu_sqlite_store_merge_customers (KefuStore   *store,
                                   gint64       source_id,
                                   gint64       target_id,
                                   gint64       now,
                                   GError     **error)
{
  static const char identities_sql[] = "SELECT id FROM identities WHERE customer_id = ?1 ORDER BY id";
  static const char tickets_sql[] = "SELECT id FROM tickets WHERE customer_id = ?1 ORDER BY id";
  static const char move_identities_sql[] = "UPDATE identities SET customer_id = ?2 WHERE customer_id = ?1";
  static const char move_tickets_sql[] =
    "UPDATE tickets SET customer_id = ?2, version = version + 1 WHERE customer_id = ?1";
  static const char move_merges_sql[] = "UPDATE customer_merges SET target_id = ?2 WHERE target_id = ?1";
  static const char target_sql[] =
    "UPDATE customers SET company = coalesce (company, ?2),"
    " notes = CASE WHEN ?3 IS NULL THEN notes WHEN notes IS NULL THEN ?3 ELSE notes || char (10) || char (10) || ?3 END,"
    " language = coalesce (language, ?4), last_contact_at = max (last_contact_at, ?5), updated_at = ?6"
    " WHERE id = ?1";
  static const char record_sql[] =
    "INSERT INTO customer_merges (source_id, target_id, source_name, source_company, source_notes,"
    " source_language, source_created, identity_ids, ticket_ids, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
  static const char delete_sql[] = "DELETE FROM customers WHERE id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_auto (CustomerHead) source = { 0 };
  g_auto (CustomerHead) target = { 0 };
  g_autofree char *identity_ids = NULL;
  g_autofree char *ticket_ids = NULL;
  g_auto (GStrv) tickets = NULL;
  g_autoptr (KefuSqliteStmt) stmt = NULL;
  gint64 merge_id;

  if (!read_customer_head (conn, source_id, &source, error) ||
      !read_customer_head (conn, target_id, &target, error))
    return 0;

  identity_ids = join_column (conn, identities_sql, source_id, NULL, error);
  if (identity_ids == NULL)
    return 0;
  ticket_ids = join_column (conn, tickets_sql, source_id, NULL, error);
  if (ticket_ids == NULL)
    return 0;

  if (!exec_ids (conn, move_identities_sql, source_id, target_id, error) ||
      !exec_ids (conn, move_tickets_sql, source_id, target_id, error) ||
      !exec_ids (conn, move_merges_sql, source_id, target_id, error))
    return 0;

  stmt = _kefu_sqlite_prepare (conn, target_sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, target_id);
  _kefu_sqlite_bind_text (stmt, 2, source.company);
  _kefu_sqlite_bind_text (stmt, 3, source.notes);
  _kefu_sqlite_bind_text (stmt, 4, source.language);
  sqlite3_bind_int64 (stmt, 5, source.last_contact_at);
  sqlite3_bind_int64 (stmt, 6, now);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;
  g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);

  stmt = _kefu_sqlite_prepare (conn, record_sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, target_id);
  _kefu_sqlite_bind_text (stmt, 3, source.name != NULL ? source.name : "");
  _kefu_sqlite_bind_text (stmt, 4, source.company);
  _kefu_sqlite_bind_text (stmt, 5, source.notes);
  _kefu_sqlite_bind_text (stmt, 6, source.language);
  sqlite3_bind_int64 (stmt, 7, source.created_at);
  _kefu_sqlite_bind_text (stmt, 8, identity_ids);
  _kefu_sqlite_bind_text (stmt, 9, ticket_ids);
  sqlite3_bind_int64 (stmt, 10, now);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;
  merge_id = sqlite3_last_insert_rowid (conn->db);
  g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);

  stmt = _kefu_sqlite_prepare (conn, delete_sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;

  tickets = g_strsplit (ticket_ids, "\n", -1);
  note_tickets (store, tickets, target_id);
  kefu_store_note_change (store, 0, source_id);
  kefu_store_note_change (store, 0, target_id);

  return merge_id;
}

static gint64
kefu_sqlite_store_unmerge_customers (KefuStore   *store,
                                     gint64       merge_id,
                                     gint64       now,
                                     GError     **error)
{
  static const char read_sql[] =
    "SELECT source_id, target_id, source_name, source_company, source_notes, source_language,"
    " source_created, identity_ids, ticket_ids FROM customer_merges WHERE id = ?1";
  static const char taken_sql[] = "SELECT count (*) FROM customers WHERE id = ?1";
  static const char insert_sql[] =
    "INSERT INTO customers (id, name, company, notes, language, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  static const char identity_sql[] = "UPDATE identities SET customer_id = ?2 WHERE id = ?1 AND customer_id = ?3";
  static const char ticket_sql[] =
    "UPDATE tickets SET customer_id = ?2, version = version + 1 WHERE id = ?1 AND customer_id = ?3";
  static const char delete_sql[] = "DELETE FROM customer_merges WHERE id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, read_sql, error);
  g_auto (CustomerHead) source = { 0 };
  g_auto (GStrv) identity_ids = NULL;
  g_auto (GStrv) ticket_ids = NULL;
  gint64 source_id;
  gint64 target_id;
  gint64 new_id;
  gboolean taken;
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, merge_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("These customers were already separated."));
      return 0;
    }
  if (rc != SQLITE_ROW)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return 0;
    }
  source_id = sqlite3_column_int64 (stmt, 0);
  target_id = sqlite3_column_int64 (stmt, 1);
  source.name = g_strdup (_kefu_sqlite_column_text (stmt, 2));
  source.company = g_strdup (_kefu_sqlite_column_text (stmt, 3));
  source.notes = g_strdup (_kefu_sqlite_column_text (stmt, 4));
  source.language = g_strdup (_kefu_sqlite_column_text (stmt, 5));
  source.created_at = sqlite3_column_int64 (stmt, 6);
  identity_ids = g_strsplit (_kefu_sqlite_column_text (stmt, 7) ? _kefu_sqlite_column_text (stmt, 7) : "", "\n", -1);
  ticket_ids = g_strsplit (_kefu_sqlite_column_text (stmt, 8) ? _kefu_sqlite_column_text (stmt, 8) : "", "\n", -1);
  g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);

  /* The customer comes back with its old id, unless a new customer took it. */
  stmt = _kefu_sqlite_prepare (conn, taken_sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, source_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return 0;
    }
  taken = sqlite3_column_int64 (stmt, 0) > 0;
  g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);

  stmt = _kefu_sqlite_prepare (conn, insert_sql, error);
  if (stmt == NULL)
    return 0;
  _kefu_sqlite_bind_id (stmt, 1, taken ? 0 : source_id);
  _kefu_sqlite_bind_text (stmt, 2, source.name != NULL ? source.name : "");
  _kefu_sqlite_bind_text (stmt, 3, source.company);
  _kefu_sqlite_bind_text (stmt, 4, source.notes);
  _kefu_sqlite_bind_text (stmt, 5, source.language);
  sqlite3_bind_int64 (stmt, 6, source.created_at);
  sqlite3_bind_int64 (stmt, 7, now);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;
  new_id = sqlite3_last_insert_rowid (conn->db);
  g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);

  for (guint pass = 0; pass < 2; pass++)
    {
      char **ids = pass == 0 ? identity_ids : ticket_ids;

      for (guint i = 0; ids[i] != NULL; i++)
        {
          gint64 id = g_ascii_strtoll (ids[i], NULL, 10);

          if (id <= 0)
            continue;
          stmt = _kefu_sqlite_prepare (conn, pass == 0 ? identity_sql : ticket_sql, error);
          if (stmt == NULL)
            return 0;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, new_id);
          sqlite3_bind_int64 (stmt, 3, target_id);
          if (!_kefu_sqlite_step_done (conn, stmt, error))
            return 0;
          g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);
        }
    }

  stmt = _kefu_sqlite_prepare (conn, delete_sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, merge_id);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;

  note_tickets (store, ticket_ids, new_id);
  kefu_store_note_change (store, 0, new_id);
  kefu_store_note_change (store, 0, target_id);

  return new_id;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  if (text == NULL || *text == '\0')
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;

  return n + 1;
}

static GPtrArray *
kefu_sqlite_store_list_customer_merges (KefuStore  *store,
                                        gint64      customer_id,
                                        GError    **error)
{
  static const char sql[] =
    "SELECT id, source_id, target_id, source_name, identity_ids, ticket_ids, created_at"
    " FROM customer_merges WHERE target_id = ?1 ORDER BY id DESC LIMIT ?2";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GPtrArray) merges = g_ptr_array_new_with_free_func ((GDestroyNotify) kefu_customer_merge_free);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int (stmt, 2, MAX_MERGES);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KefuCustomerMerge *merge = g_new0 (KefuCustomerMerge, 1);

      merge->id = sqlite3_column_int64 (stmt, 0);
      merge->source_id = sqlite3_column_int64 (stmt, 1);
      merge->target_id = sqlite3_column_int64 (stmt, 2);
      merge->source_name = g_strdup (_kefu_sqlite_column_text (stmt, 3));
      merge->n_identities = count_lines (_kefu_sqlite_column_text (stmt, 4));
      merge->n_tickets = count_lines (_kefu_sqlite_column_text (stmt, 5));
      merge->created_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (merges, merge);
    }
  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&merges);
}

static GPtrArray *
kefu_sqlite_store_list_merge_suggestions (KefuStore  *store,
                                          gint64      customer_id,
                                          GError    **error)
{
  /* Reason 0: an address left in chat (events of kind chat-contact, see
   * kefu-chat-channel.c) that is the other customer's, either way round.
   * Reason 1: phone numbers that end in the same nine digits (one kept
   * before the shop's region was set, one after). Reason 2: the very
   * same name. The first reason found for a customer wins. */
  static const char sql[] =
    "SELECT c.id, c.name, min (s.reason), s.detail FROM ("
    " SELECT i.customer_id AS other, 0 AS reason, i.value AS detail FROM tickets t"
    "  JOIN events e ON e.ticket_id = t.id AND e.kind = 'chat-contact'"
    "  JOIN identities i ON i.kind = 'email' AND i.value = lower (trim (json_extract (e.detail, '$.email')))"
    "  WHERE t.customer_id = ?1 AND i.customer_id <> ?1"
    " UNION ALL"
    " SELECT t.customer_id, 0, i.value FROM identities i"
    "  JOIN events e ON e.kind = 'chat-contact' AND lower (trim (json_extract (e.detail, '$.email'))) = i.value"
    "  JOIN tickets t ON t.id = e.ticket_id"
    "  WHERE i.customer_id = ?1 AND i.kind = 'email' AND t.customer_id <> ?1"
    " UNION ALL"
    " SELECT o.customer_id, 1, o.value FROM identities mine"
    "  JOIN identities o ON o.kind = 'phone' AND o.customer_id <> ?1 AND substr (o.value, -9) = substr (mine.value, -9)"
    "  WHERE mine.customer_id = ?1 AND mine.kind = 'phone' AND length (mine.value) >= 9"
    " UNION ALL"
    " SELECT o.id, 2, o.name FROM customers me JOIN customers o ON o.name = me.name AND o.id <> me.id"
    "  WHERE me.id = ?1 AND length (trim (me.name)) >= 2"
    ") s JOIN customers c ON c.id = s.other GROUP BY c.id ORDER BY min (s.reason), c.id LIMIT ?2";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GPtrArray) suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) kefu_merge_suggestion_free);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int (stmt, 2, MAX_SUGGESTIONS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KefuMergeSuggestion *suggestion = g_new0 (KefuMergeSuggestion, 1);

      suggestion->customer_id = sqlite3_column_int64 (stmt, 0);
      suggestion->customer_name = g_strdup (_kefu_sqlite_column_text (stmt, 1));
      suggestion->reason = CLAMP (sqlite3_column_int (stmt, 2), KEFU_MERGE_REASON_CHAT_EMAIL, KEFU_MERGE_REASON_NAME);
      suggestion->detail = g_strdup (_kefu_sqlite_column_text (stmt, 3));
      g_ptr_array_add (suggestions, suggestion);
    }
  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&suggestions);
}

static GPtrArray *
kefu_sqlite_store_list_events (KefuStore  *store,
                               gint64      ticket_id,
                               GError    **error)
{
  static const char sql[] =
    "SELECT e.id, e.ticket_id, e.agent_id, a.name, e.kind, e.detail, e.created_at"
    " FROM events e LEFT JOIN agents a ON a.id = e.agent_id"
    " WHERE e.ticket_id = ?1 ORDER BY e.created_at, e.id LIMIT ?2";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) kefu_ticket_event_free);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_int (stmt, 2, MAX_EVENTS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KefuTicketEvent *event = g_new0 (KefuTicketEvent, 1);

      event->id = sqlite3_column_int64 (stmt, 0);
      event->ticket_id = sqlite3_column_int64 (stmt, 1);
      event->agent_id = sqlite3_column_int64 (stmt, 2);
      event->agent_name = g_strdup (_kefu_sqlite_column_text (stmt, 3));
      event->kind = g_strdup (_kefu_sqlite_column_text (stmt, 4) ? _kefu_sqlite_column_text (stmt, 4) : "");
      event->detail = g_strdup (_kefu_sqlite_column_text (stmt, 5));
      event->created_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (events, event);
    }
  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&events);
}

void
_kefu_sqlite_store_merge_init (KefuStoreInterface *iface)
{
  iface->merge_tickets = kefu_sqlite_store_merge_tickets;
  iface->unmerge_tickets = kefu_sqlite_store_unmerge_tickets;
  iface->merge_customers = kefu_sqlite_store_merge_customers;
  iface->unmerge_customers = kefu_sqlite_store_unmerge_customers;
  iface->list_customer_merges = kefu_sqlite_store_list_customer_merges;
  iface->list_merge_suggestions = kefu_sqlite_store_list_merge_suggestions;
  iface->list_events = kefu_sqlite_store_list_events;
}
