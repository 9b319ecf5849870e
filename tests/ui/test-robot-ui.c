/* test-robot-ui.c: the robot in the real window: the Knowledge Base page,
 * the robot's Preferences page with its rule editor, and the composer's
 * assist bar, each acting on the robot that the application runs.
 *
 * Each case starts the application on a fresh database, drives it through
 * its actions and public functions, and checks what the store keeps and
 * what the running robot does with a message delivered through the
 * application's router; screenshots land in $KEFU_SCREENSHOT_DIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-i18n.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kefu-application.h"
#include "kefu-assist-bar.h"
#include "kefu-kb-editor.h"
#include "kefu-kb-page.h"
#include "kefu-robot-prefs-page.h"
#include "kefu-rule-editor.h"
#include "kefu-store-email.h"
#include "kefu-store-kb.h"
#include "kefu-test-ui.h"
#include "kefu-test-util.h"
#include "kefu-window.h"

#define GIFT_QUESTION "Do you sell gift cards?"
#define GIFT_ANSWER   "Yes: gift cards of 100, 200 and 500 yuan, sent by email within the hour."
#define DOG_QUESTION  "Hello, can I bring my dog into your tea house in Hangzhou?"
#define DOG_ANSWER    "Yes, well-behaved dogs are welcome in our tea house."

typedef struct
{
  char            *path;
  char            *kb_path;
  char            *export_dir;
  guint            n_kb;            /* entries in the corpus */
  gint64           ship_ticket_id;  /* a chat asking about shipping */
  gint64           dog_ticket_id;   /* an email the robot cannot answer */
  gint64           account_id;      /* a mail account, switched off */

  KefuTestDrive    ui;
  const char      *shot_prefix;
  GtkWindow       *prefs_window;
  KefuRobotPrefsPage *prefs_page;

  /* what the running robot did */
  gint64           handled_ticket;
  int              handled_outcome;
  gulong           handled_handler;
  gboolean         robot_loaded;
  GPtrArray       *messages;        /* of handled_ticket, when read */
  KefuTicket      *ticket;          /* handled_ticket, when read */
  gboolean         waiting;
} Robot;

/* Fixtures. */

