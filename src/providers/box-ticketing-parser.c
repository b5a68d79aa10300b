/* box-ticketing-parser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-ticketing"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "box-attendee.h"
#include "box-error.h"
#include "box-event.h"
#include "box-event-stats.h"
#include "box-json-read.h"
#include "box-ticketing-parser.h"

/* TickeTing's replies, read liberally: numbers may come as strings and strings as
 * numbers, any member may be missing or null, unknown members are ignored. Resources
 * name each other by relative URIs ("/events/16993964783416"); the id is the last
 * segment. Times are ISO 8601 with an offset, except a session's "started", which has
 * a space for the T; "redeemed" is the string "N/A" on a ticket not admitted. */

void
box_ticketing_session_free (BoxTicketingSession *session)
{
  if (session == NULL)
    return;
  g_free (session->key);
  g_free (session->account_number);
  g_free (session->display_name);
  g_free (session);
}

void
box_ticketing_token_free (BoxTicketingToken *token)
{
  if (token == NULL)
    return;
  g_free (token->code);
  g_free (token->key);
  g_free (token->event_id);
  g_strfreev (token->sections);
  g_free (token);
}

void
box_ticketing_admission_free (BoxTicketingAdmission *admission)
{
  if (admission == NULL)
    return;
  g_free (admission->serial);
  g_free (admission->device);
  g_free (admission->redeemer);
  g_free (admission->section_id);
  g_clear_object (&admission->attendee);
  g_free (admission);
}

static void
set_malformed (GError     **error,
               const char  *detail)
{
  g_set_error (error, BOX_ERROR, BOX_ERROR_MALFORMED,
               _("TickeTing sent an unexpected reply (%s). Try again later; nothing was changed."),
               detail);
}

static JsonNode *
parse_root (const char  *data,
            gssize       len,
            GError     **error)
{
  return box_json_parse_root ("TickeTing", data, len, error);
}

static JsonObject *
root_object (JsonNode  *root,
             GError   **error)
{
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_malformed (error, _("not a JSON object"));
      return NULL;
    }
  return json_node_get_object (root);
}

/* The entries of a page ({"total","entries"}), or a bare array. */
static JsonArray *
page_entries (JsonNode  *root,
              guint     *total,
              GError   **error)
{
  JsonObject *object;
  JsonArray *entries;
  gint64 value;

  if (total != NULL)
    *total = 0;
  if (root == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      entries = json_node_get_array (root);
      if (total != NULL)
        *total = json_array_get_length (entries);
      return entries;
    }
  if ((object = root_object (root, error)) == NULL)
    return NULL;
  entries = box_json_member_array (object, "entries");
  if (entries == NULL)
    {
      set_malformed (error, _("no “entries”"));
      return NULL;
    }
  if (total != NULL)
    *total = box_json_member_int (object, "total", &value) && value >= 0 && value <= G_MAXUINT
             ? (guint)value : json_array_get_length (entries);
  return entries;
}

