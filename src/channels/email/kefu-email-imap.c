/* kefu-email-imap.c: one blocking IMAP session (libetpan), used only from its account's thread.
 *
 * Only reads: BODY.PEEK leaves \Seen alone and nothing is ever deleted or
 * moved on the server. Errors are turned into sentences a shop owner
 * understands (wrong password, untrusted certificate, unreachable host,
 * missing folder), never with the password in them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libetpan/libetpan.h>

#include "kefu-channel.h"
#include "kefu-email-imap.h"
#include "kefu-email-tls.h"

#define NETWORK_TIMEOUT 60   /* seconds for any one reply */

struct _KefuEmailImap
{
  mailimap *imap;
  gboolean  idle;
};

void
kefu_email_fetched_free (KefuEmailFetched *self)
{
  g_clear_pointer (&self->raw, g_bytes_unref);
  g_free (self);
}

static const char *
server_words (KefuEmailImap *self)
{
  return self->imap->imap_response ? self->imap->imap_response : "";
}

static gboolean
set_protocol_error (KefuEmailImap  *self,
                    int             rc,
                    const char     *what,
                    GError        **error)
{
  if (rc == MAILIMAP_ERROR_STREAM || rc == MAILIMAP_ERROR_CONNECTION_REFUSED)
    g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                 _("The connection to the mail server was lost (%s)."), what);
  else
    /* Translators: %1$s is an IMAP command, %2$s the server's own words */
    g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_PROTOCOL,
                 _("The mail server refused %1$s: %2$s"), what, server_words (self));

  return FALSE;
}

/**
 * kefu_email_imap_connect:
 * @fingerprint: (out) (optional): the server certificate's fingerprint
 *   when TLS is used, so that a person can decide to trust it
 *
 * Connects, checks the certificate, and logs in. Blocks.
 *
 * Returns: (transfer full): a logged-in session
 */
KefuEmailImap *
kefu_email_imap_connect (const KefuEmailConfig  *config,
                         const char             *password,
                         char                  **fingerprint,
                         GError                **error)
{
  g_autoptr (KefuEmailImap) self = g_new0 (KefuEmailImap, 1);
  struct mailimap_capability_data *capabilities = NULL;
  int rc;

  self->imap = mailimap_new (0, NULL);
  mailimap_set_timeout (self->imap, NETWORK_TIMEOUT);

  switch (config->imap_security)
    {
    case KEFU_EMAIL_SECURITY_TLS:
      rc = mailimap_ssl_connect_with_callback (self->imap, config->imap_host, config->imap_port,
                                               kefu_email_tls_set_server_name, config->imap_host);
      break;
    case KEFU_EMAIL_SECURITY_STARTTLS:
    case KEFU_EMAIL_SECURITY_NONE:
    default:
      rc = mailimap_socket_connect (self->imap, config->imap_host, config->imap_port);
      break;
    }
  if (rc != MAILIMAP_NO_ERROR_NON_AUTHENTICATED && rc != MAILIMAP_NO_ERROR_AUTHENTICATED &&
      rc != MAILIMAP_NO_ERROR)
    {
      /* Translators: %1$s is a host name, %2$u a port */
      g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                   rc == MAILIMAP_ERROR_SSL
                   ? _("%1$s:%2$u does not answer with TLS. Check the port and the security setting.")
                   : _("The mail server %1$s:%2$u cannot be reached. Check the host name, the port and the network."),
                   config->imap_host, config->imap_port);
      return NULL;
    }

  if (config->imap_security == KEFU_EMAIL_SECURITY_STARTTLS)
    {
      rc = mailimap_socket_starttls_with_callback (self->imap, kefu_email_tls_set_server_name,
                                                   config->imap_host);
      if (rc != MAILIMAP_NO_ERROR)
        {
          g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                       _("%s does not offer STARTTLS. Choose TLS, or another port."), config->imap_host);
          return NULL;
        }
    }

  if (config->imap_security != KEFU_EMAIL_SECURITY_NONE &&
      !kefu_email_tls_check (self->imap->imap_stream, config->imap_host, config->imap_port,
                             config, fingerprint, error))
    return NULL;

  rc = mailimap_login (self->imap, config->user, password);
  if (rc != MAILIMAP_NO_ERROR)
    {
      /* RFC 5530: [UNAVAILABLE] is the server's trouble, not a wrong password. */
      if (rc == MAILIMAP_ERROR_LOGIN && strstr (server_words (self), "UNAVAILABLE") != NULL)
        g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_UNREACHABLE,
                     _("The mail server cannot check passwords right now: %s"), server_words (self));
      else if (rc == MAILIMAP_ERROR_LOGIN || rc == MAILIMAP_ERROR_PARSE)
        g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_AUTH_FAILED,
                     _("The mail server refused the user name or password for %s."), config->user);
      else
        set_protocol_error (self, rc, "LOGIN", error);
      return NULL;
    }

  if (mailimap_capability (self->imap, &capabilities) == MAILIMAP_NO_ERROR)
    mailimap_capability_data_free (capabilities);
  self->idle = mailimap_has_idle (self->imap);

  return g_steal_pointer (&self);
}

