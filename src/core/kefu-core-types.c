/* kefu-core-types.c: helpers for the shared enums.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-core-types.h"

/**
 * kefu_enum_to_nick:
 *
 * Returns: (transfer none): the nick of @value ("open"), or "" when unknown
 */
const char *
kefu_enum_to_nick (GType enum_type,
                   int   value)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  return enum_value ? enum_value->value_nick : "";
}

/**
 * kefu_enum_from_nick:
 * @value: (out): the value, untouched when @nick is unknown
 *
 * Returns: whether @nick names a value of @enum_type
 */
gboolean
kefu_enum_from_nick (GType       enum_type,
                     const char *nick,
                     int        *value)
{
  g_autoptr (GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (klass, nick);
  if (enum_value == NULL)
    return FALSE;

  *value = enum_value->value;

  return TRUE;
}

gboolean
kefu_ticket_status_is_open (KefuTicketStatus status)
{
  return status == KEFU_TICKET_STATUS_NEW ||
         status == KEFU_TICKET_STATUS_OPEN ||
         status == KEFU_TICKET_STATUS_PENDING;
}
