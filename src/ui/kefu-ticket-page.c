/* kefu-ticket-page.c: one ticket: its conversation, with the customer beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kefu-composer.h"
#include "kefu-customer-card.h"
#include "kefu-merge-popover.h"
#include "kefu-message-row.h"
#include "kefu-store-inbox.h"
#include "kefu-ticket-controls.h"
#include "kefu-ticket-page-private.h"
#include "kefu-timeline-event.h"
#include "kefu-ui-format.h"

/* From this width on, the customer card is a column beside the conversation;
 * below it, it goes under the conversation. */
#define WIDE_WIDTH      640
#define CARD_WIDTH      280
#define RELOAD_DELAY_MS 100

struct _KefuTicketPage
{
  GtkWidget         parent_instance;

  /* template widgets */
  GtkScrolledWindow *card_scroller;
  GtkImage          *channel_image;
  GtkLabel          *channel_label;
  KefuComposer      *composer;
  KefuTicketControls *controls;
  GtkScrolledWindow *conversation;
  KefuCustomerCard  *customer_card;
  GtkWidget         *header;
  GtkMenuButton     *merge_button;
  GtkListBox        *messages_list;
  GtkLabel          *number_label;
  GtkLabel          *priority_label;
  AdwStatusPage     *status_page;
  GtkLabel          *status_label;
  GtkLabel          *subject_label;

  /* owned */
  KefuStore         *store;
  KefuRouter        *router;
  KefuTicket        *ticket;
  GListStore        *messages;
  GListStore        *timeline;       /* messages and event lines (GtkStringObject), in time order */
  GPtrArray         *events;         /* KefuTicketEvent */
  GCancellable      *cancellable;
  char              *status_class;
  KefuMergePopover  *merge_popover;

  gint64             merge_id;       /* the last merge made here, for Undo */
  gint64             merge_source_id;

  gint64             ticket_id;
  gint64             agent_id;
  guint              reload_source;
  guint              serial;
  gboolean           stick_to_bottom;
};

G_DEFINE_FINAL_TYPE (KefuTicketPage, kefu_ticket_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ROUTER,
  PROP_STORE,
  PROP_TICKET,
  PROP_TICKET_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  KefuTicketPage *self;
  guint           serial;
} Request;

static Request *
request_new (KefuTicketPage *self)
{
  Request *request = g_new0 (Request, 1);

  request->self = self;
  request->serial = self->serial;

  return request;
}

/* Whether a store answer is for a ticket the page no longer shows, or was
 * cancelled (the page went away): either way it must not touch the page. */
static gboolean
request_is_stale (const Request *request,
                  const GError  *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         request->serial != request->self->serial;
}

static void
show_error (KefuTicketPage *self,
            const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  /* The status page's description is markup; the message is not. */
  adw_status_page_set_description (self->status_page, escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->status_page), TRUE);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
set_status_class (KefuTicketPage *self,
                  const char     *css_class)
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

static void
show_ticket (KefuTicketPage *self)
{
  KefuTicket *ticket = self->ticket;
  g_autofree char *number = NULL;
  const char *subject;

  gtk_widget_set_visible (self->header, ticket != NULL);
  if (ticket == NULL)
    return;

  subject = kefu_ticket_get_subject (ticket);
  gtk_label_set_text (self->subject_label,
                      subject != NULL && *subject != '\0' ? subject : _("(No subject)"));
  number = kefu_ui_format_ticket_number (kefu_ticket_get_number (ticket));
  gtk_label_set_text (self->number_label, number);
  gtk_label_set_text (self->status_label, kefu_ui_status_label (kefu_ticket_get_status (ticket)));
  set_status_class (self, kefu_ui_status_css_class (kefu_ticket_get_status (ticket)));
  gtk_label_set_text (self->priority_label, kefu_ui_priority_phrase (kefu_ticket_get_priority (ticket)));
  if (kefu_ticket_get_priority (ticket) >= KEFU_PRIORITY_HIGH)
    gtk_widget_add_css_class (GTK_WIDGET (self->priority_label), "high");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->priority_label), "high");
  gtk_image_set_from_icon_name (self->channel_image, kefu_ui_channel_icon_name (kefu_ticket_get_channel (ticket)));
  gtk_label_set_text (self->channel_label, kefu_ui_channel_label (kefu_ticket_get_channel (ticket)));
}

