/* test-cli.c: boxoffice-cli end to end against the emulator, per CLI.md
 *
 * Runs inside tests/with-keyring.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "box-attendee.h"
#include "box-desk.h"
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
  g_assert_cmpuint (g_strv_length (header), ==, 14);
  g_assert_cmpstr (header[12], ==, "checked_in_by");
  g_assert_cmpstr (header[13], ==, "kept_on_this_computer");
  while (*p)
    {
      g_auto(GStrv) row = csv_row (&p);
      /* Every row has every column, even with commas, quotes and HTML inside. */
      g_assert_cmpuint (g_strv_length (row), ==, 14);
      /* Fienta has a check-in: nothing is kept on this computer alone. */
      g_assert_cmpstr (row[13], ==, "false");
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

/* Name tags --------------------------------------------------------------------------- */

static gboolean
have_display (void)
{
  return (g_getenv ("DISPLAY") && *g_getenv ("DISPLAY")) ||
         (g_getenv ("WAYLAND_DISPLAY") && *g_getenv ("WAYLAND_DISPLAY"));
}

/* Runs a poppler tool on @pdf to the end and returns its standard output. */
static char *
poppler (const char *tool,
         const char *pdf)
{
  const char *argv[] = { tool, pdf, NULL, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = -1;

  if (g_str_equal (tool, "pdftotext"))
    argv[2] = "-";
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_test_message ("%s %s: %s", tool, pdf, err);
  g_assert_no_error (error);
  return out;
}

/* The text with every run of white space made one space: a long name may wrap. */
static char *
one_line (const char *text)
{
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && s->len > 0)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

static char *
synced_profile (void)
{
  char *profile = new_profile_with_account ();
  g_autoptr(BoxTestRun) sync = CLI (profile, NULL, "sync", "fienta/10");

  g_assert_cmpint (sync->status, ==, 0);
  return profile;
}

/* Two tickets whose name tags read plainly: a name and a company without markup
 * characters, which pdftotext would give back as they are anyway. */
static void
two_codes (BoxDesk  *desk,
           char    **codes)
{
  guint n = 0;

  for (guint i = 0; n < 2 && i < 40; i++)
    {
      g_autofree char *code = box_test_emulator_sample_code (emu, "UNUSED", 20 + i);
      g_autoptr(BoxAttendee) a = box_desk_get_attendee (desk, "fienta", "10", code, NULL);

      if (a == NULL || box_attendee_get_name (a) == NULL || strlen (box_attendee_get_name (a)) < 3 ||
          strpbrk (box_attendee_get_name (a), "<>&\"'") != NULL)
        continue;
      codes[n++] = g_steal_pointer (&code);
    }
  g_assert_cmpuint (n, ==, 2);
}

/* boxoffice-cli at the desk @desk (BOXOFFICE_DESK; NULL: unset), in a session with
 * or without a display. */
static BoxTestRun *
cli_at (const char *desk,
        gboolean    display,
        const char *profile,
        ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  BoxTestRun *run = g_new0 (BoxTestRun, 1);
  va_list args;

  va_start (args, profile);
  argv = box_test_cli_argv (profile, args);
  va_end (args);
  if (desk != NULL)
    g_subprocess_launcher_setenv (launcher, "BOXOFFICE_DESK", desk, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "BOXOFFICE_DESK");
  if (!display)
    {
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
      g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  g_test_message ("%s %s: exit %d, stderr: %s", (char *)g_ptr_array_index (argv, 3),
                  display ? "" : "(no display)", run->status, run->err);
  return run;
}

static void
test_badge_pdf (void)
{
  g_autofree char *profile = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autoptr(BoxTestRun) badge = NULL;
  g_autoptr(BoxDesk) desk = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) size_re = NULL;
  char *codes[3] = { NULL, NULL, NULL };
  g_autofree char *w_text = NULL;
  g_autofree char *h_text = NULL;
  gint64 started = g_get_real_time () / G_USEC_PER_SEC;

  if (!have_display ())
    {
      g_test_skip ("No display: badge renders with WebKitGTK; run under xvfb-run");
      return;
    }

  profile = synced_profile ();
  pdf = g_build_filename (profile, "tags.pdf", NULL);

  /* The names to look for, as the desk stored them. Closed again before the CLI runs. */
  desk = box_desk_new (profile, &error);
  g_assert_no_error (error);
  two_codes (desk, codes);
  g_clear_object (&desk);

  badge = cli_at ("Badge desk", TRUE, profile, "badge", "fienta/10", codes[0], codes[1], "--pdf", pdf,
                  "--size", "89x36mm", NULL);
  g_assert_cmpint (badge->status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  /* One page per attendee, at the label size: 89 x 36 mm is 252.3 x 102.0 pt. */
  info = poppler ("pdfinfo", pdf);
  g_assert_true (g_regex_match_simple ("^Pages:\\s+2$", info, G_REGEX_MULTILINE, 0));
  size_re = g_regex_new ("^Page size:\\s+([0-9.]+) x ([0-9.]+) pts", G_REGEX_MULTILINE, 0, NULL);
  g_assert_true (g_regex_match (size_re, info, 0, &match));
  w_text = g_match_info_fetch (match, 1);
  h_text = g_match_info_fetch (match, 2);
  g_test_message ("Page size: %s x %s pt", w_text, h_text);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (w_text, NULL), 89 / 25.4 * 72, 1.0);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (h_text, NULL), 36 / 25.4 * 72, 1.0);

  /* The provider's tag of each, with their name on it. */
  text = poppler ("pdftotext", pdf);
  flat = one_line (text);
  g_test_message ("Text: %s", flat);

  desk = box_desk_new (profile, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(BoxAttendee) a = box_desk_get_attendee (desk, "fienta", "10", codes[i], &error);
      g_autofree char *name = NULL;
      g_autofree char *by = NULL;
      gint64 at = 0;

      g_assert_no_error (error);
      name = one_line (box_attendee_get_name (a));
      g_assert_nonnull (strstr (flat, name));
      if (box_attendee_get_company (a) != NULL && strpbrk (box_attendee_get_company (a), "<>&") == NULL)
        {
          g_autofree char *company = one_line (box_attendee_get_company (a));
          g_assert_nonnull (strstr (flat, company));
        }

      /* Recorded as printed, now, by the desk the CLI runs at. */
      g_assert_true (box_desk_get_last_print (desk, "fienta", "10", codes[i], &at, &by));
      g_assert_cmpint (at, >=, started);
      g_assert_cmpint (at, <=, g_get_real_time () / G_USEC_PER_SEC);
      g_assert_cmpstr (by, ==, "Badge desk");
    }
  /* Nobody else was. */
  {
    g_autofree char *other = box_test_emulator_sample_code (emu, "UNUSED", 0);
    g_assert_false (box_desk_get_last_print (desk, "fienta", "10", other, NULL, NULL));
  }

  g_free (codes[0]);
  g_free (codes[1]);
}

