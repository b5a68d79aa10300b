/* emu-eventyay.c - fake Eventyay / pretixdroid check-in API v3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The old pretixdroid device API (redeem, search, download, status), as
 * pretix's plugin served it and Eventyay documents it.  The same data is
 * mounted twice: at /eventyaydroid/api (the Eventyay docs) and at
 * /pretixdroid/api (the code).  Behaviour follows
 * shared/api/GROUND-TRUTH.md section 1; see README.md for the data set.
 */

#include "emu-core.h"

#include <string.h>

#define EY_VERSION 3
#define EY_KEY "EVENTYAYKEYabcdefghijklmnop012345"
#define EY_WORKSHOP_KEY "EVENTYAYWORKSHOPKEY0123456789abc"
#define EY_JUNE_KEY "EVENTYAYSERIESJUNEKEY0123456789a"
#define EY_ORGANIZER_SLUG "demoorga"
#define EY_ORGANIZER_NAME "Demo Organizer"
#define EY_SECRET_LEN 32
#define EY_CODE_LEN 5
#define EY_SEARCH_MAX 25

/* ---------------------------------------------------------------------- */
/* Static catalogue: events, items, questions, device configurations      */
/* ---------------------------------------------------------------------- */

typedef struct {
  guint id;
  const char *name;
} EyVariation;

typedef struct {
  guint id;
  const char *name;
  gboolean admission;
  gboolean attention;    /* item.checkin_attention */
  guint n_variations;
  EyVariation variations[3];
} EyItem;

typedef struct {
  guint id;
  const char *answer;
} EyOption;

typedef struct {
  guint id;
  char type;             /* N S T B C M F D H W */
  const char *question;
  gboolean required;
  guint position;
  guint item_id;         /* the one item it is asked for */
  guint n_options;
  EyOption options[3];
} EyQuestion;

typedef struct {
  guint id;
  const char *name;
  int day, start_hour, end_hour;   /* relative to today, local */
} EySubEventSpec;

typedef enum {
  ORDER_PAID,
  ORDER_PENDING,
  ORDER_CANCELED,
} OrderStatus;

static const char *const order_status_names[] = { "paid", "pending", "canceled" };

typedef struct {
  const char *slug;
  const char *name;
  const char *timezone;  /* NULL = --timezone */
  const char *list_name;
  gboolean include_pending;
  int day, start_hour, end_day, end_hour;  /* end_day < 0: date_to null */
  guint start_msec;      /* DjangoJSONEncoder prints milliseconds only when set */
  guint n_tickets;       /* admission positions; 0 = --attendees */
  guint first_position_id;
  guint n_items;
  const EyItem *items;
  guint n_questions;
  const EyQuestion *questions;
  guint n_subevents;
  const EySubEventSpec *subevents;
} EyEventSpec;

static const EyItem democon_items[] = {
  { 1, "Conference Ticket", TRUE, FALSE, 2, { { 1, "Early bird" }, { 2, "Regular" } } },
  { 2, "Workshop Pass", TRUE, FALSE, 0, { { 0 } } },
  { 3, "T-Shirt", FALSE, FALSE, 3, { { 3, "S" }, { 4, "M" }, { 5, "L" } } },
};

static const EyQuestion democon_questions[] = {
  { 1, 'C', "Which workshop do you attend?", TRUE, 1, 2, 2,
    { { 1, "Rust for beginners" }, { 2, "GTK 4 deep dive" } } },
  { 2, 'S', "Laptop serial number", FALSE, 2, 2, 0, { { 0 } } },
};

static const EyItem tinycon_items[] = {
  { 4, "Tiny Ticket", TRUE, FALSE, 0, { { 0 } } },
  { 5, "Tiny VIP", TRUE, TRUE, 0, { { 0 } } },
};

static const EyQuestion tinycon_questions[] = {
  { 10, 'N', "How many people come with you?", TRUE, 1, 4, 0, { { 0 } } },
  { 11, 'S', "Company", FALSE, 2, 4, 0, { { 0 } } },
  { 12, 'T', "Anything we should know?", FALSE, 3, 4, 0, { { 0 } } },
  { 13, 'B', "I accept the house rules", TRUE, 4, 4, 0, { { 0 } } },
  { 14, 'C', "Meal", TRUE, 5, 4, 3, { { 20, "Vegetarian" }, { 21, "Vegan" }, { 22, "Omnivore" } } },
  { 15, 'M', "Interests", FALSE, 6, 4, 3, { { 23, "Talks" }, { 24, "Workshops" }, { 25, "Networking" } } },
  { 16, 'F', "Photo ID", FALSE, 7, 4, 0, { { 0 } } },
  { 17, 'D', "Date of birth", TRUE, 8, 4, 0, { { 0 } } },
  { 18, 'H', "Arrival time", FALSE, 9, 4, 0, { { 0 } } },
  { 19, 'W', "Departure", FALSE, 10, 4, 0, { { 0 } } },
};

static const EyItem seriescon_items[] = {
  { 6, "Series Pass", TRUE, FALSE, 0, { { 0 } } },
};

static const EySubEventSpec seriescon_subevents[] = {
  { 101, "Summer Series: June", 7, 10, 17 },
  { 102, "Summer Series: July", 30, 10, 17 },
};

enum { EV_DEMOCON, EV_TINYCON, EV_SERIESCON, EV_N };

static const EyEventSpec event_specs[EV_N] = {
  { "democon", "Demo Conference", NULL, "Main entrance", TRUE,
    0, 8, -1, 0, 123, 0, 1000001,
    G_N_ELEMENTS (democon_items), democon_items,
    G_N_ELEMENTS (democon_questions), democon_questions, 0, NULL },
  { "tinycon", "Tiny Meetup", "Europe/Berlin", "Door", FALSE,
    1, 18, 1, 21, 0, 12, 2001,
    G_N_ELEMENTS (tinycon_items), tinycon_items,
    G_N_ELEMENTS (tinycon_questions), tinycon_questions, 0, NULL },
  { "seriescon", "Summer Series", "UTC", "All dates", FALSE,
    7, 10, 30, 17, 0, 20, 3001,
    G_N_ELEMENTS (seriescon_items), seriescon_items, 0, NULL,
    G_N_ELEMENTS (seriescon_subevents), seriescon_subevents },
};

/* An AppConfiguration: one key, bound to one event's list. */
typedef struct {
  const char *key;
  guint event;
  guint list_subevent;   /* 0 = the list is for all dates */
  guint item_restrict;   /* 0 = all items */
  gboolean allow_search;
  gboolean show_info;
} EyConfig;

static const EyConfig configs[] = {
  { EY_KEY, EV_DEMOCON, 0, 0, TRUE, TRUE },
  { EY_WORKSHOP_KEY, EV_DEMOCON, 0, 2, FALSE, TRUE },
  { EY_KEY, EV_TINYCON, 0, 0, TRUE, TRUE },
  { EY_KEY, EV_SERIESCON, 0, 0, TRUE, TRUE },
  { EY_JUNE_KEY, EV_SERIESCON, 101, 0, TRUE, FALSE },
};

/* ---------------------------------------------------------------------- */
/* Generated data                                                         */
/* ---------------------------------------------------------------------- */

typedef struct {
  char code[EY_CODE_LEN + 1];
  guint8 status;         /* OrderStatus */
  guint8 attention;      /* order.checkin_attention */
  const char *invoice_name;  /* NULL = none */
  const char *invoice_fold;
} EyOrder;

typedef struct {
  guint id;
  char *value;           /* as stored: option ids for C/M, True/False for B */
} EyAnswer;

/* What a position has beyond its generated data. */
typedef struct {
  GArray *answers;       /* EyAnswer */
  gboolean checked_in;   /* one Checkin row on the list */
  char *nonce;           /* of that row, or NULL */
  char *datetime;        /* of that row, ISO */
  guint forced;          /* forced re-entries (log entries only) */
} EyExtra;

typedef struct {
  guint id;
  guint order;           /* index into the event's orders */
  gint addon_to;         /* index of the parent position, or -1 */
  guint subevent;        /* 0 = none */
  const char *name;      /* attendee name, or NULL */
  const char *name_fold;
  EyExtra *extra;        /* NULL = no check-in, no answers */
  guint8 item;           /* index into spec->items */
  gint8 variation;       /* index into the item's variations, or -1 */
  guint8 n_addons;       /* add-ons follow the position directly */
  char secret[EY_SECRET_LEN + 1];
} EyPosition;

