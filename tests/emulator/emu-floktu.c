/* emu-floktu.c - fake Floktu API v2 with its OAuth2 pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mounted at /floktu/api/v2.  Follows shared/api/floktu-api-v2.md and
 * shared/api/GROUND-TRUTH.md section 4: the authorization-code flow
 * (the code is POSTed to the app's redirect URI), a token that never
 * expires, and three GET routes whose lists are bare arrays.  README.md
 * lists the client, the data set and the control endpoints.
 *
 * An order's details may lack "attendees" altogether; ids and amounts
 * are numbers (one order of the small event has them as strings);
 * check_in_date is a wall-clock time in the emulator's time zone.
 *
 * Order-detail requests are counted, with how many were in flight at
 * once (from the handler until the answer is written, so with
 * --latency-ms the overlap is what the client kept open).
 */

#include "emu-core.h"

#include <string.h>

#define FK_PREFIX "/floktu/api/v2"
#define FK_CLIENT_ID "floktu-demo-client"
#define FK_CLIENT_SECRET "floktu-demo-secret"
#define FK_CODE_LIFETIME (10 * 60 * G_USEC_PER_SEC)

#define FK_EVENT_SMALL 101
#define FK_EVENT_EMPTY 102
#define FK_EVENT_BIG 103

#define MSG_UNAUTHORIZED "Invalid or missing access token."
#define MSG_NO_EVENT "Event not found."
#define MSG_NO_ORDER "Order not found."
#define MSG_NO_ROUTE "Not found."
#define MSG_METHOD "Method not allowed."

#define SIGNED_IN_PAGE "Floktu (emulator): you are signed in; return to Box Office."
#define DENIED_PAGE "Floktu (emulator): you did not allow access; return to Box Office."

typedef enum {
  AUTH_OK,
  AUTH_DENY,
  AUTH_WRONG_STATE,
  AUTH_NONE,
  AUTH_GET,
} AuthMode;

static const char *const auth_mode_names[] = { "ok", "deny", "wrong-state", "none", "get" };

typedef struct {
  char *question;
  char *answer;
} FkAnswer;

typedef struct {
  gint64 id;
  char *ticket;
  char *ticket_group;
  char *first_name;      /* NULL: not asked */
  char *last_name;
  char *company;
  char *check_in_date;   /* NULL: not checked in */
  GPtrArray *answers;    /* FkAnswer, or NULL */
} FkAttendee;

typedef struct {
  gint64 id;
  gboolean id_as_string;
  char *first_name;
  char *last_name;
  char *email;
  char *status;
  char *order_amount;    /* JSON text: 24.17, 100 or "45.50" */
  char *amount_paid;
  char *voucher;         /* NULL: none */
  gboolean has_attendees; /* FALSE: no "attendees" key at all */
  GPtrArray *attendees;  /* FkAttendee */
} FkOrder;

typedef struct {
  gint64 id;
  const char *name;
  GPtrArray *orders;     /* FkOrder */
  GHashTable *by_id;     /* gint64* -> FkOrder */
} FkEvent;

typedef struct {
  char *redirect_uri;
  gint64 created;        /* monotonic µs */
  gboolean used;
} FkCode;

typedef struct {
  EmuOptions options;
  GTimeZone *tz;
  guint big_orders;
  FkEvent events[3];
  gint64 next_order;
  gint64 next_attendee;
  GHashTable *codes;     /* code -> FkCode */
  GHashTable *tokens;    /* token -> GINT (1 = valid, 0 = revoked) */
  guint next_secret;
  AuthMode auth_mode;
  SoupSession *session;  /* POSTs the code to the app */
  GHashTable *gone;      /* gint64* order ids listed but 404 in detail */
} FkState;

/* In flight: from the handler to the answer written.  Static, so that a
 * message finalized after the provider still has somewhere to count. */
static guint fk_details;
static guint fk_order_lists;
static guint fk_in_flight;
static guint fk_max_in_flight;

/* ---------------------------------------------------------------------- */
/* Data                                                                   */
/* ---------------------------------------------------------------------- */

static void
answer_free (gpointer data)
{
  FkAnswer *a = data;

  g_free (a->question);
  g_free (a->answer);
  g_free (a);
}

static void
attendee_free (gpointer data)
{
  FkAttendee *a = data;

  g_free (a->ticket);
  g_free (a->ticket_group);
  g_free (a->first_name);
  g_free (a->last_name);
  g_free (a->company);
  g_free (a->check_in_date);
  if (a->answers)
    g_ptr_array_unref (a->answers);
  g_free (a);
}

static void
order_free (gpointer data)
{
  FkOrder *o = data;

  g_free (o->first_name);
  g_free (o->last_name);
  g_free (o->email);
  g_free (o->status);
  g_free (o->order_amount);
  g_free (o->amount_paid);
  g_free (o->voucher);
  g_ptr_array_unref (o->attendees);
  g_free (o);
}

static void
event_clear (FkEvent *ev)
{
  g_clear_pointer (&ev->by_id, g_hash_table_unref);
  g_clear_pointer (&ev->orders, g_ptr_array_unref);
}

static void
event_init (FkEvent *ev, gint64 id, const char *name)
{
  event_clear (ev);
  ev->id = id;
  ev->name = name;
  ev->orders = g_ptr_array_new_with_free_func (order_free);
  ev->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
}

static FkOrder *
add_order (FkEvent *ev, gint64 id, const char *first, const char *last, const char *email,
           const char *status, const char *amount, const char *paid, const char *voucher,
           gboolean has_attendees)
{
  FkOrder *o = g_new0 (FkOrder, 1);

  o->id = id;
  o->first_name = g_strdup (first);
  o->last_name = g_strdup (last);
  o->email = g_strdup (email);
  o->status = g_strdup (status);
  o->order_amount = g_strdup (amount);
  o->amount_paid = g_strdup (paid);
  o->voucher = g_strdup (voucher);
  o->has_attendees = has_attendees;
  o->attendees = g_ptr_array_new_with_free_func (attendee_free);
  g_ptr_array_add (ev->orders, o);
  g_hash_table_insert (ev->by_id, &o->id, o);
  return o;
}

