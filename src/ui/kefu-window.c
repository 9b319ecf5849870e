/* kefu-window.c: the main window: views, the ticket list and the open ticket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-application.h"
#include "kefu-channels-page.h"
#include "kefu-customers-page.h"
#include "kefu-kb-page.h"
#include "kefu-reports-page.h"
#include "kefu-search-dialog.h"
#include "kefu-sidebar-row.h"
#include "kefu-ticket-item.h"
#include "kefu-ticket-list-model.h"
#include "kefu-ticket-page.h"
#include "kefu-ticket-row.h"
#include "kefu-ui-format.h"
#include "kefu-views.h"
#include "kefu-window.h"
#include "kefu-window-state.h"

/* Sidebar counts wait for a burst of changes to settle. */
#define COUNTS_DELAY_MS 300
/* Counting only needs the total; big pages keep the spine short. */
#define COUNTS_PAGE_SIZE 10000

struct _KefuWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwStatusPage        *empty_page;
  AdwStatusPage        *later_page;
  AdwLeaflet           *leaflet;
  AdwStatusPage        *list_error_page;
  GtkWidget            *list_pane;
  GtkStack             *list_stack;
  AdwWindowTitle       *list_title;
  GtkStack             *main_stack;
  GtkSearchEntry       *search_entry;
  GtkListBox           *sidebar_list;
  AdwStatusPage        *store_error_page;
  GtkListView          *ticket_list;
  KefuTicketPage       *ticket_page;
  GtkWidget            *ticket_pane;
  GtkStack             *ticket_stack;
  AdwWindowTitle       *ticket_title;
  KefuReportsPage      *reports_page;      /* reports (#7) */
  GtkWidget            *ticket_separator;  /* reports (#7) */
  KefuCustomersPage    *customers_page;    /* inbox (#6) */
  KefuKbPage           *kb_page;           /* robot (#10) */
  KefuChannelsPage     *channels_page;     /* runtime */

  /* owned */
  KefuStore            *store;
  KefuTicketListModel  *model;
  GtkSingleSelection   *selection;
  GCancellable         *counts_cancellable;
  char                 *view;

  /* borrowed: the sidebar's rows, in the order of kefu_views[] */
  KefuSidebarRow       *rows[KEFU_N_VIEWS];

  gint64                agent_id;        /* "me", for the Mine view; 0 until agents sign in */
  guint                 counts_source;
  gulong                after_paint_handler;
  gboolean              first_frame_logged;
  gboolean              first_page_logged;
};

