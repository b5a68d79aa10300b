/* box-key-translation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gunichar box_key_translation_us (guint    keycode,
                                 gboolean shift);

G_END_DECLS
