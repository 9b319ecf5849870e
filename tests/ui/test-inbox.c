/* test-inbox.c: working a ticket in the real window: reply, note, canned
 * reply, status, priority, assignee, tags, undo, a conflicting edit, j/k.
 *
 * Each case starts the application on a fresh database and drives it
 * through its actions, checking what the store keeps and what the widgets
 * show; screenshots land in $KEFU_SCREENSHOT_DIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-i18n.h"

#include <glib/gi18n.h>

#include "kefu-application.h"
#include "kefu-store-inbox.h"
#include "kefu-test-ui.h"
#include "kefu-test-util.h"
#include "kefu-ticket-item.h"
#include "kefu-window.h"

#define REPLY_TEXT "Your parcel left our warehouse today."
#define NOTE_TEXT  "Customer called twice; be quick."
#define DRAFT_TEXT "您好！我们已经为您重新寄出一个新杯子。"

typedef struct
{
  KefuChannelKind  channel;
  KefuIdentityKind kind;
  const char      *sender;
  const char      *name;
  const char      *subject;
  const char      *text;
} Sample;

static const Sample samples[] = {
  { KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "amy@example.org", "Amy Chen", "Where is my order?", "I ordered a teapot last week and nothing has arrived." },
  { KEFU_CHANNEL_KIND_CHAT, KEFU_IDENTITY_KIND_CHAT, "visitor-0001", "张伟", NULL, "你好，请问周末发货吗？" },
  { KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "bob@example.com", "Bob Smith", "Wrong size", "The shirt is too small. Can I exchange it for an L?" },
  { KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "wang.fang@example.cn", "王芳", "订单 1024 的退款 / Refund for order 1024", "你好，我收到的杯子有裂纹，想申请退款。Hello, the cup I received is cracked; I would like a refund." },
};

/* The ticket the case works on: Wang Fang's, the newest. */
#define WORK_INDEX (G_N_ELEMENTS (samples) - 1)

typedef enum
{
  STEP_WINDOW,
  STEP_OPEN,
  STEP_REPLY,
  STEP_REPLY_SHOWN,
  STEP_NOTE,
  STEP_NOTE_SHOWN,
  STEP_CANNED,
  STEP_PICKER_SHOT,
  STEP_CANNED_CHOSEN,
  STEP_CANNED_SHOWN,
  STEP_SAVE_CANNED,
  STEP_PRIORITY,
  STEP_ASSIGN,
  STEP_TAG,
  STEP_TAG_AGAIN,
  STEP_UNTAG,
  STEP_RESOLVE,
  STEP_UNDO,
  STEP_CONFLICT,
  STEP_CONFLICT_SHOWN,
  STEP_SNOOZE,
  STEP_WOKEN,
  STEP_NEXT,
  STEP_PREVIOUS,
  STEP_SHOT_LIGHT,
  STEP_SHOT_DARK,
  STEP_DONE,
} Step;

static const char *const step_names[] = {
  "window and list", "ticket opened", "reply sent", "reply shown", "note sent", "note shown",
  "canned replies listed", "canned picker shown", "canned reply chosen", "canned reply shown", "canned reply saved", "priority", "assignee",
  "tag", "second tag", "tag removed", "resolved", "undone", "conflicting edit", "conflict shown",
  "snoozed out of the Inbox", "back from snooze",
  "next ticket (j)", "previous ticket (k)", "light screenshot", "dark screenshot", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (step_names) == STEP_DONE + 1);

typedef struct
{
  char            *path;
  gint64           ticket_ids[G_N_ELEMENTS (samples)];
  gint64           agent_id;
  gint64           canned_id;

  KefuTestDrive    ui;
  const char      *shot_prefix;
  gboolean         dark_too;
  gint64           version_before;
  gint64           started;        /* monotonic time the step's action ran */
} Inbox;

