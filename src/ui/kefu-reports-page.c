/* kefu-reports-page.c: the Reports page: figures and charts for a period, and export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is computed by kefu_report_compute_async() on a store reader
 * thread; the page only lays out the finished report. A newer request
 * cancels the one in flight, and a burst of store changes recomputes once.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kefu-business-hours.h"
#include "kefu-chart-view.h"
#include "kefu-report-content.h"
#include "kefu-report-csv.h"
#include "kefu-report-pdf.h"
#include "kefu-reports-page.h"

/* How long the store must be quiet before the report is made again, in ms. */
#define RECOMPUTE_DELAY (1500)

enum {
  RANGE_7_DAYS,
  RANGE_30_DAYS,
  RANGE_90_DAYS,
  RANGE_THIS_MONTH,
  RANGE_LAST_MONTH,
  RANGE_CUSTOM,
};

struct _KefuReportsPage
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkFlowBox      *charts_box;
  GtkDropDown     *channel_dropdown;
  GtkButton       *csv_button;
  AdwStatusPage   *error_page;
  GtkFlowBox      *figures_box;
  GtkMenuButton   *from_button;
  GtkCalendar     *from_calendar;
  GtkButton       *pdf_button;
  GtkLabel        *period_label;
  GtkDropDown     *range_dropdown;
  GtkStack        *stack;
  GtkMenuButton   *to_button;
  GtkCalendar     *to_calendar;
  AdwToastOverlay *toast_overlay;

  /* owned */
  KefuStore       *store;
  KefuReport      *report;
  GTimeZone       *tz;              /* the shop's, once the settings are read */
  GCancellable    *cancellable;     /* the computation in flight */
  GCancellable    *export_cancellable;
  GtkNativeDialog *chooser;
  guint            recompute_id;
  gboolean         loading;
  gboolean         dirty;           /* to reload when next shown */
};

G_DEFINE_FINAL_TYPE (KefuReportsPage, kefu_reports_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void compute (KefuReportsPage *self);

static void
set_loading (KefuReportsPage *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static GDateTime *
local_midnight (KefuReportsPage *self,
                int              year,
                int              month,
                int              day)
{
  return g_date_time_new (self->tz, year, month, day, 0, 0, 0);
}

/* The selected period as [from, to) in the shop's zone. */
static void
selected_range (KefuReportsPage *self,
                gint64          *from,
                gint64          *to)
{
  g_autoptr (GDateTime) now = g_date_time_new_now (self->tz);
  g_autoptr (GDateTime) today = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  int y, m, d;

  g_date_time_get_ymd (now, &y, &m, &d);
  today = local_midnight (self, y, m, d);
  switch (gtk_drop_down_get_selected (self->range_dropdown))
    {
    case RANGE_7_DAYS:
      end = g_date_time_add_days (today, 1);
      start = g_date_time_add_days (end, -7);
      break;
    case RANGE_90_DAYS:
      end = g_date_time_add_days (today, 1);
      start = g_date_time_add_days (end, -90);
      break;
    case RANGE_THIS_MONTH:
      start = local_midnight (self, y, m, 1);
      end = g_date_time_add_months (start, 1);
      break;
    case RANGE_LAST_MONTH:
      end = local_midnight (self, y, m, 1);
      start = g_date_time_add_months (end, -1);
      break;
    case RANGE_CUSTOM:
      {
        g_autoptr (GDateTime) first = gtk_calendar_get_date (self->from_calendar);
        g_autoptr (GDateTime) last = gtk_calendar_get_date (self->to_calendar);
        g_autoptr (GDateTime) last_start = NULL;

        if (g_date_time_compare (first, last) > 0)
          {
            GDateTime *swap = first;

            first = last;
            last = swap;
          }
        start = local_midnight (self, g_date_time_get_year (first), g_date_time_get_month (first),
                                g_date_time_get_day_of_month (first));
        last_start = local_midnight (self, g_date_time_get_year (last), g_date_time_get_month (last),
                                     g_date_time_get_day_of_month (last));
        end = g_date_time_add_days (last_start, 1);
      }
      break;
    case RANGE_30_DAYS:
    default:
      end = g_date_time_add_days (today, 1);
      start = g_date_time_add_days (end, -30);
      break;
    }
  *from = g_date_time_to_unix (start) * G_USEC_PER_SEC;
  *to = g_date_time_to_unix (end) * G_USEC_PER_SEC;
}

static int
selected_channel (KefuReportsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->channel_dropdown);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? KEFU_REPORT_ALL_CHANNELS : (int)selected - 1;
}

static void
update_custom_labels (KefuReportsPage *self)
{
  g_autoptr (GDateTime) first = gtk_calendar_get_date (self->from_calendar);
  g_autoptr (GDateTime) last = gtk_calendar_get_date (self->to_calendar);
  g_autofree char *first_text = g_date_time_format (first, "%Y-%m-%d");
  g_autofree char *last_text = g_date_time_format (last, "%Y-%m-%d");

  gtk_menu_button_set_label (self->from_button, first_text);
  gtk_menu_button_set_label (self->to_button, last_text);
}

static GtkWidget *
figure_card (KefuReportFigure *figure)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (figure->label);
  GtkWidget *value = gtk_label_new (figure->current);
  /* Translators: under a figure: the previous period's value and the change. */
  g_autofree char *compared = g_strdup_printf (_("Before: %1$s (%2$s)"), figure->previous, figure->change);
  GtkWidget *previous = gtk_label_new (compared);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "report-figure");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (card), box);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_widget_add_css_class (value, "title-2");
  gtk_widget_add_css_class (value, "numeric");
  gtk_label_set_xalign (GTK_LABEL (previous), 0);
  gtk_widget_add_css_class (previous, "caption");
  gtk_widget_add_css_class (previous, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), previous);
  return card;
}

