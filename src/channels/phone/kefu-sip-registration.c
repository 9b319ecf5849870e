/* kefu-sip-registration.c: keeps one SIP account registered, with refresh and backoff.
 *
 * nua refreshes a registration by itself before it expires. When the
 * registrar cannot be reached or answers with an error, the handle is dropped
 * and a new REGISTER is tried after 2, 4, 8 … seconds (at most 5 minutes);
 * a refused password is not retried until the account is started again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-sip-registration.h"

#include <glib/gi18n-lib.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/sip_tag.h>

#define BACKOFF_FIRST_S 2
#define BACKOFF_MAX_S   300

struct _KefuSipRegistration
{
  GObject parent_instance;

  /* owned */
  KefuSipStack     *stack;
  nua_handle_t     *handle;
  char             *registrar;
  char             *aor;
  char             *user;
  char             *auth_user;
  char             *password;
  char             *status_message;
  guint             retry_id;

  guint             expires;
  guint             backoff;
  guint             count;
  KefuChannelState  state;
  gboolean          auth_sent;
  gboolean          fatal;
};

G_DEFINE_FINAL_TYPE (KefuSipRegistration, kefu_sip_registration, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_state (KefuSipRegistration *self,
           KefuChannelState     state,
           char                *message)
{
  g_free (self->status_message);
  self->status_message = message;
  self->state = state;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
send_register (KefuSipRegistration *self)
{
  g_autofree char *expires = g_strdup_printf ("%u", self->expires);

  if (self->handle != NULL)
    nua_handle_destroy (self->handle);
  self->handle = nua_handle (kefu_sip_stack_get_nua (self->stack), NULL,
                             SIPTAG_TO_STR (self->aor), TAG_END ());
  self->auth_sent = FALSE;
  nua_register (self->handle,
                NUTAG_REGISTRAR (self->registrar),
                NUTAG_M_USERNAME (self->user),
                SIPTAG_EXPIRES_STR (expires),
                TAG_END ());
}

static gboolean
on_retry (gpointer user_data)
{
  KefuSipRegistration *self = user_data;

  self->retry_id = 0;
  set_state (self, KEFU_CHANNEL_STATE_CONNECTING, NULL);
  send_register (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (KefuSipRegistration *self)
{
  self->backoff = self->backoff == 0 ? BACKOFF_FIRST_S : MIN (self->backoff * 2, BACKOFF_MAX_S);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_id = g_timeout_add_seconds (self->backoff, on_retry, self);
}

KefuSipRegistration *
kefu_sip_registration_new (KefuSipStack *stack,
                           const char   *registrar,
                           const char   *aor,
                           const char   *user,
                           const char   *auth_user,
                           const char   *password,
                           guint         expires)
{
  KefuSipRegistration *self = g_object_new (KEFU_TYPE_SIP_REGISTRATION, NULL);

  self->stack = g_object_ref (stack);
  self->registrar = g_strdup (registrar);
  self->aor = g_strdup (aor);
  self->user = g_strdup (user);
  self->auth_user = g_strdup (auth_user);
  self->password = g_strdup (password);
  self->expires = expires > 0 ? expires : 300;

  return self;
}

void
kefu_sip_registration_start (KefuSipRegistration *self)
{
  g_return_if_fail (KEFU_IS_SIP_REGISTRATION (self));

  self->fatal = FALSE;
  self->backoff = 0;
  set_state (self, KEFU_CHANNEL_STATE_CONNECTING, NULL);
  send_register (self);
}

void
kefu_sip_registration_stop (KefuSipRegistration *self)
{
  g_return_if_fail (KEFU_IS_SIP_REGISTRATION (self));

  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->handle != NULL && self->state == KEFU_CHANNEL_STATE_ONLINE)
    nua_unregister (self->handle, TAG_END ());
  self->state = KEFU_CHANNEL_STATE_OFFLINE;
}

/* The credential string nua wants: scheme:"realm":user:password. */
static gboolean
authenticate (KefuSipRegistration *self,
              const sip_t         *sip)
{
  const msg_auth_t *challenge = NULL;
  const char *realm;
  g_autofree char *credentials = NULL;

  if (sip != NULL)
    challenge = sip->sip_www_authenticate != NULL ? sip->sip_www_authenticate : sip->sip_proxy_authenticate;
  if (challenge == NULL || challenge->au_scheme == NULL)
    return FALSE;

  realm = msg_params_find (challenge->au_params, "realm=");
  if (realm == NULL)
    return FALSE;

  credentials = g_strdup_printf ("%s:%s:%s:%s", challenge->au_scheme, realm,
                                 self->auth_user, self->password);
  nua_authenticate (self->handle, NUTAG_AUTH (credentials), TAG_END ());
  self->auth_sent = TRUE;

  return TRUE;
}

/**
 * kefu_sip_registration_handle_event:
 *
 * Returns: %TRUE if the event was about this registration
 */
gboolean
kefu_sip_registration_handle_event (KefuSipRegistration *self,
                                    nua_event_t          event,
                                    int                  status,
                                    const char          *phrase,
                                    nua_handle_t        *nh,
                                    const sip_t         *sip)
{
  g_return_val_if_fail (KEFU_IS_SIP_REGISTRATION (self), FALSE);

  if (nh == NULL || nh != self->handle)
    return FALSE;

  if (event == nua_r_unregister)
    return TRUE;
  if (event != nua_r_register || status < 200)
    return event == nua_r_register || event == nua_i_outbound;

  g_debug ("REGISTER %s: %d %s", self->aor, status, phrase);

  if (status >= 200 && status < 300)
    {
      self->backoff = 0;
      self->count++;
      set_state (self, KEFU_CHANNEL_STATE_ONLINE,
                 g_strdup_printf (_("Registered as %s."), self->aor));
    }
  else if ((status == 401 || status == 407) && !self->auth_sent && self->password != NULL &&
           authenticate (self, sip))
    {
      /* The answer to the challenge comes as another nua_r_register. */
    }
  else if (status == 401 || status == 407 || status == 403 || status == 904)
    {
      self->fatal = TRUE;
      set_state (self, KEFU_CHANNEL_STATE_ERROR,
                 self->password == NULL
                 ? g_strdup_printf (_("The registrar asks for a password for %s; enter it in the account settings."),
                                    self->auth_user)
                 : g_strdup_printf (_("The registrar refused %s: the user name or password is wrong (%d %s)."),
                                    self->auth_user, status, phrase));
    }
  else
    {
      schedule_retry (self);
      set_state (self, KEFU_CHANNEL_STATE_ERROR,
                 /* Translators: %1$s is a SIP server, %2$d %3$s its answer, %4$u seconds */
                 g_strdup_printf (_("The registrar %1$s could not be reached (%2$d %3$s); trying again in %4$u s."),
                                  self->registrar, status, phrase, self->backoff));
    }

  return TRUE;
}

KefuChannelState
kefu_sip_registration_get_state (KefuSipRegistration *self)
{
  g_return_val_if_fail (KEFU_IS_SIP_REGISTRATION (self), KEFU_CHANNEL_STATE_OFFLINE);

  return self->state;
}

const char *
kefu_sip_registration_get_status_message (KefuSipRegistration *self)
{
  g_return_val_if_fail (KEFU_IS_SIP_REGISTRATION (self), NULL);

  return self->status_message;
}

/* How many times the registrar accepted us: refreshes included. */
guint
kefu_sip_registration_get_count (KefuSipRegistration *self)
{
  g_return_val_if_fail (KEFU_IS_SIP_REGISTRATION (self), 0);

  return self->count;
}

/* TRUE when retrying is pointless (wrong password) until settings change. */
gboolean
kefu_sip_registration_get_fatal (KefuSipRegistration *self)
{
  g_return_val_if_fail (KEFU_IS_SIP_REGISTRATION (self), FALSE);

  return self->fatal;
}

static void
kefu_sip_registration_dispose (GObject *object)
{
  KefuSipRegistration *self = (KefuSipRegistration *) object;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_pointer (&self->handle, nua_handle_destroy);
  g_clear_object (&self->stack);

  G_OBJECT_CLASS (kefu_sip_registration_parent_class)->dispose (object);
}

static void
kefu_sip_registration_finalize (GObject *object)
{
  KefuSipRegistration *self = (KefuSipRegistration *) object;

  g_free (self->registrar);
  g_free (self->aor);
  g_free (self->user);
  g_free (self->auth_user);
  g_free (self->password);
  g_free (self->status_message);

  G_OBJECT_CLASS (kefu_sip_registration_parent_class)->finalize (object);
}

static void
kefu_sip_registration_class_init (KefuSipRegistrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_sip_registration_dispose;
  object_class->finalize = kefu_sip_registration_finalize;

  /* The state or the status message changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kefu_sip_registration_init (KefuSipRegistration *self)
{
}
