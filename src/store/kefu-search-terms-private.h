/* kefu-search-terms-private.h: what a person typed into a search, as terms; for both stores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  _kefu_search_is_searchable (gunichar    c);
gboolean  _kefu_search_is_blank      (const char *text);
GStrv     _kefu_search_split_terms   (const char *text);

G_END_DECLS
