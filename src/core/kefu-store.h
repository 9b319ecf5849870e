/* kefu-store.h: where everything Kefu knows is kept (SQLite or PostgreSQL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-account.h"
#include "kefu-agent.h"
#include "kefu-attachment.h"
#include "kefu-customer.h"
#include "kefu-identity.h"
#include "kefu-message.h"
#include "kefu-records.h"
#include "kefu-ticket.h"

G_BEGIN_DECLS

#define KEFU_STORE_ERROR (kefu_store_error_quark ())

typedef enum
{
  KEFU_STORE_ERROR_NOT_FOUND,
  KEFU_STORE_ERROR_CONFLICT,       /* edited by someone else since it was read */
  KEFU_STORE_ERROR_LOCKED,         /* another program holds the database */
  KEFU_STORE_ERROR_CORRUPT,        /* not a Kefu database, or damaged */
  KEFU_STORE_ERROR_NEWER_SCHEMA,   /* written by a newer Kefu */
  KEFU_STORE_ERROR_IO,             /* disk full, permissions, … */
  KEFU_STORE_ERROR_INVALID,        /* a value the store refuses (too large, malformed) */
  /* team (#8): a database server */
  KEFU_STORE_ERROR_UNREACHABLE,    /* the server cannot be reached */
  KEFU_STORE_ERROR_AUTH_FAILED,    /* the server refused the user or password */
} KefuStoreError;

GQuark kefu_store_error_quark (void);

typedef enum
{
  KEFU_STORE_THREAD_READ,
  KEFU_STORE_THREAD_WRITE,
} KefuStoreThread;

/* A unit of work run on a store thread; returns a result or NULL with @error set. */
typedef gpointer (*KefuStoreJob) (KefuStore     *store,
                                  gpointer       data,
                                  GCancellable  *cancellable,
                                  GError       **error);

/* inbox (#6): the global search's query, see kefu-search-query.h */
struct _KefuSearchQuery;

#define KEFU_TYPE_STORE (kefu_store_get_type ())
G_DECLARE_INTERFACE (KefuStore, kefu_store, KEFU, STORE, GObject)

/*
 * Implementations own their threads: one writer with the write connection,
 * a few readers each with a read-only connection. Every vfunc below but run()
 * is synchronous and is only ever called on one of those threads, through
 * run(); write vfuncs only on the writer, inside begin()/commit().
 */
struct _KefuStoreInterface
{
  GTypeInterface parent_iface;

  void            (*run)                  (KefuStore        *self,
                                           KefuStoreThread   thread,
                                           GTask            *task,
                                           GTaskThreadFunc   func);

  /* transactions, writer thread */
  gboolean        (*begin)                (KefuStore        *self,
                                           GError          **error);
  gboolean        (*commit)               (KefuStore        *self,
                                           GError          **error);
  void            (*rollback)             (KefuStore        *self);

  /* reads, any store thread */
  KefuTicket     *(*get_ticket)           (KefuStore        *self,
                                           gint64            ticket_id,
                                           GError          **error);
  gint64          (*lookup_ticket_number) (KefuStore        *self,
                                           gint64            number,
                                           GError          **error);
  KefuTicketSpine*(*list_ticket_spine)    (KefuStore        *self,
                                           const KefuQuery  *query,
                                           guint             page_size,
                                           GError          **error);
  GPtrArray      *(*list_tickets)         (KefuStore           *self,
                                           const KefuQuery     *query,
                                           const KefuTicketKey *after,
                                           guint                limit,
                                           GError             **error);
  GPtrArray      *(*list_messages)        (KefuStore        *self,
                                           gint64            ticket_id,
                                           GError          **error);
  KefuMessage    *(*get_message)          (KefuStore        *self,
                                           gint64            message_id,
                                           GError          **error);
  KefuCustomer   *(*get_customer)         (KefuStore        *self,
                                           gint64            customer_id,
                                           GError          **error);
  GPtrArray      *(*list_customers)       (KefuStore        *self,
                                           const char       *text,
                                           gint64            before_id,
                                           guint             limit,
                                           GError          **error);
  GBytes         *(*get_attachment_data)  (KefuStore        *self,
                                           const char       *hash,
                                           GError          **error);
  GPtrArray      *(*list_agents)          (KefuStore        *self,
                                           GError          **error);
  GPtrArray      *(*list_accounts)        (KefuStore        *self,
                                           GError          **error);
  GHashTable     *(*list_settings)        (KefuStore        *self,
                                           GError          **error);

