/* kefu-archive-import.c: reading an archive into an empty store, all or nothing.
 *
 * The whole import is one write job, so one transaction: any error rolls
 * everything back and the database stays exactly as it was. The file is not
 * loaded whole: a small scanner walks the top-level object and its arrays and
 * cuts out one element at a time (an agent, a customer, a ticket with its
 * messages), checking only what keeps a parser safe (nesting depth, size,
 * NUL characters); json-glib then parses that element and every field is
 * checked before it is written. Memory therefore holds one element plus the
 * sets of ids seen so far.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kefu-archive-private.h"
#include "kefu-enums.h"
#include "kefu-text.h"

#define READ_BUFFER_SIZE  (64 * 1024)
#define READER_EOF        (-1)
#define READER_ERROR      (-2)

#define MAX_TAG           (64)
#define MAX_TAGS          (100)
#define MAX_LANGUAGE      (35)
#define MAX_MIME_TYPE     (255)
#define MAX_CONFIG        (64 * 1024)
#define MAX_SETTING       (64 * 1024)

typedef struct
{
  GInputStream *stream;
  GCancellable *cancellable;
  guint8        buffer[READ_BUFFER_SIZE];
  gsize         length;
  gsize         position;
  gboolean      eof;
  guint64       line;
} Reader;

typedef struct
{
  KefuStore          *store;
  KefuStoreInterface *iface;
  Reader             *reader;
  KefuArchiveCounts   counts;
  GHashTable         *agents;
  GHashTable         *accounts;
  GHashTable         *customers;
  GHashTable         *identities;
  GHashTable         *identity_values;
  GHashTable         *tickets;
  GHashTable         *ticket_numbers;
  GHashTable         *messages;
  GHashTable         *attachments;
  GHashTable         *thread_keys;
  GHashTable         *members_seen;
  JsonNode           *settings;
} Import;

typedef struct
{
  GInputStream *stream;
} ImportData;

/* String checks: what a field may hold. */
typedef enum
{
  TEXT_LINE,        /* no control characters at all */
  TEXT_MULTILINE,   /* tabs and newlines allowed */
} TextKind;

static gboolean G_GNUC_PRINTF (3, 4)
fail (GError     **error,
      int          code,
      const char  *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, KEFU_IMPORT_ERROR, code, message);

  return FALSE;
}

/* Reading bytes, with a line count for messages. */

static int
reader_peek (Reader  *reader,
             GError **error)
{
  if (reader->position == reader->length)
    {
      gssize n;

      if (reader->eof)
        return READER_EOF;

      n = g_input_stream_read (reader->stream, reader->buffer, sizeof reader->buffer,
                               reader->cancellable, error);
      if (n < 0)
        {
          g_prefix_error (error, _("Could not read the archive: "));
          return READER_ERROR;
        }
      if (n == 0)
        {
          reader->eof = TRUE;
          return READER_EOF;
        }
      reader->length = n;
      reader->position = 0;
    }

  return reader->buffer[reader->position];
}

static void
reader_advance (Reader *reader)
{
  if (reader->buffer[reader->position] == '\n')
    reader->line++;
  reader->position++;
}

static int
reader_skip_space (Reader  *reader,
                   GError **error)
{
  int c;

  while ((c = reader_peek (reader, error)) == ' ' || c == '\t' || c == '\n' || c == '\r')
    reader_advance (reader);

  return c;
}

static gboolean
reader_expect (Reader      *reader,
               char         expected,
               const char  *what,
               GError     **error)
{
  int c = reader_skip_space (reader, error);

  if (c == READER_ERROR)
    return FALSE;
  if (c == READER_EOF)
    return fail (error, KEFU_IMPORT_ERROR_INVALID_JSON,
                 _("The archive ends too early, after line %" PRIu64 "; it may have been cut short."),
                 reader->line);
  if (c != expected)
    return fail (error, KEFU_IMPORT_ERROR_INVALID_JSON,
                 _("The archive is not valid JSON: expected “%c” %s on line %" PRIu64 "."),
                 expected, what, reader->line);

  reader_advance (reader);

  return TRUE;
}

/* Cuts the next JSON value out of the file into @out, wrapped in "[…]" so
 * that json-glib parses any kind of value. Checks nesting, size and NULs;
 * json-glib checks the rest. */
