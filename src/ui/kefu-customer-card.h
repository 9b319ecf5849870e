/* kefu-customer-card.h: who the customer is and every way to reach them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_CUSTOMER_CARD (kefu_customer_card_get_type ())
G_DECLARE_FINAL_TYPE (KefuCustomerCard, kefu_customer_card, KEFU, CUSTOMER_CARD, GtkWidget)

GtkWidget    *kefu_customer_card_new          (void);
KefuCustomer *kefu_customer_card_get_customer (KefuCustomerCard *self);
void          kefu_customer_card_set_customer (KefuCustomerCard *self,
                                               KefuCustomer     *customer);

G_END_DECLS
