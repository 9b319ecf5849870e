/* test-window.c: the real Kefu window on a real database, driven by its actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-i18n.h"

#include "kefu-application.h"
#include "kefu-customer-card.h"
#include "kefu-test-ui.h"
#include "kefu-test-util.h"
#include "kefu-ticket-item.h"
#include "kefu-ticket-row.h"
#include "kefu-window.h"

/* A customer's first message, and what the shop answered. */
typedef struct
{
  KefuChannelKind  channel;
  const char      *sender;
  const char      *name;
  const char      *subject;
  const char      *text;
  const char      *reply;       /* or NULL */
  const char      *note;        /* or NULL */
  gboolean         attachment;
} Sample;

/* Newest last: each is received a little after the one before it. */
static const Sample bilingual[] = {
  { KEFU_CHANNEL_KIND_EMAIL, "amy@example.org", "Amy Chen", "Where is my order?", "I ordered a teapot last week and nothing has arrived.", "It left our warehouse yesterday; here is the tracking number.", NULL, FALSE },
  { KEFU_CHANNEL_KIND_CHAT, "visitor-0001", "张伟", NULL, "你好，请问周末发货吗？", "周末也发货，下单后 24 小时内寄出。", NULL, FALSE },
  { KEFU_CHANNEL_KIND_PHONE, "+86 138 0013 8000", "刘洋", NULL, "Missed call", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "bob@example.com", "Bob Smith", "Wrong size", "The shirt is too small. Can I exchange it for an L?", NULL, "Check stock of size L before answering.", FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "li.na@example.cn", "李娜", "发票问题", "请帮我开一张公司抬头的发票，谢谢。", "好的，发票将在三个工作日内寄出。", NULL, FALSE },
  { KEFU_CHANNEL_KIND_CHAT, "visitor-0002", "Visitor", NULL, "Do you ship to Canada?", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "carol@example.net", "Carol Jones", "Damaged parcel", "The box was crushed and one cup is broken. Photo attached.", "Sorry about that! We are sending a new cup today.", "Claim with the courier: parcel 4471.", TRUE },
  { KEFU_CHANNEL_KIND_EMAIL, "chen.jing@example.cn", "陈静", "退款什么时候到账？", "我上周申请了退款，请问什么时候能到账？", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_PHONE, "+86 139 1234 5678", "杨洋", NULL, "Voicemail: please call me back about my order 1024.", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "dave@example.org", "Dave Wilson", "Discount code not working", "The code SPRING10 says it has expired, but your newsletter says it is valid until Sunday.", "Thanks, we fixed the code. It works again.", NULL, FALSE },
  { KEFU_CHANNEL_KIND_CHAT, "visitor-0003", "赵敏", NULL, "運費怎麼算？寄到台北要多久？", "寄到台北運費 80 元，大約五天。", NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "erin@example.com", "Erin Brown", "Gift wrapping", "Can you gift-wrap my order and add a card that says Happy Birthday?", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "evil@example.com", "<b>Mallory</b> & co", "<b>Refund</b> &amp; <script>alert(1)</script>", "<img src=x onerror=alert(1)> <i>not italic</i> &lt;", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "frank@example.net", "Frank Miller", "Invoice for order 2093", "Please send me an invoice with our VAT number DE123456789.", "Attached is the invoice.", NULL, FALSE },
  { KEFU_CHANNEL_KIND_PHONE, "+86 137 0000 1111", "孙丽", NULL, "Call, 3 min: asked about opening hours", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "grace@example.org", "Grace Lee", "Order 3001 arrived twice", "I received two parcels for the same order. Shall I send one back?", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_CHAT, "visitor-0004", "周杰", NULL, "可以用支付宝付款吗？", "可以，结账时选择支付宝即可。", NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "henry@example.com", "Henry Clark", "Change delivery address", "I moved last week. Could you send order 3107 to my new address instead?", NULL, "Order not shipped yet, address can be changed.", FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "huang.lei@example.cn", "黄磊", "商品质量问题", "收到的茶叶包装破损了，可以换货吗？", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "ivy@example.net", "Ivy Walker", "Newsletter", "Please take me off your newsletter list.", "Done, you will not receive it any more.", NULL, FALSE },
  { KEFU_CHANNEL_KIND_CHAT, "visitor-0005", "Jack", NULL, "Is the green teapot back in stock?", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "wu.fang@example.cn", "吴芳", "会员积分", "我的会员积分怎么没有了？", "积分在年底清零，新的积分已经开始累计。", NULL, FALSE },
  { KEFU_CHANNEL_KIND_PHONE, "+86 135 5555 6666", "郑强", NULL, "Missed call", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "kate@example.org", "Kate Hall", "Wholesale prices", "We run a café and would like to buy 50 teapots. Do you have wholesale prices?", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "luke@example.com", "Luke Young", "Password reset", "I cannot log in to my account and the reset mail never arrives.", "We sent a new reset link; please check your spam folder too.", NULL, FALSE },
  { KEFU_CHANNEL_KIND_CHAT, "visitor-0006", "马丽", NULL, "订单显示已发货，但物流没有更新。", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "mia@example.net", "Mia King", "Thank you!", "The tea set is beautiful. Thanks for the quick delivery!", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "wang.fang@example.cn", "王芳", "订单 1024 的退款 / Refund for order 1024", "你好，我收到的杯子有裂纹，想申请退款。Hello, the cup I received is cracked; I would like a refund.", "您好，非常抱歉！退款已经提交，三到五个工作日到账。Sorry about that! The refund is on its way and takes 3–5 working days.", "Refund approved by the owner; courier claim filed.", TRUE },
  { KEFU_CHANNEL_KIND_PHONE, "+86 136 7777 8888", "钱进", NULL, "Voicemail: 我想问一下团购的价格。", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "nina@example.com", "Nina Scott", "Tracking number missing", "The shipping confirmation has no tracking number in it.", NULL, NULL, FALSE },
};

