/* box-tag-renderer.c: name tags as HTML documents for WebKit to print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every document starts its <head> with a Content-Security-Policy that allows no network
 * load at all (only data: images, styles and fonts), so that even a WebKit without the
 * printer's content filter fetches nothing. The HTML that goes in, the provider's
 * nametag_html and the organiser's template, is untrusted: it passes through a small
 * tokenizer that drops <script> and friends, every on* attribute and javascript: URLs
 * (defence in depth: the printer's web view runs no JavaScript anyway).
 *
 * Each tag lives in its own fixed-size box, and its HTML and CSS in a declarative shadow
 * root (<template shadowrootmode="open">, which the HTML parser attaches without any
 * script): the styles of one tag cannot reach another tag, nor the page around it. A
 * provider's rules for `html` and `body` are rewritten to the box's `.box-body`.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "box-error.h"
#include "box-tag-renderer.h"

#define A4_WIDTH_MM 210.0
#define A4_HEIGHT_MM 297.0
#define PAGE_SLACK_MM 1.0

#define CSP "default-src 'none'; img-src data:; style-src 'unsafe-inline' data:; font-src data:"

typedef enum
{
  SEGMENT_LITERAL,
  SEGMENT_FIRST_NAME,
  SEGMENT_LAST_NAME,
  SEGMENT_NAME,
  SEGMENT_NAMETAG,
  SEGMENT_COMPANY,
  SEGMENT_TICKET_TYPE,
  SEGMENT_ORDER,
  SEGMENT_CODE,
  SEGMENT_EVENT,
  SEGMENT_ANSWER,
} SegmentKind;

typedef struct
{
  SegmentKind  kind;
  char        *text;   /* the literal, or the answer's key */
} Segment;

static const struct
{
  const char  *name;
  SegmentKind  kind;
} placeholders[] = {
  { "first_name", SEGMENT_FIRST_NAME },
  { "last_name", SEGMENT_LAST_NAME },
  { "name", SEGMENT_NAME },
  { "nametag", SEGMENT_NAMETAG },
  { "company", SEGMENT_COMPANY },
  { "ticket_type", SEGMENT_TICKET_TYPE },
  { "order", SEGMENT_ORDER },
  { "code", SEGMENT_CODE },
  { "event", SEGMENT_EVENT },
};

struct _BoxTagRenderer
{
  GObject       parent_instance;

  GPtrArray    *segments;      /* Segment, the compiled template */
  gboolean      uses_answers;
  BoxTagSource  source;
  char         *event_name;
  double        width_mm;
  double        height_mm;
  double        margin_mm;
  BoxTagLayout  layout;
};

G_DEFINE_FINAL_TYPE (BoxTagRenderer, box_tag_renderer, G_TYPE_OBJECT)

/* The default tag: a large first name, then the full name, the company and the ticket
 * type. Sizes follow the label (--tag-w and --tag-h are its inner width and height,
 * --tag-lines how many lines a long name or company may take there), so
 * the same template suits an 89 x 36 mm address label and an A6 badge. Long values are
 * cut with an ellipsis rather than spilling off the label. */
