/* box-fienta.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-fienta"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-error.h"
#include "box-fienta.h"
#include "box-fienta-parser.h"
#include "box-http.h"

/* Fienta API v1: a Bearer token (an organiser API key, or the token of POST /auth),
 * organizers -> events, tickets with ?attendees and updated_after, and check-in by
 * PUT /tickets/{code} with status USED (undo: UNUSED).
 *
 * Fienta takes a check-in with no request id, so the same PUT sent twice cannot be told
 * apart. A check-in therefore reads the ticket first: a ticket already USED at the time
 * this desk recorded, after an earlier attempt of the same check-in, is that attempt
 * (say, before a crash) and is not sent again; otherwise it was checked in elsewhere. */

struct _BoxFienta
{
  GObject     parent_instance;

  BoxAccount *account;
  BoxHttp    *http;
  int         tz_offset;
};

static void provider_iface_init (BoxProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BoxFienta, box_fienta, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BOX_TYPE_PROVIDER, provider_iface_init))

static void
box_fienta_finalize (GObject *object)
{
  BoxFienta *self = (BoxFienta *)object;

  g_clear_object (&self->account);
  g_clear_object (&self->http);
  G_OBJECT_CLASS (box_fienta_parent_class)->finalize (object);
}

static void
box_fienta_class_init (BoxFientaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = box_fienta_finalize;
}

static void
box_fienta_init (BoxFienta *self)
{
}

static void
set_token (BoxFienta  *self,
           const char *token)
{
  g_autofree char *value = token ? g_strdup_printf ("Bearer %s", token) : NULL;

  box_http_set_header (self->http, "Authorization", value);
}

/**
 * box_fienta_new:
 * @secret: (nullable): the API key or token
 */
BoxProvider *
box_fienta_new (BoxAccount  *account,
                const char  *secret,
                GError     **error)
{
  g_autoptr(BoxFienta) self = NULL;
  const char *base_url;

  g_return_val_if_fail (BOX_IS_ACCOUNT (account), NULL);

  base_url = box_account_get_base_url (account);
  if (base_url == NULL || *base_url == '\0')
    base_url = BOX_FIENTA_DEFAULT_BASE_URL;

  self = g_object_new (BOX_TYPE_FIENTA, NULL);
  self->account = g_object_ref (account);
  self->http = box_http_new ("Fienta", base_url, error);
  if (self->http == NULL)
    return NULL;
  box_http_set_error_reader (self->http, box_fienta_read_error);
  set_token (self, secret);

  return BOX_PROVIDER (g_steal_pointer (&self));
}

static BoxProviderFlags
box_fienta_get_flags (BoxProvider *provider)
{
  return BOX_PROVIDER_CAN_CHECK_IN | BOX_PROVIDER_CAN_UNDO |
         BOX_PROVIDER_HAS_NAMETAG_HTML | BOX_PROVIDER_INCREMENTAL;
}

/* Says what to do about a rejected credential, in Fienta's terms. */
static GError *
explain_error (GError   *error,
               gboolean  password)
{
  GError *explained;

  if (!g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS))
    return error;

  if (password)
    explained = g_error_new (BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                             _("Fienta rejected the e-mail address or password (401). Check them and try again."));
  else
    explained = g_error_new (BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                             _("Fienta rejected the API key (401). Check Settings > Integration in Fienta and add the account again."));
  g_error_free (error);
  return explained;
}

/* Parsers run in a worker thread through box_http_request_parsed_async(). */

static gpointer
parse_auth (GBytes   *body,
            gpointer  user_data,
            GError  **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  return box_fienta_parse_auth (data, len, error);
}

static gpointer
parse_organizers (GBytes   *body,
                  gpointer  user_data,
                  GError  **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  return box_fienta_parse_organizers (data, len, error);
}

static gpointer
parse_events (GBytes   *body,
              gpointer  user_data,
              GError  **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  return box_fienta_parse_events (data, len, user_data, error);
}

typedef struct
{
  BoxAttendee *attendee;
  int          tz_offset;
} TicketReply;

static void
ticket_reply_free (TicketReply *reply)
{
  g_clear_object (&reply->attendee);
  g_free (reply);
}

