/* kefu-chart.c: bar, stacked bar, line and heat-map charts drawn with cairo and Pango.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include <pango/pangocairo.h>

#include "kefu-chart.h"

/* Fixed margins, so that hit testing needs no cairo context. */
#define TITLE_HEIGHT  (24.0)
#define LEGEND_HEIGHT (18.0)
#define AXIS_WIDTH    (44.0)
#define LABEL_HEIGHT  (20.0)
#define RIGHT_MARGIN  (8.0)

struct _KefuChart
{
  gatomicrefcount  ref_count;
  KefuChartKind    kind;
  char            *title;
  GPtrArray       *series;        /* char* names */
  GPtrArray       *row_labels;    /* char* */
  GPtrArray       *column_labels; /* char*, heat maps */
  GArray          *values;        /* double, row-major, n_columns wide */
};

G_DEFINE_BOXED_TYPE (KefuChart, kefu_chart, kefu_chart_ref, kefu_chart_unref)

typedef struct
{
  double x, y, width, height;
} Rect;

KefuChart *
kefu_chart_new (KefuChartKind  kind,
                const char    *title)
{
  KefuChart *self = g_new0 (KefuChart, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->title = g_strdup (title != NULL ? title : "");
  self->series = g_ptr_array_new_with_free_func (g_free);
  self->row_labels = g_ptr_array_new_with_free_func (g_free);
  self->column_labels = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, TRUE, sizeof (double));
  return self;
}

KefuChart *
kefu_chart_ref (KefuChart *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kefu_chart_unref (KefuChart *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->title);
  g_ptr_array_unref (self->series);
  g_ptr_array_unref (self->row_labels);
  g_ptr_array_unref (self->column_labels);
  g_array_unref (self->values);
  g_free (self);
}

void
kefu_chart_add_series (KefuChart  *self,
                       const char *name)
{
  g_return_if_fail (self->row_labels->len == 0);

  g_ptr_array_add (self->series, g_strdup (name));
}

void
kefu_chart_set_columns (KefuChart          *self,
                        const char * const *labels,
                        guint               n_labels)
{
  g_return_if_fail (self->row_labels->len == 0);

  for (guint i = 0; i < n_labels; i++)
    g_ptr_array_add (self->column_labels, g_strdup (labels[i]));
}

guint
kefu_chart_get_n_columns (KefuChart *self)
{
  return self->kind == KEFU_CHART_KIND_HEAT_MAP ? self->column_labels->len : self->series->len;
}

void
kefu_chart_add_row (KefuChart    *self,
                    const char   *label,
                    const double *values,
                    guint         n_values)
{
  guint n_columns = kefu_chart_get_n_columns (self);

  g_ptr_array_add (self->row_labels, g_strdup (label));
  for (guint i = 0; i < n_columns; i++)
    {
      double value = i < n_values ? values[i] : 0.0;

      g_array_append_val (self->values, value);
    }
}

KefuChartKind
kefu_chart_get_kind (KefuChart *self)
{
  return self->kind;
}

const char *
kefu_chart_get_title (KefuChart *self)
{
  return self->title;
}

guint
kefu_chart_get_n_series (KefuChart *self)
{
  return self->series->len;
}

const char *
kefu_chart_get_series_name (KefuChart *self,
                            guint      series)
{
  g_return_val_if_fail (series < self->series->len, NULL);

  return g_ptr_array_index (self->series, series);
}

guint
kefu_chart_get_n_rows (KefuChart *self)
{
  return self->row_labels->len;
}

const char *
kefu_chart_get_row_label (KefuChart *self,
                          guint      row)
{
  g_return_val_if_fail (row < self->row_labels->len, NULL);

  return g_ptr_array_index (self->row_labels, row);
}

const char *
kefu_chart_get_column_label (KefuChart *self,
                             guint      column)
{
  if (self->kind == KEFU_CHART_KIND_HEAT_MAP)
    return column < self->column_labels->len ? g_ptr_array_index (self->column_labels, column) : NULL;
  return column < self->series->len ? g_ptr_array_index (self->series, column) : NULL;
}

double
kefu_chart_get_value (KefuChart *self,
                      guint      row,
                      guint      column)
{
  guint n_columns = kefu_chart_get_n_columns (self);

  g_return_val_if_fail (row < self->row_labels->len && column < n_columns, 0.0);

  return g_array_index (self->values, double, row * n_columns + column);
}

void
kefu_chart_style_init_light (KefuChartStyle *style)
{
  /* libadwaita's palette: blue 3, green 4, orange 3, purple 3. */
  *style = (KefuChartStyle) {
    .foreground = { 0.0, 0.0, 0.0, 0.8 },
    .grid = { 0.0, 0.0, 0.0, 0.12 },
    .background = { 1.0, 1.0, 1.0, 1.0 },
    .series = {
      { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1.0 },
      { 0x2e / 255.0, 0xc2 / 255.0, 0x7e / 255.0, 1.0 },
      { 0xff / 255.0, 0x78 / 255.0, 0x00 / 255.0, 1.0 },
      { 0x91 / 255.0, 0x41 / 255.0, 0xac / 255.0, 1.0 },
    },
    .font = "Sans 9",
  };
}

