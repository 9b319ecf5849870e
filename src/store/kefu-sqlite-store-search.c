/* kefu-sqlite-store-search.c: turning what a person typed into a safe FTS5 query.
 *
 * User text never reaches FTS5's query syntax: it is split on white space,
 * each term becomes a quoted FTS5 string and the terms are ANDed, so
 * quotes, NEAR(, *, ^ and colons are only ever text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-enums.h"
#include "kefu-fts-tokenizer.h"
#include "kefu-inbox-records.h"
#include "kefu-search-query.h"
#include "kefu-search-terms-private.h"
#include "kefu-sqlite-store-private.h"

#define MAX_TERM_CHARS  (128)

static void
append_term (GString    *expr,
             const char *term,
             const char *term_end)
{
  guint n_chars = 0;
  guint n_searchable = 0;
  gboolean cjk = FALSE;

  if (expr->len > 0)
    g_string_append (expr, " AND ");

  g_string_append_c (expr, '"');
  for (const char *p = term; p < term_end && n_chars < MAX_TERM_CHARS; p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (_kefu_search_is_searchable (c))
        {
          n_searchable++;
          cjk = kefu_fts_is_cjk (c);
        }
      if (*p == '"')
        g_string_append (expr, "\"\"");
      else
        g_string_append_len (expr, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (expr, '"');

  /* One Chinese character is too short for a bigram: look for the bigrams
   * that start with it instead (and a run's last character, indexed alone). */
  if (n_searchable == 1 && cjk)
    g_string_append (expr, " *");
}

/**
 * _kefu_sqlite_match_expression:
 * @text: what a person typed, any bytes
 *
 * Returns: (transfer full) (nullable): an FTS5 MATCH expression, or %NULL
 *   when @text has nothing to search for (only spaces or punctuation)
 */
char *
_kefu_sqlite_match_expression (const char *text)
{
  g_auto (GStrv) terms = _kefu_search_split_terms (text);
  g_autoptr (GString) expr = g_string_new (NULL);

  for (guint i = 0; terms[i] != NULL; i++)
    append_term (expr, terms[i], terms[i] + strlen (terms[i]));

  if (terms[0] == NULL)
    return NULL;

  return g_string_free (g_steal_pointer (&expr), FALSE);
}

/* The global search (#6): tickets, messages and customers at once, each
 * narrowed by the filters of a KefuSearchQuery. */

#define MAX_SEARCH_TAGS (8)

/* A common word matches a good part of a million messages. Search looks at
 * the newest matches only (FTS5 walks its rowids, which start with the
 * ticket id, backwards and stops), so an answer never costs more than this
 * many index entries: tickets come from the newest MAX_SCAN_TICKETS matching
 * messages, messages from the newest MAX_SCAN_MESSAGES before filtering. */
#define MAX_SCAN_TICKETS  (2000)
#define MAX_SCAN_MESSAGES (200)

/* The WHERE clause that narrows tickets (alias t) by the filters. */
static void
append_search_filter (GString               *sql,
                      const KefuSearchQuery *query,
                      gboolean               has_from)
{
  if (query->number > 0)
    g_string_append (sql, " AND t.number = :number");
  if (query->channel >= 0)
    g_string_append (sql, " AND t.channel = :channel");
  if (query->status >= 0)
    g_string_append (sql, " AND t.status = :status");
  for (guint i = 0; query->tags != NULL && query->tags[i] != NULL && i < MAX_SEARCH_TAGS; i++)
    g_string_append_printf (sql,
                            " AND t.id IN (SELECT tt.ticket_id FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id"
                            " WHERE g.name = :tag%u COLLATE NOCASE)", i);
  if (has_from)
    g_string_append (sql,
                     " AND t.customer_id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH :from"
                     " UNION SELECT customer_id FROM identities WHERE id IN"
                     " (SELECT rowid FROM identities_fts WHERE identities_fts MATCH :from))");
}

