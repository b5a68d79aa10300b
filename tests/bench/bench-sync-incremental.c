/* bench-sync-incremental.c: after a full pull of a 100,000-ticket event, 100 tickets
 * change at the emulator; how long does the incremental pull take, and does it bring
 * exactly those?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-fienta.h"
#include "box-provider.h"
#include "box-providers.h"
#include "box-store.h"
#include "box-sync-engine.h"
#include "box-test-util.h"
#include "bench-common.h"

static int n_attendees = 100000;
static int n_touch = 100;
static int n_rounds = 5;

static GOptionEntry options[] = {
  { "attendees", 'n', 0, G_OPTION_ARG_INT, &n_attendees, "Tickets in the event (100000)", "N" },
  { "touch", 't', 0, G_OPTION_ARG_INT, &n_touch, "Tickets changed per round (100)", "N" },
  { "rounds", 'r', 0, G_OPTION_ARG_INT, &n_rounds, "Incremental pulls (5)", "N" },
  { NULL }
};

static guint
pull (BoxSyncEngine *engine,
      BoxProvider   *provider,
      gboolean       full,
      double        *seconds)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gint64 start = g_get_monotonic_time ();
  guint n;

  box_sync_engine_pull_async (engine, provider, BENCH_ACCOUNT_ID, BENCH_EVENT_ID, full, NULL,
                              box_test_got_result, &result);
  box_test_wait (&result);
  n = box_sync_engine_pull_finish (engine, result, &error);
  *seconds = bench_seconds_since (start);
  g_clear_object (&result);
  bench_check_no_error (error);
  return n;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark an incremental pull");
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxTestEmulator) emu = NULL;
  g_autoptr(BoxStore) store = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(BoxProvider) provider = NULL;
  g_autoptr(BoxSyncEngine) engine = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *api = NULL;
  g_autofree char *body = NULL;
  g_autofree double *times = NULL;
  double seconds, worst = 0;
  gboolean exact = TRUE;
  guint n;

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_rounds = MAX (n_rounds, 1);

  g_print ("# bench-sync-incremental: %d tickets, %d changed per round, %d rounds\n",
           n_attendees, n_touch, n_rounds);

  box_providers_init ();
  emu = box_test_emulator_start (n_attendees, NULL);
  api = box_test_emulator_fienta_url (emu);
  dir = box_test_make_dir ("bench-sync-incremental");
  store = bench_open_store (dir, api);
  account = box_store_get_account (store, BENCH_ACCOUNT_ID, &error);
  bench_check_no_error (error);
  provider = box_fienta_new (account, BENCH_TOKEN, &error);
  bench_check_no_error (error);
  engine = box_sync_engine_new (store);

  n = pull (engine, provider, TRUE, &seconds);
  bench_check (n == (guint)n_attendees, "the full pull got %u tickets, not %d", n, n_attendees);
  g_print ("full pull: %u tickets in %.2f s\n", n, seconds);
  bench_print_db_size (store, "after the full pull: ");

  /* A pull right away, with nothing changed: the cost of asking. */
  n = pull (engine, provider, FALSE, &seconds);
  g_print ("incremental pull, nothing changed: %u tickets in %.3f s\n", n, seconds);

  times = g_new0 (double, n_rounds);
  body = g_strdup_printf ("{\"event_id\":" BENCH_EVENT_ID ",\"count\":%d}", n_touch);
  for (int round = 0; round < n_rounds; round++)
    {
      g_autoptr(JsonNode) reply = NULL;
      JsonArray *touched;
      guint renamed = 0, with_company = 0;

      /* updated_after is in whole seconds and starts one second before the last reply
       * (see box-fienta.c): wait until the change is older than that second, so the
       * pull brings exactly the changed tickets and not also the previous round's. */
      reply = box_test_emulator_post (emu, "/_control/touch", body);
      touched = json_object_get_array_member (json_node_get_object (reply), "touched");
      bench_check (json_array_get_length (touched) == (guint)n_touch, "the emulator touched %u",
                   json_array_get_length (touched));
      g_usleep (1100 * 1000);

      n = pull (engine, provider, FALSE, &times[round]);
      worst = MAX (worst, times[round]);

      /* The emulator renames the company of a touched ticket: the store must have it. */
      for (guint i = 0; i < json_array_get_length (touched); i++)
        {
          g_autoptr(BoxAttendee) a = box_store_get_attendee (store, BENCH_ACCOUNT_ID, BENCH_EVENT_ID,
                                                             json_array_get_string_element (touched, i),
                                                             &error);
          bench_check_no_error (error);
          bench_check (a != NULL, "touched ticket %s is not in the store",
                       json_array_get_string_element (touched, i));
          if (box_attendee_get_company (a) != NULL)
            {
              with_company++;
              if (g_str_has_suffix (box_attendee_get_company (a), " (updated)"))
                renamed++;
            }
        }

      g_print ("round %d: touched %d, incremental pull got %u tickets in %.3f s;"
               " %u of %u touched tickets with a company show the change\n",
               round + 1, n_touch, n, times[round], renamed, with_company);
      bench_check (n >= (guint)n_touch, "the incremental pull missed changes: %u of %d", n, n_touch);
      bench_check (renamed == with_company, "%u changed companies did not arrive", with_company - renamed);
      if (n != (guint)n_touch)
        exact = FALSE;
    }

  {
    double median = bench_percentile (times, n_rounds, 50);
    g_print ("RESULT sync-incremental median_s=%.3f max_s=%.3f tickets_per_round=%s%d"
             " (target <= 0.5 s): %s\n",
             median, worst, exact ? "" : "at least ", n_touch,
             worst <= 0.5 ? "met" : median <= 0.5 ? "met by the median, not by the worst" : "NOT met");
  }

  g_clear_object (&engine);
  g_clear_object (&provider);
  g_clear_object (&store);
  g_clear_pointer (&emu, box_test_emulator_stop);
  box_test_cleanup ();
  return 0;
}
