/* kefu-ticket-list-model.c: a ticket list that pages from the store as rows come into view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-ticket-item.h"
#include "kefu-ticket-list-model.h"

/* How long to gather the store's change notifications before reloading. */
#define RELOAD_DELAY_MS 100

typedef enum
{
  PAGE_EMPTY,
  PAGE_LOADING,
  PAGE_LOADED,
  PAGE_FAILED,
} PageState;

struct _KefuTicketListModel
{
  GObject          parent_instance;

  /* owned */
  KefuStore       *store;
  KefuQuery       *query;
  KefuTicketSpine *spine;
  GPtrArray       *items;          /* KefuTicketItem or NULL, n_items long */
  GByteArray      *pages;          /* PageState per page */
  GCancellable    *cancellable;
  char            *error_message;

  guint            reload_source;
  guint            spine_serial;   /* of the newest spine request */
  guint            generation;     /* bumped whenever the spine is replaced */
  guint            n_items;
  guint            pages_loaded;
  guint            loading : 1;
  guint            spine_in_flight : 1;
  guint            reload_again : 1;
  guint            constructed : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KefuTicketListModel, kefu_ticket_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ERROR_MESSAGE,
  PROP_LOADING,
  PROP_N_ITEMS,
  PROP_QUERY,
  PROP_STORE,
  N_PROPS
};

