/* test-ticketing-parser.c: the TickeTing REST API v3 replies -> models, no server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The replies are shaped like the ones of /work/shared/api/ticketing-api-v3.md and of
 * section 2 of /work/shared/api/GROUND-TRUTH.md (the SDK's models and live tests): a
 * session's "started" with a space for the T, relative URIs in "self", event-relative
 * section URIs inside an event, `redeemed: "N/A"` on a ticket not admitted, admissions
 * as a page (GET) or a bare array (POST), errors in "error" or "message". The ones
 * marked "emulator" were captured from tests/emulator/emu-ticketing.c.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "box-attendee.h"
#include "box-error.h"
#include "box-event.h"
#include "box-event-stats.h"
#include "box-ticketing-parser.h"

#define EVENT_ID "16993964783416"
#define EVENT_URI "/events/" EVENT_ID

/* 2024-02-21 14:59:18 UTC, the session's "started" of GROUND-TRUTH.md. */
#define STARTED G_GINT64_CONSTANT (1708527558)
/* 2024-02-21T15:02:11+00:00, the admission's "admitted". */
#define ADMITTED G_GINT64_CONSTANT (1708527731)

/* POST /sessions, as GROUND-TRUTH.md gives it. */
static const char session_reply[] =
  "{\"self\":\"/sessions/1001\",\"started\":\"2024-02-21 14:59:18\","
  "\"key\":\"a9427bf35dd3d3011a1277c9c344ae07\","
  "\"account\":{\"self\":\"/accounts/AZ-4918SF92\",\"number\":\"AZ-4918SF92\",\"username\":\"doorstaff\","
  "\"email\":\"door@example.com\",\"firstName\":\"Dora\",\"lastName\":\"Staff\"}}";

/* GET /tokens/A0F9GG8D. */
static const char token_reply[] =
  "{\"key\":\"tokenkeya0f9gg8d0000000000000000\",\"event\":\"" EVENT_URI "\","
  "\"sections\":[\"" EVENT_URI "/sections/17001\",\"" EVENT_URI "/sections/17002\"]}";

#define SECTION(id, name) \
  "{\"self\":\"" EVENT_URI "/sections/" id "\",\"name\":\"" name "\",\"description\":\"…\"}"
#define OWNER(number, user, first, last)                                                    \
  "{\"self\":\"/accounts/" number "\",\"number\":\"" number "\",\"username\":\"" user "\","   \
  "\"email\":\"" user "@example.com\",\"firstName\":" first ",\"lastName\":" last "}"

/* GET /events/{e}/tickets: the documented entry, then what else a page may hold. */
static const char tickets_reply[] =
  "{\"total\":\"120\",\"page\":1,\"records\":25,\"entries\":["
  /* 0: the entry of GROUND-TRUTH.md, not admitted. */
  "{\"serial\":\"DAWIER-BACK75580348\",\"status\":\"Issued\",\"section\":" SECTION ("17001", "General Admission") ","
  "\"owner\":" OWNER ("AZ-4918SF92", "shanice.dvorak25", "\"Shanice\"", "\"Dvořák\"") ","
  "\"issued\":\"2024-02-21T14:59:18+00:00\",\"redeemed\":\"N/A\"},"
  /* 1: admitted; 13 characters after the dash, as in the SDK's README. */
  "{\"serial\":\"W1ZTYS-7Q8B6N0T5RXCX\",\"status\":\"Issued\",\"section\":" SECTION ("17002", "VIP") ","
  "\"owner\":" OWNER ("CZ-A2EZUF15", "ulle.nguyen30", "\"Ülle\"", "\"Nguyễn\"") ","
  "\"issued\":\"2024-02-20T09:00:00+02:00\",\"redeemed\":\"2024-02-21T16:59:18+02:00\"},"
  /* 2: an open transfer; an owner who gave no name. */
  "{\"serial\":\"VVT1AN-SDWZWZR7Q9JA\",\"status\":\"Pending\",\"section\":" SECTION ("17001", "General Admission") ","
  "\"owner\":" OWNER ("PU-1VDUQYE6", "nadia.ramdeen35", "null", "null") ","
  "\"issued\":\"2024-02-01T12:35:49+02:00\",\"redeemed\":\"N/A\"},"
  /* 3: refunded; empty names. */
  "{\"serial\":\"QKQY29-GJ8VIJSE0YHX\",\"status\":\"Void\",\"section\":" SECTION ("17003", "Backstage") ","
  "\"owner\":" OWNER ("HE-LHBKK148", "francois.joseph45", "\"\"", "\"\"") ","
  "\"issued\":\"2024-02-01T10:49:50+02:00\",\"redeemed\":\"N/A\"},"
  /* Not tickets: skipped. */
  "17, null, \"DAWIER-BACK75580348\", [], {\"status\":\"Issued\"}, {\"serial\":\"\"}, {\"serial\":null},"
  /* 4: numbers for strings, the section as a bare URI, no owner, no status. */
  "{\"serial\":123456789,\"section\":\"" EVENT_URI "/sections/17002\",\"issued\":1708527558},"
  /* A blank serial is none. */
  "{\"serial\":\"   \",\"status\":\"Issued\"}"
  "]}";

/* GET /events/{e}/admissions (emulator). */
static const char admissions_reply[] =
  "{\"total\":6,\"page\":1,\"records\":3,\"entries\":["
  "{\"self\":\"" EVENT_URI "/admissions/1\",\"redeemer\":\"Dora Staff\",\"device\":\"Gate 1\","
  "\"ticket\":\"GC1E1Q-U38J0B0YBXN3\",\"patron\":" OWNER ("IO-J7520IAT", "lukasz.dvorak42", "\"Łukasz\"", "\"Dvořák\"") ","
  "\"section\":" SECTION ("17001", "General Admission") ",\"admitted\":\"2024-02-21T15:02:11+00:00\"},"
  "{\"self\":\"" EVENT_URI "/admissions/2\",\"redeemer\":\"Dora Staff\",\"device\":\"\","
  "\"ticket\":{\"serial\":\"VWS09P-3APMJC5TR2EO\"},\"patron\":" OWNER ("MJ-RE673YXS", "aaliyah.muller37", "null", "null") ","
  "\"section\":\"" EVENT_URI "/sections/17002\",\"admitted\":\"2024-02-21 15:02:11\"},"
  "{\"self\":\"" EVENT_URI "/admissions/3\",\"serial\":\"V0Y9MK-QG2DR460WICT\"},"
  "{\"self\":\"" EVENT_URI "/admissions/4\",\"redeemer\":\"Dora Staff\"},"
  "{\"ticket\":\"  \",\"device\":\"Gate 2\"},"
  "42, null"
  "]}";

/* POST /events/{e}/admissions: 201 with a bare array (emulator). */
static const char admit_reply[] =
  "[{\"self\":\"" EVENT_URI "/admissions/5\",\"redeemer\":\"Dora Staff\",\"device\":\"Box Office desk 1\","
  "\"ticket\":\"W1ZTYS-7Q8B6N0T5RXC\",\"patron\":" OWNER ("JU-V0UB4DXX", "bjorn.williams26", "\"Björn\"", "\"Williams\"") ","
  "\"section\":" SECTION ("17001", "General Admission") ",\"admitted\":\"2024-02-21T17:02:11+02:00\"},"
  "{\"self\":\"" EVENT_URI "/admissions/6\",\"redeemer\":\"Dora Staff\",\"device\":\"Box Office desk 1\","
  "\"ticket\":\"LOOR89-J8URJGX8OA5W\",\"patron\":" OWNER ("DK-7S8HAW7Q", "imani.ali27", "\"Imani\"", "\"Ali\"") ","
  "\"section\":" SECTION ("17002", "VIP") ",\"admitted\":\"2024-02-21T15:02:11+00:00\"}]";

