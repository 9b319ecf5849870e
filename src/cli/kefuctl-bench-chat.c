/* kefuctl-bench-chat.c: `kefuctl bench chat`: many visitors at once on loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the chat server in a child process (this kefuctl with --serve) on
 * a throw-away database, opens --connections WebSockets to it at once, and
 * has every visitor send --messages messages, each after the previous one
 * was acknowledged (stored by the router). Prints the round-trip latency
 * (send → ack) p50/p99/max, the throughput, and the CPU the server process
 * used, read from /proc.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kefu-chat-channel.h"
#include "kefu-store-email.h"
#include "kefuctl-context.h"

#define ORIGIN "http://bench.invalid"

typedef struct _Bench Bench;

typedef struct
{
  Bench                   *bench;
  SoupSession             *session;
  SoupWebsocketConnection *connection;
  guint                    index;
  guint                    sent;
  gint64                   sent_at;
} Visitor;

struct _Bench
{
  GPtrArray   *visitors;
  GArray      *latencies;   /* double, ms */
  guint        port;
  guint        messages;
  guint        pause_ms;
  guint        connected;
  guint        finished;
  guint        failed;
  gint64       started;
  gint64       all_connected;   /* when the last handshake finished */
};

static void
visitor_free (Visitor *visitor)
{
  if (visitor->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (visitor->connection, visitor);
      if (soup_websocket_connection_get_state (visitor->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (visitor->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&visitor->connection);
    }
  g_clear_object (&visitor->session);
  g_free (visitor);
}

static void
send_next (Visitor *visitor)
{
  g_autofree char *frame = NULL;

  if (visitor->sent == visitor->bench->messages)
    {
      visitor->bench->finished++;
      return;
    }

  frame = g_strdup_printf ("{\"type\":\"message\",\"id\":\"b%u\",\"text\":\"Bench message %u from visitor %u\"}",
                           visitor->sent, visitor->sent, visitor->index);
  visitor->sent++;
  visitor->sent_at = g_get_monotonic_time ();
  soup_websocket_connection_send_text (visitor->connection, frame);
}

static gboolean
on_pause_done (gpointer user_data)
{
  send_next (user_data);

  return G_SOURCE_REMOVE;
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *message,
            gpointer                 user_data)
{
  Visitor *visitor = user_data;
  gsize length = 0;
  const char *data = g_bytes_get_data (message, &length);
  g_autofree char *text = g_strndup (data, MIN (length, 64));

  if (g_str_has_prefix (text, "{\"type\":\"history\""))
    send_next (visitor);
  else if (g_str_has_prefix (text, "{\"type\":\"ack\""))
    {
      double ms = (g_get_monotonic_time () - visitor->sent_at) / 1000.0;

      g_array_append_val (visitor->bench->latencies, ms);
      if (visitor->bench->pause_ms > 0 && visitor->sent < visitor->bench->messages)
        g_timeout_add (visitor->bench->pause_ms, on_pause_done, visitor);
      else
        send_next (visitor);
    }
  else if (g_str_has_prefix (text, "{\"type\":\"error\""))
    {
      visitor->bench->failed++;
      visitor->bench->finished++;
    }
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Visitor *visitor = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *hello = NULL;

  visitor->connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  if (visitor->connection == NULL)
    {
      g_printerr ("kefuctl: visitor %u could not connect: %s\n", visitor->index, error->message);
      visitor->bench->failed++;
      visitor->bench->finished++;
      return;
    }

  visitor->bench->connected++;
  visitor->bench->all_connected = g_get_monotonic_time ();
  g_signal_connect (visitor->connection, "message", G_CALLBACK (on_message), visitor);
  hello = g_strdup_printf ("{\"type\":\"hello\",\"v\":1,\"token\":\"%08x%024x\",\"lang\":\"en\"}",
                           g_random_int (), visitor->index);
  soup_websocket_connection_send_text (visitor->connection, hello);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint index;

  if (sorted->len == 0)
    return 0;
  index = (guint)MIN (sorted->len - 1, p / 100.0 * sorted->len);

  return g_array_index (sorted, double, index);
}

/* utime + stime of @pid, in seconds. */
static double
process_cpu (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int)pid);
  g_autofree char *contents = NULL;
  g_auto (GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &contents, NULL, NULL) || (after_name = strrchr (contents, ')')) == NULL)
    return 0;
  fields = g_strsplit (after_name + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return 0;

  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

static gboolean
serve (KefuctlContext  *context,
       guint            connections,
       GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (KefuChannel) channel = NULL;
  g_autoptr (KefuAccount) account = NULL;
  g_autoptr (GPtrArray) accounts = NULL;
  g_autoptr (GInputStream) in = NULL;
  g_autofree char *config = NULL;
  KefuAccountFields fields = { 0 };
  KefuStore *store;
  char buffer[16];

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_CREATE, error))
    return FALSE;
  store = kefuctl_context_get_store (context);
  if (context->router == NULL)
    context->router = kefu_router_new (store);

  config = g_strdup_printf ("{\"port\": 0, \"origins\": [\"" ORIGIN "\"], \"max-connections-per-ip\": %u,"
                            " \"ip-burst\": 100000, \"ip-per-minute\": 1000000}", connections + 10);
  fields.kind = KEFU_CHANNEL_KIND_CHAT;
  fields.name = "bench";
  fields.config = config;
  fields.enabled = TRUE;
  kefu_store_insert_account_async (store, &fields, NULL, kefuctl_result_cb, &result);
  fields.id = kefu_store_insert_account_finish (store, kefuctl_wait (&result), error);
  if (fields.id == 0)
    return FALSE;
  g_clear_object (&result);
  account = kefu_account_new (&fields);

  channel = g_object_new (KEFU_TYPE_CHAT_CHANNEL, "router", context->router, "account", account, NULL);
  kefu_channel_start_async (channel, NULL, kefuctl_result_cb, &result);
  if (!kefu_channel_start_finish (channel, kefuctl_wait (&result), error))
    return FALSE;
  g_clear_object (&result);

  g_print ("port %u\n", kefu_chat_channel_get_port (KEFU_CHAT_CHANNEL (channel)));
  fflush (stdout);

  /* Serve until the parent closes our stdin. */
  in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  while (TRUE)
    {
      gssize n;

      g_input_stream_read_async (in, buffer, sizeof buffer, G_PRIORITY_DEFAULT, NULL, kefuctl_result_cb, &result);
      n = g_input_stream_read_finish (in, kefuctl_wait (&result), NULL);
      g_clear_object (&result);
      if (n <= 0)
        break;
    }

  kefu_channel_stop (channel);

  return TRUE;
}

