/* box-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "box-desk.h"

G_BEGIN_DECLS

#define BOX_TYPE_APPLICATION (box_application_get_type ())
G_DECLARE_FINAL_TYPE (BoxApplication, box_application, BOX, APPLICATION, AdwApplication)

/* The settings schema; the same for the development profile. */
#define BOX_SETTINGS_SCHEMA "io.github.boxoffice.BoxOffice"

BoxApplication *box_application_new          (void);
BoxDesk        *box_application_get_desk     (BoxApplication *self);
GSettings      *box_application_get_settings (BoxApplication *self);
gboolean        box_application_is_demo      (BoxApplication *self);

G_END_DECLS
