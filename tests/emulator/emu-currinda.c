/* emu-currinda.c - fake Currinda site (API v0.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mounted at /currinda: that prefix is the "site" (http://127.0.0.1:PORT/currinda), as
 * https://asn.currinda.com is a real one.  OAuth2 authorization-code flow
 * (api/authorize, api/token, refresh grant), the two data endpoints api/event/{id}
 * and api/organisation/{id} that show the signed-in delegate's own registration or
 * membership, and logout?redirect=.  Behaviour follows shared/api/currinda-api-v0.1.txt
 * and shared/api/GROUND-TRUTH.md section 5; README.md lists the client, the delegates
 * and the control endpoints.
 *
 * Numbers are sent as strings, exactly as the API text's examples; with the
 * "trailing_commas" quirk on, the membership reply carries the API text's trailing
 * commas ("Country":"Australia",}).
 */

#include "emu-core.h"

#include <string.h>

#define CU_PREFIX "/currinda"
#define CU_CLIENT_ID "currinda-demo-client"
#define CU_CLIENT_SECRET "currinda-demo-secret"
#define CU_TOKEN_LIFETIME 3600           /* seconds */
#define CU_CODE_LIFETIME (10 * 60)       /* seconds */
#define CU_ORGANISATION "19"
#define CU_ORGANISATION_NAME "Australasian Society of Demo Medicine"
#define CU_CURRENCY "NZD"
#define CU_SESSION_COOKIE "currinda_session"
/* Every demo delegate's password on the sign-in page (prompt=login). */
#define CU_PASSWORD "delegate"

/* ---------------------------------------------------------------------- */
/* Static catalogue                                                       */
/* ---------------------------------------------------------------------- */

typedef struct {
  const char *id;
  const char *name;
} CuEventSpec;

static const CuEventSpec event_specs[] = {
  { "42", "Annual Scientific Meeting 2026" },
  { "43", "Clinical Skills Workshop 2026" },
};
#define CU_N_EVENTS G_N_ELEMENTS (event_specs)

typedef struct {
  const char *quantity;
  const char *id;
  const char *name;
  const char *description;
  const char *cost;
} CuAddonSpec;

typedef struct {
  gboolean registered;
  const char *reg_id;
  const char *reg_name;
  const char *cost;
  const char *description;
  const char *outstanding;        /* NULL: null */
  const char *question;           /* Registration.Extras and Extras, or NULL */
  const char *answer;
  guint n_addons;
  CuAddonSpec addons[2];
} CuRegistrationSpec;

typedef struct {
  const char *email;
  const char *first_name;
  const char *last_name;
  const char *title;
  const char *nametag;
  CuRegistrationSpec registrations[CU_N_EVENTS];
  gboolean member;
  const char *membership_id;
  const char *membership_number;
  const char *status;
  const char *expiry;
  const char *joined;
  const char *type_id;
  const char *type;
  const char *type_cost;
  const char *amount_outstanding;
  gboolean expired;
} CuDelegateSpec;

static const CuDelegateSpec delegate_specs[] = {
  /* Registered for both events, money outstanding for 42, add-ons and extras; a
   * member with outstanding invoices, expired. */
  { "michael.gall@example.com", "Michael", "Gall", "Mr", "Mike Gall",
    { { TRUE, "1", "Full Registration", "100.00", "Three days, all sessions", "150.00",
        "Dietary requirements?", "Vegetarian",
        2, { { "1", "11", "Conference Dinner", "Thursday evening", "50.00" },
             { "2", "12", "Workshop A", "Suturing basics", "0.00" } } },
      { TRUE, "7", "Workshop Day", "80.00", "One day", "0.00", NULL, NULL, 0, { { 0 } } } },
    TRUE, "31807", "D23423423", "outstanding", "2010-12-31", "2014-05-12",
    "362", "Full Member", "100", "100.000", TRUE },
  /* Fully paid, a name with accents and a name tag that differs from it; registered
   * for 42 only; a current member. */
  { "zoe.lefevre@example.com", "Zoë", "Lefèvre-Šimůnek", "Dr", "Dr Zoë L.",
    { { TRUE, "2", "Early Bird Registration", "80.00", "Three days, all sessions", "0.00",
        "Dietary requirements?", "None",
        1, { { "2", "12", "Workshop A", "Suturing basics", "25.00" } } },
      { FALSE } },
    TRUE, "31808", "D10000042", "current", "2027-06-30", "2019-02-01",
    "362", "Full Member", "100", "0.000", FALSE },
  /* A member whose membership lapsed; paid up for 42, nothing outstanding as null. */
  { "peter.test1@example.com", "Peter", "Test1", "", "Peter Test1",
    { { TRUE, "3", "Student Registration", "40.00", "Students, all sessions", NULL,
        NULL, NULL, 0, { { 0 } } },
      { FALSE } },
    TRUE, "31809", "S23423424", "expire", "2023-12-31", "2015-03-01",
    "363", "Student Member", "40", "0.000", TRUE },
  /* Not registered for any event; a member not yet checked by an admin. */
  { "aroha.ngata@example.com", "Aroha", "Ngata", "Ms", "Aroha Ngata",
    { { FALSE }, { FALSE } },
    TRUE, "31810", NULL, "unapproved", NULL, "2026-01-15",
    "362", "Full Member", "100", "100.000", FALSE },
  /* Checked, payment pending; registered for 43 only. */
  { "sam.pending@example.com", "Sam", "Pending", "", "Sam P.",
    { { FALSE },
      { TRUE, "8", "Workshop Day", "80.00", "One day", "80.00", NULL, NULL, 0, { { 0 } } } },
    TRUE, "31811", "D10000043", "pending", "2026-12-31", "2025-11-30",
    "362", "Full Member", "100", "100.000", FALSE },
  /* Registered for 42, not a member of the organisation. */
  { "guest@example.com", "Gwen", "Guest", "", "Gwen Guest",
    { { TRUE, "4", "Day Registration", "60.00", "One day", "0", NULL, NULL, 0, { { 0 } } },
      { FALSE } },
    FALSE },
};
#define CU_N_DELEGATES G_N_ELEMENTS (delegate_specs)

/* ---------------------------------------------------------------------- */
/* State                                                                  */
/* ---------------------------------------------------------------------- */

