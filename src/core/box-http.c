/* box-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "box-error.h"
#include "box-http.h"

/* One provider endpoint (base URL, credential headers, error dialect) over the one
 * SoupSession of the process. The time-out covers waiting for an answer to begin, not a
 * long download (the session's own 30 s limit covers a transfer that stalls). Idempotent requests are retried with backoff after network errors
 * and 5xx; any request is retried after a 429, waiting as long as the server asks. */

struct _BoxHttp
{
  GObject             parent_instance;

  char               *label;
  char               *base_url;
  GPtrArray          *headers;       /* name, value, name, value, ... */
  GPtrArray          *query_params;  /* name, value, ... */
  BoxHttpErrorReader  error_reader;
  guint               max_attempts;
  guint               first_delay_ms;
  guint               max_wait_seconds;
  guint               timeout_seconds;
};

G_DEFINE_FINAL_TYPE (BoxHttp, box_http, G_TYPE_OBJECT)

typedef struct
{
  char          *method;
  char          *url;
  GBytes        *body;
  char          *content_type;
  BoxHttpFlags   flags;
  guint          attempt;
  SoupMessage   *msg;
  GCancellable  *attempt_cancellable;
  gulong         cancelled_id;
  guint          timeout_id;
  gboolean       timed_out;
  gint64         wait_until;     /* monotonic µs, while waiting to retry */
  guint          wait_id;
} Request;

static SoupSession *
get_session (void)
{
  static SoupSession *session;

  if (g_once_init_enter (&session))
    {
      SoupSession *s = soup_session_new_with_options ("user-agent", "BoxOffice/" PACKAGE_VERSION " ",
                                                      "timeout", 30,
                                                      /* Close a kept-open connection
                                                       * before a server's own idle
                                                       * time-out (Apache, Node: 5 s)
                                                       * can close it under a batch's
                                                       * next request; see
                                                       * BOX_HTTP_FLAGS_BATCH. */
                                                      "idle-timeout", 4,
                                                      /* Several connections per server
                                                       * (Floktu: one request per order),
                                                       * not hundreds. */
                                                      "max-conns-per-host", BOX_HTTP_MAX_CONNS_PER_HOST,
                                                      "max-conns", 4 * BOX_HTTP_MAX_CONNS_PER_HOST,
                                                      NULL);
      g_once_init_leave (&session, s);
    }

  return session;
}

static void
request_free (Request *req)
{
  g_clear_handle_id (&req->timeout_id, g_source_remove);
  g_clear_handle_id (&req->wait_id, g_source_remove);
  g_clear_object (&req->msg);
  g_clear_object (&req->attempt_cancellable);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->method);
  g_free (req->url);
  g_free (req->content_type);
  g_free (req);
}

static void
box_http_finalize (GObject *object)
{
  BoxHttp *self = (BoxHttp *)object;

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->query_params, g_ptr_array_unref);

  G_OBJECT_CLASS (box_http_parent_class)->finalize (object);
}

static void
box_http_class_init (BoxHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = box_http_finalize;
}

static void
box_http_init (BoxHttp *self)
{
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->query_params = g_ptr_array_new_with_free_func (g_free);
  self->max_attempts = 4;
  self->first_delay_ms = 500;
  self->max_wait_seconds = 90;
  self->timeout_seconds = 30;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * box_http_check_base_url:
 *
 * Accepts https:// URLs, and http:// only to this computer (loopback), where a test
 * server or emulator runs: a credential must never cross a network in the clear.
 */
gboolean
box_http_check_base_url (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT, _("The server address is empty. Use a full address such as https://example.com/api."));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("“%s” is not a server address. Use a full address such as https://example.com/api."),
                   url);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                 _("“%s” is not encrypted. Use an https:// address; plain http:// is allowed only for this computer (127.0.0.1)."),
                 url);
  else
    g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                 _("“%s” is not a web address. Use an https:// address."), url);
  return FALSE;
}

