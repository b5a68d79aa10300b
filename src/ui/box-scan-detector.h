/* box-scan-detector.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Tells a keyboard-wedge scanner from a person: a scanner types a whole code in a burst
 * (a few milliseconds per character), a person needs 80 ms or more per key. */

/* The longest gap between two characters of a burst, the shortest burst, and the pause
 * after which a burst without Enter counts as a complete scan. */
#define BOX_SCAN_MAX_GAP_US    (35 * 1000)
#define BOX_SCAN_MIN_CHARS     4
#define BOX_SCAN_PAUSE_MS      120

typedef struct _BoxScanDetector BoxScanDetector;

BoxScanDetector *box_scan_detector_new       (void);
void             box_scan_detector_free      (BoxScanDetector *self);
void             box_scan_detector_reset     (BoxScanDetector *self);
void             box_scan_detector_feed      (BoxScanDetector *self,
                                              gint64           time_us,
                                              guint            position);
gboolean         box_scan_detector_is_burst  (BoxScanDetector *self);
guint            box_scan_detector_get_start (BoxScanDetector *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoxScanDetector, box_scan_detector_free)

G_END_DECLS
