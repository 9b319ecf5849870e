/* kefu-customers-page.h: every customer, searchable, beside one's profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-customer-profile.h"
#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_CUSTOMERS_PAGE (kefu_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (KefuCustomersPage, kefu_customers_page, KEFU, CUSTOMERS_PAGE, GtkWidget)

GtkWidget           *kefu_customers_page_new         (void);
void                 kefu_customers_page_set_store   (KefuCustomersPage *self,
                                                      KefuStore         *store);
GListModel          *kefu_customers_page_get_model   (KefuCustomersPage *self);
gboolean             kefu_customers_page_get_loading (KefuCustomersPage *self);
void                 kefu_customers_page_search      (KefuCustomersPage *self,
                                                      const char        *text);
void                 kefu_customers_page_select      (KefuCustomersPage *self,
                                                      guint              position);
KefuCustomerProfile *kefu_customers_page_get_profile (KefuCustomersPage *self);
void                 kefu_customers_page_show_customer (KefuCustomersPage *self,
                                                       gint64             customer_id);

G_END_DECLS
