/* kefu-chat-protocol.h: the widget's JSON frames, parsed, validated and built.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-message.h"

G_BEGIN_DECLS

#define KEFU_CHAT_PROTOCOL_VERSION 1

#define KEFU_CHAT_PROTOCOL_ERROR (kefu_chat_protocol_error_quark ())

/* Sent to the visitor as the "code" of an error frame, by nick. */
typedef enum
{
  KEFU_CHAT_PROTOCOL_ERROR_MALFORMED,     /* not JSON, not an object, unknown type */
  KEFU_CHAT_PROTOCOL_ERROR_INVALID,       /* a field missing or out of range */
  KEFU_CHAT_PROTOCOL_ERROR_TOO_LARGE,     /* text or image over the limit */
  KEFU_CHAT_PROTOCOL_ERROR_VERSION,       /* a protocol version we do not speak */
  KEFU_CHAT_PROTOCOL_ERROR_NOT_READY,     /* a frame before hello */
  KEFU_CHAT_PROTOCOL_ERROR_RATE_LIMITED,  /* too many frames */
  KEFU_CHAT_PROTOCOL_ERROR_UNAVAILABLE,   /* Kefu could not store it; try again */
} KefuChatProtocolError;

GQuark      kefu_chat_protocol_error_quark (void);
const char *kefu_chat_protocol_error_code  (int code);

typedef enum
{
  KEFU_CHAT_FRAME_HELLO,
  KEFU_CHAT_FRAME_MESSAGE,
  KEFU_CHAT_FRAME_TYPING,
  KEFU_CHAT_FRAME_HISTORY,
  KEFU_CHAT_FRAME_HANDOFF,
  KEFU_CHAT_FRAME_FEEDBACK,
  KEFU_CHAT_FRAME_RATING,
  KEFU_CHAT_FRAME_CONTACT,
  KEFU_CHAT_FRAME_PING,
} KefuChatFrameType;

/* One frame from a visitor, every field already checked. */
typedef struct
{
  KefuChatFrameType  type;
  char              *token;        /* hello: 32 lowercase hex digits */
  char              *page;         /* hello: http(s) URL of the page, or NULL */
  char              *language;     /* hello: BCP 47 tag, or NULL */
  char              *name;         /* hello, contact */
  char              *email;        /* hello, contact (a contact has a name, an e-mail or both) */
  char              *client_id;    /* message */
  char              *text;         /* message */
  char              *image_name;   /* message */
  char              *image_type;
  GBytes            *image;
  gboolean           active;       /* typing */
  char              *message_ref;  /* feedback: "m<id>" of the robot answer */
  gboolean           helpful;      /* feedback */
  int                score;        /* rating: 1–5 */
  char              *comment;      /* rating */
} KefuChatFrame;

typedef struct
{
  guint max_text_length;
  guint max_image_size;
} KefuChatLimits;

void           kefu_chat_frame_free        (KefuChatFrame        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuChatFrame, kefu_chat_frame_free)

KefuChatFrame *kefu_chat_frame_parse       (const char           *data,
                                            gsize                 length,
                                            const KefuChatLimits *limits,
                                            char                **client_id,
                                            GError              **error);

char          *kefu_chat_frame_welcome     (const char           *shop_name,
                                            const char           *color,
                                            const char           *greeting,
                                            gboolean              available,
                                            const KefuChatLimits *limits);
char          *kefu_chat_frame_ack         (const char           *client_id,
                                            gint64                message_id,
                                            gboolean              duplicate);
char          *kefu_chat_frame_message     (KefuMessage          *message);
char          *kefu_chat_frame_history     (GPtrArray            *messages);
char          *kefu_chat_frame_typing      (gboolean              active);
char          *kefu_chat_frame_handoff     (gboolean              available);
char          *kefu_chat_frame_error       (const GError         *error,
                                            const char           *client_id);
char          *kefu_chat_frame_simple      (const char           *type);
gboolean       kefu_chat_message_is_visible (KefuMessage         *message);

G_END_DECLS
