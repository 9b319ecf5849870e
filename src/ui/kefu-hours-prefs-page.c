/* kefu-hours-prefs-page.c: business hours, holidays and SLA targets in Preferences.
 *
 * Everything here is a store setting that reports (and SLA due times) read:
 * "business-hours" (the JSON of kefu-business-hours.h: time zone, opening
 * intervals per weekday, holidays) and the SLA targets in business minutes,
 * "sla.first-response-minutes" and "sla.resolution-minutes". Each change is
 * checked by KefuBusinessHours itself and written at once; the store's
 * "changed" signal then lets the Reports page compute again.
 *
 * The rows are built in code rather than a template because nearly all of
 * them are made per weekday, per opening interval and per holiday.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "kefu-business-hours.h"
#include "kefu-hours-prefs-page.h"
#include "kefu-report.h"
#include "kefu-toast.h"

/* Opening and closing times are picked in quarter hours, 00:00 to 24:00. */
#define SLOT_MINUTES (15)
#define N_SLOTS (24 * 60 / SLOT_MINUTES + 1)

typedef struct
{
  int open_minute;
  int close_minute;
} Range;

struct _KefuHoursPrefsPage
{
  AdwPreferencesPage   parent_instance;

  /* widgets */
  AdwPreferencesGroup *week_group;
  AdwExpanderRow      *day_rows[7];      /* Monday first */
  GPtrArray           *range_rows[7];    /* borrowed AdwActionRow in each day row */
  GtkWidget           *add_rows[7];
  GtkButton           *add_buttons[7];
  AdwEntryRow         *zone_row;
  AdwPreferencesGroup *holiday_group;
  AdwEntryRow         *holiday_row;
  GtkCalendar         *calendar;
  GtkMenuButton       *calendar_button;
  GPtrArray           *holiday_rows;     /* borrowed */
  GtkSpinButton       *first_response_spin;
  GtkSpinButton       *resolution_spin;

  /* owned */
  KefuStore           *store;
  KefuRuntime         *runtime;
  GCancellable        *cancellable;
  GtkStringList       *slots;
  char                *time_zone;
  GArray              *week[7];          /* Range, earliest first */
  GArray              *holidays;         /* guint julian days, sorted */

  guint                busy;
  gboolean             loaded;
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (KefuHoursPrefsPage, kefu_hours_prefs_page, ADW_TYPE_PREFERENCES_PAGE)

static const char *const weekday_names[7] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
  N_("Friday"), N_("Saturday"), N_("Sunday"),
};

static void rebuild_day      (KefuHoursPrefsPage *self,
                              guint               day);
static void rebuild_holidays (KefuHoursPrefsPage *self);

static char *
format_minute (int minute)
{
  return g_strdup_printf ("%02d:%02d", minute / 60, minute % 60);
}

static char *
format_day (const GArray *ranges)
{
  GString *text;

  if (ranges->len == 0)
    return g_strdup (C_("opening hours", "Closed"));

  text = g_string_new (NULL);
  for (guint i = 0; i < ranges->len; i++)
    {
      const Range *range = &g_array_index (ranges, Range, i);
      g_autofree char *open = format_minute (range->open_minute);
      g_autofree char *close = format_minute (range->close_minute);

      if (i > 0)
        g_string_append (text, ", ");
      /* Translators: opening hours of a day, like 09:00–18:00. */
      g_string_append_printf (text, _("%1$s–%2$s"), open, close);
    }
  return g_string_free (text, FALSE);
}

static char *
format_holiday (guint julian)
{
  g_autoptr (GDateTime) when = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  when = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  /* Translators: a holiday in the list, see g_date_time_format(). */
  return g_date_time_format (when, _("%A, %e %B %Y"));
}

static int
compare_range (gconstpointer a,
               gconstpointer b)
{
  const Range *x = a, *y = b;

  return x->open_minute - y->open_minute;
}

static int
compare_julian (gconstpointer a,
                gconstpointer b)
{
  guint x = *(const guint *)a, y = *(const guint *)b;

  return x < y ? -1 : x > y;
}

