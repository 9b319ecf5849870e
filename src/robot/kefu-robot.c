/* kefu-robot.c: the robot that reads every inbound message and answers, suggests or hands off.
 *
 * The router stores an inbound message and emits KefuRouter::received; the
 * robot listens there (the core never calls up into src/robot). For each
 * new customer message it reads the message and its ticket on a store
 * thread, runs the shop's rules, then, unless a rule already replied or
 * handed off, asks the matcher:
 *
 * - chat: a confident answer goes out at once as a robot message, with
 *   "did this help?"; a "no" to that, a request for a person or a rule's
 *   hand-off sends nothing but tags the ticket "handoff" and leaves a note
 *   for the agents;
 * - email: per account, a confident answer is either sent (the email
 *   channel marks direction ROBOT mail as automatic, RFC 3834) or left as
 *   a note suggesting it to the agent;
 * - phone: nothing here; the voice menu asks the matcher itself.
 *
 * Replies are KEFU_DIRECTION_ROBOT messages sent through the router, so
 * they are stored in the ticket and reports can count them. The robot never
 * answers its own messages (the router only announces inbound ones), mail
 * that says it is automatic, or an email ticket it already answered since
 * an agent last wrote, so two robots cannot keep each other busy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "kefu-robot.h"
#include "kefu-store-kb.h"
#include "kefu-voice-menu.h"

struct _KefuRobot
{
  GObject            parent_instance;

  /* owned */
  KefuRouter        *router;
  KefuKnowledgeBase *knowledge_base;
  KefuMatcher       *matcher;
  KefuRules         *rules;
  KefuBusinessHours *hours;
  GHashTable        *email_auto_send;   /* account id (gint64*) set */
  GCancellable      *cancellable;
  gulong             received_id;
  guint              load_serial;     /* of the latest kefu_robot_load_async () */
  gboolean           enabled;
};

G_DEFINE_FINAL_TYPE (KefuRobot, kefu_robot, G_TYPE_OBJECT)

