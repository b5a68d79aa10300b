/* fuzz-currinda.h: what the Currinda fuzz targets check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Currinda parsers (src/providers/box-currinda-parser.c) read a body as libsoup
 * gives it: bytes and a length, no terminating NUL. Their contract, besides
 * fuzz-common.h's error contract: one attendee, the signed-in person, whose code is
 * the scope ("event-42", "org-19"); never checked in (Currinda has no check-in); paid
 * or pending (a registration), or also unknown (a membership); details a flat object
 * of non-empty strings whose only desk keys ("_…") are the parser's own.
 */

#pragma once

#include "fuzz-common.h"
#include "box-currinda-parser.h"

/* The desk's own keys of a Currinda record; any other "_" key came from the reply. */
static inline gboolean
fuzz_currinda_own_key (const char *key)
{
  static const char * const own[] = {
    "_nametag", "_registration_id", "_outstanding", "_membership_status", "_expires",
    "_amount_outstanding", "_membership_expired", "_invoice_url", "_payment_url",
  };

  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    if (g_str_equal (key, own[i]))
      return TRUE;
  return FALSE;
}

static inline void
fuzz_check_currinda_attendee (BoxAttendee *a,
                              const char  *code,
                              gboolean     membership)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) members = NULL;
  BoxAttendeeStatus status;
  JsonObject *object;

  FUZZ_CHECK (BOX_IS_ATTENDEE (a));
  FUZZ_CHECK (g_strcmp0 (box_attendee_get_code (a), code) == 0);
  FUZZ_CHECK (box_attendee_get_first_name (a) == NULL || fuzz_trimmed_ok (box_attendee_get_first_name (a)));
  FUZZ_CHECK (box_attendee_get_last_name (a) == NULL || fuzz_trimmed_ok (box_attendee_get_last_name (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_name (a)));
  FUZZ_CHECK (box_attendee_get_email (a) == NULL || fuzz_trimmed_ok (box_attendee_get_email (a)));
  FUZZ_CHECK (box_attendee_get_ticket_type (a) == NULL || fuzz_trimmed_ok (box_attendee_get_ticket_type (a)));
  FUZZ_CHECK (box_attendee_get_nametag_html (a) == NULL);
  FUZZ_CHECK (!box_attendee_get_checked_in (a) && box_attendee_get_checked_in_at (a) == 0);
  FUZZ_CHECK (box_attendee_get_quantity (a) == 1);
  status = box_attendee_get_status (a);
  if (membership)
    FUZZ_CHECK (status == BOX_ATTENDEE_STATUS_PAID || status == BOX_ATTENDEE_STATUS_PENDING ||
                status == BOX_ATTENDEE_STATUS_UNKNOWN);
  else
    FUZZ_CHECK (status == BOX_ATTENDEE_STATUS_PAID || status == BOX_ATTENDEE_STATUS_PENDING);

  FUZZ_CHECK (box_attendee_get_details (a) != NULL && g_utf8_validate (box_attendee_get_details (a), -1, NULL));
  node = json_from_string (box_attendee_get_details (a), NULL);
  FUZZ_CHECK (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (object, key);

      FUZZ_CHECK (*key != '\0');
      FUZZ_CHECK (key[0] != '_' || fuzz_currinda_own_key (key));
      FUZZ_CHECK (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING);
      FUZZ_CHECK (*json_node_get_string (value) != '\0');
      FUZZ_CHECK (strchr (json_node_get_string (value), '\n') == NULL);
    }
}

/* The JSON helpers on any bytes: the repair only blanks commas, and quoting numbers
 * only adds quotes. */
static inline void
fuzz_check_currinda_json_helpers (const char *data,
                                  gsize       size)
{
  gsize len = 0;
  g_autofree char *repaired = box_currinda_repair_json (data, size, &len);
  g_autofree char *quoted = box_currinda_quote_numbers (data, size, &len);
  gsize added = 0;

  if (repaired != NULL)
    {
      gboolean changed = FALSE;

      FUZZ_CHECK (repaired[size] == '\0');
      for (gsize i = 0; i < size; i++)
        {
          if (repaired[i] == data[i])
            continue;
          FUZZ_CHECK (data[i] == ',' && repaired[i] == ' ');
          changed = TRUE;
        }
      FUZZ_CHECK (changed);
    }

  FUZZ_CHECK (quoted != NULL && len >= size && quoted[len] == '\0');
  /* Without the quotes it adds, the text is the input. */
  for (gsize i = 0, j = 0; i < size; j++)
    {
      FUZZ_CHECK (j < len);
      if (quoted[j] == data[i])
        i++;
      else
        {
          FUZZ_CHECK (quoted[j] == '"');
          added++;
        }
    }
  FUZZ_CHECK (added <= len - size);
}
