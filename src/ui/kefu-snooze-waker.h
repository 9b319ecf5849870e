/* kefu-snooze-waker.h: brings snoozed tickets back when their time comes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_SNOOZE_WAKER_DEFAULT_INTERVAL_MS (30 * 1000)

#define KEFU_TYPE_SNOOZE_WAKER (kefu_snooze_waker_get_type ())
G_DECLARE_FINAL_TYPE (KefuSnoozeWaker, kefu_snooze_waker, KEFU, SNOOZE_WAKER, GObject)

KefuSnoozeWaker *kefu_snooze_waker_new          (KefuStore       *store);
void             kefu_snooze_waker_set_interval (KefuSnoozeWaker *self,
                                                 guint            interval_ms);
void             kefu_snooze_waker_wake_now     (KefuSnoozeWaker *self);
guint            kefu_snooze_waker_get_woken    (KefuSnoozeWaker *self);

G_END_DECLS
