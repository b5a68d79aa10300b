/* test-currinda.c: BoxDesk and the Currinda (API v0.1) provider against the emulator's
 * Currinda site: a delegate's registration and a member's membership, each one event
 * of one attendee; check-ins kept on this computer; what a revoked, expired or too
 * narrow sign-in tells the person at the desk; the API text's trailing commas
 *
 * Tokens are minted at the emulator's control endpoint and handed to the desk as
 * "access_token", which skips the browser (BoxOAuth is tested in test-oauth.c).
 *
 * Runs inside tests/with-keyring.sh: accounts keep their secrets in a real Secret
 * Service.
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
#include "box-oauth.h"
#include "box-provider.h"
#include "box-providers.h"
#include "box-secrets.h"
#include "box-test-util.h"

#define CLIENT_ID "currinda-demo-client"
#define CLIENT_SECRET "currinda-demo-secret"
#define MICHAEL "michael.gall@example.com"
#define ZOE "zoe.lefevre@example.com"
#define PETER "peter.test1@example.com"

static BoxTestEmulator *emu;

/* The emulator ----------------------------------------------------------------------------- */

static char *
site_url (void)
{
  return g_strdup_printf ("%s/currinda", emu->url);
}

typedef struct
{
  char *access_token;
  char *refresh_token;
} Token;

static void
token_clear (Token *t)
{
  g_free (t->access_token);
  g_free (t->refresh_token);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Token, token_clear)

static void
mint (const char *delegate,
      const char *scope,
      Token      *token)
{
  g_autofree char *body = g_strdup_printf ("{\"delegate\":\"%s\",\"scope\":\"%s\"}", delegate, scope);
  g_autoptr(JsonNode) reply = box_test_emulator_post (emu, "/_control/currinda/token", body);
  JsonObject *object;

  g_assert_nonnull (reply);
  object = json_node_get_object (reply);
  token->access_token = g_strdup (json_object_get_string_member (object, "access_token"));
  token->refresh_token = g_strdup (json_object_get_string_member (object, "refresh_token"));
  g_assert_nonnull (token->access_token);
}

static void
control (const char *action,
         const char *json)
{
  g_autofree char *path = g_strdup_printf ("/_control/currinda/%s", action);
  g_autoptr(JsonNode) reply = box_test_emulator_post (emu, path, json);

  g_assert_nonnull (reply);
}

/* Clears the request log (the data stays). */
static void
clear_log (void)
{
  g_autoptr(JsonNode) reply = box_test_emulator_post (emu, "/_control/reset", "{}");

  g_assert_nonnull (reply);
}

/* How many logged requests have a path that starts with @prefix. */
static guint
logged (const char *prefix)
{
  g_autoptr(JsonNode) log = box_test_emulator_get (emu, "/_control/requests");
  JsonArray *requests = json_node_get_array (log);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *r = json_array_get_object_element (requests, i);

      if (g_str_has_prefix (json_object_get_string_member (r, "path"), prefix))
        n++;
    }
  return n;
}

/* A plain GET on its own thread and session (blocking on the main thread would run the
 * desk's main context under the test); returns the status and the body. */
typedef struct
{
  char   *url;
  char   *bearer;
  guint   status;
  GBytes *body;
} Get;

