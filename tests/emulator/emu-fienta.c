/* emu-fienta.c - fake Fienta API v1 (https://fienta.com/api/v1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mounted at /fienta/api/v1.  Data is generated at start-up from the seed
 * and kept in memory; see README.md for the endpoints and the data set.
 */

#include "emu-core.h"

#include <string.h>

#define FIENTA_PREFIX "/fienta/api/v1"
#define FIENTA_API_KEY "0123456789abcdef0123456789abcdef"
#define FIENTA_EMAIL "organiser@example.com"
#define FIENTA_PASSWORD "demo-password"
#define FIENTA_USER_ID 1
#define FIENTA_CODE_LEN 10

typedef enum {
  ST_UNUSED,
  ST_USED,
  ST_PENDING,
  ST_REFUNDED,
  ST_CANCELLED,
  ST_REFUND_REQUESTED,
  ST_N_STATUSES
} TicketStatus;

static const char *const status_names[ST_N_STATUSES] = {
  "UNUSED", "USED", "PENDING", "REFUNDED", "CANCELLED", "REFUND_REQUESTED",
};

static const char *const ticket_types[] = {
  "Regular ticket", "Student ticket", "VIP ticket", "Speaker pass",
};

typedef struct {
  guint id;
  const char *name;
  gboolean accessible;   /* can any token see it? */
} FientaOrganizer;

static const FientaOrganizer organizers[] = {
  { 4, "Demo Organiser OÜ", TRUE },
  { 7, "Nordic Events Ltd", TRUE },
  { 9, "Hidden Organiser AS", FALSE },
};

typedef struct {
  guint32 id;
  guint32 event_id;
  guint32 order_id;
  gint32 validated_by;   /* 0 = null */
  gint64 created_at;
  gint64 updated_at;
  gint64 used_at;        /* 0 = null */
  const char *first_name;
  const char *last_name;
  const char *mail;
  const char *order_email;
  const char *company;   /* NULL = not in the attendee object */
  const char *company_orig;
  const char *country;
  const char *ip;        /* NULL = null */
  guint used_puts;
  guint unused_puts;
  guint8 status;
  guint8 qty;
  guint8 n_rows;
  guint8 attendee_empty;
  guint8 row_type[3];
  guint8 row_qty[3];
  char code[FIENTA_CODE_LEN + 1];
} FientaTicket;

typedef struct {
  guint id;
  guint organizer_id;
  const char *title;
  const char *slug;
  const char *description;
  const char *sale_status;
  int start_day, start_hour, end_day, end_hour;  /* relative to today */
  guint n_tickets;       /* 0 = --attendees */
  guint32 first_ticket_id;
  guint32 first_order_id;
} FientaEventSpec;

/* Listing order.  Event 10 is the big one. */
static const FientaEventSpec event_specs[] = {
  { 10, 4, "Tallinn Tech Summit 2026", "tallinn-tech-summit-2026",
    "Two days of talks and workshops on software, design and start-ups.",
    "onSale", 0, 9, 1, 18, 0, 1000001, 500001 },
  { 11, 4, "Small Meetup", "small-meetup",
    "An evening meetup with lightning talks.",
    "onSale", 0, 18, 0, 21, 25, 200001, 20001 },
  { 20, 7, "Design Workshop", "design-workshop",
    "Hands-on workshop: \"Design systems\" & <components>.",
    "soldOut", 1, 10, 1, 16, 5, 300001, 30001 },
  { 30, 9, "Private Gala", "private-gala",
    "Invitation only.",
    "salesNotStarted", 7, 19, 7, 23, 8, 400001, 40001 },
};

typedef struct {
  const FientaEventSpec *spec;
  gint64 starts_at;
  gint64 ends_at;
  FientaTicket *tickets;
  guint n_tickets;
  guint touch_cursor;
} FientaEvent;

typedef struct {
  GTimeZone *tz;
  char *tz_name;
  GHashTable *offsets;   /* quarter-hour index -> UTC offset (seconds) */
  GStringChunk *strings;
  FientaEvent events[G_N_ELEMENTS (event_specs)];
  GHashTable *by_code;   /* upper-case code -> FientaTicket* */
  GHashTable *tokens;    /* token -> user id (0 = organiser key, user_id null) */
  GString *scratch;
  gint64 t0;
} FientaState;

/* ---------------------------------------------------------------------- */
/* Names                                                                  */
/* ---------------------------------------------------------------------- */

static const char *const first_names[] = {
  "Jüri", "Mari", "Kadri", "Tõnu", "Anna", "John", "Mary", "Peter", "Łukasz",
  "José", "François", "Zoë", "Søren", "Ólafur", "Siobhán", "Jiří", "Chloé",
  "Björn", "Agnieszka", "Mikko", "Ilze", "Émile", "Renée", "Ahmed", "Sarah",
  "David", "Laura", "Maria", "Liis", "Märt", "Ülle", "Kristjan", "Emma",
  "Oliver", "Sofia", "Lucas", "Mia", "Noah", "Hanna", "Jan",
};

static const char *const last_names[] = {
  "Müller", "Jõgi", "Šťastný", "Øster", "Ólafsdóttir", "O'Brien", "Tamm",
  "Kask", "Smith", "Johnson", "García", "Dvořák", "Kowalski", "Wiśniewski",
  "Lefèvre", "Nguyễn", "Virtanen", "Bērziņš", "Saar", "Brown", "Lee", "Mägi",
  "Ström", "Sepp", "Williams", "Rebane", "Novák", "Jones", "Ilves", "Põder",
};

/* Rare, awkward full names. */
static const char *const special_names[][2] = {
  { "李", "Wei" },
  { "Mary \"Molly\"", "O'Brien" },
  { "Anna-Liisa", "Põder-Kütt" },
  { "Jean-Baptiste", "de La Fontaine" },
  { "Ὀδυσσεύς", "Λαέρτιος" },
  { "Zoë", "Ólafsdóttir-Šťastná" },
};

static const char *const companies[] = {
  "Acme Corp", "Jõgi & Partnerid OÜ", "Müller GmbH", "Łódź Software Sp. z o.o.",
  "Nordic Design AB", "Café <Noir> SARL", "Smith & Sons \"Ltd\"",
  "Tallinna Ülikool", "Example Labs", "Freelancer", "Universität Wien",
  "北京科技有限公司", "O'Reilly Media", "Straße Consulting", "Øresund Logistics",
  "Tartu Startup Day", "Open Source Collective", "Nordea", "Bolt", "Wise",
};

static const char *const countries[] = {
  "Estonia", "Finland", "Latvia", "Lithuania", "Germany", "Poland", "Czechia",
  "Sweden", "Norway", "Denmark", "Iceland", "Ireland", "France", "Spain",
  "United Kingdom", "China", "Côte d’Ivoire",
};

static const char *const mail_domains[] = {
  "example.com", "example.org", "example.net", "mail.example.ee",
};

/* ---------------------------------------------------------------------- */
/* Time                                                                   */
/* ---------------------------------------------------------------------- */

