/* kefuctl-serve.c: `kefuctl serve`: run every enabled channel account without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "kefuctl-context.h"

#include "kefu-channel-enums.h"
#include "kefu-channel.h"
#include "kefu-enums.h"
#include "kefu-runtime.h"

static void
on_cancelled (GCancellable *cancellable,
              GMainLoop    *loop)
{
  g_main_loop_quit (loop);
}

static void
on_channel_notify_state (KefuChannel *channel,
                         GParamSpec  *pspec,
                         gpointer     user_data)
{
  g_autoptr (KefuAccount) account = NULL;
  g_autofree char *message = kefu_channel_dup_status_message (channel);

  g_object_get (channel, "account", &account, NULL);
  /* The state's name is for logs and scripts (online, connecting, error),
   * so it stays in English; the reason after it is translated. */
  if (message != NULL)
    /* Translators: account id, account name, state (online, error…), why */
    g_message (_("Account %" PRId64 " (%s): %s — %s"), kefu_account_get_id (account),
               kefu_account_get_name (account),
               kefu_enum_to_nick (KEFU_TYPE_CHANNEL_STATE, kefu_channel_get_state (channel)), message);
  else
    /* Translators: account id, account name, state (online, connecting…) */
    g_message (_("Account %" PRId64 " (%s): %s"), kefu_account_get_id (account),
               kefu_account_get_name (account),
               kefu_enum_to_nick (KEFU_TYPE_CHANNEL_STATE, kefu_channel_get_state (channel)));
}

/* Every channel the runtime starts is logged, and so is each change of its state. */
static void
on_channels_changed (GListModel *channels,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (KefuChannel) channel = g_list_model_get_item (channels, i);
      g_autoptr (KefuAccount) account = NULL;

      g_object_get (channel, "account", &account, NULL);
      g_message (_("Starting account %" PRId64 " (%s)"), kefu_account_get_id (account),
                 kefu_account_get_name (account));
      g_signal_connect (channel, "notify::state", G_CALLBACK (on_channel_notify_state), NULL);
    }
}

gboolean
kefuctl_serve_run (KefuctlContext  *context,
                   int              argc,
                   char           **argv,
                   GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuRuntime) runtime = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GError) start_error = NULL;
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

  runtime = kefu_runtime_new (context->router);
  kefu_runtime_set_only_account (runtime, (gint64)only);
  g_signal_connect (kefu_runtime_get_channels (runtime), "items-changed",
                    G_CALLBACK (on_channels_changed), NULL);
  kefu_runtime_start_async (runtime, context->cancellable, kefuctl_result_cb, &result);
  if (!kefu_runtime_start_finish (runtime, kefuctl_wait (&result), &start_error))
    {
      /* The robot's trouble is logged; the channels run without it. */
      if (g_list_model_get_n_items (kefu_runtime_get_channels (runtime)) == 0)
        {
          g_propagate_error (error, g_steal_pointer (&start_error));
          return FALSE;
        }
      g_message ("%s", start_error->message);
    }

  if (g_list_model_get_n_items (kefu_runtime_get_channels (runtime)) == 0)
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

  kefu_runtime_stop (runtime);
  g_message ("%s", _("Stopped."));

  return TRUE;
}
