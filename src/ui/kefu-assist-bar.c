/* kefu-assist-bar.c: the robot's suggestions above the composer, one click to insert.
 *
 * For the open ticket the bar reads its messages from the store, takes the
 * customer's last message and asks the running robot's matcher, on a
 * worker thread, for the three entries that fit it best; a click on one
 * inserts its answer (in the customer's language where the knowledge base
 * has one) into the composer. It reads again when the ticket gets a new
 * message.
 *
 * When the robot could not answer that message (it abstained and wrote
 * nothing after it) and the agent sends a reply, a toast offers to keep the
 * reply in the knowledge base: the entry editor opens with the customer's
 * question and the agent's answer filled in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kefu-assist-bar.h"
#include "kefu-composer.h"
#include "kefu-kb-page.h"
#include "kefu-kb-robot.h"
#include "kefu-store-kb.h"
#include "kefu-text-analyzer.h"
#include "kefu-toast.h"
#include "kefu-window.h"

#define MAX_SUGGESTIONS 3

struct _KefuAssistBar
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkBox        *suggestions_box;

  /* owned */
  KefuRouter    *router;
  KefuTicket    *ticket;
  GCancellable  *cancellable;
  GPtrArray     *suggestions;     /* KefuKbEntry */
  char          *customer_text;   /* the customer's last message */
  char          *lang;            /* its language, as the matcher guessed */
  char          *sent_answer;     /* the reply the offer is about */

  /* borrowed */
  KefuComposer  *composer;
  KefuKbEditor  *editor;

  gint64         ticket_id;
  guint          message_count;
  gulong         sent_handler;
  gboolean       abstained;
  gboolean       offered;
  gboolean       busy;
};

G_DEFINE_FINAL_TYPE (KefuAssistBar, kefu_assist_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ROUTER,
  PROP_TICKET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_suggestion_clicked (GtkButton     *button,
                       KefuAssistBar *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position"));

  kefu_assist_bar_choose (self, position);
}

static void
show_suggestions (KefuAssistBar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_box))) != NULL)
    gtk_box_remove (self->suggestions_box, child);

  for (guint i = 0; i < self->suggestions->len; i++)
    {
      const KefuKbEntry *entry = g_ptr_array_index (self->suggestions, i);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *label = gtk_label_new (entry->question);
      g_autofree char *tooltip = NULL;

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_button_set_child (GTK_BUTTON (button), label);
      /* Translators: %s is a knowledge-base answer, shown before it is inserted */
      tooltip = g_strdup_printf (_("Insert: %s"), entry->answer);
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data (G_OBJECT (button), "position", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_suggestion_clicked), self, 0);
      gtk_box_append (self->suggestions_box, button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->suggestions->len > 0);
}

static void
clear (KefuAssistBar *self)
{
  g_ptr_array_set_size (self->suggestions, 0);
  g_clear_pointer (&self->customer_text, g_free);
  g_clear_pointer (&self->lang, g_free);
  self->abstained = FALSE;
  show_suggestions (self);
}

static void
suggest_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  KefuAssistBar *self = user_data;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (KefuMatch) match = NULL;
  g_autoptr (GError) error = NULL;

  entries = kefu_kb_robot_suggest_finish (result, &match, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  if (entries == NULL)
    {
      g_debug ("No suggestions: %s", error->message);
      return;
    }

  g_ptr_array_set_size (self->suggestions, 0);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (self->suggestions, kefu_kb_entry_copy (g_ptr_array_index (entries, i)));
  g_free (self->lang);
  self->lang = g_strdup (match->lang);
  /* The robot wrote nothing after the message; if it would not answer it, it abstained. */
  self->abstained = self->abstained && match->outcome != KEFU_MATCH_ANSWER;
  show_suggestions (self);
}

