/* box-slot-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BOX_TYPE_SLOT_MODEL (box_slot_model_get_type ())
G_DECLARE_FINAL_TYPE (BoxSlotModel, box_slot_model, BOX, SLOT_MODEL, GObject)

BoxSlotModel *box_slot_model_new       (void);
void          box_slot_model_set_model (BoxSlotModel *self,
                                        GListModel   *model);
GListModel   *box_slot_model_get_model (BoxSlotModel *self);

G_END_DECLS
