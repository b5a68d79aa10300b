/* boxoffice-emulator.c - loopback fake of the ticketing providers' APIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: boxoffice-emulator [--port N] [--port-file FILE] [--attendees N]
 *                           [--seed S] [--rate-limit N] [--timezone TZ] [--quiet]
 *                           [--latency-ms N]
 *
 * Listens on 127.0.0.1 only and prints "http://127.0.0.1:PORT/" on stdout
 * once ready.  Providers live below their own prefix (Fienta:
 * /fienta/api/v1; Eventyay: /eventyaydroid/api and /pretixdroid/api;
 * TickeTing: /ticketing/v3; Floktu: /floktu/api/v2).
 * Test hooks live below /_control/ (see README.md).
 */

#include "emu-core.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

typedef enum {
  FAULT_NONE,
  FAULT_DOWN,
  FAULT_500,
  FAULT_SLOW,
  FAULT_DROP,
  FAULT_TRUNCATE,
  FAULT_INVALID,
  FAULT_429,
} FaultMode;

static const char *const fault_names[] = {
  "none", "down", "500", "slow", "drop", "truncate", "invalid", "429",
};

typedef struct {
  FaultMode mode;
  gint64 count;          /* requests left; -1 = until changed */
  guint delay_ms;
  guint retry_after;
  char *path;            /* substring filter, or NULL for all */
} Fault;

typedef struct {
  char *method;
  char *path;
  char *query;
  char *body;
  gsize body_len;
  guint status;
  FaultMode fault;
  guint port;            /* the client's port: which connection the request came on */
} LogEntry;

/* A message whose answer is delayed ("slow") or whose connection is
 * taken over ("down", "drop"). */
typedef struct {
  EmuServer *emu;
  SoupServerMessage *msg;
  FaultMode mode;
  guint source_id;
  gulong disconnected_id;
  GString *raw;          /* "drop": the bytes to write before closing */
  GIOStream *stream;
  GCancellable *cancellable;
} PendingOp;

struct _EmuServer {
  EmuOptions options;
  guint rate_limit;      /* requests per minute per key; 0 = off */
  guint latency_ms;      /* every API answer waits this long; 0 = off */
  gboolean quiet;

  SoupServer *server;
  GMainLoop *loop;
  GPtrArray *providers;  /* EmuProvider* */
  Fault fault;
  GPtrArray *log;        /* LogEntry* */
  GHashTable *rate;      /* key -> GArray of gint64 monotonic µs */
  GList *pending;        /* PendingOp* */
};

static const char invalid_json_body[] =
  "{\"success\": {\"code\": 200}, \"tickets\": [ {\"id\": 1, oops";

static const char error_500_body[] =
  "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n"
  "<body><h1>Internal Server Error</h1>\n"
  "<p>The server encountered an internal error and was unable to complete your request.</p>\n"
  "</body></html>\n";

/* ---------------------------------------------------------------------- */
/* Requests                                                               */
/* ---------------------------------------------------------------------- */

static EmuRequest *
request_new (EmuServer *emu, SoupServerMessage *msg)
{
  EmuRequest *req = g_new0 (EmuRequest, 1);
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *query;

  req->emu = emu;
  req->msg = g_object_ref (msg);
  req->method = soup_server_message_get_method (msg);
  req->path = g_strdup (g_uri_get_path (uri));
  if (req->path[0] == '\0')
    {
      g_free (req->path);
      req->path = g_strdup ("/");
    }
  query = g_uri_get_query (uri);
  req->query = g_strdup (query);
  req->params = emu_query_parse (query);
  req->client_ip = soup_server_message_get_remote_host (msg);
  if (req->client_ip == NULL)
    req->client_ip = "127.0.0.1";
  req->headers = g_ptr_array_new_with_free_func (g_free);

  if (body != NULL)
    {
      /* Flattening makes body->data a single NUL-terminated buffer. */
      GBytes *flat = soup_message_body_flatten (body);

      g_bytes_unref (flat);
      req->body = body->data ? body->data : "";
      req->body_len = (gsize) body->length;
    }
  else
    {
      req->body = "";
    }

  return req;
}

