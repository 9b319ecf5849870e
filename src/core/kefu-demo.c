/* kefu-demo.c: a realistic sample shop, for trying Kefu and for tests.
 *
 * Builds ninety days of Lotus Tea House's support history through the same
 * paths real mail takes: customers' messages go through the router in
 * batches (kefu_router_receive_many_async), agents' replies and notes are
 * stored by the router's own reply path inside bulk write jobs, with their
 * times in the past. A batch is built on the caller's thread while the one
 * before it is written, and every batch is a couple of large transactions,
 * so a hundred thousand tickets take minutes, not hours.
 *
 * The same seed gives the same shop; times are relative to when it runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kefu-demo.h"
#include "kefu-demo-private.h"
#include "kefu-identity-normalize.h"
#include "kefu-router-private.h"

#define BATCH_TICKETS   100
#define MAX_IN_FLIGHT   2
#define MINUTE          ((gint64)60 * G_USEC_PER_SEC)
#define HOUR            (60 * MINUTE)
#define DAY             (24 * HOUR)
#define HISTORY_DAYS    90
#define CHINA_OFFSET    (8 * HOUR)
#define NO_CUSTOMER     G_MAXUINT

typedef enum
{
  AGENT_FANG,
  AGENT_MING,
  AGENT_EMILY,
  N_AGENTS,
} DemoAgent;

static const struct {
  const char    *name;
  const char    *email;
  KefuAgentRole  role;
} demo_agents[N_AGENTS] = {
  { "王芳", "fang.wang@lotusteahouse.example", KEFU_AGENT_ROLE_ADMIN },
  { "李明", "ming.li@lotusteahouse.example", KEFU_AGENT_ROLE_AGENT },
  { "Emily Chen", "emily.chen@lotusteahouse.example", KEFU_AGENT_ROLE_AGENT },
};

static const struct {
  KefuChannelKind  kind;
  const char      *name;
  const char      *address;
} demo_accounts[] = {
  { KEFU_CHANNEL_KIND_EMAIL, "Support 客服邮箱", "support@lotusteahouse.example" },
  { KEFU_CHANNEL_KIND_CHAT, "Website chat 在线客服", "https://lotusteahouse.example" },
  { KEFU_CHANNEL_KIND_PHONE, "Shop line 门店电话", "sip:+8657155501234@sip.lotusteahouse.example" },
};

/* A 1×1 PNG: the "photo" customers send of broken teaware. */
static const guint8 demo_photo[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
  0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0xb8, 0x6d, 0xa8, 0x07,
  0x00, 0x03, 0x38, 0x01, 0xc1, 0x42, 0x29, 0xab, 0x5e, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
  0x44, 0xae, 0x42, 0x60, 0x82,
};

typedef struct
{
  DemoLang  lang;
  char     *name;
  char     *first;
  char     *email;
  char     *phone;
  char     *visitor;
  char     *company;
  char     *city;
  gint64    created_at;
} DemoCustomer;

typedef struct
{
  guint     customer;
  guint     channel;
  gboolean  must_close;
  gboolean  waiting;     /* one of today's, not answered yet */
  gint64    start;
} Skeleton;

/* What the reply job does for one ticket once its customer's messages are in. */
typedef struct
{
  KefuChannelKind   channel;
  char             *first_external_id;
  GPtrArray        *outbounds;       /* KefuOutbound; agent_id is a DemoAgent + 1 */
  GArray           *failures;        /* guint: indexes of replies that failed */
  KefuTicketStatus  status;
  gint64            status_at;
  gint64            closed_at;
  KefuPriority      priority;
  int               assignee;        /* a DemoAgent, or -1 */
  gint64            assigned_at;
  char            **tags;
  gint64            due_at;
  gint64            last_message_at;
} TicketPlan;

typedef struct
{
  KefuRouterConfig  config;
  GPtrArray        *plans;
  gint64            agent_ids[N_AGENTS];
} ReplyJob;

typedef struct
{
  KefuRouterConfig  config;
  GPtrArray        *customers;
} SetupJob;

typedef struct
{
  KefuRouter       *router;
  GRand            *rand;
  guint             n_tickets;
  gint64            now;
  GPtrArray        *customers;
  GArray           *skeletons;
  GArray           *pools[3];
  GHashTable       *batch_keys;
  gint64            agent_ids[N_AGENTS];
  guint             next_ticket;
  guint             done_tickets;
  guint             in_flight;
  guint64           n_messages;
  GError           *error;
  KefuDemoProgress  progress;
  gpointer          progress_data;
  GDestroyNotify    progress_data_free;
  guint             last_reported;
} DemoState;

static void
demo_customer_free (DemoCustomer *customer)
{
  g_free (customer->name);
  g_free (customer->first);
  g_free (customer->email);
  g_free (customer->phone);
  g_free (customer->visitor);
  g_free (customer->company);
  g_free (customer->city);
  g_free (customer);
}

static void
ticket_plan_free (TicketPlan *plan)
{
  g_free (plan->first_external_id);
  g_clear_pointer (&plan->outbounds, g_ptr_array_unref);
  g_clear_pointer (&plan->failures, g_array_unref);
  g_strfreev (plan->tags);
  g_free (plan);
}

static void
reply_job_free (ReplyJob *job)
{
  g_free (job->config.default_region);
  g_clear_pointer (&job->plans, g_ptr_array_unref);
  g_free (job);
}

static void
setup_job_free (SetupJob *job)
{
  g_free (job->config.default_region);
  g_clear_pointer (&job->customers, g_ptr_array_unref);
  g_free (job);
}

static void
demo_state_free (DemoState *state)
{
  g_clear_object (&state->router);
  g_clear_pointer (&state->rand, g_rand_free);
  g_clear_pointer (&state->customers, g_ptr_array_unref);
  g_clear_pointer (&state->skeletons, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (state->pools); i++)
    g_clear_pointer (&state->pools[i], g_array_unref);
  g_clear_pointer (&state->batch_keys, g_hash_table_unref);
  g_clear_error (&state->error);
  if (state->progress_data_free != NULL)
    g_clear_pointer (&state->progress_data, state->progress_data_free);
  g_free (state);
}

/* Random helpers; every draw goes through the one GRand, so a seed fixes all. */

static const char *
pick (GRand             *rand,
      const char *const *list)
{
  guint n = g_strv_length ((char **)list);

  return n > 0 ? list[g_rand_int_range (rand, 0, n)] : "";
}

static gboolean
chance (GRand  *rand,
        double  p)
{
  return g_rand_double (rand) < p;
}

