/* fuzz-fienta-html.c: box_fienta_html_texts() and the date-time helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the tag and the server's offset; the rest is the text.
 */

#include "config.h"

#include "fuzz-common.h"
#include "box-fienta-parser.h"

static const char * const tags[] = { "h1", "h2", "p", "b" };

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  const char *tag;
  int tz_offset;
  gint64 t;

  fuzz_init ();

  if (size == 0)
    return 0;

  tag = tags[data[0] % G_N_ELEMENTS (tags)];
  /* Whole minutes, about -15 h to +15 h, as real zones. */
  tz_offset = ((int)data[0] - 128) * 7 * 60;
  text = g_strndup ((const char *)data + 1, size - 1);

  texts = box_fienta_html_texts (text, tag);
  FUZZ_CHECK (texts != NULL);
  for (guint i = 0; i < texts->len; i++)
    FUZZ_CHECK (fuzz_trimmed_ok (g_ptr_array_index (texts, i)));

  /* Naive and ISO 8601 date-times: whatever parses must print and parse back the same,
   * within the years the format can write (1970 to 9999). */
  t = box_fienta_parse_datetime (text, tz_offset);
  if (t > 2 * 86400 && t < G_GINT64_CONSTANT (253402300799) - 2 * 86400)
    {
      g_autofree char *printed = box_fienta_format_datetime (t, tz_offset);

      FUZZ_CHECK (printed != NULL && strlen (printed) == 19);
      FUZZ_CHECK (box_fienta_parse_datetime (printed, tz_offset) == t);
    }

  return 0;
}
