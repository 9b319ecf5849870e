/* kefu-sqlite-store-kb.c: the robot's knowledge base in SQLite (table kb_entries).
 *
 * Entries come and go as kb.json-style JSON (see kefu-store-kb.h); SQLite's
 * JSON functions take the array apart and put it together again, so no
 * entry type crosses from the robot into the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-sqlite-store-private.h"
#include "kefu-store-kb.h"

#define CONN(store) _kefu_sqlite_store_get_connection (KEFU_SQLITE_STORE (store))

static char *
kefu_sqlite_store_list_kb_entries (KefuStore  *store,
                                   GError    **error)
{
  static const char sql[] =
    "SELECT json_group_array (json_object ("
    "  'id', id, 'group', group_name, 'lang', lang, 'question', question,"
    "  'alternates', json (alternates), 'answer', answer, 'tags', json (tags),"
    "  'enabled', json (CASE WHEN enabled THEN 'true' ELSE 'false' END)))"
    " FROM (SELECT * FROM kb_entries ORDER BY position, id)";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_strdup (_kefu_sqlite_column_text (stmt, 0));
}

static gboolean
kefu_sqlite_store_put_kb_entries (KefuStore   *store,
                                  const char  *json,
                                  gboolean     replace_all,
                                  GError     **error)
{
  static const char check_sql[] =
    "SELECT CASE WHEN NOT json_valid (?1) THEN 0 WHEN json_type (?1) != 'array' THEN 0"
    " ELSE NOT EXISTS (SELECT 1 FROM json_each (?1) WHERE type != 'object'"
    "   OR json_type (value, '$.id') IS NOT 'text' OR json_type (value, '$.group') IS NOT 'text'"
    "   OR json_type (value, '$.lang') IS NOT 'text' OR json_type (value, '$.question') IS NOT 'text'"
    "   OR json_type (value, '$.answer') IS NOT 'text') END";
  static const char delete_sql[] = "DELETE FROM kb_entries";
  static const char put_sql[] =
    "INSERT INTO kb_entries (id, group_name, lang, question, alternates, answer, tags, enabled,"
    "                        position, updated_at)"
    " SELECT json_extract (value, '$.id'), json_extract (value, '$.group'),"
    "   json_extract (value, '$.lang'), json_extract (value, '$.question'),"
    "   coalesce (json_extract (value, '$.alternates'), '[]'), json_extract (value, '$.answer'),"
    "   coalesce (json_extract (value, '$.tags'), '[]'),"
    "   coalesce (json_extract (value, '$.enabled'), 1),"
    "   (SELECT coalesce (max (position), 0) FROM kb_entries) + key + 1, ?2"
    " FROM json_each (?1) WHERE true"
    " ON CONFLICT (id) DO UPDATE SET group_name = excluded.group_name, lang = excluded.lang,"
    "   question = excluded.question, alternates = excluded.alternates, answer = excluded.answer,"
    "   tags = excluded.tags, enabled = excluded.enabled, updated_at = excluded.updated_at";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) check = _kefu_sqlite_prepare (conn, check_sql, error);
  g_autoptr (KefuSqliteStmt) put = NULL;
  int rc;

  if (check == NULL)
    return FALSE;
  _kefu_sqlite_bind_text (check, 1, json);
  rc = sqlite3_step (check);
  if (rc != SQLITE_ROW)
    return _kefu_sqlite_set_error (conn->db, rc, error);
  if (sqlite3_column_int (check, 0) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("These knowledge-base entries are not valid; each needs an id, a group, a language, a question and an answer."));
      return FALSE;
    }

  if (replace_all)
    {
      g_autoptr (KefuSqliteStmt) delete = _kefu_sqlite_prepare (conn, delete_sql, error);

      if (delete == NULL || !_kefu_sqlite_step_done (conn, delete, error))
        return FALSE;
    }

  put = _kefu_sqlite_prepare (conn, put_sql, error);
  if (put == NULL)
    return FALSE;
  _kefu_sqlite_bind_text (put, 1, json);
  sqlite3_bind_int64 (put, 2, g_get_real_time ());

  return _kefu_sqlite_step_done (conn, put, error);
}

static gboolean
kefu_sqlite_store_delete_kb_entry (KefuStore   *store,
                                   const char  *id,
                                   GError     **error)
{
  static const char sql[] = "DELETE FROM kb_entries WHERE id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

  if (stmt == NULL)
    return FALSE;

  _kefu_sqlite_bind_text (stmt, 1, id);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return FALSE;

  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("There is no knowledge-base entry “%s”."), id);
      return FALSE;
    }

  return TRUE;
}

void
_kefu_sqlite_store_kb_init (KefuStoreInterface *iface)
{
  iface->list_kb_entries = kefu_sqlite_store_list_kb_entries;
  iface->put_kb_entries = kefu_sqlite_store_put_kb_entries;
  iface->delete_kb_entry = kefu_sqlite_store_delete_kb_entry;
}
