/* fuzz-fienta-ticket.c: box_fienta_parse_ticket() on arbitrary bytes
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
  g_autoptr(BoxAttendee) attendee = NULL;
  int tz_offset = -1;

  fuzz_init ();

  attendee = box_fienta_parse_ticket ((const char *)data, (gssize)size, &tz_offset, &error);
  fuzz_check_result (attendee != NULL, error);
  if (attendee == NULL)
    return 0;

  fuzz_check_offset (tz_offset);
  fuzz_check_attendee (attendee);

  return 0;
}