static void
bind_search_filter (KefuSqliteStmt        *stmt,
                    const KefuSearchQuery *query,
                    const char            *match,
                    const char            *from,
                    guint                  limit)
{
  int index;

  if ((index = sqlite3_bind_parameter_index (stmt, ":number")) > 0)
    sqlite3_bind_int64 (stmt, index, query->number);
  if ((index = sqlite3_bind_parameter_index (stmt, ":channel")) > 0)
    _kefu_sqlite_bind_nick (stmt, index, KEFU_TYPE_CHANNEL_KIND, query->channel);
  if ((index = sqlite3_bind_parameter_index (stmt, ":status")) > 0)
    _kefu_sqlite_bind_nick (stmt, index, KEFU_TYPE_TICKET_STATUS, query->status);
  for (guint i = 0; query->tags != NULL && query->tags[i] != NULL && i < MAX_SEARCH_TAGS; i++)
    {
      g_autofree char *name = g_strdup_printf (":tag%u", i);

      if ((index = sqlite3_bind_parameter_index (stmt, name)) > 0)
        _kefu_sqlite_bind_text (stmt, index, query->tags[i]);
    }
  if ((index = sqlite3_bind_parameter_index (stmt, ":from")) > 0)
    _kefu_sqlite_bind_text (stmt, index, from);
  if ((index = sqlite3_bind_parameter_index (stmt, ":match")) > 0)
    _kefu_sqlite_bind_text (stmt, index, match);
  if ((index = sqlite3_bind_parameter_index (stmt, ":limit")) > 0)
    sqlite3_bind_int (stmt, index, limit);
}

static GArray *
collect_ids (KefuSqliteConnection  *conn,
             KefuSqliteStmt        *stmt,
             GError               **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

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

static gboolean
search_tickets (KefuStore              *store,
                const KefuSearchQuery  *query,
                const char             *match,
                const char             *from,
                guint                   limit,
                GPtrArray              *tickets,
                GError                **error)
{
  KefuSqliteConnection *conn = _kefu_sqlite_store_get_connection (KEFU_SQLITE_STORE (store));
  g_autoptr (GString) sql = g_string_new ("SELECT t.id FROM tickets t WHERE 1");
  g_autoptr (KefuSqliteStmt) stmt = NULL;
  g_autoptr (GArray) ids = NULL;

  append_search_filter (sql, query, from != NULL);
  if (match != NULL)
    g_string_append (sql,
                     " AND t.id IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH :match"
                     " UNION SELECT key >> 32 FROM (SELECT rowid AS key FROM messages_fts"
                     "  WHERE messages_fts MATCH :match ORDER BY rowid DESC LIMIT :scan)"
                     " UNION SELECT id FROM tickets WHERE customer_id IN"
                     " (SELECT rowid FROM customers_fts WHERE customers_fts MATCH :match))");
  g_string_append (sql, " ORDER BY t.updated_at DESC, t.id DESC LIMIT :limit");

  stmt = _kefu_sqlite_prepare (conn, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_search_filter (stmt, query, match, from, limit);
  if (match != NULL)
    sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":scan"), MAX_SCAN_TICKETS);
  ids = collect_ids (conn, stmt, error);
  if (ids == NULL)
    return FALSE;
  g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);

  for (guint i = 0; i < ids->len; i++)
    {
      KefuTicket *ticket = KEFU_STORE_GET_IFACE (store)->get_ticket (store, g_array_index (ids, gint64, i), error);

      if (ticket == NULL)
        return FALSE;
      g_ptr_array_add (tickets, ticket);
    }

  return TRUE;
}

/* The text around the first word found, on one line. FTS5's snippet()
 * would read each message through messages_search, a view it cannot look
 * up by key: a scan of every message per hit. */
