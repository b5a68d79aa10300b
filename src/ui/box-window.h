/* box-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "box-application.h"
#include "box-desk.h"

G_BEGIN_DECLS

#define BOX_TYPE_WINDOW (box_window_get_type ())
G_DECLARE_FINAL_TYPE (BoxWindow, box_window, BOX, WINDOW, AdwApplicationWindow)

BoxWindow  *box_window_new               (BoxApplication *application,
                                          BoxDesk        *desk);
BoxDesk    *box_window_get_desk          (BoxWindow      *self);
/* For the window tests: the parts a person looks at. */
GtkWidget  *box_window_get_attendee_view (BoxWindow      *self);
GtkWidget  *box_window_get_details       (BoxWindow      *self);
GtkWidget  *box_window_get_result_banner (BoxWindow      *self);
GtkWidget  *box_window_get_sidebar       (BoxWindow      *self);
GtkWidget  *box_window_get_dashboard     (BoxWindow      *self);
const char *box_window_get_visible_page  (BoxWindow      *self);
void        box_window_show_page         (BoxWindow      *self,
                                          const char     *page);
const char *box_window_get_banner_text   (BoxWindow      *self);
gboolean    box_window_is_syncing        (BoxWindow      *self);
void        box_window_set_kiosk         (BoxWindow      *self,
                                          gboolean        kiosk);
gboolean    box_window_get_kiosk         (BoxWindow      *self);
GtkWidget  *box_window_get_kiosk_view    (BoxWindow      *self);

G_END_DECLS