static void
fill_database (Robot *robot)
{
  g_autoptr (KefuSqliteStore) store = NULL;
  g_autoptr (KefuRouter) router = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuKnowledgeBase) kb = kefu_knowledge_base_new ();
  gint64 now = g_get_real_time ();

  robot->path = kefu_test_temp_db_path ();
  robot->kb_path = g_test_build_filename (G_TEST_DIST, "..", "corpora", "robot", "kb.json", NULL);
  robot->export_dir = g_dir_make_tmp ("kefu-kb-export-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_true (kefu_knowledge_base_load_file (kb, robot->kb_path, &error));
  g_assert_no_error (error);
  robot->n_kb = kefu_knowledge_base_get_n_entries (kb);

  store = kefu_test_open_store (robot->path);
  router = kefu_router_new (KEFU_STORE (store));
  kefu_router_set_default_region (router, "CN");

  {
    g_autoptr (KefuInbound) inbound = kefu_inbound_new (KEFU_CHANNEL_KIND_CHAT, KEFU_IDENTITY_KIND_CHAT, "visitor-0042");
    g_autoptr (KefuDelivery) delivery = NULL;

    inbound->sender_name = g_strdup ("张伟");
    inbound->text = g_strdup ("你好，国内快递几天能到？");
    inbound->received_at = now - 1200 * G_USEC_PER_SEC;
    inbound->external_id = g_strdup ("robot-ui-ship");
    delivery = kefu_test_receive (router, inbound);
    robot->ship_ticket_id = delivery->ticket_id;
  }
  {
    g_autoptr (KefuInbound) inbound = kefu_inbound_new (KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "amy@example.org");
    g_autoptr (KefuDelivery) delivery = NULL;

    inbound->sender_name = g_strdup ("Amy Chen");
    inbound->subject = g_strdup ("Dogs?");
    inbound->text = g_strdup (DOG_QUESTION "\n\nBest regards,\nAmy");
    inbound->received_at = now - 600 * G_USEC_PER_SEC;
    inbound->external_id = g_strdup ("<robot-ui-dog@example.test>");
    delivery = kefu_test_receive (router, inbound);
    robot->dog_ticket_id = delivery->ticket_id;
  }

  {
    KefuAccountFields fields = { 0 };
    g_autoptr (GAsyncResult) result = NULL;

    /* Switched off, so the runtime does not try to reach its server. */
    fields.kind = KEFU_CHANNEL_KIND_EMAIL;
    fields.name = "Support";
    fields.address = "support@shop.example";
    fields.config = "{}";
    fields.enabled = FALSE;
    fields.created_at = now;
    kefu_store_insert_account_async (KEFU_STORE (store), &fields, NULL, kefu_test_result_cb, &result);
    robot->account_id = kefu_store_insert_account_finish (KEFU_STORE (store), kefu_test_wait (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (robot->account_id, >, 0);
  }

  kefu_sqlite_store_close (store);
}

static void
robot_clear (Robot *robot)
{
  g_autoptr (GFile) dir = g_file_new_for_path (robot->export_dir);
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr (GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (dir, NULL, NULL);

  kefu_test_drive_clear (&robot->ui);
  g_clear_pointer (&robot->messages, g_ptr_array_unref);
  g_clear_object (&robot->ticket);
  g_free (robot->path);
  g_free (robot->kb_path);
  g_free (robot->export_dir);
}

/* The running robot. */

static KefuRobot *
app_robot (Robot *robot)
{
  return kefu_runtime_get_robot (kefu_application_get_runtime (robot->ui.app));
}

static KefuStore *
app_store (Robot *robot)
{
  return kefu_application_get_store (robot->ui.app);
}

static void
on_handled (KefuRobot *r,
            gint64     ticket_id,
            int        outcome,
            KefuMatch *match,
            Robot     *robot)
{
  robot->handled_ticket = ticket_id;
  robot->handled_outcome = outcome;
}

static void
robot_load_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Robot *robot = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (kefu_robot_load_finish (KEFU_ROBOT (object), result, &error));
  g_assert_no_error (error);
  robot->robot_loaded = TRUE;
}

/* Loads the robot once more and waits: whatever the UI wrote is in it then. */
static gboolean
robot_reloaded (Robot *robot)
{
  if (!robot->waiting)
    {
      robot->waiting = TRUE;
      robot->robot_loaded = FALSE;
      kefu_robot_load_async (app_robot (robot), NULL, robot_load_cb, robot);
      return FALSE;
    }
  if (!robot->robot_loaded)
    return FALSE;

  robot->waiting = FALSE;
  return TRUE;
}

static void
receive_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (GError) error = NULL;

  delivery = kefu_router_receive_finish (KEFU_ROUTER (object), result, &error);
  g_assert_no_error (error);
}

static void
deliver (Robot           *robot,
         KefuChannelKind  channel,
         const char      *sender,
         const char      *subject,
         const char      *text)
{
  g_autoptr (KefuInbound) inbound = kefu_inbound_new (channel,
                                                      channel == KEFU_CHANNEL_KIND_EMAIL ? KEFU_IDENTITY_KIND_EMAIL
                                                                                         : KEFU_IDENTITY_KIND_CHAT,
                                                      sender);

  inbound->sender_name = g_strdup ("Test Customer");
  inbound->subject = g_strdup (subject);
  inbound->text = g_strdup (text);
  inbound->received_at = g_get_real_time ();
  inbound->external_id = g_strdup_printf ("robot-ui-%" G_GINT64_FORMAT, g_get_real_time ());
  robot->handled_ticket = 0;
  g_clear_pointer (&robot->messages, g_ptr_array_unref);
  g_clear_object (&robot->ticket);
  kefu_router_receive_async (kefu_application_get_router (robot->ui.app), inbound, NULL, receive_cb, NULL);
}

static void
messages_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Robot *robot = user_data;
  g_autoptr (GError) error = NULL;

  robot->messages = kefu_store_list_messages_finish (KEFU_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
ticket_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Robot *robot = user_data;
  g_autoptr (GError) error = NULL;

  robot->ticket = kefu_store_get_ticket_finish (KEFU_STORE (object), result, &error);
  g_assert_no_error (error);
}

/* TRUE once the robot handled the delivered message and its ticket and
 * messages were read back. */
static gboolean
handled_and_read (Robot *robot)
{
  if (robot->handled_ticket == 0)
    return FALSE;
  if (!robot->waiting)
    {
      robot->waiting = TRUE;
      kefu_store_list_messages_async (app_store (robot), robot->handled_ticket, NULL, messages_cb, robot);
      kefu_store_get_ticket_async (app_store (robot), robot->handled_ticket, NULL, ticket_cb, robot);
      return FALSE;
    }
  if (robot->messages == NULL || robot->ticket == NULL)
    return FALSE;

  robot->waiting = FALSE;
  return TRUE;
}

static KefuMessage *
last_message (Robot         *robot,
              KefuDirection  direction)
{
  for (guint i = robot->messages->len; i > 0; i--)
    if (kefu_message_get_direction (g_ptr_array_index (robot->messages, i - 1)) == direction)
      return g_ptr_array_index (robot->messages, i - 1);

  return NULL;
}

static gboolean
has_tag (KefuTicket *ticket,
         const char *tag)
{
  return g_strv_contains (kefu_ticket_get_tags (ticket), tag);
}

/* A mapped button labelled @label anywhere under @widget (a toast's button). */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static KefuKbPage *
kb_page (Robot *robot)
{
  return kefu_window_get_kb_page (robot->ui.window);
}

static guint
robot_n_entries (Robot *robot)
{
  return kefu_knowledge_base_get_n_entries (kefu_matcher_get_knowledge_base (kefu_robot_get_matcher (app_robot (robot))));
}

static const KefuKbEntry *
find_entry (KefuKnowledgeBase *kb,
            const char        *question)
{
  for (guint i = 0; kb != NULL && i < kefu_knowledge_base_get_n_entries (kb); i++)
    if (g_strcmp0 (kefu_knowledge_base_get_entry (kb, i)->question, question) == 0)
      return kefu_knowledge_base_get_entry (kb, i);

  return NULL;
}

static gboolean
page_settled (Robot *robot)
{
  return !kefu_kb_page_get_busy (kb_page (robot));
}

/* Logs each step as it starts, so a timeout names where it stopped. */
static void
log_step (Robot             *robot,
          const char *const *names)
{
  static guint logged = G_MAXUINT;

  if (robot->ui.step != logged)
    g_test_message ("step: %s", names[robot->ui.step]);
  logged = robot->ui.step;
}

/* Case 1: the Knowledge Base page. */

typedef enum
{
  KSTEP_WINDOW,
  KSTEP_SHOW,
  KSTEP_IMPORT,
  KSTEP_SEARCH,
  KSTEP_ADD,
  KSTEP_ADDED,
  KSTEP_TRY,
  KSTEP_TRIED,
  KSTEP_ANSWER,
  KSTEP_ANSWERED,
  KSTEP_SHOT_LIGHT,
  KSTEP_SHOT_DARK,
  KSTEP_DISABLE,
  KSTEP_DELETE,
  KSTEP_UNDO,
  KSTEP_UNDONE,
  KSTEP_EXPORT,
  KSTEP_EXPORTED,
  KSTEP_DONE,
} KbStep;

static const char *const kb_step_names[] = {
  "window", "Knowledge Base page shown", "kb.json imported", "searched in English and Chinese",
  "editor opened", "entry added and the robot reloaded", "robot tried", "try result shown",
  "chat message delivered", "robot answered with the new entry", "light screenshot", "dark screenshot",
  "entry switched off", "entry deleted", "undone", "entry back", "exported", "export read back", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kb_step_names) == KSTEP_DONE + 1);

