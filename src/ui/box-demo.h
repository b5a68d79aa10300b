/* box-demo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BOX_TYPE_DEMO (box_demo_get_type ())
G_DECLARE_FINAL_TYPE (BoxDemo, box_demo, BOX, DEMO, GObject)

/* The sample Fienta API key the demo server accepts. */
#define BOX_DEMO_FIENTA_KEY "0123456789abcdef0123456789abcdef"
/* The key of the demo server's Eventyay check-in device for every event. */
#define BOX_DEMO_EVENTYAY_KEY "EVENTYAYKEYabcdefghijklmnop012345"
/* The demo server's TickeTing door staff user, who administers the sample events' host. */
#define BOX_DEMO_TICKETING_USER     "doorstaff"
#define BOX_DEMO_TICKETING_PASSWORD "demo-password"

/* The demo server's Floktu and Currinda applications; the demo mints their tokens
 * instead of signing in in a browser. */
#define BOX_DEMO_FLOKTU_CLIENT_ID       "floktu-demo-client"
#define BOX_DEMO_FLOKTU_CLIENT_SECRET   "floktu-demo-secret"
#define BOX_DEMO_CURRINDA_CLIENT_ID     "currinda-demo-client"
#define BOX_DEMO_CURRINDA_CLIENT_SECRET "currinda-demo-secret"
/* The Currinda organisation the demo reads, and its member who signs in. */
#define BOX_DEMO_CURRINDA_ORGANISATION  "19"
#define BOX_DEMO_CURRINDA_MEMBER        "michael.gall@example.com"

void        box_demo_start_async     (GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
BoxDemo    *box_demo_start_finish    (GAsyncResult        *result,
                                      GError             **error);
const char *box_demo_get_profile_dir (BoxDemo             *self);
char       *box_demo_get_base_url    (BoxDemo             *self,
                                      const char          *provider_path);
char       *box_demo_get_eventyay_setup (BoxDemo          *self);
void        box_demo_mint_token_async (BoxDemo            *self,
                                       const char         *provider,
                                       const char         *request,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
GHashTable *box_demo_mint_token_finish (BoxDemo           *self,
                                        GAsyncResult      *result,
                                        GError           **error);
void        box_demo_stop            (BoxDemo             *self);

G_END_DECLS
