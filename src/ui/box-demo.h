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

void        box_demo_start_async     (GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
BoxDemo    *box_demo_start_finish    (GAsyncResult        *result,
                                      GError             **error);
const char *box_demo_get_profile_dir (BoxDemo             *self);
char       *box_demo_get_base_url    (BoxDemo             *self,
                                      const char          *provider_path);
char       *box_demo_get_eventyay_setup (BoxDemo          *self);
void        box_demo_stop            (BoxDemo             *self);

G_END_DECLS