static gboolean
kb_step (gpointer user_data)
{
  Robot *robot = user_data;
  KefuKbPage *page = robot->ui.window != NULL ? kb_page (robot) : NULL;
  KefuKnowledgeBase *kb = page != NULL ? kefu_kb_page_get_knowledge_base (page) : NULL;
  const KefuKbEntry *entry;

  log_step (robot, kb_step_names);
  switch ((KbStep) robot->ui.step)
    {
    case KSTEP_WINDOW:
      if (!kefu_test_drive_list_loaded (&robot->ui) || kefu_application_get_runtime (robot->ui.app) == NULL)
        return FALSE;
      robot->handled_handler = g_signal_connect (app_robot (robot), "handled", G_CALLBACK (on_handled), robot);
      return TRUE;

    case KSTEP_SHOW:
      if (robot->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (robot->ui.window), "win.show-view", "s", "knowledge-base");
      if (!gtk_widget_get_mapped (GTK_WIDGET (page)) || !page_settled (robot) || kb == NULL)
        return FALSE;
      g_assert_cmpuint (kefu_knowledge_base_get_n_entries (kb), ==, 0);
      robot->ui.settle = 0;
      return TRUE;

    case KSTEP_IMPORT:
      if (robot->ui.settle++ == 0)
        {
          g_autoptr (GFile) file = g_file_new_for_path (robot->kb_path);

          kefu_kb_page_import_file (page, file);
          g_assert_true (kefu_kb_page_get_busy (page));
        }
      if (!page_settled (robot) || kefu_knowledge_base_get_n_entries (kb) != robot->n_kb)
        return FALSE;
      g_assert_cmpuint (kefu_kb_page_get_n_shown (page), ==, robot->n_kb);
      robot->ui.settle = 0;
      return TRUE;

    case KSTEP_SEARCH:
      /* Case and script do not matter: 退貨 (traditional) finds 退货. */
      kefu_kb_page_set_search_text (page, "REFUND");
      g_assert_cmpuint (kefu_kb_page_get_n_shown (page), >, 0);
      g_assert_cmpuint (kefu_kb_page_get_n_shown (page), <, robot->n_kb);
      kefu_kb_page_set_search_text (page, "退貨");
      g_assert_cmpuint (kefu_kb_page_get_n_shown (page), >, 0);
      g_assert_cmpuint (kefu_kb_page_get_n_shown (page), <, robot->n_kb);
      kefu_kb_page_set_search_text (page, "gift vouchers");
      g_assert_cmpuint (kefu_kb_page_get_n_shown (page), ==, 0);
      return TRUE;

    case KSTEP_ADD:
      /* A search that found nothing starts the new entry's question. */
      gtk_widget_activate_action (GTK_WIDGET (page), "kb.add", NULL);
      g_assert_nonnull (kefu_kb_page_get_editor (page));
      {
        g_autoptr (KefuKbEntry) draft = kefu_kb_editor_dup_entry (kefu_kb_page_get_editor (page), NULL);
        g_autoptr (KefuKbEntry) written = kefu_kb_entry_new (NULL, "gift-cards", "en", GIFT_QUESTION, GIFT_ANSWER);
        g_autoptr (GError) error = NULL;

        g_assert_null (draft);   /* no answer yet: not valid */
        g_strfreev (written->alternates);
        written->alternates = g_strsplit ("Can I buy a gift card?\nDo you have gift vouchers?", "\n", -1);
        g_strfreev (written->tags);
        written->tags = g_strsplit ("gifts", ",", -1);
        kefu_kb_editor_set_entry (kefu_kb_page_get_editor (page), written);
        draft = kefu_kb_editor_dup_entry (kefu_kb_page_get_editor (page), &error);
        g_assert_no_error (error);
        g_assert_cmpstr (draft->question, ==, GIFT_QUESTION);
        g_assert_cmpuint (g_strv_length (draft->alternates), ==, 2);
      }
      gtk_widget_activate_action (GTK_WIDGET (kefu_kb_page_get_editor (page)), "editor.save", NULL);
      return TRUE;

    case KSTEP_ADDED:
      if (!page_settled (robot) || kefu_knowledge_base_get_n_entries (kb) != robot->n_kb + 1 ||
          robot_n_entries (robot) != robot->n_kb + 1)
        return FALSE;
      g_assert_null (kefu_kb_page_get_editor (page));
      entry = find_entry (kb, GIFT_QUESTION);
      g_assert_nonnull (entry);
      g_assert_cmpstr (entry->group, ==, "gift-cards");
      g_assert_cmpuint (kefu_kb_page_get_n_shown (page), ==, 1);
      kefu_kb_page_set_search_text (page, "");
      return TRUE;

    case KSTEP_TRY:
      kefu_kb_page_try (page, "can I buy a giftcard please");
      return TRUE;

    case KSTEP_TRIED:
      if (kefu_kb_page_get_try_result (page) == NULL)
        return FALSE;
      g_test_message ("try: %s", kefu_kb_page_get_try_result (page));
      g_assert_true (g_str_has_prefix (kefu_kb_page_get_try_result (page), "Would answer") ||
                     g_str_has_prefix (kefu_kb_page_get_try_result (page), _("Would answer “%s”")) ||
                     strstr (kefu_kb_page_get_try_result (page), GIFT_QUESTION) != NULL);
      return TRUE;

    case KSTEP_ANSWER:
      deliver (robot, KEFU_CHANNEL_KIND_CHAT, "visitor-gift", NULL, "Hi! Do you sell gift cards?");
      return TRUE;

    case KSTEP_ANSWERED:
      if (!handled_and_read (robot))
        return FALSE;
      g_assert_cmpint (robot->handled_outcome, ==, KEFU_ROBOT_OUTCOME_ANSWERED);
      g_assert_nonnull (last_message (robot, KEFU_DIRECTION_ROBOT));
      g_assert_true (g_str_has_prefix (kefu_message_get_text (last_message (robot, KEFU_DIRECTION_ROBOT)), GIFT_ANSWER));
      return TRUE;

    case KSTEP_SHOT_LIGHT:
      return kefu_test_drive_shot_light (&robot->ui, robot->shot_prefix, "light");

    case KSTEP_SHOT_DARK:
      return kefu_test_drive_shot_dark (&robot->ui, robot->shot_prefix, "dark");

    case KSTEP_DISABLE:
      /* Switched off: kept, but the robot no longer answers with it. */
      if (robot->ui.settle++ == 0)
        {
          g_autoptr (KefuKbEntry) off = kefu_kb_entry_copy (find_entry (kb, GIFT_QUESTION));

          off->enabled = FALSE;
          kefu_kb_page_save_entry (page, off);
        }
      entry = find_entry (kb, GIFT_QUESTION);
      if (!page_settled (robot) || entry == NULL || entry->enabled)
        return FALSE;
      {
        KefuMatcher *matcher = kefu_robot_get_matcher (app_robot (robot));
        g_autoptr (KefuMatch) match = NULL;

        if (find_entry (kefu_matcher_get_knowledge_base (matcher), GIFT_QUESTION) == NULL ||
            find_entry (kefu_matcher_get_knowledge_base (matcher), GIFT_QUESTION)->enabled)
          return FALSE;
        match = kefu_matcher_match (matcher, GIFT_QUESTION);
        g_assert_true (match->entry == NULL || g_strcmp0 (match->entry->group, "gift-cards") != 0);
      }
      robot->ui.settle = 0;
      return TRUE;

    case KSTEP_DELETE:
      if (robot->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (page), "kb.delete", "s", find_entry (kb, GIFT_QUESTION)->id);
      if (!page_settled (robot) || kefu_knowledge_base_get_n_entries (kb) != robot->n_kb ||
          robot_n_entries (robot) != robot->n_kb)
        return FALSE;
      robot->ui.settle = 0;
      return TRUE;

    case KSTEP_UNDO:
      {
        GtkWidget *undo = find_button (GTK_WIDGET (robot->ui.window), _("_Undo"));

        if (undo == NULL)
          return FALSE;
        g_signal_emit_by_name (undo, "clicked");
      }
      return TRUE;

    case KSTEP_UNDONE:
      if (!page_settled (robot) || kefu_knowledge_base_get_n_entries (kb) != robot->n_kb + 1 ||
          robot_n_entries (robot) != robot->n_kb + 1)
        return FALSE;
      entry = find_entry (kb, GIFT_QUESTION);
      g_assert_nonnull (entry);
      g_assert_false (entry->enabled);
      g_assert_cmpuint (g_strv_length (entry->alternates), ==, 2);
      return TRUE;

    case KSTEP_EXPORT:
      {
        g_autofree char *json = g_build_filename (robot->export_dir, "kb.json", NULL);
        g_autofree char *csv = g_build_filename (robot->export_dir, "kb.csv", NULL);
        g_autoptr (GFile) json_file = g_file_new_for_path (json);
        g_autoptr (GFile) csv_file = g_file_new_for_path (csv);

        kefu_kb_page_export_file (page, json_file);
        kefu_kb_page_export_file (page, csv_file);
      }
      return TRUE;

    case KSTEP_EXPORTED:
      if (!page_settled (robot))
        return FALSE;
      {
        const char *names[] = { "kb.json", "kb.csv" };

        for (guint i = 0; i < G_N_ELEMENTS (names); i++)
          {
            g_autofree char *path = g_build_filename (robot->export_dir, names[i], NULL);
            g_autoptr (KefuKnowledgeBase) back = kefu_knowledge_base_new ();
            g_autoptr (GError) error = NULL;

            g_assert_true (kefu_knowledge_base_load_file (back, path, &error));
            g_assert_no_error (error);
            g_assert_cmpuint (kefu_knowledge_base_get_n_entries (back), ==, robot->n_kb + 1);
            g_assert_nonnull (find_entry (back, GIFT_QUESTION));
            g_assert_false (find_entry (back, GIFT_QUESTION)->enabled);
          }
      }
      return TRUE;

    case KSTEP_DONE:
    default:
      return FALSE;
    }
}

