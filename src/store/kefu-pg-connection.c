/* kefu-pg-connection.c: one libpq connection: opening, statements prepared once, errors in words.
 *
 * Every value reaches the server as a parameter of a prepared statement;
 * no SQL text is ever built from a value. Results come back as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <libstemmer.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kefu-pg-store-private.h"

void
_kefu_pg_params_clear (KefuPgParams *params)
{
  for (int i = 0; i < params->n; i++)
    g_clear_pointer (&params->values[i], g_free);
  params->n = 0;
}

static void
add_param (KefuPgParams *params,
           char         *value,
           int           length,
           int           format)
{
  /* A programmer error: statements have a fixed, small number of parameters. */
  g_assert (params->n < KEFU_PG_MAX_PARAMS);

  params->values[params->n] = value;
  params->lengths[params->n] = length;
  params->formats[params->n] = format;
  params->n++;
}

void
_kefu_pg_param_int (KefuPgParams *params,
                    gint64        value)
{
  add_param (params, g_strdup_printf ("%" PRId64, value), 0, 0);
}

/* An id of 0 or less is NULL (no agent, "assign one"). */
void
_kefu_pg_param_id (KefuPgParams *params,
                   gint64        id)
{
  if (id > 0)
    _kefu_pg_param_int (params, id);
  else
    add_param (params, NULL, 0, 0);
}

/* Text is made valid UTF-8 and loses NUL bytes' tail: PostgreSQL takes neither. */
void
_kefu_pg_param_text (KefuPgParams *params,
                     const char   *text)
{
  add_param (params, text != NULL ? g_utf8_make_valid (text, -1) : NULL, 0, 0);
}

void
_kefu_pg_param_take_text (KefuPgParams *params,
                          char         *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      _kefu_pg_param_text (params, text);
      g_free (text);
      return;
    }
  add_param (params, text, 0, 0);
}

void
_kefu_pg_param_nick (KefuPgParams *params,
                     GType         enum_type,
                     int           value)
{
  _kefu_pg_param_text (params, kefu_enum_to_nick (enum_type, value));
}

void
_kefu_pg_param_bytes (KefuPgParams  *params,
                      gconstpointer  data,
                      gsize          size)
{
  char *copy = g_malloc (MAX (size, 1));

  g_assert (size <= G_MAXINT);
  if (size > 0)
    memcpy (copy, data, size);
  add_param (params, copy, (int)size, 1);
}

gint64
_kefu_pg_int (const PGresult *result,
              int             row,
              int             column)
{
  if (PQgetisnull (result, row, column))
    return 0;

  return g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

const char *
_kefu_pg_text (const PGresult *result,
               int             row,
               int             column)
{
  if (PQgetisnull (result, row, column))
    return NULL;

  return PQgetvalue (result, row, column);
}

int
_kefu_pg_nick (const PGresult *result,
               int             row,
               int             column,
               GType           enum_type,
               int             fallback)
{
  int value = fallback;

  if (!kefu_enum_from_nick (enum_type, _kefu_pg_text (result, row, column), &value))
    return fallback;

  return value;
}

gboolean
_kefu_pg_is_unique_violation (const PGresult *result)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;

  return g_strcmp0 (state, "23505") == 0;
}

/**
 * _kefu_pg_set_error:
 *
 * Turns a failed statement (or a lost connection) into a #KEFU_STORE_ERROR
 * a person can act on. Every PostgreSQL failure in the store goes through here.
 *
 * Returns: %FALSE, so callers can `return _kefu_pg_set_error (…)`
 */
gboolean
_kefu_pg_set_error (PGconn          *conn,
                    const PGresult  *result,
                    GError         **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *detail = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;

  if (detail == NULL)
    detail = conn != NULL ? PQerrorMessage (conn) : "";
  g_debug ("PostgreSQL error %s: %s", state ? state : "(none)", detail);

  if (state == NULL || (conn != NULL && PQstatus (conn) == CONNECTION_BAD) ||
      g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_UNREACHABLE,
                 _("The connection to the database server was lost. Check the network and try again."));
  else if (strcmp (state, "23505") == 0)
    g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CONFLICT,
                 _("Someone else stored this at the same time. Try again."));
  else if (g_str_has_prefix (state, "23") || g_str_has_prefix (state, "22") ||
           strcmp (state, "54000") == 0)
    g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
                 _("The database refused a value (%s)."), detail);
  else if (strcmp (state, "40001") == 0 || strcmp (state, "40P01") == 0 ||
           strcmp (state, "55P03") == 0)
    g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_LOCKED,
                 _("Another desktop was changing the same thing. Try again."));
  else if (strcmp (state, "42501") == 0)
    g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                 _("The database user may not do this. Ask whoever set up the database to grant it."));
  else if (g_str_has_prefix (state, "53"))
    g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                 _("The database server is out of disk space or memory. Tell whoever looks after it."));
  else if (g_str_has_prefix (state, "42"))
    g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT,
                 _("The database does not have the tables this version of Kefu expects (%s)."), detail);
  else
    g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                 _("The database server reported an error: %s"), detail);

  return FALSE;
}

