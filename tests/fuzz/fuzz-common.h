/* fuzz-common.h: what the Fienta fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each fuzz-fienta-*.c defines LLVMFuzzerTestOneInput(). Built with clang and
 * -Dfuzzing=true it is linked with libFuzzer; otherwise fuzz-main.c drives it over the
 * seed corpus and deterministic mutations of it (see README.md).
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "box-attendee.h"
#include "box-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A broken invariant is a finding: abort so that libFuzzer (or the replay driver)
 * reports it with the input. */
#define FUZZ_CHECK(cond)                                                           \
  G_STMT_START {                                                                   \
    if (G_UNLIKELY (!(cond)))                                                      \
      {                                                                            \
        fprintf (stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
        abort ();                                                                  \
      }                                                                            \
  } G_STMT_END

/* Criticals and warnings (a g_return_if_fail() hit in GLib or json-glib) are findings. */
static inline void
fuzz_init (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_once_init_leave (&once, 1);
    }
}

/* NULL, or valid UTF-8. */
static inline gboolean
fuzz_text_ok (const char *text)
{
  return text == NULL || g_utf8_validate (text, -1, NULL);
}

/* Non-empty, valid UTF-8, no white space at either end. */
static inline gboolean
fuzz_trimmed_ok (const char *text)
{
  size_t len;

  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  len = strlen (text);
  return !g_ascii_isspace (text[0]) && !g_ascii_isspace (text[len - 1]);
}

/* The error contract of every parser: a result, or BOX_ERROR_MALFORMED. */
static inline void
fuzz_check_result (gboolean      have_result,
                   const GError *error)
{
  if (have_result)
    FUZZ_CHECK (error == NULL);
  else
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (error->domain == BOX_ERROR);
      FUZZ_CHECK (error->code == BOX_ERROR_MALFORMED);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
    }
}

/* Everything the desk shows or stores about an attendee must be sane. */
static inline void
fuzz_check_attendee (BoxAttendee *a)
{
  FUZZ_CHECK (BOX_IS_ATTENDEE (a));
  FUZZ_CHECK (fuzz_trimmed_ok (box_attendee_get_code (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_name (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_first_name (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_last_name (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_email (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_company (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_ticket_type (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_order_code (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_nametag_html (a)));
  FUZZ_CHECK (fuzz_text_ok (box_attendee_get_details (a)));
  if (box_attendee_get_details (a) != NULL)
    {
      /* The form fields kept as details are stored as a JSON object. */
      g_autoptr(JsonNode) details = json_from_string (box_attendee_get_details (a), NULL);
      FUZZ_CHECK (details != NULL && JSON_NODE_HOLDS_OBJECT (details));
    }
  FUZZ_CHECK (box_attendee_get_quantity (a) >= 1 && box_attendee_get_quantity (a) <= 10000);
  FUZZ_CHECK (box_attendee_get_status (a) >= BOX_ATTENDEE_STATUS_UNKNOWN &&
              box_attendee_get_status (a) <= BOX_ATTENDEE_STATUS_CANCELLED);
  /* Only USED checks in, and USED is a paid ticket. */
  if (box_attendee_get_checked_in (a))
    FUZZ_CHECK (box_attendee_get_status (a) == BOX_ATTENDEE_STATUS_PAID);
  else
    FUZZ_CHECK (box_attendee_get_checked_in_at (a) == 0);
}

static inline void
fuzz_check_offset (int tz_offset)
{
  FUZZ_CHECK (tz_offset > -86400 && tz_offset < 86400);
}
