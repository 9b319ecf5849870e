/* test-channels.c: the Channels page in the real window: a website chat
 * added through its editor starts in the application's runtime and its row
 * turns online; switched off, it stops.
 *
 * Each case starts the application on a fresh database; screenshots of the
 * page and the editor, light and dark, land in $KEFU_SCREENSHOT_DIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-i18n.h"

#include <glib/gi18n.h>

#include "kefu-account-row.h"
#include "kefu-application.h"
#include "kefu-channels-page.h"
#include "kefu-store-email.h"
#include "kefu-test-ui.h"
#include "kefu-test-util.h"
#include "kefu-window.h"

#define CHAT_NAME "Tea House website"

typedef struct
{
  KefuTestDrive  ui;
  char          *path;
  const char    *shot_prefix;
  guint          port;
  gint64         account_id;
} Channels;

typedef enum
{
  STEP_WINDOW,
  STEP_SHOW,
  STEP_EMPTY_SHOT,
  STEP_ADD,
  STEP_FILL,
  STEP_EDITOR_LIGHT,
  STEP_EDITOR_DARK,
  STEP_SAVE,
  STEP_ONLINE,
  STEP_PAGE_LIGHT,
  STEP_PAGE_DARK,
  STEP_DISABLE,
  STEP_STOPPED,
  STEP_EMAIL_OPEN,
  STEP_EMAIL_SHOT,
  STEP_DONE,
} Step;

static const char *const step_names[] = {
  "window", "show", "empty-shot", "add", "fill", "editor-light", "editor-dark",
  "save", "online", "page-light", "page-dark", "disable", "stopped", "email-open", "email-shot", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (step_names) == STEP_DONE + 1);

static guint
free_port (void)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Whether something accepts TCP connections on the port (a quick local connect). */
static gboolean
port_answers (guint port)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);

  return g_socket_connect (socket, address, NULL, NULL);
}

static KefuChannelsPage *
page (Channels *channels)
{
  return kefu_window_get_channels_page (channels->ui.window);
}

static KefuRuntime *
runtime (Channels *channels)
{
  return kefu_application_get_runtime (channels->ui.app);
}