static gpointer
get_thread (gpointer data)
{
  Get *g = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  g_main_context_push_thread_default (context);
  session = soup_session_new ();
  msg = soup_message_new ("GET", g->url);
  if (g->bearer != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", g->bearer, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  g->body = soup_session_send_and_read (session, msg, NULL, NULL);
  g->status = soup_message_get_status (msg);
  g_clear_object (&msg);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static guint
http_get (const char  *url,
          const char  *bearer,
          GBytes     **body)
{
  Get g = { (char *)url, (char *)bearer, 0, NULL };

  g_thread_join (g_thread_new ("currinda-get", get_thread, &g));
  if (body != NULL)
    *body = g.body;
  else
    g_clear_pointer (&g.body, g_bytes_unref);
  return g.status;
}

/* The desk --------------------------------------------------------------------------------- */

static BoxDesk *
new_desk (void)
{
  g_autofree char *profile = box_test_make_dir ("currinda");
  g_autoptr(GError) error = NULL;
  BoxDesk *desk = box_desk_new (profile, &error);

  g_assert_no_error (error);
  box_desk_set_desk_name (desk, "Test Desk");
  return desk;
}

/* Adds a Currinda account for @token with "event" or "organisation" set. */
static BoxAccount *
add_account (BoxDesk      *desk,
             const char   *name,
             const char   *event,
             const char   *organisation,
             const Token  *token,
             GError      **error)
{
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *site = site_url ();

  g_hash_table_insert (credentials, "client_id", CLIENT_ID);
  g_hash_table_insert (credentials, "client_secret", CLIENT_SECRET);
  g_hash_table_insert (credentials, "access_token", token->access_token);
  g_hash_table_insert (credentials, "refresh_token", token->refresh_token);
  g_hash_table_insert (credentials, "token_type", "Bearer");
  g_hash_table_insert (credentials, "expires_in", "3600");
  if (event != NULL)
    g_hash_table_insert (credentials, "event", (gpointer)event);
  if (organisation != NULL)
    g_hash_table_insert (credentials, "organisation", (gpointer)organisation);
  box_desk_add_account_async (desk, "currinda", name, site, credentials, NULL, box_test_got_result, &result);
  return box_desk_add_account_finish (desk, box_test_wait (&result), error);
}

static char *
add_ok (BoxDesk     *desk,
        const char  *name,
        const char  *event,
        const char  *organisation,
        const Token *token)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAccount) account = add_account (desk, name, event, organisation, token, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (box_account_get_provider (account), ==, "currinda");
  return g_strdup (box_account_get_id (account));
}

static gboolean
sync_desk (BoxDesk     *desk,
           const char  *account_id,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  box_desk_sync_async (desk, account_id, NULL, TRUE, NULL, box_test_got_result, &result);
  return box_desk_sync_finish (desk, box_test_wait (&result), error);
}

static void
sync_ok (BoxDesk    *desk,
         const char *account_id)
{
  g_autoptr(GError) error = NULL;

  sync_desk (desk, account_id, &error);
  g_assert_no_error (error);
}

/* The events of @account_id, as "id=name" lines. */
static char *
events_of (BoxDesk    *desk,
           const char *account_id)
{
  g_autoptr(GPtrArray) events = box_desk_list_events (desk, NULL);
  GString *s = g_string_new (NULL);

  g_assert_nonnull (events);
  for (guint i = 0; i < events->len; i++)
    {
      BoxEvent *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (box_event_get_account_id (event), account_id) == 0)
        g_string_append_printf (s, "%s%s=%s", s->len ? "\n" : "", box_event_get_id (event),
                                box_event_get_name (event));
    }
  return g_string_free (s, FALSE);
}

