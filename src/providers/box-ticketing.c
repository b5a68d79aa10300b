/* box-ticketing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-ticketing"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-error.h"
#include "box-event.h"
#include "box-event-stats.h"
#include "box-http.h"
#include "box-ticketing.h"
#include "box-ticketing-parser.h"

/* TickeTing REST API v3. Every request carries X-API-Key and X-Client-Version. The key
 * is a session's (POST /sessions with a username or e-mail and a password; ended with
 * DELETE /sessions/active when the account is removed) or an integration key. An
 * admission token (GET /tokens/{code}) gives a second key that admits to some sections
 * of one event: that event's tickets and admissions go with it, and a desk set up with
 * one lists only that event (it is that event's door).
 *
 * The secret kept for the account is JSON: {"key","session","account","name",
 * "tokens":[{"code","key","event","sections"}]}; a bare key is read as an integration key.
 *
 * Tickets come in pages (404 past the end); later syncs ask for those modified since the
 * last one. Where the account's own key may read every ticket of a token's event, those
 * are fetched and the ones of other sections marked not valid here, so the desk can say
 * "not valid at this entrance" at once; otherwise the token's key reads its sections.
 *
 * Admission (POST /events/{e}/admissions) answers 201 with the admitted subset, or 400
 * when none was admitted: the admissions of that serial then tell "already admitted"
 * (when, by which device) from "not valid here". A retry of a send whose answer was lost
 * finds its own admission there (same device, not before the check-in) and is "ok". */

#define CLIENT_VERSION "3.0.0"
#define TICKET_PAGE_SIZE 500
#define LIST_PAGE_SIZE 100
/* The next incremental sync starts this long before this one did: the desk's clock may
 * be off from the server's. Saving a ticket twice is harmless. */
#define SINCE_SLACK_SECONDS (10 * 60)

struct _BoxTicketing
{
  GObject     parent_instance;

  BoxAccount *account;
  BoxHttp    *http;           /* the account's key */
  char       *key;
  gboolean    session;
  char       *account_number;
  char       *display_name;
  GPtrArray  *tokens;         /* BoxTicketingToken */
  GHashTable *token_http;     /* event id -> BoxHttp with the token's key */
};

static void provider_iface_init (BoxProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BoxTicketing, box_ticketing, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BOX_TYPE_PROVIDER, provider_iface_init))

static void
box_ticketing_finalize (GObject *object)
{
  BoxTicketing *self = (BoxTicketing *)object;

  g_clear_object (&self->account);
  g_clear_object (&self->http);
  g_free (self->key);
  g_free (self->account_number);
  g_free (self->display_name);
  g_clear_pointer (&self->tokens, g_ptr_array_unref);
  g_clear_pointer (&self->token_http, g_hash_table_unref);
  G_OBJECT_CLASS (box_ticketing_parent_class)->finalize (object);
}

static void
box_ticketing_class_init (BoxTicketingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = box_ticketing_finalize;
}

static void
box_ticketing_init (BoxTicketing *self)
{
  self->tokens = g_ptr_array_new_with_free_func ((GDestroyNotify)box_ticketing_token_free);
  self->token_http = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

static BoxHttp *
new_http (BoxTicketing  *self,
          const char    *key,
          GError       **error)
{
  BoxHttp *http = box_http_new ("TickeTing", box_account_get_base_url (self->account), error);

  if (http == NULL)
    return NULL;
  box_http_set_error_reader (http, box_ticketing_read_error);
  box_http_set_header (http, "X-Client-Version", CLIENT_VERSION);
  box_http_set_header (http, "Accept", "application/json");
  if (key != NULL)
    box_http_set_header (http, "X-API-Key", key);
  return http;
}

/* The secret ------------------------------------------------------------------------------ */

static gboolean
read_secret (BoxTicketing  *self,
             const char    *secret,
             GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *tokens;

  if (secret == NULL || *secret == '\0')
    return TRUE;

  root = json_from_string (secret, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      /* A bare integration key. */
      self->key = g_strstrip (g_strdup (secret));
      return TRUE;
    }

  object = json_node_get_object (root);
  self->key = g_strdup (json_object_get_string_member_with_default (object, "key", ""));
  self->session = json_object_get_boolean_member_with_default (object, "session", FALSE);
  self->account_number = g_strdup (json_object_get_string_member_with_default (object, "account", NULL));
  self->display_name = g_strdup (json_object_get_string_member_with_default (object, "name", NULL));

  tokens = json_object_has_member (object, "tokens") &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "tokens"))
           ? json_object_get_array_member (object, "tokens") : NULL;
  for (guint i = 0; tokens != NULL && i < json_array_get_length (tokens); i++)
    {
      JsonNode *node = json_array_get_element (tokens, i);
      g_autoptr(GStrvBuilder) sections = g_strv_builder_new ();
      BoxTicketingToken *token;
      JsonObject *t;
      JsonArray *array;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      t = json_node_get_object (node);
      token = g_new0 (BoxTicketingToken, 1);
      token->code = g_strdup (json_object_get_string_member_with_default (t, "code", NULL));
      token->key = g_strdup (json_object_get_string_member_with_default (t, "key", NULL));
      token->event_id = g_strdup (json_object_get_string_member_with_default (t, "event", NULL));
      array = json_object_has_member (t, "sections") &&
              JSON_NODE_HOLDS_ARRAY (json_object_get_member (t, "sections"))
              ? json_object_get_array_member (t, "sections") : NULL;
      for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
        {
          JsonNode *s = json_array_get_element (array, j);
          if (JSON_NODE_HOLDS_VALUE (s) && json_node_get_value_type (s) == G_TYPE_STRING)
            g_strv_builder_add (sections, json_node_get_string (s));
        }
      token->sections = g_strv_builder_end (sections);
      if (token->key == NULL || token->event_id == NULL)
        {
          box_ticketing_token_free (token);
          continue;
        }
      g_ptr_array_add (self->tokens, token);
    }

  if (*self->key == '\0')
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_SECRETS,
                   _("The TickeTing account’s key is missing from the keyring. Remove the account and add it again."));
      return FALSE;
    }
  return TRUE;
}