static FkAttendee *
add_attendee (FkOrder *o, gint64 id, const char *ticket, const char *group, const char *first,
              const char *last, const char *company, const char *check_in)
{
  FkAttendee *a = g_new0 (FkAttendee, 1);

  a->id = id;
  a->ticket = g_strdup (ticket);
  a->ticket_group = g_strdup (group);
  a->first_name = g_strdup (first);
  a->last_name = g_strdup (last);
  a->company = g_strdup (company);
  a->check_in_date = g_strdup (check_in);
  g_ptr_array_add (o->attendees, a);
  return a;
}

static void
add_answer (FkAttendee *a, const char *question, const char *answer)
{
  FkAnswer *x = g_new0 (FkAnswer, 1);

  if (a->answers == NULL)
    a->answers = g_ptr_array_new_with_free_func (answer_free);
  x->question = g_strdup (question);
  x->answer = g_strdup (answer);
  g_ptr_array_add (a->answers, x);
}

/* Harbour Lights Festival: every shape of order, written out. */
static void
generate_small (FkState *st)
{
  FkEvent *ev = &st->events[0];
  static const char *const firsts[] = { "Liis", "Mārtiņš", "Søren", "Chloé", "Ngaio", "Íñigo",
                                        "Aino", "Björk", "Kalle", "Zoë", "Oskar", "Malia" };
  static const char *const lasts[] = { "Kask", "Bērziņš", "Østergaard", "Lefèvre", "Parata",
                                       "Núñez", "Järvinen", "Guðmundsdóttir", "Mänd", "Ångström",
                                       "Õun", "Fifita" };
  FkOrder *o;
  FkAttendee *a;
  gint64 att = 70001;
  guint i;

  event_init (ev, FK_EVENT_SMALL, "Harbour Lights Festival");

  /* 5001: one attendee, checked in at Floktu's own door, an answer. */
  o = add_order (ev, 5001, "Ana", "Tamm", "ana.tamm@example.com", "confirmed", "24.17", "24.17", NULL, TRUE);
  a = add_attendee (o, att++, "Weekend pass", "Festival", "Ana", "Tamm", NULL, "2024-05-04 18:30:00");
  add_answer (a, "T-shirt size", "M");
  add_answer (a, "Dietary requirements", "Vegetarian");

  /* 5002: three attendees, one without a name of their own; a voucher. */
  o = add_order (ev, 5002, "José", "Müller", "jose.muller@example.com", "confirmed", "100", "100", "EARLYBIRD", TRUE);
  add_attendee (o, att++, "Weekend pass", "Festival", "José", "Müller", "Müller & Söhne GmbH", NULL);
  a = add_attendee (o, att++, "Day pass (Saturday)", "Festival", "Zoë", "Ångström", NULL, NULL);
  add_answer (a, "T-shirt size", "S");
  add_attendee (o, att++, "Child (under 12)", NULL, NULL, NULL, NULL, NULL);

  /* 5003: not paid yet; amounts as strings. */
  o = add_order (ev, 5003, "Priit", "Põder", "priit@example.com", "unconfirmed", "\"45.50\"", "\"0.00\"", NULL, TRUE);
  add_attendee (o, att++, "Weekend pass", "Festival", "Priit", "Põder", NULL, NULL);

  /* 5004: cancelled, two attendees. */
  o = add_order (ev, 5004, "Mari", "Maasikas", "mari@example.com", "cancelled", "60", "60", NULL, TRUE);
  add_attendee (o, att++, "Day pass (Sunday)", "Festival", "Mari", "Maasikas", NULL, NULL);
  add_attendee (o, att++, "Day pass (Sunday)", "Festival", "Jaan", "Maasikas", NULL, NULL);

  /* 5005: no "attendees" key at all (a donation). */
  add_order (ev, 5005, "Kristjan", "Kõiv", "kristjan@example.com", "confirmed", "15", "15", NULL, FALSE);

  /* 5006: an empty list of attendees. */
  add_order (ev, 5006, "Helena", "Hõbe", "helena@example.com", "confirmed", "0", "0", "FREEBIE", TRUE);

  /* 5007: checked in, ISO 8601 with an offset; a company. */
  o = add_order (ev, 5007, "Tane", "Walker", "tane@example.com", "confirmed", "35.9", "35.9", NULL, TRUE);
  add_attendee (o, att++, "VIP", "Hospitality", "Tane", "Walker", "Floktu Pty Ltd", "2024-05-04T19:05:00+10:00");

  /* 5008: a status Floktu does not document. */
  o = add_order (ev, 5008, "Olaf", "Ødegård", "olaf@example.com", "refunded", "35.9", "0", NULL, TRUE);
  add_attendee (o, att++, "VIP", "Hospitality", "Olaf", "Ødegård", NULL, NULL);

  /* 5009..5020: ordinary orders, the id of 5010 as a string. */
  for (i = 0; i < 12; i++)
    {
      g_autofree char *email = g_strdup_printf ("guest%u@example.com", 9 + i);
      guint n = 1 + i % 3;

      o = add_order (ev, 5009 + i, firsts[i], lasts[i], email, "confirmed", i % 2 ? "49.99" : "20",
                     i % 2 ? "49.99" : "20", NULL, TRUE);
      o->id_as_string = (5009 + i == 5010);
      for (guint k = 0; k < n; k++)
        {
          a = add_attendee (o, att++, k == 0 ? "Weekend pass" : "Day pass (Saturday)", "Festival",
                            firsts[(i + k) % G_N_ELEMENTS (firsts)], lasts[i],
                            k == 1 ? "Harbour Co-op" : NULL, i == 4 && k == 0 ? "2024-05-04 20:15:00" : NULL);
          if (k == 0)
            add_answer (a, "How did you hear about us?", i % 2 ? "Radio" : "A friend");
        }
    }
}

