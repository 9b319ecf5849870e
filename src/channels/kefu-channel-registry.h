/* kefu-channel-registry.h: which GType implements each kind of channel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-channel.h"

G_BEGIN_DECLS

GType kefu_channel_registry_lookup (KefuChannelKind kind);

G_END_DECLS
