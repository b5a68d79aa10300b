/* fuzz-ticketing-events.c: box_ticketing_parse_events(), box_ticketing_parse_event()
 * and box_ticketing_parse_hosts() on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of events, one event (with its section table) and a page of hosts share their
 * shapes (self URIs, pages), so one input feeds all three.
 */

#include "config.h"

#include "fuzz-ticketing.h"

static void
check_event (BoxEvent *event)
{
  gint64 ends_at;

  FUZZ_CHECK (BOX_IS_EVENT (event));
  FUZZ_CHECK (g_strcmp0 (box_event_get_account_id (event), FUZZ_ACCOUNT) == 0);
  FUZZ_CHECK (fuzz_id_ok (box_event_get_id (event)));
  /* The title, or the id. */
  FUZZ_CHECK (box_event_get_name (event) != NULL && *box_event_get_name (event) != '\0');
  FUZZ_CHECK (g_utf8_validate (box_event_get_name (event), -1, NULL));
  fuzz_check_time (box_event_get_starts_at (event));
  /* "9999-12-31T23:59:59.999Z" is no end. */
  ends_at = box_event_get_ends_at (event);
  FUZZ_CHECK (ends_at >= 0 && ends_at < FUZZ_NO_END);
  fuzz_check_time (ends_at);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) event_error = NULL;
  g_autoptr(GError) hosts_error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) hosts = NULL;
  g_autoptr(BoxEvent) event = NULL;
  g_autoptr(BoxEvent) without = NULL;
  g_autoptr(GHashTable) sections = NULL;
  guint total = 12345, hosts_total = 12345;

  fuzz_init ();

  events = box_ticketing_parse_events ((const char *)data, (gssize)size, FUZZ_ACCOUNT, &total, &error);
  fuzz_check_result (events != NULL, error);
  if (events != NULL)
    for (guint i = 0; i < events->len; i++)
      check_event (g_ptr_array_index (events, i));
  else
    FUZZ_CHECK (total == 0);

  event = box_ticketing_parse_event ((const char *)data, (gssize)size, FUZZ_ACCOUNT, &sections, &event_error);
  fuzz_check_result (event != NULL, event_error);
  FUZZ_CHECK ((event != NULL) == (sections != NULL));
  if (event != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      check_event (event);
      g_hash_table_iter_init (&iter, sections);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          FUZZ_CHECK (fuzz_id_ok (key));
          FUZZ_CHECK (fuzz_text_ok (value));
        }

      /* Without the table: the same event. */
      without = box_ticketing_parse_event ((const char *)data, (gssize)size, FUZZ_ACCOUNT, NULL, NULL);
      FUZZ_CHECK (without != NULL);
      FUZZ_CHECK (g_strcmp0 (box_event_get_id (without), box_event_get_id (event)) == 0);
      FUZZ_CHECK (g_strcmp0 (box_event_get_name (without), box_event_get_name (event)) == 0);
      FUZZ_CHECK (box_event_get_ends_at (without) == box_event_get_ends_at (event));
    }

  hosts = box_ticketing_parse_hosts ((const char *)data, (gssize)size, &hosts_total, &hosts_error);
  fuzz_check_result (hosts != NULL, hosts_error);
  /* Both read pages the same way. */
  FUZZ_CHECK ((hosts != NULL) == (events != NULL));
  FUZZ_CHECK (hosts_total == total);
  if (hosts != NULL)
    for (guint i = 0; i < hosts->len; i++)
      FUZZ_CHECK (fuzz_id_ok (g_ptr_array_index (hosts, i)));

  return 0;
}
