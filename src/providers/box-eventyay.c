/* box-eventyay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-eventyay"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-error.h"
#include "box-event.h"
#include "box-eventyay.h"
#include "box-eventyay-parser.h"
#include "box-http.h"

/* Eventyay and every pretix still serving the pretixdroid check-in API v3. One account
 * is one device setup: the API root of one event (".../eventyaydroid/api/ORG/EVENT/")
 * and its key, sent in the query string. status/ gives the event, download/ every
 * ticket and the questions asked at check-in, redeem/ checks in.
 *
 * Exactly once: every check-in carries the nonce the desk stored with it before the
 * first send, so a retry after a lost answer (or a crash) is answered "ok" by the server
 * without a second check-in. A check-in sent later than it was made (from the queue)
 * carries its time; it is not forced, so a ticket another desk let in meanwhile comes
 * back as "already checked in" there; and it does not offer to answer questions (the
 * person is in already), so the server does not hold it back for them. */

/* A check-in sent within this time of being made is answered to the person waiting. */
#define LIVE_SECONDS 60

struct _BoxEventyay
{
  GObject     parent_instance;

  BoxAccount *account;
  BoxHttp    *http;
  char       *event_id;
  GMutex      lock;
  GHashTable *questions;    /* id -> BoxQuestion, from the last download or redeem */
};

static void provider_iface_init (BoxProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BoxEventyay, box_eventyay, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BOX_TYPE_PROVIDER, provider_iface_init))

static void
box_eventyay_finalize (GObject *object)
{
  BoxEventyay *self = (BoxEventyay *)object;

  g_clear_object (&self->account);
  g_clear_object (&self->http);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->questions, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (box_eventyay_parent_class)->finalize (object);
}

static void
box_eventyay_class_init (BoxEventyayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = box_eventyay_finalize;
}

static void
box_eventyay_init (BoxEventyay *self)
{
  g_mutex_init (&self->lock);
  self->questions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * box_eventyay_event_id_for_url:
 *
 * Returns: (transfer full): "EVENT", or "EVENT-SUBEVENT" for a date of a series
 */
char *
box_eventyay_event_id_for_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_auto(GStrv) parts = NULL;
  GPtrArray *segments;
  char *id;

  if (uri == NULL)
    return g_strdup ("event");

  parts = g_strsplit (g_uri_get_path (uri), "/", -1);
  segments = g_ptr_array_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (segments, parts[i]);

  /* .../api/ORG/EVENT[/SUBEVENT] */
  id = NULL;
  for (guint i = 0; i + 2 < segments->len; i++)
    if (g_str_equal (g_ptr_array_index (segments, i), "api"))
      {
        const char *event = g_ptr_array_index (segments, i + 2);
        const char *subevent = i + 3 < segments->len ? g_ptr_array_index (segments, i + 3) : NULL;

        id = subevent ? g_strdup_printf ("%s-%s", event, subevent) : g_strdup (event);
        break;
      }
  if (id == NULL && segments->len > 0)
    id = g_strdup (g_ptr_array_index (segments, segments->len - 1));
  g_ptr_array_unref (segments);
  return id ? id : g_strdup ("event");
}

/**
 * box_eventyay_read_setup:
 *
 * The BoxProviderSetupReader: the device setup's API address.
 */
char *
box_eventyay_read_setup (const char  *setup,
                         GError     **error)
{
  g_autoptr(BoxEventyayConfig) config = box_eventyay_parse_config (setup, error);

  return config ? g_strdup (config->url) : NULL;
}

static void
set_key (BoxEventyay *self,
         const char  *key)
{
  box_http_set_query_param (self->http, "key", key);
}

/**
 * box_eventyay_new:
 * @secret: (nullable): the device key
 */
BoxProvider *
box_eventyay_new (BoxAccount  *account,
                  const char  *secret,
                  GError     **error)
{
  g_autoptr(BoxEventyay) self = NULL;
  const char *base_url;

  g_return_val_if_fail (BOX_IS_ACCOUNT (account), NULL);

  base_url = box_account_get_base_url (account);
  if (base_url == NULL || *base_url == '\0')
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("An Eventyay account needs the setup code of a check-in device (its JSON or its pretixdesk:// link)."));
      return NULL;
    }

  self = g_object_new (BOX_TYPE_EVENTYAY, NULL);
  self->account = g_object_ref (account);
  self->event_id = box_eventyay_event_id_for_url (base_url);
  self->http = box_http_new ("Eventyay", base_url, error);
  if (self->http == NULL)
    return NULL;
  box_http_set_error_reader (self->http, box_eventyay_read_error);
  set_key (self, secret);

  return BOX_PROVIDER (g_steal_pointer (&self));
}

