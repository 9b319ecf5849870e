/* kefu-kb-entry.h: one knowledge-base entry: a question, its other phrasings and the answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Entries that share @group are translations of the same answer; the group
 * is what the matcher picks, the language then picks the entry. */
typedef struct
{
  char     *id;           /* unique, e.g. "faq-020" */
  char     *group;        /* e.g. "refund-policy" */
  char     *lang;         /* BCP 47: "en", "zh-Hans", "zh-Hant" */
  char     *question;
  char    **alternates;   /* other phrasings, never NULL */
  char     *answer;
  char    **tags;         /* never NULL */
  gboolean  enabled;      /* a disabled entry is kept but never matched */
} KefuKbEntry;

#define KEFU_TYPE_KB_ENTRY (kefu_kb_entry_get_type ())
GType        kefu_kb_entry_get_type  (void) G_GNUC_CONST;
KefuKbEntry *kefu_kb_entry_new       (const char        *id,
                                      const char        *group,
                                      const char        *lang,
                                      const char        *question,
                                      const char        *answer);
KefuKbEntry *kefu_kb_entry_copy      (const KefuKbEntry *self);
void         kefu_kb_entry_free      (KefuKbEntry       *self);
gboolean     kefu_kb_entry_validate  (const KefuKbEntry *self,
                                      GError           **error);
gboolean     kefu_kb_entry_has_tag   (const KefuKbEntry *self,
                                      const char        *tag);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuKbEntry, kefu_kb_entry_free)

G_END_DECLS
