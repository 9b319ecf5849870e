/* kefu-pg-store-customers.c: customers and identities, agents, accounts and settings (PostgreSQL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "kefu-enums.h"
#include "kefu-pg-store-private.h"
#include "kefu-search-terms-private.h"
#include "kefu-text.h"

#define MAX_LIST_LIMIT (10000)

#define CONN(store) _kefu_pg_store_get_connection (KEFU_PG_STORE (store))

static GPtrArray *
list_identities (KefuPgConnection  *conn,
                 gint64             customer_id,
                 GError           **error)
{
  static const char sql[] =
    "SELECT id, customer_id, kind, value, display, created_at FROM identities"
    " WHERE customer_id = $1 ORDER BY created_at, id";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autoptr (GPtrArray) identities = g_ptr_array_new_with_free_func (g_object_unref);

  _kefu_pg_param_int (&params, customer_id);
  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuIdentityFields fields = { 0 };

      fields.id = _kefu_pg_int (result, row, 0);
      fields.customer_id = _kefu_pg_int (result, row, 1);
      fields.kind = _kefu_pg_nick (result, row, 2, KEFU_TYPE_IDENTITY_KIND, KEFU_IDENTITY_KIND_EMAIL);
      fields.value = _kefu_pg_text (result, row, 3);
      fields.display = _kefu_pg_text (result, row, 4);
      fields.created_at = _kefu_pg_int (result, row, 5);
      g_ptr_array_add (identities, kefu_identity_new (&fields));
    }

  return g_steal_pointer (&identities);
}

#define CUSTOMER_COLUMNS \
  "c.id, c.name, c.company, c.notes, c.language, c.created_at, c.updated_at, c.last_contact_at," \
  " (SELECT count (*) FROM tickets t WHERE t.customer_id = c.id)"

static void
customer_fields_from_row (const PGresult     *result,
                          int                 row,
                          KefuCustomerFields *fields)
{
  fields->id = _kefu_pg_int (result, row, 0);
  fields->name = _kefu_pg_text (result, row, 1);
  fields->company = _kefu_pg_text (result, row, 2);
  fields->notes = _kefu_pg_text (result, row, 3);
  fields->language = _kefu_pg_text (result, row, 4);
  fields->created_at = _kefu_pg_int (result, row, 5);
  fields->updated_at = _kefu_pg_int (result, row, 6);
  fields->last_contact_at = _kefu_pg_int (result, row, 7);
  fields->ticket_count = (guint)CLAMP (_kefu_pg_int (result, row, 8), 0, G_MAXUINT);
}

static KefuCustomer *
kefu_pg_store_get_customer (KefuStore  *store,
                            gint64      customer_id,
                            GError    **error)
{
  static const char sql[] = "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.id = $1";
  KefuPgConnection *conn = CONN (store);
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autoptr (GPtrArray) identities = NULL;
  KefuCustomerFields fields = { 0 };

  _kefu_pg_param_int (&params, customer_id);
  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Customer %" PRId64 " does not exist any more. They may have been deleted."),
                   customer_id);
      return NULL;
    }

  identities = list_identities (conn, customer_id, error);
  if (identities == NULL)
    return NULL;

  customer_fields_from_row (result, 0, &fields);

  return kefu_customer_new (&fields, identities);
}

static GPtrArray *
kefu_pg_store_list_customers (KefuStore   *store,
                              const char  *text,
                              gint64       before_id,
                              guint        limit,
                              GError     **error)
{
  static const char all_sql[] =
    "SELECT " CUSTOMER_COLUMNS " FROM customers c"
    " WHERE c.id < $1 ORDER BY c.id DESC LIMIT $2";
  static const char match_sql[] =
    "SELECT " CUSTOMER_COLUMNS " FROM customers c"
    " WHERE c.id < $1 AND c.id IN ("
    "SELECT id FROM customers WHERE search @@ $3::tsquery"
    " UNION SELECT customer_id FROM identities WHERE search @@ $3::tsquery)"
    " ORDER BY c.id DESC LIMIT $2";
  KefuPgConnection *conn = CONN (store);
  g_autoptr (GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autofree char *match = _kefu_pg_search_query (conn, text);

  /* Text with nothing searchable in it matches nobody. */
  if (limit == 0 || (match == NULL && !_kefu_search_is_blank (text)))
    return g_steal_pointer (&customers);

  _kefu_pg_param_int (&params, before_id > 0 ? before_id : G_MAXINT64);
  _kefu_pg_param_int (&params, MIN (limit, MAX_LIST_LIMIT));
  if (match != NULL)
    _kefu_pg_param_text (&params, match);

  result = _kefu_pg_query (conn, match ? match_sql : all_sql, &params, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuCustomerFields fields = { 0 };
      g_autoptr (GPtrArray) identities = NULL;

      customer_fields_from_row (result, row, &fields);
      identities = list_identities (conn, fields.id, error);
      if (identities == NULL)
        return NULL;
      g_ptr_array_add (customers, kefu_customer_new (&fields, identities));
    }

  return g_steal_pointer (&customers);
}

