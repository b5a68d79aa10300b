/* emu-ticketing.c - fake TickeTing REST API v3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mounted at /ticketing/v3.  The subset a door-scanning client needs:
 * sessions, admission tokens, accounts and their hosts, events, tickets,
 * admissions and event statistics.  Behaviour follows
 * shared/api/ticketing-api-v3.md and shared/api/GROUND-TRUTH.md section 2;
 * README.md lists the keys, the data set and the control endpoints.
 *
 * Every API request goes through the same checks, in this order: the
 * X-Client-Version header (412), the route (404 "endpoint"), the API key
 * and its permissions (401/403), the method (405) and then the resource
 * ids (404 "resource").
 *
 * The big event may hold a few hundred thousand tickets, so tickets are
 * small fixed-size records: names are indices into tables, account numbers
 * are derived from the owner's index, and the JSON is written by hand.
 */

#include "emu-core.h"

#include <string.h>

#define TT_PREFIX "/ticketing/v3"
#define TT_INTEGRATION_KEY "ticketingintegrationkey000000001"
#define TT_PASSWORD "demo-password"
#define TT_KEY_LEN 32
#define TT_SERIAL_MAX 20         /* "XXXXXX-" + 12 or 13 characters */
#define TT_NUMBER_LEN 11         /* "AZ-4918SF92" */
#define TT_MAX_SECTIONS 3
#define TT_DEFAULT_RECORDS 25
#define TT_MAX_RECORDS 1000
#define TT_CURRENCY "USD"
#define TT_UPDATED_SUFFIX " (updated)"

/* Error texts.  Business errors use "error" (what the SDK reads), the
 * authentication and routing errors use "message" (what the docs show). */
#define MSG_UPGRADE "Please upgrade your client to complete this request"
#define MSG_UNAUTHENTICATED "Your request could not be authenticated."
#define MSG_RESTRICTED "You are restricted from accessing this resource."
#define MSG_NOT_ALLOWED "Method not allowed."
#define MSG_NO_RESOURCE "There is presently no resource with the given URI."
#define MSG_BAD_JSON "The request body is not valid JSON."
#define MSG_SESSION_ENDED "This session has already been ended."
#define MSG_NO_SESSION "There is no active session for this key."
#define MSG_NO_ACCOUNT "The requested account could not be located"
#define MSG_BAD_PASSWORD "A session cannot be started with the given password."
#define MSG_NO_TOKEN "The provided code does not belong to any event token"
#define MSG_NO_ADMISSION "None of the provided ticket serials grants admission to this event"
#define MSG_NO_PAGE "The specified page does not exist for the given records per page"
#define MSG_BAD_RECORDS "records must be between 1 and 1000."
#define MSG_BAD_PAGE "page must be a positive number."
#define MSG_BAD_SINCE "modified_since must be an ISO 8601 date and time."
#define MSG_TOO_MANY "Too many requests. Please slow down."
#define MSG_REQUIRED "The following arguments are required, but have not been supplied: "

/* ---------------------------------------------------------------------- */
/* Static catalogue: hosts, users, events, sections, tokens               */
/* ---------------------------------------------------------------------- */

typedef struct {
  const char *id;
  const char *name;
  const char *email;
} TtHost;

static const TtHost hosts[] = {
  { "1700000000001", "Demo Host", "host@example.com" },
  { "1700000000002", "Other Host", "events@other-host.example.com" },
};

typedef struct {
  const char *username;
  const char *email;
  const char *number;
  const char *first_name;
  const char *last_name;
  guint hosts;           /* bit mask over hosts[]: the hosts it administers */
} TtUser;

static const TtUser users[] = {
  { "doorstaff", "door@example.com", "AZ-4918SF92", "Dora", "Staff", 1u << 0 },
  { "volunteer", "volunteer@example.com", "AZ-V0LUNTR1", "Val", "Unteer", 0 },
};

typedef struct {
  guint id;
  const char *name;
  const char *description;
  guint price;           /* cents */
  guint share;           /* big event: percent of the tickets; others: tickets */
} TtSectionSpec;

typedef struct {
  const char *id;
  const char *title;
  const char *description;
  const char *subcategory;
  guint category;
  guint host;            /* index into hosts[] */
  int start_day, start_hour, end_day, end_hour;  /* relative to today, local */
  gboolean big;          /* --attendees tickets, shared out by percent */
  guint popularity;
  guint venue;
  const char *venue_name;
  const char *venue_address;
  const char *longitude;
  const char *latitude;
  guint region;
  guint n_sections;
  TtSectionSpec sections[TT_MAX_SECTIONS];
} TtEventSpec;

enum { EV_CARNIVAL, EV_JAZZ, EV_GALA, EV_N };

static const TtEventSpec event_specs[EV_N] = {
  { "16993964783416", "Carnival Fete 2026",
    "An all-night fete with three stages, steelpan and soca until sunrise.",
    "Fete", 3, 0, 0, 18, 1, 2, TRUE, 412,
    14, "Queen's Park Savannah", "Queen's Park West, Port of Spain", "-61.5163", "10.6717", 1,
    3, { { 17001, "General Admission", "Access to the grounds and the main stage.", 2500, 80 },
         { 17002, "VIP", "Covered lounge with bar service and a view of the stage.", 8000, 15 },
         { 17003, "Backstage", "Meet the artists; includes VIP.", 15000, 5 } } },
  { "17100000000002", "Jazz Night",
    "An evening of jazz standards & new work \"in the round\".",
    "Jazz", 5, 0, 1, 20, 1, 23, FALSE, 57,
    21, "Little Carib Theatre", "Roberts Street, Woodbrook", "-61.5274", "10.6650", 1,
    2, { { 17101, "Floor", "Standing room in front of the stage.", 3000, 20 },
         { 17102, "Balcony", "Seated, first come first served.", 2000, 10 } } },
  { "17200000000003", "Other Host Gala",
    "A black-tie dinner for the Other Host's patrons.",
    "Gala", 7, 1, 7, 19, 7, 23, FALSE, 9,
    33, "Hyatt Regency Ballroom", "1 Wrightson Road, Port of Spain", "-61.5201", "10.6496", 1,
    1, { { 17201, "Gala", "Dinner and dance.", 20000, 8 } } },
};

/* Admission tokens.  The global one of each event comes first. */
typedef struct {
  const char *code;
  const char *key;
  guint event;
  gboolean global;
  guint sections;        /* bit mask over the event's sections */
} TtTokenSpec;

static const TtTokenSpec token_specs[] = {
  { "GLOBAL01", "tokenkeyglobal010000000000000000", EV_CARNIVAL, TRUE, 0x7 },
  { "A0F9GG8D", "tokenkeya0f9gg8d0000000000000000", EV_CARNIVAL, FALSE, 0x3 },
  { "VIPDOOR1", "tokenkeyvipdoor10000000000000000", EV_CARNIVAL, FALSE, 0x2 },
  { "JAZZ0001", "tokenkeyjazz00010000000000000000", EV_JAZZ, TRUE, 0x3 },
  { "GALA0001", "tokenkeygala00010000000000000000", EV_GALA, TRUE, 0x1 },
};

/* Display names and the ASCII spelling used in usernames. */
typedef struct {
  const char *name;
  const char *ascii;
} TtName;

static const TtName first_names[] = {
  { "Aaliyah", "aaliyah" }, { "Marcus", "marcus" }, { "Keisha", "keisha" },
  { "Ülle", "ulle" }, { "Jürgen", "jurgen" }, { "Zoë", "zoe" }, { "Renée", "renee" },
  { "José", "jose" }, { "Siobhán", "siobhan" }, { "Łukasz", "lukasz" }, { "Priya", "priya" },
  { "Kwame", "kwame" }, { "Chloé", "chloe" }, { "Björn", "bjorn" }, { "Tõnu", "tonu" },
  { "Anna", "anna" }, { "David", "david" }, { "Sarah", "sarah" }, { "Andre", "andre" },
  { "Nicole", "nicole" }, { "Jamal", "jamal" }, { "Ming", "ming" }, { "François", "francois" },
  { "Shanice", "shanice" }, { "Ravi", "ravi" }, { "Dominique", "dominique" }, { "Kyle", "kyle" },
  { "Nadia", "nadia" }, { "Søren", "soren" }, { "Imani", "imani" }, { "Tariq", "tariq" },
  { "Gabrielle", "gabrielle" },
};

static const TtName last_names[] = {
  { "Mohammed", "mohammed" }, { "Ramdeen", "ramdeen" }, { "Müller", "muller" },
  { "O'Brien", "obrien" }, { "García", "garcia" }, { "Nguyễn", "nguyen" }, { "Dvořák", "dvorak" },
  { "Charles", "charles" }, { "Baptiste", "baptiste" }, { "Ali", "ali" }, { "Joseph", "joseph" },
  { "Singh", "singh" }, { "Ström", "strom" }, { "Tamm", "tamm" }, { "Kowalski", "kowalski" },
  { "Lefèvre", "lefevre" }, { "Williams", "williams" }, { "Persad", "persad" },
  { "De Freitas", "defreitas" }, { "Maharaj", "maharaj" }, { "Thomas", "thomas" },
  { "Alexander", "alexander" }, { "Chen", "chen" }, { "Jõgi", "jogi" }, { "Rampersad", "rampersad" },
};

/* ---------------------------------------------------------------------- */
/* Generated data                                                         */
/* ---------------------------------------------------------------------- */

typedef enum {
  TICKET_ISSUED,
  TICKET_PENDING,        /* part of an open transfer */
  TICKET_VOID,           /* refunded */
  TICKET_N_STATUSES
} TicketStatus;

static const char *const ticket_status_names[TICKET_N_STATUSES] = { "Issued", "Pending", "Void" };

/* A patron account.  Its number, username and email derive from its index
 * in TtState.owners. */
typedef struct {
  gint16 first;          /* index into first_names, or -1 for null names */
  gint16 last;           /* index into last_names */
} TtOwner;

typedef struct {
  char serial[TT_SERIAL_MAX + 1];
  guint8 section;        /* index into the event's sections */
  guint8 status;         /* TicketStatus */
  guint8 updated;        /* the owner's lastName shows TT_UPDATED_SUFFIX */
  guint32 owner;         /* index into TtState.owners */
  gint32 admission;      /* index into TtEvent.admissions, or -1 */
  gint64 issued;         /* Unix seconds */
  gint64 modified;       /* µs since the epoch: issued, or the latest change */
} TtTicket;

