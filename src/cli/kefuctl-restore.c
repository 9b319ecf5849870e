/* kefuctl-restore.c: `kefuctl restore FILE`: replace the --db database with a backup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kefuctl-context.h"

gboolean
kefuctl_restore_run (KefuctlContext  *context,
                     int              argc,
                     char           **argv,
                     GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  gboolean force = FALSE;
  const char *backup;
  GStatBuf info;
  const GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace a database that already exists"), NULL },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "restore FILE",
                                         _("Replaces the --db database with the backup FILE, in one step. The backup is "
                                           "checked first; a damaged one is refused and nothing changes. Quit Kefu first."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 1, 1, error))
    return FALSE;
  backup = argv[argc - 1];

  /* team (#8): a team database is restored on its server (pg_restore). */
  if (kefu_pg_store_is_uri (context->db_path))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("A team database is restored on its server, with pg_restore. “kefuctl restore” replaces a local database."));
      return FALSE;
    }

  if (!g_file_test (backup, G_FILE_TEST_EXISTS))
    {
      g_autofree char *backup_display = g_filename_display_name (backup);

      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_NOT_FOUND,
                   _("There is no backup at %s."), backup_display);
      return FALSE;
    }

  path = kefuctl_context_dup_db_path (context);
  display = g_filename_display_name (path);
  if (!force && g_stat (path, &info) == 0 && info.st_size > 0)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_REFUSED,
                   _("There is already a database at %s. Add --force to replace it with the backup."), display);
      return FALSE;
    }

  kefu_sqlite_store_restore_async (backup, path, context->cancellable, kefuctl_result_cb, &result);
  if (!kefu_sqlite_store_restore_finish (kefuctl_wait (&result), error))
    return FALSE;

  g_print (_("Restored %s from %s\n"), display, backup);

  return TRUE;
}
