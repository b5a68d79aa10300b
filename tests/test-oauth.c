/* test-oauth.c: BoxOAuth, the authorization-code flow of a desktop app, against the
 * emulator's Floktu (code POSTed to the redirect) and Currinda (302 to the redirect)
 * sign-in pages: the token comes back, a forged or mismatched answer is refused, an
 * error= answer says what happened, and the loopback listener closes on success,
 * error, cancel and time-out and never answers anything but the one redirect. Then the
 * same through BoxDesk, which keeps the token and the client secret in the Secret
 * Service.
 *
 * Runs inside tests/with-keyring.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "box-account.h"
#include "box-desk.h"
#include "box-error.h"
#include "box-oauth.h"
#include "box-providers.h"
#include "box-secrets.h"
#include "box-test-util.h"

#define FLOKTU_CLIENT "floktu-demo-client"
#define FLOKTU_SECRET "floktu-demo-secret"
#define CURRINDA_CLIENT "currinda-demo-client"
#define CURRINDA_SECRET "currinda-demo-secret"

static BoxTestEmulator *emu;
static SoupSession *browser;

/* A browser: follows the sign-in page (and its redirects) on the main context, where
 * the listener under test runs too. ---------------------------------------------------- */

typedef struct
{
  gboolean done;
  guint    status;
  char    *body;
  GError  *error;
} Visit;

static void
visit_clear (Visit *v)
{
  g_free (v->body);
  g_clear_error (&v->error);
  memset (v, 0, sizeof *v);
}

static void
visited_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Visit *v = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &v->error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  v->status = soup_message_get_status (msg);
  if (body != NULL)
    v->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  v->done = TRUE;
}

static void
visit_start (Visit      *v,
             const char *method,
             const char *uri,
             const char *content_type,
             const char *body)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);

  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  soup_session_send_and_read_async (browser, msg, G_PRIORITY_DEFAULT, NULL, visited_cb, v);
}

static void
visit (Visit      *v,
       const char *method,
       const char *uri,
       const char *content_type,
       const char *body)
{
  visit_start (v, method, uri, content_type, body);
  while (!v->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The flow under test ------------------------------------------------------------------ */

typedef struct
{
  BoxOAuth     *oauth;
  GCancellable *cancellable;
  char         *uri;        /* the sign-in page the browser was sent to */
  GAsyncResult *result;
} Flow;

static gboolean
remember_uri_cb (GObject    *object,
                 const char *uri,
                 gpointer    user_data)
{
  char **slot = user_data;

  g_free (*slot);
  *slot = g_strdup (uri);
  return TRUE;   /* no real browser in tests */
}

static BoxOAuthEndpoints *
floktu_endpoints (const char *secret)
{
  g_autofree char *base = g_strdup_printf ("%s/floktu/api/v2", emu->url);
  g_autofree char *authorize = g_strdup_printf ("%s/authorize", base);
  g_autofree char *token = g_strdup_printf ("%s/token", base);

  return box_oauth_endpoints_new (authorize, token, FLOKTU_CLIENT, secret, NULL);
}

static BoxOAuthEndpoints *
currinda_endpoints (const char *scope)
{
  g_autofree char *authorize = g_strdup_printf ("%s/currinda/api/authorize", emu->url);
  g_autofree char *token = g_strdup_printf ("%s/currinda/api/token", emu->url);

  return box_oauth_endpoints_new (authorize, token, CURRINDA_CLIENT, CURRINDA_SECRET, scope);
}

static void
flow_start (Flow              *f,
            const char        *label,
            BoxOAuthEndpoints *endpoints,
            guint              timeout)
{
  memset (f, 0, sizeof *f);
  f->oauth = box_oauth_new (label, endpoints);
  f->cancellable = g_cancellable_new ();
  if (timeout > 0)
    box_oauth_set_timeout (f->oauth, timeout);
  g_signal_connect (f->oauth, "open-uri", G_CALLBACK (remember_uri_cb), &f->uri);
  box_oauth_authorize_async (f->oauth, f->cancellable, box_test_got_result, &f->result);
  box_oauth_endpoints_free (endpoints);
  g_assert_nonnull (f->uri);
  g_assert_nonnull (box_oauth_get_redirect_uri (f->oauth));
}

static void
flow_clear (Flow *f)
{
  g_clear_object (&f->oauth);
  g_clear_object (&f->cancellable);
  g_clear_object (&f->result);
  g_clear_pointer (&f->uri, g_free);
}

static GHashTable *
flow_finish (Flow    *f,
             GError **error)
{
  return box_oauth_authorize_finish (f->oauth, box_test_wait (&f->result), error);
}

/* A query parameter of the sign-in page's address. */
static char *
uri_param (const char *uri,
           const char *name)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (parsed);
  params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  return params ? g_strdup (g_hash_table_lookup (params, name)) : NULL;
}

/* Whether anything listens at the redirect address any more (after a moment for the
 * page to leave). */
static gboolean
listening (const char *redirect_uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  gint64 until = g_get_monotonic_time () + G_TIME_SPAN_SECOND / 5;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (parsed), NULL, &error);
  return connection != NULL;
}

