/* kefu-email-html.c: untrusted mail HTML made safe to show, and readable as plain text.
 *
 * libxml2's HTML parser builds a tree out of whatever arrives (it recovers
 * from tag soup the way browsers do); we then copy only an allow-list of
 * elements and attributes. Nothing that can run script or fetch anything
 * survives: no script/style/iframe/object, no event handler or style
 * attribute, links only to http(s)/mailto, images only from the message's own
 * parts (cid:).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "kefu-email-html.h"

#define MAX_DEPTH 200

/* Elements kept as they are (their allowed attributes follow). */
static const char * const kept_elements[] = {
  "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
  "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p",
  "pre", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td",
  "tfoot", "th", "thead", "tr", "u", "ul",
};

/* Elements dropped with everything inside them. */
static const char * const dropped_elements[] = {
  "applet", "audio", "base", "basefont", "button", "canvas", "embed", "frame", "frameset",
  "head", "iframe", "input", "link", "map", "math", "meta", "noscript", "object", "param",
  "script", "select", "style", "svg", "template", "textarea", "title", "video",
};

/* Elements that start a new line in the text version. */
static const char * const block_elements[] = {
  "blockquote", "br", "caption", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
  "hr", "li", "ol", "p", "pre", "table", "tr", "ul",
};

typedef struct
{
  GString  *html;
  GString  *text;
  gboolean  in_pre;
  gboolean  space_pending;
} Walk;

static gboolean
in_list (const char * const *list,
         gsize               n,
         const char         *name)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (list[i], name) == 0)
      return TRUE;

  return FALSE;
}

#define IS_KEPT(name)    in_list (kept_elements, G_N_ELEMENTS (kept_elements), name)
#define IS_DROPPED(name) in_list (dropped_elements, G_N_ELEMENTS (dropped_elements), name)
#define IS_BLOCK(name)   in_list (block_elements, G_N_ELEMENTS (block_elements), name)

static gboolean
safe_link (const char *url)
{
  while (url && g_ascii_isspace (*url))
    url++;

  return url != NULL &&
         (g_ascii_strncasecmp (url, "http://", 7) == 0 ||
          g_ascii_strncasecmp (url, "https://", 8) == 0 ||
          g_ascii_strncasecmp (url, "mailto:", 7) == 0);
}

static void
append_attribute (GString    *html,
                  const char *name,
                  const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  g_string_append_printf (html, " %s=\"%s\"", name, escaped);
}

static void
text_newline (Walk *walk)
{
  walk->space_pending = FALSE;
  if (walk->text->len > 0 && walk->text->str[walk->text->len - 1] != '\n')
    g_string_append_c (walk->text, '\n');
}

static void
text_append (Walk       *walk,
             const char *content)
{
  if (walk->in_pre)
    {
      g_string_append (walk->text, content);
      return;
    }

  /* Outside <pre>, runs of white space are one space, as a browser shows them. */
  for (const char *p = content; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          walk->space_pending = TRUE;
          continue;
        }
      if (walk->space_pending && walk->text->len > 0 &&
          walk->text->str[walk->text->len - 1] != '\n')
        g_string_append_c (walk->text, ' ');
      walk->space_pending = FALSE;
      g_string_append_c (walk->text, *p);
    }
}

static void walk_children (Walk *walk, xmlNode *node, guint depth);

static void
walk_element (Walk    *walk,
              xmlNode *node,
              guint    depth)
{
  const char *name = (const char *)node->name;
  g_autofree char *lower = g_ascii_strdown (name, -1);
  gboolean kept;
  gboolean block;
  gboolean was_pre = walk->in_pre;
  g_autofree char *href = NULL;

  if (IS_DROPPED (lower))
    return;

  kept = IS_KEPT (lower);
  block = IS_BLOCK (lower);

  if (block)
    text_newline (walk);
  if (g_str_equal (lower, "li"))
    g_string_append (walk->text, "• ");
  if (g_str_equal (lower, "hr"))
    g_string_append (walk->text, "----------\n");
  if (g_str_equal (lower, "td") || g_str_equal (lower, "th"))
    walk->space_pending = TRUE;

  if (kept)
    {
      g_string_append_printf (walk->html, "<%s", lower);
      for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
        {
          g_autofree char *attr_name = g_ascii_strdown ((const char *)attr->name, -1);
          xmlChar *value = xmlNodeGetContent ((xmlNode *)attr);
          const char *v = (const char *)value;

          if (v == NULL)
            continue;
          if (g_str_equal (lower, "a") && g_str_equal (attr_name, "href") && safe_link (v))
            {
              append_attribute (walk->html, "href", v);
              href = g_strdup (v);
            }
          else if (g_str_equal (lower, "img") && g_str_equal (attr_name, "src") &&
                   g_ascii_strncasecmp (v, "cid:", 4) == 0)
            append_attribute (walk->html, "src", v);
          else if (g_str_equal (attr_name, "alt") || g_str_equal (attr_name, "title") ||
                   g_str_equal (attr_name, "colspan") || g_str_equal (attr_name, "rowspan") ||
                   g_str_equal (attr_name, "dir") || g_str_equal (attr_name, "lang"))
            append_attribute (walk->html, attr_name, v);
          xmlFree (value);
        }
      if (g_str_equal (lower, "a") && href != NULL)
        g_string_append (walk->html, " rel=\"noopener noreferrer nofollow\"");
      g_string_append (walk->html, g_str_equal (lower, "br") || g_str_equal (lower, "hr") ||
                                   g_str_equal (lower, "img") ? " />" : ">");
    }

  if (g_str_equal (lower, "pre"))
    walk->in_pre = TRUE;

  if (g_str_equal (lower, "img"))
    {
      xmlChar *alt = xmlGetProp (node, (const xmlChar *)"alt");

      if (alt != NULL && *alt)
        text_append (walk, (const char *)alt);
      xmlFree (alt);
    }
  else
    {
      gsize text_before = walk->text->len;

      walk_children (walk, node, depth + 1);

      /* A link whose words are not its address shows the address too. */
      if (href != NULL && g_ascii_strncasecmp (href, "mailto:", 7) != 0 &&
          strstr (walk->text->str + text_before, href) == NULL)
        {
          text_append (walk, " <");
          g_string_append (walk->text, href);
          g_string_append_c (walk->text, '>');
        }
    }

  walk->in_pre = was_pre;

  if (kept && !g_str_equal (lower, "br") && !g_str_equal (lower, "hr") && !g_str_equal (lower, "img"))
    g_string_append_printf (walk->html, "</%s>", lower);
  if (block)
    text_newline (walk);
  /* Paragraphs and headings are followed by an empty line. */
  if (g_str_equal (lower, "p") || (lower[0] == 'h' && g_ascii_isdigit (lower[1])))
    g_string_append_c (walk->text, '\n');
}

