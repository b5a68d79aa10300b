/* box-eventyay-parser.h: the Eventyay / pretixdroid check-in API v3, as plain functions
 * (JSON text -> models or GError), for the provider, the tests and the fuzzers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "box-attendee.h"
#include "box-event.h"
#include "box-event-stats.h"
#include "box-question.h"
#include "box-types.h"

G_BEGIN_DECLS

/* The device setup: the JSON of the configuration QR code, or the
 * pretixdesk://setup?version=3&url=…&key=…&allow_search=True&show_info=True link. */
typedef struct
{
  guint     version;
  char     *url;            /* the API root of one event, ending in '/' */
  char     *key;
  gboolean  allow_search;   /* missing: TRUE */
  gboolean  show_info;      /* missing: TRUE */
} BoxEventyayConfig;

void               box_eventyay_config_free   (BoxEventyayConfig  *config);
/* Rejects versions above 3 ("made for a newer app") and missing url or key. */
BoxEventyayConfig *box_eventyay_parse_config  (const char         *text,
                                               GError            **error);

/* GET status/: the event (name, dates; event.subevent may be a number or a string) and
 * the counts (total, checkins, per item). @stats: (out) (optional) (transfer full). */
BoxEvent          *box_eventyay_parse_status  (GBytes             *body,
                                               const char         *account_id,
                                               const char         *event_id,
                                               BoxEventStats     **stats,
                                               GError            **error);

/* GET download/: every ticket, and the questions asked at check-in. */
typedef struct
{
  GPtrArray *attendees;      /* BoxAttendee */
  GPtrArray *questions;      /* BoxQuestion; NULL when the reply has no "questions" */
} BoxEventyayDownload;

void                 box_eventyay_download_free  (BoxEventyayDownload *download);
BoxEventyayDownload *box_eventyay_parse_download (GBytes              *body,
                                                  const char          *account_id,
                                                  const char          *event_id,
                                                  GError             **error);

/* GET search/: up to 25 tickets. */
GPtrArray          *box_eventyay_parse_search    (GBytes              *body,
                                                  const char          *account_id,
                                                  const char          *event_id,
                                                  GError             **error);

/* POST redeem/. */
typedef struct
{
  BoxCheckinResult  result;     /* ok, already_checked_in, unpaid, unknown, product, questions */
  char             *reason;     /* the server's reason, also unknown future ones */
  char             *message;    /* for people */
  BoxAttendee      *attendee;   /* from "data", or NULL */
  GPtrArray        *questions;  /* BoxQuestion, for "incomplete" */
} BoxEventyayRedeem;

void               box_eventyay_redeem_free   (BoxEventyayRedeem  *redeem);
BoxEventyayRedeem *box_eventyay_parse_redeem  (GBytes             *body,
                                               const char         *account_id,
                                               const char         *event_id,
                                               GError            **error);

/* The plain-text 403/404/405/500 bodies, as BoxHttpErrorReader. */
void               box_eventyay_read_error    (guint               status,
                                               GBytes             *body,
                                               char              **message,
                                               int                *retry_after);

/* An answer as the server wants it for the question's type: B True/False, C an option
 * id, M comma-joined option ids, D yyyy-MM-dd, H HH:mm, W yyyy-MM-ddTHH:mm, N a number,
 * S/T text. @value is what a person typed: "yes", an option's id or its text, "2024-05-01".
 * F (file) cannot be answered here: an error that says so. */
char              *box_eventyay_format_answer (BoxQuestion        *question,
                                               const char         *value,
                                               GError            **error);

/* Helper, exposed for tests: the documentation's Python-style JSON (True, False, None,
 * trailing commas) made valid; NULL when there is nothing to repair. */
char              *box_eventyay_repair_json   (const char         *data,
                                               gsize               len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoxEventyayConfig, box_eventyay_config_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoxEventyayDownload, box_eventyay_download_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoxEventyayRedeem, box_eventyay_redeem_free)

G_END_DECLS
