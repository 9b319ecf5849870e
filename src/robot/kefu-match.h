/* kefu-match.h: what the matcher made of one message: an answer, a hand-off, or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-kb-entry.h"

G_BEGIN_DECLS

typedef enum
{
  KEFU_MATCH_ABSTAIN,   /* not sure enough: a person should answer */
  KEFU_MATCH_ANSWER,    /* @entry answers the question */
  KEFU_MATCH_HANDOFF,   /* the customer asked for a person; @entry (if any) says so */
} KefuMatchOutcome;

typedef struct
{
  KefuMatchOutcome  outcome;
  KefuKbEntry      *entry;          /* the entry to send, in the customer's language */
  char             *group;          /* the best group, also when abstaining (or NULL) */
  char             *second_group;   /* the runner-up, for diagnostics */
  char             *lang;           /* the customer's language as guessed, or NULL */
  double            confidence;     /* 0 … 1 */
  double            score;          /* the best group's raw score */
  double            coverage;       /* share of the message's weight the best group explains */
  double            margin;         /* 1 - second / best */
} KefuMatch;

#define KEFU_TYPE_MATCH (kefu_match_get_type ())
GType      kefu_match_get_type  (void) G_GNUC_CONST;
KefuMatch *kefu_match_new       (KefuMatchOutcome  outcome);
KefuMatch *kefu_match_copy      (const KefuMatch  *self);
void       kefu_match_free      (KefuMatch        *self);
gboolean   kefu_match_is_answer (const KefuMatch  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuMatch, kefu_match_free)

G_END_DECLS
