/* box-eventyay-parser.c: the Eventyay / pretixdroid check-in API v3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read liberally. Real servers send Django's JSON, but the API's own documentation
 * shows Python literals (True, False, None), trailing commas and missing commas: a
 * reply json-glib refuses is read once more after repair_json() (literals and trailing
 * commas only; a missing comma stays an error). Numbers may come as strings and
 * strings as numbers; unknown members are ignored.
 *
 * Choices:
 * - status: `event.subevent` is the sub-event's id (a number: not shown) or, on a
 *   server without sub-events, the event's name (a string). A string that differs
 *   from the event's name is shown after it: "Conference – Day 1".
 * - redeem: `data.redeemed` means "paid or forced", not "checked in", so it is never
 *   read there: ok checks in, already_redeemed was checked in, and the other answers
 *   leave the attendee not checked in (the caller keeps what it knew).
 */

#define G_LOG_DOMAIN "box-eventyay"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "box-error.h"
#include "box-eventyay-parser.h"
#include "box-json-read.h"

/* Longer server texts (an HTML error page) are not shown. */
#define MAX_SERVER_TEXT 200

/* ---- JSON ---------------------------------------------------------------------- */

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/**
 * box_eventyay_repair_json:
 * @data: JSON text as the API documentation writes it
 * @len: its length
 *
 * Outside strings, turns the Python literals True, False and None into true, false and
 * null, and drops a comma that comes just before } or ]. Everything keeps its place
 * (the replacements are as long as what they replace), so json-glib's positions in an
 * error still point at the input.
 *
 * Returns: (transfer full) (nullable): the repaired copy (@len bytes and a NUL), or
 *   %NULL when there is nothing to repair
 */
char *
box_eventyay_repair_json (const char *data,
                          gsize       len)
{
  static const struct { const char *from; const char *to; } literals[] = {
    { "True", "true" }, { "False", "false" }, { "None", "null" },
  };
  g_autofree char *copy = g_malloc (len + 1);
  gboolean changed = FALSE;
  char quote = 0;

  /* All of it, NULs too; the rest stays as it was. */
  if (len > 0)
    memcpy (copy, data, len);
  copy[len] = '\0';

  for (gsize i = 0; i < len; i++)
    {
      char c = copy[i];

      if (quote != 0)
        {
          if (c == '\\' && quote == '"')
            i++;
          else if (c == quote)
            quote = 0;
          continue;
        }

      if (c == '"' || c == '\'')
        quote = c;
      else if (c == ',')
        {
          gsize j = i + 1;

          while (j < len && g_ascii_isspace (copy[j]))
            j++;
          if (j < len && (copy[j] == '}' || copy[j] == ']'))
            {
              copy[i] = ' ';
              changed = TRUE;
            }
        }
      else if (is_word_char (c) && (i == 0 || !is_word_char (copy[i - 1])))
        {
          gsize end = i;

          while (end < len && is_word_char (copy[end]))
            end++;
          for (guint k = 0; k < G_N_ELEMENTS (literals); k++)
            if (end - i == strlen (literals[k].from) && memcmp (copy + i, literals[k].from, end - i) == 0)
              {
                memcpy (copy + i, literals[k].to, end - i);
                changed = TRUE;
              }
          i = end - 1;
        }
    }

  return changed ? g_steal_pointer (&copy) : NULL;
}

static GError *
malformed (const char *what)
{
  return g_error_new (BOX_ERROR, BOX_ERROR_MALFORMED,
                      _("Eventyay sent an unexpected reply (%s). Try again later; nothing was changed."),
                      what);
}

/* The root object of @data, strictly, or else of its repaired copy. */
static JsonNode *
parse_object (const char  *data,
              gsize        len,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *repaired = NULL;
  JsonNode *root;

  if (data == NULL || len == 0)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_MALFORMED,
                   _("Eventyay sent a reply that is not valid JSON (%s). Try again later; nothing was changed."),
                   _("empty"));
      return NULL;
    }
  if (box_json_too_deep (data, len))
    {
      g_propagate_error (error, malformed (_("nested too deep")));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      repaired = box_eventyay_repair_json (data, len);
      if (repaired != NULL)
        {
          g_clear_error (&local_error);
          g_clear_object (&parser);
          parser = json_parser_new ();
          json_parser_load_from_data (parser, repaired, len, &local_error);
        }
    }
  if (local_error != NULL)
    {
      /* json-glib quotes the offending token, which need not be UTF-8. */
      g_autofree char *detail = g_utf8_make_valid (local_error->message, -1);
      g_set_error (error, BOX_ERROR, BOX_ERROR_MALFORMED,
                   _("Eventyay sent a reply that is not valid JSON (%s). Try again later; nothing was changed."),
                   detail);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      g_propagate_error (error, malformed (_("not a JSON object")));
      return NULL;
    }
  return root;
}

static JsonNode *
parse_body (GBytes  *body,
            GError **error)
{
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;

  return parse_object (data, len, error);
}

