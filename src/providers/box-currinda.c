/* box-currinda.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-currinda"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-currinda.h"
#include "box-currinda-parser.h"
#include "box-error.h"
#include "box-event.h"
#include "box-http.h"
#include "box-json-read.h"

/* Currinda API v0.1. Each organisation has its own site (the account's base URL); a
 * person signs in there with OAuth2 (SITE/api/authorize, SITE/api/token) for scopes
 * "event-{id}" (their registration for an event) and "org-{id}" (their membership of
 * an organisation), joined with ",". The API then shows only that person's own data:
 * GET SITE/api/event/{id} and GET SITE/api/organisation/{id}, with the token as
 * "Authorization: Bearer" (the site also takes ?access_token=).
 *
 * So an account is one delegate, and each scope is one event of one attendee
 * (DELEGATE_ONLY): "{id}" for an event, "org-{id}" for a membership. There is no
 * check-in API: the desk keeps check-ins on this computer.
 *
 * The secret kept for the account is JSON: {"access_token","refresh_token" (when
 * Currinda gave one),"client_id","client_secret","scope"}. Currinda's tokens expire
 * (the token answer has expires_in and a refresh_token): a 401 is answered by one
 * refresh and the request again, and the renewed secret goes out through
 * BoxProvider::secret-changed for the desk to keep. A revoked token, or a refresh that
 * fails, is "connect the account again". */

struct _BoxCurrinda
{
  GObject     parent_instance;

  BoxAccount *account;
  BoxHttp    *http;
  char       *access_token;
  char       *refresh_token;
  char       *client_id;
  char       *client_secret;
  char       *scope;
  char      **scopes;       /* "event-42", "org-19" */
};

static void provider_iface_init (BoxProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BoxCurrinda, box_currinda, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BOX_TYPE_PROVIDER, provider_iface_init))

static void
clear_secret_text (char **text)
{
  if (*text != NULL)
    memset (*text, 0, strlen (*text));
  g_clear_pointer (text, g_free);
}

static void
box_currinda_finalize (GObject *object)
{
  BoxCurrinda *self = (BoxCurrinda *)object;

  g_clear_object (&self->account);
  g_clear_object (&self->http);
  clear_secret_text (&self->access_token);
  clear_secret_text (&self->refresh_token);
  g_free (self->client_id);
  clear_secret_text (&self->client_secret);
  g_free (self->scope);
  g_strfreev (self->scopes);
  G_OBJECT_CLASS (box_currinda_parent_class)->finalize (object);
}

static void
box_currinda_class_init (BoxCurrindaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = box_currinda_finalize;
}

static void
box_currinda_init (BoxCurrinda *self)
{
}

/* The site's address: required (there is no default), https (or http to this computer). */
static gboolean
check_site (const char  *base_url,
            GError     **error)
{
  if (base_url == NULL || *base_url == '\0')
    {
      g_set_error_literal (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                           _("Enter the address of your Currinda site, like https://example.currinda.com"));
      return FALSE;
    }
  return box_http_check_base_url (base_url, error);
}

static BoxHttp *
new_http (BoxCurrinda  *self,
          const char   *access_token,
          GError      **error)
{
  BoxHttp *http = box_http_new ("Currinda", box_account_get_base_url (self->account), error);
  g_autofree char *bearer = NULL;

  if (http == NULL)
    return NULL;
  box_http_set_error_reader (http, box_currinda_read_error);
  box_http_set_header (http, "Accept", "application/json");
  if (access_token != NULL)
    {
      bearer = g_strconcat ("Bearer ", access_token, NULL);
      box_http_set_header (http, "Authorization", bearer);
      memset (bearer, 0, strlen (bearer));
    }
  return http;
}

/* The secret ------------------------------------------------------------------------------ */

