/* kefu-pg-store-messages.c: messages, attachments, thread keys and delivery states (PostgreSQL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "kefu-enums.h"
#include "kefu-pg-store-private.h"
#include "kefu-text.h"

#define CONN(store) _kefu_pg_store_get_connection (KEFU_PG_STORE (store))

#define MESSAGE_COLUMNS \
  "m.id, m.ticket_id, m.direction, m.channel, m.account_id, m.agent_id, m.author_name," \
  " m.author_address, m.recipient, m.subject, m.text, m.html, m.external_id," \
  " m.delivery_state, m.delivery_error, m.created_at, m.updated_at"

static KefuMessage *
message_from_row (const PGresult *result,
                  int             row,
                  GPtrArray      *attachments)
{
  KefuMessageFields fields = { 0 };

  fields.id = _kefu_pg_int (result, row, 0);
  fields.ticket_id = _kefu_pg_int (result, row, 1);
  fields.direction = _kefu_pg_nick (result, row, 2, KEFU_TYPE_DIRECTION, KEFU_DIRECTION_SYSTEM);
  fields.channel = _kefu_pg_nick (result, row, 3, KEFU_TYPE_CHANNEL_KIND, KEFU_CHANNEL_KIND_EMAIL);
  fields.account_id = _kefu_pg_int (result, row, 4);
  fields.agent_id = _kefu_pg_int (result, row, 5);
  fields.author_name = _kefu_pg_text (result, row, 6);
  fields.author_address = _kefu_pg_text (result, row, 7);
  fields.recipient = _kefu_pg_text (result, row, 8);
  fields.subject = _kefu_pg_text (result, row, 9);
  fields.text = _kefu_pg_text (result, row, 10);
  fields.html = _kefu_pg_text (result, row, 11);
  fields.external_id = _kefu_pg_text (result, row, 12);
  fields.delivery_state = _kefu_pg_nick (result, row, 13, KEFU_TYPE_DELIVERY_STATE, KEFU_DELIVERY_STATE_NONE);
  fields.delivery_error = _kefu_pg_text (result, row, 14);
  fields.created_at = _kefu_pg_int (result, row, 15);
  fields.updated_at = _kefu_pg_int (result, row, 16);

  return kefu_message_new (&fields, attachments);
}

static KefuAttachment *
attachment_from_row (const PGresult *result,
                     int             row)
{
  KefuAttachmentFields fields = { 0 };

  fields.id = _kefu_pg_int (result, row, 0);
  fields.message_id = _kefu_pg_int (result, row, 1);
  fields.hash = _kefu_pg_text (result, row, 2);
  fields.filename = _kefu_pg_text (result, row, 3);
  fields.mime_type = _kefu_pg_text (result, row, 4);
  fields.content_id = _kefu_pg_text (result, row, 5);
  fields.size = _kefu_pg_int (result, row, 6);

  return kefu_attachment_new (&fields);
}

/* Attachments of every message of a ticket (or of one message), by message id. */
static GHashTable *
load_attachments (KefuPgConnection  *conn,
                  gint64             ticket_id,
                  gint64             message_id,
                  GError           **error)
{
  static const char ticket_sql[] =
    "SELECT a.id, a.message_id, a.hash, a.filename, a.mime_type, a.content_id, a.size"
    " FROM attachments a JOIN messages m ON m.id = a.message_id"
    " WHERE m.ticket_id = $1 ORDER BY a.message_id, a.id";
  static const char message_sql[] =
    "SELECT id, message_id, hash, filename, mime_type, content_id, size"
    " FROM attachments WHERE message_id = $1 ORDER BY id";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autoptr (GHashTable) by_message = NULL;

  _kefu_pg_param_int (&params, ticket_id > 0 ? ticket_id : message_id);
  result = _kefu_pg_query (conn, ticket_id > 0 ? ticket_sql : message_sql, &params, error);
  if (result == NULL)
    return NULL;

  by_message = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify)g_ptr_array_unref);
  for (int row = 0; row < PQntuples (result); row++)
    {
      gint64 id = _kefu_pg_int (result, row, 1);
      GPtrArray *list = g_hash_table_lookup (by_message, &id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_message, g_memdup2 (&id, sizeof id), list);
        }
      g_ptr_array_add (list, attachment_from_row (result, row));
    }

  return g_steal_pointer (&by_message);
}

