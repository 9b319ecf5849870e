/* test-phone-call.c: calls with a real baresip on 127.0.0.1, Kefu in direct mode.
 *
 * Each side plays a tone (baresip 440 Hz from a WAV, Kefu 1000 Hz from
 * audiotestsrc) and the test finds each tone in the other side's recording.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "phone-test-channel.h"

#include <string.h>

#include "kefu-phone-call-log.h"

typedef KefuTestFixture Fixture;

typedef struct
{
  KefuPhoneCall *call;
  gint64         ticket_id;
  gboolean       logged;
  gboolean       answer;
  int            rejected_status;
} CallWatch;

static void
on_incoming_call (KefuPhoneChannel *channel,
                  KefuPhoneCall    *call,
                  gpointer          user_data)
{
  CallWatch *watch = user_data;
  g_autoptr (GError) error = NULL;

  g_set_object (&watch->call, call);
  if (watch->answer)
    {
      g_assert_true (kefu_phone_call_answer (call, &error));
      g_assert_no_error (error);
    }
}

static void
on_call_logged (KefuPhoneChannel *channel,
                KefuPhoneCall    *call,
                gint64            ticket_id,
                gpointer          user_data)
{
  CallWatch *watch = user_data;

  g_set_object (&watch->call, call);
  watch->ticket_id = ticket_id;
  watch->logged = TRUE;
}

static void
on_call_rejected (KefuPhoneChannel *channel,
                  int               status,
                  const char       *reason,
                  gpointer          user_data)
{
  CallWatch *watch = user_data;

  watch->rejected_status = status;
}

static gboolean
is_logged (gpointer data)
{
  return ((CallWatch *) data)->logged;
}

static gboolean
is_active (gpointer data)
{
  CallWatch *watch = data;

  return watch->call != NULL && kefu_phone_call_get_state (watch->call) == KEFU_PHONE_CALL_STATE_ACTIVE;
}

static gboolean
is_held (gpointer data)
{
  CallWatch *watch = data;

  return watch->call != NULL && kefu_phone_call_get_state (watch->call) == KEFU_PHONE_CALL_STATE_HELD &&
         kefu_phone_call_get_remote_held (watch->call);
}

static gboolean
has_digits (gpointer data)
{
  CallWatch *watch = data;

  return watch->call != NULL && strlen (kefu_phone_call_get_dtmf_received (watch->call)) >= 3;
}

static char *
direct_config (guint       port,
               const char *dir,
               const char *extra)
{
  return g_strdup_printf ("{\"user\": \"agent\", \"bind-address\": \"127.0.0.1\", \"bind-port\": %u,"
                          " \"codecs\": [\"PCMU\", \"PCMA\"], \"jitter-latency\": 60,"
                          " \"audio-source\": \"audiotestsrc is-live=true wave=sine freq=1000 volume=0.3\","
                          " \"audio-sink\": \"audioconvert ! audioresample ! audio/x-raw,format=S16LE,rate=8000,channels=1 ! filesink location=%s/kefu-heard.raw\""
                          "%s%s}", port, dir, extra ? ", " : "", extra ? extra : "");
}

static KefuPhoneChannel *
start_channel (Fixture    *fixture,
               const char *config,
               CallWatch  *watch)
{
  KefuPhoneChannel *channel = phone_test_channel_new (fixture, config);
  g_autoptr (GError) error = NULL;

  g_signal_connect (channel, "incoming-call", G_CALLBACK (on_incoming_call), watch);
  g_signal_connect (channel, "call-logged", G_CALLBACK (on_call_logged), watch);
  g_signal_connect (channel, "call-rejected", G_CALLBACK (on_call_rejected), watch);
  g_assert_true (phone_test_channel_start (channel, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kefu_channel_get_state (KEFU_CHANNEL (channel)), ==, KEFU_CHANNEL_STATE_ONLINE);

  return channel;
}

static GPtrArray *
list_messages (Fixture *fixture,
               gint64   ticket_id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *messages;

  kefu_store_list_messages_async (fixture->store, ticket_id, NULL, kefu_test_result_cb, &result);
  messages = kefu_store_list_messages_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  return messages;
}

static void
test_incoming_answered (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *dir = g_dir_make_tmp ("kefu-phone-XXXXXX", NULL);
  guint kefu_port = phone_test_free_port (1);
  guint peer_port = phone_test_free_port (2);
  g_autofree char *wav = phone_test_make_tone_wav (dir, 440, 12);
  g_autofree char *config = direct_config (kefu_port, dir, "\"ring-timeout\": 0");
  g_autofree char *heard = g_build_filename (dir, "kefu-heard.raw", NULL);
  g_autofree char *dial = g_strdup_printf ("/dial sip:agent@127.0.0.1:%u", kefu_port);
  g_autofree char *rec_dir = NULL;
  g_autofree char *peer_heard = NULL;
  g_autofree char *heard_data = NULL;
  gsize heard_length = 0;
  g_autoptr (KefuInbound) known = kefu_inbound_new (KEFU_CHANNEL_KIND_PHONE, KEFU_IDENTITY_KIND_PHONE, "138 0013 8000");
  g_autoptr (KefuDelivery) first = NULL;
  g_autoptr (KefuDelivery) again = NULL;
  g_autoptr (KefuInbound) repeat = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (KefuPhoneChannel) channel = NULL;
  CallWatch watch = { .answer = TRUE };
  PhonePeer *caller;
  KefuMessage *logged;
  double ratio;

  /* The customer is known by a national number; the caller sends E.164. */
  known->sender_name = g_strdup ("Wang Wei");
  known->text = g_strdup ("Please call me back about order 1234.");
  first = kefu_test_receive (fixture->router, known);

  channel = start_channel (fixture, config, &watch);
  caller = phone_test_baresip_start (dir, peer_port, wav, "<sip:+8613800138000@127.0.0.1>;regint=0");
  phone_test_peer_send (caller, dial);

  g_assert_true (phone_test_wait_for (is_active, &watch, 8000));
  g_assert_cmpint (kefu_phone_call_get_direction (watch.call), ==, KEFU_PHONE_CALL_INCOMING);
  g_assert_cmpstr (kefu_phone_call_get_remote_number (watch.call), ==, "+8613800138000");
  g_assert_cmpstr (kefu_phone_call_get_codec (watch.call), ==, "PCMU");

  phone_test_spin (2000);
  phone_test_peer_send (caller, "/sndcode 12#");
  g_assert_true (phone_test_wait_for (has_digits, &watch, 5000));
  g_assert_cmpstr (kefu_phone_call_get_dtmf_received (watch.call), ==, "12#");

  phone_test_peer_send (caller, "/hold");
  g_assert_true (phone_test_wait_for (is_held, &watch, 5000));
  phone_test_spin (500);
  phone_test_peer_send (caller, "/resume");
  g_assert_true (phone_test_wait_for (is_active, &watch, 5000));
  g_assert_false (kefu_phone_call_get_remote_held (watch.call));

  /* The caller's WAV runs out and it hangs up; the call is logged. */
  g_assert_true (phone_test_wait_for (is_logged, &watch, 20000));
  g_assert_cmpint (kefu_phone_call_get_outcome (watch.call), ==, KEFU_PHONE_CALL_OUTCOME_ANSWERED);
  g_assert_cmpint (watch.ticket_id, ==, first->ticket_id);
  g_assert_cmpint (kefu_phone_call_get_setup_time (watch.call), >, 0);

  messages = list_messages (fixture, first->ticket_id);
  g_assert_cmpuint (messages->len, ==, 2);
  logged = g_ptr_array_index (messages, 1);
  g_assert_cmpint (kefu_message_get_direction (logged), ==, KEFU_DIRECTION_IN);
  g_assert_nonnull (strstr (kefu_message_get_text (logged), "Incoming call from +8613800138000"));
  g_assert_nonnull (strstr (kefu_message_get_text (logged), "Outcome: answered"));
  g_assert_nonnull (strstr (kefu_message_get_text (logged), "Keys pressed: 12#"));

  /* The SIP Call-ID keeps the same call from being stored twice. */
  {
    g_autoptr (KefuAccount) account = NULL;

    g_object_get (channel, "account", &account, NULL);
    repeat = kefu_phone_call_log_build (watch.call, kefu_account_get_id (account), NULL);
  }
  again = kefu_test_receive (fixture->router, repeat);
  g_assert_true (again->duplicate);

  /* Audio both ways: Kefu heard 440 Hz all along (hold and resume
   * included), the caller heard 1000 Hz. baresip's own recording stops when
   * it puts a call on hold, so only the part before the hold counts there. */
  g_assert_true (g_file_get_contents (heard, &heard_data, &heard_length, NULL));
  g_assert_cmpuint (heard_length, >, 8 * 8000 * 2);
  ratio = phone_test_tone_ratio (heard, FALSE, 8000, 440, 0.5);
  g_test_message ("Kefu heard 440 Hz at ratio %.2f", ratio);
  g_assert_cmpfloat (ratio, >, 0.3);
  g_assert_cmpfloat (phone_test_tone_ratio (heard, FALSE, 8000, 1000, 0.5), <, 0.05);

  /* baresip finishes its recording when it exits. */
  rec_dir = g_build_filename (caller->dir, "rec", NULL);
  phone_test_peer_send (caller, "/quit");
  phone_test_peer_stop (caller);
  peer_heard = phone_test_find_recording (rec_dir, "-dec.wav");
  g_assert_nonnull (peer_heard);
  ratio = phone_test_tone_ratio (peer_heard, TRUE, 8000, 1000, 0.5);
  g_test_message ("baresip heard 1000 Hz at ratio %.2f", ratio);
  g_assert_cmpfloat (ratio, >, 0.3);
  phone_test_channel_stop (channel);
  g_clear_object (&watch.call);
}