  /* lookups the router makes inside its write transaction */
  gint64          (*find_identity)        (KefuStore        *self,
                                           KefuIdentityKind  kind,
                                           const char       *value,
                                           gint64           *customer_id,
                                           GError          **error);
  gint64          (*find_thread_key)      (KefuStore        *self,
                                           const char       *key,
                                           GError          **error);
  gint64          (*find_open_ticket)     (KefuStore        *self,
                                           gint64            customer_id,
                                           KefuChannelKind   channel,
                                           GError          **error);
  gint64          (*find_external_id)     (KefuStore        *self,
                                           KefuChannelKind   channel,
                                           const char       *external_id,
                                           gint64           *ticket_id,
                                           GError          **error);

  /* writes, writer thread inside a transaction; an id of 0 in the fields
   * means "assign one" (imports pass their own) */
  gint64          (*insert_customer)      (KefuStore                *self,
                                           const KefuCustomerFields *fields,
                                           GError                  **error);
  gint64          (*insert_identity)      (KefuStore                *self,
                                           const KefuIdentityFields *fields,
                                           GError                  **error);
  gint64          (*insert_ticket)        (KefuStore              *self,
                                           const KefuTicketFields *fields,
                                           GError                **error);
  gint64          (*insert_message)       (KefuStore               *self,
                                           const KefuMessageFields *fields,
                                           GError                 **error);
  gint64          (*insert_attachment)    (KefuStore                 *self,
                                           const KefuAttachmentFields *fields,
                                           GBytes                     *data,
                                           GError                    **error);
  gboolean        (*insert_thread_key)    (KefuStore        *self,
                                           const char       *key,
                                           gint64            ticket_id,
                                           GError          **error);
  gint64          (*insert_agent)         (KefuStore             *self,
                                           const KefuAgentFields *fields,
                                           GError               **error);
  gint64          (*insert_account)       (KefuStore               *self,
                                           const KefuAccountFields *fields,
                                           GError                 **error);
  gint64          (*insert_event)         (KefuStore        *self,
                                           gint64            ticket_id,
                                           gint64            agent_id,
                                           const char       *kind,
                                           const char       *detail,
                                           gint64            created_at,
                                           GError          **error);
  gboolean        (*update_ticket)        (KefuStore              *self,
                                           const KefuTicketChange *change,
                                           gint64                  now,
                                           GError                **error);
  gboolean        (*set_first_response)   (KefuStore        *self,
                                           gint64            ticket_id,
                                           gint64            when,
                                           GError          **error);
  gboolean        (*set_delivery_state)   (KefuStore         *self,
                                           gint64             message_id,
                                           KefuDeliveryState  state,
                                           const char        *reason,
                                           GError           **error);
  gboolean        (*set_setting)          (KefuStore        *self,
                                           const char       *key,
                                           const char       *value,
                                           GError          **error);

  /* reports (#7), see kefu-store-reports.h: a read on any store thread,
   * and a write on the writer inside a transaction */
  struct _KefuReportFacts *(*report_facts) (KefuStore        *self,
                                           gint64            from,
                                           gint64            to,
                                           int               channel,
                                           guint             flags,
                                           GError          **error);
  gint64          (*insert_rating)        (KefuStore        *self,
                                           gint64            ticket_id,
                                           int               score,
                                           const char       *comment,
                                           gint64            created_at,
                                           GError          **error);

