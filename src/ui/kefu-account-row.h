/* kefu-account-row.h: one channel account on the Channels page, with its live state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kefu-account.h"
#include "kefu-channel.h"

G_BEGIN_DECLS

#define KEFU_TYPE_ACCOUNT_ROW (kefu_account_row_get_type ())
G_DECLARE_FINAL_TYPE (KefuAccountRow, kefu_account_row, KEFU, ACCOUNT_ROW, AdwActionRow)

GtkWidget   *kefu_account_row_new          (KefuAccount    *account);
KefuAccount *kefu_account_row_get_account  (KefuAccountRow *self);
void         kefu_account_row_set_channel  (KefuAccountRow *self,
                                            KefuChannel    *channel);
char        *kefu_account_row_dup_state    (KefuAccountRow *self);
const char  *kefu_account_kind_icon_name   (KefuChannelKind kind);

G_END_DECLS
