/* kefu-sqlite-store-private.h: what the SQLite store's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "kefu-sqlite-store.h"

G_BEGIN_DECLS

/* "Kefu" in ASCII, written to PRAGMA application_id so that a Kefu database
 * is told apart from any other SQLite file. */
#define KEFU_SQLITE_APPLICATION_ID (0x4B656675)

/* How long a connection waits for another one's lock, in milliseconds. */
#define KEFU_SQLITE_BUSY_TIMEOUT (3000)

/* One SQLite connection and what belongs to it. A connection is used by one
 * thread only: the writer's by the writer thread, each reader's by its own
 * reader thread. */
typedef struct
{
  sqlite3    *db;
  GHashTable *statements;   /* SQL text → sqlite3_stmt, prepared once */
  gboolean    read_only;
} KefuSqliteConnection;

/* A cached statement, reset (not finalized) when it goes out of scope. */
typedef sqlite3_stmt KefuSqliteStmt;

void                  _kefu_sqlite_stmt_release        (KefuSqliteStmt        *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuSqliteStmt, _kefu_sqlite_stmt_release)

KefuSqliteConnection *_kefu_sqlite_connection_open     (const char            *path,
                                                        int                    flags,
                                                        GError               **error);
void                  _kefu_sqlite_connection_close    (KefuSqliteConnection  *conn);
KefuSqliteStmt       *_kefu_sqlite_prepare             (KefuSqliteConnection  *conn,
                                                        const char            *sql,
                                                        GError               **error);
gboolean              _kefu_sqlite_exec                (KefuSqliteConnection  *conn,
                                                        const char            *sql,
                                                        GError               **error);
gboolean              _kefu_sqlite_step_done           (KefuSqliteConnection  *conn,
                                                        KefuSqliteStmt        *stmt,
                                                        GError               **error);
gboolean              _kefu_sqlite_set_error           (sqlite3               *db,
                                                        int                    rc,
                                                        GError               **error);
void                  _kefu_sqlite_bind_text           (KefuSqliteStmt        *stmt,
                                                        int                    column,
                                                        const char            *text);
void                  _kefu_sqlite_bind_id             (KefuSqliteStmt        *stmt,
                                                        int                    column,
                                                        gint64                 id);
void                  _kefu_sqlite_bind_nick           (KefuSqliteStmt        *stmt,
                                                        int                    column,
                                                        GType                  enum_type,
                                                        int                    value);
const char           *_kefu_sqlite_column_text         (KefuSqliteStmt        *stmt,
                                                        int                    column);
int                   _kefu_sqlite_column_nick         (KefuSqliteStmt        *stmt,
                                                        int                    column,
                                                        GType                  enum_type,
                                                        int                    fallback);

/* The connection of the store thread running now. */
KefuSqliteConnection *_kefu_sqlite_store_get_connection (KefuSqliteStore      *self);

/* Migrations (kefu-sqlite-migrations.c). */
int                   _kefu_sqlite_migrations_newest   (void);
gboolean              _kefu_sqlite_migrate             (KefuSqliteConnection  *conn,
                                                        int                   *version,
                                                        GError               **error);
gboolean              _kefu_sqlite_inspect             (const char            *path,
                                                        gboolean               immutable,
                                                        int                   *version,
                                                        GError               **error);

/* Full-text search (kefu-sqlite-store-search.c). */
char                 *_kefu_sqlite_match_expression    (const char            *text);

/* The vfuncs, by concern. */
void                  _kefu_sqlite_store_tickets_init   (KefuStoreInterface   *iface);
void                  _kefu_sqlite_store_customers_init (KefuStoreInterface   *iface);
void                  _kefu_sqlite_store_messages_init  (KefuStoreInterface   *iface);
void                  _kefu_sqlite_store_email_init     (KefuStoreInterface   *iface);
void                  _kefu_sqlite_store_kb_init        (KefuStoreInterface   *iface);
void                  _kefu_sqlite_store_inbox_init     (KefuStoreInterface   *iface);
/* inbox (#6): merges, suggestions and events; the global search */
void                  _kefu_sqlite_store_merge_init     (KefuStoreInterface   *iface);
void                  _kefu_sqlite_store_search_init    (KefuStoreInterface   *iface);
void                  _kefu_sqlite_store_reports_init   (KefuStoreInterface   *iface);

G_END_DECLS
