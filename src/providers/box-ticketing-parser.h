/* box-ticketing-parser.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "box-types.h"

G_BEGIN_DECLS

/* Pure functions from TickeTing's JSON text to models: no I/O, no state, so that tests
 * and fuzzers can call them directly. Each returns NULL (or FALSE) and sets a
 * BOX_ERROR_MALFORMED error on text it cannot read. */

/* The key of a new session (POST /sessions, GET /sessions/active). */
typedef struct
{
  char *key;
  char *account_number;   /* "AZ-4918SF92", or NULL */
  char *display_name;     /* "Dora Staff", the username, or NULL */
} BoxTicketingSession;

void                 box_ticketing_session_free  (BoxTicketingSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoxTicketingSession, box_ticketing_session_free)

/* An admission token (GET /tokens/{code}): its key admits to some sections of one event. */
typedef struct
{
  char  *code;            /* set by the caller: the parser does not see it */
  char  *key;
  char  *event_id;        /* "16993964783416" */
  char **sections;        /* section ids ("17001"); empty: every section */
} BoxTicketingToken;

void                 box_ticketing_token_free    (BoxTicketingToken *token);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoxTicketingToken, box_ticketing_token_free)

/* One admission (POST and GET /events/{e}/admissions). */
typedef struct
{
  char   *serial;
  char   *device;
  char   *redeemer;
  char   *section_id;
  gint64  admitted;       /* Unix time, 0 when not given */
  BoxAttendee *attendee;  /* the ticket as the admission describes it (patron, section) */
} BoxTicketingAdmission;

void                 box_ticketing_admission_free (BoxTicketingAdmission *admission);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoxTicketingAdmission, box_ticketing_admission_free)

/* Every collection comes as {"total","page","records","entries"}; @total (out,
 * nullable) receives "total" (0 when absent). */

BoxTicketingSession *box_ticketing_parse_session  (const char  *data,
                                                   gssize       len,
                                                   GError     **error);
BoxTicketingToken   *box_ticketing_parse_token    (const char  *data,
                                                   gssize       len,
                                                   GError     **error);
/* Host ids ("1700000000001"), element-type utf8. */
GPtrArray           *box_ticketing_parse_hosts    (const char  *data,
                                                   gssize       len,
                                                   guint       *total,
                                                   GError     **error);
/* Element-type BoxEvent. */
GPtrArray           *box_ticketing_parse_events   (const char  *data,
                                                   gssize       len,
                                                   const char  *account_id,
                                                   guint       *total,
                                                   GError     **error);
/* One event (GET /events/{e}); @sections (out, nullable) receives section id -> name. */
BoxEvent            *box_ticketing_parse_event    (const char  *data,
                                                   gssize       len,
                                                   const char  *account_id,
                                                   GHashTable **sections,
                                                   GError     **error);
/* Element-type BoxAttendee. @admit_sections: (nullable): the section ids this desk may
 * admit; tickets of other sections come back not valid here. NULL: every section. */
GPtrArray           *box_ticketing_parse_tickets  (const char  *data,
                                                   gssize       len,
                                                   const char * const *admit_sections,
                                                   guint       *total,
                                                   GError     **error);
/* Element-type BoxTicketingAdmission: a page of GET, or the bare array POST answers. */
GPtrArray           *box_ticketing_parse_admissions (const char *data,
                                                     gssize      len,
                                                     guint      *total,
                                                     GError    **error);
/* The event's statistics as BoxEventStats figures (the schema is not published: the
 * usual names are read, whatever is missing is left out). */
BoxEventStats       *box_ticketing_parse_statistics (const char *data,
                                                     gssize      len,
                                                     GError    **error);
/* Error bodies carry "error" (business errors) or "message" (authentication). */
void                 box_ticketing_read_error     (guint        status,
                                                   GBytes      *body,
                                                   char       **message,
                                                   int         *retry_after);

/* Helpers, exposed for tests. */
char                *box_ticketing_id_from_uri    (const char  *uri);
gint64               box_ticketing_parse_datetime (const char  *text);
char                *box_ticketing_format_datetime (gint64      unix_time);

G_END_DECLS
