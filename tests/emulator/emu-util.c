/* emu-util.c - JSON writing, query parsing and request helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "emu-core.h"

#include <string.h>

/* ---------------------------------------------------------------------- */
/* JSON / HTML output                                                     */
/* ---------------------------------------------------------------------- */

static void
json_escape_valid (GString *s, const char *str, gsize len)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = str;
  const char *end = str + len;
  const char *p;

  for (p = str; p < end; p++)
    {
      guchar c = (guchar) *p;
      const char *esc = NULL;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      if (p > run)
        g_string_append_len (s, run, p - run);
      run = p + 1;

      switch (c)
        {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default: break;
        }

      if (esc != NULL)
        {
          g_string_append (s, esc);
        }
      else
        {
          char u[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf], 0 };
          g_string_append_len (s, u, 6);
        }
    }

  if (end > run)
    g_string_append_len (s, run, end - run);
}

/* Appends @str (@len bytes) as a quoted JSON string.  UTF-8 is kept as
 * is; invalid UTF-8 is replaced by U+FFFD so the output stays valid. */
void
emu_json_string_len (GString *s, const char *str, gsize len)
{
  g_string_append_c (s, '"');
  if (g_utf8_validate_len (str, len, NULL))
    {
      json_escape_valid (s, str, len);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (str, (gssize) len);
      json_escape_valid (s, valid, strlen (valid));
    }
  g_string_append_c (s, '"');
}

/* Appends @str as a quoted JSON string, or null when @str is NULL. */
void
emu_json_string (GString *s, const char *str)
{
  if (str == NULL)
    g_string_append (s, "null");
  else
    emu_json_string_len (s, str, strlen (str));
}

void
emu_json_int (GString *s, gint64 v)
{
  char buf[24];
  int i = sizeof buf;
  guint64 u = v < 0 ? (guint64) 0 - (guint64) v : (guint64) v;

  do
    {
      buf[--i] = (char) ('0' + (u % 10));
      u /= 10;
    }
  while (u != 0);
  if (v < 0)
    buf[--i] = '-';
  g_string_append_len (s, buf + i, (gssize) sizeof buf - i);
}

/* Appends "key": (the key must not need escaping). */
void
emu_json_key (GString *s, const char *key)
{
  g_string_append_c (s, '"');
  g_string_append (s, key);
  g_string_append (s, "\":");
}

void
emu_html_escape (GString *s, const char *str)
{
  const char *p;

  if (str == NULL)
    return;

  for (p = str; *p; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (s, "&amp;"); break;
        case '<': g_string_append (s, "&lt;"); break;
        case '>': g_string_append (s, "&gt;"); break;
        case '"': g_string_append (s, "&quot;"); break;
        case '\'': g_string_append (s, "&#039;"); break;
        default: g_string_append_c (s, *p); break;
        }
    }
}

/* Checks, without recursion, that @data nests arrays/objects at most
 * @max_depth deep, so that json-glib's recursive parser stays safe. */
gboolean
emu_json_depth_ok (const char *data, gsize len, guint max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gsize i;

  for (i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Query strings and paths                                                */
/* ---------------------------------------------------------------------- */

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes %XX escapes (and '+' when @plus_is_space).  Malformed escapes
 * are kept literally.  The result may contain invalid UTF-8. */
char *
emu_percent_decode (const char *s, gssize len, gboolean plus_is_space)
{
  GString *out;
  gsize n = len < 0 ? strlen (s) : (gsize) len;
  gsize i;

  out = g_string_sized_new (n);
  for (i = 0; i < n; i++)
    {
      if (s[i] == '%' && i + 2 < n)
        {
          int hi = hex_value (s[i + 1]);
          int lo = hex_value (s[i + 2]);

          if (hi >= 0 && lo >= 0)
            {
              g_string_append_c (out, (char) (hi * 16 + lo));
              i += 2;
              continue;
            }
        }
      if (plus_is_space && s[i] == '+')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, s[i]);
    }

  return g_string_free (out, FALSE);
}

/* Parses a raw query string into a table of decoded key -> value.  Unlike
 * soup_form_decode(), a bare key ("?attendees") is kept, with value "". */
GHashTable *
emu_query_parse (const char *query)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *p = query;

  while (p != NULL && *p != '\0')
    {
      const char *amp = strchr (p, '&');
      gsize len = amp ? (gsize) (amp - p) : strlen (p);

      if (len > 0)
        {
          const char *eq = memchr (p, '=', len);
          char *key, *value;

          if (eq != NULL)
            {
              key = emu_percent_decode (p, eq - p, TRUE);
              value = emu_percent_decode (eq + 1, (gssize) (len - (eq - p) - 1), TRUE);
            }
          else
            {
              key = emu_percent_decode (p, (gssize) len, TRUE);
              value = g_strdup ("");
            }
          g_hash_table_replace (table, key, value);
        }

      p = amp ? amp + 1 : NULL;
    }

  return table;
}

