/* fuzz-floktu-cursor.c: box_floktu_parse_id_set() on arbitrary text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync's cursor is read back from the store: whatever it holds, the set is either
 * refused (a full sync follows) or read, and writing it again reads the same.
 */

#include "config.h"

#include "fuzz-floktu.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GHashTable) back = NULL;
  g_autofree char *written = NULL;
  GHashTableIter iter;
  gpointer key;

  fuzz_init ();

  ids = box_floktu_parse_id_set (text);
  if (ids == NULL)
    return 0;
  FUZZ_CHECK (g_hash_table_size (ids) <= 200000);

  written = box_floktu_format_id_set (ids);
  back = box_floktu_parse_id_set (written);
  FUZZ_CHECK (back != NULL);
  FUZZ_CHECK (g_hash_table_size (back) == g_hash_table_size (ids));
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      FUZZ_CHECK (key != NULL && *(const char *)key != '\0' && g_utf8_validate (key, -1, NULL));
      FUZZ_CHECK (g_hash_table_contains (back, key));
    }
  return 0;
}
