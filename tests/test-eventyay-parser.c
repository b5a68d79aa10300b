/* test-eventyay-parser.c: the Eventyay / pretixdroid API v3 replies -> models, no server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The doc_* replies are the examples of the API documentation
 * (/work/shared/api/eventyay-droid-api-v3.txt), verbatim: Python literals, trailing and
 * missing commas, "..." for more results.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "box-attendee.h"
#include "box-error.h"
#include "box-event.h"
#include "box-event-stats.h"
#include "box-eventyay-parser.h"
#include "box-question.h"

#define DOC_DATA \
  "{ \"secret\": \"az9u4mymhqktrbupmwkvv6xmgds5dk3\", \"order\": \"ABCDE\", \"item\": \"Standard ticket\", " \
  "\"item_id\": 1, \"variation\": null, \"variation_id\": null, \"attendee_name\": \"Peter Higgs\", " \
  "\"attention\": false, \"redeemed\": true, \"checkin_allowed\": true, \"addons_text\": \"Parking spot\", " \
  "\"paid\": true }"

static const char doc_redeem_ok[] =
  "{ \"status\": \"ok\" \"version\": 3, \"data\": " DOC_DATA " }";
static const char doc_redeem_incomplete[] =
  "{ \"status\": \"incomplete\" \"version\": 3 \"data\": " DOC_DATA ", \"questions\": [ { \"id\": 12, "
  "\"type\": \"C\", \"question\": \"Choose a shirt size\", \"required\": true, \"position\": 2, "
  "\"items\": [1], \"options\": [ { \"id\": 24, \"answer\": \"M\" }, { \"id\": 25, \"answer\": \"L\" } ] } ] }";
static const char doc_redeem_error_data[] =
  "{ \"status\": \"error\", \"reason\": \"already_redeemed\", \"version\": 3, \"data\": " DOC_DATA " }";
static const char doc_redeem_error[] =
  "{ \"status\": \"error\", \"reason\": \"unkown_ticket\", \"version\": 3 }";
static const char doc_search[] =
  "{ \"results\": [ { \"secret\": \"az9u4mymhqktrbupmwkvv6xmgds5dk3\", \"order\": \"ABCE6\", "
  "\"item\": \"Standard ticket\", \"variation\": null, \"attendee_name\": \"Peter Higgs\", "
  "\"redeemed\": false, \"attention\": false, \"checkin_allowed\": true, \"addons_text\": \"Parking spot\", "
  "\"paid\": true }, ... ], \"version\": 3 }";
static const char doc_download[] =
  "{ \"version\": 3, \"results\": [ { \"secret\": \"az9u4mymhqktrbupmwkvv6xmgds5dk3\", \"order\": \"ABCE6\", "
  "\"item\": \"Standard ticket\", \"variation\": null, \"attendee_name\": \"Peter Higgs\", "
  "\"redeemed\": false, \"attention\": false, \"checkin_allowed\": true, \"paid\": true }, ... ], "
  "\"questions\": [ { \"id\": 12, \"type\": \"C\", \"question\": \"Choose a shirt size\", \"required\": true, "
  "\"position\": 2, \"items\": [1], \"options\": [ { \"id\": 24, \"answer\": \"M\" }, "
  "{ \"id\": 25, \"answer\": \"L\" } ] } ] }";
static const char doc_status[] =
  "{ \"checkins\": 17, \"total\": 42, \"version\": 3, \"event\": { \"name\": \"Demo Conference\", "
  "\"slug\": \"democon\", \"date_from\": \"2016-12-27T17:00:00Z\", \"date_to\": \"2016-12-30T18:00:00Z\", "
  "\"timezone\": \"UTC\", \"url\": \"https://demo.eventyay.com/demoorga/democon/\", \"organizer\": "
  "{ \"name\": \"Demo Organizer\", \"slug\": \"demoorga\" }, }, \"items\": [ { \"name\": \"T-Shirt\", "
  "\"id\": 1, \"checkins\": 1, \"admission\": False, \"total\": 1, \"variations\": [ { \"name\": \"Red\", "
  "\"id\": 1, \"checkins\": 1, \"total\": 12 }, { \"name\": \"Blue\", \"id\": 2, \"checkins\": 4, "
  "\"total\": 8 } ] }, { \"name\": \"Ticket\", \"id\": 2, \"checkins\": 15, \"admission\": True, "
  "\"total\": 22, \"variations\": [] } ] }";

/* The status of GROUND-TRUTH.md: date_to null, subevent as the event's name. */
static const char real_status[] =
  "{\"version\":3,\"checkins\":17,\"total\":42,"
  "\"event\":{\"name\":\"Demo Conference\",\"list\":\"Main entrance\",\"slug\":\"democon\","
  "\"organizer\":{\"name\":\"Demo Organizer\",\"slug\":\"demoorga\"},\"subevent\":\"Demo Conference\","
  "\"date_from\":\"2016-12-27T17:00:00.250Z\",\"date_to\":null,\"timezone\":\"Europe/Berlin\","
  "\"url\":\"https://demo.eventyay.com/demoorga/democon/\"},"
  "\"items\":[{\"id\":2,\"name\":\"Ticket\",\"admission\":true,\"checkins\":15,\"total\":22,\"variations\":[]}]}";

#define DOC_FROM G_GINT64_CONSTANT (1482858000) /* 2016-12-27T17:00:00Z */
#define DOC_TO G_GINT64_CONSTANT (1483120800)   /* 2016-12-30T18:00:00Z */

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

