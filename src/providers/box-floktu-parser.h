/* box-floktu-parser.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "box-types.h"

G_BEGIN_DECLS

/* Pure functions from Floktu's JSON text to models: no I/O, no state, so that tests and
 * fuzzers can call them directly. Each returns NULL and sets a BOX_ERROR_MALFORMED
 * error on text it cannot read. */

/* One entry of GET /events/{id}/orders: the order and who placed it. */
typedef struct
{
  char *id;
  char *email;
  char *first_name;
  char *last_name;
} BoxFloktuOrder;

void        box_floktu_order_free       (BoxFloktuOrder *order);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoxFloktuOrder, box_floktu_order_free)

/* GET /events: element-type BoxEvent (no times: Floktu gives none). */
GPtrArray  *box_floktu_parse_events     (const char            *data,
                                         gssize                 len,
                                         const char            *account_id,
                                         GError               **error);
/* GET /events/{id}/orders: element-type BoxFloktuOrder, in the order sent, each id once. */
GPtrArray  *box_floktu_parse_orders     (const char            *data,
                                         gssize                 len,
                                         GError               **error);
/* GET /events/{id}/orders/{oid}: element-type BoxAttendee, one per attendee of the order
 * (none when the order has no "attendees"). @listed (nullable) is the order as the list
 * gave it: its id and buyer fill what the details leave out. */
GPtrArray  *box_floktu_parse_order      (const char            *data,
                                         gssize                 len,
                                         const BoxFloktuOrder  *listed,
                                         GError               **error);
/* Error bodies: {"code","message"} (Floktu's library), {"error","error_description"}
 * (OAuth), or plain text. */
void        box_floktu_read_error       (guint                  status,
                                         GBytes                *body,
                                         char                 **message,
                                         int                   *retry_after);

/* Helpers, exposed for tests. */
gint64      box_floktu_parse_datetime   (const char            *text);
/* The set of order ids a sync has fetched, written compactly ("1-4000,4005,~A%2C1"):
 * decimal ids as sorted ranges, any other id escaped after a '~'. */
char       *box_floktu_format_id_set    (GHashTable            *ids);
/* Returns: (transfer full) (nullable): the set (id -> id), or NULL when @text is not one. */
GHashTable *box_floktu_parse_id_set     (const char            *text);

G_END_DECLS
