/* test-desk.c: BoxDesk and the Fienta provider against the emulator
 *
 * Runs inside tests/with-keyring.sh: accounts keep their keys in a real Secret Service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-desk.h"
#include "box-error.h"
#include "box-event.h"
#include "box-event-stats.h"
#include "box-providers.h"
#include "box-test-util.h"

#define KEY "0123456789abcdef0123456789abcdef"
#define ATTENDEES 300

static BoxTestEmulator *emu;

typedef struct
{
  char    *profile;
  BoxDesk *desk;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = box_test_emulator_post (emu, "/_control/reset", "{}");
  g_assert_nonnull (reply);

  box_test_emulator_fault (emu, "none", 0);
  f->profile = box_test_make_dir ("profile");
  f->desk = box_desk_new (f->profile, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->desk);
  g_free (f->profile);
}

static BoxAccount *
add_account (BoxDesk     *desk,
             const char  *name,
             const char  *first_key,
             const char  *first_value,
             const char  *second_key,
             const char  *second_value,
             GError     **error)
{
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = box_test_emulator_fienta_url (emu);

  g_hash_table_insert (credentials, (gpointer)first_key, (gpointer)first_value);
  if (second_key != NULL)
    g_hash_table_insert (credentials, (gpointer)second_key, (gpointer)second_value);

  box_desk_add_account_async (desk, "fienta", name, url, credentials, NULL, box_test_got_result, &result);
  return box_desk_add_account_finish (desk, box_test_wait (&result), error);
}

static void
add_key_account (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAccount) account = add_account (f->desk, NULL, "token", KEY, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (box_account_get_id (account), ==, "fienta");
}

static gboolean
sync_event (BoxDesk     *desk,
            gboolean     full,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  box_desk_sync_async (desk, "fienta", "10", full, NULL, box_test_got_result, &result);
  return box_desk_sync_finish (desk, box_test_wait (&result), error);
}

static BoxCheckin *
check_in (BoxDesk         *desk,
          const char      *code,
          BoxCheckinFlags  flags)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BoxCheckin *checkin;

  box_desk_check_in_async (desk, "fienta", "10", code, flags, NULL, NULL, box_test_got_result, &result);
  checkin = box_desk_check_in_finish (desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (checkin);
  return checkin;
}

static BoxCheckin *
undo (BoxDesk     *desk,
      const char  *code,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  box_desk_undo_async (desk, "fienta", "10", code, NULL, box_test_got_result, &result);
  return box_desk_undo_finish (desk, box_test_wait (&result), error);
}

static guint
count_attendees (BoxDesk *desk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = box_desk_list_attendees (desk, "fienta", "10", &error);

  g_assert_no_error (error);
  return attendees->len;
}

static guint
queue_length (BoxDesk *desk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = box_desk_list_queue (desk, &error);

  g_assert_no_error (error);
  return queue->len;
}

static BoxAccountState
account_state (BoxDesk *desk)
{
  g_autoptr(BoxAccount) account = box_desk_get_account (desk, "fienta", NULL);
  return box_account_get_state (account);
}

static void
synced (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  add_key_account (f);
  g_assert_true (sync_event (f->desk, FALSE, &error));
  g_assert_no_error (error);
}

/* Accounts ------------------------------------------------------------------------------ */

static void
test_add_with_key (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  add_key_account (f);

  accounts = box_desk_list_accounts (f->desk, &error);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_cmpint (box_account_get_state (g_ptr_array_index (accounts, 0)), ==, BOX_ACCOUNT_STATE_OK);

  /* Adding lists the events of both organisers the key may see (not organiser 9's). */
  events = box_desk_list_events (f->desk, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
}

static void
test_add_with_password (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(BoxAccount) second = NULL;

  account = add_account (f->desk, "Tallinn desk", "email", "organiser@example.com",
                         "password", "demo-password", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_account_get_id (account), ==, "tallinn-desk");
  g_assert_cmpstr (box_account_get_name (account), ==, "Tallinn desk");

  second = add_account (f->desk, "Tallinn desk", "email", "organiser@example.com",
                        "password", "demo-password", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_account_get_id (second), ==, "tallinn-desk-2");
}

static void
test_wrong_credentials (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  account = add_account (f->desk, NULL, "token", "0000", NULL, NULL, &error);
  g_assert_null (account);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "Settings > Integration"));
  g_clear_error (&error);

  account = add_account (f->desk, NULL, "email", "organiser@example.com", "password", "nope", &error);
  g_assert_null (account);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "e-mail address or password"));

  /* Nothing was kept of either. */
  accounts = box_desk_list_accounts (f->desk, NULL);
  g_assert_cmpuint (accounts->len, ==, 0);
}

