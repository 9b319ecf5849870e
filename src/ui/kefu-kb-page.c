/* kefu-kb-page.c: the Knowledge Base page: the robot's questions and answers, edited by the shop.
 *
 * The page reads every entry from the store (kb.json's format) and, on a
 * worker thread, parses it into its own KefuKnowledgeBase and folds each
 * entry's text; a search matches the folded text, so "Refund", "refund",
 * "退款" and "退款" in traditional script all find what they should. Rows
 * are made for the first hundred matches, "Show More" adds the next, so a
 * big knowledge base opens at once. Every change (add, edit,
 * switch off, delete, import) is one store write; when it lands the page
 * reads the entries again and the running robot reloads, so the next
 * customer message already sees the change. A delete can be undone from
 * its toast: the entry is put back as it was.
 *
 * "Try the robot" asks the running robot's matcher, on a worker thread,
 * what it would do with a question: which entry it would send and how
 * sure it is, or that it would hand the message to a person.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kefu-kb-editor.h"
#include "kefu-kb-page.h"
#include "kefu-kb-robot.h"
#include "kefu-store-kb.h"
#include "kefu-text-analyzer.h"
#include "kefu-toast.h"

#define ROW_ID_KEY "kefu-kb-id"
/* Rows are made a page at a time: a knowledge base of thousands of entries
 * shows its first matches at once, "Show More" adds the next page. */
#define PAGE_SIZE  100

struct _KefuKbPage
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkListBox        *entries_list;
  GtkStack          *list_stack;
  GtkSearchEntry    *search_entry;
  GtkLabel          *try_confidence;
  GtkImage          *try_icon;
  AdwActionRow      *try_result_row;
  AdwEntryRow       *try_row;

  /* owned */
  KefuStore         *store;
  KefuKnowledgeBase *knowledge_base;
  GPtrArray         *haystacks;       /* folded text of each entry, in its order */
  GArray            *matches;         /* guint positions the search lets through */
  KefuTextAnalyzer  *analyzer;
  KefuMatcher       *own_matcher;     /* when no robot runs, e.g. a page on its own */
  GCancellable      *cancellable;
  GCancellable      *try_cancellable;
  KefuKbEntry       *undo_entry;
  char              *needle;          /* folded search text, or NULL */
  char              *try_result;
  GtkFileChooserNative *chooser;

  /* borrowed */
  KefuKbEditor      *editor;          /* the open editor, if any */

  guint              busy;
  guint              n_rows;          /* entry rows made, the first of matches */
  gboolean           loading;
  gboolean           syncing;         /* switches follow the entries, not the person */
};

G_DEFINE_FINAL_TYPE (KefuKbPage, kefu_kb_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load (KefuKbPage *self);

static void
set_busy (KefuKbPage *self,
          gboolean    busy)
{
  gboolean was_busy = self->busy > 0;

  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;

  if (was_busy != (self->busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* After a change in the store: read it back, and let the robot know. */
static void
changed (KefuKbPage *self)
{
  kefu_kb_robot_reload (GTK_WIDGET (self));
  load (self);
}

static char *
entry_to_json (const KefuKbEntry *entry)
{
  g_autoptr (KefuKnowledgeBase) one = kefu_knowledge_base_new ();

  kefu_knowledge_base_take_entry (one, kefu_kb_entry_copy (entry));

  return kefu_knowledge_base_to_json (one);
}

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  KefuKbPage *self = user_data;
  g_autoptr (GError) error = NULL;

  if (!kefu_store_put_kb_entries_finish (KEFU_STORE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (error != NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self->list_stack), error->message);
      return;
    }

  changed (self);
}

static void
put_json (KefuKbPage *self,
          const char *json)
{
  if (self->store == NULL)
    return;

  set_busy (self, TRUE);
  kefu_store_put_kb_entries_async (self->store, json, FALSE, self->cancellable, put_cb, self);
}

static void
on_editor_saved (KefuKbPage        *self,
                 const KefuKbEntry *entry)
{
  kefu_kb_page_save_entry (self, entry);
}

static void
open_editor (KefuKbPage        *self,
             const KefuKbEntry *entry)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  g_clear_weak_pointer (&self->editor);

  g_set_weak_pointer (&self->editor, kefu_kb_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, entry));
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->editor));
}

