/* bench-eventyay-sync.c: a full sync of a 100,000-ticket Eventyay event (democon) from
 * the emulator through BoxDesk, BoxEventyay and BoxSyncEngine into a fresh profile: wall
 * time and peak memory
 *
 * The desk adds the account from the device setup JSON (the QR code's text) as the app
 * does, so the key goes to the Secret Service: run through tests/with-keyring.sh (meson
 * and run-benchmarks.sh do).
 *
 * The pretixdroid API has no changes-since: every sync downloads every ticket in one
 * reply, so this is also what each later sync costs.
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

#define EVENT "democon"

static int n_attendees = 100000;

static GOptionEntry options[] = {
  { "attendees", 'n', 0, G_OPTION_ARG_INT, &n_attendees, "Admission tickets in democon (100000)", "N" },
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

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark a full Eventyay sync");
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxTestEmulator) emu = NULL;
  g_autoptr(JsonNode) setup_node = NULL;
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BoxDesk) desk = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autofree char *setup = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *account_id = NULL;
  gint64 start, hwm_before, hwm_after;
  double wall;
  guint stored;

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  bench_check (n_attendees > 0, "--attendees must be positive");
  bench_check (box_test_have_secret_service (),
               "no Secret Service: run through tests/with-keyring.sh (run-benchmarks.sh does)");
  box_providers_init ();

  g_print ("# bench-eventyay-sync: %d admission tickets in event " EVENT "\n", n_attendees);
  start = g_get_monotonic_time ();
  emu = box_test_emulator_start (n_attendees, NULL);
  g_print ("emulator start (generates the tickets): %.2f s\n", bench_seconds_since (start));

  /* The device setup, as the QR code says it. */
  setup_node = box_test_emulator_get (emu, "/_control/eventyay/setup?event=" EVENT "&prefix=eventyaydroid");
  bench_check (setup_node != NULL && JSON_NODE_HOLDS_OBJECT (setup_node), "no setup JSON from the emulator");
  setup = json_to_string (setup_node, FALSE);
  g_clear_pointer (&setup_node, json_node_unref);

  profile = box_test_make_dir ("bench-eventyay-sync");
  desk = box_desk_new (profile, &error);
  bench_check_no_error (error);

  start = g_get_monotonic_time ();
  g_hash_table_insert (credentials, "config", setup);
  box_desk_add_account_async (desk, "eventyay", NULL, NULL, credentials, NULL, box_test_got_result, &result);
  account = box_desk_add_account_finish (desk, box_test_wait (&result), &error);
  g_clear_object (&result);
  bench_check_no_error (error);
  bench_check (g_strcmp0 (box_account_get_provider (account), "eventyay") == 0, "provider %s",
               box_account_get_provider (account));
  account_id = g_strdup (box_account_get_id (account));
  g_print ("account %s added from the setup JSON: %.2f s\n", account_id, bench_seconds_since (start));

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
  /* Admission tickets of paid and pending orders, plus T-shirt add-ons: not exactly
   * --attendees, but of that order. */
  bench_check (stored >= (guint)n_attendees / 2, "the desk stores %u tickets for %d admission tickets",
               stored, n_attendees);

  g_print ("full sync: %u tickets stored in %.2f s\n", stored, wall);
  g_print ("RSS before the sync %.1f MB: %s, %s\n", mb (hwm_before),
           wall <= 10 ? "time met" : "time NOT met",
           mb (hwm_after) <= 250 ? "memory met" : "memory NOT met");
  g_print ("RESULT eventyay full sync of %u tickets: %.2f s (target <= 10 s), peak RSS %.1f MB"
           " (target <= 250 MB)\n", stored, wall, mb (hwm_after));

  g_clear_object (&event);
  g_clear_object (&account);
  g_clear_object (&desk);
  g_clear_pointer (&emu, box_test_emulator_stop);
  box_test_cleanup ();
  return 0;
}
