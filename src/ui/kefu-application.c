/* kefu-application.c: the Kefu application: its database, its actions, its window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#ifdef __linux__
# include <time.h>
# include <unistd.h>
#endif

#include "kefu-application.h"
#include "kefu-contact-opener.h"
#include "kefu-preferences-window.h"
#include "kefu-snooze-waker.h"
#include "kefu-sqlite-store.h"
#include "kefu-ui-resources.h"
#include "kefu-welcome-window.h"
#include "kefu-window.h"

#define SCHEMA_ID "io.github.kefu.Kefu"

struct _KefuApplication
{
  AdwApplication   parent_instance;

  /* owned */
  char            *db_path;
  KefuSqliteStore *store;
  KefuRouter      *router;
  KefuSnoozeWaker *snooze_waker;
  KefuRuntime     *runtime;      /* runtime: channels and robot */
  GError          *store_error;
  GSettings       *settings;
  GCancellable    *cancellable;
  char            *pending_uri;  /* a link opened before the store was */

  gint64           start_time;   /* monotonic clock, when the process started */
};

G_DEFINE_FINAL_TYPE (KefuApplication, kefu_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database FILE instead of your own (for tests and scripts)"), N_("FILE") },
  { NULL }
};

/* Start-up is measured from the moment the process began, not from main(),
 * so dynamic linking counts too: /proc/self/stat has the start time in clock
 * ticks since boot. Elsewhere, main() is the best we know. */
static gint64
process_start_time (gint64 main_time)
{
#ifdef __linux__
  g_autofree char *contents = NULL;
  g_auto (GStrv) fields = NULL;
  const char *after_name;
  struct timespec now;
  gint64 ticks;
  gint64 since_boot;
  gint64 elapsed;
  long hz = sysconf (_SC_CLK_TCK);

  if (hz <= 0 || !g_file_get_contents ("/proc/self/stat", &contents, NULL, NULL))
    return main_time;

  /* The command name (field 2) may hold spaces; fields after it are plain. */
  after_name = strrchr (contents, ')');
  if (after_name == NULL || after_name[1] == '\0')
    return main_time;
  fields = g_strsplit (after_name + 2, " ", 0);
  /* Field 22, "starttime", is the 20th after the name. */
  if (g_strv_length (fields) < 20 || clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return main_time;

  ticks = g_ascii_strtoll (fields[19], NULL, 10);
  since_boot = (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
  elapsed = since_boot - ticks * G_USEC_PER_SEC / hz;
  if (elapsed < 0 || elapsed > 60 * G_USEC_PER_SEC)
    return main_time;

  return g_get_monotonic_time () - elapsed;
#else
  return main_time;
#endif
}

static void
start_runtime_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!kefu_runtime_start_finish (KEFU_RUNTIME (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("%s", error->message);
}

static void welcome_if_first_start (KefuApplication *self,
                                    GtkWindow       *window);
static void open_pending_uri       (KefuApplication *self);

static void
open_store_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  KefuApplication *self = user_data;
  g_autoptr (KefuSqliteStore) store = NULL;
  g_autoptr (GError) error = NULL;

  store = kefu_sqlite_store_open_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_application_release (G_APPLICATION (self));
      return;
    }

  if (error != NULL)
    {
      g_debug ("Could not open %s: %s", self->db_path, error->message);
      self->store_error = g_steal_pointer (&error);
    }
  else
    {
      g_debug ("Opened %s after %.0f ms", self->db_path, kefu_application_get_elapsed_ms (self));
      self->store = g_steal_pointer (&store);
      self->router = kefu_router_new (KEFU_STORE (self->store));
      /* inbox (#6): snoozed tickets come back by themselves */
      self->snooze_waker = kefu_snooze_waker_new (KEFU_STORE (self->store));
      /* runtime: the channels and the robot; a channel that fails shows
       * it on the Channels page, never stops the window */
      self->runtime = kefu_runtime_new (self->router);
      kefu_runtime_start_async (self->runtime, self->cancellable, start_runtime_cb, NULL);
    }

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (!KEFU_IS_WINDOW (l->data))
        continue;
      if (self->store != NULL)
        {
          kefu_window_set_store (l->data, KEFU_STORE (self->store));
          welcome_if_first_start (self, l->data);
        }
      else
        kefu_window_show_store_error (l->data, self->store_error);
    }
  open_pending_uri (self);

  g_application_release (G_APPLICATION (self));
}

/* For tests and screenshots, KEFU_COLOR_SCHEME=dark or =light forces the
 * style; otherwise AdwStyleManager follows the system's preference. */
static void
apply_color_scheme (void)
{
  const char *scheme = g_getenv ("KEFU_COLOR_SCHEME");
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
}

