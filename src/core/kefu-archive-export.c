/* kefu-archive-export.c: writing the whole store as JSON, page by page.
 *
 * Each page is read and turned into JSON text on a store reader thread; the
 * caller's thread only writes the text to the stream and asks for the next
 * page, so memory holds one page at a time however large the store is.
 * Objects are written one a line, members in a fixed order, so exporting
 * the same data twice gives the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kefu-archive-private.h"
#include "kefu-enums.h"

#define CUSTOMER_PAGE_SIZE 500
#define TICKET_PAGE_SIZE   100

typedef enum
{
  PHASE_HEAD,
  PHASE_CUSTOMERS,
  PHASE_TICKETS,
  PHASE_TAIL,
  PHASE_DONE,
} Phase;

/* What a page job needs: copied into the job so the reader owns it. */
typedef struct
{
  Phase          phase;
  gint64         before_customer_id;
  KefuTicketKey  after;
  gboolean       has_after;
  gboolean       first;
} PageRequest;

typedef struct
{
  GBytes            *bytes;
  guint              n_items;
  gint64             last_customer_id;
  KefuTicketKey      last_key;
  KefuArchiveCounts  counts;
} Page;

typedef struct
{
  GOutputStream     *stream;
  PageRequest        request;
  GBytes            *writing;
  KefuArchiveCounts  counts;
} ExportData;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->bytes, g_bytes_unref);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

static void
export_data_free (ExportData *export_data)
{
  g_clear_object (&export_data->stream);
  g_clear_pointer (&export_data->writing, g_bytes_unref);
  g_free (export_data);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Appends @builder's object as one line of the array being written. */
static void
append_element (GString     *out,
                JsonBuilder *builder,
                gboolean    *first)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  g_string_append (out, *first ? "\n" : ",\n");
  *first = FALSE;
  g_string_append (out, json_generator_to_data (generator, NULL));
}

static void
build_agent (JsonBuilder *builder,
             KefuAgent   *agent)
{
  json_builder_begin_object (builder);
  kefu_json_add_int (builder, "id", kefu_agent_get_id (agent));
  kefu_json_add_string (builder, "name", kefu_agent_get_name (agent));
  kefu_json_add_string (builder, "email", kefu_agent_get_email (agent));
  kefu_json_add_enum (builder, "role", KEFU_TYPE_AGENT_ROLE, kefu_agent_get_role (agent));
  kefu_json_add_time (builder, "created_at", kefu_agent_get_created_at (agent));
  json_builder_end_object (builder);
}

static void
build_account (JsonBuilder *builder,
               KefuAccount *account)
{
  json_builder_begin_object (builder);
  kefu_json_add_int (builder, "id", kefu_account_get_id (account));
  kefu_json_add_enum (builder, "kind", KEFU_TYPE_CHANNEL_KIND, kefu_account_get_kind (account));
  kefu_json_add_string (builder, "name", kefu_account_get_name (account));
  kefu_json_add_string (builder, "address", kefu_account_get_address (account));
  kefu_json_add_string (builder, "config", kefu_account_get_config (account));
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, kefu_account_get_enabled (account));
  kefu_json_add_time (builder, "created_at", kefu_account_get_created_at (account));
  json_builder_end_object (builder);
}