static const Sample chinese[] = {
  { KEFU_CHANNEL_KIND_EMAIL, "zhang.wei@example.cn", "张伟", "请问什么时候发货？", "我昨天下的订单，请问什么时候发货？", "您好，今天下午发出。", NULL, FALSE },
  { KEFU_CHANNEL_KIND_CHAT, "visitor-1001", "李娜", NULL, "你好，这款茶壶有现货吗？", "有现货，今天下单明天发货。", NULL, FALSE },
  { KEFU_CHANNEL_KIND_PHONE, "+86 138 1111 2222", "王强", NULL, "未接来电", NULL, NULL, FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "chen.jing@example.cn", "陈静", "發票抬頭需要修改", "請把發票抬頭改成「台北茶行有限公司」。", NULL, "需要财务确认。", FALSE },
  { KEFU_CHANNEL_KIND_EMAIL, "liu.yang@example.cn", "刘洋", "退款申请：订单 2048", "收到的茶杯有裂纹，我想申请退款，照片在附件里。", "非常抱歉！退款已经提交，三到五个工作日到账。", "老板已批准退款，快递理赔已提交。", TRUE },
};

typedef struct
{
  char            *path;
  gint64           open_ticket_id;
  const char      *open_customer;
  guint            expected_inbox;
  guint            expected_messages;
} Database;

static void
database_clear (Database *db)
{
  g_clear_pointer (&db->path, g_free);
}

static KefuMessage *
send (KefuRouter   *router,
      KefuOutbound *outbound)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  KefuMessage *message;

  kefu_router_send_async (router, outbound, NULL, kefu_test_result_cb, &result);
  message = kefu_router_send_finish (router, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);

  return message;
}

