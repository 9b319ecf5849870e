/* kefu-pg-store-inbox.c: canned replies, snoozes and customer edits in PostgreSQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kefu-canned.h"
#include "kefu-pg-store-private.h"
#include "kefu-text.h"

#define CONN(store) _kefu_pg_store_get_connection (KEFU_PG_STORE (store))

/* A shop has dozens of canned replies, not thousands; the picker lists them all. */
#define MAX_CANNED_REPLIES 1000

#define CANNED_COLUMNS "id, title, body, updated_at"

static KefuCannedReply *
canned_reply_from_row (const PGresult *result,
                       int             row)
{
  return kefu_canned_reply_new (_kefu_pg_int (result, row, 0),
                                _kefu_pg_text (result, row, 1),
                                _kefu_pg_text (result, row, 2),
                                _kefu_pg_int (result, row, 3));
}

static GPtrArray *
kefu_pg_store_list_canned_replies (KefuStore  *store,
                                   GError    **error)
{
  static const char sql[] =
    "SELECT " CANNED_COLUMNS " FROM canned_replies ORDER BY lower (title), id LIMIT $1";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autoptr (GPtrArray) replies = g_ptr_array_new_with_free_func (g_object_unref);

  _kefu_pg_param_int (&params, MAX_CANNED_REPLIES);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    g_ptr_array_add (replies, canned_reply_from_row (result, row));

  return g_steal_pointer (&replies);
}

static KefuCannedReply *
kefu_pg_store_get_canned_reply (KefuStore  *store,
                                gint64      id,
                                GError    **error)
{
  static const char sql[] = "SELECT " CANNED_COLUMNS " FROM canned_replies WHERE id = $1";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  _kefu_pg_param_int (&params, id);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("This canned reply no longer exists."));
      return NULL;
    }

  return canned_reply_from_row (result, 0);
}

static gint64
kefu_pg_store_save_canned_reply (KefuStore   *store,
                                 gint64       id,
                                 const char  *title,
                                 const char  *body,
                                 gint64       now,
                                 GError     **error)
{
  static const char insert_sql[] =
    "INSERT INTO canned_replies (title, body, created_at, updated_at) VALUES ($1, $2, $3, $3)"
    " RETURNING id";
  static const char update_sql[] =
    "UPDATE canned_replies SET title = $1, body = $2, updated_at = $3 WHERE id = $4 RETURNING id";
  g_autofree char *clean_title = kefu_text_clean_line (title, KEFU_CANNED_MAX_TITLE);
  g_autofree char *clean_body = NULL;
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

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

  _kefu_pg_param_text (&params, clean_title);
  _kefu_pg_param_text (&params, clean_body);
  _kefu_pg_param_int (&params, now);
  if (id > 0)
    _kefu_pg_param_int (&params, id);
  result = _kefu_pg_query (CONN (store), id > 0 ? update_sql : insert_sql, &params, error);
  if (result == NULL)
    return 0;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("This canned reply no longer exists."));
      return 0;
    }

  return _kefu_pg_int (result, 0, 0);
}

static gboolean
kefu_pg_store_delete_canned_reply (KefuStore  *store,
                                   gint64      id,
                                   GError    **error)
{
  static const char sql[] = "DELETE FROM canned_replies WHERE id = $1";
  g_auto (KefuPgParams) params = { 0 };

  _kefu_pg_param_int (&params, id);

  return _kefu_pg_exec (CONN (store), sql, &params, error);
}

static gboolean
kefu_pg_store_set_snooze (KefuStore  *store,
                          gint64      ticket_id,
                          gint64      until,
                          gint64      now,
                          GError    **error)
{
  static const char set_sql[] =
    "INSERT INTO snoozes (ticket_id, until, created_at) VALUES ($1, $2, $3)"
    " ON CONFLICT (ticket_id) DO UPDATE SET until = excluded.until, created_at = excluded.created_at";
  static const char delete_sql[] = "DELETE FROM snoozes WHERE ticket_id = $1";
  g_auto (KefuPgParams) params = { 0 };

  _kefu_pg_param_int (&params, ticket_id);
  if (until > 0)
    {
      _kefu_pg_param_int (&params, until);
      _kefu_pg_param_int (&params, now);
    }

  return _kefu_pg_exec (CONN (store), until > 0 ? set_sql : delete_sql, &params, error);
}

static gint64
kefu_pg_store_get_snooze (KefuStore  *store,
                          gint64      ticket_id,
                          GError    **error)
{
  static const char sql[] = "SELECT until FROM snoozes WHERE ticket_id = $1";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  _kefu_pg_param_int (&params, ticket_id);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return -1;

  return PQntuples (result) > 0 ? _kefu_pg_int (result, 0, 0) : 0;
}

/* Waking is done in batches; a backlog wakes over a few ticks. */
#define MAX_DUE_SNOOZES 500

static GArray *
kefu_pg_store_list_due_snoozes (KefuStore  *store,
                                gint64      now,
                                GError    **error)
{
  static const char sql[] =
    "SELECT ticket_id FROM snoozes WHERE until <= $1 ORDER BY until, ticket_id LIMIT $2";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  _kefu_pg_param_int (&params, now);
  _kefu_pg_param_int (&params, MAX_DUE_SNOOZES);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    {
      gint64 id = _kefu_pg_int (result, row, 0);

      g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}

/* Notes are for people, not archives: a few pages at most. */
#define MAX_NOTES (16 * 1024)

static gboolean
kefu_pg_store_update_customer (KefuStore   *store,
                               gint64       customer_id,
                               const char  *name,
                               const char  *company,
                               const char  *notes,
                               gint64       now,
                               GError     **error)
{
  static const char sql[] =
    "UPDATE customers SET name = $2, company = $3, notes = $4, updated_at = $5,"
    " search = $6::tsvector WHERE id = $1";
  KefuPgConnection *conn = CONN (store);
  g_autofree char *clean_name = kefu_text_clean_line (name, KEFU_TEXT_MAX_NAME);
  g_autofree char *clean_company = kefu_text_clean_line (company, KEFU_TEXT_MAX_NAME);
  g_autofree char *clean_notes = NULL;
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  const char *company_value;

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

  /* An empty company or note is no company or note. */
  company_value = clean_company != NULL && *g_strstrip (clean_company) != '\0' ? clean_company : NULL;
  _kefu_pg_param_int (&params, customer_id);
  _kefu_pg_param_text (&params, clean_name);
  _kefu_pg_param_text (&params, company_value);
  _kefu_pg_param_text (&params, clean_notes != NULL && *clean_notes != '\0' ? clean_notes : NULL);
  _kefu_pg_param_int (&params, now);
  _kefu_pg_param_take_text (&params, _kefu_pg_search_document (conn, clean_name, company_value));
  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return FALSE;

  if (g_strcmp0 (PQcmdTuples (result), "0") == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("This customer no longer exists."));
      return FALSE;
    }

  return TRUE;
}

void
_kefu_pg_store_inbox_init (KefuStoreInterface *iface)
{
  iface->list_canned_replies = kefu_pg_store_list_canned_replies;
  iface->get_canned_reply = kefu_pg_store_get_canned_reply;
  iface->save_canned_reply = kefu_pg_store_save_canned_reply;
  iface->delete_canned_reply = kefu_pg_store_delete_canned_reply;
  iface->set_snooze = kefu_pg_store_set_snooze;
  iface->get_snooze = kefu_pg_store_get_snooze;
  iface->list_due_snoozes = kefu_pg_store_list_due_snoozes;
  iface->update_customer = kefu_pg_store_update_customer;
}
