/* kefu-canned-picker.c: a quick, searchable list of canned replies.
 *
 * Reads the replies each time it opens (there are dozens, not thousands),
 * filters them as the person types, and hands the chosen one's body to
 * whoever listens to "chosen"; filling in its variables is theirs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-canned-picker.h"
#include "kefu-store-inbox.h"

struct _KefuCannedPicker
{
  GtkPopover      parent_instance;

  /* template widgets */
  GtkListBox     *list_box;
  GtkSearchEntry *search_entry;
  GtkStack       *stack;

  /* owned */
  KefuStore      *store;
  GListStore     *replies;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (KefuCannedPicker, kefu_canned_picker, GTK_TYPE_POPOVER)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  KefuCannedReply *reply = item;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (kefu_canned_reply_get_title (reply));
  GtkWidget *body = gtk_label_new (kefu_canned_reply_get_body (reply));
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_ellipsize (GTK_LABEL (body), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (body), TRUE);
  gtk_widget_add_css_class (body, "dim-label");
  gtk_widget_add_css_class (body, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), body);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "reply", g_object_ref (reply), g_object_unref);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kefu_canned_reply_get_title (reply),
                                  -1);

  return row;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  KefuCannedPicker *self = user_data;

  return kefu_canned_reply_matches (item, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
update_stack (KefuCannedPicker *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->replies)) > 0;

  gtk_stack_set_visible_child_name (self->stack, any ? "list" : "empty");
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KefuCannedPicker *self = user_data;
  g_autoptr (GPtrArray) replies = NULL;
  g_autoptr (GError) error = NULL;

  replies = kefu_store_list_canned_replies_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      g_debug ("Canned replies not listed: %s", error->message);
      return;
    }

  g_list_store_splice (self->replies, 0, g_list_model_get_n_items (G_LIST_MODEL (self->replies)),
                       replies->pdata, replies->len);
  update_stack (self);
}

static void
choose (KefuCannedPicker *self,
        KefuCannedReply  *reply)
{
  g_signal_emit (self, signals[CHOSEN], 0, kefu_canned_reply_get_body (reply));
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_row_activated (KefuCannedPicker *self,
                  GtkListBoxRow    *row,
                  GtkListBox       *list_box)
{
  choose (self, g_object_get_data (G_OBJECT (row), "reply"));
}

static void
on_search_changed (KefuCannedPicker *self,
                   GtkSearchEntry   *entry)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Enter in the search takes the first reply that matches. */
static void
on_search_activate (KefuCannedPicker *self,
                    GtkSearchEntry   *entry)
{
  g_autoptr (KefuCannedReply) reply = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);

  if (reply != NULL)
    choose (self, reply);
}

static void
kefu_canned_picker_show (GtkWidget *widget)
{
  KefuCannedPicker *self = KEFU_CANNED_PICKER (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  kefu_canned_picker_reload (self);

  GTK_WIDGET_CLASS (kefu_canned_picker_parent_class)->show (widget);
}

static void
kefu_canned_picker_dispose (GObject *object)
{
  KefuCannedPicker *self = KEFU_CANNED_PICKER (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_CANNED_PICKER);
  g_clear_object (&self->store);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->replies);

  G_OBJECT_CLASS (kefu_canned_picker_parent_class)->dispose (object);
}

static void
kefu_canned_picker_finalize (GObject *object)
{
  KefuCannedPicker *self = KEFU_CANNED_PICKER (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kefu_canned_picker_parent_class)->finalize (object);
}

static void
kefu_canned_picker_class_init (KefuCannedPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_canned_picker_dispose;
  object_class->finalize = kefu_canned_picker_finalize;

  widget_class->show = kefu_canned_picker_show;

  /**
   * KefuCannedPicker::chosen:
   * @body: the chosen reply's text, variables not yet filled in
   */
  signals[CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-canned-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuCannedPicker, list_box);
  gtk_widget_class_bind_template_child (widget_class, KefuCannedPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KefuCannedPicker, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
}

static void
kefu_canned_picker_init (KefuCannedPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->replies = g_list_store_new (KEFU_TYPE_CANNED_REPLY);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->replies)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filtered), create_row, NULL, NULL);
  update_stack (self);
}

GtkWidget *
kefu_canned_picker_new (void)
{
  return g_object_new (KEFU_TYPE_CANNED_PICKER, NULL);
}

void
kefu_canned_picker_set_store (KefuCannedPicker *self,
                              KefuStore        *store)
{
  g_return_if_fail (KEFU_IS_CANNED_PICKER (self));
  g_return_if_fail (store == NULL || KEFU_IS_STORE (store));

  g_set_object (&self->store, store);
}

/* Reads the replies again; they show when the store answers. */
void
kefu_canned_picker_reload (KefuCannedPicker *self)
{
  g_return_if_fail (KEFU_IS_CANNED_PICKER (self));

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  kefu_store_list_canned_replies_async (self->store, self->cancellable, list_cb, self);
}

/**
 * kefu_canned_picker_get_model:
 *
 * Returns: (transfer none): the #KefuCannedReply list, as last read
 */
GListModel *
kefu_canned_picker_get_model (KefuCannedPicker *self)
{
  g_return_val_if_fail (KEFU_IS_CANNED_PICKER (self), NULL);

  return G_LIST_MODEL (self->replies);
}

/* Chooses the reply @id as a click would; FALSE if it is not listed. */
gboolean
kefu_canned_picker_choose (KefuCannedPicker *self,
                           gint64            id)
{
  g_return_val_if_fail (KEFU_IS_CANNED_PICKER (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->replies)); i++)
    {
      g_autoptr (KefuCannedReply) reply = g_list_model_get_item (G_LIST_MODEL (self->replies), i);

      if (kefu_canned_reply_get_id (reply) == id)
        {
          choose (self, reply);
          return TRUE;
        }
    }

  return FALSE;
}
