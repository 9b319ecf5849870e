/* kefuctl-backup.c: `kefuctl backup FILE`: a consistent copy, made while Kefu may be running.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefuctl-context.h"

gboolean
kefuctl_backup_run (KefuctlContext  *context,
                    int              argc,
                    char           **argv,
                    GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *path = NULL;
  const char *destination;

  options = kefuctl_context_new_options (context, "backup FILE",
                                         _("Copies the database to FILE with SQLite's online backup, so Kefu may keep "
                                           "running. FILE must not exist yet."),
                                         NULL);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 1, 1, error))
    return FALSE;
  destination = argv[argc - 1];

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;
  /* team (#8): a team database is backed up by its server (pg_dump). */
  if (context->store == NULL)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("A team database is backed up on its server, with pg_dump. “kefuctl backup” copies a local database."));
      return FALSE;
    }

  kefu_sqlite_store_backup_async (context->store, destination, context->cancellable,
                                  kefuctl_result_cb, &result);
  if (!kefu_sqlite_store_backup_finish (context->store, kefuctl_wait (&result), error))
    return FALSE;

  path = kefuctl_context_dup_db_path (context);
  g_print (_("Backed up %s to %s\n"), path, destination);

  return TRUE;
}