static void
on_enabled_changed (GtkSwitch  *toggle,
                    GParamSpec *pspec,
                    KefuKbPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (toggle), ROW_ID_KEY);
  const KefuKbEntry *entry;
  g_autoptr (KefuKbEntry) changed_entry = NULL;

  if (self->syncing || self->knowledge_base == NULL)
    return;

  entry = kefu_knowledge_base_lookup (self->knowledge_base, id);
  if (entry == NULL || entry->enabled == gtk_switch_get_active (toggle))
    return;

  changed_entry = kefu_kb_entry_copy (entry);
  changed_entry->enabled = gtk_switch_get_active (toggle);
  kefu_kb_page_save_entry (self, changed_entry);
}

static const char *
language_name (const char *lang)
{
  if (g_ascii_strcasecmp (lang, "zh-Hans") == 0 || g_ascii_strcasecmp (lang, "zh-CN") == 0)
    return _("Simplified Chinese");
  if (g_ascii_strcasecmp (lang, "zh-Hant") == 0 || g_ascii_strcasecmp (lang, "zh-TW") == 0)
    return _("Traditional Chinese");
  if (g_ascii_strncasecmp (lang, "en", 2) == 0)
    return _("English");

  return lang;
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *label,
             const char *action_name,
             const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);

  return button;
}

static GtkWidget *
create_row (KefuKbPage        *self,
            const KefuKbEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *lang = gtk_label_new (language_name (entry->lang));
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->question);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), entry->answer);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (!entry->enabled)
    gtk_widget_add_css_class (row, "dim-label");

  gtk_widget_add_css_class (lang, "dim-label");
  gtk_widget_add_css_class (lang, "caption");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), lang);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), entry->enabled);
  gtk_widget_set_tooltip_text (toggle, _("Robot may use this entry"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Robot may use this entry"), -1);
  g_object_set_data_full (G_OBJECT (toggle), ROW_ID_KEY, g_strdup (entry->id), g_free);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_enabled_changed), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("user-trash-symbolic", _("Delete Entry"), "kb.delete", entry->id));

  g_object_set_data_full (G_OBJECT (row), ROW_ID_KEY, g_strdup (entry->id), g_free);

  return row;
}

/* What a search looks in: every text of the entry, folded like the matcher folds. */
static char *
fold_entry (KefuTextAnalyzer  *analyzer,
            const KefuKbEntry *entry)
{
  g_autoptr (GString) haystack = g_string_new (NULL);

  g_string_append_printf (haystack, "%s\n%s\n%s\n%s\n%s\n", entry->id, entry->group, entry->lang,
                          entry->question, entry->answer);
  for (guint i = 0; entry->alternates[i] != NULL; i++)
    g_string_append_printf (haystack, "%s\n", entry->alternates[i]);
  for (guint i = 0; entry->tags[i] != NULL; i++)
    g_string_append_printf (haystack, "%s\n", entry->tags[i]);

  return kefu_text_analyzer_fold (analyzer, haystack->str);
}