static void
build_customer (JsonBuilder  *builder,
                KefuCustomer *customer)
{
  GPtrArray *identities = kefu_customer_get_identities (customer);

  json_builder_begin_object (builder);
  kefu_json_add_int (builder, "id", kefu_customer_get_id (customer));
  kefu_json_add_string (builder, "name", kefu_customer_get_name (customer));
  kefu_json_add_string (builder, "company", kefu_customer_get_company (customer));
  kefu_json_add_string (builder, "notes", kefu_customer_get_notes (customer));
  kefu_json_add_string (builder, "language", kefu_customer_get_language (customer));
  kefu_json_add_time (builder, "created_at", kefu_customer_get_created_at (customer));
  kefu_json_add_time (builder, "updated_at", kefu_customer_get_updated_at (customer));
  kefu_json_add_time (builder, "last_contact_at", kefu_customer_get_last_contact_at (customer));
  json_builder_set_member_name (builder, "identities");
  json_builder_begin_array (builder);
  for (guint i = 0; identities != NULL && i < identities->len; i++)
    {
      KefuIdentity *identity = g_ptr_array_index (identities, i);

      json_builder_begin_object (builder);
      kefu_json_add_int (builder, "id", kefu_identity_get_id (identity));
      kefu_json_add_int (builder, "customer_id", kefu_customer_get_id (customer));
      kefu_json_add_enum (builder, "kind", KEFU_TYPE_IDENTITY_KIND, kefu_identity_get_kind (identity));
      kefu_json_add_string (builder, "value", kefu_identity_get_value (identity));
      kefu_json_add_string (builder, "display", kefu_identity_get_display (identity));
      kefu_json_add_time (builder, "created_at", kefu_identity_get_created_at (identity));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
build_attachment (JsonBuilder    *builder,
                  KefuAttachment *attachment,
                  GBytes         *data)
{
  g_autofree char *base64 = NULL;
  gsize size = 0;
  gconstpointer bytes = g_bytes_get_data (data, &size);

  base64 = g_base64_encode (bytes, size);

  json_builder_begin_object (builder);
  kefu_json_add_int (builder, "id", kefu_attachment_get_id (attachment));
  kefu_json_add_int (builder, "message_id", kefu_attachment_get_message_id (attachment));
  kefu_json_add_string (builder, "filename", kefu_attachment_get_filename (attachment));
  kefu_json_add_string (builder, "mime_type", kefu_attachment_get_mime_type (attachment));
  kefu_json_add_string (builder, "content_id", kefu_attachment_get_content_id (attachment));
  kefu_json_add_int (builder, "size", kefu_attachment_get_size (attachment));
  kefu_json_add_string (builder, "hash", kefu_attachment_get_hash (attachment));
  kefu_json_add_string (builder, "data", base64);
  json_builder_end_object (builder);
}

static void
build_message (JsonBuilder *builder,
               KefuMessage *message,
               GHashTable  *contents)
{
  GPtrArray *attachments = kefu_message_get_attachments (message);

  json_builder_begin_object (builder);
  kefu_json_add_int (builder, "id", kefu_message_get_id (message));
  kefu_json_add_int (builder, "ticket_id", kefu_message_get_ticket_id (message));
  kefu_json_add_enum (builder, "direction", KEFU_TYPE_DIRECTION, kefu_message_get_direction (message));
  kefu_json_add_enum (builder, "channel", KEFU_TYPE_CHANNEL_KIND, kefu_message_get_channel (message));
  kefu_json_add_ref (builder, "account_id", kefu_message_get_account_id (message));
  kefu_json_add_ref (builder, "agent_id", kefu_message_get_agent_id (message));
  kefu_json_add_string (builder, "author_name", kefu_message_get_author_name (message));
  kefu_json_add_string (builder, "author_address", kefu_message_get_author_address (message));
  kefu_json_add_string (builder, "recipient", kefu_message_get_recipient (message));
  kefu_json_add_string (builder, "subject", kefu_message_get_subject (message));
  kefu_json_add_string (builder, "text", kefu_message_get_text (message));
  kefu_json_add_string (builder, "html", kefu_message_get_html (message));
  kefu_json_add_string (builder, "external_id", kefu_message_get_external_id (message));
  kefu_json_add_enum (builder, "delivery_state", KEFU_TYPE_DELIVERY_STATE, kefu_message_get_delivery_state (message));
  kefu_json_add_string (builder, "delivery_error", kefu_message_get_delivery_error (message));
  kefu_json_add_time (builder, "created_at", kefu_message_get_created_at (message));
  kefu_json_add_time (builder, "updated_at", kefu_message_get_updated_at (message));
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      KefuAttachment *attachment = g_ptr_array_index (attachments, i);

      build_attachment (builder, attachment,
                        g_hash_table_lookup (contents, kefu_attachment_get_hash (attachment)));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
build_ticket (JsonBuilder *builder,
              KefuTicket  *ticket,
              GPtrArray   *messages,
              GHashTable  *contents)
{
  const char *const *tags = kefu_ticket_get_tags (ticket);

  json_builder_begin_object (builder);
  kefu_json_add_int (builder, "id", kefu_ticket_get_id (ticket));
  kefu_json_add_int (builder, "number", kefu_ticket_get_number (ticket));
  kefu_json_add_string (builder, "subject", kefu_ticket_get_subject (ticket));
  kefu_json_add_enum (builder, "status", KEFU_TYPE_TICKET_STATUS, kefu_ticket_get_status (ticket));
  kefu_json_add_enum (builder, "priority", KEFU_TYPE_PRIORITY, kefu_ticket_get_priority (ticket));
  kefu_json_add_enum (builder, "channel", KEFU_TYPE_CHANNEL_KIND, kefu_ticket_get_channel (ticket));
  kefu_json_add_int (builder, "customer_id", kefu_ticket_get_customer_id (ticket));
  kefu_json_add_ref (builder, "assignee_id", kefu_ticket_get_assignee_id (ticket));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  kefu_json_add_time (builder, "created_at", kefu_ticket_get_created_at (ticket));
  kefu_json_add_time (builder, "updated_at", kefu_ticket_get_updated_at (ticket));
  kefu_json_add_time (builder, "first_response_at", kefu_ticket_get_first_response_at (ticket));
  kefu_json_add_time (builder, "resolved_at", kefu_ticket_get_resolved_at (ticket));
  kefu_json_add_time (builder, "due_at", kefu_ticket_get_due_at (ticket));
  kefu_json_add_int (builder, "version", kefu_ticket_get_version (ticket));
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < messages->len; i++)
    build_message (builder, g_ptr_array_index (messages, i), contents);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static gboolean
write_head (KefuStore   *store,
            GString     *out,
            Page        *page,
            GError     **error)
{
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (store);
  g_autoptr (GPtrArray) agents = NULL;
  g_autoptr (GPtrArray) accounts = NULL;
  gboolean first = TRUE;

  agents = iface->list_agents (store, error);
  if (agents == NULL)
    return FALSE;
  accounts = iface->list_accounts (store, error);
  if (accounts == NULL)
    return FALSE;

  g_string_append (out, "{\"format\":\"" KEFU_ARCHIVE_FORMAT "\",\n\"version\":1,\n\"agents\":[");
  for (guint i = 0; i < agents->len; i++)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      build_agent (builder, g_ptr_array_index (agents, i));
      append_element (out, builder, &first);
    }
  g_string_append (out, "\n],\n\"accounts\":[");
  first = TRUE;
  for (guint i = 0; i < accounts->len; i++)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      build_account (builder, g_ptr_array_index (accounts, i));
      append_element (out, builder, &first);
    }
  g_string_append (out, "\n],\n\"customers\":[");

  page->counts.agents = agents->len;
  page->counts.accounts = accounts->len;

  return TRUE;
}

static gboolean
write_customers (KefuStore          *store,
                 const PageRequest  *request,
                 GString            *out,
                 Page               *page,
                 GError            **error)
{
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (store);
  g_autoptr (GPtrArray) customers = NULL;
  gboolean first = request->first;

  customers = iface->list_customers (store, NULL, request->before_customer_id,
                                     CUSTOMER_PAGE_SIZE, error);
  if (customers == NULL)
    return FALSE;

  for (guint i = 0; i < customers->len; i++)
    {
      KefuCustomer *listed = g_ptr_array_index (customers, i);
      g_autoptr (KefuCustomer) customer = NULL;
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      /* The list may leave identities out; the single read has them all. */
      customer = iface->get_customer (store, kefu_customer_get_id (listed), error);
      if (customer == NULL)
        return FALSE;
      build_customer (builder, customer);
      append_element (out, builder, &first);
      page->last_customer_id = kefu_customer_get_id (listed);
    }

  page->n_items = customers->len;
  page->counts.customers = customers->len;

  return TRUE;
}

static gboolean
write_tickets (KefuStore          *store,
               const PageRequest  *request,
               GString            *out,
               Page               *page,
               GCancellable       *cancellable,
               GError            **error)
{
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (store);
  g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);
  g_autoptr (GPtrArray) tickets = NULL;
  gboolean first = request->first;

  tickets = iface->list_tickets (store, query, request->has_after ? &request->after : NULL,
                                 TICKET_PAGE_SIZE, error);
  if (tickets == NULL)
    return FALSE;

  for (guint i = 0; i < tickets->len; i++)
    {
      KefuTicket *ticket = g_ptr_array_index (tickets, i);
      g_autoptr (GPtrArray) messages = NULL;
      g_autoptr (GHashTable) contents = NULL;
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      messages = iface->list_messages (store, kefu_ticket_get_id (ticket), error);
      if (messages == NULL)
        return FALSE;

      contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_bytes_unref);
      for (guint j = 0; j < messages->len; j++)
        {
          GPtrArray *attachments = kefu_message_get_attachments (g_ptr_array_index (messages, j));

          for (guint k = 0; attachments != NULL && k < attachments->len; k++)
            {
              const char *hash = kefu_attachment_get_hash (g_ptr_array_index (attachments, k));
              GBytes *data;

              if (g_hash_table_contains (contents, hash))
                continue;
              data = iface->get_attachment_data (store, hash, error);
              if (data == NULL)
                return FALSE;
              g_hash_table_insert (contents, g_strdup (hash), data);
              page->counts.attachments++;
            }
        }

      build_ticket (builder, ticket, messages, contents);
      append_element (out, builder, &first);
      page->counts.messages += messages->len;
      page->last_key.updated_at = kefu_ticket_get_updated_at (ticket);
      page->last_key.id = kefu_ticket_get_id (ticket);
    }

  page->n_items = tickets->len;
  page->counts.tickets = tickets->len;

  return TRUE;
}