enum {
  PAGE_LOADED_SIGNAL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Callbacks get the model unreferenced: every request uses self->cancellable,
 * which dispose cancels, so a callback returns on G_IO_ERROR_CANCELLED first. */
typedef struct
{
  KefuTicketListModel *self;
  guint                serial;
  guint                page;
  gboolean             replace;
} Request;

static Request *
request_new (KefuTicketListModel *self,
             guint                serial,
             guint                page,
             gboolean             replace)
{
  Request *request = g_new0 (Request, 1);

  request->self = self;
  request->serial = serial;
  request->page = page;
  request->replace = replace;

  return request;
}

static guint
page_size (KefuTicketListModel *self)
{
  if (self->spine != NULL && self->spine->page_size > 0)
    return self->spine->page_size;

  return KEFU_TICKET_LIST_PAGE_SIZE;
}

static void
set_error_message (KefuTicketListModel *self,
                   const char          *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;

  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
set_loading (KefuTicketListModel *self,
             gboolean             loading)
{
  loading = !!loading;
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void load_page_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
request_page (KefuTicketListModel *self,
              guint                page)
{
  const KefuTicketKey *after = NULL;

  g_assert (page < self->pages->len);

  if (page > 0)
    {
      if (self->spine == NULL || page - 1 >= self->spine->page_ends->len)
        {
          self->pages->data[page] = PAGE_FAILED;
          return;
        }
      after = &g_array_index (self->spine->page_ends, KefuTicketKey, page - 1);
    }

  self->pages->data[page] = PAGE_LOADING;
  kefu_store_list_tickets_async (self->store, self->query, after, page_size (self),
                                 self->cancellable, load_page_cb,
                                 request_new (self, self->generation, page, FALSE));
}

static void
load_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree Request *request = user_data;
  KefuTicketListModel *self = request->self;
  g_autoptr (GPtrArray) tickets = NULL;
  g_autoptr (GError) error = NULL;
  guint first;

  tickets = kefu_store_list_tickets_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The spine was replaced meanwhile; whoever replaced it asked again. */
  if (request->serial != self->generation || request->page >= self->pages->len)
    return;

  if (error != NULL)
    {
      g_debug ("Page %u of the ticket list failed: %s", request->page, error->message);
      self->pages->data[request->page] = PAGE_FAILED;
      set_error_message (self, error->message);
      return;
    }

  first = request->page * page_size (self);
  for (guint i = 0; i < tickets->len && first + i < self->n_items; i++)
    {
      KefuTicketItem *item = g_ptr_array_index (self->items, first + i);

      if (item == NULL)
        {
          item = kefu_ticket_item_new (first + i);
          g_ptr_array_index (self->items, first + i) = item;
        }
      kefu_ticket_item_set_ticket (item, g_ptr_array_index (tickets, i));
    }

  self->pages->data[request->page] = PAGE_LOADED;
  self->pages_loaded++;
  set_error_message (self, NULL);
  g_signal_emit (self, signals[PAGE_LOADED_SIGNAL], 0, request->page);
}

static guint
n_pages_for (guint total,
             guint size)
{
  return size == 0 ? 0 : (total + size - 1) / size;
}

static void load_spine_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
load_spine (KefuTicketListModel *self,
            gboolean             replace)
{
  self->spine_serial++;
  self->spine_in_flight = TRUE;
  kefu_store_list_ticket_spine_async (self->store, self->query, KEFU_TICKET_LIST_PAGE_SIZE,
                                      self->cancellable, load_spine_cb,
                                      request_new (self, self->spine_serial, 0, replace));
}

static void
schedule_reload (KefuTicketListModel *self);

static void
load_spine_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree Request *request = user_data;
  KefuTicketListModel *self = request->self;
  g_autoptr (KefuTicketSpine) spine = NULL;
  g_autoptr (GByteArray) old_pages = NULL;
  g_autoptr (GError) error = NULL;
  guint old_n_items;
  guint n_pages;

  spine = kefu_store_list_ticket_spine_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (request->serial != self->spine_serial)
    return;

  self->spine_in_flight = FALSE;

  if (error != NULL)
    {
      g_debug ("The ticket list could not be counted: %s", error->message);
      set_error_message (self, error->message);
      set_loading (self, FALSE);
      return;
    }

  old_n_items = self->n_items;
  n_pages = n_pages_for (spine->total, spine->page_size > 0 ? spine->page_size : KEFU_TICKET_LIST_PAGE_SIZE);
  self->generation++;
  g_clear_pointer (&self->spine, kefu_ticket_spine_free);
  self->spine = g_steal_pointer (&spine);
  old_pages = g_steal_pointer (&self->pages);
  self->pages = g_byte_array_sized_new (n_pages);
  g_byte_array_set_size (self->pages, n_pages);
  memset (self->pages->data, PAGE_EMPTY, n_pages);
  self->pages_loaded = 0;
  set_error_message (self, NULL);

  if (request->replace || old_n_items != self->spine->total)
    {
      /* Rows moved: start over with fresh placeholders, in one signal. The
       * list view asks for the rows it shows, which loads their pages. */
      g_ptr_array_set_size (self->items, 0);
      g_ptr_array_set_size (self->items, self->spine->total);
      self->n_items = self->spine->total;
      set_loading (self, FALSE);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
      if (old_n_items != self->n_items)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  else
    {
      /* Same length: refresh what was shown in place, so rows and the
       * selection stay where they are while their tickets update. */
      for (guint k = 0; k < n_pages && k < old_pages->len; k++)
        if (old_pages->data[k] == PAGE_LOADED || old_pages->data[k] == PAGE_LOADING)
          request_page (self, k);
      set_loading (self, FALSE);
    }

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      schedule_reload (self);
    }
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  KefuTicketListModel *self = user_data;

  self->reload_source = 0;
  if (self->spine_in_flight)
    self->reload_again = TRUE;
  else
    load_spine (self, FALSE);

  return G_SOURCE_REMOVE;
}

static void
schedule_reload (KefuTicketListModel *self)
{
  if (self->reload_source != 0)
    return;

  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
on_store_changed (KefuTicketListModel *self,
                  KefuChangeSet       *changes,
                  KefuStore           *store)
{
  /* Any ticket can enter or leave a view, so every change reloads the spine;
   * the debounce turns a burst of deliveries into one reload. */
  if (changes->everything || changes->ticket_ids->len > 0)
    schedule_reload (self);
}

static GType
kefu_ticket_list_model_get_item_type (GListModel *model)
{
  return KEFU_TYPE_TICKET_ITEM;
}

static guint
kefu_ticket_list_model_get_n_items (GListModel *model)
{
  return KEFU_TICKET_LIST_MODEL (model)->n_items;
}

static gpointer
kefu_ticket_list_model_get_item (GListModel *model,
                                 guint       position)
{
  KefuTicketListModel *self = KEFU_TICKET_LIST_MODEL (model);
  KefuTicketItem *item;
  guint page;

  if (position >= self->n_items)
    return NULL;

  item = g_ptr_array_index (self->items, position);
  if (item == NULL)
    {
      item = kefu_ticket_item_new (position);
      g_ptr_array_index (self->items, position) = item;
    }

  page = position / page_size (self);
  if (page < self->pages->len && self->pages->data[page] == PAGE_EMPTY)
    request_page (self, page);

  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kefu_ticket_list_model_get_item_type;
  iface->get_n_items = kefu_ticket_list_model_get_n_items;
  iface->get_item = kefu_ticket_list_model_get_item;
}

static void
kefu_ticket_list_model_constructed (GObject *object)
{
  KefuTicketListModel *self = KEFU_TICKET_LIST_MODEL (object);

  G_OBJECT_CLASS (kefu_ticket_list_model_parent_class)->constructed (object);

  g_assert (KEFU_IS_STORE (self->store));

  self->constructed = TRUE;
  if (self->query == NULL)
    self->query = kefu_query_new (KEFU_VIEW_INBOX);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed),
                           self, G_CONNECT_SWAPPED);
  load_spine (self, TRUE);
}

static void
kefu_ticket_list_model_dispose (GObject *object)
{
  KefuTicketListModel *self = KEFU_TICKET_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kefu_ticket_list_model_parent_class)->dispose (object);
}

static void
kefu_ticket_list_model_finalize (GObject *object)
{
  KefuTicketListModel *self = KEFU_TICKET_LIST_MODEL (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->query, kefu_query_free);
  g_clear_pointer (&self->spine, kefu_ticket_spine_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_byte_array_unref);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (kefu_ticket_list_model_parent_class)->finalize (object);
}