static void
test_badge_template (void)
{
  g_autofree char *profile = NULL;
  g_autofree char *code = box_test_emulator_sample_code (emu, "UNUSED", 5);
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *good_pdf = NULL;
  g_autofree char *bad_pdf = NULL;
  g_autofree char *text = NULL;
  g_autoptr(BoxTestRun) with_good = NULL;
  g_autoptr(BoxTestRun) with_bad = NULL;
  g_autoptr(BoxTestRun) missing = NULL;

  profile = synced_profile ();
  good = g_build_filename (profile, "good.html", NULL);
  bad = g_build_filename (profile, "bad.html", NULL);
  good_pdf = g_build_filename (profile, "good.pdf", NULL);
  bad_pdf = g_build_filename (profile, "bad.pdf", NULL);
  g_assert_true (g_file_set_contents (good, "<p>{{name}} / {{company}} / {{ticket_type}}</p>", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "<p>{{name}} {{nope}}</p>", -1, NULL));

  /* A placeholder the renderer does not know: said before anything is rendered, so
   * with or without a display. */
  with_bad = CLI (profile, NULL, "badge", "fienta/10", code, "--pdf", bad_pdf, "--template", bad);
  assert_one_line_error (with_bad, 1, "{{nope}}");
  g_assert_false (g_file_test (bad_pdf, G_FILE_TEST_EXISTS));

  missing = CLI (profile, NULL, "badge", "fienta/10", code, "--pdf", bad_pdf, "--template", "/nonexistent/tag.html");
  assert_one_line_error (missing, 1, "/nonexistent/tag.html");
  g_assert_false (g_file_test (bad_pdf, G_FILE_TEST_EXISTS));

  if (!have_display ())
    {
      g_test_skip ("No display: badge renders with WebKitGTK; run under xvfb-run");
      return;
    }

  /* Every emulated Fienta ticket has a nametag_html, and that wins over the template
   * (the template is for tags the provider does not design). */
  with_good = CLI (profile, NULL, "badge", "fienta/10", code, "--pdf", good_pdf, "--template", good);
  g_assert_cmpint (with_good->status, ==, 0);
  g_assert_true (g_file_test (good_pdf, G_FILE_TEST_IS_REGULAR));
  text = poppler ("pdftotext", good_pdf);
  g_assert_null (strstr (text, "{{"));
  g_assert_null (strstr (text, " / "));
}

