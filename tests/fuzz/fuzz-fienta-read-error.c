/* fuzz-fienta-read-error.c: box_fienta_read_error() on arbitrary bodies
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
  g_autoptr(GBytes) body = NULL;
  static char unset[] = "unset";
  char *message = unset;
  int retry_after = -42;

  fuzz_init ();

  /* The body as libsoup gives it: no terminating NUL. */
  body = g_bytes_new_static (data, size);
  box_fienta_read_error (size > 0 ? 400 + data[0] % 200 : 500, body, &message, &retry_after);

  FUZZ_CHECK (message == NULL || g_utf8_validate (message, -1, NULL));
  FUZZ_CHECK (retry_after >= -1 && retry_after <= 86400);
  g_free (message);

  /* No body at all. */
  message = unset;
  box_fienta_read_error (502, NULL, &message, &retry_after);
  FUZZ_CHECK (message == NULL && retry_after == -1);

  return 0;
}
