/* test-crash.c: boxoffice-cli killed (SIGKILL) at the worst moments
 *
 * Drives the real boxoffice-cli binary against the emulator, kills it in the middle of a
 * sync, of a check-in and of adding an account, and checks that the profile stays
 * consistent: the database passes its integrity checks, nothing that was acknowledged is
 * lost, and nothing is sent to the provider twice.
 *
 * Runs inside tests/with-keyring.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

#include "box-checkin.h"
#include "box-store.h"
#include "box-test-util.h"

#define KEY "0123456789abcdef0123456789abcdef"
#define BIG_ATTENDEES 20000
#define ATTENDEES 300

#define POLL_INTERVAL_MS 20
#define POLL_DEADLINE_S 20
#define HELD_MS 20000      /* an answer held back longer than any poll waits */

static BoxTestEmulator *big;   /* /crash/during-sync */
static BoxTestEmulator *emu;   /* everything else */

/* Children to kill when an assertion aborts the test, so that a failure is reported at
 * once instead of when meson's timeout ends the processes that hold its pipes open. */
static volatile sig_atomic_t child_pids[3];   /* the emulators, the CLI in the background */

static void
abort_handler (int signum)
{
  for (guint i = 0; i < G_N_ELEMENTS (child_pids); i++)
    if (child_pids[i] > 0)
      kill (child_pids[i], SIGKILL);
  signal (signum, SIG_DFL);
  raise (signum);
}

static pid_t
pid_of (GSubprocess *process)
{
  const char *id = g_subprocess_get_identifier (process);
  return id ? (pid_t)g_ascii_strtoll (id, NULL, 10) : 0;
}

/* Running the CLI ---------------------------------------------------------------------- */

#define CLI(profile, input, ...) box_test_cli (profile, input, __VA_ARGS__, NULL)

/* Starts boxoffice-cli in the background; its stderr goes to the test log. */
static GSubprocess *
cli_spawn (const char *profile,
           const char *input,
           ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  va_list args;

  va_start (args, input);
  argv = box_test_cli_argv (profile, args);
  va_end (args);

  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                               &error);
  g_assert_no_error (error);

  /* Secrets are read to the end of input: always close stdin. */
  {
    GOutputStream *in = g_subprocess_get_stdin_pipe (process);
    if (input != NULL)
      g_output_stream_write_all (in, input, strlen (input), NULL, NULL, &error);
    g_assert_no_error (error);
    g_output_stream_close (in, NULL, &error);
    g_assert_no_error (error);
  }
  child_pids[2] = pid_of (process);
  return process;
}

#define CLI_SPAWN(profile, input, ...) cli_spawn (profile, input, __VA_ARGS__, NULL)

static gboolean
process_running (GSubprocess *process)
{
  /* GSubprocess reaps its child from GLib's worker thread: no main loop needed. */
  return g_subprocess_get_identifier (process) != NULL;
}

/* SIGKILL. Returns TRUE when the process was still running and died of it. */
static gboolean
kill_cli (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  child_pids[2] = 0;
  return g_subprocess_get_if_signaled (process) && g_subprocess_get_term_sig (process) == SIGKILL;
}

/* Polling -------------------------------------------------------------------------------- */

typedef gboolean (*Condition) (gpointer data);

/* Waits for @condition, every 20 ms for at most 20 s. Gives up early (FALSE) when
 * @process, if given, has ended: what we wait for would then never happen. */
static gboolean
wait_until (Condition    condition,
            gpointer     data,
            GSubprocess *process)
{
  gint64 deadline = g_get_monotonic_time () + POLL_DEADLINE_S * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (process != NULL && !process_running (process))
        return condition (data);
      g_usleep (POLL_INTERVAL_MS * 1000);
    }
  return TRUE;
}

/* The emulator ------------------------------------------------------------------------- */

static void
set_fault (BoxTestEmulator *e,
           const char      *mode,
           guint            delay_ms,
           const char      *path)
{
  g_autofree char *json = g_strdup_printf ("{\"mode\":\"%s\",\"count\":-1,\"delay_ms\":%u,"
                                           "\"retry_after\":1,\"path\":%s%s%s}",
                                           mode, delay_ms, path ? "\"" : "",
                                           path ? path : "null", path ? "\"" : "");
  g_autoptr(JsonNode) reply = box_test_emulator_post (e, "/_control/fault", json);
  g_assert_nonnull (reply);
}

static void
reset_emulator (BoxTestEmulator *e)
{
  g_autoptr(JsonNode) reply = box_test_emulator_post (e, "/_control/reset", "{}");
  g_assert_nonnull (reply);
  box_test_emulator_fault (e, "none", 0);
}

typedef struct
{
  BoxTestEmulator *emu;
  const char      *method;   /* NULL: any */
  const char      *path_end; /* the request's path ends with this */
} LoggedRequest;

static gboolean
request_logged (gpointer data)
{
  LoggedRequest *want = data;
  g_autoptr(JsonNode) log = box_test_emulator_get (want->emu, "/_control/requests");
  JsonArray *requests = json_node_get_array (log);

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *r = json_array_get_object_element (requests, i);
      if ((want->method == NULL || g_str_equal (json_object_get_string_member (r, "method"), want->method)) &&
          g_str_has_suffix (json_object_get_string_member (r, "path"), want->path_end))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  BoxTestEmulator *emu;
  const char      *code;
} UsedAtServer;

static gboolean
used_at_server (gpointer data)
{
  UsedAtServer *u = data;
  return box_test_emulator_used_count (u->emu, u->code, NULL) >= 1;
}

