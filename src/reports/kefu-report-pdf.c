/* kefu-report-pdf.c: laying the report out on A4 pages with cairo and Pango.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Top to bottom: a heading with the shop, period and channel; the headline
 * figures against the previous period; each chart; then the tables behind
 * the charts that have rows (tags, agents). A block that does not fit on
 * the page starts the next one, and every page is numbered.
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "kefu-chart.h"
#include "kefu-report-content.h"
#include "kefu-report-pdf.h"

/* A4 in points, and the margins. */
#define PAGE_WIDTH   (595.0)
#define PAGE_HEIGHT  (842.0)
#define MARGIN       (50.0)
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define CHART_HEIGHT (250.0)
#define ROW_HEIGHT   (17.0)

typedef struct
{
  cairo_t       *cr;
  double         y;
  guint          page;
  guint          n_pages;       /* 0 while counting them */
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} Writer;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Writer *writer = closure;

  if (writer->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  /* The first pass only counts the pages. */
  if (writer->stream == NULL)
    return CAIRO_STATUS_SUCCESS;
  if (!g_output_stream_write_all (writer->stream, data, length, NULL, writer->cancellable, &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
show_text_full (Writer     *writer,
                const char *text,
                double      x,
                double      y,
                double      width,
                const char *font,
                double      x_align,
                gboolean    wrap,
                double     *height);

static void
show_text (Writer     *writer,
           const char *text,
           double      x,
           double      y,
           double      width,
           const char *font,
           double      x_align,
           double     *height)
{
  show_text_full (writer, text, x, y, width, font, x_align, FALSE, height);
}

static void
show_text_full (Writer     *writer,
                const char *text,
                double      x,
                double      y,
                double      width,
                const char *font,
                double      x_align,
                gboolean    wrap,
                double     *height)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (writer->cr);
  g_autoptr (PangoFontDescription) description = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  if (wrap)
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  else
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (x_align > 0)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (writer->cr, 0.1, 0.1, 0.1);
  cairo_move_to (writer->cr, x, y);
  pango_cairo_show_layout (writer->cr, layout);
  if (height != NULL)
    *height = h;
}

static void
footer (Writer *writer)
{
  /* Translators: the footer of each page of the PDF report. */
  g_autofree char *text = g_strdup_printf (_("Page %1$u of %2$u"), writer->page,
                                           MAX (writer->n_pages, writer->page));

  show_text (writer, text, MARGIN, PAGE_HEIGHT - MARGIN + 16, CONTENT_WIDTH, "Sans 8", 1.0, NULL);
}

static void
new_page (Writer *writer)
{
  footer (writer);
  cairo_show_page (writer->cr);
  writer->page++;
  writer->y = MARGIN;
}

/* Starts a new page unless @height still fits on this one. */
static void
need (Writer *writer,
      double  height)
{
  if (writer->y + height > PAGE_HEIGHT - MARGIN)
    new_page (writer);
}

static void
rule (Writer *writer,
      double  y)
{
  cairo_set_source_rgba (writer->cr, 0, 0, 0, 0.15);
  cairo_set_line_width (writer->cr, 0.5);
  cairo_move_to (writer->cr, MARGIN, y);
  cairo_line_to (writer->cr, MARGIN + CONTENT_WIDTH, y);
  cairo_stroke (writer->cr);
}

static void
heading (Writer     *writer,
         KefuReport *report,
         const char *shop_name)
{
  g_autofree char *period = kefu_report_format_period (report);
  g_autofree char *made = kefu_report_format_local (report, report->made_at, "%Y-%m-%d %H:%M");
  g_autofree char *subtitle = NULL;
  double h;

  show_text (writer, shop_name != NULL && shop_name[0] != '\0' ? shop_name : _("Customer service report"),
             MARGIN, writer->y, CONTENT_WIDTH, "Sans Bold 18", 0, &h);
  writer->y += h + 4;
  /* Translators: the report's period, channel, time zone and when it was made. */
  subtitle = g_strdup_printf (_("%1$s · %2$s · time zone %3$s · made %4$s"), period,
                              kefu_report_channel_name (report->channel),
                              report->time_zone[0] != '\0' ? report->time_zone : _("local"), made);
  show_text_full (writer, subtitle, MARGIN, writer->y, CONTENT_WIDTH, "Sans 9", 0, TRUE, &h);
  writer->y += h + 14;
}

static void
table_row (Writer      *writer,
           const char  *cells[],
           const double widths[],
           guint        n_cells,
           gboolean     bold)
{
  double x = MARGIN;

  need (writer, ROW_HEIGHT);
  for (guint i = 0; i < n_cells; i++)
    {
      show_text (writer, cells[i], x + (i > 0 ? 0 : 2), writer->y + 2, widths[i] - 6,
                 bold ? "Sans Bold 9" : "Sans 9", i > 0 ? 1.0 : 0.0, NULL);
      x += widths[i];
    }
  writer->y += ROW_HEIGHT;
  rule (writer, writer->y);
}

static void
section_title (Writer     *writer,
               const char *title,
               double      keep_with)
{
  double h;

  need (writer, 30 + keep_with);
  show_text (writer, title, MARGIN, writer->y, CONTENT_WIDTH, "Sans Bold 12", 0, &h);
  writer->y += h + 6;
}

static void
figures_table (Writer     *writer,
               KefuReport *report)
{
  g_autoptr (GPtrArray) figures = kefu_report_build_figures (report);
  const double widths[] = { 175, 120, 125, 75 };
  const char *header[] = { _("Figure"), _("This period"), _("Previous period"), _("Change") };

  section_title (writer, _("At a glance"), ROW_HEIGHT * 3);
  table_row (writer, header, widths, 4, TRUE);
  for (guint i = 0; i < figures->len; i++)
    {
      KefuReportFigure *figure = g_ptr_array_index (figures, i);
      const char *cells[] = { figure->label, figure->current, figure->previous, figure->change };

      table_row (writer, cells, widths, 4, FALSE);
    }
  writer->y += 18;
}

static void
chart_block (Writer    *writer,
             KefuChart *chart)
{
  KefuChartStyle style;

  if (kefu_chart_get_n_rows (chart) == 0)
    return;
  kefu_chart_style_init_light (&style);
  need (writer, CHART_HEIGHT + 16);
  cairo_save (writer->cr);
  cairo_translate (writer->cr, MARGIN, writer->y);
  kefu_chart_draw (chart, writer->cr, CONTENT_WIDTH, CHART_HEIGHT, &style, -1, -1);
  cairo_restore (writer->cr);
  writer->y += CHART_HEIGHT + 16;
}

/* The numbers behind a chart, as a table: one row per category. */
static void
chart_table (Writer    *writer,
             KefuChart *chart)
{
  guint n_columns = kefu_chart_get_n_columns (chart);
  g_autofree double *widths = NULL;
  g_autofree const char **cells = NULL;

  if (kefu_chart_get_n_rows (chart) == 0 || n_columns > 4)
    return;
  widths = g_new0 (double, n_columns + 1);
  cells = g_new0 (const char *, n_columns + 1);
  widths[0] = CONTENT_WIDTH - 120.0 * n_columns;
  for (guint c = 0; c < n_columns; c++)
    widths[c + 1] = 120.0;

  /* A table short enough for one page is never split across two. */
  section_title (writer, kefu_chart_get_title (chart),
                 MIN (ROW_HEIGHT * (kefu_chart_get_n_rows (chart) + 1), PAGE_HEIGHT - 2 * MARGIN - 60));
  cells[0] = "";
  for (guint c = 0; c < n_columns; c++)
    cells[c + 1] = kefu_chart_get_column_label (chart, c);
  table_row (writer, cells, widths, n_columns + 1, TRUE);
  for (guint r = 0; r < kefu_chart_get_n_rows (chart); r++)
    {
      g_auto (GStrv) values = g_new0 (char *, n_columns + 1);

      cells[0] = kefu_chart_get_row_label (chart, r);
      for (guint c = 0; c < n_columns; c++)
        {
          values[c] = g_strdup_printf ("%g", kefu_chart_get_value (chart, r, c));
          cells[c + 1] = values[c];
        }
      table_row (writer, cells, widths, n_columns + 1, FALSE);
    }
  writer->y += 18;
}

/**
 * kefu_report_write_pdf:
 * @shop_name: (nullable): shown as the heading
 *
 * Lays the report out as an A4 PDF written to @stream. Any thread.
 *
 * Returns: the number of pages, or 0 with @error set
 */
/* Lays the whole report out once, on pages of @surface. */
static void
lay_out (Writer          *writer,
         cairo_surface_t *surface,
         KefuReport      *report,
         const char      *shop_name)
{
  g_autoptr (GPtrArray) charts = kefu_report_build_charts (report);

  writer->page = 1;
  writer->y = MARGIN;
  writer->cr = cairo_create (surface);
  heading (writer, report, shop_name);
  figures_table (writer, report);
  for (guint i = 0; i < charts->len; i++)
    chart_block (writer, g_ptr_array_index (charts, i));
  /* Tables for the charts whose rows are named things (not days or hours). */
  for (guint i = 3; i < charts->len; i++)
    chart_table (writer, g_ptr_array_index (charts, i));
  footer (writer);
  g_clear_pointer (&writer->cr, cairo_destroy);
}

/**
 * kefu_report_write_pdf:
 * @shop_name: (nullable): shown as the heading
 *
 * Lays the report out as an A4 PDF written to @stream, every page numbered
 * "Page 2 of 3": a first pass counts the pages. Any thread.
 *
 * Returns: the number of pages, or 0 with @error set
 */
guint
kefu_report_write_pdf (KefuReport     *report,
                       const char     *shop_name,
                       GOutputStream  *stream,
                       GCancellable   *cancellable,
                       GError        **error)
{
  Writer writer = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (report != NULL, 0);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), 0);

  writer.cancellable = cancellable;
  surface = cairo_pdf_surface_create_for_stream (write_cb, &writer, PAGE_WIDTH, PAGE_HEIGHT);
  lay_out (&writer, surface, report, shop_name);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  writer.n_pages = writer.page;

  writer.stream = stream;
  surface = cairo_pdf_surface_create_for_stream (write_cb, &writer, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Customer service report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Kefu " PACKAGE_VERSION);
  lay_out (&writer, surface, report, shop_name);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (writer.error != NULL)
    {
      g_propagate_prefixed_error (error, writer.error, "%s", _("Could not write the PDF: "));
      return 0;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the PDF: %s"),
                   cairo_status_to_string (status));
      return 0;
    }
  return writer.page;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KefuReport *report = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  const char *shop_name = g_object_get_data (G_OBJECT (task), "shop-name");
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GError) error = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error);
  if (stream == NULL ||
      kefu_report_write_pdf (report, shop_name, G_OUTPUT_STREAM (stream), cancellable, &error) == 0 ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
kefu_report_export_pdf_async (KefuReport          *report,
                              const char          *shop_name,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (report != NULL);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_report_export_pdf_async);
  g_task_set_task_data (task, kefu_report_ref (report), (GDestroyNotify)kefu_report_unref);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "shop-name", g_strdup (shop_name), g_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
kefu_report_export_pdf_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
