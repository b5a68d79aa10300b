/* test-scan.c: telling a scanner from a person, and reading a scanner on any layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "box-key-translation.h"
#include "box-scan-detector.h"

#define MS 1000

/* A scanner: 12 characters 4 ms apart. */
static void
test_scanner_burst (void)
{
  g_autoptr(BoxScanDetector) d = box_scan_detector_new ();
  gint64 t = 1000000;

  for (guint i = 0; i < 12; i++)
    box_scan_detector_feed (d, t + i * 4 * MS, i);
  g_assert_true (box_scan_detector_is_burst (d));
  g_assert_cmpuint (box_scan_detector_get_start (d), ==, 0);
}

/* A fast typist: 90 ms per key is never a burst, however long. */
static void
test_person_typing (void)
{
  g_autoptr(BoxScanDetector) d = box_scan_detector_new ();
  gint64 t = 1000000;

  for (guint i = 0; i < 20; i++)
    box_scan_detector_feed (d, t + i * 90 * MS, i);
  g_assert_false (box_scan_detector_is_burst (d));
}

/* Three quick keys (a roll-over) are not a scan either. */
static void
test_short_roll_over (void)
{
  g_autoptr(BoxScanDetector) d = box_scan_detector_new ();

  box_scan_detector_feed (d, 1000000, 0);
  box_scan_detector_feed (d, 1000000 + 10 * MS, 1);
  box_scan_detector_feed (d, 1000000 + 20 * MS, 2);
  g_assert_false (box_scan_detector_is_burst (d));
}

/* A person typed "jo", then scanned: the code starts where the burst starts. */
static void
test_burst_after_typing (void)
{
  g_autoptr(BoxScanDetector) d = box_scan_detector_new ();
  gint64 t = 1000000;

  box_scan_detector_feed (d, t, 0);
  box_scan_detector_feed (d, t += 200 * MS, 1);
  t += 2000 * MS;
  for (guint i = 0; i < 10; i++)
    box_scan_detector_feed (d, t + i * 3 * MS, 2 + i);
  g_assert_true (box_scan_detector_is_burst (d));
  g_assert_cmpuint (box_scan_detector_get_start (d), ==, 2);

  /* A slow key after the burst starts over. */
  box_scan_detector_feed (d, t + 10 * 3 * MS + 500 * MS, 12);
  g_assert_false (box_scan_detector_is_burst (d));

  box_scan_detector_reset (d);
  g_assert_false (box_scan_detector_is_burst (d));
}

/* GDK keycodes are evdev + 8; the US characters of the keys a scanner presses. */
static void
test_us_keys (void)
{
  g_assert_cmpuint (box_key_translation_us (8 + 30, FALSE), ==, 'a');
  g_assert_cmpuint (box_key_translation_us (8 + 44, FALSE), ==, 'z');   /* 'y' on German */
  g_assert_cmpuint (box_key_translation_us (8 + 44, TRUE), ==, 'Z');
  g_assert_cmpuint (box_key_translation_us (8 + 21, TRUE), ==, 'Y');   /* 'Z' on German */
  g_assert_cmpuint (box_key_translation_us (8 + 2, FALSE), ==, '1');    /* '&' on French */
  g_assert_cmpuint (box_key_translation_us (8 + 11, FALSE), ==, '0');
  g_assert_cmpuint (box_key_translation_us (8 + 12, FALSE), ==, '-');   /* 'ß' on German */
  g_assert_cmpuint (box_key_translation_us (8 + 16, FALSE), ==, 'q');   /* 'a' on French */
  g_assert_cmpuint (box_key_translation_us (8 + 79, FALSE), ==, '1');   /* keypad */
  g_assert_cmpuint (box_key_translation_us (8 + 57, FALSE), ==, ' ');
  /* Keys that type nothing: Shift, Return, and out of the table. */
  g_assert_cmpuint (box_key_translation_us (8 + 42, FALSE), ==, 0);
  g_assert_cmpuint (box_key_translation_us (8 + 28, FALSE), ==, 0);
  g_assert_cmpuint (box_key_translation_us (3, FALSE), ==, 0);
  g_assert_cmpuint (box_key_translation_us (400, TRUE), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scan/scanner-burst", test_scanner_burst);
  g_test_add_func ("/scan/person-typing", test_person_typing);
  g_test_add_func ("/scan/short-roll-over", test_short_roll_over);
  g_test_add_func ("/scan/burst-after-typing", test_burst_after_typing);
  g_test_add_func ("/scan/us-keys", test_us_keys);

  return g_test_run ();
}