static void
test_badge_errors (void)
{
  g_autofree char *profile = synced_profile ();
  g_autofree char *code = box_test_emulator_sample_code (emu, "UNUSED", 6);
  g_autofree char *pdf = g_build_filename (profile, "tags.pdf", NULL);
  g_autoptr(BoxTestRun) unknown = CLI (profile, NULL, "badge", "fienta/10", code, "NOSUCHCODE", "--pdf", pdf);
  g_autoptr(BoxTestRun) too_big = CLI (profile, NULL, "badge", "fienta/10", code, "--pdf", pdf, "--size", "3x1000mm");
  g_autoptr(BoxTestRun) banana = CLI (profile, NULL, "badge", "fienta/10", code, "--pdf", pdf, "--size", "banana");
  g_autoptr(BoxTestRun) no_pdf = CLI (profile, NULL, "badge", "fienta/10", code);
  g_autoptr(BoxTestRun) no_code = CLI (profile, NULL, "badge", "fienta/10", "--pdf", pdf);

  /* An unknown code: nothing at all is written, not even the tags of the known ones. */
  assert_one_line_error (unknown, 1, "NOSUCHCODE");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  assert_one_line_error (too_big, 2, "3x1000mm");
  g_assert_nonnull (strstr (too_big->err, "out of range"));
  assert_one_line_error (banana, 2, "banana");
  g_assert_nonnull (strstr (banana->err, "100x70mm"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  assert_one_line_error (no_pdf, 2, "--pdf");
  assert_one_line_error (no_code, 2, "CODE");
}

/* With no display, badge says so and writes nothing; the rest of the CLI needs none. */
static void
test_badge_without_display (void)
{
  g_autofree char *profile = synced_profile ();
  g_autofree char *code = box_test_emulator_sample_code (emu, "UNUSED", 7);
  g_autofree char *pdf = g_build_filename (profile, "tags.pdf", NULL);
  g_autoptr(BoxTestRun) badge = cli_at (NULL, FALSE, profile, "badge", "fienta/10", code, "--pdf", pdf, NULL);
  g_autoptr(BoxDesk) desk = NULL;
  g_autoptr(GError) error = NULL;

  assert_one_line_error (badge, 1, "display");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  desk = box_desk_new (profile, &error);
  g_assert_no_error (error);
  g_assert_false (box_desk_get_last_print (desk, "fienta", "10", code, NULL, NULL));
}

/* Eventyay ------------------------------------------------------------------------------ */

/* The device setup of @event as its QR code says it: the JSON, or the pretixdesk:// link. */
static char *
eventyay_setup (const char *event,
                gboolean    link)
{
  g_autofree char *path = g_strdup_printf ("/_control/eventyay/setup?event=%s&prefix=eventyaydroid%s",
                                           event, link ? "&format=link" : "");
  g_autofree char *url = g_strconcat (emu->url, path, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* A profile with the Eventyay account of @event ("eventyay"), synced. */
static char *
eventyay_profile (const char *event)
{
  g_autofree char *setup = eventyay_setup (event, FALSE);
  g_autofree char *id = g_strdup_printf ("eventyay/%s", event);
  char *profile = box_test_make_dir ("cli-eventyay");
  g_autoptr(BoxTestRun) add = CLI (profile, setup, "accounts", "add", "eventyay", "--config", "-");
  g_autoptr(BoxTestRun) sync = NULL;

  g_assert_cmpint (add->status, ==, 0);
  sync = CLI (profile, NULL, "sync", id);
  g_assert_cmpint (sync->status, ==, 0);
  return profile;
}

/* A ticket of @event in @state (paid, pending, canceled, questions, ...). */
static char *
eventyay_sample (const char *event,
                 const char *state,
                 guint       index)
{
  g_autofree char *path = g_strdup_printf ("/_control/eventyay/sample?event=%s&n=%u&state=%s", event,
                                           index + 1, state);
  g_autoptr(JsonNode) reply = box_test_emulator_get (emu, path);
  JsonArray *tickets;

  g_assert_nonnull (reply);
  tickets = json_object_get_array_member (json_node_get_object (reply), "tickets");
  g_assert_cmpuint (json_array_get_length (tickets), >, index);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (tickets, index), "secret"));
}

/* How many check-ins the server holds for @secret. */
static gint64
eventyay_server_checkins (const char *event,
                          const char *secret)
{
  g_autofree char *path = g_strdup_printf ("/_control/eventyay/checkins?event=%s&secret=%s", event, secret);
  g_autoptr(JsonNode) reply = box_test_emulator_get (emu, path);

  g_assert_nonnull (reply);
  return json_object_get_int_member (json_node_get_object (reply), "checkins");
}

static void
test_eventyay_setup (void)
{
  g_autofree char *profile = box_test_make_dir ("cli-eventyay-setup");
  g_autofree char *json = eventyay_setup ("democon", FALSE);
  g_autofree char *link = eventyay_setup ("democon", TRUE);
  g_autofree char *link_file = g_build_filename (profile, "setup.txt", NULL);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  JsonObject *object = json_node_get_object (node);
  g_autofree char *newer = NULL;
  g_autofree char *wrong_key = NULL;
  g_autoptr(BoxTestRun) from_stdin = NULL;
  g_autoptr(BoxTestRun) from_file = NULL;
  g_autoptr(BoxTestRun) list = NULL;
  g_autoptr(BoxTestRun) v4 = NULL;
  g_autoptr(BoxTestRun) bad_key = NULL;
  g_autoptr(BoxTestRun) sync = NULL;
  JsonArray *accounts;

  g_assert_true (g_str_has_prefix (link, "pretixdesk://"));
  g_assert_true (g_file_set_contents (link_file, link, -1, NULL));

  /* The JSON on standard input, and the link in a file. */
  from_stdin = CLI (profile, json, "accounts", "add", "eventyay", "--config", "-", "--json");
  g_assert_cmpint (from_stdin->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (from_stdin), "id"), ==, "eventyay");
  g_assert_cmpstr (json_object_get_string_member (result_of (from_stdin), "provider"), ==, "eventyay");
  from_file = CLI (profile, NULL, "accounts", "add", "eventyay", "--name", "Side door", "--config", link_file, "--json");
  g_assert_cmpint (from_file->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (from_file), "name"), ==, "Side door");

  list = CLI (profile, NULL, "accounts", "list", "--json");
  g_assert_cmpint (list->status, ==, 0);
  accounts = json_node_get_array (list->json);
  g_assert_cmpuint (json_array_get_length (accounts), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *a = json_array_get_object_element (accounts, i);
      g_assert_cmpstr (json_object_get_string_member (a, "provider"), ==, "eventyay");
      g_assert_cmpstr (json_object_get_string_member (a, "state"), ==, "ok");
    }
  sync = CLI (profile, NULL, "sync", "eventyay/democon");
  g_assert_cmpint (sync->status, ==, 0);

  /* A setup of a newer version: says which. */
  json_object_set_int_member (object, "version", 4);
  newer = json_to_string (node, FALSE);
  v4 = CLI (profile, newer, "accounts", "add", "eventyay", "--config", "-");
  assert_one_line_error (v4, 1, "4");

  /* A key the server refuses: one line about the key. */
  json_object_set_int_member (object, "version", 3);
  json_object_set_string_member (object, "key", "WRONGKEYWRONGKEYWRONGKEYWRONGKEY");
  wrong_key = json_to_string (node, FALSE);
  bad_key = CLI (profile, wrong_key, "accounts", "add", "eventyay", "--config", "-");
  assert_one_line_error (bad_key, 1, "key");

  g_clear_pointer (&list, box_test_run_free);
  list = CLI (profile, NULL, "accounts", "list", "--json");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list->json)), ==, 2);
}

