/* kefu-store-migrations-private.h: the numbered migration resources both stores apply.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* migrations/NNNN-name.sql (SQLite) or pg/NNNN-name.sql (PostgreSQL). */
typedef struct
{
  int   version;
  char *name;
} KefuStoreMigration;

GArray *_kefu_store_migrations_list   (const char *resource_dir);
int     _kefu_store_migrations_newest (const char *resource_dir,
                                       gsize      *newest_plus_one);

G_END_DECLS
