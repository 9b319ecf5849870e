/* kefu-account-chat-editor.c: the website chat's settings and the line to paste into the shop's pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-account-editor.h"

#include "kefu-chat-config.h"

#define KEFU_TYPE_ACCOUNT_CHAT_EDITOR (kefu_account_chat_editor_get_type ())
G_DECLARE_FINAL_TYPE (KefuAccountChatEditor, kefu_account_chat_editor, KEFU, ACCOUNT_CHAT_EDITOR, KefuAccountEditor)

struct _KefuAccountChatEditor
{
  KefuAccountEditor parent_instance;

  /* widgets */
  AdwEntryRow     *name_row;
  AdwEntryRow     *address_row;
  AdwEntryRow     *port_row;
  AdwEntryRow     *origins_row;
  AdwEntryRow     *shop_name_row;
  AdwEntryRow     *greeting_row;
  GtkLabel        *snippet_label;

  /* owned */
  KefuChatConfig  *config;
};

G_DEFINE_FINAL_TYPE (KefuAccountChatEditor, kefu_account_chat_editor, KEFU_TYPE_ACCOUNT_EDITOR)

/* The config as the rows say, or NULL with @error set. */
static KefuChatConfig *
read_config (KefuAccountChatEditor  *self,
             GError                **error)
{
  g_autoptr (KefuChatConfig) config = kefu_chat_config_copy (self->config);
  g_autofree char *address = kefu_account_editor_dup_text (self->address_row);
  g_autofree char *origins = kefu_account_editor_dup_text (self->origins_row);
  g_autofree char *shop_name = kefu_account_editor_dup_text (self->shop_name_row);
  g_autofree char *greeting = kefu_account_editor_dup_text (self->greeting_row);

  if (!kefu_account_editor_parse_number (self->port_row, 0, 65535, &config->port, error))
    return NULL;
  if (address != NULL)
    {
      g_free (config->address);
      config->address = g_steal_pointer (&address);
    }
  g_strfreev (config->origins);
  config->origins = NULL;
  if (origins != NULL)
    {
      g_auto (GStrv) parts = g_strsplit_set (origins, ", ", -1);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_strv_builder_add (builder, parts[i]);
      config->origins = g_strv_builder_end (builder);
    }
  else
    config->origins = g_new0 (char *, 1);
  if (shop_name != NULL)
    {
      g_free (config->shop_name);
      config->shop_name = g_steal_pointer (&shop_name);
    }
  if (greeting != NULL)
    {
      g_free (config->greeting);
      config->greeting = g_steal_pointer (&greeting);
    }

  if (!kefu_chat_config_check (config, error))
    return NULL;

  return g_steal_pointer (&config);
}

static void
update_snippet (KefuAccountChatEditor *self)
{
  g_autoptr (KefuChatConfig) config = read_config (self, NULL);
  g_autofree char *snippet = kefu_chat_config_dup_embed_snippet (config != NULL ? config : self->config);

  gtk_label_set_label (self->snippet_label, snippet);
}

static void
on_row_changed (GtkEditable           *editable,
                KefuAccountChatEditor *self)
{
  update_snippet (self);
}

static void
on_copy_clicked (GtkButton             *button,
                 KefuAccountChatEditor *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          gtk_label_get_label (self->snippet_label));
  adw_toast_overlay_add_toast (kefu_account_editor_get_toasts (KEFU_ACCOUNT_EDITOR (self)), adw_toast_new (_("Copied")));
}

