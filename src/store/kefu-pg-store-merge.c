/* kefu-pg-store-merge.c: merging tickets and customers, merge suggestions
 * and a ticket's events in PostgreSQL (0008-inbox-merge.sql).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "kefu-enums.h"
#include "kefu-inbox-records.h"
#include "kefu-pg-store-private.h"
#include "kefu-text.h"

#define CONN(store) _kefu_pg_store_get_connection (KEFU_PG_STORE (store))

/* A ticket's timeline shows its events; more than this is a machine's doing. */
#define MAX_EVENTS       1000
#define MAX_MERGES       100
#define MAX_SUGGESTIONS  20

/* Runs @sql with $1 = @id and joins the first column of every row, one per line. */
static char *
join_column (KefuPgConnection  *conn,
             const char        *sql,
             gint64             id,
             GError           **error)
{
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autoptr (GString) joined = g_string_new (NULL);

  _kefu_pg_param_int (&params, id);
  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    {
      if (row > 0)
        g_string_append_c (joined, '\n');
      g_string_append (joined, _kefu_pg_text (result, row, 0) ? _kefu_pg_text (result, row, 0) : "");
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static gboolean
exec_ids (KefuPgConnection  *conn,
          const char        *sql,
          gint64             a,
          gint64             b,
          GError           **error)
{
  g_auto (KefuPgParams) params = { 0 };

  _kefu_pg_param_int (&params, a);
  _kefu_pg_param_int (&params, b);

  return _kefu_pg_exec (conn, sql, &params, error);
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
read_ticket_head (KefuPgConnection  *conn,
                  gint64             ticket_id,
                  TicketHead        *head,
                  GError           **error)
{
  static const char sql[] = "SELECT number, customer_id, status FROM tickets WHERE id = $1 FOR UPDATE";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  _kefu_pg_param_int (&params, ticket_id);
  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Ticket %" PRId64 " does not exist any more. It may have been deleted."), ticket_id);
      return FALSE;
    }

  head->number = _kefu_pg_int (result, 0, 0);
  head->customer_id = _kefu_pg_int (result, 0, 1);
  head->status = g_strdup (_kefu_pg_text (result, 0, 2));

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
refresh_summary (KefuPgConnection  *conn,
                 gint64             ticket_id,
                 gint64             now,
                 GError           **error)
{
  static const char newest_sql[] =
    "SELECT text FROM messages WHERE ticket_id = $1 AND direction IN ('in', 'out', 'robot')"
    " ORDER BY created_at DESC, id DESC LIMIT 1";
  static const char update_sql[] =
    "UPDATE tickets SET message_count = (SELECT count (*) FROM messages WHERE ticket_id = $1),"
    " preview = coalesce ($2, preview), updated_at = greatest (updated_at, $3), version = version + 1"
    " WHERE id = $1";
  g_auto (KefuPgParams) newest_params = { 0 };
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) newest = NULL;
  g_autofree char *preview = NULL;

  _kefu_pg_param_int (&newest_params, ticket_id);
  newest = _kefu_pg_query (conn, newest_sql, &newest_params, error);
  if (newest == NULL)
    return FALSE;
  if (PQntuples (newest) > 0)
    preview = kefu_text_preview (_kefu_pg_text (newest, 0, 0));

  _kefu_pg_param_int (&params, ticket_id);
  _kefu_pg_param_text (&params, preview);
  _kefu_pg_param_int (&params, now);

  return _kefu_pg_exec (conn, update_sql, &params, error);
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
kefu_pg_store_merge_tickets (KefuStore   *store,
                             gint64       source_id,
                             gint64       target_id,
                             gint64       agent_id,
                             gint64       now,
                             GError     **error)
{
  static const char messages_sql[] = "SELECT id FROM messages WHERE ticket_id = $1 ORDER BY id";
  static const char keys_sql[] = "SELECT key FROM thread_keys WHERE ticket_id = $1 ORDER BY key";
  static const char move_messages_sql[] = "UPDATE messages SET ticket_id = $2 WHERE ticket_id = $1";
  static const char move_keys_sql[] = "UPDATE thread_keys SET ticket_id = $2 WHERE ticket_id = $1";
  static const char tags_sql[] =
    "INSERT INTO ticket_tags (ticket_id, tag_id) SELECT $2, tag_id FROM ticket_tags WHERE ticket_id = $1"
    " ON CONFLICT DO NOTHING";
  static const char close_sql[] =
    "UPDATE tickets SET status = 'closed', resolved_at = CASE WHEN resolved_at > 0 THEN resolved_at ELSE $2 END"
    " WHERE id = $1";
  static const char reopen_sql[] =
    "UPDATE tickets SET status = 'open', resolved_at = 0 WHERE id = $1 AND status IN ('resolved', 'closed')";
  static const char record_sql[] =
    "INSERT INTO ticket_merges (source_id, target_id, source_status, target_status, message_ids, thread_keys,"
    " agent_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
  KefuPgConnection *conn = CONN (store);
  g_auto (TicketHead) source = { 0 };
  g_auto (TicketHead) target = { 0 };
  g_auto (KefuPgParams) params = { 0 };
  g_autofree char *message_ids = NULL;
  g_autofree char *thread_keys = NULL;
  GError *local_error = NULL;
  gboolean reopen;
  gint64 merge_id;

  if (!read_ticket_head (conn, source_id, &source, error) ||
      !read_ticket_head (conn, target_id, &target, error))
    return 0;

  /* Open work merged into a finished ticket opens it again. */
  reopen = !status_is_done (source.status) && status_is_done (target.status);

  message_ids = join_column (conn, messages_sql, source_id, error);
  if (message_ids == NULL)
    return 0;
  thread_keys = join_column (conn, keys_sql, source_id, error);
  if (thread_keys == NULL)
    return 0;

  /* Messages carry their own search vectors: nothing to reindex. */
  if (!exec_ids (conn, move_messages_sql, source_id, target_id, error) ||
      !exec_ids (conn, move_keys_sql, source_id, target_id, error) ||
      !exec_ids (conn, tags_sql, source_id, target_id, error) ||
      !exec_ids (conn, close_sql, source_id, now, error))
    return 0;
  if (reopen)
    {
      g_auto (KefuPgParams) reopen_params = { 0 };

      _kefu_pg_param_int (&reopen_params, target_id);
      if (!_kefu_pg_exec (conn, reopen_sql, &reopen_params, error))
        return 0;
    }

  _kefu_pg_param_int (&params, source_id);
  _kefu_pg_param_int (&params, target_id);
  _kefu_pg_param_text (&params, source.status);
  _kefu_pg_param_text (&params, target.status);
  _kefu_pg_param_text (&params, message_ids);
  _kefu_pg_param_text (&params, thread_keys);
  _kefu_pg_param_id (&params, agent_id);
  _kefu_pg_param_int (&params, now);
  merge_id = _kefu_pg_query_id (conn, record_sql, &params, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }

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
kefu_pg_store_unmerge_tickets (KefuStore   *store,
                               gint64       merge_id,
                               gint64       now,
                               GError     **error)
{
  static const char read_sql[] =
    "SELECT source_id, target_id, source_status, message_ids, thread_keys, agent_id, target_status,"
    " (SELECT count (*) FROM messages m WHERE m.ticket_id = ticket_merges.target_id AND m.direction = 'in'"
    "  AND m.created_at >= ticket_merges.created_at)"
    " FROM ticket_merges WHERE id = $1 FOR UPDATE";
  static const char message_sql[] = "UPDATE messages SET ticket_id = $2 WHERE id = $1 AND ticket_id = $3";
  static const char key_sql[] = "UPDATE thread_keys SET ticket_id = $2 WHERE key = $1 AND ticket_id = $3";
  static const char status_sql[] =
    "UPDATE tickets SET status = $2,"
    " resolved_at = CASE WHEN $2 NOT IN ('resolved', 'closed') THEN 0"
    " WHEN resolved_at > 0 THEN resolved_at ELSE updated_at END WHERE id = $1";
  static const char delete_sql[] = "DELETE FROM ticket_merges WHERE id = $1";
  KefuPgConnection *conn = CONN (store);
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
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

  _kefu_pg_param_int (&params, merge_id);
  result = _kefu_pg_query (conn, read_sql, &params, error);
  if (result == NULL)
    return 0;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("This merge was already undone."));
      return 0;
    }
  source_id = _kefu_pg_int (result, 0, 0);
  target_id = _kefu_pg_int (result, 0, 1);
  status = g_strdup (_kefu_pg_text (result, 0, 2));
  message_ids = g_strsplit (_kefu_pg_text (result, 0, 3) ? _kefu_pg_text (result, 0, 3) : "", "\n", -1);
  thread_keys = g_strsplit (_kefu_pg_text (result, 0, 4) ? _kefu_pg_text (result, 0, 4) : "", "\n", -1);
  agent_id = _kefu_pg_int (result, 0, 5);
  target_status = g_strdup (_kefu_pg_text (result, 0, 6));
  new_messages = _kefu_pg_int (result, 0, 7);

  if (!read_ticket_head (conn, source_id, &source, error) ||
      !read_ticket_head (conn, target_id, &target, error))
    return 0;

  for (guint i = 0; message_ids[i] != NULL; i++)
    {
      g_auto (KefuPgParams) message_params = { 0 };
      gint64 id = g_ascii_strtoll (message_ids[i], NULL, 10);

      if (id <= 0)
        continue;
      _kefu_pg_param_int (&message_params, id);
      _kefu_pg_param_int (&message_params, source_id);
      _kefu_pg_param_int (&message_params, target_id);
      if (!_kefu_pg_exec (conn, message_sql, &message_params, error))
        return 0;
    }

  for (guint i = 0; thread_keys[i] != NULL; i++)
    {
      g_auto (KefuPgParams) key_params = { 0 };

      if (*thread_keys[i] == '\0')
        continue;
      _kefu_pg_param_text (&key_params, thread_keys[i]);
      _kefu_pg_param_int (&key_params, source_id);
      _kefu_pg_param_int (&key_params, target_id);
      if (!_kefu_pg_exec (conn, key_sql, &key_params, error))
        return 0;
    }

  {
    g_auto (KefuPgParams) status_params = { 0 };
    g_auto (KefuPgParams) delete_params = { 0 };

    _kefu_pg_param_int (&status_params, source_id);
    _kefu_pg_param_text (&status_params, status);
    _kefu_pg_param_int (&delete_params, merge_id);
    if (!_kefu_pg_exec (conn, status_sql, &status_params, error))
      return 0;

    /* The target goes back to done only if the merge is what opened it:
     * not if the customer wrote to it since. */
    if (status_is_done (target_status) && g_strcmp0 (target.status, "open") == 0 && new_messages == 0)
      {
        g_auto (KefuPgParams) target_params = { 0 };

        _kefu_pg_param_int (&target_params, target_id);
        _kefu_pg_param_text (&target_params, target_status);
        if (!_kefu_pg_exec (conn, status_sql, &target_params, error))
          return 0;
      }

    if (!_kefu_pg_exec (conn, delete_sql, &delete_params, error))
      return 0;
  }

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
read_customer_head (KefuPgConnection  *conn,
                    gint64             customer_id,
                    CustomerHead      *head,
                    GError           **error)
{
  static const char sql[] =
    "SELECT name, company, notes, language, created_at, last_contact_at FROM customers"
    " WHERE id = $1 FOR UPDATE";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  _kefu_pg_param_int (&params, customer_id);
  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("This customer no longer exists."));
      return FALSE;
    }

  head->name = g_strdup (_kefu_pg_text (result, 0, 0));
  head->company = g_strdup (_kefu_pg_text (result, 0, 1));
  head->notes = g_strdup (_kefu_pg_text (result, 0, 2));
  head->language = g_strdup (_kefu_pg_text (result, 0, 3));
  head->created_at = _kefu_pg_int (result, 0, 4);
  head->last_contact_at = _kefu_pg_int (result, 0, 5);

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
kefu_pg_store_merge_customers (KefuStore   *store,
                               gint64       source_id,
                               gint64       target_id,
                               gint64       now,
                               GError     **error)
{
  static const char identities_sql[] = "SELECT id FROM identities WHERE customer_id = $1 ORDER BY id";
  static const char tickets_sql[] = "SELECT id FROM tickets WHERE customer_id = $1 ORDER BY id";
  static const char move_identities_sql[] = "UPDATE identities SET customer_id = $2 WHERE customer_id = $1";
  static const char move_tickets_sql[] =
    "UPDATE tickets SET customer_id = $2, version = version + 1 WHERE customer_id = $1";
  static const char move_merges_sql[] = "UPDATE customer_merges SET target_id = $2 WHERE target_id = $1";
  static const char target_sql[] =
    "UPDATE customers SET company = coalesce (company, $2),"
    " notes = CASE WHEN $3::text IS NULL THEN notes WHEN notes IS NULL THEN $3::text"
    "  ELSE notes || chr (10) || chr (10) || $3::text END,"
    " language = coalesce (language, $4), last_contact_at = greatest (last_contact_at, $5), updated_at = $6"
    " WHERE id = $1 RETURNING name, company";
  static const char search_sql[] = "UPDATE customers SET search = $2::tsvector WHERE id = $1";
  static const char record_sql[] =
    "INSERT INTO customer_merges (source_id, target_id, source_name, source_company, source_notes,"
    " source_language, source_created, identity_ids, ticket_ids, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
  static const char delete_sql[] = "DELETE FROM customers WHERE id = $1";
  KefuPgConnection *conn = CONN (store);
  g_auto (CustomerHead) source = { 0 };
  g_auto (CustomerHead) target = { 0 };
  g_auto (KefuPgParams) target_params = { 0 };
  g_auto (KefuPgParams) search_params = { 0 };
  g_auto (KefuPgParams) record_params = { 0 };
  g_auto (KefuPgParams) delete_params = { 0 };
  g_autoptr (PGresult) updated = NULL;
  g_autofree char *identity_ids = NULL;
  g_autofree char *ticket_ids = NULL;
  g_auto (GStrv) tickets = NULL;
  GError *local_error = NULL;
  gint64 merge_id;

  if (!read_customer_head (conn, source_id, &source, error) ||
      !read_customer_head (conn, target_id, &target, error))
    return 0;

  identity_ids = join_column (conn, identities_sql, source_id, error);
  if (identity_ids == NULL)
    return 0;
  ticket_ids = join_column (conn, tickets_sql, source_id, error);
  if (ticket_ids == NULL)
    return 0;

  if (!exec_ids (conn, move_identities_sql, source_id, target_id, error) ||
      !exec_ids (conn, move_tickets_sql, source_id, target_id, error) ||
      !exec_ids (conn, move_merges_sql, source_id, target_id, error))
    return 0;

  _kefu_pg_param_int (&target_params, target_id);
  _kefu_pg_param_text (&target_params, source.company);
  _kefu_pg_param_text (&target_params, source.notes);
  _kefu_pg_param_text (&target_params, source.language);
  _kefu_pg_param_int (&target_params, source.last_contact_at);
  _kefu_pg_param_int (&target_params, now);
  updated = _kefu_pg_query (conn, target_sql, &target_params, error);
  if (updated == NULL)
    return 0;

  /* The company may have come over: the target is found by it now. */
  _kefu_pg_param_int (&search_params, target_id);
  _kefu_pg_param_take_text (&search_params,
                            _kefu_pg_search_document (conn, _kefu_pg_text (updated, 0, 0),
                                                      _kefu_pg_text (updated, 0, 1)));
  if (!_kefu_pg_exec (conn, search_sql, &search_params, error))
    return 0;

  _kefu_pg_param_int (&record_params, source_id);
  _kefu_pg_param_int (&record_params, target_id);
  _kefu_pg_param_text (&record_params, source.name != NULL ? source.name : "");
  _kefu_pg_param_text (&record_params, source.company);
  _kefu_pg_param_text (&record_params, source.notes);
  _kefu_pg_param_text (&record_params, source.language);
  _kefu_pg_param_int (&record_params, source.created_at);
  _kefu_pg_param_text (&record_params, identity_ids);
  _kefu_pg_param_text (&record_params, ticket_ids);
  _kefu_pg_param_int (&record_params, now);
  merge_id = _kefu_pg_query_id (conn, record_sql, &record_params, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }

  _kefu_pg_param_int (&delete_params, source_id);
  if (!_kefu_pg_exec (conn, delete_sql, &delete_params, error))
    return 0;

  tickets = g_strsplit (ticket_ids, "\n", -1);
  note_tickets (store, tickets, target_id);
  kefu_store_note_change (store, 0, source_id);
  kefu_store_note_change (store, 0, target_id);

  return merge_id;
}

static gint64
kefu_pg_store_unmerge_customers (KefuStore   *store,
                                 gint64       merge_id,
                                 gint64       now,
                                 GError     **error)
{
  static const char read_sql[] =
    "SELECT source_id, target_id, source_name, source_company, source_notes, source_language,"
    " source_created, identity_ids, ticket_ids FROM customer_merges WHERE id = $1 FOR UPDATE";
  static const char taken_sql[] = "SELECT count (*) FROM customers WHERE id = $1";
  static const char insert_sql[] =
    "INSERT INTO customers (id, name, company, notes, language, created_at, updated_at, search)"
    " VALUES (coalesce ($1::bigint, nextval ('customers_id_seq')), $2, $3, $4, $5, $6, $7, $8::tsvector)"
    " RETURNING id";
  static const char identity_sql[] = "UPDATE identities SET customer_id = $2 WHERE id = $1 AND customer_id = $3";
  static const char ticket_sql[] =
    "UPDATE tickets SET customer_id = $2, version = version + 1 WHERE id = $1 AND customer_id = $3";
  static const char delete_sql[] = "DELETE FROM customer_merges WHERE id = $1";
  KefuPgConnection *conn = CONN (store);
  g_auto (KefuPgParams) params = { 0 };
  g_auto (KefuPgParams) taken_params = { 0 };
  g_auto (KefuPgParams) insert_params = { 0 };
  g_auto (KefuPgParams) delete_params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_auto (CustomerHead) source = { 0 };
  g_auto (GStrv) identity_ids = NULL;
  g_auto (GStrv) ticket_ids = NULL;
  GError *local_error = NULL;
  gint64 source_id;
  gint64 target_id;
  gint64 new_id;
  gboolean taken;

  _kefu_pg_param_int (&params, merge_id);
  result = _kefu_pg_query (conn, read_sql, &params, error);
  if (result == NULL)
    return 0;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("These customers were already separated."));
      return 0;
    }
  source_id = _kefu_pg_int (result, 0, 0);
  target_id = _kefu_pg_int (result, 0, 1);
  source.name = g_strdup (_kefu_pg_text (result, 0, 2));
  source.company = g_strdup (_kefu_pg_text (result, 0, 3));
  source.notes = g_strdup (_kefu_pg_text (result, 0, 4));
  source.language = g_strdup (_kefu_pg_text (result, 0, 5));
  source.created_at = _kefu_pg_int (result, 0, 6);
  identity_ids = g_strsplit (_kefu_pg_text (result, 0, 7) ? _kefu_pg_text (result, 0, 7) : "", "\n", -1);
  ticket_ids = g_strsplit (_kefu_pg_text (result, 0, 8) ? _kefu_pg_text (result, 0, 8) : "", "\n", -1);

  /* The customer comes back with its old id, unless a new customer took it. */
  _kefu_pg_param_int (&taken_params, source_id);
  taken = _kefu_pg_query_id (conn, taken_sql, &taken_params, &local_error) > 0;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }

  _kefu_pg_param_id (&insert_params, taken ? 0 : source_id);
  _kefu_pg_param_text (&insert_params, source.name != NULL ? source.name : "");
  _kefu_pg_param_text (&insert_params, source.company);
  _kefu_pg_param_text (&insert_params, source.notes);
  _kefu_pg_param_text (&insert_params, source.language);
  _kefu_pg_param_int (&insert_params, source.created_at);
  _kefu_pg_param_int (&insert_params, now);
  _kefu_pg_param_take_text (&insert_params, _kefu_pg_search_document (conn, source.name, source.company));
  new_id = _kefu_pg_query_id (conn, insert_sql, &insert_params, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      char **ids = pass == 0 ? identity_ids : ticket_ids;

      for (guint i = 0; ids[i] != NULL; i++)
        {
          g_auto (KefuPgParams) move_params = { 0 };
          gint64 id = g_ascii_strtoll (ids[i], NULL, 10);

          if (id <= 0)
            continue;
          _kefu_pg_param_int (&move_params, id);
          _kefu_pg_param_int (&move_params, new_id);
          _kefu_pg_param_int (&move_params, target_id);
          if (!_kefu_pg_exec (conn, pass == 0 ? identity_sql : ticket_sql, &move_params, error))
            return 0;
        }
    }

  _kefu_pg_param_int (&delete_params, merge_id);
  if (!_kefu_pg_exec (conn, delete_sql, &delete_params, error))
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
kefu_pg_store_list_customer_merges (KefuStore  *store,
                                    gint64      customer_id,
                                    GError    **error)
{
  static const char sql[] =
    "SELECT id, source_id, target_id, source_name, identity_ids, ticket_ids, created_at"
    " FROM customer_merges WHERE target_id = $1 ORDER BY id DESC LIMIT $2";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autoptr (GPtrArray) merges = g_ptr_array_new_with_free_func ((GDestroyNotify) kefu_customer_merge_free);

  _kefu_pg_param_int (&params, customer_id);
  _kefu_pg_param_int (&params, MAX_MERGES);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuCustomerMerge *merge = g_new0 (KefuCustomerMerge, 1);

      merge->id = _kefu_pg_int (result, row, 0);
      merge->source_id = _kefu_pg_int (result, row, 1);
      merge->target_id = _kefu_pg_int (result, row, 2);
      merge->source_name = g_strdup (_kefu_pg_text (result, row, 3));
      merge->n_identities = count_lines (_kefu_pg_text (result, row, 4));
      merge->n_tickets = count_lines (_kefu_pg_text (result, row, 5));
      merge->created_at = _kefu_pg_int (result, row, 6);
      g_ptr_array_add (merges, merge);
    }

  return g_steal_pointer (&merges);
}

