/* kefu-ticket-controls.c: a ticket's status, priority, assignee and tags, editable.
 *
 * Every edit is made against the version of the ticket on screen; when
 * someone else changed the ticket meanwhile, the store refuses it
 * (KEFU_STORE_ERROR_CONFLICT), nothing is overwritten, the person is told,
 * and the controls go back to what the store has.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kefu-snooze-popover.h"
#include "kefu-store-inbox.h"
#include "kefu-ticket-controls.h"
#include "kefu-toast.h"
#include "kefu-ui-format.h"

#define N_STATUSES   (KEFU_TICKET_STATUS_CLOSED + 1)
#define N_PRIORITIES (KEFU_PRIORITY_URGENT + 1)

struct _KefuTicketControls
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkDropDown    *assignee_drop;
  GtkDropDown    *priority_drop;
  GtkLabel       *snooze_label;
  GtkDropDown    *status_drop;
  GtkEntry       *tag_entry;
  GtkMenuButton  *tag_button;
  GtkBox         *tags_box;

  /* owned */
  KefuStore      *store;
  KefuTicket     *ticket;
  GCancellable   *cancellable;
  GCancellable   *snooze_cancellable;
  GtkStringList  *agent_names;
  GArray         *agent_ids;       /* gint64, parallel to agent_names */
  GListStore     *agents;
  char           *last_error;

  /* what Undo puts back: the status before, on the version after */
  gint64          undo_ticket_id;
  gint64          undo_version;
  KefuTicketStatus undo_status;

  gint64          agent_id;
  gint64          snoozed_until;
  guint           busy;
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (KefuTicketControls, kefu_ticket_controls, GTK_TYPE_WIDGET)

enum {
  RELOAD_NEEDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  KefuTicketControls *self;
  KefuTicketStatus    old_status;
  gboolean            undoable;
} Edit;

static void
sync_tags (KefuTicketControls *self)
{
  const char *const *tags = self->ticket != NULL ? kefu_ticket_get_tags (self->ticket) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_box_remove (self->tags_box, child);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      g_autofree char *label = g_strdup_printf (_("Remove tag “%s”"), tags[i]);

      gtk_box_append (GTK_BOX (box), gtk_label_new (tags[i]));
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "tag");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "controls.remove-tag");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", tags[i]);
      gtk_box_append (self->tags_box, button);
    }
}

static guint
assignee_position (KefuTicketControls *self,
                   gint64              agent_id)
{
  for (guint i = 0; i < self->agent_ids->len; i++)
    if (g_array_index (self->agent_ids, gint64, i) == agent_id)
      return i;

  return 0;
}

/* Shows the ticket as the store last gave it. */
static void
sync_controls (KefuTicketControls *self)
{
  gboolean have = self->ticket != NULL;

  self->syncing = TRUE;
  if (have)
    {
      gtk_drop_down_set_selected (self->status_drop, kefu_ticket_get_status (self->ticket));
      gtk_drop_down_set_selected (self->priority_drop, kefu_ticket_get_priority (self->ticket));
      gtk_drop_down_set_selected (self->assignee_drop, assignee_position (self, kefu_ticket_get_assignee_id (self->ticket)));
    }
  sync_tags (self);
  self->syncing = FALSE;

  if (self->snoozed_until > 0)
    {
      g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (self->snoozed_until / G_USEC_PER_SEC);
      g_autofree char *time = g_date_time_format (when, "%x %H:%M");
      /* Translators: %s is a date and time */
      g_autofree char *text = g_strdup_printf (_("Snoozed until %s"), time);

      gtk_label_set_text (self->snooze_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->snooze_label), self->snoozed_until > 0);

  gtk_widget_set_sensitive (GTK_WIDGET (self), have && self->store != NULL && self->busy == 0);
}

static void
set_busy (KefuTicketControls *self,
          gboolean            busy)
{
  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;

  gtk_widget_set_sensitive (GTK_WIDGET (self), self->ticket != NULL && self->store != NULL && self->busy == 0);
}

