/* kefu-chart.h: a chart's numbers, and drawing them on any cairo_t.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same drawing serves the PDF (on a cairo PDF surface) and the UI's
 * chart widget (on a GtkSnapshot's cairo node), so what a shop owner prints
 * is what they saw. The caller picks the colours (light or dark).
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  KEFU_CHART_KIND_BAR,
  KEFU_CHART_KIND_STACKED_BAR,
  KEFU_CHART_KIND_LINE,
  KEFU_CHART_KIND_HEAT_MAP,
} KefuChartKind;

typedef struct
{
  double red, green, blue, alpha;
} KefuChartColor;

/* What to draw with: text and grid from the theme, one colour per series. */
typedef struct
{
  KefuChartColor foreground;
  KefuChartColor grid;
  KefuChartColor background;
  KefuChartColor series[4];
  const char    *font;          /* a Pango font description, e.g. "Sans 9" */
} KefuChartStyle;

typedef struct _KefuChart KefuChart;

#define KEFU_TYPE_CHART (kefu_chart_get_type ())

GType           kefu_chart_get_type          (void) G_GNUC_CONST;

/* @title is shown above; rows are categories (x axis, or heat map rows). */
KefuChart      *kefu_chart_new               (KefuChartKind          kind,
                                              const char            *title);
KefuChart      *kefu_chart_ref               (KefuChart             *self);
void            kefu_chart_unref             (KefuChart             *self);

void            kefu_chart_add_series        (KefuChart             *self,
                                              const char            *name);
/* Appends a row: one value per series (per column for a heat map). */
void            kefu_chart_add_row           (KefuChart             *self,
                                              const char            *label,
                                              const double          *values,
                                              guint                  n_values);
/* Heat maps: the column labels (hours). */
void            kefu_chart_set_columns       (KefuChart             *self,
                                              const char * const    *labels,
                                              guint                  n_labels);

KefuChartKind   kefu_chart_get_kind          (KefuChart             *self);
const char     *kefu_chart_get_title         (KefuChart             *self);
guint           kefu_chart_get_n_series      (KefuChart             *self);
const char     *kefu_chart_get_series_name   (KefuChart             *self,
                                              guint                  series);
guint           kefu_chart_get_n_rows        (KefuChart             *self);
const char     *kefu_chart_get_row_label     (KefuChart             *self,
                                              guint                  row);
guint           kefu_chart_get_n_columns     (KefuChart             *self);
const char     *kefu_chart_get_column_label  (KefuChart             *self,
                                              guint                  column);
double          kefu_chart_get_value         (KefuChart             *self,
                                              guint                  row,
                                              guint                  column);

/* Draws into the rectangle (0, 0, @width, @height) of @cr. @highlight_row
 * is the row under the pointer, or -1. */
void            kefu_chart_draw              (KefuChart             *self,
                                              cairo_t               *cr,
                                              double                 width,
                                              double                 height,
                                              const KefuChartStyle  *style,
                                              int                    highlight_row,
                                              int                    highlight_column);
/* Which row (and heat-map column) is at (@x, @y), for hover; FALSE if none. */
gboolean        kefu_chart_hit               (KefuChart             *self,
                                              double                 width,
                                              double                 height,
                                              double                 x,
                                              double                 y,
                                              int                   *row,
                                              int                   *column);

/* The light style (paper, and the UI's light theme) and the dark one. */
void            kefu_chart_style_init_light  (KefuChartStyle        *style);
void            kefu_chart_style_init_dark   (KefuChartStyle        *style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuChart, kefu_chart_unref)

G_END_DECLS
