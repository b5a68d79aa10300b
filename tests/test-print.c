/* test-print.c: name tags printed to PDF with WebKitGTK, in a real X server (Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDFs are read back with poppler-utils (pdftotext, pdfinfo, pdfimages); page 1 of
 * a few is saved as a PNG in $BOX_SCREENSHOT_DIR for people to look at.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "box-attendee.h"
#include "box-label-size.h"
#include "box-tag-printer.h"
#include "box-tag-renderer.h"
#include "box-test-util.h"

static BoxTagPrinter *printer;
static char *work_dir;

static BoxAttendee *
make_attendee (const char *first,
               const char *last,
               const char *company,
               const char *ticket_type,
               const char *nametag_html)
{
  BoxAttendee *a = box_attendee_new ();
  g_autofree char *name = g_strdup_printf ("%s %s", first, last);

  box_attendee_set_code (a, "ABC123XYZ0");
  box_attendee_set_first_name (a, first);
  box_attendee_set_last_name (a, last);
  box_attendee_set_name (a, name);
  box_attendee_set_company (a, company);
  box_attendee_set_ticket_type (a, ticket_type);
  box_attendee_set_order_code (a, "5000123");
  box_attendee_set_nametag_html (a, nametag_html);
  return a;
}

static char *
pdf_path (const char *name)
{
  return g_strdup_printf ("%s/%s.pdf", work_dir, name);
}

/* Prints @html to @path; returns the error, if any. */
static GError *
print_pdf (const char *html,
           double      width_mm,
           double      height_mm,
           const char *path)
{
  GAsyncResult *result = NULL;
  GError *error = NULL;

  box_tag_printer_print_pdf_async (printer, html, width_mm, height_mm, path, NULL,
                                   box_test_got_result, &result);
  box_test_wait (&result);
  box_tag_printer_print_finish (printer, result, &error);
  g_object_unref (result);
  return error;
}

