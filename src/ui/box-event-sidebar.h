/* box-event-sidebar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "box-desk.h"

G_BEGIN_DECLS

#define BOX_TYPE_EVENT_SIDEBAR (box_event_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (BoxEventSidebar, box_event_sidebar, BOX, EVENT_SIDEBAR, GtkWidget)

/* Emits ::event-selected (const char *account_id, const char *event_id). */
GtkWidget *box_event_sidebar_new      (void);
void       box_event_sidebar_set_desk (BoxEventSidebar *self,
                                       BoxDesk         *desk);
void       box_event_sidebar_reload   (BoxEventSidebar *self);
gboolean   box_event_sidebar_select   (BoxEventSidebar *self,
                                       const char      *account_id,
                                       const char      *event_id);
guint      box_event_sidebar_get_n_events (BoxEventSidebar *self);

G_END_DECLS
