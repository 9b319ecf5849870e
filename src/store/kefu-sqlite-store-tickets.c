/* kefu-sqlite-store-tickets.c: tickets, their lists and pages, edits and audit events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kefu-enums.h"
#include "kefu-sqlite-store-private.h"
#include "kefu-text.h"

#define MAX_LIST_LIMIT (10000)
#define MAX_TAGS       (64)
#define MAX_TAG_BYTES  (100)

#define CONN(store) _kefu_sqlite_store_get_connection (KEFU_SQLITE_STORE (store))

/* The columns ticket_from_row() reads, and where they come from. LEFT JOINs
 * keep tickets the outer loop, so lists walk the tickets index in order. */
#define TICKET_COLUMNS \
  "t.id, t.number, t.subject, t.status, t.priority, t.channel, t.customer_id, c.name, " \
  "t.assignee_id, a.name, t.preview, t.message_count, t.created_at, t.updated_at, " \
  "t.first_response_at, t.resolved_at, t.due_at, t.version, " \
  "(SELECT group_concat (g.name, char (31)) FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id " \
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
ticket_from_row (KefuSqliteStmt *stmt)
{
  KefuTicketFields fields = { 0 };
  g_auto (GStrv) tags = NULL;
  const char *tag_text = _kefu_sqlite_column_text (stmt, 18);

  if (tag_text != NULL)
    {
      tags = g_strsplit (tag_text, "\x1f", MAX_TAGS);
      qsort (tags, g_strv_length (tags), sizeof (char *), compare_strings);
    }

  fields.id = sqlite3_column_int64 (stmt, 0);
  fields.number = sqlite3_column_int64 (stmt, 1);
  fields.subject = _kefu_sqlite_column_text (stmt, 2);
  fields.status = _kefu_sqlite_column_nick (stmt, 3, KEFU_TYPE_TICKET_STATUS, KEFU_TICKET_STATUS_OPEN);
  fields.priority = _kefu_sqlite_column_nick (stmt, 4, KEFU_TYPE_PRIORITY, KEFU_PRIORITY_NORMAL);
  fields.channel = _kefu_sqlite_column_nick (stmt, 5, KEFU_TYPE_CHANNEL_KIND, KEFU_CHANNEL_KIND_EMAIL);
  fields.customer_id = sqlite3_column_int64 (stmt, 6);
  fields.customer_name = _kefu_sqlite_column_text (stmt, 7);
  fields.assignee_id = sqlite3_column_int64 (stmt, 8);
  fields.assignee_name = _kefu_sqlite_column_text (stmt, 9);
  fields.preview = _kefu_sqlite_column_text (stmt, 10);
  fields.message_count = (guint)CLAMP (sqlite3_column_int64 (stmt, 11), 0, G_MAXUINT);
  fields.created_at = sqlite3_column_int64 (stmt, 12);
  fields.updated_at = sqlite3_column_int64 (stmt, 13);
  fields.first_response_at = sqlite3_column_int64 (stmt, 14);
  fields.resolved_at = sqlite3_column_int64 (stmt, 15);
  fields.due_at = sqlite3_column_int64 (stmt, 16);
  fields.version = sqlite3_column_int64 (stmt, 17);
  fields.tags = (const char *const *)tags;

  return kefu_ticket_new (&fields);
}

static KefuTicket *
kefu_sqlite_store_get_ticket (KefuStore  *store,
                              gint64      ticket_id,
                              GError    **error)
{
  static const char sql[] =
    "SELECT " TICKET_COLUMNS TICKET_FROM " WHERE t.id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, ticket_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return ticket_from_row (stmt);
  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
               _("Ticket %" PRId64 " does not exist any more. It may have been deleted."),
               ticket_id);
  return NULL;
}

/* Runs a statement that yields one id (or none: 0). */
static gint64
query_id (KefuSqliteConnection  *conn,
          KefuSqliteStmt        *stmt,
          GError               **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    _kefu_sqlite_set_error (conn->db, rc, error);

  return 0;
}

