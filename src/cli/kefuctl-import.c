/* kefuctl-import.c: `kefuctl import`: read an archive into an empty database, all or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <unistd.h>

#include "kefuctl-context.h"

#include "kefu-archive.h"

gboolean
kefuctl_import_run (KefuctlContext  *context,
                    int              argc,
                    char           **argv,
                    GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GAsyncResult) open_result = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  KefuArchiveCounts counts = { 0 };
  const char *source;
  KefuStore *store;

  options = kefuctl_context_new_options (context, "import FILE|-",
                                         _("Reads an archive written by “kefuctl export” into an empty database (created if "
                                           "needed), keeping every id and ticket number. The whole file is checked and "
                                           "written in one transaction: on any error the database is left as it was."),
                                         NULL);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 1, 1, error))
    return FALSE;
  source = argv[argc - 1];

  if (g_str_equal (source, "-"))
    stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  else
    {
      file = g_file_new_for_commandline_arg (source);
      g_file_read_async (file, G_PRIORITY_DEFAULT, context->cancellable, kefuctl_result_cb, &open_result);
      stream = G_INPUT_STREAM (g_file_read_finish (file, kefuctl_wait (&open_result), error));
      if (stream == NULL)
        return FALSE;
    }

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_CREATE, error))
    return FALSE;
  store = kefuctl_context_get_store (context);

  kefu_archive_import_async (store, stream, context->cancellable, kefuctl_result_cb, &result);
  if (!kefu_archive_import_finish (store, kefuctl_wait (&result), &counts, error))
    {
      g_prefix_error (error, _("Nothing was imported: "));
      return FALSE;
    }

  path = kefuctl_context_dup_db_path (context);
  g_print (_("Imported %u tickets, %" PRIu64 " messages, %u customers and %" PRIu64 " attachments into %s\n"),
           counts.tickets, counts.messages, counts.customers, counts.attachments, path);

  return TRUE;
}