static void
undo_clicked_cb (AdwToast           *toast,
                 KefuTicketControls *self)
{
  kefu_ticket_controls_undo (self);
}

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autofree Edit *edit = user_data;
  KefuTicketControls *self = edit->self;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GError) error = NULL;
  KefuTicketStatus status;

  ticket = kefu_store_update_ticket_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (error != NULL)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      /* A toast has room for one short line; the store's message is longer. */
      if (g_error_matches (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CONFLICT))
        kefu_toast_show_error (GTK_WIDGET (self), _("Someone else changed this ticket first. Nothing was saved."));
      else
        kefu_toast_show_error (GTK_WIDGET (self), error->message);
      /* Back to what the store has; after a conflict, that is someone
       * else's newer version, which the page reads again. */
      sync_controls (self);
      if (g_error_matches (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CONFLICT) ||
          g_error_matches (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND))
        g_signal_emit (self, signals[RELOAD_NEEDED], 0);
      return;
    }

  g_clear_pointer (&self->last_error, g_free);
  if (self->ticket != NULL && kefu_ticket_get_id (self->ticket) == kefu_ticket_get_id (ticket))
    kefu_ticket_controls_set_ticket (self, ticket);

  status = kefu_ticket_get_status (ticket);
  if (edit->undoable && status != edit->old_status &&
      (status == KEFU_TICKET_STATUS_RESOLVED || status == KEFU_TICKET_STATUS_CLOSED))
    {
      g_autofree char *number = kefu_ui_format_ticket_number (kefu_ticket_get_number (ticket));
      g_autofree char *title = NULL;
      AdwToast *toast;

      /* Translators: %s is a ticket number like #1024 */
      title = g_strdup_printf (status == KEFU_TICKET_STATUS_RESOLVED ? _("Ticket %s resolved") : _("Ticket %s closed"),
                               number);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);

      self->undo_ticket_id = kefu_ticket_get_id (ticket);
      self->undo_version = kefu_ticket_get_version (ticket);
      self->undo_status = edit->old_status;
      kefu_toast_show (GTK_WIDGET (self), toast);
    }
}

static void
apply (KefuTicketControls *self,
       KefuTicketChange   *change,
       gboolean            undoable)
{
  Edit *edit;

  change->agent_id = self->agent_id;
  edit = g_new0 (Edit, 1);
  edit->self = self;
  edit->old_status = kefu_ticket_get_status (self->ticket);
  edit->undoable = undoable;

  set_busy (self, TRUE);
  kefu_store_update_ticket_async (self->store, change, self->cancellable, update_cb, edit);
}

static KefuTicketChange *
new_change (KefuTicketControls    *self,
            KefuTicketChangeFlags  what)
{
  KefuTicketChange *change;

  /* One edit at a time: the next one needs the version this one makes. */
  if (self->store == NULL || self->ticket == NULL || self->busy > 0)
    return NULL;

  change = kefu_ticket_change_new (kefu_ticket_get_id (self->ticket), kefu_ticket_get_version (self->ticket));
  change->what = what;

  return change;
}

static void
on_status_selected (KefuTicketControls *self,
                    GParamSpec         *pspec,
                    GtkDropDown        *drop)
{
  guint selected = gtk_drop_down_get_selected (drop);

  if (!self->syncing && selected < N_STATUSES)
    kefu_ticket_controls_set_status (self, (KefuTicketStatus) selected);
}

static void
on_priority_selected (KefuTicketControls *self,
                      GParamSpec         *pspec,
                      GtkDropDown        *drop)
{
  guint selected = gtk_drop_down_get_selected (drop);

  if (!self->syncing && selected < N_PRIORITIES)
    kefu_ticket_controls_set_priority (self, (KefuPriority) selected);
}

static void
on_assignee_selected (KefuTicketControls *self,
                      GParamSpec         *pspec,
                      GtkDropDown        *drop)
{
  guint selected = gtk_drop_down_get_selected (drop);

  if (!self->syncing && selected < self->agent_ids->len)
    kefu_ticket_controls_set_assignee (self, g_array_index (self->agent_ids, gint64, selected));
}

static void
on_tag_entry_activate (KefuTicketControls *self,
                       GtkEntry           *entry)
{
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*tag == '\0')
    return;

  kefu_ticket_controls_add_tag (self, tag);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_menu_button_popdown (self->tag_button);
}

static void
remove_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  kefu_ticket_controls_remove_tag (KEFU_TICKET_CONTROLS (widget), g_variant_get_string (parameter, NULL));
}

