/* kefu-email-channel-private.h: what the email channel's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-email-channel.h"
#include "kefu-email-config.h"
#include "kefu-email-parse.h"

G_BEGIN_DECLS

struct _KefuEmailChannel
{
  GObject           parent_instance;

  /* construct-only */
  KefuRouter       *router;
  KefuAccount      *account;

  /* owned, main thread */
  KefuEmailConfig  *config;
  char             *password;
  GMainContext     *main_context;
  GCancellable     *cancellable;       /* cancelled by stop */
  KefuChannelStatus status;
  gulong            queued_handler;
  GQueue            outbox;            /* KefuMessage, oldest first */
  gboolean          sending;
  guint             retry_source;
  guint             send_delay;        /* seconds: the undo-send window */
  GHashTable       *auto_replied;      /* sender → last auto-reply time, µs */

  /* the IMAP thread's starting point, read before it starts */
  guint32           uidvalidity;
  guint32           last_uid;
};

char    *_kefu_email_channel_checkpoint_key (KefuEmailChannel *self);
void     _kefu_email_channel_set_state      (KefuEmailChannel *self,
                                             KefuChannelState  state,
                                             const char       *message);
void     _kefu_email_channel_post_state     (KefuEmailChannel *self,
                                             KefuChannelState  state,
                                             const char       *message);

/* kefu-email-sync.c: the IMAP thread */
void     _kefu_email_sync_start             (KefuEmailChannel *self);

/* kefu-email-outbox.c: SMTP delivery of queued replies and auto-replies */
void     _kefu_email_outbox_start           (KefuEmailChannel *self);
void     _kefu_email_outbox_stop            (KefuEmailChannel *self);
void     _kefu_email_outbox_after_receive   (KefuEmailChannel *self,
                                             KefuEmailParsed  *parsed,
                                             KefuDelivery     *delivery);
void     _kefu_email_outbox_send_async      (KefuEmailChannel    *self,
                                             KefuMessage         *message,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean _kefu_email_outbox_send_finish     (KefuEmailChannel    *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