static gboolean
read_secret (BoxCurrinda  *self,
             const char   *secret,
             GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (secret == NULL)
    return TRUE;

  root = json_from_string (secret, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto missing;
  object = json_node_get_object (root);
  self->access_token = box_json_member_text (object, "access_token");
  self->refresh_token = box_json_member_text (object, "refresh_token");
  self->client_id = box_json_member_text (object, "client_id");
  self->client_secret = box_json_member_text (object, "client_secret");
  self->scope = box_json_member_text (object, "scope");
  if (self->access_token == NULL || *self->access_token == '\0' ||
      (self->scopes = box_currinda_split_scope (self->scope, NULL)) == NULL)
    goto missing;
  return TRUE;

missing:
  g_set_error_literal (error, BOX_ERROR, BOX_ERROR_SECRETS,
                       _("The Currinda account’s sign-in is missing from the keyring or damaged. Connect the account again."));
  return FALSE;
}

/* The secret kept for the account: the tokens, the client and the scope. */
static char *
write_secret (const char *access_token,
              const char *refresh_token,
              const char *client_id,
              const char *client_secret,
              const char *scope)
{
  return box_json_strings_object ("access_token", access_token, "refresh_token", refresh_token,
                                  "client_id", client_id, "client_secret", client_secret,
                                  "scope", scope, NULL);
}

/**
 * box_currinda_new:
 * @secret: (nullable): the secret sign-in returned (JSON), %NULL before sign-in
 */
BoxProvider *
box_currinda_new (BoxAccount  *account,
                  const char  *secret,
                  GError     **error)
{
  g_autoptr(BoxCurrinda) self = NULL;

  g_return_val_if_fail (BOX_IS_ACCOUNT (account), NULL);

  if (!check_site (box_account_get_base_url (account), error))
    return NULL;

  self = g_object_new (BOX_TYPE_CURRINDA, NULL);
  self->account = g_object_ref (account);
  if (!read_secret (self, secret, error))
    return NULL;
  self->http = new_http (self, self->access_token, error);
  if (self->http == NULL)
    return NULL;

  return BOX_PROVIDER (g_steal_pointer (&self));
}

/* The credentials' scope: "event" and "organisation" (digits), else "scope". */
static char *
credentials_scope (GHashTable  *credentials,
                   GError     **error)
{
  const char *event = g_hash_table_lookup (credentials, "event");
  const char *organisation = g_hash_table_lookup (credentials, "organisation");
  const char *scope = g_hash_table_lookup (credentials, "scope");
  g_auto(GStrv) scopes = NULL;

  if ((event != NULL && *event != '\0') || (organisation != NULL && *organisation != '\0') ||
      scope == NULL || *scope == '\0')
    return box_currinda_make_scope (event, organisation, error);
  if ((scopes = box_currinda_split_scope (scope, error)) == NULL)
    return NULL;
  return g_strjoinv (",", scopes);
}

static const char *
required_credential (GHashTable  *credentials,
                     const char  *name,
                     const char  *label,
                     GError     **error)
{
  const char *value = g_hash_table_lookup (credentials, name);

  if (value == NULL || *value == '\0')
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("Enter the %s that the Currinda site’s organisers gave for Box Office."), label);
      return NULL;
    }
  return value;
}

/**
 * box_currinda_oauth_setup:
 * @base_url: the Currinda site
 * @credentials: "client_id", "client_secret", and "event" and/or "organisation"
 *
 * Returns: (transfer full): where the browser signs in, for the scopes asked
 */
