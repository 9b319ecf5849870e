/* kefu-timeline-event.h: a ticket's events as sentences in its timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-inbox-records.h"

G_BEGIN_DECLS

char *kefu_timeline_event_describe (const KefuTicketEvent *event,
                                    GListModel            *agents);

G_END_DECLS