static BoxProviderFlags
box_eventyay_get_flags (BoxProvider *provider)
{
  /* Its `status` figures are what the desk counts itself from the download, so no
   * provider statistics are declared. */
  return BOX_PROVIDER_CAN_CHECK_IN | BOX_PROVIDER_HAS_QUESTIONS | BOX_PROVIDER_REMOTE_SEARCH;
}

/* A rejected key is a setup to redo, in Eventyay's terms. */
static GError *
explain_error (GError *error)
{
  GError *explained;

  if (!g_error_matches (error, BOX_ERROR, BOX_ERROR_PERMISSION) &&
      !g_error_matches (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS))
    return error;

  explained = g_error_new (BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS,
                           _("The server rejected this device’s key (%s). Set the device up again with a new setup code from the event’s check-in settings."),
                           error->message);
  g_error_free (error);
  return explained;
}

static void
remember_questions (BoxEventyay *self,
                    GPtrArray   *questions)
{
  if (questions == NULL)
    return;
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < questions->len; i++)
    {
      BoxQuestion *q = g_ptr_array_index (questions, i);
      g_hash_table_replace (self->questions, g_strdup (box_question_get_id (q)), g_object_ref (q));
    }
  g_mutex_unlock (&self->lock);
}

/* Status: sign-in and events ------------------------------------------------------------ */

typedef struct
{
  char *account_id;
  char *event_id;
} ParseIds;

static void
parse_ids_free (ParseIds *ids)
{
  g_free (ids->account_id);
  g_free (ids->event_id);
  g_free (ids);
}

static ParseIds *
parse_ids_new (BoxEventyay *self)
{
  ParseIds *ids = g_new0 (ParseIds, 1);

  ids->account_id = g_strdup (box_account_get_id (self->account));
  ids->event_id = g_strdup (self->event_id);
  return ids;
}

static gpointer
parse_status (GBytes    *body,
              gpointer   user_data,
              GError   **error)
{
  ParseIds *ids = user_data;

  return box_eventyay_parse_status (body, ids->account_id, ids->event_id, NULL, error);
}

static void
request_status (BoxEventyay         *self,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  box_http_request_parsed_async (self->http, "GET", "/status/", NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                                 parse_status, parse_ids_new (self), (GDestroyNotify)parse_ids_free,
                                 g_object_unref, cancellable, callback, user_data);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BoxEvent) event = NULL;
  GError *error = NULL;

  event = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (event == NULL)
    g_task_return_error (task, explain_error (error));
  else
    g_task_return_pointer (task, g_strdup (g_task_get_task_data (task)), g_free);
}

static gboolean
same_event_url (const char *a,
                const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  x = g_strdup (a);
  y = g_strdup (b);
  /* Trailing slashes do not matter. */
  while (*x && x[strlen (x) - 1] == '/')
    x[strlen (x) - 1] = '\0';
  while (*y && y[strlen (y) - 1] == '/')
    y[strlen (y) - 1] = '\0';
  return g_ascii_strcasecmp (x, y) == 0;
}

/* Credentials: "token" (the device key; the account's base URL is the setup URL) or
 * "config" (the setup JSON or link, whose URL must be the account's). */
static void
box_eventyay_sign_in_async (BoxProvider         *provider,
                            GHashTable          *credentials,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  BoxEventyay *self = BOX_EVENTYAY (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  const char *token = g_hash_table_lookup (credentials, "token");
  const char *config_text = g_hash_table_lookup (credentials, "config");
  g_autofree char *key = NULL;

  g_task_set_source_tag (task, box_eventyay_sign_in_async);

  if (config_text != NULL && *config_text != '\0')
    {
      g_autoptr(BoxEventyayConfig) config = NULL;
      GError *error = NULL;

      config = box_eventyay_parse_config (config_text, &error);
      if (config == NULL)
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      /* The key goes only to the event the code was made for. */
      if (!same_event_url (config->url, box_account_get_base_url (self->account)))
        {
          g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                                   _("This setup code is for another event (%s). Use the code of this account’s event, or add the other event as a new account."),
                                   config->url);
          g_object_unref (task);
          return;
        }
      key = g_strdup (config->key);
    }
  else if (token != NULL && *token != '\0')
    key = g_strstrip (g_strdup (token));

  if (key == NULL)
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                               _("Eventyay needs the setup code of a check-in device: paste its JSON or its pretixdesk:// link."));
      g_object_unref (task);
      return;
    }

  g_task_set_task_data (task, g_strdup (key), g_free);
  set_key (self, key);
  request_status (self, cancellable, signed_in_cb, task);
}

