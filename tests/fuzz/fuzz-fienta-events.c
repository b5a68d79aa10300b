/* fuzz-fienta-events.c: box_fienta_parse_events() on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "box-event.h"
#include "box-fienta-parser.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  fuzz_init ();

  events = box_fienta_parse_events ((const char *)data, (gssize)size, "fuzz-account", &error);
  fuzz_check_result (events != NULL, error);
  if (events == NULL)
    return 0;

  for (guint i = 0; i < events->len; i++)
    {
      BoxEvent *event = g_ptr_array_index (events, i);
      const char *id = box_event_get_id (event);

      FUZZ_CHECK (BOX_IS_EVENT (event));
      FUZZ_CHECK (g_strcmp0 (box_event_get_account_id (event), "fuzz-account") == 0);
      /* Ids go into URL paths: never empty, never with a '/'. */
      FUZZ_CHECK (id != NULL && *id != '\0' && strchr (id, '/') == NULL && g_utf8_validate (id, -1, NULL));
      FUZZ_CHECK (box_event_get_name (event) != NULL && g_utf8_validate (box_event_get_name (event), -1, NULL));
    }

  return 0;
}