static char *
make_snippet (const char  *text,
              char *const *words)
{
  g_autofree char *folded = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  const char *start = text;
  glong offset = 0;

  if (text == NULL)
    return g_strdup ("");

  folded = g_utf8_casefold (text, -1);
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      g_autofree char *word = g_utf8_casefold (words[i], -1);
      const char *found = *word != '\0' ? strstr (folded, word) : NULL;

      /* Case folding keeps the number of characters in these scripts. */
      if (found != NULL)
        {
          offset = g_utf8_pointer_to_offset (folded, found);
          break;
        }
    }

  if (offset > 30)
    {
      start = g_utf8_offset_to_pointer (text, offset - 30);
      g_string_append (out, "…");
    }
  for (const char *p = start; *p != '\0' && g_utf8_pointer_to_offset (start, p) < 160; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
search_messages (KefuStore              *store,
                 const KefuSearchQuery  *query,
                 const char             *match,
                 const char             *from,
                 guint                   limit,
                 GPtrArray              *hits,
                 GError                **error)
{
  KefuSqliteConnection *conn = _kefu_sqlite_store_get_connection (KEFU_SQLITE_STORE (store));
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (KefuSqliteStmt) stmt = NULL;
  g_auto (GStrv) words = g_strsplit_set (query->text != NULL ? query->text : "", " \t\n", 16);
  int rc;

  /* Newest tickets first: FTS5 walks its rowids backwards and stops at
   * the limit, which a ranking of every match could not. */
  g_string_append (sql,
                   "SELECT t.id, m.id, t.number, t.channel, t.subject, m.author_name, substr (m.text, 1, 4000), m.created_at"
                   " FROM (SELECT rowid AS key"
                   "  FROM messages_fts WHERE messages_fts MATCH :match ORDER BY rowid DESC LIMIT :scan) h"
                   " JOIN tickets t ON t.id = h.key >> 32"
                   " JOIN messages m ON m.id = (h.key & 4294967295)"
                   " WHERE 1");
  append_search_filter (sql, query, from != NULL);
  g_string_append (sql, " ORDER BY h.key DESC LIMIT :limit");

  stmt = _kefu_sqlite_prepare (conn, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_search_filter (stmt, query, match, from, limit);
  /* Without filters, the first matches are the answer. */
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":scan"),
                    from != NULL || query->channel >= 0 || query->status >= 0 || query->tags != NULL || query->number > 0
                    ? MAX_SCAN_MESSAGES : (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KefuSearchHit *hit = g_new0 (KefuSearchHit, 1);

      hit->ticket_id = sqlite3_column_int64 (stmt, 0);
      hit->message_id = sqlite3_column_int64 (stmt, 1);
      hit->ticket_number = sqlite3_column_int64 (stmt, 2);
      hit->channel = _kefu_sqlite_column_nick (stmt, 3, KEFU_TYPE_CHANNEL_KIND, KEFU_CHANNEL_KIND_EMAIL);
      hit->subject = g_strdup (_kefu_sqlite_column_text (stmt, 4));
      hit->author = g_strdup (_kefu_sqlite_column_text (stmt, 5));
      hit->snippet = make_snippet (_kefu_sqlite_column_text (stmt, 6), words);
      hit->created_at = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (hits, hit);
    }
  if (rc != SQLITE_DONE)
    return _kefu_sqlite_set_error (conn->db, rc, error);

  return TRUE;
}

static gboolean
search_customers (KefuStore   *store,
                  const char  *match,
                  guint        limit,
                  GPtrArray   *customers,
                  GError     **error)
{
  static const char sql[] =
    "SELECT id FROM (SELECT rowid AS id FROM customers_fts WHERE customers_fts MATCH :match"
    " UNION SELECT customer_id FROM identities WHERE id IN"
    " (SELECT rowid FROM identities_fts WHERE identities_fts MATCH :match))"
    " ORDER BY id DESC LIMIT :limit";
  KefuSqliteConnection *conn = _kefu_sqlite_store_get_connection (KEFU_SQLITE_STORE (store));
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GArray) ids = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":match"), match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit);
  ids = collect_ids (conn, stmt, error);
  if (ids == NULL)
    return FALSE;
  g_clear_pointer (&stmt, _kefu_sqlite_stmt_release);

  for (guint i = 0; i < ids->len; i++)
    {
      KefuCustomer *customer = KEFU_STORE_GET_IFACE (store)->get_customer (store, g_array_index (ids, gint64, i), error);

      if (customer == NULL)
        return FALSE;
      g_ptr_array_add (customers, customer);
    }

  return TRUE;
}

static KefuSearchResults *
kefu_sqlite_store_search (KefuStore              *store,
                          const KefuSearchQuery  *query,
                          guint                   limit,
                          GError                **error)
{
  g_autoptr (KefuSearchResults) results = kefu_search_results_new ();
  g_autofree char *match = _kefu_sqlite_match_expression (query->text);
  g_autofree char *from = _kefu_sqlite_match_expression (query->from);
  gboolean ticket_filter = query->number > 0 || query->channel >= 0 || query->status >= 0 || query->tags != NULL;
  gint64 started;
  gint64 tickets_done;
  gint64 messages_done;

  /* Words or a sender with nothing searchable in them (only punctuation)
   * match nothing, rather than everything. */
  if ((query->text != NULL && match == NULL) || (query->from != NULL && from == NULL))
    return g_steal_pointer (&results);

  started = g_get_monotonic_time ();
  if (!search_tickets (store, query, match, from, limit, results->tickets, error))
    return NULL;
  tickets_done = g_get_monotonic_time ();
  if (match != NULL && !search_messages (store, query, match, from, limit, results->messages, error))
    return NULL;
  messages_done = g_get_monotonic_time ();
  /* People are found by their name or address, not by ticket filters. */
  if (!ticket_filter && (from != NULL || match != NULL) &&
      !search_customers (store, from != NULL ? from : match, limit, results->customers, error))
    return NULL;
  g_debug ("Search: tickets %.1f ms, messages %.1f ms, customers %.1f ms",
           (tickets_done - started) / 1000.0, (messages_done - tickets_done) / 1000.0,
           (g_get_monotonic_time () - messages_done) / 1000.0);

  return g_steal_pointer (&results);
}

void
_kefu_sqlite_store_search_init (KefuStoreInterface *iface)
{
  iface->search = kefu_sqlite_store_search;
}