BoxOAuthEndpoints *
box_currinda_oauth_setup (const char  *base_url,
                          GHashTable  *credentials,
                          GError     **error)
{
  g_autofree char *site = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *token = NULL;
  g_autofree char *scope = NULL;
  const char *client_id;
  const char *client_secret;
  gsize len;

  if (!check_site (base_url, error))
    return NULL;
  /* TRANSLATORS: completes "Enter the %s that the Currinda site’s organisers gave" */
  if ((client_id = required_credential (credentials, "client_id", _("client ID"), error)) == NULL ||
      (client_secret = required_credential (credentials, "client_secret", _("client secret"), error)) == NULL)
    return NULL;
  if ((scope = credentials_scope (credentials, error)) == NULL)
    return NULL;

  len = strlen (base_url);
  while (len > 0 && base_url[len - 1] == '/')
    len--;
  site = g_strndup (base_url, len);
  authorize = g_strconcat (site, "/api/authorize", NULL);
  token = g_strconcat (site, "/api/token", NULL);
  return box_oauth_endpoints_new (authorize, token, client_id, client_secret, scope);
}

static BoxProviderFlags
box_currinda_get_flags (BoxProvider *provider)
{
  return BOX_PROVIDER_DELEGATE_ONLY;
}

/* Requests --------------------------------------------------------------------------------- */

/* What one scope reads: "event-42" -> /api/event/42, "org-19" -> /api/organisation/19. */
typedef struct
{
  gboolean  organisation;
  char     *id;             /* the digits */
} Target;

static void
target_clear (Target *t)
{
  g_clear_pointer (&t->id, g_free);
}

static void
target_from_scope (const char *scope,
                   Target     *t)
{
  t->organisation = g_str_has_prefix (scope, "org-");
  t->id = g_strdup (scope + (t->organisation ? strlen ("org-") : strlen ("event-")));
}

/* The BoxEvent id of a scope's event: "42", or "org-19". */
static gboolean
target_from_event_id (const char *event_id,
                      Target     *t)
{
  if (event_id == NULL)
    return FALSE;
  t->organisation = g_str_has_prefix (event_id, "org-");
  t->id = g_strdup (event_id + (t->organisation ? strlen ("org-") : 0));
  return *t->id != '\0';
}

static char *
target_path (const Target *t)
{
  g_autofree char *escaped = g_uri_escape_string (t->id, NULL, FALSE);

  return g_strdup_printf (t->organisation ? "/api/organisation/%s" : "/api/event/%s", escaped);
}

typedef struct
{
  gboolean  organisation;
  char     *id;
} ParseRequest;

static void
parse_request_free (ParseRequest *p)
{
  g_free (p->id);
  g_free (p);
}

typedef struct
{
  BoxAttendee *attendee;
  char        *organisation;
} Person;

static void
person_free (Person *p)
{
  g_clear_object (&p->attendee);
  g_free (p->organisation);
  g_free (p);
}

/* Runs in a worker thread. */
static gpointer
parse_person (GBytes   *body,
              gpointer  user_data,
              GError  **error)
{
  ParseRequest *request = user_data;
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  Person *person = g_new0 (Person, 1);

  if (request->organisation)
    person->attendee = box_currinda_parse_membership (data, len, request->id, &person->organisation, error);
  else
    person->attendee = box_currinda_parse_registration (data, len, request->id, error);
  if (person->attendee == NULL)
    {
      person_free (person);
      return NULL;
    }
  return person;
}

static void
request_person (BoxHttp             *http,
                const Target        *t,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autofree char *path = target_path (t);
  ParseRequest *request = g_new0 (ParseRequest, 1);

  request->organisation = t->organisation;
  request->id = g_strdup (t->id);
  box_http_request_parsed_async (http, "GET", path, NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                                 parse_person, request, (GDestroyNotify)parse_request_free,
                                 (GDestroyNotify)person_free, cancellable, callback, user_data);
}

/* A person's data with the account's token; a token past its lifetime is renewed once
 * with the refresh token, the new secret announced (BoxProvider::secret-changed) for the
 * desk to keep, and the request made again. */
typedef struct
{
  Target  target;
  GError *first_error;      /* the 401 that led to the refresh */
  gboolean renewed;
} GetPerson;

static void
get_person_free (GetPerson *g)
{
  target_clear (&g->target);
  g_clear_error (&g->first_error);
  g_free (g);
}

