/* box-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _BoxAccount     BoxAccount;
typedef struct _BoxAttendee    BoxAttendee;
typedef struct _BoxCheckin     BoxCheckin;
typedef struct _BoxDesk        BoxDesk;
typedef struct _BoxEvent       BoxEvent;
typedef struct _BoxEventStats  BoxEventStats;
typedef struct _BoxHttp        BoxHttp;
typedef struct _BoxProvider    BoxProvider;
typedef struct _BoxQuestion    BoxQuestion;
typedef struct _BoxSecrets     BoxSecrets;
typedef struct _BoxStore       BoxStore;
typedef struct _BoxSyncEngine  BoxSyncEngine;

/**
 * BoxAttendeeStatus:
 *
 * Whether a ticket's order allows entry, as far as the provider says.
 */
typedef enum
{
  BOX_ATTENDEE_STATUS_UNKNOWN = 0,
  BOX_ATTENDEE_STATUS_PAID,
  BOX_ATTENDEE_STATUS_PENDING,
  BOX_ATTENDEE_STATUS_CANCELLED,
} BoxAttendeeStatus;

const char        *box_attendee_status_to_string   (BoxAttendeeStatus status);
BoxAttendeeStatus  box_attendee_status_from_string (const char       *str);

/**
 * BoxCheckinResult:
 *
 * The outcome of a check-in, as the desk reports it (the `result` of CLI.md).
 */
typedef enum
{
  BOX_CHECKIN_RESULT_OK = 0,
  BOX_CHECKIN_RESULT_QUEUED,
  BOX_CHECKIN_RESULT_LOCAL,
  BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN,
  BOX_CHECKIN_RESULT_UNPAID,
  BOX_CHECKIN_RESULT_UNKNOWN,
  BOX_CHECKIN_RESULT_PRODUCT,
  BOX_CHECKIN_RESULT_QUESTIONS,
} BoxCheckinResult;

const char       *box_checkin_result_to_string   (BoxCheckinResult result);
BoxCheckinResult  box_checkin_result_from_string (const char      *str);

/**
 * BoxAccountState:
 */
typedef enum
{
  BOX_ACCOUNT_STATE_OK = 0,
  BOX_ACCOUNT_STATE_OFFLINE,
  BOX_ACCOUNT_STATE_AUTH_NEEDED,
} BoxAccountState;

const char      *box_account_state_to_string   (BoxAccountState state);
BoxAccountState  box_account_state_from_string (const char     *str);

G_END_DECLS
