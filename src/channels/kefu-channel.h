/* kefu-channel.h: the seam every channel (email, chat, phone) plugs into.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-router.h"

G_BEGIN_DECLS

#define KEFU_CHANNEL_ERROR (kefu_channel_error_quark ())

typedef enum
{
  KEFU_CHANNEL_ERROR_AUTH_FAILED,   /* wrong user or password */
  KEFU_CHANNEL_ERROR_UNREACHABLE,   /* host down, no network, refused */
  KEFU_CHANNEL_ERROR_REJECTED,      /* the peer refused this message */
  KEFU_CHANNEL_ERROR_PROTOCOL,      /* the peer spoke nonsense */
} KefuChannelError;

typedef enum
{
  KEFU_CHANNEL_STATE_OFFLINE,
  KEFU_CHANNEL_STATE_CONNECTING,
  KEFU_CHANNEL_STATE_ONLINE,
  KEFU_CHANNEL_STATE_ERROR,
} KefuChannelState;

GQuark kefu_channel_error_quark (void);

#define KEFU_TYPE_CHANNEL (kefu_channel_get_type ())
G_DECLARE_INTERFACE (KefuChannel, kefu_channel, KEFU, CHANNEL, GObject)

/*
 * A channel turns what arrives into KefuInbound for the router and delivers
 * the router's queued replies. Implementations expose the properties
 * "state" (KefuChannelState) and "status-message" (a sentence for a person,
 * or NULL) and notify them on the main thread.
 *
 * Every implementation is made the same way, by kefuctl serve and by the app:
 *   g_object_new (kefu_channel_registry_lookup (kind),
 *                 "router", router, "account", account, NULL)
 * with construct-only properties "router" (KefuRouter) and "account"
 * (KefuAccount: the row of the store's accounts table, whose JSON config holds
 * the channel's settings). A channel fetches its own password from libsecret
 * by the account id.
 */
struct _KefuChannelInterface
{
  GTypeInterface parent_iface;

  void     (*start_async)  (KefuChannel          *self,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data);
  gboolean (*start_finish) (KefuChannel          *self,
                            GAsyncResult         *result,
                            GError              **error);
  void     (*stop)         (KefuChannel          *self);
  void     (*send_async)   (KefuChannel          *self,
                            KefuMessage          *message,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data);
  gboolean (*send_finish)  (KefuChannel          *self,
                            GAsyncResult         *result,
                            GError              **error);
};

void             kefu_channel_start_async          (KefuChannel          *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean         kefu_channel_start_finish         (KefuChannel          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void             kefu_channel_stop                 (KefuChannel          *self);
void             kefu_channel_send_async           (KefuChannel          *self,
                                                    KefuMessage          *message,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean         kefu_channel_send_finish          (KefuChannel          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
KefuChannelState kefu_channel_get_state            (KefuChannel          *self);
char            *kefu_channel_dup_status_message   (KefuChannel          *self);

/*
 * What an implementation embeds to back the interface's "state" and
 * "status-message" properties: zero-initialised in init, cleared in
 * finalize with kefu_channel_status_clear().
 */
typedef struct
{
  KefuChannelState  state;
  char             *message;
} KefuChannelStatus;

void             kefu_channel_status_clear         (KefuChannelStatus    *status);
void             kefu_channel_install_properties   (GObjectClass         *object_class,
                                                    guint                 router_prop_id,
                                                    guint                 account_prop_id,
                                                    guint                 state_prop_id,
                                                    guint                 status_message_prop_id);
gboolean         kefu_channel_status_get_property  (KefuChannelStatus    *status,
                                                    GParamSpec           *pspec,
                                                    GValue               *value);
gboolean         kefu_channel_set_state            (KefuChannel          *self,
                                                    KefuChannelStatus    *status,
                                                    KefuChannelState      state,
                                                    const char           *message);

G_END_DECLS
