/* kefu-report-content.h: what a report shows, as translated figures and charts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Reports page and the PDF show the same things in the same words:
 * both build them here from a KefuReport.
 */

#pragma once

#include "kefu-chart.h"
#include "kefu-report.h"

G_BEGIN_DECLS

/* One headline figure with its comparison to the previous period. */
typedef struct
{
  char *label;
  char *current;
  char *previous;
  char *change;        /* "+50%", "−20%", or "—" when there is nothing to compare */
} KefuReportFigure;

void        kefu_report_figure_free        (KefuReportFigure *figure);

/* Returns: (transfer container) (element-type KefuReportFigure) */
GPtrArray  *kefu_report_build_figures      (KefuReport       *report);
/* Returns: (transfer container) (element-type KefuChart): new tickets,
 * backlog, busiest hours, satisfaction, top tags, and agents when more
 * than one agent had tickets. */
GPtrArray  *kefu_report_build_charts       (KefuReport       *report);

char       *kefu_report_format_duration    (gint64            duration);
char       *kefu_report_format_period      (KefuReport       *report);
const char *kefu_report_channel_name       (int               channel);

G_END_DECLS
