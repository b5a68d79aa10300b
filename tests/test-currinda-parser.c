/* test-currinda-parser.c: the Currinda API v0.1 replies -> models, no server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two payloads of /work/shared/api/currinda-api-v0.1.txt verbatim (the membership
 * one with its trailing commas, which is not JSON), then what a site may also send:
 * numbers as numbers or null, every membership status, missing objects, replies that
 * are not JSON at all.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "box-attendee.h"
#include "box-currinda-parser.h"
#include "box-error.h"

/* The API text's registration example, verbatim. */
static const char registration_example[] =
  "{\"FirstName\": \"Michael\",\"LastName\": \"Gall\",\"Nametag\": \"Mike Gall\",\"Registration\": {\"ID\": \"1\","
  "\"Name\": \"Event Item Cost #1\",\"Cost\": \"100.00\",\"Description\": \"A description of the test registration\","
  "\"Extras\": [{\"Question\": \"Test question?\",\"Answer\": \"Whatever!!\"}]},\"Outstanding\": \"150.00\","
  "\"Currency\": \"NZD\",\"Addons\": [{\"Quantity\": \"1\",\"Addon\": {\"ID\": \"1\",\"Name\": \"TestEventAddon #1 Cost\","
  "\"Description\": \"Description\",\"Cost\": \"50.00\"},\"Extras\": []}],\"Extras\": [{\"Question\": \"Test question?\","
  "\"Answer\": \"Whatever!!\"}]}";

/* The API text's membership example, verbatim: trailing commas in both addresses. */
static const char membership_example[] =
  "{\"FirstName\":\"Peter\",\"LastName\":\"Test1\",\"Title\":\"\",\"Email\":\"test1@example.com\",\"Organisation\":\"Test Org\","
  "\"Address\": {\"Address\":null,\"Suburb\":\"Test Park\",\"Postcode\":\"\",\"State\":\"VIC\",\"Country\":\"Australia\",},"
  "\"MailingAddress\": {\"Address\":\"whatever St\",\"Suburb\":\"Test Park\",\"Postcode\":\"\",\"State\":\"VIC\","
  "\"Country\":\"Australia\",},\"Phone\":\"22423423423\",\"WorkPhone\":\"23423423423\",\"Mobile\":\"\",\"Membership\": "
  "{\"ID\":\"31807\",\"MembershipNumber\": \"D23423423\",\"ExpiryDate\":\"2010-12-31\",\"JoiningDate\":\"2014-05-12\","
  "\"Status\":\"outstanding\",\"Chapter\":null,\"MembershipType\": {\"ID\":\"362\",\"Type\":\"Membership Type #1\","
  "\"Cost\":\"100\",\"Description\":\"\",\"Student\": 0,\"Extras\": [{\"ID\":\"98\",\"Question\":\"Test question?\","
  "\"Answer\":\"Yes 1\"}]},\"AmountOutstanding\":\"100.000\",\"Addons\":[],\"Extras\":[]},\"Currency\":\"NZD\","
  "\"InvoiceURL\":\"http:\\/\\/test.asnevents.localhost\\/organisations\\/invoice\","
  "\"PaymentURL\":\"http:\\/\\/test.asnevents.localhost\\/organisations\\/payment\",\"Committee\": {\"Chapter\": null,"
  "\"Financial\": true}}";

/* The value of @key in @attendee's details, or NULL. */
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

static BoxAttendee *
registration (const char *json)
{
  g_autoptr(GError) error = NULL;
  BoxAttendee *attendee = box_currinda_parse_registration (json, -1, "42", &error);

  g_assert_no_error (error);
  g_assert_nonnull (attendee);
  return attendee;
}

static BoxAttendee *
membership (const char  *json,
            char       **organisation)
{
  g_autoptr(GError) error = NULL;
  BoxAttendee *attendee = box_currinda_parse_membership (json, -1, "19", organisation, &error);

  g_assert_no_error (error);
  g_assert_nonnull (attendee);
  return attendee;
}