/* How many tickets event 10 has, as the API itself lists them. */
static guint
emulator_ticket_count (BoxTestEmulator *e)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/fienta/api/v1/events/10/tickets", e->url);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer " KEY);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  node = box_test_json_from_bytes (body);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (node), "tickets"));
}

/* The profile's database, read directly ------------------------------------------------- */

static sqlite3 *
db_open (const char *profile)
{
  g_autofree char *path = g_build_filename (profile, "boxoffice.db", NULL);
  sqlite3 *db = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* The first column of the first row of @sql, or @missing when there is no row. */
static gint64
db_int (const char *profile,
        gint64      missing,
        const char *sql)
{
  sqlite3 *db = db_open (profile);
  sqlite3_stmt *stmt = NULL;
  gint64 value = missing;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
checkin_column (const char *profile,
                const char *code,
                const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM checkins WHERE code = '%s' ORDER BY id DESC LIMIT 1",
                                          column, code);
  return db_int (profile, -1, sql);
}

/* A text column of the newest check-in of @code, or NULL. */
static char *
checkin_text (const char *profile,
              const char *code,
              const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM checkins WHERE code = '%s' ORDER BY id DESC LIMIT 1",
                                          column, code);
  sqlite3 *db = db_open (profile);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* What SQLite and FTS5 say of the whole file, after a crash. */
static void
assert_database_sound (const char *profile)
{
  g_autofree char *path = g_build_filename (profile, "boxoffice.db", NULL);
  g_autoptr(BoxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = db_open (profile);
  sqlite3_stmt *stmt = NULL;
  char *errmsg = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* The search index agrees with the attendees table. */
  rc = sqlite3_exec (db, "INSERT INTO attendees_fts(attendees_fts) VALUES('integrity-check')",
                     NULL, NULL, &errmsg);
  if (rc != SQLITE_OK)
    g_error ("FTS integrity-check: %s", errmsg);
  sqlite3_close (db);

  /* And the store opens it as it is. */
  store = box_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (box_store_get_schema_version (store), ==, BOX_STORE_SCHEMA_VERSION);
}

/* Helpers on the CLI's answers ----------------------------------------------------------- */

static char *
new_profile_with_account (BoxTestEmulator *e,
                          const char      *name)
{
  g_autofree char *url = box_test_emulator_fienta_url (e);
  char *profile = box_test_make_dir (name);
  g_autoptr(BoxTestRun) add = CLI (profile, KEY "\n", "accounts", "add", "fienta", "--base-url", url, "--token-stdin");

  g_assert_cmpint (add->status, ==, 0);
  return profile;
}

static JsonObject *
find_attendee (BoxTestRun        *run,
               const char *code)
{
  JsonArray *attendees = json_node_get_array (run->json);

  for (guint i = 0; i < json_array_get_length (attendees); i++)
    {
      JsonObject *a = json_array_get_object_element (attendees, i);
      if (g_str_equal (json_object_get_string_member (a, "code"), code))
        return a;
    }
  return NULL;
}

static guint
queue_length (const char *profile,
              const char *expected_code)
{
  g_autoptr(BoxTestRun) queue = CLI (profile, NULL, "queue", "--json");
  JsonArray *items;

  g_assert_cmpint (queue->status, ==, 0);
  items = json_node_get_array (queue->json);
  if (expected_code != NULL)
    {
      g_assert_cmpuint (json_array_get_length (items), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "code"),
                       ==, expected_code);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "action"),
                       ==, "checkin");
    }
  return json_array_get_length (items);
}

static void
assert_checked_in_at (const char *profile,
                      const char *event,
                      const char *code)
{
  g_autoptr(BoxTestRun) list = CLI (profile, NULL, "attendees", event, "--json");
  JsonObject *a;

  g_assert_cmpint (list->status, ==, 0);
  a = find_attendee (list, code);
  g_assert_nonnull (a);
  g_assert_true (json_object_get_boolean_member (a, "checked_in"));
  g_assert_false (json_object_get_null_member (a, "checked_in_at"));
}

static void
assert_checked_in (const char *profile,
                   const char *code)
{
  assert_checked_in_at (profile, "fienta/10", code);
}

/* /crash/during-sync ------------------------------------------------------------------- */

typedef struct
{
  const char *profile;
  gint64      sync_gen;
  gint64      rows;
} ImportStarted;

static gint64
event_sync_gen (const char *profile)
{
  return db_int (profile, -1, "SELECT sync_gen FROM events WHERE account_id = 'fienta' AND id = '10'");
}

static gint64
saved_attendees (const char *profile)
{
  return db_int (profile, -1, "SELECT count(*) FROM attendees WHERE account_id = 'fienta' AND event_id = '10'");
}

/* The worker thread has begun saving the downloaded attendees (a new generation), and
 * has committed more than @rows of them. */
static gboolean
import_started (gpointer data)
{
  ImportStarted *i = data;
  return event_sync_gen (i->profile) > i->sync_gen && saved_attendees (i->profile) > i->rows;
}

/* After a kill: the file is sound and the CLI reads what the crash left. */
static void
assert_survived_kill (const char *profile,
                      const char *when)
{
  g_autoptr(BoxTestRun) after = NULL;
  gint64 rows;

  assert_database_sound (profile);
  rows = saved_attendees (profile);
  g_test_message ("killed %s: %" G_GINT64_FORMAT " attendees saved, cursor %s", when, rows,
                  db_int (profile, 0, "SELECT cursor IS NOT NULL FROM events WHERE id = '10'") ? "set" : "unset");
  g_assert_cmpint (rows, >=, 0);
  g_assert_cmpint (rows, <=, BIG_ATTENDEES);

  after = CLI (profile, NULL, "attendees", "fienta/10", "--json");
  g_assert_cmpint (after->status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (after->json)), ==, rows);
}

