/* kefu-chart-view.c: a chart with a switch to the table of the same numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table is plain labels in a grid, so a screen reader reads every
 * number the chart shows, row by row.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-chart-area.h"
#include "kefu-chart-view.h"

struct _KefuChartView
{
  GtkWidget          parent_instance;

  /* template widgets */
  KefuChartArea     *area;
  GtkStack          *stack;
  GtkGrid           *table;
  GtkScrolledWindow *table_scroller;
  GtkToggleButton   *table_button;
  GtkLabel          *table_title;
};

G_DEFINE_FINAL_TYPE (KefuChartView, kefu_chart_view, GTK_TYPE_WIDGET)

static void
add_cell (KefuChartView *self,
          const char    *text,
          int            column,
          int            row,
          gboolean       header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0f : 1.0f);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  else if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (self->table, label, column, row, 1, 1);
}

static void
fill_table (KefuChartView *self)
{
  KefuChart *chart = kefu_chart_area_get_chart (self->area);
  GtkWidget *child;
  guint n_columns;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
  if (chart == NULL)
    return;

  gtk_label_set_label (self->table_title, kefu_chart_get_title (chart));
  n_columns = kefu_chart_get_n_columns (chart);
  /* A flow box line gets its minimum height: ask for the rows to be seen. */
  gtk_scrolled_window_set_min_content_height (self->table_scroller,
                                              (int)MIN (kefu_chart_get_n_rows (chart) + 1, 12) * 24);
  add_cell (self, "", 0, 0, TRUE);
  for (guint c = 0; c < n_columns; c++)
    add_cell (self, kefu_chart_get_column_label (chart, c), (int)c + 1, 0, TRUE);
  for (guint r = 0; r < kefu_chart_get_n_rows (chart); r++)
    {
      add_cell (self, kefu_chart_get_row_label (chart, r), 0, (int)r + 1, FALSE);
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *value = g_strdup_printf ("%g", kefu_chart_get_value (chart, r, c));

          add_cell (self, value, (int)c + 1, (int)r + 1, FALSE);
        }
    }
}

static void
on_table_button_toggled (KefuChartView *self)
{
  gboolean table = gtk_toggle_button_get_active (self->table_button);

  if (table && gtk_widget_get_first_child (GTK_WIDGET (self->table)) == NULL)
    fill_table (self);
  gtk_stack_set_visible_child_name (self->stack, table ? "table" : "chart");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->table_button),
                               table ? _("Show as Chart") : _("Show as Table"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  table ? _("Show as Chart") : _("Show as Table"), -1);
}

static void
kefu_chart_view_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), KEFU_TYPE_CHART_VIEW);
  /* The template's overlay has no id, so it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kefu_chart_view_parent_class)->dispose (object);
}

static void
kefu_chart_view_class_init (KefuChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_chart_view_dispose;

  g_type_ensure (KEFU_TYPE_CHART_AREA);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-chart-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuChartView, area);
  gtk_widget_class_bind_template_child (widget_class, KefuChartView, stack);
  gtk_widget_class_bind_template_child (widget_class, KefuChartView, table);
  gtk_widget_class_bind_template_child (widget_class, KefuChartView, table_button);
  gtk_widget_class_bind_template_child (widget_class, KefuChartView, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, KefuChartView, table_title);
  gtk_widget_class_bind_template_callback (widget_class, on_table_button_toggled);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartview");
}

static void
kefu_chart_view_init (KefuChartView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kefu_chart_view_new (KefuChart *chart)
{
  KefuChartView *self = g_object_new (KEFU_TYPE_CHART_VIEW, NULL);

  kefu_chart_area_set_chart (self->area, chart);
  return GTK_WIDGET (self);
}

KefuChart *
kefu_chart_view_get_chart (KefuChartView *self)
{
  g_return_val_if_fail (KEFU_IS_CHART_VIEW (self), NULL);

  return kefu_chart_area_get_chart (self->area);
}

gboolean
kefu_chart_view_get_table (KefuChartView *self)
{
  g_return_val_if_fail (KEFU_IS_CHART_VIEW (self), FALSE);

  return gtk_toggle_button_get_active (self->table_button);
}

void
kefu_chart_view_set_table (KefuChartView *self,
                           gboolean       table)
{
  g_return_if_fail (KEFU_IS_CHART_VIEW (self));

  gtk_toggle_button_set_active (self->table_button, table);
}