/* Server notices ("table does not exist, skipping") are for developers. */
static void
on_notice (void       *arg,
           const char *message)
{
  g_debug ("PostgreSQL: %s", message);
}

static void
set_connect_error (PGconn  *conn,
                   GError **error)
{
  const char *detail = conn != NULL ? PQerrorMessage (conn) : "";
  g_autofree char *where = NULL;
  g_autofree char *first_line = NULL;
  const char *end;

  g_debug ("PostgreSQL connection failed: %s", detail);

  if (conn == NULL)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO,
                   _("There is not enough memory to connect to the database server."));
      return;
    }

  /* The server's words, without libpq's "connection to server … failed:" preamble. */
  end = strchr (detail, '\n');
  first_line = end != NULL ? g_strndup (detail, end - detail) : g_strdup (detail);
  if (strstr (first_line, "failed: ") != NULL)
    {
      char *tail = g_strdup (strstr (first_line, "failed: ") + strlen ("failed: "));

      g_free (first_line);
      first_line = tail;
    }
  g_strstrip (first_line);
  where = g_strdup_printf ("%s:%s", PQhost (conn) ? PQhost (conn) : "", PQport (conn) ? PQport (conn) : "");

  if (PQconnectionNeedsPassword (conn))
    g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_AUTH_FAILED,
                 _("The database server at %s needs a password for this user, and none was given."),
                 where);
  else if (strstr (detail, "authentication failed") != NULL || strstr (detail, "password") != NULL)
    g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_AUTH_FAILED,
                 _("The database server at %s refused the user name or password. Check them and try again."),
                 where);
  else if (strstr (detail, "does not exist") != NULL)
    g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                 _("The database server at %s has no such database or user (%s). Check the names, or ask whoever set it up to create them."),
                 where, first_line);
  else
    g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_UNREACHABLE,
                 _("The database server at %s cannot be reached (%s). Check that it is running and that this computer may connect to it."),
                 where, first_line);
}

static gboolean
set_up_session (KefuPgConnection  *conn,
                GError           **error)
{
  g_hash_table_remove_all (conn->statements);

  if (PQsetClientEncoding (conn->conn, "UTF8") != 0)
    return _kefu_pg_set_error (conn->conn, NULL, error);

  return _kefu_pg_exec_script (conn, "SET client_min_messages = warning", error);
}

/**
 * _kefu_pg_connection_open:
 * @conninfo: a libpq connection string or postgresql:// URI
 *
 * The password comes from @conninfo, PGPASSWORD or ~/.pgpass (libpq's own);
 * it is never logged or kept by Kefu.
 */
KefuPgConnection *
_kefu_pg_connection_open (const char  *conninfo,
                          GError     **error)
{
  static const char *const keywords[] = { "dbname", "fallback_application_name", NULL };
  const char *values[] = { conninfo, "Kefu", NULL };
  PQconninfoOption *parsed;
  KefuPgConnection *conn;
  char *parse_error = NULL;
  PGconn *pg;

  /* libpq's words for a malformed address quote it, password and all: say
   * it in ours instead, before anything can log or show them. */
  parsed = strchr (conninfo, '=') != NULL || strstr (conninfo, "://") != NULL
           ? PQconninfoParse (conninfo, &parse_error) : PQconndefaults ();
  if (parsed == NULL)
    {
      PQfreemem (parse_error);
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID, "%s",
                   _("The database address is not valid. Write it as postgresql://user@host/database."));
      return NULL;
    }
  PQconninfoFree (parsed);

  pg = PQconnectdbParams (keywords, values, 1);
  if (pg == NULL || PQstatus (pg) != CONNECTION_OK)
    {
      set_connect_error (pg, error);
      PQfinish (pg);
      return NULL;
    }
  PQsetNoticeProcessor (pg, on_notice, NULL);

  conn = g_new0 (KefuPgConnection, 1);
  conn->conn = pg;
  conn->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!set_up_session (conn, error))
    {
      _kefu_pg_connection_close (conn);
      return NULL;
    }

  return conn;
}