/* GET /events/{e} (emulator, shortened). */
static const char event_reply[] =
  "{\"self\":\"" EVENT_URI "\",\"published\":\"2026-10-24T09:00:00+03:00\",\"title\":\"Carnival Fete 2026\","
  "\"description\":\"An all-night fete.\",\"status\":\"Listed\",\"type\":\"Standard\",\"public\":true,"
  "\"category\":{\"self\":\"/categories/3\"},\"start\":\"2026-11-23T18:00:00+02:00\","
  "\"end\":\"2026-11-24T02:00:00+02:00\",\"venue\":{\"self\":\"/venues/14\",\"name\":\"Queen's Park Savannah\","
  "\"region\":{\"self\":\"/regions/1\"},\"longitude\":-61.5163,\"latitude\":10.6717},\"tags\":[],"
  "\"sections\":["
  "{\"self\":\"/sections/17001\",\"name\":\"General Admission\",\"price\":{\"base\":25.00,\"current\":25.00},"
  "\"active\":true,\"capacity\":35,\"sold\":30,\"remaining\":5,\"reserved\":0},"
  "{\"self\":\"/sections/17002\",\"name\":\"VIP\",\"capacity\":15},"
  "{\"self\":\"/sections/17003\",\"name\":\"Backstage\"},"
  "{\"self\":\"/sections/17004\"},"
  "{\"name\":\"No self\"}, \"/sections/17005\", null]}";

#define CARNIVAL_START G_GINT64_CONSTANT (1795449600) /* 2026-11-23T18:00:00+02:00 */
#define CARNIVAL_END G_GINT64_CONSTANT (1795478400)   /* 2026-11-24T02:00:00+02:00 */

static GBytes *
bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static char *
detail (BoxAttendee *attendee,
        const char  *key)
{
  g_autoptr(JsonNode) node = json_from_string (box_attendee_get_details (attendee), NULL);
  JsonObject *object;

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  if (!json_object_has_member (object, key))
    return NULL;
  return g_strdup (json_object_get_string_member (object, key));
}

static void
assert_detail (BoxAttendee *attendee,
               const char  *key,
               const char  *expected)
{
  g_autofree char *value = detail (attendee, key);
  g_assert_cmpstr (value, ==, expected);
}

static void
assert_malformed (const GError *error)
{
  g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "TickeTing sent"));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* ---- Sessions ------------------------------------------------------------------ */

static void
test_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxTicketingSession) session = box_ticketing_parse_session (session_reply, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (session->key, ==, "a9427bf35dd3d3011a1277c9c344ae07");
  g_assert_cmpstr (session->account_number, ==, "AZ-4918SF92");
  g_assert_cmpstr (session->display_name, ==, "Dora Staff");
  /* The space in "started" is read as the T of ISO 8601, in UTC. */
  g_assert_cmpint (box_ticketing_parse_datetime ("2024-02-21 14:59:18"), ==, STARTED);
}

static void
test_session_accounts (void)
{
  static const struct { const char *text; const char *number; const char *name; } cases[] = {
    /* No names: the username. */
    { "{\"key\":\"k\",\"account\":{\"self\":\"/accounts/AZ-V0LUNTR1\",\"number\":\"AZ-V0LUNTR1\","
      "\"username\":\"volunteer\",\"firstName\":null,\"lastName\":null}}", "AZ-V0LUNTR1", "volunteer" },
    { "{\"key\":\"k\",\"account\":{\"number\":\"AZ-V0LUNTR1\",\"username\":\"volunteer\","
      "\"firstName\":\"\",\"lastName\":\"\"}}", "AZ-V0LUNTR1", "volunteer" },
    /* One name only. */
    { "{\"key\":\"k\",\"account\":{\"number\":\"AZ-V0LUNTR1\",\"username\":\"v\",\"lastName\":\"Unteer\"}}",
      "AZ-V0LUNTR1", "Unteer" },
    /* The number from the account's self. */
    { "{\"key\":\"k\",\"account\":{\"self\":\"/accounts/AZ-4918SF92\",\"username\":\"doorstaff\"}}",
      "AZ-4918SF92", "doorstaff" },
    /* The account as a bare URI. */
    { "{\"key\":\"k\",\"started\":\"2024-02-21 14:59:18\",\"account\":\"/accounts/AZ-4918SF92\"}",
      "AZ-4918SF92", NULL },
    /* No account at all (an integration key's session). */
    { "{\"key\":\"k\"}", NULL, NULL },
    /* Non-ASCII names. */
    { "{\"key\":\"k\",\"account\":{\"number\":\"AZ-1\",\"firstName\":\"Łukasz\",\"lastName\":\"Dvořák\"}}",
      "AZ-1", "Łukasz Dvořák" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BoxTicketingSession) session = box_ticketing_parse_session (cases[i].text, -1, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_no_error (error);
      g_assert_cmpstr (session->key, ==, "k");
      g_assert_cmpstr (session->account_number, ==, cases[i].number);
      g_assert_cmpstr (session->display_name, ==, cases[i].name);
    }
}

static void
test_session_errors (void)
{
  static const char * const bodies[] = {
    "{\"self\":\"/sessions/1\",\"started\":\"2024-02-21 14:59:18\",\"account\":{\"number\":\"AZ-4918SF92\"}}",
    "{\"key\":\"\"}",
    "{\"key\":null}",
    "{\"key\":{\"value\":\"k\"}}",
    "[{\"key\":\"k\"}]",
    "\"k\"",
    "{\"key\":\"k\"",
    "",
    "A session cannot be started with the given password.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BoxTicketingSession) session = box_ticketing_parse_session (bodies[i], -1, &error);

      g_test_message ("%s", bodies[i]);
      g_assert_null (session);
      assert_malformed (error);
    }
}

/* ---- Tokens -------------------------------------------------------------------- */

static void
test_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxTicketingToken) token = box_ticketing_parse_token (token_reply, -1, &error);

  g_assert_no_error (error);
  g_assert_null (token->code);
  g_assert_cmpstr (token->key, ==, "tokenkeya0f9gg8d0000000000000000");
  g_assert_cmpstr (token->event_id, ==, EVENT_ID);
  g_assert_nonnull (token->sections);
  g_assert_cmpuint (g_strv_length (token->sections), ==, 2);
  g_assert_cmpstr (token->sections[0], ==, "17001");
  g_assert_cmpstr (token->sections[1], ==, "17002");
}