static gpointer
parse_ticket (GBytes   *body,
              gpointer  user_data,
              GError  **error)
{
  TicketReply reply = { 0 };
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  reply.attendee = box_fienta_parse_ticket (data, len, &reply.tz_offset, error);
  if (reply.attendee == NULL)
    return NULL;
  return g_memdup2 (&reply, sizeof reply);
}

static gpointer
parse_tickets (GBytes   *body,
               gpointer  user_data,
               GError  **error)
{
  g_autoptr(BoxAttendeePage) page = g_new0 (BoxAttendeePage, 1);
  gboolean full = GPOINTER_TO_INT (user_data);
  gint64 server_time = 0;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  page->attendees = box_fienta_parse_tickets (data, len, &server_time, NULL, error);
  if (page->attendees == NULL)
    return NULL;
  page->complete = full;
  if (server_time > 0)
    page->cursor = g_strdup_printf ("%" G_GINT64_FORMAT, server_time);
  return g_steal_pointer (&page);
}

/* Sign in ----------------------------------------------------------------------------- */

typedef struct
{
  char     *token;
  gboolean  password;
} SignIn;

static void
sign_in_free (SignIn *s)
{
  g_free (s->token);
  g_free (s);
}

static void
sign_in_verified_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *s = g_task_get_task_data (task);
  g_autoptr(GPtrArray) organizers = NULL;
  GError *error = NULL;

  organizers = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (organizers == NULL)
    {
      g_task_return_error (task, explain_error (error, s->password));
      return;
    }

  g_task_return_pointer (task, g_strdup (s->token), g_free);
}

static void
verify (GTask *task)
{
  BoxFienta *self = g_task_get_source_object (task);
  SignIn *s = g_task_get_task_data (task);

  set_token (self, s->token);
  box_http_request_parsed_async (self->http, "GET", "/organizers", NULL, NULL,
                                 BOX_HTTP_FLAGS_IDEMPOTENT, parse_organizers, NULL, NULL,
                                 (GDestroyNotify)g_ptr_array_unref,
                                 g_task_get_cancellable (task), sign_in_verified_cb,
                                 task);
}

static void
authenticated_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  SignIn *s = g_task_get_task_data (task);
  GError *error = NULL;

  s->token = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (s->token == NULL)
    {
      g_task_return_error (task, explain_error (error, TRUE));
      g_object_unref (task);
      return;
    }

  verify (task);
}

static void
box_fienta_sign_in_async (BoxProvider         *provider,
                          GHashTable          *credentials,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  BoxFienta *self = BOX_FIENTA (provider);
  GTask *task;
  SignIn *s;
  const char *token = g_hash_table_lookup (credentials, "token");
  const char *email = g_hash_table_lookup (credentials, "email");
  const char *password = g_hash_table_lookup (credentials, "password");

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_fienta_sign_in_async);
  s = g_new0 (SignIn, 1);
  g_task_set_task_data (task, s, (GDestroyNotify)sign_in_free);

  if (token != NULL && *token != '\0')
    {
      s->token = g_strstrip (g_strdup (token));
      verify (task);
      return;
    }

  if (email != NULL && *email != '\0' && password != NULL)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GBytes) body = NULL;
      char *text;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, email);
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, password);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      text = json_to_string (node, FALSE);
      body = g_bytes_new_take (text, strlen (text));

      s->password = TRUE;
      set_token (self, NULL);
      box_http_request_parsed_async (self->http, "POST", "/auth", body, "application/json",
                                     BOX_HTTP_FLAGS_NONE, parse_auth, NULL, NULL, g_free,
                                     cancellable, authenticated_cb, task);
      return;
    }

  g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                           _("Fienta needs an API key, or an e-mail address and a password."));
  g_object_unref (task);
}

static char *
box_fienta_sign_in_finish (BoxProvider   *provider,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Events ------------------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *organizers;
  guint      next;
  GPtrArray *events;
} ListEvents;

static void
list_events_free (ListEvents *l)
{
  g_clear_pointer (&l->organizers, g_ptr_array_unref);
  g_clear_pointer (&l->events, g_ptr_array_unref);
  g_free (l);
}

static void fetch_next_organizer (GTask *task);

