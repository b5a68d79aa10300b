/* box-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "box-attendee.h"
#include "box-checkin.h"
#include "box-csv.h"

/* The attendee list as CSV, for the window's and the command line's export. */

/**
 * box_csv_format_time:
 *
 * Returns: (transfer full) (nullable): ISO 8601 in UTC, or %NULL for 0 (unknown)
 */
char *
box_csv_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time <= 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (unix_time);
  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static void
csv_field (GString    *out,
           const char *value)
{
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * box_csv_attendees:
 * @attendees: (element-type BoxAttendee): the list
 * @latest_checkins: (nullable) (element-type BoxCheckin): the last check-in or undo
 *   done at this desk for each ticket (box_store_list_latest_checkins())
 *
 * RFC 4180: a header row, CRLF line ends, fields with commas, quotes or line breaks
 * quoted. A leading =, +, - or @ is kept as is: the export is data, not a sheet.
 * Besides the attendee keys of CLI.md: who checked the ticket in (this desk, or the
 * device the provider named) and whether the check-in exists only on this computer
 * (a provider without check-in).
 *
 * Returns: (transfer full): the CSV text
 */
char *
box_csv_attendees (GPtrArray *attendees,
                   GPtrArray *latest_checkins)
{
  static const char *header[] = {
    "code", "name", "first_name", "last_name", "email", "company", "ticket_type", "order",
    "status", "checked_in", "checked_in_at", "nametag", "checked_in_by", "kept_on_this_computer",
  };
  g_autoptr(GHashTable) here = g_hash_table_new (g_str_hash, g_str_equal);
  GString *out = g_string_new (NULL);

  for (guint i = 0; latest_checkins != NULL && i < latest_checkins->len; i++)
    {
      BoxCheckin *c = g_ptr_array_index (latest_checkins, i);

      if (box_checkin_get_action (c) == BOX_CHECKIN_ACTION_CHECK_IN)
        g_hash_table_replace (here, (gpointer)box_checkin_get_code (c), c);
    }

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, header[i]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < attendees->len; i++)
    {
      BoxAttendee *a = g_ptr_array_index (attendees, i);
      gboolean in = box_attendee_get_checked_in (a);
      BoxCheckin *c = in ? g_hash_table_lookup (here, box_attendee_get_code (a)) : NULL;
      g_autofree char *at = box_csv_format_time (in ? box_attendee_get_checked_in_at (a) : 0);
      g_autofree char *device = in && c == NULL ? box_attendee_dup_detail (a, "_checked_in_by") : NULL;
      gboolean local = c != NULL && box_checkin_get_state (c) == BOX_CHECKIN_STATE_LOCAL;
      const char *fields[] = {
        box_attendee_get_code (a), box_attendee_get_name (a), box_attendee_get_first_name (a),
        box_attendee_get_last_name (a), box_attendee_get_email (a), box_attendee_get_company (a),
        box_attendee_get_ticket_type (a), box_attendee_get_order_code (a),
        box_attendee_status_to_string (box_attendee_get_status (a)),
        in ? "true" : "false", at, box_attendee_get_nametag_html (a),
        c != NULL ? box_checkin_get_desk (c) : device, local ? "true" : "false",
      };

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          csv_field (out, fields[j]);
        }
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}