static gint64
kefu_sqlite_store_lookup_ticket_number (KefuStore  *store,
                                        gint64      number,
                                        GError    **error)
{
  static const char sql[] = "SELECT id FROM tickets WHERE number = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, number);

  return query_id (conn, stmt, error);
}

/* The WHERE clause of a ticket list. Values are bound by name afterwards,
 * so one SQL text per shape of query is prepared once per connection. */
static void
append_ticket_filter (GString         *sql,
                      const KefuQuery *query,
                      gboolean         has_match,
                      gboolean         has_after)
{
  const char *status_filter = NULL;

  g_string_append (sql, " WHERE 1");

  /* Views filter on the status bucket (see 0001-initial.sql): one index
   * range each, walked in list order, so a page never sorts the view. */
  switch (query->view)
    {
    case KEFU_VIEW_INBOX:
      status_filter = "t.bucket = 0";
      break;
    case KEFU_VIEW_MINE:
      g_string_append (sql, " AND t.assignee_id = :agent");
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
      /* inbox (#6): snoozed tickets wait as pending (0007-inbox.sql). */
      g_string_append (sql, " AND t.id IN (SELECT ticket_id FROM snoozes)");
      status_filter = "t.bucket = 1";
      break;
    case KEFU_VIEW_ALL:
    default:
      break;
    }

  /* An explicit status replaces the view's own status filter. */
  if (query->status >= 0)
    g_string_append (sql, " AND t.status = :status");
  else if (status_filter != NULL)
    g_string_append_printf (sql, " AND %s", status_filter);

  if (query->customer_id > 0)
    g_string_append (sql, " AND t.customer_id = :customer");
  if (query->channel >= 0)
    g_string_append (sql, " AND t.channel = :channel");
  if (has_after)
    g_string_append (sql, " AND (t.updated_at, t.id) < (:after_updated, :after_id)");

  /* A ticket matches when its subject, one of its messages or its
   * customer (name, company, addresses) matches. Message matches carry
   * their ticket in the high bits of the rowid (see 0001-initial.sql). */
  if (has_match)
    g_string_append (sql,
                     " AND t.id IN ("
                     "SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH :match"
                     " UNION SELECT rowid >> 32 FROM messages_fts WHERE messages_fts MATCH :match"
                     " UNION SELECT id FROM tickets WHERE customer_id IN"
                     " (SELECT rowid FROM customers_fts WHERE customers_fts MATCH :match"
                     "  UNION SELECT customer_id FROM identities WHERE id IN"
                     "  (SELECT rowid FROM identities_fts WHERE identities_fts MATCH :match)))");
}