static void
list_agents_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  KefuTicketControls *self = user_data;
  g_autoptr (GPtrArray) agents = NULL;
  g_autoptr (GError) error = NULL;

  agents = kefu_store_list_agents_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      g_debug ("Agents not listed: %s", error->message);
      return;
    }

  self->syncing = TRUE;
  g_array_set_size (self->agent_ids, 1);
  gtk_string_list_splice (self->agent_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->agent_names)) - 1, NULL);
  g_list_store_remove_all (self->agents);
  for (guint i = 0; i < agents->len; i++)
    {
      KefuAgent *agent = g_ptr_array_index (agents, i);
      gint64 id = kefu_agent_get_id (agent);

      g_array_append_val (self->agent_ids, id);
      gtk_string_list_append (self->agent_names, kefu_agent_get_name (agent));
      g_list_store_append (self->agents, agent);
    }
  self->syncing = FALSE;
  sync_controls (self);
}

static void
get_snooze_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  KefuTicketControls *self = user_data;
  g_autoptr (GError) error = NULL;
  gint64 until;

  until = kefu_store_get_snooze_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_debug ("Snooze not read: %s", error->message);

  self->snoozed_until = MAX (until, 0);
  sync_controls (self);
}

/* Only a pending ticket can be snoozed; the others need no read. */
static void
load_snooze (KefuTicketControls *self)
{
  g_cancellable_cancel (self->snooze_cancellable);
  g_clear_object (&self->snooze_cancellable);
  self->snooze_cancellable = g_cancellable_new ();
  self->snoozed_until = 0;

  if (self->store != NULL && self->ticket != NULL &&
      kefu_ticket_get_status (self->ticket) == KEFU_TICKET_STATUS_PENDING)
    kefu_store_get_snooze_async (self->store, kefu_ticket_get_id (self->ticket),
                                 self->snooze_cancellable, get_snooze_cb, self);
}

static void
snooze_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KefuTicketControls *self = user_data;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GError) error = NULL;

  ticket = kefu_store_snooze_ticket_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (error != NULL)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      if (g_error_matches (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CONFLICT))
        {
          kefu_toast_show_error (GTK_WIDGET (self), _("Someone else changed this ticket first. Nothing was saved."));
          g_signal_emit (self, signals[RELOAD_NEEDED], 0);
        }
      else
        kefu_toast_show_error (GTK_WIDGET (self), error->message);
      sync_controls (self);
      return;
    }

  g_clear_pointer (&self->last_error, g_free);
  if (self->ticket != NULL && kefu_ticket_get_id (self->ticket) == kefu_ticket_get_id (ticket))
    {
      g_set_object (&self->ticket, ticket);
      load_snooze (self);
      sync_controls (self);
    }
}

static void
on_snooze (KefuTicketControls *self,
           gint64              until,
           KefuSnoozePopover  *popover)
{
  kefu_ticket_controls_snooze (self, until);
}

static GtkStringList *
status_names (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int i = 0; i < N_STATUSES; i++)
    gtk_string_list_append (list, kefu_ui_status_label ((KefuTicketStatus) i));

  return list;
}

static GtkStringList *
priority_names (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, C_("priority", "Low"));
  gtk_string_list_append (list, C_("priority", "Normal"));
  gtk_string_list_append (list, C_("priority", "High"));
  gtk_string_list_append (list, C_("priority", "Urgent"));

  return list;
}

