/* box-slot-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "box-list-slot.h"
#include "box-slot-model.h"

/* The attendee list as the list view sees it: item N is always the same BoxListSlot,
 * showing whoever is at position N now. A new search changes the slots' attendees in
 * place, so GTK 4.8's list view, which keeps a row's widgets only for the very same
 * item, rebinds a page of rows instead of building it anew (about 50 ms a keystroke
 * with 30 rows of 5 columns here). GTK 4.8 also asks for every item when a list
 * grows (100,000 for an emptied search): a slot reads its attendee only when a row
 * shows it, and the slots GTK let go of are dropped after each change. */

struct _BoxSlotModel
{
  GObject     parent_instance;

  GListModel *model;
  GPtrArray  *slots;   /* BoxListSlot or NULL, one per item of @model */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BoxSlotModel, box_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
box_slot_model_get_item_type (GListModel *model)
{
  return BOX_TYPE_LIST_SLOT;
}

static guint
box_slot_model_get_n_items (GListModel *model)
{
  return BOX_SLOT_MODEL (model)->slots->len;
}

static gpointer
box_slot_model_get_item (GListModel *model,
                         guint       position)
{
  BoxSlotModel *self = BOX_SLOT_MODEL (model);
  BoxListSlot *slot;

  if (position >= self->slots->len)
    return NULL;

  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      slot = box_list_slot_new (self->model, position);
      g_ptr_array_index (self->slots, position) = slot;
    }
  return g_object_ref (slot);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = box_slot_model_get_item_type;
  iface->get_n_items = box_slot_model_get_n_items;
  iface->get_item = box_slot_model_get_item;
}

static void
clear_slot (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

/* Drops the slots nobody but us holds: the list view asked for them and let go. */
static void
prune (BoxSlotModel *self)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      BoxListSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL && G_OBJECT (slot)->ref_count == 1)
        {
          g_ptr_array_index (self->slots, i) = NULL;
          g_object_unref (slot);
        }
    }
}

/* The source changed: slots that someone holds (the list view's rows) show their
 * position's new attendee; the others are dropped. */
static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  BoxSlotModel *self)
{
  guint old_n = self->slots->len;
  guint new_n = g_list_model_get_n_items (model);
  /* One row changed (a check-in), or everything from @position on. */
  guint end = old_n == new_n && removed == added ? position + added : new_n;

  for (guint i = 0; i < self->slots->len; i++)
    {
      BoxListSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot == NULL)
        continue;
      if (i >= new_n || G_OBJECT (slot)->ref_count == 1)
        {
          g_ptr_array_index (self->slots, i) = NULL;
          g_object_unref (slot);
        }
      else if (i >= position && i < end)
        {
          g_autoptr(GObject) attendee = g_list_model_get_item (model, i);
          box_list_slot_set_attendee (slot, (BoxAttendee *)attendee);
        }
    }
  g_ptr_array_set_size (self->slots, new_n);

  /* Same count: every row changed in place. Else the view learns the new count, and
   * finds its rows' slots among the new items. */
  if (old_n != new_n)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
      prune (self);
    }
}

static void
box_slot_model_dispose (GObject *object)
{
  BoxSlotModel *self = (BoxSlotModel *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);
  if (self->slots != NULL)
    g_ptr_array_set_size (self->slots, 0);

  G_OBJECT_CLASS (box_slot_model_parent_class)->dispose (object);
}

static void
box_slot_model_finalize (GObject *object)
{
  g_ptr_array_unref (BOX_SLOT_MODEL (object)->slots);
  G_OBJECT_CLASS (box_slot_model_parent_class)->finalize (object);
}

static void
box_slot_model_class_init (BoxSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = box_slot_model_dispose;
  object_class->finalize = box_slot_model_finalize;
}

static void
box_slot_model_init (BoxSlotModel *self)
{
  self->slots = g_ptr_array_new_with_free_func (clear_slot);
}

BoxSlotModel *
box_slot_model_new (void)
{
  return g_object_new (BOX_TYPE_SLOT_MODEL, NULL);
}

/**
 * box_slot_model_set_model:
 * @model: (nullable): a list of BoxAttendee
 */
void
box_slot_model_set_model (BoxSlotModel *self,
                          GListModel   *model)
{
  guint old_n;

  g_return_if_fail (BOX_IS_SLOT_MODEL (self));

  old_n = self->slots->len;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_set_object (&self->model, model);
  g_ptr_array_set_size (self->slots, 0);
  if (model != NULL)
    {
      g_ptr_array_set_size (self->slots, g_list_model_get_n_items (model));
      g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->slots->len);
  prune (self);
}

GListModel *
box_slot_model_get_model (BoxSlotModel *self)
{
  g_return_val_if_fail (BOX_IS_SLOT_MODEL (self), NULL);
  return self->model;
}
