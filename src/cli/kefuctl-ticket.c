/* kefuctl-ticket.c: `kefuctl ticket NUMBER`: one ticket, its customer and its whole timeline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "kefuctl-context.h"

#include "kefu-enums.h"

static void
print_json (KefuTicket   *ticket,
            KefuCustomer *customer,
            GPtrArray    *messages)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ticket");
  kefuctl_json_add_ticket (builder, ticket);
  json_builder_set_member_name (builder, "customer");
  kefuctl_json_add_customer (builder, customer);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < messages->len; i++)
    {
      KefuMessage *message = g_ptr_array_index (messages, i);
      GPtrArray *attachments = kefu_message_get_attachments (message);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, kefu_message_get_id (message));
      kefu_json_add_enum (builder, "direction", KEFU_TYPE_DIRECTION, kefu_message_get_direction (message));
      kefu_json_add_enum (builder, "channel", KEFU_TYPE_CHANNEL_KIND, kefu_message_get_channel (message));
      kefu_json_add_string (builder, "author_name", kefu_message_get_author_name (message));
      kefu_json_add_string (builder, "author_address", kefu_message_get_author_address (message));
      kefu_json_add_string (builder, "recipient", kefu_message_get_recipient (message));
      kefu_json_add_string (builder, "subject", kefu_message_get_subject (message));
      kefu_json_add_string (builder, "text", kefu_message_get_text (message));
      kefu_json_add_enum (builder, "delivery_state", KEFU_TYPE_DELIVERY_STATE, kefu_message_get_delivery_state (message));
      kefu_json_add_string (builder, "delivery_error", kefu_message_get_delivery_error (message));
      kefu_json_add_time (builder, "created_at", kefu_message_get_created_at (message));
      json_builder_set_member_name (builder, "attachments");
      json_builder_begin_array (builder);
      for (guint j = 0; attachments != NULL && j < attachments->len; j++)
        {
          KefuAttachment *attachment = g_ptr_array_index (attachments, j);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, kefu_attachment_get_id (attachment));
          kefu_json_add_string (builder, "filename", kefu_attachment_get_filename (attachment));
          kefu_json_add_string (builder, "mime_type", kefu_attachment_get_mime_type (attachment));
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, kefu_attachment_get_size (attachment));
          kefu_json_add_string (builder, "hash", kefu_attachment_get_hash (attachment));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  kefuctl_print_json (root);
}

static const char *
direction_label (KefuDirection direction)
{
  switch (direction)
    {
    case KEFU_DIRECTION_IN:
      return _("from the customer");
    case KEFU_DIRECTION_OUT:
      return _("reply");
    case KEFU_DIRECTION_NOTE:
      return _("internal note");
    case KEFU_DIRECTION_ROBOT:
      return _("robot");
    case KEFU_DIRECTION_SYSTEM:
    default:
      return _("system");
    }
}

static void
print_human (KefuTicket   *ticket,
             KefuCustomer *customer,
             GPtrArray    *messages)
{
  const char *const *tags = kefu_ticket_get_tags (ticket);
  GPtrArray *identities = kefu_customer_get_identities (customer);
  g_autofree char *created = kefuctl_format_time (kefu_ticket_get_created_at (ticket));
  g_autofree char *updated = kefuctl_format_time (kefu_ticket_get_updated_at (ticket));
  g_autofree char *joined_tags = tags ? g_strjoinv (", ", (char **)tags) : g_strdup ("");
  g_autoptr (GString) contacts = g_string_new (NULL);

  for (guint i = 0; identities != NULL && i < identities->len; i++)
    {
      KefuIdentity *identity = g_ptr_array_index (identities, i);
      const char *display = kefu_identity_get_display (identity);

      g_string_append_printf (contacts, "%s%s", i > 0 ? ", " : "",
                              display && *display ? display : kefu_identity_get_value (identity));
    }

  g_print ("#%" PRId64 "  %s\n", kefu_ticket_get_number (ticket), kefu_ticket_get_subject (ticket));
  g_print ("%s: %s   %s: %s   %s: %s   %s: %s\n",
           _("Status"), kefu_enum_to_nick (KEFU_TYPE_TICKET_STATUS, kefu_ticket_get_status (ticket)),
           _("Priority"), kefu_enum_to_nick (KEFU_TYPE_PRIORITY, kefu_ticket_get_priority (ticket)),
           _("Channel"), kefu_enum_to_nick (KEFU_TYPE_CHANNEL_KIND, kefu_ticket_get_channel (ticket)),
           _("Assignee"), kefu_ticket_get_assignee_id (ticket) > 0 ? kefu_ticket_get_assignee_name (ticket) : "-");
  g_print ("%s: %s%s%s%s%s\n", _("Customer"), kefu_customer_get_name (customer),
           kefu_customer_get_company (customer) ? ", " : "",
           kefu_customer_get_company (customer) ? kefu_customer_get_company (customer) : "",
           contacts->len > 0 ? " · " : "", contacts->str);
  if (*joined_tags != '\0')
    g_print ("%s: %s\n", _("Tags"), joined_tags);
  g_print ("%s: %s   %s: %s\n", _("Created"), created, _("Updated"), updated);

  for (guint i = 0; i < messages->len; i++)
    {
      KefuMessage *message = g_ptr_array_index (messages, i);
      GPtrArray *attachments = kefu_message_get_attachments (message);
      g_autofree char *when = kefuctl_format_time (kefu_message_get_created_at (message));
      KefuDeliveryState state = kefu_message_get_delivery_state (message);

      g_print ("\n── %s · %s · %s", when, kefu_message_get_author_name (message),
               direction_label (kefu_message_get_direction (message)));
      if (state == KEFU_DELIVERY_STATE_QUEUED || state == KEFU_DELIVERY_STATE_FAILED)
        g_print (" · %s%s%s", kefu_enum_to_nick (KEFU_TYPE_DELIVERY_STATE, state),
                 kefu_message_get_delivery_error (message) ? ": " : "",
                 kefu_message_get_delivery_error (message) ? kefu_message_get_delivery_error (message) : "");
      g_print (" ──\n%s\n", kefu_message_get_text (message));

      for (guint j = 0; attachments != NULL && j < attachments->len; j++)
        {
          KefuAttachment *attachment = g_ptr_array_index (attachments, j);
          g_autofree char *size = g_format_size (kefu_attachment_get_size (attachment));

          g_print ("  [%s] %s (%s, %s)\n", _("attachment"), kefu_attachment_get_filename (attachment),
                   kefu_attachment_get_mime_type (attachment), size);
        }
    }
}

gboolean
kefuctl_ticket_run (KefuctlContext  *context,
                    int              argc,
                    char           **argv,
                    GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GAsyncResult) ticket_result = NULL;
  g_autoptr (GAsyncResult) customer_result = NULL;
  g_autoptr (GAsyncResult) messages_result = NULL;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (KefuCustomer) customer = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  const char *number_text;
  gboolean json = FALSE;
  guint64 number = 0;
  KefuStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for programs"), NULL },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "ticket NUMBER",
                                         _("Shows a ticket, its customer and every message, note and attachment."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 1, 1, error))
    return FALSE;

  number_text = argv[argc - 1];
  if (number_text[0] == '#')
    number_text++;
  if (!g_ascii_string_to_unsigned (number_text, 10, 1, G_MAXINT64, &number, NULL))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("“%s” is not a ticket number."), argv[argc - 1]);
      return FALSE;
    }

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;
  store = kefuctl_context_get_store (context);

  kefu_store_find_ticket_number_async (store, number, context->cancellable, kefuctl_result_cb, &ticket_result);
  ticket = kefu_store_find_ticket_number_finish (store, kefuctl_wait (&ticket_result), error);
  if (ticket == NULL)
    return FALSE;

  kefu_store_get_customer_async (store, kefu_ticket_get_customer_id (ticket), context->cancellable,
                                 kefuctl_result_cb, &customer_result);
  kefu_store_list_messages_async (store, kefu_ticket_get_id (ticket), context->cancellable,
                                  kefuctl_result_cb, &messages_result);
  customer = kefu_store_get_customer_finish (store, kefuctl_wait (&customer_result), error);
  if (customer == NULL)
    {
      kefuctl_wait (&messages_result);
      return FALSE;
    }
  messages = kefu_store_list_messages_finish (store, kefuctl_wait (&messages_result), error);
  if (messages == NULL)
    return FALSE;

  if (json)
    print_json (ticket, customer, messages);
  else
    print_human (ticket, customer, messages);

  return TRUE;
}
