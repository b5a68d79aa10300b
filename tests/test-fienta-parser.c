/* test-fienta-parser.c: Fienta's JSON replies -> models, without a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The replies are shaped like the ones in Fienta's API v1 documentation (the `time`
 * object of its examples: 2018-05-04 15:20:23 at +0300 = unix 1525436423).
 */

#include "config.h"

#include <string.h>

#include "box-attendee.h"
#include "box-error.h"
#include "box-event.h"
#include "box-fienta-parser.h"

#define DOC_TIME \
  "\"time\": {\"timestamp\": 1525436423, \"date\": \"2018-05-04\", \"time\": \"15:20:23\"," \
  " \"full_datetime\": \"2018-05-04T15:20:23+03:00\", \"timezone\": \"Europe/Tallinn\"," \
  " \"timezone_short\": \"EEST\", \"gmt\": \"+0300\"}"

#define DOC_TIMESTAMP G_GINT64_CONSTANT (1525436423)
#define DOC_OFFSET (3 * 3600)

/* The documented `GET /events/{id}/tickets` example, verbatim. */
static const char doc_tickets_reply[] =
  "{\"success\": {\"code\": 200, \"user_message\": \"\", \"internal_message\": \"\"}, "
  DOC_TIME ", \"tickets\": [{\"id\": 87, \"event_id\": 10, \"order_id\": 43,"
  " \"code\": \"4LO4A3T8IH\", \"status\": \"UNUSED\", \"used_at\": \"2018-03-01 15:35:11\","
  " \"created_at\": \"2018-02-01 13:24:48\", \"updated_at\": \"2018-02-01 13:24:48\","
  " \"validated_by\": 1, \"ip\": \"192.168.1.2\","
  " \"contents_html\": \"<h1>1 x Regular ticket</h1><h1>2 x Student ticket</h1><h2>John</h2><h2>Smith</h2>\","
  " \"nametag_html\": \"<!DOCTYPE html><html><body><p>Name: John</p><p>Surname: Smith</p></body></html>\","
  " \"qty\": 3}]}";

/* The documented `GET /tickets/{code}` example, verbatim. */
static const char doc_ticket_reply[] =
  "{\"success\": {\"code\": 200, \"user_message\": \"\", \"internal_message\": \"\"},"
  " \"ticket\": {\"id\": 87, \"event_id\": 10, \"order_id\": 43, \"order_email\": \"john@smidth.com\","
  " \"code\": \"4LO4A3T8IH\", \"status\": \"UNUSED\", \"used_at\": \"2018-03-01 15:35:11\","
  " \"created_at\": \"2018-02-01 13:24:48\", \"updated_at\": \"2018-02-01 13:24:48\","
  " \"validated_by\": 1, \"ip\": \"192.168.1.2\","
  " \"contents_html\": \"<h1>1 x Regular ticket</h1><h1>2 x Student ticket</h1><h2>John</h2><h2>Smith</h2>\","
  " \"nametag_html\": \"<!DOCTYPE html><html><body><p>Name: John</p><p>Surname: Smith</p></body></html>\","
  " \"qty\": 3}, " DOC_TIME "}";

static char *
tickets_reply (const char *tickets)
{
  return g_strdup_printf ("{\"success\": {\"code\": 200}, " DOC_TIME ", \"tickets\": [%s]}", tickets);
}

static char *
path_for (const char *prefix,
          const char *name)
{
  return g_strdup_printf ("%s/%s", prefix, name);
}

/* Parses one ticket object inside a full tickets reply; asserts that it yields exactly
 * one attendee. */
static BoxAttendee *
parse_one_ticket (const char *ticket)
{
  g_autofree char *reply = tickets_reply (ticket);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  gint64 server_time = -1;
  int tz_offset = -1;

  attendees = box_fienta_parse_tickets (reply, -1, &server_time, &tz_offset, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attendees);
  g_assert_cmpuint (attendees->len, ==, 1);
  g_assert_cmpint (server_time, ==, DOC_TIMESTAMP);
  g_assert_cmpint (tz_offset, ==, DOC_OFFSET);
  return g_object_ref (g_ptr_array_index (attendees, 0));
}

/* ---------------------------------------------------------------------------------- */
/* Tickets: one ticket object -> every field the desk shows                            */

typedef struct
{
  const char        *name;
  const char        *ticket;           /* a JSON object, inside a tickets reply */
  /* Expected; every field is checked, NULL means "must be unset". */
  const char        *code;
  const char        *full_name;        /* box_attendee_get_name () */
  const char        *first_name;
  const char        *last_name;
  const char        *email;
  const char        *company;
  const char        *ticket_type;
  const char        *order_code;
  const char        *nametag_html;
  guint              quantity;         /* 0 means 1 */
  BoxAttendeeStatus  status;
  gboolean           checked_in;
  gint64             checked_in_at;
  gboolean           attention;
  gint64             updated_at;
  const char        *details_contain;  /* substring of the details JSON, or NULL */
} TicketCase;

