/* test-tags.c: name tags as HTML (BoxTagRenderer) and label sizes, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "box-attendee.h"
#include "box-error.h"
#include "box-label-size.h"
#include "box-tag-renderer.h"

#define CSP_META "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; " \
                 "img-src data:; style-src 'unsafe-inline' data:; font-src data:\">"

static BoxAttendee *
make_attendee (const char *first,
               const char *last,
               const char *company,
               const char *nametag_html)
{
  BoxAttendee *a = box_attendee_new ();
  g_autofree char *name = g_strdup_printf ("%s %s", first, last);

  box_attendee_set_code (a, "ABC123XYZ0");
  box_attendee_set_first_name (a, first);
  box_attendee_set_last_name (a, last);
  box_attendee_set_name (a, name);
  box_attendee_set_company (a, company);
  box_attendee_set_ticket_type (a, "Speaker");
  box_attendee_set_order_code (a, "5000123");
  box_attendee_set_nametag_html (a, nametag_html);
  box_attendee_set_details (a, "{\"T-shirt size\":\"XL\",\"Diet\":\"<vegan> & \\\"more\\\"\"}");
  return a;
}

static char *
render_one (BoxTagRenderer *renderer,
            BoxAttendee    *attendee)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  g_ptr_array_add (list, attendee);
  return box_tag_renderer_render (renderer, list);
}

/* The CSP is the first thing in <head>, and nothing in the document can run. */
static void
assert_safe_document (const char *html)
{
  const char *head = strstr (html, "<head>");
  g_autofree char *lower = g_ascii_strdown (html, -1);

  g_assert_nonnull (head);
  head += strlen ("<head>");
  head += strspn (head, " \n");
  g_assert_true (g_str_has_prefix (head, CSP_META));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, " onload"));
  g_assert_null (strstr (lower, " onerror"));
  g_assert_null (strstr (lower, " onclick"));
  g_assert_null (strstr (lower, "javascript:"));
  g_assert_null (strstr (lower, "<iframe"));
  g_assert_null (strstr (lower, "<link"));
  g_assert_null (strstr (lower, "<base"));
  /* Exactly one CSP: ours. */
  g_assert_true (strstr (strstr (html, CSP_META) + strlen (CSP_META), "Content-Security-Policy") == NULL);
}

