/* box-cli-output.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "box-types.h"

G_BEGIN_DECLS

/* JSON shapes of the command-line contract (CLI.md). */
void   box_cli_add_attendee     (JsonBuilder   *builder,
                                 BoxAttendee   *attendee);
void   box_cli_add_event        (JsonBuilder   *builder,
                                 BoxEvent      *event);
void   box_cli_add_account      (JsonBuilder   *builder,
                                 BoxAccount    *account);
void   box_cli_add_checkin      (JsonBuilder   *builder,
                                 BoxCheckin    *checkin);
void   box_cli_add_queue_item   (JsonBuilder   *builder,
                                 BoxCheckin    *checkin);
void   box_cli_add_stats        (JsonBuilder   *builder,
                                 BoxEventStats *stats);
void   box_cli_print_json       (JsonBuilder   *builder);

char  *box_cli_format_time      (gint64         unix_time);

G_END_DECLS
