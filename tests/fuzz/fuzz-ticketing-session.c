/* fuzz-ticketing-session.c: box_ticketing_parse_session() and the date-time helpers on
 * arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session's "started" is the one time with a space for the T, so the input is also
 * read as a time (its first line, as a C string).
 */

#include "config.h"

#include "fuzz-ticketing.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BoxTicketingSession) session = NULL;
  g_autofree char *text = size > 0 ? g_strndup ((const char *)data, MIN (size, 128)) : g_strdup ("");
  char *newline;
  gint64 t;

  fuzz_init ();

  session = box_ticketing_parse_session ((const char *)data, (gssize)size, &error);
  fuzz_check_result (session != NULL, error);
  if (session != NULL)
    {
      FUZZ_CHECK (session->key != NULL && *session->key != '\0');
      FUZZ_CHECK (g_utf8_validate (session->key, -1, NULL));
      FUZZ_CHECK (fuzz_text_ok (session->account_number));
      FUZZ_CHECK (fuzz_text_ok (session->display_name));
    }

  /* Any text: 0 or a time that prints and reads back. */
  if ((newline = strchr (text, '\n')) != NULL)
    *newline = '\0';
  t = box_ticketing_parse_datetime (text);
  fuzz_check_time (t);
  {
    g_autofree char *id = box_ticketing_id_from_uri (text);
    FUZZ_CHECK (id == NULL || (*id != '\0' && strchr (id, '/') == NULL));
  }

  return 0;
}
