/* fuzz-fienta-tickets.c: box_fienta_parse_tickets() on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "box-fienta-parser.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  gint64 server_time = -1;
  int tz_offset = -1;

  fuzz_init ();

  /* As the HTTP layer hands it over: a length, no terminating NUL. */
  attendees = box_fienta_parse_tickets ((const char *)data, (gssize)size, &server_time, &tz_offset, &error);
  fuzz_check_result (attendees != NULL, error);
  if (attendees == NULL)
    return 0;

  fuzz_check_offset (tz_offset);
  for (guint i = 0; i < attendees->len; i++)
    fuzz_check_attendee (g_ptr_array_index (attendees, i));

  return 0;
}
