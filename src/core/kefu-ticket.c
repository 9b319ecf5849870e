/* kefu-ticket.c: one conversation with a customer, as the store last saw it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-enums.h"
#include "kefu-ticket.h"

struct _KefuTicket
{
  GObject           parent_instance;

  KefuTicketFields  fields;

  /* owned copies of the strings that fields points at */
  char             *subject;
  char             *customer_name;
  char             *assignee_name;
  char            **tags;
  char             *preview;
};

G_DEFINE_FINAL_TYPE (KefuTicket, kefu_ticket, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_SUBJECT,
  PROP_STATUS,
  PROP_PRIORITY,
  PROP_CHANNEL,
  PROP_CUSTOMER_NAME,
  PROP_ASSIGNEE_NAME,
  PROP_PREVIEW,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kefu_ticket_finalize (GObject *object)
{
  KefuTicket *self = (KefuTicket *)object;

  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->assignee_name, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->preview, g_free);

  G_OBJECT_CLASS (kefu_ticket_parent_class)->finalize (object);
}

static void
kefu_ticket_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KefuTicket *self = KEFU_TICKET (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_int64 (value, self->fields.number);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->fields.status);
      break;
    case PROP_PRIORITY:
      g_value_set_enum (value, self->fields.priority);
      break;
    case PROP_CHANNEL:
      g_value_set_enum (value, self->fields.channel);
      break;
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;
    case PROP_ASSIGNEE_NAME:
      g_value_set_string (value, self->assignee_name);
      break;
    case PROP_PREVIEW:
      g_value_set_string (value, self->preview);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->fields.updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_ticket_class_init (KefuTicketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kefu_ticket_finalize;
  object_class->get_property = kefu_ticket_get_property;

  properties[PROP_NUMBER] = g_param_spec_int64 ("number", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, KEFU_TYPE_TICKET_STATUS,
                                               KEFU_TICKET_STATUS_NEW, flags);
  properties[PROP_PRIORITY] = g_param_spec_enum ("priority", NULL, NULL, KEFU_TYPE_PRIORITY,
                                                 KEFU_PRIORITY_NORMAL, flags);
  properties[PROP_CHANNEL] = g_param_spec_enum ("channel", NULL, NULL, KEFU_TYPE_CHANNEL_KIND,
                                                KEFU_CHANNEL_KIND_EMAIL, flags);
  properties[PROP_CUSTOMER_NAME] = g_param_spec_string ("customer-name", NULL, NULL, NULL, flags);
  properties[PROP_ASSIGNEE_NAME] = g_param_spec_string ("assignee-name", NULL, NULL, NULL, flags);
  properties[PROP_PREVIEW] = g_param_spec_string ("preview", NULL, NULL, NULL, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kefu_ticket_init (KefuTicket *self)
{
}

/**
 * kefu_ticket_new:
 * @fields: the ticket's values; strings are copied
 *
 * Builds a read-only ticket. Only the store and importers call this.
 * May run on any thread.
 *
 * Returns: (transfer full): the ticket
 */
KefuTicket *
kefu_ticket_new (const KefuTicketFields *fields)
{
  KefuTicket *self;

  g_return_val_if_fail (fields != NULL, NULL);

  self = g_object_new (KEFU_TYPE_TICKET, NULL);
  self->fields = *fields;
  self->subject = g_strdup (fields->subject ? fields->subject : "");
  self->customer_name = g_strdup (fields->customer_name ? fields->customer_name : "");
  self->assignee_name = g_strdup (fields->assignee_name);
  self->tags = fields->tags ? g_strdupv ((char **)fields->tags) : g_new0 (char *, 1);
  self->preview = g_strdup (fields->preview ? fields->preview : "");
  self->fields.subject = self->subject;
  self->fields.customer_name = self->customer_name;
  self->fields.assignee_name = self->assignee_name;
  self->fields.tags = (const char *const *)self->tags;
  self->fields.preview = self->preview;

  return self;
}

#define TICKET_GETTER(type, name) \
  type kefu_ticket_get_##name (KefuTicket *self) \
  { \
    g_return_val_if_fail (KEFU_IS_TICKET (self), (type)0); \
    return self->fields.name; \
  }

TICKET_GETTER (gint64, id)
TICKET_GETTER (gint64, number)
TICKET_GETTER (const char *, subject)
TICKET_GETTER (KefuTicketStatus, status)
TICKET_GETTER (KefuPriority, priority)
TICKET_GETTER (KefuChannelKind, channel)
TICKET_GETTER (gint64, customer_id)
TICKET_GETTER (const char *, customer_name)
TICKET_GETTER (gint64, assignee_id)
TICKET_GETTER (const char *, assignee_name)
TICKET_GETTER (const char *const *, tags)
TICKET_GETTER (const char *, preview)
TICKET_GETTER (guint, message_count)
TICKET_GETTER (gint64, created_at)
TICKET_GETTER (gint64, updated_at)
TICKET_GETTER (gint64, first_response_at)
TICKET_GETTER (gint64, resolved_at)
TICKET_GETTER (gint64, due_at)
TICKET_GETTER (gint64, version)

/**
 * kefu_ticket_get_fields:
 * @self: a ticket
 * @fields: (out caller-allocates): filled with borrowed values
 *
 * Copies the ticket's values into @fields; the strings stay owned by @self.
 * Used to build a changed copy.
 */
void
kefu_ticket_get_fields (KefuTicket       *self,
                        KefuTicketFields *fields)
{
  g_return_if_fail (KEFU_IS_TICKET (self));
  g_return_if_fail (fields != NULL);

  *fields = self->fields;
}
