/* kefu-sqlite-store-customers.c: customers and identities, agents, accounts and settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "kefu-enums.h"
#include "kefu-sqlite-store-private.h"
#include "kefu-search-terms-private.h"
#include "kefu-text.h"

#define MAX_LIST_LIMIT (10000)

#define CONN(store) _kefu_sqlite_store_get_connection (KEFU_SQLITE_STORE (store))

static GPtrArray *
list_identities (KefuSqliteConnection  *conn,
                 gint64                 customer_id,
                 GError               **error)
{
  static const char sql[] =
    "SELECT id, customer_id, kind, value, display, created_at FROM identities"
    " WHERE customer_id = ?1 ORDER BY created_at, id";
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GPtrArray) identities = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KefuIdentityFields fields = { 0 };

      fields.id = sqlite3_column_int64 (stmt, 0);
      fields.customer_id = sqlite3_column_int64 (stmt, 1);
      fields.kind = _kefu_sqlite_column_nick (stmt, 2, KEFU_TYPE_IDENTITY_KIND, KEFU_IDENTITY_KIND_EMAIL);
      fields.value = _kefu_sqlite_column_text (stmt, 3);
      fields.display = _kefu_sqlite_column_text (stmt, 4);
      fields.created_at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (identities, kefu_identity_new (&fields));
    }

  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&identities);
}

#define CUSTOMER_COLUMNS \
  "c.id, c.name, c.company, c.notes, c.language, c.created_at, c.updated_at, c.last_contact_at," \
  " (SELECT count (*) FROM tickets t WHERE t.customer_id = c.id)"

static void
customer_fields_from_row (KefuSqliteStmt     *stmt,
                          KefuCustomerFields *fields)
{
  fields->id = sqlite3_column_int64 (stmt, 0);
  fields->name = _kefu_sqlite_column_text (stmt, 1);
  fields->company = _kefu_sqlite_column_text (stmt, 2);
  fields->notes = _kefu_sqlite_column_text (stmt, 3);
  fields->language = _kefu_sqlite_column_text (stmt, 4);
  fields->created_at = sqlite3_column_int64 (stmt, 5);
  fields->updated_at = sqlite3_column_int64 (stmt, 6);
  fields->last_contact_at = sqlite3_column_int64 (stmt, 7);
  fields->ticket_count = (guint)CLAMP (sqlite3_column_int64 (stmt, 8), 0, G_MAXUINT);
}

static KefuCustomer *
kefu_sqlite_store_get_customer (KefuStore  *store,
                                gint64      customer_id,
                                GError    **error)
{
  static const char sql[] = "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.id = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GPtrArray) identities = NULL;
  KefuCustomerFields fields = { 0 };
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Customer %" PRId64 " does not exist any more. They may have been deleted."),
                   customer_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  identities = list_identities (conn, customer_id, error);
  if (identities == NULL)
    return NULL;

  customer_fields_from_row (stmt, &fields);

  return kefu_customer_new (&fields, identities);
}

static void
customer_row_free (KefuCustomerFields *fields)
{
  g_free ((char *)fields->name);
  g_free ((char *)fields->company);
  g_free ((char *)fields->notes);
  g_free ((char *)fields->language);
  g_free (fields);
}

static GPtrArray *
kefu_sqlite_store_list_customers (KefuStore   *store,
                                  const char  *text,
                                  gint64       before_id,
                                  guint        limit,
                                  GError     **error)
{
  static const char all_sql[] =
    "SELECT " CUSTOMER_COLUMNS " FROM customers c"
    " WHERE c.id < ?1 ORDER BY c.id DESC LIMIT ?2";
  static const char match_sql[] =
    "SELECT " CUSTOMER_COLUMNS " FROM customers c"
    " WHERE c.id < ?1 AND c.id IN ("
    "SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?3"
    " UNION SELECT customer_id FROM identities WHERE id IN"
    " (SELECT rowid FROM identities_fts WHERE identities_fts MATCH ?3))"
    " ORDER BY c.id DESC LIMIT ?2";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)customer_row_free);
  g_autofree char *match = _kefu_sqlite_match_expression (text);

  /* Text with nothing searchable in it matches nobody. */
  if (limit == 0 || (match == NULL && !_kefu_search_is_blank (text)))
    return g_steal_pointer (&customers);

  {
    g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, match ? match_sql : all_sql, error);
    int rc;

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, before_id > 0 ? before_id : G_MAXINT64);
    sqlite3_bind_int64 (stmt, 2, MIN (limit, MAX_LIST_LIMIT));
    if (match != NULL)
      _kefu_sqlite_bind_text (stmt, 3, match);

    /* Identities need their own statement: copy the rows out first. */
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        KefuCustomerFields *fields = g_new0 (KefuCustomerFields, 1);

        customer_fields_from_row (stmt, fields);
        fields->name = g_strdup (fields->name);
        fields->company = g_strdup (fields->company);
        fields->notes = g_strdup (fields->notes);
        fields->language = g_strdup (fields->language);
        g_ptr_array_add (rows, fields);
      }
    if (rc != SQLITE_DONE)
      {
        _kefu_sqlite_set_error (conn->db, rc, error);
        return NULL;
      }
  }

  for (guint i = 0; i < rows->len; i++)
    {
      KefuCustomerFields *fields = g_ptr_array_index (rows, i);
      g_autoptr (GPtrArray) identities = list_identities (conn, fields->id, error);

      if (identities == NULL)
        return NULL;
      g_ptr_array_add (customers, kefu_customer_new (fields, identities));
    }

  return g_steal_pointer (&customers);
}