static void
organizer_events_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  ListEvents *l = g_task_get_task_data (task);
  g_autoptr(GPtrArray) events = NULL;
  GError *error = NULL;

  events = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (events == NULL)
    {
      /* An organiser this token may not read is left out, not an error. */
      if (g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION) ||
          g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND) ||
          (g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS) && l->next > 1))
        {
          g_debug ("Skipping an organiser: %s", error->message);
          g_error_free (error);
        }
      else
        {
          g_task_return_error (task, explain_error (error, FALSE));
          g_object_unref (task);
          return;
        }
    }
  else
    g_ptr_array_extend_and_steal (l->events, g_steal_pointer (&events));

  fetch_next_organizer (task);
}

static void
fetch_next_organizer (GTask *task)
{
  BoxFienta *self = g_task_get_source_object (task);
  ListEvents *l = g_task_get_task_data (task);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  if (l->next >= l->organizers->len)
    {
      g_task_return_pointer (task, g_steal_pointer (&l->events), (GDestroyNotify)g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  escaped = g_uri_escape_string (g_ptr_array_index (l->organizers, l->next++), NULL, FALSE);
  path = g_strdup_printf ("/organizers/%s/events", escaped);
  box_http_request_parsed_async (self->http, "GET", path, NULL, NULL,
                                 BOX_HTTP_FLAGS_IDEMPOTENT | BOX_HTTP_FLAGS_BATCH, parse_events,
                                 g_strdup (box_account_get_id (self->account)), g_free,
                                 (GDestroyNotify)g_ptr_array_unref,
                                 g_task_get_cancellable (task), organizer_events_cb, task);
}

static void
organizers_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  ListEvents *l = g_task_get_task_data (task);
  GError *error = NULL;

  l->organizers = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (l->organizers == NULL)
    {
      g_task_return_error (task, explain_error (error, FALSE));
      g_object_unref (task);
      return;
    }

  fetch_next_organizer (task);
}

static void
box_fienta_list_events_async (BoxProvider         *provider,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  BoxFienta *self = BOX_FIENTA (provider);
  GTask *task;
  ListEvents *l;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_fienta_list_events_async);
  l = g_new0 (ListEvents, 1);
  l->events = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, l, (GDestroyNotify)list_events_free);

  box_http_request_parsed_async (self->http, "GET", "/organizers", NULL, NULL,
                                 BOX_HTTP_FLAGS_IDEMPOTENT, parse_organizers, NULL, NULL,
                                 (GDestroyNotify)g_ptr_array_unref,
                                 cancellable, organizers_cb, task);
}

static GPtrArray *
box_fienta_list_events_finish (BoxProvider   *provider,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Attendees --------------------------------------------------------------------------- */

static void
tickets_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BoxAttendeePage *page;
  GError *error = NULL;

  page = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (page == NULL)
    g_task_return_error (task, explain_error (error, FALSE));
  else
    g_task_return_pointer (task, page, (GDestroyNotify)box_attendee_page_free);
}

static void
box_fienta_fetch_attendees_async (BoxProvider         *provider,
                                  const char          *event_id,
                                  const char          *cursor,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  BoxFienta *self = BOX_FIENTA (provider);
  g_autofree char *escaped = g_uri_escape_string (event_id, NULL, FALSE);
  g_autofree char *path = NULL;
  gint64 since = cursor ? g_ascii_strtoll (cursor, NULL, 10) : 0;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_fienta_fetch_attendees_async);

  /* updated_after is strict and in whole seconds: start one second early so a change
   * in the same second as the last reply is not missed. Saving twice is harmless. */
  if (since > 0)
    path = g_strdup_printf ("/events/%s/tickets?attendees&updated_after=%" G_GINT64_FORMAT,
                            escaped, since - 1);
  else
    path = g_strdup_printf ("/events/%s/tickets?attendees", escaped);

  box_http_request_parsed_async (self->http, "GET", path, NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                                 parse_tickets, GINT_TO_POINTER (since <= 0), NULL,
                                 (GDestroyNotify)box_attendee_page_free,
                                 cancellable, tickets_cb, task);
}