static char *
write_secret (const char        *key,
              gboolean           session,
              const char        *account_number,
              const char        *display_name,
              BoxTicketingToken *token)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, key);
  json_builder_set_member_name (builder, "session");
  json_builder_add_boolean_value (builder, session);
  if (account_number != NULL)
    {
      json_builder_set_member_name (builder, "account");
      json_builder_add_string_value (builder, account_number);
    }
  if (display_name != NULL)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, display_name);
    }
  json_builder_set_member_name (builder, "tokens");
  json_builder_begin_array (builder);
  if (token != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, token->code);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, token->key);
      json_builder_set_member_name (builder, "event");
      json_builder_add_string_value (builder, token->event_id);
      json_builder_set_member_name (builder, "sections");
      json_builder_begin_array (builder);
      for (guint i = 0; token->sections != NULL && token->sections[i] != NULL; i++)
        json_builder_add_string_value (builder, token->sections[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * box_ticketing_new:
 * @secret: (nullable): the secret sign-in returned (JSON), or a bare integration key
 */
BoxProvider *
box_ticketing_new (BoxAccount  *account,
                   const char  *secret,
                   GError     **error)
{
  g_autoptr(BoxTicketing) self = NULL;

  g_return_val_if_fail (BOX_IS_ACCOUNT (account), NULL);

  self = g_object_new (BOX_TYPE_TICKETING, NULL);
  self->account = g_object_ref (account);
  if (!read_secret (self, secret, error))
    return NULL;
  self->http = new_http (self, self->key, error);
  if (self->http == NULL)
    return NULL;

  for (guint i = 0; i < self->tokens->len; i++)
    {
      BoxTicketingToken *token = g_ptr_array_index (self->tokens, i);
      BoxHttp *http = new_http (self, token->key, error);

      if (http == NULL)
        return NULL;
      g_hash_table_replace (self->token_http, g_strdup (token->event_id), http);
    }

  return BOX_PROVIDER (g_steal_pointer (&self));
}

static BoxProviderFlags
box_ticketing_get_flags (BoxProvider *provider)
{
  return BOX_PROVIDER_CAN_CHECK_IN | BOX_PROVIDER_INCREMENTAL | BOX_PROVIDER_STATISTICS;
}

static BoxTicketingToken *
token_for_event (BoxTicketing *self,
                 const char   *event_id)
{
  for (guint i = 0; i < self->tokens->len; i++)
    {
      BoxTicketingToken *token = g_ptr_array_index (self->tokens, i);

      if (g_strcmp0 (token->event_id, event_id) == 0)
        return token;
    }
  return NULL;
}

/* The key that admits at @event_id: its token's, else the account's. */
static BoxHttp *
admit_http (BoxTicketing *self,
            const char   *event_id)
{
  BoxHttp *http = g_hash_table_lookup (self->token_http, event_id);

  return http != NULL ? http : self->http;
}

/* What TickeTing's refusals mean for the person at the desk. */
static GError *
explain_error (GError   *error,
               gboolean  with_token)
{
  GError *explained = NULL;

  if (g_error_matches (error, BOX_ERROR, BOX_ERROR_CLIENT_TOO_OLD))
    explained = g_error_new (BOX_ERROR, BOX_ERROR_CLIENT_TOO_OLD,
                             _("This version of Box Office is too old for the TickeTing server (%s). Update Box Office."),
                             error->message);
  else if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS))
    explained = g_error_new (BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                             _("TickeTing no longer accepts this account’s key: the session ended or the key was revoked (%s). Sign in again."),
                             error->message);
  else if (g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION))
    explained = g_error_new (BOX_ERROR, with_token ? BOX_ERROR_INVALID_CREDENTIALS : BOX_ERROR_PERMISSION,
                             with_token
                             ? _("TickeTing refused the admission token (%s): it may have been invalidated. Ask the event’s host for a new code and add the account again.")
                             : _("TickeTing does not let this account do this (%s). Ask the event’s host for an admission token, or sign in with an account that manages the event."),
                             error->message);
  if (explained == NULL)
    return error;
  g_error_free (error);
  return explained;
}

/* TickeTing answers a session key that has ended (signed out elsewhere, revoked) with 403
 * on every route but GET /sessions/active, which says 401. A 403 to a session's own key
 * is looked into there: an ended session is "sign in again" (the desk keeps its list and
 * its queue, and asks for the password), not "this account may not". */

typedef void (*SessionChecked) (GTask  *task,
                                GError *error);

typedef struct
{
  GTask          *task;
  GError         *error;
  SessionChecked  next;
} SessionCheck;

static void
session_checked_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SessionCheck *c = user_data;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  GError *explained;

  reply = box_http_request_finish (BOX_HTTP (object), result, &error);
  if (reply == NULL && (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS) ||
                        g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION)))
    {
      explained = g_error_new_literal (BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                                       _("TickeTing no longer accepts this account’s key: the session ended or the key was revoked. Sign in again."));
      g_error_free (c->error);
    }
  else
    explained = explain_error (c->error, FALSE);
  c->next (c->task, explained);
  g_free (c);
}

/* Calls @next with @error explained, once it is known whether a 403 to the account's own
 * key (not a token's) means that its session has ended. */