/* ---- Repair -------------------------------------------------------------------- */

static void
test_repair (void)
{
  static const char input[] = "{\"a\": True, \"b\": [1, 2, ], 'c': \"True, ]\", \"d\": None,\n}";
  g_autofree char *fixed = box_eventyay_repair_json (input, strlen (input));
  g_autofree char *none = NULL;
  g_autofree char *words = NULL;
  g_autofree char *escaped = NULL;

  g_assert_cmpstr (fixed, ==, "{\"a\": true, \"b\": [1, 2  ], 'c': \"True, ]\", \"d\": null \n}");

  /* Valid JSON: nothing to repair. */
  none = box_eventyay_repair_json ("{\"a\": true}", 11);
  g_assert_null (none);
  /* Only whole words, and not inside strings, also after an escaped quote. */
  words = box_eventyay_repair_json ("[Truex, xFalse, None_]", 22);
  g_assert_null (words);
  escaped = box_eventyay_repair_json ("[\"\\\"True\", False]", 17);
  g_assert_cmpstr (escaped, ==, "[\"\\\"True\", false]");
}

/* ---- Setup code ---------------------------------------------------------------- */

static void
test_config_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxEventyayConfig) config = NULL;
  g_autoptr(BoxEventyayConfig) slash = NULL;
  g_autoptr(BoxEventyayConfig) python = NULL;
  g_autoptr(BoxEventyayConfig) defaults = NULL;

  config = box_eventyay_parse_config ("{\"version\":3,\"url\":\"https://demo.eventyay.com/pretixdroid/api/demoorga/democon/\","
                                      "\"key\":\"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345\",\"allow_search\":true,\"show_info\":false}",
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (config->version, ==, 3);
  g_assert_cmpstr (config->url, ==, "https://demo.eventyay.com/pretixdroid/api/demoorga/democon/");
  g_assert_cmpstr (config->key, ==, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345");
  g_assert_true (config->allow_search);
  g_assert_false (config->show_info);

  /* White space around it, a url without its '/', a sub-event. */
  slash = box_eventyay_parse_config ("\n  {\"version\": 3, \"url\": \"http://localhost:8000/pretixdroid/api/o/e/7\", "
                                     "\"key\": \"k\"}  \n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (slash->url, ==, "http://localhost:8000/pretixdroid/api/o/e/7/");
  g_assert_true (slash->allow_search);
  g_assert_true (slash->show_info);

  /* Python-style, as the documentation writes it; a missing version is 3. */
  python = box_eventyay_parse_config ("{'url': 'https://x.org/api/o/e/', 'key': 'K', 'allow_search': False, "
                                      "'show_info': True,}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (python->version, ==, 3);
  g_assert_false (python->allow_search);
  g_assert_true (python->show_info);

  /* Booleans as strings and numbers; older versions. */
  defaults = box_eventyay_parse_config ("{\"version\": \"2\", \"url\": \"https://x.org/\", \"key\": \"K\", "
                                        "\"allow_search\": \"False\", \"show_info\": 0}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (defaults->version, ==, 2);
  g_assert_false (defaults->allow_search);
  g_assert_false (defaults->show_info);
}

static void
test_config_link (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxEventyayConfig) config = NULL;
  g_autoptr(BoxEventyayConfig) encoded = NULL;
  g_autoptr(BoxEventyayConfig) minimal = NULL;

  /* urlencode(safe=':/'), as the server makes it. */
  config = box_eventyay_parse_config ("pretixdesk://setup?version=3&url=https://demo.eventyay.com/pretixdroid/api/demoorga/democon/"
                                      "&key=abcDEF123&allow_search=True&show_info=False", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (config->version, ==, 3);
  g_assert_cmpstr (config->url, ==, "https://demo.eventyay.com/pretixdroid/api/demoorga/democon/");
  g_assert_cmpstr (config->key, ==, "abcDEF123");
  g_assert_true (config->allow_search);
  g_assert_false (config->show_info);

  encoded = box_eventyay_parse_config ("  pretixdesk://setup?url=https%3A%2F%2Fx.org%2Fa%2Bb&key=K%2B1&allow_search=0&show_info=true\n",
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (encoded->version, ==, 3);
  g_assert_cmpstr (encoded->url, ==, "https://x.org/a+b/");
  g_assert_cmpstr (encoded->key, ==, "K+1");
  g_assert_false (encoded->allow_search);
  g_assert_true (encoded->show_info);

  minimal = box_eventyay_parse_config ("eventyaydesk://setup?url=http://h/&key=K", &error);
  g_assert_no_error (error);
  g_assert_true (minimal->allow_search && minimal->show_info);
}

static void
test_config_errors (void)
{
  static const struct { const char *text; const char *in_message; } cases[] = {
    { "{\"version\": 4, \"url\": \"https://x.org/\", \"key\": \"K\"}", "version 4" },
    { "{\"version\": 17, \"url\": \"https://x.org/\", \"key\": \"K\"}", "version 17" },
    { "pretixdesk://setup?version=4&url=https://x.org/&key=K", "version 4" },
    { "{\"version\": 0, \"url\": \"https://x.org/\", \"key\": \"K\"}", "version" },
    { "{\"version\": \"three\", \"url\": \"https://x.org/\", \"key\": \"K\"}", "three" },
    { "{\"version\": 3, \"key\": \"K\"}", "address" },
    { "{\"version\": 3, \"url\": \"  \", \"key\": \"K\"}", "address" },
    { "{\"version\": 3, \"url\": \"ftp://x.org/\", \"key\": \"K\"}", "ftp://x.org/" },
    { "{\"version\": 3, \"url\": \"https://\", \"key\": \"K\"}", "https://" },
    { "{\"version\": 3, \"url\": \"https://x.org/\"}", "key" },
    { "{\"version\": 3, \"url\": \"https://x.org/\", \"key\": \"a b\"}", "key" },
    { "{\"version\": 3, \"url\": \"https://x.org/\", \"key\": \"K\", \"show_info\": \"maybe\"}", "show_info" },
    { "pretixdesk://setup?url=https://x.org/&key=K&allow_search=perhaps", "allow_search" },
    { "pretixdesk://setup?url=https://x.org/&key=%ZZ", "encoded" },
    { "{\"version\": 3 \"url\": \"https://x.org/\", \"key\": \"K\"}", "JSON" },
    { "[1, 2]", "JSON" },
    { "https://x.org/", "pretixdesk" },
    { "", "pretixdesk" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BoxEventyayConfig) config = box_eventyay_parse_config (cases[i].text, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_null (config);
      g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BoxEventyayConfig) config =
      box_eventyay_parse_config ("{\"version\": 4, \"url\": \"https://x.org/\", \"key\": \"K\"}", &error);
    g_assert_null (config);
    g_assert_nonnull (strstr (error->message, "newer version"));
    g_assert_nonnull (strstr (error->message, "version 3"));
  }
}

/* ---- Status -------------------------------------------------------------------- */

static void
test_status_doc (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = bytes (doc_status);
  g_autoptr(BoxEventStats) stats = NULL;
  g_autoptr(BoxEvent) event = box_eventyay_parse_status (body, "acc", "ev", &stats, &error);
  GArray *types;
  BoxTicketTypeCount *count;

  g_assert_no_error (error);
  g_assert_cmpstr (box_event_get_account_id (event), ==, "acc");
  g_assert_cmpstr (box_event_get_id (event), ==, "ev");
  g_assert_cmpstr (box_event_get_name (event), ==, "Demo Conference");
  g_assert_cmpint (box_event_get_starts_at (event), ==, DOC_FROM);
  g_assert_cmpint (box_event_get_ends_at (event), ==, DOC_TO);

  g_assert_cmpuint (box_event_stats_get_total (stats), ==, 42);
  g_assert_cmpuint (box_event_stats_get_checked_in (stats), ==, 17);
  /* The T-Shirt does not admit anyone; its variations are not counted. */
  types = box_event_stats_get_by_ticket_type (stats);
  g_assert_cmpuint (types->len, ==, 1);
  count = &g_array_index (types, BoxTicketTypeCount, 0);
  g_assert_cmpstr (count->name, ==, "Ticket");
  g_assert_cmpuint (count->total, ==, 22);
  g_assert_cmpuint (count->checked_in, ==, 15);
}

static void
test_status_subevent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) real = bytes (real_status);
  g_autoptr(BoxEvent) event = NULL;
  g_autoptr(BoxEvent) numbered = NULL;
  g_autoptr(BoxEvent) named = NULL;
  g_autoptr(BoxEvent) naive = NULL;
  g_autoptr(GBytes) number = bytes ("{\"checkins\": 0, \"total\": 3, \"event\": {\"name\": \"Fest\", \"subevent\": 42, "
                                    "\"date_from\": \"2024-05-01T10:00:00+02:00\"}}");
  g_autoptr(GBytes) string = bytes ("{\"checkins\": \"1\", \"total\": \"3\", \"event\": {\"name\": \"Fest\", "
                                    "\"subevent\": \"Day 2\"}}");
  g_autoptr(GBytes) local = bytes ("{\"checkins\": 0, \"total\": 0, \"event\": {\"name\": \"Fest\", "
                                   "\"timezone\": \"Europe/Berlin\", \"date_from\": \"2024-01-10T10:00:00\"}}");

  /* The subevent is the event's own name: nothing to add. No end, milliseconds. */
  event = box_eventyay_parse_status (real, "acc", "ev", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_event_get_name (event), ==, "Demo Conference");
  g_assert_cmpint (box_event_get_starts_at (event), ==, DOC_FROM);
  g_assert_cmpint (box_event_get_ends_at (event), ==, 0);

  /* A sub-event id: not shown. */
  numbered = box_eventyay_parse_status (number, "acc", "ev", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_event_get_name (numbered), ==, "Fest");
  g_assert_cmpint (box_event_get_starts_at (numbered), ==, 1714550400);

  named = box_eventyay_parse_status (string, "acc", "ev", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_event_get_name (named), ==, "Fest – Day 2");

  /* A naive time is in the event's zone (CET in January). */
  naive = box_eventyay_parse_status (local, "acc", "ev", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (box_event_get_starts_at (naive), ==, 1704877200);
}

static void
test_status_errors (void)
{
  static const char * const bodies[] = {
    "",
    "Unknown event",
    "[]",
    "{\"checkins\": 1, \"total\": 2}",
    "{\"checkins\": 1, \"total\": 2, \"event\": {\"slug\": \"x\"}}",
    "{\"checkins\": 1, \"event\": {\"name\": \"x\"}}",
    "{\"total\": 1, \"event\": {\"name\": \"x\"}}",
    "{\"total\": 1 \"checkins\": 1, \"event\": {\"name\": \"x\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = bytes (bodies[i]);
      BoxEventStats *stats = (BoxEventStats *)GINT_TO_POINTER (1); /* set to NULL */
      g_autoptr(BoxEvent) event = box_eventyay_parse_status (body, "a", "e", &stats, &error);

      g_test_message ("%s", bodies[i]);
      g_assert_null (event);
      g_assert_null (stats);
      g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
      g_assert_true (g_str_has_prefix (error->message, "Eventyay sent"));
    }
}

/* ---- Download and search ------------------------------------------------------- */

static void
assert_peter (BoxAttendee *peter)
{
  g_assert_cmpstr (box_attendee_get_account_id (peter), ==, "acc");
  g_assert_cmpstr (box_attendee_get_event_id (peter), ==, "ev");
  g_assert_cmpstr (box_attendee_get_code (peter), ==, "az9u4mymhqktrbupmwkvv6xmgds5dk3");
  g_assert_cmpstr (box_attendee_get_name (peter), ==, "Peter Higgs");
  g_assert_cmpstr (box_attendee_get_ticket_type (peter), ==, "Standard ticket");
  g_assert_cmpint (box_attendee_get_status (peter), ==, BOX_ATTENDEE_STATUS_PAID);
  g_assert_false (box_attendee_get_attention (peter));
  assert_detail (peter, "Paid", "yes");
  assert_detail (peter, "Check-in allowed", "yes");
  assert_detail (peter, "Variation", NULL);
}

static void
test_download_doc (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) verbatim = bytes (doc_download);
  g_autoptr(GString) fixed = g_string_new (doc_download);
  g_autoptr(GBytes) fixed_body = NULL;
  g_autoptr(BoxEventyayDownload) broken = NULL;
  g_autoptr(BoxEventyayDownload) download = NULL;
  BoxAttendee *peter;
  BoxQuestion *question;
  const char * const *items;

  /* "..." cannot be read. */
  broken = box_eventyay_parse_download (verbatim, "acc", "ev", &error);
  g_assert_null (broken);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
  g_clear_error (&error);

  g_string_replace (fixed, "}, ... ]", "} ]", 0);
  fixed_body = bytes (fixed->str);
  download = box_eventyay_parse_download (fixed_body, "acc", "ev", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (download->attendees->len, ==, 1);
  peter = g_ptr_array_index (download->attendees, 0);
  assert_peter (peter);
  g_assert_cmpstr (box_attendee_get_order_code (peter), ==, "ABCE6");
  g_assert_false (box_attendee_get_checked_in (peter));
  assert_detail (peter, "Add-ons", NULL);
  assert_detail (peter, "_item_id", NULL);

  g_assert_nonnull (download->questions);
  g_assert_cmpuint (download->questions->len, ==, 1);
  question = g_ptr_array_index (download->questions, 0);
  g_assert_cmpstr (box_question_get_id (question), ==, "12");
  g_assert_cmpstr (box_question_get_question_type (question), ==, "C");
  g_assert_cmpstr (box_question_get_question (question), ==, "Choose a shirt size");
  g_assert_true (box_question_get_required (question));
  items = box_question_get_items (question);
  g_assert_nonnull (items);
  g_assert_cmpstr (items[0], ==, "1");
  g_assert_null (items[1]);
  g_assert_true (box_question_applies_to_item (question, "1"));
  g_assert_false (box_question_applies_to_item (question, "2"));
  g_assert_cmpuint (box_question_get_n_options (question), ==, 2);
  g_assert_cmpstr (box_question_get_option_id (question, 0), ==, "24");
  g_assert_cmpstr (box_question_get_option_answer (question, 0), ==, "M");
  g_assert_cmpstr (box_question_get_option_id (question, 1), ==, "25");
  g_assert_cmpstr (box_question_get_option_answer (question, 1), ==, "L");
}

static void
test_download_tickets (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = bytes (
    "{\"version\": 3, \"results\": ["
    " {\"secret\": \"S1\", \"order\": \"O1\", \"item\": \"Ticket\", \"item_id\": 2, \"variation\": \"Student\","
    "  \"variation_id\": 5, \"attendee_name\": null, \"redeemed\": true, \"attention\": true,"
    "  \"checkin_allowed\": true, \"addons_text\": \"Parking spot, Shirt - L\", \"paid\": false},"
    " {\"secret\": \"S2\", \"order\": \"O2\", \"item\": \"Ticket\", \"item_id\": \"2\", \"variation\": null,"
    "  \"attendee_name\": \"Ann\", \"redeemed\": false, \"attention\": false, \"checkin_allowed\": false,"
    "  \"addons_text\": \"\", \"paid\": false},"
    " {\"order\": \"O3\", \"item\": \"No secret\"},"
    " {\"secret\": \"   \"}, 17, null,"
    " {\"secret\": 12345, \"order\": \"O4\"}"
    "], \"questions\": ["
    " {\"id\": 1, \"type\": \"B\", \"question\": \"Vegan?\", \"required\": false, \"items\": [2, \"3\"], \"options\": []},"
    " {\"id\": \"2\", \"type\": \"X\", \"question\": \"From the future\", \"required\": true, \"items\": []},"
    " {\"type\": \"S\", \"question\": \"No id\"},"
    " {\"id\": 3, \"type\": \"M\", \"question\": \"Topics\", \"options\": [{\"id\": 7, \"answer\": \"Rust\"}, {\"answer\": \"no id\"}]}"
    "]}");
  g_autoptr(BoxEventyayDownload) download = box_eventyay_parse_download (body, "acc", "ev", &error);
  BoxAttendee *a;
  BoxQuestion *q;

  g_assert_no_error (error);
  g_assert_cmpuint (download->attendees->len, ==, 3);

  a = g_ptr_array_index (download->attendees, 0);
  g_assert_cmpstr (box_attendee_get_code (a), ==, "S1");
  g_assert_cmpstr (box_attendee_get_name (a), ==, "");
  g_assert_cmpstr (box_attendee_get_ticket_type (a), ==, "Ticket – Student");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PENDING);
  g_assert_true (box_attendee_get_checked_in (a));
  g_assert_true (box_attendee_get_attention (a));
  assert_detail (a, "Add-ons", "Parking spot, Shirt - L");
  assert_detail (a, "Variation", "Student");
  assert_detail (a, "Paid", "no");
  assert_detail (a, "Check-in allowed", "yes");
  assert_detail (a, "_item_id", "2");

  a = g_ptr_array_index (download->attendees, 1);
  g_assert_cmpstr (box_attendee_get_code (a), ==, "S2");
  g_assert_cmpstr (box_attendee_get_ticket_type (a), ==, "Ticket");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_CANCELLED);
  assert_detail (a, "Add-ons", NULL);
  assert_detail (a, "_item_id", "2");

  a = g_ptr_array_index (download->attendees, 2);
  g_assert_cmpstr (box_attendee_get_code (a), ==, "12345");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_UNKNOWN);
  g_assert_cmpstr (box_attendee_get_details (a), ==, "{}");
  g_assert_cmpstr (box_attendee_get_account_id (a), ==, "acc");

  g_assert_cmpuint (download->questions->len, ==, 3);
  q = g_ptr_array_index (download->questions, 0);
  g_assert_cmpstr (box_question_get_items (q)[1], ==, "3");
  g_assert_false (box_question_get_required (q));
  /* An unknown type is kept; answering it fails. */
  q = g_ptr_array_index (download->questions, 1);
  g_assert_cmpstr (box_question_get_question_type (q), ==, "X");
  g_assert_nonnull (box_question_get_items (q));
  g_assert_null (box_question_get_items (q)[0]);
  g_assert_false (box_question_applies_to_item (q, "2"));
  q = g_ptr_array_index (download->questions, 2);
  g_assert_null (box_question_get_items (q));
  g_assert_true (box_question_applies_to_item (q, "2"));
  g_assert_cmpuint (box_question_get_n_options (q), ==, 1);
}

static void
test_download_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) no_questions = bytes ("{\"version\": 3, \"results\": []}");
  g_autoptr(BoxEventyayDownload) download = box_eventyay_parse_download (no_questions, "a", "e", &error);
  static const char * const bad[] = { "{\"version\": 3}", "{\"results\": {}}", "Invalid key", "[[[" };

  g_assert_no_error (error);
  g_assert_cmpuint (download->attendees->len, ==, 0);
  /* No questions: the caller leaves its questions alone. */
  g_assert_null (download->questions);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_autoptr(GBytes) body = bytes (bad[i]);
      g_autoptr(BoxEventyayDownload) d = box_eventyay_parse_download (body, "a", "e", &e);
      g_autoptr(GPtrArray) s = box_eventyay_parse_search (body, "a", "e", NULL);

      g_assert_null (d);
      g_assert_null (s);
      g_assert_error (e, BOX_ERROR, BOX_ERROR_MALFORMED);
    }

  /* Too deep for json-glib's recursion: refused before it. */
  {
    g_autoptr(GError) e = NULL;
    g_autofree char *deep = g_strnfill (100000, '[');
    g_autoptr(GBytes) body = bytes (deep);
    g_autoptr(BoxEventyayDownload) d = box_eventyay_parse_download (body, "a", "e", &e);
    g_assert_null (d);
    g_assert_error (e, BOX_ERROR, BOX_ERROR_MALFORMED);
  }
}