/* Its URI is /events/E/admissions/<index + 1>. */
typedef struct {
  guint32 ticket;        /* index into TtEvent.tickets */
  gint64 admitted;       /* µs since the epoch */
  const char *redeemer;  /* interned in TtState.strings */
  const char *device;
} TtAdmission;

typedef struct {
  const TtEventSpec *spec;
  gint64 start, end, published;  /* Unix seconds */
  GArray *tickets;       /* TtTicket, in generation (listing) order */
  GHashTable *by_serial; /* serial -> index + 1 */
  GArray *admissions;    /* TtAdmission, oldest first */
  /* Ticket indices of each subset of sections, built on first use; the
   * full set needs none.  Sections never change, so these never go stale. */
  GArray *by_mask[1u << TT_MAX_SECTIONS];
  guint capacity[TT_MAX_SECTIONS];
  guint sold[TT_MAX_SECTIONS];   /* tickets that are not Void */
  guint touch_cursor;
} TtEvent;

typedef struct {
  guint id;
  char key[TT_KEY_LEN + 1];
  const TtUser *user;
  gint64 started;        /* Unix seconds */
  gboolean ended;
} TtSession;

typedef struct {
  EmuOptions options;
  GTimeZone *tz;
  GHashTable *offsets;   /* quarter-hour index -> UTC offset (seconds) */
  GStringChunk *strings;
  GArray *owners;        /* TtOwner, for all events */
  TtEvent events[EV_N];
  GHashTable *sessions;  /* key -> TtSession* (owned) */
  GHashTable *revoked;   /* fixed keys revoked by the control endpoint */
  guint next_session;
  guint64 number_salt;
} TtState;

typedef enum {
  PRINCIPAL_SESSION,
  PRINCIPAL_INTEGRATION,
  PRINCIPAL_TOKEN,
} PrincipalKind;

/* Whoever an X-API-Key stands for. */
typedef struct {
  PrincipalKind kind;
  TtSession *session;    /* PRINCIPAL_SESSION */
  const TtTokenSpec *token;  /* PRINCIPAL_TOKEN */
} TtPrincipal;

/* ---------------------------------------------------------------------- */
/* Time                                                                   */
/* ---------------------------------------------------------------------- */

static gint32
tz_offset (TtState *st, gint64 t)
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

/* Appends @t (Unix seconds) in the provider's time zone, quoted: ISO 8601
 * with the offset ("2026-11-23T18:00:00+02:00"), or with @session_style
 * "2026-11-23 18:00:00" as POST /sessions writes "started". */
static void
append_time (TtState *st, GString *s, gint64 t, gboolean session_style)
{
  gint32 offset = tz_offset (st, t);
  gint64 local = t + offset;
  gint64 days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  int secs = (int) (local - days * 86400);
  int y, m, d, off = ABS (offset) / 60;
  char buf[28];
  gsize len = 19;

  civil_from_days (days, &y, &m, &d);
  put_digits (buf, CLAMP (y, 0, 9999), 4);
  buf[4] = '-';
  put_digits (buf + 5, m, 2);
  buf[7] = '-';
  put_digits (buf + 8, d, 2);
  buf[10] = session_style ? ' ' : 'T';
  put_digits (buf + 11, secs / 3600, 2);
  buf[13] = ':';
  put_digits (buf + 14, secs / 60 % 60, 2);
  buf[16] = ':';
  put_digits (buf + 17, secs % 60, 2);
  if (!session_style)
    {
      buf[19] = offset < 0 ? '-' : '+';
      put_digits (buf + 20, off / 60, 2);
      buf[22] = ':';
      put_digits (buf + 23, off % 60, 2);
      len = 25;
    }
  g_string_append_c (s, '"');
  g_string_append_len (s, buf, (gssize) len);
  g_string_append_c (s, '"');
}

static gint64
event_time (TtState *st, int day, int hour)
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

/* Reads modified_since: ISO 8601 with an offset or "Z", or without one
 * (also "YYYY-MM-DD HH:MM:SS") read as UTC.  Gives µs since the epoch. */
static gboolean
parse_since (const char *text, gint64 *out)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) dt = NULL;
  g_autofree char *copy = g_strdup (text);

  if (strlen (copy) > 10 && copy[10] == ' ')
    copy[10] = 'T';
  dt = g_date_time_new_from_iso8601 (copy, utc);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Generation                                                             */
/* ---------------------------------------------------------------------- */

static const char alnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

static void
random_serial (GRand *r, char *out)
{
  /* About 1% have 13 characters after the dash, as the SDK's README shows. */
  int tail = g_rand_int_range (r, 0, 100) == 0 ? 13 : 12;
  int i;

  for (i = 0; i < 6; i++)
    out[i] = alnum[g_rand_int_range (r, 0, 36)];
  out[6] = '-';
  for (i = 0; i < tail; i++)
    out[7 + i] = alnum[g_rand_int_range (r, 0, 36)];
  out[7 + tail] = '\0';
}

/* The account number of owner @index: [B-Y][A-Z]-[0-9A-Z]{8}.  The digits
 * are an affine map of the index modulo 36^8 with a multiplier prime to 36,
 * so numbers are unique without a lookup; users' numbers start with A.
 * (There are at most about 10 million owners, so nothing overflows.) */
static void
owner_number (TtState *st, guint32 index, char out[TT_NUMBER_LEN + 1])
{
  const guint64 modulus = G_GUINT64_CONSTANT (2821109907456);  /* 36^8 */
  guint64 v = ((guint64) index * G_GUINT64_CONSTANT (1000000000001) + st->number_salt % modulus) % modulus;
  guint32 h = index * 2246822519u + (guint32) st->number_salt;
  int i;

  out[0] = (char) ('B' + (h >> 8) % 24);
  out[1] = (char) ('A' + (h >> 16) % 26);
  out[2] = '-';
  for (i = 10; i >= 3; i--)
    {
      out[i] = alnum[v % 36];
      v /= 36;
    }
  out[TT_NUMBER_LEN] = '\0';
}

/* Writes "ulle.tamm1234", or "patron1234" for an owner without names. */
static void
owner_username (TtState *st, guint32 index, char *buf, gsize size)
{
  const TtOwner *o = &g_array_index (st->owners, TtOwner, index);

  if (o->first < 0)
    g_snprintf (buf, size, "patron%u", index + 1);
  else
    g_snprintf (buf, size, "%s.%s%u", first_names[o->first].ascii, last_names[o->last].ascii, index + 1);
}

static guint32
add_owner (TtState *st, GRand *r)
{
  TtOwner o;

  if (g_rand_int_range (r, 0, 100) < 3)
    {
      o.first = -1;
      o.last = -1;
    }
  else
    {
      o.first = (gint16) g_rand_int_range (r, 0, G_N_ELEMENTS (first_names));
      o.last = (gint16) g_rand_int_range (r, 0, G_N_ELEMENTS (last_names));
    }
  g_array_append_val (st->owners, o);
  return st->owners->len - 1;
}

static void
event_clear (TtEvent *ev)
{
  guint i;

  if (ev->by_serial)
    g_hash_table_remove_all (ev->by_serial);
  g_clear_pointer (&ev->tickets, g_array_unref);
  g_clear_pointer (&ev->admissions, g_array_unref);
  for (i = 0; i < G_N_ELEMENTS (ev->by_mask); i++)
    g_clear_pointer (&ev->by_mask[i], g_array_unref);
  memset (ev->capacity, 0, sizeof ev->capacity);
  memset (ev->sold, 0, sizeof ev->sold);
  ev->touch_cursor = 0;
}

static guint
pick_section (const TtEventSpec *spec, GRand *r, guint made)
{
  guint i, roll, sum = 0;

  /* The big event shares its tickets out by percent; the others have fixed
   * counts, in section order. */
  roll = spec->big ? (guint) g_rand_int_range (r, 0, 100) : made;
  for (i = 0; i + 1 < spec->n_sections; i++)
    {
      sum += spec->sections[i].share;
      if (roll < sum)
        return i;
    }
  return spec->n_sections - 1;
}

static int
compare_admitted (gconstpointer a, gconstpointer b)
{
  const TtAdmission *x = a, *y = b;

  if (x->admitted != y->admitted)
    return x->admitted < y->admitted ? -1 : 1;
  return x->ticket < y->ticket ? -1 : x->ticket > y->ticket;
}

static void
generate_event (TtState *st, guint index)
{
  TtEvent *ev = &st->events[index];
  const TtEventSpec *spec = ev->spec;
  GRand *r = g_rand_new_with_seed (st->options.seed * 7919u + 6271u * (index + 1));
  gint64 now = emu_now_unix ();
  guint n = 0, made = 0, i;

  if (spec->big)
    n = st->options.attendees;
  else
    for (i = 0; i < spec->n_sections; i++)
      n += spec->sections[i].share;

  event_clear (ev);
  ev->tickets = g_array_sized_new (FALSE, FALSE, sizeof (TtTicket), n);
  ev->admissions = g_array_new (FALSE, FALSE, sizeof (TtAdmission));

  /* Owners buy one to four tickets at once. */
  while (made < n)
    {
      guint32 owner = add_owner (st, r);
      int size_roll = g_rand_int_range (r, 0, 100);
      guint size = size_roll < 60 ? 1 : size_roll < 85 ? 2 : size_roll < 95 ? 3 : 4;
      gint64 issued = now - g_rand_int_range (r, 3600, 60 * 86400);
      guint j;

      for (j = 0; j < size && made < n; j++, made++)
        {
          TtTicket t = { { 0 } };
          int status_roll = g_rand_int_range (r, 0, 100);

          random_serial (r, t.serial);
          t.section = (guint8) pick_section (spec, r, made);
          t.status = status_roll < 95 ? TICKET_ISSUED : status_roll < 98 ? TICKET_PENDING : TICKET_VOID;
          t.owner = owner;
          t.admission = -1;
          t.issued = issued;
          t.modified = issued * G_USEC_PER_SEC;

          /* About 10% of the big event's valid tickets are already in. */
          if (spec->big && t.status == TICKET_ISSUED && g_rand_int_range (r, 0, 100) < 10)
            {
              TtAdmission a;

              a.ticket = made;
              a.admitted = (now - g_rand_int_range (r, 60, 3 * 3600)) * G_USEC_PER_SEC;
              a.redeemer = "Dora Staff";
              a.device = "Gate 1";
              g_array_append_val (ev->admissions, a);
            }
          g_array_append_val (ev->tickets, t);
        }
    }

  /* The array does not move any more: index the serials in place,
   * drawing again on the (unlikely) clash. */
  for (i = 0; i < ev->tickets->len; i++)
    {
      TtTicket *t = &g_array_index (ev->tickets, TtTicket, i);

      while (g_hash_table_contains (ev->by_serial, t->serial))
        random_serial (r, t->serial);
      g_hash_table_insert (ev->by_serial, t->serial, GUINT_TO_POINTER (i + 1));
      if (t->status != TICKET_VOID)
        ev->sold[t->section]++;
    }

  /* Admissions are listed oldest first. */
  g_array_sort (ev->admissions, compare_admitted);
  for (i = 0; i < ev->admissions->len; i++)
    {
      TtAdmission *a = &g_array_index (ev->admissions, TtAdmission, i);
      TtTicket *t = &g_array_index (ev->tickets, TtTicket, a->ticket);

      a->redeemer = g_string_chunk_insert_const (st->strings, a->redeemer);
      a->device = g_string_chunk_insert_const (st->strings, a->device);
      t->admission = (gint32) i;
      t->modified = a->admitted;
    }

  for (i = 0; i < spec->n_sections; i++)
    ev->capacity[i] = ev->sold[i] + MAX (5, ev->sold[i] / 8) + (guint) g_rand_int_range (r, 0, 10);

  g_rand_free (r);
}

