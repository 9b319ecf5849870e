/* kefu-chat-rate-limit.c: token buckets per visitor and per IP address.
 *
 * Each key has a bucket of @burst tokens that refills at @per_minute; a
 * frame takes one. Full buckets are forgotten so the table stays as small
 * as the set of keys that were busy recently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-chat-rate-limit.h"

#define MAX_KEYS 100000

typedef struct
{
  double tokens;
  gint64 updated_at;
} Bucket;

struct _KefuChatRateLimit
{
  GHashTable *buckets;   /* key → Bucket */
  double      burst;
  double      per_usec;
};

KefuChatRateLimit *
kefu_chat_rate_limit_new (guint burst,
                          guint per_minute)
{
  KefuChatRateLimit *self = g_new0 (KefuChatRateLimit, 1);

  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->burst = MAX (burst, 1);
  self->per_usec = MAX (per_minute, 1) / (60.0 * G_USEC_PER_SEC);

  return self;
}

void
kefu_chat_rate_limit_free (KefuChatRateLimit *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->buckets);
  g_free (self);
}

static void
forget_full_buckets (KefuChatRateLimit *self,
                     gint64             now)
{
  GHashTableIter iter;
  Bucket *bucket;

  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&bucket))
    if (bucket->tokens + (now - bucket->updated_at) * self->per_usec >= self->burst)
      g_hash_table_iter_remove (&iter);
}

/**
 * kefu_chat_rate_limit_take:
 * @now: monotonic time in microseconds
 *
 * Returns: %TRUE when @key may send one more frame now
 */
gboolean
kefu_chat_rate_limit_take (KefuChatRateLimit *self,
                           const char        *key,
                           gint64             now)
{
  Bucket *bucket = g_hash_table_lookup (self->buckets, key);

  if (bucket == NULL)
    {
      if (g_hash_table_size (self->buckets) >= MAX_KEYS)
        forget_full_buckets (self, now);
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = self->burst;
      bucket->updated_at = now;
      g_hash_table_insert (self->buckets, g_strdup (key), bucket);
    }

  bucket->tokens = MIN (self->burst, bucket->tokens + (now - bucket->updated_at) * self->per_usec);
  bucket->updated_at = now;
  if (bucket->tokens < 1.0)
    return FALSE;

  bucket->tokens -= 1.0;

  return TRUE;
}
