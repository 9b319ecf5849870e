/* kefu-runtime.h: what runs while Kefu is open: every enabled channel account and the robot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-channel.h"
#include "kefu-robot.h"
#include "kefu-router.h"

G_BEGIN_DECLS

#define KEFU_TYPE_RUNTIME (kefu_runtime_get_type ())
G_DECLARE_FINAL_TYPE (KefuRuntime, kefu_runtime, KEFU, RUNTIME, GObject)

KefuRuntime *kefu_runtime_new             (KefuRouter          *router);
void         kefu_runtime_start_async     (KefuRuntime         *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean     kefu_runtime_start_finish    (KefuRuntime         *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void         kefu_runtime_stop            (KefuRuntime         *self);
KefuRobot   *kefu_runtime_get_robot       (KefuRuntime         *self);
GListModel  *kefu_runtime_get_channels    (KefuRuntime         *self);
void         kefu_runtime_restart_account (KefuRuntime         *self,
                                           gint64               account_id);
void         kefu_runtime_reload_robot    (KefuRuntime         *self);
KefuChannel *kefu_runtime_lookup_channel  (KefuRuntime         *self,
                                           gint64               account_id);
void         kefu_runtime_set_only_account (KefuRuntime        *self,
                                           gint64               account_id);

G_END_DECLS
