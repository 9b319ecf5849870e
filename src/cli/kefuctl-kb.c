/* kefuctl-kb.c: `kefuctl kb`: import, export and list the robot's knowledge base.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-knowledge-base.h"
#include "kefu-store-kb.h"
#include "kefuctl-context.h"

static KefuKnowledgeBase *
load_from_store (KefuctlContext  *context,
                 GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuKnowledgeBase) knowledge_base = kefu_knowledge_base_new ();
  g_autofree char *json = NULL;
  KefuStore *store = kefuctl_context_get_store (context);

  kefu_store_list_kb_entries_async (store, context->cancellable, kefuctl_result_cb, &result);
  json = kefu_store_list_kb_entries_finish (store, kefuctl_wait (&result), error);
  if (json == NULL || !kefu_knowledge_base_load_json (knowledge_base, json, -1, error))
    return NULL;

  return g_steal_pointer (&knowledge_base);
}

static gboolean
kb_import (KefuctlContext  *context,
           const char      *path,
           gboolean         replace,
           GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuKnowledgeBase) knowledge_base = kefu_knowledge_base_new ();
  g_autofree char *json = NULL;
  KefuStore *store;

  /* Read and check the whole file before touching the database. */
  if (!kefu_knowledge_base_load_file (knowledge_base, path, error))
    return FALSE;
  if (!kefuctl_context_open (context, KEFUCTL_OPEN_CREATE, error))
    return FALSE;

  store = kefuctl_context_get_store (context);
  json = kefu_knowledge_base_to_json (knowledge_base);
  kefu_store_put_kb_entries_async (store, json, replace, context->cancellable, kefuctl_result_cb, &result);
  if (!kefu_store_put_kb_entries_finish (store, kefuctl_wait (&result), error))
    return FALSE;

  g_print (ngettext ("Imported %u entry.\n", "Imported %u entries.\n",
                     kefu_knowledge_base_get_n_entries (knowledge_base)),
           kefu_knowledge_base_get_n_entries (knowledge_base));

  return TRUE;
}

static gboolean
kb_export (KefuctlContext  *context,
           const char      *path,
           gboolean         csv,
           GError         **error)
{
  g_autoptr (KefuKnowledgeBase) knowledge_base = NULL;
  g_autofree char *data = NULL;

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;
  knowledge_base = load_from_store (context, error);
  if (knowledge_base == NULL)
    return FALSE;

  if (path != NULL && !g_str_equal (path, "-"))
    return kefu_knowledge_base_save_file (knowledge_base, path, error);

  data = csv ? kefu_knowledge_base_to_csv (knowledge_base) : kefu_knowledge_base_to_json (knowledge_base);
  g_print ("%s", data);

  return TRUE;
}

static gboolean
kb_list (KefuctlContext  *context,
         gboolean         json,
         GError         **error)
{
  g_autoptr (KefuKnowledgeBase) knowledge_base = NULL;
  g_autoptr (KefuctlTable) table = NULL;
  g_autofree char *data = NULL;

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;
  knowledge_base = load_from_store (context, error);
  if (knowledge_base == NULL)
    return FALSE;

  if (json)
    {
      data = kefu_knowledge_base_to_json (knowledge_base);
      g_print ("%s", data);
      return TRUE;
    }

  table = kefuctl_table_new (5, _("ID"), _("Group"), _("Language"), _("On"), _("Question"));
  for (guint i = 0; i < kefu_knowledge_base_get_n_entries (knowledge_base); i++)
    {
      const KefuKbEntry *entry = kefu_knowledge_base_get_entry (knowledge_base, i);

      kefuctl_table_add_row (table, entry->id, entry->group, entry->lang,
                             entry->enabled ? _("yes") : _("no"), entry->question);
    }
  kefuctl_table_print (table);

  return TRUE;
}

gboolean
kefuctl_kb_run (KefuctlContext  *context,
                int              argc,
                char           **argv,
                GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  gboolean json = FALSE;
  gboolean csv = FALSE;
  gboolean replace = FALSE;
  const GOptionEntry entries[] = {
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace, N_("import: delete the entries the file does not have"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("export to standard output: CSV instead of JSON"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("list: print JSON for programs"), NULL },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "kb import FILE | export [FILE|-] | list",
                                         _("The robot's knowledge base. “import” reads a JSON file "
                                           "(the format of kb.json) or a .csv file and adds its entries, "
                                           "replacing entries with the same id; “export” writes them as "
                                           "JSON, or CSV if FILE ends in .csv; “list” shows them."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 1, 2, error))
    return FALSE;

  if (g_str_equal (argv[1], "import") && argc == 3)
    return kb_import (context, argv[2], replace, error);
  if (g_str_equal (argv[1], "export"))
    return kb_export (context, argc == 3 ? argv[2] : NULL, csv, error);
  if (g_str_equal (argv[1], "list") && argc == 2)
    return kb_list (context, json, error);

  g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
               _("Use “kefuctl kb import FILE”, “kefuctl kb export [FILE]” or “kefuctl kb list”."));
  return FALSE;
}