static GPtrArray *
kefu_pg_store_list_merge_suggestions (KefuStore  *store,
                                      gint64      customer_id,
                                      GError    **error)
{
  /* The same reasons as SQLite's (kefu-sqlite-store-merge.c): an address
   * left in chat, the same last nine digits of a phone, the same name;
   * the first reason found for a customer wins. */
  static const char sql[] =
    "SELECT id, name, reason, detail FROM ("
    "SELECT DISTINCT ON (c.id) c.id, c.name, s.reason, s.detail FROM ("
    " SELECT i.customer_id AS other, 0 AS reason, i.value AS detail FROM tickets t"
    "  JOIN events e ON e.ticket_id = t.id AND e.kind = 'chat-contact'"
    "  JOIN identities i ON i.kind = 'email' AND i.value = lower (trim (kefu_json_field (e.detail, 'email')))"
    "  WHERE t.customer_id = $1 AND i.customer_id <> $1"
    " UNION ALL"
    " SELECT t.customer_id, 0, i.value FROM identities i"
    "  JOIN events e ON e.kind = 'chat-contact' AND lower (trim (kefu_json_field (e.detail, 'email'))) = i.value"
    "  JOIN tickets t ON t.id = e.ticket_id"
    "  WHERE i.customer_id = $1 AND i.kind = 'email' AND t.customer_id <> $1"
    " UNION ALL"
    " SELECT o.customer_id, 1, o.value FROM identities mine"
    "  JOIN identities o ON o.kind = 'phone' AND o.customer_id <> $1 AND right (o.value, 9) = right (mine.value, 9)"
    "  WHERE mine.customer_id = $1 AND mine.kind = 'phone' AND char_length (mine.value) >= 9"
    " UNION ALL"
    " SELECT o.id, 2, o.name FROM customers me JOIN customers o ON o.name = me.name AND o.id <> me.id"
    "  WHERE me.id = $1 AND char_length (trim (me.name)) >= 2"
    ") s JOIN customers c ON c.id = s.other ORDER BY c.id, s.reason) AS first"
    " ORDER BY reason, id LIMIT $2";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autoptr (GPtrArray) suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) kefu_merge_suggestion_free);

  _kefu_pg_param_int (&params, customer_id);
  _kefu_pg_param_int (&params, MAX_SUGGESTIONS);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuMergeSuggestion *suggestion = g_new0 (KefuMergeSuggestion, 1);

      suggestion->customer_id = _kefu_pg_int (result, row, 0);
      suggestion->customer_name = g_strdup (_kefu_pg_text (result, row, 1));
      suggestion->reason = CLAMP (_kefu_pg_int (result, row, 2), KEFU_MERGE_REASON_CHAT_EMAIL, KEFU_MERGE_REASON_NAME);
      suggestion->detail = g_strdup (_kefu_pg_text (result, row, 3));
      g_ptr_array_add (suggestions, suggestion);
    }

  return g_steal_pointer (&suggestions);
}

