/* kefu-sqlite-store.h: KefuStore on a local SQLite file (the default).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_SQLITE_STORE (kefu_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (KefuSqliteStore, kefu_sqlite_store, KEFU, SQLITE_STORE, GObject)

char            *kefu_sqlite_store_default_path (void);
void             kefu_sqlite_store_open_async   (const char           *path,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
KefuSqliteStore *kefu_sqlite_store_open_finish  (GAsyncResult         *result,
                                                 GError              **error);
const char      *kefu_sqlite_store_get_path     (KefuSqliteStore      *self);
int              kefu_sqlite_store_get_schema_version (KefuSqliteStore *self);
void             kefu_sqlite_store_backup_async (KefuSqliteStore      *self,
                                                 const char           *destination,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean         kefu_sqlite_store_backup_finish (KefuSqliteStore     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void             kefu_sqlite_store_restore_async (const char          *backup,
                                                  const char          *path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         kefu_sqlite_store_restore_finish (GAsyncResult       *result,
                                                   GError            **error);
void             kefu_sqlite_store_close        (KefuSqliteStore      *self);

G_END_DECLS