static void
test_token_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxTicketingToken) objects = NULL;
  g_autoptr(BoxTicketingToken) global = NULL;
  g_autoptr(BoxTicketingToken) bare = NULL;

  /* Sections as objects with self (the token object of GET /events/{e}/tokens), the
   * event as an object, junk in the list skipped; numbers read as ids. */
  objects = box_ticketing_parse_token ("{\"key\":\"K\",\"event\":{\"self\":\"" EVENT_URI "\"},"
                                       "\"sections\":[{\"self\":\"" EVENT_URI "/sections/17001\",\"name\":\"GA\"},"
                                       "{\"self\":\"/sections/17003\"},{\"name\":\"no self\"},null,\"\",\"/\","
                                       "17102,[\"/sections/1\"]]}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (objects->event_id, ==, EVENT_ID);
  g_assert_cmpuint (g_strv_length (objects->sections), ==, 3);
  g_assert_cmpstr (objects->sections[0], ==, "17001");
  g_assert_cmpstr (objects->sections[1], ==, "17003");
  g_assert_cmpstr (objects->sections[2], ==, "17102");

  /* No sections: an empty list, which admits every section. */
  global = box_ticketing_parse_token ("{\"key\":\"K\",\"event\":\"" EVENT_URI "/\",\"global\":true}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (global->event_id, ==, EVENT_ID);
  g_assert_nonnull (global->sections);
  g_assert_null (global->sections[0]);

  /* The event as a bare id. */
  bare = box_ticketing_parse_token ("{\"key\":\"K\",\"event\":16993964783416,\"sections\":[]}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bare->event_id, ==, EVENT_ID);
  g_assert_null (bare->sections[0]);
}

static void
test_token_errors (void)
{
  static const char * const bodies[] = {
    "{\"event\":\"" EVENT_URI "\",\"sections\":[]}",
    "{\"key\":\"\",\"event\":\"" EVENT_URI "\"}",
    "{\"key\":\"K\"}",
    "{\"key\":\"K\",\"event\":\"\"}",
    "{\"key\":\"K\",\"event\":\"/\"}",
    "{\"key\":\"K\",\"event\":{\"title\":\"no self\"}}",
    "{\"error\":\"The provided code does not belong to any event token\"}",
    "[]",
    "{\"key\":",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BoxTicketingToken) token = box_ticketing_parse_token (bodies[i], -1, &error);

      g_test_message ("%s", bodies[i]);
      g_assert_null (token);
      assert_malformed (error);
    }
}

/* ---- Hosts and events ---------------------------------------------------------- */

static void
test_hosts (void)
{
  g_autoptr(GError) error = NULL;
  guint total = 99;
  g_autoptr(GPtrArray) hosts =
    box_ticketing_parse_hosts ("{\"total\":3,\"page\":1,\"records\":25,\"entries\":["
                               "{\"self\":\"/hosts/1700000000001\",\"name\":\"Demo Host\",\"email\":\"host@example.com\"},"
                               "\"/hosts/1700000000002\",{\"id\":1700000000003},{\"name\":\"no id\"},null,{\"self\":\"\"},"
                               "{\"id\":\"\"}]}",
                               -1, &total, &error);
  g_autoptr(GPtrArray) bare = NULL;
  g_autoptr(GPtrArray) empty = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpuint (hosts->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (hosts, 0), ==, "1700000000001");
  g_assert_cmpstr (g_ptr_array_index (hosts, 1), ==, "1700000000002");
  g_assert_cmpstr (g_ptr_array_index (hosts, 2), ==, "1700000000003");

  /* A bare array; no "total". */
  bare = box_ticketing_parse_hosts ("[{\"self\":\"/hosts/1\"}]", -1, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpuint (bare->len, ==, 1);

  /* Page 1 of an empty list; the total may be left out. */
  empty = box_ticketing_parse_hosts ("{\"total\":0,\"page\":1,\"records\":25,\"entries\":[]}", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);

  {
    g_autoptr(GPtrArray) none = box_ticketing_parse_hosts ("{\"total\":1}", -1, &total, &error);
    g_assert_null (none);
    assert_malformed (error);
    g_assert_cmpuint (total, ==, 0);
  }
}

static void
test_events (void)
{
  g_autoptr(GError) error = NULL;
  guint total = 0;
  g_autoptr(GPtrArray) events =
    box_ticketing_parse_events ("{\"total\":\"42\",\"page\":1,\"records\":25,\"entries\":["
                                /* An event without an end: the SDK's far-future date. */
                                "{\"self\":\"" EVENT_URI "\",\"title\":\"Carnival Fete 2026\",\"status\":\"Listed\","
                                "\"start\":\"2026-11-23T18:00:00+02:00\",\"end\":\"9999-12-31T23:59:59.999Z\"},"
                                "{\"self\":\"/events/17100000000002\",\"title\":\"Jazz Night \\\"in the round\\\"\","
                                "\"start\":\"2024-03-01T20:00:00-04:00\",\"end\":\"2024-03-02T01:30:00-04:00\"},"
                                /* "name" for "title"; no title at all: the id. */
                                "{\"self\":\"/events/3\",\"name\":\"Named\",\"start\":\"2024-02-21 14:59:18\"},"
                                "{\"self\":\"/events/4/\",\"title\":\"\",\"start\":null,\"end\":\"N/A\"},"
                                "{\"id\":5,\"title\":\"By id\"},"
                                "{\"title\":\"No id\"}, 7, null, {\"self\":\"\",\"title\":\"Empty self\"},"
                                /* "id" reads like a URI: an empty one is none. */
                                "{\"id\":\"\",\"title\":\"Empty id\"},{\"id\":\"/events/6\",\"title\":\"URI id\"}"
                                "]}", -1, "acc", &total, &error);
  BoxEvent *event;

  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 42);
  g_assert_cmpuint (events->len, ==, 6);

  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (box_event_get_account_id (event), ==, "acc");
  g_assert_cmpstr (box_event_get_id (event), ==, EVENT_ID);
  g_assert_cmpstr (box_event_get_name (event), ==, "Carnival Fete 2026");
  g_assert_cmpint (box_event_get_starts_at (event), ==, CARNIVAL_START);
  g_assert_cmpint (box_event_get_ends_at (event), ==, 0);

  event = g_ptr_array_index (events, 1);
  g_assert_cmpstr (box_event_get_id (event), ==, "17100000000002");
  g_assert_cmpstr (box_event_get_name (event), ==, "Jazz Night \"in the round\"");
  g_assert_cmpint (box_event_get_starts_at (event), ==, 1709337600);
  g_assert_cmpint (box_event_get_ends_at (event), ==, 1709357400);

  event = g_ptr_array_index (events, 2);
  g_assert_cmpstr (box_event_get_id (event), ==, "3");
  g_assert_cmpstr (box_event_get_name (event), ==, "Named");
  g_assert_cmpint (box_event_get_starts_at (event), ==, STARTED);

  event = g_ptr_array_index (events, 3);
  g_assert_cmpstr (box_event_get_id (event), ==, "4");
  g_assert_cmpstr (box_event_get_name (event), ==, "4");
  g_assert_cmpint (box_event_get_starts_at (event), ==, 0);
  g_assert_cmpint (box_event_get_ends_at (event), ==, 0);

  event = g_ptr_array_index (events, 4);
  g_assert_cmpstr (box_event_get_id (event), ==, "5");
  g_assert_cmpstr (box_event_get_name (event), ==, "By id");

  event = g_ptr_array_index (events, 5);
  g_assert_cmpstr (box_event_get_id (event), ==, "6");
  g_assert_cmpstr (box_event_get_name (event), ==, "URI id");

  /* Page 1 of an empty list. */
  {
    g_autoptr(GPtrArray) empty = box_ticketing_parse_events ("{\"total\":0,\"page\":1,\"records\":25,\"entries\":[]}",
                                                             -1, "acc", &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (empty->len, ==, 0);
    g_assert_cmpuint (total, ==, 0);
  }
  {
    g_autoptr(GPtrArray) none = box_ticketing_parse_events ("{\"entries\":{}}", -1, "acc", &total, &error);
    g_assert_null (none);
    assert_malformed (error);
  }
}

static void
test_event_sections (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) sections = NULL;
  g_autoptr(BoxEvent) event = box_ticketing_parse_event (event_reply, -1, "acc", &sections, &error);
  g_autoptr(BoxEvent) without = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (box_event_get_account_id (event), ==, "acc");
  g_assert_cmpstr (box_event_get_id (event), ==, EVENT_ID);
  g_assert_cmpstr (box_event_get_name (event), ==, "Carnival Fete 2026");
  g_assert_cmpint (box_event_get_starts_at (event), ==, CARNIVAL_START);
  g_assert_cmpint (box_event_get_ends_at (event), ==, CARNIVAL_END);

  /* Event-relative "/sections/17001": the same ids as the token's and the tickets'. */
  g_assert_nonnull (sections);
  g_assert_cmpuint (g_hash_table_size (sections), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (sections, "17001"), ==, "General Admission");
  g_assert_cmpstr (g_hash_table_lookup (sections, "17002"), ==, "VIP");
  g_assert_cmpstr (g_hash_table_lookup (sections, "17003"), ==, "Backstage");
  g_assert_true (g_hash_table_contains (sections, "17004"));
  g_assert_null (g_hash_table_lookup (sections, "17004"));
  g_assert_false (g_hash_table_contains (sections, "17005"));

  /* The caller need not want the sections. */
  without = box_ticketing_parse_event (event_reply, -1, "acc", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_event_get_id (without), ==, EVENT_ID);

  {
    GHashTable *untouched = (GHashTable *)GINT_TO_POINTER (1);
    g_autoptr(BoxEvent) none = box_ticketing_parse_event ("{\"title\":\"No id\",\"sections\":[]}", -1, "acc",
                                                          &untouched, &error);
    g_assert_null (none);
    assert_malformed (error);
    g_assert_true (untouched == GINT_TO_POINTER (1));
  }
}

/* ---- Tickets ------------------------------------------------------------------- */

static void
test_tickets (void)
{
  g_autoptr(GError) error = NULL;
  guint total = 0;
  g_autoptr(GPtrArray) tickets = box_ticketing_parse_tickets (tickets_reply, -1, NULL, &total, &error);
  BoxAttendee *a;

  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 120);
  g_assert_cmpuint (tickets->len, ==, 5);

  /* Not admitted: "N/A" is no time. */
  a = g_ptr_array_index (tickets, 0);
  g_assert_cmpstr (box_attendee_get_code (a), ==, "DAWIER-BACK75580348");
  g_assert_cmpstr (box_attendee_get_first_name (a), ==, "Shanice");
  g_assert_cmpstr (box_attendee_get_last_name (a), ==, "Dvořák");
  g_assert_cmpstr (box_attendee_get_name (a), ==, "Shanice Dvořák");
  g_assert_cmpstr (box_attendee_get_email (a), ==, "shanice.dvorak25@example.com");
  g_assert_cmpstr (box_attendee_get_ticket_type (a), ==, "General Admission");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PAID);
  g_assert_false (box_attendee_get_checked_in (a));
  g_assert_cmpint (box_attendee_get_checked_in_at (a), ==, 0);
  g_assert_cmpint (box_attendee_get_updated_at (a), ==, STARTED);
  g_assert_true (box_attendee_get_valid_here (a));
  assert_detail (a, "Section", "General Admission");
  assert_detail (a, "Account", "AZ-4918SF92");
  assert_detail (a, "Username", "shanice.dvorak25");
  assert_detail (a, "_section_id", "17001");
  assert_detail (a, "TickeTing status", NULL);

  /* Admitted, at the time in "redeemed"; a 13-character serial is kept as it is. */
  a = g_ptr_array_index (tickets, 1);
  g_assert_cmpstr (box_attendee_get_code (a), ==, "W1ZTYS-7Q8B6N0T5RXCX");
  g_assert_cmpstr (box_attendee_get_name (a), ==, "Ülle Nguyễn");
  g_assert_cmpstr (box_attendee_get_ticket_type (a), ==, "VIP");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PAID);
  g_assert_true (box_attendee_get_checked_in (a));
  g_assert_cmpint (box_attendee_get_checked_in_at (a), ==, STARTED);
  g_assert_cmpint (box_attendee_get_updated_at (a), ==, STARTED);
  assert_detail (a, "_section_id", "17002");

  /* An open transfer; no names: the username. */
  a = g_ptr_array_index (tickets, 2);
  g_assert_cmpstr (box_attendee_get_code (a), ==, "VVT1AN-SDWZWZR7Q9JA");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PENDING);
  g_assert_false (box_attendee_get_checked_in (a));
  g_assert_null (box_attendee_get_first_name (a));
  g_assert_null (box_attendee_get_last_name (a));
  g_assert_cmpstr (box_attendee_get_name (a), ==, "nadia.ramdeen35");
  assert_detail (a, "TickeTing status", "Pending");

  /* Refunded; empty names are no names. */
  a = g_ptr_array_index (tickets, 3);
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_CANCELLED);
  g_assert_cmpstr (box_attendee_get_name (a), ==, "francois.joseph45");
  g_assert_cmpstr (box_attendee_get_ticket_type (a), ==, "Backstage");
  assert_detail (a, "TickeTing status", "Void");

  /* Numbers for strings; a section as a bare URI has no name but still an id. */
  a = g_ptr_array_index (tickets, 4);
  g_assert_cmpstr (box_attendee_get_code (a), ==, "123456789");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_UNKNOWN);
  g_assert_null (box_attendee_get_ticket_type (a));
  g_assert_false (box_attendee_get_checked_in (a));
  g_assert_cmpint (box_attendee_get_updated_at (a), ==, 0);
  assert_detail (a, "_section_id", "17002");
  assert_detail (a, "Account", NULL);
}