/**
 * kefu_email_imap_select:
 *
 * Opens @folder. Nothing is changed in it: messages are fetched with
 * BODY.PEEK and never flagged, moved or expunged. (SELECT rather than
 * EXAMINE: Dovecot announces new mail in IDLE only for a selected folder.)
 * Blocks.
 */
gboolean
kefu_email_imap_select (KefuEmailImap  *self,
                        const char     *folder,
                        guint32        *uidvalidity,
                        guint32        *uidnext,
                        GError        **error)
{
  int rc = mailimap_select (self->imap, folder);

  if (rc != MAILIMAP_NO_ERROR)
    {
      if (rc == MAILIMAP_ERROR_SELECT)
        g_set_error (error, KEFU_CHANNEL_ERROR, KEFU_CHANNEL_ERROR_REJECTED,
                     _("The folder “%s” does not exist on the mail server. Check its name (most use “INBOX”)."),
                     folder);
      else
        set_protocol_error (self, rc, "SELECT", error);
      return FALSE;
    }

  *uidvalidity = self->imap->imap_selection_info ? self->imap->imap_selection_info->sel_uidvalidity : 0;
  *uidnext = self->imap->imap_selection_info ? self->imap->imap_selection_info->sel_uidnext : 0;

  return TRUE;
}

static int
compare_uid (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *)a;
  guint32 y = *(const guint32 *)b;

  return x < y ? -1 : x > y;
}

/**
 * kefu_email_imap_search:
 * @after_uid: only UIDs above this one, or 0 for any
 * @since_days: only mail of the last days (first sync), or 0 for any
 *
 * Returns: (transfer full) (element-type guint32): UIDs, ascending
 */
GArray *
kefu_email_imap_search (KefuEmailImap  *self,
                        guint32         after_uid,
                        guint           since_days,
                        GError        **error)
{
  g_autoptr (GArray) uids = g_array_new (FALSE, FALSE, sizeof (guint32));
  struct mailimap_search_key *key;
  clist *result = NULL;
  int rc;

  if (since_days > 0)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr (GDateTime) since = g_date_time_add_days (now, -(int)since_days);

      key = mailimap_search_key_new_since (mailimap_date_new (g_date_time_get_day_of_month (since),
                                                              g_date_time_get_month (since),
                                                              g_date_time_get_year (since)));
    }
  else
    key = mailimap_search_key_new_uid (mailimap_set_new_interval (after_uid + 1, 0));

  rc = mailimap_uid_search (self->imap, NULL, key, &result);
  mailimap_search_key_free (key);
  if (rc != MAILIMAP_NO_ERROR)
    {
      set_protocol_error (self, rc, "UID SEARCH", error);
      return NULL;
    }

  for (clistiter *iter = clist_begin (result); iter != NULL; iter = clist_next (iter))
    {
      guint32 uid = *(uint32_t *)clist_content (iter);

      /* "n:*" also answers the last message when there is nothing newer. */
      if (uid > after_uid)
        g_array_append_val (uids, uid);
    }
  mailimap_search_result_free (result);
  g_array_sort (uids, compare_uid);

  return g_steal_pointer (&uids);
}

static int
compare_fetched (gconstpointer a,
                 gconstpointer b)
{
  const KefuEmailFetched *x = *(KefuEmailFetched * const *)a;
  const KefuEmailFetched *y = *(KefuEmailFetched * const *)b;

  return x->uid < y->uid ? -1 : x->uid > y->uid;
}

/**
 * kefu_email_imap_fetch:
 *
 * Fetches whole messages without marking them read. Blocks.
 *
 * Returns: (transfer full) (element-type KefuEmailFetched): the messages
 *   that still exist, in UID order
 */
