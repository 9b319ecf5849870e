/* kefu-archive.c: the archive's error domain. Times are written as kefu-json.h says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-archive-private.h"

G_DEFINE_QUARK (kefu-import-error-quark, kefu_import_error)
