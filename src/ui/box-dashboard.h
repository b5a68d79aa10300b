/* box-dashboard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "box-desk.h"

G_BEGIN_DECLS

#define BOX_TYPE_DASHBOARD (box_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (BoxDashboard, box_dashboard, BOX, DASHBOARD, GtkWidget)

GtkWidget *box_dashboard_new       (void);
void       box_dashboard_set_desk  (BoxDashboard *self,
                                    BoxDesk      *desk);
void       box_dashboard_set_event (BoxDashboard *self,
                                    const char   *account_id,
                                    const char   *event_id);
void       box_dashboard_refresh   (BoxDashboard *self);

G_END_DECLS
