/* box-floktu.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-floktu"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-error.h"
#include "box-event.h"
#include "box-floktu.h"
#include "box-floktu-parser.h"
#include "box-http.h"
#include "box-json-read.h"

/* Floktu API v2. An account is connected with OAuth2 in the browser (authorize and
 * token below the API's address, no scope); the token never expires and there is no
 * refresh token. Every request carries "Authorization: Bearer". The secret kept for the
 * account is JSON: {"access_token","client_id","client_secret"}.
 *
 * Floktu has no check-in API: the desk keeps check-ins on this computer.
 *
 * Attendees come from the orders: GET /events/{e}/orders lists them (no pagination),
 * then GET /events/{e}/orders/{o} gives each order's attendees, one request per order,
 * at most BOX_HTTP_MAX_CONNS_PER_HOST at a time. A sync returns them in pages of
 * BOX_FLOKTU_ORDERS_PER_PAGE orders, so that the desk saves and shows progress as they
 * come; the order list is kept here between the pages of a sync.
 *
 * Floktu cannot say what changed since a time, so the cursor saved after a sync is the
 * set of orders it fetched ("floktu1:1-4000,4005"): the next sync fetches the details
 * of the other orders only (new ones), and a full sync (no cursor) all of them. While a
 * sync goes on, the cursor of its next page is "floktu1-page:MODE;BASE;DONE;SKIPPED":
 * f(ull) or n(ew orders only), the saved set it started from, the orders fetched so far
 * and those that had gone (404) when their details were asked for. */

#define CURSOR_PREFIX "floktu1:"
#define PAGE_CURSOR_PREFIX "floktu1-page:"

struct _BoxFloktu
{
  GObject     parent_instance;

  BoxAccount *account;
  BoxHttp    *http;
  char       *access_token;
  char       *client_id;
  char       *client_secret;
  GHashTable *order_lists;     /* event id -> GPtrArray of BoxFloktuOrder, during a sync */
};

static void provider_iface_init (BoxProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BoxFloktu, box_floktu, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BOX_TYPE_PROVIDER, provider_iface_init))

static void
box_floktu_finalize (GObject *object)
{
  BoxFloktu *self = (BoxFloktu *)object;

  g_clear_object (&self->account);
  g_clear_object (&self->http);
  if (self->access_token != NULL)
    memset (self->access_token, 0, strlen (self->access_token));
  g_free (self->access_token);
  g_free (self->client_id);
  if (self->client_secret != NULL)
    memset (self->client_secret, 0, strlen (self->client_secret));
  g_free (self->client_secret);
  g_clear_pointer (&self->order_lists, g_hash_table_unref);
  G_OBJECT_CLASS (box_floktu_parent_class)->finalize (object);
}

static void
box_floktu_class_init (BoxFloktuClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = box_floktu_finalize;
}

static void
box_floktu_init (BoxFloktu *self)
{
  self->order_lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify)g_ptr_array_unref);
}

static BoxHttp *
new_http (BoxFloktu   *self,
          const char  *access_token,
          GError     **error)
{
  BoxHttp *http = box_http_new ("Floktu", box_account_get_base_url (self->account), error);

  if (http == NULL)
    return NULL;
  box_http_set_error_reader (http, box_floktu_read_error);
  box_http_set_header (http, "Accept", "application/json");
  if (access_token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", access_token, NULL);
      box_http_set_header (http, "Authorization", bearer);
    }
  return http;
}

/* The secret ------------------------------------------------------------------------------ */

static gboolean
read_secret (BoxFloktu   *self,
             const char  *secret,
             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = NULL;

  if (secret == NULL || *secret == '\0')
    return TRUE;

  root = json_from_string (secret, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    object = json_node_get_object (root);
  self->access_token = box_json_member_text (object, "access_token");
  if (self->access_token == NULL || *self->access_token == '\0')
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_SECRETS,
                   _("The Floktu account’s access token is missing from the keyring. Remove the account and connect it again."));
      return FALSE;
    }
  self->client_id = box_json_member_text (object, "client_id");
  self->client_secret = box_json_member_text (object, "client_secret");
  return TRUE;
}

