/* kefu-match.c: what the matcher made of one message: an answer, a hand-off, or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-match.h"

G_DEFINE_BOXED_TYPE (KefuMatch, kefu_match, kefu_match_copy, kefu_match_free)

KefuMatch *
kefu_match_new (KefuMatchOutcome outcome)
{
  KefuMatch *self = g_new0 (KefuMatch, 1);

  self->outcome = outcome;

  return self;
}

KefuMatch *
kefu_match_copy (const KefuMatch *self)
{
  KefuMatch *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->entry = self->entry ? kefu_kb_entry_copy (self->entry) : NULL;
  copy->group = g_strdup (self->group);
  copy->second_group = g_strdup (self->second_group);
  copy->lang = g_strdup (self->lang);

  return copy;
}

void
kefu_match_free (KefuMatch *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->entry, kefu_kb_entry_free);
  g_free (self->group);
  g_free (self->second_group);
  g_free (self->lang);
  g_free (self);
}

/**
 * kefu_match_is_answer:
 *
 * Whether the robot should send @self's entry as an answer (not a hand-off).
 */
gboolean
kefu_match_is_answer (const KefuMatch *self)
{
  return self != NULL && self->outcome == KEFU_MATCH_ANSWER && self->entry != NULL;
}
