/* box-membership.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "box-membership.h"

static gboolean
is_membership_key (const char *key)
{
  return g_str_equal (key, _("Membership status")) || g_str_equal (key, _("Expires")) ||
         g_str_equal (key, _("Membership expired")) || g_str_equal (key, _("Amount outstanding")) ||
         g_str_equal (key, _("Invoice URL")) || g_str_equal (key, _("Payment URL"));
}

static gboolean
is_registration_key (const char *key)
{
  return g_str_equal (key, _("Outstanding")) || g_str_equal (key, _("Name tag"));
}

/* Whether @key of a Currinda record's details is one box_membership_read() takes, so
 * that a list of the other details leaves it out. */
gboolean
box_membership_is_key (const char *key)
{
  g_return_val_if_fail (key != NULL, FALSE);
  return is_membership_key (key) || is_registration_key (key);
}

/**
 * box_membership_read:
 * @out: (out caller-allocates): cleared with box_membership_clear()
 *
 * Reads @attendee's membership, or else its registration; @out's kind is
 * %BOX_MEMBERSHIP_NONE when it has neither.
 */
/* Currinda's status word as the window says it (the same words as the provider's). */
static char *
status_label (const char *status)
{
  static const struct { const char *status; const char *label; } labels[] = {
    { "unapproved", NC_("Currinda membership", "Unapproved") },
    { "pending", NC_("Currinda membership", "Pending") },
    { "outstanding", NC_("Currinda membership", "Outstanding") },
    { "expire", NC_("Currinda membership", "Expired") },
    { "expired", NC_("Currinda membership", "Expired") },
    { "current", NC_("Currinda membership", "Current") },
  };

  for (guint i = 0; status != NULL && i < G_N_ELEMENTS (labels); i++)
    if (g_ascii_strcasecmp (status, labels[i].status) == 0)
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "Currinda membership", labels[i].label));
  return g_strdup (status);
}

/* A detail by the desk's own key ("_expires"), or, for records synced before there
 * was one, by its title in this language. */
static char *
dup_detail (BoxAttendee *attendee,
            const char  *key,
            const char  *title)
{
  char *value = box_attendee_dup_detail (attendee, key);

  return value != NULL ? value : box_attendee_dup_detail (attendee, title);
}

void
box_membership_read (BoxAttendee   *attendee,
                     BoxMembership *out)
{
  g_autofree char *raw_status = NULL;
  g_autofree char *expired = NULL;

  g_return_if_fail (BOX_IS_ATTENDEE (attendee));
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  raw_status = box_attendee_dup_detail (attendee, "_membership_status");
  out->status = raw_status != NULL ? status_label (raw_status)
                                   : box_attendee_dup_detail (attendee, _("Membership status"));
  if (out->status != NULL)
    {
      out->kind = BOX_MEMBERSHIP_MEMBER;
      expired = dup_detail (attendee, "_membership_expired", _("Membership expired"));
      out->expired = expired != NULL ||
                     g_strcmp0 (out->status, C_("Currinda membership", "Expired")) == 0;
      out->expires = dup_detail (attendee, "_expires", _("Expires"));
      out->amount = dup_detail (attendee, "_amount_outstanding", _("Amount outstanding"));
      out->invoice = dup_detail (attendee, "_invoice_url", _("Invoice URL"));
      out->payment = dup_detail (attendee, "_payment_url", _("Payment URL"));
    }
  else
    {
      out->outstanding = dup_detail (attendee, "_outstanding", _("Outstanding"));
      out->nametag = dup_detail (attendee, "_nametag", _("Name tag"));
      if (out->outstanding != NULL || out->nametag != NULL)
        out->kind = BOX_MEMBERSHIP_REGISTRATION;
    }

  /* Coloured by what it means for the person at the desk. */
  if (out->expired)
    out->style_class = "error";
  else if (box_attendee_get_status (attendee) == BOX_ATTENDEE_STATUS_PAID)
    out->style_class = "success";
  else if (box_attendee_get_status (attendee) == BOX_ATTENDEE_STATUS_PENDING)
    out->style_class = "warning";
}

void
box_membership_clear (BoxMembership *membership)
{
  g_clear_pointer (&membership->status, g_free);
  g_clear_pointer (&membership->expires, g_free);
  g_clear_pointer (&membership->amount, g_free);
  g_clear_pointer (&membership->invoice, g_free);
  g_clear_pointer (&membership->payment, g_free);
  g_clear_pointer (&membership->outstanding, g_free);
  g_clear_pointer (&membership->nametag, g_free);
  membership->kind = BOX_MEMBERSHIP_NONE;
  membership->expired = FALSE;
  membership->style_class = NULL;
}
