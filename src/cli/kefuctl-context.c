/* kefuctl-context.c: what every kefuctl command shares: options, the store, errors, output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kefuctl-context.h"
#include "kefu-json.h"

#include "kefu-archive.h"
#include "kefu-enums.h"
#include "kefu-identity-normalize.h"
#include "kefu-knowledge-base.h"

G_DEFINE_QUARK (kefuctl-error-quark, kefuctl_error)

static GMainLoop *main_loop;

struct _KefuctlTable
{
  guint      n_columns;
  GPtrArray *rows;       /* GStrv; the first is the header */
  gboolean  *right;      /* right-aligned columns (a header starting with ">") */
};

static gboolean
on_interrupt (gpointer user_data)
{
  KefuctlContext *self = user_data;

  g_cancellable_cancel (self->cancellable);

  return G_SOURCE_CONTINUE;
}

void
kefuctl_main_loop_init (void)
{
  if (main_loop == NULL)
    main_loop = g_main_loop_new (NULL, FALSE);
}

void
kefuctl_context_init (KefuctlContext *self)
{
  memset (self, 0, sizeof *self);
  self->cancellable = g_cancellable_new ();
  kefuctl_main_loop_init ();
  g_unix_signal_add (SIGINT, on_interrupt, self);
  g_unix_signal_add (SIGTERM, on_interrupt, self);
}

void
kefuctl_context_clear (KefuctlContext *self)
{
  g_clear_object (&self->router);
  if (self->store != NULL)
    kefu_sqlite_store_close (self->store);
  g_clear_object (&self->store);
  if (self->pg_store != NULL)
    kefu_pg_store_close (self->pg_store);
  g_clear_object (&self->pg_store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->db_path, g_free);
}

/**
 * kefuctl_context_new_options:
 * @parameters: what follows the options, with the command first ("ticket NUMBER")
 * @entries: (nullable): the command's own options
 *
 * Returns: (transfer full): an option context that also takes --db
 */
GOptionContext *
kefuctl_context_new_options (KefuctlContext     *self,
                             const char         *parameters,
                             const char         *summary,
                             const GOptionEntry *entries)
{
  static char *db_description;
  GOptionEntry common[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &self->db_path, NULL, N_("FILE") },
    { NULL }
  };
  GOptionContext *options = g_option_context_new (parameters);

  if (db_description == NULL)
    {
      g_autofree char *path = kefu_sqlite_store_default_path ();

      db_description = g_strdup_printf (_("The database to use (default: %s)"), path);
    }
  common[0].description = db_description;

  g_option_context_set_summary (options, summary);
  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, common, GETTEXT_PACKAGE);

  return options;
}

/* Parses the command's options; argv[0] is the command's name. */
gboolean
kefuctl_context_parse (KefuctlContext   *self,
                       GOptionContext   *options,
                       int              *argc,
                       char           ***argv,
                       int               min_args,
                       int               max_args,
                       GError          **error)
{
  int n_args;

  if (!g_option_context_parse (options, argc, argv, error))
    return FALSE;

  n_args = *argc - 1;
  if (n_args >= 1 && g_str_equal ((*argv)[1], "--"))
    n_args--;
  if (n_args < min_args || (max_args >= 0 && n_args > max_args))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   n_args < min_args ? _("“%s” needs more arguments; see “kefuctl %s --help”.")
                                     : _("“%s” was given too many arguments; see “kefuctl %s --help”."),
                   self->command, self->command);
      return FALSE;
    }

  return TRUE;
}

char *
kefuctl_context_dup_db_path (KefuctlContext *self)
{
  /* team (#8): a team database, named without its password if it has one. */
  if (kefu_pg_store_is_uri (self->db_path))
    {
      g_autoptr (GUri) uri = g_uri_parse (self->db_path, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);

      if (uri == NULL)
        return g_strdup ("postgresql://…");
      return g_uri_join_with_user (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), g_uri_get_user (uri),
                                   NULL, NULL, g_uri_get_host (uri), g_uri_get_port (uri),
                                   g_uri_get_path (uri), NULL, NULL);
    }

  /* Absolute, so that messages name the file unambiguously and SQLite URIs work. */
  if (self->db_path != NULL)
    return g_canonicalize_filename (self->db_path, NULL);

  return kefu_sqlite_store_default_path ();
}

