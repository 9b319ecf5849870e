/* kefu-sqlite-store-messages.c: messages, attachments, thread keys and delivery states.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "kefu-enums.h"
#include "kefu-sqlite-store-private.h"
#include "kefu-text.h"

#define CONN(store) _kefu_sqlite_store_get_connection (KEFU_SQLITE_STORE (store))

#define MESSAGE_COLUMNS \
  "m.id, m.ticket_id, m.direction, m.channel, m.account_id, m.agent_id, m.author_name," \
  " m.author_address, m.recipient, m.subject, m.text, m.html, m.external_id," \
  " m.delivery_state, m.delivery_error, m.created_at, m.updated_at"

static KefuMessage *
message_from_row (KefuSqliteStmt *stmt,
                  GPtrArray      *attachments)
{
  KefuMessageFields fields = { 0 };

  fields.id = sqlite3_column_int64 (stmt, 0);
  fields.ticket_id = sqlite3_column_int64 (stmt, 1);
  fields.direction = _kefu_sqlite_column_nick (stmt, 2, KEFU_TYPE_DIRECTION, KEFU_DIRECTION_SYSTEM);
  fields.channel = _kefu_sqlite_column_nick (stmt, 3, KEFU_TYPE_CHANNEL_KIND, KEFU_CHANNEL_KIND_EMAIL);
  fields.account_id = sqlite3_column_int64 (stmt, 4);
  fields.agent_id = sqlite3_column_int64 (stmt, 5);
  fields.author_name = _kefu_sqlite_column_text (stmt, 6);
  fields.author_address = _kefu_sqlite_column_text (stmt, 7);
  fields.recipient = _kefu_sqlite_column_text (stmt, 8);
  fields.subject = _kefu_sqlite_column_text (stmt, 9);
  fields.text = _kefu_sqlite_column_text (stmt, 10);
  fields.html = _kefu_sqlite_column_text (stmt, 11);
  fields.external_id = _kefu_sqlite_column_text (stmt, 12);
  fields.delivery_state = _kefu_sqlite_column_nick (stmt, 13, KEFU_TYPE_DELIVERY_STATE, KEFU_DELIVERY_STATE_NONE);
  fields.delivery_error = _kefu_sqlite_column_text (stmt, 14);
  fields.created_at = sqlite3_column_int64 (stmt, 15);
  fields.updated_at = sqlite3_column_int64 (stmt, 16);

  return kefu_message_new (&fields, attachments);
}

static KefuAttachment *
attachment_from_row (KefuSqliteStmt *stmt)
{
  KefuAttachmentFields fields = { 0 };

  fields.id = sqlite3_column_int64 (stmt, 0);
  fields.message_id = sqlite3_column_int64 (stmt, 1);
  fields.hash = _kefu_sqlite_column_text (stmt, 2);
  fields.filename = _kefu_sqlite_column_text (stmt, 3);
  fields.mime_type = _kefu_sqlite_column_text (stmt, 4);
  fields.content_id = _kefu_sqlite_column_text (stmt, 5);
  fields.size = sqlite3_column_int64 (stmt, 6);

  return kefu_attachment_new (&fields);
}

/* Attachments of every message of a ticket (or of one message), by message id. */
static GHashTable *
load_attachments (KefuSqliteConnection  *conn,
                  gint64                 ticket_id,
                  gint64                 message_id,
                  GError               **error)
{
  static const char ticket_sql[] =
    "SELECT a.id, a.message_id, a.hash, a.filename, a.mime_type, a.content_id, a.size"
    " FROM attachments a JOIN messages m ON m.id = a.message_id"
    " WHERE m.ticket_id = ?1 ORDER BY a.message_id, a.id";
  static const char message_sql[] =
    "SELECT id, message_id, hash, filename, mime_type, content_id, size"
    " FROM attachments WHERE message_id = ?1 ORDER BY id";
  g_autoptr (KefuSqliteStmt) stmt = NULL;
  g_autoptr (GHashTable) by_message = NULL;
  int rc;

  stmt = _kefu_sqlite_prepare (conn, ticket_id > 0 ? ticket_sql : message_sql, error);
  if (stmt == NULL)
    return NULL;

  by_message = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify)g_ptr_array_unref);
  sqlite3_bind_int64 (stmt, 1, ticket_id > 0 ? ticket_id : message_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 1);
      GPtrArray *list = g_hash_table_lookup (by_message, &id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_message, g_memdup2 (&id, sizeof id), list);
        }
      g_ptr_array_add (list, attachment_from_row (stmt));
    }

  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&by_message);
}