/* What the control endpoint may change of a delegate. */
typedef struct {
  char *first_name;
  char *last_name;
  char *nametag;
  gboolean registered[CU_N_EVENTS];
  char *outstanding[CU_N_EVENTS];   /* NULL: null */
  char *status;
  char *amount_outstanding;
  gboolean member;
} CuDelegate;

typedef struct {
  guint delegate;
  char **scopes;
  char *access_token;
  char *refresh_token;
  gint64 expires_at;        /* unix seconds */
  gboolean revoked;
} CuToken;

typedef struct {
  guint delegate;
  char **scopes;
  char *redirect_uri;
  gint64 created;
  gboolean used;
} CuCode;

typedef enum {
  MODE_OK,
  MODE_DENY,
  MODE_WRONG_STATE,
  MODE_NONE,
  MODE_POST,
} CuMode;

static const char *const mode_names[] = { "ok", "deny", "wrong-state", "none", "post" };

typedef struct {
  CuDelegate delegates[CU_N_DELEGATES];
  GHashTable *tokens;         /* access token -> CuToken (owned) */
  GHashTable *refresh;        /* refresh token -> CuToken (not owned) */
  GHashTable *codes;          /* code -> CuCode */
  CuMode next_mode;
  gint next_delegate;         /* -1: the default (or login_hint) */
  gboolean trailing_commas;
  guint logouts;
  char *last_redirect;
  gint signed_in;             /* the delegate of the site's session, or -1 */
  guint authorizations;
  guint tokens_issued;
  guint refreshes;
  GHashTable *site_sessions;  /* cookie value -> delegate index + 1 */
  guint logins;
  guint failed_logins;
} CuState;

static void
delegate_clear (CuDelegate *d)
{
  guint i;

  g_clear_pointer (&d->first_name, g_free);
  g_clear_pointer (&d->last_name, g_free);
  g_clear_pointer (&d->nametag, g_free);
  for (i = 0; i < CU_N_EVENTS; i++)
    g_clear_pointer (&d->outstanding[i], g_free);
  g_clear_pointer (&d->status, g_free);
  g_clear_pointer (&d->amount_outstanding, g_free);
}

static void
delegates_reset (CuState *st)
{
  guint i, e;

  for (i = 0; i < CU_N_DELEGATES; i++)
    {
      const CuDelegateSpec *spec = &delegate_specs[i];
      CuDelegate *d = &st->delegates[i];

      delegate_clear (d);
      d->first_name = g_strdup (spec->first_name);
      d->last_name = g_strdup (spec->last_name);
      d->nametag = g_strdup (spec->nametag);
      for (e = 0; e < CU_N_EVENTS; e++)
        {
          d->registered[e] = spec->registrations[e].registered;
          d->outstanding[e] = g_strdup (spec->registrations[e].outstanding);
        }
      d->member = spec->member;
      d->status = g_strdup (spec->status);
      d->amount_outstanding = g_strdup (spec->amount_outstanding);
    }
}

static void
token_free (gpointer data)
{
  CuToken *t = data;

  g_strfreev (t->scopes);
  g_free (t->access_token);
  g_free (t->refresh_token);
  g_free (t);
}

static void
code_free (gpointer data)
{
  CuCode *c = data;

  g_strfreev (c->scopes);
  g_free (c->redirect_uri);
  g_free (c);
}

static gint
find_delegate (const char *email)
{
  guint i;

  if (email == NULL)
    return -1;
  for (i = 0; i < CU_N_DELEGATES; i++)
    if (g_ascii_strcasecmp (delegate_specs[i].email, email) == 0)
      return (gint) i;
  return -1;
}

static gint
find_event (const char *id)
{
  guint i;

  for (i = 0; id != NULL && i < CU_N_EVENTS; i++)
    if (g_str_equal (event_specs[i].id, id))
      return (gint) i;
  return -1;
}

static char *
random_token (void)
{
  GString *s = g_string_sized_new (40);
  guint i;

  for (i = 0; i < 40; i++)
    g_string_append_c (s, "0123456789abcdef"[g_random_int_range (0, 16)]);
  return g_string_free (s, FALSE);
}

/* The scopes of a scope text, comma- or space-joined; NULL when one is not
 * a scope of this site (event-42, event-43, org-19) or there is none. */
static char **
parse_scopes (const char *text)
{
  g_auto (GStrv) parts = NULL;
  GPtrArray *scopes;
  guint i;

  if (text == NULL)
    return NULL;
  parts = g_strsplit_set (text, ", ", -1);
  scopes = g_ptr_array_new_with_free_func (g_free);
  for (i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];

      if (*part == '\0')
        continue;
      if (!(g_str_has_prefix (part, "event-") && find_event (part + 6) >= 0) &&
          !g_str_equal (part, "org-" CU_ORGANISATION))
        {
          g_ptr_array_unref (scopes);
          return NULL;
        }
      g_ptr_array_add (scopes, g_strdup (part));
    }
  if (scopes->len == 0)
    {
      g_ptr_array_unref (scopes);
      return NULL;
    }
  g_ptr_array_add (scopes, NULL);
  return (char **) g_ptr_array_free (scopes, FALSE);
}

static CuToken *
mint_token (CuState *st, guint delegate, char **scopes, gint64 lifetime)
{
  CuToken *t = g_new0 (CuToken, 1);

  t->delegate = delegate;
  t->scopes = g_strdupv (scopes);
  t->access_token = random_token ();
  t->refresh_token = random_token ();
  t->expires_at = emu_now_unix () + lifetime;
  g_hash_table_insert (st->tokens, t->access_token, t);
  g_hash_table_insert (st->refresh, t->refresh_token, t);
  st->tokens_issued++;
  return t;
}

/* ---------------------------------------------------------------------- */
/* Answers                                                                */
/* ---------------------------------------------------------------------- */

static void
respond_oauth_error (EmuRequest *req, guint status, const char *error, const char *description)
{
  GString *s = g_string_new ("{\"error\":");

  emu_json_string (s, error);
  if (description != NULL)
    {
      g_string_append (s, ",\"error_description\":");
      emu_json_string (s, description);
    }
  g_string_append (s, "}");
  emu_request_respond_json (req, status, s);
}

