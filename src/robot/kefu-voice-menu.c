/* kefu-voice-menu.c: what the phone's voice menu reads: knowledge-base answers by key.
 *
 * The shop chooses what the phone answers by tagging knowledge-base
 * entries "phone-menu-1" … "phone-menu-9": pressing that key reads the
 * entry's answer, in the caller's language when its group has one (the
 * same choice as chat and mail, kefu_knowledge_base_pick()). 0 and * read
 * the menu itself: each key and its question. The text is written for a
 * caller, so it follows the caller's language, not the agent's locale.
 *
 * The phone channel asks through its KefuPhoneMenuFunc seam; whoever runs
 * both (the runtime) passes the running robot's knowledge base and the
 * caller's language (kefu_voice_menu_caller_lang()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-voice-menu.h"

/* How each language says "press N for …"; %1$s the question, %2$c the key. */
static const struct {
  const char *lang;
  const char *item;
  const char *empty;
} phrasings[] = {
  { "zh-Hans", "%1$s，请按 %2$c。", "抱歉，语音菜单暂时没有内容。" },
  { "zh-Hant", "%1$s，請按 %2$c。", "抱歉，語音選單暫時沒有內容。" },
  { "en", "For %1$s, press %2$c.", "Sorry, the phone menu is empty." },
};

static guint
phrasing_for (const char *lang)
{
  for (guint i = 0; lang != NULL && i < G_N_ELEMENTS (phrasings); i++)
    if (g_ascii_strcasecmp (lang, phrasings[i].lang) == 0)
      return i;

  if (lang != NULL && g_ascii_strncasecmp (lang, "zh", 2) == 0)
    return 0;

  return G_N_ELEMENTS (phrasings) - 1;
}

/* The group tagged for @digit, or NULL. */
static const char *
group_for_digit (KefuKnowledgeBase *knowledge_base,
                 char               digit)
{
  char tag[sizeof KEFU_VOICE_MENU_TAG_PREFIX + 1];

  g_snprintf (tag, sizeof tag, "%s%c", KEFU_VOICE_MENU_TAG_PREFIX, digit);
  for (guint i = 0; i < kefu_knowledge_base_get_n_entries (knowledge_base); i++)
    {
      const KefuKbEntry *entry = kefu_knowledge_base_get_entry (knowledge_base, i);

      if (entry->enabled && kefu_kb_entry_has_tag (entry, tag))
        return entry->group;
    }

  return NULL;
}

/* A question read as a menu item: without its question mark. */
static char *
menu_item_text (const char *question)
{
  g_autofree char *text = g_strstrip (g_strdup (question));
  gsize length = strlen (text);

  while (length > 0 && (text[length - 1] == '?' || text[length - 1] == '.'))
    text[--length] = '\0';
  if (g_str_has_suffix (text, "？") || g_str_has_suffix (text, "。"))
    text[strlen (text) - strlen ("？")] = '\0';

  return g_steal_pointer (&text);
}

static char *
read_menu (KefuKnowledgeBase *knowledge_base,
           const char        *lang)
{
  guint phrasing = phrasing_for (lang);
  g_autoptr (GString) out = g_string_new (NULL);

  for (char digit = '1'; digit <= '9'; digit++)
    {
      const char *group = group_for_digit (knowledge_base, digit);
      const KefuKbEntry *entry = group ? kefu_knowledge_base_pick (knowledge_base, group, lang) : NULL;
      g_autofree char *item = NULL;

      if (entry == NULL)
        continue;
      item = menu_item_text (entry->question);
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, phrasings[phrasing].item, item, digit);
    }

  if (out->len == 0)
    g_string_append (out, phrasings[phrasing].empty);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * kefu_voice_menu_text:
 * @knowledge_base: the robot's knowledge base
 * @digit: the key the caller pressed
 * @lang: (nullable): the caller's language (BCP 47)
 *
 * May be called from any thread that owns @knowledge_base unchanged.
 *
 * Returns: (transfer full) (nullable): the text to speak, or %NULL when
 *   the key means nothing
 */
char *
kefu_voice_menu_text (KefuKnowledgeBase *knowledge_base,
                      char               digit,
                      const char        *lang)
{
  const char *group;
  const KefuKbEntry *entry;

  g_return_val_if_fail (KEFU_IS_KNOWLEDGE_BASE (knowledge_base), NULL);

  if (digit == '0' || digit == '*')
    return read_menu (knowledge_base, lang);
  if (digit < '1' || digit > '9')
    return NULL;

  group = group_for_digit (knowledge_base, digit);
  entry = group != NULL ? kefu_knowledge_base_pick (knowledge_base, group, lang) : NULL;

  return entry != NULL ? g_strdup (entry->answer) : NULL;
}

/**
 * kefu_voice_menu_caller_lang:
 * @number: (nullable): the caller's number, E.164 when known
 * @fallback: the shop's own language, for numbers that say nothing
 *
 * Guesses the caller's language from the country code: mainland China
 * simplified Chinese; Taiwan, Hong Kong and Macao traditional; any other
 * country English.
 *
 * Returns: a language tag
 */
const char *
kefu_voice_menu_caller_lang (const char *number,
                             const char *fallback)
{
  static const struct {
    const char *prefix;
    const char *lang;
  } countries[] = {
    { "+86", "zh-Hans" },
    { "+886", "zh-Hant" },
    { "+852", "zh-Hant" },
    { "+853", "zh-Hant" },
  };

  if (number == NULL || number[0] != '+')
    return fallback;

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_str_has_prefix (number, countries[i].prefix))
      return countries[i].lang;

  return "en";
}
