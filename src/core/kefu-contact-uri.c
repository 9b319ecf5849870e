/* kefu-contact-uri.c: tel:, sip: and mailto: links, and the customer they name.
 *
 * A link clicked in a browser or another application opens the customer it
 * names. The address is normalised the way the router stores identities, so
 * "tel:+86-138-0013-8000" finds the caller whose calls came from
 * +8613800138000.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kefu-contact-uri.h"

#include "kefu-identity-normalize.h"

/* RFC 3966 visual separators and RFC 3261's user part: a SIP address whose
 * user is a telephone number names that number. */
static gboolean
looks_like_number (const char *text)
{
  gboolean digit = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (strchr ("+-.() ", *p) == NULL)
        return FALSE;
    }

  return digit;
}

/**
 * kefu_contact_uri_parse:
 * @uri: a tel:, sip:, sips: or mailto: URI; a SIP address only when its
 *   user is a telephone number, since calls are kept by number
 * @kind: (out): the kind of identity it names
 * @address: (out) (transfer full): the address or number, unescaped and
 *   without parameters or headers
 *
 * Returns: %TRUE, or %FALSE with @error set when @uri is not such a link
 */
gboolean
kefu_contact_uri_parse (const char        *uri,
                        KefuIdentityKind  *kind,
                        char             **address,
                        GError           **error)
{
  g_autofree char *scheme = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *unescaped = NULL;
  const char *colon;
  gsize length;

  g_return_val_if_fail (uri != NULL, FALSE);

  colon = strchr (uri, ':');
  scheme = colon != NULL ? g_ascii_strdown (uri, colon - uri) : NULL;
  if (colon != NULL)
    {
      /* tel:+1234;phone-context=…, sip:user@host;transport=tcp, mailto:a@b?subject=… */
      length = strcspn (colon + 1, g_strcmp0 (scheme, "mailto") == 0 ? "?" : ";?");
      rest = g_strndup (colon + 1, length);
      unescaped = g_uri_unescape_string (rest, NULL);
    }

  if (unescaped == NULL || *g_strstrip (unescaped) == '\0')
    ;
  else if (g_strcmp0 (scheme, "tel") == 0 && looks_like_number (unescaped))
    {
      *kind = KEFU_IDENTITY_KIND_PHONE;
      *address = g_steal_pointer (&unescaped);
      return TRUE;
    }
  else if (g_strcmp0 (scheme, "sip") == 0 || g_strcmp0 (scheme, "sips") == 0)
    {
      const char *at = strchr (unescaped, '@');
      g_autofree char *user = at != NULL ? g_strndup (unescaped, at - unescaped) : g_strdup (unescaped);

      /* Calls are kept by number; a named SIP user is no customer's. */
      if (looks_like_number (user))
        {
          *kind = KEFU_IDENTITY_KIND_PHONE;
          *address = g_steal_pointer (&user);
          return TRUE;
        }
    }
  else if (g_strcmp0 (scheme, "mailto") == 0 && strchr (unescaped, '@') != NULL)
    {
      *kind = KEFU_IDENTITY_KIND_EMAIL;
      *address = g_steal_pointer (&unescaped);
      return TRUE;
    }

  g_set_error (error, KEFU_IDENTITY_ERROR, KEFU_IDENTITY_ERROR_INVALID,
               _("“%s” is not a phone number, SIP address or email address Kefu can open."), uri);
  return FALSE;
}

typedef struct
{
  KefuIdentityKind  kind;
  char             *value;    /* normalised */
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->value);
  g_free (lookup);
}

static gpointer
find_customer_job (KefuStore     *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Lookup *lookup = data;
  GError *local_error = NULL;
  gint64 customer_id = 0;

  KEFU_STORE_GET_IFACE (store)->find_identity (store, lookup->kind, lookup->value, &customer_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_memdup2 (&customer_id, sizeof customer_id);
}

/**
 * kefu_contact_uri_find_customer_async:
 * @store: the store
 * @uri: a tel:, sip: or mailto: link
 * @default_region: (nullable): region for numbers without a country code
 *
 * Finds the customer whose email address, phone number or SIP address @uri
 * names. Fails with %KEFU_IDENTITY_ERROR_INVALID when @uri is not such a link.
 */
void
kefu_contact_uri_find_customer_async (KefuStore           *store,
                                      const char          *uri,
                                      const char          *default_region,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *address = NULL;
  g_autoptr (GError) error = NULL;
  Lookup *lookup;
  KefuIdentityKind kind;
  char *value;

  g_return_if_fail (KEFU_IS_STORE (store));

  if (!kefu_contact_uri_parse (uri, &kind, &address, &error) ||
      (value = kefu_identity_normalize (kind, address, default_region, &error)) == NULL)
    {
      g_task_report_error (store, callback, user_data, kefu_contact_uri_find_customer_async,
                           g_steal_pointer (&error));
      return;
    }

  lookup = g_new0 (Lookup, 1);
  lookup->kind = kind;
  lookup->value = value;
  kefu_store_read_async (store, find_customer_job, lookup, (GDestroyNotify)lookup_free, g_free,
                         cancellable, callback, user_data);
}

/**
 * kefu_contact_uri_find_customer_finish:
 *
 * Returns: the customer's id, 0 when nobody has that address, or -1 with
 *   @error set
 */
gint64
kefu_contact_uri_find_customer_finish (KefuStore     *store,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_autofree gint64 *customer_id = NULL;

  if (g_async_result_is_tagged (result, kefu_contact_uri_find_customer_async))
    return g_task_propagate_int (G_TASK (result), error);

  customer_id = kefu_store_job_finish (store, result, error);
  return customer_id != NULL ? *customer_id : -1;
}
