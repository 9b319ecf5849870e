/* kefu-knowledge-base.h: the shop's questions and answers, in several languages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-kb-entry.h"

G_BEGIN_DECLS

#define KEFU_KB_ERROR (kefu_kb_error_quark ())

typedef enum
{
  KEFU_KB_ERROR_INVALID,   /* an entry misses a field or has an oversized one */
  KEFU_KB_ERROR_FORMAT,    /* not the JSON or CSV Kefu reads */
} KefuKbError;

GQuark kefu_kb_error_quark (void);

/* Longer import files are refused rather than read. */
#define KEFU_KB_MAX_FILE_BYTES (64 * 1024 * 1024)

#define KEFU_TYPE_KNOWLEDGE_BASE (kefu_knowledge_base_get_type ())
G_DECLARE_FINAL_TYPE (KefuKnowledgeBase, kefu_knowledge_base, KEFU, KNOWLEDGE_BASE, GObject)

KefuKnowledgeBase *kefu_knowledge_base_new           (void);
guint              kefu_knowledge_base_get_n_entries (KefuKnowledgeBase  *self);
const KefuKbEntry *kefu_knowledge_base_get_entry     (KefuKnowledgeBase  *self,
                                                      guint               position);
const KefuKbEntry *kefu_knowledge_base_lookup        (KefuKnowledgeBase  *self,
                                                      const char         *id);
void               kefu_knowledge_base_take_entry    (KefuKnowledgeBase  *self,
                                                      KefuKbEntry        *entry);
gboolean           kefu_knowledge_base_remove        (KefuKnowledgeBase  *self,
                                                      const char         *id);
void               kefu_knowledge_base_clear         (KefuKnowledgeBase  *self);
GPtrArray         *kefu_knowledge_base_dup_groups    (KefuKnowledgeBase  *self);
const KefuKbEntry *kefu_knowledge_base_pick          (KefuKnowledgeBase  *self,
                                                      const char         *group,
                                                      const char         *lang);

/* kefu-kb-json.c: the format of kb.json, a JSON array of entries. */
gboolean           kefu_knowledge_base_load_json     (KefuKnowledgeBase  *self,
                                                      const char         *data,
                                                      gssize              length,
                                                      GError            **error);
char              *kefu_knowledge_base_to_json       (KefuKnowledgeBase  *self);

/* kefu-kb-csv.c: RFC 4180 CSV with a header row naming the columns;
 * alternates and tags are one per line inside their cell. */
gboolean           kefu_knowledge_base_load_csv      (KefuKnowledgeBase  *self,
                                                      const char         *data,
                                                      gssize              length,
                                                      GError            **error);
char              *kefu_knowledge_base_to_csv        (KefuKnowledgeBase  *self);

/* By file name: ".csv" is CSV, anything else JSON. */
gboolean           kefu_knowledge_base_load_file     (KefuKnowledgeBase  *self,
                                                      const char         *path,
                                                      GError            **error);
gboolean           kefu_knowledge_base_save_file     (KefuKnowledgeBase  *self,
                                                      const char         *path,
                                                      GError            **error);

G_END_DECLS