static void
assert_malformed (const char *json,
                  gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(BoxAttendee) a = box_currinda_parse_registration (json, len, "42", &error);
  g_autoptr(BoxAttendee) m = box_currinda_parse_membership (json, len, "19", NULL, &error2);

  g_assert_null (a);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "Currinda sent a reply Box Office cannot read"));
  g_assert_null (m);
  g_assert_error (error2, BOX_ERROR, BOX_ERROR_MALFORMED);
}

static void
test_registration_example (void)
{
  g_autoptr(BoxAttendee) a = registration (registration_example);

  g_assert_cmpstr (box_attendee_get_code (a), ==, "event-42");
  g_assert_cmpstr (box_attendee_get_first_name (a), ==, "Michael");
  g_assert_cmpstr (box_attendee_get_last_name (a), ==, "Gall");
  g_assert_cmpstr (box_attendee_get_name (a), ==, "Michael Gall");
  g_assert_cmpstr (box_attendee_get_ticket_type (a), ==, "Event Item Cost #1");
  g_assert_null (box_attendee_get_email (a));
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PENDING);
  g_assert_false (box_attendee_get_checked_in (a));
  assert_detail (a, "_nametag", "Mike Gall");
  assert_detail (a, "Name tag", "Mike Gall");
  assert_detail (a, "Registration cost", "100.00 NZD");
  assert_detail (a, "Outstanding", "150.00 NZD");
  assert_detail (a, "_outstanding", "150.00 NZD");
  assert_detail (a, "Add-ons", "1 × TestEventAddon #1 Cost (50.00)");
  /* The same question in the registration and at the top: once. */
  assert_detail (a, "Test question?", "Whatever!!");
  assert_detail (a, "_registration_id", "1");
}

static void
test_membership_example (void)
{
  g_autofree char *organisation = NULL;
  g_autoptr(BoxAttendee) m = membership (membership_example, &organisation);

  g_assert_cmpstr (organisation, ==, "Test Org");
  g_assert_cmpstr (box_attendee_get_code (m), ==, "org-19");
  g_assert_cmpstr (box_attendee_get_name (m), ==, "Peter Test1");
  g_assert_cmpstr (box_attendee_get_email (m), ==, "test1@example.com");
  g_assert_cmpstr (box_attendee_get_ticket_type (m), ==, "Membership Type #1");
  g_assert_cmpint (box_attendee_get_status (m), ==, BOX_ATTENDEE_STATUS_PENDING);
  assert_detail (m, "Membership status", "Outstanding");
  /* The desk's own keys read the same in every language: the window goes by these. */
  assert_detail (m, "_membership_status", "outstanding");
  assert_detail (m, "_expires", "2010-12-31");
  assert_detail (m, "_amount_outstanding", "100.000 NZD");
  assert_detail (m, "_invoice_url", "http://test.asnevents.localhost/organisations/invoice");
  assert_detail (m, "Membership number", "D23423423");
  assert_detail (m, "Membership type", "Membership Type #1");
  assert_detail (m, "Expires", "2010-12-31");
  assert_detail (m, "Joined", "2014-05-12");
  /* Exactly as sent: three decimals. */
  assert_detail (m, "Amount outstanding", "100.000 NZD");
  assert_detail (m, "Invoice URL", "http://test.asnevents.localhost/organisations/invoice");
  assert_detail (m, "Payment URL", "http://test.asnevents.localhost/organisations/payment");
  assert_detail (m, "Test question?", "Yes 1");
  assert_detail (m, "Chapter", NULL);
  assert_detail (m, "Membership expired", NULL);
}

