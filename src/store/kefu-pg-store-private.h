/* kefu-pg-store-private.h: what the PostgreSQL store's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpq-fe.h>

#include "kefu-fts-tokenizer.h"
#include "kefu-pg-store.h"

G_BEGIN_DECLS

/* "Kefu" in ASCII: the advisory lock held while the schema is migrated. */
#define KEFU_PG_MIGRATION_LOCK (0x4B656675)

/* At most this many parameters in one statement. */
#define KEFU_PG_MAX_PARAMS (24)

/* One libpq connection and what belongs to it; used by one thread only. */
typedef struct
{
  PGconn           *conn;
  GHashTable       *statements;   /* SQL text → statement name, prepared once */
  guint             n_statements;
  KefuFtsTokenizer *tokenizer;
  struct sb_stemmer *stemmer;
} KefuPgConnection;

/* The values of one statement's parameters, as text (or bytes). */
typedef struct
{
  int    n;
  char  *values[KEFU_PG_MAX_PARAMS];
  int    lengths[KEFU_PG_MAX_PARAMS];
  int    formats[KEFU_PG_MAX_PARAMS];
} KefuPgParams;

void              _kefu_pg_params_clear         (KefuPgParams      *params);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KefuPgParams, _kefu_pg_params_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

void              _kefu_pg_param_int            (KefuPgParams      *params,
                                                 gint64             value);
void              _kefu_pg_param_id             (KefuPgParams      *params,
                                                 gint64             id);
void              _kefu_pg_param_text           (KefuPgParams      *params,
                                                 const char        *text);
void              _kefu_pg_param_take_text      (KefuPgParams      *params,
                                                 char              *text);
void              _kefu_pg_param_nick           (KefuPgParams      *params,
                                                 GType              enum_type,
                                                 int                value);
void              _kefu_pg_param_bytes          (KefuPgParams      *params,
                                                 gconstpointer      data,
                                                 gsize              size);

KefuPgConnection *_kefu_pg_connection_open      (const char        *conninfo,
                                                 GError           **error);
void              _kefu_pg_connection_close     (KefuPgConnection  *conn);
gboolean          _kefu_pg_connection_check     (KefuPgConnection  *conn,
                                                 GError           **error);
PGresult         *_kefu_pg_query                (KefuPgConnection  *conn,
                                                 const char        *sql,
                                                 KefuPgParams      *params,
                                                 GError           **error);
gboolean          _kefu_pg_exec                 (KefuPgConnection  *conn,
                                                 const char        *sql,
                                                 KefuPgParams      *params,
                                                 GError           **error);
gboolean          _kefu_pg_exec_script          (KefuPgConnection  *conn,
                                                 const char        *sql,
                                                 GError           **error);
gint64            _kefu_pg_query_id             (KefuPgConnection  *conn,
                                                 const char        *sql,
                                                 KefuPgParams      *params,
                                                 GError           **error);
gboolean          _kefu_pg_set_error            (PGconn            *conn,
                                                 const PGresult    *result,
                                                 GError           **error);
gboolean          _kefu_pg_bump_identity        (KefuPgConnection  *conn,
                                                 const char        *sequence,
                                                 gint64             id,
                                                 GError           **error);
gboolean          _kefu_pg_is_unique_violation  (const PGresult    *result);

gint64            _kefu_pg_int                  (const PGresult    *result,
                                                 int                row,
                                                 int                column);
const char       *_kefu_pg_text                 (const PGresult    *result,
                                                 int                row,
                                                 int                column);
int               _kefu_pg_nick                 (const PGresult    *result,
                                                 int                row,
                                                 int                column,
                                                 GType              enum_type,
                                                 int                fallback);

/* The connection of the store thread running now. */
KefuPgConnection *_kefu_pg_store_get_connection (KefuPgStore       *self);

/* Migrations (kefu-pg-migrations.c). */
int               _kefu_pg_migrations_newest    (void);
gboolean          _kefu_pg_migrate              (KefuPgConnection  *conn,
                                                 int               *version,
                                                 GError           **error);

/* Search (kefu-pg-store-search.c): tsvector and tsquery text of our tokens. */
char             *_kefu_pg_search_document      (KefuPgConnection  *conn,
                                                 const char        *first,
                                                 const char        *second);
char             *_kefu_pg_search_query         (KefuPgConnection  *conn,
                                                 const char        *text);

/* The vfuncs, by concern. */
void              _kefu_pg_store_tickets_init   (KefuStoreInterface *iface);
void              _kefu_pg_store_customers_init (KefuStoreInterface *iface);
void              _kefu_pg_store_messages_init  (KefuStoreInterface *iface);
void              _kefu_pg_store_email_init     (KefuStoreInterface *iface);
void              _kefu_pg_store_kb_init        (KefuStoreInterface *iface);
void              _kefu_pg_store_inbox_init     (KefuStoreInterface *iface);
void              _kefu_pg_store_reports_init   (KefuStoreInterface *iface);
void              _kefu_pg_store_merge_init     (KefuStoreInterface *iface);
void              _kefu_pg_store_search_init    (KefuStoreInterface *iface);

G_END_DECLS
