/* box-kiosk-guard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Failed attempts on a self-service screen (a lookup that finds nobody, a wrong PIN)
 * make the next ones wait: the first few are free, then the wait doubles up to a
 * ceiling, so that guessing someone else's e-mail or the organiser's PIN takes hours. */
#define BOX_KIOSK_GUARD_FREE_ATTEMPTS 3
#define BOX_KIOSK_GUARD_MAX_WAIT      60

#define BOX_TYPE_KIOSK_GUARD (box_kiosk_guard_get_type ())
G_DECLARE_FINAL_TYPE (BoxKioskGuard, box_kiosk_guard, BOX, KIOSK_GUARD, GObject)

BoxKioskGuard *box_kiosk_guard_new          (void);
/* Seconds until the next attempt may be made; 0: now. */
guint          box_kiosk_guard_get_wait     (BoxKioskGuard *self);
guint          box_kiosk_guard_get_failures (BoxKioskGuard *self);
void           box_kiosk_guard_failed       (BoxKioskGuard *self);
void           box_kiosk_guard_succeeded    (BoxKioskGuard *self);

G_END_DECLS
