/* kefu-channels-page.c: the Channels page: every mailbox, chat server and phone line, live.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-channels-page.h"

#include "kefu-account-editor.h"
#include "kefu-account-secret.h"
#include "kefu-store-email.h"

struct _KefuChannelsPage
{
  GtkWidget        parent_instance;

  /* template widgets */
  AdwToastOverlay *toasts;
  GtkStack        *stack;
  GtkListBox      *list_box;

  /* owned */
  KefuStore       *store;
  KefuRuntime     *runtime;
  GCancellable    *cancellable;
  GtkWindow       *editor;        /* weak */
  gulong           changed_handler;
  gulong           channels_handler;
  gboolean         loading;
};

G_DEFINE_FINAL_TYPE (KefuChannelsPage, kefu_channels_page, GTK_TYPE_WIDGET)

/* One editor per kind of channel; the channels never name UI types. */
static const struct
{
  const char          *nick;
  KefuChannelKind      kind;
  KefuAccountEditorNew new;
} editors[] = {
  { "email", KEFU_CHANNEL_KIND_EMAIL, kefu_account_email_editor_new },
  { "chat", KEFU_CHANNEL_KIND_CHAT, kefu_account_chat_editor_new },
  { "phone", KEFU_CHANNEL_KIND_PHONE, kefu_account_phone_editor_new },
};

static void
show_error (KefuChannelsPage *self,
            const GError     *error)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  /* An answer arriving after the page was disposed has nowhere to go. */
  if (self->toasts == NULL)
    return;
  escaped = g_markup_escape_text (error->message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
bind_channels (KefuChannelsPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      KefuAccountRow *row;
      KefuChannel *channel = NULL;

      if (!KEFU_IS_ACCOUNT_ROW (child))
        continue;
      row = KEFU_ACCOUNT_ROW (child);
      if (self->runtime != NULL)
        channel = kefu_runtime_lookup_channel (self->runtime,
                                               kefu_account_get_id (kefu_account_row_get_account (row)));
      kefu_account_row_set_channel (row, channel);
    }
}

static void
list_accounts_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  KefuChannelsPage *self = user_data;
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  accounts = kefu_store_list_accounts_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (accounts == NULL)
    {
      show_error (self, error);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  for (guint i = 0; i < accounts->len; i++)
    gtk_list_box_append (self->list_box, kefu_account_row_new (g_ptr_array_index (accounts, i)));
  bind_channels (self);

  gtk_stack_set_visible_child_name (self->stack, accounts->len > 0 ? "list" : "empty");
}

static void
reload (KefuChannelsPage *self)
{
  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  self->loading = TRUE;
  kefu_store_list_accounts_async (self->store, self->cancellable, list_accounts_cb, self);
}

static void
on_store_changed (KefuStore        *store,
                  KefuChangeSet    *changes,
                  KefuChannelsPage *self)
{
  if (changes->accounts || changes->everything)
    reload (self);
}

static void
on_channels_changed (GListModel       *channels,
                     guint             position,
                     guint             removed,
                     guint             added,
                     KefuChannelsPage *self)
{
  bind_channels (self);
}

static KefuAccount *
find_account (KefuChannelsPage *self,
              gint64            account_id)
{
  KefuAccountRow *row = kefu_channels_page_find_row (self, account_id);

  return row != NULL ? kefu_account_row_get_account (row) : NULL;
}

static void
open_editor (KefuChannelsPage *self,
             KefuChannelKind   kind,
             KefuAccount      *account)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->store == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    if (editors[i].kind == kind)
      {
        GtkWindow *editor = editors[i].new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                            self->store, self->runtime, account);

        g_set_weak_pointer (&self->editor, editor);
        gtk_window_present (editor);
        return;
      }
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KefuChannelsPage *self = KEFU_CHANNELS_PAGE (widget);
  const char *nick = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    if (g_str_equal (editors[i].nick, nick))
      open_editor (self, editors[i].kind, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KefuChannelsPage *self = KEFU_CHANNELS_PAGE (widget);
  KefuAccount *account = find_account (self, g_variant_get_int64 (parameter));

  if (account != NULL)
    open_editor (self, kefu_account_get_kind (account), account);
}

typedef struct
{
  KefuChannelsPage *self;
  gint64            account_id;
} AccountOp;

static void
account_op_free (AccountOp *op)
{
  g_object_unref (op->self);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AccountOp, account_op_free)

static AccountOp *
account_op_new (KefuChannelsPage *self,
                gint64            account_id)
{
  AccountOp *op = g_new0 (AccountOp, 1);

  op->self = g_object_ref (self);
  op->account_id = account_id;

  return op;
}

static void
update_account_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (AccountOp) op = user_data;
  g_autoptr (GError) error = NULL;

  if (!kefu_store_update_account_finish (KEFU_STORE (object), result, &error))
    {
      show_error (op->self, error);
      reload (op->self);
      return;
    }
  if (op->self->runtime != NULL)
    kefu_runtime_restart_account (op->self->runtime, op->account_id);
}

