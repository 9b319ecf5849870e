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
KefuTicket      *kefu_test_get_ticket      (KefuStore     *store,
                                            gint64         ticket_id);
GPtrArray       *kefu_test_list_messages   (KefuStore     *store,
                                            gint64         ticket_id);
/* team (#8): a fresh schema on the PostgreSQL of tests/peers/postgres-run.sh */
char            *kefu_test_pg_conninfo_new (void);

/* A fresh store in a temporary file with a router (default region CN), for
 * g_test_add(): KEFU_TEST_ADD ("/layer/unit/case", test_func). */
typedef struct
{
  KefuSqliteStore *sqlite;
  KefuStore       *store;
  KefuRouter      *router;
  char            *path;
} KefuTestFixture;

void             kefu_test_fixture_set_up    (KefuTestFixture *fixture,
                                              gconstpointer    user_data);
void             kefu_test_fixture_tear_down (KefuTestFixture *fixture,
                                              gconstpointer    user_data);

#define KEFU_TEST_ADD(path, func) \
  g_test_add ((path), KefuTestFixture, NULL, kefu_test_fixture_set_up, (func), kefu_test_fixture_tear_down)

G_END_DECLS
