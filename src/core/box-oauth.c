/* box-oauth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-oauth"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <errno.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sys/random.h>

#include "box-error.h"
#include "box-http.h"
#include "box-oauth.h"

BoxOAuthEndpoints *
box_oauth_endpoints_new (const char *authorize_url,
                         const char *token_url,
                         const char *client_id,
                         const char *client_secret,
                         const char *scope)
{
  BoxOAuthEndpoints *e = g_new0 (BoxOAuthEndpoints, 1);

  e->authorize_url = g_strdup (authorize_url);
  e->token_url = g_strdup (token_url);
  e->client_id = g_strdup (client_id);
  e->client_secret = g_strdup (client_secret);
  e->scope = g_strdup (scope);
  return e;
}

void
box_oauth_endpoints_free (BoxOAuthEndpoints *endpoints)
{
  if (endpoints == NULL)
    return;
  g_free (endpoints->authorize_url);
  g_free (endpoints->token_url);
  g_free (endpoints->client_id);
  if (endpoints->client_secret != NULL)
    memset (endpoints->client_secret, 0, strlen (endpoints->client_secret));
  g_free (endpoints->client_secret);
  g_free (endpoints->scope);
  g_free (endpoints->prompt);
  g_free (endpoints);
}

/* One authorization-code flow for a desktop app (RFC 8252): the browser goes to the
 * provider's authorize page with a redirect to a listener on 127.0.0.1 at a random
 * port; the one redirect that comes back with our random state brings the code, which
 * is exchanged for a token. The listener answers nothing but that redirect, and closes
 * on success, error, cancel or time-out. */

#define CALLBACK_PATH "/oauth/callback"
#define STATE_BYTES   24

struct _BoxOAuth
{
  GObject            parent_instance;

  char              *label;
  BoxOAuthEndpoints *endpoints;
  guint              timeout;

  SoupServer        *server;
  char              *redirect_uri;
  char              *state;
  GTask             *task;          /* the flow while it waits for the redirect */
  gboolean           answering;     /* the redirect's page is on its way to the browser */
  gboolean           code_taken;
  guint              timeout_id;
  gulong             cancelled_id;
  BoxHttp           *token_http;
};

G_DEFINE_FINAL_TYPE (BoxOAuth, box_oauth, G_TYPE_OBJECT)

enum
{
  OPEN_URI,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
stop_listening (BoxOAuth *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->task != NULL && self->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (self->task), self->cancelled_id);
  self->cancelled_id = 0;
  /* After a redirect, the listener closes once its page has been sent. */
  if (self->server != NULL && !self->answering)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

static void
box_oauth_dispose (GObject *object)
{
  BoxOAuth *self = BOX_OAUTH (object);

  self->answering = FALSE;
  stop_listening (self);
  g_clear_object (&self->token_http);
  G_OBJECT_CLASS (box_oauth_parent_class)->dispose (object);
}

static void
box_oauth_finalize (GObject *object)
{
  BoxOAuth *self = BOX_OAUTH (object);

  g_clear_pointer (&self->endpoints, box_oauth_endpoints_free);
  g_free (self->label);
  g_free (self->redirect_uri);
  g_free (self->state);
  G_OBJECT_CLASS (box_oauth_parent_class)->finalize (object);
}

static gboolean
box_oauth_real_open_uri (BoxOAuth   *self,
                         const char *uri)
{
  return FALSE;
}

static void
box_oauth_class_init (BoxOAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = box_oauth_dispose;
  object_class->finalize = box_oauth_finalize;

  /**
   * BoxOAuth::open-uri:
   * @uri: the provider's authorize page, with the request in its query
   *
   * Emitted once the listener waits: a handler that shows @uri itself (a window that
   * calls the portal, a command that prints it) returns %TRUE. Otherwise the default
   * browser is opened with g_app_info_launch_default_for_uri().
   */
  signals[OPEN_URI] = g_signal_new_class_handler ("open-uri",
                                                  G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST,
                                                  G_CALLBACK (box_oauth_real_open_uri),
                                                  g_signal_accumulator_true_handled, NULL,
                                                  NULL,
                                                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
}

static void
box_oauth_init (BoxOAuth *self)
{
  self->timeout = BOX_OAUTH_DEFAULT_TIMEOUT;
}

/**
 * box_oauth_new:
 * @label: the provider's name, for messages ("Floktu")
 * @endpoints: where the flow goes (copied)
 */
BoxOAuth *
box_oauth_new (const char              *label,
               const BoxOAuthEndpoints *endpoints)
{
  BoxOAuth *self;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (endpoints != NULL, NULL);

  self = g_object_new (BOX_TYPE_OAUTH, NULL);
  self->label = g_strdup (label);
  self->endpoints = box_oauth_endpoints_new (endpoints->authorize_url, endpoints->token_url,
                                             endpoints->client_id, endpoints->client_secret,
                                             endpoints->scope);
  self->endpoints->prompt = g_strdup (endpoints->prompt);
  return self;
}

/**
 * box_oauth_set_timeout:
 * @seconds: how long to wait for the browser (0: the default)
 */
void
box_oauth_set_timeout (BoxOAuth *self,
                       guint     seconds)
{
  g_return_if_fail (BOX_IS_OAUTH (self));
  self->timeout = seconds > 0 ? seconds : BOX_OAUTH_DEFAULT_TIMEOUT;
}

/**
 * box_oauth_get_redirect_uri:
 *
 * Returns: (nullable): the listener's address while the flow waits
 */
const char *
box_oauth_get_redirect_uri (BoxOAuth *self)
{
  g_return_val_if_fail (BOX_IS_OAUTH (self), NULL);
  return self->redirect_uri;
}

/* Ends the flow (once) with @error, or with @token when @error is %NULL. */
static void
finish (BoxOAuth   *self,
        GError     *error,
        GHashTable *token)
{
  GTask *task = g_steal_pointer (&self->task);

  if (task == NULL)
    {
      g_clear_error (&error);
      g_clear_pointer (&token, g_hash_table_unref);
      return;
    }
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
  self->cancelled_id = 0;
  stop_listening (self);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify)g_hash_table_unref);
  g_object_unref (task);
}

