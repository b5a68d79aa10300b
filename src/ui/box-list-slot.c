/* box-list-slot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "box-list-slot.h"

/* One row of the attendee list on screen: it stays the same object while the search
 * changes whom it shows, so the list view keeps the row's widgets (see
 * BoxSlotModel). */

struct _BoxListSlot
{
  GObject      parent_instance;

  BoxAttendee *attendee;
  GListModel  *source;     /* where to read the attendee when first asked */
  guint        position;
};

G_DEFINE_FINAL_TYPE (BoxListSlot, box_list_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ATTENDEE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
box_list_slot_finalize (GObject *object)
{
  g_clear_object (&BOX_LIST_SLOT (object)->attendee);
  g_clear_object (&BOX_LIST_SLOT (object)->source);
  G_OBJECT_CLASS (box_list_slot_parent_class)->finalize (object);
}

static void
box_list_slot_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ATTENDEE:
      g_value_set_object (value, box_list_slot_get_attendee (BOX_LIST_SLOT (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
box_list_slot_class_init (BoxListSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = box_list_slot_finalize;
  object_class->get_property = box_list_slot_get_property;

  properties[PROP_ATTENDEE] =
    g_param_spec_object ("attendee", NULL, NULL, BOX_TYPE_ATTENDEE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
box_list_slot_init (BoxListSlot *self)
{
}

/**
 * box_list_slot_new:
 * @source: the list of BoxAttendee
 * @position: the row
 *
 * The attendee is read from @source when first asked for: the list view asks for
 * every item when a list grows, but shows only a page of them.
 */
BoxListSlot *
box_list_slot_new (GListModel *source,
                   guint       position)
{
  BoxListSlot *self = g_object_new (BOX_TYPE_LIST_SLOT, NULL);

  self->source = g_object_ref (source);
  self->position = position;
  return self;
}

BoxAttendee *
box_list_slot_get_attendee (BoxListSlot *self)
{
  g_return_val_if_fail (BOX_IS_LIST_SLOT (self), NULL);

  if (self->attendee == NULL && self->source != NULL)
    {
      self->attendee = g_list_model_get_item (self->source, self->position);
      g_clear_object (&self->source);
    }
  return self->attendee;
}

void
box_list_slot_set_attendee (BoxListSlot *self,
                            BoxAttendee *attendee)
{
  g_return_if_fail (BOX_IS_LIST_SLOT (self));

  g_clear_object (&self->source);
  if (g_set_object (&self->attendee, attendee))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENDEE]);
}