/* Without the installed schema (running from the build tree), Kefu still
 * runs; it just does not remember its window size. */
static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL ||
      !g_settings_schema_has_key (schema, "window-width") ||
      !g_settings_schema_has_key (schema, "window-height") ||
      !g_settings_schema_has_key (schema, "window-maximized"))
    {
      g_debug ("GSettings schema %s is not installed; the window size will not be saved", SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static gboolean
has_key (GSettings  *settings,
         const char *key)
{
  g_autoptr (GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);

  return schema != NULL && g_settings_schema_has_key (schema, key);
}

/* The first start on an empty database offers the sample shop or the setup. */
static void
welcome_if_first_start (KefuApplication *self,
                        GtkWindow       *window)
{
  GSettings *settings = self->settings != NULL && has_key (self->settings, "welcome-shown") ? self->settings : NULL;

  kefu_welcome_window_maybe_show (window, KEFU_STORE (self->store), settings);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  KefuApplication *self = user_data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL;)
    {
      GtkWindow *window = l->data;

      /* Closing lets each window save its size; the list changes meanwhile. */
      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  KefuApplication *self = user_data;
  static const char *developers[] = { "The Kefu authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Kefu"),
                        "application-icon", SCHEMA_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Kefu authors"),
                        "developers", developers,
                        "comments", _("A help desk for small shops: email, chat and phone in one window."),
                        "website", "https://github.com/kefu/kefu",
                        "issue-url", "https://github.com/kefu/kefu/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  KefuApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  KefuApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *window;

  window = kefu_preferences_window_new (parent, kefu_application_get_store (self), self->runtime);
  gtk_window_present (GTK_WINDOW (window));
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  KefuApplication *self = user_data;

  gtk_show_uri (gtk_application_get_active_window (GTK_APPLICATION (self)), "help:kefu", GDK_CURRENT_TIME);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "help", help_action },
  { "shortcuts", shortcuts_action },
};

static int
kefu_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  KefuApplication *self = KEFU_APPLICATION (application);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && db != NULL && *db != '\0')
    {
      g_free (self->db_path);
      self->db_path = g_canonicalize_filename (db, NULL);
      /* One instance per database: a test's or a script's Kefu must never
       * hand its work to the window showing the user's real data. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (kefu_application_parent_class)->handle_local_options (application, options);
}

static void
kefu_application_startup (GApplication *application)
{
  KefuApplication *self = KEFU_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (kefu_application_parent_class)->startup (application);

  apply_color_scheme ();
  self->settings = lookup_settings ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);

  if (self->db_path == NULL && self->settings != NULL && has_key (self->settings, "database-path"))
    {
      g_autofree char *path = g_settings_get_string (self->settings, "database-path");

      if (*path != '\0')
        self->db_path = g_canonicalize_filename (path, NULL);
    }
  if (self->db_path == NULL)
    self->db_path = kefu_sqlite_store_default_path ();

  /* Held until the store answers, so a quick quit still closes it cleanly. */
  g_application_hold (application);
  kefu_sqlite_store_open_async (self->db_path, self->cancellable, open_store_cb, self);
}

static void
kefu_application_activate (GApplication *application)
{
  KefuApplication *self = KEFU_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (kefu_window_new (self));
      if (self->store != NULL)
        {
          kefu_window_set_store (KEFU_WINDOW (window), KEFU_STORE (self->store));
          welcome_if_first_start (self, window);
        }
      else if (self->store_error != NULL)
        kefu_window_show_store_error (KEFU_WINDOW (window), self->store_error);
    }

  gtk_window_present (window);
}

static void
open_pending_uri (KefuApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *uri = g_steal_pointer (&self->pending_uri);

  if (uri != NULL && self->store != NULL && KEFU_IS_WINDOW (window))
    kefu_contact_opener_open (KEFU_WINDOW (window), KEFU_STORE (self->store),
                              kefu_router_get_default_region (self->router), uri);
}

/* tel:, sip: and mailto: links (the desktop file's MimeType) show the
 * customer they name; only the last of several is shown. */
static void
kefu_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  KefuApplication *self = KEFU_APPLICATION (application);

  g_application_activate (application);
  if (n_files == 0)
    return;

  g_free (self->pending_uri);
  self->pending_uri = g_file_get_uri (files[n_files - 1]);
  /* Else when the store opens. */
  if (self->store != NULL)
    open_pending_uri (self);
}