static const TicketCase ticket_cases[] = {
  { "name-from-attendee",
    "{\"code\": \"A1\", \"status\": \"UNUSED\", \"attendee\": {\"mail\": \"john@smidth.com\","
    " \"name\": \"John Smidth\", \"country\": \"Sweden\"}}",
    .code = "A1", .full_name = "John Smidth", .email = "john@smidth.com",
    .status = BOX_ATTENDEE_STATUS_PAID, .details_contain = "\"country\":\"Sweden\"" },
  { "name-from-first-and-last",
    "{\"code\": \"A2\", \"attendee\": {\"first_name\": \"John\", \"last_name\": \"Smith\"}}",
    .code = "A2", .full_name = "John Smith", .first_name = "John", .last_name = "Smith" },
  { "name-from-h2-when-attendee-empty",
    "{\"code\": \"A3\", \"attendee\": {},"
    " \"contents_html\": \"<h1>1 x Regular ticket</h1><h2>John</h2><h2>Smith</h2>\"}",
    .code = "A3", .full_name = "John Smith", .first_name = "John", .last_name = "Smith",
    .ticket_type = "Regular ticket" },
  { "name-from-h2-when-attendee-missing",
    "{\"code\": \"A4\", \"contents_html\": \"<h1>1 x Regular ticket</h1><h2>Jane Doe</h2>\"}",
    .code = "A4", .full_name = "Jane Doe", .ticket_type = "Regular ticket" },
  { "name-from-h2-when-attendee-fields-blank",
    "{\"code\": \"A5\", \"attendee\": {\"name\": \"   \", \"mail\": null},"
    " \"contents_html\": \"<h2>Jane Doe</h2>\"}",
    .code = "A5", .full_name = "Jane Doe" },
  { "attendee-name-wins-over-h2",
    "{\"code\": \"A6\", \"attendee\": {\"name\": \"Form Name\"},"
    " \"contents_html\": \"<h2>Scanner</h2><h2>Line</h2>\"}",
    .code = "A6", .full_name = "Form Name" },
  { "email-from-mail",
    "{\"code\": \"E1\", \"order_email\": \"buyer@example.com\","
    " \"attendee\": {\"mail\": \"guest@example.com\"}}",
    .code = "E1", .email = "guest@example.com" },
  { "email-falls-back-to-order-email",
    "{\"code\": \"E2\", \"order_email\": \"buyer@example.com\", \"attendee\": {\"name\": \"Guest\"}}",
    .code = "E2", .full_name = "Guest", .email = "buyer@example.com" },
  { "email-from-blank-mail-falls-back",
    "{\"code\": \"E3\", \"order_email\": \"buyer@example.com\", \"attendee\": {\"mail\": \"\"}}",
    .code = "E3", .email = "buyer@example.com" },
  { "company",
    "{\"code\": \"C1\", \"attendee\": {\"name\": \"Ann\", \"company\": \"Acme Ltd\"}}",
    .code = "C1", .full_name = "Ann", .company = "Acme Ltd" },
  { "ticket-type-regular",
    "{\"code\": \"T1\", \"qty\": 1, \"contents_html\": \"<h1>1 x Regular ticket</h1>\"}",
    .code = "T1", .ticket_type = "Regular ticket", .quantity = 1 },
  { "ticket-type-vip-three",
    "{\"code\": \"T2\", \"qty\": 3, \"contents_html\": \"<h1>3 x VIP ticket</h1>\"}",
    .code = "T2", .ticket_type = "VIP ticket", .quantity = 3 },
  { "ticket-type-several-rows-joined",
    "{\"code\": \"T3\", \"qty\": 3,"
    " \"contents_html\": \"<h1>1 x Regular ticket</h1><h1>2 x Student ticket</h1>\"}",
    .code = "T3", .ticket_type = "1 x Regular ticket, 2 x Student ticket", .quantity = 3 },
  { "ticket-type-third-party",
    "{\"code\": \"T4\", \"contents_html\": \"<h1>Check ticket type and amount from ticket</h1>\"}",
    .code = "T4", .ticket_type = "Check ticket type and amount from ticket" },
  { "html-entities-decoded",
    "{\"code\": \"H1\", \"contents_html\": \"<h1>1 x Rock &amp; Roll</h1><h2>J&#252;rgen</h2>\"}",
    .code = "H1", .ticket_type = "Rock & Roll", .full_name = "J\xc3\xbcrgen" },
  { "status-unused",
    "{\"code\": \"S1\", \"status\": \"UNUSED\", \"used_at\": \"2018-03-01 15:35:11\"}",
    .code = "S1", .status = BOX_ATTENDEE_STATUS_PAID, .checked_in = FALSE,
    .details_contain = "\"fienta_status\":\"UNUSED\"" },
  { "status-used",
    "{\"code\": \"S2\", \"status\": \"USED\", \"used_at\": \"2018-05-04 15:20:23\"}",
    .code = "S2", .status = BOX_ATTENDEE_STATUS_PAID, .checked_in = TRUE,
    .checked_in_at = 1525436423 },
  { "status-used-lowercase",
    "{\"code\": \"S3\", \"status\": \"used\", \"used_at\": \"2018-03-01 15:35:11\"}",
    .code = "S3", .status = BOX_ATTENDEE_STATUS_PAID, .checked_in = TRUE,
    .checked_in_at = 1519907711 },
  { "status-pending",
    "{\"code\": \"S4\", \"status\": \"PENDING\"}",
    .code = "S4", .status = BOX_ATTENDEE_STATUS_PENDING },
  { "status-refunded",
    "{\"code\": \"S5\", \"status\": \"REFUNDED\"}",
    .code = "S5", .status = BOX_ATTENDEE_STATUS_CANCELLED },
  { "status-cancelled",
    "{\"code\": \"S6\", \"status\": \"CANCELLED\"}",
    .code = "S6", .status = BOX_ATTENDEE_STATUS_CANCELLED },
  { "status-refund-requested",
    "{\"code\": \"S7\", \"status\": \"REFUND_REQUESTED\"}",
    .code = "S7", .status = BOX_ATTENDEE_STATUS_CANCELLED, .attention = TRUE },
  { "status-unknown-string",
    "{\"code\": \"S8\", \"status\": \"FROBNICATED\"}",
    .code = "S8", .status = BOX_ATTENDEE_STATUS_UNKNOWN,
    .details_contain = "\"fienta_status\":\"FROBNICATED\"" },
  { "status-missing",
    "{\"code\": \"S9\"}",
    .code = "S9", .status = BOX_ATTENDEE_STATUS_UNKNOWN },
  { "qty-as-string",
    "{\"code\": \"Q1\", \"qty\": \"2\"}",
    .code = "Q1", .quantity = 2 },
  { "qty-as-number",
    "{\"code\": \"Q2\", \"qty\": 2}",
    .code = "Q2", .quantity = 2 },
  { "qty-negative",
    "{\"code\": \"Q3\", \"qty\": -5}",
    .code = "Q3", .quantity = 1 },
  { "qty-huge-integer",
    "{\"code\": \"Q4\", \"qty\": 99999999999}",
    .code = "Q4", .quantity = 10000 },
  { "qty-out-of-double-range",
    "{\"code\": \"Q5\", \"qty\": 1e400}",
    .code = "Q5", .quantity = 10000 },
  { "qty-not-a-number",
    "{\"code\": \"Q6\", \"qty\": \"many\"}",
    .code = "Q6", .quantity = 1 },
  { "qty-fraction",
    "{\"code\": \"Q7\", \"qty\": 2.9}",
    .code = "Q7", .quantity = 2 },
  { "code-trimmed",
    "{\"code\": \"  4LO4A3T8IH \\n\"}",
    .code = "4LO4A3T8IH" },
  { "code-as-number",
    "{\"code\": 123456}",
    .code = "123456" },
  { "order-id-and-updated-at",
    "{\"code\": \"O1\", \"order_id\": 43, \"updated_at\": \"2018-02-01 13:24:48\"}",
    .code = "O1", .order_code = "43", .updated_at = 1517480688 },
  { "nametag-verbatim",
    "{\"code\": \"N1\", \"nametag_html\": \"<!DOCTYPE html><html><body><p>Name: John &amp; co</p>\\n</body></html>\"}",
    .code = "N1", .nametag_html = "<!DOCTYPE html><html><body><p>Name: John &amp; co</p>\n</body></html>" },
  { "non-ascii-names",
    "{\"code\": \"U1\", \"attendee\": {\"first_name\": \"J\xc3\xbcrgen\", \"last_name\": \"M\xc3\xbcller\","
    " \"company\": \"\xe6\x9d\x8e Wei GmbH\"}}",
    .code = "U1", .full_name = "J\xc3\xbcrgen M\xc3\xbcller", .first_name = "J\xc3\xbcrgen",
    .last_name = "M\xc3\xbcller", .company = "\xe6\x9d\x8e Wei GmbH" },
  { "non-ascii-name-escaped",
    "{\"code\": \"U2\", \"attendee\": {\"name\": \"\\u674e Wei\"}}",
    .code = "U2", .full_name = "\xe6\x9d\x8e Wei" },
  { "nul-inside-string",
    "{\"code\": \"U3\", \"attendee\": {\"name\": \"ab\\u0000cd\"}}",
    .code = "U3", .full_name = "ab" },
  { "octal-escape-invalid-utf8-dropped",
    "{\"code\": \"U4\", \"order_email\": \"buyer@example.com\","
    " \"attendee\": {\"name\": \"M\\374ller\", \"mail\": \"\\377@x\", \"company\": \"ok\"},"
    " \"contents_html\": \"<h2>From Scanner</h2>\"}",
    .code = "U4", .full_name = "From Scanner", .email = "buyer@example.com", .company = "ok" },
  { "attendees-array",
    "{\"code\": \"R1\", \"attendees\": [{\"name\": \"Row Person\", \"mail\": \"row@example.com\"}]}",
    .code = "R1", .full_name = "Row Person", .email = "row@example.com" },
  { "webhook-rows",
    "{\"code\": \"R2\", \"rows\": [{\"ticket_type\": {\"title\": \"Regular ticket\", \"qty\": \"1\"},"
    " \"attendee\": {\"mail\": \"john@smidth.com\", \"name\": \"John Smidth\"}}]}",
    .code = "R2", .full_name = "John Smidth", .email = "john@smidth.com" },
  { "wrong-member-types-ignored",
    "{\"code\": \"W1\", \"status\": [\"USED\"], \"attendee\": [1, 2], \"contents_html\": {\"h1\": 1},"
    " \"qty\": {\"n\": 3}, \"used_at\": 5, \"order_email\": [\"x\"], \"nametag_html\": null}",
    .code = "W1" },
};

