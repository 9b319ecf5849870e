/* kefu-account.h: a configured channel account (a mailbox, a SIP line, the chat server).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-core-types.h"

G_BEGIN_DECLS

/* Passwords are never here: they live in libsecret, keyed by the account id. */
typedef struct
{
  gint64           id;
  KefuChannelKind  kind;
  const char      *name;      /* "Support", "Sales line" */
  const char      *address;   /* support@shop.example, sip:100@pbx, … */
  const char      *config;    /* channel-specific settings as a JSON object */
  gboolean         enabled;
  gint64           created_at;
} KefuAccountFields;

#define KEFU_TYPE_ACCOUNT (kefu_account_get_type ())
G_DECLARE_FINAL_TYPE (KefuAccount, kefu_account, KEFU, ACCOUNT, GObject)

KefuAccount     *kefu_account_new            (const KefuAccountFields *fields);
gint64           kefu_account_get_id         (KefuAccount *self);
KefuChannelKind  kefu_account_get_kind       (KefuAccount *self);
const char      *kefu_account_get_name       (KefuAccount *self);
const char      *kefu_account_get_address    (KefuAccount *self);
const char      *kefu_account_get_config     (KefuAccount *self);
gboolean         kefu_account_get_enabled    (KefuAccount *self);
gint64           kefu_account_get_created_at (KefuAccount *self);

G_END_DECLS