static JsonObject *
entry_object (JsonArray *array,
              guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * box_ticketing_id_from_uri:
 *
 * Returns: (transfer full) (nullable): the last segment of a resource URI
 *   ("/events/16993964783416" -> "16993964783416"), or the text itself when it has no
 *   slash
 */
char *
box_ticketing_id_from_uri (const char *uri)
{
  const char *end;
  const char *start;

  if (uri == NULL)
    return NULL;
  end = uri + strlen (uri);
  while (end > uri && end[-1] == '/')
    end--;
  start = end;
  while (start > uri && start[-1] != '/')
    start--;
  if (start == end)
    return NULL;
  return g_strndup (start, end - start);
}

/* The id of a member that is a URI string or an object with "self". */
static char *
member_id (JsonObject *object,
           const char *name)
{
  g_autofree char *uri = NULL;
  JsonObject *child = box_json_member_object (object, name);

  uri = child != NULL ? box_json_member_text (child, "self") : box_json_member_text (object, name);
  return box_ticketing_id_from_uri (uri);
}

/**
 * box_ticketing_parse_datetime:
 *
 * Reads ISO 8601 with or without an offset ("2024-02-21T14:59:18+00:00", naive times
 * are UTC) and the session's "2024-02-21 14:59:18".
 *
 * Returns: Unix time, or 0 for "N/A", empty or unreadable text and for times before 1970
 *   or after 9999 in UTC (placeholders such as "0001-01-01T00:00:00Z": 0 is "no time"
 *   everywhere)
 */
gint64
box_ticketing_parse_datetime (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  g_autofree char *copy = NULL;

  if (text == NULL || strlen (text) < 10 || strlen (text) > 64)
    return 0;

  copy = g_strdup (text);
  if (copy[10] == ' ')
    copy[10] = 'T';
  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (copy, utc);
  if (dt == NULL && strlen (copy) == 10)
    {
      g_autofree char *midnight = g_strconcat (copy, "T00:00:00", NULL);
      dt = g_date_time_new_from_iso8601 (midnight, utc);
    }
  if (dt == NULL)
    return 0;
  /* An offset can carry 9999-12-31T23:59 past the last time ISO 8601 writes with four
   * digits; such a placeholder is no time either. */
  if (g_date_time_to_unix (dt) < 0 || g_date_time_to_unix (dt) > G_GINT64_CONSTANT (253402300799))
    return 0;
  return g_date_time_to_unix (dt);
}

/**
 * box_ticketing_format_datetime:
 *
 * Returns: (transfer full): ISO 8601 in UTC ("2026-11-23T10:00:00Z"), for modified_since
 */
char *
box_ticketing_format_datetime (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("1970-01-01T00:00:00Z");
}

/* Sessions, tokens, hosts --------------------------------------------------------------- */

/**
 * box_ticketing_parse_session:
 *
 * Returns: (transfer full): the session's key and account
 */
BoxTicketingSession *
box_ticketing_parse_session (const char  *data,
                             gssize       len,
                             GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  g_autoptr(BoxTicketingSession) session = NULL;
  JsonObject *object = root_object (root, error);
  JsonObject *account;

  if (object == NULL)
    return NULL;

  session = g_new0 (BoxTicketingSession, 1);
  session->key = box_json_member_text (object, "key");
  if (session->key == NULL || *session->key == '\0')
    {
      set_malformed (error, _("no session key"));
      return NULL;
    }

  if ((account = box_json_member_object (object, "account")) != NULL)
    {
      g_autofree char *first = box_json_member_text (account, "firstName");
      g_autofree char *last = box_json_member_text (account, "lastName");

      session->account_number = box_json_member_text (account, "number");
      if (session->account_number == NULL)
        session->account_number = member_id (object, "account");
      if (first != NULL || last != NULL)
        session->display_name = g_strstrip (g_strdup_printf ("%s %s", first ? first : "", last ? last : ""));
      /* Empty names are no names, as on a ticket: the username. */
      if (session->display_name == NULL || *session->display_name == '\0')
        {
          g_free (session->display_name);
          session->display_name = box_json_member_text (account, "username");
        }
    }
  else
    session->account_number = member_id (object, "account");

  return g_steal_pointer (&session);
}

/**
 * box_ticketing_parse_token:
 *
 * Returns: (transfer full): the token's key, event and sections
 */
BoxTicketingToken *
box_ticketing_parse_token (const char  *data,
                           gssize       len,
                           GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  g_autoptr(BoxTicketingToken) token = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  JsonObject *object = root_object (root, error);
  JsonArray *array;

  if (object == NULL)
    return NULL;

  token = g_new0 (BoxTicketingToken, 1);
  token->key = box_json_member_text (object, "key");
  token->event_id = member_id (object, "event");
  if (token->key == NULL || *token->key == '\0' || token->event_id == NULL)
    {
      set_malformed (error, _("a token without a key or an event"));
      return NULL;
    }

  sections = g_ptr_array_new_with_free_func (g_free);
  if ((array = box_json_member_array (object, "sections")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonNode *node = json_array_get_element (array, i);
        g_autofree char *uri = NULL;
        char *id;

        if (JSON_NODE_HOLDS_OBJECT (node))
          uri = box_json_member_text (json_node_get_object (node), "self");
        else
          uri = box_json_node_text (node);
        if ((id = box_ticketing_id_from_uri (uri)) != NULL)
          g_ptr_array_add (sections, id);
      }
  g_ptr_array_add (sections, NULL);
  token->sections = (char **)g_ptr_array_free (g_steal_pointer (&sections), FALSE);

  return g_steal_pointer (&token);
}

/**
 * box_ticketing_parse_hosts:
 *
 * Returns: (transfer full) (element-type utf8): the hosts' ids
 */
GPtrArray *
box_ticketing_parse_hosts (const char  *data,
                           gssize       len,
                           guint       *total,
                           GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  JsonArray *entries = page_entries (root, total, error);
  GPtrArray *hosts;

  if (entries == NULL)
    return NULL;

  hosts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = entry_object (entries, i);
      char *id = NULL;

      if (entry != NULL)
        {
          id = member_id (entry, "self");
          if (id == NULL)
            id = member_id (entry, "id");
        }
      else
        {
          g_autofree char *uri = box_json_node_text (json_array_get_element (entries, i));
          id = box_ticketing_id_from_uri (uri);
        }
      if (id != NULL)
        g_ptr_array_add (hosts, id);
    }
  return hosts;
}

/* Events --------------------------------------------------------------------------------- */

static BoxEvent *
event_from_object (JsonObject *object,
                   const char *account_id,
                   GHashTable *sections)
{
  g_autofree char *id = member_id (object, "self");
  g_autofree char *title = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  JsonArray *array;
  BoxEvent *event;
  gint64 ends_at;

  /* "id" read like a URI too: an empty one is no id. */
  if (id == NULL)
    id = member_id (object, "id");
  if (id == NULL)
    return NULL;

  title = box_json_member_text (object, "title");
  if (title == NULL)
    title = box_json_member_text (object, "name");
  event = box_event_new (account_id, id, title && *title ? title : id);

  start = box_json_member_text (object, "start");
  end = box_json_member_text (object, "end");
  box_event_set_starts_at (event, box_ticketing_parse_datetime (start));
  ends_at = box_ticketing_parse_datetime (end);
  /* "9999-12-31T23:59:59.999Z": an event without an end. */
  if (ends_at > 0 && ends_at < G_GINT64_CONSTANT (253402214400))
    box_event_set_ends_at (event, ends_at);

  if (sections != NULL && (array = box_json_member_array (object, "sections")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *section = entry_object (array, i);
        char *section_id;

        if (section == NULL || (section_id = member_id (section, "self")) == NULL)
          continue;
        g_hash_table_replace (sections, section_id,
                              box_json_member_text (section, "name"));
      }

  return event;
}

/**
 * box_ticketing_parse_events:
 *
 * Returns: (transfer full) (element-type BoxEvent): the events of a page
 */
GPtrArray *
box_ticketing_parse_events (const char  *data,
                            gssize       len,
                            const char  *account_id,
                            guint       *total,
                            GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  JsonArray *entries = page_entries (root, total, error);
  GPtrArray *events;

  if (entries == NULL)
    return NULL;

  events = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = entry_object (entries, i);
      BoxEvent *event = entry ? event_from_object (entry, account_id, NULL) : NULL;

      if (event != NULL)
        g_ptr_array_add (events, event);
    }
  return events;
}

/**
 * box_ticketing_parse_event:
 *
 * Returns: (transfer full): the event
 */
BoxEvent *
box_ticketing_parse_event (const char  *data,
                           gssize       len,
                           const char  *account_id,
                           GHashTable **sections,
                           GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *object = root_object (root, error);
  BoxEvent *event;

  if (object == NULL)
    return NULL;
  if ((event = event_from_object (object, account_id, names)) == NULL)
    {
      set_malformed (error, _("an event without an id"));
      return NULL;
    }
  if (sections != NULL)
    *sections = g_steal_pointer (&names);
  return event;
}

/* Tickets -------------------------------------------------------------------------------- */

static void
add_detail (JsonBuilder *details,
            const char  *key,
            const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (details, key);
  json_builder_add_string_value (details, value);
}

static BoxAttendeeStatus
status_from_text (const char *status)
{
  if (status == NULL)
    return BOX_ATTENDEE_STATUS_UNKNOWN;
  if (g_ascii_strcasecmp (status, "Issued") == 0 || g_ascii_strcasecmp (status, "Redeemed") == 0 ||
      g_ascii_strcasecmp (status, "Admitted") == 0 || g_ascii_strcasecmp (status, "Valid") == 0)
    return BOX_ATTENDEE_STATUS_PAID;
  /* An open transfer: not usable until it is claimed or cancelled. */
  if (g_ascii_strcasecmp (status, "Pending") == 0 || g_ascii_strcasecmp (status, "Transferring") == 0)
    return BOX_ATTENDEE_STATUS_PENDING;
  if (g_ascii_strcasecmp (status, "Void") == 0 || g_ascii_strcasecmp (status, "Cancelled") == 0 ||
      g_ascii_strcasecmp (status, "Canceled") == 0 || g_ascii_strcasecmp (status, "Refunded") == 0 ||
      g_ascii_strcasecmp (status, "Invalid") == 0)
    return BOX_ATTENDEE_STATUS_CANCELLED;
  return BOX_ATTENDEE_STATUS_UNKNOWN;
}

static gboolean
section_allowed (const char * const *admit_sections,
                 const char         *section_id)
{
  /* No list, or an empty one (a global token): every section. */
  if (admit_sections == NULL || admit_sections[0] == NULL)
    return TRUE;
  return section_id != NULL && g_strv_contains (admit_sections, section_id);
}

static BoxAttendee *
attendee_from_ticket (JsonObject         *ticket,
                      const char * const *admit_sections)
{
  g_autofree char *serial = box_json_member_text (ticket, "serial");
  g_autofree char *status = box_json_member_text (ticket, "status");
  g_autofree char *issued = box_json_member_text (ticket, "issued");
  g_autofree char *redeemed = box_json_member_text (ticket, "redeemed");
  g_autofree char *section_id = member_id (ticket, "section");
  g_autofree char *section_name = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *username = NULL;
  g_autofree char *email = NULL;
  g_autofree char *number = NULL;
  g_autoptr(JsonBuilder) details = NULL;
  g_autoptr(JsonNode) details_node = NULL;
  g_autofree char *details_text = NULL;
  JsonObject *section;
  JsonObject *owner;
  BoxAttendee *attendee;
  BoxAttendeeStatus state;
  gint64 redeemed_at;
  gint64 issued_at;

  /* A blank serial is none: the desk matches scanned codes, trimmed. */
  if (serial == NULL || *g_strstrip (serial) == '\0')
    return NULL;

  if ((section = box_json_member_object (ticket, "section")) != NULL)
    section_name = box_json_member_text (section, "name");
  if ((owner = box_json_member_object (ticket, "owner")) != NULL)
    {
      first = box_json_member_text (owner, "firstName");
      last = box_json_member_text (owner, "lastName");
      username = box_json_member_text (owner, "username");
      email = box_json_member_text (owner, "email");
      number = box_json_member_text (owner, "number");
      if (number == NULL)
        number = member_id (ticket, "owner");
    }

  attendee = box_attendee_new ();
  box_attendee_set_code (attendee, serial);
  box_attendee_set_first_name (attendee, first);
  box_attendee_set_last_name (attendee, last);
  /* A ticket whose owner gave no name: the username says at least who bought it. */
  if ((first == NULL || *first == '\0') && (last == NULL || *last == '\0'))
    box_attendee_set_name (attendee, username ? username : email);
  box_attendee_set_email (attendee, email);
  box_attendee_set_ticket_type (attendee, section_name);
  state = status_from_text (status);
  box_attendee_set_status (attendee, state);

  /* "N/A" (not admitted) reads as no time. */
  redeemed_at = box_ticketing_parse_datetime (redeemed);
  box_attendee_set_checked_in (attendee, redeemed_at > 0 ||
                               (status != NULL && (g_ascii_strcasecmp (status, "Redeemed") == 0 ||
                                                   g_ascii_strcasecmp (status, "Admitted") == 0)));
  box_attendee_set_checked_in_at (attendee, redeemed_at);
  issued_at = box_ticketing_parse_datetime (issued);
  box_attendee_set_updated_at (attendee, MAX (issued_at, redeemed_at));
  box_attendee_set_valid_here (attendee, section_allowed (admit_sections, section_id));

  details = json_builder_new ();
  json_builder_begin_object (details);
  add_detail (details, "Section", section_name);
  if (state != BOX_ATTENDEE_STATUS_PAID)
    add_detail (details, "TickeTing status", status);
  add_detail (details, "Account", number);
  add_detail (details, "Username", username);
  add_detail (details, "_section_id", section_id);
  json_builder_end_object (details);
  details_node = json_builder_get_root (details);
  details_text = json_to_string (details_node, FALSE);
  box_attendee_set_details (attendee, details_text);

  return attendee;
}

/**
 * box_ticketing_parse_tickets:
 *
 * Returns: (transfer full) (element-type BoxAttendee): the tickets of a page
 */
GPtrArray *
box_ticketing_parse_tickets (const char          *data,
                             gssize               len,
                             const char * const  *admit_sections,
                             guint               *total,
                             GError             **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  JsonArray *entries = page_entries (root, total, error);
  GPtrArray *attendees;

  if (entries == NULL)
    return NULL;

  attendees = g_ptr_array_new_full (json_array_get_length (entries), g_object_unref);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = entry_object (entries, i);
      BoxAttendee *attendee = entry ? attendee_from_ticket (entry, admit_sections) : NULL;

      if (attendee != NULL)
        g_ptr_array_add (attendees, attendee);
    }
  return attendees;
}

