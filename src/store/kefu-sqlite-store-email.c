/* kefu-sqlite-store-email.c: the email channel's reads and writes: its outbox and its accounts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "kefu-enums.h"
#include "kefu-sqlite-store-private.h"

#define CONN(store) _kefu_sqlite_store_get_connection (KEFU_SQLITE_STORE (store))

/* A reply without an account goes out through the account its ticket's
 * customer last wrote to. */
static gint64
kefu_sqlite_store_find_ticket_account (KefuStore  *store,
                                       gint64      ticket_id,
                                       GError    **error)
{
  static const char sql[] =
    "SELECT account_id FROM messages WHERE ticket_id = ?1 AND direction = 'in'"
    " AND account_id IS NOT NULL ORDER BY id DESC LIMIT 1";
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

static GPtrArray *
kefu_sqlite_store_list_queued_messages (KefuStore        *store,
                                        KefuChannelKind   channel,
                                        gint64            account_id,
                                        GError          **error)
{
  static const char sql[] =
    "SELECT m.id FROM messages m WHERE m.delivery_state = 'queued' AND m.channel = ?1"
    " AND (?2 = 0 OR m.account_id = ?2 OR (m.account_id IS NULL AND ?2 ="
    "  (SELECT i.account_id FROM messages i WHERE i.ticket_id = m.ticket_id AND i.direction = 'in'"
    "   AND i.account_id IS NOT NULL ORDER BY i.id DESC LIMIT 1)))"
    " ORDER BY m.id";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;

  _kefu_sqlite_bind_nick (stmt, 1, KEFU_TYPE_CHANNEL_KIND, channel);
  sqlite3_bind_int64 (stmt, 2, account_id);
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
  g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);

  for (guint i = 0; i < ids->len; i++)
    {
      KefuMessage *message = KEFU_STORE_GET_IFACE (store)->get_message (store, g_array_index (ids, gint64, i), error);

      if (message == NULL)
        return NULL;
      g_ptr_array_add (messages, message);
    }

  return g_steal_pointer (&messages);
}

static gboolean
kefu_sqlite_store_update_account (KefuStore                *store,
                                  const KefuAccountFields  *fields,
                                  GError                  **error)
{
  static const char sql[] =
    "UPDATE accounts SET name = ?2, address = ?3, config = ?4, enabled = ?5 WHERE id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, fields->id);
  _kefu_sqlite_bind_text (stmt, 2, fields->name ? fields->name : "");
  _kefu_sqlite_bind_text (stmt, 3, fields->address);
  _kefu_sqlite_bind_text (stmt, 4, fields->config ? fields->config : "{}");
  sqlite3_bind_int (stmt, 5, fields->enabled ? 1 : 0);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return FALSE;
  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Account %" PRId64 " does not exist."), fields->id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
kefu_sqlite_store_delete_account (KefuStore  *store,
                                  gint64      account_id,
                                  GError    **error)
{
  static const char sql[] = "DELETE FROM accounts WHERE id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account_id);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return FALSE;
  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Account %" PRId64 " does not exist."), account_id);
      return FALSE;
    }

  return TRUE;
}

/* A reply learns the id the peer knows it by (its Message-ID) once sent. */
static gboolean
kefu_sqlite_store_set_external_id (KefuStore   *store,
                                   gint64       message_id,
                                   const char  *external_id,
                                   GError     **error)
{
  static const char sql[] = "UPDATE messages SET external_id = ?2 WHERE id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, message_id);
  _kefu_sqlite_bind_text (stmt, 2, external_id);

  return _kefu_sqlite_step_done (conn, stmt, error);
}

void
_kefu_sqlite_store_email_init (KefuStoreInterface *iface)
{
  iface->list_queued_messages = kefu_sqlite_store_list_queued_messages;
  iface->find_ticket_account = kefu_sqlite_store_find_ticket_account;
  iface->update_account = kefu_sqlite_store_update_account;
  iface->delete_account = kefu_sqlite_store_delete_account;
  iface->set_external_id = kefu_sqlite_store_set_external_id;
}