static GPtrArray *
kefu_sqlite_store_list_messages (KefuStore  *store,
                                 gint64      ticket_id,
                                 GError    **error)
{
  static const char sql[] =
    "SELECT " MESSAGE_COLUMNS " FROM messages m WHERE m.ticket_id = ?1 ORDER BY m.created_at, m.id";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (GHashTable) attachments = NULL;
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (KefuSqliteStmt) stmt = NULL;
  int rc;

  attachments = load_attachments (conn, ticket_id, 0, error);
  if (attachments == NULL)
    return NULL;

  stmt = _kefu_sqlite_prepare (conn, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, ticket_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_ptr_array_add (messages, message_from_row (stmt, g_hash_table_lookup (attachments, &id)));
    }

  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&messages);
}

static KefuMessage *
kefu_sqlite_store_get_message (KefuStore  *store,
                               gint64      message_id,
                               GError    **error)
{
  static const char sql[] = "SELECT " MESSAGE_COLUMNS " FROM messages m WHERE m.id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (GHashTable) attachments = NULL;
  g_autoptr (KefuSqliteStmt) stmt = NULL;
  int rc;

  attachments = load_attachments (conn, 0, message_id, error);
  if (attachments == NULL)
    return NULL;

  stmt = _kefu_sqlite_prepare (conn, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, message_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return message_from_row (stmt, g_hash_table_lookup (attachments, &message_id));
  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
               _("Message %" PRId64 " does not exist any more."), message_id);
  return NULL;
}

static GBytes *
kefu_sqlite_store_get_attachment_data (KefuStore   *store,
                                       const char  *hash,
                                       GError     **error)
{
  static const char sql[] = "SELECT data FROM attachment_blobs WHERE hash = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  _kefu_sqlite_bind_text (stmt, 1, hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
               _("The attachment’s content is missing from the database."));
  return NULL;
}

static gint64
kefu_sqlite_store_find_thread_key (KefuStore   *store,
                                   const char  *key,
                                   GError     **error)
{
  static const char sql[] = "SELECT ticket_id FROM thread_keys WHERE key = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return 0;

  _kefu_sqlite_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    _kefu_sqlite_set_error (conn->db, rc, error);

  return 0;
}

static gint64
kefu_sqlite_store_find_external_id (KefuStore        *store,
                                    KefuChannelKind   channel,
                                    const char       *external_id,
                                    gint64           *ticket_id,
                                    GError          **error)
{
  static const char sql[] =
    "SELECT id, ticket_id FROM messages WHERE channel = ?1 AND external_id = ?2";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (ticket_id != NULL)
    *ticket_id = 0;
  if (stmt == NULL)
    return 0;

  _kefu_sqlite_bind_nick (stmt, 1, KEFU_TYPE_CHANNEL_KIND, channel);
  _kefu_sqlite_bind_text (stmt, 2, external_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (ticket_id != NULL)
        *ticket_id = sqlite3_column_int64 (stmt, 1);
      return sqlite3_column_int64 (stmt, 0);
    }
  if (rc != SQLITE_DONE)
    _kefu_sqlite_set_error (conn->db, rc, error);

  return 0;
}

/* Keeps the ticket's list row (time, count, preview) and the customer's last
 * contact current, so lists never have to look at messages. */
