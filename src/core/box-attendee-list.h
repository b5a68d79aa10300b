/* box-attendee-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BOX_TYPE_ATTENDEE_LIST (box_attendee_list_get_type ())
G_DECLARE_FINAL_TYPE (BoxAttendeeList, box_attendee_list, BOX, ATTENDEE_LIST, GObject)

/* The most matches a non-empty search shows; an empty one shows every attendee. */
#define BOX_ATTENDEE_LIST_SEARCH_LIMIT 500

const char *box_attendee_list_get_account_id (BoxAttendeeList *self);
const char *box_attendee_list_get_event_id   (BoxAttendeeList *self);
const char *box_attendee_list_get_query      (BoxAttendeeList *self);
void        box_attendee_list_set_query      (BoxAttendeeList *self,
                                              const char      *query);
gboolean    box_attendee_list_get_truncated  (BoxAttendeeList *self);
void        box_attendee_list_reload         (BoxAttendeeList *self);
guint       box_attendee_list_find_code      (BoxAttendeeList *self,
                                              const char      *code);

G_END_DECLS