static BoxAttendee *
attendee (BoxDesk    *desk,
          const char *account_id,
          const char *event_id,
          const char *code)
{
  g_autoptr(GError) error = NULL;
  BoxAttendee *a = box_desk_get_attendee (desk, account_id, event_id, code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  return a;
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

static char *
detail (BoxAttendee *a,
        const char  *key)
{
  g_autoptr(JsonNode) node = json_from_string (box_attendee_get_details (a), NULL);
  JsonObject *object;

  g_assert_nonnull (node);
  object = json_node_get_object (node);
  return json_object_has_member (object, key) ? g_strdup (json_object_get_string_member (object, key)) : NULL;
}

static void
assert_detail (BoxAttendee *a,
               const char  *key,
               const char  *expected)
{
  g_autofree char *value = detail (a, key);

  g_assert_cmpstr (value, ==, expected);
}

static BoxAccountState
account_state (BoxDesk    *desk,
               const char *account_id)
{
  g_autoptr(BoxAccount) account = box_desk_get_account (desk, account_id, NULL);

  g_assert_nonnull (account);
  return box_account_get_state (account);
}

static char *
keyring_secret (BoxDesk    *desk,
                const char *account_id)
{
  g_autoptr(BoxSecrets) secrets = box_secrets_new (box_desk_get_profile_dir (desk));
  g_autoptr(GAsyncResult) result = NULL;

  box_secrets_lookup_async (secrets, account_id, NULL, box_test_got_result, &result);
  return box_secrets_lookup_finish (secrets, box_test_wait (&result), NULL);
}

/* Tests ------------------------------------------------------------------------------------ */

/* A delegate's registration: one event named after the account (or "Currinda event 42"),
 * one attendee with what is outstanding, the add-ons and the answers. */
static void
test_registration (void)
{
  g_autoptr(BoxDesk) desk = new_desk ();
  g_auto(Token) token = { 0 };
  g_auto(Token) named_token = { 0 };
  g_autofree char *account_id = NULL;
  g_autofree char *named_id = NULL;
  g_autofree char *events = NULL;
  g_autofree char *named_events = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(JsonNode) secret_node = NULL;
  g_autoptr(BoxAttendee) a = NULL;
  JsonObject *object;

  control ("reset", "{}");
  mint (MICHAEL, "event-42", &token);
  account_id = add_ok (desk, NULL, "42", NULL, &token);
  events = events_of (desk, account_id);
  g_assert_cmpstr (events, ==, "42=Currinda event 42");
  mint (ZOE, "event-42", &named_token);
  named_id = add_ok (desk, "ASM 2026 – Zoë", "42", NULL, &named_token);
  named_events = events_of (desk, named_id);
  g_assert_cmpstr (named_events, ==, "42=ASM 2026 – Zoë");

  /* The secret: the token, the refresh token, the client and the scope. */
  secret = keyring_secret (desk, account_id);
  g_assert_nonnull (secret);
  secret_node = json_from_string (secret, NULL);
  object = json_node_get_object (secret_node);
  g_assert_cmpstr (json_object_get_string_member (object, "access_token"), ==, token.access_token);
  g_assert_cmpstr (json_object_get_string_member (object, "refresh_token"), ==, token.refresh_token);
  g_assert_cmpstr (json_object_get_string_member (object, "client_id"), ==, CLIENT_ID);
  g_assert_cmpstr (json_object_get_string_member (object, "client_secret"), ==, CLIENT_SECRET);
  g_assert_cmpstr (json_object_get_string_member (object, "scope"), ==, "event-42");

  g_assert_cmpuint (box_desk_get_account_flags (desk, account_id), ==, BOX_PROVIDER_DELEGATE_ONLY);

  sync_ok (desk, account_id);
  g_assert_cmpuint (count_attendees (desk, account_id, "42"), ==, 1);
  a = attendee (desk, account_id, "42", "event-42");
  g_assert_cmpstr (box_attendee_get_name (a), ==, "Michael Gall");
  g_assert_cmpstr (box_attendee_get_ticket_type (a), ==, "Full Registration");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PENDING);
  assert_detail (a, "Name tag", "Mike Gall");
  assert_detail (a, "_nametag", "Mike Gall");
  assert_detail (a, "Outstanding", "150.00 NZD");
  assert_detail (a, "Registration cost", "100.00 NZD");
  assert_detail (a, "Add-ons", "1 × Conference Dinner (50.00); 2 × Workshop A (0.00)");
  assert_detail (a, "Dietary requirements?", "Vegetarian");
  g_clear_object (&a);

  /* Zoë has paid; her name tag is not her name. */
  sync_ok (desk, named_id);
  a = attendee (desk, named_id, "42", "event-42");
  g_assert_cmpstr (box_attendee_get_first_name (a), ==, "Zoë");
  g_assert_cmpstr (box_attendee_get_last_name (a), ==, "Lefèvre-Šimůnek");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PAID);
  assert_detail (a, "Name tag", "Dr Zoë L.");
  assert_detail (a, "Outstanding", "0.00 NZD");
  g_clear_object (&a);

  /* Michael pays: the next sync says so, and the attendee keeps its code. */
  control ("delegate", "{\"delegate\":\"" MICHAEL "\",\"event\":\"42\",\"outstanding\":\"0.00\"}");
  sync_ok (desk, account_id);
  g_assert_cmpuint (count_attendees (desk, account_id, "42"), ==, 1);
  a = attendee (desk, account_id, "42", "event-42");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PAID);
  control ("reset", "{}");
}

/* A membership: the event is "{Organisation} membership", the member's details. */
static void
test_membership (void)
{
  g_autoptr(BoxDesk) desk = new_desk ();
  g_auto(Token) token = { 0 };
  g_auto(Token) both = { 0 };
  g_autofree char *account_id = NULL;
  g_autofree char *both_id = NULL;
  g_autofree char *events = NULL;
  g_autofree char *both_events = NULL;
  g_autoptr(BoxAttendee) a = NULL;

  control ("reset", "{}");
  mint (ZOE, "org-19", &token);
  account_id = add_ok (desk, NULL, NULL, "19", &token);
  events = events_of (desk, account_id);
  g_assert_cmpstr (events, ==, "org-19=Australasian Society of Demo Medicine membership");

  sync_ok (desk, account_id);
  a = attendee (desk, account_id, "org-19", "org-19");
  g_assert_cmpstr (box_attendee_get_name (a), ==, "Zoë Lefèvre-Šimůnek");
  g_assert_cmpstr (box_attendee_get_email (a), ==, ZOE);
  g_assert_cmpstr (box_attendee_get_ticket_type (a), ==, "Full Member");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PAID);
  assert_detail (a, "Membership status", "Current");
  assert_detail (a, "Membership number", "D10000042");
  assert_detail (a, "Expires", "2027-06-30");
  assert_detail (a, "Amount outstanding", "0.000 NZD");
  assert_detail (a, "Special interest group?", "Rural health");
  g_assert_nonnull (strstr (box_attendee_get_details (a), "/currinda/organisations/invoice"));
  g_clear_object (&a);

  /* Her invoice goes unpaid. */
  control ("delegate", "{\"delegate\":\"" ZOE "\",\"status\":\"outstanding\",\"amount_outstanding\":\"100.000\"}");
  sync_ok (desk, account_id);
  a = attendee (desk, account_id, "org-19", "org-19");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PENDING);
  assert_detail (a, "Membership status", "Outstanding");
  assert_detail (a, "Amount outstanding", "100.000 NZD");
  g_clear_object (&a);

  /* Both scopes in one sign-in: two events, the registration named after the account. */
  mint (MICHAEL, "event-42,org-19", &both);
  both_id = add_ok (desk, "Michael at ASM", "42", "19", &both);
  both_events = events_of (desk, both_id);
  g_assert_nonnull (strstr (both_events, "42=Michael at ASM"));
  g_assert_nonnull (strstr (both_events, "org-19=Australasian Society of Demo Medicine membership"));
  sync_ok (desk, both_id);
  a = attendee (desk, both_id, "org-19", "org-19");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PENDING);
  assert_detail (a, "Membership status", "Outstanding");
  assert_detail (a, "Membership expired", "Yes");
  g_clear_object (&a);
  a = attendee (desk, both_id, "42", "event-42");
  assert_detail (a, "Outstanding", "150.00 NZD");
  control ("reset", "{}");
}

