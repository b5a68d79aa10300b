/* test-http.c: BoxHttp against the emulator, through every fault mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "box-error.h"
#include "box-fienta-parser.h"
#include "box-http.h"
#include "box-test-util.h"

#define KEY "0123456789abcdef0123456789abcdef"

static BoxTestEmulator *emu;

static BoxHttp *
new_http (const char *token)
{
  g_autofree char *url = box_test_emulator_fienta_url (emu);
  g_autoptr(GError) error = NULL;
  BoxHttp *http = box_http_new ("Fienta", url, &error);

  g_assert_no_error (error);
  box_http_set_error_reader (http, box_fienta_read_error);
  box_http_set_retry_policy (http, 3, 50, 5);
  box_http_set_timeout (http, 2);
  if (token != NULL)
    {
      g_autofree char *header = g_strdup_printf ("Bearer %s", token);
      box_http_set_header (http, "Authorization", header);
    }
  return http;
}

static GBytes *
request (BoxHttp      *http,
         const char   *method,
         const char   *path,
         BoxHttpFlags  flags,
         GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  box_http_request_async (http, method, path, NULL, NULL, flags, NULL, box_test_got_result, &result);
  return box_http_request_finish (http, box_test_wait (&result), error);
}

static guint
requests_logged (void)
{
  g_autoptr(JsonNode) log = box_test_emulator_get (emu, "/_control/requests");
  g_autofree char *text = json_to_string (log, FALSE);

  g_test_message ("requests: %s", text);
  return json_array_get_length (json_node_get_array (log));
}

static void
reset_log (void)
{
  g_autoptr(JsonNode) reply = box_test_emulator_post (emu, "/_control/reset", "{}");
  g_assert_nonnull (reply);
  box_test_emulator_fault (emu, "none", 0);
}

static void
test_base_url_rules (void)
{
  const struct { const char *url; gboolean ok; } cases[] = {
    { "https://fienta.com/api/v1", TRUE },
    { "http://127.0.0.1:8080/api", TRUE },
    { "http://127.0.0.2/", TRUE },
    { "http://localhost:1/", TRUE },
    { "http://[::1]:80/", TRUE },
    { "http://fienta.com/api/v1", FALSE },
    { "http://192.168.1.10/", FALSE },
    { "ftp://127.0.0.1/", FALSE },
    { "fienta.com", FALSE },
    { "", FALSE },
    { "https://", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = box_http_check_base_url (cases[i].url, &error);

      g_test_message ("%s", cases[i].url);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        {
          g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
          g_assert_nonnull (strstr (error->message, "https"));
        }
    }
}

static void
test_ok (void)
{
  g_autoptr(BoxHttp) http = new_http (KEY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = request (http, "GET", "/organizers", BOX_HTTP_FLAGS_IDEMPOTENT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "organizers"));
}

static void
test_status_mapping (void)
{
  g_autoptr(BoxHttp) bad = new_http ("wrong");
  g_autoptr(BoxHttp) good = new_http (KEY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = request (bad, "GET", "/organizers", BOX_HTTP_FLAGS_IDEMPOTENT, &error);
  g_assert_null (body);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  /* The server's own words reach the person. */
  g_assert_nonnull (strstr (error->message, "Unauthorized access"));
  g_clear_error (&error);

  body = request (good, "GET", "/tickets/NOSUCHCODE", BOX_HTTP_FLAGS_IDEMPOTENT, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An organiser the token may not see: 401 unauthorized_access_to_resource. */
  body = request (good, "GET", "/organizers/9/events", BOX_HTTP_FLAGS_IDEMPOTENT, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
}

static void
test_retry_after_500_and_drop (void)
{
  const char *modes[] = { "500", "down", "drop" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(BoxHttp) http = new_http (KEY);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      guint n;

      g_test_message ("mode %s", modes[i]);
      reset_log ();
      box_test_emulator_fault (emu, modes[i], 2);
      body = request (http, "GET", "/organizers", BOX_HTTP_FLAGS_IDEMPOTENT, &error);
      g_assert_no_error (error);
      g_assert_nonnull (body);
      /* Two failures, then the answer: each try on a connection of its own, so libsoup
       * does not send any of them again by itself (see test_connections). */
      n = requests_logged ();
      g_assert_cmpuint (n, ==, 3);
    }
}

static void
test_gives_up (void)
{
  struct { const char *mode; int code; } cases[] = {
    { "500", BOX_ERROR_SERVER },
    { "down", BOX_ERROR_OFFLINE },
    { "drop", BOX_ERROR_OFFLINE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BoxHttp) http = new_http (KEY);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      guint n;

      reset_log ();
      box_test_emulator_fault (emu, cases[i].mode, -1);
      body = request (http, "GET", "/organizers", BOX_HTTP_FLAGS_IDEMPOTENT, &error);
      g_assert_error (error, BOX_ERROR, cases[i].code);
      g_assert_true (box_error_is_transient (error));
      /* Three tries, each sent once. */
      n = requests_logged ();
      g_assert_cmpuint (n, ==, 3);
    }
  reset_log ();
}

static void
test_no_retry_without_idempotence (void)
{
  g_autoptr(BoxHttp) http = new_http (KEY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  reset_log ();
  box_test_emulator_fault (emu, "500", 1);
  body = request (http, "PUT", "/tickets/X", BOX_HTTP_FLAGS_NONE, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_SERVER);
  g_assert_cmpuint (requests_logged (), ==, 1);
  reset_log ();
}

static void
test_429_waits (void)
{
  g_autoptr(BoxHttp) http = new_http (KEY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 start;

  reset_log ();
  box_test_emulator_fault (emu, "429", 1);
  start = g_get_monotonic_time ();
  /* A 429 was not carried out, so even a non-idempotent request is sent again. */
  body = request (http, "GET", "/organizers", BOX_HTTP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  /* retry_after is 1 s in the fault: it was honoured. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
  g_assert_cmpuint (requests_logged (), ==, 2);
}

static void
test_429_too_long (void)
{
  g_autoptr(BoxHttp) http = new_http (KEY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) reply = NULL;

  reset_log ();
  reply = box_test_emulator_post (emu, "/_control/fault", "{\"mode\":\"429\",\"count\":1,\"retry_after\":600}");
  body = request (http, "GET", "/organizers", BOX_HTTP_FLAGS_IDEMPOTENT, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "slow down"));
  g_assert_cmpuint (requests_logged (), ==, 1);
  reset_log ();
}

static void
test_timeout (void)
{
  g_autoptr(BoxHttp) http = new_http (KEY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  box_http_set_retry_policy (http, 1, 50, 5);
  box_http_set_timeout (http, 1);
  reset_log ();
  box_test_emulator_fault (emu, "slow", 1);
  body = request (http, "GET", "/organizers", BOX_HTTP_FLAGS_IDEMPOTENT, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "did not answer"));
  reset_log ();
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(BoxHttp) http = new_http (KEY);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 start = g_get_monotonic_time ();

  box_http_set_timeout (http, 10);
  reset_log ();
  box_test_emulator_fault (emu, "slow", 1);
  g_timeout_add (100, cancel_cb, cancellable);
  box_http_request_async (http, "GET", "/organizers", NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                          cancellable, box_test_got_result, &result);
  body = box_http_request_finish (http, box_test_wait (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  reset_log ();
}

static gpointer
parse_tickets (GBytes   *body,
               gpointer  user_data,
               GError  **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  /* Parsing runs in a worker thread, never in the main one. */
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  return box_fienta_parse_tickets (data, len, NULL, NULL, error);
}

static void
test_malformed_replies (void)
{
  const char *modes[] = { "truncate", "invalid", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(BoxHttp) http = new_http (KEY);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) tickets = NULL;

      reset_log ();
      if (modes[i] != NULL)
        box_test_emulator_fault (emu, modes[i], 1);
      box_http_request_parsed_async (http, "GET", "/events/10/tickets?attendees", NULL, NULL,
                                     BOX_HTTP_FLAGS_IDEMPOTENT, parse_tickets, NULL, NULL,
                                     (GDestroyNotify)g_ptr_array_unref, NULL,
                                     box_test_got_result, &result);
      tickets = box_http_request_parsed_finish (http, box_test_wait (&result), &error);
      if (modes[i] == NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (tickets->len, ==, 50);
        }
      else
        {
          g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
          g_assert_null (tickets);
        }
    }
}

static guint
logged_port (JsonArray *log,
             guint      i)
{
  return (guint)json_object_get_int_member (json_array_get_object_element (log, i), "port");
}

/* libsoup 3.2 can crash when it sends a GET again by itself after a server closed a
 * kept-open connection; so a single request opens a connection of its own, and only a
 * batch (the pages of a download) goes on over the connection of the one before. */
static void
test_connections (void)
{
  g_autoptr(BoxHttp) http = new_http (KEY);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *log;
  const BoxHttpFlags batch = BOX_HTTP_FLAGS_IDEMPOTENT | BOX_HTTP_FLAGS_BATCH;

  reset_log ();
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) body = request (http, "GET", "/organizers", BOX_HTTP_FLAGS_IDEMPOTENT, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) body = request (http, "GET", "/organizers", batch, &error);
      g_assert_no_error (error);
    }

  node = box_test_emulator_get (emu, "/_control/requests");
  log = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (log), ==, 5);
  g_assert_cmpuint (logged_port (log, 0), !=, 0);
  g_assert_cmpuint (logged_port (log, 0), !=, logged_port (log, 1));
  /* The batch may start on the connection left open; then it stays on it. */
  g_assert_cmpuint (logged_port (log, 2), ==, logged_port (log, 3));
  g_assert_cmpuint (logged_port (log, 3), ==, logged_port (log, 4));
}