GPtrArray *
kefu_email_imap_fetch (KefuEmailImap  *self,
                       const guint32  *uids,
                       guint           n_uids,
                       GError        **error)
{
  g_autoptr (GPtrArray) fetched = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_email_fetched_free);
  struct mailimap_set *set = mailimap_set_new_empty ();
  struct mailimap_fetch_type *type = mailimap_fetch_type_new_fetch_att_list_empty ();
  clist *result = NULL;
  int rc;

  for (guint i = 0; i < n_uids; i++)
    mailimap_set_add_single (set, uids[i]);
  mailimap_fetch_type_new_fetch_att_list_add (type, mailimap_fetch_att_new_uid ());
  mailimap_fetch_type_new_fetch_att_list_add (type,
                                              mailimap_fetch_att_new_body_peek_section (mailimap_section_new (NULL)));

  rc = mailimap_uid_fetch (self->imap, set, type, &result);
  mailimap_fetch_type_free (type);
  mailimap_set_free (set);
  if (rc != MAILIMAP_NO_ERROR)
    {
      set_protocol_error (self, rc, "UID FETCH", error);
      return NULL;
    }

  for (clistiter *iter = clist_begin (result); iter != NULL; iter = clist_next (iter))
    {
      struct mailimap_msg_att *att = clist_content (iter);
      guint32 uid = 0;
      const char *body = NULL;
      gsize length = 0;

      for (clistiter *item_iter = clist_begin (att->att_list); item_iter != NULL; item_iter = clist_next (item_iter))
        {
          struct mailimap_msg_att_item *item = clist_content (item_iter);

          if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
            continue;
          if (item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_UID)
            uid = item->att_data.att_static->att_data.att_uid;
          else if (item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_BODY_SECTION)
            {
              body = item->att_data.att_static->att_data.att_body_section->sec_body_part;
              length = item->att_data.att_static->att_data.att_body_section->sec_length;
            }
        }

      if (uid != 0 && body != NULL)
        {
          KefuEmailFetched *one = g_new0 (KefuEmailFetched, 1);

          one->uid = uid;
          one->raw = g_bytes_new (body, length);
          g_ptr_array_add (fetched, one);
        }
    }
  mailimap_fetch_list_free (result);

  g_ptr_array_sort (fetched, compare_fetched);

  return g_steal_pointer (&fetched);
}

gboolean
kefu_email_imap_has_idle (KefuEmailImap *self)
{
  return self->idle;
}

static gboolean
poll_fd (int           fd,
         guint         seconds,
         GCancellable *cancellable)
{
  GPollFD fds[2] = { { fd, G_IO_IN | G_IO_HUP | G_IO_ERR, 0 } };
  guint n = 1;

  if (cancellable != NULL && g_cancellable_make_pollfd (cancellable, &fds[1]))
    n = 2;
  g_poll (fds, n, (int)MIN (seconds, G_MAXINT / 1000) * 1000);
  if (n == 2)
    g_cancellable_release_fd (cancellable);

  return fds[0].revents != 0;
}

/**
 * kefu_email_imap_wait:
 * @seconds: the longest wait
 *
 * Waits until the server announces news (IDLE), or for @seconds when it
 * cannot (polling), or until @cancellable is cancelled. Blocks.
 *
 * Returns: %FALSE with @error set if the connection broke
 */
gboolean
kefu_email_imap_wait (KefuEmailImap  *self,
                      guint           seconds,
                      GCancellable   *cancellable,
                      GError        **error)
{
  int rc;

  if (!self->idle)
    {
      int fd = -1;

      if (cancellable != NULL)
        fd = g_cancellable_get_fd (cancellable);
      if (fd >= 0)
        {
          poll_fd (fd, seconds, NULL);
          g_cancellable_release_fd (cancellable);
        }
      else
        g_usleep ((gulong)seconds * G_USEC_PER_SEC);
      /* A NOOP keeps the session alive and finds out whether it still is. */
      rc = mailimap_noop (self->imap);
      return rc == MAILIMAP_NO_ERROR || set_protocol_error (self, rc, "NOOP", error);
    }

  rc = mailimap_idle (self->imap);
  if (rc != MAILIMAP_NO_ERROR)
    return set_protocol_error (self, rc, "IDLE", error);

  /* Data libetpan already read sits in its buffer, not on the socket. */
  if (self->imap->imap_stream->read_buffer_len == 0)
    poll_fd (mailimap_idle_get_fd (self->imap), seconds, cancellable);

  rc = mailimap_idle_done (self->imap);
  if (rc != MAILIMAP_NO_ERROR)
    return set_protocol_error (self, rc, "IDLE", error);

  return TRUE;
}

void
kefu_email_imap_free (KefuEmailImap *self)
{
  if (self == NULL)
    return;

  if (self->imap != NULL)
    {
      if (self->imap->imap_stream != NULL)
        mailimap_logout (self->imap);
      mailimap_free (self->imap);
    }
  g_free (self);
}
