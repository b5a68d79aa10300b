/* fuzz-eventyay-search.c: box_eventyay_parse_search() on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-eventyay.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = fuzz_body (data, size);
  g_autoptr(GPtrArray) attendees = NULL;

  fuzz_init ();

  attendees = box_eventyay_parse_search (body, FUZZ_ACCOUNT, FUZZ_EVENT, &error);
  fuzz_check_error (attendees != NULL, error, BOX_ERROR_MALFORMED);
  if (attendees == NULL)
    return 0;

  for (guint i = 0; i < attendees->len; i++)
    fuzz_check_eventyay_attendee (g_ptr_array_index (attendees, i));

  return 0;
}
