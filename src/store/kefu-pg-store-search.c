/* kefu-pg-store-search.c: our tokens as PostgreSQL tsvector and tsquery values.
 *
 * PostgreSQL's parsers and dictionaries never see Kefu's text: the same
 * tokenizer as SQLite's FTS5 (kefu-fts-tokenizer.c: NFKC, case folding,
 * OpenCC t2s, CJK bigrams) cuts it, Snowball's Porter stemmer stems ASCII
 * words as SQLite's porter does, and the tokens go in as a tsvector value
 * with positions, so a quoted term is a phrase as in FTS5. What a person
 * typed becomes a tsquery value the same way: its syntax is only ever text.
 * Both are bound parameters (…::tsvector, …::tsquery), never SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libstemmer.h>
#include <string.h>

#include "kefu-enums.h"
#include "kefu-inbox-records.h"
#include "kefu-pg-store-private.h"
#include "kefu-search-query.h"
#include "kefu-search-terms-private.h"

#define MAX_TERM_CHARS     (128)
/* PostgreSQL's limits: positions up to 16383, a tsvector under 1 MB. */
#define MAX_POSITION       (16383)
#define MAX_DOCUMENT_BYTES (512 * 1024)
/* SQLite's porter leaves short words as they are. */
#define MIN_STEM_BYTES     (3)

static KefuFtsTokenizer *
get_tokenizer (KefuPgConnection *conn)
{
  if (conn->tokenizer == NULL)
    conn->tokenizer = kefu_fts_tokenizer_new ();

  return conn->tokenizer;
}

/* Appends @token as a quoted tsvector/tsquery lexeme, stemmed like SQLite's porter. */
static void
append_lexeme (KefuPgConnection *conn,
               GString          *out,
               const char       *token,
               gsize             length)
{
  gboolean ascii = length >= MIN_STEM_BYTES;

  for (gsize i = 0; ascii && i < length; i++)
    ascii = g_ascii_isalnum (token[i]);

  if (ascii)
    {
      const sb_symbol *stem;

      if (conn->stemmer == NULL)
        conn->stemmer = sb_stemmer_new ("porter", "UTF_8");
      if (conn->stemmer != NULL &&
          (stem = sb_stemmer_stem (conn->stemmer, (const sb_symbol *)token, (int)length)) != NULL)
        {
          token = (const char *)stem;
          length = sb_stemmer_length (conn->stemmer);
        }
    }

  g_string_append_c (out, '\'');
  for (gsize i = 0; i < length; i++)
    {
      if (token[i] == '\'')
        g_string_append (out, "''");
      else if (token[i] == '\\')
        g_string_append (out, "\\\\");
      else
        g_string_append_c (out, token[i]);
    }
  g_string_append_c (out, '\'');
}

typedef struct
{
  KefuPgConnection *conn;
  GString          *out;
  guint             position;
} Document;

static void
add_document_token (const char *token,
                    gsize       length,
                    gboolean    colocated,
                    gpointer    user_data)
{
  Document *document = user_data;

  if (length == 0 || document->out->len > MAX_DOCUMENT_BYTES)
    return;

  if (!colocated || document->position == 0)
    document->position++;
  if (document->out->len > 0)
    g_string_append_c (document->out, ' ');
  append_lexeme (document->conn, document->out, token, length);
  g_string_append_printf (document->out, ":%u", MIN (document->position, MAX_POSITION));
}

/**
 * _kefu_pg_search_document:
 * @first: (nullable): a row's first text (a subject, a name, …)
 * @second: (nullable): its second (a company, a display name)
 *
 * Returns: (transfer full): a tsvector value of their tokens, with positions
 */
char *
_kefu_pg_search_document (KefuPgConnection *conn,
                          const char       *first,
                          const char       *second)
{
  Document document = { conn, g_string_new (NULL), 0 };
  const char *texts[] = { first, second };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (texts[i] == NULL)
        continue;
      kefu_fts_tokenizer_run (get_tokenizer (conn), texts[i], strlen (texts[i]), FALSE,
                              add_document_token, &document);
      /* Two texts are not one phrase. */
      document.position += 1;
    }

  return g_string_free (document.out, FALSE);
}

typedef struct
{
  KefuPgConnection *conn;
  GString          *out;
  guint             n_tokens;
} Phrase;

static void
add_query_token (const char *token,
                 gsize       length,
                 gboolean    colocated,
                 gpointer    user_data)
{
  Phrase *phrase = user_data;

  if (length == 0 || colocated)
    return;
  if (phrase->n_tokens > 0)
    g_string_append (phrase->out, " <-> ");
  append_lexeme (phrase->conn, phrase->out, token, length);
  phrase->n_tokens++;
}

