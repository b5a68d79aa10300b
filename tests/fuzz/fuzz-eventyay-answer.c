/* fuzz-eventyay-answer.c: box_eventyay_format_answer() on whatever a person types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the question's type and whether it is required; the rest is
 * the typed value.
 */

#include "config.h"

#include "fuzz-eventyay.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const types[] = { "N", "S", "T", "B", "C", "M", "F", "D", "H", "W", "X", "" };
  g_autoptr(BoxQuestion) question = NULL;
  g_autofree char *value = NULL;

  fuzz_init ();

  if (size == 0)
    return 0;

  question = box_question_new ("12", types[data[0] % G_N_ELEMENTS (types)], "Which?", (data[0] & 0x80) != 0);
  box_question_add_option (question, "24", "M");
  box_question_add_option (question, "25", "L");
  box_question_add_option (question, "26", "Yes, please");
  box_question_add_option (question, "27", "Größe XL");
  box_question_add_option (question, "28", "");

  value = g_strndup ((const char *)data + 1, size - 1);
  fuzz_check_answer (question, value);

  return 0;
}