typedef struct {
  const EyEventSpec *spec;
  GTimeZone *tz;
  char *tz_name;
  gint64 date_from;      /* µs since the epoch, UTC */
  gint64 date_to;        /* 0 = null */
  gint64 sub_from[2], sub_to[2];
  GArray *orders;        /* EyOrder */
  GArray *positions;     /* EyPosition */
  GHashTable *by_secret; /* secret -> position index + 1 */
} EyEvent;

typedef struct {
  EmuOptions options;
  GStringChunk *strings;
  EyEvent events[EV_N];
} EyState;

static const char *const first_names[] = {
  "Peter", "Mari", "Kadri", "Tõnu", "Anna", "John", "Mary", "Jüri", "Łukasz",
  "José", "François", "Zoë", "Søren", "Ólafur", "Siobhán", "Jiří", "Chloé",
  "Björn", "Agnieszka", "Mikko", "Ilze", "Émile", "Renée", "Ahmed", "Sarah",
  "David", "Laura", "Maria", "Liis", "Märt", "Ülle", "Kristjan", "Emma",
};

static const char *const last_names[] = {
  "Higgs", "Müller", "Jõgi", "Šťastný", "Øster", "Ólafsdóttir", "O'Brien", "Tamm",
  "Kask", "Smith", "García", "Dvořák", "Kowalski", "Wiśniewski", "Lefèvre",
  "Nguyễn", "Virtanen", "Bērziņš", "Saar", "Brown", "Lee", "Mägi", "Ström",
};

static const char *const special_names[] = {
  "李 Wei", "Mary \"Molly\" O'Brien", "Anna-Liisa Põder-Kütt", "Ὀδυσσεύς Λαέρτιος",
  "<b>Bold</b> & Co",
};

#define PICK(r, list) ((list)[g_rand_int_range ((r), 0, G_N_ELEMENTS (list))])

static const char *
random_name (EyState *st, GRand *r)
{
  char buf[128];

  if (g_rand_int_range (r, 0, 100) == 0)
    return PICK (r, special_names);
  g_snprintf (buf, sizeof buf, "%s %s", PICK (r, first_names), PICK (r, last_names));
  return g_string_chunk_insert_const (st->strings, buf);
}

static const char *
fold (EyState *st, const char *s)
{
  g_autofree char *f = NULL;

  if (s == NULL)
    return NULL;
  f = g_utf8_casefold (s, -1);
  return g_string_chunk_insert_const (st->strings, f);
}

static void
extra_free (EyExtra *x)
{
  guint i;

  if (x == NULL)
    return;
  for (i = 0; x->answers && i < x->answers->len; i++)
    g_free (g_array_index (x->answers, EyAnswer, i).value);
  if (x->answers)
    g_array_unref (x->answers);
  g_free (x->nonce);
  g_free (x->datetime);
  g_free (x);
}

static EyExtra *
extra_get (EyPosition *p)
{
  if (p->extra == NULL)
    p->extra = g_new0 (EyExtra, 1);
  return p->extra;
}

static const char *
answer_get (const EyPosition *p, guint qid)
{
  guint i;

  if (p->extra == NULL || p->extra->answers == NULL)
    return NULL;
  for (i = 0; i < p->extra->answers->len; i++)
    {
      EyAnswer *a = &g_array_index (p->extra->answers, EyAnswer, i);

      if (a->id == qid)
        return a->value;
    }
  return NULL;
}

/* Stores @value (NULL deletes the answer). */
static void
answer_set (EyPosition *p, guint qid, const char *value)
{
  EyExtra *x;
  EyAnswer a;
  guint i;

  if (value == NULL && (p->extra == NULL || p->extra->answers == NULL))
    return;
  x = extra_get (p);
  if (x->answers == NULL)
    x->answers = g_array_new (FALSE, FALSE, sizeof (EyAnswer));
  for (i = 0; i < x->answers->len; i++)
    {
      EyAnswer *old = &g_array_index (x->answers, EyAnswer, i);

      if (old->id != qid)
        continue;
      g_free (old->value);
      if (value == NULL)
        g_array_remove_index (x->answers, i);
      else
        old->value = g_strdup (value);
      return;
    }
  if (value == NULL)
    return;
  a.id = qid;
  a.value = g_strdup (value);
  g_array_append_val (x->answers, a);
}

static void
checkin_create (EyPosition *p, const char *nonce, const char *datetime)
{
  EyExtra *x = extra_get (p);

  x->checked_in = TRUE;
  g_free (x->nonce);
  x->nonce = g_strdup (nonce);
  g_free (x->datetime);
  x->datetime = g_strdup (datetime);
}

static gboolean
is_checked_in (const EyPosition *p)
{
  return p->extra != NULL && p->extra->checked_in;
}

/* ---------------------------------------------------------------------- */
/* Time                                                                   */
/* ---------------------------------------------------------------------- */

static gint64
local_time (GTimeZone *tz, int day, int hour)
{
  g_autoptr (GDateTime) now = g_date_time_new_now (tz);
  g_autoptr (GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (now),
                                                    g_date_time_get_month (now),
                                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr (GDateTime) shifted = g_date_time_add_days (midnight, day);
  g_autoptr (GDateTime) at = g_date_time_new (tz, g_date_time_get_year (shifted),
                                              g_date_time_get_month (shifted),
                                              g_date_time_get_day_of_month (shifted), hour, 0, 0);

  return g_date_time_to_unix (at) * G_USEC_PER_SEC;
}

/* DjangoJSONEncoder: ISO 8601, milliseconds only when there are any,
 * "+00:00" written as "Z".  @usec 0 gives null. */
static void
append_datetime (GString *s, gint64 usec)
{
  g_autoptr (GDateTime) dt = NULL;
  g_autofree char *text = NULL;
  guint ms;

  if (usec == 0)
    {
      g_string_append (s, "null");
      return;
    }
  dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  g_string_append_c (s, '"');
  g_string_append (s, text);
  ms = (guint) ((usec % G_USEC_PER_SEC) / 1000);
  if (usec % G_USEC_PER_SEC != 0)
    g_string_append_printf (s, ".%03u", ms);
  g_string_append (s, "Z\"");
}

/* A lenient ISO 8601 reader standing in for dateutil.parser.parse():
 * "2024-05-01", "2024-05-01T10:00", "…T10:00:00.5Z", "…+02:00", "2024-05-01 10:00".
 * Without an offset the time is read in @tz. */
static GDateTime *
parse_datetime (const char *s, GTimeZone *tz)
{
  g_autofree char *copy = NULL;
  GDateTime *dt;
  char *p;

  if (s == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (s));
  if (strlen (copy) == 10 && copy[4] == '-' && copy[7] == '-')
    {
      char *full = g_strconcat (copy, "T00:00:00", NULL);

      g_free (copy);
      copy = full;
    }
  if (strlen (copy) > 10 && copy[10] == ' ')
    copy[10] = 'T';
  /* GLib wants seconds: turn "THH:MM" (+ offset) into "THH:MM:00". */
  p = strchr (copy, 'T');
  if (p != NULL && strlen (p) >= 6 && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && p[3] == ':' &&
      g_ascii_isdigit (p[4]) && g_ascii_isdigit (p[5]) && p[6] != ':')
    {
      char *full = g_strdup_printf ("%.*s:00%s", (int) (p + 6 - copy), copy, p + 6);

      g_free (copy);
      copy = full;
    }
  dt = g_date_time_new_from_iso8601 (copy, tz);
  return dt;
}

/* ---------------------------------------------------------------------- */
/* Generation                                                             */
/* ---------------------------------------------------------------------- */

static void
random_secret (GRand *r, char *out)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  int i;

  for (i = 0; i < EY_SECRET_LEN; i++)
    out[i] = alphabet[g_rand_int_range (r, 0, 36)];
  out[EY_SECRET_LEN] = '\0';
}

static void
random_code (GRand *r, char *out)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ3789";
  int i;

  for (i = 0; i < EY_CODE_LEN; i++)
    out[i] = alphabet[g_rand_int_range (r, 0, (gint32) strlen (alphabet))];
  out[EY_CODE_LEN] = '\0';
}