/* Admissions ----------------------------------------------------------------------------- */

/* The admitted ticket, read as a ticket: the patron is its owner, admitted its
 * "redeemed"; the device that admitted it is kept for the desk. */
static BoxAttendee *
attendee_from_admission (JsonObject            *entry,
                         BoxTicketingAdmission *admission)
{
  g_autoptr(JsonObject) ticket = json_object_new ();
  g_autoptr(JsonNode) details = NULL;
  g_autofree char *text = NULL;
  JsonNode *member;
  BoxAttendee *attendee;

  json_object_set_string_member (ticket, "serial", admission->serial);
  json_object_set_string_member (ticket, "status", "Issued");
  if ((member = json_object_get_member (entry, "section")) != NULL)
    json_object_set_member (ticket, "section", json_node_copy (member));
  if ((member = json_object_get_member (entry, "patron")) != NULL)
    json_object_set_member (ticket, "owner", json_node_copy (member));
  if ((member = json_object_get_member (entry, "admitted")) != NULL)
    json_object_set_member (ticket, "redeemed", json_node_copy (member));

  attendee = attendee_from_ticket (ticket, NULL);
  if (attendee == NULL)
    return NULL;
  box_attendee_set_checked_in (attendee, TRUE);
  if (admission->device != NULL && *admission->device != '\0' &&
      (details = json_from_string (box_attendee_get_details (attendee), NULL)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (details))
    {
      json_object_set_string_member (json_node_get_object (details), "_checked_in_by", admission->device);
      text = json_to_string (details, FALSE);
      box_attendee_set_details (attendee, text);
    }
  return attendee;
}

/**
 * box_ticketing_parse_admissions:
 *
 * Returns: (transfer full) (element-type BoxTicketingAdmission): the admissions
 */
GPtrArray *
box_ticketing_parse_admissions (const char  *data,
                                gssize       len,
                                guint       *total,
                                GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  JsonArray *entries = page_entries (root, total, error);
  GPtrArray *admissions;

  if (entries == NULL)
    return NULL;

  admissions = g_ptr_array_new_with_free_func ((GDestroyNotify)box_ticketing_admission_free);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = entry_object (entries, i);
      g_autofree char *admitted = NULL;
      BoxTicketingAdmission *admission;
      JsonObject *ticket;

      if (entry == NULL)
        continue;
      admission = g_new0 (BoxTicketingAdmission, 1);
      /* "ticket" is the serial; a ticket object is read too. */
      if ((ticket = box_json_member_object (entry, "ticket")) != NULL)
        admission->serial = box_json_member_text (ticket, "serial");
      else
        admission->serial = box_json_member_text (entry, "ticket");
      if (admission->serial == NULL)
        admission->serial = box_json_member_text (entry, "serial");
      admission->device = box_json_member_text (entry, "device");
      admission->redeemer = box_json_member_text (entry, "redeemer");
      admission->section_id = member_id (entry, "section");
      admitted = box_json_member_text (entry, "admitted");
      admission->admitted = box_ticketing_parse_datetime (admitted);
      if (admission->serial == NULL || *g_strstrip (admission->serial) == '\0')
        {
          box_ticketing_admission_free (admission);
          continue;
        }
      admission->attendee = attendee_from_admission (entry, admission);
      g_ptr_array_add (admissions, admission);
    }
  return admissions;
}