/* The timetable the page shows, checked by KefuBusinessHours itself. */
static KefuBusinessHours *
build_hours (KefuHoursPrefsPage  *self,
             GError             **error)
{
  g_autoptr (KefuBusinessHours) hours = NULL;
  g_autoptr (GTimeZone) tz = NULL;

  if (self->time_zone[0] != '\0')
    {
      tz = g_time_zone_new_identifier (self->time_zone);
      if (tz == NULL)
        {
          g_set_error (error, KEFU_BUSINESS_HOURS_ERROR, KEFU_BUSINESS_HOURS_ERROR_INVALID,
                       _("“%s” is not a time zone this computer knows; use a name like Asia/Shanghai"),
                       self->time_zone);
          return NULL;
        }
    }

  hours = kefu_business_hours_new (self->time_zone);
  for (guint day = 0; day < 7; day++)
    for (guint i = 0; i < self->week[day]->len; i++)
      {
        const Range *range = &g_array_index (self->week[day], Range, i);

        if (!kefu_business_hours_add_interval (hours, day + 1, range->open_minute,
                                               range->close_minute, error))
          {
            g_prefix_error (error, "%s: ", _(weekday_names[day]));
            return NULL;
          }
      }
  for (guint i = 0; i < self->holidays->len; i++)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, g_array_index (self->holidays, guint, i));
      kefu_business_hours_add_holiday (hours, &date);
    }
  return g_steal_pointer (&hours);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  KefuHoursPrefsPage *self = user_data;
  g_autoptr (GError) error = NULL;

  if (!kefu_store_set_setting_finish (KEFU_STORE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy--;
  if (error != NULL)
    kefu_toast_show_error (GTK_WIDGET (self), error->message);
}

static void
write_setting (KefuHoursPrefsPage *self,
               const char         *key,
               const char         *value)
{
  if (self->store == NULL || self->syncing || !self->loaded)
    return;

  self->busy++;
  kefu_store_set_setting_async (self->store, key, value, self->cancellable, write_cb, self);
}

static void
show_hours_problem (KefuHoursPrefsPage *self,
                    const char         *problem)
{
  adw_preferences_group_set_description (self->week_group,
                                         problem != NULL ? problem
                                                         : _("Reports count response and resolution "
                                                             "times in these hours only. With no hours "
                                                             "at all, the shop counts as always open."));
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->week_group), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->week_group), "error");
}

/* Checks what the page shows and, when it makes sense, stores it. */
static void
save_hours (KefuHoursPrefsPage *self)
{
  g_autoptr (KefuBusinessHours) hours = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;

  if (self->syncing || !self->loaded)
    return;

  for (guint day = 0; day < 7; day++)
    {
      g_autofree char *summary = format_day (self->week[day]);

      adw_expander_row_set_subtitle (self->day_rows[day], summary);
    }

  hours = build_hours (self, &error);
  if (hours == NULL)
    {
      show_hours_problem (self, error->message);
      return;
    }
  show_hours_problem (self, NULL);
  json = kefu_business_hours_to_json (hours);
  write_setting (self, KEFU_BUSINESS_HOURS_SETTING, json);
}

/* Opening intervals. */

static void
on_range_time_changed (GtkDropDown        *dropdown,
                       GParamSpec         *pspec,
                       KefuHoursPrefsPage *self)
{
  guint day = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "day"));
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "position"));
  gboolean closing = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "closing"));
  int minute = (int)gtk_drop_down_get_selected (dropdown) * SLOT_MINUTES;
  Range *range;

  if (self->syncing || position >= self->week[day]->len)
    return;

  range = &g_array_index (self->week[day], Range, position);
  if (closing)
    range->close_minute = minute;
  else
    range->open_minute = minute;
  save_hours (self);
}

static void
on_range_remove_clicked (GtkButton          *button,
                         KefuHoursPrefsPage *self)
{
  guint day = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "day"));
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position"));

  if (position >= self->week[day]->len)
    return;
  g_array_remove_index (self->week[day], position);
  rebuild_day (self, day);
  save_hours (self);
}

