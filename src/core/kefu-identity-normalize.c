/* kefu-identity-normalize.c: one spelling for every address, number and visitor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kefu-identity-normalize.h"
#include "kefu-phone-number.h"
#include "kefu-text.h"

G_DEFINE_QUARK (kefu-identity-error-quark, kefu_identity_error)

/* "Name <Box@Example.COM>", "mailto:box@example.com" → "box@example.com" */
static char *
normalize_email (const char  *raw,
                 GError     **error)
{
  g_autofree char *line = kefu_text_clean_line (raw, KEFU_TEXT_MAX_KEY);
  const char *start = line;
  const char *open = strrchr (line, '<');
  g_autofree char *address = NULL;
  const char *at;

  if (open != NULL)
    {
      const char *close = strchr (open, '>');

      start = open + 1;
      address = g_strndup (start, close ? (gsize)(close - start) : strlen (start));
    }
  else
    {
      if (g_ascii_strncasecmp (start, "mailto:", 7) == 0)
        start += 7;
      address = g_strdup (start);
    }
  g_strstrip (address);

  at = strrchr (address, '@');
  if (at == NULL || at == address || at[1] == '\0' || strpbrk (address, " \t,;<>\"") != NULL)
    {
      g_set_error (error, KEFU_IDENTITY_ERROR, KEFU_IDENTITY_ERROR_INVALID,
                   _("“%s” is not an e-mail address."), line);
      return NULL;
    }

  return g_utf8_strdown (address, -1);
}

static char *
normalize_phone (const char  *raw,
                 const char  *default_region,
                 GError     **error)
{
  g_autofree char *line = kefu_text_clean_line (raw, 64);
  const char *number = line;
  char *e164;

  if (g_ascii_strncasecmp (number, "tel:", 4) == 0)
    number += 4;

  e164 = _kefu_phone_number_to_e164 (number, default_region);
  if (e164 == NULL)
    g_set_error (error, KEFU_IDENTITY_ERROR, KEFU_IDENTITY_ERROR_INVALID,
                 _("“%s” is not a phone number Kefu can dial."), line);

  return e164;
}

/* Visitor tokens come from the widget: printable ASCII, bounded. */
static char *
normalize_chat (const char  *raw,
                GError     **error)
{
  g_autofree char *line = kefu_text_clean_line (raw, 128);

  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != ':')
      {
        g_set_error (error, KEFU_IDENTITY_ERROR, KEFU_IDENTITY_ERROR_INVALID,
                     _("The chat visitor id is malformed."));
        return NULL;
      }
  if (*line == '\0')
    {
      g_set_error (error, KEFU_IDENTITY_ERROR, KEFU_IDENTITY_ERROR_INVALID,
                   _("The chat visitor id is empty."));
      return NULL;
    }

  return g_ascii_strdown (line, -1);
}

/**
 * kefu_identity_normalize:
 * @raw: what the channel or a person gave
 * @default_region: (nullable): ISO 3166 region for numbers without a
 *   country code, such as "CN"
 *
 * Gives the one spelling under which an identity is stored and looked up:
 * lower-case e-mail addresses, E.164 phone numbers, lower-case visitor
 * tokens. Any thread.
 *
 * Returns: (transfer full): the normalised value, or %NULL with
 *   %KEFU_IDENTITY_ERROR_INVALID
 */
char *
kefu_identity_normalize (KefuIdentityKind   kind,
                         const char        *raw,
                         const char        *default_region,
                         GError           **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (raw == NULL)
    raw = "";

  switch (kind)
    {
    case KEFU_IDENTITY_KIND_EMAIL:
      return normalize_email (raw, error);
    case KEFU_IDENTITY_KIND_PHONE:
      return normalize_phone (raw, default_region, error);
    case KEFU_IDENTITY_KIND_CHAT:
      return normalize_chat (raw, error);
    default:
      g_set_error (error, KEFU_IDENTITY_ERROR, KEFU_IDENTITY_ERROR_INVALID,
                   _("Unknown kind of contact."));
      return NULL;
    }
}
