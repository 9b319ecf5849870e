/* kefuctl-team.c: kefuctl team migrate and export: a database moved between SQLite and PostgreSQL.
 *
 * Both go through the JSON archive (kefu-archive.h), which keeps every id:
 * the source is exported to a private temporary file, the file is imported
 * into the empty target, and the target is exported again. The two
 * archives must have the same counts and the same SHA-256, or the move is
 * reported as failed. The robot's knowledge base, canned replies and
 * snoozes, which the archive does not carry, are copied store to store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kefuctl-context.h"

#include "kefu-archive.h"
#include "kefu-canned.h"
#include "kefu-pg-store.h"
#include "kefu-sqlite-store.h"

#define IFACE(store) KEFU_STORE_GET_IFACE (store)

/* At most this many snoozes move (list_due_snoozes pages by 500). */
#define MAX_SNOOZE_PAGES (1000)

typedef struct
{
  KefuStore *store;
  char      *location;   /* for messages: a path, or a URI without its password */
} Endpoint;

static void
endpoint_clear (Endpoint *endpoint)
{
  if (endpoint->store != NULL)
    {
      if (KEFU_IS_PG_STORE (endpoint->store))
        kefu_pg_store_close (KEFU_PG_STORE (endpoint->store));
      else
        kefu_sqlite_store_close (KEFU_SQLITE_STORE (endpoint->store));
    }
  g_clear_object (&endpoint->store);
  g_clear_pointer (&endpoint->location, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Endpoint, endpoint_clear)

/* A URI as it may be printed: without a password in it. */
static char *
display_location (const char *location)
{
  g_autoptr (GUri) uri = NULL;

  if (!kefu_pg_store_is_uri (location))
    return g_filename_display_name (location);

  uri = g_uri_parse (location, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return g_strdup ("postgresql://…");

  return g_uri_join_with_user (G_URI_FLAGS_ENCODED, "postgresql", g_uri_get_user (uri), NULL, NULL,
                               g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri),
                               NULL, NULL);
}

static gboolean
open_target (KefuctlContext  *context,
             const char      *location,
             Endpoint        *target,
             GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  target->location = display_location (location);

  if (kefu_pg_store_is_uri (location))
    {
      kefu_pg_store_open_async (location, context->cancellable, kefuctl_result_cb, &result);
      target->store = (KefuStore *)kefu_pg_store_open_finish (kefuctl_wait (&result), error);
    }
  else
    {
      /* A new file only: an export never overwrites a database. */
      if (g_file_test (location, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_REFUSED,
                       _("%s already exists. Choose a new file for the exported database."),
                       target->location);
          return FALSE;
        }
      kefu_sqlite_store_open_async (location, context->cancellable, kefuctl_result_cb, &result);
      target->store = (KefuStore *)kefu_sqlite_store_open_finish (kefuctl_wait (&result), error);
    }

  return target->store != NULL;
}

/* Writes the archive of @store to a new private temporary file. */
static GFile *
export_to_temp (KefuctlContext     *context,
                KefuStore          *store,
                KefuArchiveCounts  *counts,
                GError            **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GFileIOStream) io = NULL;
  g_autoptr (GFile) file = NULL;
  gboolean ok;

  file = g_file_new_tmp ("kefu-team-XXXXXX.json", &io, error);
  if (file == NULL)
    return NULL;

  kefu_archive_export_async (store, g_io_stream_get_output_stream (G_IO_STREAM (io)),
                             context->cancellable, kefuctl_result_cb, &result);
  ok = kefu_archive_export_finish (store, kefuctl_wait (&result), counts, error);
  if (!g_io_stream_close (G_IO_STREAM (io), NULL, ok ? error : NULL) || !ok)
    {
      g_file_delete (file, NULL, NULL);
      return NULL;
    }

  return g_steal_pointer (&file);
}

static char *
checksum_file (GFile   *file,
               GError **error)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, error);
  guchar buffer[64 * 1024];
  gssize n;

  if (stream == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, error)) > 0)
    g_checksum_update (checksum, buffer, n);
  if (n < 0)
    return NULL;

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
import_file (KefuctlContext     *context,
             KefuStore          *store,
             GFile              *file,
             KefuArchiveCounts  *counts,
             GError            **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GFileInputStream) stream = g_file_read (file, NULL, error);

  if (stream == NULL)
    return FALSE;

  kefu_archive_import_async (store, G_INPUT_STREAM (stream), context->cancellable, kefuctl_result_cb, &result);

  return kefu_archive_import_finish (store, kefuctl_wait (&result), counts, error);
}