static void
on_add_clicked (GtkButton          *button,
                KefuHoursPrefsPage *self)
{
  guint day = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "day"));
  GArray *ranges = self->week[day];
  Range range = { 9 * 60, 18 * 60 };

  /* A new interval starts an hour after the day's last one. */
  if (ranges->len > 0)
    {
      int last = g_array_index (ranges, Range, ranges->len - 1).close_minute;

      if (last + 60 >= 24 * 60)
        {
          kefu_toast_show (GTK_WIDGET (self), adw_toast_new (_("This day is already open until midnight.")));
          return;
        }
      range.open_minute = last + 60;
      range.close_minute = MIN (last + 3 * 60, 24 * 60);
    }
  g_array_append_val (ranges, range);
  g_array_sort (ranges, compare_range);
  rebuild_day (self, day);
  adw_expander_row_set_expanded (self->day_rows[day], TRUE);
  save_hours (self);
}

static GtkWidget *
time_dropdown (KefuHoursPrefsPage *self,
               guint               day,
               guint               position,
               gboolean            closing,
               int                 minute)
{
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->slots)), NULL);
  g_autofree char *label = NULL;

  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                              (guint)CLAMP ((minute + SLOT_MINUTES / 2) / SLOT_MINUTES, 0, N_SLOTS - 1));
  /* Translators: what a screen reader says for a time picker; %s is a weekday. */
  label = g_strdup_printf (closing ? _("%s closes at") : _("%s opens at"), _(weekday_names[day]));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (dropdown), "day", GUINT_TO_POINTER (day));
  g_object_set_data (G_OBJECT (dropdown), "position", GUINT_TO_POINTER (position));
  g_object_set_data (G_OBJECT (dropdown), "closing", GUINT_TO_POINTER (closing));
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_range_time_changed), self, 0);
  return dropdown;
}

static void
rebuild_day (KefuHoursPrefsPage *self,
             guint               day)
{
  GArray *ranges = self->week[day];
  g_autofree char *summary = format_day (ranges);
  gboolean was_syncing = self->syncing;

  self->syncing = TRUE;
  for (guint i = 0; i < self->range_rows[day]->len; i++)
    adw_expander_row_remove (self->day_rows[day], g_ptr_array_index (self->range_rows[day], i));
  g_ptr_array_set_size (self->range_rows[day], 0);
  if (self->add_rows[day] != NULL)
    adw_expander_row_remove (self->day_rows[day], self->add_rows[day]);

  for (guint i = 0; i < ranges->len; i++)
    {
      const Range *range = &g_array_index (ranges, Range, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      GtkWidget *dash = gtk_label_new ("–");

      GtkWidget *opens = time_dropdown (self, day, i, FALSE, range->open_minute);
      GtkWidget *closes = time_dropdown (self, day, i, TRUE, range->close_minute);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), C_("opening hours", "Open"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), opens);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dash);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), closes);
      g_object_set_data (G_OBJECT (row), "opens", opens);
      g_object_set_data (G_OBJECT (row), "closes", closes);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove these hours"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove these hours"), -1);
      g_object_set_data (G_OBJECT (remove), "day", GUINT_TO_POINTER (day));
      g_object_set_data (G_OBJECT (remove), "position", GUINT_TO_POINTER (i));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_range_remove_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_expander_row_add_row (self->day_rows[day], row);
      g_ptr_array_add (self->range_rows[day], row);
    }

  self->add_rows[day] = adw_action_row_new ();
  self->add_buttons[day] = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add Hours")));
  gtk_widget_set_valign (GTK_WIDGET (self->add_buttons[day]), GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (self->add_buttons[day]), "day", GUINT_TO_POINTER (day));
  g_signal_connect_object (self->add_buttons[day], "clicked", G_CALLBACK (on_add_clicked), self, 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_rows[day]),
                                 ranges->len == 0 ? _("Closed all day") : _("Open again later"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->add_rows[day]), GTK_WIDGET (self->add_buttons[day]));
  adw_expander_row_add_row (self->day_rows[day], self->add_rows[day]);

  adw_expander_row_set_subtitle (self->day_rows[day], summary);
  self->syncing = was_syncing;
}