static void
render_and_print (BoxTagRenderer *renderer,
                  GPtrArray      *attendees,
                  const char     *path)
{
  g_autofree char *html = box_tag_renderer_render (renderer, attendees);
  g_autoptr(GError) error = NULL;
  double w, h;

  box_tag_renderer_get_page_size (renderer, &w, &h);
  error = print_pdf (html, w, h, path);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static char *
run_tool (const char *tool,
          const char *arg1,
          const char *arg2,
          const char *arg3)
{
  const char *argv[] = { tool, arg1, arg2, arg3, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", tool, err);
  return out;
}

static char *
pdf_text (const char *path)
{
  return run_tool ("pdftotext", "-layout", path, "-");
}

static void
pdf_info (const char *path,
          double     *width_pt,
          double     *height_pt,
          guint      *pages)
{
  g_autofree char *info = run_tool ("pdfinfo", path, NULL, NULL);
  const char *size = strstr (info, "Page size:");
  const char *n = strstr (info, "Pages:");

  g_assert_nonnull (size);
  g_assert_nonnull (n);
  *width_pt = g_ascii_strtod (size + strlen ("Page size:"), (char **) &size);
  g_assert_true (g_str_has_prefix (g_strchug ((char *) size), "x "));
  *height_pt = g_ascii_strtod (size + 2, NULL);
  *pages = (guint) g_ascii_strtoull (n + strlen ("Pages:"), NULL, 10);
}

static guint
pdf_image_count (const char *path)
{
  g_autofree char *list = run_tool ("pdfimages", "-list", path, NULL);
  g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
  guint n = 0;

  /* Two header lines, then one line per image. */
  for (guint i = 2; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      n++;
  return n;
}

static void
screenshot (const char *path,
            const char *name)
{
  const char *dir = g_getenv ("BOX_SCREENSHOT_DIR");
  g_autofree char *prefix = NULL;
  const char *argv[] = { "pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile",
                         path, NULL, NULL };
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  prefix = g_build_filename (dir, name, NULL);
  argv[10] = prefix;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("screenshot: %s.png", prefix);
}

static void
assert_page (const char *path,
             double      width_mm,
             double      height_mm,
             guint       pages)
{
  double w, h;
  guint n;

  pdf_info (path, &w, &h, &n);
  g_assert_cmpfloat_with_epsilon (w, width_mm / 25.4 * 72, 0.6);
  g_assert_cmpfloat_with_epsilon (h, height_mm / 25.4 * 72, 0.6);
  g_assert_cmpuint (n, ==, pages);
}

/* A tag the way Fienta sends one: a whole document with its own styles. */
static void
test_fienta_tag (void)
{
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = pdf_path ("fienta");
  g_autofree char *text = NULL;
  double w, h;

  g_ptr_array_add (list, make_attendee ("Kadri", "Kask", "Nordic Widgets AS", "VIP",
                                        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                        "<style>body { font-family: sans-serif; text-align: center; }"
                                        " .name { font-size: 28pt; font-weight: bold; margin: 8mm 0 2mm; }"
                                        " .company { font-size: 14pt; }</style></head>"
                                        "<body><p class=\"name\">Kadri Kask</p>"
                                        "<p class=\"company\">Nordic Widgets AS</p></body></html>"));
  g_assert_true (box_label_size_parse ("4x3in", &w, &h, NULL));
  box_tag_renderer_set_label (renderer, w, h, 4);
  render_and_print (renderer, list, path);

  assert_page (path, 101.6, 76.2, 1);
  {
    double pw, ph;
    guint n;

    pdf_info (path, &pw, &ph, &n);
    g_assert_cmpfloat_with_epsilon (pw, 288, 0.5);
    g_assert_cmpfloat_with_epsilon (ph, 216, 0.5);
  }
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Kadri Kask"));
  g_assert_nonnull (strstr (text, "Nordic Widgets AS"));
  screenshot (path, "tag-fienta-4x3in");
}

/* The default template: values with <, & and quotes print as they are. */
static void
test_template_escaping (void)
{
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = pdf_path ("obrien");
  g_autofree char *text = NULL;

  g_ptr_array_add (list, make_attendee ("Siobhán", "O'Brien", "O'Brien & <Sons>", "Exhibitor \"Gold\"",
                                        NULL));
  box_tag_renderer_set_label (renderer, 89, 36, 3);
  render_and_print (renderer, list, path);

  assert_page (path, 89, 36, 1);
  text = pdf_text (path);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "O'Brien & <Sons>"));
  g_assert_nonnull (strstr (text, "Siobhán O'Brien"));
  screenshot (path, "tag-template-89x36mm");
}

/* The default template on A6 and CR80, long values included: for the eye. */
static void
test_template_sizes (void)
{
  static const char * const sizes[] = { "a6", "cr80", "54x90mm", "62x100mm" };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *name = g_strdup_printf ("size-%s", sizes[i]);
      g_autofree char *path = pdf_path (name);
      g_autofree char *shot = g_strdup_printf ("tag-template-%s", sizes[i]);
      g_autofree char *text = NULL;
      double w, h;

      g_ptr_array_add (list, make_attendee ("Maximilian", "Oberhauser-Lindqvist",
                                            "Internationale Kongress- und Messegesellschaft mbH",
                                            "Conference pass", NULL));
      g_assert_true (box_label_size_parse (sizes[i], &w, &h, NULL));
      box_tag_renderer_set_label (renderer, w, h, 4);
      render_and_print (renderer, list, path);
      assert_page (path, w, h, 1);
      text = pdf_text (path);
      g_assert_nonnull (strstr (text, "Maximilian"));
      screenshot (path, shot);
    }
}

static guint
emulator_request_count (BoxTestEmulator *emu)
{
  g_autoptr(JsonNode) log = box_test_emulator_get (emu, "/_control/requests");
  JsonArray *entries;

  g_assert_true (JSON_NODE_HOLDS_ARRAY (log));
  entries = json_node_get_array (log);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      g_test_message ("request: %s %s", json_object_get_string_member (entry, "method"),
                      json_object_get_string_member (entry, "path"));
    }
  return json_array_get_length (entries);
}

static char *
data_png_uri (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 48, 48);
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;
  g_autofree char *base64 = NULL;
  gsize len = 0;

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &png, &len, "png", &error, NULL));
  g_assert_no_error (error);
  base64 = g_base64_encode ((const guchar *) png, len);
  return g_strdup_printf ("data:image/png;base64,%s", base64);
}

/* A tag that tries every way to call home: the server never hears of it, and the data:
 * image still prints. */
