/* box-kiosk-pin.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The PIN that leaves kiosk mode, kept as a salted, stretched hash
 * ("sha256$ROUNDS$SALT$HASH") in the settings: never the PIN itself. */
#define BOX_KIOSK_PIN_MIN_LENGTH 4

gboolean  box_kiosk_pin_is_valid (const char *pin);
char     *box_kiosk_pin_hash     (const char *pin);
gboolean  box_kiosk_pin_verify   (const char *pin,
                                  const char *stored);

G_END_DECLS
