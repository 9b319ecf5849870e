/* kefu-runtime.c: what runs while Kefu is open: every enabled channel account and the robot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "kefu-runtime.h"

#include "kefu-channel-registry.h"
#include "kefu-enums.h"
#include "kefu-phone-channel.h"
#include "kefu-store-email.h"

/* Settings change in bursts (an import, a page of edits): one reload. */
#define RELOAD_DELAY_MS 200

struct _KefuRuntime
{
  GObject       parent_instance;

  /* owned */
  KefuRouter   *router;
  KefuRobot    *robot;
  GListStore   *channels;       /* KefuChannel, in account id order */
  GHashTable   *generations;    /* account id → serial of its latest restart */
  GCancellable *cancellable;
  gulong        changed_handler;
  guint         reload_source;
  guint         serial;

  gint64        only_account;   /* kefuctl serve --account, or 0 */
  gboolean      running;
};

G_DEFINE_FINAL_TYPE (KefuRuntime, kefu_runtime, G_TYPE_OBJECT)

static gint64
channel_account_id (KefuChannel *channel)
{
  g_autoptr (KefuAccount) account = NULL;

  g_object_get (channel, "account", &account, NULL);

  return account != NULL ? kefu_account_get_id (account) : 0;
}

static gboolean
find_channel (KefuRuntime *self,
              gint64       account_id,
              guint       *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->channels));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KefuChannel) channel = g_list_model_get_item (G_LIST_MODEL (self->channels), i);

      if (channel_account_id (channel) == account_id)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
channel_start_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  /* A channel that fails keeps its error as its state, for the Channels
   * page; the other channels and the window go on. */
  if (!kefu_channel_start_finish (KEFU_CHANNEL (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Account %" PRId64 " did not start: %s", channel_account_id (KEFU_CHANNEL (object)),
               error->message);
}

/* The voice menu reads the robot's answer for the key a caller presses. */
static char *
voice_menu_text (KefuPhoneCall *call,
                 char           digit,
                 gpointer       user_data)
{
  return kefu_robot_dup_voice_menu_text (KEFU_ROBOT (user_data), digit, kefu_phone_call_get_remote_number (call));
}

static void
start_channel (KefuRuntime *self,
               KefuAccount *account)
{
  GType type = kefu_channel_registry_lookup (kefu_account_get_kind (account));
  g_autoptr (KefuChannel) channel = NULL;
  gint64 id = kefu_account_get_id (account);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->channels));
  guint position = n;

  if (type == G_TYPE_INVALID)
    {
      g_message ("Account %" PRId64 " (%s): this build has no %s channel", id,
                 kefu_account_get_name (account),
                 kefu_enum_to_nick (KEFU_TYPE_CHANNEL_KIND, kefu_account_get_kind (account)));
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KefuChannel) other = g_list_model_get_item (G_LIST_MODEL (self->channels), i);

      if (channel_account_id (other) > id)
        {
          position = i;
          break;
        }
    }

  channel = g_object_new (type, "router", self->router, "account", account, NULL);
  if (KEFU_IS_PHONE_CHANNEL (channel))
    kefu_phone_channel_set_menu_func (KEFU_PHONE_CHANNEL (channel), voice_menu_text, g_object_ref (self->robot),
                                      g_object_unref);
  g_debug ("Starting account %" PRId64 " (%s)", id, kefu_account_get_name (account));
  g_list_store_insert (self->channels, position, channel);
  kefu_channel_start_async (channel, self->cancellable, channel_start_cb, NULL);
}

static void
stop_channel (KefuRuntime *self,
              gint64       account_id)
{
  guint position;

  while (find_channel (self, account_id, &position))
    {
      g_autoptr (KefuChannel) channel = g_list_model_get_item (G_LIST_MODEL (self->channels), position);

      g_debug ("Stopping account %" PRId64, account_id);
      kefu_channel_stop (channel);
      g_list_store_remove (self->channels, position);
    }
}

static gboolean
wanted (KefuRuntime *self,
        KefuAccount *account)
{
  return kefu_account_get_enabled (account) &&
         (self->only_account == 0 || kefu_account_get_id (account) == self->only_account);
}

/* Starting: the robot first, so the first message a channel hands over
 * already finds it loaded; then every enabled account. */

typedef struct
{
  GError *robot_error;
} StartData;

static void
start_data_free (StartData *data)
{
  g_clear_error (&data->robot_error);
  g_free (data);
}

