/* box-fienta-parser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-fienta"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "box-attendee.h"
#include "box-error.h"
#include "box-event.h"
#include "box-fienta-parser.h"
#include "box-json-read.h"

/* Fienta's replies, read liberally: numbers may come as strings and strings as numbers,
 * any member may be missing or null, and unknown members are ignored. */

static JsonNode *
parse_root (const char  *data,
            gssize       len,
            GError     **error)
{
  /* Not immutable: box_fienta_parse_tickets() takes the tree apart as it reads it. */
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (data != NULL && box_json_too_deep (data, len < 0 ? strlen (data) : (gsize)len))
    {
      g_set_error (error, BOX_ERROR, BOX_ERROR_MALFORMED,
                   _("Fienta sent an unexpected reply (%s). Try again later; nothing was changed."),
                   _("nested too deep"));
      return NULL;
    }
  if (data == NULL || !json_parser_load_from_data (parser, data, len, &local_error))
    {
      /* json-glib quotes the offending token, which need not be UTF-8. */
      g_autofree char *detail = local_error ? g_utf8_make_valid (local_error->message, -1) : NULL;
      g_set_error (error, BOX_ERROR, BOX_ERROR_MALFORMED,
                   _("Fienta sent a reply that is not valid JSON (%s). Try again later; nothing was changed."),
                   detail ? detail : _("empty"));
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      g_set_error (error, BOX_ERROR, BOX_ERROR_MALFORMED,
                   _("Fienta sent an unexpected reply (not a JSON object). Try again later; nothing was changed."));
      return NULL;
    }

  return root;
}

static GError *
malformed (const char *what)
{
  return g_error_new (BOX_ERROR, BOX_ERROR_MALFORMED,
                      _("Fienta sent an unexpected reply (%s). Try again later; nothing was changed."),
                      what);
}

/* The member as a whole number, or @fallback. */
static gint64
member_int (JsonObject *object,
            const char *name,
            gint64      fallback)
{
  gint64 value;

  return box_json_member_int (object, name, &value) ? value : fallback;
}

/* "+0300", "+03:00", "-0530" -> seconds east of UTC. */
static int
parse_gmt_offset (const char *gmt)
{
  int sign, hours = 0, minutes = 0;

  if (gmt == NULL || (gmt[0] != '+' && gmt[0] != '-'))
    return 0;
  sign = gmt[0] == '-' ? -1 : 1;
  if (sscanf (gmt + 1, "%2d:%2d", &hours, &minutes) < 2 &&
      sscanf (gmt + 1, "%2d%2d", &hours, &minutes) < 1)
    return 0;
  if (hours > 14 || minutes > 59)
    return 0;
  return sign * (hours * 3600 + minutes * 60);
}

/* Reads the `time` object every reply carries: the server's clock and its time zone. */
static void
read_time (JsonObject *root,
           gint64     *server_time,
           int        *tz_offset)
{
  JsonObject *time = box_json_member_object (root, "time");
  g_autofree char *gmt = box_json_member_text (time, "gmt");

  if (tz_offset != NULL)
    {
      *tz_offset = parse_gmt_offset (gmt);
      if (gmt == NULL)
        {
          /* No gmt member: take the offset from full_datetime when it has one. */
          g_autofree char *full = box_json_member_text (time, "full_datetime");
          g_autoptr(GDateTime) dt = full ? g_date_time_new_from_iso8601 (full, NULL) : NULL;
          gint64 offset = dt ? g_date_time_get_utc_offset (dt) / G_TIME_SPAN_SECOND : 0;

          /* GLib reads "+24:00"; no zone on Earth is more than 14 hours from UTC. */
          if (ABS (offset) <= 14 * 3600)
            *tz_offset = (int)offset;
        }
    }
  if (server_time != NULL)
    *server_time = member_int (time, "timestamp", 0);
}

/**
 * box_fienta_parse_datetime:
 * @text: "2018-05-04 15:20:23" (in the server's zone), or ISO 8601 with an offset
 * @tz_offset: the server's offset from UTC in seconds
 *
 * Returns: Unix time, or 0 when @text is empty or unreadable
 */
