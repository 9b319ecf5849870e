/* kefu-identity.h: one way to reach a customer (an address, a number, a chat visitor).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-core-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64            id;
  gint64            customer_id;
  KefuIdentityKind  kind;
  const char       *value;     /* normalised: lower-case address, E.164 number, visitor token */
  const char       *display;   /* as the customer wrote it, for showing */
  gint64            created_at;
} KefuIdentityFields;

#define KEFU_TYPE_IDENTITY (kefu_identity_get_type ())
G_DECLARE_FINAL_TYPE (KefuIdentity, kefu_identity, KEFU, IDENTITY, GObject)

KefuIdentity     *kefu_identity_new             (const KefuIdentityFields *fields);
gint64            kefu_identity_get_id          (KefuIdentity *self);
gint64            kefu_identity_get_customer_id (KefuIdentity *self);
KefuIdentityKind  kefu_identity_get_kind        (KefuIdentity *self);
const char       *kefu_identity_get_value       (KefuIdentity *self);
const char       *kefu_identity_get_display     (KefuIdentity *self);
gint64            kefu_identity_get_created_at  (KefuIdentity *self);

G_END_DECLS
