/* kefu-archive-private.h: what the export and import halves share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-archive.h"
#include "kefu-json.h"

G_BEGIN_DECLS


G_END_DECLS
