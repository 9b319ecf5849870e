/* kefu-pg-store-tickets.c: tickets, their lists and pages, edits and audit events (PostgreSQL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kefu-enums.h"
#include "kefu-pg-store-private.h"
#include "kefu-text.h"

#define MAX_LIST_LIMIT (10000)
#define MAX_TAGS       (64)
#define MAX_TAG_BYTES  (100)

#define CONN(store) _kefu_pg_store_get_connection (KEFU_PG_STORE (store))

/* The columns ticket_from_row() reads. Tags are joined with U+001F. */
#define TICKET_COLUMNS \
  "t.id, t.number, t.subject, t.status, t.priority, t.channel, t.customer_id, c.name, " \
  "t.assignee_id, a.name, t.preview, t.message_count, t.created_at, t.updated_at, " \
  "t.first_response_at, t.resolved_at, t.due_at, t.version, " \
  "(SELECT string_agg (g.name, chr (31)) FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id " \
  " WHERE tt.ticket_id = t.id)"
#define TICKET_FROM \
  " FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id" \
  " LEFT JOIN agents a ON a.id = t.assignee_id"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char **)a, *(char **)b);
}

static KefuTicket *
ticket_from_row (const PGresult *result,
                 int             row)
{
  KefuTicketFields fields = { 0 };
  g_auto (GStrv) tags = NULL;
  const char *tag_text = _kefu_pg_text (result, row, 18);

  if (tag_text != NULL)
    {
      tags = g_strsplit (tag_text, "\x1f", MAX_TAGS);
      qsort (tags, g_strv_length (tags), sizeof (char *), compare_strings);
    }

  fields.id = _kefu_pg_int (result, row, 0);
  fields.number = _kefu_pg_int (result, row, 1);
  fields.subject = _kefu_pg_text (result, row, 2);
  fields.status = _kefu_pg_nick (result, row, 3, KEFU_TYPE_TICKET_STATUS, KEFU_TICKET_STATUS_OPEN);
  fields.priority = _kefu_pg_nick (result, row, 4, KEFU_TYPE_PRIORITY, KEFU_PRIORITY_NORMAL);
  fields.channel = _kefu_pg_nick (result, row, 5, KEFU_TYPE_CHANNEL_KIND, KEFU_CHANNEL_KIND_EMAIL);
  fields.customer_id = _kefu_pg_int (result, row, 6);
  fields.customer_name = _kefu_pg_text (result, row, 7);
  fields.assignee_id = _kefu_pg_int (result, row, 8);
  fields.assignee_name = _kefu_pg_text (result, row, 9);
  fields.preview = _kefu_pg_text (result, row, 10);
  fields.message_count = (guint)CLAMP (_kefu_pg_int (result, row, 11), 0, G_MAXUINT);
  fields.created_at = _kefu_pg_int (result, row, 12);
  fields.updated_at = _kefu_pg_int (result, row, 13);
  fields.first_response_at = _kefu_pg_int (result, row, 14);
  fields.resolved_at = _kefu_pg_int (result, row, 15);
  fields.due_at = _kefu_pg_int (result, row, 16);
  fields.version = _kefu_pg_int (result, row, 17);
  fields.tags = (const char *const *)tags;

  return kefu_ticket_new (&fields);
}

static gboolean
set_ticket_not_found (gint64   ticket_id,
                      GError **error)
{
  g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
               _("Ticket %" PRId64 " does not exist any more. It may have been deleted."),
               ticket_id);
  return FALSE;
}

static KefuTicket *
kefu_pg_store_get_ticket (KefuStore  *store,
                          gint64      ticket_id,
                          GError    **error)
{
  static const char sql[] = "SELECT " TICKET_COLUMNS TICKET_FROM " WHERE t.id = $1";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  _kefu_pg_param_int (&params, ticket_id);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      set_ticket_not_found (ticket_id, error);
      return NULL;
    }

  return ticket_from_row (result, 0);
}

static gint64
kefu_pg_store_lookup_ticket_number (KefuStore  *store,
                                    gint64      number,
                                    GError    **error)
{
  static const char sql[] = "SELECT id FROM tickets WHERE number = $1";
  g_auto (KefuPgParams) params = { 0 };

  _kefu_pg_param_int (&params, number);

  return _kefu_pg_query_id (CONN (store), sql, &params, error);
}

/* The WHERE clause of a ticket list; its values are parameters appended
 * to @params, so one SQL text per shape of query is prepared once. */
