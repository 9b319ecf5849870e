/* kefu-email-sync.c: the IMAP thread: first sync, IDLE (or polling), reconnects with backoff.
 *
 * Every batch of messages is committed by the router together with the
 * mailbox checkpoint "<uidvalidity>:<last uid>" in one transaction, and the
 * thread moves on only after that commit: a kill at any moment loses
 * nothing, and what is fetched again is recognised by its Message-ID. A
 * changed UIDVALIDITY starts over from the first-sync window, also without
 * duplicates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kefu-email-channel-private.h"
#include "kefu-email-imap.h"
#include "kefu-store-email.h"

#define BATCH_SIZE     50
#define IDLE_SECONDS   (25 * 60)   /* servers drop IDLE after 30 minutes */
#define MAX_BACKOFF    300

typedef struct
{
  KefuEmailChannel *channel;       /* a reference, dropped on the main thread */
  GMainContext     *main_context;
  KefuEmailConfig  *config;
  char             *password;
  char             *own_address;
  gint64            account_id;
  GCancellable     *cancellable;
  guint32           uidvalidity;
  guint32           last_uid;

  /* the hand-over of a batch to the main thread and back */
  GMutex            mutex;
  GCond             cond;
  gboolean          done;
  GError           *error;
} Sync;

typedef struct
{
  Sync      *sync;
  GPtrArray *parsed;        /* KefuEmailParsed */
  GPtrArray *inbounds;      /* borrowed from parsed */
  GPtrArray *kept;          /* KefuEmailParsed borrowed, parallel to inbounds */
  char      *key;
  char      *checkpoint;
  guint      next_bounce;
} Batch;

static gboolean
unref_channel_cb (gpointer user_data)
{
  g_object_unref (user_data);

  return G_SOURCE_REMOVE;
}

static void
sync_free (Sync *sync)
{
  g_main_context_invoke (sync->main_context, unref_channel_cb, sync->channel);
  g_main_context_unref (sync->main_context);
  kefu_email_config_free (sync->config);
  if (sync->password != NULL)
    memset (sync->password, 0, strlen (sync->password));
  g_free (sync->password);
  g_free (sync->own_address);
  g_object_unref (sync->cancellable);
  g_mutex_clear (&sync->mutex);
  g_cond_clear (&sync->cond);
  g_clear_error (&sync->error);
  g_free (sync);
}

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->parsed);
  g_ptr_array_unref (batch->inbounds);
  g_ptr_array_unref (batch->kept);
  g_free (batch->key);
  g_free (batch->checkpoint);
  g_free (batch);
}

static void
batch_done (Batch  *batch,
            GError *error)
{
  Sync *sync = batch->sync;

  g_mutex_lock (&sync->mutex);
  sync->error = error;
  sync->done = TRUE;
  g_cond_signal (&sync->cond);
  g_mutex_unlock (&sync->mutex);

  batch_free (batch);
}

static void
receive_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr (GPtrArray) deliveries = NULL;
  GError *error = NULL;

  deliveries = kefu_router_receive_many_finish (KEFU_ROUTER (object), result, &error);
  if (deliveries == NULL)
    {
      batch_done (batch, error);
      return;
    }

  for (guint i = 0; i < deliveries->len && i < batch->kept->len; i++)
    _kefu_email_outbox_after_receive (batch->sync->channel, g_ptr_array_index (batch->kept, i),
                                      g_ptr_array_index (deliveries, i));

  batch_done (batch, NULL);
}

static void next_bounce (Batch *batch);

static void
bounce_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Batch *batch = user_data;
  KefuEmailParsed *parsed = g_ptr_array_index (batch->parsed, batch->next_bounce);
  GError *error = NULL;
  gint64 ticket_id;

  ticket_id = kefu_store_record_bounce_finish (KEFU_STORE (object), result, &error);
  if (ticket_id < 0)
    {
      batch_done (batch, error);
      return;
    }

  /* A bounce about a reply Kefu never sent is kept as an ordinary message. */
  if (ticket_id == 0)
    {
      g_ptr_array_add (batch->inbounds, parsed->inbound);
      g_ptr_array_add (batch->kept, parsed);
    }
  else
    g_message ("%s: a reply to ticket %" G_GINT64_FORMAT " bounced", kefu_account_get_name (batch->sync->channel->account), ticket_id);

  batch->next_bounce++;
  next_bounce (batch);
}

