/* kefu-ticket-row.c: one ticket in the list: who, what, when, where, how far along.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-ticket-row.h"
#include "kefu-ui-format.h"

struct _KefuTicketRow
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkImage       *channel_image;
  GtkLabel       *name_label;
  GtkLabel       *number_label;
  GtkLabel       *preview_label;
  GtkLabel       *status_label;
  GtkLabel       *subject_label;
  GtkLabel       *time_label;

  /* owned */
  KefuTicketItem *item;
  GSignalGroup   *item_signals;
  char           *status_class;
};

G_DEFINE_FINAL_TYPE (KefuTicketRow, kefu_ticket_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_status_class (KefuTicketRow *self,
                  const char    *css_class)
{
  if (g_strcmp0 (self->status_class, css_class) == 0)
    return;

  if (self->status_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
  g_free (self->status_class);
  self->status_class = g_strdup (css_class);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), css_class);
}

/* Everything here is text someone sent us, so it is set as text, never markup. */
static void
update (KefuTicketRow *self)
{
  KefuTicket *ticket = self->item != NULL ? kefu_ticket_item_get_ticket (self->item) : NULL;
  g_autofree char *when = NULL;
  g_autofree char *number = NULL;
  const char *subject;

  if (ticket == NULL)
    {
      /* A placeholder while the page loads: grey bars where the text will be. */
      gtk_widget_add_css_class (GTK_WIDGET (self), "placeholder");
      gtk_image_set_from_icon_name (self->channel_image, NULL);
      gtk_label_set_text (self->name_label, " ");
      gtk_label_set_text (self->subject_label, " ");
      gtk_label_set_text (self->preview_label, " ");
      gtk_label_set_text (self->time_label, "");
      gtk_label_set_text (self->number_label, "");
      gtk_label_set_text (self->status_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
      set_status_class (self, NULL);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self), "placeholder");

  gtk_image_set_from_icon_name (self->channel_image,
                                kefu_ui_channel_icon_name (kefu_ticket_get_channel (ticket)));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->channel_image),
                               kefu_ui_channel_label (kefu_ticket_get_channel (ticket)));

  gtk_label_set_text (self->name_label, kefu_ticket_get_customer_name (ticket));

  subject = kefu_ticket_get_subject (ticket);
  gtk_label_set_text (self->subject_label,
                      subject != NULL && *subject != '\0' ? subject : _("(No subject)"));
  gtk_label_set_text (self->preview_label, kefu_ticket_get_preview (ticket));

  when = kefu_ui_format_relative_time (kefu_ticket_get_updated_at (ticket), g_get_real_time ());
  gtk_label_set_text (self->time_label, when);

  number = kefu_ui_format_ticket_number (kefu_ticket_get_number (ticket));
  gtk_label_set_text (self->number_label, number);

  gtk_label_set_text (self->status_label, kefu_ui_status_label (kefu_ticket_get_status (ticket)));
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  set_status_class (self, kefu_ui_status_css_class (kefu_ticket_get_status (ticket)));
}

static void
on_item_notify_ticket (KefuTicketRow  *self,
                       GParamSpec     *pspec,
                       KefuTicketItem *item)
{
  update (self);
}

static void
kefu_ticket_row_dispose (GObject *object)
{
  KefuTicketRow *self = KEFU_TICKET_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_TICKET_ROW);
  /* GTK 4.8 only disposes the template children that have a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->item_signals != NULL)
    g_signal_group_set_target (self->item_signals, NULL);
  g_clear_object (&self->item_signals);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (kefu_ticket_row_parent_class)->dispose (object);
}

static void
kefu_ticket_row_finalize (GObject *object)
{
  KefuTicketRow *self = KEFU_TICKET_ROW (object);

  g_clear_pointer (&self->status_class, g_free);

  G_OBJECT_CLASS (kefu_ticket_row_parent_class)->finalize (object);
}

static void
kefu_ticket_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KefuTicketRow *self = KEFU_TICKET_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_ticket_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KefuTicketRow *self = KEFU_TICKET_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      kefu_ticket_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_ticket_row_class_init (KefuTicketRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_ticket_row_dispose;
  object_class->finalize = kefu_ticket_row_finalize;
  object_class->get_property = kefu_ticket_row_get_property;
  object_class->set_property = kefu_ticket_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         KEFU_TYPE_TICKET_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-ticket-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuTicketRow, channel_image);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketRow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketRow, subject_label);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketRow, time_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ticketrow");
}

static void
kefu_ticket_row_init (KefuTicketRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->item_signals = g_signal_group_new (KEFU_TYPE_TICKET_ITEM);
  g_signal_group_connect_object (self->item_signals, "notify::ticket",
                                 G_CALLBACK (on_item_notify_ticket), self, G_CONNECT_SWAPPED);
  update (self);
}

GtkWidget *
kefu_ticket_row_new (void)
{
  return g_object_new (KEFU_TYPE_TICKET_ROW, NULL);
}

/**
 * kefu_ticket_row_get_item:
 *
 * Returns: (transfer none) (nullable): the list position this row shows
 */
KefuTicketItem *
kefu_ticket_row_get_item (KefuTicketRow *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_ROW (self), NULL);

  return self->item;
}

void
kefu_ticket_row_set_item (KefuTicketRow  *self,
                          KefuTicketItem *item)
{
  g_return_if_fail (KEFU_IS_TICKET_ROW (self));
  g_return_if_fail (item == NULL || KEFU_IS_TICKET_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;

  g_signal_group_set_target (self->item_signals, item);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