static BoxCheckin *
check_in (BoxDesk    *desk,
          const char *account_id,
          const char *event_id,
          const char *code,
          gboolean    undo)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BoxCheckin *checkin;

  if (undo)
    {
      box_desk_undo_async (desk, account_id, event_id, code, NULL, box_test_got_result, &result);
      checkin = box_desk_undo_finish (desk, box_test_wait (&result), &error);
    }
  else
    {
      box_desk_check_in_async (desk, account_id, event_id, code, BOX_CHECKIN_FLAGS_IGNORE_UNPAID, NULL, NULL,
                               box_test_got_result, &result);
      checkin = box_desk_check_in_finish (desk, box_test_wait (&result), &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (checkin);
  g_test_message ("%s: result %d, %s", code, box_checkin_get_result (checkin), box_checkin_get_message (checkin));
  return checkin;
}

/* Currinda has no check-in: the desk keeps it, and nothing goes to the site. */
static void
test_local_check_in (void)
{
  g_autoptr(BoxDesk) desk = new_desk ();
  g_auto(Token) token = { 0 };
  g_autofree char *account_id = NULL;
  g_autoptr(BoxCheckin) checkin = NULL;
  g_autoptr(BoxCheckin) undone = NULL;
  g_autoptr(BoxAttendee) a = NULL;

  mint (ZOE, "event-42", &token);
  account_id = add_ok (desk, NULL, "42", NULL, &token);
  sync_ok (desk, account_id);

  clear_log ();
  checkin = check_in (desk, account_id, "42", "event-42", FALSE);
  g_assert_cmpint (box_checkin_get_result (checkin), ==, BOX_CHECKIN_RESULT_LOCAL);
  a = attendee (desk, account_id, "42", "event-42");
  g_assert_true (box_attendee_get_checked_in (a));
  g_clear_object (&a);

  undone = check_in (desk, account_id, "42", "event-42", TRUE);
  a = attendee (desk, account_id, "42", "event-42");
  g_assert_false (box_attendee_get_checked_in (a));
  g_clear_object (&a);

  /* Neither went to Currinda. */
  g_assert_cmpuint (logged ("/currinda"), ==, 0);

  /* A sync after it keeps the desk's record of the check-in. */
  g_clear_object (&checkin);
  checkin = check_in (desk, account_id, "42", "event-42", FALSE);
  sync_ok (desk, account_id);
  g_assert_cmpuint (logged ("/currinda/api/event/42"), ==, 1);
  a = attendee (desk, account_id, "42", "event-42");
  g_assert_true (box_attendee_get_checked_in (a));
}

/* Self-service: one delegate signs in at the site -------------------------------------------- */

/* What a browser does with the sign-in page: shows the form (prompt=login), posts the
 * e-mail and password with the request's hidden fields, and follows the site's redirect
 * to the desk's loopback listener. Runs on its own thread, as a browser would, while the
 * desk's main loop answers the redirect. */
typedef struct
{
  char  *authorize_uri;
  char  *email;
  char  *password;
  guint  form_status;     /* the authorize page */
  gboolean form_has_password;
  guint  login_status;    /* the POST: 302 when right, 200 (the form again) when wrong */
  guint  redirect_status; /* the loopback listener's answer, 0 when not followed */
} Browser;

static gpointer
browser_thread (gpointer data)
{
  Browser *b = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *login = NULL;
  const char *location;

  g_main_context_push_thread_default (context);
  session = soup_session_new ();

  msg = soup_message_new ("GET", b->authorize_uri);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  b->form_status = soup_message_get_status (msg);
  b->form_has_password = body != NULL &&
                         g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                       "id=\"password\"") != NULL;
  g_clear_object (&msg);
  g_clear_pointer (&body, g_bytes_unref);

  uri = g_uri_parse (b->authorize_uri, G_URI_FLAGS_NONE, NULL);
  query = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  form = g_hash_table_new (g_str_hash, g_str_equal);
  for (const char *const *key = (const char *const[]) { "client_id", "redirect_uri", "state",
                                                        "scope", "response_type", NULL };
       *key != NULL; key++)
    if (g_hash_table_lookup (query, *key) != NULL)
      g_hash_table_insert (form, (gpointer)*key, g_hash_table_lookup (query, *key));
  g_hash_table_insert (form, "email", b->email);
  g_hash_table_insert (form, "password", b->password);
  login = g_strdup_printf ("%s/currinda/login", emu->url);
  msg = soup_message_new_from_encoded_form ("POST", login, soup_form_encode_hash (form));
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  b->login_status = soup_message_get_status (msg);
  location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  if (b->login_status == 302 && location != NULL)
    {
      g_autoptr(SoupMessage) follow = soup_message_new ("GET", location);
      g_autoptr(GBytes) page = soup_session_send_and_read (session, follow, NULL, NULL);

      b->redirect_status = soup_message_get_status (follow);
    }
  g_clear_object (&msg);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static gboolean
capture_uri_cb (BoxDesk     *desk,
                const char  *uri,
                char       **slot)
{
  g_free (*slot);
  *slot = g_strdup (uri);
  return TRUE;
}

/* Starts a delegate sign-in on @desk and waits for the sign-in page it asks to open. */
static char *
start_delegate_sign_in (BoxDesk        *desk,
                        const char     *account_id,
                        GCancellable   *cancellable,
                        GAsyncResult  **result)
{
  char *uri = NULL;
  gulong id = g_signal_connect (desk, "open-uri", G_CALLBACK (capture_uri_cb), &uri);
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  box_desk_sign_in_delegate_async (desk, account_id, "42", cancellable, box_test_got_result, result);
  while (uri == NULL && *result == NULL && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (desk, id);
  return uri;
}

/* The organiser's account stays as it is; Zoë signs in for herself and joins the event
 * on this computer; her token is nowhere afterwards. */
static void
test_delegate_sign_in (void)
{
  g_autoptr(BoxDesk) desk = new_desk ();
  g_auto(Token) token = { 0 };
  g_autofree char *account_id = NULL;
  g_autofree char *secret_before = NULL;
  g_autofree char *secret_after = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAttendee) zoe = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(BoxAttendee) stored = NULL;
  g_autoptr(BoxCheckin) checkin = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *logout = NULL;
  Browser browser = { 0 };
  GThread *thread;

  control ("reset", "{}");
  mint (MICHAEL, "event-42,org-19", &token);
  account_id = add_ok (desk, NULL, "42", "19", &token);
  sync_ok (desk, account_id);
  g_assert_cmpuint (count_attendees (desk, account_id, "42"), ==, 1);
  secret_before = keyring_secret (desk, account_id);
  before = box_test_emulator_get (emu, "/_control/currinda/sessions");

  uri = start_delegate_sign_in (desk, account_id, NULL, &result);
  g_assert_nonnull (uri);
  g_assert_nonnull (strstr (uri, "prompt=login"));
  g_assert_nonnull (strstr (uri, "client_id=" CLIENT_ID));

  browser.authorize_uri = uri;
  browser.email = ZOE;
  browser.password = "delegate";
  thread = g_thread_new ("browser", browser_thread, &browser);
  zoe = box_desk_sign_in_delegate_finish (desk, box_test_wait (&result), &others, &error);
  g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_cmpuint (browser.form_status, ==, 200);
  g_assert_true (browser.form_has_password);
  g_assert_cmpuint (browser.login_status, ==, 302);
  g_assert_cmpuint (browser.redirect_status, ==, 200);

  /* Her registration, with her Nametag and membership, kept with the event. */
  g_assert_cmpstr (box_attendee_get_first_name (zoe), ==, "Zoë");
  assert_detail (zoe, "_nametag", "Dr Zoë L.");
  /* And her membership, from the account's organisation. */
  g_assert_cmpuint (others->len, ==, 1);
  assert_detail (g_ptr_array_index (others, 0), "Membership status", "Current");
  assert_detail (g_ptr_array_index (others, 0), "Expires", "2027-06-30");
  g_assert_cmpuint (count_attendees (desk, account_id, "42"), ==, 2);
  stored = attendee (desk, account_id, "42", box_attendee_get_code (zoe));
  g_assert_cmpstr (box_attendee_get_last_name (stored), ==, "Lefèvre-Šimůnek");

  /* The account still signs in as the organiser; her token went to no keyring. */
  secret_after = keyring_secret (desk, account_id);
  g_assert_cmpstr (secret_after, ==, secret_before);
  after = box_test_emulator_get (emu, "/_control/currinda/sessions");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (after), "tokens_issued"), ==,
                   json_object_get_int_member (json_node_get_object (before), "tokens_issued") + 1);

  /* She checks in on this computer, like anyone else. */
  checkin = check_in (desk, account_id, "42", box_attendee_get_code (zoe), FALSE);
  g_assert_cmpint (box_checkin_get_result (checkin), ==, BOX_CHECKIN_RESULT_LOCAL);

  /* The account's next sync lists only the organiser; her check-in stays, with her. */
  sync_ok (desk, account_id);
  g_clear_object (&stored);
  stored = attendee (desk, account_id, "42", box_attendee_get_code (zoe));
  g_assert_true (box_attendee_get_checked_in (stored));

  /* The site's session ends at its logout page. */
  logout = box_desk_get_logout_uri (desk, account_id, "about:blank");
  g_assert_nonnull (logout);
  g_assert_true (g_str_has_prefix (logout, emu->url));
  g_assert_nonnull (strstr (logout, "/currinda/logout?redirect=about%3Ablank"));
}