static void
test_user_agent_and_accept (void)
{
  g_autoptr(BoxHttp) http = new_http (KEY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  /* Fienta's Cloudflare refuses Python's default agent; ours gets through. */
  body = request (http, "GET", "/organizers", BOX_HTTP_FLAGS_IDEMPOTENT, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  emu = box_test_emulator_start (50, NULL);

  g_test_add_func ("/http/base-url-rules", test_base_url_rules);
  g_test_add_func ("/http/ok", test_ok);
  g_test_add_func ("/http/status-mapping", test_status_mapping);
  g_test_add_func ("/http/retry-after-500-down-drop", test_retry_after_500_and_drop);
  g_test_add_func ("/http/gives-up", test_gives_up);
  g_test_add_func ("/http/no-retry-without-idempotence", test_no_retry_without_idempotence);
  g_test_add_func ("/http/429-waits", test_429_waits);
  g_test_add_func ("/http/429-too-long", test_429_too_long);
  g_test_add_func ("/http/timeout", test_timeout);
  g_test_add_func ("/http/cancel", test_cancel);
  g_test_add_func ("/http/malformed-replies", test_malformed_replies);
  g_test_add_func ("/http/user-agent", test_user_agent_and_accept);
  g_test_add_func ("/http/connections", test_connections);

  ret = g_test_run ();

  g_clear_pointer (&emu, box_test_emulator_stop);
  box_test_cleanup ();
  return ret;
}