/**
 * kefuctl_context_open:
 *
 * Opens the --db database (migrating it if needed) and keeps it in @self.
 */
gboolean
kefuctl_context_open (KefuctlContext  *self,
                      KefuctlOpen      mode,
                      GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;

  /* team (#8): a team database; the password comes from libpq
   * (PGPASSWORD, ~/.pgpass), never from Kefu's settings. */
  if (kefu_pg_store_is_uri (self->db_path))
    {
      kefu_pg_store_open_async (self->db_path, self->cancellable, kefuctl_result_cb, &result);
      self->pg_store = kefu_pg_store_open_finish (kefuctl_wait (&result), error);

      return self->pg_store != NULL;
    }

  path = kefuctl_context_dup_db_path (self);
  display = g_filename_display_name (path);
  if (mode == KEFUCTL_OPEN_EXISTING && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_NOT_FOUND,
                   _("There is no database at %s. Create one with “kefuctl init”, or choose another with --db."),
                   display);
      return FALSE;
    }

  kefu_sqlite_store_open_async (path, self->cancellable, kefuctl_result_cb, &result);
  self->store = kefu_sqlite_store_open_finish (kefuctl_wait (&result), error);

  return self->store != NULL;
}

KefuStore *
kefuctl_context_get_store (KefuctlContext *self)
{
  if (self->pg_store != NULL)
    return KEFU_STORE (self->pg_store);

  return KEFU_STORE (self->store);
}

void
kefuctl_result_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_loop_quit (main_loop);
}

/* Runs the main loop until *@result is set by kefuctl_result_cb(). */
GAsyncResult *
kefuctl_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_loop_run (main_loop);

  return *result;
}

/**
 * kefuctl_exit_code:
 *
 * Maps an error to the documented exit code, by domain and code.
 */
int
kefuctl_exit_code (const GError *error)
{
  if (error == NULL)
    return KEFUCTL_EXIT_OK;

  if (error->domain == G_OPTION_ERROR)
    return KEFUCTL_EXIT_USAGE;

  if (error->domain == KEFUCTL_ERROR)
    return error->code == KEFUCTL_ERROR_NOT_FOUND ? KEFUCTL_EXIT_NOT_FOUND : KEFUCTL_EXIT_USAGE;

  if (error->domain == KEFU_STORE_ERROR)
    switch ((KefuStoreError)error->code)
      {
      case KEFU_STORE_ERROR_NOT_FOUND:
        return KEFUCTL_EXIT_NOT_FOUND;
      case KEFU_STORE_ERROR_LOCKED:
      case KEFU_STORE_ERROR_CORRUPT:
      case KEFU_STORE_ERROR_NEWER_SCHEMA:
        return KEFUCTL_EXIT_DATABASE;
      case KEFU_STORE_ERROR_IO:
      case KEFU_STORE_ERROR_UNREACHABLE:   /* team (#8) */
        return KEFUCTL_EXIT_IO;
      case KEFU_STORE_ERROR_AUTH_FAILED:   /* team (#8) */
        return KEFUCTL_EXIT_DATABASE;
      case KEFU_STORE_ERROR_INVALID:
        return KEFUCTL_EXIT_INPUT;
      case KEFU_STORE_ERROR_CONFLICT:
      default:
        return KEFUCTL_EXIT_OTHER;
      }

  if (error->domain == KEFU_IMPORT_ERROR)
    return error->code == KEFU_IMPORT_ERROR_NOT_EMPTY ? KEFUCTL_EXIT_USAGE : KEFUCTL_EXIT_INPUT;

  if (error->domain == KEFU_ROUTER_ERROR || error->domain == KEFU_IDENTITY_ERROR)
    return KEFUCTL_EXIT_INPUT;

  /* the robot's knowledge base */
  if (error->domain == KEFU_KB_ERROR)
    return KEFUCTL_EXIT_INPUT;

  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_NOT_FOUND:
        return KEFUCTL_EXIT_NOT_FOUND;
      case G_IO_ERROR_CANCELLED:
        return KEFUCTL_EXIT_OTHER;
      case G_IO_ERROR_INVALID_DATA:
        return KEFUCTL_EXIT_INPUT;
      default:
        return KEFUCTL_EXIT_IO;
      }

  if (error->domain == G_FILE_ERROR)
    return error->code == G_FILE_ERROR_NOENT ? KEFUCTL_EXIT_NOT_FOUND : KEFUCTL_EXIT_IO;

  return KEFUCTL_EXIT_OTHER;
}

