/* box-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "box-desk.h"

G_BEGIN_DECLS

#define BOX_TYPE_PREFERENCES_WINDOW (box_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (BoxPreferencesWindow, box_preferences_window, BOX, PREFERENCES_WINDOW, AdwPreferencesWindow)

BoxPreferencesWindow *box_preferences_window_new (GtkWindow *parent,
                                                  BoxDesk   *desk,
                                                  GSettings *settings);

G_END_DECLS
