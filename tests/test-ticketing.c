/* test-ticketing.c: BoxDesk and the TickeTing (REST API v3) provider against the
 * emulator: signing in, what each refusal tells the person at the desk, 100,000 tickets
 * in pages, admissions exactly once (offline, and with a lost answer), and admission
 * tokens that admit only some sections
 *
 * Runs inside tests/with-keyring.sh: accounts keep their keys in a real Secret Service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-desk.h"
#include "box-error.h"
#include "box-event.h"
#include "box-event-stats.h"
#include "box-providers.h"
#include "box-secrets.h"
#include "box-test-util.h"

#define ATTENDEES 400
#define BIG_ATTENDEES 100000
#define TICKET_PAGE 500

#define CARNIVAL "16993964783416"
#define JAZZ "17100000000002"
#define GALA "17200000000003"
#define GA "17001"
#define VIP "17002"
#define BACKSTAGE "17003"
#define INTEGRATION_KEY "ticketingintegrationkey000000001"
#define PASSWORD "demo-password"
#define DESK_NAME "Test Desk"

static BoxTestEmulator *emu;

/* The emulator's API and control endpoints ------------------------------------------------ */

static char *
api_url (BoxTestEmulator *e)
{
  return g_strdup_printf ("%s/ticketing/v3", e->url);
}

typedef struct
{
  const char *method;
  char       *url;
  const char *key;
  guint       status;
  GBytes     *body;
  GError     *error;
} ApiCall;

/* On a thread and a session of its own, like the control requests of box-test-util.c:
 * blocking on the main thread would run the desk's main context under the test. */
static gpointer
api_thread (gpointer data)
{
  ApiCall *c = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  g_main_context_push_thread_default (context);
  session = soup_session_new ();
  msg = soup_message_new (c->method, c->url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Client-Version", "3.0.0");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-API-Key", c->key);
  c->body = soup_session_send_and_read (session, msg, NULL, &c->error);
  c->status = soup_message_get_status (msg);
  g_clear_object (&msg);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  return NULL;
}

/* GET @path of the TickeTing API with @key; asserts a 200 and returns the JSON. */
static JsonNode *
api_get (BoxTestEmulator *e,
         const char      *path,
         const char      *key)
{
  ApiCall c = { "GET", NULL, key, 0, NULL, NULL };
  JsonNode *node;

  c.url = g_strdup_printf ("%s/ticketing/v3%s", e->url, path);
  g_thread_join (g_thread_new ("ticketing-api", api_thread, &c));
  g_free (c.url);
  g_assert_no_error (c.error);
  g_assert_cmpuint (c.status, ==, 200);
  node = box_test_json_from_bytes (c.body);
  g_bytes_unref (c.body);
  return node;
}

/* Serials of Carnival tickets in @state (issued = Issued and not in yet, admitted,
 * pending, void, any), of @section or any. */
static GPtrArray *
samples (BoxTestEmulator *e,
         const char      *state,
         const char      *section,
         guint            n)
{
  g_autofree char *path = g_strdup_printf ("/_control/ticketing/sample?event=" CARNIVAL "&n=%u&state=%s%s%s",
                                           n, state, section ? "&section=" : "", section ? section : "");
  g_autoptr(JsonNode) reply = box_test_emulator_get (e, path);
  JsonArray *tickets = json_object_get_array_member (json_node_get_object (reply), "tickets");
  GPtrArray *serials = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (tickets); i++)
    g_ptr_array_add (serials, g_strdup (json_object_get_string_member (json_array_get_object_element (tickets, i),
                                                                        "serial")));
  return serials;
}

/* The @index-th Carnival serial in @state of @section (NULL: any section). */
static char *
sample (const char *state,
        const char *section,
        guint       index)
{
  g_autoptr(GPtrArray) serials = samples (emu, state, section, index + 1);

  g_assert_cmpuint (serials->len, >, index);
  return g_strdup (g_ptr_array_index (serials, index));
}

/* How many admissions the emulator holds for @serial. */
static guint
admissions (const char *serial)
{
  g_autofree char *path = g_strdup_printf ("/_control/ticketing/admissions?event=" CARNIVAL "&serial=%s", serial);
  g_autoptr(JsonNode) reply = box_test_emulator_get (emu, path);

  return json_object_get_int_member (json_node_get_object (reply), "count");
}

/* The device and time of the first admission of @serial. */
static JsonObject *
first_admission (const char *serial,
                 JsonNode  **holder)
{
  g_autofree char *path = g_strdup_printf ("/_control/ticketing/admissions?event=" CARNIVAL "&serial=%s", serial);
  JsonArray *list;

  *holder = box_test_emulator_get (emu, path);
  list = json_object_get_array_member (json_node_get_object (*holder), "admissions");
  g_assert_cmpuint (json_array_get_length (list), >, 0);
  return json_array_get_object_element (list, 0);
}

static guint
active_sessions (BoxTestEmulator *e)
{
  g_autoptr(JsonNode) reply = box_test_emulator_get (e, "/_control/ticketing/sessions");

  return json_object_get_int_member (json_node_get_object (reply), "active");
}

/* Clears the request log and the fault; the data stays. */
static void
clear_log (BoxTestEmulator *e)
{
  g_autoptr(JsonNode) reply = box_test_emulator_post (e, "/_control/reset", "{}");

  g_assert_nonnull (reply);
  box_test_emulator_fault (e, "none", 0);
}

/* A fault on requests whose path contains @path only. */
static void
fault_on (BoxTestEmulator *e,
          const char      *mode,
          int              count,
          const char      *path)
{
  g_autofree char *json = g_strdup_printf ("{\"mode\":\"%s\",\"count\":%d,\"delay_ms\":3000,"
                                           "\"retry_after\":1,\"path\":\"%s\"}", mode, count, path);
  g_autoptr(JsonNode) reply = box_test_emulator_post (e, "/_control/fault", json);

  g_assert_nonnull (reply);
}