static char *
digits (GRand *rand,
        guint  n)
{
  char *text = g_malloc (n + 1);

  for (guint i = 0; i < n; i++)
    text[i] = '0' + g_rand_int_range (rand, 0, 10);
  text[n] = '\0';

  return text;
}

static char *
hex_token (GRand *rand,
           guint  n)
{
  char *text = g_malloc (n + 1);

  for (guint i = 0; i < n; i++)
    text[i] = "0123456789abcdef"[g_rand_int_range (rand, 0, 16)];
  text[n] = '\0';

  return text;
}

/* Gaps between messages spread from minutes to a day, like real replies. */
static gint64
gap (GRand  *rand,
     gint64  min,
     gint64  max)
{
  double u = g_rand_double (rand);

  return min + (gint64)((max - min) * u * u);
}

static char *
ascii_lower (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));

  return g_string_free (out, FALSE);
}

/* Customers: names, addresses and numbers in the forms people write them. */

static char *
make_phone (GRand    *rand,
            DemoLang  lang,
            gboolean  hong_kong,
            guint     region)
{
  g_autofree char *a = digits (rand, 4);
  g_autofree char *b = digits (rand, 4);
  static const char * const us_areas[] = { "415", "212", "604", "416", "617", NULL };

  switch (lang)
    {
    case DEMO_LANG_HANS:
      return g_strdup_printf ("+86 1%d%d %s %s", g_rand_int_range (rand, 3, 10),
                              g_rand_int_range (rand, 0, 10), a, b);
    case DEMO_LANG_HANT:
      if (hong_kong)
        return g_strdup_printf ("+852 %d%.3s %s", "569"[g_rand_int_range (rand, 0, 3)] - '0', a, b);
      return g_strdup_printf ("+886 9%.2s %.3s %.3s", a, b, a + 1);
    case DEMO_LANG_EN:
    case DEMO_N_LANGS:
    default:
      switch (region % 5)
        {
        case 0:
          return g_strdup_printf ("+1 (%s) %d%.2s-%s", pick (rand, us_areas), g_rand_int_range (rand, 2, 10), a, b);
        case 1:
          return g_strdup_printf ("+44 7%.3s %.3s%.3s", a, b, a + 1);
        case 2:
          return g_strdup_printf ("+61 4%.2s %.3s %.3s", a, b, a + 1);
        case 3:
          return g_strdup_printf ("+65 8%.3s %s", a, b);
        default:
          return g_strdup_printf ("+49 151 %s %s", a, b);
        }
    }
}

static DemoCustomer *
make_customer (GRand      *rand,
               gint64      now,
               GHashTable *taken)
{
  DemoCustomer *customer = g_new0 (DemoCustomer, 1);
  const DemoLanguage *language;
  gboolean hong_kong = FALSE;
  guint region = g_rand_int_range (rand, 0, 5);
  g_autofree char *local = NULL;
  const char *domain;
  double u = g_rand_double (rand);

  customer->lang = u < 0.45 ? DEMO_LANG_HANS : u < 0.60 ? DEMO_LANG_HANT : DEMO_LANG_EN;
  language = &_kefu_demo_languages[customer->lang];

  if (customer->lang == DEMO_LANG_EN)
    {
      const char *first = _kefu_demo_first_names[g_rand_int_range (rand, 0, _kefu_demo_n_first_names)];
      const char *last = _kefu_demo_last_names[g_rand_int_range (rand, 0, _kefu_demo_n_last_names)];
      static const char * const domains[] = { "gmail.com", "outlook.com", "icloud.com", "yahoo.co.uk",
                                              "hotmail.com", "proton.me", NULL };
      g_autofree char *f = ascii_lower (first);
      g_autofree char *l = ascii_lower (last);

      customer->name = g_strdup_printf ("%s %s", first, last);
      customer->first = g_strdup (first);
      local = chance (rand, 0.5) ? g_strdup_printf ("%s.%s", f, l) : g_strdup_printf ("%s%s%d", f, l, g_rand_int_range (rand, 1, 99));
      domain = pick (rand, domains);
    }
  else
    {
      const DemoHanName *surname = &_kefu_demo_surnames[g_rand_int_range (rand, 0, _kefu_demo_n_surnames)];
      const DemoHanName *given = &_kefu_demo_given_names[g_rand_int_range (rand, 0, _kefu_demo_n_given_names)];
      gboolean hant = customer->lang == DEMO_LANG_HANT;

      hong_kong = hant && chance (rand, 0.5);
      customer->name = g_strconcat (hant ? surname->hant : surname->hans, hant ? given->hant : given->hans, NULL);
      customer->first = g_strdup (customer->name);
      if (hong_kong)
        {
          static const char * const domains[] = { "netvigator.com", "gmail.com", "hotmail.com", "yahoo.com.hk", NULL };

          local = g_strdup_printf ("%s.%s", given->cantonese, surname->cantonese);
          domain = pick (rand, domains);
        }
      else if (hant)
        {
          static const char * const domains[] = { "gmail.com", "yahoo.com.tw", "hotmail.com", "hinet.net", NULL };

          local = g_strdup_printf ("%s%s%d", surname->latin, given->latin, g_rand_int_range (rand, 1, 999));
          domain = pick (rand, domains);
        }
      else if (chance (rand, 0.3))
        {
          g_autofree char *qq = digits (rand, g_rand_int_range (rand, 6, 10));

          local = g_strdup_printf ("%d%s", g_rand_int_range (rand, 1, 10), qq);
          domain = "qq.com";
        }
      else
        {
          static const char * const domains[] = { "163.com", "126.com", "sina.com", "foxmail.com", "aliyun.com", NULL };

          local = g_strdup_printf ("%s%s%d", surname->latin, given->latin, g_rand_int_range (rand, 1, 99));
          domain = pick (rand, domains);
        }
    }

  if (customer->lang == DEMO_LANG_EN || chance (rand, 0.9))
    {
      char *email = g_strdup_printf ("%s@%s", local, domain);

      while (!g_hash_table_add (taken, g_strdup (email)))
        {
          g_free (email);
          email = g_strdup_printf ("%s%d@%s", local, g_rand_int_range (rand, 100, 10000), domain);
        }
      customer->email = email;
    }

  if (customer->email == NULL || chance (rand, customer->lang == DEMO_LANG_HANS ? 0.5 : 0.3))
    {
      char *phone = make_phone (rand, customer->lang, hong_kong, region);

      /* A few tries for a number nobody has; else this customer has none. */
      for (guint i = 0; phone != NULL && !g_hash_table_add (taken, g_strdup (phone)); i++)
        {
          g_free (phone);
          phone = i < 8 ? make_phone (rand, customer->lang, hong_kong, region) : NULL;
        }
      customer->phone = phone;
    }

  if (chance (rand, 0.35))
    customer->visitor = g_strdup_printf ("v-%s", hex_token (rand, 16));

  if (chance (rand, 0.2))
    customer->company = g_strdup (pick (rand, language->companies));
  customer->city = g_strdup (pick (rand, language->cities));
  customer->created_at = now - HISTORY_DAYS * DAY - g_rand_int_range (rand, 0, 720) * DAY
                         - g_rand_int_range (rand, 0, 86400) * (gint64)G_USEC_PER_SEC;

  return customer;
}