static EyPosition *
add_position (EyEvent *ev, GRand *r, guint order, guint item, gint variation,
              const char *name, gint addon_to)
{
  EyPosition p = { 0 };

  p.id = ev->spec->first_position_id + ev->positions->len;
  p.order = order;
  p.addon_to = addon_to;
  p.item = (guint8) item;
  p.variation = (gint8) variation;
  p.name = name;
  do
    random_secret (r, p.secret);
  while (g_hash_table_contains (ev->by_secret, p.secret));
  g_array_append_val (ev->positions, p);
  return &g_array_index (ev->positions, EyPosition, ev->positions->len - 1);
}

static void
index_secrets (EyEvent *ev)
{
  guint i;

  /* The array does not move any more: index the secrets in place. */
  g_hash_table_remove_all (ev->by_secret);
  for (i = 0; i < ev->positions->len; i++)
    {
      EyPosition *p = &g_array_index (ev->positions, EyPosition, i);

      g_hash_table_insert (ev->by_secret, p->secret, GUINT_TO_POINTER (i + 1));
    }
}

static guint
add_order (EyState *st, EyEvent *ev, GRand *r, GHashTable *codes, OrderStatus status,
           gboolean attention, const char *invoice_name)
{
  EyOrder o = { 0 };

  do
    random_code (r, o.code);
  while (g_hash_table_contains (codes, o.code));
  g_hash_table_add (codes, g_string_chunk_insert_const (st->strings, o.code));
  o.status = (guint8) status;
  o.attention = (guint8) attention;
  o.invoice_name = invoice_name;
  o.invoice_fold = fold (st, invoice_name);
  g_array_append_val (ev->orders, o);
  return ev->orders->len - 1;
}

static char *
checkin_time (EyEvent *ev, GRand *r)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (emu_now_unix () - g_rand_int_range (r, 60, 3 * 3600));

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
pre_checkin (EyEvent *ev, GRand *r, EyPosition *p)
{
  g_autofree char *when = checkin_time (ev, r);

  checkin_create (p, NULL, when);
}

static void
generate_democon (EyState *st, EyEvent *ev, GRand *r, guint n, GHashTable *codes)
{
  guint admitted = 0;

  while (admitted < n)
    {
      int roll = g_rand_int_range (r, 0, 100);
      OrderStatus status = roll < 5 ? ORDER_PENDING : roll < 8 ? ORDER_CANCELED : ORDER_PAID;
      gboolean attention = g_rand_int_range (r, 0, 100) < 3;
      const char *buyer = random_name (st, r);
      int size_roll = g_rand_int_range (r, 0, 10);
      guint size = size_roll < 7 ? 1 : size_roll < 9 ? 2 : 3;
      guint order, j;

      order = add_order (st, ev, r, codes, status,
                         attention, g_rand_int_range (r, 0, 100) < 90 ? buyer : NULL);
      for (j = 0; j < size && admitted < n; j++, admitted++)
        {
          guint parent_index = ev->positions->len;
          gboolean workshop = g_rand_int_range (r, 0, 100) < 20;
          int name_roll = g_rand_int_range (r, 0, 100);
          const char *name = j == 0 && name_roll < 40 ? buyer : name_roll < 95 ? random_name (st, r) : NULL;
          EyPosition *p;

          p = add_position (ev, r, order, workshop ? 1 : 0,
                            workshop ? -1 : g_rand_int_range (r, 0, 100) < 35 ? 0 : 1, name, -1);
          p->name_fold = fold (st, p->name);
          if (workshop && g_rand_boolean (r))
            {
              char serial[16];

              answer_set (p, 1, g_rand_boolean (r) ? "1" : "2");
              g_snprintf (serial, sizeof serial, "SN-%06d", g_rand_int_range (r, 0, 1000000));
              answer_set (p, 2, serial);
            }
          if (status == ORDER_PAID && g_rand_int_range (r, 0, 100) < 10)
            pre_checkin (ev, r, p);
          if (g_rand_int_range (r, 0, 100) < 12)
            {
              EyPosition *shirt = add_position (ev, r, order, 2, g_rand_int_range (r, 0, 3), NULL,
                                                (gint) parent_index);

              g_array_index (ev->positions, EyPosition, parent_index).n_addons = 1;
              (void) shirt;
            }
        }
    }
}

static void
generate_tinycon (EyState *st, EyEvent *ev, GRand *r, GHashTable *codes)
{
  guint i;

  /* 1-9 paid Tiny Ticket (9 answered everything), 10 pending, 11 canceled,
   * 12 a paid Tiny VIP (item attention). */
  for (i = 1; i <= 12; i++)
    {
      OrderStatus status = i == 10 ? ORDER_PENDING : i == 11 ? ORDER_CANCELED : ORDER_PAID;
      const char *name = random_name (st, r);
      guint order = add_order (st, ev, r, codes, status, FALSE, name);
      EyPosition *p = add_position (ev, r, order, i == 12 ? 1 : 0, -1, i == 8 ? NULL : name, -1);

      p->name_fold = fold (st, p->name);
      if (i == 9)
        {
          answer_set (p, 10, "2");
          answer_set (p, 11, "Example Labs");
          answer_set (p, 12, "Nothing");
          answer_set (p, 13, "True");
          answer_set (p, 14, "22");
          answer_set (p, 15, "23,25");
          answer_set (p, 16, "file:///photo.jpg");
          answer_set (p, 17, "1990-01-31");
          answer_set (p, 18, "18:30:00");
          answer_set (p, 19, "2030-01-01T20:00:00+01:00");
        }
      if (i == 7)
        pre_checkin (ev, r, p);
    }
}

static void
generate_seriescon (EyState *st, EyEvent *ev, GRand *r, GHashTable *codes)
{
  guint i;

  for (i = 0; i < 20; i++)
    {
      const char *name = random_name (st, r);
      guint order = add_order (st, ev, r, codes, ORDER_PAID, FALSE, name);
      EyPosition *p = add_position (ev, r, order, 0, -1, name, -1);

      p->name_fold = fold (st, p->name);
      p->subevent = seriescon_subevents[i % 2].id;
      if (i % 5 == 4)
        pre_checkin (ev, r, p);
    }
}

static void
event_clear (EyEvent *ev)
{
  guint i;

  if (ev->positions)
    {
      for (i = 0; i < ev->positions->len; i++)
        extra_free (g_array_index (ev->positions, EyPosition, i).extra);
      g_array_unref (ev->positions);
      ev->positions = NULL;
    }
  g_clear_pointer (&ev->orders, g_array_unref);
  if (ev->by_secret)
    g_hash_table_remove_all (ev->by_secret);
}

static void
generate_event (EyState *st, guint index)
{
  EyEvent *ev = &st->events[index];
  GRand *r = g_rand_new_with_seed (st->options.seed * 7919u + 4243u * (index + 1));
  GHashTable *codes = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = ev->spec->n_tickets ? ev->spec->n_tickets : st->options.attendees;

  event_clear (ev);
  ev->orders = g_array_sized_new (FALSE, FALSE, sizeof (EyOrder), n);
  ev->positions = g_array_sized_new (FALSE, FALSE, sizeof (EyPosition), n + n / 8 + 1);
  if (index == EV_DEMOCON)
    generate_democon (st, ev, r, n, codes);
  else if (index == EV_TINYCON)
    generate_tinycon (st, ev, r, codes);
  else
    generate_seriescon (st, ev, r, codes);
  index_secrets (ev);
  g_hash_table_unref (codes);
  g_rand_free (r);
}

/* ---------------------------------------------------------------------- */
/* Lookups                                                                */
/* ---------------------------------------------------------------------- */

static EyEvent *
find_event (EyState *st, const char *slug)
{
  guint i;

  for (i = 0; slug != NULL && i < EV_N; i++)
    if (g_str_equal (st->events[i].spec->slug, slug))
      return &st->events[i];
  return NULL;
}

static const EyConfig *
find_config (EyEvent *ev, EyState *st, const char *key)
{
  guint i, index = (guint) (ev - st->events);

  for (i = 0; i < G_N_ELEMENTS (configs); i++)
    if (configs[i].event == index && g_str_equal (configs[i].key, key))
      return &configs[i];
  return NULL;
}

static const EyItem *
pos_item (EyEvent *ev, const EyPosition *p)
{
  return &ev->spec->items[p->item];
}

