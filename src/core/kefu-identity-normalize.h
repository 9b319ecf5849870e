/* kefu-identity-normalize.h: one spelling for every address, number and visitor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-core-types.h"

G_BEGIN_DECLS

#define KEFU_IDENTITY_ERROR (kefu_identity_error_quark ())

typedef enum
{
  KEFU_IDENTITY_ERROR_INVALID,
} KefuIdentityError;

GQuark  kefu_identity_error_quark (void);
char   *kefu_identity_normalize   (KefuIdentityKind   kind,
                                   const char        *raw,
                                   const char        *default_region,
                                   GError           **error);

G_END_DECLS
