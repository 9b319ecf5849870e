/* kefu-sip-stack.h: one sofia-sip nua user agent, driven by the GLib main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sofia-sip/nua.h>

G_BEGIN_DECLS

/* Every nua event but the stack's own shutdown, on the main thread. */
typedef void (*KefuSipEventFunc) (nua_event_t    event,
                                  int            status,
                                  const char    *phrase,
                                  nua_handle_t  *nh,
                                  const sip_t   *sip,
                                  tagi_t         tags[],
                                  gpointer       user_data);

#define KEFU_TYPE_SIP_STACK (kefu_sip_stack_get_type ())
G_DECLARE_FINAL_TYPE (KefuSipStack, kefu_sip_stack, KEFU, SIP_STACK, GObject)

KefuSipStack *kefu_sip_stack_new             (const char           *bind_url,
                                              const char           *from,
                                              const char           *outbound_proxy,
                                              KefuSipEventFunc      func,
                                              gpointer              user_data,
                                              GError              **error);
nua_t        *kefu_sip_stack_get_nua         (KefuSipStack         *self);
void          kefu_sip_stack_shutdown_async  (KefuSipStack         *self,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean      kefu_sip_stack_shutdown_finish (KefuSipStack         *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