static void
walk_children (Walk    *walk,
               xmlNode *node,
               guint    depth)
{
  if (depth > MAX_DEPTH)
    return;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      switch (child->type)
        {
        case XML_ELEMENT_NODE:
          walk_element (walk, child, depth);
          break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          {
            g_autofree char *escaped = g_markup_escape_text ((const char *)child->content, -1);

            g_string_append (walk->html, escaped);
            text_append (walk, (const char *)child->content);
          }
          break;
        case XML_ATTRIBUTE_NODE:
        case XML_ENTITY_REF_NODE:
        case XML_ENTITY_NODE:
        case XML_PI_NODE:
        case XML_COMMENT_NODE:
        case XML_DOCUMENT_NODE:
        case XML_DOCUMENT_TYPE_NODE:
        case XML_DOCUMENT_FRAG_NODE:
        case XML_NOTATION_NODE:
        case XML_HTML_DOCUMENT_NODE:
        case XML_DTD_NODE:
        case XML_ELEMENT_DECL:
        case XML_ATTRIBUTE_DECL:
        case XML_ENTITY_DECL:
        case XML_NAMESPACE_DECL:
        case XML_XINCLUDE_START:
        case XML_XINCLUDE_END:
#ifdef LIBXML_DOCB_ENABLED
        case XML_DOCB_DOCUMENT_NODE:
#endif
        default:
          break;
        }
    }
}

static char *
tidy_text (GString *text)
{
  GString *out = g_string_sized_new (text->len);
  guint newlines = 0;

  /* At most one empty line in a row; no space before a line break. */
  for (gsize i = 0; i < text->len; i++)
    {
      char c = text->str[i];

      if (c == '\n')
        {
          while (out->len > 0 && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
          if (++newlines > 2 || out->len == 0)
            continue;
        }
      else
        newlines = 0;
      g_string_append_c (out, c);
    }
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/**
 * kefu_email_html_sanitize:
 * @html: UTF-8 HTML from a message (untrusted)
 * @length: its length, or -1
 * @text: (out) (optional): a readable plain-text version
 *
 * Thread-safe.
 *
 * Returns: (transfer full): HTML that can neither run script nor load
 *   anything from the network
 */
char *
kefu_email_html_sanitize (const char  *html,
                          gssize       length,
                          char       **text)
{
  Walk walk = { 0 };
  htmlDocPtr doc;
  xmlNode *root;
  xmlNode *body = NULL;

  if (length < 0)
    length = strlen (html);

  walk.html = g_string_new (NULL);
  walk.text = g_string_new (NULL);

  doc = htmlReadMemory (html, (int)MIN (length, G_MAXINT), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET);
  root = doc ? xmlDocGetRootElement (doc) : NULL;

  /* Only the body is content; the head holds titles, styles and scripts. */
  for (xmlNode *node = root; node != NULL && body == NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *)node->name, "html") == 0)
        {
          for (xmlNode *child = node->children; child != NULL; child = child->next)
            if (child->type == XML_ELEMENT_NODE &&
                g_ascii_strcasecmp ((const char *)child->name, "body") == 0)
              body = child;
          if (body == NULL)
            body = node;
        }
    }

  if (body != NULL)
    walk_children (&walk, body, 0);
  else if (doc != NULL)
    walk_children (&walk, (xmlNode *)doc, 0);

  if (doc != NULL)
    xmlFreeDoc (doc);

  if (text != NULL)
    *text = tidy_text (walk.text);
  g_string_free (walk.text, TRUE);

  return g_string_free (walk.html, FALSE);
}