static void
generate_all (TtState *st)
{
  guint i;

  g_array_set_size (st->owners, 0);
  /* Small events first, so their data does not depend on --attendees. */
  for (i = EV_N; i-- > 0;)
    generate_event (st, i);
}

/* ---------------------------------------------------------------------- */
/* Lookups                                                                */
/* ---------------------------------------------------------------------- */

static TtEvent *
find_event (TtState *st, const char *id)
{
  guint i;

  for (i = 0; id != NULL && i < EV_N; i++)
    if (g_str_equal (event_specs[i].id, id))
      return &st->events[i];
  return NULL;
}

static gint
find_host (const char *id)
{
  guint i;

  for (i = 0; id != NULL && i < G_N_ELEMENTS (hosts); i++)
    if (g_str_equal (hosts[i].id, id))
      return (gint) i;
  return -1;
}

static TtTicket *
find_ticket (TtEvent *ev, const char *serial, guint *index)
{
  g_autofree char *upper = NULL;
  guint idx;

  if (serial == NULL)
    return NULL;
  upper = g_ascii_strup (serial, -1);
  idx = GPOINTER_TO_UINT (g_hash_table_lookup (ev->by_serial, upper));
  if (idx == 0)
    return NULL;
  if (index)
    *index = idx - 1;
  return &g_array_index (ev->tickets, TtTicket, idx - 1);
}

static const TtTokenSpec *
find_token_by_code (TtState *st, const char *code)
{
  guint i;

  for (i = 0; code != NULL && i < G_N_ELEMENTS (token_specs); i++)
    if (g_str_equal (token_specs[i].code, code) &&
        !g_hash_table_contains (st->revoked, token_specs[i].key))
      return &token_specs[i];
  return NULL;
}

/* Owner index of account @number, or -1.  A linear scan: only the
 * integration key can ask, and rarely. */
static gint64
find_owner (TtState *st, const char *number)
{
  char buf[TT_NUMBER_LEN + 1];
  guint i;

  if (number == NULL || strlen (number) != TT_NUMBER_LEN)
    return -1;
  for (i = 0; i < st->owners->len; i++)
    {
      owner_number (st, i, buf);
      if (memcmp (buf, number, TT_NUMBER_LEN) == 0)
        return i;
    }
  return -1;
}

static const TtUser *
find_user_by_number (const char *number)
{
  guint i;

  for (i = 0; number != NULL && i < G_N_ELEMENTS (users); i++)
    if (g_str_equal (users[i].number, number))
      return &users[i];
  return NULL;
}

/* The event's section with @id ("17001", or a URI ending in it), as an
 * index, or -1. */
static gint
find_section (TtEvent *ev, const char *id)
{
  const char *slash;
  guint64 v;
  guint i;

  if (id == NULL)
    return -1;
  slash = strrchr (id, '/');
  if (slash)
    id = slash + 1;
  if (!g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT, &v, NULL))
    return -1;
  for (i = 0; i < ev->spec->n_sections; i++)
    if (ev->spec->sections[i].id == v)
      return (gint) i;
  return -1;
}

static guint
all_sections (TtEvent *ev)
{
  return (1u << ev->spec->n_sections) - 1;
}

static gboolean
user_admins_host (const TtUser *user, gint host)
{
  return host >= 0 && (user->hosts & (1u << host)) != 0;
}

/* ---------------------------------------------------------------------- */
/* JSON                                                                   */
/* ---------------------------------------------------------------------- */

static void
respond_field (EmuRequest *req, guint status, const char *field, const char *text)
{
  GString *s = g_string_new ("{\"");

  g_string_append (s, field);
  g_string_append (s, "\":");
  emu_json_string (s, text);
  g_string_append_c (s, '}');
  emu_request_respond_json (req, status, s);
}

/* A business error: {"error": …}. */
static void
respond_error (EmuRequest *req, guint status, const char *text)
{
  respond_field (req, status, "error", text);
}

/* An authentication or routing error: {"message": …}. */
static void
respond_message (EmuRequest *req, guint status, const char *text)
{
  respond_field (req, status, "message", text);
}

static void
append_cents (GString *s, guint64 cents, gboolean quoted)
{
  g_string_append_printf (s, quoted ? "\"%" G_GUINT64_FORMAT ".%02u\"" : "%" G_GUINT64_FORMAT ".%02u",
                          cents / 100, (guint) (cents % 100));
}

static void
append_user (GString *s, const TtUser *u)
{
  g_string_append (s, "{\"self\":\"/accounts/");
  g_string_append (s, u->number);
  g_string_append (s, "\",\"number\":");
  emu_json_string (s, u->number);
  g_string_append (s, ",\"username\":");
  emu_json_string (s, u->username);
  g_string_append (s, ",\"email\":");
  emu_json_string (s, u->email);
  g_string_append (s, ",\"firstName\":");
  emu_json_string (s, u->first_name);
  g_string_append (s, ",\"lastName\":");
  emu_json_string (s, u->last_name);
  g_string_append_c (s, '}');
}

/* The owner's current lastName; @updated adds TT_UPDATED_SUFFIX (to a
 * missing one too, so that a touch always shows).  Returns NULL for null. */
static const char *
owner_last_name (const TtOwner *o, gboolean updated, char *buf, gsize size)
{
  if (!updated)
    return o->last < 0 ? NULL : last_names[o->last].name;
  g_snprintf (buf, size, "%s%s", o->last < 0 ? "" : last_names[o->last].name,
              o->last < 0 ? TT_UPDATED_SUFFIX + 1 : TT_UPDATED_SUFFIX);
  return buf;
}

/* The account object of owner @index, as a ticket (@updated) shows it. */
static void
append_owner (TtState *st, GString *s, guint32 index, gboolean updated)
{
  const TtOwner *o = &g_array_index (st->owners, TtOwner, index);
  char number[TT_NUMBER_LEN + 1];
  char username[64];
  char last[96];

  owner_number (st, index, number);
  owner_username (st, index, username, sizeof username);
  g_string_append (s, "{\"self\":\"/accounts/");
  g_string_append_len (s, number, TT_NUMBER_LEN);
  g_string_append (s, "\",\"number\":\"");
  g_string_append_len (s, number, TT_NUMBER_LEN);
  /* Usernames are plain ASCII. */
  g_string_append (s, "\",\"username\":\"");
  g_string_append (s, username);
  g_string_append (s, "\",\"email\":\"");
  g_string_append (s, username);
  g_string_append (s, "@example.com\",\"firstName\":");
  emu_json_string (s, o->first < 0 ? NULL : first_names[o->first].name);
  g_string_append (s, ",\"lastName\":");
  emu_json_string (s, owner_last_name (o, updated, last, sizeof last));
  g_string_append_c (s, '}');
}

static void
append_section_ref (GString *s, TtEvent *ev, guint section)
{
  const TtSectionSpec *sec = &ev->spec->sections[section];

  g_string_append (s, "{\"self\":\"/events/");
  g_string_append (s, ev->spec->id);
  g_string_append_printf (s, "/sections/%u\",\"name\":", sec->id);
  emu_json_string (s, sec->name);
  g_string_append (s, ",\"description\":");
  emu_json_string (s, sec->description);
  g_string_append_c (s, '}');
}

static void
append_event (TtState *st, GString *s, TtEvent *ev)
{
  const TtEventSpec *spec = ev->spec;
  guint i;

  g_string_append (s, "{\"self\":\"/events/");
  g_string_append (s, spec->id);
  g_string_append (s, "\",\"published\":");
  append_time (st, s, ev->published, FALSE);
  g_string_append (s, ",\"title\":");
  emu_json_string (s, spec->title);
  g_string_append (s, ",\"description\":");
  emu_json_string (s, spec->description);
  g_string_append (s, ",\"status\":\"Listed\",\"type\":\"Standard\",\"public\":true");
  g_string_append_printf (s, ",\"category\":{\"self\":\"/categories/%u\"},\"subcategory\":", spec->category);
  emu_json_string (s, spec->subcategory);
  g_string_append (s, ",\"start\":");
  append_time (st, s, ev->start, FALSE);
  g_string_append (s, ",\"end\":");
  append_time (st, s, ev->end, FALSE);
  g_string_append_printf (s, ",\"venue\":{\"self\":\"/venues/%u\",\"name\":", spec->venue);
  emu_json_string (s, spec->venue_name);
  g_string_append_printf (s, ",\"region\":{\"self\":\"/regions/%u\"},\"longitude\":%s,\"latitude\":%s",
                          spec->region, spec->longitude, spec->latitude);
  g_string_append (s, ",\"address\":");
  emu_json_string (s, spec->venue_address);
  g_string_append_printf (s, ",\"map\":\"https://maps.example.com/?q=%s,%s\"}",
                          spec->latitude, spec->longitude);
  g_string_append (s, ",\"disclaimer\":\"No refunds after the gates open. Bring a photo ID.\"");
  g_string_append_printf (s, ",\"tags\":[],\"popularity\":%u", spec->popularity);
  g_string_append_printf (s, ",\"banner\":\"https://media.example.com/banner/%s\"", spec->id);
  g_string_append_printf (s, ",\"thumbnail\":\"https://media.example.com/thumbnail/%s\"", spec->id);
  g_string_append (s, ",\"sections\":[");
  for (i = 0; i < spec->n_sections; i++)
    {
      const TtSectionSpec *sec = &spec->sections[i];

      if (i > 0)
        g_string_append_c (s, ',');
      /* Event-relative URIs: the client prefixes the event's. */
      g_string_append_printf (s, "{\"self\":\"/sections/%u\",\"name\":", sec->id);
      emu_json_string (s, sec->name);
      g_string_append (s, ",\"description\":");
      emu_json_string (s, sec->description);
      g_string_append (s, ",\"price\":{\"base\":");
      append_cents (s, sec->price, FALSE);
      g_string_append (s, ",\"current\":");
      append_cents (s, sec->price, FALSE);
      g_string_append (s, ",\"expires\":");
      append_time (st, s, ev->start, FALSE);
      g_string_append (s, "},\"salesStart\":");
      append_time (st, s, ev->published, FALSE);
      g_string_append (s, ",\"salesEnd\":");
      append_time (st, s, ev->start, FALSE);
      g_string_append_printf (s, ",\"active\":true,\"capacity\":%u,\"sold\":%u,\"remaining\":%u,\"reserved\":0}",
                              ev->capacity[i], ev->sold[i],
                              ev->capacity[i] > ev->sold[i] ? ev->capacity[i] - ev->sold[i] : 0);
    }
  g_string_append (s, "]}");
}

