/* kefu-message-row.c: one entry of a conversation: a message, a reply, a note, an event.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-message-row.h"
#include "kefu-ui-format.h"

/* A GtkLabel lays out its whole text at once; bodies past this are cut. */
#define MAX_BODY_BYTES (64 * 1024)

struct _KefuMessageRow
{
  GtkWidget    parent_instance;

  /* template widgets */
  GtkBox      *attachments_box;
  GtkLabel    *author_label;
  GtkBox      *bubble;
  GtkLabel    *delivery_label;
  GtkLabel    *event_label;
  GtkLabel    *kind_label;
  GtkLabel    *text_label;
  GtkLabel    *time_label;

  /* owned */
  KefuMessage *message;
};

G_DEFINE_FINAL_TYPE (KefuMessageRow, kefu_message_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
author_for (KefuMessage *message)
{
  const char *name = kefu_message_get_author_name (message);

  if (name != NULL && *name != '\0')
    return name;

  name = kefu_message_get_author_address (message);
  if (name != NULL && *name != '\0' && kefu_message_get_direction (message) == KEFU_DIRECTION_IN)
    return name;

  switch (kefu_message_get_direction (message))
    {
    case KEFU_DIRECTION_IN:
      return _("Customer");
    case KEFU_DIRECTION_ROBOT:
      return _("Robot");
    case KEFU_DIRECTION_OUT:
    case KEFU_DIRECTION_NOTE:
    case KEFU_DIRECTION_SYSTEM:
    default:
      return _("Agent");
    }
}

static void
show_delivery (KefuMessageRow *self)
{
  KefuDirection direction = kefu_message_get_direction (self->message);
  const char *reason;
  g_autofree char *text = NULL;

  if (direction != KEFU_DIRECTION_OUT && direction != KEFU_DIRECTION_ROBOT)
    return;

  switch (kefu_message_get_delivery_state (self->message))
    {
    case KEFU_DELIVERY_STATE_QUEUED:
      text = g_strdup (C_("delivery state", "Queued"));
      break;

    case KEFU_DELIVERY_STATE_SENT:
      text = g_strdup (C_("delivery state", "Sent"));
      break;

    case KEFU_DELIVERY_STATE_FAILED:
      reason = kefu_message_get_delivery_error (self->message);
      if (reason != NULL && *reason != '\0')
        /* Translators: %s is the reason the mail server or chat gave */
        text = g_strdup_printf (_("Not sent: %s"), reason);
      else
        text = g_strdup (_("Not sent"));
      gtk_widget_add_css_class (GTK_WIDGET (self->delivery_label), "error");
      break;

    case KEFU_DELIVERY_STATE_NONE:
    default:
      return;
    }

  gtk_label_set_text (self->delivery_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->delivery_label), TRUE);
}

static void
show_attachments (KefuMessageRow *self)
{
  GPtrArray *attachments = kefu_message_get_attachments (self->message);

  if (attachments == NULL || attachments->len == 0)
    return;

  for (guint i = 0; i < attachments->len; i++)
    {
      KefuAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *size = g_format_size (MAX (kefu_attachment_get_size (attachment), 0));
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *name = gtk_label_new (NULL);
      GtkWidget *size_label = gtk_label_new (size);

      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      gtk_label_set_text (GTK_LABEL (name), kefu_attachment_get_filename (attachment));
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_box_append (GTK_BOX (box), name);
      gtk_widget_add_css_class (size_label, "dim-label");
      gtk_widget_add_css_class (size_label, "numeric");
      gtk_box_append (GTK_BOX (box), size_label);
      gtk_box_append (self->attachments_box, box);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attachments_box), TRUE);
}

