/* box-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "box-event"

#include "config.h"

#include "box-event.h"

struct _BoxEvent
{
  GObject  parent_instance;

  char    *account_id;
  char    *id;
  char    *name;
  gint64   starts_at;
  gint64   ends_at;
  guint    attendee_count;
  guint    checked_in_count;
};

G_DEFINE_FINAL_TYPE (BoxEvent, box_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_ID,
  PROP_NAME,
  PROP_STARTS_AT,
  PROP_ENDS_AT,
  PROP_ATTENDEE_COUNT,
  PROP_CHECKED_IN_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
box_event_finalize (GObject *object)
{
  BoxEvent *self = (BoxEvent *)object;

  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (box_event_parent_class)->finalize (object);
}

static void
box_event_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BoxEvent *self = BOX_EVENT (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, box_event_get_account_id (self));
      break;

    case PROP_ID:
      g_value_set_string (value, box_event_get_id (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, box_event_get_name (self));
      break;

    case PROP_STARTS_AT:
      g_value_set_int64 (value, box_event_get_starts_at (self));
      break;

    case PROP_ENDS_AT:
      g_value_set_int64 (value, box_event_get_ends_at (self));
      break;

    case PROP_ATTENDEE_COUNT:
      g_value_set_uint (value, box_event_get_attendee_count (self));
      break;

    case PROP_CHECKED_IN_COUNT:
      g_value_set_uint (value, box_event_get_checked_in_count (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_event_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BoxEvent *self = BOX_EVENT (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:
      self->account_id = g_value_dup_string (value);
      break;

    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      box_event_set_name (self, g_value_get_string (value));
      break;

    case PROP_STARTS_AT:
      box_event_set_starts_at (self, g_value_get_int64 (value));
      break;

    case PROP_ENDS_AT:
      box_event_set_ends_at (self, g_value_get_int64 (value));
      break;

    case PROP_ATTENDEE_COUNT:
      box_event_set_attendee_count (self, g_value_get_uint (value));
      break;

    case PROP_CHECKED_IN_COUNT:
      box_event_set_checked_in_count (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_event_class_init (BoxEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = box_event_finalize;
  object_class->get_property = box_event_get_property;
  object_class->set_property = box_event_set_property;

  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_STARTS_AT] =
    g_param_spec_int64 ("starts-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_ENDS_AT] =
    g_param_spec_int64 ("ends-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_ATTENDEE_COUNT] =
    g_param_spec_uint ("attendee-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_CHECKED_IN_COUNT] =
    g_param_spec_uint ("checked-in-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
box_event_init (BoxEvent *self)
{
}

BoxEvent *
box_event_new (const char *account_id,
               const char *id,
               const char *name)
{
  return g_object_new (BOX_TYPE_EVENT,
                       "account-id", account_id,
                       "id", id,
                       "name", name,
                       NULL);
}

const char *
box_event_get_account_id (BoxEvent *self)
{
  g_return_val_if_fail (BOX_IS_EVENT (self), NULL);

  return self->account_id;
}

const char *
box_event_get_id (BoxEvent *self)
{
  g_return_val_if_fail (BOX_IS_EVENT (self), NULL);

  return self->id;
}

const char *
box_event_get_name (BoxEvent *self)
{
  g_return_val_if_fail (BOX_IS_EVENT (self), NULL);

  return self->name;
}

void
box_event_set_name (BoxEvent   *self,
                    const char *name)
{
  g_return_if_fail (BOX_IS_EVENT (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gint64
box_event_get_starts_at (BoxEvent *self)
{
  g_return_val_if_fail (BOX_IS_EVENT (self), 0);

  return self->starts_at;
}

void
box_event_set_starts_at (BoxEvent *self,
                         gint64    starts_at)
{
  g_return_if_fail (BOX_IS_EVENT (self));

  if (self->starts_at == starts_at)
    return;

  self->starts_at = starts_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTS_AT]);
}

gint64
box_event_get_ends_at (BoxEvent *self)
{
  g_return_val_if_fail (BOX_IS_EVENT (self), 0);

  return self->ends_at;
}

void
box_event_set_ends_at (BoxEvent *self,
                       gint64    ends_at)
{
  g_return_if_fail (BOX_IS_EVENT (self));

  if (self->ends_at == ends_at)
    return;

  self->ends_at = ends_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDS_AT]);
}

guint
box_event_get_attendee_count (BoxEvent *self)
{
  g_return_val_if_fail (BOX_IS_EVENT (self), 0);

  return self->attendee_count;
}

void
box_event_set_attendee_count (BoxEvent *self,
                              guint     count)
{
  g_return_if_fail (BOX_IS_EVENT (self));

  if (self->attendee_count == count)
    return;

  self->attendee_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENDEE_COUNT]);
}

guint
box_event_get_checked_in_count (BoxEvent *self)
{
  g_return_val_if_fail (BOX_IS_EVENT (self), 0);

  return self->checked_in_count;
}

void
box_event_set_checked_in_count (BoxEvent *self,
                                guint     count)
{
  g_return_if_fail (BOX_IS_EVENT (self));

  if (self->checked_in_count == count)
    return;

  self->checked_in_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED_IN_COUNT]);
}