static void
append_ticket (TtState *st, GString *s, TtEvent *ev, const TtTicket *t)
{
  g_string_append (s, "{\"serial\":\"");
  g_string_append (s, t->serial);
  g_string_append (s, "\",\"status\":\"");
  g_string_append (s, ticket_status_names[t->status]);
  g_string_append (s, "\",\"section\":");
  append_section_ref (s, ev, t->section);
  g_string_append (s, ",\"owner\":");
  append_owner (st, s, t->owner, t->updated);
  g_string_append (s, ",\"issued\":");
  append_time (st, s, t->issued, FALSE);
  g_string_append (s, ",\"redeemed\":");
  if (t->admission >= 0)
    append_time (st, s, g_array_index (ev->admissions, TtAdmission, t->admission).admitted / G_USEC_PER_SEC,
                 FALSE);
  else
    g_string_append (s, "\"N/A\"");
  g_string_append_c (s, '}');
}

static void
append_admission (TtState *st, GString *s, TtEvent *ev, guint index)
{
  const TtAdmission *a = &g_array_index (ev->admissions, TtAdmission, index);
  const TtTicket *t = &g_array_index (ev->tickets, TtTicket, a->ticket);

  g_string_append (s, "{\"self\":\"/events/");
  g_string_append (s, ev->spec->id);
  g_string_append_printf (s, "/admissions/%u\",\"redeemer\":", index + 1);
  emu_json_string (s, a->redeemer);
  g_string_append (s, ",\"device\":");
  emu_json_string (s, a->device);
  g_string_append (s, ",\"ticket\":\"");
  g_string_append (s, t->serial);
  g_string_append (s, "\",\"patron\":");
  append_owner (st, s, t->owner, t->updated);
  g_string_append (s, ",\"section\":");
  append_section_ref (s, ev, t->section);
  g_string_append (s, ",\"admitted\":");
  append_time (st, s, a->admitted / G_USEC_PER_SEC, FALSE);
  g_string_append_c (s, '}');
}

static void
append_session (TtState *st, GString *s, const TtSession *session)
{
  g_string_append_printf (s, "{\"self\":\"/sessions/%u\",\"started\":", session->id);
  append_time (st, s, session->started, TRUE);
  g_string_append (s, ",\"key\":\"");
  g_string_append (s, session->key);
  g_string_append (s, "\",\"account\":");
  append_user (s, session->user);
  g_string_append_c (s, '}');
}

/* ---------------------------------------------------------------------- */
/* Pagination                                                             */
/* ---------------------------------------------------------------------- */

typedef struct {
  guint page;            /* 1-based */
  guint records;
} TtPage;

static gboolean
page_parse (EmuRequest *req, TtPage *pg)
{
  const char *v;
  gint64 n;

  pg->page = 1;
  pg->records = TT_DEFAULT_RECORDS;

  v = emu_request_param (req, "page");
  if (v != NULL)
    {
      if (!g_ascii_string_to_signed (v, 10, G_MININT64, G_MAXINT64, &n, NULL) || n < 1 || n > G_MAXINT32)
        {
          respond_error (req, 400, MSG_BAD_PAGE);
          return FALSE;
        }
      pg->page = (guint) n;
    }

  v = emu_request_param (req, "records");
  if (v != NULL)
    {
      if (!g_ascii_string_to_signed (v, 10, G_MININT64, G_MAXINT64, &n, NULL) || n < 1 ||
          n > TT_MAX_RECORDS)
        {
          respond_error (req, 400, MSG_BAD_RECORDS);
          return FALSE;
        }
      pg->records = (guint) n;
    }
  return TRUE;
}

static guint64
page_offset (const TtPage *pg)
{
  return (guint64) (pg->page - 1) * pg->records;
}

static gboolean
page_in_range (const TtPage *pg, guint64 position)
{
  return position >= page_offset (pg) && position < page_offset (pg) + pg->records;
}

/* Starts the page's answer, or answers 404 past the last page (page 1 of
 * an empty collection exists). */
static GString *
page_begin (EmuRequest *req, const TtPage *pg, guint total)
{
  guint64 pages = total == 0 ? 1 : ((guint64) total + pg->records - 1) / pg->records;
  GString *s;

  if (pg->page > pages)
    {
      respond_error (req, 404, MSG_NO_PAGE);
      return NULL;
    }
  s = g_string_sized_new (128 + (gsize) MIN (pg->records, total) * 512);
  g_string_append_printf (s, "{\"total\":%u,\"page\":%u,\"records\":%u,\"entries\":[",
                          total, pg->page, pg->records);
  return s;
}

static void
page_end (EmuRequest *req, GString *s)
{
  g_string_append (s, "]}");
  emu_request_respond_json (req, 200, s);
}

/* ---------------------------------------------------------------------- */
/* Keys and permissions                                                   */
/* ---------------------------------------------------------------------- */

typedef enum {
  ROUTE_SESSIONS,          /* /sessions */
  ROUTE_SESSION_ACTIVE,    /* /sessions/active */
  ROUTE_TOKEN,             /* /tokens/{code} */
  ROUTE_ACCOUNT,           /* /accounts/{number} */
  ROUTE_ACCOUNT_HOSTS,     /* /accounts/{number}/hosts */
  ROUTE_HOST_EVENTS,       /* /hosts/{host}/events */
  ROUTE_EVENTS,            /* /events */
  ROUTE_EVENT,             /* /events/{event} */
  ROUTE_EVENT_TICKETS,     /* /events/{event}/tickets */
  ROUTE_EVENT_ADMISSIONS,  /* /events/{event}/admissions */
  ROUTE_EVENT_STATISTICS,  /* /events/{event}/statistics */
  ROUTE_EVENT_TOKENS,      /* /events/{event}/tokens */
} RouteKind;

typedef struct {
  RouteKind kind;
  const char *id;        /* the {…} segment, if any */
} TtRoute;

static gboolean
route_match (EmuRequest *req, TtRoute *route)
{
  char **seg = req->segments;
  guint n = req->n_segments;

  route->id = n > 1 ? seg[1] : NULL;
  if (n == 1 && g_str_equal (seg[0], "sessions"))
    route->kind = ROUTE_SESSIONS;
  else if (n == 2 && g_str_equal (seg[0], "sessions") && g_str_equal (seg[1], "active"))
    route->kind = ROUTE_SESSION_ACTIVE;
  else if (n == 2 && g_str_equal (seg[0], "tokens"))
    route->kind = ROUTE_TOKEN;
  else if (n == 2 && g_str_equal (seg[0], "accounts"))
    route->kind = ROUTE_ACCOUNT;
  else if (n == 3 && g_str_equal (seg[0], "accounts") && g_str_equal (seg[2], "hosts"))
    route->kind = ROUTE_ACCOUNT_HOSTS;
  else if (n == 3 && g_str_equal (seg[0], "hosts") && g_str_equal (seg[2], "events"))
    route->kind = ROUTE_HOST_EVENTS;
  else if (n == 1 && g_str_equal (seg[0], "events"))
    route->kind = ROUTE_EVENTS;
  else if (n == 2 && g_str_equal (seg[0], "events"))
    route->kind = ROUTE_EVENT;
  else if (n == 3 && g_str_equal (seg[0], "events") && g_str_equal (seg[2], "tickets"))
    route->kind = ROUTE_EVENT_TICKETS;
  else if (n == 3 && g_str_equal (seg[0], "events") && g_str_equal (seg[2], "admissions"))
    route->kind = ROUTE_EVENT_ADMISSIONS;
  else if (n == 3 && g_str_equal (seg[0], "events") && g_str_equal (seg[2], "statistics"))
    route->kind = ROUTE_EVENT_STATISTICS;
  else if (n == 3 && g_str_equal (seg[0], "events") && g_str_equal (seg[2], "tokens"))
    route->kind = ROUTE_EVENT_TOKENS;
  else
    return FALSE;
  return TRUE;
}

/* Finds who @key stands for.  @ended says that it is a session key that
 * has been ended (or revoked). */
static gboolean
principal_find (TtState *st, const char *key, TtPrincipal *who, gboolean *ended)
{
  TtSession *session = g_hash_table_lookup (st->sessions, key);
  guint i;

  *ended = FALSE;
  if (session != NULL)
    {
      *ended = session->ended;
      who->kind = PRINCIPAL_SESSION;
      who->session = session;
      return !session->ended;
    }
  if (g_hash_table_contains (st->revoked, key))
    return FALSE;
  if (g_str_equal (key, TT_INTEGRATION_KEY))
    {
      who->kind = PRINCIPAL_INTEGRATION;
      return TRUE;
    }
  for (i = 0; i < G_N_ELEMENTS (token_specs); i++)
    if (g_str_equal (key, token_specs[i].key))
      {
        who->kind = PRINCIPAL_TOKEN;
        who->token = &token_specs[i];
        return TRUE;
      }
  return FALSE;
}

/* Does @who administer the host of the event with id @event_id?  Unknown
 * events belong to nobody. */