static gint32
tz_offset (FientaState *st, gint64 t)
{
  gint64 quarter = t >= 0 ? t / 900 : (t - 899) / 900;
  gpointer cached;
  gint32 offset;
  int interval;

  if (g_hash_table_lookup_extended (st->offsets, &quarter, NULL, &cached))
    return GPOINTER_TO_INT (cached);

  interval = g_time_zone_find_interval (st->tz, G_TIME_TYPE_UNIVERSAL, t);
  offset = interval >= 0 ? g_time_zone_get_offset (st->tz, interval) : 0;
  if (g_hash_table_size (st->offsets) > 100000)
    g_hash_table_remove_all (st->offsets);
  g_hash_table_insert (st->offsets, g_memdup2 (&quarter, sizeof quarter), GINT_TO_POINTER (offset));
  return offset;
}

/* Howard Hinnant's days-to-civil conversion. */
static void
civil_from_days (gint64 days, int *year, int *month, int *day)
{
  gint64 era, doe, yoe, doy, mp, y;

  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  doe = days - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (y + (*month <= 2));
}

static void
put_digits (char *p, int value, int width)
{
  while (width-- > 0)
    {
      p[width] = (char) ('0' + value % 10);
      value /= 10;
    }
}

/* Formats @t as "YYYY-MM-DD HH:MM:SS" in the server's time zone. */
static void
format_local (FientaState *st, gint64 t, char buf[20])
{
  gint64 local = t + tz_offset (st, t);
  gint64 days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  int secs = (int) (local - days * 86400);
  int y, m, d;

  civil_from_days (days, &y, &m, &d);
  put_digits (buf, CLAMP (y, 0, 9999), 4);
  buf[4] = '-';
  put_digits (buf + 5, m, 2);
  buf[7] = '-';
  put_digits (buf + 8, d, 2);
  buf[10] = ' ';
  put_digits (buf + 11, secs / 3600, 2);
  buf[13] = ':';
  put_digits (buf + 14, secs / 60 % 60, 2);
  buf[16] = ':';
  put_digits (buf + 17, secs % 60, 2);
  buf[19] = '\0';
}

static void
append_local_time (FientaState *st, GString *s, gint64 t)
{
  char buf[20];

  if (t == 0)
    {
      g_string_append (s, "null");
      return;
    }
  format_local (st, t, buf);
  g_string_append_c (s, '"');
  g_string_append_len (s, buf, 19);
  g_string_append_c (s, '"');
}

static gboolean
read_number (const char **p, int n_digits, int *out)
{
  int v = 0, i;

  for (i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n_digits;
  *out = v;
  return TRUE;
}

/* Parses "YYYY-MM-DD HH:MM:SS" (or, unless @full, also "YYYY-MM-DD",
 * "YYYY-MM-DD HH:MM" and ISO 8601 with "T" and an offset) in the server's
 * time zone. */
static gboolean
parse_local (FientaState *st, const char *s, gboolean full, gint64 *out)
{
  const char *p = s;
  int y, mo, d, h = 0, mi = 0, sec = 0;
  g_autoptr (GDateTime) dt = NULL;

  if (!read_number (&p, 4, &y) || *p++ != '-' || !read_number (&p, 2, &mo) ||
      *p++ != '-' || !read_number (&p, 2, &d))
    return FALSE;

  if (*p == '\0')
    {
      if (full)
        return FALSE;
    }
  else if (*p == ' ' || (*p == 'T' && !full))
    {
      p++;
      if (!read_number (&p, 2, &h) || *p++ != ':' || !read_number (&p, 2, &mi))
        return FALSE;
      if (*p == ':')
        {
          p++;
          if (!read_number (&p, 2, &sec))
            return FALSE;
        }
      else if (full)
        return FALSE;

      if (*p != '\0')
        {
          if (full)
            return FALSE;
          /* Fractions or an offset: let GLib have a go at it. */
          dt = g_date_time_new_from_iso8601 (s, st->tz);
          if (dt == NULL)
            return FALSE;
          *out = g_date_time_to_unix (dt);
          return TRUE;
        }
    }
  else
    return FALSE;

  dt = g_date_time_new (st->tz, y, mo, d, h, mi, sec);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* Accepts a Unix timestamp or a local date/time. */
static gboolean
parse_time_param (FientaState *st, const char *s, gint64 *out)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  if (g_ascii_isdigit (s[0]) || (s[0] == '-' && g_ascii_isdigit (s[1])))
    {
      if (g_ascii_string_to_signed (s, 10, -(G_GINT64_CONSTANT (1) << 40),
                                    G_GINT64_CONSTANT (1) << 40, out, NULL))
        return TRUE;
    }
  return parse_local (st, s, FALSE, out);
}

static void
append_time_object (FientaState *st, GString *s)
{
  g_autoptr (GDateTime) now = g_date_time_new_now (st->tz);
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *full = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *gmt = g_date_time_format (now, "%z");

  g_string_append (s, "\"time\":{\"timestamp\":");
  emu_json_int (s, g_date_time_to_unix (now));
  g_string_append (s, ",\"date\":");
  emu_json_string (s, date);
  g_string_append (s, ",\"time\":");
  emu_json_string (s, time);
  g_string_append (s, ",\"full_datetime\":");
  emu_json_string (s, full);
  g_string_append (s, ",\"timezone\":");
  emu_json_string (s, st->tz_name);
  g_string_append (s, ",\"timezone_short\":");
  emu_json_string (s, g_date_time_get_timezone_abbreviation (now));
  g_string_append (s, ",\"gmt\":");
  emu_json_string (s, gmt);
  g_string_append_c (s, '}');
}

static const char *const weekdays[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *const months[] = {
  "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December",
};

/* "Sat 22. September - Mon 22. October 2018" or
 * "Sat 14. November 2020 at 19:00 - 20:10". */
static char *
duration_string (FientaState *st, gint64 start, gint64 end)
{
  g_autoptr (GDateTime) ua = g_date_time_new_from_unix_utc (start);
  g_autoptr (GDateTime) ub = g_date_time_new_from_unix_utc (end);
  g_autoptr (GDateTime) a = g_date_time_to_timezone (ua, st->tz);
  g_autoptr (GDateTime) b = g_date_time_to_timezone (ub, st->tz);

  if (g_date_time_get_year (a) == g_date_time_get_year (b) &&
      g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b))
    return g_strdup_printf ("%s %d. %s %d at %02d:%02d - %02d:%02d",
                            weekdays[g_date_time_get_day_of_week (a) - 1],
                            g_date_time_get_day_of_month (a),
                            months[g_date_time_get_month (a) - 1],
                            g_date_time_get_year (a),
                            g_date_time_get_hour (a), g_date_time_get_minute (a),
                            g_date_time_get_hour (b), g_date_time_get_minute (b));

  return g_strdup_printf ("%s %d. %s - %s %d. %s %d",
                          weekdays[g_date_time_get_day_of_week (a) - 1],
                          g_date_time_get_day_of_month (a),
                          months[g_date_time_get_month (a) - 1],
                          weekdays[g_date_time_get_day_of_week (b) - 1],
                          g_date_time_get_day_of_month (b),
                          months[g_date_time_get_month (b) - 1],
                          g_date_time_get_year (b));
}

/* ---------------------------------------------------------------------- */
/* Data generation                                                        */
/* ---------------------------------------------------------------------- */

/* Lower-case ASCII letters and digits of @name, for e-mail addresses. */
static char *
ascii_slug (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *out = g_string_new (NULL);
  const char *p;

  for (p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  if (out->len == 0)
    g_string_append (out, "guest");
  return g_string_free (out, FALSE);
}

static const char *
pick (GRand *r, const char *const *list, guint n)
{
  return list[g_rand_int_range (r, 0, (gint32) n)];
}

#define PICK(r, list) pick ((r), (list), G_N_ELEMENTS (list))

static void
random_code (GRand *r, char *code)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  int i;

  for (i = 0; i < FIENTA_CODE_LEN; i++)
    code[i] = alphabet[g_rand_int_range (r, 0, 36)];
  code[FIENTA_CODE_LEN] = '\0';
}

static guint8
random_type (GRand *r)
{
  double u = g_rand_double (r);

  if (u < 0.70)
    return 0;
  if (u < 0.85)
    return 1;
  if (u < 0.95)
    return 2;
  return 3;
}

static void
generate_person (FientaState *st, GRand *r, FientaTicket *t)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *mail = NULL;

  if (g_rand_int_range (r, 0, 100) == 0)
    {
      guint i = (guint) g_rand_int_range (r, 0, G_N_ELEMENTS (special_names));

      t->first_name = special_names[i][0];
      t->last_name = special_names[i][1];
    }
  else
    {
      t->first_name = PICK (r, first_names);
      t->last_name = PICK (r, last_names);
    }

  a = ascii_slug (t->first_name);
  b = ascii_slug (t->last_name);
  if (g_rand_int_range (r, 0, 3) == 0)
    mail = g_strdup_printf ("%s.%s%d@%s", a, b, g_rand_int_range (r, 1, 100), PICK (r, mail_domains));
  else
    mail = g_strdup_printf ("%s.%s@%s", a, b, PICK (r, mail_domains));
  t->mail = g_string_chunk_insert (st->strings, mail);

  t->company = g_rand_int_range (r, 0, 100) < 5 ? NULL : PICK (r, companies);
  t->company_orig = t->company;
  t->country = PICK (r, countries);
  t->attendee_empty = g_rand_int_range (r, 0, 100) < 2;
}

