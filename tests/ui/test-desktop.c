/* test-desktop.c: Kefu on the desktop: the first start offers the sample shop
 * and the setup, only once; tel:, sip: and mailto: links open the customer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-application.h"
#include "kefu-customer-profile.h"
#include "kefu-customers-page.h"
#include "kefu-i18n.h"
#include "kefu-store-email.h"
#include "kefu-test-ui.h"
#include "kefu-test-util.h"
#include "kefu-welcome-window.h"
#include "kefu-window.h"

typedef enum
{
  STEP_WINDOW,
  STEP_WELCOME,
  STEP_SHOT_LIGHT,
  STEP_SETUP,
  STEP_SHOT_DARK,
  STEP_SAMPLE,
  STEP_SAMPLE_FILLED,
  STEP_DONE,
} Step;

static const char *const step_names[] = {
  "window", "welcome shown", "light screenshot", "setup page", "dark screenshot",
  "sample shop started", "sample shop has tickets", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (step_names) == STEP_DONE + 1);

typedef struct
{
  KefuTestDrive      ui;
  char              *path;
  const char        *shot_prefix;
  KefuWelcomeWindow *welcome;
} Welcome;

static KefuWelcomeWindow *
find_welcome (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (KEFU_IS_WELCOME_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return KEFU_WELCOME_WINDOW (window);
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0 ||
                                    g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), label) == 0))
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }

  return NULL;
}

static void
click (Welcome    *welcome,
       const char *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (welcome->welcome), label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static guint
count_sample_tickets (void)
{
  g_autofree char *path = kefu_welcome_window_get_sample_path ();
  g_autoptr (KefuSqliteStore) store = kefu_test_open_store (path);
  g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) tickets = NULL;
  g_autoptr (GError) error = NULL;

  kefu_store_list_tickets_async (KEFU_STORE (store), query, NULL, 1000, NULL, kefu_test_result_cb, &result);
  tickets = kefu_store_list_tickets_finish (KEFU_STORE (store), kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return tickets->len;
}

static gboolean
welcome_step (gpointer user_data)
{
  Welcome *welcome = user_data;
  g_autofree char *shot = NULL;
  GSubprocess *process;

  switch ((Step) welcome->ui.step)
    {
    case STEP_WINDOW:
      return kefu_test_drive_window_shown (&welcome->ui);

    case STEP_WELCOME:
      if (welcome->welcome == NULL && find_welcome () != NULL)
        welcome->welcome = g_object_ref (find_welcome ());
      return welcome->welcome != NULL && kefu_test_drive_settle (&welcome->ui, 10);

    case STEP_SHOT_LIGHT:
      shot = g_strdup_printf ("%s-light.png", welcome->shot_prefix);
      kefu_test_save_snapshot (GTK_WIDGET (welcome->welcome), shot);
      click (welcome, g_dgettext (GETTEXT_PACKAGE, "_Set Up My Shop"));
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      return TRUE;

    case STEP_SETUP:
      return kefu_test_drive_settle (&welcome->ui, 15);

    case STEP_SHOT_DARK:
      shot = g_strdup_printf ("%s-setup-dark.png", welcome->shot_prefix);
      kefu_test_save_snapshot (GTK_WIDGET (welcome->welcome), shot);
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
      click (welcome, "go-previous-symbolic");
      return TRUE;

    case STEP_SAMPLE:
      if (welcome->ui.settle++ == 0)
        click (welcome, g_dgettext (GETTEXT_PACKAGE, "_Explore with Sample Data"));
      /* Closes itself once the other Kefu is started. */
      return find_welcome () == NULL;

    case STEP_SAMPLE_FILLED:
      {
        GSettings *settings = kefu_application_get_settings (welcome->ui.app);

        g_assert_nonnull (welcome->welcome);
        process = kefu_welcome_window_get_sample_process (welcome->welcome);
        g_assert_nonnull (process);
        /* About 400 made-up tickets (the router joins a few follow-ups, as
         * it should), in the sample file and not in the shop's. */
        g_assert_cmpuint (count_sample_tickets (), >=, 350);
        g_assert_cmpuint (kefu_window_get_view_count (welcome->ui.window, "inbox"), ==, 0);
        g_assert_true (g_settings_get_boolean (settings, "welcome-shown"));
        g_subprocess_force_exit (process);
        g_subprocess_wait (process, NULL, NULL);
        return TRUE;
      }

    case STEP_DONE:
    default:
      return FALSE;
    }
}

