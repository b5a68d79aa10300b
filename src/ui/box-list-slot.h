/* box-list-slot.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "box-attendee.h"

G_BEGIN_DECLS

#define BOX_TYPE_LIST_SLOT (box_list_slot_get_type ())
G_DECLARE_FINAL_TYPE (BoxListSlot, box_list_slot, BOX, LIST_SLOT, GObject)

BoxListSlot *box_list_slot_new           (GListModel  *source,
                                          guint        position);
BoxAttendee *box_list_slot_get_attendee  (BoxListSlot *self);
void         box_list_slot_set_attendee  (BoxListSlot *self,
                                          BoxAttendee *attendee);

G_END_DECLS