G_DEFINE_FINAL_TYPE (KefuWindow, kefu_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const KefuViewInfo *
current_view (KefuWindow *self)
{
  int index = kefu_view_find (self->view);

  return &kefu_views[index >= 0 ? index : 0];
}

static double
elapsed_ms (KefuWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (KEFU_IS_APPLICATION (application))
    return kefu_application_get_elapsed_ms (KEFU_APPLICATION (application));

  return 0;
}

/* The application's settings, or NULL for a window without a KefuApplication. */
static GSettings *
window_settings (KefuWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (KEFU_IS_APPLICATION (application))
    return kefu_application_get_settings (KEFU_APPLICATION (application));

  return NULL;
}

static gboolean
is_searching (KefuWindow *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  return *g_strstrip (text) != '\0';
}

static KefuQuery *
build_query (KefuWindow *self)
{
  const KefuViewInfo *info = current_view (self);
  KefuQuery *query = kefu_query_new (info->view >= 0 ? (KefuView) info->view : KEFU_VIEW_INBOX);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  query->agent_id = self->agent_id;
  if (*text != '\0')
    query->text = g_steal_pointer (&text);

  return query;
}

static void
update_list_state (KefuWindow *self)
{
  const KefuViewInfo *info = current_view (self);
  g_autofree char *subtitle = NULL;
  gboolean searching = is_searching (self);
  guint n_items;

  /* reports (#7): the Reports page takes the place of the list and the ticket. */
  gtk_widget_set_visible (self->ticket_pane, g_strcmp0 (info->id, "reports") != 0);
  gtk_widget_set_visible (self->ticket_separator, g_strcmp0 (info->id, "reports") != 0);
  gtk_widget_set_hexpand (self->list_pane, g_strcmp0 (info->id, "reports") == 0);
  /* inbox (#6): so does the Customers page. */
  if (g_strcmp0 (info->id, "customers") == 0)
    {
      gtk_widget_set_visible (self->ticket_pane, FALSE);
      gtk_widget_set_visible (self->ticket_separator, FALSE);
      gtk_widget_set_hexpand (self->list_pane, TRUE);
    }
  /* robot (#10): so does the Knowledge Base page. */
  if (g_strcmp0 (info->id, "knowledge-base") == 0)
    {
      gtk_widget_set_visible (self->ticket_pane, FALSE);
      gtk_widget_set_visible (self->ticket_separator, FALSE);
      gtk_widget_set_hexpand (self->list_pane, TRUE);
    }
  /* runtime: so does the Channels page. */
  if (g_strcmp0 (info->id, "channels") == 0)
    {
      gtk_widget_set_visible (self->ticket_pane, FALSE);
      gtk_widget_set_visible (self->ticket_separator, FALSE);
      gtk_widget_set_hexpand (self->list_pane, TRUE);
    }
  if (info->view < 0)
    {
      adw_window_title_set_subtitle (self->list_title, "");
      gtk_stack_set_visible_child_name (self->list_stack, g_strcmp0 (info->id, "reports") == 0 ? "reports" : "later");
      if (g_strcmp0 (info->id, "customers") == 0)
        gtk_stack_set_visible_child_name (self->list_stack, "customers");
      if (g_strcmp0 (info->id, "knowledge-base") == 0)
        gtk_stack_set_visible_child_name (self->list_stack, "knowledge-base");
      if (g_strcmp0 (info->id, "channels") == 0)
        gtk_stack_set_visible_child_name (self->list_stack, "channels");
      return;
    }

  if (self->model == NULL || kefu_ticket_list_model_get_loading (self->model))
    {
      adw_window_title_set_subtitle (self->list_title, "");
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
      return;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  if (searching)
    subtitle = g_strdup_printf (ngettext ("%u result", "%u results", n_items), n_items);
  else
    subtitle = g_strdup_printf (ngettext ("%u ticket", "%u tickets", n_items), n_items);
  adw_window_title_set_subtitle (self->list_title, subtitle);

  if (!searching && self->rows[kefu_view_find (info->id)] != NULL)
    kefu_sidebar_row_set_count (self->rows[kefu_view_find (info->id)], (int) MIN (n_items, G_MAXINT));

  if (n_items > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (kefu_ticket_list_model_get_error_message (self->model) != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (kefu_ticket_list_model_get_error_message (self->model), -1);

      adw_status_page_set_description (self->list_error_page, escaped);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      return;
    }

  if (searching)
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results Found"));
      adw_status_page_set_description (self->empty_page, _("Try different words, or search in another view."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, info->icon_name);
      adw_status_page_set_title (self->empty_page, _("No Tickets"));
      adw_status_page_set_description (self->empty_page, _(info->description));
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
apply_view (KefuWindow *self)
{
  const KefuViewInfo *info = current_view (self);
  int index = kefu_view_find (info->id);

  if (self->rows[index] != NULL &&
      gtk_list_box_get_selected_row (self->sidebar_list) != GTK_LIST_BOX_ROW (self->rows[index]))
    gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (self->rows[index]));

  adw_window_title_set_title (self->list_title, _(info->title));
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), info->view >= 0);

  if (info->view < 0)
    {
      adw_status_page_set_icon_name (self->later_page, info->icon_name);
      adw_status_page_set_title (self->later_page, _(info->title));
      adw_status_page_set_description (self->later_page, _(info->description));
    }
  else if (self->model != NULL)
    {
      g_autoptr (KefuQuery) query = build_query (self);

      kefu_ticket_list_model_set_query (self->model, query);
    }

  update_list_state (self);
}

static void
set_view (KefuWindow *self,
          const char *view)
{
  if (kefu_view_find (view) < 0)
    return;
  if (g_strcmp0 (self->view, view) == 0)
    return;

  g_free (self->view);
  self->view = g_strdup (view);
  apply_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  KefuSidebarRow *row = user_data;
  g_autoptr (KefuTicketSpine) spine = NULL;
  g_autoptr (GError) error = NULL;

  /* The row is only touched when not cancelled: the window cancels in dispose. */
  spine = kefu_store_list_ticket_spine_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      g_debug ("A view could not be counted: %s", error->message);
      return;
    }

  kefu_sidebar_row_set_count (row, (int) MIN (spine->total, G_MAXINT));
}

static gboolean
counts_timeout_cb (gpointer user_data)
{
  KefuWindow *self = user_data;

  self->counts_source = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  self->counts_cancellable = g_cancellable_new ();

  for (guint i = 0; i < KEFU_N_VIEWS; i++)
    {
      g_autoptr (KefuQuery) query = NULL;

      if (kefu_views[i].view < 0 || self->rows[i] == NULL)
        continue;

      query = kefu_query_new ((KefuView) kefu_views[i].view);
      query->agent_id = self->agent_id;
      kefu_store_list_ticket_spine_async (self->store, query, COUNTS_PAGE_SIZE,
                                          self->counts_cancellable, count_cb, self->rows[i]);
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_counts (KefuWindow *self,
                 guint       delay_ms)
{
  if (self->counts_source != 0)
    return;

  self->counts_source = g_timeout_add (delay_ms, counts_timeout_cb, self);
}

static void
on_store_changed (KefuWindow    *self,
                  KefuChangeSet *changes,
                  KefuStore     *store)
{
  schedule_counts (self, COUNTS_DELAY_MS);
}

/* Selects the open ticket in the list once its page is there, so that a
 * reload or a ticket opened by action shows where it is. */
static void
select_open_ticket (KefuWindow *self)
{
  gint64 ticket_id = kefu_ticket_page_get_ticket_id (self->ticket_page);
  int position;

  if (self->model == NULL || ticket_id <= 0)
    return;

  position = kefu_ticket_list_model_find_ticket (self->model, ticket_id);
  if (position >= 0 && (guint) position != gtk_single_selection_get_selected (self->selection))
    gtk_single_selection_set_selected (self->selection, position);
}

static void
open_ticket (KefuWindow *self,
             gint64      ticket_id,
             gboolean    navigate)
{
  kefu_ticket_page_set_ticket_id (self->ticket_page, ticket_id);
  gtk_stack_set_visible_child_name (self->ticket_stack, ticket_id > 0 ? "ticket" : "none");
  if (navigate && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->ticket_pane);
  select_open_ticket (self);
}

static void
on_selection_changed (KefuWindow         *self,
                      guint               position,
                      guint               n_items,
                      GtkSingleSelection *selection)
{
  KefuTicketItem *item = gtk_single_selection_get_selected_item (selection);
  KefuTicket *ticket = item != NULL ? kefu_ticket_item_get_ticket (item) : NULL;

  /* A reload that moved the selection away keeps the open ticket open. */
  if (ticket != NULL)
    open_ticket (self, kefu_ticket_get_id (ticket), FALSE);
}

static void
on_ticket_list_activate (KefuWindow  *self,
                         guint        position,
                         GtkListView *list_view)
{
  g_autoptr (KefuTicketItem) item = NULL;
  KefuTicket *ticket;

  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  ticket = item != NULL ? kefu_ticket_item_get_ticket (item) : NULL;
  if (ticket != NULL)
    open_ticket (self, kefu_ticket_get_id (ticket), TRUE);
}

static void
on_model_page_loaded (KefuWindow          *self,
                      guint                page,
                      KefuTicketListModel *model)
{
  if (!self->first_page_logged)
    {
      self->first_page_logged = TRUE;
      g_debug ("first page of tickets after %.0f ms", elapsed_ms (self));
      /* The other views are counted once the first page is on screen, so
       * they never queue in front of it. */
      schedule_counts (self, 0);
    }

  select_open_ticket (self);
}

static void
on_model_notify (KefuWindow          *self,
                 GParamSpec          *pspec,
                 KefuTicketListModel *model)
{
  update_list_state (self);
}

static void
on_search_changed (KefuWindow     *self,
                   GtkSearchEntry *entry)
{
  /* GtkSearchEntry already waits for typing to pause before this. */
  apply_view (self);
}

static void
on_search_stopped (KefuWindow     *self,
                   GtkSearchEntry *entry)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_sidebar_row_activated (KefuWindow    *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list_box)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
on_ticket_page_notify_ticket (KefuWindow     *self,
                              GParamSpec     *pspec,
                              KefuTicketPage *page)
{
  KefuTicket *ticket = kefu_ticket_page_get_ticket (page);
  g_autofree char *number = NULL;

  if (ticket == NULL)
    {
      adw_window_title_set_title (self->ticket_title, "");
      adw_window_title_set_subtitle (self->ticket_title, "");
      return;
    }

  number = kefu_ui_format_ticket_number (kefu_ticket_get_number (ticket));
  adw_window_title_set_title (self->ticket_title, kefu_ticket_get_customer_name (ticket));
  adw_window_title_set_subtitle (self->ticket_title, number);
}

static void
on_after_paint (KefuWindow    *self,
                GdkFrameClock *frame_clock)
{
  self->first_frame_logged = TRUE;
  g_debug ("first frame after %.0f ms", elapsed_ms (self));
  g_clear_signal_handler (&self->after_paint_handler, frame_clock);
}

static void
add_sidebar_rows (KefuWindow *self)
{
  for (guint i = 0; i < KEFU_N_VIEWS; i++)
    {
      GtkWidget *row = kefu_sidebar_row_new (kefu_views[i].id, _(kefu_views[i].title), kefu_views[i].icon_name);

      self->rows[i] = KEFU_SIDEBAR_ROW (row);
      gtk_list_box_append (self->sidebar_list, row);
    }
}

/* A line between the ticket views and the pages about everything else. */
static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  int index = kefu_view_find (kefu_sidebar_row_get_view (KEFU_SIDEBAR_ROW (row)));
  int before_index = before != NULL ? kefu_view_find (kefu_sidebar_row_get_view (KEFU_SIDEBAR_ROW (before))) : -1;
  gboolean boundary = before_index >= 0 && index >= 0 &&
                      (kefu_views[index].view < 0) != (kefu_views[before_index].view < 0);

  if (boundary && gtk_list_box_row_get_header (row) == NULL)
    gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  else if (!boundary)
    gtk_list_box_row_set_header (row, NULL);
}

static void
open_ticket_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KefuWindow *self = KEFU_WINDOW (widget);

  open_ticket (self, g_variant_get_int64 (parameter), TRUE);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KefuWindow *self = KEFU_WINDOW (widget);

  if (current_view (self)->view < 0)
    set_view (self, "inbox");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* inbox (#6): Ctrl+K searches tickets, messages and customers at once. */
static void
global_search_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KefuWindow *self = KEFU_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (kefu_search_dialog_new (GTK_WINDOW (self), self->store)));
}

/* inbox (#6): a customer found elsewhere opens on the Customers page. */
static void
open_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KefuWindow *self = KEFU_WINDOW (widget);

  set_view (self, "customers");
  kefu_customers_page_show_customer (self->customers_page, g_variant_get_int64 (parameter));
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KefuWindow *self = KEFU_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* j and k: the next or previous ticket in the list, opened at once. */
static void
move_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KefuWindow *self = KEFU_WINDOW (widget);
  guint n_items;
  guint selected;
  guint position;

  if (self->selection == NULL || current_view (self)->view < 0)
    return;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  selected = gtk_single_selection_get_selected (self->selection);
  if (n_items == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION)
    position = 0;
  else if (g_str_equal (action_name, "win.next-ticket"))
    position = MIN (selected + 1, n_items - 1);
  else
    position = selected > 0 ? selected - 1 : 0;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->ticket_list), "list.scroll-to-item", "u", position);
}

