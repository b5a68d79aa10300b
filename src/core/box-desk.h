/* box-desk.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "box-provider.h"
#include "box-types.h"
#include "box-attendee-list.h"

G_BEGIN_DECLS

#define BOX_TYPE_DESK (box_desk_get_type ())
G_DECLARE_FINAL_TYPE (BoxDesk, box_desk, BOX, DESK, GObject)

typedef enum
{
  BOX_CHECKIN_FLAGS_NONE          = 0,
  BOX_CHECKIN_FLAGS_FORCE         = 1 << 0,
  BOX_CHECKIN_FLAGS_IGNORE_UNPAID = 1 << 1,
  /* Go ahead without the provider's questions (a file cannot be uploaded at the desk):
   * unlike FORCE, a ticket already checked in is still refused. */
  BOX_CHECKIN_FLAGS_SKIP_QUESTIONS = 1 << 2,
} BoxCheckinFlags;

BoxDesk       *box_desk_new                  (const char           *profile_dir,
                                              GError              **error);
const char    *box_desk_get_profile_dir      (BoxDesk              *self);
const char    *box_desk_get_desk_name        (BoxDesk              *self);
void           box_desk_set_desk_name        (BoxDesk              *self,
                                              const char           *desk_name);

gboolean       box_desk_event_is_downloaded  (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id);

/* Accounts */
BoxProviderFlags box_desk_get_account_flags  (BoxDesk              *self,
                                              const char           *account_id);
GPtrArray     *box_desk_list_accounts        (BoxDesk              *self,
                                              GError              **error);
BoxAccount    *box_desk_get_account          (BoxDesk              *self,
                                              const char           *account_id,
                                              GError              **error);
void           box_desk_add_account_async    (BoxDesk              *self,
                                              const char           *kind,
                                              const char           *name,
                                              const char           *base_url,
                                              GHashTable           *credentials,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
BoxAccount    *box_desk_add_account_finish   (BoxDesk              *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* Finishes with box_desk_add_account_finish(). */
void           box_desk_reconnect_account_async (BoxDesk           *self,
                                                 const char        *account_id,
                                                 GHashTable        *credentials,
                                                 GCancellable      *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer           user_data);
void           box_desk_remove_account_async (BoxDesk              *self,
                                              const char           *account_id,
                                              gboolean              discard_queue,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean       box_desk_remove_account_finish (BoxDesk             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Events and sync */
GPtrArray     *box_desk_list_events          (BoxDesk              *self,
                                              GError              **error);
void           box_desk_refresh_events_async (BoxDesk              *self,
                                              const char           *account_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean       box_desk_refresh_events_finish (BoxDesk             *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void           box_desk_sync_async           (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              gboolean              full,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean       box_desk_sync_finish          (BoxDesk              *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Attendees */
gboolean       box_desk_parse_event_ref      (const char           *ref,
                                              char                **account_id,
                                              char                **event_id,
                                              GError              **error);
BoxEvent      *box_desk_get_event            (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              GError              **error);
GPtrArray     *box_desk_list_attendees       (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              GError              **error);
char          *box_desk_export_csv           (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              guint                *n_attendees,
                                              GError              **error);
GPtrArray     *box_desk_search               (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              const char           *query,
                                              guint                 limit,
                                              GError              **error);

void           box_desk_search_remote_async  (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              const char           *query,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray     *box_desk_search_remote_finish (BoxDesk              *self,
                                              GAsyncResult         *result,
                                              GError              **error);
BoxAttendeeList *box_desk_open_attendees     (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id);
BoxAttendee   *box_desk_get_attendee         (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              const char           *code,
                                              GError              **error);
/* Self-service: one person, or nobody. */
#define BOX_DESK_FIND_MIN_LETTERS 2
BoxAttendee   *box_desk_find_one             (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              const char           *code,
                                              const char           *email,
                                              const char           *last_name_start,
                                              GError              **error);
void           box_desk_sign_in_delegate_async  (BoxDesk           *self,
                                                 const char        *account_id,
                                                 const char        *event_id,
                                                 GCancellable      *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer           user_data);
BoxAttendee   *box_desk_sign_in_delegate_finish (BoxDesk           *self,
                                                 GAsyncResult      *result,
                                                 GPtrArray        **others,
                                                 GError           **error);
char          *box_desk_get_logout_uri       (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *redirect);
GPtrArray     *box_desk_list_recent_checkins (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              guint                 limit,
                                              GError              **error);

/* Name tags */
gboolean       box_desk_record_print         (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              const char           *code,
                                              const char           *target,
                                              GError              **error);
gboolean       box_desk_get_last_print       (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              const char           *code,
                                              gint64               *printed_at,
                                              char                **desk);
GPtrArray     *box_desk_list_to_print        (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              gint64                since,
                                              gboolean              unprinted,
                                              GError              **error);

/* Check-in */
void           box_desk_check_in_async       (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              const char           *code,
                                              BoxCheckinFlags       flags,
                                              GHashTable           *answers,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
BoxCheckin    *box_desk_check_in_finish      (BoxDesk              *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void           box_desk_undo_async           (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              const char           *code,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
BoxCheckin    *box_desk_undo_finish          (BoxDesk              *self,
                                              GAsyncResult         *result,
                                              GError              **error);
GPtrArray     *box_desk_list_queue           (BoxDesk              *self,
                                              GError              **error);
BoxEventStats *box_desk_get_stats            (BoxDesk              *self,
                                              const char           *account_id,
                                              const char           *event_id,
                                              GError              **error);
void           box_desk_fetch_provider_stats_async  (BoxDesk          *self,
                                                     const char       *account_id,
                                                     const char       *event_id,
                                                     GCancellable     *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer          user_data);
BoxEventStats *box_desk_fetch_provider_stats_finish (BoxDesk          *self,
                                                     GAsyncResult     *result,
                                                     GError          **error);

G_END_DECLS
