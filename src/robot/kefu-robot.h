/* kefu-robot.h: the robot that reads every inbound message and answers, suggests or hands off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-business-hours.h"
#include "kefu-matcher.h"
#include "kefu-router.h"
#include "kefu-rules.h"

G_BEGIN_DECLS

/* What the robot did with one inbound message ("handled" signal). */
typedef enum
{
  KEFU_ROBOT_OUTCOME_IGNORED,     /* not for the robot: automatic mail, a call, robot switched off */
  KEFU_ROBOT_OUTCOME_ANSWERED,    /* a robot message was sent to the customer */
  KEFU_ROBOT_OUTCOME_SUGGESTED,   /* an answer waits for an agent as a note (email, not confident enough to send) */
  KEFU_ROBOT_OUTCOME_HANDED_OFF,  /* the customer asked for a person, or a rule said so */
  KEFU_ROBOT_OUTCOME_ABSTAINED,   /* no answer the robot is sure of: the ticket waits for a person */
} KefuRobotOutcome;

/* The tag a handed-off ticket gets, for the inbox to show. */
#define KEFU_ROBOT_HANDOFF_TAG "handoff"
/* Settings the robot reads besides those in kefu-store-kb.h. */
#define KEFU_ROBOT_SETTING_ENABLED          "robot-enabled"
#define KEFU_ROBOT_SETTING_EMAIL_AUTO_SEND  "robot-email-auto-send"

#define KEFU_TYPE_ROBOT (kefu_robot_get_type ())
G_DECLARE_FINAL_TYPE (KefuRobot, kefu_robot, KEFU, ROBOT, GObject)

KefuRobot         *kefu_robot_new                  (KefuRouter          *router);
void               kefu_robot_load_async           (KefuRobot           *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean           kefu_robot_load_finish          (KefuRobot           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
KefuMatcher       *kefu_robot_get_matcher          (KefuRobot           *self);
void               kefu_robot_set_knowledge_base   (KefuRobot           *self,
                                                    KefuKnowledgeBase   *knowledge_base);
void               kefu_robot_set_rules            (KefuRobot           *self,
                                                    KefuRules           *rules);
void               kefu_robot_set_business_hours   (KefuRobot           *self,
                                                    KefuBusinessHours   *hours);
void               kefu_robot_set_enabled          (KefuRobot           *self,
                                                    gboolean             enabled);
void               kefu_robot_set_email_auto_send  (KefuRobot           *self,
                                                    gint64               account_id,
                                                    gboolean             auto_send);
const char        *kefu_robot_get_feedback_question (const char         *lang);
char              *kefu_robot_dup_voice_menu_text  (KefuRobot           *self,
                                                    char                 digit,
                                                    const char          *caller_number);

G_END_DECLS
