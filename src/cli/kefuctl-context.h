/* kefuctl-context.h: what every kefuctl command shares: options, the store, errors, output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-json.h"

#include <json-glib/json-glib.h>

#include "kefu-pg-store.h"
#include "kefu-router.h"
#include "kefu-sqlite-store.h"

G_BEGIN_DECLS

/* Exit codes, as documented in `kefuctl --help` and README.md. */
typedef enum
{
  KEFUCTL_EXIT_OK        = 0,
  KEFUCTL_EXIT_USAGE     = 1,
  KEFUCTL_EXIT_NOT_FOUND = 2,
  KEFUCTL_EXIT_DATABASE  = 3,
  KEFUCTL_EXIT_INPUT     = 4,
  KEFUCTL_EXIT_IO        = 5,
  KEFUCTL_EXIT_OTHER     = 6,
} KefuctlExit;

#define KEFUCTL_ERROR (kefuctl_error_quark ())

typedef enum
{
  KEFUCTL_ERROR_USAGE,       /* a wrong option or argument */
  KEFUCTL_ERROR_NOT_FOUND,   /* no such ticket, database or file */
  KEFUCTL_ERROR_REFUSED,     /* the target has data and --force was not given */
} KefuctlError;

GQuark kefuctl_error_quark (void);

typedef enum
{
  KEFUCTL_OPEN_EXISTING,     /* a missing database is an error */
  KEFUCTL_OPEN_CREATE,       /* create and migrate it */
} KefuctlOpen;

typedef struct
{
  char            *db_path;       /* --db, or NULL for the default */
  const char      *command;
  GCancellable    *cancellable;   /* cancelled by Ctrl+C */
  KefuSqliteStore *store;
  KefuRouter      *router;
  KefuPgStore     *pg_store;      /* team (#8): --db postgresql://…, then store is NULL */
} KefuctlContext;

typedef gboolean (*KefuctlCommandFunc) (KefuctlContext  *context,
                                        int              argc,
                                        char           **argv,
                                        GError         **error);

void            kefuctl_context_init        (KefuctlContext     *self);
void            kefuctl_context_clear       (KefuctlContext     *self);
GOptionContext *kefuctl_context_new_options (KefuctlContext     *self,
                                             const char         *parameters,
                                             const char         *summary,
                                             const GOptionEntry *entries);
gboolean        kefuctl_context_parse       (KefuctlContext     *self,
                                             GOptionContext     *options,
                                             int                *argc,
                                             char             ***argv,
                                             int                 min_args,
                                             int                 max_args,
                                             GError            **error);
char           *kefuctl_context_dup_db_path (KefuctlContext     *self);
gboolean        kefuctl_context_open        (KefuctlContext     *self,
                                             KefuctlOpen         mode,
                                             GError            **error);
KefuStore      *kefuctl_context_get_store   (KefuctlContext     *self);

/* Running the async API: pass kefuctl_result_cb with &result, then wait. */
void            kefuctl_result_cb           (GObject            *object,
                                             GAsyncResult       *result,
                                             gpointer            user_data);
GAsyncResult   *kefuctl_wait                (GAsyncResult      **result);
void            kefuctl_spin                (KefuctlContext     *self,
                                             gboolean          (*done) (gpointer),
                                             gpointer            data,
                                             guint               ms);
void            kefuctl_main_loop_init      (void);

GPtrArray      *kefuctl_list_tickets        (KefuctlContext     *self,
                                             const KefuQuery    *query,
                                             guint               limit,
                                             GError            **error);

int             kefuctl_exit_code           (const GError       *error);
gboolean        kefuctl_parse_count         (const char         *text,
                                             const char         *option,
                                             guint              *out,
                                             GError            **error);

/* Output. */
gboolean        kefuctl_stdout_is_tty       (void);
char           *kefuctl_format_time         (gint64              usec);
void            kefuctl_print_json          (JsonNode           *node);
void            kefuctl_json_add_ticket     (JsonBuilder        *builder,
                                             KefuTicket         *ticket);
void            kefuctl_json_add_customer   (JsonBuilder        *builder,
                                             KefuCustomer       *customer);
void            kefuctl_print_tickets       (GPtrArray          *tickets,
                                             gboolean            json);

typedef struct _KefuctlTable KefuctlTable;

KefuctlTable   *kefuctl_table_new           (guint               n_columns,
                                             ...);
void            kefuctl_table_add_row       (KefuctlTable       *self,
                                             ...);
void            kefuctl_table_print         (KefuctlTable       *self);
void            kefuctl_table_free          (KefuctlTable       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuctlTable, kefuctl_table_free)

/* The commands, one file each. */
gboolean kefuctl_init_run      (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_demo_run      (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_tickets_run   (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_ticket_run    (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_customers_run (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_search_run    (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_export_run    (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_import_run    (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_backup_run    (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_restore_run   (KefuctlContext *context, int argc, char **argv, GError **error);
/* channels (#3) */
gboolean kefuctl_account_run   (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_serve_run     (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_bench_run       (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_bench_email_run (KefuctlContext *context, int argc, char **argv, GError **error);
/* the robot */
gboolean kefuctl_kb_run         (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_robot_eval_run (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_bench_robot_run (KefuctlContext *context, int argc, char **argv, GError **error);
/* reports */
gboolean kefuctl_report_run     (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_bench_reports_run (KefuctlContext *context, int argc, char **argv, GError **error);
/* inbox (#6) */
gboolean kefuctl_bench_ui_run (KefuctlContext *context, int argc, char **argv, GError **error);
/* the chat channel (#4) */
gboolean kefuctl_chat_run       (KefuctlContext *context, int argc, char **argv, GError **error);
/* the phone channel (#5) */
gboolean kefuctl_call_run       (KefuctlContext *context, int argc, char **argv, GError **error);
/* team (#8) */
gboolean kefuctl_team_run       (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_team_bench     (KefuctlContext *context, guint rounds, GError **error);
gboolean kefuctl_account_add_sip (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_bench_phone_run (KefuctlContext *context, int argc, char **argv, GError **error);
gboolean kefuctl_bench_chat_run (KefuctlContext *context, int argc, char **argv, GError **error);

G_END_DECLS
