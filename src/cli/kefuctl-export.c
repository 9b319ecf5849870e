/* kefuctl-export.c: `kefuctl export`: everything in the database as one JSON archive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>
#include <unistd.h>

#include "kefuctl-context.h"

#include "kefu-archive.h"

gboolean
kefuctl_export_run (KefuctlContext  *context,
                    int              argc,
                    char           **argv,
                    GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GAsyncResult) open_result = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) close_result = NULL;
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GCancellable) abandon = NULL;
  g_autoptr (GFile) file = NULL;
  KefuArchiveCounts counts = { 0 };
  const char *target = NULL;
  gboolean ok;
  KefuStore *store;

  options = kefuctl_context_new_options (context, "export [FILE|-]",
                                         _("Writes every agent, account, customer, ticket, message, attachment and setting "
                                           "to FILE (or to standard output) as JSON that “kefuctl import” reads back. "
                                           "FILE is only replaced once the whole archive is written."),
                                         NULL);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 1, error))
    return FALSE;
  if (argc > 1 && !g_str_equal (argv[argc - 1], "--"))
    target = argv[argc - 1];

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;
  store = kefuctl_context_get_store (context);

  if (target == NULL || g_str_equal (target, "-"))
    stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  else
    {
      file = g_file_new_for_commandline_arg (target);
      g_file_replace_async (file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                            G_PRIORITY_DEFAULT, context->cancellable, kefuctl_result_cb, &open_result);
      stream = G_OUTPUT_STREAM (g_file_replace_finish (file, kefuctl_wait (&open_result), error));
      if (stream == NULL)
        return FALSE;
    }

  kefu_archive_export_async (store, stream, context->cancellable, kefuctl_result_cb, &result);
  ok = kefu_archive_export_finish (store, kefuctl_wait (&result), &counts, error);

  if (file == NULL)
    return ok;

  /* Closing a replaced file under a cancelled cancellable keeps the old one. */
  abandon = g_cancellable_new ();
  if (!ok)
    g_cancellable_cancel (abandon);
  g_output_stream_close_async (stream, G_PRIORITY_DEFAULT, abandon, kefuctl_result_cb, &close_result);
  if (!g_output_stream_close_finish (stream, kefuctl_wait (&close_result), ok ? error : NULL) || !ok)
    return FALSE;

  g_print (_("Exported %u tickets, %" PRIu64 " messages, %u customers and %" PRIu64 " attachments to %s\n"),
           counts.tickets, counts.messages, counts.customers, counts.attachments, target);

  return TRUE;
}