static gboolean
admins_event (TtState *st, const TtPrincipal *who, const char *event_id)
{
  TtEvent *ev = find_event (st, event_id);

  if (who->kind == PRINCIPAL_INTEGRATION)
    return TRUE;
  return who->kind == PRINCIPAL_SESSION && ev != NULL &&
         user_admins_host (who->session->user, (gint) ev->spec->host);
}

static gboolean
is_token_of_event (const TtPrincipal *who, const char *event_id)
{
  return who->kind == PRINCIPAL_TOKEN && g_str_equal (event_specs[who->token->event].id, event_id);
}

/* May @who use @route at all (whatever the method)? */
static gboolean
may_access (TtState *st, const TtPrincipal *who, const TtRoute *route)
{
  switch (route->kind)
    {
    case ROUTE_SESSIONS:
      return TRUE;
    case ROUTE_SESSION_ACTIVE:
    case ROUTE_TOKEN:
    case ROUTE_EVENTS:
      return who->kind != PRINCIPAL_TOKEN;
    case ROUTE_ACCOUNT:
    case ROUTE_ACCOUNT_HOSTS:
      return who->kind == PRINCIPAL_INTEGRATION ||
             (who->kind == PRINCIPAL_SESSION && g_str_equal (who->session->user->number, route->id));
    case ROUTE_HOST_EVENTS:
      return who->kind == PRINCIPAL_INTEGRATION ||
             (who->kind == PRINCIPAL_SESSION && user_admins_host (who->session->user, find_host (route->id)));
    case ROUTE_EVENT:
      return who->kind != PRINCIPAL_TOKEN || is_token_of_event (who, route->id);
    case ROUTE_EVENT_TICKETS:
    case ROUTE_EVENT_ADMISSIONS:
      return admins_event (st, who, route->id) || is_token_of_event (who, route->id);
    case ROUTE_EVENT_STATISTICS:
    case ROUTE_EVENT_TOKENS:
      return admins_event (st, who, route->id);
    default:
      g_assert_not_reached ();
    }
}

/* Checks the X-API-Key for @route; answers 401/403 and returns FALSE when
 * the request may not go on. */
static gboolean
authorize (TtState *st, EmuRequest *req, const TtRoute *route, TtPrincipal *who)
{
  const char *key = emu_request_header (req, "X-API-Key");
  gboolean ended = FALSE;

  if (key == NULL || *key == '\0')
    {
      respond_message (req, 401, MSG_UNAUTHENTICATED);
      return FALSE;
    }
  if (!principal_find (st, key, who, &ended))
    {
      if (route->kind == ROUTE_SESSION_ACTIVE && emu_request_method_is (req, "GET"))
        respond_message (req, 401, MSG_UNAUTHENTICATED);
      else if (route->kind == ROUTE_SESSION_ACTIVE && ended && g_str_equal (req->method, "DELETE"))
        respond_error (req, 403, MSG_SESSION_ENDED);
      else
        respond_message (req, 403, MSG_RESTRICTED);
      return FALSE;
    }
  if (!may_access (st, who, route))
    {
      respond_message (req, 403, MSG_RESTRICTED);
      return FALSE;
    }
  return TRUE;
}

/* Answers 405 unless @route takes the request's method. */
static gboolean
method_allowed (EmuRequest *req, const TtRoute *route)
{
  const char *allow = "GET";
  gboolean ok;

  switch (route->kind)
    {
    case ROUTE_SESSIONS:
      allow = "POST";
      ok = g_str_equal (req->method, "POST");
      break;
    case ROUTE_SESSION_ACTIVE:
      allow = "GET, DELETE";
      ok = emu_request_method_is (req, "GET") || g_str_equal (req->method, "DELETE");
      break;
    case ROUTE_EVENT_ADMISSIONS:
      allow = "GET, POST";
      ok = emu_request_method_is (req, "GET") || g_str_equal (req->method, "POST");
      break;
    default:
      ok = emu_request_method_is (req, "GET");
      break;
    }
  if (!ok)
    {
      emu_request_add_header (req, "Allow", allow);
      respond_message (req, 405, MSG_NOT_ALLOWED);
    }
  return ok;
}

/* The sections @who may admit to (and see tickets and admissions of). */
static guint
admit_mask (const TtPrincipal *who, TtEvent *ev)
{
  if (who->kind == PRINCIPAL_TOKEN)
    return who->token->sections & all_sections (ev);
  return all_sections (ev);
}

/* Parses a JSON request body.  An empty body reads as no object (so the
 * handler reports the missing arguments); broken JSON gives 400. */
static gboolean
parse_body (EmuRequest *req, JsonNode **root, JsonObject **obj)
{
  const char *p;

  *root = NULL;
  *obj = NULL;
  for (p = req->body; p < req->body + req->body_len && g_ascii_isspace (*p); p++)
    ;
  if (p == req->body + req->body_len)
    return TRUE;
  *root = emu_request_parse_json (req, NULL);
  if (*root == NULL)
    {
      respond_error (req, 400, MSG_BAD_JSON);
      return FALSE;
    }
  if (JSON_NODE_HOLDS_OBJECT (*root))
    *obj = json_node_get_object (*root);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Sessions, tokens, accounts                                             */
/* ---------------------------------------------------------------------- */

static const char *
non_empty_string (JsonObject *obj, const char *member)
{
  const char *v = obj ? emu_json_get_string (obj, member, NULL, NULL) : NULL;

  return v && *v ? v : NULL;
}

static void
new_session_key (TtState *st, char *out)
{
  static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  gboolean taken;
  guint i;

  do
    {
      for (i = 0; i < TT_KEY_LEN; i++)
        out[i] = chars[g_random_int_range (0, 36)];
      out[TT_KEY_LEN] = '\0';
      taken = g_hash_table_contains (st->sessions, out) || g_str_equal (out, TT_INTEGRATION_KEY);
      for (i = 0; i < G_N_ELEMENTS (token_specs); i++)
        taken = taken || g_str_equal (out, token_specs[i].key);
    }
  while (taken);
}

/* POST /sessions */
static void
handle_session_start (TtState *st, EmuRequest *req)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *obj;
  const char *ident, *password;
  const TtUser *user = NULL;
  TtSession *session;
  GString *s;
  guint i;

  if (!parse_body (req, &root, &obj))
    return;
  ident = non_empty_string (obj, "identification");
  password = non_empty_string (obj, "password");
  if (ident == NULL || password == NULL)
    {
      g_autofree char *text = g_strdup_printf (MSG_REQUIRED "%s%s%s.", ident ? "" : "identification",
                                               !ident && !password ? ", " : "",
                                               password ? "" : "password");

      respond_error (req, 400, text);
      return;
    }

  for (i = 0; i < G_N_ELEMENTS (users) && user == NULL; i++)
    if (g_ascii_strcasecmp (ident, users[i].username) == 0 || g_ascii_strcasecmp (ident, users[i].email) == 0)
      user = &users[i];
  if (user == NULL)
    {
      respond_error (req, 404, MSG_NO_ACCOUNT);
      return;
    }
  if (!g_str_equal (password, TT_PASSWORD))
    {
      respond_error (req, 401, MSG_BAD_PASSWORD);
      return;
    }

  session = g_new0 (TtSession, 1);
  session->id = st->next_session++;
  session->user = user;
  session->started = emu_now_unix ();
  new_session_key (st, session->key);
  g_hash_table_insert (st->sessions, session->key, session);

  s = g_string_new (NULL);
  append_session (st, s, session);
  emu_request_respond_json (req, 201, s);
}

/* GET and DELETE /sessions/active */
static void
handle_session_active (TtState *st, EmuRequest *req, const TtPrincipal *who)
{
  GString *s;

  if (who->kind != PRINCIPAL_SESSION)
    {
      respond_error (req, 404, MSG_NO_SESSION);
      return;
    }
  if (g_str_equal (req->method, "DELETE"))
    {
      who->session->ended = TRUE;
      emu_request_respond (req, 204, NULL, NULL);
      return;
    }
  s = g_string_new (NULL);
  append_session (st, s, who->session);
  emu_request_respond_json (req, 200, s);
}

/* GET /tokens/{code} */
static void
handle_token (TtState *st, EmuRequest *req, const char *code)
{
  const TtTokenSpec *token = find_token_by_code (st, code);
  const TtEventSpec *spec;
  GString *s;
  guint i, n = 0;

  if (token == NULL)
    {
      respond_error (req, 404, MSG_NO_TOKEN);
      return;
    }
  spec = &event_specs[token->event];
  s = g_string_new ("{\"key\":\"");
  g_string_append (s, token->key);
  g_string_append (s, "\",\"event\":\"/events/");
  g_string_append (s, spec->id);
  g_string_append (s, "\",\"sections\":[");
  for (i = 0; i < spec->n_sections; i++)
    if (token->sections & (1u << i))
      g_string_append_printf (s, "%s\"/events/%s/sections/%u\"", n++ ? "," : "", spec->id, spec->sections[i].id);
  g_string_append (s, "]}");
  emu_request_respond_json (req, 200, s);
}

/* GET /accounts/{number} and /accounts/{number}/hosts */
static void
handle_account (TtState *st, EmuRequest *req, const TtRoute *route)
{
  const TtUser *user = find_user_by_number (route->id);
  gint64 owner = user ? -1 : find_owner (st, route->id);
  TtPage pg;
  GString *s;
  guint i, total = 0, n = 0;

  if (user == NULL && owner < 0)
    {
      respond_error (req, 404, MSG_NO_RESOURCE);
      return;
    }
  if (route->kind == ROUTE_ACCOUNT)
    {
      s = g_string_new (NULL);
      if (user)
        append_user (s, user);
      else
        append_owner (st, s, (guint32) owner, FALSE);
      emu_request_respond_json (req, 200, s);
      return;
    }

  /* Patrons administer no host. */
  if (!page_parse (req, &pg))
    return;
  for (i = 0; user && i < G_N_ELEMENTS (hosts); i++)
    total += user_admins_host (user, (gint) i);
  if ((s = page_begin (req, &pg, total)) == NULL)
    return;
  for (i = 0, total = 0; user && i < G_N_ELEMENTS (hosts); i++)
    {
      if (!user_admins_host (user, (gint) i) || !page_in_range (&pg, total++))
        continue;
      g_string_append_printf (s, "%s{\"self\":\"/hosts/%s\",\"name\":", n++ ? "," : "", hosts[i].id);
      emu_json_string (s, hosts[i].name);
      g_string_append (s, ",\"email\":");
      emu_json_string (s, hosts[i].email);
      g_string_append_c (s, '}');
    }
  page_end (req, s);
}

