/* fuzz-ticketing-tickets.c: box_ticketing_parse_tickets() on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is read three times: for a desk of every section (NULL), for a global
 * token's empty list, and for a desk of section 17001 only. The tickets must be the
 * same; only "valid here" may differ, and exactly by the ticket's section.
 */

#include "config.h"

#include "fuzz-ticketing.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const everywhere[] = { NULL };
  static const char * const door[] = { "17001", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GPtrArray) global = NULL;
  g_autoptr(GPtrArray) at_door = NULL;
  guint total = 12345, total_door = 0;

  fuzz_init ();

  tickets = box_ticketing_parse_tickets ((const char *)data, (gssize)size, NULL, &total, &error);
  fuzz_check_result (tickets != NULL, error);
  if (tickets == NULL)
    {
      FUZZ_CHECK (total == 0);
      return 0;
    }

  for (guint i = 0; i < tickets->len; i++)
    {
      BoxAttendee *a = g_ptr_array_index (tickets, i);

      fuzz_check_ticketing_attendee (a);
      FUZZ_CHECK (box_attendee_get_valid_here (a));
      fuzz_check_time (box_attendee_get_checked_in_at (a));
      fuzz_check_time (box_attendee_get_updated_at (a));
    }

  global = box_ticketing_parse_tickets ((const char *)data, (gssize)size, everywhere, NULL, NULL);
  at_door = box_ticketing_parse_tickets ((const char *)data, (gssize)size, door, &total_door, NULL);
  FUZZ_CHECK (global != NULL && at_door != NULL);
  FUZZ_CHECK (global->len == tickets->len && at_door->len == tickets->len);
  FUZZ_CHECK (total_door == total);
  for (guint i = 0; i < tickets->len; i++)
    {
      BoxAttendee *a = g_ptr_array_index (tickets, i);
      BoxAttendee *d = g_ptr_array_index (at_door, i);
      g_autofree char *section_id = fuzz_detail (d, "_section_id");

      FUZZ_CHECK (box_attendee_get_valid_here (g_ptr_array_index (global, i)));
      FUZZ_CHECK (g_strcmp0 (box_attendee_get_code (a), box_attendee_get_code (d)) == 0);
      FUZZ_CHECK (box_attendee_get_checked_in (a) == box_attendee_get_checked_in (d));
      FUZZ_CHECK (box_attendee_get_valid_here (d) == (g_strcmp0 (section_id, "17001") == 0));
    }

  return 0;
}