static gboolean
reader_capture (Reader      *reader,
                const char  *path,
                GString     *out,
                GError     **error)
{
  gboolean in_string = FALSE;
  gboolean escape = FALSE;
  gboolean zeros = FALSE;
  int unicode = -1;
  int depth = 0;
  guint digits = 0;
  int c;

  g_string_assign (out, "[");

  c = reader_skip_space (reader, error);
  for (;;)
    {
      if (c == READER_ERROR)
        return FALSE;
      if (c == READER_EOF)
        {
          if (!in_string && depth == 0 && out->len > 1)
            break;
          return fail (error, KEFU_IMPORT_ERROR_INVALID_JSON,
                       _("The archive ends in the middle of %s; it may have been cut short."), path);
        }

      if (in_string)
        {
          if (unicode >= 0)
            {
              zeros = zeros && c == '0';
              if (++unicode == 4)
                {
                  if (zeros)
                    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                                 _("%s contains a NUL character (\\u0000), which no text in Kefu may hold."), path);
                  unicode = -1;
                }
            }
          else if (escape)
            {
              escape = FALSE;
              if (c == 'u')
                {
                  unicode = 0;
                  zeros = TRUE;
                }
            }
          else if (c == '\\')
            escape = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else
        {
          gboolean scalar = out->len > 1 && depth == 0;

          if (scalar && (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r'))
            break;

          /* json-glib wraps numbers past 64 bits around instead of failing. */
          digits = g_ascii_isdigit (c) ? digits + 1 : 0;
          if (digits > 18)
            return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                         _("%s holds a number too large for Kefu (line %" PRIu64 ")."),
                         path, reader->line);
          if (c == '"')
            in_string = TRUE;
          else if (c == '{' || c == '[')
            {
              if (++depth > KEFU_ARCHIVE_MAX_DEPTH)
                return fail (error, KEFU_IMPORT_ERROR_INVALID_JSON,
                             _("%s is nested more than %d levels deep (line %" PRIu64 ")."),
                             path, KEFU_ARCHIVE_MAX_DEPTH, reader->line);
            }
          else if (c == '}' || c == ']')
            {
              if (--depth < 0)
                return fail (error, KEFU_IMPORT_ERROR_INVALID_JSON,
                             _("The archive is not valid JSON: %s has no value (line %" PRIu64 ")."),
                             path, reader->line);
            }
        }

      g_string_append_c (out, (char)c);
      reader_advance (reader);

      if (out->len > KEFU_ARCHIVE_MAX_ELEMENT_SIZE)
        {
          g_autofree char *limit = g_format_size (KEFU_ARCHIVE_MAX_ELEMENT_SIZE);

          return fail (error, KEFU_IMPORT_ERROR_TOO_LARGE,
                       _("%s is larger than %s, more than one element of an archive may take."), path, limit);
        }

      if (!in_string && depth == 0 && (c == '}' || c == ']' || c == '"'))
        break;

      c = reader_peek (reader, error);
    }

  if (out->len == 1)
    return fail (error, KEFU_IMPORT_ERROR_INVALID_JSON,
                 _("The archive is not valid JSON: %s has no value (line %" PRIu64 ")."),
                 path, reader->line);

  g_string_append_c (out, ']');

  return TRUE;
}

static JsonNode *
parse_captured (GString     *raw,
                const char  *path,
                GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;
  JsonArray *array;

  if (!g_utf8_validate (raw->str, raw->len, NULL))
    {
      fail (error, KEFU_IMPORT_ERROR_INVALID_JSON,
            _("%s is not valid UTF-8 text (or holds a NUL byte)."), path);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, raw->str, raw->len, &local_error))
    {
      fail (error, KEFU_IMPORT_ERROR_INVALID_JSON,
            _("%s is not valid JSON: %s"), path, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  array = root ? json_node_get_array (root) : NULL;
  if (array == NULL || json_array_get_length (array) != 1)
    {
      fail (error, KEFU_IMPORT_ERROR_INVALID_JSON, _("%s is not a single JSON value."), path);
      return NULL;
    }

  return json_node_ref (json_array_get_element (array, 0));
}

static JsonNode *
reader_read_value (Reader      *reader,
                   const char  *path,
                   GError     **error)
{
  g_autoptr (GString) raw = g_string_new (NULL);

  if (!reader_capture (reader, path, raw, error))
    return NULL;

  return parse_captured (raw, path, error);
}

/* Field checks. Each names the JSON path of what it refuses. */

static gboolean
check_members (JsonObject         *object,
               const char         *path,
               const char * const *known,
               GError            **error)
{
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                   _("%s has a member “%s” that Kefu does not know."), path, (const char *)l->data);

  return TRUE;
}

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static gboolean
get_int (JsonObject  *object,
         const char  *path,
         const char  *name,
         gboolean     required,
         gint64       min,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = get_member (object, name);
  gint64 value;

  if (node == NULL)
    {
      if (required)
        return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD, _("%s.%s is missing."), path, name);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                 _("%s.%s must be a whole number."), path, name);

  value = json_node_get_int (node);
  if (value < min || value == G_MAXINT64)
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                 _("%s.%s is out of range: %" PRId64 "."), path, name, value);

  *out = value;

  return TRUE;
}

static gboolean
get_id (JsonObject  *object,
        const char  *path,
        const char  *name,
        gboolean     required,
        gint64      *out,
        GError     **error)
{
  *out = 0;

  return get_int (object, path, name, required, 1, out, error);
}

static gboolean
get_string (JsonObject   *object,
            const char   *path,
            const char   *name,
            gboolean      required,
            gsize         max_bytes,
            TextKind      kind,
            const char  **out,
            GError      **error)
{
  JsonNode *node = get_member (object, name);
  const char *value;
  gsize length;

  *out = NULL;

  if (node == NULL)
    {
      if (required)
        return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD, _("%s.%s is missing."), path, name);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD, _("%s.%s must be text."), path, name);

  value = json_node_get_string (node);
  length = strlen (value);
  if (length > max_bytes)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (max_bytes);

      return fail (error, KEFU_IMPORT_ERROR_TOO_LARGE,
                   _("%s.%s is too long (%s; the most it may hold is %s)."), path, name, size, limit);
    }

  if (!g_utf8_validate (value, length, NULL))
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                 _("%s.%s is not valid UTF-8 text."), path, name);

  for (const char *p = value; *p != '\0'; p++)
    if ((guchar)*p < 0x20 && (kind == TEXT_LINE || (*p != '\n' && *p != '\t')))
      return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                   _("%s.%s contains a control character."), path, name);

  *out = value;

  return TRUE;
}