  /* inbox (#6), see kefu-store-inbox.h: canned replies; reads on any store
   * thread, writes on the writer inside a transaction */
  GPtrArray      *(*list_canned_replies)  (KefuStore        *self,
                                           GError          **error);
  struct _KefuCannedReply *(*get_canned_reply) (KefuStore   *self,
                                           gint64            id,
                                           GError          **error);
  gint64          (*save_canned_reply)    (KefuStore        *self,
                                           gint64            id,
                                           const char       *title,
                                           const char       *body,
                                           gint64            now,
                                           GError          **error);
  gboolean        (*delete_canned_reply)  (KefuStore        *self,
                                           gint64            id,
                                           GError          **error);
  /* inbox (#6): snoozes; until 0 removes the ticket's snooze */
  gboolean        (*set_snooze)           (KefuStore        *self,
                                           gint64            ticket_id,
                                           gint64            until,
                                           gint64            now,
                                           GError          **error);
  gint64          (*get_snooze)           (KefuStore        *self,
                                           gint64            ticket_id,
                                           GError          **error);
  GArray         *(*list_due_snoozes)     (KefuStore        *self,
                                           gint64            now,
                                           GError          **error);
  /* inbox (#6): a customer's profile, as an agent edits it */
  gboolean        (*update_customer)      (KefuStore        *self,
                                           gint64            customer_id,
                                           const char       *name,
                                           const char       *company,
                                           const char       *notes,
                                           gint64            now,
                                           GError          **error);

  /* robot (#10), see kefu-store-kb.h: entries as kb.json-style JSON;
   * list on any store thread, put and delete on the writer in a transaction */
  char           *(*list_kb_entries)      (KefuStore        *self,
                                           GError          **error);
  gboolean        (*put_kb_entries)       (KefuStore        *self,
                                           const char       *json,
                                           gboolean          replace_all,
                                           GError          **error);
  gboolean        (*delete_kb_entry)      (KefuStore        *self,
                                           const char       *id,
                                           GError          **error);

  /* email (#3), see kefu-store-email.h: reads on any store thread, writes
   * on the writer inside a transaction */
  GPtrArray      *(*list_queued_messages) (KefuStore        *self,
                                           KefuChannelKind   channel,
                                           gint64            account_id,
                                           GError          **error);
  gint64          (*find_ticket_account)  (KefuStore        *self,
                                           gint64            ticket_id,
                                           GError          **error);
  gboolean        (*update_account)       (KefuStore               *self,
                                           const KefuAccountFields *fields,
                                           GError                 **error);
  gboolean        (*delete_account)       (KefuStore        *self,
                                           gint64            account_id,
                                           GError          **error);
  gboolean        (*set_external_id)      (KefuStore        *self,
                                           gint64            message_id,
                                           const char       *external_id,
                                           GError          **error);

  /* inbox (#6), see kefu-store-inbox.h: merging tickets and customers
   * (0008-inbox-merge.sql), a ticket's events and the global search; merges
   * on the writer inside a transaction, reads on any store thread */
  gint64          (*merge_tickets)        (KefuStore        *self,
                                           gint64            source_id,
                                           gint64            target_id,
                                           gint64            agent_id,
                                           gint64            now,
                                           GError          **error);
  gint64          (*unmerge_tickets)      (KefuStore        *self,
                                           gint64            merge_id,
                                           gint64            now,
                                           GError          **error);
  gint64          (*merge_customers)      (KefuStore        *self,
                                           gint64            source_id,
                                           gint64            target_id,
                                           gint64            now,
                                           GError          **error);
  gint64          (*unmerge_customers)    (KefuStore        *self,
                                           gint64            merge_id,
                                           gint64            now,
                                           GError          **error);
  GPtrArray      *(*list_customer_merges) (KefuStore        *self,
                                           gint64            customer_id,
                                           GError          **error);
  GPtrArray      *(*list_merge_suggestions) (KefuStore      *self,
                                           gint64            customer_id,
                                           GError          **error);
  GPtrArray      *(*list_events)          (KefuStore        *self,
                                           gint64            ticket_id,
                                           GError          **error);
  struct _KefuSearchResults *(*search)    (KefuStore        *self,
                                           const struct _KefuSearchQuery *query,
                                           guint             limit,
                                           GError          **error);