gint64
box_fienta_parse_datetime (const char *text,
                           int         tz_offset)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;
  char offset[16];

  if (text == NULL || *text == '\0' || strlen (text) > 64)
    return 0;

  g_snprintf (offset, sizeof offset, "%c%02d:%02d", tz_offset < 0 ? '-' : '+',
              ABS (tz_offset) / 3600, (ABS (tz_offset) % 3600) / 60);
  tz = g_time_zone_new_identifier (offset);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  iso = g_strdup (text);
  if (strlen (iso) > 10 && iso[10] == ' ')
    iso[10] = 'T';
  if (strlen (iso) == 10)
    {
      g_autofree char *date_only = g_steal_pointer (&iso);
      iso = g_strconcat (date_only, "T00:00:00", NULL);
    }

  dt = g_date_time_new_from_iso8601 (iso, tz);
  return dt ? g_date_time_to_unix (dt) : 0;
}

/**
 * box_fienta_format_datetime:
 *
 * Returns: (transfer full): @unix_time as "YYYY-MM-DD HH:MM:SS" in the server's zone
 */
char *
box_fienta_format_datetime (gint64 unix_time,
                            int    tz_offset)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time + tz_offset);

  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
}

static void
append_decoded (GString    *out,
                const char *start,
                const char *end)
{
  static const struct { const char *name; const char *text; } entities[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "nbsp", " " },
  };

  for (const char *p = start; p < end; p++)
    {
      const char *semi;

      if (*p != '&' || (semi = memchr (p, ';', MIN (end - p, 12))) == NULL)
        {
          g_string_append_c (out, *p);
          continue;
        }

      if (p[1] == '#')
        {
          gboolean hex = p[2] == 'x' || p[2] == 'X';
          gunichar c = (gunichar)g_ascii_strtoull (p + (hex ? 3 : 2), NULL, hex ? 16 : 10);
          if (c != 0 && g_unichar_validate (c))
            g_string_append_unichar (out, c);
          p = semi;
          continue;
        }

      for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
        {
          gsize n = strlen (entities[i].name);
          if ((gsize)(semi - p - 1) == n && strncmp (p + 1, entities[i].name, n) == 0)
            {
              g_string_append (out, entities[i].text);
              p = semi;
              goto next;
            }
        }
      g_string_append_c (out, *p);
    next:
      ;
    }
}

/**
 * box_fienta_html_texts:
 * @tag: "h1" or "h2"
 *
 * The text of every <@tag> element of Fienta's contents_html, with inner tags dropped,
 * entities decoded and white space trimmed.
 *
 * Returns: (transfer container) (element-type utf8): the texts, in order
 */
GPtrArray *
box_fienta_html_texts (const char *html,
                       const char *tag)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *open = g_strdup_printf ("<%s", tag);
  g_autofree char *close = g_strdup_printf ("</%s", tag);
  const char *p = html;

  while (p != NULL && (p = strstr (p, open)) != NULL)
    {
      const char *content = strchr (p, '>');
      const char *end;
      GString *text;

      if (content == NULL)
        break;
      content++;
      end = strstr (content, close);
      if (end == NULL)
        end = content + strlen (content);

      text = g_string_new (NULL);
      for (const char *q = content; q < end;)
        {
          const char *lt = memchr (q, '<', end - q);
          const char *stop = lt ? lt : end;
          append_decoded (text, q, stop);
          if (lt == NULL)
            break;
          q = memchr (lt, '>', end - lt);
          q = q ? q + 1 : end;
        }

      g_strstrip (text->str);
      if (text->str[0] != '\0' && g_utf8_validate (text->str, -1, NULL))
        g_ptr_array_add (texts, g_strdup (text->str));
      g_string_free (text, TRUE);
      p = end;
    }

  return texts;
}