/**
 * box_floktu_new:
 * @secret: (nullable): the secret sign-in returned (JSON)
 */
BoxProvider *
box_floktu_new (BoxAccount  *account,
                const char  *secret,
                GError     **error)
{
  g_autoptr(BoxFloktu) self = NULL;

  g_return_val_if_fail (BOX_IS_ACCOUNT (account), NULL);

  self = g_object_new (BOX_TYPE_FLOKTU, NULL);
  self->account = g_object_ref (account);
  if (!read_secret (self, secret, error))
    return NULL;
  self->http = new_http (self, self->access_token, error);
  if (self->http == NULL)
    return NULL;
  return BOX_PROVIDER (g_steal_pointer (&self));
}

/* A typed credential, trimmed; NULL when missing or blank. */
static char *
credential (GHashTable *credentials,
            const char *name)
{
  const char *value = credentials ? g_hash_table_lookup (credentials, name) : NULL;
  char *text;

  if (value == NULL)
    return NULL;
  text = g_strstrip (g_strdup (value));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/**
 * box_floktu_oauth_setup:
 * @base_url: (nullable): the API's address; Floktu's own when %NULL
 * @credentials: "client_id" and "client_secret" of the application registered at Floktu
 *
 * Returns: (transfer full) (nullable): BASE/authorize and BASE/token, no scope
 */
BoxOAuthEndpoints *
box_floktu_oauth_setup (const char  *base_url,
                        GHashTable  *credentials,
                        GError     **error)
{
  g_autofree char *client_id = credential (credentials, "client_id");
  g_autofree char *client_secret = credential (credentials, "client_secret");
  g_autofree char *base = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *token = NULL;
  gsize len;

  if (client_id == NULL)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("Floktu needs the client id of the application Floktu registered for you (client_id). Ask Floktu support for API access."));
      return NULL;
    }
  if (client_secret == NULL)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("Floktu needs the client secret that came with the client id (client_secret). Ask Floktu support for API access."));
      return NULL;
    }

  if (base_url == NULL || *base_url == '\0')
    base_url = BOX_FLOKTU_DEFAULT_BASE_URL;
  if (!box_http_check_base_url (base_url, error))
    return NULL;
  len = strlen (base_url);
  while (len > 0 && base_url[len - 1] == '/')
    len--;
  base = g_strndup (base_url, len);
  authorize = g_strconcat (base, "/authorize", NULL);
  token = g_strconcat (base, "/token", NULL);
  return box_oauth_endpoints_new (authorize, token, client_id, client_secret, NULL);
}

static BoxProviderFlags
box_floktu_get_flags (BoxProvider *provider)
{
  /* No check-in API: the desk records check-ins (and undoes them) on this computer. */
  return BOX_PROVIDER_INCREMENTAL;
}

/* What Floktu's refusals mean for the person at the desk. */
static GError *
explain_error (GError   *error,
               gboolean  event)
{
  GError *explained = NULL;

  if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS))
    explained = g_error_new_literal (BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                                     _("Floktu no longer accepts this account’s access (401). Remove the account and connect it again."));
  else if (g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION))
    explained = g_error_new_literal (BOX_ERROR, BOX_ERROR_PERMISSION,
                                     event
                                     ? _("Floktu does not let this account read this event’s orders (403). Ask the event’s organiser for access.")
                                     : _("Floktu does not let this account do this (403). Ask the event’s organiser for access."));
  else if (event && g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND))
    explained = g_error_new_literal (BOX_ERROR, BOX_ERROR_NOT_FOUND,
                                     _("Floktu no longer knows this event (404): it may have been deleted. Refresh the list of events."));
  if (explained == NULL)
    return error;
  g_error_free (error);
  return explained;
}

static void
return_error (GTask  *task,
              GError *error,
              gboolean event)
{
  g_task_return_error (task, explain_error (error, event));
  g_object_unref (task);
}

/* Parse functions for box_http_request_parsed_async (they run in a worker thread). */

static gpointer
parse_events (GBytes   *body,
              gpointer  user_data,
              GError  **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  return box_floktu_parse_events (data, len, user_data, error);
}

/* Decimal ids in their order, then the others by their text: pages come in a stable
 * order even when the list is fetched again. */