static gboolean
write_tail (KefuStore  *store,
            GString    *out,
            Page       *page,
            GError    **error)
{
  g_autoptr (GHashTable) settings = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree const char **keys = NULL;
  guint n_keys = 0;

  settings = KEFU_STORE_GET_IFACE (store)->list_settings (store, error);
  if (settings == NULL)
    return FALSE;

  keys = (const char **)g_hash_table_get_keys_as_array (settings, &n_keys);
  g_qsort_with_data (keys, n_keys, sizeof (char *), compare_keys, NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < n_keys; i++)
    kefu_json_add_string (builder, keys[i], g_hash_table_lookup (settings, keys[i]));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  g_string_append (out, "\"settings\":");
  g_string_append (out, json_generator_to_data (generator, NULL));
  g_string_append (out, "\n}\n");

  page->counts.settings = n_keys;

  return TRUE;
}

/* Reader thread: one page of the archive, already as JSON text. */
static gpointer
page_job (KefuStore     *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  const PageRequest *request = data;
  g_autoptr (Page) page = g_new0 (Page, 1);
  GString *out = g_string_new (NULL);
  gboolean ok = FALSE;

  switch (request->phase)
    {
    case PHASE_HEAD:
      ok = write_head (store, out, page, error);
      break;
    case PHASE_CUSTOMERS:
      ok = write_customers (store, request, out, page, error);
      if (ok && page->n_items == 0)
        g_string_append (out, "\n],\n\"tickets\":[");
      break;
    case PHASE_TICKETS:
      ok = write_tickets (store, request, out, page, cancellable, error);
      if (ok && page->n_items == 0)
        g_string_append (out, "\n],\n");
      break;
    case PHASE_TAIL:
      ok = write_tail (store, out, page, error);
      break;
    case PHASE_DONE:
    default:
      g_assert_not_reached ();
    }

  page->bytes = g_string_free_to_bytes (out);
  if (!ok)
    return NULL;

  return g_steal_pointer (&page);
}

