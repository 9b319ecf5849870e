/* kefu-chart-area.c: a KefuChart drawn in the window, with values on hover.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing is src/reports' kefu_chart_draw(), the same as in the PDF, in
 * the light or dark palette as libadwaita's style manager says. The row
 * under the pointer is highlighted and its numbers are the tooltip; screen
 * readers get the same numbers from KefuChartView's table.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kefu-chart-area.h"

struct _KefuChartArea
{
  GtkWidget  parent_instance;

  /* owned */
  KefuChart *chart;
  int        hover_row;
  int        hover_column;
};

G_DEFINE_FINAL_TYPE (KefuChartArea, kefu_chart_area, GTK_TYPE_WIDGET)

static void
set_hover (KefuChartArea *self,
           int            row,
           int            column)
{
  if (self->hover_row == row && self->hover_column == column)
    return;
  self->hover_row = row;
  self->hover_column = column;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           KefuChartArea            *self)
{
  int row = -1, column = -1;

  if (self->chart != NULL)
    kefu_chart_hit (self->chart, gtk_widget_get_width (GTK_WIDGET (self)),
                    gtk_widget_get_height (GTK_WIDGET (self)), x, y, &row, &column);
  set_hover (self, row, column);
}

static void
on_leave (GtkEventControllerMotion *controller,
          KefuChartArea            *self)
{
  set_hover (self, -1, -1);
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  KefuChartArea *self = KEFU_CHART_AREA (widget);
  g_autofree char *text = NULL;
  int row, column;

  if (self->chart == NULL ||
      !kefu_chart_hit (self->chart, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                       x, y, &row, &column))
    return FALSE;
  text = kefu_chart_area_describe (self, row, column);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_dark_changed (KefuChartArea *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
kefu_chart_area_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KefuChartArea *self = KEFU_CHART_AREA (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  KefuChartStyle style;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    kefu_chart_style_init_dark (&style);
  else
    kefu_chart_style_init_light (&style);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  kefu_chart_draw (self->chart, cr, width, height, &style, self->hover_row, self->hover_column);
  cairo_destroy (cr);
}

static void
kefu_chart_area_dispose (GObject *object)
{
  KefuChartArea *self = KEFU_CHART_AREA (object);

  g_clear_pointer (&self->chart, kefu_chart_unref);

  G_OBJECT_CLASS (kefu_chart_area_parent_class)->dispose (object);
}

static void
kefu_chart_area_class_init (KefuChartAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_chart_area_dispose;
  widget_class->snapshot = kefu_chart_area_snapshot;

  gtk_widget_class_set_css_name (widget_class, "chartarea");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kefu_chart_area_init (KefuChartArea *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->hover_row = -1;
  self->hover_column = -1;
  gtk_widget_set_size_request (GTK_WIDGET (self), 280, 220);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
kefu_chart_area_new (void)
{
  return g_object_new (KEFU_TYPE_CHART_AREA, NULL);
}

KefuChart *
kefu_chart_area_get_chart (KefuChartArea *self)
{
  g_return_val_if_fail (KEFU_IS_CHART_AREA (self), NULL);

  return self->chart;
}

void
kefu_chart_area_set_chart (KefuChartArea *self,
                           KefuChart     *chart)
{
  g_return_if_fail (KEFU_IS_CHART_AREA (self));

  if (self->chart == chart)
    return;
  g_clear_pointer (&self->chart, kefu_chart_unref);
  if (chart != NULL)
    self->chart = kefu_chart_ref (chart);
  self->hover_row = -1;
  self->hover_column = -1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  chart != NULL ? kefu_chart_get_title (chart) : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * kefu_chart_area_describe:
 *
 * Returns: (transfer full): "03-02 — Email: 1, Chat: 1, Phone: 0", or for a
 *   heat map "Mon 10:00 — 3"
 */
char *
kefu_chart_area_describe (KefuChartArea *self,
                          int            row,
                          int            column)
{
  KefuChart *chart = self->chart;
  GString *text;

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (row >= 0 && (guint)row < kefu_chart_get_n_rows (chart), NULL);

  text = g_string_new (kefu_chart_get_row_label (chart, row));
  if (kefu_chart_get_kind (chart) == KEFU_CHART_KIND_HEAT_MAP)
    {
      /* Translators: a cell of the busiest-hours map: weekday, hour, count. */
      g_string_printf (text, _("%1$s %2$s:00 — %3$g"), kefu_chart_get_row_label (chart, row),
                       kefu_chart_get_column_label (chart, column),
                       kefu_chart_get_value (chart, row, column));
      return g_string_free (text, FALSE);
    }
  g_string_append (text, " —");
  for (guint s = 0; s < kefu_chart_get_n_series (chart); s++)
    g_string_append_printf (text, "%s %s: %g", s > 0 ? "," : "", kefu_chart_get_series_name (chart, s),
                            kefu_chart_get_value (chart, row, s));
  return g_string_free (text, FALSE);
}