static void
test_tickets_statuses (void)
{
  static const struct { const char *status; BoxAttendeeStatus expected; gboolean in; } cases[] = {
    { "Issued", BOX_ATTENDEE_STATUS_PAID, FALSE },
    { "issued", BOX_ATTENDEE_STATUS_PAID, FALSE },
    { "Valid", BOX_ATTENDEE_STATUS_PAID, FALSE },
    { "Redeemed", BOX_ATTENDEE_STATUS_PAID, TRUE },
    { "Admitted", BOX_ATTENDEE_STATUS_PAID, TRUE },
    { "Pending", BOX_ATTENDEE_STATUS_PENDING, FALSE },
    { "Transferring", BOX_ATTENDEE_STATUS_PENDING, FALSE },
    { "Void", BOX_ATTENDEE_STATUS_CANCELLED, FALSE },
    { "VOID", BOX_ATTENDEE_STATUS_CANCELLED, FALSE },
    { "Cancelled", BOX_ATTENDEE_STATUS_CANCELLED, FALSE },
    { "Refunded", BOX_ATTENDEE_STATUS_CANCELLED, FALSE },
    { "Something New", BOX_ATTENDEE_STATUS_UNKNOWN, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("{\"total\":1,\"entries\":[{\"serial\":\"S\",\"status\":\"%s\","
                                               "\"redeemed\":\"N/A\"}]}", cases[i].status);
      g_autoptr(GPtrArray) tickets = box_ticketing_parse_tickets (text, -1, NULL, NULL, &error);
      BoxAttendee *a;

      g_test_message ("%s", cases[i].status);
      g_assert_no_error (error);
      g_assert_cmpuint (tickets->len, ==, 1);
      a = g_ptr_array_index (tickets, 0);
      g_assert_cmpint (box_attendee_get_status (a), ==, cases[i].expected);
      g_assert_cmpint (box_attendee_get_checked_in (a), ==, cases[i].in);
      g_assert_cmpint (box_attendee_get_checked_in_at (a), ==, 0);
    }
}

static void
test_tickets_valid_here (void)
{
  static const char * const doors[] = { "17001", NULL };
  static const char * const two[] = { "17001", "17002", NULL };
  static const char * const everywhere[] = { NULL };
  static const struct { const char * const *admit; gboolean valid[5]; } cases[] = {
    { NULL, { TRUE, TRUE, TRUE, TRUE, TRUE } },
    { everywhere, { TRUE, TRUE, TRUE, TRUE, TRUE } },
    { doors, { TRUE, FALSE, TRUE, FALSE, FALSE } },
    { two, { TRUE, TRUE, TRUE, FALSE, TRUE } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) tickets = box_ticketing_parse_tickets (tickets_reply, -1, cases[i].admit, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (tickets->len, ==, 5);
      for (guint k = 0; k < tickets->len; k++)
        {
          g_test_message ("case %u, ticket %u", i, k);
          g_assert_cmpint (box_attendee_get_valid_here (g_ptr_array_index (tickets, k)), ==, cases[i].valid[k]);
        }
    }

  /* A ticket without a section is not valid at a desk of some sections only. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) tickets = box_ticketing_parse_tickets ("[{\"serial\":\"S\",\"status\":\"Issued\"}]", -1,
                                                                doors, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (box_attendee_get_valid_here (g_ptr_array_index (tickets, 0)));
  }
}

static void
test_tickets_pages (void)
{
  g_autoptr(GError) error = NULL;
  guint total = 99;
  g_autoptr(GPtrArray) empty = box_ticketing_parse_tickets ("{\"total\":0,\"page\":1,\"records\":25,\"entries\":[]}",
                                                            -1, NULL, &total, &error);
  g_autoptr(GPtrArray) no_total = NULL;
  g_autoptr(GPtrArray) negative = NULL;
  static const char padded[] = "{\"entries\":[{\"serial\":\"A\"},{\"serial\":\"B\"}]}GARBAGE";

  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (total, ==, 0);

  /* No "total": the entries; the length given is the length read. */
  no_total = box_ticketing_parse_tickets (padded, strlen (padded) - strlen ("GARBAGE"), NULL, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (no_total->len, ==, 2);
  g_assert_cmpuint (total, ==, 2);

  negative = box_ticketing_parse_tickets ("{\"total\":-5,\"entries\":[{\"serial\":\"A\"}]}", -1, NULL, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);

  {
    static const char * const bad[] = { "{\"total\":3}", "{\"entries\":null}", "{\"entries\":\"[]\"}", "42",
                                         "{\"total\":1,\"entries\":[", padded };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) e = NULL;
        g_autoptr(GPtrArray) t = box_ticketing_parse_tickets (bad[i], -1, NULL, &total, &e);

        g_test_message ("%s", bad[i]);
        g_assert_null (t);
        assert_malformed (e);
      }
  }
}

/* Serials with white space around them, and placeholder times. */
static void
test_tickets_edges (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickets =
    box_ticketing_parse_tickets ("[{\"serial\":\" PAD001-000000000001\\n\",\"status\":\"Issued\","
                                 "\"issued\":\"0001-01-01T00:00:00+00:00\",\"redeemed\":\"0001-01-01T00:00:00+00:00\"},"
                                 "{\"serial\":\"\\t\"},"
                                 "{\"serial\":\"OLD001-000000000001\",\"status\":\"Issued\","
                                 "\"redeemed\":\"1969-07-20T20:17:40Z\"}]", -1, NULL, NULL, &error);
  g_autoptr(GPtrArray) admissions =
    box_ticketing_parse_admissions ("[{\"ticket\":\" PAD001-000000000001 \",\"device\":\"Gate 1\","
                                    "\"admitted\":\"0001-01-01T00:00:00Z\"},{\"ticket\":\" \"}]", -1, NULL, &error);
  BoxTicketingAdmission *ad;
  BoxAttendee *a;

  g_assert_no_error (error);
  g_assert_cmpuint (tickets->len, ==, 2);
  a = g_ptr_array_index (tickets, 0);
  g_assert_cmpstr (box_attendee_get_code (a), ==, "PAD001-000000000001");
  g_assert_false (box_attendee_get_checked_in (a));
  g_assert_cmpint (box_attendee_get_checked_in_at (a), ==, 0);
  g_assert_cmpint (box_attendee_get_updated_at (a), ==, 0);
  a = g_ptr_array_index (tickets, 1);
  g_assert_false (box_attendee_get_checked_in (a));
  g_assert_cmpint (box_attendee_get_checked_in_at (a), ==, 0);

  g_assert_cmpuint (admissions->len, ==, 1);
  ad = g_ptr_array_index (admissions, 0);
  g_assert_cmpstr (ad->serial, ==, "PAD001-000000000001");
  g_assert_cmpint (ad->admitted, ==, 0);
  g_assert_cmpstr (box_attendee_get_code (ad->attendee), ==, "PAD001-000000000001");
  g_assert_true (box_attendee_get_checked_in (ad->attendee));
  g_assert_cmpint (box_attendee_get_checked_in_at (ad->attendee), ==, 0);
}

/* ---- Admissions ---------------------------------------------------------------- */

static void
test_admissions_page (void)
{
  g_autoptr(GError) error = NULL;
  guint total = 0;
  g_autoptr(GPtrArray) admissions = box_ticketing_parse_admissions (admissions_reply, -1, &total, &error);
  BoxTicketingAdmission *ad;
  BoxAttendee *a;

  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 6);
  g_assert_cmpuint (admissions->len, ==, 3);

  ad = g_ptr_array_index (admissions, 0);
  g_assert_cmpstr (ad->serial, ==, "GC1E1Q-U38J0B0YBXN3");
  g_assert_cmpstr (ad->device, ==, "Gate 1");
  g_assert_cmpstr (ad->redeemer, ==, "Dora Staff");
  g_assert_cmpstr (ad->section_id, ==, "17001");
  g_assert_cmpint (ad->admitted, ==, ADMITTED);
  /* The ticket as the admission describes it: the patron is its owner. */
  a = ad->attendee;
  g_assert_nonnull (a);
  g_assert_cmpstr (box_attendee_get_code (a), ==, "GC1E1Q-U38J0B0YBXN3");
  g_assert_cmpstr (box_attendee_get_name (a), ==, "Łukasz Dvořák");
  g_assert_cmpstr (box_attendee_get_email (a), ==, "lukasz.dvorak42@example.com");
  g_assert_cmpstr (box_attendee_get_ticket_type (a), ==, "General Admission");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PAID);
  g_assert_true (box_attendee_get_checked_in (a));
  g_assert_cmpint (box_attendee_get_checked_in_at (a), ==, ADMITTED);
  g_assert_true (box_attendee_get_valid_here (a));
  assert_detail (a, "_checked_in_by", "Gate 1");
  assert_detail (a, "_section_id", "17001");
  assert_detail (a, "Account", "IO-J7520IAT");

  /* The ticket as an object; a session-style time; no device: nothing "checked in by". */
  ad = g_ptr_array_index (admissions, 1);
  g_assert_cmpstr (ad->serial, ==, "VWS09P-3APMJC5TR2EO");
  g_assert_cmpstr (ad->device, ==, "");
  g_assert_cmpstr (ad->section_id, ==, "17002");
  g_assert_cmpint (ad->admitted, ==, ADMITTED);
  g_assert_cmpstr (box_attendee_get_name (ad->attendee), ==, "aaliyah.muller37");
  g_assert_null (box_attendee_get_ticket_type (ad->attendee));
  g_assert_true (box_attendee_get_checked_in (ad->attendee));
  assert_detail (ad->attendee, "_checked_in_by", NULL);

  /* "serial" for "ticket"; nothing else. */
  ad = g_ptr_array_index (admissions, 2);
  g_assert_cmpstr (ad->serial, ==, "V0Y9MK-QG2DR460WICT");
  g_assert_null (ad->device);
  g_assert_null (ad->redeemer);
  g_assert_null (ad->section_id);
  g_assert_cmpint (ad->admitted, ==, 0);
  g_assert_true (box_attendee_get_checked_in (ad->attendee));
  g_assert_cmpint (box_attendee_get_checked_in_at (ad->attendee), ==, 0);
}