static void
test_remove_account (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_autofree char *code = box_test_emulator_sample_code (emu, "UNUSED", 70);
  g_autoptr(BoxCheckin) queued = NULL;

  synced (f);

  /* Not while a check-in waits to be sent, unless asked to drop it. */
  box_test_emulator_fault (emu, "down", -1);
  queued = check_in (f->desk, code, BOX_CHECKIN_FLAGS_NONE);
  box_test_emulator_fault (emu, "none", 0);
  box_desk_remove_account_async (f->desk, "fienta", FALSE, NULL, box_test_got_result, &result);
  g_assert_false (box_desk_remove_account_finish (f->desk, box_test_wait (&result), &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "not sent yet"));
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (queue_length (f->desk), ==, 1);

  box_desk_remove_account_async (f->desk, "fienta", TRUE, NULL, box_test_got_result, &result);
  g_assert_true (box_desk_remove_account_finish (f->desk, box_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (queue_length (f->desk), ==, 0);

  events = box_desk_list_events (f->desk, &error);
  g_assert_cmpuint (events->len, ==, 0);
}

/* Sync ------------------------------------------------------------------------------------ */

static void
test_sync_full_and_incremental (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) touched = NULL;
  g_autoptr(JsonNode) log = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(BoxEventStats) stats = NULL;
  JsonArray *requests;
  const char *last_query;

  synced (f);
  /* All tickets of the big event, every status (refunded ones too, shown as such). */
  g_assert_cmpuint (count_attendees (f->desk), ==, ATTENDEES);

  hits = box_desk_search (f->desk, "fienta", "10", "muller", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);

  stats = box_desk_get_stats (f->desk, "fienta", "10", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (box_event_stats_get_total (stats), <, ATTENDEES);
  g_assert_cmpuint (box_event_stats_get_checked_in (stats), >, 0);

  /* Tickets changed at the provider arrive with the next (incremental) sync. */
  g_usleep (1100 * 1000);
  touched = box_test_emulator_post (emu, "/_control/touch", "{\"event_id\":10,\"count\":7}");
  g_assert_true (sync_event (f->desk, FALSE, &error));
  g_assert_no_error (error);

  log = box_test_emulator_get (emu, "/_control/requests");
  requests = json_node_get_array (log);
  last_query = json_object_get_string_member (json_array_get_object_element (requests, json_array_get_length (requests) - 1), "query");
  g_assert_nonnull (strstr (last_query, "updated_after="));
  g_assert_cmpuint (count_attendees (f->desk), ==, ATTENDEES);
}

static void
test_sync_malformed_keeps_list (Fixture       *f,
                                gconstpointer  data)
{
  const char *modes[] = { "invalid", "truncate" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;

  synced (f);
  before = box_desk_search (f->desk, "fienta", "10", "a", 20, &error);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GPtrArray) after = NULL;

      box_test_emulator_fault (emu, modes[i], -1);
      g_assert_false (sync_event (f->desk, TRUE, &error));
      g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "nothing was changed"));
      g_clear_error (&error);
      box_test_emulator_fault (emu, "none", 0);

      /* The list is as it was. */
      g_assert_cmpuint (count_attendees (f->desk), ==, ATTENDEES);
      after = box_desk_search (f->desk, "fienta", "10", "a", 20, &error);
      g_assert_cmpuint (after->len, ==, before->len);
      for (guint j = 0; j < after->len; j++)
        g_assert_cmpstr (box_attendee_get_name (g_ptr_array_index (after, j)), ==,
                         box_attendee_get_name (g_ptr_array_index (before, j)));
    }
}