/* A normal sync completes, and the store has every ticket, findable by its code. */
static void
assert_synced_completely (const char *profile,
                          guint       sample)
{
  g_autofree char *code = NULL;
  g_autoptr(BoxTestRun) synced = NULL;
  g_autoptr(BoxTestRun) list = NULL;
  g_autoptr(BoxTestRun) found = NULL;
  guint tickets;

  synced = CLI (profile, NULL, "sync", "fienta/10");
  g_assert_cmpint (synced->status, ==, 0);
  assert_database_sound (profile);

  tickets = emulator_ticket_count (big);
  g_assert_cmpuint (tickets, ==, BIG_ATTENDEES);
  list = CLI (profile, NULL, "attendees", "fienta/10", "--json");
  g_assert_cmpint (list->status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list->json)), ==, tickets);
  g_assert_cmpint (saved_attendees (profile), ==, tickets);
  g_assert_cmpint (db_int (profile, -1, "SELECT count(*) FROM attendees_fts"), ==, tickets);

  /* The search index finds a ticket by its code. */
  code = box_test_emulator_sample_code (big, "UNUSED", sample);
  found = CLI (profile, NULL, "search", "fienta/10", code, "--json");
  g_assert_cmpint (found->status, ==, 0);
  g_assert_nonnull (find_attendee (found, code));
}

static void
test_during_sync (void)
{
  static const guint delays_ms[] = { 50, 150, 300, 600, 1000, 1500 };
  g_autofree char *profile = NULL;

  reset_emulator (big);
  profile = new_profile_with_account (big, "crash-sync");

  /* Killed while the worker thread saves the attendees, batch after batch: at the start
   * of the import, then each time right after one more batch was committed. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GSubprocess) sync = NULL;
      ImportStarted started = { profile, event_sync_gen (profile), i == 0 ? -1 : saved_attendees (profile) };
      g_autofree char *when = i == 0
        ? g_strdup ("as the import began")
        : g_strdup_printf ("in the import, after more than %" G_GINT64_FORMAT " were saved", started.rows);

      g_assert_cmpint (started.sync_gen, >=, 0);
      sync = CLI_SPAWN (profile, NULL, "sync", "fienta/10", "--full");
      g_assert_true (wait_until (import_started, &started, sync));
      /* The import of 20000 attendees takes many batches: it was still running. */
      g_assert_true (kill_cli (sync));
      assert_survived_kill (profile, when);
      g_assert_cmpint (saved_attendees (profile), <, BIG_ATTENDEES);
    }

  /* Never completely synced yet: a normal sync must still get everything (a cursor
   * saved ahead of the attendees it covers would make it fetch only the changes). */
  assert_synced_completely (profile, 3);

  /* Killed at whatever it was doing: starting, downloading, parsing, saving. Each time
   * some tickets have changed, so the import also rewrites their search entries. */
  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      g_autoptr(GSubprocess) sync = NULL;
      g_autoptr(JsonNode) touched = box_test_emulator_post (big, "/_control/touch",
                                                            "{\"event_id\":10,\"count\":3000}");
      g_autofree char *when = g_strdup_printf ("after %u ms", delays_ms[i]);

      g_assert_nonnull (touched);
      sync = CLI_SPAWN (profile, NULL, "sync", "fienta/10", "--full");
      g_usleep (delays_ms[i] * 1000);
      if (!kill_cli (sync))
        g_test_message ("the sync had finished before %u ms", delays_ms[i]);
      assert_survived_kill (profile, when);
    }

  assert_synced_completely (profile, 11);
}

/* /crash/during-check-in ----------------------------------------------------------------- */

static void
test_during_check_in (void)
{
  g_autofree char *profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *ticket_path = NULL;
  g_autoptr(GSubprocess) sync = NULL;
  g_autoptr(BoxTestRun) synced = NULL;
  g_autoptr(BoxTestRun) checkin = NULL;
  g_autoptr(BoxTestRun) resynced = NULL;
  LoggedRequest sent;
  guint unused = 0;

  reset_emulator (emu);
  profile = new_profile_with_account (emu, "crash-checkin");
  synced = CLI (profile, NULL, "sync", "fienta/10");
  g_assert_cmpint (synced->status, ==, 0);
  code = box_test_emulator_sample_code (emu, "UNUSED", 0);
  ticket_path = g_strdup_printf ("/tickets/%s", code);

  /* Offline: the desk records it and says so. This is the acknowledgement. */
  set_fault (emu, "down", 0, NULL);
  checkin = CLI (profile, NULL, "checkin", "fienta/10", code, "--json");
  g_assert_cmpint (checkin->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (checkin->json), "result"), ==, "queued");
  g_assert_cmpint (checkin_column (profile, code, "state"), ==, BOX_CHECKIN_STATE_PENDING);
  g_assert_cmpuint (box_test_emulator_used_count (emu, code, NULL), ==, 0);

  /* The provider is back but slow: the sync is killed with the check-in in flight. */
  reset_emulator (emu);
  set_fault (emu, "slow", HELD_MS, NULL);
  sync = CLI_SPAWN (profile, NULL, "sync", "fienta/10");
  sent = (LoggedRequest) { emu, NULL, ticket_path };
  g_assert_true (wait_until (request_logged, &sent, sync));
  /* Marked SENDING before the request left. */
  g_assert_cmpint (checkin_column (profile, code, "state"), ==, BOX_CHECKIN_STATE_SENDING);
  g_assert_true (kill_cli (sync));

  set_fault (emu, "none", 0, NULL);
  assert_database_sound (profile);

  /* Nothing acknowledged is lost. */
  g_assert_cmpuint (queue_length (profile, code), ==, 1);

  resynced = CLI (profile, NULL, "sync", "fienta/10");
  g_assert_cmpint (resynced->status, ==, 0);
  g_assert_cmpuint (queue_length (profile, NULL), ==, 0);
  g_assert_cmpuint (box_test_emulator_used_count (emu, code, &unused), ==, 1);
  g_assert_cmpuint (unused, ==, 0);
  g_assert_cmpint (checkin_column (profile, code, "state"), ==, BOX_CHECKIN_STATE_CONFIRMED);
  g_assert_cmpint (checkin_column (profile, code, "result"), ==, BOX_CHECKIN_RESULT_OK);
  assert_checked_in (profile, code);
}