/* What the archive does not carry, read from the source in one job. */
typedef struct
{
  char      *kb_json;
  GPtrArray *canned;     /* KefuCannedReply */
  GArray    *snoozes;    /* gint64 pairs: ticket id, until */
} Extras;

static void
extras_free (Extras *extras)
{
  g_free (extras->kb_json);
  g_clear_pointer (&extras->canned, g_ptr_array_unref);
  g_clear_pointer (&extras->snoozes, g_array_unref);
  g_free (extras);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Extras, extras_free)

static gpointer
read_extras_job (KefuStore     *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr (Extras) extras = g_new0 (Extras, 1);
  g_autoptr (GArray) due = NULL;

  extras->kb_json = IFACE (store)->list_kb_entries (store, error);
  if (extras->kb_json == NULL)
    return NULL;
  extras->canned = IFACE (store)->list_canned_replies (store, error);
  if (extras->canned == NULL)
    return NULL;

  extras->snoozes = g_array_new (FALSE, FALSE, sizeof (gint64));
  due = IFACE (store)->list_due_snoozes (store, G_MAXINT64, error);
  if (due == NULL)
    return NULL;
  for (guint i = 0; i < due->len; i++)
    {
      gint64 ticket_id = g_array_index (due, gint64, i);
      gint64 until = IFACE (store)->get_snooze (store, ticket_id, error);

      if (until < 0)
        return NULL;
      g_array_append_val (extras->snoozes, ticket_id);
      g_array_append_val (extras->snoozes, until);
    }

  return g_steal_pointer (&extras);
}