static void
respond_html (EmuRequest *req, guint status, const char *title, const char *text)
{
  GString *s = g_string_new ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");

  emu_html_escape (s, title);
  g_string_append (s, "</title></head><body><h1>");
  emu_html_escape (s, title);
  g_string_append (s, "</h1><p>");
  emu_html_escape (s, text);
  g_string_append (s, "</p></body></html>\n");
  emu_request_respond (req, status, "text/html; charset=utf-8", s);
}

/* Only loopback redirects, as a desktop app's (RFC 8252). */
static gboolean
redirect_uri_ok (const char *uri)
{
  g_autoptr (GUri) parsed = NULL;
  const char *host;

  if (uri == NULL || *uri == '\0')
    return FALSE;
  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL || g_strcmp0 (g_uri_get_scheme (parsed), "http") != 0)
    return FALSE;
  host = g_uri_get_host (parsed);
  return host != NULL && (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "localhost") ||
                          g_str_equal (host, "::1") || g_str_equal (host, "[::1]"));
}

static void
append_param (GString *s, const char *name, const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (s, strchr (s->str, '?') ? '&' : '?');
  g_string_append (s, name);
  g_string_append_c (s, '=');
  g_string_append (s, escaped);
}

static void issue_code (CuState *st, EmuRequest *req, CuMode mode, gint delegate,
                        GStrv scopes, const char *redirect_uri, const char *state);
static void respond_login_form (EmuRequest *req, const char *message);

/* The delegate of the site session in the request's cookie, or -1. */
static gint
session_delegate (CuState *st, EmuRequest *req)
{
  const char *cookie = emu_request_header (req, "Cookie");
  g_auto (GStrv) parts = NULL;

  if (cookie == NULL)
    return -1;
  parts = g_strsplit (cookie, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (g_str_has_prefix (part, CU_SESSION_COOKIE "="))
        {
          gpointer value = g_hash_table_lookup (st->site_sessions, part + strlen (CU_SESSION_COOKIE "="));
          if (value != NULL)
            return GPOINTER_TO_INT (value) - 1;
        }
    }
  return -1;
}

/* GET api/authorize?response_type=code&client_id&redirect_uri&state&scope[&prompt=login] */
static void
handle_authorize (CuState *st, EmuRequest *req)
{
  const char *client_id = emu_request_param (req, "client_id");
  const char *redirect_uri = emu_request_param (req, "redirect_uri");
  const char *state = emu_request_param (req, "state");
  const char *response_type = emu_request_param (req, "response_type");
  const char *hint = emu_request_param (req, "login_hint");
  g_auto (GStrv) scopes = NULL;
  g_autoptr (GString) location = NULL;
  CuMode mode = st->next_mode;
  gint delegate = st->next_delegate;

  if (!emu_request_method_is (req, "GET"))
    {
      emu_request_add_header (req, "Allow", "GET");
      respond_html (req, 405, "Method not allowed", "Use GET.");
      return;
    }
  if (g_strcmp0 (client_id, CU_CLIENT_ID) != 0)
    {
      respond_html (req, 400, "Invalid client", "The client id is not registered with this site.");
      return;
    }
  if (!redirect_uri_ok (redirect_uri))
    {
      respond_html (req, 400, "Invalid redirect", "The redirect URI does not match the client's.");
      return;
    }
  if ((scopes = parse_scopes (emu_request_param (req, "scope"))) == NULL)
    {
      respond_html (req, 400, "Invalid scope", "The requested scope is invalid, unknown, or malformed.");
      return;
    }
  if (delegate < 0 && hint != NULL && *hint != '\0' && (delegate = find_delegate (hint)) < 0)
    {
      respond_html (req, 400, "Unknown user", "No delegate has this e-mail address.");
      return;
    }
  /* prompt=login: the site asks for the password, even over an open session. */
  if (g_strcmp0 (emu_request_param (req, "prompt"), "login") == 0 && mode == MODE_OK)
    {
      respond_login_form (req, NULL);
      return;
    }
  if (delegate < 0)
    delegate = session_delegate (st, req);
  if (delegate < 0)
    delegate = 0;

  /* The next authorize is the default again. */
  st->next_mode = MODE_OK;
  st->next_delegate = -1;
  st->authorizations++;

  location = g_string_new (redirect_uri);
  if (g_strcmp0 (response_type, "code") != 0)
    {
      append_param (location, "error", "unsupported_response_type");
      append_param (location, "error_description", "The response type is not supported.");
      if (state != NULL)
        append_param (location, "state", state);
      emu_request_add_header (req, "Location", location->str);
      emu_request_respond_text (req, 302, "text/html", "");
      return;
    }

  switch (mode)
    {
    case MODE_NONE:
      respond_html (req, 200, "Sign in to Currinda", "Enter your e-mail address and password.");
      return;
    case MODE_DENY:
      append_param (location, "error", "access_denied");
      append_param (location, "error_description", "The user denied access to your application");
      if (state != NULL)
        append_param (location, "state", state);
      emu_request_add_header (req, "Location", location->str);
      emu_request_respond_text (req, 302, "text/html", "");
      return;
    default:
      break;
    }

  issue_code (st, req, mode, delegate, g_steal_pointer (&scopes), redirect_uri, state);
}

/* A code for @delegate, delivered to the redirect as @mode says. */
static void
issue_code (CuState *st, EmuRequest *req, CuMode mode, gint delegate, GStrv scopes,
            const char *redirect_uri, const char *state)
{
  g_autoptr (GString) location = g_string_new (redirect_uri);
  g_autofree char *code = NULL;
  CuCode *c;

  code = random_token ();
  c = g_new0 (CuCode, 1);
  c->delegate = (guint) delegate;
  c->scopes = scopes;
  c->redirect_uri = g_strdup (redirect_uri);
  c->created = emu_now_unix ();
  g_hash_table_insert (st->codes, g_strdup (code), c);
  st->signed_in = delegate;

  if (mode == MODE_POST)
    {
      GString *s = g_string_new ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Currinda</title></head>"
                                 "<body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"");

      emu_html_escape (s, redirect_uri);
      g_string_append (s, "\"><input type=\"hidden\" name=\"code\" value=\"");
      emu_html_escape (s, code);
      g_string_append (s, "\">");
      if (state != NULL)
        {
          g_string_append (s, "<input type=\"hidden\" name=\"state\" value=\"");
          emu_html_escape (s, state);
          g_string_append (s, "\">");
        }
      g_string_append (s, "<noscript><button type=\"submit\">Continue</button></noscript></form></body></html>\n");
      emu_request_respond (req, 200, "text/html; charset=utf-8", s);
      return;
    }

  append_param (location, "code", code);
  if (mode == MODE_WRONG_STATE)
    {
      g_autofree char *wrong = g_strconcat (state ? state : "", "-tampered", NULL);
      append_param (location, "state", wrong);
    }
  else if (state != NULL)
    append_param (location, "state", state);
  emu_request_add_header (req, "Location", location->str);
  emu_request_respond_text (req, 302, "text/html", "");
}

