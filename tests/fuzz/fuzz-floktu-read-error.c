/* fuzz-floktu-read-error.c: box_floktu_read_error() on arbitrary bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the HTTP status; the rest is the body.
 */

#include "config.h"

#include "fuzz-floktu.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const guint statuses[] = { 400, 401, 403, 404, 405, 429, 500, 502, 503 };
  g_autoptr(GBytes) body = NULL;
  static char unset[] = "unset";
  char *message = unset;
  int retry_after = -42;

  fuzz_init ();

  if (size == 0)
    return 0;
  /* The body as libsoup gives it: no terminating NUL. */
  body = g_bytes_new_static (data + 1, size - 1);

  box_floktu_read_error (statuses[data[0] % G_N_ELEMENTS (statuses)], body, &message, &retry_after);
  FUZZ_CHECK (message != unset);
  /* One short line of text, or nothing: the HTTP layer puts it in a sentence. */
  FUZZ_CHECK (message == NULL || (g_utf8_validate (message, -1, NULL) && *message != '\0'));
  FUZZ_CHECK (message == NULL || strpbrk (message, "\r\n") == NULL);
  FUZZ_CHECK (message == NULL || g_utf8_strlen (message, -1) <= 300);
  FUZZ_CHECK (retry_after == -1);
  g_free (message);
  return 0;
}