static void
check_session (BoxTicketing   *self,
               GTask          *task,
               GError         *error,
               gboolean        with_token,
               SessionChecked  next)
{
  SessionCheck *c;

  if (with_token || !self->session || !g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION))
    {
      next (task, explain_error (error, with_token));
      return;
    }
  c = g_new0 (SessionCheck, 1);
  c->task = task;
  c->error = error;
  c->next = next;
  box_http_request_async (self->http, "GET", "/sessions/active", NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                          g_task_get_cancellable (task), session_checked_cb, c);
}

static void
return_error (GTask  *task,
              GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Fails @task (owned) with @error explained. */
static void
fail (BoxTicketing *self,
      GTask        *task,
      GError       *error,
      gboolean      with_token)
{
  check_session (self, task, error, with_token, return_error);
}

static GBytes *
json_body (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *text = json_to_string (root, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

/* Parse functions for box_http_request_parsed_async (they run in a worker thread). */

static gpointer
parse_session (GBytes   *body,
               gpointer  user_data,
               GError  **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  return box_ticketing_parse_session (data, len, error);
}

static gpointer
parse_token (GBytes   *body,
             gpointer  user_data,
             GError  **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  return box_ticketing_parse_token (data, len, error);
}

static gpointer
parse_event (GBytes   *body,
             gpointer  user_data,
             GError  **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  return box_ticketing_parse_event (data, len, user_data, NULL, error);
}

typedef struct
{
  GPtrArray *items;
  guint      total;
} Page;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

/* What a page of a collection holds, and how to read it. */
typedef enum
{
  PAGE_EVENTS,
  PAGE_HOSTS,
  PAGE_ADMISSIONS,
  PAGE_TICKETS,
} PageKind;

typedef struct
{
  PageKind  kind;
  char     *account_id;     /* PAGE_EVENTS */
  char    **sections;       /* PAGE_TICKETS: the sections this desk admits, or NULL */
} PageRequest;

static PageRequest *
page_request_new (PageKind             kind,
                  const char          *account_id,
                  const char * const  *sections)
{
  PageRequest *request = g_new0 (PageRequest, 1);

  request->kind = kind;
  request->account_id = g_strdup (account_id);
  request->sections = g_strdupv ((char **)sections);
  return request;
}

static void
page_request_free (PageRequest *request)
{
  g_free (request->account_id);
  g_strfreev (request->sections);
  g_free (request);
}

static gpointer
parse_page (GBytes   *body,
            gpointer  user_data,
            GError  **error)
{
  PageRequest *request = user_data;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  Page *page = g_new0 (Page, 1);

  switch (request->kind)
    {
    case PAGE_EVENTS:
      page->items = box_ticketing_parse_events (data, len, request->account_id, &page->total, error);
      break;
    case PAGE_HOSTS:
      page->items = box_ticketing_parse_hosts (data, len, &page->total, error);
      break;
    case PAGE_ADMISSIONS:
      page->items = box_ticketing_parse_admissions (data, len, &page->total, error);
      break;
    case PAGE_TICKETS:
    default:
      page->items = box_ticketing_parse_tickets (data, len, (const char * const *)request->sections,
                                                 &page->total, error);
      break;
    }
  if (page->items == NULL)
    {
      page_free (page);
      return NULL;
    }
  return page;
}

static gpointer
parse_statistics (GBytes   *body,
                  gpointer  user_data,
                  GError  **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  return box_ticketing_parse_statistics (data, len, error);
}

/* Sign-in --------------------------------------------------------------------------------- */

typedef struct
{
  BoxHttp             *http;     /* the key being set up */
  char                *key;
  gboolean             session;
  char                *account_number;
  char                *display_name;
  char                *token_code;
  BoxTicketingToken   *token;
  GError              *error;    /* the failure, while the session is being ended */
} SignIn;

static void
sign_in_free (SignIn *s)
{
  g_clear_object (&s->http);
  g_free (s->key);
  g_free (s->account_number);
  g_free (s->display_name);
  g_free (s->token_code);
  g_clear_pointer (&s->token, box_ticketing_token_free);
  g_clear_error (&s->error);
  g_free (s);
}

static void
abandoned_session_ended_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  GTask *task = user_data;
  SignIn *s = g_task_get_task_data (task);
  g_autoptr(GBytes) reply = box_http_request_finish (BOX_HTTP (object), result, NULL);

  g_task_return_error (task, g_steal_pointer (&s->error));
  g_object_unref (task);
}

/* Fails the sign-in with @error; a session started for it is ended first, so that no
 * working key is left behind that nobody holds. */
static void
sign_in_fail (GTask  *task,
              GError *error)
{
  SignIn *s = g_task_get_task_data (task);

  if (!s->session)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  s->error = error;
  box_http_request_async (s->http, "DELETE", "/sessions/active", NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                          NULL, abandoned_session_ended_cb, task);
}

static void
sign_in_done (GTask *task)
{
  SignIn *s = g_task_get_task_data (task);

  g_task_return_pointer (task, write_secret (s->key, s->session, s->account_number,
                                             s->display_name, s->token),
                         g_free);
  g_object_unref (task);
}

static void
token_event_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(BoxEvent) event = NULL;
  GError *error = NULL;

  /* The token's event must be readable with the account's key (the SDK does the same). */
  event = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (event == NULL)
    {
      sign_in_fail (task, explain_error (error, FALSE));
      return;
    }
  sign_in_done (task);
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  BoxTicketing *self = g_task_get_source_object (task);
  SignIn *s = g_task_get_task_data (task);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  s->token = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (s->token == NULL)
    {
      if (g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND))
        {
          sign_in_fail (task, g_error_new (BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                                           _("TickeTing knows no admission token “%s”. Check the code with the event’s host (8 letters and digits)."),
                                           s->token_code));
          g_error_free (error);
        }
      else
        sign_in_fail (task, explain_error (error, FALSE));
      return;
    }
  s->token->code = g_strdup (s->token_code);

  escaped = g_uri_escape_string (s->token->event_id, NULL, FALSE);
  path = g_strdup_printf ("/events/%s", escaped);
  box_http_request_parsed_async (s->http, "GET", path, NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                                 parse_event, g_strdup (box_account_get_id (self->account)), g_free,
                                 g_object_unref, g_task_get_cancellable (task), token_event_cb, task);
}

