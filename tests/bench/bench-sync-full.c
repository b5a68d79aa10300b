/* bench-sync-full.c: a full pull of a 100,000-ticket event from the Fienta emulator
 * through BoxFienta and BoxSyncEngine into a fresh store: wall time and peak memory
 *
 * Peak RSS (VmHWM) cannot be reset, so every measurement runs in a fresh child process
 * (this program with --child): the pull itself, and for the breakdown, the download
 * alone, the download plus json-glib's tree, and the download plus the Fienta parser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "box-account.h"
#include "box-attendee.h"
#include "box-event.h"
#include "box-fienta.h"
#include "box-fienta-parser.h"
#include "box-provider.h"
#include "box-providers.h"
#include "box-store.h"
#include "box-sync-engine.h"
#include "box-test-util.h"
#include "bench-common.h"

static int n_attendees = 100000;
static char *child;
static char *url;          /* http://127.0.0.1:PORT */
static gboolean no_breakdown;
static gboolean no_reader;

static GOptionEntry options[] = {
  { "attendees", 'n', 0, G_OPTION_ARG_INT, &n_attendees, "Tickets in the event (100000)", "N" },
  { "no-breakdown", 0, 0, G_OPTION_ARG_NONE, &no_breakdown,
    "Only the pull, not the download/json-glib/parser breakdown", NULL },
  { "no-reader", 0, 0, G_OPTION_ARG_NONE, &no_reader,
    "Reset the store's statements before the pull, so no read snapshot stays open on the"
    " main connection (box_store_get_account() leaves one, as in the desk)", NULL },
  { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child, NULL, NULL },
  { "url", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &url, NULL, NULL },
  { NULL }
};

static double
mb (gint64 kb)
{
  return kb / 1024.0;
}

static void
print_memory (const char *stage,
              const char *what)
{
  g_autofree char *label = g_strdup_printf ("%s: %s", stage, what);

  g_print ("%-34s VmHWM %7.1f MB   VmRSS %7.1f MB\n", label,
           mb (bench_proc_status_kb ("VmHWM")), mb (bench_proc_status_kb ("VmRSS")));
}

/* GET /events/10/tickets?attendees as BoxFienta asks for it, in memory. */
static GBytes *
download (const char *base,
          double     *seconds)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strdup_printf ("%s/fienta/api/v1/events/" BENCH_EVENT_ID "/tickets?attendees", base);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GError) error = NULL;
  GBytes *body;
  gint64 start = g_get_monotonic_time ();

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer " BENCH_TOKEN);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  bench_check_no_error (error);
  bench_check (soup_message_get_status (msg) == 200, "HTTP %u", soup_message_get_status (msg));
  *seconds = bench_seconds_since (start);
  return body;
}

/* Children ---------------------------------------------------------------------------- */

static int
child_pull (void)
{
  g_autofree char *dir = box_test_make_dir ("bench-sync-full");
  g_autofree char *api = g_strdup_printf ("%s/fienta/api/v1", url);
  g_autoptr(BoxStore) store = NULL;
  g_autoptr(BoxAccount) account = NULL;
  g_autoptr(BoxProvider) provider = NULL;
  g_autoptr(BoxSyncEngine) engine = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gint64 hwm_before, hwm_after;
  gint64 start;
  double wall, wal_mb;
  guint n;

  box_providers_init ();
  store = bench_open_store (dir, api);
  account = box_store_get_account (store, BENCH_ACCOUNT_ID, &error);
  bench_check_no_error (error);
  provider = box_fienta_new (account, BENCH_TOKEN, &error);
  bench_check_no_error (error);
  engine = box_sync_engine_new (store);
  if (no_reader)
    box_store_get_path (store);   /* resets the statement box_store_get_account() left on its row */

  hwm_before = bench_proc_status_kb ("VmHWM");
  print_memory ("pull", "before");

  start = g_get_monotonic_time ();
  box_sync_engine_pull_async (engine, provider, BENCH_ACCOUNT_ID, BENCH_EVENT_ID, TRUE, NULL,
                              box_test_got_result, &result);
  box_test_wait (&result);
  n = box_sync_engine_pull_finish (engine, result, &error);
  wall = bench_seconds_since (start);
  g_clear_object (&result);
  bench_check_no_error (error);

  hwm_after = bench_proc_status_kb ("VmHWM");
  print_memory ("pull", "after");
#ifdef __GLIBC__
  /* What the process keeps after the pull is freed heap that glibc has not given back. */
  malloc_trim (0);
  print_memory ("pull", "after malloc_trim(0)");
#endif

  event = box_store_get_event (store, BENCH_ACCOUNT_ID, BENCH_EVENT_ID, &error);
  bench_check_no_error (error);
  bench_check (n == (guint)n_attendees, "the pull got %u tickets, not %d", n, n_attendees);
  bench_check (box_event_get_attendee_count (event) == (guint)n_attendees,
               "the store holds %u attendees, not %d", box_event_get_attendee_count (event), n_attendees);

  g_print ("full pull: %u tickets in %.2f s; store holds %u\n", n, wall, box_event_get_attendee_count (event));
  wal_mb = bench_print_db_size (store, "after the pull: ");
  g_print ("RESULT sync-full wall_s=%.2f peak_rss_mb=%.1f rss_before_mb=%.1f wal_after_mb=%.1f"
           " (target <= 10 s, <= 250 MB): %s, %s\n",
           wall, mb (hwm_after), mb (hwm_before), wal_mb,
           wall <= 10 ? "time met" : "time NOT met",
           mb (hwm_after) <= 250 ? "memory met" : "memory NOT met");

  g_clear_object (&engine);
  g_clear_object (&provider);
  g_clear_object (&store);
  box_test_cleanup ();
  return 0;
}