static void got_person_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static BoxOAuthEndpoints *box_currinda_get_delegate_oauth (BoxProvider *provider, GError **error);

static void
renewed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  BoxCurrinda *self = g_task_get_source_object (task);
  GetPerson *g = g_task_get_task_data (task);
  g_autoptr(GHashTable) token = NULL;
  g_autofree char *bearer = NULL;
  g_autofree char *secret = NULL;
  const char *access_token;
  const char *refresh_token;
  GError *error = NULL;

  token = box_oauth_refresh_finish (result, &error);
  access_token = token ? g_hash_table_lookup (token, "access_token") : NULL;
  if (access_token == NULL || *access_token == '\0')
    {
      /* Cancelled stays cancelled; otherwise the 401 says what to do. */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Currinda refresh: %s", error->message);
      if (error == NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&error);
          error = g_steal_pointer (&g->first_error);
        }
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  clear_secret_text (&self->access_token);
  self->access_token = g_strdup (access_token);
  /* A server may hand out a new refresh token each time (the old one is then used up). */
  refresh_token = g_hash_table_lookup (token, "refresh_token");
  if (refresh_token != NULL && *refresh_token != '\0')
    {
      clear_secret_text (&self->refresh_token);
      self->refresh_token = g_strdup (refresh_token);
    }
  bearer = g_strconcat ("Bearer ", self->access_token, NULL);
  box_http_set_header (self->http, "Authorization", bearer);
  memset (bearer, 0, strlen (bearer));

  secret = write_secret (self->access_token, self->refresh_token, self->client_id,
                         self->client_secret, self->scope);
  g_signal_emit_by_name (self, "secret-changed", secret);
  memset (secret, 0, strlen (secret));

  g->renewed = TRUE;
  request_person (self->http, &g->target, g_task_get_cancellable (task), got_person_cb, task);
}

static void
got_person_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  BoxCurrinda *self = g_task_get_source_object (task);
  GetPerson *g = g_task_get_task_data (task);
  g_autoptr(BoxOAuthEndpoints) endpoints = NULL;
  Person *person;
  GError *error = NULL;

  person = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (person != NULL)
    {
      g_task_return_pointer (task, person, (GDestroyNotify)person_free);
      g_object_unref (task);
      return;
    }
  if (g->renewed || !g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS) ||
      self->refresh_token == NULL ||
      (endpoints = box_currinda_get_delegate_oauth (BOX_PROVIDER (self), NULL)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g->first_error = error;
  box_oauth_refresh_async ("Currinda", endpoints, self->refresh_token,
                           g_task_get_cancellable (task), renewed_cb, task);
}

static void
get_person_async (BoxCurrinda         *self,
                  const Target        *target,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GetPerson *g = g_new0 (GetPerson, 1);

  g_task_set_source_tag (task, get_person_async);
  g->target.organisation = target->organisation;
  g->target.id = g_strdup (target->id);
  g_task_set_task_data (task, g, (GDestroyNotify)get_person_free);
  request_person (self->http, &g->target, cancellable, got_person_cb, task);
}

static Person *
get_person_finish (BoxCurrinda   *self,
                   GAsyncResult  *result,
                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* What Currinda's refusals mean for the person at the desk. */
static GError *
explain_error (GError       *error,
               const Target *t,
               const char   *scope)
{
  GError *explained = NULL;

  if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS))
    explained = g_error_new_literal (BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                                     _("Currinda no longer accepts this sign-in (401). Connect the account again."));
  else if (g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION))
    explained = g_error_new (BOX_ERROR, BOX_ERROR_PERMISSION,
                             t->organisation
                             ? _("Currinda did not show organisation %s: this sign-in is for %s only (403). Connect the account again for that organisation.")
                             : _("Currinda did not show event %s: this sign-in is for %s only (403). Connect the account again for that event."),
                             t->id, scope ? scope : "");
  else if (g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND))
    explained = g_error_new (BOX_ERROR, BOX_ERROR_NOT_FOUND,
                             t->organisation
                             ? _("Currinda has no membership of this person in organisation %s (404). Check the organisation number.")
                             : _("Currinda has no registration of this person for event %s (404). Check the event number, or register on the site first."),
                             t->id);
  if (explained == NULL)
    return error;
  g_error_free (error);
  return explained;
}

