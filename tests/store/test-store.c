/* test-store.c: every KefuStore vfunc, through the async API and store jobs, on SQLite or PostgreSQL.
 *
 * The same cases run against a SQLite file (suite store) and, under
 * tests/peers/postgres-run.sh, against PostgreSQL (suites store and peer).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-store-harness.h"

#define IFACE(store) KEFU_STORE_GET_IFACE (store)

typedef KefuStoreFixture Fixture;

/* Runs @job on the writer thread, in a transaction; returns its result. */
static gpointer
run_write (Fixture       *fixture,
           KefuStoreJob   job,
           gpointer       data,
           GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_store_write_async (fixture->store, job, data, NULL, NULL, NULL, kefu_test_result_cb, &result);

  return kefu_store_job_finish (fixture->store, kefu_test_wait (&result), error);
}

static gpointer
run_read (Fixture       *fixture,
          KefuStoreJob   job,
          gpointer       data,
          GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_store_read_async (fixture->store, job, data, NULL, NULL, NULL, kefu_test_result_cb, &result);

  return kefu_store_job_finish (fixture->store, kefu_test_wait (&result), error);
}

static KefuTicket *
get_ticket (Fixture  *fixture,
            gint64    ticket_id,
            GError  **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_store_get_ticket_async (fixture->store, ticket_id, NULL, kefu_test_result_cb, &result);

  return kefu_store_get_ticket_finish (fixture->store, kefu_test_wait (&result), error);
}

static KefuCustomer *
get_customer (Fixture *fixture,
              gint64   customer_id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  KefuCustomer *customer;

  kefu_store_get_customer_async (fixture->store, customer_id, NULL, kefu_test_result_cb, &result);
  customer = kefu_store_get_customer_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return customer;
}

static KefuTicketSpine *
list_spine (Fixture         *fixture,
            const KefuQuery *query,
            guint            page_size)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  KefuTicketSpine *spine;

  kefu_store_list_ticket_spine_async (fixture->store, query, page_size, NULL, kefu_test_result_cb, &result);
  spine = kefu_store_list_ticket_spine_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return spine;
}

static GPtrArray *
list_tickets (Fixture             *fixture,
              const KefuQuery     *query,
              const KefuTicketKey *after,
              guint                limit)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *tickets;

  kefu_store_list_tickets_async (fixture->store, query, after, limit, NULL, kefu_test_result_cb, &result);
  tickets = kefu_store_list_tickets_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return tickets;
}