/* Splits a (percent-encoded) path into decoded segments, dropping empty
 * ones, so "/a//b/" gives { "a", "b" }. */
char **
emu_path_split (const char *path, guint *n_out)
{
  GPtrArray *segs = g_ptr_array_new ();
  const char *p = path;

  while (p != NULL && *p != '\0')
    {
      const char *slash = strchr (p, '/');
      gsize len = slash ? (gsize) (slash - p) : strlen (p);

      if (len > 0)
        g_ptr_array_add (segs, emu_percent_decode (p, (gssize) len, FALSE));
      p = slash ? slash + 1 : NULL;
    }

  *n_out = segs->len;
  g_ptr_array_add (segs, NULL);
  return (char **) g_ptr_array_free (segs, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Requests                                                               */
/* ---------------------------------------------------------------------- */

const char *
emu_request_param (EmuRequest *req, const char *key)
{
  return req->params ? g_hash_table_lookup (req->params, key) : NULL;
}

gboolean
emu_request_has_param (EmuRequest *req, const char *key)
{
  return req->params != NULL && g_hash_table_contains (req->params, key);
}

gboolean
emu_request_method_is (EmuRequest *req, const char *method)
{
  if (g_str_equal (method, "GET") && g_str_equal (req->method, "HEAD"))
    return TRUE;
  return g_str_equal (req->method, method);
}

const char *
emu_request_header (EmuRequest *req, const char *name)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);

  return soup_message_headers_get_one (headers, name);
}

/* Parses the request body as JSON.  Returns a new node or NULL with
 * @error set. */
JsonNode *
emu_request_parse_json (EmuRequest *req, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;

  if (req->body_len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "empty body");
      return NULL;
    }
  if (!emu_json_depth_ok (req->body, req->body_len, EMU_JSON_MAX_DEPTH))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "JSON nested too deeply");
      return NULL;
    }
  if (!g_utf8_validate_len (req->body, req->body_len, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "body is not UTF-8");
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, req->body, (gssize) req->body_len, error))
    return NULL;

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "empty JSON document");
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/* Sets the response; takes ownership of @body (may be NULL). */
void
emu_request_respond (EmuRequest *req, guint status, const char *content_type, GString *body)
{
  req->status = status;
  g_free (req->content_type);
  req->content_type = g_strdup (content_type);
  if (req->response != NULL)
    g_string_free (req->response, TRUE);
  req->response = body ? body : g_string_new (NULL);
}

void
emu_request_respond_json (EmuRequest *req, guint status, GString *body)
{
  emu_request_respond (req, status, "application/json", body);
}

void
emu_request_respond_text (EmuRequest *req, guint status, const char *content_type, const char *text)
{
  emu_request_respond (req, status, content_type, g_string_new (text));
}

void
emu_request_add_header (EmuRequest *req, const char *name, const char *value)
{
  g_ptr_array_add (req->headers, g_strdup (name));
  g_ptr_array_add (req->headers, g_strdup (value));
}

/* Returns the string value of @member, or NULL if it is missing, null or
 * not a string.  @present / @is_null (optional) tell which. */
const char *
emu_json_get_string (JsonObject *obj, const char *member, gboolean *present, gboolean *is_null)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (present)
    *present = node != NULL;
  if (is_null)
    *is_null = node != NULL && JSON_NODE_HOLDS_NULL (node);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Reads an integer member (also accepts a numeric string).  Returns FALSE
 * if missing or not an integer. */
gboolean
emu_json_get_int (JsonObject *obj, const char *member, gint64 *out)
{
  JsonNode *node = json_object_get_member (obj, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (d < -1e15 || d > 1e15)
        return FALSE;
      *out = (gint64) d;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    return g_ascii_string_to_signed (json_node_get_string (node), 10,
                                     G_MININT64, G_MAXINT64, out, NULL);
  return FALSE;
}

gint64
emu_now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}
