/* box-cli-output.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "box-account.h"
#include "box-attendee.h"
#include "box-checkin.h"
#include "box-cli-output.h"
#include "box-event.h"
#include "box-event-stats.h"
#include "box-question.h"

/**
 * box_cli_format_time:
 *
 * Returns: (transfer full) (nullable): ISO 8601 in UTC, or %NULL for 0 (unknown)
 */
char *
box_cli_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time <= 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (unix_time);
  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       unix_time)
{
  g_autofree char *text = box_cli_format_time (unix_time);
  add_string (builder, name, text);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
box_cli_add_attendee (JsonBuilder *builder,
                      BoxAttendee *a)
{
  json_builder_begin_object (builder);
  add_string (builder, "code", box_attendee_get_code (a));
  add_string (builder, "name", box_attendee_get_name (a));
  add_string (builder, "first_name", box_attendee_get_first_name (a));
  add_string (builder, "last_name", box_attendee_get_last_name (a));
  add_string (builder, "email", box_attendee_get_email (a));
  add_string (builder, "company", box_attendee_get_company (a));
  add_string (builder, "ticket_type", box_attendee_get_ticket_type (a));
  add_string (builder, "order", box_attendee_get_order_code (a));
  add_string (builder, "status", box_attendee_status_to_string (box_attendee_get_status (a)));
  json_builder_set_member_name (builder, "checked_in");
  json_builder_add_boolean_value (builder, box_attendee_get_checked_in (a));
  add_time (builder, "checked_in_at",
            box_attendee_get_checked_in (a) ? box_attendee_get_checked_in_at (a) : 0);
  add_string (builder, "nametag", box_attendee_get_nametag_html (a));
  add_int (builder, "quantity", box_attendee_get_quantity (a));
  json_builder_set_member_name (builder, "valid_here");
  json_builder_add_boolean_value (builder, box_attendee_get_valid_here (a));
  json_builder_set_member_name (builder, "attention");
  json_builder_add_boolean_value (builder, box_attendee_get_attention (a));
  json_builder_end_object (builder);
}

void
box_cli_add_event (JsonBuilder *builder,
                   BoxEvent    *event)
{
  g_autofree char *id = g_strdup_printf ("%s/%s", box_event_get_account_id (event),
                                         box_event_get_id (event));

  json_builder_begin_object (builder);
  add_string (builder, "id", id);
  add_string (builder, "account", box_event_get_account_id (event));
  add_string (builder, "provider", g_object_get_data (G_OBJECT (event), "provider"));
  add_string (builder, "name", box_event_get_name (event));
  add_time (builder, "starts_at", box_event_get_starts_at (event));
  add_time (builder, "ends_at", box_event_get_ends_at (event));
  add_int (builder, "attendees", box_event_get_attendee_count (event));
  add_int (builder, "checked_in", box_event_get_checked_in_count (event));
  json_builder_end_object (builder);
}

void
box_cli_add_account (JsonBuilder *builder,
                     BoxAccount  *account)
{
  json_builder_begin_object (builder);
  add_string (builder, "id", box_account_get_id (account));
  add_string (builder, "provider", box_account_get_provider (account));
  add_string (builder, "name", box_account_get_name (account));
  add_string (builder, "base_url", box_account_get_base_url (account));
  add_string (builder, "state", box_account_state_to_string (box_account_get_state (account)));
  json_builder_end_object (builder);
}

void
box_cli_add_checkin (JsonBuilder *builder,
                     BoxCheckin  *checkin)
{
  GPtrArray *questions = box_checkin_get_questions (checkin);

  json_builder_begin_object (builder);
  add_string (builder, "result", box_checkin_result_to_string (box_checkin_get_result (checkin)));
  add_string (builder, "message", box_checkin_get_message (checkin));
  json_builder_set_member_name (builder, "attendee");
  if (box_checkin_get_attendee (checkin) != NULL)
    box_cli_add_attendee (builder, box_checkin_get_attendee (checkin));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "questions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < questions->len; i++)
    {
      BoxQuestion *q = g_ptr_array_index (questions, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", box_question_get_id (q));
      add_string (builder, "type", box_question_get_question_type (q));
      add_string (builder, "question", box_question_get_question (q));
      json_builder_set_member_name (builder, "required");
      json_builder_add_boolean_value (builder, box_question_get_required (q));
      json_builder_set_member_name (builder, "options");
      json_builder_begin_array (builder);
      for (guint j = 0; j < box_question_get_n_options (q); j++)
        {
          json_builder_begin_object (builder);
          add_string (builder, "id", box_question_get_option_id (q, j));
          add_string (builder, "answer", box_question_get_option_answer (q, j));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
box_cli_add_queue_item (JsonBuilder *builder,
                        BoxCheckin  *checkin)
{
  g_autofree char *event = g_strdup_printf ("%s/%s", box_checkin_get_account_id (checkin),
                                            box_checkin_get_event_id (checkin));
  BoxAttendee *attendee = box_checkin_get_attendee (checkin);

  json_builder_begin_object (builder);
  add_int (builder, "id", box_checkin_get_id (checkin));
  add_string (builder, "event", event);
  add_string (builder, "code", box_checkin_get_code (checkin));
  add_string (builder, "name", attendee ? box_attendee_get_name (attendee) : NULL);
  add_string (builder, "action",
              box_checkin_get_action (checkin) == BOX_CHECKIN_ACTION_CHECK_IN ? "checkin" : "undo");
  add_time (builder, "created_at", box_checkin_get_created_at (checkin));
  add_string (builder, "desk", box_checkin_get_desk (checkin));
  add_string (builder, "state", box_checkin_state_to_string (box_checkin_get_state (checkin)));
  add_int (builder, "attempts", box_checkin_get_attempts (checkin));
  add_string (builder, "message", box_checkin_get_message (checkin));
  json_builder_end_object (builder);
}

void
box_cli_add_stats (JsonBuilder   *builder,
                   BoxEventStats *stats)
{
  GArray *types = box_event_stats_get_by_ticket_type (stats);
  GArray *arrivals = box_event_stats_get_arrivals (stats);

  json_builder_begin_object (builder);
  add_int (builder, "total", box_event_stats_get_total (stats));
  add_int (builder, "checked_in", box_event_stats_get_checked_in (stats));
  add_int (builder, "queued", box_event_stats_get_queued (stats));
  json_builder_set_member_name (builder, "by_ticket_type");
  json_builder_begin_array (builder);
  for (guint i = 0; i < types->len; i++)
    {
      BoxTicketTypeCount *t = &g_array_index (types, BoxTicketTypeCount, i);
      json_builder_begin_object (builder);
      add_string (builder, "name", t->name);
      add_int (builder, "total", t->total);
      add_int (builder, "checked_in", t->checked_in);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "arrivals");
  json_builder_begin_array (builder);
  for (guint i = 0; i < arrivals->len; i++)
    {
      BoxArrivalBucket *b = &g_array_index (arrivals, BoxArrivalBucket, i);
      json_builder_begin_object (builder);
      add_time (builder, "from", b->from);
      add_time (builder, "to", b->to);
      add_int (builder, "count", b->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  /* The provider's own figures (TickeTing), money as the decimal text it sent. */
  json_builder_set_member_name (builder, "provider");
  json_builder_begin_array (builder);
  for (guint i = 0; i < box_event_stats_get_figures (stats)->len; i++)
    {
      BoxStatFigure *f = &g_array_index (box_event_stats_get_figures (stats), BoxStatFigure, i);
      json_builder_begin_object (builder);
      add_string (builder, "key", f->key);
      add_string (builder, "label", f->label);
      add_string (builder, "value", f->value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
box_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
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
 * box_cli_attendees_csv:
 *
 * RFC 4180: a header row, CRLF line ends, fields with commas, quotes or line breaks
 * quoted. A leading =, +, - or @ is kept as is: the export is data, not a sheet.
 *
 * Returns: (transfer full): the CSV text
 */
char *
box_cli_attendees_csv (GPtrArray *attendees)
{
  static const char *header[] = {
    "code", "name", "first_name", "last_name", "email", "company", "ticket_type", "order",
    "status", "checked_in", "checked_in_at", "nametag",
  };
  GString *out = g_string_new (NULL);

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
      g_autofree char *at = box_cli_format_time (box_attendee_get_checked_in (a)
                                                 ? box_attendee_get_checked_in_at (a) : 0);
      const char *fields[] = {
        box_attendee_get_code (a), box_attendee_get_name (a), box_attendee_get_first_name (a),
        box_attendee_get_last_name (a), box_attendee_get_email (a), box_attendee_get_company (a),
        box_attendee_get_ticket_type (a), box_attendee_get_order_code (a),
        box_attendee_status_to_string (box_attendee_get_status (a)),
        box_attendee_get_checked_in (a) ? "true" : "false", at, box_attendee_get_nametag_html (a),
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
