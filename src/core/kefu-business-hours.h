/* kefu-business-hours.h: when the shop is open, and how much of a time span was working time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One shop has one timetable: opening intervals per weekday and holidays
 * (whole local dates), in the shop's time zone. With no interval at all the
 * shop counts as always open (24/7), so SLA and reports still work before the
 * owner sets anything. Times are microseconds since the Unix epoch, as
 * everywhere in Kefu (g_get_real_time()).
 *
 * The timetable is kept as JSON in the store setting "business-hours":
 *
 *   { "time_zone": "Asia/Shanghai",
 *     "week": { "mon": [["09:00", "18:00"]], "sat": [["10:00", "16:00"]] },
 *     "holidays": ["2026-10-01", "2026-10-02"] }
 *
 * Missing weekdays are closed; "24:00" ends an interval at midnight.
 * An empty "time_zone" (or none) means the computer's local zone.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KEFU_BUSINESS_HOURS_SETTING "business-hours"

#define KEFU_BUSINESS_HOURS_ERROR (kefu_business_hours_error_quark ())

typedef enum
{
  KEFU_BUSINESS_HOURS_ERROR_INVALID, /* the JSON or a value in it makes no sense; the message says which */
} KefuBusinessHoursError;

GQuark kefu_business_hours_error_quark (void);

#define KEFU_TYPE_BUSINESS_HOURS (kefu_business_hours_get_type ())

typedef struct _KefuBusinessHours KefuBusinessHours;

GType               kefu_business_hours_get_type       (void) G_GNUC_CONST;

/* An always-open timetable in @time_zone (an IANA id, or NULL for local). */
KefuBusinessHours  *kefu_business_hours_new            (const char         *time_zone);
KefuBusinessHours  *kefu_business_hours_new_from_json  (const char         *json,
                                                        GError            **error);
char               *kefu_business_hours_to_json        (KefuBusinessHours  *self);
KefuBusinessHours  *kefu_business_hours_ref            (KefuBusinessHours  *self);
void                kefu_business_hours_unref          (KefuBusinessHours  *self);

/* Minutes from local midnight, 0 ≤ @open_minute < @close_minute ≤ 1440.
 * Intervals of one day may be added in any order and may not overlap. */
gboolean            kefu_business_hours_add_interval   (KefuBusinessHours  *self,
                                                        GDateWeekday        weekday,
                                                        int                 open_minute,
                                                        int                 close_minute,
                                                        GError            **error);
void                kefu_business_hours_add_holiday    (KefuBusinessHours  *self,
                                                        GDate              *date);
const char         *kefu_business_hours_get_time_zone  (KefuBusinessHours  *self);
gboolean            kefu_business_hours_is_always_open (KefuBusinessHours  *self);

/* Whether the shop is open at @when. */
gboolean            kefu_business_hours_is_open        (KefuBusinessHours  *self,
                                                        gint64              when);
/* @when itself if open, else the next opening; G_MAXINT64 if it never opens. */
gint64              kefu_business_hours_next_open      (KefuBusinessHours  *self,
                                                        gint64              when);
/* Working time between @from and @to (0 if @to ≤ @from), in microseconds. */
gint64              kefu_business_hours_elapsed        (KefuBusinessHours  *self,
                                                        gint64              from,
                                                        gint64              to);
/* Precomputes [@from, @to) so that elapsed() inside it is fast (reports). */
void                kefu_business_hours_prepare        (KefuBusinessHours  *self,
                                                        gint64              from,
                                                        gint64              to);
/* The moment @working_time of working time after @from: SLA due times. */
gint64              kefu_business_hours_add            (KefuBusinessHours  *self,
                                                        gint64              from,
                                                        gint64              working_time);

/* reports (#7): reading a timetable back, for the Preferences page. */
guint               kefu_business_hours_get_n_intervals (KefuBusinessHours *self,
                                                         GDateWeekday       weekday);
void                kefu_business_hours_get_interval    (KefuBusinessHours *self,
                                                         GDateWeekday       weekday,
                                                         guint              position,
                                                         int               *open_minute,
                                                         int               *close_minute);
/* Julian day numbers (guint), sorted. */
GArray             *kefu_business_hours_dup_holidays    (KefuBusinessHours *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuBusinessHours, kefu_business_hours_unref)

G_END_DECLS
