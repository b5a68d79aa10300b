/* fuzz-eventyay-download.c: box_eventyay_parse_download() on arbitrary bytes
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
  g_autoptr(BoxEventyayDownload) download = NULL;

  fuzz_init ();

  download = box_eventyay_parse_download (body, FUZZ_ACCOUNT, FUZZ_EVENT, &error);
  fuzz_check_error (download != NULL, error, BOX_ERROR_MALFORMED);
  if (download == NULL)
    return 0;

  FUZZ_CHECK (download->attendees != NULL);
  for (guint i = 0; i < download->attendees->len; i++)
    fuzz_check_eventyay_attendee (g_ptr_array_index (download->attendees, i));
  for (guint i = 0; download->questions != NULL && i < download->questions->len; i++)
    fuzz_check_question (g_ptr_array_index (download->questions, i));

  return 0;
}
