/* box-event.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "box-types.h"

G_BEGIN_DECLS

#define BOX_TYPE_EVENT (box_event_get_type ())
G_DECLARE_FINAL_TYPE (BoxEvent, box_event, BOX, EVENT, GObject)


BoxEvent   *box_event_new                  (const char *account_id,
                                            const char *id,
                                            const char *name);
const char *box_event_get_account_id       (BoxEvent   *self);
const char *box_event_get_id               (BoxEvent   *self);
const char *box_event_get_name             (BoxEvent   *self);
void        box_event_set_name             (BoxEvent   *self,
                                            const char *name);
/* Unix time in seconds; 0 when the provider gives none. */
gint64      box_event_get_starts_at        (BoxEvent   *self);
void        box_event_set_starts_at        (BoxEvent   *self,
                                            gint64      starts_at);
gint64      box_event_get_ends_at          (BoxEvent   *self);
void        box_event_set_ends_at          (BoxEvent   *self,
                                            gint64      ends_at);
/* Counts from the local store (filled by BoxStore, not by providers). */
guint       box_event_get_attendee_count   (BoxEvent   *self);
void        box_event_set_attendee_count   (BoxEvent   *self,
                                            guint       count);
guint       box_event_get_checked_in_count (BoxEvent   *self);
void        box_event_set_checked_in_count (BoxEvent   *self,
                                            guint       count);

G_END_DECLS