static void
kefu_application_shutdown (GApplication *application)
{
  KefuApplication *self = KEFU_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);
  if (self->snooze_waker != NULL)
    g_object_run_dispose (G_OBJECT (self->snooze_waker));
  g_clear_object (&self->snooze_waker);
  if (self->runtime != NULL)
    kefu_runtime_stop (self->runtime);
  g_clear_object (&self->runtime);
  g_clear_object (&self->router);
  if (self->store != NULL)
    kefu_sqlite_store_close (self->store);
  g_clear_object (&self->store);

  G_APPLICATION_CLASS (kefu_application_parent_class)->shutdown (application);
}

static void
kefu_application_dispose (GObject *object)
{
  KefuApplication *self = KEFU_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->snooze_waker);
  g_clear_object (&self->runtime);
  g_clear_object (&self->router);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kefu_application_parent_class)->dispose (object);
}

static void
kefu_application_finalize (GObject *object)
{
  KefuApplication *self = KEFU_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->pending_uri, g_free);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (kefu_application_parent_class)->finalize (object);
}

static void
kefu_application_class_init (KefuApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = kefu_application_dispose;
  object_class->finalize = kefu_application_finalize;

  application_class->handle_local_options = kefu_application_handle_local_options;
  application_class->startup = kefu_application_startup;
  application_class->activate = kefu_application_activate;
  application_class->open = kefu_application_open;
  application_class->shutdown = kefu_application_shutdown;

  /* Templates, the style sheet and the shortcuts window live in this
   * library's resources; a static library must register them by hand. */
  kefu_ui_register_resource ();
}

static void
kefu_application_init (KefuApplication *self)
{
  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("A help desk for email, chat and phone."));
}

/**
 * kefu_application_new:
 * @main_time: g_get_monotonic_time() at the start of main()
 *
 * Returns: (transfer full): the application
 */
KefuApplication *
kefu_application_new (gint64 main_time)
{
  KefuApplication *self;

  self = g_object_new (KEFU_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/io/github/kefu/Kefu",
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
  self->start_time = process_start_time (main_time);

  return self;
}

/**
 * kefu_application_get_db_path:
 *
 * Returns: (nullable): the database file, from --db or the default; %NULL
 *   before start-up
 */
const char *
kefu_application_get_db_path (KefuApplication *self)
{
  g_return_val_if_fail (KEFU_IS_APPLICATION (self), NULL);

  return self->db_path;
}

/**
 * kefu_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open store, or %NULL while it
 *   opens or when it failed to
 */
KefuStore *
kefu_application_get_store (KefuApplication *self)
{
  g_return_val_if_fail (KEFU_IS_APPLICATION (self), NULL);

  return self->store != NULL ? KEFU_STORE (self->store) : NULL;
}

/**
 * kefu_application_get_router:
 *
 * Returns: (transfer none) (nullable): the router over the open store
 */
KefuRouter *
kefu_application_get_router (KefuApplication *self)
{
  g_return_val_if_fail (KEFU_IS_APPLICATION (self), NULL);

  return self->router;
}

/**
 * kefu_application_get_snooze_waker:
 *
 * Returns: (transfer none) (nullable): what wakes snoozed tickets, once
 *   the store is open
 */
KefuSnoozeWaker *
kefu_application_get_snooze_waker (KefuApplication *self)
{
  g_return_val_if_fail (KEFU_IS_APPLICATION (self), NULL);

  return self->snooze_waker;
}

/**
 * kefu_application_get_runtime:
 *
 * Returns: (transfer none) (nullable): the running channels and robot,
 *   once the store is open
 */
KefuRuntime *
kefu_application_get_runtime (KefuApplication *self)
{
  g_return_val_if_fail (KEFU_IS_APPLICATION (self), NULL);

  return self->runtime;
}

/**
 * kefu_application_get_store_error:
 *
 * Returns: (transfer none) (nullable): why the store could not be opened
 */
const GError *
kefu_application_get_store_error (KefuApplication *self)
{
  g_return_val_if_fail (KEFU_IS_APPLICATION (self), NULL);

  return self->store_error;
}

/**
 * kefu_application_get_settings:
 *
 * Returns: (transfer none) (nullable): Kefu's settings, or %NULL when the
 *   schema is not installed
 */
GSettings *
kefu_application_get_settings (KefuApplication *self)
{
  g_return_val_if_fail (KEFU_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* The monotonic time at which the process started. */
gint64
kefu_application_get_start_time (KefuApplication *self)
{
  g_return_val_if_fail (KEFU_IS_APPLICATION (self), 0);

  return self->start_time;
}

/* Milliseconds since the process started, for the start-up log. */
double
kefu_application_get_elapsed_ms (KefuApplication *self)
{
  g_return_val_if_fail (KEFU_IS_APPLICATION (self), 0);

  return (g_get_monotonic_time () - self->start_time) / 1000.0;
}