static void
messages_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KefuAssistBar *self = user_data;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GError) error = NULL;
  KefuMessage *last_in = NULL;
  gboolean robot_after = FALSE;
  KefuRobot *robot;

  messages = kefu_store_list_messages_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (messages == NULL)
    {
      self->busy = FALSE;
      g_debug ("No suggestions: %s", error->message);
      return;
    }

  for (guint i = 0; i < messages->len; i++)
    {
      KefuMessage *message = g_ptr_array_index (messages, i);

      if (kefu_message_get_direction (message) == KEFU_DIRECTION_IN)
        {
          last_in = message;
          robot_after = FALSE;
        }
      else if (kefu_message_get_direction (message) == KEFU_DIRECTION_ROBOT)
        {
          robot_after = TRUE;
        }
    }

  robot = kefu_kb_robot_get (GTK_WIDGET (self));
  if (last_in == NULL || kefu_message_get_text (last_in) == NULL || robot == NULL)
    {
      self->busy = FALSE;
      clear (self);
      return;
    }

  g_free (self->customer_text);
  self->customer_text = g_strdup (kefu_message_get_text (last_in));
  self->abstained = !robot_after;
  kefu_kb_robot_suggest_async (kefu_robot_get_matcher (robot), self->customer_text, MAX_SUGGESTIONS,
                               self->cancellable, suggest_cb, self);
}

static void
refresh (KefuAssistBar *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->ticket == NULL || self->router == NULL)
    {
      self->busy = FALSE;
      clear (self);
      return;
    }

  self->busy = TRUE;
  kefu_store_list_messages_async (kefu_router_get_store (self->router), kefu_ticket_get_id (self->ticket),
                                  self->cancellable, messages_cb, self);
}

static void
on_add_clicked (AdwToast      *toast,
                KefuAssistBar *self)
{
  kefu_assist_bar_add_kb_entry (self);
}

static void
on_composer_sent (KefuAssistBar *self,
                  KefuMessage   *message)
{
  if (kefu_message_get_direction (message) == KEFU_DIRECTION_OUT && self->abstained)
    kefu_assist_bar_offer_kb_entry (self, kefu_message_get_text (message));
}

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!kefu_store_put_kb_entries_finish (KEFU_STORE (object), result, &error))
    g_debug ("The new entry was not kept: %s", error->message);
}

static void
on_editor_saved (KefuAssistBar     *self,
                 const KefuKbEntry *entry)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (KefuKnowledgeBase) one = NULL;
  g_autofree char *json = NULL;

  /* Through the window's Knowledge Base page, so it shows the entry too. */
  if (KEFU_IS_WINDOW (root))
    {
      kefu_kb_page_save_entry (kefu_window_get_kb_page (KEFU_WINDOW (root)), entry);
      return;
    }

  if (self->router == NULL)
    return;
  one = kefu_knowledge_base_new ();
  kefu_knowledge_base_take_entry (one, kefu_kb_entry_copy (entry));
  json = kefu_knowledge_base_to_json (one);
  kefu_store_put_kb_entries_async (kefu_router_get_store (self->router), json, FALSE, NULL, put_cb, NULL);
  kefu_kb_robot_reload (GTK_WIDGET (self));
}

static void
kefu_assist_bar_root (GtkWidget *widget)
{
  KefuAssistBar *self = KEFU_ASSIST_BAR (widget);
  GtkWidget *composer;

  GTK_WIDGET_CLASS (kefu_assist_bar_parent_class)->root (widget);

  composer = gtk_widget_get_ancestor (widget, KEFU_TYPE_COMPOSER);
  if (composer != NULL && self->composer == NULL)
    {
      self->composer = KEFU_COMPOSER (composer);
      self->sent_handler = g_signal_connect_object (composer, "sent", G_CALLBACK (on_composer_sent),
                                                    self, G_CONNECT_SWAPPED);
    }
}

