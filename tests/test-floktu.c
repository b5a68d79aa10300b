/* test-floktu.c: BoxDesk and the Floktu (API v2) provider against the emulator: signing
 * in with a token, every kind of order, check-ins kept on this computer, 5,000 orders
 * with at most six requests at a time, syncs that fetch only new orders, a revoked
 * token, failures on one order, and cancelling midway
 *
 * Runs inside tests/with-keyring.sh: accounts keep their tokens in a real Secret Service.
 * The browser part of OAuth is the desk's (BoxOAuth): here the account is added with a
 * token minted by the emulator, which the desk hands to the provider's sign-in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-desk.h"
#include "box-error.h"
#include "box-event.h"
#include "box-floktu.h"
#include "box-floktu-parser.h"
#include "box-http.h"
#include "box-providers.h"
#include "box-secrets.h"
#include "box-test-util.h"

#define SMALL "101"
#define EMPTY "102"
#define BIG "103"
#define SMALL_ATTENDEES 33
#define BIG_ORDERS 5000
#define CLIENT_ID "floktu-demo-client"
#define CLIENT_SECRET "floktu-demo-secret"

static BoxTestEmulator *emu;

/* The emulator ------------------------------------------------------------------------------ */

static char *
api_url (void)
{
  return g_strdup_printf ("%s/floktu/api/v2", emu->url);
}

static char *
mint_token (void)
{
  g_autoptr(JsonNode) reply = box_test_emulator_post (emu, "/_control/floktu/token", "{}");

  return g_strdup (json_object_get_string_member (json_node_get_object (reply), "access_token"));
}

static gint64
count (const char *name)
{
  g_autoptr(JsonNode) reply = box_test_emulator_get (emu, "/_control/floktu/counts");

  return json_object_get_int_member (json_node_get_object (reply), name);
}

/* Clears the request log, the fault and the counts; the data stays. */
static void
clear_log (void)
{
  g_autoptr(JsonNode) reset = box_test_emulator_post (emu, "/_control/reset", "{}");
  g_autoptr(JsonNode) counts = box_test_emulator_post (emu, "/_control/floktu/counts", "{}");

  g_assert_nonnull (reset);
  g_assert_nonnull (counts);
  box_test_emulator_fault (emu, "none", 0);
}

/* The data as generated, the big event with @orders orders. */
static void
reset_data (guint orders)
{
  g_autofree char *body = g_strdup_printf ("{\"orders\":%u}", orders);
  g_autoptr(JsonNode) reset = box_test_emulator_post (emu, "/_control/floktu/reset", "{}");
  g_autoptr(JsonNode) sample = box_test_emulator_post (emu, "/_control/floktu/sample", body);

  g_assert_nonnull (reset);
  g_assert_nonnull (sample);
  clear_log ();
}

static void
set_latency (guint ms)
{
  g_autofree char *body = g_strdup_printf ("{\"ms\":%u}", ms);
  g_autoptr(JsonNode) reply = box_test_emulator_post (emu, "/_control/latency", body);

  g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply), "ms"), ==, ms);
}

static guint
emulator_attendees (const char *event_id)
{
  g_autoptr(JsonNode) events = box_test_emulator_get (emu, "/_control/floktu/events");
  JsonArray *array = json_node_get_array (events);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *e = json_array_get_object_element (array, i);

      if (json_object_get_int_member (e, "event") == g_ascii_strtoll (event_id, NULL, 10))
        return json_object_get_int_member (e, "attendees");
    }
  g_assert_not_reached ();
}

/* A fault on requests whose path contains @path only. */
static void
fault_on (const char *mode,
          int         n,
          const char *path)
{
  g_autofree char *json = g_strdup_printf ("{\"mode\":\"%s\",\"count\":%d,\"path\":\"%s\"}", mode, n, path);
  g_autoptr(JsonNode) reply = box_test_emulator_post (emu, "/_control/fault", json);

  g_assert_nonnull (reply);
}

