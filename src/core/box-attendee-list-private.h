/* box-attendee-list-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-attendee-list.h"
#include "box-desk.h"
#include "box-store.h"

G_BEGIN_DECLS

BoxAttendeeList *box_attendee_list_new (BoxDesk    *desk,
                                        BoxStore   *store,
                                        const char *account_id,
                                        const char *event_id);

G_END_DECLS
