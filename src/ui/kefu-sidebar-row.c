/* kefu-sidebar-row.c: one view in the window's sidebar, with its ticket count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-sidebar-row.h"

struct _KefuSidebarRow
{
  GtkListBoxRow  parent_instance;

  /* template widgets */
  GtkLabel      *count_label;

  /* owned */
  char          *view;
  char          *title;
  char          *icon_name;

  int            count;
};

G_DEFINE_FINAL_TYPE (KefuSidebarRow, kefu_sidebar_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_COUNT,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kefu_sidebar_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KEFU_TYPE_SIDEBAR_ROW);

  G_OBJECT_CLASS (kefu_sidebar_row_parent_class)->dispose (object);
}

static void
kefu_sidebar_row_finalize (GObject *object)
{
  KefuSidebarRow *self = KEFU_SIDEBAR_ROW (object);

  g_clear_pointer (&self->view, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->icon_name, g_free);

  G_OBJECT_CLASS (kefu_sidebar_row_parent_class)->finalize (object);
}

static void
kefu_sidebar_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KefuSidebarRow *self = KEFU_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      g_value_set_int (value, self->count);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_sidebar_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KefuSidebarRow *self = KEFU_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      kefu_sidebar_row_set_count (self, g_value_get_int (value));
      break;

    case PROP_ICON_NAME:
      self->icon_name = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;

    case PROP_VIEW:
      self->view = g_value_dup_string (value);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "s", self->view != NULL ? self->view : "");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_sidebar_row_class_init (KefuSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_sidebar_row_dispose;
  object_class->finalize = kefu_sidebar_row_finalize;
  object_class->get_property = kefu_sidebar_row_get_property;
  object_class->set_property = kefu_sidebar_row_set_property;

  properties[PROP_COUNT] =
    g_param_spec_int ("count", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuSidebarRow, count_label);
}

static void
kefu_sidebar_row_init (KefuSidebarRow *self)
{
  self->count = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kefu_sidebar_row_new (const char *view,
                      const char *title,
                      const char *icon_name)
{
  return g_object_new (KEFU_TYPE_SIDEBAR_ROW,
                       "view", view,
                       "title", title,
                       "icon-name", icon_name,
                       NULL);
}

const char *
kefu_sidebar_row_get_view (KefuSidebarRow *self)
{
  g_return_val_if_fail (KEFU_IS_SIDEBAR_ROW (self), NULL);

  return self->view;
}

const char *
kefu_sidebar_row_get_title (KefuSidebarRow *self)
{
  g_return_val_if_fail (KEFU_IS_SIDEBAR_ROW (self), NULL);

  return self->title;
}

int
kefu_sidebar_row_get_count (KefuSidebarRow *self)
{
  g_return_val_if_fail (KEFU_IS_SIDEBAR_ROW (self), -1);

  return self->count;
}

/**
 * kefu_sidebar_row_set_count:
 * @count: how many tickets the view holds, or -1 to show none
 */
void
kefu_sidebar_row_set_count (KefuSidebarRow *self,
                            int             count)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KEFU_IS_SIDEBAR_ROW (self));

  count = MAX (count, -1);
  if (self->count == count)
    return;

  self->count = count;
  text = g_strdup_printf ("%d", count);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), count >= 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}
