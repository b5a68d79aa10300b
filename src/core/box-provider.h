/* box-provider.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "box-oauth.h"
#include "box-types.h"

G_BEGIN_DECLS

#define BOX_TYPE_PROVIDER (box_provider_get_type ())
G_DECLARE_INTERFACE (BoxProvider, box_provider, BOX, PROVIDER, GObject)

typedef enum
{
  BOX_PROVIDER_CAN_CHECK_IN     = 1 << 0,
  BOX_PROVIDER_CAN_UNDO         = 1 << 1,
  BOX_PROVIDER_HAS_NAMETAG_HTML = 1 << 2,
  BOX_PROVIDER_HAS_QUESTIONS    = 1 << 3,
  BOX_PROVIDER_INCREMENTAL      = 1 << 4,
  BOX_PROVIDER_REMOTE_SEARCH    = 1 << 5,
  BOX_PROVIDER_STATISTICS       = 1 << 6,
  BOX_PROVIDER_DELEGATE_ONLY    = 1 << 7,
} BoxProviderFlags;

/**
 * BoxAttendeePage:
 * @attendees: (element-type BoxAttendee): what the provider sent
 * @cursor: (nullable): where the next incremental fetch starts
 * @complete: %TRUE when @attendees is the whole list (a full fetch), so that attendees
 *   missing from it are gone at the provider
 * @questions: (nullable) (element-type BoxQuestion): every question asked at check-in
 *   for the event, when the provider sent them with the list
 * @more: %TRUE when this is one page of several: fetch again with @cursor for the next
 *   one. @cursor is then the provider's place in the list, never saved; @complete and
 *   the cursor to save come with the last page.
 * @total: (optional): how many attendees the whole fetch brings, when the provider says
 */
typedef struct
{
  GPtrArray *attendees;
  char      *cursor;
  gboolean   complete;
  GPtrArray *questions;
  gboolean   more;
  guint      total;
} BoxAttendeePage;

void box_attendee_page_free (BoxAttendeePage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoxAttendeePage, box_attendee_page_free)

struct _BoxProviderInterface
{
  GTypeInterface parent_iface;

  BoxProviderFlags (*get_flags)              (BoxProvider          *self);