/* Numbers as numbers keep their literal text; null is no value. */
static void
test_numbers (void)
{
  g_autoptr(BoxAttendee) a = registration ("{\"FirstName\":\"A\",\"Registration\":{\"ID\":7,\"Name\":\"Day\",\"Cost\":100.50},"
                                          "\"Outstanding\":150.000,\"Currency\":\"AUD\","
                                          "\"Addons\":[{\"Quantity\":2,\"Addon\":{\"Name\":\"Workshop A\",\"Cost\":50.00}},"
                                          "{\"Quantity\":null,\"Addon\":{\"Name\":\"Bag\",\"Cost\":null}}]}");
  g_autoptr(BoxAttendee) b = registration ("{\"FirstName\":\"B\",\"Outstanding\":1e2,\"Currency\":null}");
  g_autoptr(BoxAttendee) c = registration ("{\"FirstName\":\"C\",\"Outstanding\":-0.00}");
  g_autoptr(BoxAttendee) m = membership ("{\"FirstName\":\"M\",\"Membership\":{\"AmountOutstanding\":100.000,"
                                         "\"MembershipNumber\":31807,\"Status\":\"current\",\"Expired\":false},"
                                         "\"Currency\":\"NZD\"}", NULL);

  assert_detail (a, "Registration cost", "100.50 AUD");
  assert_detail (a, "Outstanding", "150.000 AUD");
  assert_detail (a, "Add-ons", "2 × Workshop A (50.00); 1 × Bag");
  assert_detail (a, "_registration_id", "7");
  g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PENDING);
  assert_detail (b, "Outstanding", "1e2");
  g_assert_cmpint (box_attendee_get_status (b), ==, BOX_ATTENDEE_STATUS_PENDING);
  g_assert_cmpint (box_attendee_get_status (c), ==, BOX_ATTENDEE_STATUS_PAID);
  assert_detail (m, "Amount outstanding", "100.000 NZD");
  assert_detail (m, "Membership number", "31807");
  assert_detail (m, "Membership expired", NULL);
}

static void
test_outstanding_zero (void)
{
  static const char * const paid[] = {
    "\"0\"", "\"0.00\"", "\"0.000\"", "\"\"", "\" \"", "null", "0", "0.00", "\"-0\"", "\"+0.0\"",
  };
  static const char * const pending[] = {
    "\"150.00\"", "\"0.01\"", "\"abc\"", "\"0,00\"", "\"00.10\"", "1", "\".\"", "\"0 0\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paid); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"FirstName\":\"A\",\"Outstanding\":%s}", paid[i]);
      g_autoptr(BoxAttendee) a = registration (json);

      g_test_message ("%s", json);
      g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PAID);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pending); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"FirstName\":\"A\",\"Outstanding\":%s}", pending[i]);
      g_autoptr(BoxAttendee) a = registration (json);

      g_test_message ("%s", json);
      g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PENDING);
    }
  /* No Outstanding at all: nothing is owed. */
  {
    g_autoptr(BoxAttendee) a = registration ("{\"FirstName\":\"A\"}");
    g_assert_cmpint (box_attendee_get_status (a), ==, BOX_ATTENDEE_STATUS_PAID);
  }
  g_assert_true (box_currinda_amount_is_zero (NULL));
  g_assert_true (box_currinda_amount_is_zero ("0.00"));
  g_assert_false (box_currinda_amount_is_zero ("-"));
  g_assert_false (box_currinda_amount_is_zero ("0x0"));
}