/* How many logged requests have @method and a path containing @path. */
static guint
logged (const char *method,
        const char *path)
{
  g_autoptr(JsonNode) log = box_test_emulator_get (emu, "/_control/requests");
  JsonArray *requests = json_node_get_array (log);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *r = json_array_get_object_element (requests, i);

      if ((method == NULL || g_str_equal (json_object_get_string_member (r, "method"), method)) &&
          strstr (json_object_get_string_member (r, "path"), path) != NULL)
        n++;
    }
  return n;
}

/* The desk ---------------------------------------------------------------------------------- */

static BoxAccount *
add_account (BoxDesk     *desk,
             const char  *token,
             GError     **error)
{
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = api_url ();

  g_hash_table_insert (credentials, "client_id", CLIENT_ID);
  g_hash_table_insert (credentials, "client_secret", CLIENT_SECRET);
  g_hash_table_insert (credentials, "access_token", (gpointer)token);
  box_desk_add_account_async (desk, "floktu", NULL, url, credentials, NULL, box_test_got_result, &result);
  return box_desk_add_account_finish (desk, box_test_wait (&result), error);
}

/* A desk with one Floktu account (its token in @token, when asked for). */
static BoxDesk *
new_desk (char **account_id,
          char **token)
{
  g_autofree char *profile = box_test_make_dir ("floktu");
  g_autofree char *minted = mint_token ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAccount) account = NULL;
  BoxDesk *desk = box_desk_new (profile, &error);

  g_assert_no_error (error);
  account = add_account (desk, minted, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (box_account_get_provider (account), ==, "floktu");
  *account_id = g_strdup (box_account_get_id (account));
  if (token != NULL)
    *token = g_steal_pointer (&minted);
  return desk;
}

static gboolean
sync_event (BoxDesk      *desk,
            const char   *account_id,
            const char   *event_id,
            gboolean      full,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  box_desk_sync_async (desk, account_id, event_id, full, cancellable, box_test_got_result, &result);
  return box_desk_sync_finish (desk, box_test_wait (&result), error);
}

static void
sync_ok (BoxDesk    *desk,
         const char *account_id,
         const char *event_id,
         gboolean    full)
{
  g_autoptr(GError) error = NULL;

  sync_event (desk, account_id, event_id, full, NULL, &error);
  g_assert_no_error (error);
}

static guint
count_attendees (BoxDesk    *desk,
                 const char *account_id,
                 const char *event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = box_desk_list_attendees (desk, account_id, event_id, &error);

  g_assert_no_error (error);
  return attendees->len;
}

static BoxAttendee *
attendee (BoxDesk    *desk,
          const char *account_id,
          const char *code)
{
  g_autoptr(GError) error = NULL;
  BoxAttendee *a = box_desk_get_attendee (desk, account_id, SMALL, code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  return a;
}

static char *
detail (BoxAttendee *a,
        const char  *key)
{
  g_autoptr(JsonNode) node = json_from_string (box_attendee_get_details (a), NULL);

  g_assert_nonnull (node);
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (node), key, NULL));
}

static BoxAccountState
account_state (BoxDesk    *desk,
               const char *account_id)
{
  g_autoptr(BoxAccount) account = box_desk_get_account (desk, account_id, NULL);

  g_assert_nonnull (account);
  return box_account_get_state (account);
}

static char *
keyring_secret (BoxDesk    *desk,
                const char *account_id)
{
  g_autoptr(BoxSecrets) secrets = box_secrets_new (box_desk_get_profile_dir (desk));
  g_autoptr(GAsyncResult) result = NULL;

  box_secrets_lookup_async (secrets, account_id, NULL, box_test_got_result, &result);
  return box_secrets_lookup_finish (secrets, box_test_wait (&result), NULL);
}

