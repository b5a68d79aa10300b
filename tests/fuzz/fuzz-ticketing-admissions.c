/* fuzz-ticketing-admissions.c: box_ticketing_parse_admissions() on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of GET /events/{e}/admissions or the bare array POST answers with.
 */

#include "config.h"

#include "fuzz-ticketing.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) admissions = NULL;
  guint total = 12345;

  fuzz_init ();

  admissions = box_ticketing_parse_admissions ((const char *)data, (gssize)size, &total, &error);
  fuzz_check_result (admissions != NULL, error);
  if (admissions == NULL)
    {
      FUZZ_CHECK (total == 0);
      return 0;
    }

  for (guint i = 0; i < admissions->len; i++)
    {
      BoxTicketingAdmission *ad = g_ptr_array_index (admissions, i);
      BoxAttendee *a = ad->attendee;
      g_autofree char *by = NULL;
      g_autofree char *section_id = NULL;

      FUZZ_CHECK (fuzz_trimmed_ok (ad->serial));
      FUZZ_CHECK (fuzz_text_ok (ad->device));
      FUZZ_CHECK (fuzz_text_ok (ad->redeemer));
      FUZZ_CHECK (ad->section_id == NULL || fuzz_id_ok (ad->section_id));
      fuzz_check_time (ad->admitted);

      /* The admitted ticket: checked in, at the admission's time, by its device. */
      FUZZ_CHECK (a != NULL);
      fuzz_check_ticketing_attendee (a);
      FUZZ_CHECK (g_strcmp0 (box_attendee_get_code (a), ad->serial) == 0);
      FUZZ_CHECK (box_attendee_get_checked_in (a));
      FUZZ_CHECK (box_attendee_get_valid_here (a));
      FUZZ_CHECK (box_attendee_get_checked_in_at (a) == ad->admitted);
      by = fuzz_detail (a, "_checked_in_by");
      if (ad->device != NULL && *ad->device != '\0')
        FUZZ_CHECK (g_strcmp0 (by, ad->device) == 0);
      else
        FUZZ_CHECK (by == NULL);
      section_id = fuzz_detail (a, "_section_id");
      FUZZ_CHECK (g_strcmp0 (section_id, ad->section_id) == 0);
    }

  return 0;
}