/* How many logged API requests have @method and a path ending with @path_end (and, if
 * given, @query_part in the query). */
static guint
logged (BoxTestEmulator *e,
        const char      *method,
        const char      *path_end,
        const char      *query_part)
{
  g_autoptr(JsonNode) log = box_test_emulator_get (e, "/_control/requests");
  JsonArray *requests = json_node_get_array (log);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *r = json_array_get_object_element (requests, i);
      const char *query = json_object_get_string_member_with_default (r, "query", NULL);

      if (g_str_equal (json_object_get_string_member (r, "method"), method) &&
          g_str_has_suffix (json_object_get_string_member (r, "path"), path_end) &&
          (query_part == NULL || (query != NULL && strstr (query, query_part) != NULL)))
        n++;
    }
  return n;
}

/* The HTTP statuses of the logged @method requests whose path ends with @path_end, in
 * order, as "403 200". */
static char *
logged_statuses (BoxTestEmulator *e,
                 const char      *method,
                 const char      *path_end)
{
  g_autoptr(JsonNode) log = box_test_emulator_get (e, "/_control/requests");
  JsonArray *requests = json_node_get_array (log);
  GString *statuses = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *r = json_array_get_object_element (requests, i);

      if (g_str_equal (json_object_get_string_member (r, "method"), method) &&
          g_str_has_suffix (json_object_get_string_member (r, "path"), path_end))
        g_string_append_printf (statuses, "%s%" G_GINT64_FORMAT, statuses->len ? " " : "",
                                json_object_get_int_member (r, "status"));
    }
  return g_string_free (statuses, FALSE);
}

/* The desk ------------------------------------------------------------------------------- */

static BoxDesk *
new_desk (void)
{
  g_autofree char *profile = box_test_make_dir ("ticketing");
  g_autoptr(GError) error = NULL;
  BoxDesk *desk = box_desk_new (profile, &error);

  g_assert_no_error (error);
  box_desk_set_desk_name (desk, DESK_NAME);
  return desk;
}

/* Adds a TickeTing account: @identification with the demo password, or @key. */
static BoxAccount *
add_account (BoxDesk     *desk,
             const char  *base_url,
             const char  *identification,
             const char  *password,
             const char  *key,
             const char  *token_code,
             GError     **error)
{
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;

  if (identification != NULL)
    {
      g_hash_table_insert (credentials, "identification", (gpointer)identification);
      g_hash_table_insert (credentials, "password", (gpointer)password);
    }
  if (key != NULL)
    g_hash_table_insert (credentials, "token", (gpointer)key);
  if (token_code != NULL)
    g_hash_table_insert (credentials, "admission_token", (gpointer)token_code);
  box_desk_add_account_async (desk, "ticketing", NULL, base_url, credentials, NULL, box_test_got_result,
                              &result);
  return box_desk_add_account_finish (desk, box_test_wait (&result), error);
}

/* A desk with one account on @e (by @identification, else by the integration key). */
static BoxDesk *
desk_with (BoxTestEmulator *e,
           const char      *identification,
           const char      *token_code,
           char           **account_id)
{
  g_autofree char *url = api_url (e);
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAccount) account = NULL;
  BoxDesk *desk = new_desk ();

  account = add_account (desk, url, identification, PASSWORD, identification ? NULL : INTEGRATION_KEY,
                         token_code, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_account_get_provider (account), ==, "ticketing");
  *account_id = g_strdup (box_account_get_id (account));
  return desk;
}

static gboolean
sync_desk (BoxDesk     *desk,
           const char  *account_id,
           gboolean     full,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  box_desk_sync_async (desk, account_id, NULL, full, NULL, box_test_got_result, &result);
  return box_desk_sync_finish (desk, box_test_wait (&result), error);
}

static void
sync_ok (BoxDesk    *desk,
         const char *account_id,
         gboolean    full)
{
  g_autoptr(GError) error = NULL;

  sync_desk (desk, account_id, full, &error);
  g_assert_no_error (error);
}

static BoxCheckin *
check_in (BoxDesk         *desk,
          const char      *account_id,
          const char      *code,
          BoxCheckinFlags  flags)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BoxCheckin *checkin;

  box_desk_check_in_async (desk, account_id, CARNIVAL, code, flags, NULL, NULL, box_test_got_result,
                           &result);
  checkin = box_desk_check_in_finish (desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (checkin);
  g_test_message ("%s: result %d, %s", code, box_checkin_get_result (checkin),
                  box_checkin_get_message (checkin));
  return checkin;
}

static guint
count_attendees (BoxDesk    *desk,
                 const char *account_id,
                 const char *event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = box_desk_list_attendees (desk, account_id, event_id, &error);

  g_assert_no_error (error);
  return attendees->len;
}

static BoxAttendee *
attendee (BoxDesk    *desk,
          const char *account_id,
          const char *code)
{
  g_autoptr(GError) error = NULL;
  BoxAttendee *a = box_desk_get_attendee (desk, account_id, CARNIVAL, code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  return a;
}

static BoxAccountState
account_state (BoxDesk    *desk,
               const char *account_id)
{
  g_autoptr(BoxAccount) account = box_desk_get_account (desk, account_id, NULL);

  g_assert_nonnull (account);
  return box_account_get_state (account);
}

static guint
queue_length (BoxDesk *desk)
{
  g_autoptr(GPtrArray) queue = box_desk_list_queue (desk, NULL);

  g_assert_nonnull (queue);
  return queue->len;
}

static gboolean
has_event (BoxDesk    *desk,
           const char *event_id)
{
  g_autoptr(GPtrArray) events = box_desk_list_events (desk, NULL);

  for (guint i = 0; events != NULL && i < events->len; i++)
    if (g_str_equal (box_event_get_id (g_ptr_array_index (events, i)), event_id))
      return TRUE;
  return FALSE;
}

static guint
event_count (BoxDesk *desk)
{
  g_autoptr(GPtrArray) events = box_desk_list_events (desk, NULL);

  g_assert_nonnull (events);
  return events->len;
}

/* What the keyring holds for the account, or NULL. */
static char *
keyring_secret (BoxDesk    *desk,
                const char *account_id)
{
  g_autoptr(BoxSecrets) secrets = box_secrets_new (box_desk_get_profile_dir (desk));
  g_autoptr(GAsyncResult) result = NULL;

  box_secrets_lookup_async (secrets, account_id, NULL, box_test_got_result, &result);
  return box_secrets_lookup_finish (secrets, box_test_wait (&result), NULL);
}

/* The account's own key, from its secret in the keyring. */
static char *
account_key (BoxDesk    *desk,
             const char *account_id)
{
  g_autofree char *secret = keyring_secret (desk, account_id);
  g_autoptr(JsonNode) node = NULL;

  g_assert_nonnull (secret);
  node = json_from_string (secret, NULL);
  g_assert_nonnull (node);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "key"));
}

