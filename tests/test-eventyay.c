/* test-eventyay.c: BoxDesk and the Eventyay (pretixdroid API v3) provider against the
 * emulator: setup, sync, check-in decisions, questions, unpaid, offline replay exactly
 * once, and two desks checking in the same ticket
 *
 * Runs inside tests/with-keyring.sh: accounts keep their keys in a real Secret Service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-desk.h"
#include "box-error.h"
#include "box-event.h"
#include "box-event-stats.h"
#include "box-providers.h"
#include "box-question.h"
#include "box-test-util.h"

#define ATTENDEES 200

static BoxTestEmulator *emu;

/* The device setup of an event, as its QR code says it. */
static char *
setup_for (const char *event)
{
  g_autofree char *path = g_strdup_printf ("/_control/eventyay/setup?event=%s&prefix=eventyaydroid", event);
  g_autoptr(JsonNode) reply = box_test_emulator_get (emu, path);

  g_assert_nonnull (reply);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply));
  return json_to_string (reply, FALSE);
}

static BoxAccount *
add_account (BoxDesk     *desk,
             const char  *setup,
             GError     **error)
{
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;

  g_hash_table_insert (credentials, "config", (gpointer)setup);
  box_desk_add_account_async (desk, "eventyay", NULL, NULL, credentials, NULL, box_test_got_result,
                              &result);
  return box_desk_add_account_finish (desk, box_test_wait (&result), error);
}

static BoxDesk *
desk_with_event (const char *event,
                 char      **account_id)
{
  g_autofree char *profile = box_test_make_dir ("profile");
  g_autofree char *setup = setup_for (event);
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  BoxDesk *desk = box_desk_new (profile, &error);

  g_assert_no_error (error);
  account = add_account (desk, setup, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_account_get_provider (account), ==, "eventyay");
  *account_id = g_strdup (box_account_get_id (account));

  box_desk_sync_async (desk, *account_id, NULL, TRUE, NULL, box_test_got_result, &result);
  box_desk_sync_finish (desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  return desk;
}

static BoxCheckin *
check_in (BoxDesk         *desk,
          const char      *account_id,
          const char      *event,
          const char      *code,
          BoxCheckinFlags  flags,
          GHashTable      *answers)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BoxCheckin *checkin;

  box_desk_check_in_async (desk, account_id, event, code, flags, answers, NULL, box_test_got_result,
                           &result);
  checkin = box_desk_check_in_finish (desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (checkin);
  return checkin;
}

static void
sync_all (BoxDesk *desk)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  box_desk_sync_async (desk, NULL, NULL, FALSE, NULL, box_test_got_result, &result);
  box_desk_sync_finish (desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
}

/* A ticket of @event in @state (paid, pending, canceled, questions, ...). */
static char *
sample_secret (const char *event,
               const char *state,
               guint       index)
{
  g_autofree char *path = g_strdup_printf ("/_control/eventyay/sample?event=%s&n=%u&state=%s", event,
                                           index + 1, state);
  g_autoptr(JsonNode) reply = box_test_emulator_get (emu, path);
  JsonArray *tickets = json_object_get_array_member (json_node_get_object (reply), "tickets");

  g_assert_cmpuint (json_array_get_length (tickets), >, index);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (tickets, index), "secret"));
}

/* How many check-ins the server holds for @secret. */
static guint
server_checkins (const char *event,
                 const char *secret)
{
  g_autofree char *path = g_strdup_printf ("/_control/eventyay/checkins?event=%s&secret=%s", event, secret);
  g_autoptr(JsonNode) reply = box_test_emulator_get (emu, path);

  return json_object_get_int_member (json_node_get_object (reply), "checkins");
}

static void
test_setup_and_sync (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with_event ("democon", &account_id);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;
  BoxEvent *event;

  events = box_desk_list_events (desk, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (box_event_get_id (event), ==, "democon");
  g_assert_cmpstr (box_event_get_name (event), ==, "Demo Conference");

  attendees = box_desk_list_attendees (desk, account_id, "democon", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, >, 0);
}

static void
test_bad_setups (void)
{
  g_autofree char *profile = box_test_make_dir ("profile");
  g_autofree char *setup = setup_for ("democon");
  g_autoptr(BoxDesk) desk = box_desk_new (profile, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(JsonNode) node = json_from_string (setup, NULL);
  JsonObject *object = json_node_get_object (node);
  g_autofree char *newer = NULL;
  g_autofree char *wrong_key = NULL;

  json_object_set_int_member (object, "version", 4);
  newer = json_to_string (node, FALSE);
  account = add_account (desk, newer, &error);
  g_assert_null (account);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "4"));
  g_clear_error (&error);

  json_object_set_int_member (object, "version", 3);
  json_object_set_string_member (object, "key", "WRONGKEYWRONGKEYWRONGKEYWRONGKEY");
  wrong_key = json_to_string (node, FALSE);
  account = add_account (desk, wrong_key, &error);
  g_assert_null (account);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);

  account = add_account (desk, "not a setup", &error);
  g_assert_null (account);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
}

