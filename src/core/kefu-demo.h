/* kefu-demo.h: a realistic sample shop, for trying Kefu and for tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-router.h"

G_BEGIN_DECLS

/* Called on the caller's thread as the sample grows; @done of @total tickets. */
typedef void (*KefuDemoProgress) (guint    done,
                                  guint    total,
                                  gpointer user_data);

void      kefu_demo_generate_async      (KefuRouter           *router,
                                         guint                 n_tickets,
                                         guint32               seed,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
void      kefu_demo_generate_full_async (KefuRouter           *router,
                                         guint                 n_tickets,
                                         guint32               seed,
                                         KefuDemoProgress      progress,
                                         gpointer              progress_data,
                                         GDestroyNotify        progress_data_free,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean  kefu_demo_generate_finish     (KefuRouter           *router,
                                         GAsyncResult         *result,
                                         guint64              *n_messages,
                                         GError              **error);

G_END_DECLS