/* The key works: with a token code, look the token up with it. */
static void
key_verified (GTask *task)
{
  SignIn *s = g_task_get_task_data (task);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  if (s->token_code == NULL)
    {
      sign_in_done (task);
      return;
    }

  escaped = g_uri_escape_string (s->token_code, NULL, FALSE);
  path = g_strdup_printf ("/tokens/%s", escaped);
  box_http_request_parsed_async (s->http, "GET", path, NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                                 parse_token, NULL, NULL, (GDestroyNotify)box_ticketing_token_free,
                                 g_task_get_cancellable (task), token_cb, task);
}

static void
session_started_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  BoxTicketing *self = g_task_get_source_object (task);
  SignIn *s = g_task_get_task_data (task);
  g_autoptr(BoxTicketingSession) session = NULL;
  GError *error = NULL;

  session = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (session == NULL)
    {
      if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS) ||
          g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND))
        {
          g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                                   _("TickeTing did not accept this username or e-mail and password. Check them and try again."));
          g_error_free (error);
        }
      else
        g_task_return_error (task, explain_error (error, FALSE));
      g_object_unref (task);
      return;
    }

  s->key = g_strdup (session->key);
  s->session = TRUE;
  s->account_number = g_strdup (session->account_number);
  s->display_name = g_strdup (session->display_name);
  g_clear_object (&s->http);
  s->http = new_http (self, s->key, &error);
  if (s->http == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  key_verified (task);
}

static void
key_checked_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GBytes) reply = NULL;
  GError *error = NULL;

  reply = box_http_request_finish (BOX_HTTP (object), result, &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS) ||
          g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION))
        {
          g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                                   _("TickeTing rejected the integration key. Check the key with the administrator who issued it."));
          g_error_free (error);
        }
      else
        g_task_return_error (task, explain_error (error, FALSE));
      g_object_unref (task);
      return;
    }
  key_verified (task);
}

static void
box_ticketing_sign_in_async (BoxProvider         *provider,
                             GHashTable          *credentials,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  BoxTicketing *self = BOX_TICKETING (provider);
  const char *token = g_hash_table_lookup (credentials, "token");
  const char *identification = g_hash_table_lookup (credentials, "identification");
  const char *password = g_hash_table_lookup (credentials, "password");
  const char *code = g_hash_table_lookup (credentials, "admission_token");
  GError *error = NULL;
  GTask *task;
  SignIn *s;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_ticketing_sign_in_async);
  s = g_new0 (SignIn, 1);
  g_task_set_task_data (task, s, (GDestroyNotify)sign_in_free);
  if (code != NULL && *code != '\0')
    s->token_code = g_ascii_strup (g_strstrip (g_strdup (code)), -1);

  if (token != NULL && *token != '\0')
    {
      s->key = g_strstrip (g_strdup (token));
      s->http = new_http (self, s->key, &error);
      if (s->http == NULL)
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      /* Any collection the key may read: an integration key has no session. */
      box_http_request_async (s->http, "GET", "/events?page=1&records=1", NULL, NULL,
                              BOX_HTTP_FLAGS_IDEMPOTENT, cancellable, key_checked_cb, task);
      return;
    }

  if (identification != NULL && *identification != '\0' && password != NULL && *password != '\0')
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(GBytes) body = NULL;
      g_autofree char *trimmed = g_strstrip (g_strdup (identification));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "identification");
      json_builder_add_string_value (builder, trimmed);
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, password);
      json_builder_end_object (builder);
      body = json_body (builder);

      s->http = new_http (self, NULL, &error);
      if (s->http == NULL)
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      box_http_request_parsed_async (s->http, "POST", "/sessions", body, "application/json",
                                     BOX_HTTP_FLAGS_NONE, parse_session, NULL, NULL,
                                     (GDestroyNotify)box_ticketing_session_free,
                                     cancellable, session_started_cb, task);
      return;
    }

  g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                           _("TickeTing needs a username or e-mail and a password, or an integration key."));
  g_object_unref (task);
}

static char *
box_ticketing_sign_in_finish (BoxProvider   *provider,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Sign-out -------------------------------------------------------------------------------- */

static void
session_ended_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) reply = NULL;
  GError *error = NULL;

  reply = box_http_request_finish (BOX_HTTP (object), result, &error);
  /* Ended already (403) or unknown (401): nothing left to end. */
  if (reply == NULL &&
      !g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION) &&
      !g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);
  g_task_return_boolean (task, TRUE);
}

static void
box_ticketing_sign_out_async (BoxProvider         *provider,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  BoxTicketing *self = BOX_TICKETING (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, box_ticketing_sign_out_async);
  /* An integration key is the administrator's to revoke, not ours. */
  if (!self->session)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  box_http_request_async (self->http, "DELETE", "/sessions/active", NULL, NULL,
                          BOX_HTTP_FLAGS_IDEMPOTENT, cancellable, session_ended_cb, task);
}

static gboolean
box_ticketing_sign_out_finish (BoxProvider   *provider,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Events ---------------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray  *hosts;       /* host ids, once listed */
  guint       host;        /* the host being listed */
  guint       page;
  GPtrArray  *events;
  GHashTable *seen;        /* event ids in events */
  guint       token;       /* the next token whose event to add */
} ListEvents;

