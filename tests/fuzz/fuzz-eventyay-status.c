/* fuzz-eventyay-status.c: box_eventyay_parse_status() on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "box-event.h"
#include "fuzz-eventyay.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = fuzz_body (data, size);
  g_autoptr(BoxEventStats) stats = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autoptr(BoxEvent) without_stats = NULL;
  GArray *types;

  fuzz_init ();

  event = box_eventyay_parse_status (body, FUZZ_ACCOUNT, FUZZ_EVENT, &stats, &error);
  fuzz_check_error (event != NULL, error, BOX_ERROR_MALFORMED);
  if (event == NULL)
    {
      FUZZ_CHECK (stats == NULL);
      return 0;
    }

  FUZZ_CHECK (g_strcmp0 (box_event_get_account_id (event), FUZZ_ACCOUNT) == 0);
  FUZZ_CHECK (g_strcmp0 (box_event_get_id (event), FUZZ_EVENT) == 0);
  FUZZ_CHECK (fuzz_trimmed_ok (box_event_get_name (event)));
  FUZZ_CHECK (stats != NULL);
  FUZZ_CHECK (box_event_stats_get_total (stats) <= G_MAXINT);
  FUZZ_CHECK (box_event_stats_get_checked_in (stats) <= G_MAXINT);
  types = box_event_stats_get_by_ticket_type (stats);
  for (guint i = 0; i < types->len; i++)
    FUZZ_CHECK (fuzz_text_ok (g_array_index (types, BoxTicketTypeCount, i).name));

  /* Without stats: the same event. */
  without_stats = box_eventyay_parse_status (body, FUZZ_ACCOUNT, FUZZ_EVENT, NULL, NULL);
  FUZZ_CHECK (without_stats != NULL);
  FUZZ_CHECK (g_strcmp0 (box_event_get_name (without_stats), box_event_get_name (event)) == 0);
  FUZZ_CHECK (box_event_get_starts_at (without_stats) == box_event_get_starts_at (event));

  return 0;
}