static void
save (KefuAccountEditor *editor)
{
  KefuAccountChatEditor *self = KEFU_ACCOUNT_CHAT_EDITOR (editor);
  g_autoptr (KefuChatConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = kefu_account_editor_dup_text (self->name_row);
  g_autofree char *json = NULL;
  g_autofree char *address = NULL;
  KefuAccountFields fields = { 0 };

  config = read_config (self, &error);
  if (config == NULL)
    {
      kefu_account_editor_toast (KEFU_ACCOUNT_EDITOR (self), error->message);
      return;
    }

  json = kefu_chat_config_to_json (config);
  address = g_strdup_printf ("%s:%u", config->address, config->port);
  kefu_account_editor_fill_fields (KEFU_ACCOUNT_EDITOR (self), KEFU_CHANNEL_KIND_CHAT, &fields);
  fields.name = name != NULL ? name : _("Website chat");
  fields.address = address;
  fields.config = json;

  kefu_account_editor_save (KEFU_ACCOUNT_EDITOR (self), &fields, NULL);
}

static void
kefu_account_chat_editor_finalize (GObject *object)
{
  KefuAccountChatEditor *self = KEFU_ACCOUNT_CHAT_EDITOR (object);

  g_clear_pointer (&self->config, kefu_chat_config_free);

  G_OBJECT_CLASS (kefu_account_chat_editor_parent_class)->finalize (object);
}

static void
kefu_account_chat_editor_class_init (KefuAccountChatEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kefu_account_chat_editor_finalize;

  KEFU_ACCOUNT_EDITOR_CLASS (klass)->save = save;
}

static void
kefu_account_chat_editor_init (KefuAccountChatEditor *self)
{
}

static void
build (KefuAccountChatEditor *self,
       GtkWindow             *parent)
{
  KefuAccount *account = kefu_account_editor_get_account (KEFU_ACCOUNT_EDITOR (self));
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  GtkWidget *copy;
  GtkWidget *snippet_box;
  g_autofree char *port = g_strdup_printf ("%u", self->config->port);
  g_autofree char *origins = g_strjoinv (", ", self->config->origins);

  page = kefu_account_editor_setup (KEFU_ACCOUNT_EDITOR (self), parent,
                                    account != NULL ? _("Website Chat") : _("Add Website Chat"));

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  kefu_account_editor_set_description (group, _("Kefu serves a small chat window that your website shows to its visitors. The robot answers first; you take over from the Inbox."));
  adw_preferences_page_add (page, group);
  self->name_row = kefu_account_editor_add_entry (group, _("Name"),
                                                  account != NULL ? kefu_account_get_name (account) : _("Website chat"));
  self->shop_name_row = kefu_account_editor_add_entry (group, _("Shop Name Shown to Visitors"), self->config->shop_name);
  self->greeting_row = kefu_account_editor_add_entry (group, _("Greeting"), self->config->greeting);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Server"));
  kefu_account_editor_set_description (group, _("127.0.0.1 lets only this computer in; use 0.0.0.0 behind a reverse proxy or tunnel so that your website can reach it."));
  adw_preferences_page_add (page, group);
  self->address_row = kefu_account_editor_add_entry (group, _("Listen Address"), self->config->address);
  self->port_row = kefu_account_editor_add_entry (group, _("Port"), port);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->port_row), 6);
  self->origins_row = kefu_account_editor_add_entry (group, _("Allowed Websites (comma-separated)"), origins);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Embed on Your Website"));
  kefu_account_editor_set_description (group, _("Paste this line into every page of your website, just before the closing body tag."));
  adw_preferences_page_add (page, group);
  snippet_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (snippet_box, "card");
  self->snippet_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->snippet_label, TRUE);
  gtk_label_set_wrap (self->snippet_label, TRUE);
  gtk_label_set_wrap_mode (self->snippet_label, PANGO_WRAP_CHAR);
  {
    PangoAttrList *attributes = pango_attr_list_new ();

    /* Code wraps anywhere, without hyphens that would change it. */
    pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
    gtk_label_set_attributes (self->snippet_label, attributes);
    pango_attr_list_unref (attributes);
  }
  gtk_label_set_xalign (self->snippet_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->snippet_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->snippet_label), "monospace");
  gtk_widget_set_margin_start (GTK_WIDGET (self->snippet_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->snippet_label), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->snippet_label), 12);
  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_tooltip_text (copy, _("Copy"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy"), -1);
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (copy, 6);
  gtk_widget_add_css_class (copy, "flat");
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked), self);
  gtk_box_append (GTK_BOX (snippet_box), GTK_WIDGET (self->snippet_label));
  gtk_box_append (GTK_BOX (snippet_box), copy);
  adw_preferences_group_add (group, snippet_box);

  g_signal_connect (self->address_row, "changed", G_CALLBACK (on_row_changed), self);
  g_signal_connect (self->port_row, "changed", G_CALLBACK (on_row_changed), self);
  update_snippet (self);
}

/**
 * kefu_account_chat_editor_new:
 * @account: (nullable): the chat account, or %NULL to add one
 *
 * Returns: (transfer none): the editor, a modal window over @parent
 */
GtkWindow *
kefu_account_chat_editor_new (GtkWindow   *parent,
                              KefuStore   *store,
                              KefuRuntime *runtime,
                              KefuAccount *account)
{
  KefuAccountChatEditor *self = g_object_new (KEFU_TYPE_ACCOUNT_CHAT_EDITOR, NULL);

  kefu_account_editor_set_account (KEFU_ACCOUNT_EDITOR (self), store, runtime, account);
  if (account != NULL)
    self->config = kefu_chat_config_new_from_json (kefu_account_get_config (account), NULL);
  if (self->config == NULL)
    self->config = kefu_chat_config_new ();
  build (self, parent);

  return GTK_WINDOW (self);
}