static void
list_events_free (ListEvents *l)
{
  g_clear_pointer (&l->hosts, g_ptr_array_unref);
  g_clear_pointer (&l->events, g_ptr_array_unref);
  g_clear_pointer (&l->seen, g_hash_table_unref);
  g_free (l);
}

static void list_next (GTask *task);

static void
add_events (ListEvents *l,
            GPtrArray  *events)
{
  for (guint i = 0; i < events->len; i++)
    {
      BoxEvent *event = g_ptr_array_index (events, i);

      if (g_hash_table_add (l->seen, g_strdup (box_event_get_id (event))))
        g_ptr_array_add (l->events, g_object_ref (event));
    }
}

static void
token_event_listed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  ListEvents *l = g_task_get_task_data (task);
  g_autoptr(BoxEvent) event = NULL;
  GError *error = NULL;

  event = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (event == NULL)
    {
      fail (g_task_get_source_object (task), task, error, FALSE);
      return;
    }
  if (g_hash_table_add (l->seen, g_strdup (box_event_get_id (event))))
    g_ptr_array_add (l->events, g_steal_pointer (&event));
  list_next (task);
}

static void
events_page_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  ListEvents *l = g_task_get_task_data (task);
  Page *page;
  GError *error = NULL;

  page = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (page == NULL)
    {
      /* Past the end, or a host this key may not list: go on with the next. */
      if (g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND) ||
          (g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION) && l->hosts != NULL))
        {
          g_clear_error (&error);
          l->host++;
          l->page = 1;
          list_next (task);
          return;
        }
      fail (g_task_get_source_object (task), task, error, FALSE);
      return;
    }

  add_events (l, page->items);
  if (l->page * LIST_PAGE_SIZE < page->total && page->items->len > 0)
    l->page++;
  else
    {
      l->host++;
      l->page = 1;
    }
  page_free (page);
  list_next (task);
}

/* No hosts to manage (a door volunteer): only the tokens' events. An ended session is
 * no volunteer: its events stay as they are until it signs in again. */
static void
no_hosts (GTask  *task,
          GError *error)
{
  ListEvents *l = g_task_get_task_data (task);

  if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS))
    {
      return_error (task, error);
      return;
    }
  g_clear_error (&error);
  l->hosts = g_ptr_array_new_with_free_func (g_free);
  l->host = 0;
  l->page = 1;
  list_next (task);
}

static void
hosts_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  ListEvents *l = g_task_get_task_data (task);
  Page *page;
  GError *error = NULL;

  page = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (page == NULL)
    {
      if (g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION))
        {
          check_session (g_task_get_source_object (task), task, error, FALSE, no_hosts);
          return;
        }
      if (!g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND))
        {
          g_task_return_error (task, explain_error (error, FALSE));
          g_object_unref (task);
          return;
        }
      g_clear_error (&error);
      l->hosts = g_ptr_array_new_with_free_func (g_free);
    }
  else
    {
      l->hosts = g_steal_pointer (&page->items);
      page_free (page);
    }
  l->host = 0;
  l->page = 1;
  list_next (task);
}

/* Lists the hosts' events page by page (or every event the key sees, for an integration
 * key), then the events of tokens not among them. */
static void
list_next (GTask *task)
{
  BoxTicketing *self = g_task_get_source_object (task);
  ListEvents *l = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  const char *account_id = box_account_get_id (self->account);
  g_autofree char *path = NULL;

  if (l->hosts != NULL && l->host < l->hosts->len)
    {
      g_autofree char *escaped = g_uri_escape_string (g_ptr_array_index (l->hosts, l->host), NULL, FALSE);

      path = g_strdup_printf ("/hosts/%s/events?page=%u&records=%u", escaped, l->page, LIST_PAGE_SIZE);
      box_http_request_parsed_async (self->http, "GET", path, NULL, NULL,
                                     BOX_HTTP_FLAGS_IDEMPOTENT | BOX_HTTP_FLAGS_BATCH,
                                     parse_page, page_request_new (PAGE_EVENTS, account_id, NULL),
                                     (GDestroyNotify)page_request_free,
                                     (GDestroyNotify)page_free, cancellable, events_page_cb, task);
      return;
    }
  if (l->hosts == NULL && l->host == 0)
    {
      path = g_strdup_printf ("/events?page=%u&records=%u", l->page, LIST_PAGE_SIZE);
      box_http_request_parsed_async (self->http, "GET", path, NULL, NULL,
                                     BOX_HTTP_FLAGS_IDEMPOTENT | BOX_HTTP_FLAGS_BATCH,
                                     parse_page, page_request_new (PAGE_EVENTS, account_id, NULL),
                                     (GDestroyNotify)page_request_free,
                                     (GDestroyNotify)page_free, cancellable, events_page_cb, task);
      return;
    }

  while (l->token < self->tokens->len)
    {
      BoxTicketingToken *token = g_ptr_array_index (self->tokens, l->token++);
      g_autofree char *escaped = NULL;

      if (g_hash_table_contains (l->seen, token->event_id))
        continue;
      escaped = g_uri_escape_string (token->event_id, NULL, FALSE);
      path = g_strdup_printf ("/events/%s", escaped);
      box_http_request_parsed_async (self->http, "GET", path, NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                                     parse_event, g_strdup (account_id), g_free, g_object_unref,
                                     cancellable, token_event_listed_cb, task);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&l->events), (GDestroyNotify)g_ptr_array_unref);
  g_object_unref (task);
}

