/* kefu-welcome-window.c: the first start: explore a sample shop or set up your own.
 *
 * Shown once, over an empty database. The sample shop lives in a database of
 * its own, opened in a second Kefu process, so that made-up customers never
 * mix with the shop's real ones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "kefu-welcome-window.h"

#include "kefu-demo.h"
#include "kefu-router.h"
#include "kefu-sqlite-store.h"
#include "kefu-store-email.h"

#define SAMPLE_TICKETS 400
#define SAMPLE_SEED 20261123

struct _KefuWelcomeWindow
{
  AdwWindow       parent_instance;

  GtkStack       *stack;
  GtkButton      *back_button;
  GtkButton      *done_button;
  AdwWindowTitle *header_title;
  GtkButton      *sample_button;

  GCancellable   *cancellable;
  KefuStore      *sample_store;
  KefuRouter     *sample_router;
  GSubprocess    *sample_process;
  GSettings      *settings;       /* NULL when the schema is not installed */
};

G_DEFINE_FINAL_TYPE (KefuWelcomeWindow, kefu_welcome_window, ADW_TYPE_WINDOW)

static void
show_page (KefuWelcomeWindow *self,
           const char        *name)
{
  gboolean setup = g_strcmp0 (name, "setup") == 0;

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), setup);
  adw_window_title_set_title (self->header_title, setup ? _("Set Up Your Shop") : "");
  gtk_button_set_label (self->done_button, setup ? _("_Done") : _("_Skip"));
  /* Done ends the setup; Skip is no action to recommend. */
  if (setup)
    gtk_widget_add_css_class (GTK_WIDGET (self->done_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->done_button), "suggested-action");
}

static void
remember_shown (KefuWelcomeWindow *self)
{
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "welcome-shown", TRUE);
}

static void
show_error (KefuWelcomeWindow *self,
            const char        *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("The Sample Shop Could Not Be Opened"),
                                                       message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  show_page (self, "welcome");
}

/* This very program when it is Kefu, else the kefu found in PATH (tests,
 * where the window runs inside a test program). */
static char *
find_kefu_program (void)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *name = self_exe != NULL ? g_path_get_basename (self_exe) : NULL;

  if (g_strcmp0 (name, "kefu") == 0)
    return g_steal_pointer (&self_exe);

  return g_find_program_in_path ("kefu");
}

/* Opens the sample database in another Kefu: one process per database. */
static void
launch_sample (KefuWelcomeWindow *self)
{
  g_autofree char *path = kefu_welcome_window_get_sample_path ();
  g_autofree char *program = find_kefu_program ();
  g_autoptr (GError) error = NULL;

  self->sample_process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                                           program != NULL ? program : "kefu", "--db", path, NULL);
  if (self->sample_process == NULL)
    {
      show_error (self, error->message);
      return;
    }

  remember_shown (self);
  show_page (self, "welcome");
  gtk_widget_set_sensitive (GTK_WIDGET (self->sample_button), TRUE);
  gtk_window_close (GTK_WINDOW (self));
}

static void
demo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (KefuWelcomeWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!kefu_demo_generate_finish (KEFU_ROUTER (object), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  /* The other process opens the file next: let go of it first. */
  g_clear_object (&self->sample_router);
  g_clear_object (&self->sample_store);
  launch_sample (self);
}

static void
sample_tickets_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (KefuWelcomeWindow) self = user_data;
  g_autoptr (GPtrArray) tickets = NULL;
  g_autoptr (GError) error = NULL;

  tickets = kefu_store_list_tickets_finish (KEFU_STORE (object), result, &error);
  if (tickets == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  /* Made before: open it as it is, with whatever the user did in it. */
  if (tickets->len > 0)
    {
      g_clear_object (&self->sample_store);
      launch_sample (self);
      return;
    }

  self->sample_router = kefu_router_new (self->sample_store);
  kefu_demo_generate_async (self->sample_router, SAMPLE_TICKETS, SAMPLE_SEED, self->cancellable, demo_cb,
                            g_object_ref (self));
}

static void
sample_open_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (KefuWelcomeWindow) self = user_data;
  g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);
  g_autoptr (GError) error = NULL;

  self->sample_store = KEFU_STORE (kefu_sqlite_store_open_finish (result, &error));
  if (self->sample_store == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  kefu_store_list_tickets_async (self->sample_store, query, NULL, 1, self->cancellable, sample_tickets_cb,
                                 g_object_ref (self));
}

static void
on_sample_clicked (KefuWelcomeWindow *self)
{
  g_autofree char *path = kefu_welcome_window_get_sample_path ();
  g_autofree char *folder = g_path_get_dirname (path);

  if (self->sample_process != NULL)
    return;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_autofree char *message = g_strdup_printf (_("The folder %s could not be created: %s"), folder,
                                                  g_strerror (errno));
      show_error (self, message);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->sample_button), FALSE);
  show_page (self, "preparing");
  kefu_sqlite_store_open_async (path, self->cancellable, sample_open_cb, g_object_ref (self));
}