/* A trimmed, non-empty text, or NULL; takes @text. */
static char *
trimmed_or_null (char *text)
{
  if (text != NULL && *g_strstrip (text) == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* A trimmed, non-empty string member, or NULL. */
static char *
member_text (JsonObject *object,
             const char *name)
{
  return trimmed_or_null (box_json_member_text (object, name));
}

static guint
member_count (JsonObject *object,
              const char *name)
{
  gint64 v = 0;

  if (!box_json_member_int (object, name, &v))
    return 0;
  return (guint)CLAMP (v, 0, G_MAXINT);
}

/* "true", "True", "1", "yes" (and the opposites), in any case. */
static gboolean
parse_boolean_text (const char *text,
                    gboolean   *value)
{
  static const char * const yes[] = { "true", "1", "yes", NULL };
  static const char * const no[] = { "false", "0", "no", NULL };
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (trimmed, yes[i]) == 0)
      {
        *value = TRUE;
        return TRUE;
      }
  for (guint i = 0; no[i] != NULL; i++)
    if (g_ascii_strcasecmp (trimmed, no[i]) == 0)
      {
        *value = FALSE;
        return TRUE;
      }
  return FALSE;
}

/* TRUE when the member is there and reads as a boolean. */
static gboolean
member_boolean (JsonObject *object,
                const char *name,
                gboolean   *value)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      *value = json_node_get_boolean (node);
      return TRUE;
    case G_TYPE_INT64:
      *value = json_node_get_int (node) != 0;
      return TRUE;
    case G_TYPE_DOUBLE:
      *value = json_node_get_double (node) != 0;
      return TRUE;
    case G_TYPE_STRING:
      return parse_boolean_text (json_node_get_string (node), value);
    default:
      return FALSE;
    }
}

static gboolean
member_flag (JsonObject *object,
             const char *name)
{
  gboolean value = FALSE;

  return member_boolean (object, name, &value) && value;
}

static JsonObject *
element_object (JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* ---- Setup code ---------------------------------------------------------------- */

void
box_eventyay_config_free (BoxEventyayConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->url);
  g_free (config->key);
  g_free (config);
}

static GError *
config_error (const char *what)
{
  return g_error_new (BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                      _("This is not a usable Eventyay setup code (%s). Copy the whole code, or the link, from the event's check-in device settings."),
                      what);
}

static gboolean
config_version (const char  *text,
                guint       *version,
                GError     **error)
{
  gint64 v = 0;

  if (text == NULL)
    {
      /* The app requires it; every server sends 3. */
      *version = 3;
      return TRUE;
    }
  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT, &v, NULL))
    {
      g_autofree char *what = g_strdup_printf (_("version “%s”"), text);
      g_propagate_error (error, config_error (what));
      return FALSE;
    }
  if (v > 3)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("This setup code is for a newer version of the check-in app (version %d); Box Office understands version 3. Make a setup code for the pretixdroid app, version 3, instead."),
                   (int)v);
      return FALSE;
    }
  *version = (guint)v;
  return TRUE;
}

static gboolean
config_flag (const char  *name,
             const char  *text,
             gboolean    *value,
             GError     **error)
{
  if (text == NULL)
    {
      *value = TRUE;
      return TRUE;
    }
  if (!parse_boolean_text (text, value))
    {
      g_autofree char *what = g_strdup_printf (_("%s is “%s”, not True or False"), name, text);
      g_propagate_error (error, config_error (what));
      return FALSE;
    }
  return TRUE;
}

/* Fills @config from the fields as text; NULL means missing. */
static gboolean
config_from_fields (BoxEventyayConfig  *config,
                    const char         *version,
                    const char         *url,
                    const char         *key,
                    const char         *allow_search,
                    const char         *show_info,
                    GError            **error)
{
  g_autofree char *url_trimmed = url ? g_strstrip (g_strdup (url)) : NULL;
  g_autofree char *key_trimmed = key ? g_strstrip (g_strdup (key)) : NULL;
  g_autoptr(GUri) uri = NULL;

  if (!config_version (version, &config->version, error))
    return FALSE;

  if (url_trimmed == NULL || *url_trimmed == '\0')
    {
      g_propagate_error (error, config_error (_("no server address")));
      return FALSE;
    }
  if ((g_ascii_strncasecmp (url_trimmed, "http://", 7) != 0 &&
       g_ascii_strncasecmp (url_trimmed, "https://", 8) != 0) ||
      (uri = g_uri_parse (url_trimmed, G_URI_FLAGS_NONE, NULL)) == NULL ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_autofree char *what = g_strdup_printf (_("the server address “%s” is not an http:// or https:// address"),
                                               url_trimmed);
      g_propagate_error (error, config_error (what));
      return FALSE;
    }

  if (key_trimmed == NULL || *key_trimmed == '\0')
    {
      g_propagate_error (error, config_error (_("no key")));
      return FALSE;
    }
  for (const char *p = key_trimmed; *p; p++)
    if (g_ascii_iscntrl (*p) || g_ascii_isspace (*p))
      {
        g_propagate_error (error, config_error (_("the key has spaces or control characters")));
        return FALSE;
      }

  if (!config_flag ("allow_search", allow_search, &config->allow_search, error) ||
      !config_flag ("show_info", show_info, &config->show_info, error))
    return FALSE;

  config->url = g_str_has_suffix (url_trimmed, "/") ? g_strdup (url_trimmed)
                                                    : g_strconcat (url_trimmed, "/", NULL);
  config->key = g_steal_pointer (&key_trimmed);
  return TRUE;
}

