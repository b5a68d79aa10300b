/* fuzz-currinda-registration.c: box_currinda_parse_registration() and the JSON
 * helpers on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-currinda.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxAttendee) attendee = NULL;
  g_autofree char *text = size > 0 ? g_strndup ((const char *)data, MIN (size, 64)) : g_strdup ("");

  fuzz_init ();

  attendee = box_currinda_parse_registration ((const char *)data, (gssize)size, "42", &error);
  fuzz_check_result (attendee != NULL, error);
  if (attendee != NULL)
    fuzz_check_currinda_attendee (attendee, "event-42", FALSE);

  fuzz_check_currinda_json_helpers ((const char *)data, size);

  /* Any text as an amount: zero or not, never a crash; the zeros are zeros. */
  if (box_currinda_amount_is_zero (text))
    for (const char *p = text; *p != '\0'; p++)
      FUZZ_CHECK (*p == '0' || *p == '.' || *p == '-' || *p == '+' || g_ascii_isspace (*p));

  return 0;
}