static void
set_authorize_mode (const char *provider,
                    const char *mode)
{
  g_autofree char *path = g_strdup_printf ("/_control/%s/authorize", provider);
  g_autofree char *body = g_strdup_printf ("{\"mode\":\"%s\"}", mode);
  g_autoptr(JsonNode) answer = box_test_emulator_post (emu, path, body);
}

/* Tests --------------------------------------------------------------------------------- */

static void
test_floktu_posts_code (void)
{
  Flow f;
  Visit v = { 0 };
  g_autoptr(GHashTable) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *redirect = NULL;
  char *redirect_uri;

  flow_start (&f, "Floktu", floktu_endpoints (FLOKTU_SECRET), 0);
  redirect_uri = g_strdup (box_oauth_get_redirect_uri (f.oauth));
  g_assert_true (g_str_has_prefix (redirect_uri, "http://127.0.0.1:"));
  g_assert_true (listening (redirect_uri));

  /* The sign-in page asks for a code for our client, with a state nobody can guess. */
  state = uri_param (f.uri, "state");
  redirect = uri_param (f.uri, "redirect_uri");
  g_assert_cmpstr (redirect, ==, redirect_uri);
  g_assert_cmpuint (strlen (state), >=, 32);
  g_free (redirect);
  redirect = uri_param (f.uri, "response_type");
  g_assert_cmpstr (redirect, ==, "code");
  g_free (redirect);
  redirect = uri_param (f.uri, "client_id");
  g_assert_cmpstr (redirect, ==, FLOKTU_CLIENT);

  /* Floktu POSTs the code to the listener itself while the browser waits. */
  visit (&v, "GET", f.uri, NULL, NULL);
  g_assert_cmpuint (v.status, ==, 200);
  token = flow_finish (&f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (g_hash_table_lookup (token, "access_token")), >, 8);
  g_assert_false (listening (redirect_uri));

  visit_clear (&v);
  g_free (redirect_uri);
  flow_clear (&f);
}

static void
test_currinda_redirects (void)
{
  Flow f;
  Visit v = { 0 };
  g_autoptr(GHashTable) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;

  flow_start (&f, "Currinda", currinda_endpoints ("event-42"), 0);
  redirect_uri = g_strdup (box_oauth_get_redirect_uri (f.oauth));
  {
    g_autofree char *scope = uri_param (f.uri, "scope");
    g_assert_cmpstr (scope, ==, "event-42");
  }

  /* Currinda sends the browser back with a 302; the listener shows a page. */
  visit (&v, "GET", f.uri, NULL, NULL);
  g_assert_cmpuint (v.status, ==, 200);
  g_assert_nonnull (strstr (v.body, "Box Office is connected"));
  token = flow_finish (&f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_hash_table_lookup (token, "access_token"));
  g_assert_nonnull (g_hash_table_lookup (token, "refresh_token"));
  g_assert_cmpstr (g_hash_table_lookup (token, "expires_in"), ==, "3600");
  g_assert_false (listening (redirect_uri));

  visit_clear (&v);
  flow_clear (&f);
}