  /* Checks the credential (and turns an e-mail + password into a token): the result is
   * the secret to keep for the account. */
  void             (*sign_in_async)          (BoxProvider          *self,
                                              GHashTable           *credentials,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
  char            *(*sign_in_finish)         (BoxProvider          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

  void             (*list_events_async)      (BoxProvider          *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
  GPtrArray       *(*list_events_finish)     (BoxProvider          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

  void             (*fetch_attendees_async)  (BoxProvider          *self,
                                              const char           *event_id,
                                              const char           *cursor,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
  BoxAttendeePage *(*fetch_attendees_finish) (BoxProvider          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

  /* Sends a check-in or undo recorded at the desk. The provider sets the result,
   * message and (when it has one) the attendee on @checkin. It must be safe to send the
   * same @checkin twice (after a crash): a provider that cannot tell a retry from a
   * new check-in looks first. Transient failures are errors (box_error_is_transient()). */
  void             (*check_in_async)         (BoxProvider          *self,
                                              BoxCheckin           *checkin,
                                              GHashTable           *answers,
                                              gboolean              force,
                                              gboolean              ignore_unpaid,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
  gboolean         (*check_in_finish)        (BoxProvider          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

  /* Optional (BOX_PROVIDER_REMOTE_SEARCH): the provider's own search, for an event whose
   * list is not on this computer yet. */
  void             (*search_async)           (BoxProvider          *self,
                                              const char           *event_id,
                                              const char           *query,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
  GPtrArray       *(*search_finish)          (BoxProvider          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

  /* Optional (BOX_PROVIDER_STATISTICS): the provider's own figures for an event (sold,
   * capacity, revenue...), as BoxEventStats figures. */
  void             (*fetch_statistics_async) (BoxProvider          *self,
                                              const char           *event_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
  BoxEventStats   *(*fetch_statistics_finish) (BoxProvider         *self,
                                              GAsyncResult         *result,
                                              GError              **error);

  /* Optional: ends the session the secret stands for, when the account is removed. */
  void             (*sign_out_async)         (BoxProvider          *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
  gboolean         (*sign_out_finish)        (BoxProvider          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

  /* Optional (BOX_PROVIDER_DELEGATE_ONLY): where a delegate signs in with their own
   * account on a self-service screen, through the account's client; and the site page
   * that ends the delegate's browser session there, then goes on to @redirect. */
  BoxOAuthEndpoints *(*get_delegate_oauth)   (BoxProvider          *self,
                                              GError              **error);
  char             *(*get_logout_uri)        (BoxProvider          *self,
                                              const char           *redirect);
};

/* Creating providers: each provider module registers a factory by kind ("fienta"). */
typedef BoxProvider *(*BoxProviderFactory) (BoxAccount  *account,
                                            const char  *secret,
                                            GError     **error);

void              box_provider_register           (const char          *kind,
                                                   const char          *label,
                                                   const char          *default_base_url,
                                                   BoxProviderFactory   factory);
/* Providers set up from a code (Eventyay's device setup): setup text -> API address. */
typedef char     *(*BoxProviderSetupReader) (const char  *setup,
                                             GError     **error);
void              box_provider_set_setup_reader   (const char          *kind,
                                                   BoxProviderSetupReader reader);
char             *box_provider_kind_read_setup    (const char          *kind,
                                                   const char          *setup,
                                                   GError             **error);
gboolean          box_provider_kind_is_known      (const char          *kind);
const char       *box_provider_kind_get_label     (const char          *kind);
const char       *box_provider_kind_get_default_base_url (const char   *kind);
BoxProvider      *box_provider_new_for_account    (BoxAccount          *account,
                                                   const char          *secret,
                                                   GError             **error);

/* Providers that sign in with OAuth2 (Floktu, Currinda): @credentials are what the
 * person typed (client id and secret, site, scope...); the result says where to send
 * the browser. After the flow, sign_in() gets the same credentials plus the token
 * answer ("access_token", and "refresh_token", "expires_in" when the provider sent
 * them) and checks the token with one request. */
typedef BoxOAuthEndpoints *(*BoxProviderOAuthSetup) (const char  *base_url,
                                                     GHashTable  *credentials,
                                                     GError     **error);
void              box_provider_set_oauth_setup    (const char          *kind,
                                                   BoxProviderOAuthSetup setup);
gboolean          box_provider_kind_uses_oauth    (const char          *kind);
BoxOAuthEndpoints *box_provider_kind_oauth_setup  (const char          *kind,
                                                   const char          *base_url,
                                                   GHashTable          *credentials,
                                                   GError             **error);

BoxProviderFlags  box_provider_get_flags          (BoxProvider          *self);
BoxOAuthEndpoints *box_provider_get_delegate_oauth (BoxProvider         *self,
                                                   GError             **error);
char             *box_provider_get_logout_uri     (BoxProvider          *self,
                                                   const char           *redirect);
void              box_provider_sign_in_async      (BoxProvider          *self,
                                                   GHashTable           *credentials,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
char             *box_provider_sign_in_finish     (BoxProvider          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void              box_provider_list_events_async  (BoxProvider          *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray        *box_provider_list_events_finish (BoxProvider          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void              box_provider_fetch_attendees_async  (BoxProvider      *self,
                                                       const char       *event_id,
                                                       const char       *cursor,
                                                       GCancellable     *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer          user_data);
BoxAttendeePage  *box_provider_fetch_attendees_finish (BoxProvider      *self,
                                                       GAsyncResult     *result,
                                                       GError          **error);
void              box_provider_check_in_async     (BoxProvider          *self,
                                                   BoxCheckin           *checkin,
                                                   GHashTable           *answers,
                                                   gboolean              force,
                                                   gboolean              ignore_unpaid,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          box_provider_check_in_finish    (BoxProvider          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void              box_provider_search_async       (BoxProvider          *self,
                                                   const char           *event_id,
                                                   const char           *query,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray        *box_provider_search_finish      (BoxProvider          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void              box_provider_fetch_statistics_async  (BoxProvider      *self,
                                                       const char       *event_id,
                                                       GCancellable     *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer          user_data);
BoxEventStats    *box_provider_fetch_statistics_finish (BoxProvider      *self,
                                                       GAsyncResult     *result,
                                                       GError          **error);
void              box_provider_sign_out_async     (BoxProvider          *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          box_provider_sign_out_finish    (BoxProvider          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