/* Every string here came from a customer or a channel: set as text, never markup. */
static void
show_message (KefuMessageRow *self)
{
  KefuDirection direction = kefu_message_get_direction (self->message);
  g_autofree char *body = kefu_ui_clip_text (kefu_message_get_text (self->message), MAX_BODY_BYTES);
  g_autofree char *when = kefu_ui_format_date_time (kefu_message_get_created_at (self->message));

  if (direction == KEFU_DIRECTION_SYSTEM)
    {
      g_autofree char *line = NULL;

      /* Translators: an event in a conversation, then when it happened */
      line = g_strdup_printf (C_("system event", "%1$s · %2$s"), body, when);
      gtk_label_set_text (self->event_label, line);
      gtk_widget_set_visible (GTK_WIDGET (self->event_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->bubble), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "system");
      return;
    }

  gtk_label_set_text (self->author_label, author_for (self->message));
  gtk_label_set_text (self->time_label, when);
  gtk_label_set_text (self->text_label, body);

  switch (direction)
    {
    case KEFU_DIRECTION_IN:
      gtk_widget_add_css_class (GTK_WIDGET (self), "inbound");
      gtk_widget_set_halign (GTK_WIDGET (self->bubble), GTK_ALIGN_START);
      gtk_widget_set_margin_end (GTK_WIDGET (self->bubble), 48);
      break;

    case KEFU_DIRECTION_OUT:
      gtk_widget_add_css_class (GTK_WIDGET (self), "outbound");
      gtk_widget_set_halign (GTK_WIDGET (self->bubble), GTK_ALIGN_END);
      gtk_widget_set_margin_start (GTK_WIDGET (self->bubble), 48);
      break;

    case KEFU_DIRECTION_ROBOT:
      gtk_widget_add_css_class (GTK_WIDGET (self), "robot");
      gtk_widget_set_halign (GTK_WIDGET (self->bubble), GTK_ALIGN_END);
      gtk_widget_set_margin_start (GTK_WIDGET (self->bubble), 48);
      gtk_label_set_text (self->kind_label, _("Automatic reply"));
      gtk_widget_set_visible (GTK_WIDGET (self->kind_label), TRUE);
      break;

    case KEFU_DIRECTION_NOTE:
      gtk_widget_add_css_class (GTK_WIDGET (self), "note");
      gtk_widget_set_halign (GTK_WIDGET (self->bubble), GTK_ALIGN_FILL);
      gtk_label_set_text (self->kind_label, _("Internal note"));
      gtk_widget_set_visible (GTK_WIDGET (self->kind_label), TRUE);
      break;

    case KEFU_DIRECTION_SYSTEM:
    default:
      break;
    }

  show_attachments (self);
  show_delivery (self);
}

static void
kefu_message_row_constructed (GObject *object)
{
  KefuMessageRow *self = KEFU_MESSAGE_ROW (object);

  G_OBJECT_CLASS (kefu_message_row_parent_class)->constructed (object);

  if (self->message != NULL)
    show_message (self);
}

static void
kefu_message_row_dispose (GObject *object)
{
  KefuMessageRow *self = KEFU_MESSAGE_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_MESSAGE_ROW);
  /* GTK 4.8 only disposes the template children that have a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->message);

  G_OBJECT_CLASS (kefu_message_row_parent_class)->dispose (object);
}

static void
kefu_message_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KefuMessageRow *self = KEFU_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_message_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KefuMessageRow *self = KEFU_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      self->message = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_message_row_class_init (KefuMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kefu_message_row_constructed;
  object_class->dispose = kefu_message_row_dispose;
  object_class->get_property = kefu_message_row_get_property;
  object_class->set_property = kefu_message_row_set_property;

  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL,
                         KEFU_TYPE_MESSAGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuMessageRow, attachments_box);
  gtk_widget_class_bind_template_child (widget_class, KefuMessageRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, KefuMessageRow, bubble);
  gtk_widget_class_bind_template_child (widget_class, KefuMessageRow, delivery_label);
  gtk_widget_class_bind_template_child (widget_class, KefuMessageRow, event_label);
  gtk_widget_class_bind_template_child (widget_class, KefuMessageRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, KefuMessageRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, KefuMessageRow, time_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "messagerow");
}

static void
kefu_message_row_init (KefuMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kefu_message_row_new (KefuMessage *message)
{
  g_return_val_if_fail (KEFU_IS_MESSAGE (message), NULL);

  return g_object_new (KEFU_TYPE_MESSAGE_ROW, "message", message, NULL);
}

/**
 * kefu_message_row_get_message:
 *
 * Returns: (transfer none): the message shown
 */
KefuMessage *
kefu_message_row_get_message (KefuMessageRow *self)
{
  g_return_val_if_fail (KEFU_IS_MESSAGE_ROW (self), NULL);

  return self->message;
}
