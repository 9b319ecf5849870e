/* kefu-canned.c: canned replies, and filling in their variables.
 *
 * A body names variables as {{customer.name}}, {{ticket.number}} and
 * {{agent.name}}, with optional spaces inside the braces and an optional
 * fallback after a bar, {{customer.name|there}}, used when the value is
 * unknown. Anything else between braces is left as it was written, so a
 * typo shows up in the composer instead of vanishing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "kefu-canned.h"

struct _KefuCannedReply
{
  GObject  parent_instance;

  gint64   id;
  char    *title;
  char    *body;
  gint64   updated_at;
};

G_DEFINE_FINAL_TYPE (KefuCannedReply, kefu_canned_reply, G_TYPE_OBJECT)

static void
kefu_canned_reply_finalize (GObject *object)
{
  KefuCannedReply *self = KEFU_CANNED_REPLY (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->body, g_free);

  G_OBJECT_CLASS (kefu_canned_reply_parent_class)->finalize (object);
}

static void
kefu_canned_reply_class_init (KefuCannedReplyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kefu_canned_reply_finalize;
}

static void
kefu_canned_reply_init (KefuCannedReply *self)
{
}

/**
 * kefu_canned_reply_new:
 *
 * Returns: (transfer full): a read-only canned reply. Any thread.
 */
KefuCannedReply *
kefu_canned_reply_new (gint64      id,
                       const char *title,
                       const char *body,
                       gint64      updated_at)
{
  KefuCannedReply *self = g_object_new (KEFU_TYPE_CANNED_REPLY, NULL);

  self->id = id;
  self->title = g_strdup (title != NULL ? title : "");
  self->body = g_strdup (body != NULL ? body : "");
  self->updated_at = updated_at;

  return self;
}

gint64
kefu_canned_reply_get_id (KefuCannedReply *self)
{
  g_return_val_if_fail (KEFU_IS_CANNED_REPLY (self), 0);

  return self->id;
}

const char *
kefu_canned_reply_get_title (KefuCannedReply *self)
{
  g_return_val_if_fail (KEFU_IS_CANNED_REPLY (self), NULL);

  return self->title;
}

const char *
kefu_canned_reply_get_body (KefuCannedReply *self)
{
  g_return_val_if_fail (KEFU_IS_CANNED_REPLY (self), NULL);

  return self->body;
}

gint64
kefu_canned_reply_get_updated_at (KefuCannedReply *self)
{
  g_return_val_if_fail (KEFU_IS_CANNED_REPLY (self), 0);

  return self->updated_at;
}

static gboolean
contains_folded (const char *haystack,
                 const char *folded_needle)
{
  g_autofree char *folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, folded_needle) != NULL;
}

/* Whether @text (what the person typed in the picker) is in the title or
 * the body, ignoring case; an empty @text matches every reply. */
gboolean
kefu_canned_reply_matches (KefuCannedReply *self,
                           const char      *text)
{
  g_autofree char *needle = NULL;

  g_return_val_if_fail (KEFU_IS_CANNED_REPLY (self), FALSE);

  if (text == NULL || *text == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);

  return contains_folded (self->title, needle) || contains_folded (self->body, needle);
}

/* The value of @name, or NULL when the context does not know it; a name
 * that is no variable sets *known to FALSE. */
static char *
lookup_variable (const char              *name,
                 const KefuCannedContext *context,
                 gboolean                *known)
{
  *known = TRUE;

  if (strcmp (name, "customer.name") == 0)
    return context->customer_name != NULL && *context->customer_name != '\0'
           ? g_strdup (context->customer_name) : NULL;
  if (strcmp (name, "ticket.number") == 0)
    return context->ticket_number > 0
           ? g_strdup_printf ("#%" PRId64, context->ticket_number) : NULL;
  if (strcmp (name, "agent.name") == 0)
    return context->agent_name != NULL && *context->agent_name != '\0'
           ? g_strdup (context->agent_name) : NULL;

  *known = FALSE;

  return NULL;
}

/**
 * kefu_canned_expand:
 * @body: a canned reply's text
 * @context: (nullable): what the variables stand for
 *
 * Fills in the variables of @body.
 *
 * Returns: (transfer full): the text to insert. Any thread.
 */
char *
kefu_canned_expand (const char              *body,
                    const KefuCannedContext *context)
{
  static const KefuCannedContext empty = { 0 };
  GString *out;
  const char *p;

  g_return_val_if_fail (body != NULL, NULL);

  if (context == NULL)
    context = &empty;

  out = g_string_sized_new (strlen (body) + 32);
  p = body;
  while (*p != '\0')
    {
      const char *open = strstr (p, "{{");
      const char *close;
      g_autofree char *inner = NULL;
      g_autofree char *value = NULL;
      char *bar;
      const char *fallback = NULL;
      gboolean known;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      close = strstr (open + 2, "}}");
      if (close == NULL)
        {
          g_string_append (out, p);
          break;
        }

      g_string_append_len (out, p, open - p);
      inner = g_strndup (open + 2, close - open - 2);
      bar = strchr (inner, '|');
      if (bar != NULL)
        {
          *bar = '\0';
          fallback = g_strstrip (bar + 1);
        }
      g_strstrip (inner);

      value = lookup_variable (inner, context, &known);
      if (!known)
        g_string_append_len (out, open, close + 2 - open);
      else if (value != NULL)
        g_string_append (out, value);
      else if (fallback != NULL)
        g_string_append (out, fallback);

      p = close + 2;
    }

  return g_string_free (out, FALSE);
}