void
kefu_chart_style_init_dark (KefuChartStyle *style)
{
  /* Lighter shades of the same hues, readable on a dark background. */
  *style = (KefuChartStyle) {
    .foreground = { 1.0, 1.0, 1.0, 0.9 },
    .grid = { 1.0, 1.0, 1.0, 0.15 },
    .background = { 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0, 1.0 },
    .series = {
      { 0x62 / 255.0, 0xa0 / 255.0, 0xea / 255.0, 1.0 },
      { 0x57 / 255.0, 0xe3 / 255.0, 0x89 / 255.0, 1.0 },
      { 0xff / 255.0, 0xa3 / 255.0, 0x48 / 255.0, 1.0 },
      { 0xc0 / 255.0, 0x61 / 255.0, 0xcb / 255.0, 1.0 },
    },
    .font = "Sans 9",
  };
}

static gboolean
has_legend (KefuChart *self)
{
  return self->kind != KEFU_CHART_KIND_HEAT_MAP && self->series->len > 1;
}

static Rect
plot_area (KefuChart *self,
           double     width,
           double     height)
{
  Rect plot;
  double top = TITLE_HEIGHT + (has_legend (self) ? LEGEND_HEIGHT : 0.0);

  plot.x = AXIS_WIDTH;
  plot.y = top + 10.0;
  plot.width = MAX (width - AXIS_WIDTH - RIGHT_MARGIN, 1.0);
  plot.height = MAX (height - plot.y - LABEL_HEIGHT, 1.0);
  return plot;
}

/* The largest value drawn: a row's sum when stacked. */
static double
max_value (KefuChart *self)
{
  guint n_columns = kefu_chart_get_n_columns (self);
  double max = 0.0;

  for (guint r = 0; r < self->row_labels->len; r++)
    {
      double sum = 0.0;

      for (guint c = 0; c < n_columns; c++)
        {
          double value = kefu_chart_get_value (self, r, c);

          if (self->kind == KEFU_CHART_KIND_STACKED_BAR)
            sum += value;
          else
            max = MAX (max, value);
        }
      max = MAX (max, sum);
    }
  return max;
}

static gboolean
all_whole (KefuChart *self)
{
  for (guint i = 0; i < self->values->len; i++)
    {
      double value = g_array_index (self->values, double, i);

      if (fabs (value - round (value)) > 1e-9)
        return FALSE;
    }
  return TRUE;
}

/* 1, 2 or 5 times a power of ten, at least @value. */
static double
nice_ceiling (double value)
{
  double magnitude, fraction;

  if (value <= 0.0)
    return 1.0;
  magnitude = pow (10.0, floor (log10 (value)));
  fraction = value / magnitude;
  if (fraction <= 1.0)
    return magnitude;
  if (fraction <= 2.0)
    return 2.0 * magnitude;
  if (fraction <= 5.0)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

static void
set_color (cairo_t              *cr,
           const KefuChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
draw_text (cairo_t              *cr,
           PangoLayout          *layout,
           const char           *text,
           double                x,
           double                y,
           double                x_align,
           double                y_align,
           const KefuChartColor *color)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  set_color (cr, color);
  cairo_move_to (cr, x - x_align * w, y - y_align * h);
  pango_cairo_show_layout (cr, layout);
}

static PangoLayout *
make_layout (cairo_t              *cr,
             const KefuChartStyle *style,
             gboolean              bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string (style->font);

  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  return layout;
}

static void
format_value (char   *buffer,
              gsize   size,
              double  value)
{
  if (fabs (value - round (value)) < 1e-9)
    g_snprintf (buffer, size, "%.0f", value);
  else
    g_snprintf (buffer, size, "%.1f", value);
}

static void
draw_axes (KefuChart            *self,
           cairo_t              *cr,
           PangoLayout          *layout,
           Rect                  plot,
           double                top,
           const KefuChartStyle *style)
{
  const guint n_lines = 4;

  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i <= n_lines; i++)
    {
      double y = plot.y + plot.height - plot.height * i / n_lines;
      char label[32];

      set_color (cr, &style->grid);
      cairo_move_to (cr, plot.x, floor (y) + 0.5);
      cairo_line_to (cr, plot.x + plot.width, floor (y) + 0.5);
      cairo_stroke (cr);
      format_value (label, sizeof label, top * i / n_lines);
      draw_text (cr, layout, label, plot.x - 6.0, y, 1.0, 0.5, &style->foreground);
    }
}

