/* box-oauth.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "box-types.h"

G_BEGIN_DECLS

/**
 * BoxOAuthEndpoints:
 * @authorize_url: where the browser goes (the provider's authorize page), no query
 * @token_url: where the code is exchanged for a token
 * @client_id: the application's client id at the provider
 * @client_secret: the application's client secret
 * @scope: (nullable): the scopes asked for, already joined as the provider wants them
 *
 * What one provider needs for the authorization-code flow.
 */
typedef struct
{
  char *authorize_url;
  char *token_url;
  char *client_id;
  char *client_secret;
  char *scope;
  /* Optional: "login" asks the site for the person's password even when its browser
   * session is still signed in (a shared screen). */
  char *prompt;
} BoxOAuthEndpoints;

BoxOAuthEndpoints *box_oauth_endpoints_new  (const char        *authorize_url,
                                             const char        *token_url,
                                             const char        *client_id,
                                             const char        *client_secret,
                                             const char        *scope);
void               box_oauth_endpoints_free (BoxOAuthEndpoints *endpoints);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoxOAuthEndpoints, box_oauth_endpoints_free)

/* How long the loopback listener waits for the browser by default, in seconds. */
#define BOX_OAUTH_DEFAULT_TIMEOUT 600

#define BOX_TYPE_OAUTH (box_oauth_get_type ())
G_DECLARE_FINAL_TYPE (BoxOAuth, box_oauth, BOX, OAUTH, GObject)

BoxOAuth   *box_oauth_new              (const char           *label,
                                        const BoxOAuthEndpoints *endpoints);
void        box_oauth_set_timeout      (BoxOAuth             *self,
                                        guint                 seconds);
const char *box_oauth_get_redirect_uri (BoxOAuth             *self);
void        box_oauth_authorize_async  (BoxOAuth             *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GHashTable *box_oauth_authorize_finish (BoxOAuth             *self,
                                        GAsyncResult         *result,
                                        GError              **error);

void        box_oauth_refresh_async    (const char           *label,
                                        const BoxOAuthEndpoints *endpoints,
                                        const char           *refresh_token,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GHashTable *box_oauth_refresh_finish   (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
