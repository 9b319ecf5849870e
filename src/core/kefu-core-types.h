/* kefu-core-types.h: forward typedefs and the enums every layer shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _KefuAccount      KefuAccount;
typedef struct _KefuAgent        KefuAgent;
typedef struct _KefuAttachment   KefuAttachment;
typedef struct _KefuCustomer     KefuCustomer;
typedef struct _KefuIdentity     KefuIdentity;
typedef struct _KefuMessage      KefuMessage;
typedef struct _KefuRouter       KefuRouter;
typedef struct _KefuStore        KefuStore;
typedef struct _KefuTicket       KefuTicket;

/* The nicks of these enums ("new", "open", …) are what the store writes,
 * so renaming a value is a schema change. */

typedef enum
{
  KEFU_TICKET_STATUS_NEW,
  KEFU_TICKET_STATUS_OPEN,
  KEFU_TICKET_STATUS_PENDING,
  KEFU_TICKET_STATUS_RESOLVED,
  KEFU_TICKET_STATUS_CLOSED,
} KefuTicketStatus;

typedef enum
{
  KEFU_PRIORITY_LOW,
  KEFU_PRIORITY_NORMAL,
  KEFU_PRIORITY_HIGH,
  KEFU_PRIORITY_URGENT,
} KefuPriority;

typedef enum
{
  KEFU_CHANNEL_KIND_EMAIL,
  KEFU_CHANNEL_KIND_CHAT,
  KEFU_CHANNEL_KIND_PHONE,
} KefuChannelKind;

typedef enum
{
  KEFU_DIRECTION_IN,
  KEFU_DIRECTION_OUT,
  KEFU_DIRECTION_NOTE,
  KEFU_DIRECTION_ROBOT,
  KEFU_DIRECTION_SYSTEM,
} KefuDirection;

typedef enum
{
  KEFU_DELIVERY_STATE_NONE,
  KEFU_DELIVERY_STATE_QUEUED,
  KEFU_DELIVERY_STATE_SENT,
  KEFU_DELIVERY_STATE_FAILED,
} KefuDeliveryState;

typedef enum
{
  KEFU_IDENTITY_KIND_EMAIL,
  KEFU_IDENTITY_KIND_PHONE,
  KEFU_IDENTITY_KIND_CHAT,
} KefuIdentityKind;

typedef enum
{
  KEFU_AGENT_ROLE_AGENT,
  KEFU_AGENT_ROLE_ADMIN,
} KefuAgentRole;

/* The sidebar's views; each is a fixed filter over tickets. */
typedef enum
{
  KEFU_VIEW_ALL,
  KEFU_VIEW_INBOX,
  KEFU_VIEW_MINE,
  KEFU_VIEW_UNASSIGNED,
  KEFU_VIEW_PENDING,
  KEFU_VIEW_RESOLVED,
  KEFU_VIEW_SNOOZED,     /* inbox (#6): pending until a time, then open again */
} KefuView;

const char *kefu_enum_to_nick   (GType       enum_type,
                                 int         value);
gboolean    kefu_enum_from_nick (GType       enum_type,
                                 const char *nick,
                                 int        *value);

gboolean    kefu_ticket_status_is_open (KefuTicketStatus status);

G_END_DECLS
