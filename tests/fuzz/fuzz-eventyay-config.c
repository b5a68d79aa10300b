/* fuzz-eventyay-config.c: box_eventyay_parse_config() and the JSON repair on any text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-eventyay.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxEventyayConfig) config = NULL;
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autofree char *repaired = NULL;

  fuzz_init ();

  /* What was scanned or pasted: a C string. */
  config = box_eventyay_parse_config (text, &error);
  fuzz_check_error (config != NULL, error, BOX_ERROR_INVALID_INPUT);
  if (config != NULL)
    {
      FUZZ_CHECK (config->version >= 1 && config->version <= 3);
      FUZZ_CHECK (g_utf8_validate (config->url, -1, NULL));
      FUZZ_CHECK (g_ascii_strncasecmp (config->url, "http://", 7) == 0 ||
                  g_ascii_strncasecmp (config->url, "https://", 8) == 0);
      FUZZ_CHECK (g_str_has_suffix (config->url, "/"));
      FUZZ_CHECK (fuzz_trimmed_ok (config->key));
      FUZZ_CHECK (config->allow_search == TRUE || config->allow_search == FALSE);
      FUZZ_CHECK (config->show_info == TRUE || config->show_info == FALSE);
    }

  /* The repair keeps every byte in place and changes only literals and commas. */
  repaired = box_eventyay_repair_json ((const char *)data, size);
  if (repaired != NULL)
    {
      gboolean changed = FALSE;

      FUZZ_CHECK (repaired[size] == '\0');
      for (size_t i = 0; i < size; i++)
        {
          char from = (char)data[i], to = repaired[i];

          if (from == to)
            continue;
          changed = TRUE;
          FUZZ_CHECK ((from == ',' && to == ' ') || (from == 'T' && to == 't') ||
                      (from == 'F' && to == 'f') || (from == 'N' && to == 'n') ||
                      (from == 'o' && to == 'u') || (from == 'n' && to == 'l') ||
                      (from == 'e' && to == 'l'));
        }
      FUZZ_CHECK (changed);
    }

  return 0;
}