static void
request_free (EmuRequest *req)
{
  g_object_unref (req->msg);
  g_free (req->path);
  g_free (req->query);
  g_hash_table_unref (req->params);
  g_strfreev (req->segments);
  g_free (req->content_type);
  if (req->response)
    g_string_free (req->response, TRUE);
  g_ptr_array_unref (req->headers);
  g_free (req);
}

/* libsoup 3.2 does not know every phrase we use. */
static const char *
status_phrase (guint status)
{
  if (status == 429)
    return "Too Many Requests";
  return soup_status_get_phrase (status);
}

/* Copies the response of @req into its SoupServerMessage. */
static void
request_apply (EmuRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  SoupMessageBody *body = soup_server_message_get_response_body (req->msg);
  guint i;

  if (req->status == 0)
    req->status = 500;
  soup_server_message_set_status (req->msg, req->status, status_phrase (req->status));
  for (i = 0; i + 1 < req->headers->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (req->headers, i),
                                  g_ptr_array_index (req->headers, i + 1));
  if (req->content_type)
    {
      g_autofree char *ct = NULL;

      if (g_str_has_prefix (req->content_type, "text/") || g_str_equal (req->content_type, "application/json"))
        ct = g_strdup_printf ("%s; charset=UTF-8", req->content_type);
      else
        ct = g_strdup (req->content_type);
      soup_message_headers_replace (headers, "Content-Type", ct);
    }

  soup_message_body_truncate (body);
  if (req->response && req->response->len > 0)
    {
      gsize len = req->response->len;

      soup_message_body_append_take (body, (guchar *) g_string_free (req->response, FALSE), len);
      req->response = NULL;
    }
}

static void
respond_error (EmuRequest *req, guint status, gboolean code_as_string,
               const char *user_message, const char *internal_message)
{
  GString *s = g_string_new ("{\"errors\":[{\"code\":");

  if (code_as_string)
    g_string_append_c (s, '"');
  emu_json_int (s, status);
  if (code_as_string)
    g_string_append_c (s, '"');
  g_string_append (s, ",\"user_message\":");
  emu_json_string (s, user_message);
  g_string_append (s, ",\"internal_message\":");
  emu_json_string (s, internal_message);
  g_string_append (s, "}]}");
  emu_request_respond_json (req, status, s);
}

static void
respond_control_error (EmuRequest *req, guint status, const char *message)
{
  GString *s = g_string_new ("{\"ok\":false,\"error\":");

  emu_json_string (s, message);
  g_string_append_c (s, '}');
  emu_request_respond_json (req, status, s);
}

/* ---------------------------------------------------------------------- */
/* Logging                                                                */
/* ---------------------------------------------------------------------- */

static void
log_entry_free (gpointer data)
{
  LogEntry *e = data;

  g_free (e->method);
  g_free (e->path);
  g_free (e->query);
  g_free (e->body);
  g_free (e);
}

static void
log_request (EmuServer *emu, EmuRequest *req, guint status, FaultMode fault)
{
  LogEntry *e = g_new0 (LogEntry, 1);

  e->method = g_strdup (req->method);
  e->path = g_strdup (req->path);
  e->query = g_strdup (req->query);
  e->body_len = MIN (req->body_len, EMU_LOG_BODY_MAX);
  e->body = g_strndup (req->body, e->body_len);
  e->body_len = strlen (e->body);  /* stop at an embedded NUL */
  e->status = status;
  e->fault = fault;
  {
    GSocketAddress *remote = soup_server_message_get_remote_address (req->msg);
    if (G_IS_INET_SOCKET_ADDRESS (remote))
      e->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote));
  }
  g_ptr_array_add (emu->log, e);
}

