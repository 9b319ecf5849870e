/* kefu-test-ui.h: helpers for UI tests: the real window driven step by step, screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kefu-application.h"
#include "kefu-window.h"

G_BEGIN_DECLS

/* Runs one step of a case; TRUE when it is done and the next may start. */
typedef gboolean (*KefuTestStepFunc) (gpointer user_data);

/* The state of a window driven through its steps by kefu_test_drive_run().
 * Embed it in the case's own struct and read or set the public fields from
 * the step function. */
typedef struct
{
  KefuApplication    *app;
  KefuWindow         *window;
  guint               step;
  guint               settle;      /* frames counted by the current step */
  gint64              deadline;
  char               *failure;

  /*< private >*/
  guint               n_steps;
  const char *const  *step_names;
  KefuTestStepFunc    step_func;
  gpointer            user_data;
} KefuTestDrive;

void             kefu_test_save_snapshot      (GtkWidget          *widget,
                                               const char         *name);
void             kefu_test_drive_save_shot    (KefuTestDrive      *drive,
                                               const char         *prefix,
                                               const char         *variant);
gboolean         kefu_test_drive_shot_light   (KefuTestDrive      *drive,
                                               const char         *prefix,
                                               const char         *variant);
gboolean         kefu_test_drive_shot_dark    (KefuTestDrive      *drive,
                                               const char         *prefix,
                                               const char         *variant);
GtkWidget       *kefu_test_find_widget        (GtkWidget          *widget,
                                               GType               type);
gboolean         kefu_test_drive_window_shown (KefuTestDrive      *drive);
gboolean         kefu_test_drive_list_loaded  (KefuTestDrive      *drive);
gboolean         kefu_test_drive_settle       (KefuTestDrive      *drive,
                                               guint               frames);
void             kefu_test_drive_run          (KefuTestDrive      *drive,
                                               const char         *db_path,
                                               int                 width,
                                               int                 height,
                                               guint               interval_ms,
                                               KefuTestStepFunc    step_func,
                                               guint               n_steps,
                                               const char *const  *step_names,
                                               gpointer            user_data);
void             kefu_test_drive_clear        (KefuTestDrive      *drive);

G_END_DECLS