static void
append_ticket_filter (GString         *sql,
                      KefuPgParams    *params,
                      const KefuQuery *query,
                      const char      *match,
                      const KefuTicketKey *after)
{
  const char *status_filter = NULL;

  g_string_append (sql, " WHERE true");

  switch (query->view)
    {
    case KEFU_VIEW_INBOX:
      status_filter = "t.bucket = 0";
      break;
    case KEFU_VIEW_MINE:
      _kefu_pg_param_int (params, query->agent_id);
      g_string_append_printf (sql, " AND t.assignee_id = $%d", params->n);
      status_filter = "t.bucket IN (0, 1)";
      break;
    case KEFU_VIEW_UNASSIGNED:
      g_string_append (sql, " AND t.assignee_id IS NULL");
      status_filter = "t.bucket = 0";
      break;
    case KEFU_VIEW_PENDING:
      g_string_append (sql, " AND t.id NOT IN (SELECT ticket_id FROM snoozes)");
      status_filter = "t.bucket = 1";
      break;
    case KEFU_VIEW_RESOLVED:
      status_filter = "t.bucket = 2";
      break;
    case KEFU_VIEW_SNOOZED:
      g_string_append (sql, " AND t.id IN (SELECT ticket_id FROM snoozes)");
      status_filter = "t.bucket = 1";
      break;
    case KEFU_VIEW_ALL:
    default:
      break;
    }

  if (query->status >= 0)
    {
      _kefu_pg_param_nick (params, KEFU_TYPE_TICKET_STATUS, query->status);
      g_string_append_printf (sql, " AND t.status = $%d", params->n);
    }
  else if (status_filter != NULL)
    {
      g_string_append_printf (sql, " AND %s", status_filter);
    }

  if (query->customer_id > 0)
    {
      _kefu_pg_param_int (params, query->customer_id);
      g_string_append_printf (sql, " AND t.customer_id = $%d", params->n);
    }
  if (query->channel >= 0)
    {
      _kefu_pg_param_nick (params, KEFU_TYPE_CHANNEL_KIND, query->channel);
      g_string_append_printf (sql, " AND t.channel = $%d", params->n);
    }
  if (after != NULL)
    {
      _kefu_pg_param_int (params, after->updated_at);
      _kefu_pg_param_int (params, after->id);
      g_string_append_printf (sql, " AND (t.updated_at, t.id) < ($%d, $%d)", params->n - 1, params->n);
    }

  /* A ticket matches when its subject, one of its messages or its
   * customer (name, company, addresses) matches. */
  if (match != NULL)
    {
      int m;

      _kefu_pg_param_text (params, match);
      m = params->n;
      g_string_append_printf (sql,
                              " AND t.id IN ("
                              "SELECT id FROM tickets WHERE search @@ $%d::tsquery"
                              " UNION SELECT ticket_id FROM messages WHERE search @@ $%d::tsquery"
                              " UNION SELECT id FROM tickets WHERE customer_id IN"
                              " (SELECT id FROM customers WHERE search @@ $%d::tsquery"
                              "  UNION SELECT customer_id FROM identities WHERE search @@ $%d::tsquery))",
                              m, m, m, m);
    }
}

/* Whether @query can match anything: text with nothing to search for
 * (only punctuation) matches nothing; blank text is no filter. */