/* "1 x Regular ticket" -> "Regular ticket"; several rows are joined. */
static char *
ticket_type_from_contents (const char *contents_html)
{
  g_autoptr(GPtrArray) rows = box_fienta_html_texts (contents_html, "h1");
  GString *out;

  if (rows->len == 0)
    return NULL;

  if (rows->len == 1)
    {
      const char *row = g_ptr_array_index (rows, 0);
      const char *x = strstr (row, " x ");
      if (x != NULL && g_ascii_strtoll (row, NULL, 10) >= 1)
        return g_strdup (x + 3);
      return g_strdup (row);
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (rows, i));
    }
  return g_string_free (out, FALSE);
}

static BoxAttendeeStatus
status_from_fienta (const char *status)
{
  if (status == NULL)
    return BOX_ATTENDEE_STATUS_UNKNOWN;
  if (g_ascii_strcasecmp (status, "UNUSED") == 0 || g_ascii_strcasecmp (status, "USED") == 0 ||
      g_ascii_strcasecmp (status, "VALID") == 0 || g_ascii_strcasecmp (status, "PAID") == 0 ||
      g_ascii_strcasecmp (status, "COMPLETED") == 0)
    return BOX_ATTENDEE_STATUS_PAID;
  if (g_ascii_strcasecmp (status, "PENDING") == 0 || g_ascii_strcasecmp (status, "UNPAID") == 0 ||
      g_ascii_strcasecmp (status, "RESERVED") == 0 || g_ascii_strcasecmp (status, "WAITING") == 0)
    return BOX_ATTENDEE_STATUS_PENDING;
  if (g_ascii_strcasecmp (status, "REFUNDED") == 0 || g_ascii_strcasecmp (status, "CANCELLED") == 0 ||
      g_ascii_strcasecmp (status, "CANCELED") == 0 || g_ascii_strcasecmp (status, "REFUND_REQUESTED") == 0 ||
      g_ascii_strcasecmp (status, "DELETED") == 0 || g_ascii_strcasecmp (status, "VOID") == 0)
    return BOX_ATTENDEE_STATUS_CANCELLED;
  return BOX_ATTENDEE_STATUS_UNKNOWN;
}

static gboolean
key_is (const char         *key,
        const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (key, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Fienta's attendee object holds the event's own form fields: take the usual ones by
 * their common names, keep the rest as details. */
static void
read_attendee_fields (BoxAttendee *attendee,
                      JsonObject  *fields,
                      JsonBuilder *details)
{
  static const char * const name_keys[] = { "name", "full_name", "fullname", "nimi", NULL };
  static const char * const first_keys[] = { "first_name", "firstname", "first name", "eesnimi", "given_name", NULL };
  static const char * const last_keys[] = { "last_name", "lastname", "last name", "surname", "perekonnanimi", "family_name", NULL };
  static const char * const email_keys[] = { "mail", "email", "e-mail", "e_mail", NULL };
  static const char * const company_keys[] = { "company", "organization", "organisation", "company_name", "ettevõte", "firma", NULL };
  g_autoptr(GList) members = json_object_get_members (fields);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *value = box_json_member_text (fields, key);

      if (value == NULL || !g_utf8_validate (key, -1, NULL))
        continue;
      g_strstrip (value);
      if (*value == '\0')
        continue;

      if (key_is (key, name_keys))
        box_attendee_set_name (attendee, value);
      else if (key_is (key, first_keys))
        box_attendee_set_first_name (attendee, value);
      else if (key_is (key, last_keys))
        box_attendee_set_last_name (attendee, value);
      else if (key_is (key, email_keys))
        box_attendee_set_email (attendee, value);
      else if (key_is (key, company_keys))
        box_attendee_set_company (attendee, value);
      else
        {
          json_builder_set_member_name (details, key);
          json_builder_add_string_value (details, value);
        }
    }
}

static JsonObject *
find_attendee_object (JsonObject *ticket)
{
  JsonObject *attendee = box_json_member_object (ticket, "attendee");
  JsonArray *array;

  if (attendee != NULL)
    return attendee;

  /* Also seen: an "attendees" array, or per-row attendees as in the webhooks. */
  array = box_json_member_array (ticket, "attendees");
  if (array == NULL)
    array = box_json_member_array (ticket, "rows");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *inner = box_json_member_object (obj, "attendee");

      if (inner != NULL)
        return inner;
      if (obj != NULL && box_json_member_object (obj, "ticket_type") == NULL)
        return obj;
    }

  return NULL;
}

