/* test-cli.c: boxoffice-cli end to end against the emulator, per CLI.md
 *
 * Runs inside tests/with-keyring.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "box-test-util.h"

#define KEY "0123456789abcdef0123456789abcdef"
#define ATTENDEES 200

static BoxTestEmulator *emu;
static char *fienta_url;

#define CLI(profile, input, ...) box_test_cli (profile, input, __VA_ARGS__, NULL)

static char *
new_profile_with_account (void)
{
  char *profile = box_test_make_dir ("cli-profile");
  g_autoptr(BoxTestRun) add = CLI (profile, KEY "\n", "accounts", "add", "fienta", "--base-url", fienta_url, "--token-stdin");

  g_assert_cmpint (add->status, ==, 0);
  return profile;
}

static void
assert_one_line_error (BoxTestRun        *run,
                       int         status,
                       const char *expected)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_true (g_str_has_prefix (run->err, "error: "));
  /* One line: the message, then nothing. */
  g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, strlen (run->err) - 1);
  if (expected != NULL)
    g_assert_nonnull (strstr (run->err, expected));
}

static void
test_accounts (void)
{
  g_autofree char *profile = box_test_make_dir ("cli-accounts");
  g_autoptr(BoxTestRun) wrong = CLI (profile, "not-the-key\n", "accounts", "add", "fienta", "--base-url", fienta_url, "--token-stdin");
  g_autoptr(BoxTestRun) key = CLI (profile, KEY, "accounts", "add", "fienta", "--base-url", fienta_url, "--token-stdin", "--json");
  g_autoptr(BoxTestRun) password = CLI (profile, "demo-password\n", "accounts", "add", "fienta", "--name", "Door 2",
                                 "--base-url", fienta_url, "--email", "organiser@example.com", "--password-stdin");
  g_autoptr(BoxTestRun) plain = CLI (profile, KEY, "accounts", "add", "fienta", "--base-url", "http://fienta.example.com/api/v1", "--token-stdin");
  g_autoptr(BoxTestRun) list = CLI (profile, NULL, "accounts", "list", "--json");
  g_autoptr(BoxTestRun) removed = NULL;
  g_autoptr(BoxTestRun) after = NULL;
  JsonArray *accounts;
  JsonObject *first;

  /* A wrong key: one line that says what to do, exit 1. */
  assert_one_line_error (wrong, 1, "Check Settings > Integration in Fienta");
  assert_one_line_error (plain, 1, "https://");

  g_assert_cmpint (key->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (key->json), "id"), ==, "fienta");
  g_assert_cmpint (password->status, ==, 0);
  g_assert_nonnull (strstr (password->out, "door-2"));

  accounts = json_node_get_array (list->json);
  g_assert_cmpuint (json_array_get_length (accounts), ==, 2);
  first = json_array_get_object_element (accounts, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "provider"), ==, "fienta");
  g_assert_cmpstr (json_object_get_string_member (first, "state"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (first, "base_url"), ==, fienta_url);
  g_assert_true (json_object_has_member (first, "name"));

  removed = CLI (profile, NULL, "accounts", "remove", "door-2");
  g_assert_cmpint (removed->status, ==, 0);
  after = CLI (profile, NULL, "accounts", "list", "--json");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (after->json)), ==, 1);
}

static void
test_events_sync_search (void)
{
  g_autofree char *profile = new_profile_with_account ();
  g_autoptr(BoxTestRun) events = CLI (profile, NULL, "events", "--json");
  g_autoptr(BoxTestRun) sync = CLI (profile, NULL, "sync", "fienta/10", "--json");
  g_autoptr(BoxTestRun) attendees = CLI (profile, NULL, "attendees", "fienta/10", "--json");
  g_autoptr(BoxTestRun) search = CLI (profile, NULL, "search", "fienta/10", "MULLER", "--limit", "5", "--json");
  g_autoptr(BoxTestRun) none = CLI (profile, NULL, "search", "fienta/10", "zzzzqqq", "--json");
  JsonArray *list;
  JsonObject *event = NULL;
  JsonObject *hit;

  g_assert_cmpint (events->status, ==, 0);
  list = json_node_get_array (events->json);
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (list, i), "id"), "fienta/10"))
      event = json_array_get_object_element (list, i);
  g_assert_nonnull (event);
  g_assert_cmpstr (json_object_get_string_member (event, "account"), ==, "fienta");
  g_assert_cmpstr (json_object_get_string_member (event, "provider"), ==, "fienta");
  g_assert_cmpstr (json_object_get_string_member (event, "name"), ==, "Tallinn Tech Summit 2026");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (event, "starts_at"), "Z"));

  g_assert_cmpint (sync->status, ==, 0);
  g_assert_cmpint (attendees->status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (attendees->json)), ==, ATTENDEES);

  /* Case and accents do not matter. */
  g_assert_cmpint (search->status, ==, 0);
  list = json_node_get_array (search->json);
  g_assert_cmpuint (json_array_get_length (list), >, 0);
  g_assert_cmpuint (json_array_get_length (list), <=, 5);
  hit = json_array_get_object_element (list, 0);
  g_assert_true (strstr (json_object_get_string_member (hit, "name"), "Müller") != NULL ||
                 strstr (json_object_get_string_member_with_default (hit, "company", ""), "Müller") != NULL ||
                 strstr (json_object_get_string_member_with_default (hit, "email", ""), "muller") != NULL);
  {
    const char *keys[] = { "code", "name", "first_name", "last_name", "email", "company", "ticket_type",
                           "order", "status", "checked_in", "checked_in_at", "nametag" };
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      g_assert_true (json_object_has_member (hit, keys[i]));
  }
  g_assert_cmpuint (json_array_get_length (json_node_get_array (none->json)), ==, 0);
}