static gint64
kefu_pg_store_find_identity (KefuStore         *store,
                             KefuIdentityKind   kind,
                             const char        *value,
                             gint64            *customer_id,
                             GError           **error)
{
  static const char sql[] = "SELECT id, customer_id FROM identities WHERE kind = $1 AND value = $2";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  if (customer_id != NULL)
    *customer_id = 0;

  _kefu_pg_param_nick (&params, KEFU_TYPE_IDENTITY_KIND, kind);
  _kefu_pg_param_text (&params, value);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL || PQntuples (result) == 0)
    return 0;

  if (customer_id != NULL)
    *customer_id = _kefu_pg_int (result, 0, 1);

  return _kefu_pg_int (result, 0, 0);
}

static gint64
kefu_pg_store_insert_customer (KefuStore                 *store,
                               const KefuCustomerFields  *fields,
                               GError                   **error)
{
  static const char sql[] =
    "INSERT INTO customers (id, name, company, notes, language, created_at, updated_at,"
    " last_contact_at, search)"
    " VALUES (coalesce ($1::bigint, nextval ('customers_id_seq')), $2, $3, $4, $5, $6, $7, $8, $9::tsvector)"
    " RETURNING id";
  KefuPgConnection *conn = CONN (store);
  g_auto (KefuPgParams) params = { 0 };
  g_autofree char *name = kefu_text_clean_line (fields->name, KEFU_TEXT_MAX_NAME);
  GError *local_error = NULL;
  gint64 customer_id;

  _kefu_pg_param_id (&params, fields->id);
  _kefu_pg_param_text (&params, name);
  _kefu_pg_param_text (&params, fields->company);
  _kefu_pg_param_text (&params, fields->notes);
  _kefu_pg_param_text (&params, fields->language);
  _kefu_pg_param_int (&params, fields->created_at);
  _kefu_pg_param_int (&params, fields->updated_at > 0 ? fields->updated_at : fields->created_at);
  _kefu_pg_param_int (&params, fields->last_contact_at);
  _kefu_pg_param_take_text (&params, _kefu_pg_search_document (conn, name, fields->company));

  customer_id = _kefu_pg_query_id (conn, sql, &params, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (!_kefu_pg_bump_identity (conn, "customers_id_seq", fields->id, error))
    return 0;

  kefu_store_note_change (store, 0, customer_id);

  return customer_id;
}

static gint64
kefu_pg_store_insert_identity (KefuStore                 *store,
                               const KefuIdentityFields  *fields,
                               GError                   **error)
{
  /* A duplicate leaves the transaction usable, as a failed SQLite
   * statement does: ON CONFLICT rather than an error. */
  static const char sql[] =
    "INSERT INTO identities (id, customer_id, kind, value, display, created_at, search)"
    " VALUES (coalesce ($1::bigint, nextval ('identities_id_seq')), $2, $3, $4, $5, $6, $7::tsvector)"
    " ON CONFLICT DO NOTHING RETURNING id";
  KefuPgConnection *conn = CONN (store);
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  gint64 identity_id;

  _kefu_pg_param_id (&params, fields->id);
  _kefu_pg_param_int (&params, fields->customer_id);
  _kefu_pg_param_nick (&params, KEFU_TYPE_IDENTITY_KIND, fields->kind);
  _kefu_pg_param_text (&params, fields->value);
  _kefu_pg_param_text (&params, fields->display);
  _kefu_pg_param_int (&params, fields->created_at);
  _kefu_pg_param_take_text (&params, _kefu_pg_search_document (conn, fields->value, fields->display));

  result = _kefu_pg_query (conn, sql, &params, error);
  if (result == NULL)
    return 0;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CONFLICT,
                   _("“%s” already belongs to another customer. Merge the two customers instead."),
                   fields->value);
      return 0;
    }
  identity_id = _kefu_pg_int (result, 0, 0);
  if (!_kefu_pg_bump_identity (conn, "identities_id_seq", fields->id, error))
    return 0;

  kefu_store_note_change (store, 0, fields->customer_id);

  return identity_id;
}