/* ---------------------------------------------------------------------- */
/* Events                                                                 */
/* ---------------------------------------------------------------------- */

/* GET /events and /hosts/{host}/events: @host is -1 for all the hosts the
 * key may see. */
static void
handle_events (TtState *st, EmuRequest *req, const TtPrincipal *who, gint host)
{
  const char *title = emu_request_param (req, "title");
  const char *status = emu_request_param (req, "status");
  const char *host_param = emu_request_param (req, "host");
  g_autofree char *title_fold = title && *title ? g_utf8_casefold (title, -1) : NULL;
  gboolean match[EV_N];
  TtPage pg;
  GString *s;
  guint i, total = 0, n = 0;

  if (!page_parse (req, &pg))
    return;
  if (host < 0 && host_param && *host_param)
    {
      const char *slash = strrchr (host_param, '/');

      /* An unknown host matches no event. */
      host = find_host (slash ? slash + 1 : host_param);
      if (host < 0)
        host = G_N_ELEMENTS (hosts);
    }

  for (i = 0; i < EV_N; i++)
    {
      const TtEventSpec *spec = &event_specs[i];

      match[i] = who->kind == PRINCIPAL_INTEGRATION ||
                 user_admins_host (who->session->user, (gint) spec->host);
      if (host >= 0 && spec->host != (guint) host)
        match[i] = FALSE;
      if (status && *status && g_ascii_strcasecmp (status, "Listed") != 0)
        match[i] = FALSE;
      if (title_fold)
        {
          g_autofree char *fold = g_utf8_casefold (spec->title, -1);

          if (strstr (fold, title_fold) == NULL)
            match[i] = FALSE;
        }
      total += match[i];
    }

  if ((s = page_begin (req, &pg, total)) == NULL)
    return;
  for (i = 0, total = 0; i < EV_N; i++)
    {
      if (!match[i] || !page_in_range (&pg, total++))
        continue;
      if (n++ > 0)
        g_string_append_c (s, ',');
      append_event (st, s, &st->events[i]);
    }
  page_end (req, s);
}

/* The indices of the tickets in the sections of @mask, in listing order;
 * NULL for all of them. */
static GArray *
tickets_of_sections (TtEvent *ev, guint mask)
{
  guint i;

  if (mask == all_sections (ev))
    return NULL;
  if (ev->by_mask[mask] == NULL)
    {
      GArray *list = g_array_new (FALSE, FALSE, sizeof (guint32));

      for (i = 0; i < ev->tickets->len; i++)
        if (mask & (1u << g_array_index (ev->tickets, TtTicket, i).section))
          {
            guint32 index = i;

            g_array_append_val (list, index);
          }
      ev->by_mask[mask] = list;
    }
  return ev->by_mask[mask];
}

/* GET /events/{e}/tickets[?modified_since=…][&section=…] */
static void
handle_tickets (TtState *st, EmuRequest *req, TtEvent *ev, const TtPrincipal *who)
{
  const char *since_text = emu_request_param (req, "modified_since");
  const char *section = emu_request_param (req, "section");
  guint mask = admit_mask (who, ev);
  gint64 since = 0;
  GArray *list;
  guint n, i, total;
  TtPage pg;
  GString *s;

  if (!page_parse (req, &pg))
    return;
  if (since_text != NULL && !parse_since (since_text, &since))
    {
      respond_error (req, 400, MSG_BAD_SINCE);
      return;
    }
  if (section != NULL && *section != '\0')
    {
      gint index = find_section (ev, section);

      mask &= index < 0 ? 0 : 1u << index;
    }

  list = mask ? tickets_of_sections (ev, mask) : NULL;
  n = mask == 0 ? 0 : list ? list->len : ev->tickets->len;

#define TICKET_AT(i) (&g_array_index (ev->tickets, TtTicket, list ? g_array_index (list, guint32, (i)) : (i)))

  if (since_text == NULL)
    {
      /* Straight to the page. */
      guint64 end;

      if ((s = page_begin (req, &pg, n)) == NULL)
        return;
      end = MIN ((guint64) n, page_offset (&pg) + pg.records);
      for (i = (guint) MIN (page_offset (&pg), (guint64) n); i < end; i++)
        {
          if (i > page_offset (&pg))
            g_string_append_c (s, ',');
          append_ticket (st, s, ev, TICKET_AT (i));
        }
      page_end (req, s);
      return;
    }

  /* One pass: count the matches and keep those on the page. */
  {
    g_autoptr (GArray) hits = g_array_sized_new (FALSE, FALSE, sizeof (const TtTicket *), MIN (pg.records, n));

    for (i = 0, total = 0; i < n; i++)
      {
        const TtTicket *t = TICKET_AT (i);

        if (t->modified <= since)
          continue;
        if (page_in_range (&pg, total))
          g_array_append_val (hits, t);
        total++;
      }
    if ((s = page_begin (req, &pg, total)) == NULL)
      return;
    for (i = 0; i < hits->len; i++)
      {
        if (i > 0)
          g_string_append_c (s, ',');
        append_ticket (st, s, ev, g_array_index (hits, const TtTicket *, i));
      }
    page_end (req, s);
  }

#undef TICKET_AT
}

/* Admits ticket @index of @ev if it is in @mask, Issued and not yet in.
 * Returns the new admission's index, or -1. */
static gint
admit_ticket (TtState *st, TtEvent *ev, guint index, guint mask, const char *redeemer,
              const char *device, gint64 now)
{
  TtTicket *t = &g_array_index (ev->tickets, TtTicket, index);
  TtAdmission a;

  if (!(mask & (1u << t->section)) || t->status != TICKET_ISSUED || t->admission >= 0)
    return -1;
  a.ticket = index;
  a.admitted = now;
  a.redeemer = g_string_chunk_insert_const (st->strings, redeemer ? redeemer : "");
  a.device = g_string_chunk_insert_const (st->strings, device ? device : "");
  g_array_append_val (ev->admissions, a);
  t->admission = (gint32) ev->admissions->len - 1;
  t->modified = now;
  return t->admission;
}

/* POST /events/{e}/admissions {"redeemer","device","serials":[…]} */
static void
handle_admit (TtState *st, EmuRequest *req, TtEvent *ev, const TtPrincipal *who)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *obj;
  JsonNode *serials;
  JsonArray *array;
  const char *redeemer, *device;
  guint mask = admit_mask (who, ev);
  gint64 now = g_get_real_time ();
  GString *s;
  guint i, n = 0;

  if (!parse_body (req, &root, &obj))
    return;
  serials = obj ? json_object_get_member (obj, "serials") : NULL;
  if (serials == NULL || !JSON_NODE_HOLDS_ARRAY (serials))
    {
      respond_error (req, 400, MSG_REQUIRED "serials.");
      return;
    }
  array = json_node_get_array (serials);
  redeemer = emu_json_get_string (obj, "redeemer", NULL, NULL);
  device = emu_json_get_string (obj, "device", NULL, NULL);

  s = g_string_new ("[");
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      guint index;
      gint admission;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          find_ticket (ev, json_node_get_string (node), &index) == NULL)
        continue;
      admission = admit_ticket (st, ev, index, mask, redeemer, device, now);
      if (admission < 0)
        continue;
      if (n++ > 0)
        g_string_append_c (s, ',');
      append_admission (st, s, ev, (guint) admission);
    }
  g_string_append_c (s, ']');

  if (n == 0)
    {
      g_string_free (s, TRUE);
      respond_error (req, 400, MSG_NO_ADMISSION);
      return;
    }
  emu_request_respond_json (req, 201, s);
}

/* GET /events/{e}/admissions, oldest first, with the filters ticket,
 * device, redeemer, patron and section. */
static void
handle_admissions (TtState *st, EmuRequest *req, TtEvent *ev, const TtPrincipal *who)
{
  const char *ticket = emu_request_param (req, "ticket");
  const char *device = emu_request_param (req, "device");
  const char *redeemer = emu_request_param (req, "redeemer");
  const char *patron = emu_request_param (req, "patron");
  const char *section = emu_request_param (req, "section");
  guint mask = admit_mask (who, ev);
  g_autoptr (GArray) hits = NULL;
  char number[TT_NUMBER_LEN + 1];
  guint i, total = 0;
  TtPage pg;
  GString *s;

  if (!page_parse (req, &pg))
    return;
  if (section != NULL && *section != '\0')
    {
      gint index = find_section (ev, section);

      mask &= index < 0 ? 0 : 1u << index;
    }
  if (patron != NULL && strrchr (patron, '/'))
    patron = strrchr (patron, '/') + 1;

  hits = g_array_sized_new (FALSE, FALSE, sizeof (guint), MIN (pg.records, ev->admissions->len));
  for (i = 0; i < ev->admissions->len; i++)
    {
      const TtAdmission *a = &g_array_index (ev->admissions, TtAdmission, i);
      const TtTicket *t = &g_array_index (ev->tickets, TtTicket, a->ticket);

      if (!(mask & (1u << t->section)))
        continue;
      if (ticket && *ticket && g_ascii_strcasecmp (ticket, t->serial) != 0)
        continue;
      if (device && *device && !g_str_equal (device, a->device))
        continue;
      if (redeemer && *redeemer && !g_str_equal (redeemer, a->redeemer))
        continue;
      if (patron && *patron)
        {
          owner_number (st, t->owner, number);
          if (g_ascii_strcasecmp (patron, number) != 0)
            continue;
        }
      if (page_in_range (&pg, total))
        g_array_append_val (hits, i);
      total++;
    }

  if ((s = page_begin (req, &pg, total)) == NULL)
    return;
  for (i = 0; i < hits->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      append_admission (st, s, ev, g_array_index (hits, guint, i));
    }
  page_end (req, s);
}

/* GET /events/{e}/statistics.  There is no public schema; these are the
 * "revenues, tickets sold, ticket capacity, total orders" of the docs. */
