/* main.c: start Kefu, the help desk window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kefu-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (KefuApplication) app = NULL;
  gint64 main_time = g_get_monotonic_time ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = kefu_application_new (main_time);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