static GPtrArray *
kefu_pg_store_list_messages (KefuStore  *store,
                             gint64      ticket_id,
                             GError    **error)
{
  static const char sql[] =
    "SELECT " MESSAGE_COLUMNS " FROM messages m WHERE m.ticket_id = $1 ORDER BY m.created_at, m.id";
  KefuPgConnection *conn = CONN (store);
  g_autoptr (GHashTable) attachments = NULL;
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  attachments = load_attachments (conn, ticket_id, 0, error);
  if (attachments == NULL)
    return NULL;

  _kefu_pg_param_int (&params, ticket_id);
  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    {
      gint64 id = _kefu_pg_int (result, row, 0);

      g_ptr_array_add (messages, message_from_row (result, row, g_hash_table_lookup (attachments, &id)));
    }

  return g_steal_pointer (&messages);
}

static KefuMessage *
kefu_pg_store_get_message (KefuStore  *store,
                           gint64      message_id,
                           GError    **error)
{
  static const char sql[] = "SELECT " MESSAGE_COLUMNS " FROM messages m WHERE m.id = $1";
  KefuPgConnection *conn = CONN (store);
  g_autoptr (GHashTable) attachments = NULL;
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  attachments = load_attachments (conn, 0, message_id, error);
  if (attachments == NULL)
    return NULL;

  _kefu_pg_param_int (&params, message_id);
  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Message %" PRId64 " does not exist any more."), message_id);
      return NULL;
    }

  return message_from_row (result, 0, g_hash_table_lookup (attachments, &message_id));
}

static GBytes *
kefu_pg_store_get_attachment_data (KefuStore   *store,
                                   const char  *hash,
                                   GError     **error)
{
  static const char sql[] = "SELECT data FROM attachment_blobs WHERE hash = $1";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  unsigned char *data;
  size_t size = 0;
  GBytes *bytes;

  _kefu_pg_param_text (&params, hash);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("The attachment’s content is missing from the database."));
      return NULL;
    }

  data = PQunescapeBytea ((const unsigned char *)PQgetvalue (result, 0, 0), &size);
  if (data == NULL)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                   _("There is not enough memory to read this attachment."));
      return NULL;
    }
  bytes = g_bytes_new (data, size);
  PQfreemem (data);

  return bytes;
}

static gint64
kefu_pg_store_find_thread_key (KefuStore   *store,
                               const char  *key,
                               GError     **error)
{
  static const char sql[] = "SELECT ticket_id FROM thread_keys WHERE key = $1";
  g_auto (KefuPgParams) params = { 0 };

  _kefu_pg_param_text (&params, key);

  return _kefu_pg_query_id (CONN (store), sql, &params, error);
}

static gint64
kefu_pg_store_find_external_id (KefuStore        *store,
                                KefuChannelKind   channel,
                                const char       *external_id,
                                gint64           *ticket_id,
                                GError          **error)
{
  static const char sql[] =
    "SELECT id, ticket_id FROM messages WHERE channel = $1 AND external_id = $2";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  if (ticket_id != NULL)
    *ticket_id = 0;

  _kefu_pg_param_nick (&params, KEFU_TYPE_CHANNEL_KIND, channel);
  _kefu_pg_param_text (&params, external_id);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL || PQntuples (result) == 0)
    return 0;

  if (ticket_id != NULL)
    *ticket_id = _kefu_pg_int (result, 0, 1);

  return _kefu_pg_int (result, 0, 0);
}

/* Keeps the ticket's list row (time, count, preview) and the customer's last
 * contact current, so lists never have to look at messages. */