static const EyVariation *
pos_variation (EyEvent *ev, const EyPosition *p)
{
  return p->variation < 0 ? NULL : &pos_item (ev, p)->variations[p->variation];
}

static EyOrder *
pos_order (EyEvent *ev, const EyPosition *p)
{
  return &g_array_index (ev->orders, EyOrder, p->order);
}

static EyPosition *
find_position (EyEvent *ev, const char *secret)
{
  guint idx = GPOINTER_TO_UINT (g_hash_table_lookup (ev->by_secret, secret));

  return idx ? &g_array_index (ev->positions, EyPosition, idx - 1) : NULL;
}

static const EySubEventSpec *
find_subevent (EyEvent *ev, guint id, guint *index)
{
  guint i;

  for (i = 0; i < ev->spec->n_subevents; i++)
    if (ev->spec->subevents[i].id == id)
      {
        if (index)
          *index = i;
        return &ev->spec->subevents[i];
      }
  return NULL;
}

static const char *
attendee_name (EyEvent *ev, const EyPosition *p)
{
  if (p->name)
    return p->name;
  if (p->addon_to >= 0)
    {
      const EyPosition *parent = &g_array_index (ev->positions, EyPosition, p->addon_to);

      if (parent->name)
        return parent->name;
    }
  return pos_order (ev, p)->invoice_name;
}

static gboolean
checkin_allowed (EyEvent *ev, const EyPosition *p)
{
  guint8 status = pos_order (ev, p)->status;

  return status == ORDER_PAID || (status == ORDER_PENDING && ev->spec->include_pending);
}

/* Counted by download and status: paid, plus pending with include_pending. */
static gboolean
in_list (EyEvent *ev, const EyPosition *p, guint subevent)
{
  return p->subevent == subevent && checkin_allowed (ev, p);
}

/* ---------------------------------------------------------------------- */
/* JSON                                                                   */
/* ---------------------------------------------------------------------- */

static void
append_bool (GString *s, gboolean b)
{
  g_string_append (s, b ? "true" : "false");
}

/* "Item" or "Item - Variation" of each add-on, joined with ", " (names need no escaping). */
static void
append_addons_text (GString *s, EyEvent *ev, const EyPosition *p)
{
  guint i;

  g_string_append_c (s, '"');
  for (i = 0; i < p->n_addons; i++)
    {
      const EyPosition *a = p + 1 + i;
      const EyVariation *av = pos_variation (ev, a);

      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, pos_item (ev, a)->name);
      if (av)
        {
          g_string_append (s, " - ");
          g_string_append (s, av->name);
        }
    }
  g_string_append_c (s, '"');
}

static void
append_data (GString *s, EyEvent *ev, const EyPosition *p, gboolean redeemed)
{
  const EyItem *item = pos_item (ev, p);
  const EyVariation *var = pos_variation (ev, p);
  const EyOrder *o = pos_order (ev, p);

  g_string_append (s, "{\"secret\":\"");
  g_string_append (s, p->secret);
  g_string_append (s, "\",\"order\":\"");
  g_string_append (s, o->code);
  g_string_append (s, "\",\"item\":");
  emu_json_string (s, item->name);
  g_string_append (s, ",\"item_id\":");
  emu_json_int (s, item->id);
  g_string_append (s, ",\"variation\":");
  emu_json_string (s, var ? var->name : NULL);
  g_string_append (s, ",\"variation_id\":");
  if (var)
    emu_json_int (s, var->id);
  else
    g_string_append (s, "null");
  g_string_append (s, ",\"attendee_name\":");
  emu_json_string (s, attendee_name (ev, p));
  g_string_append (s, ",\"attention\":");
  append_bool (s, item->attention || o->attention);
  g_string_append (s, ",\"redeemed\":");
  append_bool (s, redeemed);
  g_string_append (s, ",\"paid\":");
  append_bool (s, o->status == ORDER_PAID);
  g_string_append (s, ",\"checkin_allowed\":");
  append_bool (s, checkin_allowed (ev, p));
  g_string_append (s, ",\"addons_text\":");
  append_addons_text (s, ev, p);
  g_string_append_c (s, '}');
}

static void
append_question (GString *s, const EyQuestion *q, gboolean with_items)
{
  guint i;

  g_string_append (s, "{\"id\":");
  emu_json_int (s, q->id);
  g_string_append (s, ",\"type\":\"");
  g_string_append_c (s, q->type);
  g_string_append (s, "\",\"question\":");
  emu_json_string (s, q->question);
  g_string_append (s, ",\"required\":");
  append_bool (s, q->required);
  g_string_append (s, ",\"position\":");
  emu_json_int (s, q->position);
  if (with_items)
    {
      g_string_append (s, ",\"items\":[");
      emu_json_int (s, q->item_id);
      g_string_append_c (s, ']');
    }
  g_string_append (s, ",\"options\":[");
  for (i = 0; (q->type == 'C' || q->type == 'M') && i < q->n_options; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, "{\"id\":");
      emu_json_int (s, q->options[i].id);
      g_string_append (s, ",\"answer\":");
      emu_json_string (s, q->options[i].answer);
      g_string_append_c (s, '}');
    }
  g_string_append (s, "]}");
}

/* ---------------------------------------------------------------------- */
/* Answers (Question.clean_answer)                                        */
/* ---------------------------------------------------------------------- */

static const EyOption *
find_option (const EyQuestion *q, const char *id)
{
  guint64 v;
  guint i;

  if (!g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT, &v, NULL))
    return NULL;
  for (i = 0; i < q->n_options; i++)
    if (q->options[i].id == v)
      return &q->options[i];
  return NULL;
}

static gboolean
is_decimal (const char *s)
{
  const char *p = s;
  gboolean digits = FALSE;

  if (g_ascii_strcasecmp (s, "NaN") == 0 || g_ascii_strcasecmp (s, "Infinity") == 0 ||
      g_ascii_strcasecmp (s, "-Infinity") == 0)
    return TRUE;
  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

typedef enum {
  CLEAN_INVALID,   /* dropped silently */
  CLEAN_EMPTY,     /* given, but deletes the stored answer */
  CLEAN_VALUE,
} CleanResult;

/* Returns the value to store in @out for CLEAN_VALUE. */
static CleanResult
clean_answer (EyEvent *ev, const EyQuestion *q, const char *answer, char **out)
{
  *out = NULL;

  if (q->required && (answer[0] == '\0' || (q->type == 'B' && strcmp (answer, "true") != 0 &&
                                             strcmp (answer, "True") != 0)))
    return CLEAN_INVALID;
  if (answer[0] == '\0')
    {
      /* An optional boolean cleans to False, which is falsy as well. */
      return CLEAN_EMPTY;
    }

  switch (q->type)
    {
    case 'C':
      {
        const EyOption *o = find_option (q, answer);

        if (o == NULL)
          return CLEAN_INVALID;
        *out = g_strdup_printf ("%u", o->id);
        return CLEAN_VALUE;
      }
    case 'M':
      {
        g_auto (GStrv) parts = g_strsplit (answer, ",", -1);
        GString *ids = g_string_new (NULL);
        guint i, j;

        for (i = 0; parts[i]; i++)
          {
            guint64 v;

            if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 0, G_MAXUINT, &v, NULL))
              {
                g_string_free (ids, TRUE);
                return CLEAN_INVALID;
              }
          }
        /* pk__in: the known options, in their own order, unknown ids ignored. */
        for (j = 0; j < q->n_options; j++)
          for (i = 0; parts[i]; i++)
            if (find_option (q, parts[i]) == &q->options[j])
              {
                if (ids->len > 0)
                  g_string_append_c (ids, ',');
                g_string_append_printf (ids, "%u", q->options[j].id);
                break;
              }
        if (ids->len == 0)
          {
            g_string_free (ids, TRUE);
            return CLEAN_EMPTY;
          }
        *out = g_string_free (ids, FALSE);
        return CLEAN_VALUE;
      }
    case 'B':
      if (strcmp (answer, "true") == 0 || strcmp (answer, "True") == 0)
        {
          *out = g_strdup ("True");
          return CLEAN_VALUE;
        }
      return CLEAN_EMPTY;  /* False */
    case 'N':
      {
        g_autofree char *num = g_strstrip (g_strdup (answer));

        if (!is_decimal (num))
          return CLEAN_INVALID;
        if (g_ascii_strtod (num, NULL) == 0.0 && strpbrk (num, "123456789") == NULL &&
            g_ascii_strcasecmp (num, "NaN") != 0)
          return CLEAN_EMPTY;  /* Decimal 0 is falsy */
        *out = g_steal_pointer (&num);
        return CLEAN_VALUE;
      }
    case 'D':
    case 'H':
    case 'W':
      {
        g_autoptr (GDateTime) dt = NULL;

        if (q->type == 'H')
          {
            g_autofree char *full = g_strconcat ("2000-01-01T", answer, NULL);

            dt = parse_datetime (full, ev->tz);
          }
        else
          dt = parse_datetime (answer, ev->tz);
        if (dt == NULL)
          return CLEAN_INVALID;
        *out = g_date_time_format (dt, q->type == 'D' ? "%Y-%m-%d" : q->type == 'H' ? "%H:%M:%S"
                                                                    : "%Y-%m-%dT%H:%M:%S%:z");
        return CLEAN_VALUE;
      }
    default:
      *out = g_strdup (answer);
      return CLEAN_VALUE;
    }
}

