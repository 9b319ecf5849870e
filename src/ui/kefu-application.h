/* kefu-application.h: the Kefu application: its database, its actions, its window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kefu-router.h"
#include "kefu-runtime.h"
#include "kefu-snooze-waker.h"

G_BEGIN_DECLS

#define KEFU_TYPE_APPLICATION (kefu_application_get_type ())
G_DECLARE_FINAL_TYPE (KefuApplication, kefu_application, KEFU, APPLICATION, AdwApplication)

KefuApplication *kefu_application_new             (gint64           main_time);
const char      *kefu_application_get_db_path     (KefuApplication *self);
KefuStore       *kefu_application_get_store       (KefuApplication *self);
KefuRouter      *kefu_application_get_router      (KefuApplication *self);
const GError    *kefu_application_get_store_error (KefuApplication *self);
GSettings       *kefu_application_get_settings    (KefuApplication *self);
gint64           kefu_application_get_start_time  (KefuApplication *self);
double           kefu_application_get_elapsed_ms  (KefuApplication *self);
KefuSnoozeWaker *kefu_application_get_snooze_waker (KefuApplication *self);
KefuRuntime     *kefu_application_get_runtime     (KefuApplication *self);

G_END_DECLS