/* The big event: @n orders of 1-3 attendees, from the seed. */
static void
generate_big (FkState *st, guint n)
{
  static const char *const firsts[] = { "Anna", "Jüri", "Siim", "Kätlin", "René", "Łukasz", "Inés",
                                        "Noémie", "Tõnu", "Ülle", "Grace", "Wiremu", "Sione", "Yuki" };
  static const char *const lasts[] = { "Tamm", "Saar", "Sepp", "Mägi", "Kuusk", "Nowak", "García",
                                       "Dubois", "Õis", "Pärn", "Smith", "Ngata", "Tupou", "Sato" };
  static const char *const tickets[] = { "Full conference", "Workshop day", "Student" };
  FkEvent *ev = &st->events[2];
  g_autoptr (GRand) r = g_rand_new_with_seed (st->options.seed * 7919u + 103u);
  gint64 att = 1000001;
  guint i;

  event_init (ev, FK_EVENT_BIG, "Big Conference");
  st->big_orders = n;
  for (i = 0; i < n; i++)
    {
      guint f = g_rand_int_range (r, 0, G_N_ELEMENTS (firsts));
      guint l = g_rand_int_range (r, 0, G_N_ELEMENTS (lasts));
      guint roll = g_rand_int_range (r, 0, 100);
      guint count = g_rand_int_range (r, 1, 4);
      guint cents = count * (g_rand_int_range (r, 0, 2) ? 12000 : 4999);
      g_autofree char *email = g_strdup_printf ("attendee%u@example.com", i + 1);
      g_autofree char *amount = cents % 100 ? g_strdup_printf ("%u.%02u", cents / 100, cents % 100)
                                            : g_strdup_printf ("%u", cents / 100);
      const char *status = roll < 5 ? "cancelled" : roll < 10 ? "unconfirmed" : "confirmed";
      FkOrder *o;

      o = add_order (ev, 100001 + i, firsts[f], lasts[l], email, status, amount,
                     roll < 10 ? "0" : amount, NULL, i % 50 != 7);
      if (!o->has_attendees)
        continue;
      for (guint k = 0; k < count; k++)
        {
          guint t = g_rand_int_range (r, 0, G_N_ELEMENTS (tickets));
          gboolean in = g_rand_int_range (r, 0, 10) == 0;
          g_autofree char *when = in ? g_strdup_printf ("2024-09-12 08:%02u:%02u", g_rand_int_range (r, 0, 60),
                                                        g_rand_int_range (r, 0, 60))
                                     : NULL;
          FkAttendee *a = add_attendee (o, att++, tickets[t], "Conference",
                                        k == 0 ? firsts[f] : firsts[(f + k) % G_N_ELEMENTS (firsts)],
                                        lasts[l], NULL, when);

          if (t == 1)
            add_answer (a, "Workshop", g_rand_boolean (r) ? "Rust for C programmers" : "GTK 4 in practice");
        }
    }
}

static void
generate_all (FkState *st, guint big_orders)
{
  generate_small (st);
  event_init (&st->events[1], FK_EVENT_EMPTY, "Volunteers’ Briefing");
  generate_big (st, big_orders);
  st->next_order = 900001;
  st->next_attendee = 9000001;
}

static FkEvent *
find_event (FkState *st, const char *id)
{
  gint64 v;

  if (id == NULL || !g_ascii_string_to_signed (id, 10, 1, G_MAXINT64, &v, NULL))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (st->events); i++)
    if (st->events[i].id == v)
      return &st->events[i];
  return NULL;
}

static FkOrder *
find_order (FkEvent *ev, const char *id)
{
  gint64 v;

  if (id == NULL || !g_ascii_string_to_signed (id, 10, 1, G_MAXINT64, &v, NULL))
    return NULL;
  return g_hash_table_lookup (ev->by_id, &v);
}

static guint
event_attendees (FkEvent *ev)
{
  guint n = 0;

  for (guint i = 0; i < ev->orders->len; i++)
    n += ((FkOrder *) g_ptr_array_index (ev->orders, i))->attendees->len;
  return n;
}

static char *
now_text (FkState *st)
{
  g_autoptr (GDateTime) now = g_date_time_new_now (st->tz);

  return g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
}

/* ---------------------------------------------------------------------- */
/* Writing JSON                                                           */
/* ---------------------------------------------------------------------- */

static void
append_id (GString *s, gint64 id, gboolean as_string)
{
  if (as_string)
    g_string_append_c (s, '"');
  emu_json_int (s, id);
  if (as_string)
    g_string_append_c (s, '"');
}

static void
append_order_summary (GString *s, const FkOrder *o)
{
  g_string_append (s, "{\"id\":");
  append_id (s, o->id, o->id_as_string);
  g_string_append (s, ",\"email\":");
  emu_json_string (s, o->email);
  g_string_append (s, ",\"first_name\":");
  emu_json_string (s, o->first_name);
  g_string_append (s, ",\"last_name\":");
  emu_json_string (s, o->last_name);
  g_string_append_c (s, '}');
}

