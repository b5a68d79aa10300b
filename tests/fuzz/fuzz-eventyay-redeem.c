/* fuzz-eventyay-redeem.c: box_eventyay_parse_redeem() on arbitrary bytes
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
  g_autoptr(BoxEventyayRedeem) redeem = NULL;
  BoxCheckinResult result;

  fuzz_init ();

  redeem = box_eventyay_parse_redeem (body, FUZZ_ACCOUNT, FUZZ_EVENT, &error);
  fuzz_check_error (redeem != NULL, error, BOX_ERROR_MALFORMED);
  if (redeem == NULL)
    return 0;

  result = redeem->result;
  /* The server only checks in, or refuses: never "queued" or "local". */
  FUZZ_CHECK (result == BOX_CHECKIN_RESULT_OK || result == BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN ||
              result == BOX_CHECKIN_RESULT_UNPAID || result == BOX_CHECKIN_RESULT_UNKNOWN ||
              result == BOX_CHECKIN_RESULT_PRODUCT || result == BOX_CHECKIN_RESULT_QUESTIONS);
  FUZZ_CHECK (redeem->message != NULL && *redeem->message != '\0');
  FUZZ_CHECK (g_utf8_validate (redeem->message, -1, NULL));
  FUZZ_CHECK (fuzz_text_ok (redeem->reason));
  FUZZ_CHECK ((redeem->questions != NULL) == (result == BOX_CHECKIN_RESULT_QUESTIONS));
  for (guint i = 0; redeem->questions != NULL && i < redeem->questions->len; i++)
    fuzz_check_question (g_ptr_array_index (redeem->questions, i));

  if (redeem->attendee != NULL)
    {
      fuzz_check_eventyay_attendee (redeem->attendee);
      /* Checked in exactly when the server says it is, whatever `redeemed` says. */
      FUZZ_CHECK (box_attendee_get_checked_in (redeem->attendee) ==
                  (result == BOX_CHECKIN_RESULT_OK || result == BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN));
    }

  return 0;
}