static gboolean
kefu_window_close_request (GtkWindow *window)
{
  KefuWindow *self = KEFU_WINDOW (window);

  kefu_window_state_save (window, window_settings (self));
  g_cancellable_cancel (self->counts_cancellable);

  return GTK_WINDOW_CLASS (kefu_window_parent_class)->close_request (window);
}

static void
kefu_window_map (GtkWidget *widget)
{
  KefuWindow *self = KEFU_WINDOW (widget);
  GdkFrameClock *frame_clock;

  GTK_WIDGET_CLASS (kefu_window_parent_class)->map (widget);

  frame_clock = gtk_widget_get_frame_clock (widget);
  if (frame_clock != NULL && self->after_paint_handler == 0 && !self->first_frame_logged)
    self->after_paint_handler = g_signal_connect_object (frame_clock, "after-paint",
                                                         G_CALLBACK (on_after_paint),
                                                         self, G_CONNECT_SWAPPED);
}

static void
kefu_window_dispose (GObject *object)
{
  KefuWindow *self = KEFU_WINDOW (object);

  g_cancellable_cancel (self->counts_cancellable);
  g_clear_handle_id (&self->counts_source, g_source_remove);
  memset (self->rows, 0, sizeof self->rows);
  if (self->ticket_list != NULL)
    gtk_list_view_set_model (self->ticket_list, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kefu_window_parent_class)->dispose (object);
}

