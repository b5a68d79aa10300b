/* box-floktu-parser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-floktu"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "box-attendee.h"
#include "box-error.h"
#include "box-event.h"
#include "box-floktu-parser.h"
#include "box-json-read.h"

/* Floktu API v2's replies, read liberally: the lists are bare arrays, ids and amounts
 * may come as numbers or strings, any member may be missing or null, unknown members
 * are ignored. An order's details may have no "attendees" at all (the sample client
 * checks for the key): such an order brings no attendee, since it holds no ticket.
 *
 * An attendee is one ticket: its code is "attendee_id" (what a scanner reads), its
 * status the order's. "check_in_date" is a wall-clock time without a zone
 * ("2024-05-04 18:30:00"), read as this computer's local time; ISO 8601 with a zone is
 * read too. Money stays the decimal text it came as. */

/* How many ids a set read from a cursor may hold in all: more is no cursor of ours. */
#define MAX_ID_SET_IDS 200000

void
box_floktu_order_free (BoxFloktuOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->id);
  g_free (order->email);
  g_free (order->first_name);
  g_free (order->last_name);
  g_free (order);
}

static void
set_malformed (GError     **error,
               const char  *detail)
{
  g_set_error (error, BOX_ERROR, BOX_ERROR_MALFORMED,
               _("Floktu sent an unexpected reply (%s). Try again later; nothing was changed."),
               detail);
}

static JsonNode *
parse_root (const char  *data,
            gssize       len,
            GError     **error)
{
  return box_json_parse_root ("Floktu", data, len, error);
}

/* The entries of a list: a bare array, or (liberally) an object that wraps one. */
static JsonArray *
root_array (JsonNode    *root,
            const char  *wrapper,
            GError     **error)
{
  JsonArray *array;

  if (root == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      if ((array = box_json_member_array (object, wrapper)) != NULL ||
          (array = box_json_member_array (object, "data")) != NULL)
        return array;
    }
  set_malformed (error, _("not a list"));
  return NULL;
}

static JsonObject *
entry_object (JsonArray *array,
              guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Text with the white space at both ends removed; NULL when nothing is left. */
static char *
member_trimmed (JsonObject *object,
                const char *name)
{
  char *text = box_json_member_text (object, name);

  if (text != NULL && *g_strstrip (text) == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* An id: a number or a string, trimmed, one line. */
static char *
member_id (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  char *id;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return NULL;
  /* 12.0 is order 12; 12.5 is no id. */
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!isfinite (d) || d != floor (d) || fabs (d) >= 1e15)
        return NULL;
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)d);
    }
  id = member_trimmed (object, name);
  if (id != NULL && strpbrk (id, "\r\n") != NULL)
    g_clear_pointer (&id, g_free);
  return id;
}

/* A JSON number as the decimal it was written as: the shortest text that reads back as
 * the same double (24.17, not 24.170000000000002). Strings are kept as they are. */
static char *
amount_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double d;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_DOUBLE)
    return member_trimmed (object, name);

  d = json_node_get_double (node);
  if (!isfinite (d))
    return NULL;
  /* 1e2 is 100, not "1e+02". */
  if (d == floor (d) && fabs (d) < 1e15)
    return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.0f", d));
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, d);
      if (g_ascii_strtod (buf, NULL) == d)
        break;
    }
  return g_strdup (buf);
}

/**
 * box_floktu_parse_datetime:
 *
 * Reads "2024-05-04 18:30:00" and ISO 8601 ("2024-05-04T18:30:00+10:00"); a time
 * without a zone is this computer's local time, a date alone its midnight.
 *
 * Returns: Unix time, or 0 for empty or unreadable text, MySQL's "0000-00-00 00:00:00"
 *   and times before 1970 or after 9999
 */