static void
test_check_in_paid (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with_event ("democon", &account_id);
  g_autofree char *secret = sample_secret ("democon", "paid", 0);
  g_autoptr(BoxCheckin) first = NULL;
  g_autoptr(BoxCheckin) second = NULL;

  first = check_in (desk, account_id, "democon", secret, 0, NULL);
  g_assert_cmpint (box_checkin_get_result (first), ==, BOX_CHECKIN_RESULT_OK);
  g_assert_cmpuint (server_checkins ("democon", secret), ==, 1);

  second = check_in (desk, account_id, "democon", secret, 0, NULL);
  g_assert_cmpint (box_checkin_get_result (second), ==, BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN);
  g_assert_cmpuint (server_checkins ("democon", secret), ==, 1);
}

static void
test_unpaid (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with_event ("democon", &account_id);
  g_autofree char *pending = sample_secret ("democon", "pending", 0);
  g_autoptr(BoxCheckin) refused = NULL;
  g_autoptr(BoxCheckin) accepted = NULL;

  refused = check_in (desk, account_id, "democon", pending, 0, NULL);
  g_assert_cmpint (box_checkin_get_result (refused), ==, BOX_CHECKIN_RESULT_UNPAID);
  g_assert_cmpuint (server_checkins ("democon", pending), ==, 0);

  /* The person at the desk accepts it. */
  accepted = check_in (desk, account_id, "democon", pending, BOX_CHECKIN_FLAGS_IGNORE_UNPAID, NULL);
  g_assert_cmpint (box_checkin_get_result (accepted), ==, BOX_CHECKIN_RESULT_OK);
  g_assert_cmpuint (server_checkins ("democon", pending), ==, 1);
}

/* A value a person would give for @question. */
static const char *
answer_for (BoxQuestion *question)
{
  const char *type = box_question_get_question_type (question);

  switch (type[0])
    {
    case 'N': return "42";
    case 'S': return "Tallinn";
    case 'T': return "Line one\nLine two";
    case 'B': return "yes";
    case 'C':
    case 'M': return box_question_get_option_id (question, 0);
    case 'D': return "2026-11-23";
    case 'H': return "09:30";
    case 'W': return "2026-11-23T09:30";
    default: return NULL;
    }
}

static void
test_questions (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with_event ("tinycon", &account_id);
  g_autofree char *secret = sample_secret ("tinycon", "questions", 0);
  g_autoptr(BoxCheckin) asked = NULL;
  g_autoptr(BoxCheckin) answered = NULL;
  g_autoptr(GHashTable) answers = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *questions;
  gboolean has_file = FALSE;

  asked = check_in (desk, account_id, "tinycon", secret, 0, NULL);
  g_assert_cmpint (box_checkin_get_result (asked), ==, BOX_CHECKIN_RESULT_QUESTIONS);
  questions = box_checkin_get_questions (asked);
  g_assert_nonnull (questions);
  g_assert_cmpuint (questions->len, >, 0);
  g_assert_cmpuint (server_checkins ("tinycon", secret), ==, 0);

  for (guint i = 0; i < questions->len; i++)
    {
      BoxQuestion *q = g_ptr_array_index (questions, i);
      const char *value = answer_for (q);

      if (value != NULL)
        g_hash_table_insert (answers, (gpointer)box_question_get_id (q), (gpointer)value);
      else
        has_file = TRUE;
    }

  answered = check_in (desk, account_id, "tinycon", secret,
                       has_file ? BOX_CHECKIN_FLAGS_FORCE : 0, answers);
  g_assert_cmpint (box_checkin_get_result (answered), ==, BOX_CHECKIN_RESULT_OK);
  g_assert_cmpuint (server_checkins ("tinycon", secret), ==, 1);
}

/* Made offline, sent when the server is back: exactly one check-in, however often the
 * desk syncs. */
static void
test_offline_replay_once (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with_event ("democon", &account_id);
  g_autofree char *secret = sample_secret ("democon", "paid", 1);
  g_autoptr(BoxCheckin) queued = NULL;
  g_autoptr(GPtrArray) queue = NULL;

  box_test_emulator_fault (emu, "down", -1);
  queued = check_in (desk, account_id, "democon", secret, 0, NULL);
  g_assert_cmpint (box_checkin_get_result (queued), ==, BOX_CHECKIN_RESULT_QUEUED);
  box_test_emulator_fault (emu, "none", 0);

  sync_all (desk);
  sync_all (desk);
  g_assert_cmpuint (server_checkins ("democon", secret), ==, 1);
  queue = box_desk_list_queue (desk, NULL);
  g_assert_cmpuint (queue->len, ==, 0);
}