static void
handle_statistics (TtState *st, EmuRequest *req, TtEvent *ev)
{
  const TtEventSpec *spec = ev->spec;
  guint admitted[TT_MAX_SECTIONS] = { 0 };
  guint64 revenue = 0;
  guint sold = 0, capacity = 0, orders = 0, i;
  gint64 last_owner = -1;
  GString *s;

  for (i = 0; i < ev->admissions->len; i++)
    {
      const TtAdmission *a = &g_array_index (ev->admissions, TtAdmission, i);

      admitted[g_array_index (ev->tickets, TtTicket, a->ticket).section]++;
    }
  /* An owner's tickets are consecutive, so an order is a run of valid
   * tickets of one owner. */
  for (i = 0; i < ev->tickets->len; i++)
    {
      const TtTicket *t = &g_array_index (ev->tickets, TtTicket, i);

      if (t->status == TICKET_VOID || t->owner == last_owner)
        continue;
      last_owner = t->owner;
      orders++;
    }
  for (i = 0; i < spec->n_sections; i++)
    {
      sold += ev->sold[i];
      capacity += ev->capacity[i];
      revenue += (guint64) ev->sold[i] * spec->sections[i].price;
    }

  s = g_string_new ("{\"event\":\"/events/");
  g_string_append (s, spec->id);
  g_string_append (s, "\",\"revenues\":{\"amount\":");
  append_cents (s, revenue, TRUE);
  g_string_append_printf (s, ",\"currency\":\"" TT_CURRENCY "\"},\"ticketsSold\":%u,\"capacity\":%u,"
                          "\"orders\":%u,\"admissions\":%u,\"sections\":[",
                          sold, capacity, orders, ev->admissions->len);
  for (i = 0; i < spec->n_sections; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_printf (s, "{\"self\":\"/events/%s/sections/%u\",\"name\":", spec->id,
                              spec->sections[i].id);
      emu_json_string (s, spec->sections[i].name);
      g_string_append_printf (s, ",\"capacity\":%u,\"sold\":%u,\"admitted\":%u}",
                              ev->capacity[i], ev->sold[i], admitted[i]);
    }
  g_string_append (s, "]}");
  emu_request_respond_json (req, 200, s);
}

/* GET /events/{e}/tokens: the global token first. */
static void
handle_event_tokens (TtState *st, EmuRequest *req, TtEvent *ev)
{
  guint index = (guint) (ev - st->events);
  const TtTokenSpec *list[G_N_ELEMENTS (token_specs)];
  guint i, j, n = 0;
  TtPage pg;
  GString *s;

  if (!page_parse (req, &pg))
    return;
  for (i = 0; i < G_N_ELEMENTS (token_specs); i++)
    if (token_specs[i].event == index && !g_hash_table_contains (st->revoked, token_specs[i].key))
      list[n++] = &token_specs[i];
  if ((s = page_begin (req, &pg, n)) == NULL)
    return;
  for (i = (guint) MIN (page_offset (&pg), (guint64) n); i < n && page_in_range (&pg, i); i++)
    {
      const TtTokenSpec *token = list[i];
      guint k = 0;

      if (i > page_offset (&pg))
        g_string_append_c (s, ',');
      g_string_append_printf (s, "{\"self\":\"/events/%s/tokens/%s\",\"code\":\"%s\",\"global\":%s,\"sections\":[",
                              ev->spec->id, token->code, token->code, token->global ? "true" : "false");
      for (j = 0; j < ev->spec->n_sections; j++)
        if (token->sections & (1u << j))
          g_string_append_printf (s, "%s\"/events/%s/sections/%u\"", k++ ? "," : "", ev->spec->id,
                                  ev->spec->sections[j].id);
      g_string_append (s, "]}");
    }
  page_end (req, s);
}

/* ---------------------------------------------------------------------- */
/* Dispatch                                                               */
/* ---------------------------------------------------------------------- */

/* X-Client-Version must be MAJOR.MINOR.PATCH and at least 3.0.0. */
static gboolean
client_version_ok (const char *version)
{
  g_auto (GStrv) parts = NULL;
  guint64 v[3];
  guint i;

  if (version == NULL)
    return FALSE;
  parts = g_strsplit (version, ".", -1);
  if (g_strv_length (parts) != 3)
    return FALSE;
  for (i = 0; i < 3; i++)
    if (!g_ascii_string_to_unsigned (parts[i], 10, 0, G_MAXUINT32, &v[i], NULL))
      return FALSE;
  return v[0] >= 3;
}