/* Event lines keep their time, for whoever reads the timeline model. */
static GQuark event_time_quark;

/* The conversation and the ticket's events (assigned, status changed,
 * merged, snoozed) as one list in time order. */
static void
rebuild_timeline (KefuTicketPage *self)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *agents = kefu_ticket_controls_get_agents (self->controls);
  guint n_messages = g_list_model_get_n_items (G_LIST_MODEL (self->messages));
  guint m = 0;
  guint e = 0;

  while (m < n_messages || (self->events != NULL && e < self->events->len))
    {
      g_autoptr (KefuMessage) message = m < n_messages ? g_list_model_get_item (G_LIST_MODEL (self->messages), m) : NULL;
      KefuTicketEvent *event = self->events != NULL && e < self->events->len ? g_ptr_array_index (self->events, e) : NULL;

      if (message != NULL && (event == NULL || kefu_message_get_created_at (message) <= event->created_at))
        {
          g_ptr_array_add (items, g_steal_pointer (&message));
          m++;
        }
      else
        {
          g_autofree char *text = kefu_timeline_event_describe (event, agents);

          e++;
          if (text != NULL)
            {
              GtkStringObject *line = gtk_string_object_new (text);

              g_object_set_qdata_full (G_OBJECT (line), event_time_quark,
                                       g_memdup2 (&event->created_at, sizeof event->created_at), g_free);
              g_ptr_array_add (items, line);
            }
        }
    }

  g_list_store_splice (self->timeline, 0, g_list_model_get_n_items (G_LIST_MODEL (self->timeline)),
                       items->pdata, items->len);
}

static void
list_events_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree Request *request = user_data;
  KefuTicketPage *self = request->self;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GError) error = NULL;

  events = kefu_store_list_events_finish (KEFU_STORE (object), result, &error);
  if (request_is_stale (request, error))
    return;

  /* Without its events the conversation is still whole. */
  if (error != NULL)
    g_debug ("Events of ticket %" PRId64 " not shown: %s", self->ticket_id, error->message);

  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = g_steal_pointer (&events);
  rebuild_timeline (self);
}

static void
get_customer_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree Request *request = user_data;
  KefuTicketPage *self = request->self;
  g_autoptr (KefuCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;

  customer = kefu_store_get_customer_finish (KEFU_STORE (object), result, &error);
  if (request_is_stale (request, error))
    return;

  if (error != NULL)
    {
      /* The conversation is still worth showing without its customer. */
      g_debug ("Customer of ticket %" PRId64 " not shown: %s", self->ticket_id, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->customer_card), FALSE);
      return;
    }

  kefu_customer_card_set_customer (self->customer_card, customer);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_card), TRUE);
}

static void
get_ticket_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree Request *request = user_data;
  KefuTicketPage *self = request->self;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GError) error = NULL;

  ticket = kefu_store_get_ticket_finish (KEFU_STORE (object), result, &error);
  if (request_is_stale (request, error))
    return;

  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_set_object (&self->ticket, ticket);
  show_ticket (self);
  kefu_merge_popover_set_ticket (self->merge_popover, ticket);
  kefu_ticket_controls_set_ticket (self->controls, ticket);
  kefu_composer_set_ticket (self->composer, ticket);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);

  kefu_store_get_customer_async (self->store, kefu_ticket_get_customer_id (ticket),
                                 self->cancellable, get_customer_cb, request_new (self));
}

static void
list_messages_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree Request *request = user_data;
  KefuTicketPage *self = request->self;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GError) error = NULL;

  messages = kefu_store_list_messages_finish (KEFU_STORE (object), result, &error);
  if (request_is_stale (request, error))
    return;

  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_list_store_splice (self->messages, 0, g_list_model_get_n_items (G_LIST_MODEL (self->messages)),
                       messages->pdata, messages->len);
  rebuild_timeline (self);
}