/* Every word of the search must appear, in any order. */
static gboolean
matches_needle (const char *haystack,
                const char *needle)
{
  g_auto (GStrv) words = NULL;

  if (needle == NULL)
    return TRUE;

  words = g_strsplit_set (needle, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (haystack, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static void
update_stack (KefuKbPage *self)
{
  guint n_entries = self->knowledge_base ? kefu_knowledge_base_get_n_entries (self->knowledge_base) : 0;

  if (self->loading && n_entries == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  else if (n_entries == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (self->matches->len == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

static void
on_more_clicked (KefuKbPage *self);

/* Makes rows for the next page of matches, and "Show More" if any are left. */
static void
add_rows (KefuKbPage *self)
{
  GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self->entries_list));
  guint end = MIN (self->n_rows + PAGE_SIZE, self->matches->len);

  if (last != NULL && g_object_get_data (G_OBJECT (last), ROW_ID_KEY) == NULL)
    gtk_list_box_remove (self->entries_list, last);

  self->syncing = TRUE;
  for (; self->n_rows < end; self->n_rows++)
    {
      guint position = g_array_index (self->matches, guint, self->n_rows);

      gtk_list_box_append (self->entries_list,
                           create_row (self, kefu_knowledge_base_get_entry (self->knowledge_base, position)));
    }
  self->syncing = FALSE;

  if (self->n_rows < self->matches->len)
    {
      GtkWidget *more = gtk_button_new_with_mnemonic (_("Show _More"));
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_widget_add_css_class (more, "flat");
      gtk_widget_set_margin_top (more, 6);
      gtk_widget_set_margin_bottom (more, 6);
      gtk_widget_set_halign (more, GTK_ALIGN_CENTER);
      g_signal_connect_object (more, "clicked", G_CALLBACK (on_more_clicked), self, G_CONNECT_SWAPPED);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), more);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->entries_list, row);
    }
}

static void
on_more_clicked (KefuKbPage *self)
{
  add_rows (self);
}

/* Finds the entries the search lets through and shows the first page. */
static void
fill_list (KefuKbPage *self)
{
  GtkWidget *child;

  g_array_set_size (self->matches, 0);
  for (guint i = 0; self->haystacks != NULL && i < self->haystacks->len; i++)
    if (matches_needle (g_ptr_array_index (self->haystacks, i), self->needle))
      g_array_append_val (self->matches, i);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->entries_list))) != NULL)
    gtk_list_box_remove (self->entries_list, child);
  self->n_rows = 0;
  if (self->knowledge_base != NULL)
    add_rows (self);

  update_stack (self);
}

typedef struct
{
  KefuKnowledgeBase *knowledge_base;
  GPtrArray         *haystacks;
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_clear_object (&parsed->knowledge_base);
  g_clear_pointer (&parsed->haystacks, g_ptr_array_unref);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parsed, parsed_free)

/* Reading thousands of entries and folding their text is work for a thread. */
static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr (KefuTextAnalyzer) analyzer = kefu_text_analyzer_new ();
  g_autoptr (Parsed) parsed = g_new0 (Parsed, 1);
  GError *error = NULL;

  parsed->knowledge_base = kefu_knowledge_base_new ();
  if (!kefu_knowledge_base_load_json (parsed->knowledge_base, task_data, -1, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  parsed->haystacks = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < kefu_knowledge_base_get_n_entries (parsed->knowledge_base); i++)
    g_ptr_array_add (parsed->haystacks,
                     fold_entry (analyzer, kefu_knowledge_base_get_entry (parsed->knowledge_base, i)));

  g_task_return_pointer (task, g_steal_pointer (&parsed), (GDestroyNotify)parsed_free);
}

static void
parse_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  KefuKbPage *self = KEFU_KB_PAGE (object);
  g_autoptr (Parsed) parsed = NULL;
  g_autoptr (GError) error = NULL;

  parsed = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  set_busy (self, FALSE);
  if (parsed == NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self->list_stack), error->message);
      update_stack (self);
      return;
    }

  g_set_object (&self->knowledge_base, parsed->knowledge_base);
  g_clear_pointer (&self->haystacks, g_ptr_array_unref);
  self->haystacks = g_steal_pointer (&parsed->haystacks);
  g_clear_object (&self->own_matcher);
  fill_list (self);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  KefuKbPage *self = user_data;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;

  json = kefu_store_list_kb_entries_finish (KEFU_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (json == NULL)
    {
      self->loading = FALSE;
      set_busy (self, FALSE);
      kefu_toast_show_error (GTK_WIDGET (self->list_stack), error->message);
      update_stack (self);
      return;
    }

  task = g_task_new (self, self->cancellable, parse_cb, NULL);
  g_task_set_source_tag (task, list_cb);
  g_task_set_task_data (task, g_steal_pointer (&json), g_free);
  g_task_run_in_thread (task, parse_thread);
}

