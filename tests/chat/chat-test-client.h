/* chat-test-client.h: a chat visitor for tests: a libsoup WebSocket client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kefu-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  SoupSession             *session;
  SoupWebsocketConnection *connection;
  GQueue                   frames;      /* JsonObject, oldest first */
  gboolean                 closed;
  gushort                  close_code;
} ChatClient;

ChatClient *chat_client_connect      (guint        port,
                                      const char  *origin,
                                      GError     **error);
void        chat_client_free         (ChatClient  *self);
void        chat_client_send         (ChatClient  *self,
                                      const char  *format,
                                      ...) G_GNUC_PRINTF (2, 3);
void        chat_client_hello        (ChatClient  *self,
                                      const char  *token);
JsonObject *chat_client_wait         (ChatClient  *self,
                                      const char  *type);
JsonObject *chat_client_wait_error   (ChatClient  *self,
                                      const char  *code);
gboolean    chat_client_quiet        (ChatClient  *self,
                                      const char  *type,
                                      guint        msec);
void        chat_client_wait_closed  (ChatClient  *self);
void        chat_test_spin           (guint        msec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChatClient, chat_client_free)

G_END_DECLS

G_BEGIN_DECLS

KefuAccount *chat_test_add_account (KefuStore  *store,
                                    const char *config);
char        *chat_test_query       (const char *db_path,
                                    const char *sql);
guint        chat_test_free_port   (void);

#define chat_test_assert_query(db_path, sql, expected) \
  G_STMT_START { \
    g_autofree char *value_ = chat_test_query ((db_path), (sql)); \
    g_assert_cmpstr (value_, ==, (expected)); \
  } G_STMT_END

G_END_DECLS