static void
append_term (KefuPgConnection *conn,
             GString          *expr,
             const char       *term,
             const char       *term_end)
{
  g_autoptr (GString) phrase_text = g_string_new (NULL);
  Phrase phrase = { conn, NULL, 0 };
  guint n_chars = 0;
  guint n_searchable = 0;
  gboolean cjk = FALSE;

  for (const char *p = term; p < term_end && n_chars < MAX_TERM_CHARS; p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (_kefu_search_is_searchable (c))
        {
          n_searchable++;
          cjk = kefu_fts_is_cjk (c);
        }
      g_string_append_len (phrase_text, p, g_utf8_next_char (p) - p);
    }

  phrase.out = g_string_new (NULL);
  kefu_fts_tokenizer_run (get_tokenizer (conn), phrase_text->str, phrase_text->len, TRUE,
                          add_query_token, &phrase);

  if (phrase.n_tokens > 0)
    {
      if (expr->len > 0)
        g_string_append (expr, " & ");
      g_string_append_c (expr, '(');
      g_string_append_len (expr, phrase.out->str, phrase.out->len);
      /* One Chinese character is too short for a bigram: look for the
       * bigrams that start with it (and a run's last character). */
      if (n_searchable == 1 && cjk && phrase.n_tokens == 1)
        g_string_append (expr, ":*");
      g_string_append_c (expr, ')');
    }

  g_string_free (phrase.out, TRUE);
}

/**
 * _kefu_pg_search_query:
 * @text: what a person typed, any bytes
 *
 * Returns: (transfer full) (nullable): a tsquery value ANDing the terms of
 *   @text, each a phrase; %NULL when @text has nothing to search for
 */
char *
_kefu_pg_search_query (KefuPgConnection *conn,
                       const char       *text)
{
  g_auto (GStrv) terms = _kefu_search_split_terms (text);
  g_autoptr (GString) expr = g_string_new (NULL);

  for (guint i = 0; terms[i] != NULL; i++)
    append_term (conn, expr, terms[i], terms[i] + strlen (terms[i]));

  if (expr->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&expr), FALSE);
}

/* The global search (#6): tickets, messages and customers at once, each
 * narrowed by the filters of a KefuSearchQuery (as kefu-sqlite-store-search.c). */

#define MAX_SEARCH_TAGS    (8)
#define SNIPPET_CHARS      (80)

#define CONN(store) _kefu_pg_store_get_connection (KEFU_PG_STORE (store))

/* The WHERE clause that narrows tickets (alias t) by the filters. */
static void
append_search_filter (GString               *sql,
                      KefuPgParams          *params,
                      const KefuSearchQuery *query,
                      const char            *from)
{
  if (query->number > 0)
    {
      _kefu_pg_param_int (params, query->number);
      g_string_append_printf (sql, " AND t.number = $%d", params->n);
    }
  if (query->channel >= 0)
    {
      _kefu_pg_param_nick (params, KEFU_TYPE_CHANNEL_KIND, query->channel);
      g_string_append_printf (sql, " AND t.channel = $%d", params->n);
    }
  if (query->status >= 0)
    {
      _kefu_pg_param_nick (params, KEFU_TYPE_TICKET_STATUS, query->status);
      g_string_append_printf (sql, " AND t.status = $%d", params->n);
    }
  for (guint i = 0; query->tags != NULL && query->tags[i] != NULL && i < MAX_SEARCH_TAGS; i++)
    {
      _kefu_pg_param_text (params, query->tags[i]);
      g_string_append_printf (sql,
                              " AND t.id IN (SELECT tt.ticket_id FROM ticket_tags tt JOIN tags g ON g.id = tt.tag_id"
                              " WHERE lower (g.name) = lower ($%d))", params->n);
    }
  if (from != NULL)
    {
      _kefu_pg_param_text (params, from);
      g_string_append_printf (sql,
                              " AND t.customer_id IN (SELECT id FROM customers WHERE search @@ $%d::tsquery"
                              " UNION SELECT customer_id FROM identities WHERE search @@ $%d::tsquery)",
                              params->n, params->n);
    }
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
  g_autoptr (GString) sql = g_string_new ("SELECT t.id FROM tickets t WHERE true");
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  append_search_filter (sql, &params, query, from);
  if (match != NULL)
    {
      _kefu_pg_param_text (&params, match);
      g_string_append_printf (sql,
                              " AND t.id IN (SELECT id FROM tickets WHERE search @@ $%d::tsquery"
                              " UNION SELECT ticket_id FROM messages WHERE search @@ $%d::tsquery"
                              " UNION SELECT id FROM tickets WHERE customer_id IN"
                              " (SELECT id FROM customers WHERE search @@ $%d::tsquery))",
                              params.n, params.n, params.n);
    }
  _kefu_pg_param_int (&params, limit);
  g_string_append_printf (sql, " ORDER BY t.updated_at DESC, t.id DESC LIMIT $%d", params.n);

  result = _kefu_pg_query (CONN (store), sql->str, &params, error);
  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuTicket *ticket = KEFU_STORE_GET_IFACE (store)->get_ticket (store, _kefu_pg_int (result, row, 0), error);

      if (ticket == NULL)
        return FALSE;
      g_ptr_array_add (tickets, ticket);
    }

  return TRUE;
}