static gboolean
update_summaries (KefuPgConnection         *conn,
                  const KefuMessageFields  *fields,
                  GError                  **error)
{
  static const char ticket_sql[] =
    "UPDATE tickets SET updated_at = greatest (updated_at, $2), message_count = message_count + 1,"
    " preview = CASE WHEN $3::text IS NOT NULL AND $2 >= updated_at THEN $3::text ELSE preview END"
    " WHERE id = $1 RETURNING customer_id";
  static const char customer_sql[] =
    "UPDATE customers SET last_contact_at = greatest (last_contact_at, $2) WHERE id = $1";
  g_auto (KefuPgParams) params = { 0 };
  g_auto (KefuPgParams) customer_params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autofree char *preview = NULL;

  if (fields->direction == KEFU_DIRECTION_IN ||
      fields->direction == KEFU_DIRECTION_OUT ||
      fields->direction == KEFU_DIRECTION_ROBOT)
    preview = kefu_text_preview (fields->text);

  _kefu_pg_param_int (&params, fields->ticket_id);
  _kefu_pg_param_int (&params, fields->created_at);
  _kefu_pg_param_text (&params, preview);
  result = _kefu_pg_query (conn, ticket_sql, &params, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Ticket %" PRId64 " does not exist any more. It may have been deleted."),
                   fields->ticket_id);
      return FALSE;
    }

  if (fields->direction != KEFU_DIRECTION_IN)
    return TRUE;

  _kefu_pg_param_int (&customer_params, _kefu_pg_int (result, 0, 0));
  _kefu_pg_param_int (&customer_params, fields->created_at);

  return _kefu_pg_exec (conn, customer_sql, &customer_params, error);
}

static gint64
kefu_pg_store_insert_message (KefuStore                *store,
                              const KefuMessageFields  *fields,
                              GError                  **error)
{
  /* A duplicate (same external id) leaves the transaction usable. */
  static const char sql[] =
    "INSERT INTO messages (id, ticket_id, direction, channel, account_id, agent_id, author_name,"
    " author_address, recipient, subject, text, html, external_id, delivery_state,"
    " delivery_error, created_at, updated_at, search)"
    " VALUES (coalesce ($1::bigint, nextval ('messages_id_seq')), $2, $3, $4, $5, $6, $7, $8, $9,"
    " $10, $11, $12, $13, $14, $15, $16, $17, $18::tsvector)"
    " ON CONFLICT DO NOTHING RETURNING id";
  KefuPgConnection *conn = CONN (store);
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  gint64 message_id;

  _kefu_pg_param_id (&params, fields->id);
  _kefu_pg_param_int (&params, fields->ticket_id);
  _kefu_pg_param_nick (&params, KEFU_TYPE_DIRECTION, fields->direction);
  _kefu_pg_param_nick (&params, KEFU_TYPE_CHANNEL_KIND, fields->channel);
  _kefu_pg_param_id (&params, fields->account_id);
  _kefu_pg_param_id (&params, fields->agent_id);
  _kefu_pg_param_text (&params, fields->author_name ? fields->author_name : "");
  _kefu_pg_param_text (&params, fields->author_address);
  _kefu_pg_param_text (&params, fields->recipient);
  _kefu_pg_param_text (&params, fields->subject);
  _kefu_pg_param_text (&params, fields->text ? fields->text : "");
  _kefu_pg_param_text (&params, fields->html);
  _kefu_pg_param_text (&params, fields->external_id);
  _kefu_pg_param_nick (&params, KEFU_TYPE_DELIVERY_STATE, fields->delivery_state);
  _kefu_pg_param_text (&params, fields->delivery_error);
  _kefu_pg_param_int (&params, fields->created_at);
  _kefu_pg_param_int (&params, fields->updated_at > 0 ? fields->updated_at : fields->created_at);
  _kefu_pg_param_take_text (&params, _kefu_pg_search_document (conn, fields->text, NULL));

  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return 0;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CONFLICT,
                   _("This message is already stored."));
      return 0;
    }
  message_id = _kefu_pg_int (result, 0, 0);
  if (!_kefu_pg_bump_identity (conn, "messages_id_seq", fields->id, error))
    return 0;

  if (!update_summaries (conn, fields, error))
    return 0;

  kefu_store_note_change (store, fields->ticket_id, 0);

  return message_id;
}