static const char default_template[] =
  "<style>\n"
  ".tag {\n"
  "  height: 100%; display: flex; flex-direction: column; justify-content: center;\n"
  "  text-align: center; overflow: hidden; color: #000;\n"
  "  font-family: Cantarell, \"Noto Sans\", \"DejaVu Sans\", sans-serif;\n"
  "}\n"
  ".tag > div {\n"
  "  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; line-height: 1.2;\n"
  "}\n"
  ".tag > div:empty { display: none; }\n"
  /* Long names and companies: on two lines where the label is tall enough. */
  ".tag > .name, .tag > .company {\n"
  "  white-space: normal; display: -webkit-box; -webkit-box-orient: vertical;\n"
  "  -webkit-line-clamp: var(--tag-lines, 1); overflow-wrap: anywhere;\n"
  "}\n"
  ".first {\n"
  "  font-weight: 800;\n"
  "  font-size: min(calc(var(--tag-h) * 0.30), calc(var(--tag-w) * 0.14));\n"
  "}\n"
  ".name { font-size: min(calc(var(--tag-h) * 0.12), calc(var(--tag-w) * 0.065)); }\n"
  ".company {\n"
  "  font-weight: 600;\n"
  "  font-size: min(calc(var(--tag-h) * 0.11), calc(var(--tag-w) * 0.06));\n"
  "  margin-top: calc(var(--tag-h) * 0.02);\n"
  "}\n"
  ".ticket {\n"
  "  font-size: min(calc(var(--tag-h) * 0.08), calc(var(--tag-w) * 0.04));\n"
  "  margin-top: calc(var(--tag-h) * 0.03);\n"
  "  text-transform: uppercase; letter-spacing: 0.08em; color: #444;\n"
  "}\n"
  "</style>\n"
  "<div class=\"tag\">\n"
  "  <div class=\"first\">{{nametag}}</div>\n"
  "  <div class=\"name\">{{name}}</div>\n"
  "  <div class=\"company\">{{company}}</div>\n"
  "  <div class=\"ticket\">{{ticket_type}}</div>\n"
  "</div>\n";

static void
segment_free (gpointer data)
{
  Segment *segment = data;

  g_free (segment->text);
  g_free (segment);
}

static void
add_segment (GPtrArray   *segments,
             SegmentKind  kind,
             const char  *text,
             gssize       len)
{
  Segment *segment = g_new0 (Segment, 1);

  segment->kind = kind;
  if (text != NULL)
    segment->text = len < 0 ? g_strdup (text) : g_strndup (text, len);
  g_ptr_array_add (segments, segment);
}

static GPtrArray *
compile_template (const char  *html,
                  gboolean    *uses_answers,
                  GError     **error)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (segment_free);
  const char *p = html;

  *uses_answers = FALSE;
  if (!g_utf8_validate (html, -1, NULL))
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("The name tag template is not valid UTF-8 text"));
      return NULL;
    }

  while (*p != '\0')
    {
      const char *open = strstr (p, "{{");
      const char *close;
      g_autofree char *name = NULL;
      gboolean found = FALSE;

      if (open == NULL)
        {
          add_segment (segments, SEGMENT_LITERAL, p, -1);
          break;
        }
      if (open > p)
        add_segment (segments, SEGMENT_LITERAL, p, open - p);

      close = strstr (open + 2, "}}");
      if (close == NULL)
        {
          g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                       _("The name tag template has a “{{” without its “}}”"));
          return NULL;
        }
      name = g_strstrip (g_strndup (open + 2, close - open - 2));

      for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
        if (strcmp (name, placeholders[i].name) == 0)
          {
            add_segment (segments, placeholders[i].kind, NULL, 0);
            found = TRUE;
            break;
          }
      if (!found && g_str_has_prefix (name, "answer:"))
        {
          g_autofree char *key = g_strstrip (g_strdup (name + strlen ("answer:")));

          if (*key != '\0')
            {
              add_segment (segments, SEGMENT_ANSWER, key, -1);
              *uses_answers = TRUE;
              found = TRUE;
            }
        }
      if (!found)
        {
          g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                       _("Unknown placeholder “{{%s}}” in the name tag template: use "
                         "{{first_name}}, {{last_name}}, {{name}}, {{nametag}}, {{company}}, "
                         "{{ticket_type}}, {{order}}, {{code}}, {{event}} or {{answer:FIELD}}"),
                       name);
          return NULL;
        }
      p = close + 2;
    }

  return g_steal_pointer (&segments);
}

/* ---- HTML escaping and sanitizing ---------------------------------------------- */

