/* kefuctl.c: Kefu from the command line: parse the global options, run one command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <malloc.h>

#include "kefuctl-context.h"
#include "kefu-i18n.h"

static const struct {
  const char         *name;
  KefuctlCommandFunc  run;
  const char         *summary;
} commands[] = {
  { "init", kefuctl_init_run, N_("Create or upgrade the database and print its path") },
  { "demo", kefuctl_demo_run, N_("Fill an empty database with a sample tea shop") },
  { "tickets", kefuctl_tickets_run, N_("List tickets") },
  { "ticket", kefuctl_ticket_run, N_("Show one ticket with its whole timeline") },
  { "customers", kefuctl_customers_run, N_("List customers") },
  { "search", kefuctl_search_run, N_("Find tickets by their text") },
  { "export", kefuctl_export_run, N_("Write everything to a JSON archive") },
  { "import", kefuctl_import_run, N_("Read a JSON archive into an empty database") },
  { "backup", kefuctl_backup_run, N_("Copy the database while it is in use") },
  { "restore", kefuctl_restore_run, N_("Replace the database with a backup") },
  { "account", kefuctl_account_run, N_("Add, list, test or remove channel accounts (mailboxes)") },
  { "serve", kefuctl_serve_run, N_("Run the configured channels without a window") },
  { "bench", kefuctl_bench_run, N_("Measure: email, robot, reports, chat (see “kefuctl bench”)") },
  { "kb", kefuctl_kb_run, N_("Import, export or list the robot's knowledge base") },
  { "robot-eval", kefuctl_robot_eval_run, N_("Measure the robot on a labelled set of questions") },
  { "report", kefuctl_report_run, N_("Print the dashboard and write it as PDF and CSV") },
  { "chat", kefuctl_chat_run, N_("Set up the chat server for your website: enable, disable, config, show") },
  { "call", kefuctl_call_run, N_("Call a number on a phone line and log the call") },
  { "team", kefuctl_team_run, N_("Move a database to a team's PostgreSQL server, or back") },
};

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:\n"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _(commands[i].summary));

  g_string_append (text, _("\nRun “kefuctl COMMAND --help” for a command's options.\n"
                           "Every command takes --db FILE, before or after the command.\n"
                           "\nExit status:\n"
                           "  0  success\n"
                           "  1  usage: a wrong option or argument, or a target that needs --force\n"
                           "  2  not found: no such ticket, database or file\n"
                           "  3  database unusable: locked by another program, damaged, or newer than this Kefu\n"
                           "  4  bad input: an archive or value Kefu refuses\n"
                           "  5  I/O error: disk full, no permission\n"
                           "  6  any other error, or interrupted"));

  return g_string_free (text, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;
  KefuctlContext context;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };
  int status = KEFUCTL_EXIT_OK;

  /* kefuctl builds and frees big batches on two threads; glibc would hand
   * the memory back after each one (madvise and a TLB flush on every core),
   * which cost demo a fifth of its time. Keep it for the next batch instead. */
  mallopt (M_TRIM_THRESHOLD, 256 * 1024 * 1024);

  kefu_i18n_init ();
  g_set_prgname ("kefuctl");

  kefuctl_context_init (&context);

  /* Options up to the command are kefuctl's own; the command parses the rest. */
  options = kefuctl_context_new_options (&context, _("COMMAND [OPTION…]"),
                                         _("Kefu's help desk from the command line."), entries);
  description = describe_commands ();
  g_option_context_set_description (options, description);
  g_option_context_set_strict_posix (options, TRUE);

  if (!g_option_context_parse (options, &argc, &argv, &error))
    goto out;

  if (version)
    {
      g_print ("kefuctl %s\n", PACKAGE_VERSION);
      goto out;
    }

  if (argc < 2)
    {
      g_set_error (&error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
                   _("Which command? See “kefuctl --help”."));
      goto out;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        context.command = commands[i].name;
        commands[i].run (&context, argc - 1, argv + 1, &error);
        goto out;
      }

  g_set_error (&error, KEFUCTL_ERROR, KEFUCTL_ERROR_USAGE,
               _("“%s” is not a kefuctl command. See “kefuctl --help”."), argv[1]);

out:
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_printerr ("kefuctl: %s\n", _("Interrupted; nothing of the unfinished step was written."));
      else
        g_printerr ("kefuctl: %s\n", error->message);
      status = kefuctl_exit_code (error);
    }

  kefuctl_context_clear (&context);

  return status;
}
