/* test-merge.c: merging in the real window: two customers become one profile
 * with one history (and are separated again), a ticket merges into another
 * with the event in both timelines (and Undo), and the global search (Ctrl+K)
 * answers as you type, with filters, in English and Chinese.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-i18n.h"

#include <glib/gi18n.h>

#include "kefu-application.h"
#include "kefu-search-dialog.h"
#include "kefu-store-chat.h"
#include "kefu-store-inbox.h"
#include "kefu-test-ui.h"
#include "kefu-test-util.h"
#include "kefu-window.h"

typedef struct
{
  char          *path;
  gint64         wang_id;         /* customer */
  gint64         visitor_id;      /* customer: the chat visitor who gave Wang Fang's address */
  gint64         first_id;        /* Wang Fang's first ticket, resolved */
  gint64         second_id;       /* her second ticket, about the same cup */
  gint64         chat_id;         /* the visitor's chat ticket */
  gint64         amy_id;          /* Amy's ticket about a teapot */
  gint64         merge_id;
  const char    *prefix;
  gboolean       dark_too;

  KefuTestDrive  ui;
  KefuSearchDialog *dialog;
  guint          typed;
} Merge;

static KefuDelivery *
receive (KefuRouter       *router,
         KefuChannelKind   channel,
         KefuIdentityKind  kind,
         const char       *sender,
         const char       *name,
         const char       *subject,
         const char       *text,
         const char       *external_id,
         gint64            received_at)
{
  g_autoptr (KefuInbound) inbound = kefu_inbound_new (channel, kind, sender);

  inbound->sender_name = g_strdup (name);
  inbound->subject = g_strdup (subject);
  inbound->text = g_strdup (text);
  inbound->external_id = g_strdup (external_id);
  inbound->received_at = received_at;

  return kefu_test_receive (router, inbound);
}

static void
fill_database (Merge *merge)
{
  g_autoptr (KefuSqliteStore) store = NULL;
  g_autoptr (KefuRouter) router = NULL;
  g_autoptr (KefuDelivery) first = NULL;
  g_autoptr (KefuDelivery) second = NULL;
  g_autoptr (KefuDelivery) chat = NULL;
  g_autoptr (KefuDelivery) amy = NULL;
  g_autoptr (KefuTicketChange) change = NULL;
  g_autoptr (KefuTicket) resolved = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time ();
  gint64 minute = 60 * G_USEC_PER_SEC;

  merge->path = kefu_test_temp_db_path ();
  store = kefu_test_open_store (merge->path);
  router = kefu_router_new (KEFU_STORE (store));
  kefu_router_set_default_region (router, "CN");

  first = receive (router, KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "wang.fang@example.cn", "王芳",
                   "杯子有裂纹 / Cracked cup", "你好，我收到的杯子有裂纹。The cup I received is cracked.",
                   "<m1@example.cn>", now - 50 * minute);
  change = kefu_ticket_change_new (first->ticket_id, 0);
  change->what = KEFU_TICKET_CHANGE_STATUS;
  change->status = KEFU_TICKET_STATUS_RESOLVED;
  kefu_store_update_ticket_async (KEFU_STORE (store), change, NULL, kefu_test_result_cb, &result);
  resolved = kefu_store_update_ticket_finish (KEFU_STORE (store), kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  second = receive (router, KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "wang.fang@example.cn", "王芳",
                    "退款 / Refund", "杯子的退款什么时候到？When will the refund for the cup arrive?",
                    "<m2@example.cn>", now - 40 * minute);
  chat = receive (router, KEFU_CHANNEL_KIND_CHAT, KEFU_IDENTITY_KIND_CHAT, "visitor-0042", "访客 42",
                  NULL, "还是那个杯子的事情", "chat-0042-1", now - 30 * minute);
  amy = receive (router, KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "amy@example.org", "Amy Chen",
                 "Where is my teapot?", "I ordered a teapot last week and nothing has arrived.",
                 "<m3@example.org>", now - 20 * minute);

  /* In chat, the visitor left Wang Fang's address (kefu-chat-channel.c). */
  kefu_store_chat_add_event_async (KEFU_STORE (store), chat->ticket_id, "chat-contact",
                                   "{\"email\":\"wang.fang@example.cn\"}", NULL, kefu_test_result_cb, &result);
  g_assert_true (kefu_store_chat_add_event_finish (KEFU_STORE (store), kefu_test_wait (&result), &error));
  g_assert_no_error (error);

  merge->wang_id = first->customer_id;
  merge->visitor_id = chat->customer_id;
  merge->first_id = first->ticket_id;
  merge->second_id = second->ticket_id;
  merge->chat_id = chat->ticket_id;
  merge->amy_id = amy->ticket_id;
  g_assert_cmpint (first->ticket_id, !=, second->ticket_id);
  g_assert_cmpint (first->customer_id, ==, second->customer_id);

  kefu_sqlite_store_close (store);
}

static KefuStore *
app_store (Merge *merge)
{
  return kefu_application_get_store (merge->ui.app);
}

static KefuTicketPage *
page (Merge *merge)
{
  return kefu_window_get_ticket_page (merge->ui.window);
}

static KefuTicket *
page_ticket (Merge *merge)
{
  return kefu_ticket_page_get_ticket (page (merge));
}

static guint
count_event_lines (KefuTicketPage *ticket_page)
{
  GListModel *timeline = kefu_ticket_page_get_timeline (ticket_page);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (timeline, i);

      if (GTK_IS_STRING_OBJECT (item))
        n++;
    }

  return n;
}