/* inbox (#6): the canned replies the demo shop answers with. */
static const struct {
  const char *title;
  const char *body;
} demo_canned_replies[] = {
  { "Thanks for your patience",
    "Hello {{customer.name|there}},\n\nthank you for your patience. We are looking into {{ticket.number}} and will get back to you today.\n\n{{agent.name|The team}}" },
  { "Parcel shipped",
    "Hello {{customer.name|there}},\n\nyour parcel left our warehouse today; the tracking number follows in a separate mail.\n\n{{agent.name|The team}}" },
  { "Refund on its way",
    "Hello {{customer.name|there}},\n\nwe are sorry about the trouble. The refund for {{ticket.number}} is on its way and takes 3 to 5 working days.\n\n{{agent.name|The team}}" },
  { "已发货",
    "{{customer.name|您}}好！\n\n您的包裹今天已经发出，快递单号稍后另行通知。\n\n{{agent.name|客服团队}}" },
  { "退款处理中",
    "{{customer.name|您}}好！\n\n非常抱歉给您带来不便。工单 {{ticket.number}} 的退款已经提交，三到五个工作日到账。\n\n{{agent.name|客服团队}}" },
};

/* Writer thread: agents, channel accounts and the known customers. */
static gpointer
setup_job (KefuStore     *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (store);
  SetupJob *job = data;
  gint64 *agent_ids = g_new0 (gint64, N_AGENTS);
  g_autofree gint64 *owned = agent_ids;

  for (guint i = 0; i < N_AGENTS; i++)
    {
      KefuAgentFields fields = { 0 };

      fields.name = demo_agents[i].name;
      fields.email = demo_agents[i].email;
      fields.role = demo_agents[i].role;
      fields.created_at = g_get_real_time () - (HISTORY_DAYS + 400 - i * 100) * DAY;
      agent_ids[i] = iface->insert_agent (store, &fields, error);
      if (agent_ids[i] == 0)
        return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_accounts); i++)
    {
      KefuAccountFields fields = { 0 };

      fields.kind = demo_accounts[i].kind;
      fields.name = demo_accounts[i].name;
      fields.address = demo_accounts[i].address;
      fields.config = "{}";
      fields.enabled = TRUE;
      fields.created_at = g_get_real_time () - (HISTORY_DAYS + 400) * DAY;
      if (iface->insert_account (store, &fields, error) == 0)
        return NULL;
    }

  for (guint i = 0; iface->save_canned_reply != NULL && i < G_N_ELEMENTS (demo_canned_replies); i++)
    if (iface->save_canned_reply (store, 0, demo_canned_replies[i].title, demo_canned_replies[i].body,
                                  g_get_real_time (), error) == 0)
      return NULL;

  for (guint i = 0; i < job->customers->len; i++)
    {
      DemoCustomer *customer = g_ptr_array_index (job->customers, i);
      KefuCustomerFields fields = { 0 };
      const struct {
        KefuIdentityKind  kind;
        const char       *raw;
      } identities[] = {
        { KEFU_IDENTITY_KIND_EMAIL, customer->email },
        { KEFU_IDENTITY_KIND_PHONE, customer->phone },
        { KEFU_IDENTITY_KIND_CHAT, customer->visitor },
      };
      gint64 customer_id;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      fields.name = customer->name;
      fields.company = customer->company;
      fields.language = _kefu_demo_languages[customer->lang].language_tag;
      fields.created_at = customer->created_at;
      fields.updated_at = customer->created_at;
      customer_id = iface->insert_customer (store, &fields, error);
      if (customer_id == 0)
        return NULL;

      for (guint j = 0; j < G_N_ELEMENTS (identities); j++)
        {
          KefuIdentityFields identity = { 0 };
          g_autofree char *value = NULL;

          if (identities[j].raw == NULL)
            continue;
          value = kefu_identity_normalize (identities[j].kind, identities[j].raw,
                                           job->config.default_region, error);
          if (value == NULL)
            return NULL;
          identity.customer_id = customer_id;
          identity.kind = identities[j].kind;
          identity.value = value;
          identity.display = identities[j].raw;
          identity.created_at = customer->created_at;
          if (iface->insert_identity (store, &identity, error) == 0)
            return NULL;
        }
    }

  return g_steal_pointer (&owned);
}