gint64
box_floktu_parse_datetime (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) local = NULL;
  g_autofree char *copy = NULL;
  gsize len;

  if (text == NULL)
    return 0;
  copy = g_strstrip (g_strdup (text));
  len = strlen (copy);
  if (len < 10 || len > 64)
    return 0;
  if (copy[10] == ' ')
    copy[10] = 'T';
  local = g_time_zone_new_local ();
  dt = g_date_time_new_from_iso8601 (copy, local);
  if (dt == NULL && len == 10)
    {
      g_autofree char *midnight = g_strconcat (copy, "T00:00:00", NULL);
      dt = g_date_time_new_from_iso8601 (midnight, local);
    }
  if (dt == NULL)
    return 0;
  if (g_date_time_to_unix (dt) <= 0 || g_date_time_to_unix (dt) > G_GINT64_CONSTANT (253402300799))
    return 0;
  return g_date_time_to_unix (dt);
}

/* Events --------------------------------------------------------------------------------- */

/**
 * box_floktu_parse_events:
 *
 * Returns: (transfer full) (element-type BoxEvent): the events, each id once
 */
GPtrArray *
box_floktu_parse_events (const char  *data,
                         gssize       len,
                         const char  *account_id,
                         GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *entries = root_array (root, "events", error);
  GPtrArray *events;

  if (entries == NULL)
    return NULL;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  events = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = entry_object (entries, i);
      g_autofree char *id = entry ? member_id (entry, "id") : NULL;
      g_autofree char *name = NULL;

      if (id == NULL || !g_hash_table_add (seen, g_strdup (id)))
        continue;
      name = member_trimmed (entry, "name");
      g_ptr_array_add (events, box_event_new (account_id, id, name ? name : id));
    }
  return events;
}

/* Orders --------------------------------------------------------------------------------- */

/**
 * box_floktu_parse_orders:
 *
 * Returns: (transfer full) (element-type BoxFloktuOrder): the orders of the event
 */
GPtrArray *
box_floktu_parse_orders (const char  *data,
                         gssize       len,
                         GError     **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *entries = root_array (root, "orders", error);
  GPtrArray *orders;

  if (entries == NULL)
    return NULL;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  orders = g_ptr_array_new_full (json_array_get_length (entries), (GDestroyNotify)box_floktu_order_free);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = entry_object (entries, i);
      BoxFloktuOrder *order;
      char *id = entry ? member_id (entry, "id") : NULL;

      if (id == NULL || !g_hash_table_add (seen, g_strdup (id)))
        {
          g_free (id);
          continue;
        }
      order = g_new0 (BoxFloktuOrder, 1);
      order->id = id;
      order->email = member_trimmed (entry, "email");
      order->first_name = member_trimmed (entry, "first_name");
      order->last_name = member_trimmed (entry, "last_name");
      g_ptr_array_add (orders, order);
    }
  return orders;
}

static BoxAttendeeStatus
status_from_text (const char *status)
{
  if (status == NULL)
    return BOX_ATTENDEE_STATUS_UNKNOWN;
  if (g_ascii_strcasecmp (status, "confirmed") == 0)
    return BOX_ATTENDEE_STATUS_PAID;
  if (g_ascii_strcasecmp (status, "unconfirmed") == 0)
    return BOX_ATTENDEE_STATUS_PENDING;
  if (g_ascii_strcasecmp (status, "cancelled") == 0 || g_ascii_strcasecmp (status, "canceled") == 0)
    return BOX_ATTENDEE_STATUS_CANCELLED;
  return BOX_ATTENDEE_STATUS_UNKNOWN;
}