BoxHttp *
box_http_new (const char  *label,
              const char  *base_url,
              GError     **error)
{
  BoxHttp *self;
  gsize len;

  g_return_val_if_fail (label != NULL, NULL);

  if (!box_http_check_base_url (base_url, error))
    return NULL;

  self = g_object_new (BOX_TYPE_HTTP, NULL);
  self->label = g_strdup (label);
  /* Paths are joined with a '/', so keep the base without a trailing one. */
  len = strlen (base_url);
  while (len > 0 && base_url[len - 1] == '/')
    len--;
  self->base_url = g_strndup (base_url, len);

  return self;
}

static void
set_pair (GPtrArray  *pairs,
          const char *name,
          const char *value)
{
  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (pairs, i), name) == 0)
        {
          g_ptr_array_remove_range (pairs, i, 2);
          break;
        }
    }

  if (value != NULL)
    {
      g_ptr_array_add (pairs, g_strdup (name));
      g_ptr_array_add (pairs, g_strdup (value));
    }
}

void
box_http_set_header (BoxHttp    *self,
                     const char *name,
                     const char *value)
{
  g_return_if_fail (BOX_IS_HTTP (self));
  g_return_if_fail (name != NULL);
  set_pair (self->headers, name, value);
}

void
box_http_set_query_param (BoxHttp    *self,
                          const char *name,
                          const char *value)
{
  g_return_if_fail (BOX_IS_HTTP (self));
  g_return_if_fail (name != NULL);
  set_pair (self->query_params, name, value);
}

void
box_http_set_error_reader (BoxHttp            *self,
                           BoxHttpErrorReader  reader)
{
  g_return_if_fail (BOX_IS_HTTP (self));
  self->error_reader = reader;
}

/**
 * box_http_set_retry_policy:
 * @max_attempts: tries in all, at least 1
 * @first_delay_ms: the wait before the second try; it doubles each time
 * @max_wait_seconds: the longest wait a 429's retry-after may ask for before we give up
 */
void
box_http_set_retry_policy (BoxHttp *self,
                           guint    max_attempts,
                           guint    first_delay_ms,
                           guint    max_wait_seconds)
{
  g_return_if_fail (BOX_IS_HTTP (self));
  self->max_attempts = MAX (1, max_attempts);
  self->first_delay_ms = first_delay_ms;
  self->max_wait_seconds = max_wait_seconds;
}

/**
 * box_http_set_timeout:
 * @seconds: how long to wait for the server to start answering (0: no limit)
 */
void
box_http_set_timeout (BoxHttp *self,
                      guint    seconds)
{
  g_return_if_fail (BOX_IS_HTTP (self));
  self->timeout_seconds = seconds;
}

static char *
build_url (BoxHttp    *self,
           const char *path)
{
  GString *url = g_string_new (self->base_url);

  if (path[0] != '/')
    g_string_append_c (url, '/');
  g_string_append (url, path);

  for (guint i = 0; i + 1 < self->query_params->len; i += 2)
    {
      g_autofree char *value = g_uri_escape_string (g_ptr_array_index (self->query_params, i + 1),
                                                    NULL, FALSE);

      g_string_append_c (url, strchr (url->str, '?') ? '&' : '?');
      g_string_append_uri_escaped (url, g_ptr_array_index (self->query_params, i), NULL, FALSE);
      g_string_append_c (url, '=');
      g_string_append (url, value);
    }

  return g_string_free (url, FALSE);
}