/* Whether any file below @dir contains @needle. */
static gboolean
dir_contains (const char *dir,
              const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (dir_contains (path, needle))
            return TRUE;
          continue;
        }
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      if (g_strstr_len (data, len, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static BoxCheckin *
check_in (BoxDesk    *desk,
          const char *account_id,
          const char *code,
          gboolean    undo)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BoxCheckin *checkin;

  if (undo)
    {
      box_desk_undo_async (desk, account_id, SMALL, code, NULL, box_test_got_result, &result);
      checkin = box_desk_undo_finish (desk, box_test_wait (&result), &error);
    }
  else
    {
      box_desk_check_in_async (desk, account_id, SMALL, code, BOX_CHECKIN_FLAGS_NONE, NULL, NULL,
                               box_test_got_result, &result);
      checkin = box_desk_check_in_finish (desk, box_test_wait (&result), &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (checkin);
  g_test_message ("%s %s: result %d, %s", undo ? "undo" : "check in", code,
                  box_checkin_get_result (checkin), box_checkin_get_message (checkin));
  return checkin;
}

/* 1. Signing in ------------------------------------------------------------------------------ */

static void
test_sign_in (void)
{
  g_autofree char *url = api_url ();
  g_autofree char *account_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(BoxDesk) desk = new_desk (&account_id, &token);
  g_autoptr(BoxDesk) refused = NULL;
  g_autoptr(BoxAccount) none = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(BoxOAuthEndpoints) endpoints = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *profile = box_test_make_dir ("floktu-refused");
  g_autoptr(GError) error = NULL;

  /* The account's events, without times (Floktu gives none). */
  g_assert_cmpint (account_state (desk, account_id), ==, BOX_ACCOUNT_STATE_OK);
  events = box_desk_list_events (desk, NULL);
  g_assert_cmpuint (events->len, ==, 3);
  for (guint i = 0; i < events->len; i++)
    if (g_str_equal (box_event_get_id (g_ptr_array_index (events, i)), SMALL))
      {
        g_assert_cmpstr (box_event_get_name (g_ptr_array_index (events, i)), ==, "Harbour Lights Festival");
        g_assert_cmpint (box_event_get_starts_at (g_ptr_array_index (events, i)), ==, 0);
      }

  /* No check-in API: the desk keeps check-ins itself. */
  g_assert_cmpint (box_desk_get_account_flags (desk, account_id), ==, BOX_PROVIDER_INCREMENTAL);

  /* The token and the client are in the keyring, not in the profile's folder. */
  secret = keyring_secret (desk, account_id);
  node = json_from_string (secret, NULL);
  g_assert_nonnull (node);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "access_token"), ==, token);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "client_id"), ==, CLIENT_ID);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "client_secret"), ==, CLIENT_SECRET);
  g_assert_false (dir_contains (box_desk_get_profile_dir (desk), token));
  g_assert_false (dir_contains (box_desk_get_profile_dir (desk), CLIENT_SECRET));

  /* A token Floktu does not know: refused, nothing kept. */
  refused = box_desk_new (profile, &error);
  g_assert_no_error (error);
  none = add_account (refused, "not-a-floktu-token", &error);
  g_assert_null (none);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "Connect the account again"));
  g_clear_error (&error);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = box_desk_list_accounts (refused, NULL);
  g_assert_cmpuint (events->len, ==, 0);

  /* Where the browser goes: BASE/authorize and BASE/token, no scope. */
  g_hash_table_insert (credentials, "client_id", " " CLIENT_ID " ");
  g_hash_table_insert (credentials, "client_secret", CLIENT_SECRET);
  endpoints = box_provider_kind_oauth_setup ("floktu", url, credentials, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (endpoints->authorize_url, "/floktu/api/v2/authorize"));
  g_assert_true (g_str_has_suffix (endpoints->token_url, "/floktu/api/v2/token"));
  g_assert_cmpstr (endpoints->client_id, ==, CLIENT_ID);
  g_assert_null (endpoints->scope);
  g_clear_pointer (&endpoints, box_oauth_endpoints_free);
  endpoints = box_provider_kind_oauth_setup ("floktu", NULL, credentials, &error);
  g_assert_cmpstr (endpoints->authorize_url, ==, BOX_FLOKTU_DEFAULT_BASE_URL "/authorize");
  g_clear_pointer (&endpoints, box_oauth_endpoints_free);
  g_assert_true (box_provider_kind_uses_oauth ("floktu"));

  /* A missing field is named. */
  g_hash_table_remove (credentials, "client_secret");
  endpoints = box_provider_kind_oauth_setup ("floktu", url, credentials, &error);
  g_assert_null (endpoints);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "client_secret"));
  g_clear_error (&error);
  g_hash_table_remove (credentials, "client_id");
  endpoints = box_provider_kind_oauth_setup ("floktu", url, credentials, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "client_id"));
}