static void
set_enabled_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KefuChannelsPage *self = KEFU_CHANNELS_PAGE (widget);
  KefuAccountFields fields = { 0 };
  KefuAccount *account;
  gint64 id;
  gboolean enabled;

  g_variant_get (parameter, "(xb)", &id, &enabled);
  account = find_account (self, id);
  if (account == NULL || self->store == NULL)
    return;

  fields.id = id;
  fields.kind = kefu_account_get_kind (account);
  fields.name = kefu_account_get_name (account);
  fields.address = kefu_account_get_address (account);
  fields.config = kefu_account_get_config (account);
  fields.created_at = kefu_account_get_created_at (account);
  fields.enabled = enabled;
  kefu_store_update_account_async (self->store, &fields, NULL, update_account_cb, account_op_new (self, id));
}

static void
secret_clear_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  /* An account without a password (chat) has nothing to clear. */
  if (!kefu_account_secret_clear_finish (result, &error))
    g_debug ("Password not cleared: %s", error->message);
}

static void
delete_account_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (AccountOp) op = user_data;
  g_autoptr (GError) error = NULL;

  if (!kefu_store_delete_account_finish (KEFU_STORE (object), result, &error))
    {
      show_error (op->self, error);
      return;
    }
  if (op->self->runtime != NULL)
    kefu_runtime_restart_account (op->self->runtime, op->account_id);
  kefu_account_secret_clear_async (op->account_id, NULL, secret_clear_cb, NULL);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    AccountOp        *op)
{
  if (g_str_equal (response, "remove") && op->self->store != NULL)
    kefu_store_delete_account_async (op->self->store, op->account_id, NULL, delete_account_cb,
                                     account_op_new (op->self, op->account_id));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KefuChannelsPage *self = KEFU_CHANNELS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  KefuAccount *account = find_account (self, id);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (account == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove Channel?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” stops receiving messages and its saved password is forgotten. "
                                    "Its tickets stay."),
                                  kefu_account_get_name (account));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remove_response),
                         account_op_new (self, id), (GClosureNotify)(void (*) (void))account_op_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
kefu_channels_page_dispose (GObject *object)
{
  KefuChannelsPage *self = KEFU_CHANNELS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  kefu_channels_page_set_store (self, NULL);
  kefu_channels_page_set_runtime (self, NULL);
  g_clear_weak_pointer (&self->editor);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_CHANNELS_PAGE);

  G_OBJECT_CLASS (kefu_channels_page_parent_class)->dispose (object);
}

static void
kefu_channels_page_finalize (GObject *object)
{
  KefuChannelsPage *self = KEFU_CHANNELS_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kefu_channels_page_parent_class)->finalize (object);
}

static void
kefu_channels_page_class_init (KefuChannelsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_channels_page_dispose;
  object_class->finalize = kefu_channels_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-channels-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuChannelsPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, KefuChannelsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KefuChannelsPage, list_box);

  gtk_widget_class_install_action (widget_class, "channels.add", "s", add_action);
  gtk_widget_class_install_action (widget_class, "channels.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "channels.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "channels.set-enabled", "(xb)", set_enabled_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kefu_channels_page_init (KefuChannelsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

GtkWidget *
kefu_channels_page_new (void)
{
  return g_object_new (KEFU_TYPE_CHANNELS_PAGE, NULL);
}

/**
 * kefu_channels_page_set_store:
 * @store: (nullable): where the accounts are kept
 */
void
kefu_channels_page_set_store (KefuChannelsPage *self,
                              KefuStore        *store)
{
  g_return_if_fail (KEFU_IS_CHANNELS_PAGE (self));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      self->changed_handler = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
      reload (self);
    }
}

/**
 * kefu_channels_page_set_runtime:
 * @runtime: (nullable): the running channels, whose states the rows show
 */
void
kefu_channels_page_set_runtime (KefuChannelsPage *self,
                                KefuRuntime      *runtime)
{
  g_return_if_fail (KEFU_IS_CHANNELS_PAGE (self));

  if (self->runtime == runtime)
    return;
  if (self->runtime != NULL)
    g_clear_signal_handler (&self->channels_handler, kefu_runtime_get_channels (self->runtime));
  g_set_object (&self->runtime, runtime);
  if (runtime != NULL)
    self->channels_handler = g_signal_connect (kefu_runtime_get_channels (runtime), "items-changed",
                                               G_CALLBACK (on_channels_changed), self);
  if (gtk_widget_get_first_child (GTK_WIDGET (self)) != NULL)
    bind_channels (self);
}

gboolean
kefu_channels_page_get_loading (KefuChannelsPage *self)
{
  g_return_val_if_fail (KEFU_IS_CHANNELS_PAGE (self), FALSE);

  return self->store == NULL || self->loading;
}

/**
 * kefu_channels_page_find_row:
 *
 * Returns: (transfer none) (nullable): the row of @account_id
 */
KefuAccountRow *
kefu_channels_page_find_row (KefuChannelsPage *self,
                             gint64            account_id)
{
  g_return_val_if_fail (KEFU_IS_CHANNELS_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (KEFU_IS_ACCOUNT_ROW (child) &&
        kefu_account_get_id (kefu_account_row_get_account (KEFU_ACCOUNT_ROW (child))) == account_id)
      return KEFU_ACCOUNT_ROW (child);

  return NULL;
}

/**
 * kefu_channels_page_get_editor:
 *
 * Returns: (transfer none) (nullable): the account editor last opened, while
 *   it is open
 */
GtkWindow *
kefu_channels_page_get_editor (KefuChannelsPage *self)
{
  g_return_val_if_fail (KEFU_IS_CHANNELS_PAGE (self), NULL);

  return self->editor;
}