static void
append_escaped (GString    *out,
                const char *text)
{
  if (text == NULL)
    return;

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

/* Elements dropped with everything in them. */
static const char * const drop_with_content[] = {
  "script", "title", "iframe", "object", "applet", "frameset", "noframes", "noembed",
};
/* Elements whose start and end tags are dropped (their content, if any, is kept). */
static const char * const drop_tag[] = {
  "html", "head", "body", "base", "meta", "link", "embed", "frame", "portal", "param",
  "template",  /* a </template> would end the tag's shadow tree */
};

static gboolean
in_list (const char         *name,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == ':' || c == '.';
}

/* Where "</@name" starts (case-insensitive), or the end of @html. */
static const char *
find_end_tag (const char *p,
              const char *name)
{
  gsize len = strlen (name);

  for (; *p != '\0'; p++)
    if (p[0] == '<' && p[1] == '/' && g_ascii_strncasecmp (p + 2, name, len) == 0 &&
        !is_name_char (p[2 + len]))
      return p;
  return p;
}

static const char *
skip_past (const char *p,
           const char *what)
{
  const char *found = strstr (p, what);

  return found != NULL ? found + strlen (what) : p + strlen (p);
}

static gboolean
attribute_is_dangerous (const char *name,
                        const char *value)
{
  g_autoptr(GString) squeezed = NULL;

  if (g_str_has_prefix (name, "on") || strcmp (name, "srcdoc") == 0 ||
      strcmp (name, "formaction") == 0 || strcmp (name, "http-equiv") == 0 ||
      strcmp (name, "ping") == 0 || strcmp (name, "shadowrootmode") == 0)
    return TRUE;
  if (value == NULL)
    return FALSE;

  /* javascript:, vbscript: and the like, however spaced or entity-encoded. */
  squeezed = g_string_new (NULL);
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && (guchar) *p >= 0x20)
      g_string_append_c (squeezed, g_ascii_tolower (*p));
  return strstr (squeezed->str, "script:") != NULL ||
         (strstr (squeezed->str, "&#") != NULL && strchr (squeezed->str, ':') != NULL) ||
         strstr (squeezed->str, "&colon") != NULL;
}

/* Parses the attributes of a start tag from @p (after its name) to its '>', appending
 * the safe ones to @out (each as ` name="value"`). Returns where the tag ends and
 * whether it closed with "/>". */
static const char *
parse_attributes (const char *p,
                  GString    *out,
                  gboolean   *self_closing)
{
  *self_closing = FALSE;

  while (*p != '\0')
    {
      const char *name_start;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      while (g_ascii_isspace (*p) || *p == '/')
        {
          if (*p == '/' && p[1] == '>')
            *self_closing = TRUE;
          p++;
        }
      if (*p == '>')
        return p + 1;
      if (*p == '\0')
        return p;

      name_start = p;
      while (*p != '\0' && !g_ascii_isspace (*p) && *p != '/' && *p != '>' &&
             (*p != '=' || p == name_start))
        p++;
      name = g_ascii_strdown (name_start, p - name_start);

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '=')
        {
          const char *value_start;

          p++;
          while (g_ascii_isspace (*p))
            p++;
          if (*p == '"' || *p == '\'')
            {
              char quote = *p++;

              value_start = p;
              while (*p != '\0' && *p != quote)
                p++;
              value = g_strndup (value_start, p - value_start);
              if (*p != '\0')
                p++;
            }
          else
            {
              value_start = p;
              while (*p != '\0' && !g_ascii_isspace (*p) && *p != '>')
                p++;
              value = g_strndup (value_start, p - value_start);
            }
        }

      if (attribute_is_dangerous (name, value))
        continue;
      /* Names can only be what an attribute name may be: no quotes, no '<'. */
      if (strpbrk (name, "\"'<=`") != NULL)
        continue;

      g_string_append_c (out, ' ');
      g_string_append (out, name);
      if (value != NULL)
        {
          g_string_append (out, "=\"");
          for (const char *v = value; *v != '\0'; v++)
            {
              if (*v == '"')
                g_string_append (out, "&quot;");
              else if (*v == '<')
                g_string_append (out, "&lt;");
              else
                g_string_append_c (out, *v);
            }
          g_string_append_c (out, '"');
        }
    }
  return p;
}

/* Copies @html into @out without scripts, dangerous elements and attributes, comments,
 * the document structure (doctype, html, head, body); the text of every <style> goes to
 * @styles instead and the safe attributes of <body> to @body_attributes. */