static void
kefu_ticket_controls_dispose (GObject *object)
{
  KefuTicketControls *self = KEFU_TICKET_CONTROLS (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->snooze_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_TICKET_CONTROLS);
  /* GTK 4.8 only disposes the template children that have a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->ticket);
  g_clear_object (&self->agent_names);
  g_clear_object (&self->agents);

  G_OBJECT_CLASS (kefu_ticket_controls_parent_class)->dispose (object);
}

static void
kefu_ticket_controls_finalize (GObject *object)
{
  KefuTicketControls *self = KEFU_TICKET_CONTROLS (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->snooze_cancellable);
  g_clear_pointer (&self->agent_ids, g_array_unref);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (kefu_ticket_controls_parent_class)->finalize (object);
}

static void
kefu_ticket_controls_class_init (KefuTicketControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_ticket_controls_dispose;
  object_class->finalize = kefu_ticket_controls_finalize;

  /**
   * KefuTicketControls::reload-needed:
   *
   * The ticket on screen is older than the store's: read it again.
   */
  signals[RELOAD_NEEDED] =
    g_signal_new ("reload-needed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (KEFU_TYPE_SNOOZE_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-ticket-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuTicketControls, assignee_drop);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketControls, priority_drop);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketControls, snooze_label);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketControls, status_drop);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketControls, tag_button);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketControls, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketControls, tags_box);
  gtk_widget_class_bind_template_callback (widget_class, on_assignee_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_priority_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_snooze);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_entry_activate);

  gtk_widget_class_install_action (widget_class, "controls.remove-tag", "s", remove_tag_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ticketcontrols");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kefu_ticket_controls_init (KefuTicketControls *self)
{
  g_autoptr (GtkStringList) statuses = status_names ();
  g_autoptr (GtkStringList) priorities = priority_names ();
  gint64 nobody = 0;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->agents = g_list_store_new (KEFU_TYPE_AGENT);
  self->agent_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_append_val (self->agent_ids, nobody);
  self->agent_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->agent_names, C_("assignee", "Nobody"));

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->status_drop, G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (self->priority_drop, G_LIST_MODEL (priorities));
  gtk_drop_down_set_model (self->assignee_drop, G_LIST_MODEL (self->agent_names));
  self->syncing = FALSE;
  sync_controls (self);
}

GtkWidget *
kefu_ticket_controls_new (void)
{
  return g_object_new (KEFU_TYPE_TICKET_CONTROLS, NULL);
}

void
kefu_ticket_controls_set_store (KefuTicketControls *self,
                                KefuStore          *store)
{
  g_return_if_fail (KEFU_IS_TICKET_CONTROLS (self));
  g_return_if_fail (store == NULL || KEFU_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  if (store != NULL)
    kefu_store_list_agents_async (store, self->cancellable, list_agents_cb, self);
  sync_controls (self);
}

/* Shows @ticket; a new version of the same ticket keeps Undo possible. */
void
kefu_ticket_controls_set_ticket (KefuTicketControls *self,
                                 KefuTicket         *ticket)
{
  g_return_if_fail (KEFU_IS_TICKET_CONTROLS (self));
  g_return_if_fail (ticket == NULL || KEFU_IS_TICKET (ticket));

  if (self->ticket == ticket)
    return;

  g_set_object (&self->ticket, ticket);
  load_snooze (self);
  sync_controls (self);
}

/* The agent edits are made as, for the ticket's history; 0: nobody yet. */
void
kefu_ticket_controls_set_agent_id (KefuTicketControls *self,
                                   gint64              agent_id)
{
  g_return_if_fail (KEFU_IS_TICKET_CONTROLS (self));

  self->agent_id = agent_id;
}

void
kefu_ticket_controls_set_status (KefuTicketControls *self,
                                 KefuTicketStatus    status)
{
  g_autoptr (KefuTicketChange) change = NULL;

  g_return_if_fail (KEFU_IS_TICKET_CONTROLS (self));

  change = new_change (self, KEFU_TICKET_CHANGE_STATUS);
  if (change == NULL)
    return;
  if (kefu_ticket_get_status (self->ticket) == status)
    {
      sync_controls (self);
      return;
    }

  change->status = status;
  apply (self, change, TRUE);
}

void
kefu_ticket_controls_set_priority (KefuTicketControls *self,
                                   KefuPriority        priority)
{
  g_autoptr (KefuTicketChange) change = NULL;

  g_return_if_fail (KEFU_IS_TICKET_CONTROLS (self));

  change = new_change (self, KEFU_TICKET_CHANGE_PRIORITY);
  if (change == NULL || kefu_ticket_get_priority (self->ticket) == priority)
    return;

  change->priority = priority;
  apply (self, change, FALSE);
}

void
kefu_ticket_controls_set_assignee (KefuTicketControls *self,
                                   gint64              agent_id)
{
  g_autoptr (KefuTicketChange) change = NULL;

  g_return_if_fail (KEFU_IS_TICKET_CONTROLS (self));

  change = new_change (self, KEFU_TICKET_CHANGE_ASSIGNEE);
  if (change == NULL || kefu_ticket_get_assignee_id (self->ticket) == agent_id)
    return;

  change->assignee_id = agent_id;
  apply (self, change, FALSE);
}

static gboolean
has_tag (const char *const *tags,
         const char        *tag)
{
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (g_utf8_collate (tags[i], tag) == 0)
      return TRUE;

  return FALSE;
}

void
kefu_ticket_controls_add_tag (KefuTicketControls *self,
                              const char         *tag)
{
  g_autoptr (KefuTicketChange) change = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  const char *const *tags;

  g_return_if_fail (KEFU_IS_TICKET_CONTROLS (self));
  g_return_if_fail (tag != NULL);

  change = new_change (self, KEFU_TICKET_CHANGE_TAGS);
  if (change == NULL)
    return;
  tags = kefu_ticket_get_tags (self->ticket);
  if (has_tag (tags, tag))
    return;

  builder = g_strv_builder_new ();
  if (tags != NULL)
    g_strv_builder_addv (builder, (const char **) tags);
  g_strv_builder_add (builder, tag);
  change->tags = g_strv_builder_end (builder);
  apply (self, change, FALSE);
}

void
kefu_ticket_controls_remove_tag (KefuTicketControls *self,
                                 const char         *tag)
{
  g_autoptr (KefuTicketChange) change = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  const char *const *tags;

  g_return_if_fail (KEFU_IS_TICKET_CONTROLS (self));
  g_return_if_fail (tag != NULL);

  change = new_change (self, KEFU_TICKET_CHANGE_TAGS);
  if (change == NULL)
    return;
  tags = kefu_ticket_get_tags (self->ticket);
  if (!has_tag (tags, tag))
    return;

  builder = g_strv_builder_new ();
  for (guint i = 0; tags[i] != NULL; i++)
    if (g_utf8_collate (tags[i], tag) != 0)
      g_strv_builder_add (builder, tags[i]);
  change->tags = g_strv_builder_end (builder);
  apply (self, change, FALSE);
}

/* Puts back the status a resolve or close changed; FALSE when there is
 * nothing to undo. Refused like any edit if someone changed it since. */
gboolean
kefu_ticket_controls_undo (KefuTicketControls *self)
{
  g_autoptr (KefuTicketChange) change = NULL;

  g_return_val_if_fail (KEFU_IS_TICKET_CONTROLS (self), FALSE);

  if (self->store == NULL || self->undo_ticket_id == 0)
    return FALSE;

  change = kefu_ticket_change_new (self->undo_ticket_id, self->undo_version);
  change->what = KEFU_TICKET_CHANGE_STATUS;
  change->status = self->undo_status;
  change->agent_id = self->agent_id;
  self->undo_ticket_id = 0;

  {
    Edit *edit = g_new0 (Edit, 1);

    edit->self = self;
    edit->old_status = self->undo_status;
    set_busy (self, TRUE);
    kefu_store_update_ticket_async (self->store, change, self->cancellable, update_cb, edit);
  }

  return TRUE;
}

/* Whether an edit is on its way to the store. */
gboolean
kefu_ticket_controls_get_busy (KefuTicketControls *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_CONTROLS (self), FALSE);

  return self->busy > 0;
}

/**
 * kefu_ticket_controls_get_last_error:
 *
 * Returns: (nullable): why the last edit was refused, or %NULL if it was not
 */
const char *
kefu_ticket_controls_get_last_error (KefuTicketControls *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_CONTROLS (self), NULL);

  return self->last_error;
}