gboolean
kefuctl_parse_count (const char  *text,
                     const char  *option,
                     guint       *out,
                     GError     **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL))
    {
      g_set_error (error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("%s takes a whole number, not “%s”."), option, text);
      return FALSE;
    }

  *out = (guint)value;

  return TRUE;
}

/* Reads. */

#define PAGE_SIZE 500

/**
 * kefuctl_list_tickets:
 * @limit: the most to list; 0 for all
 *
 * Pages through @query by key until @limit tickets or the end.
 *
 * Returns: (transfer container): the tickets
 */
GPtrArray *
kefuctl_list_tickets (KefuctlContext   *context,
                      const KefuQuery  *query,
                      guint             limit,
                      GError          **error)
{
  KefuStore *store = kefuctl_context_get_store (context);
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  KefuTicketKey after = { 0 };
  gboolean has_after = FALSE;

  for (;;)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GPtrArray) page = NULL;
      guint want = limit > 0 ? MIN (PAGE_SIZE, limit - all->len) : PAGE_SIZE;

      kefu_store_list_tickets_async (store, query, has_after ? &after : NULL, want,
                                     context->cancellable, kefuctl_result_cb, &result);
      page = kefu_store_list_tickets_finish (store, kefuctl_wait (&result), error);
      if (page == NULL)
        return NULL;

      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (page, i)));
      if (page->len == 0 || page->len < want || (limit > 0 && all->len >= limit))
        break;

      after.updated_at = kefu_ticket_get_updated_at (g_ptr_array_index (page, page->len - 1));
      after.id = kefu_ticket_get_id (g_ptr_array_index (page, page->len - 1));
      has_after = TRUE;
    }

  return g_steal_pointer (&all);
}

/* Output. */

gboolean
kefuctl_stdout_is_tty (void)
{
  return isatty (STDOUT_FILENO);
}

static gboolean
use_styles (void)
{
  return kefuctl_stdout_is_tty () && g_getenv ("NO_COLOR") == NULL;
}

