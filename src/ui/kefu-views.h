/* kefu-views.h: the views the sidebar offers, in sidebar order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *id;          /* the win.show-view target */
  const char *title;       /* untranslated: translate with gettext */
  const char *icon_name;
  int         view;        /* a KefuView, or -1 for a page that arrives later */
  const char *description; /* untranslated: for an empty view, or the page that arrives later */
} KefuViewInfo;

#define KEFU_N_VIEWS 10

extern const KefuViewInfo kefu_views[KEFU_N_VIEWS];

int kefu_view_find (const char *id);

G_END_DECLS
