/* box-fienta-parser.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "box-types.h"

G_BEGIN_DECLS

/* Pure functions from Fienta's JSON text to models: no I/O, no state, so that tests
 * and fuzzers can call them directly. Each returns NULL and sets a BOX_ERROR_MALFORMED
 * error on text it cannot read. Naive date-times ("2018-05-04 15:20:23") are in the
 * server's time zone, which every reply gives in its `time` object; @tz_offset (out,
 * nullable) receives that offset in seconds. */

char        *box_fienta_parse_auth       (const char  *data,
                                          gssize       len,
                                          GError     **error);
GPtrArray   *box_fienta_parse_organizers (const char  *data,
                                          gssize       len,
                                          GError     **error);
GPtrArray   *box_fienta_parse_events     (const char  *data,
                                          gssize       len,
                                          const char  *account_id,
                                          GError     **error);
GPtrArray   *box_fienta_parse_tickets    (const char  *data,
                                          gssize       len,
                                          gint64      *server_time,
                                          int         *tz_offset,
                                          GError     **error);
BoxAttendee *box_fienta_parse_ticket     (const char  *data,
                                          gssize       len,
                                          int         *tz_offset,
                                          GError     **error);
void         box_fienta_read_error       (guint        status,
                                          GBytes      *body,
                                          char       **message,
                                          int         *retry_after);

/* Helpers, exposed for tests. */
gint64       box_fienta_parse_datetime   (const char  *text,
                                          int          tz_offset);
char        *box_fienta_format_datetime  (gint64       unix_time,
                                          int          tz_offset);
GPtrArray   *box_fienta_html_texts       (const char  *html,
                                          const char  *tag);

G_END_DECLS
