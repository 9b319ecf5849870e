/* kefu-report-pdf.h: the report on paper: figures, charts and tables as an A4 PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-report.h"

G_BEGIN_DECLS

/* Writes the PDF to @stream; any thread. Returns the number of pages, 0 on error. */
guint     kefu_report_write_pdf         (KefuReport           *report,
                                         const char           *shop_name,
                                         GOutputStream        *stream,
                                         GCancellable         *cancellable,
                                         GError              **error);

/* Writes it to @file (replaced) on a worker thread. */
void      kefu_report_export_pdf_async  (KefuReport           *report,
                                         const char           *shop_name,
                                         GFile                *file,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean  kefu_report_export_pdf_finish (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
