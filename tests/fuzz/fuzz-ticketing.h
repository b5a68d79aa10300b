/* fuzz-ticketing.h: what the TickeTing fuzz targets check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The TickeTing parsers (src/providers/box-ticketing-parser.c) read a body as libsoup
 * gives it: bytes and a length, no terminating NUL. Their contract, besides
 * fuzz-common.h's error contract: resource ids come from the last segment of a URI, so
 * they are never empty and never hold a '/'; attendees are one ticket each, carry their
 * section id in the details (a flat object of strings), and are checked in whenever
 * they have a check-in time (a Void ticket that was admitted stays admitted).
 */

#pragma once

#include "fuzz-common.h"
#include "box-event.h"
#include "box-event-stats.h"
#include "box-ticketing-parser.h"

#define FUZZ_ACCOUNT "acc"

/* The first day GDateTime cannot hold ("9999-12-31T23:59:59.999Z" ends nothing). */
#define FUZZ_NO_END G_GINT64_CONSTANT (253402214400)

/* A resource id: goes into URL paths (escaped) and is compared with other ids. */
static inline gboolean
fuzz_id_ok (const char *id)
{
  return id != NULL && *id != '\0' && strchr (id, '/') == NULL && g_utf8_validate (id, -1, NULL);
}

/* The value of @key in an attendee's details (a flat JSON object of strings), or NULL. */
static inline char *
fuzz_detail (BoxAttendee *a,
             const char  *key)
{
  g_autoptr(JsonNode) node = json_from_string (box_attendee_get_details (a), NULL);
  JsonObject *object;

  FUZZ_CHECK (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  if (!json_object_has_member (object, key))
    return NULL;
  return g_strdup (json_object_get_string_member (object, key));
}

static inline void
fuzz_check_flat_details (const char *details)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  FUZZ_CHECK (details != NULL && g_utf8_validate (details, -1, NULL));
  node = json_from_string (details, NULL);
  FUZZ_CHECK (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      FUZZ_CHECK (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING);
      FUZZ_CHECK (*json_node_get_string (value) != '\0');
    }
}

static inline void
fuzz_check_ticketing_attendee (BoxAttendee *a)
{
  g_autofree char *section_id = NULL;

  FUZZ_CHECK (BOX_IS_ATTENDEE (a));
  FUZZ_CHECK (fuzz_trimmed_ok (box_attendee_get_code (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_name (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_first_name (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_last_name (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_email (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_ticket_type (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_order_code (a)));
  fuzz_check_flat_details (box_attendee_get_details (a));
  FUZZ_CHECK (box_attendee_get_quantity (a) == 1);
  FUZZ_CHECK (box_attendee_get_status (a) >= BOX_ATTENDEE_STATUS_UNKNOWN &&
              box_attendee_get_status (a) <= BOX_ATTENDEE_STATUS_CANCELLED);
  /* A check-in time means checked in; "N/A" is no time. */
  if (!box_attendee_get_checked_in (a))
    FUZZ_CHECK (box_attendee_get_checked_in_at (a) == 0);
  else if (box_attendee_get_checked_in_at (a) > 0)
    FUZZ_CHECK (box_attendee_get_updated_at (a) >= box_attendee_get_checked_in_at (a));

  section_id = fuzz_detail (a, "_section_id");
  FUZZ_CHECK (section_id == NULL || fuzz_id_ok (section_id));
}

/* A parsed time: 0 (no time, also for anything before 1970), or one that prints for
 * modified_since and reads back the same. */
static inline void
fuzz_check_time (gint64 t)
{
  g_autofree char *text = NULL;

  FUZZ_CHECK (t >= 0 && t <= G_GINT64_CONSTANT (253402300799));
  if (t == 0)
    return;
  text = box_ticketing_format_datetime (t);
  FUZZ_CHECK (text != NULL && g_str_has_suffix (text, "Z"));
  FUZZ_CHECK (box_ticketing_parse_datetime (text) == t);
}
