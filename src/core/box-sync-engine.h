/* box-sync-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "box-types.h"

G_BEGIN_DECLS

#define BOX_TYPE_SYNC_ENGINE (box_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (BoxSyncEngine, box_sync_engine, BOX, SYNC_ENGINE, GObject)

BoxSyncEngine *box_sync_engine_new                (BoxStore             *store);

void           box_sync_engine_send_async         (BoxSyncEngine        *self,
                                                   BoxProvider          *provider,
                                                   BoxCheckin           *checkin,
                                                   GHashTable           *answers,
                                                   gboolean              force,
                                                   gboolean              ignore_unpaid,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       box_sync_engine_send_finish        (BoxSyncEngine        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void           box_sync_engine_push_async         (BoxSyncEngine        *self,
                                                   BoxProvider          *provider,
                                                   const char           *account_id,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
guint          box_sync_engine_push_finish        (BoxSyncEngine        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void           box_sync_engine_pull_async         (BoxSyncEngine        *self,
                                                   BoxProvider          *provider,
                                                   const char           *account_id,
                                                   const char           *event_id,
                                                   gboolean              full,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
guint          box_sync_engine_pull_finish        (BoxSyncEngine        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