static void
shot (Merge      *merge,
      const char *name,
      gboolean    dark)
{
  g_autofree char *prefix = g_strdup_printf ("%s-%s", merge->prefix, name);

  kefu_test_drive_save_shot (&merge->ui, prefix, dark ? "dark" : "light");
}

static void
list_merges_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Merge *merge = user_data;
  g_autoptr (GPtrArray) merges = NULL;
  g_autoptr (GError) error = NULL;

  merges = kefu_store_list_customer_merges_finish (KEFU_STORE (object), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (merges->len, ==, 1);
  merge->merge_id = ((KefuCustomerMerge *) g_ptr_array_index (merges, 0))->id;
}

/* Two customers become one: one profile, one history; then separated. */
typedef enum
{
  CSTEP_WINDOW,
  CSTEP_PROFILE,
  CSTEP_SUGGESTED,
  CSTEP_MERGED,
  CSTEP_SHOT_DARK,
  CSTEP_SEPARATED,
  CSTEP_DONE,
} CustomersStep;

static const char *const customers_step_names[] = {
  "window", "Wang Fang's profile", "the visitor suggested", "one profile, one history",
  "dark screenshot", "separated again", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (customers_step_names) == CSTEP_DONE + 1);

static gboolean
customers_step (gpointer user_data)
{
  Merge *merge = user_data;
  KefuCustomersPage *customers = merge->ui.window != NULL ? kefu_window_get_customers_page (merge->ui.window) : NULL;
  KefuCustomerProfile *profile = customers != NULL ? kefu_customers_page_get_profile (customers) : NULL;
  KefuCustomer *customer;

  switch ((CustomersStep) merge->ui.step)
    {
    case CSTEP_WINDOW:
      return kefu_test_drive_list_loaded (&merge->ui);

    case CSTEP_PROFILE:
      if (merge->ui.settle++ == 0)
        {
          gtk_widget_activate_action (GTK_WIDGET (merge->ui.window), "win.open-customer", "x", merge->wang_id);
          g_assert_cmpstr (kefu_window_get_view (merge->ui.window), ==, "customers");
        }
      customer = kefu_customer_profile_get_customer (profile);
      if (customer == NULL || g_list_model_get_n_items (kefu_customer_profile_get_tickets (profile)) != 2)
        return FALSE;
      g_assert_cmpstr (kefu_customer_get_name (customer), ==, "王芳");
      merge->ui.settle = 0;
      return TRUE;

    case CSTEP_SUGGESTED:
      /* The visitor gave her address in chat: offered for merging. */
      if (kefu_customer_profile_get_n_suggestions (profile) != 1 || !kefu_test_drive_settle (&merge->ui, 8))
        return FALSE;
      shot (merge, "merge-suggested", FALSE);
      gtk_widget_activate_action (GTK_WIDGET (profile), "profile.merge", "x", merge->visitor_id);
      g_assert_true (kefu_customer_profile_get_merging (profile));
      return TRUE;

    case CSTEP_MERGED:
      customer = kefu_customer_profile_get_customer (profile);
      if (kefu_customer_profile_get_merging (profile) || customer == NULL ||
          kefu_customer_get_identities (customer)->len != 2 ||
          g_list_model_get_n_items (kefu_customer_profile_get_tickets (profile)) != 3 ||
          kefu_customer_profile_get_n_merges (profile) != 1 ||
          kefu_customer_profile_get_n_suggestions (profile) != 0 ||
          g_list_model_get_n_items (kefu_customers_page_get_model (customers)) != 2 ||
          !kefu_test_drive_settle (&merge->ui, 8))
        return FALSE;
      /* One history across email and chat. */
      for (guint i = 0; i < 3; i++)
        {
          g_autoptr (KefuTicket) ticket = g_list_model_get_item (kefu_customer_profile_get_tickets (profile), i);

          g_assert_cmpint (kefu_ticket_get_customer_id (ticket), ==, merge->wang_id);
        }
      shot (merge, "merged", FALSE);
      kefu_store_list_customer_merges_async (app_store (merge), merge->wang_id, NULL, list_merges_cb, merge);
      if (merge->dark_too)
        adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      return TRUE;

    case CSTEP_SHOT_DARK:
      if (merge->merge_id == 0 || !kefu_test_drive_settle (&merge->ui, 6))
        return FALSE;
      if (merge->dark_too)
        {
          shot (merge, "merged", TRUE);
          adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
        }
      gtk_widget_activate_action (GTK_WIDGET (profile), "profile.unmerge", "x", merge->merge_id);
      return TRUE;

    case CSTEP_SEPARATED:
      customer = kefu_customer_profile_get_customer (profile);
      if (kefu_customer_profile_get_merging (profile) || customer == NULL ||
          kefu_customer_get_identities (customer)->len != 1 ||
          g_list_model_get_n_items (kefu_customer_profile_get_tickets (profile)) != 2 ||
          kefu_customer_profile_get_n_merges (profile) != 0 ||
          kefu_customer_profile_get_n_suggestions (profile) != 1 ||
          g_list_model_get_n_items (kefu_customers_page_get_model (customers)) != 3)
        return FALSE;
      return TRUE;

    case CSTEP_DONE:
    default:
      return FALSE;
    }
}

