/* kefu-phone-secret.c: a SIP account's password in libsecret.
 *
 * Headless tests may set KEFU_TEST_SIP_PASSWORD instead (test-only: it
 * replaces the keyring lookup for every SIP account of the process).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-phone-secret.h"

#include <libsecret/secret.h>

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.kefu.Kefu.SipAccount", SECRET_SCHEMA_NONE,
    {
      { "account-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

/**
 * kefu_phone_secret_lookup_async:
 *
 * Looks up the password of SIP account @account_id; the result may be %NULL
 * (no password stored) without an error.
 */
void
kefu_phone_secret_lookup_async (gint64               account_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, account_id);
  const char *test_password = g_getenv ("KEFU_TEST_SIP_PASSWORD");

  g_task_set_source_tag (task, kefu_phone_secret_lookup_async);

  if (test_password != NULL)
    {
      g_task_return_pointer (task, g_strdup (test_password), g_free);
      return;
    }

  secret_password_lookup (get_schema (), cancellable, lookup_cb, g_steal_pointer (&task),
                          "account-id", id, NULL);
}

char *
kefu_phone_secret_lookup_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
kefu_phone_secret_store_async (gint64               account_id,
                               const char          *label,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, account_id);

  g_task_set_source_tag (task, kefu_phone_secret_store_async);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, store_cb, g_steal_pointer (&task),
                         "account-id", id, NULL);
}

gboolean
kefu_phone_secret_store_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