static void
load (KefuKbPage *self)
{
  if (self->store == NULL)
    return;

  self->loading = TRUE;
  set_busy (self, TRUE);
  update_stack (self);
  kefu_store_list_kb_entries_async (self->store, self->cancellable, list_cb, self);
}

static void
on_search_changed (KefuKbPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  g_clear_pointer (&self->needle, g_free);
  if (*text != '\0')
    self->needle = kefu_text_analyzer_fold (self->analyzer, text);

  fill_list (self);
}

static void
on_row_activated (KefuKbPage    *self,
                  GtkListBoxRow *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), ROW_ID_KEY);

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "kb.edit", "s", id);
}

static void
show_try_result (KefuKbPage  *self,
                 const char  *icon_name,
                 const char  *title,
                 const char  *subtitle,
                 double       confidence)
{
  g_autofree char *percent = NULL;

  g_free (self->try_result);
  self->try_result = g_strdup (title);
  gtk_image_set_from_icon_name (self->try_icon, icon_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->try_result_row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->try_result_row), subtitle ? subtitle : "");
  if (confidence >= 0)
    /* Translators: how sure the robot is, e.g. "87 % sure" */
    percent = g_strdup_printf (_("%d %% sure"), (int)(confidence * 100 + 0.5));
  gtk_label_set_text (self->try_confidence, percent ? percent : "");
  gtk_widget_set_visible (GTK_WIDGET (self->try_result_row), TRUE);
}

static void
try_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  KefuKbPage *self = user_data;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (KefuMatch) match = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;

  entries = kefu_kb_robot_suggest_finish (result, &match, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entries == NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self->list_stack), error->message);
      return;
    }

  switch (match->outcome)
    {
    case KEFU_MATCH_ANSWER:
      /* Translators: %s is the knowledge-base question the robot would answer */
      title = g_strdup_printf (_("Would answer “%s”"), match->entry->question);
      show_try_result (self, "emblem-ok-symbolic", title, match->entry->answer, match->confidence);
      break;
    case KEFU_MATCH_HANDOFF:
      show_try_result (self, "system-users-symbolic", _("Would hand off to a person"),
                       _("The customer asks for a person."), -1);
      break;
    case KEFU_MATCH_ABSTAIN:
    default:
      if (entries->len > 0)
        {
          const KefuKbEntry *best = g_ptr_array_index (entries, 0);

          /* Translators: %s is the closest knowledge-base question */
          title = g_strdup_printf (_("Not sure enough; closest: “%s”"), best->question);
        }
      show_try_result (self, "dialog-question-symbolic", _("Would hand off to a person"),
                       title ? title : _("No entry fits this question."), match->confidence);
      break;
    }
}

static KefuMatcher *
current_matcher (KefuKbPage *self)
{
  KefuRobot *robot = kefu_kb_robot_get (GTK_WIDGET (self));

  if (robot != NULL)
    return kefu_robot_get_matcher (robot);

  /* A page without a running robot (on its own, in a test) asks its own. */
  if (self->own_matcher == NULL && self->knowledge_base != NULL)
    self->own_matcher = kefu_matcher_new (self->knowledge_base);

  return self->own_matcher;
}

static void
on_try_apply (KefuKbPage *self)
{
  kefu_kb_page_try (self, gtk_editable_get_text (GTK_EDITABLE (self->try_row)));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KefuKbPage *self = KEFU_KB_PAGE (widget);
  g_autoptr (KefuKbEntry) blank = kefu_kb_entry_new (NULL, NULL, NULL, NULL, NULL);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* A search that found nothing is often the question to add. */
  if (kefu_kb_page_get_n_shown (self) == 0 && *search != '\0')
    {
      g_free (blank->question);
      blank->question = g_strdup (search);
    }
  g_free (blank->lang);
  blank->lang = g_strdup (g_str_has_prefix (g_get_language_names ()[0], "zh_TW") ? "zh-Hant" :
                          g_str_has_prefix (g_get_language_names ()[0], "zh") ? "zh-Hans" : "en");
  open_editor (self, blank);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KefuKbPage *self = KEFU_KB_PAGE (widget);
  const KefuKbEntry *entry;

  if (self->knowledge_base == NULL)
    return;

  entry = kefu_knowledge_base_lookup (self->knowledge_base, g_variant_get_string (parameter, NULL));
  if (entry != NULL)
    open_editor (self, entry);
}