/* A ticket merges into another, shows in both timelines, and comes back. */
typedef enum
{
  TSTEP_WINDOW,
  TSTEP_OPEN,
  TSTEP_CANDIDATES,
  TSTEP_POPOVER_SHOT,
  TSTEP_MERGED,
  TSTEP_UNDONE,
  TSTEP_DONE,
} TicketsStep;

static const char *const tickets_step_names[] = {
  "window", "second ticket opened", "her first ticket offered", "popover screenshot",
  "merged into the first", "undone", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (tickets_step_names) == TSTEP_DONE + 1);

static gboolean
tickets_step (gpointer user_data)
{
  Merge *merge = user_data;
  KefuTicketPage *ticket_page = merge->ui.window != NULL ? page (merge) : NULL;
  KefuMergePopover *popover = ticket_page != NULL ? kefu_ticket_page_get_merge_popover (ticket_page) : NULL;

  switch ((TicketsStep) merge->ui.step)
    {
    case TSTEP_WINDOW:
      return kefu_test_drive_list_loaded (&merge->ui);

    case TSTEP_OPEN:
      if (merge->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (merge->ui.window), "win.open-ticket", "x", merge->second_id);
      if (page_ticket (merge) == NULL || kefu_ticket_get_id (page_ticket (merge)) != merge->second_id ||
          g_list_model_get_n_items (kefu_ticket_page_get_messages (ticket_page)) != 1)
        return FALSE;
      merge->ui.settle = 0;
      gtk_popover_popup (GTK_POPOVER (popover));
      return TRUE;

    case TSTEP_CANDIDATES:
      /* Her other ticket is offered; this one is not. */
      if (kefu_merge_popover_get_loading (popover) ||
          g_list_model_get_n_items (kefu_merge_popover_get_model (popover)) != 1)
        return FALSE;
      {
        g_autoptr (KefuTicket) candidate = g_list_model_get_item (kefu_merge_popover_get_model (popover), 0);

        g_assert_cmpint (kefu_ticket_get_id (candidate), ==, merge->first_id);
      }
      return TRUE;

    case TSTEP_POPOVER_SHOT:
      if (!kefu_test_drive_settle (&merge->ui, 8))
        return FALSE;
      {
        g_autofree char *name = g_strdup_printf ("%s-merge-popover.png", merge->prefix);

        kefu_test_save_snapshot (GTK_WIDGET (popover), name);
      }
      gtk_popover_popdown (GTK_POPOVER (popover));
      gtk_widget_activate_action (GTK_WIDGET (ticket_page), "ticket.merge-into", "x", merge->first_id);
      return TRUE;

    case TSTEP_MERGED:
      /* The conversation now lives in the first ticket, which opens. */
      if (page_ticket (merge) == NULL || kefu_ticket_get_id (page_ticket (merge)) != merge->first_id ||
          g_list_model_get_n_items (kefu_ticket_page_get_messages (ticket_page)) != 2 ||
          count_event_lines (ticket_page) < 2 || kefu_ticket_page_get_merge_id (ticket_page) == 0 ||
          !kefu_test_drive_settle (&merge->ui, 8))
        return FALSE;
      g_assert_cmpint (kefu_ticket_get_message_count (page_ticket (merge)), ==, 2);
      /* Open work joined her resolved ticket, which is open again. */
      g_assert_cmpint (kefu_ticket_get_status (page_ticket (merge)), ==, KEFU_TICKET_STATUS_OPEN);
      shot (merge, "ticket-merged", FALSE);
      gtk_widget_activate_action (GTK_WIDGET (ticket_page), "ticket.undo-merge", NULL);
      return TRUE;

    case TSTEP_UNDONE:
      if (page_ticket (merge) == NULL || kefu_ticket_get_id (page_ticket (merge)) != merge->second_id ||
          g_list_model_get_n_items (kefu_ticket_page_get_messages (ticket_page)) != 1 ||
          kefu_ticket_get_status (page_ticket (merge)) == KEFU_TICKET_STATUS_CLOSED)
        return FALSE;
      g_assert_cmpint (kefu_ticket_get_status (page_ticket (merge)), ==, KEFU_TICKET_STATUS_NEW);
      return TRUE;

    case TSTEP_DONE:
    default:
      return FALSE;
    }
}