static void request_page (GTask *task);

static void
add_counts (KefuArchiveCounts       *total,
            const KefuArchiveCounts *more)
{
  total->agents += more->agents;
  total->accounts += more->accounts;
  total->customers += more->customers;
  total->tickets += more->tickets;
  total->messages += more->messages;
  total->attachments += more->attachments;
  total->settings += more->settings;
}

static void
flush_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!g_output_stream_flush_finish (G_OUTPUT_STREAM (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ExportData *export_data = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_pointer (&export_data->writing, g_bytes_unref);
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      g_prefix_error (&error, _("Could not write the archive: "));
      g_task_return_error (task, error);
      return;
    }

  if (export_data->request.phase == PHASE_DONE)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      g_output_stream_flush_async (export_data->stream, G_PRIORITY_DEFAULT,
                                   cancellable, flush_cb, g_steal_pointer (&task));
      return;
    }

  request_page (g_steal_pointer (&task));
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ExportData *export_data = g_task_get_task_data (task);
  PageRequest *request = &export_data->request;
  g_autoptr (Page) page = NULL;
  GCancellable *cancellable;
  GError *error = NULL;
  gconstpointer data;
  gsize size;

  page = kefu_store_job_finish (KEFU_STORE (object), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  add_counts (&export_data->counts, &page->counts);

  /* Move to the next page, or the next part once a list is exhausted. */
  switch (request->phase)
    {
    case PHASE_HEAD:
      request->phase = PHASE_CUSTOMERS;
      request->first = TRUE;
      break;
    case PHASE_CUSTOMERS:
      if (page->n_items == 0)
        {
          request->phase = PHASE_TICKETS;
          request->first = TRUE;
        }
      else
        {
          request->before_customer_id = page->last_customer_id;
          request->first = FALSE;
        }
      break;
    case PHASE_TICKETS:
      if (page->n_items == 0)
        request->phase = PHASE_TAIL;
      else
        {
          request->after = page->last_key;
          request->has_after = TRUE;
          request->first = FALSE;
        }
      break;
    case PHASE_TAIL:
      request->phase = PHASE_DONE;
      break;
    case PHASE_DONE:
    default:
      g_assert_not_reached ();
    }

  export_data->writing = g_steal_pointer (&page->bytes);
  data = g_bytes_get_data (export_data->writing, &size);
  cancellable = g_task_get_cancellable (task);
  g_output_stream_write_all_async (export_data->stream, data, size, G_PRIORITY_DEFAULT,
                                   cancellable, write_cb, g_steal_pointer (&task));
}