static char *
box_eventyay_sign_in_finish (BoxProvider   *provider,
                             GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
events_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BoxEvent *event;
  GError *error = NULL;
  GPtrArray *events;

  event = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (event == NULL)
    {
      g_task_return_error (task, explain_error (error));
      return;
    }
  events = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (events, event);
  g_task_return_pointer (task, events, (GDestroyNotify)g_ptr_array_unref);
}

/* A device setup is one event. */
static void
box_eventyay_list_events_async (BoxProvider         *provider,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  BoxEventyay *self = BOX_EVENTYAY (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, box_eventyay_list_events_async);
  request_status (self, cancellable, events_cb, task);
}

static GPtrArray *
box_eventyay_list_events_finish (BoxProvider   *provider,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Download: every ticket ---------------------------------------------------------------- */

static gpointer
parse_download (GBytes    *body,
                gpointer   user_data,
                GError   **error)
{
  ParseIds *ids = user_data;

  return box_eventyay_parse_download (body, ids->account_id, ids->event_id, error);
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BoxEventyay *self = g_task_get_source_object (task);
  BoxEventyayDownload *download;
  BoxAttendeePage *page;
  GError *error = NULL;

  download = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (download == NULL)
    {
      g_task_return_error (task, explain_error (error));
      return;
    }

  remember_questions (self, download->questions);
  page = g_new0 (BoxAttendeePage, 1);
  page->attendees = g_steal_pointer (&download->attendees);
  page->questions = g_steal_pointer (&download->questions);
  page->complete = TRUE;
  box_eventyay_download_free (download);
  g_task_return_pointer (task, page, (GDestroyNotify)box_attendee_page_free);
}

/* No changes-since: every sync downloads the list (the client library does the same). */
static void
box_eventyay_fetch_attendees_async (BoxProvider         *provider,
                                    const char          *event_id,
                                    const char          *cursor,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  BoxEventyay *self = BOX_EVENTYAY (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, box_eventyay_fetch_attendees_async);
  if (g_strcmp0 (event_id, self->event_id) != 0)
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_NOT_FOUND,
                               _("This Eventyay device is set up for event “%s”, not “%s”."),
                               self->event_id, event_id);
      g_object_unref (task);
      return;
    }

  box_http_request_parsed_async (self->http, "GET", "/download/", NULL, NULL,
                                 BOX_HTTP_FLAGS_IDEMPOTENT, parse_download, parse_ids_new (self),
                                 (GDestroyNotify)parse_ids_free,
                                 (GDestroyNotify)box_eventyay_download_free, cancellable,
                                 downloaded_cb, task);
}

static BoxAttendeePage *
box_eventyay_fetch_attendees_finish (BoxProvider   *provider,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Redeem -------------------------------------------------------------------------------- */

typedef struct
{
  BoxCheckin *checkin;
  gboolean    live;
} Redeem;

static void
redeem_free (Redeem *r)
{
  g_clear_object (&r->checkin);
  g_free (r);
}

static gpointer
parse_redeem (GBytes    *body,
              gpointer   user_data,
              GError   **error)
{
  ParseIds *ids = user_data;

  return box_eventyay_parse_redeem (body, ids->account_id, ids->event_id, error);
}

static void
redeemed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BoxEventyay *self = g_task_get_source_object (task);
  Redeem *r = g_task_get_task_data (task);
  BoxEventyayRedeem *redeem;
  GError *error = NULL;

  redeem = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (redeem == NULL)
    {
      g_task_return_error (task, explain_error (error));
      return;
    }

  remember_questions (self, redeem->questions);
  if (redeem->attendee != NULL)
    {
      if (redeem->result == BOX_CHECKIN_RESULT_OK)
        {
          box_attendee_set_checked_in (redeem->attendee, TRUE);
          box_attendee_set_checked_in_at (redeem->attendee, box_checkin_get_created_at (r->checkin));
        }
      else if (redeem->result == BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN)
        box_attendee_set_checked_in (redeem->attendee, TRUE);
      box_checkin_set_attendee (r->checkin, redeem->attendee);
    }
  box_checkin_set_result (r->checkin, redeem->result);
  box_checkin_set_message (r->checkin, redeem->message);
  if (redeem->questions != NULL)
    box_checkin_set_questions (r->checkin, redeem->questions);
  box_eventyay_redeem_free (redeem);
  g_task_return_boolean (task, TRUE);
}

