/* kefu-snooze-popover.c: choosing when a snoozed ticket comes back.
 *
 * Three presets cover most snoozes (later today, tomorrow morning, next
 * Monday morning); a calendar and a time pick any other moment. The
 * popover only says when, through "snooze"; the ticket controls do it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-snooze-popover.h"

#define MORNING_HOUR 9
#define LATER_HOURS  3

struct _KefuSnoozePopover
{
  GtkPopover     parent_instance;

  /* template widgets */
  GtkCalendar   *calendar;
  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;
};

G_DEFINE_FINAL_TYPE (KefuSnoozePopover, kefu_snooze_popover, GTK_TYPE_POPOVER)

enum {
  SNOOZE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_snooze (KefuSnoozePopover *self,
             GDateTime         *when)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SNOOZE], 0, g_date_time_to_unix (when) * G_USEC_PER_SEC);
}

static void
on_preset_clicked (KefuSnoozePopover *self,
                   GtkButton         *button)
{
  KefuSnoozePreset preset = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "preset"));
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) when = kefu_snooze_preset_time (preset, now);

  emit_snooze (self, when);
}

static void
on_custom_clicked (KefuSnoozePopover *self,
                   GtkButton         *button)
{
  g_autoptr (GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr (GDateTime) when = NULL;

  when = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin), 0);
  if (when != NULL)
    emit_snooze (self, when);
}

/* Two digits, as a clock shows minutes. */
static gboolean
on_spin_output (GtkSpinButton *spin,
                gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
kefu_snooze_popover_show (GtkWidget *widget)
{
  KefuSnoozePopover *self = KEFU_SNOOZE_POPOVER (widget);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) tomorrow = kefu_snooze_preset_time (KEFU_SNOOZE_TOMORROW, now);

  /* A custom time starts from tomorrow morning. */
  gtk_calendar_select_day (self->calendar, tomorrow);
  gtk_spin_button_set_value (self->hour_spin, MORNING_HOUR);
  gtk_spin_button_set_value (self->minute_spin, 0);

  GTK_WIDGET_CLASS (kefu_snooze_popover_parent_class)->show (widget);
}

static void
kefu_snooze_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KEFU_TYPE_SNOOZE_POPOVER);

  G_OBJECT_CLASS (kefu_snooze_popover_parent_class)->dispose (object);
}

static void
kefu_snooze_popover_class_init (KefuSnoozePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_snooze_popover_dispose;

  widget_class->show = kefu_snooze_popover_show;

  /**
   * KefuSnoozePopover::snooze:
   * @until: when the ticket comes back, in µs since the epoch
   */
  signals[SNOOZE] =
    g_signal_new ("snooze", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-snooze-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuSnoozePopover, calendar);
  gtk_widget_class_bind_template_child (widget_class, KefuSnoozePopover, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, KefuSnoozePopover, minute_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_preset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_output);
}

static void
kefu_snooze_popover_init (KefuSnoozePopover *self)
{
  GtkWidget *box;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The presets are the first three buttons of the popover's box. */
  box = gtk_popover_get_child (GTK_POPOVER (self));
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *name = gtk_widget_get_name (child);

      if (g_strcmp0 (name, "later-today") == 0)
        g_object_set_data (G_OBJECT (child), "preset", GINT_TO_POINTER (KEFU_SNOOZE_LATER_TODAY));
      else if (g_strcmp0 (name, "tomorrow") == 0)
        g_object_set_data (G_OBJECT (child), "preset", GINT_TO_POINTER (KEFU_SNOOZE_TOMORROW));
      else if (g_strcmp0 (name, "next-week") == 0)
        g_object_set_data (G_OBJECT (child), "preset", GINT_TO_POINTER (KEFU_SNOOZE_NEXT_WEEK));
    }
}

GtkWidget *
kefu_snooze_popover_new (void)
{
  return g_object_new (KEFU_TYPE_SNOOZE_POPOVER, NULL);
}

/**
 * kefu_snooze_preset_time:
 * @now: the local time now
 *
 * Returns: (transfer full): when @preset ends, in local time: three hours
 *   from now, tomorrow at 9:00, or next Monday at 9:00
 */
GDateTime *
kefu_snooze_preset_time (KefuSnoozePreset  preset,
                         GDateTime        *now)
{
  g_autoptr (GDateTime) day = NULL;
  int days;

  g_return_val_if_fail (now != NULL, NULL);

  switch (preset)
    {
    case KEFU_SNOOZE_LATER_TODAY:
      return g_date_time_add_hours (now, LATER_HOURS);

    case KEFU_SNOOZE_NEXT_WEEK:
      /* Monday is 1; from a Monday, the Monday after. */
      days = 8 - g_date_time_get_day_of_week (now);
      break;

    case KEFU_SNOOZE_TOMORROW:
    default:
      days = 1;
      break;
    }

  day = g_date_time_add_days (now, days);

  return g_date_time_new (g_date_time_get_timezone (now),
                          g_date_time_get_year (day), g_date_time_get_month (day),
                          g_date_time_get_day_of_month (day), MORNING_HOUR, 0, 0);
}