static void
load (KefuTicketPage *self)
{
  if (self->store == NULL || self->ticket_id <= 0)
    return;

  /* Older answers still on their way are dropped by their serial. */
  self->serial++;
  kefu_store_get_ticket_async (self->store, self->ticket_id, self->cancellable,
                               get_ticket_cb, request_new (self));
  kefu_store_list_messages_async (self->store, self->ticket_id, self->cancellable,
                                  list_messages_cb, request_new (self));
  kefu_store_list_events_async (self->store, self->ticket_id, self->cancellable,
                                list_events_cb, request_new (self));
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  KefuTicketPage *self = user_data;

  self->reload_source = 0;
  load (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed (KefuTicketPage *self,
                  KefuChangeSet  *changes,
                  KefuStore      *store)
{
  gboolean mine;

  if (self->ticket_id <= 0)
    return;

  mine = changes->everything ||
         kefu_change_set_has_ticket (changes, self->ticket_id) ||
         (self->ticket != NULL &&
          kefu_change_set_has_customer (changes, kefu_ticket_get_customer_id (self->ticket)));
  if (mine && self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
clear (KefuTicketPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->serial++;

  if (self->ticket != NULL)
    {
      g_clear_object (&self->ticket);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET]);
    }
  show_ticket (self);
  kefu_ticket_controls_set_ticket (self->controls, NULL);
  g_list_store_remove_all (self->messages);
  g_list_store_remove_all (self->timeline);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  kefu_merge_popover_set_ticket (self->merge_popover, NULL);
  kefu_customer_card_set_customer (self->customer_card, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_card), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_page), FALSE);
  self->stick_to_bottom = TRUE;
}

static void
on_controls_reload_needed (KefuTicketPage     *self,
                           KefuTicketControls *controls)
{
  load (self);
}

/* The signed-in agent's name, once the agents are read: replies and canned
 * replies are signed with it. */
static void
on_agents_changed (KefuTicketPage *self,
                   guint           position,
                   guint           removed,
                   guint           added,
                   GListModel     *agents)
{
  for (guint i = 0; self->agent_id > 0 && i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr (KefuAgent) agent = g_list_model_get_item (agents, i);

      if (kefu_agent_get_id (agent) == self->agent_id)
        kefu_composer_set_agent (self->composer, self->agent_id, kefu_agent_get_name (agent));
    }
}

static GtkWidget *
create_event_line (GtkStringObject *line)
{
  GtkWidget *label = gtk_label_new (gtk_string_object_get_string (line));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "timeline-event");
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);

  return label;
}

static GtkWidget *
create_message_row (gpointer item,
                    gpointer user_data)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  if (KEFU_IS_MESSAGE (item))
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), kefu_message_row_new (item));
  else
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), create_event_line (item));

  return row;
}

/* Keeps the newest message in view while the conversation grows, unless
 * the person scrolled up to read. */
static void
on_vadjustment_changed (KefuTicketPage *self,
                        GtkAdjustment  *adjustment)
{
  if (self->stick_to_bottom)
    gtk_adjustment_set_value (adjustment,
                              gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
}

static void
on_vadjustment_value_changed (KefuTicketPage *self,
                              GtkAdjustment  *adjustment)
{
  double bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  self->stick_to_bottom = gtk_adjustment_get_value (adjustment) >= bottom - 4;
}

static gboolean
is_wide (int width)
{
  return width >= WIDE_WIDTH;
}

static void
kefu_ticket_page_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  KefuTicketPage *self = KEFU_TICKET_PAGE (widget);
  GtkWidget *children[] = { self->header, GTK_WIDGET (self->conversation), GTK_WIDGET (self->card_scroller),
                            GTK_WIDGET (self->composer) };
  int min[4] = { 0 };
  int nat[4] = { 0 };
  int status_min = 0;
  int status_nat = 0;

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    if (gtk_widget_get_visible (children[i]))
      gtk_widget_measure (children[i], orientation, orientation == GTK_ORIENTATION_VERTICAL ? for_size : -1,
                          &min[i], &nat[i], NULL, NULL);
  if (gtk_widget_get_visible (GTK_WIDGET (self->status_page)))
    gtk_widget_measure (GTK_WIDGET (self->status_page), orientation, for_size, &status_min, &status_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (MAX (MAX (min[0], min[1]), min[2]), min[3]);
      *natural = MAX (MAX (nat[0], nat[1]), nat[3]) + MAX (nat[2], CARD_WIDTH);
    }
  else
    {
      *minimum = min[0] + min[1] + min[2] + min[3];
      *natural = nat[0] + nat[1] + nat[2] + nat[3];
    }

  *minimum = MAX (*minimum, status_min);
  *natural = MAX (*natural, status_nat);
}

