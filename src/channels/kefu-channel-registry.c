/* kefu-channel-registry.c: which GType implements each kind of channel.
 *
 * Channels are compiled in, one line each (STYLE.md §9); there is no plugin
 * loader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-channel-registry.h"
#include "kefu-email-channel.h"
#include "kefu-chat-channel.h"
#include "kefu-phone-channel.h"

typedef GType (*GetTypeFunc) (void);

static const struct {
  KefuChannelKind kind;
  GetTypeFunc     get_type;
} channels[] = {
  /* Email, chat and phone register here as their issues land (#3, #4, #5). */
  { KEFU_CHANNEL_KIND_EMAIL, kefu_email_channel_get_type },
  { KEFU_CHANNEL_KIND_CHAT, kefu_chat_channel_get_type },
  { KEFU_CHANNEL_KIND_PHONE, kefu_phone_channel_get_type },
};

/**
 * kefu_channel_registry_lookup:
 *
 * Returns: the #KefuChannel type for @kind, or %G_TYPE_INVALID when this
 *   build has none yet
 */
GType
kefu_channel_registry_lookup (KefuChannelKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    if (channels[i].kind == kind && channels[i].get_type != NULL)
      return channels[i].get_type ();

  return G_TYPE_INVALID;
}