/* /crash/after-server-applied ------------------------------------------------------------ */

static void
test_after_server_applied (void)
{
  g_autofree char *profile = NULL;
  g_autofree char *code = NULL;
  g_autofree char *ticket_path = NULL;
  g_autoptr(GSubprocess) checkin = NULL;
  g_autoptr(BoxTestRun) synced = NULL;
  g_autoptr(BoxTestRun) resynced = NULL;
  LoggedRequest read;
  UsedAtServer applied;
  guint unused = 0;

  reset_emulator (emu);
  profile = new_profile_with_account (emu, "crash-applied");
  synced = CLI (profile, NULL, "sync", "fienta/10");
  g_assert_cmpint (synced->status, ==, 0);
  code = box_test_emulator_sample_code (emu, "UNUSED", 1);
  ticket_path = g_strdup_printf ("/tickets/%s", code);

  /* The check-in reads the ticket (answered after 1.5 s), then PUTs it; by then every
   * answer is held back for 20 s. "slow" applies a request before it delays the answer. */
  reset_emulator (emu);
  set_fault (emu, "slow", 1500, NULL);
  checkin = CLI_SPAWN (profile, NULL, "checkin", "fienta/10", code, "--json");
  read = (LoggedRequest) { emu, "GET", ticket_path };
  g_assert_true (wait_until (request_logged, &read, checkin));
  set_fault (emu, "slow", HELD_MS, NULL);

  applied = (UsedAtServer) { emu, code };
  g_assert_true (wait_until (used_at_server, &applied, checkin));
  g_assert_true (process_running (checkin));
  /* The server has it; the desk only knows it may have been sent. */
  g_assert_cmpint (checkin_column (profile, code, "state"), ==, BOX_CHECKIN_STATE_SENDING);
  g_assert_true (kill_cli (checkin));

  g_assert_cmpint (checkin_column (profile, code, "state"), ==, BOX_CHECKIN_STATE_SENDING);
  set_fault (emu, "none", 0, NULL);
  assert_database_sound (profile);
  g_assert_cmpuint (queue_length (profile, code), ==, 1);

  resynced = CLI (profile, NULL, "sync", "fienta/10");
  g_assert_cmpint (resynced->status, ==, 0);

  /* Not sent twice, and recognised as ours, not as someone else's earlier check-in. */
  g_assert_cmpuint (box_test_emulator_used_count (emu, code, &unused), ==, 1);
  g_assert_cmpuint (unused, ==, 0);
  g_assert_cmpuint (queue_length (profile, NULL), ==, 0);
  g_assert_cmpint (checkin_column (profile, code, "state"), ==, BOX_CHECKIN_STATE_CONFIRMED);
  g_assert_cmpint (checkin_column (profile, code, "result"), ==, BOX_CHECKIN_RESULT_OK);
  assert_checked_in (profile, code);
}

/* Eventyay: the same two moments, with the redeem's nonce ------------------------------- */

#define EY_EVENT "eventyay/democon"

/* Regenerates every Eventyay event (check-ins and answers back to the start), clears the
 * request log and the fault. */
static void
reset_eventyay (BoxTestEmulator *e)
{
  g_autoptr(JsonNode) reply = box_test_emulator_post (e, "/_control/eventyay/reset", "{}");

  g_assert_nonnull (reply);
  reset_emulator (e);
}

/* The device setup of democon, as its QR code says it. */
static char *
eventyay_setup (BoxTestEmulator *e)
{
  g_autoptr(JsonNode) reply = box_test_emulator_get (e, "/_control/eventyay/setup?event=democon&prefix=eventyaydroid");

  g_assert_nonnull (reply);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply));
  return json_to_string (reply, FALSE);
}

/* A profile with the Eventyay account of democon, synced. */
static char *
new_profile_with_eventyay (BoxTestEmulator *e,
                           const char      *name)
{
  g_autofree char *setup = eventyay_setup (e);
  char *profile = box_test_make_dir (name);
  g_autoptr(BoxTestRun) add = CLI (profile, setup, "accounts", "add", "eventyay", "--config", "-", "--json");
  g_autoptr(BoxTestRun) synced = NULL;

  g_assert_cmpint (add->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (add->json), "id"), ==, "eventyay");
  synced = CLI (profile, NULL, "sync", EY_EVENT);
  g_assert_cmpint (synced->status, ==, 0);
  return profile;
}

/* A democon ticket in @state (paid, pending, ...). */
static char *
eventyay_sample (BoxTestEmulator *e,
                 const char      *state,
                 guint            index)
{
  g_autofree char *path = g_strdup_printf ("/_control/eventyay/sample?event=democon&n=%u&state=%s",
                                           index + 1, state);
  g_autoptr(JsonNode) reply = box_test_emulator_get (e, path);
  JsonArray *tickets;

  g_assert_nonnull (reply);
  tickets = json_object_get_array_member (json_node_get_object (reply), "tickets");
  g_assert_cmpuint (json_array_get_length (tickets), >, index);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (tickets, index), "secret"));
}

