/* kefu-kb-robot.h: the running robot as the knowledge-base widgets see it, and matching off the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-robot.h"

G_BEGIN_DECLS

KefuRobot  *kefu_kb_robot_get            (GtkWidget            *widget);
void        kefu_kb_robot_reload         (GtkWidget            *widget);
void        kefu_kb_robot_suggest_async  (KefuMatcher          *matcher,
                                          const char           *text,
                                          guint                 max_results,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GPtrArray  *kefu_kb_robot_suggest_finish (GAsyncResult         *result,
                                          KefuMatch           **match,
                                          GError              **error);

G_END_DECLS
