/* test-contact-uri.c: tel:, sip: and mailto: links name the right customer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-contact-uri.h"
#include "kefu-identity-normalize.h"
#include "kefu-test-util.h"

typedef struct
{
  const char       *uri;
  KefuIdentityKind  kind;
  const char       *address;   /* NULL: refused */
} ParseCase;

static void
test_parse (void)
{
  static const ParseCase cases[] = {
    { "tel:+86-138-0013-8000", KEFU_IDENTITY_KIND_PHONE, "+86-138-0013-8000" },
    { "tel:+8613800138000;phone-context=example.com", KEFU_IDENTITY_KIND_PHONE, "+8613800138000" },
    { "TEL:(02)%202345%206789", KEFU_IDENTITY_KIND_PHONE, "(02) 2345 6789" },
    { "sip:+8613800138000@pbx.example;user=phone", KEFU_IDENTITY_KIND_PHONE, "+8613800138000" },
    { "sips:201@pbx.example", KEFU_IDENTITY_KIND_PHONE, "201" },
    { "mailto:Amy.Chen@Example.org?subject=Order%201024", KEFU_IDENTITY_KIND_EMAIL, "Amy.Chen@Example.org" },
    { "mailto:%E5%BC%A0%E4%BC%9F@example.cn", KEFU_IDENTITY_KIND_EMAIL, "张伟@example.cn" },
    { "sip:alice@pbx.example", 0, NULL },
    { "tel:call-me", 0, NULL },
    { "mailto:", 0, NULL },
    { "https://shop.example/", 0, NULL },
    { "no scheme at all", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *address = NULL;
      g_autoptr (GError) error = NULL;
      KefuIdentityKind kind = 0;
      gboolean ok;

      ok = kefu_contact_uri_parse (cases[i].uri, &kind, &address, &error);
      if (cases[i].address == NULL)
        {
          g_assert_false (ok);
          g_assert_error (error, KEFU_IDENTITY_ERROR, KEFU_IDENTITY_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, cases[i].uri));
          continue;
        }
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (kind, ==, cases[i].kind);
      g_assert_cmpstr (address, ==, cases[i].address);
    }
}

static gint64
receive (KefuTestFixture  *fixture,
         KefuChannelKind   channel,
         KefuIdentityKind  kind,
         const char       *sender)
{
  g_autoptr (KefuInbound) inbound = kefu_inbound_new (channel, kind, sender);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuDelivery) delivery = NULL;
  g_autoptr (GError) error = NULL;

  inbound->text = g_strdup ("Hello");
  inbound->external_id = g_strdup_printf ("contact-uri-%s", sender);
  kefu_router_receive_async (fixture->router, inbound, NULL, kefu_test_result_cb, &result);
  delivery = kefu_router_receive_finish (fixture->router, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return delivery->customer_id;
}

static gint64
find (KefuTestFixture  *fixture,
      const char       *uri,
      GError          **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kefu_contact_uri_find_customer_async (fixture->store, uri, "CN", NULL, kefu_test_result_cb, &result);

  return kefu_contact_uri_find_customer_finish (fixture->store, kefu_test_wait (&result), error);
}

/* Written however the link spells it, the number finds the caller. */
static void
test_find_customer (KefuTestFixture *fixture,
                    gconstpointer    user_data)
{
  gint64 caller;
  gint64 writer;
  g_autoptr (GError) error = NULL;

  kefu_router_set_default_region (fixture->router, "CN");
  caller = receive (fixture, KEFU_CHANNEL_KIND_PHONE, KEFU_IDENTITY_KIND_PHONE, "+86 138 0013 8000");
  writer = receive (fixture, KEFU_CHANNEL_KIND_EMAIL, KEFU_IDENTITY_KIND_EMAIL, "amy.chen@example.org");
  g_assert_cmpint (caller, >, 0);
  g_assert_cmpint (writer, >, 0);

  g_assert_cmpint (find (fixture, "tel:+86-138-0013-8000", &error), ==, caller);
  g_assert_no_error (error);
  g_assert_cmpint (find (fixture, "tel:138%200013%208000", &error), ==, caller);
  g_assert_no_error (error);
  g_assert_cmpint (find (fixture, "sip:+8613800138000@pbx.example;user=phone", &error), ==, caller);
  g_assert_no_error (error);
  g_assert_cmpint (find (fixture, "mailto:Amy.Chen@EXAMPLE.org?subject=Hi", &error), ==, writer);
  g_assert_no_error (error);

  /* Nobody has it: 0, not an error. */
  g_assert_cmpint (find (fixture, "tel:+8613900000000", &error), ==, 0);
  g_assert_no_error (error);

  g_assert_cmpint (find (fixture, "sip:alice@pbx.example", &error), ==, -1);
  g_assert_error (error, KEFU_IDENTITY_ERROR, KEFU_IDENTITY_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/contact-uri/parse", test_parse);
  KEFU_TEST_ADD ("/core/contact-uri/find-customer", test_find_customer);

  return g_test_run ();
}
