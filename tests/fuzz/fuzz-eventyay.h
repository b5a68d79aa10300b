/* fuzz-eventyay.h: what the Eventyay fuzz targets check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Eventyay parsers' contract differs from Fienta's in places: any ticket may be
 * checked in (pending ones too), the name is "" rather than missing, and every
 * attendee carries the account and event it was parsed for.
 */

#pragma once

#include "fuzz-common.h"
#include "box-event-stats.h"
#include "box-eventyay-parser.h"
#include "box-question.h"

#define FUZZ_ACCOUNT "acc"
#define FUZZ_EVENT "ev"

/* The body as libsoup gives it: no terminating NUL. */
static inline GBytes *
fuzz_body (const uint8_t *data,
           size_t         size)
{
  return g_bytes_new_static (data, size);
}

static inline void
fuzz_check_error (gboolean      have_result,
                  const GError *error,
                  int           code)
{
  if (have_result)
    FUZZ_CHECK (error == NULL);
  else
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (error->domain == BOX_ERROR);
      FUZZ_CHECK (error->code == code);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
    }
}

/* A flat JSON object of string values. */
static inline void
fuzz_check_details (const char *details)
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
    }
}

static inline void
fuzz_check_eventyay_attendee (BoxAttendee *a)
{
  FUZZ_CHECK (BOX_IS_ATTENDEE (a));
  FUZZ_CHECK (g_strcmp0 (box_attendee_get_account_id (a), FUZZ_ACCOUNT) == 0);
  FUZZ_CHECK (g_strcmp0 (box_attendee_get_event_id (a), FUZZ_EVENT) == 0);
  FUZZ_CHECK (fuzz_trimmed_ok (box_attendee_get_code (a)));
  FUZZ_CHECK (box_attendee_get_name (a) != NULL);
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_name (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_ticket_type (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_order_code (a)));
  fuzz_check_details (box_attendee_get_details (a));
  FUZZ_CHECK (box_attendee_get_quantity (a) == 1);
  FUZZ_CHECK (box_attendee_get_status (a) >= BOX_ATTENDEE_STATUS_UNKNOWN &&
              box_attendee_get_status (a) <= BOX_ATTENDEE_STATUS_CANCELLED);
}

static inline void
fuzz_check_answer (BoxQuestion *q,
                   const char  *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = box_eventyay_format_answer (q, value, &error);
  const char *type = box_question_get_question_type (q);

  FUZZ_CHECK ((answer == NULL) == (error != NULL));
  if (answer == NULL)
    {
      FUZZ_CHECK (error->domain == BOX_ERROR);
      FUZZ_CHECK (error->code == BOX_ERROR_INVALID_INPUT || error->code == BOX_ERROR_UNSUPPORTED);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  FUZZ_CHECK (g_utf8_validate (answer, -1, NULL));
  if (*answer == '\0')
    FUZZ_CHECK (!box_question_get_required (q));
  else if (g_strcmp0 (type, "B") == 0)
    FUZZ_CHECK (g_str_equal (answer, "True") || g_str_equal (answer, "False"));
  else if (g_strcmp0 (type, "C") == 0 || g_strcmp0 (type, "M") == 0)
    {
      /* One option id, or (M) comma-joined ids, when no id has a comma of its own. */
      g_auto(GStrv) parts = g_strsplit (answer, ",", -1);
      gboolean whole = FALSE, commas = FALSE, all = TRUE;

      for (guint k = 0; k < box_question_get_n_options (q); k++)
        {
          whole = whole || g_strcmp0 (box_question_get_option_id (q, k), answer) == 0;
          commas = commas || strchr (box_question_get_option_id (q, k), ',') != NULL;
        }
      for (guint i = 0; parts[i] != NULL; i++)
        {
          gboolean found = FALSE;
          for (guint k = 0; k < box_question_get_n_options (q); k++)
            found = found || g_strcmp0 (box_question_get_option_id (q, k), parts[i]) == 0;
          all = all && found;
        }
      if (g_strcmp0 (type, "C") == 0)
        FUZZ_CHECK (whole);
      else
        FUZZ_CHECK (whole || commas || all);
    }
  else if (g_strcmp0 (type, "D") == 0)
    FUZZ_CHECK (strlen (answer) == 10 && answer[4] == '-' && answer[7] == '-');
  else if (g_strcmp0 (type, "H") == 0)
    FUZZ_CHECK (strlen (answer) == 5 && answer[2] == ':');
  else if (g_strcmp0 (type, "W") == 0)
    FUZZ_CHECK (strlen (answer) == 16 && answer[10] == 'T' && answer[13] == ':');
  else if (g_strcmp0 (type, "N") == 0)
    FUZZ_CHECK (strspn (answer, "-0123456789.") == strlen (answer));
  else
    FUZZ_CHECK (g_strcmp0 (type, "S") == 0 || g_strcmp0 (type, "T") == 0);
}

static inline void
fuzz_check_question (BoxQuestion *q)
{
  const char * const *items;

  FUZZ_CHECK (BOX_IS_QUESTION (q));
  FUZZ_CHECK (fuzz_trimmed_ok (box_question_get_id (q)));
  FUZZ_CHECK (box_question_get_question_type (q) != NULL);
  FUZZ_CHECK (fuzz_text_ok (box_question_get_question_type (q)));
  FUZZ_CHECK (box_question_get_question (q) != NULL);
  FUZZ_CHECK (fuzz_text_ok (box_question_get_question (q)));
  for (guint i = 0; i < box_question_get_n_options (q); i++)
    {
      FUZZ_CHECK (fuzz_trimmed_ok (box_question_get_option_id (q, i)));
      FUZZ_CHECK (box_question_get_option_answer (q, i) != NULL);
      FUZZ_CHECK (fuzz_text_ok (box_question_get_option_answer (q, i)));
    }
  items = box_question_get_items (q);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    FUZZ_CHECK (fuzz_trimmed_ok (items[i]));

  /* What a person might type, through the question's own rules. */
  fuzz_check_answer (q, "yes");
  fuzz_check_answer (q, "2024-05-01");
  if (box_question_get_n_options (q) > 0)
    fuzz_check_answer (q, box_question_get_option_answer (q, 0));
}