static void
run_kb (const char *shot_prefix)
{
  Robot robot = { 0 };

  fill_database (&robot);
  robot.shot_prefix = shot_prefix;
  kefu_test_drive_run (&robot.ui, robot.path, 1280, 800, 50,
                       kb_step, KSTEP_DONE, kb_step_names, &robot);
  robot_clear (&robot);
}

static void
test_knowledge_base (void)
{
  run_kb ("robot-kb");
}

static void
test_knowledge_base_chinese (void)
{
  run_kb ("robot-kb-zh");
}

/* Case 2: the Preferences page and its rule editor. */

typedef enum
{
  RSTEP_WINDOW,
  RSTEP_OPEN,
  RSTEP_ADD,
  RSTEP_SAVED,
  RSTEP_SECOND,
  RSTEP_MOVED,
  RSTEP_THRESHOLD,
  RSTEP_AUTO_SEND,
  RSTEP_RELOADED,
  RSTEP_DELIVER,
  RSTEP_TAGGED,
  RSTEP_SHOT_LIGHT,
  RSTEP_SHOT_DARK,
  RSTEP_EDITOR_SHOT,
  RSTEP_DELETE,
  RSTEP_DONE,
} RulesStep;

static const char *const rules_step_names[] = {
  "window", "robot page loaded", "rule editor opened and saved", "rule stored", "second rule",
  "rules reordered", "threshold changed", "mail account set to send", "robot reloaded", "message delivered", "message tagged by the rule",
  "light screenshot", "dark screenshot", "rule editor screenshot", "rule deleted", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (rules_step_names) == RSTEP_DONE + 1);

