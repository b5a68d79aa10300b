/* box-attendee.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-attendee"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "box-attendee.h"

struct _BoxAttendee
{
  GObject            parent_instance;

  char              *account_id;
  char              *event_id;
  char              *code;
  char              *name;
  char              *first_name;
  char              *last_name;
  char              *email;
  char              *company;
  char              *ticket_type;
  char              *order_code;
  char              *nametag_html;
  char              *details;

  /* "first_name last_name", built lazily when name is unset */
  char              *joined_name;

  gint64             checked_in_at;
  gint64             updated_at;
  guint              quantity;
  BoxAttendeeStatus  status;
  guint              checked_in : 1;
  guint              attention : 1;
  guint              not_here : 1;
};

G_DEFINE_FINAL_TYPE (BoxAttendee, box_attendee, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_EVENT_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_EMAIL,
  PROP_COMPANY,
  PROP_TICKET_TYPE,
  PROP_ORDER_CODE,
  PROP_STATUS,
  PROP_CHECKED_IN,
  PROP_CHECKED_IN_AT,
  PROP_QUANTITY,
  PROP_ATTENTION,
  PROP_VALID_HERE,
  PROP_NAMETAG_HTML,
  PROP_DETAILS,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_empty (const char *str)
{
  return str == NULL || str[0] == '\0';
}

static void
box_attendee_finalize (GObject *object)
{
  BoxAttendee *self = (BoxAttendee *)object;

  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->ticket_type, g_free);
  g_clear_pointer (&self->order_code, g_free);
  g_clear_pointer (&self->nametag_html, g_free);
  g_clear_pointer (&self->details, g_free);
  g_clear_pointer (&self->joined_name, g_free);

  G_OBJECT_CLASS (box_attendee_parent_class)->finalize (object);
}

