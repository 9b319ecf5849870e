/* kefuctl-serve.c: `kefuctl serve`: run every enabled channel account without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "kefuctl-context.h"

#include "kefu-channel-registry.h"
#include "kefu-channel.h"
#include "kefu-enums.h"
#include "kefu-store-email.h"

static void
on_cancelled (GCancellable *cancellable,
              GMainLoop    *loop)
{
  g_main_loop_quit (loop);
}

static void
start_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  /* The channel keeps its error as its state and logs it; serve goes on
   * with the other accounts. */
  kefu_channel_start_finish (KEFU_CHANNEL (object), result, &error);
}

gboolean
kefuctl_serve_run (KefuctlContext  *context,
                   int              argc,
                   char           **argv,
                   GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GPtrArray) channels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *only_text = NULL;
  guint64 only = 0;
  KefuStore *store;
  gulong handler;
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &only_text, N_("Run only this account"), N_("ID") },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "serve",
                                         _("Runs the enabled channel accounts (mailboxes, chat, phone lines) "
                                           "until interrupted (Ctrl+C or SIGTERM), logging every change of state."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 0, error))
    return FALSE;
  if (only_text != NULL && !g_ascii_string_to_unsigned (only_text, 10, 1, G_MAXINT64, &only, NULL))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE, _("“%s” is not an account number."), only_text);
      return FALSE;
    }

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;
  store = kefuctl_context_get_store (context);
  if (context->router == NULL)
    context->router = kefu_router_new (store);

  kefu_store_list_accounts_async (store, context->cancellable, kefuctl_result_cb, &result);
  accounts = kefu_store_list_accounts_finish (store, kefuctl_wait (&result), error);
  if (accounts == NULL)
    return FALSE;

  for (guint i = 0; i < accounts->len; i++)
    {
      KefuAccount *account = g_ptr_array_index (accounts, i);
      GType type = kefu_channel_registry_lookup (kefu_account_get_kind (account));
      KefuChannel *channel;

      if (!kefu_account_get_enabled (account) || (only > 0 && kefu_account_get_id (account) != (gint64)only))
        continue;
      if (type == G_TYPE_INVALID)
        {
          g_message (_("Account %" PRId64 " (%s): this build has no %s channel"), kefu_account_get_id (account),
                     kefu_account_get_name (account),
                     kefu_enum_to_nick (KEFU_TYPE_CHANNEL_KIND, kefu_account_get_kind (account)));
          continue;
        }

      channel = g_object_new (type, "router", context->router, "account", account, NULL);
      g_ptr_array_add (channels, channel);
      g_message (_("Starting account %" PRId64 " (%s)"), kefu_account_get_id (account),
                 kefu_account_get_name (account));
      kefu_channel_start_async (channel, context->cancellable, start_cb, NULL);
    }

  if (channels->len == 0)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_NOT_FOUND,
                   _("No enabled account to run. Add one with “kefuctl account add-email”."));
      return FALSE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  handler = g_cancellable_connect (context->cancellable, G_CALLBACK (on_cancelled), loop, NULL);
  if (!g_cancellable_is_cancelled (context->cancellable))
    g_main_loop_run (loop);
  g_cancellable_disconnect (context->cancellable, handler);

  for (guint i = 0; i < channels->len; i++)
    kefu_channel_stop (g_ptr_array_index (channels, i));
  g_message ("%s", _("Stopped."));

  return TRUE;
}
