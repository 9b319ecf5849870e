/* kefu-composer.c: where an agent writes a reply or an internal note.
 *
 * A reply and a note both go through the router: a reply is stored as
 * queued for the ticket's channel to deliver, a note is stored as final.
 * The text stays in the composer until the router has stored it, so a
 * failure never loses what was written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kefu-assist-bar.h"
#include "kefu-canned.h"
#include "kefu-canned-picker.h"
#include "kefu-composer.h"
#include "kefu-store-inbox.h"
#include "kefu-toast.h"

struct _KefuComposer
{
  GtkWidget        parent_instance;

  /* template widgets */
  KefuCannedPicker *canned_picker;
  GtkToggleButton  *note_button;
  GtkToggleButton  *reply_button;
  GtkButton        *send_button;
  GtkTextView      *text_view;

  /* owned */
  KefuRouter       *router;
  KefuTicket       *ticket;
  GCancellable     *cancellable;
  char             *agent_name;

  gint64            agent_id;
  gboolean          sending;
};

G_DEFINE_FINAL_TYPE (KefuComposer, kefu_composer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_NOTE,
  PROP_ROUTER,
  PROP_SENDING,
  PROP_TICKET,
  N_PROPS
};

enum {
  SENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
has_text (KefuComposer *self)
{
  g_autofree char *text = kefu_composer_dup_text (self);

  return *g_strstrip (text) != '\0';
}

static void
update_state (KefuComposer *self)
{
  gboolean note = kefu_composer_get_note (self);
  gboolean can_send = self->router != NULL && self->ticket != NULL && !self->sending && has_text (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send", can_send);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.save-canned", self->router != NULL && has_text (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->text_view), !self->sending);
  gtk_button_set_label (self->send_button, note ? _("Add _Note") : _("_Send"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->send_button),
                               note ? _("Add the note (Ctrl+Enter)") : _("Send the reply (Ctrl+Enter)"));
  if (note)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "note");
      gtk_widget_remove_css_class (GTK_WIDGET (self->send_button), "suggested-action");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "note");
      gtk_widget_add_css_class (GTK_WIDGET (self->send_button), "suggested-action");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  note ? _("Internal note") : _("Reply to the customer"),
                                  -1);
}

static void
set_sending (KefuComposer *self,
             gboolean      sending)
{
  if (self->sending == sending)
    return;

  self->sending = sending;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KefuComposer *self = user_data;
  g_autoptr (KefuMessage) message = NULL;
  g_autoptr (GError) error = NULL;

  message = kefu_router_send_finish (KEFU_ROUTER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_sending (self, FALSE);
  if (error != NULL)
    {
      /* The text stays, so nothing is lost; the person can try again. */
      kefu_toast_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
  g_signal_emit (self, signals[SENT], 0, message);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KefuComposer *self = KEFU_COMPOSER (widget);
  g_autoptr (KefuOutbound) outbound = NULL;
  g_autofree char *text = NULL;

  if (self->router == NULL || self->ticket == NULL || self->sending)
    return;

  if (!has_text (self))
    return;

  text = kefu_composer_dup_text (self);

  outbound = kefu_outbound_new (kefu_ticket_get_id (self->ticket),
                                kefu_composer_get_note (self) ? KEFU_DIRECTION_NOTE : KEFU_DIRECTION_OUT,
                                text);
  outbound->agent_id = self->agent_id;
  outbound->author_name = g_strdup (self->agent_name != NULL ? self->agent_name : g_get_real_name ());

  set_sending (self, TRUE);
  kefu_router_send_async (self->router, outbound, self->cancellable, send_cb, self);
}

static void
save_canned_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  KefuComposer *self = user_data;
  g_autoptr (KefuCannedReply) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = kefu_store_save_canned_reply_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  kefu_canned_picker_reload (self->canned_picker);
  kefu_toast_show (GTK_WIDGET (self), adw_toast_new (_("Canned reply saved")));
}

static void
on_save_dialog_response (KefuComposer     *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "title-entry");

  if (g_strcmp0 (response, "save") == 0)
    kefu_composer_save_canned (self, gtk_editable_get_text (entry));
}