/* A wrong password keeps her on the site's form; cancelling closes the listener. */
static void
test_delegate_cancel (void)
{
  g_autoptr(BoxDesk) desk = new_desk ();
  g_auto(Token) token = { 0 };
  g_autofree char *account_id = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BoxAttendee) nobody = NULL;
  g_autoptr(JsonNode) sessions = NULL;
  Browser browser = { 0 };
  GThread *thread;

  control ("reset", "{}");
  mint (MICHAEL, "event-42", &token);
  account_id = add_ok (desk, NULL, "42", NULL, &token);

  uri = start_delegate_sign_in (desk, account_id, cancellable, &result);
  g_assert_nonnull (uri);
  browser.authorize_uri = uri;
  browser.email = ZOE;
  browser.password = "not-her-password";
  thread = g_thread_new ("browser", browser_thread, &browser);
  g_thread_join (thread);
  g_assert_cmpuint (browser.login_status, ==, 200);
  g_assert_cmpuint (browser.redirect_status, ==, 0);
  sessions = box_test_emulator_get (emu, "/_control/currinda/sessions");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (sessions), "failed_logins"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (sessions), "site_sessions"), ==, 0);

  g_cancellable_cancel (cancellable);
  nobody = box_desk_sign_in_delegate_finish (desk, box_test_wait (&result), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (nobody);
  g_assert_cmpuint (count_attendees (desk, account_id, "42"), ==, 0);
}

