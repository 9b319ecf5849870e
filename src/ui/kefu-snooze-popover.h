/* kefu-snooze-popover.h: choosing when a snoozed ticket comes back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  KEFU_SNOOZE_LATER_TODAY,
  KEFU_SNOOZE_TOMORROW,
  KEFU_SNOOZE_NEXT_WEEK,
} KefuSnoozePreset;

#define KEFU_TYPE_SNOOZE_POPOVER (kefu_snooze_popover_get_type ())
G_DECLARE_FINAL_TYPE (KefuSnoozePopover, kefu_snooze_popover, KEFU, SNOOZE_POPOVER, GtkPopover)

GtkWidget *kefu_snooze_popover_new         (void);
GDateTime *kefu_snooze_preset_time         (KefuSnoozePreset  preset,
                                            GDateTime        *now);

G_END_DECLS