/* Sign-in ---------------------------------------------------------------------------------- */

typedef struct
{
  BoxHttp *http;
  Target   target;
  char    *secret;
  char    *scope;
} SignIn;

static void
sign_in_free (SignIn *s)
{
  g_clear_object (&s->http);
  target_clear (&s->target);
  clear_secret_text (&s->secret);
  g_free (s->scope);
  g_free (s);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  SignIn *s = g_task_get_task_data (task);
  Person *person;
  GError *error = NULL;

  person = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (person == NULL)
    {
      g_task_return_error (task, explain_error (error, &s->target, s->scope));
      g_object_unref (task);
      return;
    }
  person_free (person);
  g_task_return_pointer (task, g_steal_pointer (&s->secret), g_free);
  g_object_unref (task);
}

static void
box_currinda_sign_in_async (BoxProvider         *provider,
                            GHashTable          *credentials,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  BoxCurrinda *self = BOX_CURRINDA (provider);
  const char *access_token = g_hash_table_lookup (credentials, "access_token");
  g_auto(GStrv) scopes = NULL;
  GError *error = NULL;
  GTask *task;
  SignIn *s;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_currinda_sign_in_async);
  s = g_new0 (SignIn, 1);
  g_task_set_task_data (task, s, (GDestroyNotify)sign_in_free);

  if (access_token == NULL || *access_token == '\0')
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                               _("Currinda gave no access token. Connect the account again and sign in at the site."));
      g_object_unref (task);
      return;
    }
  if ((s->scope = credentials_scope (credentials, &error)) == NULL ||
      (scopes = box_currinda_split_scope (s->scope, &error)) == NULL ||
      (s->http = new_http (self, access_token, &error)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  s->secret = write_secret (access_token, g_hash_table_lookup (credentials, "refresh_token"),
                            g_hash_table_lookup (credentials, "client_id"),
                            g_hash_table_lookup (credentials, "client_secret"), s->scope);
  /* One request: the first scope's data, read as the sync will read it. */
  target_from_scope (scopes[0], &s->target);
  request_person (s->http, &s->target, cancellable, signed_in_cb, task);
}

static char *
box_currinda_sign_in_finish (BoxProvider   *provider,
                             GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Sign-out: Currinda has no endpoint that revokes a token; the site's own session is the
 * browser's (box_currinda_logout_url()). */
static void
box_currinda_sign_out_async (BoxProvider         *provider,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (provider, cancellable, callback, user_data);

  g_task_set_source_tag (task, box_currinda_sign_out_async);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static gboolean
box_currinda_sign_out_finish (BoxProvider   *provider,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Delegates on a self-service screen ------------------------------------------------------- */

/* The account's own client and scope; the site asks for the delegate's password even
 * when a browser session is still open. */
static BoxOAuthEndpoints *
box_currinda_get_delegate_oauth (BoxProvider  *provider,
                                 GError      **error)
{
  BoxCurrinda *self = BOX_CURRINDA (provider);
  const char *base_url = box_account_get_base_url (self->account);
  g_autofree char *authorize = NULL;
  g_autofree char *token = NULL;
  BoxOAuthEndpoints *endpoints;
  gsize len;

  if (!check_site (base_url, error))
    return NULL;
  if (self->client_id == NULL || self->client_secret == NULL || self->scope == NULL)
    {
      g_set_error_literal (error, BOX_ERROR, BOX_ERROR_SECRETS,
                           _("The Currinda account’s client is missing from the keyring. Connect the account again."));
      return NULL;
    }
  len = strlen (base_url);
  while (len > 0 && base_url[len - 1] == '/')
    len--;
  authorize = g_strdup_printf ("%.*s/api/authorize", (int)len, base_url);
  token = g_strdup_printf ("%.*s/api/token", (int)len, base_url);
  endpoints = box_oauth_endpoints_new (authorize, token, self->client_id, self->client_secret,
                                       self->scope);
  endpoints->prompt = g_strdup ("login");
  return endpoints;
}

static char *
box_currinda_get_logout_uri (BoxProvider *provider,
                             const char  *redirect)
{
  BoxCurrinda *self = BOX_CURRINDA (provider);

  return box_currinda_logout_url (box_account_get_base_url (self->account), redirect);
}

/* Events ----------------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *events;
  guint      next;          /* the next scope */
  Target     target;        /* the organisation being read */
} ListEvents;

static void
list_events_free (ListEvents *l)
{
  g_clear_pointer (&l->events, g_ptr_array_unref);
  target_clear (&l->target);
  g_free (l);
}

/* The name the person gave the account, or NULL when it is the provider's. */
static const char *
given_name (BoxCurrinda *self)
{
  const char *name = box_account_get_name (self->account);

  if (name == NULL || *name == '\0' || g_strcmp0 (name, box_provider_kind_get_label ("currinda")) == 0 ||
      g_strcmp0 (name, "Currinda") == 0)
    return NULL;
  return name;
}

static void list_next (GTask *task);

static void
organisation_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  BoxCurrinda *self = g_task_get_source_object (task);
  ListEvents *l = g_task_get_task_data (task);
  g_autofree char *event_id = g_strdup_printf ("org-%s", l->target.id);
  g_autofree char *name = NULL;
  Person *person;
  GError *error = NULL;

  person = get_person_finish (self, result, &error);
  if (person == NULL && !g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND) &&
      !g_error_matches (error, BOX_ERROR, BOX_ERROR_MALFORMED))
    {
      g_task_return_error (task, explain_error (error, &l->target, self->scope));
      g_object_unref (task);
      return;
    }
  /* No membership (yet), or a reply without the organisation's name: the event is
   * listed anyway, and its sync says what is wrong. */
  g_clear_error (&error);

  if (person != NULL && person->organisation != NULL)
    /* TRANSLATORS: the event of a Currinda membership, e.g. "Test Org membership" */
    name = g_strdup_printf (_("%s membership"), person->organisation);
  else
    name = g_strdup_printf (_("Currinda organisation %s"), l->target.id);
  g_ptr_array_add (l->events, box_event_new (box_account_get_id (self->account), event_id, name));
  g_clear_pointer (&person, person_free);
  target_clear (&l->target);
  list_next (task);
}

static void
list_next (GTask *task)
{
  BoxCurrinda *self = g_task_get_source_object (task);
  ListEvents *l = g_task_get_task_data (task);

  while (self->scopes[l->next] != NULL)
    {
      const char *scope = self->scopes[l->next++];
      g_autofree char *name = NULL;
      Target t = { 0 };

      target_from_scope (scope, &t);
      if (t.organisation)
        {
          l->target = t;
          get_person_async (self, &l->target, g_task_get_cancellable (task), organisation_cb, task);
          return;
        }
      /* The API says nothing of the event itself, not even its name: the account's
       * name (what the person called it) stands for it. */
      if (given_name (self) != NULL)
        name = g_strdup (given_name (self));
      else
        name = g_strdup_printf (_("Currinda event %s"), t.id);
      g_ptr_array_add (l->events, box_event_new (box_account_get_id (self->account), t.id, name));
      target_clear (&t);
    }

  g_task_return_pointer (task, g_steal_pointer (&l->events), (GDestroyNotify)g_ptr_array_unref);
  g_object_unref (task);
}

static void
box_currinda_list_events_async (BoxProvider         *provider,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  BoxCurrinda *self = BOX_CURRINDA (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ListEvents *l;

  g_task_set_source_tag (task, box_currinda_list_events_async);
  if (self->scopes == NULL)
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_SECRETS,
                               _("The Currinda account is not signed in. Connect the account again."));
      g_object_unref (task);
      return;
    }
  l = g_new0 (ListEvents, 1);
  l->events = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, l, (GDestroyNotify)list_events_free);
  list_next (task);
}