static void
box_ticketing_list_events_async (BoxProvider         *provider,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  BoxTicketing *self = BOX_TICKETING (provider);
  GTask *task;
  ListEvents *l;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_ticketing_list_events_async);
  l = g_new0 (ListEvents, 1);
  l->events = g_ptr_array_new_with_free_func (g_object_unref);
  l->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l->page = 1;
  g_task_set_task_data (task, l, (GDestroyNotify)list_events_free);

  /* A desk set up with an admission token is that event's door: only its event. */
  if (self->tokens->len > 0)
    l->hosts = g_ptr_array_new_with_free_func (g_free);
  /* A session belongs to a person: the events of the hosts they manage. */
  else if (self->account_number != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (self->account_number, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/accounts/%s/hosts?page=1&records=%u", escaped,
                                               LIST_PAGE_SIZE);

      box_http_request_parsed_async (self->http, "GET", path, NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                                     parse_page, page_request_new (PAGE_HOSTS, NULL, NULL),
                                     (GDestroyNotify)page_request_free, (GDestroyNotify)page_free,
                                     cancellable, hosts_cb, task);
      return;
    }

  list_next (task);
}

static GPtrArray *
box_ticketing_list_events_finish (BoxProvider   *provider,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Attendees ------------------------------------------------------------------------------- */

/* Where a fetch is: the cursor of BoxAttendeePage while more pages follow. */
typedef struct
{
  guint    page;
  gboolean with_token;     /* the token's key reads the tickets */
  gint64   started;        /* when the fetch began (Unix time) */
  gint64   since;          /* modified_since, or 0 for every ticket */
} Place;

static void
read_cursor (const char *cursor,
             Place      *place)
{
  *place = (Place) { 1, FALSE, g_get_real_time () / G_USEC_PER_SEC, 0 };

  if (cursor == NULL)
    return;
  if (g_str_has_prefix (cursor, "since:"))
    place->since = g_ascii_strtoll (cursor + 6, NULL, 10);
  else if (g_str_has_prefix (cursor, "page:"))
    {
      g_auto(GStrv) parts = g_strsplit (cursor + 5, ":", 4);

      if (g_strv_length (parts) == 4)
        {
          place->page = MAX (1, (guint)g_ascii_strtoull (parts[0], NULL, 10));
          place->with_token = g_str_equal (parts[1], "t");
          place->started = g_ascii_strtoll (parts[2], NULL, 10);
          place->since = g_ascii_strtoll (parts[3], NULL, 10);
        }
    }
}

typedef struct
{
  char               *event_id;
  Place               place;
  GStrv               admit_sections;   /* the token's sections, or NULL */
  gboolean            probing;          /* page 1 with the account's key, token in reserve */
} Fetch;

static void
fetch_free (Fetch *f)
{
  g_free (f->event_id);
  g_strfreev (f->admit_sections);
  g_free (f);
}

static void request_tickets (GTask *task);

static void
return_page (GTask     *task,
             GPtrArray *attendees,
             guint      total)
{
  Fetch *f = g_task_get_task_data (task);
  BoxAttendeePage *result = g_new0 (BoxAttendeePage, 1);
  gboolean more = (guint64)f->place.page * TICKET_PAGE_SIZE < total && attendees->len > 0;

  result->attendees = attendees;
  result->total = total;
  result->more = more;
  if (more)
    {
      result->cursor = g_strdup_printf ("page:%u:%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                        f->place.page + 1, f->place.with_token ? "t" : "a",
                                        f->place.started, f->place.since);
    }
  else
    {
      result->cursor = g_strdup_printf ("since:%" G_GINT64_FORMAT,
                                        f->place.started - SINCE_SLACK_SECONDS);
      result->complete = f->place.since == 0;
    }
  g_task_return_pointer (task, result, (GDestroyNotify)box_attendee_page_free);
  g_object_unref (task);
}

static void
tickets_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Fetch *f = g_task_get_task_data (task);
  Page *page;
  GError *error = NULL;

  page = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (page == NULL)
    {
      /* The account's key may not read this event's tickets: the token's may. */
      if (f->probing && (g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION) ||
                         g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS)))
        {
          g_clear_error (&error);
          f->probing = FALSE;
          f->place.with_token = TRUE;
          request_tickets (task);
          return;
        }
      /* A page past the end (the list shrank meanwhile): the fetch is over. */
      if (f->place.page > 1 && g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          return_page (task, g_ptr_array_new_with_free_func (g_object_unref), 0);
          return;
        }
      fail (g_task_get_source_object (task), task, error, f->place.with_token);
      return;
    }

  return_page (task, g_steal_pointer (&page->items), page->total);
  page_free (page);
}

static void
request_tickets (GTask *task)
{
  BoxTicketing *self = g_task_get_source_object (task);
  Fetch *f = g_task_get_task_data (task);
  BoxTicketingToken *token = token_for_event (self, f->event_id);
  g_autofree char *escaped = g_uri_escape_string (f->event_id, NULL, FALSE);
  g_autoptr(GString) path = g_string_new (NULL);
  BoxHttp *http;

  /* The token's key sees only its sections: every ticket it returns is valid here. */
  g_clear_pointer (&f->admit_sections, g_strfreev);
  if (token != NULL && !f->place.with_token)
    f->admit_sections = g_strdupv (token->sections);
  http = token != NULL && f->place.with_token ? admit_http (self, f->event_id) : self->http;

  g_string_printf (path, "/events/%s/tickets?page=%u&records=%u", escaped, f->place.page,
                   TICKET_PAGE_SIZE);
  if (f->place.since > 0)
    {
      g_autofree char *since = box_ticketing_format_datetime (f->place.since);
      g_autofree char *since_escaped = g_uri_escape_string (since, NULL, FALSE);
      g_string_append_printf (path, "&modified_since=%s", since_escaped);
    }

  box_http_request_parsed_async (http, "GET", path->str, NULL, NULL,
                                 BOX_HTTP_FLAGS_IDEMPOTENT | BOX_HTTP_FLAGS_BATCH, parse_page,
                                 page_request_new (PAGE_TICKETS, NULL, (const char * const *)f->admit_sections),
                                 (GDestroyNotify)page_request_free, (GDestroyNotify)page_free,
                                 g_task_get_cancellable (task), tickets_cb, task);
}