/* 2. A full sync: every kind of order ------------------------------------------------------ */

static void
test_full_sync (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = new_desk (&account_id, NULL);
  g_autoptr(BoxAttendee) ana = NULL;
  g_autoptr(BoxAttendee) zoe = NULL;
  g_autoptr(BoxAttendee) child = NULL;
  g_autoptr(BoxAttendee) unpaid = NULL;
  g_autoptr(BoxAttendee) cancelled = NULL;
  g_autoptr(BoxAttendee) refunded = NULL;
  g_autoptr(BoxAttendee) vip = NULL;
  g_autoptr(BoxAttendee) string_id = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *value = NULL;

  reset_data (200);
  sync_ok (desk, account_id, SMALL, TRUE);
  g_assert_cmpuint (count_attendees (desk, account_id, SMALL), ==, SMALL_ATTENDEES);
  /* One list and one request per order (20), nothing else. */
  g_assert_cmpint (count ("order_lists"), ==, 1);
  g_assert_cmpint (count ("order_details"), ==, 20);

  /* Checked in at Floktu's own door: in, at that (local) time; the answers shown. */
  ana = attendee (desk, account_id, "70001");
  g_assert_cmpstr (box_attendee_get_name (ana), ==, "Ana Tamm");
  g_assert_cmpint (box_attendee_get_status (ana), ==, BOX_ATTENDEE_STATUS_PAID);
  g_assert_true (box_attendee_get_checked_in (ana));
  at = g_date_time_new_local (2024, 5, 4, 18, 30, 0);
  g_assert_cmpint (box_attendee_get_checked_in_at (ana), ==, g_date_time_to_unix (at));
  value = detail (ana, "T-shirt size");
  g_assert_cmpstr (value, ==, "M");
  g_clear_pointer (&value, g_free);
  value = detail (ana, "Order amount");
  g_assert_cmpstr (value, ==, "24.17");
  g_clear_pointer (&value, g_free);

  /* Someone on another's order: their own name, the order's e-mail and buyer. */
  zoe = attendee (desk, account_id, "70003");
  g_assert_cmpstr (box_attendee_get_name (zoe), ==, "Zoë Ångström");
  g_assert_cmpstr (box_attendee_get_email (zoe), ==, "jose.muller@example.com");
  g_assert_cmpstr (box_attendee_get_order_code (zoe), ==, "5002");
  g_assert_false (box_attendee_get_checked_in (zoe));
  value = detail (zoe, "Ordered by");
  g_assert_cmpstr (value, ==, "José Müller");
  g_clear_pointer (&value, g_free);
  value = detail (zoe, "Voucher");
  g_assert_cmpstr (value, ==, "EARLYBIRD");
  g_clear_pointer (&value, g_free);
  child = attendee (desk, account_id, "70004");
  g_assert_cmpstr (box_attendee_get_name (child), ==, "José Müller");

  /* Unconfirmed, cancelled, a status Floktu does not document. */
  unpaid = attendee (desk, account_id, "70005");
  g_assert_cmpint (box_attendee_get_status (unpaid), ==, BOX_ATTENDEE_STATUS_PENDING);
  value = detail (unpaid, "Order amount");
  g_assert_cmpstr (value, ==, "45.50");
  g_clear_pointer (&value, g_free);
  cancelled = attendee (desk, account_id, "70006");
  g_assert_cmpint (box_attendee_get_status (cancelled), ==, BOX_ATTENDEE_STATUS_CANCELLED);
  refunded = attendee (desk, account_id, "70009");
  g_assert_cmpint (box_attendee_get_status (refunded), ==, BOX_ATTENDEE_STATUS_UNKNOWN);

  /* ISO 8601 with an offset; a company. */
  vip = attendee (desk, account_id, "70008");
  g_assert_true (box_attendee_get_checked_in (vip));
  g_assert_cmpint (box_attendee_get_checked_in_at (vip), ==, G_GINT64_CONSTANT (1714813500));
  g_assert_cmpstr (box_attendee_get_company (vip), ==, "Floktu Pty Ltd");

  /* Ids sent as strings. */
  string_id = attendee (desk, account_id, "70011");
  g_assert_cmpstr (box_attendee_get_order_code (string_id), ==, "5010");

  /* An event without orders. */
  sync_ok (desk, account_id, EMPTY, TRUE);
  g_assert_cmpuint (count_attendees (desk, account_id, EMPTY), ==, 0);
}