/* Two desks let the same person in while offline: the server counts one check-in, and
 * the desk that sends later learns it was already checked in. */
static void
test_two_desks_offline (void)
{
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autoptr(BoxDesk) a = desk_with_event ("democon", &id_a);
  g_autoptr(BoxDesk) b = desk_with_event ("democon", &id_b);
  g_autofree char *secret = sample_secret ("democon", "paid", 2);
  g_autoptr(BoxCheckin) at_a = NULL;
  g_autoptr(BoxCheckin) at_b = NULL;
  g_autoptr(BoxAttendee) seen_by_b = NULL;
  g_autoptr(GPtrArray) recent = NULL;

  box_test_emulator_fault (emu, "down", -1);
  at_a = check_in (a, id_a, "democon", secret, 0, NULL);
  at_b = check_in (b, id_b, "democon", secret, 0, NULL);
  g_assert_cmpint (box_checkin_get_result (at_a), ==, BOX_CHECKIN_RESULT_QUEUED);
  g_assert_cmpint (box_checkin_get_result (at_b), ==, BOX_CHECKIN_RESULT_QUEUED);
  box_test_emulator_fault (emu, "none", 0);

  sync_all (a);
  sync_all (b);
  g_assert_cmpuint (server_checkins ("democon", secret), ==, 1);

  /* Desk B's record says the server refused it as already checked in, and the attendee
   * still counts as in (by desk A). */
  recent = box_desk_list_recent_checkins (b, id_b, "democon", 1, NULL);
  g_assert_cmpuint (recent->len, ==, 1);
  g_assert_cmpint (box_checkin_get_result (g_ptr_array_index (recent, 0)), ==,
                   BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN);
  seen_by_b = box_desk_get_attendee (b, id_b, "democon", secret, NULL);
  g_assert_true (box_attendee_get_checked_in (seen_by_b));
}

static void
test_stats_match_status (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with_event ("democon", &account_id);
  g_autoptr(BoxEventStats) stats = box_desk_get_stats (desk, account_id, "democon", NULL);
  g_autofree char *setup = setup_for ("democon");
  g_autoptr(JsonNode) config = json_from_string (setup, NULL);
  const char *url = json_object_get_string_member (json_node_get_object (config), "url");
  const char *key = json_object_get_string_member (json_node_get_object (config), "key");
  g_autofree char *path = g_strdup_printf ("%sstatus/?key=%s", strstr (url + strlen ("http://"), "/"), key);
  g_autoptr(JsonNode) status = box_test_emulator_get (emu, path);
  JsonObject *object = json_node_get_object (status);

  g_assert_cmpuint (box_event_stats_get_checked_in (stats), ==,
                    json_object_get_int_member (object, "checkins"));
}