/* Ctrl+K: results as you type, filters, stale answers dropped. */
typedef enum
{
  SSTEP_WINDOW,
  SSTEP_OPEN,
  SSTEP_TYPING,
  SSTEP_ANSWERED,
  SSTEP_FILTERED,
  SSTEP_NUMBER,
  SSTEP_OPENED,
  SSTEP_DONE,
} SearchStep;

static const char *const search_step_names[] = {
  "window", "search open", "typing", "answer for the last keystroke", "filtered",
  "by number", "result opened", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (search_step_names) == SSTEP_DONE + 1);

static const char *const keystrokes[] = { "t", "te", "tea", "teap", "teapo", "teapot" };

static KefuSearchDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (KEFU_IS_SEARCH_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return KEFU_SEARCH_DIALOG (window);
    }

  return NULL;
}

static gboolean
answered (Merge      *merge,
          const char *text)
{
  return !kefu_search_dialog_get_loading (merge->dialog) &&
         g_strcmp0 (kefu_search_dialog_get_answered (merge->dialog), text) == 0 &&
         kefu_search_dialog_get_results (merge->dialog) != NULL;
}

static gboolean
search_step (gpointer user_data)
{
  Merge *merge = user_data;
  const KefuSearchResults *results;
  g_autofree char *number = NULL;

  switch ((SearchStep) merge->ui.step)
    {
    case SSTEP_WINDOW:
      return kefu_test_drive_list_loaded (&merge->ui);

    case SSTEP_OPEN:
      if (merge->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (merge->ui.window), "win.global-search", NULL);
      merge->dialog = find_dialog ();
      if (merge->dialog == NULL || !gtk_widget_get_mapped (GTK_WIDGET (merge->dialog)))
        return FALSE;
      merge->ui.settle = 0;
      return TRUE;

    case SSTEP_TYPING:
      /* One keystroke per tick, faster than answers may come. */
      kefu_search_dialog_search (merge->dialog, keystrokes[merge->typed++]);
      return merge->typed == G_N_ELEMENTS (keystrokes);

    case SSTEP_ANSWERED:
      if (!answered (merge, "teapot"))
        return FALSE;
      results = kefu_search_dialog_get_results (merge->dialog);
      g_assert_cmpuint (results->tickets->len, ==, 1);
      g_assert_cmpint (kefu_ticket_get_id (g_ptr_array_index (results->tickets, 0)), ==, merge->amy_id);
      g_assert_cmpuint (results->messages->len, ==, 1);
      kefu_search_dialog_search (merge->dialog, "from:王芳 杯子");
      return TRUE;

    case SSTEP_FILTERED:
      if (!answered (merge, "from:王芳 杯子") || !kefu_test_drive_settle (&merge->ui, 8))
        return FALSE;
      results = kefu_search_dialog_get_results (merge->dialog);
      g_assert_cmpuint (results->tickets->len, ==, 2);
      g_assert_cmpuint (results->customers->len, ==, 1);
      kefu_test_save_snapshot (GTK_WIDGET (merge->dialog),
                               merge->dark_too ? "search-light.png" : "search-zh-light.png");
      number = g_strdup_printf ("#%" G_GINT64_FORMAT, merge->amy_id);
      kefu_search_dialog_search (merge->dialog, "status:new channel:email teapot");
      return TRUE;

    case SSTEP_NUMBER:
      if (!answered (merge, "status:new channel:email teapot"))
        return FALSE;
      results = kefu_search_dialog_get_results (merge->dialog);
      g_assert_cmpuint (results->tickets->len, ==, 1);
      /* Enter opens the first result in the window. */
      g_assert_true (kefu_search_dialog_activate_first (merge->dialog));
      return TRUE;

    case SSTEP_OPENED:
      if (find_dialog () != NULL || page_ticket (merge) == NULL ||
          kefu_ticket_get_id (page_ticket (merge)) != merge->amy_id)
        return FALSE;
      return TRUE;

    case SSTEP_DONE:
    default:
      return FALSE;
    }
}