/* Writer thread: replies, notes and where each ticket ended up. */
static gboolean
apply_plan (KefuStore         *store,
            ReplyJob          *job,
            TicketPlan        *plan,
            GError           **error)
{
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (store);
  gint64 ticket_id = 0;
  GError *local_error = NULL;
  guint next_failure = 0;

  if (iface->find_external_id (store, plan->channel, plan->first_external_id, &ticket_id, &local_error) == 0 ||
      ticket_id == 0)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_NOT_FOUND,
                     "The sample ticket for %s was not stored.", plan->first_external_id);
      return FALSE;
    }

  if (plan->assignee >= 0 || plan->tags != NULL || plan->priority != KEFU_PRIORITY_NORMAL)
    {
      g_autoptr (KefuTicketChange) change = kefu_ticket_change_new (ticket_id, 0);

      change->what = KEFU_TICKET_CHANGE_PRIORITY | KEFU_TICKET_CHANGE_TAGS | KEFU_TICKET_CHANGE_DUE;
      change->priority = plan->priority;
      change->tags = g_strdupv (plan->tags);
      change->due_at = plan->due_at;
      if (plan->assignee >= 0)
        {
          change->what |= KEFU_TICKET_CHANGE_ASSIGNEE;
          change->assignee_id = job->agent_ids[plan->assignee];
          change->agent_id = job->agent_ids[AGENT_FANG];
        }
      if (!iface->update_ticket (store, change, plan->assigned_at, error))
        return FALSE;
    }

  for (guint i = 0; i < plan->outbounds->len; i++)
    {
      KefuOutbound *outbound = g_ptr_array_index (plan->outbounds, i);
      g_autoptr (KefuMessage) message = NULL;
      gboolean failed;

      outbound->ticket_id = ticket_id;
      outbound->agent_id = job->agent_ids[outbound->agent_id - 1];
      message = _kefu_router_store_reply (store, &job->config, outbound, error);
      if (message == NULL)
        return FALSE;
      if (outbound->direction == KEFU_DIRECTION_NOTE)
        continue;

      failed = next_failure < plan->failures->len && g_array_index (plan->failures, guint, next_failure) == i;
      if (failed)
        next_failure++;
      if (!iface->set_delivery_state (store, kefu_message_get_id (message),
                                      failed ? KEFU_DELIVERY_STATE_FAILED : KEFU_DELIVERY_STATE_SENT,
                                      failed ? (plan->channel == KEFU_CHANNEL_KIND_EMAIL
                                                  ? "550 5.2.2 Mailbox full"
                                                  : "The visitor had left the chat.")
                                             : NULL,
                                      error))
        return FALSE;
    }

  if (plan->status == KEFU_TICKET_STATUS_PENDING ||
      plan->status == KEFU_TICKET_STATUS_RESOLVED ||
      plan->status == KEFU_TICKET_STATUS_CLOSED)
    {
      g_autoptr (KefuTicketChange) change = kefu_ticket_change_new (ticket_id, 0);

      change->what = KEFU_TICKET_CHANGE_STATUS;
      change->status = plan->status == KEFU_TICKET_STATUS_CLOSED ? KEFU_TICKET_STATUS_RESOLVED : plan->status;
      change->agent_id = plan->assignee >= 0 ? job->agent_ids[plan->assignee] : 0;
      if (!iface->update_ticket (store, change, plan->status_at, error))
        return FALSE;

      if (plan->status == KEFU_TICKET_STATUS_CLOSED)
        {
          change->status = KEFU_TICKET_STATUS_CLOSED;
          change->agent_id = 0;
          if (!iface->update_ticket (store, change, plan->closed_at, error))
            return FALSE;
        }
    }

  else
    {
      /* Customers' messages went in before the replies, and each reply's
       * status change set the ticket's time back to it: set it to the last
       * message, as if everything had arrived in order. */
      g_autoptr (KefuTicketChange) change = kefu_ticket_change_new (ticket_id, 0);

      if (!iface->update_ticket (store, change, plan->last_message_at, error))
        return FALSE;
    }

  kefu_store_note_change (store, ticket_id, 0);

  return TRUE;
}

