/* kefu-router.c: the one path every message takes into and out of the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-router-private.h"

struct _KefuRouter
{
  GObject    parent_instance;

  KefuStore *store;
  char      *default_region;
  gint64     max_attachment_size;
};

G_DEFINE_FINAL_TYPE (KefuRouter, kefu_router, G_TYPE_OBJECT)
G_DEFINE_QUARK (kefu-router-error-quark, kefu_router_error)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  RECEIVED,
  QUEUED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  KefuRouterConfig  config;
  GPtrArray        *inbounds;       /* KefuInbound */
  KefuOutbound     *outbound;
  char             *checkpoint_key;
  char             *checkpoint_value;
} RouteData;

static void
route_data_free (RouteData *route_data)
{
  g_free (route_data->config.default_region);
  g_clear_pointer (&route_data->inbounds, g_ptr_array_unref);
  g_clear_pointer (&route_data->outbound, kefu_outbound_free);
  g_free (route_data->checkpoint_key);
  g_free (route_data->checkpoint_value);
  g_free (route_data);
}

static RouteData *
route_data_new (KefuRouter *self)
{
  RouteData *route_data = g_new0 (RouteData, 1);

  route_data->config.default_region = g_strdup (self->default_region);
  route_data->config.max_attachment_size = self->max_attachment_size;

  return route_data;
}