/* ---------------------------------------------------------------------- */
/* Handlers                                                               */
/* ---------------------------------------------------------------------- */

static const char django_404[] =
  "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n"
  "<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n"
  "</body>\n</html>\n";

static const char django_500[] =
  "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n</head>\n"
  "<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n";

static void
respond_plain (EmuRequest *req, guint status, const char *text)
{
  /* Django's HttpResponse default: text/html, whatever the body is. */
  emu_request_respond_text (req, status, "text/html", text);
}

typedef enum { ACT_REDEEM, ACT_SEARCH, ACT_DOWNLOAD, ACT_STATUS } Action;

static const char *const action_names[] = { "redeem", "search", "download", "status" };

typedef struct {
  EyState *st;
  EyEvent *ev;
  const EyConfig *config;
  guint subevent;        /* 0 = none */
  Action action;
} Ctx;

/* "http://HOST:PORT" of the request. */
static char *
request_origin (EmuRequest *req)
{
  GUri *uri = soup_server_message_get_uri (req->msg);
  const char *host = g_uri_get_host (uri);

  return g_strdup_printf ("http://%s:%d", host ? host : "127.0.0.1", g_uri_get_port (uri));
}

static GHashTable *
parse_form (EmuRequest *req)
{
  const char *ct = emu_request_header (req, "Content-Type");
  g_autofree char *body = NULL;

  /* Django only fills request.POST for form bodies. */
  if (ct == NULL || g_ascii_strncasecmp (ct, "application/x-www-form-urlencoded", 33) != 0)
    return emu_query_parse (NULL);
  body = g_strndup (req->body, req->body_len);
  return emu_query_parse (body);
}

static void
respond_redeem (EmuRequest *req, Ctx *c, const char *status, const char *reason,
                const EyPosition *p, gboolean redeemed, GPtrArray *questions)
{
  GString *s = g_string_new ("{\"status\":\"");
  guint i;

  g_string_append (s, status);
  g_string_append_c (s, '"');
  if (reason)
    {
      g_string_append (s, ",\"reason\":\"");
      g_string_append (s, reason);
      g_string_append_c (s, '"');
    }
  g_string_append (s, ",\"version\":3");
  if (p)
    {
      g_string_append (s, ",\"data\":");
      append_data (s, c->ev, p, redeemed);
    }
  if (questions)
    {
      g_string_append (s, ",\"questions\":[");
      for (i = 0; i < questions->len; i++)
        {
          if (i > 0)
            g_string_append_c (s, ',');
          append_question (s, g_ptr_array_index (questions, i), FALSE);
        }
      g_string_append_c (s, ']');
    }
  g_string_append_c (s, '}');
  emu_request_respond_json (req, 200, s);
}

static void
handle_redeem (EmuRequest *req, Ctx *c)
{
  g_autoptr (GHashTable) form = parse_form (req);
  const char *secret = g_hash_table_lookup (form, "secret");
  const char *force_s = g_hash_table_lookup (form, "force");
  const char *unpaid_s = g_hash_table_lookup (form, "ignore_unpaid");
  const char *nonce = g_hash_table_lookup (form, "nonce");
  const char *qs_s = g_hash_table_lookup (form, "questions_supported");
  const char *dt_s = g_hash_table_lookup (form, "datetime");
  gboolean force = force_s && (g_str_equal (force_s, "true") || g_str_equal (force_s, "True"));
  gboolean ignore_unpaid = unpaid_s && (g_str_equal (unpaid_s, "true") || g_str_equal (unpaid_s, "True"));
  gboolean questions_supported = qs_s != NULL && *qs_s != '\0';
  g_autofree char *when = NULL;
  g_autoptr (GPtrArray) required = g_ptr_array_new ();
  g_autoptr (GPtrArray) given_ids = g_ptr_array_new ();
  g_autoptr (GPtrArray) given_values = g_ptr_array_new_with_free_func (g_free);
  EyPosition *p;
  EyOrder *o;
  gboolean paid;
  guint i;

  if (secret == NULL)
    secret = "!INVALID!";

  if (dt_s != NULL)
    {
      g_autoptr (GTimeZone) utc_tz = g_time_zone_new_utc ();
      g_autoptr (GDateTime) dt = parse_datetime (dt_s, utc_tz);
      g_autoptr (GDateTime) utc = NULL;

      if (dt == NULL)
        {
          /* dateutil raises; nothing catches it. */
          respond_plain (req, 500, django_500);
          return;
        }
      utc = g_date_time_to_utc (dt);
      when = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
    }
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

      when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
    }

  p = find_position (c->ev, secret);
  if (p == NULL || p->subevent != c->subevent)
    {
      respond_redeem (req, c, "error", "unknown_ticket", NULL, FALSE, NULL);
      return;
    }
  o = pos_order (c->ev, p);
  paid = o->status == ORDER_PAID;

  /* Answers to the item's check-in questions; invalid ones are dropped. */
  for (i = 0; i < c->ev->spec->n_questions; i++)
    {
      const EyQuestion *q = &c->ev->spec->questions[i];
      g_autofree char *field = NULL;
      const char *answer;
      char *value = NULL;
      CleanResult res;

      if (q->item_id != pos_item (c->ev, p)->id)
        continue;
      field = g_strdup_printf ("answer_%u", q->id);
      answer = g_hash_table_lookup (form, field);
      if (answer != NULL && (res = clean_answer (c->ev, q, answer, &value)) != CLEAN_INVALID)
        {
          g_ptr_array_add (given_ids, (gpointer) q);
          g_ptr_array_add (given_values, value);  /* NULL: delete */
        }
      else if (answer_get (p, q->id) == NULL)
        g_ptr_array_add (required, (gpointer) q);
    }

  if (c->config->item_restrict != 0 && pos_item (c->ev, p)->id != c->config->item_restrict)
    {
      respond_redeem (req, c, "error", "product", p, paid || force, NULL);
      return;
    }
  if (o->status == ORDER_CANCELED)
    {
      respond_redeem (req, c, "error", "unpaid", p, paid || force, NULL);
      return;
    }

  for (i = 0; i < given_ids->len; i++)
    answer_set (p, ((const EyQuestion *) g_ptr_array_index (given_ids, i))->id,
                g_ptr_array_index (given_values, i));

  if (!paid && !force && !(ignore_unpaid && c->ev->spec->include_pending && o->status == ORDER_PENDING))
    {
      respond_redeem (req, c, "error", "unpaid", p, paid || force, NULL);
      return;
    }
  if (required->len > 0 && !force && questions_supported)
    {
      respond_redeem (req, c, "incomplete", NULL, p, paid || force, required);
      return;
    }

  if (!is_checked_in (p))
    checkin_create (p, nonce, when);
  else if (nonce != NULL && *nonce != '\0' && g_strcmp0 (nonce, p->extra->nonce) == 0)
    ; /* a retry of the same check-in */
  else if (force)
    p->extra->forced++;
  else
    {
      respond_redeem (req, c, "error", "already_redeemed", p, paid || force, NULL);
      return;
    }
  respond_redeem (req, c, "ok", NULL, p, paid || force, NULL);
}