static void
request_page (GTask *task)
{
  ExportData *export_data = g_task_get_task_data (task);

  kefu_store_read_async (g_task_get_source_object (task), page_job,
                         g_memdup2 (&export_data->request, sizeof export_data->request), g_free,
                         (GDestroyNotify)page_free, g_task_get_cancellable (task),
                         page_cb, task);
}

/**
 * kefu_archive_export_async:
 * @stream: where the JSON goes; flushed at the end, not closed
 *
 * Writes every agent, account, customer, ticket (with its messages and
 * attachments) and setting of @store to @stream as one JSON document,
 * one page at a time. Call from the thread whose main context runs the
 * store's callbacks.
 */
void
kefu_archive_export_async (KefuStore           *store,
                           GOutputStream       *stream,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  ExportData *export_data;

  g_return_if_fail (KEFU_IS_STORE (store));
  g_return_if_fail (G_IS_OUTPUT_STREAM (stream));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_archive_export_async);
  export_data = g_new0 (ExportData, 1);
  export_data->stream = g_object_ref (stream);
  export_data->request.phase = PHASE_HEAD;
  g_task_set_task_data (task, export_data, (GDestroyNotify)export_data_free);

  request_page (g_steal_pointer (&task));
}

/**
 * kefu_archive_export_finish:
 * @counts: (out) (optional): how much was written
 *
 * Returns: whether the whole archive was written
 */
gboolean
kefu_archive_export_finish (KefuStore          *store,
                            GAsyncResult       *result,
                            KefuArchiveCounts  *counts,
                            GError            **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (!g_task_propagate_boolean (task, error))
    return FALSE;

  if (counts != NULL)
    *counts = ((ExportData *)g_task_get_task_data (task))->counts;

  return TRUE;
}
