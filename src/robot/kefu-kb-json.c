/* kefu-kb-json.c: reading and writing the knowledge base as JSON (kb.json's format).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kefu-knowledge-base.h"

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

static char **
dup_string_list (JsonObject  *object,
                 const char  *name,
                 const char  *id,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strv_builder_end (builder);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_FORMAT,
                   _("The %1$s of entry “%2$s” must be a list of texts."), name, id);
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_FORMAT,
                       _("The %1$s of entry “%2$s” must be a list of texts."), name, id);
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (item));
    }

  return g_strv_builder_end (builder);
}

static KefuKbEntry *
entry_from_json (JsonNode  *node,
                 guint      position,
                 GError   **error)
{
  g_autoptr (KefuKbEntry) entry = NULL;
  g_autofree char *id = NULL;
  JsonObject *object;
  JsonNode *enabled;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_FORMAT,
                   _("Item %u of the knowledge base is not an entry."), position + 1);
      return NULL;
    }

  object = json_node_get_object (node);
  id = dup_string_member (object, "id");
  if (id == NULL)
    id = g_strdup_printf ("#%u", position + 1);

  entry = kefu_kb_entry_new (id, NULL, NULL, NULL, NULL);
  entry->group = dup_string_member (object, "group");
  entry->lang = dup_string_member (object, "lang");
  entry->question = dup_string_member (object, "question");
  entry->answer = dup_string_member (object, "answer");
  g_strfreev (entry->alternates);
  entry->alternates = dup_string_list (object, "alternates", id, error);
  if (entry->alternates == NULL)
    return NULL;
  g_strfreev (entry->tags);
  entry->tags = dup_string_list (object, "tags", id, error);
  if (entry->tags == NULL)
    return NULL;

  enabled = json_object_get_member (object, "enabled");
  if (enabled != NULL && JSON_NODE_HOLDS_VALUE (enabled) &&
      json_node_get_value_type (enabled) == G_TYPE_BOOLEAN)
    entry->enabled = json_node_get_boolean (enabled);

  if (!kefu_kb_entry_validate (entry, error))
    return NULL;

  return g_steal_pointer (&entry);
}

/**
 * kefu_knowledge_base_load_json:
 *
 * Adds the entries of a JSON array (or an object with an "entries" array),
 * replacing entries with the same id. All or nothing: on error the
 * knowledge base is unchanged.
 */
gboolean
kefu_knowledge_base_load_json (KefuKnowledgeBase  *self,
                               const char         *data,
                               gssize              length,
                               GError            **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonArray *array = NULL;

  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_FORMAT,
                   _("This is not a knowledge base in JSON: %s"), local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      array = json_node_get_array (root);
    }
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      object = json_node_get_object (root);
      if (json_object_has_member (object, "entries") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "entries")))
        array = json_object_get_array_member (object, "entries");
    }

  if (array == NULL)
    {
      g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_FORMAT,
                   _("A knowledge base in JSON is a list of entries."));
      return FALSE;
    }

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_kb_entry_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      KefuKbEntry *entry = entry_from_json (json_array_get_element (array, i), i, error);

      if (entry == NULL)
        return FALSE;
      g_ptr_array_add (entries, entry);
    }

  for (guint i = 0; i < entries->len; i++)
    kefu_knowledge_base_take_entry (self, g_steal_pointer (&g_ptr_array_index (entries, i)));

  return TRUE;
}

static void
add_list (JsonBuilder  *builder,
          const char   *name,
          char        **values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/**
 * kefu_knowledge_base_to_json:
 *
 * Returns: (transfer full): every entry as a pretty-printed JSON array
 *   that kefu_knowledge_base_load_json() reads back
 */
char *
kefu_knowledge_base_to_json (KefuKnowledgeBase *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  GString *text;

  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (self), NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < kefu_knowledge_base_get_n_entries (self); i++)
    {
      const KefuKbEntry *entry = kefu_knowledge_base_get_entry (self, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", entry->id);
      add_string (builder, "group", entry->group);
      add_string (builder, "lang", entry->lang);
      add_string (builder, "question", entry->question);
      add_list (builder, "alternates", entry->alternates);
      add_string (builder, "answer", entry->answer);
      add_list (builder, "tags", entry->tags);
      if (!entry->enabled)
        {
          json_builder_set_member_name (builder, "enabled");
          json_builder_add_boolean_value (builder, FALSE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  text = g_string_new (NULL);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');

  return g_string_free (text, FALSE);
}
