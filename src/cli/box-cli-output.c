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
#include "box-csv.h"
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
  return box_csv_format_time (unix_time);
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

/* "details": what the provider says beyond the common keys (answers, add-ons, a
 * Currinda member's membership), as shown in the window; the desk's own "_" keys are
 * left out. */
static void
add_details (JsonBuilder *builder,
             BoxAttendee *a)
{
  g_autoptr(JsonNode) details = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_builder_set_member_name (builder, "details");
  json_builder_begin_object (builder);
  if (box_attendee_get_details (a) != NULL &&
      (details = json_from_string (box_attendee_get_details (a), NULL)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (details))
    {
      json_object_iter_init (&iter, json_node_get_object (details));
      while (json_object_iter_next (&iter, &name, &member))
        {
          if (name[0] == '_' || !JSON_NODE_HOLDS_VALUE (member) ||
              json_node_get_value_type (member) != G_TYPE_STRING)
            continue;
          json_builder_set_member_name (builder, name);
          json_builder_add_string_value (builder, json_node_get_string (member));
        }
    }
  json_builder_end_object (builder);
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
  add_details (builder, a);
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