/* Main thread: bounces first (they mark replies failed), then everything
 * else with the checkpoint, in one transaction. */
static void
next_bounce (Batch *batch)
{
  KefuEmailChannel *channel = batch->sync->channel;

  for (; batch->next_bounce < batch->parsed->len; batch->next_bounce++)
    {
      KefuEmailParsed *parsed = g_ptr_array_index (batch->parsed, batch->next_bounce);

      if (parsed->bounce && parsed->bounced_message_id != NULL)
        {
          kefu_store_record_bounce_async (kefu_router_get_store (channel->router), KEFU_CHANNEL_KIND_EMAIL,
                                          parsed->bounced_message_id, parsed->bounce_reason,
                                          NULL, bounce_cb, batch);
          return;
        }
      /* Kefu's own mail, copied back into the mailbox, is not a customer's. */
      if (g_ascii_strcasecmp (parsed->inbound->sender, batch->sync->own_address) == 0)
        continue;
      g_ptr_array_add (batch->inbounds, parsed->inbound);
      g_ptr_array_add (batch->kept, parsed);
    }

  kefu_router_receive_many_async (channel->router, batch->inbounds, batch->key,
                                  batch->checkpoint, NULL, receive_cb, batch);
}

static gboolean
ingest_cb (gpointer user_data)
{
  next_bounce (user_data);

  return G_SOURCE_REMOVE;
}

/* IMAP thread: hands a batch to the main thread and waits for its commit. */
static gboolean
ingest (Sync       *sync,
        GPtrArray  *parsed,
        guint32     uidvalidity,
        guint32     last_uid,
        GError    **error)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->sync = sync;
  batch->parsed = g_ptr_array_ref (parsed);
  batch->inbounds = g_ptr_array_new ();
  batch->kept = g_ptr_array_new ();
  batch->key = g_strdup_printf ("email.%" G_GINT64_FORMAT ".uid", sync->account_id);
  batch->checkpoint = g_strdup_printf ("%u:%u", uidvalidity, last_uid);

  g_mutex_lock (&sync->mutex);
  sync->done = FALSE;
  g_main_context_invoke (sync->main_context, ingest_cb, batch);
  while (!sync->done)
    g_cond_wait (&sync->cond, &sync->mutex);
  g_mutex_unlock (&sync->mutex);

  if (sync->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sync->error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
fetch_and_ingest (Sync           *sync,
                  KefuEmailImap  *imap,
                  guint32         uidvalidity,
                  GArray         *uids,
                  GError        **error)
{
  for (guint start = 0; start < uids->len; start += BATCH_SIZE)
    {
      guint n = MIN (BATCH_SIZE, uids->len - start);
      g_autoptr (GPtrArray) fetched = NULL;
      g_autoptr (GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_email_parsed_free);
      guint32 last = g_array_index (uids, guint32, start + n - 1);

      if (g_cancellable_set_error_if_cancelled (sync->cancellable, error))
        return FALSE;

      fetched = kefu_email_imap_fetch (imap, &g_array_index (uids, guint32, start), n, error);
      if (fetched == NULL)
        return FALSE;

      for (guint i = 0; i < fetched->len; i++)
        {
          KefuEmailFetched *one = g_ptr_array_index (fetched, i);

          g_ptr_array_add (parsed, kefu_email_parse (one->raw, sync->account_id));
        }

      if (!ingest (sync, parsed, uidvalidity, last, error))
        return FALSE;
      sync->uidvalidity = uidvalidity;
      sync->last_uid = last;
      g_debug ("Stored up to UID %u (%u messages)", last, fetched->len);
    }

  return TRUE;
}

/* One session: connect, catch up, then wait for news until something breaks. */
static gboolean
run_session (Sync    *sync,
             GError **error)
{
  g_autoptr (KefuEmailImap) imap = NULL;
  guint32 uidvalidity = 0;
  guint32 uidnext = 0;

  imap = kefu_email_imap_connect (sync->config, sync->password, NULL, error);
  if (imap == NULL || !kefu_email_imap_select (imap, sync->config->folder, &uidvalidity, &uidnext, error))
    return FALSE;

  _kefu_email_channel_post_state (sync->channel, KEFU_CHANNEL_STATE_ONLINE,
                                  kefu_email_imap_has_idle (imap) ? NULL
                                  : _("The server cannot announce new mail; Kefu checks regularly."));

  /* First connection, or the server renumbered the folder. */
  if (uidvalidity != sync->uidvalidity)
    {
      g_autoptr (GArray) uids = NULL;
      guint32 last = uidnext > 0 ? uidnext - 1 : 0;

      if (sync->uidvalidity != 0)
        g_message ("%s: the server renumbered “%s”; reading the last %u days again",
                   sync->config->user, sync->config->folder, sync->config->first_sync_days);

      uids = kefu_email_imap_search (imap, 0, MAX (1, sync->config->first_sync_days), error);
      if (uids == NULL || !fetch_and_ingest (sync, imap, uidvalidity, uids, error))
        return FALSE;

      /* Remember the folder's end even when nothing was recent. */
      if (uids->len > 0)
        last = MAX (last, g_array_index (uids, guint32, uids->len - 1));
      if (last > sync->last_uid || sync->uidvalidity != uidvalidity)
        {
          g_autoptr (GPtrArray) none = g_ptr_array_new ();

          if (!ingest (sync, none, uidvalidity, last, error))
            return FALSE;
          sync->uidvalidity = uidvalidity;
          sync->last_uid = last;
        }
    }

  for (;;)
    {
      g_autoptr (GArray) uids = kefu_email_imap_search (imap, sync->last_uid, 0, error);

      if (uids == NULL || !fetch_and_ingest (sync, imap, uidvalidity, uids, error))
        return FALSE;

      if (g_cancellable_set_error_if_cancelled (sync->cancellable, error))
        return FALSE;
      if (!kefu_email_imap_wait (imap, kefu_email_imap_has_idle (imap) ? IDLE_SECONDS
                                                                        : sync->config->poll_interval,
                                 sync->cancellable, error))
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (sync->cancellable, error))
        return FALSE;
    }
}

