/* kefu-customer-profile.h: one customer: who they are, notes, and every ticket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_CUSTOMER_PROFILE (kefu_customer_profile_get_type ())
G_DECLARE_FINAL_TYPE (KefuCustomerProfile, kefu_customer_profile, KEFU, CUSTOMER_PROFILE, GtkWidget)

GtkWidget    *kefu_customer_profile_new             (void);
void          kefu_customer_profile_set_store       (KefuCustomerProfile *self,
                                                     KefuStore           *store);
void          kefu_customer_profile_set_customer_id (KefuCustomerProfile *self,
                                                     gint64               customer_id);
KefuCustomer *kefu_customer_profile_get_customer    (KefuCustomerProfile *self);
GListModel   *kefu_customer_profile_get_tickets     (KefuCustomerProfile *self);
void          kefu_customer_profile_edit            (KefuCustomerProfile *self,
                                                     const char          *name,
                                                     const char          *company,
                                                     const char          *notes);
gboolean      kefu_customer_profile_get_saving      (KefuCustomerProfile *self);
guint         kefu_customer_profile_get_n_suggestions (KefuCustomerProfile *self);
guint         kefu_customer_profile_get_n_merges    (KefuCustomerProfile *self);
gboolean      kefu_customer_profile_get_merging     (KefuCustomerProfile *self);

G_END_DECLS