/* Fills a database through the router, as channels would, and closes it. */
static void
fill_database (Database     *db,
               const Sample *samples,
               guint         n_samples,
               guint         open_index)
{
  g_autoptr (KefuSqliteStore) store = NULL;
  g_autoptr (KefuRouter) router = NULL;
  gint64 now = g_get_real_time ();

  db->path = kefu_test_temp_db_path ();
  store = kefu_test_open_store (db->path);
  router = kefu_router_new (KEFU_STORE (store));
  kefu_router_set_default_region (router, "CN");

  for (guint i = 0; i < n_samples; i++)
    {
      const Sample *sample = &samples[i];
      KefuIdentityKind kind = sample->channel == KEFU_CHANNEL_KIND_EMAIL ? KEFU_IDENTITY_KIND_EMAIL :
                              sample->channel == KEFU_CHANNEL_KIND_CHAT ? KEFU_IDENTITY_KIND_CHAT :
                              KEFU_IDENTITY_KIND_PHONE;
      g_autoptr (KefuInbound) inbound = kefu_inbound_new (sample->channel, kind, sample->sender);
      g_autoptr (KefuDelivery) delivery = NULL;
      gint64 received = now - (gint64) (n_samples - i) * 47 * 60 * G_USEC_PER_SEC;

      inbound->sender_name = g_strdup (sample->name);
      inbound->subject = g_strdup (sample->subject);
      inbound->text = g_strdup (sample->text);
      inbound->received_at = received;
      inbound->external_id = g_strdup_printf ("<sample-%u@example.test>", i);
      if (sample->channel == KEFU_CHANNEL_KIND_CHAT)
        inbound->thread_keys = g_strsplit (sample->sender, " ", -1);
      if (sample->attachment)
        {
          g_autoptr (GBytes) data = g_bytes_new_static ("\x89PNG\r\n\x1a\n fake image for the test, 64 bytes long ......", 64);

          kefu_inbound_add_attachment (inbound, kefu_inbound_attachment_new ("photo of the cup.png", "image/png", data));
        }

      delivery = kefu_test_receive (router, inbound);
      g_assert_false (delivery->duplicate);

      if (sample->note != NULL)
        {
          g_autoptr (KefuOutbound) note = kefu_outbound_new (delivery->ticket_id, KEFU_DIRECTION_NOTE, sample->note);
          g_autoptr (KefuMessage) stored = NULL;

          note->author_name = g_strdup ("Li Wei");
          note->created_at = received + 5 * 60 * G_USEC_PER_SEC;
          stored = send (router, note);
        }

      if (sample->reply != NULL)
        {
          g_autoptr (KefuOutbound) reply = kefu_outbound_new (delivery->ticket_id, KEFU_DIRECTION_OUT, sample->reply);
          g_autoptr (KefuMessage) stored = NULL;

          reply->author_name = g_strdup ("Li Wei");
          reply->created_at = received + 9 * 60 * G_USEC_PER_SEC;
          stored = send (router, reply);
        }

      if (i == open_index)
        {
          db->open_ticket_id = delivery->ticket_id;
          db->open_customer = sample->name;
          db->expected_messages = 1 + (sample->reply != NULL) + (sample->note != NULL);
        }
    }

  db->expected_inbox = n_samples;
  kefu_sqlite_store_close (store);
}

typedef enum
{
  STEP_WINDOW,
  STEP_LIST,
  STEP_OPEN,
  STEP_TICKET,
  STEP_LIVE,
  STEP_LIVE_SHOWN,
  STEP_SHOT_LIGHT,
  STEP_SHOT_DARK,
  STEP_DONE,
} Step;

static const char *const step_names[] = {
  "window shown", "ticket list filled", "ticket opened", "ticket page filled",
  "changes sent", "changes shown",
  "light screenshot", "dark screenshot", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (step_names) == STEP_DONE + 1);

typedef struct
{
  KefuTestDrive    ui;
  Database        *db;
  const char      *shot_prefix;
  gboolean         dark_too;
  gboolean         narrow;
  gboolean         saw_hostile_text;
} Drive;