/* Statistics ----------------------------------------------------------------------------- */

/* The first of @names that @object has, as text. */
static char *
first_member_text (JsonObject         *object,
                   const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      char *text = box_json_member_text (object, names[i]);

      if (text != NULL && *text != '\0')
        return text;
      g_free (text);
    }
  return NULL;
}

/**
 * box_ticketing_parse_statistics:
 *
 * Returns: (transfer full): the figures TickeTing gave, in a fixed order
 */
BoxEventStats *
box_ticketing_parse_statistics (const char  *data,
                                gssize       len,
                                GError     **error)
{
  static const char * const sold_names[] = { "ticketsSold", "tickets_sold", "sold", "tickets", NULL };
  static const char * const capacity_names[] = { "capacity", "ticketCapacity", "ticket_capacity", NULL };
  static const char * const orders_names[] = { "orders", "totalOrders", "total_orders", NULL };
  static const char * const admitted_names[] = { "admissions", "admitted", NULL };
  static const char * const amount_names[] = { "amount", "total", "value", NULL };
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  g_autoptr(BoxEventStats) stats = NULL;
  JsonObject *object = root_object (root, error);
  JsonObject *revenue;
  char *text;

  if (object == NULL)
    return NULL;

  stats = box_event_stats_new ();
  if ((text = first_member_text (object, sold_names)) != NULL)
    {
      box_event_stats_add_figure (stats, "tickets_sold", _("Tickets sold"), text);
      g_free (text);
    }
  if ((text = first_member_text (object, capacity_names)) != NULL)
    {
      box_event_stats_add_figure (stats, "capacity", _("Capacity"), text);
      g_free (text);
    }
  if ((text = first_member_text (object, orders_names)) != NULL)
    {
      box_event_stats_add_figure (stats, "orders", _("Orders"), text);
      g_free (text);
    }
  if ((text = first_member_text (object, admitted_names)) != NULL)
    {
      box_event_stats_add_figure (stats, "admitted", _("Admitted"), text);
      g_free (text);
    }

  /* Money stays the decimal text it came as. */
  revenue = box_json_member_object (object, "revenues");
  if (revenue == NULL)
    revenue = box_json_member_object (object, "revenue");
  if (revenue != NULL)
    {
      g_autofree char *amount = first_member_text (revenue, amount_names);
      g_autofree char *currency = box_json_member_text (revenue, "currency");

      if (amount != NULL)
        {
          g_autofree char *value = currency ? g_strdup_printf ("%s %s", amount, currency) : g_strdup (amount);
          box_event_stats_add_figure (stats, "revenue", _("Revenue"), value);
        }
    }
  else
    {
      static const char * const revenue_names[] = { "revenues", "revenue", NULL };
      g_autofree char *amount = first_member_text (object, revenue_names);

      if (amount != NULL)
        box_event_stats_add_figure (stats, "revenue", _("Revenue"), amount);
    }

  if (box_event_stats_get_figures (stats)->len == 0)
    {
      set_malformed (error, _("no statistics in it"));
      return NULL;
    }
  return g_steal_pointer (&stats);
}

