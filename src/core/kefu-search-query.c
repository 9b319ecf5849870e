/* kefu-search-query.c: what a person typed into search, split into words and filters.
 *
 * Filters are `key:value` words (a full-width colon works too, as Chinese
 * input methods type it), with the value in double quotes when it has
 * spaces: from:"Amy Chen". `#1024` is a ticket number. Keys and values have
 * English and Chinese names. Anything that is not a known filter with a
 * known value stays a word to search for, so nothing typed is lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kefu-search-query.h"

/* Bounds for input from a person typing: nobody types more. */
#define MAX_INPUT_BYTES (4096)
#define MAX_TAGS        (8)

typedef enum
{
  KEY_NONE,
  KEY_FROM,
  KEY_CHANNEL,
  KEY_STATUS,
  KEY_TAG,
} Key;

typedef struct
{
  const char *name;
  int         value;
} Alias;

static const Alias key_aliases[] = {
  { "from", KEY_FROM }, { "来自", KEY_FROM }, { "客户", KEY_FROM }, { "來自", KEY_FROM }, { "客戶", KEY_FROM },
  { "channel", KEY_CHANNEL }, { "渠道", KEY_CHANNEL }, { "通道", KEY_CHANNEL },
  { "status", KEY_STATUS }, { "is", KEY_STATUS }, { "状态", KEY_STATUS }, { "狀態", KEY_STATUS },
  { "tag", KEY_TAG }, { "标签", KEY_TAG }, { "標籤", KEY_TAG },
};

static const Alias channel_aliases[] = {
  { "email", KEFU_CHANNEL_KIND_EMAIL }, { "e-mail", KEFU_CHANNEL_KIND_EMAIL }, { "mail", KEFU_CHANNEL_KIND_EMAIL },
  { "邮件", KEFU_CHANNEL_KIND_EMAIL }, { "电子邮件", KEFU_CHANNEL_KIND_EMAIL }, { "郵件", KEFU_CHANNEL_KIND_EMAIL },
  { "chat", KEFU_CHANNEL_KIND_CHAT }, { "聊天", KEFU_CHANNEL_KIND_CHAT }, { "在线聊天", KEFU_CHANNEL_KIND_CHAT },
  { "phone", KEFU_CHANNEL_KIND_PHONE }, { "call", KEFU_CHANNEL_KIND_PHONE }, { "电话", KEFU_CHANNEL_KIND_PHONE },
  { "電話", KEFU_CHANNEL_KIND_PHONE },
};

static const Alias status_aliases[] = {
  { "new", KEFU_TICKET_STATUS_NEW }, { "新", KEFU_TICKET_STATUS_NEW }, { "新建", KEFU_TICKET_STATUS_NEW },
  { "open", KEFU_TICKET_STATUS_OPEN }, { "打开", KEFU_TICKET_STATUS_OPEN }, { "开启", KEFU_TICKET_STATUS_OPEN },
  { "處理中", KEFU_TICKET_STATUS_OPEN }, { "处理中", KEFU_TICKET_STATUS_OPEN }, { "開啟", KEFU_TICKET_STATUS_OPEN },
  { "pending", KEFU_TICKET_STATUS_PENDING }, { "待处理", KEFU_TICKET_STATUS_PENDING }, { "等待", KEFU_TICKET_STATUS_PENDING },
  { "待處理", KEFU_TICKET_STATUS_PENDING },
  { "resolved", KEFU_TICKET_STATUS_RESOLVED }, { "已解决", KEFU_TICKET_STATUS_RESOLVED }, { "解决", KEFU_TICKET_STATUS_RESOLVED },
  { "已解決", KEFU_TICKET_STATUS_RESOLVED },
  { "closed", KEFU_TICKET_STATUS_CLOSED }, { "已关闭", KEFU_TICKET_STATUS_CLOSED }, { "关闭", KEFU_TICKET_STATUS_CLOSED },
  { "已關閉", KEFU_TICKET_STATUS_CLOSED },
};

G_DEFINE_BOXED_TYPE (KefuSearchQuery, kefu_search_query, kefu_search_query_copy, kefu_search_query_free)

static gboolean
lookup_alias (const Alias *aliases,
              gsize        n_aliases,
              const char  *name,
              int         *value)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (gsize i = 0; i < n_aliases; i++)
    if (strcmp (aliases[i].name, folded) == 0)
      {
        *value = aliases[i].value;
        return TRUE;
      }

  return FALSE;
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000;  /* ideographic space */
}

static gboolean
is_quote (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x201D;  /* “ ” */
}

/* Reads one word from *p, with quoted stretches kept together and the
 * quotes dropped; sets *quoted when the word had any. */
static char *
next_word (const char **p,
           gboolean    *quoted)
{
  g_autoptr (GString) word = g_string_new (NULL);
  gboolean in_quotes = FALSE;
  const char *s = *p;

  *quoted = FALSE;
  while (*s != '\0' && is_space (g_utf8_get_char (s)))
    s = g_utf8_next_char (s);
  if (*s == '\0')
    {
      *p = s;
      return NULL;
    }

  while (*s != '\0')
    {
      gunichar c = g_utf8_get_char (s);

      if (is_quote (c))
        {
          in_quotes = !in_quotes;
          *quoted = TRUE;
        }
      else if (!in_quotes && is_space (c))
        break;
      else
        g_string_append_unichar (word, c);
      s = g_utf8_next_char (s);
    }

  *p = s;

  return g_string_free (g_steal_pointer (&word), FALSE);
}

