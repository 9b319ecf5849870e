/* main.c: start Kefu, the help desk window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-application.h"
#include "kefu-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (KefuApplication) app = NULL;
  gint64 main_time = g_get_monotonic_time ();

  kefu_i18n_init ();

  app = kefu_application_new (main_time);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