static void
test_search (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) verbatim = bytes (doc_search);
  g_autoptr(GString) fixed = g_string_new (doc_search);
  g_autoptr(GBytes) fixed_body = NULL;
  g_autoptr(GBytes) empty = bytes ("{\"version\":3,\"results\":[]}");
  g_autoptr(GPtrArray) broken = box_eventyay_parse_search (verbatim, "acc", "ev", &error);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) none = NULL;
  BoxAttendee *peter;

  g_assert_null (broken);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
  g_clear_error (&error);

  /* "..." as a trailing comma: repaired. */
  g_string_replace (fixed, " ... ]", " ]", 0);
  fixed_body = bytes (fixed->str);
  results = box_eventyay_parse_search (fixed_body, "acc", "ev", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  peter = g_ptr_array_index (results, 0);
  assert_peter (peter);
  g_assert_cmpstr (box_attendee_get_order_code (peter), ==, "ABCE6");
  assert_detail (peter, "Add-ons", "Parking spot");

  none = box_eventyay_parse_search (empty, "acc", "ev", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

/* ---- Redeem -------------------------------------------------------------------- */

static BoxEventyayRedeem *
redeem (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = bytes (text);
  BoxEventyayRedeem *result = box_eventyay_parse_redeem (body, "acc", "ev", &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_nonnull (result->message);
  return result;
}

static char *
with_comma (const char *text,
            const char *missing)
{
  g_autoptr(GString) s = g_string_new (text);
  g_autofree char *fixed = g_strconcat (missing, ",", NULL);

  g_string_replace (s, missing, fixed, 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_redeem_doc (void)
{
  g_autofree char *ok_text = with_comma (doc_redeem_ok, "\"status\": \"ok\"");
  g_autofree char *incomplete_text = NULL;
  g_autoptr(BoxEventyayRedeem) ok = NULL;
  g_autoptr(BoxEventyayRedeem) incomplete = NULL;
  g_autoptr(BoxEventyayRedeem) already = NULL;
  g_autoptr(BoxEventyayRedeem) unknown = NULL;
  BoxQuestion *q;

  /* Verbatim, the ok and incomplete examples miss commas: not repaired. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = bytes (i == 0 ? doc_redeem_ok : doc_redeem_incomplete);
      g_autoptr(BoxEventyayRedeem) r = box_eventyay_parse_redeem (body, "acc", "ev", &error);

      g_assert_null (r);
      g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
    }

  ok = redeem (ok_text);
  g_assert_cmpint (ok->result, ==, BOX_CHECKIN_RESULT_OK);
  g_assert_null (ok->reason);
  g_assert_null (ok->questions);
  assert_peter (ok->attendee);
  g_assert_cmpstr (box_attendee_get_order_code (ok->attendee), ==, "ABCDE");
  g_assert_true (box_attendee_get_checked_in (ok->attendee));
  assert_detail (ok->attendee, "Add-ons", "Parking spot");
  assert_detail (ok->attendee, "_item_id", "1");

  {
    g_autofree char *one = with_comma (doc_redeem_incomplete, "\"status\": \"incomplete\"");
    incomplete_text = with_comma (one, "\"version\": 3");
  }
  incomplete = redeem (incomplete_text);
  g_assert_cmpint (incomplete->result, ==, BOX_CHECKIN_RESULT_QUESTIONS);
  g_assert_false (box_attendee_get_checked_in (incomplete->attendee));
  g_assert_cmpuint (incomplete->questions->len, ==, 1);
  q = g_ptr_array_index (incomplete->questions, 0);
  g_assert_cmpstr (box_question_get_id (q), ==, "12");
  g_assert_cmpuint (box_question_get_n_options (q), ==, 2);
  g_assert_nonnull (strstr (incomplete->message, "1 question"));

  already = redeem (doc_redeem_error_data);
  g_assert_cmpint (already->result, ==, BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN);
  g_assert_cmpstr (already->reason, ==, "already_redeemed");
  g_assert_true (box_attendee_get_checked_in (already->attendee));
  assert_peter (already->attendee);

  /* The documentation's typo. */
  unknown = redeem (doc_redeem_error);
  g_assert_cmpint (unknown->result, ==, BOX_CHECKIN_RESULT_UNKNOWN);
  g_assert_cmpstr (unknown->reason, ==, "unkown_ticket");
  g_assert_null (unknown->attendee);
}

static void
test_redeem_reasons (void)
{
  static const struct { const char *reason; BoxCheckinResult result; const char *in_message; } cases[] = {
    { "unpaid", BOX_CHECKIN_RESULT_UNPAID, "not paid" },
    { "already_redeemed", BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN, "Already checked in" },
    { "product", BOX_CHECKIN_RESULT_PRODUCT, "product" },
    { "unknown_ticket", BOX_CHECKIN_RESULT_UNKNOWN, "Unknown ticket" },
    { "unkown_ticket", BOX_CHECKIN_RESULT_UNKNOWN, "Unknown ticket" },
    { "rules", BOX_CHECKIN_RESULT_PRODUCT, "Refused by the server: rules" },
    { "Something New", BOX_CHECKIN_RESULT_PRODUCT, "Refused by the server: Something New" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* redeemed: true on a refusal means "paid", not "checked in". */
      g_autofree char *text = g_strdup_printf ("{\"status\": \"error\", \"reason\": \"%s\", \"version\": 3, "
                                               "\"data\": " DOC_DATA "}", cases[i].reason);
      g_autoptr(BoxEventyayRedeem) r = redeem (text);

      g_test_message ("%s", cases[i].reason);
      g_assert_cmpint (r->result, ==, cases[i].result);
      g_assert_cmpstr (r->reason, ==, cases[i].reason);
      g_assert_nonnull (strstr (r->message, cases[i].in_message));
      g_assert_cmpint (box_attendee_get_checked_in (r->attendee), ==,
                       cases[i].result == BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN);
    }

  {
    g_autoptr(BoxEventyayRedeem) r = redeem ("{\"status\": \"error\"}");
    g_assert_cmpint (r->result, ==, BOX_CHECKIN_RESULT_PRODUCT);
    g_assert_null (r->reason);
    g_assert_true (g_str_has_prefix (r->message, "Refused by the server"));
  }
  {
    /* ok after ignore_unpaid: redeemed false, yet checked in. */
    g_autoptr(BoxEventyayRedeem) r =
      redeem ("{\"status\": \"ok\", \"version\": 3, \"data\": {\"secret\": \"S\", \"redeemed\": false, "
              "\"paid\": false, \"checkin_allowed\": true}}");
    g_assert_cmpint (r->result, ==, BOX_CHECKIN_RESULT_OK);
    g_assert_true (box_attendee_get_checked_in (r->attendee));
    g_assert_cmpint (box_attendee_get_status (r->attendee), ==, BOX_ATTENDEE_STATUS_PENDING);
  }
  {
    /* Python literals, no data, no questions. */
    g_autoptr(BoxEventyayRedeem) r = redeem ("{'status': 'incomplete', 'data': None, 'version': 3,}");
    g_assert_cmpint (r->result, ==, BOX_CHECKIN_RESULT_QUESTIONS);
    g_assert_null (r->attendee);
    g_assert_cmpuint (r->questions->len, ==, 0);
  }

  {
    static const char * const bad[] = { "{\"version\": 3}", "{\"status\": \"weird\"}", "{\"status\": 1}", "", "null" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) body = bytes (bad[i]);
        g_autoptr(BoxEventyayRedeem) r = box_eventyay_parse_redeem (body, "a", "e", &error);

        g_assert_null (r);
        g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
      }
  }
}

/* ---- Errors -------------------------------------------------------------------- */

static void
test_read_error (void)
{
  static const struct { guint status; const char *body; const char *starts; const char *contains; } cases[] = {
    { 403, "Invalid key", "Invalid key:", "new setup code" },
    { 403, "Invalid subevent selected.", "Invalid subevent selected.", NULL },
    { 403, "No subevent selected.", "No subevent selected.", NULL },
    { 404, "Unknown event", "Unknown event:", "does not know this event" },
    { 404, "<html><body><h1>Not Found</h1></body></html>", "Unknown event:", "another server" },
    { 405, "", "Method not allowed:", "protocol" },
    { 500, "<!DOCTYPE html><html><title>Server Error (500)</title></html>", "Server error:", "Try again" },
    { 502, "Bad Gateway\n", "Bad Gateway:", "Try again" },
    { 400, "Bad request", "Bad request", NULL },
    { 400, "", NULL, NULL },
    { 400, "\xff\xfe", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = bytes (cases[i].body);
      g_autofree char *message = NULL;
      int retry_after = 7;

      box_eventyay_read_error (cases[i].status, body, &message, &retry_after);
      {
        g_autofree char *shown = g_strescape (cases[i].body, NULL);
        g_test_message ("%u %s -> %s", cases[i].status, shown, message);
      }
      g_assert_cmpint (retry_after, ==, -1);
      if (cases[i].starts == NULL)
        {
          g_assert_null (message);
          continue;
        }
      g_assert_true (g_str_has_prefix (message, cases[i].starts));
      if (cases[i].contains != NULL)
        g_assert_nonnull (strstr (message, cases[i].contains));
    }

  {
    g_autofree char *message = NULL;
    int retry_after = 0;

    box_eventyay_read_error (403, NULL, &message, &retry_after);
    g_assert_true (g_str_has_prefix (message, "Invalid key:"));
  }
}

/* ---- Answers ------------------------------------------------------------------- */

static BoxQuestion *
question (const char *type,
          gboolean    required)
{
  BoxQuestion *q = box_question_new ("12", type, "Which?", required);

  if (g_str_equal (type, "C") || g_str_equal (type, "M"))
    {
      box_question_add_option (q, "24", "M");
      box_question_add_option (q, "25", "L");
      box_question_add_option (q, "26", "Yes, please");
      box_question_add_option (q, "27", "Größe XL");
    }
  return q;
}

static void
assert_answer (const char *type,
               const char *value,
               const char *expected)
{
  g_autoptr(BoxQuestion) q = question (type, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = box_eventyay_format_answer (q, value, &error);

  g_test_message ("%s “%s”", type, value);
  g_assert_no_error (error);
  g_assert_cmpstr (answer, ==, expected);
}

static void
assert_bad_answer (const char *type,
                   const char *value,
                   int         code)
{
  g_autoptr(BoxQuestion) q = question (type, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = box_eventyay_format_answer (q, value, &error);

  {
    g_autofree char *shown = g_strescape (value, NULL);
    g_test_message ("%s “%s”: %s", type, shown, error ? error->message : "(no error)");
  }
  g_assert_null (answer);
  g_assert_error (error, BOX_ERROR, code);
}

static void
test_answers (void)
{
  static const char * const yes[] = { "yes", "YES", "true", "True", "1", " tRuE " };
  static const char * const no[] = { "no", "No", "false", "FALSE", "0" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    assert_answer ("B", yes[i], "True");
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    assert_answer ("B", no[i], "False");
  assert_bad_answer ("B", "maybe", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("B", "2", BOX_ERROR_INVALID_INPUT);

  assert_answer ("C", "24", "24");
  assert_answer ("C", "l", "25");
  assert_answer ("C", " Yes, please ", "26");
  assert_answer ("C", "größe xl", "27");
  assert_bad_answer ("C", "XXL", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("C", "M,L", BOX_ERROR_INVALID_INPUT);

  assert_answer ("M", "M", "24");
  assert_answer ("M", "m, 25, 24,,l", "24,25");
  assert_answer ("M", "yes, please", "26");
  assert_answer ("M", "L,27", "25,27");
  assert_bad_answer ("M", "M, XXL", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("M", ", ,", BOX_ERROR_INVALID_INPUT);

  assert_answer ("D", "2024-05-31", "2024-05-31");
  assert_answer ("D", "2024-5-1", "2024-05-01");
  assert_answer ("D", "2024-02-29", "2024-02-29");
  assert_bad_answer ("D", "2023-02-29", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("D", "2024-13-01", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("D", "31.05.2024", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("D", "2024-05-31x", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("D", "20240-05-31", BOX_ERROR_INVALID_INPUT);

  assert_answer ("H", "14:30", "14:30");
  assert_answer ("H", "9:05", "09:05");
  assert_answer ("H", "23:59:59", "23:59");
  assert_bad_answer ("H", "24:00", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("H", "12:60", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("H", "noon", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("H", "12", BOX_ERROR_INVALID_INPUT);

  assert_answer ("W", "2024-05-31T14:30", "2024-05-31T14:30");
  assert_answer ("W", "2024-05-31 9:30", "2024-05-31T09:30");
  assert_answer ("W", "2024-5-31t14:30:00", "2024-05-31T14:30");
  assert_bad_answer ("W", "2024-05-31", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("W", "2024-04-31T10:00", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("W", "2024-05-31T25:00", BOX_ERROR_INVALID_INPUT);

  assert_answer ("N", "42", "42");
  assert_answer ("N", "-3.25", "-3.25");
  assert_answer ("N", "+7", "7");
  assert_answer ("N", "3,5", "3.5");
  assert_bad_answer ("N", "1,000.5", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("N", "12abc", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("N", ".5", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("N", "5.", BOX_ERROR_INVALID_INPUT);
  assert_bad_answer ("N", "-", BOX_ERROR_INVALID_INPUT);

  assert_answer ("S", " as typed ", " as typed ");
  assert_answer ("T", "line one\nline two", "line one\nline two");

  assert_bad_answer ("F", "file.pdf", BOX_ERROR_UNSUPPORTED);
  assert_bad_answer ("X", "anything", BOX_ERROR_UNSUPPORTED);
  assert_bad_answer ("", "anything", BOX_ERROR_UNSUPPORTED);
  assert_bad_answer ("S", "\xff", BOX_ERROR_INVALID_INPUT);

  {
    g_autoptr(BoxQuestion) file = question ("F", FALSE);
    g_autoptr(GError) error = NULL;
    g_autofree char *answer = box_eventyay_format_answer (file, "x", &error);
    g_assert_null (answer);
    g_assert_nonnull (strstr (error->message, "--force"));
  }

  /* Empty: no answer, which only an optional question accepts. */
  {
    static const char * const types[] = { "B", "C", "M", "D", "H", "W", "N", "S", "T" };

    for (guint i = 0; i < G_N_ELEMENTS (types); i++)
      {
        g_autoptr(BoxQuestion) optional = question (types[i], FALSE);
        g_autoptr(GError) error = NULL;
        g_autofree char *answer = box_eventyay_format_answer (optional, "  ", &error);
        g_autofree char *none = box_eventyay_format_answer (optional, NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (answer, ==, "");
        g_assert_cmpstr (none, ==, "");
        assert_bad_answer (types[i], "", BOX_ERROR_INVALID_INPUT);
      }
  }
}

/* ---- Size ---------------------------------------------------------------------- */

static void
test_big_download (void)
{
  const guint n = 100000;
  g_autoptr(GString) text = g_string_sized_new (n * 300);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(BoxEventyayDownload) download = NULL;
  double seconds;

  g_string_append (text, "{\"version\":3,\"results\":[");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "%s{\"secret\":\"s%026u\",\"order\":\"O%05u\",\"item\":\"Ticket\",\"item_id\":%u,"
                            "\"variation\":%s,\"variation_id\":null,\"attendee_name\":\"Attendee %u\","
                            "\"attention\":false,\"redeemed\":%s,\"paid\":true,\"checkin_allowed\":true,"
                            "\"addons_text\":\"\"}",
                            i ? "," : "", i, i % 100000, i % 3,
                            i % 2 ? "\"Student\"" : "null", i, i % 5 ? "false" : "true");
  g_string_append (text, "],\"questions\":[]}");
  {
    gsize len = text->len;
    body = g_bytes_new_take (g_string_free (g_steal_pointer (&text), FALSE), len);
  }

  g_test_timer_start ();
  download = box_eventyay_parse_download (body, "acc", "ev", &error);
  seconds = g_test_timer_elapsed ();
  g_assert_no_error (error);
  g_assert_cmpuint (download->attendees->len, ==, n);
  g_assert_cmpuint (download->questions->len, ==, 0);
  g_assert_cmpstr (box_attendee_get_code (g_ptr_array_index (download->attendees, n - 1)), ==,
                   "s00000000000000000000099999");
  g_assert_true (box_attendee_get_checked_in (g_ptr_array_index (download->attendees, 5)));
  g_test_message ("%u tickets, %.1f MB, parsed in %.2f s", n,
                  g_bytes_get_size (body) / 1e6, seconds);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eventyay/repair", test_repair);
  g_test_add_func ("/eventyay/config/json", test_config_json);
  g_test_add_func ("/eventyay/config/link", test_config_link);
  g_test_add_func ("/eventyay/config/errors", test_config_errors);
  g_test_add_func ("/eventyay/status/doc", test_status_doc);
  g_test_add_func ("/eventyay/status/subevent", test_status_subevent);
  g_test_add_func ("/eventyay/status/errors", test_status_errors);
  g_test_add_func ("/eventyay/download/doc", test_download_doc);
  g_test_add_func ("/eventyay/download/tickets", test_download_tickets);
  g_test_add_func ("/eventyay/download/errors", test_download_errors);
  g_test_add_func ("/eventyay/search", test_search);
  g_test_add_func ("/eventyay/redeem/doc", test_redeem_doc);
  g_test_add_func ("/eventyay/redeem/reasons", test_redeem_reasons);
  g_test_add_func ("/eventyay/read-error", test_read_error);
  g_test_add_func ("/eventyay/answers", test_answers);
  g_test_add_func ("/eventyay/download/big", test_big_download);

  return g_test_run ();
}
