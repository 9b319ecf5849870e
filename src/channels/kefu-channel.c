/* kefu-channel.c: the seam every channel (email, chat, phone) plugs into.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-channel.h"

#include "kefu-account.h"
#include "kefu-channel-enums.h"

G_DEFINE_QUARK (kefu-channel-error-quark, kefu_channel_error)
G_DEFINE_INTERFACE (KefuChannel, kefu_channel, G_TYPE_OBJECT)

static void
kefu_channel_default_init (KefuChannelInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_enum ("state", NULL, NULL,
                       KEFU_TYPE_CHANNEL_STATE, KEFU_CHANNEL_STATE_OFFLINE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_string ("status-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

/**
 * kefu_channel_start_async:
 *
 * Connects the channel (logs in, binds, registers). Its state moves to
 * connecting, then online or error.
 */
void
kefu_channel_start_async (KefuChannel         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_CHANNEL (self));

  KEFU_CHANNEL_GET_IFACE (self)->start_async (self, cancellable, callback, user_data);
}

gboolean
kefu_channel_start_finish (KefuChannel   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (KEFU_IS_CHANNEL (self), FALSE);

  return KEFU_CHANNEL_GET_IFACE (self)->start_finish (self, result, error);
}

void
kefu_channel_stop (KefuChannel *self)
{
  g_return_if_fail (KEFU_IS_CHANNEL (self));

  KEFU_CHANNEL_GET_IFACE (self)->stop (self);
}

/**
 * kefu_channel_send_async:
 * @message: a reply the router stored as queued
 *
 * Delivers @message; success means the peer accepted it.
 */
void
kefu_channel_send_async (KefuChannel         *self,
                         KefuMessage         *message,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_CHANNEL (self));
  g_return_if_fail (KEFU_IS_MESSAGE (message));

  KEFU_CHANNEL_GET_IFACE (self)->send_async (self, message, cancellable, callback, user_data);
}

gboolean
kefu_channel_send_finish (KefuChannel   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (KEFU_IS_CHANNEL (self), FALSE);

  return KEFU_CHANNEL_GET_IFACE (self)->send_finish (self, result, error);
}

KefuChannelState
kefu_channel_get_state (KefuChannel *self)
{
  KefuChannelState state = KEFU_CHANNEL_STATE_OFFLINE;

  g_return_val_if_fail (KEFU_IS_CHANNEL (self), KEFU_CHANNEL_STATE_OFFLINE);

  g_object_get (self, "state", &state, NULL);

  return state;
}

/**
 * kefu_channel_dup_status_message:
 *
 * Returns: (transfer full) (nullable): what a person should know about the
 *   channel's state, such as why it is in error
 */
char *
kefu_channel_dup_status_message (KefuChannel *self)
{
  char *message = NULL;

  g_return_val_if_fail (KEFU_IS_CHANNEL (self), NULL);

  g_object_get (self, "status-message", &message, NULL);

  return message;
}

/**
 * kefu_channel_status_clear:
 *
 * Frees what @status owns; for an implementation's finalize.
 */
void
kefu_channel_status_clear (KefuChannelStatus *status)
{
  g_return_if_fail (status != NULL);

  g_clear_pointer (&status->message, g_free);
}

/**
 * kefu_channel_install_properties:
 *
 * For an implementation's class_init: installs the construct-only "router"
 * and "account" properties every channel is made with, and overrides the
 * interface's "state" and "status-message", at the implementation's ids.
 */
void
kefu_channel_install_properties (GObjectClass *object_class,
                                 guint         router_prop_id,
                                 guint         account_prop_id,
                                 guint         state_prop_id,
                                 guint         status_message_prop_id)
{
  g_return_if_fail (G_IS_OBJECT_CLASS (object_class));

  g_object_class_install_property (object_class, router_prop_id,
    g_param_spec_object ("router", NULL, NULL, KEFU_TYPE_ROUTER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, account_prop_id,
    g_param_spec_object ("account", NULL, NULL, KEFU_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_override_property (object_class, state_prop_id, "state");
  g_object_class_override_property (object_class, status_message_prop_id, "status-message");
}

/**
 * kefu_channel_status_get_property:
 *
 * For an implementation's get_property: fills @value when @pspec is
 * "state" or "status-message".
 *
 * Returns: %TRUE if @pspec was one of the two
 */
gboolean
kefu_channel_status_get_property (KefuChannelStatus *status,
                                  GParamSpec        *pspec,
                                  GValue            *value)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (g_strcmp0 (pspec->name, "state") == 0)
    g_value_set_enum (value, status->state);
  else if (g_strcmp0 (pspec->name, "status-message") == 0)
    g_value_set_string (value, status->message);
  else
    return FALSE;

  return TRUE;
}

/**
 * kefu_channel_set_state:
 * @status: the status @self embeds
 * @message: (nullable): a sentence for a person, such as why it failed
 *
 * Stores @state and @message in @status and notifies "state", then
 * "status-message", for whichever changed. Main thread only.
 *
 * Returns: %TRUE if anything changed
 */
gboolean
kefu_channel_set_state (KefuChannel       *self,
                        KefuChannelStatus *status,
                        KefuChannelState   state,
                        const char        *message)
{
  gboolean state_changed;
  gboolean message_changed;

  g_return_val_if_fail (KEFU_IS_CHANNEL (self), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  state_changed = status->state != state;
  message_changed = g_strcmp0 (status->message, message) != 0;

  if (message_changed)
    {
      g_free (status->message);
      status->message = g_strdup (message);
    }
  status->state = state;

  if (state_changed)
    g_object_notify (G_OBJECT (self), "state");
  if (message_changed)
    g_object_notify (G_OBJECT (self), "status-message");

  return state_changed || message_changed;
}