static void
test_missed_voicemail (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *dir = g_dir_make_tmp ("kefu-phone-XXXXXX", NULL);
  guint kefu_port = phone_test_free_port (1);
  guint peer_port = phone_test_free_port (2);
  g_autofree char *wav = phone_test_make_tone_wav (dir, 440, 7);
  g_autofree char *config = direct_config (kefu_port, dir,
                                           "\"ring-timeout\": 1, \"voicemail\": true,"
                                           " \"voicemail-greeting\": \"Please leave a message.\","
                                           " \"voicemail-max-seconds\": 30");
  g_autofree char *dial = g_strdup_printf ("/dial sip:agent@127.0.0.1:%u", kefu_port);
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (KefuPhoneChannel) channel = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GError) error = NULL;
  CallWatch watch = { .answer = FALSE };
  PhonePeer *caller;
  KefuMessage *logged;
  GPtrArray *attachments;
  KefuAttachment *attachment;

  channel = start_channel (fixture, config, &watch);
  caller = phone_test_baresip_start (dir, peer_port, wav, "<sip:+8613900139000@127.0.0.1>;regint=0");
  phone_test_peer_send (caller, dial);

  g_assert_true (phone_test_wait_for (is_logged, &watch, 25000));
  g_assert_cmpint (kefu_phone_call_get_outcome (watch.call), ==, KEFU_PHONE_CALL_OUTCOME_VOICEMAIL);
  g_assert_cmpint (watch.ticket_id, >, 0);

  messages = list_messages (fixture, watch.ticket_id);
  g_assert_cmpuint (messages->len, ==, 1);
  logged = g_ptr_array_index (messages, 0);
  g_assert_nonnull (strstr (kefu_message_get_text (logged), "Outcome: voicemail"));
  attachments = kefu_message_get_attachments (logged);
  g_assert_nonnull (attachments);
  g_assert_cmpuint (attachments->len, ==, 1);
  attachment = g_ptr_array_index (attachments, 0);
  g_assert_cmpstr (kefu_attachment_get_mime_type (attachment), ==, "audio/ogg");
  g_assert_true (g_str_has_prefix (kefu_attachment_get_filename (attachment), "voicemail-"));
  g_assert_cmpint (kefu_attachment_get_size (attachment), >, 4000);

  kefu_store_get_attachment_data_async (fixture->store, kefu_attachment_get_hash (attachment), NULL,
                                        kefu_test_result_cb, &result);
  data = kefu_store_get_attachment_data_finish (fixture->store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (data, NULL), 4, "OggS", 4);

  phone_test_peer_stop (caller);
  phone_test_channel_stop (channel);
  g_clear_object (&watch.call);
}

