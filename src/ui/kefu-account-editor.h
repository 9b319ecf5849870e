/* kefu-account-editor.h: what the account editors share: the window, saving, the password.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kefu-account.h"
#include "kefu-runtime.h"
#include "kefu-store.h"

G_BEGIN_DECLS

/* One editor per kind of channel (kefu-account-<kind>-editor.c): a new
 * account when @account is NULL. Saving stores the row, the password in
 * libsecret, and restarts the account's channel. */
typedef GtkWindow *(*KefuAccountEditorNew) (GtkWindow   *parent,
                                            KefuStore   *store,
                                            KefuRuntime *runtime,
                                            KefuAccount *account);

GtkWindow          *kefu_account_email_editor_new   (GtkWindow   *parent,
                                                     KefuStore   *store,
                                                     KefuRuntime *runtime,
                                                     KefuAccount *account);
GtkWindow          *kefu_account_chat_editor_new    (GtkWindow   *parent,
                                                     KefuStore   *store,
                                                     KefuRuntime *runtime,
                                                     KefuAccount *account);
GtkWindow          *kefu_account_phone_editor_new   (GtkWindow   *parent,
                                                     KefuStore   *store,
                                                     KefuRuntime *runtime,
                                                     KefuAccount *account);

/* The base of the three editors: it owns the store, the runtime, the
 * account being edited (or NULL), the Save button and Ctrl+S, and saving. */
#define KEFU_TYPE_ACCOUNT_EDITOR (kefu_account_editor_get_type ())
G_DECLARE_DERIVABLE_TYPE (KefuAccountEditor, kefu_account_editor, KEFU, ACCOUNT_EDITOR, AdwWindow)

struct _KefuAccountEditorClass
{
  AdwWindowClass parent_class;

  /* Reads the rows and calls kefu_account_editor_save(), or shows why not. */
  void (*save) (KefuAccountEditor *self);
};

void                kefu_account_editor_set_account (KefuAccountEditor    *self,
                                                     KefuStore            *store,
                                                     KefuRuntime          *runtime,
                                                     KefuAccount          *account);
KefuAccount        *kefu_account_editor_get_account (KefuAccountEditor    *self);
GCancellable       *kefu_account_editor_get_cancellable (KefuAccountEditor *self);
AdwToastOverlay    *kefu_account_editor_get_toasts  (KefuAccountEditor    *self);
AdwPreferencesPage *kefu_account_editor_setup       (KefuAccountEditor    *self,
                                                     GtkWindow            *parent,
                                                     const char           *title);
AdwEntryRow        *kefu_account_editor_add_password (KefuAccountEditor   *self,
                                                     AdwPreferencesGroup  *group);
void                kefu_account_editor_fill_fields (KefuAccountEditor    *self,
                                                     KefuChannelKind       kind,
                                                     KefuAccountFields    *fields);
void                kefu_account_editor_save        (KefuAccountEditor    *self,
                                                     const KefuAccountFields *fields,
                                                     const char           *password);
void                kefu_account_editor_toast       (KefuAccountEditor    *self,
                                                     const char           *text);

/* Row helpers. */
AdwEntryRow        *kefu_account_editor_add_entry   (AdwPreferencesGroup  *group,
                                                     const char           *title,
                                                     const char           *text);
AdwComboRow        *kefu_account_editor_add_choice  (AdwPreferencesGroup  *group,
                                                     const char           *title,
                                                     const char *const    *choices,
                                                     guint                 selected);
gboolean            kefu_account_editor_parse_number (AdwEntryRow         *row,
                                                     guint                 min,
                                                     guint                 max,
                                                     guint                *value,
                                                     GError              **error);
char               *kefu_account_editor_dup_text    (AdwEntryRow          *row);
void                kefu_account_editor_set_description (AdwPreferencesGroup *group,
                                                     const char          *text);
void                kefu_account_editor_save_async  (KefuStore                *store,
                                                     KefuRuntime              *runtime,
                                                     const KefuAccountFields  *fields,
                                                     const char               *password,
                                                     GCancellable             *cancellable,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);
gint64              kefu_account_editor_save_finish (GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
