/* kefu-text-noise.c: cutting away what in a message is not the question.
 *
 * Emails wrap a question in a greeting, a sign-off, a signature and the
 * quoted mail it answers; chat messages carry links. Those words would
 * only blur the match (and lower its confidence), so they go before the
 * message is cut into terms. Order numbers need nothing here: the
 * analyzer drops every word with a digit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-text-analyzer.h"

#define MAX_TEXT_BYTES (64 * 1024)

/* A line that ends the message: the sign-off, what follows is a name,
 * a signature or an older mail. Compared after case folding, with
 * punctuation and spaces at both ends removed. */
static const char *const sign_offs[] = {
  "best", "best regards", "best wishes", "br", "cheers", "greetings", "kind regards",
  "many thanks", "regards", "sincerely", "thank you", "thank you in advance",
  "thanks", "thanks a lot", "thanks again", "thanks in advance", "thx", "warm regards",
  "warmly", "with thanks", "yours", "yours faithfully", "yours sincerely", "yours truly",
  "此致", "此致敬礼", "敬礼", "祝好", "顺祝商祺", "顺颂商祺", "谢谢", "多谢", "感谢",
  "谢谢您", "谢谢你", "萬分感謝", "謝謝", "祝好運", "敬上",
};

static GRegex *
compile_once (GRegex    **regex,
              const char *pattern)
{
  if (g_once_init_enter (regex))
    {
      GRegex *compiled = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (compiled != NULL);
      g_once_init_leave (regex, compiled);
    }

  return *regex;
}

static GRegex *
links_regex (void)
{
  static GRegex *regex;

  return compile_once (&regex, "(?:https?://|www\\.)\\S+|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
}

static GRegex *
greeting_regex (void)
{
  static GRegex *regex;

  return compile_once (&regex,
                       "^\\W*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|"
                       "您好|你好|亲爱的|親愛的|哈喽|嗨)\\b[^.?!？。]{0,40}$");
}

static GRegex *
cut_regex (void)
{
  static GRegex *regex;

  /* Quoted mail and signatures: everything from this line on. */
  return compile_once (&regex,
                       "^(?:--\\s*|_{5,}|-{5,}.*|on .{0,200} wrote:\\s*|.{0,80}写道[:：]\\s*|"
                       "sent from my .*|from:\\s.*|发件人[:：].*|寄件者[:：].*)$");
}

static char *
trim_line (const char *line)
{
  g_autofree char *folded = g_utf8_casefold (line, -1);
  const char *start = folded;
  const char *end = folded + strlen (folded);

  while (start < end && !g_unichar_isalnum (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (g_unichar_isalnum (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

static gboolean
is_sign_off (const char *line)
{
  g_autofree char *trimmed = trim_line (line);

  for (guint i = 0; i < G_N_ELEMENTS (sign_offs); i++)
    if (g_str_equal (trimmed, sign_offs[i]))
      return TRUE;

  return FALSE;
}

/**
 * kefu_text_strip_noise:
 *
 * Removes links and addresses, quoted mail, signatures, a sign-off and
 * what follows it, and a greeting on a line of its own. A message that is
 * nothing but a greeting keeps it.
 *
 * Returns: (transfer full): what is left of @text
 */
char *
kefu_text_strip_noise (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *unlinked = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) result = g_string_new (NULL);
  guint content_lines = 0;
  guint n_lines;

  if (text == NULL)
    return g_strdup ("");

  /* The question is near the top; a megabyte of mail is not read whole. */
  valid = g_utf8_make_valid (text, MIN (strlen (text), MAX_TEXT_BYTES));
  unlinked = g_regex_replace_literal (links_regex (), valid, -1, 0, " ", 0, NULL);
  if (unlinked == NULL)
    unlinked = g_strdup (valid);

  lines = g_strsplit (unlinked, "\n", -1);
  n_lines = g_strv_length (lines);
  for (guint i = 0; i < n_lines; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;
      if (line[0] == '>')
        continue;
      if (g_regex_match (cut_regex (), line, 0, NULL))
        break;
      if (content_lines > 0 && is_sign_off (line))
        break;
      /* A greeting line on its own, with more to come. */
      if (content_lines == 0 && i + 1 < n_lines && g_regex_match (greeting_regex (), line, 0, NULL))
        continue;

      if (result->len > 0)
        g_string_append_c (result, '\n');
      g_string_append (result, line);
      content_lines++;
    }

  if (result->len == 0)
    return g_strstrip (g_steal_pointer (&unlinked));

  return g_string_free (g_steal_pointer (&result), FALSE);
}
