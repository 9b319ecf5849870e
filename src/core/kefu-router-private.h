/* kefu-router-private.h: what the router's writer-thread half needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-router.h"

G_BEGIN_DECLS

/* A snapshot of the router's settings, so the writer thread reads no object. */
typedef struct
{
  char   *default_region;
  gint64  max_attachment_size;
} KefuRouterConfig;

KefuDelivery *_kefu_router_deliver    (KefuStore              *store,
                                       const KefuRouterConfig *config,
                                       const KefuInbound      *inbound,
                                       GError                **error);
KefuMessage  *_kefu_router_store_reply (KefuStore              *store,
                                        const KefuRouterConfig *config,
                                        const KefuOutbound     *outbound,
                                        GError                **error);
gint64        _kefu_router_subject_ticket_number (const char *subject);

G_END_DECLS