static void
on_setup_clicked (KefuWelcomeWindow *self)
{
  show_page (self, "setup");
}

static void
on_back_clicked (KefuWelcomeWindow *self)
{
  show_page (self, "welcome");
}

static void
on_done_clicked (KefuWelcomeWindow *self)
{
  remember_shown (self);
  gtk_window_close (GTK_WINDOW (self));
}

/* The account editors belong to the main window; the welcome stays open
 * under them so that the next channel is one click away. */
static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent != NULL)
    gtk_widget_activate_action_variant (GTK_WIDGET (parent), "win.add-account", parameter);
}

static void
kefu_welcome_window_dispose (GObject *object)
{
  KefuWelcomeWindow *self = KEFU_WELCOME_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sample_router);
  g_clear_object (&self->sample_store);
  g_clear_object (&self->sample_process);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kefu_welcome_window_parent_class)->dispose (object);
}

static void
kefu_welcome_window_class_init (KefuWelcomeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_welcome_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-welcome-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuWelcomeWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KefuWelcomeWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, KefuWelcomeWindow, done_button);
  gtk_widget_class_bind_template_child (widget_class, KefuWelcomeWindow, header_title);
  gtk_widget_class_bind_template_child (widget_class, KefuWelcomeWindow, sample_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sample_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked);
  gtk_widget_class_install_action (widget_class, "welcome.add-account", "s", add_account_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kefu_welcome_window_init (KefuWelcomeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  show_page (self, "welcome");
}

/**
 * kefu_welcome_window_new:
 * @parent: the main window
 * @settings: (nullable): the application's settings, where "welcome-shown"
 *   is remembered
 */
GtkWidget *
kefu_welcome_window_new (GtkWindow *parent,
                         GSettings *settings)
{
  KefuWelcomeWindow *self;

  self = g_object_new (KEFU_TYPE_WELCOME_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  g_set_object (&self->settings, settings);

  return GTK_WIDGET (self);
}

/**
 * kefu_welcome_window_get_sample_path:
 *
 * Returns: (transfer full): where the sample shop is kept, beside the real
 *   database's default place
 */
char *
kefu_welcome_window_get_sample_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "kefu", "sample.db", NULL);
}

/**
 * kefu_welcome_window_get_sample_process:
 *
 * Returns: (transfer none) (nullable): the Kefu showing the sample shop,
 *   once started
 */
GSubprocess *
kefu_welcome_window_get_sample_process (KefuWelcomeWindow *self)
{
  g_return_val_if_fail (KEFU_IS_WELCOME_WINDOW (self), NULL);

  return self->sample_process;
}

typedef struct
{
  GtkWindow *parent;   /* weak */
  KefuStore *store;
  GSettings *settings;
  guint      n_accounts;
} MaybeShow;

static void
maybe_show_free (MaybeShow *data)
{
  g_clear_weak_pointer (&data->parent);
  g_clear_object (&data->store);
  g_clear_object (&data->settings);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MaybeShow, maybe_show_free)

static void
maybe_tickets_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (MaybeShow) data = user_data;
  g_autoptr (GPtrArray) tickets = NULL;

  tickets = kefu_store_list_tickets_finish (KEFU_STORE (object), result, NULL);
  if (tickets == NULL || tickets->len > 0 || data->parent == NULL)
    return;

  gtk_window_present (GTK_WINDOW (kefu_welcome_window_new (data->parent, data->settings)));
}

static void
maybe_accounts_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (MaybeShow) data = user_data;
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);
  KefuStore *store;

  accounts = kefu_store_list_accounts_finish (KEFU_STORE (object), result, NULL);
  if (accounts == NULL || accounts->len > 0 || data->parent == NULL)
    return;

  store = data->store;
  kefu_store_list_tickets_async (store, query, NULL, 1, NULL, maybe_tickets_cb, g_steal_pointer (&data));
}

/**
 * kefu_welcome_window_maybe_show:
 * @parent: the main window
 * @store: its open store
 * @settings: (nullable): the application's settings
 *
 * Shows the welcome over @parent the first time Kefu starts on an empty
 * database: no account, no ticket. Never again once it was done or skipped.
 */
void
kefu_welcome_window_maybe_show (GtkWindow *parent,
                                KefuStore *store,
                                GSettings *settings)
{
  MaybeShow *data;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (KEFU_IS_STORE (store));

  if (settings != NULL && g_settings_get_boolean (settings, "welcome-shown"))
    return;

  data = g_new0 (MaybeShow, 1);
  g_set_weak_pointer (&data->parent, parent);
  data->store = g_object_ref (store);
  data->settings = settings != NULL ? g_object_ref (settings) : NULL;
  kefu_store_list_accounts_async (store, NULL, maybe_accounts_cb, data);
}
