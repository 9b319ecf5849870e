/* kefu-kb-csv.c: reading and writing the knowledge base as CSV for spreadsheets.
 *
 * RFC 4180: fields separated by commas, quoted with '"' when they hold a
 * comma, a quote or a line break, quotes doubled inside. The first row names
 * the columns (any order; unknown ones are ignored): id, group, lang,
 * question, alternates, answer, tags, enabled. Alternates and tags hold one
 * item per line inside their cell.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kefu-knowledge-base.h"
#include "kefu-text-analyzer.h"

enum {
  COLUMN_ID,
  COLUMN_GROUP,
  COLUMN_LANG,
  COLUMN_QUESTION,
  COLUMN_ALTERNATES,
  COLUMN_ANSWER,
  COLUMN_TAGS,
  COLUMN_ENABLED,
  N_COLUMNS
};

static const char *column_names[N_COLUMNS] = {
  "id", "group", "lang", "question", "alternates", "answer", "tags", "enabled",
};

/* Splits @data into rows of fields; returns NULL on an unterminated quote. */
static GPtrArray *
parse_rows (const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  g_autoptr (GPtrArray) row = NULL;
  g_autoptr (GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;
  gboolean field_started = FALSE;
  gsize i = 0;

  /* A byte order mark, as spreadsheets write it. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;

  row = g_ptr_array_new_with_free_func (g_free);
  for (; i < length; i++)
    {
      char c = data[i];

      if (quoted)
        {
          if (c == '"' && i + 1 < length && data[i + 1] == '"')
            {
              g_string_append_c (field, '"');
              i++;
            }
          else if (c == '"')
            {
              quoted = FALSE;
            }
          else
            {
              g_string_append_c (field, c);
            }
          continue;
        }

      if (c == '"' && field->len == 0)
        {
          quoted = TRUE;
          field_started = TRUE;
        }
      else if (c == ',')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          field_started = TRUE;
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && i + 1 < length && data[i + 1] == '\n')
            i++;
          if (field_started || field->len > 0 || row->len > 0)
            {
              g_ptr_array_add (row, g_strdup (field->str));
              g_ptr_array_add (rows, g_steal_pointer (&row));
              row = g_ptr_array_new_with_free_func (g_free);
            }
          g_string_truncate (field, 0);
          field_started = FALSE;
        }
      else
        {
          g_string_append_c (field, c);
          field_started = TRUE;
        }
    }

  if (quoted)
    {
      g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_FORMAT,
                   _("The CSV file ends inside a quoted field."));
      return NULL;
    }
  if (field_started || field->len > 0 || row->len > 0)
    {
      g_ptr_array_add (row, g_strdup (field->str));
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }

  return g_steal_pointer (&rows);
}

static char **
split_lines (const char *cell)
{
  g_auto (GStrv) lines = g_strsplit_set (cell ? cell : "", "\r\n", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        g_strv_builder_add (builder, lines[i]);
    }

  return g_strv_builder_end (builder);
}

static const char *
cell (GPtrArray *row,
      const int *columns,
      int        column)
{
  if (columns[column] < 0 || (guint)columns[column] >= row->len)
    return NULL;

  return g_ptr_array_index (row, columns[column]);
}

static char *
dup_cell (GPtrArray *row,
          const int *columns,
          int        column)
{
  const char *value = cell (row, columns, column);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/**
 * kefu_knowledge_base_load_csv:
 *
 * Adds the entries of a CSV file, replacing entries with the same id. All
 * or nothing: on error the knowledge base is unchanged.
 */
gboolean
kefu_knowledge_base_load_csv (KefuKnowledgeBase  *self,
                              const char         *data,
                              gssize              length,
                              GError            **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (KefuTextAnalyzer) analyzer = NULL;
  GPtrArray *header;
  int columns[N_COLUMNS];

  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (length < 0)
    length = strlen (data);
  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_FORMAT,
                   _("The CSV file is not UTF-8 text; save it as “CSV UTF-8”."));
      return FALSE;
    }

  rows = parse_rows (data, length, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    return TRUE;

  header = g_ptr_array_index (rows, 0);
  for (int c = 0; c < N_COLUMNS; c++)
    {
      columns[c] = -1;
      for (guint i = 0; i < header->len; i++)
        {
          g_autofree char *name = g_strstrip (g_ascii_strdown (g_ptr_array_index (header, i), -1));

          if (g_str_equal (name, column_names[c]))
            columns[c] = i;
        }
    }
  if (columns[COLUMN_ID] < 0 || columns[COLUMN_QUESTION] < 0 || columns[COLUMN_ANSWER] < 0)
    {
      g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_FORMAT,
                   _("The first row of the CSV file must name the columns, at least id, question and answer."));
      return FALSE;
    }

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_kb_entry_free);
  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);
      g_autoptr (KefuKbEntry) entry = NULL;
      const char *enabled;

      entry = kefu_kb_entry_new (cell (row, columns, COLUMN_ID), NULL, NULL, NULL, NULL);
      entry->group = dup_cell (row, columns, COLUMN_GROUP);
      entry->lang = dup_cell (row, columns, COLUMN_LANG);
      entry->question = dup_cell (row, columns, COLUMN_QUESTION);
      entry->answer = dup_cell (row, columns, COLUMN_ANSWER);
      /* A sheet without groups: every entry is its own group; without
       * languages, the question's script says. */
      if (entry->group == NULL)
        entry->group = g_strdup (entry->id);
      if (entry->lang == NULL && entry->question != NULL)
        {
          if (analyzer == NULL)
            analyzer = kefu_text_analyzer_new ();
          entry->lang = g_strdup (kefu_text_analyzer_guess_language (analyzer, entry->question));
        }
      g_strfreev (entry->alternates);
      entry->alternates = split_lines (cell (row, columns, COLUMN_ALTERNATES));
      g_strfreev (entry->tags);
      entry->tags = split_lines (cell (row, columns, COLUMN_TAGS));
      enabled = cell (row, columns, COLUMN_ENABLED);
      if (enabled != NULL && (g_ascii_strcasecmp (enabled, "false") == 0 ||
                              g_ascii_strcasecmp (enabled, "no") == 0 ||
                              g_str_equal (enabled, "0")))
        entry->enabled = FALSE;

      if (!kefu_kb_entry_validate (entry, error))
        {
          g_prefix_error (error, _("Row %u: "), r + 1);
          return FALSE;
        }
      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }

  for (guint i = 0; i < entries->len; i++)
    kefu_knowledge_base_take_entry (self, g_steal_pointer (&g_ptr_array_index (entries, i)));

  return TRUE;
}

