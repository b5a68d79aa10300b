/* box-ticketing.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-provider.h"

G_BEGIN_DECLS

#define BOX_TICKETING_DEFAULT_BASE_URL "https://api.ticketingevents.com/v3"

#define BOX_TYPE_TICKETING (box_ticketing_get_type ())
G_DECLARE_FINAL_TYPE (BoxTicketing, box_ticketing, BOX, TICKETING, GObject)

BoxProvider *box_ticketing_new (BoxAccount  *account,
                                const char  *secret,
                                GError     **error);

G_END_DECLS