gboolean
kefuctl_bench_chat_run (KefuctlContext  *context,
                        int              argc,
                        char           **argv,
                        GError         **error)
{
  int connections = 500;
  int messages = 5;
  int pause_ms = 0;
  gboolean serve_only = FALSE;
  const GOptionEntry entries[] = {
    { "connections", 0, 0, G_OPTION_ARG_INT, &connections, N_("Visitors connected at once (default 500)"), N_("N") },
    { "messages", 0, 0, G_OPTION_ARG_INT, &messages, N_("Messages each visitor sends (default 5)"), N_("N") },
    { "pause", 0, 0, G_OPTION_ARG_INT, &pause_ms,
      N_("Milliseconds a visitor waits after each ack, like a person typing (default 0: as fast as possible)"), N_("MS") },
    { "serve", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &serve_only, NULL, NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GSubprocess) server = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *self_exe = NULL;
  g_autofree char *line = NULL;
  g_autofree char *connections_text = NULL;
  Bench bench = { 0 };
  GPid pid;
  double cpu_before, cpu_after;
  gint64 started, deadline;
  double seconds;

  options = kefuctl_context_new_options (context, "bench chat",
                                         _("Opens many chat connections to a chat server on loopback, "
                                           "sends messages and prints round-trip latency and server CPU."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 0, 1, error))
    return FALSE;
  if (connections < 1 || connections > 20000 || messages < 1 || messages > 1000 ||
      pause_ms < 0 || pause_ms > 60000)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("--connections must be 1–20000, --messages 1–1000 and --pause 0–60000."));
      return FALSE;
    }
  if (serve_only)
    return serve (context, (guint)connections, error);

  /* A throw-away database: a bench never writes into real data. */
  dir = g_dir_make_tmp ("kefu-bench-chat-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  db = g_build_filename (dir, "bench.db", NULL);
  self_exe = g_file_read_link ("/proc/self/exe", error);
  if (self_exe == NULL)
    return FALSE;
  connections_text = g_strdup_printf ("%d", connections);
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, error,
                             self_exe, "--db", db, "bench", "chat", "--serve",
                             "--connections", connections_text, NULL);
  if (server == NULL)
    return FALSE;
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line (out, NULL, NULL, error);
  if (line == NULL || !g_str_has_prefix (line, "port "))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_NOT_FOUND, _("The chat server did not start."));
      return FALSE;
    }
  bench.port = (guint)g_ascii_strtoull (line + 5, NULL, 10);
  pid = (GPid)g_ascii_strtoll (g_subprocess_get_identifier (server), NULL, 10);

  bench.messages = (guint)messages;
  bench.pause_ms = (guint)pause_ms;
  bench.latencies = g_array_sized_new (FALSE, FALSE, sizeof (double), connections * messages);
  bench.visitors = g_ptr_array_new_with_free_func ((GDestroyNotify)visitor_free);

  cpu_before = process_cpu (pid);
  started = bench.started = g_get_monotonic_time ();
  for (int i = 0; i < connections; i++)
    {
      Visitor *visitor = g_new0 (Visitor, 1);
      g_autofree char *uri = g_strdup_printf ("ws://127.0.0.1:%u/kefu/ws", bench.port);
      g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);

      visitor->bench = &bench;
      visitor->index = i;
      g_ptr_array_add (bench.visitors, visitor);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Origin", ORIGIN);
      /* One session per visitor, as in real life: a libsoup session
       * opens its new connections one after another. */
      visitor->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
      soup_session_websocket_connect_async (visitor->session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                            connect_cb, visitor);
    }

  deadline = started + 300 * G_USEC_PER_SEC;
  while (bench.finished < (guint)connections && g_get_monotonic_time () < deadline &&
         !g_cancellable_is_cancelled (context->cancellable))
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC;
  cpu_after = process_cpu (pid);

  g_ptr_array_set_size (bench.visitors, 0);
  g_output_stream_close (g_subprocess_get_stdin_pipe (server), NULL, NULL);
  g_subprocess_wait (server, NULL, NULL);
  g_ptr_array_unref (bench.visitors);

  g_array_sort (bench.latencies, compare_double);
  g_print (_("Connections: %u of %d connected, %u failed\n"), bench.connected, connections, bench.failed);
  g_print (_("Handshakes: all done %.2f s after the start\n"),
           (bench.all_connected - bench.started) / (double)G_USEC_PER_SEC);
  g_print (_("Messages: %u acknowledged in %.2f s (%.0f per second)\n"),
           bench.latencies->len, seconds, bench.latencies->len / seconds);
  g_print (_("Round trip (send → stored → ack): p50 %.1f ms, p99 %.1f ms, max %.1f ms\n"),
           percentile (bench.latencies, 50), percentile (bench.latencies, 99), percentile (bench.latencies, 100));
  g_print (_("Server CPU: %.2f s (%.0f%% of one core)\n"),
           cpu_after - cpu_before, 100.0 * (cpu_after - cpu_before) / seconds);
  g_array_unref (bench.latencies);

  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);

  if (bench.failed > 0 || bench.connected < (guint)connections)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_REFUSED,
                   _("Not every visitor got through; see the lines above."));
      return FALSE;
    }

  return TRUE;
}