static void
kefu_assist_bar_dispose (GObject *object)
{
  KefuAssistBar *self = (KefuAssistBar *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  g_clear_weak_pointer (&self->editor);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_ASSIST_BAR);
  /* GTK 4.8 only disposes the template children that have a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->router);
  g_clear_object (&self->ticket);

  G_OBJECT_CLASS (kefu_assist_bar_parent_class)->dispose (object);
}

static void
kefu_assist_bar_finalize (GObject *object)
{
  KefuAssistBar *self = (KefuAssistBar *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_pointer (&self->customer_text, g_free);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->sent_answer, g_free);

  G_OBJECT_CLASS (kefu_assist_bar_parent_class)->finalize (object);
}

static void
kefu_assist_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KefuAssistBar *self = KEFU_ASSIST_BAR (object);

  switch (prop_id)
    {
    case PROP_ROUTER:
      g_value_set_object (value, self->router);
      break;
    case PROP_TICKET:
      g_value_set_object (value, self->ticket);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_assist_bar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KefuAssistBar *self = KEFU_ASSIST_BAR (object);

  switch (prop_id)
    {
    case PROP_ROUTER:
      kefu_assist_bar_set_router (self, g_value_get_object (value));
      break;
    case PROP_TICKET:
      kefu_assist_bar_set_ticket (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_assist_bar_class_init (KefuAssistBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_assist_bar_dispose;
  object_class->finalize = kefu_assist_bar_finalize;
  object_class->get_property = kefu_assist_bar_get_property;
  object_class->set_property = kefu_assist_bar_set_property;
  widget_class->root = kefu_assist_bar_root;

  properties[PROP_ROUTER] =
    g_param_spec_object ("router", NULL, NULL,
                         KEFU_TYPE_ROUTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TICKET] =
    g_param_spec_object ("ticket", NULL, NULL,
                         KEFU_TYPE_TICKET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-assist-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuAssistBar, suggestions_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "assistbar");
}

static void
kefu_assist_bar_init (KefuAssistBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_kb_entry_free);
}

GtkWidget *
kefu_assist_bar_new (void)
{
  return g_object_new (KEFU_TYPE_ASSIST_BAR, NULL);
}

/**
 * kefu_assist_bar_get_router:
 *
 * Returns: (transfer none) (nullable): whose store the messages come from
 */
KefuRouter *
kefu_assist_bar_get_router (KefuAssistBar *self)
{
  g_return_val_if_fail (KEFU_IS_ASSIST_BAR (self), NULL);

  return self->router;
}

void
kefu_assist_bar_set_router (KefuAssistBar *self,
                            KefuRouter    *router)
{
  g_return_if_fail (KEFU_IS_ASSIST_BAR (self));
  g_return_if_fail (router == NULL || KEFU_IS_ROUTER (router));

  if (!g_set_object (&self->router, router))
    return;

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUTER]);
}

/**
 * kefu_assist_bar_get_ticket:
 *
 * Returns: (transfer none) (nullable): the ticket suggestions are for
 */
KefuTicket *
kefu_assist_bar_get_ticket (KefuAssistBar *self)
{
  g_return_val_if_fail (KEFU_IS_ASSIST_BAR (self), NULL);

  return self->ticket;
}

