/* kefu-router.h: the one path every message takes into and out of the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_ROUTER_ERROR (kefu_router_error_quark ())

typedef enum
{
  KEFU_ROUTER_ERROR_NO_RECIPIENT,   /* the customer has no address on that channel */
  KEFU_ROUTER_ERROR_INVALID,        /* a message without a sender or text */
} KefuRouterError;

GQuark kefu_router_error_quark (void);

#define KEFU_ROUTER_DEFAULT_MAX_ATTACHMENT_SIZE (25 * 1024 * 1024)

#define KEFU_TYPE_ROUTER (kefu_router_get_type ())
G_DECLARE_FINAL_TYPE (KefuRouter, kefu_router, KEFU, ROUTER, GObject)

KefuRouter   *kefu_router_new                     (KefuStore           *store);
KefuStore    *kefu_router_get_store               (KefuRouter          *self);
const char   *kefu_router_get_default_region      (KefuRouter          *self);
void          kefu_router_set_default_region      (KefuRouter          *self,
                                                   const char          *region);
gint64        kefu_router_get_max_attachment_size (KefuRouter          *self);
void          kefu_router_set_max_attachment_size (KefuRouter          *self,
                                                   gint64               max_size);
void          kefu_router_receive_async           (KefuRouter          *self,
                                                   const KefuInbound   *inbound,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
KefuDelivery *kefu_router_receive_finish          (KefuRouter          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void          kefu_router_receive_many_async      (KefuRouter          *self,
                                                   GPtrArray           *inbounds,
                                                   const char          *checkpoint_key,
                                                   const char          *checkpoint_value,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray    *kefu_router_receive_many_finish     (KefuRouter          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void          kefu_router_send_async              (KefuRouter          *self,
                                                   const KefuOutbound  *outbound,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
KefuMessage  *kefu_router_send_finish             (KefuRouter          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