static gpointer
insert_agent_job (KefuStore     *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  KefuAgentFields fields = { 0 };
  gint64 id;

  fields.name = "Li Wei";
  fields.email = "li.wei@shop.example";
  fields.role = KEFU_AGENT_ROLE_AGENT;
  fields.created_at = g_get_real_time ();
  id = KEFU_STORE_GET_IFACE (store)->insert_agent (store, &fields, error);
  if (id <= 0)
    return NULL;

  return g_memdup2 (&id, sizeof id);
}

static void
fill_database (Inbox *inbox)
{
  g_autoptr (KefuSqliteStore) store = NULL;
  g_autoptr (KefuRouter) router = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuCannedReply) thanks = NULL;
  g_autoptr (KefuCannedReply) refund = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gint64 *agent_id = NULL;
  gint64 now = g_get_real_time ();

  inbox->path = kefu_test_temp_db_path ();
  store = kefu_test_open_store (inbox->path);
  router = kefu_router_new (KEFU_STORE (store));
  kefu_router_set_default_region (router, "CN");

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr (KefuInbound) inbound = kefu_inbound_new (samples[i].channel, samples[i].kind, samples[i].sender);
      g_autoptr (KefuDelivery) delivery = NULL;

      inbound->sender_name = g_strdup (samples[i].name);
      inbound->subject = g_strdup (samples[i].subject);
      inbound->text = g_strdup (samples[i].text);
      inbound->received_at = now - (gint64) (G_N_ELEMENTS (samples) - i) * 600 * G_USEC_PER_SEC;
      inbound->external_id = g_strdup_printf ("<inbox-%u@example.test>", i);
      delivery = kefu_test_receive (router, inbound);
      inbox->ticket_ids[i] = delivery->ticket_id;
    }

  kefu_store_write_async (KEFU_STORE (store), insert_agent_job, NULL, NULL, g_free, NULL,
                          kefu_test_result_cb, &result);
  agent_id = kefu_store_job_finish (KEFU_STORE (store), kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  inbox->agent_id = *agent_id;
  g_clear_object (&result);

  kefu_store_save_canned_reply_async (KEFU_STORE (store), 0, "Thanks", "Thank you, {{customer.name}}!",
                                      NULL, kefu_test_result_cb, &result);
  thanks = kefu_store_save_canned_reply_finish (KEFU_STORE (store), kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  kefu_store_save_canned_reply_async (KEFU_STORE (store), 0, "Refund on its way",
                                      "Dear {{customer.name}}, the refund for {{ticket.number}} is on its way. {{agent.name|The team}}",
                                      NULL, kefu_test_result_cb, &result);
  refund = kefu_store_save_canned_reply_finish (KEFU_STORE (store), kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  inbox->canned_id = kefu_canned_reply_get_id (refund);

  kefu_sqlite_store_close (store);
}

/* The newest message of @direction in the conversation, or NULL. */
static KefuMessage *
find_message (KefuTicketPage *page,
              KefuDirection   direction,
              const char     *text)
{
  GListModel *messages = kefu_ticket_page_get_messages (page);

  for (guint i = g_list_model_get_n_items (messages); i > 0; i--)
    {
      g_autoptr (KefuMessage) message = g_list_model_get_item (messages, i - 1);

      if (kefu_message_get_direction (message) == direction &&
          g_strcmp0 (kefu_message_get_text (message), text) == 0)
        return message;
    }

  return NULL;
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return gtk_widget_get_mapped (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
has_tags (KefuTicket *ticket,
          const char *expected)
{
  g_autofree char *joined = g_strjoinv (",", (char **) kefu_ticket_get_tags (ticket));

  return g_strcmp0 (joined, expected) == 0;
}

static KefuTicket *
page_ticket (Inbox *inbox)
{
  return kefu_ticket_page_get_ticket (kefu_window_get_ticket_page (inbox->ui.window));
}

/* Whether the page shows the newest version of the ticket and no edit is
 * on its way. */
static gboolean
settled (Inbox *inbox)
{
  KefuTicketPage *page = kefu_window_get_ticket_page (inbox->ui.window);

  return page_ticket (inbox) != NULL &&
         !kefu_ticket_controls_get_busy (kefu_ticket_page_get_controls (page)) &&
         !kefu_composer_get_sending (kefu_ticket_page_get_composer (page));
}

static void
other_desk_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GError) error = NULL;

  ticket = kefu_store_update_ticket_finish (KEFU_STORE (object), result, &error);
  g_assert_no_error (error);
}

static gint64
selected_ticket_id (Inbox *inbox)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (kefu_window_get_ticket_list (inbox->ui.window));
  KefuTicketItem *item = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));
  KefuTicket *ticket = item != NULL ? kefu_ticket_item_get_ticket (item) : NULL;

  return ticket != NULL ? kefu_ticket_get_id (ticket) : 0;
}