static BoxAttendee *
attendee_from_ticket (JsonObject *ticket,
                      int         tz_offset)
{
  g_autoptr(BoxAttendee) attendee = NULL;
  g_autoptr(JsonBuilder) details = NULL;
  g_autoptr(JsonNode) details_node = NULL;
  g_autofree char *code = box_json_member_text (ticket, "code");
  g_autofree char *status = box_json_member_text (ticket, "status");
  g_autofree char *used_at = box_json_member_text (ticket, "used_at");
  g_autofree char *updated_at = box_json_member_text (ticket, "updated_at");
  g_autofree char *contents = box_json_member_text (ticket, "contents_html");
  g_autofree char *order_id = box_json_member_text (ticket, "order_id");
  g_autofree char *order_email = box_json_member_text (ticket, "order_email");
  g_autofree char *nametag = box_json_member_text (ticket, "nametag_html");
  g_autofree char *ticket_type = NULL;
  g_autofree char *details_text = NULL;
  JsonObject *fields;
  gint64 qty;

  if (code == NULL || *g_strstrip (code) == '\0' || !g_utf8_validate (code, -1, NULL))
    return NULL;

  attendee = box_attendee_new ();
  details = json_builder_new ();
  json_builder_begin_object (details);

  box_attendee_set_code (attendee, code);
  box_attendee_set_status (attendee, status_from_fienta (status));
  if (status != NULL && g_ascii_strcasecmp (status, "USED") == 0)
    {
      box_attendee_set_checked_in (attendee, TRUE);
      box_attendee_set_checked_in_at (attendee, box_fienta_parse_datetime (used_at, tz_offset));
    }
  if (status != NULL && g_ascii_strcasecmp (status, "REFUND_REQUESTED") == 0)
    box_attendee_set_attention (attendee, TRUE);
  if (status != NULL)
    {
      json_builder_set_member_name (details, "fienta_status");
      json_builder_add_string_value (details, status);
    }

  {
    /* Which event the ticket is for: a code scanned at the wrong event's desk. */
    g_autofree char *event_id = box_json_member_text (ticket, "event_id");
    if (event_id != NULL && g_utf8_validate (event_id, -1, NULL))
      box_attendee_set_event_id (attendee, event_id);
  }
  box_attendee_set_updated_at (attendee, box_fienta_parse_datetime (updated_at, tz_offset));
  box_attendee_set_order_code (attendee, order_id);
  box_attendee_set_nametag_html (attendee, nametag);

  qty = member_int (ticket, "qty", 1);
  box_attendee_set_quantity (attendee, (guint)CLAMP (qty, 1, 10000));

  if (contents != NULL)
    {
      ticket_type = ticket_type_from_contents (contents);
      box_attendee_set_ticket_type (attendee, ticket_type);
    }

  fields = find_attendee_object (ticket);
  if (fields != NULL)
    read_attendee_fields (attendee, fields, details);

  /* No name in the form data: the scanner lines (<h2>) carry the attendee's fields. */
  if ((box_attendee_get_name (attendee) == NULL || *box_attendee_get_name (attendee) == '\0') &&
      contents != NULL)
    {
      g_autoptr(GPtrArray) lines = box_fienta_html_texts (contents, "h2");
      if (lines->len >= 2)
        {
          box_attendee_set_first_name (attendee, g_ptr_array_index (lines, 0));
          box_attendee_set_last_name (attendee, g_ptr_array_index (lines, 1));
        }
      else if (lines->len == 1)
        box_attendee_set_name (attendee, g_ptr_array_index (lines, 0));
    }

  if (box_attendee_get_email (attendee) == NULL && order_email != NULL && *order_email != '\0')
    box_attendee_set_email (attendee, order_email);

  json_builder_end_object (details);
  details_node = json_builder_get_root (details);
  details_text = json_to_string (details_node, FALSE);
  box_attendee_set_details (attendee, details_text);

  return g_steal_pointer (&attendee);
}