/* "pretixdesk://setup?…" (or eventyaydesk://): the query string, or NULL. */
static const char *
setup_link_query (const char *text)
{
  const char *p = text;

  while (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '+')
    p++;
  if (p == text || !g_str_has_prefix (p, "://setup"))
    return NULL;
  p += strlen ("://setup");
  if (*p == '/')
    p++;
  return *p == '?' ? p + 1 : NULL;
}

/**
 * box_eventyay_parse_config:
 * @text: the text of the setup QR code, or the setup link
 *
 * Returns: (transfer full): the configuration, or %NULL with a
 *   %BOX_ERROR_INVALID_INPUT error
 */
BoxEventyayConfig *
box_eventyay_parse_config (const char  *text,
                           GError     **error)
{
  g_autoptr(BoxEventyayConfig) config = g_new0 (BoxEventyayConfig, 1);
  g_autofree char *trimmed = NULL;
  const char *query;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_propagate_error (error, config_error (_("not text")));
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (text));

  if (trimmed[0] == '{')
    {
      g_autoptr(GError) json_error = NULL;
      g_autoptr(JsonNode) root = parse_object (trimmed, strlen (trimmed), &json_error);
      JsonObject *object;
      g_autofree char *version = NULL;
      g_autofree char *url = NULL;
      g_autofree char *key = NULL;
      g_autofree char *allow_search = NULL;
      g_autofree char *show_info = NULL;

      if (root == NULL)
        {
          g_propagate_error (error, config_error (_("not valid JSON")));
          return NULL;
        }
      object = json_node_get_object (root);
      version = box_json_member_text (object, "version");
      url = box_json_member_text (object, "url");
      key = box_json_member_text (object, "key");
      allow_search = box_json_member_text (object, "allow_search");
      show_info = box_json_member_text (object, "show_info");
      if (!config_from_fields (config, version, url, key, allow_search, show_info, error))
        return NULL;
      return g_steal_pointer (&config);
    }

  query = setup_link_query (trimmed);
  if (query != NULL)
    {
      g_autoptr(GHashTable) params = NULL;

      /* Python's urlencode(): %XX escapes, '+' for spaces. */
      params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
      if (params == NULL)
        {
          g_propagate_error (error, config_error (_("the link is not properly encoded")));
          return NULL;
        }
      if (!config_from_fields (config,
                               g_hash_table_lookup (params, "version"),
                               g_hash_table_lookup (params, "url"),
                               g_hash_table_lookup (params, "key"),
                               g_hash_table_lookup (params, "allow_search"),
                               g_hash_table_lookup (params, "show_info"),
                               error))
        return NULL;
      return g_steal_pointer (&config);
    }

  g_propagate_error (error, config_error (_("neither JSON nor a pretixdesk://setup link")));
  return NULL;
}

/* ---- Models -------------------------------------------------------------------- */

/* "2016-12-27T17:00:00Z", with milliseconds or an offset; naive times are in @tz. */
static gint64
parse_datetime (const char *text,
                GTimeZone  *tz)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || *text == '\0' || strlen (text) > 64)
    return 0;
  dt = g_date_time_new_from_iso8601 (text, tz);
  return dt ? g_date_time_to_unix (dt) : 0;
}

static const char *
yes_no (gboolean value)
{
  /* Stored with the ticket, as the provider's words: not translated. */
  return value ? "yes" : "no";
}

static void
add_detail (JsonBuilder *details,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (details, key);
  json_builder_add_string_value (details, value);
}

