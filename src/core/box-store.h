/* box-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "box-checkin.h"
#include "box-types.h"

G_BEGIN_DECLS

#define BOX_TYPE_STORE (box_store_get_type ())
G_DECLARE_FINAL_TYPE (BoxStore, box_store, BOX, STORE, GObject)

#define BOX_STORE_SCHEMA_VERSION 6

BoxStore      *box_store_open                  (const char    *path,
                                                GError       **error);
int            box_store_get_schema_version    (BoxStore      *self);
const char    *box_store_get_path              (BoxStore      *self);

/* Accounts (never their secrets). */
char          *box_store_make_account_id       (BoxStore      *self,
                                                const char    *wanted);
gboolean       box_store_add_account           (BoxStore      *self,
                                                BoxAccount    *account,
                                                GError       **error);
GPtrArray     *box_store_list_accounts         (BoxStore      *self,
                                                GError       **error);
BoxAccount    *box_store_get_account           (BoxStore      *self,
                                                const char    *account_id,
                                                GError       **error);
gboolean       box_store_remove_account        (BoxStore      *self,
                                                const char    *account_id,
                                                GError       **error);
gboolean       box_store_set_account_state     (BoxStore      *self,
                                                const char    *account_id,
                                                BoxAccountState state,
                                                GError       **error);

/* Events. */
gboolean       box_store_put_events            (BoxStore      *self,
                                                const char    *account_id,
                                                GPtrArray     *events,
                                                GError       **error);
GPtrArray     *box_store_list_events           (BoxStore      *self,
                                                const char    *account_id,
                                                GError       **error);
BoxEvent      *box_store_get_event             (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                GError       **error);
char          *box_store_get_sync_cursor       (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id);
gint64         box_store_get_synced_at         (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id);

/* Attendees. box_store_put_attendees() may run in a worker thread. */
gboolean       box_store_put_attendees         (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                GPtrArray     *attendees,
                                                gboolean       complete,
                                                const char    *cursor,
                                                GError       **error);
gboolean       box_store_put_attendees_part    (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                GPtrArray     *attendees,
                                                gint64        *gen,
                                                gboolean       last,
                                                gboolean       complete,
                                                const char    *cursor,
                                                GError       **error);
gboolean       box_store_put_attendee          (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                BoxAttendee   *attendee,
                                                GError       **error);
GPtrArray     *box_store_list_attendees        (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                GError       **error);
GPtrArray     *box_store_list_attendees_by_email (BoxStore    *self,
                                                  const char  *account_id,
                                                  const char  *event_id,
                                                  const char  *email,
                                                  guint        limit,
                                                  GError     **error);
BoxAttendee   *box_store_get_attendee          (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                const char    *code,
                                                GError       **error);
GArray        *box_store_search_ids            (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                const char    *query,
                                                guint          limit,
                                                GError       **error);
BoxAttendee   *box_store_get_attendee_by_id    (BoxStore      *self,
                                                gint64         id,
                                                GError       **error);
gint64         box_store_get_attendee_id       (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                const char    *code);
GPtrArray     *box_store_search                (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                const char    *query,
                                                guint          limit,
                                                GError       **error);

/* Questions asked at check-in. */
gboolean       box_store_put_questions         (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                GPtrArray     *questions,
                                                GError       **error);
GPtrArray     *box_store_list_questions        (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                GError       **error);

/* Name tags printed. */
gboolean       box_store_record_print          (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                const char    *code,
                                                gint64         printed_at,
                                                const char    *desk,
                                                const char    *target,
                                                GError       **error);
gboolean       box_store_get_last_print        (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                const char    *code,
                                                gint64        *printed_at,
                                                char         **desk);
GPtrArray     *box_store_list_to_print         (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                gint64         since,
                                                gboolean       unprinted,
                                                GError       **error);

/* Check-ins and the outbox. */
gboolean       box_store_record_checkin        (BoxStore      *self,
                                                BoxCheckin    *checkin,
                                                GError       **error);
gboolean       box_store_update_checkin        (BoxStore      *self,
                                                BoxCheckin    *checkin,
                                                BoxAttendee   *provider_attendee,
                                                GError       **error);
gboolean       box_store_drop_pending_checkin  (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                const char    *code,
                                                gboolean      *dropped,
                                                GError       **error);
gboolean       box_store_drop_later_undos      (BoxStore      *self,
                                                BoxCheckin    *checkin,
                                                GError       **error);
gboolean       box_store_get_checkin_state     (BoxStore      *self,
                                                gint64         checkin_id,
                                                BoxCheckinState *state);
GPtrArray     *box_store_list_outbox           (BoxStore      *self,
                                                const char    *account_id,
                                                GError       **error);
GPtrArray     *box_store_list_latest_checkins  (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                GError       **error);
GPtrArray     *box_store_list_recent_checkins  (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                guint          limit,
                                                GError       **error);
BoxEventStats *box_store_get_stats             (BoxStore      *self,
                                                const char    *account_id,
                                                const char    *event_id,
                                                GError       **error);

/* Where the words of a search must match. */
typedef enum
{
  BOX_SEARCH_ANYWHERE = 0,    /* any word of name, e-mail, company, codes */
  BOX_SEARCH_NAME_START,      /* the first word starts the name */
  BOX_SEARCH_NAME_WORDS,      /* every word starts a word of the name */
} BoxSearchScope;

char          *box_store_build_fts_query       (const char     *query,
                                                BoxSearchScope  scope);

G_END_DECLS