static void
setting_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GHashTable) settings = NULL;
  g_autoptr (GError) error = NULL;
  char **rules = user_data;

  settings = kefu_store_list_settings_finish (KEFU_STORE (object), result, &error);
  g_assert_no_error (error);
  *rules = g_strdup (g_hash_table_lookup (settings, KEFU_STORE_SETTING_ROBOT_RULES));
}

static void
auto_send_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GHashTable) settings = NULL;
  g_autoptr (GError) error = NULL;
  char **value = user_data;

  settings = kefu_store_list_settings_finish (KEFU_STORE (object), result, &error);
  g_assert_no_error (error);
  *value = g_strdup (g_hash_table_lookup (settings, KEFU_ROBOT_SETTING_EMAIL_AUTO_SEND));
}

/* The widget under @widget whose tooltip is @tooltip. */
static GtkWidget *
find_tooltip (GtkWidget  *widget,
              const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static const char *
rule_name (Robot *robot,
           guint  position)
{
  JsonNode *rule = kefu_robot_prefs_page_get_rule (robot->prefs_page, position);

  return json_object_get_string_member (json_node_get_object (rule), "name");
}

static gboolean
rules_step (gpointer user_data)
{
  Robot *robot = user_data;
  static char *stored_rules;
  KefuRuleEditor *editor;

  log_step (robot, rules_step_names);
  switch ((RulesStep) robot->ui.step)
    {
    case RSTEP_WINDOW:
      if (!kefu_test_drive_list_loaded (&robot->ui) || kefu_application_get_runtime (robot->ui.app) == NULL)
        return FALSE;
      robot->handled_handler = g_signal_connect (app_robot (robot), "handled", G_CALLBACK (on_handled), robot);
      return TRUE;

    case RSTEP_OPEN:
      if (robot->prefs_window == NULL)
        {
          robot->prefs_window = GTK_WINDOW (adw_preferences_window_new ());
          gtk_window_set_transient_for (robot->prefs_window, GTK_WINDOW (robot->ui.window));
          gtk_window_set_default_size (robot->prefs_window, 720, 760);
          robot->prefs_page = KEFU_ROBOT_PREFS_PAGE (kefu_robot_prefs_page_new (app_store (robot),
                                                                                kefu_application_get_runtime (robot->ui.app)));
          adw_preferences_window_add (ADW_PREFERENCES_WINDOW (robot->prefs_window), ADW_PREFERENCES_PAGE (robot->prefs_page));
          gtk_window_present (robot->prefs_window);
        }
      if (!kefu_robot_prefs_page_get_loaded (robot->prefs_page) || !gtk_widget_get_mapped (GTK_WIDGET (robot->prefs_page)))
        return FALSE;
      g_assert_cmpuint (kefu_robot_prefs_page_get_n_rules (robot->prefs_page), ==, 0);
      return TRUE;

    case RSTEP_ADD:
      gtk_widget_activate_action (GTK_WIDGET (robot->prefs_page), "rules.add", NULL);
      editor = kefu_robot_prefs_page_get_rule_editor (robot->prefs_page);
      g_assert_nonnull (editor);
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (JsonNode) empty = kefu_rule_editor_dup_rule (editor, &error);
        g_autoptr (JsonNode) rule = json_from_string ("{\"name\": \"Refund requests\", \"when\": {\"channels\": [\"email\"],"
                                                      " \"words\": [\"refund\", \"退款\"]},"
                                                      " \"then\": [{\"tag\": \"refund-request\"}, {\"priority\": \"high\"}]}",
                                                      NULL);

        /* No name, no actions: the editor says what is missing. */
        g_assert_null (empty);
        g_assert_error (error, KEFU_RULE_ERROR, KEFU_RULE_ERROR_INVALID);
        kefu_rule_editor_set_rule (editor, rule);
      }
      gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
      return TRUE;

    case RSTEP_SAVED:
      if (kefu_robot_prefs_page_get_busy (robot->prefs_page) || kefu_robot_prefs_page_get_n_rules (robot->prefs_page) != 1)
        return FALSE;
      g_assert_null (kefu_robot_prefs_page_get_rule_editor (robot->prefs_page));
      if (!robot->waiting)
        {
          robot->waiting = TRUE;
          g_clear_pointer (&stored_rules, g_free);
          kefu_store_list_settings_async (app_store (robot), NULL, setting_cb, &stored_rules);
          return FALSE;
        }
      if (stored_rules == NULL)
        return FALSE;
      robot->waiting = FALSE;
      g_test_message ("robot-rules: %s", stored_rules);
      g_assert_nonnull (strstr (stored_rules, "\"refund-request\""));
      g_assert_nonnull (strstr (stored_rules, "\"high\""));
      return TRUE;

    case RSTEP_SECOND:
      if (robot->ui.settle++ == 0)
        {
          g_autoptr (JsonNode) rule = json_from_string ("{\"name\": \"After hours\", \"when\": {\"hours\": \"closed\"},"
                                                        " \"then\": [{\"reply\": \"We open at 9:00, {name}.\"}]}", NULL);

          kefu_robot_prefs_page_save_rule (robot->prefs_page, -1, rule);
        }
      if (kefu_robot_prefs_page_get_busy (robot->prefs_page) || kefu_robot_prefs_page_get_n_rules (robot->prefs_page) != 2)
        return FALSE;
      g_assert_cmpstr (rule_name (robot, 1), ==, "After hours");
      gtk_widget_activate_action (GTK_WIDGET (robot->prefs_page), "rules.move-up", "u", 1);
      robot->ui.settle = 0;
      return TRUE;

    case RSTEP_MOVED:
      if (kefu_robot_prefs_page_get_busy (robot->prefs_page))
        return FALSE;
      g_assert_cmpstr (rule_name (robot, 0), ==, "After hours");
      g_assert_cmpstr (rule_name (robot, 1), ==, "Refund requests");
      /* Edited through the editor: it shows the rule and writes it back unchanged. */
      gtk_widget_activate_action (GTK_WIDGET (robot->prefs_page), "rules.edit", "u", 1);
      editor = kefu_robot_prefs_page_get_rule_editor (robot->prefs_page);
      {
        g_autoptr (JsonNode) again = kefu_rule_editor_dup_rule (editor, NULL);
        g_autofree char *json = json_to_string (again, FALSE);

        g_assert_nonnull (strstr (json, "\"channels\":[\"email\"]"));
        g_assert_nonnull (strstr (json, "\"words\":[\"refund\",\"退款\"]"));
        g_assert_nonnull (strstr (json, "{\"priority\":\"high\"}"));
      }
      gtk_window_close (GTK_WINDOW (editor));
      return TRUE;

    case RSTEP_THRESHOLD:
      {
        GtkWidget *spin = kefu_test_find_widget (GTK_WIDGET (robot->prefs_page), GTK_TYPE_SPIN_BUTTON);

        g_assert_nonnull (spin);
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 40);
      }
      return TRUE;

    case RSTEP_AUTO_SEND:
      if (robot->ui.settle++ == 0)
        {
          GtkWidget *toggle = find_tooltip (GTK_WIDGET (robot->prefs_page), _("Send confident answers"));

          g_assert_nonnull (toggle);
          g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
          gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
        }
      if (kefu_robot_prefs_page_get_busy (robot->prefs_page))
        return FALSE;
      if (!robot->waiting)
        {
          robot->waiting = TRUE;
          g_clear_pointer (&stored_rules, g_free);
          kefu_store_list_settings_async (app_store (robot), NULL, auto_send_cb, &stored_rules);
          return FALSE;
        }
      if (stored_rules == NULL)
        return FALSE;
      robot->waiting = FALSE;
      {
        g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, robot->account_id);

        g_assert_cmpstr (stored_rules, ==, expected);
      }
      robot->ui.settle = 0;
      return TRUE;

    case RSTEP_RELOADED:
      if (kefu_robot_prefs_page_get_busy (robot->prefs_page) || !robot_reloaded (robot))
        return FALSE;
      g_assert_cmpfloat_with_epsilon (kefu_matcher_get_min_confidence (kefu_robot_get_matcher (app_robot (robot))), 0.40, 0.001);
      return TRUE;

    case RSTEP_DELIVER:
      deliver (robot, KEFU_CHANNEL_KIND_EMAIL, "bob@example.com", "Refund please",
               "The teapot arrived broken. I would like a refund for order 1024.");
      return TRUE;

    case RSTEP_TAGGED:
      if (!handled_and_read (robot))
        return FALSE;
      g_assert_true (has_tag (robot->ticket, "refund-request"));
      g_assert_cmpint (kefu_ticket_get_priority (robot->ticket), ==, KEFU_PRIORITY_HIGH);
      return TRUE;

    case RSTEP_SHOT_LIGHT:
      if (!kefu_test_drive_settle (&robot->ui, 10))
        return FALSE;
      kefu_test_save_snapshot (GTK_WIDGET (robot->prefs_window), "robot-prefs-light.png");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      return TRUE;

    case RSTEP_SHOT_DARK:
      if (!kefu_test_drive_settle (&robot->ui, 5))
        return FALSE;
      kefu_test_save_snapshot (GTK_WIDGET (robot->prefs_window), "robot-prefs-dark.png");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
      gtk_widget_activate_action (GTK_WIDGET (robot->prefs_page), "rules.edit", "u", 1);
      return TRUE;

    case RSTEP_EDITOR_SHOT:
      if (!kefu_test_drive_settle (&robot->ui, 10))
        return FALSE;
      editor = kefu_robot_prefs_page_get_rule_editor (robot->prefs_page);
      kefu_test_save_snapshot (GTK_WIDGET (editor), "robot-rule-editor.png");
      gtk_window_close (GTK_WINDOW (editor));
      gtk_widget_activate_action (GTK_WIDGET (robot->prefs_page), "rules.delete", "u", 0);
      return TRUE;

    case RSTEP_DELETE:
      if (kefu_robot_prefs_page_get_busy (robot->prefs_page) || kefu_robot_prefs_page_get_n_rules (robot->prefs_page) != 1)
        return FALSE;
      g_assert_cmpstr (rule_name (robot, 0), ==, "Refund requests");
      gtk_window_destroy (robot->prefs_window);
      robot->prefs_window = NULL;
      g_clear_pointer (&stored_rules, g_free);
      return TRUE;

    case RSTEP_DONE:
    default:
      return FALSE;
    }
}