static BoxAttendeePage *
box_fienta_fetch_attendees_finish (BoxProvider   *provider,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Check-in ---------------------------------------------------------------------------- */

typedef struct
{
  BoxCheckin  *checkin;
  BoxAttendee *ticket;
  gboolean     force;
  gboolean     ignore_unpaid;
  char        *path;
} CheckIn;

static void
check_in_free (CheckIn *c)
{
  g_clear_object (&c->checkin);
  g_clear_object (&c->ticket);
  g_free (c->path);
  g_free (c);
}

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckIn *c = g_task_get_task_data (task);
  g_autoptr(GBytes) reply = NULL;
  GError *error = NULL;
  gboolean check_in = box_checkin_get_action (c->checkin) == BOX_CHECKIN_ACTION_CHECK_IN;

  reply = box_http_request_finish (BOX_HTTP (object), result, &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND))
        {
          box_checkin_set_result (c->checkin, BOX_CHECKIN_RESULT_UNKNOWN);
          box_checkin_set_message (c->checkin, _("Fienta does not know this ticket."));
          g_error_free (error);
          g_task_return_boolean (task, TRUE);
        }
      else if (g_error_matches (error, BOX_ERROR, BOX_ERROR_CONFLICT))
        {
          /* Refunded or cancelled since we last looked. */
          box_checkin_set_result (c->checkin, BOX_CHECKIN_RESULT_UNPAID);
          box_checkin_set_message (c->checkin, error->message);
          g_error_free (error);
          g_task_return_boolean (task, TRUE);
        }
      else
        g_task_return_error (task, explain_error (error, FALSE));
      return;
    }

  box_attendee_set_checked_in (c->ticket, check_in);
  box_attendee_set_checked_in_at (c->ticket, check_in ? box_checkin_get_created_at (c->checkin) : 0);
  box_checkin_set_attendee (c->checkin, c->ticket);
  box_checkin_set_result (c->checkin, BOX_CHECKIN_RESULT_OK);
  box_checkin_set_message (c->checkin, check_in ? _("Checked in.") : _("Check-in undone."));
  g_task_return_boolean (task, TRUE);
}

static void
send_put (GTask *task)
{
  BoxFienta *self = g_task_get_source_object (task);
  CheckIn *c = g_task_get_task_data (task);
  gboolean check_in = box_checkin_get_action (c->checkin) == BOX_CHECKIN_ACTION_CHECK_IN;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, check_in ? "USED" : "UNUSED");
  json_builder_set_member_name (builder, "used_at");
  if (check_in)
    {
      g_autofree char *used_at = box_fienta_format_datetime (box_checkin_get_created_at (c->checkin),
                                                             self->tz_offset);
      json_builder_add_string_value (builder, used_at);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  text = json_to_string (node, FALSE);
  body = g_bytes_new_take (text, strlen (text));

  /* Not retried here: after a lost answer the next attempt reads the ticket first and
   * sees whether this PUT arrived, so the provider gets each check-in once. */
  box_http_request_async (self->http, "PUT", c->path, body, "application/json",
                          BOX_HTTP_FLAGS_NONE, g_task_get_cancellable (task), put_cb,
                          task);
}