static void
add_detail (JsonBuilder *details,
            const char  *key,
            const char  *value)
{
  if (key == NULL || *key == '\0' || value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (details, key);
  json_builder_add_string_value (details, value);
}

/* What the buyer wrote on the order: the details' "name", else the list's names. */
typedef struct
{
  char *id;
  char *name;
  char *first_name;
  char *last_name;
  char *email;
  char *status;
  char *order_amount;
  char *amount_paid;
  char *voucher;
} Order;

static void
order_clear (Order *o)
{
  g_free (o->id);
  g_free (o->name);
  g_free (o->first_name);
  g_free (o->last_name);
  g_free (o->email);
  g_free (o->status);
  g_free (o->order_amount);
  g_free (o->amount_paid);
  g_free (o->voucher);
}

static BoxAttendee *
attendee_from_object (JsonObject  *object,
                      const Order *order)
{
  g_autofree char *code = member_id (object, "attendee_id");
  g_autofree char *first = member_trimmed (object, "attendee_first_name");
  g_autofree char *last = member_trimmed (object, "attendee_last_name");
  g_autofree char *company = member_trimmed (object, "attendee_company");
  g_autofree char *ticket = member_trimmed (object, "ticket");
  g_autofree char *group = member_trimmed (object, "ticket_group");
  g_autofree char *check_in = member_trimmed (object, "check_in_date");
  g_autoptr(JsonBuilder) details = NULL;
  g_autoptr(JsonNode) details_node = NULL;
  g_autofree char *details_text = NULL;
  BoxAttendeeStatus state;
  BoxAttendee *attendee;
  JsonArray *answers;
  gint64 checked_in_at;
  gboolean checked_in;

  /* No code, no ticket to scan. */
  if (code == NULL)
    return NULL;

  attendee = box_attendee_new ();
  box_attendee_set_code (attendee, code);
  if (first != NULL || last != NULL)
    {
      box_attendee_set_first_name (attendee, first);
      box_attendee_set_last_name (attendee, last);
    }
  else if (order->name != NULL)
    box_attendee_set_name (attendee, order->name);
  else if (order->first_name != NULL || order->last_name != NULL)
    {
      box_attendee_set_first_name (attendee, order->first_name);
      box_attendee_set_last_name (attendee, order->last_name);
    }
  else
    box_attendee_set_name (attendee, order->email);
  box_attendee_set_email (attendee, order->email);
  box_attendee_set_company (attendee, company);
  box_attendee_set_ticket_type (attendee, ticket);
  box_attendee_set_order_code (attendee, order->id);
  state = status_from_text (order->status);
  box_attendee_set_status (attendee, state);

  /* Any date is a check-in at Floktu's own desk; MySQL's zero date is none. */
  checked_in = check_in != NULL && !g_str_has_prefix (check_in, "0000-00-00") &&
               g_ascii_strcasecmp (check_in, "null") != 0;
  checked_in_at = checked_in ? box_floktu_parse_datetime (check_in) : 0;
  box_attendee_set_checked_in (attendee, checked_in);
  box_attendee_set_checked_in_at (attendee, checked_in_at);
  box_attendee_set_updated_at (attendee, checked_in_at);

  details = json_builder_new ();
  json_builder_begin_object (details);
  add_detail (details, "Ticket group", group);
  if (state != BOX_ATTENDEE_STATUS_PAID)
    add_detail (details, "Floktu status", order->status);
  /* Who bought the ticket, when it is someone else. */
  if ((first != NULL || last != NULL) && order->name != NULL &&
      g_strcmp0 (order->name, box_attendee_get_name (attendee)) != 0)
    add_detail (details, "Ordered by", order->name);
  add_detail (details, "Order amount", order->order_amount);
  add_detail (details, "Amount paid", order->amount_paid);
  add_detail (details, "Voucher", order->voucher);
  /* The registration form's answers, by question. */
  if ((answers = box_json_member_array (object, "attendee_data")) != NULL)
    for (guint i = 0; i < json_array_get_length (answers); i++)
      {
        JsonObject *entry = entry_object (answers, i);
        g_autofree char *question = entry ? member_trimmed (entry, "question") : NULL;
        g_autofree char *answer = entry ? member_trimmed (entry, "answer") : NULL;

        /* "_" keys are the desk's own, not shown. */
        if (question != NULL && question[0] != '_')
          add_detail (details, question, answer);
      }
  json_builder_end_object (details);
  details_node = json_builder_get_root (details);
  details_text = json_to_string (details_node, FALSE);
  box_attendee_set_details (attendee, details_text);

  return attendee;
}

/**
 * box_floktu_parse_order:
 *
 * Returns: (transfer full) (element-type BoxAttendee): the order's attendees
 */
GPtrArray *
box_floktu_parse_order (const char            *data,
                        gssize                 len,
                        const BoxFloktuOrder  *listed,
                        GError               **error)
{
  g_autoptr(JsonNode) root = parse_root (data, len, error);
  g_autoptr(GHashTable) seen = NULL;
  Order order = { NULL };
  JsonObject *object;
  JsonArray *list;
  GPtrArray *attendees;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_malformed (error, _("not an order"));
      return NULL;
    }
  object = json_node_get_object (root);
  /* Some wrap the order: {"order": {...}}. */
  if (!json_object_has_member (object, "id") && box_json_member_object (object, "order") != NULL)
    object = box_json_member_object (object, "order");

  order.id = member_id (object, "id");
  if (order.id == NULL && listed != NULL)
    order.id = g_strdup (listed->id);
  order.name = member_trimmed (object, "name");
  order.email = member_trimmed (object, "email");
  if (order.email == NULL && listed != NULL)
    order.email = g_strdup (listed->email);
  order.first_name = member_trimmed (object, "first_name");
  if (order.first_name == NULL && listed != NULL)
    order.first_name = g_strdup (listed->first_name);
  order.last_name = member_trimmed (object, "last_name");
  if (order.last_name == NULL && listed != NULL)
    order.last_name = g_strdup (listed->last_name);
  order.status = member_trimmed (object, "status");
  order.order_amount = amount_text (object, "order_amount");
  order.amount_paid = amount_text (object, "amount_paid");
  order.voucher = member_trimmed (object, "voucher");

  attendees = g_ptr_array_new_with_free_func (g_object_unref);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* No "attendees" (or not a list): an order without tickets. */
  if ((list = box_json_member_array (object, "attendees")) != NULL)
    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonObject *entry = entry_object (list, i);
        BoxAttendee *attendee = entry ? attendee_from_object (entry, &order) : NULL;

        if (attendee == NULL)
          continue;
        /* The same ticket twice: the first one counts. */
        if (!g_hash_table_add (seen, g_strdup (box_attendee_get_code (attendee))))
          {
            g_object_unref (attendee);
            continue;
          }
        g_ptr_array_add (attendees, attendee);
      }

  order_clear (&order);
  return attendees;
}