static JsonObject *
result_of (BoxTestRun *run)
{
  return json_node_get_object (run->json);
}

static void
test_checkin_flow (void)
{
  g_autofree char *profile = new_profile_with_account ();
  g_autofree char *code = box_test_emulator_sample_code (emu, "UNUSED", 3);
  g_autofree char *offline_code = box_test_emulator_sample_code (emu, "UNUSED", 4);
  g_autofree char *refunded = box_test_emulator_sample_code (emu, "REFUNDED", 0);
  g_autoptr(BoxTestRun) sync = CLI (profile, NULL, "sync", "fienta/10");
  g_autoptr(BoxTestRun) in = CLI (profile, NULL, "checkin", "fienta/10", code, "--json");
  g_autoptr(BoxTestRun) again = CLI (profile, NULL, "checkin", "fienta/10", code, "--json");
  g_autoptr(BoxTestRun) undone = CLI (profile, NULL, "undo", "fienta/10", code, "--json");
  g_autoptr(BoxTestRun) undo_again = CLI (profile, NULL, "undo", "fienta/10", code);
  g_autoptr(BoxTestRun) unpaid = CLI (profile, NULL, "checkin", "fienta/10", refunded, "--json");
  g_autoptr(BoxTestRun) unknown = CLI (profile, NULL, "checkin", "fienta/10", "NOSUCHCODE", "--json");
  g_autoptr(BoxTestRun) queued = NULL;
  g_autoptr(BoxTestRun) queue = NULL;
  g_autoptr(BoxTestRun) back = NULL;
  g_autoptr(BoxTestRun) empty = NULL;
  g_autoptr(BoxTestRun) stats = NULL;
  JsonObject *obj;

  g_assert_cmpint (sync->status, ==, 0);

  g_assert_cmpint (in->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (in), "result"), ==, "ok");
  obj = json_object_get_object_member (result_of (in), "attendee");
  g_assert_true (json_object_get_boolean_member (obj, "checked_in"));
  g_assert_nonnull (json_object_get_string_member (obj, "checked_in_at"));
  g_assert_true (json_object_has_member (result_of (in), "questions"));

  g_assert_cmpint (again->status, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (result_of (again), "result"), ==, "already_checked_in");

  g_assert_cmpint (undone->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (undone), "result"), ==, "ok");
  assert_one_line_error (undo_again, 1, "not checked in");

  g_assert_cmpint (unpaid->status, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (result_of (unpaid), "result"), ==, "unpaid");
  g_assert_cmpint (unknown->status, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (result_of (unknown), "result"), ==, "unknown");

  /* The provider goes away: the check-in is queued, and sent exactly once when it is back. */
  box_test_emulator_fault (emu, "down", -1);
  queued = CLI (profile, NULL, "checkin", "fienta/10", offline_code, "--json");
  g_assert_cmpint (queued->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (queued), "result"), ==, "queued");
  queue = CLI (profile, NULL, "queue", "--json");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (queue->json)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (queue->json), 0), "code"),
                   ==, offline_code);
  box_test_emulator_fault (emu, "none", 0);

  back = CLI (profile, NULL, "sync");
  g_assert_cmpint (back->status, ==, 0);
  empty = CLI (profile, NULL, "queue", "--json");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (empty->json)), ==, 0);
  g_assert_cmpuint (box_test_emulator_used_count (emu, offline_code, NULL), ==, 1);

  stats = CLI (profile, NULL, "stats", "fienta/10", "--json");
  g_assert_cmpint (stats->status, ==, 0);
  obj = result_of (stats);
  g_assert_cmpint (json_object_get_int_member (obj, "total"), >, 0);
  g_assert_cmpint (json_object_get_int_member (obj, "checked_in"), >, 0);
  g_assert_cmpint (json_object_get_int_member (obj, "queued"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "by_ticket_type")), >, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "arrivals")), >, 0);
}

