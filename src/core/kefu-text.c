/* kefu-text.c: making untrusted text safe to store and show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-text.h"

/* Cuts valid UTF-8 at a character boundary no later than @max_bytes. */
static void
truncate_utf8 (GString *string,
               gsize    max_bytes)
{
  const char *end;

  if (string->len <= max_bytes)
    return;

  end = string->str + max_bytes;
  while (end > string->str && (*end & 0xC0) == 0x80)
    end--;
  g_string_truncate (string, end - string->str);
}

/**
 * kefu_text_clean:
 * @text: (nullable): text from outside: a socket, a file, a database
 * @max_bytes: the most it may take, in bytes
 *
 * Makes @text valid UTF-8 without NULs or control characters other than
 * tab and newline, with Windows and old Mac line ends turned into "\n",
 * cut to @max_bytes. Any thread.
 *
 * Returns: (transfer full): the clean text, "" for %NULL
 */
char *
kefu_text_clean (const char *text,
                 gsize       max_bytes)
{
  g_autofree char *valid = NULL;
  GString *clean;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  clean = g_string_sized_new (MIN (strlen (valid), max_bytes) + 1);

  for (const char *p = valid; *p != '\0' && clean->len <= max_bytes; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (clean, '\n');
          continue;
        }
      if (c != '\n' && c != '\t' && (g_unichar_iscntrl (c) || c == 0xFEFF))
        continue;
      g_string_append_unichar (clean, c);
    }

  truncate_utf8 (clean, max_bytes);

  return g_string_free (clean, FALSE);
}

/**
 * kefu_text_clean_line:
 *
 * Like kefu_text_clean(), with every run of whitespace (newlines too) made one
 * space and the ends trimmed: for subjects, names and keys. Any thread.
 *
 * Returns: (transfer full): the clean line
 */
char *
kefu_text_clean_line (const char *text,
                      gsize       max_bytes)
{
  g_autofree char *clean = kefu_text_clean (text, max_bytes);
  GString *line = g_string_sized_new (strlen (clean) + 1);
  gboolean in_space = TRUE;

  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (!in_space)
            g_string_append_c (line, ' ');
          in_space = TRUE;
          continue;
        }
      g_string_append_unichar (line, c);
      in_space = FALSE;
    }
  if (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);

  return g_string_free (line, FALSE);
}

/**
 * kefu_text_preview:
 *
 * The first line's worth of @text, for list rows. Any thread.
 *
 * Returns: (transfer full): at most %KEFU_TEXT_PREVIEW_CHARS characters
 */
char *
kefu_text_preview (const char *text)
{
  g_autofree char *line = kefu_text_clean_line (text, 4 * KEFU_TEXT_PREVIEW_CHARS * 4);
  glong length = g_utf8_strlen (line, -1);
  g_autofree char *cut = NULL;

  if (length <= KEFU_TEXT_PREVIEW_CHARS)
    return g_steal_pointer (&line);

  cut = g_utf8_substring (line, 0, KEFU_TEXT_PREVIEW_CHARS - 1);

  return g_strconcat (cut, "…", NULL);
}

/**
 * kefu_text_safe_filename:
 * @filename: (nullable): a name a sender chose
 *
 * A file name that is safe to save anywhere: no directories, no leading
 * dots, no characters Windows or shells trip over, not empty, not too long
 * (the extension is kept). Any thread.
 *
 * Returns: (transfer full): the safe name
 */
char *
kefu_text_safe_filename (const char *filename)
{
  g_autofree char *line = kefu_text_clean_line (filename, 4096);
  const char *base = line;
  GString *safe;
  const char *dot;

  /* Keep only the last path component, whichever separator the sender used. */
  for (const char *p = line; *p != '\0'; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;

  safe = g_string_new (NULL);
  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("<>:\"|?*", c) != NULL && c < 0x80)
        g_string_append_c (safe, '_');
      else
        g_string_append_unichar (safe, c);
    }

  while (safe->len > 0 && (safe->str[0] == '.' || safe->str[0] == ' '))
    g_string_erase (safe, 0, 1);
  while (safe->len > 0 && (safe->str[safe->len - 1] == '.' || safe->str[safe->len - 1] == ' '))
    g_string_truncate (safe, safe->len - 1);

  if (safe->len == 0)
    g_string_assign (safe, "attachment");

  if (safe->len > KEFU_TEXT_MAX_FILENAME)
    {
      g_autofree char *extension = NULL;

      dot = strrchr (safe->str, '.');
      if (dot != NULL && strlen (dot) <= 16)
        extension = g_strdup (dot);
      truncate_utf8 (safe, KEFU_TEXT_MAX_FILENAME - (extension ? strlen (extension) : 0));
      if (extension != NULL)
        g_string_append (safe, extension);
    }

  return g_string_free (safe, FALSE);
}
