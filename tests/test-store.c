/* test-store.c: the local database as the person at the desk meets it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define _GNU_SOURCE 1
#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-error.h"
#include "box-event.h"
#include "box-event-stats.h"
#include "box-store.h"
#include "box-test-util.h"

#define ACC "acc"
#define EV  "ev1"

/* Helpers ----------------------------------------------------------------------------- */

/* A call that sets `error`: no error first (so a failure shows the message), then TRUE. */
#define assert_ok(call) \
  G_STMT_START { \
    gboolean ok_ = (call); \
    g_assert_no_error (error); \
    g_assert_true (ok_); \
  } G_STMT_END

static BoxStore *
open_store_in (const char  *dir,
               char       **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  BoxStore *store = box_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return store;
}

static BoxStore *
new_store (char **out_path)
{
  g_autofree char *dir = box_test_make_dir ("store");
  return open_store_in (dir, out_path);
}

static void
add_account (BoxStore   *store,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAccount) account = box_account_new (id, "fienta", id, "https://fienta.com");

  assert_ok (box_store_add_account (store, account, &error));
}

/* Replaces the account's events with @first_id and the ids after it. */
static void
put_events (BoxStore   *store,
            const char *account_id,
            const char *first_id,
            ...)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  va_list ap;
  gint64 start = 1800000000;

  va_start (ap, first_id);
  for (const char *id = first_id; id != NULL; id = va_arg (ap, const char *))
    {
      g_autofree char *name = g_strdup_printf ("Event %s", id);
      BoxEvent *event = box_event_new (account_id, id, name);

      box_event_set_starts_at (event, start);
      start += 3600;
      g_ptr_array_add (events, event);
    }
  va_end (ap);

  assert_ok (box_store_put_events (store, account_id, events, &error));
}

static BoxAttendee *
attendee (const char *code,
          const char *name,
          const char *email,
          const char *company)
{
  BoxAttendee *a = box_attendee_new ();

  box_attendee_set_code (a, code);
  box_attendee_set_name (a, name);
  box_attendee_set_email (a, email);
  box_attendee_set_company (a, company);
  box_attendee_set_status (a, BOX_ATTENDEE_STATUS_PAID);
  box_attendee_set_ticket_type (a, "Regular");
  return a;
}

