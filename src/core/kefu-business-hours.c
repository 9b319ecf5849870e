/* kefu-business-hours.c: the shop's timetable and working-time arithmetic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every computation walks local calendar days in the shop's zone and turns
 * each opening interval of a day into two absolute instants with
 * g_date_time_new(), so DST changes (a 23- or 25-hour day) are counted as
 * they happened, not as a fixed 24 hours.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kefu-business-hours.h"

/* How far the walk goes looking for an opening before giving up: two years
 * plus every holiday, so even a long closure ends. */
#define MAX_CLOSED_DAYS (2 * 366)

typedef struct
{
  int open_minute;
  int close_minute;
} Interval;

/* One opening of a prepared span, with the working time before it. */
typedef struct
{
  gint64 start;
  gint64 end;
  gint64 before;
} Opening;

struct _KefuBusinessHours
{
  gatomicrefcount  ref_count;
  char            *time_zone;     /* "" for local */
  GTimeZone       *tz;
  GArray          *week[7];       /* of Interval, sorted; index 0 = Monday */
  GHashTable      *holidays;      /* julian day → itself */
  guint            n_intervals;

  /* kefu_business_hours_prepare(): openings of [cache_from, cache_to) */
  GRWLock          cache_lock;
  GArray          *cache;         /* of Opening, by start */
  gint64           cache_from;
  gint64           cache_to;
};

G_DEFINE_QUARK (kefu-business-hours-error-quark, kefu_business_hours_error)
G_DEFINE_BOXED_TYPE (KefuBusinessHours, kefu_business_hours,
                     kefu_business_hours_ref, kefu_business_hours_unref)