static GPtrArray *
box_currinda_list_events_finish (BoxProvider   *provider,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Attendees -------------------------------------------------------------------------------- */

typedef struct
{
  Target target;
} Fetch;

static void
fetch_free (Fetch *f)
{
  target_clear (&f->target);
  g_free (f);
}

static void
person_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  BoxCurrinda *self = g_task_get_source_object (task);
  Fetch *f = g_task_get_task_data (task);
  BoxAttendeePage *page;
  Person *person;
  GError *error = NULL;

  person = get_person_finish (self, result, &error);
  if (person == NULL)
    {
      g_task_return_error (task, explain_error (error, &f->target, self->scope));
      g_object_unref (task);
      return;
    }

  /* The signed-in person is the whole list. */
  page = g_new0 (BoxAttendeePage, 1);
  page->attendees = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (page->attendees, g_steal_pointer (&person->attendee));
  page->complete = TRUE;
  page->total = 1;
  person_free (person);
  g_task_return_pointer (task, page, (GDestroyNotify)box_attendee_page_free);
  g_object_unref (task);
}

static void
box_currinda_fetch_attendees_async (BoxProvider         *provider,
                                    const char          *event_id,
                                    const char          *cursor,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  BoxCurrinda *self = BOX_CURRINDA (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Fetch *f = g_new0 (Fetch, 1);

  g_task_set_source_tag (task, box_currinda_fetch_attendees_async);
  g_task_set_task_data (task, f, (GDestroyNotify)fetch_free);
  if (!target_from_event_id (event_id, &f->target))
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_NOT_FOUND,
                               _("Currinda has no event “%s”."), event_id ? event_id : "");
      g_object_unref (task);
      return;
    }
  get_person_async (self, &f->target, cancellable, person_cb, task);
}