/* A ticket of download/, search/ or redeem/'s `data`; NULL without a secret. */
static BoxAttendee *
attendee_from_object (JsonObject *object,
                      const char *account_id,
                      const char *event_id)
{
  g_autoptr(BoxAttendee) attendee = NULL;
  g_autoptr(JsonBuilder) details = NULL;
  g_autoptr(JsonNode) details_node = NULL;
  g_autofree char *secret = member_text (object, "secret");
  g_autofree char *name = member_text (object, "attendee_name");
  g_autofree char *order = member_text (object, "order");
  g_autofree char *item = member_text (object, "item");
  g_autofree char *item_id = member_text (object, "item_id");
  g_autofree char *variation = member_text (object, "variation");
  g_autofree char *addons = member_text (object, "addons_text");
  g_autofree char *details_text = NULL;
  gboolean paid = FALSE, have_paid, allowed = FALSE, have_allowed;

  if (secret == NULL)
    return NULL;

  attendee = box_attendee_new ();
  box_attendee_set_account_id (attendee, account_id);
  box_attendee_set_event_id (attendee, event_id);
  box_attendee_set_code (attendee, secret);
  box_attendee_set_name (attendee, name ? name : "");
  box_attendee_set_order_code (attendee, order);

  if (item != NULL && variation != NULL)
    {
      g_autofree char *type = g_strdup_printf ("%s – %s", item, variation);
      box_attendee_set_ticket_type (attendee, type);
    }
  else
    box_attendee_set_ticket_type (attendee, item ? item : variation);

  have_paid = member_boolean (object, "paid", &paid);
  have_allowed = member_boolean (object, "checkin_allowed", &allowed);
  if (!have_paid)
    box_attendee_set_status (attendee, BOX_ATTENDEE_STATUS_UNKNOWN);
  else if (paid)
    box_attendee_set_status (attendee, BOX_ATTENDEE_STATUS_PAID);
  else if (allowed)
    box_attendee_set_status (attendee, BOX_ATTENDEE_STATUS_PENDING);
  else
    box_attendee_set_status (attendee, BOX_ATTENDEE_STATUS_CANCELLED);

  box_attendee_set_checked_in (attendee, member_flag (object, "redeemed"));
  box_attendee_set_attention (attendee, member_flag (object, "attention"));

  details = json_builder_new ();
  json_builder_begin_object (details);
  if (addons != NULL)
    add_detail (details, "Add-ons", addons);
  if (variation != NULL)
    add_detail (details, "Variation", variation);
  if (have_paid)
    add_detail (details, "Paid", yes_no (paid));
  if (have_allowed)
    add_detail (details, "Check-in allowed", yes_no (allowed));
  /* Which questions apply; keys starting with '_' are not shown. */
  if (item_id != NULL)
    add_detail (details, "_item_id", item_id);
  json_builder_end_object (details);
  details_node = json_builder_get_root (details);
  details_text = json_to_string (details_node, FALSE);
  box_attendee_set_details (attendee, details_text);

  return g_steal_pointer (&attendee);
}

/* The tickets of `results`, taken apart from the end as they are read so that a big
 * download's tree goes back to the allocator while the attendees are built. */
static GPtrArray *
attendees_from_results (JsonArray  *results,
                        const char *account_id,
                        const char *event_id)
{
  guint n = json_array_get_length (results);
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_full (n, g_object_unref);

  g_ptr_array_set_size (attendees, n);
  for (guint i = n; i > 0; i--)
    {
      JsonObject *object = element_object (results, i - 1);

      if (object != NULL)
        g_ptr_array_index (attendees, i - 1) = attendee_from_object (object, account_id, event_id);
      json_array_remove_element (results, i - 1);
    }

  /* Drop the tickets without a secret (steal: the free function refuses NULL). */
  for (guint i = attendees->len; i > 0; i--)
    if (g_ptr_array_index (attendees, i - 1) == NULL)
      g_ptr_array_steal_index (attendees, i - 1);

  return g_steal_pointer (&attendees);
}

static BoxQuestion *
question_from_object (JsonObject *object)
{
  g_autofree char *id = member_text (object, "id");
  g_autofree char *type = member_text (object, "type");
  g_autofree char *text = box_json_member_text (object, "question");
  JsonArray *items = box_json_member_array (object, "items");
  JsonArray *options = box_json_member_array (object, "options");
  BoxQuestion *question;

  if (id == NULL)
    return NULL;

  /* An unknown type is kept: answering it says that it cannot be answered here. */
  question = box_question_new (id, type ? type : "", text ? text : "", member_flag (object, "required"));

  if (items != NULL)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          char *item_id = trimmed_or_null (box_json_node_text (json_array_get_element (items, i)));

          if (item_id != NULL)
            g_ptr_array_add (ids, item_id);
        }
      g_ptr_array_add (ids, NULL);
      box_question_set_items (question, (const char * const *)ids->pdata);
    }

  for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
    {
      JsonObject *option = element_object (options, i);
      g_autofree char *option_id = member_text (option, "id");
      g_autofree char *answer = box_json_member_text (option, "answer");

      if (option_id != NULL)
        box_question_add_option (question, option_id, answer ? answer : option_id);
    }

  return question;
}

static GPtrArray *
questions_from_array (JsonArray *array)
{
  GPtrArray *questions = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = element_object (array, i);
      BoxQuestion *question = object ? question_from_object (object) : NULL;

      if (question != NULL)
        g_ptr_array_add (questions, question);
    }
  return questions;
}

/* ---- Replies ------------------------------------------------------------------- */

/**
 * box_eventyay_parse_status:
 *
 * Returns: (transfer full): the event, or %NULL with a %BOX_ERROR_MALFORMED error
 */