/* {"checkins":N,"forced":N,"nonces":[...],...} of @secret at the server. */
static JsonNode *
eventyay_server_checkins (BoxTestEmulator *e,
                          const char      *secret)
{
  g_autofree char *path = g_strdup_printf ("/_control/eventyay/checkins?event=democon&secret=%s", secret);
  JsonNode *reply = box_test_emulator_get (e, path);

  g_assert_nonnull (reply);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply));
  return reply;
}

static gint64
eventyay_count (BoxTestEmulator *e,
                const char      *secret,
                const char      *member)
{
  g_autoptr(JsonNode) reply = eventyay_server_checkins (e, secret);

  return json_object_get_int_member (json_node_get_object (reply), member);
}

static gboolean
eventyay_applied (gpointer data)
{
  UsedAtServer *u = data;
  return eventyay_count (u->emu, u->code, "checkins") >= 1;
}

/* Exactly one check-in at the server, none of it forced, and the desk's record of it
 * confirmed as accepted. */
static void
assert_eventyay_once (const char *profile,
                      const char *secret)
{
  g_assert_cmpint (eventyay_count (emu, secret, "checkins"), ==, 1);
  g_assert_cmpint (eventyay_count (emu, secret, "forced"), ==, 0);
  g_assert_cmpuint (queue_length (profile, NULL), ==, 0);
  g_assert_cmpint (checkin_column (profile, secret, "state"), ==, BOX_CHECKIN_STATE_CONFIRMED);
  g_assert_cmpint (checkin_column (profile, secret, "result"), ==, BOX_CHECKIN_RESULT_OK);
  /* Checked in, at the time the desk let the person in: the download that follows the
   * redeem says "redeemed" without a time, which must not wipe the desk's own. */
  assert_checked_in_at (profile, EY_EVENT, secret);
}

/* Recorded offline (acknowledged), then the sync that sends it is killed with the redeem
 * in flight. */
static void
test_eventyay_between_store_and_send (void)
{
  g_autofree char *profile = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(GSubprocess) sync = NULL;
  g_autoptr(BoxTestRun) checkin = NULL;
  g_autoptr(BoxTestRun) resynced = NULL;
  LoggedRequest sent;

  reset_eventyay (emu);
  profile = new_profile_with_eventyay (emu, "crash-ey-store");
  secret = eventyay_sample (emu, "paid", 0);

  /* Offline: the desk records it and says so. This is the acknowledgement. */
  set_fault (emu, "down", 0, NULL);
  checkin = CLI (profile, NULL, "checkin", EY_EVENT, secret, "--json");
  g_assert_cmpint (checkin->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (checkin->json), "result"), ==, "queued");
  g_assert_cmpint (checkin_column (profile, secret, "state"), ==, BOX_CHECKIN_STATE_PENDING);
  g_assert_cmpint (eventyay_count (emu, secret, "checkins"), ==, 0);

  /* The server is back but its answers to redeem/ are held: the sync is killed with the
   * check-in in flight. */
  reset_emulator (emu);
  set_fault (emu, "slow", HELD_MS, "/redeem/");
  sync = CLI_SPAWN (profile, NULL, "sync", EY_EVENT);
  sent = (LoggedRequest) { emu, "POST", "/redeem/" };
  g_assert_true (wait_until (request_logged, &sent, sync));
  /* Marked SENDING before the request left. */
  g_assert_cmpint (checkin_column (profile, secret, "state"), ==, BOX_CHECKIN_STATE_SENDING);
  g_assert_true (kill_cli (sync));

  set_fault (emu, "none", 0, NULL);
  assert_database_sound (profile);

  /* Nothing acknowledged is lost. */
  g_assert_cmpuint (queue_length (profile, secret), ==, 1);

  resynced = CLI (profile, NULL, "sync", EY_EVENT);
  g_assert_cmpint (resynced->status, ==, 0);
  assert_eventyay_once (profile, secret);
}

/* The server applied the redeem; its answer never reached the desk. The resend carries
 * the same nonce, and the server answers it "ok" without a second check-in. */
static void
test_eventyay_between_send_and_answer (void)
{
  g_autofree char *profile = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *nonce = NULL;
  g_autoptr(GSubprocess) checkin = NULL;
  g_autoptr(BoxTestRun) resynced = NULL;
  g_autoptr(JsonNode) server = NULL;
  g_autofree char *server_text = NULL;
  JsonArray *nonces;
  gboolean found = FALSE;
  UsedAtServer applied;

  reset_eventyay (emu);
  profile = new_profile_with_eventyay (emu, "crash-ey-answer");
  secret = eventyay_sample (emu, "paid", 1);

  /* "slow" applies the redeem before it holds the answer back. */
  reset_emulator (emu);
  set_fault (emu, "slow", HELD_MS, "/redeem/");
  checkin = CLI_SPAWN (profile, NULL, "checkin", EY_EVENT, secret, "--json");
  applied = (UsedAtServer) { emu, secret };
  g_assert_true (wait_until (eventyay_applied, &applied, checkin));
  g_assert_true (process_running (checkin));
  /* The server has it; the desk only knows it may have been sent. */
  g_assert_cmpint (checkin_column (profile, secret, "state"), ==, BOX_CHECKIN_STATE_SENDING);
  g_assert_true (kill_cli (checkin));

  g_assert_cmpint (checkin_column (profile, secret, "state"), ==, BOX_CHECKIN_STATE_SENDING);
  set_fault (emu, "none", 0, NULL);
  assert_database_sound (profile);
  g_assert_cmpuint (queue_length (profile, secret), ==, 1);
  nonce = checkin_text (profile, secret, "nonce");
  g_assert_nonnull (nonce);
  g_assert_cmpstr (nonce, !=, "");

  resynced = CLI (profile, NULL, "sync", EY_EVENT);
  g_assert_cmpint (resynced->status, ==, 0);

  /* The server's check-in is the desk's; not checked in twice, not forced. */
  server = eventyay_server_checkins (emu, secret);
  nonces = json_object_get_array_member (json_node_get_object (server), "nonces");
  for (guint i = 0; i < json_array_get_length (nonces); i++)
    found |= g_strcmp0 (json_array_get_string_element (nonces, i), nonce) == 0;
  server_text = json_to_string (server, FALSE);
  g_test_message ("desk nonce %s, server %s", nonce, server_text);
  g_assert_true (found);
  assert_eventyay_once (profile, secret);
}