static void
bind_named_int (KefuSqliteStmt *stmt,
                const char     *name,
                gint64          value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_named_text (KefuSqliteStmt *stmt,
                 const char     *name,
                 const char     *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_ticket_filter (KefuSqliteStmt      *stmt,
                    const KefuQuery     *query,
                    const char          *match,
                    const KefuTicketKey *after)
{
  bind_named_int (stmt, ":agent", query->agent_id);
  if (query->status >= 0)
    bind_named_text (stmt, ":status", kefu_enum_to_nick (KEFU_TYPE_TICKET_STATUS, query->status));
  bind_named_int (stmt, ":customer", query->customer_id);
  if (query->channel >= 0)
    bind_named_text (stmt, ":channel", kefu_enum_to_nick (KEFU_TYPE_CHANNEL_KIND, query->channel));
  if (after != NULL)
    {
      bind_named_int (stmt, ":after_updated", after->updated_at);
      bind_named_int (stmt, ":after_id", after->id);
    }
  bind_named_text (stmt, ":match", match);
}

/* Whether @query can match anything: text with nothing to search for
 * (only punctuation) matches nothing. */
static gboolean
query_match (const KefuQuery  *query,
             char            **match)
{
  *match = NULL;

  if (query->text == NULL)
    return TRUE;

  *match = _kefu_sqlite_match_expression (query->text);
  if (*match != NULL)
    return TRUE;

  /* Blank text is no filter at all. */
  for (const char *p = query->text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static KefuTicketSpine *
kefu_sqlite_store_list_ticket_spine (KefuStore        *store,
                                     const KefuQuery  *query,
                                     guint             page_size,
                                     GError          **error)
{
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuTicketSpine) spine = kefu_ticket_spine_new (page_size);
  g_autoptr (KefuSqliteStmt) stmt = NULL;
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autofree char *match = NULL;
  int rc;

  g_return_val_if_fail (page_size > 0, NULL);

  if (!query_match (query, &match))
    return g_steal_pointer (&spine);

  g_string_append (sql,
                   "SELECT updated_at, id, rn, total FROM ("
                   "SELECT t.updated_at, t.id,"
                   " row_number () OVER (ORDER BY t.updated_at DESC, t.id DESC) AS rn,"
                   " count (*) OVER () AS total"
                   " FROM tickets t");
  append_ticket_filter (sql, query, match != NULL, FALSE);
  g_string_append (sql, ") WHERE rn % :page = 0 OR rn = total ORDER BY rn");

  stmt = _kefu_sqlite_prepare (conn, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_ticket_filter (stmt, query, match, NULL);
  bind_named_int (stmt, ":page", page_size);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rn = sqlite3_column_int64 (stmt, 2);

      spine->total = (guint)CLAMP (sqlite3_column_int64 (stmt, 3), 0, G_MAXUINT);
      if (rn % page_size == 0)
        {
          KefuTicketKey key;

          key.updated_at = sqlite3_column_int64 (stmt, 0);
          key.id = sqlite3_column_int64 (stmt, 1);
          g_array_append_val (spine->page_ends, key);
        }
    }

  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&spine);
}

static GPtrArray *
kefu_sqlite_store_list_tickets (KefuStore            *store,
                                const KefuQuery      *query,
                                const KefuTicketKey  *after,
                                guint                 limit,
                                GError              **error)
{
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (KefuSqliteStmt) stmt = NULL;
  g_autoptr (GString) sql = g_string_new ("SELECT " TICKET_COLUMNS TICKET_FROM);
  g_autofree char *match = NULL;
  int rc;

  if (limit == 0 || !query_match (query, &match))
    return g_steal_pointer (&tickets);

  append_ticket_filter (sql, query, match != NULL, after != NULL);
  g_string_append (sql, " ORDER BY t.updated_at DESC, t.id DESC LIMIT :limit");

  stmt = _kefu_sqlite_prepare (conn, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_ticket_filter (stmt, query, match, after);
  bind_named_int (stmt, ":limit", MIN (limit, MAX_LIST_LIMIT));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tickets, ticket_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&tickets);
}

static gint64
kefu_sqlite_store_find_open_ticket (KefuStore        *store,
                                    gint64            customer_id,
                                    KefuChannelKind   channel,
                                    GError          **error)
{
  static const char sql[] =
    "SELECT id FROM tickets"
    " WHERE customer_id = ?1 AND channel = ?2 AND status IN ('new', 'open', 'pending')"
    " ORDER BY updated_at DESC, id DESC LIMIT 1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  _kefu_sqlite_bind_nick (stmt, 2, KEFU_TYPE_CHANNEL_KIND, channel);

  return query_id (conn, stmt, error);
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
set_tags (KefuSqliteConnection  *conn,
          gint64                 ticket_id,
          GPtrArray             *tags,
          GError               **error)
{
  static const char delete_sql[] = "DELETE FROM ticket_tags WHERE ticket_id = ?1";
  static const char tag_sql[] = "INSERT OR IGNORE INTO tags (name) VALUES (?1)";
  static const char link_sql[] =
    "INSERT OR IGNORE INTO ticket_tags (ticket_id, tag_id) SELECT ?1, id FROM tags WHERE name = ?2";

  {
    g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, delete_sql, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, ticket_id);
    if (!_kefu_sqlite_step_done (conn, stmt, error))
      return FALSE;
  }

  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      g_autoptr (KefuSqliteStmt) tag_stmt = _kefu_sqlite_prepare (conn, tag_sql, error);
      g_autoptr (KefuSqliteStmt) link_stmt = NULL;

      if (tag_stmt == NULL)
        return FALSE;
      _kefu_sqlite_bind_text (tag_stmt, 1, tag);
      if (!_kefu_sqlite_step_done (conn, tag_stmt, error))
        return FALSE;

      link_stmt = _kefu_sqlite_prepare (conn, link_sql, error);
      if (link_stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (link_stmt, 1, ticket_id);
      _kefu_sqlite_bind_text (link_stmt, 2, tag);
      if (!_kefu_sqlite_step_done (conn, link_stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gint64
kefu_sqlite_store_insert_ticket (KefuStore               *store,
                                 const KefuTicketFields  *fields,
                                 GError                 **error)
{
  static const char sql[] =
    "INSERT INTO tickets (id, number, subject, status, priority, channel, customer_id,"
    " assignee_id, preview, message_count, created_at, updated_at, first_response_at,"
    " resolved_at, due_at, version)"
    " VALUES (?1, CASE WHEN ?2 > 0 THEN ?2 ELSE"
    " (SELECT coalesce (max (number), 0) + 1 FROM tickets) END,"
    " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
    " RETURNING id";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GPtrArray) tags = NULL;
  g_autofree char *subject = NULL;
  GError *local_error = NULL;
  gint64 ticket_id;

  if (stmt == NULL)
    return 0;

  subject = kefu_text_clean_line (fields->subject, KEFU_TEXT_MAX_SUBJECT);
  _kefu_sqlite_bind_id (stmt, 1, fields->id);
  sqlite3_bind_int64 (stmt, 2, fields->number);
  _kefu_sqlite_bind_text (stmt, 3, subject);
  _kefu_sqlite_bind_nick (stmt, 4, KEFU_TYPE_TICKET_STATUS, fields->status);
  _kefu_sqlite_bind_nick (stmt, 5, KEFU_TYPE_PRIORITY, fields->priority);
  _kefu_sqlite_bind_nick (stmt, 6, KEFU_TYPE_CHANNEL_KIND, fields->channel);
  sqlite3_bind_int64 (stmt, 7, fields->customer_id);
  _kefu_sqlite_bind_id (stmt, 8, fields->assignee_id);
  _kefu_sqlite_bind_text (stmt, 9, fields->preview ? fields->preview : "");
  sqlite3_bind_int64 (stmt, 10, fields->message_count);
  sqlite3_bind_int64 (stmt, 11, fields->created_at);
  sqlite3_bind_int64 (stmt, 12, fields->updated_at > 0 ? fields->updated_at : fields->created_at);
  sqlite3_bind_int64 (stmt, 13, fields->first_response_at);
  sqlite3_bind_int64 (stmt, 14, fields->resolved_at);
  sqlite3_bind_int64 (stmt, 15, fields->due_at);
  sqlite3_bind_int64 (stmt, 16, fields->version > 0 ? fields->version : 1);

  ticket_id = query_id (conn, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  /* RETURNING needs its statement stepped to the end before the next one. */
  _kefu_sqlite_stmt_release (stmt);

  tags = clean_tags (fields->tags);
  if (tags->len > 0 && !set_tags (conn, ticket_id, tags, error))
    return 0;

  kefu_store_note_change (store, ticket_id, fields->customer_id);

  return ticket_id;
}

static gint64
kefu_sqlite_store_insert_event (KefuStore   *store,
                                gint64       ticket_id,
                                gint64       agent_id,
                                const char  *kind,
                                const char  *detail,
                                gint64       created_at,
                                GError     **error)
{
  static const char sql[] =
    "INSERT INTO events (ticket_id, agent_id, kind, detail, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, ticket_id);
  _kefu_sqlite_bind_id (stmt, 2, agent_id);
  _kefu_sqlite_bind_text (stmt, 3, kind);
  _kefu_sqlite_bind_text (stmt, 4, detail);
  sqlite3_bind_int64 (stmt, 5, created_at > 0 ? created_at : g_get_real_time ());
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (conn->db);
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

static gboolean
read_ticket_state (KefuSqliteConnection  *conn,
                   gint64                 ticket_id,
                   TicketState           *state,
                   GError               **error)
{
  static const char sql[] =
    "SELECT status, priority, assignee_id, subject, due_at, resolved_at, version, customer_id,"
    " (SELECT group_concat (g.name, char (31)) FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id"
    "  WHERE tt.ticket_id = tickets.id)"
    " FROM tickets WHERE id = ?1";
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_auto (GStrv) tags = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ticket_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Ticket %" PRId64 " does not exist any more. It may have been deleted."),
                   ticket_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _kefu_sqlite_set_error (conn->db, rc, error);

  state->status = _kefu_sqlite_column_nick (stmt, 0, KEFU_TYPE_TICKET_STATUS, KEFU_TICKET_STATUS_OPEN);
  state->priority = _kefu_sqlite_column_nick (stmt, 1, KEFU_TYPE_PRIORITY, KEFU_PRIORITY_NORMAL);
  state->assignee_id = sqlite3_column_int64 (stmt, 2);
  state->subject = g_strdup (_kefu_sqlite_column_text (stmt, 3));
  state->due_at = sqlite3_column_int64 (stmt, 4);
  state->resolved_at = sqlite3_column_int64 (stmt, 5);
  state->version = sqlite3_column_int64 (stmt, 6);
  state->customer_id = sqlite3_column_int64 (stmt, 7);
  if (_kefu_sqlite_column_text (stmt, 8) != NULL)
    tags = g_strsplit (_kefu_sqlite_column_text (stmt, 8), "\x1f", -1);
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
kefu_sqlite_store_update_ticket (KefuStore               *store,
                                 const KefuTicketChange  *change,
                                 gint64                   now,
                                 GError                 **error)
{
  static const char sql[] =
    "UPDATE tickets SET status = ?2, priority = ?3, assignee_id = ?4, subject = ?5,"
    " due_at = ?6, resolved_at = ?7, version = version + 1, updated_at = max (updated_at, ?8)"
    " WHERE id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_auto (TicketState) old = { 0 };
  g_auto (TicketState) new = { 0 };
  g_autoptr (KefuSqliteStmt) stmt = NULL;
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

  stmt = _kefu_sqlite_prepare (conn, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  _kefu_sqlite_bind_nick (stmt, 2, KEFU_TYPE_TICKET_STATUS, new.status);
  _kefu_sqlite_bind_nick (stmt, 3, KEFU_TYPE_PRIORITY, new.priority);
  _kefu_sqlite_bind_id (stmt, 4, new.assignee_id);
  _kefu_sqlite_bind_text (stmt, 5, new.subject);
  sqlite3_bind_int64 (stmt, 6, new.due_at);
  sqlite3_bind_int64 (stmt, 7, new.resolved_at);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return FALSE;

  for (guint i = 0; i + 1 < events->len; i += 2)
    if (kefu_sqlite_store_insert_event (store, ticket_id, change->agent_id,
                                        g_ptr_array_index (events, i),
                                        g_ptr_array_index (events, i + 1),
                                        now, error) == 0)
      return FALSE;

  kefu_store_note_change (store, ticket_id, old.customer_id);

  return TRUE;
}

static gboolean
kefu_sqlite_store_set_first_response (KefuStore  *store,
                                      gint64      ticket_id,
                                      gint64      when,
                                      GError    **error)
{
  static const char sql[] =
    "UPDATE tickets SET first_response_at = ?2 WHERE id = ?1 AND first_response_at = 0";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_int64 (stmt, 2, when);

  return _kefu_sqlite_step_done (conn, stmt, error);
}

void
_kefu_sqlite_store_tickets_init (KefuStoreInterface *iface)
{
  iface->get_ticket = kefu_sqlite_store_get_ticket;
  iface->lookup_ticket_number = kefu_sqlite_store_lookup_ticket_number;
  iface->list_ticket_spine = kefu_sqlite_store_list_ticket_spine;
  iface->list_tickets = kefu_sqlite_store_list_tickets;
  iface->find_open_ticket = kefu_sqlite_store_find_open_ticket;
  iface->insert_ticket = kefu_sqlite_store_insert_ticket;
  iface->insert_event = kefu_sqlite_store_insert_event;
  iface->update_ticket = kefu_sqlite_store_update_ticket;
  iface->set_first_response = kefu_sqlite_store_set_first_response;
}
