/* kefu-contact-opener.c: a tel:, sip: or mailto: link opens the customer it names.
 *
 * Clicking a customer's number or address in a browser or another program
 * shows who that is: their profile and history when Kefu knows them, else
 * the Customers page searching for it, with a notice saying so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-contact-opener.h"

#include "kefu-contact-uri.h"
#include "kefu-customer-profile.h"
#include "kefu-customers-page.h"
#include "kefu-toast.h"

typedef struct
{
  KefuWindow *window;   /* weak */
  char       *uri;
} Opening;

static void
opening_free (Opening *opening)
{
  g_clear_weak_pointer (&opening->window);
  g_free (opening->uri);
  g_free (opening);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Opening, opening_free)

static void
find_customer_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (Opening) opening = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *notice = NULL;
  KefuCustomersPage *customers;
  KefuIdentityKind kind;
  gint64 customer_id;

  customer_id = kefu_contact_uri_find_customer_finish (KEFU_STORE (object), result, &error);
  if (opening->window == NULL)
    return;
  if (customer_id < 0)
    {
      kefu_toast_show_error (GTK_WIDGET (opening->window), error->message);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (opening->window), "win.show-view", "s", "customers");
  customers = kefu_window_get_customers_page (opening->window);
  if (customer_id > 0)
    {
      kefu_customer_profile_set_customer_id (kefu_customers_page_get_profile (customers), customer_id);
      return;
    }

  /* Parsed once already by the lookup: it cannot fail here. */
  kefu_contact_uri_parse (opening->uri, &kind, &address, NULL);
  kefu_customers_page_search (customers, address);
  notice = g_strdup_printf (_("No customer has %s yet."), address);
  kefu_toast_show (GTK_WIDGET (opening->window), adw_toast_new (notice));
}

/**
 * kefu_contact_opener_open:
 * @window: the window to show the customer in
 * @store: its store
 * @default_region: (nullable): region for numbers without a country code
 * @uri: the link
 *
 * Shows the customer @uri names, a search for it when nobody has it, or a
 * notice when @uri is no link Kefu can open.
 */
void
kefu_contact_opener_open (KefuWindow *window,
                          KefuStore  *store,
                          const char *default_region,
                          const char *uri)
{
  Opening *opening;

  g_return_if_fail (KEFU_IS_WINDOW (window));
  g_return_if_fail (KEFU_IS_STORE (store));
  g_return_if_fail (uri != NULL);

  opening = g_new0 (Opening, 1);
  g_set_weak_pointer (&opening->window, window);
  opening->uri = g_strdup (uri);
  kefu_contact_uri_find_customer_async (store, uri, default_region, NULL, find_customer_cb, opening);
}
