/* fuzz-floktu-order.c: box_floktu_parse_order() on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is read twice: alone, and with the order as the list gave it. The list
 * only fills gaps: the same tickets come out, with an order code and a name.
 */

#include "config.h"

#include "fuzz-floktu.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  BoxFloktuOrder listed = { (char *)"5001", (char *)"buyer@example.com", (char *)"Bea", (char *)"Buyer" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GPtrArray) with_list = NULL;
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  fuzz_init ();

  attendees = box_floktu_parse_order ((const char *)data, (gssize)size, NULL, &error);
  fuzz_check_result (attendees != NULL, error);
  with_list = box_floktu_parse_order ((const char *)data, (gssize)size, &listed, NULL);
  FUZZ_CHECK ((attendees == NULL) == (with_list == NULL));
  if (attendees == NULL)
    return 0;

  FUZZ_CHECK (attendees->len == with_list->len);
  for (guint i = 0; i < attendees->len; i++)
    {
      BoxAttendee *a = g_ptr_array_index (attendees, i);
      BoxAttendee *b = g_ptr_array_index (with_list, i);

      fuzz_check_floktu_attendee (a);
      fuzz_check_floktu_attendee (b);
      FUZZ_CHECK (g_hash_table_add (codes, (gpointer)box_attendee_get_code (a)));
      FUZZ_CHECK (g_strcmp0 (box_attendee_get_code (a), box_attendee_get_code (b)) == 0);
      FUZZ_CHECK (box_attendee_get_status (a) == box_attendee_get_status (b));
      FUZZ_CHECK (box_attendee_get_checked_in (a) == box_attendee_get_checked_in (b));
      /* With the list, every ticket names its order and someone. */
      FUZZ_CHECK (box_attendee_get_order_code (b) != NULL);
      FUZZ_CHECK (box_attendee_get_name (b) != NULL && *box_attendee_get_name (b) != '\0');
    }
  return 0;
}