static gboolean
get_time (JsonObject  *object,
          const char  *path,
          const char  *name,
          gboolean     required,
          gint64      *out,
          GError     **error)
{
  const char *text = NULL;

  *out = 0;
  if (!get_string (object, path, name, required, 64, TEXT_LINE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!kefu_json_parse_time (text, out))
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                 _("%s.%s is not a time in ISO 8601 form with a time zone: “%s”."), path, name, text);

  return TRUE;
}

static gboolean
get_enum (JsonObject  *object,
          const char  *path,
          const char  *name,
          GType        type,
          int          fallback,
          int         *out,
          GError     **error)
{
  const char *nick = NULL;

  *out = fallback;
  if (!get_string (object, path, name, fallback < 0, 64, TEXT_LINE, &nick, error))
    return FALSE;
  if (nick == NULL)
    return TRUE;

  if (!kefu_enum_from_nick (type, nick, out))
    {
      g_autoptr (GEnumClass) klass = g_type_class_ref (type);
      g_autoptr (GString) choices = g_string_new (NULL);

      for (guint i = 0; i < klass->n_values; i++)
        g_string_append_printf (choices, "%s“%s”", i > 0 ? ", " : "", klass->values[i].value_nick);

      return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                   _("%s.%s is “%s”, which is not one of %s."), path, name, nick, choices->str);
    }

  return TRUE;
}

static gboolean
get_bool (JsonObject  *object,
          const char  *path,
          const char  *name,
          gboolean     fallback,
          gboolean    *out,
          GError     **error)
{
  JsonNode *node = get_member (object, name);

  *out = fallback;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD, _("%s.%s must be true or false."), path, name);

  *out = json_node_get_boolean (node);

  return TRUE;
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *path,
           const char  *name,
           GError     **error)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD, _("%s.%s must be a list."), path, name);
      return NULL;
    }

  return json_node_get_array (node);
}

static JsonObject *
as_object (JsonNode    *node,
           const char  *path,
           GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD, _("%s must be an object."), path);
      return NULL;
    }

  return json_node_get_object (node);
}

/* Id sets: every id is unique within its kind, and references point back. */

static GHashTable *
id_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static gboolean
id_set_add (GHashTable *set,
            gint64      id)
{
  if (g_hash_table_contains (set, &id))
    return FALSE;

  return g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

static gboolean
id_set_has (GHashTable *set,
            gint64      id)
{
  return g_hash_table_contains (set, &id);
}

static gboolean
check_new_id (GHashTable  *set,
              const char  *path,
              gint64       id,
              GError     **error)
{
  if (!id_set_add (set, id))
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                 _("%s.id %" PRId64 " is used twice."), path, id);

  return TRUE;
}

static gboolean
check_ref (GHashTable  *set,
           const char  *path,
           const char  *name,
           const char  *what,
           gint64       id,
           GError     **error)
{
  if (id > 0 && !id_set_has (set, id))
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                 _("%s.%s refers to %s %" PRId64 ", which is not in the archive before it."),
                 path, name, what, id);

  return TRUE;
}

static gboolean
check_parent (JsonObject  *object,
              const char  *path,
              const char  *name,
              const char  *what,
              GHashTable  *set,
              gint64       parent_id,
              GError     **error)
{
  gint64 id = 0;

  if (!get_id (object, path, name, FALSE, &id, error))
    return FALSE;
  if (id == 0 || id == parent_id)
    return TRUE;

  if (!id_set_has (set, id))
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                 _("%s.%s refers to %s %" PRId64 ", which is not in the archive."),
                 path, name, what, id);

  return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
               _("%s.%s is %" PRId64 ", but it is listed under %s %" PRId64 "."),
               path, name, id, what, parent_id);
}

/* The elements. */

static gboolean
import_agent (Import      *import,
              JsonNode    *node,
              const char  *path,
              GError     **error)
{
  static const char * const known[] = { "id", "name", "email", "role", "created_at", NULL };
  JsonObject *object = as_object (node, path, error);
  KefuAgentFields fields = { 0 };
  int role;

  if (object == NULL ||
      !check_members (object, path, known, error) ||
      !get_id (object, path, "id", TRUE, &fields.id, error) ||
      !get_string (object, path, "name", TRUE, KEFU_TEXT_MAX_NAME, TEXT_LINE, &fields.name, error) ||
      !get_string (object, path, "email", FALSE, KEFU_TEXT_MAX_KEY, TEXT_LINE, &fields.email, error) ||
      !get_enum (object, path, "role", KEFU_TYPE_AGENT_ROLE, KEFU_AGENT_ROLE_AGENT, &role, error) ||
      !get_time (object, path, "created_at", FALSE, &fields.created_at, error) ||
      !check_new_id (import->agents, path, fields.id, error))
    return FALSE;

  fields.role = role;
  if (import->iface->insert_agent (import->store, &fields, error) == 0)
    return FALSE;
  import->counts.agents++;

  return TRUE;
}