static void
kefu_window_finalize (GObject *object)
{
  KefuWindow *self = KEFU_WINDOW (object);

  g_clear_object (&self->counts_cancellable);
  g_clear_pointer (&self->view, g_free);

  G_OBJECT_CLASS (kefu_window_parent_class)->finalize (object);
}

static void
kefu_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KefuWindow *self = KEFU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KefuWindow *self = KEFU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      set_view (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_window_class_init (KefuWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kefu_window_dispose;
  object_class->finalize = kefu_window_finalize;
  object_class->get_property = kefu_window_get_property;
  object_class->set_property = kefu_window_set_property;

  widget_class->map = kefu_window_map;

  window_class->close_request = kefu_window_close_request;

  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         "inbox",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KEFU_TYPE_REPORTS_PAGE);
  g_type_ensure (KEFU_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (KEFU_TYPE_KB_PAGE);
  g_type_ensure (KEFU_TYPE_CHANNELS_PAGE);
  g_type_ensure (KEFU_TYPE_TICKET_PAGE);
  g_type_ensure (KEFU_TYPE_TICKET_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, later_page);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, list_error_page);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, store_error_page);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, ticket_list);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, ticket_page);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, ticket_pane);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, reports_page);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, customers_page);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, kb_page);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, channels_page);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, ticket_separator);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, ticket_stack);
  gtk_widget_class_bind_template_child (widget_class, KefuWindow, ticket_title);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_ticket_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_ticket_page_notify_ticket);

  gtk_widget_class_install_property_action (widget_class, "win.show-view", "view");
  gtk_widget_class_install_action (widget_class, "win.open-ticket", "x", open_ticket_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.focus-search", NULL);
  gtk_widget_class_install_action (widget_class, "win.global-search", NULL, global_search_action);
  gtk_widget_class_install_action (widget_class, "win.open-customer", "x", open_customer_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.global-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.go-back", NULL);

  /* inbox (#6): keyboard first */
  gtk_widget_class_install_action (widget_class, "win.next-ticket", NULL, move_selection_action);
  gtk_widget_class_install_action (widget_class, "win.previous-ticket", NULL, move_selection_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "win.next-ticket", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "win.previous-ticket", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, 0, "app.shortcuts", NULL);
}

static void
kefu_window_init (KefuWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->view = g_strdup ("inbox");
  self->counts_cancellable = g_cancellable_new ();

  add_sidebar_rows (self);
  gtk_list_box_set_header_func (self->sidebar_list, sidebar_header_func, NULL, NULL);
  apply_view (self);
}

KefuWindow *
kefu_window_new (KefuApplication *application)
{
  KefuWindow *self = g_object_new (KEFU_TYPE_WINDOW, "application", application, NULL);

  /* After construction: "application" is set only once constructed() ran. */
  kefu_window_state_restore (GTK_WINDOW (self), window_settings (self));
  self->agent_id = kefu_window_state_get_agent_id (window_settings (self));

  return self;
}

/**
 * kefu_window_set_store:
 *
 * Shows what @store holds; called once the application has opened it.
 */
void
kefu_window_set_store (KefuWindow *self,
                       KefuStore  *store)
{
  g_autoptr (KefuQuery) query = NULL;

  g_return_if_fail (KEFU_IS_WINDOW (self));
  g_return_if_fail (KEFU_IS_STORE (store));

  if (self->store == store)
    return;

  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);

  query = build_query (self);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  self->model = kefu_ticket_list_model_new (store, query);
  g_signal_connect_object (self->model, "page-loaded", G_CALLBACK (on_model_page_loaded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (on_model_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::n-items", G_CALLBACK (on_model_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error-message", G_CALLBACK (on_model_notify), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->ticket_list, GTK_SELECTION_MODEL (self->selection));

  kefu_ticket_page_set_store (self->ticket_page, store);
  kefu_reports_page_set_store (self->reports_page, store);
  kefu_customers_page_set_store (self->customers_page, store);
  kefu_kb_page_set_store (self->kb_page, store);
  kefu_channels_page_set_store (self->channels_page, store);
  if (KEFU_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))))
    kefu_channels_page_set_runtime (self->channels_page,
                                    kefu_application_get_runtime (KEFU_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)))));
  if (KEFU_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))))
    kefu_ticket_page_set_router (self->ticket_page,
                                 kefu_application_get_router (KEFU_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)))));
  kefu_ticket_page_set_agent (self->ticket_page, self->agent_id, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  apply_view (self);
}