static gint64
kefu_pg_store_insert_agent (KefuStore              *store,
                            const KefuAgentFields  *fields,
                            GError                **error)
{
  static const char sql[] =
    "INSERT INTO agents (id, name, email, role, created_at)"
    " VALUES (coalesce ($1::bigint, nextval ('agents_id_seq')), $2, $3, $4, $5) RETURNING id";
  KefuPgConnection *conn = CONN (store);
  g_auto (KefuPgParams) params = { 0 };
  g_autofree char *name = kefu_text_clean_line (fields->name, KEFU_TEXT_MAX_NAME);
  GError *local_error = NULL;
  gint64 agent_id;

  _kefu_pg_param_id (&params, fields->id);
  _kefu_pg_param_text (&params, name);
  _kefu_pg_param_text (&params, fields->email);
  _kefu_pg_param_nick (&params, KEFU_TYPE_AGENT_ROLE, fields->role);
  _kefu_pg_param_int (&params, fields->created_at > 0 ? fields->created_at : g_get_real_time ());

  agent_id = _kefu_pg_query_id (conn, sql, &params, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (!_kefu_pg_bump_identity (conn, "agents_id_seq", fields->id, error))
    return 0;

  return agent_id;
}

static GPtrArray *
kefu_pg_store_list_agents (KefuStore  *store,
                           GError    **error)
{
  static const char sql[] = "SELECT id, name, email, role, created_at FROM agents ORDER BY id";
  g_autoptr (PGresult) result = _kefu_pg_query (CONN (store), sql, NULL, error);
  g_autoptr (GPtrArray) agents = g_ptr_array_new_with_free_func (g_object_unref);

  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuAgentFields fields = { 0 };

      fields.id = _kefu_pg_int (result, row, 0);
      fields.name = _kefu_pg_text (result, row, 1);
      fields.email = _kefu_pg_text (result, row, 2);
      fields.role = _kefu_pg_nick (result, row, 3, KEFU_TYPE_AGENT_ROLE, KEFU_AGENT_ROLE_AGENT);
      fields.created_at = _kefu_pg_int (result, row, 4);
      g_ptr_array_add (agents, kefu_agent_new (&fields));
    }

  return g_steal_pointer (&agents);
}