static gboolean
import_account (Import      *import,
                JsonNode    *node,
                const char  *path,
                GError     **error)
{
  static const char * const known[] = { "id", "kind", "name", "address", "config", "enabled", "created_at", NULL };
  JsonObject *object = as_object (node, path, error);
  KefuAccountFields fields = { 0 };
  int kind;

  if (object == NULL ||
      !check_members (object, path, known, error) ||
      !get_id (object, path, "id", TRUE, &fields.id, error) ||
      !get_enum (object, path, "kind", KEFU_TYPE_CHANNEL_KIND, -1, &kind, error) ||
      !get_string (object, path, "name", TRUE, KEFU_TEXT_MAX_NAME, TEXT_LINE, &fields.name, error) ||
      !get_string (object, path, "address", FALSE, KEFU_TEXT_MAX_KEY, TEXT_LINE, &fields.address, error) ||
      !get_string (object, path, "config", FALSE, MAX_CONFIG, TEXT_MULTILINE, &fields.config, error) ||
      !get_bool (object, path, "enabled", TRUE, &fields.enabled, error) ||
      !get_time (object, path, "created_at", FALSE, &fields.created_at, error) ||
      !check_new_id (import->accounts, path, fields.id, error))
    return FALSE;

  fields.kind = kind;
  if (import->iface->insert_account (import->store, &fields, error) == 0)
    return FALSE;
  import->counts.accounts++;

  return TRUE;
}

static gboolean
import_identity (Import      *import,
                 JsonNode    *node,
                 const char  *path,
                 gint64       customer_id,
                 GError     **error)
{
  static const char * const known[] = { "id", "customer_id", "kind", "value", "display", "created_at", NULL };
  JsonObject *object = as_object (node, path, error);
  KefuIdentityFields fields = { 0 };
  g_autofree char *key = NULL;
  int kind;

  if (object == NULL ||
      !check_members (object, path, known, error) ||
      !get_id (object, path, "id", TRUE, &fields.id, error) ||
      !check_parent (object, path, "customer_id", "customer", import->customers, customer_id, error) ||
      !get_enum (object, path, "kind", KEFU_TYPE_IDENTITY_KIND, -1, &kind, error) ||
      !get_string (object, path, "value", TRUE, KEFU_TEXT_MAX_KEY, TEXT_LINE, &fields.value, error) ||
      !get_string (object, path, "display", FALSE, KEFU_TEXT_MAX_KEY, TEXT_LINE, &fields.display, error) ||
      !get_time (object, path, "created_at", FALSE, &fields.created_at, error) ||
      !check_new_id (import->identities, path, fields.id, error))
    return FALSE;

  key = g_strdup_printf ("%d:%s", kind, fields.value);
  if (!g_hash_table_add (import->identity_values, g_steal_pointer (&key)))
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                 _("%s.value “%s” belongs to two customers."), path, fields.value);

  fields.customer_id = customer_id;
  fields.kind = kind;

  return import->iface->insert_identity (import->store, &fields, error) != 0;
}

static gboolean
import_customer (Import      *import,
                 JsonNode    *node,
                 const char  *path,
                 GError     **error)
{
  static const char * const known[] = { "id", "name", "company", "notes", "language", "created_at",
                                        "updated_at", "last_contact_at", "identities", NULL };
  JsonObject *object = as_object (node, path, error);
  KefuCustomerFields fields = { 0 };
  GError *local_error = NULL;
  JsonArray *identities;

  if (object == NULL ||
      !check_members (object, path, known, error) ||
      !get_id (object, path, "id", TRUE, &fields.id, error) ||
      !get_string (object, path, "name", TRUE, KEFU_TEXT_MAX_NAME, TEXT_LINE, &fields.name, error) ||
      !get_string (object, path, "company", FALSE, KEFU_TEXT_MAX_NAME, TEXT_LINE, &fields.company, error) ||
      !get_string (object, path, "notes", FALSE, KEFU_TEXT_MAX_BODY, TEXT_MULTILINE, &fields.notes, error) ||
      !get_string (object, path, "language", FALSE, MAX_LANGUAGE, TEXT_LINE, &fields.language, error) ||
      !get_time (object, path, "created_at", TRUE, &fields.created_at, error) ||
      !get_time (object, path, "updated_at", FALSE, &fields.updated_at, error) ||
      !get_time (object, path, "last_contact_at", FALSE, &fields.last_contact_at, error) ||
      !check_new_id (import->customers, path, fields.id, error))
    return FALSE;

  identities = get_array (object, path, "identities", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (fields.updated_at == 0)
    fields.updated_at = fields.created_at;
  if (import->iface->insert_customer (import->store, &fields, error) == 0)
    return FALSE;

  for (guint i = 0; identities != NULL && i < json_array_get_length (identities); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.identities[%u]", path, i);

      if (!import_identity (import, json_array_get_element (identities, i), item_path, fields.id, error))
        return FALSE;
    }
  import->counts.customers++;

  return TRUE;
}

static gboolean
decode_base64 (const char  *text,
               const char  *path,
               GBytes     **out,
               GError     **error)
{
  gsize length = strlen (text);
  gsize size = 0;
  guchar *data;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (!g_ascii_isalnum (c) && c != '+' && c != '/' &&
          !(c == '=' && i >= length - 2))
        return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD, _("%s.data is not base64."), path);
    }
  if (length % 4 != 0)
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD, _("%s.data is not base64."), path);

  data = g_base64_decode (length > 0 ? text : "", &size);
  *out = g_bytes_new_take (data, size);

  return TRUE;
}