static void
respond_token (EmuRequest *req, CuToken *t)
{
  GString *s = g_string_new ("{\"access_token\":");

  emu_json_string (s, t->access_token);
  g_string_append_printf (s, ",\"expires_in\":%d,\"token_type\":\"Bearer\",\"refresh_token\":",
                          CU_TOKEN_LIFETIME);
  emu_json_string (s, t->refresh_token);
  g_string_append (s, "}");
  emu_request_add_header (req, "Cache-Control", "no-store");
  emu_request_respond_json (req, 200, s);
}

/* The client's id and secret: from the form, or HTTP Basic. */
static gboolean
client_ok (EmuRequest *req, GHashTable *form)
{
  const char *id = g_hash_table_lookup (form, "client_id");
  const char *secret = g_hash_table_lookup (form, "client_secret");
  const char *auth = emu_request_header (req, "Authorization");
  g_autofree char *basic = NULL;

  if ((id == NULL || secret == NULL) && auth != NULL && g_ascii_strncasecmp (auth, "Basic ", 6) == 0)
    {
      gsize len = 0;
      guchar *decoded = g_base64_decode (auth + 6, &len);
      char *colon;

      basic = g_strndup ((const char *) decoded, len);
      g_free (decoded);
      if ((colon = strchr (basic, ':')) != NULL)
        {
          *colon = '\0';
          id = basic;
          secret = colon + 1;
        }
    }
  return g_strcmp0 (id, CU_CLIENT_ID) == 0 && g_strcmp0 (secret, CU_CLIENT_SECRET) == 0;
}

/* POST api/token (form) */
static void
handle_token (CuState *st, EmuRequest *req)
{
  g_autofree char *body = NULL;
  g_autoptr (GHashTable) form = NULL;
  const char *grant;

  if (!g_str_equal (req->method, "POST"))
    {
      emu_request_add_header (req, "Allow", "POST");
      respond_oauth_error (req, 405, "invalid_request", "The request method must be POST when requesting an access token");
      return;
    }
  body = g_strndup (req->body ? req->body : "", req->body_len);
  form = emu_query_parse (body);
  grant = g_hash_table_lookup (form, "grant_type");

  if (grant == NULL || *grant == '\0')
    {
      respond_oauth_error (req, 400, "invalid_request", "The grant type was not specified in the request");
      return;
    }
  if (!g_str_equal (grant, "authorization_code") && !g_str_equal (grant, "refresh_token"))
    {
      respond_oauth_error (req, 400, "unsupported_grant_type", "Grant type not supported");
      return;
    }
  if (!client_ok (req, form))
    {
      respond_oauth_error (req, 401, "invalid_client", "The client credentials are invalid");
      return;
    }

  if (g_str_equal (grant, "authorization_code"))
    {
      const char *code = g_hash_table_lookup (form, "code");
      const char *redirect_uri = g_hash_table_lookup (form, "redirect_uri");
      CuCode *c = code ? g_hash_table_lookup (st->codes, code) : NULL;

      if (c == NULL || c->used || emu_now_unix () - c->created > CU_CODE_LIFETIME)
        {
          respond_oauth_error (req, 400, "invalid_grant", "Authorization code doesn't exist or is invalid for the client");
          return;
        }
      if (g_strcmp0 (redirect_uri, c->redirect_uri) != 0)
        {
          respond_oauth_error (req, 400, "invalid_grant", "The redirect URI is missing or do not match");
          return;
        }
      c->used = TRUE;
      respond_token (req, mint_token (st, c->delegate, c->scopes, CU_TOKEN_LIFETIME));
      return;
    }

  {
    const char *refresh = g_hash_table_lookup (form, "refresh_token");
    CuToken *old = refresh ? g_hash_table_lookup (st->refresh, refresh) : NULL;
    CuToken *t;

    if (old == NULL || old->revoked)
      {
        respond_oauth_error (req, 400, "invalid_grant", "Invalid refresh token");
        return;
      }
    /* The refresh token is used up; the old access token lives on until it expires. */
    g_hash_table_remove (st->refresh, refresh);
    g_clear_pointer (&old->refresh_token, g_free);
    t = mint_token (st, old->delegate, old->scopes, CU_TOKEN_LIFETIME);
    st->refreshes++;
    respond_token (req, t);
  }
}

/* The bearer's token, or an answer (401) and NULL. */
static CuToken *
authenticate (CuState *st, EmuRequest *req)
{
  const char *auth = emu_request_header (req, "Authorization");
  const char *value = NULL;
  CuToken *t;

  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    value = auth + 7;
  else
    value = emu_request_param (req, "access_token");

  t = value != NULL && *value != '\0' ? g_hash_table_lookup (st->tokens, value) : NULL;
  if (t == NULL || t->revoked)
    {
      emu_request_add_header (req, "WWW-Authenticate", "Bearer realm=\"Service\", error=\"invalid_token\"");
      respond_oauth_error (req, 401, "invalid_token", value ? "The access token provided is invalid" : NULL);
      return NULL;
    }
  if (emu_now_unix () >= t->expires_at)
    {
      emu_request_add_header (req, "WWW-Authenticate", "Bearer realm=\"Service\", error=\"invalid_token\"");
      respond_oauth_error (req, 401, "invalid_token", "The access token provided has expired");
      return NULL;
    }
  return t;
}

static void
append_pair (GString *s, const char *key, const char *value, gboolean comma)
{
  if (comma)
    g_string_append_c (s, ',');
  emu_json_string (s, key);
  g_string_append_c (s, ':');
  if (value == NULL)
    g_string_append (s, "null");
  else
    emu_json_string (s, value);
}

