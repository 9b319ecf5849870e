/* kefu-attachment.c: a file that came with or went out with a message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-attachment.h"

struct _KefuAttachment
{
  GObject               parent_instance;

  KefuAttachmentFields  fields;
  char                 *hash;
  char                 *filename;
  char                 *mime_type;
  char                 *content_id;
};

G_DEFINE_FINAL_TYPE (KefuAttachment, kefu_attachment, G_TYPE_OBJECT)

static void
kefu_attachment_finalize (GObject *object)
{
  KefuAttachment *self = (KefuAttachment *)object;

  g_clear_pointer (&self->hash, g_free);
  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->mime_type, g_free);
  g_clear_pointer (&self->content_id, g_free);

  G_OBJECT_CLASS (kefu_attachment_parent_class)->finalize (object);
}

static void
kefu_attachment_class_init (KefuAttachmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kefu_attachment_finalize;
}

static void
kefu_attachment_init (KefuAttachment *self)
{
}

/**
 * kefu_attachment_new:
 * @fields: the attachment's values; strings are copied
 *
 * Returns: (transfer full): a read-only attachment. Any thread.
 */
KefuAttachment *
kefu_attachment_new (const KefuAttachmentFields *fields)
{
  KefuAttachment *self;

  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (KEFU_TYPE_ATTACHMENT, NULL);
  self->fields = *fields;
  self->fields.hash = self->hash = g_strdup (fields->hash);
  self->fields.filename = self->filename = g_strdup (fields->filename ? fields->filename : "attachment");
  self->fields.mime_type = self->mime_type = g_strdup (fields->mime_type ? fields->mime_type : "application/octet-stream");
  self->fields.content_id = self->content_id = g_strdup (fields->content_id);

  return self;
}

#define ATTACHMENT_GETTER(type, name) \
  type kefu_attachment_get_##name (KefuAttachment *self) \
  { \
    g_return_val_if_fail (KEFU_IS_ATTACHMENT (self), (type)0); \
    return self->fields.name; \
  }

ATTACHMENT_GETTER (gint64, id)
ATTACHMENT_GETTER (gint64, message_id)
ATTACHMENT_GETTER (const char *, hash)
ATTACHMENT_GETTER (const char *, filename)
ATTACHMENT_GETTER (const char *, mime_type)
ATTACHMENT_GETTER (const char *, content_id)
ATTACHMENT_GETTER (gint64, size)