static gpointer
reply_job (KefuStore     *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ReplyJob *job = data;

  for (guint i = 0; i < job->plans->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!apply_plan (store, job, g_ptr_array_index (job->plans, i), error))
        return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

/* Text: a template with the ticket's details filled in. */

typedef struct
{
  const DemoLanguage *language;
  const DemoTopic    *topic;
  const DemoCustomer *customer;
  const char         *name;
  const char         *first;
  char               *order;
  char               *amount;
  const char         *product;
  const char         *teaware;
  char               *tracking;
  const char         *city;
  char               *date;
  char               *qty;
  char               *coupon;
  const char         *company;
  const char         *agent;
} Details;

static void
details_clear (Details *details)
{
  g_free (details->order);
  g_free (details->amount);
  g_free (details->tracking);
  g_free (details->date);
  g_free (details->qty);
  g_free (details->coupon);
}

static char *
format_date (DemoLang lang,
             gint64   usec)
{
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc ((usec + CHINA_OFFSET) / G_USEC_PER_SEC);
  int month = g_date_time_get_month (utc);
  int day = g_date_time_get_day_of_month (utc);

  if (lang == DEMO_LANG_EN)
    return g_strdup_printf ("%s %d", months[month - 1], day);

  return g_strdup_printf ("%d月%d日", month, day);
}

static void
details_init (Details            *details,
              GRand              *rand,
              const DemoCustomer *customer,
              DemoLang            lang,
              gint64              start)
{
  const DemoLanguage *language = &_kefu_demo_languages[lang];
  g_autoptr (GDateTime) ordered = NULL;
  g_autofree char *order_day = NULL;
  g_autofree char *serial = NULL;
  gint64 order_time = start - g_rand_int_range (rand, 1, 12) * DAY;
  int amount = 68 + g_rand_int_range (rand, 0, 60) * 20 + (chance (rand, 0.1) ? 1200 : 0);

  details->language = language;
  details->topic = &language->topics[g_rand_int_range (rand, 0, language->n_topics)];
  details->customer = customer;
  details->name = customer ? customer->name : "";
  details->first = customer ? customer->first : lang == DEMO_LANG_EN ? "there" : "";
  ordered = g_date_time_new_from_unix_utc ((order_time + CHINA_OFFSET) / G_USEC_PER_SEC);
  order_day = g_date_time_format (ordered, "%Y%m%d");
  serial = digits (rand, 4);
  details->order = g_strdup_printf ("LT%s-%s", order_day, serial);
  details->amount = lang == DEMO_LANG_EN ? g_strdup_printf ("¥%d.00 (CNY)", amount)
                                         : g_strdup_printf ("¥%d.00", amount);
  details->product = pick (rand, language->products);
  details->teaware = pick (rand, language->teaware);
  details->tracking = customer && customer->lang != DEMO_LANG_HANS && chance (rand, 0.5)
                    ? g_strdup_printf ("EE%sCN", digits (rand, 9))
                    : g_strdup_printf ("SF%s", digits (rand, 13));
  details->city = customer ? customer->city : pick (rand, language->cities);
  details->date = format_date (lang, order_time + g_rand_int_range (rand, 0, 3) * DAY);
  details->qty = g_strdup_printf ("%d", g_rand_int_range (rand, 2, 30));
  details->coupon = g_strdup_printf ("LOTUS%d", g_rand_int_range (rand, 10, 99));
  details->company = customer && customer->company ? customer->company : pick (rand, language->companies);
}

static char *
expand (const Details *details,
        const char    *template)
{
  GString *out = g_string_new (NULL);
  const char *p = template;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;
      g_autofree char *key = NULL;
      const char *value = NULL;

      if (open == NULL || (close = strchr (open, '}')) == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      key = g_strndup (open + 1, close - open - 1);

      if (g_str_equal (key, "name")) value = details->name;
      else if (g_str_equal (key, "first")) value = details->first;
      else if (g_str_equal (key, "order")) value = details->order;
      else if (g_str_equal (key, "amount")) value = details->amount;
      else if (g_str_equal (key, "product")) value = details->product;
      else if (g_str_equal (key, "teaware")) value = details->teaware;
      else if (g_str_equal (key, "tracking")) value = details->tracking;
      else if (g_str_equal (key, "city")) value = details->city;
      else if (g_str_equal (key, "date")) value = details->date;
      else if (g_str_equal (key, "qty")) value = details->qty;
      else if (g_str_equal (key, "coupon")) value = details->coupon;
      else if (g_str_equal (key, "company")) value = details->company;
      else if (g_str_equal (key, "agent")) value = details->agent;

      g_string_append (out, value ? value : "");
      p = close + 1;
    }

  return g_string_free (out, FALSE);
}

static const char *
pick_or (GRand             *rand,
         const char *const *list,
         const char *const *fallback)
{
  return list[0] != NULL ? pick (rand, list) : pick (rand, fallback);
}

/* A template this ticket has not used yet, if a few tries find one. */
static const char *
pick_fresh (GRand             *rand,
            const char *const *list,
            GHashTable        *used)
{
  const char *template = pick (rand, list);

  for (guint i = 0; i < 4 && g_hash_table_contains (used, template); i++)
    template = pick (rand, list);
  g_hash_table_add (used, (gpointer)template);

  return template;
}

static GBytes *
make_invoice (const Details *details)
{
  g_autofree char *line = g_strdup_printf ("Lotus Tea House - Invoice %s - %s", details->order, details->amount);
  g_autofree char *stream = g_strdup_printf ("BT /F1 14 Tf 72 760 Td (%s) Tj ET", line);
  char *pdf = g_strdup_printf ("%%PDF-1.4\n"
                               "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
                               "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
                               "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                               " /Resources <</Font <</F1 5 0 R>>>>>> endobj\n"
                               "4 0 obj <</Length %" G_GSIZE_FORMAT ">> stream\n%s\nendstream endobj\n"
                               "5 0 obj <</Type /Font /Subtype /Type1 /BaseFont /Helvetica>> endobj\n"
                               "trailer <</Root 1 0 R>>\n%%%%EOF\n",
                               strlen (stream), stream);

  return g_bytes_new_take (pdf, strlen (pdf));
}

static DemoAgent
pick_agent (GRand    *rand,
            DemoLang  lang)
{
  if (lang == DEMO_LANG_EN)
    return chance (rand, 0.7) ? AGENT_EMILY : AGENT_FANG;

  return chance (rand, 0.6) ? AGENT_MING : AGENT_FANG;
}

static guint
message_count (GRand *rand)
{
  guint n = 2;

  /* 2 to 12, about 10 on average. */
  for (guint i = 0; i < 10; i++)
    if (chance (rand, 0.8))
      n++;

  return n;
}

static char *
make_external_id (GRand           *rand,
                  KefuChannelKind  channel,
                  const char      *domain)
{
  g_autofree char *token = hex_token (rand, 20);

  switch (channel)
    {
    case KEFU_CHANNEL_KIND_EMAIL:
      return g_strdup_printf ("<%s@%s>", token, domain);
    case KEFU_CHANNEL_KIND_CHAT:
      return g_strdup_printf ("chat-%s", token);
    case KEFU_CHANNEL_KIND_PHONE:
    default:
      return g_strdup_printf ("%s@sip.lotusteahouse.example", token);
    }
}

/* Builds one ticket's conversation: the customer's messages into @inbounds,
 * the rest into a plan for the reply job. */
static TicketPlan *
build_ticket (DemoState      *state,
              const Skeleton *skeleton,
              GPtrArray      *inbounds)
{
  GRand *rand = state->rand;
  const DemoCustomer *customer = skeleton->customer != NO_CUSTOMER
                               ? g_ptr_array_index (state->customers, skeleton->customer) : NULL;
  KefuChannelKind channel = skeleton->channel;
  DemoLang lang = customer ? customer->lang : (DemoLang)g_rand_int_range (rand, 0, 2);
  const DemoLanguage *language = &_kefu_demo_languages[lang];
  g_autofree char *visitor = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *reply_subject = NULL;
  const char *sender;
  const char *domain;
  KefuIdentityKind sender_kind;
  TicketPlan *plan = g_new0 (TicketPlan, 1);
  Details details = { 0 };
  g_autoptr (GHashTable) used = g_hash_table_new (NULL, NULL);
  DemoAgent agent;
  gboolean answered = FALSE;
  gboolean ends_well;
  gboolean fresh;
  gint64 when = skeleton->start;
  gint64 last = when;
  gint64 limit = state->now - 2 * MINUTE;
  gint64 age;
  guint n;
  GPtrArray *tags;

  if (customer == NULL)
    {
      g_autofree char *token = hex_token (rand, 16);

      visitor = g_strdup_printf ("v-%s", token);
    }

  sender_kind = channel == KEFU_CHANNEL_KIND_EMAIL ? KEFU_IDENTITY_KIND_EMAIL
              : channel == KEFU_CHANNEL_KIND_PHONE ? KEFU_IDENTITY_KIND_PHONE
              : KEFU_IDENTITY_KIND_CHAT;
  sender = customer == NULL ? visitor
         : sender_kind == KEFU_IDENTITY_KIND_EMAIL ? customer->email
         : sender_kind == KEFU_IDENTITY_KIND_PHONE ? customer->phone
         : customer->visitor;
  domain = customer && customer->email ? strchr (customer->email, '@') + 1 : "mail.example";

  details_init (&details, rand, customer, lang, skeleton->start);
  agent = pick_agent (rand, lang);
  details.agent = demo_agents[agent].name;

  plan->channel = channel;
  plan->outbounds = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_outbound_free);
  plan->failures = g_array_new (FALSE, FALSE, sizeof (guint));
  plan->assignee = -1;
  plan->priority = KEFU_PRIORITY_NORMAL;

  subject = expand (&details, pick (rand, details.topic->subjects));
  reply_subject = lang == DEMO_LANG_EN ? g_strdup_printf ("Re: %s", subject) : g_strdup_printf ("回复：%s", subject);

  /* Fresh tickets nobody has answered yet: one or two customer messages. */
  fresh = skeleton->waiting || (state->now - skeleton->start < 2 * DAY && chance (rand, 0.25));
  n = fresh ? (guint)g_rand_int_range (rand, 1, 3) : message_count (rand);
  ends_well = chance (rand, 0.65);

  for (guint i = 0, notes = 0; i < n && when < limit;)
    {
      gboolean last_one = i == n - 1;
      gboolean from_customer = fresh || i % 2 == 0;
      const char *template;
      g_autofree char *text = NULL;

      if (from_customer)
        {
          KefuInbound *inbound = kefu_inbound_new (channel, sender_kind, sender);

          if (i == 0)
            template = pick (rand, details.topic->openings);
          else if (last_one && ends_well && answered)
            template = pick (rand, language->customer_thanks);
          else if (i == 2)
            template = pick_or (rand, details.topic->followups, language->customer_followups);
          else
            template = pick_fresh (rand, language->customer_followups, used);
          text = expand (&details, template);
          if (channel == KEFU_CHANNEL_KIND_PHONE)
            {
              char *spoken = g_strdup_printf (language->voicemail, text);

              g_free (text);
              text = spoken;
            }

          inbound->external_id = make_external_id (rand, channel, domain);
          inbound->sender_name = g_strdup (customer ? customer->name : NULL);
          inbound->text = g_steal_pointer (&text);
          inbound->received_at = when;
          inbound->account_id = 0;
          if (channel == KEFU_CHANNEL_KIND_EMAIL)
            inbound->subject = g_strdup (i == 0 ? subject : reply_subject);
          if (i == 0)
            plan->first_external_id = g_strdup (inbound->external_id);
          else
            inbound->thread_keys = g_strdupv ((char *[]){ plan->first_external_id, NULL });
          if (i == 0 && g_str_equal (details.topic->tag, "damaged") && channel != KEFU_CHANNEL_KIND_PHONE)
            {
              g_autoptr (GBytes) photo = g_bytes_new_static (demo_photo, sizeof demo_photo);
              g_autofree char *filename = g_strdup_printf ("IMG_%04d.png", g_rand_int_range (rand, 1000, 9999));

              kefu_inbound_add_attachment (inbound, kefu_inbound_attachment_new (filename, "image/png", photo));
            }
          g_ptr_array_add (inbounds, inbound);
          plan->last_message_at = when;
          when += channel == KEFU_CHANNEL_KIND_CHAT ? gap (rand, 20 * G_USEC_PER_SEC, 4 * MINUTE)
                : gap (rand, 10 * MINUTE, 20 * HOUR);
        }
      else
        {
          KefuOutbound *outbound;
          gboolean note = !last_one && notes < 3 && chance (rand, 0.12);

          if (note)
            template = pick (rand, lang == DEMO_LANG_EN && agent == AGENT_EMILY ? language->notes
                                                                                : _kefu_demo_languages[DEMO_LANG_HANS].notes);
          else if (!answered)
            template = pick (rand, details.topic->replies);
          else if (last_one && ends_well)
            template = pick (rand, language->agent_closings);
          else
            template = pick_fresh (rand, language->agent_followups, used);
          text = expand (&details, template);
          if (channel == KEFU_CHANNEL_KIND_PHONE && !note)
            {
              char *summary = g_strdup_printf (language->callback, text);

              g_free (text);
              text = summary;
            }

          outbound = kefu_outbound_new (0, note ? KEFU_DIRECTION_NOTE : KEFU_DIRECTION_OUT, text);
          outbound->agent_id = agent + 1;
          outbound->author_name = g_strdup (demo_agents[agent].name);
          outbound->created_at = when;
          if (!note)
            {
              outbound->external_id = make_external_id (rand, channel, "lotusteahouse.example");
              if (channel == KEFU_CHANNEL_KIND_EMAIL)
                outbound->subject = g_strdup (reply_subject);
              if (!answered && (g_str_equal (details.topic->tag, "invoice") ||
                                g_str_equal (details.topic->tag, "wholesale")))
                {
                  g_autoptr (GBytes) pdf = make_invoice (&details);
                  g_autofree char *filename = g_str_equal (details.topic->tag, "invoice")
                                            ? g_strdup_printf ("invoice-%s.pdf", details.order)
                                            : g_strdup ("lotus-tea-house-wholesale-prices.pdf");

                  g_ptr_array_add (outbound->attachments,
                                   kefu_inbound_attachment_new (filename, "application/pdf", pdf));
                }
              if (chance (rand, 0.005) && channel != KEFU_CHANNEL_KIND_PHONE)
                {
                  guint index = plan->outbounds->len;

                  g_array_append_val (plan->failures, index);
                }
              if (!answered)
                plan->assigned_at = when - gap (rand, MINUTE, HOUR);
              answered = TRUE;
            }
          g_ptr_array_add (plan->outbounds, outbound);
          plan->last_message_at = when;
          when += note ? gap (rand, MINUTE, 2 * HOUR)
                : channel == KEFU_CHANNEL_KIND_CHAT ? gap (rand, 20 * G_USEC_PER_SEC, 3 * MINUTE)
                : gap (rand, 30 * MINUTE, 40 * HOUR);
        }
      last = MIN (when, limit);

      /* A note is not a turn of the conversation. */
      if (from_customer || plan->outbounds->len == 0 ||
          ((KefuOutbound *)g_ptr_array_index (plan->outbounds, plan->outbounds->len - 1))->direction != KEFU_DIRECTION_NOTE)
        i++;
      else
        notes++;
    }

  /* Where the ticket ended up, from how the conversation ended and its age. */
  age = state->now - last;
  if (!answered)
    plan->status = KEFU_TICKET_STATUS_NEW;
  else if (skeleton->must_close)
    plan->status = KEFU_TICKET_STATUS_CLOSED;
  else if (ends_well || age > 10 * DAY)
    plan->status = age > 4 * DAY ? KEFU_TICKET_STATUS_CLOSED : KEFU_TICKET_STATUS_RESOLVED;
  else if (n % 2 == 0)
    plan->status = age > 3 * DAY && chance (rand, 0.5) ? KEFU_TICKET_STATUS_RESOLVED : KEFU_TICKET_STATUS_PENDING;
  else
    plan->status = KEFU_TICKET_STATUS_OPEN;
  plan->status_at = MIN (last + gap (rand, MINUTE, HOUR), limit);
  plan->closed_at = plan->status_at + gap (rand, 2 * DAY, 5 * DAY);
  if (plan->closed_at > limit)
    plan->closed_at = plan->status_at + (gint64)((limit - plan->status_at) * g_rand_double (rand));
  if (plan->status == KEFU_TICKET_STATUS_CLOSED && plan->closed_at <= plan->status_at)
    plan->closed_at = plan->status_at + 1;

  if (answered)
    plan->assignee = agent;
  if (plan->assigned_at < skeleton->start)
    plan->assigned_at = skeleton->start + 1;

  if (g_str_equal (details.topic->tag, "damaged"))
    plan->priority = chance (rand, 0.5) ? KEFU_PRIORITY_HIGH : KEFU_PRIORITY_NORMAL;
  else if (chance (rand, 0.03))
    plan->priority = KEFU_PRIORITY_URGENT;
  else if (chance (rand, 0.08))
    plan->priority = KEFU_PRIORITY_HIGH;
  else if (chance (rand, 0.15))
    plan->priority = KEFU_PRIORITY_LOW;

  if (plan->priority >= KEFU_PRIORITY_HIGH && kefu_ticket_status_is_open (plan->status))
    plan->due_at = skeleton->start + (plan->priority == KEFU_PRIORITY_URGENT ? 4 * HOUR : DAY);

  tags = g_ptr_array_new ();
  g_ptr_array_add (tags, g_strdup (details.topic->tag));
  if (lang != DEMO_LANG_HANS && customer != NULL)
    g_ptr_array_add (tags, g_strdup ("international"));
  if (chance (rand, 0.04))
    g_ptr_array_add (tags, g_strdup ("vip"));
  g_ptr_array_add (tags, NULL);
  plan->tags = (char **)g_ptr_array_free (tags, FALSE);

  details_clear (&details);

  return plan;
}

