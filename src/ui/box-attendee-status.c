/* box-attendee-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "box-attendee-status.h"

/**
 * box_format_clock_time:
 * @unix_time: seconds, or 0 for none
 *
 * Returns: (nullable): the local time as HH:MM, or %NULL for no time
 */
char *
box_format_clock_time (gint64 unix_time)
{
  g_autoptr(GDateTime) when = NULL;

  if (unix_time <= 0)
    return NULL;
  when = g_date_time_new_from_unix_local (unix_time);
  return when ? g_date_time_format (when, "%H:%M") : NULL;
}

/**
 * box_attendee_checked_in_by:
 *
 * Returns: (transfer full) (nullable): the desk or device that checked @attendee in,
 *   where the provider said (TickeTing's admission device)
 */
char *
box_attendee_checked_in_by (BoxAttendee *attendee)
{
  return box_attendee_dup_detail (attendee, "_checked_in_by");
}

/**
 * box_attendee_status_describe:
 * @brief: the list's short words, or the details pane's sentence
 */
void
box_attendee_status_describe (BoxAttendee           *attendee,
                              gboolean               brief,
                              BoxAttendeeStatusText *out)
{
  out->icon_name = NULL;
  out->css_class = NULL;

  if (box_attendee_get_status (attendee) == BOX_ATTENDEE_STATUS_CANCELLED)
    {
      out->text = g_strdup (brief ? C_("ticket status", "Cancelled") : _("Cancelled ticket: may not enter"));
      out->icon_name = "action-unavailable-symbolic";
      out->css_class = "status-refused";
    }
  else if (!box_attendee_get_valid_here (attendee))
    {
      /* Another section's ticket: this desk may not let it in, checked in or not. */
      out->text = g_strdup (brief ? _("Not valid here") : _("Not valid at this entrance"));
      out->icon_name = "action-unavailable-symbolic";
      out->css_class = "status-refused";
    }
  else if (box_attendee_get_checked_in (attendee))
    {
      g_autofree char *time = box_format_clock_time (box_attendee_get_checked_in_at (attendee));
      g_autofree char *by = brief ? NULL : box_attendee_checked_in_by (attendee);

      if (time == NULL)
        out->text = g_strdup (_("Checked in"));
      else if (brief)
        /* TRANSLATORS: the status of an attendee in the list, with the time they came in */
        out->text = g_strdup_printf (_("In at %s"), time);
      else if (by != NULL)
        /* TRANSLATORS: checked in at 18:05 by Gate 1 (a desk or scanning device) */
        out->text = g_strdup_printf (_("Checked in at %s by %s"), time, by);
      else
        out->text = g_strdup_printf (_("Checked in at %s"), time);
      out->icon_name = "emblem-ok-symbolic";
      out->css_class = "status-checked-in";
    }
  else if (box_attendee_get_status (attendee) == BOX_ATTENDEE_STATUS_PENDING)
    {
      out->text = g_strdup (brief ? _("Not paid") : _("Not paid yet"));
      out->icon_name = "dialog-warning-symbolic";
      out->css_class = "status-refused";
    }
  else
    {
      out->text = g_strdup (brief ? _("Expected") : _("Not checked in yet"));
      out->icon_name = brief ? NULL : "radio-symbolic";
    }
}

void
box_attendee_status_clear (BoxAttendeeStatusText *status)
{
  g_clear_pointer (&status->text, g_free);
}
