/* kefu-store-harness.h: the store a conformance test runs against: SQLite or PostgreSQL.
 *
 * Under tests/peers/postgres-run.sh (KEFU_TEST_PG set) every case gets a
 * fresh PostgreSQL database; otherwise a fresh SQLite file in the test's
 * temp dir. Cases use only the KefuStore interface, so one suite checks both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-pg-store.h"
#include "kefu-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  KefuStore       *store;
  KefuRouter      *router;
  KefuSqliteStore *sqlite;     /* NULL on PostgreSQL */
  KefuPgStore     *pg;         /* NULL on SQLite */
  char            *location;   /* the SQLite file or the PostgreSQL conninfo */
} KefuStoreFixture;

gboolean     kefu_store_harness_is_pg        (void);
const char  *kefu_store_harness_backend      (void);
char        *kefu_store_harness_new_database (void);
void         kefu_store_harness_admin_exec   (const char       *conninfo,
                                              const char       *sql);
KefuStore   *kefu_store_harness_open         (const char       *location,
                                              GError          **error);
void         kefu_store_harness_close        (KefuStore        *store);

void         kefu_store_fixture_set_up       (KefuStoreFixture *fixture,
                                              gconstpointer     user_data);
void         kefu_store_fixture_tear_down    (KefuStoreFixture *fixture,
                                              gconstpointer     user_data);
void         kefu_store_fixture_close        (KefuStoreFixture *fixture);
gint64       kefu_store_fixture_count        (KefuStoreFixture *fixture,
                                              const char       *sql);

#define KEFU_STORE_TEST_ADD(path, func) \
  g_test_add ((path), KefuStoreFixture, NULL, kefu_store_fixture_set_up, (func), kefu_store_fixture_tear_down)

G_END_DECLS