/* Time zone. */

static void
on_zone_applied (AdwEntryRow        *row,
                 KefuHoursPrefsPage *self)
{
  g_autofree char *zone = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr (GTimeZone) tz = NULL;

  if (zone[0] != '\0' && (tz = g_time_zone_new_identifier (zone)) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a time zone this computer knows; "
                                                    "use a name like Asia/Shanghai"), zone);

      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      kefu_toast_show_error (GTK_WIDGET (self), message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_free (self->time_zone);
  self->time_zone = g_steal_pointer (&zone);
  save_hours (self);
}

/* Holidays. */

static void
add_holiday (KefuHoursPrefsPage *self,
             GDate              *date)
{
  guint julian = g_date_get_julian (date);

  for (guint i = 0; i < self->holidays->len; i++)
    if (g_array_index (self->holidays, guint, i) == julian)
      return;
  g_array_append_val (self->holidays, julian);
  g_array_sort (self->holidays, compare_julian);
  rebuild_holidays (self);
  save_hours (self);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint y, m, d;
  char tail;

  g_date_clear (date, 1);
  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 && g_date_valid_dmy (d, m, y))
    {
      g_date_set_dmy (date, d, m, y);
      return TRUE;
    }
  /* Also whatever the person's locale writes (15/10/2026, 2026年10月1日…). */
  g_date_set_parse (date, text);
  return g_date_valid (date);
}

static void
on_holiday_applied (AdwEntryRow        *row,
                    KefuHoursPrefsPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  GDate date;

  if (!parse_date (text, &date))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      kefu_toast_show_error (GTK_WIDGET (self), _("Write the holiday as a date like 2026-10-01."));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  add_holiday (self, &date);
}

static void
on_calendar_add_clicked (GtkButton          *button,
                         KefuHoursPrefsPage *self)
{
  g_autoptr (GDateTime) day = gtk_calendar_get_date (self->calendar);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (day), g_date_time_get_month (day),
                  g_date_time_get_year (day));
  gtk_menu_button_popdown (self->calendar_button);
  add_holiday (self, &date);
}

static void
on_holiday_remove_clicked (GtkButton          *button,
                           KefuHoursPrefsPage *self)
{
  guint julian = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "julian"));

  for (guint i = 0; i < self->holidays->len; i++)
    if (g_array_index (self->holidays, guint, i) == julian)
      {
        g_array_remove_index (self->holidays, i);
        break;
      }
  rebuild_holidays (self);
  save_hours (self);
}

static void
rebuild_holidays (KefuHoursPrefsPage *self)
{
  for (guint i = 0; i < self->holiday_rows->len; i++)
    adw_preferences_group_remove (self->holiday_group, g_ptr_array_index (self->holiday_rows, i));
  g_ptr_array_set_size (self->holiday_rows, 0);

  for (guint i = 0; i < self->holidays->len; i++)
    {
      guint julian = g_array_index (self->holidays, guint, i);
      g_autofree char *title = format_holiday (julian);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this holiday"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove this holiday"), -1);
      g_object_set_data (G_OBJECT (remove), "julian", GUINT_TO_POINTER (julian));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_holiday_remove_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->holiday_group, row);
      g_ptr_array_add (self->holiday_rows, row);
    }
}

/* SLA targets, shown in hours and stored in minutes. */

static void
on_sla_changed (GtkSpinButton      *spin,
                KefuHoursPrefsPage *self)
{
  g_autofree char *minutes = NULL;

  if (self->syncing)
    return;
  minutes = g_strdup_printf ("%ld", MAX (lround (gtk_spin_button_get_value (spin) * 60.0), 1L));
  write_setting (self,
                 spin == self->first_response_spin ? KEFU_REPORT_SLA_FIRST_RESPONSE_SETTING
                                                   : KEFU_REPORT_SLA_RESOLUTION_SETTING,
                 minutes);
}

