/* kefu-archive.h: the whole store as one JSON file, out and back in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-store.h"

G_BEGIN_DECLS

#define KEFU_ARCHIVE_FORMAT  "kefu-archive"
#define KEFU_ARCHIVE_VERSION 1

/* An archive is read one top-level element (an agent, a customer, a ticket
 * with its messages and attachments) at a time; one element may take at most
 * this many bytes of JSON, and nest at most this deep. */
#define KEFU_ARCHIVE_MAX_ELEMENT_SIZE ((gsize)256 * 1024 * 1024)
#define KEFU_ARCHIVE_MAX_DEPTH        (32)

#define KEFU_IMPORT_ERROR (kefu_import_error_quark ())

typedef enum
{
  KEFU_IMPORT_ERROR_INVALID_JSON,    /* not JSON, truncated, nested too deeply */
  KEFU_IMPORT_ERROR_INVALID_FIELD,   /* a wrong type, value, duplicate or dangling id */
  KEFU_IMPORT_ERROR_NOT_EMPTY,       /* the store already holds data */
  KEFU_IMPORT_ERROR_TOO_LARGE,       /* a string or element over its limit */
  KEFU_IMPORT_ERROR_UNSUPPORTED,     /* not a Kefu archive, or a newer version */
} KefuImportError;

GQuark kefu_import_error_quark (void);

/* How much an export wrote or an import read. */
typedef struct
{
  guint   agents;
  guint   accounts;
  guint   customers;
  guint   tickets;
  guint64 messages;
  guint64 attachments;
  guint   settings;
} KefuArchiveCounts;

void      kefu_archive_export_async  (KefuStore            *store,
                                      GOutputStream        *stream,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean  kefu_archive_export_finish (KefuStore            *store,
                                      GAsyncResult         *result,
                                      KefuArchiveCounts    *counts,
                                      GError              **error);
void      kefu_archive_import_async  (KefuStore            *store,
                                      GInputStream         *stream,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean  kefu_archive_import_finish (KefuStore            *store,
                                      GAsyncResult         *result,
                                      KefuArchiveCounts    *counts,
                                      GError              **error);

G_END_DECLS
