/* kefu-archive.c: the archive's error domain and the time format both halves use.
 *
 * Times in an archive are ISO 8601 in UTC with microseconds when there are
 * any ("2025-03-01T08:15:30.250000Z"), and null for "not yet", so that a file
 * is readable by a person and converts back to the exact stored value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-archive-private.h"

G_DEFINE_QUARK (kefu-import-error-quark, kefu_import_error)

/**
 * _kefu_archive_format_time:
 * @usec: microseconds since the epoch, UTC; 0 is "not yet"
 *
 * Returns: (transfer full) (nullable): ISO 8601 text, or %NULL for 0
 */
char *
_kefu_archive_format_time (gint64 usec)
{
  g_autoptr (GDateTime) seconds = NULL;
  g_autoptr (GDateTime) exact = NULL;
  gint64 secs;
  gint64 rest;

  if (usec == 0)
    return NULL;

  secs = usec / G_USEC_PER_SEC;
  rest = usec % G_USEC_PER_SEC;
  if (rest < 0)
    {
      secs -= 1;
      rest += G_USEC_PER_SEC;
    }

  seconds = g_date_time_new_from_unix_utc (secs);
  if (seconds == NULL)
    return NULL;
  exact = g_date_time_add (seconds, rest);
  if (exact == NULL)
    return NULL;

  return g_date_time_format_iso8601 (exact);
}

/**
 * _kefu_archive_parse_time:
 * @text: ISO 8601 with a time zone
 * @usec: (out): microseconds since the epoch
 *
 * Returns: whether @text is a time
 */
gboolean
_kefu_archive_parse_time (const char *text,
                          gint64     *usec)
{
  g_autoptr (GDateTime) time = NULL;

  if (text == NULL)
    return FALSE;

  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return FALSE;

  *usec = g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);

  return TRUE;
}