static char *
random_state (void)
{
  guint8 bytes[STATE_BYTES];
  GString *hex = g_string_sized_new (2 * STATE_BYTES);
  gsize done = 0;

  /* The state guards against a forged redirect: it must not be guessable. */
  while (done < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + done, sizeof bytes - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert (n > 0);
      done += n;
    }
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

static char *
build_authorize_uri (BoxOAuth *self)
{
  const BoxOAuthEndpoints *e = self->endpoints;
  GString *uri = g_string_new (e->authorize_url);
  const char *keys[] = { "response_type", "client_id", "redirect_uri", "state", "scope", "prompt" };
  const char *values[] = { "code", e->client_id, self->redirect_uri, self->state, e->scope,
                           e->prompt };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (values[i] == NULL || *values[i] == '\0')
        continue;
      g_string_append_c (uri, strchr (uri->str, '?') ? '&' : '?');
      g_string_append (uri, keys[i]);
      g_string_append_c (uri, '=');
      g_string_append_uri_escaped (uri, values[i], NULL, FALSE);
    }
  return g_string_free (uri, FALSE);
}

/* A token answer in JSON (or, from some servers, a form): the strings and numbers of
 * its top level. */
static GHashTable *
parse_token (GBytes  *body,
             GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GHashTable) token = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;
  const char *access;
  JsonNode *root;

  if (data != NULL && len > 0 && json_parser_load_from_data (parser, data, len, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (root));
      while (json_object_iter_next (&iter, &name, &member))
        {
          GType type = JSON_NODE_HOLDS_VALUE (member) ? json_node_get_value_type (member) : G_TYPE_INVALID;

          if (type == G_TYPE_STRING)
            g_hash_table_replace (token, g_strdup (name), g_strdup (json_node_get_string (member)));
          else if (type == G_TYPE_INT64)
            g_hash_table_replace (token, g_strdup (name),
                                  g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (member)));
        }
    }
  else if (data != NULL && len > 0 && memchr (data, '\0', len) == NULL && memchr (data, '=', len) != NULL)
    {
      g_autofree char *text = g_strndup (data, len);
      g_autoptr(GHashTable) form = soup_form_decode (text);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_replace (token, g_strdup (key), g_strdup (value));
    }

  access = g_hash_table_lookup (token, "access_token");
  if (access == NULL || *access == '\0')
    {
      g_set_error_literal (error, BOX_ERROR, BOX_ERROR_MALFORMED,
                           _("The sign-in answer holds no access token."));
      return NULL;
    }
  return g_steal_pointer (&token);
}

