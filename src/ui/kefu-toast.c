/* kefu-toast.c: short notices in the window's toast overlay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-toast.h"

/**
 * kefu_toast_show:
 * @widget: a widget inside an #AdwToastOverlay
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the nearest toast overlay above @widget.
 *
 * Returns: whether there was an overlay to show it in
 */
gboolean
kefu_toast_show (GtkWidget *widget,
                 AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (ADW_IS_TOAST (toast), FALSE);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_debug ("No toast overlay for: %s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return FALSE;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);

  return TRUE;
}

/* A toast for an error a person can act on; @message is plain text. */
gboolean
kefu_toast_show_error (GtkWidget  *widget,
                       const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 8);

  return kefu_toast_show (widget, toast);
}
