/* kefu-json.c: writing Kefu's records as JSON, the same way everywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-core-types.h"
#include "kefu-json.h"

/**
 * kefu_json_format_time:
 * @usec: microseconds since the epoch, UTC; 0 is "not yet"
 *
 * Returns: (transfer full) (nullable): ISO 8601 text, or %NULL for 0
 */
char *
kefu_json_format_time (gint64 usec)
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
 * kefu_json_parse_time:
 * @text: ISO 8601 with a time zone
 * @usec: (out): microseconds since the epoch
 *
 * Returns: whether @text is a time
 */
gboolean
kefu_json_parse_time (const char *text,
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

/* A NULL @value is written as null. */
void
kefu_json_add_string (JsonBuilder *builder,
                      const char  *name,
                      const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
kefu_json_add_int (JsonBuilder *builder,
                   const char  *name,
                   gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* Optional references (an assignee, an agent, an account) are null when 0. */
void
kefu_json_add_ref (JsonBuilder *builder,
                   const char  *name,
                   gint64       id)
{
  json_builder_set_member_name (builder, name);
  if (id > 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
}

void
kefu_json_add_time (JsonBuilder *builder,
                    const char  *name,
                    gint64       usec)
{
  g_autofree char *text = kefu_json_format_time (usec);

  kefu_json_add_string (builder, name, text);
}

/* Enums are written by their nick ("open", "email"). */
void
kefu_json_add_enum (JsonBuilder *builder,
                    const char  *name,
                    GType        enum_type,
                    int          value)
{
  kefu_json_add_string (builder, name, kefu_enum_to_nick (enum_type, value));
}