static void
sanitize_html (const char *html,
               GString    *out,
               GString    *styles,
               GString    *body_attributes)
{
  const char *p = html;

  while (*p != '\0')
    {
      const char *lt = strchr (p, '<');

      if (lt == NULL)
        {
          g_string_append (out, p);
          return;
        }
      g_string_append_len (out, p, lt - p);
      p = lt;

      if (g_str_has_prefix (p, "<!--"))
        {
          p = skip_past (p + 4, "-->");
        }
      else if (p[1] == '!' || p[1] == '?' || (p[1] == '/' && !g_ascii_isalpha (p[2])))
        {
          /* Doctype, processing instruction, CDATA, bogus comment. */
          p = skip_past (p + 1, ">");
        }
      else if (p[1] == '/')
        {
          const char *name_start = p + 2;
          const char *q = name_start;
          g_autofree char *name = NULL;

          while (is_name_char (*q))
            q++;
          name = g_ascii_strdown (name_start, q - name_start);
          p = skip_past (q, ">");
          if (!in_list (name, drop_tag, G_N_ELEMENTS (drop_tag)) &&
              !in_list (name, drop_with_content, G_N_ELEMENTS (drop_with_content)) &&
              strcmp (name, "style") != 0)
            g_string_append_printf (out, "</%s>", name);
        }
      else if (g_ascii_isalpha (p[1]))
        {
          const char *name_start = p + 1;
          const char *q = name_start;
          g_autofree char *name = NULL;
          g_autoptr(GString) attributes = g_string_new (NULL);
          gboolean self_closing;

          while (is_name_char (*q))
            q++;
          name = g_ascii_strdown (name_start, q - name_start);
          p = parse_attributes (q, attributes, &self_closing);

          if (in_list (name, drop_with_content, G_N_ELEMENTS (drop_with_content)))
            {
              if (!self_closing)
                p = skip_past (find_end_tag (p, name), ">");
            }
          else if (strcmp (name, "style") == 0)
            {
              const char *end = find_end_tag (p, "style");

              g_string_append_len (styles, p, end - p);
              g_string_append_c (styles, '\n');
              p = skip_past (end, ">");
            }
          else if (strcmp (name, "body") == 0)
            {
              if (body_attributes != NULL)
                g_string_append (body_attributes, attributes->str);
            }
          else if (!in_list (name, drop_tag, G_N_ELEMENTS (drop_tag)))
            {
              g_string_append_printf (out, "<%s%s%s>", name, attributes->str,
                                      self_closing ? " /" : "");
              /* Raw text that must not be parsed as tags. */
              if (!self_closing && (strcmp (name, "textarea") == 0 || strcmp (name, "xmp") == 0))
                {
                  const char *end = find_end_tag (p, name);

                  for (const char *c = p; c < end; c++)
                    {
                      if (*c == '<')
                        g_string_append (out, "&lt;");
                      else if (*c == '&')
                        g_string_append (out, "&amp;");
                      else
                        g_string_append_c (out, *c);
                    }
                  p = end;
                }
            }
        }
      else
        {
          g_string_append (out, "&lt;");
          p++;
        }
    }
}

/* ---- CSS scoping ---------------------------------------------------------------- */

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || (guchar) c >= 0x80;
}

/* Rewrites the type selectors `html` and `body` of one selector list to `.box-body`. */
static void
append_selector (GString    *out,
                 const char *start,
                 const char *end)
{
  int brackets = 0;

  for (const char *p = start; p < end; )
    {
      if (*p == '[')
        brackets++;
      else if (*p == ']' && brackets > 0)
        brackets--;

      if (brackets == 0 &&
          (p == start || !(is_ident_char (p[-1]) || strchr (".#:\\", p[-1]) != NULL)))
        {
          gsize len = 0;

          if (end - p >= 4 && g_ascii_strncasecmp (p, "html", 4) == 0)
            len = 4;
          else if (end - p >= 4 && g_ascii_strncasecmp (p, "body", 4) == 0)
            len = 4;
          if (len > 0 && (p + len == end || !(is_ident_char (p[len]) || p[len] == '(' || p[len] == '\\')))
            {
              g_string_append (out, ".box-body");
              p += len;
              continue;
            }
        }
      g_string_append_c (out, *p++);
    }
}