static gboolean
bytes_contain (const char *data,
               gsize       len,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Whether any file below @dir contains @needle. */
static gboolean
dir_contains (const char *dir,
              const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (dir_contains (path, needle))
            return TRUE;
          continue;
        }
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      if (bytes_contain (data, len, needle))
        {
          g_test_message ("%s holds %s", path, needle);
          return TRUE;
        }
    }
  return FALSE;
}

/* "HH:MM" of an ISO 8601 time, in local time as the desk shows it. */
static char *
local_hh_mm (const char *iso)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) local = NULL;

  g_assert_nonnull (utc);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%H:%M");
}

/* A stand-in TickeTing server for what the emulator cannot do -------------------------- */

typedef struct
{
  SoupServer *server;
  char       *url;
  gboolean    too_old;       /* answer everything with 412 */
  char       *event;         /* GET /events/E */
  char       *tickets;       /* page 1 of its tickets; later pages are past the end */
} Fake;

static void
fake_respond (SoupServerMessage *msg,
              guint              status,
              const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fake *fake = user_data;
  const char *page = query ? g_hash_table_lookup (query, "page") : NULL;

  if (fake->too_old)
    fake_respond (msg, 412, "{\"error\":\"Please upgrade your client to complete this request\"}");
  else if (g_str_equal (path, "/ticketing/v3/events"))
    {
      g_autofree char *json = g_strdup_printf ("{\"total\":1,\"page\":1,\"records\":100,\"entries\":[%s]}",
                                               fake->event);
      fake_respond (msg, 200, json);
    }
  else if (g_str_equal (path, "/ticketing/v3/events/" CARNIVAL))
    fake_respond (msg, 200, fake->event);
  else if (g_str_equal (path, "/ticketing/v3/events/" CARNIVAL "/tickets") && g_strcmp0 (page, "1") == 0)
    fake_respond (msg, 200, fake->tickets);
  else if (g_str_equal (path, "/ticketing/v3/events/" CARNIVAL "/tickets"))
    fake_respond (msg, 404, "{\"error\":\"The specified page does not exist for the given records per page\"}");
  else
    fake_respond (msg, 404, "{\"message\":\"The requested endpoint does not exist on this server.\"}");
}

static Fake *
fake_start (void)
{
  Fake *fake = g_new0 (Fake, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, fake_handler, fake, NULL);
  soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake->server);
  fake->url = g_strdup_printf ("http://127.0.0.1:%d/ticketing/v3", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return fake;
}

static void
fake_stop (Fake *fake)
{
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_free (fake->url);
  g_free (fake->event);
  g_free (fake->tickets);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fake, fake_stop)

/* 1. Signing in ---------------------------------------------------------------------------- */

static void
test_sign_in (void)
{
  g_autofree char *url = api_url (emu);
  g_autoptr(BoxDesk) desk = new_desk ();
  g_autoptr(BoxDesk) refused = new_desk ();
  g_autoptr(BoxAccount) by_name = NULL;
  g_autoptr(BoxAccount) by_email = NULL;
  g_autoptr(BoxAccount) by_key = NULL;
  g_autoptr(BoxAccount) none = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *session_key = NULL;
  g_autofree char *secret = NULL;
  guint sessions = active_sessions (emu);

  /* A user's session: the events of the hosts they manage (not the other host's). */
  by_name = add_account (desk, url, "doorstaff", PASSWORD, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_account_get_provider (by_name), ==, "ticketing");
  g_assert_cmpint (box_account_get_state (by_name), ==, BOX_ACCOUNT_STATE_OK);
  g_assert_true (has_event (desk, CARNIVAL));
  g_assert_true (has_event (desk, JAZZ));
  g_assert_false (has_event (desk, GALA));
  g_assert_cmpuint (active_sessions (emu), ==, sessions + 1);

  /* The e-mail, in any case. */
  by_email = add_account (desk, url, "  DOOR@Example.com ", PASSWORD, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_account_get_id (by_email), !=, box_account_get_id (by_name));

  /* The integration key sees every event, the other host's gala too. */
  by_key = add_account (desk, url, NULL, NULL, INTEGRATION_KEY, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_event (desk, GALA));
  g_assert_cmpuint (event_count (desk), ==, 2 + 2 + 3);

  /* The secrets are in the keyring, not in the profile's folder. */
  session_key = account_key (desk, box_account_get_id (by_name));
  g_assert_cmpuint (strlen (session_key), ==, 32);
  secret = keyring_secret (desk, box_account_get_id (by_key));
  g_assert_nonnull (strstr (secret, INTEGRATION_KEY));
  g_assert_false (dir_contains (box_desk_get_profile_dir (desk), session_key));
  g_assert_false (dir_contains (box_desk_get_profile_dir (desk), INTEGRATION_KEY));
  g_assert_false (dir_contains (box_desk_get_profile_dir (desk), PASSWORD));

  /* A wrong password says so, and nothing is kept. */
  none = add_account (refused, url, "doorstaff", "not-the-password", NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "password"));
  g_clear_error (&error);
  none = add_account (refused, url, "nobody@example.com", PASSWORD, NULL, NULL, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);
  none = add_account (refused, url, NULL, NULL, "wrongkeywrongkeywrongkeywrongkey", NULL, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "integration key"));
  g_clear_error (&error);

  /* An admission token code TickeTing does not know: the code, and what to check. */
  sessions = active_sessions (emu);
  none = add_account (refused, url, "doorstaff", PASSWORD, NULL, "zzzz9999", &error);
  g_assert_null (none);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "ZZZZ9999"));
  g_assert_nonnull (strstr (error->message, "admission token"));
  g_clear_error (&error);
  /* The session it opened to look the code up is not left behind. */
  g_assert_cmpuint (active_sessions (emu), ==, sessions);

  accounts = box_desk_list_accounts (refused, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 0);
  g_assert_null (keyring_secret (refused, "ticketing"));
  g_assert_cmpuint (event_count (refused), ==, 0);
}

