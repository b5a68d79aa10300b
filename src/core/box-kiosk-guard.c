/* box-kiosk-guard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "box-kiosk-guard.h"

struct _BoxKioskGuard
{
  GObject parent_instance;

  guint   failures;
  gint64  not_before;   /* monotonic microseconds */
};

G_DEFINE_FINAL_TYPE (BoxKioskGuard, box_kiosk_guard, G_TYPE_OBJECT)

static void
box_kiosk_guard_class_init (BoxKioskGuardClass *klass)
{
}

static void
box_kiosk_guard_init (BoxKioskGuard *self)
{
}

BoxKioskGuard *
box_kiosk_guard_new (void)
{
  return g_object_new (BOX_TYPE_KIOSK_GUARD, NULL);
}

/**
 * box_kiosk_guard_get_wait:
 *
 * Returns: whole seconds (rounded up) before the next attempt is allowed
 */
guint
box_kiosk_guard_get_wait (BoxKioskGuard *self)
{
  gint64 left;

  g_return_val_if_fail (BOX_IS_KIOSK_GUARD (self), 0);

  left = self->not_before - g_get_monotonic_time ();
  if (left <= 0)
    return 0;
  return (guint)((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

guint
box_kiosk_guard_get_failures (BoxKioskGuard *self)
{
  g_return_val_if_fail (BOX_IS_KIOSK_GUARD (self), 0);
  return self->failures;
}

/* After the free attempts: 2, 4, 8, ... seconds, never more than the ceiling. */
void
box_kiosk_guard_failed (BoxKioskGuard *self)
{
  guint over;
  guint wait;

  g_return_if_fail (BOX_IS_KIOSK_GUARD (self));

  self->failures++;
  if (self->failures < BOX_KIOSK_GUARD_FREE_ATTEMPTS)
    return;
  over = self->failures - BOX_KIOSK_GUARD_FREE_ATTEMPTS;
  wait = over >= 6 ? BOX_KIOSK_GUARD_MAX_WAIT : MIN (2u << over, BOX_KIOSK_GUARD_MAX_WAIT);
  self->not_before = g_get_monotonic_time () + (gint64)wait * G_USEC_PER_SEC;
}

/* Someone found themselves: the next person starts afresh. */
void
box_kiosk_guard_succeeded (BoxKioskGuard *self)
{
  g_return_if_fail (BOX_IS_KIOSK_GUARD (self));

  self->failures = 0;
  self->not_before = 0;
}
