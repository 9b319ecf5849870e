/* kefu-chart-area.h: a KefuChart drawn in the window, with values on hover.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-chart.h"

G_BEGIN_DECLS

#define KEFU_TYPE_CHART_AREA (kefu_chart_area_get_type ())
G_DECLARE_FINAL_TYPE (KefuChartArea, kefu_chart_area, KEFU, CHART_AREA, GtkWidget)

GtkWidget *kefu_chart_area_new       (void);
KefuChart *kefu_chart_area_get_chart (KefuChartArea *self);
void       kefu_chart_area_set_chart (KefuChartArea *self,
                                      KefuChart     *chart);
/* The text shown on hover for @row (and heat-map @column). */
char      *kefu_chart_area_describe  (KefuChartArea *self,
                                      int            row,
                                      int            column);

G_END_DECLS