/* A revoked token, or one whose refresh is refused: sign in again; what the desk holds
 * stays. */
static void
test_token_ends (void)
{
  static const char * const actions[] = { "revoke", "expire-and-revoke" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(BoxDesk) desk = new_desk ();
      g_auto(Token) token = { 0 };
      g_autofree char *account_id = NULL;
      g_autofree char *body = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(BoxAttendee) a = NULL;

      mint (MICHAEL, i == 0 ? "event-42" : "org-19", &token);
      account_id = add_ok (desk, NULL, i == 0 ? "42" : NULL, i == 0 ? NULL : "19", &token);
      sync_ok (desk, account_id);

      body = g_strdup_printf ("{\"access_token\":\"%s\"}", token.access_token);
      if (i == 1)
        control ("expire", body);
      /* Revoking the token ends its refresh too. */
      control ("revoke", body);
      g_assert_false (sync_desk (desk, account_id, &error));
      g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
      g_assert_cmpstr (error->message, ==, "Currinda no longer accepts this sign-in (401). Connect the account again.");
      g_assert_cmpint (account_state (desk, account_id), ==, BOX_ACCOUNT_STATE_AUTH_NEEDED);

      a = attendee (desk, account_id, i == 0 ? "42" : "org-19", i == 0 ? "event-42" : "org-19");
      g_assert_cmpstr (box_attendee_get_name (a), ==, "Michael Gall");
    }
}

/* A token past its lifetime is renewed with the refresh token, once, without a word to
 * the person at the desk; the keyring keeps the renewed sign-in for the next start. */