static void
box_ticketing_fetch_attendees_async (BoxProvider         *provider,
                                     const char          *event_id,
                                     const char          *cursor,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  BoxTicketing *self = BOX_TICKETING (provider);
  GTask *task;
  Fetch *f;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_ticketing_fetch_attendees_async);
  f = g_new0 (Fetch, 1);
  f->event_id = g_strdup (event_id);
  read_cursor (cursor, &f->place);
  /* A new fetch of a token's event tries the account's key first (every section). */
  f->probing = f->place.page == 1 && token_for_event (self, event_id) != NULL;
  g_task_set_task_data (task, f, (GDestroyNotify)fetch_free);

  request_tickets (task);
}

static BoxAttendeePage *
box_ticketing_fetch_attendees_finish (BoxProvider   *provider,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Admission ------------------------------------------------------------------------------- */

/* The admission's device: the desk's name. */
static const char *
device_name (BoxCheckin *checkin)
{
  const char *desk = box_checkin_get_desk (checkin);

  return desk != NULL && *desk != '\0' ? desk : "Box Office";
}

typedef struct
{
  BoxCheckin *checkin;
  BoxHttp    *http;
  char       *path;
} Admit;

static void
admit_free (Admit *a)
{
  g_clear_object (&a->checkin);
  g_clear_object (&a->http);
  g_free (a->path);
  g_free (a);
}

/* The admitted attendee: the admission's patron and section, with what the desk knew
 * (a section outside the token's stays not valid here). */
static BoxAttendee *
admitted_attendee (BoxCheckin            *checkin,
                   BoxTicketingAdmission *admission)
{
  BoxAttendee *known = box_checkin_get_attendee (checkin);
  BoxAttendee *attendee = admission->attendee;

  if (attendee == NULL)
    return NULL;
  if (known != NULL)
    {
      box_attendee_set_valid_here (attendee, box_attendee_get_valid_here (known));
      if (box_attendee_get_ticket_type (attendee) == NULL)
        box_attendee_set_ticket_type (attendee, box_attendee_get_ticket_type (known));
    }
  return g_object_ref (attendee);
}

static void
finish_admit (GTask            *task,
              BoxCheckinResult  result,
              const char       *message,
              BoxAttendee      *attendee)
{
  Admit *a = g_task_get_task_data (task);

  box_checkin_set_result (a->checkin, result);
  box_checkin_set_message (a->checkin, message);
  if (attendee != NULL)
    box_checkin_set_attendee (a->checkin, attendee);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  BoxTicketing *self = g_task_get_source_object (task);
  Admit *a = g_task_get_task_data (task);
  BoxAttendee *known = box_checkin_get_attendee (a->checkin);
  BoxTicketingAdmission *admission = NULL;
  g_autoptr(BoxAttendee) attendee = NULL;
  Page *page;
  GError *error = NULL;

  page = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (page == NULL)
    {
      fail (self, task, error, g_hash_table_contains (self->token_http, box_checkin_get_event_id (a->checkin)));
      return;
    }

  /* The first admission of this serial is the one that counts. */
  for (guint i = 0; i < page->items->len && admission == NULL; i++)
    {
      BoxTicketingAdmission *candidate = g_ptr_array_index (page->items, i);

      if (g_ascii_strcasecmp (candidate->serial, box_checkin_get_code (a->checkin)) == 0)
        admission = candidate;
    }

  if (admission != NULL)
    {
      g_autoptr(GDateTime) at = admission->admitted > 0 ? g_date_time_new_from_unix_local (admission->admitted) : NULL;
      g_autofree char *when = at ? g_date_time_format (at, "%H:%M") : NULL;
      g_autofree char *message = NULL;
      /* Our own earlier attempt, whose answer was lost. */
      gboolean ours = box_checkin_get_attempts (a->checkin) > 1 &&
                      g_strcmp0 (admission->device, device_name (a->checkin)) == 0 &&
                      admission->admitted >= box_checkin_get_created_at (a->checkin) - 60;

      attendee = admitted_attendee (a->checkin, admission);
      if (ours)
        {
          page_free (page);
          finish_admit (task, BOX_CHECKIN_RESULT_OK, _("Admitted."), attendee);
          return;
        }
      if (when != NULL && admission->device != NULL && *admission->device != '\0')
        message = g_strdup_printf (_("Already admitted at %s by %s."), when, admission->device);
      else if (when != NULL)
        message = g_strdup_printf (_("Already admitted at %s."), when);
      else
        message = g_strdup (_("Already admitted."));
      page_free (page);
      finish_admit (task, BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN, message, attendee);
      return;
    }
  page_free (page);

  /* Not admitted, and TickeTing would not: why, as far as the desk can tell. */
  if (known != NULL && box_attendee_get_status (known) == BOX_ATTENDEE_STATUS_CANCELLED)
    finish_admit (task, BOX_CHECKIN_RESULT_UNPAID, _("This ticket was refunded or voided. It does not allow entry."), NULL);
  else if (known != NULL && box_attendee_get_status (known) == BOX_ATTENDEE_STATUS_PENDING)
    finish_admit (task, BOX_CHECKIN_RESULT_UNPAID, _("This ticket is being transferred to someone else. It allows entry once the transfer is claimed or cancelled."), NULL);
  else if (known != NULL)
    finish_admit (task, BOX_CHECKIN_RESULT_UNPAID, _("TickeTing refused this ticket: it may have been voided or transferred since the last sync. Sync, then look again."), NULL);
  else if (token_for_event (self, box_checkin_get_event_id (a->checkin)) != NULL)
    finish_admit (task, BOX_CHECKIN_RESULT_PRODUCT, _("Not valid at this entrance: this desk admits only some sections, and this ticket is not one of them (or not a ticket of this event)."), NULL);
  else
    finish_admit (task, BOX_CHECKIN_RESULT_UNKNOWN, _("TickeTing does not know this ticket for this event."), NULL);
}

static void
admissions_posted_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  BoxTicketing *self = g_task_get_source_object (task);
  Admit *a = g_task_get_task_data (task);
  const char *code = box_checkin_get_code (a->checkin);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  Page *page;
  GError *error = NULL;

  page = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (page != NULL)
    {
      for (guint i = 0; i < page->items->len; i++)
        {
          BoxTicketingAdmission *admission = g_ptr_array_index (page->items, i);

          if (g_ascii_strcasecmp (admission->serial, code) == 0)
            {
              g_autoptr(BoxAttendee) attendee = admitted_attendee (a->checkin, admission);
              page_free (page);
              finish_admit (task, BOX_CHECKIN_RESULT_OK, _("Admitted."), attendee);
              return;
            }
        }
      page_free (page);
    }
  else if (!g_error_matches (error, BOX_ERROR, BOX_ERROR_FAILED))
    {
      /* 400 is "none admitted"; anything else is a real failure. */
      fail (self, task, error, g_hash_table_contains (self->token_http, box_checkin_get_event_id (a->checkin)));
      return;
    }
  g_clear_error (&error);

  /* Not admitted now: look for an earlier admission of this serial. */
  escaped = g_uri_escape_string (code, NULL, FALSE);
  path = g_strdup_printf ("%s?ticket=%s&page=1&records=%u", a->path, escaped, LIST_PAGE_SIZE);
  box_http_request_parsed_async (a->http, "GET", path, NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                                 parse_page, page_request_new (PAGE_ADMISSIONS, NULL, NULL),
                                 (GDestroyNotify)page_request_free, (GDestroyNotify)page_free,
                                 g_task_get_cancellable (task), lookup_cb, task);
}

