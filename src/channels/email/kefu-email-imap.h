/* kefu-email-imap.h: one blocking IMAP session (libetpan), used only from its account's thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kefu-email-config.h"

G_BEGIN_DECLS

typedef struct _KefuEmailImap KefuEmailImap;

/* A message as fetched: its UID and its bytes. */
typedef struct
{
  guint32  uid;
  GBytes  *raw;
} KefuEmailFetched;

void              kefu_email_fetched_free      (KefuEmailFetched       *self);

KefuEmailImap    *kefu_email_imap_connect      (const KefuEmailConfig  *config,
                                                const char             *password,
                                                char                  **fingerprint,
                                                GError                **error);
gboolean          kefu_email_imap_select       (KefuEmailImap          *self,
                                                const char             *folder,
                                                guint32                *uidvalidity,
                                                guint32                *uidnext,
                                                GError                **error);
GArray           *kefu_email_imap_search       (KefuEmailImap          *self,
                                                guint32                 after_uid,
                                                guint                   since_days,
                                                GError                **error);
GPtrArray        *kefu_email_imap_fetch        (KefuEmailImap          *self,
                                                const guint32          *uids,
                                                guint                   n_uids,
                                                GError                **error);
gboolean          kefu_email_imap_has_idle     (KefuEmailImap          *self);
gboolean          kefu_email_imap_wait         (KefuEmailImap          *self,
                                                guint                   seconds,
                                                GCancellable           *cancellable,
                                                GError                **error);
void              kefu_email_imap_free         (KefuEmailImap          *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuEmailImap, kefu_email_imap_free)

G_END_DECLS