/* What a person would answer to a question of @type; NULL for a file. */
static const char *
eventyay_answer (const char *type,
                 JsonArray  *options)
{
  switch (type[0])
    {
    case 'N': return "42";
    case 'S': return "Tallinn";
    case 'T': return "Line one\nLine two";
    case 'B': return "yes";
    case 'C':
    case 'M':
      g_assert_cmpuint (json_array_get_length (options), >, 0);
      return json_object_get_string_member (json_array_get_object_element (options, 0), "id");
    case 'D': return "2026-11-23";
    case 'H': return "09:30";
    case 'W': return "2026-11-23T09:30";
    default: return NULL;
    }
}

static void
test_eventyay_questions (void)
{
  g_autofree char *profile = eventyay_profile ("tinycon");
  g_autofree char *secret = eventyay_sample ("tinycon", "questions", 0);
  g_autoptr(BoxTestRun) asked = CLI (profile, NULL, "checkin", "eventyay/tinycon", secret, "--json");
  g_autoptr(BoxTestRun) answered = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  const char *a[16] = { NULL };
  JsonArray *questions;
  gboolean has_file = FALSE;

  g_assert_cmpint (asked->status, ==, 4);
  g_assert_cmpstr (json_object_get_string_member (result_of (asked), "result"), ==, "questions");
  questions = json_object_get_array_member (result_of (asked), "questions");
  g_assert_cmpuint (json_array_get_length (questions), >, 0);
  g_assert_cmpint (eventyay_server_checkins ("tinycon", secret), ==, 0);

  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);
      const char *keys[] = { "id", "type", "question", "required", "options" };
      const char *type;
      const char *value;

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (q, keys[k]));
      type = json_object_get_string_member (q, "type");
      g_assert_nonnull (type);
      g_assert_nonnull (json_object_get_string_member (q, "question"));
      if (type[0] == 'C' || type[0] == 'M')
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (q, "options")), >, 0);

      value = eventyay_answer (type, json_object_get_array_member (q, "options"));
      if (value != NULL)
        g_ptr_array_add (args, g_strdup_printf ("--answer=%s=%s", json_object_get_string_member (q, "id"), value));
      else
        has_file = TRUE;
    }
  if (has_file)
    g_ptr_array_add (args, g_strdup ("--force"));
  g_assert_cmpuint (args->len, <, G_N_ELEMENTS (a));
  for (guint i = 0; i < args->len; i++)
    a[i] = g_ptr_array_index (args, i);

  /* The arguments end at the first NULL. */
  answered = CLI (profile, NULL, "checkin", "eventyay/tinycon", secret, "--json",
                  a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12],
                  a[13], a[14], a[15]);
  if (answered->status != 0)
    g_test_message ("answered: exit %d: %s %s", answered->status, answered->out, answered->err);
  g_assert_cmpint (answered->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (answered), "result"), ==, "ok");
  g_assert_cmpint (eventyay_server_checkins ("tinycon", secret), ==, 1);

  /* Every answer reached the server (--force lets the file question pass, not the rest). */
  {
    g_autofree char *path = g_strdup_printf ("/_control/eventyay/checkins?event=tinycon&secret=%s", secret);
    g_autoptr(JsonNode) server = box_test_emulator_get (emu, path);
    g_autofree char *text = json_to_string (server, FALSE);
    JsonObject *stored = json_object_get_object_member (json_node_get_object (server), "answers");

    g_test_message ("server: %s", text);
    for (guint i = 0; i < json_array_get_length (questions); i++)
      {
        JsonObject *q = json_array_get_object_element (questions, i);
        const char *type = json_object_get_string_member (q, "type");

        const char *id = json_object_get_string_member (q, "id");

        if (type[0] == 'F')
          continue;
        if (!json_object_has_member (stored, id))
          g_test_message ("the answer to question %s (type %s) is not stored at the server", id, type);
        g_assert_true (json_object_has_member (stored, id));
      }
  }
}