static BoxAttendeePage *
box_currinda_fetch_attendees_finish (BoxProvider   *provider,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Check-in: none at Currinda; the desk keeps it (never called without CAN_CHECK_IN). */

static void
box_currinda_check_in_async (BoxProvider         *provider,
                             BoxCheckin          *checkin,
                             GHashTable          *answers,
                             gboolean             force,
                             gboolean             ignore_unpaid,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_task_report_new_error (provider, callback, user_data, box_currinda_check_in_async,
                           BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                           _("Currinda has no check-in: check-ins are kept on this computer."));
}

static gboolean
box_currinda_check_in_finish (BoxProvider   *provider,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
provider_iface_init (BoxProviderInterface *iface)
{
  iface->get_flags = box_currinda_get_flags;
  iface->sign_in_async = box_currinda_sign_in_async;
  iface->sign_in_finish = box_currinda_sign_in_finish;
  iface->list_events_async = box_currinda_list_events_async;
  iface->list_events_finish = box_currinda_list_events_finish;
  iface->fetch_attendees_async = box_currinda_fetch_attendees_async;
  iface->fetch_attendees_finish = box_currinda_fetch_attendees_finish;
  iface->check_in_async = box_currinda_check_in_async;
  iface->check_in_finish = box_currinda_check_in_finish;
  iface->sign_out_async = box_currinda_sign_out_async;
  iface->sign_out_finish = box_currinda_sign_out_finish;
  iface->get_delegate_oauth = box_currinda_get_delegate_oauth;
  iface->get_logout_uri = box_currinda_get_logout_uri;
}
