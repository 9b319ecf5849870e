/* kefu-channel.c: the seam every channel (email, chat, phone) plugs into.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-channel.h"
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