/* The entry row titled @title inside @widget, or NULL. */
static AdwEntryRow *
find_entry (GtkWidget  *widget,
            const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ENTRY_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found = find_entry (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
set_entry (GtkWidget  *editor,
           const char *title,
           const char *text)
{
  AdwEntryRow *row = find_entry (editor, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
save_shot (GtkWidget  *widget,
           Channels   *channels,
           const char *what,
           const char *variant)
{
  g_autofree char *name = g_strdup_printf ("%s-%s-%s.png", channels->shot_prefix, what, variant);

  kefu_test_save_snapshot (widget, name);
}

static const char *
state_text (Channels *channels)
{
  static char *text;
  KefuAccountRow *row = kefu_channels_page_find_row (page (channels), channels->account_id);

  g_clear_pointer (&text, g_free);
  if (row != NULL)
    text = kefu_account_row_dup_state (row);

  return text;
}

static gboolean
step (gpointer user_data)
{
  Channels *channels = user_data;
  GtkWindow *editor = channels->ui.window != NULL ? kefu_channels_page_get_editor (page (channels)) : NULL;
  KefuChannel *channel;

  if (channels->ui.settle == 0)
    g_test_message ("step %s", step_names[channels->ui.step]);
  switch ((Step) channels->ui.step)
    {
    case STEP_WINDOW:
      return kefu_test_drive_list_loaded (&channels->ui) && runtime (channels) != NULL;

    case STEP_SHOW:
      if (channels->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (channels->ui.window), "win.show-view", "s", "channels");
      if (!gtk_widget_get_mapped (GTK_WIDGET (page (channels))) || kefu_channels_page_get_loading (page (channels)))
        return FALSE;
      g_assert_null (kefu_channels_page_find_row (page (channels), 1));
      channels->ui.settle = 0;
      return TRUE;

    case STEP_EMPTY_SHOT:
      if (!kefu_test_drive_settle (&channels->ui, 10))
        return FALSE;
      kefu_test_drive_save_shot (&channels->ui, channels->shot_prefix, "empty");
      return TRUE;

    case STEP_ADD:
      if (channels->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (page (channels)), "channels.add", "s", "chat");
      if (editor == NULL || !gtk_widget_get_mapped (GTK_WIDGET (editor)))
        return FALSE;
      channels->ui.settle = 0;
      return TRUE;

    case STEP_FILL:
      {
        g_autofree char *port = g_strdup_printf ("%u", channels->port);

        set_entry (GTK_WIDGET (editor), _("Name"), CHAT_NAME);
        set_entry (GTK_WIDGET (editor), _("Port"), port);
        set_entry (GTK_WIDGET (editor), _("Allowed Websites (comma-separated)"), "https://tea.example");
        set_entry (GTK_WIDGET (editor), _("Greeting"), "Hello! Ask us anything about tea.");
      }
      return TRUE;

    case STEP_EDITOR_LIGHT:
      if (!kefu_test_drive_settle (&channels->ui, 10))
        return FALSE;
      save_shot (GTK_WIDGET (editor), channels, "editor", "light");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      return TRUE;

    case STEP_EDITOR_DARK:
      if (!kefu_test_drive_settle (&channels->ui, 5))
        return FALSE;
      save_shot (GTK_WIDGET (editor), channels, "editor", "dark");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
      return TRUE;

    case STEP_SAVE:
      if (channels->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
      if (editor != NULL)
        return FALSE;
      channels->ui.settle = 0;
      return TRUE;

    case STEP_ONLINE:
      /* The editor saved the row, the runtime started it, the row follows it. */
      channels->account_id = 1;
      channel = kefu_runtime_lookup_channel (runtime (channels), channels->account_id);
      if (channel == NULL || kefu_channel_get_state (channel) != KEFU_CHANNEL_STATE_ONLINE ||
          g_strcmp0 (state_text (channels), C_("channel state", "Online")) != 0)
        return FALSE;
      g_assert_true (port_answers (channels->port));
      return TRUE;

    case STEP_PAGE_LIGHT:
      return kefu_test_drive_shot_light (&channels->ui, channels->shot_prefix, "light");

    case STEP_PAGE_DARK:
      return kefu_test_drive_shot_dark (&channels->ui, channels->shot_prefix, "dark");

    case STEP_DISABLE:
      gtk_widget_activate_action (GTK_WIDGET (page (channels)), "channels.set-enabled", "(xb)",
                                  channels->account_id, FALSE);
      return TRUE;

    case STEP_STOPPED:
      if (kefu_runtime_lookup_channel (runtime (channels), channels->account_id) != NULL ||
          g_strcmp0 (state_text (channels), C_("channel state", "Off")) != 0)
        return FALSE;
      g_assert_false (port_answers (channels->port));
      return TRUE;

    case STEP_EMAIL_OPEN:
      if (channels->ui.settle++ == 0)
        gtk_widget_activate_action (GTK_WIDGET (page (channels)), "channels.add", "s", "email");
      if (editor == NULL || !gtk_widget_get_mapped (GTK_WIDGET (editor)))
        return FALSE;
      set_entry (GTK_WIDGET (editor), _("Name"), "Support");
      set_entry (GTK_WIDGET (editor), _("Address"), "support@tea.example");
      set_entry (GTK_WIDGET (editor), _("Server"), "imap.tea.example");
      channels->ui.settle = 0;
      return TRUE;

    case STEP_EMAIL_SHOT:
      if (!kefu_test_drive_settle (&channels->ui, 10))
        return FALSE;
      save_shot (GTK_WIDGET (editor), channels, "email-editor", "light");
      gtk_window_destroy (editor);
      return TRUE;

    case STEP_DONE:
    default:
      return FALSE;
    }
}

static void
run (const char *shot_prefix)
{
  Channels channels = { 0 };
  KefuSqliteStore *store;

  channels.path = kefu_test_temp_db_path ();
  store = kefu_test_open_store (channels.path);
  /* A shop at work (one ticket), so that no first-start welcome opens. */
  {
    g_autoptr (KefuRouter) router = kefu_router_new (KEFU_STORE (store));
    g_autoptr (KefuInbound) inbound = kefu_test_email ("amy@example.org", "Where is my tea?", "Ordered last week.");
    g_autoptr (KefuDelivery) delivery = kefu_test_receive (router, inbound);

    g_assert_cmpint (delivery->ticket_id, >, 0);
  }
  kefu_sqlite_store_close (store);
  g_object_unref (store);
  channels.port = free_port ();
  channels.shot_prefix = shot_prefix;

  kefu_test_drive_run (&channels.ui, channels.path, 1280, 800, 50, step, STEP_DONE, step_names, &channels);

  kefu_test_drive_clear (&channels.ui);
  g_free (channels.path);
}

static void
test_add_chat (void)
{
  run ("channels");
}

static void
test_add_chat_chinese (void)
{
  run ("channels-zh");
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: see test-window.c. */
  kefu_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_setenv ("KEFU_COLOR_SCHEME", "light", TRUE);

  g_test_add_func ("/ui/channels/add-chat", test_add_chat);
  g_test_add_func ("/ui/channels/add-chat-chinese", test_add_chat_chinese);

  return g_test_run ();
}