static void
ticket_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  BoxFienta *self = g_task_get_source_object (task);
  CheckIn *c = g_task_get_task_data (task);
  TicketReply *reply;
  GError *error = NULL;
  gboolean check_in = box_checkin_get_action (c->checkin) == BOX_CHECKIN_ACTION_CHECK_IN;
  BoxAttendeeStatus status;

  reply = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, BOX_ERROR, BOX_ERROR_NOT_FOUND))
        {
          box_checkin_set_result (c->checkin, BOX_CHECKIN_RESULT_UNKNOWN);
          box_checkin_set_message (c->checkin, _("Fienta does not know this ticket."));
          g_error_free (error);
          g_task_return_boolean (task, TRUE);
        }
      else
        g_task_return_error (task, explain_error (error, FALSE));
      g_object_unref (task);
      return;
    }

  self->tz_offset = reply->tz_offset;
  c->ticket = g_steal_pointer (&reply->attendee);
  ticket_reply_free (reply);
  status = box_attendee_get_status (c->ticket);

  /* Fienta finds codes across the organiser's events: never check in another event's
   * ticket at this event's desk. */
  if (box_attendee_get_event_id (c->ticket) != NULL &&
      g_strcmp0 (box_attendee_get_event_id (c->ticket), box_checkin_get_event_id (c->checkin)) != 0)
    {
      box_checkin_set_result (c->checkin, BOX_CHECKIN_RESULT_PRODUCT);
      box_checkin_set_message (c->checkin, _("This ticket is for another event."));
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  if (check_in)
    {
      if (box_attendee_get_checked_in (c->ticket))
        {
          gint64 used_at = box_attendee_get_checked_in_at (c->ticket);
          /* Only an earlier attempt of this same check-in can have been ours. */
          gboolean ours = box_checkin_get_attempts (c->checkin) > 1 &&
                          ABS (used_at - box_checkin_get_created_at (c->checkin)) <= 1;

          box_checkin_set_attendee (c->checkin, c->ticket);
          if (ours || c->force)
            {
              box_checkin_set_result (c->checkin, BOX_CHECKIN_RESULT_OK);
              box_checkin_set_message (c->checkin, _("Checked in."));
            }
          else
            {
              box_checkin_set_result (c->checkin, BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN);
              box_checkin_set_message (c->checkin, _("Already checked in."));
            }
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
          return;
        }

      if (status == BOX_ATTENDEE_STATUS_CANCELLED ||
          (status == BOX_ATTENDEE_STATUS_PENDING && !c->ignore_unpaid && !c->force))
        {
          box_checkin_set_attendee (c->checkin, c->ticket);
          box_checkin_set_result (c->checkin, BOX_CHECKIN_RESULT_UNPAID);
          box_checkin_set_message (c->checkin,
                                   status == BOX_ATTENDEE_STATUS_CANCELLED
                                   ? _("This ticket was refunded or cancelled.")
                                   : _("This order is not paid."));
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
          return;
        }
    }
  else if (!box_attendee_get_checked_in (c->ticket))
    {
      box_checkin_set_attendee (c->checkin, c->ticket);
      box_checkin_set_result (c->checkin, BOX_CHECKIN_RESULT_OK);
      box_checkin_set_message (c->checkin, _("Check-in undone."));
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  /* The PUT's callback takes over our reference to the task. */
  send_put (task);
}

static void
box_fienta_check_in_async (BoxProvider         *provider,
                           BoxCheckin          *checkin,
                           GHashTable          *answers,
                           gboolean             force,
                           gboolean             ignore_unpaid,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  BoxFienta *self = BOX_FIENTA (provider);
  g_autofree char *escaped = NULL;
  g_autofree char *get_path = NULL;
  GTask *task;
  CheckIn *c;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, box_fienta_check_in_async);

  c = g_new0 (CheckIn, 1);
  c->checkin = g_object_ref (checkin);
  c->force = force;
  c->ignore_unpaid = ignore_unpaid;
  escaped = g_uri_escape_string (box_checkin_get_code (checkin), NULL, FALSE);
  c->path = g_strdup_printf ("/tickets/%s", escaped);
  g_task_set_task_data (task, c, (GDestroyNotify)check_in_free);

  get_path = g_strdup_printf ("/tickets/%s?attendees", escaped);
  box_http_request_parsed_async (self->http, "GET", get_path, NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                                 parse_ticket, NULL, NULL, (GDestroyNotify)ticket_reply_free,
                                 cancellable, ticket_cb, task);
}

static gboolean
box_fienta_check_in_finish (BoxProvider   *provider,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
provider_iface_init (BoxProviderInterface *iface)
{
  iface->get_flags = box_fienta_get_flags;
  iface->sign_in_async = box_fienta_sign_in_async;
  iface->sign_in_finish = box_fienta_sign_in_finish;
  iface->list_events_async = box_fienta_list_events_async;
  iface->list_events_finish = box_fienta_list_events_finish;
  iface->fetch_attendees_async = box_fienta_fetch_attendees_async;
  iface->fetch_attendees_finish = box_fienta_fetch_attendees_finish;
  iface->check_in_async = box_fienta_check_in_async;
  iface->check_in_finish = box_fienta_check_in_finish;
}