static int
compare_skeletons (gconstpointer a,
                   gconstpointer b)
{
  const Skeleton *x = a;
  const Skeleton *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* Skeletons: who writes on which channel when, decided before any text so
 * that a customer's older ticket on a channel can be closed before the next
 * one starts (else the router would rightly file both in one). */
static void
make_skeletons (DemoState *state)
{
  g_autoptr (GHashTable) latest = g_hash_table_new (g_direct_hash, g_direct_equal);
  static const guint8 hour_weights[24] = { 1, 1, 0, 0, 0, 0, 1, 2, 4, 7, 9, 9, 8, 8, 9, 9, 8, 7, 6, 7, 8, 7, 5, 2 };
  guint weight_total = 0;
  gint64 today = (state->now + CHINA_OFFSET) / DAY * DAY - CHINA_OFFSET;
  guint n_recent = MAX (state->n_tickets / 30, 3);

  for (guint i = 0; i < 24; i++)
    weight_total += hour_weights[i];

  state->skeletons = g_array_sized_new (FALSE, TRUE, sizeof (Skeleton), state->n_tickets);
  for (guint i = 0; i < state->n_tickets; i++)
    {
      Skeleton skeleton = { 0 };
      double u = g_rand_double (state->rand);
      GArray *pool;
      guint w = g_rand_int_range (state->rand, 0, weight_total);
      guint hour = 0;
      guint days;

      skeleton.channel = u < 0.55 ? KEFU_CHANNEL_KIND_EMAIL : u < 0.85 ? KEFU_CHANNEL_KIND_CHAT
                                                                       : KEFU_CHANNEL_KIND_PHONE;
      pool = state->pools[skeleton.channel];
      if (skeleton.channel == KEFU_CHANNEL_KIND_CHAT && chance (state->rand, 0.3))
        skeleton.customer = NO_CUSTOMER;
      else
        {
          /* Skewed towards the first customers: some write often. */
          double v = g_rand_double (state->rand);

          skeleton.customer = g_array_index (pool, guint, (guint)(pool->len * v * (0.4 + 0.6 * v)));
        }

      while (w >= hour_weights[hour])
        w -= hour_weights[hour++];
      /* A shop's inbox always has this week's work in it, whatever the day
       * the sample is made: the first tickets fall in the last three days,
       * and two of today's wait for an answer. */
      skeleton.waiting = i < 2;
      days = skeleton.waiting ? 1 : i < n_recent ? 3 : HISTORY_DAYS;
      skeleton.start = today - g_rand_int_range (state->rand, 0, days) * DAY
                       + hour * HOUR + g_rand_int_range (state->rand, 0, 3600) * (gint64)G_USEC_PER_SEC;
      if (skeleton.start > state->now - 5 * MINUTE)
        skeleton.start = state->now - g_rand_int_range (state->rand, 5, 600) * MINUTE;
      g_array_append_val (state->skeletons, skeleton);
    }

  g_array_sort (state->skeletons, compare_skeletons);

  /* Walking back from the newest, every ticket but a customer's latest on a
   * channel is closed. */
  for (guint i = state->skeletons->len; i > 0; i--)
    {
      Skeleton *skeleton = &g_array_index (state->skeletons, Skeleton, i - 1);
      gpointer key = GUINT_TO_POINTER (skeleton->customer * 4 + skeleton->channel + 1);

      if (skeleton->customer == NO_CUSTOMER)
        continue;
      skeleton->must_close = !g_hash_table_add (latest, key);
    }
}

static void pump (GTask *task);

static void
report_progress (DemoState *state)
{
  guint step;

  if (state->progress == NULL || state->n_tickets == 0)
    return;

  /* Every 5%, and at the end. */
  step = (guint)((guint64)state->done_tickets * 20 / state->n_tickets);
  if (step > state->last_reported || state->done_tickets == state->n_tickets)
    {
      state->last_reported = step;
      state->progress (state->done_tickets, state->n_tickets, state->progress_data);
    }
}

static void
finish_if_done (GTask *task)
{
  DemoState *state = g_task_get_task_data (task);

  if (state->in_flight > 0)
    return;

  if (state->error != NULL)
    g_task_return_error (task, g_steal_pointer (&state->error));
  else if (state->done_tickets == state->n_tickets)
    g_task_return_boolean (task, TRUE);
}

static void
receive_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  DemoState *state = g_task_get_task_data (task);
  g_autoptr (GPtrArray) deliveries = NULL;
  GError *error = NULL;

  deliveries = kefu_router_receive_many_finish (KEFU_ROUTER (object), result, &error);
  if (deliveries == NULL && state->error == NULL)
    state->error = error;
  else
    g_clear_error (&error);
}

