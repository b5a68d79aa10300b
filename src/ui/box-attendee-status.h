/* box-attendee-status.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-attendee.h"

G_BEGIN_DECLS

/* How an attendee's state reads in the window: words, an icon and a style class, so
 * it never rests on colour alone. */
typedef struct
{
  char       *text;        /* e.g. "In at 09:14" / "Checked in at 09:14" */
  const char *icon_name;   /* nullable */
  const char *css_class;   /* nullable: status-checked-in, status-refused */
} BoxAttendeeStatusText;

void  box_attendee_status_describe (BoxAttendee           *attendee,
                                    gboolean               brief,
                                    BoxAttendeeStatusText *out);
void  box_attendee_status_clear    (BoxAttendeeStatusText *status);
char *box_format_clock_time        (gint64                 unix_time);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BoxAttendeeStatusText, box_attendee_status_clear)

char *box_attendee_checked_in_by (BoxAttendee *attendee);

G_END_DECLS
