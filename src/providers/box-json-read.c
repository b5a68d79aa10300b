/* box-json-read.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "box-error.h"
#include "box-json-read.h"

/* json-glib 1.6 parses recursively, so a reply nested 100000 deep overflows the stack;
 * real replies are a few levels deep. */
#define MAX_JSON_DEPTH 512

/**
 * box_json_too_deep:
 *
 * Whether @data nests deeper than any real reply. Follows json-glib 1.6's scanner:
 * "strings" with backslash escapes, 'strings' without, and /comments/ between slashes.
 */
gboolean
box_json_too_deep (const char *data,
                   gsize       len)
{
  guint depth = 0;
  char quote = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (quote != 0)
        {
          if (c == '\\' && quote == '"')
            i++;
          else if (c == quote)
            quote = 0;
        }
      else if (c == '"' || c == '\'' || c == '/')
        quote = c;
      else if ((c == '[' || c == '{') && ++depth > MAX_JSON_DEPTH)
        return TRUE;
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return FALSE;
}

/**
 * box_json_node_text:
 *
 * Returns: (transfer full) (nullable): the value as text, whatever its JSON type; %NULL
 *   when missing, null, a container or not UTF-8 ("\377" escapes give such bytes)
 */
char *
box_json_node_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
        return NULL;
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

char *
box_json_member_text (JsonObject *object,
                      const char *name)
{
  return box_json_node_text (object ? json_object_get_member (object, name) : NULL);
}

/**
 * box_json_member_int:
 *
 * Returns: whether the member reads as a whole number (a number, or a string that
 *   starts with one); doubles out of range are clamped
 */
gboolean
box_json_member_int (JsonObject *object,
                     const char *name,
                     gint64     *value)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *value = json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      {
        /* Casting a double out of range (1e400 is inf) is undefined. */
        double d = json_node_get_double (node);
        if (d != d)
          return FALSE;
        if (d >= 9.2e18 || d <= -9.2e18)
          *value = d > 0 ? G_MAXINT64 : G_MININT64;
        else
          *value = (gint64)d;
        return TRUE;
      }
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        char *end = NULL;
        gint64 v = g_ascii_strtoll (s, &end, 10);
        if (end == s)
          return FALSE;
        *value = v;
        return TRUE;
      }
    default:
      return FALSE;
    }
}

JsonObject *
box_json_member_object (JsonObject *object,
                        const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  return (node && JSON_NODE_HOLDS_OBJECT (node)) ? json_node_get_object (node) : NULL;
}

JsonArray *
box_json_member_array (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  return (node && JSON_NODE_HOLDS_ARRAY (node)) ? json_node_get_array (node) : NULL;
}

/**
 * box_json_parse_root:
 * @label: the provider's name, for the message ("Floktu")
 * @len: the length of @data, or -1 when it is NUL-terminated
 *
 * Reads a reply's JSON text, refusing nesting deep enough to exhaust the stack.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL with a MALFORMED @error
 *   that names the provider
 */
JsonNode *
box_json_parse_root (const char  *label,
                     const char  *data,
                     gssize       len,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize length = data == NULL ? 0 : len < 0 ? strlen (data) : (gsize)len;

  if (length == 0 || box_json_too_deep (data, length))
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_MALFORMED,
                   _("%s sent an unexpected reply (%s). Try again later; nothing was changed."),
                   label, length == 0 ? _("empty") : _("nested too deep"));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib quotes the offending token, which need not be UTF-8. */
      g_autofree char *detail = g_utf8_make_valid (local_error->message, -1);
      g_set_error (error, BOX_ERROR, BOX_ERROR_MALFORMED,
                   _("%s sent a reply that is not valid JSON (%s). Try again later; nothing was changed."),
                   label, detail);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_MALFORMED,
                   _("%s sent an unexpected reply (%s). Try again later; nothing was changed."),
                   label, _("empty"));
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/**
 * box_json_strings_object:
 * @first_name: the first member's name, then its value, then more pairs, then %NULL
 *
 * A JSON object of string members, such as a provider's secret; a %NULL or empty value
 * leaves its member out.
 *
 * Returns: (transfer full): the object as compact JSON text
 */
char *
box_json_strings_object (const char *first_name,
                         ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL || *value == '\0')
        continue;
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, value);
    }
  va_end (args);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}
