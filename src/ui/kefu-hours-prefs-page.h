/* kefu-hours-prefs-page.h: business hours, holidays and SLA targets in Preferences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kefu-runtime.h"
#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_HOURS_PREFS_PAGE (kefu_hours_prefs_page_get_type ())
G_DECLARE_FINAL_TYPE (KefuHoursPrefsPage, kefu_hours_prefs_page, KEFU, HOURS_PREFS_PAGE, AdwPreferencesPage)

AdwPreferencesPage *kefu_hours_prefs_page_new            (KefuStore          *store,
                                                          KefuRuntime        *runtime);
gboolean            kefu_hours_prefs_page_get_loaded     (KefuHoursPrefsPage *self);
gboolean            kefu_hours_prefs_page_get_busy       (KefuHoursPrefsPage *self);

/* The widgets a person uses, for tests that drive the page. */
guint               kefu_hours_prefs_page_get_n_ranges   (KefuHoursPrefsPage *self,
                                                          GDateWeekday        weekday);
GtkDropDown        *kefu_hours_prefs_page_get_range_time (KefuHoursPrefsPage *self,
                                                          GDateWeekday        weekday,
                                                          guint               position,
                                                          gboolean            closing);
GtkButton          *kefu_hours_prefs_page_get_add_button (KefuHoursPrefsPage *self,
                                                          GDateWeekday        weekday);
AdwEntryRow        *kefu_hours_prefs_page_get_zone_row   (KefuHoursPrefsPage *self);
AdwEntryRow        *kefu_hours_prefs_page_get_holiday_row (KefuHoursPrefsPage *self);
guint               kefu_hours_prefs_page_get_n_holidays (KefuHoursPrefsPage *self);
GtkSpinButton      *kefu_hours_prefs_page_get_sla_spin   (KefuHoursPrefsPage *self,
                                                          gboolean            resolution);

G_END_DECLS
