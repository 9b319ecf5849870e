/* phone-test-peers.c: kamailio and baresip on 127.0.0.1 for the phone tests.
 *
 * A missing peer is a loud failure, never a skip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "phone-test-peers.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

/* A test that fails an assertion aborts; its peers must not outlive it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
port_free (guint port)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr (GSocket) udp = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr (GSocket) tcp = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);

  return g_socket_bind (udp, address, FALSE, NULL) && g_socket_bind (tcp, address, FALSE, NULL);
}

/* @count consecutive ports free for UDP and TCP (baresip takes port+1 too). */
guint
phone_test_free_port (guint count)
{
  for (guint attempt = 0; attempt < 200; attempt++)
    {
      guint port = g_random_int_range (30000, 39000);
      gboolean ok = TRUE;

      for (guint i = 0; i < count && ok; i++)
        ok = port_free (port + i);
      if (ok)
        return port;
    }
  g_assert_not_reached ();
}

char *
phone_test_peers_dir (void)
{
  return g_build_filename (g_getenv ("KEFU_SOURCE_DIR"), "tests", "peers", NULL);
}

char *
phone_test_make_tone_wav (const char *dir,
                          guint       freq,
                          guint       seconds)
{
  g_autofree char *path = g_strdup_printf ("%s/tone-%u.wav", dir, freq);
  g_autofree char *freq_text = g_strdup_printf ("%u", freq);
  g_autofree char *seconds_text = g_strdup_printf ("%u", seconds);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) sox = NULL;

  sox = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sox", "-n", "-r", "8000", "-c", "1",
                          "-b", "16", "-e", "signed-integer", path, "synth", seconds_text,
                          "sine", freq_text, "vol", "0.3", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (sox, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

PhonePeer *
phone_test_kamailio_start (const char *dir,
                           guint       port,
                           gboolean    auth)
{
  PhonePeer *peer = g_new0 (PhonePeer, 1);
  g_autofree char *peers = phone_test_peers_dir ();
  g_autofree char *script = g_build_filename (peers, "kamailio-start.sh", NULL);
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;

  peer->dir = g_build_filename (dir, "kamailio", NULL);
  peer->log = g_build_filename (dir, "kamailio.log", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_stdout_file_path (launcher, peer->log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  peer->process = g_subprocess_launcher_spawn (launcher, &error, "bash", script, peer->dir, port_text,
                                               auth ? "auth" : "", NULL);
  g_assert_no_error (error);
  phone_test_spin (700);
  g_assert_true (phone_test_peer_log_has (peer, "INFO"));

  return peer;
}

PhonePeer *
phone_test_baresip_start (const char *dir,
                          guint       sip_port,
                          const char *wav,
                          const char *account)
{
  PhonePeer *peer = g_new0 (PhonePeer, 1);
  g_autofree char *peers = phone_test_peers_dir ();
  g_autofree char *script = g_build_filename (peers, "baresip-profile.sh", NULL);
  g_autofree char *port_text = g_strdup_printf ("%u", sip_port);
  g_autofree char *rtp_text = g_strdup_printf ("%u", phone_test_free_port (1) / 2 * 2);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) setup = NULL;
  g_autoptr (GError) error = NULL;

  peer->dir = g_build_filename (dir, "baresip", NULL);
  peer->log = g_build_filename (dir, "baresip.log", NULL);
  setup = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "bash", script, peer->dir, port_text,
                            rtp_text, wav, account, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (setup, NULL, &error));
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_stdout_file_path (launcher, peer->log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  peer->process = g_subprocess_launcher_spawn (launcher, &error, "baresip", "-f", peer->dir, NULL);
  g_assert_no_error (error);
  peer->stdin_pipe = g_object_ref (g_subprocess_get_stdin_pipe (peer->process));
  phone_test_spin (800);
  g_assert_true (phone_test_peer_log_has (peer, "baresip is ready") ||
                 phone_test_peer_log_has (peer, "Populated"));

  return peer;
}

void
phone_test_peer_send (PhonePeer  *peer,
                      const char *command)
{
  g_autofree char *line = g_strdup_printf ("%s\n", command);
  g_autoptr (GError) error = NULL;

  g_output_stream_write_all (peer->stdin_pipe, line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_flush (peer->stdin_pipe, NULL, NULL);
}

gboolean
phone_test_peer_log_has (PhonePeer  *peer,
                         const char *text)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (peer->log, &contents, &length, NULL))
    return FALSE;

  return g_strstr_len (contents, length, text) != NULL;
}

void
phone_test_peer_stop (PhonePeer *peer)
{
  if (peer == NULL)
    return;

  if (peer->stdin_pipe != NULL)
    g_output_stream_close (peer->stdin_pipe, NULL, NULL);
  if (peer->process != NULL)
    {
      g_subprocess_send_signal (peer->process, SIGTERM);
      for (guint i = 0; i < 40 && g_subprocess_get_identifier (peer->process) != NULL; i++)
        phone_test_spin (50);
      if (g_subprocess_get_identifier (peer->process) != NULL)
        g_subprocess_force_exit (peer->process);
      g_subprocess_wait (peer->process, NULL, NULL);
    }
  g_clear_object (&peer->stdin_pipe);
  g_clear_object (&peer->process);
  g_free (peer->dir);
  g_free (peer->log);
  g_free (peer);
}

static gboolean
on_spin_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
phone_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_spin_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
phone_test_wait_for (gboolean (*done) (gpointer),
                     gpointer   data,
                     guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      phone_test_spin (20);
    }

  return TRUE;
}