static void
append_field (GString    *text,
              const char *value)
{
  if (value == NULL)
    value = "";

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (text, value);
      return;
    }

  g_string_append_c (text, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (text, '"');
      g_string_append_c (text, *p);
    }
  g_string_append_c (text, '"');
}

/**
 * kefu_knowledge_base_to_csv:
 *
 * Returns: (transfer full): every entry as CSV, with a header row
 */
char *
kefu_knowledge_base_to_csv (KefuKnowledgeBase *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (self), NULL);

  for (int c = 0; c < N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (text, ',');
      g_string_append (text, column_names[c]);
    }
  g_string_append (text, "\r\n");

  for (guint i = 0; i < kefu_knowledge_base_get_n_entries (self); i++)
    {
      const KefuKbEntry *entry = kefu_knowledge_base_get_entry (self, i);
      g_autofree char *alternates = g_strjoinv ("\n", entry->alternates);
      g_autofree char *tags = g_strjoinv ("\n", entry->tags);

      append_field (text, entry->id);
      g_string_append_c (text, ',');
      append_field (text, entry->group);
      g_string_append_c (text, ',');
      append_field (text, entry->lang);
      g_string_append_c (text, ',');
      append_field (text, entry->question);
      g_string_append_c (text, ',');
      append_field (text, alternates);
      g_string_append_c (text, ',');
      append_field (text, entry->answer);
      g_string_append_c (text, ',');
      append_field (text, tags);
      g_string_append_c (text, ',');
      g_string_append (text, entry->enabled ? "true" : "false");
      g_string_append (text, "\r\n");
    }

  return g_string_free (text, FALSE);
}