enum {
  HANDLED,
  NOTIFY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Asked after every chat answer, in the language of the answer. These are
 * written to customers, so they follow the customer's language, not the
 * agent's locale. */
static const struct {
  const char *lang;
  const char *text;
} feedback_questions[] = {
  { "zh-Hans", "这个回答有帮助吗？如果没有，回复“人工”即可转接客服。" },
  { "zh-Hant", "這個回答有幫助嗎？如果沒有，回覆「人工」即可轉接客服。" },
  { "en", "Did this answer your question? If not, just reply “person” and a colleague will take over." },
};

typedef struct
{
  gint64 ticket_id;
  gint64 message_id;
} FetchData;

typedef struct
{
  KefuTicket  *ticket;
  KefuMessage *message;
  GPtrArray   *messages;    /* KefuMessage, the whole ticket */
} Fetched;

static void
fetched_free (Fetched *fetched)
{
  g_clear_object (&fetched->ticket);
  g_clear_object (&fetched->message);
  g_clear_pointer (&fetched->messages, g_ptr_array_unref);
  g_free (fetched);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetched, fetched_free)

/* One message's work in flight: the writes it started and what to say
 * when they are all done. */
typedef struct
{
  KefuRobot        *self;
  gint64            ticket_id;
  KefuRobotOutcome  outcome;
  KefuMatch        *match;
  guint             pending;
} Handling;

static void
handling_unref_pending (Handling *handling)
{
  if (--handling->pending > 0)
    return;

  g_signal_emit (handling->self, signals[HANDLED], 0,
                 handling->ticket_id, (int)handling->outcome, handling->match);
  g_object_unref (handling->self);
  g_clear_pointer (&handling->match, kefu_match_free);
  g_free (handling);
}

static gpointer
fetch_job (KefuStore     *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (store);
  FetchData *fetch = data;
  g_autoptr (Fetched) fetched = g_new0 (Fetched, 1);

  fetched->message = iface->get_message (store, fetch->message_id, error);
  if (fetched->message == NULL)
    return NULL;
  fetched->ticket = iface->get_ticket (store, fetch->ticket_id, error);
  if (fetched->ticket == NULL)
    return NULL;
  fetched->messages = iface->list_messages (store, fetch->ticket_id, error);
  if (fetched->messages == NULL)
    return NULL;

  return g_steal_pointer (&fetched);
}

static gboolean
is_automatic (KefuMessage *message)
{
  static GRegex *subject_regex;
  static GRegex *sender_regex;
  const char *subject = kefu_message_get_subject (message);
  const char *sender = kefu_message_get_author_address (message);

  if (g_once_init_enter (&subject_regex))
    g_once_init_leave (&subject_regex,
                       g_regex_new ("^\\s*(?:auto(?:matic)?[ -]?reply|auto:|out of (?:the )?office|"
                                    "undeliverable|delivery status notification|"
                                    "自动回复|自動回覆|自动答复|休假)",
                                    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  if (g_once_init_enter (&sender_regex))
    g_once_init_leave (&sender_regex,
                       g_regex_new ("^(?:mailer-daemon|postmaster|no-?reply|do-?not-?reply)@",
                                    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));

  return (subject != NULL && g_regex_match (subject_regex, subject, 0, NULL)) ||
         (sender != NULL && g_regex_match (sender_regex, sender, 0, NULL));
}

/* "No", "that didn't help", "没用": the customer's answer to "did this help?". */
static gboolean
is_negative_feedback (const char *text)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex,
                       g_regex_new ("^\\W*(?:no|nope|not really|not helpful|didn'?t help|doesn'?t help|"
                                    "that'?s not (?:it|what i asked)|"
                                    "不是|没用|沒用|没有帮助|沒有幫助|不对|不對|没解决|沒解決)\\b",
                                    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));

  return text != NULL && g_regex_match (regex, text, 0, NULL);
}

/* The message before @message in its ticket, or NULL. */
static KefuMessage *
previous_message (GPtrArray   *messages,
                  KefuMessage *message)
{
  KefuMessage *previous = NULL;

  for (guint i = 0; i < messages->len; i++)
    {
      KefuMessage *item = g_ptr_array_index (messages, i);

      if (kefu_message_get_id (item) == kefu_message_get_id (message))
        break;
      previous = item;
    }

  return previous;
}

/* Whether the robot wrote to the customer since an agent last did. */
static gboolean
robot_replied_since_agent (GPtrArray   *messages,
                           KefuMessage *message)
{
  for (guint i = 0; i < messages->len; i++)
    {
      KefuMessage *item = g_ptr_array_index (messages, i);

      if (kefu_message_get_id (item) == kefu_message_get_id (message))
        break;
      if (kefu_message_get_direction (item) == KEFU_DIRECTION_ROBOT)
        return TRUE;
    }

  return FALSE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Handling *handling = user_data;
  g_autoptr (KefuMessage) message = NULL;
  g_autoptr (GError) error = NULL;

  message = kefu_router_send_finish (KEFU_ROUTER (object), result, &error);
  if (message == NULL)
    g_debug ("The robot could not write to ticket %" G_GINT64_FORMAT ": %s",
             handling->ticket_id, error->message);

  handling_unref_pending (handling);
}

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Handling *handling = user_data;
  g_autoptr (KefuTicket) ticket = NULL;
  g_autoptr (GError) error = NULL;

  ticket = kefu_store_update_ticket_finish (KEFU_STORE (object), result, &error);
  if (ticket == NULL)
    g_debug ("The robot could not change ticket %" G_GINT64_FORMAT ": %s",
             handling->ticket_id, error->message);

  handling_unref_pending (handling);
}

static void
send (Handling      *handling,
      KefuOutbound  *outbound)
{
  handling->pending++;
  kefu_router_send_async (handling->self->router, outbound, handling->self->cancellable,
                          send_cb, handling);
}

static void
send_robot_message (Handling    *handling,
                    KefuMessage *inbound,
                    const char  *text)
{
  g_autoptr (KefuOutbound) outbound = kefu_outbound_new (handling->ticket_id, KEFU_DIRECTION_ROBOT, text);
  const char *subject = kefu_message_get_subject (inbound);

  outbound->channel = kefu_message_get_channel (inbound);
  outbound->account_id = kefu_message_get_account_id (inbound);
  if (subject != NULL && *subject != '\0')
    outbound->subject = g_ascii_strncasecmp (subject, "re:", 3) == 0 ? g_strdup (subject)
                                                                      : g_strconcat ("Re: ", subject, NULL);
  send (handling, outbound);
}

