/* kefu-email-channel.c: a shared mailbox as a KefuChannel: IMAP in, SMTP out.
 *
 * The IMAP session runs in its own thread (libetpan blocks) and hands each
 * batch of messages to the router on the main thread together with its
 * checkpoint (kefu-email-sync.c); replies the router queues go out over
 * SMTP (kefu-email-outbox.c). This file holds the object, its state and the
 * connection test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kefu-account-secret.h"
#include "kefu-channel-enums.h"
#include "kefu-email-channel-private.h"
#include "kefu-email-imap.h"
#include "kefu-email-smtp.h"
#include "kefu-enums.h"

static void channel_iface_init (KefuChannelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KefuEmailChannel, kefu_email_channel, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KEFU_TYPE_CHANNEL, channel_iface_init))

enum {
  PROP_0,
  PROP_ROUTER,
  PROP_ACCOUNT,
  PROP_STATE,
  PROP_STATUS_MESSAGE,
};

char *
_kefu_email_channel_checkpoint_key (KefuEmailChannel *self)
{
  return g_strdup_printf ("email.%" G_GINT64_FORMAT ".uid", kefu_account_get_id (self->account));
}

/**
 * _kefu_email_channel_set_state:
 *
 * Main thread. Logged, so that `kefuctl serve` shows every change.
 */
void
_kefu_email_channel_set_state (KefuEmailChannel *self,
                               KefuChannelState  state,
                               const char       *message)
{
  if (!kefu_channel_set_state (KEFU_CHANNEL (self), &self->status, state, message))
    return;

  g_message ("%s: %s%s%s", kefu_account_get_name (self->account),
             kefu_enum_to_nick (KEFU_TYPE_CHANNEL_STATE, state),
             message ? ": " : "", message ? message : "");
}

typedef struct
{
  KefuEmailChannel *self;
  KefuChannelState  state;
  char             *message;
} StateChange;

static gboolean
post_state_cb (gpointer user_data)
{
  StateChange *change = user_data;

  _kefu_email_channel_set_state (change->self, change->state, change->message);
  g_object_unref (change->self);
  g_free (change->message);
  g_free (change);

  return G_SOURCE_REMOVE;
}

/**
 * _kefu_email_channel_post_state:
 *
 * Any thread: the change is made on the main thread.
 */
void
_kefu_email_channel_post_state (KefuEmailChannel *self,
                                KefuChannelState  state,
                                const char       *message)
{
  StateChange *change = g_new0 (StateChange, 1);

  change->self = g_object_ref (self);
  change->state = state;
  change->message = g_strdup (message);
  g_main_context_invoke (self->main_context, post_state_cb, change);
}

static void
settings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  KefuEmailChannel *self = g_task_get_source_object (task);
  g_autoptr (GHashTable) settings = NULL;
  g_autofree char *key = NULL;
  GError *error = NULL;
  const char *checkpoint;

  settings = kefu_store_list_settings_finish (KEFU_STORE (object), result, &error);
  if (settings == NULL)
    {
      _kefu_email_channel_set_state (self, KEFU_CHANNEL_STATE_ERROR, error->message);
      g_task_return_error (task, error);
      return;
    }

  key = _kefu_email_channel_checkpoint_key (self);
  checkpoint = g_hash_table_lookup (settings, key);
  if (checkpoint != NULL)
    {
      guint64 validity = 0;
      guint64 uid = 0;

      if (sscanf (checkpoint, "%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT, &validity, &uid) == 2)
        {
          self->uidvalidity = (guint32)validity;
          self->last_uid = (guint32)uid;
        }
    }

  _kefu_email_sync_start (self);
  _kefu_email_outbox_start (self);

  g_task_return_boolean (task, TRUE);
}

static void
password_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  KefuEmailChannel *self = g_task_get_source_object (task);
  GCancellable *cancellable;
  GError *error = NULL;
  char *password;

  password = kefu_account_secret_lookup_finish (result, &error);
  if (password == NULL)
    {
      _kefu_email_channel_set_state (self, KEFU_CHANNEL_STATE_ERROR, error->message);
      g_task_return_error (task, error);
      return;
    }
  self->password = password;

  cancellable = g_task_get_cancellable (task);
  kefu_store_list_settings_async (kefu_router_get_store (self->router), cancellable,
                                  settings_cb, g_steal_pointer (&task));
}

static void
kefu_email_channel_start_async (KefuChannel         *channel,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  KefuEmailChannel *self = KEFU_EMAIL_CHANNEL (channel);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, kefu_email_channel_start_async);

  g_clear_pointer (&self->config, kefu_email_config_free);
  self->config = kefu_email_config_new_from_json (kefu_account_get_config (self->account), &error);
  if (self->config == NULL || !kefu_email_config_validate (self->config, &error))
    {
      _kefu_email_channel_set_state (self, KEFU_CHANNEL_STATE_ERROR, error->message);
      g_task_return_error (task, error);
      return;
    }
  self->send_delay = self->config->send_delay;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  _kefu_email_channel_set_state (self, KEFU_CHANNEL_STATE_CONNECTING, NULL);
  kefu_account_secret_lookup_async (kefu_account_get_id (self->account), cancellable,
                                    password_cb, g_steal_pointer (&task));
}