static gboolean
import_attachment (Import      *import,
                   JsonNode    *node,
                   const char  *path,
                   gint64       message_id,
                   GError     **error)
{
  static const char * const known[] = { "id", "message_id", "filename", "mime_type", "content_id",
                                        "size", "hash", "data", NULL };
  JsonObject *object = as_object (node, path, error);
  KefuAttachmentFields fields = { 0 };
  g_autoptr (GBytes) data = NULL;
  g_autofree char *hash = NULL;
  const char *given_hash = NULL;
  const char *base64 = NULL;
  gint64 size = -1;

  if (object == NULL ||
      !check_members (object, path, known, error) ||
      !get_id (object, path, "id", TRUE, &fields.id, error) ||
      !check_parent (object, path, "message_id", "message", import->messages, message_id, error) ||
      !get_string (object, path, "filename", TRUE, KEFU_TEXT_MAX_FILENAME, TEXT_LINE, &fields.filename, error) ||
      !get_string (object, path, "mime_type", TRUE, MAX_MIME_TYPE, TEXT_LINE, &fields.mime_type, error) ||
      !get_string (object, path, "content_id", FALSE, KEFU_TEXT_MAX_KEY, TEXT_LINE, &fields.content_id, error) ||
      !get_int (object, path, "size", FALSE, 0, &size, error) ||
      !get_string (object, path, "hash", FALSE, 64, TEXT_LINE, &given_hash, error) ||
      !get_string (object, path, "data", TRUE, KEFU_ARCHIVE_MAX_ELEMENT_SIZE, TEXT_LINE, &base64, error) ||
      !check_new_id (import->attachments, path, fields.id, error) ||
      !decode_base64 (base64, path, &data, error))
    return FALSE;

  if (size >= 0 && (gsize)size != g_bytes_get_size (data))
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                 _("%s.size is %" PRId64 " but its data has %" PRIu64 " bytes."),
                 path, size, (guint64) g_bytes_get_size (data));

  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  if (given_hash != NULL && g_ascii_strcasecmp (given_hash, hash) != 0)
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                 _("%s.hash does not match its data; the archive is damaged."), path);

  fields.message_id = message_id;
  fields.hash = hash;
  fields.size = g_bytes_get_size (data);
  if (import->iface->insert_attachment (import->store, &fields, data, error) == 0)
    return FALSE;
  import->counts.attachments++;

  return TRUE;
}