static void
allocate (GtkWidget *child,
          int        x,
          int        y,
          int        width,
          int        height)
{
  GtkAllocation allocation = { x, y, MAX (width, 0), MAX (height, 0) };

  if (gtk_widget_get_visible (child))
    gtk_widget_size_allocate (child, &allocation, -1);
}

static int
height_for (GtkWidget *child,
            int        width)
{
  int natural = 0;

  if (gtk_widget_get_visible (child))
    gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);

  return natural;
}

static void
kefu_ticket_page_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  KefuTicketPage *self = KEFU_TICKET_PAGE (widget);
  int header_height;

  if (gtk_widget_get_visible (GTK_WIDGET (self->status_page)))
    {
      allocate (self->header, 0, 0, 0, 0);
      allocate (GTK_WIDGET (self->conversation), 0, 0, 0, 0);
      allocate (GTK_WIDGET (self->card_scroller), 0, 0, 0, 0);
      allocate (GTK_WIDGET (self->composer), 0, 0, 0, 0);
      allocate (GTK_WIDGET (self->status_page), 0, 0, width, height);
      return;
    }

  if (is_wide (width))
    {
      int main_width = width - CARD_WIDTH;
      int composer_height;

      header_height = height_for (self->header, main_width);
      composer_height = MIN (height_for (GTK_WIDGET (self->composer), main_width), height / 2);
      allocate (self->header, 0, 0, main_width, header_height);
      allocate (GTK_WIDGET (self->conversation), 0, header_height, main_width,
                height - header_height - composer_height);
      allocate (GTK_WIDGET (self->composer), 0, height - composer_height, main_width, composer_height);
      allocate (GTK_WIDGET (self->card_scroller), main_width, 0, CARD_WIDTH, height);
    }
  else
    {
      int card_height;
      int composer_height;

      /* Narrow, the card goes under the conversation and the composer
       * stays last, where the thumb and the eye expect it. */
      header_height = height_for (self->header, width);
      composer_height = MIN (height_for (GTK_WIDGET (self->composer), width), height / 2);
      card_height = MIN (height_for (GTK_WIDGET (self->card_scroller), width), height / 6);
      allocate (self->header, 0, 0, width, header_height);
      allocate (GTK_WIDGET (self->conversation), 0, header_height, width,
                height - header_height - card_height - composer_height);
      allocate (GTK_WIDGET (self->card_scroller), 0, height - card_height - composer_height, width, card_height);
      allocate (GTK_WIDGET (self->composer), 0, height - composer_height, width, composer_height);
    }
}

static void
kefu_ticket_page_dispose (GObject *object)
{
  KefuTicketPage *self = KEFU_TICKET_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_TICKET_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->router);
  g_clear_object (&self->ticket);
  g_clear_object (&self->messages);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->events, g_ptr_array_unref);

  G_OBJECT_CLASS (kefu_ticket_page_parent_class)->dispose (object);
}

static void
kefu_ticket_page_finalize (GObject *object)
{
  KefuTicketPage *self = KEFU_TICKET_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->status_class, g_free);

  G_OBJECT_CLASS (kefu_ticket_page_parent_class)->finalize (object);
}