static GPtrArray *
kefu_pg_store_list_events (KefuStore  *store,
                           gint64      ticket_id,
                           GError    **error)
{
  static const char sql[] =
    "SELECT e.id, e.ticket_id, e.agent_id, a.name, e.kind, e.detail, e.created_at"
    " FROM events e LEFT JOIN agents a ON a.id = e.agent_id"
    " WHERE e.ticket_id = $1 ORDER BY e.created_at, e.id LIMIT $2";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) kefu_ticket_event_free);

  _kefu_pg_param_int (&params, ticket_id);
  _kefu_pg_param_int (&params, MAX_EVENTS);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuTicketEvent *event = g_new0 (KefuTicketEvent, 1);

      event->id = _kefu_pg_int (result, row, 0);
      event->ticket_id = _kefu_pg_int (result, row, 1);
      event->agent_id = _kefu_pg_int (result, row, 2);
      event->agent_name = g_strdup (_kefu_pg_text (result, row, 3));
      event->kind = g_strdup (_kefu_pg_text (result, row, 4) ? _kefu_pg_text (result, row, 4) : "");
      event->detail = g_strdup (_kefu_pg_text (result, row, 5));
      event->created_at = _kefu_pg_int (result, row, 6);
      g_ptr_array_add (events, event);
    }

  return g_steal_pointer (&events);
}

void
_kefu_pg_store_merge_init (KefuStoreInterface *iface)
{
  iface->merge_tickets = kefu_pg_store_merge_tickets;
  iface->unmerge_tickets = kefu_pg_store_unmerge_tickets;
  iface->merge_customers = kefu_pg_store_merge_customers;
  iface->unmerge_customers = kefu_pg_store_unmerge_customers;
  iface->list_customer_merges = kefu_pg_store_list_customer_merges;
  iface->list_merge_suggestions = kefu_pg_store_list_merge_suggestions;
  iface->list_events = kefu_pg_store_list_events;
}