static void
append_order (GString *s, FkEvent *ev, const FkOrder *o)
{
  g_autofree char *name = g_strdup_printf ("%s %s", o->first_name, o->last_name);

  g_string_append (s, "{\"id\":");
  append_id (s, o->id, o->id_as_string);
  g_string_append (s, ",\"name\":");
  emu_json_string (s, name);
  g_string_append (s, ",\"email\":");
  emu_json_string (s, o->email);
  g_string_append (s, ",\"order_amount\":");
  g_string_append (s, o->order_amount);
  g_string_append (s, ",\"amount_paid\":");
  g_string_append (s, o->amount_paid);
  g_string_append (s, ",\"voucher\":");
  emu_json_string (s, o->voucher);
  g_string_append (s, ",\"status\":");
  emu_json_string (s, o->status);
  if (o->has_attendees)
    {
      g_string_append (s, ",\"attendees\":[");
      for (guint i = 0; i < o->attendees->len; i++)
        {
          const FkAttendee *a = g_ptr_array_index (o->attendees, i);

          if (i > 0)
            g_string_append_c (s, ',');
          g_string_append (s, "{\"attendee_id\":");
          append_id (s, a->id, o->id_as_string);
          if (a->ticket_group)
            {
              g_string_append (s, ",\"ticket_group\":");
              emu_json_string (s, a->ticket_group);
            }
          g_string_append (s, ",\"ticket\":");
          emu_json_string (s, a->ticket);
          /* The small event says null; the big one leaves the key out. */
          if (a->check_in_date || ev->id == FK_EVENT_SMALL)
            {
              g_string_append (s, ",\"check_in_date\":");
              emu_json_string (s, a->check_in_date);
            }
          g_string_append (s, ",\"attendee_first_name\":");
          emu_json_string (s, a->first_name);
          g_string_append (s, ",\"attendee_last_name\":");
          emu_json_string (s, a->last_name);
          g_string_append (s, ",\"attendee_company\":");
          emu_json_string (s, a->company);
          if (a->answers)
            {
              g_string_append (s, ",\"attendee_data\":[");
              for (guint k = 0; k < a->answers->len; k++)
                {
                  const FkAnswer *x = g_ptr_array_index (a->answers, k);

                  if (k > 0)
                    g_string_append_c (s, ',');
                  g_string_append (s, "{\"question\":");
                  emu_json_string (s, x->question);
                  g_string_append (s, ",\"answer\":");
                  emu_json_string (s, x->answer);
                  g_string_append_c (s, '}');
                }
              g_string_append_c (s, ']');
            }
          g_string_append_c (s, '}');
        }
      g_string_append_c (s, ']');
    }
  g_string_append (s, "}\n");
}

/* Floktu's library: {"code": N, "message": "..."}. */
static void
respond_error (EmuRequest *req, guint status, const char *message)
{
  GString *s = g_string_new ("{\"code\":");

  emu_json_int (s, status);
  g_string_append (s, ",\"message\":");
  emu_json_string (s, message);
  g_string_append (s, "}\n");
  emu_request_respond_json (req, status, s);
}

static void
respond_oauth_error (EmuRequest *req, guint status, const char *error, const char *description)
{
  GString *s = g_string_new ("{\"error\":");

  emu_json_string (s, error);
  g_string_append (s, ",\"error_description\":");
  emu_json_string (s, description);
  g_string_append (s, "}\n");
  emu_request_respond_json (req, status, s);
}

static GString *
page_begin (const char *title)
{
  GString *s = g_string_new ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");

  emu_html_escape (s, title);
  g_string_append (s, "</title></head>\n<body><h1>");
  emu_html_escape (s, title);
  g_string_append (s, "</h1>\n");
  return s;
}

static void
respond_page (EmuRequest *req, guint status, const char *title, const char *text)
{
  GString *s = page_begin (title);

  g_string_append (s, "<p>");
  emu_html_escape (s, text);
  g_string_append (s, "</p>\n</body></html>\n");
  emu_request_respond (req, status, "text/html", s);
}

/* ---------------------------------------------------------------------- */
/* OAuth                                                                  */
/* ---------------------------------------------------------------------- */

static char *
new_secret (FkState *st, const char *kind)
{
  g_autofree char *seed = g_strdup_printf ("%s:%u:%u:%" G_GINT64_FORMAT, kind, st->options.seed,
                                           ++st->next_secret, g_get_real_time ());
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);

  return g_strdup_printf ("fk%s%s", kind, sum);
}

/* http://127.0.0.1:PORT/... or http://localhost:PORT/... */
static gboolean
loopback_redirect (const char *uri_text)
{
  g_autoptr (GUri) uri = uri_text ? g_uri_parse (uri_text, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host;

  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 || g_uri_get_port (uri) <= 0)
    return FALSE;
  host = g_uri_get_host (uri);
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0;
}

typedef struct {
  SoupServerMessage *msg;
  gulong disconnected_id;
  gboolean gone;
  gboolean denied;
} Delivery;

static void
delivery_disconnected (SoupServerMessage *msg, gpointer user_data)
{
  Delivery *d = user_data;

  d->gone = TRUE;
}

/* The app answered the POST: tell the browser (and what the app said). */
static void
delivered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Delivery *d = user_data;
  SoupMessage *post = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  const char *title = d->denied ? DENIED_PAGE : SIGNED_IN_PAGE;
  GString *s = page_begin (title);
  gsize len;

  g_string_append (s, "<p>The app's redirect listener answered: ");
  if (body == NULL)
    emu_html_escape (s, error->message);
  else
    {
      const char *data = g_bytes_get_data (body, &len);
      g_autofree char *start = g_utf8_make_valid (data ? data : "", MIN (len, 300));

      g_string_append_printf (s, "HTTP %u ", soup_message_get_status (post));
      emu_html_escape (s, start);
    }
  g_string_append (s, "</p>\n</body></html>\n");

  if (!d->gone)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (d->msg);

      g_signal_handler_disconnect (d->msg, d->disconnected_id);
      soup_server_message_set_status (d->msg, 200, NULL);
      soup_message_headers_replace (headers, "Content-Type", "text/html; charset=UTF-8");
      soup_message_body_append (soup_server_message_get_response_body (d->msg), SOUP_MEMORY_COPY, s->str, s->len);
      soup_server_message_unpause (d->msg);
    }
  else
    g_signal_handler_disconnect (d->msg, d->disconnected_id);
  g_string_free (s, TRUE);
  g_object_unref (d->msg);
  g_free (d);
}