static void
generate_ticket (FientaState *st, GRand *r, FientaEvent *ev, FientaTicket *t)
{
  gint64 t0 = st->t0;
  gint64 age;
  double u;

  t->event_id = ev->spec->id;

  do
    random_code (r, t->code);
  while (g_hash_table_contains (st->by_code, t->code));
  g_hash_table_insert (st->by_code, t->code, t);

  generate_person (st, r, t);

  /* Ticket rows */
  if (g_rand_int_range (r, 0, 100) < 3)
    {
      guint8 qty = (guint8) g_rand_int_range (r, 2, 4);

      t->qty = qty;
      if (g_rand_boolean (r))
        {
          t->n_rows = 1;
          t->row_type[0] = random_type (r);
          t->row_qty[0] = qty;
        }
      else
        {
          t->n_rows = 2;
          t->row_type[0] = 0;
          t->row_qty[0] = 1;
          t->row_type[1] = (guint8) g_rand_int_range (r, 1, G_N_ELEMENTS (ticket_types));
          t->row_qty[1] = qty - 1;
        }
    }
  else
    {
      t->qty = 1;
      t->n_rows = 1;
      t->row_type[0] = random_type (r);
      t->row_qty[0] = 1;
    }

  /* Times: all in the past */
  age = g_rand_int_range (r, 2 * 3600, 60 * 86400);
  t->created_at = t0 - age;
  t->updated_at = t->created_at + g_rand_int_range (r, 0, (gint32) MIN (age - 3600, 3 * 86400));

  u = g_rand_double (r);
  if (u < 0.08)
    t->status = ST_USED;
  else if (u < 0.11)
    t->status = ST_PENDING;
  else if (u < 0.13)
    t->status = ST_REFUNDED;
  else if (u < 0.14)
    t->status = ST_CANCELLED;
  else if (u < 0.15)
    t->status = ST_REFUND_REQUESTED;
  else
    t->status = ST_UNUSED;

  if (t->status == ST_USED)
    {
      char ip[32];

      t->used_at = t0 - g_rand_int_range (r, 60, 3 * 3600);
      if (t->used_at <= t->created_at)
        t->used_at = t->created_at + 60;
      t->updated_at = MAX (t->updated_at, t->used_at);
      t->validated_by = g_rand_int_range (r, 1, 3);
      g_snprintf (ip, sizeof ip, "192.168.1.%d", g_rand_int_range (r, 2, 250));
      t->ip = g_string_chunk_insert_const (st->strings, ip);
    }
}

static void
generate_event (FientaState *st, FientaEvent *ev, guint n, guint32 seed)
{
  GRand *r = g_rand_new_with_seed (seed * 7919u + ev->spec->id);
  guint32 order_id = ev->spec->first_order_id;
  guint i = 0;

  ev->n_tickets = n;
  ev->tickets = g_new0 (FientaTicket, MAX (n, 1));

  while (i < n)
    {
      int roll = g_rand_int_range (r, 0, 10);
      guint size = roll < 7 ? 1 : roll < 9 ? 2 : 3;
      const char *order_email = NULL;
      guint j;

      for (j = 0; j < size && i < n; j++, i++)
        {
          FientaTicket *t = &ev->tickets[i];

          t->id = ev->spec->first_ticket_id + i;
          t->order_id = order_id;
          generate_ticket (st, r, ev, t);
          if (order_email == NULL)
            order_email = t->mail;
          t->order_email = order_email;
        }
      order_id++;
    }

  g_rand_free (r);
}

static gint64
event_time (FientaState *st, int day, int hour)
{
  g_autoptr (GDateTime) now = g_date_time_new_now (st->tz);
  g_autoptr (GDateTime) midnight = g_date_time_new (st->tz, g_date_time_get_year (now),
                                                    g_date_time_get_month (now),
                                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr (GDateTime) shifted = g_date_time_add_days (midnight, day);
  g_autoptr (GDateTime) at = g_date_time_new (st->tz, g_date_time_get_year (shifted),
                                              g_date_time_get_month (shifted),
                                              g_date_time_get_day_of_month (shifted), hour, 0, 0);

  return g_date_time_to_unix (at);
}

/* ---------------------------------------------------------------------- */
/* Lookup and access                                                      */
/* ---------------------------------------------------------------------- */

static const FientaOrganizer *
find_organizer (guint id)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (organizers); i++)
    if (organizers[i].id == id)
      return &organizers[i];
  return NULL;
}

static gboolean
organizer_accessible (guint id)
{
  const FientaOrganizer *org = find_organizer (id);

  return org != NULL && org->accessible;
}

static FientaEvent *
find_event (FientaState *st, guint id)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (st->events); i++)
    if (st->events[i].spec->id == id)
      return &st->events[i];
  return NULL;
}

static FientaTicket *
find_ticket (FientaState *st, const char *code)
{
  g_autofree char *upper = NULL;

  if (code == NULL || strlen (code) != FIENTA_CODE_LEN)
    return NULL;
  upper = g_ascii_strup (code, -1);
  return g_hash_table_lookup (st->by_code, upper);
}

static gboolean
parse_id (const char *s, guint *out)
{
  guint64 v;

  if (s == NULL || !g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT32, &v, NULL))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

static int
parse_status (const char *s)
{
  int i;

  for (i = 0; s != NULL && i < ST_N_STATUSES; i++)
    if (g_str_equal (s, status_names[i]))
      return i;
  return -1;
}

/* Checks "Authorization: Bearer TOKEN".  Returns FALSE if missing or
 * unknown; @user_id gets the token's user (0 for the organiser key). */
