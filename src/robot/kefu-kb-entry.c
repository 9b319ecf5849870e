/* kefu-kb-entry.c: one knowledge-base entry: a question, its other phrasings and the answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kefu-kb-entry.h"
#include "kefu-knowledge-base.h"

G_DEFINE_BOXED_TYPE (KefuKbEntry, kefu_kb_entry, kefu_kb_entry_copy, kefu_kb_entry_free)

/* Bounds on what one entry may carry; an import over them is refused. */
#define MAX_SHORT_BYTES (200)
#define MAX_TEXT_BYTES  (16 * 1024)
#define MAX_LIST_ITEMS  (64)

/**
 * kefu_kb_entry_new:
 *
 * Returns: (transfer full): an enabled entry without alternates or tags
 */
KefuKbEntry *
kefu_kb_entry_new (const char *id,
                   const char *group,
                   const char *lang,
                   const char *question,
                   const char *answer)
{
  KefuKbEntry *self = g_new0 (KefuKbEntry, 1);

  self->id = g_strdup (id);
  self->group = g_strdup (group);
  self->lang = g_strdup (lang);
  self->question = g_strdup (question);
  self->answer = g_strdup (answer);
  self->alternates = g_new0 (char *, 1);
  self->tags = g_new0 (char *, 1);
  self->enabled = TRUE;

  return self;
}

KefuKbEntry *
kefu_kb_entry_copy (const KefuKbEntry *self)
{
  KefuKbEntry *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = kefu_kb_entry_new (self->id, self->group, self->lang, self->question, self->answer);
  g_strfreev (copy->alternates);
  copy->alternates = self->alternates ? g_strdupv (self->alternates) : g_new0 (char *, 1);
  g_strfreev (copy->tags);
  copy->tags = self->tags ? g_strdupv (self->tags) : g_new0 (char *, 1);
  copy->enabled = self->enabled;

  return copy;
}

void
kefu_kb_entry_free (KefuKbEntry *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->group);
  g_free (self->lang);
  g_free (self->question);
  g_strfreev (self->alternates);
  g_free (self->answer);
  g_strfreev (self->tags);
  g_free (self);
}

static gboolean
check_text (const char  *value,
            const char  *field,
            gsize        max_bytes,
            gboolean     required,
            const char  *id,
            GError     **error)
{
  if (value == NULL || *value == '\0')
    {
      if (!required)
        return TRUE;
      g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_INVALID,
                   /* Translators: %1$s is a field name (id, group, question…), %2$s an entry id */
                   _("The entry “%2$s” has no %1$s."), field, id ? id : "?");
      return FALSE;
    }

  if (!g_utf8_validate (value, -1, NULL) || strlen (value) > max_bytes)
    {
      g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_INVALID,
                   _("The %1$s of entry “%2$s” is not valid text or is too long."),
                   field, id ? id : "?");
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_list (char       **values,
            const char  *field,
            const char  *id,
            GError     **error)
{
  if (values != NULL && g_strv_length (values) > MAX_LIST_ITEMS)
    {
      g_set_error (error, KEFU_KB_ERROR, KEFU_KB_ERROR_INVALID,
                   _("The entry “%2$s” has too many %1$s."), field, id);
      return FALSE;
    }

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (!check_text (values[i], field, MAX_TEXT_BYTES, TRUE, id, error))
      return FALSE;

  return TRUE;
}

/**
 * kefu_kb_entry_validate:
 *
 * Checks what an import must not let in: missing id, group, language,
 * question or answer, invalid UTF-8, oversized text.
 */
gboolean
kefu_kb_entry_validate (const KefuKbEntry  *self,
                        GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return check_text (self->id, "id", MAX_SHORT_BYTES, TRUE, self->id, error) &&
         check_text (self->group, "group", MAX_SHORT_BYTES, TRUE, self->id, error) &&
         check_text (self->lang, "lang", MAX_SHORT_BYTES, TRUE, self->id, error) &&
         check_text (self->question, "question", MAX_TEXT_BYTES, TRUE, self->id, error) &&
         check_text (self->answer, "answer", MAX_TEXT_BYTES, TRUE, self->id, error) &&
         check_list (self->alternates, "alternates", self->id, error) &&
         check_list (self->tags, "tags", self->id, error);
}

gboolean
kefu_kb_entry_has_tag (const KefuKbEntry *self,
                       const char        *tag)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->tags != NULL && g_strv_contains ((const char *const *)self->tags, tag);
}