static gboolean
find_row_text (GtkWidget  *widget,
               const char *text,
               gboolean    want_hostile,
               Drive      *drive)
{
  gboolean found = FALSE;

  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_text (GTK_LABEL (widget));

      /* Markup in a subject must be shown as typed, never parsed. */
      if (g_str_has_prefix (label, "<b>Refund</b> &amp; <script>"))
        {
          g_assert_false (gtk_label_get_use_markup (GTK_LABEL (widget)));
          drive->saw_hostile_text = TRUE;
        }
      return g_strcmp0 (label, text) == 0;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    found |= find_row_text (child, text, want_hostile, drive);

  return found;
}

/* The name of the customer in the first realized row that has its ticket. */
static KefuTicketRow *
first_filled_row (GtkWidget *widget)
{
  if (KEFU_IS_TICKET_ROW (widget))
    {
      KefuTicketItem *item = kefu_ticket_row_get_item (KEFU_TICKET_ROW (widget));

      if (item != NULL && kefu_ticket_item_get_ticket (item) != NULL && gtk_widget_get_mapped (widget))
        return KEFU_TICKET_ROW (widget);
      return NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      KefuTicketRow *row = first_filled_row (child);

      if (row != NULL)
        return row;
    }

  return NULL;
}

static gboolean
has_direction (GListModel    *messages,
               KefuDirection  direction)
{
  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr (KefuMessage) message = g_list_model_get_item (messages, i);

      if (kefu_message_get_direction (message) == direction)
        return TRUE;
    }

  return FALSE;
}

static void
received_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (GError) error = NULL;

  delivery = kefu_router_receive_finish (KEFU_ROUTER (object), result, &error);
  g_assert_no_error (error);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (KefuMessage) message = NULL;
  g_autoptr (GError) error = NULL;

  message = kefu_router_send_finish (KEFU_ROUTER (object), result, &error);
  g_assert_no_error (error);
}

/* Whether the list selects the open ticket. */
static gboolean
open_ticket_selected (Drive *drive)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (kefu_window_get_ticket_list (drive->ui.window));
  KefuTicketItem *item = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));
  KefuTicket *ticket = item != NULL ? kefu_ticket_item_get_ticket (item) : NULL;

  return ticket != NULL && kefu_ticket_get_id (ticket) == drive->db->open_ticket_id;
}