/* 2. Every status -------------------------------------------------------------------------- */

/* 412: this version is too old for the server. */
static void
test_client_too_old (void)
{
  g_autoptr(Fake) fake = fake_start ();
  g_autoptr(BoxDesk) desk = new_desk ();
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  fake->too_old = TRUE;
  account = add_account (desk, fake->url, "doorstaff", PASSWORD, NULL, NULL, &error);
  g_assert_null (account);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_CLIENT_TOO_OLD);
  g_assert_nonnull (strstr (error->message, "too old"));
  g_assert_nonnull (strstr (error->message, "Update Box Office"));
  g_clear_error (&error);

  account = add_account (desk, fake->url, NULL, NULL, INTEGRATION_KEY, NULL, &error);
  g_assert_null (account);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_CLIENT_TOO_OLD);
  g_assert_nonnull (strstr (error->message, "too old"));

  accounts = box_desk_list_accounts (desk, NULL);
  g_assert_cmpuint (accounts->len, ==, 0);
}

/* The session ends at the server (revoked): the desk asks to sign in again, keeps its
 * list, and keeps the check-ins it could not send. */
static void
test_session_revoked (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with (emu, "doorstaff", NULL, &account_id);
  g_autofree char *key = NULL;
  g_autofree char *body = NULL;
  g_autofree char *serial = sample ("issued", GA, 40);
  g_autoptr(JsonNode) revoked = NULL;
  g_autoptr(BoxCheckin) queued = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  sync_ok (desk, account_id, TRUE);
  before = count_attendees (desk, account_id, CARNIVAL);
  g_assert_cmpuint (before, ==, ATTENDEES);

  key = account_key (desk, account_id);
  body = g_strdup_printf ("{\"key\":\"%s\"}", key);
  revoked = box_test_emulator_post (emu, "/_control/ticketing/revoke", body);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (revoked), "revoked"));

  /* Let in at the desk: kept, and said to be sent once signed in again. */
  queued = check_in (desk, account_id, serial, 0);
  g_assert_cmpint (box_checkin_get_result (queued), ==, BOX_CHECKIN_RESULT_QUEUED);
  g_assert_nonnull (strstr (box_checkin_get_message (queued), "sign in"));
  g_assert_cmpint (account_state (desk, account_id), ==, BOX_ACCOUNT_STATE_AUTH_NEEDED);

  g_assert_false (sync_desk (desk, account_id, FALSE, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "Sign in again"));
  g_assert_cmpint (account_state (desk, account_id), ==, BOX_ACCOUNT_STATE_AUTH_NEEDED);

  /* Nothing lost: the events, their attendees and the check-in to send. */
  g_assert_true (has_event (desk, CARNIVAL));
  g_assert_cmpuint (count_attendees (desk, account_id, CARNIVAL), ==, before);
  g_assert_cmpuint (queue_length (desk), ==, 1);
  g_assert_cmpuint (admissions (serial), ==, 0);
}

/* 500, the server unreachable, and replies that cannot be read: the check-in waits in
 * the queue and goes exactly once; a sync fails with a clear error and keeps the list. */
static void
test_server_failures (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with (emu, NULL, NULL, &account_id);
  g_autoptr(GPtrArray) serials = samples (emu, "issued", GA, 60);
  static const char *modes[] = { "500", "down", "invalid", "truncate" };
  g_autoptr(GError) error = NULL;

  sync_ok (desk, account_id, TRUE);
  g_assert_cmpuint (count_attendees (desk, account_id, CARNIVAL), ==, ATTENDEES);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      const char *serial = g_ptr_array_index (serials, 50 + i);
      g_autoptr(BoxCheckin) queued = NULL;
      g_autoptr(BoxAttendee) in = NULL;

      /* "500" and "invalid" never reach the ticket; "truncate" admits, then garbles. */
      box_test_emulator_fault (emu, modes[i], -1);
      queued = check_in (desk, account_id, serial, 0);
      g_assert_cmpint (box_checkin_get_result (queued), ==, BOX_CHECKIN_RESULT_QUEUED);
      g_assert_nonnull (strstr (box_checkin_get_message (queued), "Saved here"));

      g_assert_false (sync_desk (desk, account_id, TRUE, &error));
      g_test_message ("sync with fault %s: %s", modes[i], error->message);
      if (g_str_equal (modes[i], "500"))
        g_assert_error (error, BOX_ERROR, BOX_ERROR_SERVER);
      else if (g_str_equal (modes[i], "down"))
        g_assert_error (error, BOX_ERROR, BOX_ERROR_OFFLINE);
      else
        g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "TickeTing"));
      g_clear_error (&error);
      g_assert_cmpuint (queue_length (desk), ==, 1);
      g_assert_cmpuint (count_attendees (desk, account_id, CARNIVAL), ==, ATTENDEES);

      box_test_emulator_fault (emu, "none", 0);
      sync_ok (desk, account_id, FALSE);
      g_assert_cmpuint (queue_length (desk), ==, 0);
      g_assert_cmpuint (admissions (serial), ==, 1);
      g_assert_cmpint (account_state (desk, account_id), ==, BOX_ACCOUNT_STATE_OK);
      in = attendee (desk, account_id, serial);
      g_assert_true (box_attendee_get_checked_in (in));

      /* The record says it went in, not that it was in already. */
      {
        g_autoptr(GPtrArray) recent = box_desk_list_recent_checkins (desk, account_id, CARNIVAL, 1, NULL);
        g_assert_cmpuint (recent->len, ==, 1);
        g_assert_cmpstr (box_checkin_get_code (g_ptr_array_index (recent, 0)), ==, serial);
        g_assert_cmpint (box_checkin_get_result (g_ptr_array_index (recent, 0)), ==, BOX_CHECKIN_RESULT_OK);
      }
    }
}