/* Asks for a title, then keeps the text as a canned reply for everyone. */
static void
save_canned_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KefuComposer *self = KEFU_COMPOSER (widget);
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Save as Canned Reply"),
                                                       _("Everyone can then insert this text from the canned replies. "
                                                         "{{customer.name}}, {{ticket.number}} and {{agent.name}} "
                                                         "are filled in when it is used.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Title"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Title of the canned reply"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_object_set_data (G_OBJECT (dialog), "title-entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_dialog_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_buffer_changed (KefuComposer  *self,
                   GtkTextBuffer *buffer)
{
  update_state (self);
}

static void
on_mode_toggled (KefuComposer    *self,
                 GtkToggleButton *button)
{
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

static void
on_canned_chosen (KefuComposer     *self,
                  const char       *body,
                  KefuCannedPicker *picker)
{
  KefuCannedContext context = { 0 };
  g_autofree char *text = NULL;

  if (self->ticket != NULL)
    {
      context.customer_name = kefu_ticket_get_customer_name (self->ticket);
      context.ticket_number = kefu_ticket_get_number (self->ticket);
    }
  /* Unknown until an agent signs in: the reply's fallback speaks instead. */
  context.agent_name = self->agent_name;

  text = kefu_canned_expand (body, &context);
  kefu_composer_insert_text (self, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
kefu_composer_dispose (GObject *object)
{
  KefuComposer *self = KEFU_COMPOSER (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_COMPOSER);
  /* GTK 4.8 only disposes the template children that have a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->router);
  g_clear_object (&self->ticket);

  G_OBJECT_CLASS (kefu_composer_parent_class)->dispose (object);
}

static void
kefu_composer_finalize (GObject *object)
{
  KefuComposer *self = KEFU_COMPOSER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->agent_name, g_free);

  G_OBJECT_CLASS (kefu_composer_parent_class)->finalize (object);
}

static void
kefu_composer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KefuComposer *self = KEFU_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      g_value_set_boolean (value, kefu_composer_get_note (self));
      break;

    case PROP_ROUTER:
      g_value_set_object (value, self->router);
      break;

    case PROP_SENDING:
      g_value_set_boolean (value, self->sending);
      break;

    case PROP_TICKET:
      g_value_set_object (value, self->ticket);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_composer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KefuComposer *self = KEFU_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      kefu_composer_set_note (self, g_value_get_boolean (value));
      break;

    case PROP_ROUTER:
      kefu_composer_set_router (self, g_value_get_object (value));
      break;

    case PROP_TICKET:
      kefu_composer_set_ticket (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_composer_class_init (KefuComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_composer_dispose;
  object_class->finalize = kefu_composer_finalize;
  object_class->get_property = kefu_composer_get_property;
  object_class->set_property = kefu_composer_set_property;

  properties[PROP_NOTE] =
    g_param_spec_boolean ("note", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ROUTER] =
    g_param_spec_object ("router", NULL, NULL,
                         KEFU_TYPE_ROUTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SENDING] =
    g_param_spec_boolean ("sending", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_TICKET] =
    g_param_spec_object ("ticket", NULL, NULL,
                         KEFU_TYPE_TICKET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KefuComposer::sent:
   * @message: the reply or note as the store keeps it
   */
  signals[SENT] =
    g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KEFU_TYPE_MESSAGE);

  g_type_ensure (KEFU_TYPE_CANNED_PICKER);
  g_type_ensure (KEFU_TYPE_ASSIST_BAR);   /* robot (#10) */

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuComposer, canned_picker);
  gtk_widget_class_bind_template_child (widget_class, KefuComposer, note_button);
  gtk_widget_class_bind_template_child (widget_class, KefuComposer, reply_button);
  gtk_widget_class_bind_template_child (widget_class, KefuComposer, send_button);
  gtk_widget_class_bind_template_child (widget_class, KefuComposer, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_canned_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled);

  gtk_widget_class_install_action (widget_class, "composer.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "composer.save-canned", NULL, save_canned_action);


  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "composer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kefu_composer_init (KefuComposer *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  /* In the capture phase: the text view would take Ctrl+Enter as a new line. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                                                          gtk_named_action_new ("composer.send")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
  update_state (self);
}

GtkWidget *
kefu_composer_new (void)
{
  return g_object_new (KEFU_TYPE_COMPOSER, NULL);
}

/**
 * kefu_composer_get_router:
 *
 * Returns: (transfer none) (nullable): what replies and notes are sent through
 */
KefuRouter *
kefu_composer_get_router (KefuComposer *self)
{
  g_return_val_if_fail (KEFU_IS_COMPOSER (self), NULL);

  return self->router;
}

void
kefu_composer_set_router (KefuComposer *self,
                          KefuRouter   *router)
{
  g_return_if_fail (KEFU_IS_COMPOSER (self));
  g_return_if_fail (router == NULL || KEFU_IS_ROUTER (router));

  if (!g_set_object (&self->router, router))
    return;

  kefu_canned_picker_set_store (self->canned_picker, router != NULL ? kefu_router_get_store (router) : NULL);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUTER]);
}

/**
 * kefu_composer_get_ticket:
 *
 * Returns: (transfer none) (nullable): the ticket written to
 */
KefuTicket *
kefu_composer_get_ticket (KefuComposer *self)
{
  g_return_val_if_fail (KEFU_IS_COMPOSER (self), NULL);

  return self->ticket;
}

/**
 * kefu_composer_set_ticket:
 *
 * Writes to @ticket. Another ticket starts with an empty composer; a newer
 * version of the same ticket keeps what was written.
 */
void
kefu_composer_set_ticket (KefuComposer *self,
                          KefuTicket   *ticket)
{
  gboolean other;

  g_return_if_fail (KEFU_IS_COMPOSER (self));
  g_return_if_fail (ticket == NULL || KEFU_IS_TICKET (ticket));

  if (self->ticket == ticket)
    return;

  other = self->ticket == NULL || ticket == NULL ||
          kefu_ticket_get_id (self->ticket) != kefu_ticket_get_id (ticket);
  g_set_object (&self->ticket, ticket);
  if (other && ticket != NULL)
    {
      /* A reply still on its way finishes; only its answer is ignored. */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->sending = FALSE;
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
      kefu_composer_set_note (self, FALSE);
    }

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);
}