static void
test_sync_faults (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_key_account (f);

  /* One 500 and one 429 are waited out; the sync succeeds. */
  box_test_emulator_fault (emu, "500", 1);
  g_assert_true (sync_event (f->desk, TRUE, &error));
  g_assert_no_error (error);
  box_test_emulator_fault (emu, "429", 1);
  g_assert_true (sync_event (f->desk, TRUE, &error));
  g_assert_no_error (error);

  /* Down for good: the sync fails, the account is marked offline, then recovers. */
  box_test_emulator_fault (emu, "down", -1);
  g_assert_false (sync_event (f->desk, TRUE, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_OFFLINE);
  g_clear_error (&error);
  g_assert_cmpint (account_state (f->desk), ==, BOX_ACCOUNT_STATE_OFFLINE);

  box_test_emulator_fault (emu, "none", 0);
  g_assert_true (sync_event (f->desk, FALSE, &error));
  g_assert_cmpint (account_state (f->desk), ==, BOX_ACCOUNT_STATE_OK);
  g_assert_cmpuint (count_attendees (f->desk), ==, ATTENDEES);
}

/* Check-in -------------------------------------------------------------------------------- */

static void
test_check_in_and_again (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *code = box_test_emulator_sample_code (emu, "UNUSED", 0);
  g_autofree char *lower = g_ascii_strdown (code, -1);
  g_autoptr(BoxCheckin) first = NULL;
  g_autoptr(BoxCheckin) second = NULL;
  g_autoptr(BoxCheckin) undone = NULL;
  g_autoptr(BoxCheckin) third = NULL;
  g_autoptr(GError) error = NULL;
  guint unused = 0;

  synced (f);

  /* A scanner may type lower case. */
  first = check_in (f->desk, lower, BOX_CHECKIN_FLAGS_NONE);
  g_assert_cmpint (box_checkin_get_result (first), ==, BOX_CHECKIN_RESULT_OK);
  g_assert_true (box_attendee_get_checked_in (box_checkin_get_attendee (first)));
  g_assert_cmpuint (box_test_emulator_used_count (emu, code, NULL), ==, 1);

  second = check_in (f->desk, code, BOX_CHECKIN_FLAGS_NONE);
  g_assert_cmpint (box_checkin_get_result (second), ==, BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN);
  g_assert_nonnull (strstr (box_checkin_get_message (second), "Already checked in at"));
  g_assert_cmpuint (box_test_emulator_used_count (emu, code, NULL), ==, 1);

  undone = undo (f->desk, code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (box_checkin_get_result (undone), ==, BOX_CHECKIN_RESULT_OK);
  g_assert_false (box_attendee_get_checked_in (box_checkin_get_attendee (undone)));
  box_test_emulator_used_count (emu, code, &unused);
  g_assert_cmpuint (unused, ==, 1);

  /* Undo of someone not checked in is an error that says so. */
  g_clear_object (&undone);
  undone = undo (f->desk, code, &error);
  g_assert_null (undone);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "not checked in"));

  third = check_in (f->desk, code, BOX_CHECKIN_FLAGS_NONE);
  g_assert_cmpint (box_checkin_get_result (third), ==, BOX_CHECKIN_RESULT_OK);
  g_assert_cmpuint (box_test_emulator_used_count (emu, code, NULL), ==, 2);
  g_assert_cmpuint (queue_length (f->desk), ==, 0);
}