/* 3. 100,000 tickets in pages ------------------------------------------------------------- */

static void
test_pagination (void)
{
  g_autoptr(BoxTestEmulator) big = box_test_emulator_start (BIG_ATTENDEES, NULL);
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with (big, "doorstaff", NULL, &account_id);
  g_autoptr(JsonNode) touched = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tickets_path = g_strdup_printf ("/events/%s/tickets", CARNIVAL);
  JsonArray *serials;
  gint64 started = g_get_monotonic_time ();

  clear_log (big);
  sync_ok (desk, account_id, TRUE);
  g_test_message ("full sync of %u tickets: %.1f s", BIG_ATTENDEES,
                  (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (count_attendees (desk, account_id, CARNIVAL), ==, BIG_ATTENDEES);
  g_assert_cmpuint (count_attendees (desk, account_id, JAZZ), ==, 30);

  /* 200 pages of 500, each asked once, none past the end. */
  g_assert_cmpuint (logged (big, "GET", tickets_path, NULL), ==, BIG_ATTENDEES / TICKET_PAGE);
  g_assert_cmpuint (logged (big, "GET", tickets_path, "records=500"), ==, BIG_ATTENDEES / TICKET_PAGE);
  for (guint page = 1; page <= BIG_ATTENDEES / TICKET_PAGE; page += 37)
    {
      g_autofree char *query = g_strdup_printf ("page=%u&", page);
      g_assert_cmpuint (logged (big, "GET", tickets_path, query), ==, 1);
    }
  g_assert_cmpuint (logged (big, "GET", tickets_path, "page=200&"), ==, 1);
  g_assert_cmpuint (logged (big, "GET", tickets_path, "page=201&"), ==, 0);

  /* Seven names change; the next sync asks only for what changed since. */
  touched = box_test_emulator_post (big, "/_control/ticketing/touch", "{\"event\":\"" CARNIVAL "\",\"count\":7}");
  serials = json_object_get_array_member (json_node_get_object (touched), "touched");
  g_assert_cmpuint (json_array_get_length (serials), ==, 7);
  clear_log (big);
  started = g_get_monotonic_time ();
  sync_ok (desk, account_id, FALSE);
  g_test_message ("incremental sync: %.1f s", (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (logged (big, "GET", tickets_path, "modified_since="), >=, 1);
  g_assert_cmpuint (logged (big, "GET", tickets_path, NULL), ==, logged (big, "GET", tickets_path, "modified_since="));
  g_assert_cmpuint (count_attendees (desk, account_id, CARNIVAL), ==, BIG_ATTENDEES);

  found = box_desk_search (desk, account_id, CARNIVAL, "updated", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 7);
  for (guint i = 0; i < found->len; i++)
    {
      BoxAttendee *a = g_ptr_array_index (found, i);
      gboolean touched_one = FALSE;

      g_assert_true (g_str_has_suffix (box_attendee_get_last_name (a), "(updated)"));
      for (guint j = 0; j < json_array_get_length (serials); j++)
        touched_one |= g_str_equal (json_array_get_string_element (serials, j), box_attendee_get_code (a));
      g_assert_true (touched_one);
    }
}

/* The list shrank between two pages: page 2 is past the end. The sync ends there and
 * keeps what it got. */
static void
test_page_past_end (void)
{
  g_autoptr(Fake) fake = fake_start ();
  g_autoptr(BoxDesk) desk = new_desk ();
  g_autoptr(BoxAccount) account = NULL;
  g_autofree char *event_path = g_strdup_printf ("/events/%s", CARNIVAL);
  g_autoptr(JsonNode) event = api_get (emu, event_path, INTEGRATION_KEY);
  g_autoptr(JsonNode) page = api_get (emu, "/events/" CARNIVAL "/tickets?page=1&records=500", INTEGRATION_KEY);
  g_autoptr(GError) error = NULL;

  /* Page 1 says there were more than it holds; by page 2 they were gone. */
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (page), "total"), ==, ATTENDEES);
  json_object_set_int_member (json_node_get_object (page), "total", TICKET_PAGE + 1);
  fake->event = json_to_string (event, FALSE);
  fake->tickets = json_to_string (page, FALSE);

  account = add_account (desk, fake->url, NULL, NULL, INTEGRATION_KEY, NULL, &error);
  g_assert_no_error (error);
  sync_ok (desk, box_account_get_id (account), TRUE);
  g_assert_cmpuint (count_attendees (desk, box_account_get_id (account), CARNIVAL), ==, ATTENDEES);
  g_assert_true (box_desk_event_is_downloaded (desk, box_account_get_id (account), CARNIVAL));
}

/* 4. Admissions --------------------------------------------------------------------------- */

static void
test_admissions (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with (emu, "doorstaff", NULL, &account_id);
  g_autofree char *issued = sample ("issued", GA, 0);
  g_autofree char *elsewhere = sample ("issued", VIP, 0);
  g_autofree char *voided = sample ("void", NULL, 0);
  g_autofree char *pending = sample ("pending", NULL, 0);
  g_autoptr(BoxCheckin) ok = NULL;
  g_autoptr(BoxCheckin) again = NULL;
  g_autoptr(BoxCheckin) other_desk = NULL;
  g_autoptr(BoxCheckin) refunded = NULL;
  g_autoptr(BoxCheckin) transferring = NULL;
  g_autoptr(BoxCheckin) transferring_anyway = NULL;
  g_autoptr(BoxCheckin) unknown = NULL;
  g_autoptr(BoxAttendee) in = NULL;
  g_autoptr(BoxAttendee) in_elsewhere = NULL;
  g_autoptr(JsonNode) admitted = NULL;
  g_autoptr(JsonNode) gate9 = NULL;
  g_autofree char *admit = NULL;
  g_autofree char *when = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *desk_when = NULL;
  g_autoptr(GDateTime) at = NULL;
  JsonObject *first;

  sync_ok (desk, account_id, TRUE);

  /* Admitted now, once. */
  ok = check_in (desk, account_id, issued, 0);
  g_assert_cmpint (box_checkin_get_result (ok), ==, BOX_CHECKIN_RESULT_OK);
  g_assert_cmpuint (admissions (issued), ==, 1);
  first = first_admission (issued, &gate9);
  g_assert_cmpstr (json_object_get_string_member (first, "device"), ==, DESK_NAME);
  g_clear_pointer (&gate9, json_node_unref);
  in = attendee (desk, account_id, issued);
  g_assert_true (box_attendee_get_checked_in (in));
  g_assert_cmpint (box_attendee_get_checked_in_at (in), >, 0);

  /* Again: already in, since when. Nothing more reaches the server. */
  clear_log (emu);
  again = check_in (desk, account_id, issued, 0);
  g_assert_cmpint (box_checkin_get_result (again), ==, BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN);
  at = g_date_time_new_from_unix_local (box_attendee_get_checked_in_at (in));
  desk_when = g_date_time_format (at, "%H:%M");
  g_assert_nonnull (strstr (box_checkin_get_message (again), desk_when));
  g_assert_cmpuint (logged (emu, "POST", "/admissions", NULL), ==, 0);
  g_assert_cmpuint (admissions (issued), ==, 1);

  /* Another desk let this one in after our sync: when, and by which device. */
  admit = g_strdup_printf ("{\"event\":\"" CARNIVAL "\",\"serial\":\"%s\",\"device\":\"Gate 9\",\"redeemer\":\"Sam\"}",
                           elsewhere);
  admitted = box_test_emulator_post (emu, "/_control/ticketing/admit", admit);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (admitted), "admitted"));
  first = first_admission (elsewhere, &gate9);
  when = local_hh_mm (json_object_get_string_member (first, "admitted"));
  expected = g_strdup_printf ("Already admitted at %s by Gate 9", when);
  other_desk = check_in (desk, account_id, elsewhere, 0);
  g_assert_cmpint (box_checkin_get_result (other_desk), ==, BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN);
  g_assert_nonnull (strstr (box_checkin_get_message (other_desk), expected));
  g_assert_cmpuint (admissions (elsewhere), ==, 1);
  in_elsewhere = attendee (desk, account_id, elsewhere);
  g_assert_true (box_attendee_get_checked_in (in_elsewhere));

  /* Refunded (Void) and in transfer (Pending): refused here, without asking. */
  clear_log (emu);
  refunded = check_in (desk, account_id, voided, 0);
  g_assert_cmpint (box_checkin_get_result (refunded), ==, BOX_CHECKIN_RESULT_UNPAID);
  transferring = check_in (desk, account_id, pending, 0);
  g_assert_cmpint (box_checkin_get_result (transferring), ==, BOX_CHECKIN_RESULT_UNPAID);
  g_assert_cmpuint (logged (emu, "POST", "/admissions", NULL), ==, 0);
  /* Let in anyway at the desk: TickeTing refuses it, and the desk says why. */
  transferring_anyway = check_in (desk, account_id, pending, BOX_CHECKIN_FLAGS_IGNORE_UNPAID);
  g_assert_cmpint (box_checkin_get_result (transferring_anyway), ==, BOX_CHECKIN_RESULT_UNPAID);
  g_assert_nonnull (strstr (box_checkin_get_message (transferring_anyway), "transfer"));
  g_assert_cmpuint (admissions (voided), ==, 0);
  g_assert_cmpuint (admissions (pending), ==, 0);

  unknown = check_in (desk, account_id, "NOSUCH-000000000000", 0);
  g_assert_cmpint (box_checkin_get_result (unknown), ==, BOX_CHECKIN_RESULT_UNKNOWN);
  g_assert_nonnull (strstr (box_checkin_get_message (unknown), "does not know"));
}

