/* kefuctl-call.c: `kefuctl call NUMBER`: dial out on a phone line without a window.
 *
 * Starts the line, dials, optionally sends keypad tones, hangs up after
 * --seconds, and prints how the call went and where it was logged. The call's
 * audio uses the line's audio settings (or KEFU_PHONE_AUDIO_SRC/SINK).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "kefuctl-context.h"

#include "kefu-channel-registry.h"
#include "kefu-phone-channel.h"
#include "kefu-phone-enums.h"
#include "kefu-store-email.h"

typedef struct
{
  gboolean logged;
  gint64   ticket_id;
} CallRun;

static void
on_call_logged (KefuPhoneChannel *channel,
                KefuPhoneCall    *call,
                gint64            ticket_id,
                gpointer          user_data)
{
  CallRun *run = user_data;

  run->ticket_id = ticket_id;
  run->logged = TRUE;
}

static gboolean
run_logged (gpointer data)
{
  return ((CallRun *) data)->logged;
}

static KefuAccount *
find_line (KefuctlContext  *context,
           gint64           account_id,
           GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) accounts = NULL;
  KefuStore *store = kefuctl_context_get_store (context);

  kefu_store_list_accounts_async (store, context->cancellable, kefuctl_result_cb, &result);
  accounts = kefu_store_list_accounts_finish (store, kefuctl_wait (&result), error);
  if (accounts == NULL)
    return NULL;

  for (guint i = 0; i < accounts->len; i++)
    {
      KefuAccount *account = g_ptr_array_index (accounts, i);

      if (kefu_account_get_kind (account) == KEFU_CHANNEL_KIND_PHONE &&
          (account_id == 0 ? kefu_account_get_enabled (account) : kefu_account_get_id (account) == account_id))
        return g_object_ref (account);
    }

  g_set_error_literal (error, KEFUCTL_ERROR, KEFUCTL_ERROR_NOT_FOUND,
                       _("No such phone line; add one with “kefuctl account add-sip”."));

  return NULL;
}

/**
 * kefuctl_call_run:
 *
 * `kefuctl call [--account ID] [--seconds N] [--dtmf KEYS] NUMBER`
 */
gboolean
kefuctl_call_run (KefuctlContext  *context,
                  int              argc,
                  char           **argv,
                  GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (KefuAccount) account = NULL;
  g_autoptr (KefuChannel) channel = NULL;
  g_autoptr (KefuPhoneCall) call = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *dtmf = NULL;
  gint64 account_id = 0;
  int seconds = 10;
  CallRun run = { 0 };
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_INT64, &account_id, N_("The phone line to use (default: the first enabled one)"), N_("ID") },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, N_("Hang up after this many seconds of talk (default 10)"), N_("SECONDS") },
    { "dtmf", 0, 0, G_OPTION_ARG_STRING, &dtmf, N_("Keypad keys to send once connected"), N_("KEYS") },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "call NUMBER",
                                         _("Calls a number or SIP address on a phone line and logs the call "
                                           "in the customer's ticket."), entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 1, 1, error))
    return FALSE;
  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;

  account = find_line (context, account_id, error);
  if (account == NULL)
    return FALSE;
  if (context->router == NULL)
    context->router = kefu_router_new (kefuctl_context_get_store (context));

  channel = g_object_new (kefu_channel_registry_lookup (KEFU_CHANNEL_KIND_PHONE),
                          "router", context->router, "account", account, NULL);
  g_signal_connect (channel, "call-logged", G_CALLBACK (on_call_logged), &run);
  kefu_channel_start_async (channel, context->cancellable, kefuctl_result_cb, &result);
  if (!kefu_channel_start_finish (channel, kefuctl_wait (&result), error))
    return FALSE;

  call = kefu_phone_channel_call (KEFU_PHONE_CHANNEL (channel), argv[1], error);
  if (call == NULL)
    {
      kefu_channel_stop (channel);
      return FALSE;
    }

  kefuctl_spin (context, (gboolean (*) (gpointer)) kefu_phone_call_is_settled, call, 60 * 1000);
  if (kefu_phone_call_get_state (call) == KEFU_PHONE_CALL_STATE_ACTIVE)
    {
      g_print (_("Connected in %.1f ms (%s).\n"), kefu_phone_call_get_setup_time (call) / 1000.0,
               kefu_phone_call_get_codec (call));
      if (dtmf != NULL && !kefu_phone_call_send_dtmf (call, dtmf, error))
        {
          kefu_phone_call_hangup (call);
          kefu_channel_stop (channel);
          return FALSE;
        }
      kefuctl_spin (context, NULL, NULL, MAX (seconds, 1) * 1000);
    }
  kefu_phone_call_hangup (call);
  kefuctl_spin (context, run_logged, &run, 10 * 1000);

  if (run.ticket_id > 0)
    g_print (_("Call ended: %s. Logged in ticket %" PRId64 ".\n"),
             kefu_enum_to_nick (KEFU_TYPE_PHONE_CALL_OUTCOME, kefu_phone_call_get_outcome (call)), run.ticket_id);
  else
    g_print (_("Call ended: %s.\n"),
             kefu_enum_to_nick (KEFU_TYPE_PHONE_CALL_OUTCOME, kefu_phone_call_get_outcome (call)));

  kefu_channel_stop (channel);
  kefuctl_spin (context, NULL, NULL, 1000);

  return TRUE;
}
