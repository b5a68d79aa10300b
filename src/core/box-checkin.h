/* box-checkin.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-types.h"

G_BEGIN_DECLS

#define BOX_TYPE_CHECKIN (box_checkin_get_type ())
G_DECLARE_FINAL_TYPE (BoxCheckin, box_checkin, BOX, CHECKIN, GObject)


typedef enum
{
  BOX_CHECKIN_ACTION_CHECK_IN = 0,
  BOX_CHECKIN_ACTION_UNDO,
} BoxCheckinAction;

/* Where a check-in is on its way to the provider. */
typedef enum
{
  BOX_CHECKIN_STATE_PENDING = 0,  /* recorded here, not yet sent */
  BOX_CHECKIN_STATE_SENDING,      /* sent, no answer recorded yet */
  BOX_CHECKIN_STATE_CONFIRMED,    /* the provider accepted it */
  BOX_CHECKIN_STATE_REJECTED,     /* the provider refused it (see result) */
  BOX_CHECKIN_STATE_LOCAL,        /* the provider has no check-in API */
} BoxCheckinState;

const char       *box_checkin_state_to_string   (BoxCheckinState state);
BoxCheckinState   box_checkin_state_from_string (const char     *str);

BoxCheckin       *box_checkin_new               (void);
gint64            box_checkin_get_id            (BoxCheckin      *self);
void              box_checkin_set_id            (BoxCheckin      *self,
                                                 gint64           id);
const char       *box_checkin_get_account_id    (BoxCheckin      *self);
void              box_checkin_set_account_id    (BoxCheckin      *self,
                                                 const char      *account_id);
const char       *box_checkin_get_event_id      (BoxCheckin      *self);
void              box_checkin_set_event_id      (BoxCheckin      *self,
                                                 const char      *event_id);
const char       *box_checkin_get_code          (BoxCheckin      *self);
void              box_checkin_set_code          (BoxCheckin      *self,
                                                 const char      *code);
BoxCheckinAction  box_checkin_get_action        (BoxCheckin      *self);
void              box_checkin_set_action        (BoxCheckin      *self,
                                                 BoxCheckinAction action);
/* Unix time in seconds when the person at the desk did it. */
gint64            box_checkin_get_created_at    (BoxCheckin      *self);
void              box_checkin_set_created_at    (BoxCheckin      *self,
                                                 gint64           created_at);
const char       *box_checkin_get_desk          (BoxCheckin      *self);
void              box_checkin_set_desk          (BoxCheckin      *self,
                                                 const char      *desk);
/* A random token that lets a provider (and our own recovery) recognise a retry. */
const char       *box_checkin_get_nonce         (BoxCheckin      *self);
void              box_checkin_set_nonce         (BoxCheckin      *self,
                                                 const char      *nonce);
BoxCheckinState   box_checkin_get_state         (BoxCheckin      *self);
void              box_checkin_set_state         (BoxCheckin      *self,
                                                 BoxCheckinState  state);
BoxCheckinResult  box_checkin_get_result        (BoxCheckin      *self);
void              box_checkin_set_result        (BoxCheckin      *self,
                                                 BoxCheckinResult result);
/* A sentence for the person at the desk. */
const char       *box_checkin_get_message       (BoxCheckin      *self);
void              box_checkin_set_message       (BoxCheckin      *self,
                                                 const char      *message);
guint             box_checkin_get_attempts      (BoxCheckin      *self);
void              box_checkin_set_attempts      (BoxCheckin      *self,
                                                 guint            attempts);
/* The attendee as it stands after the check-in (nullable). */
BoxAttendee      *box_checkin_get_attendee      (BoxCheckin      *self);
void              box_checkin_set_attendee      (BoxCheckin      *self,
                                                 BoxAttendee     *attendee);
/* Questions to answer first (result QUESTIONS); never NULL. */
GPtrArray        *box_checkin_get_questions     (BoxCheckin      *self);
void              box_checkin_set_questions     (BoxCheckin      *self,
                                                 GPtrArray       *questions);

gboolean          box_checkin_get_interactive   (BoxCheckin      *self);
void              box_checkin_set_interactive   (BoxCheckin      *self,
                                                 gboolean         interactive);
GHashTable       *box_checkin_get_answers       (BoxCheckin      *self);
void              box_checkin_set_answers       (BoxCheckin      *self,
                                                 GHashTable      *answers);

G_END_DECLS