/* Row labels under the plot, thinned out so they never overlap. */
static void
draw_row_labels (KefuChart            *self,
                 cairo_t              *cr,
                 PangoLayout          *layout,
                 Rect                  plot,
                 const KefuChartStyle *style)
{
  guint n_rows = self->row_labels->len;
  double slot = plot.width / MAX (n_rows, 1);
  int widest = 1;
  guint step;

  for (guint r = 0; r < n_rows; r++)
    {
      int w, h;

      pango_layout_set_text (layout, g_ptr_array_index (self->row_labels, r), -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      widest = MAX (widest, w);
    }
  step = MAX (1, (guint)ceil ((widest + 8.0) / slot));
  for (guint r = 0; r < n_rows; r += step)
    draw_text (cr, layout, g_ptr_array_index (self->row_labels, r),
               plot.x + slot * (r + 0.5), plot.y + plot.height + 3.0, 0.5, 0.0, &style->foreground);
}

static void
draw_bars (KefuChart            *self,
           cairo_t              *cr,
           Rect                  plot,
           double                top,
           const KefuChartStyle *style,
           int                   highlight_row)
{
  guint n_rows = self->row_labels->len;
  guint n_series = MAX (self->series->len, 1);
  gboolean stacked = self->kind == KEFU_CHART_KIND_STACKED_BAR;
  double slot = plot.width / MAX (n_rows, 1);
  double bar_width = slot * 0.7 / (stacked ? 1 : n_series);

  for (guint r = 0; r < n_rows; r++)
    {
      double base = 0.0;
      double x0 = plot.x + slot * r + slot * 0.15;

      if ((int)r == highlight_row)
        {
          set_color (cr, &style->grid);
          cairo_rectangle (cr, plot.x + slot * r, plot.y, slot, plot.height);
          cairo_fill (cr);
        }
      for (guint s = 0; s < self->series->len; s++)
        {
          double value = kefu_chart_get_value (self, r, s);
          double h = plot.height * value / top;
          double x = stacked ? x0 : x0 + bar_width * s;
          double y = plot.y + plot.height - plot.height * (base + value) / top;

          set_color (cr, &style->series[s % G_N_ELEMENTS (style->series)]);
          cairo_rectangle (cr, x, y, MAX (bar_width - (stacked ? 0 : 1), 1.0), h);
          cairo_fill (cr);
          if (stacked)
            base += value;
        }
    }
}

static void
draw_lines (KefuChart            *self,
            cairo_t              *cr,
            Rect                  plot,
            double                top,
            const KefuChartStyle *style,
            int                   highlight_row)
{
  guint n_rows = self->row_labels->len;
  double slot = plot.width / MAX (n_rows, 1);

  if (highlight_row >= 0 && (guint)highlight_row < n_rows)
    {
      set_color (cr, &style->grid);
      cairo_rectangle (cr, plot.x + slot * highlight_row, plot.y, slot, plot.height);
      cairo_fill (cr);
    }
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < self->series->len; s++)
    {
      set_color (cr, &style->series[s % G_N_ELEMENTS (style->series)]);
      for (guint r = 0; r < n_rows; r++)
        {
          double x = plot.x + slot * (r + 0.5);
          double y = plot.y + plot.height - plot.height * kefu_chart_get_value (self, r, s) / top;

          if (r == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
      for (guint r = 0; r < n_rows; r++)
        {
          double x = plot.x + slot * (r + 0.5);
          double y = plot.y + plot.height - plot.height * kefu_chart_get_value (self, r, s) / top;

          cairo_arc (cr, x, y, (int)r == highlight_row ? 4.0 : 2.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
}

static void
draw_heat_map (KefuChart            *self,
               cairo_t              *cr,
               PangoLayout          *layout,
               Rect                  plot,
               double                max,
               const KefuChartStyle *style,
               int                   highlight_row,
               int                   highlight_column)
{
  guint n_rows = self->row_labels->len;
  guint n_columns = self->column_labels->len;
  double cell_w = plot.width / MAX (n_columns, 1);
  double cell_h = plot.height / MAX (n_rows, 1);
  const KefuChartColor *hot = &style->series[0];

  for (guint r = 0; r < n_rows; r++)
    {
      draw_text (cr, layout, g_ptr_array_index (self->row_labels, r),
                 plot.x - 6.0, plot.y + cell_h * (r + 0.5), 1.0, 0.5, &style->foreground);
      for (guint c = 0; c < n_columns; c++)
        {
          double value = kefu_chart_get_value (self, r, c);
          double share = max > 0 ? value / max : 0.0;

          /* Empty cells show the grid tint, so the grid is visible in both themes. */
          if (value > 0)
            cairo_set_source_rgba (cr, hot->red, hot->green, hot->blue, 0.15 + 0.85 * share);
          else
            set_color (cr, &style->grid);
          cairo_rectangle (cr, plot.x + cell_w * c + 1, plot.y + cell_h * r + 1,
                           MAX (cell_w - 2, 1), MAX (cell_h - 2, 1));
          cairo_fill (cr);
          if ((int)r == highlight_row && (int)c == highlight_column)
            {
              set_color (cr, &style->foreground);
              cairo_set_line_width (cr, 2.0);
              cairo_rectangle (cr, plot.x + cell_w * c + 1, plot.y + cell_h * r + 1,
                               MAX (cell_w - 2, 1), MAX (cell_h - 2, 1));
              cairo_stroke (cr);
            }
        }
    }
  for (guint c = 0; c < n_columns; c += (cell_w < 24 ? 3 : 1))
    draw_text (cr, layout, g_ptr_array_index (self->column_labels, c),
               plot.x + cell_w * (c + 0.5), plot.y + plot.height + 3.0, 0.5, 0.0, &style->foreground);
}

static void
draw_legend (KefuChart            *self,
             cairo_t              *cr,
             PangoLayout          *layout,
             double                width,
             const KefuChartStyle *style)
{
  double x = AXIS_WIDTH;

  for (guint s = 0; s < self->series->len; s++)
    {
      int w, h;

      set_color (cr, &style->series[s % G_N_ELEMENTS (style->series)]);
      cairo_rectangle (cr, x, TITLE_HEIGHT + 4, 10, 10);
      cairo_fill (cr);
      pango_layout_set_text (layout, g_ptr_array_index (self->series, s), -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      draw_text (cr, layout, g_ptr_array_index (self->series, s), x + 14, TITLE_HEIGHT + 9, 0.0, 0.5,
                 &style->foreground);
      x += 14 + w + 16;
    }
}

/**
 * kefu_chart_draw:
 *
 * Draws the chart; any thread that owns @cr.
 */
void
kefu_chart_draw (KefuChart            *self,
                 cairo_t              *cr,
                 double                width,
                 double                height,
                 const KefuChartStyle *style,
                 int                   highlight_row,
                 int                   highlight_column)
{
  g_autoptr (PangoLayout) layout = NULL;
  g_autoptr (PangoLayout) title = NULL;
  Rect plot;
  double max, top, step;

  g_return_if_fail (self != NULL && cr != NULL && style != NULL);

  cairo_save (cr);
  layout = make_layout (cr, style, FALSE);
  title = make_layout (cr, style, TRUE);
  draw_text (cr, title, self->title, 0, 2, 0.0, 0.0, &style->foreground);
  if (has_legend (self))
    draw_legend (self, cr, layout, width, style);

  /* An empty period (no tags, no agent) says so rather than draw bare axes. */
  if (self->row_labels->len == 0)
    {
      draw_text (cr, layout, _("Nothing in this period"), width / 2, height / 2, 0.5, 0.5,
                 &style->foreground);
      cairo_restore (cr);
      return;
    }

  plot = plot_area (self, width, height);
  max = max_value (self);
  if (self->kind == KEFU_CHART_KIND_HEAT_MAP)
    {
      draw_heat_map (self, cr, layout, plot, max, style, highlight_row, highlight_column);
      cairo_restore (cr);
      return;
    }

  /* Four grid steps of a round size; counts never get fractional steps. */
  step = nice_ceiling (max / 4.0);
  if (step < 1.0 && all_whole (self))
    step = 1.0;
  top = step * 4.0;
  draw_axes (self, cr, layout, plot, top, style);
  if (self->kind == KEFU_CHART_KIND_LINE)
    draw_lines (self, cr, plot, top, style, highlight_row);
  else
    draw_bars (self, cr, plot, top, style, highlight_row);
  draw_row_labels (self, cr, layout, plot, style);
  cairo_restore (cr);
}

gboolean
kefu_chart_hit (KefuChart *self,
                double     width,
                double     height,
                double     x,
                double     y,
                int       *row,
                int       *column)
{
  Rect plot = plot_area (self, width, height);
  guint n_rows = self->row_labels->len;

  *row = -1;
  *column = -1;
  if (n_rows == 0 || x < plot.x || x >= plot.x + plot.width || y < plot.y || y >= plot.y + plot.height)
    return FALSE;
  if (self->kind == KEFU_CHART_KIND_HEAT_MAP)
    {
      guint n_columns = MAX (self->column_labels->len, 1);

      *row = MIN ((guint)((y - plot.y) / (plot.height / n_rows)), n_rows - 1);
      *column = MIN ((guint)((x - plot.x) / (plot.width / n_columns)), n_columns - 1);
      return TRUE;
    }
  *row = MIN ((guint)((x - plot.x) / (plot.width / n_rows)), n_rows - 1);
  return TRUE;
}