/* The provider's own figures match its statistics. */
static void
test_statistics (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with (emu, "doorstaff", NULL, &account_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BoxEventStats) stats = NULL;
  g_autoptr(JsonNode) server = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  GArray *figures;
  struct { const char *key; const char *member; gboolean seen; } expect[] = {
    { "tickets_sold", "ticketsSold", FALSE },
    { "capacity", "capacity", FALSE },
    { "orders", "orders", FALSE },
    { "admitted", "admissions", FALSE },
  };
  gboolean revenue = FALSE;

  box_desk_fetch_provider_stats_async (desk, account_id, CARNIVAL, NULL, box_test_got_result, &result);
  stats = box_desk_fetch_provider_stats_finish (desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  server = api_get (emu, "/events/" CARNIVAL "/statistics", INTEGRATION_KEY);
  object = json_node_get_object (server);

  figures = box_event_stats_get_figures (stats);
  for (guint i = 0; i < figures->len; i++)
    {
      BoxStatFigure *f = &g_array_index (figures, BoxStatFigure, i);

      g_test_message ("%s (%s): %s", f->key, f->label, f->value);
      for (guint j = 0; j < G_N_ELEMENTS (expect); j++)
        if (g_str_equal (f->key, expect[j].key))
          {
            g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      json_object_get_int_member (object, expect[j].member));
            g_assert_cmpstr (f->value, ==, value);
            expect[j].seen = TRUE;
          }
      if (g_str_equal (f->key, "revenue"))
        {
          JsonObject *r = json_object_get_object_member (object, "revenues");
          g_autofree char *value = g_strdup_printf ("%s %s", json_object_get_string_member (r, "amount"),
                                                    json_object_get_string_member (r, "currency"));
          g_assert_cmpstr (f->value, ==, value);
          revenue = TRUE;
        }
    }
  for (guint j = 0; j < G_N_ELEMENTS (expect); j++)
    g_assert_true (expect[j].seen);
  g_assert_true (revenue);
}

