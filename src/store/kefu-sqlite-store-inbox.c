/* kefu-sqlite-store-inbox.c: canned replies, snoozes and customer edits in SQLite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kefu-canned.h"
#include "kefu-sqlite-store-private.h"
#include "kefu-text.h"

#define CONN(store) _kefu_sqlite_store_get_connection (KEFU_SQLITE_STORE (store))

/* A shop has dozens of canned replies, not thousands; the picker lists them all. */
#define MAX_CANNED_REPLIES 1000

#define CANNED_COLUMNS "id, title, body, updated_at"

static KefuCannedReply *
canned_reply_from_row (KefuSqliteStmt *stmt)
{
  return kefu_canned_reply_new (sqlite3_column_int64 (stmt, 0),
                                _kefu_sqlite_column_text (stmt, 1),
                                _kefu_sqlite_column_text (stmt, 2),
                                sqlite3_column_int64 (stmt, 3));
}

static GPtrArray *
kefu_sqlite_store_list_canned_replies (KefuStore  *store,
                                       GError    **error)
{
  static const char sql[] =
    "SELECT " CANNED_COLUMNS " FROM canned_replies"
    " ORDER BY title COLLATE NOCASE, id LIMIT ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GPtrArray) replies = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, MAX_CANNED_REPLIES);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (replies, canned_reply_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&replies);
}

static KefuCannedReply *
kefu_sqlite_store_get_canned_reply (KefuStore  *store,
                                    gint64      id,
                                    GError    **error)
{
  static const char sql[] = "SELECT " CANNED_COLUMNS " FROM canned_replies WHERE id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return canned_reply_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                 _("This canned reply no longer exists."));
  else
    _kefu_sqlite_set_error (conn->db, rc, error);

  return NULL;
}

static gint64
kefu_sqlite_store_save_canned_reply (KefuStore   *store,
                                     gint64       id,
                                     const char  *title,
                                     const char  *body,
                                     gint64       now,
                                     GError     **error)
{
  static const char insert_sql[] =
    "INSERT INTO canned_replies (title, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)";
  static const char update_sql[] =
    "UPDATE canned_replies SET title = ?1, body = ?2, updated_at = ?3 WHERE id = ?4";
  KefuSqliteConnection *conn = CONN (store);
  g_autofree char *clean_title = kefu_text_clean_line (title, KEFU_CANNED_MAX_TITLE);
  g_autofree char *clean_body = NULL;
  g_autoptr (KefuSqliteStmt) stmt = NULL;

  if (body != NULL && strlen (body) > KEFU_CANNED_MAX_BODY)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("This canned reply is too long. Shorten it and save it again."));
      return 0;
    }
  clean_body = kefu_text_clean (body, KEFU_CANNED_MAX_BODY);
  if (clean_title == NULL || *g_strstrip (clean_title) == '\0' ||
      clean_body == NULL || *clean_body == '\0')
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("A canned reply needs a title and a text."));
      return 0;
    }

  stmt = _kefu_sqlite_prepare (conn, id > 0 ? update_sql : insert_sql, error);
  if (stmt == NULL)
    return 0;

  _kefu_sqlite_bind_text (stmt, 1, clean_title);
  _kefu_sqlite_bind_text (stmt, 2, clean_body);
  sqlite3_bind_int64 (stmt, 3, now);
  if (id > 0)
    sqlite3_bind_int64 (stmt, 4, id);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;

  if (id > 0 && sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("This canned reply no longer exists."));
      return 0;
    }

  return id > 0 ? id : sqlite3_last_insert_rowid (conn->db);
}

static gboolean
kefu_sqlite_store_delete_canned_reply (KefuStore  *store,
                                       gint64      id,
                                       GError    **error)
{
  static const char sql[] = "DELETE FROM canned_replies WHERE id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  return _kefu_sqlite_step_done (conn, stmt, error);
}