static void
read_token_error (guint    status,
                  GBytes  *body,
                  char   **message,
                  int     *retry_after)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;
  JsonNode *root;

  *message = NULL;
  if (data == NULL || len == 0 || !json_parser_load_from_data (parser, data, len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  /* RFC 6749: "error" and "error_description"; some servers say "message". */
  {
    JsonObject *o = json_node_get_object (root);
    const char *code = json_object_get_string_member_with_default (o, "error", NULL);
    const char *text = json_object_get_string_member_with_default (o, "error_description", NULL);

    if (text == NULL)
      text = json_object_get_string_member_with_default (o, "message", NULL);
    if (code != NULL && text != NULL)
      *message = g_strdup_printf ("%s: %s", code, text);
    else if (code != NULL || text != NULL)
      *message = g_strdup (code ? code : text);
  }
}

static void
token_received_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BoxOAuth) self = user_data;
  g_autoptr(GBytes) body = NULL;
  GHashTable *token;
  GError *error = NULL;

  body = box_http_request_finish (BOX_HTTP (object), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS) ||
          g_error_matches (error, BOX_ERROR, BOX_ERROR_FAILED))
        {
          GError *better = g_error_new (BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                                        _("%s did not accept the sign-in (%s). Check the client ID and client secret, then try again."),
                                        self->label, error->message);
          g_error_free (error);
          error = better;
        }
      finish (self, error, NULL);
      return;
    }

  token = parse_token (body, &error);
  finish (self, error, token);
}

/* The token endpoint's client: its URL is one address, whose last segment becomes the
 * request's path (@path points into @token_url). */
static BoxHttp *
new_token_http (const char  *label,
                const char  *token_url,
                const char **path,
                GError     **error)
{
  g_autofree char *base = NULL;
  const char *slash = strrchr (token_url, '/');
  BoxHttp *http;

  if (slash == NULL || slash == token_url)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("“%s” is not a token address."), token_url);
      return NULL;
    }
  base = g_strndup (token_url, slash - token_url);
  http = box_http_new (label, base, error);
  if (http == NULL)
    return NULL;
  box_http_set_header (http, "Accept", "application/json");
  box_http_set_error_reader (http, read_token_error);
  *path = slash;
  return http;
}

static GBytes *
take_form (char *form)
{
  gsize len = strlen (form);

  return g_bytes_new_take (form, len);
}

static void
exchange_code (BoxOAuth   *self,
               const char *code)
{
  const BoxOAuthEndpoints *e = self->endpoints;
  g_autoptr(GBytes) body = NULL;
  const char *path = NULL;
  GError *error = NULL;

  self->token_http = new_token_http (self->label, e->token_url, &path, &error);
  if (self->token_http == NULL)
    {
      finish (self, error, NULL);
      return;
    }

  body = take_form (soup_form_encode ("grant_type", "authorization_code",
                                      "client_id", e->client_id,
                                      "client_secret", e->client_secret,
                                      "code", code,
                                      "redirect_uri", self->redirect_uri,
                                      NULL));
  /* A code is good once: the exchange is never sent twice. */
  box_http_request_async (self->token_http, "POST", path, body,
                          "application/x-www-form-urlencoded", BOX_HTTP_FLAGS_NONE,
                          NULL, token_received_cb, g_object_ref (self));
}

typedef struct
{
  BoxHttp *http;
  char    *label;
} Refresh;

static void
refresh_free (Refresh *r)
{
  g_clear_object (&r->http);
  g_free (r->label);
  g_free (r);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Refresh *r = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GHashTable *token;
  GError *error = NULL;

  body = box_http_request_finish (BOX_HTTP (object), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS) ||
          g_error_matches (error, BOX_ERROR, BOX_ERROR_FAILED))
        {
          GError *better = g_error_new (BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                                        _("%s did not renew the sign-in (%s). Connect the account again."),
                                        r->label, error->message);
          g_error_free (error);
          error = better;
        }
      g_task_return_error (task, error);
      return;
    }
  token = parse_token (body, &error);
  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify)g_hash_table_unref);
}

/**
 * box_oauth_refresh_async:
 * @label: the provider's name, for messages
 * @endpoints: the token URL and the client
 * @refresh_token: what the last token answer gave for this
 *
 * Asks the token endpoint for a new access token (RFC 6749, section 6). Never sent
 * twice: a refresh token may be good for one use only.
 */