static void
test_offline_queue_exactly_once (Fixture       *f,
                                 gconstpointer  data)
{
  const char *modes[] = { "down", "500", "drop", "truncate", "invalid" };

  synced (f);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *code = box_test_emulator_sample_code (emu, "UNUSED", 10 + i);
      g_autoptr(BoxCheckin) checkin = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = NULL;

      g_test_message ("fault %s", modes[i]);
      box_test_emulator_fault (emu, modes[i], -1);
      checkin = check_in (f->desk, code, BOX_CHECKIN_FLAGS_NONE);
      /* Recorded here and shown as checked in; sent later. */
      g_assert_cmpint (box_checkin_get_result (checkin), ==, BOX_CHECKIN_RESULT_QUEUED);
      g_assert_true (box_attendee_get_checked_in (box_checkin_get_attendee (checkin)));
      g_assert_nonnull (strstr (box_checkin_get_message (checkin), "will be sent"));
      g_assert_cmpuint (queue_length (f->desk), ==, 1);
      hits = box_desk_search (f->desk, "fienta", "10", code, 1, &error);
      g_assert_true (box_attendee_get_checked_in (g_ptr_array_index (hits, 0)));

      box_test_emulator_fault (emu, "none", 0);
      g_assert_true (sync_event (f->desk, FALSE, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (queue_length (f->desk), ==, 0);
      /* The provider has it exactly once, whether or not the first try reached it. */
      g_assert_cmpuint (box_test_emulator_used_count (emu, code, NULL), ==, 1);
    }
}

static void
test_undo_before_sent (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *code = box_test_emulator_sample_code (emu, "UNUSED", 20);
  g_autoptr(BoxCheckin) checkin = NULL;
  g_autoptr(BoxCheckin) undone = NULL;
  g_autoptr(GError) error = NULL;
  guint unused = 0;

  synced (f);
  box_test_emulator_fault (emu, "down", -1);
  checkin = check_in (f->desk, code, BOX_CHECKIN_FLAGS_NONE);
  g_assert_cmpint (box_checkin_get_result (checkin), ==, BOX_CHECKIN_RESULT_QUEUED);

  undone = undo (f->desk, code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (box_checkin_get_result (undone), ==, BOX_CHECKIN_RESULT_OK);
  g_assert_cmpuint (queue_length (f->desk), ==, 0);

  /* The provider never hears of either. */
  box_test_emulator_fault (emu, "none", 0);
  g_assert_true (sync_event (f->desk, FALSE, &error));
  g_assert_cmpuint (box_test_emulator_used_count (emu, code, &unused), ==, 0);
  g_assert_cmpuint (unused, ==, 0);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *refunded = box_test_emulator_sample_code (emu, "REFUNDED", 0);
  g_autofree char *pending = box_test_emulator_sample_code (emu, "PENDING", 0);
  g_autoptr(BoxCheckin) a = NULL;
  g_autoptr(BoxCheckin) b = NULL;
  g_autoptr(BoxCheckin) c = NULL;
  g_autoptr(BoxCheckin) d = NULL;
  g_autoptr(BoxCheckin) e = NULL;
  g_autoptr(BoxCheckin) again = NULL;

  synced (f);

  a = check_in (f->desk, refunded, BOX_CHECKIN_FLAGS_NONE);
  g_assert_cmpint (box_checkin_get_result (a), ==, BOX_CHECKIN_RESULT_UNPAID);
  /* Even forced, a refunded ticket does not enter. */
  b = check_in (f->desk, refunded, BOX_CHECKIN_FLAGS_FORCE);
  g_assert_cmpint (box_checkin_get_result (b), ==, BOX_CHECKIN_RESULT_UNPAID);
  g_assert_cmpuint (box_test_emulator_used_count (emu, refunded, NULL), ==, 0);

  c = check_in (f->desk, pending, BOX_CHECKIN_FLAGS_NONE);
  g_assert_cmpint (box_checkin_get_result (c), ==, BOX_CHECKIN_RESULT_UNPAID);
  g_assert_nonnull (strstr (box_checkin_get_message (c), "not paid"));

  d = check_in (f->desk, "NOSUCHCODE", BOX_CHECKIN_FLAGS_NONE);
  g_assert_cmpint (box_checkin_get_result (d), ==, BOX_CHECKIN_RESULT_UNKNOWN);
  g_assert_cmpuint (queue_length (f->desk), ==, 0);

  /* Let in unpaid at the desk, but Fienta refuses (409): the attendee is not left
   * checked in here, and the next scan says so again instead of "already in". */
  e = check_in (f->desk, pending, BOX_CHECKIN_FLAGS_IGNORE_UNPAID);
  g_assert_cmpint (box_checkin_get_result (e), ==, BOX_CHECKIN_RESULT_UNPAID);
  g_assert_false (box_attendee_get_checked_in (box_checkin_get_attendee (e)));
  g_assert_cmpuint (queue_length (f->desk), ==, 0);
  again = check_in (f->desk, pending, BOX_CHECKIN_FLAGS_NONE);
  g_assert_cmpint (box_checkin_get_result (again), ==, BOX_CHECKIN_RESULT_UNPAID);
}

static void
test_sold_since_sync (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxCheckin) checkin = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(JsonNode) sample = box_test_emulator_get (emu, "/_control/sample?event_id=11&n=1&status=UNUSED");
  const char *code = json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (sample), "tickets"), 0),
    "code");

  /* Event 11's list was never pulled: its ticket is checked online and then kept. */
  synced (f);
  box_desk_check_in_async (f->desk, "fienta", "11", code, BOX_CHECKIN_FLAGS_NONE, NULL, NULL,
                           box_test_got_result, &result);
  checkin = box_desk_check_in_finish (f->desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (box_checkin_get_result (checkin), ==, BOX_CHECKIN_RESULT_OK);
  g_assert_cmpuint (box_test_emulator_used_count (emu, code, NULL), ==, 1);

  attendees = box_desk_list_attendees (f->desk, "fienta", "11", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 1);
  g_assert_true (box_attendee_get_checked_in (g_ptr_array_index (attendees, 0)));
}

