/* kefu-snooze-waker.c: brings snoozed tickets back when their time comes.
 *
 * A main-loop timer asks the store to wake every snooze that is due; the
 * store does it in one write on its own thread and announces the tickets
 * through "changed", so lists and counts follow by themselves. A tick
 * while the previous one is still running is skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-snooze-waker.h"
#include "kefu-store-inbox.h"

struct _KefuSnoozeWaker
{
  GObject       parent_instance;

  KefuStore    *store;
  GCancellable *cancellable;
  guint         source;
  guint         interval_ms;
  guint         woken;
  gboolean      running;
};

G_DEFINE_FINAL_TYPE (KefuSnoozeWaker, kefu_snooze_waker, G_TYPE_OBJECT)

static void
wake_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KefuSnoozeWaker *self = user_data;
  g_autoptr (GArray) woken = NULL;
  g_autoptr (GError) error = NULL;

  woken = kefu_store_wake_snoozes_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }

  self->running = FALSE;
  if (error != NULL)
    g_debug ("Snoozed tickets not woken: %s", error->message);
  else if (woken->len > 0)
    {
      self->woken += woken->len;
      g_debug ("Woke %u snoozed tickets", woken->len);
    }
  g_object_unref (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  kefu_snooze_waker_wake_now (user_data);

  return G_SOURCE_CONTINUE;
}

static void
kefu_snooze_waker_dispose (GObject *object)
{
  KefuSnoozeWaker *self = KEFU_SNOOZE_WAKER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->source, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kefu_snooze_waker_parent_class)->dispose (object);
}

static void
kefu_snooze_waker_finalize (GObject *object)
{
  KefuSnoozeWaker *self = KEFU_SNOOZE_WAKER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kefu_snooze_waker_parent_class)->finalize (object);
}

static void
kefu_snooze_waker_class_init (KefuSnoozeWakerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_snooze_waker_dispose;
  object_class->finalize = kefu_snooze_waker_finalize;
}

static void
kefu_snooze_waker_init (KefuSnoozeWaker *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * kefu_snooze_waker_new:
 *
 * Returns: (transfer full): a waker that checks @store at once and then
 *   every %KEFU_SNOOZE_WAKER_DEFAULT_INTERVAL_MS
 */
KefuSnoozeWaker *
kefu_snooze_waker_new (KefuStore *store)
{
  KefuSnoozeWaker *self;

  g_return_val_if_fail (KEFU_IS_STORE (store), NULL);

  self = g_object_new (KEFU_TYPE_SNOOZE_WAKER, NULL);
  self->store = g_object_ref (store);
  kefu_snooze_waker_set_interval (self, KEFU_SNOOZE_WAKER_DEFAULT_INTERVAL_MS);
  kefu_snooze_waker_wake_now (self);

  return self;
}

/* How often to look for due snoozes; tests make it short. */
void
kefu_snooze_waker_set_interval (KefuSnoozeWaker *self,
                                guint            interval_ms)
{
  g_return_if_fail (KEFU_IS_SNOOZE_WAKER (self));
  g_return_if_fail (interval_ms > 0);

  self->interval_ms = interval_ms;
  g_clear_handle_id (&self->source, g_source_remove);
  self->source = g_timeout_add (interval_ms, tick_cb, self);
}

/* Wakes what is due now, unless a wake-up is already running. */
void
kefu_snooze_waker_wake_now (KefuSnoozeWaker *self)
{
  g_return_if_fail (KEFU_IS_SNOOZE_WAKER (self));

  if (self->running || self->store == NULL)
    return;

  self->running = TRUE;
  kefu_store_wake_snoozes_async (self->store, g_get_real_time (), self->cancellable,
                                 wake_cb, g_object_ref (self));
}

/* How many tickets this waker brought back so far. */
guint
kefu_snooze_waker_get_woken (KefuSnoozeWaker *self)
{
  g_return_val_if_fail (KEFU_IS_SNOOZE_WAKER (self), 0);

  return self->woken;
}