static void
start_list_accounts_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  KefuRuntime *self = g_task_get_source_object (task);
  StartData *data = g_task_get_task_data (task);
  g_autoptr (GPtrArray) accounts = NULL;
  GError *error = NULL;

  accounts = kefu_store_list_accounts_finish (KEFU_STORE (object), result, &error);
  if (accounts == NULL)
    {
      g_prefix_error (&error, "%s", _("The channel accounts could not be read: "));
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  /* Stopped while the robot loaded: nothing may start behind stop's back. */
  if (!self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Kefu stopped its channels."));
      return;
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      KefuAccount *account = g_ptr_array_index (accounts, i);

      /* A restart during the start may have run it already. */
      if (wanted (self, account) && !find_channel (self, kefu_account_get_id (account), NULL))
        start_channel (self, account);
    }

  if (data->robot_error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->robot_error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
start_robot_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  KefuRuntime *self = g_task_get_source_object (task);
  StartData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  if (!kefu_robot_load_finish (KEFU_ROBOT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, error);
          return;
        }
      /* The channels still run; the robot stays quiet until fixed. */
      g_prefix_error (&error, "%s", _("The robot could not load its knowledge base or rules: "));
      data->robot_error = error;
    }

  cancellable = g_task_get_cancellable (task);
  kefu_store_list_accounts_async (kefu_router_get_store (self->router), cancellable,
                                  start_list_accounts_cb, g_steal_pointer (&task));
}

/* Reloading the robot, and following the store's changes. */

static void
reload_robot_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!kefu_robot_load_finish (KEFU_ROBOT (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("The robot kept its previous knowledge base: %s", error->message);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  KefuRuntime *self = user_data;

  self->reload_source = 0;
  kefu_runtime_reload_robot (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed (KefuStore     *store,
                  KefuChangeSet *changes,
                  KefuRuntime   *self)
{
  if (!self->running || !(changes->settings || changes->everything))
    return;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

/* Restarting one account: stop now, read its row, start it if enabled.
 * Only the latest restart of an account acts on its answer. */

typedef struct
{
  KefuRuntime *self;
  gint64       account_id;
  guint        serial;
} RestartData;

static void
restart_list_accounts_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autofree RestartData *data = user_data;
  g_autoptr (KefuRuntime) self = data->self;
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GError) error = NULL;
  gpointer latest;

  accounts = kefu_store_list_accounts_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->running)
    return;
  latest = g_hash_table_lookup (self->generations, &data->account_id);
  if (latest == NULL || GPOINTER_TO_UINT (latest) != data->serial)
    return;
  if (accounts == NULL)
    {
      g_message ("Account %" PRId64 " was not restarted: %s", data->account_id, error->message);
      return;
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      KefuAccount *account = g_ptr_array_index (accounts, i);

      if (kefu_account_get_id (account) != data->account_id)
        continue;
      /* A restart may have raced another: never two channels per account. */
      stop_channel (self, data->account_id);
      if (wanted (self, account))
        start_channel (self, account);
      break;
    }
}

static void
kefu_runtime_dispose (GObject *object)
{
  KefuRuntime *self = KEFU_RUNTIME (object);

  kefu_runtime_stop (self);
  if (self->router != NULL)
    g_clear_signal_handler (&self->changed_handler, kefu_router_get_store (self->router));
  g_clear_object (&self->robot);
  g_clear_object (&self->router);

  G_OBJECT_CLASS (kefu_runtime_parent_class)->dispose (object);
}

static void
kefu_runtime_finalize (GObject *object)
{
  KefuRuntime *self = KEFU_RUNTIME (object);

  g_clear_object (&self->channels);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->generations, g_hash_table_unref);

  G_OBJECT_CLASS (kefu_runtime_parent_class)->finalize (object);
}

static void
kefu_runtime_class_init (KefuRuntimeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_runtime_dispose;
  object_class->finalize = kefu_runtime_finalize;
}