static void
kefu_ticket_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KefuTicketPage *self = KEFU_TICKET_PAGE (object);

  switch (prop_id)
    {
    case PROP_ROUTER:
      g_value_set_object (value, self->router);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_TICKET:
      g_value_set_object (value, self->ticket);
      break;

    case PROP_TICKET_ID:
      g_value_set_int64 (value, self->ticket_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_ticket_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KefuTicketPage *self = KEFU_TICKET_PAGE (object);

  switch (prop_id)
    {
    case PROP_ROUTER:
      kefu_ticket_page_set_router (self, g_value_get_object (value));
      break;

    case PROP_STORE:
      kefu_ticket_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_TICKET_ID:
      kefu_ticket_page_set_ticket_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_ticket_page_class_init (KefuTicketPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_ticket_page_dispose;
  object_class->finalize = kefu_ticket_page_finalize;
  object_class->get_property = kefu_ticket_page_get_property;
  object_class->set_property = kefu_ticket_page_set_property;

  widget_class->measure = kefu_ticket_page_measure;
  widget_class->size_allocate = kefu_ticket_page_size_allocate;

  properties[PROP_ROUTER] =
    g_param_spec_object ("router", NULL, NULL,
                         KEFU_TYPE_ROUTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         KEFU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TICKET] =
    g_param_spec_object ("ticket", NULL, NULL,
                         KEFU_TYPE_TICKET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_TICKET_ID] =
    g_param_spec_int64 ("ticket-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KEFU_TYPE_COMPOSER);
  g_type_ensure (KEFU_TYPE_CUSTOMER_CARD);
  g_type_ensure (KEFU_TYPE_TICKET_CONTROLS);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-ticket-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, card_scroller);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, channel_image);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, channel_label);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, composer);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, controls);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, conversation);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, customer_card);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, header);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, merge_button);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, messages_list);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, number_label);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, priority_label);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, KefuTicketPage, subject_label);
  gtk_widget_class_bind_template_callback (widget_class, on_controls_reload_needed);

  _kefu_ticket_page_class_init_actions (widget_class);
  _kefu_ticket_page_class_init_merge (widget_class);
  event_time_quark = g_quark_from_static_string ("kefu-timeline-event-time");

  gtk_widget_class_set_css_name (widget_class, "ticketpage");
}

static void
kefu_ticket_page_init (KefuTicketPage *self)
{
  GtkAdjustment *vadjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->messages = g_list_store_new (KEFU_TYPE_MESSAGE);
  self->timeline = g_list_store_new (G_TYPE_OBJECT);
  self->stick_to_bottom = TRUE;
  gtk_list_box_bind_model (self->messages_list, G_LIST_MODEL (self->timeline),
                           create_message_row, NULL, NULL);
  self->merge_popover = KEFU_MERGE_POPOVER (kefu_merge_popover_new ());
  gtk_menu_button_set_popover (self->merge_button, GTK_WIDGET (self->merge_popover));

  _kefu_ticket_page_init_shortcuts (self);
  g_signal_connect_object (kefu_ticket_controls_get_agents (self->controls), "items-changed",
                           G_CALLBACK (on_agents_changed), self, G_CONNECT_SWAPPED);

  vadjustment = gtk_scrolled_window_get_vadjustment (self->conversation);
  g_signal_connect_object (vadjustment, "changed", G_CALLBACK (on_vadjustment_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment, "value-changed", G_CALLBACK (on_vadjustment_value_changed),
                           self, G_CONNECT_SWAPPED);
  show_ticket (self);
}

GtkWidget *
kefu_ticket_page_new (void)
{
  return g_object_new (KEFU_TYPE_TICKET_PAGE, NULL);
}

/**
 * kefu_ticket_page_get_store:
 *
 * Returns: (transfer none) (nullable): where the page reads from
 */
KefuStore *
kefu_ticket_page_get_store (KefuTicketPage *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_PAGE (self), NULL);

  return self->store;
}

void
kefu_ticket_page_set_store (KefuTicketPage *self,
                            KefuStore      *store)
{
  g_return_if_fail (KEFU_IS_TICKET_PAGE (self));
  g_return_if_fail (store == NULL || KEFU_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  kefu_ticket_controls_set_store (self->controls, store);
  kefu_merge_popover_set_store (self->merge_popover, store);

  clear (self);
  load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gint64
kefu_ticket_page_get_ticket_id (KefuTicketPage *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_PAGE (self), 0);

  return self->ticket_id;
}

/**
 * kefu_ticket_page_set_ticket_id:
 * @ticket_id: the ticket to show, or 0 for none
 *
 * Shows another ticket; it appears when the store has read it.
 */
void
kefu_ticket_page_set_ticket_id (KefuTicketPage *self,
                                gint64          ticket_id)
{
  g_return_if_fail (KEFU_IS_TICKET_PAGE (self));

  if (self->ticket_id == ticket_id)
    return;

  self->ticket_id = ticket_id;
  clear (self);
  load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET_ID]);
}

