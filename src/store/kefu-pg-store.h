/* kefu-pg-store.h: KefuStore on a shared PostgreSQL database (team mode).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_PG_STORE (kefu_pg_store_get_type ())
G_DECLARE_FINAL_TYPE (KefuPgStore, kefu_pg_store, KEFU, PG_STORE, GObject)

gboolean     kefu_pg_store_is_uri               (const char           *location);
void         kefu_pg_store_open_async           (const char           *conninfo,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
KefuPgStore *kefu_pg_store_open_finish          (GAsyncResult         *result,
                                                 GError              **error);
int          kefu_pg_store_get_schema_version   (KefuPgStore          *self);
int          kefu_pg_store_get_newest_version   (void);
void         kefu_pg_store_close                (KefuPgStore          *self);

G_END_DECLS
