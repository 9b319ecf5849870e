/* kefu-matcher.h: finding the knowledge-base answer to a message, or knowing there is none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-knowledge-base.h"
#include "kefu-match.h"
#include "kefu-text-analyzer.h"

G_BEGIN_DECLS

/* The defaults of the "min-confidence" and "min-margin" properties, which
 * the robot reads from the settings "robot-min-confidence" and
 * "robot-min-margin". */
#define KEFU_MATCHER_DEFAULT_MIN_CONFIDENCE (0.34)
#define KEFU_MATCHER_DEFAULT_MIN_MARGIN     (0.10)

#define KEFU_TYPE_MATCHER (kefu_matcher_get_type ())
G_DECLARE_FINAL_TYPE (KefuMatcher, kefu_matcher, KEFU, MATCHER, GObject)

KefuMatcher *kefu_matcher_new                (KefuKnowledgeBase *knowledge_base);
void         kefu_matcher_rebuild            (KefuMatcher       *self);
KefuKnowledgeBase *kefu_matcher_get_knowledge_base (KefuMatcher *self);
double       kefu_matcher_get_min_confidence (KefuMatcher       *self);
void         kefu_matcher_set_min_confidence (KefuMatcher       *self,
                                              double             min_confidence);
double       kefu_matcher_get_min_margin     (KefuMatcher       *self);
void         kefu_matcher_set_min_margin     (KefuMatcher       *self,
                                              double             min_margin);
KefuMatch   *kefu_matcher_match              (KefuMatcher       *self,
                                              const char        *text);
GPtrArray   *kefu_matcher_suggest            (KefuMatcher       *self,
                                              const char        *text,
                                              const char        *lang,
                                              guint              max_results);

G_END_DECLS