/**
 * kefu_ticket_controls_get_agents:
 *
 * Returns: (transfer none): the #KefuAgent list a ticket can be assigned to
 */
GListModel *
kefu_ticket_controls_get_agents (KefuTicketControls *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_CONTROLS (self), NULL);

  return G_LIST_MODEL (self->agents);
}

/**
 * kefu_ticket_controls_snooze:
 * @until: when the ticket comes back (µs since the epoch), or 0 to wake it now
 *
 * Snoozes the ticket: pending, out of the Inbox, until @until.
 */
void
kefu_ticket_controls_snooze (KefuTicketControls *self,
                             gint64              until)
{
  g_return_if_fail (KEFU_IS_TICKET_CONTROLS (self));
  g_return_if_fail (until >= 0);

  if (self->store == NULL || self->ticket == NULL)
    return;

  set_busy (self, TRUE);
  kefu_store_snooze_ticket_async (self->store, kefu_ticket_get_id (self->ticket),
                                  kefu_ticket_get_version (self->ticket), self->agent_id, until,
                                  self->cancellable, snooze_cb, self);
}

/* When the ticket comes back, or 0 when it is not snoozed. */
gint64
kefu_ticket_controls_get_snoozed_until (KefuTicketControls *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_CONTROLS (self), 0);

  return self->snoozed_until;
}