/* gtk_flow_box_remove_all() is GTK 4.12. */
static void
clear_flow_box (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

static void
show_report (KefuReportsPage *self)
{
  g_autoptr (GPtrArray) figures = kefu_report_build_figures (self->report);
  g_autoptr (GPtrArray) charts = kefu_report_build_charts (self->report);
  g_autofree char *period = kefu_report_format_period (self->report);
  g_autofree char *before = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *previous_from = kefu_report_format_local (self->report, self->report->previous->from, "%Y-%m-%d");

  /* Translators: the report's period, its channel, and the start of the period it is compared with. */
  heading = g_strdup_printf (_("%1$s · %2$s · compared with the same length from %3$s"), period,
                             kefu_report_channel_name (self->report->channel), previous_from);
  gtk_label_set_label (self->period_label, heading);

  clear_flow_box (self->figures_box);
  for (guint i = 0; i < figures->len; i++)
    gtk_flow_box_append (self->figures_box, figure_card (g_ptr_array_index (figures, i)));
  clear_flow_box (self->charts_box);
  for (guint i = 0; i < charts->len; i++)
    gtk_flow_box_append (self->charts_box, kefu_chart_view_new (g_ptr_array_index (charts, i)));

  gtk_widget_set_sensitive (GTK_WIDGET (self->csv_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
compute_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (KefuReportsPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuReport) report = NULL;

  report = kefu_report_compute_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (report == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_clear_pointer (&self->report, kefu_report_unref);
  self->report = g_steal_pointer (&report);
  show_report (self);
}

static void
settings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (KefuReportsPage) self = user_data;
  g_autoptr (GHashTable) settings = NULL;
  g_autoptr (KefuBusinessHours) hours = NULL;
  g_autoptr (GError) error = NULL;
  const char *zone;

  settings = kefu_store_list_settings_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A damaged timetable is reported by the computation itself; days are
   * then counted in the local zone. */
  if (settings != NULL)
    hours = kefu_business_hours_new_from_json (g_hash_table_lookup (settings, KEFU_BUSINESS_HOURS_SETTING), NULL);
  zone = hours != NULL ? kefu_business_hours_get_time_zone (hours) : "";
  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = zone[0] != '\0' ? g_time_zone_new_identifier (zone) : NULL;
  if (self->tz == NULL)
    self->tz = g_time_zone_new_local ();
  compute (self);
}

/* Reads the shop's zone, then computes: days are the shop's days. */
static void
reload (KefuReportsPage *self)
{
  if (self->store == NULL)
    return;
  /* Nobody looks: make it when the page is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  if (self->report == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  kefu_store_list_settings_async (self->store, self->cancellable, settings_cb, g_object_ref (self));
}

static void
compute (KefuReportsPage *self)
{
  gint64 from, to;

  if (self->store == NULL)
    return;
  if (self->tz == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      reload (self);
      return;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  selected_range (self, &from, &to);
  set_loading (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  kefu_report_compute_async (self->store, from, to, selected_channel (self), 0, self->cancellable,
                             compute_cb, g_object_ref (self));
}

static void
on_filter_changed (KefuReportsPage *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->range_dropdown) == RANGE_CUSTOM;

  gtk_widget_set_visible (GTK_WIDGET (self->from_button), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_button), custom);
  if (custom)
    update_custom_labels (self);
  compute (self);
}

static void
on_custom_day_selected (KefuReportsPage *self)
{
  update_custom_labels (self);
  if (gtk_drop_down_get_selected (self->range_dropdown) == RANGE_CUSTOM)
    compute (self);
}

static gboolean
recompute_cb (gpointer user_data)
{
  KefuReportsPage *self = user_data;

  self->recompute_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (KefuReportsPage *self)
{
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  self->recompute_id = g_timeout_add (RECOMPUTE_DELAY, recompute_cb, self);
}

static void
toast (KefuReportsPage *self,
       const char      *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
export_csv_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (KefuReportsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!kefu_report_export_csv_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  toast (self, _("The CSV files were saved"));
}

static void
export_pdf_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (KefuReportsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!kefu_report_export_pdf_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  toast (self, _("The PDF report was saved"));
}

typedef struct
{
  KefuReportsPage *page;
  GFile           *directory;
} CsvExport;

static void
csv_export_free (CsvExport *export)
{
  g_object_unref (export->page);
  g_object_unref (export->directory);
  g_free (export);
}

/* The CSV ticket list needs subjects, which the dashboard does without:
 * the same period is read again with them first. */
static void
csv_report_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CsvExport *export = user_data;
  g_autoptr (KefuReport) report = NULL;
  g_autoptr (GError) error = NULL;

  report = kefu_report_compute_finish (KEFU_STORE (object), result, &error);
  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (export->page, error->message);
    }
  else
    kefu_report_export_csv_async (report, export->directory, export->page->export_cancellable,
                                  export_csv_cb, g_object_ref (export->page));
  csv_export_free (export);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     KefuReportsPage *self)
{
  gboolean pdf = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->report != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      if (pdf)
        kefu_report_export_pdf_async (self->report, NULL, file, self->export_cancellable,
                                      export_pdf_cb, g_object_ref (self));
      else
        {
          CsvExport *export = g_new0 (CsvExport, 1);

          export->page = g_object_ref (self);
          export->directory = g_object_ref (file);
          kefu_report_compute_async (self->store, self->report->current->from, self->report->current->to,
                                     self->report->channel, KEFU_REPORT_FACTS_SUBJECTS,
                                     self->export_cancellable, csv_report_cb, export);
        }
    }
  g_clear_object (&self->chooser);
}

static void
open_chooser (KefuReportsPage      *self,
              GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean pdf = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  GtkFileChooserNative *chooser;

  if (self->report == NULL || self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (pdf ? _("Export the Report as PDF") : _("Export the Report as CSV Files"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, action,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (pdf)
    {
      g_autofree char *day = kefu_report_format_local (self->report, self->report->current->from, "%Y-%m-%d");
      /* Translators: the suggested file name of a PDF report; keep the .pdf. */
      g_autofree char *name = g_strdup_printf (_("kefu-report-%s.pdf"), day);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (self->chooser);
}

static void
on_csv_button_clicked (KefuReportsPage *self)
{
  open_chooser (self, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
on_pdf_button_clicked (KefuReportsPage *self)
{
  open_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
kefu_reports_page_map (GtkWidget *widget)
{
  KefuReportsPage *self = KEFU_REPORTS_PAGE (widget);

  GTK_WIDGET_CLASS (kefu_reports_page_parent_class)->map (widget);
  if (self->dirty)
    reload (self);
}

static void
kefu_reports_page_dispose (GObject *object)
{
  KefuReportsPage *self = KEFU_REPORTS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_REPORTS_PAGE);
  /* The template's outer box has no id, so it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->report, kefu_report_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (kefu_reports_page_parent_class)->dispose (object);
}

static void
kefu_reports_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KefuReportsPage *self = KEFU_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_reports_page_class_init (KefuReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_reports_page_dispose;
  object_class->get_property = kefu_reports_page_get_property;
  widget_class->map = kefu_reports_page_map;

  /**
   * KefuReportsPage:loading:
   *
   * Whether a report is being computed.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KEFU_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, csv_button);
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, KefuReportsPage, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_csv_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_pdf_button_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kefu_reports_page_init (KefuReportsPage *self)
{
  self->export_cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kefu_reports_page_new (void)
{
  return g_object_new (KEFU_TYPE_REPORTS_PAGE, NULL);
}

/**
 * kefu_reports_page_set_store:
 *
 * Makes the report from @store now, and again when it changes.
 */
void
kefu_reports_page_set_store (KefuReportsPage *self,
                             KefuStore       *store)
{
  g_return_if_fail (KEFU_IS_REPORTS_PAGE (self));
  g_return_if_fail (store == NULL || KEFU_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  reload (self);
}

KefuReport *
kefu_reports_page_get_report (KefuReportsPage *self)
{
  g_return_val_if_fail (KEFU_IS_REPORTS_PAGE (self), NULL);

  return self->report;
}

gboolean
kefu_reports_page_get_loading (KefuReportsPage *self)
{
  g_return_val_if_fail (KEFU_IS_REPORTS_PAGE (self), FALSE);

  return self->loading;
}

void
kefu_reports_page_set_range (KefuReportsPage *self,
                             const char      *preset)
{
  static const char *presets[] = { "7-days", "30-days", "90-days", "this-month", "last-month" };

  g_return_if_fail (KEFU_IS_REPORTS_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_strcmp0 (preset, presets[i]) == 0)
      gtk_drop_down_set_selected (self->range_dropdown, i);
}

void
kefu_reports_page_set_custom (KefuReportsPage *self,
                              GDate           *first,
                              GDate           *last)
{
  g_autoptr (GDateTime) first_time = NULL;
  g_autoptr (GDateTime) last_time = NULL;

  g_return_if_fail (KEFU_IS_REPORTS_PAGE (self));

  first_time = g_date_time_new_local (g_date_get_year (first), g_date_get_month (first), g_date_get_day (first), 12, 0, 0);
  last_time = g_date_time_new_local (g_date_get_year (last), g_date_get_month (last), g_date_get_day (last), 12, 0, 0);
  gtk_calendar_select_day (self->from_calendar, first_time);
  gtk_calendar_select_day (self->to_calendar, last_time);
  if (gtk_drop_down_get_selected (self->range_dropdown) == RANGE_CUSTOM)
    on_filter_changed (self);
  else
    gtk_drop_down_set_selected (self->range_dropdown, RANGE_CUSTOM);
}

void
kefu_reports_page_set_channel (KefuReportsPage *self,
                               int              channel)
{
  g_return_if_fail (KEFU_IS_REPORTS_PAGE (self));

  gtk_drop_down_set_selected (self->channel_dropdown,
                              channel == KEFU_REPORT_ALL_CHANNELS ? 0 : (guint)channel + 1);
}