static gboolean
authorize (FientaState *st, EmuRequest *req, gint *user_id)
{
  const char *h = emu_request_header (req, "Authorization");
  g_autofree char *token = NULL;
  gpointer value;

  if (h == NULL)
    return FALSE;
  while (*h == ' ' || *h == '\t')
    h++;
  if (g_ascii_strncasecmp (h, "Bearer", 6) != 0 || (h[6] != ' ' && h[6] != '\t'))
    return FALSE;
  h += 6;
  while (*h == ' ' || *h == '\t')
    h++;
  token = g_strdup (h);
  g_strchomp (token);

  if (!g_hash_table_lookup_extended (st->tokens, token, NULL, &value))
    return FALSE;
  *user_id = GPOINTER_TO_INT (value);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Responses                                                              */
/* ---------------------------------------------------------------------- */

static GString *
success_begin (gsize reserve, const char *user_message, const char *internal_message)
{
  GString *s = g_string_sized_new (reserve + 512);

  g_string_append (s, "{\"success\":{\"code\":200,\"user_message\":");
  emu_json_string (s, user_message);
  g_string_append (s, ",\"internal_message\":");
  emu_json_string (s, internal_message);
  g_string_append (s, "},");
  return s;
}

static void
success_end (FientaState *st, EmuRequest *req, GString *s)
{
  append_time_object (st, s);
  g_string_append (s, "}\n");
  emu_request_respond_json (req, 200, s);
}

static void
fienta_error (FientaState *st, EmuRequest *req, guint status,
              const char *user_message, const char *internal_message)
{
  GString *s = g_string_new ("{\"errors\":[{\"code\":");

  /* Real clients have seen the code both as a number and as a string. */
  if (status == 404)
    g_string_append (s, "\"404\"");
  else
    emu_json_int (s, status);
  g_string_append (s, ",\"user_message\":");
  emu_json_string (s, user_message);
  g_string_append (s, ",\"internal_message\":");
  emu_json_string (s, internal_message);
  g_string_append (s, "}],");
  append_time_object (st, s);
  g_string_append (s, "}\n");
  emu_request_respond_json (req, status, s);
}

static void
error_unauthorized (FientaState *st, EmuRequest *req)
{
  fienta_error (st, req, 401, "Unauthorized access", "authorization_failed");
}

static void
error_forbidden_resource (FientaState *st, EmuRequest *req)
{
  fienta_error (st, req, 401, "Unauthorized access", "unauthorized_access_to_resource");
}

static void
error_not_found (FientaState *st, EmuRequest *req)
{
  fienta_error (st, req, 404, "Not found", "not_found");
}

static void
error_method (FientaState *st, EmuRequest *req, const char *allow)
{
  emu_request_add_header (req, "Allow", allow);
  fienta_error (st, req, 405, "Method not allowed", "method_not_allowed");
}

static void
append_ticket (FientaState *st, GString *s, const FientaTicket *t, gboolean attendee)
{
  GString *h = st->scratch;
  guint i;

  g_string_append (s, "{\"id\":");
  emu_json_int (s, t->id);
  g_string_append (s, ",\"event_id\":");
  emu_json_int (s, t->event_id);
  g_string_append (s, ",\"order_id\":");
  emu_json_int (s, t->order_id);
  g_string_append (s, ",\"order_email\":");
  emu_json_string (s, t->order_email);
  g_string_append (s, ",\"code\":\"");
  g_string_append (s, t->code);
  g_string_append (s, "\",\"status\":\"");
  g_string_append (s, status_names[t->status]);
  g_string_append (s, "\",\"used_at\":");
  append_local_time (st, s, t->used_at);
  g_string_append (s, ",\"created_at\":");
  append_local_time (st, s, t->created_at);
  g_string_append (s, ",\"updated_at\":");
  append_local_time (st, s, t->updated_at);
  g_string_append (s, ",\"validated_by\":");
  if (t->validated_by > 0)
    emu_json_int (s, t->validated_by);
  else
    g_string_append (s, "null");
  g_string_append (s, ",\"ip\":");
  emu_json_string (s, t->ip);

  g_string_truncate (h, 0);
  for (i = 0; i < t->n_rows; i++)
    {
      g_string_append (h, "<h1>");
      emu_json_int (h, t->row_qty[i]);
      g_string_append (h, " x ");
      g_string_append (h, ticket_types[t->row_type[i]]);
      g_string_append (h, "</h1>");
    }
  g_string_append (h, "<h2>");
  emu_html_escape (h, t->first_name);
  g_string_append (h, "</h2><h2>");
  emu_html_escape (h, t->last_name);
  g_string_append (h, "</h2>");
  g_string_append (s, ",\"contents_html\":");
  emu_json_string_len (s, h->str, h->len);

  g_string_truncate (h, 0);
  g_string_append (h, "<!DOCTYPE html><html><body><p class=\"name\">");
  emu_html_escape (h, t->first_name);
  g_string_append_c (h, ' ');
  emu_html_escape (h, t->last_name);
  g_string_append (h, "</p>");
  if (t->company)
    {
      g_string_append (h, "<p class=\"company\">");
      emu_html_escape (h, t->company);
      g_string_append (h, "</p>");
    }
  g_string_append (h, "</body></html>");
  g_string_append (s, ",\"nametag_html\":");
  emu_json_string_len (s, h->str, h->len);

  g_string_append (s, ",\"qty\":");
  emu_json_int (s, t->qty);

  if (attendee)
    {
      g_string_append (s, ",\"attendee\":{");
      if (!t->attendee_empty)
        {
          g_string_truncate (h, 0);
          g_string_append (h, t->first_name);
          g_string_append_c (h, ' ');
          g_string_append (h, t->last_name);
          g_string_append (s, "\"name\":");
          emu_json_string_len (s, h->str, h->len);
          g_string_append (s, ",\"first_name\":");
          emu_json_string (s, t->first_name);
          g_string_append (s, ",\"last_name\":");
          emu_json_string (s, t->last_name);
          g_string_append (s, ",\"mail\":");
          emu_json_string (s, t->mail);
          if (t->company)
            {
              g_string_append (s, ",\"company\":");
              emu_json_string (s, t->company);
            }
          g_string_append (s, ",\"country\":");
          emu_json_string (s, t->country);
        }
      g_string_append_c (s, '}');
    }

  g_string_append_c (s, '}');
}

/* ---------------------------------------------------------------------- */
/* Endpoints                                                              */
/* ---------------------------------------------------------------------- */

static void
handle_auth (FientaState *st, EmuRequest *req)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  const char *email, *password;
  char token[33];
  GString *s;
  int i;

  root = emu_request_parse_json (req, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fienta_error (st, req, 400, "Invalid request", "invalid_request");
      return;
    }
  email = emu_json_get_string (json_node_get_object (root), "email", NULL, NULL);
  password = emu_json_get_string (json_node_get_object (root), "password", NULL, NULL);
  if (email == NULL || password == NULL)
    {
      fienta_error (st, req, 400, "E-mail and password are required", "email_and_password_required");
      return;
    }
  if (g_ascii_strcasecmp (email, FIENTA_EMAIL) != 0 || !g_str_equal (password, FIENTA_PASSWORD))
    {
      fienta_error (st, req, 401, "Invalid e-mail or password", "authentication_failed");
      return;
    }

  for (i = 0; i < 32; i++)
    token[i] = "0123456789abcdef"[g_random_int_range (0, 16)];
  token[32] = '\0';
  g_hash_table_insert (st->tokens, g_strdup (token), GINT_TO_POINTER (FIENTA_USER_ID));

  s = success_begin (0, "Authenticated successfully", "authenticated_successfully");
  g_string_append (s, "\"token\":{\"token\":\"");
  g_string_append (s, token);
  g_string_append (s, "\",\"expires_at\":null,\"user_id\":");
  emu_json_int (s, FIENTA_USER_ID);
  g_string_append (s, "},");
  success_end (st, req, s);
}