static void
print_request (EmuServer *emu, EmuRequest *req, guint status, FaultMode fault, gboolean control)
{
  g_autofree char *line = NULL;
  g_autofree char *safe = NULL;

  if (emu->quiet)
    return;

  line = g_strdup_printf ("%s %s%s%s", req->method, req->path,
                          req->query ? "?" : "", req->query ? req->query : "");
  safe = g_strescape (line, "\"");
  g_printerr ("emulator: %s%s -> %u (%" G_GSIZE_FORMAT " bytes)%s%s\n",
              control ? "[control] " : "", safe, status,
              req->response ? req->response->len : (gsize) 0,
              fault != FAULT_NONE ? " fault=" : "",
              fault != FAULT_NONE ? fault_names[fault] : "");
}

/* ---------------------------------------------------------------------- */
/* Pending operations: slow answers and stolen connections                */
/* ---------------------------------------------------------------------- */

static void
pending_op_free (PendingOp *op)
{
  op->emu->pending = g_list_remove (op->emu->pending, op);
  if (op->source_id)
    g_source_remove (op->source_id);
  if (op->msg)
    {
      if (op->disconnected_id)
        g_signal_handler_disconnect (op->msg, op->disconnected_id);
      g_object_unref (op->msg);
    }
  if (op->raw)
    g_string_free (op->raw, TRUE);
  g_clear_object (&op->stream);
  g_clear_object (&op->cancellable);
  g_free (op);
}

static void
on_pending_disconnected (SoupServerMessage *msg, gpointer user_data)
{
  PendingOp *op = user_data;

  /* The client went away while we were sitting on the message. */
  g_signal_handler_disconnect (op->msg, op->disconnected_id);
  op->disconnected_id = 0;
  pending_op_free (op);
}

static PendingOp *
pending_op_new (EmuServer *emu, SoupServerMessage *msg, FaultMode mode)
{
  PendingOp *op = g_new0 (PendingOp, 1);

  op->emu = emu;
  op->msg = g_object_ref (msg);
  op->mode = mode;
  op->disconnected_id = g_signal_connect (msg, "disconnected",
                                          G_CALLBACK (on_pending_disconnected), op);
  emu->pending = g_list_prepend (emu->pending, op);
  soup_server_message_pause (msg);
  return op;
}

static gboolean
slow_timeout_cb (gpointer user_data)
{
  PendingOp *op = user_data;

  op->source_id = 0;
  soup_server_message_unpause (op->msg);
  pending_op_free (op);
  return G_SOURCE_REMOVE;
}

static void
drop_closed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PendingOp *op = user_data;

  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  pending_op_free (op);
}

static void
drop_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PendingOp *op = user_data;

  /* A write error just means the client hung up first: close anyway. */
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  g_io_stream_close_async (op->stream, G_PRIORITY_DEFAULT, NULL, drop_closed_cb, op);
}

static gboolean
steal_idle_cb (gpointer user_data)
{
  PendingOp *op = user_data;

  op->source_id = 0;
  if (op->disconnected_id)
    {
      g_signal_handler_disconnect (op->msg, op->disconnected_id);
      op->disconnected_id = 0;
    }
  op->stream = soup_server_message_steal_connection (op->msg);
  g_clear_object (&op->msg);

  if (op->stream == NULL)
    {
      pending_op_free (op);
    }
  else if (op->mode == FAULT_DROP && op->raw != NULL)
    {
      op->cancellable = g_cancellable_new ();
      g_output_stream_write_all_async (g_io_stream_get_output_stream (op->stream),
                                       op->raw->str, op->raw->len, G_PRIORITY_DEFAULT,
                                       op->cancellable, drop_written_cb, op);
    }
  else
    {
      g_io_stream_close (op->stream, NULL, NULL);
      pending_op_free (op);
    }

  return G_SOURCE_REMOVE;
}

/* "down": close the connection without any answer. */
static void
fault_down (EmuServer *emu, SoupServerMessage *msg)
{
  PendingOp *op = pending_op_new (emu, msg, FAULT_DOWN);

  op->source_id = g_idle_add (steal_idle_cb, op);
}