static int
compare_orders (gconstpointer a,
                gconstpointer b)
{
  const char *x = (*(BoxFloktuOrder * const *)a)->id;
  const char *y = (*(BoxFloktuOrder * const *)b)->id;
  gsize lx = strspn (x, "0123456789");
  gsize ly = strspn (y, "0123456789");
  gboolean dx = x[lx] == '\0' && lx > 0 && lx < 19;
  gboolean dy = y[ly] == '\0' && ly > 0 && ly < 19;

  if (dx && dy)
    {
      guint64 vx = g_ascii_strtoull (x, NULL, 10);
      guint64 vy = g_ascii_strtoull (y, NULL, 10);

      return vx < vy ? -1 : vx > vy ? 1 : strcmp (x, y);
    }
  if (dx != dy)
    return dx ? -1 : 1;
  return strcmp (x, y);
}

static gpointer
parse_orders (GBytes   *body,
              gpointer  user_data,
              GError  **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  GPtrArray *orders = box_floktu_parse_orders (data, len, error);

  if (orders != NULL)
    g_ptr_array_sort (orders, compare_orders);
  return orders;
}

static gpointer
parse_order (GBytes   *body,
             gpointer  user_data,
             GError  **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  return box_floktu_parse_order (data, len, user_data, error);
}

static BoxFloktuOrder *
order_copy (const BoxFloktuOrder *order)
{
  BoxFloktuOrder *copy = g_new0 (BoxFloktuOrder, 1);

  copy->id = g_strdup (order->id);
  copy->email = g_strdup (order->email);
  copy->first_name = g_strdup (order->first_name);
  copy->last_name = g_strdup (order->last_name);
  return copy;
}

/* Sign-in --------------------------------------------------------------------------------- */

typedef struct
{
  BoxHttp *http;
  char    *access_token;
  char    *client_id;
  char    *client_secret;
} SignIn;

static void
sign_in_free (SignIn *s)
{
  g_clear_object (&s->http);
  if (s->access_token != NULL)
    memset (s->access_token, 0, strlen (s->access_token));
  g_free (s->access_token);
  g_free (s->client_id);
  if (s->client_secret != NULL)
    memset (s->client_secret, 0, strlen (s->client_secret));
  g_free (s->client_secret);
  g_free (s);
}

static void
token_checked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  SignIn *s = g_task_get_task_data (task);
  g_autoptr(GBytes) reply = NULL;
  GError *error = NULL;

  reply = box_http_request_finish (BOX_HTTP (object), result, &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS) ||
          g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION))
        {
          g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                                   _("Floktu did not accept the access it gave (%s). Connect the account again."),
                                   error->message);
          g_error_free (error);
          g_object_unref (task);
        }
      else
        return_error (task, error, FALSE);
      return;
    }
  g_task_return_pointer (task, box_json_strings_object ("access_token", s->access_token,
                                                       "client_id", s->client_id,
                                                       "client_secret", s->client_secret,
                                                       NULL),
                         g_free);
  g_object_unref (task);
}

static void
box_floktu_sign_in_async (BoxProvider         *provider,
                          GHashTable          *credentials,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  BoxFloktu *self = BOX_FLOKTU (provider);
  GError *error = NULL;
  GTask *task;
  SignIn *s;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_floktu_sign_in_async);
  s = g_new0 (SignIn, 1);
  g_task_set_task_data (task, s, (GDestroyNotify)sign_in_free);

  s->access_token = credential (credentials, "access_token");
  s->client_id = credential (credentials, "client_id");
  s->client_secret = credential (credentials, "client_secret");
  if (s->access_token == NULL)
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                               _("Floktu gave no access token. Connect the account in the browser again."));
      g_object_unref (task);
      return;
    }

  s->http = new_http (self, s->access_token, &error);
  if (s->http == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  /* One request: the token reads the events, or it is no good. */
  box_http_request_async (s->http, "GET", "/events", NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                          cancellable, token_checked_cb, task);
}

static char *
box_floktu_sign_in_finish (BoxProvider   *provider,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Events ---------------------------------------------------------------------------------- */

static void
events_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  GPtrArray *events;
  GError *error = NULL;

  events = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (events == NULL)
    {
      return_error (task, error, FALSE);
      return;
    }
  g_task_return_pointer (task, events, (GDestroyNotify)g_ptr_array_unref);
  g_object_unref (task);
}