static GError *
error_for_status (BoxHttp *self,
                  guint    status,
                  GBytes  *body,
                  int     *retry_after)
{
  g_autofree char *server_message = NULL;
  g_autofree char *detail = NULL;

  *retry_after = -1;
  if (self->error_reader != NULL)
    self->error_reader (status, body, &server_message, retry_after);

  if (server_message != NULL && *server_message != '\0')
    detail = g_strdup_printf ("%u: %s", status, server_message);
  else
    detail = g_strdup_printf ("%u", status);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new (BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                          _("%s rejected the credentials (%s). Sign in again."),
                          self->label, detail);
    case SOUP_STATUS_FORBIDDEN:
      return g_error_new (BOX_ERROR, BOX_ERROR_PERMISSION,
                          _("%s refused access (%s). Check that the account may do this."),
                          self->label, detail);
    case SOUP_STATUS_NOT_FOUND:
      return g_error_new (BOX_ERROR, BOX_ERROR_NOT_FOUND,
                          _("%s does not know this (%s)."), self->label, detail);
    case SOUP_STATUS_CONFLICT:
      return g_error_new (BOX_ERROR, BOX_ERROR_CONFLICT,
                          _("%s refused the change (%s)."), self->label, detail);
    case SOUP_STATUS_PRECONDITION_FAILED:
    case 426:
      return g_error_new (BOX_ERROR, BOX_ERROR_CLIENT_TOO_OLD,
                          _("%s no longer accepts this version of Box Office (%s). Update Box Office."),
                          self->label, detail);
    case 429:
      return g_error_new (BOX_ERROR, BOX_ERROR_RATE_LIMITED,
                          _("%s asks to slow down (%s). Try again in a minute."),
                          self->label, detail);
    default:
      break;
    }

  if (status >= 500)
    return g_error_new (BOX_ERROR, BOX_ERROR_SERVER,
                        _("%s has a problem (HTTP %s). Try again in a few minutes."),
                        self->label, detail);

  return g_error_new (BOX_ERROR, BOX_ERROR_FAILED,
                      _("%s refused the request (HTTP %s)."), self->label, detail);
}

static GError *
error_for_transport (BoxHttp      *self,
                     const GError *error,
                     gboolean      timed_out)
{
  if (timed_out)
    return g_error_new (BOX_ERROR, BOX_ERROR_OFFLINE,
                        _("%s did not answer within %u seconds. Check the network connection."),
                        self->label, self->timeout_seconds);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (BOX_ERROR, BOX_ERROR_OFFLINE,
                        _("The secure connection to %s failed (%s). Check the computer’s date and the server address."),
                        self->label, error->message);

  return g_error_new (BOX_ERROR, BOX_ERROR_OFFLINE,
                      _("Could not reach %s (%s). Check the network connection."),
                      self->label, error->message);
}

static void start_attempt (GTask *task);

static gboolean
wait_tick_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      req->wait_id = 0;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  if (g_get_monotonic_time () < req->wait_until)
    return G_SOURCE_CONTINUE;

  req->wait_id = 0;
  start_attempt (task);
  return G_SOURCE_REMOVE;
}

