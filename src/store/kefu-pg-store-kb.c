/* kefu-pg-store-kb.c: the robot's knowledge base in PostgreSQL (table kb_entries).
 *
 * Entries come and go as kb.json-style JSON (see kefu-store-kb.h);
 * PostgreSQL's JSON functions take the array apart and put it together
 * again, so no entry type crosses from the robot into the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kefu-pg-store-private.h"
#include "kefu-store-kb.h"

#define CONN(store) _kefu_pg_store_get_connection (KEFU_PG_STORE (store))

static char *
kefu_pg_store_list_kb_entries (KefuStore  *store,
                               GError    **error)
{
  static const char sql[] =
    "SELECT coalesce (json_agg (json_build_object ("
    "  'id', id, 'group', group_name, 'lang', lang, 'question', question,"
    "  'alternates', alternates, 'answer', answer, 'tags', tags,"
    "  'enabled', enabled <> 0) ORDER BY position, id), '[]'::json)::text"
    " FROM kb_entries";
  g_autoptr (PGresult) result = _kefu_pg_query (CONN (store), sql, NULL, error);

  if (result == NULL)
    return NULL;

  return g_strdup (_kefu_pg_text (result, 0, 0));
}

static gboolean
set_invalid (GError **error)
{
  g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID,
               _("These knowledge-base entries are not valid; each needs an id, a group, a language, a question and an answer."));
  return FALSE;
}

static gboolean
kefu_pg_store_put_kb_entries (KefuStore   *store,
                              const char  *json,
                              gboolean     replace_all,
                              GError     **error)
{
  static const char check_sql[] =
    "SELECT CASE WHEN jsonb_typeof ($1::jsonb) <> 'array' THEN false"
    " ELSE NOT EXISTS (SELECT 1 FROM jsonb_array_elements ($1::jsonb) AS e (value)"
    "   WHERE jsonb_typeof (value) <> 'object'"
    "   OR jsonb_typeof (value -> 'id') IS DISTINCT FROM 'string'"
    "   OR jsonb_typeof (value -> 'group') IS DISTINCT FROM 'string'"
    "   OR jsonb_typeof (value -> 'lang') IS DISTINCT FROM 'string'"
    "   OR jsonb_typeof (value -> 'question') IS DISTINCT FROM 'string'"
    "   OR jsonb_typeof (value -> 'answer') IS DISTINCT FROM 'string'"
    "   OR coalesce (jsonb_typeof (value -> 'alternates'), 'array') <> 'array'"
    "   OR coalesce (jsonb_typeof (value -> 'tags'), 'array') <> 'array'"
    "   OR coalesce (jsonb_typeof (value -> 'enabled'), 'boolean') NOT IN ('boolean', 'number')) END";
  static const char delete_sql[] = "DELETE FROM kb_entries";
  static const char put_sql[] =
    "INSERT INTO kb_entries (id, group_name, lang, question, alternates, answer, tags, enabled,"
    "                        position, updated_at)"
    " SELECT value ->> 'id', value ->> 'group', value ->> 'lang', value ->> 'question',"
    "   coalesce (value -> 'alternates', '[]'::jsonb), value ->> 'answer',"
    "   coalesce (value -> 'tags', '[]'::jsonb),"
    "   CASE WHEN value -> 'enabled' IS NULL THEN 1"
    "        WHEN jsonb_typeof (value -> 'enabled') = 'boolean' THEN (value ->> 'enabled')::boolean::int"
    "        ELSE CASE WHEN (value ->> 'enabled')::numeric <> 0 THEN 1 ELSE 0 END END,"
    "   (SELECT coalesce (max (position), 0) FROM kb_entries) + ord, $2"
    " FROM jsonb_array_elements ($1::jsonb) WITH ORDINALITY AS e (value, ord)"
    " ON CONFLICT (id) DO UPDATE SET group_name = excluded.group_name, lang = excluded.lang,"
    "   question = excluded.question, alternates = excluded.alternates, answer = excluded.answer,"
    "   tags = excluded.tags, enabled = excluded.enabled, updated_at = excluded.updated_at";
  KefuPgConnection *conn = CONN (store);
  g_auto (KefuPgParams) params = { 0 };
  g_auto (KefuPgParams) put_params = { 0 };
  g_autoptr (PGresult) check = NULL;
  GError *local_error = NULL;

  /* Text that is not JSON fails the cast (and so the transaction). */
  _kefu_pg_param_text (&params, json);
  check = _kefu_pg_query (conn, check_sql, &params, &local_error);
  if (check == NULL)
    {
      if (g_error_matches (local_error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_INVALID))
        {
          g_clear_error (&local_error);
          return set_invalid (error);
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (g_strcmp0 (_kefu_pg_text (check, 0, 0), "t") != 0)
    return set_invalid (error);

  if (replace_all && !_kefu_pg_exec (conn, delete_sql, NULL, error))
    return FALSE;

  _kefu_pg_param_text (&put_params, json);
  _kefu_pg_param_int (&put_params, g_get_real_time ());

  return _kefu_pg_exec (conn, put_sql, &put_params, error);
}

static gboolean
kefu_pg_store_delete_kb_entry (KefuStore   *store,
                               const char  *id,
                               GError     **error)
{
  static const char sql[] = "DELETE FROM kb_entries WHERE id = $1";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  _kefu_pg_param_text (&params, id);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return FALSE;

  if (g_strcmp0 (PQcmdTuples (result), "0") == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("There is no knowledge-base entry “%s”."), id);
      return FALSE;
    }

  return TRUE;
}

void
_kefu_pg_store_kb_init (KefuStoreInterface *iface)
{
  iface->list_kb_entries = kefu_pg_store_list_kb_entries;
  iface->put_kb_entries = kefu_pg_store_put_kb_entries;
  iface->delete_kb_entry = kefu_pg_store_delete_kb_entry;
}
