/* kefu-chat-config.h: the chat server's settings, read from its account's JSON config.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KEFU_CHAT_DEFAULT_ADDRESS "127.0.0.1"
#define KEFU_CHAT_DEFAULT_PORT    8642

/* Every limit is bounded when parsed, so a bad config cannot disable it. */
typedef struct
{
  char   *address;             /* "127.0.0.1", "0.0.0.0", a LAN address */
  guint   port;                /* 0: any free port (tests) */
  char  **origins;             /* allowed Origin values; NULL or empty: same host only */
  char   *tls_certificate;     /* PEM file, or NULL for plain HTTP */
  char   *tls_key;
  char   *shop_name;
  char   *color;               /* "#RRGGBB" */
  char   *greeting;
  guint   max_frame_size;      /* bytes of one WebSocket frame */
  guint   max_text_length;     /* characters of one message */
  guint   max_image_size;      /* bytes of one image, decoded */
  guint   max_connections_per_ip;
  guint   visitor_burst;       /* frames a visitor may send at once … */
  guint   visitor_per_minute;  /* … and then per minute */
  guint   ip_burst;
  guint   ip_per_minute;
} KefuChatConfig;

#define KEFU_TYPE_CHAT_CONFIG (kefu_chat_config_get_type ())
GType           kefu_chat_config_get_type       (void) G_GNUC_CONST;
KefuChatConfig *kefu_chat_config_new            (void);
KefuChatConfig *kefu_chat_config_new_from_json  (const char            *json,
                                                 GError               **error);
KefuChatConfig *kefu_chat_config_copy           (const KefuChatConfig  *self);
void            kefu_chat_config_free           (KefuChatConfig        *self);
char           *kefu_chat_config_to_json        (const KefuChatConfig  *self);
gboolean        kefu_chat_config_allows_origin  (const KefuChatConfig  *self,
                                                 const char            *origin,
                                                 const char            *host);
/* runtime: what kefuctl chat and the account editor share */
gboolean        kefu_chat_config_check          (const KefuChatConfig  *self,
                                                 GError               **error);
char           *kefu_chat_config_dup_embed_snippet (const KefuChatConfig *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuChatConfig, kefu_chat_config_free)

G_END_DECLS
