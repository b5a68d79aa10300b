/* box-attendee-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "box-desk.h"

G_BEGIN_DECLS

#define BOX_TYPE_ATTENDEE_VIEW (box_attendee_view_get_type ())
G_DECLARE_FINAL_TYPE (BoxAttendeeView, box_attendee_view, BOX, ATTENDEE_VIEW, GtkWidget)

/* Signals:
 * ::attendee-selected (BoxAttendee *attendee): a row was picked
 * ::code-entered (const char *code, BoxAttendee *attendee_or_NULL, gboolean scanned):
 *   Enter, or the end of a scanner's burst: @code is the ticket code as the event knows
 *   it when @attendee is set, else what was typed. */
GtkWidget       *box_attendee_view_new               (void);
void             box_attendee_view_set_desk          (BoxAttendeeView *self,
                                                      BoxDesk         *desk);
void             box_attendee_view_set_event         (BoxAttendeeView *self,
                                                      const char      *account_id,
                                                      const char      *event_id);
BoxAttendeeList *box_attendee_view_get_list          (BoxAttendeeView *self);
GtkWidget       *box_attendee_view_get_search_entry  (BoxAttendeeView *self);
void             box_attendee_view_focus_search      (BoxAttendeeView *self);
void             box_attendee_view_clear_search      (BoxAttendeeView *self);
void             box_attendee_view_select_code       (BoxAttendeeView *self,
                                                      const char      *code);
BoxAttendee     *box_attendee_view_get_selected      (BoxAttendeeView *self);
void             box_attendee_view_note_key          (BoxAttendeeView *self,
                                                      guint            keycode,
                                                      gboolean         shift);

G_END_DECLS
