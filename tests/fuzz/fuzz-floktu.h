/* fuzz-floktu.h: what the Floktu fuzz targets check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Floktu parsers (src/providers/box-floktu-parser.c) read a body as libsoup gives it:
 * bytes and a length, no terminating NUL. Their contract, besides fuzz-common.h's error
 * contract: ids (events, orders, attendees) are trimmed one-line text, each at most once
 * per reply; an attendee is one ticket, its details a flat object of non-empty strings
 * with no "_" key (those are the desk's own); a check-in time means checked in.
 */

#pragma once

#include "fuzz-common.h"
#include "box-event.h"
#include "box-floktu-parser.h"

#define FUZZ_ACCOUNT "acc"

/* An id: goes into URL paths (escaped) and the sync's cursor. */
static inline gboolean
fuzz_floktu_id_ok (const char *id)
{
  return fuzz_trimmed_ok (id) && strpbrk (id, "\r\n") == NULL;
}

static inline void
fuzz_check_floktu_details (const char *details)
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
      const char *key = l->data;
      JsonNode *value = json_object_get_member (object, key);

      FUZZ_CHECK (*key != '\0' && key[0] != '_');
      FUZZ_CHECK (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING);
      FUZZ_CHECK (*json_node_get_string (value) != '\0');
    }
}

static inline void
fuzz_check_floktu_attendee (BoxAttendee *a)
{
  FUZZ_CHECK (BOX_IS_ATTENDEE (a));
  FUZZ_CHECK (fuzz_floktu_id_ok (box_attendee_get_code (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_name (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_first_name (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_last_name (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_email (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_company (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_ticket_type (a)));
  FUZZ_CHECK (box_attendee_get_order_code (a) == NULL || fuzz_floktu_id_ok (box_attendee_get_order_code (a)));
  fuzz_check_floktu_details (box_attendee_get_details (a));
  FUZZ_CHECK (box_attendee_get_quantity (a) == 1);
  FUZZ_CHECK (box_attendee_get_status (a) >= BOX_ATTENDEE_STATUS_UNKNOWN &&
              box_attendee_get_status (a) <= BOX_ATTENDEE_STATUS_CANCELLED);
  FUZZ_CHECK (box_attendee_get_checked_in_at (a) >= 0 &&
              box_attendee_get_checked_in_at (a) <= G_GINT64_CONSTANT (253402300799));
  if (!box_attendee_get_checked_in (a))
    FUZZ_CHECK (box_attendee_get_checked_in_at (a) == 0);
  FUZZ_CHECK (box_attendee_get_updated_at (a) == box_attendee_get_checked_in_at (a));
}