static void
test_template_fill (void)
{
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autoptr(BoxAttendee) a = make_attendee ("Mari", "Tamm", "Acme OÜ", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;

  box_tag_renderer_set_event_name (renderer, "Tallinn Tech Summit");
  g_assert_true (box_tag_renderer_set_template (renderer,
                                                "<p>{{first_name}}|{{last_name}}|{{ name }}|{{company}}|"
                                                "{{ticket_type}}|{{order}}|{{code}}|{{event}}</p>",
                                                &error));
  g_assert_no_error (error);
  html = render_one (renderer, a);
  assert_safe_document (html);
  g_assert_nonnull (strstr (html, "<p>Mari|Tamm|Mari Tamm|Acme OÜ|Speaker|5000123|ABC123XYZ0|"
                                  "Tallinn Tech Summit</p>"));
}

static void
test_default_template (void)
{
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autoptr(BoxAttendee) a = make_attendee ("Mari", "Tamm", "Acme", "<p>Fienta tag</p>");
  g_autofree char *html = NULL;
  g_autofree char *html2 = NULL;

  g_assert_nonnull (strstr (box_tag_renderer_get_default_template (), "{{nametag}}"));

  /* AUTO takes the provider's tag; TEMPLATE the template. */
  html = render_one (renderer, a);
  assert_safe_document (html);
  g_assert_nonnull (strstr (html, "<p>Fienta tag</p>"));
  g_assert_null (strstr (html, "class=\"first\""));

  box_tag_renderer_set_source (renderer, BOX_TAG_SOURCE_TEMPLATE);
  html2 = render_one (renderer, a);
  assert_safe_document (html2);
  g_assert_null (strstr (html2, "Fienta tag"));
  g_assert_nonnull (strstr (html2, "<div class=\"first\">Mari</div>"));
  g_assert_nonnull (strstr (html2, "<div class=\"company\">Acme</div>"));
}

/* The name a person chose for their tag (Currinda's Nametag) is the big one; the full
 * name stays below it. Without one, the first name is. */
static void
test_chosen_name (void)
{
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autoptr(BoxAttendee) zoe = make_attendee ("Zoë", "Lefèvre", NULL, NULL);
  g_autoptr(BoxAttendee) mari = make_attendee ("Mari", "Tamm", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *custom = NULL;

  box_attendee_set_details (zoe, "{\"_nametag\":\"Dr Zoë <L.>\",\"Name tag\":\"Dr Zoë <L.>\"}");
  html = render_one (renderer, zoe);
  g_assert_nonnull (strstr (html, "<div class=\"first\">Dr Zoë &lt;L.&gt;</div>"));
  g_assert_nonnull (strstr (html, "<div class=\"name\">Zoë Lefèvre</div>"));
  plain = render_one (renderer, mari);
  g_assert_nonnull (strstr (plain, "<div class=\"first\">Mari</div>"));

  g_assert_true (box_tag_renderer_set_template (renderer, "<b>{{ nametag }}</b>", &error));
  g_assert_no_error (error);
  custom = render_one (renderer, zoe);
  g_assert_nonnull (strstr (custom, "<b>Dr Zoë &lt;L.&gt;</b>"));
}

static void
test_escaping (void)
{
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autoptr(BoxAttendee) a = make_attendee ("Seán \"Ace\"", "O'Brien", "O'Brien & <Sons>", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;

  g_assert_true (box_tag_renderer_set_template (renderer,
                                                "<b title=\"{{company}}\">{{company}}</b><i>{{first_name}}</i>",
                                                &error));
  g_assert_no_error (error);
  html = render_one (renderer, a);
  assert_safe_document (html);
  g_assert_nonnull (strstr (html, "<b title=\"O&#39;Brien &amp; &lt;Sons&gt;\">O&#39;Brien &amp; &lt;Sons&gt;</b>"));
  g_assert_nonnull (strstr (html, "<i>Seán &quot;Ace&quot;</i>"));
  g_assert_null (strstr (html, "<Sons>"));
}

static void
test_unknown_placeholder (void)
{
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autoptr(BoxAttendee) a = make_attendee ("Mari", "Tamm", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;

  g_assert_false (box_tag_renderer_set_template (renderer, "<p>{{nickname}}</p>", &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "nickname"));
  g_clear_error (&error);

  g_assert_false (box_tag_renderer_set_template (renderer, "<p>{{name</p>", &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (box_tag_renderer_set_template (renderer, "<p>{{answer:}}</p>", &error));
  g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* A failed template leaves the previous one. */
  box_tag_renderer_set_source (renderer, BOX_TAG_SOURCE_TEMPLATE);
  html = render_one (renderer, a);
  g_assert_nonnull (strstr (html, "<div class=\"first\">Mari</div>"));

  /* NULL is the default template again. */
  g_assert_true (box_tag_renderer_set_template (renderer, NULL, &error));
  g_assert_no_error (error);
}

static void
test_answers (void)
{
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autoptr(BoxAttendee) a = make_attendee ("Mari", "Tamm", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;

  g_assert_true (box_tag_renderer_set_template (renderer,
                                                "<p>[{{answer:T-shirt size}}][{{answer:Diet}}]"
                                                "[{{answer:Missing}}][{{company}}]</p>",
                                                &error));
  g_assert_no_error (error);
  html = render_one (renderer, a);
  g_assert_nonnull (strstr (html, "<p>[XL][&lt;vegan&gt; &amp; &quot;more&quot;][][]</p>"));

  /* Details that are not JSON give empty answers, not a crash. */
  box_attendee_set_details (a, "not json {");
  g_free (html);
  html = render_one (renderer, a);
  g_assert_nonnull (strstr (html, "<p>[][][][]</p>"));
}

static void
test_label_sizes (void)
{
  const BoxLabelSize *sizes;
  const BoxLabelSize *size;
  g_autoptr(GError) error = NULL;
  double w = 0, h = 0;
  guint n = 0;
  static const char * const ids[] = { "4x3in", "a6", "a7", "cr80", "89x36mm", "62x100mm", "54x90mm" };

  sizes = box_label_sizes (&n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_cmpstr (sizes[i].id, ==, ids[i]);
      g_assert_nonnull (sizes[i].label);
      g_assert_true (box_label_size_find (ids[i]) == &sizes[i]);
    }
  g_assert_null (box_label_size_find ("b5"));
  g_assert_null (box_label_size_find (NULL));

  size = box_label_size_find ("cr80");
  g_assert_cmpfloat_with_epsilon (size->width_mm, 85.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (size->height_mm, 53.98, 1e-9);

  g_assert_true (box_label_size_parse ("A6", &w, &h, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (w, 105, 1e-9);
  g_assert_cmpfloat_with_epsilon (h, 148, 1e-9);

  g_assert_true (box_label_size_parse ("4x3in", &w, &h, &error));
  g_assert_cmpfloat_with_epsilon (w, 101.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (h, 76.2, 1e-9);

  g_assert_true (box_label_size_parse ("100x70mm", &w, &h, &error));
  g_assert_cmpfloat_with_epsilon (w, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (h, 70, 1e-9);

  g_assert_true (box_label_size_parse (" 3.5 x 2.25 IN ", &w, &h, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (w, 88.9, 1e-9);
  g_assert_cmpfloat_with_epsilon (h, 57.15, 1e-9);

  g_assert_true (box_label_size_parse ("62×29mm", &w, &h, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (w, 62, 1e-9);

  {
    static const char * const bad[] = {
      "", "   ", "100x70", "100x70cm", "x70mm", "100xmm", "100x70x5mm", "-10x70mm",
      "5x70mm", "100x501mm", "30x30in", "1e2x70mm", "abcmm", "100,5x70mm",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (box_label_size_parse (bad[i], &w, &h, &error));
        g_assert_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT);
        g_assert_cmpuint (strlen (error->message), >, 10);
        g_clear_error (&error);
      }
    g_assert_false (box_label_size_parse (NULL, &w, &h, &error));
    g_clear_error (&error);
  }
}

static void
test_layout (void)
{
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *html = NULL;
  double w, h;
  const char *p;
  guint pages = 0;

  box_tag_renderer_set_label (renderer, 89, 36, 3);
  box_tag_renderer_get_page_size (renderer, &w, &h);
  g_assert_cmpfloat (w, ==, 89);
  g_assert_cmpfloat (h, ==, 36);
  g_assert_cmpuint (box_tag_renderer_get_tags_per_page (renderer), ==, 1);

  box_tag_renderer_set_layout (renderer, BOX_TAG_LAYOUT_A4_SHEET);
  box_tag_renderer_get_page_size (renderer, &w, &h);
  g_assert_cmpfloat (w, ==, 210);
  g_assert_cmpfloat (h, ==, 297);

  box_tag_renderer_set_label (renderer, 105, 148, 5);
  g_assert_cmpuint (box_tag_renderer_get_tags_per_page (renderer), ==, 4);
  box_tag_renderer_set_label (renderer, 74, 105, 4);
  g_assert_cmpuint (box_tag_renderer_get_tags_per_page (renderer), ==, 8);
  box_tag_renderer_set_label (renderer, 105, 74, 4);
  g_assert_cmpuint (box_tag_renderer_get_tags_per_page (renderer), ==, 8);
  box_tag_renderer_set_label (renderer, 300, 400, 4);
  g_assert_cmpuint (box_tag_renderer_get_tags_per_page (renderer), ==, 1);

  /* 10 A7 tags: 2 sheets, 8 + 2 cells, A4 @page. */
  box_tag_renderer_set_label (renderer, 74, 105, 4);
  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (list, make_attendee ("Mari", "Tamm", NULL, NULL));
  html = box_tag_renderer_render (renderer, list);
  assert_safe_document (html);
  g_assert_nonnull (strstr (html, "@page { size: 210.000mm 297.000mm; margin: 0; }"));
  for (p = html; (p = strstr (p, "<div class=\"box-page\">")) != NULL; p++)
    pages++;
  g_assert_cmpuint (pages, ==, 2);
  pages = 0;
  for (p = html; (p = strstr (p, "<div class=\"box-cell\">")) != NULL; p++)
    pages++;
  g_assert_cmpuint (pages, ==, 10);

  /* One per page: the label is the page. */
  box_tag_renderer_set_layout (renderer, BOX_TAG_LAYOUT_ONE_PER_PAGE);
  box_tag_renderer_set_label (renderer, 101.6, 76.2, 4);
  g_free (html);
  html = box_tag_renderer_render (renderer, list);
  g_assert_nonnull (strstr (html, "@page { size: 101.600mm 76.200mm; margin: 0; }"));
  pages = 0;
  for (p = html; (p = strstr (p, "<div class=\"box-page\">")) != NULL; p++)
    pages++;
  g_assert_cmpuint (pages, ==, 10);

  /* No attendees: still a valid, safe document. */
  g_ptr_array_set_size (list, 0);
  g_free (html);
  html = box_tag_renderer_render (renderer, list);
  assert_safe_document (html);
}

static void
test_sanitize (void)
{
  g_autoptr(BoxTagRenderer) renderer = box_tag_renderer_new ();
  g_autoptr(BoxAttendee) a = NULL;
  g_autofree char *html = NULL;
  static const char hostile[] =
    "<!DOCTYPE html><html><head><title>T</title>"
    "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/\">"
    "<base href=\"http://evil.example/\">"
    "<link rel=\"stylesheet\" href=\"http://evil.example/s.css\">"
    "<style>body { font-size: 20px } html, body.x > p { color: red } .nobody { }"
    " @media print { body { margin: 0 } } </style>"
    "<SCRIPT>alert(1)</SCRIPT><script src=\"http://evil.example/x.js\"></script>"
    "</head><body class=\"fienta\" onload=\"alert(2)\">"
    "<p class=\"name\" ONCLICK=\"x()\" onmouseover='y()'>Mari Tamm</p>"
    "<a href=\"javascript:alert(3)\">link</a><a href=\" jav&#x09;ascript:x\">l2</a>"
    "<img src=\"data:image/png;base64,AAAA\" onerror=\"alert(4)\">"
    "<iframe src=\"http://evil.example/\"></iframe>"
    "<svg><script>alert(5)</script></svg>"
    "<p>1 < 2 &amp; 3 > 2</p><!-- <script>alert(6)</script> -->"
    "</template><p>after</p>"
    "</body></html>";

  a = make_attendee ("Mari", "Tamm", NULL, hostile);
  html = render_one (renderer, a);
  assert_safe_document (html);
  g_assert_null (strstr (html, "alert"));
  g_assert_null (strstr (html, "evil.example"));
  g_assert_null (strstr (html, "<title>"));
  g_assert_nonnull (strstr (html, "<p class=\"name\">Mari Tamm</p>"));
  g_assert_nonnull (strstr (html, "<a>link</a>"));
  g_assert_nonnull (strstr (html, "<img src=\"data:image/png;base64,AAAA\">"));
  g_assert_nonnull (strstr (html, "<p>1 &lt; 2 &amp; 3 > 2</p>"));
  g_assert_nonnull (strstr (html, "<div class=\"box-body fienta\">"));
  /* The provider's styles, scoped: body and html are the tag's own box. */
  g_assert_nonnull (strstr (html, ".box-body { font-size: 20px }"));
  g_assert_nonnull (strstr (html, ".box-body, .box-body.x > p { color: red }"));
  g_assert_nonnull (strstr (html, ".nobody { }"));
  g_assert_nonnull (strstr (html, "@media print { .box-body { margin: 0 } }"));
  /* One shadow tree per tag, closed where we close it. */
  g_assert_nonnull (strstr (html, "<p>after</p></div></template></div>"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tags/template-fill", test_template_fill);
  g_test_add_func ("/tags/default-template", test_default_template);
  g_test_add_func ("/tags/chosen-name", test_chosen_name);
  g_test_add_func ("/tags/escaping", test_escaping);
  g_test_add_func ("/tags/unknown-placeholder", test_unknown_placeholder);
  g_test_add_func ("/tags/answers", test_answers);
  g_test_add_func ("/tags/label-sizes", test_label_sizes);
  g_test_add_func ("/tags/layout", test_layout);
  g_test_add_func ("/tags/sanitize", test_sanitize);

  return g_test_run ();
}