static gboolean
at_rule_holds_rules (const char *prelude,
                     const char *end)
{
  static const char * const group_rules[] = {
    "@media", "@supports", "@layer", "@container", "@scope", "@document", "@-moz-document",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (group_rules); i++)
    {
      gsize len = strlen (group_rules[i]);

      if ((gsize) (end - prelude) >= len && g_ascii_strncasecmp (prelude, group_rules[i], len) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Copies a style sheet, with `html` and `body` in selectors made `.box-body` (the
 * tag's root inside its shadow tree). */
static void
append_scoped_css (GString    *out,
                   const char *css)
{
  /* TRUE where the block holds rules (the top level, @media), FALSE for declarations. */
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gboolean));
  const char *prelude = css;
  const char *p = css;
  gboolean rules = TRUE;

  while (*p != '\0')
    {
      if (p[0] == '/' && p[1] == '*')
        {
          p = skip_past (p + 2, "*/");
          continue;
        }
      if (*p == '"' || *p == '\'')
        {
          char quote = *p++;

          while (*p != '\0' && *p != quote)
            p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
          if (*p != '\0')
            p++;
          continue;
        }

      if (*p == '{')
        {
          const char *start = prelude;

          while (start < p && g_ascii_isspace (*start))
            start++;
          if (rules && *start != '@')
            append_selector (out, prelude, p);
          else
            g_string_append_len (out, prelude, p - prelude);
          g_string_append_c (out, '{');
          g_array_append_val (stack, rules);
          rules = rules && *start == '@' && at_rule_holds_rules (start, p);
          prelude = ++p;
        }
      else if (*p == '}' || *p == ';')
        {
          g_string_append_len (out, prelude, p + 1 - prelude);
          if (*p == '}' && stack->len > 0)
            {
              rules = g_array_index (stack, gboolean, stack->len - 1);
              g_array_set_size (stack, stack->len - 1);
            }
          prelude = ++p;
        }
      else
        p++;
    }
  g_string_append (out, prelude);
}

/* ---- the object ------------------------------------------------------------------ */

static void
box_tag_renderer_finalize (GObject *object)
{
  BoxTagRenderer *self = BOX_TAG_RENDERER (object);

  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->event_name, g_free);

  G_OBJECT_CLASS (box_tag_renderer_parent_class)->finalize (object);
}

static void
box_tag_renderer_class_init (BoxTagRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = box_tag_renderer_finalize;
}

static void
box_tag_renderer_init (BoxTagRenderer *self)
{
  g_autoptr(GError) error = NULL;

  self->segments = compile_template (default_template, &self->uses_answers, &error);
  g_assert_no_error (error);
  self->source = BOX_TAG_SOURCE_AUTO;
  self->width_mm = 101.6;
  self->height_mm = 76.2;
  self->margin_mm = 4.0;
  self->layout = BOX_TAG_LAYOUT_ONE_PER_PAGE;
}

BoxTagRenderer *
box_tag_renderer_new (void)
{
  return g_object_new (BOX_TYPE_TAG_RENDERER, NULL);
}

const char *
box_tag_renderer_get_default_template (void)
{
  return default_template;
}

gboolean
box_tag_renderer_set_template (BoxTagRenderer  *self,
                               const char      *html,
                               GError         **error)
{
  GPtrArray *segments;
  gboolean uses_answers;

  g_return_val_if_fail (BOX_IS_TAG_RENDERER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  segments = compile_template (html != NULL ? html : default_template, &uses_answers, error);
  if (segments == NULL)
    return FALSE;

  g_clear_pointer (&self->segments, g_ptr_array_unref);
  self->segments = segments;
  self->uses_answers = uses_answers;
  return TRUE;
}

void
box_tag_renderer_set_source (BoxTagRenderer *self,
                             BoxTagSource    source)
{
  g_return_if_fail (BOX_IS_TAG_RENDERER (self));

  self->source = source;
}

void
box_tag_renderer_set_event_name (BoxTagRenderer *self,
                                 const char     *event_name)
{
  g_return_if_fail (BOX_IS_TAG_RENDERER (self));

  g_free (self->event_name);
  self->event_name = g_strdup (event_name);
}

void
box_tag_renderer_set_label (BoxTagRenderer *self,
                            double          width_mm,
                            double          height_mm,
                            double          margin_mm)
{
  g_return_if_fail (BOX_IS_TAG_RENDERER (self));
  g_return_if_fail (width_mm > 0 && height_mm > 0);

  self->width_mm = width_mm;
  self->height_mm = height_mm;
  /* Leave at least half of each side for the tag. */
  self->margin_mm = CLAMP (margin_mm, 0.0, MIN (width_mm, height_mm) / 4.0);
}

void
box_tag_renderer_set_layout (BoxTagRenderer *self,
                             BoxTagLayout    layout)
{
  g_return_if_fail (BOX_IS_TAG_RENDERER (self));

  self->layout = layout;
}

void
box_tag_renderer_get_page_size (BoxTagRenderer *self,
                                double         *width_mm,
                                double         *height_mm)
{
  g_return_if_fail (BOX_IS_TAG_RENDERER (self));

  if (width_mm != NULL)
    *width_mm = self->layout == BOX_TAG_LAYOUT_A4_SHEET ? A4_WIDTH_MM : self->width_mm;
  if (height_mm != NULL)
    *height_mm = self->layout == BOX_TAG_LAYOUT_A4_SHEET ? A4_HEIGHT_MM : self->height_mm;
}

/* How the tags sit on an A4 sheet: @rotated when they are turned a quarter (a portrait
 * A7 goes 8 to a sheet that way, 4 upright). */
static guint
sheet_grid (BoxTagRenderer *self,
            guint          *columns,
            guint          *rows,
            gboolean       *rotated)
{
  /* What the page box holds: 4 x 74 mm and 2 x 148 mm fit in 296 mm. */
  const double sheet_w = A4_WIDTH_MM + 0.001;
  const double sheet_h = A4_HEIGHT_MM - PAGE_SLACK_MM + 0.001;
  guint c = (guint) floor (sheet_w / self->width_mm);
  guint r = (guint) floor (sheet_h / self->height_mm);
  guint rc = (guint) floor (sheet_w / self->height_mm);
  guint rr = (guint) floor (sheet_h / self->width_mm);
  gboolean turn = rc * rr > c * r;

  if (turn)
    {
      c = rc;
      r = rr;
    }
  c = MAX (c, 1);
  r = MAX (r, 1);

  if (columns != NULL)
    *columns = c;
  if (rows != NULL)
    *rows = r;
  if (rotated != NULL)
    *rotated = turn;
  return c * r;
}

guint
box_tag_renderer_get_tags_per_page (BoxTagRenderer *self)
{
  g_return_val_if_fail (BOX_IS_TAG_RENDERER (self), 1);

  if (self->layout != BOX_TAG_LAYOUT_A4_SHEET)
    return 1;
  return sheet_grid (self, NULL, NULL, NULL);
}

/* ---- rendering ------------------------------------------------------------------- */

static void
append_mm (GString *out,
           double   mm)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.3f", mm));
  g_string_append (out, "mm");
}

static char *
lookup_answer (JsonObject *details,
               const char *key)
{
  JsonNode *node = NULL;

  if (details == NULL)
    return NULL;

  if (json_object_has_member (details, key))
    node = json_object_get_member (details, key);
  else
    {
      g_autoptr(GList) members = json_object_get_members (details);

      for (GList *l = members; l != NULL; l = l->next)
        if (g_utf8_collate (l->data, key) == 0 || g_ascii_strcasecmp (l->data, key) == 0)
          {
            node = json_object_get_member (details, l->data);
            break;
          }
    }

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static char *
fill_template (BoxTagRenderer *self,
               BoxAttendee    *attendee)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonNode) details_node = NULL;
  JsonObject *details = NULL;

  if (self->uses_answers && box_attendee_get_details (attendee) != NULL)
    {
      details_node = json_from_string (box_attendee_get_details (attendee), NULL);
      if (details_node != NULL && JSON_NODE_HOLDS_OBJECT (details_node))
        details = json_node_get_object (details_node);
    }

  for (guint i = 0; i < self->segments->len; i++)
    {
      const Segment *segment = g_ptr_array_index (self->segments, i);

      switch (segment->kind)
        {
        case SEGMENT_LITERAL:
          g_string_append (out, segment->text);
          break;
        case SEGMENT_FIRST_NAME:
          append_escaped (out, box_attendee_get_first_name (attendee));
          break;
        case SEGMENT_LAST_NAME:
          append_escaped (out, box_attendee_get_last_name (attendee));
          break;
        case SEGMENT_NAME:
          append_escaped (out, box_attendee_get_name (attendee));
          break;
        case SEGMENT_NAMETAG:
          {
            /* The name the person chose for their tag (Currinda's Nametag), else the
             * first name, as people are called at an event. */
            g_autofree char *chosen = box_attendee_dup_detail (attendee, "_nametag");

            append_escaped (out, chosen != NULL && *chosen != '\0'
                                 ? chosen : box_attendee_get_first_name (attendee));
          }
          break;
        case SEGMENT_COMPANY:
          append_escaped (out, box_attendee_get_company (attendee));
          break;
        case SEGMENT_TICKET_TYPE:
          append_escaped (out, box_attendee_get_ticket_type (attendee));
          break;
        case SEGMENT_ORDER:
          append_escaped (out, box_attendee_get_order_code (attendee));
          break;
        case SEGMENT_CODE:
          append_escaped (out, box_attendee_get_code (attendee));
          break;
        case SEGMENT_EVENT:
          append_escaped (out, self->event_name);
          break;
        case SEGMENT_ANSWER:
          {
            g_autofree char *answer = lookup_answer (details, segment->text);

            append_escaped (out, answer);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* One tag: a box of the label's size, its content in a shadow tree of its own. */
static void
append_tag (BoxTagRenderer *self,
            GString        *out,
            BoxAttendee    *attendee)
{
  g_autoptr(GString) content = g_string_new (NULL);
  g_autoptr(GString) styles = g_string_new (NULL);
  g_autoptr(GString) body_attributes = g_string_new (NULL);
  const char *nametag = box_attendee_get_nametag_html (attendee);

  if (self->source == BOX_TAG_SOURCE_AUTO && nametag != NULL && *nametag != '\0' &&
      g_utf8_validate (nametag, -1, NULL))
    {
      sanitize_html (nametag, content, styles, body_attributes);
    }
  else
    {
      g_autofree char *filled = fill_template (self, attendee);

      sanitize_html (filled, content, styles, body_attributes);
    }

  g_string_append (out, "<div class=\"box-tag\"><template shadowrootmode=\"open\">"
                          "<style>\n"
                          ":host { display: block; }\n"
                          ".box-body { display: block; width: 100%; height: 100%;"
                          " overflow: hidden; position: relative; }\n");
  append_scoped_css (out, styles->str);
  /* A closing tag in the text would end our <style>: the sanitizer collected it up to
   * the first "</style", so there is none. */
  g_string_append (out, "</style><div");
  /* The provider's <body> class and style, with a class of ours in front. */
  {
    const char *class_attr = strstr (body_attributes->str, " class=\"");

    if (class_attr != NULL)
      {
        g_string_append_len (out, body_attributes->str, class_attr - body_attributes->str);
        g_string_append (out, " class=\"box-body ");
        g_string_append (out, class_attr + strlen (" class=\""));
      }
    else
      {
        g_string_append (out, " class=\"box-body\"");
        g_string_append (out, body_attributes->str);
      }
  }
  g_string_append (out, ">");
  g_string_append (out, content->str);
  g_string_append (out, "</div></template></div>\n");
}

char *
box_tag_renderer_render (BoxTagRenderer *self,
                         GPtrArray      *attendees)
{
  g_autoptr(GString) out = g_string_new (NULL);
  double page_w, page_h;
  guint columns = 1, rows = 1;
  gboolean rotated = FALSE;
  guint per_page;

  g_return_val_if_fail (BOX_IS_TAG_RENDERER (self), NULL);
  g_return_val_if_fail (attendees != NULL, NULL);

  box_tag_renderer_get_page_size (self, &page_w, &page_h);
  per_page = self->layout == BOX_TAG_LAYOUT_A4_SHEET ? sheet_grid (self, &columns, &rows, &rotated) : 1;

  g_string_append (out, "<!DOCTYPE html>\n<html><head>\n"
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"" CSP "\">\n"
                        "<meta charset=\"utf-8\">\n"
                        "<meta name=\"referrer\" content=\"no-referrer\">\n"
                        "<style>\n@page { size: ");
  append_mm (out, page_w);
  g_string_append_c (out, ' ');
  append_mm (out, page_h);
  g_string_append (out, "; margin: 0; }\n"
                        "html, body { margin: 0; padding: 0; background: #fff; }\n"
                        "* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
                        ".box-page { overflow: hidden; position: relative; break-inside: avoid; line-height: 0; width: ");
  append_mm (out, page_w);
  /* A millimetre short of the page: WebKit's page is a hair shorter than asked
   * (rounding), and a box of the full height spills a blank page after each tag. */
  g_string_append (out, "; height: ");
  append_mm (out, page_h - PAGE_SLACK_MM);
  g_string_append (out, "; }\n"
                        ".box-page + .box-page { break-before: page; }\n"
                        /* An inline-block is never split across pages, nor its lines pushed. */
                        ".box-tag { display: inline-block; vertical-align: top; line-height: normal;"
                        " box-sizing: border-box;"
                        " overflow: hidden; position: relative;"
                        " contain: layout paint style; width: ");
  append_mm (out, self->width_mm);
  g_string_append (out, "; height: ");
  append_mm (out, self->layout == BOX_TAG_LAYOUT_A4_SHEET ? self->height_mm : self->height_mm - PAGE_SLACK_MM);
  g_string_append (out, "; padding: ");
  append_mm (out, self->margin_mm);
  g_string_append (out, "; --tag-w: ");
  append_mm (out, self->width_mm - 2 * self->margin_mm);
  g_string_append (out, "; --tag-h: ");
  append_mm (out, self->height_mm - 2 * self->margin_mm);
  g_string_append_printf (out, "; --tag-lines: %d; }\n",
                          self->height_mm >= 0.55 * self->width_mm ? 2 : 1);

  if (self->layout == BOX_TAG_LAYOUT_A4_SHEET)
    {
      double cell_w = rotated ? self->height_mm : self->width_mm;
      double cell_h = rotated ? self->width_mm : self->height_mm;

      g_string_append_printf (out, ".box-page { display: grid; justify-content: center;"
                                   " align-content: center; grid-template-columns: repeat(%u, ",
                              columns);
      append_mm (out, cell_w);
      g_string_append_printf (out, "); grid-template-rows: repeat(%u, ", rows);
      append_mm (out, cell_h);
      g_string_append (out, "); }\n"
                            /* Thin cut lines, drawn inside each cell. */
                            ".box-cell { position: relative; overflow: hidden;"
                            " outline: 0.15mm dashed #999; outline-offset: -0.075mm; }\n");
      if (rotated)
        {
          /* Turned a quarter to the left, its top-left corner at the cell's bottom-left. */
          g_string_append (out, ".box-cell > .box-tag { position: absolute; left: 0; top: 0;"
                                " transform-origin: 0 0; transform: translateY(");
          append_mm (out, cell_h);
          g_string_append (out, ") rotate(-90deg); }\n");
        }
    }
  g_string_append (out, "</style>\n</head>\n<body>\n");

  for (guint i = 0; i < attendees->len; i++)
    {
      BoxAttendee *attendee = g_ptr_array_index (attendees, i);

      if (i % per_page == 0)
        {
          if (i > 0)
            g_string_append (out, "</div>\n");
          g_string_append (out, "<div class=\"box-page\">\n");
        }
      if (self->layout == BOX_TAG_LAYOUT_A4_SHEET)
        g_string_append (out, "<div class=\"box-cell\">");
      append_tag (self, out, attendee);
      if (self->layout == BOX_TAG_LAYOUT_A4_SHEET)
        g_string_append (out, "</div>\n");
    }
  if (attendees->len > 0)
    g_string_append (out, "</div>\n");
  g_string_append (out, "</body>\n</html>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
