/* phone-test-peers.h: kamailio and baresip on 127.0.0.1 for the phone tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kefu-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  GSubprocess   *process;
  GOutputStream *stdin_pipe;
  char          *dir;
  char          *log;
} PhonePeer;

guint      phone_test_free_port       (guint        count);
char      *phone_test_peers_dir       (void);
char      *phone_test_make_tone_wav   (const char  *dir,
                                       guint        freq,
                                       guint        seconds);
PhonePeer *phone_test_kamailio_start  (const char  *dir,
                                       guint        port,
                                       gboolean     auth);
PhonePeer *phone_test_baresip_start   (const char  *dir,
                                       guint        sip_port,
                                       const char  *wav,
                                       const char  *account);
void       phone_test_peer_send       (PhonePeer   *peer,
                                       const char  *command);
gboolean   phone_test_peer_log_has    (PhonePeer   *peer,
                                       const char  *text);
void       phone_test_peer_stop       (PhonePeer   *peer);
gboolean   phone_test_wait_for        (gboolean   (*done) (gpointer),
                                       gpointer     data,
                                       guint        timeout_ms);
void       phone_test_spin            (guint        ms);
double     phone_test_tone_ratio      (const char  *path,
                                       gboolean     wav,
                                       guint        rate,
                                       double       freq,
                                       double       skip_seconds);
char      *phone_test_find_recording  (const char  *dir,
                                       const char  *suffix);
char      *phone_test_sip_request     (guint        port,
                                       const char  *request);

G_END_DECLS
