/* box-attendee.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-types.h"

G_BEGIN_DECLS

#define BOX_TYPE_ATTENDEE (box_attendee_get_type ())
G_DECLARE_FINAL_TYPE (BoxAttendee, box_attendee, BOX, ATTENDEE, GObject)


BoxAttendee       *box_attendee_new               (void);

/* Where it belongs; set by the store and the desk, not by parsers. */
const char        *box_attendee_get_account_id    (BoxAttendee       *self);
void               box_attendee_set_account_id    (BoxAttendee       *self,
                                                   const char        *account_id);
const char        *box_attendee_get_event_id      (BoxAttendee       *self);
void               box_attendee_set_event_id      (BoxAttendee       *self,
                                                   const char        *event_id);

/* What the provider checks in with: ticket code, secret, serial or attendee id. */
const char        *box_attendee_get_code          (BoxAttendee       *self);
void               box_attendee_set_code          (BoxAttendee       *self,
                                                   const char        *code);
/* The full name; when unset, "first_name last_name". */
const char        *box_attendee_get_name          (BoxAttendee       *self);
void               box_attendee_set_name          (BoxAttendee       *self,
                                                   const char        *name);
const char        *box_attendee_get_first_name    (BoxAttendee       *self);
void               box_attendee_set_first_name    (BoxAttendee       *self,
                                                   const char        *first_name);
const char        *box_attendee_get_last_name     (BoxAttendee       *self);
void               box_attendee_set_last_name     (BoxAttendee       *self,
                                                   const char        *last_name);
const char        *box_attendee_get_email         (BoxAttendee       *self);
void               box_attendee_set_email         (BoxAttendee       *self,
                                                   const char        *email);
const char        *box_attendee_get_company       (BoxAttendee       *self);
void               box_attendee_set_company       (BoxAttendee       *self,
                                                   const char        *company);
const char        *box_attendee_get_ticket_type   (BoxAttendee       *self);
void               box_attendee_set_ticket_type   (BoxAttendee       *self,
                                                   const char        *ticket_type);
const char        *box_attendee_get_order_code    (BoxAttendee       *self);
void               box_attendee_set_order_code    (BoxAttendee       *self,
                                                   const char        *order_code);
BoxAttendeeStatus  box_attendee_get_status        (BoxAttendee       *self);
void               box_attendee_set_status        (BoxAttendee       *self,
                                                   BoxAttendeeStatus  status);
gboolean           box_attendee_get_checked_in    (BoxAttendee       *self);
void               box_attendee_set_checked_in    (BoxAttendee       *self,
                                                   gboolean           checked_in);
/* Unix time in seconds; 0 when not checked in or not known. */
gint64             box_attendee_get_checked_in_at (BoxAttendee       *self);
void               box_attendee_set_checked_in_at (BoxAttendee       *self,
                                                   gint64             checked_in_at);
/* How many people the ticket admits (Fienta qty); at least 1. */
guint              box_attendee_get_quantity      (BoxAttendee       *self);
void               box_attendee_set_quantity      (BoxAttendee       *self,
                                                   guint              quantity);
gboolean           box_attendee_get_attention     (BoxAttendee       *self);
void               box_attendee_set_attention     (BoxAttendee       *self,
                                                   gboolean           attention);
/* The provider-rendered name tag (Fienta nametag_html), untrusted HTML. */
gboolean           box_attendee_get_valid_here    (BoxAttendee       *self);
void               box_attendee_set_valid_here    (BoxAttendee       *self,
                                                   gboolean           valid_here);
const char        *box_attendee_get_nametag_html  (BoxAttendee       *self);
void               box_attendee_set_nametag_html  (BoxAttendee       *self,
                                                   const char        *nametag_html);
/* Every other field the provider gives (answers, add-ons, custom form fields),
 * as a flat JSON object text of string values ("{}" when none). */
const char        *box_attendee_get_details       (BoxAttendee       *self);
void               box_attendee_set_details       (BoxAttendee       *self,
                                                   const char        *details);
char              *box_attendee_dup_detail        (BoxAttendee       *self,
                                                   const char        *key);
/* Unix time of the provider's last change to the ticket; 0 when unknown. */
gint64             box_attendee_get_updated_at    (BoxAttendee       *self);
void               box_attendee_set_updated_at    (BoxAttendee       *self,
                                                   gint64             updated_at);

G_END_DECLS