static void
handle_organizers (FientaState *st, EmuRequest *req)
{
  GString *s = success_begin (0, "Organizers returned successfully", "organizers_returned_successfully");
  gboolean first = TRUE;
  guint i;

  g_string_append (s, "\"organizers\":[");
  for (i = 0; i < G_N_ELEMENTS (organizers); i++)
    {
      if (!organizers[i].accessible)
        continue;
      if (!first)
        g_string_append_c (s, ',');
      first = FALSE;
      g_string_append (s, "{\"id\":");
      emu_json_int (s, organizers[i].id);
      g_string_append (s, ",\"name\":");
      emu_json_string (s, organizers[i].name);
      g_string_append_c (s, '}');
    }
  g_string_append (s, "],");
  success_end (st, req, s);
}

/* Applies the loose starts_from / ends_from filters (unparsable = ignored). */
static gboolean
event_matches_filters (FientaState *st, EmuRequest *req, const FientaEvent *ev)
{
  gint64 t;

  if (parse_time_param (st, emu_request_param (req, "starts_from"), &t) && ev->starts_at < t)
    return FALSE;
  if (parse_time_param (st, emu_request_param (req, "ends_from"), &t) && ev->ends_at < t)
    return FALSE;
  return TRUE;
}

static void
handle_organizer_events (FientaState *st, EmuRequest *req, guint org_id)
{
  GString *s;
  gboolean first = TRUE;
  guint i;

  if (find_organizer (org_id) == NULL)
    {
      fienta_error (st, req, 404, "Organizer not found", "organizer_not_found");
      return;
    }
  if (!organizer_accessible (org_id))
    {
      error_forbidden_resource (st, req);
      return;
    }

  s = success_begin (0, "Events returned successfully", "events_returned_successfully");
  g_string_append (s, "\"events\":[");
  for (i = 0; i < G_N_ELEMENTS (st->events); i++)
    {
      const FientaEvent *ev = &st->events[i];
      g_autofree char *duration = NULL;

      if (ev->spec->organizer_id != org_id || !event_matches_filters (st, req, ev))
        continue;
      if (!first)
        g_string_append_c (s, ',');
      first = FALSE;
      duration = duration_string (st, ev->starts_at, ev->ends_at);
      g_string_append (s, "{\"id\":");
      emu_json_int (s, ev->spec->id);
      g_string_append (s, ",\"title\":");
      emu_json_string (s, ev->spec->title);
      g_string_append (s, ",\"starts_at\":");
      append_local_time (st, s, ev->starts_at);
      g_string_append (s, ",\"ends_at\":");
      append_local_time (st, s, ev->ends_at);
      g_string_append (s, ",\"duration_string\":");
      emu_json_string (s, duration);
      g_string_append_c (s, '}');
    }
  g_string_append (s, "],");
  success_end (st, req, s);
}

/* The newer GET /events?organizer=ID */
static void
handle_events (FientaState *st, EmuRequest *req)
{
  const char *org_param = emu_request_param (req, "organizer");
  guint org_id = 0;
  GString *s;
  gboolean first = TRUE;
  guint i;

  if (org_param != NULL && *org_param != '\0')
    {
      if (!parse_id (org_param, &org_id))
        {
          fienta_error (st, req, 400, "Invalid organizer", "invalid_organizer");
          return;
        }
      if (find_organizer (org_id) == NULL)
        {
          fienta_error (st, req, 404, "Organizer not found", "organizer_not_found");
          return;
        }
      if (!organizer_accessible (org_id))
        {
          error_forbidden_resource (st, req);
          return;
        }
    }

  s = success_begin (0, "Events returned successfully", "events_returned_successfully");
  g_string_append (s, "\"data\":[");
  for (i = 0; i < G_N_ELEMENTS (st->events); i++)
    {
      const FientaEvent *ev = &st->events[i];
      g_autofree char *duration = NULL;
      g_autofree char *url = NULL;

      if (org_id != 0 ? ev->spec->organizer_id != org_id : !organizer_accessible (ev->spec->organizer_id))
        continue;
      if (!event_matches_filters (st, req, ev))
        continue;
      if (!first)
        g_string_append_c (s, ',');
      first = FALSE;
      duration = duration_string (st, ev->starts_at, ev->ends_at);
      url = g_strconcat ("https://fienta.com/", ev->spec->slug, NULL);

      g_string_append (s, "{\"id\":");
      emu_json_int (s, ev->spec->id);
      g_string_append (s, ",\"organizer_id\":");
      emu_json_int (s, ev->spec->organizer_id);
      g_string_append (s, ",\"starts_at\":");
      append_local_time (st, s, ev->starts_at);
      g_string_append (s, ",\"ends_at\":");
      append_local_time (st, s, ev->ends_at);
      g_string_append (s, ",\"sale_status\":");
      emu_json_string (s, ev->spec->sale_status);
      g_string_append (s, ",\"is_published\":true,\"is_public\":true,\"url\":");
      emu_json_string (s, url);
      g_string_append (s, ",\"buy_tickets_url\":\"");
      g_string_append (s, url);
      g_string_append (s, "?buy\",\"translations\":{\"en\":{\"title\":");
      emu_json_string (s, ev->spec->title);
      g_string_append (s, ",\"description\":");
      emu_json_string (s, ev->spec->description);
      g_string_append (s, ",\"duration_string\":");
      emu_json_string (s, duration);
      g_string_append (s, ",\"notes_about_time\":\"\"}}}");
    }
  g_string_append (s, "],");
  success_end (st, req, s);
}

static void
handle_event_tickets (FientaState *st, EmuRequest *req, guint event_id)
{
  FientaEvent *ev = find_event (st, event_id);
  const char *updated_after = emu_request_param (req, "updated_after");
  gboolean attendees = emu_request_has_param (req, "attendees");
  gint64 after = G_MININT64;
  GString *s;
  gboolean first = TRUE;
  guint i;

  if (ev == NULL)
    {
      fienta_error (st, req, 404, "Event not found", "event_not_found");
      return;
    }
  if (!organizer_accessible (ev->spec->organizer_id))
    {
      error_forbidden_resource (st, req);
      return;
    }
  if (updated_after != NULL && *updated_after != '\0' &&
      !parse_time_param (st, updated_after, &after))
    {
      fienta_error (st, req, 400, "Invalid updated_after value", "invalid_updated_after");
      return;
    }

  s = success_begin ((gsize) ev->n_tickets * (attendees ? 720 : 560), "", "");
  g_string_append (s, "\"tickets\":[");
  for (i = 0; i < ev->n_tickets; i++)
    {
      const FientaTicket *t = &ev->tickets[i];

      if (t->updated_at <= after)
        continue;
      if (!first)
        g_string_append_c (s, ',');
      first = FALSE;
      g_string_append_c (s, '\n');
      append_ticket (st, s, t, attendees);
    }
  g_string_append (s, "],");
  success_end (st, req, s);
}