static char *
invite (guint       port,
        const char *call_id,
        const char *sdp)
{
  return g_strdup_printf ("INVITE sip:agent@127.0.0.1:%u SIP/2.0\r\n"
                          "Via: SIP/2.0/UDP 127.0.0.1:9;rport;branch=z9hG4bK-%s\r\n"
                          "Max-Forwards: 70\r\n"
                          "From: <sip:+8613500135000@127.0.0.1>;tag=t%s\r\n"
                          "To: <sip:agent@127.0.0.1:%u>\r\n"
                          "Call-ID: %s\r\n"
                          "CSeq: 1 INVITE\r\n"
                          "Contact: <sip:+8613500135000@127.0.0.1:9>\r\n"
                          "Content-Type: application/sdp\r\n"
                          "Content-Length: %zu\r\n\r\n%s",
                          port, call_id, call_id, port, call_id, strlen (sdp), sdp);
}

static void
test_rejected_cleanly (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *dir = g_dir_make_tmp ("kefu-phone-XXXXXX", NULL);
  guint kefu_port = phone_test_free_port (1);
  g_autofree char *config = direct_config (kefu_port, dir, NULL);
  g_autoptr (KefuPhoneChannel) channel = NULL;
  CallWatch watch = { .answer = TRUE };
  const char *gsm_only = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                         "m=audio 40000 RTP/AVP 3\r\na=rtpmap:3 GSM/8000\r\n";
  const char *garbage_sdp = "this is not\r\nan SDP at all\r\n";
  const char *video_only = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                           "m=video 40000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";
  g_autofree char *request = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *options = NULL;

  channel = start_channel (fixture, config, &watch);

  request = invite (kefu_port, "no-common-codec", gsm_only);
  answer = phone_test_sip_request (kefu_port, request);
  g_assert_cmpstr (answer, ==, "SIP/2.0 488 Not Acceptable Here");
  g_assert_cmpint (watch.rejected_status, ==, 488);
  g_clear_pointer (&request, g_free);
  g_clear_pointer (&answer, g_free);

  request = invite (kefu_port, "video-only", video_only);
  answer = phone_test_sip_request (kefu_port, request);
  g_assert_cmpstr (answer, ==, "SIP/2.0 488 Not Acceptable Here");
  g_clear_pointer (&request, g_free);
  g_clear_pointer (&answer, g_free);

  request = invite (kefu_port, "garbage-sdp", garbage_sdp);
  answer = phone_test_sip_request (kefu_port, request);
  g_assert_nonnull (answer);
  g_test_message ("garbage SDP: %s", answer);
  g_assert_true (g_str_has_prefix (answer, "SIP/2.0 4"));
  g_clear_pointer (&request, g_free);
  g_clear_pointer (&answer, g_free);

  /* A request sofia cannot parse gets no call; the line stays up. */
  phone_test_sip_request (kefu_port, "INVITE garbage\r\nVia: nonsense\r\nContent-Length: 99999\r\n\r\n\x01\x02");
  options = g_strdup_printf ("OPTIONS sip:agent@127.0.0.1:%u SIP/2.0\r\n"
                             "Via: SIP/2.0/UDP 127.0.0.1:9;rport;branch=z9hG4bK-opt\r\n"
                             "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\n"
                             "To: <sip:agent@127.0.0.1>\r\nCall-ID: options-after-garbage\r\n"
                             "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n", kefu_port);
  answer = phone_test_sip_request (kefu_port, options);
  g_assert_cmpstr (answer, ==, "SIP/2.0 200 OK");
  g_assert_null (watch.call);
  g_assert_cmpint (g_list_model_get_n_items (kefu_phone_channel_get_calls (channel)), ==, 0);

  phone_test_channel_stop (channel);
}