static void
test_eventyay_unpaid (void)
{
  g_autofree char *profile = eventyay_profile ("democon");
  g_autofree char *pending = eventyay_sample ("democon", "pending", 0);
  g_autofree char *canceled = eventyay_sample ("democon", "canceled", 0);
  g_autoptr(BoxTestRun) refused = CLI (profile, NULL, "checkin", "eventyay/democon", pending, "--json");
  g_autoptr(BoxTestRun) accepted = NULL;
  g_autoptr(BoxTestRun) still_refused = NULL;

  g_assert_cmpint (refused->status, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (result_of (refused), "result"), ==, "unpaid");
  g_assert_cmpint (eventyay_server_checkins ("democon", pending), ==, 0);

  accepted = CLI (profile, NULL, "checkin", "eventyay/democon", pending, "--ignore-unpaid", "--json");
  g_assert_cmpint (accepted->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (accepted), "result"), ==, "ok");
  g_assert_cmpint (eventyay_server_checkins ("democon", pending), ==, 1);

  /* A canceled order stays out, whatever the desk accepts. */
  still_refused = CLI (profile, NULL, "checkin", "eventyay/democon", canceled, "--ignore-unpaid", "--json");
  g_assert_cmpint (still_refused->status, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (result_of (still_refused), "result"), ==, "unpaid");
  g_assert_cmpint (eventyay_server_checkins ("democon", canceled), ==, 0);
}

static void
test_eventyay_offline (void)
{
  g_autofree char *profile = eventyay_profile ("democon");
  g_autofree char *secret = eventyay_sample ("democon", "paid", 3);
  g_autoptr(BoxTestRun) queued = NULL;
  g_autoptr(BoxTestRun) queue = NULL;
  g_autoptr(BoxTestRun) back = NULL;
  g_autoptr(BoxTestRun) empty = NULL;

  box_test_emulator_fault (emu, "down", -1);
  queued = CLI (profile, NULL, "checkin", "eventyay/democon", secret, "--json");
  box_test_emulator_fault (emu, "none", 0);
  g_assert_cmpint (queued->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (queued), "result"), ==, "queued");
  queue = CLI (profile, NULL, "queue", "--json");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (queue->json)), ==, 1);
  g_assert_cmpint (eventyay_server_checkins ("democon", secret), ==, 0);

  back = CLI (profile, NULL, "sync");
  g_assert_cmpint (back->status, ==, 0);
  empty = CLI (profile, NULL, "queue", "--json");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (empty->json)), ==, 0);
  g_assert_cmpint (eventyay_server_checkins ("democon", secret), ==, 1);
}

/* TickeTing ------------------------------------------------------------------------------- */

#define TT_EVENT "ticketing/16993964783416"

/* A General Admission ticket of the Carnival, Issued and not in yet. */
static char *
ticketing_sample (guint index)
{
  g_autofree char *path = g_strdup_printf ("/_control/ticketing/sample?n=%u&state=issued&section=17001", index + 1);
  g_autoptr(JsonNode) reply = box_test_emulator_get (emu, path);
  JsonArray *tickets = json_object_get_array_member (json_node_get_object (reply), "tickets");

  g_assert_cmpuint (json_array_get_length (tickets), >, index);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (tickets, index), "serial"));
}

static const char *
figure (JsonObject *stats,
        const char *key)
{
  JsonArray *figures = json_object_get_array_member (stats, "provider");

  for (guint i = 0; i < json_array_get_length (figures); i++)
    {
      JsonObject *f = json_array_get_object_element (figures, i);
      if (g_strcmp0 (json_object_get_string_member (f, "key"), key) == 0)
        return json_object_get_string_member (f, "value");
    }
  return NULL;
}

