/* kefu-search-query.h: what a person typed into search, split into words and filters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "kefu-core-types.h"

G_BEGIN_DECLS

/* A parsed search: `from:amy channel:email status:open tag:vip #1024 teapot`. */
typedef struct _KefuSearchQuery
{
  char    *text;       /* the free words, or NULL */
  char    *from;       /* a customer's name or address, or NULL */
  int      channel;    /* a KefuChannelKind, or -1 for any */
  int      status;     /* a KefuTicketStatus, or -1 for any */
  char   **tags;       /* NULL-terminated, or NULL */
  gint64   number;     /* a ticket number (#1024), or 0 */
} KefuSearchQuery;

#define KEFU_TYPE_SEARCH_QUERY (kefu_search_query_get_type ())
GType            kefu_search_query_get_type   (void) G_GNUC_CONST;
KefuSearchQuery *kefu_search_query_parse      (const char            *input);
KefuSearchQuery *kefu_search_query_copy       (const KefuSearchQuery *self);
void             kefu_search_query_free       (KefuSearchQuery       *self);
gboolean         kefu_search_query_is_empty   (const KefuSearchQuery *self);
gboolean         kefu_search_query_has_filter (const KefuSearchQuery *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuSearchQuery, kefu_search_query_free)

G_END_DECLS