static void
send_note (Handling   *handling,
           const char *text)
{
  g_autoptr (KefuOutbound) outbound = kefu_outbound_new (handling->ticket_id, KEFU_DIRECTION_NOTE, text);

  outbound->author_name = g_strdup (_("Robot"));
  send (handling, outbound);
}

static void
add_tag (GPtrArray  *tags,
         const char *tag)
{
  for (guint i = 0; i < tags->len; i++)
    if (g_str_equal (g_ptr_array_index (tags, i), tag))
      return;

  g_ptr_array_add (tags, g_strdup (tag));
}

static char *
match_text (KefuMessage *message)
{
  const char *subject = kefu_message_get_subject (message);
  const char *text = kefu_message_get_text (message);

  /* A subject says what the mail is about; "Re:" and the like do not. */
  if (kefu_message_get_channel (message) == KEFU_CHANNEL_KIND_EMAIL && subject != NULL &&
      !g_regex_match_simple ("^\\s*(?:re|fw|fwd|回复|答复|转发)\\s*[:：]", subject, G_REGEX_CASELESS, 0))
    return g_strconcat (subject, "\n", text ? text : "", NULL);

  return g_strdup (text ? text : "");
}

static void
handle (KefuRobot *self,
        Fetched   *fetched)
{
  KefuMessage *message = fetched->message;
  KefuChannelKind channel = kefu_message_get_channel (message);
  g_autoptr (KefuTicketChange) change = kefu_ticket_change_new (kefu_ticket_get_id (fetched->ticket), 0);
  g_autoptr (GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) actions = NULL;
  g_autofree char *text = match_text (message);
  g_autofree char *handoff_reason = NULL;
  const char *const *old_tags = kefu_ticket_get_tags (fetched->ticket);
  KefuRuleInput input = { 0 };
  KefuMessage *previous;
  gboolean replied = FALSE;
  gboolean handoff = FALSE;
  Handling *handling;

  handling = g_new0 (Handling, 1);
  handling->self = g_object_ref (self);
  handling->ticket_id = kefu_ticket_get_id (fetched->ticket);
  handling->outcome = KEFU_ROBOT_OUTCOME_IGNORED;
  /* Held until everything below is started, so "handled" comes last. */
  handling->pending = 1;

  if (!self->enabled || kefu_message_get_direction (message) != KEFU_DIRECTION_IN || is_automatic (message))
    {
      handling_unref_pending (handling);
      return;
    }

  for (guint i = 0; old_tags != NULL && old_tags[i] != NULL; i++)
    add_tag (tags, old_tags[i]);

  input.channel = channel;
  input.account_id = kefu_message_get_account_id (message);
  input.text = text;
  input.tags = old_tags;
  input.now = kefu_message_get_created_at (message);
  input.hours = self->hours;
  actions = kefu_rules_evaluate (self->rules, &input, NULL);

  for (guint i = 0; i < actions->len; i++)
    {
      const KefuRuleAction *action = &g_array_index (actions, KefuRuleAction, i);

      switch (action->kind)
        {
        case KEFU_RULE_ACTION_REPLY:
          {
            g_autofree char *reply = kefu_rule_expand_template (action->text,
                                                                kefu_ticket_get_customer_name (fetched->ticket),
                                                                kefu_ticket_get_number (fetched->ticket));

            send_robot_message (handling, message, reply);
            replied = TRUE;
          }
          break;
        case KEFU_RULE_ACTION_TAG:
          add_tag (tags, action->text);
          change->what |= KEFU_TICKET_CHANGE_TAGS;
          break;
        case KEFU_RULE_ACTION_PRIORITY:
          change->what |= KEFU_TICKET_CHANGE_PRIORITY;
          change->priority = action->number;
          break;
        case KEFU_RULE_ACTION_ASSIGN:
          change->what |= KEFU_TICKET_CHANGE_ASSIGNEE;
          change->assignee_id = action->number;
          break;
        case KEFU_RULE_ACTION_STATUS:
          change->what |= KEFU_TICKET_CHANGE_STATUS;
          change->status = action->number;
          break;
        case KEFU_RULE_ACTION_HANDOFF:
          handoff = TRUE;
          g_free (handoff_reason);
          handoff_reason = g_strdup (action->text);
          break;
        case KEFU_RULE_ACTION_NOTIFY:
          g_signal_emit (self, signals[NOTIFY], 0, handling->ticket_id, action->text);
          break;
        default:
          break;
        }
    }

  if (replied)
    handling->outcome = KEFU_ROBOT_OUTCOME_ANSWERED;

  previous = previous_message (fetched->messages, message);
  if (!replied && !handoff && channel == KEFU_CHANNEL_KIND_CHAT && previous != NULL &&
      kefu_message_get_direction (previous) == KEFU_DIRECTION_ROBOT && is_negative_feedback (text))
    {
      handoff = TRUE;
      handoff_reason = g_strdup (_("the robot's answer did not help"));
    }

  if (!replied && !handoff && channel != KEFU_CHANNEL_KIND_PHONE)
    {
      g_autoptr (KefuMatch) match = kefu_matcher_match (self->matcher, text);

      switch (match->outcome)
        {
        case KEFU_MATCH_HANDOFF:
          handoff = TRUE;
          /* No robot answer to that: the agent who takes over writes first. */
          handoff_reason = g_strdup (_("the customer asked for a person"));
          break;
        case KEFU_MATCH_ANSWER:
          if (channel == KEFU_CHANNEL_KIND_CHAT)
            {
              g_autofree char *reply = g_strconcat (match->entry->answer, "\n\n",
                                                    kefu_robot_get_feedback_question (match->entry->lang), NULL);

              send_robot_message (handling, message, reply);
              handling->outcome = KEFU_ROBOT_OUTCOME_ANSWERED;
            }
          else if (g_hash_table_contains (self->email_auto_send, &input.account_id) &&
                   !robot_replied_since_agent (fetched->messages, message))
            {
              send_robot_message (handling, message, match->entry->answer);
              handling->outcome = KEFU_ROBOT_OUTCOME_ANSWERED;
            }
          else
            {
              g_autofree char *note = NULL;

              /* Translators: %1$s is a knowledge-base entry id, %2$d a percentage, %3$s the answer */
              note = g_strdup_printf (_("The robot suggests this answer (%1$s, %2$d%% sure):\n\n%3$s"),
                                      match->entry->id, (int)(match->confidence * 100 + 0.5),
                                      match->entry->answer);
              send_note (handling, note);
              handling->outcome = KEFU_ROBOT_OUTCOME_SUGGESTED;
            }
          break;
        case KEFU_MATCH_ABSTAIN:
        default:
          handling->outcome = KEFU_ROBOT_OUTCOME_ABSTAINED;
          break;
        }
      handling->match = g_steal_pointer (&match);
    }

  if (handoff)
    {
      g_autofree char *note = NULL;

      handling->outcome = KEFU_ROBOT_OUTCOME_HANDED_OFF;
      add_tag (tags, KEFU_ROBOT_HANDOFF_TAG);
      change->what |= KEFU_TICKET_CHANGE_TAGS;
      /* Translators: %s says why, e.g. "the customer asked for a person" */
      note = g_strdup_printf (_("The robot handed this conversation to a person: %s."),
                              handoff_reason ? handoff_reason : _("a rule said so"));
      send_note (handling, note);
    }

  if (change->what != 0)
    {
      if (change->what & KEFU_TICKET_CHANGE_TAGS)
        {
          g_ptr_array_add (tags, NULL);
          change->tags = (char **)g_ptr_array_steal (tags, NULL);
        }
      handling->pending++;
      kefu_store_update_ticket_async (kefu_router_get_store (self->router), change, self->cancellable,
                                      update_cb, handling);
    }

  handling_unref_pending (handling);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (KefuRobot) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (Fetched) fetched = NULL;

  fetched = kefu_store_job_finish (KEFU_STORE (object), result, &error);
  if (fetched == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The robot could not read a new message: %s", error->message);
      return;
    }

  handle (self, fetched);
}

