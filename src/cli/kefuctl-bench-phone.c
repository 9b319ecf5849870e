/* kefuctl-bench-phone.c: `kefuctl bench phone`: call set-up time, CPU and audio latency.
 *
 * Everything runs on 127.0.0.1: two Kefu lines in this process (one answers
 * automatically) and a baresip that answers automatically. The same calls
 * are placed to both, so the numbers stand side by side: INVITE→200 OK when
 * Kefu answers and when baresip answers, the CPU one call end costs in Kefu
 * and in baresip, and the latency Kefu's audio pipeline adds. Needs baresip.
 * Calls are logged in the database given with --db (use a scratch one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "kefuctl-context.h"

#include "kefu-account.h"
#include "kefu-phone-channel.h"

#define KEFU_AUDIO "\"audio-source\": \"audiotestsrc is-live=true wave=sine freq=1000 volume=0.3\", \"audio-sink\": \"fakesink sync=true\""

static gboolean
call_ended (gpointer data)
{
  return kefu_phone_call_get_state (data) == KEFU_PHONE_CALL_STATE_ENDED;
}

static guint
free_port (void)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      guint port = g_random_int_range (40000, 49000);
      gboolean ok = TRUE;

      for (guint i = 0; i < 2 && ok; i++)
        {
          g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port + i);
          g_autoptr (GSocket) udp = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
          g_autoptr (GSocket) tcp = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);

          ok = g_socket_bind (udp, address, FALSE, NULL) && g_socket_bind (tcp, address, FALSE, NULL);
        }
      if (ok)
        return port;
    }

  return 0;
}

/* A 440 Hz tone as 8 kHz mono S16LE WAV, baresip's microphone. */
static gboolean
write_tone (const char  *path,
            guint        seconds,
            GError     **error)
{
  guint32 samples = seconds * 8000, bytes = samples * 2;
  g_autoptr (GByteArray) wav = g_byte_array_sized_new (44 + bytes);
  guint32 u32;
  guint16 u16;

#define PUT(x) g_byte_array_append (wav, (const guint8 *) &(x), sizeof (x))
  g_byte_array_append (wav, (const guint8 *) "RIFF", 4);
  u32 = GUINT32_TO_LE (36 + bytes); PUT (u32);
  g_byte_array_append (wav, (const guint8 *) "WAVEfmt ", 8);
  u32 = GUINT32_TO_LE (16); PUT (u32);
  u16 = GUINT16_TO_LE (1); PUT (u16);
  u16 = GUINT16_TO_LE (1); PUT (u16);
  u32 = GUINT32_TO_LE (8000); PUT (u32);
  u32 = GUINT32_TO_LE (16000); PUT (u32);
  u16 = GUINT16_TO_LE (2); PUT (u16);
  u16 = GUINT16_TO_LE (16); PUT (u16);
  g_byte_array_append (wav, (const guint8 *) "data", 4);
  u32 = GUINT32_TO_LE (bytes); PUT (u32);
  for (guint32 i = 0; i < samples; i++)
    {
      gint16 sample = GINT16_TO_LE ((gint16) (0.3 * 32767 * sin (2 * G_PI * 440 * i / 8000.0)));

      PUT (sample);
    }
#undef PUT

  return g_file_set_contents (path, (const char *) wav->data, wav->len, error);
}

static GSubprocess *
start_baresip (const char  *dir,
               guint        port,
               GError     **error)
{
  g_autofree char *wav = g_build_filename (dir, "tone.wav", NULL);
  g_autofree char *config_path = g_build_filename (dir, "config", NULL);
  g_autofree char *accounts_path = g_build_filename (dir, "accounts", NULL);
  g_autofree char *log_path = g_build_filename (dir, "baresip.log", NULL);
  g_autofree char *config = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  guint rtp = free_port ();

  if (!write_tone (wav, 120, error))
    return NULL;
  config = g_strdup_printf ("poll_method epoll\nsip_listen 127.0.0.1:%u\nnet_interface 127.0.0.1\n"
                            "audio_player alsa,null\naudio_alert alsa,null\naudio_source aufile,%s\n"
                            "rtp_ports %u-%u\nrtcp_mux no\njitter_buffer_delay 5-10\nstatmode_default off\n"
                            "module_path /usr/lib/baresip/modules\nmodule stdio.so\nmodule g711.so\n"
                            "module alsa.so\nmodule aufile.so\nmodule_tmp uuid.so\nmodule_tmp account.so\n"
                            "module_app menu.so\n", port, wav, rtp, rtp + 99);
  if (!g_file_set_contents (config_path, config, -1, error) ||
      !g_file_set_contents (accounts_path, "<sip:+8613700137000@127.0.0.1>;regint=0;answermode=auto\n", -1, error))
    return NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);

  return g_subprocess_launcher_spawn (launcher, error, "baresip", "-f", dir, NULL);
}