/* /crash/during-account-add -------------------------------------------------------------- */

static const SecretSchema *
secret_schema (void)
{
  /* As src/core/box-secrets.c keys them. */
  static const SecretSchema schema = {
    APP_ID ".Account", SECRET_SCHEMA_NONE,
    {
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static char *
lookup_secret (const char *profile)
{
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_sync (secret_schema (), NULL, &error,
                                              "profile", profile, "account", "fienta", NULL);
  g_assert_no_error (error);
  return secret;
}

static guint
account_count (const char *profile)
{
  g_autoptr(BoxTestRun) list = CLI (profile, NULL, "accounts", "list", "--json");

  g_assert_cmpint (list->status, ==, 0);
  return json_array_get_length (json_node_get_array (list->json));
}

static void
test_during_account_add (void)
{
  g_autofree char *url = box_test_emulator_fienta_url (emu);
  g_autofree char *before_verified = box_test_make_dir ("crash-add-1");
  g_autofree char *after_stored = box_test_make_dir ("crash-add-2");
  g_autofree char *secret = NULL;
  g_autoptr(GSubprocess) add = NULL;
  g_autoptr(BoxTestRun) synced = NULL;
  g_autoptr(BoxTestRun) list = NULL;
  g_autoptr(BoxTestRun) orphan = NULL;
  g_autoptr(BoxTestRun) accounts = NULL;
  g_autoptr(GError) error = NULL;
  LoggedRequest verify = { emu, "GET", "/fienta/api/v1/organizers" };
  LoggedRequest events = { emu, "GET", "/events" };

  /* Killed while the key is being checked: no account, no secret. */
  reset_emulator (emu);
  set_fault (emu, "slow", HELD_MS, "/organizers");
  add = CLI_SPAWN (before_verified, KEY "\n", "accounts", "add", "fienta", "--base-url", url, "--token-stdin");
  g_assert_true (wait_until (request_logged, &verify, add));
  g_assert_true (kill_cli (add));
  g_clear_object (&add);
  set_fault (emu, "none", 0, NULL);
  assert_database_sound (before_verified);
  g_assert_cmpuint (account_count (before_verified), ==, 0);
  secret = lookup_secret (before_verified);
  g_assert_null (secret);

  /* Killed while its events are listed: the account is saved with its secret and works. */
  reset_emulator (emu);
  set_fault (emu, "slow", HELD_MS, "/events");
  add = CLI_SPAWN (after_stored, KEY "\n", "accounts", "add", "fienta", "--base-url", url, "--token-stdin");
  g_assert_true (wait_until (request_logged, &events, add));
  g_assert_true (kill_cli (add));
  set_fault (emu, "none", 0, NULL);
  assert_database_sound (after_stored);
  g_assert_cmpuint (account_count (after_stored), ==, 1);
  secret = lookup_secret (after_stored);
  g_assert_cmpstr (secret, ==, KEY);

  synced = CLI (after_stored, NULL, "sync", "fienta/10");
  g_assert_cmpint (synced->status, ==, 0);
  list = CLI (after_stored, NULL, "attendees", "fienta/10", "--json");
  g_assert_cmpint (list->status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list->json)), ==, ATTENDEES);

  /* An account whose secret is gone (the order above cannot leave one, but a keyring
   * can lose it): a clear error that says what to do, not a crash. */
  g_assert_true (secret_password_clear_sync (secret_schema (), NULL, &error,
                                             "profile", after_stored, "account", "fienta", NULL));
  g_assert_no_error (error);
  orphan = CLI (after_stored, NULL, "sync", "fienta/10");
  g_assert_cmpint (orphan->status, ==, 1);
  g_assert_true (g_str_has_prefix (orphan->err, "error: "));
  g_assert_nonnull (strstr (orphan->err, "add it again"));
  g_assert_cmpint (strchr (orphan->err, '\n') - orphan->err, ==, strlen (orphan->err) - 1);
  accounts = CLI (after_stored, NULL, "accounts", "list", "--json");
  g_assert_cmpint (accounts->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (accounts->json), 0), "state"),
                   ==, "auth-needed");
}

/* TickeTing: killed while it saves pages, and with an admission in flight --------------- */

#define TT_EVENT "ticketing/16993964783416"
#define TT_EVENT_ID "16993964783416"
#define TT_ADMISSIONS "/ticketing/v3/events/" TT_EVENT_ID "/admissions"

/* A profile with a TickeTing account (doorstaff's session), synced if @sync. */
static char *
new_profile_with_ticketing (BoxTestEmulator *e,
                            const char      *name,
                            gboolean         sync)
{
  g_autofree char *url = g_strdup_printf ("%s/ticketing/v3", e->url);
  char *profile = box_test_make_dir (name);
  g_autoptr(BoxTestRun) add = CLI (profile, "demo-password\n", "accounts", "add", "ticketing", "--base-url", url,
                                   "--identification", "doorstaff", "--password-stdin", "--json");

  g_assert_cmpint (add->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (add->json), "id"), ==, "ticketing");
  if (sync)
    {
      g_autoptr(BoxTestRun) synced = CLI (profile, NULL, "sync", TT_EVENT);
      g_assert_cmpint (synced->status, ==, 0);
    }
  return profile;
}

