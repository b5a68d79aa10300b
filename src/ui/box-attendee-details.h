/* box-attendee-details.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "box-attendee.h"

G_BEGIN_DECLS

#define BOX_TYPE_ATTENDEE_DETAILS (box_attendee_details_get_type ())
G_DECLARE_FINAL_TYPE (BoxAttendeeDetails, box_attendee_details, BOX, ATTENDEE_DETAILS, GtkWidget)

/* Emits ::check-in, ::undo and ::print (no arguments) for the attendee shown. */
GtkWidget   *box_attendee_details_new          (void);
BoxAttendee *box_attendee_details_get_attendee (BoxAttendeeDetails *self);
void         box_attendee_details_set_attendee (BoxAttendeeDetails *self,
                                                BoxAttendee        *attendee);
void         box_attendee_details_set_busy     (BoxAttendeeDetails *self,
                                                gboolean            busy);
void         box_attendee_details_set_last_print (BoxAttendeeDetails *self,
                                                const char         *text);
void         box_attendee_details_set_provider (BoxAttendeeDetails *self,
                                                const char         *kind,
                                                gboolean            local_checkins,
                                                gboolean            checked_in_here);
void         box_attendee_details_set_can_undo (BoxAttendeeDetails *self,
                                                gboolean            can_undo);

G_END_DECLS