static void
test_ticket_case (gconstpointer data)
{
  const TicketCase *tc = data;
  g_autoptr(BoxAttendee) a = parse_one_ticket (tc->ticket);

  g_assert_cmpstr (box_attendee_get_code (a), ==, tc->code);
  g_assert_cmpstr (box_attendee_get_name (a), ==, tc->full_name);
  g_assert_cmpstr (box_attendee_get_first_name (a), ==, tc->first_name);
  g_assert_cmpstr (box_attendee_get_last_name (a), ==, tc->last_name);
  g_assert_cmpstr (box_attendee_get_email (a), ==, tc->email);
  g_assert_cmpstr (box_attendee_get_company (a), ==, tc->company);
  g_assert_cmpstr (box_attendee_get_ticket_type (a), ==, tc->ticket_type);
  g_assert_cmpstr (box_attendee_get_order_code (a), ==, tc->order_code);
  g_assert_cmpstr (box_attendee_get_nametag_html (a), ==, tc->nametag_html);
  g_assert_cmpuint (box_attendee_get_quantity (a), ==, tc->quantity ? tc->quantity : 1);
  g_assert_cmpint (box_attendee_get_status (a), ==, tc->status);
  g_assert_cmpint (box_attendee_get_checked_in (a), ==, tc->checked_in);
  g_assert_cmpint (box_attendee_get_checked_in_at (a), ==, tc->checked_in_at);
  g_assert_cmpint (box_attendee_get_attention (a), ==, tc->attention);
  g_assert_cmpint (box_attendee_get_updated_at (a), ==, tc->updated_at);
  if (tc->details_contain != NULL)
    {
      const char *details = box_attendee_get_details (a);
      g_assert_nonnull (details);
      g_assert_nonnull (strstr (details, tc->details_contain));
    }
}

/* The documented example, read end to end. */
static void
test_tickets_doc_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  BoxAttendee *a;
  gint64 server_time = 0;
  int tz_offset = 0;

  attendees = box_fienta_parse_tickets (doc_tickets_reply, -1, &server_time, &tz_offset, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attendees);
  g_assert_cmpuint (attendees->len, ==, 1);
  g_assert_cmpint (server_time, ==, DOC_TIMESTAMP);
  g_assert_cmpint (tz_offset, ==, DOC_OFFSET);

  a = g_ptr_array_index (attendees, 0);
  g_assert_cmpstr (box_attendee_get_code (a), ==, "4LO4A3T8IH");
  g_assert_cmpstr (box_attendee_get_name (a), ==, "John Smith");
  g_assert_cmpstr (box_attendee_get_ticket_type (a), ==, "1 x Regular ticket, 2 x Student ticket");
  g_assert_cmpuint (box_attendee_get_quantity (a), ==, 3);
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PAID);
  g_assert_cmpint (box_attendee_get_checked_in (a), ==, FALSE);
  g_assert_cmpstr (box_attendee_get_order_code (a), ==, "43");
  g_assert_cmpint (box_attendee_get_updated_at (a), ==, 1517480688);
  g_assert_cmpstr (box_attendee_get_nametag_html (a), ==,
                   "<!DOCTYPE html><html><body><p>Name: John</p><p>Surname: Smith</p></body></html>");
}