static void
test_malformed_reply (void)
{
  g_autofree char *profile = new_profile_with_account ();
  g_autoptr(BoxTestRun) sync = CLI (profile, NULL, "sync", "fienta/10");
  g_assert_nonnull (sync);
  g_autoptr(BoxTestRun) before = CLI (profile, NULL, "attendees", "fienta/10", "--json");
  g_autoptr(BoxTestRun) broken = NULL;
  g_autoptr(BoxTestRun) after = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;

  box_test_emulator_fault (emu, "invalid", -1);
  broken = CLI (profile, NULL, "sync", "fienta/10", "--full");
  box_test_emulator_fault (emu, "none", 0);
  assert_one_line_error (broken, 1, "not valid JSON");

  after = CLI (profile, NULL, "attendees", "fienta/10", "--json");
  before_text = json_to_string (before->json, FALSE);
  after_text = json_to_string (after->json, FALSE);
  g_assert_cmpstr (after_text, ==, before_text);
}

static char **
csv_row (const char **p)
{
  GPtrArray *fields = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (; **p; (*p)++)
    {
      char c = **p;
      if (quoted)
        {
          if (c == '"' && (*p)[1] == '"')
            {
              g_string_append_c (field, '"');
              (*p)++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, c);
        }
      else if (c == '"')
        quoted = TRUE;
      else if (c == ',')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else if (c == '\r' && (*p)[1] == '\n')
        {
          *p += 2;
          break;
        }
      else
        g_string_append_c (field, c);
    }
  g_ptr_array_add (fields, g_string_free (field, FALSE));
  g_ptr_array_add (fields, NULL);
  return (char **)g_ptr_array_free (fields, FALSE);
}

static void
test_export_csv (void)
{
  g_autofree char *profile = new_profile_with_account ();
  g_autofree char *path = g_build_filename (profile, "export.csv", NULL);
  g_autoptr(BoxTestRun) sync = CLI (profile, NULL, "sync", "fienta/10");
  g_assert_nonnull (sync);
  g_autoptr(BoxTestRun) export = CLI (profile, NULL, "export", "fienta/10", "--csv", path);
  g_autofree char *csv = NULL;
  g_auto(GStrv) header = NULL;
  const char *p;
  guint rows = 0;

  g_assert_cmpint (export->status, ==, 0);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  p = csv;
  header = csv_row (&p);
  g_assert_cmpstr (header[0], ==, "code");
  g_assert_cmpstr (header[1], ==, "name");
  g_assert_cmpuint (g_strv_length (header), ==, 12);
  while (*p)
    {
      g_auto(GStrv) row = csv_row (&p);
      /* Every row has every column, even with commas, quotes and HTML inside. */
      g_assert_cmpuint (g_strv_length (row), ==, 12);
      g_assert_cmpuint (strlen (row[0]), ==, 10);
      rows++;
    }
  g_assert_cmpuint (rows, ==, ATTENDEES);
}

static void
test_usage_errors (void)
{
  g_autofree char *profile = box_test_make_dir ("cli-usage");
  g_autoptr(BoxTestRun) none = CLI (profile, NULL, "frobnicate");
  g_autoptr(BoxTestRun) bad_event = CLI (profile, NULL, "search", "no-slash", "x");
  g_autoptr(BoxTestRun) unknown_event = CLI (profile, NULL, "attendees", "fienta/999", "--json");
  g_autoptr(BoxTestRun) bad_option = CLI (profile, NULL, "search", "fienta/10", "x", "--limit", "many");
  g_autoptr(BoxTestRun) no_stdin = CLI (profile, "", "accounts", "add", "fienta", "--token-stdin");

  assert_one_line_error (none, 2, "Unknown command");
  assert_one_line_error (bad_event, 2, "ACCOUNT/EVENT_ID");
  assert_one_line_error (unknown_event, 1, "events");
  g_assert_cmpint (bad_option->status, ==, 2);
  assert_one_line_error (no_stdin, 1, "standard input");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!box_test_have_secret_service ())
    {
      g_printerr ("No Secret Service: run this test through tests/with-keyring.sh\n");
      return 1;
    }

  emu = box_test_emulator_start (ATTENDEES, NULL);
  fienta_url = box_test_emulator_fienta_url (emu);

  g_test_add_func ("/cli/accounts", test_accounts);
  g_test_add_func ("/cli/events-sync-search", test_events_sync_search);
  g_test_add_func ("/cli/checkin-flow", test_checkin_flow);
  g_test_add_func ("/cli/malformed-reply", test_malformed_reply);
  g_test_add_func ("/cli/export-csv", test_export_csv);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);

  ret = g_test_run ();

  g_clear_pointer (&fienta_url, g_free);
  g_clear_pointer (&emu, box_test_emulator_stop);
  box_test_cleanup ();
  return ret;
}