/* 3. Check-ins stay on this computer -------------------------------------------------------- */

static void
test_local_check_in (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = new_desk (&account_id, NULL);
  g_autoptr(BoxCheckin) in = NULL;
  g_autoptr(BoxCheckin) undone = NULL;
  g_autoptr(BoxCheckin) again = NULL;
  g_autoptr(BoxAttendee) a = NULL;

  reset_data (200);
  sync_ok (desk, account_id, SMALL, TRUE);
  clear_log ();

  in = check_in (desk, account_id, "70002", FALSE);
  g_assert_cmpint (box_checkin_get_result (in), ==, BOX_CHECKIN_RESULT_LOCAL);
  g_assert_cmpint (box_checkin_get_state (in), ==, BOX_CHECKIN_STATE_LOCAL);
  a = attendee (desk, account_id, "70002");
  g_assert_true (box_attendee_get_checked_in (a));
  g_clear_object (&a);

  undone = check_in (desk, account_id, "70002", TRUE);
  g_assert_cmpint (box_checkin_get_result (undone), ==, BOX_CHECKIN_RESULT_LOCAL);
  a = attendee (desk, account_id, "70002");
  g_assert_false (box_attendee_get_checked_in (a));
  g_clear_object (&a);

  /* Nothing of it went to Floktu. */
  g_assert_cmpuint (logged (NULL, "/floktu/"), ==, 0);

  /* Checked in again, then synced (new orders only, and everything): it stays in. */
  again = check_in (desk, account_id, "70002", FALSE);
  g_assert_cmpint (box_checkin_get_result (again), ==, BOX_CHECKIN_RESULT_LOCAL);
  sync_ok (desk, account_id, SMALL, FALSE);
  a = attendee (desk, account_id, "70002");
  g_assert_true (box_attendee_get_checked_in (a));
  g_clear_object (&a);
  sync_ok (desk, account_id, SMALL, TRUE);
  a = attendee (desk, account_id, "70002");
  g_assert_true (box_attendee_get_checked_in (a));
  g_assert_cmpuint (logged ("POST", "/floktu/"), ==, 0);
}

/* 4. 5,000 orders, at most six at a time --------------------------------------------------- */

static void
test_big_sync (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = new_desk (&account_id, NULL);
  gint64 started;

  reset_data (BIG_ORDERS);
  set_latency (5);
  started = g_get_monotonic_time ();
  sync_ok (desk, account_id, BIG, TRUE);
  g_test_message ("%u orders in %.1f s, at most %" G_GINT64_FORMAT " in flight", BIG_ORDERS,
                  (g_get_monotonic_time () - started) / 1e6, count ("max_in_flight"));
  set_latency (0);

  g_assert_cmpint (count ("order_details"), ==, BIG_ORDERS);
  g_assert_cmpint (count ("max_in_flight"), <=, BOX_HTTP_MAX_CONNS_PER_HOST);
  g_assert_cmpint (count ("max_in_flight"), >, 1);
  g_assert_cmpint (count ("in_flight"), ==, 0);
  g_assert_cmpuint (count_attendees (desk, account_id, BIG), ==, emulator_attendees (BIG));
  g_assert_cmpuint (emulator_attendees (BIG), >, BIG_ORDERS);
}

/* 5. New orders only, unless asked for all ------------------------------------------------- */