/* A length shorter than the text: only that prefix is read. */
static void
test_tickets_explicit_length (void)
{
  g_autofree char *reply = tickets_reply ("{\"code\": \"L1\"}");
  g_autofree char *padded = g_strconcat (reply, "garbage that is not JSON", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;

  attendees = box_fienta_parse_tickets (padded, strlen (reply), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attendees);
  g_assert_cmpuint (attendees->len, ==, 1);
  g_assert_cmpstr (box_attendee_get_code (g_ptr_array_index (attendees, 0)), ==, "L1");
}

/* Tickets without a usable code are skipped; the others keep their order. */
static void
test_tickets_skip_codeless (void)
{
  g_autofree char *reply = tickets_reply (
    "{\"code\": \"FIRST\"}, {\"status\": \"UNUSED\"}, {\"code\": \"\"}, {\"code\": null},"
    " {\"code\": \"   \"}, {\"code\": {\"x\": 1}}, {\"code\": \"\\377\"}, {\"code\": \"LAST\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;

  attendees = box_fienta_parse_tickets (reply, -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attendees);
  g_assert_cmpuint (attendees->len, ==, 2);
  g_assert_cmpstr (box_attendee_get_code (g_ptr_array_index (attendees, 0)), ==, "FIRST");
  g_assert_cmpstr (box_attendee_get_code (g_ptr_array_index (attendees, 1)), ==, "LAST");
}

/* Items that are not objects are not tickets: no attendees, and no error either, since
 * the reply itself has the right shape. */
static void
test_tickets_non_objects (void)
{
  g_autofree char *reply = tickets_reply ("1, null, [1, [2, [3]]], \"x\", true, 2.5, {\"code\": \"OK\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;

  attendees = box_fienta_parse_tickets (reply, -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attendees);
  g_assert_cmpuint (attendees->len, ==, 1);
  g_assert_cmpstr (box_attendee_get_code (g_ptr_array_index (attendees, 0)), ==, "OK");
}

static void
test_tickets_empty_list (void)
{
  g_autofree char *reply = tickets_reply ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  gint64 server_time = 0;

  attendees = box_fienta_parse_tickets (reply, -1, &server_time, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attendees);
  g_assert_cmpuint (attendees->len, ==, 0);
  g_assert_cmpint (server_time, ==, DOC_TIMESTAMP);
}

/* Many tickets: all read, in order (the parser takes the tree apart from the end). */
static void
test_tickets_many (void)
{
  GString *list = g_string_new (NULL);
  g_autofree char *reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (list, "%s{\"code\": \"C%05u\", \"status\": \"%s\", \"attendee\": {\"name\": \"P %u\"}}",
                            i ? ", " : "", i, i % 2 ? "USED" : "UNUSED", i);
  reply = tickets_reply (list->str);
  g_string_free (list, TRUE);

  attendees = box_fienta_parse_tickets (reply, -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attendees);
  g_assert_cmpuint (attendees->len, ==, 5000);
  for (guint i = 0; i < 5000; i += 777)
    {
      BoxAttendee *a = g_ptr_array_index (attendees, i);
      g_autofree char *code = g_strdup_printf ("C%05u", i);
      g_autofree char *name = g_strdup_printf ("P %u", i);
      g_assert_cmpstr (box_attendee_get_code (a), ==, code);
      g_assert_cmpstr (box_attendee_get_name (a), ==, name);
      g_assert_cmpint (box_attendee_get_checked_in (a), ==, i % 2);
    }
}

/* A 1 MB name survives whole. */
static void
test_tickets_huge_string (void)
{
  const gsize n = 1024 * 1024;
  g_autofree char *name = g_malloc (n + 1);
  g_autofree char *ticket = NULL;
  g_autoptr(BoxAttendee) a = NULL;

  memset (name, 'x', n);
  name[n] = '\0';
  name[0] = 'A';
  name[n - 1] = 'Z';
  ticket = g_strdup_printf ("{\"code\": \"BIG\", \"attendee\": {\"name\": \"%s\"}}", name);
  a = parse_one_ticket (ticket);
  g_assert_cmpuint (strlen (box_attendee_get_name (a)), ==, n);
  g_assert_cmpstr (box_attendee_get_name (a), ==, name);
}

/* A reasonably nested (100 deep) unknown form field does not stop the ticket. */
static void
test_tickets_nested_field (void)
{
  GString *ticket = g_string_new ("{\"code\": \"NEST\", \"attendee\": {\"name\": \"Ann\", \"deep\": ");
  g_autoptr(BoxAttendee) a = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append_c (ticket, '[');
  for (guint i = 0; i < 100; i++)
    g_string_append_c (ticket, ']');
  g_string_append (ticket, "}}");

  a = parse_one_ticket (ticket->str);
  g_assert_cmpstr (box_attendee_get_code (a), ==, "NEST");
  g_assert_cmpstr (box_attendee_get_name (a), ==, "Ann");
  g_string_free (ticket, TRUE);
}

/* ---------------------------------------------------------------------------------- */
/* The `time` object: the cursor and the zone naive date-times are in                  */

typedef struct
{
  const char *name;
  const char *time;          /* the JSON after "time": */
  gint64      server_time;
  int         tz_offset;
  gint64      used_at;       /* "2018-05-04 15:20:23" read in that zone */
} TimeCase;

static const TimeCase time_cases[] = {
  { "doc", "{\"timestamp\": 1525436423, \"gmt\": \"+0300\"}", 1525436423, 10800, 1525436423 },
  { "gmt-with-colon", "{\"timestamp\": 1525436423, \"gmt\": \"+03:00\"}", 1525436423, 10800, 1525436423 },
  { "negative", "{\"timestamp\": 1, \"gmt\": \"-0500\"}", 1, -18000, 1525465223 },
  { "half-hour", "{\"timestamp\": 2, \"gmt\": \"+0530\"}", 2, 19800, 1525436423 - 19800 + 10800 },
  { "timestamp-as-string", "{\"timestamp\": \"1525436423\", \"gmt\": \"+0000\"}", 1525436423, 0, 1525447223 },
  { "full-datetime-only", "{\"timestamp\": 5, \"full_datetime\": \"2018-05-04T15:20:23-05:00\"}", 5, -18000, 1525465223 },
  { "gmt-wins-over-full-datetime", "{\"gmt\": \"+0300\", \"full_datetime\": \"2018-05-04T15:20:23-05:00\"}", 0, 10800, 1525436423 },
  { "bogus-gmt-9999", "{\"timestamp\": 7, \"gmt\": \"+9999\"}", 7, 0, 1525447223 },
  { "bogus-gmt-abc", "{\"timestamp\": 7, \"gmt\": \"abc\"}", 7, 0, 1525447223 },
  { "bogus-gmt-empty", "{\"gmt\": \"\"}", 0, 0, 1525447223 },
  { "bogus-gmt-number", "{\"gmt\": 3}", 0, 0, 1525447223 },
  { "bogus-full-datetime", "{\"full_datetime\": \"yesterday\"}", 0, 0, 1525447223 },
  { "time-not-object", "\"15:20:23\"", 0, 0, 1525447223 },
  { "time-null", "null", 0, 0, 1525447223 },
  { "timestamp-huge", "{\"timestamp\": 1e400, \"gmt\": \"+0300\"}", G_MAXINT64, 10800, 1525436423 },
};

static void
test_time_case (gconstpointer data)
{
  const TimeCase *tc = data;
  g_autofree char *reply = g_strdup_printf (
    "{\"time\": %s, \"tickets\": [{\"code\": \"T\", \"status\": \"USED\", \"used_at\": \"2018-05-04 15:20:23\"}]}",
    tc->time);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  gint64 server_time = -1;
  int tz_offset = -1;

  attendees = box_fienta_parse_tickets (reply, -1, &server_time, &tz_offset, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attendees);
  g_assert_cmpuint (attendees->len, ==, 1);
  g_assert_cmpint (server_time, ==, tc->server_time);
  g_assert_cmpint (tz_offset, ==, tc->tz_offset);
  g_assert_cmpint (box_attendee_get_checked_in_at (g_ptr_array_index (attendees, 0)), ==, tc->used_at);
}

static void
test_tickets_no_time (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  gint64 server_time = -1;
  int tz_offset = -1;

  attendees = box_fienta_parse_tickets ("{\"tickets\": []}", -1, &server_time, &tz_offset, &error);
  g_assert_no_error (error);
  g_assert_nonnull (attendees);
  g_assert_cmpuint (attendees->len, ==, 0);
  g_assert_cmpint (server_time, ==, 0);
  g_assert_cmpint (tz_offset, ==, 0);
}

/* ---------------------------------------------------------------------------------- */
/* Single ticket                                                                        */

static void
test_ticket_doc_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAttendee) a = NULL;
  int tz_offset = 0;

  a = box_fienta_parse_ticket (doc_ticket_reply, -1, &tz_offset, &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);
  g_assert_cmpint (tz_offset, ==, DOC_OFFSET);
  g_assert_cmpstr (box_attendee_get_code (a), ==, "4LO4A3T8IH");
  g_assert_cmpstr (box_attendee_get_name (a), ==, "John Smith");
  g_assert_cmpstr (box_attendee_get_email (a), ==, "john@smidth.com");
  g_assert_cmpuint (box_attendee_get_quantity (a), ==, 3);
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PAID);
}

static void
test_ticket_used (void)
{
  static const char reply[] =
    "{\"ticket\": {\"code\": \"X1\", \"status\": \"USED\", \"used_at\": \"2018-05-04 15:20:23\"}, "
    DOC_TIME "}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAttendee) a = NULL;

  a = box_fienta_parse_ticket (reply, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);
  g_assert_cmpint (box_attendee_get_checked_in (a), ==, TRUE);
  g_assert_cmpint (box_attendee_get_checked_in_at (a), ==, 1525436423);
}

typedef struct
{
  const char *name;
  const char *reply;
} BadCase;

/* Replies that are JSON objects but carry no usable ticket. */
static const BadCase bad_ticket_cases[] = {
  { "no-ticket", "{\"success\": {\"code\": 200}}" },
  { "ticket-null", "{\"ticket\": null}" },
  { "ticket-array", "{\"ticket\": [{\"code\": \"X\"}]}" },
  { "ticket-empty", "{\"ticket\": {}}" },
  { "ticket-no-code", "{\"ticket\": {\"status\": \"USED\"}}" },
  { "ticket-blank-code", "{\"ticket\": {\"code\": \" \\t \"}}" },
  { "error-body", "{\"errors\": [{\"code\": 404, \"user_message\": \"Not found\"}]}" },
};

static void
test_bad_ticket (gconstpointer data)
{
  const BadCase *bc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAttendee) a = NULL;

  a = box_fienta_parse_ticket (bc->reply, -1, NULL, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
  g_assert_null (a);
}