/* "drop": announce the full body, send half of it, then close. */
static void
fault_drop (EmuServer *emu, EmuRequest *req)
{
  PendingOp *op = pending_op_new (emu, req->msg, FAULT_DROP);
  gsize full = req->response ? req->response->len : 0;
  guint i;

  op->raw = g_string_sized_new (256 + full / 2);
  g_string_append_printf (op->raw, "HTTP/1.1 %u %s\r\n", req->status,
                          status_phrase (req->status));
  if (req->content_type)
    g_string_append_printf (op->raw, "Content-Type: %s\r\n", req->content_type);
  for (i = 0; i + 1 < req->headers->len; i += 2)
    g_string_append_printf (op->raw, "%s: %s\r\n", (char *) g_ptr_array_index (req->headers, i),
                            (char *) g_ptr_array_index (req->headers, i + 1));
  /* Promise at least one byte more than we send. */
  g_string_append_printf (op->raw, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", MAX (full, 2));
  if (full > 0)
    g_string_append_len (op->raw, req->response->str, (gssize) (full / 2));

  op->source_id = g_idle_add (steal_idle_cb, op);
}

static void
fault_slow (EmuServer *emu, SoupServerMessage *msg, guint delay_ms)
{
  PendingOp *op = pending_op_new (emu, msg, FAULT_SLOW);

  op->source_id = g_timeout_add (delay_ms, slow_timeout_cb, op);
}

/* ---------------------------------------------------------------------- */
/* Faults and rate limiting                                               */
/* ---------------------------------------------------------------------- */

/* Returns the fault to apply to an API request to @path, consuming one
 * from the fault's count. */
static FaultMode
take_fault (EmuServer *emu, const char *path)
{
  Fault *f = &emu->fault;

  if (f->mode == FAULT_NONE || f->count == 0)
    return FAULT_NONE;
  if (f->path != NULL && strstr (path, f->path) == NULL)
    return FAULT_NONE;
  if (f->count > 0 && --f->count == 0)
    {
      FaultMode mode = f->mode;

      /* Keep delay/retry_after for this last request; only the mode goes. */
      f->mode = FAULT_NONE;
      return mode;
    }
  return f->mode;
}

static void
rate_window_free (gpointer data)
{
  g_array_unref (data);
}

/* Records a request for @key.  Returns 0 if allowed, otherwise the number
 * of seconds until the window has room again. */
static guint
rate_check (EmuServer *emu, const char *key)
{
  const gint64 window = 60 * G_USEC_PER_SEC;
  gint64 now = g_get_monotonic_time ();
  GArray *times = g_hash_table_lookup (emu->rate, key);
  guint expired = 0;

  if (times == NULL)
    {
      times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (emu->rate, g_strdup (key), times);
    }

  while (expired < times->len && g_array_index (times, gint64, expired) <= now - window)
    expired++;
  if (expired > 0)
    g_array_remove_range (times, 0, expired);

  if (times->len >= emu->rate_limit)
    {
      gint64 wait = g_array_index (times, gint64, 0) + window - now;

      return (guint) MAX (1, (wait + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
    }

  g_array_append_val (times, now);
  return 0;
}

static char *
rate_key (EmuProvider *provider, EmuRequest *req)
{
  const char *auth = emu_request_header (req, "Authorization");

  /* TickeTing sends its key as X-API-Key. */
  if (auth == NULL || *auth == '\0')
    auth = emu_request_header (req, "X-API-Key");
  if (auth != NULL && *auth != '\0')
    return g_strconcat (provider->name, "|token|", auth, NULL);
  return g_strconcat (provider->name, "|ip|", req->client_ip, NULL);
}

/* ---------------------------------------------------------------------- */
/* API dispatch                                                           */
/* ---------------------------------------------------------------------- */

static EmuProvider *
find_provider (EmuServer *emu, const char *path, const char **rest)
{
  guint i;

  for (i = 0; i < emu->providers->len; i++)
    {
      EmuProvider *p = g_ptr_array_index (emu->providers, i);
      gsize len = strlen (p->prefix);

      if (strncmp (path, p->prefix, len) == 0 && (path[len] == '\0' || path[len] == '/'))
        {
          *rest = path + len;
          return p;
        }
    }
  return NULL;
}

static void
handle_api (EmuServer *emu, EmuRequest *req)
{
  EmuProvider *provider;
  const char *rest = "";
  FaultMode fault;
  guint status;

  provider = find_provider (emu, req->path, &rest);
  req->segments = emu_path_split (rest, &req->n_segments);

  fault = take_fault (emu, req->path);

  if (fault == FAULT_DOWN)
    {
      log_request (emu, req, 0, fault);
      print_request (emu, req, 0, fault, FALSE);
      fault_down (emu, req->msg);
      return;
    }

  if (req->body_len > EMU_MAX_BODY)
    respond_error (req, 413, FALSE, "Request body too large", "payload_too_large");
  else if (fault == FAULT_500)
    emu_request_respond_text (req, 500, "text/html", error_500_body);
  else if (fault == FAULT_INVALID)
    emu_request_respond_text (req, 200, "application/json", invalid_json_body);
  else if (fault == FAULT_429)
    {
      guint retry = emu->fault.retry_after ? emu->fault.retry_after : 1;

      if (provider)
        provider->too_many_requests (provider, req, retry);
      else
        respond_error (req, 429, FALSE, "Too many requests", "too_many_requests");
    }
  else if (provider == NULL)
    respond_error (req, 404, TRUE, "Not found", "not_found");
  else if (provider->gate == NULL || !provider->gate (provider, req))
    {
      guint retry = 0;

      if (emu->rate_limit > 0)
        {
          g_autofree char *key = rate_key (provider, req);

          retry = rate_check (emu, key);
        }
      if (retry > 0)
        provider->too_many_requests (provider, req, retry);
      else
        provider->handle (provider, req);
    }

  /* The provider answers this one itself, later. */
  if (req->deferred)
    {
      log_request (emu, req, req->status, FAULT_NONE);
      print_request (emu, req, req->status, FAULT_NONE, FALSE);
      return;
    }

  if (req->status == 0)
    respond_error (req, 500, FALSE, "Internal error", "no_response");
  status = req->status;

  if (fault == FAULT_TRUNCATE && req->response)
    g_string_truncate (req->response, req->response->len / 2);

  log_request (emu, req, status, fault);
  print_request (emu, req, status, fault, FALSE);

  if (fault == FAULT_DROP)
    {
      fault_drop (emu, req);
      return;
    }

  request_apply (req);
  if (fault == FAULT_SLOW)
    fault_slow (emu, req->msg, emu->fault.delay_ms);
  else if (emu->latency_ms > 0)
    fault_slow (emu, req->msg, emu->latency_ms);
}

/* ---------------------------------------------------------------------- */
/* Control endpoints                                                      */
/* ---------------------------------------------------------------------- */

static void
append_fault (EmuServer *emu, GString *s)
{
  Fault *f = &emu->fault;

  g_string_append (s, "{\"mode\":");
  emu_json_string (s, fault_names[f->mode]);
  g_string_append (s, ",\"count\":");
  emu_json_int (s, f->count);
  g_string_append (s, ",\"delay_ms\":");
  emu_json_int (s, f->delay_ms);
  g_string_append (s, ",\"retry_after\":");
  emu_json_int (s, f->retry_after);
  g_string_append (s, ",\"path\":");
  emu_json_string (s, f->path);
  g_string_append_c (s, '}');
}

static void
control_fault (EmuServer *emu, EmuRequest *req)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *obj;
  JsonNode *node;
  const char *mode_str = NULL;
  g_autofree char *mode_buf = NULL;
  FaultMode mode = FAULT_NONE;
  gint64 count = -1, delay = 1000, retry = 1;
  const char *path;
  guint i;

  if (emu_request_method_is (req, "GET"))
    {
      GString *s = g_string_new (NULL);

      append_fault (emu, s);
      emu_request_respond_json (req, 200, s);
      return;
    }
  if (!emu_request_method_is (req, "POST"))
    {
      respond_control_error (req, 405, "use GET or POST");
      return;
    }

  root = emu_request_parse_json (req, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      respond_control_error (req, 400, error ? error->message : "body must be a JSON object");
      return;
    }
  obj = json_node_get_object (root);

  node = json_object_get_member (obj, "mode");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    mode_str = mode_buf = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    mode_str = emu_json_get_string (obj, "mode", NULL, NULL);
  if (mode_str == NULL)
    mode_str = "none";
  for (i = 0; i < G_N_ELEMENTS (fault_names); i++)
    if (g_ascii_strcasecmp (mode_str, fault_names[i]) == 0)
      break;
  if (i == G_N_ELEMENTS (fault_names))
    {
      respond_control_error (req, 400, "unknown mode");
      return;
    }
  mode = (FaultMode) i;

  if (json_object_has_member (obj, "count") && !json_node_is_null (json_object_get_member (obj, "count")) &&
      !emu_json_get_int (obj, "count", &count))
    {
      respond_control_error (req, 400, "count must be an integer");
      return;
    }
  if (count < 0)
    count = -1;
  if (json_object_has_member (obj, "delay_ms") && !emu_json_get_int (obj, "delay_ms", &delay))
    {
      respond_control_error (req, 400, "delay_ms must be an integer");
      return;
    }
  if (json_object_has_member (obj, "retry_after") && !emu_json_get_int (obj, "retry_after", &retry))
    {
      respond_control_error (req, 400, "retry_after must be an integer");
      return;
    }
  path = emu_json_get_string (obj, "path", NULL, NULL);

  g_clear_pointer (&emu->fault.path, g_free);
  emu->fault.mode = count == 0 ? FAULT_NONE : mode;
  emu->fault.count = mode == FAULT_NONE ? 0 : count;
  emu->fault.delay_ms = (guint) CLAMP (delay, 0, 600000);
  emu->fault.retry_after = (guint) CLAMP (retry, 0, 86400);
  emu->fault.path = path && *path ? g_strdup (path) : NULL;

  emu_request_respond_text (req, 200, "application/json", "{\"ok\":true}");
}

/* GET: {"ms": N}; POST {"ms": N}: every API answer waits N ms (0 = off). */
static void
control_latency (EmuServer *emu, EmuRequest *req)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  gint64 ms = 0;
  GString *s;

  if (emu_request_method_is (req, "POST"))
    {
      root = emu_request_parse_json (req, &error);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
          !emu_json_get_int (json_node_get_object (root), "ms", &ms) || ms < 0 || ms > 600000)
        {
          respond_control_error (req, 400, "body must be {\"ms\": 0..600000}");
          return;
        }
      emu->latency_ms = (guint) ms;
    }
  else if (!emu_request_method_is (req, "GET"))
    {
      respond_control_error (req, 405, "use GET or POST");
      return;
    }
  s = g_string_new ("{\"ms\":");
  emu_json_int (s, emu->latency_ms);
  g_string_append (s, "}");
  emu_request_respond_json (req, 200, s);
}

