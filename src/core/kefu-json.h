/* kefu-json.h: writing Kefu's records as JSON, the same way everywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times are ISO 8601 in UTC with microseconds when there are any
 * ("2025-03-01T08:15:30.250000Z") and null for "not yet", so that a person
 * can read them and they convert back to the exact stored value. The archive,
 * kefuctl --json and the chat protocol all use these.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char     *kefu_json_format_time (gint64       usec);
gboolean  kefu_json_parse_time  (const char  *text,
                                 gint64      *usec);

/* Each sets the member @name of the object being built. */
void      kefu_json_add_string  (JsonBuilder *builder,
                                 const char  *name,
                                 const char  *value);
void      kefu_json_add_int     (JsonBuilder *builder,
                                 const char  *name,
                                 gint64       value);
void      kefu_json_add_ref     (JsonBuilder *builder,
                                 const char  *name,
                                 gint64       id);
void      kefu_json_add_time    (JsonBuilder *builder,
                                 const char  *name,
                                 gint64       usec);
void      kefu_json_add_enum    (JsonBuilder *builder,
                                 const char  *name,
                                 GType        enum_type,
                                 int          value);

G_END_DECLS
