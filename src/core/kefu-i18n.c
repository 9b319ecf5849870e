/* kefu-i18n.c: setting up translations the same way in the app, kefuctl and the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kefu-i18n.h"

/**
 * kefu_i18n_init:
 *
 * Takes the locale from the environment and finds Kefu's translations in
 * the installed locale directory, or in $KEFU_LOCALEDIR: the build tree's
 * po/ folder, so that Kefu run from a build (quick start, tests) speaks the
 * user's language without being installed. Call first thing in main().
 */
void
kefu_i18n_init (void)
{
  const char *localedir = g_getenv ("KEFU_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
