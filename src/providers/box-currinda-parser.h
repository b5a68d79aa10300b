/* box-currinda-parser.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "box-types.h"

G_BEGIN_DECLS

/* Pure functions from Currinda's (API v0.1) JSON text to models: no I/O, no state, so
 * that tests and fuzzers can call them directly. The parsers return NULL and set a
 * BOX_ERROR_MALFORMED error on text they cannot read. */

/* One delegate's registration for an event (GET /api/event/{id}), as the attendee of
 * that event: code "event-{id}". */
BoxAttendee *box_currinda_parse_registration (const char  *data,
                                              gssize       len,
                                              const char  *event_id,
                                              GError     **error);
/* One person's membership of an organisation (GET /api/organisation/{id}), as the
 * attendee of the event "org-{id}" (its code). @organisation (out, nullable) receives
 * the payload's "Organisation", or NULL. */
BoxAttendee *box_currinda_parse_membership   (const char  *data,
                                              gssize       len,
                                              const char  *organisation_id,
                                              char       **organisation,
                                              GError     **error);
/* Error bodies: {"error":"…","error_description":"…"} or {"message":"…"}. */
void         box_currinda_read_error         (guint        status,
                                              GBytes      *body,
                                              char       **message,
                                              int         *retry_after);

/* The scope of the credentials: "event-42", "org-19" or "event-42,org-19" from the
 * digits of @event and @organisation (either may be NULL, not both). */
char        *box_currinda_make_scope         (const char  *event,
                                              const char  *organisation,
                                              GError     **error);
/* The scopes of a scope text (comma- or space-joined), each "event-N" or "org-N";
 * NULL and an INVALID_INPUT error when one is not. */
char       **box_currinda_split_scope        (const char  *scope,
                                              GError     **error);

/* Helpers, exposed for tests. */
char        *box_currinda_repair_json        (const char  *data,
                                              gsize        len,
                                              gsize       *out_len);
char        *box_currinda_quote_numbers      (const char  *data,
                                              gsize        len,
                                              gsize       *out_len);
gboolean     box_currinda_amount_is_zero     (const char  *amount);
BoxAttendeeStatus box_currinda_membership_status (const char *status);
const char  *box_currinda_membership_status_label (const char *status);
char        *box_currinda_logout_url         (const char  *site,
                                              const char  *return_url);

G_END_DECLS
