/* kefu-router-deliver.c: finding where a message belongs, inside the write transaction.
 *
 * Everything here runs on the store's writer thread, between begin() and
 * commit(), so a message, its customer, its ticket and its attachments are
 * stored together or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kefu-enums.h"
#include "kefu-identity-normalize.h"
#include "kefu-router-private.h"
#include "kefu-text.h"

#define STORE_IFACE(store) KEFU_STORE_GET_IFACE (store)

/**
 * _kefu_router_subject_ticket_number:
 *
 * Finds "[#1234]" in a subject, the way Kefu's replies carry it.
 *
 * Returns: the ticket number, or 0
 */
gint64
_kefu_router_subject_ticket_number (const char *subject)
{
  for (const char *p = subject ? strstr (subject, "[#") : NULL; p != NULL; p = strstr (p + 1, "[#"))
    {
      const char *digits = p + 2;
      char *end = NULL;
      guint64 number;

      if (!g_ascii_isdigit (*digits))
        continue;
      number = g_ascii_strtoull (digits, &end, 10);
      if (end != NULL && *end == ']' && end - digits <= 12 && number > 0)
        return (gint64)number;
    }

  return 0;
}

/* Withheld numbers and odd addresses still reach the inbox: they are stored
 * under a cleaned form of what arrived instead of being refused. */
static char *
normalize_sender (const KefuInbound      *inbound,
                  const KefuRouterConfig *config)
{
  g_autoptr (GError) error = NULL;
  char *value;

  value = kefu_identity_normalize (inbound->sender_kind, inbound->sender, config->default_region, &error);
  if (value != NULL)
    return value;

  g_debug ("Keeping an unnormalised %s identity: %s",
           kefu_enum_to_nick (KEFU_TYPE_IDENTITY_KIND, inbound->sender_kind), error->message);
  value = kefu_text_clean_line (inbound->sender, KEFU_TEXT_MAX_KEY);

  return *value ? value : (g_free (value), g_strdup ("unknown"));
}

static char *
default_customer_name (const KefuInbound *inbound,
                       const char        *identity)
{
  g_autofree char *name = kefu_text_clean_line (inbound->sender_name, KEFU_TEXT_MAX_NAME);
  const char *at;

  if (*name != '\0')
    return g_steal_pointer (&name);

  switch (inbound->sender_kind)
    {
    case KEFU_IDENTITY_KIND_EMAIL:
      at = strchr (identity, '@');
      return at ? g_strndup (identity, at - identity) : g_strdup (identity);
    case KEFU_IDENTITY_KIND_CHAT:
      /* Translators: a chat visitor who gave no name; %s is a short id */
      return g_strdup_printf (_("Visitor %.6s"), identity);
    case KEFU_IDENTITY_KIND_PHONE:
    default:
      return g_strdup (identity);
    }
}

static char *
default_subject (const KefuInbound *inbound,
                 const char        *customer_name)
{
  switch (inbound->channel)
    {
    case KEFU_CHANNEL_KIND_CHAT:
      return g_strdup_printf (_("Chat with %s"), customer_name);
    case KEFU_CHANNEL_KIND_PHONE:
      return g_strdup_printf (_("Call from %s"), customer_name);
    case KEFU_CHANNEL_KIND_EMAIL:
    default:
      return g_strdup (_("(no subject)"));
    }
}