static void
box_attendee_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BoxAttendee *self = BOX_ATTENDEE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, box_attendee_get_account_id (self));
      break;

    case PROP_EVENT_ID:
      g_value_set_string (value, box_attendee_get_event_id (self));
      break;

    case PROP_CODE:
      g_value_set_string (value, box_attendee_get_code (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, box_attendee_get_name (self));
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, box_attendee_get_first_name (self));
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, box_attendee_get_last_name (self));
      break;

    case PROP_EMAIL:
      g_value_set_string (value, box_attendee_get_email (self));
      break;

    case PROP_COMPANY:
      g_value_set_string (value, box_attendee_get_company (self));
      break;

    case PROP_TICKET_TYPE:
      g_value_set_string (value, box_attendee_get_ticket_type (self));
      break;

    case PROP_ORDER_CODE:
      g_value_set_string (value, box_attendee_get_order_code (self));
      break;

    case PROP_STATUS:
      g_value_set_int (value, box_attendee_get_status (self));
      break;

    case PROP_CHECKED_IN:
      g_value_set_boolean (value, box_attendee_get_checked_in (self));
      break;

    case PROP_CHECKED_IN_AT:
      g_value_set_int64 (value, box_attendee_get_checked_in_at (self));
      break;

    case PROP_QUANTITY:
      g_value_set_uint (value, box_attendee_get_quantity (self));
      break;

    case PROP_ATTENTION:
      g_value_set_boolean (value, box_attendee_get_attention (self));
      break;

    case PROP_VALID_HERE:
      g_value_set_boolean (value, box_attendee_get_valid_here (self));
      break;

    case PROP_NAMETAG_HTML:
      g_value_set_string (value, box_attendee_get_nametag_html (self));
      break;

    case PROP_DETAILS:
      g_value_set_string (value, box_attendee_get_details (self));
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, box_attendee_get_updated_at (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_attendee_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BoxAttendee *self = BOX_ATTENDEE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:
      box_attendee_set_account_id (self, g_value_get_string (value));
      break;

    case PROP_EVENT_ID:
      box_attendee_set_event_id (self, g_value_get_string (value));
      break;

    case PROP_CODE:
      box_attendee_set_code (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      box_attendee_set_name (self, g_value_get_string (value));
      break;

    case PROP_FIRST_NAME:
      box_attendee_set_first_name (self, g_value_get_string (value));
      break;

    case PROP_LAST_NAME:
      box_attendee_set_last_name (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      box_attendee_set_email (self, g_value_get_string (value));
      break;

    case PROP_COMPANY:
      box_attendee_set_company (self, g_value_get_string (value));
      break;

    case PROP_TICKET_TYPE:
      box_attendee_set_ticket_type (self, g_value_get_string (value));
      break;

    case PROP_ORDER_CODE:
      box_attendee_set_order_code (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      box_attendee_set_status (self, g_value_get_int (value));
      break;

    case PROP_CHECKED_IN:
      box_attendee_set_checked_in (self, g_value_get_boolean (value));
      break;

    case PROP_CHECKED_IN_AT:
      box_attendee_set_checked_in_at (self, g_value_get_int64 (value));
      break;

    case PROP_QUANTITY:
      box_attendee_set_quantity (self, g_value_get_uint (value));
      break;

    case PROP_ATTENTION:
      box_attendee_set_attention (self, g_value_get_boolean (value));
      break;

    case PROP_VALID_HERE:
      box_attendee_set_valid_here (self, g_value_get_boolean (value));
      break;

    case PROP_NAMETAG_HTML:
      box_attendee_set_nametag_html (self, g_value_get_string (value));
      break;

    case PROP_DETAILS:
      box_attendee_set_details (self, g_value_get_string (value));
      break;

    case PROP_UPDATED_AT:
      box_attendee_set_updated_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_attendee_class_init (BoxAttendeeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = box_attendee_finalize;
  object_class->get_property = box_attendee_get_property;
  object_class->set_property = box_attendee_set_property;

  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_EVENT_ID] =
    g_param_spec_string ("event-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_TICKET_TYPE] =
    g_param_spec_string ("ticket-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ORDER_CODE] =
    g_param_spec_string ("order-code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      BOX_ATTENDEE_STATUS_UNKNOWN,
                      BOX_ATTENDEE_STATUS_CANCELLED,
                      BOX_ATTENDEE_STATUS_UNKNOWN,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  properties[PROP_CHECKED_IN] =
    g_param_spec_boolean ("checked-in", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_CHECKED_IN_AT] =
    g_param_spec_int64 ("checked-in-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_QUANTITY] =
    g_param_spec_uint ("quantity", NULL, NULL,
                       0, G_MAXUINT, 1,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_ATTENTION] =
    g_param_spec_boolean ("attention", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /* FALSE for a ticket this desk may not admit (another section or entrance). */
  properties[PROP_VALID_HERE] =
    g_param_spec_boolean ("valid-here", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_NAMETAG_HTML] =
    g_param_spec_string ("nametag-html", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
box_attendee_init (BoxAttendee *self)
{
  self->quantity = 1;
}

BoxAttendee *
box_attendee_new (void)
{
  return g_object_new (BOX_TYPE_ATTENDEE, NULL);
}

/* The joined name depends on first_name and last_name only while name is
 * empty; when either part changes, forget it and tell "name" listeners. */
static void
box_attendee_name_part_changed (BoxAttendee *self)
{
  g_clear_pointer (&self->joined_name, g_free);

  if (is_empty (self->name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
box_attendee_get_account_id (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), NULL);

  return self->account_id;
}

void
box_attendee_set_account_id (BoxAttendee *self,
                             const char  *account_id)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (g_strcmp0 (self->account_id, account_id) == 0)
    return;

  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_ID]);
}

const char *
box_attendee_get_event_id (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), NULL);

  return self->event_id;
}

void
box_attendee_set_event_id (BoxAttendee *self,
                           const char  *event_id)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (g_strcmp0 (self->event_id, event_id) == 0)
    return;

  g_free (self->event_id);
  self->event_id = g_strdup (event_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
}

const char *
box_attendee_get_code (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), NULL);

  return self->code;
}

void
box_attendee_set_code (BoxAttendee *self,
                       const char  *code)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (g_strcmp0 (self->code, code) == 0)
    return;

  g_free (self->code);
  self->code = g_strdup (code);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

const char *
box_attendee_get_name (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), NULL);

  if (!is_empty (self->name))
    return self->name;

  if (self->first_name == NULL && self->last_name == NULL)
    return self->name;

  if (self->joined_name == NULL)
    {
      g_autofree char *first = g_strdup (self->first_name != NULL ? self->first_name : "");
      g_autofree char *last = g_strdup (self->last_name != NULL ? self->last_name : "");

      g_strstrip (first);
      g_strstrip (last);

      if (first[0] != '\0' && last[0] != '\0')
        self->joined_name = g_strconcat (first, " ", last, NULL);
      else
        self->joined_name = g_strconcat (first, last, NULL);
    }

  return self->joined_name;
}

void
box_attendee_set_name (BoxAttendee *self,
                       const char  *name)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_clear_pointer (&self->joined_name, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
box_attendee_get_first_name (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), NULL);

  return self->first_name;
}

void
box_attendee_set_first_name (BoxAttendee *self,
                             const char  *first_name)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (g_strcmp0 (self->first_name, first_name) == 0)
    return;

  g_free (self->first_name);
  self->first_name = g_strdup (first_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_NAME]);
  box_attendee_name_part_changed (self);
}

const char *
box_attendee_get_last_name (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), NULL);

  return self->last_name;
}

void
box_attendee_set_last_name (BoxAttendee *self,
                            const char  *last_name)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (g_strcmp0 (self->last_name, last_name) == 0)
    return;

  g_free (self->last_name);
  self->last_name = g_strdup (last_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_NAME]);
  box_attendee_name_part_changed (self);
}

const char *
box_attendee_get_email (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), NULL);

  return self->email;
}

void
box_attendee_set_email (BoxAttendee *self,
                        const char  *email)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (g_strcmp0 (self->email, email) == 0)
    return;

  g_free (self->email);
  self->email = g_strdup (email);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