/* A General Admission ticket of the Carnival, Issued and not in yet. */
static char *
ticketing_sample (BoxTestEmulator *e,
                  guint            index)
{
  g_autofree char *path = g_strdup_printf ("/_control/ticketing/sample?event=" TT_EVENT_ID "&n=%u&state=issued&section=17001",
                                           index + 1);
  g_autoptr(JsonNode) reply = box_test_emulator_get (e, path);
  JsonArray *tickets = json_object_get_array_member (json_node_get_object (reply), "tickets");

  g_assert_cmpuint (json_array_get_length (tickets), >, index);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (tickets, index), "serial"));
}

/* How many admissions TickeTing holds for @serial. */
static gint64
ticketing_admissions (BoxTestEmulator *e,
                      const char      *serial)
{
  g_autofree char *path = g_strdup_printf ("/_control/ticketing/admissions?event=" TT_EVENT_ID "&serial=%s", serial);
  g_autoptr(JsonNode) reply = box_test_emulator_get (e, path);

  return json_object_get_int_member (json_node_get_object (reply), "count");
}

static gboolean
ticketing_admitted (gpointer data)
{
  UsedAtServer *u = data;
  return ticketing_admissions (u->emu, u->code) >= 1;
}

/* Exactly one admission at TickeTing, and the desk's record of it confirmed as "ok"
 * (its own admission, not someone else's earlier one). */
static void
assert_ticketing_once (const char *profile,
                       const char *serial)
{
  g_assert_cmpint (ticketing_admissions (emu, serial), ==, 1);
  g_assert_cmpuint (queue_length (profile, NULL), ==, 0);
  g_assert_cmpint (checkin_column (profile, serial, "state"), ==, BOX_CHECKIN_STATE_CONFIRMED);
  g_assert_cmpint (checkin_column (profile, serial, "result"), ==, BOX_CHECKIN_RESULT_OK);
  assert_checked_in_at (profile, TT_EVENT, serial);
}

/* Recorded offline (acknowledged), then the sync that sends it is killed with the
 * admission applied at TickeTing and its answer held back. */
static void
test_ticketing_between_store_and_send (void)
{
  g_autofree char *profile = NULL;
  g_autofree char *serial = NULL;
  g_autoptr(GSubprocess) sync = NULL;
  g_autoptr(BoxTestRun) checkin = NULL;
  g_autoptr(BoxTestRun) resynced = NULL;
  LoggedRequest sent;

  reset_emulator (emu);
  profile = new_profile_with_ticketing (emu, "crash-tt-store", TRUE);
  serial = ticketing_sample (emu, 0);

  /* Offline: the desk records it and says so. This is the acknowledgement. */
  set_fault (emu, "down", 0, NULL);
  checkin = CLI (profile, NULL, "checkin", TT_EVENT, serial, "--json");
  g_assert_cmpint (checkin->status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (checkin->json), "result"), ==, "queued");
  g_assert_cmpint (checkin_column (profile, serial, "state"), ==, BOX_CHECKIN_STATE_PENDING);
  g_assert_cmpint (ticketing_admissions (emu, serial), ==, 0);

  /* Back, but the answers to admissions are held ("slow" applies the request first). */
  reset_emulator (emu);
  set_fault (emu, "slow", HELD_MS, "/admissions");
  sync = CLI_SPAWN (profile, NULL, "sync", TT_EVENT);
  sent = (LoggedRequest) { emu, "POST", TT_ADMISSIONS };
  g_assert_true (wait_until (request_logged, &sent, sync));
  /* Marked SENDING before the request left. */
  g_assert_cmpint (checkin_column (profile, serial, "state"), ==, BOX_CHECKIN_STATE_SENDING);
  g_assert_true (kill_cli (sync));

  set_fault (emu, "none", 0, NULL);
  assert_database_sound (profile);
  /* Nothing acknowledged is lost. */
  g_assert_cmpuint (queue_length (profile, serial), ==, 1);

  resynced = CLI (profile, NULL, "sync", TT_EVENT);
  g_assert_cmpint (resynced->status, ==, 0);
  assert_ticketing_once (profile, serial);
}

/* The admission reached TickeTing; its answer never reached the desk. The replay finds
 * the desk's own admission and admits nothing twice. */
static void
test_ticketing_between_send_and_answer (void)
{
  g_autofree char *profile = NULL;
  g_autofree char *serial = NULL;
  g_autoptr(GSubprocess) checkin = NULL;
  g_autoptr(BoxTestRun) resynced = NULL;
  g_autoptr(BoxTestRun) again = NULL;
  UsedAtServer applied;

  reset_emulator (emu);
  profile = new_profile_with_ticketing (emu, "crash-tt-answer", TRUE);
  serial = ticketing_sample (emu, 1);

  set_fault (emu, "slow", HELD_MS, "/admissions");
  checkin = CLI_SPAWN (profile, NULL, "checkin", TT_EVENT, serial, "--json");
  applied = (UsedAtServer) { emu, serial };
  g_assert_true (wait_until (ticketing_admitted, &applied, checkin));
  g_assert_true (process_running (checkin));
  /* TickeTing has it; the desk only knows it may have been sent. */
  g_assert_cmpint (checkin_column (profile, serial, "state"), ==, BOX_CHECKIN_STATE_SENDING);
  g_assert_true (kill_cli (checkin));

  set_fault (emu, "none", 0, NULL);
  assert_database_sound (profile);
  g_assert_cmpuint (queue_length (profile, serial), ==, 1);

  resynced = CLI (profile, NULL, "sync", TT_EVENT);
  g_assert_cmpint (resynced->status, ==, 0);
  assert_ticketing_once (profile, serial);

  /* Scanned again: in already, and still one admission. */
  again = CLI (profile, NULL, "checkin", TT_EVENT, serial, "--json");
  g_assert_cmpint (again->status, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (again->json), "result"), ==,
                   "already_checked_in");
  g_assert_cmpint (ticketing_admissions (emu, serial), ==, 1);
}

