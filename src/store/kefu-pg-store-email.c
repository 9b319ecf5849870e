/* kefu-pg-store-email.c: the email channel's reads and writes: its outbox and its accounts (PostgreSQL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "kefu-enums.h"
#include "kefu-pg-store-private.h"

#define CONN(store) _kefu_pg_store_get_connection (KEFU_PG_STORE (store))

/* A reply without an account goes out through the account its ticket's
 * customer last wrote to. */
static gint64
kefu_pg_store_find_ticket_account (KefuStore  *store,
                                   gint64      ticket_id,
                                   GError    **error)
{
  static const char sql[] =
    "SELECT account_id FROM messages WHERE ticket_id = $1 AND direction = 'in'"
    " AND account_id IS NOT NULL ORDER BY id DESC LIMIT 1";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  _kefu_pg_param_int (&params, ticket_id);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return -1;

  return PQntuples (result) > 0 ? _kefu_pg_int (result, 0, 0) : 0;
}

static GPtrArray *
kefu_pg_store_list_queued_messages (KefuStore        *store,
                                    KefuChannelKind   channel,
                                    gint64            account_id,
                                    GError          **error)
{
  static const char sql[] =
    "SELECT m.id FROM messages m WHERE m.delivery_state = 'queued' AND m.channel = $1"
    " AND ($2::bigint = 0 OR m.account_id = $2::bigint OR (m.account_id IS NULL AND $2::bigint ="
    "  (SELECT i.account_id FROM messages i WHERE i.ticket_id = m.ticket_id AND i.direction = 'in'"
    "   AND i.account_id IS NOT NULL ORDER BY i.id DESC LIMIT 1)))"
    " ORDER BY m.id";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);

  _kefu_pg_param_nick (&params, KEFU_TYPE_CHANNEL_KIND, channel);
  _kefu_pg_param_int (&params, account_id);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result); row++)
    {
      KefuMessage *message = KEFU_STORE_GET_IFACE (store)->get_message (store, _kefu_pg_int (result, row, 0), error);

      if (message == NULL)
        return NULL;
      g_ptr_array_add (messages, message);
    }

  return g_steal_pointer (&messages);
}

static gboolean
kefu_pg_store_update_account (KefuStore                *store,
                              const KefuAccountFields  *fields,
                              GError                  **error)
{
  static const char sql[] =
    "UPDATE accounts SET name = $2, address = $3, config = $4, enabled = $5 WHERE id = $1";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  _kefu_pg_param_int (&params, fields->id);
  _kefu_pg_param_text (&params, fields->name ? fields->name : "");
  _kefu_pg_param_text (&params, fields->address);
  _kefu_pg_param_text (&params, fields->config ? fields->config : "{}");
  _kefu_pg_param_int (&params, fields->enabled ? 1 : 0);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return FALSE;
  if (g_strcmp0 (PQcmdTuples (result), "0") == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Account %" PRId64 " does not exist."), fields->id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
kefu_pg_store_delete_account (KefuStore  *store,
                              gint64      account_id,
                              GError    **error)
{
  static const char sql[] = "DELETE FROM accounts WHERE id = $1";
  g_auto (KefuPgParams) params = { 0 };
  g_autoptr (PGresult) result = NULL;

  _kefu_pg_param_int (&params, account_id);
  result = _kefu_pg_query (CONN (store), sql, &params, error);
  if (result == NULL)
    return FALSE;
  if (g_strcmp0 (PQcmdTuples (result), "0") == 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                   _("Account %" PRId64 " does not exist."), account_id);
      return FALSE;
    }

  return TRUE;
}

/* A reply learns the id the peer knows it by (its Message-ID) once sent. */
static gboolean
kefu_pg_store_set_external_id (KefuStore   *store,
                               gint64       message_id,
                               const char  *external_id,
                               GError     **error)
{
  static const char sql[] = "UPDATE messages SET external_id = $2 WHERE id = $1";
  g_auto (KefuPgParams) params = { 0 };

  _kefu_pg_param_int (&params, message_id);
  _kefu_pg_param_text (&params, external_id);

  return _kefu_pg_exec (CONN (store), sql, &params, error);
}

void
_kefu_pg_store_email_init (KefuStoreInterface *iface)
{
  iface->list_queued_messages = kefu_pg_store_list_queued_messages;
  iface->find_ticket_account = kefu_pg_store_find_ticket_account;
  iface->update_account = kefu_pg_store_update_account;
  iface->delete_account = kefu_pg_store_delete_account;
  iface->set_external_id = kefu_pg_store_set_external_id;
}