/**
 * box_fienta_parse_auth:
 *
 * Returns: (transfer full): the token of a `POST /auth` reply
 */
char *
box_fienta_parse_auth (const char  *data,
                       gssize       len,
                       GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  JsonObject *token;
  char *text;

  if (root == NULL)
    return NULL;

  token = box_json_member_object (json_node_get_object (root), "token");
  text = token ? box_json_member_text (token, "token") : box_json_member_text (json_node_get_object (root), "token");
  if (text == NULL || *text == '\0')
    {
      g_free (text);
      g_propagate_error (error, malformed (_("no token")));
      return NULL;
    }
  return text;
}

/**
 * box_fienta_parse_organizers:
 *
 * Returns: (transfer container) (element-type utf8): the organiser ids
 */
GPtrArray *
box_fienta_parse_organizers (const char  *data,
                             gssize       len,
                             GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *organizers;

  if (root == NULL)
    return NULL;

  organizers = box_json_member_array (json_node_get_object (root), "organizers");
  if (organizers == NULL)
    {
      g_propagate_error (error, malformed (_("no organisers")));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (organizers); i++)
    {
      JsonNode *node = json_array_get_element (organizers, i);
      char *id = JSON_NODE_HOLDS_OBJECT (node) ? box_json_member_text (json_node_get_object (node), "id") : NULL;

      if (id != NULL && *id != '\0' && strchr (id, '/') == NULL && g_utf8_validate (id, -1, NULL))
        g_ptr_array_add (ids, id);
      else
        g_free (id);
    }

  return g_steal_pointer (&ids);
}

/**
 * box_fienta_parse_events:
 *
 * Reads `GET /organizers/{id}/events` (`events`) and the newer `GET /events` (`data`,
 * titles under `translations`).
 *
 * Returns: (transfer container) (element-type BoxEvent): the events
 */
GPtrArray *
box_fienta_parse_events (const char  *data,
                         gssize       len,
                         const char  *account_id,
                         GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object;
  JsonArray *array;
  int tz_offset = 0;

  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  read_time (object, NULL, &tz_offset);
  array = box_json_member_array (object, "events");
  if (array == NULL)
    array = box_json_member_array (object, "data");
  if (array == NULL)
    {
      g_propagate_error (error, malformed (_("no events")));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *e = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *id = box_json_member_text (e, "id");
      g_autofree char *title = box_json_member_text (e, "title");
      g_autofree char *starts = box_json_member_text (e, "starts_at");
      g_autofree char *ends = box_json_member_text (e, "ends_at");
      BoxEvent *event;

      if (id == NULL || *id == '\0' || strchr (id, '/') != NULL || !g_utf8_validate (id, -1, NULL))
        continue;

      if (title == NULL)
        {
          JsonObject *translations = box_json_member_object (e, "translations");
          g_autoptr(GList) locales = translations ? json_object_get_members (translations) : NULL;
          JsonObject *en = box_json_member_object (translations, "en");

          if (en == NULL && locales != NULL)
            en = box_json_member_object (translations, locales->data);
          title = box_json_member_text (en, "title");
        }
      if (title != NULL && !g_utf8_validate (title, -1, NULL))
        g_clear_pointer (&title, g_free);

      event = box_event_new (account_id, id, title ? title : id);
      box_event_set_starts_at (event, box_fienta_parse_datetime (starts, tz_offset));
      box_event_set_ends_at (event, box_fienta_parse_datetime (ends, tz_offset));
      g_ptr_array_add (events, event);
    }

  return g_steal_pointer (&events);
}