static void
undo_clicked_cb (AdwToast   *toast,
                 KefuKbPage *self)
{
  g_autofree char *json = NULL;

  if (self->undo_entry == NULL)
    return;

  json = entry_to_json (self->undo_entry);
  g_clear_pointer (&self->undo_entry, kefu_kb_entry_free);
  put_json (self, json);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KefuKbPage *self = user_data;
  g_autoptr (GError) error = NULL;
  AdwToast *toast;

  if (!kefu_store_delete_kb_entry_finish (KEFU_STORE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (error != NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self->list_stack), error->message);
      return;
    }

  toast = adw_toast_new (_("Entry deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  /* At once, before any toast still showing: Undo is only useful now. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  kefu_toast_show (GTK_WIDGET (self->list_stack), toast);

  changed (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KefuKbPage *self = KEFU_KB_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  const KefuKbEntry *entry;

  if (self->store == NULL || self->knowledge_base == NULL)
    return;
  entry = kefu_knowledge_base_lookup (self->knowledge_base, id);
  if (entry == NULL)
    return;

  g_clear_pointer (&self->undo_entry, kefu_kb_entry_free);
  self->undo_entry = kefu_kb_entry_copy (entry);
  set_busy (self, TRUE);
  kefu_store_delete_kb_entry_async (self->store, id, self->cancellable, delete_cb, self);
}

/* Import and export read and write files on a worker thread. */

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr (KefuKnowledgeBase) knowledge_base = kefu_knowledge_base_new ();
  g_autofree char *path = g_file_get_path (task_data);
  GError *error = NULL;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only local files can be imported."));
      return;
    }
  if (!kefu_knowledge_base_load_file (knowledge_base, path, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&knowledge_base), g_object_unref);
}

static void
import_put_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  KefuKbPage *self = user_data;
  g_autoptr (GError) error = NULL;

  if (!kefu_store_put_kb_entries_finish (KEFU_STORE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (error != NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self->list_stack), error->message);
      return;
    }

  changed (self);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KefuKbPage *self = KEFU_KB_PAGE (object);
  g_autoptr (KefuKnowledgeBase) knowledge_base = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *title = NULL;
  guint n_entries;

  knowledge_base = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (knowledge_base == NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self->list_stack), error->message);
      return;
    }
  /* The page lost its store while the file was read. */
  if (self->store == NULL)
    return;

  n_entries = kefu_knowledge_base_get_n_entries (knowledge_base);
  title = g_strdup_printf (ngettext ("%u entry imported", "%u entries imported", n_entries), n_entries);
  kefu_toast_show (GTK_WIDGET (self->list_stack), adw_toast_new (title));

  json = kefu_knowledge_base_to_json (knowledge_base);
  set_busy (self, TRUE);
  kefu_store_put_kb_entries_async (self->store, json, FALSE, self->cancellable, import_put_cb, self);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KefuKnowledgeBase *knowledge_base = g_object_get_data (G_OBJECT (task), "knowledge-base");
  g_autofree char *path = g_file_get_path (task_data);
  GError *error = NULL;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only local files can be written."));
      return;
    }
  if (!kefu_knowledge_base_save_file (knowledge_base, path, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  KefuKbPage *self = KEFU_KB_PAGE (object);
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (error != NULL)
    {
      kefu_toast_show_error (GTK_WIDGET (self->list_stack), error->message);
      return;
    }

  kefu_toast_show (GTK_WIDGET (self->list_stack), adw_toast_new (_("Knowledge base exported")));
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     KefuKbPage      *self)
{
  g_autoptr (GFile) file = NULL;
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;
  if (saving)
    kefu_kb_page_export_file (self, file);
  else
    kefu_kb_page_import_file (self, file);
}

static GtkFileFilter *
file_filter (const char *name,
             const char *pattern,
             const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime_type);

  return filter;
}

