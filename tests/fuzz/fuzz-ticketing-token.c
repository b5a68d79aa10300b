/* fuzz-ticketing-token.c: box_ticketing_parse_token() on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-ticketing.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxTicketingToken) token = NULL;

  fuzz_init ();

  token = box_ticketing_parse_token ((const char *)data, (gssize)size, &error);
  fuzz_check_result (token != NULL, error);
  if (token == NULL)
    return 0;

  FUZZ_CHECK (token->code == NULL);
  FUZZ_CHECK (token->key != NULL && *token->key != '\0' && g_utf8_validate (token->key, -1, NULL));
  FUZZ_CHECK (fuzz_id_ok (token->event_id));
  /* Never NULL: an empty list is a global token's, every section. */
  FUZZ_CHECK (token->sections != NULL);
  for (guint i = 0; token->sections[i] != NULL; i++)
    FUZZ_CHECK (fuzz_id_ok (token->sections[i]));

  return 0;
}
