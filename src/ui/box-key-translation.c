/* box-key-translation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "box-key-translation.h"

/* A keyboard-wedge scanner presses the keys a US keyboard has for each character of
 * the code. On a German layout its "Z" arrives as "y", on a French one its "1" as "&".
 * The keys themselves (hardware keycodes) are the same on every layout, so reading them
 * as a US keyboard gives back what the scanner meant. */

/* Indexed by Linux evdev key number; GDK keycodes on X11 and Wayland are these + 8. */
static const char us_plain[] =
  "\0\0" "1234567890-=" "\0\0" "qwertyuiop[]" "\0\0" "asdfghjkl;'`" "\0" "\\zxcvbnm,./";
static const char us_shift[] =
  "\0\0" "!@#$%^&*()_+" "\0\0" "QWERTYUIOP{}" "\0\0" "ASDFGHJKL:\"~" "\0" "|ZXCVBNM<>?";

/* The keypad: 7 8 9 - 4 5 6 + 1 2 3 0 . from evdev 71. */
static const char keypad[] = "789-456+1230.";

/**
 * box_key_translation_us:
 * @keycode: the hardware keycode of a key press, as GDK gives it
 * @shift: whether Shift was held
 *
 * Returns: the character a US keyboard types with that key, or 0 for a key that types
 *   none (or that this table does not know)
 */
gunichar
box_key_translation_us (guint    keycode,
                        gboolean shift)
{
  guint evdev;

  if (keycode < 8)
    return 0;
  evdev = keycode - 8;

  if (evdev < sizeof us_plain - 1)
    return (guchar)(shift ? us_shift[evdev] : us_plain[evdev]);
  if (evdev == 57)
    return ' ';
  if (evdev >= 71 && evdev < 71 + sizeof keypad - 1)
    return (guchar)keypad[evdev - 71];
  return 0;
}
