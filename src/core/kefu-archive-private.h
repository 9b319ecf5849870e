/* kefu-archive-private.h: what the export and import halves share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-archive.h"

G_BEGIN_DECLS

char     *_kefu_archive_format_time (gint64       usec);
gboolean  _kefu_archive_parse_time  (const char  *text,
                                     gint64      *usec);

G_END_DECLS
