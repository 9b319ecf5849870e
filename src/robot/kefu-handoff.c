/* kefu-handoff.c: noticing that a customer asks for a person.
 *
 * "人工", "转人工", "轉人工" (folded to simplified before this runs), "真人",
 * "agent", "human", "a real person", "talk to someone"… A robot must never
 * argue with that, so these win over any match.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-handoff.h"

static const char pattern[] =
  /* Chinese, simplified (the text is folded first) */
  "人工|真人|活人|转接|找客服|客服在吗|叫.{0,3}客服|"
  /* English: asking to reach one */
  "\\b(?:talk|speak|chat|connect|transfer|put)\\w*\\b.{0,25}\\b(?:human|person|someone|somebody|"
  "agent|representative|rep|operator|staff|manager|people|team)\\b|"
  "\\b(?:real|live|actual) (?:person|human|agent|people)\\b|"
  "\\bhuman (?:being|agent|support|please)\\b|"
  /* a message that is only the word */
  "^\\W*(?:human|agent|operator|representative|person)\\W*$";

/**
 * kefu_handoff_is_requested:
 * @folded_text: a message after kefu_text_analyzer_fold()
 *
 * Thread-safe.
 */
gboolean
kefu_handoff_is_requested (const char *folded_text)
{
  static GRegex *regex;

  if (folded_text == NULL)
    return FALSE;

  if (g_once_init_enter (&regex))
    {
      GRegex *compiled = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (compiled != NULL);
      g_once_init_leave (&regex, compiled);
    }

  return g_regex_match (regex, folded_text, 0, NULL);
}