static gboolean
drive_step (gpointer user_data)
{
  Drive *drive = user_data;
  KefuTicketListModel *model;
  KefuTicketPage *page;
  KefuCustomer *customer;
  KefuTicketRow *row;
  GListModel *messages;

  switch ((Step) drive->ui.step)
    {
    case STEP_WINDOW:
      return kefu_test_drive_window_shown (&drive->ui);

    case STEP_LIST:
      model = kefu_window_get_ticket_list_model (drive->ui.window);
      if (model == NULL || kefu_ticket_list_model_get_loading (model))
        return FALSE;
      g_assert_null (kefu_ticket_list_model_get_error_message (model));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, drive->db->expected_inbox);
      if (kefu_ticket_list_model_get_pages_loaded (model) == 0)
        return FALSE;
      row = first_filled_row (GTK_WIDGET (kefu_window_get_ticket_list (drive->ui.window)));
      if (row == NULL)
        return FALSE;
      /* A realized row shows its customer's name as text. */
      g_assert_true (find_row_text (GTK_WIDGET (row),
                                    kefu_ticket_get_customer_name (kefu_ticket_item_get_ticket (kefu_ticket_row_get_item (row))),
                                    FALSE, drive));
      find_row_text (GTK_WIDGET (kefu_window_get_ticket_list (drive->ui.window)), "", TRUE, drive);
      return kefu_window_get_view_count (drive->ui.window, "inbox") == (int) drive->db->expected_inbox;

    case STEP_OPEN:
      gtk_widget_activate_action (GTK_WIDGET (drive->ui.window), "win.open-ticket", "x", drive->db->open_ticket_id);
      return TRUE;

    case STEP_TICKET:
      page = kefu_window_get_ticket_page (drive->ui.window);
      g_assert_cmpint (kefu_ticket_page_get_ticket_id (page), ==, drive->db->open_ticket_id);
      messages = kefu_ticket_page_get_messages (page);
      customer = kefu_customer_card_get_customer (kefu_ticket_page_get_customer_card (page));
      if (kefu_ticket_page_get_ticket (page) == NULL || customer == NULL ||
          g_list_model_get_n_items (messages) < drive->db->expected_messages)
        return FALSE;
      g_assert_cmpstr (kefu_customer_get_name (customer), ==, drive->db->open_customer);
      g_assert_true (has_direction (messages, KEFU_DIRECTION_IN));
      g_assert_true (has_direction (messages, KEFU_DIRECTION_OUT));
      g_assert_true (has_direction (messages, KEFU_DIRECTION_NOTE));
      g_assert_true (find_row_text (GTK_WIDGET (kefu_ticket_page_get_customer_card (page)),
                                    drive->db->open_customer, FALSE, drive));
      /* Narrow, the window folds and opening a ticket goes to its pane. */
      g_assert_true (kefu_window_get_folded (drive->ui.window) == drive->narrow);
      if (drive->narrow)
        g_assert_cmpstr (kefu_window_get_visible_pane (drive->ui.window), ==, "ticket");
      return open_ticket_selected (drive);

    case STEP_LIVE:
      /* While the window is open: a new ticket arrives and the open one
       * gets a reply; both must show without anyone reloading. */
      {
        KefuRouter *router = kefu_application_get_router (drive->ui.app);
        g_autoptr (KefuInbound) inbound = kefu_test_email ("olivia@example.org", "Live update", "Just arrived.");
        g_autoptr (KefuOutbound) reply = kefu_outbound_new (drive->db->open_ticket_id, KEFU_DIRECTION_OUT,
                                                            "One more thing: the courier picks it up tomorrow.");

        g_assert_nonnull (router);
        inbound->sender_name = g_strdup ("Olivia Park");
        reply->author_name = g_strdup ("Li Wei");
        kefu_router_receive_async (router, inbound, NULL, received_cb, NULL);
        kefu_router_send_async (router, reply, NULL, sent_cb, NULL);
      }
      return TRUE;

    case STEP_LIVE_SHOWN:
      model = kefu_window_get_ticket_list_model (drive->ui.window);
      page = kefu_window_get_ticket_page (drive->ui.window);
      return g_list_model_get_n_items (G_LIST_MODEL (model)) == drive->db->expected_inbox + 1 &&
             g_list_model_get_n_items (kefu_ticket_page_get_messages (page)) == drive->db->expected_messages + 1 &&
             kefu_window_get_view_count (drive->ui.window, "inbox") == (int) drive->db->expected_inbox + 1 &&
             open_ticket_selected (drive);

    case STEP_SHOT_LIGHT:
      /* A few frames for the last rows to lay out and the list to scroll. */
      if (!kefu_test_drive_settle (&drive->ui, 10))
        return FALSE;
      kefu_test_drive_save_shot (&drive->ui, drive->shot_prefix, "light");
      if (drive->narrow)
        {
          /* Escape (win.go-back) returns to the list, then to the views. */
          gtk_widget_activate_action (GTK_WIDGET (drive->ui.window), "win.go-back", NULL);
          g_assert_cmpstr (kefu_window_get_visible_pane (drive->ui.window), ==, "list");
          gtk_widget_activate_action (GTK_WIDGET (drive->ui.window), "win.go-back", NULL);
          g_assert_cmpstr (kefu_window_get_visible_pane (drive->ui.window), ==, "sidebar");
        }
      if (!drive->dark_too)
        drive->ui.step = STEP_SHOT_DARK;
      else
        adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      return TRUE;

    case STEP_SHOT_DARK:
      if (!kefu_test_drive_settle (&drive->ui, 5))
        return FALSE;
      kefu_test_drive_save_shot (&drive->ui, drive->shot_prefix, "dark");
      return TRUE;

    case STEP_DONE:
    default:
      return FALSE;
    }
}