/* Errors --------------------------------------------------------------------------------- */

static char *
one_line (char *text)
{
  if (text == NULL)
    return NULL;
  g_strdelimit (text, "\r\n\t", ' ');
  g_strstrip (text);
  if (*text == '\0')
    {
      g_free (text);
      return NULL;
    }
  if (g_utf8_strlen (text, -1) > 300)
    *g_utf8_offset_to_pointer (text, 300) = '\0';
  return text;
}

/* The words of one error object. */
static char *
error_object_text (JsonObject *object)
{
  char *text;

  if ((text = one_line (box_json_member_text (object, "message"))) != NULL ||
      (text = one_line (box_json_member_text (object, "error_description"))) != NULL ||
      (text = one_line (box_json_member_text (object, "error"))) != NULL ||
      (text = one_line (box_json_member_text (object, "errorCode"))) != NULL)
    return text;
  return NULL;
}

/**
 * box_floktu_read_error:
 *
 * Gives the server's own words: "message" of Floktu's {"code","message"},
 * "error_description" or "error" of an OAuth error, the first of a list of errors, or
 * the first line of a body that is not JSON (not an HTML page).
 */
void
box_floktu_read_error (guint    status,
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
      (root = json_parser_get_root (parser)) != NULL)
    {
      if (JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *object = json_node_get_object (root);
          JsonObject *nested = box_json_member_object (object, "error");

          *message = error_object_text (nested != NULL ? nested : object);
          if (*message == NULL && nested != NULL)
            *message = error_object_text (object);
        }
      else if (JSON_NODE_HOLDS_ARRAY (root) && json_array_get_length (json_node_get_array (root)) > 0)
        {
          JsonObject *first = entry_object (json_node_get_array (root), 0);

          if (first != NULL)
            *message = error_object_text (first);
        }
      return;
    }

  /* A proxy's page or a plain-text answer: its first line, if it is text. */
  if (g_utf8_validate (data, MIN (len, 200), NULL) && memchr (data, '\0', MIN (len, 200)) == NULL)
    {
      g_autofree char *start = g_strndup (data, MIN (len, 200));
      char *newline = strchr (start, '\n');

      if (newline != NULL)
        *newline = '\0';
      g_strstrip (start);
      if (*start != '\0' && *start != '<')
        *message = one_line (g_steal_pointer (&start));
    }
}

