/* kefu-email-html.h: untrusted mail HTML made safe to show, and readable as plain text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kefu_email_html_sanitize (const char  *html,
                                gssize       length,
                                char       **text);

G_END_DECLS