static gboolean
prefix_matches (const char *s, const char *fold_prefix)
{
  g_autofree char *f = g_utf8_casefold (s, -1);

  return g_str_has_prefix (f, fold_prefix);
}

static gboolean
search_matches (Ctx *c, const EyPosition *p, const char *qfold)
{
  EyOrder *o;

  if (prefix_matches (p->secret, qfold))
    return TRUE;
  if (!c->config->allow_search)
    return FALSE;
  if (p->name_fold && strstr (p->name_fold, qfold))
    return TRUE;
  if (p->addon_to >= 0)
    {
      const EyPosition *parent = &g_array_index (c->ev->positions, EyPosition, p->addon_to);

      if (parent->name_fold && strstr (parent->name_fold, qfold))
        return TRUE;
    }
  o = pos_order (c->ev, p);
  if (prefix_matches (o->code, qfold))
    return TRUE;
  return o->invoice_fold && strstr (o->invoice_fold, qfold);
}

static void
handle_search (EmuRequest *req, Ctx *c)
{
  const char *query = emu_request_param (req, "query");
  GString *s = g_string_new ("{\"version\":3,\"results\":[");
  guint i, found = 0;

  if (query == NULL)
    query = "!INVALID!";
  if (g_utf8_strlen (query, -1) >= 4)
    {
      g_autofree char *qfold = g_utf8_casefold (query, -1);

      for (i = 0; i < c->ev->positions->len && found < EY_SEARCH_MAX; i++)
        {
          const EyPosition *p = &g_array_index (c->ev->positions, EyPosition, i);

          if (p->subevent != c->subevent)
            continue;
          if (c->config->item_restrict && pos_item (c->ev, p)->id != c->config->item_restrict)
            continue;
          if (!search_matches (c, p, qfold))
            continue;
          if (found++ > 0)
            g_string_append_c (s, ',');
          append_data (s, c->ev, p, is_checked_in (p));
        }
    }
  g_string_append (s, "]}");
  emu_request_respond_json (req, 200, s);
}

static void
handle_download (EmuRequest *req, Ctx *c)
{
  GArray *positions = c->ev->positions;
  GString *s = g_string_sized_new (64 + (gsize) positions->len * 330);
  guint i, n = 0;

  g_string_append (s, "{\"version\":3,\"results\":[");
  for (i = 0; i < positions->len; i++)
    {
      const EyPosition *p = &g_array_index (positions, EyPosition, i);

      if (!in_list (c->ev, p, c->subevent))
        continue;
      if (c->config->item_restrict && pos_item (c->ev, p)->id != c->config->item_restrict)
        continue;
      if (n++ > 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, '\n');
      append_data (s, c->ev, p, is_checked_in (p));
    }
  g_string_append (s, "],\"questions\":[");
  for (i = 0; i < c->ev->spec->n_questions; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      append_question (s, &c->ev->spec->questions[i], TRUE);
    }
  g_string_append (s, "]}");
  emu_request_respond_json (req, 200, s);
}

static void
handle_status (EmuRequest *req, Ctx *c)
{
  const EyEventSpec *spec = c->ev->spec;
  guint n_items = spec->n_items;
  g_autofree guint *item_total = g_new0 (guint, n_items * 2);
  guint *item_checkins = item_total + n_items;
  guint var_total[G_N_ELEMENTS (((EyItem *) 0)->variations) * 8] = { 0 };
  guint var_checkins[G_N_ELEMENTS (var_total)] = { 0 };
  guint total = 0, checkins = 0, i, j, sub_index = 0;
  g_autofree char *origin = request_origin (req);
  GString *s = g_string_new ("{\"version\":3");
  const EySubEventSpec *sub = c->subevent ? find_subevent (c->ev, c->subevent, &sub_index) : NULL;

  g_assert (n_items <= 8);
  for (i = 0; i < c->ev->positions->len; i++)
    {
      const EyPosition *p = &g_array_index (c->ev->positions, EyPosition, i);
      gboolean in = is_checked_in (p);

      if (!in_list (c->ev, p, c->subevent))
        continue;
      total++;
      item_total[p->item]++;
      checkins += in;
      item_checkins[p->item] += in;
      if (p->variation >= 0)
        {
          var_total[p->item * 3 + p->variation]++;
          var_checkins[p->item * 3 + p->variation] += in;
        }
    }

  g_string_append (s, ",\"checkins\":");
  emu_json_int (s, checkins);
  g_string_append (s, ",\"total\":");
  emu_json_int (s, total);
  g_string_append (s, ",\"event\":{\"name\":");
  emu_json_string (s, sub ? sub->name : spec->name);
  g_string_append (s, ",\"list\":");
  emu_json_string (s, spec->list_name);
  g_string_append (s, ",\"slug\":");
  emu_json_string (s, spec->slug);
  g_string_append (s, ",\"organizer\":{\"name\":\"" EY_ORGANIZER_NAME "\",\"slug\":\"" EY_ORGANIZER_SLUG "\"}");
  g_string_append (s, ",\"subevent\":");
  if (sub)
    emu_json_int (s, sub->id);
  else
    emu_json_string (s, spec->name);
  g_string_append (s, ",\"date_from\":");
  append_datetime (s, sub ? c->ev->sub_from[sub_index] : c->ev->date_from);
  g_string_append (s, ",\"date_to\":");
  append_datetime (s, sub ? c->ev->sub_to[sub_index] : c->ev->date_to);
  g_string_append (s, ",\"timezone\":");
  emu_json_string (s, c->ev->tz_name);
  g_string_append (s, ",\"url\":");
  g_string_append_printf (s, "\"%s/" EY_ORGANIZER_SLUG "/%s/\"", origin, spec->slug);
  g_string_append (s, "},\"items\":[");
  for (i = 0; i < n_items; i++)
    {
      const EyItem *item = &spec->items[i];

      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, "{\"id\":");
      emu_json_int (s, item->id);
      g_string_append (s, ",\"name\":");
      emu_json_string (s, item->name);
      g_string_append (s, ",\"admission\":");
      append_bool (s, item->admission);
      g_string_append (s, ",\"checkins\":");
      emu_json_int (s, item_checkins[i]);
      g_string_append (s, ",\"total\":");
      emu_json_int (s, item_total[i]);
      g_string_append (s, ",\"variations\":[");
      for (j = 0; j < item->n_variations; j++)
        {
          if (j > 0)
            g_string_append_c (s, ',');
          g_string_append (s, "{\"id\":");
          emu_json_int (s, item->variations[j].id);
          g_string_append (s, ",\"name\":");
          emu_json_string (s, item->variations[j].name);
          g_string_append (s, ",\"checkins\":");
          emu_json_int (s, var_checkins[i * 3 + j]);
          g_string_append (s, ",\"total\":");
          emu_json_int (s, var_total[i * 3 + j]);
          g_string_append_c (s, '}');
        }
      g_string_append (s, "]}");
    }
  g_string_append (s, "]}");
  emu_request_respond_json (req, 200, s);
}

/* Matches ^/ORG/EVENT/(SUB/)?ACTION/ without "$", like the plugin's urls.py.
 * Returns FALSE when no route matches. */
static gboolean
route (const char *rest, char **org, char **event, char **sub, Action *action)
{
  g_auto (GStrv) parts = NULL;
  guint n, i, a;

  if (rest[0] != '/')
    return FALSE;
  parts = g_strsplit (rest + 1, "/", 6);
  n = g_strv_length (parts);
  /* Each matched part must be non-empty and followed by a '/' (so n > k). */
  for (i = 0; i < 2; i++)
    if (n <= i || parts[i][0] == '\0')
      return FALSE;
  for (a = 0; a < G_N_ELEMENTS (action_names); a++)
    {
      if (n > 3 && g_str_equal (parts[2], action_names[a]))
        {
          *sub = NULL;
          break;
        }
      if (n > 4 && g_str_equal (parts[3], action_names[a]) && parts[2][0] != '\0' &&
          strspn (parts[2], "0123456789") == strlen (parts[2]))
        {
          *sub = emu_percent_decode (parts[2], -1, FALSE);
          break;
        }
    }
  if (a == G_N_ELEMENTS (action_names))
    return FALSE;
  *org = emu_percent_decode (parts[0], -1, FALSE);
  *event = emu_percent_decode (parts[1], -1, FALSE);
  *action = (Action) a;
  return TRUE;
}