/* Takes the reference to @task: either retries later or returns @error. */
static void
retry_or_fail (GTask  *task,
               GError *error,
               int     retry_after)
{
  BoxHttp *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  guint delay_ms;

  if (req->attempt >= self->max_attempts)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (retry_after >= 0)
    {
      if ((guint)retry_after > self->max_wait_seconds)
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      delay_ms = MAX (1, (guint)retry_after) * 1000;
    }
  else
    {
      delay_ms = self->first_delay_ms << MIN (req->attempt - 1, 8u);
      /* Jitter, so that desks that lost the network together don't return in step. */
      delay_ms += g_random_int_range (0, (int)(self->first_delay_ms / 4 + 1));
    }

  {
    /* Without the query: it may carry a key (Eventyay's ?key=). */
    g_autofree char *where = g_strndup (req->url, strcspn (req->url, "?"));
    g_debug ("%s %s: %s; retrying in %u ms", req->method, where, error->message, delay_ms);
  }
  g_error_free (error);

  req->wait_until = g_get_monotonic_time () + (gint64)delay_ms * 1000;
  req->wait_id = g_timeout_add (MIN (delay_ms, 250u), wait_tick_cb, task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  BoxHttp *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint status;
  int retry_after = -1;

  g_clear_handle_id (&req->timeout_id, g_source_remove);
  g_cancellable_disconnect (g_task_get_cancellable (task), req->cancelled_id);
  req->cancelled_id = 0;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
          g_object_unref (task);
          return;
        }

      /* No answer, or the connection broke while it came. */
      if (req->flags & BOX_HTTP_FLAGS_IDEMPOTENT)
        retry_or_fail (task, error_for_transport (self, error, req->timed_out), -1);
      else
        {
          g_task_return_error (task, error_for_transport (self, error, req->timed_out));
          g_object_unref (task);
        }
      return;
    }

  status = soup_message_get_status (req->msg);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify)g_bytes_unref);
      g_object_unref (task);
      return;
    }

  {
    GError *status_error = error_for_status (self, status, bytes, &retry_after);

    if (status == 429)
      {
        const char *header = soup_message_headers_get_one (soup_message_get_response_headers (req->msg),
                                                           "Retry-After");
        if (retry_after < 0 && header != NULL)
          retry_after = (int)g_ascii_strtoll (header, NULL, 10);
        /* A 429 was not carried out, so even a POST may be sent again. */
        retry_or_fail (task, status_error, MAX (retry_after, 1));
      }
    else if (status >= 500 && (req->flags & BOX_HTTP_FLAGS_IDEMPOTENT))
      retry_or_fail (task, status_error, -1);
    else
      {
        g_task_return_error (task, status_error);
        g_object_unref (task);
      }
  }
}

/* The time-out covers waiting for the answer to begin, not a long download. */
static void
got_headers_cb (SoupMessage *msg,
                gpointer     user_data)
{
  Request *req = user_data;

  g_clear_handle_id (&req->timeout_id, g_source_remove);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Request *req = user_data;

  req->timeout_id = 0;
  req->timed_out = TRUE;
  g_cancellable_cancel (req->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void
task_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GCancellable *attempt_cancellable = user_data;

  g_cancellable_cancel (attempt_cancellable);
}

static void
start_attempt (GTask *task)
{
  BoxHttp *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  req->attempt++;
  req->timed_out = FALSE;
  g_clear_object (&req->msg);
  g_clear_object (&req->attempt_cancellable);

  req->msg = soup_message_new (req->method, req->url);
  if (req->msg == NULL)
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                               _("Cannot build a request to “%s”."), req->url);
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (req->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  for (guint i = 0; i + 1 < self->headers->len; i += 2)
    soup_message_headers_replace (headers,
                                  g_ptr_array_index (self->headers, i),
                                  g_ptr_array_index (self->headers, i + 1));
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg,
                                              req->content_type ? req->content_type : "application/json",
                                              req->body);

  req->attempt_cancellable = g_cancellable_new ();
  if (g_task_get_cancellable (task) != NULL)
    req->cancelled_id = g_cancellable_connect (g_task_get_cancellable (task),
                                               G_CALLBACK (task_cancelled_cb),
                                               g_object_ref (req->attempt_cancellable),
                                               g_object_unref);
  if (self->timeout_seconds > 0)
    req->timeout_id = g_timeout_add_seconds (self->timeout_seconds, timeout_cb, req);

  /* libsoup sends a GET, PUT or DELETE again by itself when the server closes a kept-open
   * connection before answering, and libsoup 3.2 can crash doing so (a NULL read in
   * run_until_read_done() when the failed try's callback runs after the new try began;
   * the emulator's "down" fault reproduced it in about one run in seven under load). On
   * a connection of its own a request is never sent again by libsoup, and we retry it
   * ourselves. A single request (a check-in, a look-up) pays one more handshake for that;
   * a batch keeps its connection, as it is in use and no server's idle time-out closes it
   * under it. (libsoup already gives a POST a connection of its own.) */
  if (!(req->flags & BOX_HTTP_FLAGS_BATCH) || req->attempt > 1)
    soup_message_add_flags (req->msg, SOUP_MESSAGE_NEW_CONNECTION);

  g_signal_connect (req->msg, "got-headers", G_CALLBACK (got_headers_cb), req);
  soup_session_send_and_read_async (get_session (), req->msg, G_PRIORITY_DEFAULT,
                                    req->attempt_cancellable, read_cb, task);
}