typedef struct
{
  GTask *task;
  guint  n_tickets;
} BatchRef;

static void
replies_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree BatchRef *ref = user_data;
  g_autoptr (GTask) task = ref->task;
  DemoState *state = g_task_get_task_data (task);
  GError *error = NULL;

  state->in_flight--;
  if (kefu_store_job_finish (KEFU_STORE (object), result, &error) == NULL)
    {
      if (state->error == NULL)
        state->error = error;
      else
        g_clear_error (&error);
    }
  else
    {
      state->done_tickets += ref->n_tickets;
      report_progress (state);
    }

  if (state->error == NULL)
    pump (task);
  finish_if_done (task);
}

/* Builds and queues batches until MAX_IN_FLIGHT are on the writer. */
static void
pump (GTask *task)
{
  DemoState *state = g_task_get_task_data (task);
  KefuStore *store = kefu_router_get_store (state->router);

  while (state->in_flight < MAX_IN_FLIGHT && state->next_ticket < state->n_tickets && state->error == NULL)
    {
      g_autoptr (GPtrArray) inbounds = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_inbound_free);
      ReplyJob *job = g_new0 (ReplyJob, 1);
      BatchRef *ref = g_new0 (BatchRef, 1);

      job->config.default_region = g_strdup (kefu_router_get_default_region (state->router));
      job->config.max_attachment_size = kefu_router_get_max_attachment_size (state->router);
      job->plans = g_ptr_array_new_with_free_func ((GDestroyNotify)ticket_plan_free);
      memcpy (job->agent_ids, state->agent_ids, sizeof job->agent_ids);

      g_hash_table_remove_all (state->batch_keys);
      while (state->next_ticket < state->n_tickets && job->plans->len < BATCH_TICKETS)
        {
          const Skeleton *skeleton = &g_array_index (state->skeletons, Skeleton, state->next_ticket);
          TicketPlan *plan;

          /* A customer's next ticket on a channel waits for the batch that closes the last. */
          if (skeleton->customer != NO_CUSTOMER &&
              !g_hash_table_add (state->batch_keys, GUINT_TO_POINTER (skeleton->customer * 4 + skeleton->channel + 1)))
            break;

          plan = build_ticket (state, skeleton, inbounds);
          state->n_messages += plan->outbounds->len;
          g_ptr_array_add (job->plans, plan);
          state->next_ticket++;
        }
      state->n_messages += inbounds->len;

      ref->task = g_object_ref (task);
      ref->n_tickets = job->plans->len;
      state->in_flight++;
      kefu_router_receive_many_async (state->router, inbounds, NULL, NULL,
                                      g_task_get_cancellable (task), receive_cb, g_object_ref (task));
      kefu_store_write_async (store, reply_job, job, (GDestroyNotify)reply_job_free, NULL,
                              g_task_get_cancellable (task), replies_cb, ref);
    }
}