/* ---------------------------------------------------------------------------------- */
/* Events                                                                              */

typedef struct
{
  const char *name;
  const char *reply;
  guint       n_events;
  const char *id;        /* of the first event */
  const char *title;
  gint64      starts_at;
  gint64      ends_at;
} EventCase;

static const EventCase event_cases[] = {
  { "old-endpoint",
    "{\"success\": {\"code\": 200}, \"events\": [{\"id\": 10, \"title\": \"Happy event\","
    " \"starts_at\": \"2018-09-22 00:00:00\", \"ends_at\": \"2018-10-22 23:59:59\","
    " \"duration_string\": \"Sat 22. September - Mon 22. October 2018\"}], " DOC_TIME "}",
    1, "10", "Happy event", 1537563600, 1540241999 },
  { "new-endpoint-translations-en",
    "{\"success\": {\"code\": 200}, " DOC_TIME ", \"data\": [{\"id\": 11, \"organizer_id\": 4,"
    " \"starts_at\": \"2021-06-01 18:00:00\", \"sale_status\": \"onSale\","
    " \"translations\": {\"et\": {\"title\": \"\xc3\x9critus\"}, \"en\": {\"title\": \"Event\"}}}]}",
    1, "11", "Event", 1622559600, 0 },
  { "new-endpoint-other-locale",
    "{" DOC_TIME ", \"data\": [{\"id\": \"12\", \"translations\": {\"et\": {\"title\": \"\xc3\x9critus\"}}}]}",
    1, "12", "\xc3\x9critus", 0, 0 },
  { "no-title-uses-id",
    "{\"events\": [{\"id\": 13}]}",
    1, "13", "13", 0, 0 },
  { "iso-starts-at-keeps-its-offset",
    "{" DOC_TIME ", \"events\": [{\"id\": 14, \"title\": \"Die Hard 2\","
    " \"starts_at\": \"2020-11-14T19:00:00+02:00\"}]}",
    1, "14", "Die Hard 2", 1605373200, 0 },
  { "date-only-starts-at",
    "{" DOC_TIME ", \"events\": [{\"id\": 15, \"title\": \"D\", \"starts_at\": \"2018-05-04\"}]}",
    1, "15", "D", 1525381200, 0 },
  { "bad-starts-at",
    "{\"events\": [{\"id\": 16, \"title\": \"B\", \"starts_at\": \"soon\", \"ends_at\": 5}]}",
    1, "16", "B", 0, 0 },
  { "ids-with-slash-and-junk-skipped",
    "{\"events\": [{\"id\": \"../1\"}, {\"id\": \"\"}, {\"id\": null}, {\"title\": \"no id\"}, 7, null,"
    " {\"id\": \"\\377\"}, {\"id\": 17, \"title\": \"Kept\"}, {\"id\": \"a/b\"}]}",
    1, "17", "Kept", 0, 0 },
  { "empty",
    "{\"events\": []}",
    0, NULL, NULL, 0, 0 },
};

