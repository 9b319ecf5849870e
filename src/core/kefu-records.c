/* kefu-records.c: plain records that cross threads and layers (boxed, copyable).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-records.h"

G_DEFINE_BOXED_TYPE (KefuInboundAttachment, kefu_inbound_attachment,
                     kefu_inbound_attachment_copy, kefu_inbound_attachment_free)
G_DEFINE_BOXED_TYPE (KefuInbound, kefu_inbound, kefu_inbound_copy, kefu_inbound_free)
G_DEFINE_BOXED_TYPE (KefuOutbound, kefu_outbound, kefu_outbound_copy, kefu_outbound_free)
G_DEFINE_BOXED_TYPE (KefuDelivery, kefu_delivery, kefu_delivery_copy, kefu_delivery_free)
G_DEFINE_BOXED_TYPE (KefuQuery, kefu_query, kefu_query_copy, kefu_query_free)
G_DEFINE_BOXED_TYPE (KefuTicketSpine, kefu_ticket_spine, kefu_ticket_spine_copy, kefu_ticket_spine_free)
G_DEFINE_BOXED_TYPE (KefuTicketChange, kefu_ticket_change, kefu_ticket_change_copy, kefu_ticket_change_free)
G_DEFINE_BOXED_TYPE (KefuChangeSet, kefu_change_set, kefu_change_set_copy, kefu_change_set_free)

static GPtrArray *
copy_attachments (GPtrArray *attachments)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_inbound_attachment_free);

  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    g_ptr_array_add (copy, kefu_inbound_attachment_copy (g_ptr_array_index (attachments, i)));

  return copy;
}

/**
 * kefu_inbound_attachment_new:
 * @data: the content, referenced
 *
 * Returns: (transfer full): a new attachment record
 */
KefuInboundAttachment *
kefu_inbound_attachment_new (const char *filename,
                             const char *mime_type,
                             GBytes     *data)
{
  KefuInboundAttachment *self = g_new0 (KefuInboundAttachment, 1);

  g_return_val_if_fail (data != NULL, NULL);

  self->filename = g_strdup (filename);
  self->mime_type = g_strdup (mime_type);
  self->data = g_bytes_ref (data);

  return self;
}

KefuInboundAttachment *
kefu_inbound_attachment_copy (const KefuInboundAttachment *self)
{
  KefuInboundAttachment *copy = kefu_inbound_attachment_new (self->filename, self->mime_type, self->data);

  copy->content_id = g_strdup (self->content_id);

  return copy;
}

void
kefu_inbound_attachment_free (KefuInboundAttachment *self)
{
  if (self == NULL)
    return;

  g_free (self->filename);
  g_free (self->mime_type);
  g_free (self->content_id);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self);
}

/**
 * kefu_inbound_new:
 * @sender: the raw address, number or visitor token
 *
 * Returns: (transfer full): an inbound message to fill in
 */
KefuInbound *
kefu_inbound_new (KefuChannelKind   channel,
                  KefuIdentityKind  sender_kind,
                  const char       *sender)
{
  KefuInbound *self = g_new0 (KefuInbound, 1);

  self->channel = channel;
  self->sender_kind = sender_kind;
  self->sender = g_strdup (sender);
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_inbound_attachment_free);

  return self;
}

KefuInbound *
kefu_inbound_copy (const KefuInbound *self)
{
  KefuInbound *copy = g_new0 (KefuInbound, 1);

  *copy = *self;
  copy->external_id = g_strdup (self->external_id);
  copy->sender = g_strdup (self->sender);
  copy->sender_name = g_strdup (self->sender_name);
  copy->subject = g_strdup (self->subject);
  copy->text = g_strdup (self->text);
  copy->html = g_strdup (self->html);
  copy->thread_keys = g_strdupv (self->thread_keys);
  copy->attachments = copy_attachments (self->attachments);

  return copy;
}

void
kefu_inbound_free (KefuInbound *self)
{
  if (self == NULL)
    return;

  g_free (self->external_id);
  g_free (self->sender);
  g_free (self->sender_name);
  g_free (self->subject);
  g_free (self->text);
  g_free (self->html);
  g_strfreev (self->thread_keys);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_free (self);
}

/**
 * kefu_inbound_add_attachment:
 * @attachment: (transfer full): the attachment
 */
void
kefu_inbound_add_attachment (KefuInbound           *self,
                             KefuInboundAttachment *attachment)
{
  g_ptr_array_add (self->attachments, attachment);
}

/**
 * kefu_outbound_new:
 *
 * Returns: (transfer full): a reply or note to fill in
 */
KefuOutbound *
kefu_outbound_new (gint64         ticket_id,
                   KefuDirection  direction,
                   const char    *text)
{
  KefuOutbound *self = g_new0 (KefuOutbound, 1);

  self->ticket_id = ticket_id;
  self->direction = direction;
  self->channel = -1;
  self->text = g_strdup (text);
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_inbound_attachment_free);

  return self;
}