static void
append_extras (GString *s, const char *question, const char *answer)
{
  g_string_append (s, "[");
  if (question != NULL)
    {
      g_string_append (s, "{");
      append_pair (s, "Question", question, FALSE);
      append_pair (s, "Answer", answer, TRUE);
      g_string_append (s, "}");
    }
  g_string_append (s, "]");
}

/* GET api/event/{id}: the layout of the API text's example. */
static void
respond_registration (CuState *st, EmuRequest *req, guint delegate, guint event)
{
  const CuDelegateSpec *spec = &delegate_specs[delegate];
  const CuRegistrationSpec *r = &spec->registrations[event];
  CuDelegate *d = &st->delegates[delegate];
  GString *s;
  guint i;

  if (!d->registered[event])
    {
      respond_oauth_error (req, 404, "No registration", NULL);
      return;
    }

  s = g_string_new ("{");
  append_pair (s, "FirstName", d->first_name, FALSE);
  append_pair (s, "LastName", d->last_name, TRUE);
  append_pair (s, "Nametag", d->nametag, TRUE);
  g_string_append (s, ",\"Registration\": {");
  append_pair (s, "ID", r->reg_id ? r->reg_id : "1", FALSE);
  append_pair (s, "Name", r->reg_name ? r->reg_name : "Registration", TRUE);
  append_pair (s, "Cost", r->cost ? r->cost : "0.00", TRUE);
  append_pair (s, "Description", r->description ? r->description : "", TRUE);
  g_string_append (s, ",\"Extras\": ");
  append_extras (s, r->question, r->answer);
  g_string_append (s, "}");
  append_pair (s, "Outstanding", d->outstanding[event], TRUE);
  append_pair (s, "Currency", CU_CURRENCY, TRUE);
  g_string_append (s, ",\"Addons\": [");
  for (i = 0; i < r->n_addons; i++)
    {
      const CuAddonSpec *a = &r->addons[i];

      g_string_append (s, i > 0 ? ",{" : "{");
      append_pair (s, "Quantity", a->quantity, FALSE);
      g_string_append (s, ",\"Addon\": {");
      append_pair (s, "ID", a->id, FALSE);
      append_pair (s, "Name", a->name, TRUE);
      append_pair (s, "Description", a->description, TRUE);
      append_pair (s, "Cost", a->cost, TRUE);
      g_string_append (s, "},\"Extras\": []}");
    }
  g_string_append (s, "],\"Extras\": ");
  append_extras (s, r->question, r->answer);
  g_string_append (s, "}\n");
  emu_request_respond_json (req, 200, s);
}

static void
append_address (GString *s, const char *name, const char *address, gboolean trailing_comma)
{
  g_string_append_printf (s, ",\"%s\": {", name);
  append_pair (s, "Address", address, FALSE);
  append_pair (s, "Suburb", "Test Park", TRUE);
  append_pair (s, "Postcode", "", TRUE);
  append_pair (s, "State", "VIC", TRUE);
  append_pair (s, "Country", "Australia", TRUE);
  g_string_append (s, trailing_comma ? ",}" : "}");
}

/* A JSON string with every "/" written "\/", as PHP's json_encode() does. */
static void
append_escaped_slashes (GString *s, const char *text)
{
  g_autoptr (GString) plain = g_string_new (NULL);
  const char *p;

  emu_json_string (plain, text);
  for (p = plain->str; *p != '\0'; p++)
    {
      if (*p == '/')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
}

/* GET api/organisation/{id}: the layout of the API text's example (with its
 * trailing commas when the quirk is on). */
static void
respond_membership (CuState *st, EmuRequest *req, guint delegate, const char *site)
{
  const CuDelegateSpec *spec = &delegate_specs[delegate];
  CuDelegate *d = &st->delegates[delegate];
  GString *s;

  if (!d->member)
    {
      respond_oauth_error (req, 404, "No membership", NULL);
      return;
    }

  s = g_string_new ("{");
  append_pair (s, "FirstName", d->first_name, FALSE);
  append_pair (s, "LastName", d->last_name, TRUE);
  append_pair (s, "Title", spec->title, TRUE);
  append_pair (s, "Email", spec->email, TRUE);
  append_pair (s, "Organisation", CU_ORGANISATION_NAME, TRUE);
  append_address (s, "Address", NULL, st->trailing_commas);
  append_address (s, "MailingAddress", "whatever St", st->trailing_commas);
  append_pair (s, "Phone", "22423423423", TRUE);
  append_pair (s, "WorkPhone", "23423423423", TRUE);
  append_pair (s, "Mobile", "", TRUE);
  g_string_append (s, ",\"Membership\": {");
  append_pair (s, "ID", spec->membership_id, FALSE);
  append_pair (s, "MembershipNumber", spec->membership_number, TRUE);
  append_pair (s, "ExpiryDate", spec->expiry, TRUE);
  append_pair (s, "JoiningDate", spec->joined, TRUE);
  append_pair (s, "Status", d->status, TRUE);
  append_pair (s, "Chapter", NULL, TRUE);
  g_string_append (s, ",\"MembershipType\": {");
  append_pair (s, "ID", spec->type_id, FALSE);
  append_pair (s, "Type", spec->type, TRUE);
  append_pair (s, "Cost", spec->type_cost, TRUE);
  append_pair (s, "Description", "", TRUE);
  g_string_append (s, ",\"Student\": ");
  g_string_append (s, g_str_has_prefix (spec->type, "Student") ? "1" : "0");
  g_string_append (s, ",\"Extras\": [{\"ID\":\"98\",\"Question\":\"Special interest group?\",\"Answer\":\"Rural health\"}]}");
  append_pair (s, "AmountOutstanding", d->amount_outstanding, TRUE);
  g_string_append (s, ",\"Addons\":[],\"Extras\":[]");
  g_string_append_printf (s, ",\"Expired\":%s,\"Checked\":%s}",
                          spec->expired ? "true" : "false",
                          g_str_equal (d->status ? d->status : "", "unapproved") ? "false" : "true");
  append_pair (s, "Currency", CU_CURRENCY, TRUE);
  {
    /* The API text escapes its slashes: "http:\/\/…". */
    g_autofree char *invoice = g_strconcat (site, "/organisations/invoice", NULL);
    g_autofree char *payment = g_strconcat (site, "/organisations/payment", NULL);

    g_string_append (s, ",\"InvoiceURL\":");
    append_escaped_slashes (s, invoice);
    g_string_append (s, ",\"PaymentURL\":");
    append_escaped_slashes (s, payment);
  }
  g_string_append (s, ",\"Committee\": {\"Chapter\": null,\"Financial\": true}}\n");
  emu_request_respond_json (req, 200, s);
}

static gboolean
token_has_scope (const CuToken *t, const char *scope)
{
  return g_strv_contains ((const char *const *) t->scopes, scope);
}

/* The site's address as the client sees it: http://HOST/currinda. */
static char *
site_url (EmuRequest *req)
{
  const char *host = emu_request_header (req, "Host");

  return g_strdup_printf ("http://%s" CU_PREFIX, host ? host : "127.0.0.1");
}

static void
handle_data (CuState *st, EmuRequest *req, gboolean organisation, const char *id)
{
  g_autofree char *scope = NULL;
  CuToken *t;

  if (!emu_request_method_is (req, "GET"))
    {
      emu_request_add_header (req, "Allow", "GET");
      respond_oauth_error (req, 405, "Method not allowed", NULL);
      return;
    }
  if ((t = authenticate (st, req)) == NULL)
    return;
  scope = g_strconcat (organisation ? "org-" : "event-", id, NULL);
  if (!token_has_scope (t, scope))
    {
      respond_oauth_error (req, 403, "insufficient_scope",
                           "The request requires higher privileges than provided by the access token");
      return;
    }
  if (organisation)
    {
      g_autofree char *site = site_url (req);
      respond_membership (st, req, t->delegate, site);
    }
  else
    respond_registration (st, req, t->delegate, (guint) find_event (id));
}

/* The site's own sign-in page, as prompt=login shows it: the authorize request rides
 * along in hidden fields. */
static void
respond_login_form (EmuRequest *req, const char *message)
{
  const char *carried[] = { "client_id", "redirect_uri", "state", "scope", "response_type" };
  GString *s = g_string_new ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                             "<title>Sign in to Currinda</title></head><body>"
                             "<h1>Sign in to Currinda</h1>");

  if (message != NULL)
    {
      g_string_append (s, "<p id=\"message\" role=\"alert\">");
      emu_html_escape (s, message);
      g_string_append (s, "</p>");
    }
  g_string_append (s, "<form method=\"post\" action=\"" CU_PREFIX "/login\">");
  for (guint i = 0; i < G_N_ELEMENTS (carried); i++)
    {
      const char *value = emu_request_param (req, carried[i]);

      if (value == NULL)
        continue;
      g_string_append_printf (s, "<input type=\"hidden\" name=\"%s\" value=\"", carried[i]);
      emu_html_escape (s, value);
      g_string_append (s, "\">");
    }
  g_string_append (s, "<label>E-mail <input id=\"email\" name=\"email\" type=\"email\"></label>"
                      "<label>Password <input id=\"password\" name=\"password\" type=\"password\"></label>"
                      "<button id=\"sign-in\" type=\"submit\">Sign in</button></form></body></html>\n");
  emu_request_respond (req, 200, "text/html; charset=utf-8", s);
}