/* 5. Exactly once ---------------------------------------------------------------------- */

/* Let in while TickeTing was unreachable: sent when it is back, once. */
static void
test_offline_replay_once (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with (emu, "doorstaff", NULL, &account_id);
  g_autofree char *serial = sample ("issued", GA, 10);
  g_autoptr(BoxCheckin) queued = NULL;
  g_autoptr(GPtrArray) recent = NULL;

  sync_ok (desk, account_id, TRUE);
  box_test_emulator_fault (emu, "down", -1);
  queued = check_in (desk, account_id, serial, 0);
  g_assert_cmpint (box_checkin_get_result (queued), ==, BOX_CHECKIN_RESULT_QUEUED);
  g_assert_cmpint (account_state (desk, account_id), ==, BOX_ACCOUNT_STATE_OFFLINE);
  g_assert_cmpuint (admissions (serial), ==, 0);
  box_test_emulator_fault (emu, "none", 0);

  sync_ok (desk, account_id, FALSE);
  sync_ok (desk, account_id, FALSE);
  g_assert_cmpuint (admissions (serial), ==, 1);
  g_assert_cmpuint (queue_length (desk), ==, 0);
  g_assert_cmpint (account_state (desk, account_id), ==, BOX_ACCOUNT_STATE_OK);
  recent = box_desk_list_recent_checkins (desk, account_id, CARNIVAL, 1, NULL);
  g_assert_cmpint (box_checkin_get_result (g_ptr_array_index (recent, 0)), ==, BOX_CHECKIN_RESULT_OK);
}

/* The admission reached TickeTing, its answer did not: the replay finds the desk's own
 * admission and says "ok", not "already admitted", and admits nothing twice. */
static void
test_lost_answer (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with (emu, "doorstaff", NULL, &account_id);
  g_autofree char *serial = sample ("issued", GA, 11);
  g_autoptr(BoxCheckin) queued = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(BoxAttendee) in = NULL;
  BoxCheckin *record;

  sync_ok (desk, account_id, TRUE);
  clear_log (emu);
  fault_on (emu, "drop", 1, "/admissions");
  queued = check_in (desk, account_id, serial, 0);
  g_assert_cmpint (box_checkin_get_result (queued), ==, BOX_CHECKIN_RESULT_QUEUED);
  g_assert_cmpuint (admissions (serial), ==, 1);
  g_assert_cmpuint (logged (emu, "POST", "/admissions", NULL), ==, 1);

  sync_ok (desk, account_id, FALSE);
  g_assert_cmpuint (admissions (serial), ==, 1);
  g_assert_cmpuint (queue_length (desk), ==, 0);
  recent = box_desk_list_recent_checkins (desk, account_id, CARNIVAL, 1, NULL);
  record = g_ptr_array_index (recent, 0);
  g_assert_cmpstr (box_checkin_get_code (record), ==, serial);
  g_assert_cmpint (box_checkin_get_state (record), ==, BOX_CHECKIN_STATE_CONFIRMED);
  g_assert_cmpint (box_checkin_get_result (record), ==, BOX_CHECKIN_RESULT_OK);
  in = attendee (desk, account_id, serial);
  g_assert_true (box_attendee_get_checked_in (in));
}

/* 6. Admission tokens -------------------------------------------------------------------- */

/* A volunteer may not read the event's tickets: the token's key reads its sections. */
static void
test_token_volunteer (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = NULL;
  g_autoptr(GPtrArray) vip = samples (emu, "any", VIP, ATTENDEES);
  g_autoptr(GPtrArray) attendees = NULL;
  g_autofree char *serial = sample ("issued", VIP, 3);
  g_autoptr(BoxCheckin) ok = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BoxEventStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *statuses = NULL;

  desk = desk_with (emu, "volunteer", "VIPDOOR1", &account_id);
  /* The token's event only: this desk is its door. */
  g_assert_cmpuint (event_count (desk), ==, 1);
  g_assert_true (has_event (desk, CARNIVAL));

  clear_log (emu);
  sync_ok (desk, account_id, TRUE);
  /* The volunteer's own key is refused (403); the token's is not. */
  statuses = logged_statuses (emu, "GET", "/events/" CARNIVAL "/tickets");
  g_assert_cmpstr (statuses, ==, "403 200");
  attendees = box_desk_list_attendees (desk, account_id, CARNIVAL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, vip->len);
  for (guint i = 0; i < attendees->len; i++)
    {
      BoxAttendee *a = g_ptr_array_index (attendees, i);
      g_assert_cmpstr (box_attendee_get_ticket_type (a), ==, "VIP");
      g_assert_true (box_attendee_get_valid_here (a));
    }

  ok = check_in (desk, account_id, serial, 0);
  g_assert_cmpint (box_checkin_get_result (ok), ==, BOX_CHECKIN_RESULT_OK);
  g_assert_cmpuint (admissions (serial), ==, 1);

  /* The host's figures are not the volunteer's to see: said plainly, still signed in. */
  box_desk_fetch_provider_stats_async (desk, account_id, CARNIVAL, NULL, box_test_got_result, &result);
  stats = box_desk_fetch_provider_stats_finish (desk, box_test_wait (&result), &error);
  g_assert_null (stats);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "admission token"));
  g_assert_cmpint (account_state (desk, account_id), ==, BOX_ACCOUNT_STATE_OK);
}

/* The host's admin reads every section, and the desk knows at once which tickets this
 * entrance may not take. */
