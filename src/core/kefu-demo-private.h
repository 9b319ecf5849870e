/* kefu-demo-private.h: the sample shop's word lists and message templates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DEMO_LANG_EN,
  DEMO_LANG_HANS,
  DEMO_LANG_HANT,
  DEMO_N_LANGS,
} DemoLang;

/* One kind of request, in one language. Templates use {placeholders}:
 * {name} {first} {order} {amount} {product} {teaware} {tracking} {city}
 * {date} {qty} {coupon} {company} {agent}. Lists end with NULL. */
typedef struct
{
  const char *tag;
  const char *subjects[4];
  const char *openings[4];
  const char *replies[4];
  const char *followups[4];
} DemoTopic;

typedef struct
{
  const DemoTopic   *topics;
  guint              n_topics;
  const char *const *customer_followups;
  const char *const *agent_followups;
  const char *const *customer_thanks;
  const char *const *agent_closings;
  const char *const *notes;
  const char *const *products;
  const char *const *teaware;
  const char *const *cities;
  const char *const *companies;
  const char        *voicemail;       /* "%s" is the caller's words */
  const char        *callback;        /* agent's call summary, "%s" is the words */
  const char        *language_tag;
} DemoLanguage;

typedef struct
{
  const char *hans;
  const char *hant;
  const char *latin;      /* pinyin, for e-mail addresses */
  const char *cantonese;  /* Hong Kong romanisation */
} DemoHanName;

extern const DemoLanguage  _kefu_demo_languages[DEMO_N_LANGS];
extern const DemoHanName   _kefu_demo_surnames[];
extern const guint         _kefu_demo_n_surnames;
extern const DemoHanName   _kefu_demo_given_names[];
extern const guint         _kefu_demo_n_given_names;
extern const char *const   _kefu_demo_first_names[];
extern const guint         _kefu_demo_n_first_names;
extern const char *const   _kefu_demo_last_names[];
extern const guint         _kefu_demo_n_last_names;

G_END_DECLS
