/* kefu-inbox-records.c: records the inbox reads from the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-inbox-records.h"

void
kefu_customer_merge_free (KefuCustomerMerge *self)
{
  if (self == NULL)
    return;

  g_free (self->source_name);
  g_free (self);
}

void
kefu_merge_suggestion_free (KefuMergeSuggestion *self)
{
  if (self == NULL)
    return;

  g_free (self->customer_name);
  g_free (self->detail);
  g_free (self);
}

void
kefu_ticket_event_free (KefuTicketEvent *self)
{
  if (self == NULL)
    return;

  g_free (self->agent_name);
  g_free (self->kind);
  g_free (self->detail);
  g_free (self);
}

void
kefu_search_hit_free (KefuSearchHit *self)
{
  if (self == NULL)
    return;

  g_free (self->subject);
  g_free (self->author);
  g_free (self->snippet);
  g_free (self);
}

KefuSearchResults *
kefu_search_results_new (void)
{
  KefuSearchResults *self = g_new0 (KefuSearchResults, 1);

  self->tickets = g_ptr_array_new_with_free_func (g_object_unref);
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) kefu_search_hit_free);
  self->customers = g_ptr_array_new_with_free_func (g_object_unref);

  return self;
}

void
kefu_search_results_free (KefuSearchResults *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->tickets, g_ptr_array_unref);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_clear_pointer (&self->customers, g_ptr_array_unref);
  g_free (self);
}