static void
test_admissions_post (void)
{
  g_autoptr(GError) error = NULL;
  guint total = 0;
  g_autoptr(GPtrArray) admitted = box_ticketing_parse_admissions (admit_reply, -1, &total, &error);
  BoxTicketingAdmission *ad;

  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpuint (admitted->len, ==, 2);

  ad = g_ptr_array_index (admitted, 0);
  g_assert_cmpstr (ad->serial, ==, "W1ZTYS-7Q8B6N0T5RXC");
  g_assert_cmpstr (ad->device, ==, "Box Office desk 1");
  g_assert_cmpstr (ad->redeemer, ==, "Dora Staff");
  g_assert_cmpint (ad->admitted, ==, ADMITTED);
  g_assert_cmpstr (box_attendee_get_name (ad->attendee), ==, "Björn Williams");
  g_assert_cmpint (box_attendee_get_checked_in_at (ad->attendee), ==, ADMITTED);
  assert_detail (ad->attendee, "_checked_in_by", "Box Office desk 1");

  ad = g_ptr_array_index (admitted, 1);
  g_assert_cmpstr (ad->serial, ==, "LOOR89-J8URJGX8OA5W");
  g_assert_cmpstr (ad->section_id, ==, "17002");
  g_assert_cmpstr (box_attendee_get_ticket_type (ad->attendee), ==, "VIP");

  /* Nothing admitted would be a 400; an empty array still reads. */
  {
    g_autoptr(GPtrArray) none = box_ticketing_parse_admissions ("[]", -1, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (total, ==, 0);
  }
  {
    g_autoptr(GPtrArray) none =
      box_ticketing_parse_admissions ("{\"error\":\"None of the provided ticket serials grants admission to this event\"}",
                                      -1, &total, &error);
    g_assert_null (none);
    assert_malformed (error);
  }
}

/* ---- Statistics ---------------------------------------------------------------- */

static void
assert_figures (BoxEventStats      *stats,
                const char * const *expected)
{
  GArray *figures = box_event_stats_get_figures (stats);
  guint n = 0;

  for (; expected[2 * n] != NULL; n++)
    {
      BoxStatFigure *figure;

      g_assert_cmpuint (n, <, figures->len);
      figure = &g_array_index (figures, BoxStatFigure, n);
      g_assert_cmpstr (figure->key, ==, expected[2 * n]);
      g_assert_cmpstr (figure->value, ==, expected[2 * n + 1]);
      g_assert_nonnull (figure->label);
      g_assert_cmpstr (figure->label, !=, "");
    }
  g_assert_cmpuint (figures->len, ==, n);
}

static void
test_statistics (void)
{
  static const char * const emulator[] = {
    "tickets_sold", "40", "capacity", "60", "orders", "27", "admitted", "6", "revenue", "12345.50 USD", NULL
  };
  static const char * const alternate[] = {
    "tickets_sold", "12", "capacity", "100", "orders", "9", "admitted", "3", "revenue", "99.90", NULL
  };
  static const char * const object_total[] = { "tickets_sold", "5", "orders", "2", "revenue", "10.00", NULL };
  static const char * const zero[] = { "tickets_sold", "0", "revenue", "0.00 TTD", NULL };
  static const char * const revenue_only[] = { "revenue", "1620.00", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxEventStats) stats = NULL;

  /* Emulator; money stays the decimal text it came as. */
  stats = box_ticketing_parse_statistics ("{\"event\":\"" EVENT_URI "\",\"revenues\":{\"amount\":\"12345.50\","
                                          "\"currency\":\"USD\"},\"ticketsSold\":40,\"capacity\":60,\"orders\":27,"
                                          "\"admissions\":6,\"sections\":[{\"self\":\"" EVENT_URI "/sections/17001\","
                                          "\"name\":\"General Admission\",\"capacity\":35,\"sold\":30,\"admitted\":6}]}",
                                          -1, &error);
  g_assert_no_error (error);
  assert_figures (stats, emulator);
  g_clear_object (&stats);

  /* Other names, numbers as strings, revenue as plain text. */
  stats = box_ticketing_parse_statistics ("{\"tickets_sold\":\"12\",\"ticket_capacity\":100,\"total_orders\":\"9\","
                                          "\"admitted\":3,\"revenue\":\"99.90\"}", -1, &error);
  g_assert_no_error (error);
  assert_figures (stats, alternate);
  g_clear_object (&stats);

  stats = box_ticketing_parse_statistics ("{\"sold\":5,\"totalOrders\":2,\"capacity\":\"\","
                                          "\"revenue\":{\"total\":\"10.00\"}}", -1, &error);
  g_assert_no_error (error);
  assert_figures (stats, object_total);
  g_clear_object (&stats);

  /* Zero is a figure. */
  stats = box_ticketing_parse_statistics ("{\"ticketsSold\":0,\"revenues\":{\"value\":\"0.00\",\"currency\":\"TTD\"}}",
                                          -1, &error);
  g_assert_no_error (error);
  assert_figures (stats, zero);
  g_clear_object (&stats);

  stats = box_ticketing_parse_statistics ("{\"revenues\":\"1620.00\",\"ticketsSold\":null}", -1, &error);
  g_assert_no_error (error);
  assert_figures (stats, revenue_only);
  g_clear_object (&stats);

  {
    static const char * const bad[] = {
      "{\"event\":\"" EVENT_URI "\",\"sections\":[]}",
      "{}",
      "{\"ticketsSold\":null,\"capacity\":\"\",\"revenues\":{\"currency\":\"USD\"}}",
      "{\"ticketsSold\":[1],\"orders\":{}}",
      "[{\"ticketsSold\":1}]",
      "{\"message\":\"You are restricted from accessing this resource.\"}",
      "{\"ticketsSold\":",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) e = NULL;
        g_autoptr(BoxEventStats) s = box_ticketing_parse_statistics (bad[i], -1, &e);

        g_test_message ("%s", bad[i]);
        g_assert_null (s);
        assert_malformed (e);
      }
  }
}