static void
test_ticketing (void)
{
  g_autofree char *profile = box_test_make_dir ("cli-ticketing");
  g_autofree char *url = g_strdup_printf ("%s/ticketing/v3", emu->url);
  g_autofree char *serial = ticketing_sample (0);
  g_autofree char *prefix = NULL;
  g_autoptr(BoxTestRun) wrong = NULL;
  g_autoptr(BoxTestRun) no_stdin = NULL;
  g_autoptr(BoxTestRun) add = NULL;
  g_autoptr(BoxTestRun) by_key = NULL;
  g_autoptr(BoxTestRun) sync = NULL;
  g_autoptr(BoxTestRun) search = NULL;
  g_autoptr(BoxTestRun) in = NULL;
  g_autoptr(BoxTestRun) again = NULL;
  g_autoptr(BoxTestRun) stats = NULL;
  g_autoptr(BoxTestRun) list = NULL;
  g_autoptr(BoxTestRun) events = NULL;
  JsonArray *array;
  JsonObject *obj;
  const char *sold;
  gboolean found = FALSE;
  gboolean gala = FALSE;

  wrong = CLI (profile, "not-the-password\n", "accounts", "add", "ticketing", "--base-url", url,
               "--identification", "doorstaff", "--password-stdin");
  assert_one_line_error (wrong, 1, "password");
  no_stdin = CLI (profile, NULL, "accounts", "add", "ticketing", "--base-url", url, "--identification", "doorstaff");
  g_assert_cmpint (no_stdin->status, ==, 2);

  add = CLI (profile, "demo-password\n", "accounts", "add", "ticketing", "--base-url", url,
             "--identification", "doorstaff", "--password-stdin", "--json");
  g_assert_cmpint (add->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (add), "id"), ==, "ticketing");
  g_assert_cmpstr (json_object_get_string_member (result_of (add), "provider"), ==, "ticketing");

  sync = CLI (profile, NULL, "sync", TT_EVENT);
  g_assert_cmpint (sync->status, ==, 0);

  /* The start of a serial finds its ticket. */
  prefix = g_strndup (serial, 6);
  search = CLI (profile, NULL, "search", TT_EVENT, prefix, "--json");
  g_assert_cmpint (search->status, ==, 0);
  array = json_node_get_array (search->json);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *a = json_array_get_object_element (array, i);
      if (g_str_equal (json_object_get_string_member (a, "code"), serial))
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (a, "status"), ==, "paid");
          g_assert_cmpstr (json_object_get_string_member (a, "ticket_type"), ==, "General Admission");
          g_assert_false (json_object_get_boolean_member (a, "checked_in"));
        }
    }
  g_assert_true (found);

  in = CLI (profile, NULL, "checkin", TT_EVENT, serial, "--json");
  g_assert_cmpint (in->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (in), "result"), ==, "ok");
  obj = json_object_get_object_member (result_of (in), "attendee");
  g_assert_true (json_object_get_boolean_member (obj, "checked_in"));
  g_assert_nonnull (json_object_get_string_member (obj, "checked_in_at"));

  again = CLI (profile, NULL, "checkin", TT_EVENT, serial, "--json");
  g_assert_cmpint (again->status, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (result_of (again), "result"), ==, "already_checked_in");

  /* The desk's counts, and TickeTing's own figures. */
  stats = CLI (profile, NULL, "stats", TT_EVENT, "--json");
  g_assert_cmpint (stats->status, ==, 0);
  obj = result_of (stats);
  g_assert_cmpint (json_object_get_int_member (obj, "total"), >, 0);
  g_assert_cmpint (json_object_get_int_member (obj, "total"), <=, ATTENDEES);
  g_assert_cmpint (json_object_get_int_member (obj, "checked_in"), >, 0);
  sold = figure (obj, "tickets_sold");
  g_assert_nonnull (sold);
  g_assert_cmpint (g_ascii_strtoll (sold, NULL, 10), >, 0);
  g_assert_cmpint (g_ascii_strtoll (sold, NULL, 10), <=, ATTENDEES);
  g_assert_nonnull (figure (obj, "admitted"));
  g_assert_nonnull (figure (obj, "revenue"));

  /* An integration key, with a name of its own: it sees the other host's gala too. */
  by_key = CLI (profile, "ticketingintegrationkey000000001\n", "accounts", "add", "ticketing", "--name", "Gala door",
                "--base-url", url, "--key-stdin", "--json");
  g_assert_cmpint (by_key->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (by_key), "id"), ==, "gala-door");
  events = CLI (profile, NULL, "events", "--json");
  g_assert_cmpint (events->status, ==, 0);
  array = json_node_get_array (events->json);
  for (guint i = 0; i < json_array_get_length (array); i++)
    gala |= g_str_equal (json_object_get_string_member (json_array_get_object_element (array, i), "id"),
                         "gala-door/17200000000003");
  g_assert_true (gala);

  list = CLI (profile, NULL, "accounts", "list", "--json");
  g_assert_cmpint (list->status, ==, 0);
  array = json_node_get_array (list->json);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *a = json_array_get_object_element (array, i);
      g_assert_cmpstr (json_object_get_string_member (a, "provider"), ==, "ticketing");
      g_assert_cmpstr (json_object_get_string_member (a, "state"), ==, "ok");
      g_assert_cmpstr (json_object_get_string_member (a, "base_url"), ==, url);
    }
}

