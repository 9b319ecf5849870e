/* kefu-contact-uri.h: tel:, sip: and mailto: links, and the customer they name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-store.h"

G_BEGIN_DECLS

gboolean  kefu_contact_uri_parse                (const char           *uri,
                                                 KefuIdentityKind     *kind,
                                                 char                **address,
                                                 GError              **error);
void      kefu_contact_uri_find_customer_async  (KefuStore            *store,
                                                 const char           *uri,
                                                 const char           *default_region,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gint64    kefu_contact_uri_find_customer_finish (KefuStore            *store,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