static gboolean
import_message (Import      *import,
                JsonNode    *node,
                const char  *path,
                gint64       ticket_id,
                GError     **error)
{
  static const char * const known[] = { "id", "ticket_id", "direction", "channel", "account_id",
                                        "agent_id", "author_name", "author_address", "recipient",
                                        "subject", "text", "html", "external_id", "delivery_state",
                                        "delivery_error", "created_at", "updated_at", "attachments", NULL };
  JsonObject *object = as_object (node, path, error);
  KefuMessageFields fields = { 0 };
  GError *local_error = NULL;
  JsonArray *attachments;
  int direction;
  int channel;
  int delivery_state;

  if (object == NULL ||
      !check_members (object, path, known, error) ||
      !get_id (object, path, "id", TRUE, &fields.id, error) ||
      !check_parent (object, path, "ticket_id", "ticket", import->tickets, ticket_id, error) ||
      !get_enum (object, path, "direction", KEFU_TYPE_DIRECTION, -1, &direction, error) ||
      !get_enum (object, path, "channel", KEFU_TYPE_CHANNEL_KIND, -1, &channel, error) ||
      !get_id (object, path, "account_id", FALSE, &fields.account_id, error) ||
      !check_ref (import->accounts, path, "account_id", "account", fields.account_id, error) ||
      !get_id (object, path, "agent_id", FALSE, &fields.agent_id, error) ||
      !check_ref (import->agents, path, "agent_id", "agent", fields.agent_id, error) ||
      !get_string (object, path, "author_name", FALSE, KEFU_TEXT_MAX_NAME, TEXT_LINE, &fields.author_name, error) ||
      !get_string (object, path, "author_address", FALSE, KEFU_TEXT_MAX_KEY, TEXT_LINE, &fields.author_address, error) ||
      !get_string (object, path, "recipient", FALSE, KEFU_TEXT_MAX_KEY, TEXT_LINE, &fields.recipient, error) ||
      !get_string (object, path, "subject", FALSE, KEFU_TEXT_MAX_SUBJECT, TEXT_LINE, &fields.subject, error) ||
      !get_string (object, path, "text", TRUE, KEFU_TEXT_MAX_BODY, TEXT_MULTILINE, &fields.text, error) ||
      !get_string (object, path, "html", FALSE, KEFU_TEXT_MAX_HTML, TEXT_MULTILINE, &fields.html, error) ||
      !get_string (object, path, "external_id", FALSE, KEFU_TEXT_MAX_KEY, TEXT_LINE, &fields.external_id, error) ||
      !get_enum (object, path, "delivery_state", KEFU_TYPE_DELIVERY_STATE, KEFU_DELIVERY_STATE_NONE, &delivery_state, error) ||
      !get_string (object, path, "delivery_error", FALSE, KEFU_TEXT_MAX_KEY, TEXT_LINE, &fields.delivery_error, error) ||
      !get_time (object, path, "created_at", TRUE, &fields.created_at, error) ||
      !get_time (object, path, "updated_at", FALSE, &fields.updated_at, error) ||
      !check_new_id (import->messages, path, fields.id, error))
    return FALSE;

  attachments = get_array (object, path, "attachments", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  fields.ticket_id = ticket_id;
  fields.direction = direction;
  fields.channel = channel;
  fields.delivery_state = delivery_state;
  if (fields.updated_at == 0)
    fields.updated_at = fields.created_at;
  if (import->iface->insert_message (import->store, &fields, error) == 0)
    return FALSE;
  import->counts.messages++;

  /* Replies to what was imported still find their ticket, as the router would. */
  if (fields.external_id != NULL && !g_hash_table_contains (import->thread_keys, fields.external_id))
    {
      g_hash_table_add (import->thread_keys, g_strdup (fields.external_id));
      if (!import->iface->insert_thread_key (import->store, fields.external_id, ticket_id, error))
        return FALSE;
    }

  for (guint i = 0; attachments != NULL && i < json_array_get_length (attachments); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.attachments[%u]", path, i);

      if (!import_attachment (import, json_array_get_element (attachments, i), item_path, fields.id, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
get_tags (JsonObject   *object,
          const char   *path,
          GPtrArray    *tags,
          GError      **error)
{
  GError *local_error = NULL;
  JsonArray *array = get_array (object, path, "tags", &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (array == NULL)
    return TRUE;

  if (json_array_get_length (array) > MAX_TAGS)
    return fail (error, KEFU_IMPORT_ERROR_TOO_LARGE,
                 _("%s.tags has more than %d tags."), path, MAX_TAGS);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr (JsonObject) wrapper = json_object_new ();
      g_autofree char *name = g_strdup_printf ("tags[%u]", i);
      const char *tag;

      json_object_set_member (wrapper, name, json_node_copy (json_array_get_element (array, i)));
      if (!get_string (wrapper, path, name, TRUE, MAX_TAG, TEXT_LINE, &tag, error))
        return FALSE;
      g_ptr_array_add (tags, g_strdup (tag));
    }

  return TRUE;
}

static gboolean
import_ticket (Import      *import,
               JsonNode    *node,
               const char  *path,
               GError     **error)
{
  static const char * const known[] = { "id", "number", "subject", "status", "priority", "channel",
                                        "customer_id", "assignee_id", "tags", "created_at",
                                        "updated_at", "first_response_at", "resolved_at", "due_at",
                                        "version", "messages", NULL };
  JsonObject *object = as_object (node, path, error);
  KefuTicketFields fields = { 0 };
  g_autoptr (GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  GError *local_error = NULL;
  JsonArray *messages;
  int status;
  int priority;
  int channel;

  fields.version = 1;
  if (object == NULL ||
      !check_members (object, path, known, error) ||
      !get_id (object, path, "id", TRUE, &fields.id, error) ||
      !get_int (object, path, "number", TRUE, 1, &fields.number, error) ||
      !get_string (object, path, "subject", TRUE, KEFU_TEXT_MAX_SUBJECT, TEXT_LINE, &fields.subject, error) ||
      !get_enum (object, path, "status", KEFU_TYPE_TICKET_STATUS, -1, &status, error) ||
      !get_enum (object, path, "priority", KEFU_TYPE_PRIORITY, KEFU_PRIORITY_NORMAL, &priority, error) ||
      !get_enum (object, path, "channel", KEFU_TYPE_CHANNEL_KIND, -1, &channel, error) ||
      !get_id (object, path, "customer_id", TRUE, &fields.customer_id, error) ||
      !check_ref (import->customers, path, "customer_id", "customer", fields.customer_id, error) ||
      !get_id (object, path, "assignee_id", FALSE, &fields.assignee_id, error) ||
      !check_ref (import->agents, path, "assignee_id", "agent", fields.assignee_id, error) ||
      !get_tags (object, path, tags, error) ||
      !get_time (object, path, "created_at", TRUE, &fields.created_at, error) ||
      !get_time (object, path, "updated_at", FALSE, &fields.updated_at, error) ||
      !get_time (object, path, "first_response_at", FALSE, &fields.first_response_at, error) ||
      !get_time (object, path, "resolved_at", FALSE, &fields.resolved_at, error) ||
      !get_time (object, path, "due_at", FALSE, &fields.due_at, error) ||
      !get_int (object, path, "version", FALSE, 1, &fields.version, error) ||
      !check_new_id (import->tickets, path, fields.id, error))
    return FALSE;

  if (!id_set_add (import->ticket_numbers, fields.number))
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
                 _("%s.number %" PRId64 " is used by two tickets."), path, fields.number);

  messages = get_array (object, path, "messages", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  g_ptr_array_add (tags, NULL);
  fields.tags = (const char * const *)tags->pdata;
  fields.status = status;
  fields.priority = priority;
  fields.channel = channel;
  if (fields.updated_at == 0)
    fields.updated_at = fields.created_at;
  if (import->iface->insert_ticket (import->store, &fields, error) == 0)
    return FALSE;

  for (guint i = 0; messages != NULL && i < json_array_get_length (messages); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.messages[%u]", path, i);

      if (!import_message (import, json_array_get_element (messages, i), item_path, fields.id, error))
        return FALSE;
    }
  import->counts.tickets++;

  return TRUE;
}

typedef gboolean (*ElementFunc) (Import      *import,
                                 JsonNode    *node,
                                 const char  *path,
                                 GError     **error);

/* Streams one of the top-level lists, element by element. */
static gboolean
import_list (Import       *import,
             const char   *name,
             ElementFunc   func,
             GCancellable *cancellable,
             GError      **error)
{
  Reader *reader = import->reader;
  g_autoptr (GString) raw = g_string_new (NULL);
  int c;

  if (!reader_expect (reader, '[', name, error))
    return FALSE;

  c = reader_skip_space (reader, error);
  if (c == ']')
    {
      reader_advance (reader);
      return TRUE;
    }

  for (guint i = 0;; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", name, i);
      g_autoptr (JsonNode) node = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!reader_capture (reader, path, raw, error))
        return FALSE;
      node = parse_captured (raw, path, error);
      if (node == NULL || !func (import, node, path, error))
        return FALSE;

      c = reader_skip_space (reader, error);
      if (c == READER_ERROR)
        return FALSE;
      if (c == ']')
        {
          reader_advance (reader);
          return TRUE;
        }
      if (c != ',')
        return reader_expect (reader, ',', name, error);
      reader_advance (reader);
    }
}

static gboolean
check_header (JsonNode    *node,
              const char  *name,
              GError     **error)
{
  if (g_str_equal (name, "format"))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          g_strcmp0 (json_node_get_string (node), KEFU_ARCHIVE_FORMAT) != 0)
        return fail (error, KEFU_IMPORT_ERROR_UNSUPPORTED,
                     _("This file is not a Kefu archive (its “format” is not “%s”)."), KEFU_ARCHIVE_FORMAT);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD, _("version must be a whole number."));
  if (json_node_get_int (node) != KEFU_ARCHIVE_VERSION)
    return fail (error, KEFU_IMPORT_ERROR_UNSUPPORTED,
                 _("This archive has version %" PRId64 "; this Kefu reads version %d. Import it with a newer Kefu."),
                 json_node_get_int (node), KEFU_ARCHIVE_VERSION);

  return TRUE;
}

static gboolean
read_key (Import  *import,
          char   **key,
          GError **error)
{
  g_autoptr (JsonNode) node = reader_read_value (import->reader, _("a member name"), error);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, KEFU_IMPORT_ERROR_INVALID_JSON,
                 _("The archive is not valid JSON: a member name is not a string (line %" PRIu64 ")."),
                 import->reader->line);

  *key = g_strdup (json_node_get_string (node));

  return TRUE;
}

static gboolean
import_member (Import        *import,
               const char    *name,
               GCancellable  *cancellable,
               GError       **error)
{
  static const struct {
    const char  *name;
    ElementFunc  func;
  } lists[] = {
    { "agents", import_agent },
    { "accounts", import_account },
    { "customers", import_customer },
    { "tickets", import_ticket },
  };
  gboolean has_header = g_hash_table_contains (import->members_seen, "format") &&
                        g_hash_table_contains (import->members_seen, "version");

  if (!g_hash_table_add (import->members_seen, g_strdup (name)))
    return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD, _("The archive has “%s” twice."), name);

  if (g_str_equal (name, "format") || g_str_equal (name, "version"))
    {
      g_autoptr (JsonNode) node = reader_read_value (import->reader, name, error);

      return node != NULL && check_header (node, name, error);
    }

  if (!has_header)
    return fail (error, KEFU_IMPORT_ERROR_UNSUPPORTED,
                 _("This file is not a Kefu archive: it must start with its “format” and “version”."));

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (g_str_equal (name, lists[i].name))
      return import_list (import, name, lists[i].func, cancellable, error);

  if (g_str_equal (name, "settings"))
    {
      import->settings = reader_read_value (import->reader, name, error);
      if (import->settings == NULL)
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (import->settings))
        return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD, _("settings must be an object."));
      return TRUE;
    }

  return fail (error, KEFU_IMPORT_ERROR_INVALID_FIELD,
               _("The archive has a member “%s” that Kefu does not know."), name);
}