/* Suggests for @ticket; a new version with a new message suggests again. */
void
kefu_assist_bar_set_ticket (KefuAssistBar *self,
                            KefuTicket    *ticket)
{
  gboolean same;

  g_return_if_fail (KEFU_IS_ASSIST_BAR (self));
  g_return_if_fail (ticket == NULL || KEFU_IS_TICKET (ticket));

  if (!g_set_object (&self->ticket, ticket))
    return;

  same = ticket != NULL && kefu_ticket_get_id (ticket) == self->ticket_id &&
         kefu_ticket_get_message_count (ticket) == self->message_count;
  self->ticket_id = ticket != NULL ? kefu_ticket_get_id (ticket) : 0;
  self->message_count = ticket != NULL ? kefu_ticket_get_message_count (ticket) : 0;
  if (!same)
    {
      self->offered = FALSE;
      refresh (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);
}

guint
kefu_assist_bar_get_n_suggestions (KefuAssistBar *self)
{
  g_return_val_if_fail (KEFU_IS_ASSIST_BAR (self), 0);

  return self->suggestions->len;
}

/**
 * kefu_assist_bar_get_suggestion:
 *
 * Returns: (transfer none): the entry at @position, best first
 */
const KefuKbEntry *
kefu_assist_bar_get_suggestion (KefuAssistBar *self,
                                guint          position)
{
  g_return_val_if_fail (KEFU_IS_ASSIST_BAR (self), NULL);
  g_return_val_if_fail (position < self->suggestions->len, NULL);

  return g_ptr_array_index (self->suggestions, position);
}

/* Inserts the answer of the suggestion at @position into the composer. */
gboolean
kefu_assist_bar_choose (KefuAssistBar *self,
                        guint          position)
{
  const KefuKbEntry *entry;

  g_return_val_if_fail (KEFU_IS_ASSIST_BAR (self), FALSE);

  if (position >= self->suggestions->len || self->composer == NULL)
    return FALSE;

  entry = g_ptr_array_index (self->suggestions, position);
  kefu_composer_insert_text (self->composer, entry->answer);

  return TRUE;
}

/* Whether the robot left the customer's last message to a person. */
gboolean
kefu_assist_bar_get_abstained (KefuAssistBar *self)
{
  g_return_val_if_fail (KEFU_IS_ASSIST_BAR (self), FALSE);

  return self->abstained;
}

/* Whether the bar is reading messages or asking the matcher. */
gboolean
kefu_assist_bar_get_busy (KefuAssistBar *self)
{
  g_return_val_if_fail (KEFU_IS_ASSIST_BAR (self), FALSE);

  return self->busy;
}

/**
 * kefu_assist_bar_offer_kb_entry:
 * @answer: what the agent answered
 *
 * Offers, in a toast, to keep @answer to the customer's last message in
 * the knowledge base.
 */
void
kefu_assist_bar_offer_kb_entry (KefuAssistBar *self,
                                const char    *answer)
{
  AdwToast *toast;

  g_return_if_fail (KEFU_IS_ASSIST_BAR (self));

  if (answer == NULL || *answer == '\0' || self->customer_text == NULL)
    return;

  g_free (self->sent_answer);
  self->sent_answer = g_strdup (answer);
  self->offered = TRUE;

  toast = adw_toast_new (_("The robot could not answer this question"));
  adw_toast_set_button_label (toast, _("_Add to Knowledge Base"));
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_add_clicked), self, 0);
  kefu_toast_show (GTK_WIDGET (self), toast);
}

/* Whether the last reply brought the offer to keep it. */
gboolean
kefu_assist_bar_get_offered (KefuAssistBar *self)
{
  g_return_val_if_fail (KEFU_IS_ASSIST_BAR (self), FALSE);

  return self->offered;
}

/**
 * kefu_assist_bar_add_kb_entry:
 *
 * Opens the entry editor with the customer's question and the agent's
 * answer; saving it adds the entry.
 *
 * Returns: (transfer none) (nullable): the editor, or %NULL when there is
 *   nothing to add
 */
KefuKbEditor *
kefu_assist_bar_add_kb_entry (KefuAssistBar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (KefuKbEntry) draft = NULL;
  g_autofree char *question = NULL;

  g_return_val_if_fail (KEFU_IS_ASSIST_BAR (self), NULL);

  if (self->customer_text == NULL || self->sent_answer == NULL)
    return NULL;

  question = kefu_text_strip_noise (self->customer_text);
  draft = kefu_kb_entry_new (NULL, NULL, self->lang ? self->lang : "en",
                             question != NULL && *question != '\0' ? question : self->customer_text,
                             self->sent_answer);

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  g_clear_weak_pointer (&self->editor);
  g_set_weak_pointer (&self->editor, kefu_kb_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, draft));
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->editor));

  return self->editor;
}