static gint64
find_or_create_customer (KefuStore          *store,
                         const KefuInbound  *inbound,
                         const char         *identity,
                         gint64              now,
                         KefuDelivery       *delivery,
                         GError            **error)
{
  KefuCustomerFields customer = { 0 };
  KefuIdentityFields identity_fields = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *display = NULL;
  gint64 customer_id = 0;
  GError *local_error = NULL;

  STORE_IFACE (store)->find_identity (store, inbound->sender_kind, identity, &customer_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (customer_id > 0)
    return customer_id;

  name = default_customer_name (inbound, identity);
  customer.name = name;
  customer.created_at = now;
  customer.updated_at = now;
  customer_id = STORE_IFACE (store)->insert_customer (store, &customer, error);
  if (customer_id == 0)
    return 0;

  display = kefu_text_clean_line (inbound->sender, KEFU_TEXT_MAX_KEY);
  identity_fields.customer_id = customer_id;
  identity_fields.kind = inbound->sender_kind;
  identity_fields.value = identity;
  identity_fields.display = display;
  identity_fields.created_at = now;
  if (STORE_IFACE (store)->insert_identity (store, &identity_fields, error) == 0)
    return 0;

  delivery->customer_created = TRUE;

  return customer_id;
}

/* A ticket a thread key or number points at is used unless it is closed;
 * a closed conversation that comes back starts a new ticket. */
static gboolean
ticket_takes_message (KefuStore   *store,
                      gint64       ticket_id,
                      gint64       customer_id,
                      gboolean     must_be_customers,
                      KefuTicket **ticket_out,
                      GError     **error)
{
  g_autoptr (KefuTicket) ticket = STORE_IFACE (store)->get_ticket (store, ticket_id, error);

  if (ticket == NULL)
    return FALSE;
  if (kefu_ticket_get_status (ticket) == KEFU_TICKET_STATUS_CLOSED)
    return FALSE;
  if (must_be_customers && kefu_ticket_get_customer_id (ticket) != customer_id)
    return FALSE;

  *ticket_out = g_steal_pointer (&ticket);

  return TRUE;
}

/* Thread keys first (they name our own Message-IDs and sessions), then the
 * ticket number in the subject (only for the same customer: numbers are easy
 * to guess), then the customer's open ticket on the same channel. */
static KefuTicket *
find_ticket (KefuStore          *store,
             const KefuInbound  *inbound,
             gint64              customer_id,
             GError            **error)
{
  KefuStoreInterface *iface = STORE_IFACE (store);
  KefuTicket *ticket = NULL;
  GError *local_error = NULL;
  gint64 ticket_id;

  for (guint i = 0; inbound->thread_keys != NULL && inbound->thread_keys[i] != NULL; i++)
    {
      ticket_id = iface->find_thread_key (store, inbound->thread_keys[i], &local_error);
      if (local_error == NULL && ticket_id > 0 &&
          ticket_takes_message (store, ticket_id, customer_id, FALSE, &ticket, &local_error))
        return ticket;
      if (local_error != NULL)
        goto failed;
    }

  ticket_id = _kefu_router_subject_ticket_number (inbound->subject);
  if (ticket_id > 0)
    {
      ticket_id = iface->lookup_ticket_number (store, ticket_id, &local_error);
      if (local_error == NULL && ticket_id > 0 &&
          ticket_takes_message (store, ticket_id, customer_id, TRUE, &ticket, &local_error))
        return ticket;
      if (local_error != NULL)
        goto failed;
    }

  ticket_id = iface->find_open_ticket (store, customer_id, inbound->channel, &local_error);
  if (local_error == NULL && ticket_id > 0 &&
      ticket_takes_message (store, ticket_id, customer_id, TRUE, &ticket, &local_error))
    return ticket;

failed:
  if (local_error != NULL)
    g_propagate_error (error, local_error);

  return NULL;
}

static gint64
open_ticket (KefuStore          *store,
             const KefuInbound  *inbound,
             gint64              customer_id,
             gint64              now,
             GError            **error)
{
  g_autoptr (KefuCustomer) customer = NULL;
  g_autofree char *subject = kefu_text_clean_line (inbound->subject, KEFU_TEXT_MAX_SUBJECT);
  KefuTicketFields fields = { 0 };

  if (*subject == '\0')
    {
      customer = STORE_IFACE (store)->get_customer (store, customer_id, error);
      if (customer == NULL)
        return 0;
      g_free (subject);
      subject = default_subject (inbound, kefu_customer_get_name (customer));
    }

  fields.subject = subject;
  fields.status = KEFU_TICKET_STATUS_NEW;
  fields.priority = KEFU_PRIORITY_NORMAL;
  fields.channel = inbound->channel;
  fields.customer_id = customer_id;
  fields.created_at = now;
  fields.updated_at = now;
  fields.version = 1;

  return STORE_IFACE (store)->insert_ticket (store, &fields, error);
}

/* Waiting or solved tickets come back to the inbox when the customer writes. */
static gboolean
reopen_if_needed (KefuStore     *store,
                  KefuTicket    *ticket,
                  gint64         now,
                  KefuDelivery  *delivery,
                  GError       **error)
{
  g_autoptr (KefuTicketChange) change = NULL;
  KefuTicketStatus status = kefu_ticket_get_status (ticket);

  if (status != KEFU_TICKET_STATUS_PENDING && status != KEFU_TICKET_STATUS_RESOLVED)
    return TRUE;

  change = kefu_ticket_change_new (kefu_ticket_get_id (ticket), 0);
  change->what = KEFU_TICKET_CHANGE_STATUS;
  change->status = KEFU_TICKET_STATUS_OPEN;
  if (!STORE_IFACE (store)->update_ticket (store, change, now, error))
    return FALSE;

  delivery->ticket_reopened = status == KEFU_TICKET_STATUS_RESOLVED;

  return STORE_IFACE (store)->insert_event (store, kefu_ticket_get_id (ticket), 0,
                                            "reopened", NULL, now, error) > 0;
}

static gboolean
store_attachments (KefuStore               *store,
                   const KefuRouterConfig  *config,
                   gint64                   ticket_id,
                   gint64                   message_id,
                   GPtrArray               *attachments,
                   gint64                   now,
                   guint                   *refused,
                   GError                 **error)
{
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      KefuInboundAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *filename = kefu_text_safe_filename (attachment->filename);
      g_autofree char *mime_type = kefu_text_clean_line (attachment->mime_type, 255);
      g_autofree char *content_id = NULL;
      g_autofree char *hash = NULL;
      KefuAttachmentFields fields = { 0 };
      gsize size = g_bytes_get_size (attachment->data);

      if ((gint64)size > config->max_attachment_size)
        {
          g_autofree char *size_text = g_format_size (size);
          g_autofree char *detail = g_strdup_printf ("%s (%s)", filename, size_text);

          if (STORE_IFACE (store)->insert_event (store, ticket_id, 0, "attachment-refused",
                                                 detail, now, error) == 0)
            return FALSE;
          (*refused)++;
          continue;
        }

      hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, attachment->data);
      if (attachment->content_id != NULL)
        content_id = kefu_text_clean_line (attachment->content_id, KEFU_TEXT_MAX_KEY);

      fields.message_id = message_id;
      fields.hash = hash;
      fields.filename = filename;
      fields.mime_type = *mime_type ? mime_type : "application/octet-stream";
      fields.content_id = content_id;
      fields.size = size;
      if (STORE_IFACE (store)->insert_attachment (store, &fields, attachment->data, error) == 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
remember_thread_keys (KefuStore          *store,
                      const KefuInbound  *inbound,
                      gint64              ticket_id,
                      GError            **error)
{
  if (inbound->external_id != NULL &&
      !STORE_IFACE (store)->insert_thread_key (store, inbound->external_id, ticket_id, error))
    return FALSE;

  for (guint i = 0; inbound->thread_keys != NULL && inbound->thread_keys[i] != NULL; i++)
    if (!STORE_IFACE (store)->insert_thread_key (store, inbound->thread_keys[i], ticket_id, error))
      return FALSE;

  return TRUE;
}

/**
 * _kefu_router_deliver:
 *
 * Stores one inbound message. Writer thread, inside a transaction.
 *
 * Returns: (transfer full): where it went, or %NULL with @error set
 */
KefuDelivery *
_kefu_router_deliver (KefuStore              *store,
                      const KefuRouterConfig *config,
                      const KefuInbound      *inbound,
                      GError                **error)
{
  KefuStoreInterface *iface = STORE_IFACE (store);
  g_autoptr (KefuDelivery) delivery = g_new0 (KefuDelivery, 1);
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (KefuCustomer) customer = NULL;
  g_autofree char *identity = NULL;
  g_autofree char *external_id = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  KefuMessageFields message = { 0 };
  GError *local_error = NULL;
  gint64 now = inbound->received_at > 0 ? inbound->received_at : g_get_real_time ();

  if (inbound->sender == NULL || *inbound->sender == '\0')
    {
      g_set_error (error, KEFU_ROUTER_ERROR, KEFU_ROUTER_ERROR_INVALID,
                   _("A message without a sender cannot be stored."));
      return NULL;
    }

  if (inbound->external_id != NULL)
    {
      external_id = kefu_text_clean_line (inbound->external_id, KEFU_TEXT_MAX_KEY);
      delivery->message_id = iface->find_external_id (store, inbound->channel, external_id,
                                                      &delivery->ticket_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (delivery->message_id > 0)
        {
          delivery->duplicate = TRUE;
          return g_steal_pointer (&delivery);
        }
    }

  identity = normalize_sender (inbound, config);
  delivery->customer_id = find_or_create_customer (store, inbound, identity, now, delivery, error);
  if (delivery->customer_id == 0)
    return NULL;

  ticket = find_ticket (store, inbound, delivery->customer_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (ticket != NULL)
    {
      delivery->ticket_id = kefu_ticket_get_id (ticket);
      if (!reopen_if_needed (store, ticket, now, delivery, error))
        return NULL;
    }
  else
    {
      delivery->ticket_id = open_ticket (store, inbound, delivery->customer_id, now, error);
      if (delivery->ticket_id == 0)
        return NULL;
      delivery->ticket_created = TRUE;
      if (iface->insert_event (store, delivery->ticket_id, 0, "created", NULL, now, error) == 0)
        return NULL;
    }

  customer = iface->get_customer (store, delivery->customer_id, error);
  if (customer == NULL)
    return NULL;

  subject = kefu_text_clean_line (inbound->subject, KEFU_TEXT_MAX_SUBJECT);
  text = kefu_text_clean (inbound->text, KEFU_TEXT_MAX_BODY);
  if (inbound->html != NULL)
    html = kefu_text_clean (inbound->html, KEFU_TEXT_MAX_HTML);

  message.ticket_id = delivery->ticket_id;
  message.direction = KEFU_DIRECTION_IN;
  message.channel = inbound->channel;
  message.account_id = inbound->account_id;
  message.author_name = kefu_customer_get_name (customer);
  message.author_address = identity;
  message.subject = *subject ? subject : NULL;
  message.text = text;
  message.html = html;
  message.external_id = external_id;
  message.delivery_state = KEFU_DELIVERY_STATE_NONE;
  message.created_at = now;
  message.updated_at = now;
  delivery->message_id = iface->insert_message (store, &message, error);
  if (delivery->message_id == 0)
    return NULL;

  if (!store_attachments (store, config, delivery->ticket_id, delivery->message_id,
                          inbound->attachments, now, &delivery->attachments_refused, error))
    return NULL;

  if (!remember_thread_keys (store, inbound, delivery->ticket_id, error))
    return NULL;

  kefu_store_note_change (store, delivery->ticket_id, delivery->customer_id);

  return g_steal_pointer (&delivery);
}

static char *
find_recipient (KefuStore        *store,
                KefuTicket       *ticket,
                KefuChannelKind   channel,
                GError          **error)
{
  g_autoptr (KefuCustomer) customer = NULL;
  KefuIdentity *identity;
  KefuIdentityKind kind;

  customer = STORE_IFACE (store)->get_customer (store, kefu_ticket_get_customer_id (ticket), error);
  if (customer == NULL)
    return NULL;

  kind = channel == KEFU_CHANNEL_KIND_EMAIL ? KEFU_IDENTITY_KIND_EMAIL
       : channel == KEFU_CHANNEL_KIND_PHONE ? KEFU_IDENTITY_KIND_PHONE
       : KEFU_IDENTITY_KIND_CHAT;
  identity = kefu_customer_find_identity (customer, kind);
  if (identity == NULL)
    {
      g_set_error (error, KEFU_ROUTER_ERROR, KEFU_ROUTER_ERROR_NO_RECIPIENT,
                   _("%s has no contact on this channel. Add one to their profile or reply on another channel."),
                   kefu_customer_get_name (customer));
      return NULL;
    }

  return g_strdup (kefu_identity_get_value (identity));
}

/**
 * _kefu_router_store_reply:
 *
 * Stores an agent's reply as queued (or a note as final) before any
 * channel sees it. Writer thread, inside a transaction.
 *
 * Returns: (transfer full): the stored message, or %NULL with @error set
 */
KefuMessage *
_kefu_router_store_reply (KefuStore              *store,
                          const KefuRouterConfig *config,
                          const KefuOutbound     *outbound,
                          GError                **error)
{
  KefuStoreInterface *iface = STORE_IFACE (store);
  g_autoptr (KefuTicket) ticket = NULL;
  g_autofree char *recipient = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *author = NULL;
  KefuMessageFields message = { 0 };
  gboolean is_note = outbound->direction == KEFU_DIRECTION_NOTE;
  gint64 now = outbound->created_at > 0 ? outbound->created_at : g_get_real_time ();
  gint64 message_id;
  guint refused = 0;

  ticket = iface->get_ticket (store, outbound->ticket_id, error);
  if (ticket == NULL)
    return NULL;

  text = kefu_text_clean (outbound->text, KEFU_TEXT_MAX_BODY);
  if (*text == '\0' && (outbound->attachments == NULL || outbound->attachments->len == 0))
    {
      g_set_error (error, KEFU_ROUTER_ERROR, KEFU_ROUTER_ERROR_INVALID,
                   _("The reply is empty."));
      return NULL;
    }

  message.channel = outbound->channel >= 0 ? (KefuChannelKind)outbound->channel
                                           : kefu_ticket_get_channel (ticket);
  if (!is_note)
    {
      recipient = outbound->recipient ? g_strdup (outbound->recipient)
                                      : find_recipient (store, ticket, message.channel, error);
      if (recipient == NULL)
        return NULL;
    }

  if (outbound->html != NULL)
    html = kefu_text_clean (outbound->html, KEFU_TEXT_MAX_HTML);
  subject = kefu_text_clean_line (outbound->subject, KEFU_TEXT_MAX_SUBJECT);
  author = kefu_text_clean_line (outbound->author_name, KEFU_TEXT_MAX_NAME);

  message.ticket_id = outbound->ticket_id;
  message.direction = outbound->direction;
  message.account_id = outbound->account_id;
  message.agent_id = outbound->agent_id;
  message.author_name = author;
  message.recipient = recipient;
  message.subject = *subject ? subject : NULL;
  message.text = text;
  message.html = html;
  message.external_id = outbound->external_id;
  message.delivery_state = is_note ? KEFU_DELIVERY_STATE_NONE : KEFU_DELIVERY_STATE_QUEUED;
  message.created_at = now;
  message.updated_at = now;
  message_id = iface->insert_message (store, &message, error);
  if (message_id == 0)
    return NULL;

  if (!store_attachments (store, config, outbound->ticket_id, message_id,
                          outbound->attachments, now, &refused, error))
    return NULL;

  if (outbound->external_id != NULL &&
      !iface->insert_thread_key (store, outbound->external_id, outbound->ticket_id, error))
    return NULL;

  if (!is_note && kefu_ticket_get_first_response_at (ticket) == 0 &&
      !iface->set_first_response (store, outbound->ticket_id, now, error))
    return NULL;

  if (!is_note && kefu_ticket_get_status (ticket) == KEFU_TICKET_STATUS_NEW)
    {
      g_autoptr (KefuTicketChange) change = kefu_ticket_change_new (outbound->ticket_id, 0);

      change->what = KEFU_TICKET_CHANGE_STATUS;
      change->status = KEFU_TICKET_STATUS_OPEN;
      change->agent_id = outbound->agent_id;
      if (!iface->update_ticket (store, change, now, error))
        return NULL;
    }

  kefu_store_note_change (store, outbound->ticket_id, kefu_ticket_get_customer_id (ticket));

  return iface->get_message (store, message_id, error);
}