/* POST login (form): the e-mail and password of a delegate, then the code as the
 * authorize request asked, and a site session in a cookie. */
static void
handle_login (CuState *st, EmuRequest *req)
{
  g_autofree char *body = NULL;
  g_autoptr (GHashTable) form = NULL;
  g_auto (GStrv) scopes = NULL;
  g_autofree char *session = NULL;
  g_autofree char *cookie = NULL;
  const char *redirect_uri;
  gint delegate;

  if (!g_str_equal (req->method, "POST"))
    {
      emu_request_add_header (req, "Allow", "POST");
      respond_html (req, 405, "Method not allowed", "Use POST.");
      return;
    }
  body = g_strndup (req->body ? req->body : "", req->body_len);
  form = emu_query_parse (body);
  /* The hidden fields stand in for the query of the page that showed the form. */
  g_hash_table_remove_all (req->params);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, form);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (!g_str_equal (key, "password"))
        g_hash_table_replace (req->params, g_strdup (key), g_strdup (value));
  }
  redirect_uri = emu_request_param (req, "redirect_uri");
  if (g_strcmp0 (emu_request_param (req, "client_id"), CU_CLIENT_ID) != 0 ||
      !redirect_uri_ok (redirect_uri) ||
      (scopes = parse_scopes (emu_request_param (req, "scope"))) == NULL)
    {
      respond_html (req, 400, "Invalid request", "The sign-in request is invalid.");
      return;
    }
  delegate = find_delegate (g_hash_table_lookup (form, "email"));
  if (delegate < 0 || g_strcmp0 (g_hash_table_lookup (form, "password"), CU_PASSWORD) != 0)
    {
      st->failed_logins++;
      respond_login_form (req, "The e-mail address or password is not right.");
      return;
    }

  st->logins++;
  st->authorizations++;
  session = random_token ();
  g_hash_table_replace (st->site_sessions, g_strdup (session), GINT_TO_POINTER (delegate + 1));
  cookie = g_strdup_printf (CU_SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Lax", session);
  emu_request_add_header (req, "Set-Cookie", cookie);
  issue_code (st, req, MODE_OK, delegate, g_steal_pointer (&scopes), redirect_uri,
              emu_request_param (req, "state"));
}

/* GET logout?redirect=URL */
static void
handle_logout (CuState *st, EmuRequest *req)
{
  const char *redirect = emu_request_param (req, "redirect");

  const char *cookie = emu_request_header (req, "Cookie");

  st->logouts++;
  st->signed_in = -1;
  /* The session of the browser that comes here ends, and so does its cookie. */
  if (cookie != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (cookie, ";", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          const char *part = g_strstrip (parts[i]);

          if (g_str_has_prefix (part, CU_SESSION_COOKIE "="))
            g_hash_table_remove (st->site_sessions, part + strlen (CU_SESSION_COOKIE "="));
        }
    }
  emu_request_add_header (req, "Set-Cookie", CU_SESSION_COOKIE "=; Path=/; Max-Age=0; HttpOnly");
  g_free (st->last_redirect);
  st->last_redirect = g_strdup (redirect);
  if (redirect == NULL || *redirect == '\0')
    {
      respond_html (req, 200, "Signed out", "You have been signed out of Currinda.");
      return;
    }
  emu_request_add_header (req, "Location", redirect);
  emu_request_respond_text (req, 302, "text/html", "");
}

