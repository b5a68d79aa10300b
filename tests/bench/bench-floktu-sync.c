/* bench-floktu-sync.c: a full sync of a 5,000-order Floktu event (Big Conference, 103)
 * from the emulator through BoxDesk, BoxFloktu and BoxSyncEngine into a fresh profile,
 * with every answer 5 ms late: one request for the list, then one per order, at most
 * six at a time. Then a sync of new orders after 10 were added. Wall time and peak
 * memory.
 *
 * The account is added with a token minted by the emulator (the browser part of OAuth
 * is the desk's), and its token goes to the Secret Service: run through
 * tests/with-keyring.sh (meson and run-benchmarks.sh do).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "box-account.h"
#include "box-desk.h"
#include "box-event.h"
#include "box-providers.h"
#include "box-test-util.h"
#include "bench-common.h"

#define EVENT "103"

static int n_orders = 5000;
static int latency_ms = 5;

static GOptionEntry options[] = {
  { "orders", 'n', 0, G_OPTION_ARG_INT, &n_orders, "Orders in the Big Conference (5000)", "N" },
  { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Delay of every answer, in ms (5)", "MS" },
  { NULL }
};

static double
mb (gint64 kb)
{
  return kb / 1024.0;
}

static void
print_memory (const char *what)
{
  g_print ("%-34s VmHWM %7.1f MB   VmRSS %7.1f MB\n", what,
           mb (bench_proc_status_kb ("VmHWM")), mb (bench_proc_status_kb ("VmRSS")));
}

static gint64
emulator_count (BoxTestEmulator *emu,
                const char      *name)
{
  g_autoptr(JsonNode) counts = box_test_emulator_get (emu, "/_control/floktu/counts");

  bench_check (counts != NULL, "no counts from the emulator");
  return json_object_get_int_member (json_node_get_object (counts), name);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark a Floktu sync");
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxTestEmulator) emu = NULL;
  g_autoptr(JsonNode) minted = NULL;
  g_autoptr(JsonNode) sample = NULL;
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BoxDesk) desk = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *latency_arg = NULL;
  gint64 start, hwm_before, hwm_after, expected, details;
  double wall;
  guint stored;

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  bench_check (n_orders > 0, "--orders must be positive");
  bench_check (latency_ms >= 0, "--latency-ms must not be negative");
  bench_check (box_test_have_secret_service (),
               "no Secret Service: run through tests/with-keyring.sh (run-benchmarks.sh does)");
  box_providers_init ();

  g_print ("# bench-floktu-sync: %d orders in event " EVENT ", %d ms per answer\n", n_orders, latency_ms);
  start = g_get_monotonic_time ();
  emu = box_test_emulator_start (n_orders, NULL);
  g_print ("emulator start (generates the orders): %.2f s\n", bench_seconds_since (start));
  sample = box_test_emulator_get (emu, "/_control/floktu/sample");
  expected = json_object_get_int_member (json_node_get_object (sample), "attendees");
  bench_check (json_object_get_int_member (json_node_get_object (sample), "orders") == n_orders,
               "the emulator has another number of orders");

  base_url = g_strdup_printf ("%s/floktu/api/v2", emu->url);
  profile = box_test_make_dir ("bench-floktu-sync");
  desk = box_desk_new (profile, &error);
  bench_check_no_error (error);

  minted = box_test_emulator_post (emu, "/_control/floktu/token", "{}");
  bench_check (minted != NULL, "no token from the emulator");
  g_hash_table_insert (credentials, "client_id", "floktu-demo-client");
  g_hash_table_insert (credentials, "client_secret", "floktu-demo-secret");
  g_hash_table_insert (credentials, "access_token",
                       (gpointer)json_object_get_string_member (json_node_get_object (minted), "access_token"));
  box_desk_add_account_async (desk, "floktu", NULL, base_url, credentials, NULL, box_test_got_result, &result);
  account = box_desk_add_account_finish (desk, box_test_wait (&result), &error);
  g_clear_object (&result);
  bench_check_no_error (error);
  account_id = g_strdup (box_account_get_id (account));

  /* Every answer from now on is late. */
  latency_arg = g_strdup_printf ("{\"ms\":%d}", latency_ms);
  g_clear_pointer (&sample, json_node_unref);
  sample = box_test_emulator_post (emu, "/_control/latency", latency_arg);
  bench_check (sample != NULL, "the emulator did not take the latency");
  g_clear_pointer (&sample, json_node_unref);
  sample = box_test_emulator_post (emu, "/_control/floktu/counts", "{}");

  hwm_before = bench_proc_status_kb ("VmHWM");
  print_memory ("before the sync");

  start = g_get_monotonic_time ();
  box_desk_sync_async (desk, account_id, EVENT, TRUE, NULL, box_test_got_result, &result);
  box_desk_sync_finish (desk, box_test_wait (&result), &error);
  wall = bench_seconds_since (start);
  g_clear_object (&result);
  bench_check_no_error (error);

  hwm_after = bench_proc_status_kb ("VmHWM");
  print_memory ("after the sync");
#ifdef __GLIBC__
  malloc_trim (0);
  print_memory ("after malloc_trim(0)");
#endif

  event = box_desk_get_event (desk, account_id, EVENT, &error);
  bench_check_no_error (error);
  stored = box_event_get_attendee_count (event);
  bench_check (stored == expected, "the desk stores %u attendees for %" G_GINT64_FORMAT, stored, expected);
  details = emulator_count (emu, "order_details");
  bench_check (details == n_orders, "%" G_GINT64_FORMAT " order requests for %d orders", details, n_orders);

  g_print ("full sync: %d orders, %u attendees stored in %.2f s, at most %" G_GINT64_FORMAT
           " requests in flight\n", n_orders, stored, wall, emulator_count (emu, "max_in_flight"));
  g_print ("peak RSS before the sync %.1f MB, after %.1f MB\n", mb (hwm_before), mb (hwm_after));
  g_print ("RESULT floktu full sync of %d orders (%u attendees), %d ms per answer: %.2f s (target <= 15 s),"
           " peak RSS %.1f MB\n", n_orders, stored, latency_ms, wall, mb (hwm_after));

  /* 10 new orders: the next sync reads the list and only their details. */
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(JsonNode) added = box_test_emulator_post (emu, "/_control/floktu/add-order",
                                                          "{\"event\":" EVENT "}");
      bench_check (added != NULL, "the emulator did not add an order");
    }
  g_clear_pointer (&sample, json_node_unref);
  sample = box_test_emulator_post (emu, "/_control/floktu/counts", "{}");
  start = g_get_monotonic_time ();
  box_desk_sync_async (desk, account_id, EVENT, FALSE, NULL, box_test_got_result, &result);
  box_desk_sync_finish (desk, box_test_wait (&result), &error);
  wall = bench_seconds_since (start);
  g_clear_object (&result);
  bench_check_no_error (error);
  details = emulator_count (emu, "order_details");
  bench_check (details == 10, "%" G_GINT64_FORMAT " order requests for 10 new orders", details);
  g_print ("RESULT floktu sync of 10 new orders among %d: %.2f s\n", n_orders + 10, wall);

  g_clear_object (&event);
  g_clear_object (&account);
  g_clear_object (&desk);
  g_clear_pointer (&emu, box_test_emulator_stop);
  box_test_cleanup ();
  return 0;
}