static void
setup_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  DemoState *state = g_task_get_task_data (task);
  g_autofree gint64 *agent_ids = NULL;
  GError *error = NULL;

  agent_ids = kefu_store_job_finish (KEFU_STORE (object), result, &error);
  if (agent_ids == NULL)
    {
      g_prefix_error (&error, _("Could not create the sample shop: "));
      g_task_return_error (task, error);
      return;
    }

  memcpy (state->agent_ids, agent_ids, sizeof state->agent_ids);
  make_skeletons (state);
  report_progress (state);
  pump (task);
  finish_if_done (task);
}

/**
 * kefu_demo_generate_full_async:
 * @n_tickets: how many tickets; messages are about ten times as many
 * @seed: the same seed gives the same shop
 * @progress: (nullable) (scope notified): called on this thread as batches
 *   are written, every 5% of @n_tickets
 *
 * Fills @router's store with Lotus Tea House's last ninety days: agents,
 * channel accounts, customers writing in Chinese (simplified and
 * traditional) and English, and tickets on e-mail, chat and phone with
 * replies, notes, attachments, assignments, tags and every status. Meant
 * for an empty store. Call from the thread that runs the store's callbacks.
 */
void
kefu_demo_generate_full_async (KefuRouter          *router,
                               guint                n_tickets,
                               guint32              seed,
                               KefuDemoProgress     progress,
                               gpointer             progress_data,
                               GDestroyNotify       progress_data_free,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) taken = NULL;
  DemoState *state;
  SetupJob *job;
  guint n_customers;

  g_return_if_fail (KEFU_IS_ROUTER (router));

  task = g_task_new (router, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_demo_generate_full_async);

  state = g_new0 (DemoState, 1);
  state->router = g_object_ref (router);
  state->rand = g_rand_new_with_seed (seed);
  state->n_tickets = n_tickets;
  /* Whole minutes, so that two runs in the same minute agree exactly. */
  state->now = g_get_real_time () / MINUTE * MINUTE;
  state->progress = progress;
  state->progress_data = progress_data;
  state->progress_data_free = progress_data_free;
  state->batch_keys = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_task_set_task_data (task, state, (GDestroyNotify)demo_state_free);

  /* Enough customers that most write once or twice and a few write often. */
  n_customers = MAX (12, n_tickets * 3 / 10);
  taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->customers = g_ptr_array_new_with_free_func ((GDestroyNotify)demo_customer_free);
  for (guint i = 0; i < G_N_ELEMENTS (state->pools); i++)
    state->pools[i] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n_customers; i++)
    {
      DemoCustomer *customer = make_customer (state->rand, state->now, taken);

      if (customer->email != NULL)
        g_array_append_val (state->pools[KEFU_CHANNEL_KIND_EMAIL], i);
      if (customer->phone != NULL)
        g_array_append_val (state->pools[KEFU_CHANNEL_KIND_PHONE], i);
      if (customer->visitor != NULL)
        g_array_append_val (state->pools[KEFU_CHANNEL_KIND_CHAT], i);
      g_ptr_array_add (state->customers, customer);
    }

  /* Every channel needs someone to write on it. */
  for (guint i = 0; i < G_N_ELEMENTS (state->pools); i++)
    if (state->pools[i]->len == 0)
      {
        DemoCustomer *customer = g_ptr_array_index (state->customers, i);
        guint index = i;

        if (i == KEFU_CHANNEL_KIND_PHONE)
          customer->phone = g_strdup_printf ("+86 139 5550 %04u", 1000 + i);
        else if (i == KEFU_CHANNEL_KIND_CHAT)
          customer->visitor = g_strdup_printf ("v-demo%u", i);
        else
          customer->email = g_strdup_printf ("customer%u@example.com", i);
        g_array_append_val (state->pools[i], index);
      }

  job = g_new0 (SetupJob, 1);
  job->config.default_region = g_strdup (kefu_router_get_default_region (router));
  job->customers = g_ptr_array_ref (state->customers);
  kefu_store_write_async (kefu_router_get_store (router), setup_job, job, (GDestroyNotify)setup_job_free,
                          g_free, cancellable, setup_cb, g_steal_pointer (&task));
}

/**
 * kefu_demo_generate_async:
 *
 * kefu_demo_generate_full_async() without progress reports.
 */
void
kefu_demo_generate_async (KefuRouter          *router,
                          guint                n_tickets,
                          guint32              seed,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  kefu_demo_generate_full_async (router, n_tickets, seed, NULL, NULL, NULL,
                                 cancellable, callback, user_data);
}

/**
 * kefu_demo_generate_finish:
 * @n_messages: (out) (optional): how many messages were written
 *
 * Returns: whether the whole sample was written; on error, what was written
 *   so far stays (each batch is its own transaction)
 */
gboolean
kefu_demo_generate_finish (KefuRouter    *router,
                           GAsyncResult  *result,
                           guint64       *n_messages,
                           GError       **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_is_valid (result, router), FALSE);

  if (!g_task_propagate_boolean (task, error))
    return FALSE;

  if (n_messages != NULL)
    *n_messages = ((DemoState *)g_task_get_task_data (task))->n_messages;

  return TRUE;
}
