/* kefu-account-row.c: one channel account on the Channels page, with its live state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-account-row.h"

struct _KefuAccountRow
{
  AdwActionRow  parent_instance;

  /* widgets */
  GtkWidget    *state_label;
  GtkWidget    *enabled_switch;

  /* owned */
  KefuAccount  *account;
  KefuChannel  *channel;
  gulong        state_handler;
  gulong        message_handler;
};

G_DEFINE_FINAL_TYPE (KefuAccountRow, kefu_account_row, ADW_TYPE_ACTION_ROW)

const char *
kefu_account_kind_icon_name (KefuChannelKind kind)
{
  switch (kind)
    {
    case KEFU_CHANNEL_KIND_EMAIL:
      return "mail-unread-symbolic";
    case KEFU_CHANNEL_KIND_CHAT:
      return "chat-message-new-symbolic";
    case KEFU_CHANNEL_KIND_PHONE:
      return "call-start-symbolic";
    default:
      return "mail-send-receive-symbolic";
    }
}

/* The state in words, and the CSS class that colours it. */
static const char *
state_words (KefuAccountRow  *self,
             const char     **css_class)
{
  *css_class = NULL;
  if (!kefu_account_get_enabled (self->account))
    return C_("channel state", "Off");
  if (self->channel == NULL)
    return C_("channel state", "Not running");

  switch (kefu_channel_get_state (self->channel))
    {
    case KEFU_CHANNEL_STATE_ONLINE:
      *css_class = "success";
      return C_("channel state", "Online");
    case KEFU_CHANNEL_STATE_CONNECTING:
      *css_class = "warning";
      return C_("channel state", "Connecting…");
    case KEFU_CHANNEL_STATE_ERROR:
      *css_class = "error";
      return C_("channel state", "Error");
    case KEFU_CHANNEL_STATE_OFFLINE:
    default:
      return C_("channel state", "Offline");
    }
}

static void
update_state (KefuAccountRow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *message = NULL;
  const char *address = kefu_account_get_address (self->account);
  const char *css_class;
  const char *words = state_words (self, &css_class);

  if (self->channel != NULL && kefu_account_get_enabled (self->account))
    message = kefu_channel_dup_status_message (self->channel);

  gtk_label_set_label (GTK_LABEL (self->state_label), words);
  gtk_widget_remove_css_class (self->state_label, "success");
  gtk_widget_remove_css_class (self->state_label, "warning");
  gtk_widget_remove_css_class (self->state_label, "error");
  if (css_class != NULL)
    gtk_widget_add_css_class (self->state_label, css_class);

  if (message != NULL && *message != '\0')
    subtitle = g_strdup_printf ("%s\n%s", address != NULL ? address : "", message);
  else
    subtitle = g_strdup (address != NULL ? address : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_widget_set_tooltip_text (self->state_label, message);
}

static void
on_channel_notify (KefuChannel    *channel,
                   GParamSpec     *pspec,
                   KefuAccountRow *self)
{
  update_state (self);
}

static void
on_switch_active (GtkSwitch      *enabled_switch,
                  GParamSpec     *pspec,
                  KefuAccountRow *self)
{
  gboolean active = gtk_switch_get_active (enabled_switch);

  if (active == kefu_account_get_enabled (self->account))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "channels.set-enabled", "(xb)",
                              kefu_account_get_id (self->account), active);
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *tooltip,
             const char *action_name,
             gint64      account_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (account_id));

  return button;
}

static void
kefu_account_row_dispose (GObject *object)
{
  KefuAccountRow *self = KEFU_ACCOUNT_ROW (object);

  g_clear_object (&self->account);
  kefu_account_row_set_channel (self, NULL);

  G_OBJECT_CLASS (kefu_account_row_parent_class)->dispose (object);
}

static void
kefu_account_row_class_init (KefuAccountRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_account_row_dispose;
}

static void
kefu_account_row_init (KefuAccountRow *self)
{
  self->state_label = gtk_label_new (NULL);
  gtk_widget_set_valign (self->state_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->state_label, "caption-heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->state_label);

  self->enabled_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->enabled_switch, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->enabled_switch, _("Run this channel"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->enabled_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Run this channel"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->enabled_switch);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 3);
}

/**
 * kefu_account_row_new:
 *
 * Returns: (transfer floating): a row for @account, its channel not running
 */
GtkWidget *
kefu_account_row_new (KefuAccount *account)
{
  KefuAccountRow *self;
  gint64 id;

  g_return_val_if_fail (KEFU_IS_ACCOUNT (account), NULL);

  self = g_object_new (KEFU_TYPE_ACCOUNT_ROW, "use-markup", FALSE, NULL);
  self->account = g_object_ref (account);
  id = kefu_account_get_id (account);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), kefu_account_get_name (account));
  adw_action_row_add_prefix (ADW_ACTION_ROW (self),
                             gtk_image_new_from_icon_name (kefu_account_kind_icon_name (kefu_account_get_kind (account))));
  gtk_switch_set_active (GTK_SWITCH (self->enabled_switch), kefu_account_get_enabled (account));
  g_signal_connect (self->enabled_switch, "notify::active", G_CALLBACK (on_switch_active), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self),
                             icon_button ("document-edit-symbolic", _("Edit"), "channels.edit", id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self),
                             icon_button ("user-trash-symbolic", _("Remove"), "channels.remove", id));
  update_state (self);

  return GTK_WIDGET (self);
}

KefuAccount *
kefu_account_row_get_account (KefuAccountRow *self)
{
  g_return_val_if_fail (KEFU_IS_ACCOUNT_ROW (self), NULL);

  return self->account;
}

/**
 * kefu_account_row_set_channel:
 * @channel: (nullable): the account's running channel
 *
 * Follows @channel's state and status message.
 */
void
kefu_account_row_set_channel (KefuAccountRow *self,
                              KefuChannel    *channel)
{
  g_return_if_fail (KEFU_IS_ACCOUNT_ROW (self));

  if (self->channel == channel)
    return;
  if (self->channel != NULL)
    {
      g_clear_signal_handler (&self->state_handler, self->channel);
      g_clear_signal_handler (&self->message_handler, self->channel);
    }
  g_set_object (&self->channel, channel);
  if (channel != NULL)
    {
      self->state_handler = g_signal_connect (channel, "notify::state", G_CALLBACK (on_channel_notify), self);
      self->message_handler = g_signal_connect (channel, "notify::status-message", G_CALLBACK (on_channel_notify), self);
    }
  if (self->account != NULL)
    update_state (self);
}

/**
 * kefu_account_row_dup_state:
 *
 * Returns: (transfer full): the state as the row shows it, for tests
 */
char *
kefu_account_row_dup_state (KefuAccountRow *self)
{
  g_return_val_if_fail (KEFU_IS_ACCOUNT_ROW (self), NULL);

  return g_strdup (gtk_label_get_label (GTK_LABEL (self->state_label)));
}
