/* test-identity.c: every address and number has one spelling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-identity-normalize.h"

static void
check (KefuIdentityKind  kind,
       const char       *raw,
       const char       *region,
       const char       *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *value = kefu_identity_normalize (kind, raw, region, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, expected);
}

static void
check_invalid (KefuIdentityKind  kind,
               const char       *raw)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *value = kefu_identity_normalize (kind, raw, "CN", &error);

  g_assert_error (error, KEFU_IDENTITY_ERROR, KEFU_IDENTITY_ERROR_INVALID);
  g_assert_null (value);
}

static void
test_email (void)
{
  check (KEFU_IDENTITY_KIND_EMAIL, "Alice@Example.COM", NULL, "alice@example.com");
  check (KEFU_IDENTITY_KIND_EMAIL, "Alice Smith <Alice@Example.com>", NULL, "alice@example.com");
  check (KEFU_IDENTITY_KIND_EMAIL, "\"王小明\" <XiaoMing.Wang@QQ.com>", NULL, "xiaoming.wang@qq.com");
  check (KEFU_IDENTITY_KIND_EMAIL, "mailto:Bob@example.org", NULL, "bob@example.org");
  check (KEFU_IDENTITY_KIND_EMAIL, "  bob@example.org \n", NULL, "bob@example.org");
  check_invalid (KEFU_IDENTITY_KIND_EMAIL, "not an address");
  check_invalid (KEFU_IDENTITY_KIND_EMAIL, "@example.org");
  check_invalid (KEFU_IDENTITY_KIND_EMAIL, "bob@");
  check_invalid (KEFU_IDENTITY_KIND_EMAIL, "");
}

static void
test_phone (void)
{
  /* A mainland mobile in every way customers and phones write it. */
  check (KEFU_IDENTITY_KIND_PHONE, "138 1234 5678", "CN", "+8613812345678");
  check (KEFU_IDENTITY_KIND_PHONE, "+86 138-1234-5678", "US", "+8613812345678");
  check (KEFU_IDENTITY_KIND_PHONE, "0086 13812345678", "CN", "+8613812345678");
  check (KEFU_IDENTITY_KIND_PHONE, "tel:+86-138-1234-5678", NULL, "+8613812345678");
  /* Taiwan and Hong Kong with their trunk prefixes. */
  check (KEFU_IDENTITY_KIND_PHONE, "0912 345 678", "TW", "+886912345678");
  check (KEFU_IDENTITY_KIND_PHONE, "+852 9123 4567", "CN", "+85291234567");
  check (KEFU_IDENTITY_KIND_PHONE, "(415) 555-0132", "US", "+14155550132");
  check (KEFU_IDENTITY_KIND_PHONE, "020 7946 0018", "GB", "+442079460018");
  check_invalid (KEFU_IDENTITY_KIND_PHONE, "anonymous");
  check_invalid (KEFU_IDENTITY_KIND_PHONE, "12");
}

static void
test_chat (void)
{
  check (KEFU_IDENTITY_KIND_CHAT, "3F2a9C0d4E5f60718293A4B5C6D7E8F9", NULL, "3f2a9c0d4e5f60718293a4b5c6d7e8f9");
  check_invalid (KEFU_IDENTITY_KIND_CHAT, "<script>");
  check_invalid (KEFU_IDENTITY_KIND_CHAT, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/identity/email", test_email);
  g_test_add_func ("/core/identity/phone", test_phone);
  g_test_add_func ("/core/identity/chat", test_chat);

  return g_test_run ();
}