static void
test_membership_statuses (void)
{
  static const struct { const char *status; BoxAttendeeStatus expected; const char *label; } cases[] = {
    { "current", BOX_ATTENDEE_STATUS_PAID, "Current" },
    { "CURRENT", BOX_ATTENDEE_STATUS_PAID, "Current" },
    { "unapproved", BOX_ATTENDEE_STATUS_PENDING, "Unapproved" },
    { "pending", BOX_ATTENDEE_STATUS_PENDING, "Pending" },
    { "outstanding", BOX_ATTENDEE_STATUS_PENDING, "Outstanding" },
    { "expire", BOX_ATTENDEE_STATUS_PENDING, "Expired" },
    { "expired", BOX_ATTENDEE_STATUS_PENDING, "Expired" },
    { "lapsed", BOX_ATTENDEE_STATUS_UNKNOWN, NULL },
    { "", BOX_ATTENDEE_STATUS_UNKNOWN, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"FirstName\":\"A\",\"Membership\":{\"Status\":\"%s\"}}",
                                               cases[i].status);
      g_autoptr(BoxAttendee) m = membership (json, NULL);
      g_autofree char *shown = detail (m, "Membership status");

      g_assert_cmpint (box_attendee_get_status (m), ==, cases[i].expected);
      g_assert_cmpint (box_currinda_membership_status (cases[i].status), ==, cases[i].expected);
      g_assert_cmpstr (box_currinda_membership_status_label (cases[i].status), ==, cases[i].label);
      /* A status Currinda does not document is shown as it came. */
      if (cases[i].label != NULL)
        g_assert_cmpstr (shown, ==, cases[i].label);
      else if (*cases[i].status != '\0')
        g_assert_cmpstr (shown, ==, cases[i].status);
      else
        g_assert_null (shown);
    }
  g_assert_null (box_currinda_membership_status_label (NULL));
  g_assert_cmpint (box_currinda_membership_status (NULL), ==, BOX_ATTENDEE_STATUS_UNKNOWN);

  /* Status null, or no Membership: unknown. */
  {
    g_autoptr(BoxAttendee) m = membership ("{\"Email\":\"a@example.com\",\"Membership\":{\"Status\":null}}", NULL);
    g_autoptr(BoxAttendee) n = membership ("{\"Email\":\"a@example.com\",\"Membership\":null}", NULL);

    g_assert_cmpint (box_attendee_get_status (m), ==, BOX_ATTENDEE_STATUS_UNKNOWN);
    g_assert_cmpint (box_attendee_get_status (n), ==, BOX_ATTENDEE_STATUS_UNKNOWN);
    /* No name: the e-mail address says who it is. */
    g_assert_cmpstr (box_attendee_get_name (n), ==, "a@example.com");
  }
  /* Expired (bool) as GROUND-TRUTH.md reads it. */
  {
    g_autoptr(BoxAttendee) m = membership ("{\"FirstName\":\"A\",\"Membership\":{\"Status\":\"current\",\"Expired\":true,"
                                           "\"Checked\":true}}", NULL);
    assert_detail (m, "Membership expired", "Yes");
  }
}

static void
test_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAttendee) none = NULL;

  /* No Registration: still the delegate. */
  {
    g_autoptr(BoxAttendee) a = registration ("{\"FirstName\":\"Ana\",\"LastName\":null,\"Outstanding\":\"10.00\"}");
    g_assert_cmpstr (box_attendee_get_name (a), ==, "Ana");
    g_assert_null (box_attendee_get_ticket_type (a));
    assert_detail (a, "Outstanding", "10.00");
  }
  /* Only a name tag: the name. */
  {
    g_autoptr(BoxAttendee) a = registration ("{\"Nametag\":\"  Dr Zoë L. \",\"Registration\":\"1\"}");
    g_assert_cmpstr (box_attendee_get_name (a), ==, "Dr Zoë L.");
    assert_detail (a, "Name tag", "Dr Zoë L.");
  }
  /* Addons and Extras that are not arrays, entries that are not objects. */
  {
    g_autoptr(BoxAttendee) a = registration ("{\"FirstName\":\"A\",\"Registration\":{\"Name\":\"R\",\"Extras\":{\"Question\":\"Q\"}},"
                                            "\"Addons\":{\"Quantity\":\"1\"},\"Extras\":\"none\"}");
    g_autoptr(BoxAttendee) b = registration ("{\"FirstName\":\"B\",\"Addons\":[1,null,[],{\"Quantity\":\"3\"},"
                                            "{\"Addon\":{\"Name\":\"\"}},{\"Addon\":\"x\"}],"
                                            "\"Extras\":[null,{\"Question\":\"Q\"},{\"Answer\":\"A\"},{\"Question\":\"\",\"Answer\":\"x\"},"
                                            "{\"Question\":\"Multi?\",\"Answer\":[\"a\",1,null,\"b\"]},"
                                            "{\"Question\":\"_nametag\",\"Answer\":\"spoof\"},"
                                            "{\"Question\":\"Twice?\",\"Answer\":\"one\"},{\"Question\":\"Twice?\",\"Answer\":\"two\"}]}");

    g_assert_cmpstr (box_attendee_get_details (a), ==, "{}");
    assert_detail (b, "Add-ons", NULL);
    assert_detail (b, "Q", NULL);
    assert_detail (b, "Multi?", "a, 1, b");
    /* A question never poses as the desk's own keys. */
    assert_detail (b, "_nametag", NULL);
    assert_detail (b, "nametag", "spoof");
    assert_detail (b, "Twice?", "one; two");
  }
  /* Nothing of a person: malformed, with Currinda's words when it gave some. */
  none = box_currinda_parse_registration ("{\"error\":\"No registration\"}", -1, "42", &error);
  g_assert_null (none);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "No registration"));
  g_clear_error (&error);
  none = box_currinda_parse_membership ("{\"Organisation\":\"Test Org\",\"Membership\":[]}", -1, "19", NULL, &error);
  g_assert_null (none);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
  g_clear_error (&error);
  assert_malformed ("{}", -1);
  assert_malformed ("{\"FirstName\":null,\"LastName\":\"\",\"Nametag\":\"  \"}", -1);
}