static void
test_token_refresh (void)
{
  g_autoptr(BoxDesk) desk = new_desk ();
  g_autoptr(BoxDesk) restarted = NULL;
  g_auto(Token) token = { 0 };
  g_autofree char *account_id = NULL;
  g_autofree char *body = NULL;
  g_autofree char *secret_before = NULL;
  g_autofree char *secret_after = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  control ("reset", "{}");
  mint (MICHAEL, "event-42,org-19", &token);
  account_id = add_ok (desk, NULL, "42", "19", &token);
  sync_ok (desk, account_id);
  secret_before = keyring_secret (desk, account_id);
  before = box_test_emulator_get (emu, "/_control/currinda/sessions");

  body = g_strdup_printf ("{\"access_token\":\"%s\"}", token.access_token);
  control ("expire", body);
  sync_ok (desk, account_id);
  g_assert_cmpint (account_state (desk, account_id), ==, BOX_ACCOUNT_STATE_OK);
  after = box_test_emulator_get (emu, "/_control/currinda/sessions");
  /* One refresh for the two reads (the event and the organisation). */
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (after), "refreshes"), ==,
                   json_object_get_int_member (json_node_get_object (before), "refreshes") + 1);

  /* The keyring has the renewed sign-in (stored without waiting for it: poll). */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_clear_pointer (&secret_after, g_free);
      g_main_context_iteration (NULL, FALSE);
      secret_after = keyring_secret (desk, account_id);
    }
  while (g_strcmp0 (secret_after, secret_before) == 0 && g_get_monotonic_time () < deadline);
  g_assert_cmpstr (secret_after, !=, secret_before);
  stored = json_from_string (secret_after, NULL);
  g_assert_nonnull (stored);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (stored), "access_token"), !=,
                   token.access_token);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (stored), "client_secret"), ==,
                   CLIENT_SECRET);

  /* A desk started afresh signs in with it: no refresh, no 401. */
  restarted = box_desk_new (box_desk_get_profile_dir (desk), &error);
  g_assert_no_error (error);
  g_clear_pointer (&before, json_node_unref);
  before = box_test_emulator_get (emu, "/_control/currinda/sessions");
  sync_ok (restarted, account_id);
  g_clear_pointer (&after, json_node_unref);
  after = box_test_emulator_get (emu, "/_control/currinda/sessions");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (after), "refreshes"), ==,
                   json_object_get_int_member (json_node_get_object (before), "refreshes"));
}

/* A sign-in whose scope does not cover the event, or a delegate with no registration. */
static void
test_refusals (void)
{
  g_autoptr(BoxDesk) desk = new_desk ();
  g_auto(Token) narrow = { 0 };
  g_auto(Token) zoe = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  /* A token for event 42 used for event 43: 403. */
  mint (MICHAEL, "event-42", &narrow);
  account = add_account (desk, NULL, "43", NULL, &narrow, &error);
  g_assert_null (account);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "event-43"));
  g_assert_nonnull (strstr (error->message, "(403)"));
  g_clear_error (&error);

  /* Zoë is not registered for 43: 404. */
  mint (ZOE, "event-43", &zoe);
  account = add_account (desk, NULL, "43", NULL, &zoe, &error);
  g_assert_null (account);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "event 43"));
  g_clear_error (&error);

  /* Digits only. */
  account = add_account (desk, NULL, "event-42", NULL, &narrow, &error);
  g_assert_null (account);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  accounts = box_desk_list_accounts (desk, NULL);
  g_assert_cmpuint (accounts->len, ==, 0);
}

/* The API text's trailing commas: the membership is read all the same. */
static void
test_trailing_commas (void)
{
  g_autoptr(BoxDesk) desk = new_desk ();
  g_auto(Token) token = { 0 };
  g_autofree char *account_id = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(BoxAttendee) a = NULL;

  control ("reset", "{}");
  control ("quirks", "{\"trailing_commas\":true}");
  mint (PETER, "org-19", &token);

  /* The site really sends them. */
  url = g_strdup_printf ("%s/currinda/api/organisation/19", emu->url);
  g_assert_cmpuint (http_get (url, token.access_token, &body), ==, 200);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "\"Australia\",}"));

  account_id = add_ok (desk, NULL, NULL, "19", &token);
  sync_ok (desk, account_id);
  a = attendee (desk, account_id, "org-19", "org-19");
  g_assert_cmpstr (box_attendee_get_name (a), ==, "Peter Test1");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PENDING);
  assert_detail (a, "Membership status", "Expired");
  assert_detail (a, "Expires", "2023-12-31");
  control ("reset", "{}");
}

/* The site takes the token in the query string too (as the PHP clients send it). */
static void
test_access_token_query (void)
{
  g_auto(Token) token = { 0 };
  g_autofree char *with_query = NULL;
  g_autofree char *without = NULL;
  g_autofree char *wrong = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) node = NULL;

  mint (MICHAEL, "event-42", &token);
  with_query = g_strdup_printf ("%s/currinda/api/event/42?access_token=%s", emu->url, token.access_token);
  without = g_strdup_printf ("%s/currinda/api/event/42", emu->url);
  wrong = g_strdup_printf ("%s/currinda/api/event/43?access_token=%s", emu->url, token.access_token);

  g_assert_cmpuint (http_get (with_query, NULL, &body), ==, 200);
  node = box_test_json_from_bytes (body);
  g_assert_nonnull (node);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "Outstanding"), ==, "150.00");
  g_assert_cmpuint (http_get (without, NULL, NULL), ==, 401);
  g_assert_cmpuint (http_get (wrong, NULL, NULL), ==, 403);
}