void
_kefu_pg_connection_close (KefuPgConnection *conn)
{
  if (conn == NULL)
    return;

  g_clear_pointer (&conn->conn, PQfinish);
  g_clear_pointer (&conn->statements, g_hash_table_unref);
  g_clear_pointer (&conn->tokenizer, kefu_fts_tokenizer_free);
  g_clear_pointer (&conn->stemmer, sb_stemmer_delete);
  g_free (conn);
}

/**
 * _kefu_pg_connection_check:
 *
 * Reconnects a connection the server or the network dropped, so that one
 * lost connection costs one failed job, not every job after it.
 */
gboolean
_kefu_pg_connection_check (KefuPgConnection  *conn,
                           GError           **error)
{
  if (PQstatus (conn->conn) == CONNECTION_OK)
    return TRUE;

  PQreset (conn->conn);
  if (PQstatus (conn->conn) != CONNECTION_OK)
    {
      set_connect_error (conn->conn, error);
      return FALSE;
    }

  return set_up_session (conn, error);
}

static const char *
prepare (KefuPgConnection  *conn,
         const char        *sql,
         int                n_params,
         GError           **error)
{
  const char *name = g_hash_table_lookup (conn->statements, sql);
  g_autoptr (PGresult) result = NULL;
  g_autofree char *new_name = NULL;

  if (name != NULL)
    return name;

  new_name = g_strdup_printf ("kefu_%u", ++conn->n_statements);
  result = PQprepare (conn->conn, new_name, sql, n_params, NULL);
  if (result == NULL || PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      _kefu_pg_set_error (conn->conn, result, error);
      return NULL;
    }

  name = new_name;
  g_hash_table_insert (conn->statements, g_strdup (sql), g_steal_pointer (&new_name));

  return name;
}

/**
 * _kefu_pg_query:
 * @params: (nullable): the statement's parameters ($1, $2, …)
 *
 * Runs @sql as a statement prepared once per connection.
 *
 * Returns: (transfer full): the rows (or the command's result), or %NULL
 *   with @error set
 */
PGresult *
_kefu_pg_query (KefuPgConnection  *conn,
                const char        *sql,
                KefuPgParams      *params,
                GError           **error)
{
  KefuPgParams none = { 0 };
  g_autoptr (PGresult) result = NULL;
  const char *name;
  ExecStatusType status;

  if (params == NULL)
    params = &none;

  name = prepare (conn, sql, params->n, error);
  if (name == NULL)
    return NULL;

  result = PQexecPrepared (conn->conn, name, params->n,
                           (const char *const *)params->values, params->lengths, params->formats, 0);
  status = result != NULL ? PQresultStatus (result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      _kefu_pg_set_error (conn->conn, result, error);
      return NULL;
    }

  return g_steal_pointer (&result);
}

gboolean
_kefu_pg_exec (KefuPgConnection  *conn,
               const char        *sql,
               KefuPgParams      *params,
               GError           **error)
{
  g_autoptr (PGresult) result = _kefu_pg_query (conn, sql, params, error);

  return result != NULL;
}

/* Runs constant SQL (maybe several statements) without preparing it. */
gboolean
_kefu_pg_exec_script (KefuPgConnection  *conn,
                      const char        *sql,
                      GError           **error)
{
  g_autoptr (PGresult) result = PQexec (conn->conn, sql);
  ExecStatusType status = result != NULL ? PQresultStatus (result) : PGRES_FATAL_ERROR;

  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    return _kefu_pg_set_error (conn->conn, result, error);

  return TRUE;
}

/* Runs a statement that yields one id in its first column (or none: 0). */
gint64
_kefu_pg_query_id (KefuPgConnection  *conn,
                   const char        *sql,
                   KefuPgParams      *params,
                   GError           **error)
{
  g_autoptr (PGresult) result = _kefu_pg_query (conn, sql, params, error);

  if (result == NULL || PQntuples (result) == 0)
    return 0;

  return _kefu_pg_int (result, 0, 0);
}

/**
 * _kefu_pg_bump_identity:
 * @sequence: the identity sequence of the table (tickets_id_seq, …)
 * @id: an id an import gave; 0 for none
 *
 * Moves the sequence past @id, so that ids assigned later never collide
 * with imported ones.
 */
gboolean
_kefu_pg_bump_identity (KefuPgConnection  *conn,
                        const char        *sequence,
                        gint64             id,
                        GError           **error)
{
  static const char sql[] =
    "SELECT setval ($1::regclass, $2::bigint) WHERE nextval ($1::regclass) <= $2::bigint";
  g_auto (KefuPgParams) params = { 0 };

  if (id <= 0)
    return TRUE;

  _kefu_pg_param_text (&params, sequence);
  _kefu_pg_param_int (&params, id);

  return _kefu_pg_exec (conn, sql, &params, error);
}