static gint64
ticketing_saved (const char *profile)
{
  return db_int (profile, -1, "SELECT count(*) FROM attendees WHERE account_id = 'ticketing' AND event_id = '" TT_EVENT_ID "'");
}

typedef struct
{
  const char *profile;
  gint64      rows;
} PagesSaved;

/* More than @rows attendees saved, and not all of them yet. */
static gboolean
pages_saved (gpointer data)
{
  PagesSaved *p = data;
  gint64 rows = ticketing_saved (p->profile);

  return rows > p->rows && rows < BIG_ATTENDEES;
}

/* Killed while the tickets come in pages and are saved a batch at a time: the file
 * stays sound, and the next (not full) sync still fetches every ticket, since the place
 * in the list is saved only with its last page. */
static void
test_ticketing_during_paged_sync (void)
{
  g_autofree char *profile = NULL;
  g_autofree char *serial = NULL;
  g_autoptr(BoxTestRun) synced = NULL;
  g_autoptr(BoxTestRun) list = NULL;
  g_autoptr(BoxTestRun) found = NULL;
  gint64 rows = 0;

  reset_emulator (big);
  profile = new_profile_with_ticketing (big, "crash-tt-pages", FALSE);

  /* Each page answered after 100 ms: 40 pages of 500 take seconds. */
  set_fault (big, "slow", 100, "/tickets");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GSubprocess) sync = NULL;
      g_autoptr(BoxTestRun) after = NULL;
      PagesSaved saved = { profile, rows };

      sync = CLI_SPAWN (profile, NULL, "sync", TT_EVENT, i == 0 ? NULL : "--full");
      g_assert_true (wait_until (pages_saved, &saved, sync));
      g_assert_true (kill_cli (sync));

      assert_database_sound (profile);
      rows = ticketing_saved (profile);
      g_test_message ("TickeTing: killed with %" G_GINT64_FORMAT " attendees saved, cursor %s", rows,
                      db_int (profile, 0, "SELECT cursor IS NOT NULL FROM events WHERE id = '" TT_EVENT_ID "'")
                      ? "set" : "unset");
      g_assert_cmpint (rows, >, 0);
      g_assert_cmpint (rows, <, BIG_ATTENDEES);
      after = CLI (profile, NULL, "attendees", TT_EVENT, "--json");
      g_assert_cmpint (after->status, ==, 0);
      g_assert_cmpuint (json_array_get_length (json_node_get_array (after->json)), ==, rows);
    }
  set_fault (big, "none", 0, NULL);

  synced = CLI (profile, NULL, "sync", TT_EVENT);
  g_assert_cmpint (synced->status, ==, 0);
  assert_database_sound (profile);
  list = CLI (profile, NULL, "attendees", TT_EVENT, "--json");
  g_assert_cmpint (list->status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list->json)), ==, BIG_ATTENDEES);
  g_assert_cmpint (ticketing_saved (profile), ==, BIG_ATTENDEES);
  g_assert_cmpint (db_int (profile, -1, "SELECT count(*) FROM attendees_fts"), ==, BIG_ATTENDEES);

  /* The search index finds a ticket by its serial. */
  serial = ticketing_sample (big, 7);
  found = CLI (profile, NULL, "search", TT_EVENT, serial, "--json");
  g_assert_cmpint (found->status, ==, 0);
  g_assert_nonnull (find_attendee (found, serial));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("BOX_CLI") == NULL || g_getenv ("BOX_EMULATOR") == NULL)
    {
      g_printerr ("BOX_CLI and BOX_EMULATOR must be set (run through meson test)\n");
      return 1;
    }
  if (!box_test_have_secret_service ())
    {
      g_printerr ("No Secret Service: run this test through tests/with-keyring.sh\n");
      return 1;
    }

  big = box_test_emulator_start (BIG_ATTENDEES, NULL);
  emu = box_test_emulator_start (ATTENDEES, NULL);
  child_pids[0] = pid_of (big->process);
  child_pids[1] = pid_of (emu->process);
  signal (SIGABRT, abort_handler);

  g_test_add_func ("/crash/during-sync", test_during_sync);
  g_test_add_func ("/crash/during-check-in", test_during_check_in);
  g_test_add_func ("/crash/after-server-applied", test_after_server_applied);
  g_test_add_func ("/crash/during-account-add", test_during_account_add);
  g_test_add_func ("/crash/eventyay/between-store-and-send", test_eventyay_between_store_and_send);
  g_test_add_func ("/crash/eventyay/between-send-and-answer", test_eventyay_between_send_and_answer);
  g_test_add_func ("/crash/ticketing/between-store-and-send", test_ticketing_between_store_and_send);
  g_test_add_func ("/crash/ticketing/between-send-and-answer", test_ticketing_between_send_and_answer);
  g_test_add_func ("/crash/ticketing/during-paged-sync", test_ticketing_during_paged_sync);

  ret = g_test_run ();

  child_pids[0] = child_pids[1] = 0;
  g_clear_pointer (&big, box_test_emulator_stop);
  g_clear_pointer (&emu, box_test_emulator_stop);
  box_test_cleanup ();
  return ret;
}