/**
 * box_http_request_async:
 * @path: the path below the base URL, with its query string
 * @body: (nullable): the request body
 * @content_type: (nullable): its type; application/json when %NULL
 *
 * Sends a request. Any answer other than 2xx becomes a #BoxError whose message says
 * what a person can do about it.
 */
void
box_http_request_async (BoxHttp             *self,
                        const char          *method,
                        const char          *path,
                        GBytes              *body,
                        const char          *content_type,
                        BoxHttpFlags         flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  Request *req;

  g_return_if_fail (BOX_IS_HTTP (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_http_request_async);

  req = g_new0 (Request, 1);
  req->method = g_strdup (method);
  req->url = build_url (self, path);
  req->body = body ? g_bytes_ref (body) : NULL;
  req->content_type = g_strdup (content_type);
  req->flags = flags;
  g_task_set_task_data (task, req, (GDestroyNotify)request_free);

  start_attempt (task);
}

/**
 * box_http_request_finish:
 *
 * Returns: (transfer full): the body of a 2xx answer
 */
GBytes *
box_http_request_finish (BoxHttp       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (BOX_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  BoxHttpParseFunc parse;
  gpointer         parse_data;
  GDestroyNotify   parse_data_free;
  GDestroyNotify   result_free;
  GBytes          *body;
} ParseData;

static void
parse_data_free (ParseData *pd)
{
  if (pd->parse_data_free != NULL)
    pd->parse_data_free (pd->parse_data);
  g_clear_pointer (&pd->body, g_bytes_unref);
  g_free (pd);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ParseData *pd = task_data;
  g_autoptr(GBytes) body = g_steal_pointer (&pd->body);
  GError *error = NULL;
  gpointer result;

  result = pd->parse (body, pd->parse_data, &error);
  /* Free the reply before handing the result over: it can be large. */
  g_clear_pointer (&body, g_bytes_unref);

  if (result == NULL)
    {
      if (error == NULL)
        error = g_error_new (BOX_ERROR, BOX_ERROR_MALFORMED, _("The reply could not be read."));
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, pd->result_free);
}

static void
parsed_request_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ParseData *pd = g_task_get_task_data (task);
  GError *error = NULL;

  pd->body = box_http_request_finish (BOX_HTTP (object), result, &error);
  if (pd->body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_run_in_thread (task, parse_in_thread);
}

/**
 * box_http_request_parsed_async:
 * @parse: turns the body into the result, in a worker thread
 *
 * Like box_http_request_async(), then reads the body with @parse off the main thread,
 * so a large reply never stalls the window.
 */
void
box_http_request_parsed_async (BoxHttp             *self,
                               const char          *method,
                               const char          *path,
                               GBytes              *body,
                               const char          *content_type,
                               BoxHttpFlags         flags,
                               BoxHttpParseFunc     parse,
                               gpointer             parse_data,
                               GDestroyNotify       parse_data_destroy,
                               GDestroyNotify       result_free,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  ParseData *pd;

  g_return_if_fail (BOX_IS_HTTP (self));
  g_return_if_fail (parse != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_http_request_parsed_async);

  pd = g_new0 (ParseData, 1);
  pd->parse = parse;
  pd->parse_data = parse_data;
  pd->parse_data_free = parse_data_destroy;
  pd->result_free = result_free;
  g_task_set_task_data (task, pd, (GDestroyNotify)parse_data_free);

  box_http_request_async (self, method, path, body, content_type, flags,
                          cancellable, parsed_request_cb, task);
}

gpointer
box_http_request_parsed_finish (BoxHttp       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (BOX_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