static void
set_sla_spin (GtkSpinButton *spin,
              GHashTable    *settings,
              const char    *key,
              int            fallback)
{
  const char *text = g_hash_table_lookup (settings, key);
  guint64 minutes;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 365 * 24 * 60, &minutes, NULL))
    minutes = (guint64)fallback;
  gtk_spin_button_set_value (spin, minutes / 60.0);
}

/* Loading. */

static void
settings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KefuHoursPrefsPage *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) settings = NULL;
  g_autoptr (KefuBusinessHours) hours = NULL;
  g_autoptr (GError) hours_error = NULL;

  settings = kefu_store_list_settings_finish (KEFU_STORE (object), result, &error);
  if (settings == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_hours_problem (self, error->message);
      return;
    }

  self->syncing = TRUE;
  hours = kefu_business_hours_new_from_json (g_hash_table_lookup (settings, KEFU_BUSINESS_HOURS_SETTING),
                                             &hours_error);
  if (hours != NULL)
    {
      g_autoptr (GArray) holidays = kefu_business_hours_dup_holidays (hours);

      g_free (self->time_zone);
      self->time_zone = g_strdup (kefu_business_hours_get_time_zone (hours));
      for (guint day = 0; day < 7; day++)
        {
          g_array_set_size (self->week[day], 0);
          for (guint i = 0; i < kefu_business_hours_get_n_intervals (hours, day + 1); i++)
            {
              Range range;

              kefu_business_hours_get_interval (hours, day + 1, i, &range.open_minute, &range.close_minute);
              g_array_append_val (self->week[day], range);
            }
        }
      g_array_set_size (self->holidays, 0);
      g_array_append_vals (self->holidays, holidays->data, holidays->len);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->zone_row), self->time_zone);
  for (guint day = 0; day < 7; day++)
    rebuild_day (self, day);
  rebuild_holidays (self);
  set_sla_spin (self->first_response_spin, settings, KEFU_REPORT_SLA_FIRST_RESPONSE_SETTING,
                KEFU_REPORT_SLA_FIRST_RESPONSE_DEFAULT);
  set_sla_spin (self->resolution_spin, settings, KEFU_REPORT_SLA_RESOLUTION_SETTING,
                KEFU_REPORT_SLA_RESOLUTION_DEFAULT);
  self->syncing = FALSE;
  self->loaded = TRUE;

  if (hours == NULL)
    {
      g_autofree char *problem = g_strdup_printf (_("The saved hours could not be read (%s); "
                                                    "a change here replaces them."),
                                                  hours_error->message);

      show_hours_problem (self, problem);
    }
}

/* Building the page. */

static GtkSpinButton *
add_sla_row (KefuHoursPrefsPage  *self,
             AdwPreferencesGroup *group,
             const char          *title,
             const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0.25, 24 * 365, 0.25);
  GtkWidget *unit = gtk_label_new (C_("hours unit", "h"));

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_sla_changed), self, 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), unit);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