/* Errors --------------------------------------------------------------------------------- */

/**
 * box_ticketing_read_error:
 *
 * Gives the server's own words, from "error" or "message" (both are used), or the
 * start of a body that is not JSON.
 */
void
box_ticketing_read_error (guint    status,
                          GBytes  *body,
                          char   **message,
                          int     *retry_after)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *data;
  gsize len = 0;
  JsonNode *root;

  *message = NULL;
  *retry_after = -1;
  if (body == NULL)
    return;

  data = g_bytes_get_data (body, &len);
  if (data == NULL || len == 0 || len > 64 * 1024 || box_json_too_deep (data, len))
    return;

  if (json_parser_load_from_data (parser, data, len, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      g_autofree char *text = box_json_member_text (object, "error");
      JsonObject *nested;

      if (text == NULL && (nested = box_json_member_object (object, "error")) != NULL)
        text = box_json_member_text (nested, "message");
      if (text == NULL)
        text = box_json_member_text (object, "message");
      if (text != NULL)
        {
          /* One line: the HTTP layer puts it in a sentence. */
          g_strdelimit (text, "\r\n", ' ');
          g_strstrip (text);
          if (g_utf8_strlen (text, -1) > 300)
            {
              char *end = g_utf8_offset_to_pointer (text, 300);
              *end = '\0';
            }
          *message = g_steal_pointer (&text);
        }
      return;
    }

  /* A proxy's page: its first line, if it is text. */
  if (g_utf8_validate (data, MIN (len, 200), NULL))
    {
      g_autofree char *start = g_strndup (data, MIN (len, 200));
      char *newline = strchr (start, '\n');

      if (newline != NULL)
        *newline = '\0';
      g_strstrip (start);
      if (*start != '\0' && *start != '<')
        *message = g_steal_pointer (&start);
    }
}