static void
test_incremental (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = new_desk (&account_id, NULL);
  g_autoptr(JsonNode) added = NULL;
  g_autoptr(JsonNode) checked = NULL;
  g_autoptr(BoxAttendee) late = NULL;
  g_autoptr(BoxAttendee) zoe = NULL;
  g_autofree char *order_path = NULL;
  JsonArray *ids;

  reset_data (200);
  sync_ok (desk, account_id, SMALL, TRUE);
  clear_log ();

  /* Nothing new: the list, no details. */
  sync_ok (desk, account_id, SMALL, FALSE);
  g_assert_cmpint (count ("order_lists"), ==, 1);
  g_assert_cmpint (count ("order_details"), ==, 0);
  g_assert_cmpuint (count_attendees (desk, account_id, SMALL), ==, SMALL_ATTENDEES);

  /* A new order: its details only; the others stay as they were. */
  added = box_test_emulator_post (emu, "/_control/floktu/add-order", "{\"event\":" SMALL ",\"attendees\":2}");
  ids = json_object_get_array_member (json_node_get_object (added), "attendees");
  order_path = g_strdup_printf ("/orders/%" G_GINT64_FORMAT,
                                json_object_get_int_member (json_node_get_object (added), "order"));
  /* A check-in at Floktu's own app meanwhile is not seen by a sync of new orders. */
  checked = box_test_emulator_post (emu, "/_control/floktu/checkin", "{\"attendee\":70003}");
  clear_log ();
  sync_ok (desk, account_id, SMALL, FALSE);
  g_assert_cmpint (count ("order_details"), ==, 1);
  g_assert_cmpuint (logged ("GET", order_path), ==, 1);
  g_assert_cmpuint (count_attendees (desk, account_id, SMALL), ==, SMALL_ATTENDEES + 2);
  {
    g_autofree char *code = g_strdup_printf ("%" G_GINT64_FORMAT, json_array_get_int_element (ids, 0));
    late = attendee (desk, account_id, code);
  }
  g_assert_cmpstr (box_attendee_get_name (late), ==, "Late Comer");
  zoe = attendee (desk, account_id, "70003");
  g_assert_false (box_attendee_get_checked_in (zoe));
  g_clear_object (&zoe);

  /* The full sync (--full, the window's full refresh) asks for every order again. */
  clear_log ();
  sync_ok (desk, account_id, SMALL, TRUE);
  g_assert_cmpint (count ("order_details"), ==, 21);
  zoe = attendee (desk, account_id, "70003");
  g_assert_true (box_attendee_get_checked_in (zoe));
  g_assert_cmpint (box_attendee_get_checked_in_at (zoe), ==,
                   box_floktu_parse_datetime (json_object_get_string_member (json_node_get_object (checked),
                                                                             "check_in_date")));

  /* An order deleted between the list and its details is skipped, not an error. */
  {
    g_autoptr(JsonNode) gone = box_test_emulator_post (emu, "/_control/floktu/gone", "{\"order\":5004}");
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (gone);
    clear_log ();
    sync_event (desk, account_id, SMALL, TRUE, NULL, &error);
    g_assert_no_error (error);
    /* Its two attendees are gone from the desk too (the full list says so); the new
     * order's two are in. */
    g_assert_cmpuint (count_attendees (desk, account_id, SMALL), ==, SMALL_ATTENDEES + 2 - 2);
    /* And the next sync of new orders asks for it again, should it come back. */
    clear_log ();
    sync_ok (desk, account_id, SMALL, FALSE);
    g_assert_cmpint (count ("order_details"), ==, 1);
    g_assert_cmpuint (logged ("GET", "/orders/5004"), ==, 1);
  }
}

/* 6. A revoked token ------------------------------------------------------------------------ */

static void
test_revoked (void)
{
  g_autofree char *account_id = NULL;
  g_autofree char *token = NULL;
  g_autoptr(BoxDesk) desk = new_desk (&account_id, &token);
  g_autofree char *body = g_strdup_printf ("{\"access_token\":\"%s\"}", token);
  g_autoptr(JsonNode) revoked = NULL;
  g_autoptr(GError) error = NULL;

  reset_data (200);
  sync_ok (desk, account_id, SMALL, TRUE);
  revoked = box_test_emulator_post (emu, "/_control/floktu/revoke", body);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (revoked), "revoked"));

  sync_event (desk, account_id, SMALL, TRUE, NULL, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_CREDENTIALS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "connect it again"));
  g_assert_cmpint (account_state (desk, account_id), ==, BOX_ACCOUNT_STATE_AUTH_NEEDED);
  /* What the desk had stays, for the people at the door. */
  g_assert_cmpuint (count_attendees (desk, account_id, SMALL), ==, SMALL_ATTENDEES);
}