/* The keys of the shortcut controller @name on @widget and what they do. */
static const char *
shortcut_keys (GtkWidget  *widget,
               const char *name)
{
  static char *keys;
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          g_strcmp0 (gtk_event_controller_get_name (controller), name) != 0)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          g_string_append_printf (out, "%s %s, ", trigger,
                                  gtk_named_action_get_action_name (GTK_NAMED_ACTION (gtk_shortcut_get_action (shortcut))));
        }
    }

  g_free (keys);
  keys = g_string_free (out, FALSE);

  return keys;
}

static gboolean
drive_step (gpointer user_data)
{
  Inbox *inbox = user_data;
  KefuTicketPage *page = inbox->ui.window != NULL ? kefu_window_get_ticket_page (inbox->ui.window) : NULL;
  KefuComposer *composer = page != NULL ? kefu_ticket_page_get_composer (page) : NULL;
  KefuTicketControls *controls = page != NULL ? kefu_ticket_page_get_controls (page) : NULL;
  gint64 work_id = inbox->ticket_ids[WORK_INDEX];
  KefuTicketListModel *model;
  KefuTicket *ticket;
  KefuMessage *message;
  GtkWidget *focus;

  switch ((Step) inbox->ui.step)
    {
    case STEP_WINDOW:
      return kefu_test_drive_list_loaded (&inbox->ui) &&
             g_list_model_get_n_items (G_LIST_MODEL (kefu_window_get_ticket_list_model (inbox->ui.window))) ==
             G_N_ELEMENTS (samples);

    case STEP_OPEN:
      if (inbox->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (inbox->ui.window), "win.open-ticket", "x", work_id);
      if (page_ticket (inbox) == NULL || g_list_model_get_n_items (kefu_ticket_page_get_messages (page)) < 1 ||
          g_list_model_get_n_items (kefu_ticket_controls_get_agents (controls)) < 1)
        return FALSE;
      g_assert_cmpint (kefu_ticket_get_id (page_ticket (inbox)), ==, work_id);
      g_assert_true (kefu_composer_get_router (composer) == kefu_application_get_router (inbox->ui.app));
      g_assert_cmpint (kefu_ticket_get_status (page_ticket (inbox)), ==, KEFU_TICKET_STATUS_NEW);
      g_assert_cmpstr (shortcut_keys (GTK_WIDGET (page), "kefu-ticket-shortcuts"), ==,
                       "r ticket.reply, n ticket.note, e ticket.resolve, ");
      inbox->ui.settle = 0;
      return TRUE;

    case STEP_REPLY:
      /* r: a reply, with the cursor in the composer. */
      kefu_composer_set_note (composer, TRUE);
      gtk_widget_activate_action (GTK_WIDGET (page), "ticket.reply", NULL);
      g_assert_false (kefu_composer_get_note (composer));
      focus = gtk_root_get_focus (GTK_ROOT (inbox->ui.window));
      g_assert_true (GTK_IS_TEXT_VIEW (focus));
      g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (composer)));
      /* Nothing written, nothing sent. */
      gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL);
      g_assert_false (kefu_composer_get_sending (composer));
      kefu_composer_set_text (composer, REPLY_TEXT);
      inbox->started = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL);
      g_assert_true (kefu_composer_get_sending (composer));
      return TRUE;

    case STEP_REPLY_SHOWN:
      message = find_message (page, KEFU_DIRECTION_OUT, REPLY_TEXT);
      if (message == NULL || !settled (inbox) || kefu_ticket_get_status (page_ticket (inbox)) != KEFU_TICKET_STATUS_OPEN)
        return FALSE;
      g_test_message ("reply in the timeline %.0f ms after Send",
                      (g_get_monotonic_time () - inbox->started) / 1000.0);
      /* Stored as queued: no channel runs in this test to deliver it. */
      g_assert_cmpint (kefu_message_get_delivery_state (message), ==, KEFU_DELIVERY_STATE_QUEUED);
      g_assert_cmpint (kefu_message_get_agent_id (message), ==, 0);
      g_assert_true (has_label (GTK_WIDGET (page), C_("delivery state", "Queued")) ||
                     has_label (GTK_WIDGET (page), "Queued"));
      {
        g_autofree char *left = kefu_composer_dup_text (composer);

        g_assert_cmpstr (left, ==, "");
      }
      return TRUE;

    case STEP_NOTE:
      gtk_widget_activate_action (GTK_WIDGET (page), "ticket.note", NULL);
      g_assert_true (kefu_composer_get_note (composer));
      kefu_composer_set_text (composer, NOTE_TEXT);
      gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL);
      return TRUE;

    case STEP_NOTE_SHOWN:
      message = find_message (page, KEFU_DIRECTION_NOTE, NOTE_TEXT);
      if (message == NULL || !settled (inbox))
        return FALSE;
      g_assert_cmpint (kefu_message_get_delivery_state (message), ==, KEFU_DELIVERY_STATE_NONE);
      return TRUE;

    case STEP_CANNED:
      if (inbox->ui.settle++ == 0)
        {
          kefu_composer_set_note (composer, FALSE);
          kefu_canned_picker_reload (kefu_composer_get_canned_picker (composer));
        }
      if (g_list_model_get_n_items (kefu_canned_picker_get_model (kefu_composer_get_canned_picker (composer))) < 2)
        return FALSE;
      inbox->ui.settle = 0;
      /* By title: "Refund on its way" before "Thanks". */
      {
        g_autoptr (KefuCannedReply) first = g_list_model_get_item (kefu_canned_picker_get_model (kefu_composer_get_canned_picker (composer)), 0);

        g_assert_cmpint (kefu_canned_reply_get_id (first), ==, inbox->canned_id);
      }
      gtk_popover_popup (GTK_POPOVER (kefu_composer_get_canned_picker (composer)));
      return TRUE;

    case STEP_PICKER_SHOT:
      /* The quick picker, open over the composer. */
      if (!kefu_test_drive_settle (&inbox->ui, 8))
        return FALSE;
      {
        g_autofree char *name = g_strdup_printf ("%s-canned-picker.png", inbox->shot_prefix);

        kefu_test_save_snapshot (GTK_WIDGET (kefu_composer_get_canned_picker (composer)), name);
      }
      g_assert_true (kefu_canned_picker_choose (kefu_composer_get_canned_picker (composer), inbox->canned_id));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (kefu_composer_get_canned_picker (composer))));
      return TRUE;

    case STEP_CANNED_CHOSEN:
      {
        g_autofree char *text = kefu_composer_dup_text (composer);
        g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, kefu_ticket_get_number (page_ticket (inbox)));
        g_autofree char *expected = g_strdup_printf ("Dear 王芳, the refund for %s is on its way. The team", number);

        /* No agent signed in on this desktop: the fallback signs it. */
        g_assert_cmpstr (text, ==, expected);
      }
      gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL);
      return TRUE;

    case STEP_CANNED_SHOWN:
      {
        GListModel *messages = kefu_ticket_page_get_messages (page);
        g_autoptr (KefuMessage) last = g_list_model_get_item (messages, g_list_model_get_n_items (messages) - 1);

        if (!settled (inbox) || !g_str_has_prefix (kefu_message_get_text (last), "Dear 王芳"))
          return FALSE;
        g_assert_cmpint (kefu_message_get_direction (last), ==, KEFU_DIRECTION_OUT);
      }
      return TRUE;

    case STEP_SAVE_CANNED:
      /* The text written so far becomes a canned reply for everyone. */
      if (inbox->ui.settle++ == 0)
        {
          kefu_composer_set_text (composer, "We ship worldwide, {{customer.name}}.");
          kefu_composer_save_canned (composer, "Shipping abroad");
        }
      if (g_list_model_get_n_items (kefu_canned_picker_get_model (kefu_composer_get_canned_picker (composer))) < 3)
        return FALSE;
      kefu_composer_set_text (composer, "");
      inbox->ui.settle = 0;
      return TRUE;

    case STEP_PRIORITY:
      if (inbox->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (page), "ticket.set-priority", "s", "urgent");
      if (!settled (inbox) || kefu_ticket_get_priority (page_ticket (inbox)) != KEFU_PRIORITY_URGENT)
        return FALSE;
      inbox->ui.settle = 0;
      return TRUE;

    case STEP_ASSIGN:
      if (inbox->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (page), "ticket.assign", "x", inbox->agent_id);
      if (!settled (inbox) || kefu_ticket_get_assignee_id (page_ticket (inbox)) != inbox->agent_id)
        return FALSE;
      g_assert_cmpstr (kefu_ticket_get_assignee_name (page_ticket (inbox)), ==, "Li Wei");
      g_assert_true (has_label (GTK_WIDGET (controls), "Li Wei"));
      inbox->ui.settle = 0;
      return TRUE;

    case STEP_TAG:
      if (inbox->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (page), "ticket.add-tag", "s", "refund");
      if (!settled (inbox) || !has_tags (page_ticket (inbox), "refund"))
        return FALSE;
      inbox->ui.settle = 0;
      return TRUE;

    case STEP_TAG_AGAIN:
      if (inbox->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (page), "ticket.add-tag", "s", "vip");
      if (!settled (inbox) || g_strv_length ((char **) kefu_ticket_get_tags (page_ticket (inbox))) != 2)
        return FALSE;
      g_assert_true (has_label (GTK_WIDGET (controls), "vip"));
      inbox->ui.settle = 0;
      return TRUE;

    case STEP_UNTAG:
      if (inbox->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (controls), "controls.remove-tag", "s", "refund");
      if (!settled (inbox) || !has_tags (page_ticket (inbox), "vip"))
        return FALSE;
      g_assert_false (has_label (GTK_WIDGET (controls), "refund"));
      inbox->ui.settle = 0;
      return TRUE;

    case STEP_RESOLVE:
      /* e resolves; a toast offers Undo. */
      if (inbox->ui.settle++ == 0)
        {
          inbox->started = g_get_monotonic_time ();
          gtk_widget_activate_action (GTK_WIDGET (page), "ticket.resolve", NULL);
        }
      if (!settled (inbox) || kefu_ticket_get_status (page_ticket (inbox)) != KEFU_TICKET_STATUS_RESOLVED)
        return FALSE;
      g_test_message ("resolved on the page %.0f ms after e", (g_get_monotonic_time () - inbox->started) / 1000.0);
      inbox->ui.settle = 0;
      return TRUE;

    case STEP_UNDO:
      if (inbox->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (page), "ticket.undo", NULL);
      if (!settled (inbox) || kefu_ticket_get_status (page_ticket (inbox)) != KEFU_TICKET_STATUS_OPEN)
        return FALSE;
      g_assert_null (kefu_ticket_controls_get_last_error (controls));
      inbox->ui.settle = 0;
      return TRUE;

    case STEP_CONFLICT:
      /* Another desk lowers the priority; this one, not having seen it,
       * sets the ticket pending. The second edit must be refused. */
      {
        g_autoptr (KefuTicketChange) change = NULL;

        ticket = page_ticket (inbox);
        change = kefu_ticket_change_new (work_id, kefu_ticket_get_version (ticket));
        change->what = KEFU_TICKET_CHANGE_PRIORITY;
        change->priority = KEFU_PRIORITY_LOW;
        inbox->version_before = kefu_ticket_get_version (ticket);
        kefu_store_update_ticket_async (kefu_application_get_store (inbox->ui.app), change, NULL, other_desk_cb, NULL);
        gtk_widget_activate_action (GTK_WIDGET (page), "ticket.set-status", "s", "pending");
      }
      return TRUE;

    case STEP_CONFLICT_SHOWN:
      if (!settled (inbox) || kefu_ticket_controls_get_last_error (controls) == NULL ||
          kefu_ticket_get_priority (page_ticket (inbox)) != KEFU_PRIORITY_LOW)
        return FALSE;
      /* Nothing overwritten: the other desk's change stands, ours is not made. */
      g_assert_cmpint (kefu_ticket_get_status (page_ticket (inbox)), ==, KEFU_TICKET_STATUS_OPEN);
      g_assert_cmpint (kefu_ticket_get_version (page_ticket (inbox)), ==, inbox->version_before + 1);
      g_test_message ("conflict: %s", kefu_ticket_controls_get_last_error (controls));
      return TRUE;

    case STEP_SNOOZE:
      /* Snoozed for a moment: it leaves the Inbox for the Snoozed view... */
      if (inbox->ui.settle++ == 0)
        {
          kefu_snooze_waker_set_interval (kefu_application_get_snooze_waker (inbox->ui.app), 100);
          gtk_widget_activate_action (GTK_WIDGET (page), "ticket.snooze", "x",
                                      g_get_real_time () + 1500 * 1000);
        }
      model = kefu_window_get_ticket_list_model (inbox->ui.window);
      if (!settled (inbox) || kefu_ticket_get_status (page_ticket (inbox)) != KEFU_TICKET_STATUS_PENDING ||
          kefu_ticket_controls_get_snoozed_until (controls) == 0 ||
          g_list_model_get_n_items (G_LIST_MODEL (model)) != G_N_ELEMENTS (samples) - 1 ||
          kefu_window_get_view_count (inbox->ui.window, "snoozed") != 1)
        return FALSE;
      g_assert_cmpint (kefu_window_get_view_count (inbox->ui.window, "pending"), ==, 0);
      inbox->ui.settle = 0;
      return TRUE;

    case STEP_WOKEN:
      /* ...and comes back by itself when its time has come. */
      model = kefu_window_get_ticket_list_model (inbox->ui.window);
      if (!settled (inbox) || kefu_ticket_get_status (page_ticket (inbox)) != KEFU_TICKET_STATUS_OPEN ||
          g_list_model_get_n_items (G_LIST_MODEL (model)) != G_N_ELEMENTS (samples) ||
          kefu_window_get_view_count (inbox->ui.window, "snoozed") != 0 ||
          selected_ticket_id (inbox) != work_id)
        return FALSE;
      g_assert_cmpint (kefu_ticket_controls_get_snoozed_until (controls), ==, 0);
      g_assert_cmpuint (kefu_snooze_waker_get_woken (kefu_application_get_snooze_waker (inbox->ui.app)), ==, 1);
      return TRUE;

    case STEP_NEXT:
      /* j: the next ticket down the list opens. */
      if (inbox->ui.settle++ == 0)
        {
          g_assert_cmpint (selected_ticket_id (inbox), ==, work_id);
          gtk_widget_activate_action (GTK_WIDGET (inbox->ui.window), "win.next-ticket", NULL);
        }
      if (page_ticket (inbox) == NULL || kefu_ticket_get_id (page_ticket (inbox)) == work_id)
        return FALSE;
      g_assert_cmpint (kefu_ticket_get_id (page_ticket (inbox)), ==, selected_ticket_id (inbox));
      inbox->ui.settle = 0;
      return TRUE;

    case STEP_PREVIOUS:
      if (inbox->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (inbox->ui.window), "win.previous-ticket", NULL);
      if (page_ticket (inbox) == NULL || kefu_ticket_get_id (page_ticket (inbox)) != work_id ||
          g_list_model_get_n_items (kefu_ticket_page_get_messages (page)) < 4)
        return FALSE;
      inbox->ui.settle = 0;
      kefu_composer_start (composer, FALSE);
      kefu_composer_set_text (composer, DRAFT_TEXT);
      return TRUE;

    case STEP_SHOT_LIGHT:
      if (!kefu_test_drive_settle (&inbox->ui, 10))
        return FALSE;
      kefu_test_drive_save_shot (&inbox->ui, inbox->shot_prefix, "light");
      if (!inbox->dark_too)
        inbox->ui.step = STEP_SHOT_DARK;
      else
        adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      return TRUE;

    case STEP_SHOT_DARK:
      if (!kefu_test_drive_settle (&inbox->ui, 5))
        return FALSE;
      kefu_test_drive_save_shot (&inbox->ui, inbox->shot_prefix, "dark");
      return TRUE;

    case STEP_DONE:
    default:
      return FALSE;
    }
}

