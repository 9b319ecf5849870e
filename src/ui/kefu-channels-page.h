/* kefu-channels-page.h: the Channels page: every mailbox, chat server and phone line, live.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "kefu-account-row.h"
#include "kefu-runtime.h"
#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_TYPE_CHANNELS_PAGE (kefu_channels_page_get_type ())
G_DECLARE_FINAL_TYPE (KefuChannelsPage, kefu_channels_page, KEFU, CHANNELS_PAGE, GtkWidget)

GtkWidget      *kefu_channels_page_new         (void);
void            kefu_channels_page_set_store   (KefuChannelsPage *self,
                                                KefuStore        *store);
void            kefu_channels_page_set_runtime (KefuChannelsPage *self,
                                                KefuRuntime      *runtime);
gboolean        kefu_channels_page_get_loading (KefuChannelsPage *self);
KefuAccountRow *kefu_channels_page_find_row    (KefuChannelsPage *self,
                                                gint64            account_id);
GtkWindow      *kefu_channels_page_get_editor  (KefuChannelsPage *self);

G_END_DECLS