static void
ticketing_handle (EmuProvider *self, EmuRequest *req)
{
  TtState *st = self->state;
  TtPrincipal who = { 0 };
  TtRoute route;
  TtEvent *ev = NULL;

  if (!client_version_ok (emu_request_header (req, "X-Client-Version")))
    {
      respond_error (req, 412, MSG_UPGRADE);
      return;
    }

  if (!route_match (req, &route))
    {
      const char *rest = req->path + strlen (self->prefix);
      g_autofree char *text = g_strdup_printf ("The requested endpoint %s does not exist on this server.",
                                               *rest ? rest : "/");

      respond_message (req, 404, text);
      return;
    }

  if (!(route.kind == ROUTE_SESSIONS && g_str_equal (req->method, "POST")) &&
      !authorize (st, req, &route, &who))
    return;

  if (!method_allowed (req, &route))
    return;

  if (route.kind >= ROUTE_EVENT)
    {
      ev = find_event (st, route.id);
      if (ev == NULL)
        {
          respond_error (req, 404, MSG_NO_RESOURCE);
          return;
        }
    }

  switch (route.kind)
    {
    case ROUTE_SESSIONS:
      handle_session_start (st, req);
      break;
    case ROUTE_SESSION_ACTIVE:
      handle_session_active (st, req, &who);
      break;
    case ROUTE_TOKEN:
      handle_token (st, req, route.id);
      break;
    case ROUTE_ACCOUNT:
    case ROUTE_ACCOUNT_HOSTS:
      handle_account (st, req, &route);
      break;
    case ROUTE_HOST_EVENTS:
      if (find_host (route.id) < 0)
        respond_error (req, 404, MSG_NO_RESOURCE);
      else
        handle_events (st, req, &who, find_host (route.id));
      break;
    case ROUTE_EVENTS:
      handle_events (st, req, &who, -1);
      break;
    case ROUTE_EVENT:
      {
        GString *s = g_string_new (NULL);

        append_event (st, s, ev);
        emu_request_respond_json (req, 200, s);
      }
      break;
    case ROUTE_EVENT_TICKETS:
      handle_tickets (st, req, ev, &who);
      break;
    case ROUTE_EVENT_ADMISSIONS:
      if (g_str_equal (req->method, "POST"))
        handle_admit (st, req, ev, &who);
      else
        handle_admissions (st, req, ev, &who);
      break;
    case ROUTE_EVENT_STATISTICS:
      handle_statistics (st, req, ev);
      break;
    case ROUTE_EVENT_TOKENS:
      handle_event_tokens (st, req, ev);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
ticketing_too_many_requests (EmuProvider *self, EmuRequest *req, guint retry_after)
{
  char value[16];

  g_snprintf (value, sizeof value, "%u", retry_after);
  emu_request_add_header (req, "Retry-After", value);
  respond_message (req, 429, MSG_TOO_MANY);
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

/* A member that may be a string or an integer (event ids), as a new string. */
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

/* The event named by @id (the big one when NULL or empty); answers 404
 * when there is no such event. */
static TtEvent *
control_event (TtState *st, EmuRequest *req, const char *id)
{
  TtEvent *ev = find_event (st, id && *id ? id : event_specs[EV_CARNIVAL].id);

  if (ev == NULL)
    control_error (req, 404, "unknown event");
  return ev;
}

/* POST bodies of the control actions: a JSON object. */
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

static gboolean
sample_state_matches (const TtTicket *t, const char *state)
{
  if (state == NULL || *state == '\0' || g_str_equal (state, "any"))
    return TRUE;
  if (g_str_equal (state, "issued"))
    return t->status == TICKET_ISSUED && t->admission < 0;
  if (g_str_equal (state, "admitted"))
    return t->admission >= 0;
  if (g_str_equal (state, "pending"))
    return t->status == TICKET_PENDING;
  if (g_str_equal (state, "void"))
    return t->status == TICKET_VOID;
  return FALSE;
}

/* GET sample?event=E&n=5&offset=0&state=…&section=17001 */
static void
control_sample (TtState *st, EmuRequest *req)
{
  static const char *const states[] = { "any", "issued", "admitted", "pending", "void" };
  TtEvent *ev = control_event (st, req, emu_request_param (req, "event"));
  const char *state = emu_request_param (req, "state");
  const char *section = emu_request_param (req, "section");
  const char *v;
  guint64 n = 5, offset = 0;
  guint i, found = 0, skipped = 0, mask;
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
  if (state && *state && !g_strv_contains (states, state))
    {
      control_error (req, 400, "unknown state");
      return;
    }
  mask = all_sections (ev);
  if (section && *section)
    {
      gint index = find_section (ev, section);

      if (index < 0)
        {
          control_error (req, 400, "unknown section");
          return;
        }
      mask = 1u << index;
    }

  s = g_string_new ("{\"event\":");
  emu_json_string (s, ev->spec->id);
  g_string_append (s, ",\"tickets\":[");
  for (i = 0; i < ev->tickets->len && found < n; i++)
    {
      const TtTicket *t = &g_array_index (ev->tickets, TtTicket, i);
      const TtOwner *o = &g_array_index (st->owners, TtOwner, t->owner);
      char number[TT_NUMBER_LEN + 1];
      char username[64];
      char last[96];

      if (!(mask & (1u << t->section)) || !sample_state_matches (t, state))
        continue;
      if (skipped++ < offset)
        continue;
      if (found++ > 0)
        g_string_append_c (s, ',');
      owner_number (st, t->owner, number);
      g_string_append (s, "\n{\"serial\":\"");
      g_string_append (s, t->serial);
      g_string_append (s, "\",\"status\":\"");
      g_string_append (s, ticket_status_names[t->status]);
      g_string_append_printf (s, "\",\"section\":\"%u\",\"section_name\":", ev->spec->sections[t->section].id);
      emu_json_string (s, ev->spec->sections[t->section].name);
      g_string_append (s, ",\"first_name\":");
      emu_json_string (s, o->first < 0 ? NULL : first_names[o->first].name);
      g_string_append (s, ",\"last_name\":");
      emu_json_string (s, owner_last_name (o, t->updated, last, sizeof last));
      g_string_append (s, ",\"email\":\"");
      owner_username (st, t->owner, username, sizeof username);
      g_string_append (s, username);
      g_string_append (s, "@example.com\",\"account\":\"");
      g_string_append (s, number);
      g_string_append (s, "\",\"redeemed\":");
      if (t->admission >= 0)
        append_time (st, s, g_array_index (ev->admissions, TtAdmission, t->admission).admitted / G_USEC_PER_SEC,
                     FALSE);
      else
        g_string_append (s, "null");
      g_string_append_c (s, '}');
    }
  g_string_append (s, "]}\n");
  emu_request_respond_json (req, 200, s);
}

/* GET admissions?event=E&serial=S: every admission record of a ticket
 * (the exactly-once tests count them). */
static void
control_admissions (TtState *st, EmuRequest *req)
{
  TtEvent *ev = control_event (st, req, emu_request_param (req, "event"));
  guint index, i, count = 0;
  GString *s, *list;

  if (ev == NULL)
    return;
  if (find_ticket (ev, emu_request_param (req, "serial"), &index) == NULL)
    {
      control_error (req, 404, "unknown serial");
      return;
    }
  list = g_string_new (NULL);
  for (i = 0; i < ev->admissions->len; i++)
    {
      const TtAdmission *a = &g_array_index (ev->admissions, TtAdmission, i);

      if (a->ticket != index)
        continue;
      if (count++ > 0)
        g_string_append_c (list, ',');
      g_string_append (list, "{\"device\":");
      emu_json_string (list, a->device);
      g_string_append (list, ",\"redeemer\":");
      emu_json_string (list, a->redeemer);
      g_string_append (list, ",\"admitted\":");
      append_time (st, list, a->admitted / G_USEC_PER_SEC, FALSE);
      g_string_append_c (list, '}');
    }
  s = g_string_new ("{\"serial\":\"");
  g_string_append (s, g_array_index (ev->tickets, TtTicket, index).serial);
  g_string_append_printf (s, "\",\"count\":%u,\"admissions\":[%s]}\n", count, list->str);
  g_string_free (list, TRUE);
  emu_request_respond_json (req, 200, s);
}

/* POST admit {"event","serial","device","redeemer"}: another desk admits a
 * ticket, under the API's rules, for any section. */
static void
control_admit (TtState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  g_autofree char *event = NULL;
  TtEvent *ev;
  guint index;
  gboolean admitted = FALSE;

  if (root == NULL)
    return;
  event = control_member (obj, "event");
  if ((ev = control_event (st, req, event)) == NULL)
    return;
  if (find_ticket (ev, emu_json_get_string (obj, "serial", NULL, NULL), &index))
    admitted = admit_ticket (st, ev, index, all_sections (ev),
                             emu_json_get_string (obj, "redeemer", NULL, NULL),
                             emu_json_get_string (obj, "device", NULL, NULL), g_get_real_time ()) >= 0;
  emu_request_respond_text (req, 200, "application/json", admitted ? "{\"admitted\":true}" : "{\"admitted\":false}");
}

/* POST touch {"event","count"}: changes the owner's lastName on @count
 * tickets taken in turn, which sets their modified time. */
static void
control_touch (TtState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  g_autofree char *event = NULL;
  gint64 count = 1, now = g_get_real_time ();
  TtEvent *ev;
  GString *s;
  gint64 i;

  if (root == NULL)
    return;
  event = control_member (obj, "event");
  if ((ev = control_event (st, req, event)) == NULL)
    return;
  if (json_object_has_member (obj, "count") && (!emu_json_get_int (obj, "count", &count) || count < 0))
    {
      control_error (req, 400, "count must be a non-negative integer");
      return;
    }
  s = g_string_new ("{\"touched\":[");
  for (i = 0; i < count && ev->tickets->len > 0; i++)
    {
      TtTicket *t = &g_array_index (ev->tickets, TtTicket, ev->touch_cursor);

      ev->touch_cursor = (ev->touch_cursor + 1) % ev->tickets->len;
      t->updated = !t->updated;
      t->modified = now;
      g_string_append_printf (s, "%s\"%s\"", i > 0 ? "," : "", t->serial);
    }
  g_string_append (s, "]}\n");
  emu_request_respond_json (req, 200, s);
}

/* POST ticket {"event","serial","status"}: e.g. a refund (Void) or an
 * open transfer (Pending). */
static void
control_ticket (TtState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  g_autofree char *event = NULL;
  const char *status;
  TtEvent *ev;
  TtTicket *t;
  guint i;
  GString *s;

  if (root == NULL)
    return;
  event = control_member (obj, "event");
  if ((ev = control_event (st, req, event)) == NULL)
    return;
  if ((t = find_ticket (ev, emu_json_get_string (obj, "serial", NULL, NULL), NULL)) == NULL)
    {
      control_error (req, 404, "unknown serial");
      return;
    }
  status = emu_json_get_string (obj, "status", NULL, NULL);
  for (i = 0; status && i < TICKET_N_STATUSES; i++)
    if (g_ascii_strcasecmp (status, ticket_status_names[i]) == 0)
      break;
  if (status == NULL || i == TICKET_N_STATUSES)
    {
      control_error (req, 400, "status must be Issued, Pending or Void");
      return;
    }
  if (t->status == TICKET_VOID && i != TICKET_VOID)
    ev->sold[t->section]++;
  else if (t->status != TICKET_VOID && i == TICKET_VOID)
    ev->sold[t->section]--;
  t->status = (guint8) i;
  t->modified = g_get_real_time ();

  s = g_string_new ("{\"ok\":true,\"serial\":\"");
  g_string_append (s, t->serial);
  g_string_append (s, "\",\"status\":\"");
  g_string_append (s, ticket_status_names[t->status]);
  g_string_append (s, "\"}\n");
  emu_request_respond_json (req, 200, s);
}

/* POST revoke {"key"}: a session key ends; a fixed key stops working. */
static void
control_revoke (TtState *st, EmuRequest *req)
{
  JsonObject *obj = NULL;
  g_autoptr (JsonNode) root = control_body (req, &obj);
  TtPrincipal who = { 0 };
  const char *key;
  gboolean ended, revoked = FALSE;

  if (root == NULL)
    return;
  key = emu_json_get_string (obj, "key", NULL, NULL);
  if (key == NULL || *key == '\0')
    {
      control_error (req, 400, "key is required");
      return;
    }
  if (principal_find (st, key, &who, &ended))
    {
      if (who.kind == PRINCIPAL_SESSION)
        who.session->ended = TRUE;
      else
        g_hash_table_add (st->revoked, g_strdup (key));
      revoked = TRUE;
    }
  emu_request_respond_text (req, 200, "application/json",
                            revoked ? "{\"ok\":true,\"revoked\":true}" : "{\"ok\":true,\"revoked\":false}");
}

/* GET sessions: how many session keys still work. */
static void
control_sessions (TtState *st, EmuRequest *req)
{
  GHashTableIter iter;
  gpointer value;
  guint active = 0, total = 0;
  GString *s = g_string_new (NULL);

  g_hash_table_iter_init (&iter, st->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      total++;
      active += !((TtSession *) value)->ended;
    }
  g_string_printf (s, "{\"active\":%u,\"total\":%u}\n", active, total);
  emu_request_respond_json (req, 200, s);
}

/* POST reset: all tickets and admissions back to the start.  Sessions and
 * revoked keys are kept. */
static void
control_reset (TtState *st, EmuRequest *req)
{
  if (!g_str_equal (req->method, "POST"))
    {
      control_error (req, 405, "use POST");
      return;
    }
  generate_all (st);
  emu_request_respond_text (req, 200, "application/json", "{\"ok\":true}");
}

/* Only the /_control/ticketing/ACTION form: the bare /_control/ACTION
 * names belong to Fienta. */
static gboolean
ticketing_control (EmuProvider *self, EmuRequest *req, const char *action)
{
  TtState *st = self->state;

  if (req->n_segments < 3 || !g_str_equal (req->segments[1], self->name))
    return FALSE;
  if (g_str_equal (action, "sample"))
    control_sample (st, req);
  else if (g_str_equal (action, "admissions"))
    control_admissions (st, req);
  else if (g_str_equal (action, "admit"))
    control_admit (st, req);
  else if (g_str_equal (action, "touch"))
    control_touch (st, req);
  else if (g_str_equal (action, "ticket"))
    control_ticket (st, req);
  else if (g_str_equal (action, "revoke"))
    control_revoke (st, req);
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
ticketing_state_free (gpointer data)
{
  TtState *st = data;
  guint i;

  for (i = 0; i < EV_N; i++)
    {
      event_clear (&st->events[i]);
      g_hash_table_unref (st->events[i].by_serial);
    }
  g_array_unref (st->owners);
  g_hash_table_unref (st->sessions);
  g_hash_table_unref (st->revoked);
  g_hash_table_unref (st->offsets);
  g_string_chunk_free (st->strings);
  g_time_zone_unref (st->tz);
  g_free (st);
}

EmuProvider *
emu_ticketing_provider_new (const EmuOptions *options)
{
  EmuProvider *p = g_new0 (EmuProvider, 1);
  TtState *st = g_new0 (TtState, 1);
  gint64 start = g_get_monotonic_time ();
  guint i, total = 0;

  for (i = 0; i < G_N_ELEMENTS (token_specs); i++)
    g_assert (strlen (token_specs[i].key) == TT_KEY_LEN && strlen (token_specs[i].code) == 8);
  G_STATIC_ASSERT (sizeof TT_INTEGRATION_KEY - 1 == TT_KEY_LEN);

  st->options = *options;
  st->tz = g_time_zone_new_identifier (options->timezone);
  if (st->tz == NULL)
    st->tz = g_time_zone_new_utc ();
  st->offsets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  st->strings = g_string_chunk_new (16 * 1024);
  st->owners = g_array_sized_new (FALSE, FALSE, sizeof (TtOwner), options->attendees / 2 + 64);
  st->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  st->revoked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  st->next_session = 1001;
  st->number_salt = (guint64) options->seed * G_GUINT64_CONSTANT (1000003) + 12345;

  for (i = 0; i < EV_N; i++)
    {
      TtEvent *ev = &st->events[i];

      ev->spec = &event_specs[i];
      ev->start = event_time (st, ev->spec->start_day, ev->spec->start_hour);
      ev->end = event_time (st, ev->spec->end_day, ev->spec->end_hour);
      ev->published = event_time (st, -30 - (int) i, 9);
      ev->by_serial = g_hash_table_new (g_str_hash, g_str_equal);
    }
  generate_all (st);
  for (i = 0; i < EV_N; i++)
    total += st->events[i].tickets->len;

  if (!options->quiet)
    g_printerr ("emulator: ticketing: generated %u tickets in %.1f ms\n", total,
                (g_get_monotonic_time () - start) / 1000.0);

  p->name = "ticketing";
  p->prefix = TT_PREFIX;
  p->state = st;
  p->handle = ticketing_handle;
  p->too_many_requests = ticketing_too_many_requests;
  p->control = ticketing_control;
  p->free_state = ticketing_state_free;
  return p;
}