/**
 * box_fienta_parse_tickets:
 * @server_time: (out) (optional): the server's clock at the reply, the next
 *   `updated_after` (0 when the reply has none)
 *
 * Reads `GET /events/{id}/tickets?attendees`. The tree is taken apart from the end while
 * it is read, so its memory goes back as the attendees are built.
 *
 * Returns: (transfer container) (element-type BoxAttendee): the attendees
 */
GPtrArray *
box_fienta_parse_tickets (const char  *data,
                          gssize       len,
                          gint64      *server_time,
                          int         *tz_offset,
                          GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  g_autoptr(GPtrArray) attendees = NULL;
  JsonArray *tickets;
  int offset = 0;
  guint n;

  if (root == NULL)
    return NULL;

  read_time (json_node_get_object (root), server_time, &offset);
  if (tz_offset != NULL)
    *tz_offset = offset;

  tickets = box_json_member_array (json_node_get_object (root), "tickets");
  if (tickets == NULL)
    {
      g_propagate_error (error, malformed (_("no tickets")));
      return NULL;
    }

  n = json_array_get_length (tickets);
  attendees = g_ptr_array_new_full (n, g_object_unref);
  g_ptr_array_set_size (attendees, n);

  for (guint i = n; i > 0; i--)
    {
      JsonNode *node = json_array_get_element (tickets, i - 1);

      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_index (attendees, i - 1) = attendee_from_ticket (json_node_get_object (node), offset);
      json_array_remove_element (tickets, i - 1);
    }

  /* Drop the tickets that had no code. */
  for (guint i = attendees->len; i > 0; i--)
    if (g_ptr_array_index (attendees, i - 1) == NULL)
      g_ptr_array_steal_index (attendees, i - 1);

  return g_steal_pointer (&attendees);
}

/**
 * box_fienta_parse_ticket:
 *
 * Reads `GET /tickets/{code}`.
 *
 * Returns: (transfer full): the attendee
 */
BoxAttendee *
box_fienta_parse_ticket (const char  *data,
                         gssize       len,
                         int         *tz_offset,
                         GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  JsonObject *ticket;
  BoxAttendee *attendee;
  int offset = 0;

  if (root == NULL)
    return NULL;

  read_time (json_node_get_object (root), NULL, &offset);
  if (tz_offset != NULL)
    *tz_offset = offset;

  ticket = box_json_member_object (json_node_get_object (root), "ticket");
  attendee = ticket ? attendee_from_ticket (ticket, offset) : NULL;
  if (attendee == NULL)
    g_propagate_error (error, malformed (_("no ticket")));
  return attendee;
}

/**
 * box_fienta_read_error:
 *
 * Reads `{"errors":[{"code":401,"user_message":…,"internal_message":…}],"retry_after":80}`;
 * `code` may be a number or a string. Anything else (Cloudflare's HTML pages) gives no
 * message.
 */
void
box_fienta_read_error (guint    status,
                       GBytes  *body,
                       char   **message,
                       int     *retry_after)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonArray *errors;
  gsize len = 0;
  const char *data;

  *message = NULL;
  *retry_after = -1;

  if (body == NULL)
    return;
  data = g_bytes_get_data (body, &len);
  if (len == 0 || len > 64 * 1024)
    return;

  parser = json_parser_new_immutable ();
  if (box_json_too_deep (data, len) ||
      !json_parser_load_from_data (parser, data, len, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (root, "retry_after"))
    *retry_after = (int)CLAMP (member_int (root, "retry_after", -1), -1, 86400);

  errors = box_json_member_array (root, "errors");
  if (errors != NULL && json_array_get_length (errors) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (errors, 0)))
    {
      JsonObject *first = json_node_get_object (json_array_get_element (errors, 0));
      char *text = box_json_member_text (first, "user_message");

      if (text == NULL || *text == '\0')
        {
          g_free (text);
          text = box_json_member_text (first, "internal_message");
        }
      if (text != NULL && !g_utf8_validate (text, -1, NULL))
        g_clear_pointer (&text, g_free);
      *message = text;
    }
}