static gint64 *
id_new (gint64 id)
{
  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

/* Customers and identities */

static gpointer
insert_customer_job (KefuStore     *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  KefuCustomerFields customer = { 0 };
  KefuIdentityFields identity = { 0 };
  gint64 customer_id;

  customer.name = "王小明";
  customer.company = "小明茶叶";
  customer.language = "zh-CN";
  customer.created_at = 1000;
  customer_id = IFACE (store)->insert_customer (store, &customer, error);
  if (customer_id == 0)
    return NULL;

  identity.customer_id = customer_id;
  identity.kind = KEFU_IDENTITY_KIND_PHONE;
  identity.value = "+8613800138000";
  identity.display = "138 0013 8000";
  identity.created_at = 2000;
  if (IFACE (store)->insert_identity (store, &identity, error) == 0)
    return NULL;

  identity.kind = KEFU_IDENTITY_KIND_EMAIL;
  identity.value = "xiaoming@example.cn";
  identity.display = "XiaoMing@example.cn";
  identity.created_at = 1500;
  if (IFACE (store)->insert_identity (store, &identity, error) == 0)
    return NULL;

  return id_new (customer_id);
}

static gpointer
find_identity_job (KefuStore     *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  gint64 customer_id = 0;
  GError *local_error = NULL;

  if (IFACE (store)->find_identity (store, KEFU_IDENTITY_KIND_EMAIL, "xiaoming@example.cn",
                                    &customer_id, &local_error) == 0)
    {
      if (local_error == NULL)
        g_set_error (&local_error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND, "not found");
      g_propagate_error (error, local_error);
      return NULL;
    }
  g_assert_cmpint (IFACE (store)->find_identity (store, KEFU_IDENTITY_KIND_EMAIL, "nobody@example.cn",
                                                 NULL, error), ==, 0);

  return id_new (customer_id);
}

static gpointer
duplicate_identity_job (KefuStore     *store,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  KefuIdentityFields identity = { 0 };

  identity.customer_id = *(gint64 *)data;
  identity.kind = KEFU_IDENTITY_KIND_EMAIL;
  identity.value = "xiaoming@example.cn";
  if (IFACE (store)->insert_identity (store, &identity, error) == 0)
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
test_customers (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree gint64 *customer_id = NULL;
  g_autofree gint64 *found_id = NULL;
  g_autoptr (KefuCustomer) customer = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  GPtrArray *identities;

  customer_id = run_write (fixture, insert_customer_job, NULL, &error);
  g_assert_no_error (error);

  customer = get_customer (fixture, *customer_id);
  g_assert_cmpstr (kefu_customer_get_name (customer), ==, "王小明");
  g_assert_cmpstr (kefu_customer_get_company (customer), ==, "小明茶叶");
  g_assert_cmpstr (kefu_customer_get_language (customer), ==, "zh-CN");
  g_assert_cmpuint (kefu_customer_get_ticket_count (customer), ==, 0);
  identities = kefu_customer_get_identities (customer);
  g_assert_cmpuint (identities->len, ==, 2);
  /* Oldest first. */
  g_assert_cmpstr (kefu_identity_get_value (g_ptr_array_index (identities, 0)), ==, "xiaoming@example.cn");
  g_assert_cmpstr (kefu_identity_get_display (g_ptr_array_index (identities, 0)), ==, "XiaoMing@example.cn");
  g_assert_cmpint (kefu_identity_get_kind (g_ptr_array_index (identities, 1)), ==, KEFU_IDENTITY_KIND_PHONE);

  found_id = run_write (fixture, find_identity_job, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (*found_id, ==, *customer_id);

  /* An address belongs to one customer only. */
  g_assert_null (run_write (fixture, duplicate_identity_job, customer_id, &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  kefu_store_get_customer_async (fixture->store, 9999, NULL, kefu_test_result_cb, &result);
  g_assert_null (kefu_store_get_customer_finish (fixture->store, kefu_test_wait (&result), &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND);
}

static gpointer
insert_many_customers_job (KefuStore     *store,
                           gpointer       data,
                           GCancellable  *cancellable,
                           GError       **error)
{
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      KefuCustomerFields customer = { 0 };

      customer.name = name;
      if (IFACE (store)->insert_customer (store, &customer, error) == 0)
        return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

static void
test_list_customers (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 before_id = 0;
  gint64 last_id = G_MAXINT64;

  run_write (fixture, insert_many_customers_job, NULL, &error);
  g_assert_no_error (error);

  /* Newest first, paged by id. */
  for (;;)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GPtrArray) customers = NULL;

      kefu_store_list_customers_async (fixture->store, NULL, before_id, 10, NULL,
                                       kefu_test_result_cb, &result);
      customers = kefu_store_list_customers_finish (fixture->store, kefu_test_wait (&result), &error);
      g_assert_no_error (error);
      if (customers->len == 0)
        break;
      for (guint i = 0; i < customers->len; i++)
        {
          gint64 id = kefu_customer_get_id (g_ptr_array_index (customers, i));

          g_assert_cmpint (id, <, last_id);
          last_id = id;
          g_assert_true (g_hash_table_add (seen, g_memdup2 (&id, sizeof id)));
        }
      before_id = last_id;
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 25);
}

/* Tickets */

typedef struct
{
  gint64 agent_id;
  gint64 customer_id;
  gint64 ticket_id;
  gint64 second_id;
  gint64 imported_id;
} TicketIds;

static gpointer
insert_tickets_job (KefuStore     *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  static const char *const tags[] = { "vip", "refund", "vip", " ", NULL };
  TicketIds *ids = g_new0 (TicketIds, 1);
  KefuAgentFields agent = { 0 };
  KefuCustomerFields customer = { 0 };
  KefuTicketFields ticket = { 0 };

  agent.name = "Li Lei";
  agent.email = "lilei@shop.example";
  agent.role = KEFU_AGENT_ROLE_ADMIN;
  ids->agent_id = IFACE (store)->insert_agent (store, &agent, error);

  customer.name = "Alice Smith";
  ids->customer_id = IFACE (store)->insert_customer (store, &customer, error);

  ticket.subject = "Broken lamp";
  ticket.status = KEFU_TICKET_STATUS_OPEN;
  ticket.priority = KEFU_PRIORITY_HIGH;
  ticket.channel = KEFU_CHANNEL_KIND_EMAIL;
  ticket.customer_id = ids->customer_id;
  ticket.assignee_id = ids->agent_id;
  ticket.tags = tags;
  ticket.created_at = 100;
  ticket.updated_at = 100;
  ids->ticket_id = IFACE (store)->insert_ticket (store, &ticket, error);

  ticket.subject = "Second";
  ticket.assignee_id = 0;
  ticket.tags = NULL;
  ticket.channel = KEFU_CHANNEL_KIND_CHAT;
  ticket.updated_at = 200;
  ids->second_id = IFACE (store)->insert_ticket (store, &ticket, error);

  /* An import brings its own id and number. */
  ticket.id = 500;
  ticket.number = 9000;
  ticket.subject = "Imported";
  ticket.status = KEFU_TICKET_STATUS_CLOSED;
  ids->imported_id = IFACE (store)->insert_ticket (store, &ticket, error);

  if (ids->agent_id == 0 || ids->customer_id == 0 || ids->ticket_id == 0 ||
      ids->second_id == 0 || ids->imported_id == 0)
    g_clear_pointer (&ids, g_free);

  return ids;
}

typedef struct
{
  gint64 customer_id;
  gint64 open_email;
  gint64 open_chat;
  gint64 open_phone;
} OpenTickets;

static gpointer
find_open_ticket_job (KefuStore     *store,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  OpenTickets *open = data;

  open->open_email = IFACE (store)->find_open_ticket (store, open->customer_id, KEFU_CHANNEL_KIND_EMAIL, error);
  open->open_chat = IFACE (store)->find_open_ticket (store, open->customer_id, KEFU_CHANNEL_KIND_CHAT, error);
  open->open_phone = IFACE (store)->find_open_ticket (store, open->customer_id, KEFU_CHANNEL_KIND_PHONE, error);

  return GINT_TO_POINTER (TRUE);
}

static KefuTicket *
update_ticket (Fixture          *fixture,
               KefuTicketChange *change,
               GError          **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_store_update_ticket_async (fixture->store, change, NULL, kefu_test_result_cb, &result);

  return kefu_store_update_ticket_finish (fixture->store, kefu_test_wait (&result), error);
}

static guint
count_rows (Fixture    *fixture,
            const char *sql)
{
  return (guint)kefu_store_fixture_count (fixture, sql);
}

static void
test_tickets (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree TicketIds *ids = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (KefuTicket) updated = NULL;
  g_autoptr (KefuTicket) imported = NULL;
  g_autoptr (KefuTicket) by_number = NULL;
  g_autoptr (KefuTicketChange) change = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuCustomer) customer = NULL;
  OpenTickets open = { 0 };
  const char *const *tags;
  static const char *const new_tags[] = { "shipping", "vip", NULL };

  ids = run_write (fixture, insert_tickets_job, NULL, &error);
  g_assert_no_error (error);

  ticket = get_ticket (fixture, ids->ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_ticket_get_number (ticket), ==, 1);
  g_assert_cmpstr (kefu_ticket_get_subject (ticket), ==, "Broken lamp");
  g_assert_cmpint (kefu_ticket_get_status (ticket), ==, KEFU_TICKET_STATUS_OPEN);
  g_assert_cmpint (kefu_ticket_get_priority (ticket), ==, KEFU_PRIORITY_HIGH);
  g_assert_cmpint (kefu_ticket_get_channel (ticket), ==, KEFU_CHANNEL_KIND_EMAIL);
  g_assert_cmpstr (kefu_ticket_get_customer_name (ticket), ==, "Alice Smith");
  g_assert_cmpint (kefu_ticket_get_assignee_id (ticket), ==, ids->agent_id);
  g_assert_cmpstr (kefu_ticket_get_assignee_name (ticket), ==, "Li Lei");
  g_assert_cmpint (kefu_ticket_get_version (ticket), ==, 1);
  tags = kefu_ticket_get_tags (ticket);
  g_assert_cmpuint (g_strv_length ((char **)tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "refund");
  g_assert_cmpstr (tags[1], ==, "vip");

  g_clear_object (&ticket);
  ticket = get_ticket (fixture, ids->second_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_ticket_get_number (ticket), ==, 2);
  g_assert_cmpint (kefu_ticket_get_assignee_id (ticket), ==, 0);
  g_assert_null (kefu_ticket_get_assignee_name (ticket));

  imported = get_ticket (fixture, 500, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_ticket_get_number (imported), ==, 9000);

  /* The next number follows the highest one. */
  kefu_store_find_ticket_number_async (fixture->store, 9000, NULL, kefu_test_result_cb, &result);
  by_number = kefu_store_find_ticket_number_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_ticket_get_id (by_number), ==, 500);
  g_clear_object (&result);
  kefu_store_find_ticket_number_async (fixture->store, 77, NULL, kefu_test_result_cb, &result);
  g_assert_null (kefu_store_find_ticket_number_finish (fixture->store, kefu_test_wait (&result), &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  g_clear_object (&ticket);
  g_assert_null (get_ticket (fixture, 4242, &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  open.customer_id = ids->customer_id;
  run_read (fixture, find_open_ticket_job, &open, &error);
  g_assert_no_error (error);
  g_assert_cmpint (open.open_email, ==, ids->ticket_id);
  g_assert_cmpint (open.open_chat, ==, ids->second_id);
  g_assert_cmpint (open.open_phone, ==, 0);

  customer = get_customer (fixture, ids->customer_id);
  g_assert_cmpuint (kefu_customer_get_ticket_count (customer), ==, 3);

  /* An edit against the current version applies, and is audited. */
  change = kefu_ticket_change_new (ids->ticket_id, 1);
  change->agent_id = ids->agent_id;
  change->what = KEFU_TICKET_CHANGE_STATUS | KEFU_TICKET_CHANGE_TAGS | KEFU_TICKET_CHANGE_ASSIGNEE |
                 KEFU_TICKET_CHANGE_PRIORITY | KEFU_TICKET_CHANGE_SUBJECT | KEFU_TICKET_CHANGE_DUE;
  change->status = KEFU_TICKET_STATUS_RESOLVED;
  change->tags = g_strdupv ((char **)new_tags);
  change->assignee_id = 0;
  change->priority = KEFU_PRIORITY_LOW;
  change->subject = g_strdup ("Broken lamp (replaced)");
  change->due_at = 5000;
  updated = update_ticket (fixture, change, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_ticket_get_version (updated), ==, 2);
  g_assert_cmpint (kefu_ticket_get_status (updated), ==, KEFU_TICKET_STATUS_RESOLVED);
  g_assert_cmpint (kefu_ticket_get_resolved_at (updated), >, 0);
  g_assert_cmpint (kefu_ticket_get_updated_at (updated), >, 100);
  g_assert_cmpint (kefu_ticket_get_assignee_id (updated), ==, 0);
  g_assert_cmpint (kefu_ticket_get_priority (updated), ==, KEFU_PRIORITY_LOW);
  g_assert_cmpint (kefu_ticket_get_due_at (updated), ==, 5000);
  g_assert_cmpstr (kefu_ticket_get_subject (updated), ==, "Broken lamp (replaced)");
  tags = kefu_ticket_get_tags (updated);
  g_assert_cmpuint (g_strv_length ((char **)tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "shipping");
  g_assert_cmpstr (tags[1], ==, "vip");
  g_assert_cmpuint (count_rows (fixture, "SELECT count (*) FROM events WHERE kind IN"
                                " ('status', 'tags', 'assignee', 'priority', 'subject', 'due')"), ==, 6);
  g_assert_cmpuint (count_rows (fixture, "SELECT count (*) FROM events WHERE kind = 'status'"
                                " AND detail = 'resolved' AND agent_id IS NOT NULL"), ==, 1);

  /* An edit against an older version is refused, and nothing is written. */
  g_clear_object (&updated);
  change->what = KEFU_TICKET_CHANGE_STATUS;
  change->status = KEFU_TICKET_STATUS_OPEN;
  g_assert_null (update_ticket (fixture, change, &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  ticket = get_ticket (fixture, ids->ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_ticket_get_version (ticket), ==, 2);
  g_assert_cmpint (kefu_ticket_get_status (ticket), ==, KEFU_TICKET_STATUS_RESOLVED);

  /* Reopening clears the resolution time. */
  change->expected_version = 2;
  updated = update_ticket (fixture, change, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_ticket_get_version (updated), ==, 3);
  g_assert_cmpint (kefu_ticket_get_resolved_at (updated), ==, 0);

  /* A missing ticket is reported as such. */
  g_clear_object (&updated);
  change->ticket_id = 4242;
  change->expected_version = 0;
  g_assert_null (update_ticket (fixture, change, &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND);
}

/* Messages and attachments */

/* Mail arrives out of order (an IMAP resync, a slow relay): the list row
 * keeps showing the newest message and its time never goes back. */
static void
test_summary_keeps_newest (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr (KefuInbound) newer = kefu_test_email ("olga@example.com", "Order 77", "Newest words.");
  g_autoptr (KefuInbound) older = kefu_test_email ("olga@example.com", "Order 77", "Older words.");
  g_autoptr (KefuDelivery) first = NULL;
  g_autoptr (KefuDelivery) second = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GError) error = NULL;

  newer->received_at = 1700000005000000;
  first = kefu_test_receive (fixture->router, newer);
  older->received_at = 1700000001000000;
  second = kefu_test_receive (fixture->router, older);
  g_assert_cmpint (second->ticket_id, ==, first->ticket_id);

  ticket = get_ticket (fixture, first->ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kefu_ticket_get_preview (ticket), ==, "Newest words.");
  g_assert_cmpint (kefu_ticket_get_updated_at (ticket), ==, 1700000005000000);
  g_assert_cmpint (kefu_ticket_get_message_count (ticket), ==, 2);
}


static void
test_messages (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = kefu_test_email ("carol@example.com", "Photos", "Here are the photos of the damage.");
  g_autoptr (KefuInbound) second = kefu_test_email ("carol@example.com", "Photos", "And one more.");
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (KefuDelivery) second_delivery = NULL;
  g_autoptr (GBytes) photo = g_bytes_new_static ("\x89PNG fake photo", 15);
  g_autoptr (GBytes) receipt = g_bytes_new_static ("%PDF fake receipt", 17);
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (KefuCustomer) customer = NULL;
  KefuMessage *message;
  GPtrArray *attachments;
  KefuAttachment *attachment;

  inbound->external_id = g_strdup ("<photos@example.com>");
  inbound->received_at = 1700000000000000;
  kefu_inbound_add_attachment (inbound, kefu_inbound_attachment_new ("a.png", "image/png", photo));
  kefu_inbound_add_attachment (inbound, kefu_inbound_attachment_new ("b.png", "image/png", photo));
  kefu_inbound_add_attachment (inbound, kefu_inbound_attachment_new ("receipt.pdf", "application/pdf", receipt));
  delivery = kefu_test_receive (fixture->router, inbound);

  second->received_at = 1700000001000000;
  kefu_inbound_add_attachment (second, kefu_inbound_attachment_new ("c.png", "image/png", photo));
  second_delivery = kefu_test_receive (fixture->router, second);
  g_assert_cmpint (second_delivery->ticket_id, ==, delivery->ticket_id);

  kefu_store_list_messages_async (fixture->store, delivery->ticket_id, NULL, kefu_test_result_cb, &result);
  messages = kefu_store_list_messages_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 2);

  message = g_ptr_array_index (messages, 0);
  g_assert_cmpstr (kefu_message_get_text (message), ==, "Here are the photos of the damage.");
  g_assert_cmpstr (kefu_message_get_external_id (message), ==, "<photos@example.com>");
  g_assert_cmpint (kefu_message_get_direction (message), ==, KEFU_DIRECTION_IN);
  g_assert_cmpint (kefu_message_get_channel (message), ==, KEFU_CHANNEL_KIND_EMAIL);
  g_assert_cmpint (kefu_message_get_created_at (message), ==, 1700000000000000);
  attachments = kefu_message_get_attachments (message);
  g_assert_cmpuint (attachments->len, ==, 3);
  attachment = g_ptr_array_index (attachments, 0);
  g_assert_cmpstr (kefu_attachment_get_filename (attachment), ==, "a.png");
  g_assert_cmpstr (kefu_attachment_get_mime_type (attachment), ==, "image/png");
  g_assert_cmpint (kefu_attachment_get_size (attachment), ==, 15);
  g_assert_cmpstr (kefu_attachment_get_filename (g_ptr_array_index (attachments, 2)), ==, "receipt.pdf");
  g_assert_cmpuint (kefu_message_get_attachments (g_ptr_array_index (messages, 1))->len, ==, 1);

  /* The photo was attached three times and is stored once. */
  g_assert_cmpuint (count_rows (fixture, "SELECT count (*) FROM attachment_blobs"), ==, 2);
  g_assert_cmpuint (count_rows (fixture, "SELECT count (*) FROM attachments"), ==, 4);

  g_clear_object (&result);
  kefu_store_get_attachment_data_async (fixture->store, kefu_attachment_get_hash (attachment), NULL,
                                        kefu_test_result_cb, &result);
  data = kefu_store_get_attachment_data_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (data, photo));

  g_clear_object (&result);
  kefu_store_get_attachment_data_async (fixture->store, "0000", NULL, kefu_test_result_cb, &result);
  g_assert_null (kefu_store_get_attachment_data_finish (fixture->store, kefu_test_wait (&result), &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The ticket's summary and the customer's last contact follow the messages. */
  ticket = get_ticket (fixture, delivery->ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kefu_ticket_get_message_count (ticket), ==, 2);
  g_assert_cmpstr (kefu_ticket_get_preview (ticket), ==, "And one more.");
  g_assert_cmpint (kefu_ticket_get_updated_at (ticket), ==, 1700000001000000);
  customer = get_customer (fixture, delivery->customer_id);
  g_assert_cmpint (kefu_customer_get_last_contact_at (customer), ==, 1700000001000000);
  g_assert_cmpuint (kefu_customer_get_ticket_count (customer), ==, 1);
}

typedef struct
{
  gint64 message_id;
  gint64 ticket_id;
} MessageRef;

static gpointer
set_delivery_state_job (KefuStore     *store,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  MessageRef *ref = data;

  if (!IFACE (store)->set_delivery_state (store, ref->message_id, KEFU_DELIVERY_STATE_FAILED,
                                          "550 mailbox unavailable", error))
    return NULL;

  return IFACE (store)->get_message (store, ref->message_id, error);
}

static gpointer
find_external_id_job (KefuStore     *store,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  MessageRef *ref = data;

  ref->message_id = IFACE (store)->find_external_id (store, KEFU_CHANNEL_KIND_EMAIL, "<first@example.com>",
                                                     &ref->ticket_id, error);
  g_assert_cmpint (IFACE (store)->find_external_id (store, KEFU_CHANNEL_KIND_CHAT, "<first@example.com>",
                                                    NULL, error), ==, 0);

  return GINT_TO_POINTER (TRUE);
}

static void
test_replies (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = kefu_test_email ("dave@example.com", "Hi", "Hello?");
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (KefuDelivery) again = NULL;
  g_autoptr (KefuOutbound) outbound = NULL;
  g_autoptr (KefuMessage) reply = NULL;
  g_autoptr (KefuMessage) failed = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  MessageRef ref = { 0 };

  inbound->external_id = g_strdup ("<first@example.com>");
  delivery = kefu_test_receive (fixture->router, inbound);
  again = kefu_test_receive (fixture->router, inbound);
  g_assert_true (again->duplicate);

  run_read (fixture, find_external_id_job, &ref, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ref.message_id, ==, delivery->message_id);
  g_assert_cmpint (ref.ticket_id, ==, delivery->ticket_id);

  outbound = kefu_outbound_new (delivery->ticket_id, KEFU_DIRECTION_OUT, "Hello Dave, how can we help?");
  kefu_router_send_async (fixture->router, outbound, NULL, kefu_test_result_cb, &result);
  reply = kefu_router_send_finish (fixture->router, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_message_get_delivery_state (reply), ==, KEFU_DELIVERY_STATE_QUEUED);
  g_assert_cmpstr (kefu_message_get_recipient (reply), ==, "dave@example.com");

  ticket = get_ticket (fixture, delivery->ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_ticket_get_first_response_at (ticket), >, 0);
  g_assert_cmpint (kefu_ticket_get_status (ticket), ==, KEFU_TICKET_STATUS_OPEN);
  g_assert_cmpstr (kefu_ticket_get_preview (ticket), ==, "Hello Dave, how can we help?");

  ref.message_id = kefu_message_get_id (reply);
  failed = run_write (fixture, set_delivery_state_job, &ref, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kefu_message_get_delivery_state (failed), ==, KEFU_DELIVERY_STATE_FAILED);
  g_assert_cmpstr (kefu_message_get_delivery_error (failed), ==, "550 mailbox unavailable");
}

typedef struct
{
  gint64 first;
  gint64 second;
  gint64 owner;
  gint64 missing;
} ThreadKeys;

static gpointer
thread_keys_job (KefuStore     *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  ThreadKeys *keys = data;

  if (!IFACE (store)->insert_thread_key (store, "<a@example.com>", keys->first, error) ||
      !IFACE (store)->insert_thread_key (store, "<a@example.com>", keys->second, error))
    return NULL;

  keys->owner = IFACE (store)->find_thread_key (store, "<a@example.com>", error);
  keys->missing = IFACE (store)->find_thread_key (store, "<b@example.com>", error);

  return GINT_TO_POINTER (TRUE);
}

static void
test_thread_keys (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (KefuInbound) one = kefu_test_email ("erin@example.com", "One", "First");
  g_autoptr (KefuInbound) two = kefu_test_email ("frank@example.com", "Two", "Second");
  g_autoptr (KefuDelivery) first = kefu_test_receive (fixture->router, one);
  g_autoptr (KefuDelivery) second = kefu_test_receive (fixture->router, two);
  g_autoptr (GError) error = NULL;
  ThreadKeys keys = { first->ticket_id, second->ticket_id, 0, 0 };

  /* A key another ticket owns is never taken over. */
  run_write (fixture, thread_keys_job, &keys, &error);
  g_assert_no_error (error);
  g_assert_cmpint (keys.owner, ==, first->ticket_id);
  g_assert_cmpint (keys.missing, ==, 0);
}

/* Lists and pages */

static gpointer
insert_thousand_job (KefuStore     *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  KefuCustomerFields customer = { 0 };
  gint64 customer_id;

  customer.name = "Bulk";
  customer_id = IFACE (store)->insert_customer (store, &customer, error);
  if (customer_id == 0)
    return NULL;

  for (guint i = 0; i < 1000; i++)
    {
      KefuTicketFields ticket = { 0 };

      ticket.subject = "Bulk";
      ticket.customer_id = customer_id;
      ticket.status = i % 5;
      /* Many tickets share a time: the id breaks ties. */
      ticket.created_at = ticket.updated_at = 1000 + (i * 7919) % 300;
      if (IFACE (store)->insert_ticket (store, &ticket, error) == 0)
        return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

static gboolean
key_before (gint64 updated_at,
            gint64 id,
            gint64 other_updated_at,
            gint64 other_id)
{
  return updated_at > other_updated_at || (updated_at == other_updated_at && id > other_id);
}

static void
check_paging (Fixture         *fixture,
              const KefuQuery *query,
              guint            page_size,
              guint            expected_total)
{
  g_autoptr (KefuTicketSpine) spine = list_spine (fixture, query, page_size);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_pages = (expected_total + page_size - 1) / page_size;
  gint64 last_updated = G_MAXINT64;
  gint64 last_id = G_MAXINT64;

  g_assert_cmpuint (spine->total, ==, expected_total);
  g_assert_cmpuint (spine->page_ends->len, ==, expected_total / page_size);

  /* Any page can be fetched on its own from the key before it. */
  for (guint page = 0; page < n_pages; page++)
    {
      KefuTicketKey *after = page > 0 ? &g_array_index (spine->page_ends, KefuTicketKey, page - 1) : NULL;
      g_autoptr (GPtrArray) tickets = list_tickets (fixture, query, after, page_size);
      guint expected = MIN (page_size, expected_total - page * page_size);

      g_assert_cmpuint (tickets->len, ==, expected);
      for (guint i = 0; i < tickets->len; i++)
        {
          KefuTicket *ticket = g_ptr_array_index (tickets, i);
          gint64 id = kefu_ticket_get_id (ticket);
          gint64 updated = kefu_ticket_get_updated_at (ticket);

          g_assert_true (key_before (last_updated, last_id, updated, id));
          last_updated = updated;
          last_id = id;
          g_assert_true (g_hash_table_add (seen, g_memdup2 (&id, sizeof id)));
        }

      if (page < spine->page_ends->len)
        {
          KefuTicketKey *end = &g_array_index (spine->page_ends, KefuTicketKey, page);

          g_assert_cmpint (end->id, ==, last_id);
          g_assert_cmpint (end->updated_at, ==, last_updated);
        }
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, expected_total);
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuQuery) all = kefu_query_new (KEFU_VIEW_ALL);
  g_autoptr (KefuQuery) inbox = kefu_query_new (KEFU_VIEW_INBOX);

  run_write (fixture, insert_thousand_job, NULL, &error);
  g_assert_no_error (error);

  check_paging (fixture, all, 37, 1000);
  check_paging (fixture, all, 50, 1000);
  check_paging (fixture, all, 1000, 1000);
  check_paging (fixture, all, 5000, 1000);
  check_paging (fixture, inbox, 33, 400);
}

typedef struct
{
  gint64 alice;
  gint64 bob;
  gint64 agent;
} ViewIds;

static gpointer
insert_view_tickets_job (KefuStore     *store,
                         gpointer       data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  ViewIds *ids = g_new0 (ViewIds, 1);
  KefuCustomerFields customer = { 0 };
  KefuAgentFields agent = { 0 };

  customer.name = "Alice";
  ids->alice = IFACE (store)->insert_customer (store, &customer, error);
  customer.name = "Bob";
  ids->bob = IFACE (store)->insert_customer (store, &customer, error);
  agent.name = "Han Meimei";
  ids->agent = IFACE (store)->insert_agent (store, &agent, error);

  /* Every status, assigned and not, on every channel, for both customers. */
  for (guint status = 0; status < 5; status++)
    for (guint assigned = 0; assigned < 2; assigned++)
      for (guint channel = 0; channel < 3; channel++)
        for (guint who = 0; who < 2; who++)
          {
            KefuTicketFields ticket = { 0 };

            ticket.subject = "View";
            ticket.status = status;
            ticket.channel = channel;
            ticket.customer_id = who ? ids->bob : ids->alice;
            ticket.assignee_id = assigned ? ids->agent : 0;
            ticket.updated_at = g_get_real_time ();
            if (IFACE (store)->insert_ticket (store, &ticket, error) == 0)
              {
                g_free (ids);
                return NULL;
              }
          }

  return ids;
}

static guint
count_view (Fixture         *fixture,
            const KefuQuery *query)
{
  g_autoptr (KefuTicketSpine) spine = list_spine (fixture, query, 10);
  g_autoptr (GPtrArray) tickets = list_tickets (fixture, query, NULL, 1000);

  g_assert_cmpuint (spine->total, ==, tickets->len);

  return spine->total;
}

static void
test_views (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree ViewIds *ids = run_write (fixture, insert_view_tickets_job, NULL, &error);
  g_autoptr (KefuQuery) query = NULL;

  g_assert_no_error (error);

  /* 5 statuses × 2 assignments × 3 channels × 2 customers = 60 tickets. */
  query = kefu_query_new (KEFU_VIEW_ALL);
  g_assert_cmpuint (count_view (fixture, query), ==, 60);
  query->view = KEFU_VIEW_INBOX;
  g_assert_cmpuint (count_view (fixture, query), ==, 24);
  query->view = KEFU_VIEW_MINE;
  query->agent_id = ids->agent;
  g_assert_cmpuint (count_view (fixture, query), ==, 18);
  query->view = KEFU_VIEW_UNASSIGNED;
  g_assert_cmpuint (count_view (fixture, query), ==, 12);
  query->view = KEFU_VIEW_PENDING;
  g_assert_cmpuint (count_view (fixture, query), ==, 12);
  query->view = KEFU_VIEW_RESOLVED;
  g_assert_cmpuint (count_view (fixture, query), ==, 24);

  /* Filters narrow a view. */
  query->view = KEFU_VIEW_ALL;
  query->customer_id = ids->alice;
  g_assert_cmpuint (count_view (fixture, query), ==, 30);
  query->channel = KEFU_CHANNEL_KIND_PHONE;
  g_assert_cmpuint (count_view (fixture, query), ==, 10);
  query->status = KEFU_TICKET_STATUS_CLOSED;
  g_assert_cmpuint (count_view (fixture, query), ==, 2);
  query->view = KEFU_VIEW_MINE;
  g_assert_cmpuint (count_view (fixture, query), ==, 1);
  query->customer_id = 0;
  query->channel = -1;
  query->status = -1;
  query->text = g_strdup ("Alice");
  g_assert_cmpuint (count_view (fixture, query), ==, 9);
}

/* Settings, agents, accounts */

static void
test_settings (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) settings = NULL;
  static const char *const steps[][2] = {
    { "shop-name", "小明茶叶" },
    { "robot-enabled", "true" },
    { "shop-name", "Xiaoming Tea" },
    { "robot-enabled", NULL },
    { "imap-last-uid", "42" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_clear_object (&result);
      kefu_store_set_setting_async (fixture->store, steps[i][0], steps[i][1], NULL,
                                    kefu_test_result_cb, &result);
      g_assert_true (kefu_store_set_setting_finish (fixture->store, kefu_test_wait (&result), &error));
      g_assert_no_error (error);
    }

  g_clear_object (&result);
  kefu_store_list_settings_async (fixture->store, NULL, kefu_test_result_cb, &result);
  settings = kefu_store_list_settings_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (settings), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (settings, "shop-name"), ==, "Xiaoming Tea");
  g_assert_cmpstr (g_hash_table_lookup (settings, "imap-last-uid"), ==, "42");
  g_assert_null (g_hash_table_lookup (settings, "robot-enabled"));
}

static gpointer
insert_accounts_job (KefuStore     *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  KefuAccountFields account = { 0 };
  KefuAgentFields agent = { 0 };

  account.kind = KEFU_CHANNEL_KIND_EMAIL;
  account.name = "Support";
  account.address = "support@shop.example";
  account.config = "{\"imap-host\": \"127.0.0.1\", \"imap-port\": 993}";
  account.enabled = TRUE;
  if (IFACE (store)->insert_account (store, &account, error) == 0)
    return NULL;

  account.kind = KEFU_CHANNEL_KIND_PHONE;
  account.name = "Sales line";
  account.address = "sip:100@pbx.example";
  account.config = NULL;
  account.enabled = FALSE;
  if (IFACE (store)->insert_account (store, &account, error) == 0)
    return NULL;

  agent.name = "Han Meimei";
  agent.email = "meimei@shop.example";
  if (IFACE (store)->insert_agent (store, &agent, error) == 0)
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
test_agents (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) agents = NULL;

  run_write (fixture, insert_accounts_job, NULL, &error);
  g_assert_no_error (error);

  kefu_store_list_agents_async (fixture->store, NULL, kefu_test_result_cb, &result);
  agents = kefu_store_list_agents_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agents->len, ==, 1);
  g_assert_cmpstr (kefu_agent_get_name (g_ptr_array_index (agents, 0)), ==, "Han Meimei");
  g_assert_cmpstr (kefu_agent_get_email (g_ptr_array_index (agents, 0)), ==, "meimei@shop.example");
  g_assert_cmpint (kefu_agent_get_role (g_ptr_array_index (agents, 0)), ==, KEFU_AGENT_ROLE_AGENT);
}

static gpointer
list_accounts_job (KefuStore     *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return IFACE (store)->list_accounts (store, error);
}

static void
test_accounts (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) accounts = NULL;
  KefuAccount *account;

  run_write (fixture, insert_accounts_job, NULL, &error);
  g_assert_no_error (error);

  accounts = run_read (fixture, list_accounts_job, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 2);
  account = g_ptr_array_index (accounts, 0);
  g_assert_cmpint (kefu_account_get_kind (account), ==, KEFU_CHANNEL_KIND_EMAIL);
  g_assert_cmpstr (kefu_account_get_name (account), ==, "Support");
  g_assert_cmpstr (kefu_account_get_address (account), ==, "support@shop.example");
  g_assert_cmpstr (kefu_account_get_config (account), ==, "{\"imap-host\": \"127.0.0.1\", \"imap-port\": 993}");
  g_assert_true (kefu_account_get_enabled (account));
  account = g_ptr_array_index (accounts, 1);
  g_assert_cmpint (kefu_account_get_kind (account), ==, KEFU_CHANNEL_KIND_PHONE);
  g_assert_cmpstr (kefu_account_get_config (account), ==, "{}");
  g_assert_false (kefu_account_get_enabled (account));

  /* No password column, ever. */
  if (fixture->pg != NULL)
    g_assert_cmpuint (count_rows (fixture, "SELECT count (*) FROM information_schema.columns"
                                  " WHERE table_schema = current_schema () AND table_name = 'accounts'"
                                  " AND (column_name LIKE '%pass%' OR column_name LIKE '%secret%'"
                                  " OR column_name LIKE '%token%')"), ==, 0);
  else
    g_assert_cmpuint (count_rows (fixture, "SELECT count (*) FROM pragma_table_info ('accounts')"
                                  " WHERE name LIKE '%pass%' OR name LIKE '%secret%' OR name LIKE '%token%'"), ==, 0);
}

/* Notifications */

static void
on_store_changed (KefuStore     *store,
                  KefuChangeSet *changes,
                  gpointer       user_data)
{
  KefuChangeSet **out = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  if (*out == NULL)
    *out = kefu_change_set_copy (changes);
}

static void
test_changed (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr (KefuInbound) inbound = kefu_test_email ("gina@example.com", "Hi", "Hello");
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (KefuChangeSet) changes = NULL;
  g_autoptr (KefuTicketChange) change = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GError) error = NULL;
  gulong handler;

  handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (on_store_changed), &changes);
  delivery = kefu_test_receive (fixture->router, inbound);
  while (changes == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (kefu_change_set_has_ticket (changes, delivery->ticket_id));
  g_assert_true (kefu_change_set_has_customer (changes, delivery->customer_id));

  g_clear_pointer (&changes, kefu_change_set_free);
  change = kefu_ticket_change_new (delivery->ticket_id, 0);
  change->what = KEFU_TICKET_CHANGE_PRIORITY;
  change->priority = KEFU_PRIORITY_URGENT;
  ticket = update_ticket (fixture, change, &error);
  g_assert_no_error (error);
  while (changes == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (kefu_change_set_has_ticket (changes, delivery->ticket_id));

  g_signal_handler_disconnect (fixture->store, handler);
}

static void
on_async_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GPtrArray *results = user_data;

  g_ptr_array_add (results, g_object_ref (result));
}

/* Reads run on three threads at once while the writer writes; each ends. */
static void
test_concurrent (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (GPtrArray) writes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) reads = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);
  g_autoptr (KefuTicketSpine) spine = NULL;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *from = g_strdup_printf ("c%u@example.com", i);
      g_autoptr (KefuInbound) inbound = kefu_test_email (from, "Busy", "Many at once");

      kefu_router_receive_async (fixture->router, inbound, NULL, on_async_done, writes);
      kefu_store_list_tickets_async (fixture->store, query, NULL, 50, NULL, on_async_done, reads);
      kefu_store_list_ticket_spine_async (fixture->store, query, 7, NULL, on_async_done, reads);
    }

  while (writes->len < 30 || reads->len < 60)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < writes->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (KefuDelivery) delivery = kefu_router_receive_finish (fixture->router,
                                                                      g_ptr_array_index (writes, i),
                                                                      &error);
      g_assert_no_error (error);
      g_assert_true (delivery->ticket_created);
    }

  spine = list_spine (fixture, query, 7);
  g_assert_cmpuint (spine->total, ==, 30);
}

static void
test_closed (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  kefu_store_fixture_close (fixture);
  g_assert_null (get_ticket (fixture, 1, &error));
  g_assert_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_IO);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, kefu_store_fixture_set_up, func, kefu_store_fixture_tear_down)
  ADD ("/store/conformance/customers", test_customers);
  ADD ("/store/conformance/list-customers", test_list_customers);
  ADD ("/store/conformance/tickets", test_tickets);
  ADD ("/store/conformance/messages", test_messages);
  ADD ("/store/conformance/summary-keeps-newest", test_summary_keeps_newest);
  ADD ("/store/conformance/replies", test_replies);
  ADD ("/store/conformance/thread-keys", test_thread_keys);
  ADD ("/store/conformance/paging", test_paging);
  ADD ("/store/conformance/views", test_views);
  ADD ("/store/conformance/settings", test_settings);
  ADD ("/store/conformance/agents", test_agents);
  ADD ("/store/conformance/accounts", test_accounts);
  ADD ("/store/conformance/changed", test_changed);
  ADD ("/store/conformance/concurrent", test_concurrent);
  ADD ("/store/conformance/closed", test_closed);
#undef ADD

  return g_test_run ();
}
