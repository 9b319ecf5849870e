/* kefuctl-demo.c: `kefuctl demo`: fill an empty database with the sample tea shop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "kefuctl-context.h"

#include "kefu-demo.h"

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  GTimer *timer = user_data;

  g_printerr (_("kefuctl: demo: %3u%% (%u of %u tickets, %.0f s)\n"),
              total > 0 ? (guint)((guint64)done * 100 / total) : 100, done, total,
              g_timer_elapsed (timer, NULL));
}

static gboolean
is_empty (KefuStore  *store,
          GError    **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) customers_result = NULL;
  g_autoptr (KefuQuery) query = kefu_query_new (KEFU_VIEW_ALL);
  g_autoptr (GPtrArray) tickets = NULL;
  g_autoptr (GPtrArray) customers = NULL;

  kefu_store_list_tickets_async (store, query, NULL, 1, NULL, kefuctl_result_cb, &result);
  tickets = kefu_store_list_tickets_finish (store, kefuctl_wait (&result), error);
  if (tickets == NULL)
    return FALSE;

  kefu_store_list_customers_async (store, NULL, 0, 1, NULL, kefuctl_result_cb, &customers_result);
  customers = kefu_store_list_customers_finish (store, kefuctl_wait (&customers_result), error);
  if (customers == NULL)
    return FALSE;

  return tickets->len == 0 && customers->len == 0;
}

static char *
read_region (KefuStore  *store,
             GError    **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GHashTable) settings = NULL;

  kefu_store_list_settings_async (store, NULL, kefuctl_result_cb, &result);
  settings = kefu_store_list_settings_finish (store, kefuctl_wait (&result), error);
  if (settings == NULL)
    return NULL;

  return g_strdup (g_hash_table_lookup (settings, "default-region"));
}

gboolean
kefuctl_demo_run (KefuctlContext  *context,
                  int              argc,
                  char           **argv,
                  GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GTimer) timer = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *tickets_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *region = NULL;
  g_autofree char *path = NULL;
  gboolean force = FALSE;
  guint n_tickets = 200;
  guint seed = 1;
  guint64 n_messages = 0;
  KefuStore *store;
  const GOptionEntry entries[] = {
    { "tickets", 0, 0, G_OPTION_ARG_STRING, &tickets_text, N_("How many tickets (default 200); messages are about ten times as many"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, N_("The same seed gives the same shop (default 1)"), N_("S") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Add the sample even if the database is not empty"), NULL },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "demo",
                                         _("Fills the database with Lotus Tea House (莲心茶舍), a sample tea shop: ninety days of customers writing in Chinese and English by e-mail, chat and phone."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 0, error))
    return FALSE;
  if (tickets_text != NULL && !kefuctl_parse_count (tickets_text, "--tickets", &n_tickets, error))
    return FALSE;
  if (seed_text != NULL && !kefuctl_parse_count (seed_text, "--seed", &seed, error))
    return FALSE;

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_CREATE, error))
    return FALSE;
  store = kefuctl_context_get_store (context);
  path = kefuctl_context_dup_db_path (context);

  if (!force)
    {
      gboolean empty = is_empty (store, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!empty)
        {
          g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_REFUSED,
                       _("The database at %s already holds tickets or customers; the sample shop goes into an empty one. Choose another with --db, or add --force."),
                       path);
          return FALSE;
        }
    }

  region = read_region (store, error);
  if (region == NULL && error != NULL && *error != NULL)
    return FALSE;

  context->router = kefu_router_new (store);
  kefu_router_set_default_region (context->router, region);

  timer = g_timer_new ();
  kefu_demo_generate_full_async (context->router, n_tickets, seed, on_progress, timer,
                                 NULL, context->cancellable,
                                 kefuctl_result_cb, &result);
  if (!kefu_demo_generate_finish (context->router, kefuctl_wait (&result), &n_messages, error))
    return FALSE;

  g_print (_("Created %u tickets with %" PRIu64 " messages in %.1f s in %s\n"),
           n_tickets, n_messages, g_timer_elapsed (timer, NULL), path);

  return TRUE;
}