void
box_oauth_refresh_async (const char              *label,
                         const BoxOAuthEndpoints *endpoints,
                         const char              *refresh_token,
                         GCancellable            *cancellable,
                         GAsyncReadyCallback      callback,
                         gpointer                 user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Refresh *r = g_new0 (Refresh, 1);
  g_autoptr(GBytes) body = NULL;
  const char *path = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, box_oauth_refresh_async);
  g_task_set_task_data (task, r, (GDestroyNotify)refresh_free);
  r->label = g_strdup (label);
  r->http = new_token_http (label, endpoints->token_url, &path, &error);
  if (r->http == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  body = take_form (soup_form_encode ("grant_type", "refresh_token",
                                      "refresh_token", refresh_token,
                                      "client_id", endpoints->client_id,
                                      "client_secret", endpoints->client_secret,
                                      NULL));
  box_http_request_async (r->http, "POST", path, body, "application/x-www-form-urlencoded",
                          BOX_HTTP_FLAGS_NONE, cancellable, refreshed_cb, task);
}

/**
 * box_oauth_refresh_finish:
 *
 * Returns: (transfer full): the token answer, as box_oauth_authorize_finish() gives it
 */
GHashTable *
box_oauth_refresh_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
answer_page (SoupServerMessage *msg,
             guint              status,
             const char        *title,
             const char        *text)
{
  g_autofree char *t = g_markup_escape_text (title, -1);
  g_autofree char *x = g_markup_escape_text (text, -1);
  g_autofree char *html = g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                           "<title>%s</title></head><body style=\"font-family:sans-serif;"
                                           "max-width:36em;margin:4em auto\"><h1>%s</h1><p>%s</p>"
                                           "</body></html>", t, t, x);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Referrer-Policy", "no-referrer");
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    html, strlen (html));
}

static gboolean
close_listener_cb (gpointer user_data)
{
  BoxOAuth *self = user_data;

  self->answering = FALSE;
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  return G_SOURCE_REMOVE;
}

/* The answer to the browser is sent before the listener closes, and the listener is
 * closed outside libsoup's own signal. */
static void
redirect_answered_cb (SoupServerMessage *msg,
                      gpointer           user_data)
{
  BoxOAuth *self = user_data;

  g_idle_add_full (G_PRIORITY_DEFAULT, close_listener_cb, g_object_ref (self), g_object_unref);
  g_object_unref (self);
}

static gboolean
constant_time_equal (const char *a,
                     const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  guint8 diff = la != lb;

  for (gsize i = 0; i < la && i < lb; i++)
    diff |= (guint8)(a[i] ^ b[i]);
  return diff == 0;
}