static gboolean
kefu_sqlite_store_set_snooze (KefuStore  *store,
                              gint64      ticket_id,
                              gint64      until,
                              gint64      now,
                              GError    **error)
{
  static const char set_sql[] =
    "INSERT INTO snoozes (ticket_id, until, created_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (ticket_id) DO UPDATE SET until = excluded.until, created_at = excluded.created_at";
  static const char delete_sql[] = "DELETE FROM snoozes WHERE ticket_id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, until > 0 ? set_sql : delete_sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ticket_id);
  if (until > 0)
    {
      sqlite3_bind_int64 (stmt, 2, until);
      sqlite3_bind_int64 (stmt, 3, now);
    }

  return _kefu_sqlite_step_done (conn, stmt, error);
}

static gint64
kefu_sqlite_store_get_snooze (KefuStore  *store,
                              gint64      ticket_id,
                              GError    **error)
{
  static const char sql[] = "SELECT until FROM snoozes WHERE ticket_id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, ticket_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;

  _kefu_sqlite_set_error (conn->db, rc, error);
  return -1;
}

/* Waking is done in batches; a backlog wakes over a few ticks. */
#define MAX_DUE_SNOOZES 500

static GArray *
kefu_sqlite_store_list_due_snoozes (KefuStore  *store,
                                    gint64      now,
                                    GError    **error)
{
  static const char sql[] =
    "SELECT ticket_id FROM snoozes WHERE until <= ?1 ORDER BY until, ticket_id LIMIT ?2";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int (stmt, 2, MAX_DUE_SNOOZES);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Notes are for people, not archives: a few pages at most. */
#define MAX_NOTES (16 * 1024)

static gboolean
kefu_sqlite_store_update_customer (KefuStore   *store,
                                   gint64       customer_id,
                                   const char  *name,
                                   const char  *company,
                                   const char  *notes,
                                   gint64       now,
                                   GError     **error)
{
  static const char sql[] =
    "UPDATE customers SET name = ?2, company = ?3, notes = ?4, updated_at = ?5 WHERE id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autofree char *clean_name = kefu_text_clean_line (name, KEFU_TEXT_MAX_NAME);
  g_autofree char *clean_company = kefu_text_clean_line (company, KEFU_TEXT_MAX_NAME);
  g_autofree char *clean_notes = NULL;
  g_autoptr (KefuSqliteStmt) stmt = NULL;

  if (notes != NULL && strlen (notes) > MAX_NOTES)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("These notes are too long. Shorten them and save again."));
      return FALSE;
    }
  if (clean_name == NULL || *g_strstrip (clean_name) == '\0')
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("A customer needs a name."));
      return FALSE;
    }
  clean_notes = kefu_text_clean (notes, MAX_NOTES);

  stmt = _kefu_sqlite_prepare (conn, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  _kefu_sqlite_bind_text (stmt, 2, clean_name);
  /* An empty company or note is no company or note. */
  _kefu_sqlite_bind_text (stmt, 3, clean_company != NULL && *g_strstrip (clean_company) != '\0' ? clean_company : NULL);
  _kefu_sqlite_bind_text (stmt, 4, clean_notes != NULL && *clean_notes != '\0' ? clean_notes : NULL);
  sqlite3_bind_int64 (stmt, 5, now);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return FALSE;

  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("This customer no longer exists."));
      return FALSE;
    }

  return TRUE;
}

void
_kefu_sqlite_store_inbox_init (KefuStoreInterface *iface)
{
  iface->list_canned_replies = kefu_sqlite_store_list_canned_replies;
  iface->get_canned_reply = kefu_sqlite_store_get_canned_reply;
  iface->save_canned_reply = kefu_sqlite_store_save_canned_reply;
  iface->delete_canned_reply = kefu_sqlite_store_delete_canned_reply;
  iface->set_snooze = kefu_sqlite_store_set_snooze;
  iface->get_snooze = kefu_sqlite_store_get_snooze;
  iface->list_due_snoozes = kefu_sqlite_store_list_due_snoozes;
  iface->update_customer = kefu_sqlite_store_update_customer;
  _kefu_sqlite_store_merge_init (iface);
  _kefu_sqlite_store_search_init (iface);
}