static void
run_welcome (const char *shot_prefix)
{
  Welcome welcome = { 0 };
  g_autofree char *data_home = g_dir_make_tmp ("kefu-welcome-XXXXXX", NULL);
  g_autofree char *ui_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "..", "src", "ui", NULL);
  g_autofree char *path_env = g_strconcat (ui_dir, ":", g_getenv ("PATH"), NULL);

  /* The sample shop goes beside the user's data: here, a fresh folder; and
   * the kefu the welcome starts is the one just built. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("PATH", path_env, TRUE);

  welcome.path = kefu_test_temp_db_path ();
  welcome.shot_prefix = shot_prefix;
  kefu_test_drive_run (&welcome.ui, welcome.path, 1100, 720, 50,
                       welcome_step, STEP_DONE, step_names, &welcome);
  kefu_test_drive_clear (&welcome.ui);
  g_clear_object (&welcome.welcome);
  g_free (welcome.path);
}

static void
test_first_start (void)
{
  run_welcome ("welcome");
}

static void
test_first_start_chinese (void)
{
  run_welcome ("welcome-zh");
}

/* A shop that already has tickets never sees the welcome. */
typedef enum
{
  BUSY_WINDOW,
  BUSY_LOADED,
  BUSY_NO_WELCOME,
  BUSY_DONE,
} BusyStep;

static const char *const busy_step_names[] = { "window", "list loaded", "no welcome", "done" };

G_STATIC_ASSERT (G_N_ELEMENTS (busy_step_names) == BUSY_DONE + 1);

static gboolean
busy_step (gpointer user_data)
{
  Welcome *welcome = user_data;

  switch ((BusyStep) welcome->ui.step)
    {
    case BUSY_WINDOW:
      return kefu_test_drive_window_shown (&welcome->ui);
    case BUSY_LOADED:
      return kefu_test_drive_list_loaded (&welcome->ui);
    case BUSY_NO_WELCOME:
      if (!kefu_test_drive_settle (&welcome->ui, 20))
        return FALSE;
      g_assert_null (find_welcome ());
      return TRUE;
    case BUSY_DONE:
    default:
      return FALSE;
    }
}

static void
test_not_over_a_working_shop (void)
{
  Welcome welcome = { 0 };
  g_autoptr (KefuSqliteStore) store = NULL;
  g_autoptr (KefuRouter) router = NULL;
  g_autoptr (KefuInbound) inbound = kefu_inbound_new (KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL,
                                                      "amy@example.org");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (GError) error = NULL;

  welcome.path = kefu_test_temp_db_path ();
  store = kefu_test_open_store (welcome.path);
  router = kefu_router_new (KEFU_STORE (store));
  inbound->subject = g_strdup ("Where is my order?");
  inbound->text = g_strdup ("I ordered a teapot last week.");
  inbound->external_id = g_strdup ("<welcome-1@example.test>");
  kefu_router_receive_async (router, inbound, NULL, kefu_test_result_cb, &result);
  delivery = kefu_router_receive_finish (router, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&router);
  g_clear_object (&store);

  kefu_test_drive_run (&welcome.ui, welcome.path, 1100, 720, 50,
                       busy_step, BUSY_DONE, busy_step_names, &welcome);
  kefu_test_drive_clear (&welcome.ui);
  g_free (welcome.path);
}