static gboolean
query_match (KefuPgConnection  *conn,
             const KefuQuery   *query,
             char             **match)
{
  *match = NULL;

  if (query->text == NULL)
    return TRUE;

  *match = _kefu_pg_search_query (conn, query->text);
  if (*match != NULL)
    return TRUE;

  for (const char *p = query->text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static KefuTicketSpine *
kefu_pg_store_list_ticket_spine (KefuStore        *store,
                                 const KefuQuery  *query,
                                 guint             page_size,
                                 GError          **error)
{
  KefuPgConnection *conn = CONN (store);
  g_autoptr (KefuTicketSpine) spine = kefu_ticket_spine_new (page_size);
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (PGresult) result = NULL;
  g_autofree char *match = NULL;

  g_return_val_if_fail (page_size > 0, NULL);

  if (!query_match (conn, query, &match))
    return g_steal_pointer (&spine);

  g_string_append (sql,
                   "SELECT updated_at, id, rn, total FROM ("
                   "SELECT t.updated_at, t.id,"
                   " row_number () OVER (ORDER BY t.updated_at DESC, t.id DESC) AS rn,"
                   " count (*) OVER () AS total"
                   " FROM tickets t");
  append_ticket_filter (sql, &params, query, match, NULL);
  _kefu_pg_param_int (&params, page_size);
  g_string_append_printf (sql, ") AS numbered WHERE rn %% $%d = 0 OR rn = total ORDER BY rn",
                          params.n);

  result = _kefu_pg_query (conn, sql->str, &params, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    {
      gint64 rn = _kefu_pg_int (result, row, 2);

      spine->total = (guint)CLAMP (_kefu_pg_int (result, row, 3), 0, G_MAXUINT);
      if (rn % page_size == 0)
        {
          KefuTicketKey key;

          key.updated_at = _kefu_pg_int (result, row, 0);
          key.id = _kefu_pg_int (result, row, 1);
          g_array_append_val (spine->page_ends, key);
        }
    }

  return g_steal_pointer (&spine);
}

static GPtrArray *
kefu_pg_store_list_tickets (KefuStore            *store,
                            const KefuQuery      *query,
                            const KefuTicketKey  *after,
                            guint                 limit,
                            GError              **error)
{
  KefuPgConnection *conn = CONN (store);
  g_autoptr (GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (GString) sql = g_string_new ("SELECT " TICKET_COLUMNS TICKET_FROM);
  g_autoptr (PGresult) result = NULL;
  g_autofree char *match = NULL;

  if (limit == 0 || !query_match (conn, query, &match))
    return g_steal_pointer (&tickets);

  append_ticket_filter (sql, &params, query, match, after);
  _kefu_pg_param_int (&params, MIN (limit, MAX_LIST_LIMIT));
  g_string_append_printf (sql, " ORDER BY t.updated_at DESC, t.id DESC LIMIT $%d", params.n);

  result = _kefu_pg_query (conn, sql->str, &params, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    g_ptr_array_add (tickets, ticket_from_row (result, row));

  return g_steal_pointer (&tickets);
}

static gint64
kefu_pg_store_find_open_ticket (KefuStore        *store,
                                gint64            customer_id,
                                KefuChannelKind   channel,
                                GError          **error)
{
  static const char sql[] =
    "SELECT id FROM tickets"
    " WHERE customer_id = $1 AND channel = $2 AND status IN ('new', 'open', 'pending')"
    " ORDER BY updated_at DESC, id DESC LIMIT 1";
  g_auto (KefuPgParams) params = { 0 };

  _kefu_pg_param_int (&params, customer_id);
  _kefu_pg_param_nick (&params, KEFU_TYPE_CHANNEL_KIND, channel);

  return _kefu_pg_query_id (CONN (store), sql, &params, error);
}

/* Tags as a set: trimmed, non-empty, bounded, without duplicates. */
static GPtrArray *
clean_tags (const char *const *tags)
{
  GPtrArray *clean = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; tags != NULL && tags[i] != NULL && clean->len < MAX_TAGS; i++)
    {
      g_autofree char *tag = kefu_text_clean_line (tags[i], MAX_TAG_BYTES);
      gboolean seen = FALSE;

      g_strstrip (tag);
      for (guint j = 0; j < clean->len && !seen; j++)
        seen = g_strcmp0 (g_ptr_array_index (clean, j), tag) == 0;
      if (*tag != '\0' && !seen)
        g_ptr_array_add (clean, g_steal_pointer (&tag));
    }
  g_ptr_array_sort (clean, compare_strings);

  return clean;
}

static gboolean
set_tags (KefuPgConnection  *conn,
          gint64             ticket_id,
          GPtrArray         *tags,
          GError           **error)
{
  static const char delete_sql[] = "DELETE FROM ticket_tags WHERE ticket_id = $1";
  static const char tag_sql[] = "INSERT INTO tags (name) VALUES ($1) ON CONFLICT DO NOTHING";
  static const char link_sql[] =
    "INSERT INTO ticket_tags (ticket_id, tag_id) SELECT $1, id FROM tags WHERE name = $2"
    " ON CONFLICT DO NOTHING";

  {
    g_auto (KefuPgParams) params = { 0 };

    _kefu_pg_param_int (&params, ticket_id);
    if (!_kefu_pg_exec (conn, delete_sql, &params, error))
      return FALSE;
  }

  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      g_auto (KefuPgParams) tag_params = { 0 };
      g_auto (KefuPgParams) link_params = { 0 };

      _kefu_pg_param_text (&tag_params, tag);
      if (!_kefu_pg_exec (conn, tag_sql, &tag_params, error))
        return FALSE;

      _kefu_pg_param_int (&link_params, ticket_id);
      _kefu_pg_param_text (&link_params, tag);
      if (!_kefu_pg_exec (conn, link_sql, &link_params, error))
        return FALSE;
    }

  return TRUE;
}

static gint64
kefu_pg_store_insert_ticket (KefuStore               *store,
                             const KefuTicketFields  *fields,
                             GError                 **error)
{
  /* The number is the next one unless given; the table lock keeps two
   * desktops from taking the same one (the UNIQUE index would refuse it). */
  static const char lock_sql[] = "LOCK TABLE tickets IN SHARE ROW EXCLUSIVE MODE";
  static const char sql[] =
    "INSERT INTO tickets (id, number, subject, status, priority, channel, customer_id,"
    " assignee_id, preview, message_count, created_at, updated_at, first_response_at,"
    " resolved_at, due_at, version, search)"
    " VALUES (coalesce ($1::bigint, nextval ('tickets_id_seq')),"
    " CASE WHEN $2::bigint > 0 THEN $2::bigint ELSE"
    " (SELECT coalesce (max (number), 0) + 1 FROM tickets) END,"
    " $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::tsvector)"
    " RETURNING id";
  KefuPgConnection *conn = CONN (store);
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (GPtrArray) tags = NULL;
  g_autofree char *subject = NULL;
  GError *local_error = NULL;
  gint64 ticket_id;

  subject = kefu_text_clean_line (fields->subject, KEFU_TEXT_MAX_SUBJECT);
  _kefu_pg_param_id (&params, fields->id);
  _kefu_pg_param_int (&params, fields->number);
  _kefu_pg_param_text (&params, subject);
  _kefu_pg_param_nick (&params, KEFU_TYPE_TICKET_STATUS, fields->status);
  _kefu_pg_param_nick (&params, KEFU_TYPE_PRIORITY, fields->priority);
  _kefu_pg_param_nick (&params, KEFU_TYPE_CHANNEL_KIND, fields->channel);
  _kefu_pg_param_int (&params, fields->customer_id);
  _kefu_pg_param_id (&params, fields->assignee_id);
  _kefu_pg_param_text (&params, fields->preview ? fields->preview : "");
  _kefu_pg_param_int (&params, fields->message_count);
  _kefu_pg_param_int (&params, fields->created_at);
  _kefu_pg_param_int (&params, fields->updated_at > 0 ? fields->updated_at : fields->created_at);
  _kefu_pg_param_int (&params, fields->first_response_at);
  _kefu_pg_param_int (&params, fields->resolved_at);
  _kefu_pg_param_int (&params, fields->due_at);
  _kefu_pg_param_int (&params, fields->version > 0 ? fields->version : 1);
  _kefu_pg_param_take_text (&params, _kefu_pg_search_document (conn, subject, NULL));

  if (fields->number <= 0 && !_kefu_pg_exec_script (conn, lock_sql, error))
    return 0;

  ticket_id = _kefu_pg_query_id (conn, sql, &params, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (!_kefu_pg_bump_identity (conn, "tickets_id_seq", fields->id, error))
    return 0;

  tags = clean_tags (fields->tags);
  if (tags->len > 0 && !set_tags (conn, ticket_id, tags, error))
    return 0;

  kefu_store_note_change (store, ticket_id, fields->customer_id);

  return ticket_id;
}

static gint64
kefu_pg_store_insert_event (KefuStore   *store,
                            gint64       ticket_id,
                            gint64       agent_id,
                            const char  *kind,
                            const char  *detail,
                            gint64       created_at,
                            GError     **error)
{
  static const char sql[] =
    "INSERT INTO events (ticket_id, agent_id, kind, detail, created_at)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id";
  g_auto (KefuPgParams) params = { 0 };

  _kefu_pg_param_int (&params, ticket_id);
  _kefu_pg_param_id (&params, agent_id);
  _kefu_pg_param_text (&params, kind);
  _kefu_pg_param_text (&params, detail);
  _kefu_pg_param_int (&params, created_at > 0 ? created_at : g_get_real_time ());

  return _kefu_pg_query_id (CONN (store), sql, &params, error);
}

static gboolean
status_is_done (KefuTicketStatus status)
{
  return status == KEFU_TICKET_STATUS_RESOLVED || status == KEFU_TICKET_STATUS_CLOSED;
}

typedef struct
{
  KefuTicketStatus  status;
  KefuPriority      priority;
  gint64            assignee_id;
  char             *subject;
  gint64            due_at;
  gint64            resolved_at;
  gint64            version;
  gint64            customer_id;
  GPtrArray        *tags;
} TicketState;

static void
ticket_state_clear (TicketState *state)
{
  g_clear_pointer (&state->subject, g_free);
  g_clear_pointer (&state->tags, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TicketState, ticket_state_clear)

/* Reads a ticket's state and locks its row until the transaction ends, so
 * that an edit from another desktop waits and then sees the new version. */
static gboolean
read_ticket_state (KefuPgConnection  *conn,
                   gint64             ticket_id,
                   TicketState       *state,
                   GError           **error)
{
  static const char sql[] =
    "SELECT status, priority, assignee_id, subject, due_at, resolved_at, version, customer_id,"
    " (SELECT string_agg (g.name, chr (31)) FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id"
    "  WHERE tt.ticket_id = tickets.id)"
    " FROM tickets WHERE id = $1 FOR UPDATE";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_auto (GStrv) tags = NULL;

  _kefu_pg_param_int (&params, ticket_id);
  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    return set_ticket_not_found (ticket_id, error);

  state->status = _kefu_pg_nick (result, 0, 0, KEFU_TYPE_TICKET_STATUS, KEFU_TICKET_STATUS_OPEN);
  state->priority = _kefu_pg_nick (result, 0, 1, KEFU_TYPE_PRIORITY, KEFU_PRIORITY_NORMAL);
  state->assignee_id = _kefu_pg_int (result, 0, 2);
  state->subject = g_strdup (_kefu_pg_text (result, 0, 3));
  state->due_at = _kefu_pg_int (result, 0, 4);
  state->resolved_at = _kefu_pg_int (result, 0, 5);
  state->version = _kefu_pg_int (result, 0, 6);
  state->customer_id = _kefu_pg_int (result, 0, 7);
  if (_kefu_pg_text (result, 0, 8) != NULL)
    tags = g_strsplit (_kefu_pg_text (result, 0, 8), "\x1f", -1);
  state->tags = clean_tags ((const char *const *)tags);

  return TRUE;
}

static gboolean
same_tags (GPtrArray *a,
           GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static char *
join_tags (GPtrArray *tags)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < tags->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (tags, i));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
kefu_pg_store_update_ticket (KefuStore               *store,
                             const KefuTicketChange  *change,
                             gint64                   now,
                             GError                 **error)
{
  static const char sql[] =
    "UPDATE tickets SET status = $2, priority = $3, assignee_id = $4, subject = $5,"
    " due_at = $6, resolved_at = $7, version = version + 1, updated_at = greatest (updated_at, $8),"
    " search = CASE WHEN $9::text IS NULL THEN search ELSE $9::tsvector END"
    " WHERE id = $1";
  KefuPgConnection *conn = CONN (store);
  g_auto (TicketState) old = { 0 };
  g_auto (TicketState) new = { 0 };
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  gint64 ticket_id = change->ticket_id;

  if (!read_ticket_state (conn, ticket_id, &old, error))
    return FALSE;

  if (change->expected_version != 0 && change->expected_version != old.version)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CONFLICT,
                   _("This ticket was changed by someone else while you were editing it. Look at their change, then try again."));
      return FALSE;
    }

  new.status = old.status;
  new.priority = old.priority;
  new.assignee_id = old.assignee_id;
  new.subject = g_strdup (old.subject);
  new.due_at = old.due_at;
  new.resolved_at = old.resolved_at;
  new.tags = g_ptr_array_ref (old.tags);

  /* Each event is kind, detail (the new value; NULL for "none"). */
  if ((change->what & KEFU_TICKET_CHANGE_STATUS) && change->status != old.status)
    {
      new.status = change->status;
      if (status_is_done (new.status) && !status_is_done (old.status))
        new.resolved_at = now;
      else if (!status_is_done (new.status))
        new.resolved_at = 0;
      g_ptr_array_add (events, g_strdup ("status"));
      g_ptr_array_add (events, g_strdup (kefu_enum_to_nick (KEFU_TYPE_TICKET_STATUS, new.status)));
    }
  if ((change->what & KEFU_TICKET_CHANGE_PRIORITY) && change->priority != old.priority)
    {
      new.priority = change->priority;
      g_ptr_array_add (events, g_strdup ("priority"));
      g_ptr_array_add (events, g_strdup (kefu_enum_to_nick (KEFU_TYPE_PRIORITY, new.priority)));
    }
  if ((change->what & KEFU_TICKET_CHANGE_ASSIGNEE) && MAX (change->assignee_id, 0) != old.assignee_id)
    {
      new.assignee_id = MAX (change->assignee_id, 0);
      g_ptr_array_add (events, g_strdup ("assignee"));
      g_ptr_array_add (events, new.assignee_id > 0
                               ? g_strdup_printf ("%" PRId64, new.assignee_id) : NULL);
    }
  if (change->what & KEFU_TICKET_CHANGE_SUBJECT)
    {
      g_autofree char *subject = kefu_text_clean_line (change->subject, KEFU_TEXT_MAX_SUBJECT);

      if (g_strcmp0 (subject, old.subject) != 0)
        {
          g_free (new.subject);
          new.subject = g_strdup (subject);
          g_ptr_array_add (events, g_strdup ("subject"));
          g_ptr_array_add (events, g_steal_pointer (&subject));
        }
    }
  if ((change->what & KEFU_TICKET_CHANGE_DUE) && change->due_at != old.due_at)
    {
      new.due_at = MAX (change->due_at, 0);
      g_ptr_array_add (events, g_strdup ("due"));
      g_ptr_array_add (events, new.due_at > 0
                               ? g_strdup_printf ("%" PRId64, new.due_at) : NULL);
    }
  if (change->what & KEFU_TICKET_CHANGE_TAGS)
    {
      g_autoptr (GPtrArray) tags = clean_tags ((const char *const *)change->tags);

      if (!same_tags (tags, old.tags))
        {
          if (!set_tags (conn, ticket_id, tags, error))
            return FALSE;
          g_ptr_array_add (events, g_strdup ("tags"));
          g_ptr_array_add (events, join_tags (tags));
        }
    }

  _kefu_pg_param_int (&params, ticket_id);
  _kefu_pg_param_nick (&params, KEFU_TYPE_TICKET_STATUS, new.status);
  _kefu_pg_param_nick (&params, KEFU_TYPE_PRIORITY, new.priority);
  _kefu_pg_param_id (&params, new.assignee_id);
  _kefu_pg_param_text (&params, new.subject);
  _kefu_pg_param_int (&params, new.due_at);
  _kefu_pg_param_int (&params, new.resolved_at);
  _kefu_pg_param_int (&params, now);
  _kefu_pg_param_take_text (&params, g_strcmp0 (new.subject, old.subject) != 0
                                     ? _kefu_pg_search_document (conn, new.subject, NULL) : NULL);
  if (!_kefu_pg_exec (conn, sql, &params, error))
    return FALSE;

  for (guint i = 0; i + 1 < events->len; i += 2)
    if (kefu_pg_store_insert_event (store, ticket_id, change->agent_id,
                                    g_ptr_array_index (events, i),
                                    g_ptr_array_index (events, i + 1),
                                    now, error) == 0)
      return FALSE;

  kefu_store_note_change (store, ticket_id, old.customer_id);

  return TRUE;
}

static gboolean
kefu_pg_store_set_first_response (KefuStore  *store,
                                  gint64      ticket_id,
                                  gint64      when,
                                  GError    **error)
{
  static const char sql[] =
    "UPDATE tickets SET first_response_at = $2 WHERE id = $1 AND first_response_at = 0";
  g_auto (KefuPgParams) params = { 0 };

  _kefu_pg_param_int (&params, ticket_id);
  _kefu_pg_param_int (&params, when);

  return _kefu_pg_exec (CONN (store), sql, &params, error);
}

void
_kefu_pg_store_tickets_init (KefuStoreInterface *iface)
{
  iface->get_ticket = kefu_pg_store_get_ticket;
  iface->lookup_ticket_number = kefu_pg_store_lookup_ticket_number;
  iface->list_ticket_spine = kefu_pg_store_list_ticket_spine;
  iface->list_tickets = kefu_pg_store_list_tickets;
  iface->find_open_ticket = kefu_pg_store_find_open_ticket;
  iface->insert_ticket = kefu_pg_store_insert_ticket;
  iface->insert_event = kefu_pg_store_insert_event;
  iface->update_ticket = kefu_pg_store_update_ticket;
  iface->set_first_response = kefu_pg_store_set_first_response;
}