static double
process_cpu_seconds (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *contents = NULL;
  g_auto (GStrv) fields = NULL;
  const char *end;

  if (pid == NULL || !g_file_get_contents (path, &contents, NULL, NULL) ||
      (end = strrchr (contents, ')')) == NULL)
    return 0;
  fields = g_strsplit (end + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0;

  /* Fields 14 and 15 of stat (11 and 12 after the name): utime, stime. */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

static double
self_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static KefuChannel *
start_line (KefuctlContext  *context,
            guint            port,
            gboolean         auto_answer,
            GError         **error)
{
  g_autofree char *config = g_strdup_printf ("{\"user\": \"kefu\", \"bind-address\": \"127.0.0.1\", \"bind-port\": %u,"
                                             " \"codecs\": [\"PCMU\"], \"ring-timeout\": 0, \"auto-answer\": %s, "
                                             KEFU_AUDIO "}", port, auto_answer ? "true" : "false");
  KefuAccountFields fields = { 0 };
  g_autoptr (KefuAccount) account = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuChannel) channel = NULL;

  /* Account 0: the bench's lines are not the shop's; calls log without one. */
  fields.kind = KEFU_CHANNEL_KIND_PHONE;
  fields.name = "bench";
  fields.address = "sip:kefu@127.0.0.1";
  fields.config = config;
  fields.enabled = TRUE;
  account = kefu_account_new (&fields);
  channel = g_object_new (KEFU_TYPE_PHONE_CHANNEL, "router", context->router, "account", account, NULL);
  kefu_channel_start_async (channel, context->cancellable, kefuctl_result_cb, &result);
  if (!kefu_channel_start_finish (channel, kefuctl_wait (&result), error))
    return NULL;

  return g_steal_pointer (&channel);
}

static void
on_incoming (KefuPhoneChannel *channel,
             KefuPhoneCall    *call,
             gpointer          user_data)
{
  g_set_object ((KefuPhoneCall **) user_data, call);
}

typedef struct
{
  GArray *setup_ms;
  double  caller_cpu;
  double  callee_cpu;
  gint64  latency_us;
  guint   failed;
} Side;

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  if (values->len == 0)
    return NAN;
  g_array_sort (values, compare_double);

  return g_array_index (values, double, values->len / 2);
}

/* One call from @caller to @target, @seconds long. */
static void
measure_call (KefuctlContext *context,
              KefuChannel    *caller,
              const char     *target,
              guint           seconds,
              const char     *peer_pid,
              KefuPhoneCall **callee_call,
              Side           *side)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KefuPhoneCall) call = kefu_phone_channel_call (KEFU_PHONE_CHANNEL (caller), target, &error);
  double self_before, peer_before;
  double ms;

  if (call == NULL)
    {
      g_printerr ("%s\n", error->message);
      side->failed++;
      return;
    }
  kefuctl_spin (context, (gboolean (*) (gpointer)) kefu_phone_call_is_settled, call, 10000);
  if (kefu_phone_call_get_state (call) != KEFU_PHONE_CALL_STATE_ACTIVE)
    {
      side->failed++;
      return;
    }
  ms = kefu_phone_call_get_setup_time (call) / 1000.0;
  g_array_append_val (side->setup_ms, ms);

  /* Let the audio settle, then count CPU over the talk. */
  kefuctl_spin (context, NULL, NULL, 500);
  self_before = self_cpu_seconds ();
  peer_before = process_cpu_seconds (peer_pid);
  kefuctl_spin (context, NULL, NULL, seconds * 1000);
  side->caller_cpu += (self_cpu_seconds () - self_before) / seconds;
  if (peer_pid != NULL)
    side->callee_cpu += (process_cpu_seconds (peer_pid) - peer_before) / seconds;
  if (callee_call != NULL && *callee_call != NULL)
    side->latency_us = kefu_phone_call_get_media_latency (*callee_call);
  else
    side->latency_us = kefu_phone_call_get_media_latency (call);

  kefu_phone_call_hangup (call);
  kefuctl_spin (context, call_ended, call, 5000);
  kefuctl_spin (context, NULL, NULL, 300);
}

