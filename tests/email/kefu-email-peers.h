/* kefu-email-peers.h: real Dovecot and Postfix on 127.0.0.1 for the email tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-router.h"
#include "kefu-sqlite-store.h"

G_BEGIN_DECLS

typedef struct
{
  char    *dir;
  GPid     dovecot_pid;
  guint    imap_port;
  guint    lmtp_port;
  GPid     postfix_pid;
  guint    smtp_port;
} KefuMailPeers;

guint          kefu_mail_free_port        (void);
void           kefu_mail_peers_start      (KefuMailPeers  *peers,
                                           gboolean        with_postfix);
void           kefu_mail_peers_stop       (KefuMailPeers  *peers);
void           kefu_mail_deliver          (KefuMailPeers  *peers,
                                           const char     *to,
                                           const char     *from,
                                           const char     *subject,
                                           const char     *extra_headers,
                                           guint           count);
void           kefu_mail_deliver_raw      (KefuMailPeers  *peers,
                                           const char     *to,
                                           const char     *raw);
char          *kefu_mail_fetch_last       (KefuMailPeers  *peers,
                                           const char     *user,
                                           const char     *password,
                                           const char     *subject_part,
                                           guint           timeout_ms);
char          *kefu_mail_account_json     (KefuMailPeers  *peers,
                                           const char     *user,
                                           const char     *extra);
gint64         kefu_mail_add_account      (KefuStore      *store,
                                           KefuMailPeers  *peers,
                                           const char     *user,
                                           const char     *password,
                                           const char     *extra);
gboolean       kefu_mail_wait_for         (gboolean      (*done) (gpointer),
                                           gpointer        data,
                                           guint           timeout_ms);

G_END_DECLS