const char *
box_attendee_get_company (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), NULL);

  return self->company;
}

void
box_attendee_set_company (BoxAttendee *self,
                          const char  *company)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (g_strcmp0 (self->company, company) == 0)
    return;

  g_free (self->company);
  self->company = g_strdup (company);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPANY]);
}

const char *
box_attendee_get_ticket_type (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), NULL);

  return self->ticket_type;
}

void
box_attendee_set_ticket_type (BoxAttendee *self,
                              const char  *ticket_type)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (g_strcmp0 (self->ticket_type, ticket_type) == 0)
    return;

  g_free (self->ticket_type);
  self->ticket_type = g_strdup (ticket_type);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET_TYPE]);
}

const char *
box_attendee_get_order_code (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), NULL);

  return self->order_code;
}

void
box_attendee_set_order_code (BoxAttendee *self,
                             const char  *order_code)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (g_strcmp0 (self->order_code, order_code) == 0)
    return;

  g_free (self->order_code);
  self->order_code = g_strdup (order_code);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER_CODE]);
}

BoxAttendeeStatus
box_attendee_get_status (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), BOX_ATTENDEE_STATUS_UNKNOWN);

  return self->status;
}

void
box_attendee_set_status (BoxAttendee       *self,
                         BoxAttendeeStatus  status)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

gboolean
box_attendee_get_checked_in (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), FALSE);

  return self->checked_in;
}

void
box_attendee_set_checked_in (BoxAttendee *self,
                             gboolean     checked_in)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  checked_in = !!checked_in;

  if (self->checked_in == checked_in)
    return;

  self->checked_in = checked_in;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED_IN]);
}

gint64
box_attendee_get_checked_in_at (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), 0);

  return self->checked_in_at;
}

void
box_attendee_set_checked_in_at (BoxAttendee *self,
                                gint64       checked_in_at)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (self->checked_in_at == checked_in_at)
    return;

  self->checked_in_at = checked_in_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED_IN_AT]);
}

guint
box_attendee_get_quantity (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), 1);

  return MAX (self->quantity, 1);
}

void
box_attendee_set_quantity (BoxAttendee *self,
                           guint        quantity)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  quantity = MAX (quantity, 1);

  if (self->quantity == quantity)
    return;

  self->quantity = quantity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUANTITY]);
}

gboolean
box_attendee_get_attention (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), FALSE);

  return self->attention;
}

void
box_attendee_set_attention (BoxAttendee *self,
                            gboolean     attention)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  attention = !!attention;

  if (self->attention == attention)
    return;

  self->attention = attention;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENTION]);
}

gboolean
box_attendee_get_valid_here (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), TRUE);

  return !self->not_here;
}

void
box_attendee_set_valid_here (BoxAttendee *self,
                             gboolean     valid_here)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (!self->not_here == !!valid_here)
    return;

  self->not_here = !valid_here;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID_HERE]);
}

const char *
box_attendee_get_nametag_html (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), NULL);

  return self->nametag_html;
}

void
box_attendee_set_nametag_html (BoxAttendee *self,
                               const char  *nametag_html)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (g_strcmp0 (self->nametag_html, nametag_html) == 0)
    return;

  g_free (self->nametag_html);
  self->nametag_html = g_strdup (nametag_html);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAMETAG_HTML]);
}

const char *
box_attendee_get_details (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), NULL);

  if (is_empty (self->details))
    return "{}";

  return self->details;
}

void
box_attendee_set_details (BoxAttendee *self,
                          const char  *details)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (g_strcmp0 (self->details, details) == 0)
    return;

  g_free (self->details);
  self->details = g_strdup (details);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
}

/**
 * box_attendee_dup_detail:
 * @key: a member of the details ("_checked_in_by", "_item_id", ...)
 *
 * Returns: (transfer full) (nullable): the member as text (a string, or an integer
 *   written out), or %NULL when it is missing, empty or something else
 */
char *
box_attendee_dup_detail (BoxAttendee *self,
                         const char  *key)
{
  g_autoptr(JsonNode) details = NULL;
  JsonNode *member;

  g_return_val_if_fail (BOX_IS_ATTENDEE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->details == NULL || strstr (self->details, key) == NULL)
    return NULL;
  details = json_from_string (self->details, NULL);
  if (details == NULL || !JSON_NODE_HOLDS_OBJECT (details))
    return NULL;
  member = json_object_get_member (json_node_get_object (details), key);
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member))
    return NULL;
  switch (json_node_get_value_type (member))
    {
    case G_TYPE_STRING:
      return *json_node_get_string (member) != '\0' ? g_strdup (json_node_get_string (member)) : NULL;
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (member));
    default:
      return NULL;
    }
}

gint64
box_attendee_get_updated_at (BoxAttendee *self)
{
  g_return_val_if_fail (BOX_IS_ATTENDEE (self), 0);

  return self->updated_at;
}

void
box_attendee_set_updated_at (BoxAttendee *self,
                             gint64       updated_at)
{
  g_return_if_fail (BOX_IS_ATTENDEE (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}