static void
eventyay_handle (EmuProvider *self, EmuRequest *req)
{
  EyState *st = self->state;
  const char *rest = req->path + strlen (self->prefix);
  g_autofree char *org = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *sub = NULL;
  const char *key;
  Ctx c = { st, NULL, NULL, 0, ACT_REDEEM };

  if (!route (rest, &org, &slug, &sub, &c.action))
    {
      respond_plain (req, 404, django_404);
      return;
    }

  c.ev = g_str_equal (org, EY_ORGANIZER_SLUG) ? find_event (st, slug) : NULL;
  if (c.ev == NULL)
    {
      respond_plain (req, 404, "Unknown event");
      return;
    }

  key = emu_request_param (req, "key");
  c.config = find_config (c.ev, st, key ? key : "-unset-");
  if (c.config == NULL)
    {
      respond_plain (req, 403, "Invalid key");
      return;
    }

  if (c.ev->spec->n_subevents > 0)
    {
      if (c.config->list_subevent)
        {
          c.subevent = c.config->list_subevent;
          if (sub && strtoul (sub, NULL, 10) != c.subevent)
            {
              respond_plain (req, 403, "Invalid subevent selected.");
              return;
            }
        }
      else if (sub)
        {
          guint64 id = 0;

          if (!g_ascii_string_to_unsigned (sub, 10, 0, G_MAXUINT, &id, NULL) ||
              find_subevent (c.ev, (guint) id, NULL) == NULL)
            {
              respond_plain (req, 404, django_404);
              return;
            }
          c.subevent = (guint) id;
        }
      else
        {
          respond_plain (req, 403, "No subevent selected.");
          return;
        }
    }
  else if (sub)
    {
      respond_plain (req, 403, "Subevents not enabled.");
      return;
    }

  if (c.action == ACT_REDEEM ? !g_str_equal (req->method, "POST") : !emu_request_method_is (req, "GET"))
    {
      emu_request_add_header (req, "Allow", c.action == ACT_REDEEM ? "POST, OPTIONS" : "GET, HEAD, OPTIONS");
      respond_plain (req, 405, "");
      return;
    }

  switch (c.action)
    {
    case ACT_REDEEM:
      handle_redeem (req, &c);
      break;
    case ACT_SEARCH:
      handle_search (req, &c);
      break;
    case ACT_DOWNLOAD:
      handle_download (req, &c);
      break;
    case ACT_STATUS:
      handle_status (req, &c);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
eventyay_too_many_requests (EmuProvider *self, EmuRequest *req, guint retry_after)
{
  char value[16];

  g_snprintf (value, sizeof value, "%u", retry_after);
  emu_request_add_header (req, "Retry-After", value);
  respond_plain (req, 429, "Too many requests");
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

static EyEvent *
control_event (EyState *st, EmuRequest *req)
{
  const char *slug = emu_request_param (req, "event");
  EyEvent *ev = find_event (st, slug ? slug : "democon");

  if (ev == NULL)
    control_error (req, 404, "unknown event");
  return ev;
}

/* Python's json.dumps() of the QR code, or the pretixdesk:// link. */
static void
control_setup (EyState *st, EmuRequest *req)
{
  EyEvent *ev = control_event (st, req);
  const char *prefix = emu_request_param (req, "prefix");
  const char *key = emu_request_param (req, "key");
  const char *format = emu_request_param (req, "format");
  const char *subevent = emu_request_param (req, "subevent");
  const EyConfig *config;
  g_autofree char *origin = NULL;
  g_autofree char *url = NULL;
  gboolean allow_search = TRUE, show_info = TRUE;
  guint i;
  GString *s;

  if (ev == NULL)
    return;
  if (prefix == NULL || *prefix == '\0')
    prefix = "eventyaydroid";
  if (!g_str_equal (prefix, "eventyaydroid") && !g_str_equal (prefix, "pretixdroid"))
    {
      control_error (req, 400, "prefix must be eventyaydroid or pretixdroid");
      return;
    }
  if (key == NULL)
    {
      for (i = 0; i < G_N_ELEMENTS (configs); i++)
        if (&st->events[configs[i].event] == ev)
          {
            key = configs[i].key;
            break;
          }
    }
  config = find_config (ev, st, key);
  if (config)
    {
      allow_search = config->allow_search;
      show_info = config->show_info;
    }
  if (subevent && *subevent && strspn (subevent, "0123456789") != strlen (subevent))
    {
      control_error (req, 400, "bad subevent");
      return;
    }
  origin = request_origin (req);
  url = g_strdup_printf ("%s/%s/api/" EY_ORGANIZER_SLUG "/%s/%s%s", origin, prefix, ev->spec->slug,
                         subevent && *subevent ? subevent : "", subevent && *subevent ? "/" : "");

  if (format && g_str_equal (format, "link"))
    {
      g_autofree char *qurl = g_uri_escape_string (url, ":/", FALSE);
      g_autofree char *qkey = g_uri_escape_string (key, NULL, FALSE);

      s = g_string_new ("pretixdesk://setup?version=3&url=");
      g_string_append (s, qurl);
      g_string_append (s, "&key=");
      g_string_append (s, qkey);
      g_string_append_printf (s, "&allow_search=%s&show_info=%s",
                              allow_search ? "True" : "False", show_info ? "True" : "False");
      emu_request_respond (req, 200, "text/plain", s);
      return;
    }

  s = g_string_new ("{\"version\": 3, \"url\": ");
  emu_json_string (s, url);
  g_string_append (s, ", \"key\": ");
  emu_json_string (s, key);
  g_string_append_printf (s, ", \"allow_search\": %s, \"show_info\": %s}",
                          allow_search ? "true" : "false", show_info ? "true" : "false");
  emu_request_respond_json (req, 200, s);
}

static void
control_checkins (EyState *st, EmuRequest *req)
{
  EyEvent *ev = control_event (st, req);
  const char *secret = emu_request_param (req, "secret");
  EyPosition *p;
  GString *s;
  guint i;

  if (ev == NULL)
    return;
  p = secret ? find_position (ev, secret) : NULL;
  if (p == NULL)
    {
      control_error (req, 404, "unknown secret");
      return;
    }
  s = g_string_new ("{\"secret\":\"");
  g_string_append (s, p->secret);
  g_string_append (s, "\",\"checkins\":");
  emu_json_int (s, is_checked_in (p) ? 1 : 0);
  g_string_append (s, ",\"forced\":");
  emu_json_int (s, p->extra ? p->extra->forced : 0);
  g_string_append (s, ",\"nonces\":[");
  if (is_checked_in (p) && p->extra->nonce)
    emu_json_string (s, p->extra->nonce);
  g_string_append (s, "],\"datetime\":");
  emu_json_string (s, is_checked_in (p) ? p->extra->datetime : NULL);
  g_string_append (s, ",\"answers\":{");
  for (i = 0; p->extra && p->extra->answers && i < p->extra->answers->len; i++)
    {
      EyAnswer *a = &g_array_index (p->extra->answers, EyAnswer, i);
      char id[16];

      if (i > 0)
        g_string_append_c (s, ',');
      g_snprintf (id, sizeof id, "%u", a->id);
      emu_json_string (s, id);
      g_string_append_c (s, ':');
      emu_json_string (s, a->value);
    }
  g_string_append (s, "}}\n");
  emu_request_respond_json (req, 200, s);
}

static gboolean
needs_answers (EyEvent *ev, const EyPosition *p)
{
  guint i;

  for (i = 0; i < ev->spec->n_questions; i++)
    {
      const EyQuestion *q = &ev->spec->questions[i];

      if (q->item_id == pos_item (ev, p)->id && answer_get (p, q->id) == NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
sample_state_matches (EyEvent *ev, const EyPosition *p, const char *state)
{
  const EyOrder *o = pos_order (ev, p);
  gboolean attention = o->attention || pos_item (ev, p)->attention;
  gboolean fresh = o->status == ORDER_PAID && !is_checked_in (p) && p->addon_to < 0;

  if (state == NULL || *state == '\0' || g_str_equal (state, "any"))
    return TRUE;
  if (g_str_equal (state, "paid"))
    return fresh && !attention && !needs_answers (ev, p);
  if (g_str_equal (state, "attention"))
    return fresh && attention && !needs_answers (ev, p);
  if (g_str_equal (state, "questions"))
    return fresh && needs_answers (ev, p);
  if (g_str_equal (state, "pending"))
    return o->status == ORDER_PENDING;
  if (g_str_equal (state, "canceled"))
    return o->status == ORDER_CANCELED;
  if (g_str_equal (state, "redeemed"))
    return is_checked_in (p);
  if (g_str_equal (state, "addon"))
    return p->addon_to >= 0;
  if (g_str_equal (state, "addons"))
    return p->n_addons > 0;
  return FALSE;
}

static void
control_sample (EyState *st, EmuRequest *req)
{
  static const char *const states[] = {
    "any", "paid", "attention", "questions", "pending", "canceled", "redeemed", "addon", "addons",
  };
  EyEvent *ev = control_event (st, req);
  const char *state = emu_request_param (req, "state");
  const char *v;
  guint64 n = 5, offset = 0, subevent = 0;
  guint i, found = 0, skipped = 0;
  GString *s;

  if (ev == NULL)
    return;
  if ((v = emu_request_param (req, "n")) && !g_ascii_string_to_unsigned (v, 10, 0, G_MAXUINT, &n, NULL))
    {
      control_error (req, 400, "bad n");
      return;
    }
  if ((v = emu_request_param (req, "offset")) && !g_ascii_string_to_unsigned (v, 10, 0, G_MAXUINT, &offset, NULL))
    {
      control_error (req, 400, "bad offset");
      return;
    }
  if ((v = emu_request_param (req, "subevent")) && !g_ascii_string_to_unsigned (v, 10, 0, G_MAXUINT, &subevent, NULL))
    {
      control_error (req, 400, "bad subevent");
      return;
    }
  if (state && *state && !g_strv_contains (states, state))
    {
      control_error (req, 400, "unknown state");
      return;
    }

  s = g_string_new ("{\"event\":");
  emu_json_string (s, ev->spec->slug);
  g_string_append (s, ",\"tickets\":[");
  for (i = 0; i < ev->positions->len && found < n; i++)
    {
      const EyPosition *p = &g_array_index (ev->positions, EyPosition, i);
      const EyOrder *o = pos_order (ev, p);
      const EyVariation *var = pos_variation (ev, p);

      if (subevent && p->subevent != subevent)
        continue;
      if (!sample_state_matches (ev, p, state))
        continue;
      if (skipped++ < offset)
        continue;
      if (found++ > 0)
        g_string_append_c (s, ',');
      g_string_append (s, "\n{\"secret\":\"");
      g_string_append (s, p->secret);
      g_string_append (s, "\",\"attendee_name\":");
      emu_json_string (s, attendee_name (ev, p));
      g_string_append (s, ",\"name\":");
      emu_json_string (s, p->name);
      g_string_append (s, ",\"order\":\"");
      g_string_append (s, o->code);
      g_string_append (s, "\",\"order_status\":\"");
      g_string_append (s, order_status_names[o->status]);
      g_string_append (s, "\",\"invoice_name\":");
      emu_json_string (s, o->invoice_name);
      g_string_append (s, ",\"item\":");
      emu_json_string (s, pos_item (ev, p)->name);
      g_string_append (s, ",\"item_id\":");
      emu_json_int (s, pos_item (ev, p)->id);
      g_string_append (s, ",\"variation\":");
      emu_json_string (s, var ? var->name : NULL);
      g_string_append (s, ",\"position_id\":");
      emu_json_int (s, p->id);
      g_string_append (s, ",\"subevent\":");
      if (p->subevent)
        emu_json_int (s, p->subevent);
      else
        g_string_append (s, "null");
      g_string_append (s, ",\"paid\":");
      append_bool (s, o->status == ORDER_PAID);
      g_string_append (s, ",\"attention\":");
      append_bool (s, o->attention || pos_item (ev, p)->attention);
      g_string_append (s, ",\"redeemed\":");
      append_bool (s, is_checked_in (p));
      g_string_append (s, ",\"needs_answers\":");
      append_bool (s, needs_answers (ev, p));
      g_string_append (s, ",\"addon\":");
      append_bool (s, p->addon_to >= 0);
      g_string_append (s, ",\"addons_text\":");
      append_addons_text (s, ev, p);
      g_string_append_c (s, '}');
    }
  g_string_append (s, "]}\n");
  emu_request_respond_json (req, 200, s);
}

static void
control_reset (EyState *st, EmuRequest *req)
{
  const char *slug = emu_request_param (req, "event");
  guint i;

  if (!emu_request_method_is (req, "POST"))
    {
      control_error (req, 405, "use POST");
      return;
    }
  if (slug && *slug && find_event (st, slug) == NULL)
    {
      control_error (req, 404, "unknown event");
      return;
    }
  for (i = 0; i < EV_N; i++)
    if (slug == NULL || *slug == '\0' || g_str_equal (slug, st->events[i].spec->slug))
      generate_event (st, i);
  emu_request_respond_text (req, 200, "application/json", "{\"ok\":true}");
}

static gboolean
eventyay_control (EmuProvider *self, EmuRequest *req, const char *action)
{
  EyState *st = self->state;

  if (g_str_equal (action, "setup"))
    control_setup (st, req);
  else if (g_str_equal (action, "checkins"))
    control_checkins (st, req);
  else if (g_str_equal (action, "sample"))
    control_sample (st, req);
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
eventyay_state_free (gpointer data)
{
  EyState *st = data;
  guint i;

  for (i = 0; i < EV_N; i++)
    {
      EyEvent *ev = &st->events[i];

      event_clear (ev);
      g_hash_table_unref (ev->by_secret);
      g_time_zone_unref (ev->tz);
      g_free (ev->tz_name);
    }
  g_string_chunk_free (st->strings);
  g_free (st);
}

EmuProvider *
emu_eventyay_provider_new (const EmuOptions *options)
{
  EmuProvider *p = g_new0 (EmuProvider, 1);
  EyState *st = g_new0 (EyState, 1);
  gint64 start = g_get_monotonic_time ();
  guint i, j, total = 0;

  st->options = *options;
  st->strings = g_string_chunk_new (64 * 1024);
  for (i = 0; i < EV_N; i++)
    {
      EyEvent *ev = &st->events[i];
      const char *tz = event_specs[i].timezone ? event_specs[i].timezone : options->timezone;

      ev->spec = &event_specs[i];
      ev->tz = g_time_zone_new_identifier (tz);
      ev->tz_name = g_strdup (ev->tz ? tz : "UTC");
      if (ev->tz == NULL)
        ev->tz = g_time_zone_new_utc ();
      ev->date_from = local_time (ev->tz, ev->spec->day, ev->spec->start_hour) + ev->spec->start_msec * 1000;
      ev->date_to = ev->spec->end_day < 0 ? 0 : local_time (ev->tz, ev->spec->end_day, ev->spec->end_hour);
      for (j = 0; j < ev->spec->n_subevents; j++)
        {
          const EySubEventSpec *sub = &ev->spec->subevents[j];

          ev->sub_from[j] = local_time (ev->tz, sub->day, sub->start_hour);
          ev->sub_to[j] = local_time (ev->tz, sub->day, sub->end_hour);
        }
      ev->by_secret = g_hash_table_new (g_str_hash, g_str_equal);
    }
  /* Small events first, so their data does not depend on --attendees. */
  for (i = EV_N; i-- > 0;)
    {
      generate_event (st, i);
      total += st->events[i].positions->len;
    }

  if (!options->quiet)
    g_printerr ("emulator: eventyay: generated %u positions in %.1f ms\n", total,
                (g_get_monotonic_time () - start) / 1000.0);

  p->name = "eventyay";
  p->prefix = "/eventyaydroid/api";
  p->state = st;
  p->handle = eventyay_handle;
  p->too_many_requests = eventyay_too_many_requests;
  p->control = eventyay_control;
  p->free_state = eventyay_state_free;
  return p;
}

/* The same provider under another prefix; it shares (and does not free)
 * the state, and has no control actions of its own. */
EmuProvider *
emu_eventyay_provider_alias (EmuProvider *eventyay, const char *prefix)
{
  EmuProvider *p = g_new0 (EmuProvider, 1);

  p->name = eventyay->name;
  p->prefix = prefix;
  p->state = eventyay->state;
  p->handle = eventyay->handle;
  p->too_many_requests = eventyay->too_many_requests;
  return p;
}