/**
 * kefu_window_show_store_error:
 *
 * Shows why the database could not be opened, in place of everything else.
 */
void
kefu_window_show_store_error (KefuWindow   *self,
                              const GError *error)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (KEFU_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  /* The status page's description is markup; the store's message is not. */
  escaped = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->store_error_page, escaped);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

const char *
kefu_window_get_view (KefuWindow *self)
{
  g_return_val_if_fail (KEFU_IS_WINDOW (self), NULL);

  return self->view;
}

/**
 * kefu_window_get_ticket_list_model:
 *
 * Returns: (transfer none) (nullable): the list's model, once the store is open
 */
KefuTicketListModel *
kefu_window_get_ticket_list_model (KefuWindow *self)
{
  g_return_val_if_fail (KEFU_IS_WINDOW (self), NULL);

  return self->model;
}

/**
 * kefu_window_get_ticket_list:
 *
 * Returns: (transfer none): the list view of tickets
 */
GtkListView *
kefu_window_get_ticket_list (KefuWindow *self)
{
  g_return_val_if_fail (KEFU_IS_WINDOW (self), NULL);

  return self->ticket_list;
}

/**
 * kefu_window_get_ticket_page:
 *
 * Returns: (transfer none): the page showing the open ticket
 */
KefuTicketPage *
kefu_window_get_ticket_page (KefuWindow *self)
{
  g_return_val_if_fail (KEFU_IS_WINDOW (self), NULL);

  return self->ticket_page;
}