/* Sets of order ids ------------------------------------------------------------------------ */

/* A decimal id that reads back the same: no sign, no leading zero, below 10^18. */
static gboolean
decimal_id (const char *text,
            guint64    *value)
{
  gsize len = strlen (text);

  if (len == 0 || len > 18 || (len > 1 && text[0] == '0'))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  *value = g_ascii_strtoull (text, NULL, 10);
  return TRUE;
}

static int
compare_u64 (gconstpointer a,
             gconstpointer b)
{
  guint64 x = *(const guint64 *)a;
  guint64 y = *(const guint64 *)b;

  return x < y ? -1 : x > y;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/**
 * box_floktu_format_id_set:
 * @ids: (element-type utf8 utf8): the ids, as keys
 *
 * Returns: (transfer full): "1-4000,4005,~A%2C1": decimal ids as sorted ranges, then
 *   any other id escaped after a '~'; "" for no ids
 */
char *
box_floktu_format_id_set (GHashTable *ids)
{
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  GString *text = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint64 value;

      if (decimal_id (key, &value))
        g_array_append_val (numbers, value);
      else
        g_ptr_array_add (others, key);
    }
  g_array_sort (numbers, compare_u64);
  g_ptr_array_sort (others, compare_strings);

  for (guint i = 0; i < numbers->len;)
    {
      guint64 start = g_array_index (numbers, guint64, i);
      guint64 end = start;

      while (++i < numbers->len && g_array_index (numbers, guint64, i) <= end + 1)
        end = g_array_index (numbers, guint64, i);
      if (text->len > 0)
        g_string_append_c (text, ',');
      if (end == start)
        g_string_append_printf (text, "%" G_GUINT64_FORMAT, start);
      else
        g_string_append_printf (text, "%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT, start, end);
    }
  for (guint i = 0; i < others->len; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (g_ptr_array_index (others, i), NULL, FALSE);

      if (text->len > 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, '~');
      g_string_append (text, escaped);
    }
  return g_string_free (text, FALSE);
}

/**
 * box_floktu_parse_id_set:
 *
 * Reads what box_floktu_format_id_set() wrote. Ranges are expanded, so a set of more
 * than 200,000 ids is refused.
 *
 * Returns: (transfer full) (nullable): the ids (keys and values the same string), or
 *   %NULL when @text is not such a set
 */
GHashTable *
box_floktu_parse_id_set (const char *text)
{
  g_autoptr(GHashTable) ids = NULL;
  g_auto(GStrv) items = NULL;
  guint64 count = 0;

  if (text == NULL)
    return NULL;
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (*text == '\0')
    return g_steal_pointer (&ids);

  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = items[i];
      const char *dash;
      guint64 start, end;

      if (item[0] == '~')
        {
          g_autofree char *id = g_uri_unescape_string (item + 1, NULL);

          if (id == NULL || *id == '\0' || !g_utf8_validate (id, -1, NULL) || ++count > MAX_ID_SET_IDS)
            return NULL;
          g_hash_table_add (ids, g_steal_pointer (&id));
          continue;
        }

      dash = strchr (item, '-');
      if (dash == NULL)
        {
          if (!decimal_id (item, &start))
            return NULL;
          end = start;
        }
      else
        {
          g_autofree char *first = g_strndup (item, dash - item);

          if (!decimal_id (first, &start) || !decimal_id (dash + 1, &end) || end < start)
            return NULL;
        }
      if (end - start >= MAX_ID_SET_IDS || (count += end - start + 1) > MAX_ID_SET_IDS)
        return NULL;
      for (guint64 v = start; v <= end; v++)
        {
          char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, v);
          g_hash_table_add (ids, id);
        }
    }
  return g_steal_pointer (&ids);
}