static void
test_state_mismatch (void)
{
  Flow f;
  Visit v = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *forged = NULL;

  /* The provider's answer carries another state. */
  set_authorize_mode ("floktu", "wrong-state");
  flow_start (&f, "Floktu", floktu_endpoints (FLOKTU_SECRET), 0);
  redirect_uri = g_strdup (box_oauth_get_redirect_uri (f.oauth));
  visit (&v, "GET", f.uri, NULL, NULL);
  g_assert_null (flow_finish (&f, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "did not match"));
  g_assert_false (listening (redirect_uri));
  visit_clear (&v);
  flow_clear (&f);
  g_clear_error (&error);
  g_clear_pointer (&redirect_uri, g_free);

  /* A page elsewhere forges a redirect with a code of its own and no state. */
  flow_start (&f, "Floktu", floktu_endpoints (FLOKTU_SECRET), 0);
  redirect_uri = g_strdup (box_oauth_get_redirect_uri (f.oauth));
  forged = g_strdup_printf ("%s?code=attackers-code", redirect_uri);
  visit (&v, "GET", forged, NULL, NULL);
  g_assert_cmpuint (v.status, ==, 400);
  g_assert_nonnull (strstr (v.body, "does not belong"));
  g_assert_null (flow_finish (&f, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_assert_false (listening (redirect_uri));
  visit_clear (&v);
  flow_clear (&f);
}

static void
test_error_redirect (void)
{
  Flow f;
  Visit v = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *state = NULL;
  g_autofree char *answer = NULL;

  /* The person refuses at Currinda. */
  set_authorize_mode ("currinda", "deny");
  flow_start (&f, "Currinda", currinda_endpoints ("org-19"), 0);
  redirect_uri = g_strdup (box_oauth_get_redirect_uri (f.oauth));
  visit (&v, "GET", f.uri, NULL, NULL);
  g_assert_cmpuint (v.status, ==, 200);
  g_assert_nonnull (strstr (v.body, "not given access"));
  g_assert_null (flow_finish (&f, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "Access was not granted at Currinda"));
  g_assert_false (listening (redirect_uri));
  visit_clear (&v);
  flow_clear (&f);
  g_clear_error (&error);
  g_clear_pointer (&redirect_uri, g_free);

  /* Any other error code is named, with the provider's description. */
  flow_start (&f, "Floktu", floktu_endpoints (FLOKTU_SECRET), 0);
  redirect_uri = g_strdup (box_oauth_get_redirect_uri (f.oauth));
  state = uri_param (f.uri, "state");
  answer = g_strdup_printf ("error=invalid_scope&error_description=Unknown+scope+org-7&state=%s", state);
  visit (&v, "POST", redirect_uri, "application/x-www-form-urlencoded", answer);
  g_assert_null (flow_finish (&f, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "invalid_scope: Unknown scope org-7"));
  g_assert_false (listening (redirect_uri));
  visit_clear (&v);
  flow_clear (&f);
}

static void
test_time_out (void)
{
  Flow f;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;
  gint64 start = g_get_monotonic_time ();

  /* The person never comes back from the browser. */
  flow_start (&f, "Floktu", floktu_endpoints (FLOKTU_SECRET), 1);
  redirect_uri = g_strdup (box_oauth_get_redirect_uri (f.oauth));
  g_assert_null (flow_finish (&f, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "No answer came from the browser"));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_TIME_SPAN_SECOND / 2);
  g_assert_false (listening (redirect_uri));
  flow_clear (&f);
}

static void
test_cancel (void)
{
  Flow f;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;

  flow_start (&f, "Floktu", floktu_endpoints (FLOKTU_SECRET), 0);
  redirect_uri = g_strdup (box_oauth_get_redirect_uri (f.oauth));
  g_assert_true (listening (redirect_uri));
  g_cancellable_cancel (f.cancellable);
  g_assert_null (flow_finish (&f, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (listening (redirect_uri));
  flow_clear (&f);
}

static void
test_only_the_redirect (void)
{
  Flow f;
  Visit v = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *root = NULL;
  g_autofree char *state = NULL;
  g_autofree char *answer = NULL;
  char *slash;

  flow_start (&f, "Floktu", floktu_endpoints (FLOKTU_SECRET), 0);
  redirect_uri = g_strdup (box_oauth_get_redirect_uri (f.oauth));
  root = g_strdup (redirect_uri);
  slash = strchr (root + strlen ("http://"), '/');
  *slash = '\0';

  /* Other paths, other methods, other bodies, and the address without an answer. */
  {
    const char *paths[] = { "/", "/favicon.ico", "/oauth", "/oauth/callback/x" };

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autofree char *uri = g_strconcat (root, paths[i], NULL);

        visit (&v, "GET", uri, NULL, NULL);
        g_assert_cmpuint (v.status, ==, 404);
        g_assert_true (v.body == NULL || *v.body == '\0');
        visit_clear (&v);
      }
  }
  visit (&v, "PUT", redirect_uri, "application/x-www-form-urlencoded", "code=x&state=y");
  g_assert_cmpuint (v.status, ==, 405);
  visit_clear (&v);
  visit (&v, "POST", redirect_uri, "application/json", "{\"code\":\"x\"}");
  g_assert_cmpuint (v.status, ==, 400);
  visit_clear (&v);
  visit (&v, "GET", redirect_uri, NULL, NULL);
  g_assert_cmpuint (v.status, ==, 400);
  visit_clear (&v);
  g_assert_null (f.result);
  g_assert_true (listening (redirect_uri));

  /* The right state with a code Floktu never gave: the exchange is refused. */
  state = uri_param (f.uri, "state");
  answer = g_strdup_printf ("%s?code=not-a-code&state=%s", redirect_uri, state);
  visit (&v, "GET", answer, NULL, NULL);
  g_assert_cmpuint (v.status, ==, 200);
  g_assert_null (flow_finish (&f, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "invalid_grant"));
  g_assert_false (listening (redirect_uri));
  visit_clear (&v);
  flow_clear (&f);
}

static void
test_wrong_client_secret (void)
{
  Flow f;
  Visit v = { 0 };
  g_autoptr(GError) error = NULL;

  flow_start (&f, "Floktu", floktu_endpoints ("not-the-secret"), 0);
  visit (&v, "GET", f.uri, NULL, NULL);
  g_assert_null (flow_finish (&f, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "Check the client ID and client secret"));
  visit_clear (&v);
  flow_clear (&f);
}

/* Through the desk -------------------------------------------------------------------- */

static gboolean
desk_open_uri_cb (BoxDesk    *desk,
                  const char *uri,
                  gpointer    user_data)
{
  Visit *v = user_data;

  visit_start (v, "GET", uri, NULL, NULL);
  return TRUE;
}

static gboolean
cancel_on_open_cb (BoxDesk      *desk,
                   const char   *uri,
                   GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
  return TRUE;
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

static void
test_desk (void)
{
  g_autofree char *profile = box_test_make_dir ("desk");
  g_autoptr(BoxDesk) desk = NULL;
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_strdup_printf ("%s/floktu/api/v2", emu->url);
  g_autofree char *secret = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  Visit v = { 0 };

  desk = box_desk_new (profile, &error);
  g_assert_no_error (error);
  g_signal_connect (desk, "open-uri", G_CALLBACK (desk_open_uri_cb), &v);

  /* A missing client secret is said before any browser opens. */
  g_hash_table_insert (credentials, "client_id", FLOKTU_CLIENT);
  box_desk_add_account_async (desk, "floktu", "Floktu Desk", base, credentials, NULL,
                              box_test_got_result, &result);
  g_assert_null (box_desk_add_account_finish (desk, box_test_wait (&result), &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_assert_false (v.done);
  g_clear_error (&error);
  g_clear_object (&result);

  g_hash_table_insert (credentials, "client_secret", FLOKTU_SECRET);
  box_desk_add_account_async (desk, "floktu", "Floktu Desk", base, credentials, NULL,
                              box_test_got_result, &result);
  account = box_desk_add_account_finish (desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (box_account_get_provider (account), ==, "floktu");
  while (!v.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (v.status, ==, 200);

  /* The token and the client secret are in the Secret Service, nowhere else. */
  secret = keyring_secret (desk, box_account_get_id (account));
  g_assert_nonnull (secret);
  g_assert_true (json_parser_load_from_data (parser, secret, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (strlen (json_object_get_string_member (o, "access_token")), >, 8);
  g_assert_cmpstr (json_object_get_string_member (o, "client_secret"), ==, FLOKTU_SECRET);
  {
    g_autofree char *db_path = g_build_filename (profile, "boxoffice.db", NULL);
    g_autofree char *db = NULL;
    gsize len = 0;

    if (g_file_get_contents (db_path, &db, &len, NULL))
      g_assert_null (g_strstr_len (db, len, FLOKTU_SECRET));
  }
  visit_clear (&v);
  g_clear_object (&result);

  /* Cancelled while the browser is open: no account, no secret. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) cancelled = NULL;
    g_autoptr(GError) cancel_error = NULL;

    g_signal_handlers_disconnect_by_func (desk, desk_open_uri_cb, &v);
    g_signal_connect (desk, "open-uri", G_CALLBACK (cancel_on_open_cb), cancellable);
    box_desk_add_account_async (desk, "floktu", "Second", base, credentials, cancellable,
                                box_test_got_result, &cancelled);
    g_assert_null (box_desk_add_account_finish (desk, box_test_wait (&cancelled), &cancel_error));
    g_assert_error (cancel_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
  accounts = box_desk_list_accounts (desk, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 1);
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

  emu = box_test_emulator_start (50, NULL);
  browser = soup_session_new ();

  g_test_add_func ("/oauth/floktu-posts-code", test_floktu_posts_code);
  g_test_add_func ("/oauth/currinda-redirects", test_currinda_redirects);
  g_test_add_func ("/oauth/state-mismatch", test_state_mismatch);
  g_test_add_func ("/oauth/error-redirect", test_error_redirect);
  g_test_add_func ("/oauth/time-out", test_time_out);
  g_test_add_func ("/oauth/cancel", test_cancel);
  g_test_add_func ("/oauth/only-the-redirect", test_only_the_redirect);
  g_test_add_func ("/oauth/wrong-client-secret", test_wrong_client_secret);
  g_test_add_func ("/oauth/desk", test_desk);

  status = g_test_run ();
  g_clear_object (&browser);
  box_test_emulator_stop (emu);
  box_test_cleanup ();
  return status;
}