/* Floktu and Currinda: OAuth from the command line ---------------------------------- */

/* Runs `accounts add KIND ... --no-browser --json` with @secret on stdin, reads the
 * sign-in address it prints, visits it like a browser (the emulator then POSTs or
 * redirects the code to the command's listener) and waits for the command to end. */
static BoxTestRun *
oauth_add (const char *profile,
           const char *secret,
           ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *rest = NULL;
  BoxTestRun *run = g_new0 (BoxTestRun, 1);
  va_list args;

  va_start (args, secret);
  argv = box_test_cli_argv (profile, args);
  va_end (args);
  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (process), secret, strlen (secret), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, NULL);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  uri = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (uri != NULL && g_str_has_prefix (uri, "http"))
    {
      msg = soup_message_new ("GET", uri);
      page = soup_session_send_and_read (browser, msg, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
    }

  rest = g_data_input_stream_read_upto (out, "", 0, NULL, NULL, &error);
  g_assert_no_error (error);
  run->out = g_strdup (rest ? rest : "");
  {
    g_autoptr(GDataInputStream) err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
    g_autofree char *text = g_data_input_stream_read_upto (err, "", 0, NULL, NULL, NULL);
    run->err = g_strdup (text ? text : "");
  }
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  if (run->status == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      if (json_parser_load_from_data (parser, run->out, -1, NULL))
        run->json = json_node_copy (json_parser_get_root (parser));
    }
  else
    g_test_message ("oauth add: exit %d, stderr: %s", run->status, run->err);
  return run;
}

/* The first event of @account that has attendees after a sync, as "account/id". */
static char *
synced_event (const char *profile,
              const char *account)
{
  g_autoptr(BoxTestRun) sync = CLI (profile, NULL, "sync");
  g_autoptr(BoxTestRun) events = CLI (profile, NULL, "events", "--json");
  JsonArray *array;

  g_assert_cmpint (sync->status, ==, 0);
  g_assert_cmpint (events->status, ==, 0);
  array = json_node_get_array (events->json);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *e = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (e, "account"), account) &&
          json_object_get_int_member (e, "attendees") > 0)
        return g_strdup (json_object_get_string_member (e, "id"));
    }
  g_assert_not_reached ();
}

/* A paid attendee of @event who is not checked in yet. */
static JsonObject *
paid_attendee (BoxTestRun *list)
{
  JsonArray *array = json_node_get_array (list->json);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *a = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (a, "status"), "paid") &&
          !json_object_get_boolean_member (a, "checked_in"))
        return a;
    }
  g_assert_not_reached ();
}

static void
test_floktu (void)
{
  g_autofree char *profile = box_test_make_dir ("cli-floktu");
  g_autofree char *url = g_strdup_printf ("%s/floktu/api/v2", emu->url);
  g_autofree char *path = g_build_filename (profile, "floktu.csv", NULL);
  g_autoptr(BoxTestRun) missing = NULL;
  g_autoptr(BoxTestRun) add = NULL;
  g_autoptr(BoxTestRun) list = NULL;
  g_autoptr(BoxTestRun) search = NULL;
  g_autoptr(BoxTestRun) in = NULL;
  g_autoptr(BoxTestRun) again = NULL;
  g_autoptr(BoxTestRun) undo = NULL;
  g_autoptr(BoxTestRun) in2 = NULL;
  g_autoptr(BoxTestRun) export = NULL;
  g_autoptr(BoxTestRun) stats = NULL;
  g_autofree char *event = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_autofree char *word = NULL;
  g_autofree char *csv = NULL;
  gboolean exported = FALSE;
  const char *p;

  missing = CLI (profile, "floktu-demo-secret\n", "accounts", "add", "floktu", "--base-url", url,
                 "--client-secret-stdin", "--no-browser");
  assert_one_line_error (missing, 2, "--client-id");

  add = oauth_add (profile, "floktu-demo-secret\n", "accounts", "add", "floktu", "--base-url", url,
                   "--client-id", "floktu-demo-client", "--client-secret-stdin", "--no-browser", "--json", NULL);
  g_assert_cmpint (add->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (add->json), "provider"), ==, "floktu");

  event = synced_event (profile, "floktu");
  list = CLI (profile, NULL, "attendees", event, "--json");
  g_assert_cmpint (list->status, ==, 0);
  {
    JsonObject *a = paid_attendee (list);
    code = g_strdup (json_object_get_string_member (a, "code"));
    name = g_strdup (json_object_get_string_member (a, "name"));
  }

  /* Found by the start of a name. */
  word = g_strndup (name, MIN (strlen (name), 4));
  search = CLI (profile, NULL, "search", event, word, "--json");
  g_assert_cmpint (search->status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (search->json)), >, 0);

  /* Floktu has no check-in: kept on this computer, refused twice, undone here. */
  in = CLI (profile, NULL, "checkin", event, code, "--json");
  g_assert_cmpint (in->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (in), "result"), ==, "local");
  again = CLI (profile, NULL, "checkin", event, code, "--json");
  g_assert_cmpint (again->status, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (result_of (again), "result"), ==, "already_checked_in");
  undo = CLI (profile, NULL, "undo", event, code, "--json");
  g_assert_cmpint (undo->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (undo), "result"), ==, "local");
  in2 = CLI (profile, NULL, "checkin", event, code, "--json");
  g_assert_cmpstr (json_object_get_string_member (result_of (in2), "result"), ==, "local");

  /* Counted, and exported as kept on this computer. */
  stats = CLI (profile, NULL, "stats", event, "--json");
  g_assert_cmpint (stats->status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (stats->json), "checked_in"), >=, 1);
  export = CLI (profile, NULL, "export", event, "--csv", path);
  g_assert_cmpint (export->status, ==, 0);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  p = csv;
  g_strfreev (csv_row (&p));
  while (*p)
    {
      g_auto(GStrv) row = csv_row (&p);

      if (g_str_equal (row[0], code))
        {
          exported = TRUE;
          g_assert_cmpstr (row[9], ==, "true");
          g_assert_cmpstr (row[13], ==, "true");
          g_assert_cmpuint (strlen (row[12]), >, 0);
        }
      else if (g_str_equal (row[9], "true"))
        g_assert_cmpstr (row[13], ==, "false");   /* checked in at Floktu's own door */
    }
  g_assert_true (exported);
}

