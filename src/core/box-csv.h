/* box-csv.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *box_csv_format_time (gint64     unix_time);
char *box_csv_attendees   (GPtrArray *attendees,
                           GPtrArray *latest_checkins);

G_END_DECLS
