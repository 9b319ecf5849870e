/* kefu-reports-page.h: the Reports page: how the shop's service is doing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-report.h"
#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_REPORTS_PAGE (kefu_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (KefuReportsPage, kefu_reports_page, KEFU, REPORTS_PAGE, GtkWidget)

GtkWidget  *kefu_reports_page_new         (void);
void        kefu_reports_page_set_store   (KefuReportsPage *self,
                                           KefuStore       *store);
/* The report shown, or NULL while the first one computes. */
KefuReport *kefu_reports_page_get_report  (KefuReportsPage *self);
gboolean    kefu_reports_page_get_loading (KefuReportsPage *self);
/* Presets: "7-days", "30-days", "90-days", "this-month", "last-month". */
void        kefu_reports_page_set_range   (KefuReportsPage *self,
                                           const char      *preset);
void        kefu_reports_page_set_custom  (KefuReportsPage *self,
                                           GDate           *first,
                                           GDate           *last);
void        kefu_reports_page_set_channel (KefuReportsPage *self,
                                           int              channel);

G_END_DECLS
