/* kefu-email-peers.c: real Dovecot and Postfix on 127.0.0.1 for the email tests.
 *
 * The servers come from tests/peers/ (TESTBED.md's recipes). A missing
 * server is a failure, never a skip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "kefu-email-peers.h"
#include "kefu-account-secret.h"
#include "kefu-store-email.h"
#include "kefu-test-util.h"

guint
kefu_mail_free_port (void)
{
  g_autoptr (GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *
peer_script (const char *name)
{
  return g_build_filename (g_getenv ("KEFU_SOURCE_DIR"), "tests", "peers", name, NULL);
}

static GPid
run_start_script (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  guint64 pid = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || !g_ascii_string_to_unsigned (g_strstrip (out), 10, 1, G_MAXINT, &pid, NULL))
    g_error ("%s failed (a test peer is missing or broken): %s", argv[0], err);

  return (GPid)pid;
}

void
kefu_mail_peers_start (KefuMailPeers *peers,
                       gboolean       with_postfix)
{
  g_autofree char *dovecot = peer_script ("dovecot-start.sh");
  g_autofree char *postfix = peer_script ("postfix-start.sh");
  g_autofree char *imap = NULL;
  g_autofree char *lmtp = NULL;

  memset (peers, 0, sizeof *peers);
  peers->dir = g_dir_make_tmp ("kefu-mail-XXXXXX", NULL);
  g_assert_nonnull (peers->dir);
  /* Dovecot's and Postfix's unprivileged users must reach their files. */
  g_chmod (peers->dir, 0755);
  peers->imap_port = kefu_mail_free_port ();
  peers->lmtp_port = kefu_mail_free_port ();
  imap = g_strdup_printf ("%u", peers->imap_port);
  lmtp = g_strdup_printf ("%u", peers->lmtp_port);

  {
    g_autofree char *dir = g_build_filename (peers->dir, "dovecot", NULL);
    const char *argv[] = { dovecot, dir, imap, lmtp, NULL };

    peers->dovecot_pid = run_start_script (argv);
  }

  if (with_postfix)
    {
      g_autofree char *dir = g_build_filename (peers->dir, "postfix", NULL);
      g_autofree char *smtp = NULL;
      g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", peers->lmtp_port);
      const char *argv[] = { postfix, dir, NULL, target, NULL };

      peers->smtp_port = kefu_mail_free_port ();
      smtp = g_strdup_printf ("%u", peers->smtp_port);
      argv[2] = smtp;
      peers->postfix_pid = run_start_script (argv);
    }
}

static void
stop_pid (GPid pid)
{
  g_autofree char *stop = peer_script ("dovecot-stop.sh");
  g_autofree char *pid_text = g_strdup_printf ("%d", (int)pid);
  const char *argv[] = { stop, pid_text, NULL };

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL);
}

void
kefu_mail_peers_stop (KefuMailPeers *peers)
{
  if (peers->postfix_pid > 0)
    stop_pid (peers->postfix_pid);
  if (peers->dovecot_pid > 0)
    stop_pid (peers->dovecot_pid);
  if (peers->dir != NULL)
    {
      const char *argv[] = { "rm", "-rf", peers->dir, NULL };

      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }
  g_clear_pointer (&peers->dir, g_free);
}

/* LMTP straight into Dovecot, what a mail server does; Debian's python3
 * (not a pyenv one) has smtplib with LMTP. */
static const char deliver_script[] =
  "import smtplib, sys, email.utils\n"
  "port, to, sender, subject, extra, count = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])\n"
  "raw = open(sys.argv[7], 'rb').read()\n"
  "with smtplib.LMTP('127.0.0.1', port) as l:\n"
  "    if raw:\n"
  "        l.sendmail(sender, [to], raw)\n"
  "    for i in range(count):\n"
  "        frm = sender.replace('{i}', str(i))\n"
  "        msg = ('From: %s\\r\\nTo: %s\\r\\nSubject: %s\\r\\nMessage-ID: %s\\r\\nDate: %s\\r\\n%s'\n"
  "               'Content-Type: text/plain; charset=utf-8\\r\\n\\r\\nMessage number %d.\\r\\n') % (\n"
  "               frm, to, subject.replace('{i}', str(i)), email.utils.make_msgid(), email.utils.formatdate(localtime=True),\n"
  "               extra.replace('\\\\n', '\\r\\n'), i)\n"
  "        l.sendmail(frm, [to], msg.encode())\n";