/* Where the browser goes, and what is asked before it does. */
static void
test_oauth_setup (void)
{
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(BoxOAuthEndpoints) endpoints = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *site = site_url ();
  g_autofree char *authorize = g_strconcat (site, "/api/authorize", NULL);
  g_autofree char *token = g_strconcat (site, "/api/token", NULL);
  g_autofree char *slash = g_strconcat (site, "/", NULL);

  g_assert_true (box_provider_kind_uses_oauth ("currinda"));
  g_assert_null (box_provider_kind_get_default_base_url ("currinda"));
  g_assert_cmpstr (box_provider_kind_get_label ("currinda"), ==, "Currinda");

  g_hash_table_insert (credentials, "client_id", CLIENT_ID);
  g_hash_table_insert (credentials, "client_secret", CLIENT_SECRET);
  g_hash_table_insert (credentials, "event", "42");
  g_hash_table_insert (credentials, "organisation", "19");

  endpoints = box_provider_kind_oauth_setup ("currinda", NULL, credentials, &error);
  g_assert_null (endpoints);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "Enter the address of your Currinda site, like https://example.currinda.com");
  g_clear_error (&error);
  endpoints = box_provider_kind_oauth_setup ("currinda", "http://asn.currinda.com", credentials, &error);
  g_assert_null (endpoints);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  endpoints = box_provider_kind_oauth_setup ("currinda", slash, credentials, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (endpoints->authorize_url, ==, authorize);
  g_assert_cmpstr (endpoints->token_url, ==, token);
  g_assert_cmpstr (endpoints->client_id, ==, CLIENT_ID);
  g_assert_cmpstr (endpoints->client_secret, ==, CLIENT_SECRET);
  g_assert_cmpstr (endpoints->scope, ==, "event-42,org-19");
  g_clear_pointer (&endpoints, box_oauth_endpoints_free);

  g_hash_table_remove (credentials, "event");
  endpoints = box_provider_kind_oauth_setup ("currinda", "https://asn.currinda.com", credentials, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (endpoints->authorize_url, ==, "https://asn.currinda.com/api/authorize");
  g_assert_cmpstr (endpoints->scope, ==, "org-19");
  g_clear_pointer (&endpoints, box_oauth_endpoints_free);

  g_hash_table_insert (credentials, "organisation", "ASN");
  endpoints = box_provider_kind_oauth_setup ("currinda", "https://asn.currinda.com", credentials, &error);
  g_assert_null (endpoints);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_hash_table_insert (credentials, "organisation", "19");
  g_hash_table_remove (credentials, "client_secret");
  endpoints = box_provider_kind_oauth_setup ("currinda", "https://asn.currinda.com", credentials, &error);
  g_assert_null (endpoints);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "client secret"));
}

/* sign_in() without a token, and the factory's errors. */
static void
test_provider_errors (void)
{
  g_autofree char *site = site_url ();
  g_autoptr(BoxAccount) account = box_account_new ("currinda", "currinda", "Currinda", site);
  g_autoptr(BoxAccount) no_site = box_account_new ("currinda", "currinda", "Currinda", NULL);
  g_autoptr(BoxProvider) provider = NULL;
  g_autoptr(BoxProvider) damaged = NULL;
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  g_assert_null (box_provider_new_for_account (no_site, NULL, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  damaged = box_provider_new_for_account (account, "{\"scope\":\"event-42\"}", &error);
  g_assert_null (damaged);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_SECRETS);
  g_clear_error (&error);

  provider = box_provider_new_for_account (account, NULL, &error);
  g_assert_no_error (error);
  g_hash_table_insert (credentials, "event", "42");
  box_provider_sign_in_async (provider, credentials, NULL, box_test_got_result, &result);
  secret = box_provider_sign_in_finish (provider, box_test_wait (&result), &error);
  g_assert_null (secret);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
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

  emu = box_test_emulator_start (10, NULL);

  g_test_add_func ("/currinda/oauth-setup", test_oauth_setup);
  g_test_add_func ("/currinda/provider-errors", test_provider_errors);
  g_test_add_func ("/currinda/registration", test_registration);
  g_test_add_func ("/currinda/membership", test_membership);
  g_test_add_func ("/currinda/local-check-in", test_local_check_in);
  g_test_add_func ("/currinda/token-ends", test_token_ends);
  g_test_add_func ("/currinda/token-refresh", test_token_refresh);
  g_test_add_func ("/currinda/refusals", test_refusals);
  g_test_add_func ("/currinda/trailing-commas", test_trailing_commas);
  g_test_add_func ("/currinda/access-token-query", test_access_token_query);
  g_test_add_func ("/currinda/delegate-sign-in", test_delegate_sign_in);
  g_test_add_func ("/currinda/delegate-cancel", test_delegate_cancel);

  status = g_test_run ();
  box_test_emulator_stop (emu);
  box_test_cleanup ();
  return status;
}