/* 7. One order fails ------------------------------------------------------------------------ */

static void
test_order_failures (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = new_desk (&account_id, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) added = NULL;

  reset_data (200);
  sync_ok (desk, account_id, SMALL, TRUE);
  added = box_test_emulator_post (emu, "/_control/floktu/add-order", "{\"event\":" SMALL "}");

  /* A server error on one order, every time it is asked for (with its retries). */
  clear_log ();
  fault_on ("500", -1, "/orders/5003");
  sync_event (desk, account_id, SMALL, TRUE, NULL, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_cmpuint (logged ("GET", "/orders/5003"), >, 1);
  g_assert_cmpint (count ("in_flight"), ==, 0);
  /* The desk keeps what it had: nothing removed, the new order not half in. */
  g_assert_cmpuint (count_attendees (desk, account_id, SMALL), ==, SMALL_ATTENDEES);

  /* A reply that is not JSON. */
  clear_log ();
  fault_on ("invalid", -1, "/orders/5002");
  sync_event (desk, account_id, SMALL, TRUE, NULL, &error);
  g_assert_error (error, BOX_ERROR, BOX_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_cmpuint (count_attendees (desk, account_id, SMALL), ==, SMALL_ATTENDEES);

  /* A 404 for the event itself. */
  box_test_emulator_fault (emu, "none", 0);
  {
    sync_event (desk, account_id, "999", TRUE, NULL, &error);
    g_assert_nonnull (error);
    g_test_message ("unknown event: %s", error->message);
    g_clear_error (&error);
  }

  /* Once it works again, the new order comes in. */
  clear_log ();
  sync_ok (desk, account_id, SMALL, FALSE);
  g_assert_cmpuint (count_attendees (desk, account_id, SMALL), ==, SMALL_ATTENDEES + 2);
}

/* 8. Cancelling midway --------------------------------------------------------------------- */

static gboolean
stop_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context for @ms: whatever the desk left running would go on. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, stop_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autofree char *account_id = NULL;
  g_autoptr(BoxDesk) desk = new_desk (&account_id, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 asked, started;

  reset_data (BIG_ORDERS);
  set_latency (5);
  g_timeout_add (700, cancel_cb, cancellable);
  started = g_get_monotonic_time ();
  sync_event (desk, account_id, BIG, TRUE, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Promptly. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);

  /* Nothing left running: no request in flight, none sent after. */
  asked = count ("order_details");
  g_test_message ("cancelled after %" G_GINT64_FORMAT " of %u orders", asked, BIG_ORDERS);
  g_assert_cmpint (asked, >, 0);
  g_assert_cmpint (asked, <, BIG_ORDERS);
  run_for (300);
  g_assert_cmpint (count ("order_details"), ==, asked);
  g_assert_cmpint (count ("in_flight"), ==, 0);
  set_latency (0);

  /* The next sync starts again and finishes. */
  sync_ok (desk, account_id, BIG, TRUE);
  g_assert_cmpuint (count_attendees (desk, account_id, BIG), ==, emulator_attendees (BIG));
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

  emu = box_test_emulator_start (200, NULL);

  g_test_add_func ("/floktu/sign-in", test_sign_in);
  g_test_add_func ("/floktu/full-sync", test_full_sync);
  g_test_add_func ("/floktu/local-check-in", test_local_check_in);
  g_test_add_func ("/floktu/big-sync", test_big_sync);
  g_test_add_func ("/floktu/incremental", test_incremental);
  g_test_add_func ("/floktu/revoked", test_revoked);
  g_test_add_func ("/floktu/order-failures", test_order_failures);
  g_test_add_func ("/floktu/cancel", test_cancel);

  status = g_test_run ();
  box_test_emulator_stop (emu);
  box_test_cleanup ();
  return status;
}
