/* kefuctl-customers.c: `kefuctl customers`: the people the shop talks to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "kefuctl-context.h"

#include "kefu-enums.h"

#define PAGE_SIZE 500

static const char *
first_identity (KefuCustomer     *customer,
                KefuIdentityKind  kind)
{
  KefuIdentity *identity = kefu_customer_find_identity (customer, kind);

  if (identity == NULL)
    return NULL;

  return kefu_identity_get_display (identity) ? kefu_identity_get_display (identity)
                                               : kefu_identity_get_value (identity);
}

gboolean
kefuctl_customers_run (KefuctlContext  *context,
                       int              argc,
                       char           **argv,
                       GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *search = NULL;
  g_autofree char *limit_text = NULL;
  gboolean json = FALSE;
  guint limit = 50;
  gint64 before_id = 0;
  KefuStore *store;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only customers whose name, company, address or number matches"), N_("TEXT") },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("List at most N customers (default 50, 0 for all)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for programs"), NULL },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "customers",
                                         _("Lists customers, newest first."), entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 0, error))
    return FALSE;
  if (limit_text != NULL && !kefuctl_parse_count (limit_text, "--limit", &limit, error))
    return FALSE;

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;
  store = kefuctl_context_get_store (context);

  for (;;)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GPtrArray) page = NULL;
      guint want = limit > 0 ? MIN (PAGE_SIZE, limit - customers->len) : PAGE_SIZE;

      kefu_store_list_customers_async (store, search, before_id, want, context->cancellable,
                                       kefuctl_result_cb, &result);
      page = kefu_store_list_customers_finish (store, kefuctl_wait (&result), error);
      if (page == NULL)
        return FALSE;

      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (customers, g_object_ref (g_ptr_array_index (page, i)));
      if (page->len == 0 || page->len < want || (limit > 0 && customers->len >= limit))
        break;
      before_id = kefu_customer_get_id (g_ptr_array_index (page, page->len - 1));
    }

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < customers->len; i++)
        kefuctl_json_add_customer (builder, g_ptr_array_index (customers, i));
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      kefuctl_print_json (root);
      return TRUE;
    }

  if (customers->len == 0)
    {
      g_print ("%s\n", _("No customers."));
      return TRUE;
    }

  {
    g_autoptr (KefuctlTable) table = NULL;

    table = kefuctl_table_new (7, _(">ID"), C_("column", "NAME"), _(">TICKETS"), _("LAST CONTACT"),
                               _("E-MAIL"), _("PHONE"), _("COMPANY"));
    for (guint i = 0; i < customers->len; i++)
      {
        KefuCustomer *customer = g_ptr_array_index (customers, i);
        g_autofree char *id = g_strdup_printf ("%" PRId64, kefu_customer_get_id (customer));
        g_autofree char *count = g_strdup_printf ("%u", kefu_customer_get_ticket_count (customer));
        g_autofree char *last = kefuctl_format_time (kefu_customer_get_last_contact_at (customer));

        kefuctl_table_add_row (table, id, kefu_customer_get_name (customer), count, last,
                               first_identity (customer, KEFU_IDENTITY_KIND_EMAIL),
                               first_identity (customer, KEFU_IDENTITY_KIND_PHONE),
                               kefu_customer_get_company (customer));
      }
    kefuctl_table_print (table);
  }

  return TRUE;
}