static void
control_requests (EmuServer *emu, EmuRequest *req)
{
  GString *s = g_string_new ("[");
  guint i;

  for (i = 0; i < emu->log->len; i++)
    {
      LogEntry *e = g_ptr_array_index (emu->log, i);

      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, "\n{\"method\":");
      emu_json_string (s, e->method);
      g_string_append (s, ",\"path\":");
      emu_json_string (s, e->path);
      g_string_append (s, ",\"query\":");
      emu_json_string (s, e->query);
      g_string_append (s, ",\"status\":");
      emu_json_int (s, e->status);
      g_string_append (s, ",\"port\":");
      emu_json_int (s, e->port);
      g_string_append (s, ",\"body\":");
      emu_json_string_len (s, e->body, e->body_len);
      if (e->fault != FAULT_NONE)
        {
          g_string_append (s, ",\"fault\":");
          emu_json_string (s, fault_names[e->fault]);
        }
      g_string_append_c (s, '}');
    }
  g_string_append (s, "]\n");
  emu_request_respond_json (req, 200, s);
}

static void
handle_control (EmuServer *emu, EmuRequest *req)
{
  const char *action;
  guint i;

  req->segments = emu_path_split (req->path, &req->n_segments);
  if (req->n_segments < 2)
    {
      respond_control_error (req, 404, "unknown control endpoint");
      return;
    }
  action = req->segments[1];

  if (req->body_len > EMU_MAX_BODY)
    {
      respond_control_error (req, 413, "body too large");
      return;
    }

  if (g_str_equal (action, "fault"))
    {
      control_fault (emu, req);
      return;
    }
  if (g_str_equal (action, "requests"))
    {
      control_requests (emu, req);
      return;
    }
  if (g_str_equal (action, "latency"))
    {
      control_latency (emu, req);
      return;
    }
  if (g_str_equal (action, "reset"))
    {
      if (!emu_request_method_is (req, "POST"))
        {
          respond_control_error (req, 405, "use POST");
          return;
        }
      g_ptr_array_set_size (emu->log, 0);
      g_hash_table_remove_all (emu->rate);
      emu_request_respond_text (req, 200, "application/json", "{\"ok\":true}");
      return;
    }

  /* /_control/PROVIDER/ACTION, or /_control/ACTION for the first provider
   * that knows ACTION. */
  for (i = 0; i < emu->providers->len; i++)
    {
      EmuProvider *p = g_ptr_array_index (emu->providers, i);

      if (p->control && req->n_segments >= 3 && g_str_equal (action, p->name))
        {
          if (p->control (p, req, req->segments[2]))
            return;
          break;
        }
    }
  for (i = 0; i < emu->providers->len && req->n_segments == 2; i++)
    {
      EmuProvider *p = g_ptr_array_index (emu->providers, i);

      if (p->control && p->control (p, req, action))
        return;
    }

  respond_control_error (req, 404, "unknown control endpoint");
}