static gint64
kefu_sqlite_store_find_identity (KefuStore         *store,
                                 KefuIdentityKind   kind,
                                 const char        *value,
                                 gint64            *customer_id,
                                 GError           **error)
{
  static const char sql[] = "SELECT id, customer_id FROM identities WHERE kind = ?1 AND value = ?2";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (customer_id != NULL)
    *customer_id = 0;
  if (stmt == NULL)
    return 0;

  _kefu_sqlite_bind_nick (stmt, 1, KEFU_TYPE_IDENTITY_KIND, kind);
  _kefu_sqlite_bind_text (stmt, 2, value);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (customer_id != NULL)
        *customer_id = sqlite3_column_int64 (stmt, 1);
      return sqlite3_column_int64 (stmt, 0);
    }
  if (rc != SQLITE_DONE)
    _kefu_sqlite_set_error (conn->db, rc, error);

  return 0;
}

static gint64
kefu_sqlite_store_insert_customer (KefuStore                 *store,
                                   const KefuCustomerFields  *fields,
                                   GError                   **error)
{
  static const char sql[] =
    "INSERT INTO customers (id, name, company, notes, language, created_at, updated_at,"
    " last_contact_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autofree char *name = kefu_text_clean_line (fields->name, KEFU_TEXT_MAX_NAME);
  gint64 customer_id;

  if (stmt == NULL)
    return 0;

  _kefu_sqlite_bind_id (stmt, 1, fields->id);
  _kefu_sqlite_bind_text (stmt, 2, name);
  _kefu_sqlite_bind_text (stmt, 3, fields->company);
  _kefu_sqlite_bind_text (stmt, 4, fields->notes);
  _kefu_sqlite_bind_text (stmt, 5, fields->language);
  sqlite3_bind_int64 (stmt, 6, fields->created_at);
  sqlite3_bind_int64 (stmt, 7, fields->updated_at > 0 ? fields->updated_at : fields->created_at);
  sqlite3_bind_int64 (stmt, 8, fields->last_contact_at);
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;

  customer_id = sqlite3_last_insert_rowid (conn->db);
  kefu_store_note_change (store, 0, customer_id);

  return customer_id;
}

static gint64
kefu_sqlite_store_insert_identity (KefuStore                 *store,
                                   const KefuIdentityFields  *fields,
                                   GError                   **error)
{
  static const char sql[] =
    "INSERT INTO identities (id, customer_id, kind, value, display, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return 0;

  _kefu_sqlite_bind_id (stmt, 1, fields->id);
  sqlite3_bind_int64 (stmt, 2, fields->customer_id);
  _kefu_sqlite_bind_nick (stmt, 3, KEFU_TYPE_IDENTITY_KIND, fields->kind);
  _kefu_sqlite_bind_text (stmt, 4, fields->value);
  _kefu_sqlite_bind_text (stmt, 5, fields->display);
  sqlite3_bind_int64 (stmt, 6, fields->created_at);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CONFLICT,
                   _("“%s” already belongs to another customer. Merge the two customers instead."),
                   fields->value);
      return 0;
    }
  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return 0;
    }

  kefu_store_note_change (store, 0, fields->customer_id);

  return sqlite3_last_insert_rowid (conn->db);
}

static gint64
kefu_sqlite_store_insert_agent (KefuStore              *store,
                                const KefuAgentFields  *fields,
                                GError                **error)
{
  static const char sql[] =
    "INSERT INTO agents (id, name, email, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autofree char *name = kefu_text_clean_line (fields->name, KEFU_TEXT_MAX_NAME);

  if (stmt == NULL)
    return 0;

  _kefu_sqlite_bind_id (stmt, 1, fields->id);
  _kefu_sqlite_bind_text (stmt, 2, name);
  _kefu_sqlite_bind_text (stmt, 3, fields->email);
  _kefu_sqlite_bind_nick (stmt, 4, KEFU_TYPE_AGENT_ROLE, fields->role);
  sqlite3_bind_int64 (stmt, 5, fields->created_at > 0 ? fields->created_at : g_get_real_time ());
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (conn->db);
}

