/* test-kiosk-guard.c: failed attempts on a self-service screen, and its PIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "box-kiosk-guard.h"
#include "box-kiosk-pin.h"

/* The first attempts are free; then each failure waits longer, never over the ceiling;
 * someone who finds themselves clears it for the next person. */
static void
test_guard_waits (void)
{
  g_autoptr(BoxKioskGuard) guard = box_kiosk_guard_new ();
  guint last = 0;

  for (guint i = 1; i < BOX_KIOSK_GUARD_FREE_ATTEMPTS; i++)
    {
      box_kiosk_guard_failed (guard);
      g_assert_cmpuint (box_kiosk_guard_get_wait (guard), ==, 0);
    }
  for (guint i = 0; i < 12; i++)
    {
      guint wait;

      box_kiosk_guard_failed (guard);
      wait = box_kiosk_guard_get_wait (guard);
      g_assert_cmpuint (wait, >=, 1);
      g_assert_cmpuint (wait, <=, BOX_KIOSK_GUARD_MAX_WAIT);
      g_assert_cmpuint (wait, >=, last);
      last = wait;
    }
  /* Doubling reached the ceiling and stays there. */
  g_assert_cmpuint (last, >=, BOX_KIOSK_GUARD_MAX_WAIT - 1);
  g_assert_cmpuint (box_kiosk_guard_get_failures (guard), ==, BOX_KIOSK_GUARD_FREE_ATTEMPTS - 1 + 12);

  box_kiosk_guard_succeeded (guard);
  g_assert_cmpuint (box_kiosk_guard_get_wait (guard), ==, 0);
  g_assert_cmpuint (box_kiosk_guard_get_failures (guard), ==, 0);
}

static void
test_pin (void)
{
  g_autofree char *stored = box_kiosk_pin_hash ("2468");
  g_autofree char *again = box_kiosk_pin_hash ("2468");
  g_autofree char *damaged = NULL;

  /* Digits only, four to sixteen. */
  g_assert_true (box_kiosk_pin_is_valid ("0000"));
  g_assert_false (box_kiosk_pin_is_valid ("123"));
  g_assert_false (box_kiosk_pin_is_valid ("12a4"));
  g_assert_false (box_kiosk_pin_is_valid ("12345678901234567"));
  g_assert_false (box_kiosk_pin_is_valid (NULL));
  g_assert_null (box_kiosk_pin_hash ("12"));

  /* Kept salted: never the PIN, never the same twice. */
  g_assert_nonnull (stored);
  g_assert_null (strstr (stored, "2468"));
  g_assert_cmpstr (stored, !=, again);
  g_assert_true (box_kiosk_pin_verify ("2468", stored));
  g_assert_true (box_kiosk_pin_verify ("2468", again));
  g_assert_false (box_kiosk_pin_verify ("2469", stored));
  g_assert_false (box_kiosk_pin_verify ("", stored));
  g_assert_false (box_kiosk_pin_verify ("2468", ""));
  g_assert_false (box_kiosk_pin_verify ("2468", NULL));

  /* A damaged setting lets nobody out by accident of parsing. */
  damaged = g_strdup (stored);
  damaged[strlen (damaged) - 1] = damaged[strlen (damaged) - 1] == '0' ? '1' : '0';
  g_assert_false (box_kiosk_pin_verify ("2468", damaged));
  g_assert_false (box_kiosk_pin_verify ("2468", "sha256$0$salt$0000"));
  g_assert_false (box_kiosk_pin_verify ("2468", "plain"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk/guard-waits", test_guard_waits);
  g_test_add_func ("/kiosk/pin", test_pin);
  return g_test_run ();
}