/* ---------------------------------------------------------------------- */
/* Server                                                                 */
/* ---------------------------------------------------------------------- */

static gboolean
is_control_path (const char *path)
{
  return g_str_has_prefix (path, "/_control/") || g_str_equal (path, "/_control");
}

static void
server_callback (SoupServer *server, SoupServerMessage *msg, const char *path,
                 GHashTable *query, gpointer user_data)
{
  EmuServer *emu = user_data;
  EmuRequest *req = request_new (emu, msg);

  if (is_control_path (req->path))
    {
      handle_control (emu, req);
      print_request (emu, req, req->status, FAULT_NONE, TRUE);
      request_apply (req);
    }
  else
    {
      handle_api (emu, req);
    }

  request_free (req);
}

/* Rejects oversized bodies before libsoup reads them. */
static void
early_callback (SoupServer *server, SoupServerMessage *msg, const char *path,
                GHashTable *query, gpointer user_data)
{
  EmuServer *emu = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  EmuRequest *req;

  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
      soup_message_headers_get_content_length (headers) <= EMU_MAX_BODY)
    return;

  req = request_new (emu, msg);
  respond_error (req, 413, FALSE, "Request body too large", "payload_too_large");
  emu_request_add_header (req, "Connection", "close");
  if (!is_control_path (req->path))
    log_request (emu, req, 413, FAULT_NONE);
  print_request (emu, req, 413, FAULT_NONE, is_control_path (req->path));
  request_apply (req);
  request_free (req);
}