static void
test_other_event (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxCheckin) checkin = NULL;
  g_autofree char *code = box_test_emulator_sample_code (emu, "UNUSED", 60);

  synced (f);
  /* A ticket of event 10 scanned at event 11's desk (not in that list, so Fienta is
   * asked): refused as the wrong event, and not marked used. */
  box_desk_check_in_async (f->desk, "fienta", "11", code, BOX_CHECKIN_FLAGS_NONE, NULL, NULL,
                           box_test_got_result, &result);
  checkin = box_desk_check_in_finish (f->desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (box_checkin_get_result (checkin), ==, BOX_CHECKIN_RESULT_PRODUCT);
  g_assert_cmpuint (box_test_emulator_used_count (emu, code, NULL), ==, 0);
}

static void
test_checked_in_elsewhere (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *code = box_test_emulator_sample_code (emu, "UNUSED", 30);
  g_autofree char *json = g_strdup_printf ("{\"code\":\"%s\",\"status\":\"USED\"}", code);
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(BoxCheckin) checkin = NULL;

  synced (f);
  /* Another desk (Fienta's own app) checks the ticket in after our sync. */
  reply = box_test_emulator_post (emu, "/_control/ticket", json);

  checkin = check_in (f->desk, code, BOX_CHECKIN_FLAGS_NONE);
  g_assert_cmpint (box_checkin_get_result (checkin), ==, BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN);
  g_assert_true (box_attendee_get_checked_in (box_checkin_get_attendee (checkin)));
  g_assert_cmpuint (box_test_emulator_used_count (emu, code, NULL), ==, 0);
  g_assert_cmpuint (queue_length (f->desk), ==, 0);
}