static gpointer
write_extras_job (KefuStore     *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Extras *extras = data;
  gint64 now = g_get_real_time ();

  if (!IFACE (store)->put_kb_entries (store, extras->kb_json, TRUE, error))
    return NULL;
  for (guint i = 0; i < extras->canned->len; i++)
    {
      KefuCannedReply *reply = g_ptr_array_index (extras->canned, i);

      if (IFACE (store)->save_canned_reply (store, 0, kefu_canned_reply_get_title (reply),
                                            kefu_canned_reply_get_body (reply),
                                            kefu_canned_reply_get_updated_at (reply), error) == 0)
        return NULL;
    }
  for (guint i = 0; i + 1 < extras->snoozes->len; i += 2)
    if (!IFACE (store)->set_snooze (store, g_array_index (extras->snoozes, gint64, i),
                                    g_array_index (extras->snoozes, gint64, i + 1), now, error))
      return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gboolean
copy_extras (KefuctlContext  *context,
             KefuStore       *source,
             KefuStore       *target,
             guint           *n_kb_canned_snoozes,
             GError         **error)
{
  g_autoptr (GAsyncResult) read_result = NULL;
  g_autoptr (GAsyncResult) write_result = NULL;
  Extras *extras;

  kefu_store_read_async (source, read_extras_job, NULL, NULL, (GDestroyNotify)extras_free,
                         context->cancellable, kefuctl_result_cb, &read_result);
  extras = kefu_store_job_finish (source, kefuctl_wait (&read_result), error);
  if (extras == NULL)
    return FALSE;

  n_kb_canned_snoozes[1] = extras->canned->len;
  n_kb_canned_snoozes[2] = extras->snoozes->len / 2;
  kefu_store_write_async (target, write_extras_job, extras, (GDestroyNotify)extras_free, NULL,
                          context->cancellable, kefuctl_result_cb, &write_result);

  return kefu_store_job_finish (target, kefuctl_wait (&write_result), error) != NULL;
}

static gboolean
same_counts (const KefuArchiveCounts *a,
             const KefuArchiveCounts *b)
{
  return a->agents == b->agents && a->accounts == b->accounts && a->customers == b->customers &&
         a->tickets == b->tickets && a->messages == b->messages && a->attachments == b->attachments &&
         a->settings == b->settings;
}

/* Moves everything from the --db store into the empty store at @location. */
static gboolean
move_to (KefuctlContext  *context,
         const char      *location,
         GError         **error)
{
  g_auto (Endpoint) target = { 0 };
  g_autoptr (GFile) source_archive = NULL;
  g_autoptr (GFile) target_archive = NULL;
  g_autofree char *source_sum = NULL;
  g_autofree char *target_sum = NULL;
  KefuArchiveCounts source_counts = { 0 };
  KefuArchiveCounts imported = { 0 };
  KefuArchiveCounts target_counts = { 0 };
  guint extras[3] = { 0 };
  KefuStore *source;
  gint64 start = g_get_monotonic_time ();
  gboolean ok = FALSE;

  if (!kefuctl_context_open (context, KEFUCTL_OPEN_EXISTING, error))
    return FALSE;
  source = kefuctl_context_get_store (context);
  if (!open_target (context, location, &target, error))
    return FALSE;

  source_archive = export_to_temp (context, source, &source_counts, error);
  if (source_archive == NULL)
    return FALSE;

  if (!import_file (context, target.store, source_archive, &imported, error) ||
      !copy_extras (context, source, target.store, extras, error))
    goto out;

  target_archive = export_to_temp (context, target.store, &target_counts, error);
  if (target_archive == NULL)
    goto out;
  source_sum = checksum_file (source_archive, error);
  if (source_sum == NULL)
    goto out;
  target_sum = checksum_file (target_archive, error);
  if (target_sum == NULL)
    goto out;

  if (!same_counts (&source_counts, &target_counts) || g_strcmp0 (source_sum, target_sum) != 0)
    {
      g_set_error (error, KEFU_STORE_ERROR, KEFU_STORE_ERROR_CORRUPT,
                   _("The copy in %s differs from the original (checksums %.12s and %.12s). Do not use it; delete it and try again."),
                   target.location, source_sum, target_sum);
      goto out;
    }

  g_print (_("Moved %u tickets, %" PRIu64 " messages, %" PRIu64 " attachments, %u customers, %u agents, "
             "%u accounts, %u settings, %u canned replies and %u snoozes to %s in %.1f s.\n"),
           target_counts.tickets, target_counts.messages, target_counts.attachments,
           target_counts.customers, target_counts.agents, target_counts.accounts,
           target_counts.settings, extras[1], extras[2], target.location,
           (g_get_monotonic_time () - start) / 1e6);
  g_print (_("Both archives have SHA-256 %s.\n"), target_sum);
  ok = TRUE;

out:
  if (source_archive != NULL)
    g_file_delete (source_archive, NULL, NULL);
  if (target_archive != NULL)
    g_file_delete (target_archive, NULL, NULL);

  return ok;
}

gboolean
kefuctl_team_run (KefuctlContext  *context,
                  int              argc,
                  char           **argv,
                  GError         **error)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autofree char *to = NULL;
  int rounds = 100;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("where to move the database: postgresql://… or FILE"), N_("TARGET") },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, N_("bench: how many times to open the inbox and a ticket"), N_("N") },
    { NULL }
  };

  options = kefuctl_context_new_options (context, "team migrate --to postgresql://… | export --to FILE | bench",
                                         _("Moves a database for team mode. “migrate” copies the --db database "
                                           "into an empty PostgreSQL database (the password comes from PGPASSWORD "
                                           "or ~/.pgpass); “export” copies a team database (--db postgresql://…) "
                                           "into a new SQLite file. Counts and checksums of both sides are "
                                           "compared; the source is never changed. “bench” measures how fast the "
                                           "inbox and a ticket open on the --db database."),
                                         entries);
  if (!kefuctl_context_parse (context, options, &argc, &argv, 1, 1, error))
    return FALSE;

  if (g_str_equal (argv[1], "bench"))
    return kefuctl_team_bench (context, (guint)CLAMP (rounds, 1, 100000), error);
  if (to == NULL)
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("Say where to with --to; see “kefuctl team --help”."));
      return FALSE;
    }
  if (g_str_equal (argv[1], "migrate") && kefu_pg_store_is_uri (to))
    return move_to (context, to, error);
  if (g_str_equal (argv[1], "export") && !kefu_pg_store_is_uri (to))
    {
      if (!kefu_pg_store_is_uri (context->db_path))
        {
          g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                       _("“kefuctl team export” reads a team database: give it with --db postgresql://…"));
          return FALSE;
        }
      return move_to (context, to, error);
    }

  g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
               _("Use “kefuctl team migrate --to postgresql://…” or “kefuctl --db postgresql://… team export --to FILE”."));
  return FALSE;
}