/* Set up but not synced: the server's own search finds people, and keeps them here. */
static void
test_remote_search (void)
{
  g_autofree char *profile = box_test_make_dir ("profile");
  g_autofree char *setup = setup_for ("democon");
  g_autoptr(BoxDesk) desk = box_desk_new (profile, NULL);
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) short_result = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) nothing = NULL;
  g_autoptr(GPtrArray) local = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) sample = box_test_emulator_get (emu, "/_control/eventyay/sample?event=democon&state=paid&n=1");
  JsonObject *ticket = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (sample), "tickets"), 0);
  const char *secret = json_object_get_string_member (ticket, "secret");
  g_autofree char *prefix = g_strndup (secret, 6);
  gboolean seen = FALSE;

  account = add_account (desk, setup, &error);
  g_assert_no_error (error);

  box_desk_search_remote_async (desk, box_account_get_id (account), "democon", prefix, NULL,
                                box_test_got_result, &result);
  found = box_desk_search_remote_finish (desk, box_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >=, 1);
  g_assert_cmpuint (found->len, <=, 25);
  for (guint i = 0; i < found->len; i++)
    seen |= g_strcmp0 (box_attendee_get_code (g_ptr_array_index (found, i)), secret) == 0;
  g_assert_true (seen);

  /* Fewer than 4 characters: the server answers nothing, so nobody is asked. */
  box_desk_search_remote_async (desk, box_account_get_id (account), "democon", "ab", NULL,
                                box_test_got_result, &short_result);
  nothing = box_desk_search_remote_finish (desk, box_test_wait (&short_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nothing->len, ==, 0);

  local = box_desk_search (desk, box_account_get_id (account), "democon", secret, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (local->len, ==, 1);
}

/* Offline, the desk asks the questions it downloaded, keeps the answers with the queued
 * check-in, and sends them when the server is back. */
static void
test_offline_questions (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with_event ("tinycon", &account_id);
  g_autofree char *secret = sample_secret ("tinycon", "questions", 1);
  g_autoptr(BoxCheckin) asked = NULL;
  g_autoptr(BoxCheckin) queued = NULL;
  g_autoptr(GHashTable) answers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) reply = NULL;
  JsonObject *stored;
  GPtrArray *questions;
  gboolean has_file = FALSE;
  guint n_answered = 0;

  /* A sync while the server is down tells the desk it is offline. */
  box_test_emulator_fault (emu, "down", -1);
  box_desk_sync_async (desk, NULL, NULL, FALSE, NULL, box_test_got_result, &result);
  g_assert_false (box_desk_sync_finish (desk, box_test_wait (&result), NULL));

  asked = check_in (desk, account_id, "tinycon", secret, 0, NULL);
  g_assert_cmpint (box_checkin_get_result (asked), ==, BOX_CHECKIN_RESULT_QUESTIONS);
  questions = box_checkin_get_questions (asked);
  g_assert_cmpuint (questions->len, >, 0);

  for (guint i = 0; i < questions->len; i++)
    {
      BoxQuestion *q = g_ptr_array_index (questions, i);
      const char *value = answer_for (q);

      if (value == NULL)
        has_file = TRUE;
      else
        {
          g_hash_table_insert (answers, (gpointer)box_question_get_id (q), (gpointer)value);
          n_answered++;
        }
    }

  queued = check_in (desk, account_id, "tinycon", secret, has_file ? BOX_CHECKIN_FLAGS_FORCE : 0,
                     answers);
  g_assert_cmpint (box_checkin_get_result (queued), ==, BOX_CHECKIN_RESULT_QUEUED);

  box_test_emulator_fault (emu, "none", 0);
  sync_all (desk);
  g_assert_cmpuint (server_checkins ("tinycon", secret), ==, 1);

  path = g_strdup_printf ("/_control/eventyay/checkins?event=tinycon&secret=%s", secret);
  reply = box_test_emulator_get (emu, path);
  stored = json_object_get_object_member (json_node_get_object (reply), "answers");
  g_assert_nonnull (stored);
  g_assert_cmpuint (json_object_get_size (stored), >=, n_answered);
}

/* A check-in the desk queued (the server was down) is sent at once when it is back,
 * and not held back for questions nobody is there to answer. */
static void
test_queued_not_held_for_questions (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = desk_with_event ("tinycon", &account_id);
  g_autofree char *secret = sample_secret ("tinycon", "questions", 2);
  g_autoptr(BoxCheckin) queued = NULL;
  g_autoptr(GPtrArray) queue = NULL;

  box_test_emulator_fault (emu, "down", -1);
  queued = check_in (desk, account_id, "tinycon", secret, 0, NULL);
  g_assert_cmpint (box_checkin_get_result (queued), ==, BOX_CHECKIN_RESULT_QUEUED);
  box_test_emulator_fault (emu, "none", 0);

  sync_all (desk);
  g_assert_cmpuint (server_checkins ("tinycon", secret), ==, 1);
  queue = box_desk_list_queue (desk, NULL);
  g_assert_cmpuint (queue->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  box_providers_init ();

  if (!box_test_have_secret_service ())
    {
      g_test_skip ("No Secret Service: run through tests/with-keyring.sh");
      return g_test_run ();
    }

  emu = box_test_emulator_start (ATTENDEES, NULL);

  g_test_add_func ("/eventyay/setup-and-sync", test_setup_and_sync);
  g_test_add_func ("/eventyay/bad-setups", test_bad_setups);
  g_test_add_func ("/eventyay/check-in-paid", test_check_in_paid);
  g_test_add_func ("/eventyay/unpaid", test_unpaid);
  g_test_add_func ("/eventyay/questions", test_questions);
  g_test_add_func ("/eventyay/offline-replay-once", test_offline_replay_once);
  g_test_add_func ("/eventyay/two-desks-offline", test_two_desks_offline);
  g_test_add_func ("/eventyay/stats-match-status", test_stats_match_status);
  g_test_add_func ("/eventyay/remote-search", test_remote_search);
  g_test_add_func ("/eventyay/offline-questions", test_offline_questions);
  g_test_add_func ("/eventyay/queued-not-held-for-questions", test_queued_not_held_for_questions);

  status = g_test_run ();
  box_test_emulator_stop (emu);
  box_test_cleanup ();
  return status;
}