static void
run (const char       *prefix,
     gboolean          dark_too,
     int               width,
     KefuTestStepFunc  step_func,
     guint             n_steps,
     const char *const *names)
{
  Merge merge = { 0 };

  fill_database (&merge);
  merge.prefix = prefix;
  merge.dark_too = dark_too;
  kefu_test_drive_run (&merge.ui, merge.path, width, 800, 50, step_func, n_steps, names, &merge);
  kefu_test_drive_clear (&merge.ui);
  g_free (merge.path);
}

static void
test_customers (void)
{
  run ("merge", TRUE, 1280, customers_step, CSTEP_DONE, customers_step_names);
}

static void
test_customers_chinese (void)
{
  run ("merge-zh", FALSE, 1280, customers_step, CSTEP_DONE, customers_step_names);
}

static void
test_customers_narrow (void)
{
  run ("merge-narrow", FALSE, 420, customers_step, CSTEP_DONE, customers_step_names);
}

static void
test_tickets (void)
{
  run ("merge", TRUE, 1280, tickets_step, TSTEP_DONE, tickets_step_names);
}

static void
test_search (void)
{
  run ("search", TRUE, 1280, search_step, SSTEP_DONE, search_step_names);
}

static void
test_search_chinese (void)
{
  run ("search-zh", FALSE, 1280, search_step, SSTEP_DONE, search_step_names);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: see test-window.c. */
  kefu_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_setenv ("KEFU_COLOR_SCHEME", "light", TRUE);

  g_test_add_func ("/ui/merge/customers", test_customers);
  g_test_add_func ("/ui/merge/customers-chinese", test_customers_chinese);
  g_test_add_func ("/ui/merge/customers-narrow", test_customers_narrow);
  g_test_add_func ("/ui/merge/tickets", test_tickets);
  g_test_add_func ("/ui/search/global", test_search);
  g_test_add_func ("/ui/search/chinese", test_search_chinese);

  return g_test_run ();
}