static void
run_window (Database   *db,
            const char *shot_prefix,
            int         width,
            int         height,
            gboolean    dark_too,
            gboolean    expect_hostile)
{
  Drive drive = { 0 };

  drive.db = db;
  drive.shot_prefix = shot_prefix;
  drive.dark_too = dark_too;
  drive.narrow = width < 800;
  kefu_test_drive_run (&drive.ui, db->path, width, height, 50,
                       drive_step, STEP_DONE, step_names, &drive);

  g_assert_cmpstr (kefu_application_get_db_path (drive.ui.app), ==, db->path);
  if (expect_hostile)
    g_assert_true (drive.saw_hostile_text);
  kefu_test_drive_clear (&drive.ui);
}

static void
test_bilingual (void)
{
  Database db = { 0 };

  /* Wang Fang's refund: an email with an attachment, a reply and a note. */
  fill_database (&db, bilingual, G_N_ELEMENTS (bilingual), 27);
  /* Wide enough for the customer card beside the conversation. */
  run_window (&db, "window", 1280, 800, TRUE, TRUE);
  database_clear (&db);
}

static void
test_narrow (void)
{
  Database db = { 0 };

  fill_database (&db, bilingual, 10, 6);
  run_window (&db, "window-narrow", 420, 760, FALSE, FALSE);
  database_clear (&db);
}

static void
test_chinese (void)
{
  Database db = { 0 };

  fill_database (&db, chinese, G_N_ELEMENTS (chinese), 4);
  run_window (&db, "window-zh", 1280, 800, FALSE, FALSE);
  database_clear (&db);
}

typedef struct
{
  KefuApplication *app;
  guint            settle;
  gint64           deadline;
  gboolean         shown;
} ErrorDrive;

static gboolean
error_drive_cb (gpointer user_data)
{
  ErrorDrive *drive = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (drive->app));

  if (g_get_monotonic_time () > drive->deadline)
    {
      g_application_quit (G_APPLICATION (drive->app));
      return G_SOURCE_REMOVE;
    }
  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) ||
      kefu_application_get_store_error (drive->app) == NULL || ++drive->settle < 5)
    return G_SOURCE_CONTINUE;

  g_assert_null (kefu_application_get_store (drive->app));
  kefu_test_save_snapshot (GTK_WIDGET (window), "window-error-light.png");
  drive->shown = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (window), "app.quit", NULL);

  return G_SOURCE_REMOVE;
}

/* A file that is not a Kefu database: the window says so and the file is
 * left as it was. */
static void
test_not_a_database (void)
{
  g_autofree char *path = kefu_test_temp_db_path ();
  g_autofree char *after = NULL;
  g_autoptr (KefuApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  char *argv[] = { (char *) "kefu", (char *) "--db", path, NULL };
  const char junk[] = "This is a shopping list, not a database.\n";
  ErrorDrive drive = { 0 };
  gsize length;

  g_assert_true (g_file_set_contents (path, junk, -1, &error));
  g_assert_no_error (error);

  app = kefu_application_new (g_get_monotonic_time ());
  drive.app = app;
  drive.deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  g_timeout_add (50, error_drive_cb, &drive);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);

  g_assert_true (drive.shown);
  g_assert_true (g_file_get_contents (path, &after, &length, &error));
  g_assert_cmpstr (after, ==, junk);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: tests/peers/gui-run.sh already gives the
   * process a fresh HOME and XDG dirs, and GLib's isolated data dirs would
   * hide the system's icon theme and MIME database, which GTK needs. */
  kefu_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  /* Every run starts light; the test switches to dark itself. */
  g_setenv ("KEFU_COLOR_SCHEME", "light", TRUE);

  g_test_add_func ("/ui/window/bilingual", test_bilingual);
  g_test_add_func ("/ui/window/narrow", test_narrow);
  g_test_add_func ("/ui/window/chinese", test_chinese);
  g_test_add_func ("/ui/window/not-a-database", test_not_a_database);

  return g_test_run ();
}