static void
kefu_ticket_list_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KefuTicketListModel *self = KEFU_TICKET_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_ticket_list_model_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KefuTicketListModel *self = KEFU_TICKET_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      if (!self->constructed)
        self->query = g_value_dup_boxed (value);
      else if (g_value_get_boxed (value) != NULL)
        kefu_ticket_list_model_set_query (self, g_value_get_boxed (value));
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_ticket_list_model_class_init (KefuTicketListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kefu_ticket_list_model_constructed;
  object_class->dispose = kefu_ticket_list_model_dispose;
  object_class->finalize = kefu_ticket_list_model_finalize;
  object_class->get_property = kefu_ticket_list_model_get_property;
  object_class->set_property = kefu_ticket_list_model_set_property;

  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL,
                        KEFU_TYPE_QUERY,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         KEFU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KefuTicketListModel::page-loaded:
   * @page: the page's index
   *
   * Emitted when the tickets of a page have been set on its items.
   */
  signals[PAGE_LOADED_SIGNAL] =
    g_signal_new ("page-loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
kefu_ticket_list_model_init (KefuTicketListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->pages = g_byte_array_new ();
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
}

/**
 * kefu_ticket_list_model_new:
 * @query: (nullable): which tickets; %NULL for the inbox
 *
 * Returns: (transfer full): a model that starts counting at once
 */
KefuTicketListModel *
kefu_ticket_list_model_new (KefuStore       *store,
                            const KefuQuery *query)
{
  g_return_val_if_fail (KEFU_IS_STORE (store), NULL);

  return g_object_new (KEFU_TYPE_TICKET_LIST_MODEL,
                       "store", store,
                       "query", query,
                       NULL);
}

KefuStore *
kefu_ticket_list_model_get_store (KefuTicketListModel *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_LIST_MODEL (self), NULL);

  return self->store;
}

const KefuQuery *
kefu_ticket_list_model_get_query (KefuTicketListModel *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_LIST_MODEL (self), NULL);

  return self->query;
}

/**
 * kefu_ticket_list_model_set_query:
 *
 * Lists other tickets: what was asked for the old query is cancelled, and the
 * rows are replaced at once when the new list has been counted.
 */
void
kefu_ticket_list_model_set_query (KefuTicketListModel *self,
                                  const KefuQuery     *query)
{
  g_autoptr (KefuQuery) copy = NULL;

  g_return_if_fail (KEFU_IS_TICKET_LIST_MODEL (self));
  g_return_if_fail (query != NULL);

  if (self->query != NULL && kefu_query_equal (self->query, query))
    return;

  copy = kefu_query_copy (query);
  g_clear_pointer (&self->query, kefu_query_free);
  self->query = g_steal_pointer (&copy);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_again = FALSE;
  /* Pages still arriving for the old query are cancelled; marking them
   * empty lets the new spine's pages load. */
  self->generation++;
  memset (self->pages->data, PAGE_EMPTY, self->pages->len);

  load_spine (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

gboolean
kefu_ticket_list_model_get_loading (KefuTicketListModel *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_LIST_MODEL (self), FALSE);

  return self->loading;
}

/**
 * kefu_ticket_list_model_get_error_message:
 *
 * Returns: (nullable): why the list or one of its pages could not be read
 */
const char *
kefu_ticket_list_model_get_error_message (KefuTicketListModel *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_LIST_MODEL (self), NULL);

  return self->error_message;
}

/* How many pages have arrived since the spine was last replaced (for tests). */
guint
kefu_ticket_list_model_get_pages_loaded (KefuTicketListModel *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_LIST_MODEL (self), 0);

  return self->pages_loaded;
}

/**
 * kefu_ticket_list_model_find_ticket:
 *
 * Looks only at pages already loaded; never asks the store.
 *
 * Returns: the position of @ticket_id, or -1
 */
int
kefu_ticket_list_model_find_ticket (KefuTicketListModel *self,
                                    gint64               ticket_id)
{
  g_return_val_if_fail (KEFU_IS_TICKET_LIST_MODEL (self), -1);

  for (guint i = 0; i < self->items->len; i++)
    {
      KefuTicketItem *item = g_ptr_array_index (self->items, i);
      KefuTicket *ticket;

      if (item == NULL)
        continue;
      ticket = kefu_ticket_item_get_ticket (item);
      if (ticket != NULL && kefu_ticket_get_id (ticket) == ticket_id && i <= G_MAXINT)
        return (int) i;
    }

  return -1;
}

/* Counts the list again now, as if the store had announced a change. */
void
kefu_ticket_list_model_reload (KefuTicketListModel *self)
{
  g_return_if_fail (KEFU_IS_TICKET_LIST_MODEL (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->spine_in_flight)
    self->reload_again = TRUE;
  else
    load_spine (self, FALSE);
}