static void
test_rules (void)
{
  Robot robot = { 0 };

  fill_database (&robot);
  kefu_test_drive_run (&robot.ui, robot.path, 1280, 800, 50,
                       rules_step, RSTEP_DONE, rules_step_names, &robot);
  robot_clear (&robot);
}

/* Case 3: the assist bar in the composer. */

typedef enum
{
  ASTEP_WINDOW,
  ASTEP_IMPORT,
  ASTEP_OPEN,
  ASTEP_SUGGESTED,
  ASTEP_SHOT,
  ASTEP_SHOT_DARK,
  ASTEP_OPEN_DOG,
  ASTEP_DOG_READY,
  ASTEP_SENT,
  ASTEP_ADD,
  ASTEP_ADDED,
  ASTEP_DONE,
} AssistStep;

static const char *const assist_step_names[] = {
  "window", "kb.json imported", "shipping chat opened", "suggestions shown and one inserted", "light screenshot", "dark screenshot",
  "dog email opened", "robot abstained on it", "reply sent and offer made", "editor filled from the reply",
  "entry added", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (assist_step_names) == ASTEP_DONE + 1);

static KefuAssistBar *
assist_bar (Robot *robot)
{
  KefuComposer *composer = kefu_ticket_page_get_composer (kefu_window_get_ticket_page (robot->ui.window));

  return KEFU_ASSIST_BAR (kefu_test_find_widget (GTK_WIDGET (composer), KEFU_TYPE_ASSIST_BAR));
}