/**
 * kefu_ticket_page_get_ticket:
 *
 * Returns: (transfer none) (nullable): the ticket, once it has been read
 */
KefuTicket *
kefu_ticket_page_get_ticket (KefuTicketPage *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_PAGE (self), NULL);

  return self->ticket;
}

/**
 * kefu_ticket_page_get_messages:
 *
 * Returns: (transfer none): the #KefuMessage list the conversation shows
 */
GListModel *
kefu_ticket_page_get_messages (KefuTicketPage *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_PAGE (self), NULL);

  return G_LIST_MODEL (self->messages);
}

/**
 * kefu_ticket_page_get_customer_card:
 *
 * Returns: (transfer none): the card showing the ticket's customer
 */
KefuCustomerCard *
kefu_ticket_page_get_customer_card (KefuTicketPage *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_PAGE (self), NULL);

  return self->customer_card;
}

/**
 * kefu_ticket_page_get_router:
 *
 * Returns: (transfer none) (nullable): what replies and notes go through
 */
KefuRouter *
kefu_ticket_page_get_router (KefuTicketPage *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_PAGE (self), NULL);

  return self->router;
}

void
kefu_ticket_page_set_router (KefuTicketPage *self,
                             KefuRouter     *router)
{
  g_return_if_fail (KEFU_IS_TICKET_PAGE (self));
  g_return_if_fail (router == NULL || KEFU_IS_ROUTER (router));

  if (!g_set_object (&self->router, router))
    return;

  kefu_composer_set_router (self->composer, router);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUTER]);
}

/**
 * kefu_ticket_page_set_agent:
 * @agent_id: the signed-in agent, or 0
 * @agent_name: (nullable): their name, for replies and canned replies
 *
 * Who works on the ticket: replies, notes and edits are made as them.
 */
void
kefu_ticket_page_set_agent (KefuTicketPage *self,
                            gint64          agent_id,
                            const char     *agent_name)
{
  g_return_if_fail (KEFU_IS_TICKET_PAGE (self));

  self->agent_id = agent_id;
  kefu_composer_set_agent (self->composer, agent_id, agent_name);
  kefu_ticket_controls_set_agent_id (self->controls, agent_id);
  if (agent_name == NULL)
    on_agents_changed (self, 0, 0, 0, kefu_ticket_controls_get_agents (self->controls));
}

/**
 * kefu_ticket_page_get_composer:
 *
 * Returns: (transfer none): where replies and notes are written
 */
KefuComposer *
kefu_ticket_page_get_composer (KefuTicketPage *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_PAGE (self), NULL);

  return self->composer;
}

/**
 * kefu_ticket_page_get_controls:
 *
 * Returns: (transfer none): the status, priority, assignee and tag controls
 */
KefuTicketControls *
kefu_ticket_page_get_controls (KefuTicketPage *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_PAGE (self), NULL);

  return self->controls;
}

/**
 * kefu_ticket_page_get_timeline:
 *
 * Returns: (transfer none): what the conversation shows: each #KefuMessage
 *   and a #GtkStringObject line for each event, in time order
 */
GListModel *
kefu_ticket_page_get_timeline (KefuTicketPage *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_PAGE (self), NULL);

  return G_LIST_MODEL (self->timeline);
}

/**
 * kefu_ticket_page_get_merge_popover:
 *
 * Returns: (transfer none): where the ticket to merge into is chosen
 */
KefuMergePopover *
kefu_ticket_page_get_merge_popover (KefuTicketPage *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_PAGE (self), NULL);

  return self->merge_popover;
}

/* The last merge made on this page, which Undo takes back; 0: none. */
gint64
kefu_ticket_page_get_merge_id (KefuTicketPage *self)
{
  g_return_val_if_fail (KEFU_IS_TICKET_PAGE (self), 0);

  return self->merge_id;
}

gint64
_kefu_ticket_page_get_agent_id (KefuTicketPage *self)
{
  return self->agent_id;
}

void
_kefu_ticket_page_set_merge (KefuTicketPage *self,
                             gint64          merge_id,
                             gint64          source_id)
{
  self->merge_id = merge_id;
  self->merge_source_id = source_id;
}
