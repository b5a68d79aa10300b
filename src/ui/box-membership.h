/* box-membership.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-attendee.h"

G_BEGIN_DECLS

typedef enum
{
  BOX_MEMBERSHIP_NONE = 0,
  BOX_MEMBERSHIP_MEMBER,        /* a membership of an organisation */
  BOX_MEMBERSHIP_REGISTRATION,  /* a registration for an event */
} BoxMembershipKind;

/* What a Currinda record says about its person, read from the attendee's details (the
 * keys as the Currinda parser writes them): shown in a group of its own by the details
 * pane and on the kiosk's delegate page. */
typedef struct
{
  BoxMembershipKind  kind;
  char              *status;       /* member: "Current", "Expired", ... */
  gboolean           expired;
  char              *expires;
  char              *amount;       /* member: the amount outstanding */
  char              *invoice;
  char              *payment;
  char              *outstanding;  /* registration */
  char              *nametag;      /* registration */
  const char        *style_class;  /* the status's colour: "success", "warning", "error" or NULL */
} BoxMembership;

void      box_membership_read   (BoxAttendee   *attendee,
                                 BoxMembership *out);
void      box_membership_clear  (BoxMembership *membership);
gboolean  box_membership_is_key (const char    *key);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BoxMembership, box_membership_clear)

G_END_DECLS