static void
handle_authorize (FkState *st, EmuRequest *req)
{
  const char *response_type = emu_request_param (req, "response_type");
  const char *client_id = emu_request_param (req, "client_id");
  const char *redirect_uri = emu_request_param (req, "redirect_uri");
  const char *state = emu_request_param (req, "state");
  AuthMode mode = st->auth_mode;
  g_autofree char *code = NULL;
  g_autofree char *form = NULL;
  g_autofree char *wrong_state = NULL;
  SoupMessage *post;
  Delivery *d;

  if (g_strcmp0 (client_id, FK_CLIENT_ID) != 0)
    {
      respond_page (req, 400, "Floktu (emulator): unknown application",
                    "The client_id is not one Floktu knows. Nothing was sent to the app.");
      return;
    }
  if (!loopback_redirect (redirect_uri))
    {
      respond_page (req, 400, "Floktu (emulator): bad redirect_uri",
                    "The redirect_uri must be http://127.0.0.1:PORT/... or http://localhost:PORT/.... Nothing was sent to the app.");
      return;
    }
  if (g_strcmp0 (response_type, "code") != 0)
    {
      respond_page (req, 400, "Floktu (emulator): unsupported response_type",
                    "Only response_type=code is supported. Nothing was sent to the app.");
      return;
    }

  /* The next authorize behaves as the control endpoint said, then as usual. */
  st->auth_mode = AUTH_OK;

  if (mode == AUTH_NONE)
    {
      respond_page (req, 200, SIGNED_IN_PAGE, "(Nothing was sent to the app: control mode \"none\".)");
      return;
    }

  if (mode != AUTH_DENY)
    {
      FkCode *c = g_new0 (FkCode, 1);

      code = new_secret (st, "code");
      c->redirect_uri = g_strdup (redirect_uri);
      c->created = g_get_monotonic_time ();
      g_hash_table_insert (st->codes, g_strdup (code), c);
    }
  if (mode == AUTH_WRONG_STATE)
    state = wrong_state = g_strconcat (state ? state : "", "-changed", NULL);

  if (mode == AUTH_GET)
    {
      GString *location = g_string_new (redirect_uri);

      g_string_append_c (location, strchr (redirect_uri, '?') ? '&' : '?');
      g_string_append (location, "code=");
      g_string_append_uri_escaped (location, code, NULL, FALSE);
      if (state != NULL)
        {
          g_string_append (location, "&state=");
          g_string_append_uri_escaped (location, state, NULL, FALSE);
        }
      emu_request_add_header (req, "Location", location->str);
      respond_page (req, 302, "Floktu (emulator): redirecting", location->str);
      g_string_free (location, TRUE);
      return;
    }

  if (mode == AUTH_DENY)
    form = soup_form_encode ("error", "access_denied", "error_description", "The user denied access.",
                             state ? "state" : NULL, state, NULL);
  else
    form = soup_form_encode ("code", code, state ? "state" : NULL, state, NULL);

  post = soup_message_new ("POST", redirect_uri);
  if (post == NULL)
    {
      respond_page (req, 400, "Floktu (emulator): bad redirect_uri", "The redirect_uri cannot be requested.");
      return;
    }
  {
    gsize len = strlen (form);
    g_autoptr (GBytes) bytes = g_bytes_new_take (g_steal_pointer (&form), len);

    soup_message_set_request_body_from_bytes (post, "application/x-www-form-urlencoded", bytes);
  }

  /* The browser's page waits for the app's answer; the server does not. */
  d = g_new0 (Delivery, 1);
  d->msg = g_object_ref (req->msg);
  d->denied = mode == AUTH_DENY;
  d->disconnected_id = g_signal_connect (req->msg, "disconnected", G_CALLBACK (delivery_disconnected), d);
  soup_server_message_pause (req->msg);
  req->deferred = TRUE;
  req->status = 200;
  soup_session_send_and_read_async (st->session, post, G_PRIORITY_DEFAULT, NULL, delivered_cb, d);
  g_object_unref (post);
}

static const char *
form_value (GHashTable *form, const char *key)
{
  return form ? g_hash_table_lookup (form, key) : NULL;
}

static void
handle_token (FkState *st, EmuRequest *req)
{
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *basic_id = NULL;
  g_autofree char *basic_secret = NULL;
  const char *client_id, *client_secret, *code, *redirect_uri;
  const char *auth = emu_request_header (req, "Authorization");
  g_autofree char *token = NULL;
  FkCode *c;
  GString *s;

  if (!emu_request_method_is (req, "POST"))
    {
      respond_oauth_error (req, 405, "invalid_request", "Use POST.");
      return;
    }
  if (req->body_len > 0)
    {
      g_autofree char *body = g_strndup (req->body, req->body_len);
      form = soup_form_decode (body);
    }
  client_id = form_value (form, "client_id");
  client_secret = form_value (form, "client_secret");
  /* Some clients send their credentials as HTTP Basic. */
  if (client_id == NULL && auth != NULL && g_ascii_strncasecmp (auth, "Basic ", 6) == 0)
    {
      gsize len = 0;
      g_autofree guchar *raw = g_base64_decode (auth + 6, &len);
      g_autofree char *text = g_strndup ((const char *) raw, len);
      char *colon = strchr (text, ':');

      if (colon != NULL)
        {
          basic_id = g_strndup (text, colon - text);
          basic_secret = g_strdup (colon + 1);
          client_id = basic_id;
          client_secret = basic_secret;
        }
    }

  if (g_strcmp0 (client_id, FK_CLIENT_ID) != 0 || g_strcmp0 (client_secret, FK_CLIENT_SECRET) != 0)
    {
      respond_oauth_error (req, 401, "invalid_client", "The client credentials are invalid.");
      return;
    }
  if (g_strcmp0 (form_value (form, "grant_type"), "authorization_code") != 0)
    {
      respond_oauth_error (req, 400, "unsupported_grant_type", "Only authorization_code is supported.");
      return;
    }
  code = form_value (form, "code");
  redirect_uri = form_value (form, "redirect_uri");
  c = code ? g_hash_table_lookup (st->codes, code) : NULL;
  if (c == NULL || c->used || g_get_monotonic_time () - c->created > FK_CODE_LIFETIME)
    {
      respond_oauth_error (req, 400, "invalid_grant", "The authorization code is invalid, expired or already used.");
      return;
    }
  if (g_strcmp0 (redirect_uri, c->redirect_uri) != 0)
    {
      respond_oauth_error (req, 400, "invalid_grant", "The redirect_uri does not match the one the code was issued for.");
      return;
    }
  c->used = TRUE;

  token = new_secret (st, "token");
  g_hash_table_insert (st->tokens, g_strdup (token), GINT_TO_POINTER (1));
  s = g_string_new ("{\"access_token\":");
  emu_json_string (s, token);
  g_string_append (s, ",\"token_type\":\"bearer\"}\n");
  emu_request_respond_json (req, 200, s);
}