static void
kefu_router_dispose (GObject *object)
{
  KefuRouter *self = (KefuRouter *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (kefu_router_parent_class)->dispose (object);
}

static void
kefu_router_finalize (GObject *object)
{
  KefuRouter *self = (KefuRouter *)object;

  g_clear_pointer (&self->default_region, g_free);

  G_OBJECT_CLASS (kefu_router_parent_class)->finalize (object);
}

static void
kefu_router_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KefuRouter *self = KEFU_ROUTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_router_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KefuRouter *self = KEFU_ROUTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_router_class_init (KefuRouterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_router_dispose;
  object_class->finalize = kefu_router_finalize;
  object_class->get_property = kefu_router_get_property;
  object_class->set_property = kefu_router_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KEFU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KefuRouter::received:
   * @delivery: where a new (not duplicate) inbound message went
   *
   * Emitted on the main thread once the message is committed; the robot
   * and notifications listen here.
   */
  signals[RECEIVED] =
    g_signal_new ("received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, KEFU_TYPE_DELIVERY | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * KefuRouter::queued:
   * @message: a reply stored as queued, for its channel to deliver
   */
  signals[QUEUED] =
    g_signal_new ("queued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, KEFU_TYPE_MESSAGE);
}

static void
kefu_router_init (KefuRouter *self)
{
  self->max_attachment_size = KEFU_ROUTER_DEFAULT_MAX_ATTACHMENT_SIZE;
}

/**
 * kefu_router_new:
 * @store: where messages go
 *
 * Returns: (transfer full): a router
 */
KefuRouter *
kefu_router_new (KefuStore *store)
{
  g_return_val_if_fail (KEFU_IS_STORE (store), NULL);

  return g_object_new (KEFU_TYPE_ROUTER, "store", store, NULL);
}

/**
 * kefu_router_get_store:
 *
 * Returns: (transfer none): the store
 */
KefuStore *
kefu_router_get_store (KefuRouter *self)
{
  g_return_val_if_fail (KEFU_IS_ROUTER (self), NULL);

  return self->store;
}

const char *
kefu_router_get_default_region (KefuRouter *self)
{
  g_return_val_if_fail (KEFU_IS_ROUTER (self), NULL);

  return self->default_region;
}

/**
 * kefu_router_set_default_region:
 * @region: (nullable): ISO 3166 region ("CN", "TW", "US") used for phone
 *   numbers written without a country code
 */
void
kefu_router_set_default_region (KefuRouter *self,
                                const char *region)
{
  g_return_if_fail (KEFU_IS_ROUTER (self));

  g_free (self->default_region);
  self->default_region = region && *region ? g_ascii_strup (region, -1) : NULL;
}

gint64
kefu_router_get_max_attachment_size (KefuRouter *self)
{
  g_return_val_if_fail (KEFU_IS_ROUTER (self), 0);

  return self->max_attachment_size;
}

/**
 * kefu_router_set_max_attachment_size:
 * @max_size: bytes; larger attachments are refused and noted on the ticket
 */
void
kefu_router_set_max_attachment_size (KefuRouter *self,
                                     gint64      max_size)
{
  g_return_if_fail (KEFU_IS_ROUTER (self));
  g_return_if_fail (max_size > 0);

  self->max_attachment_size = max_size;
}

static gpointer
receive_job (KefuStore     *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  RouteData *route_data = data;
  g_autoptr (GPtrArray) deliveries = NULL;

  deliveries = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_delivery_free);
  for (guint i = 0; i < route_data->inbounds->len; i++)
    {
      KefuDelivery *delivery;

      delivery = _kefu_router_deliver (store, &route_data->config,
                                       g_ptr_array_index (route_data->inbounds, i), error);
      if (delivery == NULL)
        return NULL;
      g_ptr_array_add (deliveries, delivery);
    }

  if (route_data->checkpoint_key != NULL &&
      !KEFU_STORE_GET_IFACE (store)->set_setting (store, route_data->checkpoint_key,
                                                  route_data->checkpoint_value, error))
    return NULL;

  return g_steal_pointer (&deliveries);
}

static void
receive_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  KefuRouter *self = g_task_get_source_object (task);
  g_autoptr (GPtrArray) deliveries = NULL;
  GError *error = NULL;

  deliveries = kefu_store_job_finish (KEFU_STORE (object), result, &error);
  if (deliveries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < deliveries->len; i++)
    {
      KefuDelivery *delivery = g_ptr_array_index (deliveries, i);

      if (!delivery->duplicate)
        g_signal_emit (self, signals[RECEIVED], 0, delivery);
    }

  g_task_return_pointer (task, g_steal_pointer (&deliveries), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * kefu_router_receive_many_async:
 * @inbounds: (element-type KefuInbound): messages, copied
 * @checkpoint_key: (nullable): a setting to write in the same transaction,
 *   such as a mailbox's last UID, so progress and messages commit together
 * @checkpoint_value: (nullable): its value
 *
 * Stores every message of @inbounds in one transaction: all or none.
 * A message whose external id is already stored comes back as a duplicate.
 */
void
kefu_router_receive_many_async (KefuRouter          *self,
                                GPtrArray           *inbounds,
                                const char          *checkpoint_key,
                                const char          *checkpoint_value,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  RouteData *route_data;
  GTask *task;

  g_return_if_fail (KEFU_IS_ROUTER (self));
  g_return_if_fail (inbounds != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_router_receive_many_async);

  route_data = route_data_new (self);
  route_data->inbounds = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_inbound_free);
  for (guint i = 0; i < inbounds->len; i++)
    g_ptr_array_add (route_data->inbounds, kefu_inbound_copy (g_ptr_array_index (inbounds, i)));
  route_data->checkpoint_key = g_strdup (checkpoint_key);
  route_data->checkpoint_value = g_strdup (checkpoint_value);

  kefu_store_write_async (self->store, receive_job, route_data, (GDestroyNotify)route_data_free,
                          (GDestroyNotify)g_ptr_array_unref, cancellable, receive_cb, task);
}

/**
 * kefu_router_receive_many_finish:
 *
 * Returns: (transfer container) (element-type KefuDelivery): one delivery
 *   per inbound message, in order
 */
GPtrArray *
kefu_router_receive_many_finish (KefuRouter    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kefu_router_receive_async:
 * @inbound: the message, copied
 *
 * Stores one inbound message: identity → customer → ticket → message and
 * attachments, in one transaction.
 */
void
kefu_router_receive_async (KefuRouter          *self,
                           const KefuInbound   *inbound,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GPtrArray) one = g_ptr_array_new ();

  g_ptr_array_add (one, (gpointer)inbound);
  kefu_router_receive_many_async (self, one, NULL, NULL, cancellable, callback, user_data);
}

/**
 * kefu_router_receive_finish:
 *
 * Returns: (transfer full): where the message went; a duplicate is a
 *   result with duplicate set, not an error
 */
KefuDelivery *
kefu_router_receive_finish (KefuRouter    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_autoptr (GPtrArray) deliveries = kefu_router_receive_many_finish (self, result, error);

  if (deliveries == NULL)
    return NULL;

  return kefu_delivery_copy (g_ptr_array_index (deliveries, 0));
}

static gpointer
send_job (KefuStore     *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  RouteData *route_data = data;

  return _kefu_router_store_reply (store, &route_data->config, route_data->outbound, error);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  KefuRouter *self = g_task_get_source_object (task);
  g_autoptr (KefuMessage) message = NULL;
  GError *error = NULL;

  message = kefu_store_job_finish (KEFU_STORE (object), result, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (kefu_message_get_delivery_state (message) == KEFU_DELIVERY_STATE_QUEUED)
    g_signal_emit (self, signals[QUEUED], 0, message);

  g_task_return_pointer (task, g_steal_pointer (&message), g_object_unref);
}

/**
 * kefu_router_send_async:
 * @outbound: the reply or note, copied
 *
 * Stores a reply as queued (a note as final) and then announces it with
 * #KefuRouter::queued for its channel to deliver. Nothing reaches a channel
 * before it is stored.
 */
void
kefu_router_send_async (KefuRouter          *self,
                        const KefuOutbound  *outbound,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  RouteData *route_data;
  GTask *task;

  g_return_if_fail (KEFU_IS_ROUTER (self));
  g_return_if_fail (outbound != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_router_send_async);

  route_data = route_data_new (self);
  route_data->outbound = kefu_outbound_copy (outbound);

  kefu_store_write_async (self->store, send_job, route_data, (GDestroyNotify)route_data_free,
                          g_object_unref, cancellable, send_cb, task);
}

/**
 * kefu_router_send_finish:
 *
 * Returns: (transfer full): the stored message
 */
KefuMessage *
kefu_router_send_finish (KefuRouter    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