static void
handle_ticket_get (FientaState *st, EmuRequest *req, FientaTicket *t)
{
  gboolean attendees = emu_request_has_param (req, "attendees") ||
                       emu_request_has_param (req, "atendees");
  GString *s = success_begin (1024, "", "");

  g_string_append (s, "\"ticket\":");
  append_ticket (st, s, t, attendees);
  g_string_append_c (s, ',');
  success_end (st, req, s);
}

/* Refunded, cancelled and unpaid tickets cannot change state via the API. */
static gboolean
check_ticket_changeable (FientaState *st, EmuRequest *req, FientaTicket *t)
{
  switch (t->status)
    {
    case ST_REFUNDED:
      fienta_error (st, req, 409, "Ticket has been refunded", "ticket_refunded");
      return FALSE;
    case ST_CANCELLED:
      fienta_error (st, req, 409, "Ticket has been cancelled", "ticket_cancelled");
      return FALSE;
    case ST_PENDING:
      fienta_error (st, req, 409, "Ticket has not been paid", "ticket_not_paid");
      return FALSE;
    default:
      return TRUE;
    }
}

static void
handle_ticket_put (FientaState *st, EmuRequest *req, FientaTicket *t, gint user_id)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *obj;
  const char *status_str, *used_at_str;
  gboolean used_at_present = FALSE, used_at_null = FALSE;
  gint64 used_at = 0;
  gint64 now = emu_now_unix ();
  int status;
  GString *s;

  root = emu_request_parse_json (req, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fienta_error (st, req, 400, "Invalid request", "invalid_request");
      return;
    }
  obj = json_node_get_object (root);

  status_str = emu_json_get_string (obj, "status", NULL, NULL);
  status = parse_status (status_str);
  if (status != ST_USED && status != ST_UNUSED && status != ST_REFUND_REQUESTED)
    {
      fienta_error (st, req, 400, "Invalid ticket status", "invalid_status");
      return;
    }

  used_at_str = emu_json_get_string (obj, "used_at", &used_at_present, &used_at_null);
  if (used_at_present && !used_at_null &&
      (used_at_str == NULL || !parse_local (st, used_at_str, TRUE, &used_at)))
    {
      fienta_error (st, req, 400, "Invalid used_at value", "invalid_used_at");
      return;
    }

  if (!check_ticket_changeable (st, req, t))
    return;

  switch (status)
    {
    case ST_USED:
      if (used_at != 0)
        t->used_at = used_at;
      else if (t->status != ST_USED || t->used_at == 0)
        t->used_at = now;
      t->validated_by = user_id > 0 ? user_id : FIENTA_USER_ID;
      t->ip = g_string_chunk_insert_const (st->strings, req->client_ip);
      t->used_puts++;
      break;
    case ST_UNUSED:
      t->used_at = 0;
      t->validated_by = 0;
      t->ip = NULL;
      t->unused_puts++;
      break;
    default:
      break;
    }
  t->status = (guint8) status;
  t->updated_at = now;

  s = success_begin (0, "Ticket updated successfully", "ticket_updated_successfully");
  success_end (st, req, s);
}

/* ---------------------------------------------------------------------- */
/* Provider vtable                                                        */
/* ---------------------------------------------------------------------- */

static gboolean
fienta_gate (EmuProvider *self, EmuRequest *req)
{
  const char *ua = emu_request_header (req, "User-Agent");

  if (ua == NULL || strstr (ua, "Python-urllib") == NULL)
    return FALSE;

  /* Cloudflare's browser integrity check in front of fienta.com. */
  emu_request_add_header (req, "Server", "cloudflare");
  emu_request_add_header (req, "CF-RAY", "8a1b2c3d4e5f6a7b-TLL");
  emu_request_respond_text (req, 403, "text/html",
    "<!DOCTYPE html>\n"
    "<!--[if lt IE 7]> <html class=\"no-js ie6 oldie\" lang=\"en-US\"> <![endif]-->\n"
    "<html lang=\"en-US\">\n<head>\n"
    "<title>Access denied | fienta.com used Cloudflare to restrict access</title>\n"
    "<meta charset=\"UTF-8\" />\n</head>\n<body>\n"
    "<div id=\"cf-wrapper\"><div id=\"cf-error-details\">\n"
    "<h1><span class=\"cf-error-type\">Error</span> <span class=\"cf-error-code\">1010</span></h1>\n"
    "<h2 class=\"cf-subheadline\">Access denied</h2>\n"
    "<p>The owner of this website (fienta.com) has banned your access based on your browser's signature (8a1b2c3d4e5f6a7b-TLL).</p>\n"
    "</div></div>\n</body>\n</html>\n");
  return TRUE;
}

static void
fienta_too_many_requests (EmuProvider *self, EmuRequest *req, guint retry_after)
{
  FientaState *st = self->state;
  GString *s = g_string_new ("{\"errors\":[{\"code\":429,\"user_message\":"
                             "\"Too many requests, please slow down the request.\","
                             "\"internal_message\":\"too_many_requests\"}],");
  char value[16];

  append_time_object (st, s);
  g_string_append (s, ",\"retry_after\":");
  emu_json_int (s, retry_after);
  g_string_append (s, "}\n");
  g_snprintf (value, sizeof value, "%u", retry_after);
  emu_request_add_header (req, "Retry-After", value);
  emu_request_respond_json (req, 429, s);
}

typedef enum {
  ROUTE_NONE,
  ROUTE_ORGANIZERS,
  ROUTE_ORGANIZER_EVENTS,
  ROUTE_EVENTS,
  ROUTE_EVENT_TICKETS,
  ROUTE_TICKET,
} Route;