/* ---------------------------------------------------------------------- */
/* API                                                                    */
/* ---------------------------------------------------------------------- */

static gboolean
authorized (FkState *st, EmuRequest *req)
{
  const char *auth = emu_request_header (req, "Authorization");
  const char *token = NULL;

  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    token = auth + 7;
  /* Floktu's PHP client may put it in the query. */
  if (token == NULL)
    token = emu_request_param (req, "access_token");
  return token != NULL && GPOINTER_TO_INT (g_hash_table_lookup (st->tokens, token)) == 1;
}

static void
flight_finished (SoupServerMessage *msg, gpointer user_data)
{
  gboolean *done = user_data;

  if (!*done)
    {
      *done = TRUE;
      fk_in_flight--;
    }
}

static void
flight_free (gpointer user_data)
{
  gboolean *done = user_data;

  if (!*done)
    fk_in_flight--;
  g_free (done);
}

/* Counts an order-detail request in flight until its answer is written. */
static void
track_flight (EmuRequest *req)
{
  gboolean *done = g_new0 (gboolean, 1);

  fk_details++;
  fk_in_flight++;
  fk_max_in_flight = MAX (fk_max_in_flight, fk_in_flight);
  g_signal_connect (req->msg, "finished", G_CALLBACK (flight_finished), done);
  g_object_set_data_full (G_OBJECT (req->msg), "emu-floktu-flight", done, flight_free);
}

static void
floktu_handle (EmuProvider *self, EmuRequest *req)
{
  FkState *st = self->state;
  FkEvent *ev;
  FkOrder *o;
  GString *s;

  if (req->n_segments == 1 && g_str_equal (req->segments[0], "authorize"))
    {
      if (!emu_request_method_is (req, "GET"))
        respond_page (req, 405, "Floktu (emulator)", MSG_METHOD);
      else
        handle_authorize (st, req);
      return;
    }
  if (req->n_segments == 1 && g_str_equal (req->segments[0], "token"))
    {
      handle_token (st, req);
      return;
    }

  if (req->n_segments == 0 || !g_str_equal (req->segments[0], "events") || req->n_segments > 4 ||
      req->n_segments == 2 || (req->n_segments >= 3 && !g_str_equal (req->segments[2], "orders")))
    {
      respond_error (req, 404, MSG_NO_ROUTE);
      return;
    }
  if (req->n_segments == 4)
    track_flight (req);
  if (!authorized (st, req))
    {
      respond_error (req, 401, MSG_UNAUTHORIZED);
      return;
    }
  if (!emu_request_method_is (req, "GET") && !emu_request_method_is (req, "POST"))
    {
      respond_error (req, 405, MSG_METHOD);
      return;
    }

  if (req->n_segments == 1)
    {
      s = g_string_new ("[");
      for (guint i = 0; i < G_N_ELEMENTS (st->events); i++)
        {
          if (i > 0)
            g_string_append_c (s, ',');
          g_string_append (s, "{\"id\":");
          emu_json_int (s, st->events[i].id);
          g_string_append (s, ",\"name\":");
          emu_json_string (s, st->events[i].name);
          g_string_append_c (s, '}');
        }
      g_string_append (s, "]\n");
      emu_request_respond_json (req, 200, s);
      return;
    }

  if ((ev = find_event (st, req->segments[1])) == NULL)
    {
      respond_error (req, 404, MSG_NO_EVENT);
      return;
    }
  if (req->n_segments == 3)
    {
      fk_order_lists++;
      s = g_string_sized_new (100 * ev->orders->len + 16);
      g_string_append_c (s, '[');
      for (guint i = 0; i < ev->orders->len; i++)
        {
          if (i > 0)
            g_string_append (s, ",\n");
          append_order_summary (s, g_ptr_array_index (ev->orders, i));
        }
      g_string_append (s, "]\n");
      emu_request_respond_json (req, 200, s);
      return;
    }

  if ((o = find_order (ev, req->segments[3])) == NULL || g_hash_table_contains (st->gone, &o->id))
    {
      respond_error (req, 404, MSG_NO_ORDER);
      return;
    }
  s = g_string_new (NULL);
  append_order (s, ev, o);
  emu_request_respond_json (req, 200, s);
}