static void
build_page (KefuHoursPrefsPage *self)
{
  AdwPreferencesGroup *zone_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *sla_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *popover_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *calendar_add = gtk_button_new_with_mnemonic (_("_Add Holiday"));
  GtkWidget *popover = gtk_popover_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Business Hours"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "preferences-system-time-symbolic");

  /* Time zone. */
  adw_preferences_group_set_title (zone_group, _("Time Zone"));
  adw_preferences_group_set_description (zone_group, _("Days, hours and holidays are counted in this "
                                                       "zone. Leave it empty to use this computer’s."));
  self->zone_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->zone_row), _("Time zone, like Asia/Shanghai"));
  adw_entry_row_set_show_apply_button (self->zone_row, TRUE);
  g_signal_connect_object (self->zone_row, "apply", G_CALLBACK (on_zone_applied), self, 0);
  adw_preferences_group_add (zone_group, GTK_WIDGET (self->zone_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), zone_group);

  /* The week. */
  self->week_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->week_group, _("Opening Hours"));
  show_hours_problem (self, NULL);
  for (guint day = 0; day < 7; day++)
    {
      self->day_rows[day] = ADW_EXPANDER_ROW (adw_expander_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->day_rows[day]), _(weekday_names[day]));
      adw_preferences_group_add (self->week_group, GTK_WIDGET (self->day_rows[day]));
      self->range_rows[day] = g_ptr_array_new ();
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->week_group);

  /* Holidays. */
  self->holiday_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->holiday_group, _("Holidays"));
  adw_preferences_group_set_description (self->holiday_group, _("The shop is closed all day on these dates."));
  self->holiday_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->holiday_row), _("Add a holiday, like 2026-10-01"));
  adw_entry_row_set_show_apply_button (self->holiday_row, TRUE);
  g_signal_connect_object (self->holiday_row, "apply", G_CALLBACK (on_holiday_applied), self, 0);
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_box_append (GTK_BOX (popover_box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (popover_box), calendar_add);
  g_signal_connect_object (calendar_add, "clicked", G_CALLBACK (on_calendar_add_clicked), self, 0);
  gtk_popover_set_child (GTK_POPOVER (popover), popover_box);
  self->calendar_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->calendar_button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->calendar_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->calendar_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->calendar_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->calendar_button), _("Pick a holiday on a calendar"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pick a holiday on a calendar"), -1);
  adw_entry_row_add_suffix (self->holiday_row, GTK_WIDGET (self->calendar_button));
  adw_preferences_group_add (self->holiday_group, GTK_WIDGET (self->holiday_row));
  self->holiday_rows = g_ptr_array_new ();
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->holiday_group);

  /* SLA targets. */
  adw_preferences_group_set_title (sla_group, _("Service Targets"));
  adw_preferences_group_set_description (sla_group, _("Counted in business hours. Reports show a ticket "
                                                      "that takes longer as a breach."));
  self->first_response_spin = add_sla_row (self, sla_group, _("First response within"),
                                           _("From a new ticket to the first reply by a person"));
  self->resolution_spin = add_sla_row (self, sla_group, _("Resolution within"),
                                       _("From a new ticket to resolved"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), sla_group);
}

static void
kefu_hours_prefs_page_dispose (GObject *object)
{
  KefuHoursPrefsPage *self = KEFU_HOURS_PREFS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->runtime);

  G_OBJECT_CLASS (kefu_hours_prefs_page_parent_class)->dispose (object);
}

static void
kefu_hours_prefs_page_finalize (GObject *object)
{
  KefuHoursPrefsPage *self = KEFU_HOURS_PREFS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->slots);
  g_free (self->time_zone);
  for (guint day = 0; day < 7; day++)
    {
      g_clear_pointer (&self->week[day], g_array_unref);
      g_clear_pointer (&self->range_rows[day], g_ptr_array_unref);
    }
  g_clear_pointer (&self->holidays, g_array_unref);
  g_clear_pointer (&self->holiday_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kefu_hours_prefs_page_parent_class)->finalize (object);
}

static void
kefu_hours_prefs_page_class_init (KefuHoursPrefsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_hours_prefs_page_dispose;
  object_class->finalize = kefu_hours_prefs_page_finalize;
}

static void
kefu_hours_prefs_page_init (KefuHoursPrefsPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->time_zone = g_strdup ("");
  self->slots = gtk_string_list_new (NULL);
  for (int slot = 0; slot < N_SLOTS; slot++)
    {
      g_autofree char *text = format_minute (slot * SLOT_MINUTES);

      gtk_string_list_append (self->slots, text);
    }
  for (guint day = 0; day < 7; day++)
    self->week[day] = g_array_new (FALSE, FALSE, sizeof (Range));
  self->holidays = g_array_new (FALSE, FALSE, sizeof (guint));
  build_page (self);
}

/**
 * kefu_hours_prefs_page_new:
 * @store: (nullable): the open store
 * @runtime: (nullable): the running channels and robot
 *
 * Returns: (transfer floating): the business hours page of Preferences
 */
