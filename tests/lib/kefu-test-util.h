/* kefu-test-util.h: helpers for tests: temp stores and waiting on async calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-router.h"
#include "kefu-sqlite-store.h"

G_BEGIN_DECLS

/* Pass as the callback of an async call, with &result as user data;
 * kefu_test_wait() then spins the main context until it arrives. */
void             kefu_test_result_cb       (GObject       *object,
                                            GAsyncResult  *result,
                                            gpointer       user_data);
GAsyncResult    *kefu_test_wait            (GAsyncResult **result);

char            *kefu_test_temp_db_path    (void);
KefuSqliteStore *kefu_test_open_store      (const char    *path);
KefuDelivery    *kefu_test_receive         (KefuRouter    *router,
                                            KefuInbound   *inbound);
KefuInbound     *kefu_test_email           (const char    *from,
                                            const char    *subject,
                                            const char    *text);
GPtrArray       *kefu_test_search          (KefuStore     *store,
                                            const char    *text);

G_END_DECLS