/* Splits "key:value" at the first ASCII or full-width colon. */
static gboolean
split_filter (const char  *word,
              char       **key,
              const char **value)
{
  const char *colon = strchr (word, ':');
  const char *wide = strstr (word, "\xef\xbc\x9a");  /* ： */
  const char *at = colon;
  gsize skip = 1;

  if (wide != NULL && (colon == NULL || wide < colon))
    {
      at = wide;
      skip = 3;
    }
  if (at == NULL || at == word)
    return FALSE;

  *key = g_strndup (word, at - word);
  *value = at + skip;

  return TRUE;
}

static gboolean
parse_number (const char *word,
              gint64     *number)
{
  guint64 value = 0;
  const char *digits;

  if (g_str_has_prefix (word, "#"))
    digits = word + 1;
  else if (g_str_has_prefix (word, "\xef\xbc\x83"))  /* ＃ */
    digits = word + 3;
  else
    return FALSE;

  if (*digits == '\0' || strlen (digits) > 15)
    return FALSE;
  for (const char *d = digits; *d != '\0'; d++)
    if (!g_ascii_isdigit (*d))
      return FALSE;

  value = g_ascii_strtoull (digits, NULL, 10);
  if (value == 0)
    return FALSE;
  *number = (gint64) value;

  return TRUE;
}

/* Whether @word was a filter, which it then sets on @self. */
static gboolean
apply_filter (KefuSearchQuery *self,
              const char      *word,
              GPtrArray       *tags)
{
  g_autofree char *key_name = NULL;
  const char *value;
  int key;
  int enum_value;

  if (parse_number (word, &self->number))
    return TRUE;

  if (!split_filter (word, &key_name, &value) ||
      !lookup_alias (key_aliases, G_N_ELEMENTS (key_aliases), key_name, &key))
    return FALSE;

  /* A filter with nothing after it yet is still being typed. */
  if (*value == '\0')
    return TRUE;

  switch ((Key) key)
    {
    case KEY_FROM:
      g_free (self->from);
      self->from = g_strdup (value);
      return TRUE;
    case KEY_CHANNEL:
      if (!lookup_alias (channel_aliases, G_N_ELEMENTS (channel_aliases), value, &enum_value))
        return FALSE;
      self->channel = enum_value;
      return TRUE;
    case KEY_STATUS:
      if (!lookup_alias (status_aliases, G_N_ELEMENTS (status_aliases), value, &enum_value))
        return FALSE;
      self->status = enum_value;
      return TRUE;
    case KEY_TAG:
      if (tags->len < MAX_TAGS)
        g_ptr_array_add (tags, g_strdup (value));
      return TRUE;
    case KEY_NONE:
    default:
      return FALSE;
    }
}

/**
 * kefu_search_query_parse:
 * @input: (nullable): what a person typed, any bytes
 *
 * Splits @input into filters and the words left to search for.
 *
 * Returns: (transfer full): the query; never %NULL
 */
KefuSearchQuery *
kefu_search_query_parse (const char *input)
{
  g_autoptr (KefuSearchQuery) self = g_new0 (KefuSearchQuery, 1);
  g_autoptr (GPtrArray) tags = g_ptr_array_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *valid = NULL;
  const char *p;
  char *word;
  gboolean quoted;

  self->channel = -1;
  self->status = -1;
  if (input == NULL)
    return g_steal_pointer (&self);

  valid = g_utf8_make_valid (input, MIN (strlen (input), MAX_INPUT_BYTES));
  p = valid;
  while ((word = next_word (&p, &quoted)) != NULL)
    {
      g_autofree char *owned = word;

      if (*owned == '\0' || apply_filter (self, owned, tags))
        continue;

      /* A quoted phrase is searched as its words. */
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, owned);
    }

  if (text->len > 0)
    self->text = g_string_free (g_steal_pointer (&text), FALSE);
  if (tags->len > 0)
    {
      g_ptr_array_add (tags, NULL);
      self->tags = (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
    }

  return g_steal_pointer (&self);
}

KefuSearchQuery *
kefu_search_query_copy (const KefuSearchQuery *self)
{
  KefuSearchQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (KefuSearchQuery, 1);
  copy->text = g_strdup (self->text);
  copy->from = g_strdup (self->from);
  copy->channel = self->channel;
  copy->status = self->status;
  copy->tags = g_strdupv (self->tags);
  copy->number = self->number;

  return copy;
}

void
kefu_search_query_free (KefuSearchQuery *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->from);
  g_strfreev (self->tags);
  g_free (self);
}

/* Whether the query has anything at all to look for. */
gboolean
kefu_search_query_is_empty (const KefuSearchQuery *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->text == NULL && !kefu_search_query_has_filter (self);
}

/* Whether the query narrows by anything but words. */
gboolean
kefu_search_query_has_filter (const KefuSearchQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->from != NULL || self->channel >= 0 || self->status >= 0 ||
         self->tags != NULL || self->number > 0;
}
