/* box-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-types"

#include "config.h"

#include "box-types.h"

static const char * const attendee_status_names[] = {
  [BOX_ATTENDEE_STATUS_UNKNOWN]   = "unknown",
  [BOX_ATTENDEE_STATUS_PAID]      = "paid",
  [BOX_ATTENDEE_STATUS_PENDING]   = "pending",
  [BOX_ATTENDEE_STATUS_CANCELLED] = "cancelled",
};

static const char * const checkin_result_names[] = {
  [BOX_CHECKIN_RESULT_OK]                 = "ok",
  [BOX_CHECKIN_RESULT_QUEUED]             = "queued",
  [BOX_CHECKIN_RESULT_LOCAL]              = "local",
  [BOX_CHECKIN_RESULT_ALREADY_CHECKED_IN] = "already_checked_in",
  [BOX_CHECKIN_RESULT_UNPAID]             = "unpaid",
  [BOX_CHECKIN_RESULT_UNKNOWN]            = "unknown",
  [BOX_CHECKIN_RESULT_PRODUCT]            = "product",
  [BOX_CHECKIN_RESULT_QUESTIONS]          = "questions",
};

static const char * const account_state_names[] = {
  [BOX_ACCOUNT_STATE_OK]          = "ok",
  [BOX_ACCOUNT_STATE_OFFLINE]     = "offline",
  [BOX_ACCOUNT_STATE_AUTH_NEEDED] = "auth-needed",
};

static int
lookup_name (const char * const *names,
             guint               n_names,
             const char         *str)
{
  if (str == NULL)
    return 0;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_str_equal (names[i], str))
        return (int) i;
    }

  return 0;
}

const char *
box_attendee_status_to_string (BoxAttendeeStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (attendee_status_names),
                        attendee_status_names[0]);

  return attendee_status_names[status];
}

BoxAttendeeStatus
box_attendee_status_from_string (const char *str)
{
  return lookup_name (attendee_status_names,
                      G_N_ELEMENTS (attendee_status_names),
                      str);
}

const char *
box_checkin_result_to_string (BoxCheckinResult result)
{
  g_return_val_if_fail ((guint) result < G_N_ELEMENTS (checkin_result_names),
                        checkin_result_names[0]);

  return checkin_result_names[result];
}

BoxCheckinResult
box_checkin_result_from_string (const char *str)
{
  return lookup_name (checkin_result_names,
                      G_N_ELEMENTS (checkin_result_names),
                      str);
}

const char *
box_account_state_to_string (BoxAccountState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (account_state_names),
                        account_state_names[0]);

  return account_state_names[state];
}

BoxAccountState
box_account_state_from_string (const char *str)
{
  return lookup_name (account_state_names,
                      G_N_ELEMENTS (account_state_names),
                      str);
}
