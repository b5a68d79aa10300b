/* fuzz-floktu-orders.c: box_floktu_parse_orders() on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order ids also go through the sync's cursor: written as a set, read back the same.
 */

#include "config.h"

#include "fuzz-floktu.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) back = NULL;
  g_autofree char *text = NULL;

  fuzz_init ();

  orders = box_floktu_parse_orders ((const char *)data, (gssize)size, &error);
  fuzz_check_result (orders != NULL, error);
  if (orders == NULL)
    return 0;

  for (guint i = 0; i < orders->len; i++)
    {
      BoxFloktuOrder *order = g_ptr_array_index (orders, i);

      FUZZ_CHECK (fuzz_floktu_id_ok (order->id));
      FUZZ_CHECK (order->email == NULL || fuzz_trimmed_ok (order->email));
      FUZZ_CHECK (order->first_name == NULL || fuzz_trimmed_ok (order->first_name));
      FUZZ_CHECK (order->last_name == NULL || fuzz_trimmed_ok (order->last_name));
      FUZZ_CHECK (g_hash_table_add (ids, order->id));
    }

  text = box_floktu_format_id_set (ids);
  FUZZ_CHECK (text != NULL && strpbrk (text, ";:") == NULL);
  back = box_floktu_parse_id_set (text);
  FUZZ_CHECK (back != NULL);
  FUZZ_CHECK (g_hash_table_size (back) == g_hash_table_size (ids));
  for (guint i = 0; i < orders->len; i++)
    FUZZ_CHECK (g_hash_table_contains (back, ((BoxFloktuOrder *)g_ptr_array_index (orders, i))->id));
  return 0;
}