/* A link from another program opens the customer it names. */
typedef enum
{
  LINK_WINDOW,
  LINK_LOADED,
  LINK_KNOWN,
  LINK_UNKNOWN,
  LINK_DONE,
} LinkStep;

static const char *const link_step_names[] = { "window", "list loaded", "known caller's profile",
                                               "unknown number searched", "done" };

G_STATIC_ASSERT (G_N_ELEMENTS (link_step_names) == LINK_DONE + 1);

typedef struct
{
  KefuTestDrive ui;
  char         *path;
  gint64        caller_id;
} Link;

static void
open_link (Link       *link,
           const char *uri)
{
  g_autoptr (GFile) file = g_file_new_for_uri (uri);

  g_application_open (G_APPLICATION (link->ui.app), &file, 1, "");
}

static gboolean
link_step (gpointer user_data)
{
  Link *link = user_data;
  KefuCustomersPage *customers = link->ui.window != NULL ? kefu_window_get_customers_page (link->ui.window) : NULL;
  KefuCustomer *shown;

  switch ((LinkStep) link->ui.step)
    {
    case LINK_WINDOW:
      return kefu_test_drive_window_shown (&link->ui);
    case LINK_LOADED:
      if (!kefu_test_drive_list_loaded (&link->ui))
        return FALSE;
      open_link (link, "tel:+86-138-0013-8000");
      return TRUE;
    case LINK_KNOWN:
      shown = kefu_customer_profile_get_customer (kefu_customers_page_get_profile (customers));
      if (shown == NULL || kefu_customer_get_id (shown) != link->caller_id)
        return FALSE;
      g_assert_cmpstr (kefu_window_get_view (link->ui.window), ==, "customers");
      open_link (link, "tel:+8613900000000");
      return TRUE;
    case LINK_UNKNOWN:
      /* Nobody has it: the Customers page searches for it. */
      return kefu_test_drive_settle (&link->ui, 10) && !kefu_customers_page_get_loading (customers) &&
             g_list_model_get_n_items (kefu_customers_page_get_model (customers)) == 0;
    case LINK_DONE:
    default:
      return FALSE;
    }
}

static void
test_contact_link (void)
{
  Link link = { 0 };
  g_autoptr (KefuSqliteStore) store = NULL;
  g_autoptr (KefuRouter) router = NULL;
  g_autoptr (KefuInbound) inbound = kefu_inbound_new (KEFU_CHANNEL_KIND_PHONE, KEFU_IDENTITY_KIND_PHONE,
                                                      "+86 138 0013 8000");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (GError) error = NULL;

  link.path = kefu_test_temp_db_path ();
  store = kefu_test_open_store (link.path);
  router = kefu_router_new (KEFU_STORE (store));
  kefu_router_set_default_region (router, "CN");
  inbound->sender_name = g_strdup ("刘洋");
  inbound->text = g_strdup ("Missed call");
  inbound->external_id = g_strdup ("call-1");
  kefu_router_receive_async (router, inbound, NULL, kefu_test_result_cb, &result);
  delivery = kefu_router_receive_finish (router, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  link.caller_id = delivery->customer_id;
  g_clear_object (&router);
  g_clear_object (&store);

  kefu_test_drive_run (&link.ui, link.path, 1100, 720, 50, link_step, LINK_DONE, link_step_names, &link);
  kefu_test_drive_clear (&link.ui);
  g_free (link.path);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: see test-window.c. */
  kefu_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_setenv ("KEFU_COLOR_SCHEME", "light", TRUE);

  g_test_add_func ("/ui/welcome/first-start", test_first_start);
  g_test_add_func ("/ui/welcome/first-start-chinese", test_first_start_chinese);
  g_test_add_func ("/ui/welcome/not-over-a-working-shop", test_not_over_a_working_shop);
  g_test_add_func ("/ui/desktop/contact-link", test_contact_link);

  return g_test_run ();
}
