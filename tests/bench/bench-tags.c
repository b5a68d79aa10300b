/* bench-tags.c: 100 name tags to one PDF with WebKitGTK (needs a display: Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#include "bench-common.h"
#include "box-tag-printer.h"
#include "box-tag-renderer.h"

#define N_TAGS 100

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(BoxTagRenderer) renderer = NULL;
  g_autoptr(BoxTagPrinter) printer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *html = NULL;
  g_autofree char *pages = NULL;
  GAsyncResult *result = NULL;
  double render_ms, seconds;
  gint64 start;
  int status = 0;

  dir = g_dir_make_tmp ("bench-tags-XXXXXX", &error);
  bench_check_no_error (error);
  cache = g_build_filename (dir, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  pdf = g_build_filename (dir, "tags.pdf", NULL);

  bench_check (gtk_init_check (), "no display: run it under xvfb-run");
  printer = box_tag_printer_new ();
  attendees = bench_generate_attendees (N_TAGS, 42);

  /* Half of them with Fienta's name tag, half from the template. */
  for (guint i = 1; i < attendees->len; i += 2)
    box_attendee_set_nametag_html (g_ptr_array_index (attendees, i), NULL);

  start = g_get_monotonic_time ();
  renderer = box_tag_renderer_new ();
  box_tag_renderer_set_event_name (renderer, "Tallinn Tech Summit 2026");
  box_tag_renderer_set_label (renderer, 101.6, 76.2, 4);
  html = box_tag_renderer_render (renderer, attendees);
  render_ms = bench_ms_since (start);

  box_tag_printer_print_pdf_async (printer, html, 101.6, 76.2, pdf, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  box_tag_printer_print_finish (printer, result, &error);
  bench_check_no_error (error);
  g_object_unref (result);
  seconds = bench_seconds_since (start);

  {
    const char *pdfinfo[] = { "pdfinfo", pdf, NULL };

    g_spawn_sync (NULL, (char **) pdfinfo, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &pages, NULL,
                  &status, &error);
    bench_check_no_error (error);
    if (g_getenv ("BOX_BENCH_KEEP") == NULL)
      bench_check (pages != NULL && g_strstr_len (pages, -1, "Pages:           100") != NULL,
                 "the PDF does not have %u pages:\n%s", N_TAGS, pages);
  }

  g_print ("HTML: %zu kB, rendered in %.1f ms\n", strlen (html) / 1024, render_ms);
  g_print ("peak RSS of this process: %" G_GINT64_FORMAT " MB (WebKit's web process not counted)\n",
           bench_proc_status_kb ("VmHWM") / 1024);
  g_print ("RESULT %u tags to one PDF: %.2f s (target <= 20 s)\n", N_TAGS, seconds);

  if (g_getenv ("BOX_BENCH_KEEP") != NULL)
    {
      g_autofree char *html_path = g_build_filename (dir, "tags.html", NULL);

      g_file_set_contents (html_path, html, -1, NULL);
      g_print ("kept %s\n", dir);
      return 0;
    }
  g_unlink (pdf);
  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);

    if (system (rm) != 0)
      g_printerr ("could not remove %s\n", dir);
  }
  return 0;
}