KefuOutbound *
kefu_outbound_copy (const KefuOutbound *self)
{
  KefuOutbound *copy = g_new0 (KefuOutbound, 1);

  *copy = *self;
  copy->author_name = g_strdup (self->author_name);
  copy->recipient = g_strdup (self->recipient);
  copy->subject = g_strdup (self->subject);
  copy->text = g_strdup (self->text);
  copy->html = g_strdup (self->html);
  copy->external_id = g_strdup (self->external_id);
  copy->attachments = copy_attachments (self->attachments);

  return copy;
}

void
kefu_outbound_free (KefuOutbound *self)
{
  if (self == NULL)
    return;

  g_free (self->author_name);
  g_free (self->recipient);
  g_free (self->subject);
  g_free (self->text);
  g_free (self->html);
  g_free (self->external_id);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_free (self);
}

KefuDelivery *
kefu_delivery_copy (const KefuDelivery *self)
{
  return g_memdup2 (self, sizeof *self);
}

void
kefu_delivery_free (KefuDelivery *self)
{
  g_free (self);
}

/**
 * kefu_query_new:
 *
 * Returns: (transfer full): a query for @view, any channel and status
 */
KefuQuery *
kefu_query_new (KefuView view)
{
  KefuQuery *self = g_new0 (KefuQuery, 1);

  self->view = view;
  self->channel = -1;
  self->status = -1;

  return self;
}

KefuQuery *
kefu_query_copy (const KefuQuery *self)
{
  KefuQuery *copy = g_memdup2 (self, sizeof *self);

  copy->text = g_strdup (self->text);

  return copy;
}

void
kefu_query_free (KefuQuery *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self);
}

gboolean
kefu_query_equal (const KefuQuery *a,
                  const KefuQuery *b)
{
  return a->view == b->view &&
         a->agent_id == b->agent_id &&
         a->customer_id == b->customer_id &&
         a->channel == b->channel &&
         a->status == b->status &&
         g_strcmp0 (a->text, b->text) == 0;
}

KefuTicketSpine *
kefu_ticket_spine_new (guint page_size)
{
  KefuTicketSpine *self = g_new0 (KefuTicketSpine, 1);

  self->page_size = page_size;
  self->page_ends = g_array_new (FALSE, FALSE, sizeof (KefuTicketKey));

  return self;
}

KefuTicketSpine *
kefu_ticket_spine_copy (const KefuTicketSpine *self)
{
  KefuTicketSpine *copy = kefu_ticket_spine_new (self->page_size);

  copy->total = self->total;
  g_array_append_vals (copy->page_ends, self->page_ends->data, self->page_ends->len);

  return copy;
}

void
kefu_ticket_spine_free (KefuTicketSpine *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->page_ends, g_array_unref);
  g_free (self);
}

KefuTicketChange *
kefu_ticket_change_new (gint64 ticket_id,
                        gint64 expected_version)
{
  KefuTicketChange *self = g_new0 (KefuTicketChange, 1);

  self->ticket_id = ticket_id;
  self->expected_version = expected_version;

  return self;
}

KefuTicketChange *
kefu_ticket_change_copy (const KefuTicketChange *self)
{
  KefuTicketChange *copy = g_memdup2 (self, sizeof *self);

  copy->subject = g_strdup (self->subject);
  copy->tags = g_strdupv (self->tags);

  return copy;
}

void
kefu_ticket_change_free (KefuTicketChange *self)
{
  if (self == NULL)
    return;

  g_free (self->subject);
  g_strfreev (self->tags);
  g_free (self);
}

KefuChangeSet *
kefu_change_set_new (void)
{
  KefuChangeSet *self = g_new0 (KefuChangeSet, 1);

  self->ticket_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->customer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  return self;
}

KefuChangeSet *
kefu_change_set_copy (const KefuChangeSet *self)
{
  KefuChangeSet *copy = kefu_change_set_new ();

  copy->everything = self->everything;
  copy->settings = self->settings;
  copy->accounts = self->accounts;
  g_array_append_vals (copy->ticket_ids, self->ticket_ids->data, self->ticket_ids->len);
  g_array_append_vals (copy->customer_ids, self->customer_ids->data, self->customer_ids->len);

  return copy;
}

void
kefu_change_set_free (KefuChangeSet *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->ticket_ids, g_array_unref);
  g_clear_pointer (&self->customer_ids, g_array_unref);
  g_free (self);
}

gboolean
kefu_change_set_is_empty (const KefuChangeSet *self)
{
  return !self->everything && self->ticket_ids->len == 0 && self->customer_ids->len == 0 &&
         !self->settings && !self->accounts;
}

static gboolean
id_array_contains (GArray *ids,
                   gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

gboolean
kefu_change_set_has_ticket (const KefuChangeSet *self,
                            gint64               ticket_id)
{
  return self->everything || id_array_contains (self->ticket_ids, ticket_id);
}

gboolean
kefu_change_set_has_customer (const KefuChangeSet *self,
                              gint64               customer_id)
{
  return self->everything || id_array_contains (self->customer_ids, customer_id);
}