static void
currinda_handle (EmuProvider *self, EmuRequest *req)
{
  CuState *st = self->state;
  char **seg = req->segments;
  guint n = req->n_segments;

  if (n == 1 && g_str_equal (seg[0], "logout"))
    handle_logout (st, req);
  else if (n == 1 && g_str_equal (seg[0], "login"))
    handle_login (st, req);
  else if (n == 2 && g_str_equal (seg[0], "api") && g_str_equal (seg[1], "authorize"))
    handle_authorize (st, req);
  else if (n == 2 && g_str_equal (seg[0], "api") && g_str_equal (seg[1], "token"))
    handle_token (st, req);
  else if (n == 3 && g_str_equal (seg[0], "api") && g_str_equal (seg[1], "event"))
    handle_data (st, req, FALSE, seg[2]);
  else if (n == 3 && g_str_equal (seg[0], "api") && g_str_equal (seg[1], "organisation"))
    handle_data (st, req, TRUE, seg[2]);
  else
    respond_html (req, 404, "Page not found", "The page you are looking for does not exist.");
}

static void
currinda_too_many_requests (EmuProvider *self, EmuRequest *req, guint retry_after)
{
  char value[16];

  g_snprintf (value, sizeof value, "%u", retry_after);
  emu_request_add_header (req, "Retry-After", value);
  respond_oauth_error (req, 429, "Too many requests", NULL);
}

/* ---------------------------------------------------------------------- */
/* Control endpoints                                                      */
/* ---------------------------------------------------------------------- */

static void
control_error (EmuRequest *req, guint status, const char *message)
{
  GString *s = g_string_new ("{\"ok\":false,\"error\":");

  emu_json_string (s, message);
  g_string_append_c (s, '}');
  emu_request_respond_json (req, status, s);
}

static JsonNode *
control_body (EmuRequest *req, JsonObject **obj)
{
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  if (!g_str_equal (req->method, "POST"))
    {
      control_error (req, 405, "use POST");
      return NULL;
    }
  root = emu_request_parse_json (req, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      control_error (req, 400, error ? error->message : "body must be a JSON object");
      g_clear_pointer (&root, json_node_unref);
      return NULL;
    }
  *obj = json_node_get_object (root);
  return root;
}

/* The delegate named by "delegate" (an e-mail); the default (first) when
 * absent.  Answers 400 for an unknown one. */
static gint
control_delegate (EmuRequest *req, JsonObject *obj)
{
  const char *email = emu_json_get_string (obj, "delegate", NULL, NULL);
  gint index;

  if (email == NULL || *email == '\0')
    return 0;
  if ((index = find_delegate (email)) < 0)
    control_error (req, 400, "unknown delegate");
  return index;
}

/* POST authorize {"mode","delegate"}: the next authorize only. */
static void
control_authorize (CuState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  const char *mode;
  guint i;
  gint delegate = -1;

  if (root == NULL)
    return;
  mode = emu_json_get_string (obj, "mode", NULL, NULL);
  for (i = 0; mode != NULL && i < G_N_ELEMENTS (mode_names); i++)
    if (g_str_equal (mode, mode_names[i]))
      break;
  if (mode != NULL && i == G_N_ELEMENTS (mode_names))
    {
      control_error (req, 400, "mode must be ok, deny, wrong-state, none or post");
      return;
    }
  if (json_object_has_member (obj, "delegate") && (delegate = control_delegate (req, obj)) < 0)
    return;
  st->next_mode = mode ? (CuMode) i : MODE_OK;
  st->next_delegate = delegate;
  emu_request_respond_text (req, 200, "application/json", "{\"ok\":true}");
}

/* POST token {"delegate","scope","expires_in"}: mints a token directly. */
static void
control_token (CuState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  g_auto (GStrv) scopes = NULL;
  gint64 lifetime = CU_TOKEN_LIFETIME;
  gint delegate;
  CuToken *t;
  GString *s;

  if (root == NULL)
    return;
  if ((delegate = control_delegate (req, obj)) < 0)
    return;
  if ((scopes = parse_scopes (emu_json_get_string (obj, "scope", NULL, NULL))) == NULL)
    {
      control_error (req, 400, "scope must be event-42, event-43 and/or org-19");
      return;
    }
  if (json_object_has_member (obj, "expires_in") && !emu_json_get_int (obj, "expires_in", &lifetime))
    {
      control_error (req, 400, "expires_in must be an integer");
      return;
    }
  t = mint_token (st, (guint) delegate, scopes, lifetime);
  s = g_string_new ("{\"access_token\":");
  emu_json_string (s, t->access_token);
  g_string_append (s, ",\"refresh_token\":");
  emu_json_string (s, t->refresh_token);
  g_string_append_printf (s, ",\"expires_in\":%" G_GINT64_FORMAT "}\n", lifetime);
  emu_request_respond_json (req, 200, s);
}

/* The token named by "access_token" (or "token"); answers 404 when unknown. */
static CuToken *
control_find_token (CuState *st, EmuRequest *req, JsonObject *obj)
{
  const char *value = emu_json_get_string (obj, "access_token", NULL, NULL);
  CuToken *t;

  if (value == NULL)
    value = emu_json_get_string (obj, "token", NULL, NULL);
  t = value ? g_hash_table_lookup (st->tokens, value) : NULL;
  if (t == NULL && value != NULL)
    t = g_hash_table_lookup (st->refresh, value);
  if (t == NULL)
    control_error (req, 404, "unknown token");
  return t;
}

/* POST revoke {"access_token"}: the token and its refresh token stop working. */
static void
control_revoke (CuState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  CuToken *t;

  if (root == NULL || (t = control_find_token (st, req, obj)) == NULL)
    return;
  t->revoked = TRUE;
  emu_request_respond_text (req, 200, "application/json", "{\"ok\":true,\"revoked\":true}");
}

/* POST expire {"access_token"}: the token is past its lifetime. */
static void
control_expire (CuState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  CuToken *t;

  if (root == NULL || (t = control_find_token (st, req, obj)) == NULL)
    return;
  t->expires_at = emu_now_unix () - 1;
  emu_request_respond_text (req, 200, "application/json", "{\"ok\":true,\"expired\":true}");
}

