/* fuzz-fienta-organizers.c: box_fienta_parse_organizers() on arbitrary bytes
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
  g_autoptr(GPtrArray) ids = NULL;

  fuzz_init ();

  ids = box_fienta_parse_organizers ((const char *)data, (gssize)size, &error);
  fuzz_check_result (ids != NULL, error);
  if (ids == NULL)
    return 0;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      FUZZ_CHECK (id != NULL && *id != '\0' && strchr (id, '/') == NULL && g_utf8_validate (id, -1, NULL));
    }

  return 0;
}
