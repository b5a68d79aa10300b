/* fuzz-currinda-read-error.c: box_currinda_read_error() on arbitrary bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the HTTP status; the rest is the body.
 */

#include "config.h"

#include "fuzz-currinda.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const guint statuses[] = { 400, 401, 403, 404, 405, 429, 500, 502, 503 };
  g_autoptr(GBytes) body = NULL;
  static char unset[] = "unset";
  char *message = unset;
  int retry_after = -42;
  guint status;

  fuzz_init ();

  if (size == 0)
    return 0;
  status = statuses[data[0] % G_N_ELEMENTS (statuses)];
  /* The body as libsoup gives it: no terminating NUL. */
  body = g_bytes_new_static (data + 1, size - 1);

  box_currinda_read_error (status, body, &message, &retry_after);
  FUZZ_CHECK (message != unset);
  FUZZ_CHECK (message == NULL || (g_utf8_validate (message, -1, NULL) && *message != '\0'));
  /* One short line: the HTTP layer puts it in a sentence. */
  FUZZ_CHECK (message == NULL || strchr (message, '\n') == NULL);
  FUZZ_CHECK (message == NULL || g_utf8_strlen (message, -1) <= 300);
  FUZZ_CHECK (retry_after == -1);
  g_free (message);

  message = unset;
  retry_after = -42;
  box_currinda_read_error (502, NULL, &message, &retry_after);
  FUZZ_CHECK (message == NULL && retry_after == -1);

  return 0;
}
