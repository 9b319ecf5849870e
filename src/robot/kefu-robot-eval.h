/* kefu-robot-eval.h: measuring the matcher against labelled questions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-matcher.h"

G_BEGIN_DECLS

/* Scored as ../shared/robot/README.md says: in-scope lines are correct,
 * wrong or handed off; out-of-scope lines handed off or answered. A hand-off
 * answer counts as a hand-off except where a person was asked for. */
typedef struct
{
  guint      in_scope;
  guint      correct;
  guint      wrong;
  guint      out_of_scope;
  guint      handed_off;
  GPtrArray *misses;        /* char *, one line each: what went wrong where */
  GPtrArray *details;       /* char *, one line per question: outcome, group, confidence, margin */
} KefuRobotEval;

KefuRobotEval *kefu_robot_eval_new               (void);
void           kefu_robot_eval_free              (KefuRobotEval   *self);
void           kefu_robot_eval_add               (KefuRobotEval   *self,
                                                  const char      *question,
                                                  const char      *expected_group,
                                                  const char      *handoff_group,
                                                  const KefuMatch *match);
gboolean       kefu_robot_eval_run_jsonl         (KefuRobotEval   *self,
                                                  KefuMatcher     *matcher,
                                                  const char      *data,
                                                  gsize            length,
                                                  GError         **error);
double         kefu_robot_eval_accuracy          (const KefuRobotEval *self);
double         kefu_robot_eval_answer_rate       (const KefuRobotEval *self);
double         kefu_robot_eval_wrong_answer_rate (const KefuRobotEval *self);
double         kefu_robot_eval_handoff_rate      (const KefuRobotEval *self);
char          *kefu_robot_eval_format            (const KefuRobotEval *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KefuRobotEval, kefu_robot_eval_free)

G_END_DECLS