static gboolean
set_text (JsonObject *obj, const char *member, char **field)
{
  gboolean present = FALSE, is_null = FALSE;
  const char *value = emu_json_get_string (obj, member, &present, &is_null);

  if (!present || (value == NULL && !is_null))
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* POST delegate {"delegate", "event", "outstanding", "registered", "status",
 * "amount_outstanding", "member", "first_name", "last_name", "nametag"} */
static void
control_delegate_change (CuState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  const char *event_id;
  CuDelegate *d;
  gint delegate, event = 0;

  if (root == NULL || (delegate = control_delegate (req, obj)) < 0)
    return;
  d = &st->delegates[delegate];
  event_id = emu_json_get_string (obj, "event", NULL, NULL);
  if (event_id != NULL && (event = find_event (event_id)) < 0)
    {
      control_error (req, 400, "unknown event");
      return;
    }
  set_text (obj, "outstanding", &d->outstanding[event]);
  set_text (obj, "status", &d->status);
  set_text (obj, "amount_outstanding", &d->amount_outstanding);
  set_text (obj, "first_name", &d->first_name);
  set_text (obj, "last_name", &d->last_name);
  set_text (obj, "nametag", &d->nametag);
  if (json_object_has_member (obj, "registered"))
    d->registered[event] = json_object_get_boolean_member_with_default (obj, "registered", FALSE);
  if (json_object_has_member (obj, "member"))
    d->member = json_object_get_boolean_member_with_default (obj, "member", FALSE);
  emu_request_respond_text (req, 200, "application/json", "{\"ok\":true}");
}

/* POST quirks {"trailing_commas":bool} */
static void
control_quirks (CuState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  GString *s;

  if (root == NULL)
    return;
  if (json_object_has_member (obj, "trailing_commas"))
    st->trailing_commas = json_object_get_boolean_member_with_default (obj, "trailing_commas", FALSE);
  s = g_string_new (NULL);
  g_string_printf (s, "{\"trailing_commas\":%s}\n", st->trailing_commas ? "true" : "false");
  emu_request_respond_json (req, 200, s);
}

/* GET sessions */
static void
control_sessions (CuState *st, EmuRequest *req)
{
  GString *s = g_string_new (NULL);
  GHashTableIter iter;
  gpointer value;
  guint active = 0;
  gint64 now = emu_now_unix ();

  g_hash_table_iter_init (&iter, st->tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CuToken *t = value;
      active += !t->revoked && now < t->expires_at;
    }
  g_string_printf (s, "{\"logouts\":%u,\"last_redirect\":", st->logouts);
  emu_json_string (s, st->last_redirect);
  g_string_append (s, ",\"signed_in\":");
  emu_json_string (s, st->signed_in >= 0 ? delegate_specs[st->signed_in].email : NULL);
  g_string_append_printf (s, ",\"authorizations\":%u,\"tokens_issued\":%u,\"refreshes\":%u,\"active_tokens\":%u,"
                          "\"site_sessions\":%u,\"logins\":%u,\"failed_logins\":%u}\n",
                          st->authorizations, st->tokens_issued, st->refreshes, active,
                          g_hash_table_size (st->site_sessions), st->logins, st->failed_logins);
  emu_request_respond_json (req, 200, s);
}

/* POST reset: the delegates' data, the quirks, the next authorize and the
 * session counters back to the start.  Tokens are kept. */
static void
control_reset (CuState *st, EmuRequest *req)
{
  if (!g_str_equal (req->method, "POST"))
    {
      control_error (req, 405, "use POST");
      return;
    }
  delegates_reset (st);
  st->trailing_commas = FALSE;
  st->next_mode = MODE_OK;
  st->next_delegate = -1;
  st->logouts = 0;
  g_clear_pointer (&st->last_redirect, g_free);
  st->signed_in = -1;
  g_hash_table_remove_all (st->site_sessions);
  st->logins = 0;
  st->failed_logins = 0;
  emu_request_respond_text (req, 200, "application/json", "{\"ok\":true}");
}

/* Only the /_control/currinda/ACTION form. */
static gboolean
currinda_control (EmuProvider *self, EmuRequest *req, const char *action)
{
  CuState *st = self->state;

  if (req->n_segments < 3 || !g_str_equal (req->segments[1], self->name))
    return FALSE;
  if (g_str_equal (action, "authorize"))
    control_authorize (st, req);
  else if (g_str_equal (action, "token"))
    control_token (st, req);
  else if (g_str_equal (action, "revoke"))
    control_revoke (st, req);
  else if (g_str_equal (action, "expire"))
    control_expire (st, req);
  else if (g_str_equal (action, "delegate"))
    control_delegate_change (st, req);
  else if (g_str_equal (action, "quirks"))
    control_quirks (st, req);
  else if (g_str_equal (action, "sessions"))
    control_sessions (st, req);
  else if (g_str_equal (action, "reset"))
    control_reset (st, req);
  else
    return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Construction                                                           */
/* ---------------------------------------------------------------------- */

static void
currinda_state_free (gpointer data)
{
  CuState *st = data;
  guint i;

  for (i = 0; i < CU_N_DELEGATES; i++)
    delegate_clear (&st->delegates[i]);
  g_hash_table_unref (st->refresh);
  g_hash_table_unref (st->tokens);
  g_hash_table_unref (st->codes);
  g_hash_table_unref (st->site_sessions);
  g_free (st->last_redirect);
  g_free (st);
}

EmuProvider *
emu_currinda_provider_new (const EmuOptions *options)
{
  EmuProvider *p = g_new0 (EmuProvider, 1);
  CuState *st = g_new0 (CuState, 1);

  st->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, token_free);
  st->refresh = g_hash_table_new (g_str_hash, g_str_equal);
  st->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, code_free);
  st->site_sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  st->next_delegate = -1;
  st->signed_in = -1;
  delegates_reset (st);

  p->name = "currinda";
  p->prefix = CU_PREFIX;
  p->state = st;
  p->handle = currinda_handle;
  p->too_many_requests = currinda_too_many_requests;
  p->control = currinda_control;
  p->free_state = currinda_state_free;
  return p;
}