static void
box_floktu_list_events_async (BoxProvider         *provider,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  BoxFloktu *self = BOX_FLOKTU (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, box_floktu_list_events_async);
  box_http_request_parsed_async (self->http, "GET", "/events", NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                                 parse_events, g_strdup (box_account_get_id (self->account)), g_free,
                                 (GDestroyNotify)g_ptr_array_unref, cancellable, events_cb, task);
}

static GPtrArray *
box_floktu_list_events_finish (BoxProvider   *provider,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Attendees ------------------------------------------------------------------------------- */

typedef struct
{
  char       *event_id;
  char       *escaped_event;
  gboolean    full;         /* every order, not only those not in @base */
  GHashTable *base;         /* orders fetched by the syncs before */
  GHashTable *done;         /* orders fetched by this sync, this page's included */
  GHashTable *skipped;      /* orders gone when their details were asked for */
  GPtrArray  *orders;       /* the event's orders (BoxFloktuOrder) */
  GPtrArray  *batch;        /* this page's orders (borrowed from @orders) */
  GPtrArray **results;      /* per order of @batch: its attendees */
  guint       next;         /* the next order of @batch to ask for */
  guint       in_flight;
  GError     *error;        /* the first failure; no new request once set */
} Fetch;

static void
fetch_free (Fetch *f)
{
  g_free (f->event_id);
  g_free (f->escaped_event);
  g_clear_pointer (&f->base, g_hash_table_unref);
  g_clear_pointer (&f->done, g_hash_table_unref);
  g_clear_pointer (&f->skipped, g_hash_table_unref);
  for (guint i = 0; f->results != NULL && i < f->batch->len; i++)
    g_clear_pointer (&f->results[i], g_ptr_array_unref);
  g_free (f->results);
  g_clear_pointer (&f->batch, g_ptr_array_unref);
  g_clear_pointer (&f->orders, g_ptr_array_unref);
  g_clear_error (&f->error);
  g_free (f);
}

static GHashTable *
new_id_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Reads @cursor into @f; anything unreadable is a full sync. Returns whether it is the
 * cursor of a page after the first (the order list may be kept). */
static gboolean
read_cursor (Fetch      *f,
             const char *cursor)
{
  f->full = TRUE;
  f->base = new_id_set ();
  f->done = new_id_set ();
  f->skipped = new_id_set ();

  if (cursor == NULL)
    return FALSE;

  if (g_str_has_prefix (cursor, CURSOR_PREFIX))
    {
      GHashTable *base = box_floktu_parse_id_set (cursor + strlen (CURSOR_PREFIX));

      if (base == NULL)
        return FALSE;
      g_hash_table_unref (f->base);
      f->base = base;
      f->full = FALSE;
      return FALSE;
    }

  if (g_str_has_prefix (cursor, PAGE_CURSOR_PREFIX))
    {
      g_auto(GStrv) parts = g_strsplit (cursor + strlen (PAGE_CURSOR_PREFIX), ";", 5);
      GHashTable *sets[3] = { NULL, NULL, NULL };

      if (g_strv_length (parts) != 4 || (!g_str_equal (parts[0], "f") && !g_str_equal (parts[0], "n")))
        return FALSE;
      for (guint i = 0; i < 3; i++)
        if ((sets[i] = box_floktu_parse_id_set (parts[i + 1])) == NULL)
          {
            for (guint j = 0; j < i; j++)
              g_hash_table_unref (sets[j]);
            return FALSE;
          }
      g_hash_table_unref (f->base);
      g_hash_table_unref (f->done);
      g_hash_table_unref (f->skipped);
      f->full = g_str_equal (parts[0], "f");
      f->base = sets[0];
      f->done = sets[1];
      f->skipped = sets[2];
      return TRUE;
    }

  return FALSE;
}

static gboolean
pending (Fetch          *f,
         BoxFloktuOrder *order)
{
  return !g_hash_table_contains (f->base, order->id) && !g_hash_table_contains (f->done, order->id);
}

static void
fail_fetch (GTask  *task,
            GError *error)
{
  BoxFloktu *self = g_task_get_source_object (task);
  Fetch *f = g_task_get_task_data (task);

  g_hash_table_remove (self->order_lists, f->event_id);
  return_error (task, error, TRUE);
}

/* Every order of the page is in: the page, and where the next one starts. */
static void
finish_page (GTask *task)
{
  BoxFloktu *self = g_task_get_source_object (task);
  Fetch *f = g_task_get_task_data (task);
  BoxAttendeePage *page;
  gboolean more = FALSE;

  if (f->error != NULL)
    {
      fail_fetch (task, g_steal_pointer (&f->error));
      return;
    }

  page = g_new0 (BoxAttendeePage, 1);
  page->attendees = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < f->batch->len; i++)
    {
      BoxFloktuOrder *order = g_ptr_array_index (f->batch, i);

      g_hash_table_add (f->done, g_strdup (order->id));
      if (f->results[i] != NULL)
        g_ptr_array_extend_and_steal (page->attendees, g_steal_pointer (&f->results[i]));
    }
  for (guint i = 0; i < f->orders->len && !more; i++)
    more = pending (f, g_ptr_array_index (f->orders, i));

  page->more = more;
  if (more)
    {
      g_autofree char *base = box_floktu_format_id_set (f->base);
      g_autofree char *done = box_floktu_format_id_set (f->done);
      g_autofree char *skipped = box_floktu_format_id_set (f->skipped);

      page->cursor = g_strdup_printf (PAGE_CURSOR_PREFIX "%s;%s;%s;%s", f->full ? "f" : "n",
                                      base, done, skipped);
    }
  else
    {
      /* The orders listed now whose details this desk has: the next sync skips them. An
       * order that had gone is asked for again, should it come back. */
      g_autoptr(GHashTable) have = new_id_set ();
      g_autofree char *text = NULL;

      for (guint i = 0; i < f->orders->len; i++)
        {
          BoxFloktuOrder *order = g_ptr_array_index (f->orders, i);

          if ((g_hash_table_contains (f->base, order->id) || g_hash_table_contains (f->done, order->id)) &&
              !g_hash_table_contains (f->skipped, order->id))
            g_hash_table_add (have, g_strdup (order->id));
        }
      text = box_floktu_format_id_set (have);
      page->cursor = g_strconcat (CURSOR_PREFIX, text, NULL);
      page->complete = f->full;
      g_hash_table_remove (self->order_lists, f->event_id);
    }

  g_task_return_pointer (task, page, (GDestroyNotify)box_attendee_page_free);
  g_object_unref (task);
}