static void
add_field (GString    *form,
           const char *name,
           const char *value)
{
  if (form->len > 0)
    g_string_append_c (form, '&');
  g_string_append_uri_escaped (form, name, NULL, FALSE);
  g_string_append_c (form, '=');
  g_string_append_uri_escaped (form, value, NULL, FALSE);
}

/* What the person answered, as the server wants it for each question's type. */
/* @strict: a person waits and can correct an answer the server would not take; from
 * the queue, an answer that no longer fits (the organiser changed the question) is left
 * out rather than holding back the check-in. */
static gboolean
add_answers (BoxEventyay  *self,
             GString      *form,
             GHashTable   *answers,
             gboolean      strict,
             GError      **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (answers == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *name = g_strdup_printf ("answer_%s", (const char *)key);
      g_autofree char *formatted = NULL;
      BoxQuestion *question;

      g_mutex_lock (&self->lock);
      question = g_hash_table_lookup (self->questions, key);
      if (question != NULL)
        g_object_ref (question);
      g_mutex_unlock (&self->lock);

      /* "" is no answer: it satisfies an optional question, of any type. */
      if (question != NULL && *(const char *)value != '\0')
        {
          g_autoptr(GError) local_error = NULL;

          formatted = box_eventyay_format_answer (question, value, &local_error);
          g_object_unref (question);
          if (formatted == NULL && strict)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (formatted == NULL)
            {
              g_warning ("Leaving out the answer to question %s: %s", (const char *)key,
                         local_error->message);
              continue;
            }
        }
      else if (question != NULL)
        g_object_unref (question);
      add_field (form, name, formatted ? formatted : value);
    }
  return TRUE;
}

typedef struct
{
  BoxCheckin *checkin;
  GHashTable *answers;
  gboolean    force;
  gboolean    ignore_unpaid;
} Pending;

static void
pending_free (Pending *p)
{
  g_clear_object (&p->checkin);
  g_clear_pointer (&p->answers, g_hash_table_unref);
  g_free (p);
}

static void
send_redeem (BoxEventyay  *self,
             GTask        *task,
             Pending      *p)
{
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  Redeem *r = g_task_get_task_data (task);
  GError *error = NULL;

  add_field (form, "secret", box_checkin_get_code (p->checkin));
  if (box_checkin_get_nonce (p->checkin) != NULL)
    add_field (form, "nonce", box_checkin_get_nonce (p->checkin));
  if (r->live)
    add_field (form, "questions_supported", "true");
  else
    {
      /* Sent from the queue: when it happened, minute precision, UTC. */
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (box_checkin_get_created_at (p->checkin));
      g_autofree char *datetime = g_date_time_format (at, "%Y-%m-%dT%H:%MZ");
      add_field (form, "datetime", datetime);
    }
  /* The server takes one or the other. */
  if (p->force)
    add_field (form, "force", "true");
  else if (p->ignore_unpaid)
    add_field (form, "ignore_unpaid", "true");
  if (!add_answers (self, form, p->answers, r->live, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  body = g_bytes_new (form->str, form->len);
  /* Not retried by BoxHttp: the desk's queue resends with the same nonce. */
  box_http_request_parsed_async (self->http, "POST", "/redeem/", body,
                                 "application/x-www-form-urlencoded", BOX_HTTP_FLAGS_NONE,
                                 parse_redeem, parse_ids_new (self), (GDestroyNotify)parse_ids_free,
                                 (GDestroyNotify)box_eventyay_redeem_free,
                                 g_task_get_cancellable (task), redeemed_cb, task);
}

static void
questions_learned_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  BoxEventyay *self = g_task_get_source_object (task);
  Pending *p = g_object_get_data (G_OBJECT (task), "pending");
  BoxEventyayDownload *download;
  GError *error = NULL;

  download = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (download == NULL)
    {
      g_task_return_error (task, explain_error (error));
      g_object_unref (task);
      return;
    }
  remember_questions (self, download->questions);
  box_eventyay_download_free (download);
  send_redeem (self, task, p);
}

/* Answers are sent as the question's type wants them ("True", an option id): a desk
 * that has not seen the questions in this session (a new boxoffice-cli) reads them
 * first. */
static gboolean
knows_questions (BoxEventyay *self,
                 GHashTable  *answers)
{
  GHashTableIter iter;
  gpointer key;
  gboolean known = TRUE;

  if (answers == NULL)
    return TRUE;
  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, answers);
  while (known && g_hash_table_iter_next (&iter, &key, NULL))
    known = g_hash_table_contains (self->questions, key);
  g_mutex_unlock (&self->lock);
  return known;
}