static void
test_revoked_key (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(BoxCheckin) checkin = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *code = box_test_emulator_sample_code (emu, "UNUSED", 40);

  account = add_account (f->desk, NULL, "email", "organiser@example.com", "password", "demo-password", &error);
  g_assert_no_error (error);
  g_assert_true (sync_event (f->desk, FALSE, &error));

  /* The token stops working (revoked at the provider). */
  reply = box_test_emulator_post (emu, "/_control/fienta/revoke-tokens", "{}");

  checkin = check_in (f->desk, code, BOX_CHECKIN_FLAGS_NONE);
  g_assert_cmpint (box_checkin_get_result (checkin), ==, BOX_CHECKIN_RESULT_QUEUED);
  g_assert_nonnull (strstr (box_checkin_get_message (checkin), "sign in"));
  g_assert_cmpint (account_state (f->desk), ==, BOX_ACCOUNT_STATE_AUTH_NEEDED);

  g_assert_false (sync_event (f->desk, FALSE, &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_assert_cmpuint (queue_length (f->desk), ==, 1);
  g_clear_error (&error);

  /* Signing the same account in again keeps it, its events and its queue: the waiting
   * check-in goes out with the next sync, once. */
  {
    g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(BoxAccount) again = NULL;
    g_autoptr(GPtrArray) accounts = NULL;

    g_hash_table_insert (credentials, "email", "organiser@example.com");
    g_hash_table_insert (credentials, "password", "demo-password");
    box_desk_reconnect_account_async (f->desk, box_account_get_id (account), credentials, NULL,
                                      box_test_got_result, &result);
    again = box_desk_add_account_finish (f->desk, box_test_wait (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (box_account_get_id (again), ==, box_account_get_id (account));
    accounts = box_desk_list_accounts (f->desk, NULL);
    g_assert_cmpuint (accounts->len, ==, 1);
    g_assert_cmpint (account_state (f->desk), ==, BOX_ACCOUNT_STATE_OK);
  }
  g_assert_true (sync_event (f->desk, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (queue_length (f->desk), ==, 0);
  g_assert_cmpuint (box_test_emulator_used_count (emu, code, NULL), ==, 1);
}

/* Secrets stay in the keyring ------------------------------------------------------------- */

static GString *captured_log;
static GMutex captured_lock;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  /* Debug output only of the domains G_MESSAGES_DEBUG names (set in main()). */
  if (g_log_writer_default_would_drop (log_level, NULL))
    {
      const char *domain = NULL;
      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
          domain = fields[i].value;
      if (g_log_writer_default_would_drop (log_level, domain))
        return G_LOG_WRITER_HANDLED;
    }

  /* Messages come from worker threads too. */
  g_mutex_lock (&captured_lock);
  if (captured_log != NULL)
    {
      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
          g_string_append_printf (captured_log, "%s\n", (const char *)fields[i].value);
      g_mutex_unlock (&captured_lock);
      return G_LOG_WRITER_HANDLED;
    }
  g_mutex_unlock (&captured_lock);
  /* Outside the capture, debug lines would only bury a failure's reason in the test log. */
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static gboolean
tree_contains (const char *path,
               const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, NULL))
        return FALSE;
      return g_strstr_len (contents, len, needle) != NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (tree_contains (child, needle))
        return TRUE;
    }
  return FALSE;
}

static void
test_no_secret_outside_keyring (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autofree char *code = box_test_emulator_sample_code (emu, "UNUSED", 50);
  g_autoptr(BoxCheckin) checkin = NULL;

  g_mutex_lock (&captured_lock);
  captured_log = g_string_new (NULL);
  g_mutex_unlock (&captured_lock);
  g_log ("box-desk", G_LOG_LEVEL_DEBUG, "capture check");

  add_key_account (f);
  account = add_account (f->desk, "Password", "email", "organiser@example.com", "password", "demo-password", &error);
  g_assert_no_error (error);
  g_assert_true (sync_event (f->desk, TRUE, &error));
  box_test_emulator_fault (emu, "down", 1);
  checkin = check_in (f->desk, code, BOX_CHECKIN_FLAGS_NONE);
  g_assert_true (sync_event (f->desk, FALSE, &error));


  /* Not in the database, its WAL, or anything else in the profile... */
  g_assert_false (tree_contains (f->profile, KEY));
  g_assert_false (tree_contains (f->profile, "demo-password"));
  /* ...nor in anything logged. */
  g_mutex_lock (&captured_lock);
  /* The capture works: a message of one of our domains is in it. */
  g_assert_nonnull (strstr (captured_log->str, "capture check"));
  g_assert_false (strstr (captured_log->str, KEY) != NULL);
  g_assert_false (strstr (captured_log->str, "demo-password") != NULL);
  g_string_free (g_steal_pointer (&captured_log), TRUE);
  g_mutex_unlock (&captured_lock);
}

static void
test_profile_is_private (Fixture       *f,
                         gconstpointer  data)
{
  GStatBuf st;
  g_autofree char *db = g_build_filename (f->profile, "boxoffice.db", NULL);

  synced (f);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* Self-service ---------------------------------------------------------------------------- */

static void
set_ticket (const char *code,
            const char *email,
            const char *last_name)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"email\":\"%s\",\"last_name\":\"%s\"}",
                                           code, email, last_name);
  g_autoptr(JsonNode) reply = box_test_emulator_post (emu, "/_control/ticket", body);

  g_assert_nonnull (reply);
}

static void
assert_finds_nobody (BoxDesk    *desk,
                     const char *code,
                     const char *email,
                     const char *start,
                     int         error_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAttendee) a = box_desk_find_one (desk, "fienta", "10", code, email, start, &error);

  g_assert_null (a);
  g_assert_error (error, BOX_ERROR, error_code);
}

/* A kiosk shows someone only for an exact ticket code, or the exact e-mail with the
 * start of the last name; two people are as good as nobody. */
static void
test_find_one (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *first = box_test_emulator_sample_code (emu, "UNUSED", 0);
  g_autofree char *second = box_test_emulator_sample_code (emu, "UNUSED", 1);
  g_autofree char *lower = g_ascii_strdown (first, -1);
  g_autofree char *padded = g_strdup_printf ("  %s\n", first);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) nobody = NULL;
  g_autoptr(BoxAttendee) found = NULL;

  set_ticket (first, "Family@Example.org", "Müller");
  set_ticket (second, "family@example.org", "Mürk");
  synced (f);

  /* The code, in any case, with what a scanner adds around it. */
  found = box_desk_find_one (f->desk, "fienta", "10", lower, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_attendee_get_code (found), ==, first);
  g_clear_object (&found);
  found = box_desk_find_one (f->desk, "fienta", "10", padded, "ignored@example.org", "x", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_attendee_get_code (found), ==, first);
  g_clear_object (&found);
  assert_finds_nobody (f->desk, "NO-SUCH-CODE", NULL, NULL, BOX_ERROR_NOT_FOUND);

  /* Too little to go on is said as such. */
  assert_finds_nobody (f->desk, NULL, "family@example.org", NULL, BOX_ERROR_INVALID_INPUT);
  assert_finds_nobody (f->desk, NULL, "family@example.org", "M", BOX_ERROR_INVALID_INPUT);
  assert_finds_nobody (f->desk, "", "not an address", "Mu", BOX_ERROR_INVALID_INPUT);

  /* Two on the e-mail, both "Mü...": nobody, in the very words used for nobody. */
  found = box_desk_find_one (f->desk, "fienta", "10", NULL, "family@example.org", "mü", &error);
  g_assert_null (found);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_NOT_FOUND);
  found = box_desk_find_one (f->desk, "fienta", "10", NULL, "nobody@example.org", "mü", &nobody);
  g_assert_null (found);
  g_assert_cmpstr (error->message, ==, nobody->message);
  g_clear_error (&error);

  /* One more letter tells them apart, with or without the accent, in any case. */
  found = box_desk_find_one (f->desk, "fienta", "10", NULL, "FAMILY@example.org", "MUL", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_attendee_get_code (found), ==, first);
  g_clear_object (&found);
  found = box_desk_find_one (f->desk, "fienta", "10", NULL, " family@example.org ", "mür", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_attendee_get_code (found), ==, second);
  g_clear_object (&found);

  /* The start of the name, not any part of it. */
  assert_finds_nobody (f->desk, NULL, "family@example.org", "ller", BOX_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Box Office's own debug messages, for the test that no secret is ever logged. Set
   * before any thread starts: setenv() is not thread-safe. */
  g_setenv ("G_MESSAGES_DEBUG",
            "box-desk box-http box-store box-sync box-fienta box-secrets box-provider", TRUE);
  g_test_init (&argc, &argv, NULL);
  box_providers_init ();

  if (!box_test_have_secret_service ())
    {
      g_printerr ("No Secret Service: run this test through tests/with-keyring.sh\n");
      return 1;
    }

  g_log_set_writer_func (capture_writer, NULL, NULL);
  captured_log = NULL;
  emu = box_test_emulator_start (ATTENDEES, NULL);

#define ADD(path, func) g_test_add ("/desk/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("add-with-key", test_add_with_key);
  ADD ("add-with-password", test_add_with_password);
  ADD ("wrong-credentials", test_wrong_credentials);
  ADD ("remove-account", test_remove_account);
  ADD ("sync-full-and-incremental", test_sync_full_and_incremental);
  ADD ("sync-malformed-keeps-list", test_sync_malformed_keeps_list);
  ADD ("sync-faults", test_sync_faults);
  ADD ("check-in-and-again", test_check_in_and_again);
  ADD ("offline-queue-exactly-once", test_offline_queue_exactly_once);
  ADD ("undo-before-sent", test_undo_before_sent);
  ADD ("refusals", test_refusals);
  ADD ("checked-in-elsewhere", test_checked_in_elsewhere);
  ADD ("other-event", test_other_event);
  ADD ("sold-since-sync", test_sold_since_sync);
  ADD ("revoked-key", test_revoked_key);
  ADD ("no-secret-outside-keyring", test_no_secret_outside_keyring);
  ADD ("profile-is-private", test_profile_is_private);
  ADD ("find-one", test_find_one);
#undef ADD

  ret = g_test_run ();

  g_clear_pointer (&emu, box_test_emulator_stop);
  box_test_cleanup ();
  return ret;
}