static gint64
kefu_pg_store_insert_attachment (KefuStore                   *store,
                                 const KefuAttachmentFields  *fields,
                                 GBytes                      *data,
                                 GError                     **error)
{
  static const char blob_sql[] =
    "INSERT INTO attachment_blobs (hash, size, data) VALUES ($1, $2, $3)"
    " ON CONFLICT (hash) DO NOTHING";
  static const char sql[] =
    "INSERT INTO attachments (id, message_id, hash, filename, mime_type, content_id, size)"
    " VALUES (coalesce ($1::bigint, nextval ('attachments_id_seq')), $2, $3, $4, $5, $6, $7)"
    " RETURNING id";
  KefuPgConnection *conn = CONN (store);
  g_auto (KefuPgParams) blob_params = { 0 };
  g_auto (KefuPgParams) params = { 0 };
  g_autofree char *hash = NULL;
  GError *local_error = NULL;
  gint64 attachment_id;
  gconstpointer bytes;
  gsize size;

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
  if (size > G_MAXINT)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                   _("This attachment is too large to store."));
      return 0;
    }

  _kefu_pg_param_text (&blob_params, hash);
  _kefu_pg_param_int (&blob_params, size);
  _kefu_pg_param_bytes (&blob_params, bytes, size);
  if (!_kefu_pg_exec (conn, blob_sql, &blob_params, error))
    return 0;

  _kefu_pg_param_id (&params, fields->id);
  _kefu_pg_param_int (&params, fields->message_id);
  _kefu_pg_param_text (&params, hash);
  _kefu_pg_param_text (&params, fields->filename ? fields->filename : "");
  _kefu_pg_param_text (&params, fields->mime_type ? fields->mime_type : "application/octet-stream");
  _kefu_pg_param_text (&params, fields->content_id);
  _kefu_pg_param_int (&params, size);

  attachment_id = _kefu_pg_query_id (conn, sql, &params, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (!_kefu_pg_bump_identity (conn, "attachments_id_seq", fields->id, error))
    return 0;

  return attachment_id;
}

/* A key another ticket already owns stays with it: a forged References
 * header must not pull someone else's conversation over. */
static gboolean
kefu_pg_store_insert_thread_key (KefuStore   *store,
                                 const char  *key,
                                 gint64       ticket_id,
                                 GError     **error)
{
  static const char sql[] =
    "INSERT INTO thread_keys (key, ticket_id) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING";
  g_auto (KefuPgParams) params = { 0 };
  g_autofree char *clean = kefu_text_clean_line (key, KEFU_TEXT_MAX_KEY);

  if (*clean == '\0')
    return TRUE;

  _kefu_pg_param_text (&params, clean);
  _kefu_pg_param_int (&params, ticket_id);

  return _kefu_pg_exec (CONN (store), sql, &params, error);
}

static gboolean
kefu_pg_store_set_delivery_state (KefuStore          *store,
                                  gint64              message_id,
                                  KefuDeliveryState   state,
                                  const char         *reason,
                                  GError            **error)
{
  static const char sql[] =
    "UPDATE messages SET delivery_state = $2, delivery_error = $3, updated_at = $4"
    " WHERE id = $1 RETURNING ticket_id";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  _kefu_pg_param_int (&params, message_id);
  _kefu_pg_param_nick (&params, KEFU_TYPE_DELIVERY_STATE, state);
  _kefu_pg_param_take_text (&params, reason != NULL ? kefu_text_clean_line (reason, 1000) : NULL);
  _kefu_pg_param_int (&params, g_get_real_time ());
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Message %" PRId64 " does not exist any more."), message_id);
      return FALSE;
    }

  kefu_store_note_change (store, _kefu_pg_int (result, 0, 0), 0);

  return TRUE;
}

void
_kefu_pg_store_messages_init (KefuStoreInterface *iface)
{
  iface->list_messages = kefu_pg_store_list_messages;
  iface->get_message = kefu_pg_store_get_message;
  iface->get_attachment_data = kefu_pg_store_get_attachment_data;
  iface->find_thread_key = kefu_pg_store_find_thread_key;
  iface->find_external_id = kefu_pg_store_find_external_id;
  iface->insert_message = kefu_pg_store_insert_message;
  iface->insert_attachment = kefu_pg_store_insert_attachment;
  iface->insert_thread_key = kefu_pg_store_insert_thread_key;
  iface->set_delivery_state = kefu_pg_store_set_delivery_state;
}