static void
kefu_runtime_init (KefuRuntime *self)
{
  self->channels = g_list_store_new (KEFU_TYPE_CHANNEL);
  self->generations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

/**
 * kefu_runtime_new:
 * @router: the router every channel hands its messages to
 *
 * Makes the robot over @router; nothing runs before
 * kefu_runtime_start_async().
 *
 * Returns: (transfer full): the runtime
 */
KefuRuntime *
kefu_runtime_new (KefuRouter *router)
{
  KefuRuntime *self;

  g_return_val_if_fail (KEFU_IS_ROUTER (router), NULL);

  self = g_object_new (KEFU_TYPE_RUNTIME, NULL);
  self->router = g_object_ref (router);
  self->robot = kefu_robot_new (router);
  self->changed_handler = g_signal_connect (kefu_router_get_store (router), "changed",
                                            G_CALLBACK (on_store_changed), self);

  return self;
}

/**
 * kefu_runtime_start_async:
 *
 * Loads the robot (knowledge base, rules, business hours, settings), then
 * starts every enabled account. Completes once every channel is starting,
 * not when each is online: a channel that cannot connect shows it in its
 * "state" and "status-message". Fails only when the accounts cannot be
 * read, or, after starting the channels, when the robot could not load.
 */
void
kefu_runtime_start_async (KefuRuntime         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (KEFU_IS_RUNTIME (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_runtime_start_async);
  g_task_set_task_data (task, g_new0 (StartData, 1), (GDestroyNotify)start_data_free);

  if (self->running)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  self->running = TRUE;
  if (g_cancellable_is_cancelled (self->cancellable))
    g_set_object (&self->cancellable, g_cancellable_new ());

  kefu_robot_load_async (self->robot, cancellable, start_robot_cb, g_steal_pointer (&task));
}

gboolean
kefu_runtime_start_finish (KefuRuntime   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kefu_runtime_stop:
 *
 * Stops every channel and empties the list of channels. The robot keeps
 * its knowledge base; kefu_runtime_start_async() starts again.
 */
void
kefu_runtime_stop (KefuRuntime *self)
{
  guint n;

  g_return_if_fail (KEFU_IS_RUNTIME (self));

  self->running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_hash_table_remove_all (self->generations);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->channels));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KefuChannel) channel = g_list_model_get_item (G_LIST_MODEL (self->channels), i);

      kefu_channel_stop (channel);
    }
  g_list_store_remove_all (self->channels);
}

/**
 * kefu_runtime_get_robot:
 *
 * Returns: (transfer none): the robot that reads every inbound message
 */
KefuRobot *
kefu_runtime_get_robot (KefuRuntime *self)
{
  g_return_val_if_fail (KEFU_IS_RUNTIME (self), NULL);

  return self->robot;
}

/**
 * kefu_runtime_get_channels:
 *
 * One #KefuChannel per running account, in account id order; each has the
 * "account", "state" and "status-message" properties. "items-changed" when
 * an account starts or stops.
 *
 * Returns: (transfer none): the running channels
 */
GListModel *
kefu_runtime_get_channels (KefuRuntime *self)
{
  g_return_val_if_fail (KEFU_IS_RUNTIME (self), NULL);

  return G_LIST_MODEL (self->channels);
}

/**
 * kefu_runtime_lookup_channel:
 *
 * Returns: (transfer none) (nullable): the running channel of @account_id
 */
KefuChannel *
kefu_runtime_lookup_channel (KefuRuntime *self,
                             gint64       account_id)
{
  g_autoptr (KefuChannel) channel = NULL;
  guint position;

  g_return_val_if_fail (KEFU_IS_RUNTIME (self), NULL);

  if (!find_channel (self, account_id, &position))
    return NULL;
  channel = g_list_model_get_item (G_LIST_MODEL (self->channels), position);

  /* The list holds its own reference. */
  return channel;
}

/**
 * kefu_runtime_restart_account:
 * @account_id: an account that was added, edited, enabled, disabled or
 *   removed
 *
 * Stops the account's channel at once, then reads the account again and
 * starts a new channel if it still exists and is enabled. Does nothing
 * before kefu_runtime_start_async().
 */
void
kefu_runtime_restart_account (KefuRuntime *self,
                              gint64       account_id)
{
  RestartData *data;

  g_return_if_fail (KEFU_IS_RUNTIME (self));
  g_return_if_fail (account_id > 0);

  if (!self->running)
    return;

  stop_channel (self, account_id);

  data = g_new0 (RestartData, 1);
  data->self = g_object_ref (self);
  data->account_id = account_id;
  data->serial = ++self->serial;
  g_hash_table_insert (self->generations, g_memdup2 (&account_id, sizeof account_id),
                       GUINT_TO_POINTER (data->serial));
  kefu_store_list_accounts_async (kefu_router_get_store (self->router), self->cancellable,
                                  restart_list_accounts_cb, data);
}

/**
 * kefu_runtime_reload_robot:
 *
 * Reads the knowledge base, rules, business hours and robot settings
 * again. The runtime calls it by itself when the store announces a change
 * of settings or knowledge base in this process.
 */
void
kefu_runtime_reload_robot (KefuRuntime *self)
{
  g_return_if_fail (KEFU_IS_RUNTIME (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  kefu_robot_load_async (self->robot, self->cancellable, reload_robot_cb, NULL);
}

/**
 * kefu_runtime_set_only_account:
 * @account_id: the one account to run, or 0 for every enabled account
 *
 * For `kefuctl serve --account`; call before kefu_runtime_start_async().
 */
void
kefu_runtime_set_only_account (KefuRuntime *self,
                               gint64       account_id)
{
  g_return_if_fail (KEFU_IS_RUNTIME (self));

  self->only_account = account_id;
}