BoxEvent *
box_eventyay_parse_status (GBytes          *body,
                           const char      *account_id,
                           const char      *event_id,
                           BoxEventStats  **stats,
                           GError         **error)
{
  g_autoptr(JsonNode) root = parse_body (body, error);
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *name = NULL;
  g_autofree char *subevent = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *date_from = NULL;
  g_autofree char *date_to = NULL;
  JsonObject *object, *event_object;
  JsonNode *subevent_node;
  BoxEvent *event;
  gint64 total = 0, checkins = 0;

  if (stats != NULL)
    *stats = NULL;
  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  event_object = box_json_member_object (object, "event");
  name = member_text (event_object, "name");
  if (event_object == NULL || name == NULL)
    {
      g_propagate_error (error, malformed (_("no event name")));
      return NULL;
    }
  if (!box_json_member_int (object, "total", &total) || !box_json_member_int (object, "checkins", &checkins))
    {
      g_propagate_error (error, malformed (_("no ticket counts")));
      return NULL;
    }

  subevent_node = json_object_get_member (event_object, "subevent");
  if (subevent_node != NULL && JSON_NODE_HOLDS_VALUE (subevent_node) &&
      json_node_get_value_type (subevent_node) == G_TYPE_STRING)
    subevent = member_text (event_object, "subevent");
  if (subevent != NULL && g_strcmp0 (subevent, name) != 0)
    {
      g_autofree char *full = g_strdup_printf ("%s – %s", name, subevent);
      g_free (name);
      name = g_steal_pointer (&full);
    }

  zone = member_text (event_object, "timezone");
  if (zone != NULL)
    tz = g_time_zone_new_identifier (zone);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  date_from = member_text (event_object, "date_from");
  date_to = member_text (event_object, "date_to");

  event = box_event_new (account_id, event_id, name);
  box_event_set_starts_at (event, parse_datetime (date_from, tz));
  box_event_set_ends_at (event, parse_datetime (date_to, tz));

  if (stats != NULL)
    {
      JsonArray *items = box_json_member_array (object, "items");

      *stats = box_event_stats_new ();
      box_event_stats_set_total (*stats, (guint)CLAMP (total, 0, G_MAXINT));
      box_event_stats_set_checked_in (*stats, (guint)CLAMP (checkins, 0, G_MAXINT));

      /* Only what admits people; the variations are not counted apart. */
      for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
        {
          JsonObject *item = element_object (items, i);
          g_autofree char *item_name = member_text (item, "name");

          if (item == NULL || !member_flag (item, "admission"))
            continue;
          box_event_stats_add_ticket_type (*stats, item_name ? item_name : "",
                                           member_count (item, "total"),
                                           member_count (item, "checkins"));
        }
    }

  return event;
}

void
box_eventyay_download_free (BoxEventyayDownload *download)
{
  if (download == NULL)
    return;
  g_clear_pointer (&download->attendees, g_ptr_array_unref);
  g_clear_pointer (&download->questions, g_ptr_array_unref);
  g_free (download);
}

/**
 * box_eventyay_parse_download:
 *
 * Returns: (transfer full): the tickets and questions, or %NULL with a
 *   %BOX_ERROR_MALFORMED error
 */
BoxEventyayDownload *
box_eventyay_parse_download (GBytes      *body,
                             const char  *account_id,
                             const char  *event_id,
                             GError     **error)
{
  g_autoptr(JsonNode) root = parse_body (body, error);
  BoxEventyayDownload *download;
  JsonArray *results, *questions;

  if (root == NULL)
    return NULL;

  results = box_json_member_array (json_node_get_object (root), "results");
  if (results == NULL)
    {
      g_propagate_error (error, malformed (_("no tickets")));
      return NULL;
    }

  download = g_new0 (BoxEventyayDownload, 1);
  questions = box_json_member_array (json_node_get_object (root), "questions");
  if (questions != NULL)
    download->questions = questions_from_array (questions);
  download->attendees = attendees_from_results (results, account_id, event_id);
  return download;
}

/**
 * box_eventyay_parse_search:
 *
 * Returns: (transfer container) (element-type BoxAttendee): the tickets, or %NULL
 *   with a %BOX_ERROR_MALFORMED error
 */
GPtrArray *
box_eventyay_parse_search (GBytes      *body,
                           const char  *account_id,
                           const char  *event_id,
                           GError     **error)
{
  g_autoptr(JsonNode) root = parse_body (body, error);
  JsonArray *results;

  if (root == NULL)
    return NULL;

  results = box_json_member_array (json_node_get_object (root), "results");
  if (results == NULL)
    {
      g_propagate_error (error, malformed (_("no results")));
      return NULL;
    }
  return attendees_from_results (results, account_id, event_id);
}

void
box_eventyay_redeem_free (BoxEventyayRedeem *redeem)
{
  if (redeem == NULL)
    return;
  g_free (redeem->reason);
  g_free (redeem->message);
  g_clear_object (&redeem->attendee);
  g_clear_pointer (&redeem->questions, g_ptr_array_unref);
  g_free (redeem);
}

