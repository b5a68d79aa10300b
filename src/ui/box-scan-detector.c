/* box-scan-detector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "box-scan-detector.h"

struct _BoxScanDetector
{
  gint64 last_us;     /* when the last character came, 0 before the first */
  guint  run;         /* characters in the current run of fast ones */
  guint  run_start;   /* where in the text the run began */
};

BoxScanDetector *
box_scan_detector_new (void)
{
  return g_new0 (BoxScanDetector, 1);
}

void
box_scan_detector_free (BoxScanDetector *self)
{
  g_free (self);
}

/* The text was cleared or replaced: nothing typed so far belongs to a scan. */
void
box_scan_detector_reset (BoxScanDetector *self)
{
  self->last_us = 0;
  self->run = 0;
  self->run_start = 0;
}

/**
 * box_scan_detector_feed:
 * @time_us: when the character arrived (g_get_monotonic_time())
 * @position: where in the text it went (the text's length before it)
 *
 * Notes one typed character.
 */
void
box_scan_detector_feed (BoxScanDetector *self,
                        gint64           time_us,
                        guint            position)
{
  if (self->run > 0 && time_us - self->last_us <= BOX_SCAN_MAX_GAP_US)
    self->run++;
  else
    {
      self->run = 1;
      self->run_start = position;
    }
  self->last_us = time_us;
}

/* Whether the last characters came as a scanner's burst. */
gboolean
box_scan_detector_is_burst (BoxScanDetector *self)
{
  return self->run >= BOX_SCAN_MIN_CHARS;
}

/* Where in the text the burst begins: what was typed before it is not part of the code. */
guint
box_scan_detector_get_start (BoxScanDetector *self)
{
  return self->run_start;
}