static void
test_no_network (void)
{
  g_autoptr(BoxTestEmulator) emu = box_test_emulator_start (10, NULL);
  g_autoptr(JsonNode) reset = NULL;
  g_autoptr(JsonNode) probe = NULL;
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *data_uri = data_png_uri ();
  g_autofree char *hostile = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *path_raw = pdf_path ("hostile-raw");
  g_autofree char *path_tag = pdf_path ("hostile-tag");
  g_autofree char *text = NULL;
  const char *u = emu->url;
  GError *error;

  hostile = g_strdup_printf (
    "<!DOCTYPE html><html><head>"
    "<link rel=\"stylesheet\" href=\"%s/link.css\">"
    "<link rel=\"icon\" href=\"%s/favicon.ico\">"
    "<link rel=\"preload\" as=\"image\" href=\"%s/preload.png\">"
    "<meta http-equiv=\"refresh\" content=\"0; url=%s/refresh\">"
    "<style>@import url(\"%s/import.css\");"
    " body { background: url(%s/background.png); }"
    " @font-face { font-family: X; src: url(%s/font.woff); } p { font-family: X; }</style>"
    "<script src=\"%s/script.js\"></script>"
    "<script>new Image().src = '%s/inline-script';</script>"
    "</head><body onload=\"fetch('%s/onload')\">"
    "<p class=\"name\">Hostile Tag</p>"
    "<img src=\"%s/image.png\" onerror=\"this.src='%s/onerror'\">"
    "<img src=\"%s\" alt=\"data image\">"
    "<img srcset=\"%s/srcset.png 2x\">"
    "<div style=\"background-image: url('%s/inline-style.png'); width: 10mm; height: 10mm\"></div>"
    "<iframe src=\"%s/iframe.html\"></iframe>"
    "<object data=\"%s/object.swf\"></object><embed src=\"%s/embed.swf\">"
    "<video src=\"%s/video.mp4\" poster=\"%s/poster.png\"></video>"
    "<audio src=\"%s/audio.mp3\" autoplay></audio>"
    "<svg width=\"10\" height=\"10\"><image href=\"%s/svg-image.png\"/></svg>"
    "<form action=\"%s/form\"><input type=\"image\" src=\"%s/input.png\"></form>"
    "<a href=\"%s/link\" ping=\"%s/ping\">link</a>"
    "</body></html>",
    u, u, u, u, u, u, u, u, u, u, u, u, data_uri, u, u, u, u, u, u, u, u, u, u, u, u, u);

  /* The log works: a request of ours shows up, and a reset clears it. */
  probe = box_test_emulator_get (emu, "/fienta/api/v1/server_time");
  g_assert_cmpuint (emulator_request_count (emu), ==, 1);
  reset = box_test_emulator_post (emu, "/_control/reset", "{}");
  g_assert_cmpuint (emulator_request_count (emu), ==, 0);

  /* Straight to the printer, without the renderer's CSP or sanitizer: the web view's
   * own rules (content filter, no JavaScript, no navigation) must hold. */
  raw = g_strdup (hostile);
  error = print_pdf (raw, 101.6, 76.2, path_raw);
  g_assert_no_error (error);
  text = pdf_text (path_raw);
  g_assert_nonnull (strstr (text, "Hostile Tag"));
  g_assert_cmpuint (pdf_image_count (path_raw), >=, 1);
  screenshot (path_raw, "tag-hostile-raw");

  /* Through the renderer, as the application prints it. */
  g_ptr_array_add (list, make_attendee ("Hostile", "Tag", NULL, NULL, hostile));
  box_tag_renderer_set_label (renderer, 101.6, 76.2, 4);
  render_and_print (renderer, list, path_tag);
  g_free (text);
  text = pdf_text (path_tag);
  g_assert_nonnull (strstr (text, "Hostile Tag"));
  g_assert_cmpuint (pdf_image_count (path_tag), >=, 1);

  /* Give a late request time to arrive. */
  {
    gint64 until = g_get_monotonic_time () + 500 * G_TIME_SPAN_MILLISECOND;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpuint (emulator_request_count (emu), ==, 0);
}

/* 100 tags, one per page, on two label sizes: no tag may spill onto a page of its own. */
static void
test_batch_100 (void)
{
  static const double sizes[][2] = { { 89, 36 }, { 101.6, 76.2 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *name = g_strdup_printf ("batch-100-%u", s);
      g_autofree char *path = pdf_path (name);
      g_autofree char *text = NULL;
      gint64 start;

      for (guint i = 0; i < 100; i++)
        {
          g_autofree char *first = g_strdup_printf ("Person%03u", i);
          g_autofree char *nametag = NULL;

          /* Half from Fienta, half from the template, some with long companies. */
          if (i % 2 == 0)
            nametag = g_strdup_printf ("<!DOCTYPE html><html><body><p class=\"name\">%s Tamm</p>"
                                       "<p>Acme</p></body></html>", first);
          g_ptr_array_add (list, make_attendee (first, "Tamm",
                                                i % 3 == 0 ? "Ministry of Economic Affairs and Communications" : "Acme",
                                                "Early bird", nametag));
        }
      box_tag_renderer_set_label (renderer, sizes[s][0], sizes[s][1], 3);
      start = g_get_monotonic_time ();
      render_and_print (renderer, list, path);
      g_test_message ("100 tags on %g x %g mm: %.2f s", sizes[s][0], sizes[s][1],
                      (g_get_monotonic_time () - start) / 1e6);

      assert_page (path, sizes[s][0], sizes[s][1], 100);
      text = pdf_text (path);
      g_assert_nonnull (strstr (text, "Person000"));
      g_assert_nonnull (strstr (text, "Person099"));
    }
}

static void
test_a4_sheet (void)
{
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = pdf_path ("a4-a7");
  g_autofree char *path6 = pdf_path ("a4-a6");
  g_autofree char *text = NULL;
  double w, h;
  guint n;

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *first = g_strdup_printf ("Guest%u", i + 1);

      g_ptr_array_add (list, make_attendee (first, "Saar", "Example OÜ", "Speaker", NULL));
    }
  box_tag_renderer_set_label (renderer, 74, 105, 4);
  box_tag_renderer_set_layout (renderer, BOX_TAG_LAYOUT_A4_SHEET);
  box_tag_renderer_set_source (renderer, BOX_TAG_SOURCE_TEMPLATE);
  g_assert_cmpuint (box_tag_renderer_get_tags_per_page (renderer), ==, 8);
  render_and_print (renderer, list, path);

  pdf_info (path, &w, &h, &n);
  g_assert_cmpfloat_with_epsilon (w, 595.28, 0.6);
  g_assert_cmpfloat_with_epsilon (h, 841.89, 0.6);
  g_assert_cmpuint (n, ==, 1);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Guest1"));
  g_assert_nonnull (strstr (text, "Guest8"));
  screenshot (path, "sheet-a4-8xa7");

  /* 8 A6 tags: two sheets of four. */
  box_tag_renderer_set_label (renderer, 105, 148, 5);
  g_assert_cmpuint (box_tag_renderer_get_tags_per_page (renderer), ==, 4);
  render_and_print (renderer, list, path6);
  assert_page (path6, 210, 297, 2);
  screenshot (path6, "sheet-a4-4xa6");
}

/* Jobs queue up and run one after the other; a cancelled one reports so. */
static void
test_queue_and_cancel (void)
{
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *html = NULL;
  g_autofree char *path1 = pdf_path ("queue-1");
  g_autofree char *path2 = pdf_path ("queue-2");
  g_autofree char *path3 = pdf_path ("queue-3");
  GAsyncResult *r1 = NULL, *r2 = NULL, *r3 = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (list, make_attendee ("Queue", "Test", NULL, NULL, NULL));
  html = box_tag_renderer_render (renderer, list);

  box_tag_printer_print_pdf_async (printer, html, 101.6, 76.2, path1, NULL, box_test_got_result, &r1);
  box_tag_printer_print_pdf_async (printer, html, 101.6, 76.2, path2, cancellable, box_test_got_result, &r2);
  box_tag_printer_print_pdf_async (printer, html, 101.6, 76.2, path3, NULL, box_test_got_result, &r3);
  g_cancellable_cancel (cancellable);

  box_test_wait (&r3);
  box_test_wait (&r1);
  box_test_wait (&r2);
  g_assert_true (box_tag_printer_print_finish (printer, r1, &error));
  g_assert_no_error (error);
  g_assert_false (box_tag_printer_print_finish (printer, r2, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (box_tag_printer_print_finish (printer, r3, NULL));
  g_assert_true (g_file_test (path1, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (path2, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path3, G_FILE_TEST_IS_REGULAR));
  g_object_unref (r1);
  g_object_unref (r2);
  g_object_unref (r3);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *cache = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The compiled content filter goes to a cache of the test's own. */
  cache = box_test_make_dir ("cache");
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  work_dir = box_test_make_dir ("pdf");

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }
  printer = box_tag_printer_new ();

  g_test_add_func ("/print/fienta-tag", test_fienta_tag);
  g_test_add_func ("/print/template-escaping", test_template_escaping);
  g_test_add_func ("/print/template-sizes", test_template_sizes);
  g_test_add_func ("/print/no-network", test_no_network);
  g_test_add_func ("/print/batch-100", test_batch_100);
  g_test_add_func ("/print/a4-sheet", test_a4_sheet);
  g_test_add_func ("/print/queue-and-cancel", test_queue_and_cancel);

  status = g_test_run ();
  g_clear_object (&printer);
  box_test_cleanup ();
  return status;
}