/**
 * box_eventyay_parse_redeem:
 *
 * A reason the server may add later (like "rules") is refused as %BOX_CHECKIN_RESULT_PRODUCT
 * with the reason in the message.
 *
 * Returns: (transfer full): the outcome, or %NULL with a %BOX_ERROR_MALFORMED error
 */
BoxEventyayRedeem *
box_eventyay_parse_redeem (GBytes      *body,
                           const char  *account_id,
                           const char  *event_id,
                           GError     **error)
{
  g_autoptr(JsonNode) root = parse_body (body, error);
  g_autoptr(BoxEventyayRedeem) redeem = NULL;
  g_autofree char *status = NULL;
  JsonObject *object, *data;

  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  status = member_text (object, "status");
  if (status == NULL)
    {
      g_propagate_error (error, malformed (_("no status")));
      return NULL;
    }

  redeem = g_new0 (BoxEventyayRedeem, 1);
  data = box_json_member_object (object, "data");
  if (data != NULL)
    redeem->attendee = attendee_from_object (data, account_id, event_id);
  /* `redeemed` there is "paid or forced"; see the top of the file. */
  if (redeem->attendee != NULL)
    box_attendee_set_checked_in (redeem->attendee, FALSE);

  if (g_ascii_strcasecmp (status, "ok") == 0)
    {
      redeem->result = BOX_CHECKIN_RESULT_OK;
      redeem->message = g_strdup (_("Checked in."));
      if (redeem->attendee != NULL)
        box_attendee_set_checked_in (redeem->attendee, TRUE);
    }
  else if (g_ascii_strcasecmp (status, "incomplete") == 0)
    {
      JsonArray *questions = box_json_member_array (object, "questions");

      redeem->result = BOX_CHECKIN_RESULT_QUESTIONS;
      redeem->questions = questions ? questions_from_array (questions)
                                    : g_ptr_array_new_with_free_func (g_object_unref);
      redeem->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "Not checked in yet: the server asks %u question first.",
                                                      "Not checked in yet: the server asks %u questions first.",
                                                      redeem->questions->len),
                                         redeem->questions->len);
    }
  else if (g_ascii_strcasecmp (status, "error") == 0)
    {
      g_autofree char *reason = member_text (object, "reason");

      /* A reason is a short word; anything longer is cut for the message. */
      if (reason != NULL && g_utf8_strlen (reason, -1) > 64)
        {
          char *cut = g_utf8_substring (reason, 0, 64);
          g_free (reason);
          reason = cut;
        }
      redeem->reason = g_strdup (reason);

      if (g_strcmp0 (reason, "unpaid") == 0)
        {
          redeem->result = BOX_CHECKIN_RESULT_UNPAID;
          redeem->message = g_strdup (_("Not checked in: the order is not paid, or was refunded or cancelled."));
        }
      else if (g_strcmp0 (reason, "already_redeemed") == 0)
        {
          redeem->result = BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN;
          redeem->message = g_strdup (_("Already checked in: this ticket was used before."));
          if (redeem->attendee != NULL)
            box_attendee_set_checked_in (redeem->attendee, TRUE);
        }
      else if (g_strcmp0 (reason, "product") == 0)
        {
          redeem->result = BOX_CHECKIN_RESULT_PRODUCT;
          redeem->message = g_strdup (_("Not checked in: tickets of this product may not be checked in with this device."));
        }
      else if (g_strcmp0 (reason, "unknown_ticket") == 0 || g_strcmp0 (reason, "unkown_ticket") == 0)
        {
          redeem->result = BOX_CHECKIN_RESULT_UNKNOWN;
          redeem->message = g_strdup (_("Unknown ticket: no ticket of this event has this code."));
        }
      else
        {
          redeem->result = BOX_CHECKIN_RESULT_PRODUCT;
          redeem->message = g_strdup_printf (_("Refused by the server: %s"), reason ? reason : _("no reason given"));
        }
    }
  else
    {
      g_autofree char *what = g_strdup_printf (_("status “%s”"), status);
      g_propagate_error (error, malformed (what));
      return NULL;
    }

  return g_steal_pointer (&redeem);
}

/* ---- Errors -------------------------------------------------------------------- */

/* The body when it is a short line of text (not an HTML page), trimmed. */
static char *
short_text (GBytes *body)
{
  const char *data;
  gsize len = 0;
  char *text;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &len);
  if (len == 0 || len > MAX_SERVER_TEXT || memchr (data, '\0', len) != NULL ||
      !g_utf8_validate_len (data, len, NULL))
    return NULL;

  text = g_strstrip (g_strndup (data, len));
  if (*text == '\0' || strchr (text, '<') != NULL)
    g_clear_pointer (&text, g_free);
  for (char *p = text; p != NULL && *p; p++)
    if (g_ascii_iscntrl (*p))
      *p = ' ';
  return text;
}

/**
 * box_eventyay_read_error:
 *
 * The server answers errors in plain text ("Invalid key", "Unknown event", Django's
 * pages). Gives its short text with what it means for the desk.
 */
