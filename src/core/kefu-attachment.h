/* kefu-attachment.h: a file that came with or went out with a message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-core-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64      id;
  gint64      message_id;
  const char *hash;          /* sha256 of the content, hex: the content is stored once */
  const char *filename;      /* already made safe by kefu_text_safe_filename() */
  const char *mime_type;
  const char *content_id;    /* for inline images, else NULL */
  gint64      size;
} KefuAttachmentFields;

#define KEFU_TYPE_ATTACHMENT (kefu_attachment_get_type ())
G_DECLARE_FINAL_TYPE (KefuAttachment, kefu_attachment, KEFU, ATTACHMENT, GObject)

KefuAttachment *kefu_attachment_new            (const KefuAttachmentFields *fields);
gint64          kefu_attachment_get_id         (KefuAttachment *self);
gint64          kefu_attachment_get_message_id (KefuAttachment *self);
const char     *kefu_attachment_get_hash       (KefuAttachment *self);
const char     *kefu_attachment_get_filename   (KefuAttachment *self);
const char     *kefu_attachment_get_mime_type  (KefuAttachment *self);
const char     *kefu_attachment_get_content_id (KefuAttachment *self);
gint64          kefu_attachment_get_size       (KefuAttachment *self);

G_END_DECLS