static void
fienta_handle (EmuProvider *self, EmuRequest *req)
{
  FientaState *st = self->state;
  char **seg = req->segments;
  guint n = req->n_segments;
  Route route = ROUTE_NONE;
  guint id = 0;
  gint user_id = 0;
  FientaTicket *ticket;

  /* Open endpoints */
  if (n == 1 && g_str_equal (seg[0], "auth"))
    {
      if (!emu_request_method_is (req, "POST"))
        error_method (st, req, "POST");
      else
        handle_auth (st, req);
      return;
    }
  if (n == 1 && g_str_equal (seg[0], "server_time"))
    {
      if (!emu_request_method_is (req, "GET"))
        error_method (st, req, "GET, HEAD");
      else
        success_end (st, req, success_begin (0, "Timestamp returned successfully",
                                             "timestamp_returned_successfully"));
      return;
    }

  /* Routing happens before authentication, like a real web framework. */
  if (n == 1 && g_str_equal (seg[0], "organizers"))
    route = ROUTE_ORGANIZERS;
  else if (n == 3 && g_str_equal (seg[0], "organizers") && g_str_equal (seg[2], "events") &&
           parse_id (seg[1], &id))
    route = ROUTE_ORGANIZER_EVENTS;
  else if (n == 1 && g_str_equal (seg[0], "events"))
    route = ROUTE_EVENTS;
  else if (n == 3 && g_str_equal (seg[0], "events") && g_str_equal (seg[2], "tickets") &&
           parse_id (seg[1], &id))
    route = ROUTE_EVENT_TICKETS;
  else if (n == 2 && g_str_equal (seg[0], "tickets"))
    route = ROUTE_TICKET;

  if (route == ROUTE_NONE)
    {
      error_not_found (st, req);
      return;
    }

  if (route == ROUTE_TICKET)
    {
      if (!emu_request_method_is (req, "GET") && !emu_request_method_is (req, "PUT"))
        {
          error_method (st, req, "GET, HEAD, PUT");
          return;
        }
    }
  else if (!emu_request_method_is (req, "GET"))
    {
      error_method (st, req, "GET, HEAD");
      return;
    }

  if (!authorize (st, req, &user_id))
    {
      error_unauthorized (st, req);
      return;
    }

  switch (route)
    {
    case ROUTE_ORGANIZERS:
      handle_organizers (st, req);
      break;
    case ROUTE_ORGANIZER_EVENTS:
      handle_organizer_events (st, req, id);
      break;
    case ROUTE_EVENTS:
      handle_events (st, req);
      break;
    case ROUTE_EVENT_TICKETS:
      handle_event_tickets (st, req, id);
      break;
    case ROUTE_TICKET:
      ticket = find_ticket (st, seg[1]);
      if (ticket == NULL)
        fienta_error (st, req, 404, "Ticket not found", "ticket_not_found");
      else if (!organizer_accessible (find_event (st, ticket->event_id)->spec->organizer_id))
        error_forbidden_resource (st, req);
      else if (emu_request_method_is (req, "PUT"))
        handle_ticket_put (st, req, ticket, user_id);
      else
        handle_ticket_get (st, req, ticket);
      break;
    case ROUTE_NONE:
    default:
      g_assert_not_reached ();
    }
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

static void
control_checkins (FientaState *st, EmuRequest *req)
{
  const char *code = emu_request_param (req, "code");
  FientaTicket *t = find_ticket (st, code);
  GString *s;

  if (code == NULL)
    {
      control_error (req, 400, "code is required");
      return;
    }
  s = g_string_new ("{\"code\":");
  emu_json_string (s, t ? t->code : code);
  g_string_append (s, ",\"exists\":");
  g_string_append (s, t ? "true" : "false");
  g_string_append (s, ",\"used\":");
  emu_json_int (s, t ? t->used_puts : 0);
  g_string_append (s, ",\"unused\":");
  emu_json_int (s, t ? t->unused_puts : 0);
  g_string_append (s, "}\n");
  emu_request_respond_json (req, 200, s);
}

static void
respond_ticket (FientaState *st, EmuRequest *req, FientaTicket *t)
{
  GString *s = g_string_new (NULL);

  append_ticket (st, s, t, TRUE);
  g_string_append_c (s, '\n');
  emu_request_respond_json (req, 200, s);
}

static void
control_ticket (FientaState *st, EmuRequest *req)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *obj;
  FientaTicket *t;
  const char *status_str, *name, *first, *last, *company, *mail, *used_at_str;
  gboolean company_present = FALSE, used_at_present = FALSE, used_at_null = FALSE;
  gint64 now = emu_now_unix ();
  gint64 used_at = 0;
  int status = -1;

  if (emu_request_method_is (req, "GET"))
    {
      t = find_ticket (st, emu_request_param (req, "code"));
      if (t == NULL)
        control_error (req, 404, "unknown ticket code");
      else
        respond_ticket (st, req, t);
      return;
    }
  if (!emu_request_method_is (req, "POST"))
    {
      control_error (req, 405, "use GET or POST");
      return;
    }

  root = emu_request_parse_json (req, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      control_error (req, 400, error ? error->message : "body must be a JSON object");
      return;
    }
  obj = json_node_get_object (root);
  t = find_ticket (st, emu_json_get_string (obj, "code", NULL, NULL));
  if (t == NULL)
    {
      control_error (req, 404, "unknown ticket code");
      return;
    }

  status_str = emu_json_get_string (obj, "status", NULL, NULL);
  if (status_str != NULL && (status = parse_status (status_str)) < 0)
    {
      control_error (req, 400, "unknown status");
      return;
    }
  used_at_str = emu_json_get_string (obj, "used_at", &used_at_present, &used_at_null);
  if (used_at_present && !used_at_null &&
      (used_at_str == NULL || !parse_time_param (st, used_at_str, &used_at)))
    {
      control_error (req, 400, "bad used_at");
      return;
    }

  name = emu_json_get_string (obj, "name", NULL, NULL);
  first = emu_json_get_string (obj, "first_name", NULL, NULL);
  last = emu_json_get_string (obj, "last_name", NULL, NULL);
  company = emu_json_get_string (obj, "company", &company_present, NULL);
  mail = emu_json_get_string (obj, "email", NULL, NULL);

  if (name != NULL)
    {
      const char *space = strchr (name, ' ');

      if (space != NULL)
        {
          t->first_name = g_string_chunk_insert_len (st->strings, name, space - name);
          t->last_name = g_string_chunk_insert_const (st->strings, space + 1);
        }
      else
        {
          t->first_name = g_string_chunk_insert_const (st->strings, name);
          t->last_name = "";
        }
      t->attendee_empty = FALSE;
    }
  if (first != NULL)
    t->first_name = g_string_chunk_insert_const (st->strings, first);
  if (last != NULL)
    t->last_name = g_string_chunk_insert_const (st->strings, last);
  if (mail != NULL)
    t->mail = g_string_chunk_insert_const (st->strings, mail);
  if (company_present)
    {
      t->company = company ? g_string_chunk_insert_const (st->strings, company) : NULL;
      t->company_orig = t->company;
    }

  if (status >= 0)
    {
      t->status = (guint8) status;
      if (status == ST_USED)
        {
          if (t->used_at == 0)
            t->used_at = now;
          if (t->validated_by == 0)
            t->validated_by = 2;
        }
      else if (status == ST_UNUSED)
        {
          t->used_at = 0;
          t->validated_by = 0;
          t->ip = NULL;
        }
    }
  if (used_at_present)
    t->used_at = used_at_null ? 0 : used_at;

  t->updated_at = now;
  respond_ticket (st, req, t);
}

static void
control_touch (FientaState *st, EmuRequest *req)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *obj;
  FientaEvent *ev;
  gint64 event_id = 10, count = 1;
  gint64 now = emu_now_unix ();
  GString *s;
  guint i;

  if (!emu_request_method_is (req, "POST"))
    {
      control_error (req, 405, "use POST");
      return;
    }
  if (req->body_len > 0)
    {
      root = emu_request_parse_json (req, &error);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          control_error (req, 400, error ? error->message : "body must be a JSON object");
          return;
        }
      obj = json_node_get_object (root);
      if (json_object_has_member (obj, "event_id") && !emu_json_get_int (obj, "event_id", &event_id))
        {
          control_error (req, 400, "bad event_id");
          return;
        }
      if (json_object_has_member (obj, "count") && !emu_json_get_int (obj, "count", &count))
        {
          control_error (req, 400, "bad count");
          return;
        }
    }

  ev = event_id > 0 && event_id <= G_MAXUINT ? find_event (st, (guint) event_id) : NULL;
  if (ev == NULL)
    {
      control_error (req, 404, "unknown event");
      return;
    }
  count = CLAMP (count, 0, (gint64) ev->n_tickets);

  s = g_string_new ("{\"touched\":[");
  for (i = 0; i < count; i++)
    {
      FientaTicket *t = &ev->tickets[ev->touch_cursor];

      ev->touch_cursor = (ev->touch_cursor + 1) % ev->n_tickets;
      t->updated_at = now;
      if (t->company_orig != NULL)
        {
          if (t->company == t->company_orig)
            {
              g_autofree char *renamed = g_strconcat (t->company_orig, " (updated)", NULL);

              t->company = g_string_chunk_insert_const (st->strings, renamed);
            }
          else
            {
              t->company = t->company_orig;
            }
        }
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, '"');
      g_string_append (s, t->code);
      g_string_append_c (s, '"');
    }
  g_string_append (s, "]}\n");
  emu_request_respond_json (req, 200, s);
}

