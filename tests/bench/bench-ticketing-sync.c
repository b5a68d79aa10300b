/* bench-ticketing-sync.c: a paged full sync of a 100,000-ticket TickeTing event (Carnival
 * Fete, 16993964783416) from the emulator through BoxDesk, BoxTicketing and BoxSyncEngine
 * into a fresh profile, then an incremental sync after 100 tickets changed: wall time
 * and peak memory
 *
 * The desk signs in with a username and password as the app does, so the session key
 * goes to the Secret Service: run through tests/with-keyring.sh (meson and
 * run-benchmarks.sh do). The tickets come in pages of 500, each saved before the next
 * is asked for, so memory stays that of one page.
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

#define EVENT "16993964783416"

static int n_attendees = 100000;

static GOptionEntry options[] = {
  { "attendees", 'n', 0, G_OPTION_ARG_INT, &n_attendees, "Tickets in the Carnival Fete (100000)", "N" },
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
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark a paged TickeTing sync");
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxTestEmulator) emu = NULL;
  g_autoptr(JsonNode) touched = NULL;
  g_autoptr(GHashTable) credentials = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BoxDesk) desk = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autofree char *base_url = NULL;
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

  g_print ("# bench-ticketing-sync: %d tickets in event " EVENT "\n", n_attendees);
  start = g_get_monotonic_time ();
  emu = box_test_emulator_start (n_attendees, NULL);
  g_print ("emulator start (generates the tickets): %.2f s\n", bench_seconds_since (start));

  base_url = g_strdup_printf ("%s/ticketing/v3", emu->url);

  profile = box_test_make_dir ("bench-ticketing-sync");
  desk = box_desk_new (profile, &error);
  bench_check_no_error (error);

  start = g_get_monotonic_time ();
  g_hash_table_insert (credentials, "identification", "doorstaff");
  g_hash_table_insert (credentials, "password", "demo-password");
  box_desk_add_account_async (desk, "ticketing", NULL, base_url, credentials, NULL, box_test_got_result, &result);
  account = box_desk_add_account_finish (desk, box_test_wait (&result), &error);
  g_clear_object (&result);
  bench_check_no_error (error);
  bench_check (g_strcmp0 (box_account_get_provider (account), "ticketing") == 0, "provider %s",
               box_account_get_provider (account));
  account_id = g_strdup (box_account_get_id (account));
  g_print ("account %s signed in: %.2f s\n", account_id, bench_seconds_since (start));

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
  bench_check (stored == (guint)n_attendees, "the desk stores %u tickets for %d", stored, n_attendees);

  g_print ("full sync: %u tickets stored in %.2f s\n", stored, wall);
  g_print ("peak RSS before the sync %.1f MB, after %.1f MB\n", mb (hwm_before), mb (hwm_after));
  g_print ("RESULT ticketing paged full sync of %u tickets: %.2f s (target <= 15 s), peak RSS %.1f MB"
           " (target <= 250 MB)\n", stored, wall, mb (hwm_after));

  /* 100 tickets change at the host; the next sync asks only for what changed. */
  touched = box_test_emulator_post (emu, "/_control/ticketing/touch",
                                    "{\"event\":\"" EVENT "\",\"count\":100}");
  bench_check (touched != NULL, "the emulator did not touch tickets");
  start = g_get_monotonic_time ();
  box_desk_sync_async (desk, account_id, EVENT, FALSE, NULL, box_test_got_result, &result);
  box_desk_sync_finish (desk, box_test_wait (&result), &error);
  wall = bench_seconds_since (start);
  g_clear_object (&result);
  bench_check_no_error (error);
  g_print ("RESULT ticketing incremental sync after 100 changes: %.2f s\n", wall);

  g_clear_object (&event);
  g_clear_object (&account);
  g_clear_object (&desk);
  g_clear_pointer (&emu, box_test_emulator_stop);
  box_test_cleanup ();
  return 0;
}
