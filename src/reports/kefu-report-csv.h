/* kefu-report-csv.h: every chart's numbers, and the raw tickets, as CSV files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180 (CRLF, quotes doubled), UTF-8 without a byte order mark. Column
 * names are fixed English identifiers so that scripts can rely on them;
 * times are ISO 8601 in the shop's zone; durations are in minutes of
 * business time. Text that a spreadsheet would run as a formula (= + - @)
 * gets a leading apostrophe.
 */

#pragma once

#include <gio/gio.h>

#include "kefu-report.h"

G_BEGIN_DECLS

typedef enum
{
  KEFU_REPORT_CSV_SUMMARY,
  KEFU_REPORT_CSV_NEW_TICKETS,
  KEFU_REPORT_CSV_BACKLOG,
  KEFU_REPORT_CSV_BUSIEST_HOURS,
  KEFU_REPORT_CSV_TAGS,
  KEFU_REPORT_CSV_SATISFACTION,
  KEFU_REPORT_CSV_AGENTS,
  KEFU_REPORT_CSV_TICKETS,
  KEFU_REPORT_CSV_N_FILES,
} KefuReportCsv;

const char *kefu_report_csv_file_name      (KefuReportCsv         which);
char       *kefu_report_csv_build          (KefuReport           *report,
                                            KefuReportCsv         which);

/* Writes every file into @directory (created if missing), off the main thread. */
void        kefu_report_export_csv_async   (KefuReport           *report,
                                            GFile                *directory,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    kefu_report_export_csv_finish  (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