  /* reports (#7), see kefu-store-reports.h: what a report counts of a
   * phone call (0009-reports-calls.sql); on the writer */
  gboolean        (*insert_call)          (KefuStore        *self,
                                           gint64            message_id,
                                           gboolean          incoming,
                                           const char       *outcome,
                                           gint64            started_at,
                                           gint64            answered_at,
                                           gint64            ended_at,
                                           GError          **error);
};

/* Running work on the store's threads; everything below builds on these. */
void             kefu_store_read_async                 (KefuStore            *self,
                                                        KefuStoreJob          job,
                                                        gpointer              data,
                                                        GDestroyNotify        data_free,
                                                        GDestroyNotify        result_free,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
void             kefu_store_write_async                (KefuStore            *self,
                                                        KefuStoreJob          job,
                                                        gpointer              data,
                                                        GDestroyNotify        data_free,
                                                        GDestroyNotify        result_free,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gpointer         kefu_store_job_finish                 (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_note_change                (KefuStore            *self,
                                                        gint64                ticket_id,
                                                        gint64                customer_id);
void             kefu_store_note_everything_changed    (KefuStore            *self);
/* runtime: settings, knowledge base and accounts, for the robot and channels */
void             kefu_store_note_config_changed        (KefuStore            *self,
                                                        gboolean              settings,
                                                        gboolean              accounts);
void             kefu_store_emit_changed               (KefuStore            *self,
                                                        KefuChangeSet        *changes);

/* The reads and edits the UI and kefuctl make. */
void             kefu_store_get_ticket_async           (KefuStore            *self,
                                                        gint64                ticket_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
KefuTicket      *kefu_store_get_ticket_finish          (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_find_ticket_number_async   (KefuStore            *self,
                                                        gint64                number,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
KefuTicket      *kefu_store_find_ticket_number_finish  (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_list_ticket_spine_async    (KefuStore            *self,
                                                        const KefuQuery      *query,
                                                        guint                 page_size,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
KefuTicketSpine *kefu_store_list_ticket_spine_finish   (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_list_tickets_async         (KefuStore            *self,
                                                        const KefuQuery      *query,
                                                        const KefuTicketKey  *after,
                                                        guint                 limit,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray       *kefu_store_list_tickets_finish        (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_list_messages_async        (KefuStore            *self,
                                                        gint64                ticket_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray       *kefu_store_list_messages_finish       (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_get_customer_async         (KefuStore            *self,
                                                        gint64                customer_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
KefuCustomer    *kefu_store_get_customer_finish        (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_list_customers_async       (KefuStore            *self,
                                                        const char           *text,
                                                        gint64                before_id,
                                                        guint                 limit,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray       *kefu_store_list_customers_finish      (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_list_agents_async          (KefuStore            *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray       *kefu_store_list_agents_finish         (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_get_attachment_data_async  (KefuStore            *self,
                                                        const char           *hash,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GBytes          *kefu_store_get_attachment_data_finish (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_update_ticket_async        (KefuStore            *self,
                                                        const KefuTicketChange *change,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
KefuTicket      *kefu_store_update_ticket_finish       (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_set_setting_async          (KefuStore            *self,
                                                        const char           *key,
                                                        const char           *value,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean         kefu_store_set_setting_finish         (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void             kefu_store_list_settings_async        (KefuStore            *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GHashTable      *kefu_store_list_settings_finish       (KefuStore            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