/* The archive's settings replace the store's, so a round trip is exact. */
static gboolean
import_settings (Import  *import,
                 GError **error)
{
  g_autoptr (GHashTable) current = NULL;
  g_autoptr (GList) members = NULL;
  JsonObject *object = import->settings ? json_node_get_object (import->settings) : NULL;
  GHashTableIter iter;
  gpointer key;

  current = import->iface->list_settings (import->store, error);
  if (current == NULL)
    return FALSE;

  members = object ? json_object_get_members (object) : NULL;
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *path = g_strdup_printf ("settings[\"%s\"]", (const char *)l->data);
      const char *value;

      if (strlen (l->data) > KEFU_TEXT_MAX_KEY)
        return fail (error, KEFU_IMPORT_ERROR_TOO_LARGE, _("A setting's name is too long."));
      if (!get_string (object, "settings", l->data, TRUE, MAX_SETTING, TEXT_MULTILINE, &value, error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, current);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if ((object == NULL || !json_object_has_member (object, key)) &&
        !import->iface->set_setting (import->store, key, NULL, error))
      return FALSE;

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!import->iface->set_setting (import->store, l->data,
                                       json_object_get_string_member (object, l->data), error))
        return FALSE;
      import->counts.settings++;
    }

  return TRUE;
}

static gboolean
check_empty (KefuStore  *store,
             GError    **error)
{
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (store);
  g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);
  g_autoptr (GPtrArray) agents = NULL;
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GPtrArray) customers = NULL;
  g_autoptr (GPtrArray) tickets = NULL;

  if ((agents = iface->list_agents (store, error)) == NULL ||
      (accounts = iface->list_accounts (store, error)) == NULL ||
      (customers = iface->list_customers (store, NULL, 0, 1, error)) == NULL ||
      (tickets = iface->list_tickets (store, query, NULL, 1, error)) == NULL)
    return FALSE;

  if (agents->len + accounts->len + customers->len + tickets->len > 0)
    return fail (error, KEFU_IMPORT_ERROR_NOT_EMPTY,
                 _("The database already holds data; an archive can only be imported into a new, empty database."));

  return TRUE;
}

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->agents, g_hash_table_unref);
  g_clear_pointer (&import->accounts, g_hash_table_unref);
  g_clear_pointer (&import->customers, g_hash_table_unref);
  g_clear_pointer (&import->identities, g_hash_table_unref);
  g_clear_pointer (&import->identity_values, g_hash_table_unref);
  g_clear_pointer (&import->tickets, g_hash_table_unref);
  g_clear_pointer (&import->ticket_numbers, g_hash_table_unref);
  g_clear_pointer (&import->messages, g_hash_table_unref);
  g_clear_pointer (&import->attachments, g_hash_table_unref);
  g_clear_pointer (&import->thread_keys, g_hash_table_unref);
  g_clear_pointer (&import->members_seen, g_hash_table_unref);
  g_clear_pointer (&import->settings, json_node_unref);
}