/* Whether the window is too narrow for all three panes at once. */
gboolean
kefu_window_get_folded (KefuWindow *self)
{
  g_return_val_if_fail (KEFU_IS_WINDOW (self), FALSE);

  return adw_leaflet_get_folded (self->leaflet);
}

/**
 * kefu_window_get_visible_pane:
 *
 * Returns: "sidebar", "list" or "ticket": the pane shown when folded
 */
const char *
kefu_window_get_visible_pane (KefuWindow *self)
{
  g_return_val_if_fail (KEFU_IS_WINDOW (self), NULL);

  return adw_leaflet_get_visible_child_name (self->leaflet);
}

/* The count the sidebar shows for @view, or -1 while it has none. */
int
kefu_window_get_view_count (KefuWindow *self,
                            const char *view)
{
  int index;

  g_return_val_if_fail (KEFU_IS_WINDOW (self), -1);

  index = kefu_view_find (view);
  if (index < 0 || self->rows[index] == NULL)
    return -1;

  return kefu_sidebar_row_get_count (self->rows[index]);
}

/**
 * kefu_window_get_customers_page:
 *
 * Returns: (transfer none): the Customers page
 */
KefuCustomersPage *
kefu_window_get_customers_page (KefuWindow *self)
{
  g_return_val_if_fail (KEFU_IS_WINDOW (self), NULL);

  return self->customers_page;
}

/**
 * kefu_window_get_kb_page:
 *
 * Returns: (transfer none): the Knowledge Base page (robot, #10)
 */
KefuKbPage *
kefu_window_get_kb_page (KefuWindow *self)
{
  g_return_val_if_fail (KEFU_IS_WINDOW (self), NULL);

  return self->kb_page;
}

/**
 * kefu_window_get_channels_page:
 *
 * Returns: (transfer none): the Channels page (runtime)
 */
KefuChannelsPage *
kefu_window_get_channels_page (KefuWindow *self)
{
  g_return_val_if_fail (KEFU_IS_WINDOW (self), NULL);

  return self->channels_page;
}
