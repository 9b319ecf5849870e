/* kefuctl-bench-email.c: `kefuctl bench email MAILDIR`: ingest a Maildir, beside `notmuch new` on the same files.
 *
 * Kefu's side is the whole inbound path the IMAP thread uses: read, parse
 * with GMime, and store through the router in batches, each one transaction.
 * Both run on the same files in the same run, into temporary databases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kefuctl-context.h"

#include "kefu-email-parse.h"

static const char * const templates[] = {
  "From: \"客户 %1$u\" <customer%1$u@example.cn>\r\nTo: support@shop.example\r\nSubject: =?UTF-8?B?6YCA5qy+55Sz6K+3?= %2$u\r\n"
  "Message-ID: <bench-%2$u@example.cn>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0800\r\nMIME-Version: 1.0\r\n"
  "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
  "你好，我想申请退款，订单号 %2$u。茶叶的包装破了，请尽快处理。\r\n谢谢！\r\n",

  "From: Customer %1$u <customer%1$u@example.com>\r\nTo: support@shop.example\r\nSubject: Order %2$u has not arrived\r\n"
  "Message-ID: <bench-%2$u@example.com>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
  "Content-Type: multipart/alternative; boundary=\"b%2$u\"\r\n\r\n--b%2$u\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
  "Hello, my order %2$u has not arrived yet. Could you check the tracking number?\r\n--b%2$u\r\n"
  "Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Hello, my order <b>%2$u</b> has not arrived yet.</p>"
  "<p>Could you check the <a href=\"https://shop.example/track\">tracking number</a>?</p></body></html>\r\n--b%2$u--\r\n",

  "From: customer%1$u@example.tw\r\nTo: support@shop.example\r\nSubject: =?big5?B?uUKkT6xkuN8=?= %2$u\r\n"
  "Message-ID: <bench-%2$u@example.tw>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0800\r\nMIME-Version: 1.0\r\n"
  "Content-Type: text/plain; charset=big5\r\nContent-Transfer-Encoding: base64\r\n\r\nvdC w91C5Ow7G0uKVppNakQUGhSA=\r\n",
};

static void
generate (const char *maildir,
          guint       count)
{
  g_autofree char *cur = g_build_filename (maildir, "cur", NULL);
  g_autofree char *dir_new = g_build_filename (maildir, "new", NULL);
  g_autofree char *tmp = g_build_filename (maildir, "tmp", NULL);

  g_mkdir_with_parents (cur, 0700);
  g_mkdir_with_parents (dir_new, 0700);
  g_mkdir_with_parents (tmp, 0700);

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.bench%u.kefu:2,S", 1790000000 + i, i);
      g_autofree char *path = g_build_filename (cur, name, NULL);
      g_autofree char *text = g_strdup_printf (templates[i % G_N_ELEMENTS (templates)], i % 5000, i);

      g_file_set_contents (path, text, -1, NULL);
    }
}

static void
list_messages (const char *maildir,
               GPtrArray  *paths)
{
  static const char * const subdirs[] = { "cur", "new" };

  for (guint s = 0; s < G_N_ELEMENTS (subdirs); s++)
    {
      g_autofree char *dir_path = g_build_filename (maildir, subdirs[s], NULL);
      g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
    }
}

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

static GPtrArray *
parse_batch (GPtrArray *paths,
             guint      start,
             guint      count)
{
  GPtrArray *inbounds = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_inbound_free);

  for (guint i = start; i < start + count && i < paths->len; i++)
    {
      g_autofree char *data = NULL;
      gsize size = 0;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (KefuEmailParsed) parsed = NULL;

      if (!g_file_get_contents (g_ptr_array_index (paths, i), &data, &size, NULL))
        continue;
      bytes = g_bytes_new_take (g_steal_pointer (&data), size);
      parsed = kefu_email_parse (bytes, 0);
      g_ptr_array_add (inbounds, g_steal_pointer (&parsed->inbound));
    }

  return inbounds;
}

static double
run_notmuch (const char  *maildir,
             const char  *tmp,
             GError     **error)
{
  g_autofree char *config = g_build_filename (tmp, "notmuch-config", NULL);
  g_autofree char *database = g_build_filename (tmp, "notmuch", NULL);
  g_autofree char *text = g_strdup_printf ("[database]\npath=%s\nmail_root=%s\n[new]\ntags=inbox;\n"
                                           "[maildir]\nsynchronize_flags=false\n", database, maildir);
  g_auto (GStrv) env = g_get_environ ();
  const char *argv[] = { "notmuch", "new", "--quiet", NULL };
  g_autofree char *err = NULL;
  int status = 0;
  gint64 start;

  g_mkdir_with_parents (database, 0700);
  if (!g_file_set_contents (config, text, -1, error))
    return -1;
  env = g_environ_setenv (env, "NOTMUCH_CONFIG", config, TRUE);

  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **)argv, env, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, error))
    return -1;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE, _("notmuch new failed: %s"), err);
      return -1;
    }

  return (g_get_monotonic_time () - start) / 1e6;
}

gboolean
kefuctl_bench_email_run (KefuctlContext  *context,
                         int              argc,
                         char           **argv,
                         GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (KefuSqliteStore) store = NULL;
  g_autoptr (KefuRouter) router = NULL;
  g_autoptr (GAsyncResult) opened = NULL;
  g_autoptr (GPtrArray) batch = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *db = NULL;
  const char *maildir;
  gboolean no_notmuch = FALSE;
  int generate_count = 0;
  int batch_size = 500;
  guint stored = 0;
  gint64 start;
  double kefu_seconds;
  double notmuch_seconds;
  const GOptionEntry entries[] = {
    { "generate", 0, 0, G_OPTION_ARG_INT, &generate_count, N_("First write N sample messages into MAILDIR"), N_("N") },
    { "batch", 0, 0, G_OPTION_ARG_INT, &batch_size, N_("Messages per transaction (default 500)"), N_("N") },
    { "no-notmuch", 0, 0, G_OPTION_ARG_NONE, &no_notmuch, N_("Do not run notmuch new beside it"), NULL },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "bench email MAILDIR",
                                         _("Ingests every message of a Maildir into a temporary database and "
                                           "reports messages per second, beside notmuch new on the same files."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 1, 1, error))
    return FALSE;
  maildir = argv[argc - 1];
  batch_size = CLAMP (batch_size, 1, 100000);

  if (generate_count > 0)
    generate (maildir, (guint)generate_count);
  list_messages (maildir, paths);
  if (paths->len == 0)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_NOT_FOUND,
                   _("%s has no messages in cur/ or new/. Use --generate N for sample mail."), maildir);
      return FALSE;
    }

  tmp = g_dir_make_tmp ("kefu-bench-email-XXXXXX", error);
  if (tmp == NULL)
    return FALSE;
  db = g_build_filename (tmp, "kefu.db", NULL);
  kefu_sqlite_store_open_async (db, context->cancellable, kefuctl_result_cb, &opened);
  store = kefu_sqlite_store_open_finish (kefuctl_wait (&opened), error);
  if (store == NULL)
    {
      remove_tree (tmp);
      return FALSE;
    }
  router = kefu_router_new (KEFU_STORE (store));

  /* The next batch is parsed while the store's writer commits this one. */
  start = g_get_monotonic_time ();
  batch = parse_batch (paths, 0, (guint)batch_size);
  for (guint next = (guint)batch_size; batch->len > 0; next += (guint)batch_size)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GPtrArray) deliveries = NULL;
      g_autoptr (GPtrArray) following = NULL;
      g_autofree char *checkpoint = g_strdup_printf ("%u", next);

      kefu_router_receive_many_async (router, batch, "bench.email", checkpoint, context->cancellable,
                                      kefuctl_result_cb, &result);
      following = parse_batch (paths, next, (guint)batch_size);
      deliveries = kefu_router_receive_many_finish (router, kefuctl_wait (&result), error);
      if (deliveries == NULL)
        {
          kefu_sqlite_store_close (store);
          remove_tree (tmp);
          return FALSE;
        }
      stored += deliveries->len;
      g_ptr_array_unref (batch);
      batch = g_steal_pointer (&following);
    }
  kefu_seconds = (g_get_monotonic_time () - start) / 1e6;
  kefu_sqlite_store_close (store);

  g_print (_("Kefu:        %u messages in %.2f s, %.0f messages/s\n"), stored, kefu_seconds,
           stored / MAX (kefu_seconds, 1e-6));

  if (!no_notmuch)
    {
      notmuch_seconds = run_notmuch (maildir, tmp, error);
      if (notmuch_seconds < 0)
        {
          g_prefix_error (error, "%s ", _("Install notmuch, or pass --no-notmuch:"));
          remove_tree (tmp);
          return FALSE;
        }
      g_print (_("notmuch new: %u messages in %.2f s, %.0f messages/s\n"), paths->len, notmuch_seconds,
               paths->len / MAX (notmuch_seconds, 1e-6));
      g_print (_("Kefu is %.2f× as fast as notmuch new.\n"), notmuch_seconds / MAX (kefu_seconds, 1e-6));
    }

  remove_tree (tmp);

  return TRUE;
}