static gboolean
peer_got_digit (gpointer data)
{
  return phone_test_peer_log_has (data, "received event: '#'");
}

static void
test_outgoing (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *dir = g_dir_make_tmp ("kefu-phone-XXXXXX", NULL);
  guint kefu_port = phone_test_free_port (1);
  guint peer_port = phone_test_free_port (2);
  g_autofree char *wav = phone_test_make_tone_wav (dir, 440, 30);
  g_autofree char *config = direct_config (kefu_port, dir, NULL);
  g_autofree char *target = g_strdup_printf ("sip:+8613700137000@127.0.0.1:%u", peer_port);
  g_autofree char *heard = g_build_filename (dir, "kefu-heard.raw", NULL);
  g_autoptr (KefuPhoneChannel) channel = NULL;
  g_autoptr (KefuPhoneCall) call = NULL;
  g_autoptr (GPtrArray) messages = NULL;
  g_autoptr (GError) error = NULL;
  CallWatch watch = { .answer = FALSE };
  PhonePeer *callee;

  channel = start_channel (fixture, config, &watch);
  callee = phone_test_baresip_start (dir, peer_port, wav,
                                     "<sip:+8613700137000@127.0.0.1>;regint=0;answermode=auto");

  call = kefu_phone_channel_call (channel, target, &error);
  g_assert_no_error (error);
  g_set_object (&watch.call, call);
  g_assert_true (phone_test_wait_for (is_active, &watch, 8000));
  g_assert_cmpint (kefu_phone_call_get_direction (call), ==, KEFU_PHONE_CALL_OUTGOING);

  phone_test_spin (1000);
  g_assert_true (kefu_phone_call_send_dtmf (call, "5#", &error));
  g_assert_no_error (error);
  g_assert_true (phone_test_wait_for (peer_got_digit, callee, 5000));
  g_assert_true (phone_test_peer_log_has (callee, "received event: '5'"));

  /* Kefu puts the customer on hold and back. */
  g_assert_true (kefu_phone_call_set_held (call, TRUE, &error));
  g_assert_no_error (error);
  phone_test_spin (800);
  g_assert_true (kefu_phone_call_get_held (call));
  g_assert_true (kefu_phone_call_set_held (call, FALSE, &error));
  phone_test_spin (800);
  g_assert_true (is_active (&watch));

  kefu_phone_call_hangup (call);
  g_assert_true (phone_test_wait_for (is_logged, &watch, 8000));
  g_assert_cmpint (kefu_phone_call_get_outcome (call), ==, KEFU_PHONE_CALL_OUTCOME_ANSWERED);
  g_assert_cmpint (watch.ticket_id, >, 0);
  messages = list_messages (fixture, watch.ticket_id);
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_nonnull (strstr (kefu_message_get_text (g_ptr_array_index (messages, 0)),
                            "Outgoing call to +8613700137000"));
  g_assert_cmpfloat (phone_test_tone_ratio (heard, FALSE, 8000, 440, 0.5), >, 0.3);

  phone_test_peer_stop (callee);
  phone_test_channel_stop (channel);
  g_clear_object (&watch.call);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  KEFU_TEST_ADD ("/phone/call/incoming-answered", test_incoming_answered);
  KEFU_TEST_ADD ("/phone/call/missed-voicemail", test_missed_voicemail);
  KEFU_TEST_ADD ("/phone/call/rejected-cleanly", test_rejected_cleanly);
  KEFU_TEST_ADD ("/phone/call/outgoing", test_outgoing);

  return g_test_run ();
}