/* Who writes: the signed-in agent, or nobody yet (0, and the person's name). */
void
kefu_composer_set_agent (KefuComposer *self,
                         gint64        agent_id,
                         const char   *agent_name)
{
  g_return_if_fail (KEFU_IS_COMPOSER (self));

  self->agent_id = agent_id;
  g_free (self->agent_name);
  self->agent_name = g_strdup (agent_name);
}

gboolean
kefu_composer_get_note (KefuComposer *self)
{
  g_return_val_if_fail (KEFU_IS_COMPOSER (self), FALSE);

  return gtk_toggle_button_get_active (self->note_button);
}

void
kefu_composer_set_note (KefuComposer *self,
                        gboolean      note)
{
  g_return_if_fail (KEFU_IS_COMPOSER (self));

  /* The two buttons are a group: activating one releases the other. */
  gtk_toggle_button_set_active (note ? self->note_button : self->reply_button, TRUE);
}

/* Switches to a reply or a note and puts the cursor in the text. */
void
kefu_composer_start (KefuComposer *self,
                     gboolean      note)
{
  g_return_if_fail (KEFU_IS_COMPOSER (self));

  kefu_composer_set_note (self, note);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

char *
kefu_composer_dup_text (KefuComposer *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;

  g_return_val_if_fail (KEFU_IS_COMPOSER (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
kefu_composer_set_text (KefuComposer *self,
                        const char   *text)
{
  g_return_if_fail (KEFU_IS_COMPOSER (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text != NULL ? text : "", -1);
}

/* Inserts @text at the cursor, as typing would. */
void
kefu_composer_insert_text (KefuComposer *self,
                           const char   *text)
{
  g_return_if_fail (KEFU_IS_COMPOSER (self));
  g_return_if_fail (text != NULL);

  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (self->text_view), text, -1);
}

gboolean
kefu_composer_get_sending (KefuComposer *self)
{
  g_return_val_if_fail (KEFU_IS_COMPOSER (self), FALSE);

  return self->sending;
}

/**
 * kefu_composer_get_canned_picker:
 *
 * Returns: (transfer none): the quick list of canned replies
 */
KefuCannedPicker *
kefu_composer_get_canned_picker (KefuComposer *self)
{
  g_return_val_if_fail (KEFU_IS_COMPOSER (self), NULL);

  return self->canned_picker;
}

/**
 * kefu_composer_save_canned:
 * @title: what the canned reply is called in the picker
 *
 * Keeps the text written so far as a canned reply; a toast says when it is.
 */
void
kefu_composer_save_canned (KefuComposer *self,
                           const char   *title)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KEFU_IS_COMPOSER (self));
  g_return_if_fail (title != NULL);

  if (self->router == NULL)
    return;

  text = kefu_composer_dup_text (self);
  kefu_store_save_canned_reply_async (kefu_router_get_store (self->router), 0, title, text,
                                      self->cancellable, save_canned_cb, self);
}