static void
run_deliver (KefuMailPeers *peers,
             const char    *to,
             const char    *from,
             const char    *subject,
             const char    *extra,
             guint          count,
             const char    *raw)
{
  g_autofree char *port = g_strdup_printf ("%u", peers->lmtp_port);
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  g_autofree char *script = g_build_filename (peers->dir, "deliver.py", NULL);
  g_autofree char *input = g_build_filename (peers->dir, "deliver.eml", NULL);
  g_autofree char *command = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_file_set_contents (script, deliver_script, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (input, raw ? raw : "", -1, &error);
  g_assert_no_error (error);

  command = g_strdup_printf ("/usr/bin/python3 %s %s '%s' '%s' '%s' '%s' %s %s", script, port, to, from,
                             subject, extra ? extra : "", count_text, input);
  g_spawn_command_line_sync (command, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("LMTP delivery failed: %s", err);
}

/**
 * kefu_mail_deliver:
 * @from: the sender; "{i}" becomes the message's number
 * @subject: "{i}" becomes the message's number
 * @extra_headers: (nullable): more header lines, each ending in "\\n"
 */
void
kefu_mail_deliver (KefuMailPeers *peers,
                   const char    *to,
                   const char    *from,
                   const char    *subject,
                   const char    *extra_headers,
                   guint          count)
{
  run_deliver (peers, to, from, subject, extra_headers, count, NULL);
}

void
kefu_mail_deliver_raw (KefuMailPeers *peers,
                       const char    *to,
                       const char    *raw)
{
  run_deliver (peers, to, "sender@example.org", "", NULL, 0, raw);
}

/* The newest message in @user's INBOX whose subject contains @subject_part,
 * read with curl (an IMAP client that is not Kefu's). */
char *
kefu_mail_fetch_last (KefuMailPeers *peers,
                      const char    *user,
                      const char    *password,
                      const char    *subject_part,
                      guint          timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  do
    {
      g_autofree char *search = g_strdup_printf ("curl -sS imap://127.0.0.1:%u/INBOX -u '%s:%s' -X 'SEARCH SUBJECT \"%s\"'",
                                                 peers->imap_port, user, password, subject_part);
      g_autofree char *out = NULL;
      g_auto (GStrv) words = NULL;
      guint n;

      g_spawn_command_line_sync (search, &out, NULL, NULL, NULL);
      words = g_strsplit (g_strstrip (out ? out : ""), " ", -1);
      n = g_strv_length (words);
      if (n >= 3 && g_str_equal (words[1], "SEARCH"))
        {
          g_autofree char *fetch = g_strdup_printf ("curl -sS 'imap://127.0.0.1:%u/INBOX;MAILINDEX=%s' -u '%s:%s'",
                                                    peers->imap_port, words[n - 1], user, password);
          char *message = NULL;

          g_spawn_command_line_sync (fetch, &message, NULL, NULL, NULL);
          return message;
        }
      g_usleep (100 * 1000);
    }
  while (g_get_monotonic_time () < deadline);

  return NULL;
}

char *
kefu_mail_account_json (KefuMailPeers *peers,
                        const char    *user,
                        const char    *extra)
{
  return g_strdup_printf ("{\"imap-host\": \"127.0.0.1\", \"imap-port\": %u, \"imap-security\": \"none\","
                          " \"smtp-host\": \"127.0.0.1\", \"smtp-port\": %u, \"smtp-security\": \"none\","
                          " \"user\": \"%s\", \"folder\": \"INBOX\", \"display-name\": \"Tea Shop Support\","
                          " \"send-delay\": 0, \"poll-interval\": 1%s%s}",
                          peers->imap_port, peers->smtp_port ? peers->smtp_port : 25, user,
                          extra ? ", " : "", extra ? extra : "");
}

/**
 * kefu_mail_add_account:
 *
 * Adds an email account for @user to @store with its password in the
 * keyring (the test runs under tests/peers/keyring-run.sh).
 *
 * Returns: the account's id
 */
gint64
kefu_mail_add_account (KefuStore     *store,
                       KefuMailPeers *peers,
                       const char    *user,
                       const char    *password,
                       const char    *extra)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = kefu_mail_account_json (peers, user, extra);
  KefuAccountFields fields = { 0 };
  gint64 id;

  fields.kind = KEFU_CHANNEL_KIND_EMAIL;
  fields.name = user;
  fields.address = user;
  fields.config = json;
  fields.enabled = TRUE;
  kefu_store_insert_account_async (store, &fields, NULL, kefu_test_result_cb, &result);
  id = kefu_store_insert_account_finish (store, kefu_test_wait (&result), &error);
  g_assert_no_error (error);

  kefu_account_secret_store_async (id, user, password, NULL, kefu_test_result_cb, &stored);
  kefu_account_secret_store_finish (kefu_test_wait (&stored), &error);
  g_assert_no_error (error);

  return id;
}

/* Spins the main context until @done says so; FALSE on timeout. */
gboolean
kefu_mail_wait_for (gboolean (*done) (gpointer),
                    gpointer  data,
                    guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  return TRUE;
}