static gboolean
update_summaries (KefuSqliteConnection     *conn,
                  const KefuMessageFields  *fields,
                  GError                  **error)
{
  static const char ticket_sql[] =
    "UPDATE tickets SET updated_at = max (updated_at, ?2), message_count = message_count + 1,"
    " preview = CASE WHEN ?3 IS NOT NULL AND ?2 >= updated_at THEN ?3 ELSE preview END"
    " WHERE id = ?1 RETURNING customer_id";
  static const char customer_sql[] =
    "UPDATE customers SET last_contact_at = max (last_contact_at, ?2) WHERE id = ?1";
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, ticket_sql, error);
  g_autofree char *preview = NULL;
  gint64 customer_id;
  int rc;

  if (stmt == NULL)
    return FALSE;

  if (fields->direction == KEFU_DIRECTION_IN ||
      fields->direction == KEFU_DIRECTION_OUT ||
      fields->direction == KEFU_DIRECTION_ROBOT)
    preview = kefu_text_preview (fields->text);

  sqlite3_bind_int64 (stmt, 1, fields->ticket_id);
  sqlite3_bind_int64 (stmt, 2, fields->created_at);
  _kefu_sqlite_bind_text (stmt, 3, preview);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Ticket %" PRId64 " does not exist any more. It may have been deleted."),
                   fields->ticket_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _kefu_sqlite_set_error (conn->db, rc, error);
  customer_id = sqlite3_column_int64 (stmt, 0);
  _kefu_sqlite_stmt_release (stmt);

  if (fields->direction != KEFU_DIRECTION_IN)
    return TRUE;

  {
    g_autoptr (KefuSqliteStmt) customer_stmt = _kefu_sqlite_prepare (conn, customer_sql, error);

    if (customer_stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (customer_stmt, 1, customer_id);
    sqlite3_bind_int64 (customer_stmt, 2, fields->created_at);

    return _kefu_sqlite_step_done (conn, customer_stmt, error);
  }
}

static gint64
kefu_sqlite_store_insert_message (KefuStore                *store,
                                  const KefuMessageFields  *fields,
                                  GError                  **error)
{
  static const char sql[] =
    "INSERT INTO messages (id, ticket_id, direction, channel, account_id, agent_id, author_name,"
    " author_address, recipient, subject, text, html, external_id, delivery_state,"
    " delivery_error, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
  KefuSqliteConnection *conn = CONN (store);
  gint64 message_id;
  int rc;

  {
    g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

    if (stmt == NULL)
      return 0;

    _kefu_sqlite_bind_id (stmt, 1, fields->id);
    sqlite3_bind_int64 (stmt, 2, fields->ticket_id);
    _kefu_sqlite_bind_nick (stmt, 3, KEFU_TYPE_DIRECTION, fields->direction);
    _kefu_sqlite_bind_nick (stmt, 4, KEFU_TYPE_CHANNEL_KIND, fields->channel);
    _kefu_sqlite_bind_id (stmt, 5, fields->account_id);
    _kefu_sqlite_bind_id (stmt, 6, fields->agent_id);
    _kefu_sqlite_bind_text (stmt, 7, fields->author_name ? fields->author_name : "");
    _kefu_sqlite_bind_text (stmt, 8, fields->author_address);
    _kefu_sqlite_bind_text (stmt, 9, fields->recipient);
    _kefu_sqlite_bind_text (stmt, 10, fields->subject);
    _kefu_sqlite_bind_text (stmt, 11, fields->text ? fields->text : "");
    _kefu_sqlite_bind_text (stmt, 12, fields->html);
    _kefu_sqlite_bind_text (stmt, 13, fields->external_id);
    _kefu_sqlite_bind_nick (stmt, 14, KEFU_TYPE_DELIVERY_STATE, fields->delivery_state);
    _kefu_sqlite_bind_text (stmt, 15, fields->delivery_error);
    sqlite3_bind_int64 (stmt, 16, fields->created_at);
    sqlite3_bind_int64 (stmt, 17, fields->updated_at > 0 ? fields->updated_at : fields->created_at);

    rc = sqlite3_step (stmt);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
      {
        g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CONFLICT,
                     _("This message is already stored."));
        return 0;
      }
    if (rc != SQLITE_DONE)
      {
        _kefu_sqlite_set_error (conn->db, rc, error);
        return 0;
      }
    message_id = sqlite3_last_insert_rowid (conn->db);
  }

  if (!update_summaries (conn, fields, error))
    return 0;

  kefu_store_note_change (store, fields->ticket_id, 0);

  return message_id;
}