static gint64
kefu_pg_store_insert_account (KefuStore                *store,
                              const KefuAccountFields  *fields,
                              GError                  **error)
{
  static const char sql[] =
    "INSERT INTO accounts (id, kind, name, address, config, enabled, created_at)"
    " VALUES (coalesce ($1::bigint, nextval ('accounts_id_seq')), $2, $3, $4, $5, $6, $7) RETURNING id";
  KefuPgConnection *conn = CONN (store);
  g_auto (KefuPgParams) params = { 0 };
  GError *local_error = NULL;
  gint64 account_id;

  _kefu_pg_param_id (&params, fields->id);
  _kefu_pg_param_nick (&params, KEFU_TYPE_CHANNEL_KIND, fields->kind);
  _kefu_pg_param_text (&params, fields->name ? fields->name : "");
  _kefu_pg_param_text (&params, fields->address);
  _kefu_pg_param_text (&params, fields->config ? fields->config : "{}");
  _kefu_pg_param_int (&params, fields->enabled ? 1 : 0);
  _kefu_pg_param_int (&params, fields->created_at > 0 ? fields->created_at : g_get_real_time ());

  account_id = _kefu_pg_query_id (conn, sql, &params, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (!_kefu_pg_bump_identity (conn, "accounts_id_seq", fields->id, error))
    return 0;

  return account_id;
}

static GPtrArray *
kefu_pg_store_list_accounts (KefuStore  *store,
                             GError    **error)
{
  static const char sql[] =
    "SELECT id, kind, name, address, config, enabled, created_at FROM accounts ORDER BY id";
  g_autoptr (PGresult) result = _kefu_pg_query (CONN (store), sql, NULL, error);
  g_autoptr (GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);

  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuAccountFields fields = { 0 };

      fields.id = _kefu_pg_int (result, row, 0);
      fields.kind = _kefu_pg_nick (result, row, 1, KEFU_TYPE_CHANNEL_KIND, KEFU_CHANNEL_KIND_EMAIL);
      fields.name = _kefu_pg_text (result, row, 2);
      fields.address = _kefu_pg_text (result, row, 3);
      fields.config = _kefu_pg_text (result, row, 4);
      fields.enabled = _kefu_pg_int (result, row, 5) != 0;
      fields.created_at = _kefu_pg_int (result, row, 6);
      g_ptr_array_add (accounts, kefu_account_new (&fields));
    }

  return g_steal_pointer (&accounts);
}

static GHashTable *
kefu_pg_store_list_settings (KefuStore  *store,
                             GError    **error)
{
  static const char sql[] = "SELECT key, value FROM settings";
  g_autoptr (PGresult) result = _kefu_pg_query (CONN (store), sql, NULL, error);
  g_autoptr (GHashTable) settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    g_hash_table_insert (settings,
                         g_strdup (_kefu_pg_text (result, row, 0)),
                         g_strdup (_kefu_pg_text (result, row, 1)));

  return g_steal_pointer (&settings);
}

static gboolean
kefu_pg_store_set_setting (KefuStore   *store,
                           const char  *key,
                           const char  *value,
                           GError     **error)
{
  static const char set_sql[] =
    "INSERT INTO settings (key, value) VALUES ($1, $2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
  static const char delete_sql[] = "DELETE FROM settings WHERE key = $1";
  g_auto (KefuPgParams) params = { 0 };

  _kefu_pg_param_text (&params, key);
  if (value != NULL)
    _kefu_pg_param_text (&params, value);

  return _kefu_pg_exec (CONN (store), value ? set_sql : delete_sql, &params, error);
}

void
_kefu_pg_store_customers_init (KefuStoreInterface *iface)
{
  iface->get_customer = kefu_pg_store_get_customer;
  iface->list_customers = kefu_pg_store_list_customers;
  iface->find_identity = kefu_pg_store_find_identity;
  iface->insert_customer = kefu_pg_store_insert_customer;
  iface->insert_identity = kefu_pg_store_insert_identity;
  iface->insert_agent = kefu_pg_store_insert_agent;
  iface->list_agents = kefu_pg_store_list_agents;
  iface->insert_account = kefu_pg_store_insert_account;
  iface->list_accounts = kefu_pg_store_list_accounts;
  iface->list_settings = kefu_pg_store_list_settings;
  iface->set_setting = kefu_pg_store_set_setting;
}