typedef struct
{
  GTask *task;
  guint  index;
} Detail;

static void request_details (GTask *task);

static void
detail_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Detail *d = user_data;
  GTask *task = d->task;
  Fetch *f = g_task_get_task_data (task);
  GPtrArray *attendees;
  GError *error = NULL;

  attendees = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  f->in_flight--;
  if (attendees != NULL)
    f->results[d->index] = attendees;
  else if (g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND))
    {
      /* Deleted since the list was read: nothing to show for it. */
      BoxFloktuOrder *order = g_ptr_array_index (f->batch, d->index);

      g_hash_table_add (f->skipped, g_strdup (order->id));
      g_clear_error (&error);
    }
  else if (f->error == NULL)
    f->error = error;
  else
    g_clear_error (&error);
  g_free (d);

  request_details (task);
}

/* Keeps up to BOX_HTTP_MAX_CONNS_PER_HOST requests in flight; once every one is answered
 * (or after a failure or a cancellation, once those in flight are), the page is done. */
static void
request_details (GTask *task)
{
  BoxFloktu *self = g_task_get_source_object (task);
  Fetch *f = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (f->error == NULL)
    g_cancellable_set_error_if_cancelled (cancellable, &f->error);
  while (f->error == NULL && f->next < f->batch->len && f->in_flight < BOX_HTTP_MAX_CONNS_PER_HOST)
    {
      BoxFloktuOrder *order = g_ptr_array_index (f->batch, f->next);
      g_autofree char *escaped = g_uri_escape_string (order->id, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/events/%s/orders/%s", f->escaped_event, escaped);
      Detail *d = g_new0 (Detail, 1);

      d->task = task;
      d->index = f->next++;
      f->in_flight++;
      box_http_request_parsed_async (self->http, "GET", path, NULL, NULL,
                                     BOX_HTTP_FLAGS_IDEMPOTENT | BOX_HTTP_FLAGS_BATCH,
                                     parse_order, order_copy (order), (GDestroyNotify)box_floktu_order_free,
                                     (GDestroyNotify)g_ptr_array_unref, cancellable, detail_cb, d);
    }
  if (f->in_flight == 0 && (f->error != NULL || f->next >= f->batch->len))
    finish_page (task);
}

/* The order list is known: this page's orders are the next ones not fetched yet. */
static void
start_page (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);

  f->batch = g_ptr_array_new ();
  for (guint i = 0; i < f->orders->len && f->batch->len < BOX_FLOKTU_ORDERS_PER_PAGE; i++)
    {
      BoxFloktuOrder *order = g_ptr_array_index (f->orders, i);

      if (pending (f, order))
        g_ptr_array_add (f->batch, order);
    }
  f->results = g_new0 (GPtrArray *, f->batch->len + 1);
  request_details (task);
}

