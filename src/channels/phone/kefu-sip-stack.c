/* kefu-sip-stack.c: one sofia-sip nua user agent, driven by the GLib main loop.
 *
 * sofia's root is the su_glib one: its sockets and timers are a GSource on
 * the main context, so every nua callback runs on the main thread (as in
 * GNOME Calls). nua must be shut down, and the shutdown event awaited,
 * before nua_destroy(), or sofia aborts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-sip-stack.h"

#include <glib/gi18n-lib.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_tag.h>
#include <sofia-sip/soa_tag.h>
#include <sofia-sip/su_glib.h>
#include <sofia-sip/su_log.h>
#include <sofia-sip/su_uniqueid.h>

#include "kefu-channel.h"

#define SHUTDOWN_SPIN_US (3 * G_USEC_PER_SEC)

struct _KefuSipStack
{
  GObject parent_instance;

  su_root_t        *root;
  GSource          *source;
  nua_t            *nua;
  KefuSipEventFunc  func;
  gpointer          user_data;
  GTask            *shutdown_task;
  gboolean          shutdown_done;
};

G_DEFINE_FINAL_TYPE (KefuSipStack, kefu_sip_stack, G_TYPE_OBJECT)

/* sofia-sip 1.12's library destructor deletes its random-number thread key
 * even when it never created it, i.e. key 0, which GLib owns in every
 * program linking us (kefuctl, kefu): GLib then aborts in
 * pthread_setspecific at exit (sofia-sip issue 58, seen by GNOME Calls).
 * Drawing one random number at load time makes sofia create its own key. */
__attribute__((constructor)) static void
make_sofia_own_its_key (void)
{
  (void) su_random ();
}

static void
init_sofia_once (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      su_init ();
      /* sofia logs to stderr by default; keep it quiet unless asked. */
      if (g_getenv ("KEFU_SIP_DEBUG") == NULL)
        {
          su_log_set_level (NULL, 0);
          su_log_set_level (su_log_global, 0);
        }
      g_once_init_leave (&initialized, 1);
    }
}

static void
on_nua_event (nua_event_t   event,
              int           status,
              char const   *phrase,
              nua_t        *nua,
              nua_magic_t  *magic,
              nua_handle_t *nh,
              nua_hmagic_t *hmagic,
              sip_t const  *sip,
              tagi_t        tags[])
{
  KefuSipStack *self = (KefuSipStack *) magic;

  if (event == nua_r_shutdown)
    {
      if (status >= 200)
        {
          g_autoptr (GTask) task = g_steal_pointer (&self->shutdown_task);

          self->shutdown_done = TRUE;
          if (task != NULL)
            g_task_return_boolean (task, TRUE);
        }
      return;
    }

  if (self->func != NULL && !self->shutdown_done)
    self->func (event, status, phrase, nh, sip, tags, self->user_data);
}

/**
 * kefu_sip_stack_new:
 * @bind_url: where to listen, "sip:127.0.0.1:5080" or "sip:*:*"
 * @from: the account's address of record
 * @outbound_proxy: (nullable): every request goes there first
 * @func: receives every nua event on the main thread
 *
 * Returns: (transfer full): the stack, or %NULL with @error set
 */
KefuSipStack *
kefu_sip_stack_new (const char        *bind_url,
                    const char        *from,
                    const char        *outbound_proxy,
                    KefuSipEventFunc   func,
                    gpointer           user_data,
                    GError           **error)
{
  g_autoptr (KefuSipStack) self = NULL;

  init_sofia_once ();

  self = g_object_new (KEFU_TYPE_SIP_STACK, NULL);
  self->func = func;
  self->user_data = user_data;
  self->root = su_glib_root_create (NULL);
  if (self->root == NULL)
    {
      g_set_error_literal (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                           _("The SIP engine could not start."));
      return NULL;
    }
  self->source = su_glib_root_gsource (self->root);
  g_source_attach (self->source, g_main_context_get_thread_default ());

  self->nua = nua_create (self->root, on_nua_event, (nua_magic_t *) self,
                          NUTAG_URL (bind_url),
                          SIPTAG_FROM_STR (from),
                          TAG_IF (outbound_proxy != NULL, NUTAG_PROXY (outbound_proxy)),
                          NUTAG_USER_AGENT ("Kefu/" PACKAGE_VERSION),
                          SIPTAG_ALLOW_STR ("INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE"),
                          SIPTAG_SUPPORTED_STR ("replaces"),
                          NUTAG_AUTOANSWER (0),
                          NUTAG_AUTOACK (1),
                          NUTAG_AUTOALERT (0),
                          NUTAG_ENABLEINVITE (1),
                          NUTAG_MEDIA_ENABLE (1),
                          NUTAG_SESSION_TIMER (0),
                          NUTAG_OUTBOUND ("no-validate no-options-keepalive"),
                          TAG_NULL ());
  if (self->nua == NULL)
    {
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                   _("Could not listen for calls at %s; another program may be using that port."),
                   bind_url);
      return NULL;
    }

  return g_steal_pointer (&self);
}

nua_t *
kefu_sip_stack_get_nua (KefuSipStack *self)
{
  g_return_val_if_fail (KEFU_IS_SIP_STACK (self), NULL);

  return self->nua;
}

/**
 * kefu_sip_stack_shutdown_async:
 *
 * Ends every call and registration and closes the sockets; completes when
 * sofia says it is done (at most a few seconds).
 */
void
kefu_sip_stack_shutdown_async (KefuSipStack        *self,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, kefu_sip_stack_shutdown_async);

  if (self->nua == NULL || self->shutdown_done || self->shutdown_task != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->shutdown_task = g_steal_pointer (&task);
  nua_shutdown (self->nua);
}

gboolean
kefu_sip_stack_shutdown_finish (KefuSipStack  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
kefu_sip_stack_dispose (GObject *object)
{
  KefuSipStack *self = (KefuSipStack *) object;

  /* Nobody waited for the shutdown: do it here, bounded, so nua_destroy() is safe. */
  if (self->nua != NULL)
    {
      gint64 deadline = g_get_monotonic_time () + SHUTDOWN_SPIN_US;

      if (!self->shutdown_done && self->shutdown_task == NULL)
        nua_shutdown (self->nua);
      while (!self->shutdown_done && g_get_monotonic_time () < deadline)
        su_root_step (self->root, 100);
      if (self->shutdown_done)
        nua_destroy (self->nua);
      else
        g_debug ("SIP stack did not shut down in time; leaking it");
      self->nua = NULL;
    }
  if (self->shutdown_task != NULL)
    g_task_return_boolean (g_steal_pointer (&self->shutdown_task), TRUE);

  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      self->source = NULL;
    }
  g_clear_pointer (&self->root, su_root_destroy);

  G_OBJECT_CLASS (kefu_sip_stack_parent_class)->dispose (object);
}

static void
kefu_sip_stack_class_init (KefuSipStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_sip_stack_dispose;
}

static void
kefu_sip_stack_init (KefuSipStack *self)
{
}