static gpointer
sync_thread (gpointer data)
{
  Sync *sync = data;
  guint backoff = 1;

  while (!g_cancellable_is_cancelled (sync->cancellable))
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *message = NULL;
      int fd;

      if (run_session (sync, &error) || g_cancellable_is_cancelled (sync->cancellable))
        break;

      /* Translators: %1$s says what went wrong, %2$u is a number of seconds */
      message = g_strdup_printf (_("%1$s Trying again in %2$u s."), error->message, backoff);
      _kefu_email_channel_post_state (sync->channel, KEFU_CHANNEL_STATE_ERROR, message);

      fd = g_cancellable_get_fd (sync->cancellable);
      if (fd >= 0)
        {
          GPollFD pollfd = { fd, G_IO_IN, 0 };

          g_poll (&pollfd, 1, (int)backoff * 1000);
          g_cancellable_release_fd (sync->cancellable);
        }
      backoff = MIN (backoff * 2, MAX_BACKOFF);
      if (!g_cancellable_is_cancelled (sync->cancellable))
        _kefu_email_channel_post_state (sync->channel, KEFU_CHANNEL_STATE_CONNECTING, NULL);
    }

  sync_free (sync);

  return NULL;
}

/**
 * _kefu_email_sync_start:
 *
 * Starts the IMAP thread of @self with its current settings and password.
 * Main thread.
 */
void
_kefu_email_sync_start (KefuEmailChannel *self)
{
  Sync *sync = g_new0 (Sync, 1);
  g_autofree char *name = g_strdup_printf ("kefu-imap-%" G_GINT64_FORMAT, kefu_account_get_id (self->account));
  g_autofree char *json = kefu_email_config_to_json (self->config);

  sync->channel = g_object_ref (self);
  sync->main_context = g_main_context_ref (self->main_context);
  sync->config = kefu_email_config_new_from_json (json, NULL);
  sync->password = g_strdup (self->password);
  sync->own_address = g_strdup (kefu_account_get_address (self->account) ? kefu_account_get_address (self->account)
                                                                          : self->config->user);
  sync->account_id = kefu_account_get_id (self->account);
  sync->cancellable = g_object_ref (self->cancellable);
  sync->uidvalidity = self->uidvalidity;
  sync->last_uid = self->last_uid;
  g_mutex_init (&sync->mutex);
  g_cond_init (&sync->cond);

  g_thread_unref (g_thread_new (name, sync_thread, sync));
}
