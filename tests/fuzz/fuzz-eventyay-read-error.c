/* fuzz-eventyay-read-error.c: box_eventyay_read_error() on arbitrary bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the HTTP status; the rest is the body.
 */

#include "config.h"

#include "fuzz-eventyay.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const guint statuses[] = { 403, 404, 405, 500, 502, 400, 401, 429, 200, 503 };
  g_autoptr(GBytes) body = NULL;
  static char unset[] = "unset";
  char *message = unset;
  int retry_after = -42;
  guint status;

  fuzz_init ();

  if (size == 0)
    return 0;
  status = statuses[data[0] % G_N_ELEMENTS (statuses)];
  body = fuzz_body (data + 1, size - 1);

  box_eventyay_read_error (status, body, &message, &retry_after);
  FUZZ_CHECK (message != unset);
  FUZZ_CHECK (message == NULL || g_utf8_validate (message, -1, NULL));
  /* One line: the HTTP layer puts it in a sentence. */
  FUZZ_CHECK (message == NULL || strchr (message, '\n') == NULL);
  FUZZ_CHECK (retry_after == -1);
  if (status == 403 || status == 404 || status == 405 || status >= 500)
    FUZZ_CHECK (message != NULL && *message != '\0');
  g_free (message);

  message = unset;
  box_eventyay_read_error (502, NULL, &message, &retry_after);
  FUZZ_CHECK (message != NULL && message != unset);
  g_free (message);

  return 0;
}