/* Goertzel power at @freq over total power: ~0.5 for a pure tone, ~0 without it. */
double
phone_test_tone_ratio (const char *path,
                       gboolean    wav,
                       guint       rate,
                       double      freq,
                       double      skip_seconds)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  const gint16 *samples;
  gsize n, start;
  double coeff = 2 * cos (2 * G_PI * freq / rate);
  double s1 = 0, s2 = 0, energy = 0, power;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return 0;

  if (wav)
    {
      const char *data = NULL;

      /* The header has NULs: search bytes, not a string. */
      for (gsize i = 12; i + 8 <= MIN (length, 4096) && data == NULL; i++)
        if (memcmp (contents + i, "data", 4) == 0)
          data = contents + i;
      if (data == NULL)
        return 0;
      samples = (const gint16 *) (data + 8);
      n = (length - (data + 8 - contents)) / 2;
    }
  else
    {
      samples = (const gint16 *) contents;
      n = length / 2;
    }

  start = MIN (n, (gsize) (skip_seconds * rate));
  if (n - start < rate / 2)
    return 0;

  for (gsize i = start; i < n; i++)
    {
      double x = samples[i] / 32768.0;
      double s0 = x + coeff * s1 - s2;

      s2 = s1;
      s1 = s0;
      energy += x * x;
    }
  if (energy <= 0)
    return 0;
  power = s1 * s1 + s2 * s2 - coeff * s1 * s2;

  return 2 * power / ((n - start) * energy);
}

char *
phone_test_find_recording (const char *dir,
                           const char *suffix)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, suffix))
      return g_build_filename (dir, name, NULL);

  return NULL;
}

/* Sends one raw SIP request over UDP and returns the first response line. */
char *
phone_test_sip_request (guint       port,
                        const char *request)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr (GSocketAddress) local = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr (GError) error = NULL;
  char buffer[4096];
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  g_socket_bind (socket, local, FALSE, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);
  g_socket_send_to (socket, address, request, strlen (request), NULL, &error);
  g_assert_no_error (error);

  while (g_get_monotonic_time () < deadline)
    {
      gssize got;

      phone_test_spin (20);
      got = g_socket_receive (socket, buffer, sizeof buffer - 1, NULL, NULL);
      if (got > 0)
        {
          char *end;

          buffer[got] = '\0';
          /* Provisional answers (100 Trying) are not what we wait for. */
          if (g_str_has_prefix (buffer, "SIP/2.0 1"))
            continue;
          end = strstr (buffer, "\r\n");
          return g_strndup (buffer, end != NULL ? end - buffer : got);
        }
    }

  return NULL;
}
