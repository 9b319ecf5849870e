/* kefu-account-secret.c: an account's password, kept in libsecret and nowhere else.
 *
 * Items are found by the account's id in the store, whatever the channel, so
 * renaming an account or moving the database keeps its password. The schema
 * keeps the name the email channel first stored passwords under.
 *
 * Headless tests may set KEFU_TEST_ACCOUNT_PASSWORD instead (test-only: it
 * replaces the keyring lookup for every account of the process).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "kefu-account-secret.h"
#include "kefu-channel.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.kefu.Kefu.Account", SECRET_SCHEMA_NONE,
    {
      { "account-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_prefix_error (&error, "%s ", _("The password could not be saved in the keyring:"));
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * kefu_account_secret_store_async:
 * @label: what the keyring shows, such as "Kefu: support@shop.example"
 *
 * Saves @password for @account_id in the default keyring.
 */
void
kefu_account_secret_store_async (gint64               account_id,
                                 const char          *label,
                                 const char          *password,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, account_id);
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kefu_account_secret_store_async);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, store_cb, task, "account-id", id, NULL);
}

gboolean
kefu_account_secret_store_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
wipe_and_free (gpointer data)
{
  char *password = data;

  memset (password, 0, strlen (password));
  g_free (password);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_prefix_error (&error, "%s ", _("The keyring could not be read:"));
      g_task_return_error (task, error);
      return;
    }
  if (password == NULL)
    {
      g_task_return_new_error (task, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_AUTH_FAILED,
                               _("No password is saved for this account. Enter it again in the account's settings."));
      return;
    }

  g_task_return_pointer (task, g_strdup (password), wipe_and_free);
  secret_password_free (password);
}

/**
 * kefu_account_secret_lookup_async:
 *
 * Looks up the password of account @account_id. No password saved is an
 * error, %KEFU_CHANNEL_ERROR_AUTH_FAILED.
 */
void
kefu_account_secret_lookup_async (gint64               account_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, account_id);
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  const char *test_password = g_getenv ("KEFU_TEST_ACCOUNT_PASSWORD");

  g_task_set_source_tag (task, kefu_account_secret_lookup_async);

  if (test_password != NULL)
    {
      g_task_return_pointer (task, g_strdup (test_password), wipe_and_free);
      g_object_unref (task);
      return;
    }

  secret_password_lookup (get_schema (), cancellable, lookup_cb, task, "account-id", id, NULL);
}

/**
 * kefu_account_secret_lookup_finish:
 *
 * Returns: (transfer full): the password; wipe it, then free it with g_free()
 */
char *
kefu_account_secret_lookup_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * kefu_account_secret_clear_async:
 *
 * Removes the password of account @account_id from the keyring.
 */
void
kefu_account_secret_clear_async (gint64               account_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, account_id);
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kefu_account_secret_clear_async);
  secret_password_clear (get_schema (), cancellable, clear_cb, task, "account-id", id, NULL);
}

gboolean
kefu_account_secret_clear_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