static void
test_token_sections (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with (emu, "doorstaff", "A0F9GG8D", &account_id);
  g_autofree char *backstage = sample ("issued", BACKSTAGE, 0);
  g_autofree char *general = sample ("issued", GA, 20);
  g_autofree char *general2 = sample ("issued", GA, 21);
  g_autofree char *vip = sample ("issued", VIP, 4);
  g_autoptr(BoxAttendee) elsewhere = NULL;
  g_autoptr(BoxAttendee) here = NULL;
  g_autoptr(BoxCheckin) refused = NULL;
  g_autoptr(BoxCheckin) ok = NULL;
  g_autoptr(BoxCheckin) ok_vip = NULL;
  g_autoptr(BoxCheckin) with_token = NULL;
  g_autoptr(JsonNode) revoked = NULL;
  g_autofree char *key = NULL;
  g_autofree char *body = NULL;

  g_assert_cmpuint (event_count (desk), ==, 1);
  sync_ok (desk, account_id, TRUE);
  g_assert_cmpuint (count_attendees (desk, account_id, CARNIVAL), ==, ATTENDEES);

  elsewhere = attendee (desk, account_id, backstage);
  g_assert_false (box_attendee_get_valid_here (elsewhere));
  g_assert_cmpstr (box_attendee_get_ticket_type (elsewhere), ==, "Backstage");
  here = attendee (desk, account_id, general);
  g_assert_true (box_attendee_get_valid_here (here));

  clear_log (emu);
  refused = check_in (desk, account_id, backstage, 0);
  g_assert_cmpint (box_checkin_get_result (refused), ==, BOX_CHECKIN_RESULT_PRODUCT);
  g_assert_nonnull (strstr (box_checkin_get_message (refused), "Not valid at this entrance"));
  g_assert_nonnull (strstr (box_checkin_get_message (refused), "Backstage"));
  g_assert_cmpuint (logged (emu, "POST", "/admissions", NULL), ==, 0);
  g_assert_cmpuint (admissions (backstage), ==, 0);

  ok = check_in (desk, account_id, general, 0);
  g_assert_cmpint (box_checkin_get_result (ok), ==, BOX_CHECKIN_RESULT_OK);
  g_assert_cmpuint (admissions (general), ==, 1);
  ok_vip = check_in (desk, account_id, vip, 0);
  g_assert_cmpint (box_checkin_get_result (ok_vip), ==, BOX_CHECKIN_RESULT_OK);

  /* Admissions go with the token's key: they still work once the person's own session
   * has ended. */
  key = account_key (desk, account_id);
  body = g_strdup_printf ("{\"key\":\"%s\"}", key);
  revoked = box_test_emulator_post (emu, "/_control/ticketing/revoke", body);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (revoked), "revoked"));
  with_token = check_in (desk, account_id, general2, 0);
  g_assert_cmpint (box_checkin_get_result (with_token), ==, BOX_CHECKIN_RESULT_OK);
  g_assert_cmpuint (admissions (general2), ==, 1);
}

/* 7. Removing accounts ------------------------------------------------------------------- */

static gboolean
remove_account (BoxDesk    *desk,
                const char *account_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  box_desk_remove_account_async (desk, account_id, FALSE, NULL, box_test_got_result, &result);
  ok = box_desk_remove_account_finish (desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  return ok;
}

static void
test_remove_account (void)
{
  g_autofree char *session_id = NULL;
  g_autofree char *key_id = NULL;
  g_autoptr(BoxDesk) session_desk = desk_with (emu, "doorstaff", NULL, &session_id);
  g_autoptr(BoxDesk) key_desk = desk_with (emu, NULL, NULL, &key_id);
  g_autoptr(GPtrArray) left = NULL;
  guint sessions = active_sessions (emu);

  g_assert_cmpuint (sessions, >, 0);
  clear_log (emu);
  g_assert_true (remove_account (session_desk, session_id));
  g_assert_cmpuint (active_sessions (emu), ==, sessions - 1);
  g_assert_cmpuint (logged (emu, "DELETE", "/sessions/active", NULL), ==, 1);
  g_assert_null (keyring_secret (session_desk, session_id));
  left = box_desk_list_accounts (session_desk, NULL);
  g_assert_cmpuint (left->len, ==, 0);

  /* An integration key is the administrator's to revoke. */
  clear_log (emu);
  g_assert_true (remove_account (key_desk, key_id));
  g_assert_cmpuint (logged (emu, "DELETE", "/sessions/active", NULL), ==, 0);
  g_assert_cmpuint (active_sessions (emu), ==, sessions - 1);
  g_assert_null (keyring_secret (key_desk, key_id));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  box_providers_init ();

  if (!box_test_have_secret_service ())
    {
      g_test_skip ("No Secret Service: run through tests/with-keyring.sh");
      return g_test_run ();
    }

  emu = box_test_emulator_start (ATTENDEES, NULL);

  g_test_add_func ("/ticketing/sign-in", test_sign_in);
  g_test_add_func ("/ticketing/client-too-old", test_client_too_old);
  g_test_add_func ("/ticketing/session-revoked", test_session_revoked);
  g_test_add_func ("/ticketing/server-failures", test_server_failures);
  g_test_add_func ("/ticketing/pagination", test_pagination);
  g_test_add_func ("/ticketing/page-past-end", test_page_past_end);
  g_test_add_func ("/ticketing/admissions", test_admissions);
  g_test_add_func ("/ticketing/statistics", test_statistics);
  g_test_add_func ("/ticketing/offline-replay-once", test_offline_replay_once);
  g_test_add_func ("/ticketing/lost-answer", test_lost_answer);
  g_test_add_func ("/ticketing/token-volunteer", test_token_volunteer);
  g_test_add_func ("/ticketing/token-sections", test_token_sections);
  g_test_add_func ("/ticketing/remove-account", test_remove_account);

  status = g_test_run ();
  box_test_emulator_stop (emu);
  box_test_cleanup ();
  return status;
}