/* The stages of the pull, one per process: download; + json-glib; + Fienta parser. */
static int
child_stage (const char *stage)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  double seconds;
  gsize len;
  const char *data;
  gint64 start, hwm_download;

  print_memory (stage, "before");
  body = download (url, &seconds);
  data = g_bytes_get_data (body, &len);
  g_print ("%-34s %.1f MB in %.2f s\n", "download", len / 1e6, seconds);
  print_memory (stage, "after download");
  hwm_download = bench_proc_status_kb ("VmHWM");

  if (g_str_equal (stage, "json"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      double seconds_json;

      start = g_get_monotonic_time ();
      json_parser_load_from_data (parser, data, len, &error);
      seconds_json = bench_seconds_since (start);
      bench_check_no_error (error);
      g_print ("%-34s %.2f s\n", "json: json_parser_load_from_data", seconds_json);
      print_memory (stage, "after json-glib tree");
      g_print ("RESULT sync-full-breakdown json_parse_s=%.2f json_glib_tree_mb=%.1f (%.1fx the reply)\n",
               seconds_json, mb (bench_proc_status_kb ("VmHWM") - hwm_download),
               (bench_proc_status_kb ("VmHWM") - hwm_download) * 1024.0 / len);
    }
  else if (g_str_equal (stage, "parse"))
    {
      g_autoptr(GPtrArray) attendees = NULL;
      gint64 server_time = 0;

      start = g_get_monotonic_time ();
      attendees = box_fienta_parse_tickets (data, len, &server_time, NULL, &error);
      bench_check_no_error (error);
      bench_check (attendees->len == (guint)n_attendees, "parsed %u tickets, not %d", attendees->len, n_attendees);
      double seconds_parse = bench_seconds_since (start);

      g_print ("%-34s %u tickets in %.2f s\n", "parse: box_fienta_parse_tickets", attendees->len,
               seconds_parse);
      print_memory (stage, "after parse");
      g_print ("RESULT sync-full-breakdown download_s=%.2f parse_tickets_s=%.2f peak_rss_after_parse_mb=%.1f\n",
               seconds, seconds_parse, mb (bench_proc_status_kb ("VmHWM")));
      g_clear_pointer (&body, g_bytes_unref);
      print_memory (stage, "reply freed");
      g_clear_pointer (&attendees, g_ptr_array_unref);
#ifdef __GLIBC__
      malloc_trim (0);
#endif
      print_memory (stage, "all freed, malloc_trim");
    }

  return 0;
}

/* The parent ------------------------------------------------------------------------------ */

static void
run_child (const char *self,
           const char *mode,
           const char *emu_url)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *child_arg = g_strdup_printf ("--child=%s", mode);
  g_autofree char *url_arg = g_strdup_printf ("--url=%s", emu_url);
  g_autofree char *n_arg = g_strdup_printf ("--attendees=%d", n_attendees);

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self, child_arg, url_arg, n_arg,
                           no_reader ? "--no-reader" : NULL, NULL);
  bench_check_no_error (error);
  g_subprocess_wait_check (proc, NULL, &error);
  bench_check_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark a full pull");
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxTestEmulator) emu = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *self = NULL;
  gint64 start;
  double seconds;

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (child != NULL)
    {
      bench_check (url != NULL, "--child needs --url");
      if (g_str_equal (child, "pull"))
        return child_pull ();
      return child_stage (child);
    }

  self = g_file_read_link ("/proc/self/exe", &error);
  bench_check_no_error (error);

  g_print ("# bench-sync-full: %d tickets in event " BENCH_EVENT_ID "%s\n", n_attendees,
           no_reader ? ", no read snapshot open during the pull" : "");
  start = g_get_monotonic_time ();
  emu = box_test_emulator_start (n_attendees, NULL);
  g_print ("emulator start (generates the tickets): %.2f s\n", bench_seconds_since (start));

  /* The reply, once, for its size (and to warm the emulator up). */
  body = download (emu->url, &seconds);
  g_print ("reply of GET /events/" BENCH_EVENT_ID "/tickets?attendees: %.1f MB (%" G_GSIZE_FORMAT " bytes), %.2f s to download\n",
           g_bytes_get_size (body) / 1e6, g_bytes_get_size (body), seconds);
  g_print ("RESULT sync-full reply_mb=%.1f\n", g_bytes_get_size (body) / 1e6);
  g_clear_pointer (&body, g_bytes_unref);

  run_child (self, "pull", emu->url);

  if (!no_breakdown)
    {
      g_print ("\n# breakdown, each in a fresh process\n");
      run_child (self, "download", emu->url);
      run_child (self, "json", emu->url);
      run_child (self, "parse", emu->url);
    }

  g_clear_pointer (&emu, box_test_emulator_stop);
  box_test_cleanup ();
  return 0;
}