AdwPreferencesPage *
kefu_hours_prefs_page_new (KefuStore   *store,
                           KefuRuntime *runtime)
{
  KefuHoursPrefsPage *self;

  g_return_val_if_fail (store == NULL || KEFU_IS_STORE (store), NULL);
  g_return_val_if_fail (runtime == NULL || KEFU_IS_RUNTIME (runtime), NULL);

  self = g_object_new (KEFU_TYPE_HOURS_PREFS_PAGE, NULL);
  self->runtime = runtime != NULL ? g_object_ref (runtime) : NULL;
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      kefu_store_list_settings_async (store, self->cancellable, settings_cb, self);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);

  return ADW_PREFERENCES_PAGE (self);
}

/* Whether the settings were read and the page shows them. */
gboolean
kefu_hours_prefs_page_get_loaded (KefuHoursPrefsPage *self)
{
  g_return_val_if_fail (KEFU_IS_HOURS_PREFS_PAGE (self), FALSE);

  return self->loaded;
}

/* Whether a change is on its way to the store. */
gboolean
kefu_hours_prefs_page_get_busy (KefuHoursPrefsPage *self)
{
  g_return_val_if_fail (KEFU_IS_HOURS_PREFS_PAGE (self), FALSE);

  return self->busy > 0;
}

guint
kefu_hours_prefs_page_get_n_ranges (KefuHoursPrefsPage *self,
                                    GDateWeekday        weekday)
{
  g_return_val_if_fail (KEFU_IS_HOURS_PREFS_PAGE (self), 0);
  g_return_val_if_fail (g_date_valid_weekday (weekday), 0);

  return self->week[weekday - 1]->len;
}

/**
 * kefu_hours_prefs_page_get_range_time:
 * @closing: the closing time's picker rather than the opening one
 *
 * Returns: (transfer none): the picker of the @position-th interval of @weekday
 */
GtkDropDown *
kefu_hours_prefs_page_get_range_time (KefuHoursPrefsPage *self,
                                      GDateWeekday        weekday,
                                      guint               position,
                                      gboolean            closing)
{
  GtkWidget *row;

  g_return_val_if_fail (KEFU_IS_HOURS_PREFS_PAGE (self), NULL);
  g_return_val_if_fail (g_date_valid_weekday (weekday), NULL);
  g_return_val_if_fail (position < self->range_rows[weekday - 1]->len, NULL);

  row = g_ptr_array_index (self->range_rows[weekday - 1], position);
  return g_object_get_data (G_OBJECT (row), closing ? "closes" : "opens");
}

GtkButton *
kefu_hours_prefs_page_get_add_button (KefuHoursPrefsPage *self,
                                      GDateWeekday        weekday)
{
  g_return_val_if_fail (KEFU_IS_HOURS_PREFS_PAGE (self), NULL);
  g_return_val_if_fail (g_date_valid_weekday (weekday), NULL);

  return self->add_buttons[weekday - 1];
}

AdwEntryRow *
kefu_hours_prefs_page_get_zone_row (KefuHoursPrefsPage *self)
{
  g_return_val_if_fail (KEFU_IS_HOURS_PREFS_PAGE (self), NULL);

  return self->zone_row;
}

AdwEntryRow *
kefu_hours_prefs_page_get_holiday_row (KefuHoursPrefsPage *self)
{
  g_return_val_if_fail (KEFU_IS_HOURS_PREFS_PAGE (self), NULL);

  return self->holiday_row;
}

guint
kefu_hours_prefs_page_get_n_holidays (KefuHoursPrefsPage *self)
{
  g_return_val_if_fail (KEFU_IS_HOURS_PREFS_PAGE (self), 0);

  return self->holidays->len;
}

GtkSpinButton *
kefu_hours_prefs_page_get_sla_spin (KefuHoursPrefsPage *self,
                                    gboolean            resolution)
{
  g_return_val_if_fail (KEFU_IS_HOURS_PREFS_PAGE (self), NULL);

  return resolution ? self->resolution_spin : self->first_response_spin;
}
