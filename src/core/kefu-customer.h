/* kefu-customer.h: a person the shop talks to, with every way to reach them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-core-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64      id;
  const char *name;
  const char *company;
  const char *notes;
  const char *language;       /* BCP 47 tag, or NULL when unknown */
  guint       ticket_count;
  gint64      created_at;
  gint64      updated_at;
  gint64      last_contact_at;
} KefuCustomerFields;

#define KEFU_TYPE_CUSTOMER (kefu_customer_get_type ())
G_DECLARE_FINAL_TYPE (KefuCustomer, kefu_customer, KEFU, CUSTOMER, GObject)

KefuCustomer *kefu_customer_new                 (const KefuCustomerFields *fields,
                                                 GPtrArray                *identities);
gint64        kefu_customer_get_id              (KefuCustomer *self);
const char   *kefu_customer_get_name            (KefuCustomer *self);
const char   *kefu_customer_get_company         (KefuCustomer *self);
const char   *kefu_customer_get_notes           (KefuCustomer *self);
const char   *kefu_customer_get_language        (KefuCustomer *self);
guint         kefu_customer_get_ticket_count    (KefuCustomer *self);
gint64        kefu_customer_get_created_at      (KefuCustomer *self);
gint64        kefu_customer_get_updated_at      (KefuCustomer *self);
gint64        kefu_customer_get_last_contact_at (KefuCustomer *self);
GPtrArray    *kefu_customer_get_identities      (KefuCustomer *self);
KefuIdentity *kefu_customer_find_identity       (KefuCustomer     *self,
                                                 KefuIdentityKind  kind);

G_END_DECLS