void
box_eventyay_read_error (guint    status,
                         GBytes  *body,
                         char   **message,
                         int     *retry_after)
{
  g_autofree char *text = short_text (body);

  *message = NULL;
  *retry_after = -1;

  switch (status)
    {
    case 403:
      if (text == NULL || g_ascii_strcasecmp (text, "Invalid key") == 0)
        *message = g_strdup_printf (_("%s: the check-in key was revoked or replaced. Set this device up again with a new setup code from the event's check-in settings."),
                                    text ? text : "Invalid key");
      else
        *message = g_steal_pointer (&text);
      break;
    case 404:
      *message = g_strdup_printf (_("%s: the server does not know this event (it may have been deleted, or the setup code is for another server)."),
                                  text ? text : "Unknown event");
      break;
    case 405:
      *message = g_strdup_printf (_("%s: Box Office and the server disagree about the check-in protocol. Update Box Office, or report this."),
                                  text ? text : "Method not allowed");
      break;
    default:
      if (status >= 500)
        *message = g_strdup_printf (_("%s: the server failed. Try again in a few minutes; if it keeps failing, tell the event's organiser."),
                                    text ? text : "Server error");
      else
        *message = g_steal_pointer (&text);
      break;
    }
}

/* ---- Answers ------------------------------------------------------------------- */

static GError *
answer_error (const char *format,
              ...) G_GNUC_PRINTF (1, 2);

static GError *
answer_error (const char *format,
              ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (BOX_ERROR, BOX_ERROR_INVALID_INPUT, format, args);
  va_end (args);
  return error;
}

/* 1 to @max_digits digits at *@p; advances it. */
static gboolean
read_number (const char **p,
             guint        max_digits,
             int         *value)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      *value = *value * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  return n > 0 && !g_ascii_isdigit (**p);
}

/* yyyy-M-d; advances @p. */
static gboolean
read_date (const char **p,
           int         *year,
           int         *month,
           int         *day)
{
  if (!read_number (p, 4, year) || **p != '-')
    return FALSE;
  (*p)++;
  if (!read_number (p, 2, month) || **p != '-')
    return FALSE;
  (*p)++;
  if (!read_number (p, 2, day))
    return FALSE;
  return *year >= 1 && g_date_valid_dmy ((GDateDay)*day, (GDateMonth)*month, (GDateYear)*year);
}

/* H:mm, with optional seconds (dropped: the server takes minutes); advances @p. */
static gboolean
read_time (const char **p,
           int         *hour,
           int         *minute)
{
  int second = 0;

  if (!read_number (p, 2, hour) || **p != ':')
    return FALSE;
  (*p)++;
  if (!read_number (p, 2, minute))
    return FALSE;
  if (**p == ':')
    {
      (*p)++;
      if (!read_number (p, 2, &second))
        return FALSE;
    }
  return *hour <= 23 && *minute <= 59 && second <= 59;
}

static char *
format_boolean (const char  *value,
                GError     **error)
{
  gboolean b;

  if (!parse_boolean_text (value, &b))
    {
      *error = answer_error (_("“%s” is not an answer to a yes-or-no question. Type yes or no."), value);
      return NULL;
    }
  return g_strdup (b ? "True" : "False");
}

/* The option @text names (its id, or its answer in any case), or -1. */
static int
find_option (BoxQuestion *question,
             const char  *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  guint n = box_question_get_n_options (question);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (box_question_get_option_id (question, i), text) == 0)
      return (int)i;
  for (guint i = 0; i < n; i++)
    {
      const char *answer = box_question_get_option_answer (question, i);
      g_autofree char *answer_folded = answer ? g_utf8_casefold (answer, -1) : NULL;

      if (answer_folded != NULL && g_strcmp0 (answer_folded, folded) == 0)
        return (int)i;
    }
  return -1;
}

static GError *
not_an_option (BoxQuestion *question,
               const char  *text)
{
  GString *choices = g_string_new (NULL);
  GError *error;

  for (guint i = 0; i < box_question_get_n_options (question); i++)
    {
      if (i > 0)
        g_string_append (choices, ", ");
      g_string_append (choices, box_question_get_option_answer (question, i));
    }
  error = answer_error (_("“%s” is not one of the choices (%s). Type one of them, or its number."),
                        text, choices->str);
  g_string_free (choices, TRUE);
  return error;
}

static char *
format_choice (BoxQuestion  *question,
               const char   *value,
               GError      **error)
{
  int i = find_option (question, value);

  if (i < 0)
    {
      *error = not_an_option (question, value);
      return NULL;
    }
  return g_strdup (box_question_get_option_id (question, (guint)i));
}