static gboolean
on_quit_signal (gpointer user_data)
{
  EmuServer *emu = user_data;

  g_main_loop_quit (emu->loop);
  return G_SOURCE_CONTINUE;
}

static void
provider_free (gpointer data)
{
  EmuProvider *p = data;

  if (p->free_state)
    p->free_state (p->state);
  g_free (p);
}

static gboolean
write_port_file (const char *file, guint port, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%u\n", port);

  /* g_file_set_contents() writes a temporary file and renames it. */
  return g_file_set_contents (file, text, -1, error);
}

int
main (int argc, char **argv)
{
  EmuServer emu = { 0 };
  gint port = 0, attendees = 200, seed = 1, rate_limit = 0, latency_ms = 0;
  gboolean quiet = FALSE;
  g_autofree char *port_file = NULL;
  g_autofree char *tz_name = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  GSList *uris;
  guint real_port = 0;
  guint sigterm_id, sigint_id;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port to listen on (0 = any free port)", "N" },
    { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &port_file, "Write the port number to FILE", "FILE" },
    { "attendees", 'n', 0, G_OPTION_ARG_INT, &attendees, "Tickets in the big event (default 200)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Seed of the generated data (default 1)", "S" },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit, "Max API requests per minute per token or IP (0 = off)", "N" },
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &tz_name, "Server time zone (default Europe/Tallinn)", "TZ" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Do not log requests to stderr", NULL },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Delay every API answer by N ms (default 0)", "N" },
    { NULL },
  };

  context = g_option_context_new ("- Box Office ticketing provider emulator");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("boxoffice-emulator: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || attendees < 0 || attendees > 10000000 || rate_limit < 0 ||
      latency_ms < 0 || latency_ms > 600000)
    {
      g_printerr ("boxoffice-emulator: option out of range\n");
      return 2;
    }

  emu.options.attendees = (guint) attendees;
  emu.options.seed = (guint32) seed;
  emu.options.timezone = tz_name ? tz_name : "Europe/Tallinn";
  emu.options.quiet = quiet;
  emu.rate_limit = (guint) rate_limit;
  emu.latency_ms = (guint) latency_ms;
  emu.quiet = quiet;
  emu.providers = g_ptr_array_new_with_free_func (provider_free);
  emu.log = g_ptr_array_new_with_free_func (log_entry_free);
  emu.rate = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, rate_window_free);
  emu.fault.retry_after = 1;
  emu.fault.delay_ms = 1000;

  g_ptr_array_add (emu.providers, emu_fienta_provider_new (&emu.options));
  {
    EmuProvider *eventyay = emu_eventyay_provider_new (&emu.options);

    /* The alias shares the owner's state and never frees it. */
    g_ptr_array_add (emu.providers, eventyay);
    g_ptr_array_add (emu.providers, emu_eventyay_provider_alias (eventyay, "/pretixdroid/api"));
  }
  g_ptr_array_add (emu.providers, emu_ticketing_provider_new (&emu.options));
  g_ptr_array_add (emu.providers, emu_currinda_provider_new (&emu.options));
  g_ptr_array_add (emu.providers, emu_floktu_provider_new (&emu.options));

  emu.server = soup_server_new ("server-header", "boxoffice-emulator ", NULL);
  soup_server_add_early_handler (emu.server, NULL, early_callback, &emu, NULL);
  soup_server_add_handler (emu.server, NULL, server_callback, &emu, NULL);

  if (!soup_server_listen_local (emu.server, (guint) port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_printerr ("boxoffice-emulator: cannot listen on 127.0.0.1:%d: %s\n", port, error->message);
      return 1;
    }

  uris = soup_server_get_uris (emu.server);
  if (uris != NULL)
    real_port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  if (port_file != NULL && !write_port_file (port_file, real_port, &error))
    {
      g_printerr ("boxoffice-emulator: cannot write %s: %s\n", port_file, error->message);
      return 1;
    }

  printf ("http://127.0.0.1:%u/\n", real_port);
  fflush (stdout);

  emu.loop = g_main_loop_new (NULL, FALSE);
  sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal, &emu);
  sigint_id = g_unix_signal_add (SIGINT, on_quit_signal, &emu);

  g_main_loop_run (emu.loop);

  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);
  while (emu.pending != NULL)
    {
      PendingOp *op = emu.pending->data;

      if (op->cancellable)
        {
          /* An async write is in flight; its callback would touch freed
           * memory, so just forget the operation. */
          g_cancellable_cancel (op->cancellable);
          emu.pending = g_list_remove (emu.pending, op);
          continue;
        }
      pending_op_free (op);
    }
  soup_server_disconnect (emu.server);
  g_object_unref (emu.server);
  g_main_loop_unref (emu.loop);
  g_ptr_array_unref (emu.providers);
  g_ptr_array_unref (emu.log);
  g_hash_table_unref (emu.rate);
  g_free (emu.fault.path);

  return 0;
}