static void
show_chooser (KefuKbPage           *self,
              GtkFileChooserAction  action,
              const char           *format)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean saving = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr (GtkFileFilter) json = file_filter (_("Knowledge base as JSON"), "*.json", "application/json");
  g_autoptr (GtkFileFilter) csv = file_filter (_("Knowledge base as CSV"), "*.csv", "text/csv");

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (saving ? _("Export Knowledge Base") : _("Import Knowledge Base"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               action,
                                               saving ? _("_Export") : _("_Import"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (saving)
    {
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), g_str_equal (format, "csv") ? csv : json);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                         g_str_equal (format, "csv") ? "knowledge-base.csv" : "knowledge-base.json");
    }
  else
    {
      g_autoptr (GtkFileFilter) both = gtk_file_filter_new ();

      gtk_file_filter_set_name (both, _("JSON or CSV"));
      gtk_file_filter_add_pattern (both, "*.json");
      gtk_file_filter_add_pattern (both, "*.csv");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), both);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), json);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  show_chooser (KEFU_KB_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN, NULL);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  show_chooser (KEFU_KB_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SAVE, g_variant_get_string (parameter, NULL));
}

static void
kefu_kb_page_dispose (GObject *object)
{
  KefuKbPage *self = (KefuKbPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->try_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  g_clear_weak_pointer (&self->editor);
  gtk_widget_dispose_template (GTK_WIDGET (self), KEFU_TYPE_KB_PAGE);
  /* GTK 4.8 only disposes the template children that have a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->knowledge_base);
  g_clear_object (&self->own_matcher);
  g_clear_object (&self->analyzer);

  G_OBJECT_CLASS (kefu_kb_page_parent_class)->dispose (object);
}

static void
kefu_kb_page_finalize (GObject *object)
{
  KefuKbPage *self = (KefuKbPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->try_cancellable);
  g_clear_pointer (&self->undo_entry, kefu_kb_entry_free);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->try_result, g_free);
  g_clear_pointer (&self->haystacks, g_ptr_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (kefu_kb_page_parent_class)->finalize (object);
}

static void
kefu_kb_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KefuKbPage *self = KEFU_KB_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, kefu_kb_page_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kefu_kb_page_class_init (KefuKbPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kefu_kb_page_dispose;
  object_class->finalize = kefu_kb_page_finalize;
  object_class->get_property = kefu_kb_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kefu/Kefu/ui/kefu-kb-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KefuKbPage, entries_list);
  gtk_widget_class_bind_template_child (widget_class, KefuKbPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, KefuKbPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KefuKbPage, try_confidence);
  gtk_widget_class_bind_template_child (widget_class, KefuKbPage, try_icon);
  gtk_widget_class_bind_template_child (widget_class, KefuKbPage, try_result_row);
  gtk_widget_class_bind_template_child (widget_class, KefuKbPage, try_row);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_try_apply);

  gtk_widget_class_install_action (widget_class, "kb.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "kb.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "kb.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "kb.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "kb.export", "s", export_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kefu_kb_page_init (KefuKbPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->analyzer = kefu_text_analyzer_new ();
  self->matches = g_array_new (FALSE, FALSE, sizeof (guint));
  update_stack (self);
}

GtkWidget *
kefu_kb_page_new (void)
{
  return g_object_new (KEFU_TYPE_KB_PAGE, NULL);
}

/**
 * kefu_kb_page_get_store:
 *
 * Returns: (transfer none) (nullable): where the entries are kept
 */
KefuStore *
kefu_kb_page_get_store (KefuKbPage *self)
{
  g_return_val_if_fail (KEFU_IS_KB_PAGE (self), NULL);

  return self->store;
}

void
kefu_kb_page_set_store (KefuKbPage *self,
                        KefuStore  *store)
{
  g_return_if_fail (KEFU_IS_KB_PAGE (self));
  g_return_if_fail (store == NULL || KEFU_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  load (self);
}

/* Reads the entries from the store again. */
void
kefu_kb_page_reload (KefuKbPage *self)
{
  g_return_if_fail (KEFU_IS_KB_PAGE (self));

  load (self);
}

/**
 * kefu_kb_page_get_knowledge_base:
 *
 * Returns: (transfer none) (nullable): the entries as last read from the
 *   store; replaced, never changed, when they are read again
 */
KefuKnowledgeBase *
kefu_kb_page_get_knowledge_base (KefuKbPage *self)
{
  g_return_val_if_fail (KEFU_IS_KB_PAGE (self), NULL);

  return self->knowledge_base;
}

/* Whether a read or a write of the page is on its way. */
gboolean
kefu_kb_page_get_busy (KefuKbPage *self)
{
  g_return_val_if_fail (KEFU_IS_KB_PAGE (self), FALSE);

  return self->busy > 0;
}

/* How many entries the search lets through (rows are made a page at a time). */
guint
kefu_kb_page_get_n_shown (KefuKbPage *self)
{
  g_return_val_if_fail (KEFU_IS_KB_PAGE (self), 0);

  return self->matches->len;
}

void
kefu_kb_page_set_search_text (KefuKbPage *self,
                              const char *text)
{
  g_return_if_fail (KEFU_IS_KB_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* At once, not after the entry's typing delay. */
  on_search_changed (self);
}

/**
 * kefu_kb_page_get_editor:
 *
 * Returns: (transfer none) (nullable): the entry editor while it is open
 */
KefuKbEditor *
kefu_kb_page_get_editor (KefuKbPage *self)
{
  g_return_val_if_fail (KEFU_IS_KB_PAGE (self), NULL);

  return self->editor;
}

/* Adds @entry, or changes the entry with its id, in the store. */
void
kefu_kb_page_save_entry (KefuKbPage        *self,
                         const KefuKbEntry *entry)
{
  g_autofree char *json = NULL;

  g_return_if_fail (KEFU_IS_KB_PAGE (self));
  g_return_if_fail (entry != NULL);

  json = entry_to_json (entry);
  put_json (self, json);
}

/* Adds the entries of a JSON or CSV file (by its name), replacing those with the same ids. */
void
kefu_kb_page_import_file (KefuKbPage *self,
                          GFile      *file)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (KEFU_IS_KB_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, import_cb, NULL);
  g_task_set_source_tag (task, kefu_kb_page_import_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, import_thread);
}

/* Writes every entry to @file, as CSV when its name ends in ".csv", else JSON. */
void
kefu_kb_page_export_file (KefuKbPage *self,
                          GFile      *file)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (KEFU_IS_KB_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->knowledge_base == NULL)
    return;

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, export_cb, NULL);
  g_task_set_source_tag (task, kefu_kb_page_export_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  /* The page never changes a knowledge base it read, so the thread may read it. */
  g_object_set_data_full (G_OBJECT (task), "knowledge-base",
                          g_object_ref (self->knowledge_base), g_object_unref);
  g_task_run_in_thread (task, export_thread);
}

/* Asks the robot what it would do with @question; the answer shows below it. */
void
kefu_kb_page_try (KefuKbPage *self,
                  const char *question)
{
  KefuMatcher *matcher;
  g_autofree char *text = NULL;

  g_return_if_fail (KEFU_IS_KB_PAGE (self));

  text = g_strstrip (g_strdup (question ? question : ""));
  if (*text == '\0')
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->try_row)), question) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->try_row), question);

  matcher = current_matcher (self);
  if (matcher == NULL)
    return;

  g_cancellable_cancel (self->try_cancellable);
  g_clear_object (&self->try_cancellable);
  self->try_cancellable = g_cancellable_new ();
  g_clear_pointer (&self->try_result, g_free);
  kefu_kb_robot_suggest_async (matcher, text, 1, self->try_cancellable, try_cb, self);
}

/**
 * kefu_kb_page_get_try_result:
 *
 * Returns: (nullable): the headline of the last "Try the robot" answer,
 *   or %NULL while it is being worked out
 */
const char *
kefu_kb_page_get_try_result (KefuKbPage *self)
{
  g_return_val_if_fail (KEFU_IS_KB_PAGE (self), NULL);

  return self->try_result;
}