static gboolean
kefu_email_channel_start_finish (KefuChannel   *channel,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
kefu_email_channel_stop (KefuChannel *channel)
{
  KefuEmailChannel *self = KEFU_EMAIL_CHANNEL (channel);

  g_cancellable_cancel (self->cancellable);
  _kefu_email_outbox_stop (self);
  _kefu_email_channel_set_state (self, KEFU_CHANNEL_STATE_OFFLINE, NULL);
}

static void
kefu_email_channel_send_async (KefuChannel         *channel,
                               KefuMessage         *message,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  _kefu_email_outbox_send_async (KEFU_EMAIL_CHANNEL (channel), message, cancellable, callback, user_data);
}

static gboolean
kefu_email_channel_send_finish (KefuChannel   *channel,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _kefu_email_outbox_send_finish (KEFU_EMAIL_CHANNEL (channel), result, error);
}

static void
channel_iface_init (KefuChannelInterface *iface)
{
  iface->start_async = kefu_email_channel_start_async;
  iface->start_finish = kefu_email_channel_start_finish;
  iface->stop = kefu_email_channel_stop;
  iface->send_async = kefu_email_channel_send_async;
  iface->send_finish = kefu_email_channel_send_finish;
}

static void
kefu_email_channel_dispose (GObject *object)
{
  KefuEmailChannel *self = (KefuEmailChannel *)object;

  g_cancellable_cancel (self->cancellable);
  _kefu_email_outbox_stop (self);
  g_clear_object (&self->router);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (kefu_email_channel_parent_class)->dispose (object);
}

static void
kefu_email_channel_finalize (GObject *object)
{
  KefuEmailChannel *self = (KefuEmailChannel *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->config, kefu_email_config_free);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  kefu_channel_status_clear (&self->status);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->auto_replied, g_hash_table_unref);

  G_OBJECT_CLASS (kefu_email_channel_parent_class)->finalize (object);
}

static void
kefu_email_channel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KefuEmailChannel *self = KEFU_EMAIL_CHANNEL (object);

  if (kefu_channel_status_get_property (&self->status, pspec, value))
    return;

  switch (prop_id)
    {
    case PROP_ROUTER:
      g_value_set_object (value, self->router);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_email_channel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KefuEmailChannel *self = KEFU_EMAIL_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_ROUTER:
      self->router = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_email_channel_class_init (KefuEmailChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_email_channel_dispose;
  object_class->finalize = kefu_email_channel_finalize;
  object_class->get_property = kefu_email_channel_get_property;
  object_class->set_property = kefu_email_channel_set_property;

  kefu_channel_install_properties (object_class, PROP_ROUTER, PROP_ACCOUNT,
                                   PROP_STATE, PROP_STATUS_MESSAGE);
}

static void
kefu_email_channel_init (KefuEmailChannel *self)
{
  self->main_context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->auto_replied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->outbox);
}

typedef struct
{
  KefuEmailConfig *config;
  char            *password;
  char            *fingerprint;
} TestData;

static void
test_data_free (TestData *data)
{
  kefu_email_config_free (data->config);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data->fingerprint);
  g_free (data);
}

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TestData *data = task_data;
  g_autoptr (KefuEmailImap) imap = NULL;
  GError *error = NULL;
  char *summary;
  guint32 uidvalidity = 0;
  guint32 uidnext = 0;

  imap = kefu_email_imap_connect (data->config, data->password, &data->fingerprint, &error);
  if (imap == NULL || !kefu_email_imap_select (imap, data->config->folder, &uidvalidity, &uidnext, &error))
    {
      g_prefix_error (&error, "%s ", _("Receiving (IMAP):"));
      g_task_return_error (task, error);
      return;
    }

  if (!kefu_email_smtp_check (data->config, data->password, &error))
    {
      g_prefix_error (&error, "%s ", _("Sending (SMTP):"));
      g_task_return_error (task, error);
      return;
    }

  /* Two whole sentences rather than one with a glued ending, so that
   * translators can order the words as their language needs. */
  if (kefu_email_imap_has_idle (imap))
    summary = g_strdup_printf (_("Connected. Kefu can read “%s” and send as %s, with instant delivery (IDLE)."),
                               data->config->folder, data->config->user);
  else
    summary = g_strdup_printf (_("Connected. Kefu can read “%s” and send as %s, checking for new mail regularly."),
                               data->config->folder, data->config->user);
  g_task_return_pointer (task, summary, g_free);
}

/**
 * kefu_email_channel_test_async:
 * @password: the password to try
 *
 * Logs in to IMAP, opens the folder and logs in to SMTP, off the main
 * thread, without changing anything. For "Test connection" and
 * `kefuctl account test`.
 */
void
kefu_email_channel_test_async (KefuAccount         *account,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  TestData *data = g_new0 (TestData, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, kefu_email_channel_test_async);
  g_task_set_task_data (task, data, (GDestroyNotify)test_data_free);

  data->config = kefu_email_config_new_from_json (kefu_account_get_config (account), &error);
  if (data->config == NULL || !kefu_email_config_validate (data->config, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->password = g_strdup (password);
  g_task_run_in_thread (task, test_thread);
}

/**
 * kefu_email_channel_test_finish:
 * @fingerprint: (out) (optional): the IMAP server's certificate
 *   fingerprint, also when it is not trusted
 *
 * Returns: (transfer full): a sentence saying what works, or %NULL with a
 *   sentence saying what does not
 */
char *
kefu_email_channel_test_finish (GAsyncResult  *result,
                                char         **fingerprint,
                                GError       **error)
{
  TestData *data = g_task_get_task_data (G_TASK (result));

  if (fingerprint != NULL)
    *fingerprint = g_strdup (data->fingerprint);

  return g_task_propagate_pointer (G_TASK (result), error);
}