static void
test_currinda (void)
{
  g_autofree char *profile = box_test_make_dir ("cli-currinda");
  g_autofree char *site = g_strdup_printf ("%s/currinda", emu->url);
  g_autoptr(BoxTestRun) both = NULL;
  g_autoptr(BoxTestRun) add = NULL;
  g_autoptr(BoxTestRun) list = NULL;
  g_autoptr(BoxTestRun) in = NULL;
  g_autofree char *event = NULL;
  JsonObject *member;
  JsonObject *details;
  const char *account;

  both = CLI (profile, "currinda-demo-secret\n", "accounts", "add", "currinda", "--site", site,
              "--client-id", "currinda-demo-client", "--client-secret-stdin", "--event", "42",
              "--organisation", "19", "--no-browser");
  assert_one_line_error (both, 2, "--organisation");

  add = oauth_add (profile, "currinda-demo-secret\n", "accounts", "add", "currinda", "--name", "Members",
                   "--site", site, "--client-id", "currinda-demo-client", "--client-secret-stdin",
                   "--organisation", "19", "--no-browser", "--json", NULL);
  g_assert_cmpint (add->status, ==, 0);
  account = json_object_get_string_member (json_node_get_object (add->json), "id");

  /* The signed-in member, with the membership status. */
  event = synced_event (profile, account);
  list = CLI (profile, NULL, "attendees", event, "--json");
  g_assert_cmpint (list->status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list->json)), ==, 1);
  member = json_array_get_object_element (json_node_get_array (list->json), 0);
  details = json_object_get_object_member (member, "details");
  g_assert_nonnull (details);
  g_assert_cmpuint (json_object_get_size (details), >=, 3);

  /* Kept on this computer. */
  in = CLI (profile, NULL, "checkin", event, json_object_get_string_member (member, "code"),
            "--ignore-unpaid", "--json");
  g_assert_cmpint (in->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result_of (in), "result"), ==, "local");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* badge starts GTK and WebKit. Without a bus for them, no accessibility registry
   * starts in the test's D-Bus session and writes to the TAP stream (test-window and
   * test-print have no WebKit in a D-Bus session, and GTK_A11Y=none suffices there). */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("WEBKIT_A11Y_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);

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
  g_test_add_func ("/cli/badge-pdf", test_badge_pdf);
  g_test_add_func ("/cli/badge-template", test_badge_template);
  g_test_add_func ("/cli/badge-errors", test_badge_errors);
  g_test_add_func ("/cli/badge-without-display", test_badge_without_display);
  g_test_add_func ("/cli/eventyay/setup", test_eventyay_setup);
  g_test_add_func ("/cli/eventyay/unpaid", test_eventyay_unpaid);
  g_test_add_func ("/cli/eventyay/offline", test_eventyay_offline);
  g_test_add_func ("/cli/eventyay/questions", test_eventyay_questions);
  g_test_add_func ("/cli/ticketing", test_ticketing);
  g_test_add_func ("/cli/floktu", test_floktu);
  g_test_add_func ("/cli/currinda", test_currinda);

  ret = g_test_run ();

  g_clear_pointer (&fienta_url, g_free);
  g_clear_pointer (&emu, box_test_emulator_stop);
  box_test_cleanup ();
  return ret;
}