static void
test_event_case (gconstpointer data)
{
  const EventCase *ec = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  events = box_fienta_parse_events (ec->reply, -1, "acct-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (events);
  g_assert_cmpuint (events->len, ==, ec->n_events);
  if (ec->n_events > 0)
    {
      BoxEvent *e = g_ptr_array_index (events, 0);
      g_assert_cmpstr (box_event_get_account_id (e), ==, "acct-1");
      g_assert_cmpstr (box_event_get_id (e), ==, ec->id);
      g_assert_cmpstr (box_event_get_name (e), ==, ec->title);
      g_assert_cmpint (box_event_get_starts_at (e), ==, ec->starts_at);
      g_assert_cmpint (box_event_get_ends_at (e), ==, ec->ends_at);
    }
}

static const BadCase bad_event_cases[] = {
  { "no-array", "{\"success\": {\"code\": 200}}" },
  { "events-object", "{\"events\": {\"id\": 1}}" },
  { "data-string", "{\"data\": \"[]\"}" },
};

static void
test_bad_events (gconstpointer data)
{
  const BadCase *bc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  events = box_fienta_parse_events (bc->reply, -1, "acct", &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
  g_assert_null (events);
}

/* ---------------------------------------------------------------------------------- */
/* Organizers and auth                                                                  */

typedef struct
{
  const char *name;
  const char *reply;
  const char *ids;        /* joined with ",", NULL when an error is expected */
} OrganizerCase;

static const OrganizerCase organizer_cases[] = {
  { "doc",
    "{\"success\": {\"code\": 200}, \"organizers\": [{\"id\": 4, \"name\": \"Organizer Company Name Ltd.\"},"
    " {\"id\": 7, \"name\": \"Another Organizer Name\"}], " DOC_TIME "}",
    "4,7" },
  { "string-ids-and-junk",
    "{\"organizers\": [{\"id\": \"9\"}, {\"id\": \"a/b\"}, {\"name\": \"no id\"}, 5, null, {\"id\": \"\"}, {\"id\": [1]}]}",
    "9" },
  { "empty", "{\"organizers\": []}", "" },
  { "missing", "{\"success\": {\"code\": 200}}", NULL },
  { "not-array", "{\"organizers\": {\"id\": 4}}", NULL },
};

static void
test_organizer_case (gconstpointer data)
{
  const OrganizerCase *oc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  ids = box_fienta_parse_organizers (oc->reply, -1, &error);
  if (oc->ids == NULL)
    {
      g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
      g_assert_null (ids);
    }
  else
    {
      g_autofree char *joined = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (ids);
      g_ptr_array_add (ids, NULL);
      joined = g_strjoinv (",", (char **)ids->pdata);
      g_assert_cmpstr (joined, ==, oc->ids);
    }
}

typedef struct
{
  const char *name;
  const char *reply;
  const char *token;      /* NULL when BOX_ERROR_MALFORMED is expected */
} AuthCase;

static const AuthCase auth_cases[] = {
  { "doc",
    "{\"success\": {\"code\": 200, \"user_message\": \"Authenticated successfully\","
    " \"internal_message\": \"authenticated_successfully\"},"
    " \"token\": {\"token\": \"TOKENSTRING\", \"expires_at\": null, \"user_id\": 1}}",
    "TOKENSTRING" },
  { "flat-token", "{\"token\": \"e0333aa09ed5cc0f3f98af3b5a0689ca\"}", "e0333aa09ed5cc0f3f98af3b5a0689ca" },
  { "missing", "{\"success\": {\"code\": 200}}", NULL },
  { "token-object-without-token", "{\"token\": {\"expires_at\": null}}", NULL },
  { "token-empty", "{\"token\": {\"token\": \"\"}}", NULL },
  { "token-null", "{\"token\": null}", NULL },
  { "token-array", "{\"token\": [\"abc\"]}", NULL },
  { "error-body", "{\"errors\": [{\"code\": 401, \"user_message\": \"Unauthorized access\"}]}", NULL },
};

static void
test_auth_case (gconstpointer data)
{
  const AuthCase *ac = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  token = box_fienta_parse_auth (ac->reply, -1, &error);
  if (ac->token == NULL)
    {
      g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
      g_assert_null (token);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpstr (token, ==, ac->token);
    }
}

/* ---------------------------------------------------------------------------------- */
/* Error bodies                                                                        */

typedef struct
{
  const char *name;
  guint       status;
  const char *body;       /* NULL: no body at all */
  const char *message;
  int         retry_after;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "doc-401", 401,
    "{\"errors\": [{\"code\": 401, \"user_message\": \"Unauthorized access\","
    " \"internal_message\": \"authorization_failed\"}]}",
    "Unauthorized access", -1 },
  { "code-as-string", 401,
    "{\"errors\": [{\"code\": \"401\", \"user_message\": \"Unauthorized access\"}]}",
    "Unauthorized access", -1 },
  { "rate-limited-429", 429,
    "{\"errors\": [{\"code\": 429, \"user_message\": \"Too many requests, please slow down the request.\","
    " \"internal_message\": \"too_many_requests\"}], " DOC_TIME ", \"retry_after\": 80}",
    "Too many requests, please slow down the request.", 80 },
  { "retry-after-string", 429, "{\"errors\": [], \"retry_after\": \"30\"}", NULL, 30 },
  { "retry-after-huge", 429, "{\"retry_after\": 1e400}", NULL, 86400 },
  { "retry-after-negative", 429, "{\"retry_after\": -50}", NULL, -1 },
  { "internal-message-fallback", 500,
    "{\"errors\": [{\"code\": 500, \"user_message\": \"\", \"internal_message\": \"db_down\"}]}",
    "db_down", -1 },
  { "first-error-wins", 400,
    "{\"errors\": [{\"user_message\": \"First\"}, {\"user_message\": \"Second\"}]}",
    "First", -1 },
  { "non-ascii-message", 400,
    "{\"errors\": [{\"user_message\": \"Pilet on juba kasutatud \\u2013 M\\u00fcller\"}]}",
    "Pilet on juba kasutatud \xe2\x80\x93 M\xc3\xbcller", -1 },
  { "invalid-utf8-escape-dropped", 400, "{\"errors\": [{\"user_message\": \"\\377\"}]}", NULL, -1 },
  { "cloudflare-html-403", 403,
    "<!DOCTYPE html>\n<html><head><title>Access denied | fienta.com used Cloudflare to restrict access</title>"
    "</head><body><h1>Error 1010</h1><p>The owner of this website (fienta.com) has banned your access"
    " based on your browser's signature.</p></body></html>",
    NULL, -1 },
  { "empty-body", 500, "", NULL, -1 },
  { "no-body", 502, NULL, NULL, -1 },
  { "whitespace-body", 500, " \n", NULL, -1 },
  { "json-null", 500, "null", NULL, -1 },
  { "json-array", 500, "[{\"user_message\": \"x\"}]", NULL, -1 },
  { "errors-not-array", 500, "{\"errors\": {\"user_message\": \"x\"}}", NULL, -1 },
  { "errors-of-strings", 500, "{\"errors\": [\"boom\"]}", NULL, -1 },
  { "message-number", 500, "{\"errors\": [{\"user_message\": 42}]}", "42", -1 },
  { "truncated", 500, "{\"errors\": [{\"user_message\": \"Unauth", NULL, -1 },
};

static void
test_error_case (gconstpointer data)
{
  const ErrorCase *ec = data;
  g_autoptr(GBytes) body = ec->body ? g_bytes_new_static (ec->body, strlen (ec->body)) : NULL;
  static char unset[] = "unset";
  char *message = unset;
  int retry_after = -42;

  box_fienta_read_error (ec->status, body, &message, &retry_after);
  g_assert_cmpstr (message, ==, ec->message);
  g_assert_cmpint (retry_after, ==, ec->retry_after);
  if (message != unset)
    g_free (message);
}

/* A 64 KB body of '[': refused quietly, not parsed into a stack overflow. */
static void
test_error_deep_body (void)
{
  const gsize n = 64 * 1024;
  g_autofree char *deep = g_malloc (n);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *message = NULL;
  int retry_after = 0;

  memset (deep, '[', n);
  body = g_bytes_new_static (deep, n);
  box_fienta_read_error (400, body, &message, &retry_after);
  g_assert_null (message);
  g_assert_cmpint (retry_after, ==, -1);
}

/* Bodies over 64 KB are not read at all. */
static void
test_error_oversized_body (void)
{
  GString *big = g_string_new ("{\"errors\": [{\"user_message\": \"Big\"}], \"pad\": \"");
  g_autoptr(GBytes) body = NULL;
  g_autofree char *message = NULL;
  int retry_after = 0;

  while (big->len < 70 * 1024)
    g_string_append (big, "0123456789");
  g_string_append (big, "\"}");
  body = g_string_free_to_bytes (big);
  box_fienta_read_error (400, body, &message, &retry_after);
  g_assert_null (message);
  g_assert_cmpint (retry_after, ==, -1);
}

/* ---------------------------------------------------------------------------------- */
/* Malformed and hostile input, fed to every parser                                    */

typedef struct
{
  const char *name;
  const char *data;
  gssize      len;        /* -1: NUL-terminated */
} MalformedCase;

static const MalformedCase malformed_cases[] = {
  { "empty-string", "", -1 },
  { "zero-length", "{\"tickets\": []}", 0 },
  { "whitespace", "  \n\t ", -1 },
  { "null", "null", -1 },
  { "empty-array", "[]", -1 },
  { "string", "\"tickets\"", -1 },
  { "number", "42", -1 },
  { "open-brace", "{", -1 },
  { "close-brace", "}", -1 },
  { "truncated-half", "{\"success\": {\"code\": 200}, \"time\": {\"timestamp\": 1525436423, \"gmt\": \"+0300\"}, "
                      "\"tickets\": [{\"id\": 87, \"code\": \"4LO4A3T8IH\", \"status\": \"UN", -1 },
  { "invalid-utf8", "{\"tickets\": [{\"code\": \"A\xff\xfe\"}], \"token\": \"M\xfcller\"}", -1 },
  { "invalid-utf8-key", "{\"\xc3\x28\": 1}", -1 },
  { "raw-nul", "{\"tickets\": [{\"code\": \"A\0B\"}]}", sizeof "{\"tickets\": [{\"code\": \"A\0B\"}]}" - 1 },
  { "html", "<!DOCTYPE html><html><body>Error 1010</body></html>", -1 },
  { "trailing-garbage", "{\"tickets\": []} {", -1 },
  { "trailing-comma", "{\"tickets\": [1,]}", -1 },
  { "nan", "{\"tickets\": NaN}", -1 },
  { "tickets-number", "{\"tickets\": 5}", -1 },
  { "tickets-object", "{\"tickets\": {\"code\": \"A\"}}", -1 },
  { "tickets-string", "{\"tickets\": \"[]\"}", -1 },
  { "tickets-null", "{\"tickets\": null}", -1 },
  { "lone-surrogate", "{\"tickets\": [{\"code\": \"\\udc00\"}]}", -1 },
  { "bad-escape", "{\"tickets\": [{\"code\": \"\\u12\"}]}", -1 },
  { "unterminated-string", "{\"tickets\": [{\"code\": \"abc}]}", -1 },
  { "unterminated-comment", "{\"tickets\": [] / ", -1 },
};

typedef enum
{
  PARSER_TICKETS,
  PARSER_TICKET,
  PARSER_EVENTS,
  PARSER_ORGANIZERS,
  PARSER_AUTH,
  N_PARSERS
} ParserKind;

static const char * const parser_names[N_PARSERS] = {
  "tickets", "ticket", "events", "organizers", "auth",
};

/* Runs one parser; returns whether it gave a result, and frees it. */
static gboolean
run_parser (ParserKind   kind,
            const char  *data,
            gssize       len,
            GError     **error)
{
  switch (kind)
    {
    case PARSER_TICKETS:
      {
        g_autoptr(GPtrArray) r = box_fienta_parse_tickets (data, len, NULL, NULL, error);
        return r != NULL;
      }
    case PARSER_TICKET:
      {
        g_autoptr(BoxAttendee) r = box_fienta_parse_ticket (data, len, NULL, error);
        return r != NULL;
      }
    case PARSER_EVENTS:
      {
        g_autoptr(GPtrArray) r = box_fienta_parse_events (data, len, "acct", error);
        return r != NULL;
      }
    case PARSER_ORGANIZERS:
      {
        g_autoptr(GPtrArray) r = box_fienta_parse_organizers (data, len, error);
        return r != NULL;
      }
    case PARSER_AUTH:
      {
        g_autofree char *r = box_fienta_parse_auth (data, len, error);
        return r != NULL;
      }
    case N_PARSERS:
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  ParserKind           kind;
  const MalformedCase *input;
} MalformedRun;

static void
test_malformed (gconstpointer data)
{
  const MalformedRun *run = data;
  g_autoptr(GError) error = NULL;
  gboolean got;

  got = run_parser (run->kind, run->input->data, run->input->len, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
  g_assert_cmpint (got, ==, FALSE);
}

/* NULL data is an error, not a crash. */
static void
test_malformed_null_data (void)
{
  for (ParserKind kind = 0; kind < N_PARSERS; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_cmpint (run_parser (kind, NULL, 0, &error), ==, FALSE);
      g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
    }
}

/* json-glib quotes the token it stumbled on in its message, and "\377" decodes to a
 * byte that is not UTF-8: the error the user sees must still be UTF-8. */
static void
test_malformed_message_utf8 (void)
{
  static const char * const inputs[] = {
    "{\"\\377\" 1}",
    "{\"tickets\": [\"\\377\" 1]}",
    "{\"token\": {\"token\": \"\\377\xc3\xbc\" 1}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    for (ParserKind kind = 0; kind < N_PARSERS; kind++)
      {
        g_autoptr(GError) error = NULL;
        g_assert_cmpint (run_parser (kind, inputs[i], -1, &error), ==, FALSE);
        g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
        g_assert_cmpint (g_utf8_validate (error->message, -1, NULL), ==, TRUE);
      }
}

typedef struct
{
  const char *name;
  const char *prefix;
  const char *open;       /* repeated depth times */
  const char *inner;
  const char *close;      /* repeated depth times */
  const char *suffix;
  guint       depth;
} DeepCase;

/* Far deeper than any reply, deep enough to overflow the stack of json-glib's recursive
 * parser (it crashes at about 100000 levels on an 8 MB stack). All but the unclosed one
 * are valid JSON. */
static const DeepCase deep_cases[] = {
  { "arrays-bare", "", "[", "", "]", "", 100000 },
  { "arrays-unclosed", "", "[", "", "", "", 100000 },
  { "objects", "", "{\"a\":", "1", "}", "", 100000 },
  { "in-tickets", "{\"tickets\": ", "[", "", "]", "}", 100000 },
  { "in-attendee", "{\"tickets\": [{\"code\": \"A\", \"attendee\": {\"x\": ", "[", "", "]", "}}]}", 100000 },
  { "in-token", "{\"token\": ", "{\"token\":", "\"t\"", "}", "}", 100000 },
  /* json-glib 1.6 reads 'single-quoted' strings and skips /.../ as comments: a quote
   * inside those must not hide the brackets after it. */
  { "single-quoted-strings", "{\"tickets\": ", "['\"',", "1", "]", "}", 100000 },
  { "slash-comments", "{\"tickets\": ", "[/\"/", "1", "]", "}", 100000 },
};

static char *
build_deep (const DeepCase *dc)
{
  GString *s = g_string_new (dc->prefix);

  for (guint i = 0; i < dc->depth; i++)
    g_string_append (s, dc->open);
  g_string_append (s, dc->inner);
  for (guint i = 0; i < dc->depth; i++)
    g_string_append (s, dc->close);
  g_string_append (s, dc->suffix);
  return g_string_free (s, FALSE);
}

static void
test_deep (gconstpointer data)
{
  const DeepCase *dc = data;
  g_autofree char *text = build_deep (dc);

  for (ParserKind kind = 0; kind < N_PARSERS; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_cmpint (run_parser (kind, text, -1, &error), ==, FALSE);
      g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
    }
}

/* Brackets inside strings are text, not nesting: a name full of them is fine. */
static void
test_brackets_in_strings (void)
{
  GString *name = g_string_new (NULL);
  g_autofree char *ticket = NULL;
  g_autoptr(BoxAttendee) a = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append (name, "[{");
  g_string_append (name, "\\\"'/");
  ticket = g_strdup_printf ("{\"code\": \"BR\", \"attendee\": {\"name\": \"%s\"}}", name->str);
  a = parse_one_ticket (ticket);
  g_assert_cmpuint (strlen (box_attendee_get_name (a)), ==, 10000 + 3);
  g_string_free (name, TRUE);
}

/* ---------------------------------------------------------------------------------- */
/* Date-times                                                                          */

typedef struct
{
  const char *name;
  const char *text;
  int         tz_offset;
  gint64      unix_time;
} DateCase;

static const DateCase date_cases[] = {
  { "doc-plus-0300", "2018-05-04 15:20:23", 10800, 1525436423 },
  { "minus-0500", "2018-05-04 07:20:23", -18000, 1525436423 },
  { "plus-0530", "2018-05-04 17:50:23", 19800, 1525436423 },
  { "utc", "2018-05-04 12:20:23", 0, 1525436423 },
  { "iso-t", "2018-05-04T15:20:23", 10800, 1525436423 },
  { "iso-own-offset-wins", "2018-05-04T15:20:23+03:00", -18000, 1525436423 },
  { "iso-zulu", "2018-05-04T12:20:23Z", 10800, 1525436423 },
  { "date-only", "2018-05-04", 10800, 1525381200 },
  { "null", NULL, 0, 0 },
  { "empty", "", 0, 0 },
  { "garbage", "soon", 0, 0 },
  { "bad-month", "2018-13-04 15:20:23", 0, 0 },
  { "bad-time", "2018-05-04 25:61:61", 0, 0 },
  { "too-long", "2018-05-04 15:20:23.000000000000000000000000000000000000000000000000000", 0, 0 },
  { "impossible-offset-read-as-utc", "2018-05-04 12:20:23", 100 * 3600, 1525436423 },
};

static void
test_date_case (gconstpointer data)
{
  const DateCase *dc = data;
  g_assert_cmpint (box_fienta_parse_datetime (dc->text, dc->tz_offset), ==, dc->unix_time);
}

static void
test_date_format (void)
{
  g_autofree char *plus = box_fienta_format_datetime (1525436423, 10800);
  g_autofree char *minus = box_fienta_format_datetime (1525436423, -18000);
  g_autofree char *half = box_fienta_format_datetime (1525436423, -12600);

  g_assert_cmpstr (plus, ==, "2018-05-04 15:20:23");
  g_assert_cmpstr (minus, ==, "2018-05-04 07:20:23");
  g_assert_cmpstr (half, ==, "2018-05-04 08:50:23");
}

static void
test_date_round_trip (void)
{
  static const gint64 times[] = { 1, 86399, 946684799, 951782400, 1525436423, 1700000000, 2000000000, G_GINT64_CONSTANT (4102444800) };
  static const int offsets[] = { -43200, -18000, -12600, -1, 0, 1, 3600, 10800, 19800, 20700, 50400 };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    for (guint j = 0; j < G_N_ELEMENTS (offsets); j++)
      {
        /* The format has whole seconds and the zone whole minutes. */
        int offset = offsets[j] / 60 * 60;
        g_autofree char *text = box_fienta_format_datetime (times[i], offset);
        g_assert_nonnull (text);
        g_assert_cmpuint (strlen (text), ==, 19);
        g_assert_cmpint (box_fienta_parse_datetime (text, offset), ==, times[i]);
      }
}

/* ---------------------------------------------------------------------------------- */
/* html_texts                                                                          */

typedef struct
{
  const char *name;
  const char *html;
  const char *tag;
  const char *texts;      /* joined with "|" */
} HtmlCase;

static const HtmlCase html_cases[] = {
  { "doc-h1", "<h1>1 x Regular ticket</h1><h1>2 x Student ticket</h1><h2>John</h2><h2>Smith</h2>", "h1",
    "1 x Regular ticket|2 x Student ticket" },
  { "doc-h2", "<h1>1 x Regular ticket</h1><h1>2 x Student ticket</h1><h2>John</h2><h2>Smith</h2>", "h2",
    "John|Smith" },
  { "attributes", "<h1 class=\"row\">A</h1>", "h1", "A" },
  { "inner-tags-dropped", "<h1>1 x <b>Bold</b> <i>ticket</i></h1>", "h1", "1 x Bold ticket" },
  { "nested-same-tag", "<h1><h1>x</h1></h1><h1>y</h1>", "h1", "x|y" },
  { "unclosed-element", "<h2>abc", "h2", "abc" },
  { "unclosed-open-tag", "<h2", "h2", "" },
  { "unclosed-inner-tag", "<h2>a<b</h2>", "h2", "a" },
  { "unclosed-inner-tag-at-end", "<h2>a<b", "h2", "a" },
  { "other-tag-only", "<h2>a</h2>", "h1", "" },
  { "whitespace-trimmed-and-empty-skipped", "<h2>  John \n</h2><h2> </h2><h2></h2><h2>Smith</h2>", "h2", "John|Smith" },
  { "named-entities", "<h2>&lt;b&gt; &quot;q&quot; &apos;a&apos; &amp; x&nbsp;y</h2>", "h2", "<b> \"q\" 'a' & x y" },
  { "numeric-entities", "<h2>&#252;&#xFC;&#XFC;&#26446;</h2>", "h2", "\xc3\xbc\xc3\xbc\xc3\xbc\xe6\x9d\x8e" },
  { "unknown-entity-kept", "<h2>&bogus; &amp</h2>", "h2", "&bogus; &amp" },
  { "bad-numeric-entities-dropped", "<h2>a&#0;b&#xD800;c&#-1;d&#;e</h2>", "h2", "abcde" },
  { "long-entity-kept", "<h2>&averyveryverylongname;</h2>", "h2", "&averyveryverylongname;" },
  { "raw-utf8", "<h2>M\xc3\xbcller</h2><h2>\xe6\x9d\x8e Wei</h2>", "h2", "M\xc3\xbcller|\xe6\x9d\x8e Wei" },
  { "invalid-utf8-dropped", "<h2>\xff</h2><h2>ok</h2>", "h2", "ok" },
  { "empty", "", "h1", "" },
  { "null", NULL, "h1", "" },
};

static void
test_html_case (gconstpointer data)
{
  const HtmlCase *hc = data;
  g_autoptr(GPtrArray) texts = box_fienta_html_texts (hc->html, hc->tag);
  g_autofree char *joined = NULL;

  g_assert_nonnull (texts);
  g_ptr_array_add (texts, NULL);
  joined = g_strjoinv ("|", (char **)texts->pdata);
  g_assert_cmpstr (joined, ==, hc->texts);
}

/* ---------------------------------------------------------------------------------- */

#define ADD_TABLE(prefix, table, func)                                        \
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)                           \
    {                                                                         \
      g_autofree char *path = path_for (prefix, table[i].name);              \
      g_test_add_data_func (path, &table[i], func);                          \
    }

int
main (int   argc,
      char *argv[])
{
  static MalformedRun malformed_runs[N_PARSERS * G_N_ELEMENTS (malformed_cases)];
  guint n_runs = 0;

  g_test_init (&argc, &argv, NULL);

  ADD_TABLE ("/fienta/ticket-fields", ticket_cases, test_ticket_case);
  g_test_add_func ("/fienta/tickets/doc-example", test_tickets_doc_example);
  g_test_add_func ("/fienta/tickets/explicit-length", test_tickets_explicit_length);
  g_test_add_func ("/fienta/tickets/skip-codeless", test_tickets_skip_codeless);
  g_test_add_func ("/fienta/tickets/non-objects", test_tickets_non_objects);
  g_test_add_func ("/fienta/tickets/empty-list", test_tickets_empty_list);
  g_test_add_func ("/fienta/tickets/many", test_tickets_many);
  g_test_add_func ("/fienta/tickets/huge-string", test_tickets_huge_string);
  g_test_add_func ("/fienta/tickets/nested-field", test_tickets_nested_field);
  g_test_add_func ("/fienta/tickets/no-time", test_tickets_no_time);
  ADD_TABLE ("/fienta/time", time_cases, test_time_case);

  g_test_add_func ("/fienta/ticket/doc-example", test_ticket_doc_example);
  g_test_add_func ("/fienta/ticket/used", test_ticket_used);
  ADD_TABLE ("/fienta/ticket/bad", bad_ticket_cases, test_bad_ticket);

  ADD_TABLE ("/fienta/events", event_cases, test_event_case);
  ADD_TABLE ("/fienta/events/bad", bad_event_cases, test_bad_events);
  ADD_TABLE ("/fienta/organizers", organizer_cases, test_organizer_case);
  ADD_TABLE ("/fienta/auth", auth_cases, test_auth_case);

  ADD_TABLE ("/fienta/read-error", error_cases, test_error_case);
  g_test_add_func ("/fienta/read-error/deep-body", test_error_deep_body);
  g_test_add_func ("/fienta/read-error/oversized-body", test_error_oversized_body);

  for (ParserKind kind = 0; kind < N_PARSERS; kind++)
    for (guint i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
      {
        g_autofree char *path = g_strdup_printf ("/fienta/malformed/%s/%s", parser_names[kind],
                                                 malformed_cases[i].name);
        malformed_runs[n_runs] = (MalformedRun) { kind, &malformed_cases[i] };
        g_test_add_data_func (path, &malformed_runs[n_runs], test_malformed);
        n_runs++;
      }
  g_test_add_func ("/fienta/malformed/null-data", test_malformed_null_data);
  g_test_add_func ("/fienta/malformed/message-is-utf8", test_malformed_message_utf8);
  ADD_TABLE ("/fienta/deep", deep_cases, test_deep);
  g_test_add_func ("/fienta/deep/brackets-in-strings", test_brackets_in_strings);

  ADD_TABLE ("/fienta/datetime/parse", date_cases, test_date_case);
  g_test_add_func ("/fienta/datetime/format", test_date_format);
  g_test_add_func ("/fienta/datetime/round-trip", test_date_round_trip);
  ADD_TABLE ("/fienta/html-texts", html_cases, test_html_case);

  return g_test_run ();
}