static void
box_ticketing_check_in_async (BoxProvider         *provider,
                              BoxCheckin          *checkin,
                              GHashTable          *answers,
                              gboolean             force,
                              gboolean             ignore_unpaid,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  BoxTicketing *self = BOX_TICKETING (provider);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;
  g_autofree char *escaped = NULL;
  GTask *task;
  Admit *a;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_ticketing_check_in_async);

  if (box_checkin_get_action (checkin) != BOX_CHECKIN_ACTION_CHECK_IN)
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                               _("TickeTing cannot undo an admission."));
      g_object_unref (task);
      return;
    }

  a = g_new0 (Admit, 1);
  a->checkin = g_object_ref (checkin);
  a->http = g_object_ref (admit_http (self, box_checkin_get_event_id (checkin)));
  escaped = g_uri_escape_string (box_checkin_get_event_id (checkin), NULL, FALSE);
  a->path = g_strdup_printf ("/events/%s/admissions", escaped);
  g_task_set_task_data (task, a, (GDestroyNotify)admit_free);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "redeemer");
  json_builder_add_string_value (builder, self->display_name ? self->display_name : device_name (checkin));
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, device_name (checkin));
  json_builder_set_member_name (builder, "serials");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, box_checkin_get_code (checkin));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_body (builder);

  /* Not retried here: a retry after a lost answer finds its admission in the lookup. */
  box_http_request_parsed_async (a->http, "POST", a->path, body, "application/json",
                                 BOX_HTTP_FLAGS_NONE, parse_page, page_request_new (PAGE_ADMISSIONS, NULL, NULL),
                                 (GDestroyNotify)page_request_free,
                                 (GDestroyNotify)page_free, cancellable, admissions_posted_cb, task);
}

static gboolean
box_ticketing_check_in_finish (BoxProvider   *provider,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Statistics ------------------------------------------------------------------------------ */

static void
statistics_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  BoxEventStats *stats;
  GError *error = NULL;

  stats = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (stats == NULL)
    {
      fail (g_task_get_source_object (task), task, error, FALSE);
      return;
    }
  g_task_return_pointer (task, stats, g_object_unref);
  g_object_unref (task);
}

static void
box_ticketing_fetch_statistics_async (BoxProvider         *provider,
                                      const char          *event_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  BoxTicketing *self = BOX_TICKETING (provider);
  g_autofree char *escaped = g_uri_escape_string (event_id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/events/%s/statistics", escaped);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, box_ticketing_fetch_statistics_async);
  box_http_request_parsed_async (self->http, "GET", path, NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                                 parse_statistics, NULL, NULL, g_object_unref,
                                 cancellable, statistics_cb, task);
}

static BoxEventStats *
box_ticketing_fetch_statistics_finish (BoxProvider   *provider,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
provider_iface_init (BoxProviderInterface *iface)
{
  iface->get_flags = box_ticketing_get_flags;
  iface->sign_in_async = box_ticketing_sign_in_async;
  iface->sign_in_finish = box_ticketing_sign_in_finish;
  iface->list_events_async = box_ticketing_list_events_async;
  iface->list_events_finish = box_ticketing_list_events_finish;
  iface->fetch_attendees_async = box_ticketing_fetch_attendees_async;
  iface->fetch_attendees_finish = box_ticketing_fetch_attendees_finish;
  iface->check_in_async = box_ticketing_check_in_async;
  iface->check_in_finish = box_ticketing_check_in_finish;
  iface->fetch_statistics_async = box_ticketing_fetch_statistics_async;
  iface->fetch_statistics_finish = box_ticketing_fetch_statistics_finish;
  iface->sign_out_async = box_ticketing_sign_out_async;
  iface->sign_out_finish = box_ticketing_sign_out_finish;
}