static char *
format_choices (BoxQuestion  *question,
                const char   *value,
                GError      **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_auto(GStrv) parts = NULL;
  int whole = find_option (question, value);

  /* An option's text may itself have a comma in it. */
  if (whole >= 0)
    return g_strdup (box_question_get_option_id (question, (guint)whole));

  parts = g_strsplit (value, ",", -1);
  for (guint k = 0; parts[k] != NULL; k++)
    {
      const char *part = g_strstrip (parts[k]);
      const char *id;
      int i;

      if (*part == '\0')
        continue;
      i = find_option (question, part);
      if (i < 0)
        {
          *error = not_an_option (question, part);
          return NULL;
        }
      id = box_question_get_option_id (question, (guint)i);
      if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, (gpointer)id);
    }
  if (ids->len == 0)
    {
      *error = not_an_option (question, value);
      return NULL;
    }
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **)ids->pdata);
}

static char *
format_number (const char  *value,
               GError     **error)
{
  GString *out = g_string_new (NULL);
  const char *p = value;
  gboolean digits = FALSE, point = FALSE;

  if (*p == '-' || *p == '+')
    {
      if (*p == '-')
        g_string_append_c (out, '-');
      p++;
    }
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (out, *p);
          digits = TRUE;
        }
      else if ((*p == '.' || *p == ',') && !point && digits && g_ascii_isdigit (p[1]))
        {
          g_string_append_c (out, '.');
          point = TRUE;
        }
      else
        break;
    }
  if (!digits || *p != '\0' || out->len > 40)
    {
      g_string_free (out, TRUE);
      *error = answer_error (_("“%s” is not a number. Type digits, with a point for decimals, like 12.5."), value);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
format_date (const char  *value,
             GError     **error)
{
  const char *p = value;
  int year, month, day;

  if (!read_date (&p, &year, &month, &day) || *p != '\0')
    {
      *error = answer_error (_("“%s” is not a date. Type it as year-month-day, like 2024-05-31."), value);
      return NULL;
    }
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static char *
format_time (const char  *value,
             GError     **error)
{
  const char *p = value;
  int hour, minute;

  if (!read_time (&p, &hour, &minute) || *p != '\0')
    {
      *error = answer_error (_("“%s” is not a time. Type it as hours:minutes, like 14:30."), value);
      return NULL;
    }
  return g_strdup_printf ("%02d:%02d", hour, minute);
}

static char *
format_datetime (const char  *value,
                 GError     **error)
{
  const char *p = value;
  int year, month, day, hour, minute;

  gboolean ok = read_date (&p, &year, &month, &day) && (*p == 'T' || *p == 't' || *p == ' ');

  if (ok)
    {
      p++;
      ok = read_time (&p, &hour, &minute) && *p == '\0';
    }
  if (!ok)
    {
      *error = answer_error (_("“%s” is not a date and time. Type it as year-month-day hours:minutes, like 2024-05-31 14:30."), value);
      return NULL;
    }
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d", year, month, day, hour, minute);
}

/**
 * box_eventyay_format_answer:
 *
 * An empty answer (white space only, for the types other than S and T) gives "", which
 * the server takes as no answer: an error when the question is required. File questions
 * and unknown types give %BOX_ERROR_UNSUPPORTED; answers that do not fit the type give
 * %BOX_ERROR_INVALID_INPUT.
 *
 * Returns: (transfer full): the answer as the server wants it, or %NULL
 */
char *
box_eventyay_format_answer (BoxQuestion  *question,
                            const char   *value,
                            GError      **error)
{
  g_autofree char *trimmed = NULL;
  GError *local_error = NULL;
  const char *type;
  char *answer = NULL;

  g_return_val_if_fail (BOX_IS_QUESTION (question), NULL);

  type = box_question_get_question_type (question);
  if (type == NULL)
    type = "";

  if (g_strcmp0 (type, "F") == 0)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                   _("A file question cannot be answered at the desk: the attendee can upload it online; check in with --force or skip it."));
      return NULL;
    }
  if (strlen (type) != 1 || strchr ("NSTBCMDHW", type[0]) == NULL)
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_UNSUPPORTED,
                   _("Box Office cannot answer questions of type “%s”: answer it online, or check in with --force."),
                   g_utf8_validate (type, -1, NULL) ? type : "?");
      return NULL;
    }

  if (value == NULL)
    value = "";
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("The answer is not valid text. Type it again."));
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (value));

  if (type[0] == 'S' || type[0] == 'T')
    {
      /* As typed; T may span lines. */
      if (*trimmed != '\0')
        return g_strdup (value);
    }
  else if (*trimmed != '\0')
    {
      switch (type[0])
        {
        case 'B': answer = format_boolean (trimmed, &local_error); break;
        case 'C': answer = format_choice (question, trimmed, &local_error); break;
        case 'M': answer = format_choices (question, trimmed, &local_error); break;
        case 'N': answer = format_number (trimmed, &local_error); break;
        case 'D': answer = format_date (trimmed, &local_error); break;
        case 'H': answer = format_time (trimmed, &local_error); break;
        case 'W': answer = format_datetime (trimmed, &local_error); break;
        default: g_assert_not_reached ();
        }
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return answer;
    }

  if (box_question_get_required (question))
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_INVALID_INPUT,
                   _("“%s” needs an answer."), box_question_get_question (question));
      return NULL;
    }
  return g_strdup ("");
}