/* ---- Errors -------------------------------------------------------------------- */

static void
test_read_error (void)
{
  static const struct { guint status; const char *body; const char *expected; } cases[] = {
    { 412, "{\"error\":\"Please upgrade your client to complete this request\"}",
      "Please upgrade your client to complete this request" },
    { 401, "{\"message\": \"Your request could not be authenticated.\"}", "Your request could not be authenticated." },
    { 403, "{\"message\":\"You are restricted from accessing this resource.\"}",
      "You are restricted from accessing this resource." },
    { 404, "{\"error\":\"The provided code does not belong to any event token\"}",
      "The provided code does not belong to any event token" },
    { 400, "{\"error\":\"None of the provided ticket serials grants admission to this event\"}",
      "None of the provided ticket serials grants admission to this event" },
    { 409, "{\"error\":{\"code\":409,\"message\":\"The global admission token cannot be modified or invalidated.\"}}",
      "The global admission token cannot be modified or invalidated." },
    { 400, "{\"error\":null,\"message\":\"Both\"}", "Both" },
    { 400, "{\"error\":\"  padded \\n\"}", "padded" },
    /* One line. */
    { 500, "{\"message\":\"line one\\nline two\\r\\n\"}", "line one line two" },
    { 400, "{\"error\":\"Ünïcödé ✓\"}", "Ünïcödé ✓" },
    { 400, "{\"error\":\"\\377\",\"message\":\"UTF-8 only\"}", "UTF-8 only" },
    { 400, "{\"errors\":[\"not ours\"]}", NULL },
    { 400, "{}", NULL },
    { 502, "Bad Gateway\nnginx", "Bad Gateway" },
    { 503, "  Service Unavailable  ", "Service Unavailable" },
    { 502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", NULL },
    { 500, "<!DOCTYPE html>\n<html><body>Server Error</body></html>", NULL },
    { 500, "", NULL },
    { 500, "\n", NULL },
    { 400, "\xff\xfe", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = bytes (cases[i].body);
      g_autofree char *message = NULL;
      int retry_after = 7;

      box_ticketing_read_error (cases[i].status, body, &message, &retry_after);
      {
        g_autofree char *shown = g_strescape (cases[i].body, NULL);
        g_test_message ("%u %s -> %s", cases[i].status, shown, message);
      }
      g_assert_cmpint (retry_after, ==, -1);
      g_assert_cmpstr (message, ==, cases[i].expected);
    }

  {
    g_autofree char *message = (char *)1;
    int retry_after = 7;

    box_ticketing_read_error (500, NULL, &message, &retry_after);
    g_assert_null (message);
    g_assert_cmpint (retry_after, ==, -1);
  }
}

static void
test_read_error_sizes (void)
{
  g_autoptr(GString) long_text = g_string_new ("{\"error\":\"");
  g_autofree char *message = NULL;
  int retry_after = 0;

  /* A long message is cut at 300 characters, not inside one. */
  for (guint i = 0; i < 500; i++)
    g_string_append (long_text, "é");
  g_string_append (long_text, "\"}");
  {
    g_autoptr(GBytes) body = bytes (long_text->str);
    box_ticketing_read_error (400, body, &message, &retry_after);
  }
  g_assert_nonnull (message);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (message, -1), ==, 300);
  g_clear_pointer (&message, g_free);

  /* A huge body is not read. */
  {
    gsize n = 1024 * 1024;
    g_autofree char *huge = g_malloc (n);
    g_autoptr(GBytes) body = NULL;

    memset (huge, 'x', n);
    memcpy (huge, "{\"error\":\"", 10);
    memcpy (huge + n - 2, "\"}", 2);
    body = g_bytes_new_static (huge, n);
    box_ticketing_read_error (400, body, &message, &retry_after);
    g_assert_null (message);
    g_assert_cmpint (retry_after, ==, -1);
  }

  /* Deep nesting: refused before json-glib's recursion. */
  {
    static const char * const chunks[] = { "[", "{\"error\":", "[\"" };

    for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
      {
        g_autoptr(GString) deep = g_string_new (NULL);
        g_autoptr(GBytes) body = NULL;

        for (guint i = 0; i < 100000 && deep->len < 60000; i++)
          g_string_append (deep, chunks[c]);
        body = bytes (deep->str);
        box_ticketing_read_error (400, body, &message, &retry_after);
        g_assert_true (message == NULL || g_utf8_validate (message, -1, NULL));
        g_clear_pointer (&message, g_free);
      }
  }
}

/* ---- Malformed replies --------------------------------------------------------- */

typedef enum
{
  PARSE_SESSION,
  PARSE_TOKEN,
  PARSE_HOSTS,
  PARSE_EVENTS,
  PARSE_EVENT,
  PARSE_TICKETS,
  PARSE_ADMISSIONS,
  PARSE_STATISTICS,
  N_PARSERS
} Parser;

/* Whether @parser read @data; frees what it made. */
static gboolean
parse_with (Parser       parser,
            const char  *data,
            gssize       len,
            GError     **error)
{
  switch (parser)
    {
    case PARSE_SESSION:
      {
        g_autoptr(BoxTicketingSession) s = box_ticketing_parse_session (data, len, error);
        return s != NULL;
      }
    case PARSE_TOKEN:
      {
        g_autoptr(BoxTicketingToken) t = box_ticketing_parse_token (data, len, error);
        return t != NULL;
      }
    case PARSE_HOSTS:
      {
        g_autoptr(GPtrArray) a = box_ticketing_parse_hosts (data, len, NULL, error);
        return a != NULL;
      }
    case PARSE_EVENTS:
      {
        g_autoptr(GPtrArray) a = box_ticketing_parse_events (data, len, "acc", NULL, error);
        return a != NULL;
      }
    case PARSE_EVENT:
      {
        g_autoptr(GHashTable) sections = NULL;
        g_autoptr(BoxEvent) e = box_ticketing_parse_event (data, len, "acc", &sections, error);
        return e != NULL;
      }
    case PARSE_TICKETS:
      {
        g_autoptr(GPtrArray) a = box_ticketing_parse_tickets (data, len, NULL, NULL, error);
        return a != NULL;
      }
    case PARSE_ADMISSIONS:
      {
        g_autoptr(GPtrArray) a = box_ticketing_parse_admissions (data, len, NULL, error);
        return a != NULL;
      }
    case PARSE_STATISTICS:
      {
        g_autoptr(BoxEventStats) s = box_ticketing_parse_statistics (data, len, error);
        return s != NULL;
      }
    case N_PARSERS:
    default:
      g_assert_not_reached ();
    }
}

static void
test_malformed (void)
{
  static const char * const bodies[] = {
    "",
    " \n ",
    "{",
    "{\"key\":\"k\",\"entries\":[",
    "{\"total\":1,\"entries\":[{\"serial\":\"S\"}]",
    "{\"key\":\"k\" \"event\":\"/events/1\"}",
    "\"just a string\"",
    "42",
    "null",
    "true",
    "<html><body>502 Bad Gateway</body></html>",
    "\xff\xfe{}",
    "{\"key\":\"\xff\"}",
  };
  g_autofree char *deep_arrays = g_strnfill (100000, '[');
  g_autoptr(GString) deep_objects = g_string_new ("{\"entries\":");
  g_autoptr(GString) deep_page = g_string_new ("{\"key\":\"k\",\"event\":\"/events/1\",\"entries\":[");

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep_objects, "{\"a\":");
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep_page, "[");

  for (Parser p = 0; p < N_PARSERS; p++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
        {
          g_autoptr(GError) error = NULL;

          {
            g_autofree char *shown = g_strescape (bodies[i], NULL);
            g_test_message ("parser %d: %s", p, shown);
          }
          g_assert_false (parse_with (p, bodies[i], -1, &error));
          assert_malformed (error);
        }

      /* NULL, and nested 100000 deep: an error, not a crash. */
      {
        g_autoptr(GError) error = NULL;
        g_assert_false (parse_with (p, NULL, 0, &error));
        assert_malformed (error);
      }
      {
        const char *deep[] = { deep_arrays, deep_objects->str, deep_page->str };

        for (guint k = 0; k < G_N_ELEMENTS (deep); k++)
          {
            g_autoptr(GError) error = NULL;
            g_assert_false (parse_with (p, deep[k], -1, &error));
            assert_malformed (error);
          }
      }
      /* Without a GError to set. */
      g_assert_false (parse_with (p, "{", -1, NULL));
    }

  /* Brackets inside strings do not count as nesting. */
  {
    g_autoptr(GString) text = g_string_new ("{\"key\":\"");
    g_autoptr(GError) error = NULL;
    g_autoptr(BoxTicketingSession) session = NULL;

    for (guint i = 0; i < 10000; i++)
      g_string_append (text, "[{");
    g_string_append (text, "\"}");
    session = box_ticketing_parse_session (text->str, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (strlen (session->key), ==, 20000);
  }
}