static gboolean
import_document (Import        *import,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Reader *reader = import->reader;
  int c;

  c = reader_skip_space (reader, error);
  if (c == READER_ERROR)
    return FALSE;
  if (c == READER_EOF)
    return fail (error, KEFU_IMPORT_ERROR_INVALID_JSON, _("The archive is empty."));
  if (c == '[')
    return fail (error, KEFU_IMPORT_ERROR_UNSUPPORTED,
                 _("This file is not a Kefu archive: it holds a JSON list, not an object."));
  if (c != '{')
    return fail (error, KEFU_IMPORT_ERROR_INVALID_JSON,
                 _("This file is not a Kefu archive: it is not JSON (it does not start with “{”)."));
  reader_advance (reader);

  c = reader_skip_space (reader, error);
  if (c == '}')
    reader_advance (reader);
  else
    for (;;)
      {
        g_autofree char *key = NULL;

        if (!read_key (import, &key, error) ||
            !reader_expect (reader, ':', _("after a member name"), error) ||
            !import_member (import, key, cancellable, error))
          return FALSE;

        c = reader_skip_space (reader, error);
        if (c == READER_ERROR)
          return FALSE;
        if (c == '}')
          {
            reader_advance (reader);
            break;
          }
        if (!reader_expect (reader, ',', _("between members"), error))
          return FALSE;
      }

  c = reader_skip_space (reader, error);
  if (c == READER_ERROR)
    return FALSE;
  if (c != READER_EOF)
    return fail (error, KEFU_IMPORT_ERROR_INVALID_JSON,
                 _("The archive has something after its end, on line %" PRIu64 "."), reader->line);

  if (!g_hash_table_contains (import->members_seen, "format"))
    return fail (error, KEFU_IMPORT_ERROR_UNSUPPORTED,
                 _("This file is not a Kefu archive: it has no “format”."));

  return import_settings (import, error);
}

/* Writer thread, one transaction. */
static gpointer
import_job (KefuStore     *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportData *import_data = data;
  g_autofree Reader *reader = g_new0 (Reader, 1);
  Import import = { 0 };
  gboolean ok;

  if (!check_empty (store, error))
    return NULL;

  reader->stream = import_data->stream;
  reader->cancellable = cancellable;
  reader->line = 1;

  import.store = store;
  import.iface = KEFU_STORE_GET_IFACE (store);
  import.reader = reader;
  import.agents = id_set_new ();
  import.accounts = id_set_new ();
  import.customers = id_set_new ();
  import.identities = id_set_new ();
  import.identity_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.tickets = id_set_new ();
  import.ticket_numbers = id_set_new ();
  import.messages = id_set_new ();
  import.attachments = id_set_new ();
  import.thread_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.members_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ok = import_document (&import, cancellable, error);
  import_clear (&import);
  if (!ok)
    return NULL;

  kefu_store_note_everything_changed (store);

  return g_memdup2 (&import.counts, sizeof import.counts);
}

static void
import_data_free (ImportData *import_data)
{
  g_clear_object (&import_data->stream);
  g_free (import_data);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  KefuArchiveCounts *counts;
  GError *error = NULL;

  counts = kefu_store_job_finish (KEFU_STORE (object), result, &error);
  if (counts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, counts, g_free);
}

/**
 * kefu_archive_import_async:
 * @stream: the archive; read on the store's writer thread, so nothing else
 *   may use it until the import finishes
 *
 * Reads an archive written by kefu_archive_export_async() into @store,
 * which must hold no agents, accounts, customers or tickets, keeping every
 * id and ticket number. Everything is checked and written in one
 * transaction: on any error (%KEFU_IMPORT_ERROR naming the JSON path of the
 * problem, or a store error) nothing is written.
 */
void
kefu_archive_import_async (KefuStore           *store,
                           GInputStream        *stream,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  ImportData *import_data;

  g_return_if_fail (KEFU_IS_STORE (store));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_archive_import_async);

  import_data = g_new0 (ImportData, 1);
  import_data->stream = g_object_ref (stream);
  kefu_store_write_async (store, import_job, import_data, (GDestroyNotify)import_data_free,
                          g_free, cancellable, import_cb, task);
}

/**
 * kefu_archive_import_finish:
 * @counts: (out) (optional): how much was imported
 *
 * Returns: whether the archive was imported
 */
gboolean
kefu_archive_import_finish (KefuStore          *store,
                            GAsyncResult       *result,
                            KefuArchiveCounts  *counts,
                            GError            **error)
{
  g_autofree KefuArchiveCounts *imported = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  imported = g_task_propagate_pointer (G_TASK (result), error);
  if (imported == NULL)
    return FALSE;

  if (counts != NULL)
    *counts = *imported;

  return TRUE;
}