/**
 * kefuctl_bench_phone_run:
 *
 * `kefuctl bench phone [--calls N] [--seconds S]`
 */
gboolean
kefuctl_bench_phone_run (KefuctlContext  *context,
                         int              argc,
                         char           **argv,
                         GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *kefu_target = NULL;
  g_autofree char *baresip_target = NULL;
  g_autoptr (GSubprocess) baresip = NULL;
  g_autoptr (KefuChannel) answerer = NULL;
  g_autoptr (KefuChannel) caller = NULL;
  g_autoptr (KefuPhoneCall) answered = NULL;
  g_autoptr (GArray) kefu_setup = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) baresip_setup = g_array_new (FALSE, FALSE, sizeof (double));
  Side kefu = { kefu_setup }, peer = { baresip_setup };
  int calls = 5, seconds = 5;
  guint kefu_port, caller_port, baresip_port;
  const GOptionEntry entries[] = {
    { "calls", 0, 0, G_OPTION_ARG_INT, &calls, N_("Calls to each far end (default 5)"), N_("N") },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, N_("Talk time of each call (default 5)"), N_("SECONDS") },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "bench phone",
                                         _("Measures call set-up time, CPU per call and audio latency, "
                                           "Kefu and baresip side by side, on this computer only."), entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 0, error))
    return FALSE;
  calls = CLAMP (calls, 1, 100);
  seconds = CLAMP (seconds, 1, 60);
  if (!kefuctl_context_open (context, KEFUCTL_OPEN_CREATE, error))
    return FALSE;
  if (context->router == NULL)
    context->router = kefu_router_new (kefuctl_context_get_store (context));

  dir = g_dir_make_tmp ("kefu-bench-phone-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  kefu_port = free_port ();
  caller_port = kefu_port + 2;
  baresip_port = kefu_port + 4;
  baresip = start_baresip (dir, baresip_port, error);
  if (baresip == NULL)
    return FALSE;

  answerer = start_line (context, kefu_port, TRUE, error);
  caller = answerer != NULL ? start_line (context, caller_port, FALSE, error) : NULL;
  if (caller == NULL)
    {
      g_subprocess_send_signal (baresip, SIGTERM);
      return FALSE;
    }
  g_signal_connect (answerer, "incoming-call", G_CALLBACK (on_incoming), &answered);
  kefuctl_spin (context, NULL, NULL, 1000);

  kefu_target = g_strdup_printf ("sip:kefu@127.0.0.1:%u", kefu_port);
  baresip_target = g_strdup_printf ("sip:+8613700137000@127.0.0.1:%u", baresip_port);
  for (int i = 0; i < calls && !g_cancellable_is_cancelled (context->cancellable); i++)
    {
      /* Kefu answering: both ends are in this process, so its CPU counts
       * two ends; the baresip run below gives one Kefu end alone. */
      measure_call (context, caller, kefu_target, seconds, NULL, &answered, &kefu);
      measure_call (context, caller, baresip_target, seconds,
                    g_subprocess_get_identifier (baresip), NULL, &peer);
    }

  g_print ("%-34s %10s %10s\n", "", "Kefu", "baresip");
  g_print ("%-34s %10.1f %10.1f\n", _("INVITE→200 OK, median (ms)"), median (kefu.setup_ms), median (peer.setup_ms));
  /* xgettext:no-c-format */
  g_print ("%-34s %10.1f %10.1f\n", _("CPU of one call end (% of a core)"),
           100 * peer.caller_cpu / calls, 100 * peer.callee_cpu / calls);
  g_print ("%-34s %10.1f %10s\n", _("Pipeline latency (ms)"), kefu.latency_us / 1000.0, "—");
  g_print (_("%d calls of %d s to each; %u failed.\n"), calls, seconds, kefu.failed + peer.failed);

  kefu_channel_stop (caller);
  kefu_channel_stop (answerer);
  kefuctl_spin (context, NULL, NULL, 500);
  g_subprocess_send_signal (baresip, SIGTERM);
  g_subprocess_wait (baresip, NULL, NULL);

  return kefu.failed + peer.failed == 0;
}
