/* kefuctl-init.c: `kefuctl init`: create or upgrade the database and print its path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kefuctl-context.h"

gboolean
kefuctl_init_run (KefuctlContext  *context,
                  int              argc,
                  char           **argv,
                  GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *region = NULL;
  g_autofree char *path = NULL;
  const GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("Country for phone numbers written without a country code (ISO 3166, such as CN, TW, US)"), N_("CODE") },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "init",
                                         _("Creates the database if it does not exist, upgrades it if it is older, and prints its path."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 0, error))
    return FALSE;

  if (region != NULL &&
      (strlen (region) != 2 || !g_ascii_isalpha (region[0]) || !g_ascii_isalpha (region[1])))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("--region takes a two-letter country code such as CN, not “%s”."), region);
      return FALSE;
    }

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_CREATE, error))
    return FALSE;

  if (region != NULL)
    {
      g_autofree char *upper = g_ascii_strup (region, -1);

      kefu_store_set_setting_async (kefuctl_context_get_store (context), "default-region", upper,
                                    context->cancellable, kefuctl_result_cb, &result);
      if (!kefu_store_set_setting_finish (kefuctl_context_get_store (context), kefuctl_wait (&result), error))
        return FALSE;
    }

  path = kefuctl_context_dup_db_path (context);
  g_print ("%s\n", path);

  return TRUE;
}