static void
test_not_json (void)
{
  g_autofree char *deep = NULL;
  GString *nested = g_string_new (NULL);

  assert_malformed ("<!DOCTYPE html><html><body>Site down</body></html>", -1);
  assert_malformed ("", -1);
  assert_malformed ("", 0);
  assert_malformed (NULL, 0);
  assert_malformed ("   ", -1);
  assert_malformed ("[]", -1);
  assert_malformed ("[{\"FirstName\":\"A\"}]", -1);
  assert_malformed ("\"FirstName\"", -1);
  assert_malformed ("150.00", -1);
  assert_malformed ("null", -1);
  /* Truncated, with and without trailing commas before the cut. */
  assert_malformed (registration_example, sizeof registration_example / 2);
  assert_malformed (membership_example, 120);
  assert_malformed ("{\"FirstName\":\"A\",", -1);
  /* Garbage that the repair does not save. */
  assert_malformed ("{\"FirstName\":\"A\",,}", -1);
  assert_malformed ("{\"FirstName\" \"A\"}", -1);
  /* Bytes after the end, NULs inside. */
  assert_malformed ("{\"FirstName\":\"A\"}\0{", 18);
  assert_malformed ("{\"First\0Name\":\"A\"}", 18);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  deep = g_string_free (nested, FALSE);
  assert_malformed (deep, -1);
  {
    g_autofree char *obj = g_strdup_printf ("{\"FirstName\":\"A\",\"Extras\":%s}", deep);
    assert_malformed (obj, -1);
  }
}

static void
test_repair (void)
{
  gsize len = 0;
  g_autofree char *fixed = NULL;
  g_autofree char *quoted = NULL;
  g_autoptr(BoxAttendee) a = NULL;

  /* Commas inside strings stay, also after an escaped quote. */
  g_assert_null (box_currinda_repair_json ("{\"a\":\"a,}\"}", 10, NULL));
  g_assert_null (box_currinda_repair_json ("{\"a\":\"\\\",]\"}", 12, NULL));
  g_assert_null (box_currinda_repair_json ("{'a':'x,}'}", 11, NULL));
  fixed = box_currinda_repair_json ("{\"a\":[1,2, ],\"b\":\"c,}\",}", 24, &len);
  g_assert_cmpstr (fixed, ==, "{\"a\":[1,2  ],\"b\":\"c,}\" }");
  g_assert_cmpuint (len, ==, 24);

  /* Bare numbers get quotes; the ones in strings and names do not. */
  {
    static const char text[] = "{\"a1\":-1.50e3,\"b\":[0,\"2\",true],\"c\":\"x 9\"}";
    quoted = box_currinda_quote_numbers (text, strlen (text), &len);
  }
  g_assert_cmpstr (quoted, ==, "{\"a1\":\"-1.50e3\",\"b\":[\"0\",\"2\",true],\"c\":\"x 9\"}");
  g_assert_cmpuint (len, ==, strlen (quoted));

  /* The repair is the fallback: a string that holds ",}" reads as it is. */
  a = registration ("{\"FirstName\":\"A,}\",\"LastName\":\"B,]\",\"Extras\":[{\"Question\":\"Q,}\",\"Answer\":\"x\",},],}");
  g_assert_cmpstr (box_attendee_get_first_name (a), ==, "A,}");
  g_assert_cmpstr (box_attendee_get_last_name (a), ==, "B,]");
  assert_detail (a, "Q,}", "x");
}