static gboolean
assist_step (gpointer user_data)
{
  Robot *robot = user_data;
  KefuTicketPage *page = robot->ui.window != NULL ? kefu_window_get_ticket_page (robot->ui.window) : NULL;
  KefuComposer *composer = page != NULL ? kefu_ticket_page_get_composer (page) : NULL;
  KefuKbPage *kb = robot->ui.window != NULL ? kb_page (robot) : NULL;
  KefuAssistBar *bar;
  KefuKbEditor *editor;

  log_step (robot, assist_step_names);
  switch ((AssistStep) robot->ui.step)
    {
    case ASTEP_WINDOW:
      return kefu_test_drive_list_loaded (&robot->ui) && kefu_application_get_runtime (robot->ui.app) != NULL &&
             kefu_kb_page_get_knowledge_base (kb) != NULL && !kefu_kb_page_get_busy (kb);

    case ASTEP_IMPORT:
      if (robot->ui.settle++ == 0)
        {
          g_autoptr (GFile) file = g_file_new_for_path (robot->kb_path);

          kefu_kb_page_import_file (kb, file);
        }
      if (kefu_kb_page_get_busy (kb) || robot_n_entries (robot) != robot->n_kb)
        return FALSE;
      robot->ui.settle = 0;
      return TRUE;

    case ASTEP_OPEN:
      gtk_widget_activate_action (GTK_WIDGET (robot->ui.window), "win.open-ticket", "x", robot->ship_ticket_id);
      return TRUE;

    case ASTEP_SUGGESTED:
      bar = assist_bar (robot);
      if (kefu_composer_get_ticket (composer) == NULL ||
          kefu_ticket_get_id (kefu_composer_get_ticket (composer)) != robot->ship_ticket_id ||
          kefu_assist_bar_get_busy (bar) || kefu_assist_bar_get_n_suggestions (bar) == 0)
        return FALSE;
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
      g_assert_cmpuint (kefu_assist_bar_get_n_suggestions (bar), <=, 3);
      /* The best is the shipping-time answer, in the customer's Chinese. */
      g_assert_cmpstr (kefu_assist_bar_get_suggestion (bar, 0)->group, ==, "shipping-time");
      g_assert_cmpstr (kefu_assist_bar_get_suggestion (bar, 0)->lang, ==, "zh-Hans");
      g_assert_true (kefu_assist_bar_choose (bar, 0));
      {
        g_autofree char *text = kefu_composer_dup_text (composer);

        g_assert_cmpstr (text, ==, kefu_assist_bar_get_suggestion (bar, 0)->answer);
      }
      return TRUE;

    case ASTEP_SHOT:
      return kefu_test_drive_shot_light (&robot->ui, robot->shot_prefix, "assist-light");

    case ASTEP_SHOT_DARK:
      if (!kefu_test_drive_shot_dark (&robot->ui, robot->shot_prefix, "assist-dark"))
        return FALSE;
      kefu_composer_set_text (composer, "");
      return TRUE;

    case ASTEP_OPEN_DOG:
      gtk_widget_activate_action (GTK_WIDGET (robot->ui.window), "win.open-ticket", "x", robot->dog_ticket_id);
      return TRUE;

    case ASTEP_DOG_READY:
      bar = assist_bar (robot);
      if (kefu_composer_get_ticket (composer) == NULL ||
          kefu_ticket_get_id (kefu_composer_get_ticket (composer)) != robot->dog_ticket_id ||
          kefu_assist_bar_get_busy (bar))
        return FALSE;
      g_assert_true (kefu_assist_bar_get_abstained (bar));
      kefu_composer_set_text (composer, DOG_ANSWER);
      gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL);
      return TRUE;

    case ASTEP_SENT:
      bar = assist_bar (robot);
      if (kefu_composer_get_sending (composer) || !kefu_assist_bar_get_offered (bar))
        return FALSE;
      g_assert_nonnull (find_button (GTK_WIDGET (robot->ui.window), _("_Add to Knowledge Base")));
      g_signal_emit_by_name (find_button (GTK_WIDGET (robot->ui.window), _("_Add to Knowledge Base")), "clicked");
      return TRUE;

    case ASTEP_ADD:
      {
        g_autoptr (KefuKbEntry) draft = NULL;
        g_autoptr (GError) error = NULL;
        GList *windows = gtk_application_get_windows (GTK_APPLICATION (robot->ui.app));

        editor = NULL;
        for (GList *l = windows; l != NULL; l = l->next)
          if (KEFU_IS_KB_EDITOR (l->data))
            editor = l->data;
        if (editor == NULL)
          return FALSE;
        draft = kefu_kb_editor_dup_entry (editor, &error);
        g_assert_no_error (error);
        /* The signature is not the question. */
        g_assert_cmpstr (draft->question, ==, DOG_QUESTION);
        g_assert_cmpstr (draft->answer, ==, DOG_ANSWER);
        g_assert_cmpstr (draft->lang, ==, "en");
        g_assert_true (kefu_kb_editor_get_new (editor));
        gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
      }
      return TRUE;

    case ASTEP_ADDED:
      if (kefu_kb_page_get_busy (kb) || robot_n_entries (robot) != robot->n_kb + 1)
        return FALSE;
      g_assert_nonnull (find_entry (kefu_kb_page_get_knowledge_base (kb),
                                    DOG_QUESTION));
      return TRUE;

    case ASTEP_DONE:
    default:
      return FALSE;
    }
}

static void
run_assist (const char *shot_prefix)
{
  Robot robot = { 0 };

  fill_database (&robot);
  robot.shot_prefix = shot_prefix;
  kefu_test_drive_run (&robot.ui, robot.path, 1280, 800, 50,
                       assist_step, ASTEP_DONE, assist_step_names, &robot);
  robot_clear (&robot);
}

static void
test_assist (void)
{
  run_assist ("robot");
}

static void
test_assist_chinese (void)
{
  run_assist ("robot-zh");
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: see test-window.c. */
  kefu_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_setenv ("KEFU_COLOR_SCHEME", "light", TRUE);

  g_test_add_func ("/ui/robot/knowledge-base", test_knowledge_base);
  g_test_add_func ("/ui/robot/knowledge-base-chinese", test_knowledge_base_chinese);
  g_test_add_func ("/ui/robot/rules", test_rules);
  g_test_add_func ("/ui/robot/assist", test_assist);
  g_test_add_func ("/ui/robot/assist-chinese", test_assist_chinese);

  return g_test_run ();
}