static void
redirect_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  BoxOAuth *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(GHashTable) form = NULL;
  GHashTable *params = query;
  const char *state, *code, *error_code;

  /* Nothing but the one redirect is answered. */
  if (self->task == NULL || self->code_taken || g_strcmp0 (path, CALLBACK_PATH) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  if (g_str_equal (method, "POST"))
    {
      SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
      const char *type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
      gsize len = 0;
      const char *data = g_bytes_get_data (bytes, &len);

      if (g_strcmp0 (type, "application/x-www-form-urlencoded") != 0 ||
          data == NULL || memchr (data, '\0', len) != NULL)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
          return;
        }
      {
        g_autofree char *text = g_strndup (data, len);
        form = soup_form_decode (text);
      }
      params = form;
    }
  else if (!g_str_equal (method, "GET"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  state = params ? g_hash_table_lookup (params, "state") : NULL;
  code = params ? g_hash_table_lookup (params, "code") : NULL;
  error_code = params ? g_hash_table_lookup (params, "error") : NULL;

  /* Not a redirect at all (a browser's second look at the address): no answer. */
  if (state == NULL && code == NULL && error_code == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
      return;
    }

  self->answering = TRUE;
  g_signal_connect_data (msg, "finished", G_CALLBACK (redirect_answered_cb),
                         g_object_ref (self), NULL, 0);

  if (state == NULL || !constant_time_equal (state, self->state))
    {
      answer_page (msg, SOUP_STATUS_BAD_REQUEST, _("Sign-in refused"),
                   _("This answer does not belong to the sign-in Box Office started. Nothing was changed. Start again from Box Office."));
      finish (self, g_error_new (BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                                 _("The answer from %s did not match the sign-in Box Office started, so it was refused. Try again."),
                                 self->label), NULL);
      return;
    }

  if (error_code != NULL)
    {
      const char *description = g_hash_table_lookup (params, "error_description");
      GError *error;

      if (g_str_equal (error_code, "access_denied"))
        error = g_error_new (BOX_ERROR, BOX_ERROR_PERMISSION,
                             _("Access was not granted at %s%s%s. Connect the account again and allow Box Office access."),
                             self->label, description ? ": " : "", description ? description : "");
      else
        error = g_error_new (BOX_ERROR, BOX_ERROR_FAILED,
                             _("%s could not sign you in (%s%s%s). Check the client ID and the site, then try again."),
                             self->label, error_code, description ? ": " : "", description ? description : "");
      answer_page (msg, SOUP_STATUS_OK, _("Not signed in"),
                   _("Box Office was not given access. You can close this page and return to Box Office."));
      finish (self, error, NULL);
      return;
    }

  if (code == NULL || *code == '\0')
    {
      answer_page (msg, SOUP_STATUS_BAD_REQUEST, _("Sign-in refused"),
                   _("The answer holds no authorization code. Start again from Box Office."));
      finish (self, g_error_new (BOX_ERROR, BOX_ERROR_MALFORMED,
                                 _("%s sent no authorization code. Try again."), self->label), NULL);
      return;
    }

  answer_page (msg, SOUP_STATUS_OK, _("Signed in"),
               _("Box Office is connected. You can close this page and return to Box Office."));
  /* No second redirect is taken while the code is exchanged. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->code_taken = TRUE;
  exchange_code (self, code);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  BoxOAuth *self = user_data;

  self->timeout_id = 0;
  finish (self, g_error_new (BOX_ERROR, BOX_ERROR_FAILED,
                             ngettext ("No answer came from the browser within %u minute. Connect the account again.",
                                       "No answer came from the browser within %u minutes. Connect the account again.",
                                       MAX (1, self->timeout / 60)),
                             MAX (1, self->timeout / 60)), NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_idle_cb (gpointer user_data)
{
  BoxOAuth *self = user_data;

  finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled")), NULL);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              BoxOAuth     *self)
{
  /* Not from inside the cancellable's handler: finishing disconnects it. */
  g_idle_add_full (G_PRIORITY_DEFAULT, cancelled_idle_cb, g_object_ref (self), g_object_unref);
}

static void
browser_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BoxOAuth) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    finish (self, g_error_new (BOX_ERROR, BOX_ERROR_FAILED,
                               _("Could not open a web browser (%s). Install one, or sign in with the address shown instead."),
                               error->message), NULL);
}

/**
 * box_oauth_authorize_async:
 *
 * Listens on 127.0.0.1, sends the browser to the authorize page (see
 * #BoxOAuth::open-uri), waits for the redirect and exchanges the code.
 */
void
box_oauth_authorize_async (BoxOAuth            *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *uri = NULL;
  GSList *uris;
  GError *error = NULL;
  gboolean handled = FALSE;
  GTask *task;

  g_return_if_fail (BOX_IS_OAUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_oauth_authorize_async);
  if (self->task != NULL || self->state != NULL)
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_FAILED,
                               _("This sign-in has already been started."));
      g_object_unref (task);
      return;
    }
  self->task = task;

  self->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (self->server, NULL, redirect_cb, self, NULL);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  if (!soup_server_listen (self->server, address, 0, &error))
    {
      finish (self, g_error_new (BOX_ERROR, BOX_ERROR_FAILED,
                                 _("Could not wait for the browser on this computer (%s)."),
                                 error->message), NULL);
      g_error_free (error);
      return;
    }
  uris = soup_server_get_uris (self->server);
  self->redirect_uri = g_strdup_printf ("http://127.0.0.1:%d" CALLBACK_PATH,
                                        uris ? g_uri_get_port (uris->data) : 0);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  self->state = random_state ();

  self->timeout_id = g_timeout_add_seconds (self->timeout, timed_out_cb, self);
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);

  uri = build_authorize_uri (self);
  g_signal_emit (self, signals[OPEN_URI], 0, uri, &handled);
  if (!handled && self->task != NULL)
    g_app_info_launch_default_for_uri_async (uri, NULL, cancellable, browser_opened_cb,
                                             g_object_ref (self));
}

/**
 * box_oauth_authorize_finish:
 *
 * Returns: (transfer full): the token answer: "access_token", and whatever else the
 *   provider sent ("refresh_token", "expires_in", "token_type", "scope"), as strings
 */
GHashTable *
box_oauth_authorize_finish (BoxOAuth      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