static void
run_inbox (const char *shot_prefix,
           int         width,
           int         height,
           gboolean    dark_too)
{
  Inbox inbox = { 0 };

  fill_database (&inbox);
  inbox.shot_prefix = shot_prefix;
  inbox.dark_too = dark_too;
  kefu_test_drive_run (&inbox.ui, inbox.path, width, height, 50,
                       drive_step, STEP_DONE, step_names, &inbox);
  kefu_test_drive_clear (&inbox.ui);
  g_free (inbox.path);
}

/* The Customers page: list, search, profile, history, edit. */
typedef enum
{
  CSTEP_WINDOW,
  CSTEP_LIST,
  CSTEP_SEARCH,
  CSTEP_PROFILE,
  CSTEP_SAVED,
  CSTEP_SHOT_LIGHT,
  CSTEP_SHOT_DARK,
  CSTEP_OPEN_FROM_HISTORY,
  CSTEP_DONE,
} CustomersStep;

static const char *const customers_step_names[] = {
  "window", "customers listed", "search", "profile and history", "edit saved",
  "light screenshot", "dark screenshot", "ticket opened from the history", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (customers_step_names) == CSTEP_DONE + 1);

#define NOTES "Prefers email. Ordered 12 tea sets in 2025."

static gboolean
customers_step (gpointer user_data)
{
  Inbox *inbox = user_data;
  KefuCustomersPage *customers = inbox->ui.window != NULL ? kefu_window_get_customers_page (inbox->ui.window) : NULL;
  KefuCustomerProfile *profile = customers != NULL ? kefu_customers_page_get_profile (customers) : NULL;
  KefuCustomer *customer;

  switch ((CustomersStep) inbox->ui.step)
    {
    case CSTEP_WINDOW:
      return kefu_test_drive_list_loaded (&inbox->ui);

    case CSTEP_LIST:
      if (inbox->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (inbox->ui.window), "win.show-view", "s", "customers");
      /* The list may finish loading before the stack has mapped the page on
       * a busy machine: wait for both, the step's timeout catches neither. */
      if (kefu_customers_page_get_loading (customers) ||
          g_list_model_get_n_items (kefu_customers_page_get_model (customers)) != G_N_ELEMENTS (samples) ||
          !gtk_widget_get_mapped (GTK_WIDGET (customers)))
        return FALSE;
      inbox->ui.settle = 0;
      return TRUE;

    case CSTEP_SEARCH:
      if (inbox->ui.settle++ == 0)
        kefu_customers_page_search (customers, "王芳");
      if (kefu_customers_page_get_loading (customers) ||
          g_list_model_get_n_items (kefu_customers_page_get_model (customers)) != 1)
        return FALSE;
      kefu_customers_page_select (customers, 0);
      inbox->ui.settle = 0;
      return TRUE;

    case CSTEP_PROFILE:
      customer = kefu_customer_profile_get_customer (profile);
      if (customer == NULL || g_list_model_get_n_items (kefu_customer_profile_get_tickets (profile)) != 1)
        return FALSE;
      g_assert_cmpstr (kefu_customer_get_name (customer), ==, "王芳");
      {
        g_autoptr (KefuTicket) ticket = g_list_model_get_item (kefu_customer_profile_get_tickets (profile), 0);

        g_assert_cmpint (kefu_ticket_get_id (ticket), ==, inbox->ticket_ids[WORK_INDEX]);
      }
      kefu_customer_profile_edit (profile, NULL, "台北茶行", NOTES);
      g_assert_true (kefu_customer_profile_get_saving (profile));
      return TRUE;

    case CSTEP_SAVED:
      customer = kefu_customer_profile_get_customer (profile);
      if (kefu_customer_profile_get_saving (profile) || g_strcmp0 (kefu_customer_get_notes (customer), NOTES) != 0)
        return FALSE;
      g_assert_cmpstr (kefu_customer_get_company (customer), ==, "台北茶行");
      /* The list shows the new company too, once the store announced it. */
      {
        g_autoptr (KefuCustomer) listed = g_list_model_get_item (kefu_customers_page_get_model (customers), 0);

        if (g_strcmp0 (kefu_customer_get_company (listed), "台北茶行") != 0)
          return FALSE;
      }
      return TRUE;

    case CSTEP_SHOT_LIGHT:
      return kefu_test_drive_shot_light (&inbox->ui, "customers", "light");

    case CSTEP_OPEN_FROM_HISTORY:
      /* A ticket in the history opens in the Inbox. */
      if (inbox->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (profile), "profile.open-ticket", "x", inbox->ticket_ids[WORK_INDEX]);
      if (page_ticket (inbox) == NULL)
        return FALSE;
      g_assert_cmpstr (kefu_window_get_view (inbox->ui.window), ==, "inbox");
      g_assert_cmpint (kefu_ticket_get_id (page_ticket (inbox)), ==, inbox->ticket_ids[WORK_INDEX]);
      g_assert_cmpstr (kefu_ticket_get_customer_name (page_ticket (inbox)), ==, "王芳");
      inbox->ui.settle = 0;
      return TRUE;

    case CSTEP_SHOT_DARK:
      if (!kefu_test_drive_settle (&inbox->ui, 5))
        return FALSE;
      kefu_test_drive_save_shot (&inbox->ui, "customers", "dark");
      return TRUE;

    case CSTEP_DONE:
    default:
      return FALSE;
    }
}

static void
test_customers (void)
{
  Inbox inbox = { 0 };

  fill_database (&inbox);
  kefu_test_drive_run (&inbox.ui, inbox.path, 1280, 800, 50,
                       customers_step, CSTEP_DONE, customers_step_names, &inbox);
  kefu_test_drive_clear (&inbox.ui);
  g_free (inbox.path);
}

static void
test_workflow (void)
{
  run_inbox ("inbox", 1280, 800, TRUE);
}

static void
test_chinese (void)
{
  run_inbox ("inbox-zh", 1280, 800, TRUE);
}

static void
test_narrow (void)
{
  run_inbox ("inbox-narrow", 420, 760, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: see test-window.c. */
  kefu_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_setenv ("KEFU_COLOR_SCHEME", "light", TRUE);

  g_test_add_func ("/ui/inbox/workflow", test_workflow);
  g_test_add_func ("/ui/inbox/chinese", test_chinese);
  g_test_add_func ("/ui/inbox/narrow", test_narrow);
  g_test_add_func ("/ui/inbox/customers", test_customers);

  return g_test_run ();
}
