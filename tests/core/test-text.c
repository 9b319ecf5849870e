/* test-text.c: untrusted text is made safe to store and show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-text.h"

static void
test_clean_invalid_utf8 (void)
{
  g_autofree char *clean = kefu_text_clean ("ok\xff\xfe 好\x01\r\nnext\rline", 1000);

  g_assert_true (g_utf8_validate (clean, -1, NULL));
  g_assert_null (strchr (clean, '\x01'));
  g_assert_null (strchr (clean, '\r'));
  g_assert_nonnull (strstr (clean, "好"));
  g_assert_nonnull (strstr (clean, "\nnext\nline"));
}

static void
test_clean_cuts_at_character (void)
{
  /* 退款 is six bytes: a cut at five must not leave half a character. */
  g_autofree char *clean = kefu_text_clean ("退款", 5);

  g_assert_cmpstr (clean, ==, "退");
}

static void
test_clean_line (void)
{
  g_autofree char *line = kefu_text_clean_line ("  Re:\n\t[#12]   退款  ", 100);

  g_assert_cmpstr (line, ==, "Re: [#12] 退款");
}

static void
test_preview (void)
{
  g_autofree char *long_text = g_strnfill (400, 'a');
  g_autofree char *preview = kefu_text_preview (long_text);
  g_autofree char *short_preview = kefu_text_preview ("您好，\n我想退款");

  g_assert_cmpint (g_utf8_strlen (preview, -1), ==, KEFU_TEXT_PREVIEW_CHARS);
  g_assert_true (g_str_has_suffix (preview, "…"));
  g_assert_cmpstr (short_preview, ==, "您好， 我想退款");
}

static void
test_safe_filename (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "../../etc/passwd", "passwd" },
    { "C:\\Windows\\evil.exe", "evil.exe" },
    { ".hidden", "hidden" },
    { "发票 2024.pdf", "发票 2024.pdf" },
    { "a<b>c:d\"e|f?g*h.txt", "a_b_c_d_e_f_g_h.txt" },
    { "", "attachment" },
    { NULL, "attachment" },
    { "...", "attachment" },
    { "name\x01with\ncontrol.txt", "namewith control.txt" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = kefu_text_safe_filename (cases[i].in);

      g_assert_cmpstr (safe, ==, cases[i].out);
    }
}

static void
test_safe_filename_keeps_extension (void)
{
  g_autofree char *stem = g_strnfill (500, 'x');
  g_autofree char *name = g_strconcat (stem, ".pdf", NULL);
  g_autofree char *safe = kefu_text_safe_filename (name);

  g_assert_cmpuint (strlen (safe), <=, KEFU_TEXT_MAX_FILENAME);
  g_assert_true (g_str_has_suffix (safe, ".pdf"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/text/clean-invalid-utf8", test_clean_invalid_utf8);
  g_test_add_func ("/core/text/clean-cuts-at-character", test_clean_cuts_at_character);
  g_test_add_func ("/core/text/clean-line", test_clean_line);
  g_test_add_func ("/core/text/preview", test_preview);
  g_test_add_func ("/core/text/safe-filename", test_safe_filename);
  g_test_add_func ("/core/text/safe-filename-keeps-extension", test_safe_filename_keeps_extension);

  return g_test_run ();
}