static void
on_router_received (KefuRouter         *router,
                    const KefuDelivery *delivery,
                    KefuRobot          *self)
{
  FetchData *fetch;

  if (delivery->duplicate || delivery->message_id == 0)
    return;

  fetch = g_new0 (FetchData, 1);
  fetch->ticket_id = delivery->ticket_id;
  fetch->message_id = delivery->message_id;
  kefu_store_read_async (kefu_router_get_store (router), fetch_job, fetch, g_free,
                         (GDestroyNotify)fetched_free, self->cancellable, fetch_cb, g_object_ref (self));
}

static void
kefu_robot_dispose (GObject *object)
{
  KefuRobot *self = (KefuRobot *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->router != NULL)
    g_clear_signal_handler (&self->received_id, self->router);
  g_clear_object (&self->router);
  g_clear_object (&self->matcher);
  g_clear_object (&self->knowledge_base);
  g_clear_object (&self->rules);

  G_OBJECT_CLASS (kefu_robot_parent_class)->dispose (object);
}

static void
kefu_robot_finalize (GObject *object)
{
  KefuRobot *self = (KefuRobot *)object;

  g_clear_pointer (&self->hours, kefu_business_hours_unref);
  g_clear_pointer (&self->email_auto_send, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kefu_robot_parent_class)->finalize (object);
}