static void
orders_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  BoxFloktu *self = g_task_get_source_object (task);
  Fetch *f = g_task_get_task_data (task);
  GError *error = NULL;

  f->orders = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (f->orders == NULL)
    {
      fail_fetch (task, error);
      return;
    }
  g_hash_table_replace (self->order_lists, g_strdup (f->event_id), g_ptr_array_ref (f->orders));
  start_page (task);
}

static void
box_floktu_fetch_attendees_async (BoxProvider         *provider,
                                  const char          *event_id,
                                  const char          *cursor,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  BoxFloktu *self = BOX_FLOKTU (provider);
  g_autofree char *path = NULL;
  GPtrArray *orders;
  GTask *task;
  Fetch *f;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_floktu_fetch_attendees_async);
  f = g_new0 (Fetch, 1);
  f->event_id = g_strdup (event_id);
  f->escaped_event = g_uri_escape_string (event_id, NULL, FALSE);
  g_task_set_task_data (task, f, (GDestroyNotify)fetch_free);

  /* A later page goes on with the list its sync read; a new sync reads it again. */
  if (read_cursor (f, cursor) && (orders = g_hash_table_lookup (self->order_lists, event_id)) != NULL)
    {
      f->orders = g_ptr_array_ref (orders);
      start_page (task);
      return;
    }

  path = g_strdup_printf ("/events/%s/orders", f->escaped_event);
  box_http_request_parsed_async (self->http, "GET", path, NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                                 parse_orders, NULL, NULL, (GDestroyNotify)g_ptr_array_unref,
                                 cancellable, orders_cb, task);
}

static BoxAttendeePage *
box_floktu_fetch_attendees_finish (BoxProvider   *provider,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Check-in -------------------------------------------------------------------------------- */

static void
box_floktu_check_in_async (BoxProvider         *provider,
                           BoxCheckin          *checkin,
                           GHashTable          *answers,
                           gboolean             force,
                           gboolean             ignore_unpaid,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (provider, cancellable, callback, user_data);

  g_task_set_source_tag (task, box_floktu_check_in_async);
  g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                           _("Floktu has no check-in for other apps: check-ins are kept on this computer."));
  g_object_unref (task);
}

static gboolean
box_floktu_check_in_finish (BoxProvider   *provider,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
provider_iface_init (BoxProviderInterface *iface)
{
  iface->get_flags = box_floktu_get_flags;
  iface->sign_in_async = box_floktu_sign_in_async;
  iface->sign_in_finish = box_floktu_sign_in_finish;
  iface->list_events_async = box_floktu_list_events_async;
  iface->list_events_finish = box_floktu_list_events_finish;
  iface->fetch_attendees_async = box_floktu_fetch_attendees_async;
  iface->fetch_attendees_finish = box_floktu_fetch_attendees_finish;
  iface->check_in_async = box_floktu_check_in_async;
  iface->check_in_finish = box_floktu_check_in_finish;
}
