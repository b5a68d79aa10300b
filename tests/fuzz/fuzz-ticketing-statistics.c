/* fuzz-ticketing-statistics.c: box_ticketing_parse_statistics() on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-ticketing.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const keys[] = { "tickets_sold", "capacity", "orders", "admitted", "revenue", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxEventStats) stats = NULL;
  GArray *figures;
  guint next = 0;

  fuzz_init ();

  stats = box_ticketing_parse_statistics ((const char *)data, (gssize)size, &error);
  fuzz_check_result (stats != NULL, error);
  if (stats == NULL)
    return 0;

  /* At least one figure; each known, once, in the fixed order; shown as text. */
  figures = box_event_stats_get_figures (stats);
  FUZZ_CHECK (figures->len >= 1 && figures->len <= G_N_ELEMENTS (keys) - 1);
  for (guint i = 0; i < figures->len; i++)
    {
      BoxStatFigure *figure = &g_array_index (figures, BoxStatFigure, i);

      while (keys[next] != NULL && g_strcmp0 (keys[next], figure->key) != 0)
        next++;
      FUZZ_CHECK (keys[next] != NULL);
      next++;
      FUZZ_CHECK (figure->label != NULL && *figure->label != '\0' && g_utf8_validate (figure->label, -1, NULL));
      FUZZ_CHECK (figure->value != NULL && *figure->value != '\0' && g_utf8_validate (figure->value, -1, NULL));
    }
  FUZZ_CHECK (box_event_stats_get_total (stats) == 0);
  FUZZ_CHECK (box_event_stats_get_checked_in (stats) == 0);

  return 0;
}
