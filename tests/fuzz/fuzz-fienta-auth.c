/* fuzz-fienta-auth.c: box_fienta_parse_auth() on arbitrary bytes
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
  g_autofree char *token = NULL;

  fuzz_init ();

  token = box_fienta_parse_auth ((const char *)data, (gssize)size, &error);
  fuzz_check_result (token != NULL, error);
  if (token != NULL)
    FUZZ_CHECK (*token != '\0' && g_utf8_validate (token, -1, NULL));

  return 0;
}
