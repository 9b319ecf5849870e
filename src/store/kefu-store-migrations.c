/* kefu-store-migrations.c: the numbered migration resources both stores apply.
 *
 * Each store keeps its SQL under its own resource folder, one file per
 * schema version named NNNN-name.sql; this lists them in order. How a
 * migration runs (transactions, locks, where the version is kept) is the
 * store's own business.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "kefu-store-migrations-private.h"
#include "kefu-store-resources.h"

static void
migration_clear (KefuStoreMigration *migration)
{
  g_free (migration->name);
}

static int
migration_compare (gconstpointer a,
                   gconstpointer b)
{
  return ((const KefuStoreMigration *)a)->version - ((const KefuStoreMigration *)b)->version;
}

/**
 * _kefu_store_migrations_list:
 * @resource_dir: the folder of NNNN-name.sql files in the store's resource
 *
 * Returns: (transfer full) (element-type KefuStoreMigration): the
 *   migrations, oldest first; other files are left out
 */
GArray *
_kefu_store_migrations_list (const char *resource_dir)
{
  g_auto (GStrv) names = NULL;
  GArray *migrations = g_array_new (FALSE, TRUE, sizeof (KefuStoreMigration));

  g_array_set_clear_func (migrations, (GDestroyNotify)migration_clear);
  names = g_resource_enumerate_children (kefu_store_get_resource (), resource_dir,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      KefuStoreMigration migration = { 0 };
      guint64 version;
      char *end = NULL;

      version = g_ascii_strtoull (names[i], &end, 10);
      if (version == 0 || version > G_MAXINT || end == NULL || *end != '-' ||
          !g_str_has_suffix (names[i], ".sql"))
        continue;
      migration.version = (int)version;
      migration.name = g_strdup (names[i]);
      g_array_append_val (migrations, migration);
    }
  g_array_sort (migrations, migration_compare);

  return migrations;
}

/**
 * _kefu_store_migrations_newest:
 * @resource_dir: as for _kefu_store_migrations_list()
 * @newest_plus_one: the caller's static cache, 0 at first: one more than
 *   the version, as g_once needs a value that is not 0
 *
 * Returns: the newest version in @resource_dir, 0 if there is none
 */
int
_kefu_store_migrations_newest (const char *resource_dir,
                               gsize      *newest_plus_one)
{
  if (g_once_init_enter (newest_plus_one))
    {
      g_autoptr (GArray) migrations = _kefu_store_migrations_list (resource_dir);
      int version = migrations->len > 0
        ? g_array_index (migrations, KefuStoreMigration, migrations->len - 1).version : 0;

      g_once_init_leave (newest_plus_one, (gsize)version + 1);
    }

  return (int)*newest_plus_one - 1;
}