static GPtrArray *
attendee_list (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

static void
put_attendees (BoxStore   *store,
               const char *account_id,
               const char *event_id,
               GPtrArray  *attendees,
               gboolean    complete,
               const char *cursor)
{
  g_autoptr(GError) error = NULL;

  assert_ok (box_store_put_attendees (store, account_id, event_id, attendees, complete, cursor, &error));
}

/* A store with account ACC, event EV and the given attendees. */
static BoxStore *
store_with (GPtrArray *attendees)
{
  BoxStore *store = new_store (NULL);

  add_account (store, ACC);
  put_events (store, ACC, EV, NULL);
  put_attendees (store, ACC, EV, attendees, TRUE, NULL);
  return store;
}

static BoxAttendee *
get_attendee (BoxStore   *store,
              const char *code)
{
  g_autoptr(GError) error = NULL;
  BoxAttendee *a = box_store_get_attendee (store, ACC, EV, code, &error);

  g_assert_no_error (error);
  return a;
}

static gboolean
is_checked_in (BoxStore   *store,
               const char *code)
{
  g_autoptr(BoxAttendee) a = get_attendee (store, code);

  g_assert_nonnull (a);
  return box_attendee_get_checked_in (a);
}

static guint
count_attendees (BoxStore   *store,
                 const char *account_id,
                 const char *event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = box_store_list_attendees (store, account_id, event_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list->len;
}

static BoxCheckin *
new_checkin (const char       *code,
             BoxCheckinAction  action,
             gint64            created_at)
{
  static guint n;
  g_autofree char *nonce = g_strdup_printf ("nonce-%u", ++n);
  BoxCheckin *c = box_checkin_new ();

  box_checkin_set_account_id (c, ACC);
  box_checkin_set_event_id (c, EV);
  box_checkin_set_code (c, code);
  box_checkin_set_action (c, action);
  box_checkin_set_created_at (c, created_at);
  box_checkin_set_desk (c, "desk-1");
  box_checkin_set_nonce (c, nonce);
  box_checkin_set_state (c, BOX_CHECKIN_STATE_PENDING);
  box_checkin_set_result (c, BOX_CHECKIN_RESULT_QUEUED);
  return c;
}

static BoxCheckin *
record (BoxStore   *store,
        const char *code,
        gint64      created_at)
{
  g_autoptr(GError) error = NULL;
  BoxCheckin *c = new_checkin (code, BOX_CHECKIN_ACTION_CHECK_IN, created_at);

  assert_ok (box_store_record_checkin (store, c, &error));
  g_assert_cmpint (box_checkin_get_id (c), >, 0);
  return c;
}

static void
update (BoxStore        *store,
        BoxCheckin      *c,
        BoxCheckinState  state,
        BoxAttendee     *provider_attendee)
{
  g_autoptr(GError) error = NULL;

  box_checkin_set_state (c, state);
  assert_ok (box_store_update_checkin (store, c, provider_attendee, &error));
}

/* The codes of the outbox, in its order, joined by spaces. */
static char *
outbox_codes (BoxStore   *store,
              const char *account_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outbox = box_store_list_outbox (store, account_id, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (outbox);
  for (guint i = 0; i < outbox->len; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "",
                            box_checkin_get_code (g_ptr_array_index (outbox, i)));
  return g_string_free (s, FALSE);
}

/* The names found, in order, joined by "|". */
static char *
search_in (BoxStore   *store,
           const char *account_id,
           const char *event_id,
           const char *query,
           guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = box_store_search (store, account_id, event_id, query, limit, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  for (guint i = 0; i < found->len; i++)
    {
      BoxAttendee *a = g_ptr_array_index (found, i);

      g_assert_cmpstr (box_attendee_get_account_id (a), ==, account_id);
      g_assert_cmpstr (box_attendee_get_event_id (a), ==, event_id);
      g_string_append_printf (s, "%s%s", i ? "|" : "", box_attendee_get_name (a));
    }
  return g_string_free (s, FALSE);
}

static char *
search (BoxStore   *store,
        const char *query)
{
  return search_in (store, ACC, EV, query, 50);
}

#define assert_search(store, query, expected) \
  G_STMT_START { \
    g_autofree char *found_ = search ((store), (query)); \
    g_assert_cmpstr (found_, ==, (expected)); \
  } G_STMT_END

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static gint64
utc (int hour,
     int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 5, 1, hour, minute, 0);
  return g_date_time_to_unix (dt);
}

/* Opening ----------------------------------------------------------------------------- */

static void
test_open_mode (void)
{
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autoptr(BoxStore) store = NULL;
  mode_t old = umask (022);

  store = new_store (&path);
  g_assert_cmpstr (box_store_get_path (store), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpint (box_store_get_schema_version (store), ==, BOX_STORE_SCHEMA_VERSION);

  add_account (store, ACC);
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  shm = g_strconcat (path, "-shm", NULL);
  g_assert_true (g_file_test (shm, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (file_mode (shm), ==, 0600);

  umask (old);
}

static void
test_open_existing_file_made_private (void)
{
  g_autofree char *dir = box_test_make_dir ("store");
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxStore) store = NULL;

  /* An empty file another program left world-readable. */
  g_assert_true (g_file_set_contents (path, "", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  store = box_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpint (box_store_get_schema_version (store), ==, BOX_STORE_SCHEMA_VERSION);
}

static void
test_open_reopen_keeps_data (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxStore) store = NULL;
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(BoxCheckin) c = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *codes = NULL;

  store = new_store (&path);
  add_account (store, ACC);
  put_events (store, ACC, EV, NULL);
  g_ptr_array_add (list, attendee ("T1", "Jüri Müller", "jyri@example.com", NULL));
  g_ptr_array_add (list, attendee ("T2", "Anna Smith", NULL, NULL));
  put_attendees (store, ACC, EV, list, TRUE, "cursor-1");
  c = record (store, "T1", utc (10, 0));
  g_clear_object (&store);

  store = box_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (box_store_get_schema_version (store), ==, BOX_STORE_SCHEMA_VERSION);

  account = box_store_get_account (store, ACC, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_account_get_id (account), ==, ACC);
  event = box_store_get_event (store, ACC, EV, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_event_get_name (event), ==, "Event " EV);
  g_assert_cmpuint (box_event_get_attendee_count (event), ==, 2);
  g_assert_cmpuint (box_event_get_checked_in_count (event), ==, 1);
  cursor = box_store_get_sync_cursor (store, ACC, EV);
  g_assert_cmpstr (cursor, ==, "cursor-1");
  g_assert_true (is_checked_in (store, "T1"));
  g_assert_false (is_checked_in (store, "T2"));
  codes = outbox_codes (store, NULL);
  g_assert_cmpstr (codes, ==, "T1");
  assert_search (store, "mul", "Jüri Müller");
}

static void
test_open_newer_schema_refused (void)
{
  g_autofree char *dir = box_test_make_dir ("store");
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE future (x);"
                                          "PRAGMA user_version=%d;", BOX_STORE_SCHEMA_VERSION + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxStore) store = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = box_store_open (path, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_STORE);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer"));

  /* Nothing of ours was written into it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM sqlite_schema WHERE name = 'accounts'),"
                                           " (SELECT user_version FROM pragma_user_version)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, BOX_STORE_SCHEMA_VERSION + 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_open_not_a_database (void)
{
  g_autofree char *dir = box_test_make_dir ("store");
  g_autofree char *path = g_build_filename (dir, "boxoffice.db", NULL);
  g_autoptr(GString) junk = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxStore) store = NULL;
  g_autofree char *after = NULL;
  gsize after_len = 0;

  while (junk->len < 8192)
    g_string_append (junk, "This is a shopping list, not a database. Milk, bread, tickets.\n");
  g_assert_true (g_file_set_contents (path, junk->str, junk->len, &error));
  g_assert_no_error (error);

  store = box_store_open (path, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_STORE);
  g_assert_null (store);

  /* The file is left as it was. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, junk->str, junk->len);
}

static void
test_open_unwritable_place (void)
{
  g_autofree char *dir = box_test_make_dir ("store");
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "boxoffice.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxStore) store = box_store_open (path, &error);

  g_assert_error (error, BOX_ERROR, BOX_ERROR_STORE);
  g_assert_null (store);
}

/* Accounts ---------------------------------------------------------------------------- */

static void
test_accounts_crud (void)
{
  g_autoptr(BoxStore) store = new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(BoxAccount) got = NULL;
  g_autoptr(BoxAccount) dup = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  g_autofree char *id3 = NULL;

  id1 = box_store_make_account_id (store, "fienta");
  g_assert_cmpstr (id1, ==, "fienta");
  account = box_account_new (id1, "fienta", "Fienta", "https://fienta.com");
  box_account_set_settings (account, "{\"organizer\":\"42\"}");
  assert_ok (box_store_add_account (store, account, &error));

  id2 = box_store_make_account_id (store, "fienta");
  g_assert_cmpstr (id2, ==, "fienta-2");
  add_account (store, id2);
  id3 = box_store_make_account_id (store, "Fienta");
  g_assert_cmpstr (id3, ==, "fienta-3");

  got = box_store_get_account (store, "fienta", &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_cmpstr (box_account_get_id (got), ==, "fienta");
  g_assert_cmpstr (box_account_get_provider (got), ==, "fienta");
  g_assert_cmpstr (box_account_get_name (got), ==, "Fienta");
  g_assert_cmpstr (box_account_get_base_url (got), ==, "https://fienta.com");
  g_assert_cmpstr (box_account_get_settings (got), ==, "{\"organizer\":\"42\"}");
  g_assert_cmpint (box_account_get_state (got), ==, BOX_ACCOUNT_STATE_OK);
  g_clear_object (&got);

  assert_ok (box_store_set_account_state (store, "fienta", BOX_ACCOUNT_STATE_AUTH_NEEDED, &error));
  got = box_store_get_account (store, "fienta", &error);
  g_assert_no_error (error);
  g_assert_cmpint (box_account_get_state (got), ==, BOX_ACCOUNT_STATE_AUTH_NEEDED);
  g_clear_object (&got);

  accounts = box_store_list_accounts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 2);
  g_assert_cmpstr (box_account_get_id (g_ptr_array_index (accounts, 0)), ==, "fienta");
  g_assert_cmpstr (box_account_get_id (g_ptr_array_index (accounts, 1)), ==, "fienta-2");
  g_clear_pointer (&accounts, g_ptr_array_unref);

  /* The same id twice is the person's mistake, not a database failure. */
  dup = box_account_new ("fienta", "fienta", "Other", NULL);
  g_assert_false (box_store_add_account (store, dup, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  got = box_store_get_account (store, "fienta", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_account_get_name (got), ==, "Fienta");
  g_clear_object (&got);

  assert_ok (box_store_remove_account (store, "fienta", &error));
  got = box_store_get_account (store, "fienta", &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);

  g_assert_false (box_store_remove_account (store, "fienta", &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_NOT_FOUND);
  g_clear_error (&error);

  accounts = box_store_list_accounts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_cmpstr (box_account_get_id (g_ptr_array_index (accounts, 0)), ==, "fienta-2");

  /* The freed id can be used again. */
  g_clear_pointer (&id1, g_free);
  id1 = box_store_make_account_id (store, "fienta");
  g_assert_cmpstr (id1, ==, "fienta");
}

static void
test_accounts_make_id (void)
{
  g_autoptr(BoxStore) store = new_store (NULL);
  struct { const char *wanted; const char *id; } cases[] = {
    { "Tõnu's Events", "tonu-s-events" },
    { "  Ürgne  ÕHTU!! ", "urgne-ohtu" },
    { "Fienta", "fienta" },
    { "", "account" },
    { "!!!", "account" },
    { NULL, "account" },
    /* Cut to 32 characters, never ending on a dash. */
    { "abcdefghijklmnopqrstuvwxyzabcde fghij", "abcdefghijklmnopqrstuvwxyzabcde" },
    { "A very long organisation name that goes on", "a-very-long-organisation-name-th" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = box_store_make_account_id (store, cases[i].wanted);
      g_assert_cmpstr (id, ==, cases[i].id);
    }

  add_account (store, "tonu-s-events");
  {
    g_autofree char *id = box_store_make_account_id (store, "Tõnu's Events");
    g_assert_cmpstr (id, ==, "tonu-s-events-2");
  }
}

static void
test_accounts_remove_cascades (void)
{
  g_autoptr(BoxStore) store = new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(BoxCheckin) c1 = NULL;
  g_autoptr(BoxCheckin) c2 = NULL;
  g_autoptr(BoxCheckin) c3 = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autofree char *codes = NULL;

  add_account (store, ACC);
  add_account (store, "other");
  put_events (store, ACC, EV, "ev2", NULL);
  put_events (store, "other", EV, NULL);
  g_ptr_array_add (list, attendee ("T1", "Jüri Müller", NULL, NULL));
  g_ptr_array_add (list, attendee ("T2", "Anna Smith", NULL, NULL));
  put_attendees (store, ACC, EV, list, TRUE, "c");
  put_attendees (store, ACC, "ev2", list, TRUE, "c");
  put_attendees (store, "other", EV, list, TRUE, "c");

  c1 = record (store, "T1", utc (10, 0));                 /* pending */
  c2 = record (store, "T2", utc (10, 1));                 /* confirmed */
  update (store, c2, BOX_CHECKIN_STATE_CONFIRMED, NULL);
  c3 = new_checkin ("T1", BOX_CHECKIN_ACTION_CHECK_IN, utc (10, 2));
  box_checkin_set_account_id (c3, "other");
  assert_ok (box_store_record_checkin (store, c3, &error));

  assert_ok (box_store_remove_account (store, ACC, &error));

  events = box_store_list_events (store, ACC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  g_assert_cmpuint (count_attendees (store, ACC, EV), ==, 0);
  g_assert_cmpuint (count_attendees (store, ACC, "ev2"), ==, 0);
  codes = outbox_codes (store, NULL);
  g_assert_cmpstr (codes, ==, "T1");    /* only the other account's */
  recent = box_store_list_recent_checkins (store, ACC, EV, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 0);
  g_clear_pointer (&recent, g_ptr_array_unref);

  /* The other account keeps everything. */
  events = box_store_list_events (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (box_event_get_account_id (g_ptr_array_index (events, 0)), ==, "other");
  g_assert_cmpuint (count_attendees (store, "other", EV), ==, 2);
  {
    g_autofree char *found = search_in (store, "other", EV, "anna", 10);
    g_assert_cmpstr (found, ==, "Anna Smith");
  }

  /* Adding the account again starts clean: no ghosts in lists, search or stats. */
  add_account (store, ACC);
  put_events (store, ACC, EV, NULL);
  event = box_store_get_event (store, ACC, EV, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (box_event_get_attendee_count (event), ==, 0);
  g_assert_cmpuint (box_event_get_checked_in_count (event), ==, 0);
  assert_search (store, "anna", "");
  assert_search (store, "T1", "");
  {
    g_autoptr(BoxEventStats) stats = box_store_get_stats (store, ACC, EV, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (box_event_stats_get_total (stats), ==, 0);
    g_assert_cmpuint (box_event_stats_get_queued (stats), ==, 0);
  }
}

/* Events ------------------------------------------------------------------------------ */

static char *
event_ids (BoxStore   *store,
           const char *account_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = box_store_list_events (store, account_id, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", box_event_get_id (g_ptr_array_index (events, i)));
  return g_string_free (s, FALSE);
}

#define assert_events(store, account_id, expected) \
  G_STMT_START { \
    g_autofree char *ids_ = event_ids ((store), (account_id)); \
    g_assert_cmpstr (ids_, ==, (expected)); \
  } G_STMT_END

static void
test_events_put (void)
{
  g_autoptr(BoxStore) store = new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(BoxEvent) got = NULL;
  g_autoptr(BoxCheckin) c = NULL;
  BoxEvent *e;

  add_account (store, ACC);
  add_account (store, "other");
  put_events (store, "other", "x1", NULL);

  /* Listed by start time, whatever the order given. */
  e = box_event_new (ACC, "late", "Late show");
  box_event_set_starts_at (e, 2000);
  box_event_set_ends_at (e, 2500);
  g_ptr_array_add (events, e);
  e = box_event_new (ACC, "early", "Matinee");
  box_event_set_starts_at (e, 1000);
  g_ptr_array_add (events, e);
  assert_ok (box_store_put_events (store, ACC, events, &error));
  assert_events (store, ACC, "early late");

  /* Upsert: a renamed event keeps its attendees. */
  g_ptr_array_add (list, attendee ("T1", "Anna Smith", NULL, NULL));
  put_attendees (store, ACC, "late", list, TRUE, NULL);
  box_event_set_name (g_ptr_array_index (events, 0), "Late show (moved)");
  box_event_set_starts_at (g_ptr_array_index (events, 0), 500);
  assert_ok (box_store_put_events (store, ACC, events, &error));
  assert_events (store, ACC, "late early");
  got = box_store_get_event (store, ACC, "late", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_event_get_name (got), ==, "Late show (moved)");
  g_assert_cmpint (box_event_get_starts_at (got), ==, 500);
  g_assert_cmpint (box_event_get_ends_at (got), ==, 2500);
  g_assert_cmpuint (box_event_get_attendee_count (got), ==, 1);
  g_clear_object (&got);

  /* An event no longer listed goes, with its attendees, but only for this account. */
  g_ptr_array_remove_index (events, 0);
  assert_ok (box_store_put_events (store, ACC, events, &error));
  assert_events (store, ACC, "early");
  assert_events (store, "other", "x1");
  got = box_store_get_event (store, ACC, "late", &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);
  g_assert_cmpuint (count_attendees (store, ACC, "late"), ==, 0);

  /* ...except while it holds a check-in not yet sent. */
  put_events (store, ACC, EV, "early", NULL);
  put_attendees (store, ACC, EV, list, TRUE, NULL);
  c = record (store, "T1", utc (9, 0));
  put_events (store, ACC, "early", NULL);
  assert_events (store, ACC, "early " EV);
  g_assert_true (is_checked_in (store, "T1"));
  update (store, c, BOX_CHECKIN_STATE_SENDING, NULL);
  put_events (store, ACC, "early", NULL);
  assert_events (store, ACC, "early " EV);

  /* Once it is confirmed, the event may go. */
  update (store, c, BOX_CHECKIN_STATE_CONFIRMED, NULL);
  put_events (store, ACC, "early", NULL);
  assert_events (store, ACC, "early");

  /* An empty list removes every event. */
  g_ptr_array_set_size (events, 0);
  assert_ok (box_store_put_events (store, ACC, events, &error));
  assert_events (store, ACC, "");
  assert_events (store, NULL, "x1");
}

/* Attendees --------------------------------------------------------------------------- */

static void
test_attendees_full_and_incremental (void)
{
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(BoxStore) store = NULL;
  g_autoptr(BoxAttendee) got = NULL;
  g_autoptr(BoxCheckin) c = NULL;
  g_autoptr(BoxCheckin) d = NULL;
  g_autofree char *cursor = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  BoxAttendee *a;

  g_ptr_array_add (list, attendee ("A1", "Anna Smith", "anna@example.com", NULL));
  g_ptr_array_add (list, attendee ("B1", "Bob Brown", NULL, NULL));
  g_ptr_array_add (list, attendee ("C1", "Carl Clark", NULL, NULL));
  store = new_store (NULL);
  add_account (store, ACC);
  put_events (store, ACC, EV, NULL);
  g_assert_null (box_store_get_sync_cursor (store, ACC, EV));
  g_assert_cmpint (box_store_get_synced_at (store, ACC, EV), ==, 0);
  put_attendees (store, ACC, EV, list, TRUE, "cursor-1");

  g_assert_cmpuint (count_attendees (store, ACC, EV), ==, 3);
  cursor = box_store_get_sync_cursor (store, ACC, EV);
  g_assert_cmpstr (cursor, ==, "cursor-1");
  g_clear_pointer (&cursor, g_free);
  g_assert_cmpint (box_store_get_synced_at (store, ACC, EV), >=, before);

  /* Codes are found in any letter case, and every field comes back. */
  got = get_attendee (store, "a1");
  g_assert_nonnull (got);
  g_assert_cmpstr (box_attendee_get_code (got), ==, "A1");
  g_assert_cmpstr (box_attendee_get_email (got), ==, "anna@example.com");
  g_assert_cmpstr (box_attendee_get_ticket_type (got), ==, "Regular");
  g_assert_cmpint (box_attendee_get_status (got), ==, BOX_ATTENDEE_STATUS_PAID);
  g_clear_object (&got);
  g_assert_null (get_attendee (store, "nope"));

  /* Incremental: changes and additions only; nothing removed. */
  g_ptr_array_set_size (list, 0);
  a = attendee ("B1", "Robert Brown", NULL, NULL);
  box_attendee_set_quantity (a, 3);
  box_attendee_set_details (a, "{\"Diet\":\"vegan\"}");
  g_ptr_array_add (list, a);
  g_ptr_array_add (list, attendee ("D1", "Dora Diaz", NULL, NULL));
  put_attendees (store, ACC, EV, list, FALSE, "cursor-2");
  g_assert_cmpuint (count_attendees (store, ACC, EV), ==, 4);
  cursor = box_store_get_sync_cursor (store, ACC, EV);
  g_assert_cmpstr (cursor, ==, "cursor-2");
  g_clear_pointer (&cursor, g_free);
  got = get_attendee (store, "B1");
  g_assert_cmpstr (box_attendee_get_name (got), ==, "Robert Brown");
  g_assert_cmpuint (box_attendee_get_quantity (got), ==, 3);
  g_assert_cmpstr (box_attendee_get_details (got), ==, "{\"Diet\":\"vegan\"}");
  g_clear_object (&got);
  /* Search follows the change of name. */
  assert_search (store, "robert", "Robert Brown");
  assert_search (store, "bob", "");

  /* A full list removes who is missing... except with a check-in not yet sent. */
  c = record (store, "C1", utc (10, 0));
  d = record (store, "D1", utc (10, 1));
  update (store, d, BOX_CHECKIN_STATE_SENDING, NULL);
  g_ptr_array_set_size (list, 0);
  g_ptr_array_add (list, attendee ("A1", "Anna Smith", NULL, NULL));
  put_attendees (store, ACC, EV, list, TRUE, "cursor-3");
  g_assert_nonnull ((got = get_attendee (store, "A1")));
  g_clear_object (&got);
  g_assert_null (get_attendee (store, "B1"));
  g_assert_true (is_checked_in (store, "C1"));
  g_assert_true (is_checked_in (store, "D1"));
  g_assert_cmpuint (count_attendees (store, ACC, EV), ==, 3);
  assert_search (store, "robert", "");

  /* Once the check-ins are answered, the next full list removes them. */
  update (store, c, BOX_CHECKIN_STATE_CONFIRMED, NULL);
  update (store, d, BOX_CHECKIN_STATE_REJECTED, NULL);
  put_attendees (store, ACC, EV, list, TRUE, "cursor-4");
  g_assert_cmpuint (count_attendees (store, ACC, EV), ==, 1);

  /* An empty full list empties the event and still moves the cursor. */
  g_ptr_array_set_size (list, 0);
  put_attendees (store, ACC, EV, list, TRUE, "cursor-5");
  g_assert_cmpuint (count_attendees (store, ACC, EV), ==, 0);
  cursor = box_store_get_sync_cursor (store, ACC, EV);
  g_assert_cmpstr (cursor, ==, "cursor-5");
}

static void
test_attendees_unknown_event (void)
{
  g_autoptr(BoxStore) store = new_store (NULL);
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(GError) error = NULL;

  add_account (store, ACC);
  g_ptr_array_add (list, attendee ("A1", "Anna Smith", NULL, NULL));
  g_assert_false (box_store_put_attendees (store, ACC, "missing", list, TRUE, NULL, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_NOT_FOUND);
}

static void
test_attendees_pending_state_kept (void)
{
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(GPtrArray) sync = attendee_list ();
  g_autoptr(BoxStore) store = NULL;
  g_autoptr(BoxCheckin) c = NULL;
  g_autoptr(BoxAttendee) got = NULL;
  BoxAttendee *a;

  g_ptr_array_add (list, attendee ("A1", "Anna Smith", NULL, NULL));
  g_ptr_array_add (list, attendee ("B1", "Bob Brown", NULL, NULL));
  store = store_with (list);

  c = record (store, "A1", utc (10, 5));

  /* The provider has not heard of the check-in yet, but renamed the ticket. */
  g_ptr_array_add (sync, attendee ("A1", "Anna Smith-Jones", NULL, NULL));
  a = attendee ("B1", "Bob Brown", NULL, NULL);     /* checked in at another door */
  box_attendee_set_checked_in (a, TRUE);
  box_attendee_set_checked_in_at (a, utc (10, 3));
  g_ptr_array_add (sync, a);
  put_attendees (store, ACC, EV, sync, TRUE, NULL);

  got = get_attendee (store, "A1");
  g_assert_true (box_attendee_get_checked_in (got));
  g_assert_cmpint (box_attendee_get_checked_in_at (got), ==, utc (10, 5));
  g_assert_cmpstr (box_attendee_get_name (got), ==, "Anna Smith-Jones");
  g_clear_object (&got);
  got = get_attendee (store, "B1");
  g_assert_true (box_attendee_get_checked_in (got));
  g_assert_cmpint (box_attendee_get_checked_in_at (got), ==, utc (10, 3));
  g_clear_object (&got);

  /* Being sent: still the desk's state. */
  update (store, c, BOX_CHECKIN_STATE_SENDING, NULL);
  put_attendees (store, ACC, EV, sync, FALSE, NULL);
  g_assert_true (is_checked_in (store, "A1"));

  /* Confirmed: the provider's word counts again. */
  update (store, c, BOX_CHECKIN_STATE_CONFIRMED, NULL);
  put_attendees (store, ACC, EV, sync, FALSE, NULL);
  g_assert_false (is_checked_in (store, "A1"));
}

static void
test_attendees_large (void)
{
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(BoxStore) store = new_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autoptr(BoxCheckin) c = NULL;
  g_autofree char *cursor = NULL;
  const guint n = 5003;

  add_account (store, ACC);
  put_events (store, ACC, EV, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("CODE%05u", i);
      g_autofree char *name = g_strdup_printf ("Person%05u Guest", i);
      BoxAttendee *a = attendee (code, name, NULL, NULL);

      box_attendee_set_checked_in (a, i % 10 == 0);
      g_ptr_array_add (list, a);
    }
  put_attendees (store, ACC, EV, list, TRUE, "big-1");

  event = box_store_get_event (store, ACC, EV, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (box_event_get_attendee_count (event), ==, n);
  g_assert_cmpuint (box_event_get_checked_in_count (event), ==, (n + 9) / 10);
  g_clear_object (&event);
  cursor = box_store_get_sync_cursor (store, ACC, EV);
  g_assert_cmpstr (cursor, ==, "big-1");
  g_clear_pointer (&cursor, g_free);
  /* From the first, a middle and the last batch. */
  assert_search (store, "person00000", "Person00000 Guest");
  assert_search (store, "person03999", "Person03999 Guest");
  assert_search (store, "person05002", "Person05002 Guest");
  assert_search (store, "CODE05001", "Person05001 Guest");

  /* A full list of 4000 (two full batches) removes the last 1003, except the one
   * with a pending check-in. */
  c = record (store, "CODE04500", utc (10, 0));
  g_ptr_array_set_size (list, 4000);
  put_attendees (store, ACC, EV, list, TRUE, "big-2");
  g_assert_cmpuint (count_attendees (store, ACC, EV), ==, 4001);
  assert_search (store, "person05002", "");
  assert_search (store, "person04500", "Person04500 Guest");
  assert_search (store, "person03999", "Person03999 Guest");
  cursor = box_store_get_sync_cursor (store, ACC, EV);
  g_assert_cmpstr (cursor, ==, "big-2");
}

/* Search ------------------------------------------------------------------------------ */

static BoxStore *
search_store (void)
{
  g_autoptr(GPtrArray) list = attendee_list ();
  BoxAttendee *a;

  a = attendee ("4LO4A3T8IH", "Jüri Müller", "jyri.muller@example.com", "Vaarikas OÜ");
  box_attendee_set_order_code (a, "ORD-77123");
  g_ptr_array_add (list, a);
  g_ptr_array_add (list, attendee ("7QX2", "Mari Øster", "mo@example.org", NULL));
  g_ptr_array_add (list, attendee ("CN01", "李雷", "lilei@example.cn", NULL));
  g_ptr_array_add (list, attendee ("SS01", "Hans Großmann", NULL, "Straße GmbH"));
  g_ptr_array_add (list, attendee ("ZZ99", "Zoe Quinn", "zoe@quinn.io", "Acme Ltd"));
  return store_with (list);
}

static void
test_search_words (void)
{
  g_autoptr(BoxStore) store = search_store ();

  /* Any word's start, whatever the case and accents. */
  assert_search (store, "mul", "Jüri Müller");
  assert_search (store, "muller", "Jüri Müller");
  assert_search (store, "Müll", "Jüri Müller");
  assert_search (store, "MÜLLER", "Jüri Müller");
  assert_search (store, "jüri", "Jüri Müller");
  assert_search (store, "JURI", "Jüri Müller");
  assert_search (store, "  muller  ", "Jüri Müller");
  assert_search (store, "mu\xcc\x88ller", "Jüri Müller");      /* decomposed, as pasted */
  /* Letters Unicode cannot take apart, through the ASCII spelling. */
  assert_search (store, "oster", "Mari Øster");
  assert_search (store, "Øster", "Mari Øster");
  assert_search (store, "grossm", "Hans Großmann");
  assert_search (store, "straße", "Hans Großmann");
  /* Every word must match, each as a prefix of some word. */
  assert_search (store, "jüri mü", "Jüri Müller");
  assert_search (store, "mü jü", "Jüri Müller");
  assert_search (store, "juri smith", "");
  assert_search (store, "üller", "");
  /* E-mail and company words. */
  assert_search (store, "jyri", "Jüri Müller");
  assert_search (store, "example.com", "Jüri Müller");
  assert_search (store, "jyri.muller@example.com", "Jüri Müller");
  assert_search (store, "vaarikas", "Jüri Müller");
  assert_search (store, "acme", "Zoe Quinn");
  assert_search (store, "quinn.io", "Zoe Quinn");
  /* Codes. */
  assert_search (store, "4LO4", "Jüri Müller");
  assert_search (store, "4lo4", "Jüri Müller");
  assert_search (store, "4lo4a3t8ih", "Jüri Müller");
  assert_search (store, "LO4A", "");
  assert_search (store, "ORD-77", "Jüri Müller");
  assert_search (store, "77123", "Jüri Müller");
  /* Scripts without spaces. */
  assert_search (store, "李", "李雷");
  assert_search (store, "李雷", "李雷");

  {
    g_autofree char *found = search (store, "example");
    g_auto(GStrv) names = g_strsplit (found, "|", -1);
    g_assert_cmpuint (g_strv_length (names), ==, 3);
    g_assert_true (g_strv_contains ((const char * const *)names, "Jüri Müller"));
    g_assert_true (g_strv_contains ((const char * const *)names, "Mari Øster"));
    g_assert_true (g_strv_contains ((const char * const *)names, "李雷"));
  }
}

static void
test_search_ranking (void)
{
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(BoxStore) store = NULL;

  /* Stored in the order a plain index would return them. */
  g_ptr_array_add (list, attendee ("T1", "Joan Anders", NULL, NULL));
  g_ptr_array_add (list, attendee ("T2", "Brian Bell", "brian@andante.ee", NULL));
  g_ptr_array_add (list, attendee ("T3", "Anna Smith", NULL, NULL));
  g_ptr_array_add (list, attendee ("T4", "Kx9 Fan", NULL, NULL));
  g_ptr_array_add (list, attendee ("KX9000", "Bob Long", NULL, NULL));
  g_ptr_array_add (list, attendee ("KX9", "Carl Exact", NULL, NULL));
  g_ptr_array_add (list, attendee ("M1", "Oliver Johnson", NULL, "Müller GmbH"));
  g_ptr_array_add (list, attendee ("M2", "Mikko Müller", NULL, NULL));
  store = store_with (list);

  /* Names that begin with the query first, then the other matches. */
  assert_search (store, "an", "Anna Smith|Joan Anders|Brian Bell");
  assert_search (store, "AN", "Anna Smith|Joan Anders|Brian Bell");
  assert_search (store, "anders", "Joan Anders");
  assert_search (store, "an smith", "Anna Smith");
  /* The exact ticket code before everything else, in any case. */
  assert_search (store, "kx9", "Carl Exact|Kx9 Fan|Bob Long");
  assert_search (store, " KX9 ", "Carl Exact|Kx9 Fan|Bob Long");
  assert_search (store, "kx90", "Bob Long");
  /* A word of the name comes before the same word in a company or e-mail. */
  assert_search (store, "mül", "Mikko Müller|Oliver Johnson");
  assert_search (store, "muller", "Mikko Müller|Oliver Johnson");
}

static void
test_search_limit (void)
{
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(BoxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;

  g_ptr_array_add (list, attendee ("LIM", "Exact Code", NULL, NULL));
  for (guint i = 0; i < 80; i++)
    {
      g_autofree char *code = g_strdup_printf ("L%02u", i);
      g_autofree char *name = g_strdup_printf ("%s Limit%02u", i % 2 ? "Lim" : "Other", i);
      g_ptr_array_add (list, attendee (code, name, NULL, NULL));
    }
  store = store_with (list);

  for (guint limit = 1; limit <= 45; limit += 4)
    {
      found = box_store_search (store, ACC, EV, "lim", limit, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, limit);
      g_assert_cmpstr (box_attendee_get_name (g_ptr_array_index (found, 0)), ==, "Exact Code");
      /* After the code, names that begin with "lim" come before the others. */
      for (guint i = 1; i < found->len; i++)
        {
          const char *name = box_attendee_get_name (g_ptr_array_index (found, i));
          g_assert_true (g_str_has_prefix (name, i <= 40 ? "Lim " : "Other "));
        }
      g_clear_pointer (&found, g_ptr_array_unref);
    }

  /* 0 means the default of 50; no duplicates. */
  found = box_store_search (store, ACC, EV, "lim", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 50);
  {
    g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
    for (guint i = 0; i < found->len; i++)
      g_assert_true (g_hash_table_add (codes, (gpointer)box_attendee_get_code (g_ptr_array_index (found, i))));
  }
  g_clear_pointer (&found, g_ptr_array_unref);

  found = box_store_search (store, ACC, EV, "limit", 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 80);
}

static void
test_search_nothing_to_search (void)
{
  g_autoptr(BoxStore) store = search_store ();
  const char *queries[] = { "", " ", "\t\n", "!!!", "--", "...", "@", "\"", "*", "^", ":",
                            "()", "\"\"", "😀", "\xff\xfe", "\xcc\x81" /* a lone accent */ };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = box_store_search (store, ACC, EV, queries[i], 10, &error);

      g_assert_no_error (error);
      g_assert_nonnull (found);
      g_assert_cmpuint (found->len, ==, 0);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) found = box_store_search (store, ACC, EV, NULL, 10, &error);
    g_assert_no_error (error);
    g_assert_nonnull (found);
    g_assert_cmpuint (found->len, ==, 0);
  }
}

static void
test_search_hostile (void)
{
  g_autoptr(BoxStore) store = search_store ();
  /* FTS5 syntax typed by a person or a scanner: never an error, and the words in it
   * are still searched for as words. */
  struct { const char *query; const char *expected; } cases[] = {
    { "\"jüri", "Jüri Müller" },
    { "\"jüri\"", "Jüri Müller" },
    { "jüri*", "Jüri Müller" },
    { "*jüri", "Jüri Müller" },
    { "-jüri", "Jüri Müller" },
    { "^jüri", "Jüri Müller" },
    { "name:jüri", "" },            /* "name" is a word like any other */
    { "name : jüri", "" },
    { "email:", "" },
    { "jüri:", "Jüri Müller" },
    { "NEAR(", "" },
    { "NEAR(jüri müller, 2)", "" },
    { "jüri OR zoe", "" },
    { "OR", "Jüri Müller|Mari Øster" },   /* ORD-77123, example.org */
    { "AND", "" },
    { "NOT", "" },
    { "jüri NOT müller", "" },
    { "jüri AND müller", "" },
    { "(jüri)", "Jüri Müller" },
    { "{name email}: jüri", "" },
    { "jüri + müller", "Jüri Müller" },
    { "müller'); DROP TABLE attendees; --", "" },
    { "\"\"\"\"", "" },
    { "4LO4A3T8IH\"", "Jüri Müller" },
    { "a\"b", "" },
    { "mü\xcc\x81ller", "Jüri Müller" },   /* a stray combining accent */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *found = search (store, cases[i].query);
      g_test_message ("query %s", cases[i].query);
      g_assert_cmpstr (found, ==, cases[i].expected);
    }

  /* And nothing was broken. */
  assert_search (store, "mul", "Jüri Müller");
  g_assert_cmpuint (count_attendees (store, ACC, EV), ==, 5);
}

static void
test_search_other_events (void)
{
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(GPtrArray) other = attendee_list ();
  g_autoptr(BoxStore) store = NULL;

  g_ptr_array_add (list, attendee ("SAME1", "Anna Here", NULL, NULL));
  store = store_with (list);
  add_account (store, "acc2");
  put_events (store, ACC, EV, "ev2", NULL);
  put_events (store, "acc2", EV, NULL);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *code = g_strdup_printf ("OTHER%02u", i);
      g_ptr_array_add (other, attendee (code, "Anna Elsewhere", NULL, NULL));
    }
  g_ptr_array_add (other, attendee ("SAME1", "Anna Elsewhere", NULL, NULL));
  put_attendees (store, ACC, "ev2", other, TRUE, NULL);
  put_attendees (store, "acc2", EV, other, TRUE, NULL);

  /* Many more matches elsewhere must neither show up nor crowd out the one here. */
  assert_search (store, "anna", "Anna Here");
  assert_search (store, "same1", "Anna Here");
  assert_search (store, "other", "");
  {
    g_autofree char *found = search_in (store, "acc2", EV, "anna here", 10);
    g_assert_cmpstr (found, ==, "");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BoxAttendee) a = box_store_get_attendee (store, "acc2", EV, "SAME1", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (box_attendee_get_name (a), ==, "Anna Elsewhere");
  }
}

static gint64
time_searches (BoxStore   *store,
               const char *event_id,
               const char *query,
               guint       times)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < times; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = box_store_search (store, ACC, event_id, query, 20, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 0);
    }
  return g_get_monotonic_time () - start;
}

/* Typing a name nobody has must not cost more in a big event than in a small one (same
 * database, same full-text index): the search walks matches, not the event's list. */
static void
test_search_cost (void)
{
  g_autoptr(GPtrArray) big = attendee_list ();
  g_autoptr(GPtrArray) small = attendee_list ();
  g_autoptr(BoxStore) store = NULL;
  gint64 t_small, t_big;

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *code = g_strdup_printf ("B%05u", i);
      g_autofree char *name = g_strdup_printf ("Big%05u Crowd", i);
      g_ptr_array_add (big, attendee (code, name, NULL, NULL));
    }
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *code = g_strdup_printf ("S%05u", i);
      g_autofree char *name = g_strdup_printf ("Small%05u Crowd", i);
      g_ptr_array_add (small, attendee (code, name, NULL, NULL));
    }
  store = store_with (big);
  put_events (store, ACC, EV, "small", NULL);
  put_attendees (store, ACC, "small", small, TRUE, NULL);

  /* Warm up, then compare. */
  time_searches (store, EV, "zyx", 3);
  time_searches (store, "small", "zyx", 3);
  t_small = time_searches (store, "small", "zyxw", 30);
  t_big = time_searches (store, EV, "zyxw", 30);
  g_test_message ("30 searches: %" G_GINT64_FORMAT " us in 60, %" G_GINT64_FORMAT " us in 3000",
                  t_small, t_big);
  g_assert_cmpint (t_big, <, 20 * t_small + 20000);
}

/* Check-ins --------------------------------------------------------------------------- */

static GPtrArray *
two_attendees (void)
{
  GPtrArray *list = attendee_list ();
  BoxAttendee *a;

  g_ptr_array_add (list, attendee ("A1", "Anna Smith", NULL, NULL));
  a = attendee ("B1", "Bob Brown", NULL, NULL);
  box_attendee_set_checked_in (a, TRUE);
  box_attendee_set_checked_in_at (a, utc (9, 0));
  g_ptr_array_add (list, a);
  return list;
}

static void
test_checkins_record (void)
{
  g_autoptr(GPtrArray) list = two_attendees ();
  g_autoptr(BoxStore) store = store_with (list);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(BoxAttendee) got = NULL;
  g_autoptr(BoxCheckin) c = NULL;
  g_autoptr(BoxCheckin) u = NULL;
  g_autoptr(BoxEvent) event = NULL;
  BoxCheckin *o;

  c = record (store, "a1", utc (10, 7));     /* as typed, in lower case */

  got = get_attendee (store, "A1");
  g_assert_true (box_attendee_get_checked_in (got));
  g_assert_cmpint (box_attendee_get_checked_in_at (got), ==, utc (10, 7));
  g_clear_object (&got);
  event = box_store_get_event (store, ACC, EV, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (box_event_get_checked_in_count (event), ==, 2);

  outbox = box_store_list_outbox (store, ACC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 1);
  o = g_ptr_array_index (outbox, 0);
  g_assert_cmpint (box_checkin_get_id (o), ==, box_checkin_get_id (c));
  g_assert_cmpstr (box_checkin_get_account_id (o), ==, ACC);
  g_assert_cmpstr (box_checkin_get_event_id (o), ==, EV);
  g_assert_cmpint (box_checkin_get_action (o), ==, BOX_CHECKIN_ACTION_CHECK_IN);
  g_assert_cmpint (box_checkin_get_state (o), ==, BOX_CHECKIN_STATE_PENDING);
  g_assert_cmpint (box_checkin_get_created_at (o), ==, utc (10, 7));
  g_assert_cmpstr (box_checkin_get_desk (o), ==, "desk-1");
  g_assert_cmpstr (box_checkin_get_nonce (o), ==, box_checkin_get_nonce (c));
  g_assert_nonnull (box_checkin_get_attendee (o));
  g_assert_cmpstr (box_attendee_get_name (box_checkin_get_attendee (o)), ==, "Anna Smith");
  g_clear_pointer (&outbox, g_ptr_array_unref);

  /* An undo unmarks. */
  u = new_checkin ("B1", BOX_CHECKIN_ACTION_UNDO, utc (10, 8));
  assert_ok (box_store_record_checkin (store, u, &error));
  got = get_attendee (store, "B1");
  g_assert_false (box_attendee_get_checked_in (got));
  g_assert_cmpint (box_attendee_get_checked_in_at (got), ==, 0);
  g_clear_object (&got);

  outbox = box_store_list_outbox (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 2);
  g_assert_cmpint (box_checkin_get_action (g_ptr_array_index (outbox, 1)), ==, BOX_CHECKIN_ACTION_UNDO);
  g_clear_pointer (&outbox, g_ptr_array_unref);

  /* A check-in recorded LOCAL (no provider API) is kept but not queued. */
  {
    g_autoptr(BoxCheckin) l = new_checkin ("A1", BOX_CHECKIN_ACTION_CHECK_IN, utc (10, 9));
    box_checkin_set_state (l, BOX_CHECKIN_STATE_LOCAL);
    assert_ok (box_store_record_checkin (store, l, &error));
  }
  outbox = box_store_list_outbox (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 2);
}

static void
test_checkins_confirmed (void)
{
  g_autoptr(GPtrArray) list = two_attendees ();
  g_autoptr(BoxStore) store = store_with (list);
  g_autoptr(BoxAttendee) provider = box_attendee_new ();
  g_autoptr(BoxAttendee) got = NULL;
  g_autoptr(BoxCheckin) c = NULL;
  g_autofree char *codes = NULL;

  c = record (store, "A1", utc (10, 7));
  box_checkin_set_attempts (c, 1);
  box_checkin_set_result (c, BOX_CHECKIN_RESULT_OK);
  box_attendee_set_code (provider, "A1");
  box_attendee_set_checked_in (provider, TRUE);
  box_attendee_set_checked_in_at (provider, utc (10, 8));
  box_attendee_set_status (provider, BOX_ATTENDEE_STATUS_PAID);
  update (store, c, BOX_CHECKIN_STATE_CONFIRMED, provider);

  got = get_attendee (store, "A1");
  g_assert_true (box_attendee_get_checked_in (got));
  g_assert_cmpint (box_attendee_get_checked_in_at (got), ==, utc (10, 8));
  codes = outbox_codes (store, NULL);
  g_assert_cmpstr (codes, ==, "");
}

static void
test_checkins_rejected (void)
{
  g_autoptr(GPtrArray) list = two_attendees ();
  g_autoptr(BoxStore) store = store_with (list);
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAttendee) got = NULL;
  g_autoptr(BoxCheckin) c = NULL;
  g_autoptr(BoxCheckin) u = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autofree char *codes = NULL;
  BoxCheckin *r;

  /* A check-in the provider refuses: back to not checked in. */
  c = record (store, "A1", utc (10, 7));
  g_assert_true (is_checked_in (store, "A1"));
  box_checkin_set_result (c, BOX_CHECKIN_RESULT_UNPAID);
  box_checkin_set_message (c, "The order is not paid.");
  box_checkin_set_attempts (c, 2);
  update (store, c, BOX_CHECKIN_STATE_REJECTED, NULL);
  got = get_attendee (store, "A1");
  g_assert_false (box_attendee_get_checked_in (got));
  g_assert_cmpint (box_attendee_get_checked_in_at (got), ==, 0);
  g_clear_object (&got);

  /* An undo the provider refuses: back to checked in, at the old time. */
  u = new_checkin ("B1", BOX_CHECKIN_ACTION_UNDO, utc (10, 9));
  assert_ok (box_store_record_checkin (store, u, &error));
  g_assert_false (is_checked_in (store, "B1"));
  update (store, u, BOX_CHECKIN_STATE_REJECTED, NULL);
  got = get_attendee (store, "B1");
  g_assert_true (box_attendee_get_checked_in (got));
  g_assert_cmpint (box_attendee_get_checked_in_at (got), ==, utc (9, 0));

  codes = outbox_codes (store, NULL);
  g_assert_cmpstr (codes, ==, "");

  recent = box_store_list_recent_checkins (store, ACC, EV, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 2);
  r = g_ptr_array_index (recent, 1);
  g_assert_cmpint (box_checkin_get_id (r), ==, box_checkin_get_id (c));
  g_assert_cmpint (box_checkin_get_state (r), ==, BOX_CHECKIN_STATE_REJECTED);
  g_assert_cmpint (box_checkin_get_result (r), ==, BOX_CHECKIN_RESULT_UNPAID);
  g_assert_cmpstr (box_checkin_get_message (r), ==, "The order is not paid.");
  g_assert_cmpuint (box_checkin_get_attempts (r), ==, 2);
}

/* An undo queued behind a check-in the provider then refused is dropped with it. */
static void
test_checkins_drop_later_undos (void)
{
  g_autoptr(GPtrArray) list = two_attendees ();
  g_autoptr(BoxStore) store = store_with (list);
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxCheckin) in = NULL;
  g_autoptr(BoxCheckin) undo = NULL;
  g_autoptr(BoxCheckin) other = NULL;
  g_autofree char *codes = NULL;

  in = record (store, "A1", utc (10, 7));
  update (store, in, BOX_CHECKIN_STATE_SENDING, NULL);
  undo = new_checkin ("A1", BOX_CHECKIN_ACTION_UNDO, utc (10, 8));
  assert_ok (box_store_record_checkin (store, undo, &error));
  other = record (store, "B2", utc (10, 9));
  codes = outbox_codes (store, NULL);
  g_assert_cmpstr (codes, ==, "A1 A1 B2");
  g_clear_pointer (&codes, g_free);

  update (store, in, BOX_CHECKIN_STATE_REJECTED, NULL);
  assert_ok (box_store_drop_later_undos (store, in, &error));
  codes = outbox_codes (store, NULL);
  /* Only the other attendee's check-in is left to send. */
  g_assert_cmpstr (codes, ==, "B2");
}

static void
test_checkins_drop_pending (void)
{
  g_autoptr(GPtrArray) list = two_attendees ();
  g_autoptr(BoxStore) store = store_with (list);
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxCheckin) c = NULL;
  g_autoptr(BoxCheckin) d = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(BoxAttendee) got = NULL;
  g_autofree char *codes = NULL;
  gboolean dropped = TRUE;

  /* Nothing to take back. */
  assert_ok (box_store_drop_pending_checkin (store, ACC, EV, "A1", &dropped, &error));
  g_assert_false (dropped);

  /* A check-in that never left: gone without trace. */
  c = record (store, "A1", utc (10, 7));
  assert_ok (box_store_drop_pending_checkin (store, ACC, EV, "a1", &dropped, &error));
  g_assert_true (dropped);
  g_assert_false (is_checked_in (store, "A1"));
  codes = outbox_codes (store, NULL);
  g_assert_cmpstr (codes, ==, "");
  g_clear_pointer (&codes, g_free);
  recent = box_store_list_recent_checkins (store, ACC, EV, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 0);
  g_clear_pointer (&recent, g_ptr_array_unref);

  /* One already on its way cannot be taken back. */
  d = record (store, "A1", utc (10, 8));
  update (store, d, BOX_CHECKIN_STATE_SENDING, NULL);
  dropped = TRUE;
  assert_ok (box_store_drop_pending_checkin (store, ACC, EV, "A1", &dropped, &error));
  g_assert_false (dropped);
  got = get_attendee (store, "A1");
  g_assert_true (box_attendee_get_checked_in (got));
  g_assert_cmpint (box_attendee_get_checked_in_at (got), ==, utc (10, 8));
  codes = outbox_codes (store, NULL);
  g_assert_cmpstr (codes, ==, "A1");
}

static void
test_checkins_outbox_order (void)
{
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(BoxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GPtrArray) c = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(BoxCheckin) foreign = NULL;
  g_autofree char *codes = NULL;
  const char *order = "C3 C1 C4 C0 C2";

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *code = g_strdup_printf ("C%u", i);
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      g_ptr_array_add (list, attendee (code, name, NULL, NULL));
    }
  store = store_with (list);
  add_account (store, "acc2");
  put_events (store, "acc2", EV, NULL);

  {
    g_auto(GStrv) codes_v = g_strsplit (order, " ", -1);
    for (guint i = 0; i < 5; i++)
      g_ptr_array_add (c, record (store, codes_v[i], utc (10, i)));
  }
  foreign = new_checkin ("X1", BOX_CHECKIN_ACTION_CHECK_IN, utc (9, 0));
  box_checkin_set_account_id (foreign, "acc2");
  assert_ok (box_store_record_checkin (store, foreign, &error));

  codes = outbox_codes (store, ACC);
  g_assert_cmpstr (codes, ==, order);
  g_clear_pointer (&codes, g_free);
  codes = outbox_codes (store, NULL);
  g_assert_cmpstr (codes, ==, "C3 C1 C4 C0 C2 X1");
  g_clear_pointer (&codes, g_free);

  update (store, g_ptr_array_index (c, 1), BOX_CHECKIN_STATE_CONFIRMED, NULL);
  update (store, g_ptr_array_index (c, 3), BOX_CHECKIN_STATE_REJECTED, NULL);
  update (store, g_ptr_array_index (c, 2), BOX_CHECKIN_STATE_SENDING, NULL);
  codes = outbox_codes (store, ACC);
  g_assert_cmpstr (codes, ==, "C3 C4 C2");

  /* Recent check-ins: newest first, whatever their state, up to the limit. */
  recent = box_store_list_recent_checkins (store, ACC, EV, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 3);
  g_assert_cmpstr (box_checkin_get_code (g_ptr_array_index (recent, 0)), ==, "C2");
  g_assert_cmpstr (box_checkin_get_code (g_ptr_array_index (recent, 1)), ==, "C0");
  g_assert_cmpstr (box_checkin_get_code (g_ptr_array_index (recent, 2)), ==, "C4");
  g_assert_cmpstr (box_attendee_get_name (box_checkin_get_attendee (g_ptr_array_index (recent, 0))),
                   ==, "Person 2");
  g_assert_cmpint (box_checkin_get_state (g_ptr_array_index (recent, 1)), ==, BOX_CHECKIN_STATE_REJECTED);
  g_clear_pointer (&recent, g_ptr_array_unref);
  recent = box_store_list_recent_checkins (store, ACC, EV, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 5);
  g_clear_pointer (&recent, g_ptr_array_unref);
  recent = box_store_list_recent_checkins (store, ACC, "ev-none", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 0);
}

/* Statistics -------------------------------------------------------------------------- */

static void
test_stats (void)
{
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(BoxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxEventStats) stats = NULL;
  g_autoptr(BoxCheckin) c = NULL;
  GArray *types, *arrivals;
  BoxTicketTypeCount *t;
  BoxArrivalBucket *b;
  BoxAttendee *a;

  a = attendee ("V1", "Vip One", NULL, NULL);
  box_attendee_set_ticket_type (a, "VIP");
  box_attendee_set_checked_in (a, TRUE);
  box_attendee_set_checked_in_at (a, utc (10, 1));
  g_ptr_array_add (list, a);
  a = attendee ("V2", "Vip Two", NULL, NULL);
  box_attendee_set_ticket_type (a, "VIP");
  g_ptr_array_add (list, a);
  a = attendee ("R1", "Reg One", NULL, NULL);
  box_attendee_set_checked_in (a, TRUE);
  box_attendee_set_checked_in_at (a, utc (10, 14));
  g_ptr_array_add (list, a);
  a = attendee ("R2", "Reg Two", NULL, NULL);
  box_attendee_set_checked_in (a, TRUE);
  box_attendee_set_checked_in_at (a, utc (10, 16));
  g_ptr_array_add (list, a);
  a = attendee ("R3", "Reg Three", NULL, NULL);
  g_ptr_array_add (list, a);
  a = attendee ("X1", "Cancelled One", NULL, NULL);      /* refunded, yet scanned earlier */
  box_attendee_set_status (a, BOX_ATTENDEE_STATUS_CANCELLED);
  box_attendee_set_checked_in (a, TRUE);
  g_ptr_array_add (list, a);
  a = attendee ("X2", "Cancelled Two", NULL, NULL);
  box_attendee_set_ticket_type (a, "VIP");
  box_attendee_set_status (a, BOX_ATTENDEE_STATUS_CANCELLED);
  g_ptr_array_add (list, a);
  store = store_with (list);

  stats = box_store_get_stats (store, ACC, EV, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (box_event_stats_get_total (stats), ==, 5);
  g_assert_cmpuint (box_event_stats_get_checked_in (stats), ==, 3);
  g_assert_cmpuint (box_event_stats_get_queued (stats), ==, 0);

  types = box_event_stats_get_by_ticket_type (stats);
  g_assert_cmpuint (types->len, ==, 2);
  t = &g_array_index (types, BoxTicketTypeCount, 0);
  g_assert_cmpstr (t->name, ==, "Regular");
  g_assert_cmpuint (t->total, ==, 3);
  g_assert_cmpuint (t->checked_in, ==, 2);
  t = &g_array_index (types, BoxTicketTypeCount, 1);
  g_assert_cmpstr (t->name, ==, "VIP");
  g_assert_cmpuint (t->total, ==, 2);
  g_assert_cmpuint (t->checked_in, ==, 1);

  arrivals = box_event_stats_get_arrivals (stats);
  g_assert_cmpuint (arrivals->len, ==, 2);
  b = &g_array_index (arrivals, BoxArrivalBucket, 0);
  g_assert_cmpint (b->from, ==, utc (10, 0));
  g_assert_cmpint (b->to, ==, utc (10, 15));
  g_assert_cmpuint (b->count, ==, 2);
  b = &g_array_index (arrivals, BoxArrivalBucket, 1);
  g_assert_cmpint (b->from, ==, utc (10, 15));
  g_assert_cmpint (b->to, ==, utc (10, 30));
  g_assert_cmpuint (b->count, ==, 1);
  g_clear_object (&stats);

  /* A check-in at the desk counts at once, and is queued until confirmed. */
  c = record (store, "R3", utc (10, 44));
  stats = box_store_get_stats (store, ACC, EV, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (box_event_stats_get_checked_in (stats), ==, 4);
  g_assert_cmpuint (box_event_stats_get_queued (stats), ==, 1);
  arrivals = box_event_stats_get_arrivals (stats);
  g_assert_cmpuint (arrivals->len, ==, 3);
  b = &g_array_index (arrivals, BoxArrivalBucket, 2);
  g_assert_cmpint (b->from, ==, utc (10, 30));
  g_assert_cmpuint (b->count, ==, 1);
  g_clear_object (&stats);

  update (store, c, BOX_CHECKIN_STATE_CONFIRMED, NULL);
  stats = box_store_get_stats (store, ACC, EV, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (box_event_stats_get_queued (stats), ==, 0);
  g_assert_cmpuint (box_event_stats_get_checked_in (stats), ==, 4);
  g_clear_object (&stats);

  /* An event without attendees. */
  put_events (store, ACC, EV, "empty", NULL);
  stats = box_store_get_stats (store, ACC, "empty", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (box_event_stats_get_total (stats), ==, 0);
  g_assert_cmpuint (box_event_stats_get_checked_in (stats), ==, 0);
  g_assert_cmpuint (box_event_stats_get_by_ticket_type (stats)->len, ==, 0);
  g_assert_cmpuint (box_event_stats_get_arrivals (stats)->len, ==, 0);
}

/* Concurrency ------------------------------------------------------------------------- */

#define N_KEEP 40

typedef struct
{
  BoxStore *store;
  guint     rounds;
  guint     per_round;
  GError   *error;
  gint      done;
} SyncJob;

static GPtrArray *
sync_round (guint round,
            guint per_round)
{
  GPtrArray *list = attendee_list ();

  for (guint i = 0; i < N_KEEP; i++)
    {
      g_autofree char *code = g_strdup_printf ("KEEP%02u", i);
      g_autofree char *name = g_strdup_printf ("Keeper%02u Desk", i);
      g_ptr_array_add (list, attendee (code, name, NULL, NULL));
    }
  for (guint i = 0; i < per_round; i++)
    {
      g_autofree char *code = g_strdup_printf ("R%uN%05u", round, i);
      g_autofree char *name = g_strdup_printf ("Round%u Sync%05u", round, i);
      g_ptr_array_add (list, attendee (code, name, NULL, NULL));
    }
  return list;
}

static gpointer
sync_thread (gpointer data)
{
  SyncJob *job = data;

  for (guint r = 1; r <= job->rounds && job->error == NULL; r++)
    {
      g_autoptr(GPtrArray) list = sync_round (r, job->per_round);
      g_autofree char *cursor = g_strdup_printf ("round-%u", r);

      box_store_put_attendees (job->store, ACC, EV, list, TRUE, cursor, &job->error);
    }
  g_atomic_int_set (&job->done, 1);
  return NULL;
}

static void
test_concurrent_sync (void)
{
  g_autoptr(GPtrArray) first = sync_round (0, 100);
  g_autoptr(BoxStore) store = store_with (first);
  g_autoptr(GPtrArray) checkins = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAttendee) got = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *last = NULL;
  SyncJob job = { store, 3, 2500, NULL, 0 };
  GThread *thread;
  guint i = 0;

  thread = g_thread_new ("sync", sync_thread, &job);

  /* The desk keeps working while the sync writes. */
  while (!g_atomic_int_get (&job.done) || i < N_KEEP)
    {
      g_autofree char *code = g_strdup_printf ("KEEP%02u", i % N_KEEP);

      if (i < N_KEEP)
        g_ptr_array_add (checkins, record (store, code, utc (10, 0) + i));

      {
        g_autoptr(GPtrArray) found = box_store_search (store, ACC, EV, "keeper", 100, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (found->len, ==, N_KEEP);
      }
      {
        g_autoptr(GPtrArray) found = box_store_search (store, ACC, EV, "round sync0001", 5, &error);
        g_assert_no_error (error);
        g_assert_nonnull (found);
      }
      {
        g_autoptr(BoxEventStats) stats = box_store_get_stats (store, ACC, EV, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (box_event_stats_get_total (stats), >=, N_KEEP);
      }
      /* Leaves a statement stepped, as the UI may. */
      g_clear_object (&got);
      got = get_attendee (store, code);
      g_assert_nonnull (got);
      i++;
    }

  g_thread_join (thread);
  g_assert_no_error (job.error);
  g_test_message ("%u desk rounds during the sync", i);

  /* What the main thread sees next is what the sync wrote, even for a write. */
  {
    g_autoptr(BoxCheckin) c = record (store, "R3N02499", utc (11, 0));
    g_autoptr(BoxAttendee) a = get_attendee (store, "R3N02499");
    g_assert_cmpint (box_checkin_get_id (c), >, 0);
    g_assert_nonnull (a);
    g_assert_true (box_attendee_get_checked_in (a));
  }
  g_assert_cmpuint (count_attendees (store, ACC, EV), ==, N_KEEP + 2500);
  last = search (store, "round3 sync02498");
  g_assert_cmpstr (last, ==, "Round3 Sync02498");
  assert_search (store, "round1", "");
  cursor = box_store_get_sync_cursor (store, ACC, EV);
  g_assert_cmpstr (cursor, ==, "round-3");

  /* Check-ins made during the sync were not undone by it. */
  for (guint k = 0; k < N_KEEP; k++)
    {
      g_autofree char *code = g_strdup_printf ("KEEP%02u", k);
      g_assert_true (is_checked_in (store, code));
    }
  {
    g_autofree char *codes = outbox_codes (store, ACC);
    g_auto(GStrv) v = g_strsplit (codes, " ", -1);
    g_assert_cmpuint (g_strv_length (v), ==, N_KEEP + 1);
  }
}

/* Each public call must see what another connection committed since the last call, even
 * when the last one left a statement stepped (a stale read snapshot). */
static void
test_no_stale_snapshot (void)
{
  g_autoptr(GPtrArray) list = two_attendees ();
  g_autoptr(BoxStore) store = store_with (list);
  const char *steps[] = { "record", "update", "drop", "add-account", "list", "search", "stats",
                          "events", "outbox" };

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BoxAttendee) held = NULL;
      g_autoptr(BoxCheckin) c = record (store, "A1", utc (10, s));
      g_autoptr(GPtrArray) more = attendee_list ();
      g_autofree char *code = g_strdup_printf ("NEW%u", s);
      g_autofree char *name = g_strdup_printf ("Newcomer%u Late", s);

      g_test_message ("first call after the sync: %s", steps[s]);

      held = box_store_get_attendee (store, ACC, EV, "B1", &error);   /* stepped, not reset */
      g_assert_no_error (error);
      g_assert_nonnull (held);

      g_ptr_array_add (more, attendee (code, name, NULL, NULL));
      put_attendees (store, ACC, EV, more, FALSE, NULL);

      if (g_str_equal (steps[s], "record"))
        {
          g_autoptr(BoxCheckin) n = new_checkin (code, BOX_CHECKIN_ACTION_CHECK_IN, utc (11, 0));
          assert_ok (box_store_record_checkin (store, n, &error));
          g_assert_true (is_checked_in (store, code));
        }
      else if (g_str_equal (steps[s], "update"))
        {
          box_checkin_set_state (c, BOX_CHECKIN_STATE_CONFIRMED);
          assert_ok (box_store_update_checkin (store, c, NULL, &error));
        }
      else if (g_str_equal (steps[s], "drop"))
        {
          gboolean dropped = FALSE;
          assert_ok (box_store_drop_pending_checkin (store, ACC, EV, "A1", &dropped, &error));
          g_assert_true (dropped);
        }
      else if (g_str_equal (steps[s], "add-account"))
        {
          g_autofree char *id = g_strdup_printf ("late-%u", s);
          g_autoptr(BoxAccount) account = box_account_new (id, "fienta", id, NULL);
          assert_ok (box_store_add_account (store, account, &error));
        }
      else if (g_str_equal (steps[s], "list"))
        {
          g_autoptr(GPtrArray) all = box_store_list_attendees (store, ACC, EV, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (all->len, ==, 2 + s + 1);
        }
      else if (g_str_equal (steps[s], "search"))
        {
          g_autofree char *found = search (store, name);
          g_assert_cmpstr (found, ==, name);
        }
      else if (g_str_equal (steps[s], "stats"))
        {
          g_autoptr(BoxEventStats) stats = box_store_get_stats (store, ACC, EV, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (box_event_stats_get_total (stats), ==, 2 + s + 1);
        }
      else if (g_str_equal (steps[s], "events"))
        {
          g_autoptr(BoxEvent) event = box_store_get_event (store, ACC, EV, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (box_event_get_attendee_count (event), ==, 2 + s + 1);
        }
      else if (g_str_equal (steps[s], "outbox"))
        {
          g_autoptr(GPtrArray) outbox = box_store_list_outbox (store, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (outbox->len, >, 0);
        }

      /* Whatever came first, the new attendee is there now. */
      {
        g_autoptr(BoxAttendee) a = get_attendee (store, code);
        g_assert_nonnull (a);
      }
      if (box_checkin_get_state (c) == BOX_CHECKIN_STATE_PENDING)
        update (store, c, BOX_CHECKIN_STATE_CONFIRMED, NULL);
    }
}

/* A full disk ------------------------------------------------------------------------- */

static void
test_disk_full (void)
{
  g_autofree char *dir = box_test_make_dir ("tiny-disk");
  g_autofree char *path = NULL;
  g_autofree char *filler = NULL;
  g_autoptr(BoxStore) store = NULL;
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(GPtrArray) big = attendee_list ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxCheckin) c = NULL;
  g_autofree char *pad = NULL;
  g_autofree char *block = NULL;
  g_autofree char *lower = NULL;
  int fd;

  if (geteuid () != 0)
    {
      g_test_skip ("Needs root to mount a small tmpfs");
      return;
    }
  /* In a mount namespace of our own, when we may, so that the mount goes away with the
   * process even when an assertion aborts it. */
  if (unshare (CLONE_NEWNS) != 0 || mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0)
    g_test_message ("No mount namespace of our own (%s); mounting in the shared one",
                    g_strerror (errno));
  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0700") != 0)
    {
      g_autofree char *msg = g_strdup_printf ("Cannot mount a tmpfs here: %s", g_strerror (errno));
      g_test_skip (msg);
      return;
    }

  path = g_build_filename (dir, "boxoffice.db", NULL);
  store = box_store_open (path, &error);
  g_assert_no_error (error);
  add_account (store, ACC);
  put_events (store, ACC, EV, NULL);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *code = g_strdup_printf ("T%u", i);
      g_autofree char *name = g_strdup_printf ("Before%u Full", i);
      g_ptr_array_add (list, attendee (code, name, NULL, NULL));
    }
  put_attendees (store, ACC, EV, list, TRUE, "before");
  c = record (store, "T3", utc (10, 0));

  /* Fill the disk to the last byte. */
  filler = g_build_filename (dir, "filler", NULL);
  fd = g_open (filler, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  block = g_malloc0 (4096);
  while (write (fd, block, 4096) > 0)
    ;
  while (write (fd, block, 1) > 0)
    ;
  close (fd);

  /* A sync that does not fit. */
  pad = g_strnfill (400, 'x');
  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *code = g_strdup_printf ("BIG%04u", i);
      g_autofree char *name = g_strdup_printf ("After%04u Full", i);
      BoxAttendee *a = attendee (code, name, NULL, NULL);
      box_attendee_set_nametag_html (a, pad);
      g_ptr_array_add (big, a);
    }
  g_assert_false (box_store_put_attendees (store, ACC, EV, big, TRUE, "after", &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_STORE);
  g_test_message ("%s", error->message);
  lower = g_utf8_strdown (error->message, -1);
  g_assert_nonnull (strstr (lower, "disk"));
  g_clear_error (&error);

  /* A check-in at the desk meanwhile: it either fits or fails the same way. */
  {
    g_autoptr(BoxCheckin) d = new_checkin ("T4", BOX_CHECKIN_ACTION_CHECK_IN, utc (10, 1));
    if (!box_store_record_checkin (store, d, &error))
      {
        g_autofree char *l = g_utf8_strdown (error->message, -1);
        g_assert_error (error, BOX_ERROR, BOX_ERROR_STORE);
        g_assert_nonnull (strstr (l, "disk"));
        g_assert_false (is_checked_in (store, "T4"));
        g_clear_error (&error);
      }
  }

  /* Everything from before is intact. */
  g_assert_cmpuint (count_attendees (store, ACC, EV), ==, 10);
  g_assert_true (is_checked_in (store, "T3"));
  assert_search (store, "before3", "Before3 Full");
  assert_search (store, "after0001", "");
  {
    g_autofree char *cursor = box_store_get_sync_cursor (store, ACC, EV);
    g_assert_cmpstr (cursor, ==, "before");
    g_autofree char *codes = outbox_codes (store, NULL);
    g_assert_true (g_str_has_prefix (codes, "T3"));
  }

  /* With space again, the same sync succeeds. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_ptr_array_set_size (big, 300);
  assert_ok (box_store_put_attendees (store, ACC, EV, big, FALSE, "after", &error));
  g_assert_cmpuint (count_attendees (store, ACC, EV), ==, 310);
  assert_search (store, "after0001", "After0001 Full");

  g_clear_object (&store);
  {
    /* And the database reopens fine. */
    g_autoptr(BoxStore) again = box_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_attendees (again, ACC, EV), ==, 310);
  }

  if (umount (dir) != 0)
    umount2 (dir, MNT_DETACH);
}

/* Name tags: a print is recorded; "checked in since, not yet printed" finds the rest;
 * the records go with the account. */
static void
test_prints (void)
{
  g_autoptr(GPtrArray) list = attendee_list ();
  g_autoptr(BoxStore) store = NULL;
  g_autoptr(GPtrArray) todo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *desk = NULL;
  gint64 printed_at = 0;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *code = g_strdup_printf ("T%u", i);
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      BoxAttendee *a = attendee (code, name, NULL, NULL);

      /* T0 came in yesterday, T1 and T2 today, T3 not yet. */
      box_attendee_set_checked_in (a, i < 3);
      box_attendee_set_checked_in_at (a, i == 0 ? 1000 : i < 3 ? 5000 + i : 0);
      g_ptr_array_add (list, a);
    }
  store = store_with (list);

  g_assert_false (box_store_get_last_print (store, ACC, EV, "T1", &printed_at, &desk));

  todo = box_store_list_to_print (store, ACC, EV, 4000, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (todo->len, ==, 2);
  g_assert_cmpstr (box_attendee_get_code (g_ptr_array_index (todo, 0)), ==, "T1");
  g_clear_pointer (&todo, g_ptr_array_unref);

  assert_ok (box_store_record_print (store, ACC, EV, "t1", 6000, "Front desk", "printer", &error));
  assert_ok (box_store_record_print (store, ACC, EV, "T1", 7000, "Side desk", "pdf", &error));
  g_assert_true (box_store_get_last_print (store, ACC, EV, "T1", &printed_at, &desk));
  g_assert_cmpint (printed_at, ==, 7000);
  g_assert_cmpstr (desk, ==, "Side desk");

  todo = box_store_list_to_print (store, ACC, EV, 4000, TRUE, &error);
  g_assert_cmpuint (todo->len, ==, 1);
  g_assert_cmpstr (box_attendee_get_code (g_ptr_array_index (todo, 0)), ==, "T2");
  g_clear_pointer (&todo, g_ptr_array_unref);

  /* Everyone checked in, printed or not, from the start. */
  todo = box_store_list_to_print (store, ACC, EV, 0, FALSE, &error);
  g_assert_cmpuint (todo->len, ==, 3);
  g_clear_pointer (&todo, g_ptr_array_unref);

  assert_ok (box_store_remove_account (store, ACC, &error));
  g_assert_false (box_store_get_last_print (store, ACC, EV, "T1", NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open/mode", test_open_mode);
  g_test_add_func ("/store/open/existing-file-made-private", test_open_existing_file_made_private);
  g_test_add_func ("/store/open/reopen-keeps-data", test_open_reopen_keeps_data);
  g_test_add_func ("/store/open/newer-schema-refused", test_open_newer_schema_refused);
  g_test_add_func ("/store/open/not-a-database", test_open_not_a_database);
  g_test_add_func ("/store/open/unwritable-place", test_open_unwritable_place);
  g_test_add_func ("/store/accounts/crud", test_accounts_crud);
  g_test_add_func ("/store/accounts/make-id", test_accounts_make_id);
  g_test_add_func ("/store/accounts/remove-cascades", test_accounts_remove_cascades);
  g_test_add_func ("/store/events/put", test_events_put);
  g_test_add_func ("/store/attendees/full-and-incremental", test_attendees_full_and_incremental);
  g_test_add_func ("/store/attendees/unknown-event", test_attendees_unknown_event);
  g_test_add_func ("/store/attendees/pending-state-kept", test_attendees_pending_state_kept);
  g_test_add_func ("/store/attendees/large", test_attendees_large);
  g_test_add_func ("/store/search/words", test_search_words);
  g_test_add_func ("/store/search/ranking", test_search_ranking);
  g_test_add_func ("/store/search/limit", test_search_limit);
  g_test_add_func ("/store/search/nothing-to-search", test_search_nothing_to_search);
  g_test_add_func ("/store/search/hostile", test_search_hostile);
  g_test_add_func ("/store/search/other-events", test_search_other_events);
  g_test_add_func ("/store/search/cost", test_search_cost);
  g_test_add_func ("/store/checkins/record", test_checkins_record);
  g_test_add_func ("/store/checkins/confirmed", test_checkins_confirmed);
  g_test_add_func ("/store/checkins/rejected", test_checkins_rejected);
  g_test_add_func ("/store/checkins/drop-pending", test_checkins_drop_pending);
  g_test_add_func ("/store/checkins/drop-later-undos", test_checkins_drop_later_undos);
  g_test_add_func ("/store/checkins/outbox-order", test_checkins_outbox_order);
  g_test_add_func ("/store/stats", test_stats);
  g_test_add_func ("/store/prints", test_prints);
  g_test_add_func ("/store/concurrency/sync-while-checking-in", test_concurrent_sync);
  g_test_add_func ("/store/concurrency/no-stale-snapshot", test_no_stale_snapshot);
  g_test_add_func ("/store/disk-full", test_disk_full);

  ret = g_test_run ();
  box_test_cleanup ();
  return ret;
}
