/* fuzz-floktu-events.c: box_floktu_parse_events() on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-floktu.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  fuzz_init ();

  events = box_floktu_parse_events ((const char *)data, (gssize)size, FUZZ_ACCOUNT, &error);
  fuzz_check_result (events != NULL, error);
  if (events == NULL)
    return 0;

  for (guint i = 0; i < events->len; i++)
    {
      BoxEvent *event = g_ptr_array_index (events, i);

      FUZZ_CHECK (BOX_IS_EVENT (event));
      FUZZ_CHECK (fuzz_floktu_id_ok (box_event_get_id (event)));
      FUZZ_CHECK (g_strcmp0 (box_event_get_account_id (event), FUZZ_ACCOUNT) == 0);
      /* Every event has a name to show: its own, or its id. */
      FUZZ_CHECK (fuzz_trimmed_ok (box_event_get_name (event)));
      FUZZ_CHECK (box_event_get_starts_at (event) == 0);
      FUZZ_CHECK (g_hash_table_add (seen, (gpointer)box_event_get_id (event)));
    }
  return 0;
}