static void
kefu_robot_class_init (KefuRobotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kefu_robot_dispose;
  object_class->finalize = kefu_robot_finalize;

  /**
   * KefuRobot::handled:
   * @ticket_id: the ticket of the message
   * @outcome: a #KefuRobotOutcome
   * @match: (nullable): what the matcher said, if it was asked
   *
   * Emitted once per new inbound message, after the robot's replies, notes
   * and ticket changes were stored.
   */
  signals[HANDLED] =
    g_signal_new ("handled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT, KEFU_TYPE_MATCH | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * KefuRobot::notify-agents:
   * @ticket_id: the ticket
   * @text: what a rule wants the agents told (a desktop notification)
   */
  signals[NOTIFY] =
    g_signal_new ("notify-agents", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
}

static void
kefu_robot_init (KefuRobot *self)
{
  self->knowledge_base = kefu_knowledge_base_new ();
  self->matcher = kefu_matcher_new (self->knowledge_base);
  self->rules = kefu_rules_new ();
  self->email_auto_send = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->enabled = TRUE;
}

/**
 * kefu_robot_new:
 * @router: the router whose inbound messages the robot reads, and through
 *   which it replies
 *
 * The robot starts with an empty knowledge base and no rules: call
 * kefu_robot_load_async() to read them from the store.
 *
 * Returns: (transfer full): the robot, listening
 */
KefuRobot *
kefu_robot_new (KefuRouter *router)
{
  KefuRobot *self;

  g_return_val_if_fail (KEFU_IS_ROUTER (router), NULL);

  self = g_object_new (KEFU_TYPE_ROBOT, NULL);
  self->router = g_object_ref (router);
  self->received_id = g_signal_connect (router, "received", G_CALLBACK (on_router_received), self);

  return self;
}

/**
 * kefu_robot_get_matcher:
 *
 * For the composer's suggestions (kefu_matcher_suggest()) and the phone
 * menu (kefu_matcher_match()).
 *
 * Returns: (transfer none): the matcher over the current knowledge base
 */
KefuMatcher *
kefu_robot_get_matcher (KefuRobot *self)
{
  g_return_val_if_fail (KEFU_IS_ROBOT (self), NULL);

  return self->matcher;
}

/**
 * kefu_robot_set_knowledge_base:
 *
 * Uses @knowledge_base from now on (and indexes it: keep it unchanged, or
 * set it again after changing it). Keeps the matcher's thresholds.
 */
void
kefu_robot_set_knowledge_base (KefuRobot         *self,
                               KefuKnowledgeBase *knowledge_base)
{
  g_autoptr (KefuMatcher) matcher = NULL;

  g_return_if_fail (KEFU_IS_ROBOT (self));
  g_return_if_fail (KEFU_IS_KNOWLEDGE_BASE (knowledge_base));

  matcher = kefu_matcher_new (knowledge_base);
  kefu_matcher_set_min_confidence (matcher, kefu_matcher_get_min_confidence (self->matcher));
  kefu_matcher_set_min_margin (matcher, kefu_matcher_get_min_margin (self->matcher));
  g_set_object (&self->knowledge_base, knowledge_base);
  g_set_object (&self->matcher, matcher);
}

void
kefu_robot_set_rules (KefuRobot *self,
                      KefuRules *rules)
{
  g_return_if_fail (KEFU_IS_ROBOT (self));
  g_return_if_fail (KEFU_IS_RULES (rules));

  g_set_object (&self->rules, rules);
}

/**
 * kefu_robot_set_business_hours:
 * @hours: (nullable): the shop's timetable; %NULL: always open
 */
void
kefu_robot_set_business_hours (KefuRobot         *self,
                               KefuBusinessHours *hours)
{
  g_return_if_fail (KEFU_IS_ROBOT (self));

  g_clear_pointer (&self->hours, kefu_business_hours_unref);
  self->hours = hours ? kefu_business_hours_ref (hours) : NULL;
}

void
kefu_robot_set_enabled (KefuRobot *self,
                        gboolean   enabled)
{
  g_return_if_fail (KEFU_IS_ROBOT (self));

  self->enabled = !!enabled;
}

/**
 * kefu_robot_set_email_auto_send:
 * @auto_send: %TRUE: send confident answers on this mail account;
 *   %FALSE (the default): only suggest them to the agent
 */
void
kefu_robot_set_email_auto_send (KefuRobot *self,
                                gint64     account_id,
                                gboolean   auto_send)
{
  g_return_if_fail (KEFU_IS_ROBOT (self));

  if (auto_send)
    g_hash_table_add (self->email_auto_send, g_memdup2 (&account_id, sizeof account_id));
  else
    g_hash_table_remove (self->email_auto_send, &account_id);
}

/**
 * kefu_robot_get_feedback_question:
 * @lang: (nullable): the answer's language
 *
 * Returns: the "did this help?" line sent after a chat answer
 */
const char *
kefu_robot_get_feedback_question (const char *lang)
{
  for (guint i = 0; lang != NULL && i < G_N_ELEMENTS (feedback_questions); i++)
    if (g_ascii_strcasecmp (lang, feedback_questions[i].lang) == 0)
      return feedback_questions[i].text;

  if (lang != NULL && g_ascii_strncasecmp (lang, "zh", 2) == 0)
    return feedback_questions[0].text;

  return feedback_questions[G_N_ELEMENTS (feedback_questions) - 1].text;
}

/**
 * kefu_robot_dup_voice_menu_text:
 * @digit: the key a caller pressed in the voice menu
 * @caller_number: (nullable): the caller's number, which says their language
 *
 * What the phone's voice menu reads for @digit, from the current knowledge
 * base (kefu-voice-menu.c): for a #KefuPhoneMenuFunc, called on the main
 * thread.
 *
 * Returns: (transfer full) (nullable): the text to speak, or %NULL
 */
char *
kefu_robot_dup_voice_menu_text (KefuRobot  *self,
                                char        digit,
                                const char *caller_number)
{
  g_return_val_if_fail (KEFU_IS_ROBOT (self), NULL);

  return kefu_voice_menu_text (self->knowledge_base, digit,
                               kefu_voice_menu_caller_lang (caller_number, "zh-Hans"));
}

typedef struct
{
  char              *kb_json;
  GHashTable        *settings;

  /* built on a worker thread from the above */
  KefuKnowledgeBase *knowledge_base;
  KefuMatcher       *matcher;
  KefuRules         *rules;
  KefuBusinessHours *hours;
  double             min_confidence;   /* the matcher's until now, if no setting */
  double             min_margin;
  guint              serial;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_free (loaded->kb_json);
  g_clear_pointer (&loaded->settings, g_hash_table_unref);
  g_clear_object (&loaded->knowledge_base);
  g_clear_object (&loaded->matcher);
  g_clear_object (&loaded->rules);
  g_clear_pointer (&loaded->hours, kefu_business_hours_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_job (KefuStore     *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  KefuStoreInterface *iface = KEFU_STORE_GET_IFACE (store);
  g_autoptr (Loaded) loaded = g_new0 (Loaded, 1);

  loaded->kb_json = iface->list_kb_entries (store, error);
  if (loaded->kb_json == NULL)
    return NULL;
  loaded->settings = iface->list_settings (store, error);
  if (loaded->settings == NULL)
    return NULL;

  return g_steal_pointer (&loaded);
}

static gboolean
parse_threshold (const char *text,
                 double     *value)
{
  char *end = NULL;
  double parsed;

  if (text == NULL)
    return FALSE;
  parsed = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || parsed < 0 || parsed > 1)
    return FALSE;
  *value = parsed;

  return TRUE;
}

/* On a worker thread: parsing and indexing thousands of entries takes a
 * second or more, which the main thread must not wait for. Only @loaded
 * is touched. */
static gboolean
build_loaded (Loaded  *loaded,
              GError **error)
{
  const char *value;

  loaded->knowledge_base = kefu_knowledge_base_new ();
  loaded->rules = kefu_rules_new ();
  if (!kefu_knowledge_base_load_json (loaded->knowledge_base, loaded->kb_json, -1, error) ||
      !kefu_rules_load_json (loaded->rules, g_hash_table_lookup (loaded->settings, KEFU_STORE_SETTING_ROBOT_RULES), error))
    return FALSE;

  value = g_hash_table_lookup (loaded->settings, KEFU_BUSINESS_HOURS_SETTING);
  if (value != NULL && *value != '\0')
    {
      loaded->hours = kefu_business_hours_new_from_json (value, error);
      if (loaded->hours == NULL)
        return FALSE;
    }

  parse_threshold (g_hash_table_lookup (loaded->settings, KEFU_STORE_SETTING_ROBOT_MIN_CONFIDENCE), &loaded->min_confidence);
  parse_threshold (g_hash_table_lookup (loaded->settings, KEFU_STORE_SETTING_ROBOT_MIN_MARGIN), &loaded->min_margin);
  loaded->matcher = kefu_matcher_new (loaded->knowledge_base);
  kefu_matcher_set_min_confidence (loaded->matcher, loaded->min_confidence);
  kefu_matcher_set_min_margin (loaded->matcher, loaded->min_margin);

  return TRUE;
}

/* Everything or nothing: a bad setting leaves the robot as it was. */
static void
apply_loaded (KefuRobot *self,
              Loaded    *loaded)
{
  g_auto (GStrv) accounts = NULL;
  const char *value;

  g_set_object (&self->knowledge_base, loaded->knowledge_base);
  g_set_object (&self->matcher, loaded->matcher);
  kefu_robot_set_rules (self, loaded->rules);
  kefu_robot_set_business_hours (self, loaded->hours);

  value = g_hash_table_lookup (loaded->settings, KEFU_ROBOT_SETTING_ENABLED);
  self->enabled = value == NULL || g_strcmp0 (value, "false") != 0;

  g_hash_table_remove_all (self->email_auto_send);
  value = g_hash_table_lookup (loaded->settings, KEFU_ROBOT_SETTING_EMAIL_AUTO_SEND);
  accounts = g_strsplit (value ? value : "", ",", -1);
  for (guint i = 0; accounts[i] != NULL; i++)
    {
      gint64 account_id;

      if (g_ascii_string_to_signed (g_strstrip (accounts[i]), 10, 1, G_MAXINT64, &account_id, NULL))
        kefu_robot_set_email_auto_send (self, account_id, TRUE);
    }
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (!build_loaded (task_data, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
build_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  KefuRobot *self = KEFU_ROBOT (object);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Builds run in parallel; an older one finishing last must not win. */
  if (((Loaded *)g_task_get_task_data (G_TASK (result)))->serial == self->load_serial)
    apply_loaded (self, g_task_get_task_data (G_TASK (result)));
  g_task_return_boolean (task, TRUE);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  KefuRobot *self = g_task_get_source_object (task);
  g_autoptr (GTask) build = NULL;
  GCancellable *cancellable;
  Loaded *loaded;
  GError *error = NULL;

  loaded = kefu_store_job_finish (KEFU_STORE (object), result, &error);
  if (loaded == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  loaded->serial = GPOINTER_TO_UINT (g_task_get_task_data (task));
  loaded->min_confidence = kefu_matcher_get_min_confidence (self->matcher);
  loaded->min_margin = kefu_matcher_get_min_margin (self->matcher);
  cancellable = g_task_get_cancellable (task);
  build = g_task_new (self, cancellable, build_cb, g_steal_pointer (&task));
  g_task_set_source_tag (build, load_cb);
  g_task_set_task_data (build, loaded, (GDestroyNotify)loaded_free);
  g_task_run_in_thread (build, build_thread);
}

/**
 * kefu_robot_load_async:
 *
 * Reads the knowledge base and the robot's settings (rules, thresholds,
 * business hours, which mail accounts auto-send) from the store; call it
 * again after changing them.
 */
void
kefu_robot_load_async (KefuRobot           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (KEFU_IS_ROBOT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_robot_load_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (++self->load_serial), NULL);
  kefu_store_read_async (kefu_router_get_store (self->router), load_job, NULL, NULL,
                         (GDestroyNotify)loaded_free, cancellable, load_cb, g_steal_pointer (&task));
}

gboolean
kefu_robot_load_finish (KefuRobot     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