/* ---- Helpers ------------------------------------------------------------------- */

static void
test_id_from_uri (void)
{
  static const struct { const char *uri; const char *id; } cases[] = {
    { "/events/16993964783416", "16993964783416" },
    { "/events/16993964783416/sections/17001", "17001" },
    { "/sections/17001", "17001" },
    { "/sections/17001/", "17001" },
    { "/accounts/AZ-4918SF92", "AZ-4918SF92" },
    { "17001", "17001" },
    { "", NULL },
    { "/", NULL },
    { "///", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = box_ticketing_id_from_uri (cases[i].uri);
      g_assert_cmpstr (id, ==, cases[i].id);
    }
}

static void
test_parse_datetime (void)
{
  static const struct { const char *text; gint64 expected; } cases[] = {
    { "2024-02-21 14:59:18", STARTED },
    { "2024-02-21T14:59:18", STARTED },
    { "2024-02-21T14:59:18Z", STARTED },
    { "2024-02-21T14:59:18+00:00", STARTED },
    { "2024-02-21T16:59:18+02:00", STARTED },
    { "2024-02-21T14:59:18.500+00:00", STARTED },
    { "2024-02-21T14:59:18-05:30", 1708547358 },
    { "2024-02-21 16:59:18+02:00", STARTED },
    { "2024-02-21", 1708473600 },
    { "9999-12-31T23:59:59.999Z", G_GINT64_CONSTANT (253402300799) },
    /* An offset past the year 9999 in UTC (found by fuzz-ticketing-session): no time. */
    { "9999-12-31T23:59:59-01:00", 0 },
    /* Before 1970: a placeholder, no time. */
    { "0001-01-01T00:00:00Z", 0 },
    { "1969-12-31T23:59:59Z", 0 },
    { "1970-01-01T00:00:01Z", 1 },
    { "N/A", 0 },
    { "n/a", 0 },
    { "", 0 },
    { NULL, 0 },
    { "tomorrow at noon", 0 },
    { "2024-13-45T99:99:99Z", 0 },
    { "2024-02-21T14:59:18+00:00 and a great deal of text after it, far too long to be a time", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (box_ticketing_parse_datetime (cases[i].text), ==, cases[i].expected);
    }
}

static void
test_format_datetime (void)
{
  static const gint64 times[] = { 0, 1, STARTED, CARNIVAL_END, G_GINT64_CONSTANT (253402300799) };
  g_autofree char *started = box_ticketing_format_datetime (STARTED);
  g_autofree char *epoch = box_ticketing_format_datetime (0);
  g_autofree char *far = box_ticketing_format_datetime (G_MAXINT64);

  g_assert_cmpstr (started, ==, "2024-02-21T14:59:18Z");
  g_assert_cmpstr (epoch, ==, "1970-01-01T00:00:00Z");
  /* Out of GDateTime's range: still something the server can read. */
  g_assert_cmpstr (far, ==, "1970-01-01T00:00:00Z");
  {
    g_autofree char *before = box_ticketing_format_datetime (-86400);
    g_assert_cmpstr (before, ==, "1969-12-31T00:00:00Z");
  }

  /* For modified_since: what is written reads back the same. */
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *text = box_ticketing_format_datetime (times[i]);

      g_assert_true (g_str_has_suffix (text, "Z"));
      g_assert_cmpint (box_ticketing_parse_datetime (text), ==, times[i]);
    }
}

/* ---- Size ---------------------------------------------------------------------- */

static void
test_big_page (void)
{
  const guint n = 20000;
  g_autoptr(GString) text = g_string_sized_new (n * 420);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  static const char * const doors[] = { "17002", NULL };
  guint total = 0, valid = 0, in = 0;
  double seconds;

  g_string_append_printf (text, "{\"total\":%u,\"page\":1,\"records\":%u,\"entries\":[", n, n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "%s{\"serial\":\"ABC%03u-%012u\",\"status\":\"%s\",\"section\":{\"self\":\"" EVENT_URI
                            "/sections/%u\",\"name\":\"Section %u\"},\"owner\":{\"self\":\"/accounts/AZ-%08u\","
                            "\"number\":\"AZ-%08u\",\"username\":\"user%u\",\"email\":\"user%u@example.com\","
                            "\"firstName\":\"First%u\",\"lastName\":\"Last%u\"},"
                            "\"issued\":\"2024-02-21T14:59:18+00:00\",\"redeemed\":%s}",
                            i ? "," : "", i % 1000, i, i % 50 ? "Issued" : "Void", 17001 + i % 3, i % 3,
                            i, i, i, i, i, i, i % 10 ? "\"N/A\"" : "\"2024-02-21T15:02:11+00:00\"");
  g_string_append (text, "]}");

  g_test_timer_start ();
  tickets = box_ticketing_parse_tickets (text->str, text->len, doors, &total, &error);
  seconds = g_test_timer_elapsed ();
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, n);
  g_assert_cmpuint (tickets->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      BoxAttendee *a = g_ptr_array_index (tickets, i);
      valid += box_attendee_get_valid_here (a);
      in += box_attendee_get_checked_in (a);
    }
  g_assert_cmpuint (valid, ==, (n + 1) / 3);
  g_assert_cmpuint (in, ==, n / 10);
  g_test_message ("%u tickets, %.1f MB, parsed in %.2f s", n, text->len / 1e6, seconds);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ticketing/session", test_session);
  g_test_add_func ("/ticketing/session/accounts", test_session_accounts);
  g_test_add_func ("/ticketing/session/errors", test_session_errors);
  g_test_add_func ("/ticketing/token", test_token);
  g_test_add_func ("/ticketing/token/shapes", test_token_shapes);
  g_test_add_func ("/ticketing/token/errors", test_token_errors);
  g_test_add_func ("/ticketing/hosts", test_hosts);
  g_test_add_func ("/ticketing/events", test_events);
  g_test_add_func ("/ticketing/event/sections", test_event_sections);
  g_test_add_func ("/ticketing/tickets", test_tickets);
  g_test_add_func ("/ticketing/tickets/statuses", test_tickets_statuses);
  g_test_add_func ("/ticketing/tickets/valid-here", test_tickets_valid_here);
  g_test_add_func ("/ticketing/tickets/pages", test_tickets_pages);
  g_test_add_func ("/ticketing/tickets/edges", test_tickets_edges);
  g_test_add_func ("/ticketing/tickets/big", test_big_page);
  g_test_add_func ("/ticketing/admissions/page", test_admissions_page);
  g_test_add_func ("/ticketing/admissions/post", test_admissions_post);
  g_test_add_func ("/ticketing/statistics", test_statistics);
  g_test_add_func ("/ticketing/read-error", test_read_error);
  g_test_add_func ("/ticketing/read-error/sizes", test_read_error_sizes);
  g_test_add_func ("/ticketing/malformed", test_malformed);
  g_test_add_func ("/ticketing/id-from-uri", test_id_from_uri);
  g_test_add_func ("/ticketing/datetime/parse", test_parse_datetime);
  g_test_add_func ("/ticketing/datetime/format", test_format_datetime);

  return g_test_run ();
}
