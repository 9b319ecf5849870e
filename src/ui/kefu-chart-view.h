/* kefu-chart-view.h: a chart with a switch to the table of the same numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-chart.h"

G_BEGIN_DECLS

#define KEFU_TYPE_CHART_VIEW (kefu_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (KefuChartView, kefu_chart_view, KEFU, CHART_VIEW, GtkWidget)

GtkWidget *kefu_chart_view_new        (KefuChart     *chart);
KefuChart *kefu_chart_view_get_chart  (KefuChartView *self);
gboolean   kefu_chart_view_get_table  (KefuChartView *self);
void       kefu_chart_view_set_table  (KefuChartView *self,
                                       gboolean       table);

G_END_DECLS
