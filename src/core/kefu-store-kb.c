/* kefu-store-kb.c: the robot's knowledge base in the store, so the app and the team share it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-store-kb.h"

typedef struct
{
  char     *json;
  gboolean  replace_all;
} PutData;

static void
put_data_free (PutData *put)
{
  g_free (put->json);
  g_free (put);
}

static gpointer
list_kb_entries_job (KefuStore     *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return KEFU_STORE_GET_IFACE (store)->list_kb_entries (store, error);
}

/**
 * kefu_store_list_kb_entries_async:
 *
 * Reads every knowledge-base entry, in the order they were put.
 */
void
kefu_store_list_kb_entries_async (KefuStore           *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));

  kefu_store_read_async (self, list_kb_entries_job, NULL, NULL, g_free,
                         cancellable, callback, user_data);
}

/**
 * kefu_store_list_kb_entries_finish:
 *
 * Returns: (transfer full): the entries as a JSON array (kb.json's format)
 */
char *
kefu_store_list_kb_entries_finish (KefuStore     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return kefu_store_job_finish (self, result, error);
}

static gpointer
put_kb_entries_job (KefuStore     *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  PutData *put = data;

  if (!KEFU_STORE_GET_IFACE (store)->put_kb_entries (store, put->json, put->replace_all, error))
    return NULL;
  kefu_store_note_config_changed (store, TRUE, FALSE);

  return GINT_TO_POINTER (TRUE);
}

/**
 * kefu_store_put_kb_entries_async:
 * @json: a JSON array of entries, already validated (the robot's
 *   kefu_knowledge_base_to_json())
 * @replace_all: whether entries not in @json are deleted
 *
 * Adds the entries of @json or replaces those with the same id, in one
 * transaction.
 */
void
kefu_store_put_kb_entries_async (KefuStore           *self,
                                 const char          *json,
                                 gboolean             replace_all,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  PutData *put;

  g_return_if_fail (KEFU_IS_STORE (self));
  g_return_if_fail (json != NULL);

  put = g_new0 (PutData, 1);
  put->json = g_strdup (json);
  put->replace_all = replace_all;
  kefu_store_write_async (self, put_kb_entries_job, put, (GDestroyNotify)put_data_free, NULL,
                          cancellable, callback, user_data);
}

gboolean
kefu_store_put_kb_entries_finish (KefuStore     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return kefu_store_job_finish (self, result, error) != NULL;
}

static gpointer
delete_kb_entry_job (KefuStore     *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  if (!KEFU_STORE_GET_IFACE (store)->delete_kb_entry (store, data, error))
    return NULL;
  kefu_store_note_config_changed (store, TRUE, FALSE);

  return GINT_TO_POINTER (TRUE);
}

/**
 * kefu_store_delete_kb_entry_async:
 *
 * Deletes the entry with @id; %KEFU_STORE_ERROR_NOT_FOUND if there is none.
 */
void
kefu_store_delete_kb_entry_async (KefuStore           *self,
                                  const char          *id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (KEFU_IS_STORE (self));
  g_return_if_fail (id != NULL);

  kefu_store_write_async (self, delete_kb_entry_job, g_strdup (id), g_free, NULL,
                          cancellable, callback, user_data);
}

gboolean
kefu_store_delete_kb_entry_finish (KefuStore     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return kefu_store_job_finish (self, result, error) != NULL;
}