static GPtrArray *
kefu_sqlite_store_list_agents (KefuStore  *store,
                               GError    **error)
{
  static const char sql[] = "SELECT id, name, email, role, created_at FROM agents ORDER BY id";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GPtrArray) agents = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KefuAgentFields fields = { 0 };

      fields.id = sqlite3_column_int64 (stmt, 0);
      fields.name = _kefu_sqlite_column_text (stmt, 1);
      fields.email = _kefu_sqlite_column_text (stmt, 2);
      fields.role = _kefu_sqlite_column_nick (stmt, 3, KEFU_TYPE_AGENT_ROLE, KEFU_AGENT_ROLE_AGENT);
      fields.created_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (agents, kefu_agent_new (&fields));
    }

  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&agents);
}

static gint64
kefu_sqlite_store_insert_account (KefuStore                *store,
                                  const KefuAccountFields  *fields,
                                  GError                  **error)
{
  static const char sql[] =
    "INSERT INTO accounts (id, kind, name, address, config, enabled, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);

  if (stmt == NULL)
    return 0;

  _kefu_sqlite_bind_id (stmt, 1, fields->id);
  _kefu_sqlite_bind_nick (stmt, 2, KEFU_TYPE_CHANNEL_KIND, fields->kind);
  _kefu_sqlite_bind_text (stmt, 3, fields->name ? fields->name : "");
  _kefu_sqlite_bind_text (stmt, 4, fields->address);
  _kefu_sqlite_bind_text (stmt, 5, fields->config ? fields->config : "{}");
  sqlite3_bind_int (stmt, 6, fields->enabled ? 1 : 0);
  sqlite3_bind_int64 (stmt, 7, fields->created_at > 0 ? fields->created_at : g_get_real_time ());
  if (!_kefu_sqlite_step_done (conn, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (conn->db);
}

static GPtrArray *
kefu_sqlite_store_list_accounts (KefuStore  *store,
                                 GError    **error)
{
  static const char sql[] =
    "SELECT id, kind, name, address, config, enabled, created_at FROM accounts ORDER BY id";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KefuAccountFields fields = { 0 };

      fields.id = sqlite3_column_int64 (stmt, 0);
      fields.kind = _kefu_sqlite_column_nick (stmt, 1, KEFU_TYPE_CHANNEL_KIND, KEFU_CHANNEL_KIND_EMAIL);
      fields.name = _kefu_sqlite_column_text (stmt, 2);
      fields.address = _kefu_sqlite_column_text (stmt, 3);
      fields.config = _kefu_sqlite_column_text (stmt, 4);
      fields.enabled = sqlite3_column_int (stmt, 5) != 0;
      fields.created_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (accounts, kefu_account_new (&fields));
    }

  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&accounts);
}

static GHashTable *
kefu_sqlite_store_list_settings (KefuStore  *store,
                                 GError    **error)
{
  static const char sql[] = "SELECT key, value FROM settings";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, sql, error);
  g_autoptr (GHashTable) settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (settings,
                         g_strdup (_kefu_sqlite_column_text (stmt, 0)),
                         g_strdup (_kefu_sqlite_column_text (stmt, 1)));

  if (rc != SQLITE_DONE)
    {
      _kefu_sqlite_set_error (conn->db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&settings);
}

static gboolean
kefu_sqlite_store_set_setting (KefuStore   *store,
                               const char  *key,
                               const char  *value,
                               GError     **error)
{
  static const char set_sql[] =
    "INSERT INTO settings (key, value) VALUES (?1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
  static const char delete_sql[] = "DELETE FROM settings WHERE key = ?1";
  KefuSqliteConnection *conn = CONN (store);
  g_autoptr (KefuSqliteStmt) stmt = _kefu_sqlite_prepare (conn, value ? set_sql : delete_sql, error);

  if (stmt == NULL)
    return FALSE;

  _kefu_sqlite_bind_text (stmt, 1, key);
  if (value != NULL)
    _kefu_sqlite_bind_text (stmt, 2, value);

  return _kefu_sqlite_step_done (conn, stmt, error);
}

void
_kefu_sqlite_store_customers_init (KefuStoreInterface *iface)
{
  iface->get_customer = kefu_sqlite_store_get_customer;
  iface->list_customers = kefu_sqlite_store_list_customers;
  iface->find_identity = kefu_sqlite_store_find_identity;
  iface->insert_customer = kefu_sqlite_store_insert_customer;
  iface->insert_identity = kefu_sqlite_store_insert_identity;
  iface->insert_agent = kefu_sqlite_store_insert_agent;
  iface->list_agents = kefu_sqlite_store_list_agents;
  iface->insert_account = kefu_sqlite_store_insert_account;
  iface->list_accounts = kefu_sqlite_store_list_accounts;
  iface->list_settings = kefu_sqlite_store_list_settings;
  iface->set_setting = kefu_sqlite_store_set_setting;
}