static const char *day_keys[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static GTimeZone *
time_zone_for (const char  *identifier,
               GError     **error)
{
  GTimeZone *tz;

  if (identifier == NULL || identifier[0] == '\0')
    return g_time_zone_new_local ();

  tz = g_time_zone_new_identifier (identifier);
  if (tz == NULL)
    g_set_error (error, KEFU_BUSINESS_HOURS_ERROR, KEFU_BUSINESS_HOURS_ERROR_INVALID,
                 _("“%s” is not a time zone this computer knows; use a name like Asia/Shanghai"),
                 identifier);
  return tz;
}

static KefuBusinessHours *
business_hours_new (const char *time_zone,
                    GTimeZone  *tz)
{
  KefuBusinessHours *self = g_new0 (KefuBusinessHours, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->time_zone = g_strdup (time_zone != NULL ? time_zone : "");
  self->tz = tz;
  for (guint i = 0; i < 7; i++)
    self->week[i] = g_array_new (FALSE, FALSE, sizeof (Interval));
  self->holidays = g_hash_table_new (NULL, NULL);
  g_rw_lock_init (&self->cache_lock);
  return self;
}

/* The local calendar day @when falls on. */
static void
local_date (KefuBusinessHours *self,
            gint64             when,
            GDate             *date)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (when / G_USEC_PER_SEC - (when % G_USEC_PER_SEC < 0));
  g_autoptr (GDateTime) local = NULL;
  int y, m, d;

  g_date_clear (date, 1);
  if (utc == NULL)
    {
      g_date_set_dmy (date, 1, 1, 1970);
      return;
    }
  local = g_date_time_to_timezone (utc, self->tz);
  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_set_dmy (date, d, m, y);
}

/* The instant of @minute (0‥1440) on local @date. */
static gint64
local_instant (KefuBusinessHours *self,
               const GDate       *date,
               int                minute)
{
  g_autoptr (GDateTime) dt = NULL;
  GDate day = *date;

  if (minute >= 24 * 60)
    {
      g_date_add_days (&day, 1);
      minute -= 24 * 60;
    }
  dt = g_date_time_new (self->tz, g_date_get_year (&day), g_date_get_month (&day),
                        g_date_get_day (&day), minute / 60, minute % 60, 0);
  if (dt == NULL)
    return 0;
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static GArray *
intervals_of (KefuBusinessHours *self,
              const GDate       *date)
{
  if (g_hash_table_contains (self->holidays, GUINT_TO_POINTER (g_date_get_julian (date))))
    return NULL;
  return self->week[g_date_get_weekday (date) - 1];
}

static gboolean
parse_minute (const char *text,
              int        *minute)
{
  guint64 h, m;
  char *end;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  h = g_ascii_strtoull (text, &end, 10);
  if (*end != ':' || !g_ascii_isdigit (end[1]) || !g_ascii_isdigit (end[2]) || end[3] != '\0')
    return FALSE;
  m = g_ascii_strtoull (end + 1, NULL, 10);
  if (h > 24 || m > 59 || (h == 24 && m != 0) || end - text > 2)
    return FALSE;
  *minute = (int)(h * 60 + m);
  return TRUE;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint y, m, d;
  char tail;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static gboolean
invalid (GError     **error,
         const char  *what)
{
  g_set_error (error, KEFU_BUSINESS_HOURS_ERROR, KEFU_BUSINESS_HOURS_ERROR_INVALID,
               _("The business hours are not valid: %s"), what);
  return FALSE;
}

static gboolean
load_week (KefuBusinessHours  *self,
           JsonNode           *node,
           GError            **error)
{
  JsonObject *week;
  g_autoptr (GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("“week” must be an object of weekdays"));
  week = json_node_get_object (node);
  members = json_object_get_members (week);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *day_node = json_object_get_member (week, key);
      JsonArray *day;
      int weekday = -1;

      for (int i = 0; i < 7; i++)
        if (g_str_equal (key, day_keys[i]))
          weekday = i + 1;
      if (weekday < 0)
        return invalid (error, _("a weekday must be one of mon, tue, wed, thu, fri, sat, sun"));
      if (!JSON_NODE_HOLDS_ARRAY (day_node))
        return invalid (error, _("each weekday must be a list of [\"HH:MM\", \"HH:MM\"] pairs"));
      day = json_node_get_array (day_node);
      for (guint i = 0; i < json_array_get_length (day); i++)
        {
          JsonNode *pair_node = json_array_get_element (day, i);
          JsonArray *pair;
          int open_minute, close_minute;

          if (!JSON_NODE_HOLDS_ARRAY (pair_node) ||
              json_array_get_length (pair = json_node_get_array (pair_node)) != 2 ||
              !JSON_NODE_HOLDS_VALUE (json_array_get_element (pair, 0)) ||
              !JSON_NODE_HOLDS_VALUE (json_array_get_element (pair, 1)) ||
              json_node_get_value_type (json_array_get_element (pair, 0)) != G_TYPE_STRING ||
              json_node_get_value_type (json_array_get_element (pair, 1)) != G_TYPE_STRING ||
              !parse_minute (json_array_get_string_element (pair, 0), &open_minute) ||
              !parse_minute (json_array_get_string_element (pair, 1), &close_minute))
            return invalid (error, _("an opening interval must be [\"HH:MM\", \"HH:MM\"] from 00:00 to 24:00"));
          if (!kefu_business_hours_add_interval (self, weekday, open_minute, close_minute, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
load_holidays (KefuBusinessHours  *self,
               JsonNode           *node,
               GError            **error)
{
  JsonArray *holidays;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("“holidays” must be a list of dates"));
  holidays = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (holidays); i++)
    {
      JsonNode *element = json_array_get_element (holidays, i);
      GDate date;

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING ||
          !parse_date (json_node_get_string (element), &date))
        return invalid (error, _("a holiday must be a date written YYYY-MM-DD"));
      kefu_business_hours_add_holiday (self, &date);
    }
  return TRUE;
}

/**
 * kefu_business_hours_new:
 * @time_zone: (nullable): an IANA zone id, or %NULL or "" for the local zone
 *
 * An always-open timetable. An unknown zone id falls back to UTC (GLib's
 * rule); use kefu_business_hours_new_from_json() to have it refused.
 *
 * Returns: (transfer full): a new timetable
 */
KefuBusinessHours *
kefu_business_hours_new (const char *time_zone)
{
  GTimeZone *tz = time_zone_for (time_zone, NULL);

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  return business_hours_new (time_zone, tz);
}

/**
 * kefu_business_hours_new_from_json:
 * @json: (nullable): the "business-hours" setting; %NULL or "" is always open
 *
 * Returns: (transfer full) (nullable): the timetable, or %NULL with
 *   %KEFU_BUSINESS_HOURS_ERROR_INVALID saying what is wrong
 */
KefuBusinessHours *
kefu_business_hours_new_from_json (const char  *json,
                                   GError     **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (KefuBusinessHours) self = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonObject *root;
  const char *time_zone = NULL;
  GTimeZone *tz;
  g_autoptr (GList) members = NULL;

  if (json == NULL || json[0] == '\0')
    return kefu_business_hours_new (NULL);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, KEFU_BUSINESS_HOURS_ERROR, KEFU_BUSINESS_HOURS_ERROR_INVALID,
                   _("The business hours are not valid JSON: %s"), local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      invalid (error, _("they must be a JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  members = json_object_get_members (root);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "time_zone") && !g_str_equal (l->data, "week") &&
        !g_str_equal (l->data, "holidays"))
      {
        g_set_error (error, KEFU_BUSINESS_HOURS_ERROR, KEFU_BUSINESS_HOURS_ERROR_INVALID,
                     _("The business hours have an unknown field “%s”"), (const char *)l->data);
        return NULL;
      }

  if (json_object_has_member (root, "time_zone"))
    {
      JsonNode *node = json_object_get_member (root, "time_zone");

      if (!JSON_NODE_HOLDS_NULL (node))
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            {
              invalid (error, _("“time_zone” must be a string such as Asia/Shanghai"));
              return NULL;
            }
          time_zone = json_node_get_string (node);
        }
    }
  tz = time_zone_for (time_zone, error);
  if (tz == NULL)
    return NULL;
  self = business_hours_new (time_zone, tz);

  if (json_object_has_member (root, "week") &&
      !load_week (self, json_object_get_member (root, "week"), error))
    return NULL;
  if (json_object_has_member (root, "holidays") &&
      !load_holidays (self, json_object_get_member (root, "holidays"), error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
add_minute (JsonBuilder *builder,
            int          minute)
{
  g_autofree char *text = g_strdup_printf ("%02d:%02d", minute / 60, minute % 60);

  json_builder_add_string_value (builder, text);
}

static int
compare_julian (gconstpointer a,
                gconstpointer b)
{
  guint ja = *(const guint *)a;
  guint jb = *(const guint *)b;

  return ja < jb ? -1 : ja > jb;
}

/**
 * kefu_business_hours_to_json:
 *
 * The timetable as the "business-hours" setting; holidays come sorted, so
 * equal timetables give equal text.
 *
 * Returns: (transfer full): JSON text
 */
char *
kefu_business_hours_to_json (KefuBusinessHours *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time_zone");
  json_builder_add_string_value (builder, self->time_zone);

  json_builder_set_member_name (builder, "week");
  json_builder_begin_object (builder);
  for (guint i = 0; i < 7; i++)
    {
      if (self->week[i]->len == 0)
        continue;
      json_builder_set_member_name (builder, day_keys[i]);
      json_builder_begin_array (builder);
      for (guint j = 0; j < self->week[i]->len; j++)
        {
          const Interval *interval = &g_array_index (self->week[i], Interval, j);

          json_builder_begin_array (builder);
          add_minute (builder, interval->open_minute);
          add_minute (builder, interval->close_minute);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  g_hash_table_iter_init (&iter, self->holidays);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint julian = GPOINTER_TO_UINT (key);

      g_array_append_val (days, julian);
    }
  g_array_sort (days, compare_julian);
  json_builder_set_member_name (builder, "holidays");
  json_builder_begin_array (builder);
  for (guint i = 0; i < days->len; i++)
    {
      GDate date;
      char text[16];

      g_date_clear (&date, 1);
      g_date_set_julian (&date, g_array_index (days, guint, i));
      g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (&date),
                  g_date_get_month (&date), g_date_get_day (&date));
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

KefuBusinessHours *
kefu_business_hours_ref (KefuBusinessHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kefu_business_hours_unref (KefuBusinessHours *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->time_zone);
  g_time_zone_unref (self->tz);
  for (guint i = 0; i < 7; i++)
    g_array_unref (self->week[i]);
  g_hash_table_unref (self->holidays);
  g_clear_pointer (&self->cache, g_array_unref);
  g_rw_lock_clear (&self->cache_lock);
  g_free (self);
}

/**
 * kefu_business_hours_add_interval:
 *
 * Opens the shop on every @weekday from @open_minute to @close_minute.
 * Changing a timetable is not thread-safe; once built, all its queries may
 * run on any thread.
 *
 * Returns: %FALSE with %KEFU_BUSINESS_HOURS_ERROR_INVALID when the interval
 *   is out of range or overlaps one already on that day
 */
gboolean
kefu_business_hours_add_interval (KefuBusinessHours  *self,
                                  GDateWeekday        weekday,
                                  int                 open_minute,
                                  int                 close_minute,
                                  GError            **error)
{
  GArray *day;
  Interval interval = { open_minute, close_minute };
  guint position;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (g_date_valid_weekday (weekday), FALSE);

  if (open_minute < 0 || close_minute > 24 * 60 || open_minute >= close_minute)
    return invalid (error, _("an interval must open before it closes, between 00:00 and 24:00"));

  day = self->week[weekday - 1];
  for (position = 0; position < day->len; position++)
    {
      const Interval *other = &g_array_index (day, Interval, position);

      if (open_minute < other->close_minute && other->open_minute < close_minute)
        return invalid (error, _("two intervals of the same day overlap"));
      if (other->open_minute > open_minute)
        break;
    }
  g_array_insert_val (day, position, interval);
  self->n_intervals++;
  g_clear_pointer (&self->cache, g_array_unref);
  return TRUE;
}

/**
 * kefu_business_hours_add_holiday:
 * @date: a local date on which the shop is closed all day
 */
void
kefu_business_hours_add_holiday (KefuBusinessHours *self,
                                 GDate             *date)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  g_hash_table_add (self->holidays, GUINT_TO_POINTER (g_date_get_julian (date)));
  g_clear_pointer (&self->cache, g_array_unref);
}

/**
 * kefu_business_hours_get_time_zone:
 *
 * Returns: the zone id given, or "" for the computer's local zone
 */
const char *
kefu_business_hours_get_time_zone (KefuBusinessHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->time_zone;
}

gboolean
kefu_business_hours_is_always_open (KefuBusinessHours *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->n_intervals == 0;
}

/* Calls @func for each opening [start, end) of each local day from the day
 * of @from on, until it returns FALSE or @max_days passed. */
typedef gboolean (*OpeningFunc) (gint64   start,
                                 gint64   end,
                                 gpointer user_data);

static void
walk_openings (KefuBusinessHours *self,
               gint64             from,
               guint              max_days,
               OpeningFunc        func,
               gpointer           user_data)
{
  GDate date;

  local_date (self, from, &date);
  /* The day before too: with DST a 24:00 close can fall after the next local
   * midnight's instant only in pathological zones, but it is cheap. */
  g_date_subtract_days (&date, 1);
  for (guint i = 0; i <= max_days + 1; i++, g_date_add_days (&date, 1))
    {
      GArray *day;

      if (!g_date_valid (&date))
        return;
      day = intervals_of (self, &date);
      if (day == NULL)
        continue;
      for (guint j = 0; j < day->len; j++)
        {
          const Interval *interval = &g_array_index (day, Interval, j);
          gint64 start = local_instant (self, &date, interval->open_minute);
          gint64 end = local_instant (self, &date, interval->close_minute);

          if (end <= from || end <= start)
            continue;
          if (!func (MAX (start, from), end, user_data))
            return;
        }
    }
}

/**
 * kefu_business_hours_is_open:
 *
 * Any thread.
 */
gboolean
kefu_business_hours_is_open (KefuBusinessHours *self,
                             gint64             when)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return kefu_business_hours_next_open (self, when) == when;
}

static gboolean
first_opening_cb (gint64   start,
                  gint64   end,
                  gpointer user_data)
{
  *(gint64 *)user_data = start;
  return FALSE;
}

/**
 * kefu_business_hours_next_open:
 *
 * Any thread.
 *
 * Returns: @when if the shop is open then, else the next opening, or
 *   %G_MAXINT64 if it does not open within two years
 */
gint64
kefu_business_hours_next_open (KefuBusinessHours *self,
                               gint64             when)
{
  gint64 next = G_MAXINT64;

  g_return_val_if_fail (self != NULL, G_MAXINT64);

  if (self->n_intervals == 0)
    return when;
  walk_openings (self, when, MAX_CLOSED_DAYS + g_hash_table_size (self->holidays),
                 first_opening_cb, &next);
  return next;
}

/* Working time from the start of @cache to @when, by binary search. */
static gint64
working_before (GArray *cache,
                gint64  when)
{
  guint lo = 0, hi = cache->len;
  const Opening *opening;

  /* The last opening starting at or before @when. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (cache, Opening, mid).start <= when)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return 0;
  opening = &g_array_index (cache, Opening, lo - 1);
  return opening->before + MIN (when, opening->end) - opening->start;
}

typedef struct
{
  GArray *openings;
  gint64  to;
  gint64  total;
} PrepareData;

static gboolean
prepare_cb (gint64   start,
            gint64   end,
            gpointer user_data)
{
  PrepareData *data = user_data;
  Opening opening = { start, end, data->total };

  if (start >= data->to)
    return FALSE;
  g_array_append_val (data->openings, opening);
  data->total += end - start;
  return TRUE;
}

/**
 * kefu_business_hours_prepare:
 *
 * Works out every opening between @from and @to once, so that
 * kefu_business_hours_elapsed() of any span inside it is a binary search
 * instead of a walk over calendar days: what a report over thousands of
 * tickets needs. Replaces what an earlier call prepared. Any thread.
 */
void
kefu_business_hours_prepare (KefuBusinessHours *self,
                             gint64             from,
                             gint64             to)
{
  PrepareData data = { NULL, to, 0 };
  gint64 days;

  g_return_if_fail (self != NULL);

  if (to <= from || self->n_intervals == 0)
    return;

  data.openings = g_array_new (FALSE, FALSE, sizeof (Opening));
  days = (to - from) / (G_USEC_PER_SEC * G_GINT64_CONSTANT (86400)) + 2;
  walk_openings (self, from, (guint)MIN (days, 100 * 366), prepare_cb, &data);

  g_rw_lock_writer_lock (&self->cache_lock);
  g_clear_pointer (&self->cache, g_array_unref);
  self->cache = data.openings;
  self->cache_from = from;
  self->cache_to = to;
  g_rw_lock_writer_unlock (&self->cache_lock);
}

typedef struct
{
  gint64 to;
  gint64 total;
} ElapsedData;

static gboolean
elapsed_cb (gint64   start,
            gint64   end,
            gpointer user_data)
{
  ElapsedData *data = user_data;

  if (start >= data->to)
    return FALSE;
  data->total += MIN (end, data->to) - start;
  return TRUE;
}

/**
 * kefu_business_hours_elapsed:
 *
 * Working time between @from and @to. Any thread.
 *
 * Returns: microseconds, 0 if @to ≤ @from
 */
gint64
kefu_business_hours_elapsed (KefuBusinessHours *self,
                             gint64             from,
                             gint64             to)
{
  ElapsedData data = { to, 0 };
  gint64 days;
  gboolean cached = FALSE;

  g_return_val_if_fail (self != NULL, 0);

  if (to <= from)
    return 0;
  if (self->n_intervals == 0)
    return to - from;

  g_rw_lock_reader_lock (&self->cache_lock);
  if (self->cache != NULL && from >= self->cache_from && to <= self->cache_to)
    {
      data.total = working_before (self->cache, to) - working_before (self->cache, from);
      cached = TRUE;
    }
  g_rw_lock_reader_unlock (&self->cache_lock);
  if (cached)
    return data.total;
  days = (to - from) / (G_USEC_PER_SEC * G_GINT64_CONSTANT (86400)) + 2;
  walk_openings (self, from, (guint)MIN (days, G_MAXUINT - 2), elapsed_cb, &data);
  return data.total;
}

typedef struct
{
  gint64 remaining;
  gint64 due;
} AddData;

static gboolean
add_cb (gint64   start,
        gint64   end,
        gpointer user_data)
{
  AddData *data = user_data;

  if (end - start >= data->remaining)
    {
      data->due = start + data->remaining;
      return FALSE;
    }
  data->remaining -= end - start;
  return TRUE;
}

/**
 * kefu_business_hours_add:
 *
 * The moment @working_time of working time after @from: when an SLA falls
 * due. Any thread.
 *
 * Returns: that moment, @from if @working_time ≤ 0, or %G_MAXINT64 if the
 *   shop does not open enough within two years after the last opening
 */
gint64
kefu_business_hours_add (KefuBusinessHours *self,
                         gint64             from,
                         gint64             working_time)
{
  AddData data = { working_time, G_MAXINT64 };
  gint64 days;

  g_return_val_if_fail (self != NULL, G_MAXINT64);

  if (working_time <= 0)
    return from;
  if (self->n_intervals == 0)
    return from > G_MAXINT64 - working_time ? G_MAXINT64 : from + working_time;

  /* Every week has at least one open minute, so a week of calendar per
   * minute of work is an upper bound; add the closures on top. */
  days = working_time / (G_USEC_PER_SEC * 60) * 7 + 8;
  days = MIN (days, G_GINT64_CONSTANT (100) * 366) + MAX_CLOSED_DAYS + g_hash_table_size (self->holidays);
  walk_openings (self, from, (guint)days, add_cb, &data);
  return data.due;
}

/* reports (#7): reading a timetable back, for the Preferences page. */

/**
 * kefu_business_hours_get_n_intervals:
 *
 * Returns: how many opening intervals @weekday has
 */
guint
kefu_business_hours_get_n_intervals (KefuBusinessHours *self,
                                     GDateWeekday       weekday)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (g_date_valid_weekday (weekday), 0);

  return self->week[weekday - 1]->len;
}

/**
 * kefu_business_hours_get_interval:
 * @open_minute: (out): minutes from local midnight
 * @close_minute: (out): minutes from local midnight, up to 1440
 *
 * The @position-th opening interval of @weekday, earliest first.
 */
void
kefu_business_hours_get_interval (KefuBusinessHours *self,
                                  GDateWeekday       weekday,
                                  guint              position,
                                  int               *open_minute,
                                  int               *close_minute)
{
  const Interval *interval;

  g_return_if_fail (self != NULL);
  g_return_if_fail (g_date_valid_weekday (weekday));
  g_return_if_fail (position < self->week[weekday - 1]->len);

  interval = &g_array_index (self->week[weekday - 1], Interval, position);
  *open_minute = interval->open_minute;
  *close_minute = interval->close_minute;
}

/**
 * kefu_business_hours_dup_holidays:
 *
 * Returns: (transfer full): the holidays as julian day numbers (guint), sorted
 */
GArray *
kefu_business_hours_dup_holidays (KefuBusinessHours *self)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, days);

  g_hash_table_iter_init (&iter, self->holidays);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint julian = GPOINTER_TO_UINT (key);

      g_array_append_val (days, julian);
    }
  g_array_sort (days, compare_julian);
  return days;
}