static void
floktu_too_many_requests (EmuProvider *self, EmuRequest *req, guint retry_after)
{
  char value[16];

  g_snprintf (value, sizeof value, "%u", retry_after);
  emu_request_add_header (req, "Retry-After", value);
  respond_error (req, 429, "Too many requests.");
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

/* A POST body that is a JSON object (an empty body is {}). */
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
  if (req->body_len == 0)
    {
      root = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (root, json_object_new ());
      *obj = json_node_get_object (root);
      return root;
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

/* A member that may be a string or an integer, as a new string. */
static char *
control_member (JsonObject *obj, const char *member)
{
  JsonNode *node = obj ? json_object_get_member (obj, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

static void
control_authorize (FkState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  const char *mode;
  guint i;

  if (root == NULL)
    return;
  mode = emu_json_get_string (obj, "mode", NULL, NULL);
  for (i = 0; mode != NULL && i < G_N_ELEMENTS (auth_mode_names); i++)
    if (g_str_equal (mode, auth_mode_names[i]))
      break;
  if (mode == NULL || i == G_N_ELEMENTS (auth_mode_names))
    {
      control_error (req, 400, "mode must be ok, deny, wrong-state, none or get");
      return;
    }
  st->auth_mode = (AuthMode) i;
  emu_request_respond_text (req, 200, "application/json", "{\"ok\":true}");
}

static void
control_token (FkState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  g_autofree char *token = NULL;
  GString *s;

  if (root == NULL)
    return;
  token = new_secret (st, "token");
  g_hash_table_insert (st->tokens, g_strdup (token), GINT_TO_POINTER (1));
  s = g_string_new ("{\"access_token\":");
  emu_json_string (s, token);
  g_string_append (s, ",\"token_type\":\"bearer\"}\n");
  emu_request_respond_json (req, 200, s);
}

static void
control_revoke (FkState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  const char *token;
  gboolean revoked = FALSE;

  if (root == NULL)
    return;
  token = emu_json_get_string (obj, "access_token", NULL, NULL);
  if (token == NULL || *token == '\0')
    {
      control_error (req, 400, "access_token is required");
      return;
    }
  if (GPOINTER_TO_INT (g_hash_table_lookup (st->tokens, token)) == 1)
    {
      g_hash_table_replace (st->tokens, g_strdup (token), GINT_TO_POINTER (0));
      revoked = TRUE;
    }
  emu_request_respond_text (req, 200, "application/json",
                            revoked ? "{\"ok\":true,\"revoked\":true}" : "{\"ok\":true,\"revoked\":false}");
}

static void
respond_event_info (EmuRequest *req, FkEvent *ev)
{
  GString *s = g_string_new ("{\"event\":");

  emu_json_int (s, ev->id);
  g_string_append (s, ",\"name\":");
  emu_json_string (s, ev->name);
  g_string_append (s, ",\"orders\":");
  emu_json_int (s, ev->orders->len);
  g_string_append (s, ",\"attendees\":");
  emu_json_int (s, event_attendees (ev));
  g_string_append (s, "}\n");
  emu_request_respond_json (req, 200, s);
}

/* POST sample {"orders": N}: the big event again, with N orders. */
static void
control_sample (FkState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = NULL;
  gint64 n = st->big_orders;

  if (g_str_equal (req->method, "GET"))
    {
      respond_event_info (req, &st->events[2]);
      return;
    }
  if ((root = control_body (req, &obj)) == NULL)
    return;
  if (json_object_has_member (obj, "orders") &&
      (!emu_json_get_int (obj, "orders", &n) || n < 0 || n > 1000000))
    {
      control_error (req, 400, "orders must be 0..1000000");
      return;
    }
  generate_big (st, (guint) n);
  respond_event_info (req, &st->events[2]);
}

static void
control_events (FkState *st, EmuRequest *req)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < G_N_ELEMENTS (st->events); i++)
    {
      FkEvent *ev = &st->events[i];

      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, "{\"event\":");
      emu_json_int (s, ev->id);
      g_string_append (s, ",\"name\":");
      emu_json_string (s, ev->name);
      g_string_append (s, ",\"orders\":");
      emu_json_int (s, ev->orders->len);
      g_string_append (s, ",\"attendees\":");
      emu_json_int (s, event_attendees (ev));
      g_string_append_c (s, '}');
    }
  g_string_append (s, "]\n");
  emu_request_respond_json (req, 200, s);
}

/* POST add-order {"event": E, "attendees": 2}: a new confirmed order. */
static void
control_add_order (FkState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  g_autofree char *event = NULL;
  g_autofree char *email = NULL;
  gint64 count = 2;
  FkEvent *ev;
  FkOrder *o;
  GString *s;

  if (root == NULL)
    return;
  event = control_member (obj, "event");
  if ((ev = find_event (st, event ? event : G_STRINGIFY (FK_EVENT_SMALL))) == NULL)
    {
      control_error (req, 404, "unknown event");
      return;
    }
  if (json_object_has_member (obj, "attendees") &&
      (!emu_json_get_int (obj, "attendees", &count) || count < 0 || count > 100))
    {
      control_error (req, 400, "attendees must be 0..100");
      return;
    }
  email = g_strdup_printf ("late%" G_GINT64_FORMAT "@example.com", st->next_order);
  o = add_order (ev, st->next_order++, "Late", "Comer", email, "confirmed", "30", "30", NULL, TRUE);
  s = g_string_new ("{\"event\":");
  emu_json_int (s, ev->id);
  g_string_append (s, ",\"order\":");
  emu_json_int (s, o->id);
  g_string_append (s, ",\"attendees\":[");
  for (gint64 i = 0; i < count; i++)
    {
      FkAttendee *a = add_attendee (o, st->next_attendee++, "Weekend pass", "Festival",
                                    i == 0 ? "Late" : "Plus", i == 0 ? "Comer" : "One", NULL, NULL);

      if (i > 0)
        g_string_append_c (s, ',');
      emu_json_int (s, a->id);
    }
  g_string_append (s, "]}\n");
  emu_request_respond_json (req, 200, s);
}

/* POST checkin {"attendee": A}: checked in at Floktu's own app, now. */
static void
control_checkin (FkState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  g_autofree char *id = NULL;
  gint64 v;

  if (root == NULL)
    return;
  id = control_member (obj, "attendee");
  if (id == NULL || !g_ascii_string_to_signed (id, 10, 1, G_MAXINT64, &v, NULL))
    {
      control_error (req, 400, "attendee is required");
      return;
    }
  for (guint e = 0; e < G_N_ELEMENTS (st->events); e++)
    for (guint i = 0; i < st->events[e].orders->len; i++)
      {
        FkOrder *o = g_ptr_array_index (st->events[e].orders, i);

        for (guint k = 0; k < o->attendees->len; k++)
          {
            FkAttendee *a = g_ptr_array_index (o->attendees, k);
            GString *s;

            if (a->id != v)
              continue;
            g_free (a->check_in_date);
            a->check_in_date = now_text (st);
            s = g_string_new ("{\"ok\":true,\"attendee\":");
            emu_json_int (s, a->id);
            g_string_append (s, ",\"check_in_date\":");
            emu_json_string (s, a->check_in_date);
            g_string_append (s, "}\n");
            emu_request_respond_json (req, 200, s);
            return;
          }
      }
  control_error (req, 404, "unknown attendee");
}

/* POST gone {"order": O}: the order stays listed, its details answer 404
 * (deleted between the list and the details). */
static void
control_gone (FkState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  g_autofree char *id = NULL;
  gint64 v;

  if (root == NULL)
    return;
  id = control_member (obj, "order");
  if (id == NULL || !g_ascii_string_to_signed (id, 10, 1, G_MAXINT64, &v, NULL))
    {
      control_error (req, 400, "order is required");
      return;
    }
  g_hash_table_add (st->gone, g_memdup2 (&v, sizeof v));
  emu_request_respond_text (req, 200, "application/json", "{\"ok\":true}");
}

/* GET counts; POST counts sets them back to 0 (and answers what they were). */
static void
control_counts (EmuRequest *req)
{
  GString *s = g_string_new ("{\"order_details\":");

  emu_json_int (s, fk_details);
  g_string_append (s, ",\"order_lists\":");
  emu_json_int (s, fk_order_lists);
  g_string_append (s, ",\"in_flight\":");
  emu_json_int (s, fk_in_flight);
  g_string_append (s, ",\"max_in_flight\":");
  emu_json_int (s, fk_max_in_flight);
  g_string_append (s, "}\n");
  if (g_str_equal (req->method, "POST"))
    {
      fk_details = 0;
      fk_order_lists = 0;
      fk_max_in_flight = fk_in_flight;
    }
  emu_request_respond_json (req, 200, s);
}

/* POST reset: the data as generated (the big event keeps its size), the
 * counts at 0, authorize back to "ok".  Tokens are kept. */
static void
control_reset (FkState *st, EmuRequest *req)
{
  if (!g_str_equal (req->method, "POST"))
    {
      control_error (req, 405, "use POST");
      return;
    }
  generate_all (st, st->big_orders);
  g_hash_table_remove_all (st->gone);
  st->auth_mode = AUTH_OK;
  fk_details = 0;
  fk_order_lists = 0;
  fk_max_in_flight = fk_in_flight;
  emu_request_respond_text (req, 200, "application/json", "{\"ok\":true}");
}

/* Only /_control/floktu/ACTION: the bare names belong to Fienta. */
static gboolean
floktu_control (EmuProvider *self, EmuRequest *req, const char *action)
{
  FkState *st = self->state;

  if (req->n_segments < 3 || !g_str_equal (req->segments[1], self->name))
    return FALSE;
  if (g_str_equal (action, "authorize"))
    control_authorize (st, req);
  else if (g_str_equal (action, "token"))
    control_token (st, req);
  else if (g_str_equal (action, "revoke"))
    control_revoke (st, req);
  else if (g_str_equal (action, "sample"))
    control_sample (st, req);
  else if (g_str_equal (action, "events"))
    control_events (st, req);
  else if (g_str_equal (action, "add-order"))
    control_add_order (st, req);
  else if (g_str_equal (action, "checkin"))
    control_checkin (st, req);
  else if (g_str_equal (action, "gone"))
    control_gone (st, req);
  else if (g_str_equal (action, "counts"))
    control_counts (req);
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
code_free (gpointer data)
{
  FkCode *c = data;

  g_free (c->redirect_uri);
  g_free (c);
}

static void
floktu_state_free (gpointer data)
{
  FkState *st = data;

  for (guint i = 0; i < G_N_ELEMENTS (st->events); i++)
    event_clear (&st->events[i]);
  g_hash_table_unref (st->codes);
  g_hash_table_unref (st->tokens);
  g_hash_table_unref (st->gone);
  g_clear_object (&st->session);
  g_time_zone_unref (st->tz);
  g_free (st);
}

EmuProvider *
emu_floktu_provider_new (const EmuOptions *options)
{
  EmuProvider *p = g_new0 (EmuProvider, 1);
  FkState *st = g_new0 (FkState, 1);

  st->options = *options;
  st->tz = g_time_zone_new_identifier (options->timezone);
  if (st->tz == NULL)
    st->tz = g_time_zone_new_utc ();
  st->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, code_free);
  st->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  st->session = soup_session_new_with_options ("timeout", 30, "user-agent", "Floktu-emulator ", NULL);
  st->gone = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  st->auth_mode = AUTH_OK;
  generate_all (st, options->attendees);

  if (!options->quiet)
    g_printerr ("emulator: floktu: %u orders in the big event, client %s\n", st->big_orders, FK_CLIENT_ID);

  p->name = "floktu";
  p->prefix = FK_PREFIX;
  p->state = st;
  p->handle = floktu_handle;
  p->too_many_requests = floktu_too_many_requests;
  p->control = floktu_control;
  p->free_state = floktu_state_free;
  return p;
}
