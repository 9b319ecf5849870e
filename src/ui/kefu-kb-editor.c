/* kefu-kb-editor.c: the window where one knowledge-base entry is written or changed.
 *
 * The editor only collects and checks the fields; whoever opened it stores
 * the entry it emits with "saved" (the knowledge-base page does, through
 * the store, and reloads the robot).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-kb-editor.h"
#include "kefu-knowledge-base.h"
#include "kefu-toast.h"

struct _KefuKbEditor
{
  AdwWindow       parent_instance;

  /* template widgets */
  GtkTextView    *alternates_view;
  GtkTextView    *answer_view;
  GtkSwitch      *enabled_switch;
  AdwEntryRow    *group_row;
  GtkStringList  *lang_list;
  AdwComboRow    *lang_row;
  AdwEntryRow    *question_row;
  AdwEntryRow    *tags_row;

  /* owned */
  GPtrArray      *lang_codes;   /* char *, in the order of lang_list */
  char           *id;           /* NULL: a new entry */
};

G_DEFINE_FINAL_TYPE (KefuKbEditor, kefu_kb_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *code;
  const char *name;
} languages[] = {
  { "en", N_("English") },
  { "zh-Hans", N_("Simplified Chinese") },
  { "zh-Hant", N_("Traditional Chinese") },
};

static char *
dup_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Non-empty, trimmed pieces of @text split at any of @separators. */
static char **
split_list (const char *text,
            const char *separators)
{
  g_auto (GStrv) pieces = g_strsplit_set (text, separators, -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_strstrip (pieces[i]);
      if (*pieces[i] != '\0')
        g_strv_builder_add (builder, pieces[i]);
    }

  return g_strv_builder_end (builder);
}

static guint
lang_position (KefuKbEditor *self,
               const char   *code)
{
  for (guint i = 0; i < self->lang_codes->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->lang_codes, i), code) == 0)
      return i;

  /* A language this editor has no name for keeps its code. */
  g_ptr_array_add (self->lang_codes, g_strdup (code));
  gtk_string_list_append (self->lang_list, code);

  return self->lang_codes->len - 1;
}

static char *
new_entry_id (void)
{
  return g_strdup_printf ("kb-%" G_GINT64_FORMAT "-%04x", g_get_real_time () / G_USEC_PER_SEC,
                          g_random_int_range (0, 0x10000));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KefuKbEditor *self = KEFU_KB_EDITOR (widget);
  g_autoptr (KefuKbEntry) entry = NULL;
  g_autoptr (GError) error = NULL;

  entry = kefu_kb_editor_dup_entry (self, &error);
  if (entry == NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self->question_row), error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, entry);
  gtk_window_close (GTK_WINDOW (self));
}

static void
kefu_kb_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KEFU_TYPE_KB_EDITOR);

  G_OBJECT_CLASS (kefu_kb_editor_parent_class)->dispose (object);
}

static void
kefu_kb_editor_finalize (GObject *object)
{
  KefuKbEditor *self = (KefuKbEditor *)object;

  g_clear_pointer (&self->lang_codes, g_ptr_array_unref);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (kefu_kb_editor_parent_class)->finalize (object);
}

