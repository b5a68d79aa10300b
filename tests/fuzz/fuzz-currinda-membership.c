/* fuzz-currinda-membership.c: box_currinda_parse_membership(), and the scope, status
 * and logout helpers on arbitrary text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-currinda.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) scope_error = NULL;
  g_autoptr(BoxAttendee) attendee = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *text = size > 0 ? g_strndup ((const char *)data, MIN (size, 128)) : g_strdup ("");
  g_autofree char *logout = NULL;
  g_auto(GStrv) scopes = NULL;
  const char *label;

  fuzz_init ();

  attendee = box_currinda_parse_membership ((const char *)data, (gssize)size, "19", &organisation, &error);
  fuzz_check_result (attendee != NULL, error);
  if (attendee != NULL)
    {
      fuzz_check_currinda_attendee (attendee, "org-19", TRUE);
      FUZZ_CHECK (organisation == NULL || fuzz_trimmed_ok (organisation));
    }
  else
    FUZZ_CHECK (organisation == NULL);

  /* The first 128 bytes as a status, a scope and a return address. */
  label = box_currinda_membership_status_label (text);
  FUZZ_CHECK ((label != NULL) == (box_currinda_membership_status (text) != BOX_ATTENDEE_STATUS_UNKNOWN));

  scopes = box_currinda_split_scope (text, &scope_error);
  if (scopes == NULL)
    FUZZ_CHECK (scope_error != NULL && scope_error->code == BOX_ERROR_INVALID_INPUT &&
                g_utf8_validate (scope_error->message, -1, NULL));
  else
    {
      FUZZ_CHECK (scopes[0] != NULL);
      for (guint i = 0; scopes[i] != NULL; i++)
        FUZZ_CHECK (g_str_has_prefix (scopes[i], "event-") || g_str_has_prefix (scopes[i], "org-"));
    }

  if (g_utf8_validate (text, -1, NULL))
    {
      logout = box_currinda_logout_url ("https://asn.currinda.com", text);
      FUZZ_CHECK (logout != NULL && g_str_has_prefix (logout, "https://asn.currinda.com/logout"));
      /* The return address cannot add parameters of its own. */
      if (*text != '\0')
        FUZZ_CHECK (g_str_has_prefix (logout, "https://asn.currinda.com/logout?redirect=") &&
                    strchr (logout + strlen ("https://asn.currinda.com/logout?redirect="), '&') == NULL);
      else
        FUZZ_CHECK (g_str_equal (logout, "https://asn.currinda.com/logout"));
    }

  return 0;
}