/* Local time for people; "-" for "not yet". */
char *
kefuctl_format_time (gint64 usec)
{
  g_autoptr (GDateTime) time = NULL;

  if (usec == 0)
    return g_strdup ("-");

  time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  if (time == NULL)
    return g_strdup ("?");

  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

void
kefuctl_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

void
kefuctl_json_add_ticket (JsonBuilder *builder,
                         KefuTicket  *ticket)
{
  const char *const *tags = kefu_ticket_get_tags (ticket);

  json_builder_begin_object (builder);
  kefu_json_add_int (builder, "id", kefu_ticket_get_id (ticket));
  kefu_json_add_int (builder, "number", kefu_ticket_get_number (ticket));
  kefu_json_add_string (builder, "subject", kefu_ticket_get_subject (ticket));
  kefu_json_add_enum (builder, "status", KEFU_TYPE_TICKET_STATUS, kefu_ticket_get_status (ticket));
  kefu_json_add_enum (builder, "priority", KEFU_TYPE_PRIORITY, kefu_ticket_get_priority (ticket));
  kefu_json_add_enum (builder, "channel", KEFU_TYPE_CHANNEL_KIND, kefu_ticket_get_channel (ticket));
  json_builder_set_member_name (builder, "customer");
  json_builder_begin_object (builder);
  kefu_json_add_int (builder, "id", kefu_ticket_get_customer_id (ticket));
  kefu_json_add_string (builder, "name", kefu_ticket_get_customer_name (ticket));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "assignee");
  if (kefu_ticket_get_assignee_id (ticket) > 0)
    {
      json_builder_begin_object (builder);
      kefu_json_add_int (builder, "id", kefu_ticket_get_assignee_id (ticket));
      kefu_json_add_string (builder, "name", kefu_ticket_get_assignee_name (ticket));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  kefu_json_add_string (builder, "preview", kefu_ticket_get_preview (ticket));
  kefu_json_add_int (builder, "message_count", kefu_ticket_get_message_count (ticket));
  kefu_json_add_time (builder, "created_at", kefu_ticket_get_created_at (ticket));
  kefu_json_add_time (builder, "updated_at", kefu_ticket_get_updated_at (ticket));
  kefu_json_add_time (builder, "first_response_at", kefu_ticket_get_first_response_at (ticket));
  kefu_json_add_time (builder, "resolved_at", kefu_ticket_get_resolved_at (ticket));
  kefu_json_add_time (builder, "due_at", kefu_ticket_get_due_at (ticket));
  kefu_json_add_int (builder, "version", kefu_ticket_get_version (ticket));
  json_builder_end_object (builder);
}

void
kefuctl_json_add_customer (JsonBuilder  *builder,
                           KefuCustomer *customer)
{
  GPtrArray *identities = kefu_customer_get_identities (customer);

  json_builder_begin_object (builder);
  kefu_json_add_int (builder, "id", kefu_customer_get_id (customer));
  kefu_json_add_string (builder, "name", kefu_customer_get_name (customer));
  kefu_json_add_string (builder, "company", kefu_customer_get_company (customer));
  kefu_json_add_string (builder, "language", kefu_customer_get_language (customer));
  kefu_json_add_string (builder, "notes", kefu_customer_get_notes (customer));
  kefu_json_add_int (builder, "ticket_count", kefu_customer_get_ticket_count (customer));
  kefu_json_add_time (builder, "created_at", kefu_customer_get_created_at (customer));
  kefu_json_add_time (builder, "last_contact_at", kefu_customer_get_last_contact_at (customer));
  json_builder_set_member_name (builder, "identities");
  json_builder_begin_array (builder);
  for (guint i = 0; identities != NULL && i < identities->len; i++)
    {
      KefuIdentity *identity = g_ptr_array_index (identities, i);

      json_builder_begin_object (builder);
      kefu_json_add_enum (builder, "kind", KEFU_TYPE_IDENTITY_KIND, kefu_identity_get_kind (identity));
      kefu_json_add_string (builder, "value", kefu_identity_get_value (identity));
      kefu_json_add_string (builder, "display", kefu_identity_get_display (identity));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
kefuctl_print_tickets (GPtrArray *tickets,
                       gboolean   json)
{
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < tickets->len; i++)
        kefuctl_json_add_ticket (builder, g_ptr_array_index (tickets, i));
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      kefuctl_print_json (root);
      return;
    }

  if (tickets->len == 0)
    {
      g_print ("%s\n", _("No tickets."));
      return;
    }

  {
    g_autoptr (KefuctlTable) table = NULL;

    /* Translators: column headers; ">" right-aligns a column and is not shown */
    table = kefuctl_table_new (6, _(">#"), _("STATUS"), _("CHANNEL"), _("UPDATED"), _("CUSTOMER"), _("SUBJECT"));
    for (guint i = 0; i < tickets->len; i++)
      {
        KefuTicket *ticket = g_ptr_array_index (tickets, i);
        g_autofree char *number = g_strdup_printf ("%" PRId64, kefu_ticket_get_number (ticket));
        g_autofree char *updated = kefuctl_format_time (kefu_ticket_get_updated_at (ticket));

        kefuctl_table_add_row (table, number,
                               kefu_enum_to_nick (KEFU_TYPE_TICKET_STATUS, kefu_ticket_get_status (ticket)),
                               kefu_enum_to_nick (KEFU_TYPE_CHANNEL_KIND, kefu_ticket_get_channel (ticket)),
                               updated, kefu_ticket_get_customer_name (ticket),
                               kefu_ticket_get_subject (ticket));
      }
    kefuctl_table_print (table);
  }
}

/* Tables: columns padded by how wide text shows in a terminal (CJK is two). */

static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

static char *
truncate_to_width (const char *text,
                   guint       max_width)
{
  GString *out = g_string_new (NULL);
  guint width = 0;

  if (display_width (text) <= max_width)
    return g_strdup (text);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;

      if (width + w + 1 > max_width)
        break;
      g_string_append_unichar (out, c);
      width += w;
    }
  g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

static guint
terminal_width (void)
{
  struct winsize size;

  if (ioctl (STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20)
    return size.ws_col;

  return 0;
}

KefuctlTable *
kefuctl_table_new (guint n_columns,
                   ...)
{
  KefuctlTable *self = g_new0 (KefuctlTable, 1);
  char **header = g_new0 (char *, n_columns + 1);
  va_list args;

  self->n_columns = n_columns;
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  self->right = g_new0 (gboolean, n_columns);

  va_start (args, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      const char *title = va_arg (args, const char *);

      self->right[i] = title[0] == '>';
      header[i] = g_strdup (self->right[i] ? title + 1 : title);
    }
  va_end (args);
  g_ptr_array_add (self->rows, header);

  return self;
}

/* Takes n_columns strings; NULL shows as empty. Newlines become spaces. */
void
kefuctl_table_add_row (KefuctlTable *self,
                       ...)
{
  char **row = g_new0 (char *, self->n_columns + 1);
  va_list args;

  va_start (args, self);
  for (guint i = 0; i < self->n_columns; i++)
    {
      const char *cell = va_arg (args, const char *);

      row[i] = g_strdelimit (g_strdup (cell ? cell : ""), "\n\t\r", ' ');
    }
  va_end (args);
  g_ptr_array_add (self->rows, row);
}

void
kefuctl_table_print (KefuctlTable *self)
{
  g_autofree guint *widths = g_new0 (guint, self->n_columns);
  gboolean styled = use_styles ();
  guint columns = kefuctl_stdout_is_tty () ? terminal_width () : 0;
  guint used = 0;

  for (guint r = 0; r < self->rows->len; r++)
    {
      char **row = g_ptr_array_index (self->rows, r);

      for (guint c = 0; c < self->n_columns; c++)
        widths[c] = MAX (widths[c], display_width (row[c]));
    }
  for (guint c = 0; c + 1 < self->n_columns; c++)
    used += widths[c] + 2;

  for (guint r = 0; r < self->rows->len; r++)
    {
      char **row = g_ptr_array_index (self->rows, r);
      g_autoptr (GString) line = g_string_new (NULL);

      for (guint c = 0; c < self->n_columns; c++)
        {
          guint pad = widths[c] - display_width (row[c]);
          gboolean last = c + 1 == self->n_columns;
          g_autofree char *cell = NULL;

          if (last && columns > used + 10)
            cell = truncate_to_width (row[c], columns - used - 1);
          else
            cell = g_strdup (row[c]);

          if (self->right[c])
            for (guint i = 0; i < pad; i++)
              g_string_append_c (line, ' ');
          g_string_append (line, cell);
          if (!self->right[c] && !last)
            for (guint i = 0; i < pad; i++)
              g_string_append_c (line, ' ');
          if (!last)
            g_string_append (line, "  ");
        }

      if (r == 0 && styled)
        g_print ("\033[1m%s\033[0m\n", line->str);
      else
        g_print ("%s\n", line->str);
    }
}

void
kefuctl_table_free (KefuctlTable *self)
{
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->right);
  g_free (self);
}

static gboolean
spin_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/**
 * kefuctl_spin:
 * @done: (nullable): stops the wait when it returns %TRUE
 *
 * Runs the main loop until @done says so, @ms milliseconds pass, or Ctrl+C.
 */
void
kefuctl_spin (KefuctlContext  *self,
              gboolean       (*done) (gpointer),
              gpointer         data,
              guint            ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, spin_timeout_cb, &timed_out);

  while (!timed_out && !g_cancellable_is_cancelled (self->cancellable) && (done == NULL || !done (data)))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
}