static void
control_sample (FientaState *st, EmuRequest *req)
{
  guint64 event_id = 10, n = 5, offset = 0;
  const char *v;
  int status = -1;
  FientaEvent *ev;
  GString *s;
  guint i, found = 0, skipped = 0;

  if ((v = emu_request_param (req, "event_id")) && !g_ascii_string_to_unsigned (v, 10, 0, G_MAXUINT, &event_id, NULL))
    {
      control_error (req, 400, "bad event_id");
      return;
    }
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
  if ((v = emu_request_param (req, "status")) && *v)
    {
      g_autofree char *upper = g_ascii_strup (v, -1);

      if ((status = parse_status (upper)) < 0)
        {
          control_error (req, 400, "unknown status");
          return;
        }
    }

  ev = find_event (st, (guint) event_id);
  if (ev == NULL)
    {
      control_error (req, 404, "unknown event");
      return;
    }

  s = g_string_new ("{\"event_id\":");
  emu_json_int (s, ev->spec->id);
  g_string_append (s, ",\"tickets\":[");
  for (i = 0; i < ev->n_tickets && found < n; i++)
    {
      const FientaTicket *t = &ev->tickets[i];

      if (status >= 0 && t->status != status)
        continue;
      if (skipped++ < offset)
        continue;
      if (found++ > 0)
        g_string_append_c (s, ',');
      g_string_append (s, "\n{\"code\":\"");
      g_string_append (s, t->code);
      g_string_append (s, "\",\"id\":");
      emu_json_int (s, t->id);
      g_string_append (s, ",\"order_id\":");
      emu_json_int (s, t->order_id);
      g_string_append (s, ",\"name\":");
      g_string_truncate (st->scratch, 0);
      g_string_append_printf (st->scratch, "%s %s", t->first_name, t->last_name);
      emu_json_string (s, st->scratch->str);
      g_string_append (s, ",\"first_name\":");
      emu_json_string (s, t->first_name);
      g_string_append (s, ",\"last_name\":");
      emu_json_string (s, t->last_name);
      g_string_append (s, ",\"company\":");
      emu_json_string (s, t->company);
      g_string_append (s, ",\"mail\":");
      emu_json_string (s, t->mail);
      g_string_append (s, ",\"status\":\"");
      g_string_append (s, status_names[t->status]);
      g_string_append (s, "\",\"qty\":");
      emu_json_int (s, t->qty);
      g_string_append (s, ",\"attendee_empty\":");
      g_string_append (s, t->attendee_empty ? "true" : "false");
      g_string_append (s, ",\"used_at\":");
      append_local_time (st, s, t->used_at);
      g_string_append (s, ",\"updated_at\":");
      append_local_time (st, s, t->updated_at);
      g_string_append_c (s, '}');
    }
  g_string_append (s, "]}\n");
  emu_request_respond_json (req, 200, s);
}

/* POST /_control/fienta/revoke-tokens: every token minted by POST /auth stops
 * working, as when a user changes their password; the organiser key stays. */
static void
control_revoke_tokens (FientaState *st, EmuRequest *req)
{
  GHashTableIter iter;
  gpointer key;
  guint revoked = 0;

  g_hash_table_iter_init (&iter, st->tokens);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (strcmp (key, FIENTA_API_KEY) != 0)
      {
        g_hash_table_iter_remove (&iter);
        revoked++;
      }
  emu_request_respond_text (req, 200, "application/json", "");
  g_string_printf (req->response, "{\"revoked\":%u}\n", revoked);
}

static gboolean
fienta_control (EmuProvider *self, EmuRequest *req, const char *action)
{
  FientaState *st = self->state;

  if (g_str_equal (action, "checkins"))
    control_checkins (st, req);
  else if (g_str_equal (action, "ticket"))
    control_ticket (st, req);
  else if (g_str_equal (action, "touch"))
    control_touch (st, req);
  else if (g_str_equal (action, "sample"))
    control_sample (st, req);
  else if (g_str_equal (action, "revoke-tokens"))
    control_revoke_tokens (st, req);
  else
    return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Construction                                                           */
/* ---------------------------------------------------------------------- */

static void
fienta_state_free (gpointer data)
{
  FientaState *st = data;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (st->events); i++)
    g_free (st->events[i].tickets);
  g_hash_table_unref (st->by_code);
  g_hash_table_unref (st->tokens);
  g_hash_table_unref (st->offsets);
  g_string_chunk_free (st->strings);
  g_string_free (st->scratch, TRUE);
  g_time_zone_unref (st->tz);
  g_free (st->tz_name);
  g_free (st);
}

EmuProvider *
emu_fienta_provider_new (const EmuOptions *options)
{
  /* Small events first, so their data does not depend on --attendees. */
  static const guint gen_order[] = { 1, 2, 3, 0 };
  EmuProvider *p = g_new0 (EmuProvider, 1);
  FientaState *st = g_new0 (FientaState, 1);
  gint64 start = g_get_monotonic_time ();
  guint i, total = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (gen_order) == G_N_ELEMENTS (event_specs));

  st->tz = g_time_zone_new_identifier (options->timezone);
  if (st->tz == NULL)
    {
      g_printerr ("emulator: unknown time zone %s, using UTC\n", options->timezone);
      st->tz = g_time_zone_new_utc ();
      st->tz_name = g_strdup ("UTC");
    }
  else
    {
      st->tz_name = g_strdup (options->timezone);
    }
  st->offsets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  st->strings = g_string_chunk_new (64 * 1024);
  st->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  st->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (st->tokens, g_strdup (FIENTA_API_KEY), GINT_TO_POINTER (0));
  st->scratch = g_string_sized_new (1024);
  st->t0 = emu_now_unix ();

  for (i = 0; i < G_N_ELEMENTS (event_specs); i++)
    {
      FientaEvent *ev = &st->events[i];

      ev->spec = &event_specs[i];
      ev->starts_at = event_time (st, ev->spec->start_day, ev->spec->start_hour);
      ev->ends_at = event_time (st, ev->spec->end_day, ev->spec->end_hour);
    }
  for (i = 0; i < G_N_ELEMENTS (gen_order); i++)
    {
      FientaEvent *ev = &st->events[gen_order[i]];
      guint n = ev->spec->n_tickets ? ev->spec->n_tickets : options->attendees;

      generate_event (st, ev, n, options->seed);
      total += n;
    }

  if (!options->quiet)
    g_printerr ("emulator: fienta: generated %u tickets in %.1f ms\n", total,
                (g_get_monotonic_time () - start) / 1000.0);

  p->name = "fienta";
  p->prefix = FIENTA_PREFIX;
  p->state = st;
  p->gate = fienta_gate;
  p->handle = fienta_handle;
  p->too_many_requests = fienta_too_many_requests;
  p->control = fienta_control;
  p->free_state = fienta_state_free;
  return p;
}