static void
test_read_error (void)
{
  static const struct { const char *body; const char *message; } cases[] = {
    { "{\"error\":\"invalid_token\"}", "invalid_token" },
    { "{\"error\":\"invalid_token\",\"error_description\":\"The access token provided has expired\"}",
      "The access token provided has expired" },
    { "{\"error\":\"No registration\"}", "No registration" },
    { "{\"message\":\"Server Error\"}", "Server Error" },
    { "{\"error\":{\"code\":1}}", NULL },
    { "<html><body>Bad gateway</body></html>", NULL },
    { "Service unavailable\nretry later", "Service unavailable" },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autofree char *message = NULL;
      int retry_after = 0;

      box_currinda_read_error (401, body, &message, &retry_after);
      g_assert_cmpstr (message, ==, cases[i].message);
      g_assert_cmpint (retry_after, ==, -1);
    }
  {
    g_autofree char *message = NULL;
    int retry_after = 0;

    box_currinda_read_error (500, NULL, &message, &retry_after);
    g_assert_null (message);
  }
}

static void
test_scope (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) scopes = NULL;
  char *scope;

  scope = box_currinda_make_scope ("42", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (scope, ==, "event-42");
  g_free (scope);
  scope = box_currinda_make_scope (NULL, " 19 ", &error);
  g_assert_cmpstr (scope, ==, "org-19");
  g_free (scope);
  scope = box_currinda_make_scope ("42", "19", &error);
  g_assert_cmpstr (scope, ==, "event-42,org-19");
  g_free (scope);

  g_assert_null (box_currinda_make_scope (NULL, "", &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (box_currinda_make_scope ("event-42", NULL, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "event-42"));
  g_clear_error (&error);
  g_assert_null (box_currinda_make_scope ("42", "1 9", &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (box_currinda_make_scope ("-4", NULL, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  scopes = box_currinda_split_scope ("event-42,org-19 event-42", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (scopes), ==, 2);
  g_assert_cmpstr (scopes[0], ==, "event-42");
  g_assert_cmpstr (scopes[1], ==, "org-19");
  g_assert_null (box_currinda_split_scope ("event-42,user", &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (box_currinda_split_scope (" , ", &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (box_currinda_split_scope (NULL, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
}

static void
test_logout_url (void)
{
  g_autofree char *a = box_currinda_logout_url ("https://asn.currinda.com", "http://127.0.0.1:4000/kiosk?next=a&b=c d");
  g_autofree char *b = box_currinda_logout_url ("https://asn.currinda.com//", "https://example.com/");
  g_autofree char *c = box_currinda_logout_url ("https://asn.currinda.com", NULL);

  g_assert_cmpstr (a, ==, "https://asn.currinda.com/logout?redirect=http%3A%2F%2F127.0.0.1%3A4000%2Fkiosk%3Fnext%3Da%26b%3Dc%20d");
  g_assert_cmpstr (b, ==, "https://asn.currinda.com/logout?redirect=https%3A%2F%2Fexample.com%2F");
  g_assert_cmpstr (c, ==, "https://asn.currinda.com/logout");
  g_assert_null (box_currinda_logout_url (NULL, "x"));
  g_assert_null (box_currinda_logout_url ("", "x"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/currinda/registration/example", test_registration_example);
  g_test_add_func ("/currinda/membership/example", test_membership_example);
  g_test_add_func ("/currinda/numbers", test_numbers);
  g_test_add_func ("/currinda/outstanding-zero", test_outstanding_zero);
  g_test_add_func ("/currinda/membership/statuses", test_membership_statuses);
  g_test_add_func ("/currinda/missing", test_missing);
  g_test_add_func ("/currinda/not-json", test_not_json);
  g_test_add_func ("/currinda/repair", test_repair);
  g_test_add_func ("/currinda/read-error", test_read_error);
  g_test_add_func ("/currinda/scope", test_scope);
  g_test_add_func ("/currinda/logout-url", test_logout_url);

  return g_test_run ();
}
