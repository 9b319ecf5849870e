/* kefu-kb-robot.c: the running robot as the knowledge-base widgets see it, and matching off the main thread.
 *
 * The knowledge-base page, the robot preferences and the composer's assist
 * bar all work with the one robot the application runs, so an edit reaches
 * it at once and a suggestion is what the robot itself would say. Matching
 * takes a millisecond or two per message, but a big knowledge base or a
 * long email can take longer: it runs on a worker thread, on the matcher
 * the robot had when asked (the robot swaps in a new one when it reloads,
 * never changes one in use).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-application.h"
#include "kefu-kb-robot.h"

static KefuApplication *
widget_application (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;
  GtkApplication *application = NULL;

  if (GTK_IS_WINDOW (root))
    application = gtk_window_get_application (GTK_WINDOW (root));
  if (application == NULL)
    application = GTK_APPLICATION (g_application_get_default ());

  return KEFU_IS_APPLICATION (application) ? KEFU_APPLICATION (application) : NULL;
}

static KefuRuntime *
widget_runtime (GtkWidget *widget)
{
  KefuApplication *application = widget_application (widget);

  return application != NULL ? kefu_application_get_runtime (application) : NULL;
}

/**
 * kefu_kb_robot_get:
 * @widget: (nullable): a widget in a window of the application
 *
 * Returns: (transfer none) (nullable): the robot the application runs, or
 *   %NULL while its store is not open
 */
KefuRobot *
kefu_kb_robot_get (GtkWidget *widget)
{
  KefuRuntime *runtime = widget_runtime (widget);

  return runtime != NULL ? kefu_runtime_get_robot (runtime) : NULL;
}

/**
 * kefu_kb_robot_reload:
 *
 * Tells the running robot that its knowledge base or settings changed in
 * the store; it reads them again in the background, at once rather than
 * after the runtime's delay for changes it hears of from the store.
 */
void
kefu_kb_robot_reload (GtkWidget *widget)
{
  KefuRuntime *runtime = widget_runtime (widget);

  if (runtime != NULL)
    kefu_runtime_reload_robot (runtime);
}

typedef struct
{
  KefuMatcher *matcher;
  char        *text;
  guint        max_results;
  KefuMatch   *match;
} SuggestData;

static void
suggest_data_free (SuggestData *data)
{
  g_clear_object (&data->matcher);
  g_free (data->text);
  g_clear_pointer (&data->match, kefu_match_free);
  g_free (data);
}

static void
suggest_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SuggestData *data = task_data;
  g_autoptr (GPtrArray) entries = NULL;

  data->match = kefu_matcher_match (data->matcher, data->text);
  entries = kefu_matcher_suggest (data->matcher, data->text,
                                  data->match->lang, data->max_results);
  g_task_return_pointer (task, g_steal_pointer (&entries), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * kefu_kb_robot_suggest_async:
 * @matcher: the matcher to ask; it is kept until the answer comes
 * @text: a customer's message
 * @max_results: how many entries to suggest at most
 *
 * Asks @matcher, on a worker thread, what it would answer to @text and
 * which entries fit it best.
 */
void
kefu_kb_robot_suggest_async (KefuMatcher         *matcher,
                             const char          *text,
                             guint                max_results,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  SuggestData *data;

  g_return_if_fail (KEFU_IS_MATCHER (matcher));
  g_return_if_fail (text != NULL);

  data = g_new0 (SuggestData, 1);
  data->matcher = g_object_ref (matcher);
  data->text = g_strdup (text);
  data->max_results = max_results;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kefu_kb_robot_suggest_async);
  g_task_set_task_data (task, data, (GDestroyNotify)suggest_data_free);
  g_task_run_in_thread (task, suggest_thread);
}

/**
 * kefu_kb_robot_suggest_finish:
 * @match: (out) (optional) (transfer full): what the robot would do with
 *   the message
 *
 * Returns: (transfer full) (element-type KefuKbEntry): the best entries,
 *   best first, in the message's language where there is one
 */
GPtrArray *
kefu_kb_robot_suggest_finish (GAsyncResult  *result,
                              KefuMatch    **match,
                              GError       **error)
{
  GPtrArray *entries;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  entries = g_task_propagate_pointer (G_TASK (result), error);
  if (entries != NULL && match != NULL)
    {
      SuggestData *data = g_task_get_task_data (G_TASK (result));

      *match = g_steal_pointer (&data->match);
    }

  return entries;
}
