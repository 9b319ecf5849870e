/* kefu-ticket-item.c: one position of a ticket list, filled when its page arrives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-ticket-item.h"

struct _KefuTicketItem
{
  GObject     parent_instance;

  /* owned */
  KefuTicket *ticket;

  guint       position;
};

G_DEFINE_FINAL_TYPE (KefuTicketItem, kefu_ticket_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_TICKET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A page reloaded after a change brings new objects for every row; rows only
 * need to redraw when the ticket itself moved on. */
static gboolean
same_ticket (KefuTicket *a,
             KefuTicket *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return kefu_ticket_get_id (a) == kefu_ticket_get_id (b) &&
         kefu_ticket_get_version (a) == kefu_ticket_get_version (b) &&
         kefu_ticket_get_updated_at (a) == kefu_ticket_get_updated_at (b) &&
         kefu_ticket_get_message_count (a) == kefu_ticket_get_message_count (b) &&
         kefu_ticket_get_status (a) == kefu_ticket_get_status (b);
}

static void
kefu_ticket_item_dispose (GObject *object)
{
  KefuTicketItem *self = KEFU_TICKET_ITEM (object);

  g_clear_object (&self->ticket);

  G_OBJECT_CLASS (kefu_ticket_item_parent_class)->dispose (object);
}

static void
kefu_ticket_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KefuTicketItem *self = KEFU_TICKET_ITEM (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_TICKET:
      g_value_set_object (value, self->ticket);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_ticket_item_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KefuTicketItem *self = KEFU_TICKET_ITEM (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      self->position = g_value_get_uint (value);
      break;

    case PROP_TICKET:
      kefu_ticket_item_set_ticket (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_ticket_item_class_init (KefuTicketItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_ticket_item_dispose;
  object_class->get_property = kefu_ticket_item_get_property;
  object_class->set_property = kefu_ticket_item_set_property;

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TICKET] =
    g_param_spec_object ("ticket", NULL, NULL,
                         KEFU_TYPE_TICKET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kefu_ticket_item_init (KefuTicketItem *self)
{
}

KefuTicketItem *
kefu_ticket_item_new (guint position)
{
  return g_object_new (KEFU_TYPE_TICKET_ITEM, "position", position, NULL);
}

guint
kefu_ticket_item_get_position (KefuTicketItem *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_ITEM (self), 0);

  return self->position;
}

/**
 * kefu_ticket_item_get_ticket:
 *
 * Returns: (transfer none) (nullable): the ticket, or %NULL while its page loads
 */
KefuTicket *
kefu_ticket_item_get_ticket (KefuTicketItem *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_ITEM (self), NULL);

  return self->ticket;
}

void
kefu_ticket_item_set_ticket (KefuTicketItem *self,
                             KefuTicket     *ticket)
{
  g_return_if_fail (KEFU_IS_TICKET_ITEM (self));
  g_return_if_fail (ticket == NULL || KEFU_IS_TICKET (ticket));

  if (same_ticket (self->ticket, ticket))
    return;

  g_set_object (&self->ticket, ticket);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);
}