static gint64
kefu_sqlite_store_insert_attachment (KefuStore                   *store,
                                     const KefuAttachmentFields  *fields,
                                     GBytes                      *data,
                                     GError                     **error)
{
  static const char blob_sql[] =
    "INSERT OR IGNORE INTO attachment_blobs (hash, size, data) VALUES (?1, ?2, ?3)";
  static const char sql[] =
    "INSERT INTO attachments (id, message_id, hash, filename, mime_type, content_id, size)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  KefuSqliteConnection *conn = CONN (store);
  g_autofree char *hash = NULL;
  gsize size;
  gconstpointer bytes;

  g_return_val_if_fail (data != NULL, 0);

  /* The hash is the blob's key: a wrong one would hand out someone else's file. */
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  if (fields->hash != NULL && g_ascii_strcasecmp (fields->hash, hash) != 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("An attachment’s content does not match its checksum."));
      return 0;
    }

  bytes = g_bytes_get_data (data, &size);

  {
    g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, blob_sql, error);

    if (stmt == NULL)
      return 0;
    _kefu_sqlite_bind_text (stmt, 1, hash);
    sqlite3_bind_int64 (stmt, 2, size);
    sqlite3_bind_blob64 (stmt, 3, bytes ? bytes : "", size, SQLITE_STATIC);
    if (!_kefu_sqlite_step_done (conn, stmt, error))
      return 0;
  }

  {
    g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

    if (stmt == NULL)
      return 0;
    _kefu_sqlite_bind_id (stmt, 1, fields->id);
    sqlite3_bind_int64 (stmt, 2, fields->message_id);
    _kefu_sqlite_bind_text (stmt, 3, hash);
    _kefu_sqlite_bind_text (stmt, 4, fields->filename ? fields->filename : "");
    _kefu_sqlite_bind_text (stmt, 5, fields->mime_type ? fields->mime_type : "application/octet-stream");
    _kefu_sqlite_bind_text (stmt, 6, fields->content_id);
    sqlite3_bind_int64 (stmt, 7, size);
    if (!_kefu_sqlite_step_done (conn, stmt, error))
      return 0;
  }

  return sqlite3_last_insert_rowid (conn->db);
}

/* A key another ticket already owns stays with it: a forged References
 * header must not pull someone else's conversation over. */
static gboolean
kefu_sqlite_store_insert_thread_key (KefuStore   *store,
                                     const char  *key,
                                     gint64       ticket_id,
                                     GError     **error)
{
  static const char sql[] = "INSERT OR IGNORE INTO thread_keys (key, ticket_id) VALUES (?1, ?2)";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autofree char *clean = kefu_text_clean_line (key, KEFU_TEXT_MAX_KEY);

  if (stmt == NULL)
    return FALSE;
  if (*clean == '\0')
    return TRUE;

  _kefu_sqlite_bind_text (stmt, 1, clean);
  sqlite3_bind_int64 (stmt, 2, ticket_id);

  return _kefu_sqlite_step_done (conn, stmt, error);
}

static gboolean
kefu_sqlite_store_set_delivery_state (KefuStore          *store,
                                      gint64              message_id,
                                      KefuDeliveryState   state,
                                      const char         *reason,
                                      GError            **error)
{
  static const char sql[] =
    "UPDATE messages SET delivery_state = ?2, delivery_error = ?3, updated_at = ?4"
    " WHERE id = ?1 RETURNING ticket_id";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autofree char *clean = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;

  if (reason != NULL)
    clean = kefu_text_clean_line (reason, 1000);
  sqlite3_bind_int64 (stmt, 1, message_id);
  _kefu_sqlite_bind_nick (stmt, 2, KEFU_TYPE_DELIVERY_STATE, state);
  _kefu_sqlite_bind_text (stmt, 3, clean);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Message %" PRId64 " does not exist any more."), message_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _kefu_sqlite_set_error (conn->db, rc, error);

  kefu_store_note_change (store, sqlite3_column_int64 (stmt, 0), 0);

  return TRUE;
}

void
_kefu_sqlite_store_messages_init (KefuStoreInterface *iface)
{
  iface->list_messages = kefu_sqlite_store_list_messages;
  iface->get_message = kefu_sqlite_store_get_message;
  iface->get_attachment_data = kefu_sqlite_store_get_attachment_data;
  iface->find_thread_key = kefu_sqlite_store_find_thread_key;
  iface->find_external_id = kefu_sqlite_store_find_external_id;
  iface->insert_message = kefu_sqlite_store_insert_message;
  iface->insert_attachment = kefu_sqlite_store_insert_attachment;
  iface->insert_thread_key = kefu_sqlite_store_insert_thread_key;
  iface->set_delivery_state = kefu_sqlite_store_set_delivery_state;
}