static void
kefu_kb_editor_class_init (KefuKbEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_kb_editor_dispose;
  object_class->finalize = kefu_kb_editor_finalize;

  /**
   * KefuKbEditor::saved:
   * @entry: the entry as written, checked
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KEFU_TYPE_KB_ENTRY | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-kb-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuKbEditor, alternates_view);
  gtk_widget_class_bind_template_child (widget_class, KefuKbEditor, answer_view);
  gtk_widget_class_bind_template_child (widget_class, KefuKbEditor, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, KefuKbEditor, group_row);
  gtk_widget_class_bind_template_child (widget_class, KefuKbEditor, lang_list);
  gtk_widget_class_bind_template_child (widget_class, KefuKbEditor, lang_row);
  gtk_widget_class_bind_template_child (widget_class, KefuKbEditor, question_row);
  gtk_widget_class_bind_template_child (widget_class, KefuKbEditor, tags_row);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
kefu_kb_editor_init (KefuKbEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->lang_codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_ptr_array_add (self->lang_codes, g_strdup (languages[i].code));
      gtk_string_list_append (self->lang_list, _(languages[i].name));
    }

  gtk_window_set_title (GTK_WINDOW (self), _("New Entry"));
}

/**
 * kefu_kb_editor_new:
 * @parent: (nullable): the window it belongs to
 * @entry: (nullable): the entry to change, or what to start a new one
 *   with (an entry without an id)
 */
KefuKbEditor *
kefu_kb_editor_new (GtkWindow         *parent,
                    const KefuKbEntry *entry)
{
  KefuKbEditor *self = g_object_new (KEFU_TYPE_KB_EDITOR,
                                     "transient-for", parent,
                                     NULL);

  /* Part of the application, like the window it belongs to. */
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  if (entry != NULL)
    kefu_kb_editor_set_entry (self, entry);

  return self;
}

/**
 * kefu_kb_editor_set_entry:
 *
 * Fills the fields from @entry. An entry without an id starts a new one,
 * for example the customer's question and the agent's answer.
 */
void
kefu_kb_editor_set_entry (KefuKbEditor      *self,
                          const KefuKbEntry *entry)
{
  g_autofree char *alternates = NULL;
  g_autofree char *tags = NULL;

  g_return_if_fail (KEFU_IS_KB_EDITOR (self));
  g_return_if_fail (entry != NULL);

  g_free (self->id);
  self->id = entry->id != NULL && *entry->id != '\0' ? g_strdup (entry->id) : NULL;
  gtk_window_set_title (GTK_WINDOW (self), self->id != NULL ? _("Edit Entry") : _("New Entry"));

  alternates = entry->alternates != NULL ? g_strjoinv ("\n", entry->alternates) : g_strdup ("");
  tags = entry->tags != NULL ? g_strjoinv (", ", entry->tags) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (self->question_row), entry->question ? entry->question : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->answer_view), entry->answer ? entry->answer : "", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->alternates_view), alternates, -1);
  gtk_editable_set_text (GTK_EDITABLE (self->group_row), entry->group ? entry->group : "");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags);
  gtk_switch_set_active (self->enabled_switch, entry->enabled);
  adw_combo_row_set_selected (self->lang_row, lang_position (self, entry->lang ? entry->lang : "en"));
}

/**
 * kefu_kb_editor_dup_entry:
 *
 * Returns: (transfer full) (nullable): the entry as written, or %NULL with
 *   @error saying which field to fix
 */
KefuKbEntry *
kefu_kb_editor_dup_entry (KefuKbEditor  *self,
                          GError       **error)
{
  g_autoptr (KefuKbEntry) entry = NULL;
  g_autofree char *question = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *alternates = NULL;
  g_autofree char *group = NULL;
  g_autofree char *id = NULL;
  guint lang;

  g_return_val_if_fail (KEFU_IS_KB_EDITOR (self), NULL);

  question = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->question_row))));
  answer = g_strstrip (dup_buffer_text (self->answer_view));
  if (*question == '\0')
    {
      g_set_error_literal (error, KEFU_KB_ERROR, KEFU_KB_ERROR_INVALID,
                           _("Write the question customers ask."));
      return NULL;
    }
  if (*answer == '\0')
    {
      g_set_error_literal (error, KEFU_KB_ERROR, KEFU_KB_ERROR_INVALID,
                           _("Write the answer the robot should give."));
      return NULL;
    }

  id = self->id != NULL ? g_strdup (self->id) : new_entry_id ();
  group = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->group_row))));
  lang = adw_combo_row_get_selected (self->lang_row);
  entry = kefu_kb_entry_new (id, *group != '\0' ? group : id,
                             lang < self->lang_codes->len ? g_ptr_array_index (self->lang_codes, lang) : "en",
                             question, answer);
  alternates = dup_buffer_text (self->alternates_view);
  g_strfreev (entry->alternates);
  entry->alternates = split_list (alternates, "\n");
  g_strfreev (entry->tags);
  {
    /* A Chinese comma separates too; g_strsplit_set () splits bytes, not characters. */
    g_auto (GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)), "，", -1);
    g_autofree char *tags = g_strjoinv (",", parts);

    entry->tags = split_list (tags, ",");
  }
  entry->enabled = gtk_switch_get_active (self->enabled_switch);

  if (!kefu_kb_entry_validate (entry, error))
    return NULL;

  return g_steal_pointer (&entry);
}

/* Whether the editor writes a new entry rather than changing one. */
gboolean
kefu_kb_editor_get_new (KefuKbEditor *self)
{
  g_return_val_if_fail (KEFU_IS_KB_EDITOR (self), FALSE);

  return self->id == NULL;
}
