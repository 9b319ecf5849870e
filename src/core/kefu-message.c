/* kefu-message.c: one entry in a ticket's timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-attachment.h"
#include "kefu-message.h"

struct _KefuMessage
{
  GObject            parent_instance;

  KefuMessageFields  fields;
  GPtrArray         *attachments;

  /* owned copies of the strings that fields points at */
  char              *author_name;
  char              *author_address;
  char              *recipient;
  char              *subject;
  char              *text;
  char              *html;
  char              *external_id;
  char              *delivery_error;
};

G_DEFINE_FINAL_TYPE (KefuMessage, kefu_message, G_TYPE_OBJECT)

static void
kefu_message_finalize (GObject *object)
{
  KefuMessage *self = (KefuMessage *)object;

  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->author_name, g_free);
  g_clear_pointer (&self->author_address, g_free);
  g_clear_pointer (&self->recipient, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->html, g_free);
  g_clear_pointer (&self->external_id, g_free);
  g_clear_pointer (&self->delivery_error, g_free);

  G_OBJECT_CLASS (kefu_message_parent_class)->finalize (object);
}

static void
kefu_message_class_init (KefuMessageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kefu_message_finalize;
}

static void
kefu_message_init (KefuMessage *self)
{
}

/**
 * kefu_message_new:
 * @fields: the message's values; strings are copied
 * @attachments: (nullable) (element-type KefuAttachment): its attachments, referenced
 *
 * Returns: (transfer full): a read-only message. Any thread.
 */
KefuMessage *
kefu_message_new (const KefuMessageFields *fields,
                  GPtrArray               *attachments)
{
  KefuMessage *self;

  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (KEFU_TYPE_MESSAGE, NULL);
  self->fields = *fields;
  self->fields.author_name = self->author_name = g_strdup (fields->author_name ? fields->author_name : "");
  self->fields.author_address = self->author_address = g_strdup (fields->author_address);
  self->fields.recipient = self->recipient = g_strdup (fields->recipient);
  self->fields.subject = self->subject = g_strdup (fields->subject);
  self->fields.text = self->text = g_strdup (fields->text ? fields->text : "");
  self->fields.html = self->html = g_strdup (fields->html);
  self->fields.external_id = self->external_id = g_strdup (fields->external_id);
  self->fields.delivery_error = self->delivery_error = g_strdup (fields->delivery_error);
  self->attachments = attachments ? g_ptr_array_ref (attachments)
                                  : g_ptr_array_new_with_free_func (g_object_unref);

  return self;
}

#define MESSAGE_GETTER(type, name) \
  type kefu_message_get_##name (KefuMessage *self) \
  { \
    g_return_val_if_fail (KEFU_IS_MESSAGE (self), (type)0); \
    return self->fields.name; \
  }

MESSAGE_GETTER (gint64, id)
MESSAGE_GETTER (gint64, ticket_id)
MESSAGE_GETTER (KefuDirection, direction)
MESSAGE_GETTER (KefuChannelKind, channel)
MESSAGE_GETTER (gint64, account_id)
MESSAGE_GETTER (gint64, agent_id)
MESSAGE_GETTER (const char *, author_name)
MESSAGE_GETTER (const char *, author_address)
MESSAGE_GETTER (const char *, recipient)
MESSAGE_GETTER (const char *, subject)
MESSAGE_GETTER (const char *, text)
MESSAGE_GETTER (const char *, html)
MESSAGE_GETTER (const char *, external_id)
MESSAGE_GETTER (KefuDeliveryState, delivery_state)
MESSAGE_GETTER (const char *, delivery_error)
MESSAGE_GETTER (gint64, created_at)
MESSAGE_GETTER (gint64, updated_at)

/**
 * kefu_message_get_attachments:
 *
 * Returns: (transfer none) (element-type KefuAttachment): the attachments
 */
GPtrArray *
kefu_message_get_attachments (KefuMessage *self)
{
  g_return_val_if_fail (KEFU_IS_MESSAGE (self), NULL);

  return self->attachments;
}