static void
box_eventyay_check_in_async (BoxProvider         *provider,
                             BoxCheckin          *checkin,
                             GHashTable          *answers,
                             gboolean             force,
                             gboolean             ignore_unpaid,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  BoxEventyay *self = BOX_EVENTYAY (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  Redeem *r;
  Pending *p;

  g_task_set_source_tag (task, box_eventyay_check_in_async);
  r = g_new0 (Redeem, 1);
  r->checkin = g_object_ref (checkin);
  /* The desk says whether a person waits and can answer questions: a check-in sent
   * from the queue, however soon, goes without, so the server never holds back one
   * that the desk acknowledged already. */
  r->live = box_checkin_get_interactive (checkin) && box_checkin_get_attempts (checkin) <= 1 &&
            now - box_checkin_get_created_at (checkin) <= LIVE_SECONDS;
  g_task_set_task_data (task, r, (GDestroyNotify)redeem_free);

  if (box_checkin_get_action (checkin) != BOX_CHECKIN_ACTION_CHECK_IN)
    {
      g_task_return_new_error (task, BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                               _("Eventyay’s check-in devices cannot undo a check-in. Undo it in the event’s back office."));
      g_object_unref (task);
      return;
    }

  p = g_new0 (Pending, 1);
  p->checkin = g_object_ref (checkin);
  p->answers = answers ? g_hash_table_ref (answers) : NULL;
  p->force = force;
  p->ignore_unpaid = ignore_unpaid;
  g_object_set_data_full (G_OBJECT (task), "pending", p, (GDestroyNotify)pending_free);

  if (!knows_questions (self, answers))
    {
      box_http_request_parsed_async (self->http, "GET", "/download/", NULL, NULL,
                                     BOX_HTTP_FLAGS_IDEMPOTENT, parse_download, parse_ids_new (self),
                                     (GDestroyNotify)parse_ids_free,
                                     (GDestroyNotify)box_eventyay_download_free, cancellable,
                                     questions_learned_cb, task);
      return;
    }

  send_redeem (self, task, p);
}

static gboolean
box_eventyay_check_in_finish (BoxProvider   *provider,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Search: online, for an event not downloaded yet --------------------------------------- */

static gpointer
parse_search (GBytes    *body,
              gpointer   user_data,
              GError   **error)
{
  ParseIds *ids = user_data;

  return box_eventyay_parse_search (body, ids->account_id, ids->event_id, error);
}

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GPtrArray *found;
  GError *error = NULL;

  found = box_http_request_parsed_finish (BOX_HTTP (object), result, &error);
  if (found == NULL)
    g_task_return_error (task, explain_error (error));
  else
    g_task_return_pointer (task, found, (GDestroyNotify)g_ptr_array_unref);
}

/* The server answers queries of 4 characters or more, 25 tickets at most. */
static void
box_eventyay_search_async (BoxProvider         *provider,
                           const char          *event_id,
                           const char          *query,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  BoxEventyay *self = BOX_EVENTYAY (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *escaped = g_uri_escape_string (query, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/search/?query=%s", escaped);

  g_task_set_source_tag (task, box_eventyay_search_async);
  if (g_utf8_strlen (query, -1) < 4)
    {
      g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                             (GDestroyNotify)g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  box_http_request_parsed_async (self->http, "GET", path, NULL, NULL, BOX_HTTP_FLAGS_IDEMPOTENT,
                                 parse_search, parse_ids_new (self), (GDestroyNotify)parse_ids_free,
                                 (GDestroyNotify)g_ptr_array_unref, cancellable, searched_cb, task);
}

static GPtrArray *
box_eventyay_search_finish (BoxProvider   *provider,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
provider_iface_init (BoxProviderInterface *iface)
{
  iface->get_flags = box_eventyay_get_flags;
  iface->sign_in_async = box_eventyay_sign_in_async;
  iface->sign_in_finish = box_eventyay_sign_in_finish;
  iface->list_events_async = box_eventyay_list_events_async;
  iface->list_events_finish = box_eventyay_list_events_finish;
  iface->fetch_attendees_async = box_eventyay_fetch_attendees_async;
  iface->fetch_attendees_finish = box_eventyay_fetch_attendees_finish;
  iface->check_in_async = box_eventyay_check_in_async;
  iface->check_in_finish = box_eventyay_check_in_finish;
  iface->search_async = box_eventyay_search_async;
  iface->search_finish = box_eventyay_search_finish;
}
