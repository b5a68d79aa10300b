/* bench-store-put.c: box_store_put_attendees() alone: 100,000 new attendees (rows and
 * FTS index), the same again unchanged (a full re-sync), and 100 changed (an
 * incremental sync)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "box-attendee.h"
#include "box-event.h"
#include "box-providers.h"
#include "box-store.h"
#include "box-test-util.h"
#include "bench-common.h"

static int n_attendees = 100000;
static int n_changed = 100;
static int seed = 42;

static GOptionEntry options[] = {
  { "attendees", 'n', 0, G_OPTION_ARG_INT, &n_attendees, "Attendees (100000)", "N" },
  { "changed", 'c', 0, G_OPTION_ARG_INT, &n_changed, "Attendees changed for the incremental put (100)", "N" },
  { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Seed of the generated data (42)", "N" },
  { NULL }
};

static double
put (BoxStore   *store,
     GPtrArray  *attendees,
     gboolean    complete,
     const char *what)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  box_store_put_attendees (store, BENCH_ACCOUNT_ID, BENCH_EVENT_ID, attendees, complete, "1", &error);
  seconds = bench_seconds_since (start);
  bench_check_no_error (error);
  g_print ("%-44s %7u attendees %8.2f s  %9.0f per s\n", what, attendees->len, seconds,
           attendees->len / MAX (seconds, 1e-9));
  return seconds;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark saving attendees");
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxStore) store = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autofree char *dir = NULL;
  double fresh, resync, resync_reader, changed_s = 0, wal_clean, wal_reader;
  gint64 start;

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_changed = CLAMP (n_changed, 0, n_attendees);

  g_print ("# bench-store-put: %d attendees\n", n_attendees);
  box_providers_init ();
  dir = box_test_make_dir ("bench-store-put");
  store = bench_open_store (dir, NULL);

  start = g_get_monotonic_time ();
  attendees = bench_generate_attendees (n_attendees, seed);
  g_print ("generate attendees: %.2f s\n", bench_seconds_since (start));

  fresh = put (store, attendees, TRUE, "put, new (insert + FTS index)");
  bench_print_db_size (store, "  ");

  event = box_store_get_event (store, BENCH_ACCOUNT_ID, BENCH_EVENT_ID, &error);
  bench_check_no_error (error);
  bench_check (box_event_get_attendee_count (event) == (guint)n_attendees, "the store holds %u attendees",
               box_event_get_attendee_count (event));
  g_clear_object (&event);

  /* box_store_get_path() resets the main connection's statements: no reader is left. */
  box_store_get_path (store);
  resync = put (store, attendees, TRUE, "put again, unchanged (full re-sync)");
  wal_clean = bench_print_db_size (store, "  ");

  /* As in the app: the main thread read the event (box_store_get_event() returns with its
   * statement still on the row, so the main connection keeps a read snapshot), then a
   * sync saves in the worker thread. The checkpoints cannot pass that snapshot. */
  event = box_store_get_event (store, BENCH_ACCOUNT_ID, BENCH_EVENT_ID, &error);
  bench_check_no_error (error);
  g_clear_object (&event);
  resync_reader = put (store, attendees, TRUE, "put again, main connection holds a read");
  wal_reader = bench_print_db_size (store, "  ");

  changed = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 0; i < n_changed; i++)
    {
      BoxAttendee *a = g_ptr_array_index (attendees, (guint)i * (attendees->len / MAX (n_changed, 1)));
      g_autofree char *company = g_strconcat (box_attendee_get_company (a) ? box_attendee_get_company (a) : "",
                                              " (updated)", NULL);

      box_attendee_set_company (a, company);
      g_ptr_array_add (changed, g_object_ref (a));
    }
  if (changed->len > 0)
    changed_s = put (store, changed, FALSE, "put, changed (incremental sync)");

  g_clear_object (&event);
  event = box_store_get_event (store, BENCH_ACCOUNT_ID, BENCH_EVENT_ID, &error);
  bench_check_no_error (error);
  bench_check (box_event_get_attendee_count (event) == (guint)n_attendees, "the store holds %u attendees",
               box_event_get_attendee_count (event));

  g_print ("RESULT store-put attendees=%d new_s=%.2f resync_unchanged_s=%.2f changed_%u_s=%.3f\n",
           n_attendees, fresh, resync, changed->len, changed_s);
  g_print ("RESULT store-put wal_after_resync_mb=%.1f, with_a_read_open: wal_mb=%.1f resync_s=%.2f\n",
           wal_clean, wal_reader, resync_reader);

  g_clear_object (&store);
  box_test_cleanup ();
  return 0;
}
