/* kefu-knowledge-base.c: the shop's questions and answers, in several languages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kefu-knowledge-base.h"

struct _KefuKnowledgeBase
{
  GObject     parent_instance;

  /* owned */
  GPtrArray  *entries;   /* KefuKbEntry, in the order they were added */
  GHashTable *by_id;     /* id → KefuKbEntry (borrowed from entries) */
};

G_DEFINE_FINAL_TYPE (KefuKnowledgeBase, kefu_knowledge_base, G_TYPE_OBJECT)
G_DEFINE_QUARK (kefu-kb-error-quark, kefu_kb_error)

static void
kefu_knowledge_base_finalize (GObject *object)
{
  KefuKnowledgeBase *self = (KefuKnowledgeBase *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (kefu_knowledge_base_parent_class)->finalize (object);
}

static void
kefu_knowledge_base_class_init (KefuKnowledgeBaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kefu_knowledge_base_finalize;
}

static void
kefu_knowledge_base_init (KefuKnowledgeBase *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_kb_entry_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * kefu_knowledge_base_new:
 *
 * Returns: (transfer full): an empty knowledge base. Not thread-safe: use
 *   it from one thread, or give each thread its own.
 */
KefuKnowledgeBase *
kefu_knowledge_base_new (void)
{
  return g_object_new (KEFU_TYPE_KNOWLEDGE_BASE, NULL);
}

guint
kefu_knowledge_base_get_n_entries (KefuKnowledgeBase *self)
{
  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (self), 0);

  return self->entries->len;
}

/**
 * kefu_knowledge_base_get_entry:
 *
 * Returns: (transfer none): the entry at @position
 */
const KefuKbEntry *
kefu_knowledge_base_get_entry (KefuKnowledgeBase *self,
                               guint              position)
{
  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, position);
}

/**
 * kefu_knowledge_base_lookup:
 *
 * Returns: (transfer none) (nullable): the entry with @id
 */
const KefuKbEntry *
kefu_knowledge_base_lookup (KefuKnowledgeBase *self,
                            const char        *id)
{
  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

/**
 * kefu_knowledge_base_take_entry:
 * @entry: (transfer full): a valid entry
 *
 * Adds @entry, or replaces the entry with the same id where it stands.
 */
void
kefu_knowledge_base_take_entry (KefuKnowledgeBase *self,
                                KefuKbEntry       *entry)
{
  KefuKbEntry *old;
  guint position;

  g_return_if_fail (KEFU_IS_KNOWLEDGE_BASE (self));
  g_return_if_fail (entry != NULL && entry->id != NULL);

  old = g_hash_table_lookup (self->by_id, entry->id);
  if (old != NULL && g_ptr_array_find (self->entries, old, &position))
    {
      g_hash_table_remove (self->by_id, old->id);
      kefu_kb_entry_free (g_ptr_array_index (self->entries, position));
      g_ptr_array_index (self->entries, position) = entry;
    }
  else
    {
      g_ptr_array_add (self->entries, entry);
    }
  g_hash_table_insert (self->by_id, entry->id, entry);
}

gboolean
kefu_knowledge_base_remove (KefuKnowledgeBase *self,
                            const char        *id)
{
  KefuKbEntry *entry;

  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  entry = g_hash_table_lookup (self->by_id, id);
  if (entry == NULL)
    return FALSE;

  g_hash_table_remove (self->by_id, id);
  g_ptr_array_remove (self->entries, entry);

  return TRUE;
}

void
kefu_knowledge_base_clear (KefuKnowledgeBase *self)
{
  g_return_if_fail (KEFU_IS_KNOWLEDGE_BASE (self));

  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->entries, 0);
}

/**
 * kefu_knowledge_base_dup_groups:
 *
 * Returns: (transfer full) (element-type utf8): the groups, each once, in
 *   the order of their first entry
 */
GPtrArray *
kefu_knowledge_base_dup_groups (KefuKnowledgeBase *self)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *groups = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (self), groups);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const KefuKbEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_hash_table_add (seen, entry->group))
        g_ptr_array_add (groups, g_strdup (entry->group));
    }

  return groups;
}

/* How close @have is to what the customer writes in (@want): the same tag,
 * the same script of Chinese, the same base language, then anything. */
static int
language_rank (const char *want,
               const char *have)
{
  if (want == NULL || have == NULL)
    return 0;
  if (g_ascii_strcasecmp (want, have) == 0)
    return 4;
  if (g_ascii_strncasecmp (want, "zh", 2) == 0 && g_ascii_strncasecmp (have, "zh", 2) == 0)
    return 3;
  if (g_ascii_strncasecmp (want, have, 2) == 0)
    return 2;
  if (g_ascii_strncasecmp (have, "en", 2) == 0)
    return 1;
  return 0;
}

/**
 * kefu_knowledge_base_pick:
 * @lang: (nullable): the customer's language (BCP 47)
 *
 * The enabled entry of @group best for a customer writing in @lang: the
 * same language, else the other script of Chinese, else English, else the
 * first entry of the group.
 *
 * Returns: (transfer none) (nullable): the entry, or %NULL if the group
 *   has no enabled entry
 */
const KefuKbEntry *
kefu_knowledge_base_pick (KefuKnowledgeBase *self,
                          const char        *group,
                          const char        *lang)
{
  const KefuKbEntry *best = NULL;
  int best_rank = -1;

  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (self), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const KefuKbEntry *entry = g_ptr_array_index (self->entries, i);
      int rank;

      if (!entry->enabled || g_strcmp0 (entry->group, group) != 0)
        continue;
      rank = language_rank (lang, entry->lang);
      if (rank > best_rank)
        {
          best = entry;
          best_rank = rank;
        }
    }

  return best;
}

static gboolean
has_suffix_nocase (const char *path,
                   const char *suffix)
{
  gsize path_len = strlen (path);
  gsize suffix_len = strlen (suffix);

  return path_len >= suffix_len && g_ascii_strcasecmp (path + path_len - suffix_len, suffix) == 0;
}

/**
 * kefu_knowledge_base_load_file:
 * @path: a JSON file (kb.json's format) or a ".csv" file
 *
 * Adds the file's entries, replacing entries with the same id. Nothing is
 * added if any entry is invalid. Reads the file: not for the main thread.
 */
gboolean
kefu_knowledge_base_load_file (KefuKnowledgeBase  *self,
                               const char         *path,
                               GError            **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_commandline_arg (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_size (info) > KEFU_KB_MAX_FILE_BYTES)
    {
      g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_FORMAT,
                   _("“%s” is too large for a knowledge base."), path);
      return FALSE;
    }
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, error))
    return FALSE;

  if (has_suffix_nocase (path, ".csv"))
    return kefu_knowledge_base_load_csv (self, data, length, error);
  return kefu_knowledge_base_load_json (self, data, length, error);
}

/**
 * kefu_knowledge_base_save_file:
 *
 * Writes every entry, as CSV if @path ends in ".csv", else JSON; the file is
 * replaced atomically. Writes the file: not for the main thread.
 */
gboolean
kefu_knowledge_base_save_file (KefuKnowledgeBase  *self,
                               const char         *path,
                               GError            **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (has_suffix_nocase (path, ".csv"))
    data = kefu_knowledge_base_to_csv (self);
  else
    data = kefu_knowledge_base_to_json (self);

  return g_file_set_contents (path, data, -1, error);
}