/* Plain text around the first place a word of @words occurs in @text. */
static char *
make_snippet (const char *text,
              const char *words)
{
  g_autofree char *folded_text = NULL;
  g_auto (GStrv) terms = NULL;
  glong start = 0;
  glong length;

  if (text == NULL)
    return g_strdup ("");

  folded_text = g_utf8_casefold (text, -1);
  length = g_utf8_strlen (text, -1);
  terms = g_strsplit_set (words != NULL ? words : "", " \t\n", -1);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autofree char *term = g_utf8_casefold (terms[i], -1);
      const char *found = *term != '\0' ? strstr (folded_text, term) : NULL;

      /* Case folding keeps the count of characters for the texts we index. */
      if (found != NULL && g_utf8_strlen (folded_text, -1) == length)
        {
          start = MAX (g_utf8_pointer_to_offset (folded_text, found) - SNIPPET_CHARS / 4, 0);
          break;
        }
    }

  {
    const char *from = g_utf8_offset_to_pointer (text, start);
    const char *to = g_utf8_offset_to_pointer (from, MIN (SNIPPET_CHARS, length - start));
    g_autofree char *piece = g_strndup (from, to - from);

    return g_strdup_printf ("%s%s%s", start > 0 ? "…" : "", g_strstrip (piece),
                            start + SNIPPET_CHARS < length ? "…" : "");
  }
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
  g_autoptr (GString) sql = g_string_new (NULL);
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  _kefu_pg_param_text (&params, match);
  g_string_append (sql,
                   "SELECT t.id, m.id, t.number, t.channel, t.subject, m.author_name, m.text, m.created_at"
                   " FROM messages m JOIN tickets t ON t.id = m.ticket_id"
                   " WHERE m.search @@ $1::tsquery");
  append_search_filter (sql, &params, query, from);
  _kefu_pg_param_int (&params, limit);
  g_string_append_printf (sql, " ORDER BY t.id DESC, m.id DESC LIMIT $%d", params.n);

  result = _kefu_pg_query (CONN (store), sql->str, &params, error);
  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuSearchHit *hit = g_new0 (KefuSearchHit, 1);

      hit->ticket_id = _kefu_pg_int (result, row, 0);
      hit->message_id = _kefu_pg_int (result, row, 1);
      hit->ticket_number = _kefu_pg_int (result, row, 2);
      hit->channel = _kefu_pg_nick (result, row, 3, KEFU_TYPE_CHANNEL_KIND, KEFU_CHANNEL_KIND_EMAIL);
      hit->subject = g_strdup (_kefu_pg_text (result, row, 4));
      hit->author = g_strdup (_kefu_pg_text (result, row, 5));
      hit->snippet = make_snippet (_kefu_pg_text (result, row, 6), query->text);
      hit->created_at = _kefu_pg_int (result, row, 7);
      g_ptr_array_add (hits, hit);
    }

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
    "SELECT id FROM (SELECT id FROM customers WHERE search @@ $1::tsquery"
    " UNION SELECT customer_id FROM identities WHERE search @@ $1::tsquery) AS found"
    " ORDER BY id DESC LIMIT $2";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  _kefu_pg_param_text (&params, match);
  _kefu_pg_param_int (&params, limit);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuCustomer *customer = KEFU_STORE_GET_IFACE (store)->get_customer (store, _kefu_pg_int (result, row, 0), error);

      if (customer == NULL)
        return FALSE;
      g_ptr_array_add (customers, customer);
    }

  return TRUE;
}

static KefuSearchResults *
kefu_pg_store_search (KefuStore              *store,
                      const KefuSearchQuery  *query,
                      guint                   limit,
                      GError                **error)
{
  KefuPgConnection *conn = CONN (store);
  g_autoptr (KefuSearchResults) results = kefu_search_results_new ();
  g_autofree char *match = _kefu_pg_search_query (conn, query->text);
  g_autofree char *from = _kefu_pg_search_query (conn, query->from);
  gboolean ticket_filter = query->number > 0 || query->channel >= 0 || query->status >= 0 || query->tags != NULL;

  /* Words or a sender with nothing searchable in them (only punctuation)
   * match nothing, rather than everything. */
  if ((query->text != NULL && match == NULL) || (query->from != NULL && from == NULL))
    return g_steal_pointer (&results);

  if (!search_tickets (store, query, match, from, limit, results->tickets, error))
    return NULL;
  if (match != NULL && !search_messages (store, query, match, from, limit, results->messages, error))
    return NULL;
  /* People are found by their name or address, not by ticket filters. */
  if (!ticket_filter && (from != NULL || match != NULL) &&
      !search_customers (store, from != NULL ? from : match, limit, results->customers, error))
    return NULL;

  return g_steal_pointer (&results);
}

void
_kefu_pg_store_search_init (KefuStoreInterface *iface)
{
  iface->search = kefu_pg_store_search;
}
